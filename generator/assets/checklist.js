/* Rolebook onboarding checklist: ticks, start date and progress kept in this browser
   (localStorage), due dates in the page's language, a reset, and an .ics export.
   Nothing is sent anywhere. Without JavaScript the page is a plain, printable list. */
(function () {
  "use strict";
  var dataNode = document.getElementById("rb-checklist-data");
  if (!dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var storeKey = "rolebook:onboarding:" + data.role;
  var lang = document.documentElement.lang || data.lang;

  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey)) || {}; } catch (e) { return {}; }
  }
  function save(state) {
    try { localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }
  var state = load();
  state.done = state.done || {};

  var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-rb-item]"));
  var start = document.querySelector("[data-rb-start]");

  function addDays(iso, days) {
    var parts = iso.split("-").map(Number);
    var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    date.setUTCDate(date.getUTCDate() + days);
    return date;
  }
  function showDates() {
    var iso = state.start;
    document.querySelectorAll("[data-rb-key]").forEach(function (li) {
      var out = li.querySelector("[data-rb-date]");
      if (!out) return;
      if (!iso) { out.textContent = ""; return; }
      var date = addDays(iso, Number(li.getAttribute("data-rb-due")));
      out.textContent = " (" + date.toLocaleDateString(lang, {
        weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
      }) + ")";
    });
  }
  function showProgress() {
    var groups = {};
    boxes.forEach(function (box) {
      var phase = box.closest("[data-rb-phase]").getAttribute("data-rb-phase");
      [phase, "all"].forEach(function (name) {
        groups[name] = groups[name] || { done: 0, total: 0 };
        groups[name].total += 1;
        if (box.checked) groups[name].done += 1;
      });
    });
    Object.keys(groups).forEach(function (name) {
      var node = document.querySelector('[data-rb-progress="' + name + '"]');
      if (!node) return;
      node.hidden = false;
      var bar = node.querySelector("progress");
      bar.max = groups[name].total;
      bar.value = groups[name].done;
      node.querySelector("[data-rb-progress-text]").textContent =
        data.labels.done_of.replace("{done}", groups[name].done).replace("{total}", groups[name].total);
    });
  }
  function escapeIcs(text) {
    return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
  }
  function fold(line) {
    var out = [];
    while (line.length > 74) { out.push(line.slice(0, 74)); line = " " + line.slice(74); }
    out.push(line);
    return out.join("\r\n");
  }
  function ymd(date) {
    return date.toISOString().slice(0, 10).replace(/-/g, "");
  }
  function ics() {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rolebook//Onboarding//" + lang.toUpperCase(),
      "CALSCALE:GREGORIAN", "X-WR-CALNAME:" + escapeIcs(data.title)];
    var stamp = ymd(addDays(state.start, 0)) + "T000000Z";
    data.items.forEach(function (item) {
      var day = addDays(state.start, item.due);
      var next = addDays(state.start, item.due + 1);
      lines.push("BEGIN:VEVENT", "UID:" + item.key + "-" + data.role + "@rolebook", "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + ymd(day), "DTEND;VALUE=DATE:" + ymd(next),
        "SUMMARY:" + escapeIcs(item.text), "CATEGORIES:" + escapeIcs(item.owner), "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  var controls = document.querySelector("[data-rb-controls]");
  if (controls) controls.hidden = false;
  boxes.forEach(function (box) {
    box.checked = !!state.done[box.getAttribute("data-rb-item")];
    box.addEventListener("change", function () {
      var key = box.getAttribute("data-rb-item");
      if (box.checked) state.done[key] = true; else delete state.done[key];
      save(state);
      showProgress();
    });
  });
  if (start) {
    if (state.start) start.value = state.start;
    start.addEventListener("change", function () {
      state.start = start.value || undefined;
      save(state);
      showDates();
    });
  }
  var reset = document.querySelector("[data-rb-reset]");
  if (reset) reset.addEventListener("click", function () {
    // one click would wipe every tick and the start date: ask first
    var question = reset.getAttribute("data-rb-reset");
    if (question && !window.confirm(question)) return;
    state = { done: {} };
    save(state);
    boxes.forEach(function (box) { box.checked = false; });
    if (start) start.value = "";
    showDates();
    showProgress();
  });
  var printButton = document.querySelector("[data-rb-print]");
  if (printButton) printButton.addEventListener("click", function () { window.print(); });
  var icsButton = document.querySelector("[data-rb-ics]");
  if (icsButton) icsButton.addEventListener("click", function () {
    if (!state.start) { if (start) start.focus(); return; }
    var blob = new Blob([ics()], { type: "text/calendar;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "onboarding-" + data.role + ".ics";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  showDates();
  showProgress();
})();

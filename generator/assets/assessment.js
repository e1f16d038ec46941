/* Rolebook self-assessment: levels and notes per competency, a result that stays in view (the
   gap with this role and with a role to compare with, the largest gaps with the next level's
   behaviour), kept in localStorage; the chosen levels also in the URL (#...), never the name,
   date or notes; exported as JSON or CSV and imported from JSON. Nothing is sent anywhere.
   The gap per competency is as in generator/competencies.py, max(0, required - chosen); the
   totals here count answered competencies only, so the page starts neutral, and a comparison
   counts only what this page can score (the rest is "new for that role"). */
(function () {
  "use strict";
  var dataNode = document.getElementById("rb-assessment-data");
  var root = document.querySelector("[data-rb-assessment]");
  if (!dataNode || !root) return;
  var data = JSON.parse(dataNode.textContent);
  // The page holds this role and its default comparison; every other role comes from the site's
  // shared script (assessment-roles.js), in catalog order, after this role.
  var select = root.querySelector("select[data-rb-field=against]");
  (window.rolebookAssessmentRoles || []).forEach(function (other) {
    if (other.id === data.role) return;
    data.roles[other.id] = data.roles[other.id] || { title: other.title, levels: other.levels };
    if (!select) return;
    var option = select.querySelector("option[value='" + CSS.escape(other.id) + "']");
    if (!option) {
      option = document.createElement("option");
      option.value = other.id;
      option.textContent = other.title;
    }
    select.appendChild(option);  // moves a server-rendered option into catalog order
  });
  var storeKey = "rolebook:assessment:" + data.role;
  var comps = Array.prototype.slice.call(root.querySelectorAll("[data-rb-comp]"));

  function blank() { return { levels: {}, notes: {}, name: "", date: "", against: data.defaultAgainst }; }

  function fromHash() {
    if (location.hash.length < 2) return null;
    var params = new URLSearchParams(location.hash.slice(1));
    if (!params.has("r") || params.get("r") !== data.role) return null;
    var state = blank();
    params.forEach(function (value, key) {
      if (key.indexOf("l.") === 0) state.levels[key.slice(2)] = Number(value);
      else if (key.indexOf("n.") === 0) state.notes[key.slice(2)] = value;
      else if (key === "name") state.name = value;
      else if (key === "date") state.date = value;
      else if (key === "vs") state.against = value;
    });
    return state;
  }
  function toHash(state) {
    var params = new URLSearchParams();
    params.set("r", data.role);
    Object.keys(state.levels).sort().forEach(function (id) { params.set("l." + id, state.levels[id]); });
    // the name, the date and the notes stay out of the link: it ends up in the browser's
    // history and in whatever it is shared with
    if (state.against) params.set("vs", state.against);
    return "#" + params.toString();
  }
  function sameLevels(a, b) {
    var keys = Object.keys(a || {});
    return keys.length === Object.keys(b || {}).length && keys.every(function (k) { return String(a[k]) === String(b[k]); });
  }
  function load() {
    var stored = null;
    try {
      stored = JSON.parse(localStorage.getItem(storeKey));
      if (!stored || !stored.levels) stored = null;
    } catch (e) { /* nothing stored */ }
    var hashed = fromHash();
    if (!hashed) return stored ? Object.assign(blank(), stored) : blank();
    // the link carries levels only: this browser's name, date and notes stay with them when
    // the link is this browser's own (same levels), never when it brings someone else's
    if (stored && sameLevels(stored.levels, hashed.levels)) {
      return Object.assign(blank(), stored, { levels: hashed.levels, against: hashed.against });
    }
    return hashed;
  }
  // Every value from the link, the browser's storage or an imported file is checked against the
  // roles and levels this page knows: "__proto__" or a level of 99 is ignored, with a notice.
  function hasOwn(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  var maxLevel = {};
  comps.forEach(function (fieldset) {
    var levels = Array.prototype.map.call(fieldset.querySelectorAll("input[type=radio]"), function (r) { return Number(r.value); });
    maxLevel[fieldset.getAttribute("data-rb-comp")] = Math.max.apply(null, levels.concat([0]));
  });
  function validated(candidate) {
    var clean = blank(), dropped = 0;
    candidate = candidate && typeof candidate === "object" ? candidate : {};
    var levels = candidate.levels && typeof candidate.levels === "object" ? candidate.levels : {};
    Object.keys(levels).forEach(function (id) {
      var level = Number(levels[id]);
      if (hasOwn(maxLevel, id) && Number.isInteger(level) && level >= 1 && level <= maxLevel[id]) clean.levels[id] = level;
      else dropped += 1;
    });
    var notes = candidate.notes && typeof candidate.notes === "object" ? candidate.notes : {};
    Object.keys(notes).forEach(function (id) {
      if (hasOwn(maxLevel, id) && typeof notes[id] === "string") clean.notes[id] = notes[id];
      else dropped += 1;
    });
    clean.name = typeof candidate.name === "string" ? candidate.name : "";
    clean.date = typeof candidate.date === "string" ? candidate.date : "";
    if (candidate.against !== undefined && candidate.against !== null && candidate.against !== "") {
      if (typeof candidate.against === "string" && hasOwn(data.roles, candidate.against)) clean.against = candidate.against;
      else dropped += 1;
    }
    if (dropped) notice(data.labels.ignored_values);
    return clean;
  }
  function notice(text) {
    var node = root.querySelector("[data-rb-notice]");
    if (!node) {
      node = document.createElement("p");
      node.setAttribute("data-rb-notice", "");
      node.setAttribute("role", "status");
      node.className = "rb-notice";
      root.insertBefore(node, root.firstChild);
    }
    node.textContent = text;
  }
  var state = validated(load());

  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
    history.replaceState(null, "", toHash(state));
  }

  // The gap of the answers with a role's requirements: per competency this page can score.
  // Unanswered ones are counted apart (not as level 0), and what the role requires beyond this
  // page is "new" for it.
  function gap(levels, required) {
    var result = { met: 0, below: 0, above: 0, missing: 0, total: 0, compared: 0, lines: [], fresh: [] };
    Object.keys(required).forEach(function (id) {
      if (!hasOwn(maxLevel, id)) { result.fresh.push(id); return; }
      var need = required[id], have = levels[id];
      var status = have === undefined ? "missing" : have === need ? "met" : have > need ? "above" : "below";
      var diff = have === undefined ? 0 : Math.max(0, need - have);
      result[status] += 1;
      result.compared += 1;
      result.total += diff;
      result.lines.push({ id: id, required: need, level: have === undefined ? null : have, status: status, gap: diff });
    });
    return result;
  }
  function name(id) {
    var names = data.names || {}, shared = window.rolebookCompetencyNames || {};
    return hasOwn(names, id) ? names[id] : hasOwn(shared, id) ? shared[id] : id;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return hasOwn(values, key) ? values[key] : all; });
  }
  function describe(result) {
    var L = data.labels;
    return fill(L.answered_of, { n: result.compared - result.missing, total: result.compared }) +
      " · " + L.status_met + ": " + result.met + " · " + L.status_below + ": " + result.below +
      " · " + L.status_above + ": " + result.above +
      " · " + fill(L.to_bridge, { n: result.total, levels: L.levels_short });
  }
  function descriptor(id, level) {
    var fieldset = root.querySelector("[data-rb-comp='" + CSS.escape(id) + "']");
    var radio = fieldset && fieldset.querySelector("input[type=radio][value='" + level + "']");
    var desc = radio && radio.closest("label").querySelector("[data-rb-desc]");
    return desc ? desc.textContent : "";
  }
  function renderGaps(own) {
    var list = root.querySelector("[data-rb-gaps]"), block = root.querySelector("[data-rb-gaps-block]");
    list.textContent = "";
    var below = own.lines.filter(function (line) { return line.status === "below"; });
    below.sort(function (a, b) { return b.gap - a.gap || name(a.id).localeCompare(name(b.id)); });
    below.forEach(function (line) {
      var item = document.createElement("li");
      var head = document.createElement("strong");
      head.textContent = fill(data.labels.gap_line, { name: name(line.id), have: line.level, need: line.required });
      item.appendChild(head);
      var next = line.level + 1, text = descriptor(line.id, next);
      if (text) {
        var step = document.createElement("span");
        step.className = "rb-next";
        step.textContent = " " + fill(data.labels.next_step, { level: next }) + " " + text;
        item.appendChild(step);
      }
      list.appendChild(item);
    });
    block.hidden = below.length === 0;
  }
  function render() {
    comps.forEach(function (fieldset) {
      var id = fieldset.getAttribute("data-rb-comp");
      var level = state.levels[id];
      fieldset.querySelectorAll("input[type=radio]").forEach(function (radio) {
        radio.checked = Number(radio.value) === level;
        radio.closest("label").classList.toggle("rb-chosen", radio.checked);
      });
      fieldset.querySelector("textarea").value = state.notes[id] || "";
      var need = data.roles[data.role].levels[id];
      var status = level === undefined ? "missing" : level === need ? "met" : level > need ? "above" : "below";
      var out = fieldset.querySelector("[data-rb-status]");
      out.textContent = data.labels["status_" + status];
      fieldset.setAttribute("data-rb-state", status);
    });
    root.querySelectorAll("[data-rb-field]").forEach(function (input) {
      var key = input.getAttribute("data-rb-field");
      input.value = state[key] || (key === "against" ? data.defaultAgainst : "");
    });
    var own = gap(state.levels, data.roles[data.role].levels);
    var against = hasOwn(data.roles, state.against) ? data.roles[state.against] : data.roles[data.role];
    var other = gap(state.levels, against.levels);
    var answered = Object.keys(state.levels).length > 0;
    root.querySelector("[data-rb-summary]").hidden = false;
    root.querySelector("[data-rb-neutral]").hidden = answered;
    var ownNode = root.querySelector("[data-rb-summary-own]"), againstNode = root.querySelector("[data-rb-summary-against]");
    ownNode.hidden = againstNode.hidden = !answered;
    ownNode.textContent = data.labels.summary_against + " " + data.roles[data.role].title + ": " + describe(own);
    againstNode.textContent = data.labels.summary_against + " " + against.title + " (" +
      fill(data.labels.compared_on, { n: other.compared }) + "): " + describe(other);
    againstNode.setAttribute("data-rb-total", String(other.total));
    againstNode.setAttribute("data-rb-compared", String(other.compared));
    ownNode.setAttribute("data-rb-total", String(own.total));
    var freshNode = root.querySelector("[data-rb-new]");
    freshNode.hidden = !answered || other.fresh.length === 0;
    freshNode.textContent = fill(data.labels.new_for_role, { role: against.title }) + " " +
      other.fresh.map(name).join(", ");
    freshNode.setAttribute("data-rb-count", String(other.fresh.length));
    renderGaps(own);
    if (!answered) root.querySelector("[data-rb-gaps-block]").hidden = true;
  }

  root.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type === "radio") {
      state.levels[target.name.slice("level-".length)] = Number(target.value);
    } else if (target.hasAttribute && target.hasAttribute("data-rb-field")) {
      state[target.getAttribute("data-rb-field")] = target.value;
    } else if (target.tagName === "TEXTAREA") {
      state.notes[target.name.slice("note-".length)] = target.value;
    } else {
      return;
    }
    save();
    render();
  });
  root.addEventListener("input", function (event) {
    var target = event.target;
    if (target.tagName === "TEXTAREA") state.notes[target.name.slice("note-".length)] = target.value;
    else if (target.type === "text" && target.hasAttribute("data-rb-field")) state[target.getAttribute("data-rb-field")] = target.value;
    else return;
    save();
  });

  function exportData() {
    var against = hasOwn(data.roles, state.against) ? state.against : data.role;
    var result = gap(state.levels, data.roles[data.role].levels);
    return {
      format: "rolebook-assessment", version: 1, role: data.role, against: against,
      name: state.name, date: state.date,
      answers: Object.keys(data.roles[data.role].levels).reduce(function (acc, id) {
        acc[id] = { level: state.levels[id] === undefined ? null : state.levels[id], note: state.notes[id] || "" };
        return acc;
      }, {}),
      summary: { met: result.met, below: result.below, above: result.above, missing: result.missing, total_gap: result.total }
    };
  }
  function download(name, type, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  // The CSV is for a spreadsheet in the page's language: its column separator (a semicolon for
  // Dutch Excel), a UTF-8 byte order mark so that Excel reads UTF-8, and headers, competency
  // names and statuses in the page's language.
  var separator = data.labels.csv_separator || ",";
  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    // a note or name that starts like a formula is made inert (OWASP, CSV injection)
    if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
    var quoted = text.indexOf(separator) >= 0 || /[",;\r\n]/.test(text);
    return quoted ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  root.querySelectorAll("[data-rb-export]").forEach(function (button) {
    button.addEventListener("click", function () {
      var exported = exportData();
      if (button.getAttribute("data-rb-export") === "json") {
        download("assessment-" + data.role + ".json", "application/json", JSON.stringify(exported, null, 2) + "\n");
        return;
      }
      var L = data.labels;
      var rows = [[L.competency, L.required_level, L.your_level, L.status, L.gap, L.note]];
      gap(state.levels, data.roles[data.role].levels).lines.forEach(function (line) {
        rows.push([name(line.id), line.required, line.level,
          L["status_" + line.status], line.status === "missing" ? "" : line.gap, state.notes[line.id] || ""]);
      });
      download("assessment-" + data.role + ".csv", "text/csv;charset=utf-8", "\ufeff" + rows.map(function (row) {
        return row.map(csvCell).join(separator);
      }).join("\r\n") + "\r\n");
    });
  });
  var importer = root.querySelector("[data-rb-import]");
  if (importer) importer.addEventListener("change", function () {
    var file = importer.files && importer.files[0];
    if (!file) return;
    file.text().then(function (text) {
      var parsed;
      try { parsed = JSON.parse(text); } catch (e) { parsed = null; }
      if (!parsed || parsed.format !== "rolebook-assessment" || typeof parsed.answers !== "object") {
        window.alert(data.labels.import_error);
        return;
      }
      var candidate = { levels: {}, notes: {}, name: parsed.name, date: parsed.date, against: parsed.against };
      Object.keys(parsed.answers).forEach(function (id) {
        var answer = parsed.answers[id] && typeof parsed.answers[id] === "object" ? parsed.answers[id] : {};
        if (answer.level !== null && answer.level !== undefined) candidate.levels[id] = answer.level;
        if (typeof answer.note === "string" && answer.note) candidate.notes[id] = answer.note;
      });
      state = validated(candidate);
      save();
      render();
      importer.value = "";
    });
  });
  var reset = root.querySelector("[data-rb-reset]");
  if (reset) reset.addEventListener("click", function () {
    // one click would wipe every answer and note: ask first
    var question = reset.getAttribute("data-rb-reset");
    if (question && !window.confirm(question)) return;
    state = blank(); save(); render();
  });
  var share = root.querySelector("[data-rb-share]");
  if (share) share.addEventListener("click", function () {
    var box = root.querySelector("[data-rb-share-box]"), field = root.querySelector("[data-rb-share-url]");
    var status = root.querySelector("[data-rb-share-status]");
    field.value = location.href.split("#")[0] + toHash(state);
    box.hidden = false;
    field.focus();
    field.select();
    status.textContent = "";
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(function () { status.textContent = data.labels.copied; }, function () {});
    }
  });
  // on paper the largest gaps are part of the conversation: the list opens for printing
  window.addEventListener("beforeprint", function () {
    var block = root.querySelector("[data-rb-gaps-block]");
    if (block) block.open = true;
  });
  var printButton = root.querySelector("[data-rb-print]");
  if (printButton) printButton.addEventListener("click", function () { window.print(); });
  root.querySelector("[data-rb-tools]").hidden = false;
  render();
})();

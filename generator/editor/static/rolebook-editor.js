/* Rolebook's additions to Decap CMS: the `localised` widget (a text in each of the
   organisation's languages, side by side) and a preview that shows the served site's page. */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var body = document.body;
  var site = body.getAttribute("data-site") || "/";
  var previews = JSON.parse(body.getAttribute("data-previews") || "{}");
  var WORDS = {
    nl: {
      refused: "Niet gedaan: de controle vond deze problemen. Er is niets geschreven of verwijderd.",
      close: "Sluiten",
      up: "Omhoog",
      down: "Omlaag",
      remove: "Verwijderen",
      required: "de tekst in '{lang}' is verplicht.",
      atLeast: "minstens {min} met een tekst in '{lang}'.",
    },
    en: {
      refused: "Not done: the checks found these problems. Nothing was written or removed.",
      close: "Close",
      up: "Move up",
      down: "Move down",
      remove: "Remove",
      required: "the text in '{lang}' is required.",
      atLeast: "at least {min} with a text in '{lang}'.",
    },
  };
  var words = WORDS[document.documentElement.lang] || WORDS.en;
  function say(key, values) {
    return words[key].replace(/\{(\w+)\}/g, function (_, name) {
      return values[name];
    });
  }

  function texts(value, field) {
    if (!value) return {};
    if (typeof value === "string") {
      var plain = {};
      plain[field.get("default_language")] = value;
      return plain;
    }
    return value.toJS ? value.toJS() : value;
  }

  function rows(text) {
    text = text || "";
    var lines = text.split("\n").length - 1;
    return Math.min(14, Math.max(1, Math.ceil(text.length / 48) + lines));
  }

  // One language's text area of a field: named "<name> (<lang>)" for screen readers.
  function langArea(props, lang, id, name, text, onText) {
    return h("textarea", {
      id: id,
      lang: lang,
      "aria-label": name + " (" + lang + ")",
      className: props.classNameWrapper + " rb-text",
      value: text || "",
      rows: rows(text),
      onChange: function (event) {
        onText(event.target.value);
      },
      onFocus: props.setActiveStyle,
      onBlur: props.setInactiveStyle,
    });
  }

  var LocalisedControl = createClass({
    languages: function () {
      return this.props.field.get("languages").toJS();
    },
    change: function (lang, text) {
      var field = this.props.field;
      var value = this.props.value;
      // An Immutable map like the ones Decap keeps; field.clear() is an empty one.
      var map = value && value.set ? value : field.clear();
      if (typeof value === "string") map = map.set(field.get("default_language"), value);
      map = text === "" ? map.delete(lang) : map.set(lang, text);
      this.props.onChange(map.size ? map : undefined);
    },
    isValid: function () {
      var field = this.props.field;
      var lang = field.get("default_language");
      var text = texts(this.props.value, field)[lang] || "";
      if (field.get("required") !== false && !text.trim()) {
        return {
          error: { type: "PRESENCE", message: field.get("label") + ": " + say("required", { lang: lang }) },
        };
      }
      return true;
    },
    render: function () {
      var self = this;
      var props = this.props;
      var label = props.field.get("label");
      var values = texts(props.value, props.field);
      return h(
        "div",
        { className: "rb-localised" },
        this.languages().map(function (lang, i) {
          var id = i === 0 ? props.forID : props.forID + "-" + lang;
          return h(
            "div",
            { key: lang, className: "rb-lang" },
            h("label", { className: "rb-lang-code", htmlFor: id }, lang),
            langArea(props, lang, id, label, values[lang], function (text) {
              self.change(lang, text);
            })
          );
        })
      );
    },
  });

  var LocalisedPreview = createClass({
    render: function () {
      var values = texts(this.props.value, this.props.field);
      return h(
        "div",
        {},
        Object.keys(values).map(function (lang) {
          return h("p", { key: lang, lang: lang }, values[lang]);
        })
      );
    },
  });

  CMS.registerWidget("localised", LocalisedControl, LocalisedPreview);

  // A list of localised texts (activities, rights, requirements, ...): one row per text, the
  // languages side by side, with buttons to move, remove and add rows.
  var LocalisedListControl = createClass({
    items: function () {
      var field = this.props.field;
      var value = this.props.value;
      if (!value) return [];
      return (value.toJS ? value.toJS() : value).map(function (item) {
        return texts(item, field);
      });
    },
    emit: function (items) {
      var field = this.props.field;
      var list = field.get("languages").clear(); // an empty Immutable list
      items.forEach(function (item) {
        var map = field.clear();
        Object.keys(item).forEach(function (lang) {
          if (item[lang] !== "" && item[lang] != null) map = map.set(lang, item[lang]);
        });
        list = list.push(map);
      });
      this.props.onChange(list);
    },
    isValid: function () {
      var field = this.props.field;
      var lang = field.get("default_language");
      var filled = this.items().filter(function (item) {
        return (item[lang] || "").trim();
      }).length;
      var min = field.get("min") || (field.get("required") === false ? 0 : 1);
      if (filled < min) {
        return {
          error: {
            type: "PRESENCE",
            message: field.get("label") + ": " + say("atLeast", { min: min, lang: lang }),
          },
        };
      }
      return true;
    },
    render: function () {
      var self = this;
      var props = this.props;
      var label = props.field.get("label");
      var langs = props.field.get("languages").toJS();
      var items = this.items();
      function update(index, lang, text) {
        var next = items.slice();
        next[index] = Object.assign({}, next[index]);
        next[index][lang] = text;
        self.emit(next);
      }
      function move(index, by) {
        var next = items.slice();
        var item = next.splice(index, 1)[0];
        if (by !== null) next.splice(index + by, 0, item);
        self.emit(next);
      }
      var rowsOut = items.map(function (item, index) {
        var name = label + " " + (index + 1);
        return h(
          "div",
          { key: index, className: "rb-row" },
          h(
            "div",
            { className: "rb-localised" },
            langs.map(function (lang, i) {
              return h(
                "div",
                { key: lang, className: "rb-lang" },
                index === 0 ? h("span", { className: "rb-lang-code" }, lang) : null,
                langArea(
                  props,
                  lang,
                  index === 0 && i === 0 ? props.forID : undefined,
                  name,
                  item[lang],
                  function (text) {
                    update(index, lang, text);
                  }
                )
              );
            })
          ),
          h(
            "div",
            { className: "rb-row-tools" },
            h("button", {
              type: "button", title: words.up, "aria-label": name + ": " + words.up,
              disabled: index === 0, onClick: function () { move(index, -1); },
            }, "\u2191"),
            h("button", {
              type: "button", title: words.down, "aria-label": name + ": " + words.down,
              disabled: index === items.length - 1, onClick: function () { move(index, 1); },
            }, "\u2193"),
            h("button", {
              type: "button", title: words.remove, "aria-label": name + ": " + words.remove,
              onClick: function () { move(index, null); },
            }, "\u00d7")
          )
        );
      });
      return h(
        "div",
        { className: "rb-list" },
        rowsOut,
        h("button", {
          type: "button", className: "rb-add",
          onClick: function () { self.emit(items.concat([{}])); },
        }, "+ " + label)
      );
    },
  });

  var LocalisedListPreview = createClass({
    render: function () {
      var field = this.props.field;
      var value = this.props.value;
      var items = value ? (value.toJS ? value.toJS() : value) : [];
      return h("ul", {}, items.map(function (item, i) {
        var t = texts(item, field);
        return h("li", { key: i }, t[field.get("default_language")] || "");
      }));
    },
  });

  CMS.registerWidget("localised_list", LocalisedListControl, LocalisedListPreview);

  // A refused save (or removal): Decap says why in a notice that closes after eight seconds; the messages
  // (one line per problem, as `rolebook check` prints them) stay in view here until closed or
  // until a save succeeds.
  var API_ERROR = /^[^:]*:\s*API_ERROR:\s*/;
  function keepRefusal(toast) {
    var old = document.getElementById("rb-refused");
    if (toast.classList.contains("Toastify__toast--success")) {
      if (old) old.remove();
      return;
    }
    if (!toast.classList.contains("Toastify__toast--error")) return;
    var text = toast.innerText.trim();
    if (!API_ERROR.test(text)) return;
    if (old) old.remove();
    var box = document.createElement("div");
    box.id = "rb-refused";
    box.setAttribute("role", "alert");
    var title = document.createElement("strong");
    title.textContent = words.refused;
    var close = document.createElement("button");
    close.type = "button";
    close.setAttribute("aria-label", words.close);
    close.textContent = "\u00d7";
    close.addEventListener("click", function () {
      box.remove();
    });
    box.appendChild(title);
    box.appendChild(document.createTextNode("\n" + text.replace(API_ERROR, "")));
    box.appendChild(close);
    document.body.appendChild(box);
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) return;
        var toasts = node.matches(".Toastify__toast") ? [node] : node.querySelectorAll(".Toastify__toast");
        Array.prototype.forEach.call(toasts, keepRefusal);
      });
    });
  }).observe(document.body, { childList: true, subtree: true });

  // Going from one entry straight to another by address (a link, the Back button) leaves
  // Decap showing the first entry's data in the second one's form: load the page afresh then.
  var ENTRY = /^#\/collections\/[^/]+\/entries\/[^?]+/;
  var shown = window.location.hash;
  window.addEventListener("hashchange", function () {
    var from = shown.match(ENTRY);
    var to = window.location.hash.match(ENTRY);
    shown = window.location.hash;
    if (from && to && from[0] !== to[0]) window.location.reload();
  });

  // The preview pane: the page of the served site, which reloads itself after every save.
  function pagePreview(name) {
    return createClass({
      render: function () {
        var path = previews[name] || site;
        var id = this.props.entry.getIn(["data", "id"]) || "";
        var src = window.location.origin + path.replace("{id}", encodeURIComponent(id));
        return h("iframe", {
          src: src,
          title: "Preview: " + src,
          style: { width: "100%", height: "100vh", border: "0", display: "block" },
        });
      },
    });
  }

  Object.keys(previews).forEach(function (name) {
    CMS.registerPreviewTemplate(name, pagePreview(name));
  });
})();

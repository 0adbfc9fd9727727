/* edition, default theme: reading aids. This only enhances working HTML: without it every note
   number and glossary term is a link to its target and nothing stays hidden.
   The classes and ids it relies on are listed in theme/README.md. */
(function () {
  "use strict";
  var root = document.documentElement;
  var wide = window.matchMedia("(min-width: 72em)");
  var dark = window.matchMedia("(prefers-color-scheme: dark)");
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  // localStorage throws for file:// pages in some browsers and in private modes; a preference
  // that cannot be kept must never break the page.
  function load(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function save(key, value) {
    try { if (value) localStorage.setItem(key, value); else localStorage.removeItem(key); } catch (e) { /* page only */ }
  }

  // Deferred: the page is parsed when this runs. What must hold before the first paint (the
  // remembered choices, the `js` class, the face) is edition-head.js's.
  var me = document.currentScript, here = me ? me.src.replace(/static\/[^\/]*$/, "") : "";

  function theme() { return root.getAttribute("data-theme") || (dark.matches ? "dark" : "light"); }
  // The words the script writes come from the page, in its language (data-* set by the theme).
  function say(el, name, fallback, values) {
    var text = (el && el.getAttribute("data-" + name)) || fallback;
    Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(values[key]); });
    return text;
  }

  function setupSwitches() {
    var themeButton = document.querySelector(".theme-toggle");
    var notesButton = document.querySelector(".annotations-toggle");
    function label() {
      if (themeButton) themeButton.textContent = theme() === "dark" ? say(themeButton, "light", "Light theme")
                                                                    : say(themeButton, "dark", "Dark theme");
      if (notesButton) notesButton.textContent = root.classList.contains("annotations-off")
        ? say(notesButton, "show", "Show annotations") : say(notesButton, "hide", "Hide annotations");
    }
    if (themeButton) {
      themeButton.addEventListener("click", function () {
        var next = theme() === "dark" ? "light" : "dark";
        // Choosing what the system shows anyway means: follow the system again.
        if (next === (dark.matches ? "dark" : "light")) next = null;
        if (next) root.setAttribute("data-theme", next); else root.removeAttribute("data-theme");
        save("edition-theme", next);
        label();
      });
      dark.addEventListener("change", label);
    }
    if (notesButton) {
      notesButton.addEventListener("click", function () {
        var off = root.classList.toggle("annotations-off");
        save("edition-annotations", off ? "off" : null);
        closePopover(false);
        label();
        placeNotes();
      });
    }
    label();
  }

  // --- Notes: a short form in the margin (wide) or nothing (narrow); the number, or "full note",
  // opens the whole note in place, copied from the list at the end of the text.
  var notes = [];
  function ref(note) { return document.getElementById("ref-" + note.getAttribute("data-note")); }
  function anchors(note) { return document.querySelectorAll('.anchor[data-note="' + note.getAttribute("data-note") + '"]'); }

  // Each note goes beside the first line of its quote, or just below the note before it, and
  // shows as many lines (1 to 3) as fit before the next note's line, so the column keeps pace
  // with the text. The column is reserved by the CSS: placing notes never moves the text.
  function placeNotes() {
    var body = document.querySelector(".text-body");
    if (!body) return;
    body.style.paddingBottom = "";
    // notes-placed also tells edition-head.js's safety net that the notes are where they belong:
    // on a narrow screen, in the flow
    if (!wide.matches) {
      notes.forEach(function (note) { note.style.top = ""; });
      body.classList.add("notes-placed");
      return;
    }
    var shown = notes.filter(function (note) { return note.offsetParent; });
    var want = shown.map(function (note) {
      return (anchors(note)[0] || ref(note) || note.parentNode).getBoundingClientRect().top;
    });
    var floor = -Infinity, gap = 10;
    shown.forEach(function (note, i) {
      var top = Math.max(want[i], floor);
      if (!note.classList.contains("is-open")) {
        var line = parseFloat(getComputedStyle(note).lineHeight);
        var room = (i + 1 < want.length ? want[i + 1] : Infinity) - top - gap;
        note.style.setProperty("--lines", String(Math.max(1, Math.min(3, Math.floor(room / line)))));
      }
      note.style.top = (top - note.parentNode.getBoundingClientRect().top) + "px";
      floor = top + note.offsetHeight + gap;
    });
    var overhang = floor - body.getBoundingClientRect().bottom;
    if (overhang > 0) body.style.paddingBottom = Math.ceil(overhang) + "px";
    body.classList.add("notes-placed");
  }

  function openNote(note) {
    if (!note.querySelector(".sidenote-full")) {
      var full = document.createElement("div");
      full.className = "sidenote-full";
      var source = document.getElementById("note-" + note.getAttribute("data-note"));
      each(source ? source.children : [], function (child) {
        if (!child.classList.contains("note-anchor")) full.appendChild(child.cloneNode(true));
      });
      var close = document.createElement("button");
      close.type = "button";
      close.className = "sidenote-close";
      close.textContent = say(document.body, "close-note", "Close note {n}",
                              { n: note.querySelector(".sidenote-number").textContent });
      close.addEventListener("click", function () { closeNote(note); });
      full.appendChild(close);
      note.appendChild(full);
    }
    toggle(note, true);
    note.focus({ preventScroll: wide.matches });
  }

  function closeNote(note) {
    toggle(note, false);
    var back = wide.matches || !ref(note) ? note.querySelector(".sidenote-more") : ref(note).querySelector("a");
    if (back) back.focus();
  }

  function toggle(note, open) {
    note.classList.toggle("is-open", open);
    each(note.closest(".block").querySelectorAll('[aria-controls="' + note.id + '"]'), function (el) {
      el.setAttribute("aria-expanded", String(open));
    });
    placeNotes();
  }

  function highlight(note, on) {
    note.classList.toggle("is-active", on);
    each(anchors(note), function (a) { a.classList.toggle("is-active", on); });
  }

  function setupNotes() {
    notes = Array.prototype.slice.call(document.querySelectorAll(".sidenote[data-note]"));
    notes.forEach(function (note) {
      note.id = "sn-" + note.getAttribute("data-note");
      note.tabIndex = -1;
      var link = ref(note) && ref(note).querySelector("a");
      [note.querySelector(".sidenote-more"), link].forEach(function (el) {
        if (!el) return;
        el.setAttribute("aria-controls", note.id);
        el.setAttribute("aria-expanded", "false");
        el.addEventListener("click", function (event) {
          event.preventDefault();
          if (note.classList.contains("is-open")) closeNote(note); else openNote(note);
        });
      });
      note.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && note.classList.contains("is-open")) closeNote(note);
      });
      [note, ref(note)].concat(Array.prototype.slice.call(anchors(note))).forEach(function (el) {
        if (!el) return;
        el.addEventListener("mouseenter", function () { highlight(note, true); });
        el.addEventListener("mouseleave", function () { highlight(note, false); });
      });
    });
    wide.addEventListener("change", placeNotes);
    var resizing;
    window.addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(placeNotes, 100); });
    window.addEventListener("load", placeNotes);
    // the face taking over from its fallback (edition-head.js), or a style of it that comes later
    // (bold italic), can move the lines
    document.addEventListener("edition-face", placeNotes);
    if (document.fonts && document.fonts.addEventListener) document.fonts.addEventListener("loadingdone", placeNotes);
    placeNotes();
  }

  // --- Glossary popover, after the WAI-ARIA disclosure pattern: the term (a link to its entry)
  // controls one shared popover placed right after it, so it comes next in reading and tab order.
  // Hover, focus or a tap opens it; Escape, a second tap or leaving closes it; one at a time.
  var popover, current = null, openedBy = null, timer, quiet = false;

  function openPopover(term, by) {
    var definition = document.getElementById("def-" + term.getAttribute("data-term"));
    if (!definition || root.classList.contains("annotations-off")) return;
    clearTimeout(timer);
    if (current !== term) {
      closePopover(false);
      var title = definition.getAttribute("data-title");
      popover.innerHTML = '<p class="popover-title"></p><p id="term-popover-body"></p><p><a class="popover-link"></a></p>';
      popover.firstChild.textContent = title;
      popover.children[1].appendChild(definition.content.cloneNode(true));
      popover.querySelector("a").href = term.getAttribute("href");
      popover.querySelector("a").textContent = say(document.body, "glossary-entry", "Glossary entry: {term}", { term: title });
      term.after(popover);
      popover.hidden = false;
      term.setAttribute("aria-expanded", "true");
      term.setAttribute("aria-describedby", "term-popover-body");
      current = term;
      position();
    }
    openedBy = by;
  }

  function position() {
    popover.style.left = popover.style.top = "0px";
    var origin = popover.getBoundingClientRect(), line = current.getClientRects()[0];
    var left = Math.min(Math.max(line.left, 8), root.clientWidth - popover.offsetWidth - 8);
    popover.style.left = (left - origin.left) + "px";
    popover.style.top = (line.bottom + 6 - origin.top) + "px";
  }

  function closePopover(refocus) {
    clearTimeout(timer);
    if (!current) return;
    var term = current, inside = popover.contains(document.activeElement);
    current = openedBy = null;
    popover.hidden = true;
    popover.remove();
    term.setAttribute("aria-expanded", "false");
    term.removeAttribute("aria-describedby");
    if (refocus && (inside || document.activeElement === term)) {
      quiet = true;              // focus coming back must not open it again
      term.focus();
      quiet = false;
    }
  }

  function later(fn, ms) { clearTimeout(timer); timer = setTimeout(fn, ms); }

  function setupTerms() {
    var terms = document.querySelectorAll("a.term[data-term]");
    popover = document.createElement("div");
    popover.className = "popover";
    popover.id = "term-popover";
    // In the edition's language and direction, even beside a term of a text in another.
    popover.lang = root.lang;
    popover.dir = root.dir || "ltr";
    popover.addEventListener("mouseenter", function () { clearTimeout(timer); });
    popover.addEventListener("mouseleave", function () { if (openedBy === "hover") later(closePopover, 300); });
    popover.addEventListener("focusout", function (event) {
      if (current && !popover.contains(event.relatedTarget) && event.relatedTarget !== current) closePopover(false);
    });
    var touch = false;
    each(terms, function (term) {
      if (!document.getElementById("def-" + term.getAttribute("data-term"))) return;
      term.setAttribute("aria-expanded", "false");
      term.setAttribute("aria-controls", "term-popover");
      term.addEventListener("pointerdown", function (event) { touch = event.pointerType !== "mouse"; });
      term.addEventListener("mouseenter", function () {
        if (!touch && current !== term) later(function () { openPopover(term, "hover"); }, 150);
      });
      term.addEventListener("mouseleave", function () {
        if (current !== term) clearTimeout(timer); else if (openedBy === "hover") later(closePopover, 300);
      });
      term.addEventListener("focus", function () { if (!quiet && current !== term) openPopover(term, "focus"); });
      term.addEventListener("blur", function (event) {
        if (current === term && openedBy !== "click" && !popover.contains(event.relatedTarget)) closePopover(false);
      });
      term.addEventListener("click", function (event) {
        event.preventDefault();
        var open = current === term;
        // Enter on a focused term toggles; a click or tap on what hover or focus opened keeps it
        // open, and the next one closes it.
        if (open && (event.detail === 0 || openedBy === "click")) closePopover(true);
        else openPopover(term, "click");
      });
    });
    document.addEventListener("click", function (event) {
      if (current && !popover.contains(event.target) && !current.contains(event.target)) closePopover(false);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && current) { event.preventDefault(); closePopover(true); }
    });
    window.addEventListener("resize", function () { if (current) position(); });
  }

  // --- Search: the box in the header (shown only with the script: without it the contents and
  // the glossary are the way in). The index loads only once the box is used: search/search.js
  // (edition/assets/search.js), then the shards a query needs. Results are built with textContent.

  function setupSearch() {
    var form = document.querySelector(".site-search");
    var input = document.getElementById("site-search-input");
    var list = document.getElementById("site-search-results");
    if (!form || !input || !list) return;
    var waiting = null, timer;
    function fill(template, values) {
      return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key] == null ? "" : values[key]; });
    }
    function label(place) {
      if (place.kind === "p") return fill(form.getAttribute("data-paragraph"), { n: place.number });
      if (place.kind === "l") return fill(form.getAttribute("data-line"), { n: place.number });
      if (place.kind === "note") return fill(form.getAttribute("data-note"), { n: place.note });
      if (place.kind === "term") return form.getAttribute("data-glossary");
      return form.getAttribute("data-top");
    }
    function show(found) {
      if (found.query !== input.value.trim()) return;
      list.textContent = "";
      if (!found.results.length) {
        var none = document.createElement("p");
        none.textContent = form.getAttribute("data-none");
        list.appendChild(none);
      }
      var ol = document.createElement("ol");
      found.results.forEach(function (result) {
        var item = document.createElement("li"), link = document.createElement("a");
        link.href = here + (result.places.length ? result.places[0].href : result.url);
        link.className = "search-title";
        link.textContent = result.title;
        item.appendChild(link);
        var places = document.createElement("ul");
        result.places.forEach(function (place) {
          var li = document.createElement("li"), a = document.createElement("a");
          a.href = here + place.href;
          a.className = "search-place";
          a.textContent = label(place);
          li.appendChild(a);
          li.appendChild(document.createTextNode(" "));
          var snippet = document.createElement("span");
          snippet.className = "search-snippet";
          place.segments.forEach(function (segment) {
            var part = document.createElement(segment[1] ? "mark" : "span");
            part.textContent = segment[0];
            snippet.appendChild(part);
          });
          li.appendChild(snippet);
          places.appendChild(li);
        });
        if (result.places.length) item.appendChild(places);
        ol.appendChild(item);
      });
      if (found.results.length) list.appendChild(ol);
      list.hidden = false;
    }
    var loading = false;
    function load() {       // on focus: the loader is there by the first keystroke
      if (loading || window.EditionSearch) return;
      loading = true;
      var script = document.createElement("script");
      script.src = here + "search/search.js";
      script.onload = function () { if (waiting) ask(); };
      document.head.appendChild(script);
    }
    function ask() {
      var query = input.value.trim();
      if (!query) { list.hidden = true; list.textContent = ""; return; }
      if (!window.EditionSearch) { waiting = query; return load(); }
      waiting = null;
      window.EditionSearch.search(query, show);
    }
    input.addEventListener("focus", load);
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 60); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; list.hidden = true; list.textContent = ""; }
      if (event.key === "Enter") {
        var first = list.querySelector("a");
        if (first) first.click();
      }
    });
  }

  // --- Cite a passage: following a paragraph's or a line's number (#p7, #l12) shows its citation,
  // with its locator and permalink, and a button that copies it. Without the script the paragraph
  // shows the same words (the .passage-cite the page carries), and every number is a link.
  function setupCite() {
    var article = document.querySelector("article.text[data-cite]");
    if (!article) return;
    // a span: a line's panel stands inside its stanza's <p>
    var panel = document.createElement("span"), label = document.createElement("span"), words = document.createElement("span");
    var button = document.createElement("button");
    label.textContent = article.getAttribute("data-cite-label");
    panel.className = "passage-cite-panel";
    button.type = "button";
    button.className = "control";
    button.textContent = article.getAttribute("data-copy");
    var status = document.createElement("span");
    status.setAttribute("role", "status");
    panel.appendChild(label);
    panel.appendChild(words);
    panel.appendChild(button);
    panel.appendChild(status);
    function copied() { status.textContent = article.getAttribute("data-copied"); }
    button.addEventListener("click", function () {
      var text = words.textContent;
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(copied, fallback);
      } else fallback();
      function fallback() {       // file:// pages in some browsers have no clipboard API
        var range = document.createRange();
        range.selectNodeContents(words);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        try { if (document.execCommand("copy")) copied(); } catch (e) { /* the words stay selected */ }
      }
    });
    function show() {
      var found = /^#(p|l)(\d+)$/.exec(location.hash);
      var target = found && document.getElementById(found[1] + found[2]);
      if (!target || !article.contains(target)) { if (panel.parentNode) panel.parentNode.removeChild(panel); return; }
      var place = say(article, found[1] === "p" ? "paragraph" : "line", "", { n: found[2] });
      var url = (article.getAttribute("data-cite-url") || location.href.split("#")[0]) + location.hash;
      words.textContent = article.getAttribute("data-cite") + ", " + place + ". " + url;
      status.textContent = "";
      // a paragraph's panel goes under its words; a line's under its stanza's line, in the flow
      if (found[1] === "p") target.insertBefore(panel, target.querySelector(".passage-cite") || target.querySelector(".block-notes"));
      else target.parentNode.insertBefore(panel, target.nextSibling);
    }
    window.addEventListener("hashchange", show);
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupSwitches();
    setupNotes();
    setupTerms();
    setupSearch();
    setupCite();
  });
})();

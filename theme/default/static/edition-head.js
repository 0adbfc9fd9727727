/* edition, default theme: what must hold before the first paint, so this small file loads in the
   head and is not deferred (edition.js, the reading aids, is): the remembered colour theme and
   annotations switch, the `js` class, and the text face. The classes it sets are listed in
   theme/README.md. */
(function () {
  "use strict";
  var root = document.documentElement;

  // localStorage throws for file:// pages in some browsers and in private modes; a preference
  // that cannot be kept must never break the page.
  function load(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }

  // Remembered choices, and the `js` class the CSS uses to lay the notes out for placing, so
  // neither colours nor notes jump.
  root.classList.add("js");
  var chosen = load("edition-theme");
  if (chosen === "dark" || chosen === "light") root.setAttribute("data-theme", chosen);
  if (load("edition-annotations") === "off") root.classList.add("annotations-off");

  // The safety net for the notes the `js` class hides until they are placed. edition.js is
  // deferred, so it has run by `load`; if it has not placed them then (it failed to load, or
  // stopped), the page takes its no-script layout, each paragraph's notes beside it. An event,
  // not a timer: a slow machine never sees notes shown unplaced and then moved.
  window.addEventListener("load", function () {
    var body = document.querySelector(".text-body");
    if (body && !body.classList.contains("notes-placed")) root.classList.remove("js");
  });

  // The theme's text face (Literata, subset by the build), on served pages only: opened from
  // disk, Chromium refuses every font file as cross-origin, so there the system's serif stays
  // and nothing is fetched. Served, the text is first set in the face's fallback (class `face`:
  // a system serif scaled to the face's measures, fonts.css), so the page paints at once; once
  // it has painted, the regular, italic and bold styles (font-display: swap) are fetched, and
  // the face takes over (`face-ready`) with every block where it was. The next page of the
  // visit has the files in the browser's cache: it is set in the face from the start.
  var me = document.currentScript, here = me ? me.src.replace(/static\/[^\/]*$/, "") : "";
  if (me && me.getAttribute("data-face") && /^https?:$/.test(location.protocol) && document.fonts) {
    root.classList.add("face");
    if (kept("edition-face " + here)) root.classList.add("face-ready");
    else afterFirstPaint(loadFace);
  }
  function kept(key) { try { return sessionStorage.getItem(key); } catch (e) { return null; } }
  function afterFirstPaint(fn) {
    var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
    if (types.indexOf("paint") < 0) { window.addEventListener("load", fn); return; }
    var observer = new PerformanceObserver(function (list) {
      if (!list.getEntriesByName("first-contentful-paint").length) return;
      observer.disconnect();
      fn();
    });
    observer.observe({ type: "paint", buffered: true });
  }
  function loadFace() {
    var wanted = [], text = getComputedStyle(document.body).fontFamily;
    document.fonts.forEach(function (face) {
      var family = face.family.replace(/^["']|["']$/g, "");
      // a theme that sets its text in other faces (contrast) fetches none
      if (face.display === "swap" && text.indexOf(family) >= 0) wanted.push(face.style + " " + face.weight + ' 1em "' + family + '"');
    });
    if (!wanted.length) return;
    Promise.all(wanted.map(function (font) { return document.fonts.load(font); })).then(function () {
      root.classList.add("face-ready");
      try { sessionStorage.setItem("edition-face " + here, "1"); } catch (e) { /* this page only */ }
      document.dispatchEvent(new Event("edition-face"));     // edition.js places the notes again
    }, function () { /* the fallback stays */ });
  }
})();

/* edition: the search loader. MiniSearch (minisearch.js, beside this file) does the searching;
   this file loads the index the build wrote (edition/search.py) as plain scripts, only when asked,
   and shapes MiniSearch's results into places to link to, with snippets.

   No fetch, no modules, no WebAssembly, no worker: it works from file:// and under a sub-path.
   A search loads search/index.js once, then the shard of each word's first letter (search/s-c.js),
   then the places of the texts in the first results (search/t/<slug>.js).

   EditionSearch.search(query, callback, limit): callback({query, results, complete}) as soon as
   the results are known (complete: false, places still empty when their files are loading),
   then again with complete: true — unless a newer search was asked for in the meantime. Each
   result is {title, url, kind ("text", "notes" or "glossary"), score, places}; each place
   {href, kind ("top", "p", "l" for a line of verse, "note", "term"), number, note, paragraph, term,
   segments}, where
   segments is [[text, matched], ...]: plain text, for the page to show with textContent (never
   as HTML). A word of one letter is not searched (nor are the index's stop words); the word
   being typed matches longer words from its third letter on. */
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src.replace(/[^\/]*$/, "") : "search/";
  var WORD = /[\p{L}\p{N}]+/gu;
  var ORIGINAL_WORD = /[\p{L}\p{N}\p{M}]+/gu;
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var settings = null, plurals = [], stop = {};
  var shards = {}, texts = {}, mini = null, built = null, waiting = {}, latest = 0;

  function fold(text) { return text.normalize("NFD").replace(MARKS, "").toLowerCase(); }
  function words(text) { return fold(text).match(WORD) || []; }

  // The index's own rules (search.py's Terms.of), applied to what the reader types.
  function term(word) {
    if ((word.length < 2 && !(word >= "0" && word <= "9")) || stop[word]) return null;
    if (word.length > 3) {
      for (var i = 0; i < plurals.length; i++) {
        if (plurals[i][0].test(word)) return word.replace(plurals[i][0], plurals[i][1]);
      }
    }
    return word;
  }

  // One script, once: callbacks wait for its load (or its failure: a missing file finds nothing).
  function load(name, then) {
    if (waiting[name] === true) return then();
    if (waiting[name]) return waiting[name].push(then);
    waiting[name] = [then];
    var script = document.createElement("script");
    script.src = here + name;
    script.onload = script.onerror = function () {
      var callbacks = waiting[name];
      waiting[name] = true;
      callbacks.forEach(function (fn) { fn(); });
    };
    document.head.appendChild(script);
  }

  function all(names, then) {
    var left = names.length;
    if (!left) return then();
    names.forEach(function (name) { load(name, function () { if (--left === 0) then(); }); });
  }

  // --- the data scripts call these
  function index(data) {
    settings = data;
    plurals = data.plurals.map(function (rule) { return [new RegExp(rule[0]), rule[1]]; });
    data.stop.forEach(function (word) { stop[word] = true; });
    settings.lengthList = numbers(data.lengths);
  }
  // A shard's terms and their postings, decoded once into MiniSearch's form: [term, {0: {doc: count}}].
  function shard(list) {
    var terms = list[1] ? list[1].split(" ") : [], postings = list[2] ? list[2].split(" ") : [];
    shards[list[0]] = terms.map(function (t, i) {
      var values = numbers(postings[i]), docs = {}, doc = 0;
      for (var j = 0; j < values.length; j++) {
        doc += values[j] >> 1;
        docs[doc] = (values[j] & 1) ? values[++j] + 2 : 1;
      }
      return [t, { 0: docs }];
    });
  }
  function places(data) { texts[data.slug || "glossary"] = data; }

  // Base-46 numbers: 46 digits end a number, 46 more continue it (search.py's _number).
  var ALPHABET = "";
  for (var c = 0x21; c < 0x7f; c++) if (c !== 0x22 && c !== 0x5c) ALPHABET += String.fromCharCode(c);
  function numbers(encoded) {
    var out = [], value = 0;
    for (var i = 0; i < encoded.length; i++) {
      var at = ALPHABET.indexOf(encoded[i]);
      if (at >= 46) value = (value + at - 45) * 46;
      else { out.push(value + at); value = 0; }
    }
    return out;
  }

  // MiniSearch's own serialised form, from the shards a search needs (the last one is kept: the
  // next keystroke mostly needs the same), so each costs what its own words hold.
  function miniSearch(prefixes) {
    var key = prefixes.slice().sort().join("\n");
    if (mini && key === built) return mini;
    var lengths = settings.lengthList, ids = {}, fieldLength = {}, entries = [];
    for (var d = 0; d < lengths.length; d++) { ids[d] = d; fieldLength[d] = [lengths[d]]; }
    prefixes.forEach(function (prefix) { entries = entries.concat(shards[prefix] || []); });
    mini = MiniSearch.loadJS({
      documentCount: lengths.length, nextId: lengths.length, documentIds: ids, fieldIds: { text: 0 },
      fieldLength: fieldLength, averageFieldLength: [settings.average], storedFields: {}, dirtCount: 0,
      index: entries, serializationVersion: 2
    }, { fields: ["text"], tokenize: words, processTerm: term });
    built = key;
    return mini;
  }

  // Which text (or glossary entry) a document is: texts take two each (body, notes), in order.
  function documentOf(id) {
    var count = settings.texts.length;
    if (id < 2 * count) {
      var text = settings.texts[id >> 1];
      return { slug: text[0], title: text[1], url: text[0] + ".html", kind: id & 1 ? "notes" : "text",
               file: "t/" + text[0] + ".js" };
    }
    var entry = settings.glossary[id - 2 * count];
    return { slug: "glossary", title: entry[1], url: "glossary.html#" + entry[0], kind: "glossary",
             term: entry[0], file: "glossary.js" };
  }

  // The results at once, with their titles; then again with their places and snippets, once
  // the places files of the texts found are loaded (only if no newer search was asked for).
  function search(query, callback, limit) {
    var ask = ++latest;
    limit = limit || 10;
    load("minisearch.js", function () {
      load("index.js", function () {
        if (!settings) return ask === latest && callback({ query: query, results: [], complete: true });
        var wanted = {}, list = words(query).map(term).filter(Boolean);
        list.forEach(function (t, i) {
          shardPrefixes(t, typing(t, i, list)).forEach(function (prefix) { wanted[prefix] = true; });
        });
        var prefixes = Object.keys(wanted);
        all(prefixes.map(shardFile), function () {
          if (ask !== latest) return;
          var found = prefixes.length ? miniSearch(prefixes).search(query, {
            prefix: typing,
            fuzzy: function (t) { return t.length > 4 ? 0.2 : false; },
            combineWith: "AND"
          }).slice(0, limit) : [];
          var files = {};
          found.forEach(function (r) { files[documentOf(r.id).file] = true; });
          var missing = Object.keys(files).filter(function (f) { return waiting[f] !== true; });
          if (missing.length) callback({ query: query, results: found.map(shape), complete: false });
          all(missing, function () {
            if (ask === latest) callback({ query: query, results: found.map(shape), complete: true });
          });
        });
      });
    });
  }

  // The word being typed (the last) matches as the start of longer words once it has three
  // letters: two would load, and search, every shard of words that begin with them.
  function typing(t, i, list) { return i === list.length - 1 && t.length >= 3; }

  // The shards that may hold a term: the one named by its longest prefix (search.py's
  // split_shards) and, for the word being typed, every shard of words that begin with it.
  function shardPrefixes(t, typing) {
    var found = [], longest = null;
    settings.shards.forEach(function (prefix) {
      if (t.slice(0, prefix.length) === prefix && (longest === null || prefix.length > longest.length)) longest = prefix;
      else if (typing && prefix.length > t.length && prefix.slice(0, t.length) === t) found.push(prefix);
    });
    if (longest !== null) found.push(longest);
    return found;
  }

  function shardFile(prefix) {
    return prefix ? "s-" + prefix.replace(/[^a-z0-9]/g, function (c) {
      return "_" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    }) + ".js" : "s.js";
  }

  // A result: its text, and its places holding the most of the matched words, with snippets.
  function shape(result) {
    var doc = documentOf(result.id), data = texts[doc.slug];
    var out = { title: doc.title, url: doc.url, kind: doc.kind, score: result.score, places: [] };
    if (!data) return out;
    var matched = {};
    result.terms.forEach(function (t) { matched[t] = true; });
    var kinds = { text: ["top", "p", "l"], notes: ["note"], glossary: ["term"] }[doc.kind];
    var list = [];
    data.places.forEach(function (place, order) {
      if (kinds.indexOf(place[0]) === -1 || (doc.term && place[1] !== doc.url)) return;
      var marked = snippet(place[place.length - 1], matched);
      // a glossary entry found by its name or an alias shows the opening of its definition
      if (marked.count || doc.term) list.push({ place: place, order: order, marked: marked });
    });
    list.sort(function (a, b) { return b.marked.count - a.marked.count || a.order - b.order; });
    out.places = list.slice(0, 3).map(function (item) { return placeOf(item.place, data, item.marked.segments); });
    return out;
  }

  function placeOf(place, data, segments) {
    var kind = place[0], out = { kind: kind, href: place[1], segments: segments };
    if (kind === "p" || kind === "l") out.number = place[2];
    if (kind === "note") { out.note = place[2]; out.paragraph = place[3]; }
    if (kind === "term") out.term = place[2];
    return out;
  }

  // The words of a place, the matched ones marked, cut to a window around the first match.
  function snippet(text, matched) {
    var parts = [], last = 0, count = 0, seen = {}, first = -1, m;
    ORIGINAL_WORD.lastIndex = 0;
    while ((m = ORIGINAL_WORD.exec(text))) {
      var hit = words(m[0]).map(term).filter(function (t) { return t && matched[t]; });
      if (!hit.length) continue;
      hit.forEach(function (t) { if (!seen[t]) { seen[t] = true; count++; } });
      if (first < 0) first = m.index;
      parts.push([text.slice(last, m.index), false], [m[0], true]);
      last = m.index + m[0].length;
    }
    parts.push([text.slice(last), false]);
    return { count: count, segments: trim(parts, 60, 200) };
  }

  function trim(parts, before, total) {
    var out = [], used = 0;
    for (var i = 0; i < parts.length && used < total; i++) {
      var text = parts[i][0];
      if (!out.length && !parts[i][1] && text.length > before && i + 1 < parts.length) {
        text = "…" + text.slice(text.length - before).replace(/^\S*\s/, "");
      }
      if (!parts[i][1] && used + text.length > total) text = text.slice(0, total - used).replace(/\s\S*$/, "") + "…";
      if (text) out.push([text, parts[i][1]]);
      used += text.length;
    }
    return out;
  }

  window.EditionSearch = { search: search, index: index, shard: shard, places: places, words: words, term: term };
})();

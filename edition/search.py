"""Search: the index the search box reads, as plain script files (works from file://).

MiniSearch (vendored, edition/assets/) searches in the page; this module writes its index
ahead of time, in MiniSearch's own data model (documents, one field, term frequencies, field
lengths for BM25), in a compact form a small loader (assets/search.js) turns into MiniSearch's
serialised object. No fetch, no modules, no WebAssembly, no worker: every file is a script the
page adds with a <script> element, and only when the search box is used.

- Each text is two documents (its body with its header lines, and its notes), each glossary
  entry one. A result names the text; the loader then opens that text's places file
  (search/t/<slug>.js: each numbered block and note as plain text) to show the paragraphs, or
  lines, where the words are, with a snippet, each linking to its permalink.
- The index is sharded by the first letters of a term (search/s.js while it is small, then
  s-c.js, s-ch.js … as it grows): a search loads search/index.js (documents and lengths) and
  the shard each word needs, not the whole index.
- Postings are gap-encoded in printable characters (base 46, one or two characters each).
- Words are matched the way readers type them: case and accents folded (Cártel = cartel), and
  simple plurals of the edition's languages folded by suffix rules. The rules and stop words
  travel in the index, and the loader applies the very same ones to what the reader types.

Per text (render_text, in parallel): text_places() and text_terms(). Across texts (one job,
phase 3): index_files(). Both take plain data and return bytes.
"""
from __future__ import annotations

import html as html_lib
import itertools
import json
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from pathlib import Path

FORMAT = 1
FOLDER = "search"
INDEX = f"{FOLDER}/index.js"
LOADER = f"{FOLDER}/search.js"
GLOSSARY = f"{FOLDER}/glossary.js"
ASSETS = Path(__file__).resolve().parent / "assets"
# What the build copies into search/ as it is: the loader, MiniSearch and its licence.
STATIC = {LOADER: "search.js", f"{FOLDER}/minisearch.js": "minisearch.js",
          f"{FOLDER}/minisearch-LICENSE.txt": "minisearch-LICENSE.txt"}

# Simple plurals, by language: (pattern, replacement), tried in order, the first that matches
# wins; applied to folded, lower-case words of four letters or more. Both sides apply them
# (Python's re and JavaScript's RegExp agree on these patterns), so only agreement matters:
# "series" becomes "sery" in the index and in the query alike.
PLURALS = {
    "en": [(r"ies$", "y"), (r"(ss|x|ch|sh)es$", r"\1"), (r"([^su])s$", r"\1")],
    "fr": [(r"(eau|eu)x$", r"\1"), (r"aux$", "al"), (r"([^s])s$", r"\1")],
    "es": [(r"ces$", "z"), (r"([^aeiou])es$", r"\1"), (r"([aeiou])s$", r"\1")],
    "de": [(r"nisse$", "nis"), (r"(...)(en|er|e|n)$", r"\1")],
}
# The commonest function words: left out of the index (a query of only these finds nothing).
STOP_WORDS = {
    "en": "a an and are as at be by for from has have in is it its of on or that the this to was were "
          "which with",
    "fr": "au aux ce ces dans de des du elle en est et il la le les leur mais ou par pas pour qui que "
          "sa se son sur un une",
    "es": "al con de del el en es la las lo los no para por que se su sus un una y",
    "de": "auf aus das dem den der des die ein eine einer es im in ist mit nicht sich und von zu",
}
_SUPPORTED = tuple(PLURALS)

# Postings: 46 digits that end a number and 46 that continue it, all printable ASCII except
# the space (the separator), the quote and the backslash, so a string needs no escaping.
_ALPHABET = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in ' "\\')
_END, _MORE = _ALPHABET[:46], _ALPHABET[46:92]
_SMALL = [_END[v] if v < 46 else _MORE[v // 46 - 1] + _END[v % 46] for v in range(46 * 47)]  # 0 … 2161
_SMALL_BYTES = [value.encode("ascii") for value in _SMALL]


def languages(site_language: str, text_languages) -> list:
    """The languages whose rules the index uses: the site's and every text's, that have rules."""
    found = []
    for code in [site_language, *text_languages]:
        base = (code or "").split("-")[0].lower()
        if base in _SUPPORTED and base not in found:
            found.append(base)
    return found or ["en"]


class Terms:
    """The rules that make a word a term: fold, lower-case, drop stop words, fold plurals."""

    def __init__(self, langs):
        self.langs = list(langs)
        self.rules = [(re.compile(p), r) for lang in self.langs for p, r in PLURALS[lang]]
        self.stop = {w for lang in self.langs for w in STOP_WORDS[lang].split()}

        self.known: dict = {}   # word -> its terms (none for a word left out): words repeat
        self.pieces: dict = {}  # piece of text (bytes) -> its terms (counted)
        self.single: dict = {}  # piece -> its one term, "" for none, _SEVERAL for more

    def of(self, text: str) -> list:
        """The terms of a text, in order (repeats kept). Each distinct word is folded once: the
        words of a lower-cased text, marks and all, then each word as the loader folds it."""
        words = _RAW_WORD.findall(text.lower())
        known = self.known
        for word in set(words).difference(known):
            known[word] = self._terms(word)
        return [term for word in words for term in known[word]]

    def counted(self, text: str) -> tuple:
        """(how many terms, {term: count}) of a text: what of() gives, counted, in the order of
        of()'s first occurrences, at C speed where it can be. The lower-cased text's UTF-8 is cut
        at every ASCII byte that is no part of a word (a byte table, then split): a piece is a
        word, or, where it holds other characters, the words _RAW_WORD finds in it. A piece
        almost always makes one term or none, and the pieces are mapped to their terms and
        counted at once; a text with a piece of two terms ("a_b", "offer—which") is counted
        a distinct piece at a time."""
        pieces = text.lower().encode("utf-8", "surrogatepass").translate(_GAPS).split()
        single = self.single
        for piece in set(pieces).difference(single):
            words = [piece.decode()] if piece.isascii() else _RAW_WORD.findall(piece.decode("utf-8", "surrogatepass"))
            terms = self.pieces[piece] = tuple(term for word in words for term in self._terms(word))
            single[piece] = terms[0] if len(terms) == 1 else "" if not terms else _SEVERAL
        counts = Counter(map(single.__getitem__, pieces))
        if _SEVERAL in counts:
            counts, length, known = {}, 0, self.pieces
            for piece, times in Counter(pieces).items():
                for term in known[piece]:
                    counts[term] = counts.get(term, 0) + times
                length += times * len(known[piece])
            return length, counts
        left_out = counts.pop("", 0)
        return len(pieces) - left_out, counts

    def _terms(self, word: str) -> tuple:
        return tuple(t for t in map(self.term, _WORD.findall(fold(word))) if t)

    def term(self, word: str) -> str:
        """A folded word's term, or "" when it is left out (a stop word, a letter alone)."""
        if len(word) < 2 and not "0" <= word <= "9" or word in self.stop:
            return ""
        if len(word) > 3:
            for pattern, replacement in self.rules:
                folded, count = pattern.subn(replacement, word, count=1)
                if count:
                    return folded
        return word

    def settings(self) -> dict:
        """The same rules for the loader: it processes the reader's words with them."""
        return {"plurals": [[p.pattern, r.replace("\\1", "$1")] for p, r in self.rules],
                "stop": sorted(self.stop)}


_SEVERAL = object()   # a word that makes more than one term

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"   # combining accents
_MARK = re.compile(f"[{_MARKS}]")
_WORD = re.compile(r"[^\W_]+")
_RAW_WORD = re.compile(f"[\\w{_MARKS}]+")     # a word before folding: letters, digits, accents (and _)
# The bytes of UTF-8 that end a word for certain: every ASCII byte but a-z, A-Z, 0-9 and _ (what
# \w matches below 128), as a space; the bytes of other characters stay, and _RAW_WORD decides.
_GAPS = bytes(b if b >= 128 or chr(b).isalnum() or b == ord("_") else ord(" ") for b in range(256))


def fold(text: str) -> str:
    """Lower case without accents: "Cártel" -> "cartel" (as the loader's fold does)."""
    if text.isascii():
        return text.lower()
    return _MARK.sub("", unicodedata.normalize("NFD", text)).lower()


# --- what a text gives the search ----------------------------------------------------------

_NOTE_REF = re.compile(r'<sup class="note-ref".*?</sup>', re.S)
_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|div|h[1-6]|blockquote|br|section|dd|dt|td|th|tr|pre)\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")


def plain_text(fragment: str) -> str:
    """The words a reader sees in an HTML fragment from the annotate stage, spaces folded."""
    fragment = _BLOCK_TAG.sub(" ", _NOTE_REF.sub("", fragment))
    return " ".join(html_lib.unescape(_TAG.sub("", fragment)).split())


_LINE = re.compile(r'<span class="line" id="l(\d+)">')


def text_places(summary: dict, header_lines: list, blocks, notes, page_of=None) -> list:
    """The places a result can link to, in reading order, each [kind, address, …, words]:
    ["top", page, 0, words] for the title and header lines, ["p", page#pN, N, words] per numbered
    block, ["l", page#lN, N, words] per line of verse, ["note", page#note-ID, number, ¶, words]
    per note. page_of(number) is the chapter page that holds a ¶ or line (a split text)."""
    url = summary["url"]
    page = page_of or (lambda number: url)
    places = [["top", url, 0, " · ".join([summary["title"], *header_lines])]]
    for block in blocks:
        if block.lines:
            parts = _LINE.split(block.html)      # text, number, text, number, text …
            places += [["l", f"{page(int(n))}#l{n}", int(n), plain_text(words)]
                       for n, words in zip(parts[1::2], parts[2::2])]
        elif block.number:
            places.append(["p", f"{page(block.number)}#p{block.number}", block.number, plain_text(block.html)])
    places += [["note", f"{note.page or url}#note-{note.id}", note.number, note.paragraph, plain_text(note.html)]
               for note in notes]
    return places


def places_path(slug: str) -> str:
    return f"{FOLDER}/t/{slug}.js"


def static_files() -> dict:
    return {path: (ASSETS / name).read_bytes() for path, name in STATIC.items()}


def glossary_entries(terms) -> list:
    """The glossary as the index takes it: {id, term, aliases, text} (the definition as plain text)."""
    return [{"id": t["id"], "term": t["term"], "aliases": list(t["aliases"]), "text": plain_text(t["html"])}
            for t in terms]


def index_parts(index: bytes) -> list:
    """The files search/index.js names (its shards), and the glossary's places."""
    data = json.loads(index.decode("utf-8")[len("EditionSearch.index("):-3])    # "<\\/" is JSON for "</"
    return [shard_path(prefix) for prefix in data["shards"]] + [GLOSSARY]


def places_script(slug: str, title: str, url: str, places: list) -> bytes:
    """search/t/<slug>.js: what the loader shows of one text's results."""
    data = {"slug": slug, "title": title, "url": url, "places": places}
    return _call("places", data)


def text_terms(places: list, terms: Terms) -> bytes:
    """The text's two documents (body with header, notes) as term counts, compressed: what the
    index job needs of a text, small enough to keep for a thousand texts."""
    docs = [_counts(*terms.counted("\n".join(place[-1] for place in places if place[0] in wanted)))
            for wanted in (("top", "p", "l"), ("note",))]
    return zlib.compress("\n".join(docs).encode("utf-8"), 1)


def _counts(length: int, counts: dict) -> str:
    """'length<TAB>term term …<TAB>term:3 …': the document's length, the terms it has once, and
    those it has more than once, with their counts (Terms.counted)."""
    once = [word for word, n in counts.items() if n == 1]
    more = [f"{word}:{n}" for word, n in counts.items() if n > 1]
    return f"{length}\t{' '.join(once)}\t{' '.join(more)}"


# --- the index ------------------------------------------------------------------------------

def index_files(texts, glossary, terms: Terms) -> dict:
    """{site path: bytes} of the index: search/index.js, its shards (split_shards), and
    search/glossary.js (the glossary's places). texts: [(slug, title, text_terms bytes)] in reading
    order; glossary: [{id, term, aliases, text}] in the glossary's order.

    A term's postings are its documents in order, each as doc * 2 + (1 if a count follows)."""
    # One text's documents decoded at a time, and each term's postings encoded as they come
    # (a byte or two each, as _encode would write them): at 10,000 texts a list of every decoded
    # document, then an integer per posting, were most of the build's memory.
    docs = itertools.chain((doc for _, _, data in texts for doc in _decoded(data)),
                           (_counts(*terms.counted(" ".join([g["term"], *g["aliases"], g["text"]]))) for g in glossary))
    lengths, postings, last = [], defaultdict(bytearray), {}
    small = _SMALL_BYTES
    for doc_id, doc in enumerate(docs):
        length, once, more = doc.split("\t")
        lengths.append(int(length))
        value = doc_id * 2
        for term in once.split(" ") if once else ():
            gap = value - (last.get(term, 0) & -2)
            postings[term] += small[gap] if gap < len(small) else _number(gap).encode()
            last[term] = value
        for entry in more.split(" ") if more else ():
            term, _, count = entry.partition(":")
            gap, extra = value + 1 - (last.get(term, 0) & -2), int(count) - 2
            postings[term] += ((small[gap] if gap < len(small) else _number(gap).encode())
                               + (small[extra] if extra < len(small) else _number(extra).encode()))
            last[term] = value + 1
    encoded = {term: postings.pop(term).decode("ascii") for term in sorted(postings)}
    files = {}
    shards = split_shards(list(encoded), encoded)
    for prefix, shard_terms in shards.items():      # each term's postings let go once in its shard
        files[shard_path(prefix)] = _call("shard", [prefix, " ".join(shard_terms),
                                                   " ".join(encoded.pop(t) for t in shard_terms)])
    average = sum(lengths) / len(lengths) if lengths else 0
    files[INDEX] = _call("index", {
        "format": FORMAT, "texts": [[slug, title] for slug, title, _ in texts],
        "glossary": [[g["id"], g["term"]] for g in glossary],
        "lengths": _numbers(lengths), "average": round(average, 3), "shards": list(shards),
        **terms.settings()})
    files[GLOSSARY] = places_script(
        "", "Glossary", "glossary.html",
        [["term", f"glossary.html#{g['id']}", g["term"], g["text"]] for g in glossary])
    return files


def _decoded(data: bytes) -> list:
    return zlib.decompress(data).decode("utf-8").split("\n")


SHARD_LIMIT = 40_000     # characters of postings a shard holds before it is split by one more letter


def split_shards(terms: list, encoded: dict, prefix: str = "") -> dict:
    """{prefix: [terms]}: all terms in one shard while they fit, else one shard per next letter,
    and so on; a term shorter than the next prefix stays in the shard of its own prefix."""
    if sum(len(encoded[t]) for t in terms) <= SHARD_LIMIT or all(len(t) <= len(prefix) for t in terms):
        return {prefix: terms}
    shards: dict = {}
    groups: dict = {}
    for term in terms:
        if len(term) <= len(prefix):
            shards.setdefault(prefix, []).append(term)
        else:
            groups.setdefault(term[:len(prefix) + 1], []).append(term)
    for longer, group in groups.items():
        shards.update(split_shards(group, encoded, longer))
    return shards


def shard_path(prefix: str) -> str:
    """search/s.js for the whole index, search/s-ch.js for the terms starting "ch" (a letter
    outside a–z and 0–9 as _ and its code point: s-_00f8.js)."""
    if not prefix:
        return f"{FOLDER}/s.js"
    return f"{FOLDER}/s-" + "".join(c if "a" <= c <= "z" or "0" <= c <= "9" else f"_{ord(c):04x}"
                                    for c in prefix) + ".js"


def _encode(values: list, counts) -> str:
    """Each posting as (gap from the last document) * 2 + its flag, then its count - 2 if flagged.
    The plain way: index_files encodes as it goes, the same (tests/test_speed_shortcuts.py)."""
    gaps = [value - (last & -2) for value, last in zip(values, [0, *values[:-1]])]
    try:
        chars = [_SMALL[gap] for gap in gaps]
    except IndexError:      # a gap of more than 1,080 documents: three characters or more
        chars = [_number(gap) for gap in gaps]
    if counts:
        flagged = [i for i, value in enumerate(values) if value & 1]
        for i, count in zip(flagged, counts):
            chars[i] += _number(count)
    return "".join(chars)


def _number(value: int) -> str:
    if value < len(_SMALL):
        return _SMALL[value]
    digits = [_END[value % 46]]
    value //= 46
    while value:
        value -= 1
        digits.append(_MORE[value % 46])
        value //= 46
    return "".join(reversed(digits))


def _numbers(values) -> str:
    return "".join(_number(v) for v in values)


def decode_numbers(encoded: str) -> list:
    """The numbers of an encoded string (the loader's decoding, for the tests)."""
    out, value = [], 0
    for char in encoded:
        at = _ALPHABET.index(char)
        if at >= 46:
            value = (value + at - 46 + 1) * 46
        else:
            out.append(value + at)
            value = 0
    return out


def _call(name: str, data) -> bytes:
    """A script that hands its data to the loader: EditionSearch.name(data)."""
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # A note may contain "</script>" or U+2028: harmless in a .js file, escaped all the same.
    body = body.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"EditionSearch.{name}({body});\n".encode("utf-8")

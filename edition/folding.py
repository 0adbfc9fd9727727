"""The one way text is compared: a note's quote, its before/after words and a glossary name
against a text, for the build, `new-note` and `import-annotations` alike (docs/formats.md,
"How quotes and terms are matched").

Two strings match when their keys are equal, and their capitals agree where capitals count.
The key reads a text as a reader sees it, not as it happened to be typed:

1. composed and decomposed accents are the same (é U+00E9 is e + U+0301): Unicode canonical
   equivalence, each cluster (a letter and its marks) taken to NFD, then back to NFC;
2. invisible characters are absent: the soft hyphen (U+00AD), zero-width space (U+200B),
   non-joiner and joiner (U+200C, U+200D), word joiner (U+2060) and zero-width no-break space
   (U+FEFF);
3. every run of white space (no-break U+00A0 and narrow no-break U+202F included) is one space,
   or one line break if it holds one;
4. case is folded by Unicode's full case folding (ſ is s, ß is ss, ﬁ is fi), with the dot of the
   capital İ dropped (İstanbul is istanbul); in Turkish and Azerbaijani the Turkic way (I is ı).

Capitals are compared apart from the key (`same_capitals`): "the same letters, capitalised on
the same letters", so a quote typed with a long s or a decomposed accent still lands, while
"Sun" is not "sun". Every position of a key leads back to the text's own characters (Key.start,
Key.end): matching never changes what a page shows.

Most texts take the fast path (a few C-speed string operations); only a text with decomposed
accents or letters whose case folding changes their length is folded cluster by cluster.
"""
from __future__ import annotations

import bisect
import re
import unicodedata

IGNORABLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# A run of white space and invisible characters that the key changes: two or more characters,
# or one that is not a plain space or line break. (Written to start with one set, which re
# looks for at C speed: three alternatives cost five times as much.)
_CHANGING_RUN = re.compile(rf"[\s{IGNORABLE}](?:(?<![ \n])[\s{IGNORABLE}]*|[\s{IGNORABLE}]+)")
_WORD = re.compile(r"\S+")
_NO_IGNORABLE = dict.fromkeys(map(ord, IGNORABLE))
_TURKIC = str.maketrans({"I": "ı", "İ": "i"})
_TURKIC_LANGUAGES = {"tr", "az"}
# Starters (combining class 0) that canonical composition joins to the character before them:
# Indic and Sinhala vowel signs and the Hangul medial vowels and final consonants. A cluster
# runs on over them. (tests/test_folding.py checks the list against the Unicode database.)
_JOINS_PREVIOUS = frozenset(
    "\u09be\u09d7\u0b3e\u0b56\u0b57\u0bbe\u0bd7\u0cc2\u0cd5\u0cd6\u0d3e\u0d57\u0dcf\u0ddf\u0fb5\u0fb7"
    "\u102e\u1b35\U00011127\U0001133e\U00011357\U000114b0\U000114ba\U000114bd\U000115af\U00011930"
    + "".join(map(chr, range(0x1161, 0x1176))) + "".join(map(chr, range(0x11a8, 0x11c3))))


def is_turkic(language: str) -> bool:
    """True for a language whose dotted and dotless i are two letters (tr, az, tr-CY…)."""
    return (language or "").split("-")[0].lower() in _TURKIC_LANGUAGES


class _Shifts:
    """One step from a string to the one made from it: only where they differ (a run of spaces,
    an invisible character, a cluster folded to another length), as shifts found by bisection.
    units: (start, end) in the new string, (start, end) in the old, for each place that differs."""

    def __init__(self, units):
        starts, ends, inner = {0: 0}, {0: 0}, []
        for new_start, new_end, start, end in units:
            if new_start == new_end:      # removed: a match starts after it, ends before it
                starts[new_start] = end - new_start
                ends[new_start + 1] = end - new_start
            else:
                starts[new_end] = ends[new_end] = end - new_end
                if new_end - new_start > 1:
                    inner.append((new_start, new_end))
        self._starts = sorted(starts)
        self._start_shift = [starts[p] for p in self._starts]
        self._ends = sorted(ends)
        self._end_shift = [ends[p] for p in self._ends]
        self._inner_starts = [a for a, _ in inner]
        self._inner = inner

    def inside(self, position: int) -> bool:
        """True inside a cluster folded to two characters or more (the second s of ß → ss)."""
        k = bisect.bisect_right(self._inner_starts, position) - 1
        return k >= 0 and self._inner[k][0] < position < self._inner[k][1]

    def start(self, position: int) -> int:
        return position + self._start_shift[bisect.bisect_right(self._starts, position) - 1]

    def end(self, position: int) -> int:
        return position + self._end_shift[bisect.bisect_right(self._ends, position) - 1]


class Key:
    """A text's key and the way back: key positions to the text's own positions, through the
    steps that made it (runs and invisible characters, then clusters where needed). No match
    starts or ends inside a cluster, or before a mark of the letter before it."""

    def __init__(self, text: str, *steps: _Shifts):
        self.text = text
        self.flat = text.replace("\n", " ")     # line breaks as spaces, as plain quotes and terms read them
        self._steps = steps[::-1]               # from the key back to the text

    def _inside(self, position: int) -> bool:
        if position < len(self.text):
            char = self.text[position]
            if char > "\u02ff" and (unicodedata.combining(char) or char in _JOINS_PREVIOUS):
                return True
        return self._steps[0].inside(position) if len(self._steps) > 1 else False

    def start(self, position: int) -> int | None:
        """Where in the text a match that starts at this key position starts (None: mid-cluster)."""
        if self._inside(position):
            return None
        for step in self._steps:
            position = step.start(position)
        return position

    def end(self, position: int) -> int | None:
        """Where in the text a match that ends at this key position ends (None: mid-cluster)."""
        if self._inside(position):
            return None
        for step in self._steps:
            position = step.end(position)
        return position

    def span(self, start: int, end: int):
        """(start, end) in the text of the key's start..end, or None if either is mid-cluster."""
        a, b = self.start(start), self.end(end)
        return None if a is None or b is None else (a, b)


_KEPT: dict = {}     # (text, language) -> Key of the last few long texts


def key(text: str, language: str = "") -> Key:
    """The key of a text, for matching (see the module). A text's key serves its notes and its
    glossary terms alike: the last few long ones are kept (a quote's is made again, cheaply)."""
    if len(text) < 256:
        return _make_key(text, language)
    kept = _KEPT.get((text, language))
    if kept is None:
        if len(_KEPT) >= 4:
            del _KEPT[next(iter(_KEPT))]
        kept = _KEPT[text, language] = _make_key(text, language)
    return kept


def _make_key(text: str, language: str) -> Key:
    turkic = is_turkic(language)
    source = text.translate(_TURKIC) if turkic else text     # one character for one: positions stay
    # 1. runs of white space as one space (or line break), invisible characters gone
    units, parts, last, shift = [], [], 0, 0
    for run in _CHANGING_RUN.finditer(source):
        start, end = run.span()
        folded = _run(run.group())
        parts += [source[last:start], folded]
        units.append((start - shift, start - shift + len(folded), start, end))
        shift += (end - start) - len(folded)
        last = end
    parts.append(source[last:])
    joined, runs = "".join(parts), _Shifts(units)
    # 2. case and accents: one for one in nearly every text; else word by word, cluster by cluster
    if joined.isascii():
        return Key(joined.lower(), runs)
    folded = _simple_fold(joined)
    if folded is not None:
        return Key(folded, runs)
    folded, units = _fold_clusters(joined, turkic)
    return Key(folded, runs, _Shifts(units))


def _run(run: str) -> str:
    """A run's key: a line break if it holds one, a space if it holds any white space, else nothing."""
    return "\n" if "\n" in run else " " if any(char.isspace() for char in run) else ""


def _simple_fold(text: str) -> str | None:
    """The case-folded text if folding changes no character's length, and no cluster needs
    composing: then key positions are the text's own (after its runs). None otherwise."""
    if "\u0307" in text or "\u0345" in text or not unicodedata.is_normalized("NFC", text):
        return None
    folded = text.casefold()
    if len(folded) != len(text) or not unicodedata.is_normalized("NFC", folded):
        return None
    return folded


def _fold_clusters(text: str, turkic: bool):
    """(key, units) of a text whose runs are folded: word by word, and, in a word whose folding
    is not one for one, cluster by cluster."""
    parts, units, position = [], [], 0
    for token in re.finditer(r"[ \n]+|[^ \n]+", text):
        start = token.start()
        piece = token.group()
        simple = piece if piece[0] in " \n" else _simple_fold(piece)
        if simple is not None:
            parts.append(simple)
            position += len(simple)
            continue
        for cluster_start, cluster_end in _clusters(piece):
            cluster = piece[cluster_start:cluster_end]
            folded = fold_cluster(cluster, turkic)
            # recorded when its length changes, or its marks do (ͅ folds to the letter ι)
            if len(folded) != len(cluster) or (len(cluster) > 1 and folded != cluster):
                units.append((position, position + len(folded), start + cluster_start, start + cluster_end))
            parts.append(folded)
            position += len(folded)
    return "".join(parts), units


def _clusters(word: str):
    """(start, end) of each cluster of a word: a character and the marks that combine with it."""
    start = 0
    for index in range(1, len(word)):
        char = word[index]
        if not unicodedata.combining(char) and char not in _JOINS_PREVIOUS:
            yield start, index
            start = index
    if word:
        yield start, len(word)


def fold_cluster(cluster: str, turkic: bool = False) -> str:
    """One cluster's key: NFD, case folded (the dot of a capital İ dropped), NFC."""
    decomposed = unicodedata.normalize("NFD", cluster)
    if turkic:
        decomposed = decomposed.replace("I\u0307", "i").replace("ı\u0307", "i").replace("I", "ı")
    folded = decomposed.casefold().replace("i\u0307", "i")
    return unicodedata.normalize("NFC", folded)


def text_key(text: str, language: str = "") -> str:
    """The key of a short string (a quote, an alias), line breaks as spaces, no space at either end."""
    return key(text, language).flat.strip(" ")


# --- capitals -------------------------------------------------------------------------------

def capitals(text: str, language: str = "") -> str:
    """Which letters of the key are capitals in the text ("1") and which are not ("0"), letter
    by letter: ſ and ß are small letters, İ and I capitals."""
    text = text.translate(_NO_IGNORABLE)
    if _simple_fold(text) is not None:
        return "".join("1" if char != char.lower() else "0" for char in text if char.isalpha())
    turkic = is_turkic(language)
    flags = []
    for word in _WORD.finditer(text):
        piece = word.group()
        for start, end in _clusters(piece):
            cluster = piece[start:end]
            flag = "1" if any(char != char.lower() for char in cluster) else "0"
            flags += [flag for char in fold_cluster(cluster, turkic) if char.isalpha()]
    return "".join(flags)


def same_capitals(found: str, wanted: str, language: str = "") -> bool:
    """True if the text's words capitalise the same letters as the quote or name (same key assumed)."""
    return found == wanted or capitals(found, language) == capitals(wanted, language)

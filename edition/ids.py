"""Readable ids and slugs made from words: note and glossary ids when the editor gives none, and
the slugs (file names) of texts made from their titles."""
from __future__ import annotations

import re
import unicodedata


def make_id(text: str, words: int = 5) -> str:
    """A readable id from the first words of a phrase: "relatively low" -> relatively-low
    (letters without an ASCII form spelt as slugs spell them: "ılık" -> ilik, "Straße" -> strasse)."""
    folded = unicodedata.normalize("NFKD", text.translate(FOLD)).encode("ascii", "ignore").decode().lower()
    parts = re.findall(r"[a-z0-9]+", folded)[:words]
    return "-".join(parts) or "note"


SLUG_WORDS = 6
SLUG_LENGTH = 60
FOLD = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                      "ł": "l", "Ł": "L", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ı": "i"})
QUOTES_RE = re.compile(r"['’‘`´\"“”]|(?<=\b[a-z])\.(?=[a-z]\b)")   # and the dots of "u.s."
# Words a slug must not end on: "…-de-lhomme-et" reads as cut off.
DANGLING = {
    "a", "an", "and", "or", "of", "the", "to", "in", "on", "at", "by", "for", "with", "from", "as",
    "but", "nor", "is", "et", "ou", "de", "du", "des", "la", "le", "les", "l", "d", "un", "une",
    "au", "aux", "en", "par", "pour", "sur", "y", "o", "e", "el", "los", "las", "del", "al", "con",
    "por", "para", "und", "oder", "der", "die", "das", "den", "dem", "von", "zu", "zum", "zur", "im",
    "am", "mit", "auf", "ein", "eine",
}


def slugify(title: str, limit: bool = True) -> str:
    """ASCII, lower case, hyphenated, at most six words and 60 characters: `rubios-offer`.

    Quotes, apostrophes and the dots of abbreviations go first, so "Rubio's" -> "rubios" and
    "U.S." -> "us"; every other run of non-alphanumerics separates words.  A slug cut short
    does not end on a small word ("and", "de", "et", "der"): those are dropped from its end.
    With `limit=False` every word is kept (for comparing a line with an address).
    """
    folded = unicodedata.normalize("NFKD", title.translate(FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", QUOTES_RE.sub("", ascii_text.lower()))
    if not limit:
        return "-".join(words)
    kept = []
    for word in words[:SLUG_WORDS]:
        if len("-".join(kept + [word])) > SLUG_LENGTH:
            break
        kept.append(word)
    if not kept:
        return words[0][:SLUG_LENGTH] if words else ""
    if len(kept) < len(words):
        while len(kept) > 1 and kept[-1] in DANGLING:
            kept.pop()
    return "-".join(kept)

"""Readable ids made from words: for notes and glossary terms when the editor gives none."""
from __future__ import annotations

import re
import unicodedata


def make_id(text: str, words: int = 5) -> str:
    """A readable id from the first words of a phrase: "relatively low" -> relatively-low."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    parts = re.findall(r"[a-z0-9]+", folded)[:words]
    return "-".join(parts) or "note"

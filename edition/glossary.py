"""Find glossary terms in text: one pass, whatever the glossary's size.

All terms and aliases are compiled into a single regular expression shaped like a
prefix tree, so the cost of a pass grows with the text, not with the number of terms.
At each position the longest alias wins ("Tren de Aragua" over "Aragua").
"""
from __future__ import annotations

import re


class TermMatcher:
    def __init__(self, terms):
        # alias (case-folded) -> (the alias as written, term id)
        self.aliases = {}
        for term in terms:
            for name in [term.term, *term.aliases]:
                kept = self.aliases.get(name.lower())
                # "Deportation" with the alias "deportation": the lower-case spelling, which
                # matches any capitals, is what the editor wants matched.
                if kept is None or (kept[1] == term.id and name == name.lower()):
                    self.aliases[name.lower()] = (name, term.id)
        self.pattern = _compile(self.aliases) if self.aliases else None

    def find(self, text: str):
        """Yield (start, end, term_id) for whole-word occurrences, left to right."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            found = " ".join(match.group().split())
            written, term_id = self.aliases[found.lower()]
            if written != written.lower() and found != written:
                continue  # an alias with capitals matches only as written ("Sun" is not "sun")
            yield match.start(), match.end(), term_id


def _compile(aliases) -> re.Pattern:
    trie: dict = {}
    for alias in aliases:
        node = trie
        for char in alias:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(r"(?<!\w)" + _pattern(trie) + r"(?!\w)", re.IGNORECASE)


def _pattern(node: dict) -> str:
    ends_here = "" in node
    branches = [_escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if ends_here else body


def _escape(char: str) -> str:
    # Whitespace in an alias matches any run of spaces in the text.
    return r"\s+" if char == " " else re.escape(char)

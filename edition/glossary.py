"""Find glossary terms in text: one pass, whatever the glossary's size.

All terms and aliases are compiled into a single regular expression shaped like a
prefix tree, so the cost of a pass grows with the text, not with the number of terms.
At each position the longest alias wins ("Tren de Aragua" over "Aragua").

Names and texts are compared by their keys (folding.py: accents however composed, invisible
characters absent, any white space one space, case folded), so that a name matches however the
text happens to be typed, and the pattern runs over the text's key, never over the text itself:
a match always leads back to the text's own characters.
"""
from __future__ import annotations

import re

from .folding import is_turkic, key, same_capitals, text_key


class TermMatcher:
    def __init__(self, terms):
        self.terms = list(terms)
        self._by_fold: dict = {}        # Turkic or not -> ({key: (name as written, term id)}, pattern)
        self._aliases("")               # made now, so that the build's forked workers share it

    def _aliases(self, language: str):
        turkic = is_turkic(language)
        if turkic not in self._by_fold:
            aliases = {}
            for term in self.terms:
                for name in [term.term, *term.aliases]:
                    folded = text_key(name, language)
                    if not folded:
                        continue
                    kept = aliases.get(folded)
                    # "Deportation" with the alias "deportation": the lower-case spelling, which
                    # matches any capitals, is what the editor wants matched.
                    if kept is None or (kept[1] == term.id and name == name.lower()):
                        aliases[folded] = (name, term.id)
            self._by_fold[turkic] = (aliases, _compile(aliases) if aliases else None)
        return self._by_fold[turkic]

    def find(self, text: str, language: str = ""):
        """Yield (start, end, term_id) for whole-word occurrences, left to right."""
        aliases, pattern = self._aliases(language)
        if pattern is None:
            return
        folded = key(text, language)
        for match in pattern.finditer(folded.flat):
            span = folded.span(*match.span())
            if span is None:
                continue    # it ends inside a letter of the text (a mark, the second s of ß)
            written, term_id = aliases[match.group()]
            start, end = span
            if written != written.lower() and not same_capitals(text[start:end], written, language):
                continue  # a name with capitals matches only as written ("Sun" is not "sun")
            yield start, end, term_id


def _compile(aliases) -> re.Pattern:
    trie: dict = {}
    for alias in aliases:
        node = trie
        for char in alias:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(r"(?<!\w)" + _pattern(trie) + r"(?!\w)")


def _pattern(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if ends_here else body

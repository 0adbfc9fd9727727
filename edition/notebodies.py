"""A note's body (or a glossary entry's) as HTML: rendered with the links it holds, for the link
check, and its plain opening words, for the margin and the popovers. A text's notes are rendered
from one parse of them all where that gives the same HTML (render_notes)."""
from __future__ import annotations

from .markdown import links_in


def render_note(body: str, md, doc_id: str = ""):
    """(html, [(href, line)], plain opening) from one parse: the links are checked, so all are needed.
    doc_id: what the ids of its footnotes carry (fn-note-x-1), so that two notes' footnotes, and
    the text's own, never share an id on a page."""
    env: dict = {"docId": doc_id} if doc_id else {}
    tokens = md.parse(body, env)
    return md.renderer.render(tokens, md.options, env), list(links_in(tokens)), plain_opening(tokens)


def render_notes(bodies, md, doc_ids=None) -> list:
    """[render_note(body, md, doc_id) for body, doc_id in zip(bodies, doc_ids)], from one parse of them all where that gives
    the same: a text's notes are short, and parsing each as a document of its own spent a third
    of the time on setting up the parse and the rendering, not on the notes.

    The bodies are parsed as one document, a blank line between them, and the tokens cut where
    each body begins. That is the plain way's result unless a body reaches into the next: a
    block running on across the blank line (an unclosed code fence, a list or indented code
    that the next body continues), or a definition the others could use (a link reference or
    a footnote: markdown-it keeps them document-wide). Then this text's notes are parsed one by
    one. tests/test_speed_shortcuts.py holds both ways to the same HTML, links and openings."""
    doc_ids = doc_ids or [""] * len(bodies)
    if len(bodies) < 2 or any("\r" in body for body in bodies):   # a CR would shift the lines
        return [render_note(body, md, doc_id) for body, doc_id in zip(bodies, doc_ids)]
    chunks, starts, line = [], [], 0
    for body in bodies[:-1]:
        chunk = (body if body.endswith("\n") else body + "\n") + "\n"   # a blank line after it
        chunks.append(chunk)
        starts.append(line)
        line += chunk.count("\n")
    starts.append(line)
    chunks.append(bodies[-1])      # the last as it is: what runs to its end runs to the document's
    env: dict = {}
    tokens = md.parse("".join(chunks), env)
    # The footnotes plugin leaves an empty {"refs": {}, "list": {}} wherever a `[` is: only a
    # footnote or a link reference defined (or an inline footnote) is shared.
    shared = set(env) - {"footnotes"} or any(env.get("footnotes", {}).values())
    cuts = None if shared else _cuts(tokens, starts)
    if cuts is None:
        return [render_note(body, md, doc_id) for body, doc_id in zip(bodies, doc_ids)]
    rendered = []
    for index, first in enumerate(starts):
        part = tokens[cuts[index]:cuts[index + 1]]
        rendered.append((md.renderer.render(part, md.options, {"docId": doc_ids[index]} if doc_ids[index] else {}),
                         [(href, at - first) for href, at in links_in(part)], plain_opening(part)))
    return rendered


_RUNS_OVER_BLANKS = {"bullet_list_open", "ordered_list_open", "list_item_open"}


def _cuts(tokens, starts):
    """Where each body's tokens begin in the tokens of them all (and the end), or None if a
    block begun in one body runs on past its last line: into the next (a list it goes on, a
    lazy line), or over the blank line between them (an unclosed fence, whose code it would
    become). A list alone may end on the blank line: its items are what they were."""
    cuts = []
    body, last = -1, len(starts) - 1
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        begins, finishes = token.map
        if not token.level:
            while body < last and begins >= starts[body + 1]:
                body += 1
                cuts.append(index)
        if body < last and finishes > starts[body + 1] - (token.type not in _RUNS_OVER_BLANKS):
            return None
    cuts += [len(tokens)] * (len(starts) + 1 - len(cuts))
    return cuts


def plain_opening(tokens) -> str:
    """The words of the first paragraph (or first line-level block), as a reader sees them:
    no markup, spaces folded. A theme shows it where the whole body would be too long."""
    first = next((t for t in tokens if t.type == "inline"), None)
    if first is None:
        return ""
    words = [child.content if child.type in ("text", "code_inline") else " "
             for child in first.children or () if child.type in ("text", "code_inline", "softbreak", "hardbreak")]
    return " ".join("".join(words).split())

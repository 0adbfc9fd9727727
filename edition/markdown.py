"""The one Markdown dialect of the edition (CommonMark + tables + footnotes, raw HTML off),
and its lints: what it accepts silently but an editor never means."""
from __future__ import annotations

import html
import re
from types import SimpleNamespace

from markdown_it import MarkdownIt, helpers
from markdown_it.common.utils import unescapeAll
from markdown_it.helpers.parse_link_destination import _Result
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.rules_core.normalize import normalize
from mdit_py_plugins.footnote import footnote_plugin

from .problems import error, warning
from .sections import fence_step, unclosed_fence

_EXTERNAL = ("http://", "https://", "//")
# markdown-it stops parsing a file at this depth of nesting and drops the rest of it: far deeper
# than commonmark's 20 (a list ten levels deep), and reported where it is reached (nesting_problems).
MAX_NESTING = 100
# markdown-it normalises every link target (URL parse, punycode, percent-encoding: about 50 µs,
# a fifth of rendering a note). A target made only of letters, digits and . _ ~ / - (a web
# address with such a path, or a page of the site with a fragment), as nearly every link is,
# comes back unchanged, so it skips the work. tests/test_speed_shortcuts.py holds it to that.
_PLAIN_TARGET = re.compile(r"(?:https?://[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~/-]*)?|[A-Za-z0-9._~/-]+(?:#[A-Za-z0-9._~-]*)?)\Z")


def normalize_link(url: str) -> str:
    return url if _PLAIN_TARGET.match(url) else normalizeLink(url)


# markdown-it reads a link's target a character at a time in Python (about 10 µs for a web
# address; every note has one). A run of characters that are neither spaces, controls, a
# backslash nor brackets is the whole target when what follows ends it (a space, a control,
# `)` or the end): one regex says so. Anything else (<…>, a backslash, brackets) is read the
# plain way. tests/test_speed_shortcuts.py holds both ways to the same result.
_DESTINATION_RUN = re.compile(r"[^\x00-\x20\x7f\\()]+")


def parse_link_destination(string: str, pos: int, maximum: int):
    run = _DESTINATION_RUN.match(string, pos, maximum) if string[pos:pos + 1] != "<" else None
    if run is None:
        return helpers.parseLinkDestination(string, pos, maximum)
    end = run.end()
    if end < maximum and string[end] in "\\(":
        return helpers.parseLinkDestination(string, pos, maximum)
    result = _Result()
    result.ok, result.pos, result.str = True, end, unescapeAll(run.group())
    return result


_HELPERS = SimpleNamespace(parseLinkDestination=parse_link_destination, parseLinkLabel=helpers.parseLinkLabel,
                           parseLinkTitle=helpers.parseLinkTitle)


def _normalize(state) -> None:
    # markdown-it's own rule rewrites every newline as a newline (a regex replacement per line,
    # twice per parse); only a carriage return or a NUL is ever changed, so look for those first.
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


def make_markdown(image_sizes: dict | None = None) -> MarkdownIt:
    """The dialect; image_sizes ({site path: (width, height)}) gives images their size, so that
    the page does not shift as they load."""
    # html=False: raw HTML in a seed or a note renders as text, never as markup.
    # typographer=False: the text's own quotes and dashes are kept exactly.
    md = MarkdownIt("commonmark", {"html": False, "typographer": False, "linkify": False,
                                   "maxNesting": MAX_NESTING})
    md.enable("table")
    md.use(footnote_plugin)
    md.normalizeLink = normalize_link
    md.helpers = _HELPERS
    md.core.ruler.at("normalize", _normalize)
    md.add_render_rule("link_open", _render_link_open)
    if image_sizes:
        md.add_render_rule("image", lambda self, tokens, idx, options, env:
                           _render_image(self, tokens, idx, options, env, image_sizes))
    return md


def _render_image(self, tokens, idx, options, env, sizes):
    token = tokens[idx]
    size = sizes.get(token.attrGet("src") or "")
    if size:
        token.attrSet("width", str(size[0]))
        token.attrSet("height", str(size[1]))
    return self.image(tokens, idx, options, env)


def _render_link_open(self, tokens, idx, options, env):
    token = tokens[idx]
    if (token.attrGet("href") or "").startswith(_EXTERNAL):
        token.attrSet("rel", "noopener noreferrer")
    return self.renderToken(tokens, idx, options, env)


def links_in(tokens):
    """Yield (href, line offset) for every link and image in a token stream (line offset from
    token maps): the link check sees that each leads somewhere."""
    line = 0
    for token in tokens:
        if token.map:
            line = token.map[0]
        if token.type == "link_open":
            yield token.attrGet("href") or "", line
        for child in token.children or ():
            if child.type == "link_open":
                yield child.attrGet("href") or "", line
            elif child.type == "image":
                yield child.attrGet("src") or "", line


# --- lints ------------------------------------------------------------------------------------

def markdown_problems(body: str, path: str, first_line: int):
    """An unclosed code fence, refused link targets and images a reader cannot see, in a Markdown body."""
    problems = []
    fence = unclosed_fence(body, first_line)
    if fence:
        problems.append(error(path, fence, "code fence opened here is never closed, so everything below "
                                           "it shows as code (and any `## ` headings below are swallowed); "
                                           "close it with a line of three backticks (```) or remove it"))
    return (problems + refused_links(body, path, first_line) + image_problems(body, path, first_line)
            + raw_html_problems(body, path, first_line) + nesting_problems(body, path, first_line))


_DEEP = re.compile(r"^[ \t>*+\-\d.)]{40,}", re.M)


def nesting_problems(body: str, path: str, first_line: int):
    """Lists or quotes nested so deep that Markdown would stop there and lose the rest of the file."""
    if not _DEEP.search(body):
        return []
    for token in _probe()[0].parse(body):
        if token.level >= MAX_NESTING - 2 and token.map:
            return [error(path, first_line + token.map[0], f"lists or quotes are nested more than {MAX_NESTING // 2} "
                                                           "deep here, and Markdown drops everything after such a "
                                                           "line; nest them less deeply")]
    return []


_TAG = re.compile(r"<[A-Za-z/!?]")


def raw_html_problems(body: str, path: str, first_line: int):
    """Raw HTML: the dialect has it off (content never becomes markup), so it shows as text, and
    an editor who wrote it meant something else."""
    if not _TAG.search(body):
        return []
    found = []
    for token in _html_probe().parse(body):
        if token.type == "html_block" and token.map:
            found.append((token.map[0], token.content))
        elif token.type == "inline" and token.map:
            found += [(token.map[0], child.content) for child in token.children or () if child.type == "html_inline"]
    return [warning(path, first_line + offset, f"raw HTML `{_shorten(content.strip())}` is shown as text, not "
                                                "markup (the edition's Markdown takes no HTML); write it in Markdown, "
                                                "or remove it")
            for offset, content in dict.fromkeys(found)]


def _html_probe():
    """The dialect with HTML on: only to find where raw HTML is, never to render."""
    global _HTML_PROBE
    if _HTML_PROBE is None:
        _HTML_PROBE = MarkdownIt("commonmark", {"html": True}).enable("table").use(footnote_plugin)
    return _HTML_PROBE


_HTML_PROBE = None


def image_problems(body: str, path: str, first_line: int):
    """An image with no alt text (a screen reader says nothing of it), or one from another site
    (the page's Content-Security-Policy blocks it, so no reader sees it)."""
    if "![" not in body:
        return []
    problems = []
    for src, alt, offset in images_in(_probe()[0].parse(body)):
        line = first_line + offset
        if src.startswith(_EXTERNAL):
            problems.append(warning(path, line, f"image `{_shorten(src)}` is on another site, and the pages load "
                                                "nothing from outside the edition, so it will not show; "
                                                "save it in content/media/ and write ![…](media/NAME)"))
        if not alt.strip():
            problems.append(warning(path, line, f"image `{_shorten(src)}` has no alt text, so a screen reader "
                                                "passes over it; describe it between the brackets: ![a photo of …](…)"))
    return problems


def images_in(tokens):
    """Yield (src, alt text, line offset) for every image in a token stream."""
    line = 0
    for token in tokens:
        if token.map:
            line = token.map[0]
        for child in token.children or ():
            if child.type == "image":
                yield child.attrGet("src") or "", child.content, line


# Only bodies with something link-shaped (`](`, `]:`, `<x:`) are worth a second parse.
_LINKISH = re.compile(r"(?<!\\)\]\s*[(:]|<[A-Za-z][A-Za-z0-9+.-]*:")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:")
# markdown-it refuses only (vb|java)script:, file: and data: targets (after lower-casing).
_REFUSED_ENDINGS = ("script", "file", "data")


def refused_links(body: str, path: str, body_line: int):
    """Links whose target Markdown refuses (javascript:, vbscript:, file:, data: other than images).

    markdown-it drops such a link and shows its source as plain text, which is safe but
    silent; the editor is told, with the line, so a mistyped link does not go unnoticed.
    """
    if not _LINKISH.search(body) or not _maybe_refused(body):
        return []
    probe, refused = _probe()
    probe.parse(body)
    if not refused:
        return []
    found = []
    lines = body.split("\n")
    for token in probe.parse(body):
        if token.type == "inline" and token.map:
            refused.clear()
            probe.parseInline(token.content)
            found += [(url, token.map[0]) for url in refused]
    for offset, line in enumerate(lines):
        if _REFERENCE.match(line):
            refused.clear()
            probe.parse(line + "\n")
            found += [(url, offset) for url in refused]
    return [warning(path, body_line + offset,
                    f"link target `{_shorten(url)}` is not allowed and the link is shown as plain text; "
                    "link only to web pages (https://…), e-mail addresses (mailto:) or pages of the site")
            for url, offset in dict.fromkeys(found)]


def _maybe_refused(body: str) -> bool:
    """False only if no link in the body can have a refused target: none of the words ends
    right before a colon, even once entities are decoded and backslashes dropped."""
    if _scheme_before_colon(body):
        return True
    return ("&" in body or "\\" in body) and _scheme_before_colon(html.unescape(body.replace("\\", "")))


def _scheme_before_colon(text: str) -> bool:
    # A walk from colon to colon: a case-blind regex over the whole body costs fifty times more.
    at = text.find(":")
    while at != -1:
        end = at
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if text[max(0, end - 6):end].lower().endswith(_REFUSED_ENDINGS):
            return True
        at = text.find(":", at + 1)
    return False


def _probe():
    """A Markdown parser that records the link targets it refuses."""
    global _PROBE
    if _PROBE is None:
        md = make_markdown()
        refused = []
        allowed = md.validateLink

        def validate(url):
            ok = allowed(url)
            if not ok:
                refused.append(url)
            return ok
        md.validateLink = validate
        _PROBE = (md, refused)
    _PROBE[1].clear()
    return _PROBE


_PROBE = None


def _shorten(url: str, limit: int = 60) -> str:
    url = " ".join(url.split())
    return url if len(url) <= limit else url[: limit - 1] + "…"


_ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")     # a backslash escape of CommonMark's punctuation
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")


def footnote_problems(body: str, path: str, body_line: int):
    """A [^ref] with no definition, or a definition never used."""
    if "[^" not in body:    # neither can be written without it (most notes have no footnote)
        return []
    problems = []
    defined, used = {}, {}
    fence = None
    for offset, line in enumerate(body.split("\n")):
        fence, changed = fence_step(fence, line)
        if fence is not None or changed:
            continue    # code shows `[^1]` as it is
        # `\[^1\]` (as ingest writes a seed's literal brackets) and `[^1]` in code are plain text
        line = _CODE_SPAN.sub(lambda m: "\x01" * len(m.group()), _ESCAPED.sub("\x01\x01", line))
        definition = re.match(r"^\[\^([^\]\s]+)\]:", line)
        if definition:
            defined.setdefault(definition.group(1), body_line + offset)
            line = line[definition.end():]
        for ref in re.finditer(r"\[\^([^\]\s]+)\](?!:)", line):
            used.setdefault(ref.group(1), body_line + offset)
    for name, line in used.items():
        if name not in defined:
            problems.append(error(path, line, f"footnote [^{name}] has no definition; add a line "
                                              f"`[^{name}]: …` below the paragraph"))
    for name, line in defined.items():
        if name not in used:
            problems.append(error(path, line, f"footnote [^{name}] is defined but never used; "
                                              f"cite it with [^{name}] in the text or delete it"))
    return problems


# --- one line of inline Markdown (a title, a subtitle) --------------------------------------

def inline_children(md, source: str) -> list:
    """The inline tokens of one line of Markdown (emphasis, code, links; no blocks)."""
    tokens = md.parseInline(source, {})
    return list(tokens[0].children or ()) if tokens else []


def inline_plain(children) -> str:
    """What a reader reads of inline tokens, without markup: for <title> and metadata."""
    return " ".join("".join(c.content if c.type in ("text", "code_inline") else " "
                            for c in children if c.type in ("text", "code_inline", "softbreak", "hardbreak")).split())

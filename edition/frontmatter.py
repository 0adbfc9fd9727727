"""The one reader of `---` YAML blocks: front matter of texts, pages, notes, and site.yaml's YAML.

YAML is read safely (no tags that make objects); a date-shaped value that is no real date stays
text, so the field check names its key and line like any other bad value; libyaml reads where
the machine has it, and the pure-Python parser reads again only what libyaml refuses, for its
clearer messages.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import yaml

from .folding import text_key
from .language import check_tag
from .model import DATE, INT, LANGUAGE, STR, PartialDate
from .problems import error, printable, warning
from .urls import is_web_address

# What YAML refuses to read: C0 controls but tab, line feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_FRONT_LINE = re.compile(r"^([A-Za-z_][\w-]*:|\s+\S|- |#)")


class _Checked:
    """A key given twice is a mistake (YAML would keep the last one silently)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key `{_shorten(key_node.value)}` is given twice", key_node.start_mark)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep)

    def construct_object(self, node, deep=False):
        """A value that cannot be made is a problem at its own line, saying which value."""
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, OverflowError, AttributeError, LookupError) as exc:
            raise ValueProblem(_unmade(node, exc), node.start_mark) from None


def _unmade(node, exc) -> str:
    if "digits" in str(exc):
        return "a number of more than 4300 digits cannot be read"
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    value = f" {_shorten(node.value, 30)}" if isinstance(node.value, str) and node.value.strip() else ""
    return f"`{tag}{value}` cannot be read"


class _Loader(_Checked, yaml.SafeLoader):
    """Safe YAML, except that a date-shaped value that is no real date stays text."""


def _timestamp(loader, node):
    # PyYAML raises a bare ValueError for `date: 2025-02-30`.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, AttributeError):     # AttributeError: `!!timestamp soon`, no date at all
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

# libyaml parses about seven times faster.
_FastLoader = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(_Checked, yaml.CSafeLoader):  # noqa: N801
        pass
    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


class ValueProblem(yaml.YAMLError):
    """A value YAML could read but not make (`!!int ten`, a number of ten thousand digits)."""

    def __init__(self, problem: str, mark=None):
        super().__init__(problem)
        self.problem, self.problem_mark = problem, mark


def load_yaml(text: str):
    """Parse YAML as the edition reads it: safe; impossible dates stay text; no aliases (one
    line can otherwise expand to gigabytes), no key twice; a value that cannot be made is a
    YAMLError like any other, never a crash."""
    control = _CONTROL.search(text)
    if control:     # YAML refuses them, and its message names no line
        raise ValueProblem(f"it holds the control character {printable(control.group())}, which YAML does not "
                           "allow", yaml.Mark("", control.start(), text.count("\n", 0, control.start()), 0, None, None))
    if "*" in text:
        _refuse_aliases(text)
    if _FastLoader is not None:
        try:
            return yaml.load(text, Loader=_FastLoader)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, AttributeError, LookupError):
            pass
    try:
        return yaml.load(text, Loader=_Loader)
    except (ValueError, TypeError, OverflowError, AttributeError, LookupError) as exc:
        raise ValueProblem(f"a value cannot be read: {_shorten(str(exc))}") from None


def _refuse_aliases(text: str) -> None:
    for event in yaml.parse(text, Loader=_FastLoader or _Loader):
        if isinstance(event, yaml.AliasEvent):
            raise ValueProblem("aliases (`*name`) are not read here", event.start_mark)


def _shorten(value: str, limit: int = 60) -> str:
    value = " ".join(str(value).split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def yaml_problem(exc, path: str, first_line: int, what: str):
    """A YAML syntax error as a problem on the file's own line, with a fix for the usual slips."""
    reason = getattr(exc, "problem", None) or "invalid YAML"
    mark = getattr(exc, "problem_mark", None)
    if ("end of stream" in reason or "<stream end>" in reason) and getattr(exc, "context_mark", None):
        mark = exc.context_mark         # where the unclosed quote or bracket was opened
    line = mark.line + first_line if mark else first_line
    if "mapping values" in reason:
        hint = 'a value that holds `: ` must be in quotes, e.g. title: "Walden: or, Life in the Woods"'
    elif "end of stream" in reason or "<stream end>" in reason:
        hint = "close the quote or bracket opened on this line"
    elif "\\t" in reason or "tab" in reason:
        hint = "indent with spaces, not tabs"
    elif "aliases" in reason:
        hint = "write the value out in full"
    elif "given twice" in reason:
        hint = "keep one of the two lines"
    elif "digits" in reason:
        hint = "write a smaller number, or put it in quotes"
    elif "control character" in reason:
        hint = "remove it (an editor shows it as ^[ or a box), or write it as an escape in double quotes"
    elif "cannot be read" in reason or "could not determine a constructor" in reason:
        hint = "put the value in quotes, or remove the `!!` tag before it"
    else:
        hint = "check the quotes, colons and indentation on this line"
    return error(path, line, f"{what} is not valid YAML ({reason}); {hint}")


def key_line(text: str, key, first_line: int = 1) -> int | None:
    """The line of `key:` in a YAML block whose first line is first_line, or None."""
    for number, line in enumerate(text.split("\n"), first_line):
        if line.startswith(f"{key}:"):
            return number
    return None


def split(source: str):
    """(YAML block or None, body, file line of the body's first line, closed?) of a file that may
    start with front matter; an unclosed block is (block up to the end, "", …, False)."""
    if not source.startswith("---\n"):
        return None, source, 1, True
    end = source.find("\n---\n", 3)
    if end == -1:
        return source[4:], "", source.count("\n") + 1, False
    block = source[4:end + 1]
    return block, source[end + 5:], block.count("\n") + 3, True


def skip(source: str):
    """(body, file line of its first line): a file's Markdown after any front matter. A `---`
    block that holds `## ` headings is no front matter (a rule above the first note and another
    below it): nothing between them is ever skipped."""
    block, body, body_line, closed = split(source)
    if block is None or not closed or any(line.startswith("## ") for line in block.split("\n")):
        return source, 1
    return body, body_line


def body(source: str) -> str:
    """The body read() finds, without reading the YAML: a text's job takes its body again from
    the file (the build's loader keeps only the front matter; tests/test_speed_shortcuts.py)."""
    block, found, _, closed = split(source)
    if block is None:
        return source
    return found if closed else read(source, "", {}, [])[1]


def read(source: str, path: str, keys: dict, problems, allowed: dict | None = None):
    """({key: checked value}, body, body_line) of a text or page. Problems carry the file's lines."""
    block, body, body_line, closed = split(source)
    if block is None:
        problems.append(error(path, 1, "no front matter; start the file with a `---` line, "
                                       "`title: …`, and another `---` line"))
        return {}, source, 1
    if not closed:
        problems.append(error(path, 1, "front matter is not closed; add a line `---` after its last "
                                       "`key: value` line"))
        # Guess where it ends (the first line that is not `key: value`-shaped), so that the
        # text's notes and terms are still checked instead of all failing for want of a body.
        lines = source.split("\n")
        ends = next((i for i, line in enumerate(lines[1:], 1) if not _FRONT_LINE.match(line)), len(lines))
        meta, _, _ = read("\n".join(lines[:ends]) + "\n---\n", path, keys, [], allowed)
        return meta, "\n".join(lines[ends:]).lstrip("\n"), ends + 1
    try:
        meta = load_yaml(block) or {}
    except yaml.YAMLError as exc:
        problems.append(yaml_problem(exc, path, 2, "front matter"))
        return {}, body, body_line
    if not isinstance(meta, dict):
        problems.append(error(path, 2, "front matter must be `key: value` lines, e.g. `title: …`; "
                                       "remove any `- ` list markers"))
        return {}, body, body_line
    return check(meta, block, path, keys, problems, allowed), body, body_line


def check(meta: dict, block: str, path: str, keys: dict, problems, allowed: dict | None = None) -> dict:
    """The known keys with values of their kind; `allowed`: {key: the values it may take}."""
    allowed = allowed or {}
    clean = {}
    for key, value in meta.items():
        line = key_line(block, key, 2) or 2
        if key not in keys:
            near = difflib.get_close_matches(str(key), keys, n=1, cutoff=0.5)
            hint = (f"did you mean `{near[0]}`?" if near
                    else f"remove it, or use one of: {', '.join(keys)}")
            problems.append(warning(path, line, f"unknown front matter key `{key}` is ignored; {hint}"))
            continue
        checked = _coerce(value, keys[key])
        if checked is _BAD:
            problems.append(error(path, line, _bad_value(key, value, keys[key])))
            continue
        if keys[key] == LANGUAGE and checked:
            checked, hint = check_tag(checked)
            if checked is None:
                problems.append(error(path, line, f"`{key}: {value}` is not a language tag (BCP 47); {hint}"))
                continue
        if checked and key in allowed and checked not in allowed[key]:
            problems.append(error(path, line, f"`{key}: {checked}` is not allowed; use one of: "
                                              f"{', '.join(allowed[key])}, or leave it out"))
            continue
        if key == "source_url" and checked and not is_web_address(checked):
            # The theme links to it: a `javascript:` or relative address must not become a link.
            problems.append(error(path, line, f"`source_url: {checked}` is not a web address; write the full "
                                              "address starting with https:// (or http://), or leave it empty"))
            continue
        if key == "source_file" and checked and (Path(checked).is_absolute() or ".." in Path(checked).parts):
            # The build reads the seed to compare hashes: never a file from outside the project.
            problems.append(error(path, line, f"`source_file: {checked}` must name a seed inside the project, "
                                              "e.g. seeds/name.txt; fix the path or leave it empty"))
            continue
        clean[key] = checked
    if not clean.get("title") and "title" not in meta:
        problems.append(error(path, 2, "front matter has no `title`; add a line `title: …`"))
    elif (not clean.get("title") and meta.get("title") in (None, "")) or (clean.get("title")
                                                                           and not text_key(clean["title"])):
        problems.append(error(path, key_line(block, "title", 2) or 2,
                              "`title` is empty; write the title after `title: `"))
        clean.pop("title", None)
    return clean


def _bad_value(key, value, kind) -> str:
    shown = value if not isinstance(value, (dict, list)) else "a list or mapping"
    if kind == DATE and not isinstance(value, (dict, list, bool)):
        return (f"`{key}: {value}` is not a date; write the year, the year and month or the full date "
                "(1916, 1863-11 or 1863-11-19), or leave it empty when the source gives none")
    if kind == INT:
        return f"`{key}` must be a {kind}, not `{shown}`; write digits only (e.g. {key}: 2), or leave it empty"
    if isinstance(value, bool):
        return (f"`{key}: {value}` is read as yes/no; put the value in quotes, e.g. {key}: \"…\"")
    return f"`{key}` must be a {kind}, not `{shown}`; put the value in quotes on one line, or leave it empty"


_BAD = object()


def _coerce(value, kind):
    if value is None or value == "":
        return None if kind != STR else ""
    if kind in (STR, LANGUAGE):
        return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else _BAD
    if kind == INT:
        return value if isinstance(value, int) and not isinstance(value, bool) else _BAD
    if kind == DATE:
        date = PartialDate.parse(value)
        return _BAD if date is None else date
    return value

"""Render: annotated texts and pages into HTML files through the Jinja theme.

The theme receives plain data (see theme/README.md) and knows nothing of parsing.
"""
from __future__ import annotations

import io
import itertools
import shutil
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from .frontmatter import load_yaml, yaml_problem
from .language import cite, format_date, plural_form
from .layout import DEFAULT_THEME, THEMES_DIR, inside, theme_folders
from .problems import error, warning

FALLBACK = "en"
# Optional strings: without them CLDR's own date patterns are used, never English ones.
OPTIONAL = {"date_day", "date_month", "date_year"}


@dataclass
class Theme:
    env: jinja2.Environment
    static: dict        # site path ("static/…") -> file Path
    root: Path          # the project, for the paths in template problems
    problems: list      # what could not be taken into the theme
    strings: list = field(default_factory=list)     # [(folder path, {tag: {key: value}})], the theme first


def load_theme(root: Path, name: str) -> Theme:
    folders = theme_folders(root, name)     # a theme overrides what it has
    loader = jinja2.ChoiceLoader([_Loader(str(f / "templates")) for f in folders])
    # auto_reload off: a theme is loaded for one build (serve makes a new one when a theme file
    # changes), so checking each template's file time on every page is wasted.
    env = _Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, auto_reload=False,
                       keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["longdate"] = longdate
    env.filters["fill"] = fill
    env.filters["count"] = count
    env.filters["cite"] = cite_filter
    static, problems = {}, []
    project = root.resolve()
    for folder in reversed(folders):
        base = folder / "static"
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if not path.is_file():
                    continue
                if not inside(path.resolve(), project):
                    # a link to any file of the machine would be published with the site
                    problems.append(error(path.relative_to(root).as_posix(), None,
                                          f"is a link to {path.resolve()}, outside the project, and is not "
                                          "published; copy the file into the theme instead"))
                    continue
                static["static/" + path.relative_to(base).as_posix()] = path
    strings = [(folder, _read_strings(folder / "strings", root, problems)) for folder in folders]
    return Theme(env, static, root, problems, strings)


class _Loader(jinja2.FileSystemLoader):
    """A theme's templates; one that is not UTF-8 is a problem at its file, not a crash."""

    def get_source(self, environment, template):
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            path = Path(self.searchpath[0]) / template
            raise Unreadable(str(path), f"is not UTF-8 text (byte 0x{exc.object[exc.start]:02x}); "
                                        "save it as UTF-8") from None


class Unreadable(jinja2.TemplateError):
    def __init__(self, filename: str, message: str):
        super().__init__(message)
        self.filename = filename


def _read_strings(folder: Path, root: Path, problems) -> dict:
    """{language: {key: string}} of a theme's strings files; a file that cannot be read is a
    problem at its line, and its strings are not used (the English ones stand in)."""
    found = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        rel = _template_path(str(path), root, path.name)
        try:
            data = load_yaml(path.read_bytes().decode("utf-8"))
        except OSError as exc:
            problems.append(error(rel, None, f"cannot be read ({exc.strerror}); check the file"))
            continue
        except UnicodeDecodeError as exc:
            problems.append(error(rel, None, f"is not UTF-8 text (byte 0x{exc.object[exc.start]:02x}); save it as UTF-8"))
            continue
        except yaml.YAMLError as exc:
            problems.append(yaml_problem(exc, rel, 1, "the strings file"))
            continue
        if not isinstance(data, dict) or not all(_is_string(value) for value in data.values()):
            problems.append(error(rel, None, "must be `key: text` lines (a count may be a mapping of plural forms, "
                                             "`one: …` and `other: …`); see theme/README.md"))
            continue
        found[path.stem] = data
    return found


def _is_string(value) -> bool:
    return isinstance(value, str) or (isinstance(value, dict) and all(isinstance(v, str) for v in value.values()))


def interface_strings(theme: Theme, tag: str):
    """({key: string}, problems): the interface in the language `tag`, from the theme's strings
    files (the theme's own, then the default theme's; `fr-CA`, then `fr`), English where a
    string is missing, with a warning that names the file to add it to."""
    language = tag.split("-")[0]
    wanted = list(dict.fromkeys([tag, language]))
    chain = [found[t] for t in wanted for _, found in theme.strings if t in found]
    english = [found[FALLBACK] for _, found in theme.strings if FALLBACK in found]
    merged, problems = {}, []
    where = _strings_path(theme, language)
    for key in dict.fromkeys(k for table in english + chain for k in table):
        value = next((table[key] for table in chain if key in table), None)
        if value is None:
            if key in OPTIONAL:
                continue        # CLDR's own pattern for the language
            value = next(table[key] for table in english if key in table)
            if chain and language != FALLBACK:
                problems.append(warning(where, None, f"no string `{key}` for `{tag}`, so the English one is "
                                                     f"used; add `{key}: …` to {where}"))
        merged[key] = value
    if not chain and language != FALLBACK:
        problems.append(warning(where, None, f"the theme has no strings for `{tag}`, so the interface is in "
                                             f"English; copy {THEMES_DIR}/{DEFAULT_THEME}/strings/en.yaml to "
                                             f"{where} and translate it"))
    return merged, problems


def _strings_path(theme: Theme, language: str) -> str:
    folder = theme.strings[0][0] if theme.strings else Path(THEMES_DIR) / DEFAULT_THEME
    try:
        folder = folder.relative_to(theme.root)
    except ValueError:
        pass
    return f"{folder.as_posix()}/strings/{language}.yaml"


class _Environment(jinja2.Environment):
    """Jinja, reading `item.url` from a plain dict by its key first.

    Templates receive dicts. Jinja tries an attribute before a key, and for a dict that first
    try fails with an exception: a microsecond each, a hundred thousand times in a glossary at
    scale. The one difference: a key named like a dict method (`items`, `keys`…) now wins over
    the method; the data handed to templates has no such key.
    """

    def getattr(self, obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        else:
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)     # the rare miss: Jinja's own lookup and Undefined


@jinja2.pass_context
def longdate(context, value) -> str:
    """A PartialDate written the page's way ("3 March 2025", "novembre 1863", "1916")."""
    if not value:
        return ""
    return format_date(value, context["site"]["language"], context["strings"])


def fill(template: str, **values) -> str:
    """An interface string with its {placeholders} filled in: "Note {n}"|fill(n=3)."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


@jinja2.pass_context
def cite_filter(context, place) -> str:
    """How a reader cites a place (a note's): "¶ 3", "l. 12", "ll. 3–5", "§ Preamble"."""
    return cite(place, context["strings"])


@jinja2.pass_context
def count(context, forms, n: int) -> str:
    """A count in the page's language: strings.notes|count(3) -> "3 notes" (CLDR plural rules)."""
    if isinstance(forms, str):
        return fill(forms, n=n)
    form = plural_form(context["site"]["language"], n)
    return fill(forms.get(form) or forms.get("other") or next(iter(forms.values()), ""), n=n)


def render_page(theme: Theme, name: str, context: dict):
    """(page bytes, problems). Made and encoded a few thousand pieces at a time: a page held as
    str takes up to 4 bytes a character, as UTF-8 about one, and Jinja's pieces of it all at once
    (template.render joins them) several times the page: the glossary of 10,000 texts is 38 MB.
    The encoded pieces go into one buffer, whose bytes are the page (no join copies them); past
    SPILL_AT into a temporary file, read back at once (a growing buffer holds an eighth more)."""
    page, problems = render_template(theme, name, context, _encoded)
    return page or b"", problems     # "" when the template failed


def render_page_file(theme: Theme, name: str, context: dict):
    """render_page for a page that goes to disk without being held whole (the glossary):
    (write(handle), which copies it there from the temporary file it was made into a block at a
    time, or None when the template failed; problems)."""
    made = tempfile.TemporaryFile()
    _, problems = render_template(theme, name, context, lambda template, context: _encode_into(template, context, made))
    if problems:
        made.close()
        return None, problems

    def write(handle) -> None:
        with made:
            made.seek(0)
            shutil.copyfileobj(made, handle, 1 << 20)
    return write, []


SPILL_AT = 4 << 20


def _encode_into(template, context: dict, handle) -> bytes:
    for batch in _batches(template.generate(**context)):
        handle.write(batch)
    return b""


def _batches(pieces):
    while batch := list(itertools.islice(pieces, 4096)):
        yield "".join(batch).encode("utf-8")


def _encoded(template, context: dict) -> bytes:
    page = io.BytesIO()
    for batch in _batches(template.generate(**context)):
        page.write(batch)
        if isinstance(page, io.BytesIO) and page.tell() > SPILL_AT:
            spilled = tempfile.TemporaryFile()
            spilled.write(page.getbuffer())
            page = spilled
    if isinstance(page, io.BytesIO):
        return page.getvalue()
    with page:
        page.seek(0)
        return page.read()


def render_template(theme: Theme, name: str, context: dict, made=lambda template, context: template.render(**context)):
    """Return (html, problems); template mistakes become problems with file:line. made(template,
    context): the page (render_page's, as bytes)."""
    root = theme.root
    try:
        template = theme.env.get_template(name)
        return made(template, context), []
    except Unreadable as exc:
        return "", [error(_template_path(exc.filename, root, name), None, exc.message)]
    except jinja2.TemplateSyntaxError as exc:
        return "", [error(_template_path(exc.filename, root, name), exc.lineno,
                          f"template syntax error: {(exc.message or '').rstrip('.')}; fix the template "
                          "at this line")]
    except jinja2.TemplateNotFound as exc:
        return "", [error(f"{THEMES_DIR}/{DEFAULT_THEME}/templates/{exc.name}", None,
                          f"template `{exc.name}` is missing from the theme; restore it")]
    except jinja2.UndefinedError as exc:
        line, path = _template_line(theme, name, root)
        return "", [error(path, line, f"template uses an undefined value: {exc.message}; "
                                      "see theme/README.md for the variables each template receives")]
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, AttributeError, LookupError) as exc:
        line, path = _template_line(theme, name, root)
        if line is None and not isinstance(exc, jinja2.TemplateError):
            raise       # not the template's mistake: a bug in edition, for the traceback at the edge
        return "", [error(path, line, f"template failed ({exc.__class__.__name__}: {exc}); "
                                      "fix the expression on this line of the template")]


def _template_path(filename, root: Path, name: str) -> str:
    if not filename:
        return f"theme/{name}"
    try:
        return Path(filename).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return filename


def _template_line(theme: Theme, name: str, root: Path):
    """Best effort: the deepest template frame of the exception being handled."""
    line, path = None, f"theme/…/{name}"
    for frame in traceback.extract_tb(sys.exc_info()[2]):
        if frame.filename.endswith((".html", ".xhtml", ".css")):
            line, path = frame.lineno, _template_path(frame.filename, root, name)
    return line, path

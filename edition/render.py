"""Render: annotated texts and pages into HTML files through the Jinja theme.

The theme receives plain data (see theme/README.md) and knows nothing of parsing.
"""
from __future__ import annotations

import datetime as dt
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .layout import DEFAULT_THEME, THEMES_DIR, inside, theme_folders
from .problems import error


@dataclass
class Theme:
    env: jinja2.Environment
    static: dict        # site path ("static/…") -> file Path
    root: Path          # the project, for the paths in template problems
    problems: list      # what could not be taken into the theme


def load_theme(root: Path, name: str) -> Theme:
    folders = theme_folders(root, name)     # a theme overrides what it has
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(f / "templates")) for f in folders])
    # auto_reload off: a theme is loaded for one build (serve makes a new one when a theme file
    # changes), so checking each template's file time on every page is wasted.
    env = _Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, auto_reload=False,
                       keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["longdate"] = longdate
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
    return Theme(env, static, root, problems)


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


def longdate(value) -> str:
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    return str(value or "")


def render_page(theme: Theme, name: str, context: dict):
    """(page bytes, problems). Encoded at once: a page held as str takes up to 4 bytes a
    character, as UTF-8 about one."""
    text, problems = render_template(theme, name, context)
    return text.encode("utf-8"), problems


def render_template(theme: Theme, name: str, context: dict):
    """Return (html, problems); template mistakes become problems with file:line."""
    root = theme.root
    try:
        template = theme.env.get_template(name)
        return template.render(**context), []
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

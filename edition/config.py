"""site.yaml: read it, check every key and type, fill in defaults."""
from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from pathlib import Path

import yaml

from .files import unreadable
from .frontmatter import key_line, load_yaml, yaml_problem
from .language import check_tag
from .layout import CONFIG_FILE, CONTENT_DIR, THEMES_DIR, themes
from .problems import error, warning
from .urls import is_site_address


@dataclass(frozen=True)
class Config:
    title: str = "Reading edition"
    description: str = ""
    editor: str = ""            # who edited the edition: its citations name them
    language: str = "en"
    base_url: str = ""
    theme: str = "default"
    output: str = "_site"
    glossary_links: str = "first"
    epub: bool = False              # also write the whole edition as one EPUB into the site
    annotations: str = "notes"      # annotations/<slug>.jsonld holds the notes, or also the glossary links (all)
    line_numbers: int = 5       # verse: a number beside every Nth line (0: none)
    note_word_limit: int = 0    # check warns of a note longer than this many words (0: no limit)


# key -> (type, allowed values or None)
SCHEMA = {
    "title": (str, None),
    "description": (str, None),
    "editor": (str, None),
    "language": (str, None),
    "base_url": (str, None),
    "theme": (str, None),
    "output": (str, None),
    "glossary_links": (str, ("first", "all", "none")),
    "epub": (bool, None),
    "annotations": (str, ("notes", "all", "none")),
    "line_numbers": (int, None),
    "note_word_limit": (int, None),
}

# Writing the site replaces the output folder: in these it would destroy an editor's work.
PROTECTED_FOLDERS = ("content", "seeds", "theme", "tests", "edition", ".git", ".venv")


def load_config(root: Path):
    """Return (Config, problems) for the project at root."""
    path = root / CONFIG_FILE
    if path.is_dir():
        return Config(), [error(CONFIG_FILE, None, "site.yaml is a folder, not a file; remove it and create the file "
                                                   "site.yaml with at least `title: My edition`")]
    if not path.is_file():
        if not (root / CONTENT_DIR).is_dir():
            return Config(), [error(CONFIG_FILE, None, "there is no edition here (no site.yaml, no content/); "
                                                       "cd to the edition's folder, or pass --root FOLDER")]
        return Config(), [error(CONFIG_FILE, None,
                                "site.yaml is missing; create it with at least `title: My edition`")]
    try:
        text = path.read_bytes().decode("utf-8").lstrip("\ufeff")
    except OSError as exc:
        return Config(), [error(CONFIG_FILE, None, unreadable(exc))]
    except UnicodeDecodeError:
        return Config(), [error(CONFIG_FILE, None, "site.yaml is not UTF-8 text; save it with UTF-8 encoding")]
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        return Config(), [yaml_problem(exc, CONFIG_FILE, 1, "site.yaml")]
    if data is None:
        return Config(), [error(CONFIG_FILE, 1, "site.yaml is empty; add at least `title: My edition`")]
    if not isinstance(data, dict):
        return Config(), [error(CONFIG_FILE, 1, "site.yaml must be a mapping of `key: value` lines")]
    return check_config(data, text, root)


def check_config(data: dict, text: str, root: Path):
    problems = []
    values = {}
    for key, value in data.items():
        line = key_line(text, key)
        if key not in SCHEMA:
            near = difflib.get_close_matches(str(key), SCHEMA, n=1)
            hint = f"did you mean `{near[0]}`?" if near else f"known keys: {', '.join(SCHEMA)}"
            problems.append(warning(CONFIG_FILE, line, f"unknown key `{key}` is ignored; {hint}"))
            continue
        kind, allowed = SCHEMA[key]
        if value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not allowed and kind is str:
            value = str(value)      # `title: 1984` is a title
        if kind is int and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            problems.append(error(CONFIG_FILE, line, f"`{key}: {value}` must be a whole number (0 or more), "
                                                     f"e.g. `{key}: 5`"))
            continue
        if not isinstance(value, kind):
            problems.append(error(CONFIG_FILE, line, _wrong_type(key, value, allowed)))
            continue
        if allowed and value not in allowed:
            problems.append(error(CONFIG_FILE, line,
                                  f"`{key}: {value}` is not allowed; use one of: {', '.join(allowed)}"))
            continue
        if key == "language":
            tag, hint = check_tag(value)
            if tag is None:
                problems.append(error(CONFIG_FILE, line, f"`language: {value}` is not a language tag (BCP 47); {hint}"))
                continue
            value = tag
        values[key] = value.strip() if isinstance(value, str) and key != "description" else value
    if "title" not in data:
        problems.append(error(CONFIG_FILE, 1, "site.yaml has no `title`; add `title: My edition`"))
    elif data["title"] is None or values.get("title") == "":
        problems.append(error(CONFIG_FILE, key_line(text, "title"),
                              "`title` is empty; write the edition's title after `title: `"))
    config = Config(**values)
    problems += _check_paths(config, text, root)
    return config, problems


def usable(root: Path, config: Config) -> Config:
    """The settings with the ones that cannot work (a missing theme, an address that is none)
    replaced by defaults: enough to check the content while site.yaml is being fixed."""
    return dataclasses.replace(config, theme=config.theme if config.theme in themes(root) else Config.theme,
                               base_url=config.base_url if is_site_address(config.base_url) else "")


def _wrong_type(key, value, allowed) -> str:
    if SCHEMA[key][0] is bool:
        return f"`{key}: {value}` is not allowed; write `{key}: true` or `{key}: false`"
    if allowed:
        return (f"`{key}: {value}` is not allowed; use one of: {', '.join(allowed)}"
                + (" (YAML reads yes/no/on/off as true/false)" if isinstance(value, bool) else ""))
    if isinstance(value, (list, dict, set, tuple, bytes)):
        what = "binary data" if isinstance(value, bytes) else "a list or mapping"
        return f"`{key}` must be one line of text, not {what}; write `{key}: \"…\"`"
    return f"`{key}` must be text, not {type(value).__name__}; put the value in quotes, e.g. {key}: \"{value}\""


def _check_paths(config: Config, text: str, root: Path):
    problems = []
    if config.base_url and not is_site_address(config.base_url):
        problems.append(error(CONFIG_FILE, key_line(text, "base_url"),
                              f"`base_url: {config.base_url}` is not a web address; write the full address "
                              "the site is published at, starting with https://, or leave it empty"))
    problems += output_problems(root, config.output, CONFIG_FILE, key_line(text, "output"), "output: ")
    if config.theme not in themes(root):
        problems.append(error(CONFIG_FILE, key_line(text, "theme"),
                              f"theme `{config.theme}` not found in {THEMES_DIR}/; "
                              f"use one of: {', '.join(themes(root)) or '(none: restore theme/default)'}"))
    return problems


def output_problems(root: Path, output: str, path: str, line, spelled: str):
    """Where the site may be written: never over the editor's own files (the project itself or a
    folder above it, content/, seeds/, theme/…); inside the project a plain folder, not a link or
    a file; outside it, any folder, which the writer replaces only if it is empty or its own."""
    shown = f"`{spelled}{output}`"
    if any(ord(char) < 32 or ord(char) == 127 for char in output):
        return [error(path, line, f"{shown} holds a control character, which no folder name should; "
                                  "write a plain folder name such as `_site`")]
    project = root.resolve()
    out = Path(output)
    target = (out if out.is_absolute() else root / out).resolve()
    if target == project or project.is_relative_to(target) or any(
            target.is_relative_to(project / name) for name in PROTECTED_FOLDERS):
        return [error(path, line, f"{shown} would overwrite your own files when the site is written; "
                                  "choose a separate folder such as `_site`")]
    if out.is_absolute() or ".." in out.parts:     # outside: any folder the writer may replace
        return []
    place = root
    for part in out.parts:
        place = place / part
        rel = place.relative_to(root).as_posix()
        if place.is_symlink():
            return [error(path, line, f"{shown}: {rel} is a link, and writing the site replaces what it points "
                                      "to; choose a plain folder such as `_site`")]
        if place.exists() and not place.is_dir():
            return [error(path, line, f"{shown}: {rel} is a file, not a folder, so the site cannot be written "
                                      "there; move the file away or choose another folder")]
    return []


EPUB_START = b"PK\x03\x04"     # a zip, as every EPUB is (its first entry: mimetype application/epub+zip)


def book_problems(root: Path, target: Path, spelled: str):
    """Where `epub --output` may write the book: a new file (its folder made if need be), or an
    EPUB it replaces; never one of the editor's own files or folders."""
    project = root.resolve()
    shown = f"`--output {spelled}`"
    if any(ord(char) < 32 for char in spelled):
        return [error("--output", None, f"{shown} holds a control character; name a plain file such as book.epub")]
    target = target.resolve()
    if target == project / CONFIG_FILE or any(target.is_relative_to(project / name) for name in PROTECTED_FOLDERS):
        return [error("--output", None, f"{shown} would overwrite your own files; name a new file such as "
                                        "book.epub")]
    if target.is_dir():
        return [error("--output", None, f"{shown} is a folder; name the book's file in it, e.g. "
                                        f"--output {spelled.rstrip('/')}/book.epub")]
    if target.exists():
        try:
            with open(target, "rb") as handle:
                start = handle.read(len(EPUB_START))
        except OSError:
            start = b""
        if start != EPUB_START:
            return [error("--output", None, f"{shown} exists and is not an EPUB, so it is not replaced; name "
                                            "another file")]
    return []

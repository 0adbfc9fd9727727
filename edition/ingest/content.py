"""The content file an ingested seed becomes: YAML front matter, then the Markdown body."""
from __future__ import annotations

import difflib
import re

import yaml

from edition.frontmatter import load_yaml, split


def to_markdown(ing) -> str:
    """The content file: YAML front matter between `---` lines, then the body."""
    front = yaml.safe_dump(ing.meta, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{front}---\n{ing.body}"


def split_content(text: str) -> tuple[dict, str]:
    """(front matter, body) of a content file, read as the build reads it; ({}, text) when it has
    no front matter, and ({}, body) when it cannot be read (the build says why)."""
    block, body, _, closed = split(text)
    if block is None or not closed:
        return {}, text
    try:
        front = load_yaml(block) or {}
    except yaml.YAMLError:
        front = {}
    return (front if isinstance(front, dict) else {}), body


def without_form(text: str) -> str:
    """The content file without its `form:` line: an editor may add one to ask for verse."""
    return re.sub(r"^form:.*\n", "", text, count=1, flags=re.M)


def body_diff(old_body: str, new_body: str, label: str) -> str:
    """A unified diff from the body in content/ to the body ingest makes now ('' if equal)."""
    lines = difflib.unified_diff(old_body.splitlines(), new_body.splitlines(),
                                 fromfile=f"{label} (content)", tofile=f"{label} (seed)", lineterm="")
    text = "\n".join(lines)
    return text + "\n" if text else ""

"""What an editor notices of an ingest: the rendered body's words and lines, the report."""
from __future__ import annotations

import html
import re

from edition.ingest import ingest_seed
from edition.markdown import make_markdown

MD = make_markdown()          # the edition's own dialect: what the built page will show


def ingest_text(text: str, name: str = "seeds/x.txt", **options):
    return ingest_seed(text.encode("utf-8"), name, **options)


def rendered_html(body: str) -> str:
    return MD.render(body)


def rendered_words(body: str) -> list[str]:
    """The words a reader sees: render, drop tags, unescape entities, split on white space."""
    return html.unescape(re.sub(r"<[^>]*>", " ", rendered_html(body))).split()


def rendered_lines(body: str) -> list[str]:
    """The lines a reader sees: one per paragraph, heading, list item or hard line break."""
    text = re.sub(r"<br />\n?", "\n", rendered_html(body))
    text = re.sub(r"</(?:p|h[1-6]|li)>", "\n", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return [line.rstrip(" \t") for line in text.split("\n") if line.strip()]


def paragraphs(body: str) -> list[str]:
    return re.findall(r"<p>(.*?)</p>", rendered_html(body), re.S)


def reasons(ing) -> dict:
    return {text: reason for _, text, reason in ing.dropped}


def warnings(ing) -> list[str]:
    return [p.message for p in ing.problems if p.severity == "warning"]

"""Properties of ingest on any text: no crash, every word the reader sees is in the seed, in
order, and the content file reads back as written."""
from __future__ import annotations

import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.ingest import ingest_seed, to_markdown

from .helpers import rendered_words


def is_subsequence(needle: list, haystack: list) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)


def split_content_file(text: str) -> tuple[str, str]:
    match = re.fullmatch(r"---\n(.*?\n)---\n(.*)", text, re.S)
    return match[1], match[2]


TOKENS = [
    "\n", "\n\n", "\r\n", "\r", " ", "  ", "\t", "\u00a0", "\u2028", "\u200b", "\ufeff",
    "- ", "* ", "+ ", "• ", "1. ", "2) ", "10. ", "# ", "## ", "> ", "---", "===", "***", "___",
    "~~~", "```", "`", "*", "_", "[", "]", "(", ")", "<", ">", "&", "&amp;", "&#35;", "&copy",
    "\\", "|", "!", "[^1]: ", "http://example.org", "<http://a.b>", "    ", ":",
    "©", "© 2025 Foo Media Inc.", "Source: https://x.org/a", "By Jane Doe", "Jane Doe, Secretary",
    "February 3, 2025", "02/03/2025 11:02 PM EST", "AP/Jane Doe", "(AP Photo/Jo Li)", "Photo: Jo",
    "Advertisement", "Sign in", "or", "Terms of Use | Privacy", "Download as PDF ", "Foo Media",
    "word", "Word", "end.", "Ünïcödé", "’", "“", "x" * 70,
]
SEED_TEXT = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SEED_TEXT)
def test_any_text_ingests_and_keeps_words_in_order(text):
    ing = ingest_seed(text.encode("utf-8"), "seeds/any.txt")
    words = rendered_words(ing.body)
    assert is_subsequence(words, text.removeprefix("\ufeff").split())
    assert ing.body == "" or (ing.body.endswith("\n") and not ing.body.endswith("\n\n"))
    front, body = split_content_file(to_markdown(ing))
    assert body == ing.body
    assert yaml.safe_load(front) == ing.meta
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ing.slug)


POEM_LINES = st.lists(st.sampled_from([
    "Two roads diverged in a yellow wood,", "  And sorry I could not travel both", "    - And be one traveler,",
    "1. long I stood", "# And looked down one", "O Captain! my Captain!", "Fallen cold and dead.", "", "",
    "> the bells I hear", "*Exult* O shores, and ring O bells!", "    ", "&nbsp; &amp; ampersands",
]), min_size=1, max_size=30).map("\n".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(POEM_LINES, st.sampled_from([None, "verse", "prose"]))
def test_verse_keeps_every_word_in_order_whatever_the_form(text, form):
    seed = "A Poem\n\n" + text
    ing = ingest_seed(seed.encode(), "seeds/poem.txt", form=form)
    assert is_subsequence(rendered_words(ing.body), seed.split())


MARKDOWN_TOKENS = TOKENS + ["**", "__", "[a](https://x.org)", "![i](x.png)", "\n# ", "\n## ", "  \n", "\\\n",
                            "---\ntitle: T\n---\n", "[x](javascript:y)", "<b>", "|"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(MARKDOWN_TOKENS), st.text(max_size=6)), max_size=40).map("".join))
def test_any_markdown_seed_ingests(text):
    ing = ingest_seed(text.encode("utf-8"), "seeds/any.md")
    assert ing.body == "" or (ing.body.endswith("\n") and not ing.body.endswith("\n\n"))
    front, body = split_content_file(to_markdown(ing))
    assert yaml.safe_load(front) == ing.meta and body == ing.body

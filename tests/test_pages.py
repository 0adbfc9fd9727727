"""What each page shows: the order of texts by partial dates, titles with Markdown, languages."""
from __future__ import annotations

from edition.markdown import make_markdown
from edition.model import PartialDate, Text, TextMeta
from edition.pages import lang_attrs, navigation, reading_order, title_forms


def text(slug, **meta):
    return Text(slug, f"content/texts/{slug}.md", TextMeta(title=meta.pop("title", slug), **meta), "", 5)


def test_texts_are_ordered_by_their_dates_however_precise():
    texts = [text("a", date=PartialDate(1916)), text("b", date=PartialDate(1863, 11, 19)),
             text("c", date=PartialDate(1863, 11)), text("d"), text("e", date=PartialDate(1863))]
    ordered, _ = reading_order(texts, [])
    assert [t.slug for t in ordered] == ["e", "c", "b", "a", "d"]


def test_a_title_with_inline_markdown_is_html_on_the_page_and_plain_in_metadata():
    md = make_markdown()
    html, plain = title_forms("From *Mountain Interval* & `code` <b>", md)
    assert html == "From <em>Mountain Interval</em> &amp; <code>code</code> &lt;b&gt;"
    assert plain == "From Mountain Interval & code <b>"
    assert title_forms("A plain title: “quoted”", md) == ("A plain title: “quoted”", "A plain title: “quoted”")


def test_a_text_in_another_language_is_marked_wherever_its_title_stands():
    assert lang_attrs("fr", "en") == ' lang="fr"'
    assert lang_attrs("ar", "en") == ' lang="ar" dir="rtl"'
    assert lang_attrs("en", "en") == "" and lang_attrs("", "fr") == ""
    nav = navigation([text("ddhc", title="Déclaration", language="fr")], [], True, make_markdown(), "en", "Glossary")
    assert nav[0]["lang_attrs"] == ' lang="fr"' and nav[1] == dict(
        title="Glossary", title_html="Glossary", url="glossary.html", kind="glossary", lang_attrs="")

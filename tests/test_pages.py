"""What each page shows: the order of texts by partial dates, titles with Markdown, languages."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

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


TERM_IDS = st.sampled_from(["kaa", "zy", "xoe", "unknown"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.dictionaries(st.sampled_from(["subtitle", "byline", "photo_caption"]),
                                          st.lists(TERM_IDS, max_size=3), max_size=2),
                          st.dictionaries(TERM_IDS, st.lists(st.integers(1, 60), min_size=1, max_size=4), max_size=3),
                          st.booleans(), st.sampled_from([(), ((1, "t.html"), (20, "t-2.html"))]),
                          st.sampled_from([(), ((3, "Part one"), (30, "Part two"))])), max_size=6),
       st.sampled_from([None, {"cite_paragraph": "par. {n}"}]))
def test_back_references_kept_as_numbers_are_the_refs_made_at_once(texts, strings):
    """glossary_entries keeps each term's back-references as numbers (pages.BackRefs) and makes
    the Refs as the page reaches them; the plain way makes every Ref and Place at once."""
    from types import SimpleNamespace
    from edition.language import CITE
    from edition.model import HEADER_FIELDS
    from edition.pages import Place, Ref, glossary_entries
    rendered = [SimpleNamespace(path=f"t{n}.html", header=header, occurrences=occurrences,
                                summary={"title": f"T{n}", "title_html": f"<i>T{n}</i>", "lang_attrs": "", "verse": verse},
                                number_pages=pages, number_sections=sections)
                for n, (header, occurrences, verse, pages, sections) in enumerate(texts)]
    plain = {}
    for r in rendered:
        places = {}
        for name, ids in r.header.items():
            for term_id in dict.fromkeys(ids):
                places.setdefault(term_id, []).append(Place(HEADER_FIELDS[name], None, f"{r.path}#{name}", ""))
        kind = "line" if r.summary["verse"] else "paragraph"
        pattern = (strings or CITE).get(f"cite_{kind}", CITE[f"cite_{kind}"])
        for term_id, numbers in r.occurrences.items():
            for n in numbers:
                page = [p for first, p in r.number_pages if first <= n][-1:] or [r.path]
                section = [s for first, s in r.number_sections if first <= n][-1:] or [""]
                places.setdefault(term_id, []).append(Place(pattern.replace("{n}", str(n)), n,
                                                            f"{page[0]}#{kind[0] if kind == 'line' else 'p'}{n}", section[0]))
        for term_id, found in places.items():
            plain.setdefault(term_id, []).append(Ref(r.summary["title"], r.path, found, r.summary["title_html"], ""))
    terms = [{"id": term_id} for term_id in ("kaa", "zy", "xoe")]
    entries = glossary_entries(terms, iter(rendered), strings)
    assert [(e["id"], len(e["refs"]), list(e["refs"])) for e in entries] == [
        (t["id"], len(plain.get(t["id"], [])), plain.get(t["id"], [])) for t in terms]


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 5))
def test_the_summaries_the_index_reads_one_at_a_time_list_as_a_list_of_them_does(count):
    """index_context hands the template the texts' summaries as pages.Summaries, each read as the
    page reaches it; the plain way is a list of them all."""
    import jinja2
    from types import SimpleNamespace
    from edition.pages import Summaries
    template = jinja2.Environment().from_string(
        "{% if not texts %}none{% endif %}{{ texts|length }}:{% for t in texts %}{{ t.title }}{% if not loop.last %},"
        "{% endif %}{% endfor %}|{{ texts|first if texts else '' }}")
    rendered = [SimpleNamespace(summary={"title": f"T{n}"}) for n in range(count)]
    assert (template.render(texts=Summaries(rendered)) ==
            template.render(texts=[r.summary for r in rendered]))

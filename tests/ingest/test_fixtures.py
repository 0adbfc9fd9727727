"""Ingest of the fixtures and real excerpts: what an editor notices in content/texts/<slug>.md and
in the ingest report. (The sample's own seeds are in tests/sample/test_sample_ingest.py.)"""
from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from edition.ids import slugify
from edition.ingest import META_KEYS, ingest_seed, to_markdown
from edition.ingest.body import escape_text as escape

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
RESEARCH = ROOT.parent / "shared/research/fixtures"
MD = MarkdownIt("commonmark", {"html": False})


# -- helpers ----------------------------------------------------------------------------------

def ingest_fixture(name: str):
    return ingest_seed((FIXTURES / name).read_bytes(), f"tests/fixtures/ingest/{name}")


def ingest_research(name: str):
    path = RESEARCH / name
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return ingest_seed(path.read_bytes(), f"research/fixtures/{name}")


def rendered_html(body: str) -> str:
    return MD.render(body)


def rendered_words(body: str) -> list[str]:
    """The words a reader sees: render, drop tags, unescape entities, split on white space."""
    text = re.sub(r"<[^>]*>", " ", rendered_html(body))
    return html.unescape(text).split()


def seed_words(relative: str, first: str, last: str) -> list[str]:
    """The words of the seed from the phrase `first` to the phrase `last`, both included."""
    text = (ROOT / relative).read_text(encoding="utf-8")
    start = text.index(first)
    end = text.index(last, start) + len(last)
    return text[start:end].split()


def fixture_words(name: str, first: str, last: str | None = None) -> list[str]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    start = text.index(first)
    end = text.index(last, start) + len(last) if last else len(text)
    return text[start:end].split()


def split_content_file(text: str) -> tuple[str, str]:
    """(front matter, body): the front matter ends at the first line that is exactly ---."""
    match = re.fullmatch(r"---\n(.*?\n)---\n(.*)", text, re.S)
    return match[1], match[2]


def is_subsequence(needle: list, haystack: list) -> bool:
    it = iter(haystack)
    return all(word in it for word in needle)


def dropped_reasons(ing) -> dict:
    return {text: reason for _, text, reason in ing.dropped}


def errors(ing) -> list:
    return [p for p in ing.problems if p.severity == "error"]


# -- real scraped excerpts ---------------------------------------------------------------------

def test_justia_excerpt_one_giant_line():
    ing = ingest_research("eo-14157-justia.EXCERPT.txt")
    assert ing.meta["title"].startswith("Designating Cartels and Other Organizations as Foreign Terrorist")
    assert ing.meta["source_url"] == ("https://regulations.justia.com/regulations/fedreg/2025/01/29/"
                                      "2025-02004.html")
    assert ing.meta["date"] == ""                       # no line is only a date
    assert ing.body.startswith("Federal Register / Vol. 90, No. 18")
    assert (4, "Download as PDF", "download link at the start of the line") in ing.dropped
    assert ing.body.count("\n\n") == 0                  # one paragraph
    assert rendered_words(ing.body)[-2:] == ["gangs.", "kham"]    # the stray token is kept ...
    [problem] = ing.problems                            # ... and reported
    assert problem.severity == "warning" and problem.line == 4
    assert "ends mid-sentence" in problem.message and "kham" in problem.message


def test_state_digest_excerpt_repeats_and_timestamp():
    ing = ingest_research("state-digest-rubio-hill-mou-2025-02-03.EXCERPT.txt")
    meta = ing.meta
    assert meta["title"].startswith("Secretary of State Marco Rubio and Salvadoran Foreign Minister")
    assert meta["date"] == date(2025, 2, 3)
    assert meta["byline"] == "Marco Rubio, Secretary of State"
    reasons = dropped_reasons(ing)
    assert reasons[meta["title"]] == "repeats the title (line 2)"
    assert reasons["02/03/2025 11:02 PM EST"] == "timestamp of the date; the date was taken from line 3"
    assert meta["title"] not in ing.body
    # the place lines stay together, as one paragraph with a line break
    assert ing.body.startswith("San Salvador, El Salvador\\\nInterContinental San Salvador\n\n")
    words = rendered_words(ing.body)
    assert words[:7] == ["San", "Salvador,", "El", "Salvador", "InterContinental", "San", "Salvador"]
    assert words[-3:] == ["progress", "in", "build"]
    assert rendered_html(ing.body).count("<p>") == 5    # place lines + 4 transcript paragraphs
    [problem] = ing.problems
    assert problem.severity == "warning" and problem.line == 12 and "build" in problem.message


# -- other shapes ------------------------------------------------------------------------------

def test_wire_story_with_dateline_and_byline():
    ing = ingest_fixture("wire-dateline.txt")
    meta = ing.meta
    assert meta["byline"] == "Jane Doe and John Roe"
    assert meta["date"] == date(2025, 2, 20)
    assert meta["copyright"] == "© 2025 Reuters. All rights reserved."
    assert meta["publisher"] == "Reuters"
    assert ing.slug == "us-designates-eight-cartels-as-terrorist"
    assert ing.body.startswith("WASHINGTON, Feb. 20 (Reuters) - The United States")
    expected = [w for w in fixture_words("wire-dateline.txt", "WASHINGTON", "Editing by John Roe")
                if w != "Advertisement"]
    assert rendered_words(ing.body) == expected
    assert dropped_reasons(ing) == {
        "Advertisement": "advertisement",
        "© 2025 Reuters. All rights reserved.": "copyright notice (recorded as copyright)",
        "Terms of Use | Privacy Policy | Cookie Settings": "footer links",
        "Reuters": "site nameplate",
    }
    assert ing.problems == []       # "Reporting by ..." is a wire trailer, not a cut-off sentence


def test_sentences_about_privacy_and_terms_are_article_text():
    body = ingest_fixture("wire-dateline.txt").body
    assert "review their terms of service and privacy policy obligations" in body
    assert "raised privacy concerns and asked to see the terms of use" in body
    assert "\n\nPrivacy advocates objected.\n\n" in body


def test_hard_wrapped_letter_joins_lines_and_keeps_structure():
    ing = ingest_fixture("letter-hard-wrapped.txt")
    assert ing.meta["title"] == "Letter to Senator Smith on Cartel Designations"
    assert ing.meta["date"] == date(2025, 3, 3)
    body = ing.body
    assert ("Thank you for your letter of February 20 about the designation of eight cartels and "
            "transnational organizations as Foreign Terrorist Organizations.") in body
    assert "\n\n## Background\n\n" in body
    assert "\n\n## What the designations do\n\n" in body
    assert ("- They make it a crime to provide material support to the groups.\n"
            "- They require banks to freeze assets the groups hold in the United States.\n"
            "- They bar members of the groups from entering the United States.\n\n") in body
    assert ("1. We will brief your staff within two weeks.\n2. We will send a written summary of each "
            "designation.\n3. We will answer follow-up questions in writing.\n4. We will report again "
            "after ninety days.\n\n") in body
    assert body.endswith("Sincerely,\\\nJane Doe\\\nAssistant Secretary, Bureau of Legislative Affairs\n")
    page = rendered_html(body)
    assert page.count("<h2>") == 2 and page.count("<ul>") == 1 and page.count("<ol>") == 1
    assert page.count("<p>") == 7   # greeting, 3 wrapped paragraphs, 2 list intros, closing + signature
    assert page.count("<br />") == 2
    # every word survives; only the bullet characters became list markup
    expected = [w for w in fixture_words("letter-hard-wrapped.txt", "Dear Senator Smith,")
                if w != "•" and not re.fullmatch(r"\d\.", w)]
    assert rendered_words(body) == expected
    assert ing.problems == [] and ing.dropped == []


def test_markdown_characters_render_as_written():
    ing = ingest_fixture("markup-characters.txt")
    assert ing.meta["byline"] == "Jane Doe"
    page = rendered_html(ing.body)
    for markup in ("<em>", "<strong>", "<code>", "<a ", "<h1>", "<ol", "<ul>", "<blockquote>", "<hr",
                   "<del>", "<b>"):
        assert markup not in page
    assert rendered_words(ing.body) == fixture_words("markup-characters.txt", "The code word")
    assert "cartel\\_list\\_final.doc" in ing.body and "AT&T kept \\&amp;" in ing.body
    assert ing.problems == []


def test_caption_credit_in_parentheses_and_published_line():
    ing = ingest_fixture("photo-caption.txt")
    meta = ing.meta
    assert meta["date"] == date(2025, 2, 4)
    assert meta["event_date"] == date(2025, 2, 3)
    assert meta["photo_credit"] == "AP Photo/Mark Schiefelbein"
    assert meta["photo_caption"] == "Rubio meets Bukele at Lake Coatepeque, El Salvador, on February 3, 2025."
    assert ing.dropped == [(9, "Bukele Shows Rubio the Mega Prison", "repeats the title (line 1)")]
    assert ing.body.startswith("Secretary of State Marco Rubio toured")
    assert "Mega Prison" not in ing.body


def test_windows_line_endings_bom_and_nameplate_on_top():
    ing = ingest_fixture("windows-bom.txt")
    assert ing.meta["title"] == "Council Approves New Budget"      # no BOM, no nameplate
    assert ing.meta["byline"] == "Jane Doe"
    assert ing.meta["date"] == date(2025, 3, 1)
    assert ing.meta["publisher"] == "The Daily Example"
    assert ing.meta["copyright_year"] == 2025
    assert (1, "The Daily Example", "site nameplate") in ing.dropped
    assert "\r" not in ing.body and "\ufeff" not in to_markdown(ing)
    assert ing.body == ("The council approved the budget on Friday after a long debate.\n\n"
                        "Members voted 7 to 2.\n\nThe mayor signs it next week.\n")


def test_cp1252_is_read_with_a_warning():
    ing = ingest_fixture("cp1252-smart-quotes.txt")
    assert ing.meta["title"] == "Rubio’s “Extraordinary” Visit"
    assert "The minister’s café meeting — a “working breakfast” — ran long." in ing.body
    assert "señor’s remarks were “frank”" in ing.body
    [problem] = ing.problems
    assert problem.severity == "warning" and "cp1252" in problem.message
    assert ing.slug == "rubios-extraordinary-visit"


def test_undecodable_bytes_are_an_error():
    ing = ingest_seed("Line one\n".encode() + bytes(range(0x80, 0x100)) * 3, "seeds/bad.txt")
    [problem] = ing.problems
    assert problem.severity == "error" and problem.line == 2
    assert problem.message.startswith("not UTF-8 text") and "save it as UTF-8" in problem.message
    assert ing.body == ""


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", None, "empty seed"),
    ("blank.txt", b" \r\n\t\n\xc2\xa0\n", "empty seed"),
    ("binary.png", None, "binary file"),
    ("utf16.txt", "Title\n".encode("utf-16"), "UTF-16"),
])
def test_seeds_without_text_are_errors(name, data, message):
    if data is None:
        ing = ingest_fixture(name)
    else:
        ing = ingest_seed(data, f"seeds/{name}")
    [problem] = ing.problems
    assert problem.severity == "error" and message in problem.message
    assert ing.body == "" and ing.dropped == []
    assert ing.slug == slugify(Path(name).stem)
    assert list(ing.meta) == list(META_KEYS)


def test_nothing_left_after_chrome_is_an_error():
    ing = ingest_seed("Just A Title\n\n© 2025 Example Media\n\nSign in\n".encode(), "seeds/x.txt")
    assert [p.message for p in errors(ing)] == [
        "nothing left of the text after the title, the front matter lines and the site chrome "
        "were removed; check the seed"]
    assert ing.meta["title"] == "Just A Title" and ing.body == ""


def test_first_paragraph_is_not_taken_for_a_dek():
    data = ("A Short Title\n\nThe first paragraph is a sentence of the article.\n\n"
            "The second paragraph follows it.\n").encode()
    ing = ingest_seed(data, "seeds/x.txt")
    assert ing.meta["subtitle"] == ""
    assert ing.body.startswith("The first paragraph is a sentence of the article.")


def test_lone_list_item_and_unordered_numbers_stay_text():
    body = ingest_fixture("markup-characters.txt").body
    assert "\n\n1\\. This line starts like a numbered list" in body
    assert "\n\n3\\. Numbers out of order\n\n5\\. do not make a list." in body
    assert "\n\n\\- This line starts like a bullet" in body


def test_one_sentence_per_line_without_blank_lines_is_not_joined():
    data = ("Short Paragraphs\nBy Jane Doe\n"
            "The minister spoke first and thanked the delegation for coming.\n"
            "The secretary replied that the visit was an honor for him.\n"
            "Both men then signed the memorandum in front of the press.\n"
            "Questions were not taken after the ceremony ended on Monday.\n").encode()
    page = rendered_html(ingest_seed(data, "seeds/x.txt").body)
    assert page.count("<p>") == 4 and "<br" not in page


@pytest.mark.parametrize("sentence", [
    "(c) In 2025, the Secretary shall report to the Congress.",
    "Copyright law was changed in 1998 to extend the terms.",
    "By using the new law, prosecutors agree to drop some charges.",
    "Sign up for the program opens Monday, officials said.",
    "Subscribers complained about the price of the service.",
    "Advertising revenue fell by a third.",
    "or",
])
def test_article_lines_that_resemble_chrome_stay(sentence):
    data = f"A Title\n\nThe first paragraph.\n\n{sentence}\n\nThe last paragraph.\n".encode()
    ing = ingest_seed(data, "seeds/x.txt")
    assert f"\n\n{escape(sentence)}\n\n" in ing.body
    assert ing.dropped == []


def test_privacy_subheading_mid_article_stays_but_footer_links_go():
    data = ("Data Rules Tightened\n\nThe agency published new rules for data brokers on Monday.\n\n"
            "Privacy\n\nThe rules limit what brokers may sell about a person without consent.\n\n"
            "Example Times\n\nPrivacy | Terms\n\nExample Times\n").encode()
    ing = ingest_seed(data, "seeds/x.txt")
    assert "\n\n## Privacy\n\n" in ing.body
    assert ing.body.endswith("without consent.\n")
    assert dropped_reasons(ing) == {"Example Times": "site nameplate", "Privacy | Terms": "footer links"}
    assert ing.meta["publisher"] == "Example Times"


def test_two_numbered_lists_in_a_row_stay_two_lists():
    data = "Steps\n\nFirst do this:\n\n1. one\n2. two\n\n1. again\n2. and again\n".encode()
    body = ingest_seed(data, "seeds/x.txt").body
    assert body == "First do this:\n\n1. one\n2. two\n\n1) again\n2) and again\n"
    assert rendered_html(body).count("<ol>") == 2


def test_odd_spaces_are_normalised():
    data = "Title\n\nOne\u00a0two\u2003 three   four\tfive \u202fsix.  \n".encode()
    assert ingest_seed(data, "seeds/x.txt").body == "One two three four five six.\n"


def test_head_line_repeated_in_the_body_is_dropped_but_a_similar_line_stays():
    data = ("Cartels Named\n\nMarch 1, 2025\n\nThe text begins here and goes on.\n\n"
            "March 1, 2025\n\nCartels named.\n\nCartels Named Again\n").encode()
    ing = ingest_seed(data, "seeds/x.txt")
    assert ing.dropped == [(7, "March 1, 2025", "repeats the date line (line 3)")]
    assert "\n\nCartels named.\n\nCartels Named Again\n" in ing.body



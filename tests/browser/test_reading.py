"""What a reader of the article sees and does: notes, glossary popovers, switches, print."""
from __future__ import annotations

import pytest

from .conftest import ARTICLE, NARROW, WIDE

BOXES = """() => [...document.querySelectorAll('.sidenote')].map(n => {
  const r = n.getBoundingClientRect();
  return {id: n.dataset.note, left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY,
          visible: r.height > 0 && getComputedStyle(n).visibility === 'visible'};
})"""


def assert_apart(notes):
    for above, below in zip(notes, notes[1:]):
        assert above["bottom"] <= below["top"], f"notes {above['id']} and {below['id']} overlap"


def assert_in_the_margin(v, notes):
    """Every note shown, right of the text column, on the screen, and none over another."""
    assert notes and all(n["visible"] for n in notes)
    text_right = v.page.evaluate("document.querySelector('.block > p').getBoundingClientRect().right")
    assert all(n["left"] > text_right for n in notes), "a note overlaps the text column"
    assert max(n["right"] for n in notes) <= WIDE["width"]
    assert_apart(notes)


def test_wide_screens_set_each_note_in_the_margin_beside_its_line(visit, server):
    v = visit(server, viewport=WIDE)
    v.open(ARTICLE)
    notes = v.page.evaluate(BOXES)
    assert len(notes) == 26
    assert_in_the_margin(v, notes)
    # The first note of the first paragraph starts on the line of its quote.
    anchor_top = v.page.evaluate("document.querySelector('.anchor').getBoundingClientRect().top + scrollY")
    assert abs(notes[0]["top"] - anchor_top) < 4
    # No two notes overlap even after one is opened in full.
    v.page.click("#ref-hangers a")
    assert v.page.is_visible("#sn-hangers .sidenote-full")
    assert "Hollins" in v.page.inner_text("#sn-hangers")
    assert_apart(v.page.evaluate(BOXES))


SHIFTS = """window.__shifts = []; new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push({value: e.value,
    moved: e.sources.filter(s => s.node && s.node.closest && s.node.closest('.text-body')).map(s =>
      `${s.node.id || s.node.className} from y ${s.previousRect.y} to ${s.currentRect.y}`)});
}).observe({type: 'layout-shift', buffered: true});"""


def test_placing_the_notes_does_not_shift_the_layout(visit, file_base):
    # from disk, where no web face loads: served, the face taking over from its fallback keeps
    # every block in place (tests/browser/test_face.py) but may move a word to the next line
    v = visit(file_base, viewport=WIDE)
    v.page.add_init_script(SHIFTS)
    v.open(ARTICLE)
    v.page.wait_for_timeout(300)
    assert v.page.evaluate("window.__shifts") == []


def test_on_a_slow_machine_the_notes_are_never_shown_before_they_are_placed(visit, file_base):
    # Chromium slowed 80 times takes seconds to reach the script (a CI run once saw a shift);
    # only what the notes' placing could move, in the text, is counted: the parser painting a
    # half-read page may nudge the header's buttons, which no script can help
    v = visit(file_base, viewport=WIDE)
    v.context.new_cdp_session(v.page).send("Emulation.setCPUThrottlingRate", {"rate": 80})
    v.page.add_init_script(SHIFTS)
    v.open(ARTICLE)
    v.page.wait_for_timeout(300)
    moved = [s for s in v.page.evaluate("window.__shifts") if s["moved"]]
    assert moved == []
    assert all(n["visible"] for n in v.page.evaluate(BOXES))


def test_if_the_script_fails_the_notes_are_shown_beside_their_paragraphs(visit, server):
    v = visit(server, viewport=WIDE)
    v.page.route("**/static/edition.js", lambda route: route.abort())
    v.open(ARTICLE)
    assert v.page.evaluate("document.documentElement.classList.contains('js')") is False
    assert_in_the_margin(v, v.page.evaluate(BOXES))


def test_the_safety_net_leaves_a_working_script_alone(visit, server):
    for viewport in (WIDE, NARROW):
        v = visit(server, viewport=viewport)
        v.open(ARTICLE)
        assert v.page.evaluate("document.documentElement.classList.contains('js')"), viewport


def test_narrow_screens_show_numbers_that_open_the_note_in_place(visit, server):
    v = visit(server, viewport=NARROW)
    v.open(ARTICLE)
    assert v.page.evaluate(BOXES)[0]["visible"] is False, "notes should not crowd a narrow text"
    marker = v.page.locator("#ref-offer a")
    assert marker.is_visible() and marker.inner_text() == "2"
    box = marker.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= NARROW["width"]
    marker.click()
    note = v.page.locator("#sn-offer")
    assert note.is_visible()
    assert "Tomas Reed" in note.inner_text()
    assert marker.get_attribute("aria-expanded") == "true"
    # in place: right under its paragraph, before the next one
    assert v.page.locator("#p1").bounding_box()["y"] < note.bounding_box()["y"] < v.page.locator("#p2").bounding_box()["y"]
    v.page.keyboard.press("Escape")
    assert not note.is_visible()
    assert marker.get_attribute("aria-expanded") == "false"
    assert v.page.evaluate("document.activeElement.closest('.note-ref').id") == "ref-offer"
    # and every note is listed at the end
    assert v.page.locator(".endnotes > ol > li").count() == 26
    assert v.page.locator("#note-hangers").is_visible()


def test_no_text_overflows_a_320_pixel_screen(visit, server, built_site):
    v = visit(server, viewport={"width": 320, "height": 640})
    for name in ("index.html", ARTICLE, "glossary.html", "sources-and-method.html", "timeline.html"):
        v.open(name)
        assert v.page.evaluate("document.documentElement.scrollWidth") <= 320, f"{name} scrolls sideways"


def test_the_measure_is_comfortable(visit, server):
    v = visit(server, viewport=WIDE)
    v.open(ARTICLE)
    # characters per line over the whole text (one paragraph alone depends on its words)
    per_line = v.page.evaluate("""() => {
        let chars = 0, lines = 0;
        for (const p of document.querySelectorAll('.block > p:not(.passage-cite)')) {
          const style = getComputedStyle(p);
          lines += Math.round(p.getBoundingClientRect().height / parseFloat(style.lineHeight));
          chars += p.textContent.length; }
        return chars / lines; }""")
    assert 55 <= per_line <= 80


def term_popover(page):
    return page.locator("#term-popover")


def test_glossary_popover_by_keyboard_alone(visit, server):
    v = visit(server, viewport=WIDE)
    v.open(ARTICLE)
    page = v.page
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.text-body a.term')"):
            break
    else:
        pytest.fail("no glossary term in the text can be reached with Tab")
    term = page.evaluate("document.activeElement.dataset.term")
    popover = term_popover(page)
    assert popover.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
    link = popover.locator("a.popover-link")
    assert link.get_attribute("href") == f"glossary.html#{term}"
    assert link.inner_text().startswith("Glossary entry: ")
    page.keyboard.press("Tab")                       # into the popover, next in tab order
    assert page.evaluate("document.activeElement.classList.contains('popover-link')")
    page.keyboard.press("Escape")
    assert not popover.is_visible()
    assert page.evaluate("document.activeElement.dataset.term") == term, "Escape should return focus to the term"
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
    page.keyboard.press("Enter")                     # Enter toggles it
    assert popover.is_visible()
    page.keyboard.press("Enter")
    assert not popover.is_visible()


def test_glossary_popover_by_click_one_at_a_time(visit, server):
    v = visit(server, viewport=WIDE)
    v.open(ARTICLE)
    page = v.page
    first, second = page.locator("#p1 a.term").first, page.locator("#p6 a.term").first
    first.click()
    assert term_popover(page).is_visible()
    title = page.locator(".popover-title").inner_text()
    assert title and page.locator("#term-popover-body").inner_text()
    assert page.url.endswith(ARTICLE), "clicking a term should open its popover, not leave the page"
    second.click()
    assert page.locator(".popover").count() == 1
    assert page.locator(".popover-title").inner_text() != title
    second.click()
    assert not term_popover(page).is_visible()
    assert second.get_attribute("aria-expanded") == "false"
    # the link in the popover leads to the entry
    first.click()
    page.locator("a.popover-link").click()
    page.wait_for_load_state()
    assert page.url.split("/")[-1].startswith("glossary.html#")


def test_a_popover_stays_on_a_320_pixel_screen(visit, server):
    v = visit(server, viewport={"width": 320, "height": 640})
    v.open(ARTICLE)
    for term in ("#p1 a.term >> nth=-1", "#p6 a.term >> nth=-1"):
        v.page.locator(term).click()
        box = v.page.locator("#term-popover").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box
        v.page.keyboard.press("Escape")


def test_glossary_popover_by_hover(visit, server):
    v = visit(server, viewport=WIDE)
    v.open(ARTICLE)
    page = v.page
    page.hover("#p2 a.term[data-term='toll']")
    page.wait_for_selector("#term-popover", state="visible", timeout=2000)
    assert page.locator(".popover-title").inner_text() == "toll"
    page.hover("#term-popover")                      # the pointer may move onto it to follow the link
    page.wait_for_timeout(400)
    assert term_popover(page).is_visible()
    page.mouse.move(5, 5)
    page.wait_for_selector("#term-popover", state="hidden", timeout=2000)


def test_without_javascript_notes_and_terms_are_links_to_their_targets(visit, server):
    v = visit(server, viewport=NARROW, java_script_enabled=False)
    v.open(ARTICLE)
    page = v.page
    page.click("#ref-hangers a")
    assert page.url.endswith("#note-hangers")
    assert page.locator("#note-hangers").is_visible()
    assert page.evaluate("document.getElementById('note-hangers').getBoundingClientRect().top") < NARROW["height"]
    page.click("#note-hangers .backref")
    assert page.url.endswith("#ref-hangers")
    page.locator(".text-body a.term[data-term='toll']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("glossary.html#toll")
    assert page.locator("dt#toll").is_visible()
    # wide without the script: the notes still stand beside their paragraph
    v2 = visit(server, viewport=WIDE, java_script_enabled=False)
    v2.open(ARTICLE)
    notes = v2.page.evaluate(BOXES)
    assert all(n["visible"] for n in notes)
    text_right = v2.page.evaluate("document.querySelector('.block > p').getBoundingClientRect().right")
    assert all(n["left"] > text_right for n in notes)


def test_annotations_can_be_hidden_for_a_clean_read_and_the_choice_is_kept(visit, server):
    v = visit(server, viewport=WIDE)
    v.open(ARTICLE)
    page = v.page
    page.click("button.annotations-toggle")
    assert not page.locator("#ref-offer").is_visible()
    assert not page.locator("#sn-offer").is_visible()
    assert page.locator("button.annotations-toggle").inner_text() == "Show annotations"
    page.reload()
    assert not page.locator("#ref-offer").is_visible()
    page.click("button.annotations-toggle")
    assert page.locator("#ref-offer").is_visible()


def test_dark_theme_follows_the_system_and_the_toggle_is_remembered(visit, server):
    background = "getComputedStyle(document.body).backgroundColor"
    v = visit(server, viewport=WIDE, color_scheme="dark")
    v.open(ARTICLE)
    page = v.page
    assert page.evaluate(background) == "rgb(26, 25, 23)"
    assert page.locator("button.theme-toggle").inner_text() == "Light theme"
    page.click("button.theme-toggle")
    assert page.evaluate(background) == "rgb(255, 253, 248)"
    page.goto(server + "glossary.html")
    assert page.evaluate(background) == "rgb(255, 253, 248)", "the choice should carry to the next page"
    page.click("button.theme-toggle")          # back to what the system says: follow it again
    assert page.evaluate("localStorage.getItem('edition-theme')") is None


def test_the_theme_toggle_works_from_disk(visit, file_base):
    v = visit(file_base, viewport=WIDE)
    v.open(ARTICLE)
    v.page.click("button.theme-toggle")
    assert v.page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert v.errors == []


def test_print_shows_notes_as_endnotes_and_writes_out_link_targets(visit, server):
    v = visit(server, viewport=WIDE)
    v.open(ARTICLE)
    page = v.page
    page.emulate_media(media="print")
    assert not page.locator("#sn-offer").is_visible()
    assert not page.locator("button.theme-toggle").is_visible()
    assert not page.locator("button.annotations-toggle").is_visible()
    assert page.locator("#note-offer").is_visible()
    assert page.locator("#ref-offer").is_visible(), "the note numbers stay in the printed text"
    after = page.evaluate("""getComputedStyle(document.querySelector('#note-offer a[href^="http"]'), '::after').content""")
    assert "https://example.org/board/letters" in after

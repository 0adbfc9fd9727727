"""The text face (edition/fonts.py): subset to the characters the pages show, as WOFF2, with
@font-face rules that swap and say what each file holds; a theme without a face gets none."""
from __future__ import annotations

import io
import re
import shutil

from conftest import build_files, text_file
from edition.fonts import characters, ranges


def test_a_page_s_characters_are_those_beyond_ascii_it_holds():
    page = "<p title=\"Zoë\">Café <em>naïve</em></p><template>™</template>".encode()
    assert characters(page) == "".join(sorted("éëï™")) and characters(b"<p>plain</p>") == ""


def test_ranges_are_written_as_css_unicode_ranges():
    assert ranges([0x20, 0x21, 0x22, 0xE9, 0x141, 0x142]) == "U+20-22, U+E9, U+141-142"


def test_the_face_is_subset_to_the_edition_s_characters(project):
    from fontTools.ttLib import TTFont
    root = project({"content/texts/t.md": text_file("Łódź café", "Zażółć gęślą jaźń, *naïve* and **bold**.\n")})
    _, files = build_files(root)
    css = files["static/fonts/fonts.css"].decode("utf-8")
    assert css.count("@font-face") == 8      # 4 faces, each with its Latin and Latin Extended file
    # regular, italic and bold, fetched at once, swap in; bold italic comes in time or not on that page
    assert css.count("font-display: swap") == 6 and css.count("font-display: optional") == 2
    assert 'font-family: "Literata"' in css
    assert re.findall(r"font-style: (\w+); font-weight: 700; font-display: optional", css) == ["italic"] * 2
    faces = re.findall(r'font-style: (\w+); font-weight: (\d+); font-display: \w+; src: url\("([^"]+)"\) '
                       r'format\("woff2"\); unicode-range: ([^;]+);', css)
    assert {(style, weight) for style, weight, _, _ in faces} == {("normal", "400"), ("italic", "400"),
                                                                  ("normal", "700"), ("italic", "700")}
    for style, weight, name, unicode_range in faces:
        data = files[f"static/fonts/{name}"]
        assert data[:4] == b"wOF2"
        cmap = set(TTFont(io.BytesIO(data)).getBestCmap())
        if "latin-ext" in name:
            assert {ord(c) for c in "Łłźżąęść"} <= cmap and ord("a") not in cmap and "U+141-142" in unicode_range
        else:
            assert {ord(c) for c in "Zaó naïve"} <= cmap and "U+E9" in unicode_range
        assert len(cmap) < 200      # the characters used (and printable ASCII), not the whole face
    assert files["static/fonts/OFL.txt"].startswith(b"Copyright 2017 The Literata Project Authors")


def test_a_theme_without_a_face_uses_system_fonts(project):
    root = project({"content/texts/t.md": text_file("T", "Words.\n")})
    shutil.rmtree(root / "theme" / "default" / "fonts")
    _, files = build_files(root)
    assert not [path for path in files if path.startswith("static/fonts/")]

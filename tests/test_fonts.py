"""The text face (edition/fonts.py): subset to the characters the pages show, as WOFF2, with
@font-face rules that swap and say what each file holds, and a system serif scaled to the face's
measures to hold its place; a theme without a face gets none."""
from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO, build_files, text_file, tool_missing
from edition.fonts import SAMPLE, characters, mean_width, ranges, vertical_metrics

FACE = REPO / "theme" / "default" / "fonts"
LIBERATION = Path("/usr/share/fonts/truetype/liberation")     # Debian's fonts-liberation (Chromium's)
STYLES = {(400, "normal"): "Regular", (400, "italic"): "Italic", (700, "normal"): "Bold", (700, "italic"): "BoldItalic"}


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
    assert css.count('font-family: "Literata";') == 8      # 4 faces, each with its Latin and Latin Extended file
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


def fallback_rules(css: str) -> dict:
    """{(weight, style): {descriptor: value}} of the fonts.css rules for "Literata fallback"."""
    rules = {}
    for body in re.findall(r'@font-face \{ font-family: "Literata fallback"; ([^}]*)\}', css):
        values = dict(part.strip().split(": ", 1) for part in body.split(";") if part.strip())
        rules[int(values["font-weight"]), values["font-style"]] = values
    return rules


def percent(value: str) -> float:
    return float(value.rstrip("%")) / 100


def test_the_fallback_is_a_system_serif_with_the_face_s_width_ascent_and_descent(project):
    from fontTools.ttLib import TTFont
    root = project({"content/texts/t.md": text_file("T", "Words.\n")})
    _, files = build_files(root)
    css = files["static/fonts/fonts.css"].decode("utf-8")
    rules = fallback_rules(css)
    assert set(rules) == set(STYLES)
    manifest = json.loads((FACE / "fonts.json").read_text(encoding="utf-8"))
    widths = {(f["weight"], f["style"]): f["width"] for f in manifest["fallback"]["faces"]}
    for face in manifest["faces"]:
        key = face["weight"], face["style"]
        rule, literata = rules[key], TTFont(FACE / face["files"][0])
        assert rule["src"].startswith('local("Times New Roman') and 'local("Liberation Serif' in rule["src"]
        scale = percent(rule["size-adjust"])
        # the sample is as wide in the scaled fallback as in the face (Literata is the wider: 9-18 %)
        assert abs(scale * widths[key] - mean_width(literata)) < 0.0005 and 1.08 < scale < 1.18, (key, scale)
        # the scaled fallback's ascent and descent are Literata's: 1.177 and 0.308 em, no line gap
        assert vertical_metrics(literata) == (1.177, 0.308, 0.0)
        assert abs(percent(rule["ascent-override"]) * scale - 1.177) < 0.0005, (key, rule)
        assert abs(percent(rule["descent-override"]) * scale - 0.308) < 0.0005, (key, rule)
        assert rule["line-gap-override"] == "0.00%"
    # served, the text is set in the fallback first, then in the face before it (edition.css: var(--face,))
    assert ':root.face { --face: "Literata fallback",; }' in css
    assert ':root.face-ready { --face: "Literata", "Literata fallback",; }' in css


def test_the_fallback_s_widths_are_those_of_the_system_serif_it_names():
    from fontTools.ttLib import TTFont
    if not (LIBERATION / "LiberationSerif-Regular.ttf").is_file():
        tool_missing(f"Liberation Serif is not in {LIBERATION}", "install it with `apt-get install fonts-liberation`")
    manifest = json.loads((FACE / "fonts.json").read_text(encoding="utf-8"))
    for face in manifest["fallback"]["faces"]:
        font = TTFont(LIBERATION / f"LiberationSerif-{STYLES[face['weight'], face['style']]}.ttf")
        assert font["name"].getDebugName(4) in face["local"]       # its full name is one it is asked by
        assert abs(mean_width(font) - face["width"]) < 0.00005, (face, round(mean_width(font), 4))


def test_a_width_counts_the_kerning_a_browser_applies():
    from fontTools.ttLib import TTFont
    literata = TTFont(FACE / "literata-latin-400-normal.woff2")
    assert mean_width(literata, "AV") < mean_width(literata, "AA") / 2 + mean_width(literata, "VV") / 2
    assert mean_width(literata, "lll") == pytest.approx(literata["hmtx"]["l"][0] / 1000)
    assert "2025" in SAMPLE and "’" in SAMPLE and "“" in SAMPLE

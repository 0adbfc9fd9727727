"""Render: the theme's interface strings per language, and the filters templates use."""
from __future__ import annotations

from pathlib import Path

from conftest import REPO, build_files, text_file, write_project
from edition.render import interface_strings, load_theme


def theme(tmp_path: Path, extra: dict | None = None):
    root = write_project(tmp_path / "p", extra or {})
    return root, load_theme(root, "default")


def test_the_default_theme_speaks_english_french_spanish_and_german(tmp_path):
    _, default = theme(tmp_path)
    english, _ = interface_strings(default, "en")
    for tag, skip in (("fr", "Aller au texte"), ("es", "Ir al texto"), ("de", "Zum Text springen")):
        strings, problems = interface_strings(default, tag)
        assert problems == [] and strings["skip_link"] == skip
        assert set(strings) == set(english) - {"date_day", "date_month", "date_year"}   # CLDR's dates instead
    canadian, problems = interface_strings(default, "fr-CA")
    assert problems == [] and canadian["skip_link"] == "Aller au texte"


def test_a_missing_string_is_english_with_a_warning_naming_the_file(tmp_path):
    root, _ = theme(tmp_path)
    (root / "theme" / "default" / "strings" / "fr.yaml").write_text("skip_link: Aller au texte\n", encoding="utf-8")
    strings, problems = interface_strings(load_theme(root, "default"), "fr")
    assert strings["skip_link"] == "Aller au texte" and strings["notes_heading"] == "Notes"
    assert "theme/default/strings/fr.yaml: warning: no string `contents` for `fr`, so the English one is used; " \
           "add `contents: …` to theme/default/strings/fr.yaml" in [str(p) for p in problems]
    _, problems = interface_strings(load_theme(root, "default"), "pt-BR")
    assert [str(p) for p in problems] == [
        "theme/default/strings/pt.yaml: warning: the theme has no strings for `pt-BR`, so the interface is in "
        "English; copy theme/default/strings/en.yaml to theme/default/strings/pt.yaml and translate it"]


def test_a_theme_overrides_single_strings(tmp_path):
    root, _ = theme(tmp_path)
    (root / "theme" / "contrast" / "strings").mkdir()
    (root / "theme" / "contrast" / "strings" / "en.yaml").write_text("skip_link: Jump to the text\n", encoding="utf-8")
    strings, problems = interface_strings(load_theme(root, "contrast"), "en")
    assert problems == [] and strings["skip_link"] == "Jump to the text" and strings["contents"] == "Contents"


def test_a_french_edition_is_french_throughout(tmp_path):
    root = write_project(tmp_path / "fr", {"content/texts/t.md": text_file(
        "Le texte", "Un paragraphe.\n\nUn autre.\n", date="1789-08-26")}, "title: Édition\nlanguage: fr\n")
    (root / "content" / "notes").mkdir()
    (root / "content" / "notes" / "t.md").write_text("## Un autre\n\nUne note.\n", encoding="utf-8")
    result, site = build_files(root)
    assert result.problems == []
    page = site["t.html"].decode()
    assert '<html lang="fr">' in page and "Aller au texte" in page and "2 paragraphes" in page
    assert '<time datetime="1789-08-26">26 août 1789</time>' in page
    assert 'aria-label="Note 1"' in page and 'aria-label="Paragraphe 1"' in page
    assert 'data-close-note="Fermer la note {n}"' in page
    assert "<h2 id=\"notes-heading\">Notes</h2>" in page and "À propos de ce texte" in page
    assert "Page introuvable" in site["404.html"].decode()
    index = site["index.html"].decode()
    assert "2 paragraphes" in index and "1 note" in index and "Comment lire cette édition" in index

"""site.yaml: defaults, values that YAML reads as something else, and outputs that would destroy work."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from edition.config import Config, load_config


def project(tmp_path: Path, site_yaml: str) -> Path:
    shutil.copytree(REPO / "theme", tmp_path / "theme")
    (tmp_path / "site.yaml").write_text(site_yaml, encoding="utf-8")
    return tmp_path


def messages(problems):
    return [str(p) for p in problems]


def test_defaults_fill_what_is_not_set(tmp_path):
    config, problems = load_config(project(tmp_path, "title: Edition\n"))
    assert problems == []
    assert config == Config(title="Edition")


def test_a_number_is_a_fine_title(tmp_path):
    config, problems = load_config(project(tmp_path, "title: 1984\n"))
    assert (config.title, problems) == ("1984", [])


def test_a_byte_order_mark_is_ignored(tmp_path):
    (project(tmp_path, "") / "site.yaml").write_bytes("\ufefftitle: Edition\n".encode())
    config, problems = load_config(tmp_path)
    assert (config.title, problems) == ("Edition", [])


def test_site_yaml_that_is_not_utf8(tmp_path):
    (project(tmp_path, "") / "site.yaml").write_bytes(b"title: Caf\xe9\n")
    assert messages(load_config(tmp_path)[1]) == [
        "site.yaml: error: site.yaml is not UTF-8 text; save it with UTF-8 encoding"]


def test_an_empty_title(tmp_path):
    assert messages(load_config(project(tmp_path, "language: en\ntitle:\n"))[1]) == [
        "site.yaml:2: error: `title` is empty; write the edition's title after `title: `"]


@pytest.mark.parametrize("output", [".", "./", "content", "content/site", "seeds", "theme", ".git", "edition"])
def test_outputs_that_would_replace_the_editors_files_are_refused(tmp_path, output):
    problems = load_config(project(tmp_path, f"title: T\noutput: {output}\n"))[1]
    assert messages(problems) == [
        f"site.yaml:2: error: `output: {output}` would overwrite your own files when the site is written; "
        "choose a separate folder such as `_site`"]


def test_an_output_through_a_link_is_refused(tmp_path):
    root = project(tmp_path / "proj", "title: T\noutput: public\n")
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", root / "public")
    assert messages(load_config(root)[1]) == [
        "site.yaml:2: error: `output: public`: public is a link, and writing the site replaces what it points "
        "to; choose a plain folder such as `_site`"]


@pytest.mark.parametrize("value,ok", [("https://user.github.io/repo/", True), ("http://example.org", True),
                                      ("example.org", False), ("/repo/", False), ("ftp://x.org", False)])
def test_base_url_must_be_a_web_address(tmp_path, value, ok):
    problems = load_config(project(tmp_path, f"title: T\nbase_url: \"{value}\"\n"))[1]
    assert (problems == []) == ok


def test_a_folder_that_is_no_edition_says_where_to_run_from(tmp_path):
    assert messages(load_config(tmp_path)[1]) == [
        "site.yaml: error: there is no edition here (no site.yaml, no content/); cd to the edition's folder, "
        "or pass --root FOLDER"]


def test_the_language_is_a_language_tag_with_a_did_you_mean(tmp_path):
    config, problems = load_config(project(tmp_path, "title: E\nlanguage: fr_FR\n"))
    assert problems == [] and config.language == "fr-FR"
    _, problems = load_config(project(tmp_path / "b", "title: E\nlanguage: french\n"))
    assert messages(problems) == ["site.yaml:2: error: `language: french` is not a language tag (BCP 47); "
                                  "did you mean `fr`?"]


def test_line_numbers_is_a_whole_number(tmp_path):
    config, problems = load_config(project(tmp_path, "title: E\nline_numbers: 4\n"))
    assert problems == [] and config.line_numbers == 4
    _, problems = load_config(project(tmp_path / "b", "title: E\nline_numbers: every fifth\n"))
    assert messages(problems) == ["site.yaml:2: error: `line_numbers: every fifth` must be a whole number (0 or "
                                  "more), e.g. `line_numbers: 5`"]

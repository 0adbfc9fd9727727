"""Shared helpers: build small projects in temporary folders."""
from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import pytest

from edition.write import Sink

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "tests" / "fixtures" / "editions"

SITE_YAML = "title: Test edition\nlanguage: en\noutput: _site\n"


def write_project(root: Path, files: dict, site_yaml: str = SITE_YAML) -> Path:
    """A project with the repo's themes and the given content files."""
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "site.yaml").write_text(site_yaml, encoding="utf-8")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


def build_edition(root: Path, theme: str | None = None, name: str = "reading", language: str | None = None) -> Path:
    """Build a fixture edition (tests/fixtures/editions/NAME, with the repo's themes) in `root`,
    with another theme or edition language if given; return the site. The fixtures are the
    tests' own texts: the sample edition is not used."""
    from edition import cli

    shutil.copytree(FIXTURES / name, root, dirs_exist_ok=True)
    shutil.copytree(REPO / "theme", root / "theme")
    settings = (root / "site.yaml").read_text(encoding="utf-8")
    if theme:
        settings = re.sub(r"(?m)^theme:.*$", f"theme: {theme}", settings)
        assert f"theme: {theme}" in settings
    if language:
        settings = re.sub(r"(?m)^language:.*$", f"language: {language}", settings)
        assert f"language: {language}" in settings
    (root / "site.yaml").write_text(settings, encoding="utf-8")
    status = cli.main(["--root", str(root)])
    assert status == 0, f"the fixture edition {name} did not build; run `python build.py --root {root} check`"
    site = root / "_site"
    assert (site / "index.html").is_file()
    return site


def text_file(title: str, body: str, **meta) -> str:
    lines = [f"title: {title!r}"] + [f"{k}: {v!r}" for k, v in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def visible_words(fragment: str) -> list:
    """The words a reader sees in an HTML fragment."""
    fragment = re.sub(r'<sup class="note-ref".*?</sup>', "", fragment, flags=re.S)
    fragment = re.sub(r'<a class="line-number".*?</a>', "", fragment, flags=re.S)      # the apparatus of verse
    fragment = re.sub(r"</?(p|li|ul|ol|div|h[1-6]|blockquote|br|aside|section|dd|dt|td|th|tr)\b[^>]*>", " ", fragment)
    fragment = re.sub(r"<[^>]+>", "", fragment)
    return html.unescape(fragment).split()


def tool_missing(reason: str, hint: str):
    """Skip a test whose outside tool is not installed, saying how to install it; under CI
    (CI=true) a missing tool is a failure, never a skip."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI must run this test: {hint}", pytrace=False)
    pytest.skip(f"{reason}; {hint}")


@pytest.fixture
def project(tmp_path):
    def make(files, site_yaml=SITE_YAML):
        return write_project(tmp_path / "proj", files, site_yaml)
    return make


class Collect(Sink):
    """A sink that keeps the site in a dict: the build's output, for tests to read."""

    def __init__(self):
        self.files = {}

    def put(self, rel, data):
        self.files[rel] = data

    def put_file(self, rel, write, through=False):
        from edition.write import put_bytes
        return put_bytes(self, rel, write)

    def commit(self):
        from edition.write import Written
        return Written(changed=sorted(self.files))

    def discard(self):
        pass


def build_files(root: Path, store=None):
    """The pipeline's build of the project at root, in memory: (Build, {site path: bytes})."""
    from edition.build import build
    from edition.config import load_config
    from edition.reuse import DiskStore

    config, problems = load_config(root)
    assert not [p for p in problems if p.severity == "error"], problems
    sink = Collect()
    result = build(root, config, store or DiskStore(root, root / config.output, fresh=True, read_only=True), sink)
    return result, sink.files

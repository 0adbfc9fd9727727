"""The outside checkers of an EPUB: EPUBCheck (Debian's `epubcheck`, run with Java) and Ace by
DAISY (npm, tools/ace/, driving Debian's Chromium). Where one is missing its test is skipped
with the install hint; under CI (CI=true) it fails instead."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from conftest import REPO, tool_missing

# Debian installs the jar as /usr/bin/epubcheck, run through binfmt (jarwrapper); `java -jar`
# works where binfmt is not set up, as in many containers.
EPUBCHECK_JARS = ("/usr/share/java/epubcheck.jar", "/usr/bin/epubcheck")
ACE = REPO / "tools/ace/node_modules/@daisy/ace-cli/bin/ace.js"
CHROMIUM = os.environ.get("EDITION_CHROMIUM", "/usr/bin/chromium")


def epubcheck(book: Path) -> dict:
    """EPUBCheck's verdict: {"fatal", "error", "warning", "info": counts, "messages": [...], "output"}."""
    java = shutil.which("java")
    jar = next((j for j in EPUBCHECK_JARS if Path(j).is_file()), None)
    if not java or not jar:
        tool_missing("EPUBCheck (or Java) is not installed", "install it with `apt-get install epubcheck`")
    report = book.with_suffix(".epubcheck.json")
    run = subprocess.run([java, "-jar", jar, str(book), "--json", str(report)], capture_output=True, text=True,
                         timeout=300)
    data = json.loads(report.read_text(encoding="utf-8"))
    counts = {"fatal": 0, "error": 0, "warning": 0, "info": 0, "usage": 0}
    for message in data.get("messages", []):
        counts[message["severity"].lower()] = counts.get(message["severity"].lower(), 0) + 1
    lines = [f"{m['severity']} {m['ID']}: {m['message']} ({_places(m)})" for m in data.get("messages", [])]
    return {**counts, "messages": lines, "output": run.stdout + run.stderr}


def _places(message: dict) -> str:
    return ", ".join(f"{place.get('path')}:{place.get('line')}" for place in message.get("locations", []))


def ace(book: Path, out: Path) -> list:
    """Ace's findings [(impact, rule, document)] for the book; its browser is Debian's Chromium."""
    node = shutil.which("node")
    if not node or not ACE.is_file():
        tool_missing("Ace by DAISY is not installed",
                     "run `PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tools/ace` (see .ci/run)")
    if not Path(CHROMIUM).is_file():
        tool_missing(f"Chromium was not found at {CHROMIUM}", "install it with `apt-get install chromium`")
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=CHROMIUM, PUPPETEER_SKIP_DOWNLOAD="1")
    run = subprocess.run([node, str(ACE), "--silent", "--force", "--outdir", str(out), str(book)],
                         capture_output=True, text=True, timeout=600, env=env)
    assert (out / "report.json").is_file(), f"Ace wrote no report:\n{run.stdout}\n{run.stderr}"
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return [(a["earl:test"]["earl:impact"], a["earl:test"]["dct:title"], doc["earl:testSubject"]["url"])
            for doc in report.get("assertions", []) for a in doc.get("assertions", [])]

"""The build cache: what a build may reuse from the last one, decided by content hashes.

Keyed by hashes of everything that goes in, never by file times. The manifest records, for
each page of the last written site, the hash of its inputs (for a text: its file, its notes,
the glossary, the theme, the settings, its neighbours) and of the bytes written; a page whose
inputs hash the same is read back from the output folder instead of made again (after checking
the bytes are what we wrote). For a text, texts.pickle keeps what the index, the glossary and
the link check need of it (its counts, term occurrences, links and problems).

One check comes first (last_build): if no input file changed at all (same bytes, same
settings, same code) and the output folder is exactly as the last build left it, the build has
nothing to do and stops before loading anything — the editor's most common case.

Everything lives in .edition-cache/ (gitignored); deleting it, or `--clean`, costs only time.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import pickle
import shutil
from pathlib import Path

from . import __version__

CACHE_DIR = ".edition-cache"
MANIFEST = "manifest.json"
LAST_BUILD = "last-build.json"
TEXTS = "texts.pickle"
PACKAGE = Path(__file__).resolve().parent


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the edition package's source: new code never reuses old results."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def file_hash(path: Path) -> str:
    return sha256(path.read_bytes()) if path.is_file() else "-"


def folder_hash(folders) -> str:
    """Hash of every file under the folders (names and bytes), e.g. a theme and its fallback."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(sha256(path.read_bytes()).encode())
    return digest.hexdigest()


INPUTS = ("site.yaml", "content", "seeds", "theme")


def inputs_fingerprint(root: Path, settings: str, code: str) -> str:
    """One hash of every input's name, kind and bytes, the code, and the effective settings.

    Plain os calls and strings: with pathlib, a no-change build of 2,000 files spent more
    time making and sorting Path objects than reading the files."""
    digest = hashlib.sha256((code + "\0" + settings).encode())
    base = str(root)
    for name in INPUTS:
        top = os.path.join(base, name)
        if os.path.isfile(top):
            entries = [name]
        elif os.path.isdir(top):
            entries = []
            for folder, dirs, files in os.walk(top):
                prefix = os.path.relpath(folder, base).replace(os.sep, "/") + "/"
                entries += [prefix + entry for entry in dirs + files]
            entries.sort(key=lambda rel: rel.split("/"))
        else:
            entries = []
        for rel in entries:
            path = os.path.join(base, rel)
            # Folders and links count too: a folder named like a text is a problem to report.
            kind = b"L" if os.path.islink(path) else b"F" if os.path.isfile(path) else b"D"
            digest.update(rel.encode("utf-8", "surrogateescape") + b"\0" + kind)
            if kind != b"D":
                try:
                    with open(path, "rb") as handle:
                        digest.update(hashlib.sha256(handle.read()).digest())
                except OSError:
                    return ""     # unreadable: let the real build say what is wrong
    return digest.hexdigest()


def output_listing(out: Path) -> list:
    """Every file of the output folder with its size and modification time."""
    if not out.is_dir():
        return []
    listing = []
    base = str(out)
    for folder, _, names in os.walk(base):
        prefix = os.path.relpath(folder, base).replace(os.sep, "/") + "/" if folder != base else ""
        for name in names:
            stat = os.stat(os.path.join(folder, name), follow_symlinks=False)
            listing.append([prefix + name, stat.st_size, stat.st_mtime_ns])
    return sorted(listing)


def last_build(root: Path, fingerprint: str):
    """The last build's record ({out, problems, …}) if it saw exactly these inputs and nobody
    has touched its output since; None when there is work to do. Needs neither the settings
    parsed nor the content loaded: site.yaml is one of the inputs hashed."""
    try:
        last = json.loads((root / CACHE_DIR / LAST_BUILD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(last, dict) or not fingerprint or last.get("fingerprint") != fingerprint:
        return None
    out = last.get("out")
    if not isinstance(out, str) or last.get("output") != output_listing(root / out):
        return None
    return last


class Memory:
    """What `serve` keeps between builds, so that a save costs only the pages it changes."""

    def __init__(self):
        self.texts: dict = {}       # key -> TextPage (with its bytes)
        self.pages: dict = {}       # site path -> (key, bytes, their SHA-256) for every page
        self.made: dict = {}        # what = (its inputs' key, the value): the theme, the glossary
        self.files: dict = {}       # content file -> what reading it gave (see load.load_project)


class Cache:
    """Lookups and records for one build. A disabled cache finds nothing and saves nothing.

    Two places to look: `memory` (serve's, from the last build in the same process), then the
    disk (.edition-cache/ for what a text contributes to other pages, the output folder for
    the page itself, checked against the hash recorded when it was written).
    """

    def __init__(self, root: Path, out: Path, enabled: bool = True, memory: Memory | None = None):
        self.root, self.out, self.enabled = root, out, enabled
        self.memory = memory if enabled else None
        self.folder = root / CACHE_DIR
        self.code = code_version()
        self.previous = self._read_manifest() if enabled else {}
        self.pages: dict = {}          # site path -> {"key", "sha256"} for this build
        self.texts: dict = {}          # key -> TextPage without its bytes, for the next build
        self._stored = None            # the last build's self.texts, read when first needed
        self.fingerprint = ""          # of every input, for the next build's first check (see last_build)

    def reuse(self, what: str, key: str, make):
        """make(), or serve's value from the last build if `key` is the same."""
        if self.memory is None:
            return make()
        kept = self.memory.made.get(what)
        if kept is None or kept[0] != key:
            kept = self.memory.made[what] = (key, make())
        return kept[1]

    def key(self, *parts) -> str:
        digest = hashlib.sha256(self.code.encode())
        for part in parts:
            digest.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
            digest.update(b"\0")
        return digest.hexdigest()

    # --- the whole build ------------------------------------------------------------------

    # --- text pages -----------------------------------------------------------------------

    def text_page(self, path: str, key: str):
        """A text's page and what it gives the other pages, if nothing that goes in changed."""
        if not self.enabled:
            return None
        if self.memory is not None and key in self.memory.texts:
            return self.memory.texts[key]
        if self.memory is not None and self.memory.texts:
            return None     # serve's memory holds every text of the last build: a miss is a change
        if self._stored is None:
            self._stored = self._read_texts()
        stored = self._stored.get(key)
        data = self.rendered(path, key) if stored is not None else None
        return None if data is None else dataclasses.replace(stored, html=data)

    def keep_text_page(self, path: str, key: str, page) -> None:
        self.record(path, key, page.html)
        if self.enabled:
            self.texts[key] = dataclasses.replace(page, html=b"")
            if self.memory is not None:
                self.memory.texts[key] = page

    # --- other pages ----------------------------------------------------------------------

    def rendered(self, path: str, key: str) -> bytes | None:
        """The page as last written, if its inputs are unchanged and nobody touched the file."""
        if not self.enabled:
            return None
        if self.memory is not None and self.memory.pages.get(path, ("",))[0] == key:
            return self.memory.pages[path][1]
        entry = self.previous.get(path)
        if not entry or entry.get("key") != key:
            return None
        try:
            data = (self.out / path).read_bytes()
        except OSError:
            return None
        return data if sha256(data) == entry.get("sha256") else None

    def record(self, path: str, key: str, data: bytes) -> None:
        # serve hands back the very bytes it made last time: hash each page once, not per save
        kept = self.memory.pages.get(path) if self.memory is not None else None
        digest = kept[2] if kept and kept[1] is data else sha256(data)
        self.pages[path] = {"key": key, "sha256": digest}
        if self.memory is not None:
            self.memory.pages[path] = (key, data, digest)

    # --- after a successful write ---------------------------------------------------------

    def save(self, files: dict, problems=()) -> None:
        """Record the site just written, for the next build to reuse."""
        if not self.enabled:
            return
        if self.memory is not None:      # keep only what this build used: serve runs for hours
            self.memory.texts = {k: v for k, v in self.memory.texts.items() if k in self.texts}
            self.memory.pages = {p: v for p, v in self.memory.pages.items() if p in self.pages}
        try:
            _write_atomic(self.folder / LAST_BUILD, json.dumps({
                "fingerprint": self.fingerprint, "out": self.out.relative_to(self.root).as_posix(),
                "output": output_listing(self.out), "problems": [str(p) for p in problems]}).encode())
        except OSError:
            pass
        pages = {p: self.pages.get(p) or {"key": "", "sha256": sha256(d)} for p, d in sorted(files.items())}
        try:
            _write_atomic(self.folder / MANIFEST,
                          json.dumps({"code": self.code, "pages": pages}, indent=1, sort_keys=True).encode())
            _write_atomic(self.folder / TEXTS, pickle.dumps(self.texts, protocol=5))
            shutil.rmtree(self.folder / "annotate", ignore_errors=True)     # earlier builds' layout: a pickle per text
        except (OSError, pickle.PicklingError):
            pass    # the site is written; only the next build's speed is at stake

    def _read_texts(self) -> dict:
        try:
            # Our own folder, written by this same code version (each key says so).
            data = pickle.loads((self.folder / TEXTS).read_bytes())
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
            return {}
        return data if isinstance(data, dict) else {}

    def _read_manifest(self) -> dict:
        try:
            data = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("code") != self.code or not isinstance(data.get("pages"), dict):
            return {}
        return data["pages"]


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)

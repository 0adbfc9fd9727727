"""At scale, an incremental result is byte-identical to a clean build.

    python bench/identical.py CORPUS_DIR

Copies the corpus twice and edits both copies the same way, one edit after another (a note,
a text, the glossary, a note again): one copy is rebuilt with `build` after each edit (using
its cache), the other by a `serve` builder that keeps the last build in memory. After the last
edit a third copy is built from nothing with --clean, and the output folders are compared byte
for byte: serve's with a clean build made as serve makes it (without the EPUB, which its preview
leaves out), when the two differ. Prints what it compared; exits 1 on any difference.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from edition import pipeline  # noqa: E402
from edition.cli import main as cli  # noqa: E402
from edition.serve import Builder  # noqa: E402
from edition.write import site_files  # noqa: E402


def edits(root: Path):
    """(path, new text) for each edit, read from this copy's files."""
    note = root / "content/notes/text-0002.md"
    text = root / "content/texts/text-0003.md"
    glossary = root / "content/glossary.md"
    yield note, note.read_text(encoding="utf-8").replace("\n\nSource: [", " An added sentence.\n\nSource: [", 1)
    body = text.read_text(encoding="utf-8")
    yield text, body.rstrip("\n") + "\n\nA paragraph added at the end.\n"
    yield glossary, glossary.read_text(encoding="utf-8").replace("\n\n", "\n\nRevised. ", 1)
    yield note, note.read_text(encoding="utf-8") + "\n"


def tree(folder: Path) -> dict:
    return {rel: (folder / rel).read_bytes() for rel in site_files(folder)}


def run(corpus: Path) -> int:
    with tempfile.TemporaryDirectory() as work:
        copies = {}
        for name in ("build", "serve", "clean", "preview"):
            copies[name] = Path(work, name)
            shutil.copytree(corpus, copies[name], ignore=shutil.ignore_patterns("_site", ".edition-cache", "hugo"))
        quiet = lambda line: None  # noqa: E731
        assert cli(["--root", str(copies["build"]), "build"]) == 0
        builder = Builder(copies["serve"], log=quiet)
        builder.INDEX_QUIET = 0     # flush() is the pause in the edits
        builder.rebuild()
        count = 0
        for changes in zip(*(edits(copies[n]) for n in copies)):
            for path, new in changes:
                path.write_text(new, encoding="utf-8")
            path_s = changes[1][0]
            assert cli(["--root", str(copies["build"]), "build"]) == 0
            builder.rebuild([str(path_s)])
            assert not builder.state.problems, builder.state.problems
            builder.flush()     # edits pause: the search index, the last build's meanwhile, catches up
            count += 1
        assert cli(["--root", str(copies["clean"]), "build", "--clean"]) == 0
        clean = tree(copies["clean"] / "_site")
        # what serve shows: the same build without the book (pipeline.Options(epub=False), as serve asks)
        assert not pipeline.run(copies["preview"], pipeline.Options(clean=True, epub=False)).failed
        references = {"build": clean, "serve": tree(copies["preview"] / "_site")}
        status = 0
        for name in ("build", "serve"):
            clean, other = references[name], tree(copies[name] / "_site")
            differ = sorted(p for p in clean.keys() | other.keys() if clean.get(p) != other.get(p))
            verdict = "identical" if not differ else f"DIFFERENT in {len(differ)} files, e.g. {differ[:3]}"
            print(f"{name} after {count} edits vs a clean build: {verdict} ({len(clean):,} files compared)")
            status = status or (1 if differ else 0)
        return status


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1])))

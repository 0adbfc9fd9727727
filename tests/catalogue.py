"""The machinery of the catalogue of bad input (tests/test_bad_input*.py), one case per thing an
editor or an attacker can do wrong.

Each case builds a good site first, breaks one thing, runs the command and checks what a user
notices: the exit code, the exact message (file, line, what and how to fix), no traceback, the
last good site byte for byte, and every file of the editor's (the project's and the folder
around it) as it was.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from conftest import text_file
from edition.cli import main

TEXT = "content/texts/alpha.md"
NOTES = "content/notes/alpha.md"
GLOSSARY = "content/glossary.md"
BODY = "The first paragraph mentions CECOT here.\n\nA second paragraph with more words.\n"
GOOD = {
    TEXT: text_file("Alpha", BODY),
    NOTES: "## first paragraph\n\nA note on the first paragraph.\n",
    GLOSSARY: "## CECOT\n\nA prison in El Salvador.\n",
}
SUMMARY_1 = "1 error(s), 0 warning(s)"
# What the tool writes for itself, never the editor's: the site, the cache, a build's staging folders.
OWN = ("_site", ".edition-cache", "._site.")


def tree(folder: Path) -> dict:
    """Every file under folder, as bytes (the output, or the editor's own files)."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def inputs(root: Path) -> dict:
    found = {}
    for name in ("content", "seeds", "theme"):
        found.update({f"{name}/{k}": v for k, v in tree(root / name).items()})
    if (root / "site.yaml").is_file():
        found["site.yaml"] = (root / "site.yaml").read_bytes()
    return found


def editors_files(root: Path) -> dict:
    """Every file in the folder around the project and in the project, but what the tool makes."""
    return {rel: data for rel, data in tree(root.parent).items()
            if not rel.startswith(tuple(f"{root.name}/{own}" for own in OWN))}


def put(rel, content):
    def change(root: Path):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return change


def remove(rel):
    return lambda root: (root / rel).unlink()


def both(*changes):
    def change(root: Path):
        for one in changes:
            one(root)
    return change


def front(*lines, body=BODY):
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n" + body


@dataclass
class Case:
    id: str
    breaks: object                  # root -> None
    messages: list                  # the exact lines the editor must see on stderr
    argv: tuple = ("build",)
    code: int = 1
    extra: list = field(default_factory=list)   # further setup before the first (good) build
    during: object = None           # (root, monkeypatch) -> None: the machine misbehaving while the command runs
    out: list = field(default_factory=list)     # lines it must print on stdout (or their start)


def run_case(case: Case, project, capsys, monkeypatch=None):
    """Build a good site, break it, run the command, and check all that a user notices."""
    root = project(GOOD)
    for setup in case.extra:
        setup(root)
    assert main(["--root", str(root), "build"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    site_before = tree(root / "_site")
    case.breaks(root)
    files_before = editors_files(root)
    if case.during is not None:
        case.during(root, monkeypatch)

    code = main(["--root", str(root), *(arg.replace("{root}", str(root)) for arg in case.argv)])

    if monkeypatch is not None:
        monkeypatch.undo()
    out, err = capsys.readouterr()
    expected = [m.replace("{outside}", str(root.parent.resolve())).replace("{root}", str(root.resolve()))
                for m in case.messages]
    lines = err.splitlines()
    for message in expected:
        assert message in lines, err
    # One message per problem: nothing else is reported (no knock-on errors).
    reported = [line for line in lines if ": error: " in line or ": warning: " in line]
    assert sorted(reported) == sorted(m for m in expected if ": error: " in m or ": warning: " in m), err
    for line in case.out:       # the line, or how it starts (the seconds it took vary)
        assert any(printed.startswith(line.replace("{root}", str(root.resolve()))) for printed in out.splitlines()), out
    assert code == case.code, err
    assert "Traceback" not in out + err
    assert tree(root / "_site") == site_before
    assert editors_files(root) == files_before


# --- the machine misbehaving while a command runs (a Case's `during`) -------------------------

def os_error(code: int) -> OSError:
    import errno
    import os
    return OSError(code, os.strerror(code)) if code != errno.ENOSPC else OSError(code, "No space left on device")


def site_writes_fail(code: int):
    """Every file of the site the build writes (the staging folder's) fails with errno `code`."""
    def during(root: Path, monkeypatch):
        def write_bytes(self, data):
            raise os_error(code)
        monkeypatch.setattr(Path, "write_bytes", write_bytes)
    return during


def file_writes_fail(code: int, where: str = ""):
    """A file the tool writes whole (files.write_atomic, ingest's content files) fails with errno
    `code` half way through, when its path holds `where`: a full disk takes half the bytes."""
    import builtins
    import os

    import edition.files
    real_open, real_fdopen = builtins.open, os.fdopen

    class Half:
        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise os_error(code)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def __getattr__(self, name):
            return getattr(self.handle, name)

    def during(root: Path, monkeypatch):
        def opener(file, mode="r", *args, **kwargs):
            handle = real_open(file, mode, *args, **kwargs)
            return Half(handle) if "w" in mode and where in str(file) else handle

        def fdopener(fd, mode="r", *args, **kwargs):
            handle = real_fdopen(fd, mode, *args, **kwargs)
            return Half(handle) if "w" in mode and where in os.readlink(f"/proc/self/fd/{fd}") else handle
        monkeypatch.setattr(edition.files, "open", opener, raising=False)
        monkeypatch.setattr(os, "fdopen", fdopener)
    return during


def reads_fail(code: int, rel: str):
    """Reading the file `rel` (of the project) fails with errno `code` (gone, or not readable: the tests
    run as root, where chmod 000 does not stop a read)."""
    def during(root: Path, monkeypatch):
        real = Path.read_bytes

        def read_bytes(self):
            if self.as_posix().endswith("/" + rel):
                raise OSError(code, __import__("os").strerror(code), str(self))
            return real(self)
        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return during

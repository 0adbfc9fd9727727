"""Fonts: the theme's text face, subset to the characters the edition uses, as WOFF2.

A theme ships its face in theme/<name>/fonts/ (the default theme: Literata, from the npm package
@fontsource/literata, under the SIL Open Font License, OFL.txt beside it), with fonts.json naming
the family, the licence file and each face (weight, style, its source files). The build keeps,
of each source file, only the glyphs of the characters its pages use (fontTools' subsetter,
WOFF2 through brotli), and writes static/fonts/: one file per face and source file that has any
of them, fonts.css with an @font-face rule for each (`font-display: swap` for the styles pages
preload, `optional` for bold italic; a unicode-range of what the file holds), and the licence. A theme without fonts/ gets none of this: system fonts.

Every page's characters are counted (characters()); printable ASCII and the usual typographic
marks are always kept, so words the script writes (and a search typed) show in the face too.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

FOLDER = "static/fonts"
CSS = f"{FOLDER}/fonts.css"
MANIFEST = "fonts.json"
ALWAYS = {chr(c) for c in range(0x20, 0x7F)} | set("“”‘’–—…·¶§©®°×€£ ")


def characters(html: bytes) -> str:
    """The characters beyond ASCII a page holds (ASCII is always kept), each once, sorted: its
    text's, and those of its attributes, a few more than it shows, found as its UTF-8 runs of
    bytes above 0x7F (the rest of the page is not even decoded)."""
    return "".join(sorted(set(html.translate(None, _ASCII).decode("utf-8", "replace"))))


_ASCII = bytes(range(0x80))


def face_folder(folders) -> Path | None:
    """The fonts/ folder of the first theme folder that has one (a theme overrides the default's)."""
    for folder in folders:
        if (folder / "fonts" / MANIFEST).is_file():
            return folder / "fonts"
    return None


def _manifest(folder: Path) -> dict:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def preloaded(folder: Path) -> list:
    """The site paths of the regular, italic and bold styles' first files (those that hold ASCII):
    every page fetches them at once, so the text is set in the face from the first paint, not set
    again when a file arrives."""
    manifest = _manifest(folder)
    styles = [f for f in manifest["faces"] if _preloaded(f)]
    return [f"{FOLDER}/{face['files'][0]}" for face in styles or manifest["faces"][:1]]


def _preloaded(face: dict) -> bool:
    """Regular, italic and bold: the styles of a page's text and titles (bold italic is rare)."""
    return face["weight"] == 400 or (face["style"] == "normal" and face["weight"] == 700)


def font_files(folder: Path | None, used: str) -> dict:
    """{site path: bytes}: the subset faces, fonts.css and the licence; {} without a face.
    Kept for the process by the face's bytes and the characters (serve, the tests)."""
    if folder is None:
        return {}
    faces = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        faces.update(path.name.encode() + b"\0" + path.read_bytes())
    key = (faces.hexdigest(), "".join(sorted(set(used) | ALWAYS)))
    if key not in _MADE:
        if len(_MADE) >= 8:
            _MADE.pop(next(iter(_MADE)))
        _MADE[key] = _subset(folder, key[1])
    return dict(_MADE[key])


_MADE: dict = {}    # (the face's files' hash, characters) -> the files made of them, this process


def _subset(folder: Path, used: str) -> tuple:
    from fontTools import subset     # loaded only when a theme has a face to subset

    manifest = _manifest(folder)
    wanted = {ord(c) for c in used}
    files, rules = {}, []
    for face in manifest["faces"]:
        taken: set = set()      # a character goes to the first of the face's files that has it
        for name in face["files"]:
            options = subset.Options()
            options.flavor = "woff2"
            options.hinting = False
            options.notdef_outline = True
            # kerning, ligatures and accents; not fractions, old-style figures or vertical metrics
            options.layout_features = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"]
            options.drop_tables += ["vhea", "vmtx"]
            font = subset.load_font(str(folder / name), options)
            covered = sorted((wanted - taken) & set(font.getBestCmap()))
            taken.update(covered)
            if not covered:
                continue
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=covered)
            subsetter.subset(font)
            out = io.BytesIO()
            subset.save_font(font, out, options)
            path = f"{FOLDER}/{name}"
            files[path] = out.getvalue()
            rules.append(font_face(manifest["family"], face, name, covered))
    licence = manifest.get("licence")
    if licence:
        files[f"{FOLDER}/{licence}"] = (folder / licence).read_bytes()
    files[CSS] = ("/* " + manifest.get("source", manifest["family"]) + "; subset to this "
                  "edition's characters by the build (edition/fonts.py). */\n" + "".join(rules)).encode("utf-8")
    return tuple(files.items())


def parts(folder: Path, css: bytes) -> list:
    """The files fonts.css names, and the licence: what a reused fonts.css comes with."""
    manifest = _manifest(folder)
    names = re.findall(r'url\("([^"]+)"\)', css.decode("utf-8"))
    return [f"{FOLDER}/{name}" for name in names + ([manifest["licence"]] if manifest.get("licence") else [])]


def font_face(family: str, face: dict, name: str, covered: list) -> str:
    # The styles the pages fetch at once (preloaded) swap in if late; bold italic is used if it
    # comes within a moment and else not on this page, so no line moves once it is shown.
    display = "swap" if _preloaded(face) else "optional"
    return (f"@font-face {{ font-family: \"{family}\"; font-style: {face['style']}; font-weight: {face['weight']}; "
            f"font-display: {display}; src: url(\"{name}\") format(\"woff2\"); unicode-range: {ranges(covered)}; }}\n")


def ranges(code_points: list) -> str:
    """U+20-7E, U+A0, … for sorted code points."""
    spans, start, last = [], None, None
    for point in code_points:
        if start is None:
            start = last = point
        elif point == last + 1:
            last = point
        else:
            spans.append((start, last))
            start = last = point
    if start is not None:
        spans.append((start, last))
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in spans)

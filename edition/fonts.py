"""Fonts: the theme's text face, subset to the characters the edition uses, as WOFF2.

A theme ships its face in theme/<name>/fonts/ (the default theme: Literata, from the npm package
@fontsource/literata, under the SIL Open Font License, OFL.txt beside it), with fonts.json naming
the family, the licence file and each face (weight, style, its source files). The build keeps,
of each source file, only the glyphs of the characters its pages use (fontTools' subsetter,
WOFF2 through brotli), and writes static/fonts/: one file per face and source file that has any
of them, fonts.css and the licence. A theme without fonts/ gets none of this: system fonts.

fonts.css, which every page links, holds an @font-face rule for each file (`font-display: swap`
for the regular, italic and bold styles, `optional` for bold italic; a unicode-range of what the
file holds) and, for each style, one for "<family> fallback": a system serif (fonts.json's
`fallback`, Times New Roman or its metric twin Liberation Serif) scaled to the face's width, with
the face's ascent and descent (size-adjust and the -override descriptors, fallback_rule()). Served,
the script sets the text in the fallback (class `face`) until the face has come (`face-ready`), so
the page paints at once and the face, when it takes over, keeps every line where it was. Opened
from disk neither class is set and no font file is asked for.

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


def characters_of_blocks(found: set, decoder, block: bytes, final: bool = False) -> None:
    """characters() of a page that comes a block at a time (pagescan.py): each block's bytes above
    0x7F into found, through one incremental UTF-8 decoder (a character may straddle two blocks)."""
    found.update(decoder.decode(block.translate(None, _ASCII), final))


_ASCII = bytes(range(0x80))


def face_folder(folders) -> Path | None:
    """The fonts/ folder of the first theme folder that has one (a theme overrides the default's)."""
    for folder in folders:
        if (folder / "fonts" / MANIFEST).is_file():
            return folder / "fonts"
    return None


def _manifest(folder: Path) -> dict:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def _swapped(face: dict) -> bool:
    """Regular, italic and bold: the styles of a page's text and titles, which the script fetches
    once the page has painted (bold italic is rare: fetched only where a page uses it)."""
    return face["weight"] == 400 or (face["style"] == "normal" and face["weight"] == 700)


# The text the fallback's width is matched on: prose with the capitals, figures and marks of an
# edition's texts. Its mean advance in the face and in the fallback (fonts.json, measured with
# mean_width() on Liberation Serif) gives size-adjust, so a line holds as much in either.
SAMPLE = ("On 3 February 2025 the minister said the plan, agreed in principle by both governments, would be "
          "reviewed in March. “It is a fair offer,” she told reporters in the capital; critics replied that the "
          "costs, some $20 million a year, had not been published. The agency’s report (pages 14–17) lists 40,000 "
          "places, of which about a third are in use. Neither side would say when the first transfers might "
          "begin, or who would pay for them.")


def mean_width(font, text: str = SAMPLE) -> float:
    """The mean advance of `text`'s characters in a fontTools font, in ems, kerning included
    (the pairs of the GPOS `kern` feature, as a browser sets them)."""
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    glyphs = [cmap[ord(c)] for c in text if ord(c) in cmap]
    kerns = _pair_kerning(font)
    total = sum(metrics[g][0] for g in glyphs) + sum(kerns(a, b) for a, b in zip(glyphs, glyphs[1:]))
    return total / len(glyphs) / font["head"].unitsPerEm


def _pair_kerning(font):
    """(left glyph, right glyph) -> the x advance the font's `kern` pair lookups add (formats 1 and 2)."""
    tables = []
    if "GPOS" in font:
        gpos = font["GPOS"].table
        indices = {i for record in gpos.FeatureList.FeatureRecord if record.FeatureTag == "kern"
                   for i in record.Feature.LookupListIndex}
        for i in sorted(indices):
            lookup = gpos.LookupList.Lookup[i]
            tables += [t.ExtSubTable if lookup.LookupType == 9 else t for t in lookup.SubTable]
    tables = [t for t in tables if getattr(t, "LookupType", 2) == 2 and t.Format in (1, 2)]

    def kern(left: str, right: str) -> int:
        for table in tables:
            covered = table.Coverage.glyphs
            if left not in covered:
                continue
            if table.Format == 1:
                pairs = table.PairSet[covered.index(left)].PairValueRecord
                value = next((p.Value1 for p in pairs if p.SecondGlyph == right), None)
            else:
                record = table.Class1Record[table.ClassDef1.classDefs.get(left, 0)]
                value = record.Class2Record[table.ClassDef2.classDefs.get(right, 0)].Value1
            advance = getattr(value, "XAdvance", 0) or 0
            if advance:
                return advance
        return 0
    return kern


def vertical_metrics(font) -> tuple:
    """(ascent, descent, line gap) in ems, as browsers read them: the OS/2 typo metrics when the
    font says to use them (USE_TYPO_METRICS), else hhea's."""
    os2, upm = font["OS/2"], font["head"].unitsPerEm
    if os2.fsSelection & (1 << 7):
        values = os2.sTypoAscender, -os2.sTypoDescender, os2.sTypoLineGap
    else:
        values = font["hhea"].ascent, -font["hhea"].descent, font["hhea"].lineGap
    return tuple(v / upm for v in values)


def fallback_rule(family: str, face: dict, font, fallback: dict) -> str:
    """The @font-face rule of `family` fallback for one style: the fallback's local faces scaled so
    that the sample is as wide as in the face (`font`), with the face's ascent, descent and gap
    (the overrides are of the scaled font, hence divided by the scale)."""
    scale = mean_width(font) / fallback["width"]
    ascent, descent, gap = (value / scale for value in vertical_metrics(font))
    src = ", ".join(f'local("{name}")' for name in fallback["local"])
    return (f"@font-face {{ font-family: \"{family} fallback\"; font-style: {face['style']}; "
            f"font-weight: {face['weight']}; src: {src}; size-adjust: {scale:.2%}; ascent-override: "
            f"{ascent:.2%}; descent-override: {descent:.2%}; line-gap-override: {gap:.2%}; }}\n")


def fallback_faces(manifest: dict) -> dict:
    """{(weight, style): the fallback's entry} from fonts.json's `fallback`."""
    return {(f["weight"], f["style"]): f for f in manifest.get("fallback", {}).get("faces", [])}


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
    family, fallbacks = manifest["family"], fallback_faces(manifest)
    files, rules, scaled = {}, [], []
    for face in manifest["faces"]:
        taken: set = set()      # a character goes to the first of the face's files that has it
        for number, name in enumerate(face["files"]):
            options = subset.Options()
            options.flavor = "woff2"
            options.hinting = False
            options.notdef_outline = True
            # kerning, ligatures and accents; not fractions, old-style figures or vertical metrics
            options.layout_features = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"]
            options.drop_tables += ["vhea", "vmtx"]
            font = subset.load_font(str(folder / name), options)
            if number == 0 and (face["weight"], face["style"]) in fallbacks:
                scaled.append(fallback_rule(family, face, font, fallbacks[face["weight"], face["style"]]))
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
            rules.append(font_face(family, face, name, covered))
    licence = manifest.get("licence")
    if licence:
        files[f"{FOLDER}/{licence}"] = (folder / licence).read_bytes()
    # the theme's stylesheet puts var(--face,) before its serif faces
    fallback = f' "{family} fallback",' if scaled else ""
    classes = f':root.face {{ --face:{fallback}; }}\n:root.face-ready {{ --face: "{family}",{fallback}; }}\n'
    files[CSS] = ("/* " + manifest.get("source", family) + "; subset to this edition's characters by the "
                  "build, with a system serif scaled to it (edition/fonts.py). */\n"
                  + "".join(scaled + rules) + classes).encode("utf-8")
    return tuple(files.items())


def parts(folder: Path, css: bytes) -> list:
    """The files fonts.css names, and the licence: what a reused fonts.css comes with."""
    manifest = _manifest(folder)
    names = re.findall(r'url\("([^"]+)"\)', css.decode("utf-8"))
    return [f"{FOLDER}/{name}" for name in names + ([manifest["licence"]] if manifest.get("licence") else [])]


def font_face(family: str, face: dict, name: str, covered: list) -> str:
    # The styles the script fetches once the page has painted swap in (over the scaled fallback);
    # bold italic is used if it comes within a moment and else not on this page.
    display = "swap" if _swapped(face) else "optional"
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

"""A synthetic edition for benchmarks: N texts, their stand-off notes, a glossary, and a Hugo copy.

Standard library only and driven by one `random.Random(seed)` per stream, so the same
arguments give byte-identical files on any machine (tests/test_bench_corpus.py checks this).

    python bench/corpus.py --n 1000 --out /tmp/corpus [--terms 3000]

    python bench/corpus.py --book 100000 --out /tmp/book [--chapters 25]

Writes OUT/content/{texts,notes}/text-NNNN.md and OUT/content/glossary.md (the edition's own
formats, see docs/formats.md) and OUT/hugo/ (the same texts with each note as an inline `[^n]`
footnote, plus a minimal Hugo site). Theme and site.yaml are not written: the runner adds them.
"""
from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

SEED = 20250220
WORDS_PER_TEXT = 1100
TERM_HITS_PER_TEXT = 37

# Disjoint alphabets for ordinary words and glossary names, so no ordinary word can ever be
# matched as a term by accident and every term hit is one the generator placed.
WORD_ONSETS = "b c d f g h l m n p r s t v w".split() + ["st", "pr", "tr", "ch", "sh"]
WORD_VOWELS = ["a", "e", "i", "o", "u", "ea", "ou"]
NAME_ONSETS = ["k", "z", "x", "j", "kr", "zh", "y"]
NAME_VOWELS = ["aa", "y", "oe", "ui", "ae"]


def vocabulary(seed: int) -> list:
    if seed not in _VOCABULARY:
        _VOCABULARY[seed] = make_words(random.Random(seed), 3000, WORD_ONSETS, WORD_VOWELS)
    return _VOCABULARY[seed]


_VOCABULARY: dict = {}


def make_words(rng: random.Random, count: int, onsets, vowels, ends=("", "n", "r", "l", "s")) -> list:
    seen, words = set(), []
    while len(words) < count:
        word = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randrange(1, 4)))
        word += rng.choice(ends)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def make_glossary(n_terms: int, seed: int = SEED) -> list:
    """[(term, [aliases], definition)]; names are unique case-folded across the whole glossary."""
    rng = random.Random(seed + 1)
    pool = make_words(rng, n_terms * 3 + 50, NAME_ONSETS, NAME_VOWELS)
    words = vocabulary(seed)
    names, entries, taken = iter(pool), [], set()
    for index in range(n_terms):
        first, second = next(names).capitalize(), next(names).capitalize()
        shape = rng.random()
        if shape < 0.4:
            term, aliases = f"{first} {second}", [second]
        elif shape < 0.7:
            term, aliases = f"{first} de {second}", [f"{first} {second}"]
        elif shape < 0.9:
            term, aliases = first, [next(names)]      # a lower-case alias: matches in any case
        else:
            term, aliases = f"{first} {second}", []
        names_here = [term, *aliases]
        if any(n.casefold() in taken for n in names_here):
            term, aliases = f"{first} {second} {index}", []
            names_here = [term]
        taken.update(n.casefold() for n in names_here)
        definition = sentence(rng, words, rng.randrange(25, 60)) + " " + sentence(rng, words, 12)
        entries.append((term, aliases, definition))
    return entries


def sentence(rng: random.Random, words: list, length: int) -> str:
    picked = [zipf(rng, words) for _ in range(length)]
    return " ".join(picked).capitalize() + "."


def zipf(rng: random.Random, words: list) -> str:
    return words[int(len(words) * rng.random() ** 2)]


# --- texts --------------------------------------------------------------------------------
# A paragraph is a list of tokens (markdown, visible); anchors are chosen among plain tokens.

def paragraph_tokens(rng, words, names, length: int, hit_rate: float) -> list:
    tokens, in_sentence = [], 0
    while len(tokens) < length:
        if rng.random() < hit_rate:
            name = names[int(rng.random() * len(names))]
            tokens.append((name, name, False))
        else:
            word = zipf(rng, words)
            if in_sentence == 0:
                word = word.capitalize()
            roll = rng.random()
            if roll < 0.015:
                tokens.append((f"*{word}*", word, False))
            elif roll < 0.02:
                tokens.append((f"[{word}](https://example.org/{word})", word, False))
            elif roll < 0.025:
                tokens.append((f"“{word}”", f"“{word}”", True))
            else:
                tokens.append((word, word, True))
        in_sentence += 1
        if in_sentence > 7 and rng.random() < 0.12:
            markdown, visible, plain = tokens[-1]
            tokens[-1] = (markdown + ".", visible + ".", plain)
            in_sentence = 0
        elif rng.random() < 0.05 and not tokens[-1][1].endswith("."):
            markdown, visible, plain = tokens[-1]
            tokens[-1] = (markdown + ",", visible + ",", plain)
    markdown, visible, plain = tokens[-1]
    if not visible.endswith("."):
        tokens[-1] = (markdown.rstrip(",") + ".", visible.rstrip(",") + ".", plain)
    return tokens


def make_text(index: int, n_texts: int, glossary_names: list, seed: int):
    """Return (blocks, anchors): blocks are ("p"|"quote"|"list"|"h2", tokens or [tokens])."""
    rng = random.Random(seed * 1000003 + index)
    words = vocabulary(seed)
    hit_rate = TERM_HITS_PER_TEXT / 1000   # some hits merge or fall in headings: this gives ~37
    rich = rng.random() < 0.5
    blocks, count = [], 0
    while count < WORDS_PER_TEXT - 70:      # the last block overshoots by about that much
        roll = rng.random()
        if rich and blocks and roll < 0.06:
            blocks.append(("h2", paragraph_tokens(rng, words, glossary_names, rng.randrange(2, 6), 0.0)))
        elif rich and blocks and roll < 0.12:
            tokens = paragraph_tokens(rng, words, glossary_names, rng.randrange(30, 70), hit_rate)
            blocks.append(("quote", tokens))
            count += len(tokens)
        elif rich and blocks and roll < 0.18:
            items = [paragraph_tokens(rng, words, glossary_names, rng.randrange(6, 18), hit_rate)
                     for _ in range(rng.randrange(3, 6))]
            blocks.append(("list", items))
            count += sum(map(len, items))
        else:
            tokens = paragraph_tokens(rng, words, glossary_names, rng.randrange(40, 121), hit_rate)
            blocks.append(("p", tokens))
            count += len(tokens)
    anchors = choose_anchors(rng, blocks, rng.randrange(15, 26))
    return blocks, anchors


def visible_of(blocks) -> str:
    """The text as the build sees it: one string, blocks joined by a character no quote contains."""
    parts = []
    for kind, tokens in blocks:
        if kind == "chapter":
            parts.append(f"Chapter {tokens}")
            continue
        for item in (tokens if kind == "list" else [tokens]):
            parts.append(" ".join(visible for _, visible, _ in item))
    return "\x00".join(parts)


def choose_anchors(rng, blocks, wanted: int) -> list:
    """[(block, first token, last token)]: phrases of plain words that occur exactly once."""
    visible = visible_of(blocks)
    paragraphs = [i for i, (kind, _) in enumerate(blocks) if kind == "p"]
    anchors, used, ids, tries = [], set(), set(), 0
    while len(anchors) < wanted and tries < wanted * 50:
        tries += 1
        block = rng.choice(paragraphs)
        tokens = blocks[block][1]
        length = rng.randrange(2, 7)
        start = rng.randrange(0, len(tokens) - length)
        span = range(start - 1, start + length + 1)   # a word's gap on each side: no two touch
        if any((block, t) in used for t in span) or not all(tokens[t][2] for t in range(start, start + length)):
            continue
        quote = " ".join(tokens[t][1] for t in range(start, start + length))
        pattern = r"\s+".join(re.escape(word) for word in quote.split())
        note_id = "-".join(re.findall(r"[a-z0-9]+", quote.lower())[:5])
        if len(re.findall(pattern, visible)) != 1 or note_id in ids:
            continue
        ids.add(note_id)
        used.update((block, t) for t in span)
        anchors.append((block, start, start + length - 1))
    return anchors


def note_body(rng, words, index: int, number: int, n_texts: int) -> tuple:
    """(first paragraph, source line) of a note, in Markdown."""
    body = sentence(rng, words, rng.randrange(30, 70)).split(" ")
    if rng.random() < 0.3:
        body[2] = f"*{body[2]}*"
    body = " ".join(body)
    if rng.random() < 0.2 and n_texts > 1:
        other = slug((index + 1) % n_texts)
        body += f" Compare [the other text]({other}.html#p1)."
    source = f"Source: [Report {index}-{number}](https://example.org/reports/{index}/{number}) (Example Press)"
    return body, source


def slug(index: int) -> str:
    return f"text-{index:04d}"


def render_text(index, n_texts, blocks, anchors, seed, footnotes: bool):
    """The body as Markdown; with footnotes=True each note follows its anchor as `[^n]`."""
    rng = random.Random(seed * 7919 + index)
    words = vocabulary(seed)
    ordered = sorted(anchors)
    ends = {(block, last): number for number, (block, _, last) in enumerate(ordered, 1)}
    bodies = [note_body(rng, words, index, number, n_texts) for number in range(1, len(ordered) + 1)]
    out = []
    for block_index, (kind, tokens) in enumerate(blocks):
        def line(item, block=block_index):
            parts = []
            for t, (markdown, _, _) in enumerate(item):
                number = ends.get((block, t)) if footnotes else None
                parts.append(markdown + (f"[^{number}]" if number else ""))
            return " ".join(parts)
        if kind == "h2":
            out.append("## " + " ".join(v.strip(".,“”") for _, v, _ in tokens).capitalize())
        elif kind == "chapter":
            out.append(f"## Chapter {tokens}")
        elif kind == "quote":
            out.append("> " + line(tokens))
        elif kind == "list":
            out.append("\n".join("- " + line(item) for item in tokens))
        else:
            out.append(line(tokens))
    if footnotes:
        out += [f"[^{n}]: {body}\n\n    {source}" for n, (body, source) in enumerate(bodies, 1)]
    notes = []
    for number, ((block, start, last), (body, source)) in enumerate(zip(ordered, bodies), 1):
        quote = " ".join(v for _, v, _ in blocks[block][1][start:last + 1])
        notes.append((quote, body, source, note_date(index, number)))
    return "\n\n".join(out) + "\n", notes


def note_date(index: int, number: int) -> str:
    """One note in ten is dated (what it tells happened then): the timeline page is in the build."""
    return f"{2015 + (index + number) % 10}-{number % 12 + 1:02d}" if (index + number) % 10 == 0 else ""


def front_matter(index: int, hugo: bool) -> str:
    day = f"2025-{index % 12 + 1:02d}-{index % 28 + 1:02d}"
    lines = [f'title: "Text number {index}"', f"date: {day}", 'byline: "A. Writer"']
    if not hugo:
        lines.append('publisher: "Example Press"')
    return "---\n" + "\n".join(lines) + "\n---\n"


def notes_file(notes, rng: random.Random) -> str:
    order = list(range(len(notes)))
    rng.shuffle(order)      # file order is not reading order: the build numbers by position
    return "\n".join(f"## {notes[i][0]}\n" + (f"date: {notes[i][3]}\n" if notes[i][3] else "")
                     + f"\n{notes[i][1]}\n\n{notes[i][2]}\n" for i in order)


def glossary_file(entries) -> str:
    parts = []
    for term, aliases, definition in entries:
        head = f"## {term}\n" + (f"aliases: {'; '.join(aliases)}\n" if aliases else "")
        parts.append(f"{head}\n{definition}\n")
    return "\n".join(parts)


HUGO_CONFIG = """baseURL = "http://example.org/"
title = "Benchmark edition"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = false
"""
HUGO_SINGLE = "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n"
HUGO_LIST = "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ end }}</body></html>\n"


def write_corpus(out: Path, n_texts: int, n_terms: int = 300, seed: int = SEED) -> None:
    glossary = make_glossary(n_terms, seed)
    names = [name for term, aliases, _ in glossary for name in [term, *aliases]]
    texts, notes_dir = out / "content" / "texts", out / "content" / "notes"
    hugo = out / "hugo"
    for folder in (texts, notes_dir, hugo / "content" / "texts", hugo / "layouts" / "_default"):
        folder.mkdir(parents=True, exist_ok=True)
    for index in range(n_texts):
        blocks, anchors = make_text(index, n_texts, names, seed)
        body, notes = render_text(index, n_texts, blocks, anchors, seed, footnotes=False)
        footnoted, _ = render_text(index, n_texts, blocks, anchors, seed, footnotes=True)
        _write(texts / f"{slug(index)}.md", front_matter(index, hugo=False) + body)
        _write(notes_dir / f"{slug(index)}.md", notes_file(notes, random.Random(seed + index)))
        _write(hugo / "content" / "texts" / f"{slug(index)}.md", front_matter(index, hugo=True) + footnoted)
    _write(out / "content" / "glossary.md", glossary_file(glossary))
    _write(hugo / "content" / "glossary.md", '---\ntitle: "Glossary"\n---\n' + glossary_file(glossary))
    _write(hugo / "config.toml", HUGO_CONFIG)
    _write(hugo / "layouts" / "_default" / "single.html", HUGO_SINGLE)
    _write(hugo / "layouts" / "_default" / "list.html", HUGO_LIST)
    _write(hugo / "layouts" / "index.html", HUGO_LIST)


# --- one long book, split into chapters ------------------------------------------------------

def make_book(words_wanted: int, chapters: int, glossary_names: list, seed: int = SEED):
    """(blocks, anchors) of a book of about `words_wanted` words in `chapters` chapters, a
    note about every 500 words."""
    rng = random.Random(seed * 31 + words_wanted)
    words = vocabulary(seed)
    hit_rate = TERM_HITS_PER_TEXT / 1000
    per_chapter = words_wanted // chapters
    blocks = []
    for number in range(1, chapters + 1):
        blocks.append(("chapter", number))
        count = 0
        while count < per_chapter - 70:
            tokens = paragraph_tokens(rng, words, glossary_names, rng.randrange(40, 121), hit_rate)
            blocks.append(("p", tokens))
            count += len(tokens)
    anchors = choose_anchors(rng, blocks, words_wanted // 500)
    return blocks, anchors


def write_book(out: Path, words: int = 100_000, chapters: int = 25, n_terms: int = 300, seed: int = SEED) -> None:
    """OUT/content/texts/book.md (`split: chapters`), its notes and the glossary."""
    glossary = make_glossary(n_terms, seed)
    names = [name for term, aliases, _ in glossary for name in [term, *aliases]]
    blocks, anchors = make_book(words, chapters, names, seed)
    body, notes = render_text(1, 1, blocks, anchors, seed, footnotes=False)
    for folder in (out / "content" / "texts", out / "content" / "notes"):
        folder.mkdir(parents=True, exist_ok=True)
    head = '---\ntitle: "A long book"\nbyline: "A. Writer"\ndate: 1900\nsplit: chapters\n---\n'
    _write(out / "content" / "texts" / "book.md", head + body)
    _write(out / "content" / "notes" / "book.md", notes_file(notes, random.Random(seed)))
    _write(out / "content" / "glossary.md", glossary_file(glossary))


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))   # bytes, so no platform newline translation


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of texts (default 1000)")
    parser.add_argument("--terms", type=int, default=300, help="glossary size (default 300)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--book", type=int, metavar="WORDS",
                        help="instead: one book of WORDS words in chapters (`split: chapters`)")
    parser.add_argument("--chapters", type=int, default=25, help="chapters of the --book (default 25)")
    args = parser.parse_args(argv)
    if args.book:
        write_book(args.out, args.book, args.chapters, args.terms, args.seed)
    else:
        write_corpus(args.out, args.n, args.terms, args.seed)


if __name__ == "__main__":
    main()

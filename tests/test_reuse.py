"""reuse.py: what a build takes from earlier work, decided by hashes of what goes in."""
from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from edition.model import PageIds, RenderedText
from edition.memorystore import Memory, MemoryStore
from edition.reuse import DiskStore, digest, digest_all
from edition.unchanged import inputs_fingerprint, last_build

from conftest import text_file, write_project


@dataclasses.dataclass
class Job:
    path: str
    key: str


def page(path: str, html: bytes = b"<p id=\"p1\">x</p>") -> RenderedText:
    return RenderedText(path, html, {"title": path}, {}, {}, [], PageIds({"p1"}), [])


def test_digests_keep_their_parts_apart():
    assert digest("ab", "c") != digest("a", "bc")


LARGE = st.builds(lambda size, byte: bytes([byte]) * size, st.integers(300_000, 600_000), st.integers(0, 255))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=40), st.binary(max_size=40), LARGE), max_size=12))
def test_parts_hashed_a_batch_at_a_time_hash_as_each_part_and_its_nul_in_turn(parts):
    plain = hashlib.sha256()
    for part in parts:
        plain.update((part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part) + b"\0")
    assert digest_all(iter(parts)) == digest(*parts) == plain.hexdigest()


def test_a_saved_page_is_found_again_by_its_key_and_not_by_another(tmp_path):
    out = tmp_path / "_site"
    out.mkdir()
    first = DiskStore(tmp_path, out)
    [(_, made)] = list(first.texts_for([Job("a.html", "k1")], lambda job: page(job.path)))
    (out / "a.html").write_bytes(made.html)
    first.save(["a.html"], [], "")
    again = DiskStore(tmp_path, out)
    assert next(again.texts_for([Job("a.html", "k1")], lambda job: 1 / 0))[1].html == made.html
    assert again.made == []
    changed = DiskStore(tmp_path, out)
    assert list(changed.texts_for([Job("a.html", "k2")], lambda job: page(job.path, b"new")))[0][1].html == b"new"
    assert changed.made == ["a.html"]


def test_a_page_edited_by_hand_in_the_output_is_made_again(tmp_path):
    out = tmp_path / "_site"
    out.mkdir()
    store = DiskStore(tmp_path, out)
    data, _ = store.page("index.html", "k", lambda: (b"the index", []))
    (out / "index.html").write_bytes(data)
    store.save(["index.html"], [], "")
    (out / "index.html").write_bytes(b"broken by hand")
    again = DiskStore(tmp_path, out)
    assert again.page("index.html", "k", lambda: (b"the index", []))[0] == b"the index"
    assert again.made == ["index.html"]


def test_a_manifest_entry_of_another_shape_makes_only_that_page_again(tmp_path):
    """The store keeps the manifest's {key, sha256} records as pairs, made as it is parsed: one
    of any other shape is not a record, and only its page is made again."""
    import json
    out = tmp_path / "_site"
    out.mkdir()
    store = DiskStore(tmp_path, out)
    for name in ("a.html", "b.html", "c.html"):
        data, _ = store.page(name, "k", lambda name=name: (name.encode(), []))
        (out / name).write_bytes(data)
    store.save(["a.html", "b.html", "c.html"], [], "")
    manifest = tmp_path / ".edition-cache" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["pages"]["b.html"] = {"key": "k"}                        # its sha256 gone
    data["pages"]["c.html"] = dict(data["pages"]["c.html"], size=3)  # a field more
    manifest.write_text(json.dumps(data), encoding="utf-8")
    again = DiskStore(tmp_path, out)
    for name in ("a.html", "b.html", "c.html"):
        assert again.page(name, "k", lambda name=name: (name.encode(), []))[0] == name.encode()
    assert again.made == ["b.html", "c.html"]


def test_a_cache_that_cannot_be_read_is_ignored(tmp_path):
    (tmp_path / ".edition-cache").mkdir()
    for name in ("manifest.json", "texts.pickle", "last-build.json"):
        (tmp_path / ".edition-cache" / name).write_bytes(b"\x80\x04 not what was written")
    store = DiskStore(tmp_path, tmp_path / "_site")
    assert list(store.texts_for([Job("a.html", "k")], lambda job: page(job.path)))[0][1].path == "a.html"
    assert last_build(tmp_path, "anything") is None


def test_serve_s_store_reads_an_unchanged_file_once(tmp_path):
    root = write_project(tmp_path / "p", {"content/texts/a.md": text_file("A", "One.\n")})
    memory, parsed = Memory(), []

    def parse(source, problems):
        parsed.append(source)
        return source
    for _ in range(2):
        store = MemoryStore(root, root / "_site", memory)
        assert store.read(root / "content/texts/a.md", "content/texts/a.md", parse, []).endswith("One.\n")
    assert len(parsed) == 1


def test_serve_s_store_looks_only_at_what_the_watchers_saw_change(tmp_path):
    root = write_project(tmp_path / "p", {"content/texts/a.md": text_file("A", "One.\n")})
    memory, rel = Memory(), "content/texts/a.md"

    def read(changed):
        store = MemoryStore(root, root / "_site", memory, changed=changed)
        return store.read(root / rel, rel, lambda source, problems: source, []), store.listed(root, "content/texts").files
    assert read(None) == (text_file("A", "One.\n"), ("a.md",))
    (root / rel).write_text(text_file("A", "Two.\n"), encoding="utf-8")
    (root / "content/texts/b.md").write_text(text_file("B", "Three.\n"), encoding="utf-8")
    # not seen to change: neither the file nor its folder is looked at
    assert read(set()) == (text_file("A", "One.\n"), ("a.md",))
    assert read({"content/notes/a.md"}) == (text_file("A", "One.\n"), ("a.md",))
    assert read({rel}) == (text_file("A", "Two.\n"), ("a.md",))    # saved again: the folder lists the same
    assert read({"content/texts/b.md"})[1] == ("a.md", "b.md")
    (root / "content/texts/b.md").unlink()
    (root / "content/texts/b.md").mkdir()
    assert read({"content/texts/b.md"})[1] == ("a.md",)     # a folder named like a text is no text
    (root / "content/texts/b.md").rmdir()
    assert read({"content/texts/b.md"})[1] == ("a.md",)
    (root / rel).write_text(text_file("A", "Four.\n"), encoding="utf-8")
    assert read({"content"})[0] == text_file("A", "Four.\n")     # a folder above it: anything in it
    (root / rel).write_text(text_file("A", "Five.\n"), encoding="utf-8")
    assert read(None)[0] == text_file("A", "Five.\n")     # no list: everything is looked at


def test_the_fingerprint_changes_with_any_input_and_the_settings(tmp_path):
    root = write_project(tmp_path / "p", {"content/texts/a.md": text_file("A", "One.\n")})
    before = inputs_fingerprint(root, "settings")
    assert inputs_fingerprint(root, "settings") == before
    assert inputs_fingerprint(root, "other settings") != before
    (root / "content/texts/a.md").write_text(text_file("A", "Two.\n"))
    assert inputs_fingerprint(root, "settings") != before


def test_the_last_build_s_texts_are_read_one_at_a_time_and_a_damaged_one_costs_only_itself(tmp_path):
    """texts.pickle is written as the build goes and read a record at a time (nothing holds every
    text's data: at 10,000 texts that was 170 MB, twice over while it was pickled whole)."""
    out = tmp_path / "_site"
    out.mkdir()
    first = DiskStore(tmp_path, out)
    jobs = [Job("a.html", "ka"), Job("b.html", "kb")]
    for _, made in first.texts_for(jobs, lambda job: page(job.path)):
        (out / made.path).write_bytes(made.html)
    first.save(["a.html", "b.html"], [], "")
    records = tmp_path / ".edition-cache/texts.pickle"
    data = bytearray(records.read_bytes())
    at = first.texts["ka"]
    data[at:at + 8] = b"\xff" * 8
    records.write_bytes(bytes(data))
    again = DiskStore(tmp_path, out)
    made = [found.path for _, found in again.texts_for(jobs, lambda job: page(job.path))]
    assert made == ["a.html", "b.html"] and again.made == ["a.html"]


PAGES = ["a.html", "b.html", "c.html", "c-2.html", "media/map.png"]
HREFS = ["a.html", "a.html#p1", "b.html#p2", "#p1", "#note-x", "c.html#p2", "c-2.html#p1", "cc.html", "d.html#p1",
         "media/map.png", "media/mapp.png", "/a.html", "", "htp://x", "https://example.org"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["ids", "ids, no check", "links", "paths"]), st.integers(0, 3),
                          st.sets(st.sampled_from(["p1", "p2", "note-x"])),
                          st.lists(st.sampled_from(HREFS), max_size=4)), min_size=1, max_size=8))
@example([("links", 0, set(), ["b.html#p2"]), ("ids, no check", 1, {"p2"}, []), ("links", 2, set(), [])])
def test_serve_s_link_check_finds_what_a_whole_check_finds(steps):
    # serve checks again only the groups whose links, or the ids of the pages they looked into,
    # changed (or all, when the site's paths did): the same problems as checking every link. A
    # page's ids change only when it is made afresh (store.made), maybe by a build that ended
    # before its link check.
    from edition.linkcheck import check_links
    ids = {page: PageIds({"p1"}) for page in PAGES}
    paths = set(PAGES)
    groups = {("text", page): [] for page in PAGES[:4]}
    memory = Memory()
    for what, which, names, hrefs in steps:
        page = PAGES[which]
        store = MemoryStore(Path("/nowhere"), Path("/nowhere/_site"), memory)
        if what.startswith("ids"):
            ids[page] = PageIds(names)
            store.made.append(page)
            if what == "ids, no check":
                continue
        elif what == "links":
            groups[("text", page)] = [(href, f"content/texts/{which}.md", line, page) for line, href in enumerate(hrefs)]
        else:
            paths = paths ^ {page}
        siblings = lambda path: ("c.html", "c-2.html") if path.startswith("c") else ()  # noqa: E731
        found = store.checked_links(list(groups.items()), set(paths), ids.__getitem__, siblings, check_links)
        whole = check_links([link for links in groups.values() for link in links], set(paths), ids.__getitem__, siblings)
        assert sorted(map(str, found)) == sorted(map(str, whole))


def test_the_manifest_written_in_pieces_is_the_one_json_writes_whole():
    """reuse writes manifest.json a thousand pages at a time (at 60,000 files, whole, its dicts
    and text were 33 MB at the build's end): the bytes json.dumps gives."""
    import io
    import json
    from edition.reuse import _write_manifest
    for count in (0, 1, 999, 1000, 2501):
        pages = [(f"p{n:05}.html", {"key": f"key{n % 7}", "sha256": f"{n:064x}"}) for n in range(count)]
        out = io.BytesIO()
        _write_manifest(out, "code", iter(pages))
        assert out.getvalue() == json.dumps({"code": "code", "pages": dict(pages)}, indent=1, sort_keys=True).encode()

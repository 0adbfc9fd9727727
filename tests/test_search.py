"""The search index (edition/search.py): words as readers type them, the compact postings, the
shards, and the files a build writes; tests/browser/test_search.py runs them in Chromium."""
from __future__ import annotations

import json
import re

from conftest import build_files, text_file
from edition import search
from edition.search import Terms


def data_of(script: bytes):
    """The data a search script hands to the loader: EditionSearch.name(data);"""
    name, body = re.match(r"EditionSearch\.(\w+)\((.*)\);\n\Z", script.decode("utf-8"), re.S).groups()
    return name, json.loads(body)


def test_case_and_accents_fold_the_way_readers_type():
    terms = Terms(["en", "es"])
    assert terms.of("Cártel") == terms.of("cartel") == ["cartel"]
    assert terms.of("BUKELE’s") == terms.of("bukele") == ["bukele"]     # a letter alone is left out
    assert terms.of("Ñandú São Zürich") == ["nandu", "sao", "zurich"]


def test_simple_plurals_fold_in_each_language():
    assert Terms(["en"]).of("cartels prisons cities boxes status bus") == [
        "cartel", "prison", "city", "box", "status", "bus"]
    assert Terms(["es"]).of("carteles ciudades luces casas") == ["cartel", "ciudad", "luz", "casa"]
    assert Terms(["fr"]).of("journaux bureaux prisons") == ["journal", "bureau", "prison"]
    assert Terms(["de"]).of("Kartelle Gefängnisse Häuser") == Terms(["de"]).of("Kartell Gefängnis Haus")


def test_stop_words_are_left_out_and_the_rules_travel_with_the_index():
    terms = Terms(["en"])
    assert terms.of("The state of the prison") == ["state", "prison"]
    settings = terms.settings()
    assert "the" in settings["stop"] and ["([^su])s$", "$1"] in settings["plurals"]


def test_the_languages_are_the_site_s_and_the_texts_with_rules():
    assert search.languages("en", ["es-MX", "", "xx", "en"]) == ["en", "es"]
    assert search.languages("xx", []) == ["en"]


def test_numbers_round_trip_through_the_compact_encoding():
    values = [0, 1, 45, 46, 47, 2161, 2162, 100_000, 7]
    assert search.decode_numbers(search._numbers(values)) == values
    assert len(search._numbers([45])) == 1 and len(search._numbers([2161])) == 2
    assert not set(search._numbers(range(5000))) & set(' "\\')


def test_postings_name_each_document_and_its_count():
    terms = Terms(["en"])
    texts = [("a", "A", search.text_terms([["top", "a.html", 0, "A"], ["p", "a.html#p1", 1, "harbour harbour bridge"]],
                                          terms)),
             ("b", "B", search.text_terms([["top", "b.html", 0, "B"], ["note", "b.html#note-n", 1, 1, "the bridge"]],
                                          terms))]
    files = search.index_files(texts, [{"id": "toll", "term": "Toll", "aliases": ["fee"], "text": "A charge."}], terms)
    name, shard = data_of(files["search/s.js"])
    postings = dict(zip(shard[1].split(" "), shard[2].split(" ")))
    # documents: a body 0, a notes 1, b body 2, b notes 3, the glossary entry 4
    bridge = search.decode_numbers(postings["bridge"])
    assert [value >> 1 for value in bridge] == [0, 3 - 0]          # gaps: document 0, then 3
    harbour = search.decode_numbers(postings["harbour"])
    assert harbour == [0 * 2 + 1, 2 - 2]                            # document 0, with a count of 2
    assert search.decode_numbers(postings["fee"]) == [4 * 2]
    _, index = data_of(files["search/index.js"])
    assert index["texts"] == [["a", "A"], ["b", "B"]] and index["glossary"] == [["toll", "Toll"]]
    assert search.decode_numbers(index["lengths"]) == [3, 0, 0, 1, 3]    # "A" and "B" alone are left out
    assert index["shards"] == [""]


def test_a_large_index_is_split_by_first_letters_and_each_term_is_in_its_longest_prefix_shard():
    words = [f"{a}{b}{c}x" for a in "abc" for b in "abcdefgh" for c in "ab"] + ["a", "ab"]
    encoded = {w: "!" * 5000 for w in words}
    shards = search.split_shards(sorted(words), encoded)
    assert len(shards) > 3 and all(sum(len(encoded[t]) for t in ts) <= search.SHARD_LIMIT or len(ts) == 1
                                   for ts in shards.values())
    for prefix, shard_terms in shards.items():
        for term in shard_terms:
            assert max((p for p in shards if term.startswith(p)), key=len) == prefix
    assert search.shard_path("") == "search/s.js" and search.shard_path("ch") == "search/s-ch.js"
    assert search.shard_path("ø") == "search/s-_00f8.js"


def test_a_build_writes_the_index_the_loader_and_each_text_s_places(project):
    root = project({
        "content/texts/fee.md": text_file("The fee", "The fee was “relatively low”.\n\nThe cartels paid.\n",
                                          subtitle="A dek about prisons"),
        "content/notes/fee.md": "## relatively low\n\nNo amount was named; see </script> here.\n",
        "content/glossary.md": "## Cartel\naliases: cartels\n\nA criminal group.\n",
    })
    result, files = build_files(root)
    for path in ("search/search.js", "search/minisearch.js", "search/minisearch-LICENSE.txt",
                 "search/index.js", "search/s.js", "search/glossary.js", "search/t/fee.js"):
        assert path in files, path
    assert files["search/minisearch.js"].startswith(b"/* MiniSearch 7.2.0")
    name, places = data_of(files["search/t/fee.js"])
    assert name == "places" and places["url"] == "fee.html" and places["title"] == "The fee"
    assert places["places"] == [["top", "fee.html", 0, "The fee · A dek about prisons"],
                                ["p", "fee.html#p1", 1, "The fee was “relatively low”."],
                                ["p", "fee.html#p2", 2, "The cartels paid."],
                                ["note", "fee.html#note-relatively-low", 1, 1, "No amount was named; see </script> here."]]
    assert b"</script>" not in files["search/t/fee.js"]     # escaped as <\/ in the script
    _, glossary = data_of(files["search/glossary.js"])
    assert glossary["places"] == [["term", "glossary.html#cartel", "Cartel", "A criminal group."]]


def test_the_index_is_remade_when_a_text_s_words_change_and_only_then(project):
    from edition.memorystore import MemoryStore, Memory
    root = project({"content/texts/fee.md": text_file("The fee", "The fee was low.\n"),
                    "content/texts/trip.md": text_file("The trip", "A trip.\n")})
    memory = Memory()
    build_files(root, MemoryStore(root, root / "_site", memory))
    result, _ = build_files(root, MemoryStore(root, root / "_site", memory))
    assert not [p for p in result.rendered if p.startswith("search/")]
    (root / "content/texts/fee.md").write_text(text_file("The fee", "The fee was high.\n"), encoding="utf-8")
    result, files = build_files(root, MemoryStore(root, root / "_site", memory))
    assert "search/index.js" in result.rendered and "fee.html" in result.rendered and "trip.html" not in result.rendered
    assert b"high" in files["search/s.js"] and b"low" not in files["search/s.js"]
    assert b"was high" in files["search/t/fee.js"] and b"A trip." in files["search/t/trip.js"]


def test_the_loader_and_minisearch_count_as_code_so_a_new_one_is_never_skipped(tmp_path, monkeypatch):
    from edition import unchanged
    (tmp_path / "assets").mkdir()
    (tmp_path / "build.py").write_text("x = 1\n")
    (tmp_path / "assets" / "search.js").write_text("/* one */")
    monkeypatch.setattr(unchanged, "PACKAGE", tmp_path)
    before = unchanged.code_version.__wrapped__()
    (tmp_path / "assets" / "search.js").write_text("/* two */")
    assert unchanged.code_version.__wrapped__() != before

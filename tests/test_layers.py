"""The house's rules, held by its imports: each module of edition/ may import only what this
table allows (lazy imports inside functions count too). A new module needs a row here."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "edition"

BOTTOM = set()      # imports nothing from edition
STAGE_HELPERS = {"problems", "model", "layout", "urls", "ids", "sections", "markdown", "files", "frontmatter",
                 "language", "folding"}

ALLOWED = {
    # the bottom floor: plain values and names
    "__init__": BOTTOM, "problems": BOTTOM, "model": BOTTOM, "layout": BOTTOM, "urls": BOTTOM,
    "ids": BOTTOM, "sections": BOTTOM, "parallel": BOTTOM, "environment": BOTTOM,
    "folding": BOTTOM,      # the one way quotes, names and texts are compared (Unicode keys)
    "glossary": {"folding"},
    "language": BOTTOM,     # BCP 47 tags (langcodes), text direction, dates and citations in a language
    # the search index and its loader's files: plain data in, bytes out
    "search": BOTTOM, "cite": {"language"}, "fonts": BOTTOM,
    # reading the project and the Markdown dialect
    "markdown": {"problems", "sections"},
    "files": {"problems", "layout"},
    "frontmatter": {"problems", "model", "urls", "language", "folding"},
    "config": {"problems", "layout", "urls", "frontmatter", "language", "files"},
    "messages": {"problems"},
    # the stages: data in, data and problems out; never a store, a pool or a writer
    "load": STAGE_HELPERS,
    "annotate": {"problems", "model", "markdown", "anchors", "structure", "verse", "notebodies"},
    "notebodies": {"markdown"},
    # annotate's parts: where notes' quotes land; blocks, numbers, lines and places; verse lines; headings
    "anchors": {"problems", "folding", "markdown"},
    "structure": {"headings", "verse"},
    "verse": BOTTOM,
    "headings": {"ids"},
    "chapters": BOTTOM,     # a text split into one page per chapter
    "pages": {"__init__", "problems", "model", "markdown", "annotate", "notebodies", "glossary", "ids", "language", "structure",
              "timeline"},
    "webannotation": {"annotate"},
    "epub": BOTTOM,
    "render": {"problems", "layout", "language", "frontmatter"},
    "linkcheck": {"problems", "urls"},
    "publish": BOTTOM,
    "media": {"problems", "layout"},
    "minify": BOTTOM,
    "timeline": {"model"},
    "ingest": {"problems", "ids", "ingest", "layout", "frontmatter", "files"},     # a package: its modules import one another
    # below the pipeline: reuse and writing
    "reuse": {"files", "layout", "parallel", "unchanged"},
    "memorystore": {"files", "parallel", "reuse"},     # serve's store, kept in memory
    "unchanged": {"__init__", "files", "layout"},     # the no-change shortcut: before anything is parsed
    "write": {"files"},
    # the build, the pipeline that runs it, and the commands above it
    "build": STAGE_HELPERS | {"annotate", "chapters", "config", "glossary", "ingest", "linkcheck", "load", "media", "sitewide", "spool",
                              "pages", "publish", "render", "reuse", "epub", "timeline", "webannotation", "search",
                              "cite", "fonts", "minify", "heap", "otherpages"},
    # the pages that are not a text's: their jobs, and what is kept of each once written
    "otherpages": {"fonts", "linkcheck", "markdown", "model", "pages", "pagescan", "problems", "publish", "render",
                   "reuse"},
    # the files made from every text at once (EPUB, search index, face subset), reused by key
    "spool": BOTTOM,    # bytes put aside in a temporary file until the build's last jobs
    "heap": BOTTOM,     # freed memory handed back to the system between the build's phases
    "pagescan": {"fonts", "linkcheck"},     # a page's ids and characters, found as it passes to its file
    "sitewide": {"epub", "fonts", "search", "config", "layout", "pages", "parallel", "problems", "render", "reuse",
                 "spool"},
    "pipeline": {"model", "problems", "reuse", "unchanged", "write", "build", "config", "ingest", "files", "layout",
                 "heap"},
    "authoring": {"problems", "model", "layout", "files", "frontmatter", "markdown", "annotate", "load",
                  "language", "config", "folding"},
    "serve": {"pipeline", "layout", "messages", "problems", "memorystore", "write"},
    "cli": {"pipeline", "ingest", "authoring", "annotations_in", "serve", "messages", "problems", "urls", "layout",
            "config"},
    "annotations_in": {"problems", "model", "layout", "files", "frontmatter", "markdown", "annotate", "load", "ids",
                       "config", "webannotation", "folding"},
}


def edition_imports(path: Path, top: Path = PACKAGE) -> set:
    """The edition modules a file imports, by their first name under edition/ (`__init__` for
    a name the package itself defines, e.g. `from . import __version__`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(top).parts[:-1]
    modules = {p.stem for p in top.glob("*.py")} | {p.name for p in top.iterdir() if p.is_dir()}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:      # relative: from . import x / from .x import y / from .. import
                base = list(package[: len(package) - node.level + 1]) if node.level > 1 else list(package)
                parts = base + (node.module.split(".") if node.module else [])
                names = [parts[0]] if parts else [alias.name.split(".")[0] for alias in node.names]
            elif node.module and node.module.split(".")[0] == "edition":
                rest = node.module.split(".")[1:]
                names = [rest[0]] if rest else [alias.name for alias in node.names]
            else:
                continue
            found.update(name if name in modules else "__init__" for name in names)
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[1] for alias in node.names
                         if alias.name.startswith("edition.") and alias.name.count(".") >= 1)
    return found


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def test_every_module_imports_only_what_its_floor_allows():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        assert name in ALLOWED, f"edition/{path.relative_to(PACKAGE)} has no row in tests/test_layers.py: add one"
        extra = edition_imports(path) - ALLOWED[name] - {name}
        if extra:
            wrong.append(f"edition/{path.relative_to(PACKAGE)} imports {', '.join(sorted(extra))}")
    assert not wrong, "imports against the house's rules:\n" + "\n".join(wrong)


def test_the_stages_never_see_a_store_a_pool_or_a_writer():
    for stage in ("load", "annotate", "pages", "render", "linkcheck", "markdown", "ingest", "config", "publish"):
        assert not ALLOWED[stage] & {"reuse", "memorystore", "parallel", "write", "pipeline"}, stage


def test_only_the_command_line_imports_authoring_and_nothing_below_the_pipeline_imports_it():
    for name, allowed in ALLOWED.items():
        if name != "cli":
            assert "authoring" not in allowed, name
        if name not in ("cli", "serve"):
            assert not allowed & {"pipeline", "cli", "serve"}, name
        if name != "pipeline":
            assert "build" not in allowed, f"{name}: only the pipeline runs the build"


def test_the_rules_see_every_form_of_import(tmp_path):
    top = tmp_path / "edition"
    (top / "sub").mkdir(parents=True)
    for name in ("__init__", "reuse", "write", "model"):
        (top / f"{name}.py").write_text("")
    (top / "sub" / "x.py").write_text("from edition.reuse import DiskStore\nfrom .. import write\n"
                                      "def f():\n    from ..model import Text\n    from .. import __version__\n")
    assert edition_imports(top / "sub" / "x.py", top) == {"reuse", "write", "model", "__init__"}

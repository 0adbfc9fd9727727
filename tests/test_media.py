"""media.py and images: the edition's own files in content/media/, published as media/."""
from __future__ import annotations

import struct
import zlib

from conftest import build_files, text_file
from edition.cli import main


def png(width: int, height: int) -> bytes:
    """A real (tiny, grey) PNG of that size."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def edition(project, text_body, **extra):
    root = project({"content/texts/alpha.md": text_file("Alpha", text_body), **extra})
    (root / "content/media").mkdir(parents=True, exist_ok=True)
    (root / "content/media/bridge.png").write_bytes(png(40, 30))
    return root


def test_an_image_in_a_text_is_published_with_its_size(project):
    root = edition(project, "The bridge:\n\n![The east tower at dawn](media/bridge.png)\n")
    result, files = build_files(root)
    assert result.problems == []
    assert files["media/bridge.png"] == (root / "content/media/bridge.png").read_bytes()
    assert '<img src="media/bridge.png" alt="The east tower at dawn" width="40" height="30"' in files["alpha.html"].decode()


def test_images_in_notes_glossary_and_pages_work_too(project):
    root = edition(project, "The bridge opened.\n",
                   **{"content/notes/alpha.md": "## The bridge\n\nSee ![the tower](media/bridge.png).\n",
                      "content/glossary.md": "## bridge\n\nA crossing: ![a bridge](media/bridge.png)\n",
                      "content/pages/about.md": "---\ntitle: About\n---\n![The tower](media/bridge.png)\n"})
    result, files = build_files(root)
    assert [p for p in result.problems if p.severity == "error"] == []
    for page in ("alpha.html", "glossary.html", "about.html"):
        assert 'src="media/bridge.png"' in files[page].decode() and 'width="40"' in files[page].decode(), page


def test_a_missing_image_is_an_error_at_its_line_with_the_nearest_file(project, capsys):
    root = edition(project, "One.\n\n![The tower](media/brigde.png)\n")
    assert main(["--root", str(root), "check"]) == 1
    assert ("content/texts/alpha.md:6: error: `media/brigde.png` is not a file of the site; "
            "did you mean `media/bridge.png`?") in capsys.readouterr().err


def test_an_image_without_alt_text_or_from_another_site_is_a_warning(project, capsys):
    root = edition(project, "One.\n\n![](media/bridge.png)\n\n![A map](https://example.org/map.png)\n")
    assert main(["--root", str(root), "check"]) == 0
    err = capsys.readouterr().err
    assert ("content/texts/alpha.md:6: warning: image `media/bridge.png` has no alt text, so a screen reader "
            "passes over it; describe it between the brackets: ![a photo of …](…)") in err
    assert ("content/texts/alpha.md:8: warning: image `https://example.org/map.png` is on another site, and the "
            "pages load nothing from outside the edition, so it will not show; save it in content/media/ and "
            "write ![…](media/NAME)") in err


def test_a_link_in_media_to_a_file_outside_the_project_is_refused(project, tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    root = edition(project, "One.\n")
    (root / "content/media/leak.txt").symlink_to(secret)
    assert main(["--root", str(root), "build"]) == 1
    assert "content/media/leak.txt: error: is a link to" in capsys.readouterr().err
    assert not (root / "_site").exists()

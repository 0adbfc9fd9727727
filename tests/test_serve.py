"""`serve`: the built site on 127.0.0.1, rebuilt and reloaded on save; errors shown over the last good page."""
from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import REPO, text_file, write_project
from edition.serve import Preview, State, inject, site_file

FILES = {
    "content/texts/fee.md": text_file("The fee", "The fee would be “relatively low” for the prison.\n", date="2025-02-03"),
    "content/notes/fee.md": "## relatively low\n\nA first note about the fee.\n",
}
DEADLINE = 20     # seconds: every wait below gives up by then


def get(preview_or_port, path: str):
    """(status, body) for a raw request path, sent exactly as written (no client-side normalising)."""
    port = preview_or_port if isinstance(preview_or_port, int) else preview_or_port.server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    finally:
        connection.close()


def wait_for(condition, what: str):
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"gave up after {DEADLINE} s waiting for {what}")


@pytest.fixture
def preview(tmp_path):
    root = write_project(tmp_path / "p", FILES)
    lines = []
    running = Preview(root, port=0, log=lines.append).start()
    running.lines = lines
    yield running
    running.stop()


def save(path: Path, content: str):
    # Write then rename, as editors do; the watcher must see either kind of save.
    temp = path.with_name(path.name + ".saving~")
    temp.write_text(content, encoding="utf-8")
    os.replace(temp, path)


def test_serves_the_built_site_with_a_reload_script_that_is_not_on_disk(preview):
    status, body = get(preview, "/fee.html")
    assert status == 200 and "A first note about the fee." in body
    assert '<script src="/__edition__/reload.js" data-build="' in body
    assert "__edition__" not in (preview.root / "_site/fee.html").read_text(encoding="utf-8")
    status, script = get(preview, "/__edition__/reload.js")
    assert status == 200 and "location.reload()" in script
    assert get(preview, "/")[1].count("<h1") >= 1


def test_editing_a_note_changes_the_served_page(preview):
    build = json.loads(get(preview, "/__edition__/state")[1])["build"]
    save(preview.root / "content/notes/fee.md", "## relatively low\n\nA second thought about the fee.\n")
    wait_for(lambda: "A second thought about the fee." in get(preview, "/fee.html")[1], "the edited note")
    assert json.loads(get(preview, "/__edition__/state")[1])["build"] > build
    assert "A first note about the fee." not in get(preview, "/fee.html")[1]


def test_a_broken_note_keeps_the_last_good_page_and_shows_the_error_until_fixed(preview):
    save(preview.root / "content/notes/fee.md", "## relatively high\n\nA wrong quote.\n")
    message = ("content/notes/fee.md:1: error: anchor “relatively high” not found in content/texts/fee.md; "
               "the text may have changed — copy the phrase exactly as the text has it (quotes and dashes included)")
    wait_for(lambda: json.loads(get(preview, "/__edition__/state")[1])["errors"], "the failed build")
    status, body = get(preview, "/fee.html")
    assert status == 200
    assert "A first note about the fee." in body                 # the last good page
    assert 'id="edition-build-error"' in body and message in body.replace("&quot;", '"')
    assert message in preview.lines
    save(preview.root / "content/notes/fee.md", "## relatively low\n\nFixed now.\n")
    wait_for(lambda: "Fixed now." in get(preview, "/fee.html")[1], "the fixed note")
    assert 'id="edition-build-error"' not in get(preview, "/fee.html")[1]


def test_a_new_seed_is_ingested_and_never_overwrites_content(preview):
    seeds = preview.root / "seeds"
    seeds.mkdir(exist_ok=True)
    before = (preview.root / "content/texts/fee.md").read_bytes()
    (seeds / "visit.txt").write_text("A Visit To The Prison\n\nThe minister saw the new prison on Monday.\n"
                                     "It holds many people, the minister said.\n", encoding="utf-8")
    # seeds/ did not exist at the start: the next save anywhere picks the new seed up.
    save(preview.root / "content/notes/fee.md", "## relatively low\n\nA note.\n")
    wait_for(lambda: list((preview.root / "content/texts").glob("*visit*")), "the ingested seed")
    ingested = next((preview.root / "content/texts").glob("*visit*"))
    wait_for(lambda: get(preview, f"/{ingested.stem}.html")[0] == 200, "the new text's page")
    assert (preview.root / "content/texts/fee.md").read_bytes() == before


@pytest.mark.parametrize("path", ["/../site.yaml", "/%2e%2e/site.yaml", "/%2E%2E%2Fsite.yaml", "//etc/passwd",
                                  "/static/../../site.yaml", "/..%5csite.yaml", "/.edition-site",
                                  "/%00index.html", "http://127.0.0.1/../site.yaml"])
def test_only_files_inside_the_output_folder_are_served(preview, path):
    status, body = get(preview, path)
    assert status == 404
    assert "title: Test edition" not in body and "root:" not in body


def test_a_link_leading_out_of_the_output_folder_is_not_followed(tmp_path):
    out = tmp_path / "_site"
    out.mkdir()
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (out / "page.html").write_text("<p>ok</p>", encoding="utf-8")
    (out / "leak.txt").symlink_to(tmp_path / "secret.txt")
    assert site_file(out, "/page.html") == (out / "page.html").resolve()
    assert site_file(out, "/leak.txt") is None
    assert site_file(out, str(tmp_path / "secret.txt")) is None


def test_the_overlay_is_escaped_and_added_before_the_end_of_the_body():
    page = inject(b"<html><body><p>Hi</p></body></html>", State(3, ["a.md:1: error: <b>bad</b>"]))
    text = page.decode()
    assert text.index("edition-build-error") < text.index("</body>")
    assert "&lt;b&gt;bad&lt;/b&gt;" in text and "<b>bad</b>" not in text


def test_a_taken_port_falls_back_to_a_free_one(tmp_path):
    root = write_project(tmp_path / "p", FILES)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        running = Preview(root, port=port, log=lambda line: None).start()
        try:
            assert running.server.server_address[0] == "127.0.0.1"
            assert running.server.server_address[1] != port
            assert get(running, "/fee.html")[0] == 200
        finally:
            running.stop()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_ctrl_c_stops_the_server_cleanly(tmp_path, stop):
    root = write_project(tmp_path / "p", FILES)
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--root", str(root), "serve", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                               # A shell running the tests in the background ignores SIGINT, and
                               # children inherit that: give this one the terminal's default back.
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        line = process.stdout.readline()
        while line and not line.startswith("serving"):
            line = process.stdout.readline()
        assert line.startswith("serving _site/ at http://127.0.0.1:")
        port = int(line.split("127.0.0.1:")[1].split("/")[0])
        assert get(port, "/fee.html")[0] == 200
        process.send_signal(stop)
        try:
            out, err = process.communicate(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            pytest.fail(f"serve did not stop within {DEADLINE} s of Ctrl-C; it printed:\n{out}\n{err}")
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0
    assert "stopped" in out
    assert "Traceback" not in err


def test_a_kill_during_the_first_build_stops_the_server_even_where_the_build_swallowed_it(tmp_path):
    """SIGTERM is a KeyboardInterrupt in serve, and one raised while a generator is being closed
    is only reported: the server must stop all the same, not go on serving."""
    root = write_project(tmp_path / "p", FILES)
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        sys.path.insert(0, {str(REPO)!r})
        from edition import pipeline, serve
        run, began = pipeline.run, []
        def first_build_slow(*args, **kwargs):
            if not began:
                began.append(True)
                try:
                    print("building", flush=True)
                    time.sleep(60)
                except KeyboardInterrupt:
                    pass    # as a generator closed by the collector does: reported, and the build goes on
            return run(*args, **kwargs)
        pipeline.run = first_build_slow
        sys.exit(serve.serve(Path({str(root)!r}), 0))
    """)
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, cwd=REPO)
    try:
        assert process.stdout.readline() == "building\n"
        process.send_signal(signal.SIGTERM)
        try:
            out, err = process.communicate(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            pytest.fail(f"serve went on serving for {DEADLINE} s after it was killed during its first build")
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0 and "stopped" in out and "serving" not in out
    assert "Traceback" not in err


def test_a_save_made_while_the_server_starts_is_not_missed(tmp_path):
    root = write_project(tmp_path / "p", FILES)
    running = Preview(root, port=0, log=lambda line: None).start()
    try:
        save(root / "content/notes/fee.md", "## relatively low\n\nSaved at once.\n")
        wait_for(lambda: "Saved at once." in get(running, "/fee.html")[1], "the note saved during start-up")
    finally:
        running.stop()


def builder_for(tmp_path, files):
    from edition.serve import Builder
    lines = []
    builder = Builder(write_project(tmp_path / "p", files), log=lines.append)
    builder.rebuild()
    return builder, lines


def test_fixing_an_error_back_to_the_last_good_content_clears_the_overlay_and_reloads(tmp_path):
    builder, lines = builder_for(tmp_path, FILES)
    notes = builder.root / "content/notes/fee.md"
    good = notes.read_text(encoding="utf-8")
    notes.write_text("## relatively high\n\nA wrong quote.\n", encoding="utf-8")
    builder.rebuild([str(notes)])
    broken = builder.state.build
    assert builder.state.problems
    notes.write_text(good, encoding="utf-8")      # exactly the last good note: the site does not change
    builder.rebuild([str(notes)])
    assert builder.state.problems == [] and builder.state.build == broken + 1
    assert lines[-1].startswith("fixed; rebuilt in ")


def test_a_warning_is_printed_once_not_on_every_save(tmp_path):
    builder, lines = builder_for(tmp_path, {**FILES, "content/glossary.md": "## Nowhere\n\nUnused.\n"})
    warning = "content/glossary.md:1: warning: glossary term “Nowhere” occurs in no text; check its spelling and aliases, or remove it"
    assert lines.count(warning) == 1
    notes = builder.root / "content/notes/fee.md"
    notes.write_text("## relatively low\n\nA second note.\n", encoding="utf-8")
    builder.rebuild([str(notes)])
    assert lines.count(warning) == 1


def test_a_seed_ingested_while_serving_gets_the_same_report_as_the_command(tmp_path):
    builder, lines = builder_for(tmp_path, FILES)
    seeds = builder.root / "seeds"
    seeds.mkdir()
    (seeds / "visit.txt").write_text("A Visit To The Prison\n\nThe minister saw the new prison on Monday, "
                                     "the ministry said.\n\nIt holds many people, she said, and more will "
                                     "come.\n\n© 2025 Example News. All rights reserved.\n", encoding="utf-8")
    builder.rebuild([str(seeds / "visit.txt")])
    assert any(line.startswith("ingested seeds/visit.txt -> content/texts/") for line in lines)
    assert any(line.startswith("  left out seeds/visit.txt:7: ") for line in lines), lines


def test_a_name_longer_than_a_file_name_can_be_is_a_plain_404(preview):
    status, _ = get(preview, "/" + "a" * 300 + ".html")
    assert status == 404
    assert get(preview, "/fee.html")[0] == 200      # and the server is still there


def test_a_port_out_of_range_is_refused_as_misuse(tmp_path, capsys):
    from edition.cli import main
    root = write_project(tmp_path / "p", FILES)
    assert main(["--root", str(root), "serve", "--port", "70000"]) == 2
    assert "'70000' is not a port number; use one from 1 to 65535 (0: any free one)" in capsys.readouterr().err


def test_serve_prints_what_a_terminal_would_act_on_as_escapes(capsys):
    """A line of serve's log may hold a file's name or an exception's words: written out, never sent raw."""
    from edition.serve import log
    log("content/texts/\x1b[2J.md:1: error: a problem")
    log("rebuilt in 0.1 s \x07")
    out, err = capsys.readouterr()
    assert err == "content/texts/\\x1b[2J.md:1: error: a problem\n"
    assert out == "rebuilt in 0.1 s \\x07\n"


def test_a_request_that_fails_is_one_line_in_the_log_never_a_traceback(tmp_path, capsys):
    """A browser that goes away mid-answer is nothing to report; anything else is one line."""
    from edition.serve import Builder, make_server
    lines = []
    server = make_server(Builder(write_project(tmp_path / "p", FILES), log=lines.append), 0)
    try:
        for exc in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "Connection reset by peer"),
                    ValueError("odd")):
            try:
                raise exc
            except Exception:
                server.handle_error(None, ("127.0.0.1", 1))
    finally:
        server.server_close()
    assert lines == ["error: a request failed (ValueError: odd); the preview goes on"]
    assert "Traceback" not in capsys.readouterr().err


def test_after_a_save_the_page_is_new_at_once_and_the_search_index_catches_up_when_edits_pause(tmp_path):
    from edition.layout import SEARCH_DIR
    from edition.search import FOLDER
    assert SEARCH_DIR == FOLDER
    builder, lines = builder_for(tmp_path, FILES)
    builder.INDEX_QUIET = 0.5
    site, notes = builder.root / "_site", builder.root / "content/notes/fee.md"
    index = lambda: b"".join(p.read_bytes() for p in sorted((site / "search").glob("s*.js")))  # noqa: E731
    before, build = index(), builder.state.build
    notes.write_text("## relatively low\n\nA note about zanzibarite.\n", encoding="utf-8")
    builder.rebuild([str(notes)])
    assert "zanzibarite" in (site / "fee.html").read_text(encoding="utf-8")
    assert builder.state.build == build + 1
    assert index() == before            # the last build's index, for now
    builder.flush()                     # a moment later: a save may follow, the index waits
    assert index() == before
    time.sleep(0.5)
    builder.flush()                     # edits pause: the index is remade, nothing else
    assert b"zanzibarite" in index() and index() != before
    assert builder.state.build == build + 1, "an index catching up is no reason to reload the page"
    builder.flush()                     # then the disk cache is written, and nothing more is owed
    assert builder.pending is None
    # the next `build` finds everything in place
    from edition.cli import main
    assert main(["--root", str(builder.root), "build"]) == 0
    assert b"zanzibarite" in index()

"""`python build.py serve`: build, serve the output on 127.0.0.1, rebuild and reload on every save.

Three parts, each small:
- the builder: ingest new seeds, build and check, write; a failed build keeps the last good
  site on disk and remembers its problems;
- the watchers (watchfiles): seeds/, content/, theme/ and site.yaml; each change queues a rebuild;
- the HTTP server: serves only files inside the output folder and, in the HTML it sends (never in
  the files on disk), adds a small script that polls /__edition__/state and reloads the page when
  a build finishes, plus an overlay listing the problems while the last build failed.
"""
from __future__ import annotations

import gc
import html
import json
import mimetypes
import os
import queue
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import pipeline
from .layout import CONFIG_FILE, INPUTS, SEARCH_DIR, SEEDS_DIR, shown
from .messages import ingested_lines
from .problems import ERROR, printable
from .memorystore import Memory, MemoryStore
from .write import InPlace, Kept

HOST = "127.0.0.1"      # never another interface: this is an editor's preview, not a web server
DEV = "/__edition__/"   # the server's own files; no site path can start with an underscore folder

RELOAD_JS = """\
// Added by `python build.py serve` only: reload the page when a new build is ready.
(function () {
  var script = document.currentScript, build = script.getAttribute("data-build");
  function poll() {
    fetch("/__edition__/state", {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (state) {
        if (String(state.build) !== build) { location.reload(); } else { setTimeout(poll, 400); }
      }, function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 400);
})();
"""

DEV_CSS = """\
/* Added by `python build.py serve` only: the build problems over the last good page. */
#edition-build-error { position: fixed; inset: auto 0 0 0; max-height: 60vh; overflow: auto; z-index: 2147483647;
  margin: 0; padding: 1rem 1.25rem; background: #fff4f4; color: #5c0000; border-top: 4px solid #b00020;
  font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; box-shadow: 0 -4px 16px rgba(0,0,0,.2); }
#edition-build-error h2 { font: bold 15px/1.3 system-ui, sans-serif; margin: 0 0 .5rem; }
#edition-build-error ul { margin: 0; padding-left: 1.25rem; }
#edition-build-error li { white-space: pre-wrap; margin: .25rem 0; }
"""


@dataclass
class State:
    build: int = 0                                   # bumps whenever what a page should show changes
    problems: list = field(default_factory=list)     # the errors of the last build, if it failed
    out: Path | None = None


class Builder:
    """Runs one build after another through the pipeline, with what it keeps between them;
    keeps the state the server shows."""

    def __init__(self, root: Path, clean: bool = False, log=print):
        self.root, self.clean, self.log = root, clean, log
        self.state = State(out=root / "_site")
        self.lock = threading.Lock()
        self.memory = Memory()      # what the last build read and made, for the next to reuse
        self.kept = Kept()          # what the last build wrote, so the next replaces only what differs
        self.pending = None         # the disk-cache save of the last build, if not yet done
        self.owes_index = False     # the last build kept the search index of the build before
        self.built_at = 0.0         # when the last build ended (time.monotonic)
        self.printed: set = set()   # the problems of the last build, as printed: each is printed once
        self.trusted = False        # whether memory read the project as the last build ended (see rebuild)

    # Remaking the index takes about a second a thousand texts, and a save made meanwhile waits for
    # it: it is remade only after this long without a save.
    INDEX_QUIET = 2.0

    def flush(self) -> None:
        """What the last build left for a pause in the edits: the search index, then the disk cache."""
        if self.owes_index:
            if time.monotonic() - self.built_at >= self.INDEX_QUIET:
                self.owes_index = False
                self.rebuild([], complete=True)     # leaves its own save pending
            return
        pending, self.pending = self.pending, None
        if pending:
            gc.collect()    # the cycles the saves left (pipeline._no_cycle_collector)
            pending()

    def rebuild(self, changed_paths=None, complete: bool = False) -> None:
        """Build; changed_paths (from the watcher) says what changed, None for anything. After a
        save the search index is the last build's (remaking it costs about a second a thousand
        texts), and a complete build remakes it once edits pause (see flush)."""
        started = time.perf_counter()
        seeds = self.root / SEEDS_DIR
        ingest = changed_paths is None or any(Path(p).is_relative_to(seeds) for p in changed_paths)
        stores = []
        later = () if complete or changed_paths is None else (f"{SEARCH_DIR}/",)
        # What may have changed since memory last read the project: what the watchers saw, or
        # anything (None) on the first build, a complete one (memory checked against the disk
        # once edits pause), or after a build that ended in an exception (it may have read half).
        trusted, self.trusted = self.trusted, False
        changed = (None if not trusted or complete or changed_paths is None or START in changed_paths
                   else project_names(self.root, changed_paths))

        def store(out):
            stores.append(MemoryStore(self.root, out, self.memory, fresh=self.clean, later=later, changed=changed))
            return stores[-1]
        # No EPUB in the preview: every save would make the whole book again (a second at 1,000 texts).
        outcome = pipeline.run(self.root, pipeline.Options(ingest=ingest, epub=False), store=store,
                               sink=lambda out: InPlace(out, self.kept, look=changed is None), save_later=True)
        self.clean = False      # --clean means the first build only
        self.trusted = True
        for line in ingested_lines(self.root, outcome.ingested):
            self.log(line)
        problems = [str(p) for p in outcome.problems]
        for line in problems:
            if line not in self.printed:
                self.log(line)
        self.printed = set(problems)
        errors = [str(p) for p in outcome.problems if p.severity == ERROR]
        was_failing = bool(self.state.problems)
        if outcome.refused:
            errors.append(f"{outcome.out.name if outcome.out else 'the output'}/: {outcome.refused}")
            self.kept.files = {}
        touched = bool(outcome.written and outcome.written.touched)
        if complete and touched and all(p.startswith(f"{SEARCH_DIR}/") for p in outcome.written.changed):
            touched = False     # only the index caught up: the page a reader has open is as it was
        with self.lock:
            changed = touched or errors != self.state.problems
            self.state = State(self.state.build + (1 if changed else 0), errors, outcome.out or self.state.out)
        seconds = time.perf_counter() - started
        self.built_at = time.monotonic()
        if not errors and stores:
            stores[-1].forget_unused()      # serve runs for hours: keep only what this build used
            # The disk cache is for the next `build`, not for this preview: written once edits pause,
            # after the index owed, if any, is remade.
            self.owes_index = stores[-1].owed
            self.pending = outcome.save
        if errors:
            self.log(f"build failed in {seconds:.2f} s; still serving the last good site "
                     f"({len(errors)} error(s) shown in the page)")
        elif was_failing:
            self.log(f"fixed; rebuilt in {seconds:.2f} s")
        elif touched:
            self.log(f"rebuilt in {seconds:.2f} s")


# --- watching ---------------------------------------------------------------------------

START = "(start)"   # the catch-up build's batch, once the watchers are set up: they may have missed a save


def project_names(root: Path, paths):
    """The names (relative to root) of the paths a watcher reported, or None (anything may have
    changed) when one is not inside the project as root names it."""
    names, top = set(), Path(os.path.abspath(root))
    for path in paths:
        path = Path(os.path.abspath(path))
        if not path.is_relative_to(top) or path == top:
            return None
        names.add(path.relative_to(top).as_posix())
    return names


def watch(root: Path, changes: queue.Queue, stop: threading.Event):
    """Start watcher threads that put a token on `changes` for each batch of edits."""
    import watchfiles

    def run(paths, recursive, keep):
        # step: how long the watcher waits for a save to be followed by another before it
        # reports. Editors save in bursts of a millisecond or two; each 10 ms here is 5 % of the
        # 0.2 s a reader may wait.
        for batch in watchfiles.watch(*paths, recursive=recursive, stop_event=stop, debounce=200, step=10,
                                      watch_filter=lambda change, path: keep(Path(path)), raise_interrupt=False):
            changes.put(sorted(path for _, path in batch))

    dirs = [root / name for name in INPUTS if name != CONFIG_FILE and (root / name).is_dir()]
    top = {root / name for name in INPUTS}
    threads = [threading.Thread(target=run, args=([root], False, lambda p: p in top), daemon=True)]
    if dirs:
        threads.append(threading.Thread(target=run, args=(dirs, True, _not_temporary), daemon=True))
    for thread in threads:
        thread.start()
    return threads


def _not_temporary(path: Path) -> bool:
    # Editors save through temporary files; the file they rename into place is what counts.
    name = path.name
    return not (name.startswith(".") or name.endswith(("~", ".swp", ".swx", ".tmp")))


def rebuild_loop(builder: Builder, changes: queue.Queue, stop: threading.Event):
    while not stop.is_set():
        try:
            paths = list(changes.get(timeout=0.2))
        except queue.Empty:
            builder.flush()
            continue
        while not changes.empty():      # a burst of saves makes one build
            paths += changes.get_nowait()
        try:
            builder.rebuild(paths)
        except Exception as exc:    # keep serving: the next save may fix it
            builder.log(f"error: {exc.__class__.__name__}: {exc}")
            with builder.lock:
                builder.state = State(builder.state.build + 1, [f"internal error: {exc}"], builder.state.out)


# --- serving ----------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    builder: Builder        # set on the subclass made per server

    def do_GET(self):
        self.respond(head=False)

    def do_HEAD(self):
        self.respond(head=True)

    def respond(self, head: bool):
        path = urlsplit(self.path).path
        with self.builder.lock:
            state = self.builder.state
        if path.startswith(DEV):
            return self.dev_file(path[len(DEV):], state, head)
        out = state.out
        target = site_file(out, path) if out else None
        if target is None:
            missing = site_file(out, "/404.html") if out else None
            body = missing.read_bytes() if missing else _placeholder(state)
            return self.send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", inject(body, state), head)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        try:
            data = target.read_bytes()
        except OSError:         # replaced or removed by a build a moment ago: the next request finds it
            return self.send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n", head)
        if kind == "text/html":
            kind, data = "text/html; charset=utf-8", inject(data, state)
        elif kind.startswith("text/") or kind in ("application/javascript", "application/xml"):
            kind += "; charset=utf-8"
        self.send(HTTPStatus.OK, kind, data, head)

    def dev_file(self, name: str, state: State, head: bool):
        if name == "state":
            data = json.dumps({"build": state.build, "errors": state.problems}).encode()
            return self.send(HTTPStatus.OK, "application/json", data, head)
        if name == "reload.js":
            return self.send(HTTPStatus.OK, "text/javascript; charset=utf-8", RELOAD_JS.encode(), head)
        if name == "dev.css":
            return self.send(HTTPStatus.OK, "text/css; charset=utf-8", DEV_CSS.encode(), head)
        self.send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n", head)

    def send(self, status, kind: str, data: bytes, head: bool):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")     # a preview must never show a stale page
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def log_message(self, format, *args):
        pass        # the terminal is for build messages, not one line per request


def site_file(out: Path, url_path: str) -> Path | None:
    """The file a URL path names inside the output folder, or None: nothing outside it, ever."""
    rel = unquote(url_path)
    if "\0" in rel or "\\" in rel:
        return None
    parts = [part for part in rel.split("/") if part]
    if any(part in (".", "..") or part.startswith(".") or ":" in part for part in parts):
        return None
    target = out.joinpath(*parts) if parts else out
    try:
        if target.is_dir():
            target = target / "index.html"
        resolved = target.resolve(strict=True)
        resolved.relative_to(out.resolve(strict=True))     # a symlink out of the folder stays out
    except (OSError, ValueError):
        return None
    return resolved if resolved.is_file() else None


def inject(page: bytes, state: State) -> bytes:
    """The page as served: the reload script, and the problems while the last build failed."""
    snippet = (f'<link rel="stylesheet" href="{DEV}dev.css">'
               f'<script src="{DEV}reload.js" data-build="{state.build}"></script>')
    if state.problems:
        items = "".join(f"<li>{html.escape(p)}</li>" for p in state.problems)
        snippet += (f'<aside id="edition-build-error" role="alert"><h2>The last build failed; this is the '
                    f'last good page. Fix the problem and save: the page reloads.</h2><ul>{items}</ul></aside>')
    text = page.decode("utf-8", errors="replace")
    at = text.lower().rfind("</body>")
    text = text[:at] + snippet + text[at:] if at != -1 else text + snippet
    return text.encode("utf-8")


def _placeholder(state: State) -> bytes:
    message = "The site has not been built yet." if state.problems else "Page not found."
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{message}</title></head>'
            f"<body><p>{message}</p></body></html>").encode()


class Server(ThreadingHTTPServer):
    """The preview's server: a request that fails is one line in the log, never a traceback."""

    def handle_error(self, request, client_address) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return      # the browser went away (a reload, a closed tab) before the answer was sent
        self.RequestHandlerClass.builder.log(f"error: a request failed ({exc.__class__.__name__}: {exc}); "
                                             "the preview goes on")


def make_server(builder: Builder, port: int) -> ThreadingHTTPServer:
    handler = type("BoundHandler", (Handler,), {"builder": builder})
    try:
        server = Server((HOST, port), handler)
    except OSError:
        server = Server((HOST, 0), handler)     # the port is taken: any free one
    server.daemon_threads = True
    return server


class Preview:
    """The running preview: server, watchers and builder. start() and stop() for tests and the CLI."""

    def __init__(self, root: Path, port: int = 8000, clean: bool = False, log=print):
        self.builder = Builder(root, clean, log)
        self.root, self.port = root, port
        self.stop_event = threading.Event()
        self.changes: queue.Queue = queue.Queue()
        self.threads: list = []
        self.server = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server.server_address[1]}/"

    def start(self) -> "Preview":
        self.builder.rebuild()
        self.server = make_server(self.builder, self.port)
        self.threads = [threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True),
                        threading.Thread(target=rebuild_loop, args=(self.builder, self.changes, self.stop_event),
                                         daemon=True)]
        for thread in self.threads:
            thread.start()
        self.threads += watch(self.root, self.changes, self.stop_event)
        # The watchers report nothing until they are set up: one catch-up build, once they surely
        # are, picks up a save made in that moment (a no-change build costs little and reloads nothing).
        catch_up = threading.Timer(1.0, self.changes.put, args=([START],))
        catch_up.daemon = True
        catch_up.start()
        self.threads.append(catch_up)
        return self

    def stop(self) -> None:
        self.stop_event.set()
        for thread in self.threads:
            if isinstance(thread, threading.Timer):
                thread.cancel()
        if self.server:
            self.server.shutdown()
            self.server.server_close()
        deadline = time.monotonic() + 3     # the threads are daemons: never let stopping hang
        for thread in self.threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        if not any(thread.is_alive() for thread in self.threads):
            self.builder.flush()


def log(line: str) -> None:
    """A line of serve's log, problems on stderr; written out where a terminal would act on it
    (a line may hold a file's name or an exception's words)."""
    print("\n".join(map(printable, line.split("\n"))),
          file=sys.stderr if ": error: " in line or ": warning: " in line else sys.stdout, flush=True)


def serve(root: Path, port: int, clean: bool = False) -> int:
    preview = Preview(root, port, clean, log)

    def stopping(signum, frame):
        # `kill` (SIGTERM) stops it as cleanly as Ctrl-C does. The interrupt may land where it is
        # swallowed (a generator being closed reports it and goes on), so the event says it too.
        preview.stop_event.set()
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, stopping)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:     # not when started ignoring it
        signal.signal(signal.SIGINT, stopping)
    preview.start()
    if preview.stop_event.is_set():
        preview.stop()
        print("\nstopped", flush=True)
        return 0
    out = preview.builder.state.out
    print(f"serving {shown(out, root)}/ at {preview.url} — rebuilding on every save; "
          "Ctrl-C to stop", flush=True)
    try:
        # sleep, not Event.wait: a Ctrl-C inside Event.wait can leave its lock held, and stop() needs it.
        while not preview.stop_event.is_set():
            time.sleep(0.2)
    except KeyboardInterrupt:
        print("\nstopped", flush=True)
    finally:
        preview.stop()
    return 0

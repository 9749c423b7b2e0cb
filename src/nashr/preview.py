"""`nashr preview`: the HTML galley served on 127.0.0.1 and reloaded in the browser after each save.

The rebuilding is `nashr watch -f html` (watch.py: one HTML build after each burst of saves, problems
printed, the last good page kept). Serving is the standard library's HTTP server on the loopback
interface only, over the output folder. The page it serves (never the file on disk) gets a small
script that asks `/__nashr__/version` twice a second and reloads the page when a newer build has been
written; the browser keeps the scroll position across the reload.
"""
from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlparse

from nashr.diagnostics import ManuscriptError
from nashr.pipeline import Output
from nashr.progress import Progress

HOST = "127.0.0.1"
VERSION_PATH = "/__nashr__/version"
RELOAD = """<script>
(function () {
  var built = "%s";
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (now) {
      if (now !== built) { location.reload(); } else { setTimeout(poll, 500); }
    }).catch(function () { setTimeout(poll, 1000); });
  }
  setTimeout(poll, 500);
})();
</script>
"""
WAITING = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>nashr preview</title></head>"
           "<body><main><p>No page yet: the manuscript has problems (see the terminal). Save a fix and this "
           "page reloads.</p></main></body></html>")


class _Latest:
    """The page of the last successful build and a number that changes with each one."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version = 0
        self.page: str | None = None

    def built(self, outputs: list[Output]) -> None:
        with self.lock:
            self.page = outputs[0].path.name
            if any(output.rendered for output in outputs) or self.version == 0:
                self.version += 1


class _Handler(SimpleHTTPRequestHandler):
    """Serves the output folder; the page with the reload script, and the build version."""

    latest: _Latest

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path = unquote(urlparse(self.path).path)
        with self.latest.lock:
            version, page = str(self.latest.version), self.latest.page
        if path == VERSION_PATH:
            self._send(version.encode(), "text/plain; charset=utf-8")
        elif path == "/" and page:
            self.send_response(302)
            self.send_header("Location", "/" + page)
            self.end_headers()
        elif path == "/" or path == f"/{page}":
            html = (Path(self.directory) / page).read_text(encoding="utf-8") if page else WAITING
            script = RELOAD % (version, VERSION_PATH)
            self._send(html.replace("</body>", script + "</body>", 1).encode("utf-8"), "text/html; charset=utf-8")
        else:
            super().do_GET()

    def _send(self, body: bytes, media_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        """Quiet: the terminal is for the builds' problems."""


def preview(manuscript_dir: Path, out_dir: Path, port: int, make_progress: Callable[[], Progress],
            report_problems: Callable[[ManuscriptError], None], keep_going: Callable[[], bool] = lambda: True) -> None:
    """Serve the galley on HOST:`port` (0: any free port) and rebuild it after every save until
    interrupted (Ctrl-C) or `keep_going()` is false."""
    from nashr.watch import watch

    latest = _Latest()
    out_dir.mkdir(parents=True, exist_ok=True)
    handler = type("Handler", (_Handler,), {"latest": latest})
    server = ThreadingHTTPServer((HOST, port), partial(handler, directory=str(out_dir.absolute())))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"nashr: previewing at http://{HOST}:{server.server_address[1]}/ (Ctrl-C to stop)", flush=True)
    try:
        watch(manuscript_dir, out_dir, ["html"], make_progress, report_problems, keep_going=keep_going,
              built=latest.built)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

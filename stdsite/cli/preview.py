"""The preview's web server: serves the newest complete build (a "generation" folder), reloads open
pages when a new one is published, and shows the errors of a failed build in the page.

- Every HTML page gets a small script that long-polls `/livereload/<epoch>`; the answer comes
  when a newer generation (or a failed build) is published, and the page reloads.
- A generation is published as soon as the pages open in a browser are rendered; a request for a
  file the generation does not have yet waits until the build is finished (never an old or half
  written file: every file appears whole, under its final name).
- After a failed build every page shows the errors (Chinese, `path:line: message`) and reloads
  when the next build succeeds; styles, scripts and images still come from the last good build.
"""
from __future__ import annotations

import errno
import html
import logging
import mimetypes
import os
import posixpath
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import UsageError

POLL_SECONDS = 60
RECENT_PAGES = 8            # pages rendered first after a change: the ones last opened

RELOAD_SCRIPT = """<script>(function(){var epoch=%d;function poll(){var r=new XMLHttpRequest();
r.onloadend=function(){if(r.status===200&&parseInt(r.responseText,10)>epoch){location.reload();}
else{setTimeout(poll,r.status===200?0:1000);}};r.open("GET","%slivereload/"+epoch);r.send();}
if(document.readyState==="complete"){poll();}else{window.addEventListener("load",poll);}})();</script>"""


@dataclass
class Generation:
    """One build's folder; `done` is set when every file of it is written."""

    folder: Path
    done: threading.Event = field(default_factory=threading.Event)


class PreviewState:
    """What the server shows, changed by the builder thread and read by the request threads."""

    def __init__(self, mount: str) -> None:
        self.mount = mount                         # the site's path on the server (`/` or `/std/`)
        self.lock = threading.Condition()
        self.epoch = 0
        self.current: Generation | None = None     # the generation being served
        self.good: Generation | None = None        # the last complete generation (assets while failing)
        self.errors: list[str] | None = None       # the failed build's messages
        self.recent: OrderedDict[str, None] = OrderedDict()
        self.waiting: dict[str, int] = {}            # pages a request waits for (the builder renders them next)

    # -- the builder's side --------------------------------------------------------------------------
    def publish(self, generation: Generation) -> None:
        """Serve `generation` from now on and reload open pages (it may still be finishing)."""
        with self.lock:
            self.current = generation
            self.errors = None
            self.epoch += 1
            self.lock.notify_all()

    def finished(self, generation: Generation) -> None:
        generation.done.set()
        with self.lock:
            if self.current is generation:
                self.good = generation
            self.lock.notify_all()

    def abandon(self, generation: Generation) -> None:
        """A build given up for a newer one: serve the last complete generation meanwhile."""
        generation.done.set()
        with self.lock:
            if self.current is generation:
                self.current = self.good
            self.lock.notify_all()

    def fail(self, errors: list[str]) -> None:
        """Show `errors` in every page until the next published generation."""
        with self.lock:
            if self.current is not None and not self.current.done.is_set():
                self.current.done.set()            # an abandoned build: stop waiting for its files
            self.current = self.good
            self.errors = errors
            self.epoch += 1
            self.lock.notify_all()

    def waited_for(self) -> set[str]:
        with self.lock:
            return set(self.waiting)

    def open_pages(self) -> list[str]:
        """The site paths of the pages opened last (most recent first)."""
        with self.lock:
            return list(reversed(self.recent))

    # -- the server's side ---------------------------------------------------------------------------
    def wait_newer(self, epoch: int) -> int:
        with self.lock:
            self.lock.wait_for(lambda: self.epoch > epoch, timeout=POLL_SECONDS)
            return self.epoch

    def opened(self, rel: str) -> None:
        with self.lock:
            self.recent.pop(rel, None)
            self.recent[rel] = None
            while len(self.recent) > RECENT_PAGES:
                self.recent.popitem(last=False)


class Handler(BaseHTTPRequestHandler):
    server: "PreviewServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:       # quiet: the editor watches the page, not the log
        pass

    def do_GET(self) -> None:                   # noqa: N802 - http.server's naming
        state = self.server.state
        path = unquote(urlsplit(self.path).path)
        if path.startswith("/livereload/"):
            tail = path[len("/livereload/"):]
            epoch = state.wait_newer(int(tail) if tail.isdigit() else 0)
            return self._send(200, b"%d" % epoch, "text/plain")
        if not path.startswith(state.mount):
            if path + "/" == state.mount or path == "/":
                return self._redirect(state.mount)
            return self._send(404, b"404", "text/plain")
        rel = posixpath.normpath("/" + path[len(state.mount):]).lstrip("/")
        if rel == ".":
            rel = ""
        page = rel if not rel or rel.endswith(".html") else None
        if path.endswith("/"):
            page = (rel + "/" if rel else "") + "index.html"
        with state.lock:
            errors, generation, epoch = state.errors, state.current, state.epoch
        if errors is not None and (page is not None or "." not in posixpath.basename(rel)):
            return self._send(200, error_page(errors, epoch, state.mount), "text/html; charset=utf-8")
        if generation is None:
            return self._send(503, "网站正在生成，请稍候刷新。".encode("utf-8"), "text/plain; charset=utf-8")
        target = page or rel
        file = self._find(generation, target)
        if file is None and page is None and (self._find(generation, rel + "/index.html") is not None):
            return self._redirect(path + "/")
        if file is None:
            missing = self._find(generation, "404.html")
            body = missing.read_bytes() if missing else b"404"
            return self._send(404, self._inject(body, epoch), "text/html; charset=utf-8")
        if target.endswith(".html"):
            state.opened(target)
            return self._send(200, self._inject(file.read_bytes(), epoch), "text/html; charset=utf-8")
        kind = mimetypes.guess_type(target)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        return self._send(200, file.read_bytes(), kind)

    def _find(self, generation: Generation, rel: str) -> Path | None:
        """The file of the generation, waiting for the build while it may still appear (a page
        waited for is rendered next)."""
        path = generation.folder / rel
        if path.is_file() or generation.done.is_set():
            return path if path.is_file() else None
        state = self.server.state
        with state.lock:
            state.waiting[rel] = state.waiting.get(rel, 0) + 1
        try:
            while not path.is_file():
                if generation.done.wait(timeout=0.05):
                    break
        finally:
            with state.lock:
                state.waiting[rel] -= 1
                if not state.waiting[rel]:
                    del state.waiting[rel]
        return path if path.is_file() else None

    def _inject(self, body: bytes, epoch: int) -> bytes:
        script = (RELOAD_SCRIPT % (epoch, self.server.state.mount)).encode("utf-8")
        end = body.rfind(b"</body>")
        return body + script if end < 0 else body[:end] + script + body[end:]

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, code: int, body: bytes, kind: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


class PortInUse(UsageError):
    """The preview's port is taken (the message is the whole line the editor sees)."""


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = os.name != "nt"   # (on Windows it would let a second preview take a port in use)
    allow_reuse_port = False                # (a second preview must not share the port either)
    state: PreviewState                     # set by serve() before the server is started

    def __init__(self, host: str, port: int) -> None:
        super().__init__((host, port), Handler)

    def handle_error(self, request, client_address) -> None:
        """A browser that closed the connection (a reload, a closed tab) is no error; anything else
        is one line in the console (the traceback only with --verbose)."""
        import sys
        error = sys.exc_info()[1]
        if not isinstance(error, (BrokenPipeError, ConnectionResetError)):
            logging.getLogger("mkdocs.plugins.stdsite").error(
                "预览服务器处理请求时出错（请把这条信息发给维护人员）：%s: %s", type(error).__name__, error,
                exc_info=logging.getLogger("mkdocs").isEnabledFor(logging.INFO))


def bind(host: str, port: int) -> PreviewServer:
    """The preview's server, listening on host:port — or one Chinese line saying why it cannot."""
    try:
        return PreviewServer(host, port)
    except OSError as exc:
        other = port + 1 if port < 65535 else 8000
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(f"端口 {port} 已被占用，请用 --port 指定其他端口，如 --port {other}") from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise PortInUse(f"没有权限使用端口 {port}（1024 以下的端口需要管理员权限），请用 --port 指定其他端口，"
                            f"如 --port {other}") from None
        raise


def error_page(errors: list[str], epoch: int, mount: str) -> bytes:
    """The page every preview tab shows while the sources have errors (it reloads by itself)."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in errors)
    stamp = time.strftime("%H:%M:%S")
    page = f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>预览：源文件有错误</title>
<style>body{{font:16px/1.6 "Noto Sans CJK SC",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}}
h1{{color:#b71c1c;font-size:1.5rem}}ul{{padding-left:1.2rem}}li{{margin:.4rem 0;font-family:monospace;white-space:pre-wrap;
word-break:break-all}}p.hint{{color:#555}}</style></head>
<body><main class="std-preview-errors">
<h1>源文件有错误，预览未更新</h1>
<p class="hint">请按下面的提示修改并保存，本页会自动刷新（{stamp}）。</p>
<ul>{items}</ul>
</main>{RELOAD_SCRIPT % (epoch, mount)}</body></html>
"""
    return page.encode("utf-8")

"""`build.py serve`: the live preview. MkDocs' own development server and live reload, with our
session kept for the whole preview, so a rebuild re-renders only the pages whose Markdown changed
(dirty builds) and reuses the cache."""
from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

from .. import pipeline
from ..escape import html_attr
from .site import load_config, source_date_epoch

log = logging.getLogger("mkdocs.plugins.stdsite")


class ErrorLines(logging.Handler):
    """Collects the error lines MkDocs and our plugin log during one rebuild."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def failure_page(lines: list[str]) -> bytes:
    """A Chinese page listing what to fix (it reloads by itself when a rebuild succeeds)."""
    items = "".join(f"<li>{html_attr(line)}</li>" for line in lines)
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>预览：源文件有错误</title></head>'
            f'<body style="font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.6">'
            f'<h1>源文件有错误，预览未更新</h1><p>请按下面的提示改正源文件并保存，本页会自动刷新。</p>'
            f'<ul style="color:#b71c1c">{items}</ul></body></html>').encode("utf-8")


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server; while the last rebuild failed, every page is the error page."""

    failure: bytes | None = None

    def _serve_request(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        failure = self.failure
        if failure is not None and not path.startswith("/livereload/") and (path.endswith("/") or path.endswith(".html")):
            with self._epoch_cond:
                epoch = self._visible_epoch
            content = self._inject_js_into_html(failure, epoch)
            start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                         ("Content-Length", str(len(content)))])
            return [content]
        return super()._serve_request(environ, start_response)


def serve(session: pipeline.Session, config_file: str, port: int) -> None:
    """Serve on 127.0.0.1:`port` until interrupted; a saved source file rebuilds the site."""
    from mkdocs.commands.build import build
    from mkdocs.livereload import _serve_url

    source_date_epoch(session.settings.as_of)
    site_dir = tempfile.mkdtemp(prefix="stdsite-preview-")

    def get_config() -> MkDocsConfig:
        config = load_config(session, config_file, site_dir=site_dir, dev_addr=f"127.0.0.1:{port}", strict=False)
        config.plugins["stdsite"].dirty = True
        return config

    config = get_config()
    host, port_ = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port_, mount_path)

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("正在重新生成……")
        if config is None:
            config = get_config()
        config.site_url = serve_url
        # other pages' navigation may lag behind a renamed title until the next full build
        build(config, serve_url=serve_url, dirty=True)

    def rebuild() -> None:
        """A rebuild after a change: when it fails, every page shows what to fix (never a browser
        left waiting), until a rebuild succeeds."""
        errors = ErrorLines()
        logging.getLogger("mkdocs").addHandler(errors)
        try:
            builder()
            server.failure = None
        except Exception as exc:              # noqa: BLE001 - whatever failed, the editor sees a page
            lines = errors.lines or [f"内部错误（请把这条信息发给维护人员）：{type(exc).__name__}: {exc}"]
            server.failure = failure_page(lines)
            log.error("源文件有错误，预览显示错误页；改正后保存即可自动刷新")
        finally:
            logging.getLogger("mkdocs").removeHandler(errors)

    server = PreviewServer(builder=rebuild, host=host, port=port_, root=site_dir, mount_path=mount_path)

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        config.site_url = serve_url
        builder(config)                       # the first build: a failure stops the preview (main says why)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("预览已停止")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)

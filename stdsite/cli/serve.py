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

from .. import pipeline
from .site import load_config, source_date_epoch

log = logging.getLogger("mkdocs.plugins.stdsite")


def serve(session: pipeline.Session, config_file: str, port: int) -> None:
    """Serve on 127.0.0.1:`port` until interrupted; a saved source file rebuilds the site."""
    from mkdocs.commands.build import build
    from mkdocs.livereload import LiveReloadServer, _serve_url

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

    server = LiveReloadServer(builder=builder, host=host, port=port_, root=site_dir, mount_path=mount_path)

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        config.site_url = serve_url
        builder(config)
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

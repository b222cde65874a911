"""`build.py serve`: the live preview. One process keeps the session (parsed sources, diagrams,
QR codes) and the last build's state for as long as it runs; a saved file starts a build of a
new generation folder that links every unchanged page and file from the previous one and renders
the changed pages — the ones open in a browser first, which are then shown at once.

A build with errors in the sources (or a broken link) does not stop the preview: every open page
shows the errors and reloads when the next save fixes them.
"""
from __future__ import annotations

import logging
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from .. import pipeline
from ..errors import Problems, ToolMissing
from ..mkdocs import driver
from ..output.sitefiles import SiteWriter
from .preview import Generation, PreviewServer, PreviewState
from .site import explain_failure, load_config, source_date_epoch, template_cache

log = logging.getLogger("mkdocs.plugins.stdsite")
SETTLE_SECONDS = 0.05            # a save often comes as several file events: wait for the last


class Builder:
    """Builds generations one after the other, in its own thread, when told that files changed."""

    def __init__(self, session: pipeline.Session, config_file: str, state: PreviewState, root: Path,
                 serve_url: str) -> None:
        self.session = session
        self.config_file = config_file
        self.state = state
        self.root = root
        self.serve_url = serve_url
        self.site = driver.SiteState()
        self.pages: dict[str, str] = {}           # the last build's Markdown, by page source
        self.use_directory_urls = True
        self.previous: Generation | None = None
        self.changed = threading.Event()
        self.templates = template_cache(session)
        self.stopped = False
        self.count = 0

    def run(self) -> None:
        while not self.stopped:
            self.changed.wait()
            if self.stopped:
                break
            while self.changed.is_set():          # let a burst of file events end
                self.changed.clear()
                time.sleep(SETTLE_SECONDS)
            if self.stopped:
                break
            self.build()

    def build(self, workers: int = 1) -> None:
        """One build (on `workers` processes: only while no other thread runs); never raises
        (the errors go to the page)."""
        started = time.perf_counter()
        self.count += 1
        folder = self.root / f"generation-{self.count}"
        generation = Generation(folder)
        logged = driver.LogCapture(logging.ERROR)
        logging.getLogger("mkdocs").addHandler(logged)
        try:
            project, problems = pipeline.check(self.session.settings, self.session.cache)
            for warning in problems.warnings:
                log.info(str(warning))
            if problems.errors or project is None:
                self._fail([str(e) for e in problems.errors] or ["源文件有错误"])
                return
            problems = Problems()       # (printed once: the plugin, run twice with a quick look, gets none)
            log.debug("stdsite: check %.3f s", time.perf_counter() - started)
            writer = SiteWriter(folder, self.previous.folder if self.previous else None, self.site.manifest)
            quick = self._quick_look(project, problems, writer, generation, started) if workers == 1 else {}

            def shown(steps: dict) -> None:
                if not quick:
                    self.state.publish(generation)
                log.debug("stdsite: open pages rendered after %.3f s %s", time.perf_counter() - started, steps)

            self.session.checked = (project, problems)
            config = load_config(self.session, self.config_file, site_dir=str(folder), strict=False)
            options = driver.Options(workers, self.serve_url, self.state.open_pages(), shown, self._cancelled,
                                     self.templates, self.state.waited_for)
            self.site = driver.build(config, writer, self.site, options)
            self.pages = dict(config.plugins["stdsite"].pages)
            self.use_directory_urls = config.use_directory_urls
        except driver.Cancelled:                 # a newer save: build that one instead
            self.state.abandon(generation)
            shutil.rmtree(folder, ignore_errors=True)
            return
        except ToolMissing as exc:
            self._fail([str(exc)])
            return
        except Exception as exc:                # noqa: BLE001 - the preview shows it and keeps running
            from mkdocs.exceptions import Abort, PluginError
            if isinstance(exc, PluginError):
                message = str(exc)
            elif isinstance(exc, Abort):
                message = explain_failure(exc).replace("，网站未更新", "")
            else:
                message = f"内部错误（请把这条信息发给维护人员）：{type(exc).__name__}: {exc}"
            lines = [m for _, _, m in logged.records if m not in message] + message.splitlines()
            self._fail(lines)
            shutil.rmtree(folder, ignore_errors=True)
            return
        finally:
            logging.getLogger("mkdocs").removeHandler(logged)
        if self.state.current is not generation or any(
                writer.entries[page].digest != found for page, found in quick.items() if page in writer.entries):
            self.state.publish(generation)       # (the quick look was not what the build made: show the build's)
        self.state.finished(generation)
        old, self.previous = self.previous, generation
        if old is not None:
            shutil.rmtree(old.folder, ignore_errors=True)
        log.info("预览已更新（%.1f 秒）", time.perf_counter() - started)
        log.debug("stdsite: steps %s", self.site.timings)

    def _cancelled(self) -> bool:
        """A newer save, or the preview stopping: the build under way gives up."""
        return self.changed.is_set() or self.stopped

    def _quick_look(self, project, problems, writer: SiteWriter, generation: Generation, started: float) -> dict:
        """Render the open pages alone, from the new sources and the previous build's other pages,
        and show them; {page: digest} of what was shown ({} when there was nothing to do)."""
        from ..urls import Links
        open_pages = self.state.open_pages()
        if not self.pages or not open_pages:
            return {}
        html_of = Links(self.use_directory_urls).html_file
        sources = {html_of(src): src for src in self.pages}
        wanted = [sources[page] for page in open_pages if page in sources]
        if not wanted:
            return {}
        self.session.checked = (project, problems)
        config = load_config(self.session, self.config_file, site_dir=str(generation.folder), strict=False)
        config.plugins["stdsite"].quick = (self.pages, wanted)
        quick = driver.show_first(config, writer, open_pages, driver.Options(1, self.serve_url, templates=self.templates))
        if quick:
            self.state.publish(generation)
            log.debug("stdsite: quick look shown after %.3f s", time.perf_counter() - started)
        return quick

    def _fail(self, errors: list[str]) -> None:
        for line in errors:
            log.error(line)
        self.state.fail(errors)


class EditorLines(logging.Filter):
    """What an editor reads in the console while the preview runs: our Chinese lines (each
    rebuild's result, warnings, errors) — not MkDocs', watchdog's or our own timings in English."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.name == log.name and not record.getMessage().startswith("stdsite:")


def quiet_logging(verbose: bool = False, debug: bool = False) -> None:
    """The console of `serve`: Chinese lines only; with --verbose every library's log too."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(name)s - %(message)s" if verbose else "%(message)s"))
    if not verbose:
        handler.addFilter(EditorLines())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    logging.getLogger("mkdocs").setLevel(logging.INFO if verbose else logging.WARNING)
    log.setLevel(logging.DEBUG if debug else logging.INFO)


def serve(session: pipeline.Session, config_file: str, server: PreviewServer) -> None:
    """Serve the preview with `server` (bound already) until interrupted; saved files rebuild it."""
    from mkdocs.config import load_config as mkdocs_load_config
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    source_date_epoch(session.settings.as_of)
    config = mkdocs_load_config(config_file=config_file)
    mount = "/" + urlsplit(config.site_url or "/").path.strip("/") + "/"
    mount = mount.replace("//", "/")
    root = Path(tempfile.mkdtemp(prefix="stdsite-preview-"))
    state = server.state = PreviewState(mount)
    host, port = server.server_address[:2]
    builder = Builder(session, config_file, state, root, f"http://{host}:{port}{mount}")

    class Changed(FileSystemEventHandler):
        def __init__(self, only: str | None = None) -> None:
            self.only = only                     # a single file of a watched folder

        def on_any_event(self, event) -> None:
            if self.only is not None and self.only not in (event.src_path, getattr(event, "dest_path", None)):
                return
            if event.event_type in ("created", "deleted", "moved") or \
                    not event.is_directory and event.event_type in ("modified", "closed"):
                builder.changed.set()               # (files being read give `opened` events: not a change)

    observer = Observer()
    watched = [Path(session.settings.src), Path(config.docs_dir), session.settings.diagrams,
               *[Path(p) for p in config.watch]]
    for path in watched:
        if path.exists():
            observer.schedule(Changed(), str(path.resolve()), recursive=True)
    if config.config_file_path:
        config_path = Path(config.config_file_path).resolve()
        observer.schedule(Changed(str(config_path)), str(config_path.parent), recursive=False)
    # `kill` (SIGTERM) stops the preview as Ctrl+C does, so that its temporary folder is removed
    signal.signal(signal.SIGTERM, _interrupt)
    serving = threading.Thread(target=server.serve_forever, name="stdsite-preview", daemon=True)
    building = threading.Thread(target=builder.run, name="stdsite-builder", daemon=True)
    try:
        builder.build(session.settings.workers)  # the first build, on every core (no thread runs yet)
        building.start()
        observer.start()
        serving.start()
        while serving.is_alive():
            serving.join(0.5)
    except KeyboardInterrupt:
        log.info("预览已停止")
    finally:
        builder.stopped = True
        builder.changed.set()                    # (a build under way gives up at its next page)
        if observer.is_alive():
            observer.stop()
        if serving.is_alive():
            server.shutdown()
        if building.is_alive():                  # let it stop writing before its folder is removed
            building.join(10)
        shutil.rmtree(root, ignore_errors=True)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt

"""Building the site: into a working folder beside the output, swapped in when the build
succeeded (a failed or killed build leaves the previous site untouched), reproducibly, only ever
replacing a folder a previous build made (output/folders.py), and incrementally: pages and files
that did not change are linked from the previous site (stdsite/mkdocs/driver.py); what the
previous build left is kept in the build cache."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import shutil
from pathlib import Path

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig

from .. import pipeline
from ..errors import BuildFailed, UsageError, os_reason
from ..mkdocs import driver
from ..output.cache import read_trusted, trusted_folder
from ..output.folders import (STAMP, STAMP_TEXT, guard_output_folder, make_public, replace_dir,
                              working_folder)
from ..output.sitefiles import SiteWriter


def load_config(session: pipeline.Session, config_file: str, **overrides: object) -> MkDocsConfig:
    """The MkDocs config with the session handed to our plugin."""
    from mkdocs.config import load_config as mkdocs_load_config
    from mkdocs.exceptions import ConfigurationError
    try:
        config = mkdocs_load_config(config_file=config_file, **overrides)
    except ConfigurationError as exc:
        raise UsageError(f"网站配置文件 {config_file} 有误：{exc}") from None
    config.plugins["stdsite"].session = session
    return config


def source_date_epoch(as_of: dt.date) -> int:
    """Reproducible output: MkDocs dates the sitemap from SOURCE_DATE_EPOCH, the bundle its zip
    entries; it follows the as-of date unless the caller pinned it (the reproducible-builds
    convention, the one setting read from the environment)."""
    os.environ.setdefault("SOURCE_DATE_EPOCH",
                          str(int(dt.datetime.combine(as_of, dt.time(), dt.timezone.utc).timestamp())))
    return int(os.environ["SOURCE_DATE_EPOCH"])


def protected(session: pipeline.Session, config_file: str) -> list[tuple[Path, str]]:
    """What no output folder may be, contain or (the sources) lie in."""
    kept = [(Path(session.settings.src), "源文件夹"), (Path(config_file).parent, "项目文件夹")]
    if session.cache.folder is not None:
        kept.append((session.cache.folder, "缓存文件夹"))
    return kept


def built_before_stamps(folder: Path) -> bool:
    """A site built by a version that wrote no stamp: our assets and our search index."""
    return (folder / "assets" / "stdsite").is_dir() and (folder / "search" / "stdsearch.js").is_file()


def check_site_folder(session: pipeline.Session, out: Path, config_file: str) -> Path:
    """The resolved output folder if a build may replace it; UsageError (nothing touched) if not."""
    return guard_output_folder(out, "输出文件夹", protected(session, config_file), built_before_stamps)


def state_file(session: pipeline.Session, out: Path) -> Path | None:
    """Where the cache keeps what the last build into `out` left (None without a cache folder)."""
    folder = session.cache.folder
    if folder is None:
        return None
    return folder / f"site-{hashlib.sha1(str(out).encode('utf-8')).hexdigest()[:16]}.pickle"


def template_cache(session: pipeline.Session) -> object | None:
    """Compiled theme templates kept in the build cache (Jinja checks each against its source)."""
    if session.cache.folder is None:
        return None
    return TrustedBytecodeCache(str(trusted_folder(session.cache.folder / "templates")))


class TrustedBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache reading only files this user wrote and no one else may write
    (compiled templates are code)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = read_trusted(Path(self._get_cache_filename(bucket)))
        if data is not None:
            bucket.load_bytecode(io.BytesIO(data))


def build_site(session: pipeline.Session, out: Path, config_file: str, offline: bool = False) -> None:
    """Build into a working folder beside `out`, then swap it in: a failed build leaves `out` as it was.
    The web site gets a `.gz` twin of every text file; the offline bundle does not."""
    from mkdocs.exceptions import Abort, BuildError, PluginError

    source_date_epoch(session.settings.as_of)
    out = check_site_folder(session, out, config_file)
    saved = None if offline else state_file(session, out)
    previous = driver.SiteState.load(saved) if out.is_dir() else driver.SiteState()
    tmp = working_folder(out, "building")
    try:
        overrides: dict[str, object] = {"site_dir": str(tmp)}
        if offline:
            overrides["use_directory_urls"] = False
        config = load_config(session, config_file, **overrides)
        writer = SiteWriter(tmp, out if out.is_dir() else None, previous.manifest, compress=not offline)
        writer.write(STAMP, STAMP_TEXT)      # the folder is ours: the next build may replace it
        try:
            state = driver.build(config, writer, previous,
                                 driver.Options(session.settings.workers, templates=template_cache(session)))
        except (PluginError, BuildError, Abort) as exc:
            raise BuildFailed([]) from exc
        try:
            make_public(tmp)                  # the web server (another user) reads the site
            replace_dir(tmp, out)
        except OSError as exc:
            raise UsageError(f"无法把网站放到 {out}：{os_reason(exc)}") from None
        if saved is not None:
            state.save(saved)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def explain_failure(exc: BaseException) -> str:
    """MkDocs ends a failed build with an English `Abort` after logging the real error: say it in Chinese."""
    text = str(exc)
    if text == "Aborted with a BuildError!":
        return "详见上面的错误信息，网站未更新"
    m = re.fullmatch(r"Aborted with (\d+) warnings? in strict mode!", text)
    if m:
        return f"严格模式下有 {m.group(1)} 个警告（见上面的 WARNING），网站未更新"
    if text == "Aborted with a configuration error!":
        return "mkdocs.yml 配置有误（见上面的 ERROR），网站未更新"
    if text.startswith("Aborted"):
        return "详见上面的错误信息，网站未更新"
    return text

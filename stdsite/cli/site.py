"""Building the site with MkDocs: into a working folder beside the output, swapped in when the
build succeeded (a failed build leaves the previous site untouched), reproducibly — and only
ever replacing a folder a previous build made (output/folders.py)."""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from .. import pipeline
from ..errors import BuildFailed, UsageError, os_reason
from ..output.folders import guard_output_folder, replace_dir, stamp, working_folder


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


def build_site(session: pipeline.Session, out: Path, config_file: str, offline: bool = False) -> None:
    """Build into a working folder beside `out`, then swap it in: a failed build leaves `out` as it was."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, BuildError, PluginError

    source_date_epoch(session.settings.as_of)
    out = check_site_folder(session, out, config_file)
    tmp = working_folder(out, "building")
    try:
        overrides: dict[str, object] = {"site_dir": str(tmp)}
        if offline:
            overrides["use_directory_urls"] = False
        config = load_config(session, config_file, **overrides)
        try:
            build(config)
        except (PluginError, BuildError, Abort) as exc:
            raise BuildFailed([]) from exc
        try:
            stamp(tmp)
            replace_dir(tmp, out)
        except OSError as exc:
            raise UsageError(f"无法把网站放到 {out}：{os_reason(exc)}") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)

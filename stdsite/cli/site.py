"""Building the site with MkDocs: into a temporary folder beside the output, swapped in when the
build succeeded (a failed build leaves the previous site untouched), reproducibly."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from .. import pipeline
from ..errors import BuildFailed, UsageError
from ..output.files import replace_dir


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


def build_site(session: pipeline.Session, out: Path, config_file: str, offline: bool = False) -> None:
    """Build into a temporary folder beside `out`, then swap it in: a failed build leaves `out` as it was."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, BuildError, PluginError

    source_date_epoch(session.settings.as_of)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        overrides: dict[str, object] = {"site_dir": str(tmp)}
        if offline:
            overrides["use_directory_urls"] = False
        config = load_config(session, config_file, **overrides)
        try:
            build(config)
        except (PluginError, BuildError, Abort) as exc:
            raise BuildFailed([]) from exc
        replace_dir(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)

"""Building the site: into a temporary folder beside the output, swapped in when the build
succeeded (a failed or killed build leaves the previous site untouched), reproducibly, and
incrementally: pages and files that did not change are linked from the previous site
(stdsite/mkdocs/driver.py); what the previous build left is kept in the build cache."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from .. import pipeline
from ..errors import BuildFailed, UsageError
from ..mkdocs import driver
from ..output.files import replace_dir
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
    import jinja2
    folder = session.cache.folder / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


def build_site(session: pipeline.Session, out: Path, config_file: str, offline: bool = False) -> None:
    """Build into a temporary folder beside `out`, then swap it in: a failed build leaves `out` as it was.
    The web site gets a `.gz` twin of every text file; the offline bundle does not."""
    from mkdocs.exceptions import Abort, BuildError, PluginError

    source_date_epoch(session.settings.as_of)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    saved = None if offline else state_file(session, out)
    previous = driver.SiteState.load(saved) if out.is_dir() else driver.SiteState()
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-{os.getpid()}-", dir=out.parent))
    try:
        overrides: dict[str, object] = {"site_dir": str(tmp)}
        if offline:
            overrides["use_directory_urls"] = False
        config = load_config(session, config_file, **overrides)
        writer = SiteWriter(tmp, out if out.is_dir() else None, previous.manifest, compress=not offline)
        try:
            state = driver.build(config, writer, previous, driver.Options(session.settings.workers, templates=template_cache(session)))
        except (PluginError, BuildError, Abort) as exc:
            raise BuildFailed([]) from exc
        replace_dir(tmp, out)
        if saved is not None:
            state.save(saved)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def remove_leftovers(out: Path) -> None:
    """Remove what builds into `out` that were killed left beside it (`.site.building-<pid>-…`,
    `.site.old-<pid>-…`): only folders whose build process is gone."""
    for path in out.parent.glob(f".{out.name}.*-*"):
        kind, _, rest = path.name[len(out.name) + 2:].partition("-")
        pid = rest.partition("-")[0]
        if kind in ("building", "old") and pid.isdigit() and path.is_dir() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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

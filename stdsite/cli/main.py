"""`build.py`: the one entry point for editors. check | build | serve | bundle | new | publish.

Exit codes: 0 success, 1 problems in the sources, 2 bad usage or a missing tool.
This is the only place that catches broad exceptions: an editor never sees a traceback.
"""
from __future__ import annotations

import argparse
import gc
import logging
import sys
from pathlib import Path
from typing import TextIO

from .. import pipeline
from ..errors import BuildFailed, Problems, ToolMissing, UsageError, os_reason
from ..model import Project
from ..output.cache import BuildCache, check_cache_place
from ..output.graphviz import require_dot
from ..output.parallel import available_cores
from .args import parse_args
from .preview import PortInUse, bind


def session_for(args: argparse.Namespace, workers: int = 1) -> pipeline.Session:
    """The settings and the build cache of this command (`workers`: processes a build may use)."""
    here = Path(args.config).resolve().parent
    settings = pipeline.Settings(args.src, args.as_of_date, here / "diagrams", workers)
    cache = Path(args.cache) if args.cache else here / ".cache" / "stdsite"
    check_cache_place(cache, [(Path(args.src), "源文件夹")])
    check_cache_place(cache, [(Path(args.out), "网站输出文件夹"), (Path(args.dist), "离线包文件夹")], inside=False)
    return pipeline.Session(settings, BuildCache(cache))


def report(problems: Problems, out: TextIO | None = None) -> None:
    out = out or sys.stderr         # looked up at call time, so a caller may redirect it
    for item in problems.errors + problems.warnings:
        print(str(item), file=out)
    n_err, n_warn = problems.error_count, len(problems.warnings)
    if n_err:
        print(f"共 {n_err} 个错误，{n_warn} 个警告。请改正后重试。", file=out)
    elif n_warn:
        print(f"共 {n_warn} 个警告（不影响生成）。", file=out)


def check(session: pipeline.Session, publishing: str | None = None) -> Project:
    """Check the sources and print what was found; the next build of the session reuses the result.
    `publishing`: the edition being published (its "not yet published" warning is not shown)."""
    project, problems = pipeline.check(session.settings, session.cache)
    if publishing is not None:
        problems.items = [p for p in problems.items
                          if not (p.warning and str(p).endswith(f"python build.py publish {publishing}"))]
    report(problems)
    if problems.errors or project is None:
        raise BuildFailed(problems.errors)
    session.checked = (project, problems)
    return project


def setup_logging() -> None:
    """Show MkDocs' warnings and errors (strict mode turns them into a failed build), not its chatter."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.WARNING)
    logger.propagate = False


def cmd_build(args: argparse.Namespace) -> int:
    from .site import build_site, check_site_folder
    session = session_for(args, available_cores())
    check_site_folder(session, Path(args.out), args.config)        # before anything else: refuse early
    check(session)
    require_dot()
    setup_logging()
    build_site(session, Path(args.out), args.config)
    print_notices(session)
    print(f"网站已生成：{args.out}/（状态截至 {args.as_of_date.isoformat()}）")
    return 0


def print_notices(session: pipeline.Session) -> None:
    """What the build found wrong with its settings (the build itself succeeded)."""
    for notice in session.notices:
        print(notice, file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    project = check(session_for(args))
    print(f"检查通过：标准 {len(project.standards)} 项，规范性文件 {len(project.documents)} 项，"
          f"课程 {len(project.courses)} 门。")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import quiet_logging, serve
    server = bind("127.0.0.1", args.port)            # first: a port in use is said before anything is built
    try:
        session = session_for(args, available_cores())
        require_dot()
        quiet_logging(args.verbose or args.debug, args.debug)
        print(f"预览地址：http://127.0.0.1:{args.port}/ （修改 {args.src}/ 下的文件并保存后，打开的页面自动刷新；"
              "源文件有错误时页面上显示错误；按 Ctrl+C 退出）", flush=True)
        serve(session, args.config, server)
    finally:
        server.server_close()
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from ..output.bundle import check_dist_folder, make_bundle
    from .site import build_site, protected, source_date_epoch
    session = session_for(args, available_cores())
    check_dist_folder(Path(args.dist), protected(session, args.config))     # before anything else: refuse early
    check(session)
    require_dot()
    setup_logging()
    zip_path = make_bundle(Path(args.dist), args.as_of_date, source_date_epoch(args.as_of_date),
                           lambda site: build_site(session, site, args.config, offline=True),
                           protected(session, args.config))
    print_notices(session)
    print(f"离线包已生成：{zip_path}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import new_source
    path = new_source(args.arg, Path(args.src))
    print(f"已创建：{path}（请按注释填写后运行 python build.py check）")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from .publish import publish
    if not args.arg:
        raise UsageError("请给出要发布的期次编号，如：python build.py publish 2025-1")
    project = check(session_for(args), publishing=args.arg)
    path = publish(project, args.arg, args.as_of_date)
    print(f"期次 {args.arg} 已冻结：{path}")
    return 0


HANDLERS = {"build": cmd_build, "check": cmd_check, "serve": cmd_serve, "bundle": cmd_bundle,
            "new": cmd_new, "publish": cmd_publish}


def collect_garbage_rarely(command: str) -> None:
    """A check keeps every parsed file alive and a build a thousand pages: with Python's default
    thresholds the collector walks that growing heap again every 700 allocations, which cost a
    fifth of a `check`. A check makes no reference cycles worth collecting (its peak memory is
    the same without the collector); a build's pages do, so a build collects, far less often."""
    gc.freeze()                                   # the modules imported so far are never garbage
    if command == "check":
        gc.disable()
    else:
        gc.set_threshold(100_000, 50, 100)


def main(argv: list[str] | None = None) -> int:
    args = None
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
        if argv is None:              # a command's own process (tests call main() in theirs)
            collect_garbage_rarely(args.command)
        return HANDLERS[args.command](args)
    except PortInUse as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except UsageError as exc:
        print(f"用法错误：{exc}", file=sys.stderr)
        return 2
    except ToolMissing as exc:
        print(f"缺少工具：{exc}", file=sys.stderr)
        return 2
    except BuildFailed as exc:
        if not exc.errors and exc.__cause__ is not None:
            from .site import explain_failure
            print(f"生成失败：{explain_failure(exc.__cause__)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:              # the system refused a file operation (read-only, full, busy…)
        print(f"系统错误：{os_reason(exc)}", file=sys.stderr)
        if args is not None and args.debug:
            raise
        return 2
    except Exception as exc:  # noqa: BLE001 - last line of defence: no traceback for editors
        print(f"内部错误（请把这条信息发给维护人员）：{type(exc).__name__}: {exc}", file=sys.stderr)
        if args is not None and args.debug:
            raise
        return 1

"""`build.py`: the one entry point for editors. check | build | serve | bundle | new | publish.

Exit codes: 0 success, 1 problems in the sources, 2 bad usage or a missing tool.
This is the only place that catches broad exceptions: an editor never sees a traceback.
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .errors import BuildFailed, Problems, ToolMissing, UsageError
from .load import load_project

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description="重庆机关事务标准化发布系统：检查源文件、生成网站与离线包")
    parser.add_argument("command", nargs="?", default="build",
                        choices=["build", "check", "serve", "bundle", "new", "publish"], help="要执行的命令（默认 build）")
    parser.add_argument("arg", nargs="?", help="new 的类型（standard / course），或 publish 的期次编号")
    parser.add_argument("--src", default="standards_src", help="源文件夹（默认 standards_src）")
    parser.add_argument("--out", default="site", help="网站输出文件夹（默认 site）")
    parser.add_argument("--dist", default="dist", help="离线包输出文件夹（默认 dist）")
    parser.add_argument("--as-of", dest="as_of", help="状态计算日期 YYYY-MM-DD（默认今天）")
    parser.add_argument("--port", type=int, default=8000, help="serve 的端口（默认 8000）")
    parser.add_argument("--config", default=str(CONFIG), help=argparse.SUPPRESS)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        raise SystemExit(0 if exc.code == 0 else 2)
    if args.as_of:
        try:
            args.as_of_date = dt.date.fromisoformat(args.as_of)
        except ValueError:
            raise UsageError(f"--as-of 的日期「{args.as_of}」格式不对，应为 YYYY-MM-DD") from None
    else:
        args.as_of_date = dt.date.today()
    return args


def report(problems: Problems, out=None) -> None:
    out = out or sys.stderr         # looked up at call time, so a caller may redirect it
    for item in problems.errors + problems.warnings:
        print(str(item), file=out)
    n_err, n_warn = len(problems.errors), len(problems.warnings)
    if n_err:
        print(f"共 {n_err} 个错误，{n_warn} 个警告。请改正后重试。", file=out)
    elif n_warn:
        print(f"共 {n_warn} 个警告（不影响生成）。", file=out)


def check(args) -> tuple[object, Problems]:
    from .advice import catalog_warnings
    from .catalog import Catalog
    project, problems = load_project(args.src, ROOT / "diagrams")
    if project is not None and not problems.errors:
        problems.items.extend(catalog_warnings(Catalog(project, args.as_of_date)))
    report(problems)
    if problems.errors or project is None:
        raise BuildFailed(problems.errors)
    from .load import preload
    preload(args.src, ROOT / "diagrams", project, problems)
    return project, problems


def require_graphviz() -> None:
    if shutil.which("dot") is None:
        raise ToolMissing("未找到 Graphviz 的 dot 命令，无法绘制流程图。请安装：sudo apt-get install graphviz fonts-noto-cjk"
                          "（Windows 可从 graphviz.org 下载安装并加入 PATH）")


def _environment(args) -> None:
    """The plugin reads its settings from these, so build, serve and bundle share one config."""
    os.environ["STDSITE_SRC"] = args.src
    os.environ["STDSITE_AS_OF"] = args.as_of_date.isoformat()
    # reproducible output: the sitemap's dates follow the as-of date unless the caller pins them
    os.environ.setdefault("SOURCE_DATE_EPOCH",
                          str(int(dt.datetime.combine(args.as_of_date, dt.time(), dt.timezone.utc).timestamp())))


def mkdocs_build(args, out: Path, offline: bool = False) -> None:
    """Build into a temporary folder beside `out`, then swap it in: a failed build leaves `out` as it was."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError, PluginError

    _environment(args)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        overrides = {"site_dir": str(tmp)}
        if offline:
            overrides["use_directory_urls"] = False
        try:
            config = load_config(config_file=args.config, **overrides)
            build(config)
        except ConfigurationError as exc:
            raise UsageError(f"网站配置文件 {args.config} 有误：{exc}") from None
        except (PluginError, BuildError, Abort) as exc:
            raise BuildFailed([]) from exc
        replace_dir(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def replace_dir(new: Path, out: Path) -> None:
    """Swap `new` in for `out` with renames, so readers never see a half-written site."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}-{time.monotonic_ns()}")
        os.rename(out, old)
    try:
        os.rename(new, out)
    except OSError:
        if old is not None:             # put the previous site back: never leave no site at all
            os.rename(old, out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def setup_logging() -> None:
    """Show MkDocs' warnings and errors (strict mode turns them into a failed build), not its chatter."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.WARNING)
    logger.propagate = False


def cmd_build(args) -> int:
    project, _ = check(args)
    require_graphviz()
    setup_logging()
    mkdocs_build(args, Path(args.out))
    print(f"网站已生成：{args.out}/（状态截至 {args.as_of_date.isoformat()}）")
    return 0


def cmd_check(args) -> int:
    project, problems = check(args)
    print(f"检查通过：标准 {len(project.standards)} 项，规范性文件 {len(project.documents)} 项，"
          f"课程 {len(project.courses)} 门。")
    return 0


def cmd_serve(args) -> int:
    from mkdocs.commands.serve import serve
    check(args)
    require_graphviz()
    _environment(args)
    print(f"预览地址：http://127.0.0.1:{args.port}/ （修改 {args.src}/ 下的文件后页面自动刷新；按 Ctrl+C 退出）")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from mkdocs.exceptions import Abort
    try:
        # dirty rebuilds re-render only the pages whose Markdown changed (see plugin.py); the
        # navigation of other pages may lag behind until the next full build, so not strict here
        serve(config_file=args.config, dev_addr=f"127.0.0.1:{args.port}", livereload=True, watch=[args.src],
              build_type="dirty", strict=False)
    except Abort as exc:                # the first build failed (e.g. a broken link): its errors are printed above
        print(f"预览未启动：{_explain_failure(exc).replace('，网站未更新', '')}", file=sys.stderr)
        return 1
    return 0


def cmd_bundle(args) -> int:
    from .bundle import make_bundle
    check(args)
    require_graphviz()
    setup_logging()
    zip_path = make_bundle(args, mkdocs_build)
    print(f"离线包已生成：{zip_path}")
    return 0


def cmd_new(args) -> int:
    from .templates import new_source
    path = new_source(args.arg, Path(args.src))
    print(f"已创建：{path}（请按注释填写后运行 python build.py check）")
    return 0


def cmd_publish(args) -> int:
    from .publish import publish
    if not args.arg:
        raise UsageError("请给出要发布的期次编号，如：python build.py publish 2025-1")
    project, _ = check(args)
    path = publish(project, args.arg, args.as_of_date)
    print(f"期次 {args.arg} 已冻结：{path}")
    return 0


COMMANDS = {"build": cmd_build, "check": cmd_check, "serve": cmd_serve, "bundle": cmd_bundle,
            "new": cmd_new, "publish": cmd_publish}


def _explain_failure(exc: BaseException) -> str:
    """MkDocs ends a failed build with an English `Abort` after logging the real error: say it in Chinese."""
    import re
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


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"用法错误：{exc}", file=sys.stderr)
        return 2
    except ToolMissing as exc:
        print(f"缺少工具：{exc}", file=sys.stderr)
        return 2
    except BuildFailed as exc:
        if not exc.errors and exc.__cause__ is not None:
            print(f"生成失败：{_explain_failure(exc.__cause__)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence: no traceback for editors
        print(f"内部错误（请把这条信息发给维护人员）：{type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("STDSITE_DEBUG"):
            raise
        return 1

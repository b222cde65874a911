"""The command line of `build.py`: the options, the Chinese help, and every mistake on the command
line as one Chinese line (a UsageError: exit code 2) — argparse's own English never reaches the editor.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path

from ..errors import UsageError
from ..text import did_you_mean

ROOT = Path(__file__).resolve().parent.parent.parent
CONFIG = ROOT / "mkdocs.yml"
COMMANDS = ("build", "check", "serve", "bundle", "new", "publish")
OPTIONS = ("--src", "--out", "--dist", "--as-of", "--port", "--cache", "--verbose", "-h")
TAKES_ARG = ("new", "publish")                 # the commands followed by a word of their own
AS_OF_RANGE = (dt.date(1980, 1, 1), dt.date(2099, 12, 31))    # (zip files cannot hold dates before 1980)
AS_OF_FORM = f"YYYY-MM-DD 形式的日期（{AS_OF_RANGE[0].isoformat()} 至 {AS_OF_RANGE[1].isoformat()}），如 --as-of 2025-06-30"
HINT = "（运行 python build.py -h 查看用法）"

HELP = f"""\
用法：python build.py [命令] [类型或期次] [选项]

重庆机关事务标准化发布系统：检查源文件、生成网站与离线包。

命令：
  check                  只检查源文件，不生成网站（每次修改后先运行它）
  build                  检查并生成网站到 --out 文件夹（不写命令时就是 build）
  serve                  本机预览 http://127.0.0.1:8000/ ，保存源文件后打开的页面自动刷新
  bundle                 生成离线包（.zip 及其 .sha256 校验文件）到 --dist 文件夹
  new standard           从带注释的模板新建一个标准源文件（new course：新建课程）
  publish 期次           冻结一期目录，如 publish 2025-2（按日期先后逐期发布）

选项（放在命令后面）：
  --src 文件夹           源文件夹（默认 standards_src）
  --out 文件夹           网站输出文件夹（默认 site）
  --dist 文件夹          离线包输出文件夹（默认 dist，仅 bundle）
  --as-of YYYY-MM-DD     状态计算日期（默认今天），{AS_OF_RANGE[0].year} 至 {AS_OF_RANGE[1].year} 年之间
  --port 端口            serve 使用的端口（默认 8000）
  --cache 文件夹         缓存文件夹（默认 .cache/stdsite；删除它只会让下一次生成变慢）
  --verbose              serve 时也显示 MkDocs 等程序的英文日志（供维护人员排查问题）
  -h, --help             显示本帮助并退出

退出码：0 成功；1 源文件有问题（逐条列出文件和行号）；2 用法错误、缺少工具或系统问题。
示例：python build.py check    python build.py --as-of 2025-06-30    python build.py publish 2025-2
详见网站“使用帮助 → 常用命令与报错”（docs/help/commands.md）。
"""


class ChineseParser(argparse.ArgumentParser):
    """argparse with a Chinese help text and its mistakes as UsageErrors (one line, exit code 2)."""

    def error(self, message: str):
        raise UsageError(translate_argparse(message))

    def format_help(self) -> str:
        return HELP

    def format_usage(self) -> str:
        return HELP.splitlines()[0] + "\n"


def translate_argparse(message: str) -> str:
    """argparse's English error as a Chinese line (with a did-you-mean for a mistyped command)."""
    m = re.match(r"argument (\S+): invalid int value: '(.*)'$", message)
    if m:
        return f"{m.group(1).split('/')[-1]} 的值「{m.group(2)}」应为整数"
    m = re.match(r"argument command: invalid choice: '(.*?)'", message)
    if m:
        hint = did_you_mean(m.group(1), COMMANDS) or "。"
        return f"未知的命令「{m.group(1)}」{hint}可用的命令：{'、'.join(COMMANDS)}"
    m = re.match(r"argument (\S+): expected one argument$", message)
    if m:
        return f"{m.group(1).split('/')[-1]} 后面缺少值"
    m = re.match(r"argument (\S+): ignored explicit argument '(.*)'$", message)
    if m:
        return f"{m.group(1).split('/')[-1]} 后面不能带值「{m.group(2)}」{HINT}"
    m = re.match(r"unrecognized arguments: (.*)$", message)
    if m and m.group(1).startswith("-"):
        option = m.group(1).split()[0].split("=")[0]
        hint = did_you_mean(option, OPTIONS) or "。"
        return f"未知的选项「{option}」{hint}可用的选项：{'、'.join(OPTIONS)}"
    if m:
        return f"多余的参数「{m.group(1)}」{HINT}"
    return f"命令行参数有误{HINT}"


def make_parser() -> ChineseParser:
    parser = ChineseParser(prog="build.py", allow_abbrev=False)     # (an abbreviation could name a hidden option)
    parser.add_argument("command", nargs="?", default="build", choices=COMMANDS)
    parser.add_argument("arg", nargs="?")
    parser.add_argument("--src", default="standards_src")
    parser.add_argument("--out", default="site")
    parser.add_argument("--dist", default="dist")
    parser.add_argument("--as-of", dest="as_of")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--cache")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--config", default=str(CONFIG))
    parser.add_argument("--debug", action="store_true")         # (maintainers: tracebacks, timings)
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The options of one command, checked: a UsageError names the option and what it accepts."""
    try:
        args = make_parser().parse_intermixed_args(argv)      # options may come after publish's id too
    except SystemExit as exc:                                   # (only -h ends here: errors raise UsageError)
        raise SystemExit(0 if exc.code == 0 else 2)
    if args.arg is not None and args.command not in TAKES_ARG:
        raise UsageError(f"命令 {args.command} 后面不需要参数，多余的参数「{args.arg}」{HINT}")
    args.as_of_date = as_of_date(args.as_of) if args.as_of is not None else dt.date.today()
    if not 1 <= args.port <= 65535:
        raise UsageError(f"--port 的值「{args.port}」应为 1 到 65535 之间的整数，如 --port 8001")
    check_folders(args)
    return args


def as_of_date(text: str) -> dt.date:
    """The --as-of date; a UsageError for a malformed, impossible or out-of-range one."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise UsageError(f"--as-of 的值「{text}」格式不对，应为 {AS_OF_FORM}")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of 的日期「{text}」不存在，请检查月份和日；应为 {AS_OF_FORM}") from None
    if not AS_OF_RANGE[0] <= day <= AS_OF_RANGE[1]:
        raise UsageError(f"--as-of 的日期「{text}」超出范围，应为 {AS_OF_FORM}")
    return day


def check_folders(args: argparse.Namespace) -> None:
    """The source folder must exist; the cache, where given or by default, must be (or become) a folder."""
    src = Path(args.src)
    if not src.is_dir():
        if src.exists():
            raise UsageError(f"--src 指定的「{args.src}」是一个文件，不是文件夹；请指定源文件夹")
        raise UsageError(f"找不到源文件夹「{args.src}」；请检查 --src 的写法，或在项目文件夹（build.py 所在的文件夹）中运行")
    cache = Path(args.cache) if args.cache else Path(args.config).resolve().parent / ".cache" / "stdsite"
    blocking = next((f for f in (cache, *cache.parents) if f.exists()), None)
    if blocking is None or blocking.is_dir():
        return
    named = f"--cache 指定的「{args.cache}」" if args.cache else f"缓存文件夹「{cache}」"
    what = "是一个文件，不是文件夹" if blocking == cache else f"无法建立：「{blocking}」是一个文件，不是文件夹"
    fix = "请用 --cache 指定一个文件夹（或删去 --cache，使用默认的 .cache/stdsite）" if args.cache else \
        "请删除或改名这个文件，或用 --cache 指定其他文件夹"
    raise UsageError(f"{named}{what}；{fix}")

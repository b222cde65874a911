"""Rules of a Markdown body that need nothing but the body: its links and images, lines meant as
headings that Markdown does not read as such, clause headings that are not clauses, and code
blocks whose kind is misspelt. Checked for every body, even when the file's front matter has
errors, so that one run reports everything."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from ..errors import quote
from ..load.markdown import FOREWORDS, chinese_numbered, glued_number, heading_slips, links, scan
from ..model import BLOCK_KINDS
from ..text import did_you_mean
from .schema import Checker

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
WEB_SCHEMES = ("http", "https", "mailto", "tel", "ftp")
CLAUSE_ANCHOR = re.compile(r"^(\d+(?:\.\d+)*|[A-Z](?:\.\d+)*)$")
# fences shown as code as written (no structured block): what the help pages themselves use
PLAIN_KINDS = frozenset({"", "text", "txt", "yaml", "markdown", "md"})
# Chinese names editors give the structured blocks
CHINESE_KINDS = {"流程": "flow", "流程图": "flow", "检查表": "checklist", "检查": "checklist",
                 "达标判断": "criteria", "判断": "criteria", "图": "dot", "测验": "quiz", "试题": "quiz",
                 "考题": "quiz"}


def check_body_text(body: str, body_line: int, check: Checker, clauses: frozenset[str] | None = None,
                    here: Path | None = None) -> None:
    """Every rule of this module; `clauses` are the clause numbers of a standard (None for a course
    or a case: their headings are not clauses, so `#anchors` have nothing to point at); `here` is
    the file's folder (a link to a file that is there gets its own hint)."""
    _links(body, body_line, check, clauses, here)
    for line, message in heading_slips(body, body_line):
        check.warn(line, message)
    if clauses is not None:
        _clause_shapes(body, body_line, check)
    _fence_kinds(body, body_line, check)


def _links(body: str, body_line: int, check: Checker, clauses: frozenset[str] | None, here: Path | None) -> None:
    forewords = {FOREWORDS[name] for h in scan(body, body_line)[0]
                 if h.level == 2 and (name := re.sub(r"[\s\u3000]", "", h.text)) in FOREWORDS}
    for link in links(body, body_line):
        what = "图片" if link.image else "链接"
        target = link.target
        if not target or target.startswith("//"):
            continue
        scheme = SCHEME.match(target)
        if scheme and len(scheme.group(0)) > 2 and scheme.group(0)[:-1].lower() in WEB_SCHEMES:
            continue
        if target.startswith("#"):
            fragment = target[1:]
            if clauses is None:
                check.error(link.line, f"{what} {quote(target)} 指向本页中的位置，本页不支持这种链接；"
                                       f"引用标准的条款请写成 [[Q/CQJG 101-2023#5.1]] 的形式")
            elif fragment not in clauses | forewords:
                named = f"条款 {quote(fragment)} 在本标准中不存在" if CLAUSE_ANCHOR.match(fragment) else "位置在本页上不存在"
                check.error(link.line, f"{what} {quote(target)} 指向的{named}；"
                                       f"引用本标准的条款请写成 [[#5.1]] 的形式")
            continue
        if scheme and len(scheme.group(0)) > 2 and scheme.group(0)[:-1].lower() != "file":
            check.error(link.line, f"{what} {quote(target)} 不是网址，网站上打不开；请写完整的网址，如 https://www.cq.gov.cn")
        elif scheme or "\\" in target:
            check.error(link.line, f"{what} {quote(target)} 指向电脑上的文件，网站上打不开；"
                                   f"文件请写在 attachments 中作为附件发布")
        elif re.match(r"^www\.|^[\w-]+\.(gov|com|org|net|edu)\.cn\b|^[\w-]+\.(com|cn|org|net)(/|$)", target):
            check.error(link.line, f"{what} {quote(target)} 缺少「https://」，请写完整的网址，如 https://{target}")
        elif here is not None and _is_file(here, target):
            check.error(link.line, f"{what} {quote(target)} 指向文件夹中的文件，正文中不能这样链接，网站上打不开；"
                                   f"请把它写在 attachments 中作为附件发布（页面末尾会列出下载链接）")
        elif link.image:
            check.error(link.line, f"图片 {quote(target)} 指向的文件不存在：正文中不能直接插入文件夹里的图片；"
                                   f"图片请写在 attachments 中作为附件发布，流程和示意图可用 flow 或 dot 代码块绘制")
        else:
            check.error(link.line, f"链接 {quote(target)} 指向的文件不存在：正文中的链接只能是网址（https://…）；"
                                   f"引用标准请写 [[标准编号]]，文件请写在 attachments 中作为附件发布")


def _is_file(here: Path, target: str) -> bool:
    try:
        return (here / unquote(target.partition("#")[0].partition("?")[0])).is_file()
    except (OSError, ValueError):
        return False


def _clause_shapes(body: str, body_line: int, check: Checker) -> None:
    """Headings of a standard that look like clauses but are not read as clauses."""
    for heading in scan(body, body_line)[0]:
        if heading.level < 2:
            continue
        number = glued_number(heading.text)
        marks = "#" * heading.level
        if number:
            title = heading.text[len(number):].lstrip(".．")
            check.warn(heading.line, f"标题 {quote(heading.text)} 的编号「{number}」后面缺少空格，不会作为条款"
                                     f"（无法链接和引用）；请写成「{marks} {number} {title}」")
        elif chinese_numbered(heading.text):
            check.warn(heading.line, f"标题 {quote(heading.text)} 用了中文编号，不会作为条款（无法链接和引用）；"
                                     f"标准的条款请用阿拉伯数字编号，如「## 5 管理要求」「### 5.1 派车」")


def _fence_kinds(body: str, body_line: int, check: Checker) -> None:
    """Code blocks whose first word is not a block kind: shown as plain code, which is rarely what
    the editor meant (a misspelt ` ```flwo `)."""
    kinds = "、".join(BLOCK_KINDS)
    for info, _, first, _ in scan(body, body_line)[1]:
        word = info.split()[0] if info else ""
        if word in BLOCK_KINDS or word.lower() in PLAIN_KINDS:
            continue
        close = CHINESE_KINDS.get(word) or (word.lower() if word.lower() in BLOCK_KINDS else None)
        hint = f"，是否应为「{close}」？" if close else did_you_mean(word.lower(), BLOCK_KINDS, cutoff=0.5)
        if hint:
            check.error(first, f"代码块类型 {quote(word)} 写错了{hint}（可用：{kinds}，要用小写英文）；"
                               f"写错时整块会按原样显示为代码")
        else:
            check.warn(first, f"代码块类型 {quote(word)} 不认识，整块将按原样显示为代码；结构化内容可用：{kinds}")

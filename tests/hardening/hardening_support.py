"""Helpers shared by the hardening tests: fixture source texts and small assertions (tests/support.py
holds the project-wide helpers)."""
from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

CJK = re.compile(r"[\u4e00-\u9fff]")


def std(**fields) -> str:
    """A valid metadata-only standard (YAML) with fields replaced; a value of None drops the field."""
    base = {"code": "Q/T 1-2024", "title": "测试标准", "level": "组织内部标准", "framework": "JC-TY-01",
            "effective": "2024-01-01"}
    base.update(fields)
    return "".join(f"{k}: {v}\n" for k, v in base.items() if v is not None)


def md(body: str, **fields) -> str:
    """A full-text standard: front matter from `std(**fields)` (lines 2-6 by default) and `body`."""
    return f"---\n{std(**fields)}---\n{body}"


def block(kind: str, content: str, clause_body: str = "## 5 要求\n\n### 5.1 派车\n\n派车应登记。\n\n", **fields) -> str:
    """A standard whose body has clauses 5 and 5.1 and one fenced block of `kind`."""
    return md(f"\n{clause_body}```{kind}\n{content}```\n", **fields)


COURSE = """\
---
id: drivers-101
title: 驾驶员培训
audience: 一线职工
minutes: 30
standards: [Q/CQJG 101-2023]
---

## 1 派车规定
<!-- minutes: 30 -->

见 [[Q/CQJG 101-2023#5.1]]。
"""


def course(**fields) -> str:
    """A valid course with front matter fields replaced (None drops a field)."""
    front = {"id": "drivers-101", "title": "驾驶员培训", "audience": "一线职工", "minutes": "30",
             "standards": "[Q/CQJG 101-2023]"}
    front.update(fields)
    head = "".join(f"{k}: {v}\n" for k, v in front.items() if v is not None)
    return f"---\n{head}---\n\n## 1 派车规定\n<!-- minutes: 30 -->\n\n见 [[Q/CQJG 101-2023#5.1]]。\n"


def line_of(text: str | bytes, needle: str) -> int:
    """1-based number of the first line of `text` containing `needle`."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the fixture text")


def site_files(folder: Path) -> dict[str, bytes]:
    """{relative path: bytes} of every file under folder."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def cli(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """`python build.py ARGS` run in this process (exit code, stdout, stderr): the same code path
    as the command, without starting Python and MkDocs again for each refusal. Uses the tests'
    shared cache unless `--cache` is given."""
    from stdsite.cli.main import main
    from support import TEST_CACHE
    if "--cache" not in args:
        args = (*args, "--cache", str(TEST_CACHE))
    out, err, here = io.StringIO(), io.StringIO(), os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        os.chdir(here)
    return code, out.getvalue(), err.getvalue()

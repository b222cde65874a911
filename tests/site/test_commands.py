"""The commands as an editor runs them: `python build.py check|build|new` in a subprocess —
exit codes, messages on stderr, the diagram cache between two builds, new source files."""
from __future__ import annotations

import json

from support import run_build
from unit.test_blocks import FLOW_OK, HEAD
from unit.test_load import std
from unit.test_training import quiz_course


"""`build.py new standard|course` writes a commented template that passes `check` as written."""


def test_new_standard_and_course_pass_check(make_project):
    src = make_project()
    for kind in ("standard", "standard", "course"):
        result = run_build("new", kind, "--src", str(src))
        assert result.returncode == 0, result.stderr
    assert len(list((src / "standards").glob("new-standard-*.md"))) == 2
    check = run_build("check", "--src", str(src))
    assert check.returncode == 0, check.stderr


def test_new_without_kind_is_usage_error(make_project):
    assert run_build("new", "--src", str(make_project())).returncode == 2


def test_quiz_errors_fail_the_check_with_path_and_line(make_project):
    src = make_project({"courses/c.md": quiz_course("- q: 题\n  options: [甲, 乙]\n  answer: 丙\n")})
    result = run_build("check", "--src", str(src), "--as-of", "2025-06-30")
    assert result.returncode == 1
    assert f"{src}/courses/c.md:9: 第 1 题的答案 「丙」 不是任何一个选项" in result.stderr


def test_second_build_renders_nothing(make_project, tmp_path):
    src = make_project({"standards/v.md": HEAD + FLOW_OK + "\n```dot\ndigraph { 申请 -> 审批 }\n```\n"})
    cache = tmp_path / "cache"
    for expected in (3, 0):             # the two blocks and the system's structure diagram
        result = run_build("build", "--src", str(src), "--out", str(tmp_path / "site"), "--as-of", "2025-06-30",
                           "--cache", str(cache))
        assert result.returncode == 0, result.stdout + result.stderr
        stats = json.loads((cache / "last-render.json").read_text())
        assert stats["rendered"] == expected and stats["diagrams"] == 3
    assert len(list(cache.glob("[0-9a-f]*.svg"))) == 3
    page = (tmp_path / "site" / "standards" / "q-cqjg-201-2024" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="flowchart"') == 2 and '<ol class="std-flow__steps">' in page


def test_check_command_prints_errors_and_exits_1(make_project):
    src = make_project({"standards/a.yaml": std(effective="2023-02-30")})
    result = run_build("check", "--src", str(src))
    assert result.returncode == 1
    assert f"{src}/standards/a.yaml:5: 字段「effective」的日期 「2023-02-30」 不存在" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "共 1 个错误" in result.stderr


def test_bad_usage_exits_2(make_project):
    assert run_build("check", "--as-of", "2025/1/1").returncode == 2
    assert run_build("frobnicate").returncode == 2

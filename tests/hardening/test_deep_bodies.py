"""Bodies Markdown cannot handle: lists and quotes nested too deep made Python-Markdown recurse
until a RecursionError (a traceback; 200 levels already took 5 s). `check` refuses them with the
line, and a build of such a body ends with that message, not a traceback. The build runs in a
subprocess with a generous timeout: without the rule it hangs or crashes."""
from __future__ import annotations

import pytest

from support import FRAMEWORK, run_build, write_tree
from hardening_support import cli, line_of, md

NESTED = {        # (body, the line of the body first refused, its levels)
    "indented list": ("\n".join("    " * i + f"- 项{i}" for i in range(400)), 12, 13),
    "markers on one line": ("- " * 600 + "项", 0, 600),
    "quotes and lists": ("> 1. " * 300 + "项", 0, 600),
}


@pytest.mark.parametrize("kind", sorted(NESTED))
def test_check_refuses_nesting_too_deep(make_project, kind):
    body, offset, levels = NESTED[kind]
    text = md(f"\n## 1 范围\n\n正文。\n\n{body}\n")
    src = make_project({"standards/a.md": text})
    code, _, err = cli("check", "--src", str(src))
    assert code == 1
    line = line_of(text, body.split("\n")[0][:12]) + offset
    assert f"{src}/standards/a.md:{line}: 列表或引用嵌套了 {levels} 层" in err, err[:500]
    assert "超过上限 12 层，无法生成网页；请减少嵌套层数" in err and "Traceback" not in err


def test_ordinary_nesting_and_rules_are_fine(make_project):
    text = md("\n## 1 范围\n\n1. 甲\n    - 乙\n        > 丙\n\n- - - - - - - - - - - - - - - -\n\n正文。\n")
    src = make_project({"standards/a.md": text})
    code, _, err = cli("check", "--src", str(src))
    assert code == 0, err


def test_build_of_a_deep_list_ends_with_the_message(tmp_path):
    body = NESTED["markers on one line"][0]
    src = write_tree(tmp_path / "src", {"framework.yaml": FRAMEWORK,
                                        "standards/a.md": md(f"\n## 1 范围\n\n{body}\n", framework="YX-GC-01")})
    result = run_build("build", "--src", str(src), "--out", str(tmp_path / "site"), "--as-of", "2025-06-30", timeout=600)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "列表或引用嵌套了 600 层" in result.stderr and "Traceback" not in result.stderr


def test_many_ampersand_paragraphs_render_in_a_subprocess(make_project):
    """A guard for the reported slowdown with many paragraphs of `& ` (each becomes `&amp;`): the
    check, our page Markdown and Python-Markdown's conversion of 20,000 of them finish well within
    the (generous) timeout; measured linear here (4,000 to 32,000 paragraphs)."""
    import subprocess
    import sys
    import textwrap
    from support import ROOT
    src = make_project({"standards/a.md": md("\n## 1 范围\n\n" + "\n\n".join(["& "] * 20_000) + "\n")})
    script = textwrap.dedent(f"""
        import datetime as dt, sys
        sys.path.insert(0, {str(ROOT / 'tests')!r})
        import markdown
        from support import load_project, render_context
        from stdsite.render.standards import standard_page
        project, problems = load_project({str(src)!r})
        assert not problems.errors, problems.errors
        standard = next(s for s in project.standards if s.code == "Q/T 1-2024")
        page = standard_page(render_context(project, dt.date(2025, 6, 30)), standard)
        html = markdown.markdown(page.split("\\n---\\n", 1)[1], extensions=["attr_list", "md_in_html", "tables", "toc"])
        print(html.count("<p>&amp;"))
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[-1] == "20000"

"""Comparison symbols are one set (≥ ≤ > < =, never full-width ＞＜＝ beside ≥), with a hint when an
editor types a full-width one; in the offline bundle a link to a folder is a broken link (from
file:// a folder opens as a file list, not its index.html)."""
from __future__ import annotations

import re

from stdsite.model.blocks import Criterion
from stdsite.output.linkcheck import check_site
from stdsite.render.blocks.forms import requirement

from hardening_support import block, cli, line_of


def test_requirements_use_one_set_of_symbols():
    shown = [requirement(Criterion("a", "温度", op, 70, "℃", None, 1)) for op in (">=", "<=", ">", "<", "==")]
    assert shown == ["≥ 70℃", "≤ 70℃", "> 70℃", "< 70℃", "= 70℃"]
    assert not re.search("[＞＜＝]", "".join(shown))


def test_a_full_width_operator_gets_a_hint(make_project):
    text = block("criteria", 'items:\n  - {name: 温度, op: "＞", value: 70, unit: ℃}\n')
    src = make_project({"standards/a.md": text})
    code, _, err = cli("check", "--src", str(src))
    assert code == 1
    assert f"{src}/standards/a.md:{line_of(text, 'op:')}: " in err and "是否应为「>」" in err, err


def test_a_folder_link_is_broken_in_the_offline_bundle_only(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub/index.html").write_text("<p>子页</p>", encoding="utf-8")
    (tmp_path / "a.html").write_text('<a href="sub/">子页</a> <a href="sub/index.html">子页</a>', encoding="utf-8")
    assert check_site(tmp_path) == []                              # the web site: the server serves index.html
    (broken,) = check_site(tmp_path, folders=False)
    assert (broken.page, broken.target) == ("a.html", "sub/")
    assert "离线包从本机打开（file://）时显示的是文件列表而不是页面" in broken.reason

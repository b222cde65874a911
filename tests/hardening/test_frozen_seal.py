"""A published directory edition must not change silently: a hand edit of its frozen file (an
entry's title or status, an entry added or deleted, the edition's own fields) is an error naming
the entry and saying how to issue a new edition. A change of the sources after publishing stays
a warning (the page keeps the published list)."""
from __future__ import annotations

import json

from support import STANDARD_MD
from hardening_support import cli

EDITIONS = "editions:\n  - {id: 2024-1, date: 2024-06-30}\n  - {id: 2025-1, date: 2025-06-30}\n"
NEW_EDITION = "如需更正目录，请在 directory.yaml 中增加新的一期，再运行 python build.py publish <新期次>"


def published(make_project):
    src = make_project({"directory.yaml": EDITIONS})
    code, _, err = cli("publish", "2024-1", "--src", str(src), "--as-of", "2025-06-30")
    assert code == 0, err
    path = src / "directory/2024-1.json"
    return src, path, json.loads(path.read_text(encoding="utf-8"))


def check(src):
    code, _, err = cli("check", "--src", str(src), "--as-of", "2025-06-30")
    return code, err


def write(path, data) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def test_a_changed_title_or_status_is_an_error_naming_the_entry(make_project):
    src, path, data = published(make_project)
    assert check(src)[0] == 0
    entry = next(e for e in data["entries"] if e["id"] == "Q/CQJG 101-2023")
    entry["title"], entry["status"] = "公务用车使用管理办法", "废止"
    text = write(path, data)
    code, err = check(src)
    assert code == 1
    line = text.count("\n", 0, text.index('"Q/CQJG 101-2023"', text.index('"entries"'))) + 1
    assert (f"{path}:{line}: 期次 「2024-1」 的条目 「Q/CQJG 101-2023」 的内容（名称、状态等）与发布时不同"
            f"（按当前源文件：名称「公务用车使用管理规范」，状态「现行」）。已发布的期次不能改动") in err, err
    assert NEW_EDITION in err


def test_an_entry_added_or_deleted_by_hand_is_an_error(make_project):
    src, path, data = published(make_project)
    gone = data["entries"].pop(0)
    data["entries"].append({"kind": "标准", "id": "Q/X 1-2024", "title": "假标准", "status": "现行"})
    write(path, data)
    code, err = check(src)
    assert code == 1
    assert f"期次 「2024-1」 发布时的条目 「{gone['id']}」 被手工删除了。" in err
    assert "期次 「2024-1」 的条目 「Q/X 1-2024」 是发布后手工加入的。" in err


def test_the_editions_own_fields_changed_by_hand_are_an_error(make_project):
    src, path, data = published(make_project)
    data["title"] = "另一个标题"
    write(path, data)
    code, err = check(src)
    assert code == 1
    assert f"{path}: 期次 「2024-1」 的日期、标题或新增、移除清单与发布时不同。" in err


def test_sources_changed_after_publishing_stay_a_warning(make_project):
    src, path, _ = published(make_project)
    q101 = src / "standards/q101.md"
    q101.write_text(STANDARD_MD.replace("公务用车使用管理规范", "公务用车使用规范"), encoding="utf-8")
    code, err = check(src)
    assert code == 0, err
    assert "已发布并冻结，页面按已发布内容显示，但按当前源文件计算的目录不同" in err

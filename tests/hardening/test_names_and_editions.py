"""Names that become files and pages cannot overwrite each other or fail to unpack on Windows
(reserved slugs, names differing only in case, characters Windows cannot hold), and a published
edition's lists cannot contradict its entries.

Each test is a reproduction from the adversarial run (issue "Nothing lost, nothing injected").
"""
from __future__ import annotations

import json

from support import STANDARD_MD
from hardening_support import cli, line_of, std


def check(src) -> tuple[int, str]:
    code, _, err = cli("check", "--src", str(src), "--as-of", "2025-06-30")
    return code, err


def test_a_code_taking_a_listing_page_s_name_is_refused(make_project):
    """`code: INDEX` took the slug `index` and overwrote standards/index.html."""
    text = std(code="INDEX")
    src = make_project({"standards/a.yaml": text, "standards/b.yaml": std(code="CON", title="设备名")})
    code, err = check(src)
    assert code == 1
    assert (f"{src}/standards/a.yaml:{line_of(text, 'code:')}: 标准编号 「INDEX」 生成的网址名称 「index」 "
            f"与同一文件夹中的列表页 index 同名，请检查编号") in err
    assert f"{src}/standards/b.yaml:1: 标准编号 「CON」 生成的网址名称 「con」 是 Windows 的保留名称「con」" in err


def test_documents_differing_only_in_case_collide(make_project):
    """`Yjgf-…` / `yjgf-…` collided when the zip was unpacked on Windows."""
    doc = "number: 渝{n}号\ntitle: 文件\nissuer: 某局\nissued: 2024-01-01\n"
    src = make_project({"documents/Yjgf-2021-1.yaml": doc.format(n=1), "documents/yjgf-2021-1.yaml": doc.format(n=2)})
    code, err = check(src)
    assert code == 1
    assert (f"{src}/documents/yjgf-2021-1.yaml: 文件名（决定网址，不区分大小写） 「yjgf-2021-1」 与 "
            f"{src}/documents/Yjgf-2021-1.yaml 重复") in err


def test_attachment_names_windows_cannot_hold_are_refused(make_project):
    """Attachment names with `? " < >`, newlines or RTL overrides broke extraction."""
    names = ['表?.pdf', 'a"b.pdf', "x<y>.pdf", "line\nbreak.pdf", "invoice\u202efdp.exe.pdf", "nul.pdf", "Form.PDF"]
    attachments = "".join(f"  - {{file: {json.dumps('files/' + n, ensure_ascii=False)}}}\n" for n in names)
    text = std() + "attachments:\n" + attachments + "  - {file: files/form.pdf}\n"
    files = {f"standards/files/{n}": "x" for n in names}
    files["standards/files/form.pdf"] = "y"
    src = make_project({"standards/a.yaml": text, **files})
    code, err = check(src)
    assert code == 1
    first = line_of(text, "attachments:") + 1
    expected = ["含有 Windows 文件名不允许的字符「?」", "含有 Windows 文件名不允许的字符「\"」",
                "含有 Windows 文件名不允许的字符「< >」", "含有换行等控制字符", "含有改变文字方向的控制字符",
                "是 Windows 的保留名称「nul」"]
    for offset, fragment in enumerate(expected):
        assert f"{src}/standards/a.yaml:{first + offset}: 附件 " in err and fragment in err, fragment
        line = next(l for l in err.splitlines() if l.startswith(f"{src}/standards/a.yaml:{first + offset}: "))
        assert fragment in line, (fragment, line)
    assert (f"{src}/standards/a.yaml:{first + len(names)}: 附件 「files/form.pdf」 与本标准的另一个附件的文件名只差大小写"
            f"（在 Windows 上会互相覆盖），请改名") in err


EDITIONS = "editions:\n  - {id: 2024-1, date: 2024-06-30}\n  - {id: 2025-1, date: 2025-06-30}\n"
LATER = STANDARD_MD.replace("Q/CQJG 101-2023", "Q/CQJG 102-2025").replace("2023-03-01", "2025-01-01") \
    .replace("2023-04-01", "2025-02-01")


def test_a_hand_edited_published_edition_fails_check(make_project):
    """A `removed` entry that was never listed, or that is still among the entries, passed check
    and was published."""
    src = make_project({"directory.yaml": EDITIONS, "standards/later.md": LATER})
    for edition in ("2024-1", "2025-1"):
        assert cli("publish", edition, "--src", str(src), "--as-of", "2025-06-30")[0] == 0
    assert check(src)[0] == 0
    path = src / "directory/2025-1.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["added"] == ["Q/CQJG 102-2025"]
    data["removed"] = [{"id": "GB/T 99999-2099", "reason": "废止", "by": []},
                       {"id": "Q/CQJG 101-2023", "reason": "废止", "by": []}]
    data["added"].append("DB50/T 1016-2020")
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    path.write_text(text, encoding="utf-8")
    code, err = check(src)
    assert code == 1
    shown = f"{src}/directory/2025-1.json"
    removed = text.index('"removed"')
    line = lambda needle: text.count("\n", 0, text.index(needle, removed)) + 1          # noqa: E731
    assert f"{shown}:{line('GB/T 99999-2099')}: 期次 「2025-1」 的移除清单中的 「GB/T 99999-2099」 不在上一期（2024-1 期）目录中（从未列入）" in err
    assert f"{shown}:{line('Q/CQJG 101-2023')}: 期次 「2025-1」 的移除清单中的 「Q/CQJG 101-2023」 仍在本期的条目中" in err
    added_line = text.count("\n", 0, text.index('"DB50/T 1016-2020"', text.index('"added"'))) + 1
    assert f"{shown}:{added_line}: 期次 「2025-1」 的新增清单中的 「DB50/T 1016-2020」 在上一期（2024-1 期）目录中已列入" in err

"""Every way a command can go wrong ends in one Chinese line, never English from a library or a
traceback: command-line mistakes (argparse), system refusals, a damaged published edition; and
source folders reached through links are read alike for files and folders."""
from __future__ import annotations

from support import STANDARD_YAML, run_build
from hardening_support import cli


def one_line(result: tuple[int, str, str], code: int, fragment: str) -> None:
    returncode, _, err = result
    lines = [line for line in err.splitlines() if line.strip()]
    assert returncode == code, err
    assert len(lines) == 1 and fragment in lines[0], err
    assert not any(word in err for word in ("usage:", "error:", "invalid", "Traceback", "内部错误"))


def test_command_line_mistakes_are_chinese(make_project):
    src = str(make_project())
    one_line(cli("serve", "--port", "abc", "--src", src), 2, "用法错误：--port 的值「abc」应为整数")
    one_line(cli("frob", "--src", src), 2, "用法错误：未知的命令「frob」")
    one_line(cli("buidl", "--src", src), 2, "是否应为「build」？")
    one_line(cli("publish", "2025-1", "extra", "--src", src), 2, "用法错误：多余的参数「extra」")
    one_line(cli("check", "--cache", "x", "--src"), 2, "用法错误：--src 后面缺少值")
    result = run_build("--port", "abc")                            # and as the editor runs it
    assert result.returncode == 2 and result.stderr == "用法错误：--port 的值「abc」应为整数\n"


def test_options_may_follow_publish_s_edition(make_project):
    src = make_project({"directory.yaml": "editions:\n  - {id: 2024-1, date: 2024-06-30}\n"})
    code, _, err = cli("publish", "--as-of", "2025-06-30", "2024-1", "--src", str(src))
    assert code == 0, err
    assert (src / "directory/2024-1.json").is_file()


def test_a_system_refusal_is_one_chinese_line(tmp_path):
    one_line(cli("new", "standard", "--src", "/proc"), 2, "系统错误：/proc/standards")     # (a missing --src: see test_commands)


def test_a_damaged_published_edition_is_reported_in_chinese(make_project):
    src = make_project({"directory.yaml": "editions:\n  - {id: 2024-1, date: 2024-06-30}\n  - {id: 2025-1, date: 2025-06-30}\n",
                        "directory/2024-1.json": "[" * 100_000, "directory/2025-1.json": '{"entries": [\n  {"id": 1,}\n]}'})
    code, _, err = cli("check", "--src", str(src))
    assert code == 1, err
    assert f"{src}/directory/2024-1.json: 已发布期次文件不是有效的 JSON，无法读取" in err      # nested too deep
    assert f"{src}/directory/2025-1.json:2: 已发布期次文件不是有效的 JSON，无法读取" in err
    assert "RecursionError" not in err and "内部错误" not in err


def test_linked_folders_are_read_like_linked_files(make_project, tmp_path):
    outside = tmp_path / "outside"
    (outside / "more").mkdir(parents=True)
    (outside / "more/far.yaml").write_text(STANDARD_YAML.replace("1016-2020", "1999-2020"), encoding="utf-8")
    (outside / "single.yaml").write_text(STANDARD_YAML.replace("1016-2020", "1998-2020"), encoding="utf-8")
    src = make_project()
    (src / "shared/near").mkdir(parents=True)
    (src / "shared/near/near.yaml").write_text(STANDARD_YAML.replace("1016-2020", "1997-2020"), encoding="utf-8")
    (src / "standards/linked-out").symlink_to(outside / "more", target_is_directory=True)
    (src / "standards/linked-file.yaml").symlink_to(outside / "single.yaml")
    (src / "standards/linked-in").symlink_to(src / "shared/near", target_is_directory=True)
    code, _, err = cli("check", "--src", str(src))
    assert f"{src}/standards/linked-out: 文件夹链接指向 standards_src/ 之外，已忽略" in err
    assert f"{src}/standards/linked-file.yaml: 文件链接指向 standards_src/ 之外，已忽略" in err
    assert err.count("standards_src/ 之外") == 2 and code == 1
    from support import load_project
    project, _ = load_project(src)
    assert "DB50/T 1997-2020" in {s.code for s in project.standards}          # a link inside is followed

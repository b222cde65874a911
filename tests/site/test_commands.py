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


def test_new_into_a_file_named_like_the_folder_is_usage_error(make_project):
    src = make_project({"courses": "x"})
    result = run_build("new", "course", "--src", str(src))
    assert result.returncode == 2 and result.stderr == \
        f"用法错误：「{src}/courses」是一个文件，不是文件夹，无法在其中新建；请改名或删除这个文件后重试\n"


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


# -- the command line as an editor meets it: Chinese help, one Chinese line per mistake ------------

def test_help_is_chinese_and_names_build_py():
    result = run_build("--help")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("用法：python build.py [命令] [类型或期次] [选项]\n")
    for word in ("check", "build", "serve", "bundle", "new standard", "publish 期次", "--src 文件夹", "--out 文件夹",
                 "--dist 文件夹", "--as-of YYYY-MM-DD", "--port 端口", "--cache 文件夹", "--verbose", "-h, --help"):
        assert f"\n  {word} " in result.stdout, word
    assert not any(english in result.stdout for english in (" ld.py", "usage", "options:", "positional", "show this"))


def test_every_option_is_in_the_help():
    from stdsite.cli.args import HELP, make_parser
    hidden = {"--config", "--debug"}                    # maintainers' options
    for action in make_parser()._actions:
        for option in set(action.option_strings) - hidden:
            assert f" {option}" in HELP, option


def usage_error(*args: str) -> str:
    """stderr of a command refused as bad usage (exit code 2, nothing on stdout)."""
    result = run_build(*args)
    assert result.returncode == 2 and result.stdout == "", result.stdout + result.stderr
    return result.stderr


def test_an_unexpected_argument_is_one_chinese_line(make_project):
    src = str(make_project())
    assert usage_error("check", "extra", "--src", src) == \
        "用法错误：命令 check 后面不需要参数，多余的参数「extra」（运行 python build.py -h 查看用法）\n"
    assert usage_error("check", "--help=x", "--src", src) == \
        "用法错误：--help 后面不能带值「x」（运行 python build.py -h 查看用法）\n"
    assert usage_error("check", "--as", "2025-06-30", "--src", src) == \
        "用法错误：未知的选项「--as」，是否应为「--as-of」？可用的选项：--src、--out、--dist、--as-of、--port、--cache、--verbose、-h\n"


def test_a_missing_source_folder_is_usage_error(tmp_path):
    assert usage_error("check", "--src", str(tmp_path / "nope")) == \
        f"用法错误：找不到源文件夹「{tmp_path}/nope」；请检查 --src 的写法，或在项目文件夹（build.py 所在的文件夹）中运行\n"
    assert usage_error("new", "standard", "--src", str(tmp_path / "nope")).startswith("用法错误：找不到源文件夹")
    assert not (tmp_path / "nope").exists()


FORM = "应为 YYYY-MM-DD 形式的日期（1980-01-01 至 2099-12-31），如 --as-of 2025-06-30"


def test_as_of_must_be_a_real_date_in_range(make_project):
    src = str(make_project())
    assert usage_error("check", "--src", src, "--as-of", "2026-02-30") == \
        f"用法错误：--as-of 的日期「2026-02-30」不存在，请检查月份和日；{FORM}\n"
    for year in ("1969-12-31", "9999-12-31"):
        assert usage_error("build", "--src", src, "--as-of", year) == f"用法错误：--as-of 的日期「{year}」超出范围，{FORM}\n"
    assert usage_error("check", "--src", src, "--as-of", "2025/1/1") == f"用法错误：--as-of 的值「2025/1/1」格式不对，{FORM}\n"


def test_cache_must_be_a_folder(make_project, tmp_path):
    src = str(make_project())
    (tmp_path / "cache.txt").write_text("x")
    assert usage_error("check", "--src", src, "--cache", str(tmp_path / "cache.txt")) == \
        f"用法错误：--cache 指定的「{tmp_path}/cache.txt」是一个文件，不是文件夹；" \
        "请用 --cache 指定一个文件夹（或删去 --cache，使用默认的 .cache/stdsite）\n"
    assert (tmp_path / "cache.txt").read_text() == "x"


# -- what the README and `new` give an editor passes `check` as written ----------------------------

def example_tree(tmp_path):
    """A copy of the project's example sources (as an editor's standards_src)."""
    import shutil
    from support import ROOT
    return shutil.copytree(ROOT / "standards_src", tmp_path / "standards_src")


def test_readme_example_standard_passes_check(tmp_path):
    import re
    from support import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## 给标准编写人员"):]
    name = re.search(r"一个最小的标准（`(standards/[^`]+)`）", section).group(1)
    text = re.search(r"```markdown\n(.*?)```\n", section, re.S).group(1)
    src = example_tree(tmp_path)
    (src / name).parent.mkdir(parents=True, exist_ok=True)
    (src / name).write_text(text, encoding="utf-8")
    result = run_build("check", "--src", str(src), "--as-of", "2025-12-31")
    # the published editions rightly note that the sources now hold one more standard
    about_example = [line for line in result.stderr.splitlines()
                     if line.strip() and not re.match(r".*/directory/\d{4}-\d\.json: 警告：.*会新增「", line)
                     and not line.startswith("共 ")]
    assert result.returncode == 0 and about_example == [], result.stderr
    assert result.stdout.startswith("检查通过：")


def test_new_templates_pass_check_without_warnings(tmp_path):
    src = example_tree(tmp_path)
    for kind in ("standard", "course"):
        assert run_build("new", kind, "--src", str(src)).returncode == 0
    result = run_build("check", "--src", str(src), "--as-of", "2025-12-31")
    assert result.returncode == 0 and result.stderr == "", result.stderr


# -- publish keeps the published editions consistent ------------------------------------------------

def test_an_earlier_edition_cannot_be_published_after_a_later_one(make_project):
    src = make_project({"directory.yaml": "editions:\n  - {id: 2024-1, date: 2024-06-30}\n"
                                          "  - {id: 2025-1, date: 2025-06-30}\n"})
    published = run_build("publish", "2025-1", "--src", str(src), "--as-of", "2025-06-30")
    assert published.returncode == 0, published.stderr
    frozen = (src / "directory/2025-1.json").read_bytes()
    result = run_build("publish", "2024-1", "--src", str(src), "--as-of", "2025-06-30")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        f"{src}/directory/2025-1.json: 期次「2025-1」（2025-06-30）已发布，晚于要发布的期次「2024-1」（2024-06-30），"
        "已拒绝发布：2025-1 期的“本期变化”是按 2024-1 期未发布时的内容冻结的，现在发布 2024-1 期会前后矛盾。"
        f"期次要按日期先后逐期发布；如确需发布 2024-1 期，请先删除 {src}/directory/2025-1.json，再按日期先后逐期发布\n")
    assert sorted(p.name for p in (src / "directory").iterdir()) == ["2025-1.json"]
    assert (src / "directory/2025-1.json").read_bytes() == frozen


# -- unreadable bytes in a source file: one line naming file and line --------------------------------

def test_a_nul_byte_names_file_and_line(make_project):
    from support import STANDARD_MD
    src = make_project({"standards/q101.md": STANDARD_MD.replace("派车应登记。", "派车应\x00登记。").encode("utf-8")})
    result = run_build("check", "--src", str(src), "--as-of", "2025-06-30")
    line = STANDARD_MD.split("派车应登记。")[0].count("\n") + 1
    assert result.returncode == 1
    assert result.stderr == (f"{src}/standards/q101.md:{line}: 这一行含有看不见的空字符（NUL），无法读取；"
                             "可能是复制粘贴时带入的，请删掉这一行重新输入后保存\n共 1 个错误，0 个警告。请改正后重试。\n")


def test_invalid_utf8_names_file_and_line(make_project):
    from support import STANDARD_YAML
    src = make_project({"standards/db1016.yaml": STANDARD_YAML.encode("utf-8").replace(b"title: ", b"title: \xff\xfe")})
    result = run_build("check", "--src", str(src), "--as-of", "2025-06-30")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (f"{src}/standards/db1016.yaml:2: 文件不是 UTF-8 编码，无法读取；"
                                             "请用记事本或 WPS「另存为」，编码选择「UTF-8」后保存")


def test_many_aliases_in_a_large_records_file_are_explained_plainly(make_project):
    record = "- {date: 2025-03-20, indicator: annual_meeting, title: 年度推进会（示例）, region: 全市}\n"
    text = record * 3000 + "- &meeting " + record[2:] + "- *meeting\n" * 60
    src = make_project({"records.yaml": text})
    result = run_build("check", "--src", str(src), "--as-of", "2025-06-30")
    assert result.returncode == 1
    assert f"{src}/records.yaml:3052: 用「*名称」重复引用前面「&名称」处内容的写法超过 50 处；" \
           "请去掉「&名称」和「*名称」，把每一条的内容直接写出来\n" in result.stderr
    assert not any(word in result.stderr.replace(str(src), "") for word in ("别名", "锚点", "YAML", "alias"))

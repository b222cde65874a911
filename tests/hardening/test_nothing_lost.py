"""Nothing lost: an output folder (`--out`, `--dist`, publish's file) is only ever a folder a
previous run made or an empty or new one. Anything else — the sources, a folder holding them,
the project, a file, a non-empty folder of someone else, a mount point, a place the system will
not let us write — is refused with one Chinese line and exit code 2, before anything is touched.
Killed builds leave working folders that the next build removes (never a running build's).

Each test is a reproduction from the adversarial run (issue "Nothing lost, nothing injected").
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT, run_build
from hardening_support import cli, site_files

AS_OF = "2025-06-30"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too) with its bytes."""
    return site_files(folder)


def refused(result: tuple[int, str, str], fragment: str) -> None:
    """Exit code 2 and exactly one Chinese line on stderr holding `fragment`, no traceback."""
    code, out, err = result
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2, out + err
    assert len(lines) == 1 and fragment in lines[0], err
    assert "Traceback" not in err and "内部错误" not in err


def as_result(result: subprocess.CompletedProcess) -> tuple[int, str, str]:
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def sources(make_project, tmp_path):
    """A project folder `t/` holding the sources `t/src/` and a note of the editor's."""
    src = make_project()
    base = tmp_path / "t"
    base.mkdir()
    shutil.move(str(src), base / "src")
    (base / "MY_NOTES.txt").write_text("我的笔记", encoding="utf-8")
    return base / "src"


def test_out_is_the_source_folder(sources):
    before = snapshot(sources.parent)
    result = cli("build", "--src", str(sources), "--out", str(sources), "--as-of", AS_OF)
    refused(result, f"输出文件夹 {sources} 就是源文件夹")
    assert snapshot(sources.parent) == before


def test_out_is_the_folder_holding_the_sources(sources):
    before = snapshot(sources.parent)
    result = cli("build", "--src", str(sources), "--out", str(sources.parent), "--as-of", AS_OF)
    refused(result, f"输出文件夹 {sources.parent} 包含源文件夹")
    assert snapshot(sources.parent) == before and (sources.parent / "MY_NOTES.txt").is_file()


def test_out_inside_the_source_folder(sources):
    result = cli("build", "--src", str(sources), "--out", str(sources / "site"), "--as-of", AS_OF)
    refused(result, "位于源文件夹")
    assert not (sources / "site").exists()


def test_out_dot_in_a_project_is_refused(sources, tmp_path):
    """`build.py build --out .` run in a repository (a copy: git, a venv, build.py, mkdocs.yml)."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git/HEAD").write_text("ref: refs/heads/main\n")
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    shutil.copy(ROOT / "build.py", repo / "build.py")
    before = snapshot(repo)
    result = cli("build", "--src", str(sources), "--out", ".", "--as-of", AS_OF,
                       "--config", str(repo / "mkdocs.yml"), cwd=repo)
    refused(result, "输出文件夹 . 就是项目文件夹")
    assert snapshot(repo) == before


def test_out_is_a_file(sources):
    target = sources.parent / "MY_NOTES.txt"
    result = cli("build", "--src", str(sources), "--out", str(target), "--as-of", AS_OF)
    refused(result, "是一个文件，不是文件夹")
    assert target.read_text(encoding="utf-8") == "我的笔记"


def test_out_is_a_folder_of_someone_else(sources, tmp_path):
    other = tmp_path / "photos"
    other.mkdir()
    (other / "a.jpg").write_bytes(b"jpeg")
    result = cli("build", "--src", str(sources), "--out", str(other), "--as-of", AS_OF)
    refused(result, "不是空文件夹，也不是本系统生成的")
    assert snapshot(other) == {"a.jpg": b"jpeg"}


def test_out_is_the_root_or_a_mount_point_or_not_writable(sources):
    refused(cli("build", "--src", str(sources), "--out", "/", "--as-of", AS_OF), "输出文件夹 / 包含源文件夹")
    refused(cli("build", "--src", str(sources), "--out", "/proc", "--as-of", AS_OF), "是挂载点")
    refused(as_result(run_build("build", "--src", str(sources), "--out", "/proc/stdsite-site", "--as-of", AS_OF)),
            "无法在 /proc 中写入")
    refused(as_result(run_build("bundle", "--src", str(sources), "--dist", "/proc/stdsite-dist", "--as-of", AS_OF)),
            "无法写入离线包文件夹 /proc/stdsite-dist")


def test_dist_follows_the_same_rule(sources):
    before = snapshot(sources.parent)
    refused(cli("bundle", "--src", str(sources), "--dist", str(sources), "--as-of", AS_OF),
            f"离线包文件夹 {sources} 就是源文件夹")
    refused(cli("bundle", "--src", str(sources), "--dist", str(sources.parent / "MY_NOTES.txt"), "--as-of", AS_OF),
            "是一个文件")
    refused(cli("bundle", "--src", str(sources), "--dist", str(sources.parent), "--as-of", AS_OF),
            "包含源文件夹")
    assert snapshot(sources.parent) == before


def test_publish_writes_no_file_over_a_folder(make_project):
    src = make_project({"directory.yaml": "editions:\n  - {id: 2024-1, date: 2024-06-30}\n"})
    (src / "directory/2024-1.json").mkdir(parents=True)
    (src / "directory/2024-1.json/keep.txt").write_text("x")
    result = cli("publish", "2024-1", "--src", str(src), "--as-of", AS_OF)
    refused(result, "已存在但不是可读的已发布期次文件")
    assert (src / "directory/2024-1.json/keep.txt").read_text() == "x"


def test_publish_does_not_write_through_a_link_out_of_the_sources(make_project, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    src = make_project({"directory.yaml": "editions:\n  - {id: 2024-1, date: 2024-06-30}\n"})
    (src / "directory").symlink_to(outside, target_is_directory=True)
    code, _, err = cli("publish", "2024-1", "--src", str(src), "--as-of", AS_OF)
    assert code == 1 and f"{src}/directory: 文件夹链接指向 standards_src/ 之外，已忽略" in err
    assert list(outside.iterdir()) == []


def dead_pid() -> int:
    """The id of a process that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_build_replaces_its_own_folder_and_cleans_up_after_killed_ones(sources, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / ".stdsite-output").write_text("x")                    # a folder an earlier build made
    (out / "left-over.html").write_text("x")
    stale = [tmp_path / f".site.building-{dead_pid()}-k1", tmp_path / f".site.old-{dead_pid()}-k2"]
    running = tmp_path / f".site.building-{os.getpid()}-live"     # a build that is still running
    for folder in stale + [running]:
        (folder / "assets").mkdir(parents=True)
    result = run_build("build", "--src", str(sources), "--out", str(out), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    assert (out / ".stdsite-output").is_file() and (out / "index.html").is_file()
    assert not (out / "left-over.html").exists()
    assert not any(folder.exists() for folder in stale) and running.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", "t", running.name])


def test_an_empty_folder_may_be_used(sources, tmp_path):
    from stdsite.output.folders import guard_output_folder
    (tmp_path / "empty").mkdir()
    assert guard_output_folder(tmp_path / "empty", "输出文件夹", [(sources, "源文件夹")]) == (tmp_path / "empty").resolve()


def test_a_site_built_before_stamps_existed_is_still_replaced(tmp_path):
    from stdsite.output.folders import guard_output_folder
    from stdsite.cli.site import built_before_stamps
    old = tmp_path / "site"
    (old / "assets/stdsite").mkdir(parents=True)
    (old / "search").mkdir()
    (old / "search/stdsearch.js").write_text("__stdsearchLoad({});")
    (old / "index.html").write_text("<html>")
    assert guard_output_folder(old, "输出文件夹", [], built_before_stamps) == old.resolve()


def test_killed_working_folders_of_other_outputs_are_left_alone(tmp_path):
    from stdsite.output.folders import remove_stale
    pid = dead_pid()
    mine, other = tmp_path / f".site.building-{pid}-a", tmp_path / f".dist.building-{pid}-b"
    mine.mkdir()
    other.mkdir()
    (tmp_path / "notes.building-1-x").mkdir()
    assert remove_stale(tmp_path, ".site.") == [mine.name]
    assert other.is_dir() and (tmp_path / "notes.building-1-x").is_dir()

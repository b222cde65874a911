"""The build cache holds pickles and compiled templates (code, when loaded) and SVGs that go into
the site as they are: a cache in or around the sources or the output is refused, a cache folder
others may write is refused, and a cache file others could have written is never loaded."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from hardening_support import cli


class Planted:
    """A pickle that, when loaded, creates the file `marker` (what an attacker would plant)."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


@pytest.mark.parametrize("where, relation", [("src/.cache", "位于源文件夹"), ("src", "就是源文件夹"),
                                             (".", "包含源文件夹"), ("dist", "就是离线包文件夹")])
def test_cache_in_or_around_the_sources_or_output_is_refused(make_project, tmp_path, where, relation):
    src = make_project()
    src = src.rename(tmp_path / "src")
    cache = tmp_path / where
    code, _, err = cli("check", "--src", str(src), "--out", str(tmp_path / "site"), "--dist", str(tmp_path / "dist"),
                       "--cache", str(cache))
    assert code == 2, err
    assert f"缓存文件夹 {cache} {relation}" in err and "请用 --cache 指定源文件夹和输出文件夹以外的文件夹" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_cache_inside_the_output_is_refused_by_the_output_guard(make_project, tmp_path):
    src = make_project()
    out = tmp_path / "site"
    code, _, err = cli("build", "--src", str(src), "--out", str(out), "--cache", str(out / "cache"))
    assert code == 2 and f"输出文件夹 {out} 包含缓存文件夹" in err, err


def test_a_cache_holding_the_output_is_refused(make_project, tmp_path):
    src = make_project()
    out = tmp_path / "cache" / "site"
    code, _, err = cli("build", "--src", str(src), "--out", str(out), "--cache", str(tmp_path / "cache"))
    assert code == 2 and f"缓存文件夹 {tmp_path / 'cache'} 包含网站输出文件夹「{out}」" in err, err


def test_a_cache_folder_others_may_write_is_refused(make_project, tmp_path):
    src = make_project()
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o777)
    code, _, err = cli("check", "--src", str(src), "--cache", str(cache))
    assert code == 2
    assert f"缓存文件夹 {cache} 其他用户也可以写入（权限 777）" in err and "chmod go-w" in err


def test_a_new_cache_folder_is_private(make_project, tmp_path):
    src = make_project()
    cache = tmp_path / "new" / "cache"
    code, _, err = cli("check", "--src", str(src), "--cache", str(cache))
    assert code == 0, err
    assert cache.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("name", ["yaml-parses.pickle", "site-state"])
def test_a_cache_file_others_could_write_is_not_loaded(make_project, tmp_path, name):
    """A world-writable pickle in the cache (planted, or left writable) is made again, never loaded."""
    src = make_project()
    cache, marker = tmp_path / "cache", tmp_path / "code-ran"
    assert cli("check", "--src", str(src), "--cache", str(cache))[0] == 0
    from stdsite.mkdocs.driver import SiteState
    from stdsite.output.cache import BuildCache
    path = cache / "yaml-parses.pickle" if name == "yaml-parses.pickle" else cache / "site-x.pickle"
    path.write_bytes(pickle.dumps(Planted(marker)))
    path.chmod(0o666)
    if name == "yaml-parses.pickle":
        code, _, err = cli("check", "--src", str(src), "--cache", str(cache))
        assert code == 0, err
    else:
        assert SiteState.load(path).pages == {}
    assert not marker.exists()
    path.write_bytes(pickle.dumps(Planted(marker)))
    path.chmod(0o644)                     # the user's own file, written by no one else: loaded
    if name == "yaml-parses.pickle":
        BuildCache(cache)
    else:
        SiteState.load(path)
    assert marker.exists()


def test_a_cache_blob_others_could_write_is_made_again(tmp_path):
    """A diagram SVG in the cache goes into the site as it is: one others may write is not used."""
    from stdsite.output.cache import BuildCache
    cache = BuildCache(tmp_path / "cache")
    cache.put("x.svg", b"<svg/>")
    assert BuildCache(tmp_path / "cache").get("x.svg") == b"<svg/>"
    (tmp_path / "cache" / "x.svg").chmod(0o646)
    assert BuildCache(tmp_path / "cache").get("x.svg") is None

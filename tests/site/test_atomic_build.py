"""A build killed at any moment leaves the previous site: `site/` is always a whole site, the old
one or the new one, never a mixture, and the next build cleans up after the killed one.

The build is killed with SIGKILL (no chance to clean up) at moments spread over its whole run —
while checking, rendering in worker processes, writing, and around the swap — and the output
folder is compared with the previous and the next site after each kill.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from directory_fixture import AS_OF, FILES
from support import FRAMEWORK, ROOT, STANDARD_MD, STANDARD_YAML, run_build, write_tree

ENV = {"SOURCE_DATE_EPOCH": "1736899200"}


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def start_build(src: Path, out: Path, cache: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(ENV)
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "build", "--src", str(src), "--out", str(out),
                             "--as-of", AS_OF, "--cache", str(cache)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def write_state(src: Path, text: str) -> None:
    for i in range(COUNT):
        (src / f"standards/s{i}.md").write_text(STANDARD_MD.replace("Q/CQJG 101-2023", f"Q/CQJG {500 + i}-2023")
                                                .replace("公务用车使用管理规范", f"公务用车管理规范第{i}部分")
                                                .replace("派车应登记。", text), encoding="utf-8")


COUNT = 12
STATES = {"old": "派车应登记。", "new": "派车应登记并存档。"}


def test_killed_builds_leave_the_previous_site(tmp_path):
    src = write_tree(tmp_path / "src", {**FILES, "framework.yaml": FRAMEWORK, "standards/db1016.yaml": STANDARD_YAML})
    cache = tmp_path / "cache"
    sites, durations = {}, {}
    for name, text in STATES.items():            # what each state looks like, built cold
        write_state(src, text)
        started = time.monotonic()
        assert run_build("build", "--src", str(src), "--out", str(tmp_path / name), "--as-of", AS_OF,
                         "--cache", str(cache if name == "old" else tmp_path / f"cache-{name}"), env=ENV).returncode == 0
        durations[name] = time.monotonic() - started
        sites[name] = site_files(tmp_path / name)
    assert sites["old"] != sites["new"]
    out = tmp_path / "site"
    (tmp_path / "old").rename(out)               # the site of the old state, built with `cache`
    current, target = "old", "new"
    duration = durations["new"]                  # a cold build: longer than the incremental ones below

    outcomes = []
    for fraction in (0.1, 0.3, 0.55, 0.8):
        write_state(src, STATES[target])
        proc = start_build(src, out, cache)
        time.sleep(duration * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        found = site_files(out)
        assert found in (sites[current], sites[target]), \
            f"killed at {fraction:.0%} of the build: the site is neither the previous one nor the next"
        outcomes.append("previous" if found == sites[current] else "next")
        if found == sites[target]:               # the swap had happened: build the other way next time
            current, target = target, current
    assert "previous" in outcomes, outcomes      # some kills came before the swap
    time.sleep(0.5)                              # (workers die with their parent)
    write_state(src, STATES[target])
    result = run_build("build", "--src", str(src), "--out", str(out), "--as-of", AS_OF, "--cache", str(cache), env=ENV)
    assert result.returncode == 0, result.stderr
    assert site_files(out) == sites[target]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == []

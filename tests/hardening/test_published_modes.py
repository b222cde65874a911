"""The published site and the offline bundle's folder can be read by everyone (the web server runs
as another user): folders 755, files 644 — even when the build runs under umask 077 and the site
was built in a private (700) working folder."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from support import FRAMEWORK, ROOT, STANDARD_MD, STANDARD_YAML, TEST_CACHE, write_tree


def build_private(*args: str) -> subprocess.CompletedProcess:
    """`python build.py ARGS` under umask 077."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args, "--cache", str(TEST_CACHE)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
                          preexec_fn=lambda: os.umask(0o077))


def wrong_modes(folder: Path) -> list[str]:
    found = []
    for path in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        wanted = 0o755 if path.is_dir() else 0o644
        if mode != wanted:
            found.append(f"{path.relative_to(folder.parent)} {oct(mode)}")
    return found


def test_site_and_dist_are_world_readable_under_a_private_umask(tmp_path):
    src = write_tree(tmp_path / "src", {"framework.yaml": FRAMEWORK, "standards/q101.md": STANDARD_MD,
                                        "standards/db1016.yaml": STANDARD_YAML})
    site, dist = tmp_path / "site", tmp_path / "dist"
    for _ in range(2):                    # a fresh build, then one that reuses (links) the previous site
        result = build_private("build", "--src", str(src), "--out", str(site), "--as-of", "2025-06-30")
        assert result.returncode == 0, result.stderr
        assert wrong_modes(site) == []
    result = build_private("bundle", "--src", str(src), "--dist", str(dist), "--as-of", "2025-06-30")
    assert result.returncode == 0, result.stderr
    assert wrong_modes(dist) == []
    assert any(p.suffix == ".zip" for p in dist.iterdir())

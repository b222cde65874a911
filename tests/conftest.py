"""Shared fixtures: fixture projects in tmp_path, built sites, headless Chromium (helpers live in support.py)."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# hypothesis keeps its storage (example database, constants cache) outside the repository
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", tempfile.mkdtemp(prefix="stdsite-hypothesis-"))

# compiled bytecode — pytest's rewritten test modules, and stdsite's modules in every `build.py`
# the tests start — is cached outside the repository and reused: without it, PYTHONDONTWRITEBYTECODE
# makes every worker rewrite every test module and every build.py subprocess compile stdsite again
PYCACHE = os.path.join(tempfile.gettempdir(), f"stdsite-pycache-{os.getuid()}")
sys.pycache_prefix = os.environ["PYTHONPYCACHEPREFIX"] = PYCACHE
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# hypothesis keeps no example database in the repository (tests write nothing into it)
settings.register_profile("stdsite", database=None)
settings.load_profile("stdsite")

from support import CHROMIUM, CHROMIUM_ARGS, FRAMEWORK, ROOT, STANDARD_MD, STANDARD_YAML, run_build, write_tree  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite the golden files under tests/golden/ from the current output")


@pytest.fixture
def minimal_files() -> dict[str, str]:
    """The smallest valid project: a framework and two standards (copy and extend in tests)."""
    return {"framework.yaml": FRAMEWORK, "standards/q101.md": STANDARD_MD, "standards/db1016.yaml": STANDARD_YAML}


@pytest.fixture
def make_project(tmp_path, minimal_files):
    """make_project({...extra or replacing files}) -> path of a fresh standards_src folder."""
    counter = [0]

    def make(files: dict | None = None, base_files: bool = True) -> Path:
        counter[0] += 1
        src = tmp_path / f"src{counter[0]}"
        merged = dict(minimal_files) if base_files else {}
        merged.update(files or {})
        write_tree(src, {k: v for k, v in merged.items() if v is not None})
        return src

    return make


@pytest.fixture
def build(tmp_path):
    """build(src, as_of=...) -> built site folder; fails the test with the output when the build fails."""
    def do(src: Path, as_of: str = "2025-06-30", out: Path | None = None, *extra: str) -> Path:
        out = out or tmp_path / "site"
        result = run_build("build", "--src", str(src), "--out", str(out), "--as-of", as_of, *extra)
        assert result.returncode == 0, result.stdout + result.stderr
        return out

    return do


@pytest.fixture(scope="session")
def built_once(tmp_path_factory, pytestconfig):
    """built_once(name, make) -> folder: `make(folder)` is run once for the whole run, and every
    test module (and pytest-xdist worker) asking for `name` gets the same folder. Under xdist the
    first worker to ask makes it under a file lock in the run's temp folder (the pattern
    pytest-xdist documents); the others wait for it. For sites that tests only read."""
    import fcntl
    worker = hasattr(pytestconfig, "workerinput")
    shared = tmp_path_factory.getbasetemp().parent if worker else tmp_path_factory.getbasetemp()

    def once(name: str, make) -> Path:
        folder = shared / name
        with open(shared / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            done = shared / f"{name}.done"
            if not done.exists():
                if folder.exists():                          # a half-made folder of a failed attempt
                    import shutil
                    shutil.rmtree(folder)
                folder.mkdir()
                make(folder)
                done.touch()
        return folder

    return once


@pytest.fixture(scope="session")
def example_build(built_once):
    """example_build(as_of) -> (site folder, completed build process) of the example standards_src/,
    built once per date for the whole run, shared by the xdist workers (tests only read it)."""
    import json
    import subprocess
    built: dict = {}

    def make(as_of: str, folder: Path) -> None:
        result = run_build("build", "--src", str(ROOT / "standards_src"), "--out", str(folder / "site"), "--as-of", as_of)
        assert result.returncode == 0, result.stdout + result.stderr
        (folder / "build.json").write_text(json.dumps({"args": result.args, "returncode": result.returncode,
                                                       "stdout": result.stdout, "stderr": result.stderr}), encoding="utf-8")

    def build(as_of: str):
        if as_of not in built:
            folder = built_once(f"example-{as_of}", lambda folder: make(as_of, folder))
            kept = json.loads((folder / "build.json").read_text(encoding="utf-8"))
            built[as_of] = (folder / "site", subprocess.CompletedProcess(**kept))
        return built[as_of]

    return build


@pytest.fixture(scope="session")
def browser():
    """Headless system Chromium driven by Playwright (never a downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail("未找到 /usr/bin/chromium：请运行 make test（会安装 chromium）")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="module")
def desktop_context(browser):
    """A 1366 px laptop screen, shared by a test module's pages."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    yield context
    context.close()


@pytest.fixture(scope="module")
def phone_context(browser):
    """A 375 px phone screen, shared by a test module's pages."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    yield context
    context.close()


@pytest.fixture
def desk(desktop_context):
    pg = desktop_context.new_page()
    yield pg
    pg.close()


@pytest.fixture
def mobile(phone_context):
    pg = phone_context.new_page()
    yield pg
    pg.close()


@pytest.fixture
def phone(browser):
    """A 375 px wide phone viewport."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    pg = context.new_page()
    yield pg
    context.close()


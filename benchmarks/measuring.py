"""Measuring helpers for benchmarks/run.py: one command in a fresh process (wall, CPU, peak
memory), the environment and versions, the code snapshot, sizes, and cProfile summaries."""
from __future__ import annotations

import gzip
import html.parser
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
PLAIN_PACKAGES = ["mkdocs==1.6.1", "mkdocs-material==9.8.2", "pymdown-extensions==13.1.2", "Markdown==3.11.3"]
RUN = HERE / "run.py"


# -- measuring one command in a fresh process --------------------------------------------------------
def _measure_main(argv: list[str]) -> None:
    """Helper mode: run argv, wait, print wall/CPU/peak RSS of the child process tree as JSON."""
    log = argv[0]
    with open(log, "wb") as out:
        started = time.perf_counter()
        rc = subprocess.run(argv[1:], stdout=out, stderr=subprocess.STDOUT).returncode
        wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"rc": rc, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                      "rss_mb": usage.ru_maxrss / 1024}))


def measure(name: str, cmd: list[str], env: dict, cwd: Path, logs: Path) -> dict:
    log = logs / f"{name}.log"
    proc = subprocess.run([PY, str(RUN), "--_measure", str(log), *map(str, cmd)],
                          env=env, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"measuring {name} failed: {proc.stderr}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["name"] = name
    print(f"  {name:<12} {result['wall']:7.1f} s wall  {result['cpu']:7.1f} s CPU  {result['rss_mb']:6.0f} MB"
          f"  rc={result['rc']}  (log: {log})", flush=True)
    if result["rc"] != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"{name} failed (exit {result['rc']}):\n{tail}")
    return result


def best(runs: list[dict]) -> dict:
    """Fastest of repeated runs (least disturbed by other load); peak RSS is the max of all."""
    top = min(runs, key=lambda r: r["wall"])
    return {**top, "rss_mb": max(r["rss_mb"] for r in runs), "cpu": min(r["cpu"] for r in runs)}


# -- environment -------------------------------------------------------------------------------------
def base_env() -> dict:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    # as on a user's machine: Python keeps compiled modules (pip compiled plain Material's at install)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def plain_python(out: Path, want_jieba: bool) -> tuple[str, str]:
    """(python, note) for the plain build: a throwaway venv with jieba when PyPI has it."""
    venv = out / "plain-venv"
    python = venv / "bin" / "python"
    if want_jieba:
        try:
            if not python.exists():
                subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            if subprocess.run([str(python), "-c", "import jieba, mkdocs, material"], capture_output=True).returncode:
                subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                                *PLAIN_PACKAGES, "jieba==0.42.1"], check=True)
            version = subprocess.run([str(python), "-c", "import jieba; print(jieba.__version__)"],
                                     capture_output=True, text=True, check=True).stdout.strip()
            # jieba builds its dictionary cache on first use; a user's machine has it already
            subprocess.run([str(python), "-c", "import jieba; jieba.initialize()"], capture_output=True, check=True)
            return str(python), f"jieba {version} installed (throwaway venv benchmarks/out/plain-venv)"
        except (subprocess.CalledProcessError, OSError) as exc:
            print(f"  jieba venv unavailable ({exc}); plain build runs without jieba", flush=True)
    has = subprocess.run([PY, "-c", "import jieba"], capture_output=True).returncode == 0
    return PY, "jieba installed (project venv)" if has else "jieba NOT installed: plain Chinese search segments poorly"


def versions(plain_py: str) -> dict:
    def out(cmd):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True)
            return (p.stdout or p.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    code = "import mkdocs, material, sys; from importlib.metadata import version as v; " \
           "print(sys.version.split()[0], v('mkdocs'), v('mkdocs-material'))"
    ours = out([PY, "-c", code]).split()
    plain = out([plain_py, "-c", code]).split()
    commit = out(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "stdsite", "build.py", "mkdocs.yml"],
                           capture_output=True, text=True).stdout.strip()
    return {"python": ours[0] if ours else "?", "mkdocs": ours[1] if len(ours) > 1 else "?",
            "material": ours[2] if len(ours) > 2 else "?", "plain": " ".join(plain),
            "graphviz": out(["dot", "-V"]), "commit": commit + (" (+ uncommitted changes in stdsite/)" if dirty else "")}


def machine() -> dict:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 1024 / 1024:.1f} GB"
    except (OSError, AttributeError):
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "mem": mem, "os": platform.platform()}


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def snapshot_code(dest: Path) -> Path:
    """Copy the code that builds the site (as it is now in the work tree) to `dest`, so that a run
    measures one consistent version while others keep editing the tree. build.py puts its own
    folder first on sys.path, so the copy of stdsite/ is the one imported."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("build.py", "mkdocs.yml", "pyproject.toml"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("stdsite", "docs", "macros", "diagrams"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    (dest / "standards_src").mkdir()          # only watched by mkdocs.yml; --src points elsewhere
    where = subprocess.run([PY, "-c", "import stdsite; print(stdsite.__file__)"], cwd=dest,
                           capture_output=True, text=True).stdout.strip()
    if not where.startswith(str(dest)):
        raise SystemExit(f"the code snapshot is not the one imported ({where})")
    return dest


# -- sizes ---------------------------------------------------------------------------------------------
def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


class Refs(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.img: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "") and a.get("href"):
            self.css.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"])
        elif tag == "img" and a.get("src"):
            self.img.append(a["src"])


def page_weight(page: Path, site: Path) -> dict:
    """Bytes a browser loads for one page before search: the HTML (inline SVG included) plus every
    local stylesheet, script and image it references; external references are counted separately."""
    text = page.read_bytes()
    refs = Refs()
    refs.feed(text.decode("utf-8"))
    parts = {"html": len(text), "css": 0, "js": 0, "img": 0}
    packed = gz(text)
    external = []
    for kind, urls in (("css", refs.css), ("js", refs.js), ("img", refs.img)):
        for url in dict.fromkeys(urls):
            if re.match(r"^[a-z]+:|^//", url):
                if not url.startswith("data:"):
                    external.append(url)
                continue
            path = (page.parent / url.split("?")[0].split("#")[0]).resolve()
            if path.is_file() and site.resolve() in path.parents:
                data = path.read_bytes()
                parts[kind] += len(data)
                packed += gz(data)
    svg = sum(len(m) for m in re.findall(rb"<svg[^>]*width=.*?</svg>", text, re.S))
    worker = 0
    m = re.search(r'"search":\s*"([^"]+)"', text.decode("utf-8"))
    if m:
        path = (page.parent / m.group(1)).resolve()
        if path.is_file():
            worker = path.stat().st_size
    return {**parts, "svg": svg, "total": sum(parts.values()), "gzip": packed, "external": external,
            "worker": worker}


def file_size(path: Path) -> dict:
    data = path.read_bytes() if path.is_file() else b""
    return {"bytes": len(data), "gzip": gz(data) if data else 0}


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# -- profiling -------------------------------------------------------------------------------------------
def _profile_main(argv: list[str]) -> None:
    """Helper mode: cProfile a script with a CPU-time clock (other load on the machine does not
    inflate the numbers, unlike `python -m cProfile`, which measures wall time)."""
    import cProfile
    import runpy
    stats_file, script, *rest = argv
    sys.argv = [script, *rest]
    sys.path.insert(0, str(Path(script).parent))
    prof = cProfile.Profile(time.process_time)
    try:
        prof.runcall(runpy.run_path, script, run_name="__main__")
    except SystemExit:
        pass
    prof.dump_stats(stats_file)


def profile(src: Path, work: Path, env: dict, code: Path, as_of: str) -> None:
    import pstats
    cache = work / "profile-cache"
    for phase in ("cold", "warm", "check"):
        if phase == "cold" and cache.exists():
            shutil.rmtree(cache)
        stats_file = work / f"profile-{phase}.prof"
        print(f"  profiling {phase} …", flush=True)
        command = ["check"] if phase == "check" else ["build", "--out", str(work / "site-profile")]
        subprocess.run([PY, str(RUN), "--_profile", str(stats_file), str(code / "build.py"), *command,
                        "--src", str(src), "--as-of", as_of, "--cache", str(cache)],
                       env=env, cwd=code, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(work / f"profile-{phase}.txt", "w") as out:
            stats = pstats.Stats(str(stats_file), stream=out)
            stats.sort_stats("cumulative").print_stats(60)
            stats.sort_stats("tottime").print_stats(40)
        print(f"  → {work / f'profile-{phase}.txt'}", flush=True)

"""One command for the performance benchmark of issue 9:

    .venv/bin/python benchmarks/run.py --n 1000        (`make bench` runs it with the defaults)

In one run, on the same synthetic corpus (benchmarks/corpus.py) and its plain-MkDocs twin
(benchmarks/plain.py), it times in fresh subprocesses:
- `build.py check` (with an empty diagram cache, and again once the cache is warm);
- `build.py build` cold (`--cache` pointing to a new empty folder) and warm (nothing changed,
  cache kept);
- the plain MkDocs Material build of the same content (jieba installed in a throwaway venv,
  benchmarks/out/plain-venv, when PyPI has it; otherwise without, and the report says so);
and reports wall time, CPU time (user + sys), peak memory (the largest max RSS among the child
processes, from getrusage(RUSAGE_CHILDREN) in a fresh helper process per run), the ratios
against the plain build, the search index sizes, the weight of one standard page, and the
editing loop (with `build.py serve` running: save a standard with a new title, poll the served
page over HTTP on 127.0.0.1 until it shows the new title; the same for `mkdocs serve` on the
plain project).

Writes benchmarks/results-n<N>.md and rebuilds benchmarks/results.md from all of them; working
files go to benchmarks/out/ (git-ignored). `--profile` also writes cProfile summaries of the cold
and warm builds to benchmarks/out/n<N>/profile-*.txt.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html.parser
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus as corpus_mod  # noqa: E402
import plain as plain_mod    # noqa: E402

PY = sys.executable
PLAIN_PACKAGES = ["mkdocs==1.6.1", "mkdocs-material==9.8.2", "pymdown-extensions==13.1.2", "Markdown==3.11.3"]
TARGETS = {"cold": 1.5, "warm": 1.15, "rss_mb": 1536, "check_s": 3.0, "page_kb": 400, "index": 0.4}


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
    proc = subprocess.run([PY, str(Path(__file__)), "--_measure", str(log), *map(str, cmd)],
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


# -- editing loop ----------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, ValueError):
        return None


def edit_loop(name: str, cmd: list[str], env: dict, cwd: Path, url: str, source: Path, old_title: str,
              line, edits: int, logs: Path, timeout: float) -> dict:
    """Start a live-reload server, wait for its first build, then save `source` with a new title
    `edits` times and time each save until the served page shows the new title. `line(title)` is
    the source line that carries the title."""
    original = source.read_bytes()
    log = open(logs / f"{name}.log", "wb")
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    result = {"startup": None, "edits": []}
    try:
        while time.perf_counter() - started < timeout:
            page = fetch(url)
            if page and old_title in page:
                result["startup"] = time.perf_counter() - started
                break
            if proc.poll() is not None:
                raise SystemExit(f"{name}: server exited (see {logs / (name + '.log')})")
            time.sleep(0.2)
        else:
            raise SystemExit(f"{name}: no page after {timeout:.0f} s")
        time.sleep(2)                       # let the watcher settle after the first build
        current = old_title
        for k in range(1, edits + 1):
            title = f"{old_title}（修订稿{k}）"
            text = source.read_text(encoding="utf-8").replace(line(current), line(title), 1)
            assert text != source.read_text(encoding="utf-8"), "title line not found"
            t0 = time.perf_counter()
            source.write_text(text, encoding="utf-8")
            while time.perf_counter() - t0 < timeout:
                page = fetch(url)
                if page and title in page:
                    result["edits"].append(time.perf_counter() - t0)
                    break
                time.sleep(0.1)
            else:
                raise SystemExit(f"{name}: edit {k} not served after {timeout:.0f} s")
            current = title
            print(f"  {name:<12} edit {k}: {result['edits'][-1]:.1f} s", flush=True)
            time.sleep(2)
    finally:
        source.write_bytes(original)
        try:
            os.killpg(proc.pid, signal.SIGINT)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
        log.close()
    result["median"] = statistics.median(result["edits"])
    print(f"  {name:<12} startup {result['startup']:.1f} s, save→page median {result['median']:.1f} s", flush=True)
    return result


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


def profile(src: Path, work: Path, env: dict, code: Path) -> None:
    import pstats
    cache = work / "profile-cache"
    for phase in ("cold", "warm", "check"):
        if phase == "cold" and cache.exists():
            shutil.rmtree(cache)
        stats_file = work / f"profile-{phase}.prof"
        print(f"  profiling {phase} …", flush=True)
        command = ["check"] if phase == "check" else ["build", "--out", str(work / "site-profile")]
        subprocess.run([PY, str(Path(__file__)), "--_profile", str(stats_file), str(code / "build.py"), *command,
                        "--src", str(src), "--as-of", corpus_mod.AS_OF, "--cache", str(cache)],
                       env=env, cwd=code, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(work / f"profile-{phase}.txt", "w") as out:
            stats = pstats.Stats(str(stats_file), stream=out)
            stats.sort_stats("cumulative").print_stats(60)
            stats.sort_stats("tottime").print_stats(40)
        print(f"  → {work / f'profile-{phase}.txt'}", flush=True)


# -- report -------------------------------------------------------------------------------------------------
def mb(x: float) -> str:
    return f"{x / 1e6:.2f} MB"


def kb(x: float) -> str:
    return f"{x / 1e3:.0f} KB"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(r: dict) -> str:
    t, n = r["times"], r["n"]
    cold, warm, plain = t["cold"], t["warm"], t["plain"]
    rc, rw = cold["wall"] / plain["wall"], warm["wall"] / plain["wall"]
    cc, cw = cold["cpu"] / plain["cpu"], warm["cpu"] / plain["cpu"]
    peak = max(cold["rss_mb"], warm["rss_mb"])
    ours_i, plain_i = r["index"]["ours"], r["index"]["plain"]
    ri = ours_i["bytes"] / plain_i["bytes"]
    pw, pp = r["page"]["ours"], r["page"]["plain"]
    lines = [
        f"## N = {n} standards", "",
        f"Command: `{r['command']}` — {r['date']}, commit {r['versions']['commit']}.", "",
        f"Corpus: {r['corpus']}.", "",
        "| measure | ours (`build.py`) | plain MkDocs Material | ratio | target |",
        "|---|---|---|---|---|",
        f"| build, cold (empty diagram cache) — wall | {cold['wall']:.1f} s | {plain['wall']:.1f} s | {rc:.2f}× | ≤ 1.5× {verdict(rc <= TARGETS['cold'])} |",
        f"| build, warm (nothing changed) — wall | {warm['wall']:.1f} s | {plain['wall']:.1f} s | {rw:.2f}× | ≤ 1.15× {verdict(rw <= TARGETS['warm'])} |",
        f"| build, cold — CPU (user+sys) | {cold['cpu']:.1f} s | {plain['cpu']:.1f} s | {cc:.2f}× | |",
        f"| build, warm — CPU (user+sys) | {warm['cpu']:.1f} s | {plain['cpu']:.1f} s | {cw:.2f}× | |",
        f"| peak memory (max RSS of one process) | {peak:.0f} MB | {plain['rss_mb']:.0f} MB | {peak / plain['rss_mb']:.2f}× | ≤ 1.5 GB {verdict(peak <= TARGETS['rss_mb'])} |",
        f"| `build.py check`, diagram cache warm | {t['check_warm']['wall']:.2f} s ({t['check_warm']['rss_mb']:.0f} MB) | — | | ≤ 3 s {verdict(t['check_warm']['wall'] <= TARGETS['check_s'])} |",
        f"| `build.py check`, diagram cache empty | {t['check_cold']['wall']:.2f} s | — | | |",
        f"| search index (raw) | {mb(ours_i['bytes'])} `search/stdsearch.js` | {mb(plain_i['bytes'])} `search/search_index.json` | {ri:.2f}× | ≤ 0.4× {verdict(ri <= TARGETS['index'])} |",
        f"| search index (gzip) | {mb(ours_i['gzip'])} | {mb(plain_i['gzip'])} | {ours_i['gzip'] / plain_i['gzip']:.2f}× | |",
        f"| one standard page before search: HTML+CSS+JS (raw) | {kb(pw['total'])} | {kb(pp['total'])} (+ {kb(pp['worker'])} search worker) | {pw['total'] / pp['total']:.2f}× | ≤ 400 KB {verdict(pw['total'] <= TARGETS['page_kb'] * 1000)} |",
        f"| same, gzip | {kb(pw['gzip'])} | {kb(pp['gzip'])} | | |",
        f"| of which HTML / inline flow SVG | {kb(pw['html'])} / {kb(pw['svg'])} | {kb(pp['html'])} / {kb(pp['svg'])} | | |",
        f"| site size | {mb(r['site']['ours'])} | {mb(r['site']['plain'])} | {r['site']['ours'] / r['site']['plain']:.2f}× | |",
    ]
    e = r.get("edit")
    if e:
        o, p = e["ours"], e.get("plain")
        lines.append(f"| editing loop: save → served page shows it (median of {len(o['edits'])}) | "
                     f"{o['median']:.1f} s ({', '.join(f'{x:.1f}' for x in o['edits'])}) | "
                     + (f"{p['median']:.1f} s (`mkdocs serve`) | {o['median'] / p['median']:.2f}× |" if p else "— | |")
                     + " as short as MkDocs allows |")
        lines.append(f"| serve start-up until the page is served | {o['startup']:.1f} s | "
                     + (f"{p['startup']:.1f} s | |" if p else "— | |") + " |")
    if pw["external"] or pp["external"]:
        lines.append(f"| external requests from the page | {len(pw['external'])} | {len(pp['external'])} | | 0 |")
    m, v = r["machine"], r["versions"]
    lines += [
        "",
        f"Machine: {m['nproc']} cores, {m['cpu']}, {m['mem']} RAM, {m['os']}. Load average (1/5/15 min) "
        f"at start {r['load_start']}, at end {r['load_end']} — other work on the machine inflates wall times; "
        "CPU times are less affected.",
        f"Versions: Python {v['python']}, MkDocs {v['mkdocs']}, Material {v['material']}, {v['graphviz']}; "
        f"plain build: Python/MkDocs/Material {v['plain']}, {r['plain_note']}.",
        f"Runs: {r['repeat']} of each build (the fastest is shown; peak memory is the max). Page weighed: "
        f"`{r['page']['ours_path']}` vs `{r['page']['plain_path']}`.",
        "",
    ]
    return "\n".join(lines)


def write_results(r: dict) -> None:
    text = report(r)
    (HERE / f"results-n{r['n']}.md").write_text(text, encoding="utf-8")
    (HERE / "out" / f"results-n{r['n']}.json").write_text(json.dumps(r, indent=1, ensure_ascii=False), encoding="utf-8")
    parts = sorted(HERE.glob("results-n*.md"), key=lambda p: -int(re.search(r"n(\d+)", p.name).group(1)))
    head = ("# Benchmark results\n\nGenerated by `benchmarks/run.py` (see its docstring for what is measured and "
            "how); one section per corpus size, newest run of each size.\n\n")
    (HERE / "results.md").write_text(head + "\n".join(p.read_text(encoding="utf-8") for p in parts), encoding="utf-8")
    print("\n" + text)


# -- main -------------------------------------------------------------------------------------------------
def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--_measure":
        _measure_main(sys.argv[2:])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--_profile":
        _profile_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description="Time build.py against a plain MkDocs Material build.")
    parser.add_argument("--n", type=int, default=1000, help="standards in the corpus (default 1000)")
    parser.add_argument("--seed", type=int, default=20250630)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each build (the fastest counts)")
    parser.add_argument("--edits", type=int, default=3, help="saves timed in the editing loop")
    parser.add_argument("--no-serve", action="store_true", help="skip the editing loop")
    parser.add_argument("--no-plain-serve", action="store_true", help="skip `mkdocs serve` on the plain project")
    parser.add_argument("--no-jieba", action="store_true", help="plain build without jieba")
    parser.add_argument("--profile", action="store_true", help="also cProfile the cold and warm builds")
    args = parser.parse_args()

    out = HERE / "out"
    work = out / f"n{args.n}"
    logs = work / "logs"
    if work.exists():
        for child in work.iterdir():
            if child.name != "code":
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    logs.mkdir(parents=True, exist_ok=True)
    r: dict = {"n": args.n, "repeat": args.repeat, "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
               "command": " ".join([".venv/bin/python benchmarks/run.py", *sys.argv[1:]]),
               "machine": machine(), "load_start": load()}
    print(f"benchmark N={args.n} on {r['machine']['nproc']} cores ({r['machine']['cpu']}), load {r['load_start']}", flush=True)

    started = time.perf_counter()
    corpus = corpus_mod.generate(args.n, args.seed)
    src = corpus_mod.write_source(corpus, work / "src")
    plain_cfg = plain_mod.write_plain(corpus, work / "plain", out / "svg-cache")
    full = [s for s in corpus.standards if s.full_text]
    src_bytes = sum(p.stat().st_size for p in (src / "standards").rglob("*.md"))
    r["corpus"] = (f"{len(corpus.standards)} standards ({len(full)} full text, ≈{src_bytes / len(full) / 1000:.1f} KB "
                   f"of source each, one flow, checklist, criteria and table each), {len(corpus.courses)} courses, "
                   f"{len(corpus.documents)} documents, {len(corpus.plan)} plan items, {len(corpus.sessions)} "
                   f"training sessions, 2 directory editions; as-of {corpus.as_of}")
    print(f"  corpus and plain project written in {time.perf_counter() - started:.1f} s", flush=True)

    plain_py, r["plain_note"] = plain_python(out, not args.no_jieba)
    r["versions"] = versions(plain_py)
    env = base_env()
    cache = work / "diagram-cache"
    ours_env = env
    repo_cache = ROOT / ".cache"
    repo_cache_mtime = repo_cache.stat().st_mtime if repo_cache.exists() else None
    as_of = ["--as-of", corpus.as_of, "--cache", str(cache)]
    code = snapshot_code(work / "code")
    build = [PY, code / "build.py"]
    site_ours, site_plain = work / "site-ours", work / "site-plain"

    t: dict = {}
    t["check_cold"] = measure("check-cold", [*build, "check", "--src", src, *as_of], ours_env, code, logs)
    runs: dict = {"cold": [], "warm": [], "plain": []}
    for k in range(args.repeat):
        runs["plain"].append(measure(f"plain-{k + 1}", [plain_py, "-m", "mkdocs", "build", "-q", "-f", plain_cfg,
                                                        "-d", site_plain], env, work, logs))
        if cache.exists():
            shutil.rmtree(cache)
        runs["cold"].append(measure(f"cold-{k + 1}", [*build, "build", "--src", src, "--out", site_ours, *as_of],
                                    ours_env, code, logs))
        runs["warm"].append(measure(f"warm-{k + 1}", [*build, "build", "--src", src, "--out", site_ours, *as_of],
                                    ours_env, code, logs))
    for key, values in runs.items():
        t[key] = best(values)
    t["check_warm"] = measure("check-warm", [*build, "check", "--src", src, *as_of], ours_env, code, logs)
    r["times"] = t
    if repo_cache.exists() and repo_cache.stat().st_mtime != repo_cache_mtime:
        print(f"  note: {repo_cache} changed during the run although --cache was given", flush=True)

    r["index"] = {"ours": file_size(site_ours / "search" / "stdsearch.js"),
                  "plain": file_size(site_plain / "search" / "search_index.json")}
    sample = next(s for s in full if s.sections and any(not isinstance(p, str) and p[0] == "flow" and p[1]["lanes"]
                                                        for *_, c in s.sections for p in c))
    ours_page = site_ours / "standards" / sample.slug / "index.html"
    plain_page = site_plain / plain_mod.page_path(sample)[:-3] / "index.html"
    r["page"] = {"ours": page_weight(ours_page, site_ours), "plain": page_weight(plain_page, site_plain),
                 "ours_path": ours_page.relative_to(work).as_posix(), "plain_path": plain_page.relative_to(work).as_posix()}
    r["site"] = {"ours": tree_size(site_ours), "plain": tree_size(site_plain)}

    if not args.no_serve:
        edited = full[len(full) // 2]
        port = free_port()
        r["edit"] = {"ours": edit_loop(
            "serve-ours", [*build, "serve", "--src", src, "--port", str(port), *as_of], ours_env, code,
            f"http://127.0.0.1:{port}/standards/{edited.slug}/", src / "standards" / edited.path,
            edited.title, lambda title: f"title: {title}\n", args.edits, logs, 900)}
        if not args.no_plain_serve:
            port = free_port()
            r["edit"]["plain"] = edit_loop(
                "serve-plain", [plain_py, "-m", "mkdocs", "serve", "-f", plain_cfg, "-a", f"127.0.0.1:{port}"], env, work,
                f"http://127.0.0.1:{port}/{plain_mod.page_path(edited)[:-3]}/", work / "plain" / "docs" / plain_mod.page_path(edited),
                edited.title, lambda title: f"# {edited.code} {title}\n", args.edits, logs, 900)
    r["load_end"] = load()
    write_results(r)
    if args.profile:
        profile(src, work, env, code)


if __name__ == "__main__":
    main()

"""The performance benchmark (issue 18), one command: `make bench` (= .venv/bin/python benchmarks/run.py,
N = 1000). Everything is measured in one run, on this machine, against plain MkDocs Material with
jieba (what a Chinese site needs for search) building the same content:

- builds at N standards (benchmarks/corpus.py; the plain twin from benchmarks/plain.py), each in a
  fresh process (wall, CPU, peak memory of the process tree): plain Material; ours cold (empty
  cache, new output folder); ours warm (nothing changed, same folder); ours after one standard's
  clause was edited;
- `build.py check` with empty caches and warm;
- sizes: the search index, one standard page with what it loads (before the index);
- the editing loop (benchmarks/preview.py): `build.py serve` with the page open in Chromium, time
  from saving a source to the open tab showing it (clauses, framework.yaml, a course);
- scaling: at 2N, `check` with empty caches and a cold build against plain Material; at 10N,
  `check` with empty caches (skip with --no-scale);
- serving (benchmarks/serving.py): requests per second through nginx with the configuration of
  docs/help/deploy.md, for a standard page and the search index.

Prints every target with its figures, met or not, and writes benchmarks/results-n<N>.md and
benchmarks/results.md; working files go to benchmarks/out/ (git-ignored). `--profile` also writes
cProfile summaries of the cold and warm builds (benchmarks/out/n<N>/profile-*.txt).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as corpus_mod  # noqa: E402
import plain as plain_mod    # noqa: E402
from measuring import (PY, _measure_main, _profile_main, base_env, best, file_size, load, machine,  # noqa: E402
                       measure, page_weight, plain_python, profile, snapshot_code, tree_size, versions)

TARGETS = {"preview_s": 2.0, "preview_other_s": 5.0, "warm": 0.3, "edited": 0.4, "cold": 1.0, "index": 0.4,
           "page_kb": 400, "check_s": 3.0, "rss_mb": 1536, "check_2n_s": 6.0, "check_10n_s": 30.0,
           "cold_2n": 1.0, "rss_2n_mb": 1024}


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def edit_clause(source: Path, sentence: str, k: int) -> None:
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace(sentence, f"{sentence}（第{k}次修改）", 1), encoding="utf-8")


def first_sentence(source: Path) -> str:
    """A sentence of a clause of a standard's source (a line of body text after a clause heading)."""
    lines = source.read_text(encoding="utf-8").split("\n")
    for index, line in enumerate(lines):
        if re.match(r"^#{2,6} \d", line):
            for text in lines[index + 1:]:
                if text and not text.startswith(("#", "|", "-", "`", "<")):
                    return text.split("，")[0].split("。")[0]
    raise SystemExit(f"no clause text in {source}")


def corpus_at(n: int, seed: int, work: Path, svg_cache: Path, plain: bool = True) -> tuple:
    corpus = corpus_mod.generate(n, seed)
    src = corpus_mod.write_source(corpus, work / "src")
    cfg = plain_mod.write_plain(corpus, work / "plain", svg_cache) if plain else None
    return corpus, src, cfg


def run_builds(r: dict, args, work: Path, code: Path, src: Path, plain_cfg: Path, plain_py: str, corpus) -> dict:
    """Plain, cold, warm and one-edited builds; check empty and warm (timings into r["times"])."""
    env, logs = base_env(), work / "logs"
    cache = work / "cache"
    as_of = ["--as-of", corpus.as_of, "--cache", str(cache)]
    build = [PY, code / "build.py"]
    site_ours, site_plain = work / "site-ours", work / "site-plain"
    t: dict = {}
    t["check_cold"] = measure("check-cold", [*build, "check", "--src", src, "--as-of", corpus.as_of,
                                             "--cache", work / "empty-cache"], env, code, logs)
    runs: dict = {"cold": [], "warm": [], "edited": [], "plain": []}
    full = [s for s in corpus.standards if s.full_text]
    edited = src / "standards" / full[len(full) // 3].path
    sentence = first_sentence(edited)
    for k in range(args.repeat):
        runs["plain"].append(measure(f"plain-{k + 1}", [plain_py, "-m", "mkdocs", "build", "-q", "-f", plain_cfg,
                                                        "-d", site_plain], env, work, logs))
        for path in (cache, site_ours):
            if path.exists():
                shutil.rmtree(path)
        runs["cold"].append(measure(f"cold-{k + 1}", [*build, "build", "--src", src, "--out", site_ours, *as_of],
                                    env, code, logs))
        runs["warm"].append(measure(f"warm-{k + 1}", [*build, "build", "--src", src, "--out", site_ours, *as_of],
                                    env, code, logs))
        edit_clause(edited, sentence, k + 1)
        runs["edited"].append(measure(f"edited-{k + 1}", [*build, "build", "--src", src, "--out", site_ours, *as_of],
                                      env, code, logs))
    for key, values in runs.items():
        t[key] = best(values)
    t["check_warm"] = measure("check-warm", [*build, "check", "--src", src, *as_of], env, code, logs)
    return t


def scale(r: dict, args, out: Path, code: Path, plain_py: str) -> dict:
    """`check` with empty caches at 2N and 10N; a cold build at 2N against plain Material."""
    env = base_env()
    found: dict = {}
    for n, with_build in ((2 * args.n, True), (10 * args.n, False)):
        work = out / f"n{n}"
        logs = work / "logs"
        if work.exists():
            shutil.rmtree(work)
        logs.mkdir(parents=True)
        corpus, src, cfg = corpus_at(n, args.seed, work, out / "svg-cache", plain=with_build)
        build = [PY, code / "build.py"]
        row = {"check": measure(f"check-cold-{n}", [*build, "check", "--src", src, "--as-of", corpus.as_of,
                                                    "--cache", work / "empty-cache"], env, code, logs)}
        if with_build:
            row["plain"] = measure(f"plain-{n}", [plain_py, "-m", "mkdocs", "build", "-q", "-f", cfg, "-d",
                                                  work / "site-plain"], env, work, logs)
            row["cold"] = measure(f"cold-{n}", [*build, "build", "--src", src, "--out", work / "site-ours", "--as-of",
                                                corpus.as_of, "--cache", work / "cache"], env, code, logs)
            shutil.rmtree(work / "site-plain", ignore_errors=True)
            shutil.rmtree(work / "site-ours", ignore_errors=True)
        found[n] = row
    return found


def preview(r: dict, args, work: Path, code: Path, src: Path, corpus) -> dict:
    from preview import editing_loop
    full = [s for s in corpus.standards if s.full_text]
    target = full[len(full) // 2]
    source = src / "standards" / target.path
    area = next(aname for _cid, _cname, areas in corpus.framework for aid, aname, _c, _i in areas if aid == target.area)
    course = corpus.courses[len(corpus.courses) // 2]
    port = free_port()
    command = [PY, str(code / "build.py"), "serve", "--src", str(src), "--port", str(port), "--as-of", corpus.as_of,
               "--cache", str(work / "serve-cache")]
    return editing_loop(command, base_env(), code, f"http://127.0.0.1:{port}/",
                        (source, f"standards/{target.slug}/", first_sentence(source)),
                        (src / "framework.yaml", area),
                        (src / "courses" / f"{course['id']}.md", f"training/{course['id']}/", course["title"]),
                        args.saves, work / "logs")


def serving(work: Path, site: Path, page: str) -> dict | None:
    from serving import nginx_rates
    dist = work / "dist-empty"
    dist.mkdir(exist_ok=True)
    return nginx_rates(site, dist, work / "nginx", page)


# -- report -------------------------------------------------------------------------------------------------
def mb(x: float) -> str:
    return f"{x / 1e6:.2f} MB"


def kb(x: float) -> str:
    return f"{x / 1e3:.0f} KB"


def targets(r: dict) -> list[tuple[str, str, bool | None]]:
    """(target, figures, met) for every target of issue 18 that this run measured."""
    t, out = r["times"], []
    plain = t["plain"]["wall"]
    out.append(("build, cold ≤ 1.0× plain Material (wall)", f"{t['cold']['wall']:.1f} s vs {plain:.1f} s = "
                f"{t['cold']['wall'] / plain:.2f}×", t["cold"]["wall"] / plain <= TARGETS["cold"]))
    out.append(("build, warm (nothing changed) ≤ 0.3×", f"{t['warm']['wall']:.1f} s = {t['warm']['wall'] / plain:.2f}×",
                t["warm"]["wall"] / plain <= TARGETS["warm"]))
    out.append(("build, one standard edited ≤ 0.4×", f"{t['edited']['wall']:.1f} s = "
                f"{t['edited']['wall'] / plain:.2f}×", t["edited"]["wall"] / plain <= TARGETS["edited"]))
    e = r.get("edit")
    if e:
        out.append(("preview: standard saved → open tab shows it ≤ 2 s (median)",
                    f"{e['clause_median']:.2f} s ({', '.join(f'{x:.2f}' for x in e['clause'])})",
                    e["clause_median"] <= TARGETS["preview_s"]))
        for key, name in (("framework", "framework.yaml"), ("course", "a course")):
            out.append((f"preview: {name} saved → open tab shows it ≤ 5 s (median)",
                        f"{e[key + '_median']:.2f} s ({', '.join(f'{x:.2f}' for x in e[key])})",
                        e[key + "_median"] <= TARGETS["preview_other_s"]))
    ri = r["index"]["ours"]["bytes"] / r["index"]["plain"]["bytes"]
    out.append(("search index ≤ 0.4× Material's", f"{mb(r['index']['ours']['bytes'])} vs "
                f"{mb(r['index']['plain']['bytes'])} = {ri:.2f}×", ri <= TARGETS["index"]))
    pw = r["page"]["ours"]["total"]
    out.append(("a standard page ≤ 400 KB before the index", kb(pw), pw <= TARGETS["page_kb"] * 1000))
    check_limit = TARGETS["check_s"] * max(1, r["n"] / 1000)       # (3 s per 1000 standards: 6 s at 2000)
    out.append((f"`check` ≤ {check_limit:g} s at N={r['n']}, empty caches", f"{t['check_cold']['wall']:.2f} s",
                t["check_cold"]["wall"] <= check_limit))
    peak = max(t["cold"]["rss_mb"], t["warm"]["rss_mb"], t["edited"]["rss_mb"])
    out.append(("peak memory ≤ 1.5 GB", f"{peak:.0f} MB", peak <= TARGETS["rss_mb"]))
    s = r.get("scale")
    if s:
        n2, n10 = 2 * r["n"], 10 * r["n"]
        c2, c10 = s[str(n2)]["check"]["wall"], s[str(n10)]["check"]["wall"]
        out.append((f"`check` ≤ 6 s at N={n2}, empty caches", f"{c2:.2f} s", c2 <= TARGETS["check_2n_s"]))
        out.append((f"`check` ≤ 30 s at N={n10}, empty caches", f"{c10:.2f} s", c10 <= TARGETS["check_10n_s"]))
        b, p = s[str(n2)]["cold"], s[str(n2)]["plain"]
        out.append((f"build at N={n2} ≤ 1.0× plain Material (cold)", f"{b['wall']:.1f} s vs {p['wall']:.1f} s = "
                    f"{b['wall'] / p['wall']:.2f}×", b["wall"] / p["wall"] <= TARGETS["cold_2n"]))
        out.append((f"build at N={n2} under 1 GB", f"{b['rss_mb']:.0f} MB", b["rss_mb"] <= TARGETS["rss_2n_mb"]))
    return out


def report(r: dict) -> str:
    t, n = r["times"], r["n"]
    plain = t["plain"]
    lines = [f"## N = {n} standards", "",
             f"Command: `{r['command']}` — {r['date']}, commit {r['versions']['commit']}.", "",
             f"Corpus: {r['corpus']}.", "", "### Targets", "", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {name} | {figures} | {'met' if ok else '**not met**'} |" for name, figures, ok in targets(r)]
    lines += ["", "### Builds", "", "| build | wall | CPU (user+sys, all processes) | peak memory | ratio to plain (wall) |",
              "|---|---|---|---|---|"]
    for key, name in (("plain", "plain MkDocs Material + jieba"), ("cold", "ours, cold (empty cache, new folder)"),
                      ("warm", "ours, warm (nothing changed, same folder)"),
                      ("edited", "ours, one standard's clause edited"),
                      ("check_cold", "`build.py check`, empty caches"), ("check_warm", "`build.py check`, warm")):
        m = t[key]
        lines.append(f"| {name} | {m['wall']:.2f} s | {m['cpu']:.2f} s | {m['rss_mb']:.0f} MB | "
                     f"{m['wall'] / plain['wall']:.2f}× |")
    pw, pp = r["page"]["ours"], r["page"]["plain"]
    oi, pi = r["index"]["ours"], r["index"]["plain"]
    lines += ["", "### Sizes", "", "| | ours | plain Material |", "|---|---|---|",
              f"| search index (raw / gzip) | {mb(oi['bytes'])} / {mb(oi['gzip'])} | {mb(pi['bytes'])} / {mb(pi['gzip'])} |",
              f"| one standard page before the index: HTML+CSS+JS (raw / gzip) | {kb(pw['total'])} / {kb(pw['gzip'])} | "
              f"{kb(pp['total'])} / {kb(pp['gzip'])} (+ {kb(pp['worker'])} search worker) |",
              f"| of which HTML / inline flow SVG | {kb(pw['html'])} / {kb(pw['svg'])} | {kb(pp['html'])} / {kb(pp['svg'])} |",
              f"| site (with .gz twins for nginx) | {mb(r['site']['ours'])} | {mb(r['site']['plain'])} |"]
    e = r.get("edit")
    if e:
        lines += ["", "### Editing loop (`build.py serve`, page open in headless Chromium, 1366 px)", "",
                  "| save | open tab shows it (median) | each save |", "|---|---|---|"]
        for key, name in (("clause", "a clause of the standard whose page is open"),
                          ("framework", "the area's name in framework.yaml (shown on that page)"),
                          ("course", "a course's title (the course page is open)")):
            lines.append(f"| {name} | {e[key + '_median']:.2f} s | {', '.join(f'{x:.2f}' for x in e[key])} s |")
        lines.append(f"| preview start-up until the page is served | {e['startup']:.1f} s | |")
    s = r.get("scale")
    if s:
        lines += ["", "### Scaling (empty caches)", "", "| N | `check` | cold build (ours / plain, peak memory) |",
                  "|---|---|---|"]
        for n_, row in sorted(s.items(), key=lambda kv: int(kv[0])):
            build = (f"{row['cold']['wall']:.1f} s / {row['plain']['wall']:.1f} s = "
                     f"{row['cold']['wall'] / row['plain']['wall']:.2f}×, {row['cold']['rss_mb']:.0f} MB"
                     if "cold" in row else "—")
            lines.append(f"| {n_} | {row['check']['wall']:.2f} s ({row['check']['rss_mb']:.0f} MB) | {build} |")
    v = r.get("serving")
    if v:
        lines += ["", "### Serving through nginx (docs/help/deploy.md's configuration, HTTPS, gzip_static)", "",
                  "| file | requests per second | bytes sent (gzip) |", "|---|---|---|",
                  f"| a standard page (`{v['url_page']}`) | {v['page']['rps']:.0f} | {kb(v['page']['bytes'])} |",
                  f"| the search index (`search/stdsearch.js`) | {v['index']['rps']:.0f} | {kb(v['index']['bytes'])} |",
                  "", f"Client: {v['page']['clients']} Python processes (TLS, keep-alive, gzip) on the same machine "
                  "as nginx (2 worker processes): a lower bound — the client runs out of CPU first."]
    m, ver = r["machine"], r["versions"]
    lines += ["", f"Machine: {m['nproc']} cores, {m['cpu']}, {m['mem']} RAM, {m['os']}. Load average (1/5/15 min) "
              f"at start {r['load_start']}, at end {r['load_end']} — other work on the machine inflates wall times.",
              f"Versions: Python {ver['python']}, MkDocs {ver['mkdocs']}, Material {ver['material']}, {ver['graphviz']}; "
              f"plain build: Python/MkDocs/Material {ver['plain']}, {r['plain_note']}.",
              f"Runs: {r['repeat']} of each build (the fastest counts; peak memory is the max). Page weighed: "
              f"`{r['page']['ours_path']}` vs `{r['page']['plain_path']}`.", ""]
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
    print("\nTargets:")
    for name, figures, ok in targets(r):
        print(f"  [{'met' if ok else 'NOT MET'}] {name}: {figures}")


# -- main -------------------------------------------------------------------------------------------------
def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--_measure":
        _measure_main(sys.argv[2:])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--_profile":
        _profile_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description="Time build.py against plain MkDocs Material (issue 18's targets).")
    parser.add_argument("--n", type=int, default=1000, help="standards in the corpus (default 1000)")
    parser.add_argument("--seed", type=int, default=20250630)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each build (the fastest counts)")
    parser.add_argument("--saves", type=int, default=5, help="clause saves timed in the editing loop")
    parser.add_argument("--no-serve", action="store_true", help="skip the editing loop")
    parser.add_argument("--no-scale", action="store_true", help="skip the runs at 2N and 10N")
    parser.add_argument("--no-nginx", action="store_true", help="skip requests per second through nginx")
    parser.add_argument("--no-jieba", action="store_true", help="plain build without jieba")
    parser.add_argument("--profile", action="store_true", help="also cProfile the cold and warm builds")
    args = parser.parse_args()

    out = HERE / "out"
    work = out / f"n{args.n}"
    if work.exists():
        for child in work.iterdir():
            if child.name != "code":
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    (work / "logs").mkdir(parents=True, exist_ok=True)
    r: dict = {"n": args.n, "repeat": args.repeat, "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
               "command": " ".join([".venv/bin/python benchmarks/run.py", *sys.argv[1:]]),
               "machine": machine(), "load_start": load()}
    print(f"benchmark N={args.n} on {r['machine']['nproc']} cores ({r['machine']['cpu']}), load {r['load_start']}",
          flush=True)
    started = time.perf_counter()
    corpus, src, plain_cfg = corpus_at(args.n, args.seed, work, out / "svg-cache")
    full = [s for s in corpus.standards if s.full_text]
    src_bytes = sum(p.stat().st_size for p in (src / "standards").rglob("*.md"))
    r["corpus"] = (f"{len(corpus.standards)} standards ({len(full)} full text, ≈{src_bytes / len(full) / 1000:.1f} KB "
                   f"of source each, one flow, checklist, criteria and table each), {len(corpus.courses)} courses, "
                   f"{len(corpus.documents)} documents, {len(corpus.plan)} plan items, {len(corpus.sessions)} "
                   f"training sessions, 2 directory editions; as-of {corpus.as_of}")
    print(f"  corpus and plain project written in {time.perf_counter() - started:.1f} s", flush=True)
    plain_py, r["plain_note"] = plain_python(out, not args.no_jieba)
    r["versions"] = versions(plain_py)
    code = snapshot_code(work / "code")
    r["times"] = run_builds(r, args, work, code, src, plain_cfg, plain_py, corpus)

    site_ours, site_plain = work / "site-ours", work / "site-plain"
    r["index"] = {"ours": file_size(site_ours / "search" / "stdsearch.js"),
                  "plain": file_size(site_plain / "search" / "search_index.json")}
    sample = next(s for s in full if any(not isinstance(p, str) and p[0] == "flow" and p[1]["lanes"]
                                         for *_, c in s.sections for p in c))
    ours_page = site_ours / "standards" / sample.slug / "index.html"
    plain_page = site_plain / plain_mod.page_path(sample)[:-3] / "index.html"
    r["page"] = {"ours": page_weight(ours_page, site_ours), "plain": page_weight(plain_page, site_plain),
                 "ours_path": ours_page.relative_to(work).as_posix(), "plain_path": plain_page.relative_to(work).as_posix()}
    r["site"] = {"ours": tree_size(site_ours), "plain": tree_size(site_plain)}
    if not args.no_nginx:
        print("  serving through nginx …", flush=True)
        r["serving"] = serving(work, site_ours, f"standards/{sample.slug}/")
    if not args.no_serve:
        r["edit"] = preview(r, args, work, code, src, corpus)
    if not args.no_scale:
        r["scale"] = {str(k): v for k, v in scale(r, args, out, code, plain_py).items()}
    r["load_end"] = load()
    write_results(r)
    if args.profile:
        profile(src, work, base_env(), code, corpus.as_of)


if __name__ == "__main__":
    main()

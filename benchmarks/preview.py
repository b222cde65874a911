"""The editing loop as an editor lives it: `build.py serve` running, the page open in (headless,
system) Chromium, a source saved; the time from the save until the open tab shows the change,
by itself (the live reload), measured in the browser.

Three kinds of save are timed: a clause of a standard (the page of that standard is open), the
name of that standard's area in framework.yaml (shown on the standard's page, in the
navigation and the metadata) and a course's title (the course page is open). Between saves the
preview is left to finish its build (it logs 预览已更新), as an editor reads before saving again.
"""
from __future__ import annotations

import os
import re
import signal
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _finished_builds(log: Path) -> int:
    try:
        return log.read_text(encoding="utf-8", errors="replace").count("预览已更新")
    except OSError:
        return 0


def _wait_idle(log: Path, count: int, timeout: float = 300) -> int:
    """Wait until the preview has finished `count` builds; returns how many it has finished."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        done = _finished_builds(log)
        if done >= count:
            return done
        time.sleep(0.1)
    raise SystemExit(f"the preview did not finish its build (see {log})")


def _timed_save(page, path: Path, text: str, marker: str, timeout: float) -> float:
    """Save `text` to `path` and return the seconds until the open page shows `marker`."""
    started = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    page.wait_for_function("m => document.body && document.body.innerText.includes(m)", arg=marker,
                           timeout=timeout * 1000, polling="raf")
    return time.perf_counter() - started


def editing_loop(command: list[str], env: dict, cwd: Path, base_url: str, standard: tuple[Path, str, str],
                 framework: tuple[Path, str], course: tuple[Path, str, str], saves: int, logs: Path,
                 timeout: float = 600) -> dict:
    """Start the preview, then time `saves` clause edits, and framework and course edits.

    `standard`: (source file, its page path, a sentence of a clause); `framework`: (framework.yaml,
    the area name shown on that standard's page); `course`: (course file, its page path, its title)."""
    from playwright.sync_api import sync_playwright

    log = logs / "serve.log"
    originals = {p: p.read_bytes() for p in (standard[0], framework[0], course[0])}
    started = time.monotonic()
    proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=open(log, "wb"), stderr=subprocess.STDOUT,
                            start_new_session=True)
    result: dict = {"clause": [], "framework": [], "course": []}
    try:
        while "<html" not in _fetch(base_url + standard[1]):
            if proc.poll() is not None or time.monotonic() - started > timeout:
                raise SystemExit(f"the preview did not start (see {log})")
            time.sleep(0.2)
        result["startup"] = time.monotonic() - started
        done = _wait_idle(log, 1)
        print(f"  preview started in {result['startup']:.1f} s", flush=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}).new_page()
            source, url, sentence = standard
            page.goto(base_url + url)
            page.wait_for_load_state("load")
            text = source.read_text(encoding="utf-8")
            assert sentence in text, sentence
            for k in range(saves):
                marker = f"修改第{k + 1}稿"
                text = text.replace(sentence, f"{sentence}（{marker}）", 1) if k == 0 else \
                    text.replace(f"（修改第{k}稿）", f"（{marker}）", 1)
                result["clause"].append(_timed_save(page, source, text, marker, timeout))
                print(f"  clause save {k + 1}: {result['clause'][-1]:.2f} s", flush=True)
                done = _wait_idle(log, done + 1)
            fw_path, area = framework
            fw_text = fw_path.read_text(encoding="utf-8")
            for k in range(max(1, saves // 2)):
                marker = f"{area}（调整{k + 1}）"
                changed = re.sub(rf"name: {re.escape(area)}(（调整\d+）)?\n", f"name: {marker}\n", fw_text, count=1)
                assert changed != fw_text
                result["framework"].append(_timed_save(page, fw_path, changed, marker, timeout))
                print(f"  framework.yaml save {k + 1}: {result['framework'][-1]:.2f} s", flush=True)
                fw_text = changed
                done = _wait_idle(log, done + 1)
            c_path, c_url, title = course
            page.goto(base_url + c_url)
            page.wait_for_load_state("load")
            c_text = c_path.read_text(encoding="utf-8")
            for k in range(max(1, saves // 2)):
                marker = f"{title}（修订{k + 1}）"
                changed = re.sub(rf"^title: .*$", f"title: {marker}", c_text, count=1, flags=re.M)
                result["course"].append(_timed_save(page, c_path, changed, marker, timeout))
                print(f"  course save {k + 1}: {result['course'][-1]:.2f} s", flush=True)
                c_text = changed
                done = _wait_idle(log, done + 1)
            browser.close()
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
        try:
            os.killpg(proc.pid, signal.SIGINT)
            proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
    for key in ("clause", "framework", "course"):
        result[f"{key}_median"] = statistics.median(result[key])
    return result

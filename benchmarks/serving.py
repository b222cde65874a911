"""Requests per second through nginx, configured as docs/help/deploy.md says (HTTPS, gzip_static),
for one standard page and for the search index, on this machine.

The client is Python (http.client over TLS, keep-alive, gzip accepted, each response read whole)
in several processes on the same machine as nginx: the figures are a lower bound of what nginx
serves — the client, not nginx, is the first to run out of CPU on a 2-core machine.
"""
from __future__ import annotations

import http.client
import multiprocessing
import ssl
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from nginx_support import ensure_nginx, running_nginx  # noqa: E402


def _client(url: str, seconds: float, queue) -> None:
    parts = urlsplit(url)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    conn = http.client.HTTPSConnection(parts.hostname, parts.port, context=context, timeout=10)
    done, size, end = 0, 0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        conn.request("GET", parts.path, headers={"Accept-Encoding": "gzip"})
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"{url}: HTTP {response.status}")
        done += 1
        size = len(body)
    conn.close()
    queue.put((done, size))


def rate(url: str, seconds: float = 5.0, clients: int = 4) -> dict:
    """Requests per second for `url` with `clients` client processes for `seconds`."""
    queue: multiprocessing.Queue = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=_client, args=(url, seconds, queue)) for _ in range(clients)]
    started = time.perf_counter()
    for p in procs:
        p.start()
    results = [queue.get(timeout=seconds + 60) for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - started
    total = sum(done for done, _ in results)
    return {"requests": total, "seconds": elapsed, "rps": total / seconds, "bytes": results[0][1],
            "clients": clients}


def nginx_rates(site: Path, dist: Path, work: Path, page: str, seconds: float = 5.0) -> dict | None:
    """{page: rate, index: rate} through nginx with the documented configuration (None without nginx)."""
    nginx = ensure_nginx()
    if nginx is None:
        return None
    with running_nginx(nginx, site, dist, work, workers=2) as (https, _):
        base = https.replace("localhost", "127.0.0.1")
        return {"page": rate(base + page, seconds), "index": rate(base + "search/stdsearch.js", seconds),
                "url_page": page}

"""nginx with the configuration documented in docs/help/deploy.md, for the tests and the benchmark:
the ```nginx block of that page is taken as it is, and only what differs on a test machine is
replaced (folders, certificate, ports; IPv6 listeners are dropped), so the tested configuration
is the documented one.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "docs" / "help" / "deploy.md"
NGINX = "/usr/sbin/nginx"


def documented_config() -> str:
    """The server blocks of docs/help/deploy.md."""
    blocks = re.findall(r"```nginx\n(.*?)```", DEPLOY.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, "docs/help/deploy.md should hold exactly one ```nginx block"
    return blocks[0]


def ensure_nginx() -> str | None:
    """The nginx binary, installing the Debian package when it is missing; None (with the reason
    printed) when it cannot be installed here."""
    if Path(NGINX).is_file() or shutil.which("nginx"):
        return NGINX if Path(NGINX).is_file() else shutil.which("nginx")
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "nginx"]):
        result = subprocess.run(sudo + command, env=env, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            print(f"cannot install nginx: {result.stderr[-500:]}")
            return None
    return NGINX if Path(NGINX).is_file() else shutil.which("nginx")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def self_signed(folder: Path) -> tuple[Path, Path]:
    crt, key = folder / "test.crt", folder / "test.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-keyout", str(key), "-out", str(crt)], check=True, capture_output=True)
    return crt, key


def runnable_config(site: Path, dist: Path, work: Path, http_port: int, https_port: int, crt: Path, key: Path,
                    workers: int = 2) -> str:
    """A whole nginx.conf around the documented server blocks, for this machine."""
    server = documented_config()
    replacements = {
        "/srv/standards/site": str(site), "/srv/standards/dist/": f"{dist}/",
        "/etc/ssl/certs/biaozhun.crt": str(crt), "/etc/ssl/private/biaozhun.key": str(key),
        "listen 80;": f"listen 127.0.0.1:{http_port};", "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
    }
    for old, new in replacements.items():
        assert old in server, f"deploy.md: {old!r} not found"
        server = server.replace(old, new)
    server = "\n".join(line for line in server.splitlines() if "listen [::]" not in line)
    temp = work / "temp"
    temp.mkdir(parents=True, exist_ok=True)
    user = "user root root;\n" if os.geteuid() == 0 else ""
    return f"""{user}worker_processes {workers};
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{server}
}}
"""


@contextlib.contextmanager
def running_nginx(nginx: str, site: Path, dist: Path, work: Path, workers: int = 2):
    """nginx serving `site` (and `dist` under /offline/) with the documented configuration;
    yields (https base URL, http base URL)."""
    work.mkdir(parents=True, exist_ok=True)
    crt, key = self_signed(work)
    http_port, https_port = free_port(), free_port()
    conf = work / "nginx.conf"
    conf.write_text(runnable_config(site, dist, work, http_port, https_port, crt, key, workers), encoding="utf-8")
    check = subprocess.run([nginx, "-t", "-c", str(conf), "-p", str(work)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(work), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        end = time.monotonic() + 20
        while time.monotonic() < end:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", https_port)) == 0:
                    break
            assert proc.poll() is None, proc.stderr.read().decode("utf-8", "replace")
            time.sleep(0.1)
        yield f"https://localhost:{https_port}/", f"http://localhost:{http_port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

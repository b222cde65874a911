"""The built site behind nginx with the configuration of docs/help/deploy.md (HTTPS, gzip_static,
cache headers, the offline zip under /offline/): pages, search and downloads in Chromium, and the
headers a city-wide intranet relies on. nginx (the Debian package) is installed when missing."""
from __future__ import annotations

import gzip
import re
import ssl
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest

from directory_fixture import AS_OF, FILES
from nginx_support import ensure_nginx, running_nginx
from support import FRAMEWORK, STANDARD_MD, STANDARD_YAML, run_build, write_tree

UNVERIFIED = ssl.create_default_context()
UNVERIFIED.check_hostname = False
UNVERIFIED.verify_mode = ssl.CERT_NONE


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url: str, gzip_ok: bool = True) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=UNVERIFIED), NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    nginx = ensure_nginx()
    if nginx is None:
        pytest.fail("nginx 未安装，且无法用 apt-get 安装（请运行 sudo apt-get install nginx，或 make test）")
    base = tmp_path_factory.mktemp("nginx")
    src = write_tree(base / "src", {**FILES, "framework.yaml": FRAMEWORK, "standards/q101.md": STANDARD_MD,
                                    "standards/db1016.yaml": STANDARD_YAML})
    site, dist = base / "site", base / "dist"
    for command in (["build", "--out", str(site)], ["bundle", "--dist", str(dist)]):
        result = run_build(*command, "--src", str(src), "--as-of", AS_OF)
        assert result.returncode == 0, result.stdout + result.stderr
    with running_nginx(nginx, site, dist, base / "nginx") as (https, http):
        yield https.replace("localhost", "127.0.0.1"), http.replace("localhost", "127.0.0.1"), site, dist


def test_pages_come_precompressed_and_are_revalidated(served):
    https, _, site, _ = served
    status, headers, body = get(https + "standards/q-cqjg-101-2023/")
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert gzip.decompress(body) == (site / "standards/q-cqjg-101-2023/index.html").read_bytes()
    assert headers["cache-control"] == "no-cache" and headers["content-type"] == "text/html; charset=utf-8"
    assert "etag" in headers or "last-modified" in headers           # so that a revalidation costs a 304
    status, headers, body = get(https + "standards/q-cqjg-101-2023/", gzip_ok=False)
    assert status == 200 and "content-encoding" not in headers
    assert body == (site / "standards/q-cqjg-101-2023/index.html").read_bytes()


def test_fingerprinted_assets_are_kept_for_a_year_and_the_rest_is_not(served):
    https, _, site, _ = served
    html = (site / "index.html").read_text(encoding="utf-8")
    ours = re.search(r'href="(assets/stdsite/stdsite\.[0-9a-f]{10}\.css)"', html).group(1)
    material = re.search(r'src="(assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)"', html).group(1)
    for path in (ours, material):
        status, headers, body = get(https + path)
        assert status == 200, path
        assert headers["cache-control"] == "public, max-age=31536000, immutable", path
        assert headers.get("content-encoding") == "gzip", path
    for path in ("search/stdsearch.js", "data/catalog.json"):
        status, headers, _ = get(https + path)
        assert status == 200 and headers["cache-control"] == "no-cache", path


def test_spreadsheets_in_csv_are_sent_as_utf8_text(served):
    https, _, site, _ = served
    csv = sorted(site.glob("directory/*/*.csv"))[0].relative_to(site).as_posix()
    status, headers, body = get(https + quote(csv), gzip_ok=False)
    assert status == 200 and body == (site / csv).read_bytes()
    assert headers["content-type"] == "text/csv; charset=utf-8" and headers["cache-control"] == "no-cache"


def test_http_redirects_to_https_and_missing_pages_get_the_404_page(served):
    https, http, site, _ = served
    status, headers, _ = get(http + "standards/")
    assert status == 301 and headers["location"].startswith("https://")
    status, _, body = get(https + "no/such/page/", gzip_ok=False)
    assert status == 404 and body == (site / "404.html").read_bytes()
    (site / ".secret").write_text("x", encoding="utf-8")
    assert get(https + ".secret")[0] == 403


def test_pages_search_and_downloads_in_chromium(served, browser, tmp_path):
    https, _, site, dist = served
    context = browser.new_context(locale="zh-CN", ignore_https_errors=True, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(https + "standards/q-cqjg-101-2023/")
        assert "公务用车使用管理规范" in page.locator("h1").inner_text()
        assert page.evaluate("getComputedStyle(document.querySelector('.std-card')).display") != "inline"   # styled
        page.locator("input[data-md-component=search-query]").click()
        page.keyboard.type("派车", delay=20)
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        assert "Q/CQJG 101-2023" in page.locator(".md-search-result__item h1").first.inner_text()

        page.goto(https + "directory/2024-2/")
        with page.expect_download() as download:
            page.locator("a[href$='.xlsx']").first.click()
        saved = tmp_path / "table.xlsx"
        download.value.save_as(saved)
        assert saved.read_bytes() == (site / "directory/2024-2/目录.xlsx").read_bytes()

        zip_file = next(dist.glob("*.zip"))
        page.goto(https + "offline/")
        with page.expect_download() as download:
            page.locator(f"a[href='{zip_file.name}']").click()
        saved = tmp_path / "offline.zip"
        download.value.save_as(saved)
        assert saved.read_bytes() == zip_file.read_bytes()
        assert download.value.suggested_filename == zip_file.name
    finally:
        context.close()

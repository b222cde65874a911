"""The site's address (site_url) that QR codes and posters point at: no warning once it is set."""
from __future__ import annotations

from support import run_build


def test_real_site_url_gives_no_warning_and_is_in_the_qr_codes(make_project, tmp_path):
    out = tmp_path / "site"
    result = run_build("build", "--src", str(make_project()), "--out", str(out), "--as-of", "2025-06-30",
                       env={"STDSITE_SITE_URL": "http://std.example.gov.cn/"})
    assert result.returncode == 0, result.stderr
    assert "二维码" not in result.stdout + result.stderr and "警告" not in result.stderr
    page = (out / "standards/q-cqjg-101-2023/index.html").read_text(encoding="utf-8")
    assert "http://std.example.gov.cn/standards/q-cqjg-101-2023/" in page


def test_notice_only_for_the_example_address():
    from stdsite.pipeline import site_url_notice
    assert site_url_notice("http://biaozhun.jgswj.local") and site_url_notice("http://biaozhun.jgswj.local/")
    assert site_url_notice("http://std.example.gov.cn/") is None and site_url_notice(None) is None

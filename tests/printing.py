"""Reading what Chromium prints: a page's PDF text per A4 page (pypdf), and patterns that find a
page's text in it despite pypdf's look-alike code points."""
from __future__ import annotations

import io
import re

CJK = re.compile(r"[\u3400-\u9fff]")
TILDES = "～〜~"          # the font's one glyph for ～ reads back as 〜


class PrintedPage:
    """One page of a PDF read with pypdf: its mediabox and its text, extracted once (pypdf's
    extract_text is the slow part of the printing tests, and tests look at a page's text more
    than once)."""

    def __init__(self, page):
        self.page, self.mediabox = page, page.mediabox
        self.text: str | None = None

    def extract_text(self) -> str:
        if self.text is None:
            self.text = self.page.extract_text()
        return self.text


def read_pdf(data: bytes) -> list[PrintedPage]:
    """The pages of a PDF (bytes), each reading its text once."""
    from pypdf import PdfReader
    return [PrintedPage(p) for p in PdfReader(io.BytesIO(data)).pages]


def pdf_pages(page) -> list[str]:
    """The text of each printed A4 page (Chromium's page.pdf, read with pypdf), whitespace removed."""
    from pypdf import PdfReader
    data = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    return [re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def printed(text: str) -> re.Pattern:
    """A pattern for `text` as pypdf reads it back: whitespace dropped, and a CJK character may come
    back as a look-alike Kangxi or supplement radical (用 -> ⽤, 车 -> ⻋, 户 -> ⼾)."""
    def char(c: str) -> str:
        if CJK.match(c):
            return f"(?:{re.escape(c)}|[\u2e80-\u2fdf])"
        return f"[{TILDES}]" if c in TILDES else re.escape(c)
    return re.compile("".join(char(c) for c in re.sub(r"\s+", "", text)))


def page_of(pages: list[str], text: str) -> int | None:
    """The index of the first printed page holding `text`, or None."""
    pattern = printed(text)
    return next((i for i, p in enumerate(pages) if pattern.search(p)), None)

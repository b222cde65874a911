"""What every page renderer receives: the catalog, how to link, and how to render blocks."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..catalog import Catalog
from ..model import Block
from .common import Links


@dataclass
class RenderContext:
    catalog: Catalog
    links: Links
    site_url: str | None = None
    # block renderer: (block, page source path, owner standard/course) -> HTML
    render_block: Callable[[Block, str, object], str] | None = None
    warnings: list = field(default_factory=list)     # SourceError warnings found while rendering
    stash: dict[str, str] = field(default_factory=dict)

    def keep(self, html: str) -> str:
        """Set finished HTML aside and leave a marker in the page Markdown.

        Python-Markdown re-parses every raw HTML block (inline SVG flowcharts, forms) with a slow
        HTML parser; the marker is an HTML comment it passes through untouched, and the plugin puts
        the HTML back into the converted page (`restore`). Page sources hold no user-typed `<`,
        so no marker can be forged."""
        key = f"stdsite-keep-{len(self.stash)}"
        self.stash[key] = html
        return f"<!--{key}-->"

    def keep_block(self, html: str) -> str:
        """Like `keep`, but the inline SVG drawings inside get markers of their own that are only
        restored after Material's search plugin has read the page: its HTML parser would spend
        a third of its time in diagram markup that holds no searchable text."""
        return self.keep(_SVG.sub(lambda m: self.keep(m.group(0)).replace("keep", "late"), html))

    def restore(self, html: str) -> str:
        return _KEPT.sub(lambda m: self.stash.get(m.group(1), m.group(0)), html)

    def restore_late(self, html: str) -> str:
        return _LATE.sub(lambda m: self.stash.get(m.group(1).replace("late", "keep"), m.group(0)), html)


_KEPT = re.compile(r"<!--(stdsite-keep-\d+)-->")
_LATE = re.compile(r"<!--(stdsite-late-\d+)-->")
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)

"""What every page renderer receives: the catalog and what is derived from it, how to link,
the diagrams and QR codes made before rendering, and the stash of finished HTML."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from ..derive.catalog import Catalog
from ..derive.editions import EditionView, views
from ..derive.feedback import FeedbackView
from ..derive.indicators import Indicators
from ..derive.plan import PlanView, build
from ..derive.system_table import SystemTable, system_table
from ..model import FeedbackContact
from ..urls import Links, asset


@dataclass
class RenderContext:
    catalog: Catalog
    links: Links
    site_url: str | None = None
    svgs: Mapping[str, str] = field(default_factory=dict)        # DOT source -> cleaned SVG (output/svgclean.py)
    qr_codes: Mapping[str, str] = field(default_factory=dict)    # permanent URL -> QR code SVG
    assets: Mapping[str, str] = field(default_factory=dict)      # our asset's name -> its fingerprinted name
    stash: dict[str, str] = field(default_factory=dict)
    contact: FeedbackContact | None = None                       # mkdocs.yml extra.feedback

    @cached_property
    def feedback(self) -> FeedbackView:
        """Feedback received by the as-of date (standard pages, the dashboard and catalog.json)."""
        return FeedbackView(self.catalog)

    @cached_property
    def editions(self) -> list[EditionView]:
        """The directory editions dated on or before the as-of date (pages, nav and exports read them)."""
        return views(self.catalog.project, self.catalog.as_of)

    @cached_property
    def plan(self) -> PlanView:
        """Every plan period measured (the 看板, the reports and indicators.json read the same numbers)."""
        return build(self.catalog)

    @cached_property
    def indicators(self) -> Indicators:
        """The five computed indicators at the as-of date, against the current period's targets."""
        return self.plan.at_as_of

    @cached_property
    def system_table(self) -> SystemTable:
        """The 明细表 and 统计表 (the system page and its spreadsheets read the same rows)."""
        return system_table(self.catalog)

    def asset(self, name: str) -> str:
        """The site path of one of our assets (stdsite/assets/), under its fingerprinted name:
        servers may keep it for a year (docs/help/deploy.md)."""
        return asset(self.assets.get(name, name))

    def keep(self, html: str) -> str:
        """Set finished HTML aside and leave a marker in the page Markdown.

        Python-Markdown re-parses every raw HTML block (inline SVG flowcharts, forms) with a slow
        HTML parser; the marker is an HTML comment it passes through untouched, and the plugin puts
        the HTML back into the converted page (`restore`). Page sources hold no user-typed `<`,
        so no marker can be forged. The marker names the HTML by its hash: a page's Markdown
        changes whenever the HTML it holds changes (incremental builds key pages on it), and the
        same HTML gets the same marker in every build."""
        key = "stdsite-keep-" + hashlib.blake2b(html.encode("utf-8"), digest_size=12).hexdigest()
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


_KEPT = re.compile(r"<!--(stdsite-keep-[0-9a-f]+)-->")
_LATE = re.compile(r"<!--(stdsite-late-[0-9a-f]+)-->")
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)

"""What every page renderer receives: the catalog, how to link, and how to render blocks."""
from __future__ import annotations

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

"""What a page's HTML depends on, as keys: an incremental build reuses the previous HTML of a page
whose key is unchanged.

A page's HTML is made from its Markdown and front matter (after every plugin's `on_page_markdown`,
so the home page's macros count), the files its Markdown links resolve to, the part of the
navigation the theme shows on it, and everything every page shares: the MkDocs configuration as
our plugin leaves it, the theme's templates, the code of this package and the versions of MkDocs,
Material and Python-Markdown, and the build date. Each of these goes into the key; nothing else
reaches the page.

The navigation part follows Material's templates with `navigation.prune`: the top level, the
children of every section on the way to the page, the first page under every other section, and
the previous and next page. With features that show more of the navigation (tabs, sections,
expand) or without pruning, every page depends on the whole navigation.
"""
from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any

import material
import mkdocs
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

PACKAGE = Path(__file__).resolve().parent.parent
VERSIONED = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "mkdocs-macros-plugin")
# configuration entries that never reach a page (or reach it through the navigation key)
UNSHOWN = {"site_dir", "nav", "watch", "dev_addr", "config_file_path", "plugins", "theme", "strict", "validation",
           "docs_dir", "hooks", "exclude_docs", "not_in_nav", "draft_docs"}
WIDER_NAV = {"navigation.tabs", "navigation.sections", "navigation.expand"}
NAV_META = ("icon", "subtitle", "status")       # page front matter Material shows in the navigation


def hashed(value: Any) -> str:
    return hashlib.blake2b(stable(value).encode("utf-8"), digest_size=16).hexdigest()


def stable(value: Any) -> str:
    """A text for `value` that is the same in every run (no object addresses, sorted keys)."""
    return json.dumps(_plain(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict) or hasattr(value, "items") and callable(value.items):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=stable) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, Path):
        return str(value)
    return f"<{type(value).__module__}.{type(value).__qualname__}>{getattr(value, '__str__', None) and _text(value)}"


def _text(value: Any) -> str:
    text = str(value)
    return "" if " at 0x" in text else text


def _tree_digest(folders: list[Path], suffixes: tuple[str, ...] | None = None) -> str:
    """A digest of every file (name and bytes) under the folders."""
    h = hashlib.blake2b(digest_size=16)
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            if suffixes is None or path.suffix in suffixes:
                h.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
                h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def shared_key(config: MkDocsConfig) -> str:
    """What every page shares: configuration, theme, plugins, code, versions and the build date."""
    theme = config.theme
    installed = (Path(material.__file__).resolve().parent, Path(mkdocs.__file__).resolve().parent)
    custom = [Path(d) for d in theme.dirs if not any(Path(d).resolve().is_relative_to(p) for p in installed)]
    plugins = {name: dict(plugin.config) if hasattr(plugin, "config") else None
               for name, plugin in config.plugins.items()}
    shown = {key: value for key, value in config.items() if key not in UNSHOWN}
    return hashed({
        "config": shown, "plugins": plugins,
        "theme": {"name": theme.name, "options": dict(theme.items()), "custom": _tree_digest(custom)},
        "code": _tree_digest([PACKAGE], (".py", ".html")),
        "versions": {name: _version(name) for name in VERSIONED},
        "date": utils.get_build_date(), "epoch": os.environ.get("SOURCE_DATE_EPOCH"),
    })


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def source_key(shared: str, page: Page) -> str:
    """The page's own inputs: its Markdown and front matter as the renderer receives them."""
    explicit = page.__dict__.get("title")          # a title given by the nav or a plugin
    return hashed([shared, page.file.src_uri, page.file.dest_uri, page.file.url, page.markdown, page.meta,
                   explicit])


def page_key(source: str, lookups: dict[str, list], nav_view: str) -> str:
    """The full key of a page's HTML: its inputs, its links' targets and its part of the nav."""
    h = hashlib.blake2b(digest_size=16)
    for part in (source, stable(lookups) if lookups else "{}", nav_view):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


class NavKeys:
    """The navigation as the theme shows it on each page (see the module docstring), as text.
    Made once the titles are final; every item's part is worked out once per build."""

    def __init__(self, nav: Navigation, features: list[str]) -> None:
        self.nav = nav
        self.precise = "navigation.prune" in features and not WIDER_NAV & set(features)
        self._items: dict[int, str] = {}
        self._collapsed: dict[int, str] = {}
        self._shown: dict[frozenset, str] = {}
        self._everything: str | None = None

    def view(self, page: Page) -> str:
        if self.precise:
            ancestors = frozenset(id(a) for a in page.ancestors)
            shown = self._shown.get(ancestors)
            if shown is None:                 # pages under the same sections see the same nav
                shown = self._shown[ancestors] = self._walk(self.nav.items, ancestors)
        else:
            if self._everything is None:
                self._everything = self._walk(self.nav.items, None)
            shown = self._everything
        return "\x1e".join([shown, self.item(page), *[self.item(a) for a in page.ancestors],
                            self.item(page.previous_page), self.item(page.next_page),
                            str(self.nav.homepage.url if self.nav.homepage is not None else None)])

    def _walk(self, items: list, ancestors: set[int] | None) -> str:
        parts = []
        for item in items:
            parts.append(self.item(item))
            if item.is_section:
                if ancestors is None or id(item) in ancestors:
                    parts.append("[" + self._walk(item.children, ancestors) + "]")
                else:
                    parts.append(self._first_leaf(item))
        return "\x1f".join(parts)

    def item(self, item: Any) -> str:
        if item is None:
            return "-"
        found = self._items.get(id(item))
        if found is None:
            found = self._items[id(item)] = stable(_item(item))
        return found

    def _first_leaf(self, section: Any) -> str:
        """What a pruned section shows: the first page under it (Material's `render_pruned`)."""
        found = self._collapsed.get(id(section))
        if found is None:
            chain = []
            item = section
            while item is not None and item.is_section:
                item = item.children[0] if item.children else None
                chain.append(self.item(item))
            found = self._collapsed[id(section)] = "<" + "|".join(chain) + ">"
        return found


def _item(item: Any) -> list:
    if item.is_section:
        return ["section", item.title, len(item.children)]
    if item.is_page:
        meta = item.meta or {}
        return ["page", item.title, item.url, item.is_index, [meta.get(k) for k in NAV_META]]
    return ["link", item.title, item.url]


class RecordingFiles:
    """The site's files as a page's Markdown sees them, recording every lookup (a page's HTML
    depends on whether, and where, its links' targets exist)."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.lookups: dict[str, list] = {}

    def get_file_from_path(self, path: str) -> File | None:
        found = self._files.get_file_from_path(path)
        self.lookups[path] = lookup_value(found)
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._files, name)

    def __iter__(self):
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def lookup_value(found: File | None) -> list | None:
    return None if found is None else [found.url, found.dest_uri, found.inclusion.name]


def lookups_hold(lookups: dict[str, list], files: Files) -> bool:
    """Whether every recorded lookup still finds the same file."""
    return all(lookup_value(files.get_file_from_path(path)) == value for path, value in lookups.items())

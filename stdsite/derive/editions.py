"""Directory editions (目录期次): what each edition lists, and what changed since the previous one.

Sits between the catalog and the renderers/exports: `views(project, as_of)` turns directory.yaml
(and the frozen files under standards_src/directory/) into one `EditionView` per edition dated on
or before the as-of date. Each edition is computed "as of its own date", with its own Catalog.

An edition lists every standard whose status is 现行, or 即将实施 once issued by the date, and
every policy document in force. Standards are grouped by framework category and area (framework
order), in natural code order within an area; documents come last as the group 规范性文件,
ordered by issue date then 文号.

A frozen edition (`build.py publish`) is shown from its file; `differences()` names what the
current sources would list differently, for the build warning (derive/warnings.py).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from .. import urls
from ..model import DEFAULT_DIRECTORY_TITLE, Edition, Project
from ..text import iso_date, natural_key, parse_date
from .catalog import Catalog, document_in_force, document_status, issued_by

STANDARD = "标准"
DOCUMENT = "规范性文件"
ABOLISHED = "废止"
REPLACED = "被代替"
DOCUMENTS_GROUP = (DOCUMENT, "")
ORPHAN_GROUP = ("其他", "")          # frozen entries no longer in the sources


@dataclass(frozen=True)
class Entry:
    """One row of an edition: a standard or a policy document."""

    kind: str                            # 标准 | 规范性文件
    id: str                              # code or 文号
    title: str
    status: str                          # 现行 | 即将实施 | 现行有效
    category: str                        # the standard's level, or 规范性文件
    issuer: tuple[str, ...] = ()
    issued: dt.date | None = None        # 发布日期 (a document's `published`, else `issued`)
    effective: dt.date | None = None     # 实施日期 (None for a document)
    group: tuple[str, str] = DOCUMENTS_GROUP   # (category name, area name)
    page: str | None = None              # source path of its page, when it has one

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)


@dataclass(frozen=True)
class Removal:
    """An entry of the previous edition that this one no longer lists."""

    kind: str
    id: str
    title: str
    reason: str                          # 废止 | 被代替
    by: tuple[str, ...] = ()             # replacing codes (for 被代替)
    page: str | None = None


@dataclass(frozen=True)
class EditionView:
    """An edition as shown on its page and in its exports (or the current state, edition=None)."""

    edition: Edition | None
    date: dt.date
    entries: tuple[Entry, ...]
    added: tuple[str, ...] = ()          # ids, in entry order
    removed: tuple[Removal, ...] = ()
    previous: Edition | None = None
    frozen: bool = False
    differences: tuple[str, ...] = ()    # frozen editions: how the current sources differ

    @property
    def id(self) -> str | None:
        return self.edition.id if self.edition else None

    def added_entries(self) -> list[Entry]:
        ids = set(self.added)
        return [e for e in self.entries if e.id in ids]


# -- computing an edition from the sources ----------------------------------------------------

def entries_as_of(project: Project, day: dt.date) -> list[Entry]:
    """The entries a directory dated `day` lists, in directory order."""
    catalog = Catalog(project, day)
    framework = project.framework
    order = {}
    for ci, category in enumerate(framework.categories):
        for ai, area in enumerate(category.areas):
            order[area.id] = (ci, ai)
    rows: list[tuple[tuple, Entry]] = []
    for s in project.standards:
        status = catalog.status[s.code]
        if status != "现行" and not (status == "即将实施" and issued_by(s, day)):
            continue
        placement = framework.placement(s.framework)
        if placement:
            category, area, _ = placement
            group, rank = (category.name, area.name), order[area.id]
        else:                                   # not expected after validation; keep it listed
            group, rank = ORPHAN_GROUP, (len(framework.categories), 0)
        rows.append(((0, rank, natural_key(s.code)), Entry(
            STANDARD, s.code, s.title, status, s.level, s.issuer, s.issued, s.effective, group,
            urls.standard_src(s.slug))))
    for d in project.documents:
        if not document_in_force(d, day):
            continue
        rows.append(((1, d.issued, natural_key(d.number)), Entry(
            DOCUMENT, d.number, d.title, document_status(d, day), DOCUMENT, d.issuer, d.published or d.issued,
            None, DOCUMENTS_GROUP, urls.document_src(d.slug))))
    rows.sort(key=lambda row: row[0])
    return [entry for _, entry in rows]


def changes(project: Project, previous: list[Entry], entries: list[Entry], day: dt.date
            ) -> tuple[tuple[str, ...], tuple[Removal, ...]]:
    """Entries added since `previous`, and those removed with their reason as of `day`."""
    catalog = Catalog(project, day)
    before = {e.key for e in previous}
    now = {e.key for e in entries}
    added = tuple(e.id for e in entries if e.key not in before)
    removed = []
    for e in previous:
        if e.key in now:
            continue
        by: tuple[str, ...] = ()
        if e.kind == STANDARD and catalog.status.get(e.id) == "被代替":
            by = tuple(c for c in catalog.replaced_by.get(e.id, [])
                       if (r := catalog.by_code.get(c)) is not None and r.effective is not None and r.effective <= day)
        page = _page_of(project, e.kind, e.id)
        removed.append(Removal(e.kind, e.id, e.title, REPLACED if by else ABOLISHED, by, page))
    return added, tuple(removed)


def _page_of(project: Project, kind: str, ident: str) -> str | None:
    if kind == STANDARD:
        s = next((s for s in project.standards if s.code == ident), None)
        return urls.standard_src(s.slug) if s else None
    d = next((d for d in project.documents if d.number == ident), None)
    return urls.document_src(d.slug) if d else None


# -- frozen editions ---------------------------------------------------------------------------

def _date(value) -> dt.date | None:
    return parse_date(value) if isinstance(value, str) else None


def _texts(value) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value else ()
    if isinstance(value, list):
        return tuple(str(v) for v in value if v)
    return ()


def frozen_entries(project: Project, data: dict) -> list[Entry]:
    """Entries as published, from a frozen file. Columns the file lacks (a hand-written file in the
    edition.json form) are taken from the current sources where the entry still exists there."""
    details = {(d.get("kind"), d.get("id")): d for d in data.get("details", []) if isinstance(d, dict)}
    current = {e.key: e for e in _all_entries(project)}
    out = []
    for raw in data.get("entries", []):
        if not isinstance(raw, dict) or not raw.get("id"):
            continue
        kind = DOCUMENT if raw.get("kind") == DOCUMENT else STANDARD
        key = (kind, str(raw["id"]))
        now = current.get(key)
        extra = details.get(key)
        page = _page_of(project, kind, key[1])
        if extra is not None:
            group = tuple(extra.get("group") or ()) + ("", "")
            entry = Entry(kind, key[1], str(raw.get("title", "")), str(raw.get("status", "")),
                          str(extra.get("category") or (DOCUMENT if kind == DOCUMENT else "")),
                          _texts(extra.get("issuer")), _date(extra.get("issued")), _date(extra.get("effective")),
                          (str(group[0]), str(group[1])), page)
        elif now is not None:
            entry = Entry(kind, key[1], str(raw.get("title", now.title)), str(raw.get("status", "")), now.category,
                          now.issuer, now.issued, now.effective, now.group, page)
        else:
            entry = Entry(kind, key[1], str(raw.get("title", "")), str(raw.get("status", "")),
                          DOCUMENT if kind == DOCUMENT else "", (), None, None,
                          DOCUMENTS_GROUP if kind == DOCUMENT else ORPHAN_GROUP, page)
        out.append(entry)
    return out


def _all_entries(project: Project) -> list[Entry]:
    """Every standard and document as an entry (for filling columns of frozen entries)."""
    out = []
    for s in project.standards:
        placement = project.framework.placement(s.framework)
        group = (placement[0].name, placement[1].name) if placement else ORPHAN_GROUP
        out.append(Entry(STANDARD, s.code, s.title, "", s.level, s.issuer, s.issued, s.effective, group))
    for d in project.documents:
        out.append(Entry(DOCUMENT, d.number, d.title, "", DOCUMENT, d.issuer, d.published or d.issued))
    return out


def _frozen_changes(data: dict, project: Project) -> tuple[tuple[str, ...], tuple[Removal, ...]] | None:
    """The added/removed lists as published, or None when the file does not carry them."""
    if not isinstance(data.get("added"), list) or not isinstance(data.get("removed"), list):
        return None
    kinds = {e.get("id"): (e.get("kind"), e.get("title", "")) for e in data.get("removed_entries", [])
             if isinstance(e, dict)}
    removed = []
    for r in data["removed"]:
        if not isinstance(r, dict) or not r.get("id"):
            continue
        ident = str(r["id"])
        kind, title = kinds.get(ident, (None, ""))
        if kind not in (STANDARD, DOCUMENT):
            kind = DOCUMENT if any(d.number == ident for d in project.documents) else STANDARD
        title = title or _current_title(project, kind, ident)
        reason = REPLACED if r.get("reason") == REPLACED else ABOLISHED
        removed.append(Removal(kind, ident, title, reason, _texts(r.get("by")), _page_of(project, kind, ident)))
    return tuple(str(a) for a in data["added"]), tuple(removed)


def _current_title(project: Project, kind: str, ident: str) -> str:
    for e in _all_entries(project):
        if e.key == (kind, ident):
            return e.title
    return ""


def _fmt(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "、".join(value) or "（空）"
    return value or "（空）"


def differences(published: list[Entry], computed: list[Entry], detailed: bool = True) -> list[str]:
    """What the current sources would list differently from a published edition, one line each."""
    out = []
    before = {e.key: e for e in published}
    now = {e.key: e for e in computed}
    for e in computed:
        if e.key not in before:
            out.append(f"当前源文件会新增「{e.id} {e.title}」")
    for e in published:
        if e.key not in now:
            out.append(f"当前源文件不再列入「{e.id} {e.title}」")
    fields = [("title", "名称"), ("status", "状态")]
    if detailed:
        fields += [("category", "类别"), ("issuer", "发布机构"), ("issued", "发布日期"), ("effective", "实施日期"),
                   ("group", "分组")]
    for e in published:
        other = now.get(e.key)
        if other is None:
            continue
        for name, label in fields:
            old, new = getattr(e, name), getattr(other, name)
            if old != new:
                if name == "group":
                    old, new = " › ".join(x for x in old if x), " › ".join(x for x in new if x)
                out.append(f"「{e.id}」的{label}已由「{_fmt(old)}」变为「{_fmt(new)}」")
    if not out and [e.key for e in published] != [e.key for e in computed]:
        out.append("条目顺序不同")
    return out


# -- all editions ------------------------------------------------------------------------------

def views(project: Project, as_of: dt.date) -> list[EditionView]:
    """Every edition dated on or before `as_of`, oldest first."""
    if project.directory is None:
        return []
    out: list[EditionView] = []
    previous_view: EditionView | None = None
    for edition in project.directory.editions:
        if edition.date > as_of:
            break
        computed = entries_as_of(project, edition.date)
        data = project.frozen_editions.get(edition.id)
        previous = list(previous_view.entries) if previous_view else None
        if data is not None:
            entries = frozen_entries(project, data)
            published = None if previous is None else _frozen_changes(data, project)
            added, removed = published or (changes(project, previous, entries, edition.date) if previous is not None
                                           else ((), ()))
            diffs = differences(entries, computed, detailed="details" in data)
            if data.get("date") not in (None, edition.date.isoformat()):
                diffs.insert(0, f"发布时的期次日期为「{data.get('date')}」，directory.yaml 中为「{edition.date.isoformat()}」")
            view = EditionView(edition, edition.date, tuple(entries), added, removed,
                               previous_view.edition if previous_view else None, True, tuple(diffs))
        else:
            added, removed = changes(project, previous, computed, edition.date) if previous is not None else ((), ())
            view = EditionView(edition, edition.date, tuple(computed), added, removed,
                               previous_view.edition if previous_view else None)
        out.append(view)
        previous_view = view
    return out


def current_view(project: Project, as_of: dt.date, editions: list[EditionView]) -> EditionView:
    """The directory as of the as-of date, with the changes since the latest edition."""
    entries = entries_as_of(project, as_of)
    if editions:
        latest = editions[-1]
        added, removed = changes(project, list(latest.entries), entries, as_of)
        return EditionView(None, as_of, tuple(entries), added, removed, latest.edition)
    return EditionView(None, as_of, tuple(entries))


def title(project: Project) -> str:
    return project.directory.title if project.directory else DEFAULT_DIRECTORY_TITLE


# -- JSON forms --------------------------------------------------------------------------------

def edition_json(view: EditionView) -> dict:
    """`edition.json`: id, date, entries (kind, id, title, status), added ids, removed (id, reason, by)."""
    return {
        "id": view.id,
        "date": view.date.isoformat(),
        "entries": [{"kind": e.kind, "id": e.id, "title": e.title, "status": e.status} for e in view.entries],
        "added": list(view.added),
        "removed": [{"id": r.id, "reason": r.reason, "by": list(r.by)} for r in view.removed],
    }


def frozen_json(view: EditionView, directory_title: str) -> dict:
    """The frozen file: edition.json plus what the page shows (title, every column, group)."""
    data = edition_json(view)
    data["title"] = directory_title
    data["details"] = [{"kind": e.kind, "id": e.id, "category": e.category, "issuer": list(e.issuer),
                        "issued": iso_date(e.issued), "effective": iso_date(e.effective), "group": list(e.group)}
                       for e in view.entries]
    data["removed_entries"] = [{"kind": r.kind, "id": r.id, "title": r.title} for r in view.removed]
    data["seal"] = seal(data)
    return data


def seal(data: dict) -> dict:
    """What a published file held, for noticing a later hand edit (derive/frozen.py): a digest of
    each entry (with its details), by "kind id", and one of everything else. Not a signature:
    it catches a careless edit, not a forger."""
    details = data.get("details") if isinstance(data.get("details"), list) else []
    entries = {}
    for index, entry in enumerate(data.get("entries") or []):
        detail = details[index] if index < len(details) else None
        key = f"{entry.get('kind')} {entry.get('id')}" if isinstance(entry, dict) else str(entry)
        entries[key] = _digest([entry, detail])
    rest = {k: v for k, v in data.items() if k not in ("entries", "details", "seal")}
    return {"entries": entries, "rest": _digest(rest)}


def _digest(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# -- frozen files ----------------------------------------------------------------------------

def frozen_path(project: Project, edition_id: str) -> str:
    """How a frozen file is named in messages (the --src folder as given, with `/`)."""
    return f"{project.src.rstrip('/')}/directory/{edition_id}.json".replace("\\", "/")

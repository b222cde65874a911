"""Published (frozen) directory editions checked against each other: their `added` and `removed`
lists must agree with the entries of the edition and of the one before it. A publish always
writes them so; a hand edit may not — and a published directory must not contradict itself."""
from __future__ import annotations

import datetime as dt

from ..errors import SourceError, quote
from ..model import Project
from .editions import entries_as_of, frozen_path, seal, views

HAND_EDIT = "已发布期次文件不应手工修改；如确需更正，请删除该文件后重新运行 build.py publish"
NEW_EDITION = ("已发布的期次不能改动：请把该文件恢复为发布时的内容（从备份或版本库恢复）；"
               "如需更正目录，请在 directory.yaml 中增加新的一期，再运行 python build.py publish <新期次>")


def changed_since_publish(project: Project) -> list[SourceError]:
    """Errors for published files whose content no longer matches the seal `publish` wrote: the
    entries added, removed or changed by hand (with what the current sources give for them), or
    the edition's other fields. Files without a seal (written by hand, or before seals) are
    only compared with the sources (a warning, derive/warnings.py)."""
    out: list[SourceError] = []
    for edition_id, data in sorted(project.frozen_editions.items()):
        sealed = data.get("seal")
        if not isinstance(sealed, dict) or not isinstance(sealed.get("entries"), dict):
            continue
        path, lines = frozen_path(project, edition_id), project.frozen_lines.get(edition_id, {})
        now = seal(data)
        shown = quote(edition_id)
        current = _current(project, data)
        for key, digest in now["entries"].items():
            ident = key.split(" ", 1)[-1]
            if key not in sealed["entries"]:
                what = "是发布后手工加入的"
            elif sealed["entries"][key] != digest:
                what = "的内容（名称、状态等）与发布时不同" + current.get(key, "")
            else:
                continue
            out.append(SourceError(path, lines.get(f"entries:{ident}"), f"期次 {shown} 的条目 {quote(ident)} {what}。{NEW_EDITION}"))
        for key in sealed["entries"]:
            if key not in now["entries"]:
                out.append(SourceError(path, None, f"期次 {shown} 发布时的条目 {quote(key.split(' ', 1)[-1])} 被手工删除了。"
                                                   f"{NEW_EDITION}"))
        if sealed.get("rest") != now["rest"]:
            out.append(SourceError(path, None, f"期次 {shown} 的日期、标题或新增、移除清单与发布时不同。{NEW_EDITION}"))
    return out


def _current(project: Project, data: dict) -> dict[str, str]:
    """{"kind id": "（按当前源文件：名称「…」，状态「…」）"} for the entries the sources give on the edition's date."""
    try:
        entries = entries_as_of(project, dt.date.fromisoformat(str(data.get("date"))))
    except ValueError:
        return {}
    return {f"{e.kind} {e.id}": f"（按当前源文件：名称「{e.title}」，状态「{e.status}」）" for e in entries}


def frozen_edition_errors(project: Project) -> list[SourceError]:
    """Errors in the `added` and `removed` lists of published editions (a hand edit): an entry
    removed that the previous edition never listed or that this edition still lists, an entry
    added that this edition does not list or that the previous one already did."""
    out: list[SourceError] = []
    previous: set[str] = set()
    previous_name = "上一期"
    for view in views(project, dt.date.max):
        current = {e.id for e in view.entries}
        data = project.frozen_editions.get(view.id) if view.frozen else None
        if data is not None:
            path, lines = frozen_path(project, view.id), project.frozen_lines.get(view.id, {})
            shown = quote(view.id)
            for r in data.get("removed") if isinstance(data.get("removed"), list) else ():
                ident = str(r.get("id")) if isinstance(r, dict) else str(r)
                if ident in current:
                    problem = "仍在本期的条目中"
                elif ident not in previous:
                    problem = f"不在{previous_name}目录中（从未列入）"
                else:
                    continue
                out.append(SourceError(path, lines.get(f"removed:{ident}"),
                                       f"期次 {shown} 的移除清单中的 {quote(ident)} {problem}。{HAND_EDIT}"))
            for ident in map(str, data.get("added") if isinstance(data.get("added"), list) else ()):
                if ident not in current:
                    problem = "不在本期的条目中"
                elif ident in previous:
                    problem = f"在{previous_name}目录中已列入"
                else:
                    continue
                out.append(SourceError(path, lines.get(f"added:{ident}"),
                                       f"期次 {shown} 的新增清单中的 {quote(ident)} {problem}。{HAND_EDIT}"))
        previous, previous_name = current, f"上一期（{view.id} 期）"
    return out


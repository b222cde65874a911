"""Published (frozen) directory editions checked against each other: their `added` and `removed`
lists must agree with the entries of the edition and of the one before it. A publish always
writes them so; a hand edit may not — and a published directory must not contradict itself."""
from __future__ import annotations

import datetime as dt

from ..errors import SourceError, quote
from ..model import Project
from .editions import frozen_path, views

HAND_EDIT = "已发布期次文件不应手工修改；如确需更正，请删除该文件后重新运行 build.py publish"


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


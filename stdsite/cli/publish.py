"""`build.py publish <edition id>`: freeze a directory edition.

Writes standards_src/directory/<edition id>.json — edition.json plus every column the page shows —
so that the published edition never changes silently: from then on its page and exports come from
that file, and the build warns when the current sources would list something different.

Publishing again is allowed while the result is unchanged; when the sources now give a different
list, publish refuses (exit 1) and names the differences: delete the file first to re-publish.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..derive import editions
from ..errors import BuildFailed, SourceError, UsageError, os_reason
from ..model import Project
from ..output.files import atomic_write, json_bytes


def publish(project: Project, edition_id: str, as_of: dt.date) -> str:
    """Freeze one edition; returns the path written (as shown to the editor)."""
    if project.directory is None or not project.directory.editions:
        raise UsageError(f"{project.src}/directory.yaml 不存在或没有期次，无法发布；请先在 directory.yaml 中添加期次")
    known = [e.id for e in project.directory.editions]
    edition = next((e for e in project.directory.editions if e.id == edition_id), None)
    if edition is None:
        raise UsageError(f"未找到期次「{edition_id}」；directory.yaml 中的期次有：{'、'.join(known)}")
    if edition.date > as_of:
        raise UsageError(f"期次「{edition_id}」的日期 {edition.date.isoformat()} 晚于状态计算日期 {as_of.isoformat()}，"
                         f"尚不能发布（可用 --as-of {edition.date.isoformat()} 或在该日期之后发布）")
    view = next(v for v in editions.views(project, edition.date) if v.id == edition_id)
    shown = editions.frozen_path(project, edition_id)
    path = Path(project.root) / "directory" / f"{edition_id}.json"
    if view.frozen:
        if view.differences:
            error = SourceError(shown, None, f"期次「{edition_id}」已发布，按当前源文件计算的目录与已发布内容不同："
                                             f"{'；'.join(view.differences)}。已发布的期次不会被覆盖；"
                                             f"如确需重新发布，请先删除该文件再运行 publish")
            print(str(error), file=sys.stderr)
            raise BuildFailed([error])
        return shown
    _refuse_if_later_published(project, edition)
    # the edition as computed from the sources, compared with the (possibly frozen) previous one
    data = editions.frozen_json(view, editions.title(project))
    _check_target(path, Path(project.root), shown)
    try:
        atomic_write(path, json_bytes(data))
    except OSError as exc:
        raise UsageError(f"无法写入 {shown}：{os_reason(exc)}") from None
    return shown


def _refuse_if_later_published(project: Project, edition) -> None:
    """A later edition's frozen changes were computed against this edition unpublished: freezing
    this one now could contradict them, so editions are published oldest first (BuildFailed)."""
    later = [e for e in project.directory.editions if e.date > edition.date and e.id in project.frozen_editions]
    if not later:
        return
    shown = [editions.frozen_path(project, e.id) for e in later]
    error = SourceError(shown[0], None,
                        f"期次「{later[0].id}」（{later[0].date.isoformat()}）已发布，晚于要发布的期次「{edition.id}」"
                        f"（{edition.date.isoformat()}），已拒绝发布：{later[0].id} 期的“本期变化”是按 {edition.id} 期"
                        f"未发布时的内容冻结的，现在发布 {edition.id} 期会前后矛盾。期次要按日期先后逐期发布；"
                        f"如确需发布 {edition.id} 期，请先删除 {'、'.join(shown)}，再按日期先后逐期发布")
    print(str(error), file=sys.stderr)
    raise BuildFailed([error])


def _check_target(path: Path, root: Path, shown: str) -> None:
    """Publish writes one new file inside the source folder, replacing nothing: not through a
    link that leads elsewhere, not over a folder or another kind of file."""
    if not path.parent.resolve().is_relative_to(root.resolve()) or path.is_symlink():
        raise UsageError(f"{shown} 所在的文件夹是指向源文件夹之外的链接，已拒绝发布")
    if path.exists() or path.is_symlink():
        raise UsageError(f"{shown} 已存在但不是可读的已发布期次文件，已拒绝覆盖；请先检查或删除它")

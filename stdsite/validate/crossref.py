"""Checks across files: unique codes, slugs and ids; framework placement; every reference resolves.

Runs after every file has been read. Duplicates are reported on every file after the first (in
path order), naming the first.
"""
from __future__ import annotations

import dataclasses

from ..errors import Problems, quote
from ..load.markdown import Reference
from ..model import Project, Standard
from ..text import natural_key
from .references import CodeIndex, body_references, reference_problem


def check_references(project: Project, problems: Problems, framework_known: bool = True) -> Project:
    """All cross-file rules; with `framework_known` false (framework.yaml unusable) the placement
    rules are skipped, so that every other problem is still reported in the same pass."""
    standards = _unique_standards(project, problems)
    by_code = {s.code: s for s in standards}
    codes = CodeIndex(standards, project.unusable)
    documents = unique_by(project.documents, lambda d: d.number, "文号", problems, "number")
    documents = unique_by(documents, lambda d: d.slug.casefold(), "文件名（决定网址，不区分大小写）", problems, None,
                          shown=lambda d: d.slug)
    courses = unique_by(project.courses, lambda c: c.id, "课程编号", problems, "id")
    slots = {slot.id for slot in project.framework.slots()}
    all_nodes = {n for c in project.framework.categories for n in
                 [c.id] + [a.id for a in c.areas] + [i.id for a in c.areas for i in a.items]}

    for s in standards:
        if framework_known and s.framework and s.framework not in slots:
            hint = "（这是类别或含条目的领域，请写到具体条目）" if s.framework in all_nodes else ""
            problems.error(s.path, s.lines.get("framework", s.line), f"体系位置 {quote(s.framework)} 在 framework.yaml 中不存在{hint}")
        if s.body is not None:
            _check_body_refs(s, codes, problems)
    _check_cycles(standards, problems)

    for d in documents:
        for code in d.related:
            if code not in by_code and code not in project.unusable:
                problems.error(d.path, d.lines.get("related", d.line), f"相关标准 {quote(code)} 不存在")
    for c in courses:
        for code in c.standards:
            if code not in by_code and code not in project.unusable:
                problems.error(c.path, c.lines.get("standards", c.line), f"课程引用的标准 {quote(code)} 不存在")
        for ref in body_references(c.body, c.body_line):
            report_reference(ref, None, codes, c.path, problems)
    course_ids = {c.id for c in courses}
    for session in project.sessions:
        if session.course not in course_ids:
            problems.error(f"{project.src}/training_sessions.yaml", session.line, f"培训记录中的课程 {quote(session.course)} 不存在")
    for item in project.plan:
        if framework_known and item.framework not in slots:
            problems.error(f"{project.src}/plan.yaml", item.line, f"计划项的体系位置 {quote(item.framework)} 在 framework.yaml 中不存在")
    return dataclasses.replace(project, standards=tuple(standards), documents=tuple(documents), courses=tuple(courses))


def _unique_standards(project: Project, problems: Problems) -> list:
    keep = unique_by(project.standards, lambda s: s.code, "标准编号", problems, "code")
    keep = unique_by(keep, lambda s: s.slug, "标准网址 standards/<名称>/ 的名称", problems, "code")
    order = {s.code: i for i, s in enumerate(project.standards)}
    return sorted(keep, key=lambda s: order[s.code])


def unique_by(records, key, label: str, problems: Problems, field: str | None, shown=None) -> list:
    """Records with a unique `key`, in path order: each later copy is reported on its own file,
    naming the file (and line) of the first."""
    first: dict[str, str] = {}
    keep = []
    for r in sorted(records, key=lambda r: natural_key(r.path)):        # the order a file manager shows
        value = key(r)
        line = r.lines.get(field, r.line) if field else None
        if value in first:
            problems.error(r.path, line, f"{label} {quote(shown(r) if shown else value)} 与 {first[value]}重复；"
                                         f"同一{label.split('（')[0]}只能出现一次，请改正本文件或删除多余的一份")
            continue
        first[value] = f"{r.path}（第 {line} 行）" if line else f"{r.path} "
        keep.append(r)
    return keep


def _check_body_refs(s: Standard, codes: CodeIndex, problems: Problems) -> None:
    for ref in body_references(s.body, s.body_line):
        report_reference(ref, s, codes, s.path, problems)


def report_reference(ref: Reference, current: Standard | None, codes: CodeIndex, path: str, problems: Problems) -> None:
    """Report a reference that points nowhere."""
    message = reference_problem(ref, current, codes)
    if message:
        problems.error(path, ref.line, message)


def _check_cycles(standards, problems: Problems) -> None:
    """A standard may not (indirectly) replace itself."""
    graph = {s.code: [c for c in s.replaces if c != s.code] for s in standards}   # itself: reported on the file
    by_code = {s.code: s for s in standards}
    reported = set()
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, []):
                if nxt == start and start not in reported:
                    cycle = trail + [start]
                    reported.update(cycle)
                    s = by_code[start]
                    problems.error(s.path, s.lines.get("replaces", s.line), f"代替关系形成循环：{' → '.join(cycle)}")
                elif nxt not in seen and nxt in graph:
                    seen.add(nxt)
                    stack.append((nxt, trail + [nxt]))

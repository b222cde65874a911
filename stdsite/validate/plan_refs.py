"""Checks across the plan's files: every work record counts toward an indicator some period
measures (a warning when its date is outside every such period), names an existing pilot and an
existing document; pilots and cases cite existing standards; case ids are unique and their
`[[...]]` references resolve."""
from __future__ import annotations

import dataclasses

from ..errors import Problems, quote
from ..model import COMPUTED, INDICATORS, Period, Project, WorkRecord
from ..text import did_you_mean
from .crossref import report_reference, unique_by
from .references import CodeIndex, body_references


def check_plan(project: Project, problems: Problems) -> Project:
    """Report every cross-file problem of records.yaml, pilots.yaml and cases/; keep what is usable."""
    by_code = {s.code: s for s in project.standards}
    pilot_ids = {p.id for p in project.pilots}
    numbers = {_compact(d.number) for d in project.documents}
    records = [r for r in project.records
               if _record_ok(r, project, pilot_ids, numbers, problems)]
    pilots_path = f"{project.src}/pilots.yaml"
    for pilot in project.pilots:
        for code in pilot.standards:
            if code not in by_code and code not in project.unusable:
                problems.error(pilots_path, pilot.lines.get("standards", pilot.line), f"试点实施的标准 {quote(code)} 不存在")
    cases = unique_by(project.cases, lambda c: c.id, "案例编号", problems, "id")
    codes = CodeIndex.of(project.standards, project.unusable)
    for case in cases:
        for code in case.standards:
            if code not in by_code and code not in project.unusable:
                problems.error(case.path, case.lines.get("standards", case.line), f"案例引用的标准 {quote(code)} 不存在")
        if case.pilot and case.pilot not in pilot_ids:
            problems.error(case.path, case.lines.get("pilot", case.line),
                           f"试点 {quote(case.pilot)} 在 pilots.yaml 中不存在{did_you_mean(case.pilot, pilot_ids)}")
        for ref in body_references(case.body, case.body_line):
            report_reference(ref, None, codes, case.path, problems)
    return dataclasses.replace(project, records=tuple(records), cases=tuple(sorted(cases, key=lambda c: c.path)))


def _record_ok(record: WorkRecord, project: Project, pilot_ids: set[str], numbers: set[str],
               problems: Problems) -> bool:
    path = f"{project.src}/records.yaml"
    line = record.lines.get
    periods = project.targets.periods
    record_ids = {g.id for p in periods for g in p.goals if g.kind != COMPUTED}
    ok = True
    if record.indicator in INDICATORS:
        problems.error(path, line("indicator", record.line),
                       f"{quote(record.indicator)}（{INDICATORS[record.indicator]}）由系统根据源文件计算，不能用工作记录计入")
        ok = False
    elif record.indicator not in record_ids:
        hint = did_you_mean(record.indicator, record_ids) or ("；targets.yaml 中还没有按记录统计的指标（用 periods 写法添加）"
                                                              if not record_ids else "")
        problems.error(path, line("indicator", record.line),
                       f"指标 {quote(record.indicator)} 在 targets.yaml 的各规划期中都不存在{hint}")
        ok = False
    else:
        using = [p for p in periods if _measures(p, record.indicator)]
        if not any(p.contains(record.date) for p in using):
            spans = "、".join(f"{p.name} {p.start} 至 {p.end}" for p in using)
            problems.warn(path, line("date", record.line),
                          f"记录日期 {record.date} 不在使用指标 {quote(record.indicator)} 的规划期内（{spans}），不计入")
    if record.pilot and record.pilot not in pilot_ids:
        problems.error(path, line("pilot", record.line),
                       f"试点 {quote(record.pilot)} 在 pilots.yaml 中不存在{did_you_mean(record.pilot, pilot_ids)}")
        ok = False
    evidence = record.evidence
    if evidence is not None and evidence.kind == "document" and _compact(evidence.value) not in numbers:
        problems.error(path, line("evidence", record.line),
                       f"佐证文号 {quote(evidence.value)} 在 documents/ 中找不到（规范性文件的 number 要与之完全一致）")
        ok = False
    return ok


def _measures(period: Period, goal_id: str) -> bool:
    goal = period.goal(goal_id)
    return goal is not None and goal.kind != COMPUTED


def _compact(number: str) -> str:
    """A 文号 compared without spaces (编辑 sometimes type `渝机管发〔2021〕 108号`)."""
    return "".join(number.split())

"""Stage 2, validate: `Sources` (what the files say) into the `Project` model (what it means).

Every rule of the source format is checked here and every problem is reported in one pass, as
`path:line: message` in Chinese. The project is None only when framework.yaml, which everything
depends on, is unusable; otherwise files with errors are left out and the errors reported.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from typing import TypeVar

from ..errors import Problems
from ..load import SourceFile, Sources
from ..load.memo import FileMemo
from ..model import DEFAULT_TARGETS, Framework, LeftOut, Project, Standard
from ..text import natural_key, normalize_code
from .body import clauses
from .bodytext import check_body_text
from .blocks import check_blocks, check_own_blocks
from .cases import validate_case
from .courses import validate_course
from .crossref import check_references
from .documents import validate_document
from .feedback import check_feedback, validate_feedback
from .framework import validate_framework
from .lists import validate_directory, validate_plan, validate_sessions
from .plan_refs import check_plan
from .records import validate_pilots, validate_records
from .schema import Checker
from .standards import validate_standard
from .targets import validate_targets

T = TypeVar("T")


def validate(sources: Sources, problems: Problems, memo: FileMemo | None = None) -> Project | None:
    """The validated project (None when framework.yaml is unusable); problems go to `problems`.
    `memo` keeps each file's record for the next call (see load/memo.py)."""
    single = sources.single
    framework = None
    if "framework.yaml" in single:
        framework = validate_framework(single["framework.yaml"], problems)
    elif not (sources.folder.root / "framework.yaml").is_file() and not (sources.folder.root / "framework.yml").is_file():
        problems.error(sources.shown("framework.yaml"), None, "缺少标准体系框架文件 framework.yaml")
    # a file's record depends on the file and on the other files it names (attachments): with a
    # memo, kept while the file is the same object and no other file of the folder changed
    disk = other_files(sources) if memo is not None else None

    def each(files: list[SourceFile], make: Callable[[SourceFile], T | None]) -> list[T]:
        if memo is None:
            return _each(files, make)
        return _each(files, lambda f: memo.run(("validate", id(f)), (f, disk), problems, lambda: make(f)))

    standards = each(sources.folders["standards"],
                     with_body(lambda f: validate_standard(f, sources.folder, problems), problems, True))
    documents = each(sources.folders["documents"], lambda f: None if f.broken else validate_document(f, problems))
    courses = each(sources.folders["courses"],
                   with_body(lambda f: validate_course(f, sources.folder, problems), problems))
    targets = validate_targets(single["targets.yaml"], problems) if "targets.yaml" in single else DEFAULT_TARGETS
    plan = validate_plan(single["plan.yaml"], problems) if "plan.yaml" in single else []
    sessions = validate_sessions(single["training_sessions.yaml"], problems) \
        if "training_sessions.yaml" in single else []
    directory = validate_directory(single["directory.yaml"], problems) if "directory.yaml" in single else None
    records = validate_records(single["records.yaml"], sources.folder, problems) if "records.yaml" in single else []
    pilots = validate_pilots(single["pilots.yaml"], problems) if "pilots.yaml" in single else []
    cases = _each(sources.folders["cases"], with_body(lambda f: validate_case(f, problems), problems))
    feedback = validate_feedback(single["feedback.yaml"], problems) if "feedback.yaml" in single else []
    if not standards and not problems.errors:
        problems.error(sources.shown("standards"), None, "至少需要一个标准文件（standards/ 下的 .md 或 .yaml）")
    project = Project(
        src=sources.given, root=str(sources.folder.root), framework=framework or Framework(()),
        standards=tuple(sorted(standards, key=lambda s: natural_key(s.code))), documents=tuple(documents),
        courses=tuple(courses), targets=targets, plan=tuple(plan), sessions=tuple(sessions),
        records=tuple(records), pilots=tuple(pilots), cases=tuple(cases), directory=directory,
        frozen_editions={k: data for k, (_, data) in sources.frozen.items()},
        frozen_lines=sources.frozen_lines, diagrams=sources.diagrams,
        feedback=tuple(feedback), unusable=unusable_codes(sources.folders["standards"], standards))
    project = check_references(project, problems, framework_known=framework is not None)
    project = check_plan(project, problems)
    project = check_feedback(project, sources.shown("feedback.yaml"), problems)
    project = check_blocks(project, problems, memo)         # reported even when framework.yaml is unusable
    return None if framework is None else project


def with_body(make: Callable[[SourceFile], T | None], problems: Problems,
              standard: bool = False) -> Callable[[SourceFile], T | None]:
    """`make` for a file whose front matter was read, then the checks of its body (bodytext.py),
    which run even when the front matter could not be read or has errors."""
    def run(file: SourceFile) -> T | None:
        record = None if file.broken else make(file)
        if file.body is None:
            return record
        check = Checker(problems, file.shown)
        numbers = None
        if standard:
            if record is not None:
                numbers = record.clause_numbers
            else:                      # the clause rules still hold (the record reported them when it exists)
                numbers = frozenset(c.number for c in clauses(file.headings, check))
        check_body_text(file.body, file.body_line, check, numbers, file.path.parent)
        if record is None:
            check_own_blocks(file.blocks, check, numbers)
        return record
    return run


CODE_LINE = re.compile(r"^\ufeff?code\s*[:：]\s*(.+?)\s*(?:#.*)?$", re.M)


def unusable_codes(files: list[SourceFile], standards: list[Standard]) -> LeftOut:
    """The standards whose file has errors that leave it out (reported on that file): a reference
    to one of them is not reported again. A broken file whose code cannot be read at all (an empty
    file) is known by its name, which is the code's page name (q-cqjg-101-2025.md)."""
    valid = {s.code for s in standards}
    out: dict[str, str] = {}
    stems = set()
    for f in files:
        raw = f.data.get("code") if isinstance(f.data, dict) else None
        if raw is None and f.raw:
            m = CODE_LINE.search(f.raw)
            raw = m.group(1).strip("'\"") if m else None
        if isinstance(raw, str) and raw.strip():
            code = normalize_code(raw)
            if code not in valid:
                out.setdefault(code, f.shown)
        elif f.broken:
            stems.add(f.path.stem.lower())
    return LeftOut(out, frozenset(stems))


def other_files(sources: Sources) -> str:
    """A digest of the names, sizes and times of the files in the source folder that are not
    sources themselves (attachments, forms): validation checks that the files a source names exist."""
    read = {str(f.path) for files in sources.folders.values() for f in files} | \
        {str(f.path) for f in sources.single.values()}
    h = hashlib.blake2b(digest_size=16)
    for folder, dirs, names in os.walk(sources.folder.root):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            if path not in read:
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _each(files: list[SourceFile], make: Callable[[SourceFile], T | None]) -> list[T]:
    return [record for file in files if (record := make(file)) is not None]

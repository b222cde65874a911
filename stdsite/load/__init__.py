"""Stage 1, load: every file of a source folder read into `Sources` — YAML with line marks,
Markdown split into front matter and body, the body's headings and structured blocks — with
every reading problem (encoding, YAML syntax, empty files, links out of the folder) reported.

Nothing here knows what a field means: that is validation's job (stdsite/validate/).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problems
from ..model import BLOCK_KINDS, Block
from .files import MAX_FILE_BYTES as MAX_HINT_BYTES, SourceFolder, inside, read_text
from .markdown import Fence, Heading, scan
from .memo import FileMemo, stamp
from .yaml import ParseMemo, ReadProblem, parse_yaml

# files read whole at the top of the source folder, and folders read recursively (with suffixes)
SINGLE_FILES = ("framework.yaml", "targets.yaml", "plan.yaml", "training_sessions.yaml", "directory.yaml",
                "records.yaml", "pilots.yaml", "feedback.yaml")
FOLDERS = {"standards": (".md", ".yaml", ".yml"), "documents": (".yaml", ".yml"), "courses": (".md",),
           "cases": (".md",)}


@dataclass(frozen=True)
class SourceFile:
    """One source file as read: its YAML (the front matter for Markdown) and, for Markdown, the body."""

    path: Path
    shown: str                       # as printed in messages
    rel: str                         # relative to the source folder
    data: Any                        # YMap, YList or a scalar, with line marks
    body: str | None = None
    body_line: int = 1
    headings: tuple[Heading, ...] = ()
    blocks: tuple[Block, ...] = ()
    broken: bool = False             # its YAML (front matter) could not be read (reported): data is None
    raw: str | None = None           # when broken: the text as far as it could be decoded (for hints)


@dataclass
class Sources:
    """Everything read from one source folder."""

    folder: SourceFolder
    single: dict[str, SourceFile] = field(default_factory=dict)        # file name -> file (when present)
    folders: dict[str, list[SourceFile]] = field(default_factory=dict)  # folder -> files in path order
    frozen: dict[str, tuple[str, dict]] = field(default_factory=dict)  # edition id -> (shown path, JSON)
    frozen_lines: dict[str, dict[str, int]] = field(default_factory=dict)  # edition id -> {"removed:<id>": line}
    diagrams: dict[str, str] = field(default_factory=dict)             # diagrams/<name>.dot -> DOT text

    @property
    def given(self) -> str:
        return self.folder.given

    def shown(self, name: str) -> str:
        """How a file at the top of the source folder is named in messages."""
        return f"{self.folder.given}/{name}"


def load_sources(src: str | os.PathLike, diagrams_dir: str | os.PathLike | None, problems: Problems,
                 memo: ParseMemo | None = None, files: FileMemo | None = None) -> Sources | None:
    """Read every source file under `src` (None when the folder does not exist); `files` keeps
    what each file gave for the next call (see load/memo.py)."""
    folder = SourceFolder(src, problems, memo)
    if not folder.root.is_dir():
        problems.error(folder.given, None, "找不到源文件夹")
        return None
    sources = Sources(folder)
    for name in SINGLE_FILES:
        path = folder.root / name
        if path.is_file():
            data = folder.read_yaml(path)
            if data is not None:
                sources.single[name] = SourceFile(path, folder.display(path), name, data)
    for name, suffixes in FOLDERS.items():
        if files is None:
            sources.folders[name] = [f for path in folder.files(name, *suffixes) if (f := _read(folder, path))]
        else:
            sources.folders[name] = [f for path in folder.files(name, *suffixes)
                                     if (f := files.run(("read", str(path)), stamp(path), problems,
                                                        lambda path=path: _read(folder, path), memo))]
    _misnamed(folder)
    sources.frozen, sources.frozen_lines = _frozen_editions(folder)
    sources.diagrams = _diagrams(diagrams_dir, problems)
    return sources


# names that show a source file saved with the wrong extension (Notepad adds .txt, some editors
# write .markdown): such a file is not read, so it is reported
WRONG_ENDINGS = (".md.txt", ".yaml.txt", ".yml.txt", ".markdown", ".mdown", ".mkd", ".mkdn")


def _misnamed(folder: SourceFolder) -> None:
    """Report source files that are not read because of their extension, and `.yml` files."""
    for name in SINGLE_FILES:
        other = folder.root / (name[:-len(".yaml")] + ".yml")
        if other.is_file() and not (folder.root / name).is_file():
            folder.problems.error(folder.display(other), None, f"扩展名应为 .yaml：请改名为 {name}，否则不会被读取")
    for name, suffixes in FOLDERS.items():
        for path in folder.files(name, *WRONG_ENDINGS, ".yml", ".yaml", ".md", quiet=True):
            lower = path.name.lower()
            ending = next((e for e in WRONG_ENDINGS if lower.endswith(e)), None)
            stem = path.name[:len(path.name) - len(ending)] if ending else path.stem
            right = ".md" if ending in (".md.txt", ".markdown", ".mdown", ".mkd", ".mkdn") or \
                (ending is None and suffixes == (".md",)) else ".yaml"
            shown = folder.display(path)
            if ending:
                folder.problems.error(shown, None, f"扩展名是「{ending}」，不会被读取：请改名为 {stem}{right}"
                                                   f"（记事本另存时请把“保存类型”选为“所有文件”）")
            elif path.suffix.lower() not in suffixes:
                kinds = "、".join(suffixes)
                folder.problems.error(shown, None, f"{name}/ 中的源文件应为 {kinds} 文件，本文件不会被读取"
                                                   + (f"；请改名为 {stem}.md" if right == ".md" and
                                                      path.suffix.lower() == ".yml" else ""))
            elif path.suffix.lower() == ".yml":
                folder.problems.warn(shown, None, f"扩展名请用 .yaml（改名为 {stem}.yaml）；.yml 目前也能读取")


def _read(folder: SourceFolder, path: Path) -> SourceFile | None:
    """The file as read; a file whose YAML could not be read comes back `broken` (reported), with
    its body when it has one (the body is still checked) and its text (validation names the
    standard it would have been, so references to it are not reported as well)."""
    shown, rel = folder.display(path), folder.rel(path)
    if path.suffix.lower() != ".md":
        data = folder.read_yaml(path)
        if data is None:
            return SourceFile(path, shown, rel, None, broken=True, raw=lenient_text(path, folder.root))
        return SourceFile(path, shown, rel, data)
    read = folder.read_markdown(path)
    if read is None:
        return SourceFile(path, shown, rel, None, broken=True, raw=lenient_text(path, folder.root))
    data, body, body_line = read
    headings, fences = scan(body, body_line)
    blocks = structured_blocks(fences, shown, folder.problems, folder.memo)
    broken = data is None
    return SourceFile(path, shown, rel, data, body, body_line, tuple(headings), tuple(blocks), broken,
                      lenient_text(path, folder.root) if broken else None)


def lenient_text(path: Path, root: Path) -> str | None:
    """A file's text however it decodes (UTF-8, else GBK), for hints about a file already reported."""
    if not inside(path.resolve(), root):
        return None
    try:
        data = path.read_bytes()[:MAX_HINT_BYTES]
    except OSError:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def structured_blocks(fences: list[Fence], shown: str, problems: Problems, memo: ParseMemo | None) -> list[Block]:
    """Structured fences (` ```flow `…) with their YAML parsed (`dot` keeps its text)."""
    out: list[Block] = []
    for info, content, first, last in fences:
        kind = info.split()[0] if info else ""
        if kind not in BLOCK_KINDS:
            continue
        data: Any = content
        if kind != "dot":
            try:
                data = parse_yaml(content, first, memo)
            except ReadProblem as problem:
                problems.error(shown, problem.line or first, f"「{kind}」块的 {problem.message}")
                continue
        out.append(Block(kind, data, content, first, last, len(out)))
    return out


def _frozen_editions(folder: SourceFolder) -> tuple[dict[str, tuple[str, dict]], dict[str, dict[str, int]]]:
    """directory/<edition id>.json files written by `build.py publish`, and the lines of the ids
    in their `added` and `removed` lists (for messages)."""
    out, lines = {}, {}
    for path in folder.files("directory", ".json"):
        shown = folder.display(path)
        try:
            text = read_text(path)
            data = json.loads(text)
        except ReadProblem as problem:
            folder.problems.error(shown, problem.line, problem.message)
            continue
        except (ValueError, RecursionError) as exc:   # json's own message is English: only its line is kept
            line = getattr(exc, "lineno", None)
            folder.problems.error(shown, line, "已发布期次文件不是有效的 JSON，无法读取；"
                                               "请勿手工修改该文件（可删除后重新运行 build.py publish）")
            continue
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            folder.problems.error(shown, None, "已发布期次文件格式不对（应由 build.py publish 生成）")
            continue
        out[path.stem] = (shown, data)
        lines[path.stem] = _list_lines(text, data)
    return out, lines


def _list_lines(text: str, data: dict) -> dict[str, int]:
    """{"added:<id>" / "removed:<id>": line} — where each id of those lists first appears after
    the list's key in the file (JSON keeps no positions)."""
    out = {}
    for key in ("added", "removed"):
        start = text.find(f'"{key}"')
        items = data.get(key)
        if start < 0 or not isinstance(items, list):
            continue
        for item in items:
            ident = item.get("id") if isinstance(item, dict) else item
            at = text.find(json.dumps(str(ident), ensure_ascii=False), start) if ident is not None else -1
            if at >= 0:
                out.setdefault(f"{key}:{ident}", text.count("\n", 0, at) + 1)
    return out


def _diagrams(folder: str | os.PathLike | None, problems: Problems) -> dict[str, str]:
    """The hand-written Graphviz files of diagrams/, by name."""
    out = {}
    if folder is None or not Path(folder).is_dir():
        return out
    for path in sorted(Path(folder).glob("*.dot")):
        try:
            out[path.stem] = read_text(path)
        except ReadProblem as problem:
            problems.error(f"diagrams/{path.name}", problem.line, problem.message)
    return out

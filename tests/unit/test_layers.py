"""The package's shape: imports run one way only (cli/mkdocs → pipeline → output → render → derive
→ validate → load → model/urls/text/errors), no module imports itself in a circle, and no file is
longer than a reader can hold in mind."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "stdsite"
# rank of each top-level part: a module may import its own part or a lower rank, never a higher one
RANKS = {"errors": 0, "text": 0, "escape": 0, "urls": 1, "model": 2, "load": 3, "validate": 4, "derive": 5, "render": 6,
         "output": 7, "pipeline": 8, "mkdocs": 9, "cli": 10}
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The stdsite modules a file imports (relative imports resolved), at any depth of the file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "stdsite")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "stdsite":
                continue
            for alias in node.names:        # `from . import x` may name a module
                candidate = f"{target}.{alias.name}"
                found.add(candidate if _is_module(candidate) else target)
    return {f for f in found if f != name}


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def part(module: str) -> str:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "stdsite"


def modules() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_part_has_a_rank():
    parts = {part(m) for m in modules()} - {"stdsite"}
    assert parts <= RANKS.keys(), parts - RANKS.keys()


def upward_imports(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    return [(m, i) for m, targets in sorted(graph.items()) if part(m) != "stdsite"
            for i in sorted(targets) if part(i) != "stdsite" and RANKS[part(i)] > RANKS[part(m)]]


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    # a package imports its own modules (`__init__` re-exports): an edge to a sub-module is expected
    graph = {m: {t for t in ts if t in graph and not t.startswith(m + ".")} for m, ts in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_imports_never_run_back_up():
    wrong = upward_imports(modules())
    assert wrong == [], "imports that run back up the pipeline:\n" + "\n".join(f"{m} -> {i}" for m, i in wrong)


def test_no_import_circle():
    cycle = find_cycle(modules())
    assert cycle is None, "import circle: " + " -> ".join(cycle)


def test_the_checks_catch_a_wrong_import_and_a_circle(tmp_path, monkeypatch):
    """On a small fake package: a load module importing render (relatively) is reported, and so
    is a circle between two render modules."""
    files = {"__init__.py": "", "load/__init__.py": "", "render/__init__.py": "",
             "load/x.py": "from ..render import common\n", "render/common.py": "from . import other\n",
             "render/other.py": "import stdsite.render.common\n"}
    for rel, text in files.items():
        (tmp_path / "stdsite" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "stdsite" / rel).write_text(text, encoding="utf-8")
    monkeypatch.setitem(globals(), "PACKAGE", tmp_path / "stdsite")
    graph = modules()
    assert upward_imports(graph) == [("stdsite.load.x", "stdsite.render.common")]
    assert find_cycle(graph) in (["stdsite.render.common", "stdsite.render.other", "stdsite.render.common"],
                                 ["stdsite.render.other", "stdsite.render.common", "stdsite.render.other"])


def test_files_stay_short():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"files over {MAX_LINES} lines: {long}"

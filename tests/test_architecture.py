"""The layout holds: analyzers never import the UI, and no module imports another that imports
it back (lazy imports inside functions included: a cycle is a cycle)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("analyzers", "tui", "themes", "seeds")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    return {module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Project modules ``name`` imports anywhere in its source (``from pkg import mod`` counts
    as importing ``pkg.mod`` when that is a module)."""
    out = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name:
                out.add(t)
    return out


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if state.get(m) == 1:
                return [*stack[stack.index(m):], m]
            if m not in state and (cycle := visit(m)):
                return cycle
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state and (cycle := visit(n)):
            return cycle
    return None


def test_no_import_cycle_between_modules():
    mods = project_modules()
    graph = {n: imports_of(n, p, set(mods)) for n, p in mods.items()}
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_analyzers_never_import_the_ui():
    mods = project_modules()
    for name, path in mods.items():
        if name.startswith("analyzers"):
            bad = {m for m in imports_of(name, path, set(mods)) if m.startswith(("tui", "themes"))}
            assert not bad, (name, bad)
    code = "import sys, analyzers, analyzers.rules.pipeline; print(','.join(m for m in ('textual', 'tui') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_cycle_finder_finds_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


STORAGE = ("sqlite3", "analyzers.store.library.store", "analyzers.store.review.store", "analyzers.store.database")


def test_screens_and_widgets_reach_storage_only_through_the_desk():
    """Screens, widgets and the app ask the Desk (analyzers/store/desk.py) through the context;
    none of them opens a database or handles sqlite3."""
    mods = project_modules()
    for name, path in mods.items():
        if not (name.startswith(("tui.screens", "tui.widgets")) or name == "tui.app"):
            continue
        imported = runtime_imports(path)
        assert not imported & set(STORAGE), (name, imported & set(STORAGE))
        source = path.read_text(encoding="utf-8")
        for constructor in ("LibraryStore(", "ReviewStore(", "sqlite3."):
            assert constructor not in source, (name, constructor)


def runtime_imports(path: Path) -> set[str]:
    """Modules imported anywhere but under ``if TYPE_CHECKING:`` (a type is not a door)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and getattr(node.test, "id", None) == "TYPE_CHECKING" for n in ast.walk(node)}
    out = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out

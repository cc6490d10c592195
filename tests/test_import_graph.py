"""The package's modules import each other without a cycle at run time.

Each module's run-time imports are its top-level `import` statements (also inside top-level
`if`/`try` blocks), not those under `if TYPE_CHECKING:` (read by the type checker only) nor
those inside functions (made when the function runs). Importing `a.b.c` runs the packages `a` and
`a.b` first, so those count too, except a module's own enclosing packages (already running when
it is imported). A cycle among them means a module can be imported half-initialised, depending
on which module is imported first.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import frontier_lint

ROOT = Path(frontier_lint.__file__).parent
PACKAGE = "frontier_lint"


def _modules() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join((PACKAGE, *parts))] = path
    return out


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _top_level(body: list[ast.stmt]) -> list[ast.Import | ast.ImportFrom]:
    """The import statements a module runs when imported."""
    out: list[ast.Import | ast.ImportFrom] = []
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            out.append(node)
        elif isinstance(node, ast.If):
            test = ast.unparse(node.test)
            if test not in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
                out += _top_level(node.body)
            out += _top_level(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, *(h.body for h in node.handlers), node.orelse):
                out += _top_level(block)
            out += _top_level(node.finalbody)
    return out


def imports_of(name: str) -> set[str]:
    """The package's modules that importing `name` imports at run time."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    here = name if _is_package(name) else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _top_level(tree.body):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = here.split(".")
            anchor = anchor[: len(anchor) - node.level + 1]
            base = ".".join([*anchor, *([base] if base else [])])
        found.add(base)
        # `from package import module` imports the module.
        found.update(f"{base}.{alias.name}" for alias in node.names)
    out: set[str] = set()
    own = {name.rsplit(".", i)[0] for i in range(1, name.count(".") + 1)}
    for module in found:
        if module not in MODULES:
            continue
        parts = module.split(".")
        for i in range(1, len(parts) + 1):  # the enclosing packages run first
            ancestor = ".".join(parts[:i])
            if ancestor != name and ancestor not in own:
                out.add(ancestor)
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (or a module importing
    itself), each sorted; Tarjan's algorithm, iteratively."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, list[str]]] = [(start, sorted(graph[start]))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, todo = work[-1]
            if todo:
                nxt = todo.pop()
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(graph[nxt])))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    out.append(sorted(component))
    return out


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_imports(name: str) -> None:
    importlib.import_module(name)


def test_the_run_time_import_graph_has_no_cycle() -> None:
    graph = {name: imports_of(name) for name in MODULES}
    assert cycles(graph) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    # The check itself: a cycle through three modules, and one module importing itself.
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}, "e": {"a"}}
    assert cycles(graph) == [["a", "b", "c"], ["d"]]


def test_type_checking_imports_and_own_packages_do_not_count() -> None:
    # frame.py imports the analyzer for its types only, and the handlers the frame; a handler
    # module's own package is running when it is imported.
    frame = "frontier_lint.dataflow.interpret.frame"
    assert "frontier_lint.dataflow.analyzer" not in imports_of(frame)
    assert frame not in imports_of("frontier_lint.dataflow.interpret.calls")
    assert "frontier_lint.dataflow.interpret" not in imports_of(
        "frontier_lint.dataflow.interpret.calls"
    )
    assert "frontier_lint.dataflow.interpret.dispatch" in imports_of(frame)


def test_interpretation_modules_import_neither_each_other_nor_the_frame() -> None:
    handlers = {
        f"frontier_lint.dataflow.interpret.{m}"
        for m in (
            "statements",
            "definitions",
            "expressions",
            "attributes",
            "calls",
            "sinks",
            "forcing",
        )
    }
    frame = "frontier_lint.dataflow.interpret.frame"
    dispatch = "frontier_lint.dataflow.interpret.dispatch"
    for name in sorted(handlers):
        assert imports_of(name).isdisjoint(handlers | {frame, dispatch}), name
    # The library models take the frame too, and are looked up by the handlers.
    interpret = {m for m in MODULES if m.startswith("frontier_lint.dataflow.interpret")}
    models = [m for m in MODULES if m.startswith("frontier_lint.dataflow.models")]
    assert models
    for name in models:
        assert imports_of(name).isdisjoint(interpret), name

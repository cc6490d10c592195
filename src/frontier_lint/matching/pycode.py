"""Whether Python code given as text (`python -c CODE`) can launch: a gate, not an analysis.

The code is read with CPython's parser (a gate, as the prefilter is; the analysis itself walks
libcst trees of project files) for the catalogue's sinks named through its imports:
`subprocess.run(...)`, `from os import system`, `import subprocess as sp; sp.Popen`. A sink
named anywhere (called, stored, handed on), a sink module handed on as a value, or a module
found by a name not known or a sink's name at run time (`__import__(name)`,
`importlib.import_module`, `getattr(subprocess, name)`, `sys.modules[name]`, `vars(os)`) is a
launch the code may make (a module loaded from a file runs as a script does: not seen); code naming none starts nothing. Text not known (HOLE) that leaves the code
unreadable may be anything: it may launch."""

from __future__ import annotations

import ast
from collections.abc import Set

from frontier_lint.matching.words import HOLE

__all__ = ["may_launch_code"]

# Names through which code finds a module or a function by a name it computes.
_IMPORTERS = frozenset({"__import__", "importlib.import_module", "importlib.__import__"})
_HOLE = "__frontier_lint_hole__"  # text not known, read as a name


def may_launch_code(code: str, sinks: Set[str]) -> bool:
    """Whether `code` names one of the dotted `sinks` (`subprocess.run`; `sh.*`: every name
    under `sh`) through its imports, or finds modules by computed names."""
    try:
        tree = ast.parse(code.replace(HOLE, _HOLE))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        # Unreadable: as written, Python refuses it and runs nothing; with text not known
        # filled in, it may be any code.
        return HOLE in code
    modules = {s.rsplit(".", 1)[0] for s in sinks}
    tops = {m.split(".", 1)[0] for m in modules}
    bound: dict[str, str] = {}  # local name -> the dotted name it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and _HOLE in ast.dump(node):
            return True  # a module not known may be a sink's
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    top = alias.name.split(".", 1)[0]
                    bound[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                if alias.name == "*":
                    if node.module in modules or node.module.split(".", 1)[0] in tops:
                        return True  # `from subprocess import *`: any name may be a sink
                    continue
                bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    imported = {d.split(".", 1)[0] for d in bound.values()}
    # Methods of a sink's class reached through an instance (`loop.subprocess_exec`): by their
    # name where their module is imported.
    methods = {
        s.rsplit(".", 1)[1]
        for s in sinks
        if s.split(".", 1)[0] in imported and any(p[:1].isupper() for p in s.split(".")[1:-1])
    }
    bases = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    calls = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in methods:
            return True
        if isinstance(node, ast.Name) and _HOLE in node.id and id(node) in bases | calls:
            return True  # something not known, used as a module or a function
        if isinstance(node, ast.Call) and _finds_sink(node, bound, modules):
            return True
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and _dotted(node.value, bound) == "sys.modules"
            and not _literal_other(node.slice, modules)
        ):
            return True  # `sys.modules[name]`: a module found by a key not known
        dotted = _dotted(node, bound)
        if dotted is None:
            continue
        if _is_sink(dotted, sinks):
            return True
        if isinstance(node, ast.Name) and dotted in modules and id(node) not in bases:
            return True  # a sink module handed on as a value (`run_with(subprocess)`)
    return False


def _dotted(node: ast.AST, bound: dict[str, str]) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id not in bound:
        return None
    return ".".join([bound[node.id], *reversed(parts)])


def _is_sink(dotted: str, sinks: Set[str]) -> bool:
    if dotted in sinks:
        return True
    head = dotted.rsplit(".", 1)[0]
    return f"{head}.*" in sinks


def _finds_sink(call: ast.Call, bound: dict[str, str], modules: Set[str]) -> bool:
    """A call that finds a module or a function by a name: one not known, or a sink's."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else _dotted(func, bound)
    if name in _IMPORTERS or (isinstance(func, ast.Name) and func.id == "__import__"):
        return not call.args or not _literal_other(call.args[0], modules)
    if name in ("getattr", "vars") and call.args:
        # `getattr(os, "system")`, `getattr(subprocess, name)`, `vars(os)[key]`: on a sink's
        # module (or on something not known) only.
        target = _dotted(call.args[0], bound)
        base = call.args[0]
        unknown = isinstance(base, ast.Name) and _HOLE in base.id
        return unknown or (target is not None and target in modules)
    return False


def _literal_other(node: ast.AST, modules: Set[str]) -> bool:
    """A string literal naming a module that is no sink's (`__import__("json")`)."""
    if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
        return False
    return _HOLE not in node.value and not any(
        m == node.value or m.startswith(node.value + ".") or node.value.startswith(m + ".")
        for m in modules
    )

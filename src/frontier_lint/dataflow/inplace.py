"""What a function changes in place of the lists and dicts it is handed, read from CPython's
tree of its def (no libcst parse): a caller's local handed to it is read as changed after the
call (`interpret.calls.call_project`), never as it was before it."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass, field

# The methods changing a list or dict in place; of them (and of the augmented assignments),
# those that only add items at a list's end, its first word kept.
_CHANGING = frozenset(
    (
        "append",
        "extend",
        "insert",
        "pop",
        "popitem",
        "remove",
        "clear",
        "reverse",
        "sort",
        "update",
        "setdefault",
        "__setitem__",
        "__delitem__",
        "__iadd__",
        "__ior__",
    )
)
_APPENDING = frozenset(("append", "extend", "__iadd__", "+="))


@dataclass(frozen=True)
class InPlace:
    """A def's parameters (the positional ones in order) and those its body changes in place,
    each with whether only by adding items at the end (`append`, `extend`, `+=`). A superset:
    a nested def's statements count, a parameter bound again first too."""

    positional: tuple[str, ...] = ()
    changed: Mapping[str, bool] = field(default_factory=dict)
    # The calls handing a parameter on as it is (`fill2(a)`, `self.fill(a)`): (the callee as
    # written, `fill2` or `self.fill`; the argument's position or keyword; the parameter). What
    # the callee changes of it, this def does (`Analyzer.in_place`).
    handed: tuple[tuple[str, int | str, str], ...] = ()


NOTHING = InPlace()


def in_place(node: ast.FunctionDef | ast.AsyncFunctionDef) -> InPlace:
    args = node.args
    positional = tuple(a.arg for a in (*args.posonlyargs, *args.args))
    params = {*positional, *(a.arg for a in args.kwonlyargs)}
    hows: dict[str, set[str]] = {}
    handed: list[tuple[str, int | str, str]] = []

    def note(target: ast.expr, how: str) -> None:
        if isinstance(target, ast.Name) and target.id in params:
            hows.setdefault(target.id, set()).add(how)

    for n in ast.walk(node):
        if isinstance(n, ast.Assign | ast.AnnAssign | ast.Delete):
            targets = n.targets if isinstance(n, ast.Assign | ast.Delete) else [n.target]
            stack = list(targets)
            while stack:
                t = stack.pop()
                if isinstance(t, ast.Tuple | ast.List):
                    stack.extend(t.elts)
                elif isinstance(t, ast.Starred):
                    stack.append(t.value)
                elif isinstance(t, ast.Subscript):
                    note(t.value, "[]")
        elif isinstance(n, ast.AugAssign):
            if isinstance(n.target, ast.Subscript):
                note(n.target.value, "[]")
            elif isinstance(n.op, ast.Add):
                note(n.target, "+=")
            elif isinstance(n.op, ast.BitOr):
                note(n.target, "|=")
        elif (
            isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute)
            and n.func.attr in _CHANGING
        ):
            note(n.func.value, n.func.attr)
        if isinstance(n, ast.Call) and (callee := callee_of(n.func)) is not None:
            for i, a in enumerate(n.args):
                if isinstance(a, ast.Starred):
                    break  # (the positions after it are not known)
                if isinstance(a, ast.Name) and a.id in params:
                    handed.append((callee, i, a.id))
            for k in n.keywords:
                if k.arg is not None and isinstance(k.value, ast.Name) and k.value.id in params:
                    handed.append((callee, k.arg, k.value.id))
    changed = {p: h <= _APPENDING for p, h in hows.items()}
    return InPlace(positional, changed, tuple(h for h in handed if h[2] not in changed))


def callee_of(func: ast.expr) -> str | None:
    """A callee a parameter may be handed on to: a name (`fill2`), or a method of the receiver
    (`self.fill`, `cls.fill`); None for another (a library's, `print`, is looked up and
    found no project function)."""
    if isinstance(func, ast.Name):
        return func.id
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in ("self", "cls")
        and func.attr not in _CHANGING
    ):
        return f"{func.value.id}.{func.attr}"
    return None

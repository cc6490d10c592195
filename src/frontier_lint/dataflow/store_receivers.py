"""What class a store's receiver is declared or built as, read from CPython's tree of the
store's file (no libcst parse): `c = Cfg(...)`, `c: Cfg`, a parameter annotated `Cfg`, or
`self.tool: Optional[Compiler]` in the store's class. An attribute stored from outside a
class by text (`c.bin = ...`, `Analyzer.attr_stored_value`) counts for that class only where
its receiver may be one of its instances; where this module cannot tell (a parameter without
an annotation, a value of any other shape, a name bound elsewhere), it may be: fail closed."""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass

# The names of an annotation that wrap the class they name (`Optional[C]`, `Union[C, D]`,
# `Final[C]`, `ClassVar[C]`, `Annotated[C, ...]`: its first argument alone).
_WRAPPING = frozenset(("Optional", "Union", "Final", "ClassVar"))


@dataclass(frozen=True)
class Receiver:
    """What a store's receiver is read as (`receiver_of`): the names of the classes it is
    bound to or annotated with, each read through the file's names; or, for a name the
    store's function does not bind (`sys.path = ...`, a module-level instance), or a store at
    module level, that name, whose module-level value tells (`global_name`)."""

    classes: tuple[str, ...] = ()
    global_name: str | None = None


def receiver_of(data: bytes, line: int, receiver: str) -> Receiver | None:
    """What the receiver of a store on 1-based `line` of source bytes is: bound to classes
    (`x = Cfg(...)`) or annotated with them (`x: Cfg`, `def f(x: Cfg)`, `Optional[Cfg]`,
    `Cfg | None`), for a receiver `x` (a plain name) or `self.attr` (annotated in the store's
    class: `self.attr: Cfg = ...` in a method, `attr: Cfg` in its body); or a module-level
    name. None where any binding or annotation says less (the receiver may then be anything,
    an instance of the class asked about too)."""
    tree = _tree(data)
    if tree is None:
        return None
    chain = _chain(tree, line)
    if chain is None:
        return None
    parts = receiver.split(".")
    if len(parts) == 2 and parts[0] == "self":
        cls = next((n for n in reversed(chain) if isinstance(n, ast.ClassDef)), None)
        if cls is None or not _method_of(cls, chain):
            return None
        got = _attr_annotations(cls, parts[1])
        return None if got is None else Receiver(classes=got)
    if len(parts) != 1 or parts[0] in ("self", "cls"):
        return None
    scopes = [
        n for n in chain if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]
    if not scopes:
        return Receiver(global_name=parts[0])  # (module-level code: the module's name)
    if isinstance(scopes[-1], ast.ClassDef):
        return None  # (a class body's name: not read here)
    func = scopes[-1]
    assert isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef)
    # (A function nested in another reads the enclosing one's names, not the module's.)
    nested = any(isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) for n in scopes[:-1])
    return _local_classes(func, parts[0], nested)


@functools.lru_cache(maxsize=1)
def _tree(data: bytes) -> ast.Module | None:
    """A file's tree (the stores of one name are looked at file by file: one kept)."""
    try:
        return ast.parse(data)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _chain(tree: ast.Module, line: int) -> list[ast.stmt] | None:
    """The compound statements holding `line`, outermost first (defs and classes among them),
    ending with the statement on it; None where no statement spans it."""
    out: list[ast.stmt] = []
    body: list[ast.stmt] = list(tree.body)
    while True:
        st = next((s for s in body if s.lineno <= line <= (s.end_lineno or s.lineno)), None)
        if st is None:
            return out or None
        out.append(st)
        inner: list[ast.stmt] = []
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            for x in getattr(st, field, None) or ():
                inner.extend([x] if isinstance(x, ast.stmt) else getattr(x, "body", []))
        body = inner


def _method_of(cls: ast.ClassDef, chain: list[ast.stmt]) -> bool:
    """Whether the store is inside a method defined directly in `cls` (`self` is its
    instance there, not a nested function's or a nested class's)."""
    at = chain.index(cls)
    return (
        len(chain) > at + 1
        and isinstance(chain[at + 1], ast.FunctionDef | ast.AsyncFunctionDef)
        and not any(isinstance(n, ast.ClassDef) for n in chain[at + 2 :])
    )


def _attr_annotations(cls: ast.ClassDef, attr: str) -> tuple[str, ...] | None:
    """The classes `self.attr` is annotated with in class `cls` (its body's `attr: C`, a
    method's `self.attr: C = ...`); None where it is annotated nowhere there or with a type
    not read here."""
    found: list[str] = []
    annotated = False
    for st in cls.body:
        if isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name):
            if st.target.id == attr:
                annotated = True
                got = annotation_classes(st.annotation)
                if got is None:
                    return None
                found.extend(got)
        elif isinstance(st, ast.FunctionDef | ast.AsyncFunctionDef):
            for n in ast.walk(st):
                if (
                    isinstance(n, ast.AnnAssign)
                    and isinstance(n.target, ast.Attribute)
                    and n.target.attr == attr
                    and isinstance(n.target.value, ast.Name)
                    and n.target.value.id == "self"
                ):
                    annotated = True
                    got = annotation_classes(n.annotation)
                    if got is None:
                        return None
                    found.extend(got)
    return tuple(found) if annotated and found else None


def _local_classes(
    func: ast.FunctionDef | ast.AsyncFunctionDef, name: str, nested: bool
) -> Receiver | None:
    """What a plain name is in `func`: the classes of its bindings, every one a call of a
    plain name (`x = Cfg(...)`) or annotated (`x: Cfg = ...`, a parameter `x: Cfg`); the
    module's name where the function binds it nowhere (not in a nested function); None where a
    binding is of another shape (a loop's target, `x, y = ...`, `x += ...`, an import), or the
    name is declared `global` or `nonlocal` (in a nested function too)."""
    found: list[str] = []
    bound = False
    args = func.args
    for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
        if a is None or a.arg != name:
            continue
        got = None
        if a.annotation is not None and a not in (args.vararg, args.kwarg):
            got = annotation_classes(a.annotation)
        if got is None:
            return None
        bound = True
        found.extend(got)
    nodes, inner = _own_nodes(func.body)
    if any(getattr(scope, "name", None) == name for scope in inner):
        return None  # (`def x(...)`, `class x`)
    for scope in inner:
        for m in ast.walk(scope):
            if isinstance(m, ast.Global | ast.Nonlocal) and name in m.names:
                return None
    plain: set[int] = set()
    for n in nodes:
        if isinstance(n, ast.Global | ast.Nonlocal) and name in n.names:
            return None
        if isinstance(n, ast.Assign) and any(_binds(t, name) for t in n.targets):
            callee = n.value.func if isinstance(n.value, ast.Call) else None
            if not isinstance(callee, ast.Name):
                return None
            for t in n.targets:
                if isinstance(t, ast.Name) and t.id == name:
                    plain.add(id(t))
            bound = True
            found.append(callee.id)
        elif isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name):
            if n.target.id == name:
                got = annotation_classes(n.annotation)
                if got is None:
                    return None
                plain.add(id(n.target))
                bound = True
                found.extend(got)
        elif _binds_otherwise(n, name):
            return None
    for n in nodes:
        if (
            isinstance(n, ast.Name)
            and n.id == name
            and not isinstance(n.ctx, ast.Load)
            and id(n) not in plain
        ):
            return None  # (`x, y = ...`, `for x in ...`, `with ... as x`, `x += ...`, `del x`)
    if not bound:
        return None if nested else Receiver(global_name=name)
    return Receiver(classes=tuple(found)) if found else None


def _own_nodes(body: list[ast.stmt]) -> tuple[list[ast.AST], list[ast.AST]]:
    """The nodes of a scope's statements, not of the functions, lambdas, classes and
    comprehensions nested in it (their names are their own), and those nested ones."""
    out: list[ast.AST] = []
    nested: list[ast.AST] = []
    todo: list[ast.AST] = list(body)
    while todo:
        n = todo.pop()
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            nested.append(n)
            continue
        out.append(n)
        if isinstance(n, ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp):
            continue
        todo.extend(ast.iter_child_nodes(n))
    return out, nested


def _binds(target: ast.expr, name: str) -> bool:
    """Whether an assignment target binds the plain name (alone or inside a tuple; not `x.a`
    nor `x[k]`, which store into what it holds)."""
    todo = [target]
    while todo:
        t = todo.pop()
        if isinstance(t, ast.Name) and t.id == name:
            return True
        if isinstance(t, ast.Tuple | ast.List):
            todo.extend(t.elts)
        elif isinstance(t, ast.Starred):
            todo.append(t.value)
    return False


def _binds_otherwise(n: ast.AST, name: str) -> bool:
    """A binding of the name by an import, an exception handler (`except E as x`) or a match
    pattern."""
    if isinstance(n, ast.Import | ast.ImportFrom):
        return any((a.asname or a.name.partition(".")[0]) == name for a in n.names)
    if isinstance(n, ast.ExceptHandler | ast.MatchAs | ast.MatchStar):
        return n.name == name
    return False


def annotation_classes(node: ast.expr) -> tuple[str, ...] | None:
    """The plain class names an annotation names (`C`, `"C"`, `Optional[C]`, `T.Optional[C]`,
    `C | None`, `Union[C, D]`; `None` names none); None for any other type (`list[C]`, `Any`,
    `mod.C`: read as any class)."""
    if isinstance(node, ast.Constant):
        if node.value is None:
            return ()
        if isinstance(node.value, str):
            try:
                inner = ast.parse(node.value, mode="eval").body
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                return None
            return annotation_classes(inner)
        return None
    if isinstance(node, ast.Name):
        return None if node.id in ("Any", "object") else (node.id,)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = annotation_classes(node.left), annotation_classes(node.right)
        return None if left is None or right is None else (*left, *right)
    if isinstance(node, ast.Subscript):
        head = node.value
        word = head.id if isinstance(head, ast.Name) else getattr(head, "attr", None)
        if word == "Annotated" and isinstance(node.slice, ast.Tuple) and node.slice.elts:
            return annotation_classes(node.slice.elts[0])
        if word in _WRAPPING:
            items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            out: list[str] = []
            for item in items:
                got = annotation_classes(item)
                if got is None:
                    return None
                out.extend(got)
            return tuple(out)
    return None

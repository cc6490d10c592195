"""Small libcst helpers the resolver walks with (no values, no project knowledge)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import fields
from typing import TypeGuard

import libcst as cst


def block(body: object) -> Sequence[cst.CSTNode]:
    """The statements of a body. A one-line body (`if x: y = 1`, `try: import z`) is one
    statement, the suite itself: its parts are small statements, which only a suite holds."""
    if type(body) is cst.IndentedBlock:  # (by identity: an ABC check that says no is a call)
        return body.body
    if isinstance(body, cst.SimpleStatementSuite):
        return (body,)
    inner = getattr(body, "body", ())
    return inner if isinstance(inner, Sequence) else ()


def dotted(node: cst.BaseExpression) -> str:
    """`a.b.c` for a name or attribute chain (a call's callee for a call), else ""; in a loop:
    a chain may be thousands of links long."""
    names: list[str] = []
    while True:
        # The parser's own classes by identity first: `isinstance` with libcst's ABCs is a
        # Python-level call each time it answers no (a `Name` asked whether it is a `Call`).
        if type(node) is cst.Name:
            names.append(node.value)
            return ".".join(reversed(names))
        if type(node) is cst.Attribute:
            names.append(node.attr.value)
            node = node.value
            continue
        if isinstance(node, cst.Call):
            node = node.func
        elif isinstance(node, cst.Attribute):
            names.append(node.attr.value)
            node = node.value
        elif isinstance(node, cst.Name):
            names.append(node.value)
            return ".".join(reversed(names))
        else:
            return ""


def literal(node: cst.SimpleString) -> str | bytes | None:
    """A string literal's value; None for one CPython rejects (a truncated `\\U` escape):
    libcst reads such a literal, and code checked by the newer-syntax reader may hold one."""
    value = literal_value(node.value)
    return value if isinstance(value, str | bytes) else None


# Literal texts -> their values (None: rejected). libcst's `evaluated_value` compiles the text
# with CPython on every call, and the resolver reads the same literals again and again (on the
# corpus 15,672 compiles of 6,462 texts): each text is compiled once per process.
_LITERALS: dict[str, str | bytes | int | float | complex | None] = {}
_LITERALS_MAX = 200_000


def literal_value(text: str) -> str | bytes | int | float | complex | None:
    """The value of a string or number literal's source text (`ast.literal_eval`, as libcst's
    `evaluated_value`); None for one CPython rejects."""
    if text in _LITERALS:
        return _LITERALS[text]
    plain = _plain_string(text)
    if plain is not None:
        return plain  # (not remembered: reading it again costs what a lookup does)
    value: str | bytes | int | float | complex | None
    try:
        value = ast.literal_eval(text)
    except (SyntaxError, ValueError):  # (UnicodeError is a ValueError)
        value = None
    if not isinstance(value, str | bytes | int | float | complex):
        value = None  # (not a literal libcst reads as one: never here)
    if len(_LITERALS) >= _LITERALS_MAX:
        _LITERALS.clear()
    _LITERALS[text] = value
    return value


def _plain_string(text: str) -> str | None:
    """The value of a string literal that needs no reading: ASCII, no prefix, no backslash, no
    carriage return (CPython turns `\r\n` into `\n`) and no NUL (which CPython rejects): the
    text between its quotes. None for any other text (most string literals are these; each
    compile cost ~50 µs)."""
    quote = text[:1]
    if (
        (quote != '"' and quote != "'")
        or "\\" in text
        or "\r" in text
        or "\x00" in text
        or not text.isascii()
    ):
        return None
    n = 3 if len(text) >= 6 and text.startswith(quote * 3) else 1
    if len(text) < 2 * n or not text.endswith(quote * n):
        return None
    inner = text[n:-n]
    if n == 1 and (quote in inner or "\n" in inner):
        return None  # (not one literal)
    if n == 3 and (quote * 3 in inner or inner.endswith(quote)):
        return None
    return inner


_FIELDS: dict[type, tuple[str, ...]] = {}
_NODE_TYPES: dict[type, bool] = {}


def is_node(value: object) -> TypeGuard[cst.CSTNode]:
    """`isinstance(value, cst.CSTNode)`, answered per type from a dict: libcst's node classes
    are ABCs, and the ABC check cost ~0.5 s of a cold corpus run in the tree walks."""
    t = type(value)
    known = _NODE_TYPES.get(t)
    if known is None:
        known = _NODE_TYPES[t] = derives(t, (cst.CSTNode,))
    return known


def derives(t: type, bases: tuple[type, ...]) -> bool:
    """`issubclass(t, bases)`, by the MRO. libcst's node classes are ABCs: an ABC's check of a
    class that is not its subclass asks every one of its subclasses in turn (hundreds under
    `CSTNode`), each keeping the answer in a cache of its own (`str`, `NoneType`, every node
    kind met as a field's value: a cold corpus run spent ~0.8 % of its time there). libcst
    registers no virtual subclass and defines no `__subclasshook__`: the MRO answers the same."""
    return any(b in bases for b in t.__mro__)


_EXPRESSION_TYPES: dict[type, bool] = {}


def _is_expression(t: type) -> bool:
    known = _EXPRESSION_TYPES.get(t)
    if known is None:
        known = _EXPRESSION_TYPES[t] = derives(t, (cst.BaseExpression,))
    return known


# Nodes that hold no code: whitespace, comments, brackets, punctuation, operator tokens. Every
# walk over `children` looks for code (calls, assignments, statements, newer syntax), and these
# were a third of the nodes it met.
_TRIVIA = (
    cst.BaseParenthesizableWhitespace,
    cst.EmptyLine,
    cst.TrailingWhitespace,
    cst.Newline,
    cst.Comment,
    cst.LeftParen,
    cst.RightParen,
    cst.LeftSquareBracket,
    cst.RightSquareBracket,
    cst.LeftCurlyBrace,
    cst.RightCurlyBrace,
    cst.Comma,
    cst.Dot,
    cst.Colon,
    cst.Semicolon,
    cst.AssignEqual,
    cst.Asynchronous,
    cst.BaseBinaryOp,
    cst.BaseBooleanOp,
    cst.BaseCompOp,
    cst.BaseUnaryOp,
    cst.BaseAugOp,
)


class _CodeTypes(dict[type, bool]):
    """Type -> whether its instances may hold code: a libcst node, not `_TRIVIA`. Filled on
    first sight; a lookup (`CODE_TYPES[type(x)]`) costs no call."""

    def __missing__(self, t: type) -> bool:
        known = self[t] = derives(t, (cst.CSTNode,)) and not derives(t, _TRIVIA)
        return known


CODE_TYPES = _CodeTypes()
# Fields that only ever hold such nodes, by the start of their name (not even read).
TRIVIA_FIELDS = (
    *("whitespace", "lpar", "rpar", "comma", "semicolon", "leading_lines", "header", "footer"),
    *("lines_after_decorators", "trailing_whitespace", "newline", "equal", "colon", "operator"),
    *("asynchronous", "dot"),
)


def code_fields(cls: type[cst.CSTNode]) -> tuple[str, ...]:
    """The fields of a node class that may hold code, in declaration order."""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(
            f.name for f in fields(cls) if not f.name.startswith(TRIVIA_FIELDS)
        )
    return names


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """A node's child nodes that may hold code (not whitespace, comments or punctuation);
    libcst's `children` runs a visitor per call, far too slow here. (Called ~270,000 times
    on the corpus: everything inline.)"""
    names = _FIELDS.get(type(node)) or code_fields(type(node))
    code = CODE_TYPES
    out: list[cst.CSTNode] = []
    for name in names:
        v = getattr(node, name)
        t = type(v)
        if t is tuple or t is list:
            out += [x for x in v if code[type(x)]]
        elif code[t]:
            out.append(v)
    return out


def conditional_defs(node: cst.ClassDef) -> list[cst.FunctionDef]:
    """Functions defined inside compound statements of a class body (`if sys.platform ...`)."""
    out: list[cst.FunctionDef] = []
    stack: list[cst.CSTNode] = [
        st for st in block(node.body) if isinstance(st, cst.If | cst.Try | cst.With)
    ]
    while stack:
        n = stack.pop()
        if isinstance(n, cst.FunctionDef):
            out.append(n)
        elif isinstance(
            n, cst.If | cst.Else | cst.Try | cst.With | cst.ExceptHandler | cst.Finally
        ):
            stack.extend(block(n.body))
            orelse = getattr(n, "orelse", None)
            if orelse is not None:
                stack.append(orelse)
            stack.extend(getattr(n, "handlers", ()))
            final = getattr(n, "finalbody", None)
            if final is not None:
                stack.append(final)
    return out


def self_attrs(node: cst.FunctionDef) -> frozenset[str]:
    params = [*node.params.posonly_params, *node.params.params]
    if not params:
        return frozenset()
    self_name = params[0].name.value
    found: set[str] = set()
    stack: list[cst.CSTNode] = [node.body]
    while stack:
        n = stack.pop()
        kind = type(n)  # concrete node classes: `is` spares the ABC isinstance check
        targets: list[cst.CSTNode] = []
        if kind is cst.Assign:
            targets = [t.target for t in n.targets]  # type: ignore[attr-defined]
        elif kind is cst.AnnAssign or kind is cst.AugAssign:
            targets = [n.target]  # type: ignore[attr-defined]
        flat: list[cst.CSTNode] = []
        while targets:
            t = targets.pop()
            if isinstance(t, cst.Tuple | cst.List):
                targets.extend(el.value for el in t.elements)
            else:
                flat.append(t)
        for t in flat:
            if (
                isinstance(t, cst.Attribute)
                and isinstance(t.value, cst.Name)
                and t.value.value == self_name
            ):
                found.add(t.attr.value)
        if kind is cst.FunctionDef or kind is cst.ClassDef or kind is cst.Lambda:
            continue
        if _is_expression(kind) and kind is not cst.Call and kind is not cst.NamedExpr:
            continue  # assignments are statements; expressions hold none worth walking into
        stack.extend(children(n))
    return frozenset(found)


def tree_self_attrs(node: ast.FunctionDef | ast.AsyncFunctionDef) -> frozenset[str]:
    """`self_attrs` of CPython's tree of the same def, before libcst parses it. Its names are
    NFKC normalised (libcst's are as written): it finds what `self_attrs` finds, and perhaps
    more, for an ASCII attribute name."""
    params = [*node.args.posonlyargs, *node.args.args]
    if not params:
        return frozenset()
    self_name = params[0].arg
    found: set[str] = set()
    stack: list[ast.AST] = list(node.body)
    while stack:
        n = stack.pop()
        targets: list[ast.expr] = []
        if isinstance(n, ast.Assign):
            targets = list(n.targets)
        elif isinstance(n, ast.AnnAssign | ast.AugAssign):
            targets = [n.target]
        while targets:
            t = targets.pop()
            if isinstance(t, ast.Tuple | ast.List):
                targets.extend(t.elts)
            elif isinstance(t, ast.Starred):  # (libcst: a starred element's value)
                targets.append(t.value)
            elif (
                isinstance(t, ast.Attribute)
                and isinstance(t.value, ast.Name)
                and t.value.id == self_name
            ):
                found.add(t.attr)
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.expr):
            continue  # (expressions hold no assignment statement; a lambda is one)
        stack.extend(ast.iter_child_nodes(n))
    return frozenset(found)


def describe(node: cst.CSTNode) -> str:
    """A short name for an expression in messages, without generating its code."""
    name = dotted(node) if isinstance(node, cst.BaseExpression) else ""
    if name:
        return name if len(name) <= 120 else f"{name[:57]}...{name[-60:]}"
    # `Attribute` -> "an attribute expression", `Subscript` -> "a subscript expression".
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", type(node).__name__).lower()
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words} expression"


class NameStores(cst.CSTVisitor):
    """The stores to `name` in one function body (not in nested functions or classes): each
    target with its value (None: a value not read here, an augmented or unpacking store);
    and every name the body binds (`bound`: a nested function's or class's own name too)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.found: list[tuple[cst.CSTNode, cst.BaseExpression | None]] = []
        self.bound: set[str] = set()

    def _is(self, node: cst.CSTNode) -> bool:
        return isinstance(node, cst.Name) and node.value == self.name

    def _binds(self, target: cst.CSTNode, value: cst.BaseExpression | None) -> None:
        names = names_in(target) if not isinstance(target, cst.Name) else {target.value}
        self.bound.update(names)
        if self._is(target):
            self.found.append((target, value))
        elif self.name in names:
            self.found.append((target, None))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.bound.add(node.name.value)
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.bound.add(node.name.value)
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            self._binds(t.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._binds(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._binds(node.target, None)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._binds(node.target, node.value)

    def visit_For(self, node: cst.For) -> None:
        self._binds(node.target, None)

    def visit_AsName(self, node: cst.AsName) -> None:
        self._binds(node.name, None)  # `with ... as NAME`, `import x as NAME`, `except ...`

    def visit_Import(self, node: cst.Import) -> None:
        for a in node.names:
            if a.asname is None:
                top = dotted(a.name).split(".")[0]
                self.bound.add(top)
                if top == self.name:
                    self.found.append((a.name, None))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        for a in node.names:
            if a.asname is None and isinstance(a.name, cst.Name):
                self._binds(a.name, None)


def stores_in(func: cst.FunctionDef, name: str) -> NameStores:
    """`NameStores` of `name` over the body of `func`."""
    visitor = NameStores(name)
    for st in block(func.body):
        st.visit(visitor)
    return visitor


def walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Every node under `node` (for small trees: libcst's `children` is slow)."""
    todo = [node]
    while todo:
        n = todo.pop()
        yield n
        todo.extend(n.children)


def _bodies(st: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The statements of a compound statement's blocks (if/elif/else, loops, try, with,
    match), not of a def or class."""
    todo: list[object] = [st]
    while todo:
        n = todo.pop()
        for field in ("body", "orelse", "handlers", "finalbody", "cases"):
            part = getattr(n, field, None)
            if part is None:
                continue
            if isinstance(part, Sequence):  # handlers, cases
                todo.extend(part)
            elif isinstance(part, cst.CSTNode) and not isinstance(part, cst.BaseSuite):
                todo.append(part)  # an `else`/`elif`/`finally` clause
            else:
                yield from block(part)


def statements_of(stmts: Sequence[cst.CSTNode], *, into_defs: bool) -> Iterator[cst.CSTNode]:
    """Every statement (small ones too) in `stmts` and the blocks of compound ones, and of
    functions and classes nested in them when `into_defs` (else a def or class is yielded
    but not entered). Statements only: no expression is walked."""
    todo = list(reversed(stmts))
    while todo:
        st = todo.pop()
        yield st
        if isinstance(st, cst.SimpleStatementLine | cst.SimpleStatementSuite):
            yield from st.body
        elif into_defs or not isinstance(st, cst.FunctionDef | cst.ClassDef):
            todo.extend(reversed(list(_bodies(st))))


def declared(func: cst.FunctionDef, kind: type[cst.Global | cst.Nonlocal]) -> set[str]:
    """The names `func` itself declares `global` (or `nonlocal`): statements of its own body,
    not of functions nested in it."""
    return {
        n.name.value
        for st in statements_of(block(func.body), into_defs=False)
        if isinstance(st, kind)
        for n in st.names
    }


def local_names(func: cst.FunctionDef, stores: NameStores) -> set[str]:
    """The function's parameters and the names it binds (but the name `stores` is of),
    which a reading of a value it assigns from outside the function would misread."""
    names = {p.name.value for p in all_params(func.params)} | stores.bound
    names.discard(stores.name)
    return names


def all_params(params: cst.Parameters) -> Iterator[cst.Param]:
    yield from params.posonly_params
    yield from params.params
    yield from params.kwonly_params
    if isinstance(params.star_arg, cst.Param):
        yield params.star_arg
    if params.star_kwarg is not None:
        yield params.star_kwarg


def names_in(node: cst.CSTNode) -> set[str]:
    return {n.value for n in walk(node) if isinstance(n, cst.Name)}

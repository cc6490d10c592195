"""CPython's verdict on source, for the project's target version, before libcst sees it.

libcst's parser accepts what CPython rejects (a truncated `\\U` escape, 2,000 nested brackets,
a 50,000-term `+` chain) and then crashes, recurses or runs for minutes on it; its positions for
a syntax error are not CPython's. So every piece of source is first compiled to an AST by CPython
(`check`): rejected, it is a syntax error at CPython's position with CPython's message; accepted,
it goes to libcst unless an expression in it is deeper than `MAX_DEPTH`, which no real code is
and which libcst's parse, code generation and metadata cannot follow (`Checked.deep`).

The target version is the project's (`target-version` in the configuration, else the lower bound
of `[project] requires-python`, else the running interpreter). Where the target is older than the
interpreter, CPython checks with `feature_version` (as far as it goes). Where it is newer, what
the running CPython rejects is read by libcst's parser, which knows newer syntax (PEP 695 type
parameters, PEP 701 f-strings, PEP 750 t-strings), and the constructs newer than the target are
refused by hand (`_newer_than`).
"""

from __future__ import annotations

import ast
import hashlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from types import FrameType
from typing import cast

from frontier_lint.lazy_regex import lazy_compile

Version = tuple[int, int]

RUNNING: Version = (sys.version_info[0], sys.version_info[1])
# Versions a target may name (`py37` ... `py314`, as ruff spells them).
OLDEST: Version = (3, 7)
NEWEST: Version = (3, 14)
# Deeper expressions are not handed to libcst: its parse takes seconds from about here (a
# 1,000-link subscript chain: 1.8 s; 3,000: 24 s) and its recursive code generation and
# position metadata fail far earlier. CPython itself stops near 3,000.
MAX_DEPTH = 1000
# Larger expressions are not handed to libcst either (counted in CPython's nodes, the walk that
# measures depth counting them): libcst's tree takes about 3 KB and 25 us to parse per CPython
# node, and the analysis walks it again, so a data table beside a launch (a 1.3 MB literal of
# 50,000 dict entries, 200,000 nodes: 1 GB and 15 s) costs more than a whole project. Only data
# is that large (the corpus's largest expressions that are not: under 13,000 nodes).
MAX_NODES = 50_000

_TARGET = lazy_compile(r"py3(\d{1,2})")


def parse_target(text: str) -> Version | None:
    """`"py312"` -> (3, 12); None for anything else or a version outside OLDEST..NEWEST."""
    m = _TARGET.fullmatch(text)
    if m is None:
        return None
    version = (3, int(m.group(1)))
    return version if OLDEST <= version <= NEWEST else None


def target_name(version: Version) -> str:
    return f"py{version[0]}{version[1]}"


_CLAUSE = lazy_compile(r"\s*(~=|===|==|>=|>|<=|<|!=)\s*v?(\d+)(?:\.(\d+))?")


def requires_python_floor(spec: str) -> Version | None:
    """The lowest Python a `requires-python` specifier admits (`">=3.10, <4"` -> (3, 10)), as
    ruff reads it; None when no clause gives a lower bound."""
    floor: Version | None = None
    for clause in spec.split(","):
        m = _CLAUSE.match(clause)
        if m is None or m.group(1) in ("<", "<=", "!="):
            continue
        version = (int(m.group(2)), int(m.group(3) or 0))
        if floor is None or version > floor:
            floor = version
    return floor


def project_target(root: Path, configured: str | None) -> Version:
    """The target version: configured, else `[project] requires-python` of the project root's
    pyproject.toml, else the running interpreter's."""
    if configured:
        got = parse_target(configured)
        if got is not None:
            return got
    try:
        data = _pyproject(root / "pyproject.toml")
    except (OSError, UnicodeDecodeError, ValueError):  # (TOMLDecodeError is a ValueError)
        return RUNNING
    project = data.get("project")
    spec = project.get("requires-python") if isinstance(project, dict) else None
    floor = requires_python_floor(spec) if isinstance(spec, str) else None
    if floor is None or floor[0] != 3:
        return RUNNING
    return min(max(floor, OLDEST), NEWEST)


def _pyproject(path: Path) -> dict[str, object]:
    """The parsed pyproject.toml (remembered per content: no TOML parser on the runs after)."""
    from frontier_lint.settings.memo import remembered

    data = path.read_bytes()

    def parse() -> dict[str, object]:
        import tomllib

        # (universal newlines, as `read_text` reads)
        return tomllib.loads(data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))

    found = remembered("pyproject", str(path), data, parse)
    return found if isinstance(found, dict) else {}


@dataclass(frozen=True)
class Rejection:
    """Where and why CPython rejects a text (1-based line and column, in the text)."""

    line: int
    column: int
    message: str


class Refusal(Enum):
    """Why an expression CPython accepts is not handed to libcst."""

    DEEP = f"expression too deep (more than {MAX_DEPTH} levels)"
    LARGE = f"expression too large (more than {MAX_NODES} nodes)"


@dataclass(frozen=True)
class Checked:
    """CPython's verdict: `rejected`, or accepted with `deep` set to where an expression is
    deeper than MAX_DEPTH or larger than MAX_NODES (1-based line and column; `why` says
    which), or plainly accepted."""

    rejected: Rejection | None = None
    deep: tuple[int, int] | None = None
    why: Refusal = Refusal.DEEP


_FINE = Checked()
# Texts already found fine, by digest and target: an editor's re-run, and the syntax check of a
# launching file after the analysis parsed some of its statements, compile only what is new.
_SEEN: dict[str, Checked] = {}
_SEEN_MAX = 200_000


def _key(text: str, target: Version) -> str:
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return digest + target_name(target)


def check(text: str, target: Version = RUNNING) -> Checked:
    """CPython's verdict on `text` (a module or a run of whole statements) for `target`."""
    key = _key(text, target)
    got = _SEEN.get(key)
    if got is not None:
        return got
    return check_tree(text, target, key)[0]


def check_tree(
    text: str, target: Version = RUNNING, key: str | None = None
) -> tuple[Checked, ast.Module | None]:
    """`check`, compiling even a text already found fine, and CPython's tree of the text when
    it has one (None when rejected, or accepted by the newer-syntax reader). For a question a
    tree answers without libcst; the verdict is remembered as `check`'s."""
    tree, rejected = _compile(text, target)
    if rejected is None and tree is None:
        return _FINE, None  # accepted by the newer-syntax reader: no CPython tree to measure
    if rejected is not None:
        return Checked(rejected=rejected), None
    assert tree is not None
    refused = _deep_at(tree, text) if len(text) > MAX_DEPTH // 2 else None
    got = Checked(deep=refused[:2], why=refused[2]) if refused is not None else _FINE
    if len(_SEEN) >= _SEEN_MAX:
        _SEEN.clear()
    _SEEN[key or _key(text, target)] = got
    return got, tree


# Texts CPython accepted whose depth was not measured (`rejection`): `check` still compiles
# them to measure it before libcst may see them.
_ACCEPTED: set[str] = set()


def rejection(text: str, target: Version = RUNNING) -> Rejection | None:
    """CPython's rejection of `text` for `target`, if any: `check` without the depth walk, for
    the syntax gate, which reports syntax errors only and hands nothing to libcst."""
    key = _key(text, target)
    if key in _SEEN or key in _ACCEPTED:
        return None  # (only accepted texts are remembered)
    tree, rejected = _compile(text, target)
    if tree is not None:
        if len(_ACCEPTED) >= _SEEN_MAX:
            _ACCEPTED.clear()
        _ACCEPTED.add(key)
    return rejected


def accepted_keys(texts: Iterable[str], target: Version = RUNNING) -> list[str] | None:
    """The keys of `texts`, if each is remembered as accepted for `target` (by `rejection` or
    `check`), without compiling anything: None at the first one that is not. For a verdict
    taken in a forked child (`remember_accepted` in the parent) or to tell that a file's
    statements were each accepted on their own (`blocks.saved_blocks`)."""
    keys: list[str] = []
    for text in texts:
        key = _key(text, target)
        if key not in _SEEN and key not in _ACCEPTED:
            return None
        keys.append(key)
    return keys


def remember_accepted(keys: Iterable[str]) -> None:
    """Note texts CPython accepted elsewhere (`accepted_keys` in a forked child) as
    `rejection` notes the ones it accepts here."""
    for key in keys:
        if len(_ACCEPTED) >= _SEEN_MAX:
            _ACCEPTED.clear()
        _ACCEPTED.add(key)


def check_expression(text: str, target: Version = RUNNING) -> bool:
    """Whether CPython accepts `text` as one expression (a string annotation), not too deep."""
    try:
        tree = compile(text, "<annotation>", "eval", ast.PyCF_ONLY_AST, dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return target > RUNNING and check(f"({text})\n", target).rejected is None
    body = cast(ast.Expression, tree).body  # "eval" mode gives the Expression (typeshed: ast.AST)
    return len(text) <= MAX_DEPTH // 2 or _refused(body) is None


def _compile(text: str, target: Version) -> tuple[ast.Module | None, Rejection | None]:
    try:
        return _parse(text, target), None
    except SyntaxError as exc:
        first = Rejection(exc.lineno or 1, exc.offset or 1, exc.msg or "invalid syntax")
        if target > RUNNING and not _HARD_LIMIT.search(first.message):
            return None, _newer_syntax(text, target, first)
        return None, first
    except RecursionError:
        return _at_top_level(text, target)
    except (ValueError, MemoryError) as exc:
        return None, Rejection(1, 1, str(exc).split("\n")[0] or type(exc).__name__)


def _parse(text: str, target: Version) -> ast.Module:
    if target < RUNNING:
        return ast.parse(text, feature_version=target)
    # compile(), not ast.parse(): one frame less on the stack CPython measures the depth from.
    # typeshed types its result ast.AST; in "exec" mode it is the Module.
    tree = compile(text, "<source>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    return cast(ast.Module, tree)


def _at_top_level(text: str, target: Version) -> tuple[ast.Module | None, Rejection | None]:
    """CPython's AST construction stops at a depth that shrinks with the caller's own stack: a
    check made deep inside the analysis is given the room a top-level compile has."""
    depth = 0
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    old = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(old + depth)
        return _parse(text, target), None
    except RecursionError:
        return None, Rejection(1, 1, "too deeply nested for CPython (maximum recursion depth)")
    except SyntaxError as exc:
        return None, Rejection(exc.lineno or 1, exc.offset or 1, exc.msg or "invalid syntax")
    except (ValueError, MemoryError) as exc:
        return None, Rejection(1, 1, str(exc).split("\n")[0] or type(exc).__name__)
    finally:
        sys.setrecursionlimit(old)


# Limits of CPython's tokenizer and parser that no newer version lifts.
_HARD_LIMIT = lazy_compile(r"too many|too deeply|too complex|null bytes|unicode error")


def _newer_syntax(text: str, target: Version, first: Rejection) -> Rejection | None:
    """The target is newer than this interpreter, which rejects `text`: libcst's parser (which
    knows newer syntax) reads it, and what is newer than the target is refused. A rejection
    keeps CPython's message and position (libcst's positions are rough)."""
    if _bracket_depth(text) > 200:  # CPython's tokenizer limit; libcst's parser overflows
        return Rejection(first.line, first.column, "too many nested parentheses")
    import libcst as cst

    from frontier_lint.frontend.parsing import parse_module

    try:
        module = parse_module(text if text.endswith("\n") else text + "\n")
    except (cst.ParserSyntaxError, RecursionError, ValueError, TypeError):
        return first
    newer = _newer_than(module, target)
    if newer is not None:
        return Rejection(first.line, first.column, f"{newer} (target {target_name(target)})")
    return None


_BRACKETS = lazy_compile(r"""\#[^\n]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|([(\[{])|[)\]}]""")


def _bracket_depth(text: str) -> int:
    deepest = depth = 0
    for m in _BRACKETS.finditer(text):
        if m.group(1):
            depth += 1
            deepest = max(deepest, depth)
        elif m.group(0) in ")]}":
            depth = max(depth - 1, 0)
    return deepest


def _newer_than(module: object, target: Version) -> str | None:
    """The first construct in a libcst tree that needs a Python newer than `target`."""
    import libcst as cst

    from frontier_lint.frontend.syntax import children

    stack: list[cst.CSTNode] = [module]  # type: ignore[list-item]
    while stack:
        node = stack.pop()
        kind = type(node)
        if target < (3, 12) and kind in (cst.TypeAlias, cst.TypeParameters):
            return "type parameters and `type` statements need Python 3.12"
        if target < (3, 13) and kind is cst.TypeParam and node.default is not None:  # type: ignore[attr-defined]
            return "type parameter defaults need Python 3.13"
        if target < (3, 14) and kind is cst.TemplatedString:
            return "template strings need Python 3.14"
        if (
            target < (3, 14)
            and kind in (cst.ExceptHandler, cst.ExceptStarHandler)
            and isinstance(node.type, cst.Tuple)  # type: ignore[attr-defined]
            and not node.type.lpar  # type: ignore[attr-defined]
        ):
            return "several exception types without parentheses need Python 3.14"
        if kind is cst.SimpleString:
            try:
                node.evaluated_value  # type: ignore[attr-defined]  # noqa: B018
            except (SyntaxError, ValueError) as exc:
                return f"invalid string literal: {exc}"
        stack.extend(children(node))
    return None


_NEWLINE = lazy_compile(r"\r\n|\r|\n")


def _deep_at(tree: ast.Module, text: str) -> tuple[int, int, Refusal] | None:
    """Where an expression of `tree` is deeper than MAX_DEPTH or larger than MAX_NODES, if
    anywhere, and which.

    Depth needs at least as many characters, so only the nodes longer than MAX_DEPTH // 2
    characters are looked into (a function's, a class's, a long statement's); an expression that
    long is measured in full. Most of a module is never walked."""
    starts: list[int] = []
    limit = MAX_DEPTH // 2

    def at(line: int, col: int) -> int:
        if not starts:  # CPython's lines: `\r\n`, `\r` and `\n` end one
            if "\r" in text:
                starts.extend([0, *(m.end() for m in _NEWLINE.finditer(text))])
            else:  # (the same offsets, from C-level iterators)
                from frontier_lint.scan.chunks import line_starts

                starts.extend(line_starts(text))
        return starts[min(max(line, 1), len(starts)) - 1] + col

    def long(node: ast.AST) -> bool:
        line = getattr(node, "lineno", None)
        if line is None:
            return True  # no position (`arguments`, `withitem`, `match_case`): look inside
        end = getattr(node, "end_lineno", None) or line
        col, end_col = getattr(node, "col_offset", 0), getattr(node, "end_col_offset", 0) or 0
        if line == end:
            return end_col - col > limit
        # (Columns are UTF-8 bytes: at least the characters, so a length is never short.)
        return at(end, end_col) - at(line, col) > limit

    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if not long(child):
                continue
            if isinstance(child, ast.expr):
                why = _refused(child, text)
                if why is not None:
                    return child.lineno, child.col_offset + 1, why  # where the expression starts
            else:
                stack.append(child)
    return None


def _refused(root: ast.AST, text: str = "") -> Refusal | None:
    """Whether a node lies more than MAX_DEPTH levels below `root` in libcst's tree, or `root`
    has more than MAX_NODES nodes (walked in a loop, each node once). CPython keeps some chains
    flat that libcst nests one level per term: `a or b or ...` is one `BoolOp` (libcst: a
    `BooleanOperation` per `or`), and adjacent string literals are one constant (libcst: a
    `ConcatenatedString` per literal)."""
    stack: list[tuple[ast.AST, int]] = [(root, 0)]
    nodes = 0
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return Refusal.DEEP
        nodes += 1
        if nodes > MAX_NODES:
            return Refusal.LARGE
        if isinstance(node, ast.BoolOp):
            last = len(node.values)  # the first operand is the deepest
            stack.extend((v, depth + last - i) for i, v in enumerate(node.values))
            continue
        literal = isinstance(node, ast.Constant | ast.JoinedStr) and text
        if literal and depth + _adjacent_literals(node, text) > MAX_DEPTH:
            return Refusal.DEEP
        stack.extend((c, depth + 1) for c in ast.iter_child_nodes(node))
    return None


_STRING_START = lazy_compile(r"""(?<![\w'"])[rRbBuUfF]{0,2}('|")""")


def _adjacent_literals(node: ast.AST, text: str) -> int:
    """How many string literals a constant is written as, for one longer than MAX_DEPTH
    characters (only those can hold enough of them): an upper bound, the quotes that could open
    one. Shorter ones are answered from their position alone."""
    line, col = getattr(node, "lineno", 0), getattr(node, "col_offset", 0)
    end, end_col = getattr(node, "end_lineno", None), getattr(node, "end_col_offset", 0)
    if end is None or (line == end and end_col - col <= MAX_DEPTH):
        return 0
    lines = _NEWLINE.split(text)  # CPython's lines; rare: a long constant
    segment = "\n".join(lines[line - 1 : end])
    if len(segment) <= MAX_DEPTH:
        return 0
    return len(_STRING_START.findall(segment)) // 2

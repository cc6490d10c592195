"""Parse the parts of a module that the analysis needs, with libcst, on demand.

A `SourceFile` parses one top-level statement (a chunk) at a time, the first time the analysis
asks for it, and keeps the positions of its nodes. When a chunk does not parse on its own (the
chunk scan guessed a boundary wrong) the whole module is parsed once and the chunks are rebuilt
from its real statements; when the module itself does not parse, `ParseFailure` says where.
"""

from __future__ import annotations

import ast
import functools
import weakref
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

import libcst as cst

from frontier_lint.findings import Hop
from frontier_lint.frontend import grammar
from frontier_lint.frontend.project import ParseFailure, ReadLog, TooDeep
from frontier_lint.frontend.syntax import CODE_TYPES, children, code_fields
from frontier_lint.frontend.trivia import sharing
from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.scan.chunks import (
    Chunk,
    line_starts,
    lines_between,
    split_chunks,
    triple_string_spans,
)
from frontier_lint.scan.prefilter import Mentions, code_lines


@dataclass(frozen=True, slots=True)
class Span:
    """A source range: 1-based lines and columns."""

    line: int  # 1-based
    column: int  # 1-based
    end_line: int
    end_column: int


class Piece:
    """A parsed stretch of a module: libcst nodes plus their positions in the real file.

    Positions come from CPython's `ast` for calls, definitions and assignments (a C parse of the
    piece, matched to libcst's nodes in source order) and from libcst's position metadata, which
    costs about as much as the libcst parse itself, only for anything else.
    """

    __slots__ = (
        "_asked",
        "_ast_spans",
        "_code_places",
        "_places",
        "_positions",
        "_text",
        "key",
        "line_map",
        "line_offset",
        "module",
        "stand_ins",
    )

    def __init__(
        self,
        module: cst.Module,
        line_offset: int,
        text: str | Callable[[], str] = "",
        line_map: Sequence[int] | None = None,
        key: tuple[object, ...] = (),
    ) -> None:
        self.module = module
        self.line_offset = line_offset
        # What the piece is in its file ((path, kind, first line)): the same for a parse again
        # of the same text, unlike the piece's or its nodes' identities (`node_key`).
        self.key = key
        # The text parsed, or how to make it again (`text`).
        self._text = text
        # The file line (1-based) of each piece line, when lines were left out of the piece
        # (a class skeleton without its methods); otherwise piece line + line_offset.
        self.line_map = line_map
        self._positions: dict[cst.CSTNode, object] | None = None
        self._ast_spans: dict[int, int] | None = None  # (`_ast_spans`: packed spans)
        # Nodes the resolver made (a module-level lambda's stand-in `def`) -> the node of this
        # piece whose position they have.
        self.stand_ins: dict[int, cst.CSTNode] = {}
        # `node_key`'s tables, made on first use: each code node's place in the tree (preorder),
        # and each stand-in node's (the code text, its place in that text's tree).
        self._places: dict[int, int] | None = None
        self._code_places: dict[int, tuple[str, int]] | None = None
        # Places found by a walk before the table is made (`_place`): the nodes asked for, and
        # the walks made (the table is made at `_WALKS_BEFORE_TABLE`).
        self._asked: tuple[dict[int, int], list[int]] | None = None

    @property
    def text(self) -> str:
        """The text parsed. A piece of a module's lines makes it again from the module when
        asked for (positions of the few sites and hops a report shows, `span`), rather than
        keeping a copy of every parsed statement's lines all run long (2.4 MB of the corpus's
        peak)."""
        text = self._text
        if isinstance(text, str):
            return text
        try:
            return text()
        except ParseFailure:
            # (The file changed during the run: positions come from the tree alone.)
            return ""

    def file_line(self, line: int) -> int:
        """The file line of 1-based piece line `line`."""
        if self.line_map is None:
            return line + self.line_offset
        if 0 < line <= len(self.line_map):
            return self.line_map[line - 1]
        return self.line_map[-1] if self.line_map else self.line_offset + 1

    def node_key(self, node: cst.CSTNode) -> tuple[object, ...]:
        """A key for `node` that does not depend on its identity: the piece's key and the
        node's place in its tree (a parse again of the same text gives the same key, where a
        freed node's `id` may be given to any new node). A node of code run by `exec` (a
        stand-in) is the call's key, the code's text and its place in that text's tree. A node
        of no tree of the piece's is keyed by its identity, as before."""
        got = self.placed(node)
        return (*self.key, "node", id(node)) if got is None else got

    def placed(self, node: cst.CSTNode) -> tuple[object, ...] | None:
        """`node_key`'s key of a node of one of the piece's trees (None: of none of them)."""
        at = self._place(node)
        if at is not None:
            return (*self.key, at)
        call = self.stand_ins.get(id(node))
        code = self._code_places.get(id(node)) if self._code_places is not None else None
        if call is not None and code is not None:
            return (*self.node_key(call), *code)
        return None

    def _place(self, node: cst.CSTNode) -> int | None:
        """The node's place in the piece's tree (preorder over code nodes), None if it is not
        in it. A piece asked about a few nodes (a deferred call's, a constructor call's: what
        `values.shape` keys) walks to each; one asked about more makes the table of every node
        (a dict entry per node, kept as long as the piece: the corpus's peak held them for
        every piece a shaped value named)."""
        places = self._places
        if places is not None:
            return places.get(id(node))
        asked = self._asked
        if asked is None:
            asked = self._asked = ({}, [0])
        got = asked[0].get(id(node))  # (a node found is the tree's: its id stays its own)
        if got is not None:
            return got
        if asked[1][0] >= _WALKS_BEFORE_TABLE:
            places = self._places = _places(self.module)
            self._asked = None
            return places.get(id(node))
        asked[1][0] += 1
        got = _place_of(self.module, node)
        if got is not None:
            asked[0][id(node)] = got
        return got

    def add_code(self, module: cst.Module, call: cst.CSTNode, text: str) -> None:
        """The nodes of `text`, parsed from a string a call runs (`exec`, `eval`), stand in
        for `call`: they have its position (`span`) and keys under its key (`node_key`)."""
        stand_ins = self.stand_ins
        code = self._code_places
        if code is None:
            code = self._code_places = {}
        todo: list[cst.CSTNode] = [module]
        at = 0
        while todo:
            n = todo.pop()
            stand_ins[id(n)] = call
            code[id(n)] = (text, at)
            at += 1
            todo.extend(children(n))

    def span(self, node: cst.CSTNode) -> Span:
        node = self.stand_ins.get(id(node), node)
        if isinstance(node, _AST_KINDS) and self._text:
            if self._ast_spans is None:
                text = self.text
                self._ast_spans = _ast_spans(self.module, text, self.file_line) if text else {}
            got = self._ast_spans.get(id(node))
            if got is not None:
                return Span(got >> 96, (got >> 64) & _MASK, (got >> 32) & _MASK, got & _MASK)
        if self._positions is None:
            from libcst.metadata import MetadataWrapper, PositionProvider

            try:
                wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
                self._positions = dict(wrapper.resolve(PositionProvider))
            except RecursionError:  # libcst's visitor recurses: a deep expression stops it
                self._positions = {}
        rng = self._positions.get(node)
        if rng is None:
            return Span(self.file_line(1), 1, self.file_line(1), 1)
        start, end = rng.start, rng.end  # type: ignore[attr-defined]
        return Span(
            self.file_line(start.line), start.column + 1, self.file_line(end.line), end.column + 1
        )

    def code(self, node: cst.CSTNode) -> str:
        try:
            return self.module.code_for_node(node)
        except RecursionError:
            # libcst's code generation recurses: a deep expression is shown from the source.
            span = self.span(node)
            if span.line == span.end_line and span.column == span.end_column:
                return f"({type(node).__name__} too deep to show)"
            return self._source_between(span)

    def _source_between(self, span: Span) -> str:
        """The piece's text within a span (file lines mapped back to piece lines)."""
        lines = self.text.split("\n")
        first = next((i for i in range(len(lines)) if self.file_line(i + 1) == span.line), 0)
        last = next(
            (i for i in range(first, len(lines)) if self.file_line(i + 1) == span.end_line),
            first,
        )
        if first == last:
            return lines[first][span.column - 1 : span.end_column - 1]
        return "\n".join(
            [
                lines[first][span.column - 1 :],
                *lines[first + 1 : last],
                lines[last][: span.end_column - 1],
            ]
        )


_AST_KINDS = (cst.Call, cst.FunctionDef, cst.Assign, cst.AnnAssign, cst.AugAssign)
# The ast nodes a libcst node kind is paired with: statements and expressions, which have spans.
_AST_OF: dict[type[cst.CSTNode], tuple[type[ast.stmt | ast.expr], ...]] = {
    cst.Call: (ast.Call,),
    cst.FunctionDef: (ast.FunctionDef, ast.AsyncFunctionDef),
    cst.Assign: (ast.Assign,),
    cst.AnnAssign: (ast.AnnAssign,),
    cst.AugAssign: (ast.AugAssign,),
}
# libcst fields whose declaration order differs from source order.
_SOURCE_ORDER = {
    cst.FunctionDef: ("decorators", "name", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "bases", "keywords", "body"),
    cst.IfExp: ("body", "test", "orelse"),
    cst.ExceptHandler: ("type", "name", "body"),
    cst.ExceptStarHandler: ("type", "name", "body"),
    cst.Parameters: ("posonly_params", "params", "star_arg", "kwonly_params", "star_kwarg"),
}
_FIELD_CACHE: dict[type, tuple[str, ...]] = {}
_AST_KIND: dict[type[ast.AST], type[cst.CSTNode]] = {
    a: k for k, asts in _AST_OF.items() for a in asts
}


def _fields_in_order(node: cst.CSTNode) -> tuple[str, ...]:
    cls = type(node)
    # Whitespace, brackets, punctuation and operator tokens hold no calls, definitions or
    # assignments (`syntax.children` skips the same fields).
    names = _SOURCE_ORDER.get(cls) or code_fields(cls)
    _FIELD_CACHE[cls] = names
    return names


def _ast_spans(module: cst.Module, text: str, file_line: Callable[[int], int]) -> dict[int, int]:
    """Positions of calls, defs and assignments, pairing libcst and ast nodes in source order.
    Each span is one int of four 32-bit fields (line, column, end line, end column: `span`
    unpacks the few asked for), not a `Span` and its ints: a piece's every call is placed
    when one is asked about (1.3 MB of the corpus's peak as `Span`s)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    by_kind: dict[type[cst.CSTNode], list[ast.stmt | ast.expr]] = {k: [] for k in _AST_OF}
    # `ast.walk`'s order (breadth first), without its generators.
    queue: list[ast.AST] = [tree]
    for n in queue:
        kind = _AST_KIND.get(type(n))
        if kind is not None and isinstance(n, ast.stmt | ast.expr):
            by_kind[kind].append(n)
        for name in n._fields:
            v = getattr(n, name, None)
            if type(v) is list:
                queue.extend([x for x in v if isinstance(x, ast.AST)])
            elif isinstance(v, ast.AST):
                queue.append(v)
    ours: dict[type[cst.CSTNode], list[cst.CSTNode]] = {k: [] for k in _AST_OF}
    # One loop over the piece's code nodes in source order (no call per node: a big function
    # has tens of thousands), not entering whitespace and punctuation.
    stack: list[cst.CSTNode] = [module]
    code = CODE_TYPES
    while stack:
        node = stack.pop()
        cls = type(node)
        found = ours.get(cls)
        if found is not None:
            found.append(node)
        names = _FIELD_CACHE.get(cls)
        if names is None:
            names = _fields_in_order(node)
        kids: list[cst.CSTNode] = []
        for name in names:
            v = getattr(node, name, None)
            if type(v) is tuple or type(v) is list:
                kids += [x for x in v if code[type(x)]]
            elif v is not None and code[type(v)]:
                kids.append(v)
        kids.reverse()
        stack.extend(kids)
    lines = text.split("\n")
    spans: dict[int, int] = {}
    for kind, nodes in ours.items():
        theirs = sorted(
            by_kind[kind],
            key=lambda a: (a.lineno, a.col_offset, -(a.end_lineno or 0), -(a.end_col_offset or 0)),
        )
        if len(theirs) != len(nodes):
            continue  # the two parsers disagree here: leave it to libcst's metadata
        for ours_n, a in zip(nodes, theirs, strict=True):
            if kind is cst.Call and not _same_callee(ours_n, a):
                break
            line, end_line = a.lineno, a.end_lineno or a.lineno
            col = _char_col(lines, line, a.col_offset)
            end_col = _char_col(lines, end_line, a.end_col_offset or 0)
            first, last = file_line(line), file_line(end_line)
            if max(first, last, col, end_col) < _MASK:  # (else libcst's metadata places it)
                spans[id(ours_n)] = first << 96 | (col + 1) << 64 | last << 32 | end_col + 1
    return spans


def _places(module: cst.Module) -> dict[int, int]:
    """Each code node of a tree (`children`) by identity -> its place in preorder."""
    places: dict[int, int] = {}
    stack: list[cst.CSTNode] = [module]
    while stack:
        node = stack.pop()
        places.setdefault(id(node), len(places))
        kids = children(node)
        kids.reverse()
        stack.extend(kids)
    return places


def _place_of(module: cst.Module, node: cst.CSTNode) -> int | None:
    """`_places(module).get(id(node))`, by a walk that stops at the node."""
    places: dict[int, int] = {}
    target = id(node)
    stack: list[cst.CSTNode] = [module]
    while stack:
        n = stack.pop()
        at = places.setdefault(id(n), len(places))
        if id(n) == target:
            return at
        kids = children(n)
        kids.reverse()
        stack.extend(kids)
    return None


_WALKS_BEFORE_TABLE = 4
_MASK = (1 << 32) - 1


def _same_callee(node: cst.CSTNode, a: ast.stmt | ast.expr) -> bool:
    func = getattr(node, "func", None)
    theirs = getattr(a, "func", None)
    if isinstance(func, cst.Name) and isinstance(theirs, ast.Name):
        return func.value == theirs.id
    if isinstance(func, cst.Attribute) and isinstance(theirs, ast.Attribute):
        return func.attr.value == theirs.attr
    return type(func).__name__ == type(theirs).__name__ or not isinstance(
        func, cst.Name | cst.Attribute
    )


def _char_col(lines: list[str], line: int, byte_col: int) -> int:
    """ast columns are UTF-8 byte offsets; libcst's (and editors') are characters."""
    if not 0 < line <= len(lines):
        return byte_col
    text = lines[line - 1]
    if text.isascii():
        return byte_col
    return len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="replace"))


@dataclass(frozen=True, eq=False, slots=True)
class LazyHop:
    """A trace hop whose position is looked up only if a finding ends up showing it.

    Positions need libcst's position metadata for the whole piece, which costs about as much as
    the parse; most values the resolver builds are never reported. `note` may contain `{line}`
    and `{code}` (the source of `code_node`), filled in on `resolve`.
    """

    path: str
    piece: Piece
    node: cst.CSTNode
    note: str
    code_node: cst.CSTNode | None = None

    def resolve(self) -> Hop:
        span = self.piece.span(self.node)
        code = ""
        if self.code_node is not None:
            code = " ".join(self.piece.code(self.code_node).split())
            if len(code) > 120:
                code = code[:117] + "..."
        note = self.note.replace("{line}", str(span.line)).replace("{code}", code)
        return Hop(self.path, span.line, span.column, note)


@dataclass(frozen=True, eq=False, slots=True)
class SiteRef:
    """A call where something may be reported, resolved to a position on demand."""

    path: str
    piece: Piece
    node: cst.CSTNode
    function: str

    def resolve(self) -> tuple[Span, str]:
        span = self.piece.span(self.node)
        return span, " ".join(self.piece.code(self.node).split())

    def span(self) -> Span:
        """Where the call is, without its text: generating a call's code costs its size
        (pdm's wrapper rounds spent a fifth of the run writing out calls whose text each
        round's comparison dropped)."""
        return self.piece.span(self.node)


def resolve_hop(h: Hop | LazyHop) -> Hop:
    return h.resolve() if isinstance(h, LazyHop) else h


@dataclass(frozen=True, slots=True)
class Member:
    """A statement of a class body found by indentation: a method or anything else."""

    name: str
    kind: str  # "def" | "other"
    start: int  # 0-based first line (decorators included)
    end: int  # exclusive


_MEMBER_DEF = lazy_compile(r"(?:async[ \t]+)?def[ \t]+(\w+)")


def _unchecked(self: cst.CSTNode) -> None:
    pass


def parse_module(text: str) -> cst.Module:
    """libcst's parser without its per-node validation.

    libcst checks every node it builds (`CSTNode.__post_init__`): 12 % of the parse time on the
    corpus, redundant for the parser's own output, and it has rejected valid code (LibCST#1061:
    `x = () if 0 else(lambda:())` raises TypeError). Switched off for the parse only: nodes
    built elsewhere are still checked. Layout nodes are shared between trees (`trivia`)."""
    checked = cst.CSTNode.__post_init__
    cst.CSTNode.__post_init__ = _unchecked  # type: ignore[method-assign]
    try:
        with sharing():
            return cst.parse_module(text)
    finally:
        cst.CSTNode.__post_init__ = checked  # type: ignore[method-assign]
        if len(text) >= GIVE_BACK_AFTER:
            _give_back()


# libcst's native parser takes ~1.3 KB of C heap per character parsed, all freed once the
# tree is built; the C allocator keeps what it freed, so one large text (a 530-line test
# function sympy's analysis runs for its `eval`: 16 KB, 21 MB) stayed in the process all run
# long (sympy's peak RSS 75 -> 63 MB; 39 parses of the corpus: 3 MB). After a parse of at
# least this many characters the heap's free pages are given back to the system (glibc's
# `malloc_trim`; elsewhere nothing is done).
GIVE_BACK_AFTER = 8192


@functools.cache  # (looked up on first use)
def _trimmer() -> Callable[[int], int] | None:
    import ctypes

    try:  # (the process's own symbols: glibc's, where it has them)
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return cast("Callable[[int], int]", trim)


def _give_back() -> None:
    trim = _trimmer()
    if trim is not None:
        trim(0)


# Import statements by their text, parsed once (`_parse_import`): the same few (`import os`,
# `import subprocess`) open most files, and each libcst parse has a fixed cost (the corpus
# parsed 827 such texts again, 2,780 the launch-dense project).
_IMPORTS: dict[str, cst.Module] = {}
_IMPORTS_MAX = 2048  # texts kept (then all let go: a bound on memory, not a cost)
_IMPORT_TEXT_MAX = 512  # characters: a longer text is seldom met again


def _parse_import(text: str) -> cst.Module:
    """`parse_module` of a chunk that starts with an import (`Chunk.kind`); a text of import
    statements only is parsed once and its module shared by every file holding the same text.

    The parse depends on the text alone; what depends on the file (where the statements are,
    their positions) is its `Piece`'s, made per file around the shared nodes. Only imports are
    shared: their nodes are read by the analysis, never keyed with anything of one file's (a
    function's body statements are found by identity: `models.cli_args`)."""
    got = _IMPORTS.get(text)
    if got is not None:
        return got
    module = parse_module(text)
    if len(text) <= _IMPORT_TEXT_MAX and all(
        isinstance(st, cst.SimpleStatementLine)
        and all(isinstance(s, cst.Import | cst.ImportFrom) for s in st.body)
        for st in module.body
    ):
        if len(_IMPORTS) >= _IMPORTS_MAX:
            _IMPORTS.clear()
        _IMPORTS[text] = module
    return module


class _TextAgain:
    """How a piece makes its text again from its module (`Piece.text`). The module is held
    weakly: a piece outlives its run in the bounded memo tables of values and hops, and must
    not keep the run's whole source (text, trees) alive with it (a language server, or tests,
    run many lints in one process). Once the module is gone, the text is not known and
    positions come from the tree alone."""

    __slots__ = ("_args", "_make", "_source")

    def __init__(self, source: SourceFile, make: Callable[..., str], *args: object) -> None:
        self._source = weakref.ref(source)
        self._make = make
        self._args = args

    def __call__(self) -> str:
        source = self._source()
        if source is None:
            raise ParseFailure("", 1, 1, "the module was let go")
        return self._make(source, *self._args)


class SourceFile:
    """One project file: its text, its chunks, and the statements parsed so far.

    Every text is checked by CPython for the target version before libcst parses it
    (`grammar.check`): a rejection is a `ParseFailure` at CPython's position with CPython's
    message, an expression too deep for libcst a `TooDeep`."""

    def __init__(
        self,
        path: str,
        text: str,
        target: grammar.Version = grammar.RUNNING,
        log: ReadLog | None = None,
        reread: Callable[[str], str] | None = None,
    ) -> None:
        self.path = path
        self._text: str | None = text
        # How to read the text again once it was let go (`let_go`): None, never let go.
        self._reread = reread
        # What the text read again must be (`text`): its length, and its hash once let go.
        self._length = len(text)
        self._hash = 0
        self.rereads = 0  # times the text was read again (a cost: `Project.KEEP_TEXT`)
        self.target = target
        # Where what the analysis reads of the text is noted (`ReadLog`); a private one when
        # no project keeps it. (Every accessor of a chunk's lines notes the chunk; a reader of
        # `text` itself is a byte scan whose words the cache's gates cover: see `run.blocks`.)
        self._log = log if log is not None else ReadLog()
        self._failure: ParseFailure | None = None  # the whole module's, once it was tried
        self._chunks: list[Chunk] | None = None
        self._chunk_starts: array[int] | None = None  # (`chunk_at_line`)
        self._parsed: dict[int, tuple[Sequence[cst.BaseStatement], Piece]] = {}
        self._full: bool = False
        self._starts: array[int] | None = None
        # Class chunk index -> its members (`members`): the class's summary and the search for
        # shadowed methods both ask for them.
        self._members: dict[int, list[Member] | None] = {}

    @property
    def text(self) -> str:
        """The module's text: kept, or read again from the file if it was let go (`let_go`).

        Read again, it must be the text that was let go (the chunks, line starts and pieces
        made of it stay): a file changed during the run is a `ParseFailure` of its module, so
        what the analysis would read of it is unknown (fail closed), never a mix of two texts."""
        text = self._text
        if text is None:
            assert self._reread is not None  # (only a text that can be read again is let go)
            self.rereads += 1
            try:
                text = self._reread(self.path)
            except ParseFailure:
                text = None
            if text is None or len(text) != self._length or hash(text) != self._hash:
                raise ParseFailure(self.path, 1, 1, "the file changed while it was analysed")
            self._text = text
        return text

    def let_go(self) -> None:
        """Drop the text (read again if asked for): a project's texts would otherwise stay in
        memory all run long, while most modules are read in a stretch and seldom after."""
        if self._reread is not None and self._text is not None:
            self._hash = hash(self._text)  # (what the text read again is checked against)
            self._text = None

    @property
    def held_text(self) -> str | None:
        """The text if it is kept (never reads it again)."""
        return self._text

    def has_text(self, text: str) -> bool:
        """Whether `text` is this module's text (without reading it again when it was let
        go: the same length and hash, what a text read again is checked against)."""
        if self._text is not None:
            return self._text == text
        return len(text) == self._length and hash(text) == self._hash

    @property
    def starts(self) -> array[int]:
        """Offset of every line's first character (one entry per `text.split("\n")` item).

        An array, not a list of lines: a project's sources stay in memory all run long (of
        4-byte offsets where they fit)."""
        if self._starts is None:
            self._starts = array("I" if self._length < 1 << 32 else "q", line_starts(self.text))
        return self._starts

    def line_of(self, offset: int) -> int:
        """0-based line of a character offset."""
        return bisect_right(self.starts, offset) - 1

    def line_text(self, start: int, end: int) -> str:
        """Lines [start, end) joined by newlines (`"\n".join(lines[start:end])`): the chunks
        holding them count as read."""
        if start < end:
            first, last = self.chunk_at_line(start), self.chunk_at_line(end - 1)
            for i in range(first, last + 1):
                self._log.read(self.path, i)
        return lines_between(self.text, self.starts, start, end)

    def unnoted_text(self, start: int, end: int) -> str:
        """`line_text` for a reader whose answer the cache checks again itself (CPython's
        verdict on the file's statements, `run.syntax`): the chunks do not count as read."""
        return lines_between(self.text, self.starts, start, end)

    def line(self, index: int) -> str:
        return self.line_text(index, index + 1)

    @property
    def chunks(self) -> list[Chunk]:
        if self._chunks is None:
            self._chunks = split_chunks(self.text, self.starts)
        return self._chunks

    def seed(self, chunks: list[Chunk], starts: Sequence[int]) -> None:
        """The chunks and line starts of this text as a scan elsewhere split it (the same
        `split_chunks` of the same text), where not computed yet."""
        if self._chunks is None and self._starts is None:
            self._starts = array("I" if self._length < 1 << 32 else "q", starts)
            self._chunks = chunks

    @property
    def split(self) -> tuple[list[Chunk], array[int]] | None:
        """The chunks and line starts, if they were computed (never computes them): the
        cache's blocks are made of them at save (`run.blocks.saved_blocks`)."""
        if self._chunks is None or self._starts is None:
            return None
        return self._chunks, self._starts

    def code_lines(self, pattern: Mentions) -> set[int]:
        """0-based lines where `pattern` matches in code, not in a comment or string literal.

        Comments and strings are scanned only in the chunks that hold a match (a chunk never
        starts inside a string), so a big module costs what its matching statements cost."""
        # (A chunk the pattern matches in is looked at: in code or prose. An edit elsewhere that
        # adds a match is one the cache's gates catch by the pattern noted here.)
        self._log.patterns.setdefault(self.path, set()).add(pattern.regex.pattern)
        self._log.compiled.setdefault(pattern.regex.pattern, pattern.regex)
        lines, looked = code_lines(self.text, self.starts, lambda: self.chunks, pattern)
        for ci in looked:
            self._log.read(self.path, ci)
        return lines

    def chunk_at_line(self, line0: int) -> int:
        """Index of the chunk holding 0-based line `line0`."""
        # (The last chunk starting at or before the line, the first one for a line before
        # all: in C, called for every line range the analysis reads, over the chunks' starts
        # kept as an array: a key function called at each step of the bisection was 0.7 % of
        # a cold corpus run. The chunks never change once split.)
        starts = self._chunk_starts
        if starts is None:
            starts = self._chunk_starts = array(
                "I" if self._length < 1 << 32 else "q", [c.start for c in self.chunks]
            )
        return max(bisect_right(starts, line0) - 1, 0)

    def statements(self, index: int) -> tuple[Sequence[cst.BaseStatement], Piece]:
        """The top-level statements of chunk `index`, parsed."""
        got = self._parsed.get(index)
        self._log.read(self.path, index)
        if got is not None:
            return got
        chunk = self.chunks[index]
        piece_text = self.line_text(chunk.start, chunk.end)
        checked = grammar.check(piece_text, self.target)
        if checked.rejected is not None:
            # The chunk scan guessed a boundary wrong, or the file is not Python: the module
            # decides.
            self._parse_whole()
            return self._parsed[index]
        self._refuse_deep(checked, chunk.start)
        if not piece_text.endswith("\n"):
            piece_text += "\n"
        try:
            module = (
                _parse_import(piece_text) if chunk.kind == "import" else parse_module(piece_text)
            )
        except (cst.ParserSyntaxError, RecursionError, ValueError):
            # libcst refuses what CPython accepts (LibCST#1061): parse the module once.
            self._parse_whole()
            return self._parsed[index]
        piece = Piece(
            module,
            chunk.start,
            _TextAgain(self, SourceFile._piece_text, chunk.start, chunk.end),
            key=(self.path, "chunk", chunk.start),
        )
        got = (module.body, piece)
        self._parsed[index] = got
        return got

    def _piece_text(self, start: int, end: int) -> str:
        """The text `statements` parsed of lines [start, end), made again (`Piece.text`)."""
        text = self.unnoted_text(start, end)
        return text if text.endswith("\n") else text + "\n"

    def _whole_text(self) -> str:
        return self.text

    def _member_text(self, member: Member) -> str:
        """The text `member_def` parsed, made again (`Piece.text`)."""
        return "if True:\n" + self.unnoted_text(member.start, member.end) + "\n"

    def _parse_whole(self) -> None:
        """Parse the module in one go and hand its statements to the chunks."""
        self._log.whole.add(self.path)  # (every statement is read: the chunks may be wrong)
        if self._full:
            raise self._failure or ParseFailure(self.path, 1, 1, "cannot parse")
        self._full = True  # (a failure below is final: it is not parsed again)
        checked = grammar.check(self.text, self.target)
        if checked.rejected is not None:
            r = checked.rejected
            raise self._failed(ParseFailure(self.path, r.line, r.column, r.message))
        self._refuse_deep(checked, 0)
        try:
            module = parse_module(self.text)
        except cst.ParserSyntaxError as exc:
            msg = str(exc.message) if hasattr(exc, "message") else str(exc).split("\n")[0]
            failure = ParseFailure(self.path, exc.raw_line, exc.raw_column + 1, f"libcst: {msg}")
            raise self._failed(failure) from None
        except (RecursionError, ValueError) as exc:
            failure = ParseFailure(self.path, 1, 1, f"libcst: {str(exc).splitlines()[0]}")
            raise self._failed(failure) from None
        # (The text itself may be let go.)
        piece = Piece(module, 0, self._whole_text, key=(self.path, "module", 0))
        # Each statement goes to the chunk its first line falls in: chunk indices that callers
        # already hold stay valid (a chunk may now hold several statements, or none).
        parsed: dict[int, list[cst.BaseStatement]] = {i: [] for i in range(len(self.chunks))}
        for stmt in module.body:
            first = (
                stmt.decorators[0]
                if isinstance(stmt, cst.FunctionDef | cst.ClassDef) and stmt.decorators
                else stmt
            )
            parsed[self.chunk_at_line(piece.span(first).line - 1)].append(stmt)
        self._parsed = {i: (tuple(stmts), piece) for i, stmts in parsed.items()}

    def _failed(self, failure: ParseFailure) -> ParseFailure:
        """Remember the failure of the whole module (raised again if it is asked for again)."""
        if self._failure is None or isinstance(self._failure, TooDeep):
            self._failure = failure
        return failure

    def _refuse_deep(self, checked: grammar.Checked, line_offset: int) -> None:
        if checked.deep is not None:
            line, column = checked.deep
            message = checked.why.value
            raise self._failed(TooDeep(self.path, line + line_offset, column, message))

    def _checked(self, text: str, line_map: Callable[[int], int]) -> None:
        """CPython's verdict on a text built from the file's lines (a class skeleton, a method):
        rejected, the module decides (`_parse_whole` raises CPython's error for it), else the
        scan guessed a boundary wrong (ValueError: the caller parses the whole statement)."""
        checked = grammar.check(text, self.target)
        if checked.rejected is not None:
            if not self._full:
                self._parse_whole()
            raise ValueError("a statement boundary was guessed wrong")
        if checked.deep is not None:
            deep = (line_map(checked.deep[0]), checked.deep[1])
            self._refuse_deep(grammar.Checked(deep=deep, why=checked.why), 0)

    def members(self, index: int) -> list[Member] | None:
        """The body statements of a class chunk, by indentation (None: not a plain class).
        Read-only for callers: the list is remembered per chunk."""
        if self._full:
            return None  # (the module was parsed whole: its statements are the real ones)
        self._log.read(self.path, index)
        if index not in self._members:
            self._members[index] = self._scan_members(index)
        return self._members[index]

    def _scan_members(self, index: int) -> list[Member] | None:
        chunk = self.chunks[index]
        if chunk.kind != "class":
            return None
        text = self.line_text(chunk.start, chunk.end)
        # Indexed by file line: only the chunk's lines are present.
        lines = dict(enumerate(text.split("\n"), chunk.start))
        in_string: set[int] = set()
        for a, b in triple_string_spans(text):
            first = text.count("\n", 0, a) + 1  # lines after the one the string opens on
            last = text.count("\n", 0, b)
            in_string.update(range(chunk.start + first, chunk.start + last + 1))
        # The body starts after the header (past decorators and a header split over lines).
        first = chunk.start
        while first < chunk.end and not lines[first].startswith("class"):
            first += 1
        while first < chunk.end and not lines[first].split("#", 1)[0].rstrip().endswith(":"):
            first += 1
        body: list[tuple[int, int, str]] = []
        for i in range(first + 1, chunk.end):
            line = lines[i]
            stripped = line.lstrip()
            if not stripped or stripped.startswith("#") or i in in_string:
                continue
            body.append((i, len(line) - len(stripped), stripped))
        if not body:
            return None
        indent = min(w for _, w, _ in body)
        if indent == 0:
            return None
        members: list[Member] = []
        deco_start: int | None = None
        open_def: tuple[str, int] | None = None

        def close(end: int) -> None:
            nonlocal open_def
            if open_def is not None:
                members.append(Member(open_def[0], "def", open_def[1], end))
                open_def = None

        for i, width, stripped in body:
            if width != indent or stripped[0] in ")]}":
                continue  # deeper, or a bracket closing a signature (`):` under `def f(`)
            close(i if deco_start is None else deco_start)
            if stripped.startswith("@"):
                if deco_start is None:
                    deco_start = i
                continue
            m = _MEMBER_DEF.match(stripped)
            if m:
                open_def = (m.group(1), deco_start if deco_start is not None else i)
            else:
                members.append(Member("", "other", i, i + 1))
            deco_start = None
        close(chunk.end)
        return members

    def class_skeleton(self, index: int, members: list[Member]) -> tuple[cst.ClassDef, Piece]:
        """The class with its methods blanked out (lines kept, so positions stay true)."""
        chunk = self.chunks[index]
        text, line_map = self._skeleton(index, members, self.line_text)
        self._checked(text, lambda n: line_map[n - 1] if 0 < n <= len(line_map) else chunk.start)
        module = parse_module(text)
        node = next(s for s in module.body if isinstance(s, cst.ClassDef))
        # The text is made again when asked for (`Piece.text`), and the line map is 4 bytes a
        # line: 1.2 MB of the corpus's peak were skeletons' texts and lists of line numbers.
        again = _TextAgain(self, SourceFile._skeleton_text, index, members)
        lines = array("I", line_map)
        return node, Piece(module, chunk.start, again, lines, key=(self.path, "class", chunk.start))

    def _skeleton_text(self, index: int, members: list[Member]) -> str:
        """The text `class_skeleton` parsed, made again (`Piece.text`)."""
        return self._skeleton(index, members, self.unnoted_text)[0]

    def _skeleton(
        self, index: int, members: list[Member], read: Callable[[int, int], str]
    ) -> tuple[str, list[int]]:
        """A class chunk's text without its methods (its lines read by `read`), and the file
        line of each of its lines."""
        chunk = self.chunks[index]
        lines = read(chunk.start, chunk.end).split("\n")
        # Methods are left out, not blanked: a big class's blank lines were most of what
        # libcst parsed here (an empty-line node each). The piece maps its lines to the file's.
        dropped: set[int] = set()
        for m in members:
            if m.kind == "def":
                dropped.update(range(m.start - chunk.start, m.end - chunk.start))
        kept = [i for i in range(len(lines)) if i not in dropped]
        out = [lines[i] for i in kept]
        line_map = [chunk.start + i + 1 for i in kept]
        if dropped and not any(m.kind == "other" for m in members):
            first_line = read(members[0].start, members[0].start + 1)
            indent = len(first_line) - len(first_line.lstrip())
            at = next((j for j, i in enumerate(kept) if i > min(dropped)), len(kept))
            out.insert(at, " " * indent + "pass")
            line_map.insert(at, members[0].start + 1)
        return "\n".join(out) + "\n", line_map

    def member_tree(self, member: Member) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """CPython's tree of the def `member_def` would parse, from the text it would parse,
        when CPython accepts it for the target and `member_def` would go on to libcst (None:
        `member_def` decides). The verdict is remembered: `member_def` does not compile again."""
        text = "if True:\n" + self.line_text(member.start, member.end) + "\n"
        checked, tree = grammar.check_tree(text, self.target)
        if checked != grammar.Checked() or tree is None or not tree.body:
            return None  # rejected or too deep (`_checked`), or no CPython tree
        wrapper = tree.body[0]
        if not isinstance(wrapper, ast.If):
            return None
        return next(
            (s for s in wrapper.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)),
            None,
        )

    def member_def(self, member: Member) -> tuple[cst.FunctionDef, Piece]:
        """One method, parsed on its own inside `if True:` (its own line numbers kept)."""
        text = "if True:\n" + self.line_text(member.start, member.end) + "\n"
        self._checked(text, lambda n: member.start + n - 1)
        module = parse_module(text)
        wrapper = module.body[0]
        assert isinstance(wrapper, cst.If)
        node = next(s for s in wrapper.body.body if isinstance(s, cst.FunctionDef))
        return node, Piece(
            module,
            member.start - 1,
            _TextAgain(self, SourceFile._member_text, member),
            key=(self.path, "def", member.start),
        )

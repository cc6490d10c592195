"""What the project defines, as the resolver sees it: functions, classes, module scopes.

Each is built on demand and memoised by `resolver.Analyzer`: a module's global names are
resolved one at a time (`ModuleScope`, only the statements that bind them), a class through its
project-defined bases (`ClassInfo`, methods parsed one at a time by `Methods`), a function into a
`FunctionSummary` (what it returns, which parameters reach a launch: `SinkEvent`s).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import libcst as cst

from frontier_lint.dataflow.lazy import LazyImport, substitute
from frontier_lint.dataflow.values import (
    DictV,
    Param,
    Ref,
    Unknown,
    Value,
    alt,
    has_param,
    options,
    unknown,
)
from frontier_lint.findings import Hop
from frontier_lint.frontend.parsing import LazyHop, Member, ParseFailure, Piece, SiteRef, SourceFile
from frontier_lint.frontend.syntax import block, dotted, self_attrs

if TYPE_CHECKING:
    from frontier_lint.dataflow.resolver import Analyzer


@dataclass(frozen=True)
class SinkEvent:
    """A program value arriving at a launch site.

    form: "argv" (a sequence, or a string program), "shell" (a shell command line), "program" (a
    program name or path), "split" (a string split into words, no shell), "maybe_shell" (argv or
    shell depending on an unknown `shell=` flag).
    after: hops from where the value entered (a call into a wrapper) to the launch itself.
    reported: programs already reported where the event was first seen (not reported again).
    """

    sink: str
    kind: str
    form: str
    value: Value
    site: SiteRef
    after: tuple[Hop | LazyHop, ...]
    reported: frozenset[str] = frozenset()
    origin: SiteRef | None = None  # where, in the forwarding function, the value came in
    # A launch reached through the arguments of a constructor (`Runner(["gemini"])`, method
    # `start` launching `self._command`): found at the launch, and reported only if that
    # method is called nowhere in the project (its calls answer through their receivers).
    unless_called: str | None = None


@dataclass
class FunctionSummary:
    returns: Value
    events: list[SinkEvent] = field(default_factory=list)  # parametric: filled in by callers
    self_assigns: dict[str, list[Value]] = field(default_factory=dict)
    deferred: frozenset[str] = frozenset()  # functions it called without following them
    # An `__init__`'s calls of base-class `__init__`s on its own instance (`super().__init__(x)`):
    # base init id -> its parameters' values, in terms of this init's parameters.
    base_inits: dict[str, dict[str, Value]] = field(default_factory=dict)
    # Why the function could not be followed (an internal error, the call-depth bound): its
    # launches are not known, so a call of it that waits for them is unresolved.
    failed: str = ""


@dataclass(frozen=True)
class Failure:
    """An internal error contained while analysing a file: its FL201 entry (where: the
    function or statement being analysed, resolved to a position only when reported)."""

    path: str
    message: str
    piece: Piece | None = None
    node: cst.CSTNode | None = None

    def position(self) -> tuple[int, int]:
        if self.piece is None or self.node is None:
            return 1, 1
        try:
            span = self.piece.span(self.node)
        except Exception:  # a position is not worth a second failure
            return 1, 1
        return span.line, span.column


def describe_error(exc: BaseException) -> str:
    """One line naming an internal error (`RecursionError: maximum recursion depth exceeded`)."""
    text = " ".join(str(exc).split())
    if len(text) > 200:
        text = text[:197] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@dataclass(frozen=True, eq=False)
class FuncDef:
    id: str  # "path:Qualified.name"
    path: str
    qualname: str
    node: cst.FunctionDef | None  # None: module-level statements
    body: Sequence[cst.CSTNode]
    piece: Piece
    class_id: str | None = None
    is_static: bool = False
    is_classmethod: bool = False


def method_def(cid: str, stmt: cst.FunctionDef, piece: Piece) -> FuncDef:
    path, qualname = cid.split(":", 1)
    decos = {dotted(d.decorator) for d in stmt.decorators}
    return FuncDef(
        id=f"{cid}.{stmt.name.value}",
        path=path,
        qualname=f"{qualname}.{stmt.name.value}",
        node=stmt,
        body=block(stmt.body),
        piece=piece,
        class_id=cid,
        is_static="staticmethod" in decos,
        is_classmethod="classmethod" in decos,
    )


class Methods:
    """A class's methods by name, each parsed the first time it is asked for.

    Big classes are most of the code libcst would parse; a caller usually needs one method."""

    def __init__(
        self,
        cid: str,
        source: SourceFile | None,
        members: Sequence[Member],
        parsed: dict[str, FuncDef] | None = None,
    ) -> None:
        self.cid = cid
        self.source = source
        self._members = {m.name: m for m in members if m.kind == "def"}
        self._parsed: dict[str, FuncDef | None] = dict(parsed or {})
        self._self_attrs: dict[str, frozenset[str]] = {}  # attributes each method assigns

    def __contains__(self, name: object) -> bool:
        return name in self._members or name in self._parsed

    def __getitem__(self, name: str) -> FuncDef:
        got = self.get(name)
        if got is None:
            raise KeyError(name)
        return got

    def get(self, name: str) -> FuncDef | None:
        if name in self._parsed:
            return self._parsed[name]
        member = self._members.get(name)
        if member is None:
            return None  # not a method here (remembering it would make `name in self` true)
        result: FuncDef | None = None
        if self.source is not None:
            try:
                node, piece = self.source.member_def(member)
                result = method_def(self.cid, node, piece)
            except (cst.ParserSyntaxError, StopIteration, AssertionError, ValueError):
                result = self._from_class(name)  # the indentation scan guessed wrong
            except ParseFailure:
                result = None  # the file does not parse: it fails the gate (`failures`)
        self._parsed[name] = result
        return result

    def _from_class(self, name: str) -> FuncDef | None:
        """Method `name` out of its class statement parsed whole."""
        assert self.source is not None
        member = self._members[name]
        try:
            stmts, piece = self.source.statements(self.source.chunk_at_line(member.start))
        except ParseFailure:
            return None
        top = self.cid.split(":", 1)[1].split(".")[0]
        for st in stmts:
            if isinstance(st, cst.ClassDef) and st.name.value == top:
                for inner in block(st.body):
                    if isinstance(inner, cst.FunctionDef) and inner.name.value == name:
                        return method_def(self.cid, inner, piece)
        return None

    def names(self) -> list[str]:
        return list(dict.fromkeys([*self._members, *self._parsed]))

    def values(self) -> list[FuncDef]:
        return [f for f in (self.get(n) for n in self.names()) if f is not None]

    def _self_attrs_of(self, f: FuncDef) -> frozenset[str]:
        got = self._self_attrs.get(f.id)
        if got is None:
            assert f.node is not None
            got = self._self_attrs[f.id] = self_attrs(f.node)
        return got

    def assigning(self, attr: str) -> list[FuncDef]:
        """Methods that may assign `<something>.attr` (a text check before parsing)."""
        pattern = re.compile(r"\.\s*" + re.escape(attr) + r"\s*(?::[^=\n]*)?[-+|]?=(?!=)")
        out: list[FuncDef] = []
        for name in self.names():
            member = self._members.get(name)
            if member is not None and self.source is not None and name not in self._parsed:
                text = self.source.line_text(member.start, member.end)
                if not pattern.search(text):
                    continue
            f = self.get(name)
            if f is not None and f.node is not None and attr in self._self_attrs_of(f):
                out.append(f)
        return out


class ClassInfo:
    def __init__(
        self, analyzer: Analyzer, cid: str, node: cst.ClassDef, piece: Piece, methods: Methods
    ) -> None:
        self.analyzer = analyzer
        self.id = cid
        self.path, self.qualname = cid.split(":", 1)
        self.node = node
        self.piece = piece
        self.methods = methods
        self._attrs: dict[str, Value] | None = None
        self._bases: list[ClassInfo] | None = None
        self._external_bases: set[str] = set()  # library classes it derives from, dotted
        self._instance: dict[str, Value] = {}
        self.deps: set[str] = {self.path}  # files read to answer questions about this class

    def bases(self) -> list[ClassInfo]:
        if self._bases is None:
            with self.analyzer.tracking() as deps:
                try:
                    self._compute_bases()
                except Exception as exc:  # contained: the class's file fails, the run goes on
                    self.analyzer.contain(self.path, f"the bases of {self.qualname}", exc)
            self.deps |= deps
        return self._bases  # type: ignore[return-value]

    def _compute_bases(self) -> None:
        if self._bases is None:
            self._bases = []
            scope = self.analyzer.module_scope(self.path)
            interp = self.analyzer.interpreter(scope.module_func(self.piece))
            for arg in self.node.bases:
                if arg.keyword is not None:
                    continue
                for o in options(interp.eval(arg.value)):
                    if isinstance(o, Ref) and o.kind == "class":
                        info = self.analyzer.class_info(o.target)
                        if info is not None and info is not self:
                            self._bases.append(info)
                    elif isinstance(o, Ref) and o.kind == "external":
                        self._external_bases.add(o.target)

    def mro(self, seen: set[str] | None = None) -> Iterator[ClassInfo]:
        seen = seen if seen is not None else set()
        if self.id in seen:
            return
        seen.add(self.id)
        yield self
        for b in self.bases():
            yield from b.mro(seen)

    def class_attrs(self) -> dict[str, Value]:
        if self._attrs is None:
            with self.analyzer.tracking() as deps:
                try:
                    self._compute_attrs()
                except Exception as exc:  # contained, as in `bases`
                    self.analyzer.contain(self.path, f"the body of class {self.qualname}", exc)
            self.deps |= deps
        return self._attrs  # type: ignore[return-value]

    def _compute_attrs(self) -> None:
        if self._attrs is None:
            self._attrs = {}
            scope = self.analyzer.module_scope(self.path)
            func = replace(scope.module_func(self.piece), qualname=self.qualname)
            interp = self.analyzer.interpreter(func, class_body=True)
            interp.run(block(self.node.body))
            for name, value in interp.env.items():
                self._attrs[name] = value

    def lookup(self, name: str) -> Value | None:
        """A class attribute or method, through project-defined base classes."""
        for cls in self.mro():
            if name in cls.methods:
                method = cls.methods.get(name)
                if method is not None:
                    return Ref(trace=(), kind="function", target=method.id)
            attrs = cls.class_attrs()
            if name in attrs:
                v = attrs[name]
                if isinstance(v, LazyImport):
                    scope = self.analyzer.module_scope(v.module)
                    v = scope.lookup(v.name) if scope is not None else unknown("import not found")
                return v
        return None

    def instance_attr(self, name: str) -> Value | None:
        """`self.name`: assignments in any method (through bases) and class attributes."""
        if name in self._instance:
            return self._instance[name]
        with self.analyzer.tracking() as deps:
            try:
                result = self._instance_attr(name)
            except Exception as exc:  # contained: what the failure left is not a value
                result = self.analyzer.contain(self.path, f"`self.{name}` of {self.qualname}", exc)
                self._instance[name] = result
        self.deps |= deps
        return result

    def field_default(self, name: str) -> Value | None:
        """A generated `__init__`'s default for field `name`: the class attribute (not a
        method of that name)."""
        v = self.lookup(name)
        return None if isinstance(v, Ref) and v.kind == "function" else v

    def enum_values(self) -> list[Value] | None:
        """The members' values of an Enum class (`class Backend(str, Enum)`), None otherwise."""
        if not any(c.bases() is not None and c._external_bases & _ENUM_BASES for c in self.mro()):
            return None  # (`bases()` fills `_external_bases`; `mro` yields a class first)
        return [
            v
            for name, v in self.class_attrs().items()
            if not name.startswith("_") and not (isinstance(v, Ref) and v.kind != "instance")
        ]

    def dataclass_fields(self) -> list[str] | None:
        """The fields a generated `__init__` takes, in order (base classes' first); None if no
        class in the hierarchy is a dataclass or one defines `__init__` itself."""
        fields: list[str] = []
        generated = False
        model = False  # below a model base class (pydantic, msgspec): every subclass adds fields
        for cls in reversed(list(self.mro())):
            if "__init__" in cls.methods:
                return None
            cls.bases()
            model = model or bool(cls._external_bases & _MODEL_BASES)
            if not model and not any(
                dotted(d.decorator) in _DATACLASS_DECORATORS for d in cls.node.decorators
            ):
                continue
            generated = True
            for st in block(cls.node.body):
                if not isinstance(st, cst.SimpleStatementLine):
                    continue
                for small in st.body:
                    if (
                        isinstance(small, cst.AnnAssign)
                        and isinstance(small.target, cst.Name)
                        and "ClassVar" not in dotted(small.annotation.annotation)
                        and small.target.value not in fields
                    ):
                        fields.append(small.target.value)
        return fields if generated else None

    def _instance_attr(self, name: str) -> Value | None:
        fields = self.dataclass_fields()
        if fields is not None and name in fields:
            # Set by the generated `__init__`: the receiver's constructor arguments (defaults
            # included) fill it in, as for an `__init__` parameter stored on `self`.
            return Param(trace=(), func=f"{self.id}.__init__", name=name)
        self._instance[name] = unknown(f"`self.{name}` is being resolved (cycle)")
        found: list[Value] = []
        for cls in self.mro():
            for method in cls.methods.assigning(name):
                summary = self.analyzer.summary(method)
                for v in summary.self_assigns.get(name, ()):
                    # What `__init__` stores stays tied to its parameters: each instance's
                    # constructor arguments fill them in (`Runner("codex").run()`).
                    is_init = method.qualname.endswith(".__init__")
                    found.append(v if is_init else strip_params(v, method))
            attrs = cls.class_attrs()
            if name in attrs:
                found.append(attrs[name])
        result = alt(found) if found else None
        if result is None:
            del self._instance[name]
        else:
            self._instance[name] = result
        return result


_DATACLASS_DECORATORS = frozenset(
    (
        "dataclass",
        "dataclasses.dataclass",
        "attr.s",
        "attr.attrs",
        "attr.define",
        "attr.frozen",
        "attrs.define",
        "attrs.frozen",
        "attr.mutable",
        "attrs.mutable",
        "define",
        "frozen",
        "mutable",
        "pydantic.dataclasses.dataclass",
    )
)
_ENUM_BASES = frozenset(
    ("enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag", "enum.ReprEnum")
)
# Base classes whose subclasses get an `__init__` taking their annotated attributes as fields.
_MODEL_BASES = frozenset(
    (
        "pydantic.BaseModel",
        "pydantic.main.BaseModel",
        "pydantic.BaseSettings",
        "pydantic.v1.BaseModel",
        "pydantic.v1.BaseSettings",
        "pydantic_settings.BaseSettings",
        "pydantic_settings.main.BaseSettings",
        "sqlmodel.SQLModel",
        "msgspec.Struct",
        "typing.NamedTuple",
    )
)
_STAR_IMPORT = re.compile(r"import\s*\(?\s*\*")
_BINDING_WORDS = re.compile(
    r"^\s*(?:for|async\s+for|with|async\s+with|global|del)\b|\bas\s+\w|:=|^\s*(?:async\s+)?(?:def|class)\s"
)
_BARE_NAME = re.compile(r"^\s*[A-Za-z_]\w*\s*,?\s*(?:#.*)?$")
_IDENT = re.compile(r"[A-Za-z_]\w*")


class ModuleScope:
    """The global names of one module, resolved lazily (only the statements that bind them)."""

    def __init__(self, analyzer: Analyzer, path: str, source: SourceFile) -> None:
        self.analyzer = analyzer
        self.path = path
        self.source = source
        self._values: dict[str, Value] = {}
        self._module_funcs: dict[int, FuncDef] = {}
        self._binders: dict[str, set[int]] | None = None
        self._stars: list[int] = []
        self._deps: dict[str, frozenset[str]] = {}  # files each resolved name was read from

    def module_func(self, piece: Piece) -> FuncDef:
        key = id(piece)
        f = self._module_funcs.get(key)
        if f is None:
            f = FuncDef(
                id=f"{self.path}:<module>",
                path=self.path,
                qualname="<module>",
                node=None,
                body=(),
                piece=piece,
            )
            self._module_funcs[key] = f
        return f

    def lookup(self, name: str) -> Value:
        a = self.analyzer
        cached = self._values.get(name)
        if cached is not None:
            a.touch_all(self._deps.get(name, ()))
            return cached
        self._values[name] = unknown(f"`{name}` refers to itself")
        with a.tracking() as deps:
            a.touch(self.path)
            try:
                value = self._resolve(name)
            except ParseFailure as exc:
                value = unknown(exc.reason)
            except Exception as exc:  # contained: the module's file fails, the reader's is open
                value = a.contain(self.path, f"`{name}` in {self.path}", exc)
        self._values[name] = value
        self._deps[name] = frozenset(deps)
        return value

    def _index(self) -> tuple[dict[str, set[int]], list[int]]:
        """Which module-level chunks can bind which names (one pass over module-level code).

        A name is bound by `def`/`class` (the chunk's own name) or, in other module-level
        statements, on a line that assigns, imports, loops or `with ... as`; identifiers on such
        lines are candidates (a superset: the interpreter decides). `def` and `class` bodies are
        skipped: they are most of a module and bind nothing at module level.
        """
        if self._binders is not None:
            return self._binders, self._stars
        binders: dict[str, set[int]] = {}
        stars: list[int] = []
        src = self.source
        for i, c in enumerate(src.chunks):
            if c.kind in ("def", "class"):
                binders.setdefault(c.name, set()).add(i)
                continue
            for line in src.line_text(c.start, c.end).split("\n"):
                if "import" in line:
                    if _STAR_IMPORT.search(line):
                        stars.append(i)
                    head = line
                elif "=" in line:
                    head = line.split("=", 1)[0]
                    if head.rstrip().endswith(("!", "<", ">")):
                        continue
                elif _BINDING_WORDS.search(line) or _BARE_NAME.match(line):
                    head = line
                else:
                    continue
                for ident in _IDENT.findall(head):
                    binders.setdefault(ident, set()).add(i)
        self._binders, self._stars = binders, stars
        return binders, stars

    def _resolve(self, name: str) -> Value:
        src = self.source
        binders, stars = self._index()
        wanted = set(binders.get(name, ()))
        star = [i for i in stars if i not in wanted]
        env: dict[str, Value] = {}
        chunks = src.chunks
        for i in sorted(wanted | set(star)):
            chunk = chunks[i]
            if chunk.kind in ("def", "class") and chunk.name == name:
                # Binding a def or class needs no parse: it is a reference to it.
                kind = "function" if chunk.kind == "def" else "class"
                env[name] = Ref(trace=(), kind=kind, target=f"{self.path}:{name}")
                continue
            stmts, piece = src.statements(i)
            interp = self.analyzer.interpreter(self.module_func(piece), module_level=True)
            interp.env = env
            interp.run(stmts)
            env = interp.env
            for star_mod in interp.star_imports:
                if name not in env:
                    scope = self.analyzer.module_scope(star_mod)
                    if scope is not None:
                        v = scope.lookup(name)
                        if not (isinstance(v, Unknown) and v.reason.startswith("`")):
                            env[name] = v
        if name in env:
            v = env[name]
            if isinstance(v, LazyImport):
                scope = self.analyzer.module_scope(v.module)
                return scope.lookup(v.name) if scope is not None else unknown("import not found")
            if isinstance(v, DictV):
                registered = self.analyzer.registered(self.path, name)
                if registered:
                    # Filled at import time by a registering decorator (`@register("codex")`
                    # storing each class in `PROVIDERS[name]`): its classes are values too.
                    key = unknown("a registered name")
                    v = replace(v, entries=(*v.entries, *((key, r) for r in registered)))
            return v
        if self.analyzer.project.is_package(self.path):
            sub = self.analyzer.project.submodule(self.path, name)
            if sub is not None:
                return Ref(trace=(), kind="module", target=sub)
        return unknown(f"`{name}` is not defined in {self.analyzer.project.module_name(self.path)}")


@dataclass
class FunctionResults:
    """What the analysis of one function found at its own calls."""

    path: str
    sites: list[SiteRef] = field(default_factory=list)  # launch sites in this function
    findings: list[object] = field(default_factory=list)  # launches.RawFinding
    unresolved: list[object] = field(default_factory=list)  # launches.RawUnresolved
    calls: set[str] = field(default_factory=set)  # wrappers whose parameters this function fills
    # (method id, launches.RawFinding / RawUnresolved): see `SinkEvent.unless_called`.
    open_findings: list[tuple[str, object]] = field(default_factory=list)
    open_unresolved: list[tuple[str, object]] = field(default_factory=list)


def strip_params(v: Value, func: FuncDef) -> Value:
    """A value leaving its function: its parameters become unknown."""
    if not has_param(v):
        return v
    return substitute(v, lambda p: unknown(f"parameter `{p.name}` of {func.qualname}"))

"""What the project defines, as the resolver sees it: module scopes and classes.

Each is built on demand and memoised by the analyzer: a module's global names are resolved one
at a time (`ModuleScope`, only the statements that bind them), a class through its
project-defined bases (`ClassInfo`, methods parsed one at a time by `Methods`). What they need of
the analyzer (other scopes and classes, function summaries, an interpretation of module-level
or class-body statements) is the `Knowledge` protocol.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from sys import intern
from typing import Protocol

import libcst as cst

from frontier_lint.dataflow.ids import MODULE_CODE, SHADOWED, FuncId
from frontier_lint.dataflow.lazy import LazyImport, rebuild
from frontier_lint.dataflow.models.classes import (
    DATACLASS_DECORATORS,
    ENUM_BASES,
    MODEL_BASES,
    PROTOCOL_BASES,
    tree_is_abstract,
    tree_is_property,
    tree_is_static,
)
from frontier_lint.dataflow.refs import ClassRef, ExternalRef, FuncRef, InstanceRef, ModuleRef
from frontier_lint.dataflow.summaries import FuncDef, FunctionSummary, method_def, strip_params
from frontier_lint.dataflow.tracking import NAME
from frontier_lint.dataflow.values import (
    DictV,
    Param,
    Ref,
    Unknown,
    Value,
    alt,
    options,
    unknown,
)
from frontier_lint.frontend.parsing import LazyHop, Member, Piece, SourceFile
from frontier_lint.frontend.project import ParseFailure, Project
from frontier_lint.frontend.syntax import (
    NameStores,
    block,
    declared,
    dotted,
    local_names,
    names_in,
    self_attrs,
    statements_of,
    stores_in,
    tree_self_attrs,
)
from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.scan.stores import store_test

# How many times one module-level statement may be run inside its own run (`ModuleScope._resolve`
# of a name it reads runs it again): past it, the name is unknown naming the bound.
MAX_REENTRY = 4


class BodyRun(Protocol):
    """An interpretation of module-level or class-body statements (`Knowledge.body_frame`)."""

    env: dict[str, Value]
    star_imports: list[str]

    def eval(self, node: cst.CSTNode) -> Value: ...

    def run(self, stmts: Sequence[cst.CSTNode]) -> None: ...

    def quietly(self) -> AbstractContextManager[None]: ...

    def hop(self, node: cst.CSTNode, note: str, code: cst.CSTNode | None = None) -> LazyHop: ...


class Knowledge(Protocol):
    """What scopes and classes ask of the project-wide analysis (`analyzer.Analyzer`)."""

    dep_sets: dict[frozenset[str], frozenset[str]]  # one object per distinct set of files
    effects: int  # bounds met and errors contained (`memo`: a result is then not remembered)

    @property
    def project(self) -> Project: ...

    def module_scope(self, path: str) -> ModuleScope | None: ...

    def class_info(self, cid: FuncId) -> ClassInfo | None: ...

    def summary(self, func: FuncDef, depth: int = 0) -> FunctionSummary: ...

    def registered(self, path: str, name: str) -> list[Value]: ...

    def container_value(self, path: str, owner: FuncId | None, name: str, v: Value) -> Value: ...

    def attr_stored_value(
        self, path: str, owner: FuncId | None, name: str, v: Value | None, *, instance: bool
    ) -> Value | None: ...

    def body_frame(
        self, func: FuncDef, *, module_level: bool = False, class_body: bool = False
    ) -> BodyRun: ...

    def contain(self, path: str, what: str, exc: BaseException) -> Unknown: ...

    def tracking(self, *, enclosing: bool = True) -> AbstractContextManager[set[str]]: ...

    def node_key(self, mark: str, fid: FuncId) -> str: ...

    def touch(self, path: str) -> None: ...

    def touch_all(self, paths: Iterable[str]) -> None: ...

    def stack_depth(self) -> int: ...

    def note_partial(self, since: int) -> None: ...


@dataclass(frozen=True)
class DefOutline:
    """A method as CPython's tree of it shows it, before libcst parses it (`Methods.outline`)."""

    is_property: bool
    # None: CPython's tree cannot tell (a decorator's name, a body's f-string).
    is_abstract: bool | None
    is_static: bool | None  # `FuncDef.is_static`


class Methods:
    """A class's methods by name, each parsed the first time it is asked for.

    Big classes are most of the code libcst would parse; a caller usually needs one method."""

    def __init__(
        self,
        cid: FuncId,
        source: SourceFile | None,
        members: Sequence[Member],
        parsed: dict[str, FuncDef] | None = None,
    ) -> None:
        self.cid = cid
        self.source = source
        self._members = {m.name: m for m in members if m.kind == "def"}
        # Names defined twice: the member kept is the last, the whole class's fallback
        # (`_from_class`) finds the first; `outline` leaves them to the parse.
        defs = Counter(m.name for m in members if m.kind == "def")
        self._twice = {name for name, n in defs.items() if n > 1}
        self._parsed: dict[str, FuncDef | None] = dict(parsed or {})
        self._outlines: dict[str, DefOutline | None] = {}
        self._tree_attrs: dict[str, frozenset[str] | None] = {}  # `_may_assign`
        self._self_attrs: dict[FuncId, frozenset[str]] = {}  # attributes each method assigns

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

    def tree(self, name: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """CPython's tree of method `name` (None: not a method here, or not compiled)."""
        member = self._members.get(name)
        if member is None or self.source is None:
            return None
        tree = self.source.member_tree(member)
        return tree if tree is not None and tree.name == name else None

    def outline(self, name: str) -> DefOutline | None:
        """What CPython's tree of a method not parsed yet says of it (a libcst parse costs ten
        times the compile, and an attribute read only asks whether the method is a property).
        None once it is parsed (its node says) and wherever `get` might not find it as a
        method of that name: CPython rejects its text, or its def is another name."""
        if name in self._parsed or self.source is None or name in self._twice:
            return None
        if name not in self._outlines:
            self._read_tree(name)
        return self._outlines[name]

    def _read_tree(self, name: str) -> None:
        """`outline` and `_may_assign`'s answers, from one compile of the method's text."""
        assert self.source is not None
        member = self._members.get(name)
        got: DefOutline | None = None
        attrs: frozenset[str] | None = None
        tree = self.source.member_tree(member) if member is not None else None
        if tree is not None and tree.name == name:
            attrs = tree_self_attrs(tree)
            prop = tree_is_property(tree)
            if prop is not None:
                got = DefOutline(
                    is_property=prop,
                    is_abstract=tree_is_abstract(tree),
                    is_static=tree_is_static(tree),
                )
        self._outlines[name] = got
        self._tree_attrs[name] = attrs

    def undecorated(self, name: str) -> bool:
        """Whether method `name` is one plain `def` of the class body, with no decorator (by
        its text: the member starts at its first decorator). Unsure (defined twice, under an
        `if`, or parsed whole): no."""
        member = self._members.get(name)
        if member is None or name in self._twice or self.source is None:
            return False
        return not self.source.line(member.start).lstrip().startswith("@")

    def method_id(self, name: str) -> FuncId | None:
        """`get(name).id` (None: no method of that name), without the parse where the
        method's CPython tree vouches for it (`outline`)."""
        if self.outline(name) is not None:
            return self.cid.member(name)
        method = self.get(name)
        return method.id if method is not None else None

    def _may_assign(self, name: str, attr: str) -> bool:
        """Whether `self.attr` may be assigned in a method not parsed yet, by CPython's tree
        of it (unsure: yes). The text test passes many a method that only reads the attribute
        (most, on the launch-dense project): their libcst parse found nothing."""
        if not attr.isascii() or name in self._twice:
            return True  # (CPython's names are normalised: only an ASCII one compares)
        if name not in self._tree_attrs:
            self._read_tree(name)
        got = self._tree_attrs[name]
        return got is None or attr in got

    def _from_class(self, name: str) -> FuncDef | None:
        """Method `name` out of its class statement parsed whole."""
        assert self.source is not None
        member = self._members[name]
        try:
            stmts, piece = self.source.statements(self.source.chunk_at_line(member.start))
        except ParseFailure:
            return None
        top = self.cid.qualname.split(".")[0]
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

    def may_assign(self, attr: str) -> bool:
        """Whether a method may assign `<something>.attr`: `assigning` without libcst's parse
        (a method's text, then CPython's tree of it; a parsed method's own node)."""
        may_store = store_test(attr, on_receiver=True, data=str)
        for name in self.names():
            member = self._members.get(name)
            if member is None or self.source is None or name in self._parsed:
                f = self.get(name)
                if f is not None and f.params is not None and attr in self._self_attrs_of(f):
                    return True
                continue
            text = self.source.line_text(member.start, member.end)
            if may_store(text) and self._may_assign(name, attr):
                return True
        return False

    def assigning(self, attr: str) -> list[FuncDef]:
        """Methods that may assign `<something>.attr` (a text check before parsing)."""
        may_store = store_test(attr, on_receiver=True, data=str)
        out: list[FuncDef] = []
        for name in self.names():
            member = self._members.get(name)
            if member is not None and self.source is not None and name not in self._parsed:
                text = self.source.line_text(member.start, member.end)
                if not may_store(text) or not self._may_assign(name, attr):
                    continue
            f = self.get(name)
            if f is not None and f.params is not None and attr in self._self_attrs_of(f):
                out.append(f)
        return out


class ClassInfo:
    def __init__(
        self, analyzer: Knowledge, cid: FuncId, node: cst.ClassDef, piece: Piece, methods: Methods
    ) -> None:
        self.analyzer = analyzer
        self.id = cid
        self.path, self.qualname = cid.path, cid.qualname
        self.node = node
        self.piece = piece
        self.methods = methods
        self._attrs: dict[str, Value] | None = None
        self._bases: list[ClassInfo] | None = None
        self._external_bases: set[str] = set()  # library classes it derives from, dotted
        # The names written in its base expressions that evaluate to something other than a
        # class (an unknown import, a call): every name, until they are evaluated or when that
        # fails (`may_derive_from`).
        self._open_bases: frozenset[str] | None = None
        self._instance: dict[str, Value] = {}
        # Attributes being resolved, with the summary depth their resolution began at.
        self._resolving: dict[str, int] = {}
        # Of those, the ones read meanwhile: what read them holds their placeholder (`settle`).
        self._read_early: set[str] = set()
        self.deps: set[str] = {self.path}  # files read to answer questions about this class
        self._stored_over: dict[str, bool] = {}  # `stores_over_method`

    def bases(self) -> list[ClassInfo]:
        if self._bases is None:
            self._bases = []  # (what is read of this class while its bases are evaluated)
            self._open_bases = None
            with self.analyzer.tracking() as deps:
                try:
                    self._compute_bases(self._bases)
                except Exception as exc:  # contained: the class's file fails, the run goes on
                    self.analyzer.contain(self.path, f"the bases of {self.qualname}", exc)
            self.deps |= deps
        return self._bases

    def _compute_bases(self, out: list[ClassInfo]) -> None:
        scope = self.analyzer.module_scope(self.path)
        assert scope is not None  # (its module was read to build the class)
        interp = self.analyzer.body_frame(scope.module_func(self.piece))
        open_: set[str] = set()
        for arg in self.node.bases:
            if arg.keyword is not None:
                continue
            for o in options(interp.eval(arg.value)):
                info = self.analyzer.class_info(o.cls) if isinstance(o, ClassRef) else None
                if info is not None and info is not self:
                    out.append(info)
                elif isinstance(o, ExternalRef):
                    self._external_bases.add(o.name)
                else:
                    # (Itself: `class Command(Command)` read its own name, not the import.)
                    open_.update(_names_in(arg.value))
        self._open_bases = frozenset(open_)

    @property
    def bases_known(self) -> bool:
        """Whether the class's bases were evaluated to the end (not being evaluated, nor
        failed)."""
        return self._bases is not None and self._open_bases is not None

    def may_derive_from(self, base: FuncId) -> bool:
        """Whether one of the class's own bases may be class `base`: evaluated to it, or not
        evaluated to a class at all where written with its name (`amp.Command` of an unknown
        `amp`, which may be `base`'s module; not the class `Command` of another module, nor
        of a library)."""
        bases = self.bases()
        if self._open_bases is None or base.name in self._open_bases:
            return True  # (its bases not evaluated: being evaluated, or failed)
        # (By name within its file: `Tool@3`, a class statement a later one of its name shadows,
        # is the same class for this question.)
        name = _SHADOWED_AT.sub("", base.qualname)
        return any(b.path == base.path and _SHADOWED_AT.sub("", b.qualname) == name for b in bases)

    def mro(self, seen: set[FuncId] | None = None) -> Iterator[ClassInfo]:
        seen = seen if seen is not None else set()
        if self.id in seen:
            return
        seen.add(self.id)
        yield self
        for b in self.bases():
            yield from b.mro(seen)

    def class_attrs(self) -> dict[str, Value]:
        if self._attrs is None:
            self._attrs = {}  # (what is read of this class while its body runs)
            with self.analyzer.tracking() as deps:
                try:
                    self._compute_attrs(self._attrs)
                except Exception as exc:  # contained, as in `bases`
                    self.analyzer.contain(self.path, f"the body of class {self.qualname}", exc)
            self.deps |= deps
        return self._attrs

    def _compute_attrs(self, out: dict[str, Value]) -> None:
        scope = self.analyzer.module_scope(self.path)
        assert scope is not None  # (its module was read to build the class)
        func = replace(scope.module_func(self.piece), qualname=self.qualname)
        interp = self.analyzer.body_frame(func, class_body=True)
        # The methods are names in the body too (`execute = run` binds a second name to one),
        # though their definitions are parsed one at a time, not run here.
        methods = {
            name: FuncRef(trace=(), func=self.id.member(name)) for name in self.methods.names()
        }
        interp.env.update(methods)
        interp.run(block(self.node.body))
        for name, value in interp.env.items():
            if methods.get(name) is not value:
                out[name] = value

    def lookup(self, name: str) -> Value | None:
        """A class attribute or method, through project-defined base classes."""
        for cls in self.mro():
            if name in cls.methods:
                method_id = cls.methods.method_id(name)
                if method_id is not None:
                    return FuncRef(trace=(), func=method_id)
            attrs = cls.class_attrs()
            if name in attrs:
                v = attrs[name]
                if isinstance(v, LazyImport):
                    scope = self.analyzer.module_scope(v.module)
                    v = scope.lookup(v.name) if scope is not None else unknown("import not found")
                # Filled by calls of a method storing its parameter in it (`cls._registry[name]
                # = config` in `register`): what those calls pass is held too; stored into
                # where that is not evaluated, it holds what is not known too.
                v = self.analyzer.container_value(cls.path, cls.id, name, v)
                # Stored from outside the class body (`Config.CMD = "codex"`): those too.
                return self.analyzer.attr_stored_value(cls.path, cls.id, name, v, instance=False)
        return None

    def stores_over_method(self, name: str) -> bool:
        """Whether a method of the hierarchy may assign `self.name` where `name` is a method:
        the instance's attribute then hides the method (`self.run = other.run` in `__init__`;
        a method is no data descriptor). Asked at each read of a method on an instance: once
        per name, each method's text tested before CPython's tree of it, never parsed by libcst
        (`Methods.may_assign`)."""
        got = self._stored_over.get(name)
        if got is None:
            got = self._stored_over[name] = any(cls.methods.may_assign(name) for cls in self.mro())
        return got

    def instance_attr(self, name: str) -> Value | None:
        """`self.name`: assignments in any method (through bases) and class attributes."""
        if name in self._instance:
            if name in self._resolving:
                # Its placeholder: what reads it now is computed again once it is known.
                self.analyzer.note_partial(self._resolving[name])
                self._read_early.add(name)
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
        return None if isinstance(v, FuncRef) else v

    def enum_values(self) -> list[Value] | None:
        """The members' values of an Enum class (`class Backend(str, Enum)`), None otherwise."""
        if not any(c.bases() is not None and c._external_bases & ENUM_BASES for c in self.mro()):
            return None  # (`bases()` fills `_external_bases`; `mro` yields a class first)
        return [
            v
            for name, v in self.class_attrs().items()
            if not name.startswith("_")
            and not (isinstance(v, Ref) and not isinstance(v, InstanceRef))
        ]

    def is_protocol(self) -> bool:
        """Whether the class is a `typing.Protocol` (named among its own bases)."""
        self.bases()  # (fills `_external_bases`)
        return bool(self._external_bases & PROTOCOL_BASES)

    def library_bases(self, *, deep: bool = True) -> list[str]:
        """The library classes it derives from, dotted, through its project bases (or, not
        `deep`, among its own bases), first ones first."""
        out: list[str] = []
        for cls in self.mro() if deep else (self,):
            cls.bases()  # (fills `_external_bases`)
            out += sorted(n for n in cls._external_bases if n not in out)
        return out

    def unseen_bases(self) -> list[str]:
        """The bases, through its project bases, whose methods the analysis cannot see: library
        classes (dotted) and names not evaluated to a class (`plugins.Base` of an unknown
        import), first ones first."""
        out = self.library_bases()
        for cls in self.mro():
            out += sorted(n for n in cls._open_bases or () if n not in out)
        return out

    def launcher_bases(self, sinks: Container[str], *, deep: bool = True) -> list[str]:
        """The library classes of the sink catalogue it derives from (`class
        P(subprocess.Popen)`): constructing it runs theirs."""
        return [n for n in self.library_bases(deep=deep) if n in sinks]

    def method_names(self) -> set[str]:
        """The methods its instances have, through its project bases."""
        return {n for cls in self.mro() for n in cls.methods.names()}

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
            model = model or bool(cls._external_bases & MODEL_BASES)
            if not model and not any(
                dotted(d.decorator) in DATACLASS_DECORATORS for d in cls.node.decorators
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
        found: list[Value] = []
        if fields is not None and name in fields:
            # Set by the generated `__init__`: the receiver's constructor arguments (defaults
            # included) fill it in, as for an `__init__` parameter stored on `self`.
            field = Param(trace=(), func=self.id.init, name=name)
            # ... and set again by a method (`__post_init__` filling in a program left empty:
            # `if not self.program: self.program = "codex"`), or by `setattr` (a frozen one's
            # `object.__setattr__(self, "program", ...)`) or from outside: each may be what is
            # read.
            default = self.field_default(name)
            stored = self.analyzer.attr_stored_value(
                self.path, self.id, name, default, instance=True
            )
            # (Without the default itself: the argument holds it, filled at each construction.)
            held = {id(o) for o in options(default)} if default is not None else set()
            found += [o for o in options(stored) if id(o) not in held] if stored is not None else []
            if not found and not any(cls.methods.assigning(name) for cls in self.mro()):
                return field
            found.append(field)
        found_field = fields is not None and name in fields
        pending = unknown(f"`self.{name}` is being resolved (cycle)")
        self._instance[name] = pending
        self._resolving[name] = self.analyzer.stack_depth()
        # What another method stores from the constructor's arguments the instance keeps
        # (`self._path = which(self.binary)`) stays tied to them too: read from `self`, they
        # are the constructor's parameters, which each instance's arguments fill in.
        inits = frozenset(cls.id.init for cls in self.mro())
        try:
            for cls in self.mro():
                for method in cls.methods.assigning(name):
                    summary = self.analyzer.summary(method)
                    for v in summary.self_assigns.get(name, ()):
                        # What `__init__` stores stays tied to its parameters: each instance's
                        # constructor arguments fill them in (`Runner("codex").run()`).
                        is_init = method.id.is_init
                        v = v if is_init else strip_params(v, method, inits)
                        # A mapping or list the instance holds (`self.reg = {...}`), stored
                        # into by a method of the class or a subclass (`self.reg[name] =
                        # program`): read as a class's is (`container_value`).
                        found.append(self.analyzer.container_value(cls.path, cls.id, name, v))
                attrs = cls.class_attrs()
                if name in attrs and not found_field:
                    # (The class's mapping or list as `lookup` reads it: `self._registry`. Not a
                    # field's default: the constructor's argument, above, holds it, filled at
                    # each construction.)
                    v = self.analyzer.container_value(cls.path, cls.id, name, attrs[name])
                    v2 = self.analyzer.attr_stored_value(cls.path, cls.id, name, v, instance=False)
                    found.append(v if v2 is None else v2)
            # Stored on an instance or the class from outside its methods (`c.bin = ...`,
            # `C.bin = ...`, `setattr(self, "bin", ...)`): those too.
            more = self.analyzer.attr_stored_value(
                self.path, self.id, name, alt(found) if found else None, instance=True
            )
            if more is not None:
                found = [more]
        finally:
            del self._resolving[name]
        result = alt(found) if found else None
        if name in self._read_early:
            self._read_early.discard(name)
            if result is not None:
                result = settle(result, pending)
        if result is None:
            del self._instance[name]
        else:
            self._instance[name] = result
        return result


# A decorator's line at the top level, its dotted head (`@retry(3)`: `retry`).
_DECORATOR_HEAD = lazy_compile(r"(?m)^@[ \t]*([\w.]+)")

# Steps of an attribute's value computed from itself before what is left stays unknown.
MAX_SELF_STEPS = 4


_SHADOWED_AT = lazy_compile(re.escape(SHADOWED) + r"\d+")  # (`Tool@3` -> `Tool`)


def _names_in(node: cst.CSTNode) -> Iterator[str]:
    """The names an expression is written with (`six.with_metaclass(Meta, Base)`: each)."""
    todo = [node]
    while todo:
        n = todo.pop()
        if isinstance(n, cst.Name):
            yield n.value
        else:
            todo.extend(n.children)


def settle(value: Value, pending: Unknown) -> Value:
    """An attribute's value whose assignments read the attribute itself (`self.cmd =
    shutil.which(self.cmd)`, `pending` standing for the read): the fixpoint of its alternatives.
    It starts from the alternatives that do not read it, and each read stands for the value so
    far; one that does not settle (`self.argv = [*self.argv, "-v"]`) keeps an unknown there.
    (A read inside a string, `self.cmd + "-x"`, is a hole of that string: unknown already.)"""

    def is_pending(x: Value) -> bool:
        # The placeholder, wherever it went: copies with other hops keep its reason object (an
        # attribute of the same name being resolved for another class has another one).
        return type(x) is Unknown and x.reason is pending.reason

    def reads(v: Value) -> bool:
        hit = False

        def leaf(x: Value) -> Value | None:
            nonlocal hit
            hit = hit or is_pending(x)
            return None

        rebuild(v, leaf)
        return hit

    base = [o for o in options(value) if not reads(o)]
    if not base:
        return value  # assigned only from itself: its placeholder says so
    current = alt(base)

    def step(so_far: Value) -> Value:
        return rebuild(value, lambda x: so_far if is_pending(x) else None)

    for _ in range(MAX_SELF_STEPS):
        following = step(current)
        if following == current:
            return current
        current = following
    # What it reached so far stays, with an unknown for the steps not taken.
    attr = pending.reason.split("`")[1]
    stuck = alt([current, unknown(f"`{attr}` is computed from itself without end")])
    return rebuild(value, lambda x: stuck if is_pending(x) else None)


_STAR_IMPORT = lazy_compile(r"import\s*\(?\s*\*")
_OPEN_IMPORT = lazy_compile(r"\bimport\s*\([^)]*$")  # a parenthesised list going on below
_BINDING_WORDS = lazy_compile(
    r"^\s*(?:for|async\s+for|with|async\s+with|global|del)\b|\bas\s+\w|:=|^\s*(?:async\s+)?(?:def|class)\s"
)
# A module-level call changing a container in place (`TABLE.update(...)`, `PROGRAMS.append(x)`):
# a binder of its name, so that its value is the container after the call.
_MUTATED = lazy_compile(
    r"^\s*([A-Za-z_]\w*)\s*\.\s*(?:update|setdefault|append|extend|insert|pop|remove|clear"
    r"|reverse|sort|__iadd__|__setitem__|__delitem__)\s*\("
)
_BARE_NAME = lazy_compile(r"^\s*[A-Za-z_]\w*\s*,?\s*(?:#.*)?$")
_IDENT = lazy_compile(r"[A-Za-z_]\w*")
# A `for` statement's header: its target (up to the first `in`) is what it binds.
_LOOP_TARGET = lazy_compile(r"^\s*(?:async\s+)?for\s+(.+?)\s+in\b")
# What can change a name's value where it is only read (`mutate`: `X.append(v)` in a loop's
# iterable, a walrus, code or a string the line holds): a line with any keeps all its words.
_MAY_CHANGE = lazy_compile(
    r"""\.\s*(?:update|setdefault|append|extend|insert|pop|remove|clear|reverse|sort|__iadd__"""
    r"""|__setitem__|__delitem__)\b|:=|['"#\\;]|^\s*case\b"""
)


def _outside_brackets(line: str) -> Iterator[tuple[int, str]]:
    """The characters of `line` not inside brackets opened on it, with their positions."""
    depth = 0
    for i, ch in enumerate(line):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth <= 0:
            yield i, ch


def _reads_only(line: str) -> bool:
    """Whether every `=` of `line` is inside brackets opened on it (keyword arguments,
    defaults) and nothing on it may change what it reads (`_MAY_CHANGE`): the names it reads,
    a `for` header's iterable, are bound elsewhere. A superset still: a continuation line
    (`    key=value,` inside a call begun above) stays a binder of its words."""
    if _MAY_CHANGE.search(line):
        return False
    for i, ch in _outside_brackets(line):
        if ch == "=":
            before = line[i - 1] if i else ""
            after = line[i + 1] if i + 1 < len(line) else ""
            if "=" not in (before, after) and before not in "!<>":
                return False  # an assignment (`x = f(a=1)`, `x += 1`)
    return True


def _loop_target(line: str) -> str | None:
    """The target of the `for` header on `line` (`for k, v in items(x):` -> `k, v`); None
    for another line, or a header with its body on the line (`for x in y: del X[x]`)."""
    m = _LOOP_TARGET.match(line)
    if m is None:
        return None
    text = line.rstrip()
    for i, ch in _outside_brackets(text):
        if ch == ":":
            return m.group(1) if i == len(text) - 1 else None
    return m.group(1)  # (a header going on below: its body is on lines of its own)


_GLOBAL_DECL = lazy_compile(r"^[ \t]+global[ \t]+([\w \t,]+)", re.M)


def _global_stores(
    stmts: Sequence[cst.BaseStatement], name: str
) -> Iterator[tuple[cst.FunctionDef, NameStores]]:
    """The functions (methods and nested functions too) declaring `global name`, with their
    stores to it (statements walked, expressions only in those functions)."""
    for st in statements_of(stmts, into_defs=True):
        if isinstance(st, cst.FunctionDef) and name in declared(st, cst.Global):
            yield st, stores_in(st, name)


# A name's binding chunks (`ModuleScope._index`): one index, or several in ascending order.
Binders = dict[str, int | list[int]]


def _bind(binders: Binders, name: str, index: int) -> None:
    """Note chunk `index` as a binder of `name` (indices come in ascending order). Most names
    have one binder, kept as the index itself: a module scope keeps its index all run long
    (a list of one per name was 4.4 MB of the corpus's peak). The name is interned: the same
    identifiers recur in every module (and as libcst's `Name` values, `trivia`)."""
    got = binders.get(name)
    if got is None:
        binders[intern(name)] = index
    elif isinstance(got, int):
        if got != index:
            binders[name] = [got, index]
    elif got[-1] != index:
        got.append(index)


def _binders_of(binders: Binders, name: str) -> set[int]:
    got = binders.get(name)
    if got is None:
        return set()
    return {got} if isinstance(got, int) else set(got)


class ModuleScope:
    """The global names of one module, resolved lazily (only the statements that bind them)."""

    def __init__(self, analyzer: Knowledge, path: str, source: SourceFile) -> None:
        self.analyzer = analyzer
        self.path = path
        self.source = source
        self._values: dict[str, Value] = {}
        self._module_funcs: dict[int, FuncDef] = {}
        self._binders: Binders | None = None
        self._stars: list[int] = []
        self._deps: dict[str, frozenset[str]] = {}  # files each resolved name was read from
        self._keys: dict[str, str] = {}  # each name's key in a dependency set (`name_key`)
        self._running: dict[int, int] | None = None  # chunks being run: how deep (`MAX_REENTRY`)
        # Name -> the def/class chunks whose functions may declare it `global` (`_global_writers`).
        self._globals: Binders | None = None

    def module_func(self, piece: Piece) -> FuncDef:
        key = id(piece)
        f = self._module_funcs.get(key)
        if f is None:
            f = FuncDef(
                id=FuncId(self.path, MODULE_CODE),
                path=self.path,
                qualname=MODULE_CODE,
                node=None,
                body=(),
                piece=piece,
            )
            self._module_funcs[key] = f
        return f

    def lookup(self, name: str) -> Value:
        a = self.analyzer
        cached = self._values.get(name)
        # What the name's value is read from as it ends up, also when read while it is being
        # resolved (an import cycle): `dataflow.tracking`.
        a.touch(self.name_key(name))
        if cached is not None:
            return cached
        self._values[name] = unknown(f"`{name}` refers to itself")
        with a.tracking(enclosing=False) as deps:
            a.touch(self.path)
            try:
                value = self._resolve(name)
                if name in self._global_writers():
                    value = self._with_global_writes(name, value)
            except ParseFailure as exc:
                value = unknown(exc.reason)
            except Exception as exc:  # contained: the module's file fails, the reader's is open
                value = a.contain(self.path, f"`{name}` in {self.path}", exc)
        self._values[name] = value
        got = frozenset(deps)
        self._deps[name] = a.dep_sets.setdefault(got, got)
        return value

    def decorator_heads(self, name: str) -> list[str]:
        """The dotted heads of the decorators of module-level function `name` (`@as_runner`,
        `@retry(3)`: `retry`), by its text (its last `def` at the top level)."""
        binders, _ = self._index()
        chunks = self.source.chunks
        defs = sorted(i for i in _binders_of(binders, name) if chunks[i].kind == "def")
        if not defs:
            return []
        c = chunks[defs[-1]]
        if not self.source.line_text(c.start, c.start + 1).startswith("@"):
            return []  # (a chunk starts at its first decorator)
        return _DECORATOR_HEAD.findall(self.source.line_text(c.start, c.end))

    def name_key(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            key = self._keys[name] = self.analyzer.node_key(NAME, FuncId(self.path, name))
        return key

    def name_deps(self, name: str) -> Iterable[str]:
        """What the value of global `name` was read from (`lookup`)."""
        return self._deps.get(name, (self.path,))

    def _index(self) -> tuple[Binders, list[int]]:
        """Which module-level chunks can bind which names (one pass over module-level code).

        A name is bound by `def`/`class` (the chunk's own name) or, in other module-level
        statements, on a line that assigns, imports, loops or `with ... as`; identifiers on such
        lines are candidates (a superset: the interpreter decides). `def` and `class` bodies are
        skipped: they are most of a module and bind nothing at module level.
        """
        if self._binders is not None:
            return self._binders, self._stars
        # Chunk indices in ascending order without repeats (`_bind`).
        binders: Binders = {}
        stars: list[int] = []
        src = self.source
        for i, c in enumerate(src.chunks):
            if c.kind in ("def", "class"):
                _bind(binders, c.name, i)
                continue
            # Inside `from m import (` ... `)` every line binds its names, however they are laid
            # out (`a, b,` or a last `c)`), not only lines holding one bare name.
            in_import = False
            for line in src.line_text(c.start, c.end).split("\n"):
                if in_import:
                    in_import = ")" not in line
                    head = line
                elif "import" in line:
                    if _STAR_IMPORT.search(line):
                        stars.append(i)
                    in_import = _OPEN_IMPORT.search(line) is not None
                    head = line
                elif (mutated := _MUTATED.match(line)) is not None:
                    head = mutated.group(1)
                elif "=" in line:
                    head = line.split("=", 1)[0]
                    if head.rstrip().endswith(("!", "<", ">")):
                        continue
                    if _reads_only(line):
                        # Only keyword arguments or defaults (`f(x, key=v)`): what it binds
                        # is a loop's target at most.
                        head = _loop_target(line) or ""
                elif _BINDING_WORDS.search(line) or _BARE_NAME.match(line):
                    head = (_loop_target(line) if _reads_only(line) else None) or line
                else:
                    continue
                for ident in _IDENT.findall(head):
                    _bind(binders, ident, i)
        self._binders, self._stars = binders, stars
        return binders, stars

    def _global_writers(self) -> Binders:
        """Which def and class chunks may assign which names through `global` (a text scan, a
        superset: `_with_global_writes` reads the parsed functions)."""
        if self._globals is None:
            found: Binders = {}
            text = self.source.text
            if "global" in text:  # (the cache's gates hold the word: `run.blocks`)
                src = self.source
                for m in _GLOBAL_DECL.finditer(text):
                    index = src.chunk_at_line(src.line_of(m.start()))
                    if src.chunks[index].kind not in ("def", "class"):
                        continue  # `global` at module level binds nothing
                    for ident in _IDENT.findall(m.group(1)):
                        _bind(found, ident, index)
            self._globals = found
        return self._globals

    def _with_global_writes(self, name: str, value: Value) -> Value:
        """`value` of module name `name` with what functions assign to it through `global`
        (`global CLI; CLI = "codex"` in `configure()`): any of them may have run before a
        read, so each is an alternative (one the function computes from its own locals or
        parameters is not known here: the read stays open unless another names a forbidden
        program)."""
        writes: list[Value] = []
        for index in sorted(_binders_of(self._global_writers(), name)):
            stmts, piece = self.source.statements(index)
            for func, stores in _global_stores(stmts, name):
                inner = local_names(func, stores)
                for target, rhs in stores.found:
                    writes.append(self._global_write(name, func, target, rhs, inner, piece))
        if not writes:
            return value
        return alt([value, *writes])

    def _global_write(
        self,
        name: str,
        func: cst.FunctionDef,
        target: cst.CSTNode,
        rhs: cst.BaseExpression | None,
        inner: set[str],
        piece: Piece,
    ) -> Value:
        where = func.name.value
        if rhs is None:
            return unknown(f"`{name}` is assigned in {where}() through `global`")
        if inner & names_in(rhs):
            return unknown(f"`{name}` is assigned in {where}() from its locals, through `global`")
        frame = self.analyzer.body_frame(self.module_func(piece), module_level=True)
        frame.env = {}
        with frame.quietly():
            got = frame.eval(rhs)
        note = f"{name} assigned in {where}() (global) as {{code}}"
        return got.with_trace((frame.hop(target, note, rhs),)) if not isinstance(got, Ref) else got

    def _resolve(self, name: str) -> Value:
        src = self.source
        binders, stars = self._index()
        wanted = _binders_of(binders, name)
        star = [i for i in stars if i not in wanted]
        env: dict[str, Value] = {}
        chunks = src.chunks
        for i in sorted(wanted | set(star)):
            chunk = chunks[i]
            if chunk.kind in ("def", "class") and chunk.name == name:
                # Binding a def or class needs no parse: it is a reference to it.
                defined = FuncId(self.path, name)
                env[name] = (
                    FuncRef(trace=(), func=defined)
                    if chunk.kind == "def"
                    else ClassRef(trace=(), cls=defined)
                )
                continue
            stmts, piece = src.statements(i)
            # A statement that binds many names and reads others before it binds them runs
            # again inside itself for each: protobuf's generated `_pb2` modules end in a block
            # that sets an attribute of every descriptor (`_X._options = None`), which nested a
            # run per name until Python's stack ran out (an internal error on the file).
            running = self._running if self._running is not None else {}
            self._running = running
            depth = running.get(i, 0)
            if depth >= MAX_REENTRY:
                self.analyzer.effects += 1
                line = chunk.start + 1
                return unknown(
                    f"{self.path}:{line} is run inside itself more than {MAX_REENTRY} times "
                    f"to resolve `{name}`"
                )
            running[i] = depth + 1
            try:
                interp = self.analyzer.body_frame(self.module_func(piece), module_level=True)
                interp.env = env
                interp.run(stmts)
            finally:
                running[i] = depth
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
            # So is what calls of a function storing its parameter in it pass (`register("g",
            # Spec(...))` of `def register(name, spec): REGISTRY[name] = spec`); stored into
            # where that is not evaluated (`add(p)` of `def add(p): PROGRAMS.append(p)`), a
            # mapping or list holds what is not known too.
            v = self.analyzer.container_value(self.path, None, name, v)
            # Stored from another module (`config.CMD = "codex"`, `setattr(config, "CMD",
            # ...)`): those too.
            out = self.analyzer.attr_stored_value(self.path, None, name, v, instance=False)
            return v if out is None else out
        if self.analyzer.project.is_package(self.path):
            sub = self.analyzer.project.submodule(self.path, name)
            if sub is not None:
                return ModuleRef(trace=(), path=sub)
        return unknown(f"`{name}` is not defined in {self.analyzer.project.module_name(self.path)}")

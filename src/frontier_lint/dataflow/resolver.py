"""Resolve what an expression can be, across the whole project.

`Analyzer` owns project-wide knowledge, computed on demand and memoised: the global names of each
module (`ModuleScope`), classes (`ClassInfo`), and a summary of each function (`FunctionSummary`:
what it returns and which of its parameters reach a launch site); those live in `definitions`,
values standing for work not done yet in `deferred`. `Interpreter` walks one function
body in order, keeping an environment of local values: branches give alternatives, a reassignment
replaces, `append`/`extend`/`+=` grow a list. Parameters stay symbolic (`Param`) and are filled in
at each call site, which is how builders (return values) and wrappers (parameters that reach a
sink) are followed from one module to another.

Launch sites are recognised here too (they are calls, and the interpreter sees every call), and
each becomes a `SinkEvent`; `launches.classify` decides what an event means.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import replace
from itertools import product

import libcst as cst

from frontier_lint.dataflow import searches
from frontier_lint.dataflow.definitions import (
    ClassInfo,
    Failure,
    FuncDef,
    FunctionResults,
    FunctionSummary,
    Methods,
    ModuleScope,
    SinkEvent,
    describe_error,
    method_def,
)
from frontier_lint.dataflow.lazy import (
    STAR_KWARGS,
    Deferred,
    LazyAttr,
    LazyCall,
    LazyImport,
    LocalFunc,
    has_lazy,
    instance_read,
    params_in,
    pick,
    reads_bare_instance,
    rebuild,
    redo_on,
    split_words,
    substitute,
    substitute_lazy,
)
from frontier_lint.dataflow.models import (
    BUILTINS,
    EXTERNAL_VALUES,
    FIELD_DECLARATIONS,
    MODELS,
    PATH_IDENTITY,
    STR_METHODS,
    apply_str,
    dict_get,
    env_value,
    format_template,
    join,
    shlex_split,
)
from frontier_lint.dataflow.values import (
    HOLE,
    MAX_ALTERNATIVES,
    TOO_MANY_COMBINATIONS,
    Alt,
    Concat,
    Const,
    DictV,
    Param,
    Ref,
    Seq,
    Splat,
    Str,
    Unknown,
    Value,
    alt,
    as_text,
    concat,
    has_param,
    hole_reason,
    map_text,
    options,
    seq,
    seq_concat,
    string,
    unknown,
)
from frontier_lint.dataflow.verdict import RawUnresolved
from frontier_lint.frontend.grammar import check_expression
from frontier_lint.frontend.parsing import LazyHop, ParseFailure, Piece, SiteRef
from frontier_lint.frontend.project import Project
from frontier_lint.frontend.syntax import (
    block,
    children,
    conditional_defs,
    describe,
    dotted,
    literal,
)
from frontier_lint.settings.catalogue import Catalogue, SinkSpec

_TOP_DEF = re.compile(rb"def[ \t]+(\w+)")

MAX_CALL_DEPTH = 24
MAX_LOCAL_DEPTH = 4  # nested functions and lambdas calling each other
MAX_LAZY_READS = 64  # `cfg.a.b.c...` on a value computed later
# Loop bodies run once per item: items (of all loops being unrolled together) times the
# alternatives of the values they build, at most.
MAX_UNROLL = 64


class Analyzer:
    """Project-wide, memoised resolution state for one run."""

    def __init__(self, project: Project, catalogue: Catalogue) -> None:
        self.project = project
        self.catalogue = catalogue
        self.sinks: dict[str, SinkSpec] = dict(catalogue.sinks)
        self.sink_modules = frozenset(call.split(".")[0] for call in catalogue.sinks)
        self._scopes: dict[str, ModuleScope | None] = {}
        self._classes: dict[str, ClassInfo | None] = {}
        self._funcs: dict[str, FuncDef | None] = {}
        # Answers of the searches by name, with what they read (replayed when reused).
        self._overrides: dict[tuple[str, str], tuple[bool, frozenset[str]]] = {}
        self._subclasses: dict[str, list[tuple[str, str]]] | None = None
        self._registries: dict[tuple[str, str], tuple[list[Value], frozenset[str]]] = {}
        self.summaries: dict[str, FunctionSummary] = {}
        self._in_progress: set[str] = set()
        # Constructor id -> (method id, launch event) for launches waiting for its arguments.
        self.constructor_events: dict[str, list[tuple[str, SinkEvent]]] = {}
        # Functions being summarised, innermost last; summaries that saw a placeholder of one
        # of them (a cycle) and are computed again at the end (`_redo_tainted`), once each.
        self._stack: list[str] = []
        self._stack_funcs: dict[str, FuncDef] = {}
        self._tainted: dict[str, FuncDef] = {}
        self._redone: set[str] = set()
        self._chunk_defs: dict[tuple[str, int], list[FuncDef]] = {}
        # Which files each answer was read from, so a cache can tell what an edit invalidates.
        self._dep_stack: list[set[str]] = []
        self._summary_deps: dict[str, frozenset[str]] = {}
        # Functions whose summaries are computed at each call (they can launch, or pass their
        # parameters to a launch); calls of other functions are deferred (`Deferred`).
        self.eager: set[str] = set()
        self.forcing: list[str] = []  # deferred calls being computed (recursion guard)
        # Method names worth resolving at once on a deferred receiver: sinks and wrappers.
        self.interesting_names: set[str] = {c.rsplit(".", 1)[1] for c in catalogue.sinks}
        # What the configuration declares environment variables may hold (`env:`).
        self.declared_env: dict[str, Value] = {}
        self.for_launch = 0  # > 0 while forcing a value a launch or a call needs
        self._chains: dict[str, frozenset[str]] = {}
        self._live: dict[str, Interpreter] = {}  # functions being summarised, by id
        # Results recorded by every function analysed: keyed by function id.
        self.results: dict[str, FunctionResults] = {}
        self._grown: dict[int, tuple[cst.CSTNode, frozenset[str]]] = {}
        # Internal errors contained while analysing a file (its FL201): path -> the first one.
        self.failures: dict[str, Failure] = {}
        # The classifier: given an event arriving at a call, records findings and returns the
        # programs it reported (so callers filling in parameters do not report them again).
        self.on_event: (
            Callable[[SinkEvent, SiteRef, FunctionResults], tuple[frozenset[str], bool]] | None
        ) = None

    # --- containment ----------------------------------------------------------------------

    def contain(
        self,
        path: str,
        what: str,
        exc: BaseException,
        piece: Piece | None = None,
        node: cst.CSTNode | None = None,
    ) -> Unknown:
        """An internal error while analysing `what` in file `path`: the file fails the gate
        (its first such error is its FL201), and the value that was being computed is unknown
        with the error as its reason, so whatever reads it is unresolved, never clean."""
        reason = f"internal error while analysing {what}: {describe_error(exc)}"
        self.failures.setdefault(path, Failure(path, reason, piece, node))
        return unknown(reason)

    # --- dependency tracking ------------------------------------------------------------

    def touch(self, path: str) -> None:
        if self._dep_stack:
            self._dep_stack[-1].add(path)

    def touch_all(self, paths: Iterable[str]) -> None:
        if self._dep_stack:
            self._dep_stack[-1].update(paths)

    def searched(self, search: searches.Search) -> None:
        """The answer being computed comes from a search of the project by name: a file that
        comes to match it changes the answer (see `searches`)."""
        self.touch(search.key)

    @contextmanager
    def tracking(self) -> Iterator[set[str]]:
        """Collect the files read inside the block (they also count for enclosing blocks)."""
        deps: set[str] = set()
        self._dep_stack.append(deps)
        try:
            yield deps
        finally:
            self._dep_stack.pop()
            if self._dep_stack:
                self._dep_stack[-1].update(deps)

    # --- lookups ------------------------------------------------------------------------

    def module_scope(self, path: str) -> ModuleScope | None:
        self.touch(path)
        if path in self._scopes:
            return self._scopes[path]
        # A module file, or a Python script named on the command line (`bin/tool`, `x.pyw`);
        # not a namespace package's directory.
        src = (
            self.project.source(path)
            if path.endswith(".py") or path in self.project.files
            else None
        )
        scope = ModuleScope(self, path, src) if src is not None else None
        if (
            scope is None
            and not path.endswith(".py")
            and path + "/__init__.py" not in self.project.files
        ):
            scope = None
        self._scopes[path] = scope
        return scope

    def _build_class(self, cid: str) -> ClassInfo | None:
        path, qualname = cid.split(":", 1)
        src = self.project.source(path)
        if src is None:
            return None
        parts = qualname.split(".")
        if len(parts) > 1:
            # A nested class lives in its parent's skeleton (nested classes are not blanked).
            parent = self.class_info(f"{path}:{'.'.join(parts[:-1])}")
            if parent is None:
                return None
            inner = next(
                (
                    st
                    for st in block(parent.node.body)
                    if isinstance(st, cst.ClassDef) and st.name.value == parts[-1]
                ),
                None,
            )
            if inner is None:
                return None
            methods = {
                st.name.value: method_def(cid, st, parent.piece)
                for st in block(inner.body)
                if isinstance(st, cst.FunctionDef)
            }
            return ClassInfo(self, cid, inner, parent.piece, Methods(cid, None, (), methods))
        for i, c in enumerate(src.chunks):
            if c.kind != "class" or c.name != parts[0]:
                continue
            members = src.members(i)
            if members is not None:
                try:
                    node, piece = src.class_skeleton(i, members)
                    # Methods defined under `if`/`try` in the class body stay in the skeleton.
                    nested = {
                        st.name.value: method_def(cid, st, piece) for st in conditional_defs(node)
                    }
                    methods = Methods(cid, src, members, nested)
                    return ClassInfo(self, cid, node, piece, methods)
                except (cst.ParserSyntaxError, StopIteration, ValueError):
                    pass  # the indentation scan guessed wrong: parse the whole class
            stmts, piece = src.statements(i)
            node = next((s for s in stmts if isinstance(s, cst.ClassDef)), None)
            if node is None:
                return None
            parsed = {
                st.name.value: method_def(cid, st, piece)
                for st in block(node.body)
                if isinstance(st, cst.FunctionDef)
            }
            return ClassInfo(self, cid, node, piece, Methods(cid, None, (), parsed))
        return None

    def class_info(self, cid: str) -> ClassInfo | None:
        if cid in self._classes:
            got = self._classes[cid]
            self.touch_all(got.deps if got is not None else (cid.split(":", 1)[0],))
            return got
        self.touch(cid.split(":", 1)[0])
        try:
            info = self._build_class(cid)
        except ParseFailure:
            info = None
        self._classes[cid] = info
        return info

    def overridden(self, cid: str, attr: str) -> bool:
        """Whether a project class deriving from class `cid` (by name, at any depth) sets
        `attr` itself: at class level or as `self.attr = ...` (by text, in its file)."""
        key = (cid, attr)
        got = self._overrides.get(key)
        if got is not None:
            self.touch_all(got[1])
            return got[0]
        name = re.escape(attr.encode(errors="surrogateescape"))
        assigns = re.compile(rb"(?<![\w.])" + name + rb"[ \t]*[:=]")
        self_assigns = re.compile(rb"self\.[ \t]*" + name + rb"[ \t]*=")
        found = False
        with self.tracking() as deps:
            for path, _ in self._descendants(cid):
                self.touch(path)
                data = self.project.raw(path)
                if assigns.search(data) or self_assigns.search(data):
                    found = True
                    break
        self._overrides[key] = (found, frozenset(deps))
        return found

    def implementations(self, method: str, cid: str, attr: str) -> list[tuple[str, str]]:
        """For an abstract method (`@abstractmethod`, or a body that only documents, passes
        or raises NotImplementedError): the project subclasses of `cid` (at any depth) that
        define `attr`, as (class id, method id). Empty for a method with a body."""
        func = self.funcdef(method)
        if func is None or func.node is None or not _is_abstract(func.node):
            return []
        out: list[tuple[str, str]] = []
        for path, sub in self._descendants(cid):
            info = self.class_info(f"{path}:{sub}")
            impl = info.methods.get(attr) if info is not None else None
            if impl is not None and impl.node is not None and not _is_abstract(impl.node):
                out.append((info.id, impl.id))  # type: ignore[union-attr]
        return sorted(out)

    def _descendants(self, cid: str) -> Iterator[tuple[str, str]]:
        """Project classes deriving from class `cid`, at any depth, by name (path, name)."""
        index = self._subclass_index()
        todo, seen = [cid.rsplit(":", 1)[-1].rsplit(".", 1)[-1]], set()
        while todo:
            name = todo.pop()
            self.searched(searches.Search(searches.SearchKind.SUBCLASSES, name))
            for path, sub in index.get(name, ()):
                if (path, sub) not in seen:
                    seen.add((path, sub))
                    todo.append(sub)
                    yield path, sub

    def registered(self, path: str, name: str) -> list[Value]:
        """What a module's registering decorators put in its mapping `name`: a function of the
        module storing its argument (`PROVIDERS[key] = cls`, in the function or a nested one)
        registers every project class or function decorated with it (`@register("codex")`).
        Found by text: the storing statement in the module, then the decorated definitions in
        the files that name the decorator."""
        key = (path, name)
        got = self._registries.get(key)
        if got is not None:
            self.touch_all(got[1])
            return got[0]
        self._registries[key] = ([], frozenset())
        with self.tracking() as deps:
            out = self._registered(path, name)
        self._registries[key] = (out, frozenset(deps))
        return out

    def _registered(self, path: str, name: str) -> list[Value]:
        self.touch(path)
        data = self.project.raw(path)
        stores = re.compile(
            rb"^[ \t]+"
            + re.escape(name.encode(errors="surrogateescape"))
            + rb"[ \t]*\[[^\]\n]*\][ \t]*=[ \t]*(\w+)[ \t]*$",
            re.M,
        )
        registrars: set[bytes] = set()
        for m in stores.finditer(data):
            # The top-level `def` holding the store (the decorator, or its factory).
            top = _TOP_DEF.match(data, data.rfind(b"\ndef ", 0, m.start()) + 1)
            if top is not None:
                registrars.add(top.group(1))
        out: list[Value] = []
        for registrar in sorted(registrars):
            self.searched(searches.Search(searches.SearchKind.REGISTERED, registrar.decode()))
            for other in sorted(self.project.files):
                for kind, found in searches.registrations(registrar, self.project.raw(other)):
                    self.touch(other)
                    out.append(Ref(trace=(), kind=kind, target=f"{other}:{found}"))
        return out

    def _subclass_index(self) -> dict[str, list[tuple[str, str]]]:
        """Base-class name -> the project classes naming it as a base (path, class name):
        one byte scan of the project, made the first time a method's launch reads an
        attribute its class sets (~0.1 s on the 2.3 M-line corpus)."""
        if self._subclasses is None:
            self._subclasses = {}
            for path in sorted(self.project.files):
                for cls, bases in searches.class_statements(self.project.raw(path)):
                    for base in bases:
                        self._subclasses.setdefault(base, []).append((path, cls))
        return self._subclasses

    def funcdef(self, fid: str) -> FuncDef | None:
        self.touch(fid.split(":", 1)[0])
        if fid in self._funcs:
            return self._funcs[fid]
        path, qualname = fid.split(":", 1)
        result: FuncDef | None = None
        if "." in qualname:
            cls, _, meth = qualname.rpartition(".")
            info = self.class_info(f"{path}:{cls}")
            if info is not None:
                result = info.methods.get(meth)
        else:
            src = self.project.source(path)
            if src is not None:
                try:
                    for i, c in enumerate(src.chunks):
                        if c.kind == "def" and c.name == qualname:
                            stmts, piece = src.statements(i)
                            for s in stmts:
                                if isinstance(s, cst.FunctionDef) and s.name.value == qualname:
                                    result = FuncDef(fid, path, qualname, s, block(s.body), piece)
                except ParseFailure:
                    result = None
        self._funcs[fid] = result
        return result

    def summary(self, func: FuncDef, depth: int = 0) -> FunctionSummary:
        done = self.summaries.get(func.id)
        if done is not None:
            self.touch_all(self._summary_deps.get(func.id, (func.path,)))
            return done
        with self.tracking() as deps:
            self.touch(func.path)
            try:
                result = self._summarise(func, depth)
            except ParseFailure as exc:  # (already kept as its file's failure)
                why = unknown(exc.reason)
                result = FunctionSummary(returns=why, failed=why.reason)
                self.summaries[func.id] = result
            except Exception as exc:  # contained: this function's file fails, not the run
                why = self.contain(func.path, func.qualname, exc, func.piece, func.node)
                result = FunctionSummary(returns=why, failed=why.reason)
                self.summaries[func.id] = result  # not tried again: it would fail again
        if func.id in self.summaries:
            self._summary_deps[func.id] = frozenset(deps)
        if not self._stack and self._tainted:
            result = self._redo_tainted(func) or result
        return result

    def note_cycle(self, fid: str) -> None:
        """`fid` is needed while it is still being summarised: what the functions above it
        on the stack see of it is partial; they are summarised again once the outermost
        summary is done (`_redo_tainted`)."""
        at = self._stack.index(fid) if fid in self._stack else len(self._stack)
        for above in self._stack[at + 1 :]:
            self._tainted[above] = self._stack_funcs[above]

    def _redo_tainted(self, outer: FuncDef) -> FunctionSummary | None:
        """Summaries made while a function they depend on was still being summarised (a
        cycle: `run` calls `_build_args`, which reads `self._session_id`, which `run`
        assigns) saw its placeholder; those that left a launch unresolved are computed once
        more now that it is done, so the answer does not depend on which of them the
        analysis happened to start with. (Redoing every such summary cost 60 % more time and
        40 % more memory on the corpus.)"""
        again: FunctionSummary | None = None
        while self._tainted:
            fid = min(self._tainted)
            func = self._tainted.pop(fid)
            results = self.results.get(fid)
            if fid in self._redone or results is None or not results.unresolved:
                continue  # only launches left unresolved can come out differently
            self._redone.add(fid)
            self.forget(fid)
            got = self.summary(func, 0)
            if fid == outer.id:
                again = got
        return again

    def _summarise(self, func: FuncDef, depth: int) -> FunctionSummary:
        if func.id in self._in_progress:
            self.note_cycle(func.id)
            # A method reading what its own caller stored (`connect` sets `self._cli_path`,
            # then calls `_build_command`, which reads it): what the caller stored so far.
            live = self._live.get(func.id)
            stored = {k: list(vs) for k, vs in live.self_assigns.items()} if live else {}
            return FunctionSummary(
                returns=unknown(f"recursive call of {func.qualname}"), self_assigns=stored
            )
        if depth > MAX_CALL_DEPTH:
            why = (
                f"call chain deeper than {MAX_CALL_DEPTH} calls (not followed into {func.qualname})"
            )
            return FunctionSummary(returns=unknown(why), failed=why)
        self._in_progress.add(func.id)
        self._stack.append(func.id)
        self._stack_funcs[func.id] = func
        try:
            interp = Interpreter(self, func, depth=depth)
            self._live[func.id] = interp
            interp.bind_params()
            interp.run(func.body)
            interp.finish_nested()
            interp.scan_rest(func.body)
            own = interp.own_reads
            summary = FunctionSummary(
                returns=own(alt(interp.returns)) if interp.returns else Const(trace=(), value=None),
                events=interp.forwarded,
                self_assigns={k: [own(v) for v in vs] for k, vs in interp.self_assigns.items()},
                deferred=frozenset(interp.deferred),
                base_inits={
                    fid: {k: own(v) for k, v in b.items()} for fid, b in interp.base_inits.items()
                },
            )
        finally:
            self._in_progress.discard(func.id)
            self._stack.pop()
            self._stack_funcs.pop(func.id, None)
            self._live.pop(func.id, None)
        self.summaries[func.id] = summary
        if func.class_id and not func.is_static and not func.qualname.endswith(".__init__"):
            self._note_constructor_events(func, summary)
        return summary

    def _note_constructor_events(self, method: FuncDef, summary: FunctionSummary) -> None:
        """Launch events of a method that wait only for a constructor's arguments kept on
        `self` (`Runner(["gemini", "-p"])`, `start()` running `self._command`): the
        constructor's calls pass them, also where the method is called out of sight (by a
        library's users, through an object the project hands on)."""
        for ev in summary.events:
            inits = {p.func for p in params_in(ev.value)}
            if len(inits) != 1 or any(p.name.startswith((".", "?")) for p in params_in(ev.value)):
                continue
            (init,) = inits
            if not init.endswith(".__init__") or self.funcdef(init) is None:
                continue
            got = self.constructor_events.setdefault(init, [])
            if all(e is not ev for _, e in got):
                got.append((method.id, ev))

    def analyse_module_code(self, path: str, index: int) -> None:
        """Run the top-level statements of chunk `index` (scripts, module-level launches)."""
        scope = self.module_scope(path)
        if scope is None:
            return
        stmts, piece = scope.source.statements(index)
        func = replace(scope.module_func(piece), id=f"{path}:<module>@{index}")
        if func.id in self.summaries:
            return
        with self.tracking() as deps:
            self.touch(path)
            interp = Interpreter(self, func, depth=0, module_level=True)
            interp.run(stmts)
            interp.scan_rest(stmts)
        self.summaries[func.id] = FunctionSummary(returns=Const(trace=(), value=None))
        self._summary_deps[func.id] = frozenset(deps)
        self._chunk_defs[(path, index)] = interp.defined

    def module_level_defs(self, path: str, index: int) -> list[FuncDef]:
        """Functions defined by the module-level statements of a chunk (`if X: def f(): ...`)."""
        return self._chunk_defs.get((path, index), [])

    def interpreter(
        self, func: FuncDef, *, module_level: bool = False, class_body: bool = False
    ) -> Interpreter:
        """An interpreter for module-level or class-body statements (scopes and classes)."""
        return Interpreter(self, func, depth=0, module_level=module_level, class_body=class_body)

    def force(self, v: Value) -> Value:
        """A value with its deferred call results and imports computed (for callers outside an
        interpretation, such as tests and tools)."""
        dummy = FuncDef(id=":<force>", path="", qualname="<force>", node=None, body=(), piece=None)  # type: ignore[arg-type]
        return Interpreter(self, dummy, depth=0).force(v)

    def with_defaults(self, v: Value) -> Value:
        """`v` as a call that passes no argument sees it: parameters with a default take it
        (for a wrapper nothing in the project calls; its callers may live elsewhere)."""
        filled = substitute(v, self._param_default)
        return self.force(filled) if has_lazy(filled) else filled

    def _param_default(self, p: Param) -> Value | None:
        func = self.funcdef(p.func)
        if func is not None and func.node is not None:
            for q in _param_nodes(func.node.params):
                if q.name.value == p.name and q.default is not None:
                    interp = Interpreter(self, func, depth=0)
                    note = f"`{p.name}` defaults to {{code}}"
                    return interp._default(func, q.default).with_hop(interp.hop(q, note, q.default))
            return None
        if p.func.endswith(".__init__"):
            # A generated `__init__` (dataclass, attrs, pydantic): the field's declared default.
            info = self.class_info(p.func.removesuffix(".__init__"))
            if info is not None and info.dataclass_fields() is not None:
                return info.field_default(p.name)
        return None

    def callable_default(self, p: Param) -> Value | None:
        """A parameter's default when it is something to call (a sink, a project function),
        not data: None otherwise."""
        if p.name.startswith((".", "?")):
            return None
        default = self._param_default(p)
        if default is None:
            return None
        refs = [o for o in options(default) if isinstance(o, Ref)]
        callable_kinds = ("external", "function", "method", "partial", "class")
        if not refs or any(o.kind not in callable_kinds for o in refs):
            return None
        return alt(refs)

    @contextmanager
    def launching(self) -> Iterator[None]:
        """While a launch's (or a callee's) value is forced: annotated parameters' classes are
        read only then."""
        self.for_launch += 1
        try:
            yield
        finally:
            self.for_launch -= 1

    def class_chain(self, cid: str) -> frozenset[str]:
        """A class and its project base classes (ids)."""
        got = self._chains.get(cid)
        if got is None:
            info = self.class_info(cid)
            got = frozenset(c.id for c in info.mro()) if info is not None else frozenset({cid})
            self._chains[cid] = got
        return got

    def is_eager(self, fid: str) -> bool:
        if fid in self.eager or fid in self.constructor_events:
            return True
        done = self.summaries.get(fid)
        return done is not None and bool(done.events)

    def base_init_value(self, init: str, p: Param, depth: int = 0) -> Value | None:
        """What constructor `init` passes, through `super().__init__(...)` chains, for parameter
        `p` of a base class's `__init__`; in terms of `init`'s own parameters."""
        func = self.funcdef(init)
        if func is None or depth > MAX_CALL_DEPTH:
            return None
        for base, binding in self.summary(func).base_inits.items():
            if base == p.func:
                return binding.get(p.name)
            v = self.base_init_value(base, p, depth + 1)
            if v is not None:
                return substitute(
                    v, lambda q, b=base, bb=binding: bb.get(q.name) if q.func == b else None
                )
        return None

    def grown_names(self, loop: cst.For | cst.While) -> frozenset[str]:
        """`_grown_names` of a loop's body, once per loop (a function is interpreted again for
        each context it is called in)."""
        got = self._grown.get(id(loop))
        if got is None or got[0] is not loop:
            got = self._grown[id(loop)] = (loop, frozenset(_grown_names(loop.body)))
        return got[1]

    def forget(self, fid: str) -> None:
        """Drop a summary and what its analysis recorded, to compute it again."""
        self.summaries.pop(fid, None)
        self._summary_deps.pop(fid, None)
        self.results.pop(fid, None)

    def file_deps(self) -> dict[str, set[str]]:
        """For each file with analysed functions, the files their results were resolved from."""
        out: dict[str, set[str]] = {}
        for fid in self.summaries:
            path = fid.split(":", 1)[0]
            out.setdefault(path, {path}).update(self._summary_deps.get(fid, ()))
        return out

    def results_for(self, func: FuncDef) -> FunctionResults:
        r = self.results.get(func.id)
        if r is None:
            r = self.results[func.id] = FunctionResults(func.path)
        return r


_FALSY = object()
_TRAILERS = (cst.Attribute, cst.Call, cst.Subscript)
_CONSTANTS = {"None": None, "True": True, "False": False}
_MUTATORS = {"append", "extend", "insert"}


class Interpreter:
    """Walks one function body (or module-level statements) in order."""

    def __init__(
        self,
        analyzer: Analyzer,
        func: FuncDef,
        *,
        depth: int,
        module_level: bool = False,
        class_body: bool = False,
    ) -> None:
        self.a = analyzer
        self.func = func
        self.piece = func.piece
        self.depth = depth
        self.module_level = module_level
        self.class_body = class_body
        self.env: dict[str, Value] = {}
        self.returns: list[Value] = []
        self.forwarded: list[SinkEvent] = []
        self.self_assigns: dict[str, list[Value]] = {}
        self.star_imports: list[str] = []
        self.defined: list[FuncDef] = []
        self.deferred: set[str] = set()  # functions called but not followed (not yet wrappers)
        self.visited: set[int] = set()
        self._local_depth = 0  # nested functions and lambdas being run (`_call_local`)
        self._unroll = 1  # how many times the loops being unrolled run their bodies, together
        # Nested `def`s met (with the scope they were defined in) and those called here.
        self._nested: list[tuple[cst.FunctionDef, tuple[tuple[str, Value], ...]]] = []
        self._called_nested: set[int] = set()
        self.self_name: str | None = None
        self.base_inits: dict[str, dict[str, Value]] = {}  # see FunctionSummary.base_inits
        self._scope: ModuleScope | None = None
        self.quiet = (
            False  # computing a deferred value: launches are reported by their own function
        )

    # --- context ------------------------------------------------------------------------

    @property
    def scope(self) -> ModuleScope | None:
        if self._scope is None:
            self._scope = self.a.module_scope(self.func.path)
        return self._scope

    def hop(self, node: cst.CSTNode, note: str, code: cst.CSTNode | None = None) -> LazyHop:
        return LazyHop(self.func.path, self.piece, node, note, code)

    def site(self, node: cst.CSTNode) -> SiteRef:
        return SiteRef(self.func.path, self.piece, node, self.func.qualname)

    def bind_params(self) -> None:
        node = self.func.node
        if node is None:
            return
        params = [*node.params.posonly_params, *node.params.params]
        if self.func.class_id and not self.func.is_static and params:
            first = params[0].name.value
            self.self_name = first
            kind = "class" if self.func.is_classmethod else "instance"
            self.env[first] = Ref(trace=(), kind=kind, target=self.func.class_id)
            params = params[1:]
        for p in [*params, *node.params.kwonly_params]:
            self.env[p.name.value] = Param(trace=(), func=self.func.id, name=p.name.value)
        star = node.params.star_arg
        if isinstance(star, cst.Param):
            self.env[star.name.value] = Param(trace=(), func=self.func.id, name=star.name.value)
        if node.params.star_kwarg is not None:
            name = node.params.star_kwarg.name.value
            self.env[name] = Param(trace=(), func=self.func.id, name=name)

    # --- statements ---------------------------------------------------------------------

    def run(self, stmts: Sequence[cst.CSTNode]) -> None:
        for stmt in stmts:
            self.stmt(stmt)

    def _branch(self, stmts: Sequence[cst.CSTNode]) -> dict[str, Value]:
        saved = self.env
        self.env = dict(saved)
        try:
            self.run(stmts)
            return self.env
        finally:
            self.env = saved

    def _unrolled(self, node: cst.For, items: list[Value]) -> None:
        """A loop that builds a value on itself (`cmd += part`) over known items runs once per
        item, in order: `for p in ["co", "dex"]: cmd += p` leaves `cmd` == "codex". (Not a body
        that may `break` or `continue`: an iteration may stop half-way; it is widened.)"""
        self._unroll *= max(len(items), 1)
        try:
            for item in items:
                self.assign(node.target, item)
                self.run(block(node.body))
        finally:
            self._unroll //= max(len(items), 1)
        if node.orelse is not None:
            self.run(block(node.orelse.body))

    def _alternatives(self, names: Iterable[str]) -> int:
        """How many alternatives the values of `names` hold (unrolling repeats the loop body's
        work on each of them; a list built in branches before the loop holds dozens)."""
        return max((len(options(self.env[n])) for n in names if n in self.env), default=1)

    def _widen(
        self, grown: set[str], body: dict[str, Value], before: dict[str, Value], where: str
    ) -> None:
        """After one pass over a loop body: a value it builds on itself (`cmd += part`,
        `argv.append(x)`) may have grown any number of times, so its one-pass value gets an
        unknown tail (the program a list or command line starts with stays known)."""
        why = f"built in {where}"
        for name in grown:
            if name not in body or (name in before and body[name] is before[name]):
                continue
            grew: dict[int, Value] = {}
            for o in options(body[name]):
                if isinstance(o, Seq):
                    # In place of the one pass (unknown items may be none).
                    grew[id(o)] = seq([*o.items, Splat(trace=(), inner=unknown(why))], o.trace)
                elif isinstance(o, Str | Concat):
                    grew[-id(o)] = concat([o, as_text(unknown(why))])
                else:
                    grew[-id(o)] = unknown(why)
            merged = [grew.pop(id(o), o) for o in options(self.env[name])]
            self.env[name] = alt([*merged, *grew.values()])

    def _merge(self, branches: list[dict[str, Value]], keep_current: bool) -> None:
        names: set[str] = set()
        for b in branches:
            names |= b.keys()
        merged: dict[str, Value] = {}
        for name in names:
            vals = [b[name] for b in branches if name in b]
            if keep_current and name in self.env:
                vals.append(self.env[name])
            merged[name] = vals[0] if all(v is vals[0] for v in vals) else alt(vals)
        self.env = {**self.env, **merged}

    def stmt(self, node: cst.CSTNode) -> None:
        if isinstance(node, cst.SimpleStatementLine | cst.SimpleStatementSuite):
            for small in node.body:
                self.small(small)
        elif isinstance(node, cst.If):
            self.eval(node.test)
            branches = [self._branch(block(node.body))]
            orelse = node.orelse
            while isinstance(orelse, cst.If):
                self.eval(orelse.test)
                branches.append(self._branch(block(orelse.body)))
                orelse = orelse.orelse
            if isinstance(orelse, cst.Else):
                branches.append(self._branch(block(orelse.body)))
                self._merge(branches, keep_current=False)
            else:
                self._merge(branches, keep_current=True)
        elif isinstance(node, cst.For):
            items = self.force(self.eval(node.iter))
            grown = self.a.grown_names(node)
            known = _known_items(items)
            if (
                grown
                and known is not None
                and self._unroll * len(known) * self._alternatives(grown) <= MAX_UNROLL
                and not _exits_early(node.body)
            ):
                self._unrolled(node, known)
                return
            saved = dict(self.env)
            self.assign(node.target, self._element_of(items, node.iter))
            body = self._branch(block(node.body))
            self.env = saved
            branches = [body]
            if node.orelse is not None:
                branches.append(self._branch(block(node.orelse.body)))
            self._merge(branches, keep_current=True)
            self._widen(grown, body, saved, "a loop")
        elif isinstance(node, cst.While):
            self.eval(node.test)
            saved = self.env
            body = self._branch(block(node.body))
            branches = [body]
            if node.orelse is not None:
                branches.append(self._branch(block(node.orelse.body)))
            self._merge(branches, keep_current=True)
            self._widen(self.a.grown_names(node), body, saved, "a while loop")
        elif isinstance(node, cst.Try | cst.TryStar):
            body = self._branch(block(node.body))
            branches = [body]
            for h in node.handlers:
                if h.type is not None:
                    self.eval(h.type)
                saved = self.env
                self.env = {**body}
                if h.name is not None and isinstance(h.name.name, cst.Name):
                    self.env[h.name.name.value] = unknown("an exception")
                self.run(block(h.body))
                branches.append(self.env)
                self.env = saved
            if node.orelse is not None:
                saved = self.env
                self.env = {**body}
                self.run(block(node.orelse.body))
                branches[0] = self.env
                self.env = saved
            self._merge(branches, keep_current=True)
            if node.finalbody is not None:
                self.run(block(node.finalbody.body))
        elif isinstance(node, cst.With):
            for item in node.items:
                v = self.eval(item.item)
                if item.asname is not None:
                    self.assign(
                        item.asname.name,
                        unknown(f"value of `with {describe(item.item)}`")
                        if not isinstance(v, Ref)
                        else v,
                    )
            self.run(block(node.body))
        elif isinstance(node, cst.FunctionDef):
            if self.module_level:
                fid = f"{self.func.path}:{node.name.value}"
                self.env[node.name.value] = Ref(trace=(), kind="function", target=fid)
                fd = FuncDef(
                    fid, self.func.path, node.name.value, node, block(node.body), self.piece
                )
                self.defined.append(fd)
                self.a._funcs.setdefault(fid, fd)
            elif self.class_body:
                self.env[node.name.value] = Ref(
                    trace=(),
                    kind="function",
                    target=f"{self.func.path}:{self.func.qualname}.{node.name.value}",
                )
            else:
                # A nested function: its body runs with the arguments of each call made here
                # (`_call_local`); one it is never called with here (passed out, registered as
                # a callback) is analysed as if its launches were here, its parameters unknown
                # (`finish_nested`). Run once now, quietly, for what it stores on `self`.
                name = node.name.value
                self.env[name] = unknown(f"nested function {name}")
                self._nested.append((node, tuple(self.env.items())))
                saved_quiet, self.quiet = self.quiet, True
                try:
                    self._run_nested(node, dict(self.env))
                finally:
                    self.quiet = saved_quiet
                self.env[name] = LocalFunc(
                    trace=(), node=node, func=self.func.id, env=tuple(self.env.items())
                )
        elif isinstance(node, cst.ClassDef):
            if self.module_level:
                self.env[node.name.value] = Ref(
                    trace=(), kind="class", target=f"{self.func.path}:{node.name.value}"
                )
            elif self.class_body:
                self.env[node.name.value] = Ref(
                    trace=(),
                    kind="class",
                    target=f"{self.func.path}:{self.func.qualname}.{node.name.value}",
                )
            else:
                self.env[node.name.value] = unknown(f"local class {node.name.value}")
        elif isinstance(node, cst.Match):
            self.eval(node.subject)
            branches = [self._branch(block(case.body)) for case in node.cases]
            self._merge(branches, keep_current=True)
        else:
            self.scan_rest([node])

    def small(self, node: cst.CSTNode) -> None:
        if (
            isinstance(node, cst.Assign)
            and self.module_level
            and isinstance(node.value, cst.Lambda)
            and len(node.targets) == 1
            and isinstance(node.targets[0].target, cst.Name)
        ):
            self._module_lambda(node.targets[0].target.value, node.value)
        elif isinstance(node, cst.Assign):
            value = self.eval(node.value)
            for t in node.targets:  # `A = B = "codex"`: each name's hop names it
                self.assign(t.target, self._defined_here(node, value, t.target))
        elif isinstance(node, cst.AnnAssign):
            if node.value is not None:
                value = self._defined_here(node, self.eval(node.value), node.target)
                self.assign(node.target, value)
        elif isinstance(node, cst.AugAssign):
            right = self.force(self.eval(node.value))
            if isinstance(node.target, cst.Name):
                name = node.target.value
                left = self.force(self.env.get(name) or self.lookup_name(name, node.target))
                if isinstance(node.operator, cst.AddAssign):
                    new = self._add(left, right, node)
                else:
                    new = unknown(f"`{name}` changed by an augmented assignment")
                self.env[name] = new
        elif isinstance(node, cst.Expr):
            self.eval(node.value)
        elif isinstance(node, cst.Return):
            if node.value is not None:
                self.returns.append(self.eval(node.value))
        elif isinstance(node, cst.Import):
            for alias in node.names:
                module = dotted(alias.name)
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    self.env[alias.asname.name.value] = self._module_ref(module, 0)
                else:
                    top = module.split(".")[0]
                    self.env[top] = self._module_ref(top, 0)
        elif isinstance(node, cst.ImportFrom):
            self._import_from(node)
        else:
            self.scan_rest([node])

    def _module_lambda(self, name: str, node: cst.Lambda) -> None:
        """`run = lambda argv: subprocess.run(argv)` at module level is a function like a `def`
        (callers in other modules, a wrapper): a stand-in `def name(...): return body`."""
        fid = f"{self.func.path}:{name}"
        stand_in = cst.FunctionDef(
            name=cst.Name(name),
            params=node.params,
            body=cst.IndentedBlock(body=[cst.SimpleStatementLine(body=[cst.Return(node.body)])]),
        )
        self.piece.stand_ins[id(stand_in)] = node
        stack: list[cst.CSTNode] = [node.body]  # its calls run in its own summary, not here
        while stack:
            n = stack.pop()
            if type(n) is cst.Call:
                self.visited.add(id(n))
            stack.extend(children(n))
        fd = FuncDef(fid, self.func.path, name, stand_in, block(stand_in.body), self.piece)
        self.defined.append(fd)
        self.a._funcs.setdefault(fid, fd)
        self.env[name] = Ref(trace=(), kind="function", target=fid)

    def _defined_here(self, node: cst.CSTNode, value: Value, target: cst.CSTNode) -> Value:
        """At module and class level, note where a constant was defined (the trace's origin)."""
        if not (self.module_level or self.class_body):
            return value
        if isinstance(target, cst.Tuple | cst.List) and isinstance(value, Seq):
            return self._unpacked_here(node, value, target)
        name = dotted(target) if isinstance(target, cst.Name | cst.Attribute) else ""
        if not name:
            return value
        if self.class_body:
            name = f"{self.func.qualname.split('.')[-1]}.{name}"
        rhs = node.value if isinstance(node, cst.Assign | cst.AnnAssign) and node.value else node
        note = f"{name} defined as {{code}}"  # the hop's own location says where
        return (
            value.with_trace((self.hop(node, note, rhs),)) if not isinstance(value, Ref) else value
        )

    def _unpacked_here(self, node: cst.CSTNode, value: Seq, target: cst.Tuple | cst.List) -> Value:
        """`A, B = NAME, "x"` at module or class level: each name's item gets its own hop,
        with the matching item of the right-hand side as the code when it is spelt out."""
        rhs = node.value if isinstance(node, cst.Assign | cst.AnnAssign) else None
        spelt = rhs.elements if isinstance(rhs, cst.Tuple | cst.List) else None
        items = list(value.items)
        for i, el in enumerate(target.elements):
            if isinstance(el, cst.StarredElement) or i >= len(items):
                break  # later items' positions are not known
            if isinstance(items[i], Splat | Ref):
                continue
            name = dotted(el.value) if isinstance(el.value, cst.Name | cst.Attribute) else ""
            if not name:
                continue
            if self.class_body:
                name = f"{self.func.qualname.split('.')[-1]}.{name}"
            code = (
                spelt[i].value if spelt is not None and len(spelt) == len(target.elements) else rhs
            )
            hop = self.hop(el.value, f"{name} defined as {{code}}", code)
            items[i] = items[i].with_trace((hop,))
        return replace(value, items=tuple(items))

    def _module_ref(self, dotted: str, level: int) -> Value:
        if not level and dotted.split(".")[0] in self.a.sink_modules:
            # A project file named like a sink's module (a vendored `subprocess.py`) does not
            # hide the real one: launches through it must still be seen.
            return Ref(trace=(), kind="external", target=dotted)
        if level:
            target = self.a.project.resolve_relative(dotted, level, self.func.path)
        else:
            target = self.a.project.resolve_absolute(dotted, self.func.path)
        if target is not None:
            return Ref(trace=(), kind="module", target=target)
        if level:
            return unknown(f"relative import {'.' * level}{dotted} not found in the project")
        return Ref(trace=(), kind="external", target=dotted)

    def _import_from(self, node: cst.ImportFrom) -> None:
        level = len(node.relative)
        modname = dotted(node.module) if node.module is not None else ""
        base = self._module_ref(modname, level)
        if isinstance(node.names, cst.ImportStar):
            if isinstance(base, Ref) and base.kind == "module":
                self.star_imports.append(base.target)
            return
        for alias in node.names:
            name = dotted(alias.name)
            local = name
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            if isinstance(base, Ref) and base.kind == "module" and base.target.endswith(".py"):
                sub = self.a.project.submodule(base.target, name)
                self.env[local] = (
                    Ref(trace=(), kind="module", target=sub)
                    if sub is not None
                    else LazyImport(trace=(), module=base.target, name=name)
                )
            else:
                self.env[local] = self._attr_of(base, name, alias)

    def assign(self, target: cst.CSTNode, value: Value) -> None:
        if isinstance(target, cst.Name):
            self.env[target.value] = value
        elif isinstance(target, cst.Tuple | cst.List):
            elements = target.elements
            items = next((o for o in options(value) if isinstance(o, Seq)), None)
            lazy = items is None and has_lazy(value)
            for i, el in enumerate(elements):
                if isinstance(el, cst.StarredElement):
                    self.assign(el.value, unknown("starred assignment"))
                    continue
                if lazy:
                    # `binary, args = get_cmd()`: each name reads its item once (if) the
                    # call's result is computed (an item "attribute", see `_attr_of`).
                    self.assign(el.value, LazyAttr(trace=(), base=value, attr=f"[{i}]"))
                elif (
                    items is not None
                    and i < len(items.items)
                    and not isinstance(items.items[i], Splat)
                ):
                    self.assign(el.value, items.items[i])
                else:
                    self.assign(el.value, unknown("unpacked value is not known"))
        elif isinstance(target, cst.Attribute):
            base = target.value
            if isinstance(base, cst.Name) and base.value == self.self_name:
                note = f"self.{target.attr.value} set in {self.func.qualname}"
                self.self_assigns.setdefault(target.attr.value, []).append(
                    value.with_hop(self.hop(target, note)) if not isinstance(value, Ref) else value
                )
            else:
                self.eval(base)
        elif isinstance(target, cst.Subscript):
            self.eval(target.value)

    def _element_of(self, items: Value, node: cst.CSTNode) -> Value:
        """A loop variable: any element of a known sequence (or key of a dict)."""
        found: list[Value] = []
        for o in options(items):
            if isinstance(o, Seq):
                for i in o.items:
                    found.append(
                        i
                        if not isinstance(i, Splat)
                        else unknown("element of an unpacked sequence")
                    )
            elif isinstance(o, DictV):
                found.extend(k for k, _ in o.entries)
            else:
                found.append(unknown(f"element of {describe(node)}"))
        return alt(found) if found else unknown("empty loop")

    def scan_rest(self, nodes: Sequence[cst.CSTNode]) -> None:
        """Evaluate calls the statement walk did not reach (lambdas, decorators, odd statements)."""
        stack = list(nodes)
        while stack:
            n = stack.pop()
            t = type(n)  # concrete node classes: `is` spares the ABC isinstance check
            if t is cst.Call and id(n) not in self.visited:
                self.eval(n)
            if (t is cst.FunctionDef or t is cst.ClassDef) and n not in nodes:
                continue
            stack.extend(children(n))

    # --- expressions --------------------------------------------------------------------

    def eval(self, node: cst.CSTNode) -> Value:
        try:
            return self._eval(node)
        except RecursionError:
            return unknown("expression too deeply nested")

    def _eval(self, node: cst.CSTNode) -> Value:
        if isinstance(node, cst.SimpleString):
            v = literal(node)
            if v is None:
                return unknown(f"a string literal CPython rejects: {node.value[:40]}")
            return string(v) if isinstance(v, str) else Const(trace=(), value=v)
        if isinstance(node, cst.Name):
            const = _CONSTANTS.get(node.value, _FALSY)
            if const is not _FALSY:
                return Const(trace=(), value=const)
            return self.lookup_name(node.value, node)
        if type(node) in _TRAILERS:
            return self._trailers(node)
        if isinstance(node, cst.Await):
            return self.eval(node.expression)
        if isinstance(node, cst.ConcatenatedString):
            parts: list[Value] = []
            while isinstance(node, cst.ConcatenatedString):  # `"a" "b" "c"` nests on the right
                parts.append(self.eval(node.left))
                node = node.right
            return concat([*parts, self.eval(node)])
        if isinstance(node, cst.FormattedString):
            parts = []
            for p in node.parts:
                if isinstance(p, cst.FormattedStringText):
                    parts.append(string(_fstring_text(node, p.value)))
                elif isinstance(p, cst.FormattedStringExpression):
                    v = self.force(self.eval(p.expression))
                    parts.append(
                        v if p.format_spec is None else as_text(unknown("formatted value"))
                    )
            return concat(parts)
        if isinstance(node, cst.Integer | cst.Float):
            try:
                return Const(trace=(), value=node.evaluated_value)
            except (SyntaxError, ValueError):  # (not 0: a wrong index could pick a clean item)
                return unknown(f"a number literal CPython rejects: {node.value[:40]}")
        if isinstance(node, cst.List | cst.Tuple):
            items: list[Value] = []
            for el in node.elements:
                v = self.eval(el.value)
                items.append(
                    Splat(trace=v.trace, inner=v) if isinstance(el, cst.StarredElement) else v
                )
            return seq(items)
        if isinstance(node, cst.Dict):
            entries: list[tuple[Value, Value]] = []
            for el in node.elements:
                if isinstance(el, cst.DictElement):
                    entries.append((self.eval(el.key), self.eval(el.value)))
                else:
                    inner = self.eval(el.value)
                    for o in options(inner):
                        if isinstance(o, DictV):
                            entries.extend(o.entries)
            return DictV(trace=(), entries=tuple(entries))
        if isinstance(node, cst.BinaryOperation | cst.BooleanOperation):
            return self._operations(node)
        if isinstance(node, cst.IfExp):
            self.eval(node.test)
            return alt([self.eval(node.body), self.eval(node.orelse)])
        if isinstance(node, cst.NamedExpr):
            v = self.eval(node.value)
            self.assign(node.target, v)
            return v
        if isinstance(node, cst.UnaryOperation | cst.Comparison):
            self.scan_rest([node])
            return unknown("a computed value")
        if isinstance(node, cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp):
            return self._comprehension(node)
        if isinstance(node, cst.Lambda):
            # Its calls count where it is written (parameters unknown), and again with the
            # arguments of each call made in this function (`_call_local`).
            saved = self.env
            self.env = dict(saved)
            for p in _param_nodes(node.params):
                self.env[p.name.value] = unknown(f"parameter `{p.name.value}` of a lambda")
            self.scan_rest([node.body])
            self.env = saved
            return LocalFunc(trace=(), node=node, func=self.func.id, env=tuple(saved.items()))
        # The rest: their calls still count.
        self.scan_rest([node])
        return unknown(f"{type(node).__name__} expression")

    def _trailers(self, node: cst.BaseExpression) -> Value:
        """`a.b(c)[d].e`: a chain of attribute reads, calls and subscripts, evaluated from its
        base outwards in a loop (a chain thousands of links long is valid Python)."""
        chain: list[cst.BaseExpression] = []
        while type(node) in _TRAILERS:
            chain.append(node)
            node = node.func if type(node) is cst.Call else node.value  # type: ignore[attr-defined]
        v = self.eval(node)
        for link in reversed(chain):
            if type(link) is cst.Attribute:
                v = self._attr_of(v, link.attr.value, link)  # type: ignore[attr-defined]
            elif type(link) is cst.Call:
                self.visited.add(id(link))
                v = self.call(link, v)  # type: ignore[arg-type]
            else:
                v = self._subscript(link, v)  # type: ignore[arg-type]
        return v

    def _operations(self, node: cst.BinaryOperation | cst.BooleanOperation) -> Value:
        """`a + b + c`, `a or b or c`: operations nest on the left; evaluated from the
        leftmost operand outwards in a loop (a 500-term concatenation is valid Python)."""
        chain: list[cst.BinaryOperation | cst.BooleanOperation] = []
        while isinstance(node, cst.BinaryOperation | cst.BooleanOperation):
            chain.append(node)
            node = node.left  # type: ignore[assignment]
        v = self.eval(node)
        for op in reversed(chain):
            if isinstance(op, cst.BinaryOperation):
                v = self._binary(op, self.force(v), self.force(self.eval(op.right)))
            elif isinstance(op.operator, cst.Or):
                right = self.eval(op.right)
                if any(instance_read(o) is not None for o in options(v)):
                    v = self.force(v)  # `self.cmd or "default"`: a None drops out here
                v = alt([*(o for o in options(v) if not _falsy(o)), right])
            else:
                v = alt([self.eval(op.right)])
        return v

    def _binary(self, node: cst.BinaryOperation, left: Value, right: Value) -> Value:
        if isinstance(node.operator, cst.Add):
            return self._add(left, right, node)
        if isinstance(node.operator, cst.Modulo):
            return self._percent(left, right)
        is_text = any(isinstance(o, Str | Concat) for o in options(left))
        if isinstance(node.operator, cst.Divide) and (is_text or self._is_path(left)):
            return concat([left, string("/"), right])  # pathlib's `/`
        return unknown(f"result of {describe(node)}")

    def _comprehension(
        self, node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp
    ) -> Value:
        """Run the element with the loop variables bound to the iterables' items; a single
        unfiltered loop over known items maps them one by one (`[str(a) for a in (BIN, "x")]`)."""
        mapped = self._mapped_items(node)
        if mapped is not None:
            return mapped
        saved = self.env
        self.env = dict(saved)
        try:
            for_in: cst.CompFor | None = node.for_in
            while for_in is not None:
                items = self.eval(for_in.iter)
                self.assign(for_in.target, self._element_of(items, for_in.iter))
                for cond in for_in.ifs:
                    self.eval(cond.test)
                for_in = for_in.inner_for_in
            if isinstance(node, cst.DictComp):
                self.eval(node.key)
                self.eval(node.value)
            else:
                self.eval(node.elt)
        finally:
            self.env = saved
        return seq([Splat(trace=(), inner=unknown("items of a comprehension"))])

    def _mapped_items(
        self, node: cst.ListComp | cst.SetComp | cst.GeneratorExp | cst.DictComp
    ) -> Value | None:
        for_in = node.for_in
        if (
            isinstance(node, cst.DictComp | cst.SetComp)  # (a set's order is not the source's)
            or for_in.inner_for_in is not None
            or for_in.ifs
            or for_in.asynchronous is not None
        ):
            return None
        items = self.force(self.eval(for_in.iter))
        if has_param(items) and _keeps_items(node.elt, for_in.target):
            # `[str(a) for a in command]` of a wrapper's parameter: the caller's items.
            return seq([Splat(trace=(), inner=items)])
        if not (isinstance(items, Seq) and not any(isinstance(i, Splat) for i in items.items)):
            return None
        out: list[Value] = []
        saved = self.env
        try:
            for item in items.items:
                self.env = dict(saved)
                self.assign(for_in.target, item)
                out.append(self.eval(node.elt))
        finally:
            self.env = saved
        return seq(out, items.trace)

    def _is_path(self, v: Value) -> bool:
        return any(
            isinstance(o, Ref) and o.target in ("pathlib.Path", "pathlib.PurePath")
            for o in options(v)
        )

    def lookup_name(self, name: str, node: cst.CSTNode | None = None) -> Value:
        if name in self.env:
            v = self.env[name]
            if isinstance(v, LazyImport):
                v = self.env[name] = self._resolve_import(v)
            return v
        if self.class_body or not self.module_level:
            scope = self.scope
            if scope is not None:
                v = scope.lookup(name)
                if isinstance(v, Unknown) and v.reason.startswith("`") and name in BUILTINS:
                    return Ref(trace=(), kind="external", target=f"builtins.{name}")
                return v
        if self.module_level and self.scope is not None and name not in BUILTINS:
            return self.scope.lookup(name)
        if name in BUILTINS:
            return Ref(trace=(), kind="external", target=f"builtins.{name}")
        return unknown(f"`{name}` is not defined")

    def _resolve_import(self, v: LazyImport) -> Value:
        scope = self.a.module_scope(v.module)
        if scope is None:
            return unknown(f"{self.a.project.module_name(v.module)} cannot be read")
        return scope.lookup(v.name)

    def force(self, v: Value) -> Value:
        """Compute deferred call results inside a value (before it is matched or combined)."""
        if isinstance(v, Deferred):
            return self._compute_deferred(v)
        if isinstance(v, LazyImport):
            return self._resolve_import(v)
        if isinstance(v, LazyAttr):
            return self._attr_of(self.force(v.base), v.attr, None)
        if isinstance(v, LazyCall):
            callee = self.force(v.callee)
            saved, self.quiet = self.quiet, True
            try:
                results = [
                    self._call_one(o, v.node, list(v.pos), dict(v.kws), False)
                    for o in options(callee)
                ]
            finally:
                self.quiet = saved
            return self.force(alt(results)) if results else unknown("call")
        if isinstance(v, Alt):
            return alt([self.force(o) for o in v.options], v.trace) if has_lazy(v) else v
        if isinstance(v, Seq | Splat | Concat | DictV) and has_lazy(v):
            return substitute_lazy(v, self.force)
        if isinstance(v, Ref) and v.kind in ("pick", "split") and has_lazy(v):
            return redo_on(v, self.force(v.args[0]))
        return v

    def own_reads(self, v: Value) -> Value:
        """`v` with lazy reads through this method's own `self` computed: a value leaving the
        method is tied to its receiver by parameters (`self.binary` is `__init__`'s `binary`),
        which a bare `self` read computed later could no longer be."""
        if self.self_name is None:
            return v
        return rebuild(v, lambda x: self.force(x) if reads_bare_instance(x) else None)

    def _compute_deferred(self, d: Deferred) -> Value:
        func = self.a.funcdef(d.func)
        if func is None:
            return unknown(f"{d.func.split(':')[-1]} could not be read")
        forcing = self.a.forcing
        if d.depth > MAX_CALL_DEPTH or len(forcing) > MAX_CALL_DEPTH:
            return unknown(f"call chain deeper than {MAX_CALL_DEPTH} calls")
        if d.func in forcing:
            self.a.note_cycle(d.func)
            return unknown(f"recursive call of {func.qualname}")
        forcing.append(d.func)
        try:
            summary = self.a.summary(func, d.depth + 1)
            binding = self._bind(func, list(d.pos), dict(d.kws), d.receiver)
            receiver = d.receiver
            ret = substitute(
                summary.returns,
                lambda p: (
                    binding.get(p.name)
                    if p.func == func.id
                    else _receiver_param(receiver, p, self.a)
                ),
            )
            if has_param(ret):
                ret = _strip_foreign(ret, self.func, self.a)
            ret = self.force(ret) if has_lazy(ret) else ret
        finally:
            forcing.pop()
        if isinstance(ret, Ref | Const | Unknown):
            return ret
        hop = (
            LazyHop(func.path, func.piece, func.node, f"returned by {func.qualname}()")
            if func.node is not None
            else None
        )
        return ret.with_hop(hop).with_trace(d.trace)

    def _attr_of(self, base: Value, attr: str, node: cst.CSTNode | None) -> Value:
        if isinstance(base, LazyImport):
            base = self._resolve_import(base)
        if has_lazy(base):
            # Attribute of a deferred call result: looked up only if a launch needs it.
            if _lazy_reads(base) >= MAX_LAZY_READS:
                # (Each read nests in the last: what walks them would recurse that deep.)
                return unknown(
                    f"more than {MAX_LAZY_READS} attribute reads of a value not known yet"
                )
            return LazyAttr(trace=(), base=base, attr=attr)
        if attr.startswith("["):  # item N of an unpacked value (`assign`)
            index = int(attr[1:-1])
            found = []
            for o in options(base):
                head = o.items[: index + 1] if isinstance(o, Seq) else ()
                if len(head) > index and not any(isinstance(x, Splat) for x in head):
                    found.append(head[index])
                else:
                    found.append(unknown("unpacked value is not known"))
            return alt(found)
        results: list[Value] = []
        for o in options(base):
            results.append(self._attr_one(o, attr, node))
        return alt(results)

    def _attr_one(self, o: Value, attr: str, node: cst.CSTNode | None) -> Value:
        if isinstance(o, Ref):
            if o.kind == "external":
                full = f"{o.target}.{attr}"
                if full in EXTERNAL_VALUES:
                    return string(EXTERNAL_VALUES[full])
                if full == "sys.argv":
                    # Any number of words, none known: indexes and slices stay explained.
                    why = unknown("argv comes from sys.argv")
                    return seq([Splat(trace=(), inner=why)])
                return Ref(trace=(), kind="external", target=full)
            if o.kind == "module":
                sub = self.a.project.submodule(o.target, attr)
                scope = self.a.module_scope(o.target) if o.target.endswith(".py") else None
                if scope is not None:
                    v = scope.lookup(attr)
                    if not (isinstance(v, Unknown) and sub is not None):
                        return v
                if sub is not None:
                    return Ref(trace=(), kind="module", target=sub)
                return unknown(f"{self.a.project.module_name(o.target)}.{attr} not found")
            if o.kind == "class":
                info = self.a.class_info(o.target)
                if info is not None:
                    v = info.lookup(attr)
                    if v is not None:
                        return v
                return unknown(f"{o.target.split(':')[-1]}.{attr} not found")
            if o.kind == "super":
                info = self.a.class_info(o.target)
                receiver = o.args[0] if o.args else None
                for base in info.bases() if info is not None else ():
                    v = base.lookup(attr)
                    if v is None:
                        continue
                    if isinstance(v, Ref) and v.kind == "function" and isinstance(receiver, Ref):
                        return Ref(trace=(), kind="method", target=v.target, args=(receiver,))
                    return v
                return unknown(f"super().{attr} not found")
            if o.kind == "annotated":
                # `cfg.attr` with `cfg: Settings`: what an instance of the annotated class holds
                # is one alternative (its defaults); callers may pass another, so the site stays
                # open unless that one names a forbidden program. Read where a launch or a call
                # needs it only: forcing every annotated read (f-strings, `+`, loops) parsed
                # most classes of a typed code base (+4 MB).
                name = o.args[0].text if o.args and isinstance(o.args[0], Str) else ""
                why = unknown(f"attribute `{attr}` of parameter `{name}`")
                func = self.a.funcdef(o.target)
                if func is None or not self.a.for_launch:
                    return why
                # Class-level values only (declared defaults, class attributes, methods): what
                # methods store on instances is not looked for (that summarised most of a typed
                # code base's methods: +6 MB and +4 % on the corpus, for no launch).
                reader = Interpreter(self.a, func, depth=self.depth + 1)
                read: list[Value] = []
                for cid in reader._annotated_classes(name):
                    info = self.a.class_info(cid)
                    members = info.enum_values() if info is not None else None
                    if members is not None and attr in ("value", "_value_"):
                        read.extend(members)  # an Enum parameter holds one of its members
                        continue
                    v = info.lookup(attr) if info is not None else None
                    if isinstance(v, Ref) and v.kind == "function":
                        # An abstract method runs as the subclasses implement it.
                        impls = self.a.implementations(v.target, cid, attr) or [(cid, v.target)]
                        read.extend(
                            Ref(
                                trace=(),
                                kind="method",
                                target=target,
                                args=(Ref(trace=(), kind="instance", target=owner),),
                            )
                            for owner, target in impls
                        )
                        continue
                    if v is not None:
                        read.append(v)
                return alt([why, *read])
            if o.kind == "instance":
                info = self.a.class_info(o.target)
                if info is not None:
                    v = info.lookup(attr)
                    if isinstance(v, Ref) and v.kind == "function":
                        func = self.a.funcdef(v.target)
                        if func is not None and func.node is not None and _is_property(func.node):
                            # `obj.argv` runs the getter: its result is the attribute.
                            at = node if node is not None else func.node
                            return self._call_project(func, at, [], {}, o)
                        return Ref(trace=(), kind="method", target=v.target, args=(o,))
                    if node is not None:
                        # Inferring `self.x` summarises every method that assigns it: done
                        # only if the value reaches a launch or names what is called (force).
                        return LazyAttr(trace=(), base=o, attr=attr)
                    own = (
                        self.self_name is not None and not o.args and o.target == self.func.class_id
                    )
                    inst = info.instance_attr(attr)
                    if inst is not None:
                        got = _fill_receiver(inst, o, self.a)
                        return _overridable(got, o.target, attr, self.a) if own else got
                    if v is not None:
                        return _overridable(v, o.target, attr, self.a) if own else v
                    if own:
                        # `self.binary` that the class leaves to its subclasses (declared
                        # without a value, `binary: ClassVar[str]`): the receiver's class at
                        # each call tells, as for a constructor argument kept on self.
                        return Param(trace=(), func=f"{o.target}.__init__", name=f".{attr}")
                return unknown(f"attribute `{attr}` of {o.target.split(':')[-1]} instance")
        if isinstance(o, Str | Concat) and attr in ("value", "_value_"):
            # A str has no `.value`: this is an Enum member (`Agent.CODEX.value`), whose class
            # attribute resolved to its raw value.
            return o
        if isinstance(o, Str | Concat | Seq | DictV):
            return Ref(trace=(), kind="bound", target=attr, args=(o,))
        if isinstance(o, Unknown):
            return unknown(f"{o.reason} (.{attr})") if len(o.reason) < 200 else o
        if isinstance(o, Param):
            # `cfg.codex_bin` of a parameter (a constructor's argument kept on self, a settings
            # object handed to a wrapper): known where the call is made, so kept as a read of
            # the parameter and computed there.
            read = LazyAttr(trace=(), base=o, attr=attr)
            if (
                o.func.endswith(".__init__")  # a constructor's: computed where it is called
                or o.func != self.func.id
                or self._annotation(o.name) is None
            ):
                return read
            # `def run(cfg: Settings)`: looked up in the annotated class only if a launch (or a
            # call) needs it; see the "annotated" case above.
            holder = Ref(trace=(), kind="annotated", target=o.func, args=(string(o.name),))
            return LazyAttr(trace=(), base=holder, attr=attr)
        return unknown(f"attribute `{attr}`")

    def _annotation(self, name: str) -> cst.BaseExpression | None:
        """The annotation of this function's parameter `name`, if it has one."""
        node = self.func.node
        if node is None:
            return None
        for p in _param_nodes(node.params):
            if p.name.value == name and p.annotation is not None:
                return p.annotation.annotation
        return None

    def _dotted_value(self, node: cst.Name | cst.Attribute) -> Value:
        """A name or dotted name looked up without recording where (annotation text)."""
        if isinstance(node, cst.Name):
            return self.lookup_name(node.value)
        if isinstance(node.value, cst.Name | cst.Attribute):
            return self._attr_of(self.force(self._dotted_value(node.value)), node.attr.value, None)
        return unknown("annotation")

    def _annotated_classes(self, name: str) -> list[str]:
        """The project classes named by parameter `name`'s annotation (`Settings`,
        `Optional[Settings]`, `Settings | None`, `"Settings"`)."""
        annotation = self._annotation(name)
        if annotation is None:
            return []
        out: list[str] = []
        stack: list[cst.CSTNode] = [annotation]
        while stack:
            n = stack.pop()
            v: Value | None = None
            if isinstance(n, cst.Name | cst.Attribute):
                v = self._dotted_value(n)
            elif isinstance(n, cst.SimpleString):
                text = literal(n)  # a forward reference: `"Settings | None"`
                if isinstance(text, str) and check_expression(text, self.a.project.target):
                    with suppress(cst.ParserSyntaxError, RecursionError, ValueError):
                        stack.append(cst.parse_expression(text))
            elif isinstance(n, cst.Subscript):
                stack.extend(el.slice.value for el in n.slice if isinstance(el.slice, cst.Index))
            elif isinstance(n, cst.BinaryOperation):
                stack.extend((n.left, n.right))
            for c in options(self.force(v)) if v is not None else ():
                if isinstance(c, Ref) and c.kind == "class" and c.target not in out:
                    out.append(c.target)
        return out

    def _subscript(self, node: cst.Subscript, value: Value) -> Value:
        base = self.force(value)
        if len(node.slice) != 1:
            return unknown("multi-dimensional subscript")
        sl = node.slice[0].slice
        if isinstance(sl, cst.Index):
            key = self.eval(sl.value)
            out: list[Value] = []
            for o in options(base):
                if isinstance(o, DictV):
                    out.append(dict_get(o, key))
                elif isinstance(o, Seq) and isinstance(key, Const) and isinstance(key.value, int):
                    idx = key.value
                    if (
                        all(not isinstance(i, Splat) for i in o.items)
                        and -len(o.items) <= idx < len(o.items)
                    ) or (
                        idx >= 0
                        and all(not isinstance(i, Splat) for i in o.items[: idx + 1])
                        and idx < len(o.items)
                    ):
                        out.append(o.items[idx])
                    else:
                        out.append(
                            unknown(_splat_reason(o) or "index into a partly known sequence")
                        )
                elif isinstance(o, Ref) and o.target in ("os.environ", "os.environb"):
                    out.append(env_value(self.a.declared_env, key))
                elif isinstance(o, Ref) and o.target == "sys.argv":
                    out.append(unknown("argv comes from sys.argv"))
                else:
                    out.append(unknown(f"item of {describe(node.value)}"))
            return alt(out)
        if isinstance(sl, cst.Slice):
            lower = self.eval(sl.lower) if sl.lower is not None else Const(trace=(), value=None)
            upper = self.eval(sl.upper) if sl.upper is not None else Const(trace=(), value=None)
            if isinstance(lower, Const) and isinstance(upper, Const):
                lo, hi = lower.value, upper.value
                if all(x is None or isinstance(x, int) for x in (lo, hi)):
                    out = []
                    for o in options(base):
                        if isinstance(o, Str):
                            out.append(map_text(o, lambda s, lo=lo, hi=hi: s[lo:hi]))
                        elif isinstance(o, Seq) and not any(isinstance(i, Splat) for i in o.items):
                            out.append(seq(list(o.items[lo:hi]), o.trace))
                        elif isinstance(o, Seq) and (lo or 0) >= 0 and hi is not None:
                            head = o.items[:hi]
                            if not any(isinstance(i, Splat) for i in head):
                                out.append(seq(list(head[lo:]), o.trace))
                            else:
                                why = _splat_reason(o) or "slice of a partly known sequence"
                                out.append(seq([Splat(trace=(), inner=unknown(why))]))
                        else:
                            why = (_splat_reason(o) if isinstance(o, Seq) else "") or (
                                "slice of an unknown value"
                            )
                            out.append(seq([Splat(trace=(), inner=unknown(why))]))
                    return alt(out)
        return unknown(f"slice of {describe(node.value)}")

    def _add(self, left: Value, right: Value, node: cst.CSTNode) -> Value:
        out: list[Value] = []
        for lo, ro in product(options(left), options(right)):
            if len(out) == MAX_ALTERNATIVES:
                out.append(unknown(TOO_MANY_COMBINATIONS))  # the first ones are still judged
                break
            if isinstance(lo, Seq) or isinstance(ro, Seq):
                out.append(seq_concat(lo, ro))
            elif isinstance(lo, Str | Concat) or isinstance(ro, Str | Concat):
                out.append(concat([lo, ro]))
            elif isinstance(lo, Param) or isinstance(ro, Param):
                # Could be strings or lists: keep the shape open for the caller.
                out.append(concat([lo, ro]))
            else:
                out.append(unknown(f"result of {describe(node)}"))
        return alt(out)

    def _percent(self, left: Value, right: Value) -> Value:
        out: list[Value] = []
        args = [right] if not isinstance(right, Seq) else [i for i in right.items]
        for lo in options(left):
            if not isinstance(lo, Str) or HOLE in lo.text:
                out.append(as_text(lo) if isinstance(lo, Str) else unknown("formatted string"))
                continue
            parts: list[Value] = []
            pos = 0
            ai = 0
            for m in re.finditer(
                r"%(?:\((\w+)\))?[#0\- +]*(?:\*|\d+)?(?:\.\d+)?[hlL]?([diouxXeEfFgGcrsa%])", lo.text
            ):
                parts.append(string(lo.text[pos : m.start()]))
                if m.group(2) == "%":
                    parts.append(string("%"))
                elif m.group(1):
                    val = (
                        dict_get(right, string(m.group(1)))
                        if isinstance(right, DictV)
                        else unknown("formatted value")
                    )
                    parts.append(val)
                else:
                    parts.append(args[ai] if ai < len(args) else unknown("formatted value"))
                    ai += 1
                pos = m.end()
            parts.append(string(lo.text[pos:]))
            out.append(concat(parts, lo.trace))
        return alt(out)

    # --- calls --------------------------------------------------------------------------

    def call(self, node: cst.Call, callee: Value) -> Value:
        """Call `node`, whose callee (`node.func`) evaluated to `callee`."""
        pos: list[Value] = []
        kws: dict[str, Value] = {}
        star_kwargs = False
        for arg in node.args:
            v = self.eval(arg.value)
            if arg.keyword is not None:
                kws[arg.keyword.value] = v
            elif arg.star == "*":
                pos.append(Splat(trace=v.trace, inner=v))
            elif arg.star == "**":
                star_kwargs = True
                if not all(isinstance(o, DictV) for o in options(v)):
                    # Keywords not known here (a wrapper's `**kwargs`): a sink picks its
                    # argument from them once callers fill them in (`deferred.pick`).
                    kws[STAR_KWARGS] = v
                for o in options(v):
                    if isinstance(o, DictV):
                        for k, x in o.entries:
                            if isinstance(k, Str):
                                kws.setdefault(k.text, x)
            else:
                pos.append(v)
        self._mutate(node, pos)
        handed = self._handoff(node, callee, pos, kws)
        if isinstance(callee, LazyAttr) and callee.attr not in self.a.interesting_names:
            if _lazy_reads(callee) >= MAX_LAZY_READS:
                return unknown(
                    f"more than {MAX_LAZY_READS} attribute reads of a value not known yet"
                )
            return LazyCall(
                trace=(),
                callee=callee,
                pos=tuple(pos),
                kws=tuple(kws.items()),
                node=node,
                depth=self.depth,
            )
        if has_lazy(callee):
            with self.a.launching():  # what is called must be known: a wrapper may be reached
                callee = self.force(callee)
        if handed is not None:
            return handed  # `await asyncio.to_thread(find_cli)` is what `find_cli()` returns
        results: list[Value] = []
        for o in options(callee):
            results.append(self._call_one(o, node, pos, kws, star_kwargs))
        return alt(results) if results else unknown("call")

    def _handoff(
        self, node: cst.Call, callee: Value, pos: list[Value], kws: dict[str, Value]
    ) -> Value | None:
        """A callable handed to a thread, an executor or an event loop runs with the arguments
        handed along (`asyncio.to_thread(subprocess.run, cmd)`, `pool.submit(run, cmd)`,
        `Thread(target=launch, args=(cmd,))`): it is called here, at the hand-off. Returns what
        the hand-off call itself evaluates to when that is the callable's result (awaiting
        `asyncio.to_thread`, `loop.run_in_executor`), else None."""
        method = node.func.attr.value if isinstance(node.func, cst.Attribute) else ""
        targets = {o.target for o in options(callee) if isinstance(o, Ref)}
        fn: Value | None
        if targets & _THREAD_CLASSES or method == "apply_async":
            # target= / args= / kwargs= (Timer: function=; a pool's apply_async: kwds=).
            fn = kws.get("target") or kws.get("function")
            if fn is None and method == "apply_async" and pos:
                fn = pos[0]
            elif fn is None and len(pos) > 1:
                fn = pos[1]  # Thread(group, target), Timer(interval, function)
            given = kws.get("args") or (
                pos[1] if method == "apply_async" and len(pos) > 1 else None
            )
            args = self._handed_args(given)
            kwargs = self._handed_kwargs(kws.get("kwargs") or kws.get("kwds"))
        else:
            skip = next(
                (_HANDOFF_FUNCTIONS[t] for t in targets if t in _HANDOFF_FUNCTIONS),
                _HANDOFF_SKIP.get(method),
            )
            if (
                skip is None
                or len(pos) <= skip
                or any(isinstance(v, Splat) for v in pos[: skip + 1])
            ):
                return None
            fn, args, kwargs = pos[skip], pos[skip + 1 :], dict(kws)
        if fn is None:
            return None
        results = [
            self._call_one(o, node, args, kwargs, False)
            for o in options(self.force(fn))
            if (isinstance(o, Ref) and o.kind in ("external", "function", "method", "partial"))
            or isinstance(o, LocalFunc)
        ]
        if results and (targets & _RESULT_HANDOFFS or method == "run_in_executor"):
            return alt(results)
        return None

    def _handed_args(self, v: Value | None) -> list[Value]:
        if v is None:
            return []
        items = next((o for o in options(self.force(v)) if isinstance(o, Seq)), None)
        return list(items.items) if items is not None else [Splat(trace=(), inner=v)]

    def _handed_kwargs(self, v: Value | None) -> dict[str, Value]:
        d = next((o for o in options(self.force(v)) if isinstance(o, DictV)), None) if v else None
        return d.by_name() if d is not None else {}

    def _super(self, pos: list[Value]) -> Value:
        """`super()` (or `super(Cls, self)`) in a method: the same receiver, its attributes looked
        up from the defining class's bases."""
        cid = self.func.class_id
        if not cid or self.self_name is None or len(pos) not in (0, 2):
            return unknown("result of super()")
        receiver = self.env.get(self.self_name, unknown("`self` was deleted"))
        return Ref(trace=(), kind="super", target=cid, args=(receiver,))

    def _mutate(self, node: cst.Call, pos: list[Value]) -> None:
        """`cmd.append(x)`, `cmd.extend(xs)`, `cmd.insert(i, x)` on a local list."""
        func = node.func
        if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)):
            return
        meth = func.attr.value
        if meth not in _MUTATORS:
            return
        name = func.value.value
        current = self.env.get(name)
        if current is not None and has_lazy(current):
            current = self.force(current)
        if current is None or not any(_mutable_list(o) for o in options(current)):
            return
        new: list[Value] = []
        for o in options(current):
            if _mutable_list(o):
                if meth == "append" and pos:
                    new.append(
                        seq(
                            [
                                *(o.items if isinstance(o, Seq) else [Splat(trace=(), inner=o)]),
                                pos[0],
                            ],
                            o.trace,
                        )
                    )
                elif meth == "extend" and pos:
                    new.append(seq_concat(o, pos[0]))
                elif meth == "insert" and len(pos) == 2:
                    idx = pos[0]
                    items = list(o.items) if isinstance(o, Seq) else [Splat(trace=(), inner=o)]
                    if (
                        isinstance(idx, Const)
                        and isinstance(idx.value, int)
                        and 0 <= idx.value <= len(items)
                        and not any(isinstance(i, Splat) for i in items[: idx.value])
                    ):
                        items.insert(idx.value, pos[1])
                        new.append(seq(items, o.trace))
                    else:
                        new.append(
                            seq([Splat(trace=(), inner=unknown("list changed by insert()"))])
                        )
                else:
                    new.append(o)
            else:
                new.append(o)
        self.env[name] = alt(new)

    def _call_one(
        self,
        callee: Value,
        node: cst.Call,
        pos: list[Value],
        kws: dict[str, Value],
        star_kwargs: bool,
    ) -> Value:
        if isinstance(callee, Param) and callee.func == self.func.id:
            # A launcher handed in with a default (`run=subprocess.run`, for tests to swap):
            # what runs unless a caller passes another.
            default = self.a.callable_default(callee)
            if default is not None:
                return alt(
                    [self._call_one(o, node, pos, kws, star_kwargs) for o in options(default)]
                )
        if isinstance(callee, Ref):
            if callee.kind == "external":
                name = callee.target
                if name == "builtins.super":
                    return self._super(pos)
                if name == "functools.partial" and pos:
                    # Called later with more arguments: see the "partial" case below.
                    entries = tuple((string(k), v) for k, v in kws.items())
                    return Ref(
                        trace=(),
                        kind="partial",
                        target="",
                        args=(pos[0], seq(pos[1:]), DictV(trace=(), entries=entries)),
                    )
                if name == "builtins.getattr" and len(pos) > 1:
                    return self._getattr(pos, node)
                if name in FIELD_DECLARATIONS:
                    return self._field_default(FIELD_DECLARATIONS[name], pos, kws, node)
                spec = self.a.sinks.get(name)
                model = MODELS.get(name)
                if spec is None and model is None:
                    # Arguments are not looked at: deferred values in them stay unforced.
                    if name.startswith("builtins."):
                        return unknown(f"result of {name[9:]}()")
                    return unknown(f"result of {name}()")
                if any(has_lazy(v) for v in (*pos, *kws.values())):
                    with self.a.launching() if spec is not None else nullcontext():
                        pos = [self.force(v) for v in pos]
                        kws = {k: self.force(v) for k, v in kws.items()}
                if spec is not None:
                    self._sink(spec, node, pos, kws)
                if model is not None:
                    return model(self, pos, kws)
                if name.startswith("builtins."):
                    return unknown(f"result of {name[9:]}()")
                return unknown(f"result of {name}()")
            if callee.kind == "function":
                func = self.a.funcdef(callee.target)
                if func is None:
                    return unknown(f"{callee.target.split(':')[-1]} could not be read")
                if func.class_id and not func.is_static:
                    # Called through the class: the first argument is the instance.
                    if func.is_classmethod:
                        return self._call_project(
                            func, node, pos, kws, Ref(trace=(), kind="class", target=func.class_id)
                        )
                    if pos:
                        return self._call_project(func, node, pos[1:], kws, pos[0])
                return self._call_project(func, node, pos, kws, None)
            if callee.kind == "method":
                func = self.a.funcdef(callee.target)
                if func is None:
                    return unknown(f"{callee.target.split(':')[-1]} could not be read")
                receiver = callee.args[0] if callee.args else None
                if func.is_static:
                    receiver = None
                return self._call_project(func, node, pos, kws, receiver)
            if callee.kind == "class":
                info = self.a.class_info(callee.target)
                if info is not None:
                    init = None
                    for cls in info.mro():
                        if "__init__" in cls.methods:
                            init = cls.methods["__init__"]
                            break
                    instance = Ref(trace=(), kind="instance", target=callee.target)
                    fields = info.dataclass_fields() if init is None else None
                    if fields is not None:
                        entries = self._bind_fields(info, fields, pos, kws)
                        instance = Ref(
                            trace=(),
                            kind="instance",
                            target=callee.target,
                            args=(
                                string(f"{callee.target}.__init__"),
                                DictV(trace=(), entries=entries),
                            ),
                        )
                    if init is not None:
                        self._call_project(init, node, pos, kws, instance)
                        binding = self._bind(init, pos, kws, instance)
                        entries = tuple((string(k), v) for k, v in binding.items())
                        instance = Ref(
                            trace=(),
                            kind="instance",
                            target=callee.target,
                            args=(string(init.id), DictV(trace=(), entries=entries)),
                        )
                    return instance
                return unknown("instance of an unreadable class")
            if callee.kind == "bound":
                return self._bound_call(callee, pos, kws)
            if callee.kind == "partial":
                inner, first, keywords = callee.args
                assert isinstance(first, Seq) and isinstance(keywords, DictV)
                merged_pos, merged_kws = [*first.items, *pos], {**keywords.by_name(), **kws}
                results = [
                    self._call_one(o, node, merged_pos, merged_kws, star_kwargs)
                    for o in options(self.force(inner))
                ]
                return alt(results) if results else unknown("call")
        if isinstance(callee, LocalFunc):
            return self._call_local(callee, pos, kws)
        if isinstance(callee, Unknown):
            return unknown(f"result of {describe(node.func)}()")
        return unknown(f"result of {describe(node.func)}()")

    def _run_nested(self, node: cst.FunctionDef, env: dict[str, Value]) -> None:
        """A nested function's body with its parameters unknown, in the scope `env`."""
        name = node.name.value
        for p in _param_nodes(node.params):
            env[p.name.value] = unknown(f"parameter `{p.name.value}` of nested function {name}")
        saved, saved_returns = self.env, self.returns
        self.env, self.returns = env, []
        try:
            self.run(block(node.body))
        finally:
            self.env, self.returns = saved, saved_returns

    def finish_nested(self) -> None:
        """Nested functions this function never called: their launches as if they were here."""
        i = 0
        while i < len(self._nested):
            node, env = self._nested[i]
            i += 1
            if id(node) not in self._called_nested:
                self._run_nested(node, dict(env))

    def _call_local(self, callee: LocalFunc, pos: list[Value], kws: dict[str, Value]) -> Value:
        """Run a nested function's or a lambda's body with these arguments, in the scope it
        was defined in (only here: its nodes belong to this function's piece)."""
        if callee.func != self.func.id:
            return unknown("a nested function or lambda of another function")
        if self._local_depth >= MAX_LOCAL_DEPTH:
            # Not counted as called: `finish_nested` still runs its launches (unknown arguments).
            return unknown(f"nested function calls deeper than {MAX_LOCAL_DEPTH}")
        self._called_nested.add(id(callee.node))
        env = dict(callee.env)
        params = _param_nodes(callee.node.params)
        star = callee.node.params.star_arg
        rest = list(pos)
        for p in params:
            name = p.name.value
            if name in kws:
                env[name] = kws[name]
            elif rest and not isinstance(rest[0], Splat):
                env[name] = rest.pop(0)
            elif p.default is not None:
                env[name] = self.eval(p.default)
            else:
                env[name] = unknown(f"parameter `{name}`")
        if isinstance(star, cst.Param):
            env[star.name.value] = seq(rest)
        saved, saved_returns = self.env, self.returns
        self.env, self.returns = env, []
        self._local_depth += 1
        try:
            node = callee.node
            if isinstance(node, cst.Lambda):
                return self.eval(node.body)
            self.run(block(node.body))
            return alt(self.returns) if self.returns else Const(trace=(), value=None)
        finally:
            self._local_depth -= 1
            self.env, self.returns = saved, saved_returns

    def _getattr(self, pos: list[Value], node: cst.Call) -> Value:
        """`getattr(obj, "name")` is `obj.name`; a third argument is the other alternative."""
        found: list[Value] = []
        for o in options(self.force(pos[1])):
            if isinstance(o, Str) and HOLE not in o.text:
                found.append(self._attr_of(pos[0], o.text, node))
            else:
                found.append(unknown("getattr of a computed name"))
        if len(pos) > 2 and not isinstance(pos[2], Splat):
            found.append(pos[2])
        return alt(found)

    def _field_default(
        self, positional: bool, pos: list[Value], kws: dict[str, Value], node: cst.Call
    ) -> Value:
        """A declared field's value without a constructor argument: its default, or what its
        default factory returns."""
        default = kws.get("default", pos[0] if positional and pos else None)
        if default is not None and not isinstance(default, Splat):
            return default
        factory = kws.get("default_factory", kws.get("factory"))
        if factory is None:
            return unknown("a field declared without a default")
        made = [self._call_one(o, node, [], {}, False) for o in options(self.force(factory))]
        return alt(made) if made else unknown("default factory")

    def _bind_fields(
        self, info: ClassInfo, fields: list[str], pos: list[Value], kws: dict[str, Value]
    ) -> tuple[tuple[Value, Value], ...]:
        """A dataclass's generated `__init__`: arguments by position and keyword, then the
        class attributes' defaults."""
        values: dict[str, Value] = {}
        for name, v in zip(fields, pos, strict=False):
            if isinstance(v, Splat):
                break
            values[name] = v
        for name, v in kws.items():
            if name in fields:
                values[name] = v
        for name in fields:
            if name not in values:
                default = info.field_default(name)
                if default is not None:
                    values[name] = default
        return tuple((string(k), v) for k, v in values.items())

    def _bound_call(self, callee: Ref, pos: list[Value], kws: dict[str, Value]) -> Value:
        recv = callee.args[0]
        meth = callee.target
        if isinstance(recv, Str | Concat):
            if meth in STR_METHODS:
                fn = STR_METHODS[meth]
                return map_text(recv, lambda s: fn(s))  # type: ignore[operator]
            if meth == "join" and pos:
                return join(recv, pos[0])
            if meth == "format":
                return format_template(recv, pos, kws)
            if meth == "split" and not pos:
                return split_words(recv, "whitespace")
            if meth in PATH_IDENTITY:
                return recv  # pathlib methods that keep the program's basename
            if meth in ("replace", "removeprefix", "removesuffix"):
                return (
                    as_text(unknown(f"result of str.{meth}()"))
                    if HOLE in getattr(recv, "text", HOLE)
                    else apply_str(recv, meth, pos)
                )
            return unknown(f"result of str.{meth}()")
        if isinstance(recv, DictV):
            if meth == "get" and pos:
                default = pos[1] if len(pos) > 1 else Const(trace=(), value=None)
                return alt([dict_get(recv, pos[0]), default])
            if meth == "values":
                return (
                    seq([Splat(trace=(), inner=alt([v for _, v in recv.entries]))])
                    if not recv.entries
                    else seq([v for _, v in recv.entries])
                )
            if meth == "keys":
                return seq([k for k, _ in recv.entries])
            return unknown(f"result of dict.{meth}()")
        if isinstance(recv, Seq) and meth == "copy":
            return recv
        return unknown(f"result of .{meth}()")

    def _call_project(
        self,
        func: FuncDef,
        node: cst.CSTNode,  # the call (or the attribute read that runs a property)
        pos: list[Value],
        kws: dict[str, Value],
        receiver: Value | None,
    ) -> Value:
        if (
            func.qualname.endswith(".__init__")
            and self.func.qualname.endswith(".__init__")
            and self.self_name is not None
            and receiver is self.env.get(self.self_name)
        ):
            # `super().__init__(...)` on this instance: what the base stores comes from here.
            self.base_inits[func.id] = self._bind(func, pos, kws, receiver)
        if not self.a.is_eager(func.id):
            self.deferred.add(func.id)
            return Deferred(
                trace=(),
                func=func.id,
                pos=tuple(pos),
                kws=tuple(kws.items()),
                receiver=receiver,
                depth=self.depth + 1,
            )
        summary = self.a.summary(func, self.depth + 1)
        binding = self._bind(func, pos, kws, receiver)
        site = self.site(node)
        if summary.failed and not self.quiet:
            # What it launches is not known: the call stays open (fail closed).
            miss = RawUnresolved(func.qualname, site, summary.failed)
            self.a.results_for(self.func).unresolved.append(miss)

        def fill(p: Param) -> Value | None:
            if p.func != func.id:
                return _receiver_param(receiver, p, self.a)
            return binding.get(p.name)

        through_ctor = [
            replace(ev, unless_called=ev.unless_called or method)
            for method, ev in self.a.constructor_events.get(func.id, [])
        ]
        if summary.events or through_ctor:
            self.a.results_for(self.func).calls.add(func.id)
        for ev in [*summary.events, *through_ctor]:
            value = substitute(ev.value, fill)
            note = _passing_note(ev.value, func)
            forwarded = replace(ev, value=value, after=(self.hop(node, note), *ev.after))
            self.emit(forwarded, site)
        ret = substitute(summary.returns, fill)
        if has_param(ret):
            ret = _strip_foreign(ret, self.func, self.a)
        if isinstance(ret, Ref | Const):
            return ret
        hop = (
            LazyHop(func.path, func.piece, func.node, f"returned by {func.qualname}()")
            if func.node is not None
            else None
        )
        return ret.with_hop(hop) if not isinstance(ret, Unknown) else ret

    def _bind(
        self, func: FuncDef, pos: list[Value], kws: dict[str, Value], receiver: Value | None
    ) -> dict[str, Value]:
        node = func.node
        binding: dict[str, Value] = {}
        if node is None:
            return binding
        params = [*node.params.posonly_params, *node.params.params]
        if func.class_id and not func.is_static and params:
            params = params[1:]
        # Positional arguments, with an unknown-length *splat ending what we know.
        i = 0
        unknown_from: int | None = None
        flat: list[Value] = []
        for v in pos:
            if isinstance(v, Splat):
                inner = v.inner
                if isinstance(inner, Seq) and not any(isinstance(x, Splat) for x in inner.items):
                    flat.extend(inner.items)
                else:
                    unknown_from = len(flat)
                    flat.append(v)
                    break
            else:
                flat.append(v)
        for p in params:
            name = p.name.value
            if name in kws:
                binding[name] = kws[name]
            elif unknown_from is not None and i >= unknown_from:
                binding[name] = unknown("passed through *args")
            elif i < len(flat):
                binding[name] = flat[i]
            elif p.default is not None:
                binding[name] = self._default(func, p.default)
            else:
                binding[name] = unknown(f"argument `{name}` not passed")
            i += 1
        star = node.params.star_arg
        if isinstance(star, cst.Param):
            rest = (
                flat[i:]
                if unknown_from is None or i <= unknown_from
                else [Splat(trace=(), inner=unknown("*args"))]
            )
            binding[star.name.value] = seq(rest)
        for p in node.params.kwonly_params:
            name = p.name.value
            if name in kws:
                binding[name] = kws[name]
            elif p.default is not None:
                binding[name] = self._default(func, p.default)
            else:
                binding[name] = unknown(f"argument `{name}` not passed")
        if node.params.star_kwarg is not None:
            known = {p.name.value for p in [*params, *node.params.kwonly_params]}
            binding[node.params.star_kwarg.name.value] = DictV(
                trace=(), entries=tuple((string(k), v) for k, v in kws.items() if k not in known)
            )
        return binding

    def _default(self, func: FuncDef, default: cst.BaseExpression) -> Value:
        scope = self.a.module_scope(func.path)
        if scope is None:
            return unknown("default value")
        interp = Interpreter(self.a, scope.module_func(func.piece), depth=self.depth + 1)
        return interp.eval(default)

    # --- launch sites -------------------------------------------------------------------

    def _arg(
        self, spec_pos: int | None, spec_kw: str | None, pos: list[Value], kws: dict[str, Value]
    ) -> Value | None:
        if spec_kw and spec_kw in kws:
            return kws[spec_kw]
        if spec_kw and STAR_KWARGS in kws and (spec_pos is None or spec_pos >= len(pos)):
            return pick(kws[STAR_KWARGS], spec_kw)
        if spec_pos is not None:
            if any(isinstance(v, Splat) for v in pos[: spec_pos + 1]):
                head = pos[: spec_pos + 1]
                j = next(i for i, v in enumerate(head) if isinstance(v, Splat))
                splat = head[j]
                assert isinstance(splat, Splat)
                if has_param(splat.inner):
                    # A wrapper forwarding `*args`: the caller's arguments decide.
                    return pick(splat.inner, spec_pos - j)
                first = head[0]
                if spec_pos == 0 and isinstance(first, Splat):
                    return alt([_first_item(first.inner)])
                return unknown("arguments passed with *")
            if spec_pos < len(pos):
                return pos[spec_pos]
        return None

    def _sink(
        self, spec: SinkSpec, node: cst.Call, pos: list[Value], kws: dict[str, Value]
    ) -> None:
        configured = self._configured(spec, pos, kws) if spec.config is not None else None
        if spec.config is not None and configured is None:
            return  # no configuration that starts a process (none passed, URL servers only)
        site = self.site(node)
        sites = self.a.results_for(self.func).sites
        if not any(s.node is node for s in sites):  # (a comprehension runs it once per item)
            sites.append(site)
        shell = Const(trace=(), value=False)
        if spec.shell and spec.shell in kws:
            shell = kws[spec.shell]
        rest = self._rest_of_argv(spec, pos, kws)
        if configured is not None:
            value, form = configured, _configured_form(spec)
        elif spec.program is not None:
            value, form = string(spec.program), "program"  # the one hop says so (below)
        elif spec.command is not None:
            value, form = self._arg(spec.command.pos, spec.command.kw, pos, kws), "shell"
        elif spec.path is not None:
            value, form = self._arg(spec.path.pos, spec.path.kw, pos, kws), "program"
            if value is not None and rest is not None:
                # The program runs with the rest of its argv: `os.execv("/bin/sh", ["sh", "-c",
                # "codex"])` starts what the shell is told to.
                value, form = seq([value, Splat(trace=(), inner=rest)]), "argv"
        else:
            assert spec.argv is not None
            value = self._arg(spec.argv.pos, spec.argv.kw, pos, kws)
            form = "split" if spec.split else "argv"
            if value is not None and rest is not None and spec.split:
                words = shlex_split(self, [value], {})
                value, form = seq_concat(words, rest), "argv"
            truth = _truth(shell)
            if truth is True:
                form = "shell_argv"
            elif truth is None:
                form = "maybe_shell"
            elif spec.executable and spec.executable in kws:
                exe = kws[spec.executable]
                if not all(isinstance(o, Const) and o.value is None for o in options(exe)):
                    value, form = exe, "program"
        if value is None:
            value = unknown("the program argument is missing")
        event = SinkEvent(
            sink=spec.call,
            kind=spec.kind,
            form=form,
            value=value,
            site=site,
            after=(
                self.hop(node, f"{spec.call} runs `{spec.program}`")
                if spec.program is not None
                else self.hop(node, f"reaches {spec.call}"),
            ),
        )
        self.emit(event, site)

    def _configured(self, spec: SinkSpec, pos: list[Value], kws: dict[str, Value]) -> Value | None:
        """What a sink that takes launch configurations runs: one alternative per configuration
        (`MultiServerMCPClient({"a": {"command": "npx", "args": [...]}, "b": {"url": ...}})`),
        the program and its arguments read from the same one. None: no configuration here
        starts a process (a server reached by URL, a string instead of a mapping)."""
        assert spec.config is not None
        container = self._arg(spec.config.pos, spec.config.kw, pos, kws)
        if container is None:
            return None
        configs = [container]
        for key in spec.within:
            configs = [inner for c in configs for inner in self._config_items(c, key)]
        program_key = next(
            a.key for a in (spec.argv, spec.path, spec.command) if a is not None and a.key
        )
        args_key = spec.args.key if spec.args is not None else None
        argvs: list[Value] = []
        for c in configs:
            for o in options(self._forced(c)):
                if isinstance(o, Str | Const | Seq):
                    continue  # not a configuration mapping
                if not isinstance(o, DictV) and not has_param(o):
                    argvs.append(o)  # unknown: why
                    continue
                # A caller's configuration (a wrapper's parameter) is read when it is known.
                named = o.by_name() if isinstance(o, DictV) else {STAR_KWARGS: o}
                if program_key not in named and STAR_KWARGS not in named:
                    continue  # a configuration without a program (`{"url": ...}`)
                program = pick(o, program_key)
                if args_key is None:
                    argvs.append(program)
                    continue
                rest: Value = seq([])  # no arguments given
                if args_key in named or STAR_KWARGS in named:
                    rest = pick(o, args_key)
                    rest = _drop_first(rest) if spec.argv0 else rest
                argvs.append(seq([program, Splat(trace=(), inner=rest)]))
        return alt(argvs) if argvs else None

    def _config_items(self, container: Value, key: str) -> list[Value]:
        """The values under `key` (`*`: every value) of a configuration mapping."""
        out: list[Value] = []
        for o in options(self._forced(container)):
            if isinstance(o, DictV):
                if key == "*":
                    out.extend(v for k, v in o.entries if not _is_star_kwargs(k))
                elif key in o.by_name() or STAR_KWARGS in o.by_name():
                    out.append(pick(o, key))
            elif not isinstance(o, Str | Const | Seq):
                out.append(
                    o
                    if isinstance(o, Unknown)
                    else unknown("launch configurations built elsewhere")
                )
        return out

    def _forced(self, v: Value) -> Value:
        if not has_lazy(v):
            return v
        with self.a.launching():
            return self.force(v)

    def _rest_of_argv(
        self, spec: SinkSpec, pos: list[Value], kws: dict[str, Value]
    ) -> Value | None:
        """argv[1:] of a sink that takes the program and its argv separately."""
        if spec.config is not None:
            return None  # read from each configuration (`_configured`)
        if spec.args is not None:
            lst = self._arg(spec.args.pos, spec.args.kw, pos, kws)
            if lst is None:
                return None
            return _drop_first(lst) if spec.argv0 else lst
        if spec.varargs is not None:
            items = pos[spec.varargs :]
            if not items:
                return None
            return _drop_first(seq(items)) if spec.argv0 else seq(items)
        return None

    def emit(self, event: SinkEvent, at: SiteRef) -> None:
        """Hand an event to the classifier; what stays open is forwarded to our callers."""
        handler = self.a.on_event
        if handler is None or self.quiet:
            return
        if has_lazy(event.value):
            with self.a.launching():
                event = replace(event, value=self.force(event.value))
        reported, needs_callers = handler(event, at, self.a.results_for(self.func))
        if needs_callers and has_param(event.value):
            own = [o for o in options(event.value) if _has_own_param(o, self.func, self.a)]
            if own:
                self.forwarded.append(replace(event, value=alt(own), reported=reported, origin=at))


def _lazy_reads(v: Value) -> int:
    """How many attribute reads and calls of a value not known yet nest in `v` (up to the
    bound)."""
    n = 0
    while isinstance(v, LazyAttr | LazyCall) and n < MAX_LAZY_READS:
        v = v.base if isinstance(v, LazyAttr) else v.callee
        n += 1
    return n


def _known_items(items: Value) -> list[Value] | None:
    """The items of a loop's iterable when it is one known sequence (no unpacked part)."""
    if isinstance(items, Seq) and not any(isinstance(i, Splat) for i in items.items):
        return list(items.items)
    return None


def _loop_body(body: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The nodes of a loop body, not those of functions, classes or lambdas defined in it."""
    stack: list[cst.CSTNode] = [body]
    while stack:
        n = stack.pop()
        yield n
        if type(n) not in (cst.FunctionDef, cst.ClassDef, cst.Lambda):
            stack.extend(children(n))


def _grown_names(body: cst.BaseSuite) -> set[str]:
    """Names a loop body builds on their own value: `x += ...`, `x = ... x ...`, `x.append(...)`
    (also `extend`, `insert`)."""
    out: set[str] = set()
    for n in _loop_body(body):
        kind = type(n)
        if kind is cst.AugAssign and type(n.target) is cst.Name:  # type: ignore[attr-defined]
            out.add(n.target.value)  # type: ignore[attr-defined]
        elif kind is cst.Assign:
            names = {t.target.value for t in n.targets if type(t.target) is cst.Name}  # type: ignore[attr-defined]
            if names:
                value: cst.CSTNode = n.value  # type: ignore[attr-defined]
                out.update(
                    x.value for x in _loop_body(value) if type(x) is cst.Name and x.value in names
                )  # type: ignore[attr-defined]
        elif (
            kind is cst.Call
            and type(n.func) is cst.Attribute  # type: ignore[attr-defined]
            and type(n.func.value) is cst.Name  # type: ignore[attr-defined]
            and n.func.attr.value in _MUTATORS  # type: ignore[attr-defined]
        ):
            out.add(n.func.value.value)  # type: ignore[attr-defined]
    return out


def _exits_early(body: cst.BaseSuite) -> bool:
    """Whether a loop body may leave an iteration or the loop early (`break`, `continue`,
    `return`, `raise`; for the loop itself, not for one nested in it)."""
    stack: list[tuple[cst.CSTNode, bool]] = [(body, True)]
    while stack:
        n, own = stack.pop()
        if isinstance(n, cst.Return | cst.Raise) or (
            own and isinstance(n, cst.Break | cst.Continue)
        ):
            return True
        if not isinstance(n, cst.FunctionDef | cst.ClassDef | cst.Lambda):
            inner = own and not isinstance(n, cst.For | cst.While)
            stack.extend((c, inner) for c in children(n))
    return False


def _param_nodes(params: cst.Parameters) -> list[cst.Param]:
    """Parameters bound by position or keyword, in order (not `*args` / `**kwargs`)."""
    return [*params.posonly_params, *params.params, *params.kwonly_params]


def _has_own_param(v: Value, func: FuncDef, a: Analyzer) -> bool:
    """Parameters this function's callers fill in: its own, and for a method, what the
    instance's constructor stored (the receiver at each call knows them)."""
    return any(_callers_fill(p, func, a) for p in params_in(v))


def _callers_fill(p: Param, func: FuncDef, a: Analyzer) -> bool:
    """Whether callers of `func` can fill parameter `p`: one of its own, or a constructor's of
    its class or a base class (through the receiver). Another class's constructor argument
    (kept on an object the method only reads) is not the receiver's."""
    if p.func == func.id:
        return True
    if not func.class_id or func.is_static or not p.func.endswith(".__init__"):
        return False
    return p.func.removesuffix(".__init__") in a.class_chain(func.class_id)


def _passing_note(value: Value, func: FuncDef) -> str:
    """How a value enters a wrapper, naming the parameter that comes first (the program's)."""
    for p in params_in(value):
        if p.func == func.id:
            return f"passed as `{p.name}` to {func.qualname}"
        if p.func.endswith(".__init__"):
            cls = p.func.split(":", 1)[1].rsplit(".", 1)[0]
            if p.name.startswith((".", "?")):
                return f"the receiver's `{p.name[1:]}` reaches {func.qualname}"
            return f"`{p.name}` given to {cls}() reaches {func.qualname}"
    return f"passed to {func.qualname}"


# Hand-offs (`_handoff`): method name -> how many arguments come before the callable.
_HANDOFF_SKIP = {
    "submit": 0,  # concurrent.futures executors
    "run_in_executor": 1,  # loop.run_in_executor(executor, fn, *args)
    "call_soon": 0,
    "call_soon_threadsafe": 0,
    "call_later": 1,
    "call_at": 1,
}
_HANDOFF_FUNCTIONS = {
    "asyncio.to_thread": 0,
    "anyio.to_thread.run_sync": 0,
    "trio.to_thread.run_sync": 0,
    "anyio.from_thread.run_sync": 0,
}
# Hand-offs whose (awaited) result is the callable's.
_RESULT_HANDOFFS = frozenset(_HANDOFF_FUNCTIONS)
# Classes that run `target=` (or Timer's `function`) with `args=` / `kwargs=`.
_THREAD_CLASSES = frozenset(("threading.Thread", "threading.Timer", "multiprocessing.Process"))
_PROPERTIES = frozenset(("property", "functools.cached_property", "cached_property"))


def _mutable_list(v: Value) -> bool:
    """A list `append`/`extend`/`insert` can be followed on: a known sequence, or one a
    caller passes (a parameter, `shlex.split(command)` of one)."""
    return isinstance(v, Seq | Param) or (not isinstance(v, Str | Concat) and has_param(v))


def _keeps_items(elt: cst.BaseExpression, target: cst.BaseAssignTargetExpression) -> bool:
    """Whether a comprehension's element is its loop variable as a string (`a`, `str(a)`,
    `os.fspath(a)`): the result holds the iterable's items."""
    if not isinstance(target, cst.Name):
        return False
    if (
        isinstance(elt, cst.Call)
        and len(elt.args) == 1
        and elt.args[0].keyword is None
        and dotted(elt.func) in ("str", "os.fspath", "fspath")
    ):
        elt = elt.args[0].value
    return isinstance(elt, cst.Name) and elt.value == target.value


def _fstring_text(node: cst.FormattedString, raw: str) -> str:
    """A literal stretch of an f-string as the string holds it: libcst keeps the source text
    (`\\n` as two characters, `{{` doubled), which would hide a shell command line's newline."""
    text = raw.replace("{{", "{").replace("}}", "}")
    if "r" in node.prefix.lower() or "\\" not in text:
        return text
    quote = node.start[len(node.prefix) :]
    try:
        got = ast.literal_eval(quote + text + quote)
    except (SyntaxError, ValueError):
        return text
    return got if isinstance(got, str) else text


def _is_abstract(node: cst.FunctionDef) -> bool:
    """`@abstractmethod`, or a body that only documents, passes or raises NotImplementedError."""
    if any(
        dotted(d.decorator) in ("abstractmethod", "abc.abstractmethod") for d in node.decorators
    ):
        return True
    for stmt in block(node.body):
        if not isinstance(stmt, cst.SimpleStatementLine):
            return False
        for small in stmt.body:
            if isinstance(small, cst.Pass):
                continue
            if isinstance(small, cst.Expr) and isinstance(
                small.value, cst.SimpleString | cst.ConcatenatedString | cst.Ellipsis
            ):
                continue
            if (
                isinstance(small, cst.Raise)
                and small.exc is not None
                and "NotImplementedError"
                in (dotted(small.exc.func if isinstance(small.exc, cst.Call) else small.exc) or "")
            ):
                continue
            return False
    return True


def _is_property(node: cst.FunctionDef) -> bool:
    return any(dotted(d.decorator) in _PROPERTIES for d in node.decorators)


def _receiver_param(receiver: Value | None, p: Param, a: Analyzer | None = None) -> Value | None:
    """A constructor parameter stored on the instance, from the receiver's constructor call
    (through `super().__init__(...)` when `p` belongs to a base class's `__init__`)."""
    if p.name.startswith(".") and a is not None:
        return _receiver_attr(receiver, p.name[1:], a)
    if p.name.startswith("?") and a is not None:
        # An attribute the method's class sets, perhaps overridden: the receiver's, else none
        # beyond the class's own value (already an alternative where it was read). A receiver
        # of that very class, as built nowhere in particular, is `self` of a caller in the same
        # class: its own callers' receivers tell.
        cls = p.func.removesuffix(".__init__")
        if (
            isinstance(receiver, Ref)
            and receiver.kind == "instance"
            and receiver.target == cls
            and not receiver.args
        ):
            return None
        got = _receiver_attr(receiver, p.name[1:], a, stored_first=True)
        if got is None:
            info = a.class_info(p.func.removesuffix(".__init__"))
            got = (
                _receiver_attr(Ref(trace=(), kind="instance", target=info.id), p.name[1:], a)
                if info
                else None
            )
        return got if got is not None else unknown(f"attribute `{p.name[1:]}`")
    if not (isinstance(receiver, Ref) and receiver.kind == "instance" and len(receiver.args) == 2):
        return None
    init, binding = receiver.args
    if not (isinstance(init, Str) and isinstance(binding, DictV)):
        return None
    args = binding.by_name()
    if init.text == p.func:
        return args.get(p.name)
    if a is None or not p.func.endswith(".__init__"):
        return None
    if a.funcdef(init.text) is None and a.funcdef(p.func) is None:
        # Generated dataclass `__init__`s: a subclass's takes its bases' fields by name.
        return args.get(p.name)
    v = a.base_init_value(init.text, p)
    if v is None:
        return None
    return substitute(v, lambda q: args.get(q.name) if q.func == init.text else None)


def _overridable(v: Value, cid: str, attr: str, a: Analyzer) -> Value:
    """`self.binary` read in a method of the class that sets it (`binary = "node"`), where a
    subclass sets another (`Claude.binary = "claude"`): the receiver at each call is asked
    too; where it does not say, the class's own value stands (`?binary`, see
    `_receiver_param`)."""
    if has_param(v) or not all(isinstance(o, Str | Seq | Const) for o in options(v)):
        return v
    if not a.overridden(cid, attr):
        return v
    return alt([v, Param(trace=(), func=f"{cid}.__init__", name=f"?{attr}")])


def _receiver_attr(
    receiver: Value | None, attr: str, a: Analyzer, *, stored_first: bool = False
) -> Value | None:
    """An attribute a method left to its receiver's class (see `Interpreter._attr_one`), read
    from the receiver at a call; None (still open) when the receiver's class does not say.
    stored_first: what the receiver's methods store on `self` (and class attributes) rather
    than the class-level value alone (an override may be either)."""
    found: list[Value] = []
    for o in options(receiver) if receiver is not None else ():
        info = a.class_info(o.target) if isinstance(o, Ref) and o.kind == "instance" else None
        if info is None:
            return None
        v = None
        if stored_first:
            inst = info.instance_attr(attr)
            v = _fill_receiver(inst, o, a) if inst is not None else None  # type: ignore[arg-type]
        if v is None:
            v = info.field_default(attr)  # a class-level value, else what methods store
        if v is None:
            inst = info.instance_attr(attr)
            v = _fill_receiver(inst, o, a) if inst is not None else None  # type: ignore[arg-type]
        if v is None:
            return None
        found.append(v)
    return alt(found) if found else None


def _fill_receiver(v: Value, receiver: Ref, a: Analyzer) -> Value:
    """An instance attribute read through a receiver whose constructor arguments are known."""
    if not has_param(v):
        return v
    return substitute(v, lambda p: _receiver_param(receiver, p, a))


def _strip_foreign(v: Value, func: FuncDef, a: Analyzer) -> Value:
    """Parameters that no caller of `func` can fill in become unknown."""

    def fill(p: Param) -> Value | None:
        if _callers_fill(p, func, a):
            return None
        return unknown(f"parameter `{p.name}`")

    return substitute(v, fill)


def _truth(v: Value) -> bool | None:
    vals = set()
    for o in options(v):
        if isinstance(o, Const):
            vals.add(bool(o.value))
        elif isinstance(o, Str) and HOLE not in o.text:
            vals.add(bool(o.text))
        else:
            return None
    if len(vals) == 1:
        return vals.pop()
    return None


def _falsy(v: Value) -> bool:
    if isinstance(v, Const):
        return not v.value
    if isinstance(v, Str):
        return v.text == ""
    if isinstance(v, Seq):
        return not v.items
    return False


def _splat_reason(v: Seq) -> str:
    """Why the unpacked part of a partly known sequence is unknown (`*sys.argv`)."""
    for item in v.items:
        if isinstance(item, Splat):
            return hole_reason(item.inner)
    return ""


def _configured_form(spec: SinkSpec) -> str:
    """How a configuration's value is read: a shell command line, an argv, or the program."""
    if spec.command is not None:
        return "shell"
    return "argv" if spec.args is not None or spec.argv is not None else "program"


def _literal_key(key: Value) -> int | str | None:
    """A subscript's key that `pick` can follow: a non-negative int or a known string."""
    if isinstance(key, Const) and isinstance(key.value, int) and not isinstance(key.value, bool):
        return key.value if key.value >= 0 else None
    if isinstance(key, Str) and HOLE not in key.text and key.text != STAR_KWARGS:
        return key.text
    return None


def _is_star_kwargs(key: Value) -> bool:
    return isinstance(key, Str) and key.text == STAR_KWARGS


def _drop_first(v: Value) -> Value:
    """A sequence without its first item (argv[1:]); unknown when that is not clear."""
    out: list[Value] = []
    for o in options(v):
        if isinstance(o, Seq) and o.items and not isinstance(o.items[0], Splat):
            out.append(seq(list(o.items[1:]), o.trace))
        elif isinstance(o, Seq) and not o.items:
            out.append(o)
        else:
            out.append(seq([Splat(trace=(), inner=unknown("arguments are not known"))]))
    return alt(out)


def _first_item(v: Value) -> Value:
    out: list[Value] = []
    for o in options(v):
        if isinstance(o, Seq) and o.items and not isinstance(o.items[0], Splat):
            out.append(o.items[0])
        else:
            out.append(unknown("first argument passed with *"))
    return alt(out)

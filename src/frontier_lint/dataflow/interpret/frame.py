"""The interpretation of one function body (or module-level statements, or a class body):
`Frame`, its environment of local values and what it records.

A frame walks its statements in order: branches give alternatives, a reassignment replaces,
`append`/`extend`/`+=` grow a list. Parameters stay symbolic (`Param`) and are filled in at each
call site, which is how builders (return values) and wrappers (parameters that reach a sink)
are followed from one module to another. What a statement, an expression, an attribute read or
a call means is in the modules beside this one, each a function taking the frame; which one
handles what is the tables of `dispatch`, and the frame's methods are the one way the
interpretation modules reach each other.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import libcst as cst

from frontier_lint.dataflow.interpret import (
    attributes,
    calls,
    definitions,
    dispatch,
    expressions,
    forcing,
    sinks,
    statements,
)
from frontier_lint.dataflow.lazy import LazyImport, has_lazy
from frontier_lint.dataflow.memo import ForceMemo
from frontier_lint.dataflow.models import commands, handoffs
from frontier_lint.dataflow.refs import ClassRef, CommandRef, InstanceRef
from frontier_lint.dataflow.scopes import ModuleScope
from frontier_lint.dataflow.summaries import (
    MAX_FORCES,
    TOO_MUCH_WORK,
    FuncDef,
    ParamCall,
    SinkEvent,
)
from frontier_lint.dataflow.values import Alt, Concat, DictV, Param, Seq, Splat, Value, unknown
from frontier_lint.frontend.parsing import LazyHop, SiteRef
from frontier_lint.settings.catalogue import SinkSpec

if TYPE_CHECKING:
    from frontier_lint.dataflow.analyzer import Analyzer
    from frontier_lint.dataflow.ids import FuncId

# The values `force_text` walks into itself (a reference's parts left out); others: `force`.
_TEXT_WALKED = frozenset({Seq, Splat, Concat, DictV, Alt})


class Frame:
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
        self.analyzer = analyzer
        self.func = func
        self.piece = func.piece
        self.depth = depth
        self.module_level = module_level
        self.class_body = class_body
        self.env: dict[str, Value] = {}
        self.returns: list[Value] = []
        self.yields: list[Value] = []  # what a generator function yields
        self.forwarded: list[SinkEvent] = []
        self.self_assigns: dict[str, list[Value]] = {}
        self.star_imports: list[str] = []
        self.defined: list[FuncDef] = []
        self.deferred: set[FuncId] = set()  # functions called but not followed (not yet wrappers)
        self.followed: set[FuncId] = set()  # project functions called and followed
        self.visited: set[int] = set()
        self.local_depth = 0  # nested functions and lambdas being run (`calls.call_local`)
        self.unroll = 1  # how many times the loops being unrolled run their bodies, together
        # Nested `def`s met (with the scope they were defined in) and those called here.
        self.nested: list[tuple[cst.FunctionDef, tuple[tuple[str, Value], ...]]] = []
        self.called_nested: set[int] = set()
        # Nested functions a call reached past MAX_LOCAL_DEPTH: run by `finish_nested` with
        # their parameters unknown for that reason (never clean).
        self.nested_too_deep: set[int] = set()
        self.self_name: str | None = None
        # What this method stored on `self.<attr>` earlier in its flow, in `env` under
        # `self_key(attr)` (`self.command = self.wrap(self.command)` wraps what was stored just
        # before, not every value the class stores, this one included); the attributes it ever
        # stored (forgetting them costs as many, not the size of `env`: no quadratic time in a
        # body of thousands of calls).
        self.stored_on_self: set[str] = set()
        self.base_inits: dict[FuncId, dict[str, Value]] = {}  # see FunctionSummary.base_inits
        self.param_calls: list[ParamCall] = []  # see FunctionSummary.param_calls
        # Environment variables this body set to known text before the statement under way
        # (`os.environ["TOOL"] = "codex"`): what a launch's shell may expand (`sinks._stdin`).
        self.environ_set: dict[str, str] = {}
        # The read a deferred attribute read being computed was made at (`forcing`): a property
        # it runs is called there.
        self.reading: SiteRef | None = None
        # A call whose result is used in place, only as the receiver of an attribute
        # (`Runner(["git"]).run()`, `Settings("gemini").argv`): see `calls.call_class`.
        self.in_place: cst.Call | None = None
        self._scope: ModuleScope | None = None
        # Computing a deferred value: launches are reported by their own function.
        self.quiet = False
        # Calls in this body made on a callee not known yet (`LazyCall`, by node id) whose
        # launches are not reported yet: the first computation here reports them (`lazy_call`).
        self.lazy_here: set[int] = set()
        self.memo = ForceMemo()  # attribute reads forced here (`memo`)
        # Locals a nested function assigns through `nonlocal`: what it may assign, an
        # alternative of every later read (`definitions.function_def`).
        self.volatile: dict[str, list[Value]] | None = None
        # Locals bound to another local holding a list or dict (`other = argv`): the same
        # object, so a change in place through one is the other's too (`changed_in_place`).
        self.shared: dict[str, set[str]] = {}
        # Command objects made in the statement being run, by the node that chose their
        # program (`models.commands`): what is not run there is reported where it was made.
        self.commands: dict[tuple[object, ...], list[tuple[cst.CSTNode, CommandRef]]] = {}
        # While code run by `exec`/`eval` is analysed in place (`models.code`): which.
        self.running_code: str | None = None

    # --- context ------------------------------------------------------------------------

    @property
    def scope(self) -> ModuleScope | None:
        if self._scope is None:
            self._scope = self.analyzer.module_scope(self.func.path)
        return self._scope

    def hop(self, node: cst.CSTNode, note: str, code: cst.CSTNode | None = None) -> LazyHop:
        return LazyHop(self.func.path, self.piece, node, note, code)

    def site(self, node: cst.CSTNode) -> SiteRef:
        return SiteRef(self.func.path, self.piece, node, self.func.qualname)

    def other(self, func: FuncDef, *, depth: int) -> Frame:
        """A frame for another function (or module-level code: a default, an annotation)."""
        return Frame(self.analyzer, func, depth=depth)

    def bind_params(self) -> None:
        node = self.func.node
        if node is None:
            return
        params = [*node.params.posonly_params, *node.params.params]
        if self.func.class_id and not self.func.is_static and params:
            first = params[0].name.value
            self.self_name = first
            self.env[first] = (
                ClassRef(trace=(), cls=self.func.class_id)
                if self.func.is_classmethod
                else InstanceRef(trace=(), cls=self.func.class_id)
            )
            params = params[1:]
        for p in [*params, *node.params.kwonly_params]:
            self.env[p.name.value] = Param(trace=(), func=self.func.id, name=p.name.value)
        if params and node.decorators and not self.func.class_id:
            context = handoffs.task_context(self, node)
            if context is not None:
                # (A task's context: invoke's command line calls it, not the project.)
                self.env[params[0].name.value] = context
        star = node.params.star_arg
        if isinstance(star, cst.Param):
            self.env[star.name.value] = Param(trace=(), func=self.func.id, name=star.name.value)
        if node.params.star_kwarg is not None:
            name = node.params.star_kwarg.name.value
            self.env[name] = Param(trace=(), func=self.func.id, name=name)

    # --- dispatch: a node's or a value's type to the function that interprets it ----------

    def run(self, stmts: Sequence[cst.CSTNode]) -> None:
        for stmt in stmts:
            self.stmt(stmt)

    def stmt(self, node: cst.CSTNode) -> None:
        dispatch.STATEMENTS.get(type(node), statements.other_statement)(self, node)
        if self.commands:
            commands.flush(self)

    def flush_commands(self) -> None:
        """Report the command objects made and not run (after an expression evaluated outside
        a statement: a parameter's default)."""
        if self.commands:
            commands.flush(self)

    def small(self, node: cst.CSTNode) -> None:
        dispatch.SMALL_STATEMENTS.get(type(node), statements.other_statement)(self, node)

    def eval(self, node: cst.CSTNode) -> Value:
        try:
            return dispatch.EXPRESSIONS.get(type(node), expressions.other_expression)(self, node)
        except RecursionError:
            return unknown("expression too deeply nested")

    def attr_one(self, o: Value, attr: str, node: cst.CSTNode | None) -> Value:
        """Attribute `attr` of one alternative of a value (see `attributes.attr_of`)."""
        handler = dispatch.ATTRIBUTES.get(type(o), attributes.other_attribute)
        return handler(self, o, attr, node)

    def call_one(
        self,
        callee: Value,
        node: cst.Call,
        pos: list[Value],
        kws: dict[str, Value],
        star_kwargs: bool,
    ) -> Value:
        """A call of one alternative of the callee, with arguments already evaluated."""
        handler = dispatch.CALLEES.get(type(callee), calls.other_callee)
        return handler(self, callee, node, pos, kws, star_kwargs)

    def force(self, v: Value) -> Value:
        """Compute deferred call results inside a value (before it is matched or combined)."""
        handler = dispatch.FORCING.get(type(v))
        if handler is None:
            return v
        a = self.analyzer
        if a._stack:  # (a hot path: no call)
            a.forces += 1
            if a.forces > MAX_FORCES and has_lazy(v):
                a.effects += 1  # a bound was met: the result is not remembered (`memo`)
                return unknown(TOO_MUCH_WORK)
        return handler(self, v)

    def force_text(self, v: Value) -> Value:
        """`force` for a value used only as text (a `%` format's operands, an f-string's
        parts): what a reference inside it holds is not computed (`forcing.text_parts`)."""
        if type(v) not in _TEXT_WALKED:
            return self.force(v)  # (a reference at the top is left as it is there too)
        a = self.analyzer
        if a._stack:
            a.forces += 1
            if a.forces > MAX_FORCES and has_lazy(v):
                a.effects += 1  # a bound was met: the result is not remembered (`memo`)
                return unknown(TOO_MUCH_WORK)
        return forcing.text_parts(self, v)

    # --- what the interpretation modules ask of each other --------------------------------

    def scan_rest(self, nodes: Sequence[cst.CSTNode], *, reached: bool = False) -> None:
        statements.scan_rest(self, nodes, reached=reached)

    def assign(self, target: cst.CSTNode, value: Value) -> None:
        statements.assign(self, target, value)

    def element_of(self, items: Value, node: cst.CSTNode) -> Value:
        return statements.element_of(self, items, node)

    def note_attr_store(self, held: Value, attr: str, value: Value) -> None:
        statements.note_attr_store(self, held, attr, value)

    def run_nested(self, node: cst.FunctionDef, env: dict[str, Value]) -> None:
        definitions.run_nested(self, node, env)

    def finish_nested(self) -> None:
        definitions.finish_nested(self)

    def share(self, name: str, other: str) -> None:
        """`name = other`, `other` holding a list or dict: both name one object."""
        group = self.shared.get(other, set()) | {other}
        for n in group:
            self.shared.setdefault(n, set()).add(name)
        self.shared[name] = set(group)

    def unshare(self, name: str) -> None:
        """`name` bound again: no longer the object it shared."""
        for n in self.shared.pop(name, ()):
            self.shared.get(n, set()).discard(name)

    def changed_in_place(self, name: str) -> None:
        """The list or dict `name` holds was changed in place: the names sharing it hold the
        same (fail closed: read as before, `other[0] = "codex"` went unseen through `argv`)."""
        if name in self.shared and name in self.env:
            for n in self.shared[name]:
                if n in self.env:
                    self.env[n] = self.env[name]

    def lookup_name(self, name: str, node: cst.CSTNode | None = None) -> Value:
        return expressions.lookup_name(self, name, node)

    def add(self, left: Value, right: Value, node: cst.CSTNode) -> Value:
        return expressions.add(self, left, right, node)

    def attr_of(self, base: Value, attr: str, node: cst.CSTNode | None) -> Value:
        return attributes.attr_of(self, base, attr, node)

    def store_on_self(self, attr: str, value: Value) -> None:
        """`self.<attr> = value` in this method: read back as such until something else may
        change it (`forget_stored_on_self`)."""
        self.env[statements.SELF_KEY + attr] = value
        self.stored_on_self.add(attr)

    def stored_value_on_self(self, attr: str) -> Value | None:
        """What this method stored on `self.<attr>` earlier in its flow, if still known."""
        return self.env.get(statements.SELF_KEY + attr)

    def without_stored_on_self(self, env: dict[str, Value]) -> dict[str, Value]:
        """`env` for a nested function, which may run after the method changed `self`."""
        return statements.without_stored_on_self(env) if self.stored_on_self else env

    def forget_stored_on_self(self, attr: str | None = None) -> None:
        """A call (any callee may change the instance), a `yield`, or a store not followed
        (`self.cmd += ...`, `self.cmd[0] = ...`): `self.<attr>` (each, if None) is read from
        the instance again."""
        if not self.stored_on_self:
            return
        for name in (attr,) if attr is not None else self.stored_on_self:
            self.env.pop(statements.SELF_KEY + name, None)

    def call(self, node: cst.Call, callee: Value) -> Value:
        result = calls.call(self, node, callee)
        self.forget_stored_on_self()  # (the callee may have changed the instance)
        return result

    def call_project(
        self,
        func: FuncDef,
        node: cst.CSTNode,
        pos: list[Value],
        kws: dict[str, Value],
        receiver: Value | None,
        *,
        site: SiteRef | None = None,
    ) -> Value:
        return calls.call_project(self, func, node, pos, kws, receiver, site=site)

    def bind(
        self, func: FuncDef, pos: list[Value], kws: dict[str, Value], receiver: Value | None
    ) -> dict[str, Value]:
        return calls.bind(self, func, pos, kws, receiver)

    def default(self, func: FuncDef, default: cst.BaseExpression) -> Value:
        return calls.default(self, func, default)

    def module_ref(self, dotted: str) -> Value:
        """The module absolute name `dotted` names, as `import dotted` binds it here."""
        return definitions.module_ref(self, dotted)

    def resolve_import(self, v: LazyImport) -> Value:
        return forcing.resolve_import(self, v)

    def own_reads(self, v: Value) -> Value:
        return forcing.own_reads(self, v)

    def sink(
        self, spec: SinkSpec, node: cst.Call, pos: list[Value], kws: dict[str, Value]
    ) -> Value | None:
        return sinks.sink(self, spec, node, pos, kws)

    def unknown_launch(self, spec: SinkSpec, node: cst.Call, why: str) -> None:
        sinks.unknown_launch(self, spec, node, why)

    def emit(
        self,
        event: SinkEvent,
        at: SiteRef,
        origin: SiteRef | None = None,
        unless_given_by: FuncId | None = None,
    ) -> None:
        sinks.emit(self, event, at, origin, unless_given_by)

    def forced(self, v: Value) -> Value:
        """`v` computed for a launch or a call that needs it (annotated classes read too)."""
        if not has_lazy(v):
            return v
        with self.analyzer.launching():
            return self.force(v)

    def memo_state(self) -> tuple[bool, int, int]:
        """What of this frame a forced value can depend on besides the value (`memo`)."""
        return (self.quiet, self.local_depth, self.unroll)

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Launches met inside are reported by their own function, not here."""
        saved, self.quiet = self.quiet, True
        try:
            yield
        finally:
            self.quiet = saved

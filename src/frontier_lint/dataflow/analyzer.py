"""Project-wide knowledge for one run, computed on demand and memoised: `Analyzer`.

The global names of each module (`scopes.ModuleScope`), classes (`scopes.ClassInfo`), function
definitions, and a summary of each function (`summaries.FunctionSummary`: what it returns and
which of its parameters reach a launch site), computed by interpreting its body
(`interpret.frame.Frame`) with its parameters left symbolic. Summaries that depend on each other
in a cycle are computed again once the cycle is done. Each answer records the files it was read
from (`tracking`), so a cache can tell what an edit invalidates; an internal error while
answering is contained to the file it came from (`contain`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

import libcst as cst

from frontier_lint.dataflow.hierarchy import AttrStore, Hierarchy, StoreSite, defining
from frontier_lint.dataflow.ids import MODULE_CODE, SHADOWED, FuncId
from frontier_lint.dataflow.inplace import NOTHING, InPlace, callee_of, in_place
from frontier_lint.dataflow.interpret.frame import Frame
from frontier_lint.dataflow.lazy import (
    has_lazy,
    iter_params,
    iterates_parameter,
    params_in,
    reads_annotated,
    substitute,
    unfilled_annotated,
)
from frontier_lint.dataflow.memo import ForceMemo
from frontier_lint.dataflow.models import CALLEE_MODELS
from frontier_lint.dataflow.models.classes import is_abstract, tree_is_static
from frontier_lint.dataflow.receivers import bound_by
from frontier_lint.dataflow.refs import (
    ClassRef,
    ExternalRef,
    FuncRef,
    InstanceRef,
    MethodRef,
    ModuleRef,
    PartialRef,
    YieldsRef,
    holds_launcher,
    launcher_names,
)
from frontier_lint.dataflow.scopes import ClassInfo, DefOutline, Methods, ModuleScope
from frontier_lint.dataflow.searches import (
    MODULE_ITSELF,
    StoreForm,
    attr_store_exprs,
    calls_at_line,
    enclosing_top,
    instance_holders,
    line_statements,
    unwrap_staticmethod,
)
from frontier_lint.dataflow.store_receivers import Receiver, receiver_of
from frontier_lint.dataflow.summaries import (
    MAX_CALL_DEPTH,
    Failure,
    FuncDef,
    FunctionSummary,
    LaunchKey,
    SinkEvent,
    describe_error,
    launch_key,
    method_def,
    param_nodes,
)
from frontier_lint.dataflow.tracking import CLASS, NAME, SUMMARY, Closure
from frontier_lint.dataflow.values import (
    WORDS_LOOKED_AT,
    Alt,
    Concat,
    Const,
    DictV,
    Mention,
    Param,
    ParamKind,
    Ref,
    Seq,
    Splat,
    Str,
    Unknown,
    Value,
    alt,
    has_param,
    options,
    unknown,
)
from frontier_lint.dataflow.verdict import FunctionResults
from frontier_lint.frontend.parsing import Piece, SiteRef
from frontier_lint.frontend.project import ParseFailure, Project
from frontier_lint.frontend.syntax import block, conditional_defs, dotted, statements_of
from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.scan.prefilter import has_word
from frontier_lint.settings.catalogue import (
    Catalogue,
    CommandFamily,
    CommandMaker,
    Naming,
    SinkSpec,
)

# Candidate classes (by text) looked at for a Protocol's structural implementers; past it the
# answer is open (an unresolved site where a launch depends on it).
MAX_IMPLEMENTERS = 32
# The results and parts `force`'s shared memo keeps alive before it starts afresh.
MAX_OUTSIDE_FORCES = 20_000
# The tag of a launch's value filled with its parameters' defaults in `with_defaults`' memo.
WITH_DEFAULTS = "with_defaults"

# The receiver prefix of a store into a module's own names (`globals()[...] = v`), as text.
_MODULE_ITSELF = MODULE_ITSELF.decode()
# References to something one can call (a parameter's default the interpreter calls through).
_CALLABLE_REFS = (ExternalRef, FuncRef, MethodRef, PartialRef, ClassRef)


_WORD_BYTE = lazy_compile(rb"\w")


def _through(prefix: str, holder: str) -> bool:
    """Whether a store's receiver prefix is `holder.`, also reached through a package
    (`app.config.` for `config`)."""
    return prefix == holder + "." or prefix.endswith("." + holder + ".")


@dataclass(frozen=True, slots=True)
class Override:
    """A subclass's own member over a base class's method (`Analyzer.overrides`)."""

    cls: FuncId
    member: Value


# The stores into a list (`container_value`) after which its first word may be another.
_FRONT_STORES = frozenset((StoreForm.INSERT, StoreForm.KEYED))


class Analyzer:
    """Project-wide, memoised resolution state for one run."""

    def __init__(self, project: Project, catalogue: Catalogue) -> None:
        self.project = project
        self.catalogue = catalogue
        self.sinks: dict[str, SinkSpec] = dict(catalogue.sinks)
        # Server classes run in this process that a configured sink may be given instead of a
        # launch configuration (`models.configured`): a call of one gives its instance.
        self.in_process = frozenset(c for s in catalogue.sinks.values() for c in s.in_process)
        self.sink_modules = frozenset(name.split(".")[0] for name in catalogue.launch_names)
        # Where command objects are made (`models.commands`), by how they name the program.
        self.command_families = {c.sink: c for c in catalogue.commands}
        self.command_attributes: dict[str, tuple[CommandFamily, CommandMaker]] = {}
        self.command_items: dict[str, tuple[CommandFamily, CommandMaker]] = {}
        self.command_calls: dict[str, tuple[CommandFamily, CommandMaker]] = {}
        for family in catalogue.commands:
            for maker in family.make:
                table = (
                    self.command_attributes
                    if maker.naming is Naming.ATTRIBUTE
                    else self.command_items
                    if maker.naming is Naming.ITEM
                    else self.command_calls
                )
                table[maker.at] = (family, maker)
        # Calls that give a maker's module back (`sh.bake(_cwd=d)`): name -> the module.
        self.command_roots = {
            f"{m.at}.{name}": m.at for c in catalogue.commands for m in c.make for name in m.same
        }
        self.launchers = launcher_names(catalogue.sinks)  # (`refs.holds_launcher`)
        # Module-level names that module code bound to what a call gave, holding a launcher
        # (`R = runner()` with `runner` returning `subprocess.run`): called by that name in
        # statements naming neither the sink nor the function (`R(argv)` in another function),
        # they are followed as renamed sinks are (`Analysis.current_wrappers`).
        self.launcher_globals: set[FuncId] = set()
        # Attributes of project classes a launcher is set on from outside (`client.runner =
        # subprocess.Popen`, `client` an instance of `Client`), by `Client.runner`: called as
        # `self.runner(argv)` in the class's file, which may name no launch API, they are
        # looked for as a method wrapper's callers are (`Analysis.current_wrappers`); the files
        # that set them, whose stores a read of the attribute takes (`_attr_stored_sites`).
        self.launcher_attrs: dict[FuncId, set[str]] = {}
        # Classes a construction gave a launcher it keeps on `self` (`Client(subprocess.run)`
        # with `self._run = run`): their methods are followed where called on an instance.
        self.kept_launchers: set[FuncId] = set()
        # Functions some call gave a launcher (or what holds one) for these parameters
        # (`mid(subprocess.run)`): summarised, they follow the calls that hand such a parameter
        # on (`use(c)` in `mid(c)`), whose callee may call it (`calls._note_handed`).
        self.handed_launchers: dict[FuncId, set[str]] = {}
        # Code run by exec/eval analysed in place (`models.code`): its tree per call and text,
        # and how deep such code is being run now.
        self.code_trees: dict[tuple[int, str], tuple[object, object]] = {}
        self.code_depth = 0
        self._scopes: dict[str, ModuleScope | None] = {}
        self._classes: dict[FuncId, ClassInfo | None] = {}
        self._funcs: dict[FuncId, FuncDef | None] = {}
        # What derives from what, by text (overrides, abstract methods' implementations).
        self.hierarchy = Hierarchy(project, self, self)
        self.summaries: dict[FuncId, FunctionSummary] = {}
        self._in_progress: set[FuncId] = set()
        # Constructor id -> (method id, launch event) for launches waiting for its arguments.
        self.constructor_events: dict[FuncId, list[tuple[FuncId, SinkEvent]]] = {}
        # Constructor id -> what its events say (`launch_key`): a method's summary computed
        # again makes its events anew, alike (`_note_constructor_events`).
        self._constructor_keys: dict[FuncId, set[LaunchKey]] = {}
        # Functions being summarised, innermost last; summaries that saw a placeholder of one
        # of them (a cycle) and are computed again at the end (`_redo_tainted`), once each.
        self._stack: list[FuncId] = []
        self._stack_funcs: dict[FuncId, FuncDef] = {}
        self._tainted: dict[FuncId, FuncDef] = {}
        self._redone: set[FuncId] = set()
        # For a tainted summary, its calls of functions of the cycle (`note_cycle_call`); the
        # tainted summaries `_redo_tainted` passed over, and those it must compute (again)
        # because a function they called changed (`_reopen_callers`).
        self._cycle_calls: dict[FuncId, set[CycleCall]] = {}
        self._cycle_funcs: dict[FuncId, FuncDef] = {}
        self._passed_over: set[FuncId] = set()
        self._must_redo: set[FuncId] = set()
        self._reopened: set[FuncId] = set()
        self._redo_depth = 0
        # Functions whose loops over their own parameters' items (`for c in clis`) give the
        # items the callers pass (`lazy.ItemRef`) rather than unknowns: those that looped over
        # one (`_loops_over_params`) and left a launch unresolved, summarised again. On demand:
        # giving every such loop the callers' items cost +100 % CPU on the corpus.
        self.item_funcs: set[FuncId] = set()
        self._loops_over_params: dict[FuncId, set[str]] = {}
        # Registries filled by calls of a registering function (`registered_by_calls`): each
        # answer with what it read, and, while the calls are interpreted, the bindings of the
        # registrar's parameters at each call met (`calls.capture`).
        self._by_calls: dict[
            tuple[str, FuncId | None, str], tuple[list[tuple[Value, Value]], frozenset[str]]
        ] = {}
        self.capture: dict[FuncId, list[dict[str, Value]]] | None = None
        # Whether each module defines a top-level `__getattr__`, by path
        # (`definitions._has_module_getattr`): every `from module import name` asks it, 15,090
        # times of 571 modules on the corpus, each a search of the module's whole text.
        self.module_getattr: dict[str, bool] = {}
        # While calls of a registering method on instances are interpreted: its name, and
        # whether one was made on a receiver not known here (`calls.capture`).
        self.capture_method: str | None = None
        self.capture_open = False
        # Of each registry, the registrars whose every call `registered_by_calls` evaluated
        # (their stores are known), and the stores into each container left open
        # (`unevaluated_stores`), with what they read.
        self._registrars: dict[tuple[str, FuncId | None, str], set[str]] = {}
        self._in_place: dict[FuncId, InPlace] = {}
        self._registering: set[tuple[str, FuncId | None, str]] = set()
        # Of each name read (module, class or None, name, as `self.name`), the values stores
        # of it from outside give, and their files (`attr_stored_value`); whether a file's
        # text names a class (`_names_word`).
        self._attr_stored: dict[
            tuple[str, FuncId | None, str, bool, int], tuple[tuple[Value, ...], frozenset[str]]
        ] = {}
        # Of each attribute name, what every store of it outside `self`/`cls` gives, and their
        # files (`attr_stores_anywhere`).
        self._attr_anywhere: dict[str, tuple[tuple[Value, ...], frozenset[str]]] = {}
        self._naming: dict[tuple[str, str], bool] = {}
        # Whether a file imports a module or class under a name or binds a name to it
        # (`_stored_through`); the module-level instances of a class in its module
        # (`_through_holder`).
        self._aliases: dict[tuple[str, str, str], bool] = {}
        self._holders: dict[tuple[str, str], tuple[str, ...]] = {}
        # `_class_family` by class, with the files it read (asked once per store checked).
        self._families: dict[FuncId, tuple[frozenset[FuncId], frozenset[str]]] = {}
        self._open_stores: dict[
            tuple[str, FuncId | None, str, bool], tuple[list[StoreSite], frozenset[str]]
        ] = {}
        # Protocol methods whose implementers were too many to look at (`unbounded`), and the
        # interfaces each method can be called through (`interfaces`).
        self._unbounded: dict[tuple[FuncId, str], str] = {}
        self._interfaces: dict[FuncId, tuple[tuple[str, ...], frozenset[str]]] = {}
        self._chunk_defs: dict[tuple[str, int], list[FuncDef]] = {}
        # Which files each answer was read from, so a cache can tell what an edit invalidates.
        self._dep_stack: list[set[str]] = []
        self._summary_deps: dict[FuncId, frozenset[str]] = {}
        # Each summary's and class's key in a dependency set (`tracking`), and back.
        self._node_keys: dict[tuple[str, FuncId], str] = {}
        self._key_nodes: dict[str, FuncId] = {}
        # One object per distinct set of files (`ModuleScope.value`: most names are read from
        # the same few files, and the scopes keep one set per name all run long).
        self.dep_sets: dict[frozenset[str], frozenset[str]] = {}
        # Functions whose summaries are computed at each call (they can launch, or pass their
        # parameters to a launch); calls of other functions are deferred (`Deferred`).
        self.eager: set[FuncId] = set()
        # File -> what the wrapper rounds read to leave its functions uninterpreted (a
        # receiver's class and its bases, `Analysis._reaching_lines`): its results depend on
        # them as on what an interpretation reads.
        self.skip_deps: dict[str, set[str]] = {}
        # Methods known as wrappers before the run (a cache's), by their class, not summarised
        # yet: what they launch from a constructor's arguments (`constructor_events`) is noted
        # when a construction asks (`constructor_launches`), as a run without a cache notes it
        # analysing their file (which a warm run may not analyse).
        self.known_methods: dict[FuncId, list[FuncId]] = {}
        self.forcing: list[FuncId] = []  # deferred calls being computed (recursion guard)
        self.rereads = 0  # attribute reads being computed through other reads (`forcing`)
        self.rereading: set[tuple[Value, str]] = set()  # those reads: (base, attribute)
        # Deferred values computed since the outermost summary under way began (`MAX_FORCES`).
        self.forces = 0
        # Method names worth resolving at once on a deferred receiver: sinks and wrappers.
        self.interesting_names: set[str] = {c.rsplit(".", 1)[1] for c in catalogue.sinks}
        # A forbidden program's name (or npm package's, or `owner/repo` of a repository) as a word (`names_forbidden`).
        words = {p for r in catalogue.rules for p in (*r.programs, *r.npm_packages)} | {
            repo.split("/", 1)[1] for r in catalogue.rules for repo in r.repositories
        }
        self._forbidden = re.compile(
            r"(?<![\w@/.-])(?:" + "|".join(map(re.escape, sorted(words))) + r")(?![\w/-])"
            if words
            else r"(?!)"
        )
        # ... or anywhere in a text, as part of a path or a longer word too (`names_forbidden`
        # with `anywhere`: a text that may still be joined to others).
        self._forbidden_anywhere = re.compile(
            "|".join(map(re.escape, sorted(words))) if words else r"(?!)"
        )
        # Methods of library classes that the rule pack or a model names, by method name
        # (`code.InteractiveConsole.push`, `asyncio.AbstractEventLoop.subprocess_exec`): a
        # project class deriving from the library class inherits them (`attributes.of_instance`).
        self.library_methods: dict[str, set[str]] = {}
        for call in (*catalogue.sinks, *CALLEE_MODELS):
            parts = call.split(".")
            if len(parts) > 2 and parts[-2][:1].isupper():
                self.library_methods.setdefault(parts[-1], set()).add(call.rsplit(".", 1)[0])
        # Those library classes: constructed (`invoke.Context()`, `ctypes.CDLL(None)`), the
        # instance is read as its class, whose catalogued methods are then sinks.
        self.library_classes: frozenset[str] = frozenset(
            c for held in self.library_methods.values() for c in held
        )
        # Names of project methods that launch (`launching_method`).
        self.launching_methods: set[str] = set()
        # What the configuration declares environment variables may hold (`env:`).
        self.declared_env: dict[str, Value] = {}
        self.for_launch = 0  # > 0 while forcing a value a launch or a call needs
        self.at_sink = 0  # > 0 while forcing a launch's own value (not a callee's)
        # Counters a remembered force checks (`memo`): results recorded, cycles noted, errors
        # contained (effects); summaries dropped to be computed again (forgotten).
        self.effects = 0
        self.forgotten = 0
        # Functions whose summary was dropped to be computed again (`forget`): a caller may
        # have followed the summary before (`Analysis.propagate_wrappers`).
        self.recomputed: set[FuncId] = set()
        # A clock ticking as summaries begin and end and constructor events are noted: a
        # summary begun after a callee's was finished (and its constructor's events noted)
        # read them as they are (`read_since`).
        self._clock = 0
        self._began: dict[FuncId, int] = {}  # function -> when its summary was begun
        self._settled: dict[FuncId, int] = {}  # function -> when its summary or events last changed
        self._events_noted: dict[FuncId, int] = {}  # constructor -> when an event last joined
        # Function -> the summaries of other functions its summary read, with how many
        # constructor events each had then (`read_of`); None: it read more than one, or a
        # placeholder. Let go when it is computed again.
        self._reads: dict[FuncId, dict[FuncId, tuple[FunctionSummary, int] | None]] = {}
        self._chains: dict[FuncId, frozenset[FuncId]] = {}
        self._mro_methods: dict[FuncId, tuple[tuple[str, FuncId], ...]] = {}
        self._live: dict[FuncId, Frame] = {}  # functions being summarised, by id
        # Forcing outside an interpretation (`force`: each open launch's defaults, by
        # `with_defaults`): each call's frame is a fresh one of the same function, so what one
        # forced holds for the next under the same state (`ForceMemo`'s key); sharing it made
        # the dense project's 7,776 repeated attribute reads and 463 deferred calls hits.
        self._nowhere: FuncDef | None = None
        self._outside = ForceMemo()
        self._defaults = ForceMemo()  # (`with_defaults`)
        # Results recorded by every function analysed: keyed by function id.
        self.results: dict[FuncId, FunctionResults] = {}
        # Loops' names built on themselves (`interpret.statements.grown_names`), by node.
        self.grown: dict[int, tuple[cst.CSTNode, frozenset[str]]] = {}
        # The calls `interpret.statements.scan_rest` meets under nodes, by the nodes' ids (the
        # nodes kept alive with them): a body is interpreted again for each summary of it.
        self.calls_under: dict[tuple[int, ...], tuple[tuple[cst.CSTNode, ...], list[cst.CSTNode]]]
        self.calls_under = {}
        # Internal errors contained while analysing a file (its FL201): path -> the first one.
        self.failures: dict[str, Failure] = {}
        # The classifier: given an event arriving at a call, records findings and returns the
        # programs it reported (so callers filling in parameters do not report them again) and
        # the alternatives of the event's value left to callers.
        self.on_event: (
            Callable[[SinkEvent, SiteRef, FunctionResults], tuple[frozenset[str], frozenset[int]]]
            | None
        ) = None
        # Whether an argv whose program word is this one is judged by that word alone, as
        # starting nothing forbidden or unknown (`ProgramMatcher.judged_by_program`): such an
        # argv's later items are not computed at a launch (`interpret.sinks.emit`). None: every
        # launch's value is computed whole.
        self.judged_by_program: Callable[[str], bool] | None = None

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
        self.effects += 1
        self.failures.setdefault(path, Failure(path, reason, piece, node))
        return unknown(reason)

    # --- dependency tracking ------------------------------------------------------------

    def touch(self, path: str) -> None:
        if self._dep_stack:
            self._dep_stack[-1].add(path)

    def touch_all(self, paths: Iterable[str]) -> None:
        if self._dep_stack:
            self._dep_stack[-1].update(paths)

    @contextmanager
    def tracking(self, *, enclosing: bool = True) -> Iterator[set[str]]:
        """Collect the files read inside the block (they also count for enclosing blocks,
        unless not `enclosing`: the block's answer is a node they record instead)."""
        deps: set[str] = set()
        self._dep_stack.append(deps)
        try:
            yield deps
        finally:
            self._dep_stack.pop()
            if enclosing and self._dep_stack:
                self._dep_stack[-1].update(deps)

    def node_key(self, mark: str, fid: FuncId) -> str:
        """The key by which a dependency set records a summary (`tracking.SUMMARY`) or a class
        (`tracking.CLASS`): what it was read from is resolved at the end (`file_deps`)."""
        key = self._node_keys.get((mark, fid))
        if key is None:
            key = self._node_keys[(mark, fid)] = mark + str(fid)
            self._key_nodes[key] = fid
        return key

    def _node_deps(self, key: str) -> Iterable[str]:
        """What a node recorded (`tracking.Closure`): a summary's dependency set as last
        computed (kept when it was forgotten and not computed again), a class's, a module
        global name's."""
        fid = self._key_nodes[key]
        if key.startswith(SUMMARY):
            return self._summary_deps.get(fid, (fid.path,))
        if key.startswith(NAME):
            scope = self._scopes.get(fid.path)
            return scope.name_deps(fid.qualname) if scope is not None else (fid.path,)
        info = self._classes.get(fid)
        return info.deps if info is not None else (fid.path,)

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

    def _build_class(self, cid: FuncId) -> ClassInfo | None:
        path, qualname = cid.path, cid.qualname
        src = self.project.source(path)
        if src is None:
            return None
        parts = qualname.split(".")
        if len(parts) > 1:
            # A nested class lives in its parent's skeleton (nested classes are not blanked).
            parent = self.class_info(FuncId(path, ".".join(parts[:-1])))
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
            defs = {
                st.name.value: method_def(cid, st, parent.piece)
                for st in block(inner.body)
                if isinstance(st, cst.FunctionDef)
            }
            return ClassInfo(self, cid, inner, parent.piece, Methods(cid, None, (), defs))
        # The last class statement of that name is the one the module binds; `Name@3` is the
        # one of chunk 3, which a later one shadows.
        name, _, shadowed = parts[0].partition(SHADOWED)
        chunks = [
            i
            for i, c in enumerate(src.chunks)
            if c.kind == "class" and c.name == name and (not shadowed or str(i) == shadowed)
        ]
        for i in chunks[-1:]:
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
            whole = next((s for s in stmts if isinstance(s, cst.ClassDef)), None)
            if whole is None:
                return None
            parsed = {
                st.name.value: method_def(cid, st, piece)
                for st in block(whole.body)
                if isinstance(st, cst.FunctionDef)
            }
            return ClassInfo(self, cid, whole, piece, Methods(cid, None, (), parsed))
        return None

    def class_info(self, cid: FuncId) -> ClassInfo | None:
        if self._dep_stack:
            # (Every question asked of the class in the run: its `deps` as they end up.)
            self._dep_stack[-1].add(self.node_key(CLASS, cid))
        if cid in self._classes:
            return self._classes[cid]
        self.touch(cid.path)
        try:
            info = self._build_class(cid)
        except ParseFailure:
            info = None
        self._classes[cid] = info
        return info

    def implementations(
        self, method: FuncId, cid: FuncId, attr: str
    ) -> list[tuple[FuncId, FuncId]]:
        """For an abstract method (`@abstractmethod`, or a body that only documents, passes
        or raises NotImplementedError): the project subclasses of `cid` (at any depth) that
        define `attr`, as (class id, method id). Empty for a method with a body."""
        func = self.funcdef(method)
        if func is None or func.node is None or not is_abstract(func.node):
            return []
        out: list[tuple[FuncId, FuncId]] = []
        # (Only subclasses whose file defines a method of that name are parsed.)
        for path, sub in self.hierarchy.descendants_matching(cid, defining(attr), attr):
            info = self.class_info(FuncId(path, sub))
            impl = info.methods.get(attr) if info is not None else None
            if info is None or impl is None or impl.node is None:
                continue
            if not is_abstract(impl.node):
                out.append((info.id, impl.id))
        base = self.class_info(cid)
        if base is not None and base.is_protocol():
            out.extend(t for t in self._structural(base, attr) if t not in out)
        return sorted(out, key=lambda ids: (str(ids[0]), str(ids[1])))

    def overrides(
        self, cid: FuncId, attr: str, method: FuncId
    ) -> tuple[list[Override], str | None]:
        """What an instance of a project subclass of class `cid` (at any depth) has for
        `method`, its member `attr`, where that subclass gives another: its own method, or a
        value it sets at class level (`binary_name = "claude"` over a property), as (class id,
        member); and whether there were more than `MAX_IMPLEMENTERS` such classes (the rest not
        looked at: the caller makes that unknown)."""
        out: list[Override] = []
        for path, sub in self.hierarchy.redefining(cid, attr):
            info = self.class_info(FuncId(path, sub))
            member = info.lookup(attr) if info is not None else None
            if info is None or member is None:
                continue
            if isinstance(member, FuncRef):
                if member.func == method:
                    continue  # (inherits the method itself)
                impl = self.funcdef(member.func)
                if impl is None or impl.node is None or is_abstract(impl.node):
                    continue
            if len(out) == MAX_IMPLEMENTERS:
                why = f"more than {MAX_IMPLEMENTERS} subclasses of {cid.qualname} give `{attr}`"
                return out, why
            out.append(Override(info.id, member))
        return sorted(out, key=lambda o: (str(o.cls), str(o.member))), None

    def unbounded(self, cid: FuncId, attr: str) -> str | None:
        """Why the implementations of protocol `cid`'s method `attr` are not all known (more
        candidate classes than `MAX_IMPLEMENTERS`), after `implementations`; None if they are."""
        return self._unbounded.get((cid, attr))

    def _structural(self, proto: ClassInfo, attr: str) -> list[tuple[FuncId, FuncId]]:
        """A Protocol's implementers: the project classes whose methods (through their bases)
        include every method the protocol declares, deriving from it or not; as (class id,
        method id) for those whose `attr` has a body. Candidates are found by text first
        (`Hierarchy.defining_all`); past `MAX_IMPLEMENTERS` of them the answer is open
        (`unbounded`): each one is parsed, and a launch through the protocol must not be
        called clean on a partial answer."""
        members = proto.method_names()
        if attr not in members:
            return []
        candidates = self.hierarchy.defining_all(members)
        if len(candidates) > MAX_IMPLEMENTERS:
            self._unbounded[(proto.id, attr)] = (
                f"more than {MAX_IMPLEMENTERS} classes may implement "
                f"protocol {proto.qualname}'s `{attr}`"
            )
            return []
        out: list[tuple[FuncId, FuncId]] = []
        for path, name in candidates:
            info = self.class_info(FuncId(path, name))
            if info is None or info.id == proto.id or info.is_protocol():
                continue
            if not members <= info.method_names():
                continue
            impl = next((c.methods.get(attr) for c in info.mro() if attr in c.methods), None)
            if impl is not None and impl.node is not None and not is_abstract(impl.node):
                out.append((info.id, impl.id))
        return out

    def interfaces(self, fid: FuncId) -> tuple[str, ...]:
        """The names of the Protocols through which method `fid` can be called without naming
        its class: those its class implements by structure, without deriving from them. A call
        through one (`ctx.sandbox.exec(argv)`, `sandbox: Sandbox`) runs it as `implementations`
        says. (A nominal base's callers name a class of the hierarchy, whose subclasses the
        scan follows already: adding them here reached the abstract connection methods of
        every Ansible action plugin, FL200 on clean code.)"""
        got = self._interfaces.get(fid)
        if got is not None:
            self.touch_all(got[1])  # (what it was read from, for the asker's results too)
            return got[0]
        self._interfaces[fid] = ((), frozenset())
        with self.tracking() as deps:
            names = self._interfaces_of(fid)
        self._interfaces[fid] = (names, frozenset(deps))
        return names

    def _interfaces_of(self, fid: FuncId) -> tuple[str, ...]:
        func = self.funcdef(fid)
        info = self.class_info(func.class_id) if func and func.class_id else None
        attr = fid.qualname.rsplit(".", 1)[-1]
        names: list[str] = []
        if info is not None and func is not None and not func.is_static and attr != "__init__":
            own = {c.id for c in info.mro()}
            for path, pname in self.hierarchy.protocols():
                pid = FuncId(path, pname)
                if pid in own or not self.hierarchy.defines(path, attr):
                    continue
                proto = self.class_info(pid)
                if proto is None or not proto.is_protocol():
                    continue
                members = proto.method_names()
                if attr in members and members <= info.method_names():
                    names.append(pname)
        return tuple(sorted(set(names)))

    def registered(self, path: str, name: str) -> list[Value]:
        """What a module's registering decorators put in its mapping `name` (see
        `Hierarchy.registrations`)."""
        return self.hierarchy.registrations(path, name)

    def registered_by_calls(
        self, path: str, owner: FuncId | None, name: str
    ) -> list[tuple[Value, Value]]:
        """The entries calls of a registering function put in module `path`'s mapping `name`
        (or class `owner`'s attribute): a function storing its parameter in it (`REGISTRY[key]
        = spec`, `cls._registry[name] = config` in a classmethod) is called with what the
        mapping holds (`AgentFactory.register("gemini", gemini_config)`), each call's arguments
        evaluated in the function that makes it (which may import them locally). The
        registrar, then its calls, found by text (`Hierarchy.keyed_stores`, `callers_by_text`)."""
        key = (path, owner, name)
        got = self._by_calls.get(key)
        if got is not None:
            self.touch_all(got[1])
            return got[0]
        self._by_calls[key] = ([], frozenset())  # (read while being computed: none yet)
        self._registering.add(key)
        try:
            with self.tracking() as deps:
                out = self._registered_by_calls(path, owner, name)
        finally:
            self._registering.discard(key)
        self._by_calls[key] = (out, frozenset(deps))
        return out

    def _registered_by_calls(
        self, path: str, owner: FuncId | None, name: str
    ) -> list[tuple[Value, Value]]:
        out: list[tuple[Value, Value]] = []
        stores = self.hierarchy.keyed_stores(path, owner.qualname if owner else "", name)
        for qual, key_word, value_word in stores:
            fid = FuncId(path, qual)
            func = self.funcdef(fid)
            if func is None or func.params is None:
                continue
            params = {p.name.value for p in param_nodes(func.params)}
            if value_word not in params:
                continue
            saved, self.capture = self.capture, {fid: []}
            try:
                for where, holder, line in self.hierarchy.callers_by_text(qual):
                    self._interpret_for_calls(where, holder, line)
                evaluated = True  # (every call of the registrar interpreted)
                if owner is not None:
                    # A method of the class calling it on its receiver (`cls.register(name,
                    # program)` in a loop of `add_all`): the call is not `Owner.register(`.
                    for holder, line in self.hierarchy.receiver_calls(path, owner.qualname, qual):
                        self._interpret_for_calls(path, holder, line)
                    # Called on an instance (`factory.register("codex", ...)`): evaluated where
                    # the receiver is known here; where it is not (a parameter), the call may
                    # be one, and the registrar's store stays open (`unevaluated_stores`).
                    method = qual.rpartition(".")[2]
                    saved_method, self.capture_method = self.capture_method, method
                    saved_open, self.capture_open = self.capture_open, False
                    try:
                        for at, in_func, on_line in self.hierarchy.instance_calls(qual):
                            if in_func is None:  # (nested deeper: not interpreted)
                                self.capture_open = True
                            else:
                                self._interpret_for_calls(at, in_func, on_line)
                        evaluated = not self.capture_open
                    finally:
                        self.capture_method, self.capture_open = saved_method, saved_open
                bindings = self.capture[fid]
            finally:
                self.capture = saved
            if evaluated:
                self._registrars.setdefault((path, owner, name), set()).add(qual)
            for b in bindings:
                k = b.get(key_word) if key_word in params else None
                v = b.get(value_word)
                if v is not None and has_param(v):
                    # What the calling function was given (`for name, program in pairs:
                    # cls.register(name, program)`): its callers are not looked for here.
                    v = unknown(f"`{name}` is given what a caller of {qual} passes it")
                if v is not None:
                    out.append((k if k is not None else unknown("a registered name"), v))
        return out

    def container_value(self, path: str, owner: FuncId | None, name: str, v: Value) -> Value:
        """A module-level mapping or list `name` of module `path` (or class `owner`'s
        attribute) as its readers see it: what calls of a registering function put in it
        (`registered_by_calls`), and, where it is stored into somewhere the analysis does not
        evaluate (`unevaluated_stores`), an entry or items not known, naming the store: a
        lookup that may hit them is unresolved, never clean."""
        dicts = any(isinstance(o, DictV) for o in options(v))
        if not dicts and not any(isinstance(o, Seq) for o in options(v)):
            return v
        # (A registering function stores into it in its own file: where the scan found no store
        # of the word there, none does, and the file's text is not searched again.)
        registering = dicts and self.hierarchy.stored_in(path, name)
        more = self.registered_by_calls(path, owner, name) if registering else []
        sites = self.unevaluated_stores(path, owner, name)
        # (Taking items out or moving them changes only a list's words: asked for lists alone,
        # never for a mapping, `kwargs.pop(k)`; of a mapping or list holding lists, the moves
        # through an item, `CMDS["a"].pop(0)`, change those.)
        lists = any(isinstance(o, Seq) for o in options(v))
        inner = any(isinstance(x, Seq) for o in options(v) for x in _held_values(o))
        moves = self.unevaluated_stores(path, owner, name, moves=True) if lists or inner else []
        item_moves = [s for s in moves if s.form is StoreForm.ITEM_MOVED] if inner else []
        moves = [s for s in moves if s.form is not StoreForm.ITEM_MOVED] if lists else []
        if item_moves:
            first = item_moves[0]
            others = f" and {len(item_moves) - 1} more places" if len(item_moves) > 1 else ""
            moved = unknown(
                f"`{name}`'s items are taken from at {first.shown()} ({first.form.value})"
                f"{others}, not evaluated here"
            )
            v = alt([_items_moved(o, moved) for o in options(v)])
        if not more and not sites and not moves:
            return v
        hole: Value | None = None
        if sites or moves:
            every = [*sites, *moves]
            first = every[0]
            others = f" and {len(every) - 1} more places" if len(every) > 1 else ""
            hole = unknown(
                f"`{name}` is stored into at {first.shown()} ({first.form.value}){others}, "
                "not evaluated here"
            )
        # Put in front, set by item, taken out or moved where it is not evaluated: any word,
        # its own or another, may be a list's first (its program).
        front = hole is not None and (bool(moves) or any(s.form in _FRONT_STORES for s in sites))

        def extended(o: Value) -> Value:
            if isinstance(o, DictV):
                extra = [(unknown("a key stored elsewhere"), hole)] if hole and sites else []
                return replace(o, entries=(*o.entries, *more, *extra))
            if isinstance(o, Seq) and hole is not None:
                splat = Splat(trace=(), inner=hole)
                return replace(o, items=(*((splat,) if front else ()), *o.items, splat))
            return o

        if isinstance(v, Alt):
            return replace(v, options=tuple(extended(o) for o in v.options))
        return extended(v)

    def attr_stored_value(
        self, path: str, owner: FuncId | None, name: str, v: Value | None, *, instance: bool
    ) -> Value | None:
        """Module `path`'s name `name` (or class `owner`'s attribute; with `instance`, its
        instances' `self.name`) as a reader sees it where it is also stored from outside its
        definition, by text (`Hierarchy.attr_stores`): `config.CMD = ...` / `setattr(config,
        "CMD", ...)` in any module, `Config.CMD = ...` after the class or elsewhere, and for
        `instance`, `c.name = ...` in a file naming the class or `setattr(self, "name", ...)`
        in its body. Each such store is an alternative: its literal where the line holds one,
        else a value not known naming the store (unresolved, never clean). Only for values a
        launch's argv is made of (strings, constants, lists): what else a name holds is not
        looked for here. A value filled in or computed later (`self.bin = bin`, the
        constructor's argument; `self.bin = cfg.bin`) may be such a value: its stores count
        too (`c = Cfg("git"); c.bin = "codex"` was read as `git` alone: clean)."""
        if v is not None and not any(
            isinstance(o, Str | Const | Seq | DictV | Splat | ExternalRef) or _later(o)
            for o in options(v)
        ):
            return v
        # A library value (`self._pwd = pwd`, `self.run = subprocess.run`): only a sink stored
        # from outside (`obj.run = subprocess.Popen`) is one more alternative.
        library = v is not None and not any(
            isinstance(o, Str | Const | Seq | DictV | Splat) or _later(o) for o in options(v)
        )
        sites = self.hierarchy.attr_stores(name, sinks_only=library)
        if not sites:
            return v
        setters = self.launcher_attrs.get(owner.member(name), ()) if owner is not None else ()
        key = (path, owner, name, instance, len(setters))
        got = self._attr_stored.get(key)
        if got is None:
            got = self._attr_stored[key] = self._attr_stored_sites(
                path, owner, name, sites, instance
            )
        stored = got[0]
        if library:
            stored = tuple(o for o in stored if isinstance(o, ExternalRef))
        if not stored:
            return v
        self.touch_all(got[1])  # (the files whose stores it holds)
        return alt([*([v] if v is not None else []), *stored])

    def attr_stores_anywhere(self, name: str) -> tuple[Value, ...]:
        """What every store of attribute `name` through a receiver other than `self`/`cls`
        puts in it, in any module (`Hierarchy.attr_stores`): for an object whose stores are
        not tied to a class (`types.SimpleNamespace`, `attributes.of_attrs`), any of them
        may be into it."""
        # (`self.NAME = ...`, `cls.NAME = ...`: into a class's own instance or class.)
        sites = [
            s
            for s in self.hierarchy.attr_stores(name)
            if s.prefix not in ("self.", "cls.", _MODULE_ITSELF)
        ]
        got = self._attr_anywhere.get(name)
        if got is None:
            got = self._attr_anywhere[name] = self._store_values(sites, name)
        self.touch_all(got[1])
        return got[0]

    def _attr_stored_sites(
        self, path: str, owner: FuncId | None, name: str, sites: list[AttrStore], instance: bool
    ) -> tuple[tuple[Value, ...], frozenset[str]]:
        """Of the stores of word `name` (`Hierarchy.attr_stores`), those into this name: what
        they give and their files."""

        found: list[AttrStore] = []
        checked: set[str] = set()  # (files a receiver's class was read from)
        if owner is None:
            stem = self.project.module_name(path).rpartition(".")[2]
            found = [
                s
                for s in sites
                # (`globals()["NAME"] = v`, `setattr(sys.modules[__name__], "NAME", v)`: into
                # the storing module's own names.)
                if (s.path == path if s.prefix == _MODULE_ITSELF else self._stored_through(s, stem))
            ]
        else:
            cls = owner.qualname.rpartition(".")[2]
            top = owner.qualname.partition(".")[0]
            # (Files whose launcher stores the resolver saw reach this class's instances.)
            setters = self.launcher_attrs.get(owner.member(name), set())
            for s in sites:
                if s.prefix == _MODULE_ITSELF:
                    continue  # (a module's own name, not an attribute)
                if self._stored_through(s, cls) or (s.path in setters and s.prefix != "self."):
                    found.append(s)
                elif s.prefix == "cls.":
                    # `cls.NAME = ...` in a classmethod of the class (`type(self).NAME`,
                    # `self.__class__.NAME` in a method; `setattr(cls, ...)`). (A subclass's
                    # sets its own attribute: `Hierarchy.overridden` tells of those.) In a
                    # module-level function (a class decorator, `def deco(cls): cls.NAME =
                    # ...`), `cls` is a parameter: any class it is handed, this one where its
                    # file names it or the function decorates it.
                    own = s.path == path and s.top == top
                    if own or (
                        s.top
                        and self._defines(s.path, s.top, top_level=True)
                        and (self._names_word(s.path, cls) or self._decorates(owner, s.top))
                    ):
                        found.append(s)
                elif s.prefix.endswith(".__class__."):
                    if self._names_word(s.path, cls):
                        found.append(s)  # (`c.__class__.BIN = ...`: an instance's class)
                elif s.prefix.endswith("()."):
                    # On a call's result (`get_config().CMD = ...`, `Config.get().CMD = ...`)
                    # where the class's module defines a function or method of that name: an
                    # accessor of an instance (of its class attribute too, which the instance's
                    # store shadows for its readers).
                    if self._defines(path, s.prefix[:-3].rpartition(".")[2]):
                        found.append(s)
                elif not instance:
                    continue
                elif s.prefix == "self.":
                    # (`setattr(self, "bin", ...)` in the class's own body.)
                    if s.by_setattr and s.path == path and s.top == top:
                        found.append(s)
                elif (
                    self._names_word(s.path, cls) and self._may_hold(owner, s, checked)
                ) or self._through_holder(path, cls, s):
                    # (`c.bin = ...` where an instance of it may be held; `settings.bin = ...`
                    # through a module-level instance of it, `settings = Config()`.)
                    found.append(s)
        values, paths = self._store_values(found, name)
        return values, paths | checked

    def _may_hold(self, owner: FuncId, s: AttrStore, checked: set[str]) -> bool:
        """Whether a store's receiver may be an instance of class `owner`: unless it is bound
        only to instances of, or annotated only with, project classes none of which is
        `owner`, a class it derives from or one deriving from it (`c = Opts(); c.bin = ...`,
        `self.tool: Optional[Compiler]` then `self.tool.exelist = ...`: not a linker's
        `exelist`), read from the store's file (`store_receivers`). A receiver of another
        shape, a parameter without an annotation, a class not resolved may be one: fail
        closed. What the answer was read from goes into `checked` (the reader's files)."""
        data = self.project.raw(s.path, keep=False)
        receiver = receiver_of(data, s.line, s.prefix[:-1])
        if receiver is None:
            return True
        with self.tracking() as deps:
            got = self._holds_any(owner, s.path, receiver)
        checked |= deps
        checked.add(s.path)
        return got

    def _holds_any(self, owner: FuncId, path: str, receiver: Receiver) -> bool:
        """Whether a receiver read in module `path` may be an instance of class `owner`: one
        of its classes `owner`, a base of it or a subclass (of both, by multiple inheritance,
        too); a module-level name anything but a module or an instance of other classes."""
        scope = self.module_scope(path)
        if scope is None:
            return True
        classes: list[FuncId] = []
        for word in receiver.classes:
            got = [
                o
                for o in options(scope.lookup(word))
                # (`if TYPE_CHECKING: from .c import C` / `else: C = object`, a mixin's
                # trick: the annotation names the class.)
                if not (isinstance(o, ExternalRef) and o.name == "builtins.object")
            ]
            if not got or not all(isinstance(o, ClassRef) for o in got):
                return True
            classes.extend(o.cls for o in got if isinstance(o, ClassRef))
        if receiver.global_name is not None:
            for o in options(scope.lookup(receiver.global_name)):
                if isinstance(o, ModuleRef) or (isinstance(o, ExternalRef) and "." not in o.name):
                    continue  # (`sys.path = ...`: a module's attribute)
                if not isinstance(o, InstanceRef):
                    return True
                classes.append(o.cls)
        if not classes:
            return False
        family = self._class_family(owner)
        return any(c in family for c in classes)

    def _class_family(self, owner: FuncId) -> set[FuncId]:
        """The classes an instance of which may also be an instance of class `owner`: its
        subclasses and itself, and every class they derive from (once per class)."""
        got = self._families.get(owner)
        if got is not None:
            self.touch_all(got[1])
            return set(got[0])
        out: set[FuncId] = set()
        with self.tracking() as deps:
            for cid in (owner, *(FuncId(p, n) for p, n in self.hierarchy.descendants(owner))):
                info = self.class_info(cid)
                if info is None:
                    out.add(cid)
                    continue
                out.update(c.id for c in info.mro())
        self._families[owner] = (frozenset(out), frozenset(deps))
        return out

    def _store_values(
        self, sites: list[AttrStore], name: str
    ) -> tuple[tuple[Value, ...], frozenset[str]]:
        """What the stores give attribute `name` (`_attr_store_value`; those that hold no
        such store left out) and their files."""
        stored: list[Value] = []
        paths: set[str] = set()
        for s in sites:
            v = self._attr_store_value(s, name)
            if v is not None:
                stored.append(v)
                paths.add(s.path)
        return tuple(stored), frozenset(paths)

    def _stored_through(self, s: AttrStore | StoreSite, holder: str) -> bool:
        """Whether a store's receiver is module or class `holder`: by its name (`_through`),
        or by a name the store's file imports it as (`import app.config as c`, `from app
        import config as cfg`, `from app.config import Config as C`), by text."""
        if _through(s.prefix, holder):
            return True
        word = s.prefix[:-1]
        if not word or "." in word or word in ("self", "cls") or word == holder:
            return False
        if not self._names_word(s.path, holder):
            return False  # (the read an instance's store asks anyway: `_attr_stored_sites`)
        key = (s.path, holder, word)
        got = self._aliases.get(key)
        if got is None:
            data = self.project.raw(s.path, keep=False)
            held = re.escape(holder.encode(errors="surrogateescape"))
            bound = re.escape(word.encode(errors="surrogateescape"))
            # (Literal starts, searched in C; the word before each checked by hand.) An import
            # under the name (`import app.config as cfg`), or the name bound to the holder in
            # the file (`cfg = config`, `k = app.Config`, `cfg: Config = settings`): a store
            # through it is one into the holder (by file, not by function: a superset).
            patterns = [re.compile(held + rb"[ \t]+as[ \t]+" + bound + rb"(?!\w)")]
            raw = word.encode(errors="surrogateescape")
            if any(raw + sep in data for sep in (b" =", b"=", b":")):
                # (Compiled only where the name may be bound: a pattern for each name and file.)
                patterns.append(
                    re.compile(
                        bound
                        + rb"[ \t]*(?::[^=\n]*)?=[ \t]*(?:\w+[ \t]*\.[ \t]*)*"
                        + held
                        + rb"[ \t]*(?:#[^\n]*)?\r?$",
                        re.M,
                    )
                )
            got = any(
                m.start() == 0 or not _WORD_BYTE.match(data, m.start() - 1)
                for pattern in patterns
                for m in pattern.finditer(data)
            )
            self._aliases[key] = got
        return got

    def _through_holder(self, path: str, cls: str, s: AttrStore | StoreSite) -> bool:
        """Whether a store's receiver is a module-level instance of class `cls` of module
        `path` held in that module (`settings = Config()`, then `settings.bin = ...` or
        `app.config.settings.bin = ...` elsewhere, also through an alias of the name)."""
        key = (path, cls)
        holders = self._holders.get(key)
        if holders is None:
            holders = self._holders[key] = tuple(
                instance_holders(cls, self.project.raw(path, keep=False))
            )
        return any(self._stored_through(s, h) for h in holders)

    def _decorates(self, owner: FuncId, name: str) -> bool:
        """Whether a decorator of class `owner` is named `name` (`@deco`, `@tools.deco`,
        `@deco(...)`), by its class statement's text."""
        info = self.class_info(owner)
        if info is None:
            return True  # (not read: may be)
        return any(
            (
                dotted(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator) or ""
            ).rpartition(".")[2]
            == name
            for d in info.node.decorators
        )

    def _defines(self, path: str, name: str, *, top_level: bool = False) -> bool:
        """Whether module `path` defines a function or method `name` (with `top_level`, a
        module-level function), by text."""
        indent = b"" if top_level else rb"[ \t]*"
        key = (path, f"{chr(10) if top_level else ''}def {name}")
        got = self._naming.get(key)
        if got is None:
            data = self.project.raw(path, keep=False)
            pattern = (
                rb"^" + indent + rb"(?:async[ \t]+)?def[ \t]+" + re.escape(name.encode()) + rb"\b"
            )
            got = self._naming[key] = re.search(pattern, data, re.M) is not None
        return got

    def _names_word(self, path: str, word: str) -> bool:
        got = self._naming.get((path, word))
        if got is None:
            data = self.project.raw(path, keep=False)
            # (`has_word`: the literal searched for in C, not `(?<!\w)word(?!\w)`, which a
            # leading lookbehind makes `re` try at every byte: 1.7 % of the dense project's run.)
            got = self._naming[(path, word)] = has_word(data, word.encode())
        return got

    def _attr_store_value(self, s: AttrStore, name: str) -> Value | None:
        """What a store puts in the attribute, read from its line's tree (continued over the
        next lines, or after a block header's colon): its literal (`X.NAME = "codex"`, `a =
        X.NAME = "codex"`, `setattr(X, "NAME", "codex")`), else a value not known naming it;
        None where the line, parsed, holds no such store (a slice, a comparison, prose)."""
        how = (
            f'setattr({s.prefix[:-1]}, "{name}", ...)'
            if s.by_setattr
            else f"{s.prefix}{name} = ..."
        )
        missing = unknown(f"`{name}` is stored at {s.shown()} (`{how}`), not evaluated here")
        stmts = self.hierarchy.store_statements(s)
        if stmts is None:
            return missing
        exprs = attr_store_exprs(stmts, name, s.prefix, s.by_setattr)
        if not exprs:
            return None
        out: list[Value] = []
        for expr in exprs:
            if isinstance(expr, ast.Constant):
                if isinstance(expr.value, str):
                    out.append(Str(trace=(), text=expr.value))
                else:
                    out.append(Const(trace=(), value=expr.value))
            elif expr is not None and (sink := self._stored_sink(s.path, expr)) is not None:
                out.append(sink)  # (`client.runner = subprocess.Popen`: called where read)
            elif not any(o is missing for o in out):
                out.append(missing)
        return alt(out)

    def _stored_sink(self, path: str, expr: ast.expr) -> ExternalRef | None:
        """A sink stored by name (`subprocess.Popen`, `sp.run`, `Popen`, through module
        `path`'s imports; `staticmethod(...)` of one): the sink, else None."""
        expr = unwrap_staticmethod(expr)
        parts: list[str] = []
        while isinstance(expr, ast.Attribute):
            parts.append(expr.attr)
            expr = expr.value
        if not isinstance(expr, ast.Name):
            return None
        scope = self.module_scope(path)
        if scope is None:
            return None
        rest = ".".join(reversed(parts))
        for o in options(scope.lookup(expr.id)):
            if isinstance(o, ExternalRef):
                name = f"{o.name}.{rest}" if rest else o.name
                if name in self.sinks:
                    return ExternalRef(trace=(), name=name)
        return None

    def unevaluated_stores(
        self, path: str, owner: FuncId | None, name: str, *, moves: bool = False
    ) -> list[StoreSite]:
        """The statements storing into module `path`'s container `name` (or class `owner`'s
        attribute) that its value does not account for, by text (`Hierarchy.container_stores`):
        all but the module-level ones of its module (run with it), the class body's, and the
        stores of a registrar whose calls `registered_by_calls` evaluated. In another module,
        a store through the module's or class's name (`tables.NAME[k] = v`,
        `Factory._registry.update(...)`), or of the bare name that module imports; `cls.` and
        `self.` in the class's methods and its subclasses'. With `moves`, of the statements
        taking items out of it or moving them instead (`Hierarchy.moves`)."""
        key = (path, owner, name, moves)
        got = self._open_stores.get(key)
        if got is not None:
            self.touch_all(got[1])
            return got[0]
        if key[:3] in self._registering:
            # Read while its registrars' calls are interpreted: which of them are evaluated is
            # not known yet, so none is (open), and the answer is not kept.
            out = self._unevaluated_stores(path, owner, name, moves)
            self.touch_all(s.path for s in out)
            return out
        self._open_stores[key] = ([], frozenset())  # (read while being computed: none yet)
        with self.tracking() as deps:
            out = self._unevaluated_stores(path, owner, name, moves)
            self.touch_all(s.path for s in out)  # (the files whose stores it holds)
        self._open_stores[key] = (out, frozenset(deps))
        return out

    def _unevaluated_stores(
        self, path: str, owner: FuncId | None, name: str, moves: bool
    ) -> list[StoreSite]:
        if moves:
            handed = self._handed_to_changing(path, owner, name)
            return [*self._unevaluated(path, owner, name, self.hierarchy.moves(name)), *handed]
        return self._unevaluated(path, owner, name, self.hierarchy.container_stores(name))

    def _unevaluated(
        self, path: str, owner: FuncId | None, name: str, sites: list[StoreSite]
    ) -> list[StoreSite]:
        """Of the stores or moves of word `name` found by text, those into module `path`'s
        container `name` (or class `owner`'s attribute) its value does not account for."""
        if not sites:
            return []
        registrars = self._registrars.get((path, owner, name), set())
        # (A registering decorator's store: what the definitions it decorates give it, where
        # it decorates some; a function storing its parameter and decorating none is no more
        # evaluated than another.)
        decorators: Iterable[str] = ()
        if owner is None and self.registered(path, name):
            decorators = self.hierarchy.decorators.get((path, name), frozenset())

        def registrar(s: StoreSite) -> bool:
            return (
                s.path == path
                and not s.aliased
                and s.form is StoreForm.KEYED
                and (s.top in decorators or self.hierarchy.store_function(s) in registrars)
            )

        def local(s: StoreSite) -> bool:
            # (A function's own variable of that name, or its parameter.)
            return bool(s.top) and self.hierarchy.store_bound_locally(s, name)

        out: list[StoreSite] = []
        if owner is None:
            stem = self.project.module_name(path).rpartition(".")[2]
            for s in sites:
                if s.path == path:
                    module_level = s.top == "" and s.form is not StoreForm.ADD and not s.aliased
                    if not s.prefix and not module_level and not registrar(s) and not local(s):
                        out.append(s)
                elif self._stored_through(s, stem) or (
                    not s.prefix and s.imports_it and not local(s)
                ):
                    out.append(s)
            return out
        cls = owner.qualname.rpartition(".")[2]
        top = owner.qualname.partition(".")[0]
        # The classes holding a store on `cls.`/`self.` other than this one: of those, its
        # subclasses' are into it (only classes of these names are resolved: common words,
        # `self.data.append(x)`, are stored into by many classes).
        tops = {
            s.top
            for s in sites
            if s.prefix in ("cls.", "self.") and not (s.path == path and s.top == top)
        }
        subclasses = (
            {sub for _, sub in self.hierarchy.descendants(owner, names=tops)} if tops else set()
        )
        for s in sites:
            if self._stored_through(s, cls):
                out.append(s)  # (at module level too: the class body is what runs with it)
            elif s.prefix in ("cls.", "self."):
                if s.path == path and s.top == top:
                    if not registrar(s):
                        out.append(s)
                    continue
                if s.top in subclasses:
                    out.append(s)
            elif s.prefix and (self._names_word(s.path, cls) or self._through_holder(path, cls, s)):
                # Through an instance, from outside the class (`f.reg[k] = v` in a file
                # naming the class, `settings.reg[k] = v` through a module-level instance):
                # its own mapping, or the class's.
                out.append(s)
            elif (
                not s.prefix
                and s.path == path
                and s.form is StoreForm.ADD
                and self.hierarchy.store_function(s) == owner.qualname
            ):
                out.append(s)  # (in the class body: `set.add` is not followed)
        return out

    def _handed_to_changing(self, path: str, owner: FuncId | None, name: str) -> list[StoreSite]:
        """The calls in module `path` handing its list `name` (or, for class `owner`, the
        instance's or class's, `self.NAME`/`cls.NAME` in the class's methods) to a project
        function that changes in place what it is handed there (`shift(self.argv)` of `def
        shift(a): a.pop(0)`, `Analyzer.in_place`; a callee as `inplace` reads one: a name of
        the module, or a method of the class). By text, then the line's CPython tree; a
        function binding the name itself hands its own."""
        data = self.project.raw(path, keep=False)
        word = name.encode(errors="surrogateescape")
        if word not in data:
            return []
        receiver = r"(?:self|cls)[ \t]*\.[ \t]*" if owner is not None else r"(?<![\w.])"
        pattern = re.compile(rb"[(,][ \t]*" + receiver.encode() + re.escape(word) + rb"[ \t]*[,)]")
        top = owner.qualname.partition(".")[0] if owner is not None else None
        out: list[StoreSite] = []
        lines: set[int] = set()
        for m in pattern.finditer(data):
            line = data.count(b"\n", 0, m.start()) + 1
            if line in lines:
                continue
            lines.add(line)
            site = StoreSite(
                path=path,
                offset=m.start() + 1,
                line=line,
                top=enclosing_top(data, m.start()),
                prefix="self." if owner is not None else "",
                form=StoreForm.HANDED,
                imports_it=False,
            )
            if top is not None and site.top != top:
                continue
            if owner is None and (not site.top or self.hierarchy.store_bound_locally(site, name)):
                continue  # (module-level code runs with the module; a function's own name)
            stmts = line_statements(data, m.start())
            calls: list[ast.Call] | None = (
                [n for st in stmts for n in ast.walk(st) if isinstance(n, ast.Call)]
                if stmts is not None
                else calls_at_line(data, line)  # (a compound statement's header, continued)
            )
            if calls is None or self._hands_to_changing(path, owner, name, calls):
                out.append(site)
        return out

    def _hands_to_changing(
        self, path: str, owner: FuncId | None, name: str, calls: list[ast.Call]
    ) -> bool:
        """Whether one of the calls hands the container (`_handed_to_changing`) to a project
        function changing that parameter other than by adding at its end."""
        for node in calls:
            callee = callee_of(node.func)
            if callee is None:
                continue
            places: list[int | str] = [
                i for i, a in enumerate(node.args) if _is_container(a, name, owner)
            ]
            places.extend(
                k.arg
                for k in node.keywords
                if k.arg is not None and _is_container(k.value, name, owner)
            )
            if not places:
                continue
            target = self._callee_target(path, owner.qualname if owner else "", callee)
            if target is None:
                continue
            got = self.in_place(target)
            for at in places:
                param = at if isinstance(at, str) else None
                if isinstance(at, int) and at < len(got.positional):
                    param = got.positional[at]
                if param is not None and got.changed.get(param) is False:
                    return True
        return False

    def _callee_target(self, path: str, cls: str, callee: str) -> FuncId | None:
        """The project function a callee as `inplace` reads it names in module `path` (a
        method of class `cls` for `self.`/`cls.`), None for another."""
        if callee.startswith(("self.", "cls.")):
            info = self.class_info(FuncId(path, cls)) if cls else None
            ref = info.lookup(callee.partition(".")[2]) if info is not None else None
            return ref.func if isinstance(ref, FuncRef) else None
        scope = self.module_scope(path)
        target: FuncId | None = None
        for o in options(scope.lookup(callee)) if scope is not None else ():
            if isinstance(o, FuncRef):
                target = o.func
        return target

    def _interpret_for_calls(self, path: str, qual: str, line: int) -> None:
        """Run the function `qual` of module `path` (module-level code: the statement at
        0-based `line`) quietly, for the calls `capture` notes."""
        if qual:
            func = self.funcdef(FuncId(path, qual))
            if func is None or func.node is None or func.id in self._in_progress:
                return
            interp = Frame(self, func, depth=1)
            interp.bind_params()
            with interp.quietly():
                interp.run(func.body)
            return
        scope = self.module_scope(path)
        if scope is None:
            return
        stmts, piece = scope.source.statements(scope.source.chunk_at_line(line))
        interp = Frame(self, scope.module_func(piece), depth=1, module_level=True)
        with interp.quietly():
            interp.run(stmts)

    def in_place(self, fid: FuncId) -> InPlace:
        """What function `fid` changes in place of what it is handed (`inplace`), from
        CPython's tree of its text: not parsed by libcst, nor known to `funcdef` (a deferred
        call's callee stays unparsed). Every def of the name, where it has several."""
        got = self._in_place.get(fid)
        if got is None:
            self._in_place[fid] = NOTHING  # (read while being computed: a recursive call)
            got = self._read_in_place(fid)
            if got.handed:
                got = self._handed_on(fid, got)
            self._in_place[fid] = got
        return got

    def _handed_on(self, fid: FuncId, got: InPlace) -> InPlace:
        """`got` with what the project functions it hands a parameter on to change of it
        (`fill(a)` calling `fill2(a)`, which sets `a[0]`), at any depth (each callee's own
        `in_place`): by the callee's name in the def's module, or a method of its class."""
        changed = dict(got.changed)
        cls = fid.qualname.rpartition(".")[0]
        for callee, at, param in got.handed:
            target = self._callee_target(fid.path, cls, callee)
            if target is None or target == fid:
                continue
            sub = self.in_place(target)
            name = at if isinstance(at, str) else None
            if isinstance(at, int) and at < len(sub.positional):
                name = sub.positional[at]
            if name is not None and name in sub.changed:
                changed[param] = changed.get(param, True) and sub.changed[name]
        return replace(got, changed=changed, handed=())

    def _read_in_place(self, fid: FuncId) -> InPlace:
        self.touch(fid.path)
        cls, _, name = fid.qualname.rpartition(".")
        if cls:
            info = self.class_info(FuncId(fid.path, cls))
            tree = info.methods.tree(name) if info is not None else None
            if tree is None:
                return NOTHING
            got = in_place(tree)
            static = tree_is_static(tree)
            # (A bound method's first parameter is its receiver: the call's come after it.)
            return got if static else replace(got, positional=got.positional[1:])
        src = self.project.source(fid.path)
        if src is None:
            return NOTHING
        name = name.partition(SHADOWED)[0]
        found = NOTHING
        for c in src.chunks:
            if c.kind != "def" or c.name != name:
                continue
            try:
                module = ast.parse(src.line_text(c.start, c.end))
            except (SyntaxError, ValueError, RecursionError):
                return NOTHING
            node = module.body[0] if module.body else None
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                got = in_place(node)
                # Only added to at the end where every def that changes it only adds (one
                # def's `append` must not hide another's `argv[0] = ...`).
                both = {**got.changed, **found.changed}
                changed = {p: got.changed.get(p, True) and found.changed.get(p, True) for p in both}
                found = InPlace(got.positional, changed, (*found.handed, *got.handed))
        return found

    def define(self, func: FuncDef) -> None:
        """A function defined by module-level code as it runs (`if X: def f(): ...`, a
        module-level lambda): known by its id from now on (unless already read)."""
        self._funcs.setdefault(func.id, func)

    def funcdef(self, fid: FuncId) -> FuncDef | None:
        self.touch(fid.path)
        if fid in self._funcs:
            return self._funcs[fid]
        path, qualname = fid.path, fid.qualname
        result: FuncDef | None = None
        if "." in qualname:
            cls, _, meth = qualname.rpartition(".")
            info = self.class_info(FuncId(path, cls))
            if info is not None:
                result = info.methods.get(meth)
        else:
            src = self.project.source(path)
            # `handler@3`: the def of chunk 3, which a later def of that name shadows.
            name, _, shadowed = qualname.partition(SHADOWED)
            if src is not None:
                try:
                    for i, c in enumerate(src.chunks):
                        if shadowed and str(i) != shadowed:
                            continue
                        if c.kind == "def" and c.name == name:
                            stmts, piece = src.statements(i)
                            for s in stmts:
                                if isinstance(s, cst.FunctionDef) and s.name.value == name:
                                    result = FuncDef(fid, path, qualname, s, block(s.body), piece)
                except ParseFailure:
                    result = None
        self._funcs[fid] = result
        return result

    def method_outline(self, fid: FuncId) -> DefOutline | None:
        """`Methods.outline` of a method not parsed yet (None: `funcdef` tells)."""
        self.touch(fid.path)  # (as `funcdef`)
        if fid in self._funcs or "." not in fid.qualname:
            return None
        cls, _, meth = fid.qualname.rpartition(".")
        info = self.class_info(FuncId(fid.path, cls))
        return info.methods.outline(meth) if info is not None else None

    def has_funcdef(self, fid: FuncId) -> bool:
        """Whether `funcdef` answered for `fid` already (parsed it, or found it unreadable)."""
        return fid in self._funcs

    def summary(self, func: FuncDef, depth: int = 0) -> FunctionSummary:
        done = self.summaries.get(func.id)
        if self._dep_stack:
            # What the summary is read from as it ends up (computed again after a cycle, or
            # for a wrapper found later), also when read now while being computed (a cycle's
            # placeholder): not what it had read so far (`tracking.Closure`).
            self._dep_stack[-1].add(self.node_key(SUMMARY, func.id))
        reader = self._stack[-1] if self._stack else None
        if done is not None:
            if reader is not None:
                self._note_read(reader, func.id, done)
            return done
        if not self._stack:
            self.forces = 0  # (the bound is each outermost summary's, with what it needs)
        self._clock += 1
        began = self._clock
        with self.tracking(enclosing=False) as deps:
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
            self._clock += 1
            self._began[func.id] = began
            self._settled[func.id] = self._clock
            result = self._with_items(func, depth) or result
        elif self._dep_stack:  # (not kept, a placeholder or a bound: read here, as it was)
            self._dep_stack[-1].update(deps)
        if not self._stack and self._tainted:
            result = self._redo_tainted(func) or result
        if reader is not None:
            self._note_read(reader, func.id, result)
        return result

    def _note_read(self, reader: FuncId, fid: FuncId, got: FunctionSummary) -> None:
        """Note that `reader`'s summary read `got` as `fid`'s (`read_of`): not `fid`'s kept
        summary (a cycle's placeholder, a bound's) or another one read before, unknown."""
        reads = self._reads.setdefault(reader, {})
        events = len(self.constructor_events.get(fid, ()))
        kept = self.summaries.get(fid) is got
        if fid not in reads:
            reads[fid] = (got, events) if kept else None
            return
        was = reads[fid]
        if was is not None and (not kept or was[0] is not got or was[1] != events):
            reads[fid] = None

    def read_of(self, reader: FuncId, fid: FuncId) -> tuple[FunctionSummary, int] | None:
        """The summary of `fid` that `reader`'s present summary read, with how many constructor
        events `fid` had when it did (it may have read fewer: a construction reads them after
        the summary); None when not known (read twice and changed between, a placeholder, not
        read through `summary`)."""
        return self._reads.get(reader, {}).get(fid)

    def items_wait(self, fid: FuncId, items: Value, *unknowns: str) -> bool:
        """Whether a loop of function `fid` over `items` gives the callers' items; a loop over
        a parameter's that does not is noted with the reasons its unknowns give (`unknowns`:
        "element of clis"), for `_with_items`."""
        if fid in self.item_funcs:
            return True
        if iterates_parameter(items):
            self._loops_over_params.setdefault(fid, set()).update(unknowns)
        return False

    def _with_items(self, func: FuncDef, depth: int) -> FunctionSummary | None:
        """The summary computed again with the callers' items for its loops over its
        parameters, when it looped over one and left a launch unresolved by its unknown."""
        fid = func.id
        texts = self._loops_over_params.get(fid)
        if not texts or fid in self.item_funcs:
            return None
        results = self.results.get(fid)
        if results is None:
            return None
        # Only a launch the loop left open: other unresolved launches (a wrapper's `run_command`
        # with its own unknowns) would have their many callers analysed again for nothing.
        open_ = [*results.unresolved, *(u for _, u in results.open_unresolved)]
        if not any(t in r for u in open_ for r in (u.reason, *u.reasons) for t in texts):
            return None
        self.item_funcs.add(fid)
        self.forget(fid)
        return self.summary(func, depth)

    def note_cycle(self, fid: FuncId) -> None:
        """`fid` is needed while it is still being summarised: what the functions above it
        on the stack see of it is partial; they are summarised again once the outermost
        summary is done (`_redo_tainted`). A deferred call met again while it is computed
        (`forcing`) of a function not being summarised taints nothing: its unknown depends only
        on the calls being computed, which the force memo's key names, so it is no effect and
        the forces around it are remembered (`memo`)."""
        if fid not in self._stack:
            return
        self.effects += 1
        for above in self._stack[self._stack.index(fid) + 1 :]:
            self._tainted[above] = self._stack_funcs[above]

    def of_cycle(self, fid: FuncId) -> bool:
        """Whether `fid` is being summarised (a call of it gets its placeholder) or its summary
        is to be computed again (`_redo_tainted`)."""
        return fid in self._in_progress or fid in self._tainted

    def note_cycle_call(
        self, callee: FuncId, passed: Iterable[str], *, receiver: bool = False
    ) -> None:
        """The summary under way (the top of the stack) called `callee`, a function of a cycle
        it is part of: either still being summarised (the call got its placeholder, which
        forwards no launch) or summarised while one was (what it forwards may change when it
        is computed again). Should `callee`'s final summary launch from one of the parameters
        the call gave (`passed`) where the summary the call read did not, or (a summary the
        call read computed again, `_reopen_callers`) from a constructor's argument its
        `receiver` holds, the caller is computed again (`_redo_tainted`) to pass it its
        program."""
        placeholder = callee in self._in_progress
        if not placeholder and callee not in self._tainted:
            return
        if not self._stack or self._stack[-1] == callee:
            return  # (direct recursion: the callee's own launches are forwarded as they are)
        caller = self._stack[-1]
        # Noted for a caller not tainted (yet) too: one that read a tainted summary is no
        # placeholder's reader, and may be tainted only later, or never (`refresh` assigning
        # `self.cmd` then calling `self._resolve()`, summarised while `self.cmd` is resolved,
        # after `_resolve`): should the callee computed again forward more from what the call
        # gives it, the caller is computed again too (`_reopen_callers`), whichever of them
        # the analysis began with.
        self._cycle_calls.setdefault(caller, set()).add(
            CycleCall(callee, frozenset(passed), placeholder, receiver)
        )
        self._cycle_funcs[caller] = self._stack_funcs[caller]

    def stack_depth(self) -> int:
        """How many summaries are under way (`note_partial` taints those begun after)."""
        return len(self._stack)

    def note_partial(self, since: int) -> None:
        """A value still being resolved was read (`self.cmd` while the methods assigning it
        are summarised, one of them reading it: `self.cmd = shutil.which(self.cmd)`): the
        summaries begun since `since` saw its placeholder and are computed again once the
        outermost one is done (`_redo_tainted`), as for a function cycle."""
        self.effects += 1
        for above in self._stack[since:]:
            self._tainted[above] = self._stack_funcs[above]

    def _redo_tainted(self, outer: FuncDef) -> FunctionSummary | None:
        """Summaries made while a function they depend on was still being summarised (a
        cycle: `run` calls `_build_args`, which reads `self._session_id`, which `run`
        assigns) saw its placeholder; those that left a launch unresolved are computed once
        more now that it is done, so the answer does not depend on which of them the
        analysis happened to start with. So are those whose call of a function of the cycle
        passed no program because of it (`_run(command)` reading `self._last_id`, which `ask`
        assigns after calling `self._run(cmd)`: `ask`'s call read `_run`'s placeholder), and
        in turn their callers in the cycle (`_reopen_callers`). (Redoing every such summary
        cost 60 % more time and 40 % more memory on the corpus; redoing each that met a
        function of the cycle which launches at all, 30 % more time on ansible_test.)"""
        again: FunctionSummary | None = None
        self._redo_depth += 1
        try:
            while self._tainted:
                fid = min(self._tainted, key=str)
                func = self._tainted.pop(fid)
                if fid in self._redone:
                    continue
                if not self._worth_redoing(fid):
                    self._passed_over.add(fid)
                    continue
                self._must_redo.discard(fid)
                self._redone.add(fid)
                before = self.summaries.get(fid)
                self._cycle_calls.pop(fid, None)  # (its calls as computed again, if of the cycle)
                self.forget(fid)
                got = self.summary(func, 0)
                if fid == outer.id:
                    again = got
                self._reopen_callers(fid, before, got)
        finally:
            self._redo_depth -= 1
            if not self._redo_depth:  # (the outermost cycle is done)
                self._cycle_calls.clear()
                self._cycle_funcs.clear()
                self._passed_over.clear()
                self._must_redo.clear()
        return again

    def _worth_redoing(self, fid: FuncId) -> bool:
        """Whether a tainted summary can come out differently: it left a launch unresolved,
        a function it called changed (`_reopen_callers`), or it called one of the cycle still
        in progress which turned out to launch from what the call gave it."""
        results = self.results.get(fid)
        if fid in self._must_redo or (results is not None and results.unresolved):
            return True
        return any(
            c.placeholder
            and (
                _launches_from(self.summaries.get(c.callee), c)
                or _constructor_forwards(fid, c, self.summaries.get(c.callee))
            )
            for c in self._cycle_calls.get(fid, ())
        )

    def _reopen_callers(
        self, fid: FuncId, before: FunctionSummary | None, after: FunctionSummary
    ) -> None:
        """`fid` computed again: the tainted summaries that called it (`note_cycle_call`)
        giving a parameter it now launches from, which the summary they read did not (or
        was a placeholder), are computed (again) too: a caller already computed again once
        more (`_reopened`: a cycle's redos end)."""
        for caller, calls in self._cycle_calls.items():
            if caller == fid or (caller in self._redone and caller in self._reopened):
                continue
            if not any(c.callee == fid and _forwards_more(caller, c, before, after) for c in calls):
                continue
            if caller in self._redone:
                self._redone.discard(caller)
                self._reopened.add(caller)
            self._passed_over.discard(caller)
            self._must_redo.add(caller)
            self._tainted[caller] = self._cycle_funcs[caller]

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
        self._reads.pop(func.id, None)  # (what it reads now, not what it read before)
        self._stack.append(func.id)
        self._stack_funcs[func.id] = func
        try:
            interp = Frame(self, func, depth=depth)
            self._live[func.id] = interp
            interp.bind_params()
            interp.run(func.body)
            interp.finish_nested()
            interp.scan_rest(func.body)
            interp.flush_commands()  # (made by a call the statement walk did not reach)
            own = interp.own_reads
            returns = own(alt(interp.returns)) if interp.returns else Const(trace=(), value=None)
            if interp.yields:  # a generator: calling it gives its items
                returns = YieldsRef(trace=(), args=(own(alt(interp.yields)),))
            summary = FunctionSummary(
                returns=returns,
                events=interp.forwarded,
                self_assigns={k: [own(v) for v in vs] for k, vs in interp.self_assigns.items()},
                deferred=frozenset(interp.deferred),
                followed=frozenset(interp.followed),
                base_inits={
                    fid: {k: own(v) for k, v in b.items()} for fid, b in interp.base_inits.items()
                },
                param_calls=tuple(interp.param_calls),
                param_methods=frozenset(
                    c.method for c in interp.param_calls if c.method and c.init is None
                ),
                reads_annotated=reads_annotated(returns),
                # (A generator's items too: `@contextmanager def runner(): yield sp.run`.)
                gives_launcher=holds_launcher(
                    own(alt(interp.yields)) if interp.yields else returns, self.launchers
                ),
                calls_kept=any(c.init is not None for c in interp.param_calls),
            )
        finally:
            self._in_progress.discard(func.id)
            self._stack.pop()
            self._stack_funcs.pop(func.id, None)
            self._live.pop(func.id, None)
        self.summaries[func.id] = summary
        if func.class_id and not func.is_static and not func.qualname.endswith(".__init__"):
            self._note_constructor_events(func, summary)
            if self.calls_kept_launcher(summary):
                # `obj.go(argv)` on an instance constructed with a launcher: resolved at once.
                self.interesting_names.add(func.qualname.rsplit(".", 1)[-1])
            if summary.events or summary.failed or summary.gives_launcher:
                # (Never taken back: a summary computed again that no longer launches leaves
                # the name, which only makes more calls on parameters followed.)
                self.launching_methods.add(func.qualname.rsplit(".", 1)[-1])
        return summary

    def launching_method(self, name: str) -> bool:
        """Whether a project method of this name launches (or returns a launcher, or could
        not be followed): a call of it on a parameter (`r.run(argv)`) may launch."""
        return name in self.launching_methods

    def calls_kept_launcher(self, summary: FunctionSummary) -> bool:
        """Whether a method calls what a constructor kept on `self` where a construction in the
        project gave that constructor a launcher (`kept_launchers`): a wrapper then. (Not every
        method calling a constructor's argument: most are given none, and following their
        callers as wrappers' changed what other launches were judged with.)"""
        kept = self.kept_launchers
        return (
            summary.calls_kept
            and bool(kept)
            and any(c.init is not None and c.init.parent in kept for c in summary.param_calls)
        )

    def calls_launching_method(self, summary: FunctionSummary) -> bool:
        """Whether a function calls, on one of its parameters, a method of a name some project
        method launches by (`r.run(argv)`): its callers' instances tell what runs, so it is a
        wrapper of that parameter."""
        # (A parameter called, `r(argv)`, is not one: with a launching `__call__` anywhere, every
        # function calling a callback would be a wrapper. A call passing such an instance is
        # followed instead, `calls._launching_instance`.)
        return not summary.param_methods.isdisjoint(self.launching_methods)

    def _note_constructor_events(self, method: FuncDef, summary: FunctionSummary) -> None:
        """Launch events of a method that wait only for a constructor's arguments kept on
        `self` (`Runner(["gemini", "-p"])`, `start()` running `self._command`): the
        constructor's calls pass them, also where the method is called out of sight (by a
        library's users, through an object the project hands on)."""
        for ev in summary.events:
            held = params_in(ev.value)
            inits = {p.func for p in held}
            if len(inits) != 1 or any(p.kind is not ParamKind.ARGUMENT for p in held):
                continue
            (init,) = inits
            if not init.is_init or (self.funcdef(init) is None and not self._generated(init)):
                continue
            # By content, not identity: a method whose summary is computed again (`forget`)
            # gives events anew, most alike; noted again, each construction forwarded them all
            # again, and the methods forwarding those noted them again (on the launch-dense
            # project, 29,734 noted where 742 differ, a constructor's calls each forwarding
            # 18,000: past 13 CPU minutes).
            key = launch_key(method.id, ev)
            keys = self._constructor_keys.setdefault(init, set())
            if key not in keys:
                keys.add(key)
                self.constructor_events.setdefault(init, []).append((method.id, ev))
                self._clock += 1
                self._settled[init] = self._events_noted[init] = self._clock

    def constructor_launches(
        self, init: FuncId, classes: Iterable[FuncId] = ()
    ) -> list[tuple[FuncId, SinkEvent]]:
        """What methods launch from constructor `init`'s arguments (`constructor_events`), with
        the known wrapper methods of its class and of `classes` (the constructed instance's:
        a subclass's method may launch from what a base's constructor keeps) summarised
        first."""
        for cls in (init.parent, *classes):
            for fid in self.known_methods.pop(cls, ()):
                func = self.funcdef(fid)
                if func is not None:
                    self.summary(func)
        return self.constructor_events.get(init, [])

    def _generated(self, init: FuncId) -> bool:
        """Whether `init` is a dataclass's generated `__init__` (its calls: `calls.call_class`)."""
        info = self.class_info(init.parent)
        return info is not None and info.id.init == init and info.dataclass_fields() is not None

    def analyse_module_code(self, path: str, index: int) -> None:
        """Run the top-level statements of chunk `index` (scripts, module-level launches)."""
        scope = self.module_scope(path)
        if scope is None:
            return
        stmts, piece = scope.source.statements(index)
        func = replace(scope.module_func(piece), id=FuncId(path, f"{MODULE_CODE}@{index}"))
        if func.id in self.summaries:
            return
        with self.tracking() as deps:
            self.touch(path)
            interp = Frame(self, func, depth=0, module_level=True)
            interp.run(stmts)
            interp.scan_rest(stmts)
            interp.flush_commands()
        # (What it called without following is kept: should one of those turn out a wrapper,
        # the statements run again, `Analysis.analyse_chunks`, as a function's summary is.)
        self.summaries[func.id] = FunctionSummary(
            returns=Const(trace=(), value=None),
            deferred=frozenset(interp.deferred),
            followed=frozenset(interp.followed),
        )
        self._summary_deps[func.id] = frozenset(deps)
        self._chunk_defs[(path, index)] = interp.defined
        self._note_launcher_globals(path, stmts, interp)

    def _note_launcher_globals(
        self, path: str, stmts: Sequence[cst.CSTNode], interp: Frame
    ) -> None:
        """The names these module-level statements bind to a launcher where other code may
        call it by that name alone (`launcher_globals`): what a call gave (`R = runner()`), a
        value naming a sink module (`sp = subprocess`), an import renaming one (`import
        subprocess as sp`). (Not `import subprocess`: a caller naming it is found by its own
        imports, `prefilter.launch_pattern`.)"""
        names: list[str] = []
        for st in statements_of(stmts, into_defs=False):
            if isinstance(st, cst.Assign):
                names.extend(t.target.value for t in st.targets if isinstance(t.target, cst.Name))
            elif isinstance(st, cst.AnnAssign) and st.value is not None:
                if isinstance(st.target, cst.Name):
                    names.append(st.target.value)
            elif isinstance(st, cst.Import):
                for alias in st.names:
                    local = alias.asname.name if alias.asname is not None else None
                    if isinstance(local, cst.Name) and local.value != dotted(alias.name):
                        names.append(local.value)
        for name in names:
            got = interp.env.get(name)
            if got is not None and holds_launcher(got, self.launchers):
                self.launcher_globals.add(FuncId(path, name))

    def note_held_wrappers(self, info: ClassInfo) -> None:
        """A class attribute holding a project function that launches from its parameters
        (`runner: Callable = launch` in a dataclass, stored on each instance unbound): its
        calls (`self.runner(argv)` in a method naming neither) are looked for as those of a
        launcher set on it (`launcher_attrs`)."""
        for name, v in info.class_attrs().items():
            for o in options(v):
                if type(o) is not FuncRef or o.func.parent in self.class_chain(info.id):
                    continue
                done = self.summaries.get(o.func)
                if done is not None and (done.events or done.param_calls):
                    self.launcher_attrs.setdefault(info.id.member(name), set())

    def module_level_defs(self, path: str, index: int) -> list[FuncDef]:
        """Functions defined by the module-level statements of a chunk (`if X: def f(): ...`)."""
        return self._chunk_defs.get((path, index), [])

    def body_frame(
        self, func: FuncDef, *, module_level: bool = False, class_body: bool = False
    ) -> Frame:
        """An interpreter for module-level or class-body statements (scopes and classes)."""
        return Frame(self, func, depth=0, module_level=module_level, class_body=class_body)

    def force(self, v: Value) -> Value:
        """A value with its deferred call results and imports computed (for callers outside an
        interpretation, such as tests and tools)."""
        if self._nowhere is None:
            nowhere = Piece(cst.Module(body=[]), 0)
            self._nowhere = FuncDef(FuncId("", "<force>"), "", "<force>", None, (), nowhere)
        if self._outside.size() > MAX_OUTSIDE_FORCES:
            self._outside = ForceMemo()  # (bounded: a miss computes again)
        frame = Frame(self, self._nowhere, depth=0)
        frame.memo = self._outside
        return frame.force(v)

    def with_defaults(self, v: Value) -> Value:
        """`v` as a call that passes no argument sees it: parameters with a default take it
        (for a wrapper nothing in the project calls; its callers may live elsewhere).

        Remembered by the value and the state a force depends on (`ForceMemo`): each open
        launch of every summary asks (`outcome._default_findings`), and a wrapper's callers
        forward the same value in many events (pdm alone: 6,836 asked, 189 distinct values;
        13 % of its CPU)."""
        if self._defaults.size() > MAX_OUTSIDE_FORCES:
            self._defaults = ForceMemo()  # (bounded: a miss computes again)
        return self._defaults.get(self, (), (WITH_DEFAULTS, v), lambda: self._with_defaults(v))

    def _with_defaults(self, v: Value) -> Value:
        filled = substitute(v, self._param_default)
        if has_param(filled):
            # An annotated parameter without a default: what its class holds (`cfg: Settings`),
            # read as at the launch (`of_annotated`).
            viewed = unfilled_annotated(filled)
            if viewed is not filled:
                with self.launching():
                    return self.force(viewed)
        return self.force(filled) if has_lazy(filled) else filled

    def _param_default(self, p: Param) -> Value | None:
        func = self.funcdef(p.func)
        if func is not None and func.params is not None:
            for q in param_nodes(func.params):
                if q.name.value == p.name and q.default is not None:
                    interp = Frame(self, func, depth=0)
                    note = f"`{p.name}` defaults to {{code}}"
                    return interp.default(func, q.default).with_hop(interp.hop(q, note, q.default))
            return None
        if p.func.is_init:
            # A generated `__init__` (dataclass, attrs, pydantic): the field's declared default.
            info = self.class_info(p.func.parent)
            if info is not None and info.dataclass_fields() is not None:
                return info.field_default(p.name)
        return None

    def callable_default(self, p: Param) -> Value | None:
        """A parameter's default when it is something to call (a sink, a project function),
        not data: None otherwise."""
        if p.kind is not ParamKind.ARGUMENT:
            return None
        default = self._param_default(p)
        if default is None:
            return None
        refs = [o for o in options(default) if isinstance(o, Ref)]
        if not refs or any(not isinstance(o, _CALLABLE_REFS) for o in refs):
            return None
        return alt(refs)

    @contextmanager
    def launching(self, *, at_sink: bool = False) -> Iterator[None]:
        """While a launch's (or a callee's) value is forced: annotated parameters' classes are
        read only then. at_sink: the value is what a launch starts (what `self`'s subclasses
        implement is looked up only then)."""
        self.for_launch += 1
        self.at_sink += at_sink
        try:
            yield
        finally:
            self.for_launch -= 1
            self.at_sink -= at_sink

    def class_chain(self, cid: FuncId) -> frozenset[FuncId]:
        """A class and its project base classes (ids)."""
        got = self._chains.get(cid)
        if got is None:
            info = self.class_info(cid)
            got = frozenset(c.id for c in info.mro()) if info is not None else frozenset({cid})
            self._chains[cid] = got
        return got

    def has_launching_method(self, info: ClassInfo) -> bool:
        """Whether a class (or a base) has an eager method by a name in `launching_methods`.
        Both change as the run goes on, so they are asked each time; the walk over the
        classes' method names is kept once it went through every class with its bases
        evaluated (a walk ended early, or over a class whose bases are being evaluated or
        failed, is made again: the same classes evaluated as without the record)."""
        names = self.launching_methods
        walked = self._mro_methods.get(info.id)
        if walked is not None:
            return any(name in names and self.is_eager(fid) for name, fid in walked)
        seen: list[tuple[str, FuncId]] = []
        chain: list[ClassInfo] = []
        for c in info.mro():
            chain.append(c)
            for name in c.methods.names():
                fid = c.id.member(name)
                if name in names and self.is_eager(fid):
                    return True
                seen.append((name, fid))
        if all(c.bases_known for c in chain):
            self._mro_methods[info.id] = tuple(seen)
        return False

    def is_eager(self, fid: FuncId) -> bool:
        if fid in self.eager or fid in self.constructor_events:
            return True
        done = self.summaries.get(fid)
        # (One returning a launcher too: what its callers do with it is known at once, not
        # left in a deferred value only a launch would compute: `sp().run(argv)`.)
        return done is not None and (
            bool(done.events)
            or done.gives_launcher
            or self.calls_kept_launcher(done)
            or self.calls_launching_method(done)
        )

    def base_init_value(self, init: FuncId, p: Param, depth: int = 0) -> Value | None:
        """What constructor `init` passes, through `super().__init__(...)` chains, for parameter
        `p` of a base class's `__init__`; in terms of `init`'s own parameters. Past
        `MAX_CALL_DEPTH` constructors, not known (naming the bound): the base's launch is then
        unresolved, not left waiting for a value no caller gives."""
        if depth > MAX_CALL_DEPTH:
            return unknown(
                f"`{p.name}` handed through more than {MAX_CALL_DEPTH} `super().__init__` calls"
            )
        func = self.funcdef(init)
        if func is None:
            return None
        for base, binding in self.summary(func).base_inits.items():
            if base == p.func:
                return binding.get(p.name)
            v = self.base_init_value(base, p, depth + 1)
            if v is not None:
                return substitute(v, bound_by(base, binding))
        return None

    def forget(self, fid: FuncId) -> None:
        """Drop a summary and what its analysis recorded, to compute it again."""
        self.forgotten += 1
        self.recomputed.add(fid)
        self.summaries.pop(fid, None)
        self._began.pop(fid, None)
        self._settled.pop(fid, None)
        self._reads.pop(fid, None)
        # (Its dependency set stays, for the readers of this summary should it not be
        # computed again: `_node_deps`.)
        self.results.pop(fid, None)

    def read_since(self, reader: FuncId, read: FuncId) -> bool:
        """Whether `reader`'s summary was begun after `read`'s summary was finished and its
        constructor events (if a constructor) last changed: what it read of `read` is what
        `read` says now. (Unknown, either never summarised or forgotten since: no.)"""
        began = self._began.get(reader)
        settled = self._settled.get(read)
        return began is not None and settled is not None and settled < began

    def events_since(self, reader: FuncId, init: FuncId) -> bool:
        """Whether constructor `init` was given an event (`constructor_events`) after `reader`'s
        summary was begun (or when, unknown): its constructions read fewer."""
        noted = self._events_noted.get(init)
        if noted is None:
            return False
        began = self._began.get(reader)
        return began is None or began < noted

    def file_deps(self) -> dict[str, set[str]]:
        """For each file with analysed functions, the files their results were resolved from."""
        out: dict[str, set[str]] = {}
        closure = Closure(self._node_deps)
        for fid in self.summaries:
            path = fid.path
            out.setdefault(path, {path}).update(closure.of(self._summary_deps.get(fid, ())))
        for path, keys in self.skip_deps.items():
            out.setdefault(path, {path}).update(closure.of(keys))
        return out

    def names_forbidden(self, value: Value, *, anywhere: bool = False) -> Mention:
        """Whether a value's known text names a forbidden program (`["codex", "exec"]`, `f"codex
        {x}"`), as written: nothing computed later is forced, a parameter's is not looked at.
        A value of more than `WORDS_LOOKED_AT` parts is `NOT_ALL_READ`, which callers treat as
        naming one (fail closed: the call is then unresolved, not left as clean). `anywhere`:
        the name as any part of a text (`/opt/bin/claude`, `xcodex`), not only as a word."""
        forbidden = self._forbidden_anywhere if anywhere else self._forbidden
        todo = [value]
        seen = 0
        while todo:
            if seen == WORDS_LOOKED_AT:
                return Mention.NOT_ALL_READ
            v = todo.pop()
            seen += 1
            if type(v) is Str:
                if forbidden.search(v.text):
                    return Mention.FORBIDDEN
            elif isinstance(v, Seq):
                todo.extend(v.items)
            elif isinstance(v, Concat):
                todo.extend(v.parts)
            elif isinstance(v, Alt):
                todo.extend(v.options)
            elif isinstance(v, Splat):
                todo.append(v.inner)
            elif isinstance(v, DictV):
                todo.extend(x for _, x in v.entries)
        return Mention.NONE

    def results_for(self, func: FuncDef) -> FunctionResults:
        self.effects += 1  # asked for to record into
        r = self.results.get(func.id)
        if r is None:
            r = self.results[func.id] = FunctionResults(func.path)
        return r


@dataclass(frozen=True)
class CycleCall:
    """A call a tainted summary made of a function of its cycle (`note_cycle_call`)."""

    callee: FuncId
    passed: frozenset[str]  # the parameters of `callee` the call gave
    placeholder: bool  # `callee` was still being summarised: the call read its placeholder
    # A method called on an instance (`self._resolve()` in `__init__`): what it launches from
    # the constructor's arguments kept on `self`, the receiver passes too.
    receiver: bool = False


def _launches_from(summary: FunctionSummary | None, call: CycleCall) -> bool:
    """Whether `summary` (of the callee) launches from, or calls as a launcher, one of the
    parameters the call passed: the call passes a program."""
    fid, passed = call.callee, call.passed
    if summary is None or not passed:
        return False
    if any(c.init is None and c.param in passed for c in summary.param_calls):
        return True
    return any(
        p.func == fid and p.kind is ParamKind.ARGUMENT and p.name in passed
        for ev in summary.events
        for p in iter_params(ev.value)
    )


def _forwards_more(
    caller: FuncId, call: CycleCall, before: FunctionSummary | None, after: FunctionSummary
) -> bool:
    """Whether `call`'s callee, computed again (`before` -> `after`), launches from what the
    call gives it where the summary the call read (or its placeholder) did not."""
    if _launches_from(after, call) and (call.placeholder or not _launches_from(before, call)):
        return True
    if call.placeholder:
        return _constructor_forwards(caller, call, after)
    # A method called on `self` (`__init__` calling `self._resolve()`) whose summary the call
    # read was tainted, and launches from the constructor's arguments only as computed again:
    # what the caller forwards changed.
    return (
        call.receiver
        and _from_receiver(after, call.callee)
        and not _from_receiver(before, call.callee)
    )


def _from_receiver(summary: FunctionSummary | None, fid: FuncId) -> bool:
    """Whether `summary` (of method `fid`) launches from what a call's receiver holds: a
    constructor's argument, or a class attribute a subclass may set (`?program`, `.binary`)."""
    return summary is not None and (
        any(
            p.func != fid and p.func.is_init for ev in summary.events for p in iter_params(ev.value)
        )
        or any(c.init is not None for c in summary.param_calls)
    )


def _constructor_forwards(caller: FuncId, call: CycleCall, summary: FunctionSummary | None) -> bool:
    """Whether a method that read the placeholder of a method it called on `self` forwards
    what the method's summary launches from what the receiver holds (a constructor: the
    construction launches it; another method: its callers' receivers pass it, `refresh`
    storing `self.cmd` and calling `self._resolve()`, which probes for it; a Django-like
    `handle` storing `self.options` and calling `self.compile()`, which runs `self.program`
    that a subclass sets). (Once asked of a constructor's own arguments only: a class found
    as its own subclass by name, `Hierarchy.descendants`, made a Django command's `program`
    overridable, and its `handle` a wrapper whose callers cost a third more time on the
    corpus.)"""
    return call.receiver and _from_receiver(summary, call.callee)


def _is_container(node: ast.expr, name: str, owner: FuncId | None) -> bool:
    """Whether an argument is the container itself: `NAME`, or for a class `self.NAME` or
    `cls.NAME`."""
    if owner is None:
        return isinstance(node, ast.Name) and node.id == name
    return (
        isinstance(node, ast.Attribute)
        and node.attr == name
        and isinstance(node.value, ast.Name)
        and node.value.id in ("self", "cls")
    )


def _held_values(o: Value) -> Iterator[Value]:
    """The alternatives of a list's items or a mapping's values."""
    if isinstance(o, Seq):
        for i in o.items:
            yield from options(i.inner if isinstance(i, Splat) else i)
    elif isinstance(o, DictV):
        for _, val in o.entries:
            yield from options(val)


def _items_moved(o: Value, hole: Value) -> Value:
    """A list's items or a mapping's values, each list among them taken from or moved where
    that is not evaluated (`CMDS["a"].pop(0)`): its first word not known (`hole`)."""

    def moved(x: Value) -> Value:
        return alt(
            [
                replace(y, items=(Splat(trace=(), inner=hole), *y.items))
                if isinstance(y, Seq)
                else y
                for y in options(x)
            ]
        )

    if isinstance(o, Seq):
        return replace(o, items=tuple(moved(i) if not isinstance(i, Splat) else i for i in o.items))
    if isinstance(o, DictV):
        return replace(o, entries=tuple((k, moved(val)) for k, val in o.entries))
    return o


def _later(o: Value) -> bool:
    """A value a caller fills in or that is computed later (`attr_stored_value`)."""
    return has_param(o) or has_lazy(o)

"""Analyse the project's files: which statements to interpret, and wrapper propagation.

`Analysis` drives the resolver over the files that matter: files whose imports bind a sink are
read where they name one; then functions whose parameters reach a launch site (wrappers) are
looked for in the files that can call them, until nothing new turns up. What it records is per
function; `engine` turns it into per-file results.
"""

from __future__ import annotations

import ast
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from functools import partial
from typing import Protocol, TypeVar

import libcst as cst

from frontier_lint.dataflow.analyzer import Analyzer
from frontier_lint.dataflow.hierarchy import setting, stored_mappings
from frontier_lint.dataflow.ids import MODULE_CODE, SHADOWED, FuncId
from frontier_lint.dataflow.inert import (
    Inert,
    Mention,
    Why,
    inert_mentions,
    possible,
    rebinds_type_checks,
)
from frontier_lint.dataflow.lazy import LazyImport, forget_values
from frontier_lint.dataflow.models.classes import POST_INIT_HOOKS
from frontier_lint.dataflow.models.stdlib import declared_env
from frontier_lint.dataflow.outcome import FileOutcome, file_outcomes
from frontier_lint.dataflow.refs import ClassRef, FuncRef
from frontier_lint.dataflow.scopes import ClassInfo
from frontier_lint.dataflow.searches import class_heads, instance_holders, subclasses_named
from frontier_lint.dataflow.summaries import (
    MAX_CALL_DEPTH,
    FuncDef,
    FunctionSummary,
    LaunchKey,
    SinkEvent,
    launch_key,
    method_def,
    summary_keys,
)
from frontier_lint.dataflow.values import Value, options
from frontier_lint.dataflow.verdict import Classifier, RawUnresolved
from frontier_lint.frontend import grammar
from frontier_lint.frontend.cone import from_import_targets, imported, module_name
from frontier_lint.frontend.parsing import Member
from frontier_lint.frontend.project import ParseFailure, Project, TooDeep
from frontier_lint.frontend.syntax import block
from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.matching.programs import ProgramMatcher
from frontier_lint.scan.chunks import Chunk
from frontier_lint.scan.prefilter import (
    FileWords,
    LaunchScan,
    Mentions,
    WordFinder,
    WrapperGates,
    container_holders,
    has_word,
    import_statements,
    launch_pattern,
    launch_scan_split,
    local_names,
    may_bind,
    may_launch,
    names_imported,
    other_names,
    self_instances,
    self_stores,
    sink_renames,
    sink_words,
    sinks_renamed,
    words_re,
)
from frontier_lint.settings.catalogue import Catalogue
from frontier_lint.settings.config import Config

T = TypeVar("T")

# Bases an instance's attribute lookup ends in with nothing of the wrapper's (`class C(object)`).
_PLAIN_BASES = frozenset(("object", "builtins.object"))
# Methods that make an instance's attribute (or the instance a constructor call gives) other
# than its class's method (`_class_misses`).
_LOOKUP_HOOKS = ("__new__", "__getattr__", "__getattribute__", "__init_subclass__")


# The reasons `_inert_at` may find a mention inert for: a name no wrapper of the round has (a
# local name of one, `run_agent as run`) by the first three only; a name of a wrapper called as
# an instance (`__call__`) not by an annotation (`r: Runner` then `r(argv)`).
_NAME_BLIND = frozenset((Why.OWN_DEF, Why.KEYWORD, Why.TYPE_CHECK))
_NOT_ANNOTATED = frozenset(Why) - {Why.ANNOTATION}
_ANY_WHY = frozenset(Why)


@dataclass(frozen=True)
class _FunctionTree:
    """CPython's tree of a function, the text it was compiled from, and the offset of that
    text's lines in the file (its line n is the file's 0-based line n + offset)."""

    fn: ast.FunctionDef | ast.AsyncFunctionDef
    text: str
    offset: int


class Ahead(Protocol):
    """Starts a byte-level scan of files beside this process (`run.shards.Split.ahead`):
    returns each file's answer, or None where this process is to scan the file itself. The
    share this process keeps is about `head` of the bytes (None: an equal part)."""

    def __call__(
        self, paths: Sequence[str], check: Callable[[str], T], head: float | None = None
    ) -> Callable[[str], T | None]: ...


def _unanswered(path: str) -> None:
    return None


def _here(
    paths: Sequence[str], check: Callable[[str], T], head: float | None = None
) -> Callable[[str], T | None]:
    return _unanswered


# A text's chunks and line starts, as a child's scan split it (`Project.presplit`).
Presplit = tuple[list[Chunk], list[int]]

# Of the files scanned ahead for launches (the first round), the share of bytes this process
# scans itself: it analyses those files while a child scans the rest.
LAUNCH_HEAD = 0.1


# How many times a wrapper's launches may change at sites noted already, its callers each time
# analysed again, before its sites are unresolved instead (`Analysis._grew`).
MAX_REGROWN = 2

# Events whose keys `Analysis._launch_key` keeps (each keeps its event alive).
MAX_LAUNCH_KEYS = 20_000

# A star import in source bytes (`from m import *`, spaces or a continuation between).
_STAR_BYTES = lazy_compile(rb"import[ \t\\\r\n]*\*")


_MEMBER = lazy_compile(r"^([ \t]+)(?:async[ \t]+)?(def|class)[ \t]+(\w+)")


def member_lines(lines: list[str], start: int, wanted: list[int]) -> tuple[list[str], bool]:
    """Which methods of a class chunk hold the `wanted` lines (0-based), by indentation alone.

    lines: the chunk's lines; the first is file line `start`.

    Returns the method names and whether a wanted line lies outside every method (class-level
    code or a nested class), in which case the caller looks at the whole class.
    """
    members: list[tuple[int, str, str]] = []  # (line, kind, name)
    indent: int | None = None
    for i in range(start + 1, start + len(lines)):
        m = _MEMBER.match(lines[i - start])
        if m is None:
            continue
        width = len(m.group(1).expandtabs())
        if indent is None or width < indent:
            indent = width
            members = []  # the shallowest defs are the class's own members
        if width == indent:
            members.append((i, m.group(2), m.group(3)))
    names: list[str] = []
    class_level = False
    for line in wanted:
        owner = None
        for j, kind, name in members:
            if j <= line:
                owner = (kind, name)
            else:
                break
        if owner is None or owner[0] == "class":
            class_level = True
        elif owner[1] not in names:
            names.append(owner[1])
    return names, class_level


# Methods a caller runs by naming the class, not the method (`Runner(...)`, `Runner()(argv)`,
# `with Session() as run:`).
_BY_CLASS_NAME = frozenset(("__init__", "__call__", "__enter__", "__aenter__", "__getattr__"))


@dataclass(frozen=True)
class Wrapper:
    """A function whose launches wait for its callers (or a constructor whose arguments a
    method launches), and how files that may call it are found by their text."""

    func: FuncId
    name: str  # the name callers use (`Runner` for `Runner.__init__`)
    # Words one of which a calling file must mention (its module, a package re-exporting it,
    # its class, variables holding an instance); ("",): no gate.
    gates: tuple[str, ...]

    @property
    def row(self) -> tuple[str, str, str]:
        """Its stored form (the cache, the prefilter's gates): id, name, gates joined by "|"."""
        return (str(self.func), self.name, "|".join(self.gates))

    @staticmethod
    def from_row(row: tuple[str, str, str]) -> Wrapper:
        fid, name, gates = row
        return Wrapper(FuncId.parse(fid), name, tuple(gates.split("|")))

    @property
    def is_method(self) -> bool:
        qual = self.func.qualname
        return "." in qual and not qual.endswith(".__init__")


class Analysis:
    """One run's analysis of the project: what to interpret, wrapper propagation to its
    fixpoint, and what it found per file (`outcomes`)."""

    def __init__(
        self,
        config: Config,
        catalogue: Catalogue,
        project: Project,
        universe: set[str] | None = None,
    ) -> None:
        self.config = config
        self.catalogue = catalogue
        self.project = project
        self.analyzer = Analyzer(project, catalogue)
        self.analyzer.declared_env = declared_env(config)
        # What an event arriving at a call means (findings, unresolved sites): `verdict`.
        self.classify = Classifier(ProgramMatcher(catalogue))
        self.analyzer.on_event = self.classify
        self.analyzer.judged_by_program = self.classify.matcher.judged_by_program
        self.words = sink_words(catalogue)
        self._renames = sink_renames(catalogue)
        self._launch_names = catalogue.launch_names  # (sinks, and where commands are made)
        self.parse_errors: dict[str, ParseFailure] = {}
        # Statements with launches that hold an expression too deep to analyse, by file.
        self.too_deep: dict[str, list[TooDeep]] = {}
        self.done_chunks: set[tuple[str, int]] = set()
        # (file, chunk, lines, constructors with events) -> the chunk's roots (`_roots`).
        self._chunk_roots: dict[tuple[str, int, frozenset[int], int], list[FuncDef]] = {}
        # (function, reasons looked for) -> its inert mentions and line offset, None: no tree
        # (`_function_reaching`); file -> whether it may rebind `isinstance` (`_inert_tree`).
        self._inert_of: dict[tuple[FuncId, frozenset[Why]], tuple[Inert, int] | None] = {}
        self._rebinds_checks: dict[str, bool] = {}
        self.analysed: set[str] = set()  # files whose statements were selected and interpreted
        self.launch_files: set[str] = set()  # files that name a sink in code
        self.invalidated: set[str] = set()  # cached files found stale while propagating
        # Callers of this round's wrappers that take no arguments (`def main():`), whose
        # summaries wait for the rounds' fixpoint (`_postpone`): computed once, not once a
        # round for each wrapper of their file found later. On while a round interprets.
        self._postponing = False
        self._postponed: dict[FuncId, FuncDef] = {}
        # The files callers are looked for in: the project, or a report scope's cone (which the
        # engine may widen while the analysis runs).
        self.universe = universe if universe is not None else project.files
        # Class name -> variables holding an instance of it (gate words for its methods).
        self.holders: dict[str, set[str]] = {}
        self._imports: dict[str, frozenset[str]] = {}  # file -> project modules it imports
        # Class name -> names of project classes deriving from it (gate words for its methods).
        self.subclasses: dict[str, set[str]] = {}
        # File -> names of the wrappers its calls of were looked for (the statements naming
        # them interpreted, with those wrappers followed).
        self.scanned: dict[str, set[str]] = {}
        # Wrapper -> the launches its callers were interpreted with (`summaries.launch_key`),
        # each with the method holding it (a constructor's calls answer each method launching
        # from its arguments apart, `pending_key`, though two may launch at one site:
        # `validate` calling `_validate_cli_path`).
        self._launches_noted: dict[FuncId, set[LaunchKey]] = {}
        # Wrappers that launched at more sites later, or otherwise (`_grew`).
        self._grown: set[FuncId] = set()
        # Functions computed again in this round of `_scan_callers` for its wrappers before
        # a caller of theirs (`_callees_first`): not again there in the same round.
        self._first: set[FuncId] = set()
        # Wrapper -> how many times its launches changed at sites noted already (`_grew`).
        self._regrown: dict[FuncId, int] = {}
        # (Wrapper or method, id of an event) -> the event and its key (`_launch_key`).
        self._launch_keys: dict[tuple[FuncId, int], tuple[SinkEvent, LaunchKey]] = {}
        # File -> launch sites unresolved because a wrapper's launches kept changing (`_grew`).
        self.unsettled: dict[str, list[RawUnresolved]] = {}
        # Wrapper -> (its summary, how many constructor events) when its sites were last noted.
        self._launch_state: dict[FuncId, tuple[FunctionSummary | None, int]] = {}
        # Answers read from files' bytes, each asked again for every caller, wrapper and round
        # (`_reexporting`, `_passes_on`): kept rather than read again.
        self._reexports: dict[tuple[str, bytes], list[str]] = {}
        self._passing: dict[tuple[str, bytes, str], bool] = {}
        # Function wrapper -> plain modules found re-exporting it (`from .universal import *`,
        # `from app._impl import run` in app/compat.py): callers reach it through them, naming
        # neither its module nor a package above it (gate words for its callers).
        self.module_reexports: dict[FuncId, set[str]] = {}
        # Wrapper -> the other names it is bound to where callers can reach them (`from .proc
        # import run as execute` in a package, `execute = run` in its class's body), each named
        # as if defined there (`pkg/__init__.py:execute`, `proc.py:Runner.execute`): callers
        # using such a name are looked for as callers of a wrapper of that name.
        self.aliases: dict[FuncId, set[FuncId]] = {}
        self._alias_of: dict[FuncId, FuncId] = {}  # such a name -> the function it binds
        self._aliases_read: set[tuple[str, FuncId]] = set()
        # Launch files -> the names they bind a sink to at their top level under another name
        # (`spawn = subprocess.Popen`): called elsewhere as `spawn(...)`, as a wrapper would be.
        self._renamed_sinks: dict[str, list[FuncId]] = {}
        # Those names as a scan beside found them (`LaunchScan.renamed`), until asked for.
        self._renamed_known: dict[str, tuple[str, ...]] = {}
        # Module-level classes deriving from a catalogue class (`class P(subprocess.Popen)`):
        # called elsewhere as `P(argv)`, as a wrapper would be (`roots_in_chunk`).
        self.launcher_classes: set[FuncId] = set()
        self._known_ids: set[FuncId] = set()  # the wrappers known before the run (a cache's)
        # Function wrapper -> the re-exporting modules its callers were last looked for with.
        self._reexports_scanned: dict[FuncId, frozenset[str]] = {}
        # Wrapper -> the gate words its callers were last looked for with (`regated`).
        self._gates_scanned: dict[FuncId, frozenset[str]] = {}
        # Cached function wrappers (a cache's) whose re-exporting modules are noted when a file
        # may reach one through them first (`defer_reexports`).
        self._reexports_due: dict[FuncId, Wrapper] = {}
        self._statements: dict[str, list[tuple[str | None, str]]] = {}  # file -> its imports
        # Byte-level scans answered beside this process (`--jobs`); by default none: each file
        # is scanned here when the analysis reaches it. Either way the same answers.
        self.ahead: Ahead = _here
        self._launch_known: Callable[[str], LaunchScan | None] = _unanswered
        # The launch gates of files still to be analysed, answered from the bytes another scan
        # of the whole project read (`_gate_from`): not read again for it.
        self._gate_pending: set[str] = set()
        self._gated: dict[str, bool] = {}
        # The words each file holds of those the wrapper rounds looked for (`caller_candidates`).
        self.file_words = FileWords()

    # --- what the engine asks -----------------------------------------------------------

    def follow(self, known: list[Wrapper]) -> None:
        """Wrappers known before the run (a cache's): their calls are followed at once."""
        self.analyzer.eager.update(w.func for w in known)
        self._known_ids.update(w.func for w in known)  # (launcher classes among them)
        for w in known:
            fid = w.func
            if not fid.is_init and "." in fid.qualname:
                self.analyzer.known_methods.setdefault(fid.parent, []).append(fid)
        self.analyzer.interesting_names.update(w.name for w in known)

    def searches_done(self) -> None:
        """Let go of what the searches of the project by text kept to answer the next one
        (which words each file holds, its imports, the modules import statements name):
        memos of the files' bytes, asked again only if another search comes. What is left of
        the run (its outcomes, the report) makes a few MB more, which then reuses theirs.

        The tables remembering values by identity are emptied too (`lazy.forget_values`, as
        at the run's end): the few values the outcomes ask about again are remembered again,
        and the others (with the trees their hops hold) are let go before the outcomes and the
        report make the run's peak."""
        forget_values()
        self.file_words = FileWords()
        self._passing = {}
        self._imports = {}
        self._statements = {}
        self._gated = {}
        self._gate_pending = set()
        self.project.forget_modules()

    def outcomes(self, answered: Set[str]) -> dict[str, FileOutcome]:
        """What the analysis found in each file it looked at, except those in `answered` (a
        cache answers for them)."""
        return file_outcomes(self, answered)

    def wrappers_to_keep(self, known: list[Wrapper], kept: Set[str]) -> list[Wrapper]:
        """The wrappers to remember after the run: those found, and the known ones defined in
        files whose cached results stand (`kept`)."""
        found = {w.func: w for w in self.current_wrappers()}
        for w in known:
            if w.func not in found:
                if w.func.path in kept:
                    found[w.func] = w
                continue
            # Derived again, its gate words are what this run's scans noted (modules
            # re-exporting it that no file analysed here named): the cached ones stay, or the
            # next run would not find the callers reaching it through those.
            now = found[w.func]
            if ("",) in (now.gates, w.gates):  # (no gate: every file may call it)
                found[w.func] = replace(now, gates=("",))
                continue
            first, *rest = now.gates
            words = {*rest, *w.gates} - {first}
            found[w.func] = replace(now, gates=(first, *sorted(words)))
        return list(found.values())

    # --- analysis -----------------------------------------------------------------------

    def analyse_chunks(
        self,
        path: str,
        pattern: Mentions | frozenset[int],
        *,
        recompute: frozenset[FuncId] = frozenset(),
    ) -> bool:
        """Interpret the top-level statements of `path` that mention `pattern` in code (or
        those of the lines where it does, found beside: `LaunchScan`); whether there were any.

        recompute: wrappers found since the selected functions were summarised; a summary that
        called one of them without following it is computed again.
        """
        if path in self.parse_errors:
            return True
        src = self.project.source(path)
        if src is None:
            return False
        a = self.analyzer
        lines: set[int] = set()
        try:  # the boundary: what fails here is this file's (FL201), never the run's
            lines = set(pattern) if isinstance(pattern, frozenset) else src.code_lines(pattern)
            by_chunk: dict[int, list[int]] = {}
            for line in lines:
                by_chunk.setdefault(src.chunk_at_line(line), []).append(line)
            roots: list[FuncDef] = []
            for ci, chunk_lines in sorted(by_chunk.items()):
                if (path, ci) in self.done_chunks and not recompute:
                    continue
                self.done_chunks.add((path, ci))
                try:
                    if recompute:
                        self._redo_module_code(path, ci, recompute)
                    got = self._roots(path, ci, chunk_lines)
                    # Followed by the module-level statements of the chunks after (`w(argv)`
                    # below `def w`), which run as their chunk is reached.
                    a.eager.update(f.id for f in got)
                    roots.extend(got)
                except TooDeep as exc:  # this statement's launches are unresolved, not the file's
                    self.too_deep.setdefault(path, []).append(exc)
            a.eager.update(f.id for f in roots)
            for func in roots:
                done = a.summaries.get(func.id)
                # (A caller that followed a wrapper's summary before it grew: computed again.)
                stale = self._stale(func.id, done)
                if done is not None and stale & recompute:
                    self._callees_first(done, recompute, {func.id})
                    a.forget(func.id)
                if self._postponing and func.id not in a.summaries and _takes_nothing(func):
                    self._postponed[func.id] = func
                    continue
                a.summary(func)
        except ParseFailure as exc:
            self.parse_errors[path] = exc
        except Exception as exc:
            a.contain(path, path, exc)
        return bool(lines)

    def _callees_first(
        self, done: FunctionSummary, recompute: frozenset[FuncId], seen: set[FuncId], depth: int = 0
    ) -> None:
        """Before a caller is computed again for the wrappers of this round, compute again the
        functions it followed that are stale for them too (callees before callers): it then
        reads them as they end up. Computed after it (a caller and its callee both calling the
        grown wrapper: `TaskRunner.run` calling `run_task` and `_run_process`), the callee
        changed after the caller read it, and the caller was computed again the next round
        for that alone. Each is an outermost summary, begun after the one before it ended
        (`read_since`), and computed again here once a round (`_first`). Its own turn in the
        round still computes it again if it is stale then (a constructor given an event since,
        a call still deferred), as any caller. Past `MAX_CALL_DEPTH` callees down, the rest
        wait for their own turn, as before."""
        a = self.analyzer
        if depth >= MAX_CALL_DEPTH:
            return
        for fid in sorted(done.followed - seen, key=str):
            seen.add(fid)
            got = a.summaries.get(fid)
            if got is None or fid in self._first or fid.is_module_code:
                continue
            if not self._stale(fid, got) & recompute:
                continue
            func = a.funcdef(fid)
            if func is None:
                continue
            self._callees_first(got, recompute, seen, depth + 1)
            self._first.add(fid)
            a.forget(fid)
            a.summary(func)

    def _redo_module_code(self, path: str, ci: int, recompute: frozenset[FuncId]) -> None:
        """Run a chunk's module-level statements again when they called one of `recompute` (a
        wrapper found since) without following it, as a function's summary is computed again:
        run first, `w(["codex"]); subprocess.run(...)` at the top level named a sink, and `w`
        (defined later, or in a module analysed later) was not a wrapper yet."""
        a = self.analyzer
        fid = FuncId(path, f"{MODULE_CODE}@{ci}")
        done = a.summaries.get(fid)
        if self._stale(fid, done) & recompute:
            a.forget(fid)
            a.analyse_module_code(path, ci)

    def _stale(self, fid: FuncId, done: FunctionSummary | None) -> frozenset[FuncId]:
        """What a summary read that may have changed since: the functions it called without
        following them (not wrappers yet), and the grown wrappers it followed before their
        launches last changed. (One begun after a grown wrapper's summary was finished read it
        as it is: computing it again reads the same. The launch-dense project computed 592
        callers' summaries again, 522 with this.)"""
        if done is None:
            return frozenset()
        a = self.analyzer
        grown = [
            w
            for w in done.followed & self._grown
            if not a.read_since(fid, w) and not self._read_alike(fid, w)
        ]
        # A constructor given another event since (a method found launching from its
        # arguments later in the round that made it a wrapper): noted with that event when
        # first looked at, so never grown, yet its constructions read here had fewer.
        ctor = [w for w in done.followed - self._grown if a.events_since(fid, w)]
        return done.deferred.union(grown, ctor)

    def file_sink_pattern(self, path: str) -> Mentions | None:
        """What names a sink in this file, from its imports (see `prefilter.launch_pattern`)."""
        src = self.project.source(path)
        if src is None:
            return None
        pattern = launch_pattern(src.text, self._launch_names)
        if pattern is not None:
            # `self.run(...)` after `self.run = subprocess.run`: resolved at once, like a sink.
            self.analyzer.interesting_names.update(pattern.attributes)
        return pattern

    def _roots(self, path: str, ci: int, lines: list[int]) -> list[FuncDef]:
        """`roots_in_chunk`, once per chunk and lines: each wrapper round asks again for the
        chunks of the files it finds (467 times on the launch-dense project, 0.5 s). Its answer
        depends on the analysis only through the constructors with events (a class's bases
        whose constructor gets `__init__` added), a set that only grows: its size is in the key.
        (A chunk that raised is asked again: it raises again, as before.)"""
        key = (path, ci, frozenset(lines), len(self.analyzer.constructor_events))
        got = self._chunk_roots.get(key)
        if got is None:
            got = self._chunk_roots[key] = self.roots_in_chunk(path, ci, lines)
        return list(got)

    def roots_in_chunk(self, path: str, ci: int, lines: list[int]) -> list[FuncDef]:
        """The functions of a chunk that hold the mentioned lines (module code runs here)."""
        src = self.project.source(path)
        assert src is not None
        chunk = src.chunks[ci]
        a = self.analyzer
        if chunk.kind != "class":
            stmts, _ = src.statements(ci)  # raises ParseFailure here, not in a lookup
            if chunk.kind == "def" and len(stmts) != 1:
                # The chunk scan merged statements: run them as module code (its functions
                # are found and returned there).
                a.analyse_module_code(path, ci)
                return a.module_level_defs(path, ci)
        name = chunk.name
        if chunk.kind in ("def", "class") and any(
            c.kind == chunk.kind and c.name == name for c in src.chunks[ci + 1 :]
        ):
            name = f"{name}{SHADOWED}{ci}"  # shadowed by a later definition: its own id
        if chunk.kind == "def":
            func = a.funcdef(FuncId(path, name))
            return [func] if func is not None else []
        if chunk.kind == "class":
            info = a.class_info(FuncId(path, name))
            if info is None:
                return []
            names, class_level = member_lines(
                src.line_text(chunk.start, chunk.end).split("\n"), chunk.start, lines
            )
            if class_level:
                info.class_attrs()  # class-body code runs at import: its launches count
                a.note_held_wrappers(info)
                # Named in the class statement: a base whose constructor's arguments a method
                # launches (`constructor_events`) gets them from this constructor's
                # `super().__init__(...)`. (Not for every base: following each subclass's
                # constructor into the base's own launches cost 12 MB on the corpus.)
                ctor_bases = [b for b in info.bases() if b.id.init in a.constructor_events]
                if ctor_bases and "__init__" not in names:
                    names = [*names, "__init__"]
                own = info.library_bases(deep=False)
                if any(n in a.launchers for n in own) or any(
                    b.id in self.launcher_classes or b.id in self._known_ids for b in info.bases()
                ):
                    # A subclass of a catalogue class (`class P(subprocess.Popen)`) or of one
                    # holding sinks (`PtyProcess`, whose `spawn` is one), or of such a subclass
                    # (`class Q(P)`, selected by the name `P`): its constructor (or a class
                    # method) launches, so its callers are looked for as a wrapper's, by its
                    # name. (Its own bases only: walking every selected class's bases up read
                    # their modules.)
                    if "." not in info.qualname:
                        self.launcher_classes.add(info.id)
                    # Its `super().__init__(...)` is the base's launch (`of_super`): the
                    # constructor is a wrapper of what it passes.
                    if "__init__" in info.methods and "__init__" not in names:
                        names = [*names, "__init__"]
            found = [info.methods.get(n) for n in names]
            nested = self._nested_class_methods(info) if class_level else []
            kept = [f for f in found if f is not None]
            return kept + self._shadowed_methods(ci, info, lines) + nested
        a.analyse_module_code(path, ci)
        return a.module_level_defs(path, ci)

    def _shadowed_methods(self, ci: int, info: ClassInfo, lines: list[int]) -> list[FuncDef]:
        """Methods holding the mentioned lines that a later method of the same name in the
        class body shadows (`def start` twice): each analysed under its own id
        (`start@12`, its first line), not hidden behind the one the class keeps."""
        src = self.project.source(info.path)
        members = src.members(ci) if src is not None else None
        if src is None or not members:
            return []
        out: list[FuncDef] = []
        for i, m in enumerate(members):
            later = any(o.kind == "def" and o.name == m.name for o in members[i + 1 :])
            if m.kind != "def" or not later or not any(m.start <= n < m.end for n in lines):
                continue
            node, piece = src.member_def(m)
            fd = method_def(info.id, node, piece)
            fid = info.id.member(f"{m.name}{SHADOWED}{m.start}")
            fd = replace(fd, id=fid, qualname=fid.qualname)
            self.analyzer.define(fd)
            out.append(fd)
        return out

    def _nested_class_methods(self, info: ClassInfo) -> list[FuncDef]:
        """The methods of the classes defined in a class's body (at any depth): not reached
        through the class's own methods, so analysed as roots. A nested class or method that
        a later one of the same name shadows gets its own id, as at module level."""
        out: list[FuncDef] = []
        todo: list[tuple[FuncId, cst.ClassDef]] = [(info.id, info.node)]
        while todo:
            cid, node = todo.pop()
            body = block(node.body)
            for k, st in enumerate(body):
                if not isinstance(st, cst.ClassDef | cst.FunctionDef):
                    continue
                name = st.name.value
                if any(
                    isinstance(o, cst.ClassDef | cst.FunctionDef)
                    and type(o) is type(st)
                    and o.name.value == name
                    for o in body[k + 1 :]
                ):
                    name = f"{name}{SHADOWED}{k}"
                if isinstance(st, cst.ClassDef):
                    todo.append((cid.member(name), st))
                elif cid != info.id:
                    fd = method_def(cid, st, info.piece)
                    fid = cid.member(name)
                    fd = replace(fd, id=fid, qualname=fid.qualname)
                    self.analyzer.define(fd)
                    out.append(fd)
        return out

    def wrapper(self, fid: FuncId) -> Wrapper | None:
        """How callers of a function are found by text: its name and gate words."""
        if fid.is_module_code:
            return None
        parts = fid.qualname.split(".")
        name = parts[-1]
        if (name in _BY_CLASS_NAME or name in POST_INIT_HOOKS) and len(parts) > 1:
            # Constructed as `Runner(...)` (which runs a dataclass's hook); an instance called,
            # `Runner(cfg)(argv)`, or entered, `with Session() as run:`, through the class's
            # name too.
            name = parts[-2]
        elif parts == ["__getattr__"]:
            # A module's own `__getattr__` (PEP 562): its callers read any name the module
            # lacks (`tools.anything(argv)`), naming only the module.
            name = module_name(fid.path) or name
        return Wrapper(fid, name, self._gate_words(fid.path, parts))

    def current_wrappers(self) -> list[Wrapper]:
        out = []
        # Functions whose launches wait for their callers; constructors whose arguments a
        # method's launch waits for (called like functions: `Runner([...])`).
        # A function whose analysis failed too: what it launches is not known, so each call of
        # it is looked at (and unresolved there).
        # A function returning a launcher too: its callers may call what it gives
        # (`runner()(argv)`, `r = runner(); r(argv)`), naming neither the sink nor its module.
        fids = [
            fid
            for fid, s in self.analyzer.summaries.items()
            if s.events
            or s.failed
            or s.gives_launcher
            or self.analyzer.calls_kept_launcher(s)
            or self.analyzer.calls_launching_method(s)
        ]
        fids += sorted(set(self.analyzer.constructor_events) - set(fids), key=str)
        for fid in fids:
            w = self.wrapper(fid)
            if w is not None:
                out.append(w)
                self.analyzer.interesting_names.add(w.name)
                out += self._registered_wrappers(fid)
                out += self._decorated_wrappers(fid)
        for path in sorted(self.launch_files - self._renamed_sinks.keys()):
            names = self._renamed_known.pop(path, None)
            if names is None:
                src = self.project.source(path)
                names = sinks_renamed(src.text, self._renames) if src is not None else ()
            self._renamed_sinks[path] = [FuncId(path, n) for n in names]
        for fid in [
            *self._renamed_sinks_found(),
            *sorted(self.launcher_classes, key=str),
            *sorted(self.analyzer.launcher_globals, key=str),
            *sorted(self.analyzer.launcher_attrs, key=str),
        ]:
            w = self.wrapper(fid)
            if w is not None:
                out.append(w)
                self.analyzer.interesting_names.add(w.name)
        # The names wrappers are bound to elsewhere (noted only for wrappers: those found here,
        # a cache's, and such names themselves).
        out += self._as_wrappers(sorted({o for os in self.aliases.values() for o in os}, key=str))
        return out

    def _as_wrappers(self, fids: Iterable[FuncId]) -> list[Wrapper]:
        """The wrappers of `fids` (their names then interesting)."""
        out: list[Wrapper] = []
        for fid in fids:
            w = self.wrapper(fid)
            if w is not None:
                out.append(w)
                self.analyzer.interesting_names.add(w.name)
        return out

    def _decorated_wrappers(self, fid: FuncId) -> list[Wrapper]:
        """A module function returning a launcher, used as a decorator (`def as_runner(fn):
        return subprocess.run`): the functions it decorates are what it gives
        (`calls.call_function`), called by their own names."""
        summary = self.analyzer.summaries.get(fid)
        if summary is None or not summary.gives_launcher or "." in fid.qualname:
            return []
        if fid.is_module_code:
            return []
        return self._as_wrappers(self.analyzer.hierarchy.decorated_by(fid.qualname))

    def _registered_wrappers(self, fid: FuncId) -> list[Wrapper]:
        """A module function a registering decorator of the project stores in a mapping
        (`@register("a") def a(cmd)`, `register` doing `REG[name] = fn`): its callers may call
        it through the mapping (`REG["a"](argv)`), naming it nowhere: the mapping is a
        wrapper too."""
        if "." in fid.qualname or fid.is_module_code:
            return []
        func = self.analyzer.funcdef(fid)
        if func is None or not func.decorators:
            return []
        scope = self.analyzer.module_scope(fid.path)
        out: list[Wrapper] = []
        for d in func.decorators:
            expr = d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator
            if scope is None or not isinstance(expr, cst.Name):
                continue
            registrar = scope.lookup(expr.value)
            if not isinstance(registrar, FuncRef) or "." in registrar.func.qualname:
                continue
            at = registrar.func.path
            # (The mapping, a global of the registrar's module, as a launcher global is: its
            # callers import that module.)
            mappings = stored_mappings(self.project.raw(at), registrar.func.qualname)
            out += self._as_wrappers(FuncId(at, m) for m in mappings)
        return out

    def _renamed_sinks_found(self) -> list[FuncId]:
        return sorted((f for fs in self._renamed_sinks.values() for f in fs), key=str)

    def analyse_file(self, path: str, wrappers: list[Wrapper]) -> None:
        """Everything in one file that can matter: sink statements and calls of `wrappers`."""
        try:
            self._analyse_file(path, wrappers)
        except Exception as exc:  # contained (see `analyse_chunks`)
            self.analyzer.contain(path, path, exc)

    def scan_ahead(
        self, paths: Sequence[str], known: Callable[[str], LaunchScan | None] | None = None
    ) -> None:
        """What the text of each of `paths` says before its analysis (`LaunchScan`), scanned
        beside this process where it can be (this process keeps the files it reaches first: it
        analyses them meanwhile).

        known: the answers of a scan started before this analysis (`run.analyse`: a child
        forked before libcst was imported), None for a path it left to this process."""
        if known is not None:
            self._launch_known = known
            return
        answer = self.ahead(paths, self._launch_scan_split, LAUNCH_HEAD)
        if answer is _unanswered:  # (a child's share is scanned there: not here)
            self._gate_pending = set(paths)
            self.analyzer.hierarchy.reading = self._gate_from
            return
        self._launch_known = partial(self._presplit, answer)

    def _launch_scan_split(self, path: str) -> tuple[LaunchScan, Presplit | None]:
        """A child's scan of a file: its `LaunchScan`, and the split of the text (line starts,
        chunks) where its statements will be selected (sent back: not split again here)."""
        project = self.project
        scan, split = launch_scan_split(
            project.raw(path),
            partial(project.text, path),
            self.words,
            self._launch_names,
            self._renames,
        )
        return scan, (split.chunks, split.starts) if split is not None and scan.lines else None

    def _presplit(
        self, answer: Callable[[str], tuple[LaunchScan, Presplit | None] | None], path: str
    ) -> LaunchScan | None:
        """The child's `LaunchScan` of `path` (None: none), its split of the text kept for the
        source made of it."""
        got = answer(path)
        if got is None:
            return None
        scan, split = got
        if split is not None and not self.project.loaded(path):
            self.project.presplit[path] = split
        return scan

    def _gate_from(self, path: str, data: bytes) -> None:
        if path in self._gate_pending:
            self._gated[path] = may_launch(data, self.words)

    def _gate_check(
        self, gates: WrapperGates, path: str
    ) -> tuple[list[str], frozenset[bytes], bool]:
        """The gates' answer for a file, and whether it star-imports (`_note_reexports`)."""
        data = self.project.raw(path, keep=False)  # (one read of every file: `Project.raw`)
        found, starred = self.file_words.search(path, gates.words, data)
        return gates.wanted_of(found, path), found, starred

    def _analyse_file(self, path: str, wrappers: list[Wrapper]) -> None:
        known = self._launch_known(path)
        self._gate_pending.discard(path)
        if known is None:  # scanned here
            may = self._gated.pop(path, None)
            if may is None:
                may = may_launch(self.project.raw(path), self.words)
            known = LaunchScan(may=may)
        elif known.renamed is not None:
            self._renamed_known[path] = known.renamed
        if known.may:
            held = self.project.loaded(path)
            pattern: Mentions | frozenset[int] | None = None
            if known.pattern is None:
                pattern = self.file_sink_pattern(path)
            elif known.pattern:  # found beside: what `file_sink_pattern` would note, its lines
                self.analyzer.interesting_names.update(known.attributes)
                self.project.reads.patterns.setdefault(path, set()).add(known.regex)
                pattern = known.lines
            if pattern is not None:
                self.analysed.add(path)
                if self.analyse_chunks(path, pattern):
                    self.launch_files.add(path)
            if path not in self.launch_files and not held:
                self.project.release(path)  # read only to be scanned: do not keep the text
        if wrappers:
            # Into the chunks the sink statements were selected from too: a class chunk's
            # other methods may be the ones calling a wrapper.
            self._analyse_callers([path], wrappers, recompute=True)

    def _analyse_callers(
        self, paths: list[str], wrappers: list[Wrapper], *, recompute: bool = False
    ) -> list[str]:
        """Analyse the statements of `paths` that can call one of `wrappers`; return the paths."""
        found = self.caller_candidates(paths, wrappers)
        return self._analyse_found(found, wrappers, recompute=recompute)

    def _analyse_found(
        self, found: dict[str, list[str]], wrappers: list[Wrapper], *, recompute: bool = False
    ) -> list[str]:
        """Analyse the statements of files that can call `wrappers` by the names found in them
        (`caller_candidates`); return the files."""
        new_ids = frozenset(
            fid for w in wrappers for fid in (w.func, self._alias_of.get(w.func, w.func))
        )
        new_ids = new_ids if recompute else frozenset()
        hit: list[str] = []
        for path, wanted in found.items():
            held = self.project.loaded(path)
            src = self.project.source(path)
            if src is None:
                continue
            hit.append(path)
            self.analysed.add(path)
            self.scanned.setdefault(path, set()).update(wanted)
            self.project.reads.searched(*wanted)
            words = words_re(local_names(src.text, wanted))
            lines = self._reaching_lines(path, words, wrappers, new_ids)
            if not self.analyse_chunks(path, lines, recompute=new_ids) and not held:
                self.project.release(path)  # named the wrapper only in prose
        return hit

    def _reaching_lines(
        self, path: str, words: Mentions, wrappers: list[Wrapper], recompute: frozenset[FuncId]
    ) -> frozenset[int]:
        """The lines of `path` naming `words` in code, less those in a function where every
        mention of them is inert (`dataflow.inert`: its own `def`, a keyword argument, a class
        tested or annotated, a method of an instance whose class cannot reach any of the
        wrappers of that name): a function left without lines is not interpreted for them.
        A function whose summary is stale for `recompute` keeps its lines (computed again)."""
        src = self.project.source(path)
        assert src is not None
        lines = src.code_lines(words)
        by_chunk: dict[int, list[int]] = {}
        for line in lines:
            by_chunk.setdefault(src.chunk_at_line(line), []).append(line)
        named: dict[str, list[Wrapper]] = {}
        for w in wrappers:
            named.setdefault(w.name, []).append(w)
        kept: set[int] = set()
        for ci, chunk_lines in by_chunk.items():
            try:
                kept.update(self._chunk_reaching(path, ci, chunk_lines, words, named, recompute))
            except Exception as exc:  # contained: the lines stay, the interpretation decides
                kept.update(chunk_lines)
                self.analyzer.contain(path, f"{path} as a caller", exc)
        return frozenset(kept)

    def _chunk_reaching(
        self,
        path: str,
        ci: int,
        lines: list[int],
        words: Mentions,
        named: Mapping[str, list[Wrapper]],
        recompute: frozenset[FuncId],
    ) -> list[int]:
        """`_reaching_lines` of one top-level statement."""
        src = self.project.source(path)
        assert src is not None
        chunk = src.chunks[ci]
        if chunk.kind not in ("def", "class") or any(
            c.kind == chunk.kind and c.name == chunk.name for c in src.chunks[ci + 1 :]
        ):
            return lines  # module code, or a shadowed definition: interpreted as before
        if chunk.kind == "def":

            def def_tree() -> _FunctionTree | None:
                text = src.line_text(chunk.start, chunk.end)
                checked, tree = grammar.check_tree(text, src.target)
                body = tree.body if tree is not None and checked == grammar.Checked() else []
                fn = body[0] if len(body) == 1 else None
                if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                    return None
                return _FunctionTree(fn, text, chunk.start - 1) if fn.name == chunk.name else None

            fid = FuncId(path, chunk.name)
            return self._function_reaching(path, fid, def_tree, lines, words, named, recompute)
        members = src.members(ci)
        if not members:
            return lines
        out: list[int] = []
        by_member: dict[int, list[int]] = {}
        for line in lines:
            at = next((i for i, m in enumerate(members) if m.start <= line < m.end), None)
            if at is None or members[at].kind != "def":
                out.append(line)  # class-level code: interpreted as before
            else:
                by_member.setdefault(at, []).append(line)
        names = [m.name for m in members if m.kind == "def"]
        for at, member_lines_ in by_member.items():
            m = members[at]
            if names.count(m.name) != 1:
                out.extend(member_lines_)
                continue

            def member_tree(m: Member = m) -> _FunctionTree | None:
                fn = src.member_tree(m)
                if fn is None or fn.name != m.name:
                    return None
                text = "if True:\n" + src.line_text(m.start, m.end) + "\n"
                return _FunctionTree(fn, text, m.start - 2)

            fid = FuncId(path, f"{chunk.name}.{m.name}")
            out.extend(
                self._function_reaching(
                    path, fid, member_tree, member_lines_, words, named, recompute
                )
            )
        return out

    def _function_reaching(
        self,
        path: str,
        fid: FuncId,
        tree: Callable[[], _FunctionTree | None],
        lines: list[int],
        words: Mentions,
        named: Mapping[str, list[Wrapper]],
        recompute: frozenset[FuncId],
    ) -> list[int]:
        """The lines of one function (its CPython tree from `tree`, None when there is none
        to read) that hold a mention of `words` not known inert. The text around each mention
        is read first (`inert.possible`): one that can be inert for no reason leaves every line
        (the function is interpreted) without a tree; the tree is walked for the reasons the
        mentions may have only, once a run for them (the files do not change during a run)."""
        done = self.analyzer.summaries.get(fid)
        if done is not None and self._stale(fid, done) & recompute:
            return lines  # computed again: it read one of them before
        src = self.project.source(path)
        assert src is not None
        want: set[Why] = set()
        for line in lines:
            code = src.line(line)
            found = False
            for m in words.regex.finditer(code):
                found = True
                could = possible(code, m.start(), m.end()) & self._could_be(m.group(), named)
                if not could:
                    return lines  # a mention that may call: interpreted, as before
                want |= could
            if not found:
                return lines
        key = (fid, frozenset(want))
        if key not in self._inert_of:
            self._inert_of[key] = self._inert_tree(path, tree, key[1])
        got = self._inert_of[key]
        if got is None:
            return lines
        inert, offset = got
        # Eager as a root is (`analyse_chunks`), interpreted or not: a call of it is followed
        # where it is met, as before (left deferred, the summaries after it came in another
        # order, and on the launch-dense project pdm's `run_script_if_present` changed past
        # `MAX_REGROWN`).
        self.analyzer.eager.add(fid)
        out: list[int] = []
        for line in lines:
            code = src.line(line)
            row = line - offset
            if not all(
                self._inert_at(
                    path, inert, Mention(row, len(code[: m.start()].encode())), m.group(), named
                )
                for m in words.regex.finditer(code)
            ):
                out.append(line)
        return out

    def _inert_tree(
        self, path: str, tree: Callable[[], _FunctionTree | None], want: frozenset[Why]
    ) -> tuple[Inert, int] | None:
        """`inert_mentions` for `want` of the function `tree` gives, with the offset of its
        lines in the file (None: no tree)."""
        got = tree()
        if got is None:
            return None
        type_checks = False
        if Why.TYPE_CHECK in want:
            rebinds = self._rebinds_checks.get(path)
            if rebinds is None:
                rebinds = self._rebinds_checks[path] = rebinds_type_checks(self.project.raw(path))
            type_checks = not rebinds
        lines = got.text.split("\n")
        return inert_mentions(got.fn, lines, type_checks=type_checks, want=want), got.offset

    def _could_be(self, word: str, named: Mapping[str, list[Wrapper]]) -> frozenset[Why]:
        """The reasons `_inert_at` may find a mention of `word` inert for."""
        wrappers = named.get(word)
        if not wrappers:
            return _NAME_BLIND
        if any(self._calls_instance(w) for w in wrappers):
            return _NOT_ANNOTATED
        return _ANY_WHY

    def _inert_at(
        self, path: str, inert: Inert, at: Mention, word: str, named: Mapping[str, list[Wrapper]]
    ) -> bool:
        why = inert.why.get(at)
        if why in (Why.OWN_DEF, Why.KEYWORD, Why.TYPE_CHECK):
            return True
        wrappers = named.get(word)
        if not wrappers:
            return False  # (a local name of one, `run_agent as run`: not told apart here)
        if why is Why.ANNOTATION:
            # A parameter annotated with a class whose `__call__` launches is called as one
            # (`r: Runner` then `r(argv)`): named by its class alone.
            return not any(self._calls_instance(w) for w in wrappers)
        if why is Why.RECEIVER:
            return self._instance_misses(path, inert.receivers[at], word, wrappers)
        return False

    def _calls_instance(self, w: Wrapper) -> bool:
        fid = self._alias_of.get(w.func, w.func)
        return fid.qualname.endswith(".__call__") or w.func.qualname.endswith(".__call__")

    def _instance_misses(self, path: str, cls: str, attr: str, wrappers: list[Wrapper]) -> bool:
        """Whether an instance made by `cls(...)` in `path` (a name of its module) cannot
        reach any of `wrappers` by its attribute `attr`: `cls` is a project class whose every
        class up its bases is a project class the analysis sees whole, none of them one of the
        wrappers' classes, and `attr` is an undecorated method one of them defines, which
        nothing in their files stores over (`self.run = ...`, `setattr`), with no `__new__`,
        `__getattr__`, `__getattribute__`, `__init_subclass__`, metaclass or class decorator
        to make the instance or the lookup another. What it read is recorded with the file's
        results (`Analyzer.skip_deps`): an edit giving a class another base re-decides."""
        a = self.analyzer
        with a.tracking(enclosing=False) as deps:
            try:
                misses = self._misses(path, cls, attr, wrappers)
            except Exception:  # (unsure: interpreted, which contains its own failures)
                misses = False
        if misses:
            a.skip_deps.setdefault(path, set()).update(deps)
        return misses

    def _misses(self, path: str, cls: str, attr: str, wrappers: list[Wrapper]) -> bool:
        a = self.analyzer
        scope = a.module_scope(path)
        if scope is None:
            return False
        value: Value | None = scope.lookup(cls)
        for _ in range(8):  # (an import of an import: `from .a import C` re-exported)
            if not isinstance(value, LazyImport):
                break
            other = a.module_scope(value.module)
            value = other.lookup(value.name) if other is not None else None
        got = options(value) if value is not None else []
        if not got or not all(isinstance(o, ClassRef) for o in got):
            return False
        owners = {
            (f.path, f.parent.qualname.split(SHADOWED)[0])
            for w in wrappers
            for f in (w.func, self._alias_of.get(w.func, w.func))
            if "." in f.qualname
        }
        for o in got:
            assert isinstance(o, ClassRef)
            info = a.class_info(o.cls)
            if info is None or not self._class_misses(info, attr, owners):
                return False
        return True

    def _class_misses(self, info: ClassInfo, attr: str, owners: Set[tuple[str, str]]) -> bool:
        if [b for b in info.unseen_bases() if b not in _PLAIN_BASES]:
            return False  # a library base (or one not evaluated) may hold anything
        defines = False
        for c in info.mro():
            if not c.bases_known or c.node.decorators or any(b.keyword for b in c.node.bases):
                return False
            if (c.path, c.qualname.split(SHADOWED)[0]) in owners:
                return False
            if any(n in c.methods for n in _LOOKUP_HOOKS):
                return False
            data = self.project.raw(c.path)
            if setting(attr)(data) or b"__dict__" in data or _may_setattr(data, attr):
                return False
            if attr in c.methods:
                if not c.methods.undecorated(attr):
                    return False
                defines = True
        return defines

    def caller_candidates(
        self, paths: Iterable[str], wrappers: list[Wrapper]
    ) -> dict[str, list[str]]:
        """The files among `paths` that may call `wrappers`, with the names they may call.

        By the wrapper gates; and methods are reached through their class's name or through a
        variable holding an instance (`runner = Runner(...)` in one module, `runner.start()` in
        another): files naming a method but not its class are looked at again once the scan has
        found the holders."""
        gates = WrapperGates((w.func.path, w.name, w.gates) for w in wrappers)
        self.project.reads.searched(*gates.words)  # (`ReadLog`: the words files are gated by)
        classes: dict[str, set[str]] = {}  # class name -> its wrapper methods
        for w in wrappers:
            if w.is_method:
                classes.setdefault(w.gates[0], set()).add(w.name)
        # Classes whose `__call__` launches: a module-level instance is called by its name.
        called = {
            w.gates[0]: w for w in wrappers if w.is_method and w.func.qualname.endswith(".__call__")
        }
        class_words = {c.encode(errors="surrogateescape"): c for c in classes}
        # (encoded once, not once per file)
        method_words = {
            m.encode(errors="surrogateescape"): m for ms in classes.values() for m in ms
        }
        derived = self._derived_words(wrappers, class_words.keys(), self.holders)
        out: dict[str, list[str]] = {}
        near: list[tuple[str, set[str]]] = []
        by_name: dict[str, list[Wrapper]] = {}
        for w in wrappers:
            by_name.setdefault(w.name, []).append(w)
        # Function wrappers with their gate words: a module star-importing one's module (or a
        # module re-exporting it) re-exports it without naming it.
        star = [
            (w, {g.encode(errors="surrogateescape") for g in w.gates if g})
            for w in wrappers
            if "." not in w.func.qualname
        ]
        paths = list(paths)
        known = self.ahead(paths, partial(self._gate_check, gates))
        memo = self.file_words
        for path in paths:
            try:  # contained: the file fails, the scan of the others goes on
                got = known(path)
                if got is None:
                    # Read only where there is a word not looked for in it yet, or more to
                    # look at than its words (`FileWords`).
                    data = None
                    held = memo.known(path, gates.words)
                    if held is None:
                        data = self.project.raw(path, keep=False)
                        held = memo.search(path, gates.words, data)
                    found, starred = held
                    wanted = gates.wanted_of(found, path)
                else:  # scanned beside: what the child found is kept here too
                    wanted, found, starred = got
                    memo.note(path, gates.words, found, starred)
                    data = None
                hit = wanted or found & class_words.keys() or starred or found & derived.keys()
                if data is None:
                    data = self.project.raw(path, keep=False) if hit else b""
                for word in found & class_words.keys():
                    self._note_holders(class_words[word], data)
                    if class_words[word] in called:
                        self._note_module_holders(path, data, called[class_words[word]])
                    # (Every class's: a subclass inheriting a launching method is called by
                    # its own name, in files that need not name the base.)
                    self._note_subclasses(class_words[word], data)
                via = found & derived.keys()
                if via:
                    self._note_derived(via, derived, data)
                wanted = [
                    n
                    for n in wanted
                    if any(self._may_reach(path, data, found, w) for w in by_name[n])
                ]
                if wanted:
                    out[path] = wanted
                    self._note_reexports(path, data, [w for n in wanted for w in by_name[n]])
                    self._note_aliases(path, data, [w for n in wanted for w in by_name[n]])
                if starred and star:
                    # A star import names no function: any wrapper whose gate word it names.
                    self._note_reexports(path, data, [w for w, ws in star if ws & found])
                methods = {m for word in found if (m := method_words.get(word)) and m not in wanted}
                if methods:
                    near.append((path, methods))
            except Exception as exc:
                self.analyzer.contain(path, f"{path} as a caller", exc)
            # (Let go before the next file is read: two files' bytes alive at once leave the
            # allocator holes it cannot give back, ~3 MB of peak RSS on the corpus.)
            data = b""
        memo.release()
        # One pass over a file for all its holder words, not one scan per word (the
        # launch-dense project: 42,624 `has_word` scans of 4,009 files a run, 0.43 s; one pass
        # each, 0.09 s). The files' holder sets are few (by the methods they name): an
        # automaton per set (72 a run).
        finders: dict[frozenset[bytes], WordFinder] = {}
        for path, methods in near:
            holders = [
                h.encode(errors="surrogateescape")
                for c, ms in classes.items()
                if ms & methods
                for h in (*self.holders.get(c, ()), *self.subclasses.get(c, ()))
            ]
            self.project.reads.searched(*holders)
            if not holders:
                continue
            key = frozenset(holders)
            finder = finders.get(key)
            if finder is None:
                finder = finders[key] = WordFinder(key)
            if finder.found(self.project.raw(path)):
                out[path] = sorted({*out.get(path, []), *methods})
        return out

    def _may_reach(self, path: str, data: bytes, found: Set[bytes], wrapper: Wrapper) -> bool:
        """Whether code in `path` can reach the wrapper's function by name: its imports lead to the
        module defining it (the module itself, a package re-exporting it, or a parent package
        and the module's name read as an attribute), or, for a method, the file names a
        variable holding an instance. The word gates alone let in files that share a word with
        the module (`script`) or the class (every inventory plugin's `InventoryModule`):
        a third of the caller files the corpus parsed, for no call."""
        fid, gate = wrapper.func, wrapper.gates
        home, qual = fid.path, fid.qualname
        if path == home or gate == ("",):
            return True
        if "." in qual and any(h.encode(errors="surrogateescape") in found for h in gate[1:]):
            return True  # an instance holder (they live in other modules than the class)
        imports = self._imports_of(path, data)
        if home in imports or any(p in imports for p in self._reexporting(fid)):
            return True
        if self._reexports_due:
            due = self._reexports_due.pop(fid, None)
            if due is not None:
                self._note_cached_reexports(due)
        if any(p in imports for p in self.module_reexports.get(fid, ())):
            return True
        # A plain module in between that imports the name and is imported here
        # (`from app.compat import Runner`, compat.py importing it from app.runner).
        name = qual.split(".")[0].encode(errors="surrogateescape")
        for m in imports:
            if m.endswith(".py") and m != path and self._passes_on(m, name, home):
                return True
        module = home[: -len("/__init__.py")] if home.endswith("/__init__.py") else home
        stem = module_name(home).encode(errors="surrogateescape")
        if not re.search(rb"\.[ \t]*" + re.escape(stem) + rb"(?!\w)", data):
            return False
        d = posixpath.dirname(module)
        while d:
            if d in imports or f"{d}/__init__.py" in imports:
                return True  # `import pkg` and then `pkg.module.name`
            d = posixpath.dirname(d)
        return False

    def _passes_on(self, module: str, name: bytes, home: str) -> bool:
        """Whether `module` names `name` and imports `home`; once per question (each caller
        file importing `module` asks it again, for every wrapper, every round)."""
        key = (module, name, home)
        got = self._passing.get(key)
        if got is None:
            # Without a read where the rounds' scans answer: the words a file holds of those
            # looked for in it (`FileWords`, the same whole-word test), the modules its
            # imports lead to. (2,394 reads of the corpus, most of modules holding no name.)
            self.project.reads.searched(name)  # (an edit adding the name is not quiet)
            held = self.file_words.known(module, frozenset((name,)))
            imports = self._imports.get(module)
            if held is not None and not held[0]:
                got = False
            elif held is not None and imports is not None:
                got = home in imports
            else:
                raw = self.project.raw(module)
                got = has_word(raw, name) and home in self._imports_of(module, raw)
            self._passing[key] = got
        return got

    def _imports_of(self, path: str, data: bytes) -> frozenset[str]:
        """The project modules `path`'s imports lead to (`cone.imported`), once per file."""
        got = self._imports.get(path)
        if got is None:
            text = data.decode("utf-8", "replace")
            got = self._imports[path] = frozenset(imported(text, path, self.project))
        return got

    def _note_reexports(self, path: str, data: bytes, wrappers: list[Wrapper]) -> None:
        """Note `path` as re-exporting each function wrapper (not a method) it imports by its
        own name from the wrapper's module or from a module re-exporting it already: `from
        .utils.universal import *`, `from app._impl import run` (`import ... as other` renames
        it: callers use the other name, not followed)."""
        for w in wrappers:
            fid = w.func
            if "." in fid.qualname or path == fid.path:
                continue
            known = self.module_reexports.setdefault(fid, set())
            if path in known:
                continue
            statements = self._statements.get(path)
            if statements is None:
                text = data.decode("utf-8", "replace")
                statements = self._statements[path] = import_statements(text)
            name = fid.qualname
            for base, names in statements:
                star = _imports_name(names, "*")
                if base is None or not (star or _imports_name(names, name)):
                    continue
                if not star and _uses(data, name, statements):
                    # A module importing the function to call it is its user: its callers
                    # would not go through it (counting every importer widened the caller
                    # scans of the corpus for no call).
                    continue
                targets = from_import_targets(self.project, base, path)
                if fid.path in targets or targets & known:
                    known.add(path)
                    break

    def defer_reexports(self, known: list[Wrapper]) -> None:
        """The modules re-exporting cached function wrappers (their gate words name them) are
        noted the first time a file names one of them and may reach it only through such a
        module (`_may_reach`): a run without a cache notes them while scanning for callers, and
        a caller reaching a wrapper only through them (`mesonlib.run`, `mesonlib` star-importing
        its module) is not one without them. Noting them before the analysis, for every
        wrapper whose gate words an edited file named, read every module of those words on an
        edit that calls none of them (a constant's edit on the planted corpus: 80 modules,
        ~45 ms of a 0.6 s run)."""
        for w in known:
            if "." not in w.func.qualname and any(w.gates):
                self._reexports_due[w.func] = w

    def _note_cached_reexports(self, wrapper: Wrapper) -> None:
        """Note which modules of a cached wrapper's gate words re-export it (all of them: one
        may re-export through another that the caller does not name). A function's gate words
        are all module names (`_gate_words`), the first one too."""
        modules = {g for g in wrapper.gates if g}
        # (The paths holding one of the words first, at C speed: `module_name` of each of the
        # corpus's 6,411 files was most of the cost.)
        holding = re.compile("|".join(re.escape(m) for m in sorted(modules))).search
        paths = sorted(p for p in filter(holding, self.project.files) if module_name(p) in modules)
        before = self.module_reexports.get(wrapper.func, set()).copy()
        self.note_reexports(paths, [wrapper])
        # Its callers reaching it through these were looked for already: the run that cached it
        # had their names among its gate words. (Looked for again as re-exporters found since
        # (`propagate_wrappers`), every caller with cached results was analysed again: 11.6 s
        # instead of 1.2 on an edit of a meson module calling `mesonlib.Popen_safe`.)
        found = self.module_reexports.get(wrapper.func, set()) - before
        if found:
            self._reexports_scanned[wrapper.func] = frozenset(
                self._reexports_scanned.get(wrapper.func, frozenset()) | found
            )

    def note_reexports(self, paths: Sequence[str], wrappers: list[Wrapper]) -> None:
        """Note which of `paths` re-export the function wrappers, to a fixpoint (one may
        re-export what another does: `shim` star-importing `mesonlib`)."""
        while True:
            before = sum(len(self.module_reexports.get(w.func, ())) for w in wrappers)
            for path in paths:
                data = self.project.raw(path, keep=False)
                # (Only a file naming the function or star-importing can re-export it.)
                star = _STAR_BYTES.search(data) is not None
                self.project.reads.searched(*(w.func.qualname for w in wrappers))
                named = [
                    w
                    for w in wrappers
                    if star or w.func.qualname.encode(errors="surrogateescape") in data
                ]
                if not named:
                    continue
                try:  # contained: the file fails, the others are looked at
                    self._note_reexports(path, data, named)
                except Exception as exc:
                    self.analyzer.contain(path, f"{path} as a re-export", exc)
            if sum(len(self.module_reexports.get(w.func, ())) for w in wrappers) == before:
                return

    def _note_aliases(self, path: str, data: bytes, wrappers: list[Wrapper]) -> None:
        """Note the other names `path` binds each wrapper to (`prefilter.other_names`): a
        function's at the module's top level, a method's in its class's body."""
        text: str | None = None
        for w in wrappers:
            fid = w.func
            parts = fid.qualname.split(".")
            if len(parts) == 2 and parts[-1] == "__call__":
                self._note_called_holders(path, data, w)
                continue
            if parts == ["__getattr__"] and path != fid.path:
                self._note_hook_imports(path, data, w)
                continue
            if len(parts) > 2 or (len(parts) == 2 and path != fid.path) or parts[-1] != w.name:
                continue  # (a constructor is called by its class's name: not followed here)
            if (path, fid) in self._aliases_read:
                continue
            self._aliases_read.add((path, fid))
            self.project.reads.searched(w.name)
            if path == fid.path and b"self" in data:
                # Kept on `self` in a method of its module (`self._runner = runner or
                # _spawn`) and called there as `self._runner(...)`: the attribute is
                # another name for it, a method of that class.
                if text is None:
                    text = data.decode("utf-8", "replace")
                for attr, holder in self_stores(text, w.name):
                    if len(parts) == 2 and holder != parts[0]:
                        continue
                    other = FuncId(path, f"{holder}.{attr}")
                    if other != fid:
                        self.aliases.setdefault(fid, set()).add(other)
                        self._alias_of.setdefault(other, self._alias_of.get(fid, fid))
            if len(parts) == 1 and w.name.encode(errors="surrogateescape") in data:
                # Held in a module-level container (`HANDLERS = {"run": launch}`), called
                # through it (`HANDLERS[k](argv)`): the container's name is another name.
                if text is None:
                    text = data.decode("utf-8", "replace")
                for holder in container_holders(text, w.name):
                    other = FuncId(path, holder)
                    self.aliases.setdefault(fid, set()).add(other)
                    self._alias_of.setdefault(other, self._alias_of.get(fid, fid))
            if not may_bind(data, w.name):
                continue
            if text is None:
                text = data.decode("utf-8", "replace")
            for alias, cls in other_names(text, w.name):
                if cls != (parts[0] if len(parts) == 2 else None):
                    continue
                other = FuncId(path, ".".join([*parts[:-1], alias]))
                self.aliases.setdefault(fid, set()).add(other)
                self._alias_of.setdefault(other, self._alias_of.get(fid, fid))

    def _note_hook_imports(self, path: str, data: bytes, w: Wrapper) -> None:
        """A module's `__getattr__` (PEP 562) that gives a launcher: the names `path` imports
        from that module (`from tools import anything`, which the hook gives) are other names
        for it, called where the hook's name is not written."""
        fid = w.func
        if (path, fid) in self._aliases_read:
            return
        self._aliases_read.add((path, fid))
        self.project.reads.searched(w.name)
        project = self.project
        for base, name, local in names_imported(data.decode("utf-8", "replace")):
            dots = len(base) - len(base.lstrip("."))
            module = (
                project.resolve_relative(base[dots:], dots, path)
                if dots
                else project.resolve_absolute(base, path)
            )
            if module == fid.path and name != "__getattr__":
                other = FuncId(path, local)
                self.aliases.setdefault(fid, set()).add(other)
                self._alias_of.setdefault(other, self._alias_of.get(fid, fid))

    def _note_called_holders(self, path: str, data: bytes, w: Wrapper) -> None:
        """An instance of a class whose `__call__` launches, made and kept on `self` in a method
        (`self.runner = Runner(cfg)`) and called in another (`self.runner(argv)`, a statement
        naming neither the class nor `__call__`): the attribute is another name for
        `__call__`, a method of the holding class, looked for as such."""
        if (path, w.func) in self._aliases_read or b"self" not in data:
            return
        self._aliases_read.add((path, w.func))
        self.project.reads.searched(w.name)
        text = data.decode("utf-8", "replace")
        for attr, holder in self_instances(text, w.name):
            other = FuncId(path, f"{holder}.{attr}")
            self.aliases.setdefault(w.func, set()).add(other)
            self._alias_of.setdefault(other, self._alias_of.get(w.func, w.func))

    def _reexporting(self, fid: FuncId) -> list[str]:
        """Packages whose `__init__.py` may re-export `fid`'s function (names it or star-imports),
        walking up from its module while they do."""
        path, qual = fid.path, fid.qualname
        name = qual.split(".")[0].encode(errors="surrogateescape")
        known = self._reexports.get((path, name))
        if known is not None:  # (the files do not change during a run)
            return known
        out: list[str] = []
        self._reexports[(path, name)] = out
        d = posixpath.dirname(path)
        if path.endswith("/__init__.py"):
            d = posixpath.dirname(d)
        while d:
            init = f"{d}/__init__.py"
            if init not in self.project.files:
                break
            text = self.project.raw(init)
            self.project.reads.searched(name)
            if name not in text and b"import *" not in text:
                break
            out.append(init)
            d = posixpath.dirname(d)
        return out

    def _note_subclasses(self, cls: str, data: bytes) -> None:
        """Classes this file derives from `cls` (`class ClaudeProvider(CLIProvider):`): a
        method `cls` leaves an attribute to (`self.binary`) is called through them, in files
        that need not name `cls` at all."""
        for name in subclasses_named(cls, data):
            self.subclasses.setdefault(cls, set()).add(name)

    def _note_derived(self, via: Set[bytes], derived: dict[bytes, set[str]], data: bytes) -> None:
        """Classes this file derives from a subclass of a launching method's class (`class
        C(B)` with `class B(A)` elsewhere: `C` inherits `A`'s methods too), for each such
        subclass in `via` the file names: the file's class heads read once for all of them."""
        for name, bases in class_heads(data):
            for word in via & bases:
                for cls in derived[word]:
                    if name != cls:
                        self.subclasses.setdefault(cls, set()).add(name)

    @staticmethod
    def _derived_words(
        wrappers: list[Wrapper], classes: Set[bytes], holders: Mapping[str, set[str]]
    ) -> dict[bytes, set[str]]:
        """The words a class deriving from a launching method's class may derive from instead
        of naming it: the method's other gate words (its class's subclasses noted so far, or
        cached with the wrapper), each with the classes it stands for. A subclass of one
        inherits the method at any depth and in any module, so its name is a gate word too
        (`_note_subclasses`), found in the rounds that follow (`propagate_wrappers`' regated
        wrappers) or, after an edit, by its route (`searches.route_to`). (Its other gate
        words, holders and Protocols, derive nothing that matters: a class deriving from a
        Protocol structurally implemented by the class is looked at for nothing. The holders
        noted this run are left out: a module-level variable's name, often a common word,
        made every file naming it read and its class heads scanned, 26k reads more on the
        corpus; a cached wrapper's gate words are all kept, holders or not.)"""
        out: dict[bytes, set[str]] = {}
        for w in wrappers:
            if not w.is_method:
                continue
            held = holders.get(w.gates[0], ())
            for word in w.gates[1:]:
                key = word.encode(errors="surrogateescape")
                if word and key not in classes and word not in held:
                    out.setdefault(key, set()).add(w.gates[0])
        return out

    def _note_module_holders(self, path: str, data: bytes, w: Wrapper) -> None:
        """Module-level instances of a class whose `__call__` launches (`runner = Runner()` in
        this file): each name is another name for `__call__`, a module-level function of this
        file to its callers (`from app.a import runner; runner(argv)`, `a.runner(argv)`),
        looked for as one."""
        for name in instance_holders(w.gates[0], data):
            other = FuncId(path, name)
            self.aliases.setdefault(w.func, set()).add(other)
            self._alias_of.setdefault(other, self._alias_of.get(w.func, w.func))

    def _note_holders(self, cls: str, data: bytes) -> None:
        """Module-level variables assigned an instance of `cls` in this file (`runner =
        Runner(...)`): what other modules import. (A local variable in a function names an
        instance only there, where the class is named too; counting those made every
        `module.run_command` caller of Ansible a candidate.)"""
        for name in instance_holders(cls, data):
            self.holders.setdefault(cls, set()).add(name)

    def propagate_wrappers(self, seen: set[FuncId], skip: set[str], known: list[Wrapper]) -> None:
        """Analyse callers of wrappers not in `seen`, to a fixpoint.

        Files in `skip` have valid cached results; one that turns out to call a new wrapper is
        removed from `skip` (its cached results are stale) and analysed in full.

        No bound on the rounds: each follows wrappers not seen before, and a project has
        finitely many functions, so a chain of any length is followed to its callers.
        """
        while True:
            current = self.current_wrappers()
            new = [w for w in current if w.func not in seen]
            # A wrapper whose callers were looked for already but that launches at more sites
            # now (a callee turned out to be a wrapper after it was summarised): its calls were
            # interpreted without those launches, so they are looked at again. The sites only
            # grow and are finitely many, so this ends too.
            grown = [w for w in current if w.func in seen and self._grew(w.func)]
            # A wrapper found re-exported by another module since its callers were looked for:
            # files reaching it through that module's name are looked for too. So are files
            # naming a gate word found since (a subclass, `Sub("ls", "codex")` constructing a
            # base whose `__init__` became a wrapper in the round that found `class
            # Sub(Runner)`; a module-level instance). (Modules and words only join, and are
            # finitely many: this ends too.)
            regated = [
                w
                for w in current
                if w.func in seen
                and w not in grown
                and (
                    self.module_reexports.get(w.func, set())
                    - self._reexports_scanned.get(w.func, frozenset())
                    or not self._gates_scanned.get(w.func, frozenset(w.gates)).issuperset(w.gates)
                )
            ]
            if not new and not grown and not regated:
                if not self._postponed:
                    return
                self._summarise_postponed()  # (which may find wrappers: round again)
                continue
            seen.update(w.func for w in new)
            for w in new:
                self._grew(w.func)
            self._grown.update(w.func for w in grown)
            # A new wrapper whose summary was computed again (a callee found a wrapper since)
            # may have been followed before, when it launched nothing (`eager`: its file was
            # analysed): those callers are interpreted again, as a grown wrapper's are.
            self._grown.update(w.func for w in new if w.func in self.analyzer.recomputed)
            # The value memos are caches by identity, each entry keeping its value alive: a
            # round begins without the last one's (issue 18: the corpus's peak 190 -> 180 MB).
            forget_values()
            self._scan_callers([*new, *grown, *regated], skip, known)

    def _summarise_postponed(self) -> None:
        """Compute the summaries of the callers the rounds postponed (`_takes_nothing`), with
        every wrapper found so far."""
        a = self.analyzer
        todo, self._postponed = self._postponed, {}
        for fid, func in todo.items():
            if fid in a.summaries:
                continue  # (read by a caller since: computed then)
            try:
                a.summary(func)
            except Exception as exc:  # contained (see `analyse_chunks`)
                a.contain(fid.path, fid.path, exc)

    def find_callers_again(
        self,
        fids: Iterable[FuncId],
        skip: set[str],
        known: list[Wrapper],
        scanned: Mapping[str, Iterable[str]],
        derived: Iterable[FuncId] = (),
    ) -> None:
        """Look for the callers of cached wrappers over the whole universe again, as for a new
        wrapper: an edit elsewhere may have made other files reach them (`searches`). A file
        with cached results whose calls of those names were looked for then (`scanned`) keeps
        them: its statements naming the wrappers were interpreted with the wrappers followed,
        so what they found depends only on the files they read (its `deps`).

        derived: those of them (methods) whose class an edit derived a class from: summarised
        (callers may name only the new subclass, `_note_subclasses`). The other gate words are
        the cached ones and what this scan notes."""
        cached = {w.func: w for w in known}
        for fid in derived:
            func = self.analyzer.funcdef(fid)
            if func is not None:
                self.analyzer.summary(func)
        wrappers: list[Wrapper] = []
        for fid in fids:
            w = self.wrapper(fid)
            if w is not None and fid in cached:
                first, *rest = w.gates
                words = {*rest, *cached[fid].gates} - {first}
                w = Wrapper(fid, w.name, (first, *sorted(words)))
            if w is not None:
                wrappers.append(w)
        self._scan_callers(wrappers, skip, known, scanned)

    def _grew(self, fid: FuncId) -> bool:
        """Whether the wrapper launches other than its callers were last interpreted with (and
        note it): at sites not noted before, or with an event whose content a caller reads
        (`summaries.launch_key`: what the launch waits for, its argv's shape, which
        construction answers it) not noted before, or (a summary's other parts its callers
        read) a failure, a parameter call or a returned launcher not noted before. The first
        look notes them only: a wrapper whose callers were looked for in an earlier run (a
        cached one) is compared from there on, not sent to its callers again at once.

        What is noted only grows: the sites are finitely many, so growing by a site ends; an
        event's content may change without end (alternatives growing), so growing by content
        alone is counted, and past `MAX_REGROWN` times the wrapper's callers are not looked at
        again: its launch sites are unresolved instead, naming the bound (`unsettled`)."""
        summary = self.analyzer.summaries.get(fid)
        ctor = self.analyzer.constructor_events.get(fid, [])
        # Asked of every wrapper on every loop: what callers read changes only with a summary
        # computed again or a constructor event added (its list only grows), so it is looked
        # up only then (positions cost a pass over the piece's nodes).
        state = (summary, len(ctor))
        last = self._launch_state.get(fid)
        if last is not None and last[0] is state[0] and last[1] == state[1]:
            return False
        self._launch_state[fid] = state
        launches = [(fid, ev) for ev in summary.events] if summary is not None else []
        launches += ctor
        keys = self._read_keys(fid, summary, ctor)
        noted = self._launches_noted.get(fid)
        if noted is None:
            self._launches_noted[fid] = keys
            return False
        if keys <= noted:
            return False
        sites = {where for where, _ in keys - noted}
        grew_sites = not sites <= {where for where, _ in noted}
        noted |= keys
        if grew_sites:
            return True
        times = self._regrown[fid] = self._regrown.get(fid, 0) + 1
        if times <= MAX_REGROWN:
            return True
        why = (
            f"the launches of {fid.qualname} still changed after its callers were analysed "
            f"again {MAX_REGROWN} times (not looked at again)"
        )
        for _, ev in launches:
            entry = RawUnresolved(ev.sink, ev.site, why)
            got = self.unsettled.setdefault(ev.site.path, [])
            if entry not in got:
                got.append(entry)
        return False

    def _read_keys(
        self, fid: FuncId, summary: FunctionSummary | None, ctor: list[tuple[FuncId, SinkEvent]]
    ) -> set[LaunchKey]:
        """What callers read of a wrapper with this summary and these constructor events: its
        launches' keys and its summary's other parts' (`_grew`)."""
        keys = {self._launch_key(method, ev) for method, ev in ctor}
        if summary is not None:
            keys.update(self._launch_key(fid, ev) for ev in summary.events)
            keys.update(summary_keys(fid, summary))
        return keys

    def _read_alike(self, reader: FuncId, fid: FuncId) -> bool:
        """Whether what `reader`'s summary read of grown wrapper `fid` is what a caller reads of
        it now, by the keys `_grew` tells growth by (`_read_keys`): the summary it read and the
        summary now launch alike, with the same constructor events. Computed again, it would
        read the same (the wrapper was computed again after it read it, and grew where it
        had not read it, or back). Unknown (`Analyzer.read_of`): no."""
        a = self.analyzer
        got = a.read_of(reader, fid)
        now = a.summaries.get(fid)
        if got is None or now is None:
            return False
        then, events = got
        ctor = a.constructor_events.get(fid, [])
        if len(ctor) != events:
            return False  # (noted by content: each one more is another key)
        if then is now:
            return True
        return self._read_keys(fid, then, ctor) == self._read_keys(fid, now, ctor)

    def _launch_key(self, method: FuncId, ev: SinkEvent) -> LaunchKey:
        """`launch_key`, once per event: a constructor's list of its methods' events holds each
        event until the run ends, and is looked at again each time an event joins it."""
        got = self._launch_keys.get((method, id(ev)))
        if got is not None and got[0] is ev:
            return got[1]
        if len(self._launch_keys) >= MAX_LAUNCH_KEYS:
            self._launch_keys.clear()  # (each entry keeps its event alive)
        key = launch_key(method, ev)
        self._launch_keys[(method, id(ev))] = (ev, key)
        return key

    def _scan_callers(
        self,
        wrappers: list[Wrapper],
        skip: set[str],
        known: list[Wrapper],
        scanned: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """Analyse the callers of `wrappers` in the universe; a file in `skip` that is one has
        stale cached results (unless its calls of the names it may call were looked for
        already: `scanned`): it leaves `skip` and is analysed in full."""
        self._first = set()  # (a round of its own)
        # One scan of all of them: a holder of an instance or a subclass in one file makes a
        # caller of another (`caller_candidates`), whichever of the two has a cached entry.
        for w in wrappers:
            self._reexports_scanned[w.func] = frozenset(self.module_reexports.get(w.func, ()))
            self._gates_scanned[w.func] = self._gates_scanned.get(w.func, frozenset()).union(
                w.gates
            )
        found = self.caller_candidates(sorted(self.universe), self._with_subclasses(wrappers))
        self._add_deferring(found, wrappers)
        fresh = {p: names for p, names in found.items() if p not in skip}
        self._postponing = True
        try:
            self._analyse_found(fresh, wrappers, recompute=True)
        finally:
            self._postponing = False
        for path in sorted(found.keys() & skip):
            if scanned is not None and set(found[path]) <= set(scanned.get(path, ())):
                continue
            skip.discard(path)
            self.invalidated.add(path)
            # Its sink statements first, then its calls of every wrapper (analysing the calls
            # first left the class chunks they are in marked done for the sinks).
            current = {w.func: w for w in [*known, *self.current_wrappers(), *wrappers]}
            self.analyse_file(path, list(current.values()))

    def _with_subclasses(self, wrappers: list[Wrapper]) -> list[Wrapper]:
        """`wrappers`, and for a constructor, its class's subclasses noted so far by name: a
        subclass without its own `__init__` is constructed with the base's (`Sub("ls", "codex")`
        runs `Runner.__init__`, whose events `Sub.stop` may have added), in files that need
        not name the base."""
        out = list(wrappers)
        for w in wrappers:
            if w.func.qualname.endswith(".__init__"):
                for sub in sorted(self.subclasses.get(w.name, ())):
                    if sub != w.name:
                        out.append(Wrapper(w.func, sub, (sub,)))
        return out

    def _add_deferring(self, found: dict[str, list[str]], wrappers: list[Wrapper]) -> None:
        """Add to `found` the files of functions summarised already that called one of
        `wrappers` without following it (it was not a wrapper yet). The gates may not know
        every way a file names a function (`mesonlib.f` where module `mesonlib` star-imports
        f's module), but the interpretation resolved this call: without it, the call would be
        followed only where its caller happened to be summarised after the wrapper."""
        by_id = {w.func: w.name for w in wrappers}
        for fid, summary in list(self.analyzer.summaries.items()):
            for callee in summary.deferred & by_id.keys():
                names = found.setdefault(fid.path, [])
                if by_id[callee] not in names:
                    names.append(by_id[callee])

    def _gate_words(self, path: str, qual_parts: list[str]) -> tuple[str, ...]:
        """Words one of which a file must mention to reach this function (see prefilter).

        A method is reached through its class's name (`self.` inside the class's own file). A
        function through an import naming its module, or a package that re-exports it (its
        `__init__.py` names the function or star-imports).
        """
        if len(qual_parts) > 1:
            cls = qual_parts[0]
            extra = {*self.holders.get(cls, ()), *self.subclasses.get(cls, ())} - {cls}
            if len(qual_parts) == 2:
                # Called through an interface it implements (`sandbox: Sandbox`), by files
                # that need not name its class.
                extra.update(self.analyzer.interfaces(FuncId(path, ".".join(qual_parts))))
            return (cls, *sorted(extra - {cls}))
        words = {module_name(path)}
        fid = FuncId(path, qual_parts[-1])
        words.update(posixpath.basename(posixpath.dirname(init)) for init in self._reexporting(fid))
        words.update(module_name(m) for m in self.module_reexports.get(fid, ()))
        return tuple(sorted(w for w in words if w)) or ("",)


def _takes_nothing(func: FuncDef) -> bool:
    """Whether `func` is an undecorated module-level function of no parameters: a caller
    whose summary the wrapper rounds postpone to their fixpoint (`_summarise_postponed`).

    Its calls forward no parameter of its own, so computing it found no wrapper for the
    next round in the common case; computed in each round that found a wrapper it calls (a
    module's `main` calling helpers that become wrappers one round after another: ansible's
    git module, 3 times), its findings were those of the last. What it may still make a
    wrapper of (it fails, returns a launcher, binds one to a global) is found when it is
    computed, and the rounds go on from there (`propagate_wrappers`)."""
    p = func.params
    if p is None or func.class_id is not None or "." in func.qualname or func.decorators:
        return False
    return not (p.params or p.posonly_params or p.kwonly_params or p.star_kwarg) and not (
        isinstance(p.star_arg, cst.Param)
    )


# `setattr(x, "name", ...)` with a literal name: the name (`_may_setattr`).
_SETATTR = lazy_compile(rb"setattr[ \t]*\([^,()]*,[ \t]*(['\"])(\w+)\1")


def _may_setattr(data: bytes, attr: str) -> bool:
    """Whether source bytes may store attribute `attr` through `setattr` (a literal other name
    does not; any other second argument may)."""
    name = attr.encode(errors="surrogateescape")
    at = data.find(b"setattr")
    while at >= 0:
        m = _SETATTR.match(data, at)
        if m is None or m.group(2) == name:
            return True
        at = data.find(b"setattr", at + 1)
    return False


_IMPORTED = lazy_compile(r"[\w*]+(?:\s+as\s+\w+)?")


def _uses(data: bytes, name: str, statements: list[tuple[str | None, str]]) -> bool:
    """Whether a module names `name` other than where it imports it or lists it as a string
    (`__all__ = ["run"]`)."""
    mentions, quoted = _mentions(data, name.encode(errors="surrogateescape"))
    imported = sum(
        1
        for _, names in statements
        for m in _IMPORTED.finditer(names)
        for w in m.group().split()
        if w == name
    )
    return mentions > quoted + imported


_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_QUOTES = frozenset(b"\"'")
_BEFORE_NAME = _WORD_BYTES | frozenset(b".")  # (what may not come before a name's mention)


def _mentions(data: bytes, word: bytes) -> tuple[int, int]:
    r"""How many times `data` names `word` (not after a word character or a dot, nor before a
    word character), and how many times it holds it quoted (`"word"`, `'word'`), as
    `re.findall` counts them. A word of `\w` bytes is found by `bytes.find` and its
    neighbours looked at: the pattern led by a look-behind was tried at every byte of the text
    (a 13,000-line module, twice per wrapper it imports)."""
    if not word or not all(b in _WORD_BYTES for b in word):
        escaped = re.escape(word)
        return (
            len(re.findall(rb"(?<![\w.])" + escaped + rb"(?!\w)", data)),
            len(re.findall(rb"[\"']" + escaped + rb"[\"']", data)),
        )
    mentions = quoted = 0
    quoted_end = 0  # (a quoted match takes its closing quote: the next starts after it)
    size, length = len(data), len(word)
    at = data.find(word)
    while at >= 0:
        end = at + length
        after = data[end] if end < size else None
        if after not in _WORD_BYTES and (at == 0 or data[at - 1] not in _BEFORE_NAME):
            mentions += 1  # (two such never overlap: a word byte would lead the second)
        if at - 1 >= quoted_end and at and data[at - 1] in _QUOTES and after in _QUOTES:
            quoted += 1
            quoted_end = end + 1
        at = data.find(word, at + 1)
    return mentions, quoted


def _imports_name(names: str, name: str) -> bool:
    """Whether the names of a `from X import names` bind `name` as itself (or all: `*`)."""
    for m in _IMPORTED.finditer(names):
        words = m.group().split()
        if words[0] == "*" or (words[0] == name and words[-1] == name):
            return True
    return False

"""One lint run, top to bottom: discover → prefilter → resolve → match → filter → report.

1. Discovery lists the project (analysis scope) and the files the user named (report scope).
2. A byte scan picks the files that mention a sink; only their statements that mention one are
   parsed and interpreted (`resolver`), which records launch sites and summarises functions.
3. Functions whose parameters reach a launch site are wrappers: files that can call them (by
   name, and through an import of their module or class) are analysed next, until nothing new
   turns up. Values (constants, builders) are resolved on demand wherever they live.
4. Findings in the report scope are filtered by include/exclude, the allowlist and inline
   suppressions, and returned as a `Report`.

Steps 2 and 3 cover the project, or, for a small report scope with no cache to start from, the
files that scope's imports lead to (`cone`).
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.searches import Route, answers, route_to
from frontier_lint.findings import (
    ALLOWED,
    SUPPRESSED,
    FileError,
    Finding,
    Report,
    Summary,
    Unresolved,
)
from frontier_lint.frontend.grammar import Version, check, project_target, target_name
from frontier_lint.frontend.project import DecodeFailure, ParseFailure, Project, decode_source
from frontier_lint.policy import suppressions as supp
from frontier_lint.policy.meta_rules import UNRESOLVED_LAUNCH_SITE, unresolved_finding
from frontier_lint.run.background import Background, can_fork
from frontier_lint.run.cache import (
    NO_STAT,
    Cache,
    CacheData,
    Entry,
    Stat,
    cache_key,
    digest,
    stat_key,
)
from frontier_lint.scan.discovery import discover, may_hold
from frontier_lint.scan.fileio import ReadError, read_regular
from frontier_lint.settings.catalogue import Catalogue
from frontier_lint.settings.config import Config, PatternSet

if TYPE_CHECKING:
    from frontier_lint.dataflow.outcome import FileOutcome
    from frontier_lint.dataflow.propagation import Analysis


@dataclass(frozen=True)
class LintRequest:
    paths: tuple[Path, ...] = ()
    # Editor buffers: root-relative path -> unsaved text (`--stdin-filename`, the language server).
    overrides: Mapping[str, str] | None = None
    # Processes: with more than one, forked children check the launching files' syntax and (on
    # a cold run) read every file's digest while this one resolves values (same results).
    jobs: int = 1
    # With nothing cached to start from, analyse a small report scope within its import cone
    # (and save no cache). A long-lived caller (the language server) turns this off so its first
    # run fills the cache for the edits that follow.
    cone: bool = True
    # Called with (files analysed, files to analyse) while the analysis runs (a progress bar).
    progress: Callable[[int, int], None] | None = None


def lint(
    config: Config, catalogue: Catalogue, request: LintRequest, *, use_cache: bool = True
) -> Report:
    with _young_collections_only():
        return _lint(config, catalogue, request, use_cache=use_cache)


@contextlib.contextmanager
def _young_collections_only() -> Iterator[None]:
    """Keep CPython's cyclic GC to its young generations while a run lasts.

    A run builds a large heap that lives until it ends (parsed trees, summaries, values) and
    makes little cyclic garbage; the full collections CPython triggers as that heap grows
    scanned all of it ten times and freed ~200 objects (1.9 s of a 12 s cold corpus run).
    Young collections still free the short-lived cycles (~120k objects). Restored afterwards:
    the language server lives on between runs."""
    old = gc.get_threshold()
    gc.set_threshold(old[0], old[1], max(old[2], 1_000_000))
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _lint(config: Config, catalogue: Catalogue, request: LintRequest, *, use_cache: bool) -> Report:
    started = time.perf_counter()
    root = config.root
    overrides = dict(request.overrides or {})
    paths = list(request.paths)
    disc = discover(root, [p for p in paths if _rel(p, root) not in overrides])
    # Standard input alone reports only the buffer; no path at all reports the whole project.
    targets = (set(disc.targets) if paths else set()) | set(overrides)
    if not paths and not overrides:
        targets = set(disc.files)
    scripts = set(disc.scripts)
    report_files = sorted(
        t
        for t in targets
        if config.in_frontier(t) or (t in scripts and _script_reported(config, t))
    )
    # What the user named, inside the frontier runtime or not: flows through it are reported.
    named = frozenset(targets)
    # Directories in the report scope that could not be listed: their files are unknown.
    blocked = [
        FileError(d, 1, 1, f"cannot read directory: {why}")
        for d, why in disc.unreadable_targets
        if (paths or not overrides) and may_hold(config.include, config.exclude, d)
    ]
    all_files = sorted(set(disc.files) | set(overrides))
    unmatched = config.unmatched_include(all_files)
    target = project_target(root, config.target_version)
    project = Project(
        root,
        all_files,
        roots=config.roots,
        overrides=overrides,
        max_bytes=config.max_file_size,
        target=target,
    )

    report = partial(
        _report,
        config,
        catalogue,
        project,
        report_files,
        started=started,
        named=named,
        blocked=blocked,
    )
    # (The target version counts as configuration: `requires-python` may name it.)
    key = cache_key(catalogue.digest, f"{config.digest}:{target_name(target)}")
    store = Cache.open(root, key) if use_cache else None
    old = store.load() if store is not None else None
    # Editor buffers stand in for their files in this run only; the cache keeps describing the
    # files on disk (so a buffer is a change, not a different project).
    on_disk = set(all_files) - (set(overrides) - (set(old.files) if old is not None else set()))
    structural = old is None or set(old.files) != on_disk
    # With nothing cached to start from, a small report scope is analysed within the files
    # whose results can depend on it and what they read (`cone`); such a run answers for part
    # of the project and saves no cache.
    cone = _cone(project, named) if structural and request.cone else None
    universe = cone[0] if cone is not None else None

    def read_states() -> _States:
        # A cone grows while it is analysed: its files are listed when they are asked for.
        files = sorted(universe) if universe is not None else all_files
        return _file_states(project, files, old if universe is None else None, overrides)

    # Digests, decode errors and suppression markers: a cold run needs them only once the
    # analysis is done, so with a spare core a forked child reads every file for them beside it.
    states: Background[_States] = Background(
        read_states,
        fork=old is None and universe is None and request.jobs > 1 and len(all_files) >= FORK_FILES,
    )
    if cone is not None:
        entries, _ = _analyse(
            config,
            catalogue,
            project,
            {},
            [],
            states,
            None,
            request.jobs,
            *cone,
            progress=request.progress,
        )
        decode_errors, markers = _file_notes(old, project, states.result()[2])
        return replace(report(entries, decode_errors, markers), unmatched_include=unmatched)
    valid: dict[str, Entry] = {}
    changed: set[str] = set(all_files)
    if old is not None:
        digests = states.result()[0]
        changed = {p for p in digests if p not in old.files or old.files[p][1] != digests[p]}
    if old is not None and not structural:
        valid = {
            f: e
            for f, e in old.entries.items()
            if f not in changed and all(digests.get(d) == h for d, h in e.deps.items())
        }
        valid = _unanswered(valid, project, changed)
    if old is not None and not structural and not changed and len(valid) == len(old.entries):
        entries = old.entries
        wrappers = old.wrappers
    else:
        known = list(old.wrappers) if old is not None and not structural else []
        todo = None
        if old is not None and not structural:
            todo = changed | (set(old.entries) - set(valid))
        routes = _routes(known, project, changed)
        entries, wrappers = _analyse(
            config,
            catalogue,
            project,
            valid,
            known,
            states,
            todo,
            request.jobs,
            progress=request.progress,
            routes=routes,
        )
    digests, stats, fresh = states.result()
    decode_errors, markers = _file_notes(old, project, fresh)
    # Also saved when only the stat data of a file read again changed (a racy file settled, a
    # touched file): the next run then takes its digest on trust instead of reading it again.
    if store is not None and (
        old is None
        or structural
        or changed
        or entries is not old.entries
        or any(old.files.get(p) != (stats[p], digests[p]) for p in fresh if p not in overrides)
    ):
        store.save(
            _to_save(
                old, overrides, all_files, stats, digests, entries, wrappers, decode_errors, markers
            )
        )
    return replace(report(entries, decode_errors, markers), unmatched_include=unmatched)


def _script_reported(config: Config, path: str) -> bool:
    """Whether a named Python script without a `.py` name (`.pyw`, a shebang) is in the
    frontier runtime: selected as its `.py` name would be (`include` patterns name Python
    files by `*.py`), with `exclude` applying to either name."""
    stem = path[: -len(".pyw")] if path.endswith(".pyw") else path
    return config.in_frontier(stem + ".py") and not PatternSet(config.exclude).match(path)


def _to_save(
    old: CacheData | None,
    overrides: Mapping[str, str],
    all_files: list[str],
    stats: Mapping[str, Stat],
    digests: Mapping[str, str],
    entries: Mapping[str, Entry],
    wrappers: list[tuple[str, str, str]],
    decode_errors: Mapping[str, tuple[int, int, str]],
    markers: set[str],
) -> CacheData:
    """What to store: this run's results, except that a file shown from an editor buffer keeps
    what the cache knew of it on disk."""
    files = {p: (stats[p], digests[p]) for p in all_files if p not in overrides}
    kept = {p: e for p, e in entries.items() if p not in overrides}
    errors = {p: v for p, v in decode_errors.items() if p not in overrides}
    marks = {p for p in markers if p not in overrides}
    if old is not None:
        for p in overrides:
            if p in old.files:
                files[p] = old.files[p]
            if p in old.entries:
                kept[p] = old.entries[p]
            if p in old.decode_errors:
                errors[p] = old.decode_errors[p]
            if p in old.markers:
                marks.add(p)
    return CacheData(
        files=files, entries=kept, wrappers=wrappers, decode_errors=errors, markers=sorted(marks)
    )


# Per file: content digest; stat data to record; and for the files read, (decode or read error,
# whether the file mentions `frontier-lint`).
_States = tuple[
    dict[str, str],
    dict[str, Stat],
    dict[str, tuple[tuple[int, int, str] | None, bool]],
]
# The digest of a file that could not be read: matches no content, so whatever was resolved
# from it is resolved again once it can be read.
UNREADABLE = "unreadable"


def _file_notes(
    old: CacheData | None,
    project: Project,
    fresh: Mapping[str, tuple[tuple[int, int, str] | None, bool]],
) -> tuple[dict[str, tuple[int, int, str]], set[str]]:
    """Undecodable files and files that may hold suppression comments: remembered in the cache
    with their digest, so a warm run reads no source."""
    decode_errors: dict[str, tuple[int, int, str]] = {}
    markers: set[str] = set()
    if old is not None:
        decode_errors = {p: e for p, e in old.decode_errors.items() if p not in fresh}
        markers = {p for p in old.markers if p not in fresh and p in project.files}
    for path, (error, marked) in fresh.items():
        if error is not None:
            decode_errors[path] = error
        if marked:
            markers.add(path)
    return decode_errors, markers


def _file_states(
    project: Project, files: list[str], old: CacheData | None, overrides: Mapping[str, str]
) -> _States:
    """Content digests, read only for files whose stat data changed since the cache (or was
    recorded as racy); for the files read, whether they decode and whether they mention
    `frontier-lint` (one read). A file that cannot be read (permissions, not a regular file,
    over `max-file-size`) gets its error here, every run: its state is never recorded."""
    digests: dict[str, str] = {}
    stats: dict[str, Stat] = {}
    fresh: dict[str, tuple[tuple[int, int, str] | None, bool]] = {}
    # (joined by concatenation: os.path.join was a quarter of this loop's time on a warm run)
    base = os.path.join(str(project.root), "")
    cap = project.max_bytes
    now = time.time_ns()  # before any file is looked at: see `stat_key`
    for path in files:
        if path in overrides:
            data = overrides[path].encode("utf-8", "surrogatepass")
            digests[path] = digest(data)
            stats[path] = NO_STAT
            fresh[path] = (None, b"frontier-lint" in data)
            continue
        cached = old.files.get(path) if old is not None else None
        if cached is not None:  # (NO_STAT, a size of -1, matches no file)
            try:
                st = os.stat(base + path)
            except OSError:
                pass
            else:
                # (cache.current_stat, inlined: this runs for every file of a warm run)
                if cached[0] == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino) and (
                    st.st_size <= cap
                ):
                    digests[path], stats[path] = cached[1], cached[0]
                    continue
        try:
            data, st = read_regular(base + path, cap)
        except ReadError as exc:
            digests[path], stats[path] = UNREADABLE, NO_STAT
            fresh[path] = ((1, 1, str(exc)), False)
            continue
        digests[path] = digest(data)
        stats[path] = stat_key(st, now)
        error = None
        try:
            decode_source(data, path)
        except DecodeFailure as exc:
            message = (
                exc.message if exc.message.startswith("cannot") else f"cannot decode: {exc.message}"
            )
            error = (exc.line, exc.column, message)
        fresh[path] = (error, b"frontier-lint" in data)
    return digests, stats, fresh


def _analyse(
    config: Config,
    catalogue: Catalogue,
    project: Project,
    valid: dict[str, Entry],
    known: list[tuple[str, str, str]],
    states: Background[_States],
    todo: set[str] | None,
    jobs: int = 1,
    universe: set[str] | None = None,
    report_files: Iterable[str] = (),
    progress: Callable[[int, int], None] | None = None,
    routes: Mapping[str, set[Route]] | None = None,
) -> tuple[dict[str, Entry], list[tuple[str, str, str]]]:
    """Analyse what the cache cannot answer; per-file entries for every analysed file.

    todo: the files to analyse (changed ones and those whose cached results went stale), or
    None for all. Unchanged files that had nothing to report need no second look, unless a new
    wrapper turns up that they call (`propagate_wrappers` finds those).
    universe: analyse only these files (the report files' cone), growing it where the analysis
    reads beyond it or a wrapper in `report_files` may be called from outside it.
    routes: cached wrappers whose callers are looked for again in the whole project, with how
    a changed file may lead other files to them (`searches.route_to`).
    """
    paths = sorted(universe) if universe is not None else all_paths(project)
    skip = set(paths) - todo if todo is not None else set(valid)
    routes = routes or {}
    if todo is not None and not routes and not _may_matter(project, catalogue, todo, known):
        # The files to look at name no launch API and no known wrapper (the analysis would
        # select nothing in them): keep the cached results, parse nothing, import no libcst.
        kept = {p: e for p, e in valid.items() if p in skip}
        return kept, sorted(w for w in known if FuncId.parse(w[0]).path in skip)

    # libcst is imported only when needed
    from frontier_lint.dataflow.propagation import Analysis, Wrapper

    run = Analysis(config, catalogue, project, universe)
    cached = [Wrapper.from_row(w) for w in known]
    run.follow(cached)
    todo_paths = [p for p in paths if p not in skip]
    for done, path in enumerate(todo_paths, 1):
        run.analyse_file(path, cached)
        if progress is not None:
            progress(done, len(todo_paths))
    background = _SyntaxChecks(project, sorted(run.launch_files - set(project.overrides)), jobs)
    seen = {w.func for w in cached}
    if routes:
        scanned = {p: e.scanned for p, e in valid.items()}
        derived = [
            FuncId.parse(fid) for fid, how in sorted(routes.items()) if Route.SUBCLASS in how
        ]
        again = [FuncId.parse(fid) for fid in sorted(routes)]
        run.find_callers_again(again, skip, cached, scanned, derived)
    run.propagate_wrappers(seen, skip, cached)
    if universe is not None:
        _grow(run, project, universe, set(report_files), seen)
    for path in run.invalidated:
        valid.pop(path, None)

    checked = background.results()
    digests = states.result()[0]
    fresh = {
        path: _entry(outcome, digests, checked, project)
        for path, outcome in run.outcomes(answered=set(valid)).items()
    }
    entries = {**{p: e for p, e in valid.items() if p in skip}, **fresh}
    return entries, sorted(w.row for w in run.wrappers_to_keep(cached, skip))


def _entry(
    outcome: FileOutcome,
    digests: Mapping[str, str],
    checked: Mapping[str, ParseFailure | None],
    project: Project,
) -> Entry:
    """A file's cache entry: what the analysis found in it, with the digests of the files its
    results were resolved from, and its error (FL201 or a syntax error CPython reports)."""
    path = outcome.path
    entry = Entry(
        deps={d: digests[d] for d in outcome.deps if d in digests},
        sites=outcome.sites,
        findings=outcome.findings,
        unresolved=outcome.unresolved,
        calls=outcome.calls,
        open_sites=outcome.open_sites,
        open_findings=outcome.open_findings,
        searches=list(outcome.searches),
        scanned=list(outcome.scanned),
    )
    # A statement of this file's launches that CPython rejects. (One read for a value by
    # another file leaves that file's launch unresolved; this file is an error if it can
    # launch, below, as a run on it alone would say.)
    pf = outcome.parse_error
    # CPython's parser on the files that can launch (or were reported on); files read only
    # for values or as possible callers are checked only where the analysis parsed them.
    if pf is None and (outcome.launches or entry.findings or entry.unresolved):
        pf = checked[path] if path in checked else _syntax_error(project, path)
    if pf is not None:
        entry.error = FileError(path, pf.line, pf.column, f"cannot parse: {pf.message}")
    elif outcome.internal_error is not None:
        entry.error = outcome.internal_error
    entry.checked = outcome.launches
    return entry


def _unanswered(entries: dict[str, Entry], project: Project, changed: set[str]) -> dict[str, Entry]:
    """The cached entries no changed file answers a search of: one whose results came from a
    search of the project by name (`searches`) is stale when a changed file matches it now,
    although none of the files its results were read from changed. (Only changed files are
    read: a warm run with nothing changed reads nothing.)"""
    asked = {s for e in entries.values() for s in e.searches}
    if not asked or not changed:
        return entries
    answered = {s for p in changed for data in (project.raw(p),) for s in asked if answers(s, data)}
    if not answered:
        return entries
    return {p: e for p, e in entries.items() if answered.isdisjoint(e.searches)}


def _routes(
    known: list[tuple[str, str, str]], project: Project, changed: set[str]
) -> dict[str, set[Route]]:
    """The cached wrappers a changed file may lead other files to, and how (a module importing
    or a package re-exporting one, a holder of an instance of its class, a subclass: see
    `searches.route_to`). Their callers are looked for again."""
    out: dict[str, set[Route]] = {}
    if not known:
        return out  # (a cold run: nothing to read the changed files for)
    for path in sorted(changed):
        data = project.raw(path)
        for fid, _, _ in known:
            how = route_to(FuncId.parse(fid), path, data, project)
            if how is not None:
                out.setdefault(fid, set()).add(how)
    return out


# A cold run of at least this many files reads them for digests in a child (below it the
# reads cost less than a fork).
FORK_FILES = 500

# A cone at least this share of the project is analysed as the whole project.
CONE_SHARE = 0.5


def _cone(project: Project, named: frozenset[str]) -> tuple[set[str], set[str]] | None:
    """For a small report scope: the files to analyse, and among them the files whose results
    can depend on the named ones (where a flow through them can launch: `cone.dependents`).
    The files to analyse are those and every file they read (`cone.closure`). None for the
    whole project (no small scope, or a cone so big that the whole analysis costs about the
    same and fills the cache)."""
    if not named:
        return set(), set()
    if len(named) >= len(project.files):
        return None
    from frontier_lint.frontend.cone import closure, dependents

    most = CONE_SHARE * len(project.files)
    reach = dependents(project, named, most)
    if reach is None:
        return None
    universe = closure(project, reach)
    return (universe, reach) if len(universe) < most else None


def _grow(
    run: Analysis, project: Project, universe: set[str], report: set[str], seen: set[FuncId]
) -> None:
    """Widen a cone analysis until nothing outside the cone can change the results of the
    files in `report` (the named files and the files that can read them): files the resolver
    read beyond the cone (the import reading fell short), and files that may call a wrapper
    defined in `report` (such a caller reads it, and so can launch what flows through it; an
    uncalled wrapper's launch would be reported as waiting for a caller). A caller joins
    `report`, with the files that can read it."""
    from frontier_lint.frontend.cone import closure, dependents

    while True:
        missing = project.opened - universe
        wrappers = [w for w in run.current_wrappers() if w.func.path in report]
        if wrappers:
            callers = run.caller_candidates(sorted(project.files - universe), wrappers).keys()
            if callers:
                grown = dependents(project, callers) or set()
                report |= grown
                missing |= grown - universe
        if not missing:
            return
        new = closure(project, missing) - universe
        universe |= new
        for path in sorted(new):
            run.analyse_file(path, run.current_wrappers())
        run.propagate_wrappers(seen, set(), [])


def _may_matter(
    project: Project, catalogue: Catalogue, paths: set[str], known: list[tuple[str, str, str]]
) -> bool:
    """Whether any of `paths` may launch or call a known wrapper (the analysis's own byte
    gates, without the analysis)."""
    from frontier_lint.scan.prefilter import WrapperGates, may_launch, sink_words

    words = sink_words(catalogue)
    gates = WrapperGates(
        (FuncId.parse(fid).path, name, gate.split("|")) for fid, name, gate in known
    )
    for path in paths:
        data = project.raw(path)
        if may_launch(data, words) or gates.wanted(data, path):
            return True
    return False


def all_paths(project: Project) -> list[str]:
    return sorted(project.files)


def _syntax_error(project: Project, path: str) -> ParseFailure | None:
    """CPython's own verdict on a file the analysis read (a chunk libcst never needed may
    still hide a Python 2 statement): the gate fails closed on what it could not read."""
    src = project.source(path)
    if src is None:
        return None
    pieces = (src.line_text(c.start, c.end) for c in src.chunks)
    return _first_syntax_error(path, src.text, pieces, project.target)


def _first_syntax_error(
    path: str, text: str, statements: Iterable[str], target: Version
) -> ParseFailure | None:
    """Top-level statements are compiled one by one (4x faster than the module at once on the
    corpus); the good ones are remembered for the life of the process (`grammar.check`), so
    the statements the analysis parsed are not compiled again, and an editor's re-run after an
    edit compiles one statement, not the module."""
    for piece in statements:
        if check(piece, target).rejected is not None:
            return _compile_file(text, path, target)  # the whole module has the last word
    return None


class _SyntaxChecks:
    """CPython syntax checks of the launching files in forked children (one per extra job),
    started before the (long) wrapper propagation and collected after it. With one job, little
    source, or no child to be had, nothing runs here and the checks happen in-process (where
    unchanged statements are remembered)."""

    # Checks run at ~7 MB/s; below this a child's fork and answer cost about what it saves.
    MIN_BYTES = 100_000

    def __init__(self, project: Project, paths: list[str], jobs: int) -> None:
        self._parts: list[Background[dict[str, tuple[int, int, str] | None]]] = []
        if jobs <= 1 or not can_fork() or _size(project, paths) < self.MIN_BYTES:
            return
        root, target = str(project.root), project.target
        n = jobs - 1  # this process keeps analysing
        self._parts = [
            Background(partial(_check_files, root, paths[i::n], project.max_bytes, target))
            for i in range(n)
        ]

    def results(self) -> dict[str, ParseFailure | None]:
        out: dict[str, ParseFailure | None] = {}
        for part in self._parts:
            for path, error in part.result().items():
                out[path] = ParseFailure(path, *error) if error is not None else None
        return out


def _size(project: Project, paths: list[str]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += (project.root / path).stat().st_size
    return total


def _check_files(
    root: str, paths: list[str], cap: int, target: Version
) -> dict[str, tuple[int, int, str] | None]:
    """Worker: CPython's verdict on each file (None when it compiles)."""
    from frontier_lint.scan.chunks import line_starts, lines_between, split_chunks

    out: dict[str, tuple[int, int, str] | None] = {}
    for path in paths:
        try:
            data, _ = read_regular(os.path.join(root, path), cap)
            text = decode_source(data, path)
        except (ReadError, DecodeFailure):
            continue  # reported as a read or decode error elsewhere
        starts = line_starts(text)
        pieces = (lines_between(text, starts, c.start, c.end) for c in split_chunks(text))
        failure = _first_syntax_error(path, text, pieces, target)
        out[path] = (failure.line, failure.column, failure.message) if failure else None
    return out


def _compile_file(text: str, path: str, target: Version) -> ParseFailure | None:
    rejected = check(text, target).rejected
    if rejected is None:
        return None
    return ParseFailure(path, rejected.line, rejected.column, rejected.message)


def _report(
    config: Config,
    catalogue: Catalogue,
    project: Project,
    report_files: list[str],
    entries: Mapping[str, Entry],
    decode_errors: Mapping[str, tuple[int, int, str]],
    markers: set[str],
    started: float,
    named: frozenset[str] = frozenset(),
    blocked: Iterable[FileError] = (),
) -> Report:
    errors: list[FileError] = list(blocked)
    called = {c for e in entries.values() for c in e.calls}
    findings_by_key: dict[tuple[str, int, int, str, str], Finding] = {}
    unresolved_by_key: dict[tuple[str, int, int, str], Unresolved] = {}
    sites = 0
    flows = _flow_files(config, report_files, entries, named)
    report_files = sorted({*report_files, *flows})
    for path in report_files:
        if path in decode_errors:
            errors.append(FileError(path, *decode_errors[path]))
            continue
        entry = entries.get(path)
        if entry is None:
            continue
        if entry.error is not None:
            errors.append(entry.error)
            continue
        sites += entry.sites
        for f in entry.findings:
            findings_by_key.setdefault(f.sort_key, f)
        for u in entry.unresolved:
            unresolved_by_key.setdefault(u.sort_key, u)
        for fid, u in entry.open_sites:
            if fid not in called:
                unresolved_by_key.setdefault(u.sort_key, u)
        for fid, f in entry.open_findings:
            if fid not in called:
                findings_by_key.setdefault(f.sort_key, f)
    flagged = {(k[0], k[1], k[2]) for k in findings_by_key}
    # Unresolved sites go through the allowlist and the suppressions as findings of FL200 (an
    # entry or a comment naming FL200 excuses one); those left stay unresolved.
    standing = {
        id(f): (f, u)
        for k, u in unresolved_by_key.items()
        if (k[0], k[1], k[2]) not in flagged
        for f in (unresolved_finding(u),)
    }
    visible: list[Finding] = []
    hidden: list[Finding] = []
    for f in [*findings_by_key.values(), *(f for f, _ in standing.values())]:
        allow = config.allow_entry(f.path, f.program, f.rule)
        if allow is not None:
            hidden.append(
                replace(f, status=ALLOWED, note=allow.reason or f"allowed by {allow.pattern}")
            )
        else:
            visible.append(f)

    # Inline suppressions, in every reported file that has any.
    sups: dict[str, list[supp.Suppression]] = {}
    malformed: list[Finding] = []
    has_error = {e.path for e in errors}
    for path in report_files:
        if path in has_error or path not in markers:
            continue
        src = project.source(path)
        if src is None:
            continue
        found, bad = supp.scan(
            src.text,
            path,
            known_rules=[*(r.id for r in catalogue.rules), UNRESOLVED_LAUNCH_SITE],
            known_programs=catalogue.programs,
        )
        sups[path] = found
        malformed.extend(bad)
    kept, suppressed, reports = supp.apply(visible, sups, require_reason=config.require_reason)
    hidden.extend(
        replace(f, status=SUPPRESSED) if f.status != SUPPRESSED else f for f in suppressed
    )
    unresolved = sorted(
        (standing[id(f)][1] for f in kept if id(f) in standing), key=lambda u: u.sort_key
    )
    kept = [f for f in kept if id(f) not in standing]
    final = sorted([*kept, *reports, *malformed], key=lambda f: f.sort_key)
    if flows:
        final = [_via(f, flows, named) for f in final]
        hidden = [_via(f, flows, named) for f in hidden]
        unresolved = [replace(u, via=flows[u.path]) if u.path in flows else u for u in unresolved]
    if not config.selection.everything:  # `select` / `ignore`: leave out the rules not chosen
        final = [f for f in final if config.selection.enabled(f.rule)]
        hidden = [f for f in hidden if config.selection.enabled(f.rule)]
    summary = Summary(
        files=len(report_files),
        launch_sites=sites,
        violations=len([f for f in final if f.program is not None]),
        unresolved=len(unresolved),
        allowed=len([f for f in hidden if f.status == ALLOWED]),
        suppressed=len([f for f in hidden if f.status == SUPPRESSED]),
        parse_errors=len(errors),
    )
    return Report(
        findings=tuple(final),
        unresolved=tuple(unresolved),
        errors=tuple(sorted(errors, key=lambda e: e.sort_key)),
        summary=summary,
        hidden=tuple(sorted(hidden, key=lambda f: f.sort_key)),
        elapsed=time.perf_counter() - started,
    )


def _flow_files(
    config: Config,
    report_files: list[str],
    entries: Mapping[str, Entry],
    named: frozenset[str],
) -> dict[str, tuple[str, ...]]:
    """The files of the frontier runtime outside the report files whose results flow through
    a named file: their results were resolved from it (`Entry.deps`, exactly what a change of
    it invalidates in the cache), or a finding's trace passes through it. Each with the named
    files it depends on. Such a file is reported on whole (so its suppressions and baseline
    fingerprints count as in a run on the project): a run on some files reports a part of
    what a run on the project reports, and every flow through them in it."""
    out: dict[str, tuple[str, ...]] = {}
    if not named:
        return out
    reported = set(report_files)
    for path, entry in entries.items():
        if path in reported:
            continue
        via = set(named.intersection(entry.deps))
        for f in (*entry.findings, *(f for _, f in entry.open_findings)):
            via.update(h.path for h in f.trace if h.path in named)
        if via and config.in_frontier(path):
            out[path] = tuple(sorted(via))
    return out


def _via(f: Finding, flows: Mapping[str, tuple[str, ...]], named: frozenset[str]) -> Finding:
    """A finding in a file reported for a flow through named files, with the named files it
    passes through: those its trace shows, else those its file's results were resolved from."""
    if f.path not in flows:
        return f
    shown = sorted({h.path for h in f.trace if h.path in named})
    return replace(f, via=tuple(shown) or flows[f.path])


def _rel(p: Path, root: Path) -> str:
    try:
        return p.resolve().relative_to(root).as_posix()
    except ValueError:
        return p.as_posix()

"""The analysis of what the cache cannot answer: the dataflow analysis run over the files to
look at (or a cone of them, grown until nothing outside can change its results), and each
analysed file's cache entry."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.searches import Route
from frontier_lint.findings import FileError
from frontier_lint.frontend.project import ParseFailure, Project
from frontier_lint.run import collector
from frontier_lint.run.background import Background, can_fork
from frontier_lint.run.cache import Entry
from frontier_lint.run.incremental import States, byte_gate
from frontier_lint.run.syntax import SyntaxChecks, syntax_error
from frontier_lint.scan.prefilter import (
    LaunchScan,
    launch_scan_split,
    sink_renames,
    sink_words,
)
from frontier_lint.settings.catalogue import Catalogue
from frontier_lint.settings.config import Config

if TYPE_CHECKING:
    from frontier_lint.dataflow.outcome import FileOutcome
    from frontier_lint.dataflow.propagation import Analysis
    from frontier_lint.run.textindex import IndexStore
    from frontier_lint.scan.chunks import Chunk


def analyse_project(
    config: Config,
    catalogue: Catalogue,
    project: Project,
    valid: dict[str, Entry],
    known: list[tuple[str, str, str]],
    states: Background[States],
    todo: set[str] | None,
    jobs: int = 1,
    universe: set[str] | None = None,
    report_files: Iterable[str] = (),
    progress: Callable[[int, int], None] | None = None,
    routes: Mapping[str, set[Route]] | None = None,
    early: Callable[[str], LaunchScan | None] | None = None,
    index: IndexStore | None = None,
    saving: bool = True,
) -> tuple[dict[str, Entry], list[tuple[str, str, str]]]:
    """Analyse what the cache cannot answer; per-file entries for every analysed file.

    todo: the files to analyse (changed ones and those whose cached results went stale), or
    None for all. Unchanged files that had nothing to report need no second look, unless a new
    wrapper turns up that they call (`propagate_wrappers` finds those).
    universe: analyse only these files (the report files' cone), growing it where the analysis
    reads beyond it or a wrapper in `report_files` may be called from outside it.
    routes: cached wrappers whose callers are looked for again in the whole project, with how
    a changed file may lead other files to them (`searches.route_to`).
    early: the cone's files scanned for launches by a child already (`engine._cone_beside`).
    index: the text index the cache kept (`run.textindex`), taken where a search needs it, and
    given the index this analysis made (`IndexStore.built`).
    saving: whether the run saves a cache of the entries (split only with `split.SAVES`).
    """
    paths = sorted(universe) if universe is not None else all_paths(project)
    skip = set(paths) - todo if todo is not None else set(valid)
    routes = routes or {}
    if todo is not None and not routes and not _may_matter(project, catalogue, todo, known):
        # The files to look at name no launch API and no known wrapper (the analysis would
        # select nothing in them): keep the cached results, parse nothing, import no libcst.
        kept = {p: e for p, e in valid.items() if p in skip}
        return kept, sorted(w for w in known if FuncId.parse(w[0]).path in skip)
    cone = universe is not None and not known and not routes and not valid
    if cone and not _may_matter(project, catalogue, set(paths), [], early):
        # A cone (no cache) in which no file can launch: there is no launch site to start
        # from, so no wrapper, no value read and nothing outside to grow into (`_grow` widens
        # only for what the analysis read or found); every file's analysis would select
        # nothing (`Analysis._analyse_file` gates on the same `may_launch`). A pre-commit run
        # on such files parses nothing and imports no libcst.
        return {}, []
    # A cone's files are scanned for launches (plain data) in a child forked now, while this
    # process imports libcst and the analysis (a quarter of a pre-commit run).
    if early is None and cone:
        early = _early_scans(project, catalogue, paths, jobs)

    # A cold run of the whole project, with a spare core: the files that may launch analysed
    # in shares, one per job (`run.split`). A run that saves a cache only with `split.SAVES`:
    # on the corpus a split's entries still record other deps than one process's for a few
    # files (fewer for some: a later edit of one would not make them stale).
    if (
        jobs > 1
        and todo is None
        and universe is None
        and not valid
        and not known
        and not routes
        and (index is None or not index.kept)
        and can_fork()
    ):
        from frontier_lint.run import split

        parts = split.shares(project, catalogue, paths, jobs) if split.SAVES or not saving else []
        if parts:
            return _analyse_split(config, catalogue, project, states, parts, jobs, progress, index)

    # A cold run's text index, scanned in a child forked now (before libcst is imported here).
    if index is not None and todo is None and universe is None:
        index.scan_beside(project, jobs)

    # libcst is imported only when needed
    from frontier_lint.dataflow.propagation import Analysis, Wrapper

    collector.analysis_starts()
    run = Analysis(config, catalogue, project, universe)
    hierarchy = run.analyzer.hierarchy
    if index is not None:
        from frontier_lint.dataflow.hierarchy import scan_index

        hierarchy.prior = partial(
            index.prior,
            project.files,
            lambda: states.result()[0],
            set(project.overrides),
            partial(scan_index, project),
        )
    if jobs > 1:  # children scan files' bytes beside the analysis (`shards`)
        from frontier_lint.run.shards import Split

        run.ahead = Split(project, jobs).ahead
    cached = [Wrapper.from_row(w) for w in known]
    run.follow(cached)
    todo_paths = [p for p in paths if p not in skip]
    run.defer_reexports(cached)
    run.scan_ahead(todo_paths, early)
    # A cone's files that may launch are known from its child's scans before the first pass:
    # their syntax checks start now, beside it (started after it, the pre-commit module's
    # check was still running when the rest of the analysis was done, and was waited for).
    ahead: list[str] = []
    if early is not None and cone:
        ahead = [p for p in todo_paths if _may_launch(early(p)) and p not in project.overrides]
    checks = [SyntaxChecks(project, ahead, jobs)] if ahead else []
    for done, path in enumerate(todo_paths, 1):
        run.analyse_file(path, cached)
        if progress is not None:
            progress(done, len(todo_paths))
    # (The launching files the scans did not foresee, checked as before.)
    rest = run.launch_files - set(project.overrides) - set(ahead)
    if rest or not checks:
        checks.append(SyntaxChecks(project, sorted(rest), jobs))
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
    run.searches_done()  # (the last search is done: its memos make room for what follows)
    for path in run.invalidated:
        valid.pop(path, None)

    if index is not None:
        index.built = hierarchy.built_index()
        index.finished()
    checked = {path: got for background in checks for path, got in background.results().items()}
    digests = states.result()[0]
    fresh = {
        path: _entry(outcome, digests, checked, project)
        for path, outcome in run.outcomes(answered=set(valid)).items()
    }
    entries = {**{p: e for p, e in valid.items() if p in skip}, **fresh}
    return entries, sorted(w.row for w in run.wrappers_to_keep(cached, skip))


def _analyse_split(
    config: Config,
    catalogue: Catalogue,
    project: Project,
    states: Background[States],
    parts: list[list[str]],
    jobs: int,
    progress: Callable[[int, int], None] | None,
    index: IndexStore | None = None,
) -> tuple[dict[str, Entry], list[tuple[str, str, str]]]:
    """`analyse_project` of a cold run of the whole project, its launching files analysed in shares
    (`run.split`): the entries the report is made of and a cache keeps (with the text index
    this process's share made, `index`)."""
    from frontier_lint.run.split import analyse_split

    collector.analysis_starts()
    part = analyse_split(config, catalogue, project, parts, jobs, progress, index)
    digests = states.result()[0]
    entries = {
        path: _entry(outcome, digests, part.checked, project)
        for path, outcome in part.outcomes.items()
    }
    return entries, part.wrappers


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
        pf = checked[path] if path in checked else syntax_error(project, path)
    if pf is not None:
        entry.error = FileError(path, pf.line, pf.column, f"cannot parse: {pf.message}")
    elif outcome.internal_error is not None:
        entry.error = outcome.internal_error
    entry.checked = outcome.launches
    return entry


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


def _may_launch(scan: LaunchScan | None) -> bool:
    """Whether a child's launch scan says the analysis may select launch statements in the
    file (`Analysis._analyse_file`: it may launch, and its sink pattern matches in code)."""
    return scan is not None and scan.may and bool(scan.pattern) and bool(scan.lines)


def _may_matter(
    project: Project,
    catalogue: Catalogue,
    paths: set[str],
    known: list[tuple[str, str, str]],
    early: Callable[[str], LaunchScan | None] | None = None,
) -> bool:
    """Whether any of `paths` may launch or call a known wrapper (the analysis's own byte
    gates, without the analysis). `early`: the files' launch scans a child made (no wrapper is
    known then): its `may` is the gate's answer, not scanned again here."""
    gate = byte_gate(project, catalogue, known)

    def may(path: str) -> bool:
        scan = early(path) if early is not None and not known else None
        return scan.may if scan is not None else gate(path)

    return any(may(path) for path in sorted(paths))


# Below this many bytes of the cone's files, their scan costs less than a fork (~2 ms).
EARLY_SCAN_BYTES = 100_000


def _early_scans(
    project: Project, catalogue: Catalogue, paths: list[str], jobs: int
) -> Callable[[str], LaunchScan | None] | None:
    """Each of `paths`'s `LaunchScan`, started in a forked child before the analysis (and
    libcst) is imported here; None when there is no spare job, no fork to be had, or too
    little to scan. A path the child gave no answer for is scanned by the analysis itself.
    The child sends the line starts and chunks it split a text into as well: the analysis,
    which selects statements by them, does not split it again (`Project.presplit`)."""
    if jobs <= 1 or not can_fork():
        return None
    # (The bytes were read to gate the same files: `_may_matter`.)
    if sum(len(project.raw(p)) for p in paths) < EARLY_SCAN_BYTES:
        return None
    child = Background(partial(launch_scans, project, catalogue, paths))
    if not child.forked:
        return None  # (the analysis scans them as it goes, as without a child)
    return lambda path: known_scan(project, child.result(), path)


def known_scan(project: Project, scans: Scans, path: str) -> LaunchScan | None:
    """The `LaunchScan` a child answered for `path` (None: none), its split of the text kept
    for the source the analysis makes of it."""
    got = scans.get(path)
    if got is None:
        return None
    scan, split = got
    if split is not None and not project.loaded(path):
        project.presplit[path] = split
    return scan


# A child's launch scans: path -> its scan, and the split of a text the analysis selects from.
Scans = dict[str, tuple[LaunchScan, "tuple[list[Chunk], list[int]] | None"]]


def launch_scans(project: Project, catalogue: Catalogue, paths: Iterable[str]) -> Scans:
    """Worker: `launch_scan` of each path (with a launch file's `LaunchScan.renamed`), with the
    split of the texts whose statements the analysis will select (a path whose scan fails is
    left to the analysis, which contains the error as it would have)."""
    words, sinks, renames = sink_words(catalogue), catalogue.launch_names, sink_renames(catalogue)
    out: Scans = {}
    for path in paths:
        with contextlib.suppress(Exception):
            scan, split = launch_scan_split(
                project.raw(path), partial(project.text, path), words, sinks, renames
            )
            kept = (split.chunks, split.starts) if split is not None and scan.lines else None
            out[path] = (scan, kept)
    return out


def all_paths(project: Project) -> list[str]:
    return sorted(project.files)

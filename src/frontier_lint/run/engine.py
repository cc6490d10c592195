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
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from frontier_lint.findings import FileError, Report
from frontier_lint.frontend.grammar import project_target, target_name
from frontier_lint.run.background import Background, can_fork
from frontier_lint.run.early import Early, stat_data
from frontier_lint.run.keys import CACHE_DIR, cache_key, cache_name, machine_key
from frontier_lint.run.recall import Recall, project_state, settings_of
from frontier_lint.scan.discovery import Discovery, discover, may_hold

if TYPE_CHECKING:
    from frontier_lint.frontend.project import Project
    from frontier_lint.run.analyse import Scans
    from frontier_lint.run.cache import Block, Cache, Code, Entry, Loading
    from frontier_lint.run.incremental import States, _Moved
    from frontier_lint.run.textindex import Plain
    from frontier_lint.scan.prefilter import LaunchScan
    from frontier_lint.settings.catalogue import Catalogue
    from frontier_lint.settings.config import Config


@dataclass(frozen=True)
class LintRequest:
    """What one run is asked for besides the configuration."""

    paths: tuple[Path, ...] = ()
    # Editor buffers: root-relative path -> unsaved text (`--stdin-filename`, the language server).
    overrides: Mapping[str, str] | None = None
    # Processes: with more than one, forked children check the launching files' syntax, (on a
    # cold run) read every file's digest and scan a share of the files' bytes (`shards`) while
    # this one resolves values (same results).
    jobs: int = 1
    # With nothing cached to start from, analyse a small report scope within its import cone
    # (and save no cache). A long-lived caller (the language server) turns this off so its first
    # run fills the cache for the edits that follow.
    cone: bool = True
    # Called with (files analysed, files to analyse) while the analysis runs (a progress bar).
    progress: Callable[[int, int], None] | None = None
    # Discovery started before the analysis was imported (`run.early`): used when it was
    # started for this run's paths and located this run's root.
    early: Early | None = None
    # Takes the cache's save (records, file, remembered report) for the caller to run once its
    # report is written (the command line: in a child it leaves behind, `run.behind`); None:
    # saved before `lint` returns.
    defer: Callable[[Callable[[], None]], None] | None = None


def lint(
    config: Config, catalogue: Catalogue, request: LintRequest, *, use_cache: bool = True
) -> Report:
    defer = request.defer
    deferred: list[Callable[[], None]] = []
    if defer is not None:
        request = replace(request, defer=deferred.append)
    with _young_collections_only():
        try:
            return _lint(config, catalogue, request, use_cache=use_cache)
        finally:
            if defer is not None and deferred:
                # (The save reads the run's values: they are let go of once it is made.)
                defer(partial(_in_turn, (*deferred, _forget_run_values)))
            else:
                _forget_run_values()


def _in_turn(work: tuple[Callable[[], None], ...]) -> None:
    for step in work:
        step()


def _forget_run_values() -> None:
    """Let go of the values the analysis remembered by identity in tables outliving the run
    (`lazy.forget_values`): a long process (the language server's analysis child, the test
    suite) kept every run's last few thousand values, and the trees they hold, to the next."""
    lazy = sys.modules.get("frontier_lint.dataflow.lazy")
    if lazy is not None:  # (not imported: no analysis ran, nothing was remembered)
        lazy.forget_values()


@contextlib.contextmanager
def _young_collections_only() -> Iterator[None]:
    """Keep CPython's cyclic GC to its young generations while a run lasts.

    A run builds a large heap that lives until it ends (parsed trees, summaries, values) and
    makes little cyclic garbage; the full collections CPython triggers as that heap grows
    scanned all of it ten times and freed ~200 objects (1.9 s of a 12 s cold corpus run).
    Young collections still free the short-lived cycles (~120k objects). Restored afterwards:
    the language server lives on between runs.

    A run's heap is garbage once it ends, most of it in reference cycles (the analyzer and its
    scopes, hierarchy and frames refer to one another): only a full collection frees it. In a
    process running one lint after another (the language server's analysis child, the test
    suite) CPython's own full collection was put off run after run (and `cli` freezing the heap
    resets its counts): the garbage of every run piled up (the test suite's process reached
    2 GB; one fuzz test's ~30 runs left 270,000 objects to collect). So a run that starts where
    an earlier one ended collects first when the heap grew by a quarter since the last such
    collection (CPython's own rule for full collections, on allocated blocks: a count, not a
    walk). The first run of a process (the command line's only one) never does."""
    global _heap_after_collection
    if _heap_after_collection == 0:
        _heap_after_collection = sys.getallocatedblocks()  # (the first run: nothing to free)
    elif sys.getallocatedblocks() > _heap_after_collection * 5 // 4:
        gc.collect()
        _heap_after_collection = sys.getallocatedblocks()
    old = gc.get_threshold()
    gc.set_threshold(old[0], old[1], max(old[2], 1_000_000))
    try:
        yield
    finally:
        gc.set_threshold(*old)


# Blocks allocated after the last full collection a run started with (`_young_collections_only`);
# 0 before the first run.
_heap_after_collection = 0


def _lint(config: Config, catalogue: Catalogue, request: LintRequest, *, use_cache: bool) -> Report:
    started = time.perf_counter()
    root = config.root
    overrides = dict(request.overrides or {})
    paths = list(request.paths)
    # (The target version counts as configuration: `requires-python` may name it.)
    target = project_target(root, config.target_version)
    key = cache_key(catalogue.digest, f"{config.digest}:{target_name(target)}")
    # The cache's secret (None: no cache, none asked for or no key to be kept).
    secret = machine_key() if use_cache else None
    # A run of the project as it is on disk may answer with the report it made last time.
    recall = (
        Recall(root / CACHE_DIR, key, secret, root / CACHE_DIR / cache_name(key))
        if secret is not None and not overrides
        else None
    )
    if secret is not None:
        # A save an earlier command left to a child (`run.behind`) may still be writing: read
        # what it writes, not the cache before it (a lock file's shared `flock`: at once when
        # none is held).
        from frontier_lint.run.behind import wait

        wait(root / CACHE_DIR)
    remembered = recall.load() if recall is not None else None
    # While the child started early still lists the project, the cache is loaded, a stage at a
    # time: time this process would spend waiting for it, and every run the remembered report
    # does not answer loads it next (a one-file edit). Once the child has answered, the load
    # stops: a run its remembered report answers drops it, having made at most one stage
    # (a few milliseconds) more than it would have waited; any other run finishes it below.
    ahead: tuple[Cache, Loading] | None = None
    if secret is not None and request.early is not None and request.early.waiting():
        from frontier_lint.run.cache import Cache

        ahead_store = Cache(root, key, secret)
        ahead = (ahead_store, ahead_store.loading())
        ahead[1].advance_while(request.early.waiting)
    early = request.early if request.early and request.early.started_for(root, paths) else None
    listed: Mapping[str, tuple[int, int, int, int] | None] | None = None
    disc: Discovery | None = None
    settings = settings_of(config.selection, config.max_file_size)
    if recall is not None and remembered is not None:
        if early is not None:
            state = early.state()  # (taken by the child and sent first)
        else:
            disc = discover(root, paths)
            listed = stat_data(root, sorted(set(disc.files)))
            state = project_state(disc, bool(paths), sorted(set(disc.files)), listed)
        now = recall.state(settings, state, recall.cache_mac())
        if now is not None and now == remembered[0]:
            if early is not None:
                early.cancel()  # (its listing is not needed)
            return replace(remembered[1], elapsed=time.perf_counter() - started)
    # (Imported only now, as the analysis below: a run answered from memory needs none of it.)
    from frontier_lint.run.cache import Cache

    store: Cache | None
    if ahead is not None:
        store, old = ahead[0], ahead[1].finish()
    else:
        store = Cache(root, key, secret) if secret is not None else None
        old = store.load() if store is not None else None
    if disc is None and early is not None and not overrides:
        answered = early.answer()
        if answered is not None:
            disc, listed = answered
    if disc is None:
        disc = discover(root, [p for p in paths if _rel(p, root) not in overrides])
    # (Imported only now: a run answered from memory needs none of it.)
    from frontier_lint.frontend.project import Project
    from frontier_lint.policy.baseline import fingerprinted
    from frontier_lint.run.collect import build_report
    from frontier_lint.run.incremental import (
        _codes,
        _comment_edits,
        _file_notes,
        _file_states,
        _renumbered,
        _routes,
        _to_save,
        _unanswered,
        byte_gate,
    )

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
    project = Project(
        root,
        all_files,
        roots=config.roots,
        overrides=overrides,
        max_bytes=config.max_file_size,
        target=target,
    )

    report = partial(
        build_report,
        config,
        catalogue,
        project,
        report_files,
        started=started,
        named=named,
        blocked=blocked,
    )
    # Editor buffers stand in for their files in this run only; the cache keeps describing the
    # files on disk (so a buffer is a change, not a different project).
    on_disk = set(all_files) - (set(overrides) - (set(old.files) if old is not None else set()))
    structural = old is None or set(old.files) != on_disk
    # With nothing cached to start from, a small report scope is analysed within the files
    # whose results can depend on it and what they read (`cone`); such a run answers for part
    # of the project and saves no cache.
    cone: tuple[set[str], set[str]] | None = None
    scanned: Callable[[str], LaunchScan | None] | None = None  # (`_cone_beside`)
    indexed: Plain | None = None  # (the project's text index, `_cone_beside`)
    if structural and request.cone:
        cone, scanned, indexed = _cone_beside(project, catalogue, named, request.jobs)
    universe = cone[0] if cone is not None else None

    def read_states() -> States:
        # A cone grows while it is analysed: its files are listed when they are asked for.
        files = sorted(universe) if universe is not None else all_files
        return _file_states(project, files, old if universe is None else None, overrides, listed)

    # Digests, decode errors and suppression markers: a cold run needs them only once the
    # analysis is done, so with a spare core a forked child reads every file for them beside it.
    states: Background[States] = Background(
        read_states,
        fork=old is None and universe is None and request.jobs > 1 and len(all_files) >= FORK_FILES,
    )
    if cone is not None:
        from frontier_lint.run.analyse import (
            analyse_project,  # (a warm run with nothing changed: none)
        )
        from frontier_lint.run.textindex import IndexStore

        entries, _ = analyse_project(
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
            early=scanned,
            index=IndexStore(b"", indexed) if indexed is not None else None,
        )
        decode_errors, markers = _file_notes(old, project, states.result()[2])
        return fingerprinted(
            replace(report(entries, decode_errors, markers), unmatched_include=unmatched)
        )
    from frontier_lint.run.textindex import IndexStore

    # The text index the cache kept (files added or removed since too: it knows what it
    # scanned), saved again as it was when no analysis makes one; a cold run keeps the index it
    # makes, so that the searches of a later edit scan only the files changed.
    index = IndexStore(old.index if old is not None else b"")
    valid: dict[str, Entry] = {}
    changed: set[str] = set(all_files)
    made: dict[str, Code] = {}  # code records taken of the files read (`_comment_edits`)
    edited: set[str] = set()  # the files whose content changed since the cache
    commented: set[str] = set()  # those answered as edits of comments only, without a block
    unread: dict[str, Block] = {}  # those answered from their block (`run.blocks`)
    if old is not None:
        digests, _, read = states.result()
        # (Of the files read: every other one's digest was taken from its record, on trust.)
        changed = {p for p in read if p not in old.files or old.files[p][1] != digests[p]}
        edited = set(changed)
        if not structural and changed:  # edits answered from the cache, without the analysis
            gate = byte_gate(project, catalogue, old.wrappers)
            fresh = states.result()[2]
            moved: _Moved = {}
            # An edit that keeps the code of every statement a result read, changing only
            # comments or the code of statements no result read (`run.blocks`)...
            if old.blocks:
                from frontier_lint.run.blocks import code_edits

                shifted, unread = code_edits(
                    old, changed, digests, fresh, overrides, project, catalogue, made, gate
                )
                moved.update(shifted)
            # ... and, of a file with no block (or one its block does not answer), an edit
            # of comments only.
            rest = changed - set(moved)
            if rest:
                commented_files = _comment_edits(
                    old, rest, digests, fresh, overrides, project, gate, made
                )
                commented = set(commented_files)
                moved.update(commented_files)
            if moved:
                old = _renumbered(old, moved, project)
                changed -= set(moved)
                commented &= set(moved)
                unread = {p: b for p, b in unread.items() if p in moved}
    if old is not None and not structural:
        valid = {
            f: e
            for f, e in old.entries.items()
            # (Each (path, digest) it was resolved from is one of this run's: a dependency
            # gone, or of another digest, fails. At C speed: the digests are str.)
            if f not in changed and e.deps.items() <= digests.items()
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
        from frontier_lint.run.analyse import analyse_project

        entries, wrappers = analyse_project(
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
            index=index,
            saving=store is not None,
        )
    digests, stats, fresh = states.result()
    decode_errors, markers = _file_notes(old, project, fresh)
    result = fingerprinted(
        replace(report(entries, decode_errors, markers), unmatched_include=unmatched)
    )
    if store is None:
        return result
    # Also saved when only the stat data of a file read again changed (a racy file settled, a
    # touched file): the next run then takes its digest on trust instead of reading it again.
    stored = not (
        old is None
        or structural
        or changed
        or entries is not old.entries
        or any(old.files.get(p) != (stats[p], digests[p]) for p in fresh if p not in overrides)
    )
    if stored and recall is None:
        return result  # (nothing to write: no save handed on, no child forked for it)

    def save() -> None:
        if not stored:
            chunk_codes: dict[str, list[str]] = {}
            codes = _codes(old, entries, digests, fresh, overrides, project, made, chunk_codes)
            from frontier_lint.run.blocks import saved_blocks

            blocks = saved_blocks(
                old if not structural else None,
                [p for p in codes if p not in commented],
                edited,
                unread,
                digests,
                overrides,
                project,
                catalogue,
                entries,
                wrappers,
                chunk_codes,
            )
            store.save(
                _to_save(
                    old,
                    overrides,
                    all_files,
                    stats,
                    digests,
                    entries,
                    wrappers,
                    decode_errors,
                    markers,
                    codes,
                    blocks,
                    index.to_save(digests, set(overrides)),
                )
            )
        if recall is not None:
            state = project_state(disc, bool(paths), all_files, stats)
            now = recall.state(settings, state, store.mac)
            if now is not None and (remembered is None or remembered[0] != now):
                recall.save(now, result)

    # (Made once the report is: what the caller waits for comes first.)
    if request.defer is not None:
        request.defer(save)
    else:
        save()
    return result


def _script_reported(config: Config, path: str) -> bool:
    """Whether a named Python script without a `.py` name (`.pyw`, a shebang) is in the
    frontier runtime: selected as its `.py` name would be (`include` patterns name Python
    files by `*.py`), with `exclude` applying to either name."""
    from frontier_lint.settings.patterns import PatternSet

    stem = path[: -len(".pyw")] if path.endswith(".pyw") else path
    return config.in_frontier(stem + ".py") and not PatternSet(config.exclude).match(path)


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


def _cone_beside(
    project: Project,
    catalogue: Catalogue,
    named: frozenset[str],
    jobs: int,
) -> tuple[
    tuple[set[str], set[str]] | None,
    Callable[[str], LaunchScan | None] | None,
    Plain | None,
]:
    """`_cone`, and its files scanned for launches (`analyse.launch_scans`), in a forked child
    while this process imports the analysis (libcst: a quarter of a pre-commit run), when a
    named file may launch (the analysis, and so the import, is certain) and there is a spare
    job; with the project's text index too when it is small (`textindex.cone_index`: the
    searches by name scan every file of the project, not of the cone). Otherwise `_cone`
    here, and no scans (the analysis scans the files as it goes) or index (made by the first
    search). The same answers either way: the child's are computed from the same files'
    bytes."""
    if jobs > 1 and 0 < len(named) < len(project.files) and can_fork():
        from frontier_lint.run.incremental import byte_gate

        gate = byte_gate(project, catalogue, [])
        if any(gate(p) for p in sorted(named) if p in project.files):
            child = Background(partial(_cone_and_scans, project, catalogue, named))
            if child.forked:
                import frontier_lint.dataflow.propagation  # noqa: F401  (meanwhile)
                from frontier_lint.run.analyse import known_scan

                cone, scans, made = child.result()
                if cone is None:
                    return None, None, None
                return cone, partial(known_scan, project, scans), made
    return _cone(project, named), None, None


def _cone_and_scans(
    project: Project, catalogue: Catalogue, named: frozenset[str]
) -> tuple[tuple[set[str], set[str]] | None, Scans, Plain | None]:
    """Worker: `_cone`, the launch scans of its files, and a small project's text index."""
    from frontier_lint.run.analyse import launch_scans
    from frontier_lint.run.textindex import cone_index

    cone = _cone(project, named)
    if cone is None:
        return None, {}, None
    return cone, launch_scans(project, catalogue, sorted(cone[0])), cone_index(project)


def _rel(p: Path, root: Path) -> str:
    try:
        return p.resolve().relative_to(root).as_posix()
    except ValueError:
        return p.as_posix()

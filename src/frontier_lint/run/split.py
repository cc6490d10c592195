"""A cold run's analysis split over `--jobs` processes: this one and forked children.

Each process analyses a share of the files that may launch (the roots) from the start: their
sink statements, then the callers of the wrappers that turn up, to the fixpoint, over the
whole project, as one process analyses all of them. What a share's analysis finds does not
depend on the files the other shares hold (the order checks: a run's results do not depend
on the order files and functions are summarised in, docs/design.md "Order"); a function two
shares need is summarised by both. The children answer with plain data (each file's outcome,
the launching files and CPython's verdict on them, the wrappers); this process merges the
answers of every share, in share order, into what one process finds: the union of what each
found in a file.

What the entries record besides the report (the files and searches each file's results came
from, the wrapper names looked for in it) comes closer to one process's: a summary, class or
global name read records what it is read from as it ends up, whichever process or order read
it first (`dataflow.tracking`). On the test projects the cache a split run writes is one
process's (`tests/test_split.py`, with `SAVES`); on the corpus a few files still record other
deps, so a run that saves a cache is split only with `SAVES`. Such a run's children send what
they read of each file (the cache's blocks); the text index it keeps is this process's share's
(made at its first search of the project, of every file), or scanned here after.

A child that dies, is killed, or answers garbage leaves its share to this process, analysed
here after its own (`Background.result`): never a share missing from the results.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.outcome import FileOutcome
from frontier_lint.frontend.project import ParseFailure, Project, ReadLog
from frontier_lint.run.background import Background
from frontier_lint.run.syntax import syntax_error
from frontier_lint.scan.prefilter import may_launch, sink_words
from frontier_lint.settings.catalogue import Catalogue
from frontier_lint.settings.config import Config

if TYPE_CHECKING:
    from frontier_lint.run.textindex import IndexStore

# Off by default: on the launch-dense benchmark project a split run's report is not one
# process's (4 more sites unresolved in nox, 15 other reasons in conan and nox: what a module
# in an import cycle, or a function in a cycle, holds when it is read depends on the order
# functions are summarised in, docs/design.md "Order"); on the corpus and its planted copy
# it is. The tests turn it on.
ENABLED = False
# Whether a run that saves a cache may split (with `ENABLED`): off while what its entries
# record besides the report is not one process's on the corpus (`bench/entry_order.py`: 11
# files record other deps, some fewer; on the test projects it is, `tests/test_split.py`).
SAVES = False

# Below this many bytes of files that may launch, one process analyses them all (a share's
# fork, its summaries of what the shares have in common and its answer cost about what it
# saves).
SPLIT_BYTES = 2_000_000


@dataclass
class Part:
    """What the analysis of one share found (plain data: sent from a child)."""

    outcomes: dict[str, FileOutcome]
    launch_files: set[str]
    checked: dict[str, ParseFailure | None]  # CPython's verdict on its launching files
    wrappers: list[tuple[str, str, str]]  # `Wrapper.row`s, sorted
    # Launch sites per file: how many calls at each position (`FileOutcome.site_keys`).
    sites: dict[str, dict[tuple[int, int, int, int], int]] = field(default_factory=dict)
    taken: list[int] | None = None  # the groups it analysed
    # What a child's analysis read of each file's text (`Project.reads`): the cache's blocks
    # tell from it which statements no result read (`run.blocks`), merged into this process's.
    reads: ReadLog | None = None
    indexed: bool = False  # a search made the project's text index


def shares(
    project: Project, catalogue: Catalogue, paths: Sequence[str], jobs: int
) -> list[list[str]]:
    """The files of `paths` that may launch, in groups (`_groups`), the biggest first: the
    order the processes of a split take them in (`analyse_split`); [] when the files that may
    launch are too few to be worth a split, or form one group.

    The files go by directory: the files of a package call and read one another, and a process
    analysing them all summarises what they have in common once (files dealt out one by one
    made each of two processes summarise most of every package: each cost 80 % of the whole
    analysis on the corpus). Bytes do not tell what a group costs (ansible's cost about twice
    twisted's, with less than its bytes): the processes take the groups as each is free."""
    if not ENABLED or jobs < 2:
        return []
    words = sink_words(catalogue)
    roots = [(len(data), p) for p in paths if may_launch(data := project.raw(p, keep=False), words)]
    total = sum(size for size, _ in roots)
    if total < SPLIT_BYTES:
        return []
    groups = sorted(_groups(roots, total / (jobs * GROUPS_PER_JOB)), key=lambda g: (-g[0], g[1]))
    return [sorted(files) for _, files in groups] if len(groups) > 1 else []


# A group is cut below its directory when it holds more than 1 / (jobs * GROUPS_PER_JOB) of
# the bytes (`shares`). Smaller groups balance the processes better but summarise more twice:
# at 4 the corpus's two processes cost 30.2 s CPU (17.2 s the longer), at 1 23.6 s (12.3 s),
# one process 23 s.
GROUPS_PER_JOB = 1


def _groups(roots: list[tuple[int, str]], most: float) -> list[tuple[int, list[str]]]:
    """`roots` (bytes, path) grouped by top-level directory; a group of more than `most` bytes
    cut by the directories below (the files directly in it one group), until none is or it
    cannot be cut (a single file or directory of files)."""
    todo = [(0, [p for _, p in roots])]
    size = {p: n for n, p in roots}
    done: list[tuple[int, list[str]]] = []
    while todo:
        depth, files = todo.pop()
        bytes_ = sum(size[p] for p in files)
        if depth > 0 and (bytes_ <= most or len(files) == 1):
            done.append((bytes_, files))
            continue
        by_dir: dict[str, list[str]] = {}
        for p in files:
            parts = p.split("/")
            key = "/".join(parts[: depth + 1]) if len(parts) > depth + 1 else ""
            by_dir.setdefault(key, []).append(p)
        if len(by_dir) == 1 and "" not in by_dir and depth > 0:
            todo.append((depth + 1, files))  # (one directory below: cut there)
            continue
        for key, group in by_dir.items():
            if key:
                todo.append((depth + 1, group))
            else:  # the files directly in the directory: one group
                done.append((sum(size[p] for p in group), group))
    return done


def analyse_share(
    config: Config,
    catalogue: Catalogue,
    project: Project,
    groups: Sequence[Sequence[str]],
    take: Callable[[], int | None],
    progress: Callable[[int, int], None] | None = None,
    *,
    parent: int | None = None,
    index: IndexStore | None = None,
) -> Part:
    """Worker: the groups of files it takes (`take`: the next group's index, None when none is
    left), each analysed with the callers of what it wraps, to the fixpoint, over the whole
    project, as one process's analysis of every file does it (a wrapper's callers are looked
    for in every file once, whichever group they are in: a file analysed later is not looked
    at again for it). parent: the pid of the process that forked the child meant to run this
    (run in that process instead: a child failed). index: given the text index this share's
    analysis made (`IndexStore.built`), for the cache."""
    if parent is not None and os.getpid() != parent:
        # The heap shared with the parent is left alone (a collection would copy its pages);
        # the share's own young garbage is collected, as in the parent (`_young_collections_only`).
        gc.freeze()
        gc.enable()
    from frontier_lint.dataflow.propagation import Analysis

    run = Analysis(config, catalogue, project)
    seen: set[FuncId] = set()
    taken: list[int] = []
    done, total = 0, sum(len(g) for g in groups)  # (this process's files, of every group's)
    while (k := take()) is not None:
        taken.append(k)
        for path in groups[k]:
            run.analyse_file(path, [])
            done += 1
            if progress is not None:
                progress(done, total)
        run.propagate_wrappers(seen, set(), [])
    run.searches_done()
    if index is not None:
        index.built = run.analyzer.hierarchy.built_index()
    outcomes = run.outcomes(answered=frozenset())
    sites = {p: o.site_keys for p, o in outcomes.items()}
    for o in outcomes.values():
        o.site_keys = {}  # (sent once, in `sites`)
    launching = run.launch_files - set(project.overrides)
    child = parent is not None and os.getpid() != parent
    return Part(
        outcomes=outcomes,
        launch_files=set(run.launch_files),
        checked={p: syntax_error(project, p) for p in sorted(launching)},
        wrappers=sorted(w.row for w in run.wrappers_to_keep([], set())),
        sites=sites,
        taken=taken,
        reads=project.reads if child else None,
        indexed=run.analyzer.hierarchy.built_index() is not None,
    )


def analyse_split(
    config: Config,
    catalogue: Catalogue,
    project: Project,
    groups: list[list[str]],
    jobs: int,
    progress: Callable[[int, int], None] | None = None,
    index: IndexStore | None = None,
) -> Part:
    """The groups analysed by this process and `jobs - 1` forked children, each taking the
    next group from a queue (a pipe holding their indices, written before the forks) as it is
    free; their answers merged, this process's first, then the children's in fork order. The
    groups no answer took (a child that died, was killed or answered garbage) are analysed
    here after. index: given the text index this process's share made (`analyse_share`)."""
    queue = _queue(len(groups))
    here = os.getpid()
    take = partial(_take, queue) if queue is not None else _taker(range(len(groups)))
    children = (
        [
            Background(
                partial(analyse_share, config, catalogue, project, groups, take, parent=here)
            )
            for _ in range(jobs - 1)
        ]
        if queue is not None
        else []
    )
    got = [analyse_share(config, catalogue, project, groups, take, progress, index=index)]
    for job in children:
        part = job.result()  # (a child that gave none: its groups are done below)
        if part.taken is not None:
            got.append(part)
            if part.reads is not None:
                _read_too(project.reads, part.reads)
    if queue is not None:
        os.close(queue)
    left = sorted(set(range(len(groups))) - {k for part in got for k in part.taken or ()})
    if left:
        got.append(analyse_share(config, catalogue, project, groups, _taker(left)))
    if index is not None and index.built is None and any(part.indexed for part in got):
        # The searches were all another process's: the index one process would have made (a
        # cache keeps it, for the searches of a later edit), scanned here.
        from frontier_lint.dataflow.hierarchy import scan_index

        index.built = scan_index(project, sorted(project.files))
    return merged(got)


def _read_too(log: ReadLog, more: ReadLog) -> None:
    """What a child read, added to this process's `log` (a run of one process reads both)."""
    for path, chunks in more.chunks.items():
        log.chunks.setdefault(path, set()).update(chunks)
    log.whole |= more.whole
    for path, patterns in more.patterns.items():
        log.patterns.setdefault(path, set()).update(patterns)
    for text, compiled in more.compiled.items():
        log.compiled.setdefault(text, compiled)
    log.words |= more.words


def _queue(count: int) -> int | None:
    """The read end of a pipe holding 0 .. count - 1 (4 bytes each), not blocking; None when no
    pipe could be had, or the numbers do not fit in it."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    data = b"".join(k.to_bytes(4, "little") for k in range(count))
    try:
        os.set_blocking(read, False)
        written = os.write(write, data)
    except OSError:
        written = -1
    os.close(write)
    if written != len(data):
        os.close(read)
        return None
    return read


def _take(queue: int) -> int | None:
    """The next number in `queue` (each is taken by one reader: a pipe's reads of a few bytes
    are atomic), None when it is empty."""
    try:
        got = os.read(queue, 4)
    except (BlockingIOError, OSError):
        return None
    return int.from_bytes(got, "little") if len(got) == 4 else None


def _taker(items: Iterable[int]) -> Callable[[], int | None]:
    """The items one by one, then None."""
    it = iter(items)
    return lambda: next(it, None)


def merged(parts: Sequence[Part]) -> Part:
    """The parts as one analysis of all their shares: each file's outcome the union of what
    every part found in it (in part order, each item once), its launch sites counted once per
    position and call (`Part.sites`: the most any part counted there)."""
    out: dict[str, FileOutcome] = {}
    sites: dict[str, dict[tuple[int, int, int, int], int]] = {}
    for part in parts:
        for path, o in part.outcomes.items():
            have = out.get(path)
            counts = sites.setdefault(path, {})
            for key, n in part.sites.get(path, {}).items():
                counts[key] = max(counts.get(key, 0), n)
            if have is None:
                out[path] = o
                continue
            have.deps = tuple(sorted({*have.deps, *o.deps}))
            have.searches = tuple(
                sorted({*have.searches, *o.searches}, key=lambda s: (s.kind.value, s.name))
            )
            have.scanned = tuple(sorted({*have.scanned, *o.scanned}))
            have.calls = sorted({*have.calls, *o.calls})
            _extend(have.findings, o.findings)
            _extend(have.unresolved, o.unresolved)
            _extend(have.open_sites, o.open_sites)
            _extend(have.open_findings, o.open_findings)
            have.parse_error = have.parse_error or o.parse_error
            have.internal_error = have.internal_error or o.internal_error
            have.launches = have.launches or o.launches
    for path, o in out.items():
        o.sites = sum(sites.get(path, {}).values())
    wrappers: dict[str, tuple[str, str, str]] = {}
    for part in parts:
        for row in part.wrappers:
            wrappers.setdefault(row[0], row)
    return Part(
        outcomes=dict(sorted(out.items())),
        launch_files={p for part in parts for p in part.launch_files},
        checked={p: f for part in parts for p, f in part.checked.items()},
        wrappers=sorted(wrappers.values()),
    )


def _extend(have: list, more: list) -> None:  # type: ignore[type-arg]
    for item in more:
        if item not in have:
            have.append(item)

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

Only a run that saves no cache is split (`--no-cache`): its report is one process's, but what
the entries record besides the report (the files and searches each file's results came from,
the wrapper names looked for in it) is partly an artefact of the order one process summarises
functions in, and a share's analysis may record less of it than one process: a cache keeping
that would answer a later edit with results it did not check again.

A child that dies, is killed, or answers garbage leaves its share to this process, analysed
here after its own (`Background.result`): never a share missing from the results.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

from frontier_lint.dataflow.outcome import FileOutcome
from frontier_lint.frontend.project import ParseFailure, Project
from frontier_lint.run.background import Background
from frontier_lint.run.syntax import _syntax_error
from frontier_lint.scan.prefilter import may_launch, sink_words
from frontier_lint.settings.catalogue import Catalogue
from frontier_lint.settings.config import Config

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


def shares(
    project: Project, catalogue: Catalogue, paths: Sequence[str], jobs: int
) -> list[list[str]]:
    """The files of `paths` that may launch, cut into at most `jobs` shares of about equal
    bytes (the biggest file first to the share with the fewest), each in path order; [] when
    the files that may launch are too few to be worth a split."""
    words = sink_words(catalogue)
    roots = [(len(data), p) for p in paths if may_launch(data := project.raw(p, keep=False), words)]
    if jobs < 2 or sum(size for size, _ in roots) < SPLIT_BYTES:
        return []
    loads = [0] * jobs
    out: list[list[str]] = [[] for _ in range(jobs)]
    for size, path in sorted(roots, key=lambda r: (-r[0], r[1])):
        k = loads.index(min(loads))
        loads[k] += size
        out[k].append(path)
    out = [sorted(share) for share in out if share]
    return out if len(out) > 1 else []


def analyse_share(
    config: Config,
    catalogue: Catalogue,
    project: Project,
    paths: Sequence[str],
    progress: Callable[[int, int], None] | None = None,
    *,
    parent: int | None = None,
) -> Part:
    """Worker: the analysis of the files `paths` and of the callers of what they wrap, to the
    fixpoint, as one process's analysis of every file does it. parent: the pid of the process
    that forked the child meant to run this (run in that process instead: a child failed)."""
    if parent is not None and os.getpid() != parent:
        # The heap shared with the parent is left alone (a collection would copy its pages);
        # the share's own young garbage is collected, as in the parent (`_young_collections_only`).
        gc.freeze()
        gc.enable()
    from frontier_lint.dataflow.propagation import Analysis

    run = Analysis(config, catalogue, project)
    for done, path in enumerate(paths, 1):
        run.analyse_file(path, [])
        if progress is not None:
            progress(done, len(paths))
    run.propagate_wrappers(set(), set(), [])
    run.searches_done()
    outcomes = run.outcomes(answered=frozenset())
    sites = {p: o.site_keys for p, o in outcomes.items()}
    for o in outcomes.values():
        o.site_keys = {}  # (sent once, in `sites`)
    launching = run.launch_files - set(project.overrides)
    return Part(
        outcomes=outcomes,
        launch_files=set(run.launch_files),
        checked={p: _syntax_error(project, p) for p in sorted(launching)},
        wrappers=sorted(w.row for w in run.wrappers_to_keep([], set())),
        sites=sites,
    )


def analyse_split(
    config: Config,
    catalogue: Catalogue,
    project: Project,
    parts: list[list[str]],
    progress: Callable[[int, int], None] | None = None,
) -> Part:
    """The shares after the first analysed in forked children, the first here; their answers
    merged in share order (a child that gave none: its share analysed here)."""
    here = os.getpid()
    children = [
        Background(partial(analyse_share, config, catalogue, project, share, parent=here))
        for share in parts[1:]
    ]
    got = [analyse_share(config, catalogue, project, parts[0], progress)]
    got.extend(job.result() for job in children)  # (a child that gave none: done here)
    return merged(got)


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

"""A warm run's discovery, started early: before click and the analysis are imported, a forked
child locates the project root, lists the project and takes every file's stat data while this
process imports the rest of the tool, reads the configuration and loads the cache (on two
cores, the two halves of a warm run's start-up side by side).

The child answers with plain data: the root it located, the state the remembered report is
compared with (`run.state.project_state`), sent first, then the `Discovery` and, per file,
what `run.cache.current_stat` compares (size, mtime_ns, ctime_ns, inode; None when it could not
be had). The run takes the answer only for the root and paths it has itself
(`Early.started_for`): a child that located another root, or was started for other paths, is
an answer to another question. A file whose stat data matches the cache's record is taken on
trust as before; the others are read by this process. Without a child (no fork here, a failure,
`--jobs 1`) the same work runs in this process when its answer is asked for (`Background`), so
the results never depend on it.

Light imports only: this module is imported (and the child forked) before dataclasses'
heavier users, discovery and the analysis are; the child imports what it needs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from frontier_lint.run.background import Background

if TYPE_CHECKING:
    from frontier_lint.scan.discovery import Discovery

# (size, mtime_ns, ctime_ns, inode) per file found, None when it could not be had.
StatData = dict[str, tuple[int, int, int, int] | None]
# The child's answer: the root it located (None: it could not), the state, and the listing, or
# the message of the `DiscoveryError` that discovery raised for that root (None: no cache).
Listing = tuple[Path | None, bytes | None, "tuple[Discovery, StatData] | str | None"]
# (run.cache.CACHE_DIR, named here: run.cache is heavier to import)
_CACHE_DIR = ".frontier-lint-cache"


def listed_with_stats(root: Path, paths: Sequence[Path]) -> tuple[Discovery, StatData]:
    """`discover(root, paths)` and each found file's stat data."""
    from frontier_lint.scan.discovery import discover

    disc = discover(root, paths)
    return disc, stat_data(disc.root, disc.files)


def stat_data(root: Path, files: Sequence[str]) -> StatData:
    """The stat data of each of `files` (relative to `root`)."""
    base = os.path.join(str(root), "")
    stats: StatData = {}
    for path in files:
        try:
            st = os.stat(base + path)
        except OSError:
            stats[path] = None
        else:
            stats[path] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    return stats


def _listed(locate: Callable[[], Path], paths: Sequence[Path]) -> Listing:
    """The root, `run.state.project_state` of its listing, and the listing."""
    from frontier_lint.run.state import project_state
    from frontier_lint.scan.discovery import DiscoveryError

    try:
        root = locate()
    except Exception:  # (the run locates it again, and says what is wrong)
        return None, None, None
    if not os.path.isdir(os.path.join(root, _CACHE_DIR)):
        return root, None, None  # a cold run: it discovers on its own
    try:
        disc, stats = listed_with_stats(root, paths)
    except DiscoveryError as exc:  # (raised by the run only if it is the run's root)
        return root, None, str(exc)
    # (`disc.files` is sorted and without repeats: the engine's list of every file, as a list
    # like the one it saves the state with. Were it not, the states would differ: a miss.)
    return root, project_state(disc, bool(paths), list(disc.files), stats), (disc, stats)


def _head(answer: Listing) -> bytes:
    # The root and the state, sent first: a run that its remembered report answers waits
    # neither for the listing to be pickled nor to be sent. (No path holds a NUL.)
    root, state, _ = answer
    return (b"" if root is None else os.fsencode(root)) + b"\0" + (state or b"")


@dataclass(frozen=True)
class Early:
    """Discovery under way for `paths` (see the module docstring)."""

    paths: tuple[Path, ...]
    job: Background[Listing]

    def _root_and_state(self) -> tuple[Path | None, bytes | None]:
        root, _, state = self.job.head().partition(b"\0")
        return (Path(os.fsdecode(root)) if root else None), (state or None)

    def started_for(self, root: Path, paths: Sequence[Path]) -> bool:
        """Whether this is the listing of `root` for `paths` (waits for the child's root)."""
        return tuple(paths) == self.paths and self._root_and_state()[0] == root

    def state(self) -> bytes | None:
        """`run.state.project_state` of the listing (a `DiscoveryError` is raised here)."""
        state = self._root_and_state()[1]
        if state is None:
            self.answer()  # (raises the error, if that is why there is none)
        return state

    def answer(self) -> tuple[Discovery, StatData] | None:
        """The listing (None: none was made, a cold run). A `DiscoveryError` is raised here,
        as `discover` raises it."""
        listing = self.job.result()[2]
        if isinstance(listing, str):
            from frontier_lint.scan.discovery import DiscoveryError

            raise DiscoveryError(listing)
        return listing

    def waiting(self) -> bool:
        """Whether the child is still listing (its answer would be waited for now)."""
        return self.job.waiting()

    def cancel(self) -> None:
        """Stop the child if it still runs (its answer was not needed)."""
        self.job.cancel()


def start(root: Path, paths: Sequence[Path]) -> Early | None:
    """Start the discovery of `root` in a child, for a run with a cache to compare with (only
    then are the stat data used); None when there is none."""
    if not os.path.isdir(os.path.join(root, _CACHE_DIR)):
        return None
    named = tuple(paths)
    return Early(named, Background(lambda: _listed(lambda: root, named), head=_head))


def start_located(locate: Callable[[], Path], paths: Sequence[Path]) -> Early:
    """Start it in a child that locates the root first (`locate()`, as the run will): for a
    run whose configuration is not read yet."""
    named = tuple(paths)
    return Early(named, Background(lambda: _listed(locate, named), head=_head))

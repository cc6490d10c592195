"""A warm run's discovery, started early: as soon as the configuration is known, a forked child
lists the project and takes every file's stat data while this process imports the rest of the
tool and loads the cache (on two cores, the two halves of a warm run's start-up side by side).

The child answers with plain data: the `Discovery` and, per file, what `run.cache.current_stat`
compares (size, mtime_ns, ctime_ns, inode; None when it could not be had). A file whose stat
data matches the cache's record is taken on trust as before; the others are read by this
process. Without a child (no fork here, a failure, `--jobs 1`) the same work runs in this
process when its answer is asked for (`Background`), so the results never depend on it.

Light imports only: this module is imported before the analysis is.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from frontier_lint.run.background import Background
from frontier_lint.run.recall import project_state
from frontier_lint.scan.discovery import Discovery, discover

# (size, mtime_ns, ctime_ns, inode) per file found, None when it could not be had.
StatData = dict[str, tuple[int, int, int, int] | None]


def listed_with_stats(root: Path, paths: Sequence[Path]) -> tuple[Discovery, StatData]:
    """`discover(root, paths)` and each found file's stat data."""
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


def _listed(root: Path, paths: Sequence[Path]) -> tuple[bytes | None, Discovery, StatData]:
    """`run.recall.project_state` of the listing, and the listing."""
    disc, stats = listed_with_stats(root, paths)
    # (`disc.files` is sorted and without repeats: the engine's list of every file, as a list
    # like the one it saves the state with. Were it not, the states would differ: a miss.)
    return project_state(disc, bool(paths), list(disc.files), stats), disc, stats


def _state_head(answer: tuple[bytes | None, Discovery, StatData]) -> bytes:
    # The state (20 bytes), or none: sent first, so that a run its remembered report answers
    # waits neither for the listing to be pickled nor to be sent.
    return answer[0] or b""


@dataclass(frozen=True)
class Early:
    """Discovery under way for `root` and `paths` (see the module docstring)."""

    root: Path
    paths: tuple[Path, ...]
    job: Background[tuple[bytes | None, Discovery, StatData]]

    def started_for(self, root: Path, paths: Sequence[Path]) -> bool:
        return root == self.root and tuple(paths) == self.paths

    def state(self) -> bytes | None:
        """`run.recall.project_state` of the listing (a `DiscoveryError` is raised here)."""
        return self.job.head() or None

    def answer(self, root: Path, paths: Sequence[Path]) -> tuple[Discovery, StatData] | None:
        """The answer, if it was started for these arguments (else None: discover as usual).
        A `DiscoveryError` is raised here, as `discover` raises it."""
        if not self.started_for(root, paths):
            return None
        _, disc, stats = self.job.result()
        return disc, stats

    def cancel(self) -> None:
        """Stop the child if it still runs (its answer was not needed)."""
        self.job.cancel()


def start(root: Path, paths: Sequence[Path]) -> Early | None:
    """Start the discovery in a child, for a run with a cache to compare with (only then are
    the stat data used); None when there is none."""
    # (run.cache.CACHE_DIR, named here: run.cache is heavier to import)
    if not os.path.isdir(os.path.join(root, ".frontier-lint-cache")):
        return None
    named = tuple(paths)
    return Early(root, named, Background(lambda: _listed(root, named), head=_state_head))

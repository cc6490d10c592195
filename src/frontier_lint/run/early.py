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


def _listed(root: Path, paths: Sequence[Path]) -> tuple[bytes | None, bytes]:
    """`run.recall.project_state` of the listing, and the listing itself pickled: a run that
    its remembered report answers never unpickles the stat data of every file."""
    import pickle

    disc, stats = listed_with_stats(root, paths)
    state = project_state(disc, bool(paths), sorted(set(disc.files)), stats)
    return state, pickle.dumps((disc, stats), protocol=pickle.HIGHEST_PROTOCOL)


@dataclass(frozen=True)
class Early:
    """Discovery under way for `root` and `paths` (see the module docstring)."""

    root: Path
    paths: tuple[Path, ...]
    job: Background[tuple[bytes | None, bytes]]

    def started_for(self, root: Path, paths: Sequence[Path]) -> bool:
        return root == self.root and tuple(paths) == self.paths

    def state(self) -> bytes | None:
        """`run.recall.project_state` of the listing (a `DiscoveryError` is raised here)."""
        return self.job.result()[0]

    def answer(self, root: Path, paths: Sequence[Path]) -> tuple[Discovery, StatData] | None:
        """The answer, if it was started for these arguments (else None: discover as usual).
        A `DiscoveryError` is raised here, as `discover` raises it."""
        if not self.started_for(root, paths):
            return None
        import pickle

        answer: tuple[Discovery, StatData] = pickle.loads(self.job.result()[1])
        return answer


def start(root: Path, paths: Sequence[Path]) -> Early | None:
    """Start the discovery in a child, for a run with a cache to compare with (only then are
    the stat data used); None when there is none."""
    # (run.cache.CACHE_DIR, named here: run.cache is heavier to import)
    if not os.path.isdir(os.path.join(root, ".frontier-lint-cache")):
        return None
    named = tuple(paths)
    return Early(root, named, Background(lambda: _listed(root, named)))

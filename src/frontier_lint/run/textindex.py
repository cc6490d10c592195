"""The text index of the project's files (`dataflow.hierarchy.TextIndex`: base-class names,
decorator words, stored words, Protocol definitions), kept in the cache between runs.

A search of the project by name (an attribute stored into a module's constant from elsewhere, a
subclass, a registration) needs the index, and the index needs one byte scan of every file: a
run answering a one-file edit whose re-analysed file asks one such question read the whole
project for it (~1.1 s CPU of a 1.6 s edit on the planted corpus). So the cache keeps the index
a run made, with the content digest of each file it scanned (the run's digests: the digests
its entries' dependencies are recorded with, so as trustworthy as they are); a later run that
needs the index takes the entries of the files whose digest is the same and scans only the
others (changed, new) again, dropping the files gone. The result is the index a scan of every
file makes: each list in path order (`TextIndex.add`).

Editor buffers are never described: the cache describes the files on disk, so a buffer's file
is left out of what is saved and scanned again by the next run that needs the index. A run that
does not need the index saves the kept one as it was read (its digests tell the next run which
files to scan again). Anything wrong with what is kept (not decodable, of another shape) is
no index: every file is scanned, as without a cache. The bytes are the cache file's, under its
MAC (`run.cache`): decoded only after it matched, and only when a run asks for the index.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Mapping, Set
from functools import partial
from typing import TYPE_CHECKING, Any

from frontier_lint.run.background import Shared

if TYPE_CHECKING:
    from frontier_lint.dataflow.hierarchy import TextIndex
    from frontier_lint.frontend.project import Project

# A part of the index as plain data (`TextIndex.plain`).
Plain = dict[str, Any]


class IndexStore:
    """The index a cache kept (`kept`: its bytes, b"" for none) for one run: what the run's
    analysis takes of it (`prior`), and what the run saves (`to_save`, after `built` was set
    to the index the analysis made, if it made one). With nothing kept, the index may be under
    way in a child (`scan_beside`)."""

    __slots__ = ("beside", "built", "kept", "made", "used")

    def __init__(self, kept: bytes, made: Plain | None = None) -> None:
        self.kept = kept
        self.built: TextIndex | None = None
        self.used = False  # (whether `prior` gave an index: for the tests)
        # The scan of every file shared with a forked child (`scan_beside`); None: none.
        self.beside: Shared[Plain] | None = None
        # The index of every file made by a child already (a cone's: `engine._cone_beside`).
        self.made = made

    def scan_beside(self, project: Project, jobs: int) -> None:
        """Start the scan of every file of `project` in a forked child, when there is nothing
        kept (a search would scan every file here), a spare job and enough files for it to be
        worth a fork. The first search (asked ~0.5 s into a cold corpus run's analysis, before
        the child is done) takes the parts of the index the child scanned, and scans the rest
        here from the last file back, taking the child's parts as they come, until the two
        meet: ~1 s of scanning every file here, most of it on the first wrapper round's path,
        becomes the share left when it is asked. The parts are made as this process makes
        the index (the same bytes, in path order); those the child gives none of (no fork,
        it died, was killed or sent garbage) are scanned here."""
        if self.kept or jobs <= 1 or len(project.files) < FORK_FILES:
            return
        files = sorted(project.files)
        batches = [files[i : i + PART_FILES] for i in range(0, len(files), PART_FILES)]
        job = Shared(partial(_scanned, project, batches), len(batches))
        if job.forked:
            self.beside = job

    def finished(self) -> None:
        """The analysis is done: a child whose index no search asked for is stopped."""
        if self.beside is not None:
            self.beside.stop()
            self.beside = None

    def prior(
        self,
        files: Set[str],
        digests: Callable[[], Mapping[str, str]],
        overrides: Set[str],
        scan: Callable[[list[str]], TextIndex],
    ) -> tuple[TextIndex, list[str]] | None:
        """The kept index without the entries of the files whose content is not what it
        scanned (or that are gone, or shown from a buffer), and the files of `files` to scan
        (in path order); None when there is none to take (every file is scanned). Its tables
        are decoded as the analysis reads them (`run.keptindex`); `scan(paths)`: the index
        of `paths`, for a table of another shape."""
        if not self.kept:
            if self.made is not None:
                return _of_plain(self.made)
            return self._scanned_beside(files)
        from frontier_lint.run.keptindex import of_kept

        now = digests()
        try:
            # (Bytes this tool wrote, under the cache's MAC: see `run.cache`.)
            scanned, tables = marshal.loads(self.kept)
            if type(scanned) is not dict:
                return None
            stale = frozenset(
                p
                for p, d in scanned.items()
                if p not in files or p in overrides or now.get(p) != d or type(d) is not str
            )

            # (A table of another shape, found as it is read: the files this index stands
            # for scanned again for it.)
            def rescan(slot: str) -> Any:
                described = sorted(p for p in files if p in scanned and p not in stale)
                return getattr(scan(described), slot)

            index = of_kept(tables, stale, rescan)
        except (ValueError, EOFError, TypeError):
            return None
        self.used = True
        return index, sorted(p for p in files if p not in scanned or p in stale)

    def to_save(self, digests: Mapping[str, str], overrides: Set[str]) -> bytes:
        """What the cache keeps: the index this run made, with the digest of every file it
        scanned but the buffers' (left out), or else the kept one as it was."""
        if self.built is None:
            return self.kept
        from frontier_lint.run.keptindex import encoded

        scanned = {p: d for p, d in digests.items() if p not in overrides}
        document: tuple[dict[str, str], Any] = (scanned, encoded(self.built, overrides))
        try:
            return marshal.dumps(document)
        except ValueError:  # (a table of values marshal cannot write: no index kept, no error)
            return b""

    def _scanned_beside(self, files: Set[str]) -> tuple[TextIndex, list[str]] | None:
        """The index of every file, of the parts the child scanned and those scanned here;
        nothing left to scan (None: no child: every file is scanned by the search)."""
        job, self.beside = self.beside, None
        if job is None:
            return None
        try:
            # (Checked as a kept index is: a child's part of another shape is no index.)
            plain = _joined(job.parts())
        except (ValueError, TypeError, AttributeError):
            return None
        return _of_plain(plain)


def _of_plain(plain: Plain) -> tuple[TextIndex, list[str]] | None:
    """A child's index of every file, nothing left to scan (None: of another shape, no index:
    every file is scanned by the search, checked as a kept index is)."""
    from frontier_lint.dataflow.hierarchy import TextIndex

    try:
        return TextIndex.of_plain(plain, frozenset()), []
    except (ValueError, TypeError, AttributeError):
        return None


# A cone's child makes the index of a project of at most this many bytes (`cone_index`): the
# scan (~15 ms a MB) then ends before this process has imported the analysis beside it.
CONE_INDEX_BYTES = 4_000_000


def cone_index(project: Project) -> Plain | None:
    """Worker: the index of every file of a small project, as plain data (None: the project is
    bigger than `CONE_INDEX_BYTES`, its index is left to the analysis's first search)."""
    from frontier_lint.dataflow.hierarchy import TextIndex, index_file

    index = TextIndex()
    size = 0
    for path in sorted(project.files):
        data = project.raw(path, keep=False)
        size += len(data)
        if size > CONE_INDEX_BYTES:
            return None
        index_file(index, path, data)
    return index.plain()


# A project of fewer files is scanned here (the scan costs about what a fork and its answer do).
FORK_FILES = 500
# Files in a part of the index shared with a child (`IndexStore.scan_beside`): ~10 ms of
# scanning, ~15 KB to send.
PART_FILES = 64


def _scanned(project: Project, batches: list[list[str]], k: int) -> Plain:
    """Worker: the index of the `k`th batch of files, as plain data."""
    from frontier_lint.dataflow.hierarchy import scan_index

    return scan_index(project, batches[k]).plain()


def _joined(parts: list[Plain]) -> Plain:
    """The plain index of the files of `parts` (each the index of files after the previous
    part's), as one scan of them all in order makes it: each list in path order, each table's
    keys in the order first found."""
    out: Plain = {}
    for part in parts:
        for slot, table in part.items():
            mine = out.setdefault(slot, {})
            if slot == "protocol_defs":
                mine.update(table)
                continue
            for key, items in table.items():
                got = mine.get(key)
                if got is None:
                    mine[key] = items
                else:
                    got.extend(items)
    return out

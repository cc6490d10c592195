"""The text index of the project's files (`dataflow.hierarchy._TextIndex`: base-class names,
decorator words, stored words, Protocol definitions), kept in the cache between runs.

A search of the project by name (an attribute stored into a module's constant from elsewhere, a
subclass, a registration) needs the index, and the index needs one byte scan of every file: a
run answering a one-file edit whose re-analysed file asks one such question read the whole
project for it (~1.1 s CPU of a 1.6 s edit on the planted corpus). So the cache keeps the index
a run made, with the content digest of each file it scanned (the run's digests: the digests
its entries' dependencies are recorded with, so as trustworthy as they are); a later run that
needs the index takes the entries of the files whose digest is the same and scans only the
others (changed, new) again, dropping the files gone. The result is the index a scan of every
file makes: each list in path order (`_TextIndex.add`).

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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from frontier_lint.dataflow.hierarchy import _TextIndex


class IndexStore:
    """The index a cache kept (`kept`: its bytes, b"" for none) for one run: what the run's
    analysis takes of it (`prior`), and what the run saves (`to_save`, after `built` was set
    to the index the analysis made, if it made one)."""

    __slots__ = ("built", "kept", "used")

    def __init__(self, kept: bytes) -> None:
        self.kept = kept
        self.built: _TextIndex | None = None
        self.used = False  # (whether `prior` gave an index: for the tests)

    def prior(
        self, files: Set[str], digests: Callable[[], Mapping[str, str]], overrides: Set[str]
    ) -> tuple[_TextIndex, list[str]] | None:
        """The kept index without the entries of the files whose content is not what it
        scanned (or that are gone, or shown from a buffer), and the files of `files` to scan
        (in path order); None when there is none to take (every file is scanned)."""
        if not self.kept:
            return None
        from frontier_lint.dataflow.hierarchy import _TextIndex

        now = digests()
        try:
            # (Bytes this tool wrote, under the cache's MAC: see `run.cache`.)
            scanned, plain = marshal.loads(self.kept)
            if type(scanned) is not dict:
                return None
            stale = {
                p
                for p, d in scanned.items()
                if p not in files or p in overrides or now.get(p) != d or type(d) is not str
            }
            index = _TextIndex.of_plain(plain, stale)
        except (ValueError, EOFError, TypeError):
            return None
        self.used = True
        return index, sorted(p for p in files if p not in scanned or p in stale)

    def to_save(self, digests: Mapping[str, str], overrides: Set[str]) -> bytes:
        """What the cache keeps: the index this run made, with the digest of every file it
        scanned but the buffers' (left out), or else the kept one as it was."""
        if self.built is None:
            return self.kept
        scanned = {p: d for p, d in digests.items() if p not in overrides}
        document: tuple[dict[str, str], Any] = (scanned, self.built.plain(overrides))
        try:
            return marshal.dumps(document)
        except ValueError:  # (a table of values marshal cannot write: no index kept, no error)
            return b""

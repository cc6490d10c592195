"""The text index a cache kept (`run.textindex`), each of its tables decoded when the analysis
first reads it.

A one-file edit whose analysis asks one search by name reads one table of the index (the
attribute stores of a constant, say), yet decoding every table, dropping the changed file's
entries from each and encoding them all again at the save was ~30 ms CPU of such an edit on
the planted corpus (a 1.5 MB index). So the cache keeps each table as its own marshal bytes,
with the files whose entries in it no longer stand (`dropped`); a table the run does not read
is saved again as the bytes it was read as, its dropped files added to. The files a table
drops are those scanned again since it was last written out whole that hold nothing for it
(a table they hold something for is read to add it, and written whole), the files gone or
changed since, and the buffers: all left out of it when it is decoded, as they would have been
left out of the whole index. A table that does not decode to what a scan makes (of another
shape) is made again by scanning every file the index stands for: never trusted, never an
error."""

from __future__ import annotations

import marshal
from collections.abc import Callable, Set
from typing import Any

from frontier_lint.dataflow.hierarchy import TextIndex

# One table as kept: its marshal bytes, and the files whose entries in it no longer stand.
Kept = tuple[bytes, frozenset[str]]
SLOTS = TextIndex.__slots__


def _table(slot: str) -> Any:
    """The property standing for the table `slot`: decoded from its bytes when first read."""
    member = TextIndex.__dict__[slot]  # (the slot itself, under the property)

    def read(self: KeptIndex) -> Any:
        pending = self._pending.pop(slot, None)
        if pending is not None:
            member.__set__(self, self._decoded(slot, *pending))
        return member.__get__(self, KeptIndex)

    def write(self: KeptIndex, value: Any) -> None:
        self._pending.pop(slot, None)
        member.__set__(self, value)

    return property(read, write)


class KeptIndex(TextIndex):
    """A kept index whose tables are decoded as they are read. `rescan(slot)`: the table
    `slot` of a scan of every file the kept index stands for (a table of another shape)."""

    __slots__ = ("_pending", "_rescan")

    subclasses = _table("subclasses")
    decorated = _table("decorated")
    protocol_defs = _table("protocol_defs")
    stored = _table("stored")
    attr_stored = _table("attr_stored")
    moved = _table("moved")

    def __init__(self, pending: dict[str, Kept], rescan: Callable[[str], Any]) -> None:
        # (No `TextIndex.__init__`: every table is pending.)
        self._pending = pending
        self._rescan = rescan

    def _decoded(self, slot: str, data: bytes, leave_out: frozenset[str]) -> Any:
        try:
            # (Bytes this tool wrote, under the cache's MAC: see `run.cache`. Checked as the
            # whole index was: `of_plain`.)
            plain: dict[str, Any] = {s: {} for s in SLOTS}
            plain[slot] = marshal.loads(data)
            return getattr(TextIndex.of_plain(plain, leave_out), slot)
        except (ValueError, EOFError, TypeError, AttributeError):
            return self._rescan(slot)

    def kept(self, slot: str) -> Kept | None:
        """The table `slot` as kept, when the run has not read it (None: it did)."""
        return self._pending.get(slot)


def of_kept(raw: Any, stale: frozenset[str], rescan: Callable[[str], Any]) -> KeptIndex:
    """The index the tables `raw` (by slot: bytes and dropped files, as `encoded` makes them)
    stand for, without the entries of the files `stale` (a TypeError or ValueError for data of
    another shape: no index, every file scanned)."""
    if type(raw) is not dict or set(raw) != set(SLOTS):
        raise ValueError("not a kept text index")
    pending: dict[str, Kept] = {}
    for slot, kept in raw.items():
        if type(kept) is not tuple or len(kept) != 2:
            raise ValueError(slot)
        data, dropped = kept
        if type(data) is not bytes or type(dropped) is not list:
            raise ValueError(slot)
        if not set(map(type, dropped)) <= {str}:
            raise ValueError(slot)
        pending[slot] = (data, stale.union(dropped))
    return KeptIndex(pending, rescan)


def encoded(index: TextIndex, leave_out: Set[str]) -> dict[str, tuple[bytes, list[str]]]:
    """The tables of `index` as the cache keeps them, without the entries of the files
    `leave_out` (the buffers): a table of a kept index the run did not read as its bytes were
    read, with those files dropped too; any other made of the table."""
    out: dict[str, tuple[bytes, list[str]]] = {}
    for slot in SLOTS:
        kept = index.kept(slot) if isinstance(index, KeptIndex) else None
        if kept is not None:
            out[slot] = (kept[0], sorted(kept[1].union(leave_out)))
            continue
        one = TextIndex()
        setattr(one, slot, getattr(index, slot))
        out[slot] = (marshal.dumps(one.plain(leave_out)[slot]), [])
    return out

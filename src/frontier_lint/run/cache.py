"""The on-disk cache in `<root>/.frontier-lint-cache/`: per-file results and what they depend on.

Each analysed file's results (findings, unresolved sites, launch-site count, syntax error) are
stored with the content digests of every file they were resolved from. On the next run a file's
results are reused while its own digest and all of theirs are unchanged, so editing the default
of `Config.CODEX_CMD` in `config.py` re-analyses exactly the files that read it. The cache is
keyed by tool version, rule pack and configuration.

What it trusts, and why:
- A file's digest is taken from the cache without reading the file only while its stat data
  (size, mtime, ctime, inode) is unchanged, as git does: a same-size edit with the mtime put
  back (`touch -r`) still changes the ctime, a rename over it the inode. A file whose times
  are too close to the moment it was read ("racily clean" in git's words: a later write in the
  same timestamp tick would leave them as they were) is recorded with no stat data, so the next
  run reads and digests it again.
- The file carries an HMAC-SHA256 of its content under a key that this user's tool created in
  the user's cache directory (`$XDG_CACHE_HOME/frontier-lint/` or `~/.cache/frontier-lint/`,
  outside the project). A cache that this machine's tool did not write (committed into the
  repository, copied from elsewhere, edited) fails the check and is ignored, so it cannot
  turn a failing gate green. Where no key can be kept, the run goes without a cache. The
  content is `marshal` data (plain lists, dicts, strings and numbers, as in `settings.memo`),
  decoded only once the MAC has matched: marshal never sees bytes this tool did not write.
  The per-file records a run looks at for few files (code records, blocks) are each their
  own marshal bytes within it, decoded when a run asks for that file's (`Rows`): a run that
  answers an edit of one file decodes its records only, and saves the others' bytes again.
  Entries are decoded whole at load (every run from the cache reads each one's dependencies,
  searches and calls, and the report its findings): each is a row of its fields, its searches
  numbered in the file's one table of them (a search made once per load).
  The file is replaced whole (a new file renamed over it), so a run that dies while saving, or
  two that save at once, leave one whole cache: what loads is all of one save or nothing.
- The file is read only if it is a regular file (not a symlink, FIFO or device) of bounded
  size; each entry is checked field by field, and a malformed one is dropped (its file is
  analysed again) rather than trusted.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import hmac
import itertools
import marshal
import os
import typing
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import MISSING, asdict, dataclass, field, fields
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from frontier_lint.findings import FileError, Finding, Hop, Unresolved

# The machine key lives in `keys` (light to import); named here too, where it is used. So do
# the cache's directory, the format's version (with the format's history) and the file's name:
# a warm run that its remembered report answers needs nothing else of the cache.
from frontier_lint.run.keys import CACHE_DIR as CACHE_DIR
from frontier_lint.run.keys import KEY_FILE as KEY_FILE
from frontier_lint.run.keys import SUFFIX as SUFFIX
from frontier_lint.run.keys import VERSION as VERSION
from frontier_lint.run.keys import cache_key as cache_key
from frontier_lint.run.keys import cache_name
from frontier_lint.run.keys import key_dir as key_dir
from frontier_lint.run.keys import machine_key as machine_key
from frontier_lint.run.recall import replace_file

# (size, mtime_ns, ctime_ns, inode): what must be unchanged for a digest to be taken on trust;
# NO_STAT matches no file: read it next time. (Defined where a warm run's first look needs them.)
from frontier_lint.run.state import NO_STAT as NO_STAT
from frontier_lint.run.state import Stat as Stat
from frontier_lint.scan.fileio import ReadError, read_regular

if TYPE_CHECKING:
    from frontier_lint.dataflow.searches import Search

T = TypeVar("T")
# A per-file record of `Rows`: a tuple whose first item is the content digest it was taken of.
R = TypeVar("R", bound=tuple[Any, ...])

FORMAT = "frontier-lint-cache"
# The cache of a 6,400-file project is ~1 MB: far above that, the file is not ours to read.
MAX_CACHE_BYTES = 512 << 20
# Times within this distance of the moment a file was looked at cannot prove that it has not
# changed since (timestamp granularity: a coarse kernel clock, 1-2 s on some file systems).
RACY_NS = 2_000_000_000

# (content digest, code digest, dropped line runs): see `CacheData.codes`.
Code = tuple[str, str, tuple[int, ...]]
# One top-level statement of a file (`scan.chunks.Chunk`): (its number of lines, the digest of
# its code (`scan.chunks.chunk_digests`), its kind, its name, whether no gate finds anything in it: `run.blocks.Gate`).
Row = tuple[int, str, str, str, bool]
# (content digest, the chunks the analysis read (by index), the `code_lines` patterns run over
# the file, its chunks, whether CPython is known to accept each chunk on its own): see
# `CacheData.blocks`.
Block = tuple[str, tuple[int, ...], tuple[str, ...], tuple[Row, ...], bool]


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def stat_key(st: os.stat_result, now_ns: int) -> Stat:
    """The stat data to record for a file looked at around `now_ns` (NO_STAT when racy)."""
    if max(st.st_mtime_ns, st.st_ctime_ns) >= now_ns - RACY_NS:
        return NO_STAT
    return current_stat(st)


def current_stat(st: os.stat_result) -> Stat:
    """What `stat_key` records, to compare with a record (inlined where it runs per file)."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _mac(key: bytes, name: str, payload: bytes | memoryview) -> str:
    mac = hmac.new(key, name.encode() + b"\n", hashlib.sha256)
    mac.update(payload)  # (not joined to the name first: a copy of the whole file)
    return mac.hexdigest()


# --------------------------------------------------------------------------- the data


@dataclass
class Entry:
    """What one analysed file contributed to a run."""

    deps: dict[str, str]  # path -> digest of every file its results were resolved from
    findings: list[Finding] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    sites: int = 0
    error: FileError | None = None
    checked: bool = False  # syntax checked with CPython's parser
    calls: list[str] = field(default_factory=list)  # wrappers called with their parameters filled
    # Launch sites whose program is a parameter of a wrapper here: unresolved unless some call
    # in the project fills it in (decided over all files at report time).
    open_sites: list[tuple[str, Unresolved]] = field(default_factory=list)
    # Findings at those sites with the wrapper's parameter defaults filled in: reported when
    # nothing in the project calls the wrapper.
    open_findings: list[tuple[str, Finding]] = field(default_factory=list)
    # Searches of the project by name its results came from: a changed file that matches one
    # makes them stale, as a changed dependency does.
    searches: list[Search] = field(default_factory=list)
    # Names of the wrappers whose calls were looked for in this file (with them followed).
    scanned: list[str] = field(default_factory=list)


class Rows(Mapping[str, R], Generic[R]):
    """Per-file records (`CacheData.codes`, `CacheData.blocks`) as the cache file holds them:
    each one's marshal bytes, decoded (and checked) when the run first asks for that file's.

    A run that answers an edit of one file looks at that file's record only, and a save writes
    the bytes of every record it did not replace as they were read: neither decodes nor
    encodes the others (most of a warm cache's bytes). Each record's content digest is kept
    beside its bytes, so that whether a record still describes its file is known without
    decoding it (`digest`). A record whose bytes do not decode to a well-formed value is
    absent (its file is looked at as one without a record), never trusted."""

    __slots__ = ("_check", "_got", "_raw")

    def __init__(
        self,
        check: Callable[[Any], R],
        raw: dict[str, tuple[str, bytes]] | None = None,
        got: dict[str, R] | None = None,
    ) -> None:
        self._check = check
        # path -> (content digest, bytes): records as read, not replaced (decoded or not).
        self._raw: dict[str, tuple[str, bytes]] = raw if raw is not None else {}
        # path -> record: those decoded, and those set by this run (not in `_raw`).
        self._got: dict[str, R] = got if got is not None else {}

    def __getitem__(self, path: str) -> R:
        got = self._got.get(path)
        if got is not None:
            return got
        content, data = self._raw[path]  # (a KeyError: no record)
        try:
            # (Bytes this tool wrote, under the MAC: see `Cache.load`.)
            value = self._check(marshal.loads(data))
            if value[0] != content:
                raise _Malformed
        except (ValueError, EOFError, TypeError, IndexError, _Malformed):
            del self._raw[path]
            raise KeyError(path) from None
        self._got[path] = value
        return value

    def __contains__(self, path: object) -> bool:
        if path in self._got:
            return True
        if path not in self._raw:
            return False
        try:
            self[path]  # (decoded: a malformed one is no record)
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        yield from self._got
        yield from (p for p in list(self._raw) if p not in self._got)

    def __len__(self) -> int:
        return len(self._got) + sum(1 for p in self._raw if p not in self._got)

    def digest(self, path: str) -> str | None:
        """The content digest the record of `path` was taken of (without decoding it)."""
        raw = self._raw.get(path)
        if raw is not None:
            return raw[0]
        got = self._got.get(path)
        return got[0] if got is not None else None

    def kept(self, keep: Callable[[str, str], bool]) -> Rows[R]:
        """The records for whose path and content digest `keep` holds (bytes shared)."""
        return Rows(
            self._check,
            {p: r for p, r in self._raw.items() if keep(p, r[0])},
            {p: v for p, v in self._got.items() if keep(p, v[0])},
        )

    def with_rows(self, rows: Mapping[str, R]) -> Rows[R]:
        """These records with `rows` set (replacing those of their paths)."""
        raw = {p: r for p, r in self._raw.items() if p not in rows}
        got = {p: v for p, v in self._got.items() if p not in rows}
        got.update(rows)
        return Rows(self._check, raw, got)

    def put(self, path: str, row: R) -> None:
        """Set the record of `path` (its bytes made at save)."""
        self._raw.pop(path, None)
        self._got[path] = row

    def copy_row(self, path: str, source: Rows[R]) -> bool:
        """Take `source`'s record of `path` as it is (its bytes, when it was not replaced)."""
        raw = source._raw.get(path)
        if raw is not None:
            self._raw[path] = raw
            self._got.pop(path, None)
            if path in source._got:
                self._got[path] = source._got[path]
            return True
        got = source._got.get(path)
        if got is None:
            return False
        self._got[path] = got
        self._raw.pop(path, None)
        return True

    def encoded(self) -> dict[str, tuple[str, bytes]]:
        """What the cache file holds of these: the bytes as read, or made of a record set."""
        out = {p: r for p, r in self._raw.items()}
        for p, v in self._got.items():
            if p not in out:
                out[p] = (v[0], marshal.dumps(v))
        return out

    def __repr__(self) -> str:
        return f"Rows({len(self)} records, {len(self._got)} decoded)"


def rows_of(check: Callable[[Any], R], rows: Mapping[str, R]) -> Rows[R]:
    """`rows` as `Rows` (as they are when they are already)."""
    if isinstance(rows, Rows):
        return rows
    return Rows(check, {}, dict(rows))


@dataclass
class CacheData:
    """What the cache file holds, decoded."""

    files: dict[str, tuple[Stat, str]]  # path -> (stat data, content digest)
    entries: dict[str, Entry]
    wrappers: list[tuple[str, str, str]]  # (function id, name searched for, gate words)
    decode_errors: dict[str, tuple[int, int, str]]  # path -> (line, column, message)
    markers: list[str] = field(default_factory=list)  # files mentioning "frontier-lint" (comments)
    # path -> (the content digest it was taken of, `scan.chunks.CodeLines`'s digest and dropped
    # lines): its code apart from comments (plain values: the warm path imports no scanner).
    codes: Mapping[str, Code] = field(default_factory=dict)
    # path -> what the analysis read of the file's code, for the files with a code record read
    # by chunks only (`run.blocks`); `words`: what the gates of its rows look for, and `gate`
    # their digest (rows made under other gates are made again).
    blocks: Mapping[str, Block] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)
    gate: str = ""
    # The project's text index with the digest of each file it scanned, as marshal bytes
    # (`run.textindex`), b"" for none: decoded only by a run whose analysis needs the index.
    index: bytes = b""


class Cache:
    def __init__(self, root: Path, key: str, secret: bytes) -> None:
        self.dir = root / CACHE_DIR
        self.name = cache_name(key)
        self.path = self.dir / self.name
        self._secret = secret
        # Entries as loaded, with their stored rows: saved again as is when the run did not
        # replace them (their searches' numbers into `_table`, the searches as loaded).
        self._loaded: dict[str, tuple[Entry, tuple[Any, ...]]] = {}
        self._table: list[Any] = []
        self._searches: list[Search | None] = []  # (`_table` decoded)
        # The MAC line of the file as last loaded or saved by this run (`run.recall` reads it).
        self.mac: bytes | None = None

    @classmethod
    def open(cls, root: Path, key: str) -> Cache | None:
        """The cache of `root` for settings `key`; None when no machine key can be kept."""
        secret = machine_key()
        return cls(root, key, secret) if secret is not None else None

    def load(self) -> CacheData | None:
        return self.loading().finish()

    def loading(self) -> Loading:
        """The load, to be made a stage at a time (`Loading`)."""
        return Loading(self._stages())

    def _stages(self) -> Generator[None, None, CacheData | None]:
        """`load()` in stages: yields after each (reading and checking the file, decoding it, a
        batch of entries); returns what `load()` does."""
        try:
            data, _ = read_regular(self.path, MAX_CACHE_BYTES, nofollow=True)
        except ReadError:
            return None  # missing, a symlink, a FIFO or device, or oversized: start afresh
        # (The payload as a view: no copy of the file's bytes.)
        end = data.find(b"\n")
        mac, payload = data[: max(end, 0)], memoryview(data)[end + 1 :]
        if end < 0 or not hmac.compare_digest(mac, _mac(self._secret, self.name, payload).encode()):
            return None  # not written by this user's tool (or damaged): start afresh
        self.mac = mac
        yield  # (each stage costs a few milliseconds: the decoding, a batch of entries)
        try:
            # Only after the MAC check: marshal is not meant for data from elsewhere.
            raw = _loads(payload)
            if raw.get("format") != FORMAT or raw.get("version") != VERSION:
                return None
            yield
            # One record per project file on every warm run, so only its shape is checked
            # here (at C speed: the pairs are used as loaded): a value of the wrong type
            # equals no stat data and no digest, which makes the file read again.
            files: dict[str, tuple[Stat, str]] = _files(raw["files"])
            self._table = _of(list, raw["searches"])
            self._searches = _search_table(self._table)
            rows = _of(dict, raw["entries"])
            entries: dict[str, Entry] = {}
            batch = iter(rows.items())
            while part := dict(itertools.islice(batch, _ENTRIES_PER_STAGE)):
                yield
                entries.update(self._entries(part, self._searches))
            for path in set(rows) - set(entries):
                files.pop(path, None)  # malformed entry: its file counts as new, analysed again
            return CacheData(
                files=files,
                entries=entries,
                wrappers=[
                    (_of(str, a), _of(str, b), _of(str, c)) for a, b, c in _rows(raw["wrappers"], 3)
                ],
                decode_errors={
                    p: _decode_error(v) for p, v in _of(dict, raw["decode_errors"]).items()
                },
                markers=_str_list(raw["markers"]),
                # (Decoded file by file when asked for: `Rows`.)
                codes=Rows(_code, _raw_rows(raw["codes"])),
                blocks=Rows(_block, _raw_rows(raw["blocks"])),
                words=_str_list(raw["words"]),
                gate=_of(str, raw["gate"]),
                index=_of(bytes, raw["index"]),
            )
        except (ValueError, EOFError, KeyError, TypeError, AttributeError, _Malformed):
            return None  # corrupt or foreign: start afresh

    def _entries(self, raw: dict[str, Any], table: list[Search | None]) -> dict[str, Entry]:
        out: dict[str, Entry] = {}
        for path, row in raw.items():
            try:
                out[path] = _entry(row, table)
            except (_Malformed, ValueError, KeyError, TypeError, AttributeError, IndexError):
                continue
            self._loaded[path] = (out[path], row)
        return out

    def _rows_of(self, entries: Mapping[str, Entry]) -> tuple[dict[str, Any], list[Any]]:
        """The stored rows of `entries` and the table of searches they number. An entry loaded
        and not replaced keeps its row as read: the table keeps the loaded one's numbers, and
        the searches of the entries this run made are numbered after them (an edit adds a
        few); once fewer than half its searches are still numbered, it is made again."""
        table = list(self._table)
        number = {(s.kind.value, s.name): i for i, s in enumerate(self._searches) if s}
        rows: dict[str, Any] = {}
        for p, e in entries.items():
            loaded = self._loaded.get(p)
            if loaded is not None and loaded[0] is e:
                rows[p] = loaded[1]
                continue
            numbers = []
            for s in e.searches:
                key = (s.kind.value, s.name)
                i = number.get(key)
                if i is None:
                    i = number[key] = len(table)
                    table.append(list(key))
                numbers.append(i)
            rows[p] = (*_entry_row(e), tuple(numbers))
        used: set[int] = set().union(*(r[-1] for r in rows.values()))
        if len(table) > 2 * len(used) + _SPARE_SEARCHES:
            # (Numbered again in the order of their kind and name: a cold run's table.)
            kept = sorted(used, key=lambda i: (table[i][0], table[i][1]))
            new = {old: i for i, old in enumerate(kept)}
            table = [table[i] for i in kept]
            rows = {p: (*r[:-1], tuple(map(new.__getitem__, r[-1]))) for p, r in rows.items()}
        return rows, table

    def save(self, data: CacheData) -> None:
        rows, table = self._rows_of(data.entries)
        document = {
            "format": FORMAT,
            "version": VERSION,
            # (Pairs of tuples, as loaded: marshal writes them as they are.)
            "files": data.files,
            "entries": rows,
            "searches": table,
            "wrappers": sorted(list(w) for w in data.wrappers),
            "decode_errors": {p: list(v) for p, v in sorted(data.decode_errors.items())},
            "markers": sorted(data.markers),
            # (The records a run did not replace: their bytes as read.)
            "codes": rows_of(_code, data.codes).encoded(),
            "blocks": rows_of(_block, data.blocks).encoded(),
            "words": sorted(data.words),
            "gate": data.gate,
            "index": data.index,
        }
        # (Strings of any kind, file names that are not UTF-8 among them, go through as they
        # are: marshal keeps lone surrogates.)
        payload = marshal.dumps(document)
        mac = _mac(self._secret, self.name, payload).encode()
        self.mac = None
        try:
            self.dir.mkdir(exist_ok=True)
            with contextlib.suppress(FileExistsError), open(self.dir / ".gitignore", "x") as fh:
                fh.write("# Created by frontier-lint automatically.\n*\n")
        except OSError:
            return  # a read-only tree: the cache is an optimisation, never an error
        # Older keys (another configuration or version) are left to be overwritten by theirs.
        if replace_file(self.path, mac + b"\n" + payload):
            self.mac = mac


class Loading:
    """A cache's load made a stage at a time (`Cache.loading`): begun while this process would
    otherwise wait (`run.engine`: for the child that lists the project), and either finished
    when the run needs the data or dropped when it does not (a run its remembered report
    answers). The same data as `Cache.load()` either way."""

    def __init__(self, stages: Generator[None, None, CacheData | None]) -> None:
        self._stages = stages
        self._done: tuple[CacheData | None] | None = None

    def advance_while(self, busy: Callable[[], bool]) -> None:
        """Make stages while `busy()` (checked before each) and the load is not done."""
        while self._done is None and busy():
            self._step()

    def finish(self) -> CacheData | None:
        """The loaded data (None: no cache, or one not to be trusted), its remaining stages
        made now."""
        while self._done is None:
            self._step()
        return self._done[0]

    def _step(self) -> None:
        try:
            next(self._stages)
        except StopIteration as done:
            self._done = (done.value,)


# Entries decoded per stage of a load (~3 ms each): a run that drops the load when the child's
# answer arrives made at most one stage more than it waited.
_ENTRIES_PER_STAGE = 256


def _finding_json(f: Finding) -> dict[str, Any]:
    d = asdict(f)
    del d["via"]  # set by a run's report, never part of a file's results
    d["trace"] = [list((h.path, h.line, h.column, h.note)) for h in f.trace]
    return d


def _unresolved_json(u: Unresolved) -> dict[str, Any]:
    d = asdict(u)
    del d["via"]  # as in _finding_json
    return d


def _entry_json(e: Entry) -> dict[str, Any]:
    """An entry as dicts of its fields (`plain_entries`' form)."""
    return {
        **dict(zip(ROW_FIELDS, _entry_row(e), strict=True)),
        "searches": [[s.kind.value, s.name] for s in e.searches],
    }


# An entry's fields in the order of its stored row (`_entry_row`), which ends with the numbers
# of its searches in the file's table of searches (`searches`: each [kind, name] once).
ROW_FIELDS = (
    "deps",
    "findings",
    "unresolved",
    "sites",
    "error",
    "checked",
    "calls",
    "open_sites",
    "open_findings",
    "scanned",
)


def _entry_row(e: Entry) -> tuple[Any, ...]:
    """An entry as stored, without its searches' numbers (`ROW_FIELDS`)."""
    return (
        e.deps,
        [_finding_json(f) for f in e.findings],
        [_unresolved_json(u) for u in e.unresolved],
        e.sites,
        asdict(e.error) if e.error else None,
        e.checked,
        e.calls,
        [[fid, _unresolved_json(u)] for fid, u in e.open_sites],
        [[fid, _finding_json(f)] for fid, f in e.open_findings],
        e.scanned,
    )


def plain_entries(document: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A cache document's entries as dicts of their fields (`_entry_json`'s form, searches as
    [kind, name] pairs): for tests and tools that read or edit them."""
    table = document["searches"]
    return {
        p: {**dict(zip(ROW_FIELDS, row[:-1], strict=True)), "searches": [table[i] for i in row[-1]]}
        for p, row in document["entries"].items()
    }


def set_plain_entries(document: dict[str, Any], entries: Mapping[str, Mapping[str, Any]]) -> None:
    """Store `entries` (as `plain_entries` gives them) into `document` as rows."""
    table = sorted({tuple(k) for e in entries.values() for k in e["searches"]})
    number = {k: i for i, k in enumerate(table)}
    document["searches"] = [list(k) for k in table]
    document["entries"] = {
        p: (
            *(e[f] for f in ROW_FIELDS),
            tuple(number[tuple(k)] for k in e["searches"]),
        )
        for p, e in entries.items()
    }


class _Malformed(ValueError):
    """A cache value of the wrong shape."""


def _of(kind: type[T], value: Any) -> T:
    """`value` if it is exactly of `kind` (JSON has no subclasses; a bool is no int)."""
    if type(value) is not kind:
        raise _Malformed
    return value


def _items(value: Any, n: int, kind: type[Any] = list) -> Any:
    """A JSON array (or a tuple) of exactly `n` items."""
    items: Any = _of(kind, value)
    if len(items) != n:
        raise _Malformed
    return items


def _rows(value: Any, n: int) -> list[list[Any]]:
    """A JSON array of arrays of `n` items each."""
    if type(value) is not list:
        raise _Malformed
    for row in value:  # (checked in place: most are empty, and every warm run loads them all)
        if type(row) is not list or len(row) != n:
            raise _Malformed
    return value


def _str_list(value: Any) -> list[str]:
    if type(value) is not list or not set(map(type, value)) <= {str}:
        raise _Malformed
    return value


def _decode_error(value: Any) -> tuple[int, int, str]:
    line, column, message = _items(value, 3)
    return _of(int, line), _of(int, column), _of(str, message)


def _code(value: Any) -> Code:
    content, code, dropped = _items(value, 3, tuple)
    if type(dropped) is not tuple or not set(map(type, dropped)) <= {int} or len(dropped) % 2:
        raise _Malformed
    return _of(str, content), _of(str, code), dropped


def _block(value: Any) -> Block:
    content, reads, patterns, rows, ok = _items(value, 5, tuple)
    if type(reads) is not tuple or not set(map(type, reads)) <= {int}:
        raise _Malformed
    if type(patterns) is not tuple or not set(map(type, patterns)) <= {str}:
        raise _Malformed
    if type(rows) is not tuple:
        raise _Malformed
    for row in rows:
        # (Its types at once, as a hop's.)
        if type(row) is not tuple or tuple(map(type, row)) != _ROW:
            raise _Malformed
    return _of(str, content), reads, patterns, rows, _of(bool, ok)


def _raw_rows(value: Any) -> dict[str, tuple[str, bytes]]:
    """`Rows`' undecoded records: (content digest, bytes) by path, their shape checked."""
    rows = _of(dict, value)
    pairs = rows.values()
    if not (
        set(map(type, pairs)) <= {tuple}
        and set(map(len, pairs)) <= {2}
        and set(map(type, map(_FIRST, pairs))) <= {str}
        and set(map(type, map(_SECOND, pairs))) <= {bytes}
    ):
        raise _Malformed
    return rows


def _files(value: Any) -> dict[str, tuple[Stat, str]]:
    """The (stat data, digest) pairs by path, used as loaded: their shape checked (a value of
    a wrong type within equals no stat data, no digest)."""
    files = _of(dict, value)
    pairs = files.values()
    stats = list(map(_FIRST, pairs)) if set(map(type, pairs)) <= {tuple} else None
    if (
        stats is None
        or not set(map(len, pairs)) <= {2}
        or not set(map(type, stats)) <= {tuple}
        or not set(map(len, stats)) <= {4}
    ):
        raise _Malformed
    return files


def _loads(payload: bytes | memoryview) -> Any:
    """`marshal.loads` without the cyclic GC: its containers cannot form a cycle, and the
    young collections their number sets off found nothing to free (a third of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(payload)
    finally:
        if enabled:
            gc.enable()


_FIRST = itemgetter(0)
_SECOND = itemgetter(1)


def _build(cls: Callable[..., T], raw: Any, **given: Any) -> T:
    """`cls(**raw)` for a flat dataclass, refusing unknown keys and values of the wrong type."""
    if type(raw) is not dict:
        raise _Malformed
    required, allowed = _shape(cls)
    # Every (field, exact type) pair one of the allowed ones: no unknown key, no wrong type.
    if not required <= raw.keys() or not {(k, type(v)) for k, v in raw.items()} <= allowed:
        raise _Malformed
    return cls(**raw, **given)


@functools.cache
def _shape(cls: Any) -> tuple[frozenset[str], frozenset[tuple[str, type]]]:
    """A dataclass's fields without a default, and each field's name with each of its exact
    types (`str | None`: str and NoneType; never bool for an int)."""
    required = frozenset(
        f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING
    )
    hints = typing.get_type_hints(cls)
    allowed = frozenset(
        (name, t) for name, h in hints.items() for t in (typing.get_args(h) or (h,))
    )
    return required, allowed


def _entry(row: Any, table: list[Search | None]) -> Entry:
    # (Every run from the cache decodes every entry, and reads each one's deps, searches and
    # calls: the row's fields are unpacked at once, their types checked at C speed, and the
    # empty lists most entries have passed over.)
    if type(row) is not tuple or len(row) != _ROW_LENGTH:
        raise _Malformed
    deps, findings, unresolved, sites, error, checked, calls, open_sites, open_findings = row[:9]
    scanned, numbers = row[9], row[10]
    if tuple(map(type, (deps, findings, unresolved, sites, checked, calls, scanned))) != _ENTRY:
        raise _Malformed
    if type(open_sites) is not list or type(open_findings) is not list:
        raise _Malformed
    if deps and not set(map(type, deps.values())) <= _STR:
        raise _Malformed
    if (calls and not set(map(type, calls)) <= _STR) or (
        scanned and not set(map(type, scanned)) <= _STR
    ):
        raise _Malformed
    searches: list[Any] = []
    if numbers:
        # (A number out of the table, or of a search not well formed, refuses the entry.)
        if type(numbers) is not tuple or not set(map(type, numbers)) <= _INT or min(numbers) < 0:
            raise _Malformed
        searches = list(map(table.__getitem__, numbers))
        # (`all`, not `None in`: a search is true by default at C speed, where `in` called
        # the dataclass's `__eq__` once per search, ~11 k calls a load of the planted corpus.)
        if not all(searches):
            raise _Malformed
    elif type(numbers) is not tuple:
        raise _Malformed
    return Entry(
        deps,
        [_finding(f) for f in findings] if findings else [],
        [_build(Unresolved, u) for u in unresolved] if unresolved else [],
        sites,
        _build(FileError, error) if error is not None else None,
        checked,
        calls,
        [(_of(str, fid), _build(Unresolved, u)) for fid, u in _rows(open_sites, 2)]
        if open_sites
        else [],
        [(_of(str, fid), _finding(f)) for fid, f in _rows(open_findings, 2)]
        if open_findings
        else [],
        searches,
        scanned,
    )


_ROW_LENGTH = len(ROW_FIELDS) + 1
# Searches no entry numbers that a table may keep beyond as many as are numbered (`_rows_of`).
_SPARE_SEARCHES = 64
# The exact types of an entry's deps, findings, unresolved, sites, checked, calls and scanned.
_ENTRY = (dict, list, list, int, bool, list, list)
_STR = {str}
_INT = {int}


def _search_table(rows: list[Any]) -> list[Search | None]:
    """The searches the entries number, each made once per load; None for a row that is no
    search this tool makes (an entry numbering it is refused)."""
    # (Imported here: the warm run that answers from `run.recall` never gets this far.)
    from frontier_lint.dataflow.searches import KINDS, Search

    out: list[Search | None] = []
    for row in rows:
        made = None
        if type(row) is list and len(row) == 2 and type(row[0]) is str and type(row[1]) is str:
            kind = KINDS.get(row[0])  # (None: an unknown kind)
            if kind is not None:
                made = Search(kind, row[1])
        out.append(made)
    return out


def _finding(raw: Any) -> Finding:
    raw = _of(dict, raw)
    trace = _of(list, raw.get("trace"))
    for hop in trace:
        if type(hop) is not list or tuple(map(type, hop)) != _HOP:
            raise _Malformed
    # The loaded JSON is written back as is for entries a run keeps: not modified here.
    fields_ = dict(raw)
    del fields_["trace"]
    return _build(Finding, fields_, trace=tuple([Hop(*hop) for hop in trace]))


_HOP = (str, int, int, str)  # a hop's path, line, column and note
_ROW = (int, str, str, str, bool)  # a block's row (`Row`)

"""The project as the analysis sees it: its files, their sources, and where imports lead.

Imports are resolved the way the code will run in a monorepo without packaging metadata: an
absolute import is tried against the importing file's ancestors, nearest first (so
`from core.config import Config` in `app/svc/src/services/tasks.py` finds
`app/svc/src/core/config.py`), then against configured `roots`, then the project root.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from frontier_lint.frontend.grammar import RUNNING, Version
from frontier_lint.scan.fileio import DEFAULT_MAX_FILE_SIZE, ReadError, read_regular

if TYPE_CHECKING:
    from frontier_lint.frontend.parsing import SourceFile
    from frontier_lint.scan.chunks import Chunk


class ParseFailure(Exception):
    """A file (or the part the analysis needed) that libcst or CPython cannot parse."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path = path
        self.line = line
        self.column = column
        self.message = message

    def __reduce__(self) -> tuple[type[ParseFailure], tuple[str, int, int, str]]:
        # (Sent from a child that analysed a share of the files: `run.split`.)
        return ParseFailure, (self.path, self.line, self.column, self.message)

    @property
    def reason(self) -> str:
        """Why a value read from the file is unknown."""
        return f"{self.path} cannot be parsed: {self.message}"


class TooDeep(ParseFailure):
    """A statement CPython accepts with an expression too deep to analyse (`grammar.MAX_DEPTH`):
    where the analysis needs it, a launch site or value it holds is unresolved."""

    @property
    def reason(self) -> str:
        return f"{self.path}:{self.line} is not analysed: {self.message}"


class DecodeFailure(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


def decode_source(data: bytes, path: str) -> str:
    """Bytes to text, honouring PEP 263 cookies and BOMs (see `source.decode`)."""
    try:
        return data.decode("utf-8") if _plain_utf8(data) else _decode_slow(data, path)
    except UnicodeDecodeError:
        return _decode_slow(data, path)


def _plain_utf8(data: bytes) -> bool:
    # Fast path: no BOM, no NUL and no coding cookie in the first two lines.
    if data[:3] == b"\xef\xbb\xbf" or data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data:
        return False
    head = data[:400].split(b"\n", 2)[:2]
    return not any(b"coding" in line and line.lstrip().startswith(b"#") for line in head)


def _decode_slow(data: bytes, path: str) -> str:
    from frontier_lint.frontend import source

    try:
        return source.decode(data, path)
    except source.SourceError as exc:
        raise DecodeFailure(exc.line, exc.column, exc.message) from None


class _Kept:
    """The bytes of the files read last, copied into one buffer made once and overwritten in
    turn (the oldest first). Not the bytes objects themselves: each kept one stays where the
    allocator put it while the files read after it come and go around it, and 2 MB kept that
    way grew the process by 30 MB on the corpus."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._view: memoryview | None = None  # (allocated on first use)
        self._at: dict[str, tuple[int, int]] = {}  # path -> (offset, length)
        self._order: deque[str] = deque()  # the paths kept, oldest first
        self._end = 0  # where the next file's bytes go

    def get(self, path: str) -> bytes | None:
        got = self._at.get(path)
        if got is None or self._view is None:
            return None
        return bytes(self._view[got[0] : got[0] + got[1]])

    def put(self, path: str, data: bytes) -> None:
        n = len(data)
        if n > self.size // 4 or path in self._at:  # (one large file would push out all others)
            return
        if self._view is None:
            self._view = memoryview(bytearray(self.size))
        at, order = self._at, self._order
        if self._end + n > self.size:
            # From the start again: what lies beyond this point is the oldest, let go first.
            while order and at[order[0]][0] >= self._end:
                del at[order.popleft()]
            self._end = 0
        start, end = self._end, self._end + n
        # The oldest kept first: those of the last time round lie in order from `start` on
        # (the ones from before `start` were overwritten), then this time round's, before it.
        while order and start <= at[order[0]][0] < end:
            del at[order.popleft()]
        self._view[start:end] = data
        at[path] = (start, n)
        order.append(path)
        self._end = end


class ReadLog:
    """What a run's analysis read of each file's text, for the cache to know which top-level
    statements (chunks, `scan.chunks.split_chunks`) no result can depend on: an edit confined
    to those is answered without the analysis (`run.blocks`).

    `chunks`: path -> indices of the chunks read (parsed, or their lines looked at); `whole`:
    files read as a whole by a scan whose answer is not tracked to chunks (the file counts as
    read everywhere); `patterns`: path -> the regexes `SourceFile.code_lines` ran over the file
    (a chunk they match in is one the analysis would look at); `words`: names the analysis
    searched file texts for by bytes (a chunk naming one may change such an answer)."""

    def __init__(self) -> None:
        self.chunks: dict[str, set[int]] = {}
        self.whole: set[str] = set()
        self.patterns: dict[str, set[str]] = {}
        # The compiled regexes of `patterns` where the analysis had them: the cache's gates
        # run them again at save (`run.blocks`) without compiling them anew.
        self.compiled: dict[str, re.Pattern[str]] = {}
        self.words: set[str] = set()

    def read(self, path: str, index: int) -> None:
        got = self.chunks.get(path)
        if got is None:
            self.chunks[path] = {index}
        else:
            got.add(index)

    def searched(self, *words: str | bytes) -> None:
        for w in words:
            self.words.add(w if isinstance(w, str) else w.decode("utf-8", "surrogateescape"))


class Project:
    """Files of the analysis scope and lazily loaded sources."""

    # The bytes of the files read last are kept up to this many in all (`raw`): on the 2.3 M-line
    # corpus 1 MB answered 4,100 of 45,000 reads (101 MB of bytes: large modules that one search
    # after another asks about), 2 MB 4,600 and 4 MB 4,900.
    KEEP_BYTES = 1_000_000
    # The texts of the sources used last are kept up to this many characters in all (`source`);
    # the others are let go and read again if asked for (`SourceFile.let_go`). All of them
    # kept were 11 MB of the corpus run's peak, in which 2 MB kept read 609 texts again
    # (14 MB: read and decoded again in ~30 ms).
    KEEP_TEXT = 2_000_000

    def __init__(
        self,
        root: Path,
        files: Iterable[str],
        *,
        roots: Iterable[str] = (),
        overrides: Mapping[str, str] | None = None,
        max_bytes: int = DEFAULT_MAX_FILE_SIZE,
        target: Version | None = None,
    ) -> None:
        self.root = root
        self.max_bytes = max_bytes  # a larger file reads as unreadable (see `read`)
        # The Python version the code is written for (`grammar.project_target`).
        self.target = target or RUNNING
        self._root = str(root)
        self.files: set[str] = set(files)
        self.overrides = dict(overrides or {})
        self.files |= set(self.overrides)
        self.extra_roots = tuple(r.strip("/") for r in roots)
        self._dir_set: set[str] | None = None  # (`_dirs`: listed when first asked for)
        self._sources: dict[str, SourceFile | None] = {}
        # The sources whose texts are kept (path -> length), used last at the end (`_hold`).
        self._held: OrderedDict[str, int] = OrderedDict()
        self._held_size = 0
        self._raw: dict[str, bytes] = {}  # the overrides' bytes
        self._kept = _Kept(self.KEEP_BYTES)  # (`raw`)
        self._module_cache: dict[tuple[str, str], str | None] = {}
        # Every file whose source was asked for: what the analysis actually read.
        self.opened: set[str] = set()
        # Which parts of the files' texts the analysis read (`ReadLog`).
        self.reads = ReadLog()
        # Line starts and chunks of texts split before their source was made (a child's launch
        # scan: `run.analyse`), handed to the source when it is (the files do not change during
        # a run).
        self.presplit: dict[str, tuple[list[Chunk], list[int]]] = {}

    # --- sources ----------------------------------------------------------------------------

    def raw(self, path: str, *, keep: bool = True) -> bytes:
        """The file's bytes; empty when it is not a regular file, is larger than `max_bytes`
        or cannot be read (the engine reports those from its own read). Only the files read
        last are kept (`KEEP_BYTES`): a project's sources would stay in memory all run long,
        while the searches of the whole project that read them again are the OS page cache's;
        what one file's analysis asks of it in a row is kept (the files do not change during
        a run).

        keep: False for a scan of every file in turn (a wrapper round's, the class index's):
        its reads pushed each other out of the buffer (388 of 25,644 found again on the
        corpus) and the copies cost more than they saved, while the files the analysis asks
        about again and again stay kept."""
        data = self._raw.get(path)
        if data is not None:
            return data
        if path in self.overrides:
            data = self._raw[path] = self.overrides[path].encode("utf-8", "surrogatepass")
            return data
        data = self._kept.get(path)
        if data is not None:
            return data
        try:
            # From a str path with os calls: every file is read once per wrapper round, and
            # pathlib's joins plus buffered reads doubled the cost of those reads.
            data, _ = read_regular(os.path.join(self._root, path), self.max_bytes)
        except ReadError:
            return b""
        if keep:
            self._kept.put(path, data)
        return data

    def source(self, path: str) -> SourceFile | None:
        """The parsed-on-demand source of `path`, or None when it cannot be decoded."""
        if path in self._sources:
            if path in self._held:
                self._held.move_to_end(path)  # (used last: let go last)
            return self._sources[path]
        from frontier_lint.frontend.parsing import (
            SourceFile,  # libcst, only once something is parsed
        )

        src: SourceFile | None = None
        if path in self.overrides:  # (its text is the override's: nothing to let go)
            src = SourceFile(path, self.overrides[path], self.target, self.reads)
        elif path in self.files:
            try:
                text = decode_source(self.raw(path), path)
                src = SourceFile(path, text, self.target, self.reads, self._text_again)
                self._hold(path, len(text))
            except DecodeFailure:
                src = None  # the engine reports undecodable files from its first read
            split = self.presplit.pop(path, None)
            if src is not None and split is not None:
                src.seed(*split)
        self._sources[path] = src
        self.opened.add(path)
        return src

    def _text_again(self, path: str) -> str:
        """A let-go source's text, read again (kept again, as used last)."""
        try:
            text = decode_source(self.raw(path), path)
        except DecodeFailure as exc:
            raise ParseFailure(path, exc.line, exc.column, exc.message) from None
        self._hold(path, len(text))
        return text

    def _hold(self, path: str, size: int) -> None:
        """Note a source's text as kept and used last; let the texts used longest ago go
        while the kept ones are more than `KEEP_TEXT` (the last one always stays)."""
        held = self._held
        old = held.pop(path, None)
        self._held_size += size - (old or 0)
        held[path] = size
        while self._held_size > self.KEEP_TEXT and len(held) > 1:
            gone, n = held.popitem(last=False)
            self._held_size -= n
            src = self._sources.get(gone)
            if src is not None:
                src.let_go()

    def text(self, path: str) -> str | None:
        """The decoded text of `path` (None when it cannot be decoded), as `source` has it,
        without making a `SourceFile` where none was made: a reader of the text alone (the
        suppression comments of a reported file) parses nothing and imports no libcst."""
        if path in self._sources:
            src = self._sources[path]
            if src is None:
                return None
            if src.held_text is not None:
                return src.held_text
            # (A text let go: read as for a file with no source, without keeping it again.)
        if path in self.overrides:
            return self.overrides[path]
        if path not in self.files:
            return None
        try:
            return decode_source(self.raw(path), path)
        except DecodeFailure:
            return None

    def loaded(self, path: str) -> bool:
        return path in self._sources

    def kept_source(self, path: str) -> SourceFile | None:
        """The source of `path` if the run loaded it and keeps it (never loads one)."""
        return self._sources.get(path)

    def release(self, path: str) -> None:
        """Forget a source nothing was parsed from (it is read again if asked for)."""
        self._sources.pop(path, None)
        n = self._held.pop(path, None)
        if n is not None:
            self._held_size -= n

    # --- modules ----------------------------------------------------------------------------

    @property
    def _dirs(self) -> set[str]:
        """The project's directories (root-relative, '/'-separated). Listed on first use: a
        warm run with nothing changed asks no import question."""
        dirs = self._dir_set
        if dirs is None:
            dirs = self._dir_set = set()
            for f in self.files:
                d = f.rpartition("/")[0]
                while d and d not in dirs:
                    dirs.add(d)
                    d = d.rpartition("/")[0]
        return dirs

    def directories(self) -> set[str]:
        """Every directory that holds a project file, at any depth."""
        return self._dirs

    def is_package(self, module_path: str) -> bool:
        return module_path.endswith("/__init__.py") or not module_path.endswith(".py")

    def package_dir(self, module_path: str) -> str:
        """The directory that submodules of `module_path` live in."""
        if module_path.endswith("/__init__.py"):
            return module_path[: -len("/__init__.py")]
        if module_path.endswith(".py"):
            return posixpath.dirname(module_path)
        return module_path  # namespace package: a directory

    def _lookup(self, base: str, dotted: str) -> str | None:
        # (`posixpath.join`'s answer, joined here: the import questions of a caller search ask
        # this ~90,000 times on the corpus, and the join's generality was a third of its cost.)
        rel = dotted.replace(".", "/") if "." in dotted else dotted
        if not base or rel[:1] == "/":
            full = rel
        elif base[-1] == "/":
            full = base + rel
        else:
            full = f"{base}/{rel}"
        files = self.files
        module = full + ".py"
        if module in files:
            return module
        init = full + "/__init__.py"
        if init in files:
            return init
        if full in self._dirs:
            return full  # namespace package
        return None

    def forget_modules(self) -> None:
        """Let go of the answers `resolve_absolute` kept (found again if asked again)."""
        self._module_cache = {}

    def resolve_absolute(self, dotted: str, from_file: str) -> str | None:
        """The project module for `import dotted` written in `from_file`, or None (external)."""
        start = from_file.rpartition("/")[0]  # (`posixpath.dirname` of a root-relative path)
        key = (start, dotted)
        cache = self._module_cache
        if key in cache:
            return cache[key]
        found: str | None = None
        d = start
        while True:
            found = self._lookup(d, dotted)
            if found or not d:
                break
            d = d.rpartition("/")[0]
        if found is None:
            for r in self.extra_roots:
                found = self._lookup(r, dotted)
                if found:
                    break
        self._module_cache[key] = found
        return found

    def resolve_relative(self, dotted: str, level: int, from_file: str) -> str | None:
        base = posixpath.dirname(from_file)
        for _ in range(level - 1):
            if not base:
                return None
            base = posixpath.dirname(base)
        if not dotted:
            if base + "/__init__.py" in self.files:
                return base + "/__init__.py"
            return base if base in self._dirs or not base else None
        return self._lookup(base, dotted)

    def submodule(self, module_path: str, name: str) -> str | None:
        if not self.is_package(module_path):
            return None
        return self._lookup(self.package_dir(module_path), name)

    def submodules(self, module_path: str, names: Iterable[str]) -> Iterator[str]:
        """`submodule` of each of `names` that is one (the package's directory found once)."""
        if self.is_package(module_path):
            d = self.package_dir(module_path)
            for name in names:
                sub = self._lookup(d, name)
                if sub is not None:
                    yield sub

    def module_name(self, module_path: str) -> str:
        """A readable dotted name for messages."""
        p = module_path[:-3] if module_path.endswith(".py") else module_path
        p = p.removesuffix("/__init__")
        return p.replace("/", ".")

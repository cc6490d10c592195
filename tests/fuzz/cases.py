"""A fuzz case: a small project tree (bytes names and contents, odd nodes), what to run it with,
and what its spliced launches promise. Cases are values: the same seed and id give the same case.
"""

from __future__ import annotations

import enum
import os
import socket
import stat
from dataclasses import dataclass, field
from pathlib import Path


class Node(enum.Enum):
    FILE = "file"
    DIR = "dir"
    FIFO = "fifo"
    SOCKET = "socket"
    SYMLINK = "symlink"
    UNREADABLE = "unreadable"  # a file with mode 000 (readable anyway by root)


@dataclass(frozen=True)
class Entry:
    path: bytes  # relative to the project root, `/`-separated; need not be UTF-8
    node: Node = Node.FILE
    data: bytes = b""
    target: bytes = b""  # symlinks


@dataclass(frozen=True)
class Expectation:
    """A spliced launch of `program` whose verdict for `path` may not be clean."""

    path: str
    program: str
    kind: str  # the fragment's template, for the report


@dataclass(frozen=True)
class Case:
    """One input. `named` are the paths given on the command line (empty: the project root).

    `usage_error_ok`: the input is a usage error by construction (a FIFO named on the command
    line), so exit 2 with one line on stderr is a correct answer too. `buffer` is the file the
    language-server check opens, `base` the text it starts from before changing to the input.
    """

    id: str
    family: str
    note: str
    entries: tuple[Entry, ...]
    named: tuple[bytes, ...] = ()
    expectations: tuple[Expectation, ...] = ()
    usage_error_ok: bool = False
    buffer: bytes | None = None
    base: bytes = b""
    lsp: bool = True  # whether the language-server check applies (trees of odd nodes: no)
    timeout_scale: float = 1.0
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    def file(self, path: bytes) -> bytes:
        return next(e.data for e in self.entries if e.path == path)

    def size(self) -> int:
        return sum(len(e.data) for e in self.entries)


def write_tree(case: Case, root: Path) -> Path:
    """Create the case's project under `root` (a `.git` marks it as the project root)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / ".git").mkdir(exist_ok=True)
    base = os.fsencode(root)
    for entry in case.entries:
        path = base + b"/" + entry.path
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if entry.node is Node.FILE or entry.node is Node.UNREADABLE:
            with open(path, "wb") as out:
                out.write(entry.data)
            if entry.node is Node.UNREADABLE:
                os.chmod(path, 0)
        elif entry.node is Node.DIR:
            os.makedirs(path, exist_ok=True)
        elif entry.node is Node.FIFO:
            os.mkfifo(path)
        elif entry.node is Node.SOCKET:
            sock = socket.socket(socket.AF_UNIX)
            try:
                sock.bind(path)
            finally:
                sock.close()  # the socket file stays: nothing listens (as after a crash)
        elif entry.node is Node.SYMLINK:
            os.symlink(entry.target, path)
    return root


def remove_tree(root: Path) -> None:
    """Remove a written case (undoing mode 000 first; never following symlinks)."""
    if not root.exists():
        return
    for dirpath, dirnames, filenames in os.walk(os.fsencode(root), topdown=False):
        for name in filenames + dirnames:
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            if stat.S_ISDIR(st.st_mode):
                os.chmod(path, 0o700)
                os.rmdir(path)
            else:
                os.unlink(path)
    os.rmdir(root)


def read_tree(root: Path) -> tuple[Entry, ...]:
    """A written case's entries, read back (nothing followed, nothing opened but files)."""
    entries = []
    base = os.fsencode(root)
    for dirpath, dirnames, filenames in os.walk(base):
        for name in sorted(dirnames + filenames):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, base)
            if rel == b".git":
                continue
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                entries.append(Entry(rel, Node.SYMLINK, target=os.readlink(path)))
            elif stat.S_ISDIR(st.st_mode):
                if not os.listdir(path):
                    entries.append(Entry(rel, Node.DIR))
            elif stat.S_ISFIFO(st.st_mode):
                entries.append(Entry(rel, Node.FIFO))
            elif stat.S_ISSOCK(st.st_mode):
                entries.append(Entry(rel, Node.SOCKET))
            else:
                with open(path, "rb") as f:
                    data = f.read()
                node = Node.UNREADABLE if st.st_mode & 0o777 == 0 else Node.FILE
                entries.append(Entry(rel, node, data=data))
        dirnames[:] = [d for d in dirnames if d != b".git"]
    return tuple(sorted(entries, key=lambda e: e.path))


def case_json(case: Case) -> dict[str, object]:
    """What `read_tree` cannot see: what the case names, promises and opens."""
    return {
        "id": case.id,
        "family": case.family,
        "note": case.note,
        "named": [os.fsdecode(p) for p in case.named],
        "expectations": [[e.path, e.program, e.kind] for e in case.expectations],
        "usage_error_ok": case.usage_error_ok,
        "buffer": os.fsdecode(case.buffer) if case.buffer is not None else None,
        "lsp": case.lsp,
        "timeout_scale": case.timeout_scale,
    }


def load_case(directory: Path) -> Case:
    """A reproducer directory (`project/`, `case.json`, `base.py`) as a case again."""
    import json

    meta = json.loads((directory / "case.json").read_text(encoding="utf-8"))
    base = directory / "base.py"
    return Case(
        id=meta["id"],
        family=meta["family"],
        note=meta["note"],
        entries=read_tree(directory / "project"),
        named=tuple(os.fsencode(p) for p in meta["named"]),
        expectations=tuple(Expectation(*e) for e in meta["expectations"]),
        usage_error_ok=meta["usage_error_ok"],
        buffer=os.fsencode(meta["buffer"]) if meta["buffer"] is not None else None,
        base=base.read_bytes() if base.exists() else b"",
        lsp=meta["lsp"],
        timeout_scale=meta["timeout_scale"],
    )

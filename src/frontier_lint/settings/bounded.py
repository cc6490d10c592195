"""Bounded reading of configuration input: `frontier-lint.yaml`, `pyproject.toml`, rule packs.

A configuration file is input like any other: a YAML alias bomb ("billion laughs": a few lines
whose aliases expand to 10^9 nodes), a recursive alias, a deeply nested document or a file that
never ends (`/dev/zero`, a FIFO) must end in a one-line error, quickly and in little memory, not in
a MemoryError after a minute. Every bound here raises `InputTooLarge`, whose text says which bound;
the caller adds the file's name.

YAML is checked on its event stream before anything is built (libyaml's C parser when available,
so the check costs ~1 ms on the built-in pack): each node's *expanded* size (an alias counts the
whole node it repeats) and the nesting depth are bounded, as is the number of aliases. TOML cannot
alias; its parser recurses on nested arrays and inline tables, and raises RecursionError a few
hundred levels down, which `toml_loads` turns into the same error.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

# A configuration or rule pack is a few kilobytes; the built-in pack is ~14 KB.
MAX_BYTES = 1 << 20
# Expanded YAML nodes (scalars, sequences and mappings, aliases counted as what they repeat): the
# built-in pack has ~1,500.
MAX_NODES = 100_000
MAX_DEPTH = 64
MAX_ALIASES = 1_000


class InputTooLarge(Exception):
    """A configuration input over one of the bounds; `str()` says which."""


def read_bounded(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes.

    OSError for what cannot be opened; InputTooLarge for a file over `limit` or one that is not
    a regular file (a FIFO would block for ever, a device never end).
    """
    st = os.stat(path)
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(st.st_mode):
        raise InputTooLarge("not a regular file")
    if st.st_size > limit:
        raise InputTooLarge(f"larger than {limit // 1024} KiB ({st.st_size} bytes)")
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)  # the file may have grown since the stat
    if len(data) > limit:
        raise InputTooLarge(f"larger than {limit // 1024} KiB")
    return data


def check_yaml(text: str | bytes) -> None:
    """Raise InputTooLarge if the YAML document would expand past the bounds.

    Syntax errors are left to the loader that follows (it reports them with their line).
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    sizes: dict[str, int] = {}  # anchor -> expanded size of its node, once complete
    # One frame per open collection: [anchor, expanded size so far].
    stack: list[list[Any]] = [[None, 0]]
    aliases = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append([event.anchor, 1])
                if len(stack) > MAX_DEPTH + 1:
                    raise InputTooLarge(f"YAML nested deeper than {MAX_DEPTH} levels")
                if event.anchor is not None:
                    sizes.pop(event.anchor, None)  # being built: an alias to it now recurses
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, size = stack.pop()
                if anchor is not None:
                    sizes[anchor] = size
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise InputTooLarge(f"more than {MAX_ALIASES} YAML aliases")
                if event.anchor not in sizes:
                    if any(frame[0] == event.anchor for frame in stack):
                        raise InputTooLarge(f"YAML alias *{event.anchor} refers to itself")
                    continue  # an undefined alias: the loader reports it with its line
                size = sizes[event.anchor]
            elif isinstance(event, yaml.ScalarEvent):
                size = 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            else:
                continue  # stream and document events
            stack[-1][1] += size
            if stack[-1][1] > MAX_NODES:
                raise InputTooLarge(f"YAML expands to more than {MAX_NODES} nodes (aliases)")
    except yaml.YAMLError:
        return  # the loader reports it, with its line


def toml_loads(text: str) -> dict[str, Any]:
    """`tomllib.loads`, with runaway nesting as InputTooLarge instead of RecursionError."""
    import tomllib

    try:
        return tomllib.loads(text)
    except RecursionError:
        raise InputTooLarge("TOML nested too deeply") from None

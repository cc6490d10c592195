"""Byte-level scans of many files, split between this process and forked children (`--jobs`).

The analysis itself stays in this process (a run that saves no cache may split it: `split`).

What a child can answer exactly is a question about one file's bytes alone: whether it may
launch (`prefilter.may_launch`, before its analysis) and which wrappers it may call
(`WrapperGates.check`, once per wrapper round, over the whole project): a seventh of a cold
corpus run, most of it reading the files again.

The files are cut into contiguous shares by size (the scans cost what the bytes cost): this
process keeps the first share and scans it itself, each child answers for one of the others
with plain data. A file no child answered for (no fork to be had, a child that failed or died,
an error on that file) is scanned here when its answer is asked for, so no file is ever left
out and every answer is the one this process would have computed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

from frontier_lint.frontend.project import Project
from frontier_lint.run.background import Background, can_fork

T = TypeVar("T")


def _nothing(path: str) -> None:
    return None


class Split:
    """Starts scans of many files in forked children for one run (`ahead`)."""

    # Below this many bytes for a child to scan (~15 ms of reading and matching) a fork and its
    # answer cost about what the child saves.
    MIN_BYTES = 4_000_000

    def __init__(self, project: Project, jobs: int) -> None:
        self.project = project
        self.jobs = jobs
        self._sizes: dict[str, int] = {}  # (the files do not change during a run)

    def _size(self, path: str) -> int:
        got = self._sizes.get(path)
        if got is None:
            got = 0
            if path in self.project.overrides:
                got = len(self.project.overrides[path])
            else:
                with contextlib.suppress(OSError):
                    got = os.stat(os.path.join(self.project.root, path)).st_size
            self._sizes[path] = got
        return got

    def shares(self, paths: Sequence[str], head: float | None = None) -> list[list[str]]:
        """`paths` cut in order into this process's share (about `head` of the bytes; None: an
        equal part) and one share per child (equal parts of the rest); empty when no child is
        worth its fork."""
        children = self.jobs - 1
        if children < 1 or not paths:
            return []
        if head is None:
            head = 1 / self.jobs
        sizes = [self._size(p) for p in paths]
        total = sum(sizes)
        rest = total * (1 - head)
        if rest / children < self.MIN_BYTES:
            return []
        bounds = [total * head + rest * k / children for k in range(children)]
        out: list[list[str]] = [[] for _ in range(children + 1)]
        done = 0
        k = 0
        for path, size in zip(paths, sizes, strict=True):
            while k < children and done >= bounds[k] - size / 2:
                k += 1  # (a file goes to the share holding most of its bytes)
            out[k].append(path)
            done += size
        return out

    def ahead(
        self, paths: Sequence[str], check: Callable[[str], T], head: float | None = None
    ) -> Callable[[str], T | None]:
        """`check` of each of `paths` started in children (when a fork is worth it and can be
        had); returns the answer for a path, or None where this process is to compute it (its
        own share; a file whose child gave no answer for it; a path asked for again: each
        answer is given once)."""
        if self.jobs <= 1 or not can_fork():
            return _nothing
        shares = self.shares(paths, head)
        if len(shares) < 2:
            return _nothing
        children = [Background(partial(_answer, share, check)) for share in shares[1:]]
        owner = {p: child for share, child in zip(shares[1:], children, strict=True) for p in share}

        def answer(path: str) -> T | None:
            # Given once, then let go: the first round's answers (each file's scan and split
            # text) were kept all run long, 7 MB of the corpus run's peak. A path asked again is
            # scanned here (None), as one no child answered for is.
            child = owner.pop(path, None)
            return child.result().pop(path, None) if child is not None else None

        return answer


def _answer(paths: list[str], check: Callable[[str], T]) -> dict[str, T]:
    """A child's work: `check` of each file; a file whose check fails is left to the parent
    (which contains the error as it would have)."""
    out: dict[str, T] = {}
    for path in paths:
        with contextlib.suppress(Exception):
            out[path] = check(path)
    return out

"""CPython's verdict on the files that can launch: top-level statements compiled one by one
(remembered by `grammar.rejection`), in forked children beside the analysis when there is much
source and a spare core."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from functools import partial

from frontier_lint.frontend.grammar import (
    Version,
    accepted_keys,
    check,
    rejection,
    remember_accepted,
)
from frontier_lint.frontend.project import DecodeFailure, ParseFailure, Project, decode_source
from frontier_lint.run.background import Background, can_fork
from frontier_lint.scan.fileio import ReadError, read_regular


def syntax_error(project: Project, path: str) -> ParseFailure | None:
    """CPython's own verdict on a file the analysis read (a chunk libcst never needed may
    still hide a Python 2 statement): the gate fails closed on what it could not read."""
    src = project.source(path)
    if src is None:
        return None
    try:
        text = src.text  # (read again if it was let go: a file changed since fails here)
        chunks, starts = src.chunks, src.starts
    except ParseFailure as exc:
        return exc
    from frontier_lint.scan.chunks import lines_between

    # (`src.unnoted_text` of each chunk, of the text read once.)
    pieces = (lines_between(text, starts, c.start, c.end) for c in chunks)
    return _first_syntax_error(path, text, pieces, project.target)


def _first_syntax_error(
    path: str, text: str, statements: Iterable[str], target: Version
) -> ParseFailure | None:
    """Top-level statements are compiled one by one (4x faster than the module at once on the
    corpus); the good ones are remembered for the life of the process (`grammar.rejection`), so
    the statements the analysis parsed are not compiled again, and an editor's re-run after an
    edit compiles one statement, not the module."""
    for piece in statements:
        if rejection(piece, target) is not None:
            return _compile_file(text, path, target)  # the whole module has the last word
    return None


class SyntaxChecks:
    """CPython syntax checks of the launching files in forked children (one per extra job),
    started before the (long) wrapper propagation and collected after it. With one job, little
    source, or no child to be had, nothing runs here and the checks happen in-process (where
    unchanged statements are remembered)."""

    # Checks run at ~7 MB/s; below this a child's fork and answer cost about what it saves.
    MIN_BYTES = 100_000

    def __init__(self, project: Project, paths: list[str], jobs: int) -> None:
        self._parts: list[Background[_Checked]] = []
        if jobs <= 1 or not can_fork() or _size(project, paths) < self.MIN_BYTES:
            return
        root, target = str(project.root), project.target
        n = jobs - 1  # this process keeps analysing
        self._parts = [
            Background(partial(_check_files, root, paths[i::n], project.max_bytes, target))
            for i in range(n)
        ]

    def results(self) -> dict[str, ParseFailure | None]:
        out: dict[str, ParseFailure | None] = {}
        for part in self._parts:
            verdicts, accepted = part.result()
            for path, error in verdicts.items():
                out[path] = ParseFailure(path, *error) if error is not None else None
            # What the child compiled is known here as if compiled here: the blocks saved for
            # these files record that each statement was accepted on its own
            # (`blocks.saved_blocks`), so their first code edit compiles only what it changed.
            remember_accepted(accepted)
        return out


def _size(project: Project, paths: list[str]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += (project.root / path).stat().st_size
    return total


# A child's answer: each file's verdict (None when it compiles), and the keys of the statements
# of the files whose statements CPython accepted one by one (`grammar.accepted_keys`).
_Checked = tuple[dict[str, tuple[int, int, str] | None], list[str]]


def _check_files(root: str, paths: list[str], cap: int, target: Version) -> _Checked:
    """Worker: CPython's verdict on each file, and what it accepted (`_Checked`)."""
    from frontier_lint.scan.chunks import line_starts, lines_between, split_chunks

    out: dict[str, tuple[int, int, str] | None] = {}
    accepted: list[str] = []
    for path in paths:
        try:
            data, _ = read_regular(os.path.join(root, path), cap)
            text = decode_source(data, path)
        except (ReadError, DecodeFailure):
            continue  # reported as a read or decode error elsewhere
        starts = line_starts(text)
        pieces = [lines_between(text, starts, c.start, c.end) for c in split_chunks(text, starts)]
        failure = _first_syntax_error(path, text, pieces, target)
        out[path] = (failure.line, failure.column, failure.message) if failure else None
        if failure is None:
            accepted.extend(accepted_keys(pieces, target) or ())
    return out, accepted


def _compile_file(text: str, path: str, target: Version) -> ParseFailure | None:
    rejected = check(text, target).rejected
    if rejected is None:
        return None
    return ParseFailure(path, rejected.line, rejected.column, rejected.message)

"""What the runtime guard reports: the launch attempts it saw, the frame that asked for each, and
the exception that stops a blocked one. Plain frozen data: attempts made in forked children and
`multiprocessing` workers travel back to the installing process as JSON (`to_dict`), and
`ForbiddenLaunchError` pickles with its attempt.
"""

from __future__ import annotations

import dataclasses
import linecache
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from frontier_lint.matching.programs import ProgramHit

__all__ = ["ForbiddenLaunchError", "Frame", "LaunchAttempt"]


class ForbiddenLaunchError(RuntimeError):
    """A forbidden program was about to start. Not an OSError: `except OSError` fallbacks for a
    missing CLI must not swallow it."""

    def __init__(self, attempt: LaunchAttempt) -> None:
        super().__init__(attempt.describe())
        self.attempt = attempt

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.attempt,))  # multiprocessing sends it back to the parent

    @property
    def program(self) -> str:
        return self.attempt.program

    @property
    def argv(self) -> tuple[str, ...]:
        return self.attempt.argv


@dataclass(frozen=True)
class Frame:
    """The Python frame that asked for a launch."""

    path: str  # absolute file name
    line: int
    function: str
    relpath: str | None = None  # relative to the project root when inside it

    def __str__(self) -> str:
        return f"{self.relpath or self.path}:{self.line} in {self.function}"

    def source(self) -> str:
        return linecache.getline(self.path, self.line).strip()


@dataclass(frozen=True)
class LaunchAttempt:
    """One forbidden launch the guard saw (blocked or, in record mode, let through)."""

    event: str  # the audit event, or the wrapped probe ("shutil.which")
    kind: str  # exec | shell | probe
    argv: tuple[str, ...]  # as the interpreter passed it (a shell line is one item)
    executable: str | None
    hits: tuple[ProgramHit, ...]
    frame: Frame | None
    blocked: bool
    pid: int
    thread: str
    seq: int = 0  # per-process sequence number: one launch seen by two guards is one attempt

    @property
    def program(self) -> str:
        return self.hits[0].program if self.hits else ""

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r for h in self.hits for r in h.rule_ids))

    @property
    def key(self) -> tuple[int, int]:
        return (self.pid, self.seq)

    def describe(self) -> str:
        programs = ", ".join(dict.fromkeys(f"`{h.program}`" for h in self.hits))
        via = next((h.via for h in self.hits if h.via), ())
        through = f" through {' -> '.join(via)}" if via else ""
        verb = "blocked" if self.blocked else "recorded"
        what = "probe for" if self.kind == "probe" else "launch of"
        text = (
            f"frontier-lint: {verb} {what} forbidden program {programs}{through} "
            f"({', '.join(self.rule_ids)}): argv {list(self.argv)!r}"
        )
        if self.executable and (not self.argv or self.executable != self.argv[0]):
            text += f" (executable {self.executable!r})"
        for hit in self.hits:
            if hit.resolved:
                text += f"\n  `{hit.word}` is {hit.resolved}"
        if self.frame is not None:
            text += f"\n  from {self.frame}"
            src = self.frame.source()
            if src:
                text += f": {src}"
        if self.pid != os.getpid():
            text += f"\n  in child process {self.pid}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready); `from_dict` reads it back."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LaunchAttempt:
        frame = data.get("frame")
        return cls(
            event=data["event"],
            kind=data["kind"],
            argv=tuple(data["argv"]),
            executable=data.get("executable"),
            hits=tuple(
                ProgramHit(
                    h["program"],
                    tuple(h["rule_ids"]),
                    h["word"],
                    tuple(h["via"]),
                    h.get("resolved", ""),
                )
                for h in data["hits"]
            ),
            frame=Frame(**frame) if frame else None,
            blocked=bool(data["blocked"]),
            pid=int(data["pid"]),
            thread=data.get("thread", ""),
            seq=int(data.get("seq", 0)),
        )

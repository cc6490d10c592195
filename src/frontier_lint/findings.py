"""The values that leave the engine: findings, unresolved sites, file errors and the report.

Everything here is a frozen dataclass so that reporters, the baseline, the cache and the language
server can share results without copying or worrying about mutation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from frontier_lint.policy.baseline import BaselineRun

# Finding.status values. Only VIOLATION findings fail the gate.
VIOLATION = "violation"
ALLOWED = "allowed"  # matched an `allow` entry of the configuration
SUPPRESSED = "suppressed"  # matched an inline suppression comment
BASELINED = "baselined"  # recorded in the baseline file


@dataclass(frozen=True, order=True)
class Hop:
    """One step of a finding's trace: where a value came from or went through."""

    path: str
    line: int
    column: int
    note: str


@dataclass(frozen=True)
class Finding:
    """A forbidden program reaching a launch site, or a report about a suppression itself."""

    rule: str
    path: str  # relative to the project root, `/` separators
    line: int  # 1-based
    column: int  # 1-based
    end_line: int
    end_column: int
    program: str | None
    sink: str | None
    message: str
    trace: tuple[Hop, ...] = ()
    status: str = VIOLATION
    # What the baseline fingerprints: the enclosing function's qualified name and the call's
    # source text with whitespace normalised. Neither depends on line numbers.
    function: str = ""
    call_text: str = ""
    fingerprint: str = ""
    note: str = ""  # why it was allowed / suppressed / baselined
    # In a run on some files, for a finding elsewhere: the named files its flow passes through
    # (set by the report, never cached).
    via: tuple[str, ...] = ()

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.rule, self.program or "")


def better_reason(a: str, b: str) -> str:
    """Of two reasons a launch site is unknown, the one reported. Not the first met: the order of
    alternatives and of callers depends on the order functions were analysed in, and a warm run
    (the edited file first) must say what a cold one says. A reason that names something
    ("environment variable VISUAL") comes before one that names only a kind of value ("not a
    string", "result of an attribute expression()"); then the longer, then by text."""
    return b if _reason_rank(b) > _reason_rank(a) else a


def _reason_rank(reason: str) -> tuple[bool, int, str]:
    vague = (
        not reason
        or reason.endswith(("not known", "not a string"))
        or " expression" in reason  # what `describe` says of an expression it cannot spell
    )
    return (not vague, len(reason), reason)


@dataclass(frozen=True)
class Unresolved:
    """A launch site in scope whose program could not be determined."""

    path: str
    line: int
    column: int
    sink: str
    reason: str
    end_line: int = 0
    end_column: int = 0
    via: tuple[str, ...] = ()  # as Finding.via

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.sink)


@dataclass(frozen=True)
class FileError:
    """A file in scope that could not be read or parsed."""

    path: str
    line: int
    column: int
    message: str

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.line, self.column)


@dataclass(frozen=True)
class Summary:
    """The counts of a report's summary line."""

    files: int = 0
    launch_sites: int = 0
    violations: int = 0
    unresolved: int = 0
    allowed: int = 0
    suppressed: int = 0
    parse_errors: int = 0


class ReportExtra(TypedDict, total=False):
    """What a stage after the analysis adds to a report."""

    baseline: BaselineRun


@dataclass(frozen=True)
class Report:
    """Everything one run found, in deterministic order."""

    findings: tuple[Finding, ...]  # status == VIOLATION (including suppression reports)
    unresolved: tuple[Unresolved, ...]
    errors: tuple[FileError, ...]
    summary: Summary
    # Allowlisted, suppressed and baselined findings, listed only on request.
    hidden: tuple[Finding, ...] = ()
    elapsed: float = 0.0
    # Configured `include` patterns that select no file of the project (a typo checks nothing).
    unmatched_include: tuple[str, ...] = ()
    extra: ReportExtra = field(default_factory=lambda: ReportExtra(), compare=False, hash=False)

    def failed(self, strict: bool = False) -> bool:
        """Whether the gate fails: violations, unparsable files, or (strict) unresolved sites."""
        if self.findings or self.errors:
            return True
        return bool(strict and self.unresolved)

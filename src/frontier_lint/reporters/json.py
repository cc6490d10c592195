"""`--format json`: version 1 of the contract in docs/design.md.

The top-level keys are exactly v1's. A finding or unresolved site reported in a run on some
files because its flow passes through them carries an optional `via` (the named files it passes
through). Two optional keys are added only when asked for: `hidden`
(allowlisted, suppressed and baselined findings, with `status` and `note`, under
`--show-suppressed`) and `baseline` (when a baseline was applied: its path, how many findings it
covered and its stale entries). Consumers of v1 can ignore both.
"""

from __future__ import annotations

import json as _json
from typing import Any, Literal, NotRequired, TypedDict

from frontier_lint import __version__
from frontier_lint.findings import FileError, Finding, Report, Unresolved
from frontier_lint.policy.baseline import BaselineEntry
from frontier_lint.reporters import TOOL_NAME, Context, baseline_info, hidden_items


class HopJson(TypedDict):
    path: str
    line: int
    column: int
    note: str


class FindingJson(TypedDict):
    rule: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    program: str | None  # None for reports about suppressions
    sink: str | None
    message: str
    trace: list[HopJson]
    fingerprint: str
    via: NotRequired[list[str]]  # a flow through files named on the command line
    status: NotRequired[str]  # in `hidden` only
    note: NotRequired[str]


class UnresolvedJson(TypedDict):
    path: str
    line: int
    column: int
    sink: str
    reason: str
    via: NotRequired[list[str]]


class ErrorJson(TypedDict):
    path: str
    line: int
    column: int
    message: str


class ToolJson(TypedDict):
    name: str
    version: str


class SummaryJson(TypedDict):
    files: int
    launch_sites: int
    violations: int
    unresolved: int
    allowed: int
    suppressed: int
    parse_errors: int


class BaselineJson(TypedDict):
    path: str
    baselined: int
    stale: list[dict[str, str]]  # BaselineEntry.to_json()


class DocumentJson(TypedDict):
    """The whole document: version 1's keys, then the two optional ones."""

    version: Literal[1]
    tool: ToolJson
    findings: list[FindingJson]
    summary: SummaryJson
    unresolved: list[UnresolvedJson]
    errors: list[ErrorJson]
    hidden: NotRequired[list[FindingJson]]
    baseline: NotRequired[BaselineJson]


def finding_json(f: Finding, *, with_status: bool = False) -> FindingJson:
    out: FindingJson = {
        "rule": f.rule,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "program": f.program,
        "sink": f.sink,
        "message": f.message,
        "trace": [
            {"path": h.path, "line": h.line, "column": h.column, "note": h.note} for h in f.trace
        ],
        "fingerprint": f.fingerprint,
    }
    if f.via:
        out["via"] = list(f.via)  # optional: a flow through files named on the command line
    if with_status:
        out["status"] = f.status
        out["note"] = f.note
    return out


def unresolved_json(u: Unresolved) -> UnresolvedJson:
    out: UnresolvedJson = {
        "path": u.path,
        "line": u.line,
        "column": u.column,
        "sink": u.sink,
        "reason": u.reason,
    }
    if u.via:
        out["via"] = list(u.via)
    return out


def error_json(e: FileError) -> ErrorJson:
    return {"path": e.path, "line": e.line, "column": e.column, "message": e.message}


def document(report: Report, ctx: Context) -> DocumentJson:
    s = report.summary
    doc: DocumentJson = {
        "version": 1,
        "tool": {"name": TOOL_NAME, "version": __version__},
        "findings": [finding_json(f) for f in sorted(report.findings, key=lambda f: f.sort_key)],
        "summary": {
            "files": s.files,
            "launch_sites": s.launch_sites,
            "violations": s.violations,
            "unresolved": s.unresolved,
            "allowed": s.allowed,
            "suppressed": s.suppressed,
            "parse_errors": s.parse_errors,
        },
        "unresolved": [
            unresolved_json(u) for u in sorted(report.unresolved, key=lambda u: u.sort_key)
        ],
        "errors": [error_json(e) for e in sorted(report.errors, key=lambda e: e.sort_key)],
    }
    if ctx.show_hidden:
        doc["hidden"] = [finding_json(f, with_status=True) for f in hidden_items(report, ctx)]
    info = baseline_info(report)
    if info is not None:
        stale = info.get("stale") or []
        doc["baseline"] = {
            "path": str(info.get("path", "")),
            "baselined": int(info.get("baselined", 0) or 0),
            "stale": [e.to_json() if isinstance(e, BaselineEntry) else e for e in stale],
        }
    return doc


def render(report: Report, ctx: Context) -> str:
    return dumps(document(report, ctx)) + "\n"


def dumps(obj: object) -> str:
    """`json.dumps(obj, indent=2, ensure_ascii=False)`, the same text, made ~4x faster: with an
    indent the standard library encodes in Python, one generator step per value (a warm run's
    report is ~25,000 of them). Anything other than the plain values a report is made of goes
    to `json.dumps` whole."""
    out: list[str] = []
    try:
        _encode(obj, "\n", out)
    except _NotPlain:
        return _json.dumps(obj, indent=2, ensure_ascii=False)
    return "".join(out)


class _NotPlain(Exception):
    """A value `_encode` leaves to the standard library."""


# (The C encoder of a string, as `json.dumps` uses it with ensure_ascii=False.)
_string = _json.encoder.encode_basestring


def _encode(o: Any, newline: str, out: list[str]) -> None:
    t = type(o)
    if t is str:
        out.append(_string(o))
    elif t is dict:
        if not o:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for k, v in o.items():
            if type(k) is not str:
                raise _NotPlain
            out.append(sep)
            out.append(_string(k))
            out.append(": ")
            _encode(v, inner, out)
            sep = "," + inner
        out.append(newline + "}")
    elif t is list or t is tuple:
        if not o:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for v in o:
            out.append(sep)
            _encode(v, inner, out)
            sep = "," + inner
        out.append(newline + "]")
    elif t is int:
        out.append(int.__repr__(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    else:  # floats (nan, inf), str and int subclasses, anything else: as the library does it
        raise _NotPlain

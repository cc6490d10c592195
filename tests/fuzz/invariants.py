"""The invariants, checked on real runs of the command, and what a failure looks like.

On every case, `frontier-lint --format json --no-cache --jobs 1` and `--jobs 2`:
- ends within the time bound (a hang detector, not a benchmark), not killed by a signal;
- prints no traceback; exits 0 or 1 (2 only where the case is a usage error by construction,
  and then with one line on stderr that is not an internal error);
- prints a JSON report (version 1) whose verdict agrees with the exit code (1 exactly when it
  has findings or errors);
- reports every spliced forbidden launch as a finding naming its program, an unresolved site or
  an error for its file: never clean (issue 15 item 3, "fail closed");
- prints byte-identical output, with the same exit code, for `--jobs 1` and `--jobs 2`.

A `Violation` carries a `signature`: the failure with paths, numbers and quoted text taken out,
so the same defect found by a hundred cases is one class in the summary.
"""

from __future__ import annotations

import difflib
import enum
import json
import re
import signal
from dataclasses import dataclass
from typing import Any

from tests.fuzz.cases import Case
from tests.fuzz.runner import Run

TRACEBACK = b"Traceback (most recent call last)"


class Invariant(enum.Enum):
    TIME = "ends within the time bound"
    SIGNAL = "not killed by a signal"
    TRACEBACK = "no traceback"
    EXIT = "exit code 0 or 1"
    REPORT = "a JSON report that agrees with the exit code"
    FAIL_CLOSED = "a spliced forbidden launch is not judged clean"
    JOBS = "--jobs 1 and --jobs 2 identical"
    LSP_ALIVE = "the language server answers a request after the input"
    LSP_DIAGNOSTICS = "the language server publishes diagnostics for the input"


@dataclass(frozen=True)
class Violation:
    invariant: Invariant
    signature: str  # normalised: one class of failure
    detail: str  # what was seen (stderr head, the diff, the timing)


def normalise(text: str) -> str:
    """A failure message without what varies between inputs (paths, numbers, quoted values)."""
    text = re.sub(r"'[^'\s]*'|\"[^\"\s]*\"", "<q>", text)
    text = re.sub(r"(/[^\s:]+)+", "<path>", text)
    text = re.sub(r"\b0x[0-9a-f]+\b", "<hex>", text)
    text = re.sub(r"\d+", "N", text)
    return " ".join(text.split())[:160]


def _stderr_head(run: Run, lines: int = 12) -> str:
    text = run.stderr.decode("utf-8", "replace")
    return "\n".join(text.splitlines()[-lines:]) if TRACEBACK in run.stderr else text[:2000]


def _describe(run: Run) -> str:
    return (
        f"`frontier-lint {' '.join(run.args)}` ({run.how.value}): exit {run.exit} after "
        f"{run.seconds:.1f} s\n{_stderr_head(run)}"
    )


def check_run(
    case: Case, run: Run, timeout: float
) -> tuple[list[Violation], dict[str, Any] | None]:
    """The single-run invariants; also the parsed report when there is one."""
    out: list[Violation] = []
    if run.timed_out:
        return [Violation(Invariant.TIME, f"no answer within {timeout:g} s", _describe(run))], None
    if run.exit < 0:
        name = signal.Signals(-run.exit).name
        return [Violation(Invariant.SIGNAL, f"killed by {name}", _describe(run))], None
    if TRACEBACK in run.stderr:
        last = run.stderr.decode("utf-8", "replace").strip().splitlines()[-1]
        out.append(Violation(Invariant.TRACEBACK, normalise(last), _describe(run)))
    first = run.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
    message = first[0] if first else ""
    if run.exit == 2 and case.usage_error_ok:
        if len(run.stderr.strip().splitlines()) != 1 or "internal error" in message:
            out.append(Violation(Invariant.EXIT, f"exit 2: {normalise(message)}", _describe(run)))
        return out, None
    if run.exit not in (0, 1):
        out.append(
            Violation(Invariant.EXIT, f"exit {run.exit}: {normalise(message)}", _describe(run))
        )
        return out, None
    try:
        report = json.loads(run.stdout)
        assert report["version"] == 1
    except (ValueError, KeyError, TypeError, AssertionError) as exc:
        out.append(
            Violation(Invariant.REPORT, f"not a JSON report: {type(exc).__name__}", _describe(run))
        )
        return out, None
    failing = bool(report.get("findings") or report.get("errors"))
    if failing != (run.exit == 1):
        out.append(
            Violation(
                Invariant.REPORT,
                f"exit {run.exit} with {len(report.get('findings', []))} findings and "
                f"{len(report.get('errors', []))} errors",
                _describe(run),
            )
        )
    out += _fail_closed(case, report)
    return out, report


def _fail_closed(case: Case, report: dict[str, Any]) -> list[Violation]:
    out = []
    named = {p.decode("utf-8", "replace") for p in case.named}
    for e in case.expectations:
        if named and e.path not in named:
            continue  # a run on some files reports only the flows through them
        finding = any(
            f.get("program") == e.program
            and (
                f.get("path") == e.path or any(h.get("path") == e.path for h in f.get("trace", []))
            )
            for f in report.get("findings", [])
        )
        unresolved = any(u.get("path") == e.path for u in report.get("unresolved", []))
        error = any(x.get("path") == e.path for x in report.get("errors", []))
        if not (finding or unresolved or error):
            out.append(
                Violation(
                    Invariant.FAIL_CLOSED,
                    f"`{e.kind}` launch of {e.program} judged clean",
                    f"{e.path}: a `{e.kind}` fragment launching {e.program} got no finding, "
                    f"unresolved site or error; summary {report.get('summary')}",
                )
            )
    return out


def check_jobs(one: Run, two: Run) -> list[Violation]:
    if one.timed_out or two.timed_out or one.exit < 0 or two.exit < 0:
        return []  # reported by the single-run checks
    if one.stdout == two.stdout and one.exit == two.exit:
        return []
    diff = difflib.unified_diff(
        one.stdout.decode("utf-8", "replace").splitlines(),
        two.stdout.decode("utf-8", "replace").splitlines(),
        "--jobs 1",
        "--jobs 2",
        lineterm="",
        n=1,
    )
    head = "\n".join(list(diff)[:40])
    sig = "exit codes differ" if one.exit != two.exit else "outputs differ"
    detail = f"exit {one.exit} vs {two.exit}\n{head}\n--jobs 2 stderr: {_stderr_head(two)}"
    return [Violation(Invariant.JOBS, sig, detail)]

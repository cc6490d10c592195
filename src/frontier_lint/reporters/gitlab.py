"""`--output-format gitlab`: GitLab Code Quality, the Code Climate subset GitLab reads.

    [{"description": ..., "check_name": "FL001", "fingerprint": ..., "severity": "critical",
      "location": {"path": "app/x.py", "lines": {"begin": 5}}}]

One issue per item that fails the gate (violations, suppression reports, unparsable files, and
with `--strict` unresolved sites). GitLab shows only one issue per fingerprint, so each is unique:
the baseline's line-independent fingerprint (an issue keeps its identity when code moves), made
unique where two items share it. Paths are relative to the working directory: run it from the
repository root (the CI job's directory), as GitLab resolves them against it.
"""

from __future__ import annotations

import hashlib
import json

from frontier_lint.findings import Finding, Report
from frontier_lint.policy.meta_rules import FILE_ERROR, UNRESOLVED_LAUNCH_SITE
from frontier_lint.reporters import Context, gate_items

# GitLab's scale: info, minor, major, critical, blocker.
_SEVERITY = {UNRESOLVED_LAUNCH_SITE: "major", FILE_ERROR: "major"}


def render(report: Report, ctx: Context) -> str:
    seen: set[str] = set()
    issues = [_issue(f, ctx, seen) for f in gate_items(report, ctx.strict)]
    return json.dumps(issues, indent=2) + "\n"


def _issue(f: Finding, ctx: Context, seen: set[str]) -> dict[str, object]:
    rule = ctx.rule(f.rule)
    severity = _SEVERITY.get(f.rule) or ("critical" if f.program else "minor")
    description = f.message
    if rule is not None:
        description = f"{f.rule} ({rule.name}): {description}"
    return {
        "description": description,
        "check_name": f.rule,
        "fingerprint": _unique(f.fingerprint or f"{f.rule}:{f.path}:{f.line}", seen),
        "severity": severity,
        "location": {"path": ctx.path(f.path), "lines": {"begin": f.line}},
    }


def _unique(fingerprint: str, seen: set[str]) -> str:
    candidate, n = fingerprint, 0
    while candidate in seen:
        n += 1
        candidate = hashlib.sha256(f"{fingerprint}\0{n}".encode()).hexdigest()[:20]
    seen.add(candidate)
    return candidate

"""What happens to a report between the engine and the reporter: baseline, gate, rule docs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from frontier_lint.findings import BASELINED, Report, Summary
from frontier_lint.rules import Catalogue

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


class WorkflowError(Exception):
    """A one-line, expected failure (exit 2)."""


def finish(
    report: Report,
    *,
    root: Path,
    strict: bool,
    baseline: Path | None = None,
    write_baseline: Path | None = None,
) -> tuple[Report, int]:
    """Apply `--baseline` / `--write-baseline` and decide the exit code."""
    from frontier_lint import baseline as bl

    findings = bl.fingerprint_all(report.findings)
    hidden = bl.fingerprint_all(report.hidden)
    report = replace(report, findings=tuple(findings), hidden=tuple(hidden))
    if write_baseline is not None:
        try:
            bl.write_baseline(write_baseline, [f for f in findings if f.program is not None])
        except OSError as exc:
            raise WorkflowError(f"cannot write baseline {write_baseline}: {exc.strerror or exc}") from None
        return report, EXIT_OK
    if baseline is not None:
        try:
            loaded = bl.load_baseline(baseline)
        except bl.BaselineError as exc:
            raise WorkflowError(str(exc)) from None
        new, baselined, stale = bl.apply_baseline(findings, loaded)
        extra = dict(report.extra)
        extra["stale_baseline"] = [e.to_json() for e in stale]
        report = replace(
            report,
            findings=tuple(new),
            hidden=tuple(sorted([*hidden, *(replace(f, status=BASELINED) for f in baselined)],
                                key=lambda f: f.sort_key)),
            summary=replace(report.summary, violations=len([f for f in new if f.program])),
            extra=extra,
        )
    return report, EXIT_VIOLATIONS if report.failed(strict) else EXIT_OK


def list_rules(catalogue: Catalogue) -> str:
    from frontier_lint.meta_rules import all_rules

    lines = []
    for rule in all_rules(catalogue):
        lines.append(f"{rule.id:<7} {rule.name:<32} {rule.summary}")
    return "\n".join(lines) + "\n"


def explain(catalogue: Catalogue, rule_id: str) -> str | None:
    from frontier_lint.meta_rules import find_rule

    rule = find_rule(catalogue, rule_id.upper())
    if rule is None:
        return None
    head = f"# {rule.name} ({rule.id})\n\n{rule.summary}\n"
    programs = ", ".join(sorted(rule.programs))
    extra = f"\nForbidden programs: {programs}\n" if programs else ""
    return head + extra + ("\n" + rule.doc.strip() + "\n" if rule.doc else "")


def empty_summary() -> Summary:
    return Summary()

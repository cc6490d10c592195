"""What happens to a report between the engine and the reporter: baseline, gate, rule docs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from frontier_lint.findings import Report

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
    prune_baseline: bool = False,
    scope: Sequence[str] | None = None,
) -> tuple[Report, int]:
    """Apply `--baseline` / `--write-baseline` / `--prune-baseline` and decide the exit code.

    `scope` is the paths named on the command line, relative to `root` (None: the whole
    project): only baseline entries under them can be stale, so a pre-commit run over two files
    does not call every other entry fixed.

    Entries of files this run could not check (unreadable, unparsable: the report's errors)
    are neither stale nor dropped: writing or pruning keeps them, and says so.
    """
    from frontier_lint.policy import baseline as bl

    unchecked = sorted({e.path for e in report.errors})

    report = bl.fingerprinted(report)
    findings, hidden = list(report.findings), list(report.hidden)
    if write_baseline is not None:
        try:
            previous = bl.previous_entries(write_baseline)
            keep = [e for e in previous if unchecked and _under(e.path, unchecked)]
            bl.write_baseline(write_baseline, findings, keep)
        except bl.BaselineError as exc:
            raise WorkflowError(str(exc)) from None
        except OSError as exc:
            raise WorkflowError(
                f"cannot write baseline {write_baseline}: {exc.strerror or exc}"
            ) from None
        # Then judge the run against what was just recorded: the output shows the violations as
        # baselined, and only what a baseline cannot hold (suppression reports, unparsable files,
        # --strict's unresolved sites) still fails.
        baseline = write_baseline
    if baseline is not None:
        try:
            loaded = bl.load_baseline(baseline)
        except bl.BaselineError as exc:
            raise WorkflowError(str(exc)) from None
        analysed = None
        if scope is not None:
            analysed = {e.path for e in loaded.entries if _under(e.path, scope)}
        new, baselined, stale = bl.apply_baseline(findings, loaded, analysed_paths=analysed)
        held = [e for e in stale if unchecked and _under(e.path, unchecked)]
        stale = [e for e in stale if e not in held]
        pruned = 0
        if prune_baseline and stale:
            try:
                pruned = bl.prune_baseline(loaded, stale)
            except OSError as exc:
                raise WorkflowError(
                    f"cannot write baseline {baseline}: {exc.strerror or exc}"
                ) from None
            stale = []
        extra = report.extra.copy()
        extra["baseline"] = {
            "path": str(baseline),
            "baselined": len(baselined),
            "stale": stale,
            "pruned": pruned,
            # Kept although nothing matched them: their files could not be checked.
            "kept": len(held),
            "kept_files": len({e.path for e in held}),
        }
        report = replace(
            report,
            findings=tuple(new),
            hidden=tuple(sorted([*hidden, *baselined], key=lambda f: f.sort_key)),
            summary=replace(report.summary, violations=len([f for f in new if f.program])),
            extra=extra,
        )
    return report, EXIT_VIOLATIONS if report.failed(strict) else EXIT_OK


def _under(path: str, scope: Sequence[str]) -> bool:
    for p in scope:
        p = p.rstrip("/")
        if p in ("", ".") or path == p or path.startswith(p + "/"):
            return True
    return False

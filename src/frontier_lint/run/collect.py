"""The report of a run: the results of the report files and of the files whose results flow
through a named file, passed through the allowlist, the inline suppressions and the rule
selection."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import replace

from frontier_lint.dataflow.ids import Called
from frontier_lint.findings import (
    ALLOWED,
    SUPPRESSED,
    FileError,
    Finding,
    Report,
    Summary,
    Unresolved,
    better_reason,
)
from frontier_lint.frontend.project import Project
from frontier_lint.policy import suppressions as supp
from frontier_lint.policy.meta_rules import UNRESOLVED_LAUNCH_SITE, unresolved_finding
from frontier_lint.run.cache import Entry
from frontier_lint.settings.catalogue import Catalogue
from frontier_lint.settings.config import Config


def build_report(
    config: Config,
    catalogue: Catalogue,
    project: Project,
    report_files: list[str],
    entries: Mapping[str, Entry],
    decode_errors: Mapping[str, tuple[int, int, str]],
    markers: set[str],
    started: float,
    named: frozenset[str] = frozenset(),
    blocked: Iterable[FileError] = (),
) -> Report:
    errors: list[FileError] = list(blocked)
    # Only calls in the frontier runtime answer an open launch: one passed its program only by
    # code outside it (excluded tests, scripts) stays open there (fail closed), as if uncalled.
    called = Called.of(
        c for path, e in entries.items() if config.in_frontier(path) for c in e.calls
    )
    findings_by_key: dict[tuple[str, int, int, str, str], Finding] = {}
    unresolved_by_key: dict[tuple[str, int, int, str], Unresolved] = {}
    sites = 0
    flows = _flow_files(config, report_files, entries, named)
    report_files = sorted({*report_files, *flows})
    for path in report_files:
        if path in decode_errors:
            errors.append(FileError(path, *decode_errors[path]))
            continue
        entry = entries.get(path)
        if entry is None:
            continue
        if entry.error is not None:
            errors.append(entry.error)
            continue
        sites += entry.sites
        for f in entry.findings:
            findings_by_key.setdefault(f.sort_key, f)
        for u in entry.unresolved:
            _keep_unresolved(unresolved_by_key, u)
        for fid, u in entry.open_sites:
            if not called.answers(fid):
                _keep_unresolved(unresolved_by_key, u)
        for fid, f in entry.open_findings:
            if not called.answers(fid):
                findings_by_key.setdefault(f.sort_key, f)
    flagged = {(k[0], k[1], k[2]) for k in findings_by_key}
    # Unresolved sites go through the allowlist and the suppressions as findings of FL200 (an
    # entry or a comment naming FL200 excuses one); those left stay unresolved.
    standing = {
        id(f): (f, u)
        for k, u in unresolved_by_key.items()
        if (k[0], k[1], k[2]) not in flagged
        for f in (unresolved_finding(u),)
    }
    visible: list[Finding] = []
    hidden: list[Finding] = []
    for f in [*findings_by_key.values(), *(f for f, _ in standing.values())]:
        allow = config.allow_entry(f.path, f.program, f.rule)
        if allow is not None:
            hidden.append(
                replace(f, status=ALLOWED, note=allow.reason or f"allowed by {allow.pattern}")
            )
        else:
            visible.append(f)

    # Inline suppressions, in every reported file that has any.
    sups: dict[str, list[supp.Suppression]] = {}
    malformed: list[Finding] = []
    has_error = {e.path for e in errors}
    for path in report_files:
        if path in has_error or path not in markers:
            continue
        text = project.text(path)
        if text is None:
            continue
        found, bad = supp.scan(
            text,
            path,
            known_rules=[*(r.id for r in catalogue.rules), UNRESOLVED_LAUNCH_SITE],
            known_programs=catalogue.programs,
        )
        sups[path] = found
        malformed.extend(bad)
    kept, suppressed, reports = supp.apply(visible, sups, require_reason=config.require_reason)
    hidden.extend(
        replace(f, status=SUPPRESSED) if f.status != SUPPRESSED else f for f in suppressed
    )
    unresolved = sorted(
        (standing[id(f)][1] for f in kept if id(f) in standing), key=lambda u: u.sort_key
    )
    kept = [f for f in kept if id(f) not in standing]
    final = sorted([*kept, *reports, *malformed], key=lambda f: f.sort_key)
    if flows:
        final = [_via(f, flows, named) for f in final]
        hidden = [_via(f, flows, named) for f in hidden]
        unresolved = [replace(u, via=flows[u.path]) if u.path in flows else u for u in unresolved]
    if not config.selection.everything:  # `select` / `ignore`: leave out the rules not chosen
        final = [f for f in final if config.selection.enabled(f.rule)]
        hidden = [f for f in hidden if config.selection.enabled(f.rule)]
    summary = Summary(
        files=len(report_files),
        launch_sites=sites,
        violations=len([f for f in final if f.program is not None]),
        unresolved=len(unresolved),
        allowed=len([f for f in hidden if f.status == ALLOWED]),
        suppressed=len([f for f in hidden if f.status == SUPPRESSED]),
        parse_errors=len(errors),
    )
    return Report(
        findings=tuple(final),
        unresolved=tuple(unresolved),
        errors=tuple(sorted(errors, key=lambda e: e.sort_key)),
        summary=summary,
        hidden=tuple(sorted(hidden, key=lambda f: f.sort_key)),
        elapsed=time.perf_counter() - started,
    )


def _keep_unresolved(by_key: dict[tuple[str, int, int, str], Unresolved], u: Unresolved) -> None:
    """One entry per site; a site unknown for several reasons (callers, events) keeps the one
    `better_reason` picks, whatever the order they were met in."""
    prev = by_key.get(u.sort_key)
    if prev is None or better_reason(prev.reason, u.reason) != prev.reason:
        by_key[u.sort_key] = u


def _flow_files(
    config: Config,
    report_files: list[str],
    entries: Mapping[str, Entry],
    named: frozenset[str],
) -> dict[str, tuple[str, ...]]:
    """The files of the frontier runtime outside the report files whose results flow through
    a named file: their results were resolved from it (`Entry.deps`, exactly what a change of
    it invalidates in the cache), or a finding's trace passes through it. Each with the named
    files it depends on. Such a file is reported on whole (so its suppressions and baseline
    fingerprints count as in a run on the project): a run on some files reports a part of
    what a run on the project reports, and every flow through them in it."""
    out: dict[str, tuple[str, ...]] = {}
    if not named:
        return out
    reported = set(report_files)
    for path, entry in entries.items():
        if path in reported:
            continue
        via = set(named.intersection(entry.deps))
        for f in (*entry.findings, *(f for _, f in entry.open_findings)):
            via.update(h.path for h in f.trace if h.path in named)
        if via and config.in_frontier(path):
            out[path] = tuple(sorted(via))
    return out


def _via(f: Finding, flows: Mapping[str, tuple[str, ...]], named: frozenset[str]) -> Finding:
    """A finding in a file reported for a flow through named files, with the named files it
    passes through: those its trace shows, else those its file's results were resolved from."""
    if f.path not in flows:
        return f
    shown = sorted({h.path for h in f.trace if h.path in named})
    return replace(f, via=tuple(shown) or flows[f.path])

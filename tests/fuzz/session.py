"""One fuzz test's run: the cases it draws, the checks on each, the failures it collects and
their reproducers, and the test's outcome (pass; xfail naming only known classes; fail)."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fuzz import families
from tests.fuzz.cases import Case, case_json, remove_tree, write_tree
from tests.fuzz.invariants import Violation, check_jobs, check_run
from tests.fuzz.known import KnownClass, classify
from tests.fuzz.runner import How, Runner
from tests.fuzz.settings import Settings


@dataclass(frozen=True)
class Failure:
    test: str
    case: Case
    violation: Violation
    known: KnownClass | None
    reproducer: Path


def cli_args(case: Case, jobs: int) -> list[str]:
    named = [os.fsdecode(p) for p in case.named] or ["."]
    return ["--format", "json", "--no-cache", "--jobs", str(jobs), *named]


class FuzzSession:
    def __init__(self, settings: Settings, test: str, scratch: Path, weight: float) -> None:
        self.settings = settings
        self.test = test
        self.scratch = scratch
        self.runner = Runner(scratch)
        self.failures: list[Failure] = []
        self.checked: Counter[str] = Counter()
        self.started = time.monotonic()
        self.deadline = self.started + settings.budget * weight if settings.budget else None
        self._lsp = None

    # --- which cases ------------------------------------------------------------------------

    def cases(self, family: str, ci_count: int | None) -> Iterator[Case]:
        """The family's cases for this run (`ci_count` None: all of a fixed family)."""
        s = self.settings
        if s.cases is not None:
            wanted = sorted(c for c in s.cases if c.partition("-")[0] == family)
            yield from (families.by_id(c, s.seed, s.profile) for c in wanted)
            return
        stream = families.stream(family, s.seed, s.profile)
        if s.examples:
            yield from itertools.islice(stream, s.examples)
        elif self.deadline is not None:
            for case in stream:
                if time.monotonic() > self.deadline:
                    return
                yield case
        else:
            yield from itertools.islice(stream, ci_count)  # None: the whole (finite) stream

    def out_of_time(self) -> bool:
        return self.deadline is not None and time.monotonic() > self.deadline

    # --- checks -----------------------------------------------------------------------------

    def how(self, case: Case, index: int) -> How:
        if self.settings.runner == "subprocess":
            return How.SUBPROCESS
        if self.settings.runner == "fork":
            return How.FORK
        return How.SUBPROCESS if index % 32 == 0 else How.FORK  # mixed: both paths stay honest

    def check_cli(self, case: Case, index: int = 1) -> list[Violation]:
        began = time.monotonic()
        root = self.scratch / "cases" / case.id
        timeout = self.settings.timeout * case.timeout_scale
        how = self.how(case, index)
        try:
            write_tree(case, root)
            one = self.runner.run(cli_args(case, 1), root, timeout, how)
            violations, _ = check_run(case, one, timeout)
            if not one.timed_out:  # a hang is not run twice
                two = self.runner.run(cli_args(case, 2), root, timeout, how)
                second, _ = check_run(case, two, timeout)
                seen = {(v.invariant, v.signature) for v in violations}
                violations += [v for v in second if (v.invariant, v.signature) not in seen]
                violations += check_jobs(one, two)
        finally:
            remove_tree(root)
        self.record(case, violations, "cli")
        if os.environ.get("FRONTIER_LINT_FUZZ_VERBOSE"):
            print(f"{case.id} {time.monotonic() - began:.2f}s {case.note[:90]}", flush=True)
        return violations

    def check_lsp(self, case: Case) -> list[Violation]:
        from tests.fuzz.lsp_check import LspSession

        if self._lsp is None:
            self._lsp = LspSession(self.scratch, self.settings.timeout)
        violations = self._lsp.check(case)
        self.record(case, violations, "lsp")
        return violations

    # --- failures ---------------------------------------------------------------------------

    def record(self, case: Case, violations: list[Violation], what: str) -> None:
        self.checked[case.family] += 1
        if not violations:
            return
        where = write_reproducer(self.settings, case, violations, what)
        for v in violations:
            known = classify(case, v) if self.settings.use_known else None
            self.failures.append(Failure(self.test, case, v, known, where))

    def close(self) -> None:
        self.runner.close()
        if self._lsp is not None:
            self._lsp.close()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def finish(self) -> None:
        """Fail on new failures; xfail (naming them) when only known classes failed."""
        self.close()
        elapsed = time.monotonic() - self.started
        counts = ", ".join(f"{n} {f}" for f, n in sorted(self.checked.items()))
        print(f"{self.test}: checked {counts} in {elapsed:.1f} s (seed {self.settings.seed})")
        if not self.settings.is_ci:
            write_summary(self.settings, self.test, self.failures, self.checked, elapsed)
        if not self.checked and self.settings.cases is None:
            pytest.fail(f"{self.test}: no case was checked", pytrace=False)
        new = [f for f in self.failures if f.known is None]
        if new:
            pytest.fail(describe(self.settings, new, "new failures"), pytrace=False)
        if self.failures:
            pytest.xfail(describe(self.settings, self.failures, "known failures (issue 15)"))


def _group(failures: Iterable[Failure]) -> dict[tuple[str, str], list[Failure]]:
    groups: dict[tuple[str, str], list[Failure]] = {}
    for f in failures:
        key = (f.known.name if f.known else f.violation.invariant.value, f.violation.signature)
        groups.setdefault(key, []).append(f)
    return groups


def describe(settings: Settings, failures: list[Failure], title: str) -> str:
    lines = [f"{len(failures)} {title} (seed {settings.seed}, profile {settings.profile}):"]
    for (name, signature), group in sorted(_group(failures).items()):
        cases = sorted({f.case.id for f in group})
        first = group[0]
        lines.append(f"- [{name}] {signature}: {len(cases)} case(s) {', '.join(cases[:6])}")
        if first.known is None:
            lines.append(f"    case: {first.case.note}")
            lines.append("    " + first.violation.detail.replace("\n", "\n    ")[:1500])
        lines.append(f"    reproducer: {first.reproducer} (see rerun.sh)")
        lines.append(f"    rerun: {settings.env_prefix()} python -m tests.fuzz {first.case.id}")
    return "\n".join(lines)


def write_reproducer(
    settings: Settings, case: Case, violations: list[Violation], what: str
) -> Path:
    """The failing case on disk: its tree, what failed, and the commands to rerun it."""
    where = settings.out / f"seed-{settings.seed}-{settings.profile}" / case.id
    if where.exists():
        remove_tree(where)
    write_tree(case, where / "project")
    named = " ".join(repr(os.fsdecode(p)) for p in case.named) or "."
    report = [f"case {case.id} ({case.family}): {case.note}", ""]
    for v in violations:
        report += [f"[{what}] {v.invariant.value}: {v.signature}", v.detail, ""]
    (where / "failure.txt").write_text("\n".join(report), encoding="utf-8", errors="replace")
    (where / "case.json").write_text(json.dumps(case_json(case), indent=2), encoding="utf-8")
    if case.buffer is not None:
        (where / "buffer.py").write_bytes(case.file(case.buffer))  # what the editor sent
        (where / "base.py").write_bytes(case.base)  # ... and what it opened first
    (where / "rerun.sh").write_text(
        "#!/bin/sh\n"
        "# The command on the case's tree:\n"
        f'cd "$(dirname "$0")/project" && python -m frontier_lint --format json --no-cache '
        f"--jobs 1 {named}\n"
        "# Every invariant checked again on this directory (from the repository's root):\n"
        f'#   python -m tests.fuzz "{where}"\n'
        + (
            "# ... or on the case regenerated from its seed and id:\n"
            f"#   {settings.env_prefix()} python -m tests.fuzz {case.id}\n"
            if families.regenerable(case.id)
            else ""
        ),
        encoding="utf-8",
    )
    return where


def write_summary(
    settings: Settings,
    test: str,
    failures: list[Failure],
    checked: Counter[str],
    elapsed: float,
) -> None:
    """A long run's classes of failure, as JSON (one file per test)."""
    out = settings.out / f"seed-{settings.seed}-{settings.profile}"
    out.mkdir(parents=True, exist_ok=True)
    classes = []
    for (name, signature), group in sorted(_group(failures).items()):
        classes.append(
            {
                "class": name,
                "area": group[0].known.area if group[0].known else None,
                "invariant": group[0].violation.invariant.value,
                "signature": signature,
                "cases": sorted({f.case.id for f in group}),
                "example": {
                    "case": group[0].case.id,
                    "note": group[0].case.note,
                    "detail": group[0].violation.detail[:3000],
                    "reproducer": str(group[0].reproducer),
                },
            }
        )
    summary = {
        "test": test,
        "checked": dict(checked),
        "seconds": round(elapsed, 1),
        "classes": classes,
    }
    (out / f"summary-{test}.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")

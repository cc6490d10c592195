"""Rerun fuzz cases: `python -m tests.fuzz CASE ...` (from the repository's root), where CASE is
a reproducer directory a failure wrote (`python -m tests.fuzz /tmp/frontier-lint-fuzz/seed-0-ci/
mut-0042`) or a case id, regenerated from the seed and profile in the environment
(`FRONTIER_LINT_FUZZ_SEED=0 FRONTIER_LINT_FUZZ_PROFILE=ci python -m tests.fuzz mut-0042`). Every invariant is checked (the command line and, for cases with a buffer, the
language server); what fails is printed and the case is written out again. Exit 1 on failure.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from tests.fuzz import families
from tests.fuzz.cases import Case, load_case
from tests.fuzz.invariants import Violation
from tests.fuzz.runner import scratch_dir
from tests.fuzz.session import FuzzSession, write_reproducer
from tests.fuzz.settings import Settings
from tests.fuzz.shrink import shrink


def check_quietly(session: FuzzSession, case: Case) -> list[Violation]:
    """The command-line invariants on `case`, without recording a reproducer."""
    from tests.fuzz.cases import remove_tree, write_tree
    from tests.fuzz.invariants import check_jobs, check_run
    from tests.fuzz.session import cli_args

    root = session.scratch / "shrink"
    timeout = session.settings.timeout * case.timeout_scale
    try:
        write_tree(case, root)
        one = session.runner.run(cli_args(case, 1), root, timeout)
        found, _ = check_run(case, one, timeout)
        if not one.timed_out:
            two = session.runner.run(cli_args(case, 2), root, timeout)
            found += check_run(case, two, timeout)[0] + check_jobs(one, two)
    finally:
        remove_tree(root)
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("cases", nargs="+", metavar="CASE", help="a directory or a case id")
    parser.add_argument("--no-lsp", action="store_true", help="skip the language-server check")
    parser.add_argument(
        "--shrink",
        action="store_true",
        help="shrink each failing case (line by line, same failure) and write it out as ID-min",
    )
    ns = parser.parse_args(argv)
    settings = Settings.from_env()
    session = FuzzSession(settings, "rerun", scratch_dir(), 1.0)
    failed = False
    try:
        for case_id in ns.cases:
            if Path(case_id).is_dir():
                case = load_case(Path(case_id))
            else:
                case = families.by_id(case_id, settings.seed, settings.profile)
            print(f"{case.id}: {case.note}")
            violations = session.check_cli(case)
            if case.lsp and case.buffer is not None and not ns.no_lsp:
                violations += session.check_lsp(case)
            for v in violations:
                print(
                    f"  FAIL {v.invariant.value}: {v.signature}\n    "
                    + v.detail.replace("\n", "\n    ")
                )
            failed = failed or bool(violations)
            if not violations:
                print("  ok")
            elif ns.shrink:
                small = shrink(case, violations[0], lambda c: check_quietly(session, c))
                small = dataclasses.replace(small, id=f"{case.id}-min")
                where = write_reproducer(settings, small, [violations[0]], "cli")
                print(f"  shrunk to {small.size()} bytes: {where}")
    finally:
        session.close()
    for f in session.failures:
        print(f"reproducer: {f.reproducer}")
        break
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

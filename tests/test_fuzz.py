"""Properties that hold for any input (issue 15, item 10), checked on generated and mutated
inputs through the real command (`frontier-lint --format json --no-cache --jobs 1|2`) and the
language server:

- no traceback, no signal, exit 0 or 1 (2 only for a usage error by construction, one line);
- each run ends within a time bound (a hang detector: 10 s per case by default);
- `--jobs 1` and `--jobs 2` print byte-identical reports;
- the report agrees with the exit code, and a spliced forbidden launch is never judged clean;
- the language server publishes diagnostics for, and then answers a request after, every input.

The default run is CI's: seed 0, a fixed list of cases, well under a minute. Set
`FRONTIER_LINT_FUZZ=600` to fuzz for ten minutes (see `tests/fuzz/settings.py` for the other
variables). A failure names each case, the directory it was written to and the command that
reruns it; failures of the classes listed in `tests/fuzz/known.py` (issue 15's open defects)
mark the test xfail instead, by name.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fuzz import families, worker
from tests.fuzz.cases import Case, Entry, Expectation, load_case, remove_tree
from tests.fuzz.invariants import Invariant, Violation, check_jobs, check_run, normalise
from tests.fuzz.launches import PROGRAMS, TEMPLATES
from tests.fuzz.programs import splice_appended
from tests.fuzz.runner import How, Run, scratch_dir
from tests.fuzz.session import FuzzSession, write_reproducer
from tests.fuzz.settings import Settings
from tests.fuzz.shrink import shrink

SETTINGS = Settings.from_env()

# Cases per family in the CI run, and each test's share of a long run's budget.
CI_COUNTS = {"gen": 6, "mut": 12, "proj": 4, "bulk": 1}
LSP_COUNTS = {"gen": 3, "mut": 6, "proj": 2}
HYPOTHESIS_EXAMPLES = 10
WEIGHTS = {
    "gen": 0.22,
    "mut": 0.22,
    "proj": 0.1,
    "bulk": 0.06,
    "language_server": 0.2,
    "hypothesmith_programs": 0.2,
}  # test_odd_files is a fixed list


@pytest.fixture
def session(request: pytest.FixtureRequest) -> Iterator[FuzzSession]:
    name = request.node.name.removeprefix("test_")
    family = (
        request.node.callspec.params.get("family", "") if hasattr(request.node, "callspec") else ""
    )
    weight = WEIGHTS.get(family or name, 0.1)
    s = FuzzSession(SETTINGS, f"{name}", scratch_dir(), weight)
    yield s
    s.close()


# --------------------------------------------------------------------------- the command line


@pytest.mark.parametrize("family", ["gen", "mut", "proj", "bulk"])
def test_command_line(session: FuzzSession, family: str) -> None:
    """Generated programs, mutated fixtures and projects, and `--jobs 2`'s forked paths."""
    for index, case in enumerate(session.cases(family, CI_COUNTS[family])):
        # A bulk case through a real subprocess costs seconds: the fork server runs those.
        session.check_cli(case, index + (family == "bulk"))
    session.finish()


def test_odd_files(session: FuzzSession) -> None:
    """FIFOs, sockets, symlink loops, /dev/zero, unreadable and empty files, a directory named
    `x.py`, a non-UTF-8 name: in the tree (skipped or an error entry, the rest still reported)
    or named on the command line (also a one-line usage error)."""
    cases = list(session.cases("odd", None))
    for index, case in enumerate(cases, start=1):
        # The fork server reads files as the command does; the last (every odd node at once)
        # also goes through a real `python -m frontier_lint`.
        session.check_cli(case, 0 if index == len(cases) else index)
    session.finish()


# --------------------------------------------------------------------------- the language server


def test_language_server(session: FuzzSession) -> None:
    """After each input (opened, then changed), diagnostics come and a request is answered."""
    pytest.importorskip("pygls")
    # The families take turns, so a long run's budget is shared between them.
    streams = [session.cases(family, count) for family, count in LSP_COUNTS.items()]
    for case in itertools.chain.from_iterable(itertools.zip_longest(*streams)):
        if case is not None and case.buffer is not None and case.lsp:
            session.check_lsp(case)
    session.finish()


# --------------------------------------------------------------------------- Hypothesis


def _hyp_case(program: str, template: int, target: str) -> Case | None:
    frag = TEMPLATES[template](random.Random(0), target, 0)
    source = splice_appended(program, frag)
    if source is None:
        return None
    digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    data = source.encode("utf-8", "surrogatepass")
    entries = [Entry(b"hyp.py", data=data)]
    if frag.module is not None:
        entries.append(Entry(frag.module[0].encode(), data=frag.module[1].encode()))
    expect = (Expectation("hyp.py", frag.program, frag.kind),) if frag.program else ()
    return Case(
        f"hyp-{digest}",
        "hyp",
        f"hypothesmith program + {frag.kind}",
        tuple(entries),
        expectations=expect,
        buffer=b"hyp.py",
    )


def test_hypothesmith_programs(session: FuzzSession) -> None:
    """Programs from CPython's grammar (hypothesmith) with a launch appended; Hypothesis
    shrinks a failing one to a minimal program and fragment."""
    hypothesmith = pytest.importorskip("hypothesmith")
    from hypothesis import HealthCheck, assume, given, seed, settings
    from hypothesis import strategies as st

    examples = SETTINGS.examples or HYPOTHESIS_EXAMPLES
    rounds = 0
    while True:

        @seed(SETTINGS.seed + rounds)
        @settings(
            max_examples=examples,
            database=None,
            deadline=None,
            derandomize=False,
            print_blob=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(
            program=hypothesmith.from_grammar(),
            template=st.integers(0, len(TEMPLATES) - 1),
            target=st.sampled_from(PROGRAMS),
        )
        def check(program: str, template: int, target: str) -> None:
            case = _hyp_case(program, template, target)
            assume(case is not None)
            assert case is not None
            before = len(session.failures)
            session.check_cli(case, 1)
            new = [f for f in session.failures[before:] if f.known is None]
            # Hypothesis shrinks a new failure (known classes are collected, not shrunk).
            assert not new, "\n".join(
                f"{f.violation.invariant.value}: {f.violation.signature}\n{f.violation.detail}\n"
                f"reproducer: {f.reproducer}"
                for f in new
            )

        check()
        rounds += 1
        if session.deadline is None or session.out_of_time():
            break
    session.finish()


# --------------------------------------------------------------------------- the harness itself


def _run(exit: int = 0, stdout: bytes = b"", stderr: bytes = b"", timed_out: bool = False) -> Run:
    return Run(("."), How.FORK, exit, timed_out, 0.1, stdout, stderr)


CLEAN = b'{"version": 1, "findings": [], "errors": [], "unresolved": [], "summary": {}}'
CASE = Case("t-0000", "t", "", (), expectations=(Expectation("a.py", "codex", "literal"),))


@pytest.mark.parametrize(
    ("run", "invariant"),
    [
        (_run(timed_out=True), Invariant.TIME),
        (_run(exit=-signal.SIGSEGV), Invariant.SIGNAL),
        (
            _run(exit=1, stderr=b"Traceback (most recent call last):\n  ...\nValueError: x\n"),
            Invariant.TRACEBACK,
        ),
        (
            _run(exit=2, stderr=b"frontier-lint: error: internal error: RecursionError\n"),
            Invariant.EXIT,
        ),
        (_run(exit=0, stdout=b"{not json"), Invariant.REPORT),
        (_run(exit=1, stdout=CLEAN), Invariant.REPORT),  # exit 1 with nothing failing
        (_run(exit=0, stdout=CLEAN), Invariant.FAIL_CLOSED),  # the spliced launch was lost
    ],
    ids=["hang", "signal", "traceback", "exit-2", "not-json", "exit-disagrees", "clean"],
)
def test_each_invariant_catches_its_failure(run: Run, invariant: Invariant) -> None:
    violations, _ = check_run(CASE, run, 10.0)
    assert invariant in {v.invariant for v in violations}


def test_a_passing_run_passes() -> None:
    report = (
        b'{"version": 1, "errors": [], "unresolved": [], "summary": {}, "findings": '
        b'[{"program": "codex", "path": "a.py", "trace": []}]}'
    )
    assert check_run(CASE, _run(exit=1, stdout=report), 10.0)[0] == []
    unresolved = b'{"version": 1, "findings": [], "errors": [], "unresolved": [{"path": "a.py"}]}'
    assert check_run(CASE, _run(exit=0, stdout=unresolved), 10.0)[0] == []


def test_usage_error_by_construction_is_one_line() -> None:
    usage = Case("t-0001", "t", "", (), usage_error_ok=True)
    ok = _run(exit=2, stderr=b"frontier-lint: error: pipe.py: not a regular file\n")
    assert check_run(usage, ok, 10.0)[0] == []
    internal = _run(exit=2, stderr=b"frontier-lint: error: internal error: OSError\n")
    assert [v.invariant for v in check_run(usage, internal, 10.0)[0]] == [Invariant.EXIT]


def test_jobs_outputs_must_be_identical() -> None:
    assert check_jobs(_run(exit=0, stdout=CLEAN), _run(exit=0, stdout=CLEAN)) == []
    other = CLEAN.replace(b"[]}", b'[{"path": "b.py"}]}', 1)
    (v,) = check_jobs(_run(exit=0, stdout=CLEAN), _run(exit=1, stdout=other))
    assert v.invariant is Invariant.JOBS and v.signature == "exit codes differ"


def test_signatures_group_failures_of_one_kind() -> None:
    a = normalise(
        "internal error: SyntaxError: invalid \\x escape at position 6 (<unknown>, line 1)"
    )
    b = normalise(
        "internal error: SyntaxError: invalid \\x escape at position 13 (<unknown>, line 40)"
    )
    assert a == b
    assert normalise("cannot read /tmp/a/b.py: 'x'") == normalise("cannot read /srv/c.py: 'yz'")


@pytest.mark.parametrize("family", sorted(families.FAMILIES))
def test_cases_are_a_function_of_seed_and_id(family: str) -> None:
    first = [c for c, _ in zip(families.stream(family, 7, "ci"), range(3), strict=False)]
    again = [families.by_id(c.id, 7, "ci") for c in first]
    assert first == again
    other_seed = families.by_id(first[0].id, 8, "ci")
    assert other_seed != first[0]


@pytest.mark.parametrize("case_id", ["odd-everything", "gen-0001", "mut-0014"])
def test_a_written_case_reads_back_the_same(tmp_path: Path, case_id: str) -> None:
    """A reproducer directory is the case: `python -m tests.fuzz DIR` checks the same input."""
    case = families.by_id(case_id, 0, "ci")
    where = write_reproducer(
        SETTINGS.__class__(**{**vars(SETTINGS), "out": tmp_path}), case, [], "cli"
    )
    again = load_case(where)
    assert sorted(again.entries, key=lambda e: e.path) == sorted(case.entries, key=lambda e: e.path)
    assert (again.named, again.expectations, again.buffer) == (
        case.named,
        case.expectations,
        case.buffer,
    )
    assert again.base == case.base
    remove_tree(where / "project")


def test_shrinking_keeps_the_failure_and_drops_the_rest() -> None:
    bad = Violation(Invariant.EXIT, "exit 2: boom", "")
    lines = [f"x{i} = {i}\n".encode() for i in range(40)]
    lines.insert(17, b"boom()\n")
    case = Case(
        "t-0002", "t", "", (Entry(b"a.py", data=b"".join(lines)), Entry(b"b.py", data=b"y = 1\n"))
    )

    def run(c: Case) -> list[Violation]:
        return [bad] if any(b"boom()" in e.data for e in c.entries) else []

    small = shrink(case, bad, run)
    assert [(e.path, e.data) for e in small.entries] == [(b"a.py", b"boom()\n")]


def test_shrinking_a_clean_verdict_keeps_the_launch() -> None:
    """Removing the spliced launch would also give "judged clean": its lines stay."""
    lost = Violation(Invariant.FAIL_CLOSED, "`literal` launch of codex judged clean", "")
    source = b"a = 1\nimport subprocess as _fz_sp\nb = 2\n_fz_sp.run(['codex'])\nc = 3\n"
    case = Case("t-0003", "t", "", (Entry(b"a.py", data=source),))
    small = shrink(case, lost, lambda c: [lost])
    assert small.entries[0].data == b"import subprocess as _fz_sp\n_fz_sp.run(['codex'])\n"


@pytest.mark.parametrize(
    ("load", "cpu", "after", "over"),
    [
        # idle (CI): exactly the timeout, whatever the run did
        (0.3, 0.0, 9.9, False),
        (0.3, 0.0, 10.0, True),
        (2.0, 1.0, 10.0, True),
        # shared: the run goes on until it has worked `timeout` CPU seconds ...
        (30.0, 9.0, 50.0, False),
        (30.0, 10.0, 50.0, True),
        # ... or has waited HANG_SCALE times the timeout without working
        (30.0, 0.5, 10.0 * worker.HANG_SCALE, True),
        # no /proc: wall time stretched by the load, at most 4x
        (30.0, None, 39.0, False),
        (30.0, None, 40.0, True),
    ],
)
def test_the_time_bound_is_on_work_when_the_machine_is_shared(
    monkeypatch: pytest.MonkeyPatch, load: float, cpu: float | None, after: float, over: bool
) -> None:
    """A 10 s run: a loaded machine stretches wall time, not the work a run may do."""
    monkeypatch.setattr(worker.os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(worker.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(worker, "group_cpu_seconds", lambda pgid: cpu)
    assert worker.over_bound(100.0, 10.0, 1, 100.0 + after) is over


def test_the_group_cpu_counts_this_process() -> None:
    """The work bound reads real CPU: this process's group has used at least its own CPU time."""
    import os
    import time

    spent = time.process_time()
    while time.process_time() - spent < 0.2:  # make sure there is some to see
        pass
    seen = worker.group_cpu_seconds(os.getpgrp())
    if seen is None:
        pytest.skip("no /proc here")
    assert seen >= time.process_time() - 0.1

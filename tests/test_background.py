"""Work done in a forked child beside the run: the answer is the same with or without a child."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import pytest

from frontier_lint.run.background import Background, Shared, can_fork

needs_fork = pytest.mark.skipif(not can_fork(), reason="no safe fork on this platform")


@needs_fork
def test_the_child_answers_with_its_own_work() -> None:
    parent = os.getpid()
    job = Background(lambda: {"pid": os.getpid(), "files": ["a.py"]})
    assert job.forked
    got = job.result()
    assert got["files"] == ["a.py"] and got["pid"] != parent  # done in the child


def test_without_a_child_the_work_runs_here_when_asked() -> None:
    calls: list[int] = []
    job = Background(lambda: calls.append(os.getpid()) or len(calls), fork=False)
    assert not job.forked and calls == []
    assert job.result() == 1 and calls == [os.getpid()]
    assert job.result() == 1 and len(calls) == 1  # the answer is kept


@needs_fork
def test_a_child_that_dies_leaves_the_work_to_this_process() -> None:
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            os._exit(3)  # the child dies before answering
        return 42

    job = Background(work)
    assert job.forked
    assert job.result() == 42


@needs_fork
def test_a_child_whose_work_fails_leaves_it_to_this_process() -> None:
    parent = os.getpid()

    def work() -> str:
        if os.getpid() != parent:
            raise MemoryError
        return "here"

    assert Background(work).result() == "here"


@needs_fork
def test_a_child_whose_answer_fits_its_pipe_exits_before_it_is_asked_for() -> None:
    # Left waiting for the parent to read its answer, a child keeps all the memory its work
    # made: the digests of a cold corpus run (0.7 MB) held 20 MB for the whole analysis.
    parent = os.getpid()
    answer = {"pid": 0, "digests": [f"{i:064x}" for i in range(8_000)]}  # ~0.6 MB pickled

    def work() -> dict[str, object]:
        return {**answer, "pid": os.getpid()}

    job = Background(work)
    assert job.forked and job._pid is not None
    gone = None
    for _ in range(500):  # up to 10 s
        gone = os.waitid(os.P_PID, job._pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        if gone is not None:
            break
        time.sleep(0.02)
    assert gone is not None and gone.si_status == 0  # (not reaped: `result` does that)
    got = job.result()
    assert got["digests"] == answer["digests"] and got["pid"] != parent  # the child's answer


# ------------------------------------------------------ work shared with a child (`Shared`)


def _part_here_slowly(
    parent: int, dies_at: int | None = None, stuck_at: int | None = None
) -> Callable[[int], tuple[int, bool]]:
    """Part k is (k, whether the child made it); slow here, so the child's parts arrive while
    this process makes its first one. The child dies at part `dies_at`, is stuck at
    `stuck_at`."""

    def part(k: int) -> tuple[int, bool]:
        if os.getpid() != parent:
            if k == dies_at:
                os._exit(3)
            if k == stuck_at:
                time.sleep(60)
            return k, True
        time.sleep(0.3)
        return k, False

    return part


def test_without_a_child_every_part_is_made_here_in_order() -> None:
    job = Shared(lambda k: (k, os.getpid()), 5, fork=False)
    assert not job.forked
    assert job.parts() == [(k, os.getpid()) for k in range(5)]


@needs_fork
def test_the_parts_a_child_sent_are_taken_and_the_rest_made_here() -> None:
    job = Shared(_part_here_slowly(os.getpid(), stuck_at=5), 6)
    assert job.forked
    time.sleep(0.2)  # (the child sends parts 0 to 4 meanwhile, then is stuck)
    got = job.parts()
    assert got == [(0, True), (1, True), (2, True), (3, True), (4, True), (5, False)]
    assert not job.forked  # stopped once every part is had (not waited for)


@needs_fork
def test_a_child_done_in_time_makes_every_part() -> None:
    job = Shared(_part_here_slowly(os.getpid()), 6)
    time.sleep(0.2)
    assert job.parts() == [(k, True) for k in range(6)]


@needs_fork
def test_a_child_that_dies_leaves_the_parts_it_did_not_send_here() -> None:
    job = Shared(_part_here_slowly(os.getpid(), dies_at=2), 6)
    time.sleep(0.2)
    got = job.parts()
    assert got == [(0, True), (1, True), (2, False), (3, False), (4, False), (5, False)]

"""Work done in a forked child beside the run: the answer is the same with or without a child."""

from __future__ import annotations

import os

import pytest

from frontier_lint.run.background import Background, can_fork

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

"""Time a command the way the benchmark reports it: wall, CPU and peak memory, several runs.

- wall: `time.perf_counter()` around start and reaping of the process;
- CPU: user + system time from `os.wait4`, which covers the process and every descendant it
  waited for (worker processes included);
- peak RSS, two figures: the largest single process of the tree (`ru_maxrss` from `os.wait4`,
  exact) and the whole tree's sum, sampled from /proc every 20 ms (workers of a pool add up).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_EVERY = 0.02


@dataclass
class Run:
    wall: float
    cpu: float  # user + system, seconds
    maxrss_mb: float  # largest single process
    tree_rss_mb: float  # sampled sum over the process tree (0 when too short to sample)
    returncode: int
    stderr: str = ""  # last 2,000 characters, for error messages


@dataclass
class Measurement:
    name: str
    argv: list[str]
    cwd: str
    runs: list[Run] = field(default_factory=list)
    error: str | None = None  # why the tool could not be measured
    stdout_path: str | None = None  # output of the last run

    def _vals(self, attr: str) -> list[float]:
        return [getattr(r, attr) for r in self.runs]

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self._vals("wall"))

    @property
    def min(self) -> float:
        return min(self._vals("wall"))

    @property
    def max(self) -> float:
        return max(self._vals("wall"))

    @property
    def cpu(self) -> float:
        return statistics.median(self._vals("cpu"))

    @property
    def maxrss_mb(self) -> float:
        return max(self._vals("maxrss_mb"))

    @property
    def tree_rss_mb(self) -> float:
        return max(max(self._vals("tree_rss_mb")), self.maxrss_mb)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"name": self.name, "argv": self.argv, "cwd": self.cwd}
        out["error"] = self.error
        out["runs"] = [{k: v for k, v in r.__dict__.items() if k != "stderr"} for r in self.runs]
        if self.ok:
            out.update(median=self.median, min=self.min, max=self.max, cpu=self.cpu)
            out.update(maxrss_mb=self.maxrss_mb, tree_rss_mb=self.tree_rss_mb)
        return out


def _tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants (0 for processes already gone)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm", "rb") as f:
                total += int(f.read().split()[1]) * PAGE
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", "rb") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (OSError, ValueError, IndexError):
            continue
    return total


class _Sampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_EVERY):
            self.peak = max(self.peak, _tree_rss(self.pid))


def run_once(
    argv: Sequence[str],
    cwd: Path,
    *,
    env: Mapping[str, str] | None = None,
    stdout: Path | None = None,
    timeout: float = 3600.0,
) -> Run:
    """Run `argv` once in `cwd`, output to `stdout` (or /dev/null); raise on time-out."""
    out = open(stdout, "wb") if stdout else open(os.devnull, "wb")  # noqa: SIM115
    with out, open(os.devnull, "rb") as devnull_in:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=dict(env) if env is not None else None,
            stdin=devnull_in,
            stdout=out,
            stderr=subprocess.PIPE,
        )
        sampler = _Sampler(proc.pid)
        sampler.start()
        stderr_chunks: list[bytes] = []
        assert proc.stderr is not None
        err = proc.stderr
        reader = threading.Thread(target=lambda: stderr_chunks.append(err.read()), daemon=True)
        reader.start()
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                sampler.done.set()
                raise TimeoutError(f"{argv[0]} ran over {timeout:.0f} s")
            time.sleep(0.002)
        wall = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
        reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    run = Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        maxrss_mb=usage.ru_maxrss / 1024,
        tree_rss_mb=sampler.peak / 2**20,
        returncode=proc.returncode,
        stderr=b"".join(stderr_chunks).decode("utf-8", "replace")[-2000:],
    )
    return run


def measure(
    name: str,
    argv: Sequence[str],
    cwd: Path,
    *,
    runs: int,
    budget: float,
    ok_codes: Sequence[int] = (0, 1),
    env: Mapping[str, str] | None = None,
    stdout: Path | None = None,
    warmup: int = 0,
    before_each: object = None,
    timeout: float = 3600.0,
) -> Measurement:
    """Run `argv` up to `runs` times (at least once; stop early once `budget` seconds are spent).

    `before_each`, if given, is a callable run (untimed) before every run, warm-up included.
    A run exiting with a code outside `ok_codes` marks the measurement as failed.
    """
    m = Measurement(name, list(argv), str(cwd), stdout_path=str(stdout) if stdout else None)
    spent = 0.0
    try:
        for i in range(warmup + runs):
            if callable(before_each):
                before_each()
            r = run_once(argv, cwd, env=env, stdout=stdout, timeout=timeout)
            if r.returncode not in ok_codes:
                m.error = f"exit {r.returncode}: {r.stderr.strip()[-300:]}"
                return m
            if i >= warmup:
                m.runs.append(r)
                spent += r.wall
                if spent >= budget and len(m.runs) >= 1:
                    break
    except (OSError, TimeoutError) as exc:
        m.error = f"{type(exc).__name__}: {exc}"
    return m

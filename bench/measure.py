"""Time a command the way the benchmark reports it: wall, CPU and peak memory, several runs.

- wall: `time.perf_counter()` around start and reaping of the process;
- CPU: user + system time of the process and every descendant it waited for (worker processes
  included), as `wait4` reports it;
- peak RSS, two figures: the largest single process of the tree (`ru_maxrss` from `wait4`) and
  the whole tree's sum, sampled from /proc every 20 ms (workers of a pool add up).

The command is started through a small reporter, GNU `/usr/bin/time` when present (else a
`python -S` stand-in), because a child forked straight from this (large) Python process would
count this process's memory in its own `ru_maxrss`.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_EVERY = 0.02
GNU_TIME = "/usr/bin/time"
# Stand-in for GNU time: run argv, write "user system maxrss_kb exit" to the file in $FL_RUSAGE.
REPORTER = (
    "import os,sys\n"
    "pid=os.fork()\n"
    "if pid==0:\n"
    "    try: os.execvp(sys.argv[1],sys.argv[1:])\n"
    "    finally: os._exit(127)\n"
    "_,st,ru=os.wait4(pid,0)\n"
    "code=os.waitstatus_to_exitcode(st)\n"
    "open(os.environ['FL_RUSAGE'],'w').write(f'{ru.ru_utime} {ru.ru_stime} {ru.ru_maxrss} {code}')\n"
    "sys.exit(code if code>=0 else 128-code)\n"
)


def _cpu_times() -> tuple[int, int]:
    """(busy, total) jiffies over all CPUs, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


_busy_streak = False  # the last wait ran out: the machine is busy for a while, wait less


def wait_quiet(max_wait: float, threshold: float = 0.15) -> float:
    """Wait (up to `max_wait` s) for a second in which under `threshold` of the CPUs are busy,
    so another process on the machine does not skew a run. Returns the last busy share.

    Once a wait has run out, later waits give up after 2 s until the machine is quiet again:
    a long job of someone else's is then reported (`busy_before`), not waited out run by run."""
    global _busy_streak
    deadline = time.monotonic() + (min(max_wait, 2.0) if _busy_streak else max_wait)
    while True:
        try:
            b0, t0 = _cpu_times()
            time.sleep(1.0)
            b1, t1 = _cpu_times()
        except (OSError, ValueError, IndexError):
            return 0.0
        busy = (b1 - b0) / max(t1 - t0, 1)
        if busy < threshold:
            _busy_streak = False
            return busy
        if time.monotonic() >= deadline:
            _busy_streak = True
            return busy


def _reporter(argv: Sequence[str], report: Path) -> list[str]:
    if os.access(GNU_TIME, os.X_OK):
        return [GNU_TIME, "-f", "%U %S %M %x", "-o", str(report), *argv]
    return [sys.executable, "-S", "-c", REPORTER, *argv]


def _read_report(report: Path) -> tuple[float, float, int]:
    """(cpu seconds, maxrss KiB, exit code) from the reporter's file."""
    last = report.read_text().strip().splitlines()[-1].split()
    user, system, maxrss, code = float(last[0]), float(last[1]), int(last[2]), int(last[3])
    return user + system, maxrss, code


@dataclass
class Run:
    wall: float
    cpu: float  # user + system, seconds
    maxrss_mb: float  # largest single process
    tree_rss_mb: float  # sampled: the root's RSS + its descendants' private memory (0 if too short)
    returncode: int
    load1: float = 0.0  # 1-minute load average when the run started
    busy_before: float = 0.0  # share of all CPUs busy in the second before the run (0..1)
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
    def load1(self) -> float:
        return max(self._vals("load1"))

    @property
    def busy_before(self) -> float:
        return max(self._vals("busy_before"))

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
            out.update(maxrss_mb=self.maxrss_mb, tree_rss_mb=self.tree_rss_mb, load1=self.load1)
            out.update(busy_before=self.busy_before)
        return out


def _tree_rss(pid: int) -> int:
    """Memory of `pid` and all its descendants (0 for processes already gone): the root's
    resident bytes plus each descendant's private ones. A forked child maps its parent's pages
    until it writes them: counting its whole RSS would count those pages twice."""
    total, todo = 0, [(pid, True)]
    while todo:
        p, root = todo.pop()
        try:
            total += _rss(p) if root else _private(p)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", "rb") as f:
                    todo.extend((int(c), False) for c in f.read().split())
        except (OSError, ValueError, IndexError):
            continue
    return total


def _rss(pid: int) -> int:
    with open(f"/proc/{pid}/statm", "rb") as f:
        return int(f.read().split()[1]) * PAGE


def _private(pid: int) -> int:
    """Private (unshared) resident bytes; the whole RSS where the kernel does not say."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            fields = dict(line.split(b":", 1) for line in f if b":" in line)
        return sum(int(fields[k].split()[0]) for k in (b"Private_Clean", b"Private_Dirty")) * 1024
    except (OSError, KeyError, ValueError):
        return _rss(pid)


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
    quiet_wait: float = 0.0,
) -> Run:
    """Run `argv` once in `cwd`, output to `stdout` (or /dev/null); raise on time-out.

    With `quiet_wait`, first wait up to that many seconds for the machine to be idle."""
    busy = wait_quiet(quiet_wait) if quiet_wait > 0 else 0.0
    out = open(stdout, "wb") if stdout else open(os.devnull, "wb")  # noqa: SIM115
    with out, open(os.devnull, "rb") as devnull_in, tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "rusage"
        env = dict(env if env is not None else os.environ, FL_RUSAGE=str(report))
        load1 = os.getloadavg()[0]
        start = time.perf_counter()
        proc = subprocess.Popen(
            _reporter(argv, report),
            cwd=cwd,
            env=env,
            stdin=devnull_in,
            stdout=out,
            stderr=subprocess.PIPE,
            start_new_session=True,  # a time-out kills the whole group
        )
        sampler = _Sampler(proc.pid)
        sampler.start()
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise TimeoutError(f"{argv[0]} ran over {timeout:.0f} s") from None
        except BaseException:  # interrupted: do not leave the measured command running
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise
        finally:
            sampler.done.set()
            sampler.join()
        wall = time.perf_counter() - start
        try:
            cpu, maxrss_kb, code = _read_report(report)
        except (OSError, ValueError, IndexError):
            cpu, maxrss_kb, code = float("nan"), 0, proc.returncode
    return Run(
        wall=wall,
        cpu=cpu,
        maxrss_mb=maxrss_kb / 1024,
        tree_rss_mb=sampler.peak / 2**20,
        returncode=code,
        load1=load1,
        busy_before=busy,
        stderr=err.decode("utf-8", "replace")[-2000:],
    )


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
    quiet_wait: float = 0.0,
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
            r = run_once(argv, cwd, env=env, stdout=stdout, timeout=timeout, quiet_wait=quiet_wait)
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

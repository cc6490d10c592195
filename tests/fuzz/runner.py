"""Running the real command on a case: through the fork server (`worker.py`, fast) or as a
plain subprocess (`python -m frontier_lint`, exactly what CI and users run). Both bound the time
(a hang is killed with its process group) and the memory of a run, and keep its streams in files.
"""

from __future__ import annotations

import contextlib
import enum
import json
import os
import select
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tests.fuzz.worker import HANG_SCALE, limit_memory, over_bound

REPO = Path(__file__).resolve().parents[2]


class How(enum.Enum):
    FORK = "fork"  # the fork server: `frontier_lint.cli.main` in a forked child
    SUBPROCESS = "subprocess"  # a new `python -m frontier_lint`


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    how: How
    exit: int  # negative: killed by that signal
    timed_out: bool
    seconds: float
    stdout: bytes
    stderr: bytes


def run_env(scratch: Path) -> dict[str, str]:
    """The environment of a run: no debug switch (internal errors must be one line), and the
    user's cache directories redirected (a run may keep a key or state there)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTIER_LINT_")}
    env["XDG_CACHE_HOME"] = str(scratch / "xdg-cache")
    env["NO_COLOR"] = "1"
    return env


class Runner:
    """Runs `frontier-lint ARGS` in a directory; one per test (`close()` ends its worker)."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.env = run_env(scratch)
        self._worker: subprocess.Popen[bytes] | None = None
        self._n = 0

    def _start_worker(self) -> subprocess.Popen[bytes]:
        if self._worker is None or self._worker.poll() is not None:
            path = self.env.get("PYTHONPATH", "")
            self._worker = subprocess.Popen(
                [sys.executable, "-m", "tests.fuzz.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                cwd=REPO,
                env={**self.env, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), path]))},
            )
        return self._worker

    def _files(self) -> tuple[Path, Path]:
        self._n += 1
        return self.scratch / f"run{self._n}.out", self.scratch / f"run{self._n}.err"

    def run(self, args: list[str], cwd: Path, timeout: float, how: How = How.FORK) -> Run:
        out, err = self._files()
        if how is How.FORK:
            exit_code, timed_out, seconds = self._run_forked(args, cwd, timeout, out, err)
        else:
            exit_code, timed_out, seconds = self._run_subprocess(args, cwd, timeout, out, err)
        run = Run(
            tuple(args), how, exit_code, timed_out, seconds, out.read_bytes(), err.read_bytes()
        )
        out.unlink()
        err.unlink()
        return run

    def _run_forked(
        self, args: list[str], cwd: Path, timeout: float, out: Path, err: Path
    ) -> tuple[int, bool, float]:
        worker = self._start_worker()
        request = {"args": args, "cwd": str(cwd), "timeout": timeout, "out": str(out)}
        request["err"] = str(err)
        stdin, stdout = worker.stdin, worker.stdout
        assert stdin is not None and stdout is not None
        stdin.write(json.dumps(request).encode() + b"\n")
        stdin.flush()
        # The worker kills the run at `timeout`; this only guards against the worker itself.
        ready, _, _ = select.select([stdout], [], [], timeout * HANG_SCALE + 60)
        line = stdout.readline() if ready else b""
        if not line:
            worker.kill()
            worker.wait()
            self._worker = None
            raise RuntimeError(f"the fuzz worker did not answer (exit {worker.returncode})")
        answer = json.loads(line)
        return int(answer["exit"]), bool(answer["timed_out"]), float(answer["seconds"])

    def _run_subprocess(
        self, args: list[str], cwd: Path, timeout: float, out: Path, err: Path
    ) -> tuple[int, bool, float]:
        import time

        with out.open("wb") as o, err.open("wb") as e:
            start = time.monotonic()
            proc = subprocess.Popen(
                [sys.executable, "-m", "frontier_lint", *args],
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=o,
                stderr=e,
                env=self.env,
                start_new_session=True,
                preexec_fn=limit_memory,
            )
            timed_out = False
            while True:  # the same bound as the fork server's (see worker.over_bound)
                try:
                    proc.wait(max(0.0, start + timeout - time.monotonic()) or 0.5)
                    break
                except subprocess.TimeoutExpired:
                    if over_bound(start, timeout, proc.pid, time.monotonic()):
                        timed_out = True
                        break
            if timed_out:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, 9)
                proc.wait()
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, 9)
            return proc.returncode, timed_out, time.monotonic() - start

    def close(self) -> None:
        if self._worker is not None:
            stdin: IO[bytes] | None = self._worker.stdin
            if stdin is not None:
                with contextlib.suppress(OSError):
                    stdin.close()
            try:
                self._worker.wait(10)
            except subprocess.TimeoutExpired:
                self._worker.kill()
                self._worker.wait()
            self._worker = None


def scratch_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="frontier-lint-fuzz-"))

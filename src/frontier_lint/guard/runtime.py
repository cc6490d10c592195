"""The runtime guard: stop forbidden launches as the interpreter makes them.

Static analysis says what code *can* do; this says what it *does*. `install()` (or `with
guard():`) adds a `sys.addaudithook` hook that sees the real argv of every process launch
(`subprocess.Popen`, `os.system`, `os.exec*`, `os.posix_spawn*`, `os.spawn*`, `pty.spawn`, and
what is built on them: `os.popen`, `asyncio.create_subprocess_*`, `pexpect`) and matches it with
the linter's `ProgramMatcher`, driven by the same rule pack and configuration. A forbidden launch
raises `ForbiddenLaunchError` before the process starts (mode "raise") or is logged and
collected (mode "record").

Scope follows the linter: a launch is judged by the innermost calling frame inside the project,
and only frames in the frontier runtime (`include` minus `exclude`, minus `allow`) are blocked,
so a test suite's own tooling still runs; `scope="all"` blocks every forbidden launch.

Reach beyond the audit events:
- Probes (`shutil.which` and any other `probe` sink of the catalogue) raise no event: they are
  wrapped while a guard is installed.
- `os.spawn*` (POSIX) and `pexpect` fork first and exec in the child. The `os.fork` /
  `os.forkpty` events are matched against the catalogue's sinks found on the calling stack, so
  the parent raises before forking; an exec that still happens in a forked child is stopped
  there (the child exits with status 126 instead of running on with the parent's code).
- Forked children and `multiprocessing` workers (fork, spawn and forkserver; spawned workers
  install the guard while unpickling their preparation data) report their attempts back to the
  installing process through an append-only file, so `Guard.attempts()` sees them all.

The hook stays once added (audit hooks cannot be removed); without an active guard it returns
after one set-membership test.

This module is the guard itself (settings, attempts, installing and closing, the patches made
while installed); beside it: `hook` (the audit hook and its events), `judging` (which guards
block a match, the attempt recorded), `sinks` (sinks found on the stack at a fork, probe
wrappers), `children` (the report channel, the spawn bootstrap), `state` (process-wide state).
"""

from __future__ import annotations

import json
import os
import pickle
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from frontier_lint.guard.attempts import ForbiddenLaunchError, Frame, LaunchAttempt
from frontier_lint.guard.children import _channel_size, _preparation_wrapper, _send
from frontier_lint.guard.hook import _audit, split_windows_command_line
from frontier_lint.guard.sinks import _probe_wrapper, _resolve
from frontier_lint.guard.state import _library_prefixes, _log, _state
from frontier_lint.matching.programs import ProgramHit, ProgramMatcher
from frontier_lint.settings.catalogue import Catalogue, load_catalogue
from frontier_lint.settings.config import Config
from frontier_lint.settings.loading import load_config

__all__ = [
    "MODES",
    "SCOPES",
    "ForbiddenLaunchError",
    "Frame",
    "Guard",
    "LaunchAttempt",
    "guard",
    "install",
    "installed",
    "split_windows_command_line",
]

MODES = ("raise", "record")
SCOPES = ("project", "all")


# --------------------------------------------------------------------------------------------
# The guard


class Guard:
    """An installed guard: its settings and the attempts it saw. Created by `install()`."""

    def __init__(
        self,
        config: Config,
        catalogue: Catalogue,
        mode: str,
        scope: str,
        *,
        token: str | None = None,
        remote: bool = False,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
        self.config = config
        self.catalogue = catalogue
        self.mode = mode
        self.scope = scope
        self.matcher = ProgramMatcher(catalogue)
        self.pid = os.getpid()
        # Unique in the process tree (ids of dead guards are reused; counters are not).
        self.token = token or f"{self.pid}-{_state.next_seq()}"
        self.remote = remote  # a worker's guard: every attempt goes to the parent's channel
        self.key = (str(config.root), config.digest, catalogue.digest, mode, scope)
        self._refs = 0
        self._attempts: list[LaunchAttempt] = []
        self._root = os.path.realpath(config.root).rstrip(os.sep) + os.sep
        self._libraries = _library_prefixes()
        self._files: dict[str, str | None] = {}  # co_filename -> relpath in project, or None
        self._channel_offset = _channel_size()  # earlier lines belong to earlier guards
        self._channel_partial = b""

    def __repr__(self) -> str:
        return f"<Guard mode={self.mode} scope={self.scope} root={str(self.config.root)!r}>"

    @property
    def active(self) -> bool:
        return self in _state.guards

    def count(self) -> int:
        """How many attempts `attempts()` would return (cheap: polled by the pytest plugin)."""
        if _state.channel is not None:
            self._drain_channel()
        return len(self._attempts)

    def attempts(self, since: int = 0) -> tuple[LaunchAttempt, ...]:
        """Every forbidden launch seen (from the `since`-th on), here and in children/workers."""
        self._drain_channel()
        with _state.lock:
            return tuple(self._attempts[since:])

    def close(self) -> None:
        """Stop guarding (the audit hook stays, inert). Balanced with each `install()`."""
        with _state.lock:
            self._refs -= 1
            if self._refs > 0:
                return
            _state.guards = tuple(g for g in _state.guards if g is not self)
            if not _state.guards:
                _unpatch()
        self._drain_channel()

    # -- deciding ----------------------------------------------------------------------------
    def relpath(self, filename: str) -> str | None:
        """The project-relative path of a code file, None if outside the project or a library."""
        cached = self._files.get(filename, self)
        if cached is not self:
            return cached  # type: ignore[return-value]
        rel: str | None = None
        if filename and not filename.startswith("<"):
            real = os.path.realpath(filename)
            if real.startswith(self._root) and not real.startswith(self._libraries):
                rel = real[len(self._root) :].replace(os.sep, "/")
        self._files[filename] = rel
        return rel

    def project_frame(self, frames: Sequence[FrameType]) -> Frame | None:
        for f in frames:
            rel = self.relpath(f.f_code.co_filename)
            if rel is not None:
                return Frame(
                    os.path.realpath(f.f_code.co_filename), f.f_lineno, f.f_code.co_name, rel
                )
        return None

    def blocks(self, frame: Frame | None, hits: Sequence[ProgramHit]) -> bool:
        """Whether this guard stops these hits launched from `frame` (scope and allowlist)."""
        if self.scope == "all":
            return True
        if frame is None or frame.relpath is None:
            return False  # no project code asked for it: the tooling's own launch
        if not self.config.in_frontier(frame.relpath):
            return False
        for hit in hits:
            if not any(
                self.config.allow_entry(frame.relpath, hit.program, rule) for rule in hit.rule_ids
            ):
                return True
        return False

    def record(self, attempt: LaunchAttempt) -> None:
        with _state.lock:
            self._attempts.append(attempt)
        if self.remote or os.getpid() != self.pid:
            _send(self.token, attempt)
        if self.mode == "record":
            _log.warning("%s", attempt.describe())

    def _drain_channel(self) -> None:
        """Read what children appended to the channel since the last look."""
        path = _state.channel
        if path is None or self.remote or os.getpid() != self.pid:
            return
        with _state.lock:  # two threads must not read the same lines twice
            self._read_channel(path)

    def _read_channel(self, path: str) -> None:
        try:
            size = os.path.getsize(path)
        except OSError:
            return
        if size <= self._channel_offset:
            return
        try:
            with open(path, "rb") as fh:
                fh.seek(self._channel_offset)
                data = self._channel_partial + fh.read(size - self._channel_offset)
        except OSError:
            return
        self._channel_offset = size
        *lines, self._channel_partial = data.split(b"\n")
        seen = {a.key for a in self._attempts}
        for line in lines:
            try:
                token, payload = json.loads(line)
                if token != self.token:
                    continue
                attempt = LaunchAttempt.from_dict(payload)
            except (ValueError, KeyError, TypeError):
                continue
            if attempt.key not in seen:
                seen.add(attempt.key)
                self._attempts.append(attempt)


def installed() -> tuple[Guard, ...]:
    """The guards active in this process."""
    return _state.guards


def install(
    config: Config | str | os.PathLike[str] | None = None,
    *,
    mode: str = "raise",
    scope: str = "project",
    catalogue: Catalogue | None = None,
    start: str | os.PathLike[str] | None = None,
) -> Guard:
    """Start guarding this process; returns the guard (installing twice returns the same one).

    `config` is a `Config`, a configuration file, or None to discover it from `start` (default:
    the working directory) like the linter. The rule catalogue defaults to the built-in pack plus
    the configuration's `rules`.
    """
    if isinstance(config, Config):
        cfg = config
    else:
        base = Path(start) if start is not None else Path.cwd()
        cfg = load_config(Path(config) if config is not None else None, base)
    cat = catalogue if catalogue is not None else load_catalogue(cfg.rules)
    candidate = Guard(cfg, cat, mode, scope)
    return _activate(candidate)


@contextmanager
def guard(
    config: Config | str | os.PathLike[str] | None = None,
    *,
    mode: str = "raise",
    scope: str = "project",
    catalogue: Catalogue | None = None,
    start: str | os.PathLike[str] | None = None,
) -> Iterator[Guard]:
    """`install()` for the duration of a `with` block."""
    g = install(config, mode=mode, scope=scope, catalogue=catalogue, start=start)
    try:
        yield g
    finally:
        g.close()


def _activate(candidate: Guard) -> Guard:
    with _state.lock:
        for existing in _state.guards:
            if existing.key == candidate.key:
                existing._refs += 1
                return existing
        candidate._refs = 1
        if not _state.hook_added:
            sys.addaudithook(_audit)
            _state.hook_added = True
        _patch(candidate)
        _state.guards = (*_state.guards, candidate)
        return candidate


# --------------------------------------------------------------------------------------------
# Patches while a guard is installed: probes (no audit event) and the spawn bootstrap


def _patch(g: Guard) -> None:
    """Wrap probes (no audit event) and teach spawned workers to install the guard."""
    import shutil  # noqa: F401  (the built-in probe sink; cheap and nearly always loaded)

    for spec in g.catalogue.sinks.values():
        if spec.kind != "probe":
            continue
        owner_name, _, attr = spec.call.rpartition(".")
        owner = _resolve(owner_name) if "." in owner_name else sys.modules.get(owner_name)
        original = getattr(owner, attr, None) if owner is not None else None
        if original is None or not callable(original) or (id(owner), attr) in _patched_ids():
            continue
        _state.patches[(owner, attr)] = original
        setattr(owner, attr, _probe_wrapper(spec, original))
    try:
        import multiprocessing.spawn as mp_spawn
    except ImportError:  # a stripped interpreter
        return
    original = mp_spawn.get_preparation_data
    if (mp_spawn, "get_preparation_data") not in _state.patches:
        _state.patches[(mp_spawn, "get_preparation_data")] = original
        mp_spawn.get_preparation_data = _preparation_wrapper(original)


def _patched_ids() -> set[tuple[int, str]]:
    return {(id(o), a) for o, a in _state.patches}


def _unpatch() -> None:
    for (owner, attr), original in list(_state.patches.items()):
        current = getattr(owner, attr, None)
        if getattr(current, "_frontier_guard", False):
            setattr(owner, attr, original)  # only undo our own wrapper, never a later patch
        del _state.patches[(owner, attr)]


def _bootstrap(payload: bytes) -> None:
    """In a spawned worker: install the parent's guards, reporting to the parent's channel."""
    channel, settings = pickle.loads(payload)
    with _state.lock:
        if _state.channel is None:
            _state.channel, _state.channel_pid = channel, -1  # not ours to remove
    for s in settings:
        cfg = Config(**s["config"])
        _activate(Guard(cfg, s["catalogue"], s["mode"], s["scope"], token=s["token"], remote=True))

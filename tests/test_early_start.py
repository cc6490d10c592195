"""A warm run's early start (`cli.main`, `run.early`, `settings.locate`): the child that lists the
project is forked before click and the configuration are loaded, locates the root itself, and
sends the root and the state before the listing. Its answer is taken only where it is the answer
the run would have found itself."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from frontier_lint import cli
from frontier_lint.findings import Report
from frontier_lint.run import cache
from frontier_lint.run.background import Background, can_fork
from frontier_lint.run.cache import CACHE_DIR
from frontier_lint.run.early import start_located
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config
from frontier_lint.settings.locate import config_root
from tests.forks import fork_or_skip

needs_fork = pytest.mark.skipif(not can_fork(), reason="no safe fork on this platform")


EXAMPLE = Path(__file__).parent.parent / "examples" / "incident"
CONFIG = "app/backend/src/core/config.py"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "incident"
    shutil.copytree(EXAMPLE, root)
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    monkeypatch.setattr(cache, "RACY_NS", -(10**18))  # (the copies are a moment old)
    return root


# --------------------------------------------------------------------------- the root, located


def _layout(tmp_path: Path, kind: str) -> tuple[Path | None, Path]:
    """A project of `kind`, and the (explicit configuration, start) a run would be given."""
    top = tmp_path / "top"
    deep = top / "pkg" / "sub"
    deep.mkdir(parents=True)
    (deep / "mod.py").write_text("x = 1\n")
    if kind == "yaml above":
        (top / "frontier-lint.yaml").write_text("include: ['**/*.py']\n")
    elif kind == "hidden yaml and pyproject":
        (top / "pkg" / ".frontier-lint.yaml").write_text("include: ['**/*.py']\n")
        (top / "pyproject.toml").write_text("[tool.frontier-lint]\ninclude = ['**/*.py']\n")
    elif kind == "pyproject with the table":
        (top / "pyproject.toml").write_text("[tool.frontier-lint]\ninclude = ['**/*.py']\n")
    elif kind == "pyproject without it, a marker above":
        (top / "pkg" / "pyproject.toml").write_text("[tool.other]\nx = 1\n")
        (top / "setup.py").write_text("")
    elif kind == "explicit":
        (tmp_path / "elsewhere.yaml").write_text("include: ['**/*.py']\n")
        return tmp_path / "elsewhere.yaml", deep / "mod.py"
    return None, deep / "mod.py"


@pytest.mark.parametrize(
    "kind",
    [
        "yaml above",
        "hidden yaml and pyproject",
        "pyproject with the table",
        "pyproject without it, a marker above",
        "explicit",
        "nothing",
    ],
)
def test_the_root_located_is_the_root_of_the_configuration_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    explicit, start = _layout(tmp_path, kind)
    monkeypatch.chdir(tmp_path)
    assert config_root(explicit, start) == load_config(explicit, start).root


# --------------------------------------------------------------------------- the child's answer


@needs_fork
def test_the_head_is_sent_before_the_rest_is_pickled() -> None:
    """A run answered by the head never waits for the rest: here the rest cannot even be
    pickled, and the head still comes from the child."""
    fork_or_skip()
    parent = os.getpid()
    job = Background(
        lambda: (os.getpid(), lambda: None),  # (a lambda: no pickle for it)
        head=lambda answer: str(answer[0]).encode(),
    )
    assert job.forked
    assert int(job.head()) != parent  # the child's
    assert job.result()[0] == parent  # the rest, worked out here


@needs_fork
def test_cancel_stops_the_child_at_once() -> None:
    fork_or_skip()
    job = Background(lambda: time.sleep(30) or "late", head=lambda answer: b"x")
    pid = job._pid
    assert pid is not None
    began = time.monotonic()
    job.cancel()
    assert time.monotonic() - began < 5
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed and reaped
    job = Background(lambda: "here", fork=False)
    job.cancel()  # (nothing to stop)
    assert job.result() == "here"


def _run(root: Path, early: object = None) -> Report:
    config = load_config(None, root)
    report = lint(
        config,
        load_catalogue(config.rules),
        LintRequest(paths=(root / "app",), jobs=2, early=early),  # type: ignore[arg-type]
    )
    return replace(report, elapsed=0.0)


@needs_fork
def test_a_listing_of_another_root_is_not_used(project: Path, tmp_path: Path) -> None:
    """The child located a root that is not the run's (the command line was not what `main`
    took it for): its listing, of other files, is another project's."""
    other = tmp_path / "other"
    shutil.copytree(project, other)
    extra = other / "app" / "backend" / "src" / "services" / "extra.py"
    extra.write_text("import subprocess\n\n\ndef go():\n    subprocess.run(['claude'])\n")
    _run(other)  # (a cache there: the child lists it)
    cold = _run(project)
    os.utime(project / CONFIG)  # (not answered from memory: the listing would be used)
    early = start_located(lambda: other, (project / "app",))
    assert not early.started_for(project, (project / "app",))
    got = _run(project, early)
    early.cancel()
    assert got == cold
    assert all("extra.py" not in f.path for f in got.findings)


@needs_fork
def test_a_listing_of_the_runs_root_is_used(project: Path) -> None:
    _run(project)
    early = start_located(lambda: project, (project / "app",))
    assert early.started_for(project, (project / "app",))
    assert _run(project, early) == _run(project, None)


@needs_fork
def test_the_cache_is_loaded_while_the_child_still_lists(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run whose listing child has not answered yet loads the cache meanwhile (the time it
    would wait): once, begun before the child's answer is taken, with the report a run without
    a child makes."""
    _run(project)
    os.utime(project / CONFIG)  # (not answered from memory: the cache is needed)
    want = _run(project, None)
    loads: list[bool] = []
    loading = cache.Cache.loading

    def noted(self: cache.Cache) -> cache.Loading:
        loads.append(early.waiting())
        return loading(self)

    monkeypatch.setattr(cache.Cache, "loading", noted)
    slow = time.sleep  # (a child slower than this process's work before the listing)
    early = start_located(lambda: slow(2) or project, (project / "app",))
    got = _run(project, early)
    assert loads == [True]  # loaded once, while the child was still at work
    assert got == want


def _stages_counted(monkeypatch: pytest.MonkeyPatch, pause: float) -> tuple[list[int], list[int]]:
    """Count the stages of every load made and the loads finished; each stage takes `pause`
    seconds more, and holds one entry."""
    monkeypatch.setattr(cache, "_ENTRIES_PER_STAGE", 1)
    made, finished = [0], [0]
    step, finish = cache.Loading._step, cache.Loading.finish

    def counted_step(self: cache.Loading) -> None:
        made[0] += 1
        time.sleep(pause)
        step(self)

    def counted_finish(self: cache.Loading) -> cache.CacheData | None:
        finished[0] += 1
        return finish(self)

    monkeypatch.setattr(cache.Loading, "_step", counted_step)
    monkeypatch.setattr(cache.Loading, "finish", counted_finish)
    return made, finished


@needs_fork
def test_a_run_its_remembered_report_answers_stops_loading_once_the_child_answers(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The load made while the child lists stops when the child answers: a run the
    remembered report answers drops it unfinished (it paid at most one stage more than it
    waited), with the remembered report."""
    want = _run(project)
    made, finished = _stages_counted(monkeypatch, 0.0)
    cache.Cache(project, _key(project), cache.machine_key() or b"").load()
    stages, made[0], finished[0] = made[0], 0, 0  # (a whole load's)
    made, finished = _stages_counted(monkeypatch, 0.6)
    early = start_located(lambda: time.sleep(1) or project, (project / "app",))
    got = _run(project, early)
    assert got == want
    assert finished == [0]  # (dropped)
    assert 1 <= made[0] < stages - 2  # (begun; stopped well before its end)


@needs_fork
def test_a_run_the_remembered_report_does_not_answer_finishes_the_load(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    want = _run(project)
    os.utime(project / CONFIG)  # (not answered from memory: the cache is needed)
    made, finished = _stages_counted(monkeypatch, 0.0)
    early = start_located(lambda: time.sleep(1) or project, (project / "app",))
    assert _run(project, early) == want
    assert finished == [1] and made[0] > 1


def _key(root: Path) -> str:
    from frontier_lint.frontend.grammar import project_target, target_name

    config = load_config(None, root)
    target = target_name(project_target(root, config.target_version))
    return cache.cache_key(load_catalogue(config.rules).digest, f"{config.digest}:{target}")


def test_a_load_made_in_stages_is_the_load(project: Path) -> None:
    """`Loading.advance_while` makes stages while it is told to, and stops; `finish` makes the
    rest: the data `Cache.load()` gives."""
    _run(project)
    store = cache.Cache(project, _key(project), cache.machine_key() or b"")
    want = store.load()
    assert want is not None and want.entries
    loading = store.loading()
    asked = [0]

    def twice() -> bool:
        asked[0] += 1
        return asked[0] <= 2

    loading.advance_while(twice)
    assert asked == [3]  # (two stages made, then told to stop)
    assert loading.finish() == want
    loading.advance_while(lambda: True)  # (done: nothing more to make)
    assert loading.finish() == want


@needs_fork
def test_waiting_is_true_only_until_the_child_has_sent_something() -> None:
    job = Background(lambda: time.sleep(1) or "late", head=lambda answer: b"x")
    assert job.waiting()
    assert job.head() == b"x"
    assert not job.waiting()
    assert job.result() == "late"
    assert not job.waiting()
    assert not Background(lambda: "here", fork=False).waiting()  # (nothing to wait for)


# --------------------------------------------------------------------------- main's guess


@needs_fork
@pytest.mark.parametrize(
    ("args", "asked"),
    [
        (["--format", "json", "app"], (None, "app")),
        (["app", "--jobs=2", "-q", "--select", "FL001"], (None, "app")),
        (["--config", "c.yaml", "-o", "out.json", "app", "lib"], ("c.yaml", "app")),
        (["--output-format=concise"], (None, ".")),
    ],
)
def test_main_guesses_the_start_of_a_plain_run(
    project: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], asked: tuple[str, str]
) -> None:
    fork_or_skip()
    monkeypatch.chdir(project)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    started = cli._start_early(args)
    assert started is not None
    started.cancel()
    config, start = asked
    assert started.asked == (
        Path(config) if config else None,
        Path(os.path.abspath(start)),
    )
    assert started.early.paths == tuple(Path(a) for a in args if a in ("app", "lib"))


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["-j1", "app"],  # (a short option's value attached: not read here)
        ["--jobs", "1", "app"],
        ["--no-cache", "app"],
        ["-", "--stdin-filename", "app/x.py"],
        ["--", "app"],
        ["--list-rules"],
        ["--format"],  # (a value missing: click says so)
        ["--unknown", "app"],
    ],
)
def test_main_starts_nothing_for_a_command_line_it_does_not_know(
    project: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(project)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert cli._start_early(args) is None


def _cli(root: Path, *args: str) -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "frontier_lint", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "FRONTIER_LINT_DEBUG": ""},
    )
    assert not proc.stderr or "Traceback" not in proc.stderr
    return proc.returncode, proc.stdout


@needs_fork
def test_a_real_warm_run_prints_what_a_cold_run_prints(project: Path) -> None:
    """Through `main` in a process of its own (the child forked before click): warm, then
    after a same-size edit with the mtime put back, as a run without the cache."""
    args = ("--format", "json", "--jobs", "2", "app")
    cold = _cli(project, *args, "--no-cache")
    assert json.loads(cold[1])["findings"]
    time.sleep(0.05)
    assert _cli(project, *args) == cold  # fills the cache
    assert _cli(project, *args) == cold  # answered from memory
    config = project / CONFIG
    before = os.stat(config)
    config.write_text(config.read_text().replace('"CODEX_CMD", "codex"', '"CODEX_CMD", "gxdex"'))
    os.utime(config, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r
    edited = _cli(project, *args, "--no-cache")
    assert edited != cold
    assert _cli(project, *args) == edited


# --------------------------------------------------------------------------- the hard exit


class _Exited(Exception):
    pass


@pytest.mark.parametrize(("raised", "code"), [(0, 0), (1, 1), (2, 2), (None, 0), (True, 1)])
def test_entry_exits_with_mains_code_after_the_exit_handlers_and_a_flush(
    monkeypatch: pytest.MonkeyPatch, raised: int | None, code: int
) -> None:
    import atexit

    seen: list[object] = []

    def fake_main() -> None:
        atexit.register(seen.append, "handler")
        print("the report", end="")  # (buffered until the flush)
        raise SystemExit(raised)

    def fake_exit(status: int) -> None:
        seen.append(("exit", status))
        raise _Exited

    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 1)  # (threads other tests left)
    monkeypatch.setattr(cli, "main", fake_main)
    monkeypatch.setattr(sys, "stdout", flushed := _Recording())
    monkeypatch.setattr(os, "_exit", fake_exit)
    with pytest.raises(_Exited):
        cli.entry()
    assert seen == ["handler", ("exit", code)]
    assert flushed.flushed == "the report"


class _Recording:
    def __init__(self) -> None:
        self.pending = self.flushed = ""

    def write(self, text: str) -> int:
        self.pending += text
        return len(text)

    def flush(self) -> None:
        self.flushed, self.pending = self.flushed + self.pending, ""


def test_entry_leaves_a_message_or_a_running_thread_to_the_usual_exit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    def no_exit(status: int) -> None:
        raise AssertionError("os._exit")

    monkeypatch.setattr(os, "_exit", no_exit)
    monkeypatch.setattr(cli, "main", lambda: sys.exit("a message for stderr"))
    with pytest.raises(SystemExit) as exc:
        cli.entry()
    assert exc.value.code == "a message for stderr"
    monkeypatch.setattr(cli, "main", lambda: sys.exit(1))
    done = threading.Event()
    thread = threading.Thread(target=done.wait)
    thread.start()
    try:
        with pytest.raises(SystemExit) as exc:
            cli.entry()
        assert exc.value.code == 1
    finally:
        done.set()
        thread.join()


def test_the_command_exits_through_entry(tmp_path: Path) -> None:
    """(The console script and `python -m frontier_lint`; its output is all there.)"""
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "frontier-lint"]
    assert script.value == "frontier_lint.cli:entry"
    module = tmp_path / "many.py"
    module.write_text(
        "import subprocess\n" + "".join(f"subprocess.run(['codex', '{i}'])\n" for i in range(300))
    )
    (tmp_path / "frontier-lint.yaml").write_text("include: ['**/*.py']\n")
    code, out = _cli(tmp_path, "--format", "json", "--no-cache", "many.py")
    assert code == 1
    assert len(json.loads(out)["findings"]) == 300

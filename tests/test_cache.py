"""The on-disk cache: warm runs reuse results, edits re-analyse what depends on them."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from frontier_lint.dataflow import propagation as analysis
from frontier_lint.findings import Report
from frontier_lint.run import cache
from frontier_lint.run.background import can_fork
from frontier_lint.run.cache import CACHE_DIR, SUFFIX
from frontier_lint.run.early import listed_with_stats, start
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.scan.discovery import DiscoveryError, discover
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config

EXAMPLE = Path(__file__).parent.parent / "examples" / "incident"
TASKS = "app/backend/src/services/tasks.py"
CONFIG = "app/backend/src/core/config.py"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "incident"
    shutil.copytree(EXAMPLE, root)
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    return root


def run(root: Path, *, use_cache: bool = True) -> Report:
    config = load_config(None, root)
    return lint(
        config,
        load_catalogue(config.rules),
        LintRequest(paths=(root / "app",)),
        use_cache=use_cache,
    )


def key(report: Report) -> list[tuple[str, int, str | None, tuple[str, ...]]]:
    return [(f.path, f.line, f.program, tuple(h.note for h in f.trace)) for f in report.findings]


def no_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("analysis ran although nothing changed")

    monkeypatch.setattr(analysis.Analysis, "__init__", boom)


def test_cache_directory_ignores_itself(project: Path) -> None:
    run(project)
    assert (project / CACHE_DIR / ".gitignore").read_text().strip().endswith("*")


def test_warm_run_reuses_results_without_analysis(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = run(project)
    no_analysis(monkeypatch)
    warm = run(project)
    assert key(warm) == key(cold)
    assert warm.summary == cold.summary


def test_entries_kept_through_an_edit_are_written_back_loadable(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = run(project)
    config = project / CONFIG
    config.write_text(config.read_text() + "\n# an edit that changes no finding\n")
    assert key(run(project)) == key(cold)  # re-analyses one file, keeps the others' entries
    no_analysis(monkeypatch)
    assert key(run(project)) == key(cold)  # so the next run is warm: the cache loaded


def test_an_edit_that_can_launch_nothing_is_answered_without_analysis(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = project / "app/backend/src/util/text.py"
    text.write_text("def shout(s):\n    return s.upper()\n")
    cold = run(project)
    text.write_text("def shout(s):\n    return s.upper() + '!'\n")  # no launch API, no wrapper
    no_analysis(monkeypatch)
    assert key(run(project)) == key(cold)
    # An edit that calls a wrapper is analysed (and found) as before.
    monkeypatch.undo()
    text.write_text(
        "from util import proc\n\n\ndef go():\n    return proc.run_process(['claude'])\n"
    )
    assert "app/backend/src/util/text.py" in [f.path for f in run(project).findings]


def test_editing_a_constant_changes_findings_in_the_files_that_read_it(project: Path) -> None:
    before = run(project)
    assert (TASKS, 30, "codex") in [(f.path, f.line, f.program) for f in before.findings]
    config = project / CONFIG
    config.write_text(config.read_text().replace('"CODEX_CMD", "codex"', '"CODEX_CMD", "gpt-cli"'))
    after = run(project)
    assert after.findings == run(project, use_cache=False).findings
    assert (TASKS, 30, "codex") not in [(f.path, f.line, f.program) for f in after.findings]
    assert (TASKS, 30) in [(u.path, u.line) for u in after.unresolved]


def test_a_function_that_becomes_a_wrapper_is_found_through_unchanged_callers(
    project: Path,
) -> None:
    proc = project / "app/backend/src/util/proc.py"
    proc.write_text(proc.read_text() + "\n\ndef spawn(cmd):\n    return cmd\n")
    (project / "app/backend/src/services/review.py").write_text(
        "from util import proc\n\n\ndef go():\n    return proc.spawn(['claude', '-p', 'x'])\n"
    )
    assert not [f for f in run(project).findings if f.path.endswith("review.py")]
    proc.write_text(
        proc.read_text().replace("    return cmd\n", "    return subprocess.run(cmd)\n")
    )
    found = [
        (f.path, f.line, f.program) for f in run(project).findings if f.path.endswith("review.py")
    ]
    assert found == [("app/backend/src/services/review.py", 5, "claude")]


def payload(file: Path) -> dict[str, Any]:
    """A cache file's document (the line before it is the MAC)."""
    return marshal.loads(file.read_bytes().partition(b"\n")[2])  # type: ignore[no-any-return]


def test_corrupt_or_foreign_cache_is_ignored_and_rewritten(project: Path) -> None:
    cold = run(project)
    for f in (project / CACHE_DIR).glob(f"*{SUFFIX}"):
        f.write_text("{not json")
    assert key(run(project)) == key(cold)
    for f in (project / CACHE_DIR).glob(f"*{SUFFIX}"):
        assert payload(f)["format"] == "frontier-lint-cache"
        f.write_text(json.dumps({"format": "something-else", "version": 1}))
    assert key(run(project)) == key(cold)


def test_no_cache_writes_nothing(project: Path) -> None:
    run(project, use_cache=False)
    assert not (project / CACHE_DIR).exists()


def test_uncalled_wrapper_is_unresolved_until_a_caller_appears(project: Path) -> None:
    proc = project / "app/backend/src/util/proc.py"
    proc.write_text(proc.read_text() + "\n\ndef spawn(cmd):\n    return subprocess.run(cmd)\n")
    line = proc.read_text().splitlines().index("    return subprocess.run(cmd)") + 1
    first = run(project)
    assert ("app/backend/src/util/proc.py", line) in [(u.path, u.line) for u in first.unresolved]
    tasks = project / TASKS
    tasks.write_text(tasks.read_text() + "\n\ndef go():\n    return proc.spawn(['gemini'])\n")
    second = run(project)
    assert ("app/backend/src/util/proc.py", line) not in [
        (u.path, u.line) for u in second.unresolved
    ]
    assert "gemini" in {f.program for f in second.findings if f.path == TASKS}
    assert second.findings == run(project, use_cache=False).findings


def test_an_uncalled_wrappers_default_is_reported_until_a_caller_passes_another(
    project: Path,
) -> None:
    proc = project / "app/backend/src/util/proc.py"
    wrapper = "\n\ndef ask(prompt, binary='claude'):\n    return subprocess.run([binary, prompt])\n"
    proc.write_text(proc.read_text() + wrapper)
    line = proc.read_text().splitlines().index("    return subprocess.run([binary, prompt])") + 1
    site = ("app/backend/src/util/proc.py", line, "claude")
    first = run(project)
    assert site in [(f.path, f.line, f.program) for f in first.findings]
    tasks = project / TASKS
    original = tasks.read_text()
    tasks.write_text(original + "\n\ndef go():\n    return proc.ask('hi', binary='git')\n")
    second = run(project)
    assert site not in [(f.path, f.line, f.program) for f in second.findings]
    assert second.findings == run(project, use_cache=False).findings
    tasks.write_text(original)
    third = run(project)
    assert site in [(f.path, f.line, f.program) for f in third.findings]
    assert third.findings == run(project, use_cache=False).findings


def test_a_call_on_another_instance_keeps_the_finding_of_one_handed_on(project: Path) -> None:
    proc = project / "app/backend/src/util/proc.py"
    runner = (
        "\n\nclass Runner:\n    def __init__(self, command):\n        self.command = command\n\n"
        "    def run(self):\n        return subprocess.run(self.command)\n\n\n"
        "def handed(start):\n    return start(Runner(['claude']))\n"
    )
    proc.write_text(proc.read_text() + runner)
    line = proc.read_text().splitlines().index("        return subprocess.run(self.command)") + 1
    site = ("app/backend/src/util/proc.py", line, "claude")
    assert site in [(f.path, f.line, f.program) for f in run(project).findings]
    tasks = project / TASKS
    tasks.write_text(tasks.read_text() + "\n\ndef go():\n    return proc.Runner(['git']).run()\n")
    second = run(project)
    assert site in [(f.path, f.line, f.program) for f in second.findings]
    assert second.findings == run(project, use_cache=False).findings


def test_editor_buffers_do_not_make_the_project_look_new(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontier_lint.run import analyse

    run(project)
    seen: list[set[str] | None] = []
    original = analyse.analyse_project

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(args[6])  # type: ignore[arg-type]  # the `todo` set
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(analyse, "analyse_project", spy)
    config = load_config(None, project)
    text = (project / CONFIG).read_text().replace('"codex")', '"gpt-cli")')
    request = LintRequest(paths=(project / TASKS,), overrides={CONFIG: text})
    report = lint(config, load_catalogue(config.rules), request)
    assert seen and seen[-1] is not None and CONFIG in seen[-1]  # incremental, not a full run
    assert (TASKS, 30) in [(u.path, u.line) for u in report.unresolved]
    # The buffer never reaches the cache: the file on disk still says "codex".
    assert (TASKS, 30, "codex") in [(f.path, f.line, f.program) for f in run(project).findings]


def test_a_cold_run_with_a_spare_core_fills_the_same_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontier_lint.run import engine

    def cold(jobs: int) -> tuple[list[object], dict[str, Any]]:
        shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
        config = load_config(None, project)
        report = lint(
            config, load_catalogue(config.rules), LintRequest((project / "app",), jobs=jobs)
        )
        (saved,) = (project / CACHE_DIR).glob(f"v*{SUFFIX}")
        # (The same document: marshal's bytes depend on which equal strings share an object,
        # so the text index's bytes are compared as what they decode to.)
        document = payload(saved)
        document["index"] = marshal.loads(document["index"])
        return key(report), document

    children: list[bool] = []

    class Spy(engine.Background):  # type: ignore[type-arg]
        def result(self) -> object:
            children.append(self.forked)
            return super().result()

    monkeypatch.setattr(engine, "FORK_FILES", 0)  # the digests are read in a child
    monkeypatch.setattr(engine, "Background", Spy)
    forked = cold(2)
    assert forked == cold(1)
    if can_fork():
        assert children[0] is True  # the first run's digests came from a child


# --------------------------------------------------------------------------- change detection
#
# Like git: a file's digest is taken from the cache only while its stat data (size, mtime,
# ctime, inode) is unchanged, and a file whose times are too close to the moment it was read is
# recorded without stat data, so the next run reads it again.


def test_same_size_edit_with_the_mtime_put_back_is_seen(project: Path) -> None:
    config = project / CONFIG
    before = os.stat(config)
    assert (TASKS, 30, "codex") in [(f.path, f.line, f.program) for f in run(project).findings]
    text = config.read_text()
    config.write_text(text.replace('"CODEX_CMD", "codex"', '"CODEX_CMD", "gxdex"'))  # same size
    os.utime(config, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r
    assert os.stat(config).st_size == before.st_size
    assert (TASKS, 30, "codex") not in [(f.path, f.line, f.program) for f in run(project).findings]


def test_the_ctime_tells_when_no_file_is_racy(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", -(10**18))  # every stat record trusted
    config = project / CONFIG
    before = os.stat(config)
    run(project)
    config.write_text(config.read_text().replace('"codex")', '"gxdex")'))
    os.utime(config, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (TASKS, 30, "codex") not in [(f.path, f.line, f.program) for f in run(project).findings]


def coarse_stat(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system that keeps only size and mtime (the ctime follows the mtime, no inodes):
    then only the racy check can tell an edit within the same timestamp."""

    def coarse(st: os.stat_result) -> os.stat_result:
        fields = list(st)
        fields[1] = 0  # st_ino
        fields[9] = fields[8]  # the integer ctime follows the integer mtime too
        return os.stat_result(
            (*fields, st.st_atime, st.st_mtime, st.st_mtime),
            {
                "st_atime_ns": st.st_atime_ns,
                "st_mtime_ns": st.st_mtime_ns,
                "st_ctime_ns": st.st_mtime_ns,
            },
        )

    real_stat, real_fstat = os.stat, os.fstat
    monkeypatch.setattr(os, "stat", lambda *a, **k: coarse(real_stat(*a, **k)))
    monkeypatch.setattr(os, "fstat", lambda fd: coarse(real_fstat(fd)))


def test_a_racily_clean_file_is_read_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    coarse_stat(monkeypatch)
    config = project / CONFIG
    config.write_text(config.read_text())  # written just now: its mtime is within the window
    before = os.stat(config)
    run(project)
    config.write_text(config.read_text().replace('"codex")', '"gxdex")'))
    os.utime(config, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(config)[:] == before[:]  # nothing in the stat data shows the edit
    assert (TASKS, 30, "codex") not in [(f.path, f.line, f.program) for f in run(project).findings]


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from frontier_lint.run import incremental

    reads: list[str] = []
    real = incremental.read_regular

    def spy(path: Any, limit: int) -> Any:
        reads.append(os.path.basename(path))
        return real(path, limit)

    monkeypatch.setattr(incremental, "read_regular", spy)
    return reads


def test_a_warm_run_reads_no_file_once_stat_data_settled(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", -(10**18))
    run(project)
    reads = count_reads(monkeypatch)
    run(project)
    assert reads == []
    # A touched file is read once (same digest, nothing analysed), then trusted again.
    os.utime(project / CONFIG)
    no_analysis(monkeypatch)
    run(project)
    assert reads == ["config.py"]
    run(project)
    assert reads == ["config.py"]


def test_racy_files_are_read_until_they_settle(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(project)  # the copied files are a moment old: all racy
    reads = count_reads(monkeypatch)
    run(project)
    assert len(reads) == len(list(project.rglob("*.py")))  # every file read again
    monkeypatch.setattr(cache, "RACY_NS", -(10**18))  # as if time had passed
    run(project)
    reads.clear()
    run(project)
    assert reads == []


# --------------------------------------------------------------------------- trust


def cache_file(root: Path) -> Path:
    (found,) = (root / CACHE_DIR).glob(f"v*{SUFFIX}")
    return found


def use_key_dir(monkeypatch: pytest.MonkeyPatch, directory: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(directory))


def forge(file: Path, edit: Callable[[dict[str, Any]], None], key: bytes | None) -> None:
    """Edit a cache file's content; with `key`, sign it again (as a tool holding that key)."""
    mac, _, body = file.read_bytes().partition(b"\n")
    document = marshal.loads(body)
    document["entries"] = cache.plain_entries(document)  # (edited by their fields' names)
    edit(document)
    cache.set_plain_entries(document, document["entries"])
    body = marshal.dumps(document)
    if key is not None:
        mac = cache._mac(key, file.name, body).encode()
    file.write_bytes(mac + b"\n" + body)


def drop_findings(document: dict[str, Any]) -> None:
    for entry in document["entries"].values():
        entry["findings"] = []
        entry["open_findings"] = []


def test_a_cache_with_its_findings_removed_does_not_pass_the_gate(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cold = run(project)
    assert cold.findings
    forge(cache_file(project), drop_findings, key=None)  # no key: the MAC is left as it was
    assert key(run(project)) == key(cold)


def test_a_cache_written_under_another_key_is_not_trusted(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The attacker's machine: runs, removes the findings, signs with its own key, commits.
    use_key_dir(monkeypatch, tmp_path / "attacker")
    cold = run(project)
    attacker_key = cache.machine_key()
    assert attacker_key is not None
    forge(cache_file(project), drop_findings, key=attacker_key)
    no_findings = run(project)  # the forgery is valid where it was made...
    assert no_findings.findings == ()
    # ... but a fresh clone on another machine (another key) analyses afresh.
    use_key_dir(monkeypatch, tmp_path / "ci")
    assert key(run(project)) == key(cold)


def test_the_key_lives_in_the_users_cache_directory(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    use_key_dir(monkeypatch, tmp_path / "xdg")
    run(project)
    file = tmp_path / "xdg" / "frontier-lint" / cache.KEY_FILE
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert stat.S_IMODE(file.parent.stat().st_mode) == 0o700
    assert len(bytes.fromhex(file.read_text())) == 32
    first = file.read_text()
    run(project)
    assert file.read_text() == first  # created once
    assert not list(project.rglob(cache.KEY_FILE))  # never inside the project


def test_without_xdg_the_key_is_under_the_home_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "/home/someone")
    assert cache.key_dir() == Path("/home/someone/.cache/frontier-lint")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/dir")  # the spec: ignored
    assert cache.key_dir() == Path("/home/someone/.cache/frontier-lint")


def test_a_damaged_key_is_replaced(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    use_key_dir(monkeypatch, tmp_path)
    (tmp_path / "frontier-lint").mkdir()
    (tmp_path / "frontier-lint" / cache.KEY_FILE).write_text("not hex\n")
    new = cache.machine_key()
    assert new is not None and len(new) == 32
    assert (tmp_path / "frontier-lint" / cache.KEY_FILE).read_text().strip() == new.hex()


def test_where_no_key_can_be_kept_the_run_goes_without_a_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    use_key_dir(monkeypatch, blocker)  # $XDG_CACHE_HOME/frontier-lint cannot be created
    report = run(project)
    assert key(report) == key(run(project, use_cache=False))
    assert not (project / CACHE_DIR).exists()


def test_a_malformed_entry_is_discarded_and_its_file_analysed_again(project: Path) -> None:
    cold = run(project)
    assert (TASKS, 30, "codex") in [(f.path, f.line, f.program) for f in cold.findings]

    def break_tasks(document: dict[str, Any]) -> None:
        entry = document["entries"][TASKS]
        entry["findings"][0]["line"] = "30"  # a string where a line number belongs
        entry["findings"][1:] = []

    forge(cache_file(project), break_tasks, key=cache.machine_key())
    assert key(run(project)) == key(cold)


@pytest.mark.parametrize(
    "entry",
    [
        {"findings": [{"rule": "FL001"}]},  # fields missing
        {"findings": "none"},
        {"sites": True},  # a bool is no count
        {
            "unresolved": [
                {
                    "path": "a.py",
                    "line": 1,
                    "column": 1,
                    "sink": "x",
                    "reason": "r",
                    "colour": "red",
                }
            ]
        },  # an unknown field
        {"deps": {"a.py": 12}},
        {"open_sites": [["only one"]]},
        {"searches": [["descendants", "Tool"]]},  # a kind of search this tool does not make
        {"searches": [["subclasses"]]},
        {"scanned": [1]},
    ],
)
def test_entry_shapes_that_are_refused(project: Path, entry: dict[str, Any]) -> None:
    run(project)
    store = cache.Cache.open(
        project, cache_file(project).name.split("-", 1)[1].removesuffix(SUFFIX)
    )
    assert store is not None
    loaded = store.load()
    assert loaded is not None and TASKS in loaded.entries

    def damage(document: dict[str, Any]) -> None:
        document["entries"][TASKS].update(entry)

    forge(cache_file(project), damage, key=cache.machine_key())
    damaged = cache.Cache.open(
        project, cache_file(project).name.split("-", 1)[1].removesuffix(SUFFIX)
    )
    assert damaged is not None
    again = damaged.load()
    assert again is not None
    assert TASKS not in again.entries and TASKS not in again.files  # analysed afresh
    assert set(again.entries) == set(loaded.entries) - {TASKS}  # the others are kept


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "huge"])
def test_a_cache_file_that_is_not_a_regular_file_of_sane_size_is_discarded(
    project: Path, kind: str
) -> None:
    run(project)
    file = cache_file(project)
    file.unlink()
    if kind == "dev-zero":
        if not os.path.exists("/dev/zero"):
            pytest.skip("needs /dev/zero")
        file.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(file)
    else:
        with file.open("wb") as fh:  # sparse: takes no room on disk
            fh.truncate(cache.MAX_CACHE_BYTES + 1)
    # In a child with bounded memory and time: reading it must not be how it ends.
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
        "from frontier_lint.cli import main\n"
        "main(['--format', 'json', 'app'])\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["summary"]["violations"] > 0
    assert cache_file(project).is_file() and not cache_file(project).is_symlink()  # replaced


# --------------------------------------------------------------------------- what a cache gives


def cli_json(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    from click.testing import CliRunner

    from frontier_lint.cli import lint_command

    monkeypatch.chdir(root)
    result = CliRunner().invoke(lint_command, [".", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return _without_elapsed(result.output)


def _without_elapsed(output: str) -> str:
    document = json.loads(output)
    document.get("summary", {}).pop("elapsed", None)  # (timing, when a format carries one)
    return json.dumps(document, indent=1)


# A file whose name is not UTF-8 (its bytes reach Python as lone surrogates): a finding there
# travels through the cache like any other.
LATIN1_NAME = os.fsdecode(b"app/backend/src/services/r\xe9view.py")


@pytest.mark.parametrize(
    "edit",
    [
        "nothing",
        "a launch added",
        "a launch removed",
        "an imported constant changed",
        "a comment added",
        "a file added",
        "a file deleted",
    ],
)
def test_a_cached_run_prints_what_a_run_without_the_cache_prints(
    project: Path, monkeypatch: pytest.MonkeyPatch, edit: str
) -> None:
    """Byte for byte, after each kind of edit: the warm or edited run's JSON is the cold one's
    (traces, unresolved sites, summary), the cache written in its binary format included."""
    services = project / "app/backend/src/services"
    if sys.platform != "darwin":  # (macOS file systems refuse names that are not UTF-8)
        (project / LATIN1_NAME).write_text(
            "import subprocess\n\n\ndef go(prompt):\n    return subprocess.run(['gemini', prompt])\n"
        )
    cli_json(project, monkeypatch)  # fills the cache
    tasks, config = project / TASKS, project / CONFIG
    if edit == "a launch added":
        tasks.write_text(tasks.read_text() + "\n\ndef more():\n    subprocess.run(['claude'])\n")
    elif edit == "a launch removed":
        (project / LATIN1_NAME).unlink(missing_ok=True)
        (services / "review.py").write_text("def go():\n    return 1\n")
    elif edit == "an imported constant changed":
        config.write_text(config.read_text().replace('"codex")', '"git")'))
    elif edit == "a comment added":
        config.write_text(config.read_text() + "\n# a comment\n")
    elif edit == "a file added":
        (services / "added.py").write_text(
            "from core.config import Config\nimport subprocess\n\n\n"
            "def go():\n    subprocess.run([Config.CODEX_CMD])\n"
        )
    elif edit == "a file deleted":
        tasks.unlink()
    cached = cli_json(project, monkeypatch)
    assert cached == cli_json(project, monkeypatch, "--no-cache")
    assert cli_json(project, monkeypatch) == cached  # and the run after it, warm
    if edit == "nothing" and sys.platform != "darwin":
        assert '"gemini"' in cached  # (the finding in the file with the Latin-1 name)


# --------------------------------------------------------------------------- early discovery
# A warm run's discovery and stat data taken by a forked child while the parent starts up
# (`run.early`): the same files, the same change detection, the same results.


def run_early(root: Path, *, early: bool = True, use_cache: bool = True) -> Report:
    config = load_config(None, root)
    paths = (root / "app",)
    return lint(
        config,
        load_catalogue(config.rules),
        LintRequest(paths=paths, jobs=2, early=start(config.root, paths) if early else None),
        use_cache=use_cache,
    )


def found(report: Report) -> list[tuple[str, int, str | None]]:
    return [(f.path, f.line, f.program) for f in report.findings]


def test_nothing_is_started_without_a_cache_to_compare_with(project: Path) -> None:
    assert start(project, ()) is None
    run_early(project)  # fills it
    assert start(project, ()) is not None


def test_the_child_lists_what_discovery_lists(project: Path) -> None:
    disc, stats = listed_with_stats(project, (project / "app",))
    assert disc == discover(project, (project / "app",))
    st = os.stat(project / CONFIG)
    assert stats[CONFIG] == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    assert set(stats) == set(disc.files)


@pytest.mark.skipif(not can_fork(), reason="no fork here: the parent does the work itself")
def test_a_warm_run_stats_no_file_itself(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stat data come from the child: the parent looks at no file that did not change."""
    from frontier_lint.run import incremental

    run_early(project)
    calls: list[str] = []

    class CountingOs:
        def __getattr__(self, name: str) -> Any:
            return getattr(os, name)

        def stat(self, path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
            calls.append(str(path))
            return os.stat(path, *args, **kwargs)

    monkeypatch.setattr(incremental, "os", CountingOs())
    warm = run_early(project)
    assert calls == []
    run_early(project, early=False)
    assert calls  # (without it, every file is looked at here)
    assert found(warm) == found(run_early(project, use_cache=False))


def test_an_edit_with_the_mtime_put_back_is_seen_through_the_childs_stat_data(
    project: Path,
) -> None:
    config = project / CONFIG
    before = os.stat(config)
    assert (TASKS, 30, "codex") in found(run_early(project))
    config.write_text(config.read_text().replace('"CODEX_CMD", "codex"', '"CODEX_CMD", "gxdex"'))
    os.utime(config, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r
    edited = run_early(project)
    assert (TASKS, 30, "codex") not in found(edited)
    assert found(edited) == found(run_early(project, use_cache=False))


def test_an_answer_for_other_arguments_is_not_used(project: Path) -> None:
    run_early(project)
    early = start(project, (project / "app",))
    assert early is not None
    assert not early.started_for(project, [project])
    assert not early.started_for(project / "app", [project / "app"])
    assert early.started_for(project, [project / "app"])
    assert early.answer() is not None


def test_a_path_that_does_not_exist_fails_as_discovery_fails(project: Path) -> None:
    run_early(project)
    early = start(project, (project / "nowhere",))
    assert early is not None
    with pytest.raises(DiscoveryError, match="path does not exist"):
        early.answer()


def test_a_search_recorded_by_many_entries_is_made_once_per_load(tmp_path: Path) -> None:
    """Entries recording the same search share one `Search` (decoded once per load: most of
    a corpus's entries record the same few hundred); one recording a malformed search is
    still refused alone, and what it recorded is not shared with the others."""

    def entry(searches: tuple[int, ...]) -> tuple[Any, ...]:
        # (A row: `cache.ROW_FIELDS`, then the numbers of its searches in the table.)
        return ({}, [], [], 0, None, False, [], [], [], [], searches)

    table = [["subclasses", "Tool"], ["attr_stores", "CMD"], ["attr_stores", b"CMD"]]
    raw = {
        "a.py": entry((0, 1)),
        "b.py": entry((1,)),
        "bad.py": entry((2,)),  # (bytes: not what this tool writes)
        "c.py": entry((0, 1)),
        "out.py": entry((3,)),  # (no such search)
        "neg.py": entry((-1,)),
    }
    loaded = cache.Cache(tmp_path, "key", b"secret")._entries(raw, cache._search_table(table))
    assert sorted(loaded) == ["a.py", "b.py", "c.py"]
    a, b, c = (loaded[p].searches for p in ("a.py", "b.py", "c.py"))
    assert a == c and b == a[1:]
    assert a[1] is b[0] is c[1] and a[0] is c[0]  # (on main: one object per record)

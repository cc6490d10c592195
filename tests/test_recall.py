"""The remembered report (`run.recall`): a warm run with nothing changed answers with the report
the last run made, and anything that could change the report makes it answer afresh."""

from __future__ import annotations

import json
import marshal
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontier_lint.cli import lint_command
from frontier_lint.findings import Report
from frontier_lint.run import cache, recall
from frontier_lint.run.cache import CACHE_DIR
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.config import RuleSelection
from frontier_lint.settings.loading import load_config

EXAMPLE = Path(__file__).parent.parent / "examples" / "incident"
TASKS = "app/backend/src/services/tasks.py"
CONFIG = "app/backend/src/core/config.py"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "incident"
    shutil.copytree(EXAMPLE, root)
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    # The copied files are a moment old (racily clean): as if time had passed since.
    monkeypatch.setattr(cache, "RACY_NS", -(10**18))
    return root


def run(root: Path, *, use_cache: bool = True, **settings: object) -> Report:
    config = replace(load_config(None, root), **settings)  # type: ignore[arg-type]
    report = lint(
        config,
        load_catalogue(config.rules),
        LintRequest(paths=(root / "app",)),
        use_cache=use_cache,
    )
    return replace(report, elapsed=0.0)


def remembered(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob(f"*{recall.SUFFIX}"))


def no_cache_load(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    loads: list[int] = []
    real = cache.Cache.load

    def counting(self: cache.Cache) -> cache.CacheData | None:
        loads.append(1)
        return real(self)

    monkeypatch.setattr(cache.Cache, "load", counting)
    return loads


def found(report: Report) -> list[tuple[str, int, str | None]]:
    return [(f.path, f.line, f.program) for f in report.findings]


def test_a_warm_run_with_nothing_changed_answers_without_loading_the_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = run(project)
    assert remembered(project)
    loads = no_cache_load(monkeypatch)
    warm = run(project)
    assert loads == []
    assert warm == cold == run(project, use_cache=False)
    assert warm.findings and warm.hidden  # (something to remember)


def test_an_edit_is_seen(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(project)
    assert (TASKS, 30, "codex") in found(run(project))
    config = project / CONFIG
    config.write_text(config.read_text().replace('"codex")', '"git")'))
    loads = no_cache_load(monkeypatch)
    edited = run(project)
    assert loads == [1]
    assert (TASKS, 30, "codex") not in found(edited)
    assert edited == run(project, use_cache=False)
    assert run(project) == edited  # and remembered again


def test_a_same_size_edit_with_the_mtime_put_back_is_seen(project: Path) -> None:
    config = project / CONFIG
    before = os.stat(config)
    run(project)
    config.write_text(config.read_text().replace('"CODEX_CMD", "codex"', '"CODEX_CMD", "gxdex"'))
    os.utime(config, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r
    assert (TASKS, 30, "codex") not in found(run(project))


def test_a_file_added_or_removed_is_seen(project: Path) -> None:
    run(project)
    added = project / "app/backend/src/services/added.py"
    added.write_text("import subprocess\n\n\ndef go():\n    subprocess.run(['claude'])\n")
    assert (added.relative_to(project).as_posix(), 5, "claude") in found(run(project))
    added.unlink()
    assert run(project) == run(project, use_cache=False)


@pytest.mark.parametrize(
    "settings",
    [
        {"selection": RuleSelection(ignore=("FL001",))},
        {"max_file_size": 100},
    ],
    ids=["rule selection", "max-file-size"],
)
def test_settings_outside_the_cache_key_are_not_answered_from_memory(
    project: Path, settings: dict[str, object]
) -> None:
    """The rule selection and the size bound change the report but not the cached entries."""
    run(project)
    run(project)
    other = run(project, **settings)
    assert other != run(project)
    assert other == run(project, use_cache=False, **settings)


def test_a_racily_clean_file_leaves_nothing_remembered(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 2_000_000_000)
    (project / CONFIG).write_text((project / CONFIG).read_text())  # written just now
    run(project)
    run(project)
    assert remembered(project) == []


def test_editor_buffers_are_never_answered_from_memory(project: Path) -> None:
    run(project)
    config = load_config(None, project)
    text = (project / CONFIG).read_text().replace('"codex")', '"git")')
    buffered = lint(
        config,
        load_catalogue(config.rules),
        LintRequest(paths=(project / "app",), overrides={CONFIG: text}),
    )
    assert (TASKS, 30, "codex") not in found(buffered)
    assert (TASKS, 30, "codex") in found(run(project))  # the files on disk, unchanged


def test_a_remembered_report_that_is_damaged_or_foreign_is_not_used(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = run(project)
    (file,) = remembered(project)
    mac, _, body = file.read_bytes().partition(b"\n")
    fmt, version, state, report = marshal.loads(body)
    # Its findings dropped, with the MAC left as it was: not ours.
    forged = marshal.dumps((fmt, version, state, ((), *report[1:])))
    file.write_bytes(mac + b"\n" + forged)
    loads = no_cache_load(monkeypatch)
    assert run(project) == cold
    assert loads == [1]
    # Garbage under a valid MAC of this user's key (an older tool): not used either.
    secret = cache.machine_key()
    assert secret is not None
    junk = marshal.dumps(("frontier-lint-report", recall.VERSION, state, ("junk",)))
    file.write_bytes(recall._mac(secret, file.name, junk) + b"\n" + junk)
    assert run(project) == cold


def test_a_cache_rewritten_since_is_not_answered_for(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The remembered report stands for the cache file it was made with: a cache another tool
    signed since (another key here) is read as it is, not answered for from memory."""
    run(project)
    (found_,) = (project / CACHE_DIR).glob(f"v*{cache.SUFFIX}")
    _, _, body = found_.read_bytes().partition(b"\n")
    document = marshal.loads(body)
    entries = cache.plain_entries(document)
    for entry in entries.values():
        entry["findings"], entry["open_findings"] = [], []
    cache.set_plain_entries(document, entries)
    body = marshal.dumps(document)
    secret = cache.machine_key()
    assert secret is not None
    found_.write_bytes(cache._mac(secret, found_.name, body).encode() + b"\n" + body)
    loads = no_cache_load(monkeypatch)
    assert run(project).findings == ()  # what that cache says (signed with this user's key)
    assert loads == [1]


def cli(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(lint_command, [*args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt", ["json", "sarif", "concise"])
def test_the_cli_prints_what_a_run_without_the_cache_prints(
    project: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    args = ["--format", fmt, "--show-suppressed", "app"]
    cli(project, monkeypatch, *args)
    loads = no_cache_load(monkeypatch)
    warm = cli(project, monkeypatch, *args)
    assert loads == []
    cold = cli(project, monkeypatch, *args, "--no-cache")
    if fmt == "concise":  # (the summary line says how long the run took)
        warm = (warm[0], warm[1].rsplit(" in ", 1)[0])
        cold = (cold[0], cold[1].rsplit(" in ", 1)[0])
    assert warm == cold
    if fmt == "json":
        assert json.loads(warm[1])["findings"]


def test_a_buffer_read_from_standard_input_is_fingerprinted_under_the_path_shown(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine fingerprints its report; `-` (shown for the buffer) is fingerprinted again."""
    from frontier_lint.findings import Finding
    from frontier_lint.policy.baseline import fingerprint_all

    monkeypatch.chdir(project)
    source = "import subprocess\n\n\ndef go():\n    subprocess.run(['codex'])\n"
    result = CliRunner().invoke(lint_command, ["-", "--format", "json"], input=source)
    (shown,) = json.loads(result.output)["findings"]
    assert shown["path"] == "-"
    finding = Finding(
        rule=shown["rule"],
        path="-",
        line=shown["line"],
        column=shown["column"],
        end_line=shown["end_line"],
        end_column=shown["end_column"],
        program=shown["program"],
        sink=shown["sink"],
        message=shown["message"],
        function="go",
        call_text="subprocess.run(['codex'])",
    )
    assert shown["fingerprint"] == fingerprint_all([finding])[0].fingerprint


def test_a_tool_whose_code_changed_does_not_answer_with_what_the_other_made(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(A development install or a merge: the same version number, other code.)"""
    run(project)
    stamp = recall.code_stamp()
    assert stamp == recall.code_stamp()  # (one look per process)
    monkeypatch.setattr(recall, "code_stamp", lambda: stamp + "-changed")
    loads = no_cache_load(monkeypatch)
    run(project)
    assert loads == [1]

"""The baseline: fingerprints, the file format, and the ratchet (new / baselined / stale)."""

from __future__ import annotations

import json
import os
import stat
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from frontier_lint.findings import ALLOWED, BASELINED, SUPPRESSED, VIOLATION, Finding
from frontier_lint.policy.baseline import (
    BaselineError,
    apply_baseline,
    fingerprint_all,
    load_baseline,
    normalise_call,
    previous_entries,
    prune_baseline,
    write_baseline,
)
from frontier_lint.policy.meta_rules import UNUSED_SUPPRESSION


def finding(
    line: int,
    *,
    function: str = "TaskRunner._run_llm",
    call: str = 'subprocess.run([CODEX_CMD, "exec", prompt])',
    program: str = "codex",
    path: str = "app/runtime/runner.py",
    rule: str = "FL001",
) -> Finding:
    return Finding(
        rule=rule,
        path=path,
        line=line,
        column=9,
        end_line=line,
        end_column=9 + len(call),
        program=program,
        sink="subprocess.run",
        message=f"subprocess.run can launch forbidden program `{program}`",
        function=function,
        call_text=call,
    )


def fps(findings: list[Finding]) -> list[str]:
    return [f.fingerprint for f in fingerprint_all(findings)]


# --- fingerprints ------------------------------------------------------------------------------


def test_fingerprint_ignores_line_and_column() -> None:
    a = finding(10)
    b = replace(finding(42), column=1, end_line=44)
    assert fps([a]) == fps([b])


@pytest.mark.parametrize(
    "change",
    [
        {"rule": "FL002"},
        {"path": "app/runtime/other.py"},
        {"program": "gemini"},
        {"function": "TaskRunner._run_other"},
        {"call": 'subprocess.run([CODEX_CMD, "review", prompt])'},
    ],
)
def test_fingerprint_depends_on_rule_path_program_function_and_call(change: dict) -> None:
    assert fps([finding(10)]) != fps([finding(10, **change)])


def test_identical_calls_in_one_function_are_told_apart() -> None:
    a, b = fps([finding(10), finding(20)])
    assert a != b
    # ... and the occurrence index follows source order, not the order findings arrive in.
    assert fps([finding(20), finding(10)]) == [b, a]


def test_fingerprint_survives_reformatting_of_the_call() -> None:
    flat = finding(10, call='subprocess.run([CODEX_CMD, "exec", prompt], check=True)')
    exploded = finding(
        10,
        call='subprocess.run(\n    [CODEX_CMD, "exec", prompt],  # why\n    check = True,\n)',
    )
    assert fps([flat]) == fps([exploded])


def test_normalise_call_keeps_strings_and_meaningful_spaces() -> None:
    assert normalise_call('f( "a  b" ,  c )') == 'f("a  b",c)'
    assert normalise_call("run(x  for x in y if not  z)") == "run(x for x in y if not z)"
    assert normalise_call("f('''a\n  b''',)") == "f('''a\n  b''')"
    assert normalise_call('run(f"{ x }"  ,)') == 'run(f"{ x }")'


def test_fingerprint_is_stable_hex() -> None:
    (fp,) = fps([finding(1)])
    assert len(fp) == 20 and int(fp, 16) >= 0
    assert fps([finding(1)]) == [fp]  # no randomness (hash seeds, ids)


# --- round trip ---------------------------------------------------------------------------------


def test_round_trip_across_line_shift_and_unrelated_rename(tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    today = fingerprint_all(
        [
            finding(10),
            finding(20),  # the same call twice in one function
            finding(5, function="install", call='os.system("npm i -g @openai/codex")'),
        ]
    )
    write_baseline(base, today)

    # Tomorrow: 7 lines inserted at the top, and an unrelated function renamed (which changes no
    # finding's function), a new identical call added in _run_llm, and a brand new site.
    tomorrow = fingerprint_all(
        [
            finding(17),
            finding(27),
            finding(40),  # third identical call: new
            finding(12, function="install", call='os.system("npm i -g @openai/codex")'),
            finding(50, function="Helper.renamed", call='run(["gemini"])', program="gemini"),
        ]
    )
    new, baselined, stale = apply_baseline(tomorrow, load_baseline(base))
    assert sorted(f.line for f in new) == [40, 50]
    assert sorted(f.line for f in baselined) == [12, 17, 27]
    assert all(f.status == BASELINED for f in baselined)
    assert all(str(base) in f.note for f in baselined)
    assert stale == []


def test_fixed_violations_are_stale_and_can_be_pruned(tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    write_baseline(base, [finding(10), finding(20), finding(30, function="other")])
    baseline = load_baseline(base)
    new, baselined, stale = apply_baseline([finding(11)], baseline)
    assert new == [] and len(baselined) == 1
    assert sorted((e.function, e.path) for e in stale) == [
        ("TaskRunner._run_llm", "app/runtime/runner.py"),
        ("other", "app/runtime/runner.py"),
    ]
    assert prune_baseline(baseline, stale) == 2
    shrunk = load_baseline(base)
    assert len(shrunk.entries) == 1
    assert apply_baseline([finding(11)], shrunk)[2] == []


def test_stale_only_for_analysed_paths(tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    write_baseline(base, [finding(10), finding(10, path="app/b.py")])
    # A pre-commit run that only looked at app/b.py, where the violation is gone.
    _, _, stale = apply_baseline([], load_baseline(base), analysed_paths={"app/b.py"})
    assert [e.path for e in stale] == ["app/b.py"]


def test_only_violations_are_recorded(tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    meta = replace(finding(3), rule=UNUSED_SUPPRESSION, program=None)
    write_baseline(
        base,
        [
            finding(1),
            replace(finding(2, function="g"), status=SUPPRESSED),
            replace(finding(3, function="h"), status=ALLOWED),
            meta,
        ],
    )
    entries = load_baseline(base).entries
    assert [(e.rule, e.function) for e in entries] == [("FL001", "TaskRunner._run_llm")]
    # ... and meta reports are never matched by a baseline.
    new, _, _ = apply_baseline(fingerprint_all([meta]), load_baseline(base))
    assert [f.rule for f in new] == [UNUSED_SUPPRESSION]


def test_writing_from_a_baselined_run_keeps_the_baselined_entries(tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    write_baseline(base, [finding(10)])
    new, baselined, _ = apply_baseline(
        [finding(10), finding(99, function="f")], load_baseline(base)
    )
    write_baseline(base, new + baselined)
    assert len(load_baseline(base).entries) == 2


# --- file format --------------------------------------------------------------------------------


def test_file_is_sorted_one_entry_per_line_and_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    fs = [
        finding(1, path="z.py"),
        finding(2, path="a.py", program="gemini", call="run(G)"),
        finding(3, path="m.py"),
    ]
    write_baseline(a, fs)
    write_baseline(b, list(reversed(fs)))
    assert a.read_bytes() == b.read_bytes()
    text = a.read_text()
    doc = json.loads(text)
    assert doc["format"] == "frontier-lint-baseline" and doc["version"] == 1
    assert [e["path"] for e in doc["entries"]] == ["a.py", "m.py", "z.py"]
    entry_lines = [line for line in text.splitlines() if '"fingerprint"' in line]
    assert len(entry_lines) == 3  # one line per entry: a fixed violation is a one-line diff
    assert "line" not in doc["entries"][0]  # no line numbers: moving code changes nothing
    assert text.endswith("}\n")


def test_empty_baseline_round_trips(tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    write_baseline(base, [])
    assert load_baseline(base).entries == ()


def test_write_is_atomic_and_keeps_the_mode(tmp_path: Path, monkeypatch) -> None:
    base = tmp_path / "baseline.json"
    write_baseline(base, [finding(1)])
    os.chmod(base, 0o640)
    before = base.read_bytes()

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_baseline(base, [finding(1), finding(2, function="g")])
    assert base.read_bytes() == before  # the old file is intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json"]  # no temp left
    monkeypatch.undo()
    write_baseline(base, [finding(1), finding(2, function="g")])
    assert stat.S_IMODE(base.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "not found"),
        ("{not json", "corrupt baseline"),
        ('{"version": 1, "entries": []}', "not a frontier-lint baseline"),
        ("[]", "not a frontier-lint baseline"),
        ('{"format": "frontier-lint-baseline", "version": 7, "entries": []}', "version 7"),
        ('{"format": "frontier-lint-baseline", "version": 1, "entries": {}}', "must be a list"),
        ('{"format": "frontier-lint-baseline", "version": 1, "entries": [{"rule": 1}]}', "entry 1"),
    ],
)
def test_bad_baseline_files_give_one_line_errors(
    tmp_path: Path, content: str | None, expected: str
) -> None:
    base = tmp_path / "baseline.json"
    if content is not None:
        base.write_text(content)
    with pytest.raises(BaselineError) as info:
        load_baseline(base)
    message = str(info.value)
    assert expected in message and "\n" not in message
    assert str(base) in message


def test_apply_fingerprints_findings_when_needed(tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    write_baseline(base, [finding(1)])  # not fingerprinted by the caller
    new, baselined, _ = apply_baseline([finding(5)], load_baseline(base))
    assert new == [] and baselined[0].status == BASELINED
    assert VIOLATION != BASELINED


# --- files: names, links, kinds -------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_fingerprinted_by_its_bytes(tmp_path: Path) -> None:
    name = os.fsdecode(b"app/b\xffd.py")  # 'app/b\udcffd.py': how Python sees such a name
    (raw,) = fps([finding(1, path=name)])
    (replaced,) = fps([finding(1, path="app/b\ufffdd.py")])
    assert raw != replaced  # not confused with a name that really has U+FFFD
    assert fps([finding(1, path="app/runtime/runner.py")]) == fps([finding(7)])  # others unchanged
    base = tmp_path / "baseline.json"
    write_baseline(base, [finding(1, path=name)])
    base.read_text(encoding="utf-8")  # valid UTF-8 on disk
    (entry,) = load_baseline(base).entries
    assert entry.path == name and entry.fingerprint == raw  # round trip, exactly
    new, baselined, stale = apply_baseline([finding(3, path=name)], load_baseline(base))
    assert new == [] and len(baselined) == 1 and stale == []


def test_a_symlinked_baseline_is_written_through(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "baseline.json"
    write_baseline(target, [finding(1)])
    os.chmod(target, 0o640)
    link = tmp_path / "baseline.json"
    link.symlink_to(target)
    write_baseline(link, [finding(1), finding(2, function="g")])
    assert link.is_symlink() and os.readlink(link) == str(target)  # still a link
    assert len(load_baseline(target).entries) == 2  # the target was replaced
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in shared.iterdir()) == ["baseline.json"]  # no temp left
    prune_baseline(load_baseline(link), load_baseline(link).entries[:1])
    assert link.is_symlink() and len(load_baseline(target).entries) == 1


def test_a_baseline_that_is_a_fifo_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)
    failures: list[str] = []

    def load() -> None:
        try:
            load_baseline(fifo)
        except BaselineError as exc:
            failures.append(str(exc))

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "waiting for a writer of the FIFO"
    assert failures == [f"{fifo}: cannot read baseline: not a regular file"]


def test_previous_entries_of_a_baseline_about_to_be_replaced(tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    assert previous_entries(base) == []  # none yet
    write_baseline(base, [finding(1)])
    assert [e.path for e in previous_entries(base)] == ["app/runtime/runner.py"]
    # A baseline damaged by a merge is still a baseline: it may be rewritten, keeping nothing.
    base.write_text("<<<<<<< HEAD\n" + base.read_text() + "=======\n>>>>>>> topic\n")
    assert previous_entries(base) == []
    base.write_text("")
    assert previous_entries(base) == []


def test_a_file_that_is_not_a_baseline_is_never_replaced(tmp_path: Path) -> None:
    other = tmp_path / "pyproject.toml"
    other.write_text("[project]\nname = 'x'\n")
    with pytest.raises(BaselineError, match="is not a frontier-lint baseline; not replacing it"):
        previous_entries(other)

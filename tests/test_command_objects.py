"""Command objects (the catalogue's `commands`: sh, plumbum): the program named by an attribute,
an imported name, a subscript key or a call's argument; where the finding is (the run, when
the object is made and run in one statement; else where it is made, the words of a later run
not known); the trace naming where the program was chosen; the byte scans that select the
files; the form stated in a rule pack of a team's own."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from frontier_lint.findings import Report
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.scan.prefilter import launch_pattern, may_launch, sink_words
from frontier_lint.settings.catalogue import Naming, RulePackError, load_catalogue
from frontier_lint.settings.loading import load_config


def _lint(root: Path, files: dict[str, str], rules: str | None = None) -> Report:
    root.mkdir()
    (root / ".git").mkdir()
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    if rules is not None:
        (root / "pack.yaml").write_text(textwrap.dedent(rules))
        (root / "frontier-lint.yaml").write_text('rules: ["pack.yaml"]\n')
    config = load_config(None, root)
    return lint(config, load_catalogue(config.rules), LintRequest(paths=(root,)), use_cache=False)


def test_the_built_in_families() -> None:
    cat = load_catalogue()
    by_sink = {c.sink: c for c in cat.commands}
    assert set(by_sink) == {"sh.Command", "plumbum.local"}
    namings = {(m.at, m.naming) for c in cat.commands for m in c.make}
    assert ("sh", Naming.ATTRIBUTE) in namings
    assert ("plumbum.local", Naming.ITEM) in namings
    assert ("sh.Command", Naming.ARGUMENT) in namings
    assert ("plumbum.local.get", Naming.ALTERNATIVES) in namings
    sh_maker = next(m for m in by_sink["sh.Command"].make if m.at == "sh")
    assert not sh_maker.names_program("ErrorReturnCode_1")
    assert not sh_maker.names_program("which")
    assert sh_maker.names_program("codex")
    assert "sh.*" in cat.launch_names and "plumbum.cmd.*" in cat.launch_names


def test_run_in_one_statement_is_found_at_the_run(tmp_path: Path) -> None:
    report = _lint(
        tmp_path / "p",
        {"app/main.py": 'import sh\n\ndef go():\n    sh.codex("exec", _bg=True)\n'},
    )
    [finding] = report.findings
    assert (finding.line, finding.program, finding.sink) == (4, "codex", "sh.Command")
    notes = [h.note for h in finding.trace]
    assert "`codex` named as a program by sh.codex" in notes
    assert "reaches sh.Command (run here)" in notes
    assert not report.unresolved


def test_a_kept_object_is_found_where_it_is_made(tmp_path: Path) -> None:
    report = _lint(
        tmp_path / "p",
        {
            "app/tools.py": """
                from plumbum import local
                AGENT = local["codex"]["exec"]
                SUDO = local["sudo"]["-n"]
                GIT = local["git"]["-C", "/srv"]
            """,
            # Runs it without importing plumbum: never selected by the byte scans, and not
            # needed: the making is the launch site.
            "app/run.py": """
                from app.tools import AGENT, GIT, SUDO
                def go(prompt):
                    AGENT(prompt)
                    SUDO("ls")
                    GIT("pull")
            """,
        },
    )
    assert [(f.path, f.line, f.program) for f in report.findings] == [("app/tools.py", 3, "codex")]
    assert [(u.path, u.line) for u in report.unresolved] == [("app/tools.py", 4)]
    [finding] = report.findings
    assert any("made here, run later" in h.note for h in finding.trace)


def test_a_program_a_caller_passes(tmp_path: Path) -> None:
    report = _lint(
        tmp_path / "p",
        {
            "app/main.py": """
                import sh
                def run(program, *args):
                    return sh.Command(program)(*args)
                def go():
                    run("git", "status")
                    run("gemini", "-p", "hi")
            """
        },
    )
    assert [(f.line, f.program) for f in report.findings] == [(7, "gemini")]
    assert not report.unresolved


def test_a_family_of_a_teams_own_pack(tmp_path: Path) -> None:
    """The form is data: a library of the same shape needs a YAML edit only."""
    pack = """
        commands:
          - sink: shell_tools.Tool
            make: [{attribute: shell_tools.tools}, {call: shell_tools.Tool, path: {pos: 0}}]
            bake: [with_args]
            run: {start: {pos: 0}}
    """
    report = _lint(
        tmp_path / "p",
        {
            "app/main.py": """
                from shell_tools import Tool, tools
                tools.codex("exec")
                Tool("claude").with_args("-p").start(["hi"])
                tools.git("status")
                Tool("gemini").describe()
            """
        },
        rules=pack,
    )
    assert [(f.line, f.program) for f in report.findings] == [
        (3, "codex"),
        (4, "claude"),
        (6, "gemini"),
    ]


@pytest.mark.parametrize(
    ("entry", "error"),
    [
        ("{make: [{attribute: m}]}", "every entry needs a dotted `sink` name"),
        ("{sink: m.C, make: []}", "make: expected a list of mappings"),
        ("{sink: m.C, make: [{attribute: m, item: m}]}", "expected one of attribute, item, call"),
        ("{sink: m.C, make: [{call: m.C}]}", "call: expected `path` or `alternatives`"),
        ("{sink: m.C, make: [{item: m, path: {pos: 0}}]}", "`path` and `alternatives` go with"),
        ("{sink: m.C, make: [{attribute: m}], operators: {'&': fly}}", "'fly' is not one of"),
        ("{sink: m.C, make: [{attribute: m}], colour: red}", "unknown key 'colour'"),
        ("{sink: m.C, kind: probe, make: [{attribute: m}]}", "kind: expected exec or shell"),
    ],
)
def test_a_malformed_family_is_refused(tmp_path: Path, entry: str, error: str) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(f"commands:\n  - {entry}\n")
    with pytest.raises(RulePackError, match=error):
        load_catalogue([pack])


def test_the_byte_scans_select_command_objects() -> None:
    cat = load_catalogue()
    words = sink_words(cat)
    # The module alone: every name under it makes a command object.
    assert may_launch(b"import sh\nsh.codex()\n", words)
    assert may_launch(b"from plumbum.cmd import codex\ncodex()\n", words)
    for text, code in [
        ("import sh\n\nsh.codex('exec')\n", "sh.codex"),
        ("from sh import codex\n\ncodex('exec')\n", "codex("),
        ("import sh\n\ndef f(n):\n    getattr(sh, n)()\n", "getattr(sh, n)"),
        ("from plumbum import local\n\nlocal['codex']()\n", "local["),
        ("from plumbum import cmd\n\ncmd.codex()\n", "cmd.codex"),
    ]:
        pattern = launch_pattern(text, cat.launch_names)
        assert pattern is not None, text
        assert text.index(code) in {m.start() for m in pattern.finditer(text)}, text

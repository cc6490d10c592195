"""The command line's conventions, taken from ruff (issue 17, item 3; issue 15's usage errors).

Through click's runner, and a real process where the terminal, the interpreter's start-up or the
exit status as a shell sees it matter.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontier_lint.cli import _Progress, lint_command
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.config import Config
from tests.projects import app_project

SRC = Path(__file__).resolve().parents[1] / "src"

LAUNCHES = """\
import os
import shutil
import subprocess

subprocess.run(["codex", "exec"])
shutil.which("gemini")
subprocess.run([os.environ["TOOL"]])
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return app_project(tmp_path, monkeypatch, "x.py", LAUNCHES)


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(lint_command, ["--no-cache", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def rules_in(out: str) -> list[str]:
    return [line.split()[1] for line in out.splitlines() if line.startswith("app/")]


def real(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run(
        [sys.executable, "-m", "frontier_lint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


# --------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    "args",
    [
        ["--nope"],  # unknown option
        ["--fromat", "json"],  # a typo (click suggests the right one)
        ["--format", "xml"],  # bad choice
        ["--output-format", "xml"],
        ["--output"],  # missing value
        ["--jobs", "many"],  # bad number
        ["--jobs", "-1"],  # out of range
        ["--color", "sometimes"],
    ],
)
def test_every_usage_error_is_one_line_and_exit_2(project: Path, args: list[str]) -> None:
    code, out, err = run(*args, "app/")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("frontier-lint: error: "), err
    assert "Usage:" not in err and "Try " not in err


def test_usage_error_in_a_real_process_is_one_line(project: Path) -> None:
    proc = real("--format", "xml", "app/", cwd=project)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "frontier-lint: error: Invalid value for '--output-format' / '--format': 'xml' is not "
        "one of 'text', 'full', 'concise', 'json', 'sarif', 'github', 'gitlab', 'junit'. "
        "(see --help)"
    ]


def test_help_stays_clicks(project: Path) -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert out.startswith("Usage: ") and "--output-format" in out and "--select RULES" in out


# --------------------------------------------------------------------------- rule selection


def test_select_ignore_and_extend_select_on_the_command_line(project: Path) -> None:
    assert rules_in(run("app/")[1]) == ["FL001", "FL002"]
    assert rules_in(run("--select", "FL001", "app/")[1]) == ["FL001"]
    assert rules_in(run("--select", "FL0", "--ignore", "FL002", "app/")[1]) == ["FL001"]
    assert rules_in(run("--ignore", "FL001,FL002", "app/")[1]) == []
    assert rules_in(run("--select", "FL002", "--extend-select", "FL001", "app/")[1]) == [
        "FL001",
        "FL002",
    ]
    # The more specific selector wins (ruff's rule): FL001 selected although FL0 is ignored.
    assert rules_in(run("--ignore", "FL0", "--extend-select", "FL001", "app/")[1]) == ["FL001"]
    assert run("--ignore", "FL001,FL002", "app/")[0] == 0  # nothing left fails the gate


def test_selection_in_the_configuration_and_the_command_line_on_top(project: Path) -> None:
    (project / "frontier-lint.yaml").write_text("include: ['app/**']\nignore: [FL002]\n")
    assert rules_in(run("app/")[1]) == ["FL001"]
    assert rules_in(run("--extend-select", "FL002", "app/")[1]) == ["FL001"]  # ignore holds
    # --select replaces the configuration's `select`, --ignore adds to its `ignore`.
    (project / "frontier-lint.yaml").write_text("include: ['app/**']\nselect: [FL002]\n")
    assert rules_in(run("app/")[1]) == ["FL002"]
    assert rules_in(run("--select", "FL001", "app/")[1]) == ["FL001"]
    assert rules_in(run("--ignore", "FL002", "app/")[1]) == []


def test_ignoring_fl200_takes_unresolved_sites_out_of_strict(project: Path) -> None:
    (project / "app" / "x.py").write_text(
        'import os, subprocess\nsubprocess.run([os.environ["T"]])\n'
    )
    assert run("--strict", "app/")[0] == 1
    code, out, _ = run("--strict", "--ignore", "FL2", "app/")  # FL201 stays on
    assert code == 0 and "FL200" not in out


def test_unknown_codes_are_configuration_errors_naming_them(project: Path) -> None:
    code, _, err = run("--select", "FL001,FL009", "app/")
    assert code == 2
    assert err.startswith("frontier-lint: error: --select: unknown rule code 'FL009'")
    (project / "frontier-lint.yaml").write_text("include: ['app/**']\nextend-select:\n  - FL3\n")
    code, _, err = run("app/")
    assert code == 2
    assert err.startswith(
        "frontier-lint: error: frontier-lint.yaml:3: extend-select[0]: unknown rule code 'FL3'"
    )
    (project / "frontier-lint.yaml").write_text("select: ['FL001, FL002']\n")
    assert "expected a rule code or prefix" in run("app/")[2]


def test_a_file_error_cannot_be_ignored(project: Path) -> None:
    code, _, err = run("--ignore", "FL201", "app/")
    assert code == 2 and "FL201 cannot be ignored" in err
    (project / "app" / "bad.py").write_text("import subprocess\nsubprocess.run(\n")
    code, out, _ = run("--select", "FL001", "app/")  # a selection never drops it either
    assert code == 1 and "app/bad.py" in out and "FL201" not in out.split("bad.py")[0]


# --------------------------------------------------------------------------- exit and output


def test_exit_zero_keeps_the_report_but_not_the_failure(project: Path) -> None:
    code, out, _ = run("--exit-zero", "app/")
    assert code == 0 and "FL001" in out
    (project / "frontier-lint.yaml").write_text("include: 3\n")
    assert run("--exit-zero", "app/")[0] == 2  # errors are still errors
    assert real("--exit-zero", "app/", cwd=project).returncode == 2


def test_quiet_prints_the_findings_only(project: Path) -> None:
    code, out, _ = run("-q", "app/")
    assert code == 1
    assert "Checked" not in out and "note:" not in out
    assert out.splitlines()[0].startswith("app/x.py:5:1: FL001")
    assert run("-q", "--format", "github", "app/")[1].startswith("::error ")
    assert "Checked" not in run("-q", "--format", "github", "app/")[1]


def test_statistics_count_per_rule(project: Path) -> None:
    (project / "app" / "y.py").write_text("import subprocess\nsubprocess.run(['claude'])\n")
    code, out, _ = run("--statistics", "--strict", "app/")
    assert code == 1
    assert out.splitlines() == [
        "2\tFL001\tforbidden-cli-launch",
        "1\tFL002\tforbidden-cli-probe",
        "1\tFL200\tunresolved-launch-site",
    ]
    data = json.loads(run("--statistics", "--output-format", "json", "app/")[1])
    assert data == [
        {"code": "FL001", "name": "forbidden-cli-launch", "count": 2},
        {"code": "FL002", "name": "forbidden-cli-probe", "count": 1},
    ]


def test_output_format_is_format_and_full_shows_the_source(project: Path) -> None:
    assert run("--output-format", "json", "app/")[1] == run("--format", "json", "app/")[1]
    full = run("--output-format", "full", "app/")[1].splitlines()
    at = full.index("app/x.py:5:1: FL001 subprocess.run can launch forbidden program `codex`")
    assert full[at + 1 : at + 5] == [
        "  |",
        '5 | subprocess.run(["codex", "exec"])',
        "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        "  |",
    ]
    concise = run("--output-format", "concise", "app/")[1]
    assert "^^^" not in concise and "app/x.py:5:1: FL001" in concise
    # `text` off a terminal is concise (the last line holds the time).
    assert run("app/")[1].splitlines()[:-1] == concise.splitlines()[:-1]


def test_paths_are_printed_relative_to_the_working_directory(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "app")
    code, out, _ = run("x.py")
    assert code == 1
    assert out.startswith("x.py:5:1: FL001 ")
    assert "    x.py:5:1: reaches subprocess.run" in out
    assert (
        "::error title=frontier-lint FL001 (forbidden-cli-launch),file=x.py,"
        in run("--format", "github", "x.py")[1]
    )
    # The JSON contract keeps project-root-relative paths.
    data = json.loads(run("--format", "json", "x.py")[1])
    assert {f["path"] for f in data["findings"]} == {"app/x.py"}
    # A file outside the working directory is shown absolute (as ruff does).
    (project / "lib").mkdir()
    (project / "lib" / "z.py").write_text("import subprocess\nsubprocess.run(['claude'])\n")
    (project / "frontier-lint.yaml").write_text("include: ['app/**', 'lib/**']\n")
    out = run(str(project / "lib" / "z.py"))[1]
    assert out.startswith(f"{project / 'lib' / 'z.py'}:2:1: FL001")


# --------------------------------------------------------------------------- standard input


def test_dash_reads_standard_input_and_reports_it_as_dash(project: Path) -> None:
    buffer = "import subprocess\nsubprocess.run(['claude', '-p'])\n"
    code, out, _ = run("-", stdin=buffer)
    assert code == 1
    assert out.startswith("-:2:1: FL001 subprocess.run can launch forbidden program `claude`")
    code, out, _ = run("-", "--stdin-filename", "app/buffer.py", stdin=buffer)
    assert code == 1 and out.startswith("app/buffer.py:2:1: FL001")
    code, _, err = run("-", "app/", stdin=buffer)
    assert code == 2 and "cannot be combined" in err
    proc = real("-", cwd=project, stdin=buffer)
    assert proc.returncode == 1 and proc.stdout.startswith("-:2:1: FL001"), proc.stderr


# --------------------------------------------------------------------------- configuration notes


def test_two_configurations_in_one_directory_warn_which_one_won(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.frontier-lint]\ninclude = ['lib/**']\n")
    code, out, err = run("app/")
    assert code == 1 and "app/x.py:5:1: FL001" in out  # frontier-lint.yaml's include won
    assert err == (
        "frontier-lint: warning: pyproject.toml [tool.frontier-lint] is ignored: "
        "frontier-lint.yaml is used (first found wins)\n"
    )
    (project / ".frontier-lint.yaml").write_text("include: ['lib/**']\n")
    assert run("app/")[2].splitlines() == [
        "frontier-lint: warning: .frontier-lint.yaml is ignored: frontier-lint.yaml is used "
        "(first found wins)",
        "frontier-lint: warning: pyproject.toml [tool.frontier-lint] is ignored: "
        "frontier-lint.yaml is used (first found wins)",
    ]
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # not ours: no warning
    (project / ".frontier-lint.yaml").unlink()
    assert run("app/")[2] == ""


def test_an_include_pattern_matching_nothing_warns_and_fails_strict(project: Path) -> None:
    (project / "frontier-lint.yaml").write_text("include:\n  - 'app/**'\n  - 'ap/services/**'\n")
    code, _, err = run("app/")
    assert code == 1
    assert err == (
        "frontier-lint: warning: frontier-lint.yaml:3: include[1]: pattern 'ap/services/**' "
        "matches no file\n"
    )
    (project / "frontier-lint.yaml").write_text("include: ['src/**']\n")  # the typo of issue 15
    code, out, err = run("--strict", ".")
    assert code == 2 and out == ""
    assert err == (
        "frontier-lint: error: frontier-lint.yaml:1: include[0]: pattern 'src/**' matches no "
        "file (--strict)\n"
    )
    proc = real("--strict", ".", cwd=project)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1


# --------------------------------------------------------------------------- progress


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_after_the_delay_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    quick = _Tty()
    bar = _Progress(quick)
    bar(1, 10)  # before the delay: nothing, and tqdm not even imported for it
    bar.close()
    assert quick.getvalue() == ""
    slow = _Tty()
    bar = _Progress(slow)
    monkeypatch.setattr(_Progress, "DELAY", 0.0)
    threads = {t.name for t in threading.enumerate()}
    for n in range(1, 11):
        bar(n, 10)
        # No thread of tqdm's (its monitor): the run's later forks would be unsafe, not made.
        assert {t.name for t in threading.enumerate()} == threads
    bar.close()
    assert "frontier-lint:" in slow.getvalue() and "/10 [" in slow.getvalue()
    piped = io.StringIO()  # not a terminal: never
    bar = _Progress(piped)
    bar(10, 10)
    bar.close()
    assert piped.getvalue() == ""


def test_the_engine_reports_progress(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"m{i}.py").write_text(f"import subprocess\nsubprocess.run(['git', '{i}'])\n")
    calls: list[tuple[int, int]] = []
    lint(
        Config(root=tmp_path),
        load_catalogue(),
        LintRequest(progress=lambda done, total: calls.append((done, total))),
        use_cache=False,
    )
    assert calls and calls[-1][0] == calls[-1][1] >= 3


def test_version_and_help_do_not_import_the_progress_library(project: Path) -> None:
    code = (
        "import sys\n"
        "from frontier_lint.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print('tqdm' in sys.modules, 'libcst' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.stdout.splitlines()[-1] == "False False"


def test_the_default_include_never_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "frontier-lint.yaml").write_text("exclude: ['build/**']\n")
    (tmp_path / "README.md").write_text("no Python here\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("--strict", ".")
    assert (code, err) == (0, "")


def test_quiet_on_a_clean_run_prints_nothing(project: Path) -> None:
    (project / "app" / "x.py").write_text("import subprocess\nsubprocess.run(['git'])\n")
    assert run("-q", "app/") == (0, "", "")
    assert run("-q", "--format", "github", "app/") == (0, "", "")

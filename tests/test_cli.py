"""End-to-end: the command line through click's runner and through a real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontier_lint.cli import lint_command

EXAMPLE = Path(__file__).parent.parent / "examples" / "incident"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "incident"
    shutil.copytree(EXAMPLE, root)
    monkeypatch.chdir(root)
    return root


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(lint_command, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_text_output_shows_findings_with_trace(project: Path) -> None:
    code, out, _ = run("app/")
    assert code == 1
    assert "app/backend/src/services/tasks.py:30:12: FL001" in out
    assert "    app/backend/src/core/config.py:8:5: Config.CODEX_CMD defined as os.getenv(" in out
    assert "passed as `cmd` to _run_llm_process" in out


def test_json_output_follows_design_v1(project: Path) -> None:
    code, out, _ = run("--format", "json", "app/")
    assert code == 1
    data = json.loads(out)
    assert data["version"] == 1
    assert data["tool"]["name"] == "frontier-lint"
    found = {(f["path"], f["line"], f["program"]) for f in data["findings"]}
    assert found == {
        ("app/backend/src/services/tasks.py", 30, "codex"),
        ("app/backend/src/services/tasks.py", 40, "codex"),
        ("app/backend/src/services/tasks.py", 40, "claude"),
    }
    first = data["findings"][0]
    assert first["sink"] == "subprocess.Popen"
    assert [h["note"].split(" ")[0] for h in first["trace"]][-1] == "reaches"
    assert data["summary"]["allowed"] == 1
    assert data["summary"]["violations"] == 3


def test_single_file_gives_the_same_findings_as_full_run(project: Path) -> None:
    _, full, _ = run("--format", "json", "app/")
    _, one, _ = run("--format", "json", "app/backend/src/services/tasks.py")
    pick = lambda out: [  # noqa: E731
        (f["path"], f["line"], f["program"], tuple(h["note"] for h in f["trace"]))
        for f in json.loads(out)["findings"]
        if f["path"].endswith("services/tasks.py")
    ]
    assert pick(one) == pick(full)


def test_output_file(project: Path) -> None:
    code, out, _ = run("--format", "json", "--output", "report.json", "app/")
    assert code == 1
    assert out == ""
    assert json.loads((project / "report.json").read_text())["summary"]["violations"] == 3


def test_clean_path_exits_zero(project: Path) -> None:
    # (Not util/proc.py: tasks.py launches codex through its wrapper, a flow a run on it reports.)
    clean = project / "app/backend/src/util/vcs.py"
    clean.write_text("import subprocess\n\nsubprocess.run(['git', 'status'])\n")
    code, out, _ = run("app/backend/src/util/vcs.py")
    assert code == 0, out


def test_bad_config_is_one_line_exit_2(project: Path) -> None:
    (project / "frontier-lint.yaml").write_text("include: app/**\nbogus: 1\n")
    code, _, err = run("app/")
    assert code == 2
    assert err.count("\n") == 1
    assert "frontier-lint.yaml" in err


def test_missing_path_exit_2(project: Path) -> None:
    code, _, err = run("does/not/exist")
    assert code == 2
    assert "does/not/exist" in err
    assert "Traceback" not in err


def test_stdin_filename_lints_the_buffer(project: Path) -> None:
    source = "import subprocess\nsubprocess.run(['gemini', '-p', 'x'])\n"
    result = CliRunner().invoke(
        lint_command,
        ["--stdin-filename", "app/backend/src/services/new.py", "--format", "json"],
        input=source,
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(f["path"], f["line"], f["program"]) for f in data["findings"]] == [
        ("app/backend/src/services/new.py", 2, "gemini")
    ]


def test_real_subprocess_console_script_and_module(project: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "frontier_lint", "--format", "json", "app/"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["summary"]["violations"] == 3
    version = subprocess.run(
        [sys.executable, "-m", "frontier_lint", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert version.returncode == 0
    assert "0.1.0" in version.stdout


def test_module_form_never_imports_the_projects_packages(project: Path) -> None:
    # A project with its own top-level `click` and `yaml`: `python -m` puts the working
    # directory on sys.path; importing them would run the code being checked.
    for name in ("click", "yaml", "libcst"):
        pkg = project / name
        pkg.mkdir()
        (pkg / "__init__.py").write_text(f"raise SystemExit('imported the project\\'s {name}')\n")
    proc = subprocess.run(
        [sys.executable, "-m", "frontier_lint", "--format", "json", "app/"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert json.loads(proc.stdout)["summary"]["violations"] == 3


def test_subcommand_named_directory_is_lintable(project: Path) -> None:
    lsp_dir = project / "app" / "lsp"
    lsp_dir.mkdir()
    (lsp_dir / "x.py").write_text("import os\nos.system('claude -p hi')\n")
    os.chdir(project / "app")
    from frontier_lint.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["--format", "json", "./lsp"])
    assert exc.value.code == 1


def test_jobs_give_byte_identical_output(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from frontier_lint.run import syntax
    from frontier_lint.run.background import can_fork

    monkeypatch.setattr(syntax.SyntaxChecks, "MIN_BYTES", 0)  # the checks go to a child
    checked_by_workers: list[int] = []
    results = syntax.SyntaxChecks.results

    def spy(self: syntax.SyntaxChecks) -> dict[str, object]:
        got = results(self)
        checked_by_workers.append(len(got))
        return got  # type: ignore[return-value]

    monkeypatch.setattr(syntax.SyntaxChecks, "results", spy)
    (project / "app" / "broken.py").write_text("import os\nos.system('claude')\nprint 'x'\n")
    for i in range(30):
        (project / "app" / f"m{i}.py").write_text(
            f"import subprocess\n\ndef f{i}():\n    subprocess.run(['claude', '{i}'])\n"
        )
    one = run("--no-cache", "--jobs", "1", "--format", "json", "app/")
    two = run("--no-cache", "--jobs", "2", "--format", "json", "app/")
    assert checked_by_workers[0] == 0  # in-process
    if can_fork():
        assert checked_by_workers[1] > 30  # in children
    assert one[0] == two[0] == 1
    assert one[1] == two[1]
    assert '"path": "app/broken.py"' in one[1]  # the syntax error, found either way


def test_an_uncalled_wrapper_names_the_parameter_its_program_waits_for(project: Path) -> None:
    (project / "app" / "runner.py").write_text(
        "import subprocess\n\n\nclass Runner:\n    def __init__(self, binary):\n"
        "        self.binary = binary\n\n    def run(self, prompt):\n"
        "        return subprocess.run([self.binary, prompt])\n\n\n"
        "def launch(cmd):\n    return subprocess.run(cmd)\n"
    )
    _, out, _ = run("--format", "json", "app/runner.py")
    reasons = {u["line"]: u["reason"] for u in json.loads(out)["unresolved"]}
    # A constructor argument kept on the instance is the class's, not the method's.
    assert reasons[9].startswith("the program comes from `binary` given to Runner(), ")
    assert reasons[13].startswith("the program comes from parameter `cmd` of launch, ")


def test_a_key_the_callers_mapping_lacks_is_named_as_a_key(project: Path) -> None:
    # (A subscript of a mapping parameter, not a `**` keyword: "argument `cmd` not passed"
    # named the wrong thing, session 28.)
    (project / "app" / "spec.py").write_text(
        "import subprocess\n\n\ndef run(spec):\n    subprocess.run(spec['cmd'])\n\n\n"
        "def go():\n    run({'argv': ['git', 'status']})\n"
    )
    _, out, _ = run("--format", "json", "--no-cache", "app/spec.py")
    reasons = [u["reason"] for u in json.loads(out)["unresolved"]]
    assert reasons == [
        "the program is not known: key `cmd` is not in the mapping a caller passes"
    ], reasons

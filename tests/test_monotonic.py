"""Adding code never removes a finding whose program the project decides (issue 16 item 6).

Each case is a project and a caller file added to it: every finding of the project alone is
still reported with the caller (at the same place), whatever the caller's receiver is (a
parameter typed as a base class, an item of a registry, a subclass)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config


def src(text: str) -> str:
    return textwrap.dedent(text).lstrip()


AGENTS = src(
    """
    import subprocess


    class ShellAgent:
        def __init__(self, argv):
            self.argv = argv

        def run(self):
            return subprocess.run(self.argv)

        def run_twice(self):
            self.run()
            return self.run()


    def make():
        return ShellAgent(["codex", "exec"])
    """
)

REGISTRY = src(
    """
    from app.agents import ShellAgent


    class AgentRegistry:
        def __init__(self):
            self.agents: dict[str, ShellAgent] = {}

        def get(self, name) -> ShellAgent:
            return self.agents[name]
    """
)

HOSTS = src(
    """
    import shutil
    import subprocess


    class HostBinding:
        cli_binary = None

        def register(self):
            if self.cli_binary and shutil.which(self.cli_binary):
                return subprocess.run(self._cli_command())

        def _cli_command(self):
            raise NotImplementedError


    class ClaudeBinding(HostBinding):
        cli_binary = "claude"

        def _cli_command(self):
            return ["claude", "mcp", "add", "council"]
    """
)

HANDED_ON = src(
    """
    import subprocess


    class Runner:
        def __init__(self, command):
            self.command = command

        def run(self):
            return subprocess.run(self.command)


    class Given:
        def __init__(self, runner):
            self._runner = runner

        def go(self):
            return self._runner.run()


    def given():
        Given(Runner(["claude"])).go()
    """
)

# (files of the project, the caller file added to it)
CASES: dict[str, tuple[dict[str, str], tuple[str, str]]] = {
    "a registry dispatching to items typed as the class": (
        {"app/agents.py": AGENTS, "app/registry.py": REGISTRY},
        (
            "app/launcher.py",
            src(
                """
                from app.registry import AgentRegistry


                def start(registry: AgentRegistry, name):
                    agent = registry.get(name)
                    return agent.run()
                """
            ),
        ),
    ),
    "a parameter typed as the class": (
        {"app/agents.py": AGENTS},
        (
            "app/launcher.py",
            src(
                """
                from app.agents import ShellAgent


                def start(agent: ShellAgent):
                    agent.run()
                    return agent
                """
            ),
        ),
    ),
    "a method of a parameter typed as the class": (
        {"app/agents.py": AGENTS},
        (
            "app/launcher.py",
            src(
                """
                from app.agents import ShellAgent


                def start(agent: ShellAgent):
                    return agent.run()
                """
            ),
        ),
    ),
    "a method calling it on self, of a parameter typed as the class": (
        {"app/agents.py": AGENTS},
        (
            "app/launcher.py",
            src(
                """
                from app.agents import ShellAgent


                def start(agent: ShellAgent):
                    return agent.run_twice()
                """
            ),
        ),
    ),
    "a parameter typed as the base class": (
        {"app/hosts.py": HOSTS},
        (
            "app/installer.py",
            src(
                """
                from app.hosts import HostBinding


                def install(bindings: list[HostBinding]):
                    for binding in bindings:
                        binding.register()
                """
            ),
        ),
    ),
    "the method called on an instance another constructor call made": (
        {"app/runners.py": HANDED_ON},
        (
            "app/other.py",
            src(
                """
                from app.runners import Runner


                def other():
                    Runner(["git", "status"]).run()
                """
            ),
        ),
    ),
    "a subclass constructed and called": (
        {"app/hosts.py": HOSTS},
        (
            "app/installer.py",
            src(
                """
                from app.hosts import ClaudeBinding


                def install():
                    return ClaudeBinding().register()
                """
            ),
        ),
    ),
}


def make(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "frontier-lint.yaml").write_text("include: ['app/**']\n")
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return root


def findings(root: Path) -> set[tuple[str, int, str | None]]:
    config = load_config(None, root)
    report = lint(config, load_catalogue(config.rules), LintRequest(paths=(root / "app",)))
    return {(f.path, f.line, f.program) for f in report.findings}


@pytest.mark.parametrize("name", CASES)
def test_adding_a_caller_keeps_every_finding(tmp_path: Path, name: str) -> None:
    files, (caller, text) = CASES[name]
    alone = findings(make(tmp_path / "alone", files))
    assert alone  # (the case has something to keep)
    with_caller = findings(make(tmp_path / "with", {**files, caller: text}))
    assert alone <= with_caller, f"lost: {sorted(alone - with_caller)}"

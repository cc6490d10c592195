"""A summary's events do not depend on which summary the analysis began with, nor a run's
results on the order its files are named in (an edit analyses files in another order than a
run of every file: what one begins with, the other may reach last)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from frontier_lint.dataflow.analyzer import Analyzer
from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.verdict import Classifier
from frontier_lint.frontend.project import Project
from frontier_lint.matching.programs import ProgramMatcher
from frontier_lint.settings.catalogue import load_catalogue
from tests.test_cache import cli_json

FIXTURE_PROJECTS = Path(__file__).parent / "fixtures" / "projects"

# A constructor calls a method on `self` that reads and reassigns the attribute the
# constructor stored (`self.cmd = shutil.which(self.cmd)`): summarising `status` first
# summarises `__init__` (for what it stores) and `_resolve` inside it while `self.cmd` is
# being resolved, so both see its placeholder and are redone; `_resolve`'s redo launches from
# the constructor's argument, which `__init__` passes it through `self`.
TOOLS = """\
import shutil
import subprocess
from pathlib import Path


class Git:
    def __init__(self, cmd: str = "git") -> None:
        self.cmd = cmd
        self._resolve()

    def _resolve(self) -> None:
        if not Path(self.cmd).is_absolute():
            found = shutil.which(self.cmd)
            if found:
                self.cmd = found

    def status(self) -> None:
        subprocess.run([self.cmd, "status"])
"""


def _events(
    first: list[str],
    source: str = TOOLS,
    methods: tuple[str, ...] = ("__init__", "_resolve", "status"),
    *,
    cls: str = "Git",
    eager: tuple[str, ...] = ("_resolve", "status"),
) -> dict[str, set[tuple[str, int]]]:
    """The events of `cls`'s `methods` in `source`, summarised in that order after `first`."""
    files = {"app/tools.py": source}
    catalogue = load_catalogue()
    analyzer = Analyzer(Project(Path("/nonexistent"), files, overrides=files), catalogue)
    analyzer.on_event = Classifier(ProgramMatcher(catalogue))  # (as `Analysis` sets it)
    # (As a run does: the functions holding a launch (`eager`) are followed at every call.)
    analyzer.eager.update(FuncId("app/tools.py", f"{cls}.{n}") for n in eager)
    out: dict[str, set[tuple[str, int]]] = {}
    for name in [*first, *methods]:
        func = analyzer.funcdef(FuncId("app/tools.py", f"{cls}.{name}"))
        assert func is not None
        out[name] = {(ev.sink, ev.site.span().line) for ev in analyzer.summary(func).events}
    return out


@pytest.mark.parametrize("first", ["status", "_resolve"])
def test_a_constructor_forwards_what_a_method_of_its_cycle_launches_whichever_comes_first(
    first: str,
) -> None:
    """`Git.__init__` forwards `_resolve`'s probe (from its own argument `cmd`) whether its
    summary is computed first or inside the one of `status` (on main: without the probe,
    `_resolve`'s redo leaving the caller that read its placeholder as it was)."""
    alone = _events([])
    assert ("shutil.which", 13) in alone["__init__"]
    assert _events([first]) == alone


# A method other than the constructor stores what `_resolve` probes for and calls it on `self`:
# whichever method is summarised first, `refresh` forwards the probe, which waits for the
# constructor's argument `cmd` (its callers' receivers pass it). Summarising `_resolve` first
# summarises `refresh` inside it (it assigns `self.cmd`, being resolved), where its call reads
# `_resolve`'s placeholder; summarising `status` first summarises `refresh` after `_resolve`,
# whose summary, made while `self.cmd` was being resolved, is computed again later.
REFRESH = """\
import shutil
import subprocess


class Git:
    def __init__(self, cmd: str = "git") -> None:
        self.cmd = cmd

    def _resolve(self) -> None:
        found = shutil.which(self.cmd)
        if found:
            self.cmd = found

    def refresh(self) -> None:
        self.cmd = self.cmd.strip()
        self._resolve()

    def status(self) -> None:
        subprocess.run([self.cmd, "status"])
"""
REFRESH_METHODS = ("__init__", "_resolve", "refresh", "status")


@pytest.mark.parametrize("first", ["status", "_resolve", "refresh"])
def test_a_method_forwards_what_a_method_it_calls_on_self_launches_whichever_comes_first(
    first: str,
) -> None:
    """`Git.refresh` forwards `_resolve`'s probe (from the constructor's argument `cmd`)
    whichever summary comes first (on main: only where `refresh` was summarised first; read as
    `_resolve`'s placeholder, the redo of `_resolve` left `refresh` as it was, and read as its
    tainted summary by a caller tainted only after the call, the call was not noted at all)."""
    alone = _events([], REFRESH, REFRESH_METHODS)
    assert ("shutil.which", 10) in alone["refresh"]
    assert _events([first], REFRESH, REFRESH_METHODS) == alone


# A Django-like command (`compilemessages`): `handle` stores what `compile` reads, then calls
# `self.compile()`, which runs `self.program`, a class attribute a subclass sets (from its
# constructor's argument: only the receiver at each call knows it). Summarising `compile` first
# resolves `self.options`, which summarises `handle` inside it, where its call reads
# `compile`'s placeholder; summarising `handle` first summarises `compile` inside it.
COMMAND = """\
import subprocess


class Command:
    program = "msgfmt"
    options = ["--check-format"]

    def compile(self) -> None:
        subprocess.run([self.program, *self.options])

    def handle(self, force: bool) -> None:
        if force:
            self.options = self.options + ["-f"]
        self.compile()


class Agent(Command):
    def __init__(self, program: str) -> None:
        self.program = program
"""


@pytest.mark.parametrize("first", ["handle", "compile"])
def test_a_method_forwards_a_launch_from_a_class_attribute_a_subclass_sets_whichever_comes_first(
    first: str,
) -> None:
    """`Command.handle` forwards `compile`'s launch of `self.program` (`?program`, which
    `Agent`'s receivers fill in) whichever summary comes first (on main: only where `handle`
    was summarised first; having read `compile`'s placeholder, it was computed again for what
    `compile` launches from the constructor's arguments only, and a run, which summarises
    `compile` first, reported nothing at `Agent("codex").handle(False)`: the fixture project
    `subclass_program_cycle`)."""
    methods = ("compile", "handle")
    alone = _events([], COMMAND, methods, cls="Command", eager=("compile",))
    assert ("subprocess.run", 9) in alone["handle"]
    assert _events([first], COMMAND, methods, cls="Command", eager=("compile",)) == alone


def test_a_class_is_never_its_own_subclass_through_a_chain_of_names() -> None:
    """Classes are found as subclasses by their bases' names: Django's `Command(BaseCommand)`
    and twisted's `BaseCommand(amp.Command)` lead from `Command` back to itself. Found as its
    own subclass, the class made every attribute it sets one a subclass may set (`?program`)
    (on main: `overridden` said so, and a Django command's `handle` calling
    `self.compile_messages()` would have become a wrapper)."""
    files = {
        "app/commands.py": (
            "class BaseCommand:\n    pass\n\n\n"
            'class Command(BaseCommand):\n    program = "msgfmt"\n'
        ),
        "app/amp.py": "import amp\n\n\nclass BaseCommand(amp.Command):\n    pass\n",
    }
    analyzer = Analyzer(Project(Path("/nonexistent"), files, overrides=files), load_catalogue())
    command = FuncId("app/commands.py", "Command")
    assert ("app/amp.py", "BaseCommand") in set(analyzer.hierarchy.descendants(command))
    assert ("app/commands.py", "Command") not in set(analyzer.hierarchy.descendants(command))
    assert not analyzer.hierarchy.overridden(command, "program")
    # (A real subclass setting it still is one.)
    files["app/sub.py"] = (
        'from app.commands import Command\n\n\nclass Sub(Command):\n    program = "x"\n'
    )
    analyzer = Analyzer(Project(Path("/nonexistent"), files, overrides=files), load_catalogue())
    assert analyzer.hierarchy.overridden(command, "program")


def _project(name: str) -> Analyzer:
    """An analyzer of fixture project `name`, as a run sets it up."""
    root = FIXTURE_PROJECTS / name
    files = {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*.py"))}
    catalogue = load_catalogue()
    analyzer = Analyzer(Project(Path("/nonexistent"), files, overrides=files), catalogue)
    analyzer.on_event = Classifier(ProgramMatcher(catalogue))
    return analyzer


def test_a_namesake_of_a_base_class_in_another_package_is_not_a_subclass() -> None:
    """Subclasses are found by their bases' names, then the bases resolved: `tools`'
    `BaseCommand(amp.Command)` names a `Command`, but `amp.Command` is `tools.amp`'s, not
    `msgs.commands.Command`, so neither it nor its subclass `Agent` setting `program` is one of
    that class's. On main (by names alone) they were: `msgs`' `program` was one a subclass may
    set, and `handle`, having read `compile`'s placeholder, was computed again (a redo of the
    2x copy of the corpus, where every class has a namesake, cost a quarter more per line) and
    forwarded `compile`'s launch to its callers."""
    analyzer = _project("namesake_subclasses")
    command = FuncId("msgs/commands.py", "Command")
    assert list(analyzer.hierarchy.descendants(command)) == []
    assert not analyzer.hierarchy.overridden(command, "program")
    base = FuncId("tools/protocol.py", "BaseCommand")
    assert list(analyzer.hierarchy.descendants(base)) == [("tools/protocol.py", "Agent")]
    assert analyzer.hierarchy.overridden(base, "program")
    # The work: `compile` first (its `self.options` summarises `handle`, which reads its
    # placeholder), as a run begins with the launching method.
    analyzer.eager.add(command.member("compile"))
    handled = []
    for name in ("compile", "handle"):
        func = analyzer.funcdef(command.member(name))
        assert func is not None
        handled.append(analyzer.summary(func).events)
    assert analyzer.forgotten == 0  # (no summary computed again)
    assert handled == [[], []]  # (`msgfmt` is resolved where it runs, not at the callers)


def test_a_base_class_the_resolver_cannot_tell_may_be_any_class_of_its_name() -> None:
    """`Dynamic(plugins.Runner)`, with `plugins` a module chosen at run time, may derive from
    `tools.base.Runner`: it stays one of its subclasses, and the `program` it sets is an
    alternative at the launch (fixture `subclass_unknown_base`; on main it was dropped as a
    class found by name deriving from another, and the run reported nothing)."""
    analyzer = _project("subclass_unknown_base")
    runner = FuncId("tools/base.py", "Runner")
    assert list(analyzer.hierarchy.descendants(runner)) == [("tools/dynamic.py", "Dynamic")]
    assert analyzer.hierarchy.overridden(runner, "program")


def _findings(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, str]]:
    document = json.loads(cli_json(root, monkeypatch, "--no-cache"))
    return sorted((f["path"], f["line"], f["rule"]) for f in document["findings"])


def test_a_constructions_hook_methods_reach_it_whatever_the_files_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With `__post_init__` no longer calling `validate`, what `validate` launches from the
    fields (a method no project code calls: its callers are out of sight) waits at each
    construction all the same. On main it did only where the class's file sorted before the
    constructing file: there `validate` was summarised before the constructions were
    interpreted; after them, its constructor event launched at a site noted already (for
    `_validate_cli_path`), and a dataclass's construction was not counted as following its
    generated `__init__`, so the constructions were not interpreted again."""
    results = []
    for module in ("settings", "a_settings"):
        root = tmp_path / module
        shutil.copytree(FIXTURE_PROJECTS / "dataclass_post_init", root)
        settings = root / "app/settings.py"
        text = settings.read_text()
        old = "        if self.validate_on_init:\n            self.validate()\n"
        assert text.count(old) == 1
        settings.unlink()
        (root / f"app/{module}.py").write_text(text.replace(old, "        pass\n"))
        client = root / "app/client.py"
        client.write_text(client.read_text().replace("app.settings", f"app.{module}"))
        found = _findings(root, monkeypatch)
        results.append([(p.replace(module, "MODULE"), line, rule) for p, line, rule in found])
    assert results[0] == results[1]
    assert results[0] == [("app/MODULE.py", 20, "FL002")] * 2

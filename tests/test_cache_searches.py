"""A warm run never passes what a cold run fails, where results come from a search by name.

Some answers are not read through imports but found by scanning the project for a name: the
subclasses of a class, what a registering decorator is applied to, the callers of a wrapper
(through holders of an instance, subclasses, modules importing or re-exporting it). Editing a
file that was already in the project can change such an answer although no file the cached
results were read from changed. Each case: a cold run, an edit of existing files, then the warm
run must report exactly what a run without the cache reports (and again once the edit is undone).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from frontier_lint.dataflow import propagation as analysis
from frontier_lint.dataflow import searches
from frontier_lint.findings import Report
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config


def src(text: str) -> str:
    return textwrap.dedent(text).lstrip()


@dataclass(frozen=True)
class Case:
    files: dict[str, str]  # the project before the edit
    edits: dict[str, str]  # existing files rewritten
    appears: tuple[str, int, str]  # the violation the edit brings: (path, line, program)


ABSTRACT_TOOL = src(
    '''
    import subprocess
    from abc import ABC, abstractmethod


    class Tool(ABC):
        @abstractmethod
        def command(self) -> list[str]:
            """The argv."""


    def launch(tool: Tool) -> None:
        subprocess.run(tool.command())


    class Git(Tool):
        def command(self) -> list[str]:
            return ["git", "status"]
    '''
)

RUNNER = src(
    """
    import subprocess


    class Runner:
        def start(self, argv: list[str]) -> None:
            subprocess.run(argv)


    def status() -> None:
        Runner().start(["git", "status"])
    """
)

VIRTUAL_RUNNER = src(
    """
    import subprocess
    from typing import ClassVar


    class Runner:
        binary: ClassVar[str]

        def run(self, prompt: str) -> None:
            subprocess.run([self.binary, prompt])


    class GitRunner(Runner):
        binary = "git"


    def status() -> None:
        GitRunner().run("status")
    """
)

PROC = src(
    """
    import subprocess


    def run_process(argv: list[str]) -> None:
        subprocess.run(argv)
    """
)

ASK_CLAUDE = """

def ask() -> None:
    {call}(["claude", "-p", "hi"])
"""


def asking(imports: str, call: str) -> str:
    return imports + ASK_CLAUDE.format(call=call)


CASES = {
    # `Analyzer.implementations`: an abstract method runs as each project subclass has it.
    "a subclass implementing an abstract method": Case(
        files={"app/tools.py": ABSTRACT_TOOL, "app/other.py": "X = 1\n"},
        edits={
            "app/other.py": src(
                """
                from app.tools import Tool


                class Claude(Tool):
                    def command(self) -> list[str]:
                        return ["claude"]
                """
            )
        },
        appears=("app/tools.py", 12, "claude"),
    ),
    # `Analyzer.overridden`: a class attribute a subclass sets, read from the receiver.
    "a subclass overriding a class attribute": Case(
        files={
            "app/tools.py": src(
                """
                import subprocess


                class Tool:
                    binary = "git"

                    def run(self, prompt: str) -> None:
                        subprocess.run([self.binary, prompt])


                def status() -> None:
                    Tool().run("status")
                """
            ),
            "app/other.py": "X = 1\n",
        },
        edits={
            "app/other.py": src(
                """
                from app.tools import Tool


                class Claude(Tool):
                    binary = "claude"


                def ask() -> None:
                    Claude().run("hi")
                """
            )
        },
        # (Any project subclass's value is found at the base's launch.)
        appears=("app/tools.py", 8, "claude"),
    ),
    # `Analyzer.registered`: what a registering decorator stores in a mapping.
    "a class registered with a decorator": Case(
        files={
            "app/registry.py": src(
                """
                import subprocess

                AGENTS = {}


                def register(name):
                    def deco(cls):
                        AGENTS[name] = cls
                        return cls

                    return deco


                def start(name: str) -> None:
                    subprocess.run(AGENTS[name].ARGV)
                """
            ),
            "app/git_agent.py": src(
                """
                from app.registry import register


                @register("git")
                class GitAgent:
                    ARGV = ["git", "status"]
                """
            ),
            "app/other.py": "X = 1\n",
        },
        edits={
            "app/other.py": src(
                """
                from app.registry import register


                @register("codex")
                class CodexAgent:
                    ARGV = ["codex", "exec"]
                """
            )
        },
        appears=("app/registry.py", 15, "codex"),
    ),
    # `Analyzer.registered_by_calls`: what calls of a registering classmethod store in a
    # class-level mapping; a file that comes to call it adds an entry.
    "a class-level registry gaining a registering call": Case(
        files={
            "app/factory.py": src(
                """
                import subprocess


                class Factory:
                    _registry = {}

                    @classmethod
                    def register(cls, name, program):
                        cls._registry[name] = program

                    @classmethod
                    def spawn(cls, name):
                        subprocess.run([cls._registry[name], "--acp"])


                Factory.register("git", "git")
                """
            ),
            "app/other.py": "X = 1\n",
        },
        edits={
            "app/other.py": src(
                """
                from app.factory import Factory


                def setup():
                    Factory.register("gemini", "gemini")
                """
            )
        },
        appears=("app/factory.py", 13, "gemini"),
    ),
    # Callers of a method through a module-level instance (`_note_holders`): the unchanged
    # caller becomes one when another file assigns the instance.
    "a module-level instance making an unchanged file a caller": Case(
        files={
            "app/runner.py": RUNNER,
            "app/services.py": "RUNNER = None\n",
            "app/caller.py": asking("from app.services import RUNNER\n", "RUNNER.start"),
        },
        edits={"app/services.py": "from app.runner import Runner\n\nRUNNER = Runner()\n"},
        appears=("app/caller.py", 5, "claude"),
    ),
    # Callers through a subclass's name of a method that leaves an attribute to subclasses
    # (`_note_subclasses`).
    "a subclass whose name the callers use": Case(
        files={"app/runner.py": VIRTUAL_RUNNER, "app/other.py": "X = 1\n", "app/caller.py": ""},
        edits={
            "app/other.py": src(
                """
                from app.runner import Runner


                class ClaudeRunner(Runner):
                    binary = "claude"
                """
            ),
            "app/caller.py": src(
                """
                from app.other import ClaudeRunner


                def ask() -> None:
                    ClaudeRunner().run("hi")
                """
            ),
        },
        appears=("app/runner.py", 9, "claude"),  # (at the base's launch: any subclass)
    ),
    # Callers of a function through a package re-exporting it (its gate words).
    "a package starting to re-export a wrapper": Case(
        files={
            "app/__init__.py": "",
            "app/pkg/__init__.py": "",
            "app/pkg/proc.py": PROC,
            "app/status.py": "from app.pkg.proc import run_process\n\nrun_process(['git'])\n",
            "app/caller.py": "",
        },
        edits={
            "app/pkg/__init__.py": "from app.pkg.proc import run_process\n",
            "app/caller.py": asking("from app.pkg import run_process\n", "run_process"),
        },
        appears=("app/caller.py", 5, "claude"),
    ),
    # Callers of a function through a module importing it (`Analysis._may_reach`): a shim of
    # the same module name elsewhere.
    "a module starting to import a wrapper that an unchanged file calls through it": Case(
        files={
            "app/__init__.py": "",
            "app/util/__init__.py": "",
            "app/util/proc.py": PROC,
            "app/status.py": "from app.util.proc import run_process\n\nrun_process(['git'])\n",
            "shims/__init__.py": "",
            "shims/proc.py": "run_process = print\n",
            "app/caller.py": asking("from shims.proc import run_process\n", "run_process"),
        },
        edits={"shims/proc.py": "from app.util.proc import run_process  # noqa: F401\n"},
        appears=("app/caller.py", 5, "claude"),
    ),
    # A function becoming a wrapper while a cached file holds a module-level instance: the
    # callers are looked for in every file at once (the holder's file has a cached entry).
    "a method becoming a wrapper, its instance held in a cached file": Case(
        files={
            "app/runner.py": "class Runner:\n    def start(self, argv):\n        print(argv)\n",
            "app/services.py": "from app.runner import Runner\n\nRUNNER = Runner()\n",
            "app/caller.py": "",
        },
        edits={
            "app/runner.py": RUNNER,
            "app/caller.py": asking("from app.services import RUNNER\n", "RUNNER.start"),
        },
        appears=("app/caller.py", 5, "claude"),
    ),
    # The same with the subclass the callers name in a cached file.
    "a method becoming a wrapper, its subclass in a cached file": Case(
        files={
            "app/runner.py": VIRTUAL_RUNNER.replace("subprocess.run(", "print("),
            "app/other.py": "from app.runner import Runner\n\n\nclass ClaudeRunner(Runner):\n"
            '    binary = "claude"\n',
            "app/caller.py": "",
        },
        edits={
            "app/runner.py": VIRTUAL_RUNNER,
            "app/caller.py": asking(
                "from app.other import ClaudeRunner\n", "ClaudeRunner().run"
            ).replace('(["claude", "-p", "hi"])', '("hi")'),
        },
        appears=("app/runner.py", 9, "claude"),  # (at the base's launch: any subclass)
    ),
    # A cached file calling a function that becomes a wrapper is analysed again in full: its
    # class's other methods (a direct launch) keep their findings.
    "a cached caller whose class also launches directly": Case(
        files={
            "app/proc.py": "def spawn(cmd):\n    return cmd\n",
            "app/user.py": src(
                """
                import subprocess

                from app import proc


                class User:
                    def a(self):
                        subprocess.run(["gemini"])

                    def b(self):
                        proc.spawn(["claude"])
                """
            ),
        },
        edits={
            "app/proc.py": "import subprocess\n\n\ndef spawn(cmd):\n    return subprocess.run(cmd)\n"
        },
        appears=("app/user.py", 11, "claude"),
    ),
    # An edited file whose class launches directly in one method and calls a cached wrapper
    # in another.
    "an edited class that launches and calls a wrapper": Case(
        files={
            "app/proc.py": PROC + "\n\ndef git():\n    run_process(['git'])\n",
            "app/user.py": "",
        },
        edits={
            "app/user.py": src(
                """
                import subprocess

                from app import proc


                class User:
                    def a(self):
                        subprocess.run(["git"])

                    def b(self):
                        proc.run_process(["claude"])
                """
            )
        },
        appears=("app/user.py", 11, "claude"),
    ),
    # A plain module that starts re-exporting a wrapper by a star import (meson's `mesonlib`):
    # the cached caller calling through it names neither the wrapper's module nor the name in
    # an import.
    "a module star-importing a wrapper's module": Case(
        files={
            "app/utils/__init__.py": "",
            "app/utils/proc.py": PROC,
            "app/lib.py": "VALUE = 1\n",
            "app/caller.py": asking("from app import lib\n", "lib.run_process"),
        },
        edits={"app/lib.py": "from app.utils.proc import *  # noqa: F403\n"},
        appears=("app/caller.py", 5, "claude"),
    ),
    # The same through a module importing the wrapper by name.
    "a module re-exporting a wrapper by name": Case(
        files={
            "app/utils/__init__.py": "",
            "app/utils/proc.py": PROC,
            "app/lib.py": "VALUE = 1\n",
            "app/caller.py": asking("from app import lib\n", "lib.run_process"),
        },
        edits={"app/lib.py": "from app.utils.proc import run_process\n"},
        appears=("app/caller.py", 5, "claude"),
    ),
    # A module that starts binding a wrapper to another name: the cached caller calls it by
    # that name only.
    "a module binding a wrapper to another name": Case(
        files={
            "app/utils/__init__.py": "",
            "app/utils/proc.py": PROC,
            "app/lib.py": "VALUE = 1\n",
            "app/caller.py": asking("from app import lib\n", "lib.launch"),
        },
        edits={"app/lib.py": "from app.utils.proc import run_process as launch\n"},
        appears=("app/caller.py", 5, "claude"),
    ),
    # A new call, in an existing file, of a wrapper's second name known from the cold run.
    "a new caller of a wrapper's second name": Case(
        files={
            "app/proc.py": PROC + "\n\nlaunch = run_process\n",
            "app/status.py": "from app.proc import launch\n\nlaunch(['git'])\n",
            "app/caller.py": "Y = 2\n",
        },
        edits={"app/caller.py": asking("from app.proc import launch\n", "launch")},
        appears=("app/caller.py", 5, "claude"),
    ),
    # A module that starts binding a sink to another name.
    "a module binding a sink to another name": Case(
        files={
            "app/util.py": "VALUE = 1\n",
            "app/caller.py": asking("from app import util\n", "util.spawn"),
        },
        edits={"app/util.py": "import subprocess\n\nspawn = subprocess.Popen\n"},
        appears=("app/caller.py", 5, "claude"),
    ),
    # Handled before these searches were recorded, kept: a new call in an existing file.
    "a new caller of a wrapper": Case(
        files={
            "app/proc.py": PROC,
            "app/status.py": "from app.proc import run_process\n\nrun_process(['git'])\n",
            "app/caller.py": "Y = 2\n",
        },
        edits={"app/caller.py": asking("from app.proc import run_process\n", "run_process")},
        appears=("app/caller.py", 5, "claude"),
    ),
}


def make(root: Path, files: dict[str, str]) -> Path:
    (root / "frontier-lint.yaml").write_text("include: ['app/**']\n")
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return root


def run(root: Path, *, use_cache: bool = True) -> Report:
    config = load_config(None, root)
    request = LintRequest(paths=(root / "app",))
    return lint(config, load_catalogue(config.rules), request, use_cache=use_cache)


def outcome(report: Report) -> tuple[list[tuple[str, int, str | None]], list[tuple[str, int]]]:
    return (
        [(f.path, f.line, f.program) for f in report.findings],
        [(u.path, u.line) for u in report.unresolved],
    )


@pytest.mark.parametrize("name", CASES)
def test_an_edit_answering_a_search_by_name_is_seen_by_a_warm_run(
    tmp_path: Path, name: str
) -> None:
    case = CASES[name]
    root = make(tmp_path, case.files)
    before = run(root)
    assert case.appears not in outcome(before)[0]
    for path, text in case.edits.items():
        (root / path).write_text(text)
    cold = run(root, use_cache=False)
    assert case.appears in outcome(cold)[0]
    assert outcome(run(root)) == outcome(cold)
    # Undone: what the edit brought goes again.
    for path, text in case.files.items():
        (root / path).write_text(text)
    assert outcome(run(root)) == outcome(run(root, use_cache=False)) == outcome(before)


def no_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("analysed although no search could be answered differently")

    monkeypatch.setattr(analysis.Analysis, "__init__", boom)


def test_an_edit_answering_no_search_is_answered_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make(tmp_path, {"app/tools.py": ABSTRACT_TOOL, "app/other.py": "X = 1\n"})
    before = run(root)
    # Names the class, derives nothing from it: the subclasses of Tool are as they were.
    (root / "app/other.py").write_text(
        "from app.tools import Tool\n\n\ndef name(t: Tool) -> str:\n    return 'tool'\n"
    )
    no_analysis(monkeypatch)
    assert outcome(run(root)) == outcome(before)


def test_callers_looked_for_before_are_not_analysed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        "app/runner.py": RUNNER + "\n\nRUNNER = Runner()\n",
        "app/caller.py": asking("from app.runner import RUNNER\n", "RUNNER.start"),
        "app/compat.py": "X = 1\n",
    }
    root = make(tmp_path, files)
    before = run(root)
    assert ("app/caller.py", 5, "claude") in outcome(before)[0]
    analysed: list[str] = []
    original = analysis.Analysis.analyse_chunks

    def spy(self: analysis.Analysis, path: str, *args: object, **kwargs: object) -> bool:
        analysed.append(path)
        return original(self, path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(analysis.Analysis, "analyse_chunks", spy)
    # A module importing the class may lead others to its method: its callers are looked
    # for again, and the one whose calls were interpreted before keeps its results.
    (root / "app/compat.py").write_text("from app.runner import Runner  # noqa: F401\n")
    assert outcome(run(root)) == outcome(before)
    assert "app/caller.py" not in analysed


# `Analyzer.unevaluated_stores`: a container stored into in another file where the analysis does
# not evaluate the store reads as holding what is not known; a file that comes to store into
# it leaves the launch reading it unresolved on a warm run as on a cold one.
STORED_INTO = {
    "a class-level registry": (
        src(
            """
            import subprocess


            class Factory:
                _registry = {"git": "git"}

                def start(self, name):
                    subprocess.run([self._registry[name], "--version"])
            """
        ),
        "from app.tables import Factory\n\n\ndef fill(pairs):\n"
        "    for name, program in pairs:\n        Factory._registry[name] = program\n",
    ),
    "a module-level list": (
        src(
            """
            import subprocess

            PROGRAMS = ["git"]


            def run_all():
                for program in PROGRAMS:
                    subprocess.run([program, "--version"])
            """
        ),
        "from app import tables\n\n\ndef add(program):\n    tables.PROGRAMS.append(program)\n",
    ),
    # (Through an alias of the module, not starting its line.)
    "a module-level list through an alias": (
        src(
            """
            import subprocess

            PROGRAMS = ["git"]


            def run_all():
                for program in PROGRAMS:
                    subprocess.run([program, "--version"])
            """
        ),
        "import app.tables as t\n\n\ndef add(program):\n    n = 1; t.PROGRAMS.append(program)\n",
    ),
    # (An instance's own list, stored into by a subclass's method.)
    "an instance's list": (
        src(
            """
            import subprocess


            class Base:
                def __init__(self):
                    self.programs = ["git"]

                def run_all(self):
                    for program in self.programs:
                        subprocess.run([program, "--version"])
            """
        ),
        "from app.tables import Base\n\n\nclass Sub(Base):\n    def add(self, program):\n"
        "        self.programs.append(program)\n",
    ),
    # (Through a local name bound to it: the index lists the file under the list's word.)
    "a module-level list through a local alias": (
        src(
            """
            import subprocess

            PROGRAMS = ["git"]


            def run_all():
                for program in PROGRAMS:
                    subprocess.run([program, "--version"])
            """
        ),
        "from app import tables\n\n\ndef add(program):\n    progs = tables.PROGRAMS\n"
        "    progs.append(program)\n",
    ),
}


@pytest.mark.parametrize("name", STORED_INTO)
def test_a_store_added_in_another_file_is_seen_by_a_warm_run(tmp_path: Path, name: str) -> None:
    tables, storing = STORED_INTO[name]
    root = make(
        tmp_path, {"app/__init__.py": "", "app/tables.py": tables, "app/other.py": "X = 1\n"}
    )
    before = run(root)
    assert outcome(before) == ([], [])
    (root / "app/other.py").write_text(storing)
    cold = run(root, use_cache=False)
    assert len(outcome(cold)[1]) == 1 and outcome(cold)[1][0][0] == "app/tables.py"
    assert outcome(run(root)) == outcome(cold)
    (root / "app/other.py").write_text("X = 1\n")
    assert outcome(run(root)) == outcome(run(root, use_cache=False)) == outcome(before)


# `Analyzer.attr_stored_value`: a module constant, class attribute or instance attribute a
# launch reads, stored from another file (`config.CMD = "codex"`), is found there on a warm run
# as on a cold one, and goes when the store goes.
CONFIG = src(
    """
    import subprocess

    CMD = "git"


    class Config:
        BIN = "git"


    class Runner:
        def __init__(self):
            self.bin = "git"

        def run(self):
            subprocess.run([self.bin])


    def run_cmd():
        subprocess.run([CMD])


    def run_bin():
        subprocess.run([Config.BIN])
    """
)
ATTR_STORED = {
    "a module constant": ("from app import config\n\nconfig.CMD = 'codex'\n", 19),
    "a setattr of a module constant": (
        "from app import config\n\nsetattr(config, 'CMD', 'codex')\n",
        19,
    ),
    "a class attribute": ("from app.config import Config\n\nConfig.BIN = 'codex'\n", 23),
    "an instance attribute": (
        "from app.config import Runner\n\n\ndef go():\n    r = Runner()\n    r.bin = 'codex'\n",
        15,
    ),
    "a module constant through an alias": ("import app.config as c\n\nc.CMD = 'codex'\n", 19),
    "a class attribute through an alias": (
        "from app.config import Config as C\n\nC.BIN = 'codex'\n",
        23,
    ),
    "a module constant after a block header": (
        "import os\n\nfrom app import config\n\nif os.environ.get('X'): config.CMD = 'codex'\n",
        19,
    ),
    "a module constant continued over lines": (
        "from app import config\n\nconfig.CMD = (\n    'codex'\n)\n",
        19,
    ),
    "a module constant through a local alias": (
        "from app import config\n\ncfg = config\ncfg.CMD = 'codex'\n",
        19,
    ),
    "a module constant in a tuple target": (
        "from app import config\n\nconfig.CMD, x = 'codex', 1\n",
        19,
    ),
}


@pytest.mark.parametrize("name", ATTR_STORED)
def test_an_attribute_stored_in_another_file_is_seen_by_a_warm_run(
    tmp_path: Path, name: str
) -> None:
    storing, line = ATTR_STORED[name]
    root = make(
        tmp_path, {"app/__init__.py": "", "app/config.py": CONFIG, "app/other.py": "X = 1\n"}
    )
    before = run(root)
    assert outcome(before) == ([], [])
    (root / "app/other.py").write_text(storing)
    cold = run(root, use_cache=False)
    assert outcome(cold)[0] == [("app/config.py", line, "codex")]
    assert outcome(run(root)) == outcome(cold)
    (root / "app/other.py").write_text("X = 1\n")
    assert outcome(run(root)) == outcome(run(root, use_cache=False)) == outcome(before)


def test_a_changed_file_naming_stored_words_without_storing_them_asks_no_pattern(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed file that names the attributes a cached result looked for the stores of,
    but stores none of them (the text index lists it under none of their words, and the
    analysis reads only the files it lists), answers none of those searches: told from the
    file's index words, without each name's own pattern (compiled once per name: most of the
    time a warm run spent on this question on the planted corpus)."""
    root = make(
        tmp_path, {"app/__init__.py": "", "app/config.py": CONFIG, "app/other.py": "X = 1\n"}
    )
    before = run(root)
    (root / "app/other.py").write_text(
        "from app import config\n\n\ndef show(r):\n"
        "    return [config.CMD, config.Config.BIN, r.bin == 'x']\n"
    )
    compiled: dict[bytes, object] = {}
    monkeypatch.setattr(searches, "_ATTR_STORES", compiled)
    warm = run(root)
    assert not {b"CMD", b"BIN", b"bin"} & compiled.keys()  # (on main: all three compiled)
    assert outcome(warm) == outcome(run(root, use_cache=False)) == outcome(before)


# `Analyzer.attr_stored_value` of a library value (`import shlex` read as `shlex`, a class's
# `runner = print`): only a sink stored by name from outside (`client.runner = subprocess.Popen`)
# adds to it, so its readers record `SearchKind.ATTR_SINK_STORES`, which a store of another
# value does not answer (an edit adding `x: dict[str, t.Any] = {}` made every reader of a
# library `Any` stale: 8 files re-analysed after a one-file edit of the planted corpus).
def test_a_store_of_another_value_leaves_a_library_value_read_answered_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = 'import shlex\nimport subprocess\n\n\ndef status():\n    subprocess.run(shlex.split("git status"))\n'
    root = make(tmp_path, {"app/__init__.py": "", "app/tools.py": tools, "app/other.py": "X = 1\n"})
    before = run(root)
    # Stores of the word `shlex` by text, none of a dotted name: `shlex` as `tools` reads it
    # (the module) cannot become a sink through them.
    (root / "app/other.py").write_text(
        "import typing as t\n\n\ndef f(h):\n    h.shlex = {}\n    h.shlex += 1\n"
        "    x: dict[str, t.shlex] = {}\n    return x\n"
    )
    no_analysis(monkeypatch)
    assert outcome(run(root)) == outcome(before) == ([], [])


@pytest.mark.parametrize(
    ("text", "answered"),
    [
        ("c.runner = subprocess.Popen\n", True),
        ("c.runner = Popen\n", True),
        ("C.runner = staticmethod(sp.run)\n", True),
        ("a = c.runner = sp.run\n", True),
        ('setattr(c, "runner", sp.run)\n', True),
        ("c.runner, x = sp.run, 1\n", True),
        ("c.runner = (\n    sp.run\n)\n", True),
        ("x: dict[str, t.runner] = {}\n", False),
        ("c.runner = 'git'\n", False),
        ("c.runner = make()\n", False),
        ("c.runner += 1\n", False),
        ("# c.runner = sp.run\n", False),
    ],
)
def test_a_sink_store_search_is_answered_by_a_store_of_a_dotted_name(
    text: str, answered: bool
) -> None:
    search = searches.Search(searches.SearchKind.ATTR_SINK_STORES, "runner")
    assert searches.answers(search, text.encode()) is answered
    # (Every such store is also one `ATTR_STORES` finds by text.)
    if answered:
        plain = searches.Search(searches.SearchKind.ATTR_STORES, "runner")
        assert searches.answers(plain, text.encode())


@pytest.mark.parametrize(
    ("text", "answered"),
    [
        ("c.bin = 'codex'\n", True),
        ("c.bin = make()\n", True),
        ("c.bin += 'x'\n", True),
        ("a = c.bin = 'codex'\n", True),
        ("c.bin, x = 'codex', 1\n", True),
        ('setattr(c, "bin", "codex")\n', True),
        ("if ready: c.bin = 'codex'\n", True),
        ("c.bin = (\n    'codex'\n)\n", True),
        # A line that does not parse is read as an unknown store by the analysis: it answers.
        ("c.bin = 'codex' +\n", True),
        ("x: dict[str, t.bin] = {}\n", False),
        ("ok = c.bin == 'codex'\n", False),
        ("# c.bin = 'codex'\n", False),
        ('"""c.bin = \'codex\'"""\n', False),
    ],
)
def test_an_attribute_store_search_is_answered_by_what_the_analysis_reads_as_one(
    text: str, answered: bool
) -> None:
    # The analysis reads a store's line on CPython's tree (`Analyzer._attr_store_value`) and
    # drops one holding no such store; a file holding only such lines answers nothing.
    search = searches.Search(searches.SearchKind.ATTR_STORES, "bin")
    assert searches.answers(search, text.encode()) is answered


def test_an_edit_of_a_file_whose_attribute_lines_store_nothing_is_answered_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `self.bin = bin` (a constructor's argument) reads the stores of `bin` from outside the
    # class; a file annotating `t.bin` holds none, before or after its edit.
    cfg = src(
        """
        import subprocess


        class Cfg:
            def __init__(self, bin):
                self.bin = bin


        def go():
            c = Cfg("git")
            subprocess.run([c.bin, "status"])
        """
    )
    other = "import typing as t\n\nx: dict[str, t.bin] = {}\n"
    root = make(tmp_path, {"app/__init__.py": "", "app/cfg.py": cfg, "app/other.py": other})
    before = run(root)
    (root / "app/other.py").write_text(other + "\n\ndef f():\n    return 1\n")
    no_analysis(monkeypatch)
    assert outcome(run(root)) == outcome(before) == ([], [])


# A launcher stored from another file on a library-valued attribute (`tools.runner =
# subprocess.Popen` where `tools` holds `runner = shlex.split`): the readers record
# `SearchKind.ATTR_SINK_STORES`, which the store's edit answers. The call is a finding while the
# store stands, not once it is edited away, and again once it is back, warm as cold.
SINK_STORED = {
    "on a module's global, called in the module": (
        {
            "app/tools.py": "import shlex\n\nrunner = shlex.split\n\n\ndef go():\n"
            "    runner(['codex', 'exec'])\n"
        },
        "from app import tools\n\ntools.runner = subprocess.Popen\n",
        ("app/tools.py", 7, "codex"),
    ),
    "on a module's global, called in another file": (
        {
            "app/tools.py": "import shlex\n\nrunner = shlex.split\n",
            "app/caller.py": "from app import tools\n\n\ndef go():\n    tools.runner(['codex'])\n",
        },
        "import app.tools as t\n\n\ndef install():\n    t.runner = subprocess.Popen\n",
        ("app/caller.py", 5, "codex"),
    ),
    "on a class attribute": (
        {
            "app/tools.py": "import shlex\n\n\nclass Client:\n    runner = shlex.split\n\n"
            "    def go(self):\n        self.runner(['codex'])\n",
        },
        "from app.tools import Client\n\nClient.runner = subprocess.Popen\n",
        ("app/tools.py", 8, "codex"),
    ),
}


@pytest.mark.parametrize("name", SINK_STORED)
def test_a_sink_stored_on_a_library_valued_attribute_in_another_file_warm_equals_cold(
    tmp_path: Path, name: str
) -> None:
    files, store, appears = SINK_STORED[name]
    storing = "import subprocess\n\n" + store
    root = make(tmp_path, {"app/__init__.py": "", **files, "app/setup.py": storing})
    before = run(root)
    assert outcome(before) == outcome(run(root, use_cache=False))
    assert outcome(before)[0] == [appears]
    (root / "app/setup.py").write_text("import subprocess\n\nX = 1\n")  # the store edited away
    cold = run(root, use_cache=False)
    assert outcome(cold) == ([], [])
    assert outcome(run(root)) == outcome(cold)
    (root / "app/setup.py").write_text(storing)  # and back
    assert outcome(run(root)) == outcome(run(root, use_cache=False)) == outcome(before)

"""A value used only as text (a `%` format's operands, an f-string's parts) is forced without
what a reference inside it holds (`Frame.force_text`): no reference reads as text. An
instance's constructor argument reading `self.galaxy` is not computed, so the method storing
it is not summarised for it; a read that is the text itself still is. (A reference's parts
were walked into only beside another deferred part, `role.name` here: `has_lazy` does not look
into references.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from frontier_lint.dataflow.analyzer import Analyzer
from frontier_lint.dataflow.ids import FuncId
from frontier_lint.frontend.project import Project
from frontier_lint.settings.catalogue import load_catalogue

CODE = """\
import subprocess


def make():
    return subprocess.check_output(["git", "config", "user.name"]).decode()


def log(msg):
    pass


class Role:
    def __init__(self, galaxy, name):
        self.galaxy = galaxy
        self.name = name


class Cli:
    def run(self):
        self.galaxy = make()

    def install(self, name):
        role = Role(self.galaxy, name)
        log(USE)
"""


def _analyse(use: str) -> Analyzer:
    files = {"m.py": CODE.replace("USE", use)}
    analyzer = Analyzer(Project(Path("/nonexistent"), files, overrides=files), load_catalogue())
    func = analyzer.funcdef(FuncId("m.py", "Cli.install"))
    assert func is not None
    analyzer.summary(func)
    return analyzer


@pytest.mark.parametrize(
    "use",
    [
        '"- %s (%s)" % (role, role.name)',
        '"- %s" % ([role, role.name],)',
        '"- %(r)s %(n)s" % {"r": role, "n": role.name}',
        'f"- {[role, role.name]}"',
    ],
)
def test_a_reference_formatted_is_not_forced_inside(use: str) -> None:
    analyzer = _analyse(use)
    assert FuncId("m.py", "Cli.run") not in analyzer.summaries


@pytest.mark.parametrize(
    "use",
    [
        '"- %s" % (self.galaxy,)',
        'f"- {self.galaxy}"',
        '"- %s" % (role.galaxy,)',
        '"- " + str([role][0].galaxy)',
    ],
)
def test_a_read_that_is_the_text_is_forced(use: str) -> None:
    analyzer = _analyse(use)
    assert FuncId("m.py", "Cli.run") in analyzer.summaries

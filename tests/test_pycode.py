"""The gate on Python code given as text (`python -c CODE`): whether it names a sink."""

from __future__ import annotations

import pytest

from frontier_lint.matching.pycode import may_launch_code
from frontier_lint.matching.words import HOLE
from frontier_lint.settings.catalogue import load_catalogue

SINKS = frozenset(load_catalogue().launch_names)


@pytest.mark.parametrize(
    "code",
    [
        "import subprocess; subprocess.run(['codex'])",
        "import os\nos.system('x')",
        "from subprocess import run as r; r(['x'])",
        "from subprocess import *",
        "import subprocess as sp; f = sp.Popen",  # stored, not called
        "import subprocess as sp; helper(sp)",  # the module handed on
        "__import__('os').system('codex')",
        "import importlib; importlib.import_module('subprocess')",
        "import importlib; importlib.import_module(name)",
        "import os; getattr(os, 'sys' + 'tem')('x')",
        "import os; vars(os)[key]('x')",
        "import sys; sys.modules[key].run(['x'])",
        "import asyncio; asyncio.get_event_loop().subprocess_exec(P, 'codex')",
        "import sh; sh.codex()",  # every name under `sh` launches
        f"import {HOLE}; {HOLE}.run(x)",  # a module not known
        f"{HOLE}(['codex'])",  # a function not known
        f"import subprocess; subprocess.run({HOLE}",  # not readable once filled in: anything
    ],
)
def test_code_naming_a_sink_may_launch(code: str) -> None:
    assert may_launch_code(code, SINKS)


@pytest.mark.parametrize(
    "code",
    [
        "import sys; print(sys.version)",
        "import os, platform; print(os.name, platform.system())",  # not os.system
        "import subprocess; print(subprocess.PIPE)",
        "import json, sys; json.dump(dict(a=1), sys.stdout)",
        # lookups by name of what is no sink (poetry's environment scripts)
        "import sys; base = getattr(sys, 'base_prefix', sys.prefix)",
        "import importlib; importlib.import_module('json')",
        "import sys; sys.modules['json'].dumps(1)",
        "import importlib.util, sys\nspec = importlib.util.spec_from_file_location('p', 'x')\n"
        "sys.modules[spec.name] = m\nspec.loader.exec_module(m)",
        f"print({HOLE})",
        "def (",  # Python refuses it: nothing runs
        "",
    ],
)
def test_code_naming_no_sink_starts_nothing(code: str) -> None:
    assert not may_launch_code(code, SINKS)

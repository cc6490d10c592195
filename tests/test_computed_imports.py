"""The byte gate's reading of modules imported by a computed name (`scan.computed`): which
such imports let a file in, and that every bound of the reading counts as "any module"."""

from __future__ import annotations

import pytest

from frontier_lint.scan.computed import _pieces, computed_sink_imports, sink_paths
from frontier_lint.settings.catalogue import load_catalogue

PATHS = sink_paths(load_catalogue().launch_names)


def _counted(src: str) -> bool:
    return bool(computed_sink_imports(src, PATHS))


@pytest.mark.parametrize(
    "src",
    [
        'importlib.import_module("sub" + "process").run(argv)',
        'importlib.import_module(f"{x}process").Popen(argv)',
        'importlib.import_module("%sprocess" % x).call(argv)',
        'importlib.import_module("{}process".format(x)).check_output(argv)',
        'import_module(name="o" + "s").system(line)',
        '__import__(f"asyncio.{x}").subprocess.create_subprocess_exec(p)',
        "m = importlib.import_module(name)\nm.run(argv)\n",
        "self._mod = import_module(name)\n\ndef go(self):\n    self._mod.spawn(argv)\n",
        "getattr(importlib.import_module(name), attr)(argv)",
        'run = getattr(import_module(name), "run")',
        "vars(import_module(name))[key](argv)",
        "from importlib import import_module as load\nload(x).run(argv)\n",
        "imp = __import__\nimp(x).system(line)\n",
        # A shape not read is any module: a conditional, `or`, a call.
        'import_module("app.x" if flag else name).run(argv)',
        'import_module(os.environ.get("M") or "json").run(argv)',
        'import_module(".".join(parts)).run(argv)',
        # An argument longer than the reading's bound: any module.
        "import_module(" + "x + " * 600 + "y).run(argv)",
    ],
)
def test_counted(src: str) -> None:
    assert _counted(src)


@pytest.mark.parametrize(
    "src",
    [
        # The name cannot spell a module holding a sink.
        'importlib.import_module(f"app.plugins.{name}").run(argv)',
        'importlib.import_module("json" + suffix).run(argv)',
        '__import__("pygments.lexers." + name).run(argv)',
        # Nothing named like a sink is read from the module.
        "mod = importlib.import_module(name)\nmod.setup(app)\n",
        "return getattr(import_module(path), cls)",
        "cls = getattr(__import__(m, fromlist=[n]), n)\nreturn cls()\n",
        # A literal name: the resolver reads it as `import` (the gate's other scans see it).
        'importlib.import_module("subprocess").run(argv)',
        # Not the library's function.
        "self.import_module(name).run(argv)",
        "do_import_module(name).run(argv)",
    ],
)
def test_not_counted(src: str) -> None:
    assert not _counted(src)


def test_pieces() -> None:
    hole = None
    assert _pieces('"sub" + x') == ["sub", hole]
    assert _pieces('f"{pkg}.plugins.{name}"') == ["", hole, ".plugins.", hole, ""]
    assert _pieces('"%s.%s" % (a, b)') == ["", hole, ".", hole, ""]
    assert _pieces('"subprocess"') is None
    assert _pieces("a or b") == [hole]


def test_fstring_field_not_read_is_a_hole() -> None:
    """An f-string field this reading cannot close (a quote inside, Python 3.12) is a stretch
    not known, not literal text that no sink module holds."""
    assert _counted('importlib.import_module(f"{d["k"]}process").run(argv)')

"""The language-feature battery: one tiny project per case, each starting a forbidden program
(or, for a `VALID` case, an allowed one) through one Python language feature, library call or
launcher. `tests/test_language_battery.py` checks each case's verdict against `EXPECTED`.

Verdicts: "found" (a finding names a forbidden program), "FL200" (unresolved, fail closed) or
"CLEAN". A CLEAN case that is not `VALID` is a known gap, with its note in `GAPS`."""

from __future__ import annotations

from textwrap import dedent as d

CASES: dict[str, dict[str, str]] = {}
C = CASES


def case(name: str, main: str | None = None, **files: str) -> None:
    """A case: `main` is app/main.py; other files by keyword (`app__config_DOT_py`)."""
    fs: dict[str, str] = {}
    if main is not None:
        fs["app/main.py"] = d(main)
    for k, v in files.items():
        k = k.replace("____init___DOT_py", "/__init__.py").replace("_DOT_", ".")
        fs[k.replace("__", "/").replace("/init/", "__init__")] = d(v)
    assert name not in C, f"case {name} is defined twice"
    C[name] = fs


# Runner modules shared by the receiver cases (methods of parameters, `__call__`).
ABSTRACT_RUNNERS = """
import abc, subprocess
class BaseRunner(abc.ABC):
    @abc.abstractmethod
    def run(self, argv): ...
class Local(BaseRunner):
    def run(self, argv):
        subprocess.run(argv)
class Quiet(BaseRunner):
    def run(self, argv):
        pass
def make(x):
    return Local() if x else Quiet()
"""
CALLED_RUNNER = """
import subprocess
class Runner:
    def __init__(self, cfg=None):
        self.cfg = cfg
    def __call__(self, argv):
        subprocess.run(argv)
def other():
    Runner().__call__(["git"])
"""


# ---- aliases / imports
case(
    "alias_from_as",
    """
from subprocess import run as r
def go():
    r(["codex", "exec"])
""",
)
case(
    "alias_module_var",
    """
import subprocess
sp = subprocess
def go():
    sp.run(["codex"])
""",
)
case(
    "alias_module_as",
    """
import subprocess as sp
sp.Popen(["codex"])
""",
)
case(
    "getattr_module",
    """
import subprocess
def go():
    getattr(subprocess, "run")(["codex"])
""",
)
case(
    "getattr_module_var",
    """
import subprocess
f = getattr(subprocess, "Popen")
f(["codex"])
""",
)
case(
    "importlib",
    """
import importlib
sp = importlib.import_module("subprocess")
sp.run(["codex"])
""",
)
case(
    "importlib_os",
    """
import importlib
os_ = importlib.import_module("os")
os_.system("codex exec")
""",
)
case(
    "dunder_import",
    """
sp = __import__("subprocess")
sp.run(["codex"])
""",
)
case(
    "dunder_import_inline",
    """
__import__("subprocess").run(["codex"])
""",
)
case(
    "dunder_import_os",
    """
__import__("os").system("codex")
""",
)
case(
    "local_import_in_func",
    """
def go():
    import subprocess
    subprocess.run(["codex"])
""",
)
case(
    "local_from_import_in_func",
    """
def go():
    from subprocess import check_output as co
    return co(["codex"])
""",
)
case(
    "sink_local_var",
    """
import subprocess
def go():
    f = subprocess.run
    f(["codex"])
""",
)
case(
    "sink_tuple_unpack",
    """
import subprocess
def go():
    f, g = subprocess.run, subprocess.call
    g(["codex"])
""",
)
case(
    "sink_in_dict",
    """
import subprocess
RUNNERS = {"a": subprocess.run}
def go():
    RUNNERS["a"](["codex"])
""",
)
case(
    "sink_in_list",
    """
import subprocess
RUNNERS = [subprocess.run]
def go():
    RUNNERS[0](["codex"])
""",
)
case(
    "sink_returned",
    """
import subprocess
def runner():
    return subprocess.run
def go():
    runner()(["codex"])
""",
)
case(
    "sink_as_param",
    """
import subprocess
def call(fn, argv):
    return fn(argv)
def go():
    call(subprocess.run, ["codex"])
""",
)
case(
    "sink_as_default_param",
    """
import subprocess
def call(argv, fn=subprocess.run):
    return fn(argv)
call(["codex"])
""",
)
case(
    "try_import_fallback",
    """
try:
    import subprocess32 as subprocess
except ImportError:
    import subprocess
subprocess.run(["codex"])
""",
)
case(
    "type_checking",
    """
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    pass
import subprocess
subprocess.run(["codex"])
""",
)
case(
    "os_alias_from",
    """
from os import system as sh
sh("codex exec")
""",
)
case(
    "os_module_import_as",
    """
import os.path
os.system("codex")
""",
)
case(
    "sys_modules",
    """
import sys, subprocess
sys.modules["subprocess"].run(["codex"])
""",
)
case(
    "vars_module",
    """
import subprocess
vars(subprocess)["run"](["codex"])
""",
)
case(
    "subprocess_dict",
    """
import subprocess
subprocess.__dict__["run"](["codex"])
""",
)
# ---- callables
case(
    "partial",
    """
import functools, subprocess
run = functools.partial(subprocess.run, check=True)
run(["codex"])
""",
)
case(
    "partial_with_argv",
    """
import functools, subprocess
run = functools.partial(subprocess.run, ["codex"])
run()
""",
)
case(
    "partial_from_import",
    """
from functools import partial
import subprocess
p = partial(subprocess.Popen, stdout=-1)
def go():
    p(["claude", "-p"])
""",
)
case(
    "lambda_local",
    """
import subprocess
def go():
    r = lambda a: subprocess.run(a)
    r(["codex"])
""",
)
case(
    "lambda_module",
    """
import subprocess
R = lambda a: subprocess.run(a)
def go():
    R(["codex"])
""",
)
case(
    "lambda_returns_argv",
    """
import subprocess
B = lambda: ["codex", "exec"]
subprocess.run(B())
""",
)
case(
    "decorator_wrapper",
    """
import subprocess, functools
def deco(fn):
    @functools.wraps(fn)
    def inner(*a, **k):
        return fn(*a, **k)
    return inner
@deco
def run(argv):
    return subprocess.run(argv)
run(["codex"])
""",
)
case(
    "decorator_builder",
    """
import subprocess, functools
def deco(fn):
    @functools.wraps(fn)
    def inner(*a, **k):
        return fn(*a, **k)
    return inner
@deco
def build():
    return ["codex"]
subprocess.run(build())
""",
)
case(
    "lru_cache_builder",
    """
import subprocess, functools
@functools.lru_cache
def build():
    return ["codex"]
subprocess.run(build())
""",
)
case(
    "dunder_call",
    """
import subprocess
class R:
    def __call__(self, argv):
        return subprocess.run(argv)
r = R()
r(["codex"])
""",
)
case(
    "dunder_call_local",
    """
import subprocess
class R:
    def __call__(self, argv):
        return subprocess.run(argv)
def go():
    R()(["codex"])
""",
)
case(
    "dunder_call_local_git_too",
    """
import subprocess
class R:
    def __call__(self, argv):
        return subprocess.run(argv)
def go():
    R()(["codex"])
def other():
    R().__call__(["git"])
""",
)
case(
    "VALID_dunder_call_local_git_too",
    """
import subprocess
class R:
    def __call__(self, argv):
        return subprocess.run(argv)
def go():
    R()(["git", "log"])
def other():
    R().__call__(["git"])
""",
)
case(
    "dunder_call_self_attribute_git_too",
    None,
    app__runner_DOT_py=CALLED_RUNNER,
    app__svc_DOT_py="""
from app import runner
class Svc:
    def __init__(self):
        self.run_it = runner.Runner(cfg=1)
    def go(self):
        self.run_it(["codex", "exec"])
""",
    app____init___DOT_py="",
)
case(
    "VALID_dunder_call_self_attribute_git_too",
    None,
    app__runner_DOT_py=CALLED_RUNNER,
    app__svc_DOT_py="""
from app import runner
class Svc:
    def __init__(self):
        self.run_it = runner.Runner(cfg=1)
    def go(self):
        self.run_it(["git", "log"])
""",
    app____init___DOT_py="",
)
case(
    "dunder_call_param_git_too",
    """
import subprocess
class R:
    def __call__(self, argv):
        return subprocess.run(argv)
def use(r):
    r(["codex"])
def go():
    use(R())
def other():
    R().__call__(["git"])
""",
)
case(
    "singleton_new_attribute",
    """
import subprocess
class Single:
    _instance = None
    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance.cmd = "codex"
        return cls._instance
def go():
    subprocess.run([Single().cmd, "exec"])
""",
)
case(
    "VALID_singleton_new_attribute",
    """
import subprocess
class Single:
    _instance = None
    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance.cmd = "git"
        return cls._instance
def go():
    subprocess.run([Single().cmd, "log"])
""",
)
case(
    "property_argv",
    """
import subprocess
class C:
    @property
    def argv(self):
        return ["codex"]
def go():
    subprocess.run(C().argv)
""",
)
case(
    "cached_property_argv",
    """
import subprocess, functools
class C:
    @functools.cached_property
    def argv(self):
        return ["codex"]
def go():
    subprocess.run(C().argv)
""",
)
case(
    "staticmethod",
    """
import subprocess
class C:
    @staticmethod
    def build():
        return ["codex"]
subprocess.run(C.build())
""",
)
case(
    "classmethod",
    """
import subprocess
class C:
    BIN = "codex"
    @classmethod
    def build(cls):
        return [cls.BIN]
subprocess.run(C.build())
""",
)
case(
    "classmethod_subclass",
    """
import subprocess
class B:
    BIN = "git"
    @classmethod
    def run(cls):
        subprocess.run([cls.BIN])
class C(B):
    BIN = "codex"
C.run()
""",
)
case(
    "inherited_method",
    """
import subprocess
class B:
    def run(self, argv):
        subprocess.run(argv)
class C(B):
    pass
C().run(["codex"])
""",
)
case(
    "super_init_program",
    """
import subprocess
class B:
    def __init__(self, program):
        self.program = program
    def run(self):
        subprocess.run([self.program])
class C(B):
    def __init__(self):
        super().__init__(program="codex")
C().run()
""",
)
case(
    "mixin",
    """
import subprocess
class RunMixin:
    def run(self):
        subprocess.run([self.BIN, "exec"])
class Tool:
    pass
class Codex(RunMixin, Tool):
    BIN = "codex"
Codex().run()
""",
)
case(
    "type_self_attr",
    """
import subprocess
class C:
    BIN = "codex"
    def run(self):
        subprocess.run([type(self).BIN])
C().run()
""",
)
case(
    "self_class_attr",
    """
import subprocess
class C:
    BIN = "codex"
    def run(self):
        subprocess.run([self.__class__.BIN])
C().run()
""",
)
case(
    "class_attr_direct",
    """
import subprocess
class C:
    BIN = "codex"
subprocess.run([C.BIN])
""",
)
case(
    "instance_attr_set_outside",
    """
import subprocess
class C:
    def __init__(self):
        self.bin = "git"
    def run(self):
        subprocess.run([self.bin])
c = C()
c.bin = "codex"
c.run()
""",
)
case(
    "class_attr_set_outside",
    """
import subprocess
class C:
    BIN = "git"
    def run(self):
        subprocess.run([self.BIN])
C.BIN = "codex"
C().run()
""",
)
case(
    "setattr_class",
    """
import subprocess
class C:
    BIN = "git"
setattr(C, "BIN", "codex")
subprocess.run([C.BIN])
""",
)
case(
    "setattr_self",
    """
import subprocess
class C:
    def __init__(self):
        setattr(self, "bin", "codex")
    def run(self):
        subprocess.run([self.bin])
C().run()
""",
)
case(
    "getattr_self_fstring",
    """
import subprocess
class C:
    def run_codex(self):
        subprocess.run(["codex"])
    def go(self, name):
        getattr(self, f"run_{name}")()
""",
)
case(
    "getattr_self_dispatch_param",
    """
import subprocess
class C:
    def run_tool(self, argv):
        subprocess.run(argv)
    def go(self, name):
        getattr(self, f"run_{name}")(["codex"])
""",
)
case(
    "dict_dispatch",
    """
import subprocess
def run_codex():
    return ["codex"]
HANDLERS = {"codex": run_codex}
def go(k):
    subprocess.run(HANDLERS[k]())
""",
)
case(
    "dict_dispatch_wrapper",
    """
import subprocess
def launch(argv):
    subprocess.run(argv)
HANDLERS = {"x": launch}
def go(k):
    HANDLERS[k](["codex"])
""",
)
case(
    "dict_dispatch_get",
    """
import subprocess
def launch(argv):
    subprocess.run(argv)
HANDLERS = {"x": launch}
def go(k):
    HANDLERS.get(k)(["codex"])
""",
)
case(
    "list_of_funcs_loop",
    """
import subprocess
def launch(argv):
    subprocess.run(argv)
def go():
    for f in [launch]:
        f(["codex"])
""",
)
# ---- data classes / enums
case(
    "dataclass_field",
    """
import subprocess
from dataclasses import dataclass
@dataclass
class Cfg:
    bin: str = "codex"
subprocess.run([Cfg().bin])
""",
)
case(
    "namedtuple",
    """
import subprocess
from typing import NamedTuple
class Cfg(NamedTuple):
    bin: str = "codex"
subprocess.run([Cfg().bin])
""",
)
case(
    "namedtuple_collections",
    """
import subprocess, collections
Cfg = collections.namedtuple("Cfg", ["bin"])
c = Cfg("codex")
subprocess.run([c.bin])
""",
)
case(
    "namedtuple_index",
    """
import subprocess
from typing import NamedTuple
class Cfg(NamedTuple):
    bin: str
c = Cfg("codex")
subprocess.run([c[0]])
""",
)
case(
    "typeddict",
    """
import subprocess
from typing import TypedDict
class Cfg(TypedDict):
    bin: str
c: Cfg = {"bin": "codex"}
subprocess.run([c["bin"]])
""",
)
case(
    "typeddict_call",
    """
import subprocess
from typing import TypedDict
class Cfg(TypedDict):
    bin: str
c = Cfg(bin="codex")
subprocess.run([c["bin"]])
""",
)
case(
    "enum_value",
    """
import subprocess, enum
class Cli(enum.Enum):
    CODEX = "codex"
subprocess.run([Cli.CODEX.value])
""",
)
case(
    "enum_name_lower",
    """
import subprocess, enum
class Cli(enum.Enum):
    CODEX = 1
subprocess.run([Cli.CODEX.name.lower()])
""",
)
case(
    "str_enum",
    """
import subprocess, enum
class Cli(str, enum.Enum):
    CODEX = "codex"
subprocess.run([Cli.CODEX])
""",
)
case(
    "strenum",
    """
import subprocess, enum
class Cli(enum.StrEnum):
    CODEX = "codex"
subprocess.run([Cli.CODEX])
""",
)
case(
    "strenum_auto",
    """
import subprocess, enum
class Cli(enum.StrEnum):
    CODEX = enum.auto()
subprocess.run([Cli.CODEX])
""",
)
case(
    "enum_lookup",
    """
import subprocess, enum
class Cli(enum.Enum):
    CODEX = "codex"
subprocess.run([Cli("codex").value])
""",
)
case(
    "enum_item",
    """
import subprocess, enum
class Cli(enum.Enum):
    CODEX = "codex"
subprocess.run([Cli["CODEX"].value])
""",
)
case(
    "enum_iter",
    """
import subprocess, enum
class Cli(enum.Enum):
    CODEX = "codex"
def go():
    for c in Cli:
        subprocess.run([c.value])
""",
)
case(
    "enum_fstring",
    """
import subprocess, enum
class Cli(str, enum.Enum):
    CODEX = "codex"
subprocess.run(f"{Cli.CODEX.value} exec", shell=True)
""",
)
# ---- strings
case(
    "str_split",
    """
import subprocess
subprocess.run("codex exec".split())
""",
)
case(
    "str_join",
    """
import subprocess
subprocess.run(" ".join(["codex", "exec"]), shell=True)
""",
)
case(
    "str_format",
    """
import subprocess
subprocess.run("{} exec".format("codex"), shell=True)
""",
)
case(
    "str_format_kw",
    """
import subprocess
subprocess.run("{b} exec".format(b="codex"), shell=True)
""",
)
case(
    "str_percent",
    """
import subprocess
subprocess.run("%s exec" % "codex", shell=True)
""",
)
case(
    "str_percent_dict",
    """
import subprocess
subprocess.run("%(b)s exec" % {"b": "codex"}, shell=True)
""",
)
case(
    "str_replace",
    """
import subprocess
subprocess.run(["XX".replace("XX", "codex")])
""",
)
case(
    "str_lower",
    """
import subprocess
subprocess.run(["CODEX".lower()])
""",
)
case(
    "str_upper_then_lower",
    """
import subprocess
subprocess.run(["Codex".casefold()])
""",
)
case(
    "str_strip",
    """
import subprocess
subprocess.run(["  codex\\n".strip()])
""",
)
case(
    "str_slice",
    """
import subprocess
subprocess.run(["xcodex"[1:]])
""",
)
case(
    "str_concat",
    """
import subprocess
subprocess.run(["co" + "dex"])
""",
)
case(
    "str_mult",
    """
import subprocess
subprocess.run(["co" + "d" * 1 + "ex"])
""",
)
case(
    "str_concat_implicit",
    """
import subprocess
subprocess.run(["co" "dex"])
""",
)
case(
    "str_fstring_nested",
    """
import subprocess
a = "co"
subprocess.run([f"{a}{'dex'}"])
""",
)
case(
    "str_chr",
    """
import subprocess
subprocess.run(["".join(chr(c) for c in [99, 111, 100, 101, 120])])
""",
)
case(
    "str_reversed",
    """
import subprocess
subprocess.run(["".join(reversed("xedoc"))])
""",
)
case(
    "str_removeprefix",
    """
import subprocess
subprocess.run(["npx-codex".removeprefix("npx-")])
""",
)
case(
    "str_partition",
    """
import subprocess
subprocess.run(["codex exec".partition(" ")[0]])
""",
)
case(
    "str_rsplit",
    """
import subprocess
subprocess.run(["/usr/bin/codex".rsplit("/", 1)[-1]])
""",
)
case(
    "str_splitlines",
    """
import subprocess
subprocess.run("codex\\nexec".splitlines())
""",
)
case(
    "str_title",
    """
import subprocess
subprocess.run(["codex".strip().lower()])
""",
)
case(
    "str_center",
    """
import subprocess
subprocess.run(["codex".ljust(5)])
""",
)
case(
    "str_translate",
    """
import subprocess
subprocess.run(["cXdex".translate(str.maketrans("X", "o"))])
""",
)
case(
    "str_str_call",
    """
import subprocess
subprocess.run([str("codex")])
""",
)
case(
    "str_format_map",
    """
import subprocess
subprocess.run("{b} exec".format_map({"b": "codex"}), shell=True)
""",
)
case(
    "bytes_argv",
    """
import subprocess
subprocess.run([b"codex"])
""",
)
case(
    "bytes_decode",
    """
import subprocess
subprocess.run([b"codex".decode()])
""",
)
case(
    "str_encode",
    """
import subprocess
subprocess.run(["codex".encode()])
""",
)
case(
    "fsencode",
    """
import os, subprocess
subprocess.run([os.fsencode("codex")])
""",
)
case(
    "fsdecode",
    """
import os, subprocess
subprocess.run([os.fsdecode(b"codex")])
""",
)
case(
    "shlex_split",
    """
import shlex, subprocess
subprocess.run(shlex.split("codex exec -p hi"))
""",
)
case(
    "shlex_join",
    """
import shlex, subprocess
subprocess.run(shlex.join(["codex", "exec"]), shell=True)
""",
)
case(
    "shlex_quote",
    """
import shlex, subprocess
subprocess.run(shlex.quote("codex") + " exec", shell=True)
""",
)
case(
    "pathlib_path",
    """
import pathlib, subprocess
subprocess.run([pathlib.Path("/usr/bin/codex")])
""",
)
case(
    "pathlib_div",
    """
import subprocess
from pathlib import Path
subprocess.run([Path.home() / ".local" / "bin" / "codex"])
""",
)
case(
    "pathlib_str",
    """
import subprocess
from pathlib import Path
subprocess.run([str(Path("/opt") / "codex")])
""",
)
case(
    "pathlib_joinpath",
    """
import subprocess
from pathlib import Path
subprocess.run([Path("/opt").joinpath("codex")])
""",
)
case(
    "pathlib_with_name",
    """
import subprocess
from pathlib import Path
subprocess.run([Path("/opt/x").with_name("codex")])
""",
)
case(
    "os_path_join",
    """
import subprocess, os
subprocess.run([os.path.join("/opt", "codex")])
""",
)
case(
    "os_path_expanduser",
    """
import subprocess, os
subprocess.run([os.path.expanduser("~/bin/codex")])
""",
)
case(
    "os_path_abspath",
    """
import subprocess, os
subprocess.run([os.path.abspath("codex")])
""",
)
case(
    "shutil_which",
    """
import subprocess, shutil
b = shutil.which("codex")
subprocess.run([b, "exec"])
""",
)
case(
    "shutil_which_or",
    """
import subprocess, shutil
b = shutil.which("codex") or "codex"
subprocess.run([b, "exec"])
""",
)
case(
    "which_fallback_unknown",
    """
import subprocess, shutil, os
subprocess.run([shutil.which(os.environ["X"]) or "codex"])
""",
)
# ---- environment
case(
    "getenv_default",
    """
import subprocess, os
subprocess.run([os.getenv("B", "codex")])
""",
)
case(
    "getenv_nodefault",
    """
import subprocess, os
subprocess.run([os.getenv("B")])
""",
)
case(
    "environ_get_default",
    """
import subprocess, os
subprocess.run([os.environ.get("B", "codex")])
""",
)
case(
    "environ_get_nodefault",
    """
import subprocess, os
subprocess.run([os.environ.get("B")])
""",
)
case(
    "environ_item",
    """
import subprocess, os
subprocess.run([os.environ["B"]])
""",
)
case(
    "environ_setdefault",
    """
import subprocess, os
subprocess.run([os.environ.setdefault("B", "codex")])
""",
)
case(
    "environ_set_then_read",
    """
import subprocess, os
os.environ["B"] = "codex"
subprocess.run([os.environ["B"]])
""",
)
case(
    "environ_from_import",
    """
import subprocess
from os import environ, getenv
subprocess.run([environ.get("B", "codex")])
subprocess.run([getenv("B", "claude")])
""",
)
case(
    "getenvb",
    """
import subprocess, os
subprocess.run([os.getenvb(b"B", b"codex")])
""",
)
case(
    "environ_or",
    """
import subprocess, os
subprocess.run([os.environ.get("B") or "codex"])
""",
)
case(
    "environ_copy_get",
    """
import subprocess, os
env = dict(os.environ)
subprocess.run([env.get("B", "codex")])
""",
)
case(
    "config_json",
    """
import subprocess, json
cfg = json.load(open("c.json"))
subprocess.run([cfg["bin"]])
""",
)
case(
    "config_json_get_default",
    """
import subprocess, json
cfg = json.load(open("c.json"))
subprocess.run([cfg.get("bin", "codex")])
""",
)
# `next(genexp, default)`: the first item a generator expression yields, or the default (it
# was "result of next()", unresolved; claude-glm52-supervisor's launchctl look-up).
case(
    "next_genexp_first_existing",
    """
import shutil, subprocess
from pathlib import Path
def go():
    b = shutil.which("x") or next((p for p in ("/usr/local/bin/codex", "/bin/git") if Path(p).exists()), None)
    if not b:
        return
    subprocess.run([b, "exec"])
""",
)
case(
    "VALID_next_genexp_first_existing",
    """
import shutil, subprocess
from pathlib import Path
def go():
    b = shutil.which("launchctl") or next((p for p in ("/bin/launchctl", "/usr/bin/launchctl") if Path(p).exists()), None)
    if not b:
        return
    subprocess.run([b, "getenv", "X"])
""",
)
# A store into a container a caller fills in (a merge helper over a default mapping and a
# JSON file's, claude-worktree's `_deep_merge`; a copy of a parameter's list): it was dropped.
case(
    "merge_helper_store_then_preset_lookup",
    """
import copy, json, subprocess
PRESETS = {"git": ["git"], "codex": ["codex"]}
DEFAULT = {"tool": {"command": "git"}}
def merge(base, override):
    result = copy.deepcopy(base)
    for key, value in override.items():
        result[key] = value
    return result
def load():
    with open("c.json") as f:
        return merge(DEFAULT, json.load(f))
def go():
    subprocess.run(PRESETS[load()["tool"]["command"]])
""",
)
case(
    "VALID_merge_helper_store_then_preset_lookup",
    """
import copy, json, subprocess
PRESETS = {"git": ["git"], "hg": ["hg"]}
DEFAULT = {"tool": {"command": "git"}}
def merge(base, override):
    result = copy.deepcopy(base)
    for key, value in override.items():
        result[key] = value
    return result
def load():
    with open("c.json") as f:
        return merge(DEFAULT, json.load(f))
def go():
    subprocess.run(PRESETS[load()["tool"]["command"]])
""",
)
case(
    "param_list_copy_item_stored",
    """
import subprocess
def run(cmd):
    c = list(cmd)
    c[0] = "codex"
    subprocess.run(c)
def go():
    run(["git", "status"])
""",
)
case(
    "VALID_param_list_copy_item_stored",
    """
import subprocess
def run(cmd):
    c = list(cmd)
    c[1] = "log"
    subprocess.run(c)
def go():
    run(["git", "status"])
""",
)
# `.get(key, default)` of a parameter forced because the project has a wrapper named `get`
# (claudebot's wizard: `get_service_manager(prior.get("BIN", "claude")).install()`)
case(
    "param_get_default_beside_get_wrapper",
    """
import shutil, subprocess
def get(argv):
    subprocess.run(argv)
def tidy():
    get(["git", "gc"])
class Manager:
    def __init__(self, binary):
        self.binary = binary
    def install(self):
        shutil.which(self.binary)
def make(binary):
    return Manager(binary)
def setup(prior: dict):
    make(prior.get("BIN", "codex")).install()
""",
)
case(
    "VALID_known_mapping_get_beside_get_wrapper",
    """
import shutil, subprocess
def get(argv):
    subprocess.run(argv)
def tidy():
    get(["git", "gc"])
class Manager:
    def __init__(self, binary):
        self.binary = binary
    def install(self):
        shutil.which(self.binary)
def make(binary):
    return Manager(binary)
def setup():
    prior = {"BIN": "git"}
    make(prior.get("BIN", "git")).install()
""",
)
case(
    "config_yaml",
    """
import subprocess, yaml
cfg = yaml.safe_load(open("c.yaml"))
subprocess.run(cfg["cmd"])
""",
)
case(
    "config_toml",
    """
import subprocess, tomllib
with open("c.toml", "rb") as f:
    cfg = tomllib.load(f)
subprocess.run([cfg["tool"]["bin"]])
""",
)
case(
    "config_configparser",
    """
import subprocess, configparser
c = configparser.ConfigParser()
c.read("x.ini")
subprocess.run([c["x"]["bin"]])
""",
)
case(
    "config_configparser_fallback",
    """
import subprocess, configparser
c = configparser.ConfigParser()
c.read("x.ini")
subprocess.run([c.get("x", "bin", fallback="codex")])
""",
)
case(
    "sys_argv",
    """
import subprocess, sys
subprocess.run(sys.argv[1:])
""",
)
case(
    "input_builtin",
    """
import subprocess
subprocess.run([input()])
""",
)
case(
    "read_file",
    """
import subprocess
subprocess.run([open("bin.txt").read().strip()])
""",
)
case(
    "pathlib_read_text",
    """
import subprocess
from pathlib import Path
subprocess.run([Path("bin.txt").read_text().strip()])
""",
)
# ---- control flow
case(
    "walrus",
    """
import subprocess
if (b := "codex"):
    subprocess.run([b])
""",
)
case(
    "walrus_in_call",
    """
import subprocess
subprocess.run([(b := "codex"), "exec"])
""",
)
case(
    "match_case",
    """
import subprocess
def go(k):
    match k:
        case "a":
            b = "git"
        case _:
            b = "codex"
    subprocess.run([b])
""",
)
case(
    "match_capture",
    """
import subprocess
def go():
    match ["codex", "exec"]:
        case [prog, *rest]:
            subprocess.run([prog, *rest])
""",
)
case(
    "match_class_pattern",
    """
import subprocess
from dataclasses import dataclass
@dataclass
class C:
    bin: str
def go(x):
    match C("codex"):
        case C(bin=b):
            subprocess.run([b])
""",
)
case(
    "try_except_value",
    """
import subprocess
try:
    b = "git"
    raise ValueError
except ValueError:
    b = "codex"
subprocess.run([b])
""",
)
case(
    "try_finally",
    """
import subprocess
b = "git"
try:
    pass
finally:
    b = "codex"
subprocess.run([b])
""",
)
case(
    "try_else",
    """
import subprocess
def go():
    try:
        b = "git"
    except Exception:
        return
    else:
        b = "codex"
    subprocess.run([b])
""",
)
case(
    "with_as",
    """
import subprocess, contextlib
@contextlib.contextmanager
def prog():
    yield "codex"
with prog() as b:
    subprocess.run([b])
""",
)
case(
    "with_nullcontext",
    """
import subprocess, contextlib
with contextlib.nullcontext("codex") as b:
    subprocess.run([b])
""",
)
case(
    "global_write",
    """
import subprocess
B = "git"
def setb():
    global B
    B = "codex"
def go():
    subprocess.run([B])
""",
)
case(
    "nonlocal_write",
    """
import subprocess
def go():
    b = "git"
    def setb():
        nonlocal b
        b = "codex"
    setb()
    subprocess.run([b])
""",
)
case(
    "closure",
    """
import subprocess
def make(b):
    def run():
        subprocess.run([b])
    return run
make("codex")()
""",
)
case(
    "closure_var",
    """
import subprocess
def make(b):
    def run():
        subprocess.run([b])
    return run
r = make("codex")
r()
""",
)
case(
    "closure_outer_var",
    """
import subprocess
def go():
    b = "codex"
    def run():
        subprocess.run([b])
    run()
""",
)
case(
    "generator_yield",
    """
import subprocess
def progs():
    yield "codex"
for p in progs():
    subprocess.run([p])
""",
)
case(
    "generator_next",
    """
import subprocess
def progs():
    yield "codex"
subprocess.run([next(progs())])
""",
)
case(
    "generator_list",
    """
import subprocess
def progs():
    yield "codex"
    yield "exec"
subprocess.run(list(progs()))
""",
)
case(
    "genexp",
    """
import subprocess
subprocess.run(list(x for x in ["codex", "exec"]))
""",
)
case(
    "listcomp",
    """
import subprocess
subprocess.run([x.strip() for x in [" codex ", "exec"]])
""",
)
case(
    "dictcomp",
    """
import subprocess
d = {k: v for k, v in [("b", "codex")]}
subprocess.run([d["b"]])
""",
)
case(
    "map_str",
    """
import subprocess
subprocess.run(list(map(str, ["codex", "exec"])))
""",
)
case(
    "map_lambda",
    """
import subprocess
subprocess.run(list(map(lambda s: s.lower(), ["CODEX"])))
""",
)
case(
    "zip",
    """
import subprocess
for a, b in zip(["codex"], ["exec"]):
    subprocess.run([a, b])
""",
)
case(
    "sorted",
    """
import subprocess
subprocess.run(sorted(["codex"]))
""",
)
case(
    "reversed",
    """
import subprocess
subprocess.run(list(reversed(["exec", "codex"])))
""",
)
case(
    "list_call",
    """
import subprocess
subprocess.run(list(("codex", "exec")))
""",
)
case(
    "tuple_call",
    """
import subprocess
subprocess.run(tuple(["codex", "exec"]))
""",
)
case(
    "copy_copy",
    """
import subprocess, copy
a = ["codex"]
subprocess.run(copy.copy(a))
""",
)
case(
    "copy_deepcopy",
    """
import subprocess, copy
a = ["codex"]
subprocess.run(copy.deepcopy(a))
""",
)
case(
    "star_unpack",
    """
import subprocess
base = ["codex"]
subprocess.run([*base, "exec"])
""",
)
case(
    "star_unpack_tuple",
    """
import subprocess
base = ("codex",)
subprocess.run((*base, "exec"))
""",
)
case(
    "aug_add",
    """
import subprocess
a = []
a += ["codex"]
subprocess.run(a)
""",
)
case(
    "aug_add_str",
    """
import subprocess
a = "co"
a += "dex"
subprocess.run([a])
""",
)
case(
    "loop_rebind",
    """
import subprocess
def go():
    b = "git"
    for x in range(3):
        b = "codex"
    subprocess.run([b])
""",
)
case(
    "while_rebind",
    """
import subprocess
def go(n):
    b = "git"
    while n:
        b = "codex"
        n -= 1
    subprocess.run([b])
""",
)
case(
    "loop_else",
    """
import subprocess
def go(xs):
    for x in xs:
        break
    else:
        b = "codex"
        subprocess.run([b])
""",
)
case(
    "tuple_unpack_assign",
    """
import subprocess
a, b = "codex", "exec"
subprocess.run([a, b])
""",
)
case(
    "starred_assign",
    """
import subprocess
first, *rest = ["codex", "exec"]
subprocess.run([first])
""",
)
case(
    "wrapper_param_unpack",
    """
import subprocess
def run(argv):
    first, *rest = argv
    subprocess.run([first, *rest])
def go():
    run(["codex", "exec"])
""",
)
case(
    "wrapper_param_unpack_pair",
    """
import subprocess
def run(argv):
    program, arg = argv
    subprocess.run([program, arg])
def go():
    run(("codex", "exec"))
""",
)
case(
    "VALID_wrapper_param_unpack_git",
    """
import subprocess
def run(argv):
    first, *rest = argv
    subprocess.run([first, *rest])
def go():
    run(["git", "status"])
""",
)
case(
    "wrapper_param_unpack_after_star",
    """
import subprocess
def run(argv):
    *head, last = argv
    subprocess.run([last])
def go():
    run(["git", "codex"])
""",
)
case(
    "wrapper_str_param_split",
    """
import subprocess
def start(command: str) -> None:
    subprocess.Popen(command.split())
def go():
    start("codex --yes")
""",
)
case(
    "wrapper_optional_str_param_strip_split",
    """
import subprocess
from typing import Optional
def start(command: Optional[str] = None) -> None:
    subprocess.Popen(command.strip().split())
def go():
    start("codex --yes")
""",
)
case(
    "VALID_wrapper_str_param_split_git",
    """
import subprocess
def start(command: str) -> None:
    subprocess.Popen(command.split())
def go():
    start("git status")
""",
)
case(
    "chained_assign",
    """
import subprocess
a = b = "codex"
subprocess.run([b])
""",
)
case(
    "ternary",
    """
import subprocess
def go(x):
    subprocess.run(["git" if x else "codex"])
""",
)
case(
    "and_or",
    """
import subprocess
def go(x):
    subprocess.run([x and "codex" or "git"])
""",
)
case(
    "list_index",
    """
import subprocess
PROGS = ["git", "codex"]
subprocess.run([PROGS[1]])
""",
)
case(
    "list_index_param",
    """
import subprocess
PROGS = ["git", "codex"]
def go(i):
    subprocess.run([PROGS[i]])
""",
)
case(
    "tuple_index_neg",
    """
import subprocess
PROGS = ("git", "codex")
subprocess.run([PROGS[-1]])
""",
)
case(
    "dict_values_loop",
    """
import subprocess
D = {"a": "codex"}
for v in D.values():
    subprocess.run([v])
""",
)
case(
    "dict_items_loop",
    """
import subprocess
D = {"codex": "exec"}
for k, v in D.items():
    subprocess.run([k, v])
""",
)
case(
    "dict_keys_loop",
    """
import subprocess
D = {"codex": 1}
for k in D:
    subprocess.run([k])
""",
)
case(
    "set_literal",
    """
import subprocess
for k in {"codex"}:
    subprocess.run([k])
""",
)
case(
    "list_pop",
    """
import subprocess
a = ["codex"]
subprocess.run([a.pop()])
""",
)
case(
    "dict_pop",
    """
import subprocess
d = {"b": "codex"}
subprocess.run([d.pop("b")])
""",
)
case(
    "dict_merge",
    """
import subprocess
d = {"b": "git"} | {"b": "codex"}
subprocess.run([d["b"]])
""",
)
case(
    "dict_unpack",
    """
import subprocess
d = {**{"b": "codex"}}
subprocess.run([d["b"]])
""",
)
case(
    "dict_constructor",
    """
import subprocess
d = dict(b="codex")
subprocess.run([d["b"]])
""",
)
case(
    "default_param",
    """
import subprocess
def go(b="codex"):
    subprocess.run([b])
go()
""",
)
case(
    "kwonly_default",
    """
import subprocess
def go(*, b="codex"):
    subprocess.run([b])
go()
""",
)
case(
    "positional_only",
    """
import subprocess
def go(b, /):
    subprocess.run([b])
go("codex")
""",
)
case(
    "varargs_forward",
    """
import subprocess
def go(*a):
    subprocess.run(a)
go("codex", "exec")
""",
)
case(
    "kwargs_forward_args",
    """
import subprocess
def go(**kw):
    subprocess.run(**kw)
go(args=["codex"])
""",
)
case(
    "recursion",
    """
import subprocess
def go(n, b):
    if n:
        return go(n - 1, b)
    subprocess.run([b])
go(3, "codex")
""",
)
case(
    "async_def",
    """
import asyncio
async def go():
    p = await asyncio.create_subprocess_exec("codex", "exec")
    await p.wait()
asyncio.run(go())
""",
)
case(
    "async_wrapper",
    """
import asyncio
async def run(*argv):
    return await asyncio.create_subprocess_exec(*argv)
async def go():
    await run("codex")
""",
)
case(
    "async_gen",
    """
import subprocess
async def progs():
    yield "codex"
async def go():
    async for p in progs():
        subprocess.run([p])
""",
)
case(
    "await_builder",
    """
import subprocess
async def build():
    return ["codex"]
async def go():
    subprocess.run(await build())
""",
)
case(
    "conditional_import_def",
    """
import subprocess, sys
if sys.platform == "win32":
    B = "codex.exe"
else:
    B = "codex"
subprocess.run([B])
""",
)
case(
    "conditional_def_func",
    """
import subprocess, sys
if sys.platform == "win32":
    def build():
        return ["codex.exe"]
else:
    def build():
        return ["codex"]
subprocess.run(build())
""",
)
case(
    "redefined_func",
    """
import subprocess
def build():
    return ["git"]
def build():
    return ["codex"]
subprocess.run(build())
""",
)
case(
    "assert_isinstance",
    """
import subprocess
b = "codex"
assert isinstance(b, str)
subprocess.run([b])
""",
)
case(
    "typing_cast",
    """
import subprocess
from typing import cast
subprocess.run([cast(str, "codex")])
""",
)
case(
    "annotated_assign",
    """
import subprocess
b: str = "codex"
subprocess.run([b])
""",
)
case(
    "final_const",
    """
import subprocess
from typing import Final
B: Final = "codex"
subprocess.run([B])
""",
)
case(
    "del_then",
    """
import subprocess
b = "codex"
c = b
del b
subprocess.run([c])
""",
)
case(
    "exec_string",
    """
exec("import subprocess; subprocess.run(['codex'])")
""",
)
case(
    "eval_string",
    """
import subprocess
subprocess.run([eval("'codex'")])
""",
)
case(
    "compile_exec",
    """
exec(compile("import os; os.system('codex')", "x", "exec"))
""",
)
case(
    "exec_module_constant",
    """
SRC = '''
import subprocess
def go(cmd):
    subprocess.run([cmd, "exec"])
go("codex")
'''
def main():
    exec(compile(SRC, "<x>", "exec"), {})
""",
)
case(
    "exec_globals_given",
    """
import subprocess
exec("run([prog])", {"run": subprocess.run, "prog": "claude"})
""",
)
case(
    "exec_callers_name",
    """
import subprocess
prog = "gemini"
exec("subprocess.run([prog])")
""",
)
case(
    "exec_defines_function",
    r"""
exec("def go():\n    import os\n    os.system('codex exec')\n")
go()
""",
)
case(
    "exec_builtins_module",
    """
import builtins
builtins.exec("import os; os.system('codex')")
""",
)
case(
    "exec_bytes",
    r"""
exec(b"import os\nos.system('codex')\n")
""",
)
case(
    "exec_sets_module_global",
    """
import subprocess
exec("CMD = 'codex'")
subprocess.run([CMD])
""",
)
case(
    "exec_code_not_known",
    """
import os
exec(os.environ["CODE"])
""",
)
case(
    "eval_code_not_known",
    """
import sys
eval(sys.argv[1])
""",
)
case(
    "exec_code_partly_known",
    """
import sys
exec("import subprocess; subprocess.run([" + sys.argv[1] + "])")
""",
)
case(
    "exec_wrapper_caller",
    """
def run_code(src):
    exec(src)
run_code("import subprocess; subprocess.run(['codex'])")
""",
)
case(
    "exec_nested_itself",
    """
s = "exec(s)"
exec(s)
""",
)
case(
    "exec_code_from_another_module",
    """
from app.scripts import SRC
exec(SRC)
""",
    app__scripts_DOT_py="""
SRC = "import os; os.system('codex')"
""",
)
case(
    "exec_renamed_code_elsewhere",
    """
from app.scripts import SRC
run = exec
run(SRC)
""",
    app__scripts_DOT_py="""
SRC = "import os; os.system('codex')"
""",
)
case(
    "VALID_exec_git",
    """
exec("import subprocess; subprocess.run(['git', 'status'])")
""",
)
case(
    "VALID_exec_no_launch",
    """
exec("import json; print(json.dumps({'a': 1}))")
""",
)
case(
    "VALID_exec_function_locals",
    """
import subprocess
def f():
    cmd = "git"
    exec("cmd = 'codex'")  # a function's locals are not changed by exec
    subprocess.run([cmd])
""",
)
case(
    "VALID_exec_syntax_error",
    """
exec("import subprocess; subprocess.run(['codex']")
""",
)
case(
    "str_method_param_or_default",
    """
import subprocess
def run(cmd=None):
    subprocess.run([(cmd or "git").strip(), "exec"])
run("codex")
""",
)
case(
    "VALID_str_method_param_or_default_git",
    """
import subprocess
def run(cmd=None):
    subprocess.run([(cmd or "git").strip(), "status"])
run()
""",
)
case(
    "VALID_method_of_none_alternative",
    """
import shutil
import subprocess
class Program:
    def __init__(self, name, command=None):
        if command is not None:
            self.command = command.copy()  # (None.copy() raises: no launch with it)
        else:
            self.command = [shutil.which(name)]
    def version(self):
        subprocess.run(self.command + ["--version"])
Program("git").version()
""",
)
case(
    "method_of_none_alternative_given",
    """
import shutil
import subprocess
class Program:
    def __init__(self, name, command=None):
        if command is not None:
            self.command = command.copy()
        else:
            self.command = [shutil.which(name)]
    def version(self):
        subprocess.run(self.command + ["--version"])
Program("git", ["codex"]).version()
""",
)
case(
    "str_split_separator",
    """
import subprocess
CMD = "codex --full-auto"
subprocess.run([CMD.split(" ")[0], "exec"])
""",
)
case(
    "str_rsplit_path",
    """
import subprocess
BIN = "/opt/tools/claude"
subprocess.run([BIN.rsplit("/", 1)[-1], "-p", "hi"])
""",
)
case(
    "str_partition_constant",
    """
import subprocess
LINE = "gemini=on"
subprocess.run([LINE.partition("=")[0]])
""",
)
case(
    "VALID_str_split_separator_git",
    """
import subprocess
CMD = "git status"
subprocess.run([CMD.split(" ")[0], "status"])
""",
)
case(
    "shell_quoted_env_path",
    r"""
import subprocess
subprocess.run(["sh", "-c", "\"$CODEX_BIN\" exec"], env={"CODEX_BIN": "codex"})
""",
)
case(
    "shell_default_expansion_exec",
    """
import subprocess
subprocess.run(["bash", "-c", 'exec "${TOOL:-codex}" run'])
""",
)
case(
    "shell_default_expansion_unquoted",
    """
import subprocess
subprocess.run("${AGENT-claude} -p hi", shell=True)
""",
)
case(
    "shell_default_expansion_env_given",
    """
import subprocess
subprocess.run(["sh", "-c", '"${TOOL:-git}" run'], env={"TOOL": "gemini"})
""",
)
case(
    "shell_alternate_expansion",
    """
import subprocess
subprocess.run(["sh", "-c", '${USE_AGENT:+codex} exec'])
""",
)
case(
    "VALID_shell_default_expansion_env_git",
    """
import subprocess
subprocess.run(["sh", "-c", '"${TOOL:-codex}" status'], env={"TOOL": "git"})
""",
)
case(
    "VALID_eval_expression",
    """
import subprocess
subprocess.run([eval("'git'"), "status"])
""",
)
case(
    "nested_class",
    """
import subprocess
class A:
    class B:
        BIN = "codex"
subprocess.run([A.B.BIN])
""",
)
case(
    "class_in_func",
    """
import subprocess
def go():
    class X:
        BIN = "codex"
    subprocess.run([X.BIN])
""",
)
case(
    "func_in_class_body_call",
    """
import subprocess
class A:
    def b():
        return "codex"
    BIN = b()
subprocess.run([A.BIN])
""",
)
case(
    "slots_attr",
    """
import subprocess
class A:
    __slots__ = ("bin",)
    def __init__(self):
        self.bin = "codex"
subprocess.run([A().bin])
""",
)
case(
    "class_var_from_init_subclass",
    """
import subprocess
class B:
    def __init_subclass__(cls, bin="git", **kw):
        cls.BIN = bin
    def run(self):
        subprocess.run([self.BIN])
class C(B, bin="codex"):
    pass
C().run()
""",
)
case(
    "dataclass_replace",
    """
import subprocess, dataclasses
@dataclasses.dataclass
class Cfg:
    bin: str = "git"
c = dataclasses.replace(Cfg(), bin="codex")
subprocess.run([c.bin])
""",
)
case(
    "dataclass_replace_kept",
    """
import subprocess
from dataclasses import dataclass, replace
@dataclass
class Cfg:
    bin: str = "git"
    flag: str = "-q"
def go():
    c = replace(Cfg(bin="codex"), flag="-v")
    subprocess.run([c.bin, c.flag])
""",
)
case(
    "dataclass_replace_star_kwargs",
    """
import subprocess
from dataclasses import dataclass, replace
@dataclass
class Cfg:
    bin: str = "git"
def go(changes):
    c = replace(Cfg(), **changes)
    subprocess.run([c.bin])
""",
)
case(
    "VALID_dataclass_replace_git",
    """
import subprocess
from dataclasses import dataclass, replace
@dataclass
class Cfg:
    bin: str = "codex"
def go():
    c = replace(Cfg(), bin="git")
    subprocess.run([c.bin])
""",
)
case(
    "namedtuple_replace",
    """
import subprocess
from typing import NamedTuple
class Cfg(NamedTuple):
    bin: str = "git"
c = Cfg()._replace(bin="codex")
subprocess.run([c.bin])
""",
)
case(
    "VALID_namedtuple_replace_git",
    """
import subprocess
from typing import NamedTuple
class Cfg(NamedTuple):
    bin: str = "codex"
c = Cfg()._replace(bin="git")
subprocess.run([c.bin])
""",
)
case(
    "asdict",
    """
import subprocess, dataclasses
@dataclasses.dataclass
class Cfg:
    bin: str = "codex"
subprocess.run([dataclasses.asdict(Cfg())["bin"]])
""",
)
case(
    "simple_namespace",
    """
import subprocess, types
c = types.SimpleNamespace(bin="codex")
subprocess.run([c.bin])
""",
)
case(
    "pydantic_settings",
    """
import subprocess
from pydantic_settings import BaseSettings
class S(BaseSettings):
    bin: str = "codex"
subprocess.run([S().bin])
""",
)
case(
    "attrs_class",
    """
import subprocess, attrs
@attrs.define
class S:
    bin: str = "codex"
subprocess.run([S().bin])
""",
)
case(
    "dataclass_init_false_post",
    """
import subprocess
from dataclasses import dataclass, field
@dataclass
class S:
    bin: str = field(init=False)
    def __post_init__(self):
        self.bin = "codex"
subprocess.run([S().bin])
""",
)
case(
    "dataclass_default_factory_lambda",
    """
import subprocess
from dataclasses import dataclass, field
@dataclass
class S:
    argv: list = field(default_factory=lambda: ["codex"])
subprocess.run(S().argv)
""",
)
# ---- cross-module
case(
    "module_attr_set_elsewhere",
    None,
    app__config_DOT_py="""
CMD = "git"
""",
    app__setup_DOT_py="""
from app import config
config.CMD = "codex"
""",
    app__main_DOT_py="""
import subprocess
from app import config
def go():
    subprocess.run([config.CMD])
""",
    app____init___DOT_py="",
)
case(
    "setattr_module_elsewhere",
    None,
    app__config_DOT_py="""
CMD = "git"
""",
    app__setup_DOT_py="""
from app import config
setattr(config, "CMD", "codex")
""",
    app__main_DOT_py="""
import subprocess
from app import config
def go():
    subprocess.run([config.CMD])
""",
    app____init___DOT_py="",
)
case(
    "class_attr_set_other_module",
    None,
    app__config_DOT_py="""
class Config:
    CMD = "git"
""",
    app__setup_DOT_py="""
from app.config import Config
Config.CMD = "codex"
""",
    app__main_DOT_py="""
import subprocess
from app.config import Config
def go():
    subprocess.run([Config.CMD])
""",
    app____init___DOT_py="",
)
case(
    "star_import",
    None,
    app__config_DOT_py="""
CMD = "codex"
""",
    app__main_DOT_py="""
import subprocess
from app.config import *
subprocess.run([CMD])
""",
    app____init___DOT_py="",
)
case(
    "star_import_all",
    None,
    app__config_DOT_py="""
__all__ = ["CMD"]
CMD = "codex"
""",
    app__main_DOT_py="""
import subprocess
from app.config import *
subprocess.run([CMD])
""",
    app____init___DOT_py="",
)
case(
    "init_reexport",
    None,
    app__pkg__impl_DOT_py="""
CMD = "codex"
""",
    app__pkg____init___DOT_py="""
from .impl import CMD
""",
    app__main_DOT_py="""
import subprocess
from app.pkg import CMD
subprocess.run([CMD])
""",
    app____init___DOT_py="",
)
case(
    "relative_import",
    None,
    app__config_DOT_py="""
CMD = "codex"
""",
    app__main_DOT_py="""
import subprocess
from .config import CMD
subprocess.run([CMD])
""",
    app____init___DOT_py="",
)
case(
    "relative_import_parent",
    None,
    app__config_DOT_py="""
CMD = "codex"
""",
    app__sub__main_DOT_py="""
import subprocess
from ..config import CMD
subprocess.run([CMD])
""",
    app__sub____init___DOT_py="",
    app____init___DOT_py="",
)
case(
    "circular_import",
    None,
    app__a_DOT_py="""
import subprocess
from app import b
CMD = "codex"
def go():
    subprocess.run([b.get()])
""",
    app__b_DOT_py="""
from app import a
def get():
    return a.CMD
""",
    app____init___DOT_py="",
)
case(
    "module_import_attr",
    None,
    app__config_DOT_py="""
CMD = "codex"
""",
    app__main_DOT_py="""
import subprocess
import app.config
subprocess.run([app.config.CMD])
""",
    app____init___DOT_py="",
)
case(
    "module_import_as",
    None,
    app__config_DOT_py="""
CMD = "codex"
""",
    app__main_DOT_py="""
import subprocess
import app.config as cfg
subprocess.run([cfg.CMD])
""",
    app____init___DOT_py="",
)
case(
    "wrapper_other_module",
    None,
    app__util_DOT_py="""
import subprocess
def run(argv):
    return subprocess.run(argv)
""",
    app__main_DOT_py="""
from app.util import run
run(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "wrapper_module_alias",
    None,
    app__util_DOT_py="""
import subprocess
def run(argv):
    return subprocess.run(argv)
""",
    app__main_DOT_py="""
import app.util as u
u.run(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "wrapper_via_importlib",
    None,
    app__util_DOT_py="""
import subprocess
def run(argv):
    return subprocess.run(argv)
""",
    app__main_DOT_py="""
import importlib
u = importlib.import_module("app.util")
u.run(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "wrapper_getattr_module",
    None,
    app__util_DOT_py="""
import subprocess
def run(argv):
    return subprocess.run(argv)
""",
    app__main_DOT_py="""
from app import util
getattr(util, "run")(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "wrapper_assigned_name",
    None,
    app__util_DOT_py="""
import subprocess
def run(argv):
    return subprocess.run(argv)
""",
    app__main_DOT_py="""
from app import util
def go():
    f = util.run
    f(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "wrapper_in_dict_other_module",
    None,
    app__util_DOT_py="""
import subprocess
def run(argv):
    return subprocess.run(argv)
""",
    app__main_DOT_py="""
from app import util
H = {"x": util.run}
def go():
    H["x"](["codex"])
""",
    app____init___DOT_py="",
)
case(
    "sink_reexport_module_attribute",
    None,
    app__util_DOT_py="""
import subprocess as sp
""",
    app__main_DOT_py="""
from app import util
def go():
    util.sp.run(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "sink_reexport_module_star",
    None,
    app__util_DOT_py="""
import subprocess as sp
""",
    app__main_DOT_py="""
from app.util import *
def go():
    sp.Popen(["gemini"])
""",
    app____init___DOT_py="",
)
case(
    "sink_reexport_module_same_name",
    None,
    app__util_DOT_py="""
import subprocess
""",
    app__main_DOT_py="""
from app.util import subprocess
subprocess.run(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "sink_reexport_module_same_name_attribute",
    None,
    app__util_DOT_py="""
import subprocess
""",
    app__main_DOT_py="""
from app import util
def go():
    util.subprocess.run(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "sink_reexport_module_among_imports",
    None,
    app__util_DOT_py="""
import os, subprocess as sp
""",
    app__main_DOT_py="""
from app.util import sp
sp.run(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "VALID_sink_reexport_module",
    None,
    app__util_DOT_py="""
import subprocess as sp
""",
    app__main_DOT_py="""
from app.util import sp
sp.run(["git", "status"])
""",
    app____init___DOT_py="",
)
case(
    "sink_reexport_module_unknown_argv",
    None,
    app__util_DOT_py="""
import subprocess as sp
""",
    app__main_DOT_py="""
import sys
from app.util import sp
sp.run(sys.argv[1:])
""",
    app____init___DOT_py="",
)
case(
    "sink_reexport_module",
    None,
    app__util_DOT_py="""
import subprocess as sp
""",
    app__main_DOT_py="""
from app.util import sp
sp.run(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "instance_method_other_module",
    None,
    app__runner_DOT_py="""
import subprocess
class Runner:
    def run(self, argv):
        subprocess.run(argv)
""",
    app__main_DOT_py="""
from app.runner import Runner
def go():
    r = Runner()
    r.run(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "instance_from_factory",
    None,
    app__runner_DOT_py="""
import subprocess
class Runner:
    def run(self, argv):
        subprocess.run(argv)
def make():
    return Runner()
""",
    app__main_DOT_py="""
from app.runner import make
def go():
    make().run(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "instance_unannotated_param",
    None,
    app__runner_DOT_py="""
import subprocess
class Runner:
    def run(self, argv):
        subprocess.run(argv)
""",
    app__main_DOT_py="""
from app.runner import Runner
def use(r):
    r.run(["codex"])
def go():
    use(Runner())
""",
    app____init___DOT_py="",
)
case(
    "instance_unannotated_param_git_too",
    None,
    app__runner_DOT_py="""
import subprocess
class Runner:
    def run(self, argv):
        subprocess.run(argv)
""",
    app__main_DOT_py="""
from app.runner import Runner
def use(r):
    r.run(["codex"])
def go():
    Runner().run(["git"])
    use(Runner())
""",
    app____init___DOT_py="",
)
case(
    "VALID_instance_unannotated_param_git_too",
    None,
    app__runner_DOT_py="""
import subprocess
class Runner:
    def run(self, argv):
        subprocess.run(argv)
""",
    app__main_DOT_py="""
from app.runner import Runner
def use(r):
    r.run(["git", "status"])
def go():
    Runner().run(["git"])
    use(Runner())
""",
    app____init___DOT_py="",
)
case(
    "instance_unannotated_param_handed_on",
    None,
    app__runner_DOT_py="""
import subprocess
class Runner:
    def run(self, argv):
        subprocess.run(argv)
""",
    app__main_DOT_py="""
from app.runner import Runner
def use(r, prog):
    r.run([prog, "exec"])
def mid(r):
    use(r, "codex")
def go():
    Runner().run(["git"])
    mid(Runner())
""",
    app____init___DOT_py="",
)
case(
    "instance_unannotated_param_other_module",
    None,
    app__runner_DOT_py="""
import subprocess
class Runner:
    def run(self, argv):
        subprocess.run(argv)
""",
    app__lib_DOT_py="""
def use(r):
    r.run(["codex"])
""",
    app__main_DOT_py="""
from app.runner import Runner
from app.lib import use
def go():
    Runner().run(["git"])
    use(Runner())
""",
    app____init___DOT_py="",
)
case(
    "VALID_instance_unannotated_param_other_module",
    None,
    app__runner_DOT_py="""
import subprocess
class Runner:
    def run(self, argv):
        subprocess.run(argv)
""",
    app__lib_DOT_py="""
def use(r):
    r.run(["git", "log"])
""",
    app__main_DOT_py="""
from app.runner import Runner
from app.lib import use
def go():
    Runner().run(["git"])
    use(Runner())
""",
    app____init___DOT_py="",
)
case(
    "instance_unannotated_param_of_a_factory",
    None,
    app__runner_DOT_py=ABSTRACT_RUNNERS,
    app__main_DOT_py="""
from app.runner import make, Local
def use(r):
    r.run(["codex"])
def go(x):
    use(make(x))
def other():
    Local().run(["git"])
""",
    app____init___DOT_py="",
)
case(
    "instance_unannotated_param_abstract_caller",
    None,
    app__runner_DOT_py=ABSTRACT_RUNNERS,
    app__main_DOT_py="""
from app.runner import BaseRunner, Local
def use(r):
    r.run(["codex"])
def go(b: BaseRunner):
    use(b)
def other():
    Local().run(["git"])
""",
    app____init___DOT_py="",
)
case(
    "instance_abstract_annotation_git_too",
    None,
    app__runner_DOT_py=ABSTRACT_RUNNERS,
    app__main_DOT_py="""
from app.runner import BaseRunner, Local
def go(r: BaseRunner):
    r.run(["codex"])
def other():
    Local().run(["git"])
""",
    app____init___DOT_py="",
)
case(
    "VALID_instance_abstract_annotation_git_too",
    None,
    app__runner_DOT_py=ABSTRACT_RUNNERS,
    app__main_DOT_py="""
from app.runner import BaseRunner, Local
def go(r: BaseRunner):
    r.run(["git", "log"])
def other():
    Local().run(["git"])
""",
    app____init___DOT_py="",
)
case(
    "instance_annotated_param",
    None,
    app__runner_DOT_py="""
import subprocess
class Runner:
    def run(self, argv):
        subprocess.run(argv)
""",
    app__main_DOT_py="""
from app.runner import Runner
def use(r: Runner):
    r.run(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "instance_attr_of_self",
    None,
    app__runner_DOT_py="""
import subprocess
class Runner:
    def run(self, argv):
        subprocess.run(argv)
""",
    app__main_DOT_py="""
from app.runner import Runner
class Svc:
    def __init__(self):
        self.r = Runner()
    def go(self):
        self.r.run(["codex"])
""",
    app____init___DOT_py="",
)
# ---- sinks
case("subprocess_call", "import subprocess\nsubprocess.call(['codex'])\n")
case("subprocess_check_call", "import subprocess\nsubprocess.check_call(['codex'])\n")
case("subprocess_check_output", "import subprocess\nsubprocess.check_output(['codex'])\n")
case("subprocess_getoutput", "import subprocess\nsubprocess.getoutput('codex exec')\n")
case("subprocess_getstatusoutput", "import subprocess\nsubprocess.getstatusoutput('codex exec')\n")
case("subprocess_args_kw", "import subprocess\nsubprocess.run(args=['codex'])\n")
case(
    "subprocess_executable",
    "import subprocess\nsubprocess.run(['x', 'exec'], executable='codex')\n",
)
case(
    "subprocess_executable_runs_the_rest",
    "import subprocess\nsubprocess.run(['sh', '-c', 'codex'], executable='/bin/bash')\n",
)
case(
    "VALID_subprocess_executable_runs_the_rest",
    "import subprocess\nsubprocess.run(['sh', '-c', 'git status'], executable='/bin/bash')\n",
)
case(
    "subprocess_executable_shell",
    "import subprocess\nsubprocess.run('x', shell=True, executable='codex')\n",
)
case(
    "subprocess_shell_str",
    "import subprocess\nsubprocess.run('cd /tmp && codex exec', shell=True)\n",
)
case("subprocess_shell_list", "import subprocess\nsubprocess.run(['codex exec'], shell=True)\n")
case("subprocess_str_noshell", "import subprocess\nsubprocess.run('codex')\n")
case(
    "subprocess_popen_ctx",
    "import subprocess\nwith subprocess.Popen(['codex']) as p:\n    p.wait()\n",
)
case(
    "subprocess_shell_var", "import subprocess\nsh = True\nsubprocess.run('codex exec', shell=sh)\n"
)
case(
    "subprocess_shell_kwargs",
    "import subprocess\nkw = {'shell': True}\nsubprocess.run('codex exec', **kw)\n",
)
case("os_system", "import os\nos.system('codex exec')\n")
case("os_popen", "import os\nos.popen('codex exec').read()\n")
case("os_execv", "import os\nos.execv('/usr/bin/codex', ['codex'])\n")
case("os_execvp", "import os\nos.execvp('codex', ['codex'])\n")
case("os_execl", "import os\nos.execl('/usr/bin/codex', 'codex', 'exec')\n")
case("os_execlp", "import os\nos.execlp('codex', 'codex')\n")
case("os_execle", "import os\nos.execle('/usr/bin/codex', 'codex', {})\n")
case("os_execvpe", "import os\nos.execvpe('codex', ['codex'], {})\n")
case("os_execve", "import os\nos.execve('/usr/bin/codex', ['codex'], {})\n")
case("os_execv_argv0_differs", "import os\nos.execv('/usr/bin/codex', ['git'])\n")
case("os_spawnl", "import os\nos.spawnl(os.P_WAIT, '/usr/bin/codex', 'codex')\n")
case("os_spawnlp", "import os\nos.spawnlp(os.P_WAIT, 'codex', 'codex')\n")
case("os_spawnv", "import os\nos.spawnv(os.P_WAIT, '/usr/bin/codex', ['codex'])\n")
case("os_spawnvp", "import os\nos.spawnvp(os.P_NOWAIT, 'codex', ['codex'])\n")
case("os_spawnve", "import os\nos.spawnve(os.P_NOWAIT, '/bin/codex', ['codex'], {})\n")
case("os_posix_spawn", "import os\nos.posix_spawn('/usr/bin/codex', ['codex'], {})\n")
case("os_posix_spawnp", "import os\nos.posix_spawnp('codex', ['codex'], os.environ)\n")
case("os_startfile", "import os\nos.startfile('codex')\n")
case("os_fork_exec", "import os\nif os.fork() == 0:\n    os.execvp('codex', ['codex'])\n")
case("pty_spawn", "import pty\npty.spawn(['codex'])\n")
case("pty_spawn_str", "import pty\npty.spawn('codex')\n")
case(
    "asyncio_exec",
    "import asyncio\nasync def go():\n    await asyncio.create_subprocess_exec('codex', 'exec')\n",
)
case(
    "asyncio_shell",
    "import asyncio\nasync def go():\n    await asyncio.create_subprocess_shell('codex exec')\n",
)
case(
    "asyncio_exec_star",
    "import asyncio\nasync def go():\n    await asyncio.create_subprocess_exec(*['codex', 'exec'])\n",
)
case(
    "asyncio_from_import",
    "from asyncio import create_subprocess_exec\nasync def go():\n    await create_subprocess_exec('codex')\n",
)
case(
    "asyncio_subprocess_module",
    "import asyncio.subprocess\nasync def go():\n    await asyncio.subprocess.create_subprocess_exec('codex')\n",
)
case(
    "loop_subprocess_exec",
    """
import asyncio
async def go():
    loop = asyncio.get_running_loop()
    await loop.subprocess_exec(asyncio.SubprocessProtocol, "codex", "exec")
""",
)
case(
    "loop_subprocess_shell",
    """
import asyncio
async def go():
    loop = asyncio.get_event_loop()
    await loop.subprocess_shell(asyncio.SubprocessProtocol, "codex exec")
""",
)
case(
    "loop_subprocess_exec_lambda",
    """
import asyncio
async def go():
    loop = asyncio.get_running_loop()
    await loop.subprocess_exec(lambda: asyncio.SubprocessProtocol(), "codex")
""",
)
case("anyio_run_process", "import anyio\nasync def go():\n    await anyio.run_process(['codex'])\n")
case(
    "anyio_open_process",
    "import anyio\nasync def go():\n    await anyio.open_process('codex exec')\n",
)
case("trio_run_process", "import trio\nasync def go():\n    await trio.run_process(['codex'])\n")
case(
    "trio_open_process",
    "import trio\nasync def go():\n    await trio.lowlevel.open_process(['codex'])\n",
)
case("pexpect_spawn", "import pexpect\npexpect.spawn('codex exec')\n")
case("pexpect_spawn_args", "import pexpect\npexpect.spawn('codex', ['exec'])\n")
case("pexpect_run", "import pexpect\npexpect.run('codex exec')\n")
case(
    "pexpect_popen_spawn", "from pexpect.popen_spawn import PopenSpawn\nPopenSpawn('codex exec')\n"
)
case("pexpect_spawnu", "import pexpect\npexpect.spawnu('codex')\n")
case("ptyprocess", "from ptyprocess import PtyProcess\nPtyProcess.spawn(['codex'])\n")
case(
    "ptyprocess_unicode",
    "from ptyprocess import PtyProcessUnicode\nPtyProcessUnicode.spawn(['codex'])\n",
)
# pywinpty (Windows): `PtyProcess.spawn(argv)` (a string is split, `shlex.split(posix=False)`),
# imported where it is used; the native `PTY(cols, rows).spawn(appname, cmdline)` runs APPNAME.
case(
    "winpty_ptyprocess_lazy_import",
    """
    def run(args):
        from winpty import PtyProcess
        cmd = ["claude"] + args
        if cmd[0].lower().endswith(".cmd"):
            cmd = ["cmd.exe", "/q", "/d", "/c"] + cmd
        return PtyProcess.spawn(cmd, dimensions=(24, 80))

    run(["-p", "hi"])
    """,
)
case(
    "VALID_winpty_ptyprocess_git",
    "from winpty import PtyProcess\nPtyProcess.spawn(['git', 'status'])\n",
)
case("winpty_ptyprocess_string", "import winpty\nwinpty.PtyProcess.spawn('codex exec hi')\n")
case(
    "winpty_ptyprocess_module",
    "from winpty.ptyprocess import PtyProcess\nPtyProcess.spawn(['gemini'])\n",
)
case("winpty_pty_spawn", "from winpty import PTY\nPTY(80, 24).spawn('codex', cmdline=' exec')\n")
case("VALID_winpty_pty_spawn_git", "from winpty import PTY\nPTY(80, 24).spawn('git', ' status')\n")
# A one-character replace (an escape before quoting) keeps a text's unknown stretches.
case(
    "escape_replace_around_unknown",
    """
    import subprocess
    line = "codex exec " + input()
    subprocess.run(["osascript", "-e", 'do shell script "' + line.replace('"', '\\"') + '"'])
    """,
)
case(
    "VALID_escape_replace_around_unknown_git",
    """
    import subprocess
    line = "git log " + input()
    subprocess.run(["osascript", "-e", 'do shell script "' + line.replace('"', '\\"') + '"'])
    """,
)
case(
    "replace_two_chars_around_unknown",
    """
    import subprocess
    line = input() + "codex exec"
    subprocess.run(line.replace("xc", "c"), shell=True)
    """,
)
case("sh_command", "import sh\nsh.Command('codex')('exec')\n")
case("sh_attr", "import sh\nsh.codex('exec')\n")
case("sh_from_import", "from sh import codex\ncodex('exec')\n")
case("plumbum_local", "from plumbum import local\nlocal['codex']('exec')\n")
case("plumbum_cmd", "from plumbum.cmd import codex\ncodex('exec')\n")
case("plumbum_local_cmd", "from plumbum import local\nlocal.cmd.codex('exec')\n")
# Command objects (the catalogue's `commands`): made, extended, run, kept.
case("sh_bake", "import sh\nsh.codex.bake('exec')('hi')\n")
case("sh_subcommand_sudo", "import sh\nsh.sudo.codex('exec')\n")
case("sh_contrib_sudo", "import sh\nsh.contrib.sudo.codex('exec')\n")
case("sh_getattr", "import sh\ngetattr(sh, 'codex')('exec')\n")
case("sh_getattr_computed", "import os, sh\ngetattr(sh, os.environ['AGENT'])('exec')\n")
case("sh_command_unknown", "import os, sh\nsh.Command(os.environ['AGENT'])('exec')\n")
case("sh_which_probe", "import sh\nsh.which('codex')\n")
case("sh_bg_keywords", "import sh\nsh.codex('exec', _bg=True, model='x')\n")
case("sh_bash_c", "import sh\nsh.bash('-c', 'codex exec')\n")
case(
    "sh_kept_module",
    """
import sh
CODEX = sh.Command("codex").bake("exec")
""",
    app__run_DOT_py="""
from app.main import CODEX
def go():
    CODEX("hi")
""",
)
case(
    "sh_wrapper_param",
    """
import sh
def run(program):
    sh.Command(program)("exec")
def go():
    run("codex")
""",
)
case(
    "sh_returned",
    """
import sh
def agent():
    return sh.codex.bake("exec")
def go():
    agent()("hi")
""",
)
case("sh_module_bake", "import sh\nsh2 = sh.bake(_cwd='/tmp')\nsh2.codex('exec')\n")
case(
    "plumbum_async",
    """
from plumbum import async_local
async def go():
    await async_local["codex"]("exec")
""",
)
case("VALID_sh_git", "import sh\nsh.git('status')\n")
case("VALID_sh_git_kept", "import sh\ngit = sh.git.bake('-C', '/x')\ngit('status')\n")
case("VALID_sh_dashes", "import sh\nsh.google_chrome('--version')\n")
case("VALID_sh_error_class", "import sh\ntry:\n    sh.ls()\nexcept sh.ErrorReturnCode:\n    pass\n")
case("plumbum_item_words", "from plumbum import local\nlocal['codex']['exec', '-q']()\n")
case("plumbum_run", "from plumbum import local\nlocal['codex'].run(['exec'])\n")
case("plumbum_fg", "from plumbum import local, FG\nlocal['codex']['exec'] & FG\n")
case("plumbum_run_bg", "from plumbum import local\nlocal['codex'].run_bg()\n")
case("plumbum_get", "from plumbum import local\nlocal.get('git', 'codex')()\n")
case("plumbum_which_probe", "from plumbum import local\nlocal.which('codex')\n")
case("plumbum_pipeline", "from plumbum import local\n(local['ls'] | local['codex']['exec'])()\n")
case("plumbum_nested_sudo", "from plumbum import local\nlocal['sudo'][local['codex']['exec']]()\n")
case("plumbum_unknown", "import os\nfrom plumbum import local\nlocal[os.environ['AGENT']]()\n")
case("plumbum_module", "import plumbum\nplumbum.local['codex']()\n")
case("plumbum_cmd_module", "import plumbum.cmd\nplumbum.cmd.codex('exec')\n")
case("VALID_plumbum_git", "from plumbum import local\nlocal['git']['status']()\n")
case("VALID_plumbum_pipeline", "from plumbum import local\n(local['ls'] | local['grep']['x'])()\n")
case("VALID_plumbum_cmd", "from plumbum.cmd import git, ls\ngit('status')\nls['-l']()\n")
case("distutils_spawn", "from distutils.spawn import spawn\nspawn(['codex'])\n")
case("shutil_which_probe", "import shutil\nshutil.which('codex')\n")
case(
    "multiprocessing_popen",
    "import subprocess\nfrom concurrent.futures import ThreadPoolExecutor\nwith ThreadPoolExecutor() as ex:\n    ex.submit(subprocess.run, ['codex'])\n",
)
case(
    "thread_target",
    "import subprocess, threading\nthreading.Thread(target=subprocess.run, args=(['codex'],)).start()\n",
)
case(
    "to_thread",
    "import subprocess, asyncio\nasync def go():\n    await asyncio.to_thread(subprocess.run, ['codex'])\n",
)
case(
    "run_in_executor",
    "import subprocess, asyncio\nasync def go():\n    await asyncio.get_running_loop().run_in_executor(None, subprocess.run, ['codex'])\n",
)
case(
    "multiprocessing_process",
    "import subprocess, multiprocessing\nmultiprocessing.Process(target=subprocess.run, args=(['codex'],)).start()\n",
)
case("popen_args_attr", "import subprocess\nclass P(subprocess.Popen):\n    pass\nP(['codex'])\n")
case(
    "subprocess_popen_subclass_init",
    """
import subprocess
class P(subprocess.Popen):
    def __init__(self, argv):
        super().__init__(argv)
P(["codex"])
""",
)
case(
    "asyncio_subprocess_popen",
    "import asyncio.subprocess as asp\nasync def go():\n    await asp.create_subprocess_exec('codex')\n",
)
case("webbrowser", "import webbrowser\n")  # placeholder (not a launch)
# ---- launchers
for nm, argv in {
    "env": "['env', 'codex']",
    "env_var": "['env', 'A=1', 'codex']",
    "env_i": "['/usr/bin/env', '-i', 'codex']",
    "timeout": "['timeout', '5', 'codex']",
    "timeout_s": "['timeout', '-s', 'KILL', '5', 'codex']",
    "sudo": "['sudo', '-u', 'bob', 'codex']",
    "bash_c": "['bash', '-c', 'codex exec']",
    "bash_lc": "['bash', '-lc', 'cd /x && codex exec']",
    "sh_c_var": "['sh', '-c', 'X=1 codex']",
    "npx": "['npx', '@openai/codex', 'exec']",
    "npx_y": "['npx', '-y', '@openai/codex@latest']",
    "npx_claude": "['npx', '@anthropic-ai/claude-code']",
    "npx_gemini": "['npx', '--yes', '@google/gemini-cli']",
    "uvx": "['uvx', 'codex']",
    "pipx_run": "['pipx', 'run', 'codex']",
    "nohup": "['nohup', 'codex']",
    "nice_n": "['nice', '-n', '5', 'codex']",
    "xargs": "['xargs', 'codex']",
    "stdbuf": "['stdbuf', '-oL', 'codex']",
    "script_c": "['script', '-qc', 'codex', '/dev/null']",
    "node_bin": "['node', '/usr/lib/node_modules/@openai/codex/bin/codex.js']",
    "exec_builtin": "['bash', '-c', 'exec codex']",
    "python_m": "['python', '-m', 'codex']",
    "bunx": "['bunx', '@openai/codex']",
    "pnpm_dlx": "['pnpm', 'dlx', '@openai/codex']",
    "npm_exec": "['npm', 'exec', '--', '@openai/codex']",
    "yarn_dlx": "['yarn', 'dlx', '@openai/codex']",
    "npx_package_flag": "['npx', '--package', '@openai/codex', 'codex']",
    "npm_x": "['npm', 'x', '@openai/codex']",
    "su_c": "['su', '-c', 'codex', 'bob']",
    "bash_heredoc": "['bash', '-c', 'cat <<EOF | sh\\ncodex\\nEOF']",
    "sh_dollar": "['sh', '-c', '$(echo codex)']",
    "sh_backtick": "['sh', '-c', '`which codex` exec']",
    "sh_subshell": "['sh', '-c', '(codex exec)']",
    "sh_pipeline": "['sh', '-c', 'echo hi | codex exec']",
    "sh_if": "['sh', '-c', 'if true; then codex; fi']",
    "sh_function": "['sh', '-c', 'f() { codex; }; f']",
    "sh_semicolon": "['sh', '-c', 'true;codex']",
    "sh_ampersand": "['sh', '-c', 'codex&']",
    "sh_quoted_prog": "['sh', '-c', '\"codex\" exec']",
    "sh_escaped": "['sh', '-c', 'c\\\\odex exec']",
    "sh_var_prog": "['sh', '-c', 'B=codex; $B exec']",
    "sh_eval": "['sh', '-c', 'eval codex']",
    "sh_command_builtin": "['sh', '-c', 'command codex']",
    "sh_builtin_exec_a": "['bash', '-c', 'exec -a x codex']",
    "zsh_c": "['zsh', '-c', 'codex']",
    "dash_c": "['/bin/dash', '-c', 'codex']",
    "busybox": "['busybox', 'sh', '-c', 'codex']",
    "sh_brace_expand": "['bash', '-c', '{codex,x}']",
    "cmd_c": "['cmd', '/c', 'codex']",
    "powershell": "['powershell', '-Command', 'codex exec']",
    "doas": "['doas', 'codex']",
    "setsid": "['setsid', 'codex']",
    "chroot": "['chroot', '/', 'codex']",
    "flatpak": "['unshare', '-r', 'codex']",
    "firejail": "['firejail', 'codex']",
    "docker_run": "['docker', 'run', 'img', 'codex']",
    "strace": "['strace', 'codex']",
    "ltrace": "['valgrind', 'codex']",
    "time": "['time', 'codex']",
    "watch": "['watch', 'codex']",
    "tmux": "['tmux', 'new', '-d', 'codex']",
    "screen": "['screen', '-dmS', 'x', 'codex']",
    "env_S": "['env', '-S', 'codex exec']",
    "env_chdir": "['env', '-C', '/tmp', 'codex']",
    "nice_adj": "['nice', '--adjustment=5', 'codex']",
    "sudo_E": "['sudo', '-E', 'codex']",
    "sudo_dashdash": "['sudo', '--', 'codex']",
    "runuser": "['runuser', '-u', 'bob', '--', 'codex']",
    "ionice": "['ionice', '-c', '3', 'codex']",
    "taskset": "['taskset', '-c', '0', 'codex']",
    "caffeinate": "['caffeinate', 'codex']",
    "exec_path_windows": "['C:\\\\bin\\\\codex.exe']",
    "codex_cmd_windows": "['codex.cmd']",
    "codex_upper": "['CODEX']",
    "claude_path": "['/home/u/.claude/local/claude']",
    "gemini_path": "['~/.npm/bin/gemini']",
    "node_npm_root": "['sh', '-c', 'node $(npm root -g)/@google/gemini-cli/dist/index.js']",
    "node_bin_named": "['node', 'vendor/bin/claude.js', '-p', 'x']",
    "VALID_node_script": "['node', 'scripts/build.js', 'codex']",
    "node_script_unknown": "['node', __file__ + 'x']",
    "deno_npm": "['deno', 'run', '-A', 'npm:@anthropic-ai/claude-code']",
    "bun_x": "['bun', 'x', '@openai/codex']",
    "parallel_command": "['parallel', 'codex', 'exec', ':::', 'a', 'b']",
    "parallel_inputs": "['parallel', ':::', 'codex x']",
    "VALID_parallel_git": "['parallel', 'git', 'show', ':::', 'codex']",
    "parallel_unknown": "['parallel', ':::', __file__]",
    "expect_spawn": "['expect', '-c', 'spawn codex']",
    "VALID_expect_git": "['expect', '-c', 'spawn git status']",
    "expect_unknown": "['expect', '-c', 'spawn $prog']",
    "sh_command_eval": "['sh', '-c', 'command eval \\'codex x\\'']",
    "flatpak_command": "['flatpak', 'run', '--command=codex', 'org.app']",
    "start_stop_daemon": "['start-stop-daemon', '--start', '--exec', '/usr/bin/codex']",
    "ssh_proxy_command": "['ssh', '-o', 'ProxyCommand=codex %h', 'host']",
    "VALID_ssh_proxy_ssh": "['ssh', '-o', 'ProxyCommand=ssh -W %h:%p b', 'host', 'codex']",
    "ssh_option_unknown": "['ssh', '-o', __file__, 'host']",
    "python_c_launch": "['python3', '-c', 'import subprocess; subprocess.run([\\'codex\\'])']",
    "VALID_python_c_print": "['python3', '-c', 'import sys; print(sys.version)']",
    # A package runner's spec that is a repository, URL or path: what it installs is not
    # known, unless the rule pack names the repository (gemini-wt's `npx
    # https://github.com/google-gemini/gemini-cli`; the `o/r` and `github:` shorthands, a clone
    # URL, a ref after `#`).
    "npx_repository_url": "['npx', 'https://github.com/google-gemini/gemini-cli']",
    "npx_github_shorthand": "['npx', '-y', 'openai/codex', 'exec']",
    "bunx_github_prefix_ref": "['bunx', 'github:google-gemini/gemini-cli#v0.1']",
    "npx_clone_url": "['npx', 'git+ssh://git@github.com/Anthropics/claude-code.git']",
    "npx_repository_other": "['npx', 'https://github.com/someone/tool']",
    "uvx_git_source": "['uvx', 'git+https://example.com/tool.git']",
    "VALID_npx_registry_version": "['npx', '-y', 'cowsay@1.2', 'hi']",
}.items():
    case("launcher_" + nm, f"import subprocess\nsubprocess.run({argv})\n")
# A sink taking the program and its arguments as positionals, called with the list unpacked
# (codex-mcp-server's `async def _run(cmd): await create_subprocess_exec(*cmd)` given a `tmux
# new-session -d ... bash -c LINE` argv): the whole list is the argv, not its program alone.
case(
    "create_subprocess_exec_unpacked_shell",
    "import asyncio\nasync def go():\n"
    "    cmd = ['bash', '-c', 'codex exec']\n"
    "    await asyncio.create_subprocess_exec(*cmd)\n",
)
case(
    "create_subprocess_exec_unpacked_param_tmux",
    "import asyncio\n"
    "async def _run(cmd):\n    await asyncio.create_subprocess_exec(*cmd)\n"
    "async def session(name, line):\n"
    "    await _run(['tmux', 'new-session', '-d', '-s', name, 'bash', '-c', line])\n"
    "async def go():\n    await session('t', 'codex exec')\n",
)
case(
    "create_subprocess_exec_unpacked_unknown_line",
    "import asyncio, sys\nasync def go():\n"
    "    cmd = ['bash', '-c', sys.argv[1]]\n"
    "    await asyncio.create_subprocess_exec(*cmd)\n",
)
case(
    "VALID_create_subprocess_exec_unpacked_git",
    "import asyncio\nasync def go():\n"
    "    cmd = ['git', '-C', 'x', 'status']\n"
    "    await asyncio.create_subprocess_exec(*cmd)\n",
)
# `str()` of a value that may be None is "None" (codex-flow's `overlay_bin = None`, a found
# path, `if not overlay_bin: return`, then `[str(overlay_bin), "start"]`).
case(
    "str_of_optional_program",
    "import subprocess, sys\nprog = None\nif sys.argv:\n    prog = 'codex'\n"
    "subprocess.run([str(prog), 'exec'])\n",
)
case(
    "VALID_str_of_optional_path",
    "import subprocess\nfrom pathlib import Path\n"
    "def go(flag):\n    exe = None\n    if flag:\n        exe = Path('/opt/tool/bin/overlay')\n"
    "    if not exe:\n        return\n    subprocess.run([str(exe), 'start'])\n",
)
case("pexpect_runu", "import pexpect\npexpect.runu('codex exec')\n")
case("pexpect_pty_spawn", "from pexpect.pty_spawn import spawn\nspawn('codex exec')\n")
case(
    "shell_executable_bash",
    "import subprocess\nsubprocess.run('codex exec', shell=True, executable='/bin/bash')\n",
)
case(
    "shell_executable_list",
    "import subprocess\nsubprocess.run(['codex exec', 'x'], shell=True, executable='bash')\n",
)
case(
    "VALID_shell_executable_bash",
    "import subprocess\nsubprocess.run('git status', shell=True, executable='/bin/bash')\n",
)
case(
    "VALID_getattr_module_other",
    "import subprocess\ngetattr(subprocess, 'DEVNULL')\nimport os\nos.system('git status')\n",
)
case(
    "VALID_global_write_git",
    """
import subprocess
B = "git"
def setb():
    global B
    B = "hg"
def go():
    subprocess.run([B])
""",
)
case(
    "global_write_param",
    """
import subprocess
B = "git"
def setb(x):
    global B
    B = x
def go():
    subprocess.run([B])
""",
)
case(
    "global_only_in_func",
    """
import subprocess
def setb():
    global B
    B = ["codex", "exec"]
def go():
    subprocess.run(B)
""",
)
case(
    "global_method",
    """
import subprocess
CLI = "git"
class S:
    def configure(self):
        global CLI
        CLI = "claude"
def go():
    subprocess.run([CLI, "-p"])
""",
)
case(
    "global_cross_module_read",
    None,
    app__config_DOT_py="""
CMD = "git"
def use_codex():
    global CMD
    CMD = "codex"
""",
    app__main_DOT_py="""
import subprocess
from app import config
def go():
    subprocess.run([config.CMD])
""",
    app____init___DOT_py="",
)
for nm, argv in {
    "strace_o": "['strace', '-f', '-o', 'log', 'codex']",
    "chroot_user": "['chroot', '--userspec=bob', '/srv', 'codex']",
    "unshare_r": "['unshare', '-r', '--net', 'codex', 'exec']",
    "runuser_c": "['runuser', '-l', 'bob', '-c', 'codex exec']",
    "runuser_u": "['runuser', '-u', 'bob', '--', 'claude']",
    "busybox_sh": "['busybox', 'sh', '-c', 'gemini -p x']",
    "tini": "['tini', '--', 'codex']",
    "gosu": "['gosu', 'bob', 'codex']",
    "bwrap": "['bwrap', '--ro-bind', '/', '/', '--unshare-net', 'codex']",
    "xvfb": "['xvfb-run', '-a', 'codex']",
    "VALID_strace_git": "['strace', '-f', '-o', 'codex.log', 'git', 'status']",
    "VALID_chroot_git": "['chroot', '/srv/codex', 'git']",
    "VALID_gosu": "['gosu', 'codex', 'git']",
    "VALID_runuser": "['runuser', '-u', 'codex', '--', 'git']",
}.items():
    case("launcher2_" + nm, f"import subprocess\nsubprocess.run({argv})\n")
# Launchers and shell forms that were silent (session 15): each starts the program it names.
_LAUNCHER3 = {
    "su_user_c": "subprocess.run(['su', 'bob', '-c', 'codex exec'])",
    "su_login_user_c": "subprocess.run(['su', '-', 'bob', '-c', 'claude'])",
    "su_shell_args": "subprocess.run(['su', 'bob', '--', '-c', 'gemini -p x'])",
    "su_script": "subprocess.run(['su', 'bob', 'codex'])",
    "sg_line": "subprocess.run(['sg', 'docker', 'codex exec'])",
    "bwrap_setenv": "subprocess.run(['bwrap', '--setenv', 'A', 'B', '--overlay', 'a', 'b', '/', 'claude'])",
    "nsenter": "subprocess.run(['nsenter', '-t', '1', '-m', 'codex'])",
    "flatpak_spawn": "subprocess.run(['flatpak-spawn', '--host', 'codex'])",
    "setpriv": "subprocess.run(['setpriv', '--reuid', '1000', 'codex'])",
    "prlimit": "subprocess.run(['prlimit', '--nofile=64', 'codex'])",
    "pkexec": "subprocess.run(['pkexec', 'codex'])",
    "run0": "subprocess.run(['run0', '-u', 'bob', 'codex'])",
    "setarch": "subprocess.run(['setarch', 'x86_64', '-R', 'codex'])",
    "linux32": "subprocess.run(['linux32', 'codex'])",
    "fakeroot": "subprocess.run(['fakeroot', '--', 'codex'])",
    "eatmydata": "subprocess.run(['eatmydata', 'codex'])",
    "unbuffer": "subprocess.run(['unbuffer', '-p', 'codex'])",
    "ssh_agent": "subprocess.run(['ssh-agent', 'codex'])",
    "chpst": "subprocess.run(['chpst', '-u', 'bob', 'codex'])",
    "s6_setuidgid": "subprocess.run(['s6-setuidgid', 'bob', 'codex'])",
    "envdir": "subprocess.run(['envdir', './env', 'codex'])",
    "builtin_eval": "subprocess.run('builtin eval codex', shell=True)",
    "xargs_env": "subprocess.run(['xargs', 'env'], input='codex')",
    "xargs_replace": "subprocess.run(['xargs', '-I{}', 'sh', '-c', '{}'], input='codex')",
    "brace_suffix": "subprocess.run('co{dex,} exec', shell=True)",
    "brace_path": "subprocess.run(['sh', '-c', '/usr/bin/{claude,git} -p x'])",
    "brace_sequence": "subprocess.run('{a..z}{a..z}{a..z}', shell=True)",
    "find_exec": "subprocess.run(['find', '.', '-name', '*.md', '-exec', 'codex', 'exec', '{}', ';'])",
    "find_exec_second": "subprocess.run(['find', '.', '-exec', 'git', 'add', '{}', '+', '-execdir', 'claude', ';'])",
    "find_exec_file": "subprocess.run(['find', 'bin', '-type', 'f', '-exec', '{}', ';'])",
    "VALID_find_exec": "subprocess.run(['find', '.', '-name', 'codex*', '-exec', 'rm', '{}', '+'])",
    "coproc_name": "subprocess.run(['bash', '-c', 'coproc agent { codex exec; }'])",
    "trap_action": "subprocess.run(\"trap 'claude -p x' EXIT; true\", shell=True)",
    "VALID_trap": "subprocess.run(\"trap 'rm -f /tmp/codex.lock' EXIT; true\", shell=True)",
    "VALID_su_user": "subprocess.run(['su', 'codex', '-c', 'git status'])",
    "VALID_bwrap": "subprocess.run(['bwrap', '--ro-bind', 'codex', 'claude', 'git'])",
    "VALID_xargs_replace": "subprocess.run(['xargs', '-I{}', 'git', 'add', '{}'])",
    "VALID_brace_quoted": "subprocess.run(['bash', '-c', '\"{codex,x}\" y'])",
    "VALID_brace_one": "subprocess.run('/usr/bin/{codex} x', shell=True)",
}
_LAUNCHER3_FL200 = {"xargs_env", "xargs_replace", "brace_sequence", "find_exec_file"}
for nm, call in _LAUNCHER3.items():
    case("launcher3_" + nm, f"import subprocess\n{call}\n")
# Terminal launchers that were silent (session 17, claude-worktree): zellij and wezterm run the
# words after `--`; `wezterm cli send-text` types into a pane; osascript reads a here-document.
_LAUNCHER4 = {
    "zellij_session": "subprocess.run(['zellij', '-s', 'n', '--', 'bash', '-lc', 'codex'])",
    "zellij_pane_cwd_unknown": "subprocess.run(['zellij', 'action', 'new-pane', '--cwd', str(P), '--', 'claude'])",
    "wezterm_spawn": "subprocess.run(['wezterm', 'cli', 'spawn', '--cwd', str(P), '--', 'gemini'])",
    "wezterm_start": "subprocess.run(['wezterm', 'start', '--', 'codex'])",
    "wezterm_send_text": "subprocess.run(['wezterm', 'cli', 'send-text', '--pane-id', '1', 'codex exec\\n'])",
    "wezterm_send_text_stdin": "subprocess.run(['wezterm', 'cli', 'send-text', '--no-paste'], input='claude\\n')",
    "osascript_heredoc": "subprocess.run(['bash', '-lc', 'osascript <<EOF\\ntell application \"iTerm\" to tell current session of current window to write text \"codex\"\\nEOF'])",
    "osascript_stdin": "subprocess.run(['osascript'], input='tell application \"Terminal\" to do script \"gemini\"')",
    "VALID_zellij_pane": "subprocess.run(['zellij', 'action', 'new-pane', '--cwd', str(P), '--', 'git', 'log'])",
    "VALID_wezterm_get_text": "subprocess.run(['wezterm', 'cli', 'get-text', '--pane-id', str(P)])",
    "VALID_wezterm_send_text": "subprocess.run(['wezterm', 'cli', 'send-text', '--pane-id', '1', 'git status\\n'])",
    "VALID_osascript_heredoc": "subprocess.run('osascript <<EOF\\ndisplay notification \"codex done\"\\nEOF', shell=True)",
}
for nm, call in _LAUNCHER4.items():
    case("launcher4_" + nm, f"import subprocess, sys\nP = sys.argv[1]\n{call}\n")
case(
    "classmethod_subclass_wrapper",
    """
import subprocess
class B:
    BIN = "git"
    @classmethod
    def run(cls, *args):
        subprocess.run([cls.BIN, *args])
class C(B):
    BIN = "claude"
def go():
    C.run("-p")
""",
)
case(
    "VALID_classmethod_subclass",
    """
import subprocess
class B:
    BIN = "git"
    @classmethod
    def run(cls):
        subprocess.run([cls.BIN])
class C(B):
    BIN = "hg"
C.run()
""",
)
case(
    "classmethod_via_instance",
    """
import subprocess
class B:
    BIN = "git"
    @classmethod
    def run(cls):
        subprocess.run([cls.BIN])
class C(B):
    BIN = "codex"
C().run()
""",
)
case(
    "nonlocal_after",
    """
import subprocess
def go():
    def setb():
        nonlocal b
        b = "claude"
    b = "git"
    setb()
    subprocess.run([b])
""",
)
case(
    "nonlocal_param",
    """
import subprocess
def go(x):
    b = "git"
    def setb(v):
        nonlocal b
        b = v
    setb(x)
    subprocess.run([b])
""",
)
case(
    "VALID_nonlocal",
    """
import subprocess
def go():
    b = "git"
    def setb():
        nonlocal b
        b = "hg"
    setb()
    subprocess.run([b])
""",
)

# ---- sinks reached as values (sink14)
case(
    "sink_returned_local",
    """
import subprocess
def runner():
    return subprocess.Popen
def go():
    r = runner()
    r(["codex"])
""",
)
case(
    "sink_returned_partial",
    """
import functools, subprocess
def runner():
    return functools.partial(subprocess.run, check=True)
def go():
    runner()(["codex"])
""",
)
case(
    "sink_returned_conditional",
    """
import subprocess
def runner(fast):
    return print if fast else subprocess.Popen
def go():
    runner(True)(["codex"])
""",
)
case(
    "sink_returned_method",
    """
import subprocess
class Holder:
    def __init__(self):
        self._popen = subprocess.Popen
    def popen(self):
        return self._popen
def go():
    Holder().popen()(["codex"])
""",
)
# A launcher injected through the constructor and kept on the instance (codex-subagent-bridge's
# `popen_factory: Any = subprocess.Popen` dataclass field, called as `self.popen_factory(argv)`).
case(
    "launcher_param_kept_on_self",
    """
import subprocess
class Client:
    def __init__(self, run=subprocess.run):
        self._run = run
    def go(self):
        self._run(["codex", "exec"])
Client().go()
""",
)
case(
    "VALID_launcher_param_kept_on_self",
    """
import subprocess
class Client:
    def __init__(self, run=subprocess.run):
        self._run = run
    def go(self):
        self._run(["git", "status"])
Client().go()
""",
)
case(
    "launcher_passed_to_constructor_kept_on_self",
    """
import subprocess
class Client:
    def __init__(self, run):
        self._run = run
    def go(self):
        self._run(["codex", "exec"])
Client(subprocess.run).go()
""",
)
case(
    "VALID_launcher_passed_to_constructor_kept_on_self",
    """
import subprocess
class Client:
    def __init__(self, run):
        self._run = run
    def go(self):
        self._run(["git", "status"])
Client(subprocess.run).go()
""",
)
case(
    "launcher_passed_to_constructor_argv_from_method_caller",
    """
import subprocess
class Client:
    def __init__(self, *, runner=None):
        self.runner = runner
    def go(self, argv):
        return self.runner(argv)
def main():
    c = Client(runner=subprocess.Popen)
    c.go(["codex", "exec"])
""",
)
case(
    "launcher_passed_to_constructor_other_module",
    """
import subprocess
from app.client import Client
def main():
    Client(subprocess.run).go()
""",
    app__client_DOT_py="""
class Client:
    def __init__(self, run):
        self._run = run
    def go(self):
        self._run(["codex", "exec"])
""",
)
case(
    "launcher_partial_passed_to_constructor",
    """
import functools, subprocess
class Client:
    def __init__(self, run):
        self._run = run
    def go(self):
        self._run(["codex", "exec"])
Client(functools.partial(subprocess.run, check=True)).go()
""",
)
case(
    "launcher_passed_to_constructor_called_in_self_method",
    """
import subprocess
class Client:
    def __init__(self, run):
        self._run = run
    def _do(self, argv):
        self._run(argv)
    def go(self):
        self._do(["codex", "exec"])
def main():
    Client(subprocess.run).go()
""",
)
case(
    "launcher_passed_to_base_constructor",
    """
import subprocess
class Base:
    def __init__(self, run):
        self._run = run
class Client(Base):
    def __init__(self, run):
        super().__init__(run)
    def go(self):
        self._run(["codex", "exec"])
def main():
    Client(subprocess.run).go()
""",
)
# A launcher handed through more base constructors than are followed (`MAX_CALL_DEPTH`): the
# attribute it ends on is not known, so the construction is unresolved, not clean.
_CHAIN = "".join(
    f"""
class C{i}(C{i - 1}):
    def __init__(self, run):
        super().__init__(run)
"""
    for i in range(1, 30)
)
case(
    "launcher_passed_through_too_many_base_constructors",
    """
import subprocess
class C0:
    def __init__(self, run):
        self._run = run
"""
    + _CHAIN
    + """
class Client(C29):
    def go(self):
        self._run(["codex", "exec"])
def main():
    Client(subprocess.run).go()
""",
)
case(
    "launcher_passed_as_dataclass_field",
    """
import subprocess
from dataclasses import dataclass
from typing import Callable
@dataclass
class Client:
    runner: Callable
    def go(self):
        self.runner(["codex", "exec"])
def main():
    Client(subprocess.run).go()
""",
)
case(
    "launcher_partial_passed_to_function",
    """
import functools, subprocess
def use(run):
    run(["codex", "exec"])
def main():
    use(functools.partial(subprocess.run, check=True))
""",
)
case(
    "launcher_passed_to_constructor_instance_kept_by_another",
    """
import subprocess
from app.client import Client
class App:
    def __init__(self):
        self.client = Client(subprocess.run)
    def start(self):
        self.client.go(["codex", "exec"])
""",
    app__client_DOT_py="""
class Client:
    def __init__(self, run):
        self._run = run
    def go(self, argv):
        self._run(argv)
""",
)
case(
    "VALID_launcher_passed_to_constructor_instance_kept_by_another",
    """
import subprocess
class Client:
    def __init__(self, run):
        self._run = run
    def go(self, argv):
        self._run(argv)
class App:
    def __init__(self):
        self.client = Client(subprocess.run)
    def start(self):
        self.client.go(["git", "status"])
""",
)
CONFIG_WITH_LAUNCHER = """
from dataclasses import dataclass
from typing import Callable
@dataclass
class Cfg:
    run: Callable
"""
case(
    "launcher_in_config_object_passed",
    """
import subprocess
from app.cfg import Cfg
def use(cfg):
    cfg.run(["codex", "exec"])
def main():
    use(Cfg(run=subprocess.run))
""",
    app__cfg_DOT_py=CONFIG_WITH_LAUNCHER,
)
case(
    "VALID_launcher_in_config_object_passed",
    """
import subprocess
from app.cfg import Cfg
def use(cfg):
    cfg.run(["git", "status"])
def main():
    use(Cfg(run=subprocess.run))
""",
    app__cfg_DOT_py=CONFIG_WITH_LAUNCHER,
)
case(
    "launcher_in_config_object_kept_on_self",
    """
import subprocess
from app.cfg import Cfg
class Client:
    def __init__(self, cfg):
        self.cfg = cfg
    def go(self):
        self.cfg.run(["codex", "exec"])
def main():
    Client(Cfg(run=subprocess.run)).go()
""",
    app__cfg_DOT_py=CONFIG_WITH_LAUNCHER,
)
case(
    "launcher_dataclass_field_default",
    """
import subprocess
from dataclasses import dataclass
from typing import Any
@dataclass
class Client:
    cwd: str
    popen_factory: Any = subprocess.Popen
    def start(self):
        self.popen_factory(["codex", "app-server"], cwd=self.cwd)
Client(cwd=".").start()
""",
)
case(
    "launcher_dataclass_field_default_other_module",
    None,
    app__client_DOT_py="""
import subprocess
from dataclasses import dataclass
from typing import Callable
@dataclass
class Client:
    spawn: Callable[..., subprocess.Popen] = subprocess.Popen
    def start(self, argv):
        return self.spawn(argv)
""",
    app__main_DOT_py="""
from app.client import Client
Client().start(["claude", "-p", "hi"])
""",
    app____init___DOT_py="",
)
case(
    "VALID_launcher_dataclass_field_default",
    """
import subprocess
from dataclasses import dataclass
from typing import Any
@dataclass
class Client:
    popen_factory: Any = subprocess.Popen
    def start(self):
        self.popen_factory(["git", "fetch"])
Client().start()
""",
)
case(
    "sink_returned_other_module",
    None,
    app__procs_DOT_py="""
import subprocess
def runner():
    return subprocess.run
""",
    app__main_DOT_py="""
from app.procs import runner
runner()(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "sink_module_returned_other_module",
    None,
    app__procs_DOT_py="""
def sp():
    import subprocess
    return subprocess
def version():
    return sp().check_output(["git", "--version"])
""",
    app__main_DOT_py="""
from app import procs
procs.sp().run(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "sink_module_helper_other_module",
    None,
    app__procs_DOT_py="""
def sp():
    import subprocess
    return subprocess
""",
    app__main_DOT_py="""
from app import procs
procs.sp().run(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "sink_returned_module_name_other_module",
    None,
    app__procs_DOT_py="""
import subprocess
def runner():
    return subprocess.run
R = runner()
""",
    app__main_DOT_py="""
from app.procs import R
def go():
    R(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "VALID_sink_returned_module_name",
    """
import subprocess
def runner():
    return subprocess.run
R = runner()
def go():
    R(["git", "status"])
""",
)
case(
    "sink_returned_module_name_unknown_argv",
    """
import subprocess, sys
def runner():
    return subprocess.run
R = runner()
def go():
    R(sys.argv[1:])
""",
)
case(
    "sink_module_helper_other_module_assigned",
    None,
    app__procs_DOT_py="""
import subprocess
SP = subprocess
""",
    app__main_DOT_py="""
from app import procs
def go():
    procs.SP.Popen(["claude"])
""",
    app____init___DOT_py="",
)
case(
    "VALID_sink_module_helper_other_module",
    None,
    app__procs_DOT_py="""
def sp():
    import subprocess
    return subprocess
""",
    app__main_DOT_py="""
from app import procs
procs.sp().run(["git", "status"])
""",
    app____init___DOT_py="",
)
case(
    "sink_returned_module_name",
    """
import subprocess
def runner():
    return subprocess.run
R = runner()
def go():
    R(["codex"])
""",
)
case(
    "module_statement_wrapper_and_sink",
    None,
    app__util_DOT_py="""
import subprocess
def w(argv):
    subprocess.run(argv)
""",
    app__main_DOT_py="""
import subprocess
from app.util import w
w(["codex"]); subprocess.run(["ls"])
""",
    app____init___DOT_py="",
)
case(
    "module_statement_wrapper_above",
    """
import subprocess
def w(argv):
    subprocess.run(argv)
w(["codex"]); subprocess.run(["ls"])
""",
)
case(
    "VALID_sink_returned",
    """
import subprocess
def runner():
    return subprocess.run
def go():
    runner()(["git", "status"])
""",
)
case(
    "sink_returned_unknown_argv",
    """
import subprocess, sys
def runner():
    return subprocess.run
def go():
    runner()(sys.argv[1:])
""",
)
case(
    "sys_modules_name_key",
    """
import sys, subprocess
def run_here(argv):
    return subprocess.run(argv)
getattr(sys.modules[__name__], "run_here")(["codex"])
""",
)
case(
    "sys_modules_computed",
    """
import sys, subprocess
def go(name):
    sys.modules[name].run(["git"])
""",
)
case(
    "vars_module_computed",
    """
import subprocess
def go(key):
    vars(subprocess)[key](["git"])
""",
)
case(
    "subprocess_dict_computed",
    """
import subprocess
def go(key):
    subprocess.__dict__[key](["git"])
""",
)
case(
    "getattr_module_computed",
    """
import subprocess
def go(key):
    getattr(subprocess, key)(["git"])
""",
)
case(
    "getattr_module_name_joined",
    """
import os
def go():
    getattr(os, "sys" + "tem")("codex exec")
""",
)
case(
    "getattr_module_name_joined_implicitly",
    """
import subprocess
def go():
    getattr(subprocess, "r" "un")(["codex", "exec"])
""",
)
case(
    "VALID_getattr_module_name_joined",
    """
import os
def go():
    getattr(os, "get" + "cwd")()
""",
)
case(
    "getattr_builtins_computed",
    """
import builtins
def go(name):
    getattr(builtins, name)("import os; os.system('codex')")
""",
)
case(
    "getattr_dunder_builtins_computed",
    """
def go(name):
    getattr(__builtins__, name)("import os; os.system('codex')")
""",
)
case(
    "getattr_dunder_builtins_exec",
    """
def go():
    getattr(__builtins__, "exec")("import os; os.system('codex')")
""",
)
case(
    "VALID_getattr_builtins_print",
    """
import builtins
def go():
    getattr(builtins, "print")("codex")
""",
)
case(
    "VALID_sys_modules",
    "import sys, subprocess\nsys.modules['subprocess'].run(['git'])\nvars(subprocess)['run'](['ls'])\n",
)
case(
    "VALID_sys_modules_not_called",
    "import sys, subprocess\ndef go(name):\n    return sys.modules[name].__file__, getattr(subprocess, name)\n",
)
case(
    "popen_subclass_kwargs_init",
    """
import subprocess
class P(subprocess.Popen):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("text", True)
        super().__init__(*args, **kwargs)
def go():
    P(["codex"], stdout=subprocess.PIPE)
""",
)
case(
    "popen_subclass_reshaped",
    """
from subprocess import Popen
class Shell(Popen):
    def __init__(self, line):
        super().__init__(["sh", "-c", line])
Shell("codex exec")
""",
)
case(
    "popen_subclass_of_subclass",
    None,
    app__procs_DOT_py="""
import subprocess
class P(subprocess.Popen):
    pass
""",
    app__main_DOT_py="""
from app.procs import P
class Q(P):
    pass
def go():
    Q(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "popen_subclass_other_module",
    None,
    app__procs_DOT_py="""
import subprocess
class P(subprocess.Popen):
    pass
""",
    app__main_DOT_py="""
from app import procs
procs.P(["codex"])
""",
    app____init___DOT_py="",
)
case(
    "VALID_popen_subclass",
    "import subprocess\nclass P(subprocess.Popen):\n    pass\nP(['git', 'status'])\n",
)
case(
    "VALID_popen_subclass_init",
    """
import subprocess
class P(subprocess.Popen):
    def __init__(self, argv):
        super().__init__(argv)
P(["git"])
""",
)


# What each case gives today (a gap fixed or a verdict improved: update its line).
# ---- stores through aliases, not starting their line, from classmethods, into instances
_CONFIG = """
CMD = "git"
PROGRAMS = ["git"]
"""
_RUN_CMD = """
import subprocess
from app import config
def go():
    subprocess.run([config.CMD])
"""
_RUN_PROGRAMS = """
import subprocess
from app import config
def go():
    for p in config.PROGRAMS:
        subprocess.run([p])
"""
case(
    "module_attr_set_through_import_alias",
    None,
    app__config_DOT_py=_CONFIG,
    app__setup_DOT_py="""
import app.config as c
c.CMD = "codex"
""",
    app__main_DOT_py=_RUN_CMD,
    app____init___DOT_py="",
)
case(
    "module_attr_set_through_from_alias",
    None,
    app__config_DOT_py=_CONFIG,
    app__setup_DOT_py="""
from app import config as cfg
cfg.CMD = "codex"
""",
    app__main_DOT_py=_RUN_CMD,
    app____init___DOT_py="",
)
case(
    "VALID_module_attr_set_through_alias_git",
    None,
    app__config_DOT_py=_CONFIG,
    app__setup_DOT_py="""
from app import config as cfg
cfg.CMD = "make"
""",
    app__main_DOT_py=_RUN_CMD,
    app____init___DOT_py="",
)
case(
    "class_attr_set_through_alias",
    None,
    app__config_DOT_py="""
class Config:
    BIN = "git"
""",
    app__setup_DOT_py="""
from app.config import Config as C
C.BIN = "codex"
""",
    app__main_DOT_py="""
import subprocess
from app.config import Config
def go():
    subprocess.run([Config.BIN])
""",
    app____init___DOT_py="",
)
case(
    "module_list_appended_through_alias",
    None,
    app__config_DOT_py=_CONFIG,
    app__setup_DOT_py="""
import app.config as c
def add(p):
    c.PROGRAMS.append(p)
""",
    app__main_DOT_py=_RUN_PROGRAMS,
    app____init___DOT_py="",
)
case(
    "module_attr_set_after_semicolon",
    None,
    app__config_DOT_py=_CONFIG,
    app__setup_DOT_py="""
from app import config
x = 1; config.CMD = "codex"
""",
    app__main_DOT_py=_RUN_CMD,
    app____init___DOT_py="",
)
case(
    "module_attr_set_chained",
    None,
    app__config_DOT_py=_CONFIG,
    app__setup_DOT_py="""
from app import config
a = config.CMD = "codex"
""",
    app__main_DOT_py=_RUN_CMD,
    app____init___DOT_py="",
)
case(
    "module_attr_set_in_one_line_if",
    None,
    app__config_DOT_py=_CONFIG,
    app__setup_DOT_py="""
import os
from app import config
if os.environ.get("X"): config.CMD = "codex"
""",
    app__main_DOT_py=_RUN_CMD,
    app____init___DOT_py="",
)
case(
    "module_attr_set_in_one_line_else",
    None,
    app__config_DOT_py=_CONFIG,
    app__setup_DOT_py="""
import os
from app import config
if os.environ.get("X"):
    pass
else: config.CMD = "codex"
""",
    app__main_DOT_py=_RUN_CMD,
    app____init___DOT_py="",
)
case(
    "module_attr_set_continued",
    None,
    app__config_DOT_py=_CONFIG,
    app__setup_DOT_py="""
from app import config
config.CMD = (
    "codex"
)
""",
    app__main_DOT_py=_RUN_CMD,
    app____init___DOT_py="",
)
case(
    "module_list_appended_after_semicolon",
    None,
    app__config_DOT_py=_CONFIG,
    app__setup_DOT_py="""
from app import config
def add(p):
    n = 1; config.PROGRAMS.append(p)
    return n
""",
    app__main_DOT_py=_RUN_PROGRAMS,
    app____init___DOT_py="",
)
case(
    "VALID_module_list_compared",
    None,
    app__config_DOT_py=_CONFIG,
    app__setup_DOT_py="""
from app import config
seen = {}
def check(i):
    if config.PROGRAMS[i] == "git": seen[i] = True
""",
    app__main_DOT_py=_RUN_PROGRAMS,
    app____init___DOT_py="",
)
case(
    "classmethod_cls_attr_set",
    """
import subprocess
class C:
    BIN = "git"
    @classmethod
    def configure(cls):
        cls.BIN = "codex"
def go():
    subprocess.run([C.BIN])
""",
)
case(
    "VALID_classmethod_cls_attr_set_git",
    """
import subprocess
class C:
    BIN = "git"
    @classmethod
    def configure(cls):
        cls.BIN = "make"
def go():
    subprocess.run([C.BIN])
""",
)
case(
    "type_self_attr_set",
    """
import subprocess
class C:
    BIN = "git"
    def configure(self):
        type(self).BIN = "codex"
def go():
    subprocess.run([C.BIN])
""",
)
case(
    "self_class_attr_set",
    """
import subprocess
class C:
    BIN = "git"
    def configure(self):
        self.__class__.BIN = "codex"
def go():
    subprocess.run([C.BIN])
""",
)
case(
    "instance_mapping_registered",
    """
import subprocess
class F:
    def __init__(self):
        self.reg = {"git": "git"}
    def add(self, n, p):
        self.reg[n] = p
    def start(self, n):
        subprocess.run([self.reg[n]])
def main():
    f = F()
    f.add("codex", "codex")
    f.start("codex")
""",
)
case(
    "instance_mapping_filled",
    """
import subprocess
class F:
    def __init__(self):
        self.reg = {"git": "git"}
    def fill(self, pairs):
        for n, p in pairs:
            self.reg[n] = p
    def start(self, n):
        subprocess.run([self.reg[n]])
""",
)
case(
    "instance_list_appended_by_subclass",
    None,
    app__base_DOT_py="""
import subprocess
class Base:
    def __init__(self):
        self.programs = ["git"]
    def run_all(self):
        for p in self.programs:
            subprocess.run([p])
""",
    app__main_DOT_py="""
from app.base import Base
class Sub(Base):
    def add(self, p):
        self.programs.append(p)
""",
    app____init___DOT_py="",
)
case(
    "VALID_instance_mapping_registered_git",
    """
import subprocess
class F:
    def __init__(self):
        self.reg = {"git": "git"}
    def add(self, n, p):
        self.reg[n] = p
    def start(self, n):
        subprocess.run([self.reg[n]])
def main():
    f = F()
    f.add("make", "make")
    f.start("make")
""",
)


# ---- stores through a local alias, a tuple target, an instance from outside, a call's result
_SETTINGS = """
class Config:
    def __init__(self):
        self.cmd = "git"
settings = Config()
"""
_RUN_SETTINGS = """
import subprocess
from app.config import settings
def go():
    subprocess.run([settings.cmd])
"""
_REG_CONFIG = """
REGISTRY = {"git": "git"}
"""
_RUN_REG = """
import subprocess
from app import config
def go(name):
    subprocess.run([config.REGISTRY[name]])
"""
_ACCESSOR = """
class Config:
    CMD = "git"
_config = Config()
def get_config():
    return _config
"""
_RUN_ACCESSOR = """
import subprocess
from app.config import get_config
def go():
    subprocess.run([get_config().CMD])
"""


def _stores(name: str, setup: str, config: str = _CONFIG, main: str = _RUN_CMD) -> None:
    case(
        name,
        None,
        app__config_DOT_py=config,
        app__setup_DOT_py=setup,
        app__main_DOT_py=main,
        app____init___DOT_py="",
    )


_stores(
    "module_attr_set_through_local_alias",
    """
from app import config
cfg = config
cfg.CMD = "codex"
""",
)
_stores(
    "module_attr_set_through_local_alias_in_func",
    """
from app import config
def configure():
    cfg = config
    cfg.CMD = "codex"
""",
)
_stores(
    "VALID_module_attr_set_through_local_alias_git",
    """
from app import config
cfg = config
cfg.CMD = "make"
""",
)
_stores(
    "class_attr_set_through_local_alias",
    """
from app.config import Config
def configure():
    k = Config
    k.BIN = "codex"
""",
    config="""
class Config:
    BIN = "git"
""",
    main="""
import subprocess
from app.config import Config
def go():
    subprocess.run([Config.BIN])
""",
)
_stores(
    "module_instance_attr_set",
    """
from app.config import settings
def configure():
    settings.cmd = "codex"
""",
    config=_SETTINGS,
    main=_RUN_SETTINGS,
)
_stores(
    "VALID_module_instance_attr_set_git",
    """
from app.config import settings
def configure():
    settings.cmd = "make"
""",
    config=_SETTINGS,
    main=_RUN_SETTINGS,
)
_stores(
    "module_instance_attr_set_unknown",
    """
from app.config import settings
def configure(v):
    settings.cmd = v
""",
    config=_SETTINGS,
    main=_RUN_SETTINGS,
)
_stores(
    "module_instance_attr_set_through_local_alias",
    """
from app.config import settings
def configure():
    cfg = settings
    cfg.cmd = "codex"
""",
    config=_SETTINGS,
    main=_RUN_SETTINGS,
)
_stores(
    "module_instance_setattr_literal_name",
    """
from app.config import settings
setattr(settings, "cmd", "codex")
""",
    config=_SETTINGS,
    main=_RUN_SETTINGS,
)
_stores(
    "module_attr_set_tuple_target",
    """
from app import config
config.CMD, x = "codex", 1
""",
)
_stores(
    "module_attr_set_tuple_target_second",
    """
from app import config
(x, config.CMD) = (1, "codex")
""",
)
_stores(
    "VALID_module_attr_set_tuple_target_git",
    """
from app import config
config.CMD, x = "make", 1
""",
)
_stores(
    "module_attr_set_tuple_target_unpacked",
    """
from app import config
def configure(pair):
    config.CMD, x = pair
""",
)
_stores(
    "module_attr_augmented_mod",
    """
from app import config
config.CMD %= "codex"
""",
    config="""
CMD = "%s"
""",
)
_stores(
    "accessor_attr_set",
    """
from app.config import get_config
get_config().CMD = "codex"
""",
    config=_ACCESSOR,
    main=_RUN_ACCESSOR,
)
_stores(
    "VALID_accessor_attr_set_git",
    """
from app.config import get_config
get_config().CMD = "make"
""",
    config=_ACCESSOR,
    main=_RUN_ACCESSOR,
)
_stores(
    "accessor_instance_attr_set",
    """
from app.config import get_settings
def configure():
    get_settings().cmd = "codex"
""",
    config=_SETTINGS
    + """
def get_settings():
    return settings
""",
    main="""
import subprocess
from app.config import get_settings
def go():
    subprocess.run([get_settings().cmd])
""",
)
_stores(
    "module_mapping_stored_through_local_alias",
    """
from app import config
def register(k, v):
    reg = config.REGISTRY
    reg[k] = v
""",
    config=_REG_CONFIG,
    main=_RUN_REG,
)
_stores(
    "module_mapping_updated_through_imported_alias",
    """
from app.config import REGISTRY
def register(k, v):
    reg = REGISTRY
    reg.update({k: v})
""",
    config=_REG_CONFIG,
    main=_RUN_REG,
)
_stores(
    "VALID_module_mapping_copied_then_stored",
    """
from app import config
def register(k, v):
    reg = dict(config.REGISTRY)
    reg[k] = v
    return reg
""",
    config=_REG_CONFIG,
    main=_RUN_REG,
)
_stores(
    "module_list_appended_through_local_alias",
    """
from app import config
def add(p):
    progs = config.PROGRAMS
    progs.append(p)
""",
    main=_RUN_PROGRAMS,
)
case(
    "module_mapping_stored_through_alias_at_module_level",
    """
import subprocess
REGISTRY = {"git": "git"}
reg = REGISTRY
reg["codex"] = "codex"
def go(name):
    subprocess.run([REGISTRY[name]])
""",
)
case(
    "class_mapping_stored_through_local_alias",
    """
import subprocess
class Owner:
    _registry = {"git": "git"}
def register(k, v):
    r = Owner._registry
    r[k] = v
def go(name):
    subprocess.run([Owner._registry[name]])
""",
)
case(
    "instance_mapping_stored_from_outside",
    None,
    app__f_DOT_py="""
import subprocess
class F:
    def __init__(self):
        self.reg = {"git": "git"}
    def start(self, n):
        subprocess.run([self.reg[n]])
""",
    app__main_DOT_py="""
from app.f import F
def main(f: F, k, v):
    f.reg[k] = v
""",
    app____init___DOT_py="",
)
case(
    "VALID_instance_mapping_read_from_outside",
    None,
    app__f_DOT_py="""
import subprocess
class F:
    def __init__(self):
        self.reg = {"git": "git"}
    def start(self, n):
        subprocess.run([self.reg[n]])
""",
    app__main_DOT_py="""
from app.f import F
def main(f: F, k):
    return f.reg[k]
""",
    app____init___DOT_py="",
)


# ---- module-level names bound in loops (`ModuleScope._index`: a `for` header binds its target)
case(
    "module_loop_target_beside_keyword",
    """
import subprocess
from app import config
def main():
    subprocess.run([config.CMD])
""",
    app__config_DOT_py="""
PROGRAM = "codex"
for CMD in [PROGRAM] if dict(key=1) else []:
    pass
""",
    app____init___DOT_py="",
)
case(
    "module_loop_body_appends",
    """
import subprocess
from app import config
def main():
    for p in config.PROGRAMS:
        subprocess.run([p])
""",
    app__config_DOT_py="""
PROGRAMS = ["git"]
def kinds(which=None):
    return [which]
for kind in kinds(which=PROGRAMS):
    PROGRAMS.append("codex")
""",
    app____init___DOT_py="",
)
case(
    "VALID_module_loop_reads_name",
    """
import subprocess
from app import config
def main():
    subprocess.run([config.CMD])
""",
    app__config_DOT_py="""
CMD = "git"
def names(prefix, sep=None):
    return [prefix]
for alias in names(CMD, sep=None):
    print(alias, end=None)
""",
    app____init___DOT_py="",
)


# ---- session 18: fail-opens closed (trust18)
# Methods inherited from a base the analysis cannot see (a library class): given a forbidden
# program's name, the call is unresolved, naming the base.
UNKNOWN_BASE = """
import subprocess
from somelib import Base
class B(Base):
    pass
def go():
    subprocess.run(["git", "status"])
    B().run(ARGV)
"""
case("inherited_unknown_base_method", UNKNOWN_BASE.replace("ARGV", '["codex", "exec"]'))
case("VALID_inherited_unknown_base_method_git", UNKNOWN_BASE.replace("ARGV", '["git", "log"]'))
# More words than are looked at (`WORDS_LOOKED_AT`): not read to the end, so not clean.
case(
    "inherited_unknown_base_method_words_not_all_read",
    UNKNOWN_BASE.replace("ARGV", "[" + ", ".join(f'"w{i}"' for i in range(300)) + "]"),
)
case(
    "inherited_unknown_base_self_method",
    """
import subprocess
from somelib import Base
class B(Base):
    def go(self):
        subprocess.run(["git", "status"])
        self.start(["codex", "exec"])
""",
)
case(
    "VALID_inherited_unknown_base_own_method",
    """
import subprocess
from somelib import Base
class B(Base):
    def start(self, argv):
        pass
    def go(self):
        subprocess.run(["git", "status"])
        self.start(["codex", "exec"])
""",
)
# A library class's method a model knows, inherited by a project class.
case(
    "code_console_subclass_push",
    """
import code
class Shell(code.InteractiveConsole):
    def go(self):
        self.push("import os; os.system('codex exec')")
""",
)
case(
    "VALID_code_console_subclass_push_git",
    """
import code
class Shell(code.InteractiveConsole):
    def go(self):
        self.push("import os; os.system('git status')")
""",
)
# An instance called through a module-level holder in another module (`__call__`).
CALLED_HOLDER = """
import subprocess
class Runner:
    def __call__(self, argv):
        subprocess.run(argv)
runner = Runner()
"""
case(
    "dunder_call_module_holder_imported",
    """
from app.a import runner
def go():
    runner(["codex", "exec"])
""",
    app__a_DOT_py=CALLED_HOLDER,
)
case(
    "dunder_call_module_holder_attribute",
    """
from app import a
def go():
    a.runner(["codex", "exec"])
""",
    app__a_DOT_py=CALLED_HOLDER,
)
case(
    "VALID_dunder_call_module_holder_git",
    """
from app.a import runner
def go():
    runner(["git", "status"])
""",
    app__a_DOT_py=CALLED_HOLDER,
)
# The standard library's interpreters run source as `exec` does.
case(
    "code_interpreter_runsource",
    """
import code
def go():
    code.InteractiveInterpreter().runsource("import os; os.system('codex exec')")
""",
)
case(
    "code_console_push",
    """
from code import InteractiveConsole
def go():
    c = InteractiveConsole()
    c.push("import subprocess; subprocess.run(['codex'])")
""",
)
case(
    "code_interpreter_runsource_stdin",
    """
import code, sys
def go():
    code.InteractiveInterpreter().runsource(sys.stdin.read())
""",
)
case(
    "code_console_push_incomplete",
    """
import code
def go(lines):
    c = code.InteractiveConsole()
    c.push("if True:")
    c.push("    import os; os.system('ls')")
""",
)
case(
    "VALID_code_interpreter_runsource_git",
    """
import code
def go():
    code.InteractiveInterpreter().runsource("import os; os.system('git status')")
""",
)
# runpy runs a file as `python FILE` / `python -m MOD` do: a project file is analysed in its
# own right (its launches are reported where they are); a file not known is not seen.
case(
    "runpy_run_path_project_file",
    """
import runpy
def go():
    runpy.run_path("app/tool.py")
""",
    app__tool_DOT_py="""
import subprocess
subprocess.run(["codex", "exec"])
""",
)
case(
    "VALID_runpy_run_module_project_git",
    """
import runpy
def go():
    runpy.run_module("app.tool")
""",
    app__tool_DOT_py="""
import subprocess
subprocess.run(["git", "status"])
""",
)
# exec under another name.
case(
    "exec_imported_from_builtins_as",
    """
from builtins import exec as run
def go():
    run("import os; os.system('codex')")
""",
)
case(
    "exec_getattr_builtins",
    """
import builtins
def go():
    getattr(builtins, "exec")("import os; os.system('codex')")
""",
)
case(
    "exec_bound_builtins_attribute",
    """
import builtins
run = builtins.exec
def go(x):
    run(x)
""",
)
case(
    "VALID_exec_imported_from_builtins_git",
    """
from builtins import exec as run
def go():
    run("import subprocess; subprocess.run(['git', 'status'])")
""",
)


# A project subclass inheriting a launching method, made and called in a module that names
# neither the base nor the method's module.
LAUNCHING_BASE = """
import subprocess
class A:
    def run(self, argv):
        subprocess.run(argv)
"""
INHERITING_SUBCLASS = """
from app.a import A
class B(A):
    pass
"""
case(
    "inherited_method_subclass_other_module",
    """
from app.b import B
def go():
    b = B()
    b.run(["codex", "exec"])
""",
    app__a_DOT_py=LAUNCHING_BASE,
    app__b_DOT_py=INHERITING_SUBCLASS,
)
case(
    "VALID_inherited_method_subclass_other_module_git",
    """
from app.b import B
def go():
    B().run(["git", "status"])
""",
    app__a_DOT_py=LAUNCHING_BASE,
    app__b_DOT_py=INHERITING_SUBCLASS,
)
# A variable set in the environment before a shell that expands it.
case(
    "environ_set_before_shell",
    """
import os, subprocess
def go():
    os.environ["TOOL"] = "codex"
    subprocess.run(["sh", "-c", "$TOOL exec"])
""",
)
case(
    "environ_set_before_shell_true",
    """
import os, subprocess
def go():
    os.environ["TOOL"] = "codex"
    subprocess.run("$TOOL exec", shell=True)
""",
)
# An allowed value proves nothing: a call between may set it again (unresolved, as before).
case(
    "environ_set_git_before_shell",
    """
import os, subprocess
def go():
    os.environ["TOOL"] = "git"
    subprocess.run(["sh", "-c", "$TOOL status"])
""",
)
case(
    "VALID_environ_set_after_shell_git",
    """
import os, subprocess
def go():
    subprocess.run(["sh", "-c", "git status"])
    os.environ["TOOL"] = "codex"
""",
)
case(
    "environ_deleted_before_shell",
    """
import os, subprocess
def go():
    os.environ["TOOL"] = "codex"
    del os.environ["TOOL"]
    subprocess.run(["sh", "-c", "$TOOL exec"])
""",
)
case(
    "environ_popped_before_shell",
    """
import os, subprocess
def go():
    os.environ["TOOL"] = "codex"
    os.environ.pop("TOOL", None)
    subprocess.run(["sh", "-c", "$TOOL exec"])
""",
)
case(
    "environ_updated_before_shell",
    """
import os, subprocess
def go():
    os.environ.update({"TOOL": "codex"})
    subprocess.run(["sh", "-c", "$TOOL exec"])
""",
)
case(
    "environ_updated_by_keyword_before_env",
    """
import os, subprocess
def go():
    os.environ.update(TOOL="codex")
    subprocess.run(["env", "sh", "-c", "$TOOL exec"])
""",
)
case(
    "environ_putenv_before_shell",
    """
import os, subprocess
def go():
    os.putenv("TOOL", "codex")
    subprocess.run("$TOOL exec", shell=True)
""",
)
case(
    "environ_setdefault_before_shell",
    """
import os, subprocess
def go():
    os.environ.setdefault("TOOL", "codex")
    subprocess.run(["sh", "-c", "$TOOL exec"])
""",
)
case(
    "VALID_environ_updated_before_shell_not_reading_it",
    """
import os, subprocess
def go():
    os.environ.update({"TOOL": "codex"})
    subprocess.run(["sh", "-c", "git status"])
""",
)
case(
    "exec_bound_name_module_level",
    """
from app.scripts import SRC
run = builtins_exec = exec
run(SRC)
""",
    app__scripts_DOT_py="""
SRC = "import os; os.system('codex')"
""",
)


EXEC_BOUND = """
run = exec
"""
case(
    "exec_bound_in_another_module",
    """
from app.r import run
def go():
    run("import os; os.system('codex')")
""",
    app__r_DOT_py=EXEC_BOUND,
)
case(
    "VALID_exec_bound_in_another_module_git",
    """
from app.r import run
def go():
    run("import os; os.system('git status')")
""",
    app__r_DOT_py=EXEC_BOUND,
)


# ---- `with` a context-manager generator; list repetition; a slice of an optional list
# (session 19 recall: claude-in-codex's `async with BACKEND.prepare(req) as prepared`,
# claude-ops's `(["Down"] * step if ... else ["Up"] * -step) + ["Enter"]`, sliced `[:-1]`
# after `if keys is None: return`)
CM_BACKEND = """
import contextlib
from dataclasses import dataclass
@dataclass(frozen=True)
class Prepared:
    argv: tuple
class Backend:
    @contextlib.asynccontextmanager
    async def prepare(self, prompt, program):
        yield Prepared(argv=(program, "-p", prompt))
BACKEND = Backend()
"""
CM_PREPARED_USE = """
import subprocess
from app.backend import BACKEND
async def go(prompt):
    async with BACKEND.prepare(prompt, "PROGRAM") as prepared:
        cmd = list(prepared.argv)
    subprocess.run(cmd)
"""
CM_STAGED = """
import subprocess
from contextlib import contextmanager
@contextmanager
def staged(prompt):
    yield ["PROGRAM", "exec", prompt]
def go(prompt):
    with staged(prompt) as argv:
        subprocess.run(argv)
"""
case(
    "with_asynccontextmanager_method_yield",
    CM_PREPARED_USE.replace("PROGRAM", "claude"),
    app__backend_DOT_py=CM_BACKEND,
)
case(
    "VALID_with_asynccontextmanager_method_yield_git",
    CM_PREPARED_USE.replace("PROGRAM", "git"),
    app__backend_DOT_py=CM_BACKEND,
)
case("with_contextmanager_function_yield", CM_STAGED.replace("PROGRAM", "codex"))
case(
    "with_generator_not_a_context_manager",
    """
import subprocess
def staged(prompt):
    yield ["codex", "exec", prompt]
def go(prompt):
    with staged(prompt) as argv:
        subprocess.run(argv)
""",
)
case("VALID_with_contextmanager_function_yield_git", CM_STAGED.replace("PROGRAM", "git"))
REPEATED_KEYS = """
import subprocess
def keys(n):
    return (["FIRST"] * n if n > 0 else ["Up"] * -n) + ["Enter"]
def go(name, n):
    for k in keys(n):
        subprocess.run(["tmux", "send-keys", "-t", name, k])
"""
case("list_repeated_unknown_count_element", REPEATED_KEYS.replace('"FIRST"', '"codex"'))
case("VALID_list_repeated_unknown_count_element_git", REPEATED_KEYS.replace("FIRST", "Down"))
case(
    "list_repeated_known_count_program",
    """
import subprocess
def go():
    subprocess.run(["codex"] * 1 + ["exec"])
""",
)
case(
    "list_repeated_program_unknown_count",
    """
import subprocess
def go(n):
    subprocess.run(["codex"] * n)
""",
)
case(
    "VALID_optional_list_sliced_after_none_check_git",
    """
import subprocess
def keys(pane):
    if not pane:
        return None
    return ["Up"] * len(pane) + ["Enter"]
def go(name, pane):
    ks = keys(pane)
    if ks is None:
        return
    for k in ks[:-1]:
        subprocess.run(["tmux", "send-keys", "-t", name, k])
""",
)
case(
    "optional_list_sliced_after_none_check",
    """
import subprocess
def progs(flag):
    if not flag:
        return None
    return ["git", "codex", "last"]
def go(flag):
    ps = progs(flag)
    if ps is None:
        return
    for p in ps[:-1]:
        subprocess.run([p, "--version"])
""",
)


# ---- launchers kept in containers, on objects, in class attributes (session 20)
case(
    "launcher_in_dict_handed_on",
    """
import subprocess
def use(cfg):
    cfg["run"](["codex"])
def go():
    use({"run": subprocess.run})
""",
)
case(
    "launcher_in_dict_handed_on_get",
    """
import subprocess
def use(cfg, argv):
    cfg.get("run")(argv)
def go():
    use({"run": subprocess.run}, ["codex", "exec"])
""",
)
case(
    "launcher_in_list_handed_on",
    """
import subprocess
def use(runners):
    runners[0](["codex"])
def go():
    use([subprocess.Popen])
""",
)
case(
    "launcher_in_dict_handed_on_other_module",
    """
import subprocess
from app.util import use
def go():
    use({"run": subprocess.run}, ["codex"])
""",
    app__util_DOT_py="""
def use(cfg, argv):
    return cfg["run"](argv)
""",
)
case(
    "VALID_launcher_in_dict_handed_on_git",
    """
import subprocess
def use(cfg):
    cfg["run"](["git", "status"])
def go():
    use({"run": subprocess.run})
""",
)
case(
    "launcher_in_dict_from_factory",
    """
import subprocess
def factory():
    return {"run": subprocess.run}
def go():
    cfg = factory()
    cfg["run"](["codex"])
""",
)
# Handed on through a function that only passes its parameter on (`mid(c): use(c)`): a
# caller giving `mid` a launcher makes `mid` follow the calls handing that parameter on.
case(
    "launcher_in_dict_handed_on_two_levels",
    """
import subprocess
def use(cfg):
    cfg["run"](["codex"])
def mid(c):
    use(c)
def go():
    mid({"run": subprocess.run})
""",
)
case(
    "launcher_handed_on_two_levels",
    """
import subprocess
def use(r):
    r(["codex"])
def mid(c):
    use(c)
def go():
    mid(subprocess.run)
""",
)
case(
    "VALID_launcher_handed_on_two_levels_git",
    """
import subprocess
def use(r):
    r(["git", "status"])
def mid(c):
    use(c)
def go():
    mid(subprocess.run)
""",
)
case(
    "VALID_launcher_in_dict_handed_on_two_levels_git",
    """
import subprocess
def use(cfg):
    cfg["run"](["git"])
def mid(c):
    use(c)
def go():
    mid({"run": subprocess.run})
""",
)
# Three levels across modules, the caller's module analysed first.
case(
    "launcher_handed_on_three_levels_other_module",
    """
import subprocess
from app.util import top
def go():
    top(run=subprocess.Popen)
""",
    app__util_DOT_py="""
def use(r, argv):
    return r(argv)
def mid(c):
    return use(c, ["codex", "exec"])
def top(run=None):
    mid(run)
""",
)
# A launcher kept in a class attribute, called on `self`.
CLASS_ATTR = """
import subprocess
class C:
    runner = HELD
    def go(self):
        self.runner(ARGV)
"""
case(
    "launcher_class_attr_self",
    CLASS_ATTR.replace("HELD", "subprocess.Popen").replace("ARGV", '["codex"]'),
)
case(
    "launcher_class_attr_staticmethod_self",
    CLASS_ATTR.replace("HELD", "staticmethod(subprocess.run)").replace("ARGV", '["codex"]'),
)
case(
    "launcher_class_attr_staticmethod_cls",
    """
import subprocess
class C:
    runner = staticmethod(subprocess.run)
def go():
    C.runner(["codex"])
""",
)
case(
    "VALID_launcher_class_attr_staticmethod_git",
    CLASS_ATTR.replace("HELD", "staticmethod(subprocess.run)").replace("ARGV", '["git", "status"]'),
)
# A launcher set on a module-level instance held in another module, called there.
SET_ON_HELD = """
import subprocess
from app.client import client
client.runner = subprocess.Popen
def go():
    client.runner(ARGV)
"""
HELD_CLIENT = """
class Client:
    def __init__(self):
        self.runner = None
client = Client()
"""
case(
    "launcher_set_on_module_instance",
    SET_ON_HELD.replace("ARGV", '["codex"]'),
    app__client_DOT_py=HELD_CLIENT,
)
case(
    "VALID_launcher_set_on_module_instance_git",
    SET_ON_HELD.replace("ARGV", '["git"]'),
    app__client_DOT_py=HELD_CLIENT,
)
# Called in the class's own module, which names no launch API: the store notes `Client.runner`
# (`Analyzer.launcher_attrs`), whose calls are looked for as a method wrapper's are.
IN_ITS_CLASS = """
class Client:
    runner = print
    def go(self):
        self.runner(ARGV)
client = Client()
"""
case(
    "launcher_set_on_module_instance_called_in_its_class",
    """
import subprocess
from app import client
client.client.runner = subprocess.Popen
""",
    app__client_DOT_py=IN_ITS_CLASS.replace("ARGV", '["codex"]'),
)
case(
    "VALID_launcher_set_on_module_instance_called_in_its_class_git",
    """
import subprocess
from app import client
client.client.runner = subprocess.Popen
""",
    app__client_DOT_py=IN_ITS_CLASS.replace("ARGV", '["git"]'),
)
# The class in a third module, the launcher set in a function on an instance it is given.
case(
    "launcher_set_on_given_instance_called_in_base_module",
    """
import subprocess
from app.holder import client
def setup():
    client.runner = subprocess.run
""",
    app__holder_DOT_py="""
from app.base import Client
client = Client()
""",
    app__base_DOT_py="""
class Client:
    runner = None
    def go(self, prompt):
        return self.runner(["claude", "-p", prompt])
""",
)
# A dataclass field whose default is a project function that launches, called through the
# instance (`self.runner(argv)`: the function itself, not bound to the instance).
FIELD_RUNNER = """
import subprocess
from dataclasses import dataclass, field
from typing import Callable
def launch(argv):
    subprocess.run(argv)
@dataclass
class Svc:
    name: str = "x"
    runner: Callable = HELD
    def go(self):
        self.runner(ARGV)
def main():
    Svc().go()
"""
case(
    "dataclass_field_default_function_launches",
    FIELD_RUNNER.replace("HELD", "launch").replace("ARGV", '["codex"]'),
)
case(
    "dataclass_field_factory_function_launches",
    FIELD_RUNNER.replace("HELD", "field(default=launch)").replace("ARGV", '["codex"]'),
)
case(
    "VALID_dataclass_field_default_function_git",
    FIELD_RUNNER.replace("HELD", "launch").replace("ARGV", '["git"]'),
)
# dogear's shape (session 20): the field called through an annotated parameter.
DOGEAR = """
import subprocess
from dataclasses import dataclass
from typing import Callable
def _launch(cmd: list[str], cwd: str) -> int:
    return subprocess.call(cmd, cwd=cwd)
@dataclass
class Context:
    exec_fn: Callable[[list[str], str], int] = _launch
def _open(ctx: Context, cwd: str) -> int:
    return ctx.exec_fn(ARGV, cwd)
def main(ctx: Context | None = None) -> int:
    ctx = ctx or Context()
    return _open(ctx, ".")
"""
case("dataclass_field_function_annotated_param", DOGEAR.replace("ARGV", '["codex", "resume"]'))
case("VALID_dataclass_field_function_annotated_param_git", DOGEAR.replace("ARGV", '["git", "log"]'))
# A launcher set on a local object of unknown construction, then called (`AGAIN`: the name
# bound again in between).
SET_ON_LOCAL = """
import subprocess
REG = {}
def go(name):
    obj = REG[name]()
    obj.runner = subprocess.run
    AGAIN
    obj.runner(ARGV)
"""
case(
    "launcher_set_on_unknown_construction",
    SET_ON_LOCAL.replace("AGAIN", "n = 0").replace("ARGV", '["codex"]'),
)
case(
    "VALID_launcher_set_on_unknown_construction_git",
    SET_ON_LOCAL.replace("AGAIN", "n = 0").replace("ARGV", '["git"]'),
)
case(
    "launcher_set_on_local_rebound",
    SET_ON_LOCAL.replace("AGAIN", 'obj = REG["x"]()').replace("ARGV", '["codex"]'),
)

# ---- catalogue: multiprocessing's interpreter, invoke, fabric, the C library (session 20)
case(
    "multiprocessing_set_executable",
    """
import multiprocessing
multiprocessing.set_executable("/usr/local/bin/codex")
""",
)
case(
    "multiprocessing_spawn_set_executable",
    """
import multiprocessing.spawn
multiprocessing.spawn.set_executable("codex")
""",
)
case(
    "multiprocessing_context_set_executable",
    """
import multiprocessing
ctx = multiprocessing.get_context("spawn")
ctx.set_executable("codex")
""",
)
case(
    "VALID_multiprocessing_set_executable_python",
    """
import multiprocessing
multiprocessing.set_executable("/usr/bin/python3")
""",
)
case(
    "invoke_run",
    """
import invoke
invoke.run("codex exec")
""",
)
case(
    "invoke_context_run",
    """
from invoke import Context
def go():
    c = Context()
    c.run("codex exec")
""",
)
case(
    "VALID_invoke_context_run_git",
    """
from invoke import Context
Context().run("git status")
""",
)
# A task's context is given by invoke's command line: the first parameter of a function
# `invoke.task` (or fabric's `task`) registers is an `invoke.Context` (`TASK_CONTEXTS`).
case(
    "invoke_task_context_run",
    """
from invoke import task
@task
def build(c):
    c.run("codex exec")
""",
)
case(
    "invoke_task_called_context_run",
    """
import invoke
@invoke.task(help={"x": "y"})
def build(ctx, x=1):
    ctx.sudo(f"claude -p {x}")
""",
)
case(
    "VALID_invoke_task_context_run_git",
    """
from invoke import task
@task
def build(c):
    c.run("git status")
""",
)
case(
    "fabric_task_context_run",
    """
from fabric import task
@task
def deploy(c):
    c.run("gemini -p hi")
""",
)
case(
    "invoke_tasks_module_task_context_run",
    """
from invoke.tasks import task
@task
def build(c):
    c.run("codex exec")
""",
)
case(
    "fabric_tasks_module_task_context_run",
    """
import fabric.tasks
@fabric.tasks.task
def deploy(c):
    c.run("gemini -p hi")
""",
)
case(
    "VALID_fabric_task_context_run_git",
    """
from fabric import task
@task
def deploy(c):
    c.run("git pull")
""",
)
# A decorator named `task` that is not a task runner's: the parameter is the callers'.
case(
    "VALID_other_task_decorator",
    """
from app.jobs import task
@task
def build(c):
    c.run("codex exec")
""",
    app__jobs_DOT_py="""
def task(fn):
    return fn
""",
)
case(
    "fabric_connection_local",
    """
from fabric import Connection
Connection("host").local("codex exec")
""",
)
case(
    "fabric_connection_run_remote",
    """
from fabric import Connection
Connection("host").run("codex exec")
""",
)
case(
    "ctypes_cdll_system",
    """
import ctypes
ctypes.CDLL(None).system(b"codex exec")
""",
)
case(
    "ctypes_libc_system",
    """
import ctypes, ctypes.util
libc = ctypes.CDLL(ctypes.util.find_library("c"))
def go():
    libc.system(b"claude -p hi")
""",
)
case(
    "ctypes_loadlibrary_system",
    """
from ctypes import cdll
libc = cdll.LoadLibrary("libc.so.6")
libc.system(b"gemini")
""",
)
case(
    "VALID_ctypes_cdll_system_git",
    """
from ctypes import CDLL
CDLL("libc.so.6").system(b"git status")
""",
)
case(
    "importlib_import_module_subprocess",
    """
import importlib
sp = importlib.import_module("subprocess")
def go():
    sp.run(["codex"])
""",
)

# ---- standard input from a wrapper's callers; decorators read by name (session 20)
case(
    "stdin_script_from_wrapper_caller",
    """
import subprocess
def run_script(script):
    subprocess.run(["bash"], input=script, text=True)
def go(s):
    run_script(s)
""",
)
case(
    "stdin_script_from_wrapper_caller_known",
    """
import subprocess
def run_script(script):
    subprocess.run(["bash", "-s"], input=script, text=True)
def go():
    run_script("codex exec")
""",
)
case(
    "with_contextmanager_not_contextlib",
    """
import subprocess
from app import helpers
@helpers.contextmanager
def entered():
    yield ["git"]
def go():
    with entered() as argv:
        subprocess.run(argv)
""",
    app__helpers_DOT_py="""
class Cm:
    def __enter__(self):
        return ["codex"]
    def __exit__(self, *a):
        pass
def contextmanager(f):
    return lambda *a: Cm()
""",
)
case(
    "VALID_with_contextmanager_contextlib_alias_git",
    """
import subprocess
import contextlib as cl
@cl.contextmanager
def entered():
    yield ["git"]
def go():
    with entered() as argv:
        subprocess.run(argv)
""",
)
# A constructor's argument handed up through more `super().__init__` calls than are followed.
SUPER_CHAIN = 'import subprocess\nclass C0:\n    def __init__(self, cmd):\n        self.cmd = cmd\n    def go(self):\n        subprocess.run(self.cmd)\nclass C1(C0):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C2(C1):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C3(C2):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C4(C3):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C5(C4):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C6(C5):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C7(C6):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C8(C7):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C9(C8):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C10(C9):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C11(C10):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C12(C11):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C13(C12):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C14(C13):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C15(C14):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C16(C15):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C17(C16):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C18(C17):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C19(C18):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C20(C19):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C21(C20):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C22(C21):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C23(C22):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C24(C23):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C25(C24):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nclass C26(C25):\n    def __init__(self, cmd):\n        super().__init__(cmd)\nC26(["codex"]).go()\n'
case("super_init_chain_past_bound", SUPER_CHAIN)
case("super_init_chain_within_bound", SUPER_CHAIN.replace("C26([", "C20(["))

MISSING_TOOLS_FILTER = """
import shutil
def missing():
    return [b for b in ("tmux", "SECOND") if not shutil.which(b)]
"""
case(
    "which_negated_in_comprehension_filter_second_item",
    MISSING_TOOLS_FILTER.replace("SECOND", "codex"),
)
case(
    "VALID_which_negated_in_comprehension_filter_git", MISSING_TOOLS_FILTER.replace("SECOND", "git")
)
MISSING_TOOLS_LOOP = """
import shutil
def _which(name):
    return shutil.which(name)
def missing():
    found = []
    for b in ("tmux", "SECOND"):
        if not _which(b):
            found.append(b)
    return found
"""
case(
    "which_wrapper_negated_in_unrolled_loop_second_item",
    MISSING_TOOLS_LOOP.replace("SECOND", "codex"),
)
case(
    "VALID_which_wrapper_negated_in_unrolled_loop_git", MISSING_TOOLS_LOOP.replace("SECOND", "git")
)
case(
    "run_compared_in_comprehension_second_item",
    """
import subprocess
def failed():
    return [p for p in ("git", "codex") if subprocess.run([p, "--version"]).returncode != 0]
""",
)

CONSTRUCTOR_OR_SUBCLASS_ATTR = """
import shutil
class Agent:
    binary = "git"
    def __init__(self, binary=None):
        if binary:
            self.binary = binary
    def available(self):
        return shutil.which(self.binary) is not None
class Claude(Agent):
    binary = "SUB"
def check():
    return Claude().available()
"""
case(
    "class_attr_overridden_constructor_may_store",
    CONSTRUCTOR_OR_SUBCLASS_ATTR.replace("SUB", "codex"),
)
case(
    "VALID_class_attr_overridden_constructor_may_store_git",
    CONSTRUCTOR_OR_SUBCLASS_ATTR.replace("SUB", "tmux"),
)

SIBLING_SCRIPT = """
import subprocess, sys
from pathlib import Path
def go():
    script = Path(sys.executable).with_name("TOOL")
    subprocess.run([str(script), "exec"])
"""
case("path_with_name_program", SIBLING_SCRIPT.replace("TOOL", "codex"))
case("VALID_path_with_name_program_git", SIBLING_SCRIPT.replace("TOOL", "git"))

# A wrapper joining its argv parameter into a shell line: the callers' words, once they fill
# it in (`JoinRef`), as a wrapper's f-string of a parameter is.
JOINED_ARGV = """
import os, shlex, subprocess
def run(cmd):
    return subprocess.run(" ".join(cmd), shell=True)
def system(cmd):
    return os.system(shlex.join(cmd))
def in_dir(cmd):
    line = " ".join(shlex.quote(a) for a in cmd)
    return subprocess.run(["bash", "-lc", f"cd /work && {line} < prompt.md"])
def go():
    run(["TOOL", "exec"])
    system(["TOOL", "exec"])
    in_dir(["TOOL", "exec"])
"""
case("join_parameter_shell_line", JOINED_ARGV.replace("TOOL", "codex"))
case("VALID_join_parameter_shell_line_git", JOINED_ARGV.replace("TOOL", "git"))
# A join of joins in a loop (`line = " ".join([line, *e])`): one level of waiting join, the
# rest joined at once (each round would nest another), the line's first word still known.
JOINED_IN_LOOP = """
import subprocess
def run(cmd, extras):
    line = " ".join(cmd)
    for e in extras:
        line = " ".join([line, *e])
    return subprocess.run(line, shell=True)
def go(more):
    run(["TOOL", "exec"], [more, ["-v"]])
"""
case("join_parameter_in_loop", JOINED_IN_LOOP.replace("TOOL", "codex"))
case("VALID_join_parameter_in_loop_git", JOINED_IN_LOOP.replace("TOOL", "git"))
# A join of one of two lists, one a parameter (claude-worktree's launch_ai_tool): each list is
# joined by itself, the constant one here, the parameter once the callers pass it. Joined as
# one list waiting for the parameter, the constant list's program was judged only at the
# callers (none passing it in the frontier runtime: silent).
JOIN_MIXED = """
import shlex, subprocess
def run(cmd, quick):
    items = ["CONST", "exec"] if quick else cmd
    line = " ".join(shlex.quote(a) for a in items)
    return subprocess.run(["bash", "-lc", line])
def go():
    run(["PASSED", "status"], False)
"""
case(
    "join_mixed_alternatives_constant_names_program",
    JOIN_MIXED.replace("CONST", "codex").replace("PASSED", "ls"),
)
case(
    "join_mixed_alternatives_caller_names_program",
    JOIN_MIXED.replace("CONST", "git").replace("PASSED", "codex"),
)
case(
    "VALID_join_mixed_alternatives_git",
    JOIN_MIXED.replace("CONST", "git").replace("PASSED", "ls"),
)
# The same with no caller at all: the constant list still names its program at the launch (the
# parameter's list, which no call passes, is FL200 as any wrapper's without callers).
JOIN_MIXED_UNCALLED = """
import subprocess
def run(cmd, quick):
    items = [*(["TOOL", "exec"] if quick else cmd), "--yes"]
    return subprocess.run(" ".join(items), shell=True)
"""
case("join_mixed_alternatives_no_caller", JOIN_MIXED_UNCALLED.replace("TOOL", "codex"))
case("VALID_join_mixed_alternatives_no_caller_git", JOIN_MIXED_UNCALLED.replace("TOOL", "git"))
# A join nested in another's items (`" ".join([" ".join(cmd), "--yes"])`): the outer join is
# made now, the inner one waits for the caller's words inside it.
JOIN_NESTED = """
import subprocess
def run(cmd):
    line = " ".join([" ".join(cmd), "--yes"])
    return subprocess.run(line, shell=True)
def go():
    run(["TOOL", "exec"])
"""
case("join_nested_in_join", JOIN_NESTED.replace("TOOL", "codex"))
case("VALID_join_nested_in_join_git", JOIN_NESTED.replace("TOOL", "git"))
# A join of a join through two wrappers: the inner wrapper's join waits for `words`, the outer
# one passes a list holding its own waiting join of `cmd`.
JOIN_OF_JOIN = """
import subprocess
def inner(words):
    return subprocess.run(" ".join(words), shell=True)
def outer(cmd):
    return inner([" ".join(cmd), "&&", "echo", "done"])
def go():
    outer(["TOOL", "exec"])
"""
case("join_of_join_two_wrappers", JOIN_OF_JOIN.replace("TOOL", "codex"))
case("VALID_join_of_join_two_wrappers_git", JOIN_OF_JOIN.replace("TOOL", "git"))
# A parameter concatenated with a constant list, then joined: the parameter first (the
# caller's program), or the constant list first (its program, whatever the caller passes).
JOIN_PARAM_PLUS_LIST = """
import subprocess
def run(cmd):
    return subprocess.run(" ".join(cmd + ["--yes"]), shell=True)
def go():
    run(["TOOL", "exec"])
"""
case("join_parameter_plus_constant_list", JOIN_PARAM_PLUS_LIST.replace("TOOL", "codex"))
case("VALID_join_parameter_plus_constant_list_git", JOIN_PARAM_PLUS_LIST.replace("TOOL", "git"))
JOIN_LIST_PLUS_PARAM = """
import subprocess
def run(args):
    return subprocess.run(" ".join(["TOOL", "exec"] + args), shell=True)
def go():
    run(["--help"])
"""
case("join_constant_list_plus_parameter", JOIN_LIST_PLUS_PARAM.replace("TOOL", "codex"))
case("VALID_join_constant_list_plus_parameter_git", JOIN_LIST_PLUS_PARAM.replace("TOOL", "git"))
# `shlex.join([*prefix, *param])`: a module's constant prefix names the program here; with the
# parameter first, the caller's list does.
SHLEX_JOIN_PREFIX = """
import shlex, subprocess
PREFIX = ["TOOL", "exec"]
def run(args):
    return subprocess.run(shlex.join([*PREFIX, *args]), shell=True)
def go():
    run(["--help"])
"""
case("shlex_join_prefix_then_parameter", SHLEX_JOIN_PREFIX.replace("TOOL", "codex"))
case("VALID_shlex_join_prefix_then_parameter_git", SHLEX_JOIN_PREFIX.replace("TOOL", "git"))
SHLEX_JOIN_SUFFIX = """
import shlex, subprocess
FLAGS = ["--yes", "--quiet"]
def run(cmd):
    return subprocess.run(shlex.join([*cmd, *FLAGS]), shell=True)
def go():
    run(["TOOL", "exec"])
"""
case("shlex_join_parameter_then_constant", SHLEX_JOIN_SUFFIX.replace("TOOL", "codex"))
case("VALID_shlex_join_parameter_then_constant_git", SHLEX_JOIN_SUFFIX.replace("TOOL", "git"))
# Unpacked alternatives whose lists multiply past `MAX_ALTERNATIVES` (5 ** 4 here): the
# join is not known, naming the bound (FL200), whatever the programs.
JOIN_PAST_BOUND = """
import subprocess
def go(a, b, c, d):
    one = ["TOOL"] if a else ["b"] if b else ["c"] if c else ["d"] if d else ["e"]
    two = ["f"] if a else ["g"] if b else ["h"] if c else ["i"] if d else ["j"]
    three = ["k"] if a else ["l"] if b else ["m"] if c else ["n"] if d else ["o"]
    four = ["p"] if a else ["q"] if b else ["r"] if c else ["s"] if d else ["t"]
    subprocess.run(" ".join([*one, *two, *three, *four]), shell=True)
"""
case("join_unpacked_alternatives_past_bound", JOIN_PAST_BOUND.replace("TOOL", "codex"))
case("VALID_join_unpacked_alternatives_past_bound_git", JOIN_PAST_BOUND.replace("TOOL", "git"))
# A callable parameter called for the program (codex-a2a's `resolve_cli_bin()`, the caller
# passing `lambda: resolve_cli_bin(self._cli_bin)`): its result is what the callers' callable
# gives, made at each call.
CALLED_PARAMETER = """
import subprocess
def resolve_bin(name):
    return name.strip() or "TOOL"
class Transport:
    def start(self, resolve):
        argv = [resolve()]
        argv.extend(["app-server", "--listen"])
        subprocess.run(argv)
class Client:
    def __init__(self, name):
        self._name = name
        self._t = Transport()
    def go(self):
        self._t.start(resolve=lambda: resolve_bin(self._name))
def start(resolve):
    subprocess.run([resolve(), "-q"])
def go():
    start(lambda: "TOOL")
    Client("ls").go()
"""
case("called_parameter_lambda_result", CALLED_PARAMETER.replace("TOOL", "codex"))
case("VALID_called_parameter_lambda_result_git", CALLED_PARAMETER.replace("TOOL", "git"))
# With no caller, the called parameter's result is a program no call passes: FL200.
case(
    "called_parameter_no_caller",
    """
import subprocess
def start(resolve):
    subprocess.run([resolve(), "-q"])
""",
)
# `env` given any number of `NAME=value` words from a comprehension before the program
# (claude-org-runtime's wezterm adapter): each is an assignment, the program is the next word.
ENV_ASSIGNMENTS = """
import subprocess
def run(argv, env):
    subprocess.run(["env", *[f"{k}={v}" for k, v in env.items()], *argv])
def go(extra):
    run(["TOOL", "exec"], {"A": extra})
def here(env):
    subprocess.run(["env", *(f"{k}={v}" for k, v in env.items()), "TOOL", "-p"])
"""
case("env_assignments_comprehension", ENV_ASSIGNMENTS.replace("TOOL", "codex"))
case("VALID_env_assignments_comprehension_git", ENV_ASSIGNMENTS.replace("TOOL", "git"))
# Items of a comprehension that are not all `NAME=value` words: the program is not known.
ENV_NOT_ASSIGNMENTS = """
import subprocess
def here(env):
    subprocess.run(["env", *(f"{k}:{v}" for k, v in env.items()), "TOOL", "-p"])
"""
case("env_comprehension_not_assignments", ENV_NOT_ASSIGNMENTS.replace("TOOL", "codex"))
case("VALID_env_comprehension_not_assignments_git", ENV_NOT_ASSIGNMENTS.replace("TOOL", "git"))
# A method joining a list built from its instance's attributes (sympy's `CompilerRunner.run`:
# `" ".join(self.cmd())`): joined now, as not known (FL200 at the launch). Waiting for each
# constructor call's values multiplied the alternatives of flags built in loops past every
# bound (minutes on nine files), for an answer no better than FL200.
case(
    "join_instance_attribute_items",
    """
import subprocess
class Runner:
    def __init__(self, binary, flags):
        self.binary = binary
        self.flags = list(flags)
    def cmd(self):
        return [self.binary] + self.flags
    def run(self):
        return subprocess.Popen(" ".join(self.cmd()), shell=True)
def go(extra):
    flags = []
    for f in extra:
        flags.append(f)
    Runner("codex", flags).run()
""",
)

# A builder joining a name its caller passes onto a path not known here (polyclaude's `_find`).
NEXT_TO_INTERPRETER = """
import subprocess, sys
from pathlib import Path
def find(exe):
    local = Path(sys.executable).parent / exe
    return str(local)
def go():
    subprocess.run([find("TOOL"), "-q"])
"""
case("path_parent_div_parameter", NEXT_TO_INTERPRETER.replace("TOOL", "codex"))
case("VALID_path_parent_div_parameter_git", NEXT_TO_INTERPRETER.replace("TOOL", "git"))
# `Path(None)` raises: `shutil.which`'s None alternative starts nothing (ferry-codex's pipx).
WHICH_AS_PATH = """
import shutil, subprocess
from pathlib import Path
def go():
    tool = shutil.which("TOOL")
    subprocess.run([str(Path(tool).absolute()), "status"])
"""
case("path_of_which_absolute", WHICH_AS_PATH.replace("TOOL", "codex"))
case("VALID_path_of_which_absolute_git", WHICH_AS_PATH.replace("TOOL", "git"))
case(
    "path_with_name_of_parameter",
    """
import subprocess
from pathlib import Path
def go(base):
    subprocess.run([Path(base).with_name("codex"), "exec"])
""",
)

# A wrapper reaching one launch by two ways, one through a wrapper found after it was first
# summarised (a file analysed later): computed again, it launches at no new site but with other
# events there, which its callers, interpreted with the first summary, must see (session 20).
REGROWN_RUN = """
import subprocess
def run(argv):
    subprocess.run(argv)
"""
REGROWN_LATER = """
from app.run import run
def later(prog):
    run([prog, "-p"])
"""
REGROWN_WRAP = """
from app.run import run
from app.zlater import later
def wrap(tool, prog):
    run([tool, prog])
    later(prog)
"""
case(
    "wrapper_regrown_program_at_argv_head",
    """
from app.wrap import wrap
def go():
    wrap("git", "codex")
""",
    app__run_DOT_py=REGROWN_RUN,
    app__zlater_DOT_py=REGROWN_LATER,
    app__wrap_DOT_py=REGROWN_WRAP,
)
case(
    "VALID_wrapper_regrown_program_at_argv_head_ls",
    """
from app.wrap import wrap
def go():
    wrap("git", "ls")
""",
    app__run_DOT_py=REGROWN_RUN,
    app__zlater_DOT_py=REGROWN_LATER,
    app__wrap_DOT_py=REGROWN_WRAP,
)
# `first` launched nothing at first (`git` judged by its name) but was followed (its file was
# analysed): a new wrapper once computed again, whose earlier callers are interpreted again.
case(
    "wrapper_regrown_from_nothing",
    """
from app.wrap import first
from app.zlater import later
def go():
    later("ls")
    first("codex")
""",
    app__run_DOT_py=REGROWN_RUN,
    app__zlater_DOT_py=REGROWN_LATER,
    app__wrap_DOT_py="""
from app.run import run
from app.zlater import later
def first(prog):
    run(["git", prog])
    later(prog)
""",
)
case(
    "wrapper_regrown_other_parameter",
    """
from app.wrap import pair
def go():
    pair("ls", "codex")
""",
    app__run_DOT_py=REGROWN_RUN,
    app__zlater_DOT_py=REGROWN_LATER,
    app__wrap_DOT_py="""
from app.run import run
from app.zlater import later
def pair(flag, prog):
    run([flag, "--version"])
    later(prog)
""",
)
# A wrapper whose launch changes at the same site each round, past `MAX_REGROWN`: `wrap` reaches
# `run` through a chain of wrappers each found a round after the one it calls (`z5` -> ... ->
# `z1` -> `run`), each a new event at that site (`came`, the shape); only the last puts `p` at
# the argv's head. Its callers are not looked at again past the bound: the site is unresolved,
# naming it, never clean (session 21).
REGROWN_CHAIN = {
    "app__z1_DOT_py": """
from app.run import run
def z1(p, h):
    run([h, p])
""",
    **{
        f"app__z{i}_DOT_py": f"""
from app.z{i - 1} import z{i - 1}
def z{i}(p, h):
    z{i - 1}("{i}" + p, h)
"""
        for i in (2, 3, 4)
    },
    "app__z5_DOT_py": """
from app.z4 import z4
def z5(p, h):
    z4(h, p)
""",
    "app__wrap_DOT_py": """
from app.z1 import z1
from app.z2 import z2
from app.z3 import z3
from app.z4 import z4
from app.z5 import z5
def wrap(p, h):
    z1(p, h)
    z2(p, h)
    z3(p, h)
    z4(p, h)
    z5(p, h)
""",
}
# (`go` takes a parameter: a caller taking none waits for the rounds' fixpoint, below.)
case(
    "wrapper_regrown_past_bound",
    """
from app.wrap import wrap
def go(n=0):
    wrap("codex", "git")
""",
    app__run_DOT_py=REGROWN_RUN,
    **REGROWN_CHAIN,
)
# The same caller taking no parameters: its summary waits for the rounds' fixpoint (session 28,
# `Analysis._summarise_postponed`), so it reads `wrap` as it ends up, past the bound too: the
# finding, beside the launch site unresolved for the bound.
case(
    "wrapper_regrown_past_bound_parameterless_caller",
    """
from app.wrap import wrap
def go():
    wrap("codex", "git")
""",
    app__run_DOT_py=REGROWN_RUN,
    **REGROWN_CHAIN,
)
# A constructor that became a wrapper with two events in one round, the second from a subclass's
# method (`Sub.stop` running `self.b`) found after a construction of that subclass was
# interpreted with the first (its file comes between): the construction names only `Sub`, and
# `Runner.__init__` was first looked at with both events, so it never grew (session 21).
NEW_CTOR_LATER = """
from app.run import run
def later(prog):
    run([prog, "-p"])
"""
NEW_CTOR_RUNNER = """
from app.later import later
class Runner:
    def __init__(self, a, b):
        self.a = a
        self.b = b
    def start(self):
        later(self.a)
"""
NEW_CTOR_SUB = """
from app.b_runner import Runner
from app.later import later
class Sub(Runner):
    def stop(self):
        later(self.b)
"""
for name, program in (
    ("constructor_new_event_from_subclass_after_construction", "codex"),
    ("VALID_constructor_new_event_from_subclass_after_construction_ls", "git"),
):
    case(
        name,
        None,
        app__run_DOT_py=REGROWN_RUN,
        app__later_DOT_py=NEW_CTOR_LATER,
        app__b_runner_DOT_py=NEW_CTOR_RUNNER,
        app__d_sub_DOT_py=NEW_CTOR_SUB,
        app__c_main_DOT_py=f"""
from app.d_sub import Sub
from app.later import later
def go():
    later("ls")
    return Sub("ls", "{program}")
""",
    )
# Session 22 (recv22): a wrapper round leaves uninterpreted a function whose only mention of a
# wrapper method's name is a call on a local instance of a class proven not to reach it
# (`process = Other(); process.run(argv)`). Each receiver below may reach `A.run`: all interpreted.
RECEIVER_WRAPPER = """
import subprocess
class Base:
    def run(self, cmd):
        raise NotImplementedError
class A(Base):
    def run(self, cmd):
        subprocess.run(cmd)
def status():
    A().run(["git", "status"])
"""
case(
    "receiver_subclass_overriding_calls_super",
    """
from app.wrap import A
class C(A):
    def run(self, cmd):
        return super().run(cmd)
def go():
    p = C()
    p.run(["codex", "exec"])
""",
    app__wrap_DOT_py=RECEIVER_WRAPPER,
)
case(
    "receiver_class_assigned_to_variable",
    """
from app.wrap import A
K = A
def go():
    p = K()
    p.run(["codex", "exec"])
""",
    app__wrap_DOT_py=RECEIVER_WRAPPER,
)
case(
    "receiver_class_assigned_to_local",
    """
from app.wrap import A
def go():
    k = A
    p = k()
    p.run(["codex", "exec"])
""",
    app__wrap_DOT_py=RECEIVER_WRAPPER,
)
case(
    "receiver_factory_returns_wrapper_class",
    """
from app.wrap import A
def make():
    return A()
def go():
    p = make()
    p.run(["codex", "exec"])
""",
    app__wrap_DOT_py=RECEIVER_WRAPPER,
)
case(
    "receiver_mixin_before_wrapper_class",
    """
from app.wrap import A
class Mixin:
    def stop(self):
        pass
class C(Mixin, A):
    pass
def go():
    p = C()
    p.run(["codex", "exec"])
""",
    app__wrap_DOT_py=RECEIVER_WRAPPER,
)
case(
    "receiver_param_annotated_base",
    """
from app.wrap import A, Base
def use(p: Base):
    p.run(["codex", "exec"])
def go():
    use(A())
""",
    app__wrap_DOT_py=RECEIVER_WRAPPER,
)
case(
    "receiver_protocol_parameter",
    """
from typing import Protocol
from app.wrap import A
class Runs(Protocol):
    def run(self, cmd): ...
def use(p: Runs):
    p.run(["codex", "exec"])
def go():
    use(A())
""",
    app__wrap_DOT_py=RECEIVER_WRAPPER,
)
# Named by its class alone in an annotation: an instance called runs `__call__`.
case(
    "receiver_annotated_instance_called",
    """
from app.runner import Runner
def use(r: Runner):
    r(["codex", "exec"])
def go():
    use(Runner())
""",
    app__runner_DOT_py="""
import subprocess
class Runner:
    def __call__(self, cmd):
        subprocess.run(cmd)
""",
)
# A keyword argument and an `isinstance` naming a wrapper beside a call of it on one line.
case(
    "receiver_keyword_beside_call",
    """
from app.wrap import A
def go(x=None):
    isinstance(x, A) or A().run(["codex", "exec"])
""",
    app__wrap_DOT_py=RECEIVER_WRAPPER,
)
case(
    "VALID_receiver_unrelated_class_same_method",
    """
from app.wrap import A
class C:
    def run(self, cmd):
        return cmd
def go():
    p = C()
    p.run(["codex", "exec"])
""",
    app__wrap_DOT_py=RECEIVER_WRAPPER,
)

# ---- session 22 (trust22)
# A quoting helper's string method of its parameter (`"'" + s.replace("'", ...) + "'"`) stays a
# part of the line, done once a caller passes the text (`LazyCall.text`).
case(
    "quote_helper_param_replace",
    """
    import subprocess

    def _shq(s):
        return "'" + s.replace("'", "'\\\\''") + "'"

    subprocess.run(_shq("claude") + " -p hi", shell=True)
    """,
)
case(
    "VALID_quote_helper_param_replace_git",
    """
    import subprocess

    def _shq(s):
        return "'" + s.replace("'", "'\\\\''") + "'"

    subprocess.run(_shq("git") + " status", shell=True)
    """,
)
case(
    "quote_helper_prompt_os_system",
    """
    import os

    def q(s):
        return "'" + s.replace("'", "'\\\\''") + "'"

    def ask(prompt):
        os.system("claude -p " + q(prompt))
    """,
)
case(
    "VALID_quote_helper_prompt_os_system_git",
    """
    import os

    def q(s):
        return "'" + s.replace("'", "'\\\\''") + "'"

    def ask(prompt):
        os.system("git commit -m " + q(prompt))
    """,
)
case(
    "quote_helper_program_through_wrapper",
    """
    import os, subprocess

    def q(s):
        return "'" + str(s).replace("'", "'\\\\''") + "'"

    def line(binary, prompt):
        return f"{q(binary)} -p {q(prompt)}"

    def run(prompt):
        binary = os.environ.get("CLAUDE_BIN") or "/opt/homebrew/bin/claude"
        subprocess.run(["osascript", "-e", f'tell application "Terminal" to do script "{line(binary, prompt)}"'])
    """,
)
case(
    "VALID_quote_helper_program_through_wrapper_git",
    """
    import shutil, subprocess

    def q(s):
        return "'" + str(s).replace("'", "'\\\\''") + "'"

    def line(binary, prompt):
        return f"{q(binary)} -p {q(prompt)}"

    def run(prompt):
        binary = shutil.which("git") or "/usr/bin/git"
        subprocess.run(["osascript", "-e", f'tell application "Terminal" to do script "{line(binary, prompt)}"'])
    """,
)
# Config values known in one alternative and not in another, each quoted: the line must keep
# its `codex` (session 21's first try multiplied the line past the matcher's bound).
case(
    "quote_helper_many_partly_known_values",
    """
    import os, subprocess
    from dataclasses import dataclass, replace

    @dataclass(frozen=True)
    class Cfg:
        a: str = "/a"
        b: str = "/b"
        c: str = "/c"
        d: str = "/d"
        e: str = "/e"
        g: str = "/g"
        h: str = "/h"
        i: str = "/i"
        hub: str = "hub"

    def load():
        cfg = Cfg()
        over = {k: v for k, v in os.environ.items()}
        if over:
            return replace(cfg, **over)
        return cfg

    def q(s):
        return "'" + str(s).replace("'", "'\\\\''") + "'"

    class Backend:
        def __init__(self):
            cfg = load()
            self.cfg = cfg
            self.hub = cfg.hub

        def start(self, model):
            c = self.cfg
            lines = [f"source {q(c.a)}", f"source {q(c.b)}", f"cd {q(c.c)}", f"cd {q(c.d)}",
                     f"test -f {q(c.e)}", f"test -f {q(c.g)}", f"test -f {q(c.h)}",
                     f"exec codex -m {q(model)} -C {q(c.i)}"]
            cmd = " && ".join(lines)
            subprocess.run(["tmux", "new-window", "-t", self.hub, "bash", "-lc", cmd])
    """,
)

# A launcher stored on a project module's global from another module (`tools.runner =
# subprocess.Popen`), then the adversarial hunt of session 22: argv through forwarding,
# partials, dict defaults, match, walrus, fallbacks, properties, builders, enums, named tuples,
# formatting, shlex, list building, paths, event loops, anyio/trio, posix_spawnp, launchers,
# the environment, maps of a sink, star imports, stepped slices.
case(
    "sink_stored_on_module_global_elsewhere",
    None,
    app__tools_DOT_py="""
    import shlex
    runner = shlex.split
    def go():
        runner(["codex", "exec"])
    """,
    app__setup_DOT_py="""
    import subprocess
    from app import tools
    tools.runner = subprocess.Popen
    """,
)
case(
    "VALID_sink_stored_on_module_global_elsewhere_git",
    None,
    app__tools_DOT_py="""
    import shlex
    runner = shlex.split
    def go():
        runner(["git", "status"])
    """,
    app__setup_DOT_py="""
    import subprocess
    from app import tools
    tools.runner = subprocess.Popen
    """,
)
case(
    "sink_stored_on_module_placeholder_called_elsewhere",
    None,
    app__hooks_DOT_py="""
    spawn = None
    """,
    app__setup_DOT_py="""
    import os
    import app.hooks as hooks
    def install():
        hooks.spawn = os.execvp
    """,
    app__main_DOT_py="""
    from app import hooks
    def go(prompt):
        hooks.spawn("claude", ["claude", "-p", prompt])
    """,
)
case(
    "fwd_args_kwargs_two_hops",
    """
import subprocess
def _spawn(*a, **kw):
    return subprocess.Popen(*a, **kw)
def launch(*args, **kwargs):
    return _spawn(*args, **kwargs)
def go():
    launch(["codex", "exec"], stdout=subprocess.PIPE)
""",
)
case(
    "VALID_fwd_args_kwargs_two_hops_git",
    """
import subprocess
def _spawn(*a, **kw):
    return subprocess.Popen(*a, **kw)
def launch(*args, **kwargs):
    return _spawn(*args, **kwargs)
def go():
    launch(["git", "status"], stdout=subprocess.PIPE)
""",
)
case(
    "fwd_kwargs_args_keyword",
    """
import subprocess
def run(**kw):
    return subprocess.run(**kw)
def go():
    run(args=["gemini", "-p", "x"], check=True)
""",
)
case(
    "VALID_fwd_kwargs_args_keyword_git",
    """
import subprocess
def run(**kw):
    return subprocess.run(**kw)
def go():
    run(args=["git", "log"], check=True)
""",
)
case(
    "fwd_kwargs_dict_splat",
    """
import subprocess
def go():
    opts = {"args": ["claude", "-p", "hi"], "text": True}
    subprocess.run(**opts)
""",
)
case(
    "partial_of_partial_program",
    """
import functools, subprocess
run = functools.partial(subprocess.run, check=True)
run2 = functools.partial(run, ["codex", "exec"])
def go():
    run2(text=True)
""",
)
case(
    "VALID_partial_of_partial_program_git",
    """
import functools, subprocess
run = functools.partial(subprocess.run, check=True)
run2 = functools.partial(run, ["git", "status"])
def go():
    run2(text=True)
""",
)
case(
    "partial_keyword_args",
    """
from functools import partial
import subprocess
go = partial(subprocess.Popen, args=["codex"])
go()
""",
)
case(
    "dict_get_default_program",
    """
import subprocess
CLIS = {"git": "git"}
def go(name):
    subprocess.run([CLIS.get(name, "codex"), "exec"])
""",
)
case(
    "VALID_dict_get_default_program_git",
    """
import subprocess
CLIS = {"git": "git"}
def go(name):
    subprocess.run([CLIS.get(name, "git"), "status"])
""",
)
case(
    "dict_get_nested_default",
    """
import subprocess
CFG = {"agent": {"bin": "claude"}}
def go():
    subprocess.run([CFG.get("agent", {}).get("bin", "x"), "-p"])
""",
)
case(
    "match_case_program",
    """
import subprocess
def go(kind):
    match kind:
        case "a":
            prog = "git"
        case "b":
            prog = "codex"
        case _:
            prog = "ls"
    subprocess.run([prog])
""",
)
case(
    "VALID_match_case_program_git",
    """
import subprocess
def go(kind):
    match kind:
        case "a":
            prog = "git"
        case _:
            prog = "ls"
    subprocess.run([prog])
""",
)
case(
    "match_capture_binding",
    """
import subprocess
def go(spec):
    match {"cmd": "gemini"}:
        case {"cmd": str(c)}:
            subprocess.run([c, "-p", "x"])
""",
)
case(
    "match_sequence_pattern",
    """
import subprocess
def go():
    match ["claude", "-p"]:
        case [prog, *rest]:
            subprocess.run([prog, *rest])
""",
)
case(
    "walrus_program",
    """
import subprocess, shutil
def go():
    if (exe := shutil.which("git") and "codex"):
        subprocess.run([exe, "exec"])
""",
)
case(
    "walrus_in_comprehension",
    """
import subprocess
def go():
    cmds = [(p := "claude"), "-p"]
    subprocess.run(cmds)
    subprocess.run([p, "--version"])
""",
)
case(
    "VALID_walrus_in_comprehension_git",
    """
import subprocess
def go():
    cmds = [(p := "git"), "log"]
    subprocess.run(cmds)
    subprocess.run([p, "--version"])
""",
)
case(
    "which_or_name_fallback",
    """
import shutil, subprocess
def go():
    exe = shutil.which("codexx") or "codex"
    subprocess.run([exe, "exec"])
""",
)
case(
    "try_except_fallback_program",
    """
import subprocess
def go():
    try:
        from app import settings
        exe = settings.BIN
    except ImportError:
        exe = "claude"
    subprocess.run([exe, "-p"])
""",
    app__settings_DOT_py="BIN = 'git'\n",
)
case(
    "VALID_try_except_fallback_program_git",
    """
import subprocess
def go():
    try:
        from app import settings
        exe = settings.BIN
    except ImportError:
        exe = "ls"
    subprocess.run([exe, "-l"])
""",
    app__settings_DOT_py="BIN = 'git'\n",
)
case(
    "try_else_finally_program",
    """
import subprocess
def go():
    exe = "git"
    try:
        pass
    except Exception:
        pass
    else:
        exe = "gemini"
    finally:
        subprocess.run([exe])
""",
)
case(
    "property_returns_argv",
    """
import subprocess
class Agent:
    binary = "codex"
    @property
    def argv(self):
        return [self.binary, "exec", "--json"]
    def run(self):
        subprocess.run(self.argv)
""",
)
case(
    "VALID_property_returns_argv_git",
    """
import subprocess
class Agent:
    binary = "git"
    @property
    def argv(self):
        return [self.binary, "status"]
    def run(self):
        subprocess.run(self.argv)
""",
)
case(
    "classmethod_builder",
    """
import subprocess
class Cmd:
    def __init__(self, argv):
        self.argv = argv
    @classmethod
    def codex(cls, prompt):
        return cls(["codex", "exec", prompt])
def go():
    subprocess.run(Cmd.codex("hi").argv)
""",
)
case(
    "VALID_classmethod_builder_git",
    """
import subprocess
class Cmd:
    def __init__(self, argv):
        self.argv = argv
    @classmethod
    def git(cls, ref):
        return cls(["git", "show", ref])
def go():
    subprocess.run(Cmd.git("HEAD").argv)
""",
)
case(
    "staticmethod_builder_on_instance",
    """
import subprocess
class B:
    @staticmethod
    def argv(p):
        return ["gemini", "-p", p]
def go():
    subprocess.run(B().argv("x"))
""",
)
case(
    "enum_value_program",
    """
import enum, subprocess
class Cli(enum.Enum):
    CODEX = "codex"
    GIT = "git"
def go(c: Cli):
    subprocess.run([c.value, "x"])
""",
)
case(
    "strenum_member_as_text",
    """
import enum, subprocess
class Cli(enum.StrEnum):
    CLAUDE = "claude"
def go():
    subprocess.run([Cli.CLAUDE, "-p"])
""",
)
case(
    "VALID_strenum_member_as_text_git",
    """
import enum, subprocess
class Cli(enum.StrEnum):
    GIT = "git"
def go():
    subprocess.run([Cli.GIT, "log"])
""",
)
case(
    "enum_lookup_by_name",
    """
import enum, subprocess
class Cli(enum.Enum):
    A = "codex"
def go(name):
    subprocess.run([Cli[name].value])
""",
)
case(
    "namedtuple_default",
    """
import subprocess
from typing import NamedTuple
class Spec(NamedTuple):
    name: str
    binary: str = "codex"
def go():
    s = Spec("x")
    subprocess.run([s.binary, "exec"])
""",
)
case(
    "VALID_namedtuple_default_git",
    """
import subprocess
from typing import NamedTuple
class Spec(NamedTuple):
    name: str
    binary: str = "git"
def go():
    s = Spec("x")
    subprocess.run([s.binary, "log"])
""",
)
case(
    "collections_namedtuple_defaults",
    """
import subprocess
from collections import namedtuple
Spec = namedtuple("Spec", ["binary", "flag"], defaults=["gemini", "-p"])
def go():
    s = Spec()
    subprocess.run([s.binary, s.flag])
""",
)
case(
    "dataclass_default_factory_argv",
    """
import subprocess
from dataclasses import dataclass, field
@dataclass
class Job:
    argv: list = field(default_factory=lambda: ["codex", "exec"])
def go():
    subprocess.run(Job().argv)
""",
)
case(
    "VALID_dataclass_default_factory_argv_git",
    """
import subprocess
from dataclasses import dataclass, field
@dataclass
class Job:
    argv: list = field(default_factory=lambda: ["git", "status"])
def go():
    subprocess.run(Job().argv)
""",
)
case(
    "format_positional_index",
    """
import subprocess
def go():
    subprocess.run("{0} -p {1}".format("claude", "hi"), shell=True)
""",
)
case(
    "format_keyword_attr",
    """
import subprocess
class C:
    bin = "codex"
def go():
    subprocess.run("{c.bin} exec".format(c=C()), shell=True)
""",
)
case(
    "VALID_format_keyword_attr_git",
    """
import subprocess
class C:
    bin = "git"
def go():
    subprocess.run("{c.bin} log".format(c=C()), shell=True)
""",
)
case(
    "percent_dict_format",
    """
import os
def go():
    os.system("%(bin)s -p hi" % {"bin": "gemini"})
""",
)
case(
    "format_map_program",
    """
import os
def go():
    os.system("{bin} exec".format_map({"bin": "codex"}))
""",
)
case(
    "fstring_format_spec",
    """
import os
def go():
    os.system(f"{'codex':s} exec")
""",
)
case(
    "shlex_join_then_shell",
    """
import shlex, subprocess
def go(prompt):
    subprocess.run(shlex.join(["claude", "-p", prompt]), shell=True)
""",
)
case(
    "VALID_shlex_join_then_shell_git",
    """
import shlex, subprocess
def go(msg):
    subprocess.run(shlex.join(["git", "commit", "-m", msg]), shell=True)
""",
)
case(
    "space_join_generator_shell",
    """
import os
def go(args):
    os.system(" ".join(str(a) for a in ["codex", "exec", *args]))
""",
)
case(
    "shlex_split_of_join",
    """
import shlex, subprocess
def go():
    subprocess.run(shlex.split(" ".join(["gemini", "-p", "x"])))
""",
)
case(
    "list_insert_front",
    """
import subprocess
def go(args):
    cmd = list(args)
    cmd.insert(0, "codex")
    subprocess.run(cmd)
""",
)
case(
    "VALID_list_insert_front_git",
    """
import subprocess
def go(args):
    cmd = list(args)
    cmd.insert(0, "git")
    subprocess.run(cmd)
""",
)
case(
    "list_iadd_tuple",
    """
import subprocess
def go():
    cmd = []
    cmd += ("claude", "-p")
    subprocess.run(cmd)
""",
)
case(
    "list_extend_generator",
    """
import subprocess
def go():
    cmd = []
    cmd.extend(x for x in ("gemini", "-p"))
    subprocess.run(cmd)
""",
)
case(
    "list_slice_assign_front",
    """
import subprocess
def go(args):
    cmd = ["x", *args]
    cmd[0:1] = ["codex"]
    subprocess.run(cmd)
""",
)
case(
    "deque_appendleft",
    """
import subprocess
from collections import deque
def go(args):
    cmd = deque(args)
    cmd.appendleft("codex")
    subprocess.run(list(cmd))
""",
)
case(
    "path_home_local_bin",
    """
import subprocess
from pathlib import Path
def go():
    subprocess.run([Path.home() / ".local/bin/claude", "-p"])
""",
)
case(
    "VALID_path_home_local_bin_git",
    """
import subprocess
from pathlib import Path
def go():
    subprocess.run([Path.home() / ".local/bin/git", "log"])
""",
)
case(
    "path_expanduser_str",
    """
import subprocess
from pathlib import Path
def go():
    exe = str(Path("~/.npm-global/bin/codex").expanduser())
    subprocess.run([exe, "exec"])
""",
)
case(
    "path_joinpath",
    """
import subprocess
from pathlib import Path
def go():
    subprocess.run([Path("/usr/local").joinpath("bin", "gemini")])
""",
)
case(
    "path_with_name",
    """
import subprocess
from pathlib import Path
def go():
    subprocess.run([Path("/opt/x/bin/tool").with_name("claude"), "-p"])
""",
)
case(
    "os_path_expanduser_join",
    """
import os, subprocess
def go():
    subprocess.run([os.path.expanduser(os.path.join("~", ".claude", "local", "claude")), "-p"])
""",
)
case(
    "sys_executable_m_forbidden_pkg",
    """
import subprocess, sys
def go():
    subprocess.run([sys.executable, "-m", "codex", "exec"])
""",
)
case(
    "VALID_loop_subprocess_exec_git",
    """
import asyncio
async def go():
    loop = asyncio.get_running_loop()
    await loop.subprocess_exec(asyncio.SubprocessProtocol, "git", "status")
""",
)
case(
    "loop_subprocess_shell_get_event_loop",
    """
import asyncio
async def go():
    loop = asyncio.get_event_loop()
    await loop.subprocess_shell(asyncio.SubprocessProtocol, "claude -p hi")
""",
)
case(
    "asyncio_create_subprocess_exec_splat",
    """
import asyncio
ARGV = ("gemini", "-p")
async def go():
    await asyncio.create_subprocess_exec(*ARGV)
""",
)
case(
    "anyio_run_process_string",
    """
import anyio
async def go():
    await anyio.run_process("codex exec")
""",
)
case(
    "anyio_open_process_list",
    """
from anyio import open_process
async def go():
    async with await open_process(["claude", "-p"]) as p:
        pass
""",
)
case(
    "trio_run_process_kw",
    """
import trio
async def go():
    await trio.run_process(command=["gemini", "-p"])
""",
)
case(
    "VALID_trio_run_process_git",
    """
import trio
async def go():
    await trio.run_process(["git", "status"])
""",
)
case(
    "posix_spawnp_program",
    """
import os
def go():
    os.posix_spawnp("codex", ["codex", "exec"], os.environ)
""",
)
case(
    "VALID_posix_spawnp_git",
    """
import os
def go():
    os.posix_spawnp("git", ["git", "status"], os.environ)
""",
)
case(
    "posix_spawn_path",
    """
import os
def go():
    os.posix_spawn("/usr/local/bin/claude", ["claude"], dict(os.environ))
""",
)
case(
    "launcher_stdbuf_oL",
    """
import subprocess
subprocess.run(["stdbuf", "-oL", "-eL", "gemini", "-p"])
""",
)
case(
    "launcher_xargs_0",
    """
import subprocess
subprocess.run(["xargs", "-0", "-n1", "codex", "exec"])
""",
)
case(
    "launcher_script_qc",
    """
import subprocess
subprocess.run(["script", "-qc", "claude -p hi", "/dev/null"])
""",
)
case(
    "launcher_sh_lc",
    """
import subprocess
subprocess.run(["sh", "-lc", "exec gemini -p x"])
""",
)
case(
    "launcher_uvx_from",
    """
import subprocess
subprocess.run(["uvx", "--from", "codex-cli", "codex"])
""",
)
case(
    "launcher_pipx_run_spec",
    """
import subprocess
subprocess.run(["pipx", "run", "--spec", "x", "claude"])
""",
)
case(
    "launcher_bunx_pkg_version",
    """
import subprocess
subprocess.run(["bunx", "@anthropic-ai/claude-code@latest", "-p"])
""",
)
case(
    "launcher_npx_yes_pkg",
    """
import subprocess
subprocess.run(["npx", "--yes", "--package=@openai/codex", "codex", "exec"])
""",
)
case(
    "VALID_launcher_npx_other",
    """
import subprocess
subprocess.run(["npx", "--yes", "prettier", "--write", "."])
""",
)
case(
    "launcher_timeout_env_nice_chain",
    """
import subprocess
subprocess.run(["timeout", "30", "env", "A=1", "nice", "-n5", "codex"])
""",
)
case(
    "environ_setdefault_module",
    """
import os, subprocess
os.environ.setdefault("AGENT_BIN", "codex")
def go():
    subprocess.run([os.environ["AGENT_BIN"], "exec"])
""",
)
case(
    "VALID_environ_setdefault_module_git",
    """
import os, subprocess
os.environ.setdefault("VCS_BIN", "git")
def go():
    subprocess.run([os.environ["VCS_BIN"], "status"])
""",
)
case(
    "environ_assigned_module",
    """
import os, subprocess
os.environ["AGENT_BIN"] = "claude"
def go():
    subprocess.run([os.environ["AGENT_BIN"], "-p"])
""",
)
case(
    "environ_getenv_after_module_set",
    """
import os, subprocess
os.environ["AGENT"] = "gemini"
def go():
    subprocess.run([os.getenv("AGENT"), "-p"])
""",
)
case(
    "map_sink_over_argvs",
    """
import subprocess
CMDS = [["codex", "exec"], ["git", "status"]]
def go():
    list(map(subprocess.run, CMDS))
""",
)
case(
    "executor_map_sink",
    """
import subprocess
from concurrent.futures import ThreadPoolExecutor
def go():
    with ThreadPoolExecutor() as ex:
        list(ex.map(subprocess.run, [["claude", "-p", "x"]]))
""",
)
case(
    "star_import_subprocess",
    """
from subprocess import *
def go():
    run(["codex", "exec"])
""",
)
case(
    "methodcaller_sink",
    """
import operator, subprocess
def go():
    operator.methodcaller("run", ["gemini", "-p"])(subprocess)
""",
)
case(
    "VALID_popen_communicate_shell_input_git",
    """
import subprocess
def go():
    p = subprocess.Popen(["bash"], stdin=subprocess.PIPE, text=True)
    p.communicate(input="git status")
""",
)
case(
    "VALID_pexpect_sendline_shell_git",
    """
import pexpect
def go():
    child = pexpect.spawn("bash")
    child.sendline("git status")
""",
)
case(
    "node_e_child_process",
    """
import subprocess
def go():
    subprocess.run(["node", "-e", "require('child_process').execSync('codex exec')"])
""",
)
case(
    "VALID_node_e_console",
    """
import subprocess
def go():
    subprocess.run(["node", "-e", "console.log(process.version)"])
""",
)
case(
    "import_module_concat",
    """
import importlib
def go():
    importlib.import_module("sub" + "process").run(["claude"])
""",
)
case(
    "globals_lookup_module",
    """
import subprocess as _sp
def go():
    globals()["_sp"].run(["codex"])
""",
)
case(
    "VALID_dict_dispatch_method_git",
    """
import subprocess
class A:
    def run_ls(self):
        return ["ls"]
    def run_git(self):
        return ["git"]
    def go(self, name):
        subprocess.run(getattr(self, f"run_{name}")())
""",
)
case(
    "setattr_module_sink",
    """
import subprocess
from app import hooks
setattr(hooks, "spawn", subprocess.Popen)
""",
    app__hooks_DOT_py="""
spawn = print
def go():
    spawn(["codex"])
""",
)
case(
    "reversed_string",
    """
import subprocess
def go():
    subprocess.run(["xedoc"[::-1], "exec"])
""",
)
case(
    "VALID_map_sink_over_argvs_git",
    """
import subprocess
CMDS = [["git", "status"], ["ls"]]
def go():
    list(map(subprocess.run, CMDS))
""",
)
case(
    "pool_starmap_sink",
    """
import subprocess
from multiprocessing import Pool
def go():
    with Pool() as p:
        p.starmap(subprocess.call, [(["claude", "-p"],)])
""",
)
case(
    "map_sink_unknown_items",
    """
import subprocess, sys
def go():
    list(map(subprocess.run, sys.argv[1:]))
""",
)
case(
    "star_import_os_system",
    """
from os import *
def go():
    system("codex exec")
""",
)
case(
    "VALID_star_import_os_system_git",
    """
from os import *
def go():
    system("git status")
""",
)
case(
    "node_e_execa_import",
    """
import subprocess
def go():
    subprocess.run(["node", "--eval", "import('execa').then(m => m.execa('claude'))"])
""",
)
case(
    "VALID_node_p_version",
    """
import subprocess
def go():
    subprocess.run(["node", "-p", "process.versions.node"])
""",
)
# Launchers of a command, each as a user's code would start it (session 22).
for _name, _argv in (
    ("uv_run", '["uv", "run", "codex", "exec"]'),
    ("uv_run_with", '["uv", "run", "--with", "x", "--", "claude", "-p"]'),
    ("poetry_run", '["poetry", "run", "codex"]'),
    ("pipenv_run", '["pipenv", "run", "claude"]'),
    ("conda_run", '["conda", "run", "-n", "ai", "gemini"]'),
    ("mise_exec", '["mise", "exec", "--", "codex"]'),
    ("direnv_exec", '["direnv", "exec", ".", "claude"]'),
    ("op_run", '["op", "run", "--env-file", ".env", "--", "claude", "-p"]'),
    ("doppler_run", '["doppler", "run", "--", "codex"]'),
    ("infisical_run", '["infisical", "run", "--", "gemini"]'),
    ("dotenv_run", '["dotenv", "run", "codex"]'),
    ("aws_vault_exec", '["aws-vault", "exec", "prof", "--", "claude"]'),
    ("nix_shell_run", '["nix-shell", "-p", "nodejs", "--run", "codex exec"]'),
    ("nix_develop_c", '["nix", "develop", "-c", "codex"]'),
    ("devbox_run", '["devbox", "run", "claude"]'),
    ("gtimeout", '["gtimeout", "30", "codex"]'),
    ("arch_arm64", '["arch", "-arm64", "claude", "-p"]'),
    ("watchexec", '["watchexec", "--", "codex", "exec"]'),
    ("nodemon_exec", '["nodemon", "--exec", "claude -p hi"]'),
    ("hyperfine", '["hyperfine", "codex exec"]'),
    ("cpulimit", '["cpulimit", "-l", "50", "--", "codex"]'),
    ("cgexec", '["cgexec", "-g", "cpu:grp", "claude"]'),
    ("faketime", '["faketime", "2020-01-01", "gemini"]'),
    ("chronic", '["chronic", "codex", "exec"]'),
    ("corepack_pnpm_dlx", '["corepack", "pnpm", "dlx", "@openai/codex"]'),
    ("distrobox_enter", '["distrobox", "enter", "box", "--", "codex"]'),
    ("toolbox_run", '["toolbox", "run", "claude"]'),
    ("wsl_e", '["wsl.exe", "-e", "codex", "exec"]'),
    ("wsl_bash_c", '["wsl", "bash", "-lc", "claude -p x"]'),
    ("gsudo", '["gsudo", "codex"]'),
    ("snap_run", '["snap", "run", "codex"]'),
    ("ts_node", '["npx", "tsx", "node_modules/@openai/codex/bin/codex.js"]'),
    ("bash_c_alias", '["bash", "-ic", "alias c=codex; c exec"]'),
    ("mise_exec_tool", '["mise", "exec", "node@20", "--", "codex", "exec"]'),
    ("mise_x_command", '["mise", "x", "-c", "claude -p hi"]'),
    ("distrobox_enter_name_opt", '["distrobox", "enter", "--name", "box", "--", "gemini"]'),
    ("poetry_run_dir", '["poetry", "-C", "/srv", "run", "claude"]'),
    ("conda_run_name", '["micromamba", "run", "-n", "ai", "codex"]'),
    ("doppler_run_command", '["doppler", "run", "--command", "codex exec"]'),
    ("nix_shell_p_run", '["nix-shell", "-p", "nodejs", "python3", "--run", "claude -p x"]'),
    ("wsl_line", '["wsl", "-d", "Ubuntu", "codex", "exec"]'),
    ("arch_e_env", '["arch", "-e", "A=1", "-arm64", "gemini"]'),
    ("faketime_f", '["faketime", "-f", "+2d", "codex"]'),
    ("watchexec_e", '["watchexec", "-e", "py", "--", "claude -p x"]'),
    ("VALID_uv_run_pytest", '["uv", "run", "pytest", "-q"]'),
    ("VALID_uv_run_module", '["uv", "run", "-m", "pytest"]'),
    ("VALID_poetry_install", '["poetry", "install"]'),
    ("VALID_poetry_run_git", '["poetry", "run", "git", "status"]'),
    ("VALID_mise_exec_git", '["mise", "exec", "node@20", "--", "node", "x.js"]'),
    ("VALID_op_run_git", '["op", "run", "--", "git", "push"]'),
    ("VALID_doppler_run_git", '["doppler", "run", "--", "git", "push"]'),
    ("VALID_conda_run_python", '["conda", "run", "-n", "ai", "git"]'),
    ("VALID_nix_shell_run_git", '["nix-shell", "-p", "git", "--run", "git status"]'),
    ("VALID_gtimeout_git", '["gtimeout", "5", "git", "fetch"]'),
    ("VALID_arch_git", '["arch", "-arm64", "git", "log"]'),
    ("VALID_watchexec_git", '["watchexec", "-e", "py", "--", "git status"]'),
    ("VALID_wsl_git", '["wsl", "-e", "git", "status"]'),
    ("VALID_distrobox_enter_git", '["distrobox", "enter", "box", "--", "git", "status"]'),
    ("VALID_direnv_exec_git", '["direnv", "exec", ".", "git", "status"]'),
    ("VALID_aws_vault_exec_git", '["aws-vault", "exec", "prof", "--", "git", "push"]'),
    ("VALID_corepack_pnpm_install", '["corepack", "pnpm", "install"]'),
    ("VALID_tsx_script", '["npx", "tsx", "scripts/build.ts"]'),
):
    case(_name, f"import subprocess\nsubprocess.run({_argv})\n")
# What a method other than `__init__` stores from an attribute the constructor keeps
# (`self.path = shutil.which(self.binary)`) stays tied to the constructor's argument, as what
# `__init__` stores does: read from another method it was an unknown "parameter `binary` of
# Client.resolve" (session 22: py-opencode-wrapper's `resolved_binary`, recall).
ATTR_FROM_CTOR_ATTR = """
import shutil
import subprocess
class Client:
    def __init__(self, binary="{default}"):
        self.binary = binary
        self.path = None
    def resolve(self):
        self.path = shutil.which(self.binary)
    def start(self):
        subprocess.run([self.path, "exec"])
"""
for name, default, made in (
    ("attr_stored_from_constructor_attr", "codex", ""),
    ("attr_stored_from_constructor_attr_argument", "git", 'Client("codex").start()'),
    ("VALID_attr_stored_from_constructor_attr_git", "git", 'Client("ls").start()'),
):
    case(name, ATTR_FROM_CTOR_ATTR.format(default=default) + made)


# ---- session 23 (trust23): the fail-opens named at session 22's end, then a hunt. Each case
# and its VALID neighbour come from one template (`%P%`: the program, `%A%`: an argument).
def pair(name: str, src: str, bad: tuple[str, str], good: tuple[str, str], **files: str) -> None:
    for n, (p, a) in ((name, bad), (f"VALID_{name}", good)):
        case(
            n,
            src.replace("%P%", p).replace("%A%", a),
            **{k: v.replace("%P%", p).replace("%A%", a) for k, v in files.items()},
        )


CODEX, GIT = ("codex", "exec"), ("git", "status")
# A subclass of a subclass of a launching method's class, each in its own module, constructed
# where neither the base nor the wrapper's class is named (session 22, recv22).
pair(
    "inherited_method_grandchild_other_module",
    """
from app.c import C
def go():
    p = C()
    p.run(["%P%", "%A%"])
""",
    CODEX,
    GIT,
    app__a_DOT_py=LAUNCHING_BASE,
    app__b_DOT_py=INHERITING_SUBCLASS,
    app__c_DOT_py="from app.b import B\nclass C(B):\n    pass\n",
)
# A method hidden by an instance attribute of its name (`self.run = A().run`).
pair(
    "receiver_instance_attribute_over_method",
    """
from app.a import A
class C:
    def __init__(self):
        self.run = A().run
    def run(self, cmd):
        return cmd
def go():
    p = C()
    p.run(["%P%", "%A%"])
""",
    CODEX,
    GIT,
    app__a_DOT_py=LAUNCHING_BASE,
)
# A project function mapped over argvs: `map`, an executor's, a pool's, `starmap`.
MAPPED_LAUNCH = """
import subprocess
def launch(cmd):
    subprocess.run(cmd)
def other():
    launch(["git"])
"""
for _name, _src in (
    ("map_project_wrapper", "list(map(launch, [['%P%', '%A%']]))"),
    ("starmap_project_wrapper", "list(itertools.starmap(launch, [(['%P%', '%A%'],)]))"),
    ("executor_map_project_wrapper", "ThreadPoolExecutor().map(launch, [['%P%', '%A%']])"),
    ("pool_map_partial_of_wrapper", "Pool().map(functools.partial(launch), [['%P%']])"),
):
    pair(
        _name,
        "import functools, itertools\nfrom concurrent.futures import ThreadPoolExecutor\n"
        "from multiprocessing import Pool\nfrom app.w import launch\n"
        f"def go():\n    {_src}\n",
        CODEX,
        GIT,
        app__w_DOT_py=MAPPED_LAUNCH,
    )
pair(
    "map_method_wrapper_same_module",
    """
import subprocess
class Runner:
    def launch(self, cmd):
        subprocess.run(cmd)
def go():
    list(map(Runner().launch, [["%P%", "%A%"]]))
""",
    CODEX,
    GIT,
)
# hyperfine: each operand, and each setup/prepare/cleanup line, is a command line of its own.
for _name, _argv in (
    ("hyperfine_second_operand", '["hyperfine", "-w", "3", "git status", "%P% -p hi"]'),
    ("hyperfine_option_after_operands", '["hyperfine", "git status", "--runs", "5", "%P%"]'),
    ("hyperfine_setup_line", '["hyperfine", "--setup", "%P% -p x", "git status"]'),
    ("hyperfine_no_shell", '["hyperfine", "-N", "%P% exec"]'),
):
    pair(_name, f"import subprocess\nsubprocess.run({_argv})\n", ("claude", ""), ("ls", ""))
pair(
    "hyperfine_parameter_placeholder",  # (`{tool}` stands for a value not read: unresolved)
    'import subprocess\nsubprocess.run(["hyperfine", "-L", "%A%", "a,b", "{%A%} exec"])\n',
    ("tool", "tool"),
    ("n", "n"),
)
# An alias a shell line defines, used after it (on the next line for bash itself).
for _name, _line in (
    ("shell_alias_next_line", "alias c=%P%\\nc exec"),
    ("shell_alias_quoted_words", "shopt -s expand_aliases\\nalias c='%P% -p'\\nc hi"),
    ("shell_alias_of_alias", "alias a=b\\nalias b=%P%\\na -p"),
):
    pair(_name, f'import subprocess\nsubprocess.run(["bash", "-ic", "{_line}"])\n', CODEX, GIT)
case("VALID_shell_alias_of_itself", "import os\nos.system(\"alias ls='ls -la'\\nls\")\n")
# operator.attrgetter / methodcaller on a sink module; a sink module passed to a function.
pair(
    "methodcaller_bound_at_module_level",
    """
import operator, subprocess
call = operator.methodcaller("Popen", ["%P%", "%A%"])
def go():
    call(subprocess)
""",
    CODEX,
    GIT,
)
pair(
    "attrgetter_sink",
    """
from operator import attrgetter
import os, subprocess
def go():
    attrgetter("run")(subprocess)(["%P%", "%A%"])
    attrgetter("path.sep")(os)
""",
    CODEX,
    GIT,
)
pair(
    "methodcaller_computed_name",  # (any sink of the module: unresolved)
    """
import operator, subprocess, sys
def go():
    operator.methodcaller(sys.argv[1], ["%P%"])(subprocess)
""",
    CODEX,
    GIT,
)
pair(
    "sink_module_passed_to_function",
    """
import subprocess
def use(m, argv):
    m.run(argv)
def go():
    use(subprocess, ["%P%", "%A%"])
""",
    CODEX,
    GIT,
)
pair(
    "sink_module_passed_by_keyword",
    """
import subprocess
def use(argv, m=None):
    m.check_call(argv)
def go():
    use(["%P%", "%A%"], m=subprocess)
""",
    CODEX,
    GIT,
)
# A sink module given to a builtin that calls nothing of it (`hasattr(os, "O_NOFOLLOW")`)
# selects no line; one given to a function of that name the project defines or imports is
# passed on (`prefilter._inert_callee`).
pair(
    "sink_module_passed_to_shadowed_builtin",
    """
import subprocess
def hasattr(m, argv):
    m.run(argv)
def go():
    hasattr(subprocess, ["%P%", "%A%"])
""",
    CODEX,
    GIT,
)
pair(
    "sink_module_passed_to_imported_builtin_name",
    """
import subprocess
from app.util import isinstance
def go():
    isinstance(["%P%", "%A%"], subprocess)
""",
    CODEX,
    GIT,
    app__util_DOT_py="""
def isinstance(argv, m):
    m.check_call(argv)
""",
)
case(
    "VALID_sink_module_in_hasattr",
    """
import os, subprocess
if hasattr(os, "O_NOFOLLOW") and isinstance(os, type(subprocess)):
    subprocess.run(["git", "status"])
""",
)
# A module's names read through `globals()`.
pair(
    "globals_get_sink_module",
    """
import subprocess as _sp
def go():
    globals().get("_sp").Popen(["%P%", "%A%"])
""",
    CODEX,
    GIT,
)
pair(
    "globals_item_renamed_sink",
    """
from subprocess import run as _run
def go():
    globals()["_run"](["%P%", "%A%"])
""",
    CODEX,
    GIT,
)
# `globals()` as a membership test's operand selects nothing; read there, it does.
pair(
    "globals_item_after_membership_test",
    """
import subprocess as _sp
def go():
    if "_sp" in globals():
        globals()["_sp"].run(["%P%", "%A%"])
""",
    CODEX,
    GIT,
)
case(
    "VALID_globals_membership_only",
    """
import subprocess
HAVE = "docutils" in globals()
def go():
    if "x" not in globals():
        return HAVE
    subprocess.run(["git", "status"])
""",
)
# A module imported by a computed name: known text is that module; text not known, any
# module (a call of what may be a sink is unresolved, never clean).
pair(
    "import_module_parameter_name",
    """
import importlib
def load(name):
    m = importlib.import_module(name)
    m.%A%(["%P%"])
""",
    ("codex", "run"),
    ("codex", "main"),
)
pair(
    "dunder_import_fstring_name",
    """
def go(x):
    __import__(f"{x}process").Popen(["%P%", "%A%"])
""",
    CODEX,
    CODEX,  # (unresolved either way: the module is not known)
)
# Hand-offs run later: ExitStack callbacks, atexit, weakref.finalize, sched.
for _name, _src in (
    ("exitstack_callback", "with contextlib.ExitStack() as st:\n        st.callback(SINK, ARGV)"),
    ("atexit_register_sink", "atexit.register(SINK, ARGV)"),
    ("weakref_finalize_sink", "weakref.finalize(go, SINK, ARGV)"),
    ("sched_enter_sink", "sched.scheduler().enter(1, 1, SINK, (ARGV,))"),
    ("sched_enter_argument_keyword", "sched.scheduler().enterabs(1, 1, SINK, argument=(ARGV,))"),
):
    pair(
        _name,
        "import atexit, contextlib, sched, subprocess, weakref\ndef go():\n    "
        + _src.replace("SINK", "subprocess.run").replace("ARGV", '["%P%", "%A%"]')
        + "\n",
        CODEX,
        GIT,
    )
# Runners handed out by a context manager, a generator, `__enter__`, `__getattr__`, a list.
pair(
    "contextmanager_yields_runner",
    """
import contextlib, subprocess
@contextlib.contextmanager
def runner():
    yield subprocess.run
def go():
    with runner() as run:
        run(["%P%", "%A%"])
""",
    CODEX,
    GIT,
)
pair(
    "enter_returns_runner",
    """
import subprocess
class Session:
    def __enter__(self):
        return subprocess.Popen
    def __exit__(self, *a):
        return False
def go():
    with Session() as popen:
        popen(["%P%", "%A%"])
""",
    CODEX,
    GIT,
)
pair(
    "enter_returns_self_runs_method",
    """
from app.s import Session
async def go():
    async with Session() as s:
        s.go(["%P%", "%A%"])
""",
    CODEX,
    GIT,
    app__s_DOT_py="""
import subprocess
class Session:
    async def __aenter__(self):
        return self
    async def __aexit__(self, *a):
        return False
    def go(self, argv):
        subprocess.run(argv)
""",
)
pair(
    "class_getattr_proxy_runner",
    """
import subprocess
class Proxy:
    def __getattr__(self, name):
        return getattr(subprocess, "run")
def go():
    Proxy().whatever(["%P%", "%A%"])
""",
    CODEX,
    GIT,
)
pair(
    "callback_list_appended_then_called",
    """
import subprocess
HOOKS = []
HOOKS.append(subprocess.run)
def go():
    for h in HOOKS:
        h(["%P%", "%A%"])
""",
    CODEX,
    GIT,
)
pair(
    "module_getattr_returns_runner",
    """
from app import tools
def go():
    tools.anything(["%P%", "%A%"])
""",
    CODEX,
    GIT,
    app__tools_DOT_py="import subprocess\ndef __getattr__(name):\n    return subprocess.run\n",
)
pair(
    "decorator_replaces_with_sink",
    """
import subprocess
def as_runner(fn):
    return subprocess.run
@as_runner
def launch(cmd):
    pass
def go():
    launch(["%P%", "%A%"])
""",
    CODEX,
    GIT,
)
# The hunt's other cases: found or unresolved on main already (kept so).
REGISTERED = """
import subprocess
REG = {}
def register(name):
    def deco(fn):
        REG[name] = fn
        return fn
    return deco
@register("a")
def a(cmd):
    subprocess.run(cmd)
def go():
    REG["a"](["%P%", "%A%"])
"""
HUNT = {
    "callback_dict_project_wrapper": (
        'from app.w import launch\nHANDLERS = {"run": launch}\n'
        'def go(k):\n    HANDLERS[k](["%P%", "%A%"])\n'
    ),
    "callback_registered_by_decorator_other_caller": REGISTERED + "def other():\n    a(['ls'])\n",
    "callback_registered_by_decorator": REGISTERED,
    "dunder_call_partial_instance": """
import functools, subprocess
class R:
    def __call__(self, argv, check):
        subprocess.run(argv, check=check)
def go():
    functools.partial(R(), check=True)(["%P%", "%A%"])
""",
    "property_returns_runner": """
import subprocess
class T:
    @property
    def runner(self):
        return subprocess.run
def go():
    T().runner(["%P%", "%A%"])
""",
    "cached_property_returns_partial": """
import functools, subprocess
class T:
    @functools.cached_property
    def runner(self):
        return functools.partial(subprocess.run, check=True)
    def go(self):
        self.runner(["%P%", "%A%"])
""",
    "decorator_wraps_launcher": """
import functools, subprocess
def retry(times):
    def deco(fn):
        @functools.wraps(fn)
        def inner(*a, **k):
            return fn(*a, **k)
        return inner
    return deco
@retry(3)
def launch(cmd):
    subprocess.run(cmd)
def go():
    launch(["%P%", "%A%"])
""",
    "singledispatch_register": """
import functools, subprocess
@functools.singledispatch
def run(x):
    raise TypeError
@run.register
def _(x: list):
    subprocess.run(x)
def go():
    run(["%P%", "%A%"])
""",
    "exitstack_enter_context_popen": """
import contextlib, subprocess
def go():
    with contextlib.ExitStack() as st:
        st.enter_context(subprocess.Popen(["%P%", "%A%"]))
""",
    "atexit_decorated_launch": """
import atexit, subprocess
@atexit.register
def bye():
    subprocess.run(["%P%", "%A%"])
""",
    "dataclass_default_factory_function": """
import subprocess
from dataclasses import dataclass, field
def default_cmd():
    return ["%P%", "%A%"]
@dataclass
class Cfg:
    cmd: list = field(default_factory=default_cmd)
    def go(self):
        subprocess.run(self.cmd)
""",
    "typing_final_constant": """
import subprocess
from typing import Final
TOOL: Final = "%P%"
def go():
    subprocess.run([TOOL, "%A%"])
""",
    "environ_setdefault_then_read": """
import os, subprocess
def go():
    os.environ.setdefault("AGENT_BIN", "%P%")
    subprocess.run([os.environ["AGENT_BIN"], "%A%"])
""",
    "configparser_read_string": """
import configparser, subprocess
def go():
    cp = configparser.ConfigParser()
    cp.read_string("[agent]\\ncmd = %P%\\n")
    subprocess.run([cp["agent"]["cmd"], "%A%"])
""",
    "json_loads_literal": """
import json, subprocess
CFG = json.loads('{"cmd": ["%P%", "%A%"]}')
def go():
    subprocess.run(CFG["cmd"])
""",
    "generator_yields_argv_parts": """
import subprocess
def parts():
    yield "%P%"
    yield "%A%"
def go():
    subprocess.run(list(parts()))
""",
    "itertools_chain_argv": """
import itertools, subprocess
def go():
    subprocess.run(list(itertools.chain(["%P%"], ["%A%"])))
""",
    "chainmap_lookup": """
import collections, subprocess
def go():
    cfg = collections.ChainMap({}, {"cmd": "%P%"})
    subprocess.run([cfg["cmd"], "%A%"])
""",
    "str_partition_program": """
import subprocess
def go():
    prog, _, rest = "%P% %A% --x".partition(" ")
    subprocess.run([prog, rest])
""",
    "str_rsplit_program": """
import subprocess
def go():
    prog = "/opt/tools/bin/%P%".rsplit("/", 1)[-1]
    subprocess.run([prog, "%A%"])
""",
    "shlex_quote_program_system": """
import os, shlex
def go():
    os.system(shlex.quote("%P%") + " %A%")
""",
    "shlex_join_system": """
import os, shlex
def go():
    os.system(shlex.join(["%P%", "%A%", "hi there"]))
""",
    "shlex_quote_param_shell": """
import shlex, subprocess
def run(tool):
    subprocess.run(f"{shlex.quote(tool)} %A%", shell=True)
def go():
    run("%P%")
""",
    "simplenamespace_attr": """
import subprocess, types
def go():
    subprocess.run([types.SimpleNamespace(cmd="%P%").cmd, "%A%"])
""",
    "typing_namedtuple_default": """
import subprocess
from typing import NamedTuple
class Cfg(NamedTuple):
    cmd: str = "%P%"
def go():
    subprocess.run([Cfg().cmd, "%A%"])
""",
    "string_template_substitute": """
import os, string
def go():
    os.system(string.Template("$tool %A%").substitute(tool="%P%"))
""",
    "pathlib_join_program": """
import pathlib, subprocess
def go():
    subprocess.run([str(pathlib.Path("/usr/local/bin") / "%P%"), "%A%"])
""",
    "init_subclass_registry": """
import subprocess
REG = {}
class Tool:
    CMD = "ls"
    def __init_subclass__(cls, **kw):
        REG[cls.__name__] = cls.CMD
class Agent(Tool):
    CMD = "%P%"
def go(name):
    subprocess.run([REG[name], "%A%"])
""",
    "nonlocal_closure_program": """
import subprocess
def go():
    tool = "ls"
    def pick():
        nonlocal tool
        tool = "%P%"
    pick()
    subprocess.run([tool, "%A%"])
""",
    "global_rebound_in_function": """
import subprocess
TOOL = "ls"
def configure():
    global TOOL
    TOOL = "%P%"
def go():
    subprocess.run([TOOL, "%A%"])
""",
    "property_setter_program": """
import subprocess
class T:
    def __init__(self):
        self._p = "ls"
    @property
    def program(self):
        return self._p
    @program.setter
    def program(self, v):
        self._p = v
    def go(self):
        subprocess.run([self.program, "%A%"])
def main():
    t = T()
    t.program = "%P%"
    t.go()
""",
    "class_attr_overridden_in_subclass_other_module": """
from app.sub import Sub
def go():
    Sub().go()
""",
    "class_attr_overridden_grandchild_other_module": """
from app.c import C
def go():
    C().go()
""",
}
CMD_BASE = """
import subprocess
class Base:
    CMD = ["ls"]
    def go(self):
        subprocess.run(self.CMD)
"""
CLASS_FILES = {
    "app__base_DOT_py": CMD_BASE,
    "app__sub_DOT_py": 'from app.base import Base\nclass Sub(Base):\n    CMD = ["%P%", "%A%"]\n',
    "app__b_DOT_py": "from app.base import Base\nclass B(Base):\n    pass\n",
    "app__c_DOT_py": 'from app.b import B\nclass C(B):\n    CMD = ["%P%", "%A%"]\n',
}
for _name, _src in HUNT.items():
    _files = CLASS_FILES if _name.startswith("class_attr") else {"app__w_DOT_py": MAPPED_LAUNCH}
    pair(_name, _src, CODEX, GIT, **_files)


# ---- session 24 (trust24): a hunt through concurrency hand-offs, program names built from
# paths and values, launchers and package runners, keyword and unpacking forms. Each case and
# its VALID neighbour come from one template (`%P%`: the program, `%A%`: an argument).
# Hand-offs: threads, executors, pools, event loops, trio/anyio, contextvars.
HANDOFFS_24 = {
    "run_in_executor_partial": """
import asyncio, functools, subprocess
async def go():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, functools.partial(subprocess.run, ["%P%", "%A%"], check=True))
""",
    "run_in_executor_os_system": """
import asyncio, os
async def go():
    await asyncio.get_event_loop().run_in_executor(None, os.system, "%P% %A%")
""",
    "to_thread_keyword_args": """
import asyncio, subprocess
async def go():
    await asyncio.to_thread(subprocess.run, args=["%P%", "%A%"], check=True)
""",
    "thread_target_kwargs": """
import subprocess, threading
def go():
    t = threading.Thread(target=subprocess.run, kwargs={"args": ["%P%", "%A%"]})
    t.start()
""",
    "thread_positional_target": """
import subprocess, threading
def go():
    threading.Thread(None, subprocess.call, None, (["%P%", "%A%"],)).start()
""",
    "timer_os_system": """
import os, threading
def go():
    threading.Timer(1.0, os.system, args=("%P% %A%",)).start()
""",
    "timer_positional_args": """
import os, threading
def go():
    threading.Timer(1.0, os.system, ("%P% %A%",)).start()
""",
    "thread_subclass_run_self_cmd": """
import subprocess, threading
class Worker(threading.Thread):
    def __init__(self, cmd):
        super().__init__(daemon=True)
        self.cmd = cmd
    def run(self):
        subprocess.run(self.cmd)
def go():
    Worker(["%P%", "%A%"]).start()
""",
    "executor_submit_partial": """
import functools, subprocess
from concurrent.futures import ThreadPoolExecutor
def go():
    with ThreadPoolExecutor() as ex:
        fut = ex.submit(functools.partial(subprocess.run, ["%P%", "%A%"]))
        return fut.result()
""",
    "process_pool_submit_wrapper": """
from concurrent.futures import ProcessPoolExecutor
from app.w import launch
def go():
    with ProcessPoolExecutor() as ex:
        ex.submit(launch, ["%P%", "%A%"])
""",
    "pool_apply_async_os_system": """
import multiprocessing, os
def go():
    line = "%P% %A%"
    multiprocessing.Pool().apply_async(os.system, (line,))
""",
    "pool_apply_call": """
import subprocess
from multiprocessing import Pool
def go():
    with Pool(2) as pool:
        pool.apply(subprocess.call, (["%P%", "%A%"],))
""",
    "pool_imap_unordered_os_system": """
import os
from multiprocessing.pool import ThreadPool
LINES = ["%P% %A%"]
def go():
    for rc in ThreadPool(2).imap_unordered(os.system, LINES):
        print(rc)
""",
    "pool_map_async_wrapper": """
from multiprocessing import Pool
from app.w import launch
def go():
    Pool().map_async(launch, [["%P%", "%A%"]]).get()
""",
    "loop_subprocess_exec_star_other_module": """
import asyncio
from app.cfg import CMD
async def go():
    loop = asyncio.get_running_loop()
    await loop.subprocess_exec(asyncio.SubprocessProtocol, *CMD)
""",
    "anyio_run_process_list": """
import anyio
async def go():
    await anyio.run_process(["%P%", "%A%"], check=False)
""",
    "anyio_to_thread_run_sync": """
import subprocess
import anyio.to_thread
async def go():
    await anyio.to_thread.run_sync(subprocess.run, ["%P%", "%A%"])
""",
    "trio_run_process_24": """
import trio
async def go():
    await trio.run_process(["%P%", "%A%"])
""",
    "trio_nursery_start_soon_run_process": """
import functools, trio
async def go():
    async with trio.open_nursery() as nursery:
        nursery.start_soon(functools.partial(trio.run_process, ["%P%", "%A%"]))
""",
    "trio_to_thread_run_sync": """
import subprocess, trio
async def go():
    await trio.to_thread.run_sync(subprocess.run, ["%P%", "%A%"])
""",
    "taskgroup_create_task_launching_coroutine": """
import asyncio
async def launch(*argv):
    proc = await asyncio.create_subprocess_exec(*argv)
    await proc.wait()
async def go():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(launch("%P%", "%A%"))
async def other():
    await launch("git")
""",
    "gather_launching_coroutines": """
import asyncio
async def launch(argv):
    proc = await asyncio.create_subprocess_exec(*argv)
    return await proc.wait()
async def go():
    await asyncio.gather(*(launch(c) for c in [["%P%", "%A%"]]))
async def other():
    await launch(["git"])
""",
    "loop_call_soon_popen": """
import asyncio, subprocess
def go(loop: asyncio.AbstractEventLoop):
    loop.call_soon(subprocess.Popen, ["%P%", "%A%"])
""",
    "loop_call_later_os_system": """
import asyncio, os
async def go():
    asyncio.get_running_loop().call_later(0.5, os.system, "%P% %A%")
""",
    "sched_enter_run": """
import sched, subprocess, time
def go():
    s = sched.scheduler(time.monotonic, time.sleep)
    s.enter(1, 1, subprocess.run, argument=(["%P%", "%A%"],))
    s.run()
""",
    "contextvars_copy_context_run": """
import contextvars, subprocess
def go():
    contextvars.copy_context().run(subprocess.run, ["%P%", "%A%"])
""",
    "executor_submit_comprehension_wrapper": """
from concurrent.futures import ThreadPoolExecutor, wait
from app.w import launch
def go():
    with ThreadPoolExecutor() as ex:
        wait([ex.submit(launch, c) for c in (["%P%", "%A%"],)])
""",
    "run_in_executor_lambda": """
import asyncio, subprocess
async def go(cmd=("%P%", "%A%")):
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, lambda: subprocess.run(list(cmd)))
async def main():
    await go()
""",
    "thread_target_lambda": """
import os, threading
def go():
    threading.Thread(target=lambda: os.system("%P% %A%"), daemon=True).start()
""",
    "thread_target_bound_method_self_cmd": """
import subprocess, threading
class Job:
    def __init__(self):
        self.cmd = ["%P%", "%A%"]
    def _work(self):
        subprocess.run(self.cmd)
    def start(self):
        threading.Thread(target=self._work).start()
""",
    "anyio_task_group_start_soon_run_process": """
import anyio
async def go():
    async with anyio.create_task_group() as tg:
        tg.start_soon(anyio.run_process, ["%P%", "%A%"])
""",
    "trio_run_main_with_arg": """
import trio
async def main(prog):
    await trio.run_process([prog, "%A%"])
def go():
    trio.run(main, "%P%")
""",
    "anyio_run_partial_main": """
import functools, subprocess
import anyio
async def main(prog):
    await anyio.run_process([prog, "%A%"])
def go():
    anyio.run(functools.partial(main, "%P%"))
""",
    "nursery_start_wrapper": """
import trio
async def serve(cmd, task_status=trio.TASK_STATUS_IGNORED):
    proc = await trio.lowlevel.open_process(cmd)
    task_status.started(proc)
async def go():
    async with trio.open_nursery() as n:
        await n.start(serve, ["%P%", "%A%"])
async def other():
    await serve(["git"])
""",
    "ensure_future_launching_coroutine": """
import asyncio
async def launch(*argv):
    await asyncio.create_subprocess_exec(*argv)
async def go():
    await asyncio.ensure_future(launch("%P%", "%A%"))
async def other():
    await launch("git")
""",
    "mp_get_context_process": """
import multiprocessing, subprocess
def go():
    ctx = multiprocessing.get_context("spawn")
    ctx.Process(target=subprocess.run, args=(["%P%", "%A%"],)).start()
""",
    "signal_handler_lambda": """
import os, signal
def go():
    signal.signal(signal.SIGTERM, lambda *_: os.system("%P% %A%"))
""",
}
# Program names built from paths, formatting, enums, records, fallbacks.
NAMES_24 = {
    "os_path_join_environ_bin_dir": """
import os, subprocess
BIN = os.environ.get("TOOLS_BIN", "/usr/local/bin")
def go():
    subprocess.run([os.path.join(BIN, "%P%"), "%A%"])
""",
    "path_home_joinpath_parts": """
import subprocess
from pathlib import Path
def go():
    exe = Path.home().joinpath(".local", "bin", "%P%")
    subprocess.run([exe, "%A%"])
""",
    "sys_prefix_concat": """
import subprocess, sys
def go():
    subprocess.run([sys.prefix + "/bin/%P%", "%A%"])
""",
    "sys_prefix_os_path_join": """
import os, subprocess, sys
def go():
    subprocess.run([os.path.join(sys.prefix, "bin", "%P%"), "%A%"])
""",
    "sys_executable_dirname_join": """
import os, subprocess, sys
def go():
    subprocess.run([os.path.join(os.path.dirname(sys.executable), "%P%"), "%A%"])
""",
    "sys_executable_parent_div": """
import subprocess, sys
from pathlib import Path
def go():
    subprocess.run([str(Path(sys.executable).parent / "%P%"), "%A%"])
""",
    "sysconfig_scripts_concat": """
import subprocess, sysconfig
def go():
    subprocess.run([sysconfig.get_path("scripts") + "/%P%", "%A%"])
""",
    "path_with_suffix_stripped": """
import subprocess
from pathlib import Path
def go():
    subprocess.run([str(Path("bin/%P%.exe").with_suffix("")), "%A%"])
""",
    "path_with_stem": """
import subprocess
from pathlib import Path
def go(tool: str):
    subprocess.run([str(Path(tool).with_stem("%P%")), "%A%"])
""",
    "which_or_sys_exit_walrus": """
import shutil, subprocess, sys
def go():
    if not (exe := shutil.which("%P%")):
        sys.exit("missing")
    subprocess.run([exe, "%A%"])
""",
    "percent_tuple_path": """
import subprocess
BIN = "/opt/tools"
def go():
    subprocess.run(["%s/%s" % (BIN, "%P%"), "%A%"])
""",
    "format_two_fields_shell": """
import os
def go():
    os.system("{}/{} {}".format("/usr/local/bin", "%P%", "%A%"))
""",
    "match_returns_program": """
import subprocess
def program(kind):
    match kind:
        case "review" | "fix":
            return "%P%"
        case _:
            return "ls"
def go():
    subprocess.run([program("review"), "%A%"])
""",
    "match_class_pattern_guard": """
import subprocess
from dataclasses import dataclass
@dataclass
class Job:
    tool: str
def go(job=Job("%P%")):
    match job:
        case Job(tool=t) if t:
            subprocess.run([t, "%A%"])
""",
    "try_except_filenotfound_launch_fallback": """
import subprocess
def go():
    try:
        subprocess.run(["ls"], check=True)
    except FileNotFoundError:
        subprocess.run(["npx", "-y", "%P%", "%A%"])
""",
    "try_except_oserror_program_fallback": """
import os, subprocess
def find():
    return os.environ["TOOL"]
def go():
    try:
        exe = find()
    except KeyError:
        exe = "%P%"
    subprocess.run([exe, "%A%"])
""",
    "enum_call_by_value": """
import enum, subprocess
class Cli(enum.Enum):
    CODEX = "%P%"
    OTHER = "ls"
def go():
    subprocess.run([Cli("%P%").value, "%A%"])
""",
    "enum_tuple_value_argv": """
import enum, subprocess
class Cli(enum.Enum):
    A = ("%P%", "%A%")
    B = ("ls", "-l")
def go():
    subprocess.run(list(Cli.A.value))
""",
    "enum_property_binary": """
import enum, subprocess
class Cli(str, enum.Enum):
    A = "%P%"
    @property
    def binary(self) -> str:
        return self.value
def go():
    subprocess.run([Cli.A.binary, "%A%"])
""",
    "strenum_member_in_fstring_shell": """
import enum, os
class Cli(enum.StrEnum):
    A = "%P%"
def go():
    os.system(f"{Cli.A} %A%")
""",
    "enum_member_other_module": """
import subprocess
from app.cfg import Cli
def go():
    subprocess.run([Cli.A.value, "%A%"])
""",
    "enum_dunder_str_fstring": """
import enum, os
class Cli(enum.Enum):
    A = "%P%"
    def __str__(self):
        return self.value
def go():
    os.system(f"{Cli.A} %A%")
""",
    "namedtuple_functional_typing": """
import subprocess, typing
Tool = typing.NamedTuple("Tool", [("bin", str), ("arg", str)])
def go():
    t = Tool("%P%", "%A%")
    subprocess.run([t.bin, t.arg])
""",
    "attrs_define_default": """
import subprocess
import attrs
@attrs.define
class Tool:
    bin: str = "%P%"
    arg: str = "%A%"
def go():
    t = Tool()
    subprocess.run([t.bin, t.arg])
""",
    "dataclass_astuple_argv": """
import dataclasses, subprocess
@dataclasses.dataclass
class Cmd:
    prog: str = "%P%"
    arg: str = "%A%"
def go():
    subprocess.run(list(dataclasses.astuple(Cmd())))
""",
    "simplenamespace_attr_24": """
import subprocess, types
CFG = types.SimpleNamespace(bin="%P%", arg="%A%")
def go():
    subprocess.run([CFG.bin, CFG.arg])
""",
    "os_path_expandvars": """
import os, subprocess
def go():
    subprocess.run([os.path.expandvars("$HOME/.local/bin/%P%"), "%A%"])
""",
    "string_template_substitute_24": """
import os
from string import Template
def go():
    os.system(Template("$bin %A%").substitute(bin="%P%"))
""",
    "format_star_star_dict": """
import os
CFG = {"bin": "%P%", "arg": "%A%"}
def go():
    os.system("{bin} {arg}".format(**CFG))
""",
    "getenv_or_default": """
import os, subprocess
def go():
    subprocess.run([os.getenv("TOOL_BIN") or "%P%", "%A%"])
""",
    "cached_property_program": """
import functools, subprocess
class Tool:
    @functools.cached_property
    def binary(self):
        return "%P%"
    def go(self):
        subprocess.run([self.binary, "%A%"])
""",
    "str_home_concat": """
import subprocess
from pathlib import Path
def go():
    subprocess.run([str(Path.home()) + "/.local/bin/%P%", "%A%"])
""",
    "next_which_generator": """
import shutil, subprocess
CANDIDATES = ("%P%", "ls")
def go():
    exe = next(p for p in CANDIDATES if shutil.which(p))
    subprocess.run([exe, "%A%"])
""",
    "typeddict_config_program": """
import subprocess
from typing import TypedDict
class Cfg(TypedDict):
    bin: str
CFG: Cfg = {"bin": "%P%"}
def go():
    subprocess.run([CFG["bin"], "%A%"])
""",
    "shlex_split_fstring_const": """
import shlex, subprocess
PROG = "%P%"
def go():
    subprocess.run(shlex.split(f"{PROG} %A% --json"))
""",
    "os_path_join_star_parts": """
import os, subprocess
PARTS = ["/usr", "local", "bin", "%P%"]
def go():
    subprocess.run([os.path.join(*PARTS), "%A%"])
""",
}
# Keyword and unpacking forms of the launch calls.
KEYWORDS_24 = {
    "popen_kwargs_dict_args": """
import subprocess
def go():
    opts = {"args": ["%P%", "%A%"], "stdout": subprocess.PIPE}
    subprocess.Popen(**opts)
""",
    "run_kwargs_dict_literal": """
import subprocess
def go():
    subprocess.run(**{"args": ["%P%", "%A%"], "check": True})
""",
    "run_kwargs_dict_built": """
import subprocess
def go():
    opts = dict(check=True)
    opts["args"] = ["%P%", "%A%"]
    subprocess.run(**opts)
""",
    "run_args_keyword_other_module": """
import subprocess
from app.cfg import CMD
def go():
    subprocess.run(args=CMD, check=True)
""",
    "run_star_prefix_star_cmd_two_modules": """
import subprocess
from app.pre import PREFIX
from app.cfg import CMD
def go():
    subprocess.run([*PREFIX, *CMD])
""",
    "run_concat_two_modules": """
import subprocess
from app.pre import PREFIX
from app.cfg import CMD
def go():
    subprocess.run(PREFIX + CMD)
""",
    "partial_kw_then_called": """
import functools, subprocess
run = functools.partial(subprocess.run, check=True, text=True)
def go():
    run(["%P%", "%A%"])
""",
    "os_execvpe_env": """
import os
def go():
    os.execvpe("%P%", ["%P%", "%A%"], dict(os.environ))
""",
    "os_spawnvpe": """
import os
def go():
    os.spawnvpe(os.P_WAIT, "%P%", ["%P%", "%A%"], os.environ)
""",
    "posix_spawnp_kwargs_env": """
import os
def go():
    os.posix_spawnp("%P%", ["%P%", "%A%"], env=os.environ)
""",
    "popen_executable_keyword_only": """
import subprocess
def go():
    subprocess.Popen(args=["tool", "%A%"], executable="%P%")
""",
    "popen_executable_in_star_kwargs": """
import subprocess
def go():
    subprocess.Popen(["tool", "%A%"], **{"executable": "%P%"})
""",
    "run_kwargs_from_other_module": """
import subprocess
from app.cfg import OPTS
def go():
    subprocess.run(**OPTS)
""",
    "run_bash_input_other_module": """
import subprocess
from app.cfg import SCRIPT
def go():
    subprocess.run(["bash"], input=SCRIPT, text=True)
""",
    "execvpe_star_tuple": """
import os
ARGS = ("%P%", ["%P%", "%A%"], {})
def go():
    os.execvpe(*ARGS)
""",
    "tuple_concat_program": """
import subprocess, sys
def go():
    subprocess.run(("%P%",) + tuple(sys.argv[1:2]) + ("%A%",))
""",
}
# The modules some of them import (`app.w`'s `launch` is `MAPPED_LAUNCH`'s).
FILES_24: dict[str, dict[str, str]] = {
    "process_pool_submit_wrapper": {
        "app__w_DOT_py": MAPPED_LAUNCH,
    },
    "pool_map_async_wrapper": {
        "app__w_DOT_py": MAPPED_LAUNCH,
    },
    "loop_subprocess_exec_star_other_module": {
        "app__cfg_DOT_py": 'CMD = ["%P%", "%A%"]\n',
    },
    "run_args_keyword_other_module": {
        "app__cfg_DOT_py": 'CMD = ["%P%", "%A%"]\n',
    },
    "run_star_prefix_star_cmd_two_modules": {
        "app__cfg_DOT_py": 'CMD = ["%P%", "%A%"]\n',
        "app__pre_DOT_py": 'PREFIX = ["nice", "-n", "5"]\n',
    },
    "run_concat_two_modules": {
        "app__cfg_DOT_py": 'CMD = ["%P%", "%A%"]\n',
        "app__pre_DOT_py": 'PREFIX = ["nice", "-n", "5"]\n',
    },
    "enum_member_other_module": {
        "app__cfg_DOT_py": 'import enum\nclass Cli(enum.Enum):\n    A = "%P%"\n',
    },
    "executor_submit_comprehension_wrapper": {
        "app__w_DOT_py": MAPPED_LAUNCH,
    },
    "run_kwargs_from_other_module": {
        "app__cfg_DOT_py": 'OPTS = {"args": ["%P%", "%A%"], "check": True}\n',
    },
    "run_bash_input_other_module": {
        "app__cfg_DOT_py": 'SCRIPT = """set -e\n%P% %A%\n"""\n',
    },
}
# An event loop's process methods on a loop not known here (a parameter, one kept on `self`).
HANDOFFS_24["loop_subprocess_exec_parameter_receiver"] = """
import asyncio
async def go(loop, cmd):
    await loop.subprocess_exec(asyncio.SubprocessProtocol, *cmd)
async def main(loop):
    await go(loop, ["%P%", "%A%"])
"""
HANDOFFS_24["loop_subprocess_shell_kept_on_self"] = """
import asyncio
class Runner:
    def __init__(self, loop):
        self._loop = loop
    async def go(self):
        await self._loop.subprocess_shell(asyncio.SubprocessProtocol, "%P% %A%")
"""
for _name, _src in (HANDOFFS_24 | NAMES_24 | KEYWORDS_24).items():
    pair(_name, _src, CODEX, GIT, **FILES_24.get(_name, {}))
# Launchers and package runners in an argv.
LAUNCHER_ARGVS_24 = {
    "launcher_uv_run": '["uv", "run", "--with", "rich", "%P%", "%A%"]',
    "launcher_uv_tool_run": '["uv", "tool", "run", "%P%", "%A%"]',
    "launcher_pnpm_dlx_24": '["pnpm", "dlx", "@openai/%P%", "%A%"]',
    "launcher_yarn_dlx_24": '["yarn", "dlx", "-p", "@openai/%P%", "%P%", "%A%"]',
    "launcher_npm_exec_package": '["npm", "exec", "--package=@openai/%P%", "--", "%P%", "%A%"]',
    "launcher_npm_x_24": '["npm", "x", "--yes", "--", "@openai/%P%", "%A%"]',
    "launcher_bun_x_24": '["bun", "x", "@openai/%P%", "%A%"]',
    "launcher_deno_run_npm": '["deno", "run", "-A", "npm:@openai/%P%", "%A%"]',
    "launcher_node_modules_bin": '["./node_modules/.bin/%P%", "%A%"]',
    "launcher_nohup_setsid": '["nohup", "setsid", "-f", "%P%", "%A%"]',
    "launcher_ionice_taskset": '["ionice", "-c", "3", "taskset", "-c", "0,1", "%P%", "%A%"]',
    "launcher_env_S_24": '["/usr/bin/env", "-S", "%P% %A%"]',
    "launcher_busybox_nohup": '["busybox", "nohup", "%P%", "%A%"]',
    "launcher_script_c_long": '["script", "--quiet", "--command", "%P% %A%", "/dev/null"]',
    "launcher_stdbuf_nice_chain": '["stdbuf", "-o0", "nice", "-n5", "%P%", "%A%"]',
    "launcher_bash_s_stdin": '["bash", "-s", "--", "%A%"], input="%P% $1\\n", text=True',
    "launcher_poetry_run": '["poetry", "run", "%P%", "%A%"]',
    "launcher_conda_run": '["conda", "run", "-n", "base", "--no-capture-output", "%P%", "%A%"]',
    "launcher_rlwrap": '["rlwrap", "%P%", "%A%"]',
    "launcher_gdb_ex_run_args": '["gdb", "--batch", "-ex", "run", "--args", "%P%", "%A%"]',
    "launcher_npx_c_line": '["npx", "-p", "@openai/%P%", "-c", "%P% %A%"]',
    "launcher_npm_exec_c_line": '["npm", "exec", "--package=@openai/%P%", "-c", "%P% %A%"]',
    "launcher_systemd_run_pipe": '["systemd-run", "--user", "--pipe", "--wait", "-p", "MemoryMax=1G", "%P%", "%A%"]',
    "launcher_sudo_E_u_dashdash": '["sudo", "-E", "-u", "bot", "--", "%P%", "%A%"]',
}
case(
    "loop_subprocess_exec_parameter_no_asyncio_import",
    """
async def go(loop, factory):
    await loop.subprocess_exec(factory, "codex", "exec")
""",
)
for _name, _argv in LAUNCHER_ARGVS_24.items():
    pair(_name, f"import subprocess\nsubprocess.run({_argv})\n", CODEX, GIT)
# Shell lines: here-documents and here-strings, `-s`, `/dev/stdin`, `source`, dedented scripts.
SHELL_LINES_24 = {
    "shell_heredoc_bash": "os.system(\"bash <<'EOF'\\n%P% %A%\\nEOF\")",
    "shell_textwrap_dedent_bash_c": 'subprocess.run(["bash", "-c", textwrap.dedent("""\n    set -e\n    cd /tmp\n    %P% %A%\n    """)])',
    "shell_dedent_heredoc_bash": 'subprocess.run(textwrap.dedent("""\\\n    bash <<EOF\n    %P% %A%\n    EOF\n    """), shell=True)',
    "shell_sh_s_heredoc": 'os.system("sh -s -- x <<\'EOF\'\\n%P% \\"$1\\"\\nEOF")',
    "shell_bash_dev_stdin_heredoc": "os.system(\"bash /dev/stdin <<'EOF'\\n%P% %A%\\nEOF\")",
    "shell_source_dev_stdin_herestring": "os.system(\"source /dev/stdin <<< '%P% %A%'\")",
    "shell_process_subst_source": 'subprocess.run(["bash", "-c", "source <(echo %P% %A%)"])',
    "shell_dot_process_substitution": "os.system(\". <(printf '%P% %A%')\")",
    "shell_herestring": "os.system(\"bash <<< '%P% %A%'\")",
    "shell_trap_exit": "os.system(\"trap '%P% %A%' EXIT; true\")",
    "shell_eval_string": "os.system(\"eval '%P% %A%'\")",
    "shell_exec_a": 'os.system("exec -a other %P% %A%")',
    "shell_env_assign_prefix": 'os.system("CODEX_HOME=/tmp FOO=1 %P% %A%")',
    "shell_uv_run_line": 'os.system("uv run --with rich %P% %A%")',
    "shell_pnpm_dlx_line": 'os.system("pnpm dlx @openai/%P% %A%")',
    "shell_env_S_shebang_like": "os.system(\"env -S '%P% %A%'\")",
}
for _name, _line in SHELL_LINES_24.items():
    pair(_name, f"import os, subprocess, textwrap\n{_line}\n", CODEX, GIT)
# ---- session 24 (gaps24): modules imported by a computed name, in files naming no launch API.
# The byte gate lets such a file in where the name could spell a module holding a sink and a
# sink is read from what the import gives (`scan.computed`): known whole, the module's launch is
# found; not known, a call of what may be a sink is unresolved.
COMPUTED = {
    "import_module_constant_prefix": """
import importlib
PREFIX = "sub"
def go():
    importlib.import_module(PREFIX + "process").run(["%P%", "%A%"])
""",
    "import_module_format_template": """
import importlib
PREFIX = "sub"
def go():
    importlib.import_module("{}process".format(PREFIX)).run(["%P%", "%A%"])
""",
    "import_module_percent_template": """
import importlib
PREFIX = "sub"
def go():
    importlib.import_module("%sprocess" % PREFIX).run(["%P%", "%A%"])
""",
    "import_module_joined_parts": """
import importlib
def go():
    importlib.import_module(".".join(["os"])).system("%P% %A%")
""",
    "import_module_name_keyword": """
import importlib
def go():
    importlib.import_module(name="sub" + "process").run(["%P%", "%A%"])
""",
    "import_module_call_over_lines": """
import importlib
def go():
    importlib.import_module(
        "sub"
        + "process"
    ).run(["%P%", "%A%"])
""",
    "import_module_renamed_import": """
from importlib import import_module as load
def go():
    load("sub" + "process").run(["%P%", "%A%"])
""",
    "import_module_bound_to_other_name": """
import importlib
load = importlib.import_module
def go():
    load("o" + "s").system("%P% %A%")
""",
    "dunder_import_top_package_chain": """
def go(x):
    __import__(f"asyncio.{x}").subprocess.create_subprocess_exec("%P%", "%A%")
""",
    "import_module_bound_then_read": """
import importlib
def go():
    mod = importlib.import_module("sub" + "process")
    runner = mod.check_output
    runner(["%P%", "%A%"])
""",
}
for _name, _src in COMPUTED.items():
    pair(_name, _src, CODEX, GIT)
# The module not known (any module): a call of an attribute named like a sink is unresolved,
# whatever it is given (it may be a sink of another argument grammar).
UNKNOWN_MODULE = {
    "import_module_instance_attribute": """
import importlib
class Loader:
    def __init__(self, name):
        self._mod = importlib.import_module(name)
    def go(self):
        self._mod.Popen(["%P%", "%A%"])
""",
    "import_module_annotated_binding": """
import importlib, types
def go(name: str):
    mod: types.ModuleType = importlib.import_module(name)
    mod.check_output(["%P%", "%A%"])
""",
    "import_module_conditional_name": """
import importlib
def go(flag, name):
    importlib.import_module("app.x" if flag else name).run(["%P%", "%A%"])
""",
    "import_module_environment_or_default": """
import importlib, os
def go():
    importlib.import_module(os.environ.get("RUNNER") or "json").run(["%P%", "%A%"])
""",
    "getattr_computed_module_called": """
import importlib
def go(name, attr):
    getattr(importlib.import_module(name), attr)(["%P%", "%A%"])
""",
    "getattr_computed_module_sink_name": """
import importlib
def go(name):
    run = getattr(importlib.import_module(name), "run")
    run(["%P%", "%A%"])
""",
}
for _name, _src in UNKNOWN_MODULE.items():
    pair(_name, _src, CODEX, GIT)
# Plugin loaders that cannot launch: the name cannot spell a module holding a sink (a project
# package or another library first), or nothing named like a sink is read from the module.
case(
    "VALID_plugin_loader_setup_hook",
    """
import importlib
def load(app, name):
    mod = importlib.import_module(name)
    mod.setup(app)
    return mod.VERSION
""",
)
case(
    "VALID_plugin_loader_project_prefix",
    """
import importlib
def load(name, argv):
    return importlib.import_module(f"app.plugins.{name}").main(argv)
""",
)
case(
    "VALID_plugin_loader_library_prefix",
    """
import importlib
def load(suffix, text):
    return importlib.import_module("json" + suffix).loads(text)
""",
)
case(
    "VALID_dunder_import_fromlist_class",
    """
def make(module, name):
    cls = getattr(__import__(module, fromlist=[name]), name)
    return cls()
""",
)
# A comprehension of `shlex.quote` joined into a shell line, its items one of two lists, one
# holding a parameter (claude-worktree's launch_ai_tool): the list without the parameter names
# the program here. Session 24's hunt24 lost it (a join waiting for `prompt` made the function
# a wrapper of it: FL200 at its caller only, 15 labelled launches silent), not merged.
case(
    "join_quoted_alternatives_one_with_parameter",
    """
import shlex
import subprocess
def get_cmd():
    return ["claude", "--x"]
def get_merge(prompt):
    return ["claude", "-p", prompt]
def run_shell(cmd, path):
    subprocess.Popen(["bash", "-lc", cmd], cwd=path)
def launch(path, prompt=None):
    parts = get_merge(prompt) if prompt else get_cmd()
    cmd = " ".join(shlex.quote(p) for p in parts.copy())
    run_shell(cmd, path)
def main(path, text):
    launch(path, prompt=text)
""",
)
# Open: a module imported by a computed name and handed on (django's `import_string`): where it
# is called is another module, naming neither the import nor a launch API.
case(
    "import_string_handed_on",
    """
from app.loader import import_string
def go():
    import_string("subprocess.run")(["codex", "exec"])
""",
    app__loader_DOT_py="""
from importlib import import_module
def import_string(path):
    module, _, attr = path.rpartition(".")
    return getattr(import_module(module), attr)
""",
)


# session 25 (recall25): a look-up command given a name it is passed (`which` in an argv): a
# probe of what the callers pass, as `shutil.which(x)` is (vexy-overnight's `_find_command`).
WHICH_ARGV_PARAM = """
import subprocess
class Launcher:
    def __init__(self):
        self.path = self._find("NAME")
    def _find(self, cmd):
        r = subprocess.run(["which", cmd], capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else None
"""
case("which_argv_method_param", WHICH_ARGV_PARAM.replace("NAME", "codex"))
case("VALID_which_argv_method_param_git", WHICH_ARGV_PARAM.replace("NAME", "git"))
case(
    "which_argv_param_unknown",
    """
import subprocess, sys
def installed(tool):
    return subprocess.run(["command", "-v", tool]).returncode == 0
installed(sys.argv[1])
""",
)
# A method taking arguments, called on a parameter typed with its class, launching what the
# constructor kept (`self._cmd`): the instance is built somewhere not known here, each
# constructor parameter its default or not known (tg-gemini's `agent.delete_session(id)`).
TYPED_RECEIVER_ARGS = """
import subprocess
class Agent:
    def __init__(self, cmd: str = "NAME") -> None:
        self._cmd = cmd
    def delete_session(self, sid):
        subprocess.run([self._cmd, "--delete-session", sid])
def cmd_delete(agent: Agent, sid: str) -> None:
    agent.delete_session(sid)
"""
case("typed_receiver_method_args_ctor_default", TYPED_RECEIVER_ARGS.replace("NAME", "gemini"))
case(
    "VALID_typed_receiver_method_args_ctor_default_git",
    TYPED_RECEIVER_ARGS.replace("NAME", "git") + "cmd_delete(Agent(), 'x')\n",
)
case(
    "typed_receiver_method_args_ctor_required",
    """
import subprocess
class Agent:
    def __init__(self, cmd: str) -> None:
        self._cmd = cmd
    def delete_session(self, sid):
        subprocess.run([self._cmd, "--delete-session", sid])
def cmd_delete(agent: Agent) -> None:
    agent.delete_session("x")
""",
)
# Session 25 (trust25): objects and libraries that launch. A command object (dataclass fields,
# `__post_init__` filling the program, properties, factories, builders, dunders), third-party
# launch APIs (sarge, delegator, sh, plumbum, pexpect, anyio, trio, invoke), string methods on
# the program, environment defaults, `typing.cast`, `match`; an event loop handed in with no
# import; a module `__getattr__` (PEP 562). Each with its VALID neighbour (git). Unresolved
# pairs (FL200 both) are shapes not followed, kept closed: `__iter__`, `__fspath__`, `__str__`,
# `__getitem__`, namedtuple fields, `astuple`/`asdict`, a fluent builder mutating `self`.
HUNT25: dict[str, str] = {
    "cmd_dataclass_argv_method": """
import subprocess
from dataclasses import dataclass, field
@dataclass
class Cmd:
    program: str = "%P%"
    args: list = field(default_factory=list)
    def argv(self):
        return [self.program, *self.args]
def go():
    subprocess.run(Cmd(args=["%A%"]).argv())
""",
    "cmd_dataclass_iter_list": """
import subprocess
from dataclasses import dataclass
@dataclass
class Cmd:
    program: str = "%P%"
    def __iter__(self):
        return iter([self.program, "%A%"])
def go():
    subprocess.run(list(Cmd()))
""",
    "cmd_dataclass_iter_yield_star": """
import subprocess
from dataclasses import dataclass
@dataclass
class Cmd:
    program: str = "%P%"
    def __iter__(self):
        yield self.program
        yield "%A%"
def go():
    subprocess.run([*Cmd()])
""",
    "cmd_fspath_called": """
import os, subprocess
class Bin:
    def __fspath__(self):
        return "/usr/local/bin/%P%"
def go():
    subprocess.run([os.fspath(Bin()), "%A%"])
""",
    "cmd_fspath_object_in_argv": """
import subprocess
class Bin:
    def __fspath__(self):
        return "/usr/local/bin/%P%"
def go():
    subprocess.run([Bin(), "%A%"])
""",
    "cmd_cached_property_argv": """
import subprocess
from functools import cached_property
class Tool:
    @cached_property
    def argv(self):
        return ["%P%", "%A%"]
def go():
    subprocess.run(Tool().argv)
""",
    "cmd_property_argv_class_attr": """
import subprocess
class Tool:
    binary = "%P%"
    @property
    def argv(self):
        return [self.binary, "%A%"]
def go(t: Tool):
    subprocess.run(t.argv)
""",
    "cmd_classmethod_factory": """
import subprocess
class Cmd:
    def __init__(self, argv):
        self.argv = argv
    @classmethod
    def agent(cls):
        return cls(["%P%", "%A%"])
def go():
    subprocess.run(Cmd.agent().argv)
""",
    "cmd_post_init_fills_program": """
import subprocess
from dataclasses import dataclass
@dataclass
class Cmd:
    program: str = ""
    def __post_init__(self):
        if not self.program:
            self.program = "%P%"
def go():
    c = Cmd()
    subprocess.run([c.program, "%A%"])
""",
    "cmd_builder_fluent_self": """
import subprocess
class Cmd:
    def __init__(self, prog):
        self.parts = [prog]
    def arg(self, a):
        self.parts.append(a)
        return self
    def build(self):
        return list(self.parts)
def go():
    subprocess.run(Cmd("%P%").arg("%A%").build())
""",
    "cmd_builder_immutable_new": """
import subprocess
class Cmd:
    def __init__(self, *parts):
        self.parts = parts
    def arg(self, a):
        return Cmd(*self.parts, a)
    def build(self):
        return list(self.parts)
def go():
    subprocess.run(Cmd("%P%").arg("%A%").build())
""",
    "cmd_namedtuple_fields": """
import subprocess
from collections import namedtuple
Cmd = namedtuple("Cmd", "program args")
def go():
    c = Cmd("%P%", ["%A%"])
    subprocess.run([c.program, *c.args])
""",
    "cmd_typing_namedtuple_default": """
import subprocess
from typing import NamedTuple
class Cmd(NamedTuple):
    program: str = "%P%"
    sub: str = "%A%"
def go():
    c = Cmd()
    subprocess.run([c.program, c.sub])
""",
    "cmd_enum_value": """
import subprocess
from enum import Enum
class Tool(Enum):
    AGENT = "%P%"
def go():
    subprocess.run([Tool.AGENT.value, "%A%"])
""",
    "cmd_str_enum_member": """
import subprocess
from enum import StrEnum
class Tool(StrEnum):
    AGENT = "%P%"
def go():
    subprocess.run([Tool.AGENT, "%A%"])
""",
    "cmd_dunder_str_shell": """
import os
class Cmd:
    def __str__(self):
        return "%P% %A%"
def go():
    os.system(str(Cmd()))
""",
    "cmd_dunder_str_fstring": """
import os
class Cmd:
    def __str__(self):
        return "%P% %A%"
def go():
    os.system(f"{Cmd()} --quiet")
""",
    "cmd_dunder_call_argv": """
import subprocess
class Cmd:
    program = "%P%"
    def __call__(self, *rest):
        return [self.program, *rest]
def go():
    subprocess.run(Cmd()("%A%"))
""",
    "cmd_dunder_getitem_argv": """
import subprocess
class Cmd:
    program = "%P%"
    def __getitem__(self, a):
        return [self.program, a]
def go():
    subprocess.run(Cmd()["%A%"])
""",
    "cmd_astuple": """
import subprocess
from dataclasses import dataclass, astuple
@dataclass
class Cmd:
    program: str = "%P%"
    sub: str = "%A%"
def go():
    subprocess.run(list(astuple(Cmd())))
""",
    "cmd_asdict_program": """
import subprocess
from dataclasses import dataclass, asdict
@dataclass
class Cmd:
    program: str = "%P%"
def go():
    subprocess.run([asdict(Cmd())["program"], "%A%"])
""",
    "cmd_shlex_join_method": """
import os, shlex
class Cmd:
    program = "%P%"
    def argv(self):
        return [self.program, "%A%"]
def go():
    os.system(shlex.join(Cmd().argv()))
""",
    "cmd_staticmethod_default_program": """
import subprocess
class Agent:
    @staticmethod
    def default_program():
        return "%P%"
def go():
    subprocess.run([Agent.default_program(), "%A%"])
""",
    "cmd_subclass_overrides_program": """
import subprocess
class Base:
    program = "true"
    def argv(self):
        return [self.program, "%A%"]
class Agent(Base):
    program = "%P%"
def go():
    subprocess.run(Agent().argv())
""",
    "cmd_methodcaller_argv": """
import operator, subprocess
class Cmd:
    def argv(self):
        return ["%P%", "%A%"]
def go():
    subprocess.run(operator.methodcaller("argv")(Cmd()))
""",
    "cmd_getattr_program": """
import subprocess
class Cmd:
    program = "%P%"
def go():
    subprocess.run([getattr(Cmd, "program"), "%A%"])
""",
    "str_replace_program": """
import subprocess
def go():
    subprocess.run(["vendor-%P%".replace("vendor-", ""), "%A%"])
""",
    "str_removeprefix_program": """
import subprocess
def go():
    subprocess.run(["tool:%P%".removeprefix("tool:"), "%A%"])
""",
    "str_removesuffix_program": """
import subprocess
def go():
    subprocess.run(["%P%.exe".removesuffix(".exe"), "%A%"])
""",
    "str_strip_program": """
import subprocess
def go():
    subprocess.run(["  %P%\\n".strip(), "%A%"])
""",
    "str_lower_program": """
import subprocess
def go():
    subprocess.run(["%P%".upper().lower(), "%A%"])
""",
    "str_split_first_word": """
import subprocess
def go():
    subprocess.run(["%P% %A%".split()[0], "%A%"])
""",
    "str_partition_program_first": """
import subprocess
def go():
    prog, _, rest = "%P% %A%".partition(" ")
    subprocess.run([prog, rest])
""",
    "str_format_method_program": """
import subprocess
def go():
    subprocess.run(["{}".format("%P%"), "%A%"])
""",
    "str_percent_program": """
import subprocess
def go():
    subprocess.run(["%s" % "%P%", "%A%"])
""",
    "environ_get_nested_default": """
import os, subprocess
def go():
    subprocess.run([os.environ.get("AGENT_BIN", os.environ.get("TOOL", "%P%")), "%A%"])
""",
    "environ_getenv_or_default": """
import os, subprocess
def go():
    subprocess.run([os.getenv("AGENT_BIN") or "%P%", "%A%"])
""",
    "environ_setdefault_then_read_argv": """
import os, subprocess
def go():
    os.environ.setdefault("AGENT_BIN", "%P%")
    subprocess.run([os.environ["AGENT_BIN"], "%A%"])
""",
    "typing_cast_program": """
import subprocess
from typing import cast
def go():
    subprocess.run([cast(str, "%P%"), "%A%"])
""",
    "typing_cast_argv_string_type": """
import subprocess, typing
def go():
    subprocess.run(typing.cast("list[str]", ["%P%", "%A%"]))
""",
    "match_sys_platform_program": """
import subprocess, sys
def go():
    match sys.platform:
        case "win32":
            prog = "%P%.cmd"
        case _:
            prog = "%P%"
    subprocess.run([prog, "%A%"])
""",
    "match_mapping_pattern_program": """
import subprocess
def go(cfg):
    match {"tool": "%P%"}:
        case {"tool": str(prog)}:
            subprocess.run([prog, "%A%"])
""",
    "sarge_run_line": """
import sarge
def go():
    sarge.run("%P% %A%")
""",
    "sarge_capture_stdout_list": """
import sarge
def go():
    return sarge.capture_stdout(["%P%", "%A%"]).stdout.text
""",
    "sarge_command_run": """
from sarge import Command
def go():
    Command(["%P%", "%A%"]).run()
""",
    "delegator_run_line": """
import delegator
def go():
    return delegator.run("%P% %A%").out
""",
    "delegator_chain_pipe": """
import delegator
def go():
    return delegator.chain("%P% %A% | cat").out
""",
    "sh_command_bake_call": """
import sh
def go():
    sh.Command("%P%").bake("%A%")()
""",
    "plumbum_local_item_bound": """
from plumbum import local
def go():
    local["%P%"]["%A%"]()
""",
    "anyio_open_process_async_with": """
import anyio
async def go():
    async with await anyio.open_process(["%P%", "%A%"]) as p:
        await p.wait()
""",
    "loop_subprocess_shell_param_no_import": """
async def go(loop, factory):
    await loop.subprocess_shell(factory, "%P% %A%")
""",
    "loop_subprocess_exec_self_attr_no_import": """
class Runner:
    def __init__(self, loop):
        self._loop = loop
    async def go(self, factory):
        await self._loop.subprocess_exec(factory, "%P%", "%A%")
""",
    "pexpect_spawn_command_object": """
import pexpect
class Cmd:
    program = "%P%"
def go():
    pexpect.spawn(Cmd.program, ["%A%"])
""",
    "invoke_context_run_method_line": """
from invoke import Context
class Cmd:
    def line(self):
        return "%P% %A%"
def go():
    Context().run(Cmd().line())
""",
    "which_property_program": """
import shutil
class Tool:
    @property
    def name(self):
        return "%P%"
def go():
    return shutil.which(Tool().name)
""",
    "cmd_attrs_post_init_fills_program": """
import subprocess
import attrs
@attrs.define
class Cmd:
    program: str = ""
    def __attrs_post_init__(self):
        self.program = self.program or "%P%"
def go():
    subprocess.run([Cmd().program, "%A%"])
""",
    "cmd_dataclass_method_sets_field": """
import subprocess
from dataclasses import dataclass
@dataclass
class Cmd:
    program: str = "true"
    def use_agent(self):
        self.program = "%P%"
        return self
def go():
    subprocess.run([Cmd().use_agent().program, "%A%"])
""",
    "sarge_pipeline_line": """
import sarge
def go():
    sarge.Pipeline("%P% %A% | cat").run()
""",
    "delegator_command_object": """
from delegator import Command
def go():
    Command("%P% %A%").run()
""",
    "sarge_get_stdout_alias": """
from sarge import get_stdout as out
def go():
    return out("%P% %A%")
""",
    "cmd_frozen_dataclass_object_setattr": """
import subprocess
from dataclasses import dataclass
@dataclass(frozen=True)
class Cmd:
    program: str = ""
    def __post_init__(self):
        if not self.program:
            object.__setattr__(self, "program", "%P%")
def go():
    subprocess.run([Cmd().program, "%A%"])
""",
    "cmd_post_init_setattr": """
import subprocess
from dataclasses import dataclass
@dataclass
class Cmd:
    program: str = ""
    def __post_init__(self):
        setattr(self, "program", self.program or "%P%")
def go():
    subprocess.run([Cmd().program, "%A%"])
""",
    "cmd_init_subclass_keyword": """
import subprocess
class Base:
    program = "true"
    def __init_subclass__(cls, program="true", **kw):
        super().__init_subclass__(**kw)
        cls.program = program
class Agent(Base, program="%P%"):
    pass
def go():
    subprocess.run([Agent.program, "%A%"])
""",
    "cmd_module_instance_argv": """
import subprocess
class Cmd:
    def __init__(self, program):
        self.program = program
    def argv(self, *rest):
        return [self.program, *rest]
AGENT = Cmd("%P%")
def go():
    subprocess.run(AGENT.argv("%A%"))
""",
    "cmd_pydantic_field_default": """
import subprocess
from pydantic import BaseModel, Field
class Cmd(BaseModel):
    program: str = Field(default="%P%")
def go():
    subprocess.run([Cmd().program, "%A%"])
""",
    "cmd_pydantic_default_factory": """
import subprocess
from pydantic import BaseModel, Field
class Cmd(BaseModel):
    program: str = Field(default_factory=lambda: "%P%")
def go():
    subprocess.run([Cmd().program, "%A%"])
""",
    "cmd_partial_class_keyword": """
import functools, subprocess
class Cmd:
    def __init__(self, program="true"):
        self.program = program
AgentCmd = functools.partial(Cmd, program="%P%")
def go():
    subprocess.run([AgentCmd().program, "%A%"])
""",
    "cmd_property_setter_private": """
import subprocess
class Cmd:
    def __init__(self):
        self._program = "true"
    @property
    def program(self):
        return self._program
    @program.setter
    def program(self, v):
        self._program = v
def go():
    c = Cmd()
    c.program = "%P%"
    subprocess.run([c.program, "%A%"])
""",
    "cmd_slots_init": """
import subprocess
class Cmd:
    __slots__ = ("program",)
    def __init__(self):
        self.program = "%P%"
def go():
    subprocess.run([Cmd().program, "%A%"])
""",
    "cmd_enter_returns_argv": """
import subprocess
class Cmd:
    def __enter__(self):
        return ["%P%", "%A%"]
    def __exit__(self, *a):
        return False
def go():
    with Cmd() as argv:
        subprocess.run(argv)
""",
    "cmd_match_class_pattern": """
import subprocess
from dataclasses import dataclass
@dataclass
class Cmd:
    program: str
def go():
    match Cmd("%P%"):
        case Cmd(program=p):
            subprocess.run([p, "%A%"])
""",
    "cmd_classmethod_from_env": """
import os, subprocess
class Cmd:
    def __init__(self, program):
        self.program = program
    @classmethod
    def from_env(cls):
        return cls(os.environ.get("AGENT_BIN", "%P%"))
def go():
    subprocess.run([Cmd.from_env().program, "%A%"])
""",
    "os_name_choice_program": """
import os, subprocess
def go():
    prog = "%P%.cmd" if os.name == "nt" else "%P%"
    subprocess.run([prog, "%A%"])
""",
    "platform_system_choice_program": """
import platform, subprocess
def go():
    prog = {"Windows": "%P%.exe"}.get(platform.system(), "%P%")
    subprocess.run([prog, "%A%"])
""",
    "lru_cache_program_function": """
import functools, subprocess
@functools.lru_cache(maxsize=None)
def program():
    return "%P%"
def go():
    subprocess.run([program(), "%A%"])
""",
    "cache_method_program": """
import functools, subprocess
class Tool:
    @functools.cache
    def program(self):
        return "%P%"
def go():
    subprocess.run([Tool().program(), "%A%"])
""",
    "sh_command_which_path": """
import shutil, sh
def go():
    sh.Command(shutil.which("%P%"))("%A%")
""",
    "pexpect_fstring_class_attr": """
import pexpect
class Cmd:
    program = "%P%"
def go():
    pexpect.spawn(f"{Cmd.program} %A%")
""",
    "join_method_argv_os_system": """
import os
class Cmd:
    program = "%P%"
    def argv(self):
        return [self.program, "%A%"]
def go():
    os.system(" ".join(Cmd().argv()))
""",
    "cmd_getattr_computed_attr": """
import subprocess
class Tools:
    agent_program = "%P%"
def go(kind="agent"):
    subprocess.run([getattr(Tools, f"{kind}_program"), "%A%"])
""",
    "cmd_dict_dunder_store": """
import subprocess
class Cmd:
    def __init__(self):
        self.__dict__["program"] = "%P%"
def go():
    subprocess.run([Cmd().program, "%A%"])
""",
    "cmd_new_returns_argv": """
import subprocess
class Argv(list):
    def __new__(cls):
        return ["%P%", "%A%"]
def go():
    subprocess.run(Argv())
""",
    "cmd_list_subclass_init": """
import subprocess
class Argv(list):
    def __init__(self):
        super().__init__(["%P%", "%A%"])
def go():
    subprocess.run(Argv())
""",
    "anyio_run_process_method_argv": """
import anyio
class Cmd:
    def argv(self):
        return ["%P%", "%A%"]
async def go():
    await anyio.run_process(Cmd().argv())
""",
    "trio_run_process_property": """
import trio
class Cmd:
    @property
    def argv(self):
        return ["%P%", "%A%"]
async def go():
    await trio.run_process(Cmd().argv)
""",
    "module_getattr_from_import": """
from app.tools import anything
def go():
    anything(["%P%", "%A%"])
""",
    "module_getattr_checks_name": """
import app.tools
def go():
    app.tools.runner(["%P%", "%A%"])
""",
    "decorator_returns_launcher_other_module": """
from app.tools import launch
def go():
    launch(["%P%", "%A%"])
""",
    "decorator_dotted_returns_launcher": """
from app import deco
@deco.as_runner
def launch(cmd):
    pass
def go():
    launch(["%P%", "%A%"])
""",
    "decorator_returns_function_or_launcher": """
import subprocess
def as_runner(fn):
    return fn if fn.__doc__ else subprocess.run
@as_runner
def launch(cmd):
    print(cmd)
def go():
    launch(["%P%", "%A%"])
""",
    "callback_registered_other_module": """
from app.registry import REG
def go():
    REG["a"](["%P%", "%A%"])
""",
    "module_getattr_relative_import": """
from .tools import anything
def go():
    anything(["%P%", "%A%"])
""",
}
HUNT25_FILES: dict[str, dict[str, str]] = {
    "module_getattr_from_import": {
        "app__tools_DOT_py": """
import subprocess
def __getattr__(name):
    return subprocess.run
""",
    },
    "module_getattr_checks_name": {
        "app__tools_DOT_py": """
import subprocess
def __getattr__(name):
    if name == 'runner':
        return subprocess.run
    raise AttributeError(name)
""",
    },
    "decorator_returns_launcher_other_module": {
        "app__deco_DOT_py": """
import subprocess
def as_runner(fn):
    return subprocess.run
""",
        "app__tools_DOT_py": """
from app.deco import as_runner
@as_runner
def launch(cmd):
    pass
""",
    },
    "decorator_dotted_returns_launcher": {
        "app__deco_DOT_py": """
import subprocess
def as_runner(fn):
    return subprocess.run
""",
    },
    "callback_registered_other_module": {
        "app__registry_DOT_py": """
REG = {}
def register(name):
    def deco(fn):
        REG[name] = fn
        return fn
    return deco
""",
        "app__handlers_DOT_py": """
import subprocess
from app.registry import register
@register("a")
def a(cmd):
    subprocess.run(cmd)
def other():
    a(["ls"])
""",
    },
    "module_getattr_relative_import": {
        "app____init___DOT_py": "",
        "app__tools_DOT_py": """
import subprocess
def __getattr__(name):
    return subprocess.run
""",
    },
}
for _name, _src in HUNT25.items():
    pair(_name, _src, CODEX, GIT, **HUNT25_FILES.get(_name, {}))


# Session 25 (lead): a method or property a project subclass gives another body, called on
# `self` in the base (or on an instance known only by its class): the subclass's is an
# alternative (each with its VALID neighbour); past 32 such subclasses, unresolved.
pair(
    "override_method_on_self",
    """
import subprocess
class Base:
    def binary(self):
        return "git"
    def run(self, prompt):
        subprocess.run([self.binary(), "%A%", prompt])
class Cli(Base):
    def binary(self):
        return "%P%"
""",
    CODEX,
    GIT,
)
pair(
    "override_property_on_self_which",
    """
import shutil, subprocess
class Base:
    @property
    def binary_name(self):
        return "git"
    def run(self, prompt):
        exe = shutil.which(self.binary_name) or self.binary_name
        subprocess.run([exe, "%A%", prompt])
class Cli(Base):
    @property
    def binary_name(self):
        return "%P%"
""",
    CODEX,
    GIT,
)
pair(
    "override_property_by_class_attribute",
    """
import subprocess
class Base:
    @property
    def program(self):
        return "git"
    def cmd(self, prompt):
        return [self.program, "%A%", prompt]
    def run(self, prompt):
        argv = self.cmd(prompt)
        subprocess.run(argv)
class Cli(Base):
    program = "%P%"
""",
    CODEX,
    GIT,
)
pair(
    "override_abstract_property_other_module",
    """
import abc, subprocess
class Agent(abc.ABC):
    @property
    @abc.abstractmethod
    def command(self): ...
    def start(self):
        return subprocess.Popen([self.command, "%A%"])
""",
    CODEX,
    GIT,
    app__cli_DOT_py="""
from app.main import Agent
class CliAgent(Agent):
    @property
    def command(self):
        return "%P%"
""",
)
pair(
    "override_method_grandchild_with_argument",
    """
import subprocess
class Base:
    def argv(self, prompt):
        return ["git", "log", prompt]
    def run(self, prompt):
        subprocess.run(self.argv(prompt))
class Mid(Base):
    pass
""",
    CODEX,
    GIT,
    app__leaf_DOT_py="""
from app.main import Mid
class Leaf(Mid):
    def argv(self, prompt):
        return ["%P%", "%A%", prompt]
""",
)
case(
    "override_past_bound",
    "import subprocess\n"
    "class Base:\n"
    "    def binary(self):\n"
    "        return 'git'\n"
    "    def run(self):\n"
    "        subprocess.run([self.binary(), 'status'])\n"
    + "".join(
        f"class C{i}(Base):\n    def binary(self):\n        return 'git'\n" for i in range(40)
    ),
)


# Session 25 (lead): a subclass's constructor launching from what its base constructor kept
# on `self` after `super().__init__(...)`: the base's argument is what this constructor
# passed, filled in by its callers (it was left as the base's parameter, which no caller of
# the subclass fills: the launch was dropped).
pair(
    "subclass_init_launches_base_kept_argument",
    """
import subprocess
class Base:
    def __init__(self, tool):
        self.config = tool
class Wx(Base):
    def __init__(self, tool):
        super().__init__(tool)
        subprocess.run([self.config, "--libs"])
def main():
    Wx("%P%")
""",
    CODEX,
    GIT,
)
pair(
    "subclass_init_launches_base_kept_kwargs_two_levels",
    """
import subprocess
class Root:
    def __init__(self, kwargs):
        self.config = [kwargs.get("tool", "git")]
class Mid(Root):
    def __init__(self, name, kwargs):
        super().__init__(kwargs)
class Wx(Mid):
    def __init__(self, name, kwargs):
        super().__init__(name, kwargs)
        subprocess.run(self.config + ["--libs"])
def make():
    return Wx("w", {"tool": "%P%"})
""",
    CODEX,
    GIT,
)

# Session 26 (trust26): a hunt of ~300 shapes (each with its VALID neighbour); those silent on
# main are kept here. `f.__call__(argv)` is `f(argv)` for a sink, a wrapper, a partial or an
# alias of one (it was a call of nothing known: silent).
HUNT26: dict[str, str] = {
    "sink_dunder_call": """
import subprocess
def go():
    subprocess.run.__call__(["%P%", "%A%"])
""",
    "sink_dunder_call_shell": """
import os
def go():
    os.system.__call__("%P% %A%")
""",
    "sink_dunder_call_getattr": """
import subprocess
def go():
    getattr(subprocess.run, "__call__")(["%P%", "%A%"])
""",
    "sink_dunder_call_partial": """
import functools, subprocess
def go():
    functools.partial(subprocess.run).__call__(["%P%", "%A%"])
""",
    "sink_dunder_call_module_alias": """
import subprocess
r = subprocess.run.__call__
def go():
    r(["%P%", "%A%"])
""",
    "wrapper_dunder_call": """
import subprocess
def launch(argv):
    subprocess.run(argv)
def go():
    launch.__call__(["%P%", "%A%"])
""",
}
# A catalogue class's constructor called outright on the instance in a subclass's `__init__`
# (`subprocess.Popen.__init__(self, argv)`, not `super()`): that construction.
HUNT26["popen_base_init_outright"] = """
import subprocess
class Agent(subprocess.Popen):
    def __init__(self, arg):
        subprocess.Popen.__init__(self, ["%P%", arg])
def go():
    Agent("%A%")
"""
HUNT26["popen_base_init_outright_keyword"] = """
import subprocess
class Agent(subprocess.Popen):
    def __init__(self, prog, **kw):
        subprocess.Popen.__init__(self, args=[prog, "%A%"], **kw)
def go():
    Agent("%P%", text=True)
"""
# os's functions from the module os re-exports them from (`posix`, `nt`), however imported.
HUNT26["posix_system"] = """
import posix
def go():
    posix.system("%P% %A%")
"""
HUNT26["posix_execv_from_import"] = """
from posix import execv
def go():
    execv("/usr/bin/%P%", ["%P%", "%A%"])
"""
HUNT26["posix_spawnp_import_module"] = """
import importlib, os
def go():
    importlib.import_module("posix").posix_spawnp("%P%", ["%P%", "%A%"], os.environ)
"""
HUNT26["nt_system"] = """
import nt
def go():
    nt.system("%P% %A%")
"""
HUNT26["nt_spawnv"] = """
import os
import nt
def go():
    nt.spawnv(os.P_WAIT, "C:/tools/%P%.exe", ["%P%", "%A%"])
"""
# Launchers that run the command after their own words (profilers, a compiler cache, terminal
# shims, a container's way out to the host): the program was taken for the launcher's name.
for _name, _words in {
    "perf_record": '"perf", "record", "-g", "-o", "p.data", "%P%", "%A%"',
    "perf_stat_dashes": '"perf", "stat", "-e", "cycles", "--", "%P%", "%A%"',
    "heaptrack": '"heaptrack", "-o", "h", "%P%", "%A%"',
    "ccache": '"ccache", "%P%", "%A%"',
    "winpty": '"winpty", "%P%", "%A%"',
    "distrobox_host_exec": '"distrobox-host-exec", "--yes", "%P%", "%A%"',
    "entr": '"entr", "-r", "%P%", "%A%"',
    "entr_shell_line": '"entr", "-s", "%P% %A%"',
}.items():
    HUNT26[f"launcher_{_name}"] = f"""
import subprocess
def go():
    subprocess.run([{_words}], input="a.py")
"""
# A sink read by the other spellings of `getattr`, or called through `operator.call`.
HUNT26["module_dunder_getattribute"] = """
import subprocess
def go():
    subprocess.__getattribute__("run")(["%P%", "%A%"])
"""
HUNT26["object_getattribute_unbound"] = """
import subprocess
def go():
    object.__getattribute__(subprocess, "run")(["%P%", "%A%"])
"""
HUNT26["inspect_getattr_static"] = """
import inspect, os
def go():
    inspect.getattr_static(os, "system")("%P% %A%")
"""
HUNT26["operator_call_sink"] = """
import operator, subprocess
def go():
    operator.call(subprocess.run, ["%P%", "%A%"], check=True)
"""
# A local list changed in place by a method taking items out or moving them, by `del`, or by
# the unbound and dunder spellings of the ones adding items: each was ignored (the list read
# as before it, `["ls", "codex"]`'s program ls).
for _name, (_start, _change) in {
    "pop_head": ('["ls", "%P%", "%A%"]', "argv.pop(0)"),
    "del_head": ('["ls", "%P%", "%A%"]', "del argv[0]"),
    "del_head_slice": ('["ls", "-v", "%P%", "%A%"]', "del argv[:2]"),
    "remove_head": ('["ls", "%P%", "%A%"]', 'argv.remove("ls")'),
    "reverse": ('["-v", "%P%"]', "argv.reverse()"),
    "clear_then_append": ('["ls"]', 'argv.clear(); argv.append("%P%")'),
    "unbound_append": ("[]", 'list.append(argv, "%P%")'),
    "unbound_insert": ('["%A%"]', 'list.insert(argv, 0, "%P%")'),
    "dunder_setitem": ('["ls", "%A%"]', 'argv.__setitem__(0, "%P%")'),
    "dunder_iadd": ("[]", 'argv.__iadd__(["%P%", "%A%"])'),
}.items():
    HUNT26[f"list_{_name}"] = f"""
import subprocess
def go():
    argv = {_start}
    {_change}
    subprocess.run(argv)
"""
# Items taken out at module level (the module's value of the name is the list after it), and
# in a loop: after it any item may lead (the one pass read `["ls", "x", "codex"]` without ls).
HUNT26["list_pop_module_level"] = """
import subprocess
ARGV = ["ls", "%P%", "%A%"]
ARGV.pop(0)
def go():
    subprocess.run(ARGV)
"""
for _name, _src in HUNT26.items():
    pair(_name, _src, CODEX, GIT)

# A local list filled where the analysis does not follow it: handed to a function that extends
# it, or through another name for it. Empty wherever it was followed, its launch is unresolved
# (it started nothing, silently); a list with a program already read by another name or changed
# in a function it was handed to is a gap (`GAPS`).
HUNT26_FL200: dict[str, str] = {
    "list_extended_in_callee": """
import subprocess
def fill(a):
    a.extend(["%P%", "%A%"])
def go():
    argv = []
    fill(argv)
    subprocess.run(argv)
""",
    "list_appended_through_bound_method": """
import subprocess
def go():
    argv = []
    add = argv.append
    add("%P%")
    subprocess.run(argv)
""",
    "list_item_set_in_callee": """
import subprocess
def fill(a):
    a[0] = "%P%"
def go():
    argv = ["ls", "%A%"]
    fill(argv)
    subprocess.run(argv)
""",
    "list_popped_in_while_loop": """
import subprocess
def go():
    argv = ["ls", "-x", "%P%", "%A%"]
    while argv[0] != "%P%":
        argv.pop(0)
    subprocess.run(argv)
""",
    "list_popped_on_self": """
import subprocess
class T:
    def __init__(self):
        self.argv = ["ls", "%P%", "%A%"]
    def go(self):
        self.argv.pop(0)
        subprocess.run(self.argv)
""",
    "list_item_set_through_other_name": """
import subprocess
def go():
    argv = ["ls", "%A%"]
    other = argv
    other[0] = "%P%"
    subprocess.run(argv)
""",
}
for _name, _src in HUNT26_FL200.items():
    pair(_name, _src, CODEX, GIT)
# (The others closed in session 27, trust27: `HUNT26_CLOSED`.)
HUNT26_GAPS: tuple[str, ...] = ()
# Open at the session's end, each silent (`GAPS` says why).
HUNT26_OPEN: dict[str, str] = {
    "dict_item_set_in_callee": """
import subprocess
def fill(cfg):
    cfg["prog"] = "%P%"
def go():
    cfg = {"prog": "ls"}
    fill(cfg)
    subprocess.run([cfg["prog"], "%A%"])
""",
    "pkgutil_resolve_name_sink": """
import pkgutil
def go():
    pkgutil.resolve_name("subprocess:run")(["%P%", "%A%"])
""",
    "staticmethod_func_of_sink": """
import subprocess
def go():
    staticmethod(subprocess.run).__func__(["%P%", "%A%"])
""",
    "posixsubprocess_fork_exec": """
import _posixsubprocess
def go(fds):
    _posixsubprocess.fork_exec(["%P%", "%A%"], [b"/usr/bin/%P%"], *fds)
""",
    "launcher_perl_e": """
import subprocess
def go():
    subprocess.run(["perl", "-e", "system('%P% %A%')"])
""",
    "launcher_git_c_alias_shell": """
import subprocess
def go():
    subprocess.run(["git", "-c", "alias.x=!%P% %A%", "x"])
""",
    "launcher_make_shell_variable": """
import subprocess
def go():
    subprocess.run(["make", "SHELL=%P%", "all"])
""",
}
for _name, _src in HUNT26_OPEN.items():
    pair(_name, _src, CODEX, GIT)
# Closed in session 27 (trust27): the verdicts of the case and of its VALID neighbour. A list
# changed through another name is the same object (found); one changed by a function it is
# handed to, or by another method of its class, is not known (unresolved, naming the change).
HUNT26_CLOSED: dict[str, tuple[str, str]] = {
    "list_item_set_through_other_name": ("found", "CLEAN"),
    "list_item_set_in_callee": ("FL200", "FL200"),
    "dict_item_set_in_callee": ("FL200", "FL200"),
    "posixsubprocess_fork_exec": ("found", "CLEAN"),
    "launcher_perl_e": ("FL200", "FL200"),
    "pkgutil_resolve_name_sink": ("found", "CLEAN"),
    "staticmethod_func_of_sink": ("found", "CLEAN"),
}

# ---- session 27 (trust27): a list or dict changed where the reading does not follow it, and
# the interpreters of other scripting languages.
# A local list or dict changed in place through another name for it (`other = argv`): the same
# object, changed for both (read as before, the change went unseen).
TRUST27_FOUND: dict[str, str] = {
    "list_popped_through_other_name": """
import subprocess
def go():
    argv = ["ls", "%P%", "%A%"]
    other = argv
    other.pop(0)
    subprocess.run(argv)
""",
    "list_inserted_through_other_name": """
import subprocess
def go():
    argv = ["%A%"]
    other = argv
    other.insert(0, "%P%")
    subprocess.run(argv)
""",
    "dict_item_set_through_other_name": """
import subprocess
def go():
    cfg = {"prog": "ls"}
    other = cfg
    other["prog"] = "%P%"
    subprocess.run([cfg["prog"], "%A%"])
""",
    # A parameter cleared then filled: what the caller passes, or (a list) empty.
    "param_list_cleared_then_extended": """
import subprocess
def run(argv):
    argv.clear()
    argv.extend(["%P%", "%A%"])
    subprocess.run(argv)
def go():
    run(["ls"])
""",
    # A sink named by `pkgutil.resolve_name`'s string, imported by name.
    "pkgutil_resolve_name_from_import": """
from pkgutil import resolve_name
def go():
    resolve_name("os:system")("%P% %A%")
""",
    # C's `execlp` ends its arguments with NULL (None): still the program's argv.
    "ctypes_execlp_null_terminated": """
import ctypes
def go():
    libc = ctypes.CDLL(None)
    libc.execlp(b"%P%", b"%P%", b"%A%", None)
""",
}
for _name, _src in TRUST27_FOUND.items():
    pair(_name, _src, CODEX, GIT)
# Changed where the analysis does not evaluate it: in a project function it is handed to (its
# text changes that parameter in place), in another method of the class holding it on `self`,
# in a function changing a module-level list. Unresolved, naming the change, never clean.
TRUST27_FL200: dict[str, str] = {
    "list_popped_in_callee": """
import subprocess
def strip(a):
    a.pop(0)
def go():
    argv = ["ls", "%P%", "%A%"]
    strip(argv)
    subprocess.run(argv)
""",
    "list_inserted_in_callee": """
import subprocess
def fill(a):
    a.insert(0, "%P%")
def go():
    argv = ["%A%"]
    fill(argv)
    subprocess.run(argv)
""",
    "list_item_set_in_method_callee": """
import subprocess
class T:
    def fill(self, a):
        a[0] = "%P%"
    def go(self):
        argv = ["ls", "%A%"]
        self.fill(argv)
        subprocess.run(argv)
""",
    "list_item_set_in_callee_by_keyword": """
import subprocess
def fill(x=None, a=None):
    a[0] = "%P%"
def go():
    argv = ["ls", "%A%"]
    fill(a=argv)
    subprocess.run(argv)
""",
    "dict_item_set_in_method_callee": """
import subprocess
class T:
    def fill(self, cfg):
        cfg["prog"] = "%P%"
    def go(self):
        cfg = {"prog": "ls"}
        self.fill(cfg)
        subprocess.run([cfg["prog"], "%A%"])
""",
    "list_extended_in_callee_after_launcher": """
import subprocess
def add(a):
    a.extend(["%P%", "%A%"])
def go():
    argv = ["env"]
    add(argv)
    subprocess.run(argv)
""",
    # Code of another scripting language naming a way to start a process (not analysed).
    "launcher_ruby_e": """
import subprocess
def go():
    subprocess.run(["ruby", "-e", "system('%P% %A%')"])
""",
    "launcher_php_r": """
import subprocess
def go():
    subprocess.run(["php", "-r", "passthru('%P% %A%');"])
""",
    "launcher_lua_e": """
import subprocess
def go():
    subprocess.run(["lua", "-e", "os.execute('%P% %A%')"])
""",
    "launcher_perl_backticks": """
import subprocess
def go():
    subprocess.run(["perl", "-we", "print `%P% %A%`"])
""",
}
for _name, _src in TRUST27_FL200.items():
    pair(_name, _src, CODEX, GIT)
# Code naming no way to start a process starts nothing.
case(
    "VALID_launcher_perl_e_prints", 'import subprocess\nsubprocess.run(["perl", "-e", "print 1"])\n'
)
# Open at the session's end, each silent (`GAPS` says why).
TRUST27_OPEN: dict[str, str] = {
    "list_removed_on_self": """
import subprocess
class T:
    def __init__(self):
        self.argv = ["ls", "%P%", "%A%"]
    def go(self):
        self.argv.remove("ls")
        subprocess.run(self.argv)
""",
    "list_item_set_on_self": """
import subprocess
class T:
    def __init__(self):
        self.argv = ["ls", "%A%"]
    def go(self):
        self.argv[0] = "%P%"
        subprocess.run(self.argv)
""",
    "list_reversed_on_self": """
import subprocess
class T:
    def __init__(self):
        self.argv = ["-v", "%P%"]
    def go(self):
        self.argv.reverse()
        subprocess.run(self.argv)
""",
    "list_cleared_on_self": """
import subprocess
class T:
    def __init__(self):
        self.argv = ["ls"]
    def go(self):
        self.argv.clear()
        self.argv += ["%P%"]
        subprocess.run(self.argv)
""",
    "module_list_popped_in_function": """
import subprocess
ARGV = ["ls", "%P%", "%A%"]
def setup():
    ARGV.pop(0)
def go():
    subprocess.run(ARGV)
""",
    "module_list_item_set_in_function": """
import subprocess
ARGV = ["ls", "%A%"]
def setup():
    ARGV[0] = "%P%"
def go():
    subprocess.run(ARGV)
""",
    "list_item_set_in_callee_of_callee": """
import subprocess
def fill2(b):
    b[0] = "%P%"
def fill(a):
    fill2(a)
def go():
    argv = ["ls", "%A%"]
    fill(argv)
    subprocess.run(argv)
""",
    "list_item_deleted_on_self": """
import subprocess
class T:
    def __init__(self):
        self.argv = ["ls", "%P%", "%A%"]
    def go(self):
        del self.argv[0]
        subprocess.run(self.argv)
""",
    "list_item_set_through_container": """
import subprocess
def go():
    argv = ["ls", "%A%"]
    box = [argv]
    box[0][0] = "%P%"
    subprocess.run(argv)
""",
    "list_item_set_by_operator_setitem": """
import operator, subprocess
def go():
    argv = ["ls", "%A%"]
    operator.setitem(argv, 0, "%P%")
    subprocess.run(argv)
""",
    "class_attribute_set_by_class_decorator": """
import subprocess
def deco(cls):
    cls.prog = "%P%"
    return cls
@deco
class T:
    prog = "ls"
    def go(self):
        subprocess.run([self.prog, "%A%"])
""",
    "instance_dict_item_set": """
import subprocess
class T:
    p = "ls"
def go():
    t = T()
    t.__dict__["p"] = "%P%"
    subprocess.run([t.p, "%A%"])
""",
    "ctypes_function_by_subscript": """
import ctypes
def go():
    f = ctypes.CDLL(None)["system"]
    f(b"%P% %A%")
""",
    "webbrowser_generic_browser": """
import webbrowser
def go():
    webbrowser.BackgroundBrowser(["%P%", "%A%"]).open("u")
""",
    "launcher_open_a": """
import subprocess
def go():
    subprocess.run(["open", "-a", "%P%"])
""",
}
for _name, _src in TRUST27_OPEN.items():
    pair(_name, _src, CODEX, GIT)
# Closed in session 28 (trust28): a list kept on `self` or at module level, taken from, moved or
# set by item where it is not evaluated, has a first word not known (`Hierarchy.moves`, the
# `X[k] = v` stores of `container_stores`).
TRUST28_MOVED: tuple[str, ...] = (
    "list_removed_on_self",
    "list_item_set_on_self",
    "list_reversed_on_self",
    "list_cleared_on_self",
    "module_list_popped_in_function",
    "module_list_item_set_in_function",
    "list_item_deleted_on_self",
)
# Not into the list launched: a mapping's entry taken out, another class's list of that name, a
# function's own list of the module list's name.
case(
    "VALID_module_dict_popped_in_function",
    """
import subprocess
CMDS = {"a": ["git", "status"]}
def drop():
    CMDS.pop("a")
def go():
    subprocess.run(CMDS["a"])
""",
)
case(
    "VALID_other_class_list_popped",
    """
import subprocess
class Stack:
    def __init__(self):
        self.argv = []
    def drop(self):
        self.argv.pop()
class T:
    def __init__(self):
        self.argv = ["git", "status"]
    def go(self):
        subprocess.run(self.argv)
""",
)
# A list handed on by the function given it to one that changes it (at any depth, by the callee's
# name in the def's module or a method of its class); a method called through its class (its
# instance the first argument); `operator.setitem`/`delitem` as the statements they are.
TRUST28_FL200: dict[str, str] = {
    # (Taken from through a plain name bound to it: as `Hierarchy.moves` reads the stores.)
    "list_on_self_popped_through_alias": """
import subprocess
class T:
    def __init__(self):
        self.argv = ["ls", "%P%", "%A%"]
    def setup(self):
        a = self.argv
        a.pop(0)
    def go(self):
        subprocess.run(self.argv)
""",
    "module_list_deleted_through_alias": """
import subprocess
ARGV = ["ls", "%P%", "%A%"]
def setup():
    b = ARGV
    del b[0]
def go():
    subprocess.run(ARGV)
""",
    "module_list_popped_through_alias_at_module_level": """
import subprocess
ARGV = ["ls", "%P%", "%A%"]
b = ARGV
b.pop(0)
def go():
    subprocess.run(ARGV)
""",
    "list_item_set_in_callee_of_callee_other_module": """
import subprocess
from app.util import fill2
def fill(a):
    fill2(a)
def go():
    argv = ["ls", "%A%"]
    fill(argv)
    subprocess.run(argv)
""",
    "list_inserted_in_method_of_method": """
import subprocess
class F:
    def _set(self, b):
        b.insert(0, "%P%")
    def fill(self, a):
        self._set(a)
def go():
    argv = ["%A%"]
    F().fill(argv)
    subprocess.run(argv)
""",
    "list_item_set_in_callee_of_callee_by_keyword": """
import subprocess
def fill2(*, b):
    b[0] = "%P%"
def fill(a):
    fill2(b=a)
def go():
    argv = ["ls", "%A%"]
    fill(argv)
    subprocess.run(argv)
""",
    "list_item_set_by_method_called_through_class": """
import subprocess
class C:
    def fill(self, a):
        a[0] = "%P%"
def go():
    argv = ["ls", "%A%"]
    C.fill(C(), argv)
    subprocess.run(argv)
""",
}
TRUST28_FL200.update(
    {
        "list_on_self_slice_set": """
import subprocess
class T:
    def __init__(self):
        self.argv = ["ls", "%A%"]
    def setup(self):
        self.argv[:1] = ["%P%"]
    def go(self):
        subprocess.run(self.argv)
""",
        "list_on_self_item_set_from_outside": """
import subprocess
class T:
    def __init__(self):
        self.argv = ["ls", "%A%"]
    def go(self):
        subprocess.run(self.argv)
def main():
    t = T()
    t.argv[0] = "%P%"
    t.go()
""",
        "list_on_self_popped_from_outside": """
import subprocess
class T:
    def __init__(self):
        self.argv = ["ls", "%P%", "%A%"]
    def go(self):
        subprocess.run(self.argv)
def main():
    t = T()
    t.argv.pop(0)
    t.go()
""",
        "class_list_popped_through_class": """
import subprocess
class T:
    ARGV = ["ls", "%P%", "%A%"]
def setup():
    T.ARGV.pop(0)
def go():
    subprocess.run(T.ARGV)
""",
    }
)
for _name, _src in TRUST28_FL200.items():
    pair(
        _name,
        _src,
        CODEX,
        GIT,
        **(
            {"app__util_DOT_py": 'def fill2(b):\n    b[0] = "%P%"\n'}
            if "other_module" in _name
            else {}
        ),
    )
# (Through the module, `cfg.ARGV.pop(0)`, or its name imported, `from app.cfg import ARGV`.)
pair(
    "module_list_popped_from_other_module",
    """
import subprocess
from app import cfg
def setup():
    cfg.ARGV.pop(0)
def go():
    subprocess.run(cfg.ARGV)
""",
    CODEX,
    GIT,
    app__cfg_DOT_py="""
ARGV = ["ls", "%P%", "%A%"]
""",
)
pair(
    "module_list_imported_and_popped",
    """
import subprocess
from app.cfg import ARGV
def setup():
    ARGV.pop(0)
def go():
    subprocess.run(ARGV)
""",
    CODEX,
    GIT,
    app__cfg_DOT_py="""
ARGV = ["ls", "%P%", "%A%"]
""",
)
TRUST28_FOUND: dict[str, str] = {
    "list_item_deleted_by_operator_delitem": """
import operator, subprocess
def go():
    argv = ["ls", "%P%", "%A%"]
    operator.delitem(argv, 0)
    subprocess.run(argv)
""",
    "dict_item_set_by_operator_setitem_imported": """
from operator import setitem
import subprocess
def go():
    cfg = {"prog": "ls"}
    setitem(cfg, "prog", "%P%")
    subprocess.run([cfg["prog"], "%A%"])
""",
}
for _name, _src in TRUST28_FOUND.items():
    pair(_name, _src, CODEX, GIT)
# Open at the session's end, each silent (`GAPS`: `_ONE_PASS`): a loop's pass reads what the
# pass before left (a name the body reads, then binds or changes), a `break`/`continue` leaves
# the names as they are there, a `try` handler or `finally` may start from any statement of the
# body, a generator's loop reads what `send` gives.
TRUST28_LOOP_OPEN: dict[str, str] = {
    "loop_carried_rebind_after_launch": """
import subprocess
def go():
    p = "ls"
    for _ in range(2):
        subprocess.run([p, "%A%"])
        p = "%P%"
""",
    "while_loop_carried_rebind_after_launch": """
import subprocess
def go():
    p = "ls"
    n = 0
    while n < 2:
        subprocess.run([p, "%A%"])
        p = "%P%"
        n += 1
""",
    "loop_carried_item_set_after_launch": """
import subprocess
def go():
    argv = ["ls", "%A%"]
    for _ in range(2):
        subprocess.run(argv)
        argv[0] = "%P%"
""",
    "loop_carried_swap": """
import subprocess
def go():
    a, b = "ls", "%P%"
    for _ in range(2):
        subprocess.run([a, "%A%"])
        a, b = b, a
""",
    "while_true_carried_until_break": """
import subprocess
def go():
    p = "ls"
    while True:
        subprocess.run([p, "%A%"])
        if p == "%P%":
            break
        p = "%P%"
""",
    "loop_carried_through_call": """
import subprocess
def nxt(p):
    return "%P%"
def go():
    p = "ls"
    for _ in range(2):
        subprocess.run([p, "%A%"])
        p = nxt(p)
""",
}
TRUST28_LOOP_OPEN.update(
    {
        "loop_carried_nested": """
    import subprocess
    def go():
        p = "ls"
        for _ in range(2):
            for _ in range(2):
                subprocess.run([p, "%A%"])
            p = "%P%"
    """,
        "loop_carried_in_branch": """
    import subprocess
    def go(flag=False):
        p = "ls"
        for i in range(3):
            if i:
                subprocess.run([p, "%A%"])
            else:
                p = "%P%"
    """,
        "loop_carried_else_branch": """
    import subprocess
    def go(flag=False):
        p = "ls"
        for i in range(3):
            if i == 0:
                p = "%P%"
            else:
                subprocess.run([p, "%A%"])
    """,
        "loop_carried_in_except_handler": """
    import subprocess
    def go():
        p = "ls"
        for _ in range(2):
            try:
                subprocess.run([p, "%A%"])
            except OSError:
                p = "%P%"
    """,
        "loop_carried_early_return": """
    import subprocess
    def go():
        p = "ls"
        for _ in range(3):
            if p == "%P%":
                return subprocess.run([p, "%A%"])
            p = "%P%"
    """,
        "async_for_carried": """
    import asyncio
    async def items():
        yield 1
        yield 2
    async def go():
        p = "ls"
        async for _ in items():
            await asyncio.create_subprocess_exec(p, "%A%")
            p = "%P%"
    """,
        "loop_carried_match_case": """
    import subprocess
    def go():
        p = "ls"
        for i in range(2):
            match i:
                case 0:
                    p = "%P%"
                case _:
                    subprocess.run([p, "%A%"])
    """,
        "loop_break_before_reset": """
    import subprocess
    def go():
        p = "ls"
        for x in ["a", "b"]:
            p = "%P%"
            if x == "a":
                break
            p = "ls"
        subprocess.run([p, "%A%"])
    """,
        "loop_continue_skips_reset": """
    import subprocess
    def go():
        p = "ls"
        for x in ["a"]:
            p = "%P%"
            if x:
                continue
            p = "ls"
        subprocess.run([p, "%A%"])
    """,
        "try_body_partial_in_except": """
    import subprocess
    def go():
        p = "ls"
        try:
            p = "%P%"
            int("x")
            p = "ls"
        except ValueError:
            subprocess.run([p, "%A%"])
    """,
        "try_body_partial_in_finally": """
    import subprocess
    def go():
        p = "ls"
        try:
            p = "%P%"
            int("x")
            p = "ls"
        finally:
            subprocess.run([p, "%A%"])
    """,
    }
)
TRUST28_LOOP_OPEN["while_loop_counted_index"] = """
import subprocess
def go():
    progs = ["ls", "%P%"]
    i = 0
    while i < len(progs):
        subprocess.run([progs[i], "%A%"])
        i += 1
"""
# Open at the session's end, each silent (`GAPS` says why).
TRUST28_OPEN: dict[str, str] = {
    "list_item_set_through_dict_holding_it": """
import subprocess
def go():
    argv = ["ls", "%A%"]
    cfg = {"argv": argv}
    cfg["argv"][0] = "%P%"
    subprocess.run(argv)
""",
    "list_on_self_handed_to_changing_function": """
import subprocess
def shift(a):
    a.pop(0)
class T:
    def __init__(self):
        self.argv = ["ls", "%P%", "%A%"]
    def setup(self):
        shift(self.argv)
    def go(self):
        subprocess.run(self.argv)
""",
    "module_dict_value_list_popped": """
import subprocess
CMDS = {"a": ["ls", "%P%", "%A%"]}
def setup():
    CMDS["a"].pop(0)
def go():
    subprocess.run(CMDS["a"])
""",
    "list_changed_by_local_lambda": """
import subprocess
def go():
    argv = ["ls", "%A%"]
    f = lambda a: a.__setitem__(0, "%P%")
    f(argv)
    subprocess.run(argv)
""",
    "instance_vars_item_set": """
import subprocess
class T:
    p = "ls"
def go():
    t = T()
    vars(t)["p"] = "%P%"
    subprocess.run([t.p, "%A%"])
""",
    "module_global_set_through_globals": """
import subprocess
P = "ls"
def setup():
    globals()["P"] = "%P%"
def go():
    subprocess.run([P, "%A%"])
""",
    "module_global_set_through_sys_modules": """
import subprocess, sys
P = "ls"
def setup():
    setattr(sys.modules[__name__], "P", "%P%")
def go():
    subprocess.run([P, "%A%"])
""",
    "with_suppress_partial_body": """
import contextlib, subprocess
def go():
    p = "ls"
    with contextlib.suppress(ValueError):
        p = "%P%"
        int("x")
        p = "ls"
    subprocess.run([p, "%A%"])
""",
}
for _name, _src in TRUST28_OPEN.items():
    pair(_name, _src, CODEX, GIT)
TRUST28_LOOP_OPEN["generator_loop_carried_send"] = """
import subprocess
def gen():
    p = "ls"
    while True:
        subprocess.run([p, "%A%"])
        p = yield
def go():
    g = gen()
    next(g)
    g.send("%P%")
"""
for _name, _src in TRUST28_LOOP_OPEN.items():
    pair(_name, _src, CODEX, GIT)
case(
    "VALID_local_list_of_module_name_popped",
    """
import subprocess
ARGV = ["git", "status"]
def other():
    ARGV = [1, 2]
    ARGV.pop()
def go():
    subprocess.run(ARGV)
""",
)

# ---- session 26 (recall26): what the new recall packages showed. Windows Terminal runs each
# tab's or pane's command line (codex-tabs `launchers.py:43`: `wt.exe new-tab ... wsl.exe -d D
# bash -lic LINE`, silent: `wt` was not a launcher); a segment naming no subcommand is a tab.
pair(
    "recall26_wt_new_tab_wsl",
    """
import subprocess
def go(name, exe="%P%"):
    line = f"cd /w && {exe} %A% {name}"
    subprocess.run(["wt.exe", "-w", "0", "new-tab", "--title", name, "-p", "P", "wsl.exe", "-d", "U", "bash", "-lic", line])
go("t")
""",
    CODEX,
    GIT,
)
pair(
    "recall26_wt_default_tab_then_pane",
    """
import subprocess
subprocess.run(["wt", "-M", "cmd", "/c", "dir", ";", "sp", "-V", "-s", "0.5", "%P%", "%A%"])
""",
    CODEX,
    GIT,
)
case(
    "VALID_recall26_wt_focus_tab",
    """
import subprocess
subprocess.run(["wt", "-w", "0", "focus-tab", "-t", "1", ";", "move-focus", "left"])
""",
)

# heru `base.py:367` found claude only: the base's `build_invocation` calls the abstract
# `self.build_command(...)`, whose implementations a launch alone looks up; the value leaving the
# method (`own_reads`) forced that call before any launch, and its result was unknown for good
# (codex / gemini, which inherit `build_invocation`, had no program; claude overrode it).
ABSTRACT_OWN_CALL_BASE = """
import subprocess
from dataclasses import dataclass
@dataclass(frozen=True)
class Invocation:
    argv: tuple
    cwd: str
class Adapter:
    DEFAULT_BINARY = None
    def __init__(self, *, name=None):
        resolved = self.DEFAULT_BINARY
        if resolved is None:
            raise ValueError("no binary")
        self.name = name
        self.binary = resolved
    def build_command(self, prompt, cwd, model=None, *, resume=None):
        raise NotImplementedError
    def build_invocation(self, prompt, cwd, model=None, *, resume=None):
        return Invocation(argv=tuple(self.build_command(prompt, cwd, model=model, resume=resume)), cwd=cwd)
    def _profiled(self, prompt, cwd, model=None, *, resume=None):
        invocation = self.build_invocation(prompt, cwd, model=model, resume=resume)
        return invocation
    def run(self, prompt, cwd, model=None, *, resume=None):
        invocation = self._profiled(prompt, cwd, model=model, resume=resume)
        proc = subprocess.Popen(invocation.argv, cwd=str(invocation.cwd))
        out, err = proc.communicate()
        return Invocation(argv=invocation.argv, cwd=invocation.cwd)
"""
pair(
    "recall26_abstract_own_call_before_launch",
    ABSTRACT_OWN_CALL_BASE,
    CODEX,
    GIT,
    app__adapters_DOT_py="""
from app.main import Adapter
class One(Adapter):
    DEFAULT_BINARY = "%P%"
    def build_command(self, prompt, cwd, model=None, *, resume=None):
        command = [self.binary, "%A%"]
        if resume:
            command.append("resume")
        command.append(prompt)
        return command
def make():
    return One()
""",
)
case(
    "recall26_abstract_own_call_before_launch_unknown",
    ABSTRACT_OWN_CALL_BASE,
    app__adapters_DOT_py="""
import os
from app.main import Adapter
class One(Adapter):
    DEFAULT_BINARY = "git"
    def build_command(self, prompt, cwd, model=None, *, resume=None):
        return [os.environ["AGENT_BIN"], prompt]
def make():
    return One()
""",
)

# A probe of a value computed through a helper whose own parameter stays in it (team-harness's
# `resolve_template(agent_type, config).command`, `config.agent_templates` a dataclass field
# defaulting to `{}`): at the caller of the probing function that alternative waited for the
# helper's parameter, which no caller there fills, and was dropped with the rest (silent, no
# FL200). Now judged there with that parameter unknown (session 27, recall27).
pair(
    "recall27_callee_param_left_in_value",
    """
import shutil
from dataclasses import dataclass, field
@dataclass(frozen=True)
class Template:
    command: str
@dataclass
class Config:
    templates: dict[str, Template] = field(default_factory=dict)
def resolve(name: str, config: Config) -> Template:
    user = config.templates.get(name)
    if user is not None:
        return user
    return Template(command="%P%")
def validate(config: Config, name: str) -> None:
    shutil.which(resolve(name, config).command)
def main(config: Config) -> None:
    validate(config, "x")
""",
    CODEX,
    GIT,
)
pair(
    "recall27_callee_param_left_in_value_loop",
    """
import shutil
from dataclasses import dataclass, field
@dataclass(frozen=True)
class Template:
    command: tuple[str, ...]
DEFAULTS = {"one": Template(command=("%P%", "exec")), "two": Template(command=("%A%",))}
@dataclass
class Config:
    allowed: list[str] | None = None
    templates: dict[str, Template] = field(default_factory=dict)
def resolve(kind: str, config: Config) -> Template:
    user = config.templates.get(kind)
    if user is not None:
        return user
    if kind not in DEFAULTS:
        raise ValueError(kind)
    return DEFAULTS[kind]
def validate(config: Config, kinds: list[str]) -> None:
    for kind in kinds:
        template = resolve(kind=kind, config=config)
        if not shutil.which(template.command[0]):
            print(kind)
def run(config: Config) -> None:
    validate(config=config, kinds=list(DEFAULTS))
""",
    CODEX,
    GIT,
)

# A function's own callable parameter called for a value (codex-a2a's `resolve_cli_bin()`):
# what the callers' callable gives, made at each call (session 26, callp26). The closure a
# retry helper is handed (agent-dispatcher-mcp's `_run_with_transient_retry(_attempt, ...)`):
# the helper's `run_once()` forced for a value (`result["cached"] = ...`) runs the closure
# quietly; that quiet run once counted as its call, and its launches were reported nowhere.
CLOSURE_RETRIED = """
import subprocess
def retry(run_once):
    return run_once()
def run(argv):
    subprocess.run(argv)
def go(prompt):
    argv = ["%P%", "%A%", prompt]
    def attempt():
        return run(argv)
    result = {"code": retry(attempt)}
    result["cached"] = False
"""
pair("callable_param_closure_retried", CLOSURE_RETRIED, CODEX, GIT)
pair(
    "callable_param_closure_retried_async",
    """
import asyncio
async def retry(run_once, timeout):
    code, out = await run_once(timeout)
    return {"code": code, "out": out}
async def run(argv, timeout):
    proc = await asyncio.create_subprocess_exec(*argv)
    return proc.returncode, await proc.communicate()
async def go(prompt):
    argv = ["%P%", "%A%", prompt]
    async def attempt(t):
        return await run(argv, t)
    result = await retry(attempt, 5)
    result["cached"] = False
    return result
""",
    CODEX,
    GIT,
)
# The closure gives the argv the helper launches: found where the helper is handed it.
pair(
    "callable_param_closure_value",
    """
import subprocess
def retry(run_once):
    return run_once()
def go(prompt):
    def attempt():
        return ["%P%", "%A%", prompt]
    subprocess.run(retry(attempt))
""",
    CODEX,
    GIT,
)
pair(
    "callable_param_called_with_args",
    """
import subprocess
def start(build, prompt):
    subprocess.run(build(prompt))
def go():
    start(lambda p: ["%P%", "%A%", p], "hi")
""",
    CODEX,
    GIT,
)
# Handed on to another helper that calls it: it waits through both.
pair(
    "callable_param_handed_on",
    """
import subprocess
def inner(resolve):
    subprocess.run([resolve(), "%A%"])
def outer(resolve):
    inner(resolve)
def go():
    outer(lambda: "%P%")
""",
    CODEX,
    GIT,
)
# With a default that makes a value: what runs unless a caller passes another, and what a
# caller passes (was clean: the default alone).
pair(
    "callable_param_default_passed",
    """
import subprocess
def default_bin():
    return "ls"
def start(resolve=default_bin):
    subprocess.run([resolve(), "%A%"])
def go():
    start()
    start(lambda: "%P%")
""",
    CODEX,
    GIT,
)
pair(
    "callable_param_method",
    """
import subprocess
class Transport:
    def start(self, resolve):
        subprocess.run([resolve(), "%A%"])
def go():
    Transport().start(lambda: "%P%")
""",
    CODEX,
    GIT,
)
pair(
    "callable_param_partial",
    """
import functools, subprocess
def pick(name, suffix=""):
    return name + suffix
def start(resolve):
    subprocess.run([resolve(), "%A%"])
def go():
    start(functools.partial(pick, "%P%"))
""",
    CODEX,
    GIT,
)
pair(
    "callable_param_function",
    """
import subprocess
def tool_bin():
    return "%P%"
def start(resolve):
    subprocess.run([resolve(), "%A%"])
def go():
    start(tool_bin)
""",
    CODEX,
    GIT,
)

# A constructor's factory parameter with a class default, kept and called in a method
# (vexy-overnight's `self._config_factory().is_tool_installed("codex")`): the default's
# instance, not a call waiting for the callers (which lost it: FL200 instead of found).
pair(
    "callable_param_kept_class_default",
    """
import subprocess
class Mgr:
    def installed(self, tool):
        return subprocess.run(["which", tool]).returncode == 0
class Cli:
    def __init__(self, factory=Mgr):
        self._factory = factory
    def status(self):
        mgr = self._factory()
        return mgr.installed("%P%")
""",
    CODEX,
    GIT,
)

# A loop over a sequence with a constructor parameter unpacked into it, `(self.default,
# *self.alts)`: each instance's items (session 26, lead: cli-bridge-mcp's `LaneSpec.bin` was
# "element of an unpacked sequence"); an instance with the default `()` leaves the other items.
pair(
    "loop_over_field_tuple_unpacked",
    """
import shutil
from dataclasses import dataclass
@dataclass
class Lane:
    key: str
    bin_default: str
    bin_alts: tuple[str, ...] = ()
    @property
    def bin(self):
        order = (self.bin_default, *self.bin_alts)
        for cand in order:
            found = shutil.which(cand)
            if found:
                return found
        return self.bin_default
LANES = [Lane("a", "hg"), Lane("b", "hg", bin_alts=("%P%",))]
def installed():
    return [lane.key for lane in LANES if lane.bin]
""",
    CODEX,
    GIT,
)
pair(
    "loop_over_parameter_tuple_unpacked",
    """
import subprocess
def first_of(default, *alts):
    for c in (default, *alts):
        subprocess.run([c, "--version"])
def main():
    first_of("hg")
    first_of("hg", "%P%")
""",
    CODEX,
    GIT,
)

# An override reached only through another override (`Base.run` reads `self.argv()`, which
# `Mid` overrides to call `self.tool()`, which `Leaf` in another module overrides): the inner
# dispatch is what finds it (session 26, over26's guard for skipping nested dispatch).
pair(
    "override_within_override_other_module",
    """
import subprocess
class Base:
    def argv(self, prompt):
        return ["git", "log", prompt]
    def run(self, prompt):
        subprocess.run(self.argv(prompt))
class Mid(Base):
    def tool(self):
        return "make"
    def argv(self, prompt):
        return [self.tool(), prompt]
""",
    CODEX,
    GIT,
    app__leaf_DOT_py="""
from app.main import Mid
class Leaf(Mid):
    def tool(self):
        return "%P%"
""",
)

# The inner dispatch inside an override's computation on an instance the enclosing dispatch
# did not make: a parameter annotated with the class (`peer: Mid`) may hold any subclass of it,
# also one the enclosing dispatch computes on its own instance (`Leaf`, giving `argv` another
# body): its `tool` stays an alternative there (a guard for leaving out, inside an override, the
# subclasses the enclosing dispatch computes, session 27: only where the receiver is the
# override's own `self`).
pair(
    "override_inner_dispatch_on_annotated_parameter",
    """
import subprocess
class Base:
    def tool(self):
        return "git"
    def argv(self, peer: "Mid"):
        return ["git", "log"]
    def run(self, peer: "Mid"):
        subprocess.run(self.argv(peer))
class Mid(Base):
    def argv(self, peer: "Mid"):
        return [peer.tool(), "%A%"]
class Leaf(Mid):
    def argv(self, peer: "Mid"):
        return ["git", "status"]
    def tool(self):
        return "%P%"
""",
    CODEX,
    GIT,
)

# A comprehension over a parameter's items whose element is not the item itself
# (`[p.replace("{prompt}", prompt) for p in argv]`): the callers' list, item by item in its
# order (session 27). The element waited for the callers but named no parameter of the
# function (`lazy.iter_params` did not look into it), so the launch was dropped: clean.
COMPREHENSION_OVER_ITEMS = """
import subprocess
def run(prompt, argv):
    subprocess.run([p.replace("{prompt}", prompt) for p in argv])
"""
pair(
    "comprehension_over_parameter_items_method",
    COMPREHENSION_OVER_ITEMS + 'def go():\n    run("hi", ["%P%", "exec", "{prompt}"])\n',
    CODEX,
    GIT,
)
case("comprehension_over_parameter_items_uncalled", COMPREHENSION_OVER_ITEMS)
case(
    "VALID_comprehension_over_parameter_items_keeps_order",
    COMPREHENSION_OVER_ITEMS + 'def go():\n    run("hi", ["git", "log", "codex"])\n',
)
# The same over the words of a parameter's string (`shlex.split(template)`).
pair(
    "comprehension_over_split_parameter",
    """
import shlex, subprocess
PRESETS = {"a": "%P% exec {prompt}", "b": "%A% log"}
def run(prompt, template):
    subprocess.run([w.replace("{prompt}", prompt) for w in shlex.split(template)])
def go(k):
    run("hi", PRESETS[k])
""",
    CODEX,
    GIT,
)

# A mapping's entry read by key on a parameter (`spec["cmd"]`): the entry of the mapping the
# callers pass, as `spec.get("cmd")` already was (session 27; it was "item of spec": FL200).
pair(
    "parameter_mapping_subscript_program",
    """
import subprocess
def run(spec):
    subprocess.run([spec["cmd"], "exec"])
def go():
    run({"cmd": "%P%"})
""",
    CODEX,
    GIT,
)
pair(
    "parameter_mapping_subscript_argv_unpacked_async",
    """
import asyncio
AGENTS = {"a": {"version_cmd": ["%P%", "--version"]}, "b": {"version_cmd": ["%A%", "--version"]}}
async def version(info):
    await asyncio.create_subprocess_exec(*info["version_cmd"])
async def go():
    for name, info in AGENTS.items():
        await version(info)
""",
    CODEX,
    GIT,
)
# `types.SimpleNamespace(bin=...)` / `argparse.Namespace(...)`: the keyword arguments are the
# attributes (was FL200 "result of types.SimpleNamespace()"); a store of the attribute outside a
# class's methods, here or in a function the object is handed to, is one more alternative
# (which object it reaches is not followed) (session 28, recall28).
pair(
    "recall28_namespace_attr_stored_by_callee",
    """
import subprocess, types
def configure(o):
    o.exe = "%P%"
def go():
    ns = types.SimpleNamespace(exe="git", arg="%A%")
    configure(ns)
    subprocess.run([ns.exe, ns.arg])
""",
    CODEX,
    GIT,
)
pair(
    "recall28_namespace_keywords_from_caller",
    """
import argparse, subprocess
def launch(**options):
    ns = argparse.Namespace(**options)
    subprocess.run([ns.tool, ns.arg])
def go():
    launch(tool="%P%", arg="%A%")
""",
    CODEX,
    GIT,
)
case(
    "recall28_namespace_attr_not_set",
    """
import subprocess, types
ns = types.SimpleNamespace(arg="status")
subprocess.run([ns.tool, ns.arg])
""",
)
case(
    "parameter_mapping_subscript_key_missing",
    """
import subprocess
def run(spec):
    subprocess.run(spec["cmd"])
def go():
    run({"argv": ["git", "status"]})
""",
)

# A constructor's parameter kept on the instance, then set from outside the class (`c =
# Cfg("ls"); c.bin = "codex"`): silent until session 28 (recall28 found it): stores from outside
# were looked for only where the attribute held a string or list, not a value the constructor's
# argument fills in or one computed later.
pair(
    "instance_attr_set_after_constructor_param",
    """
import subprocess
class Cfg:
    def __init__(self, bin):
        self.bin = bin
def go():
    c = Cfg("ls")
    c.bin = "%P%"
    subprocess.run([c.bin, "%A%"])
""",
    CODEX,
    GIT,
)
pair(
    "instance_attr_set_after_constructor_attr_module",
    """
import subprocess
class Cfg:
    def __init__(self, opts):
        self.bin = opts.bin
class Opts:
    bin = "ls"
c = Cfg(Opts())
c.bin = "%P%"
subprocess.run([c.bin, "%A%"])
""",
    CODEX,
    GIT,
)
# ---- session 28 (scan28): the wrapper rounds postpone the summaries of callers taking no
# parameters (`def main():`) to their fixpoint. A postponed caller must still be computed with
# every wrapper found, however many rounds later its callees became wrappers (a chain).
CHAINED_HELPERS = """
import subprocess
def low(argv):
    subprocess.run(argv)
def mid(argv):
    low(argv)
def helper(p, a):
    mid([p, a])
"""
pair(
    "postponed_caller_calls_chained_wrapper",
    """
from app.w import helper, low
def main():
    low(["git", "log"])
    helper("%P%", "%A%")
""",
    CODEX,
    GIT,
    app__w_DOT_py=CHAINED_HELPERS,
)
# A postponed caller that is itself a wrapper once computed (it returns a launcher): the rounds
# go on from it, to its callers.
pair(
    "postponed_caller_returns_launcher",
    """
from app.s import runner
def go():
    runner()(["%P%", "%A%"])
""",
    CODEX,
    GIT,
    app__w_DOT_py="import subprocess\ndef make():\n    return subprocess.run\n",
    app__s_DOT_py="from app.w import make\ndef runner():\n    return make()\n",
)
# Called at the top level of its module (read there before the fixpoint: computed then).
pair(
    "postponed_caller_called_by_module_code",
    """
from app.w import helper
def main():
    helper("%P%", "%A%")
if __name__ == "__main__":
    main()
""",
    CODEX,
    GIT,
    app__w_DOT_py=CHAINED_HELPERS,
)

# A store found by text on a line inside a bracket opened earlier is judged on the statement
# the file's tree puts it in: a call's arguments continued (`show(1,\n c.bin, key=2)`, which
# the text search reads as a tuple target) store nothing (claudebot's `_usage_for(key,
# session.settings), reply_markup=...` made its launch FL200), and a tuple target opened on the
# line before (`(c.opt,\n c.bin) = ...`) stores its value.
pair(
    "attr_store_text_in_continued_call_arguments",
    """
import subprocess
class Cfg:
    def __init__(self, bin):
        self.bin = bin
def show(*a, **k):
    pass
def go():
    c = Cfg("%P%")
    show(1,
         c.bin, key=2)
    subprocess.run([c.bin, "%A%"])
""",
    CODEX,
    GIT,
)
pair(
    "attr_store_tuple_target_opened_before",
    """
import subprocess
class Cfg:
    def __init__(self, bin):
        self.bin = bin
def go():
    c = Cfg("ls")
    (c.opt,
     c.bin) = ("x", "%P%")
    subprocess.run([c.bin, "%A%"])
""",
    CODEX,
    GIT,
)

# A wrapper handed as a value to a function that calls it with the program (a callback: unharness's
# `doctor(..., claude_version, ...)` calling `version_of(binary)`): the callers of a function were
# only its calls by name, so the launch was FL200 "no call passes it" (session 29, recall29).
pair(
    "recall29_callback_wrapper_filled_by_callee",
    """
import subprocess
def version(b):
    subprocess.run([b, "--version"])
def doctor(version_of):
    version_of("%P%")
def go():
    doctor(version)
""",
    CODEX,
    GIT,
)
# Handed on through a middle function, by keyword, and called with the middle's own argument.
pair(
    "recall29_callback_wrapper_handed_on",
    """
import subprocess
def version_output(argv, env):
    return subprocess.run(argv, env=env).stdout
def chosen(launcher, env, version_of):
    return version_of([*launcher, "--version"], env)
def launch(options, env, version_of):
    return chosen(options or ["%P%"], env, version_of)
def main():
    launch(None, {}, version_of=version_output)
""",
    CODEX,
    GIT,
)
# The callback in another module than the function calling it and its caller.
pair(
    "recall29_callback_wrapper_other_module",
    """
from app.checks import doctor
from app.probe import version
def main():
    doctor("%P%", version)
""",
    CODEX,
    GIT,
    app__probe_DOT_py="""
import subprocess
def version(binary):
    return subprocess.run([binary, "-v"], capture_output=True).stdout
""",
    app__checks_DOT_py="""
def doctor(binary, version_of):
    return version_of(binary)
""",
)
# ---- session 29 (gaps29): an attribute stored from outside its class by text counts only
# where the store's receiver may be an instance of the class (`Analyzer._may_hold`): not one
# bound only to another project class's instance, or annotated only with such a class. Each
# VALID neighbour was FL200 (the other object's store joined the read: twisted's, meson's).
GAPS29_RECEIVERS: dict[str, str] = {
    "attr_store_on_other_class_instance": """
import subprocess
class Other:
    bin = "x"
class Cfg:
    def __init__(self, bin):
        self.bin = bin
def setup():
    o = Other()
    o.bin = input()
def go():
    c = Cfg("%P%")
    subprocess.run([c.bin, "%A%"])
""",
    "attr_store_on_annotated_other_class_attr": """
import subprocess
from typing import Optional
class Compiler:
    def __init__(self):
        self.pre: Optional[Compiler] = None
    def get(self):
        self.pre = Compiler()
        self.pre.exelist = [input()]
        return self.pre
class Linker:
    def __init__(self, exelist):
        self.exelist = exelist
    def go(self):
        subprocess.run(self.exelist + ["%A%"])
def main():
    Linker(["%P%"]).go()
""",
    "attr_store_on_annotated_other_class_param": """
import subprocess
class Other:
    bin = "x"
class Cfg:
    def __init__(self, bin):
        self.bin = bin
def setup(o: "Other | None"):
    o.bin = input()
def go():
    c = Cfg("%P%")
    subprocess.run([c.bin, "%A%"])
""",
}
for _name, _src in GAPS29_RECEIVERS.items():
    pair(_name, _src, CODEX, GIT)
# Stores whose receiver may still be an instance of the class: found (fail closed), each
# with a VALID neighbour storing `git`. (Guards: found on main too.)
GAPS29_RECEIVERS_KEPT: dict[str, str] = {
    "attr_store_on_unannotated_param_kept": """
import subprocess
class Cfg:
    def __init__(self, bin):
        self.bin = bin
def setup(c):
    c.bin = "%P%"
def go():
    c = Cfg("ls")
    setup(c)
    subprocess.run([c.bin, "%A%"])
""",
    "attr_store_on_base_annotated_param_kept": """
import subprocess
class Base:
    pass
class Cfg(Base):
    def __init__(self, bin):
        self.bin = bin
def setup(c: Base):
    c.bin = "%P%"
def go():
    c = Cfg("ls")
    setup(c)
    subprocess.run([c.bin, "%A%"])
""",
    "attr_store_on_other_class_with_shared_subclass_kept": """
import subprocess
class Other:
    pass
class Cfg:
    def __init__(self, bin):
        self.bin = bin
class Both(Other, Cfg):
    pass
def setup(o: Other):
    o.bin = "%P%"
def go():
    c = Both("ls")
    setup(c)
    subprocess.run([c.bin, "%A%"])
""",
}
for _name, _src in GAPS29_RECEIVERS_KEPT.items():
    pair(_name, _src, CODEX, GIT)
# Attribute stores by a literal key into an attribute mapping (`t.__dict__["p"] = x`,
# `vars(t)["p"] = x`, `globals()["P"] = x`, `setattr(sys.modules[__name__], "P", x)`) and a
# class decorator's `cls.prog = x` are stores of the attribute (were GAPS): new neighbours.
GAPS29_STORES: dict[str, str] = {
    "instance_dict_item_set_self": """
import subprocess
class T:
    p = "ls"
    def setup(self):
        self.__dict__["p"] = "%P%"
    def go(self):
        subprocess.run([self.p, "%A%"])
""",
    "module_global_set_through_globals_other_function_module_level": """
import subprocess
P = "ls"
globals()["P"] = "%P%"
def go():
    subprocess.run([P, "%A%"])
""",
    "class_attribute_set_by_class_decorator_other_module": """
import subprocess
from app.deco import deco
@deco
class T:
    prog = "ls"
    def go(self):
        subprocess.run([self.prog, "%A%"])
""",
}
for _name, _src in GAPS29_STORES.items():
    pair(
        _name,
        _src,
        CODEX,
        GIT,
        app__deco_DOT_py='def deco(cls):\n    cls.prog = "%P%"\n    return cls\n',
    )
# A `with` whose manager may swallow an exception: the names after it are those after any
# statement of its body (a project class's `__exit__` returning true; `self.assertRaises`).
GAPS29_WITH: dict[str, str] = {
    "with_project_exit_returns_true_partial_body": """
import subprocess
class Quiet:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return True
def go():
    p = "ls"
    with Quiet():
        p = "%P%"
        int("x")
        p = "ls"
    subprocess.run([p, "%A%"])
""",
    "with_suppress_imported_name_partial_body": """
import subprocess
from contextlib import suppress
def go():
    p = "ls"
    with suppress(ValueError):
        p = "%P%"
        int("x")
        p = "ls"
    subprocess.run([p, "%A%"])
""",
}
for _name, _src in GAPS29_WITH.items():
    pair(_name, _src, CODEX, GIT)
case(
    "VALID_with_project_exit_returns_none_whole_body",
    """
import subprocess
class Loud:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return None
def go():
    p = "ls"
    with Loud():
        p = "codex"
        int("x")
        p = "git"
    subprocess.run([p, "status"])
""",
)
# Closed of TRUST27_OPEN/TRUST28_OPEN this session (their cases stand where they were).
GAPS29_CLOSED = (
    "ctypes_function_by_subscript",
    "webbrowser_generic_browser",
    "launcher_open_a",
    "list_item_set_through_container",
    "list_item_set_through_dict_holding_it",
    "list_changed_by_local_lambda",
    "instance_vars_item_set",
    "module_global_set_through_globals",
    "module_global_set_through_sys_modules",
    "with_suppress_partial_body",
    "class_attribute_set_by_class_decorator",
    "instance_dict_item_set",
)
# Closed as unresolved, as the other lists taken from where that is not evaluated
# (`TRUST28_MOVED`): a list on `self` handed to a function changing it, a list in a module
# mapping taken from through an item.
GAPS29_CLOSED_OPEN = ("list_on_self_handed_to_changing_function", "module_dict_value_list_popped")
# New neighbours of those.
GAPS29_MOVED: dict[str, str] = {
    "module_list_handed_to_changing_function": """
import subprocess
ARGV = ["ls", "%P%", "%A%"]
def shift(a):
    a.pop(0)
def setup():
    shift(ARGV)
def go():
    subprocess.run(ARGV)
""",
    "list_on_self_handed_to_changing_method": """
import subprocess
class T:
    def __init__(self):
        self.argv = ["ls", "%P%", "%A%"]
    def shift(self, a):
        del a[0]
    def setup(self):
        self.shift(self.argv)
    def go(self):
        subprocess.run(self.argv)
""",
    "module_list_of_lists_item_popped": """
import subprocess
CMDS = [["ls", "%P%", "%A%"]]
def setup():
    CMDS[0].pop(0)
def go():
    subprocess.run(CMDS[0])
""",
}
for _name, _src in GAPS29_MOVED.items():
    pair(_name, _src, CODEX, GIT)
# A list handed to a function adding at its end only keeps its first word (clean).
case(
    "VALID_list_on_self_handed_to_appending_function",
    """
import subprocess
def more(a):
    a.append("-v")
class T:
    def __init__(self):
        self.argv = ["git", "status"]
    def setup(self):
        more(self.argv)
    def go(self):
        subprocess.run(self.argv)
""",
)
# macOS `open`: `-a APP` starts APP; its operands are files or URLs, not programs.
pair(
    "launcher_open_a_with_args",
    'import subprocess\nsubprocess.run(["open", "-n", "-a", "%P%", "--args", "%A%"])\n',
    CODEX,
    GIT,
)
# webbrowser's command-line browsers run the argv they are made with.
pair(
    "webbrowser_generic_browser_program_name",
    'import webbrowser\nwebbrowser.GenericBrowser("%P%").open("u")\n',
    CODEX,
    GIT,
)
# A C function read by subscript: by a literal name, that function; by a name not known, any
# of the library's (unresolved).
pair(
    "ctypes_function_by_subscript_name_not_known",
    """
import ctypes
def go(name):
    ctypes.CDLL(None)[name](b"%P% %A%")
""",
    CODEX,
    GIT,
)
# What a nested function changes of a list it closes over or is handed.
GAPS29_LOCAL: dict[str, str] = {
    "list_changed_by_nested_def_closure": """
import subprocess
def go():
    argv = ["ls", "%A%"]
    def fix():
        argv[0] = "%P%"
    fix()
    subprocess.run(argv)
""",
    "list_changed_by_nested_def_param_pop": """
import subprocess
def go():
    argv = ["ls", "%P%", "%A%"]
    def shift(a):
        a.pop(0)
    shift(argv)
    subprocess.run(argv)
""",
}
for _name, _src in GAPS29_LOCAL.items():
    pair(_name, _src, CODEX, GIT)

EXPECTED: dict[str, str] = {
    "module_loop_target_beside_keyword": "found",
    "module_loop_body_appends": "found",
    "VALID_module_loop_reads_name": "CLEAN",
    # session 18 (trust18)
    "exec_bound_in_another_module": "found",
    "VALID_exec_bound_in_another_module_git": "CLEAN",
    "inherited_method_subclass_other_module": "found",
    "VALID_inherited_method_subclass_other_module_git": "CLEAN",
    "environ_set_before_shell": "found",
    "environ_set_before_shell_true": "found",
    "environ_deleted_before_shell": "FL200",
    "environ_popped_before_shell": "FL200",
    "environ_updated_before_shell": "found",
    "environ_updated_by_keyword_before_env": "found",
    "environ_putenv_before_shell": "found",
    "environ_setdefault_before_shell": "found",
    "VALID_environ_updated_before_shell_not_reading_it": "CLEAN",
    "environ_set_git_before_shell": "FL200",
    "VALID_environ_set_after_shell_git": "CLEAN",
    "exec_bound_name_module_level": "found",
    "inherited_unknown_base_method": "FL200",
    "VALID_inherited_unknown_base_method_git": "CLEAN",
    "inherited_unknown_base_method_words_not_all_read": "FL200",
    "inherited_unknown_base_self_method": "FL200",
    "VALID_inherited_unknown_base_own_method": "CLEAN",
    "code_console_subclass_push": "found",
    "VALID_code_console_subclass_push_git": "CLEAN",
    "dunder_call_module_holder_imported": "found",
    "dunder_call_module_holder_attribute": "found",
    "VALID_dunder_call_module_holder_git": "CLEAN",
    "code_interpreter_runsource": "found",
    "code_console_push": "found",
    "code_interpreter_runsource_stdin": "FL200",
    "code_console_push_incomplete": "FL200",
    "VALID_code_interpreter_runsource_git": "CLEAN",
    "runpy_run_path_project_file": "found",
    "VALID_runpy_run_module_project_git": "CLEAN",
    "exec_imported_from_builtins_as": "found",
    "exec_getattr_builtins": "found",
    "exec_bound_builtins_attribute": "FL200",
    "VALID_exec_imported_from_builtins_git": "CLEAN",
    "alias_from_as": "found",
    "alias_module_var": "found",
    "alias_module_as": "found",
    "getattr_module": "found",
    "getattr_module_var": "found",
    "importlib": "found",
    "importlib_os": "found",
    "dunder_import": "found",
    "dunder_import_inline": "found",
    "dunder_import_os": "found",
    "local_import_in_func": "found",
    "local_from_import_in_func": "found",
    "sink_local_var": "found",
    "sink_tuple_unpack": "found",
    "sink_in_dict": "found",
    "sink_in_list": "found",
    "sink_returned": "found",
    "sink_as_param": "found",
    "sink_as_default_param": "found",
    "try_import_fallback": "found",
    "type_checking": "found",
    "os_alias_from": "found",
    "os_module_import_as": "found",
    "sys_modules": "found",
    "vars_module": "found",
    "subprocess_dict": "found",
    "partial": "found",
    "partial_with_argv": "found",
    "partial_from_import": "found",
    "lambda_local": "found",
    "lambda_module": "found",
    "lambda_returns_argv": "found",
    "decorator_wrapper": "found",
    "decorator_builder": "found",
    "lru_cache_builder": "found",
    "dunder_call": "found",
    "dunder_call_local": "found",
    "dunder_call_local_git_too": "found",
    "VALID_dunder_call_local_git_too": "CLEAN",
    "dunder_call_self_attribute_git_too": "found",
    "VALID_dunder_call_self_attribute_git_too": "CLEAN",
    "dunder_call_param_git_too": "found",
    "singleton_new_attribute": "found",
    "VALID_singleton_new_attribute": "CLEAN",
    "property_argv": "found",
    "cached_property_argv": "found",
    "staticmethod": "found",
    "classmethod": "found",
    "classmethod_subclass": "found",
    "inherited_method": "found",
    "super_init_program": "found",
    "mixin": "found",
    "type_self_attr": "FL200",
    "self_class_attr": "FL200",
    "class_attr_direct": "found",
    "instance_attr_set_outside": "found",
    "class_attr_set_outside": "found",
    "setattr_class": "found",
    "setattr_self": "found",
    "getattr_self_fstring": "found",
    "getattr_self_dispatch_param": "FL200",
    "dict_dispatch": "found",
    "dict_dispatch_wrapper": "found",
    "dict_dispatch_get": "found",
    "list_of_funcs_loop": "found",
    "dataclass_field": "found",
    "namedtuple": "found",
    "namedtuple_collections": "FL200",
    "namedtuple_index": "FL200",
    "typeddict": "found",
    "typeddict_call": "FL200",
    "enum_value": "found",
    "enum_name_lower": "FL200",
    "str_enum": "found",
    "strenum": "found",
    "strenum_auto": "FL200",
    "enum_lookup": "FL200",
    "enum_item": "FL200",
    "enum_iter": "FL200",
    "enum_fstring": "found",
    "str_split": "found",
    "str_join": "found",
    "str_format": "found",
    "str_format_kw": "found",
    "str_percent": "found",
    "str_percent_dict": "found",
    "str_replace": "found",
    "str_lower": "found",
    "str_upper_then_lower": "found",
    "str_strip": "found",
    "str_slice": "found",
    "str_concat": "found",
    "str_mult": "FL200",
    "str_concat_implicit": "found",
    "str_fstring_nested": "found",
    "str_chr": "FL200",
    "str_reversed": "FL200",
    "str_removeprefix": "found",
    "str_partition": "found",
    "str_rsplit": "found",
    "str_splitlines": "found",
    "str_title": "found",
    "str_center": "FL200",
    "str_translate": "FL200",
    "str_str_call": "found",
    "str_format_map": "found",
    "bytes_argv": "found",
    "bytes_decode": "FL200",
    "str_encode": "found",
    "fsencode": "found",
    "fsdecode": "found",
    "shlex_split": "found",
    "shlex_join": "found",
    "shlex_quote": "found",
    "pathlib_path": "found",
    "pathlib_div": "found",
    "pathlib_str": "found",
    "pathlib_joinpath": "found",
    "pathlib_with_name": "found",
    "os_path_join": "found",
    "os_path_expanduser": "found",
    "os_path_abspath": "found",
    "shutil_which": "found",
    "shutil_which_or": "found",
    "which_fallback_unknown": "found",
    "getenv_default": "found",
    "getenv_nodefault": "FL200",
    "environ_get_default": "found",
    "environ_get_nodefault": "FL200",
    "environ_item": "FL200",
    "environ_setdefault": "found",
    "environ_set_then_read": "FL200",
    "environ_from_import": "found",
    "getenvb": "found",
    "environ_or": "found",
    "environ_copy_get": "found",
    "config_json": "FL200",
    "config_json_get_default": "found",
    "param_get_default_beside_get_wrapper": "found",
    "next_genexp_first_existing": "found",
    "VALID_next_genexp_first_existing": "CLEAN",
    "merge_helper_store_then_preset_lookup": "found",
    "VALID_merge_helper_store_then_preset_lookup": "CLEAN",
    "param_list_copy_item_stored": "found",
    "VALID_param_list_copy_item_stored": "CLEAN",
    "VALID_known_mapping_get_beside_get_wrapper": "CLEAN",
    "config_yaml": "FL200",
    "config_toml": "FL200",
    "config_configparser": "FL200",
    "config_configparser_fallback": "FL200",
    "sys_argv": "FL200",
    "input_builtin": "FL200",
    "read_file": "FL200",
    "pathlib_read_text": "FL200",
    "walrus": "found",
    "walrus_in_call": "found",
    "match_case": "found",
    "match_capture": "FL200",
    "match_class_pattern": "FL200",
    "try_except_value": "found",
    "try_finally": "found",
    "try_else": "found",
    "with_as": "found",
    "with_nullcontext": "FL200",
    "global_write": "found",
    "nonlocal_write": "found",
    "closure": "found",
    "closure_var": "found",
    "closure_outer_var": "found",
    "generator_yield": "found",
    "generator_next": "FL200",
    "generator_list": "FL200",
    "genexp": "found",
    "listcomp": "found",
    "dictcomp": "found",
    "map_str": "FL200",
    "map_lambda": "FL200",
    "zip": "FL200",
    "sorted": "FL200",
    "reversed": "FL200",
    "list_call": "found",
    "tuple_call": "found",
    "copy_copy": "found",
    "copy_deepcopy": "found",
    "star_unpack": "found",
    "star_unpack_tuple": "found",
    "aug_add": "found",
    "aug_add_str": "found",
    "loop_rebind": "found",
    "while_rebind": "found",
    "loop_else": "found",
    "tuple_unpack_assign": "found",
    "starred_assign": "found",
    "wrapper_param_unpack": "found",
    "wrapper_param_unpack_pair": "found",
    "VALID_wrapper_param_unpack_git": "CLEAN",
    "wrapper_param_unpack_after_star": "FL200",
    "wrapper_str_param_split": "found",
    "wrapper_optional_str_param_strip_split": "found",
    "VALID_wrapper_str_param_split_git": "CLEAN",
    "chained_assign": "FL200",
    "ternary": "found",
    "and_or": "found",
    "list_index": "found",
    "list_index_param": "FL200",
    "tuple_index_neg": "found",
    "dict_values_loop": "found",
    "dict_items_loop": "found",
    "dict_keys_loop": "found",
    "set_literal": "FL200",
    "list_pop": "FL200",
    "dict_pop": "FL200",
    "dict_merge": "FL200",
    "dict_unpack": "found",
    "dict_constructor": "found",
    "default_param": "found",
    "kwonly_default": "found",
    "positional_only": "found",
    "varargs_forward": "found",
    "kwargs_forward_args": "found",
    "recursion": "found",
    "async_def": "found",
    "async_wrapper": "found",
    "async_gen": "found",
    "await_builder": "found",
    "conditional_import_def": "found",
    "conditional_def_func": "found",
    "redefined_func": "found",
    "assert_isinstance": "found",
    "typing_cast": "found",
    "annotated_assign": "found",
    "final_const": "found",
    "del_then": "found",
    "exec_string": "found",
    "eval_string": "found",
    "compile_exec": "found",
    "exec_module_constant": "found",
    "exec_globals_given": "found",
    "exec_callers_name": "found",
    "exec_defines_function": "found",
    "exec_builtins_module": "found",
    "exec_bytes": "found",
    "exec_sets_module_global": "found",
    "exec_code_not_known": "FL200",
    "eval_code_not_known": "FL200",
    "exec_code_partly_known": "FL200",
    "exec_wrapper_caller": "FL200",
    "exec_nested_itself": "FL200",
    "exec_code_from_another_module": "found",
    "exec_renamed_code_elsewhere": "found",
    "VALID_exec_git": "CLEAN",
    "VALID_exec_no_launch": "CLEAN",
    "VALID_exec_function_locals": "CLEAN",
    "VALID_exec_syntax_error": "CLEAN",
    "VALID_eval_expression": "CLEAN",
    "str_method_param_or_default": "found",
    "VALID_str_method_param_or_default_git": "CLEAN",
    "VALID_method_of_none_alternative": "CLEAN",
    "method_of_none_alternative_given": "found",
    "str_split_separator": "found",
    "str_rsplit_path": "found",
    "str_partition_constant": "found",
    "VALID_str_split_separator_git": "CLEAN",
    "shell_quoted_env_path": "found",
    "shell_default_expansion_exec": "found",
    "shell_default_expansion_unquoted": "found",
    "shell_default_expansion_env_given": "found",
    "shell_alternate_expansion": "found",
    "VALID_shell_default_expansion_env_git": "CLEAN",
    "nested_class": "found",
    "class_in_func": "FL200",
    "func_in_class_body_call": "found",
    "slots_attr": "found",
    "class_var_from_init_subclass": "FL200",
    "dataclass_replace": "found",
    "dataclass_replace_kept": "found",
    "dataclass_replace_star_kwargs": "FL200",
    "VALID_dataclass_replace_git": "CLEAN",
    "namedtuple_replace": "found",
    "VALID_namedtuple_replace_git": "CLEAN",
    "asdict": "FL200",
    "pydantic_settings": "found",
    "attrs_class": "found",
    "dataclass_init_false_post": "found",
    "dataclass_default_factory_lambda": "found",
    "module_attr_set_elsewhere": "found",
    "setattr_module_elsewhere": "found",
    "class_attr_set_other_module": "found",
    "star_import": "found",
    "star_import_all": "found",
    "init_reexport": "found",
    "relative_import": "found",
    "relative_import_parent": "found",
    "circular_import": "found",
    "module_import_attr": "found",
    "module_import_as": "found",
    "wrapper_other_module": "found",
    "wrapper_module_alias": "found",
    "wrapper_via_importlib": "FL200",
    "wrapper_getattr_module": "FL200",
    "wrapper_assigned_name": "found",
    "wrapper_in_dict_other_module": "FL200",
    "sink_reexport_module": "found",
    "sink_reexport_module_attribute": "found",
    "sink_reexport_module_star": "found",
    "sink_reexport_module_same_name": "found",
    "sink_reexport_module_same_name_attribute": "found",
    "sink_reexport_module_among_imports": "found",
    "VALID_sink_reexport_module": "CLEAN",
    "sink_reexport_module_unknown_argv": "FL200",
    "instance_method_other_module": "found",
    "instance_from_factory": "FL200",
    "instance_unannotated_param": "found",
    "instance_unannotated_param_git_too": "found",
    "VALID_instance_unannotated_param_git_too": "CLEAN",
    "instance_unannotated_param_handed_on": "found",
    "instance_unannotated_param_other_module": "found",
    "VALID_instance_unannotated_param_other_module": "CLEAN",
    "instance_unannotated_param_of_a_factory": "found",
    "instance_unannotated_param_abstract_caller": "found",
    "instance_abstract_annotation_git_too": "found",
    "VALID_instance_abstract_annotation_git_too": "CLEAN",
    "instance_annotated_param": "found",
    "instance_attr_of_self": "found",
    "subprocess_call": "found",
    "subprocess_check_call": "found",
    "subprocess_check_output": "found",
    "subprocess_getoutput": "found",
    "subprocess_getstatusoutput": "found",
    "subprocess_args_kw": "found",
    "subprocess_executable": "found",
    "subprocess_executable_runs_the_rest": "found",
    "VALID_subprocess_executable_runs_the_rest": "CLEAN",
    "subprocess_executable_shell": "found",
    "subprocess_shell_str": "found",
    "subprocess_shell_list": "found",
    "subprocess_str_noshell": "found",
    "subprocess_popen_ctx": "found",
    "subprocess_shell_var": "found",
    "subprocess_shell_kwargs": "found",
    "os_system": "found",
    "os_popen": "found",
    "os_execv": "found",
    "os_execvp": "found",
    "os_execl": "found",
    "os_execlp": "found",
    "os_execle": "found",
    "os_execvpe": "found",
    "os_execve": "found",
    "os_execv_argv0_differs": "found",
    "os_spawnl": "found",
    "os_spawnlp": "found",
    "os_spawnv": "found",
    "os_spawnvp": "found",
    "os_spawnve": "found",
    "os_posix_spawn": "found",
    "os_posix_spawnp": "found",
    "os_startfile": "found",
    "os_fork_exec": "found",
    "pty_spawn": "found",
    "pty_spawn_str": "found",
    "asyncio_exec": "found",
    "asyncio_shell": "found",
    "asyncio_exec_star": "found",
    "asyncio_from_import": "found",
    "asyncio_subprocess_module": "found",
    "loop_subprocess_exec": "found",
    "loop_subprocess_shell": "found",
    "loop_subprocess_exec_lambda": "found",
    "anyio_run_process": "found",
    "anyio_open_process": "found",
    "trio_run_process": "found",
    "trio_open_process": "found",
    "pexpect_spawn": "found",
    "pexpect_spawn_args": "found",
    "pexpect_run": "found",
    "pexpect_popen_spawn": "found",
    "pexpect_spawnu": "found",
    "ptyprocess": "found",
    "ptyprocess_unicode": "found",
    "winpty_ptyprocess_lazy_import": "found",
    "VALID_winpty_ptyprocess_git": "CLEAN",
    "winpty_ptyprocess_string": "found",
    "winpty_ptyprocess_module": "found",
    "winpty_pty_spawn": "found",
    "VALID_winpty_pty_spawn_git": "CLEAN",
    "escape_replace_around_unknown": "found",
    "VALID_escape_replace_around_unknown_git": "CLEAN",
    "replace_two_chars_around_unknown": "FL200",
    "sh_command": "found",
    "sh_attr": "found",
    "sh_from_import": "found",
    "plumbum_local": "found",
    "plumbum_cmd": "found",
    "plumbum_local_cmd": "found",
    "sh_bake": "found",
    "sh_subcommand_sudo": "found",
    "sh_contrib_sudo": "found",
    "sh_getattr": "found",
    "sh_getattr_computed": "FL200",
    "sh_command_unknown": "FL200",
    "sh_which_probe": "found",
    "sh_bg_keywords": "found",
    "sh_bash_c": "found",
    "sh_kept_module": "found",
    "sh_wrapper_param": "found",
    "sh_returned": "found",
    "sh_module_bake": "found",
    "plumbum_async": "found",
    "VALID_sh_git": "CLEAN",
    "VALID_sh_git_kept": "CLEAN",
    "VALID_sh_dashes": "CLEAN",
    "VALID_sh_error_class": "CLEAN",
    "plumbum_item_words": "found",
    "plumbum_run": "found",
    "plumbum_fg": "found",
    "plumbum_run_bg": "found",
    "plumbum_get": "found",
    "plumbum_which_probe": "found",
    "plumbum_pipeline": "found",
    "plumbum_nested_sudo": "found",
    "plumbum_unknown": "FL200",
    "plumbum_module": "found",
    "plumbum_cmd_module": "found",
    "VALID_plumbum_git": "CLEAN",
    "VALID_plumbum_pipeline": "CLEAN",
    "VALID_plumbum_cmd": "CLEAN",
    "distutils_spawn": "found",
    "shutil_which_probe": "found",
    "multiprocessing_popen": "found",
    "thread_target": "found",
    "to_thread": "found",
    "run_in_executor": "found",
    "multiprocessing_process": "found",
    "popen_args_attr": "found",
    "subprocess_popen_subclass_init": "found",
    "asyncio_subprocess_popen": "found",
    "webbrowser": "CLEAN",
    "launcher_env": "found",
    "launcher_env_var": "found",
    "launcher_env_i": "found",
    "launcher_timeout": "found",
    "launcher_timeout_s": "found",
    "launcher_sudo": "found",
    "launcher_bash_c": "found",
    "launcher_bash_lc": "found",
    "launcher_sh_c_var": "found",
    "launcher_npx": "found",
    "launcher_npx_y": "found",
    "launcher_npx_claude": "found",
    "launcher_npx_gemini": "found",
    "launcher_uvx": "found",
    "launcher_pipx_run": "found",
    "launcher_nohup": "found",
    "launcher_nice_n": "found",
    "launcher_xargs": "found",
    "launcher_stdbuf": "found",
    "launcher_script_c": "found",
    "launcher_node_bin": "found",
    "launcher_exec_builtin": "found",
    "launcher_python_m": "CLEAN",
    "launcher_bunx": "found",
    "launcher_pnpm_dlx": "found",
    "launcher_npm_exec": "found",
    "launcher_yarn_dlx": "found",
    "launcher_npx_package_flag": "found",
    "str_of_optional_program": "found",
    "VALID_str_of_optional_path": "CLEAN",
    "create_subprocess_exec_unpacked_shell": "found",
    "create_subprocess_exec_unpacked_param_tmux": "found",
    "create_subprocess_exec_unpacked_unknown_line": "FL200",
    "VALID_create_subprocess_exec_unpacked_git": "CLEAN",
    "launcher_npx_repository_url": "found",
    "launcher_npx_github_shorthand": "found",
    "launcher_bunx_github_prefix_ref": "found",
    "launcher_npx_clone_url": "found",
    "launcher_npx_repository_other": "FL200",
    "launcher_uvx_git_source": "FL200",
    "launcher_VALID_npx_registry_version": "CLEAN",
    "launcher_npm_x": "found",
    "launcher_su_c": "found",
    "launcher_bash_heredoc": "found",
    "launcher_sh_dollar": "FL200",
    "launcher_sh_backtick": "found",
    "launcher_sh_subshell": "found",
    "launcher_sh_pipeline": "found",
    "launcher_sh_if": "found",
    "launcher_sh_function": "found",
    "launcher_sh_semicolon": "found",
    "launcher_sh_ampersand": "found",
    "launcher_sh_quoted_prog": "found",
    "launcher_sh_escaped": "found",
    "launcher_sh_var_prog": "found",
    "launcher_sh_eval": "found",
    "launcher_sh_command_builtin": "found",
    "launcher_sh_builtin_exec_a": "found",
    "launcher_zsh_c": "found",
    "launcher_dash_c": "found",
    "launcher_busybox": "found",
    "launcher_sh_brace_expand": "found",
    "launcher_cmd_c": "found",
    "launcher_powershell": "found",
    "launcher_doas": "found",
    "launcher_setsid": "found",
    "launcher_chroot": "found",
    "launcher_flatpak": "found",
    "launcher_firejail": "found",
    "launcher_docker_run": "CLEAN",
    "launcher_strace": "found",
    "launcher_ltrace": "found",
    "launcher_time": "found",
    "launcher_watch": "found",
    "launcher_tmux": "found",
    "launcher_screen": "found",
    "launcher_env_S": "found",
    "launcher_env_chdir": "found",
    "launcher_nice_adj": "found",
    "launcher_sudo_E": "found",
    "launcher_sudo_dashdash": "found",
    "launcher_runuser": "found",
    "launcher_ionice": "found",
    "launcher_taskset": "found",
    "launcher_caffeinate": "found",
    "launcher_exec_path_windows": "found",
    "launcher_codex_cmd_windows": "found",
    "launcher_codex_upper": "CLEAN",
    "launcher_claude_path": "found",
    "launcher_gemini_path": "found",
    "launcher_node_npm_root": "found",
    "launcher_node_bin_named": "found",
    "launcher_VALID_node_script": "CLEAN",
    "launcher_node_script_unknown": "FL200",
    "launcher_deno_npm": "found",
    "launcher_bun_x": "found",
    "launcher_parallel_command": "found",
    "launcher_parallel_inputs": "found",
    "launcher_VALID_parallel_git": "CLEAN",
    "launcher_parallel_unknown": "FL200",
    "launcher_expect_spawn": "found",
    "launcher_VALID_expect_git": "CLEAN",
    "launcher_expect_unknown": "FL200",
    "launcher_sh_command_eval": "found",
    "launcher_flatpak_command": "found",
    "launcher_start_stop_daemon": "found",
    "launcher_ssh_proxy_command": "found",
    "launcher_VALID_ssh_proxy_ssh": "CLEAN",
    "launcher_ssh_option_unknown": "FL200",
    "launcher_python_c_launch": "FL200",
    "launcher_VALID_python_c_print": "CLEAN",
    "pexpect_runu": "found",
    "pexpect_pty_spawn": "found",
    "shell_executable_bash": "found",
    "shell_executable_list": "found",
    "VALID_shell_executable_bash": "CLEAN",
    "VALID_getattr_module_other": "CLEAN",
    "VALID_global_write_git": "CLEAN",
    "global_write_param": "FL200",
    "global_only_in_func": "found",
    "global_method": "found",
    "global_cross_module_read": "found",
    "launcher2_strace_o": "found",
    "launcher2_chroot_user": "found",
    "launcher2_unshare_r": "found",
    "launcher2_runuser_c": "found",
    "launcher2_runuser_u": "found",
    "launcher2_busybox_sh": "found",
    "launcher2_tini": "found",
    "launcher2_gosu": "found",
    "launcher2_bwrap": "found",
    "launcher2_xvfb": "found",
    "launcher2_VALID_strace_git": "CLEAN",
    "launcher2_VALID_chroot_git": "CLEAN",
    "launcher2_VALID_gosu": "CLEAN",
    "launcher2_VALID_runuser": "CLEAN",
    "classmethod_subclass_wrapper": "found",
    "VALID_classmethod_subclass": "CLEAN",
    "classmethod_via_instance": "found",
    "nonlocal_after": "found",
    "nonlocal_param": "FL200",
    "VALID_nonlocal": "CLEAN",
    "sink_returned_local": "found",
    "sink_returned_partial": "found",
    "sink_returned_conditional": "found",
    "sink_returned_method": "found",
    "launcher_param_kept_on_self": "found",
    "VALID_launcher_param_kept_on_self": "CLEAN",
    "launcher_passed_to_constructor_kept_on_self": "found",
    "launcher_passed_through_too_many_base_constructors": "FL200",
    "VALID_launcher_passed_to_constructor_kept_on_self": "CLEAN",
    "launcher_passed_to_constructor_argv_from_method_caller": "found",
    "launcher_passed_to_constructor_other_module": "found",
    "launcher_partial_passed_to_constructor": "found",
    "launcher_passed_to_constructor_called_in_self_method": "found",
    "launcher_passed_to_base_constructor": "found",
    "launcher_passed_as_dataclass_field": "found",
    "launcher_partial_passed_to_function": "found",
    "launcher_in_config_object_passed": "found",
    "launcher_passed_to_constructor_instance_kept_by_another": "found",
    "VALID_launcher_passed_to_constructor_instance_kept_by_another": "CLEAN",
    "VALID_launcher_in_config_object_passed": "CLEAN",
    "launcher_in_config_object_kept_on_self": "found",
    "launcher_dataclass_field_default": "found",
    "launcher_dataclass_field_default_other_module": "found",
    "VALID_launcher_dataclass_field_default": "CLEAN",
    "sink_returned_other_module": "found",
    "sink_module_returned_other_module": "found",
    "sink_module_helper_other_module": "found",
    "sink_module_helper_other_module_assigned": "found",
    "VALID_sink_module_helper_other_module": "CLEAN",
    "sink_returned_module_name": "found",
    "sink_returned_module_name_other_module": "found",
    "VALID_sink_returned_module_name": "CLEAN",
    "sink_returned_module_name_unknown_argv": "FL200",
    "module_statement_wrapper_and_sink": "found",
    "module_statement_wrapper_above": "found",
    "VALID_sink_returned": "CLEAN",
    "sink_returned_unknown_argv": "FL200",
    "sys_modules_name_key": "found",
    "sys_modules_computed": "FL200",
    "vars_module_computed": "FL200",
    "subprocess_dict_computed": "FL200",
    "getattr_module_computed": "FL200",
    "getattr_module_name_joined": "found",
    "getattr_module_name_joined_implicitly": "found",
    "VALID_getattr_module_name_joined": "CLEAN",
    "getattr_builtins_computed": "FL200",
    "getattr_dunder_builtins_computed": "FL200",
    "getattr_dunder_builtins_exec": "found",
    "VALID_getattr_builtins_print": "CLEAN",
    "VALID_sys_modules": "CLEAN",
    "VALID_sys_modules_not_called": "CLEAN",
    "popen_subclass_kwargs_init": "found",
    "popen_subclass_reshaped": "found",
    "popen_subclass_of_subclass": "found",
    "popen_subclass_other_module": "found",
    "VALID_popen_subclass": "CLEAN",
    "VALID_popen_subclass_init": "CLEAN",
    "module_attr_set_through_import_alias": "found",
    "module_attr_set_through_from_alias": "found",
    "VALID_module_attr_set_through_alias_git": "CLEAN",
    "class_attr_set_through_alias": "found",
    "module_list_appended_through_alias": "FL200",
    "module_attr_set_after_semicolon": "found",
    "module_attr_set_chained": "found",
    "module_attr_set_in_one_line_if": "found",
    "module_attr_set_in_one_line_else": "found",
    "module_attr_set_continued": "found",
    "module_list_appended_after_semicolon": "FL200",
    "VALID_module_list_compared": "CLEAN",
    "classmethod_cls_attr_set": "found",
    "VALID_classmethod_cls_attr_set_git": "CLEAN",
    "type_self_attr_set": "found",
    "self_class_attr_set": "found",
    "instance_mapping_registered": "found",
    "instance_mapping_filled": "FL200",
    "instance_list_appended_by_subclass": "FL200",
    "VALID_instance_mapping_registered_git": "CLEAN",
    "module_attr_set_through_local_alias": "found",
    "module_attr_set_through_local_alias_in_func": "found",
    "VALID_module_attr_set_through_local_alias_git": "CLEAN",
    "class_attr_set_through_local_alias": "found",
    "module_instance_attr_set": "found",
    "VALID_module_instance_attr_set_git": "CLEAN",
    "module_instance_attr_set_unknown": "FL200",
    "module_instance_attr_set_through_local_alias": "found",
    "module_instance_setattr_literal_name": "found",
    "module_attr_set_tuple_target": "found",
    "module_attr_set_tuple_target_second": "found",
    "VALID_module_attr_set_tuple_target_git": "CLEAN",
    "module_attr_set_tuple_target_unpacked": "FL200",
    "module_attr_augmented_mod": "FL200",
    "accessor_attr_set": "found",
    "VALID_accessor_attr_set_git": "CLEAN",
    "accessor_instance_attr_set": "found",
    "module_mapping_stored_through_local_alias": "FL200",
    "module_mapping_updated_through_imported_alias": "FL200",
    "VALID_module_mapping_copied_then_stored": "CLEAN",
    "module_list_appended_through_local_alias": "FL200",
    "module_mapping_stored_through_alias_at_module_level": "FL200",
    "class_mapping_stored_through_local_alias": "FL200",
    "instance_mapping_stored_from_outside": "FL200",
    "VALID_instance_mapping_read_from_outside": "CLEAN",
    **{
        f"launcher3_{nm}": "FL200"
        if nm in _LAUNCHER3_FL200
        else "CLEAN"
        if nm.startswith("VALID")
        else "found"
        for nm in _LAUNCHER3
    },
    **{f"launcher4_{nm}": "CLEAN" if nm.startswith("VALID") else "found" for nm in _LAUNCHER4},
    "with_asynccontextmanager_method_yield": "found",
    "VALID_with_asynccontextmanager_method_yield_git": "CLEAN",
    "with_contextmanager_function_yield": "found",
    "with_generator_not_a_context_manager": "FL200",
    "VALID_with_contextmanager_function_yield_git": "CLEAN",
    "list_repeated_unknown_count_element": "found",
    "VALID_list_repeated_unknown_count_element_git": "CLEAN",
    "list_repeated_known_count_program": "found",
    "list_repeated_program_unknown_count": "FL200",
    "VALID_optional_list_sliced_after_none_check_git": "CLEAN",
    "optional_list_sliced_after_none_check": "found",
    # session 20 (grew20)
    "wrapper_regrown_program_at_argv_head": "found",
    "VALID_wrapper_regrown_program_at_argv_head_ls": "CLEAN",
    "wrapper_regrown_other_parameter": "found",
    "wrapper_regrown_from_nothing": "found",
    "wrapper_regrown_past_bound": "FL200",
    "wrapper_regrown_past_bound_parameterless_caller": "found",
    "constructor_new_event_from_subclass_after_construction": "found",
    "VALID_constructor_new_event_from_subclass_after_construction_ls": "CLEAN",
    "which_negated_in_comprehension_filter_second_item": "found",
    "VALID_which_negated_in_comprehension_filter_git": "CLEAN",
    "which_wrapper_negated_in_unrolled_loop_second_item": "found",
    "VALID_which_wrapper_negated_in_unrolled_loop_git": "CLEAN",
    "run_compared_in_comprehension_second_item": "found",
    "class_attr_overridden_constructor_may_store": "found",
    "VALID_class_attr_overridden_constructor_may_store_git": "CLEAN",
    "path_with_name_program": "found",
    "VALID_path_with_name_program_git": "CLEAN",
    "join_parameter_shell_line": "found",
    "VALID_join_parameter_shell_line_git": "CLEAN",
    "join_instance_attribute_items": "FL200",
    "join_parameter_in_loop": "found",
    "VALID_join_parameter_in_loop_git": "CLEAN",
    "join_mixed_alternatives_constant_names_program": "found",
    "join_mixed_alternatives_caller_names_program": "found",
    "VALID_join_mixed_alternatives_git": "CLEAN",
    "join_mixed_alternatives_no_caller": "found",
    "VALID_join_mixed_alternatives_no_caller_git": "FL200",
    "join_nested_in_join": "found",
    "VALID_join_nested_in_join_git": "CLEAN",
    "join_of_join_two_wrappers": "found",
    "VALID_join_of_join_two_wrappers_git": "CLEAN",
    "join_parameter_plus_constant_list": "found",
    "VALID_join_parameter_plus_constant_list_git": "CLEAN",
    "join_constant_list_plus_parameter": "found",
    "VALID_join_constant_list_plus_parameter_git": "CLEAN",
    "shlex_join_prefix_then_parameter": "found",
    "VALID_shlex_join_prefix_then_parameter_git": "CLEAN",
    "shlex_join_parameter_then_constant": "found",
    "VALID_shlex_join_parameter_then_constant_git": "CLEAN",
    "join_unpacked_alternatives_past_bound": "FL200",
    "called_parameter_lambda_result": "found",
    "VALID_called_parameter_lambda_result_git": "CLEAN",
    "called_parameter_no_caller": "FL200",
    "env_assignments_comprehension": "found",
    "VALID_env_assignments_comprehension_git": "CLEAN",
    "env_comprehension_not_assignments": "FL200",
    "VALID_env_comprehension_not_assignments_git": "FL200",
    "VALID_join_unpacked_alternatives_past_bound_git": "FL200",
    "path_parent_div_parameter": "found",
    "VALID_path_parent_div_parameter_git": "CLEAN",
    "path_of_which_absolute": "found",
    "VALID_path_of_which_absolute_git": "CLEAN",
    "path_with_name_of_parameter": "found",
    "launcher_in_dict_handed_on": "found",
    "launcher_in_dict_handed_on_get": "found",
    "launcher_in_list_handed_on": "found",
    "launcher_in_dict_handed_on_other_module": "found",
    "VALID_launcher_in_dict_handed_on_git": "CLEAN",
    "launcher_in_dict_from_factory": "found",
    "launcher_in_dict_handed_on_two_levels": "found",
    "launcher_handed_on_two_levels": "found",
    "VALID_launcher_handed_on_two_levels_git": "CLEAN",
    "VALID_launcher_in_dict_handed_on_two_levels_git": "CLEAN",
    "launcher_handed_on_three_levels_other_module": "found",
    "launcher_class_attr_self": "found",
    "launcher_class_attr_staticmethod_self": "found",
    "launcher_class_attr_staticmethod_cls": "found",
    "VALID_launcher_class_attr_staticmethod_git": "CLEAN",
    "launcher_set_on_module_instance": "found",
    "VALID_launcher_set_on_module_instance_git": "CLEAN",
    "launcher_set_on_module_instance_called_in_its_class": "found",
    "VALID_launcher_set_on_module_instance_called_in_its_class_git": "CLEAN",
    "launcher_set_on_given_instance_called_in_base_module": "found",
    "launcher_set_on_unknown_construction": "found",
    "VALID_launcher_set_on_unknown_construction_git": "CLEAN",
    "launcher_set_on_local_rebound": "CLEAN",
    "dataclass_field_default_function_launches": "found",
    "dataclass_field_factory_function_launches": "found",
    "VALID_dataclass_field_default_function_git": "CLEAN",
    "dataclass_field_function_annotated_param": "found",
    "VALID_dataclass_field_function_annotated_param_git": "CLEAN",
    "multiprocessing_set_executable": "found",
    "multiprocessing_spawn_set_executable": "found",
    "multiprocessing_context_set_executable": "found",
    "VALID_multiprocessing_set_executable_python": "CLEAN",
    "invoke_run": "found",
    "invoke_context_run": "found",
    "VALID_invoke_context_run_git": "CLEAN",
    "invoke_task_context_run": "found",
    "invoke_task_called_context_run": "found",
    "VALID_invoke_task_context_run_git": "CLEAN",
    "fabric_task_context_run": "found",
    "invoke_tasks_module_task_context_run": "found",
    "fabric_tasks_module_task_context_run": "found",
    "VALID_fabric_task_context_run_git": "CLEAN",
    "VALID_other_task_decorator": "CLEAN",
    "fabric_connection_local": "found",
    "fabric_connection_run_remote": "CLEAN",
    "ctypes_cdll_system": "found",
    "ctypes_libc_system": "found",
    "ctypes_loadlibrary_system": "found",
    "VALID_ctypes_cdll_system_git": "CLEAN",
    "importlib_import_module_subprocess": "found",
    "stdin_script_from_wrapper_caller": "FL200",
    "stdin_script_from_wrapper_caller_known": "FL200",
    "with_contextmanager_not_contextlib": "FL200",
    "VALID_with_contextmanager_contextlib_alias_git": "CLEAN",
    "super_init_chain_past_bound": "FL200",
    "super_init_chain_within_bound": "found",
    # session 22 (trust22)
    "quote_helper_param_replace": "found",
    "VALID_quote_helper_param_replace_git": "CLEAN",
    "quote_helper_prompt_os_system": "found",
    "VALID_quote_helper_prompt_os_system_git": "CLEAN",
    "quote_helper_program_through_wrapper": "found",
    "VALID_quote_helper_program_through_wrapper_git": "CLEAN",
    "quote_helper_many_partly_known_values": "found",
    "sink_stored_on_module_global_elsewhere": "found",
    "VALID_sink_stored_on_module_global_elsewhere_git": "CLEAN",
    "sink_stored_on_module_placeholder_called_elsewhere": "found",
    "fwd_args_kwargs_two_hops": "found",
    "VALID_fwd_args_kwargs_two_hops_git": "CLEAN",
    "fwd_kwargs_args_keyword": "found",
    "VALID_fwd_kwargs_args_keyword_git": "CLEAN",
    "fwd_kwargs_dict_splat": "found",
    "partial_of_partial_program": "found",
    "VALID_partial_of_partial_program_git": "CLEAN",
    "partial_keyword_args": "found",
    "dict_get_default_program": "found",
    "VALID_dict_get_default_program_git": "CLEAN",
    "dict_get_nested_default": "found",
    "match_case_program": "found",
    "VALID_match_case_program_git": "CLEAN",
    "match_capture_binding": "FL200",
    "match_sequence_pattern": "FL200",
    "walrus_program": "found",
    "walrus_in_comprehension": "found",
    "VALID_walrus_in_comprehension_git": "CLEAN",
    "which_or_name_fallback": "found",
    "try_except_fallback_program": "found",
    "VALID_try_except_fallback_program_git": "CLEAN",
    "try_else_finally_program": "found",
    "property_returns_argv": "found",
    "VALID_property_returns_argv_git": "CLEAN",
    "classmethod_builder": "found",
    "VALID_classmethod_builder_git": "CLEAN",
    "staticmethod_builder_on_instance": "found",
    "enum_value_program": "found",
    "strenum_member_as_text": "found",
    "VALID_strenum_member_as_text_git": "CLEAN",
    "enum_lookup_by_name": "FL200",
    "namedtuple_default": "found",
    "VALID_namedtuple_default_git": "CLEAN",
    "collections_namedtuple_defaults": "FL200",
    "dataclass_default_factory_argv": "found",
    "VALID_dataclass_default_factory_argv_git": "CLEAN",
    "format_positional_index": "found",
    "format_keyword_attr": "FL200",
    "VALID_format_keyword_attr_git": "FL200",
    "percent_dict_format": "found",
    "format_map_program": "found",
    "fstring_format_spec": "FL200",
    "shlex_join_then_shell": "found",
    "join_quoted_alternatives_one_with_parameter": "found",
    "VALID_shlex_join_then_shell_git": "CLEAN",
    "space_join_generator_shell": "found",
    "shlex_split_of_join": "found",
    "list_insert_front": "found",
    "VALID_list_insert_front_git": "CLEAN",
    "list_iadd_tuple": "found",
    "list_extend_generator": "found",
    "list_slice_assign_front": "found",
    "deque_appendleft": "FL200",
    "path_home_local_bin": "found",
    "VALID_path_home_local_bin_git": "CLEAN",
    "path_expanduser_str": "found",
    "path_joinpath": "found",
    "path_with_name": "found",
    "os_path_expanduser_join": "found",
    "sys_executable_m_forbidden_pkg": "CLEAN",
    "VALID_loop_subprocess_exec_git": "CLEAN",
    "loop_subprocess_shell_get_event_loop": "found",
    "asyncio_create_subprocess_exec_splat": "found",
    "anyio_run_process_string": "found",
    "anyio_open_process_list": "found",
    "trio_run_process_kw": "found",
    "VALID_trio_run_process_git": "CLEAN",
    "posix_spawnp_program": "found",
    "VALID_posix_spawnp_git": "CLEAN",
    "posix_spawn_path": "found",
    "launcher_stdbuf_oL": "found",
    "launcher_xargs_0": "found",
    "launcher_script_qc": "found",
    "launcher_sh_lc": "found",
    "launcher_uvx_from": "found",
    "launcher_pipx_run_spec": "found",
    "launcher_bunx_pkg_version": "found",
    "launcher_npx_yes_pkg": "found",
    "VALID_launcher_npx_other": "CLEAN",
    "launcher_timeout_env_nice_chain": "found",
    "environ_setdefault_module": "FL200",
    "VALID_environ_setdefault_module_git": "FL200",
    "environ_assigned_module": "FL200",
    "environ_getenv_after_module_set": "FL200",
    "map_sink_over_argvs": "found",
    "executor_map_sink": "found",
    "star_import_subprocess": "found",
    "methodcaller_sink": "found",
    "VALID_popen_communicate_shell_input_git": "FL200",
    "VALID_pexpect_sendline_shell_git": "FL200",
    "node_e_child_process": "FL200",
    "VALID_node_e_console": "CLEAN",
    "import_module_concat": "found",
    "globals_lookup_module": "found",
    "VALID_dict_dispatch_method_git": "FL200",
    "setattr_module_sink": "found",
    "reversed_string": "found",
    "VALID_map_sink_over_argvs_git": "CLEAN",
    "pool_starmap_sink": "found",
    "map_sink_unknown_items": "FL200",
    "star_import_os_system": "found",
    "VALID_star_import_os_system_git": "CLEAN",
    "node_e_execa_import": "FL200",
    "VALID_node_p_version": "CLEAN",
    "uv_run": "found",
    "uv_run_with": "found",
    "poetry_run": "found",
    "pipenv_run": "found",
    "conda_run": "found",
    "mise_exec": "found",
    "direnv_exec": "found",
    "op_run": "found",
    "doppler_run": "found",
    "infisical_run": "found",
    "dotenv_run": "found",
    "aws_vault_exec": "found",
    "nix_shell_run": "found",
    "nix_develop_c": "found",
    "devbox_run": "found",
    "gtimeout": "found",
    "arch_arm64": "found",
    "watchexec": "found",
    "nodemon_exec": "found",
    "hyperfine": "found",
    "cpulimit": "found",
    "cgexec": "found",
    "faketime": "found",
    "chronic": "found",
    "corepack_pnpm_dlx": "found",
    "distrobox_enter": "found",
    "toolbox_run": "found",
    "wsl_e": "found",
    "wsl_bash_c": "found",
    "gsudo": "found",
    "snap_run": "found",
    "ts_node": "found",
    "bash_c_alias": "found",
    "mise_exec_tool": "found",
    "mise_x_command": "found",
    "distrobox_enter_name_opt": "found",
    "poetry_run_dir": "found",
    "conda_run_name": "found",
    "doppler_run_command": "found",
    "nix_shell_p_run": "found",
    "wsl_line": "found",
    "arch_e_env": "found",
    "faketime_f": "found",
    "watchexec_e": "found",
    "VALID_uv_run_pytest": "CLEAN",
    "VALID_uv_run_module": "CLEAN",
    "VALID_poetry_install": "CLEAN",
    "VALID_poetry_run_git": "CLEAN",
    "VALID_mise_exec_git": "CLEAN",
    "VALID_op_run_git": "CLEAN",
    "VALID_doppler_run_git": "CLEAN",
    "VALID_conda_run_python": "CLEAN",
    "VALID_nix_shell_run_git": "CLEAN",
    "VALID_gtimeout_git": "CLEAN",
    "VALID_arch_git": "CLEAN",
    "VALID_watchexec_git": "CLEAN",
    "VALID_wsl_git": "CLEAN",
    "VALID_distrobox_enter_git": "CLEAN",
    "VALID_direnv_exec_git": "CLEAN",
    "VALID_aws_vault_exec_git": "CLEAN",
    "VALID_corepack_pnpm_install": "CLEAN",
    "VALID_tsx_script": "CLEAN",
    "attr_stored_from_constructor_attr": "found",
    "attr_stored_from_constructor_attr_argument": "found",
    "VALID_attr_stored_from_constructor_attr_git": "CLEAN",
    "receiver_subclass_overriding_calls_super": "found",
    "receiver_class_assigned_to_variable": "found",
    "receiver_class_assigned_to_local": "found",
    "receiver_factory_returns_wrapper_class": "found",
    "receiver_mixin_before_wrapper_class": "found",
    "receiver_param_annotated_base": "found",
    "receiver_protocol_parameter": "found",
    "VALID_receiver_unrelated_class_same_method": "CLEAN",
    "receiver_annotated_instance_called": "found",
    "receiver_keyword_beside_call": "found",
    # session 23 (trust23)
    "inherited_method_grandchild_other_module": "found",
    "VALID_inherited_method_grandchild_other_module": "CLEAN",
    "receiver_instance_attribute_over_method": "found",
    "VALID_receiver_instance_attribute_over_method": "CLEAN",
    "map_project_wrapper": "found",
    "VALID_map_project_wrapper": "CLEAN",
    "starmap_project_wrapper": "found",
    "VALID_starmap_project_wrapper": "CLEAN",
    "executor_map_project_wrapper": "found",
    "VALID_executor_map_project_wrapper": "CLEAN",
    "pool_map_partial_of_wrapper": "found",
    "VALID_pool_map_partial_of_wrapper": "CLEAN",
    "map_method_wrapper_same_module": "found",
    "VALID_map_method_wrapper_same_module": "CLEAN",
    "hyperfine_second_operand": "found",
    "VALID_hyperfine_second_operand": "CLEAN",
    "hyperfine_option_after_operands": "found",
    "VALID_hyperfine_option_after_operands": "CLEAN",
    "hyperfine_setup_line": "found",
    "VALID_hyperfine_setup_line": "CLEAN",
    "hyperfine_no_shell": "found",
    "VALID_hyperfine_no_shell": "CLEAN",
    "hyperfine_parameter_placeholder": "FL200",
    "VALID_hyperfine_parameter_placeholder": "FL200",
    "shell_alias_next_line": "found",
    "VALID_shell_alias_next_line": "CLEAN",
    "shell_alias_quoted_words": "found",
    "VALID_shell_alias_quoted_words": "CLEAN",
    "shell_alias_of_alias": "found",
    "VALID_shell_alias_of_alias": "CLEAN",
    "VALID_shell_alias_of_itself": "CLEAN",
    "methodcaller_bound_at_module_level": "found",
    "VALID_methodcaller_bound_at_module_level": "CLEAN",
    "attrgetter_sink": "found",
    "VALID_attrgetter_sink": "CLEAN",
    "methodcaller_computed_name": "FL200",
    "VALID_methodcaller_computed_name": "FL200",
    "sink_module_passed_to_function": "found",
    "VALID_sink_module_passed_to_function": "CLEAN",
    "sink_module_passed_by_keyword": "found",
    "VALID_sink_module_passed_by_keyword": "CLEAN",
    "sink_module_passed_to_shadowed_builtin": "found",
    "VALID_sink_module_passed_to_shadowed_builtin": "CLEAN",
    "sink_module_passed_to_imported_builtin_name": "found",
    "VALID_sink_module_passed_to_imported_builtin_name": "CLEAN",
    "VALID_sink_module_in_hasattr": "CLEAN",
    "globals_item_after_membership_test": "found",
    "VALID_globals_item_after_membership_test": "CLEAN",
    "VALID_globals_membership_only": "CLEAN",
    "globals_get_sink_module": "found",
    "VALID_globals_get_sink_module": "CLEAN",
    "globals_item_renamed_sink": "found",
    "VALID_globals_item_renamed_sink": "CLEAN",
    "import_module_parameter_name": "FL200",
    "VALID_import_module_parameter_name": "CLEAN",
    "dunder_import_fstring_name": "FL200",
    "VALID_dunder_import_fstring_name": "FL200",
    "exitstack_callback": "found",
    "VALID_exitstack_callback": "CLEAN",
    "atexit_register_sink": "found",
    "VALID_atexit_register_sink": "CLEAN",
    "weakref_finalize_sink": "found",
    "VALID_weakref_finalize_sink": "CLEAN",
    "sched_enter_sink": "found",
    "VALID_sched_enter_sink": "CLEAN",
    "sched_enter_argument_keyword": "found",
    "VALID_sched_enter_argument_keyword": "CLEAN",
    "contextmanager_yields_runner": "found",
    "VALID_contextmanager_yields_runner": "CLEAN",
    "enter_returns_runner": "found",
    "VALID_enter_returns_runner": "CLEAN",
    "enter_returns_self_runs_method": "found",
    "VALID_enter_returns_self_runs_method": "CLEAN",
    "class_getattr_proxy_runner": "found",
    "VALID_class_getattr_proxy_runner": "CLEAN",
    "callback_list_appended_then_called": "found",
    "VALID_callback_list_appended_then_called": "CLEAN",
    "module_getattr_returns_runner": "found",
    "VALID_module_getattr_returns_runner": "CLEAN",
    "decorator_replaces_with_sink": "found",
    "VALID_decorator_replaces_with_sink": "CLEAN",
    "callback_dict_project_wrapper": "found",
    "VALID_callback_dict_project_wrapper": "CLEAN",
    "callback_registered_by_decorator_other_caller": "found",
    "VALID_callback_registered_by_decorator_other_caller": "CLEAN",
    "callback_registered_by_decorator": "found",
    "VALID_callback_registered_by_decorator": "CLEAN",
    "dunder_call_partial_instance": "found",
    "VALID_dunder_call_partial_instance": "CLEAN",
    "property_returns_runner": "found",
    "VALID_property_returns_runner": "CLEAN",
    "cached_property_returns_partial": "found",
    "VALID_cached_property_returns_partial": "CLEAN",
    "decorator_wraps_launcher": "found",
    "VALID_decorator_wraps_launcher": "CLEAN",
    "singledispatch_register": "FL200",
    "VALID_singledispatch_register": "FL200",
    "exitstack_enter_context_popen": "found",
    "VALID_exitstack_enter_context_popen": "CLEAN",
    "atexit_decorated_launch": "found",
    "VALID_atexit_decorated_launch": "CLEAN",
    "dataclass_default_factory_function": "found",
    "VALID_dataclass_default_factory_function": "FL200",
    "typing_final_constant": "found",
    "VALID_typing_final_constant": "CLEAN",
    "environ_setdefault_then_read": "FL200",
    "VALID_environ_setdefault_then_read": "FL200",
    "configparser_read_string": "FL200",
    "VALID_configparser_read_string": "FL200",
    "json_loads_literal": "FL200",
    "VALID_json_loads_literal": "FL200",
    "generator_yields_argv_parts": "FL200",
    "VALID_generator_yields_argv_parts": "FL200",
    "itertools_chain_argv": "FL200",
    "VALID_itertools_chain_argv": "FL200",
    "chainmap_lookup": "FL200",
    "VALID_chainmap_lookup": "FL200",
    "str_partition_program": "found",
    "VALID_str_partition_program": "CLEAN",
    "str_rsplit_program": "found",
    "VALID_str_rsplit_program": "CLEAN",
    "shlex_quote_program_system": "found",
    "VALID_shlex_quote_program_system": "CLEAN",
    "shlex_join_system": "found",
    "VALID_shlex_join_system": "CLEAN",
    "shlex_quote_param_shell": "found",
    "VALID_shlex_quote_param_shell": "CLEAN",
    "typing_namedtuple_default": "found",
    "VALID_typing_namedtuple_default": "CLEAN",
    "string_template_substitute": "found",
    "VALID_string_template_substitute": "CLEAN",
    "pathlib_join_program": "found",
    "VALID_pathlib_join_program": "CLEAN",
    "init_subclass_registry": "FL200",
    "VALID_init_subclass_registry": "FL200",
    "nonlocal_closure_program": "found",
    "VALID_nonlocal_closure_program": "CLEAN",
    "global_rebound_in_function": "found",
    "VALID_global_rebound_in_function": "CLEAN",
    "property_setter_program": "FL200",
    "VALID_property_setter_program": "FL200",
    "class_attr_overridden_in_subclass_other_module": "found",
    "VALID_class_attr_overridden_in_subclass_other_module": "CLEAN",
    "class_attr_overridden_grandchild_other_module": "found",
    "VALID_class_attr_overridden_grandchild_other_module": "CLEAN",
    # session 24 (trust24)
    "trio_run_process_24": "found",
    "launcher_pnpm_dlx_24": "found",
    "launcher_yarn_dlx_24": "found",
    "launcher_npm_x_24": "found",
    "launcher_bun_x_24": "found",
    "launcher_env_S_24": "found",
    "string_template_substitute_24": "found",
    "VALID_string_template_substitute_24": "CLEAN",
    "run_in_executor_partial": "found",
    "VALID_run_in_executor_partial": "CLEAN",
    "run_in_executor_os_system": "found",
    "VALID_run_in_executor_os_system": "CLEAN",
    "to_thread_keyword_args": "found",
    "VALID_to_thread_keyword_args": "CLEAN",
    "thread_target_kwargs": "found",
    "VALID_thread_target_kwargs": "CLEAN",
    "thread_positional_target": "found",
    "VALID_thread_positional_target": "CLEAN",
    "timer_os_system": "found",
    "VALID_timer_os_system": "CLEAN",
    "timer_positional_args": "found",
    "VALID_timer_positional_args": "CLEAN",
    "thread_subclass_run_self_cmd": "found",
    "VALID_thread_subclass_run_self_cmd": "CLEAN",
    "executor_submit_partial": "found",
    "VALID_executor_submit_partial": "CLEAN",
    "process_pool_submit_wrapper": "found",
    "VALID_process_pool_submit_wrapper": "CLEAN",
    "pool_apply_async_os_system": "found",
    "VALID_pool_apply_async_os_system": "CLEAN",
    "pool_apply_call": "found",
    "VALID_pool_apply_call": "CLEAN",
    "pool_imap_unordered_os_system": "found",
    "VALID_pool_imap_unordered_os_system": "CLEAN",
    "pool_map_async_wrapper": "found",
    "VALID_pool_map_async_wrapper": "CLEAN",
    "loop_subprocess_exec_star_other_module": "found",
    "VALID_loop_subprocess_exec_star_other_module": "CLEAN",
    "anyio_run_process_list": "found",
    "VALID_anyio_run_process_list": "CLEAN",
    "anyio_to_thread_run_sync": "found",
    "VALID_anyio_to_thread_run_sync": "CLEAN",
    "VALID_trio_run_process_24": "CLEAN",
    "trio_nursery_start_soon_run_process": "found",
    "VALID_trio_nursery_start_soon_run_process": "CLEAN",
    "trio_to_thread_run_sync": "found",
    "VALID_trio_to_thread_run_sync": "CLEAN",
    "taskgroup_create_task_launching_coroutine": "found",
    "VALID_taskgroup_create_task_launching_coroutine": "CLEAN",
    "gather_launching_coroutines": "found",
    "VALID_gather_launching_coroutines": "CLEAN",
    "loop_call_soon_popen": "found",
    "VALID_loop_call_soon_popen": "CLEAN",
    "loop_call_later_os_system": "found",
    "VALID_loop_call_later_os_system": "CLEAN",
    "sched_enter_run": "found",
    "VALID_sched_enter_run": "CLEAN",
    "contextvars_copy_context_run": "found",
    "VALID_contextvars_copy_context_run": "CLEAN",
    "executor_submit_comprehension_wrapper": "found",
    "VALID_executor_submit_comprehension_wrapper": "CLEAN",
    "run_in_executor_lambda": "found",
    "VALID_run_in_executor_lambda": "CLEAN",
    "thread_target_lambda": "found",
    "VALID_thread_target_lambda": "CLEAN",
    "thread_target_bound_method_self_cmd": "found",
    "VALID_thread_target_bound_method_self_cmd": "CLEAN",
    "anyio_task_group_start_soon_run_process": "found",
    "VALID_anyio_task_group_start_soon_run_process": "CLEAN",
    "trio_run_main_with_arg": "found",
    "VALID_trio_run_main_with_arg": "CLEAN",
    "anyio_run_partial_main": "found",
    "VALID_anyio_run_partial_main": "CLEAN",
    "nursery_start_wrapper": "found",
    "VALID_nursery_start_wrapper": "CLEAN",
    "ensure_future_launching_coroutine": "found",
    "VALID_ensure_future_launching_coroutine": "CLEAN",
    "mp_get_context_process": "found",
    "VALID_mp_get_context_process": "CLEAN",
    "signal_handler_lambda": "found",
    "VALID_signal_handler_lambda": "CLEAN",
    "loop_subprocess_exec_parameter_receiver": "found",
    "VALID_loop_subprocess_exec_parameter_receiver": "CLEAN",
    "loop_subprocess_shell_kept_on_self": "found",
    "VALID_loop_subprocess_shell_kept_on_self": "CLEAN",
    "os_path_join_environ_bin_dir": "found",
    "VALID_os_path_join_environ_bin_dir": "CLEAN",
    "path_home_joinpath_parts": "found",
    "VALID_path_home_joinpath_parts": "CLEAN",
    "sys_prefix_concat": "found",
    "VALID_sys_prefix_concat": "CLEAN",
    "sys_prefix_os_path_join": "found",
    "VALID_sys_prefix_os_path_join": "CLEAN",
    "sys_executable_dirname_join": "found",
    "VALID_sys_executable_dirname_join": "CLEAN",
    "sys_executable_parent_div": "found",
    "VALID_sys_executable_parent_div": "CLEAN",
    "sysconfig_scripts_concat": "found",
    "VALID_sysconfig_scripts_concat": "CLEAN",
    "path_with_suffix_stripped": "found",
    "VALID_path_with_suffix_stripped": "CLEAN",
    "path_with_stem": "FL200",
    "VALID_path_with_stem": "FL200",
    "which_or_sys_exit_walrus": "found",
    "VALID_which_or_sys_exit_walrus": "CLEAN",
    "percent_tuple_path": "found",
    "VALID_percent_tuple_path": "CLEAN",
    "format_two_fields_shell": "found",
    "VALID_format_two_fields_shell": "CLEAN",
    "match_returns_program": "found",
    "VALID_match_returns_program": "CLEAN",
    "match_class_pattern_guard": "FL200",
    "VALID_match_class_pattern_guard": "FL200",
    "try_except_filenotfound_launch_fallback": "found",
    "VALID_try_except_filenotfound_launch_fallback": "CLEAN",
    "try_except_oserror_program_fallback": "found",
    "VALID_try_except_oserror_program_fallback": "FL200",
    "enum_call_by_value": "FL200",
    "VALID_enum_call_by_value": "FL200",
    "enum_tuple_value_argv": "FL200",
    "VALID_enum_tuple_value_argv": "FL200",
    "enum_property_binary": "FL200",
    "VALID_enum_property_binary": "FL200",
    "strenum_member_in_fstring_shell": "found",
    "VALID_strenum_member_in_fstring_shell": "CLEAN",
    "enum_member_other_module": "found",
    "VALID_enum_member_other_module": "CLEAN",
    "enum_dunder_str_fstring": "found",
    "VALID_enum_dunder_str_fstring": "CLEAN",
    "namedtuple_functional_typing": "FL200",
    "VALID_namedtuple_functional_typing": "FL200",
    "attrs_define_default": "found",
    "VALID_attrs_define_default": "CLEAN",
    "dataclass_astuple_argv": "FL200",
    "VALID_dataclass_astuple_argv": "FL200",
    "os_path_expandvars": "found",
    "VALID_os_path_expandvars": "CLEAN",
    "format_star_star_dict": "found",
    "VALID_format_star_star_dict": "CLEAN",
    "getenv_or_default": "found",
    "VALID_getenv_or_default": "FL200",
    "cached_property_program": "found",
    "VALID_cached_property_program": "CLEAN",
    "str_home_concat": "found",
    "VALID_str_home_concat": "CLEAN",
    "next_which_generator": "found",
    "VALID_next_which_generator": "CLEAN",
    "typeddict_config_program": "found",
    "VALID_typeddict_config_program": "CLEAN",
    "shlex_split_fstring_const": "found",
    "VALID_shlex_split_fstring_const": "CLEAN",
    "os_path_join_star_parts": "FL200",
    "VALID_os_path_join_star_parts": "FL200",
    "popen_kwargs_dict_args": "found",
    "VALID_popen_kwargs_dict_args": "CLEAN",
    "run_kwargs_dict_literal": "found",
    "VALID_run_kwargs_dict_literal": "CLEAN",
    "run_kwargs_dict_built": "found",
    "VALID_run_kwargs_dict_built": "CLEAN",
    "run_args_keyword_other_module": "found",
    "VALID_run_args_keyword_other_module": "CLEAN",
    "run_star_prefix_star_cmd_two_modules": "found",
    "VALID_run_star_prefix_star_cmd_two_modules": "CLEAN",
    "run_concat_two_modules": "found",
    "VALID_run_concat_two_modules": "CLEAN",
    "partial_kw_then_called": "found",
    "VALID_partial_kw_then_called": "CLEAN",
    "os_execvpe_env": "found",
    "VALID_os_execvpe_env": "CLEAN",
    "os_spawnvpe": "found",
    "VALID_os_spawnvpe": "CLEAN",
    "posix_spawnp_kwargs_env": "found",
    "VALID_posix_spawnp_kwargs_env": "CLEAN",
    "popen_executable_keyword_only": "found",
    "VALID_popen_executable_keyword_only": "CLEAN",
    "popen_executable_in_star_kwargs": "found",
    "VALID_popen_executable_in_star_kwargs": "CLEAN",
    "run_kwargs_from_other_module": "found",
    "VALID_run_kwargs_from_other_module": "CLEAN",
    "run_bash_input_other_module": "found",
    "VALID_run_bash_input_other_module": "CLEAN",
    "execvpe_star_tuple": "found",
    "VALID_execvpe_star_tuple": "CLEAN",
    "tuple_concat_program": "found",
    "VALID_tuple_concat_program": "CLEAN",
    "loop_subprocess_exec_parameter_no_asyncio_import": "found",
    "launcher_uv_run": "found",
    "VALID_launcher_uv_run": "CLEAN",
    "launcher_uv_tool_run": "found",
    "VALID_launcher_uv_tool_run": "CLEAN",
    "VALID_launcher_pnpm_dlx_24": "CLEAN",
    "VALID_launcher_yarn_dlx_24": "CLEAN",
    "launcher_npm_exec_package": "found",
    "VALID_launcher_npm_exec_package": "CLEAN",
    "VALID_launcher_npm_x_24": "CLEAN",
    "VALID_launcher_bun_x_24": "CLEAN",
    "launcher_deno_run_npm": "found",
    "VALID_launcher_deno_run_npm": "CLEAN",
    "launcher_node_modules_bin": "found",
    "VALID_launcher_node_modules_bin": "CLEAN",
    "launcher_nohup_setsid": "found",
    "VALID_launcher_nohup_setsid": "CLEAN",
    "launcher_ionice_taskset": "found",
    "VALID_launcher_ionice_taskset": "CLEAN",
    "VALID_launcher_env_S_24": "CLEAN",
    "launcher_busybox_nohup": "found",
    "VALID_launcher_busybox_nohup": "CLEAN",
    "launcher_script_c_long": "found",
    "VALID_launcher_script_c_long": "CLEAN",
    "launcher_stdbuf_nice_chain": "found",
    "VALID_launcher_stdbuf_nice_chain": "CLEAN",
    "launcher_bash_s_stdin": "found",
    "VALID_launcher_bash_s_stdin": "CLEAN",
    "launcher_poetry_run": "found",
    "VALID_launcher_poetry_run": "CLEAN",
    "launcher_conda_run": "found",
    "VALID_launcher_conda_run": "CLEAN",
    "launcher_rlwrap": "found",
    "VALID_launcher_rlwrap": "CLEAN",
    "launcher_gdb_ex_run_args": "found",
    "VALID_launcher_gdb_ex_run_args": "CLEAN",
    "launcher_npx_c_line": "found",
    "VALID_launcher_npx_c_line": "CLEAN",
    "launcher_npm_exec_c_line": "found",
    "VALID_launcher_npm_exec_c_line": "CLEAN",
    "launcher_systemd_run_pipe": "found",
    "VALID_launcher_systemd_run_pipe": "CLEAN",
    "launcher_sudo_E_u_dashdash": "found",
    "VALID_launcher_sudo_E_u_dashdash": "CLEAN",
    "shell_heredoc_bash": "found",
    "VALID_shell_heredoc_bash": "CLEAN",
    "shell_textwrap_dedent_bash_c": "found",
    "VALID_shell_textwrap_dedent_bash_c": "CLEAN",
    "shell_dedent_heredoc_bash": "found",
    "VALID_shell_dedent_heredoc_bash": "CLEAN",
    "shell_sh_s_heredoc": "found",
    "VALID_shell_sh_s_heredoc": "CLEAN",
    "shell_bash_dev_stdin_heredoc": "found",
    "VALID_shell_bash_dev_stdin_heredoc": "CLEAN",
    "shell_source_dev_stdin_herestring": "found",
    "VALID_shell_source_dev_stdin_herestring": "CLEAN",
    "shell_process_subst_source": "FL200",
    "VALID_shell_process_subst_source": "FL200",
    "shell_dot_process_substitution": "FL200",
    "VALID_shell_dot_process_substitution": "FL200",
    "shell_herestring": "found",
    "VALID_shell_herestring": "CLEAN",
    "shell_trap_exit": "found",
    "VALID_shell_trap_exit": "CLEAN",
    "shell_eval_string": "found",
    "VALID_shell_eval_string": "CLEAN",
    "shell_exec_a": "found",
    "VALID_shell_exec_a": "CLEAN",
    "shell_env_assign_prefix": "found",
    "VALID_shell_env_assign_prefix": "CLEAN",
    "shell_uv_run_line": "found",
    "VALID_shell_uv_run_line": "CLEAN",
    "shell_pnpm_dlx_line": "found",
    "VALID_shell_pnpm_dlx_line": "CLEAN",
    "shell_env_S_shebang_like": "found",
    "VALID_shell_env_S_shebang_like": "CLEAN",
    "import_module_constant_prefix": "found",
    "VALID_import_module_constant_prefix": "CLEAN",
    "import_module_format_template": "found",
    "VALID_import_module_format_template": "CLEAN",
    "import_module_percent_template": "found",
    "VALID_import_module_percent_template": "CLEAN",
    "import_module_joined_parts": "found",
    "VALID_import_module_joined_parts": "CLEAN",
    "import_module_name_keyword": "found",
    "VALID_import_module_name_keyword": "CLEAN",
    "import_module_call_over_lines": "found",
    "VALID_import_module_call_over_lines": "CLEAN",
    "import_module_renamed_import": "found",
    "VALID_import_module_renamed_import": "CLEAN",
    "import_module_bound_to_other_name": "found",
    "VALID_import_module_bound_to_other_name": "CLEAN",
    "dunder_import_top_package_chain": "found",
    "VALID_dunder_import_top_package_chain": "CLEAN",
    "import_module_bound_then_read": "found",
    "VALID_import_module_bound_then_read": "CLEAN",
    "import_module_instance_attribute": "FL200",
    "VALID_import_module_instance_attribute": "FL200",
    "import_module_annotated_binding": "FL200",
    "VALID_import_module_annotated_binding": "FL200",
    "import_module_conditional_name": "FL200",
    "VALID_import_module_conditional_name": "FL200",
    "import_module_environment_or_default": "FL200",
    "VALID_import_module_environment_or_default": "FL200",
    "getattr_computed_module_called": "FL200",
    "VALID_getattr_computed_module_called": "FL200",
    "getattr_computed_module_sink_name": "FL200",
    "VALID_getattr_computed_module_sink_name": "FL200",
    "VALID_plugin_loader_setup_hook": "CLEAN",
    "VALID_plugin_loader_project_prefix": "CLEAN",
    "VALID_plugin_loader_library_prefix": "CLEAN",
    "VALID_dunder_import_fromlist_class": "CLEAN",
    "import_string_handed_on": "CLEAN",
    # session 25 (recall25)
    "which_argv_method_param": "found",
    "VALID_which_argv_method_param_git": "CLEAN",
    "which_argv_param_unknown": "FL200",
    "typed_receiver_method_args_ctor_default": "found",
    "VALID_typed_receiver_method_args_ctor_default_git": "CLEAN",
    "typed_receiver_method_args_ctor_required": "FL200",
    # session 25 (trust25)
    "cmd_dataclass_argv_method": "found",
    "VALID_cmd_dataclass_argv_method": "CLEAN",
    "cmd_dataclass_iter_list": "FL200",
    "VALID_cmd_dataclass_iter_list": "FL200",
    "cmd_dataclass_iter_yield_star": "FL200",
    "VALID_cmd_dataclass_iter_yield_star": "FL200",
    "cmd_fspath_called": "FL200",
    "VALID_cmd_fspath_called": "FL200",
    "cmd_fspath_object_in_argv": "FL200",
    "VALID_cmd_fspath_object_in_argv": "FL200",
    "cmd_cached_property_argv": "found",
    "VALID_cmd_cached_property_argv": "CLEAN",
    "cmd_property_argv_class_attr": "FL200",
    "VALID_cmd_property_argv_class_attr": "FL200",
    "cmd_classmethod_factory": "found",
    "VALID_cmd_classmethod_factory": "CLEAN",
    "cmd_post_init_fills_program": "found",
    "VALID_cmd_post_init_fills_program": "CLEAN",
    "cmd_builder_fluent_self": "FL200",
    "VALID_cmd_builder_fluent_self": "FL200",
    "cmd_builder_immutable_new": "found",
    "VALID_cmd_builder_immutable_new": "CLEAN",
    "cmd_namedtuple_fields": "FL200",
    "VALID_cmd_namedtuple_fields": "FL200",
    "cmd_typing_namedtuple_default": "found",
    "VALID_cmd_typing_namedtuple_default": "CLEAN",
    "cmd_enum_value": "found",
    "VALID_cmd_enum_value": "CLEAN",
    "cmd_str_enum_member": "found",
    "VALID_cmd_str_enum_member": "CLEAN",
    "cmd_dunder_str_shell": "FL200",
    "VALID_cmd_dunder_str_shell": "FL200",
    "cmd_dunder_str_fstring": "FL200",
    "VALID_cmd_dunder_str_fstring": "FL200",
    "cmd_dunder_call_argv": "found",
    "VALID_cmd_dunder_call_argv": "CLEAN",
    "cmd_dunder_getitem_argv": "FL200",
    "VALID_cmd_dunder_getitem_argv": "FL200",
    "cmd_astuple": "FL200",
    "VALID_cmd_astuple": "FL200",
    "cmd_asdict_program": "FL200",
    "VALID_cmd_asdict_program": "FL200",
    "cmd_shlex_join_method": "found",
    "VALID_cmd_shlex_join_method": "CLEAN",
    "cmd_staticmethod_default_program": "found",
    "VALID_cmd_staticmethod_default_program": "CLEAN",
    "cmd_subclass_overrides_program": "found",
    "VALID_cmd_subclass_overrides_program": "CLEAN",
    "cmd_methodcaller_argv": "found",
    "VALID_cmd_methodcaller_argv": "CLEAN",
    "cmd_getattr_program": "found",
    "VALID_cmd_getattr_program": "CLEAN",
    "str_replace_program": "found",
    "VALID_str_replace_program": "CLEAN",
    "str_removeprefix_program": "found",
    "VALID_str_removeprefix_program": "CLEAN",
    "str_removesuffix_program": "found",
    "VALID_str_removesuffix_program": "CLEAN",
    "str_strip_program": "found",
    "VALID_str_strip_program": "CLEAN",
    "str_lower_program": "found",
    "VALID_str_lower_program": "CLEAN",
    "str_split_first_word": "found",
    "VALID_str_split_first_word": "CLEAN",
    "str_partition_program_first": "found",
    "VALID_str_partition_program_first": "CLEAN",
    "str_format_method_program": "found",
    "VALID_str_format_method_program": "CLEAN",
    "str_percent_program": "found",
    "VALID_str_percent_program": "CLEAN",
    "environ_get_nested_default": "found",
    "VALID_environ_get_nested_default": "FL200",
    "environ_getenv_or_default": "found",
    "VALID_environ_getenv_or_default": "FL200",
    "environ_setdefault_then_read_argv": "FL200",
    "VALID_environ_setdefault_then_read_argv": "FL200",
    "typing_cast_program": "found",
    "VALID_typing_cast_program": "CLEAN",
    "typing_cast_argv_string_type": "found",
    "VALID_typing_cast_argv_string_type": "CLEAN",
    "match_sys_platform_program": "found",
    "VALID_match_sys_platform_program": "CLEAN",
    "match_mapping_pattern_program": "FL200",
    "VALID_match_mapping_pattern_program": "FL200",
    "sarge_run_line": "found",
    "VALID_sarge_run_line": "CLEAN",
    "sarge_capture_stdout_list": "found",
    "VALID_sarge_capture_stdout_list": "CLEAN",
    "sarge_command_run": "found",
    "VALID_sarge_command_run": "CLEAN",
    "delegator_run_line": "found",
    "VALID_delegator_run_line": "CLEAN",
    "delegator_chain_pipe": "found",
    "VALID_delegator_chain_pipe": "CLEAN",
    "sh_command_bake_call": "found",
    "VALID_sh_command_bake_call": "CLEAN",
    "plumbum_local_item_bound": "found",
    "VALID_plumbum_local_item_bound": "CLEAN",
    "anyio_open_process_async_with": "found",
    "VALID_anyio_open_process_async_with": "CLEAN",
    "loop_subprocess_shell_param_no_import": "found",
    "VALID_loop_subprocess_shell_param_no_import": "CLEAN",
    "loop_subprocess_exec_self_attr_no_import": "found",
    "VALID_loop_subprocess_exec_self_attr_no_import": "CLEAN",
    "pexpect_spawn_command_object": "found",
    "VALID_pexpect_spawn_command_object": "CLEAN",
    "invoke_context_run_method_line": "found",
    "VALID_invoke_context_run_method_line": "CLEAN",
    "which_property_program": "found",
    "VALID_which_property_program": "CLEAN",
    "cmd_attrs_post_init_fills_program": "found",
    "VALID_cmd_attrs_post_init_fills_program": "CLEAN",
    "cmd_dataclass_method_sets_field": "found",
    "VALID_cmd_dataclass_method_sets_field": "CLEAN",
    "sarge_pipeline_line": "found",
    "VALID_sarge_pipeline_line": "CLEAN",
    "delegator_command_object": "found",
    "VALID_delegator_command_object": "CLEAN",
    "sarge_get_stdout_alias": "found",
    "VALID_sarge_get_stdout_alias": "CLEAN",
    "cmd_frozen_dataclass_object_setattr": "found",
    "VALID_cmd_frozen_dataclass_object_setattr": "CLEAN",
    "cmd_post_init_setattr": "FL200",
    "VALID_cmd_post_init_setattr": "FL200",
    "cmd_init_subclass_keyword": "FL200",
    "VALID_cmd_init_subclass_keyword": "FL200",
    "cmd_module_instance_argv": "found",
    "VALID_cmd_module_instance_argv": "CLEAN",
    "cmd_pydantic_field_default": "found",
    "VALID_cmd_pydantic_field_default": "CLEAN",
    "cmd_pydantic_default_factory": "found",
    "VALID_cmd_pydantic_default_factory": "CLEAN",
    "cmd_partial_class_keyword": "found",
    "VALID_cmd_partial_class_keyword": "CLEAN",
    "cmd_property_setter_private": "FL200",
    "VALID_cmd_property_setter_private": "FL200",
    "cmd_slots_init": "found",
    "VALID_cmd_slots_init": "CLEAN",
    "cmd_enter_returns_argv": "found",
    "VALID_cmd_enter_returns_argv": "CLEAN",
    "cmd_match_class_pattern": "FL200",
    "VALID_cmd_match_class_pattern": "FL200",
    "cmd_classmethod_from_env": "found",
    "VALID_cmd_classmethod_from_env": "FL200",
    "os_name_choice_program": "found",
    "VALID_os_name_choice_program": "CLEAN",
    "platform_system_choice_program": "found",
    "VALID_platform_system_choice_program": "CLEAN",
    "lru_cache_program_function": "found",
    "VALID_lru_cache_program_function": "CLEAN",
    "cache_method_program": "found",
    "VALID_cache_method_program": "CLEAN",
    "sh_command_which_path": "found",
    "VALID_sh_command_which_path": "CLEAN",
    "pexpect_fstring_class_attr": "found",
    "VALID_pexpect_fstring_class_attr": "CLEAN",
    "join_method_argv_os_system": "FL200",
    "VALID_join_method_argv_os_system": "FL200",
    "cmd_getattr_computed_attr": "FL200",
    "VALID_cmd_getattr_computed_attr": "FL200",
    # (A literal key's `self.__dict__["program"] = x` is an attribute store since session 29.)
    "cmd_dict_dunder_store": "found",
    "VALID_cmd_dict_dunder_store": "CLEAN",
    "cmd_new_returns_argv": "FL200",
    "VALID_cmd_new_returns_argv": "FL200",
    "cmd_list_subclass_init": "FL200",
    "VALID_cmd_list_subclass_init": "FL200",
    "anyio_run_process_method_argv": "found",
    "VALID_anyio_run_process_method_argv": "CLEAN",
    "trio_run_process_property": "found",
    "VALID_trio_run_process_property": "CLEAN",
    "module_getattr_from_import": "found",
    "VALID_module_getattr_from_import": "CLEAN",
    "module_getattr_checks_name": "found",
    "VALID_module_getattr_checks_name": "CLEAN",
    "decorator_returns_launcher_other_module": "found",
    "VALID_decorator_returns_launcher_other_module": "CLEAN",
    "decorator_dotted_returns_launcher": "found",
    "VALID_decorator_dotted_returns_launcher": "CLEAN",
    "decorator_returns_function_or_launcher": "found",
    "VALID_decorator_returns_function_or_launcher": "CLEAN",
    "callback_registered_other_module": "found",
    "VALID_callback_registered_other_module": "CLEAN",
    "module_getattr_relative_import": "found",
    "VALID_module_getattr_relative_import": "CLEAN",
    # session 25 (lead): overrides
    "override_method_on_self": "found",
    "VALID_override_method_on_self": "CLEAN",
    "override_property_on_self_which": "found",
    "VALID_override_property_on_self_which": "CLEAN",
    "override_property_by_class_attribute": "found",
    "VALID_override_property_by_class_attribute": "CLEAN",
    "override_abstract_property_other_module": "found",
    "VALID_override_abstract_property_other_module": "CLEAN",
    "override_method_grandchild_with_argument": "found",
    "VALID_override_method_grandchild_with_argument": "CLEAN",
    "override_past_bound": "FL200",
    "subclass_init_launches_base_kept_argument": "found",
    "VALID_subclass_init_launches_base_kept_argument": "CLEAN",
    "subclass_init_launches_base_kept_kwargs_two_levels": "found",
    "VALID_subclass_init_launches_base_kept_kwargs_two_levels": "CLEAN",
    # session 26 (trust26)
    **{n: "found" for n in HUNT26},
    **{f"VALID_{n}": "CLEAN" for n in HUNT26},
    **{n: "CLEAN" if n in HUNT26_GAPS else "FL200" for n in HUNT26_FL200},
    **{f"VALID_{n}": "CLEAN" if n in HUNT26_GAPS else "FL200" for n in HUNT26_FL200},
    **{n: "CLEAN" for n in HUNT26_OPEN},
    **{f"VALID_{n}": "CLEAN" for n in HUNT26_OPEN},
    # session 27 (trust27): closed of those, by the case's verdict and its VALID neighbour's
    **{n: bad for n, (bad, _) in HUNT26_CLOSED.items()},
    **{f"VALID_{n}": good for n, (_, good) in HUNT26_CLOSED.items()},
    **{n: "found" for n in TRUST27_FOUND},
    **{f"VALID_{n}": "CLEAN" for n in TRUST27_FOUND},
    **{n: "FL200" for n in TRUST27_FL200},
    **{f"VALID_{n}": "FL200" for n in TRUST27_FL200},
    "VALID_launcher_perl_e_prints": "CLEAN",
    **{n: "CLEAN" for n in TRUST27_OPEN},
    **{f"VALID_{n}": "CLEAN" for n in TRUST27_OPEN},
    # session 28 (trust28): closed of those (a list taken from, moved or set by item where it
    # is not evaluated: its first word not known, `Hierarchy.moves`)
    **{n: "FL200" for n in TRUST28_MOVED},
    **{f"VALID_{n}": "FL200" for n in TRUST28_MOVED},
    "VALID_module_dict_popped_in_function": "CLEAN",
    **{n: "FL200" for n in TRUST28_FL200},
    "module_list_popped_from_other_module": "FL200",
    "VALID_module_list_popped_from_other_module": "FL200",
    "module_list_imported_and_popped": "FL200",
    "VALID_module_list_imported_and_popped": "FL200",
    **{f"VALID_{n}": "FL200" for n in TRUST28_FL200},
    **{n: "found" for n in TRUST28_FOUND},
    **{n: "CLEAN" for n in TRUST28_LOOP_OPEN},
    **{f"VALID_{n}": "CLEAN" for n in TRUST28_LOOP_OPEN},
    **{n: "CLEAN" for n in TRUST28_OPEN},
    **{f"VALID_{n}": "CLEAN" for n in TRUST28_OPEN},
    **{f"VALID_{n}": "CLEAN" for n in TRUST28_FOUND},
    # (closed of TRUST27_OPEN: a callee's callee, `operator.setitem`)
    "list_item_set_in_callee_of_callee": "FL200",
    "VALID_list_item_set_in_callee_of_callee": "FL200",
    "list_item_set_by_operator_setitem": "found",
    "VALID_list_item_set_by_operator_setitem": "CLEAN",
    "VALID_other_class_list_popped": "CLEAN",
    "VALID_local_list_of_module_name_popped": "CLEAN",
    "recall26_wt_new_tab_wsl": "found",
    "VALID_recall26_wt_new_tab_wsl": "CLEAN",
    "recall26_wt_default_tab_then_pane": "found",
    "VALID_recall26_wt_default_tab_then_pane": "CLEAN",
    "VALID_recall26_wt_focus_tab": "CLEAN",
    # FL200, not found: recall26's deferral of an abstract method's call made it found, but cost
    # meson +45 % CPU even kept to abstract methods (session 26, lead); heru's site stays a
    # finding for claude, codex / gemini not named.
    "recall26_abstract_own_call_before_launch": "FL200",
    "VALID_recall26_abstract_own_call_before_launch": "FL200",
    "recall26_abstract_own_call_before_launch_unknown": "FL200",
    # The helper's own `config` left unknown: a user's template may be any program.
    "recall27_callee_param_left_in_value": "found",
    "VALID_recall27_callee_param_left_in_value": "FL200",
    "recall27_callee_param_left_in_value_loop": "found",
    "VALID_recall27_callee_param_left_in_value_loop": "FL200",
    "callable_param_closure_retried": "found",
    "VALID_callable_param_closure_retried": "CLEAN",
    "callable_param_closure_retried_async": "found",
    "VALID_callable_param_closure_retried_async": "CLEAN",
    "callable_param_closure_value": "found",
    "VALID_callable_param_closure_value": "CLEAN",
    "callable_param_called_with_args": "found",
    "VALID_callable_param_called_with_args": "CLEAN",
    "callable_param_handed_on": "found",
    "VALID_callable_param_handed_on": "CLEAN",
    "callable_param_default_passed": "found",
    "VALID_callable_param_default_passed": "CLEAN",
    "callable_param_method": "found",
    "VALID_callable_param_method": "CLEAN",
    "callable_param_partial": "found",
    "VALID_callable_param_partial": "CLEAN",
    "callable_param_function": "found",
    "VALID_callable_param_function": "CLEAN",
    "callable_param_kept_class_default": "found",
    "VALID_callable_param_kept_class_default": "CLEAN",
    "loop_over_field_tuple_unpacked": "found",
    "VALID_loop_over_field_tuple_unpacked": "CLEAN",
    "loop_over_parameter_tuple_unpacked": "found",
    "VALID_loop_over_parameter_tuple_unpacked": "CLEAN",
    "override_within_override_other_module": "found",
    "VALID_override_within_override_other_module": "CLEAN",
    # session 27 (dense27)
    "override_inner_dispatch_on_annotated_parameter": "found",
    # (what `peer` holds is not known where nothing calls `run`: unresolved, not clean)
    "VALID_override_inner_dispatch_on_annotated_parameter": "FL200",
    "comprehension_over_parameter_items_method": "found",
    "VALID_comprehension_over_parameter_items_method": "CLEAN",
    "comprehension_over_split_parameter": "found",
    "VALID_comprehension_over_split_parameter": "CLEAN",
    "comprehension_over_parameter_items_uncalled": "FL200",
    "VALID_comprehension_over_parameter_items_keeps_order": "CLEAN",
    "parameter_mapping_subscript_program": "found",
    "VALID_parameter_mapping_subscript_program": "CLEAN",
    "parameter_mapping_subscript_argv_unpacked_async": "found",
    "VALID_parameter_mapping_subscript_argv_unpacked_async": "CLEAN",
    "parameter_mapping_subscript_key_missing": "FL200",
    "instance_attr_set_after_constructor_param": "found",
    "VALID_instance_attr_set_after_constructor_param": "CLEAN",
    "instance_attr_set_after_constructor_attr_module": "found",
    "VALID_instance_attr_set_after_constructor_attr_module": "CLEAN",
    # session 28 (recall28): a SimpleNamespace's keywords are its attributes (were FL200)
    "simple_namespace": "found",
    "simplenamespace_attr": "found",
    "VALID_simplenamespace_attr": "CLEAN",
    "simplenamespace_attr_24": "found",
    "VALID_simplenamespace_attr_24": "CLEAN",
    "recall28_namespace_attr_stored_by_callee": "found",
    "VALID_recall28_namespace_attr_stored_by_callee": "CLEAN",
    "recall28_namespace_keywords_from_caller": "found",
    "VALID_recall28_namespace_keywords_from_caller": "CLEAN",
    "recall28_namespace_attr_not_set": "FL200",
    "postponed_caller_calls_chained_wrapper": "found",
    "VALID_postponed_caller_calls_chained_wrapper": "CLEAN",
    "postponed_caller_returns_launcher": "found",
    "VALID_postponed_caller_returns_launcher": "CLEAN",
    "postponed_caller_called_by_module_code": "found",
    "VALID_postponed_caller_called_by_module_code": "CLEAN",
    "attr_store_text_in_continued_call_arguments": "found",
    "VALID_attr_store_text_in_continued_call_arguments": "CLEAN",
    "attr_store_tuple_target_opened_before": "found",
    "VALID_attr_store_tuple_target_opened_before": "CLEAN",
    # session 29 (recall29): a wrapper handed as a callback
    "recall29_callback_wrapper_filled_by_callee": "found",
    "VALID_recall29_callback_wrapper_filled_by_callee": "CLEAN",
    "recall29_callback_wrapper_handed_on": "found",
    "VALID_recall29_callback_wrapper_handed_on": "CLEAN",
    "recall29_callback_wrapper_other_module": "found",
    "VALID_recall29_callback_wrapper_other_module": "CLEAN",
    # session 29 (gaps29)
    **{n: "found" for n in GAPS29_RECEIVERS},
    **{f"VALID_{n}": "CLEAN" for n in GAPS29_RECEIVERS},
    **{n: "found" for n in GAPS29_RECEIVERS_KEPT},
    **{f"VALID_{n}": "CLEAN" for n in GAPS29_RECEIVERS_KEPT},
    **{n: "found" for n in GAPS29_STORES},
    **{f"VALID_{n}": "CLEAN" for n in GAPS29_STORES},
    **{n: "found" for n in GAPS29_WITH},
    **{f"VALID_{n}": "CLEAN" for n in GAPS29_WITH},
    "VALID_with_project_exit_returns_none_whole_body": "CLEAN",
    "VALID_list_on_self_handed_to_appending_function": "CLEAN",
    "launcher_open_a_with_args": "found",
    "ctypes_function_by_subscript_name_not_known": "CLEAN",
    "VALID_ctypes_function_by_subscript_name_not_known": "CLEAN",
    "webbrowser_generic_browser_program_name": "found",
    "VALID_webbrowser_generic_browser_program_name": "CLEAN",
    "VALID_launcher_open_a_with_args": "CLEAN",
    **{n: "found" for n in GAPS29_CLOSED},
    **{f"VALID_{n}": "CLEAN" for n in GAPS29_CLOSED},
    **{n: "FL200" for n in GAPS29_CLOSED_OPEN},
    **{f"VALID_{n}": "FL200" for n in GAPS29_CLOSED_OPEN},
    **{n: "FL200" for n in GAPS29_MOVED},
    **{f"VALID_{n}": "FL200" for n in GAPS29_MOVED},
    **{n: "found" for n in GAPS29_LOCAL},
    **{f"VALID_{n}": "CLEAN" for n in GAPS29_LOCAL},
}

# The CLEAN cases that can start a forbidden program: open fail-opens and what is out of scope.

# (trust28 closed these with a loop body's second pass where the first changed a name it reads
# before binding it, `break`/`continue` states joining the loop's exits, and a `try` body's
# state after each statement for its handlers and `finally`: dropped, meson's run cost +58 %
# user CPU, and narrowed (no second pass for numbers, accumulators, nested loops) still >+21 %.)
_ONE_PASS = (
    "open: a loop body runs once, with the names as the loop starts (a later pass's reads of "
    "what an earlier one left, the names at a `break`/`continue`, are not seen); a `try` "
    "handler or `finally` starts from the names as the whole body leaves them"
)
GAPS: dict[str, str] = {
    **dict.fromkeys(TRUST28_LOOP_OPEN, _ONE_PASS),
    "launcher_python_m": "out of scope: python -m codex (no such module)",
    "launcher_docker_run": "out of scope: runs in a container (as ssh runs elsewhere)",
    "launcher_codex_upper": "out of scope: exact names only (CODEX on a case-insensitive file system)",
    "webbrowser": "not a launch (placeholder)",
    "launcher_set_on_local_rebound": "not a launch: the object bound again has no runner set",
    "fabric_connection_run_remote": "out of scope: runs on the remote host (as ssh host claude)",
    "sys_executable_m_forbidden_pkg": "out of scope: python -m codex (no such module), as launcher_python_m",
    "launcher_git_c_alias_shell": (
        "open: a git alias given by `-c alias.NAME=!LINE` runs LINE in a shell; git is not a "
        "launcher"
    ),
    "launcher_make_shell_variable": (
        "open: `make SHELL=PROG` runs each recipe line with PROG; make is not a launcher"
    ),
    "ctypes_function_by_subscript_name_not_known": (
        "open: a C function read by a subscript not known (`CDLL(None)[name]`) is any of the "
        "library's sinks where the statement is interpreted (`stdlib._c_function`), but the "
        "byte gate selects a subscript by a sink method's literal name only"
    ),
    "import_string_handed_on": (
        "open: a module imported by a parameter's name (`import_module(module)` in the helper) "
        "is read when the helper is summarised, as any module (`ChosenRef`), not again with each "
        'call\'s arguments: `import_string("subprocess.run")(argv)` reaches no sink, even '
        'with the caller in the helper\'s file (`imp("subprocess", "run")(argv)` too); '
        "the caller names neither the import nor a launch API either"
    ),
}

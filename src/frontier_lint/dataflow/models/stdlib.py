"""What the standard library does to values: models of the functions that build program names
and command lines (`os.getenv`, `os.path.join`, `shlex.split`, `shutil.which`, `pathlib.Path`,
...), the environment, and the library objects whose value is known (`sys.executable`,
`sys.argv`, `os.environ`).

Each value model takes the frame (unused by most), the positional and keyword argument values,
and returns the call's value. Adding a model to `MODELS` is how the resolver learns a new library
call.
"""

from __future__ import annotations

import posixpath
import textwrap
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from frontier_lint.dataflow.lazy import join, split_words
from frontier_lint.dataflow.models.builtins import ValueModel, replaced
from frontier_lint.dataflow.refs import (
    ANY_MODULE,
    ChosenRef,
    ExternalRef,
    ModuleRef,
    chosen_under,
)
from frontier_lint.dataflow.values import (
    HOLE,
    Const,
    DictV,
    Splat,
    Str,
    Value,
    alt,
    as_text,
    concat,
    map_text,
    options,
    seq,
    string,
    unknown,
)
from frontier_lint.findings import Hop

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame
    from frontier_lint.settings.config import Config


def env_name(key: Value) -> str:
    return key.text if isinstance(key, Str) and HOLE not in key.text else "(computed name)"


def env_value(declared: Mapping[str, Value], key: Value) -> Value:
    """What environment variable `key` holds: the values the configuration declares for it
    (`env: {GIT_BIN: [git]}`), else unknown (the reason names the variable)."""
    name = env_name(key)
    found = declared.get(name)
    return found if found is not None else unknown(f"environment variable {name}")


def declared_env(config: Config) -> dict[str, Value]:
    """The configuration's `env` declarations as values, each value's trace starting at the
    declaration (so a finding shows where `codex` was declared)."""
    if not config.env or config.path is None:
        return {}
    try:
        where = config.path.relative_to(config.root).as_posix()
    except ValueError:
        where = config.path.as_posix()
    out: dict[str, Value] = {}
    for name, values in config.env:
        line = config.locations.get(f"env.{name}", 1)
        listed = ", ".join(values)
        hop = Hop(where, line, 1, f"{name} declared in the configuration as one of: {listed}")
        out[name] = alt([string(v, hop) for v in values])
    return out


# --- models of library functions --------------------------------------------------------------


def _getenv(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    default = pos[1] if len(pos) > 1 else kws.get("default")
    env = env_value(f.analyzer.declared_env, pos[0]) if pos else unknown("environment variable")
    if default is None:
        return env
    return alt([env, default])


def _identity(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    return pos[0] if pos else unknown("no argument")


def _dataclass_replace(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    """`dataclasses.replace(obj, field=v)`: as pydantic's `obj.model_copy(update={...})`."""
    if not pos:
        return unknown("dataclasses.replace() of no instance")
    return replaced(pos[0], kws, "dataclasses.replace()")


def _path_join(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    parts: list[Value] = []
    for i, p in enumerate(pos):
        if isinstance(p, Splat):
            return as_text(unknown("path parts passed with *"))
        if i:
            parts.append(string("/"))
        parts.append(p)
    return concat(parts) if parts else string("")


def _basename(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    return map_text(pos[0], posixpath.basename) if pos else unknown("no argument")


def _dedent(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    # A script for `bash -c` or `shell=True` written indented (a here-document's end word must
    # start its line).
    return map_text(pos[0], textwrap.dedent) if pos else unknown("no argument")


def _dirname(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    return map_text(pos[0], posixpath.dirname) if pos else unknown("no argument")


def _path_split(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    if not pos:
        return unknown("no argument")
    return seq([map_text(pos[0], posixpath.dirname), map_text(pos[0], posixpath.basename)])


def shlex_split(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    if not pos:
        return unknown("no argument")
    return split_words(pos[0], "shlex")


def _shlex_join(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    return join(string(" "), pos[0]) if pos else unknown("no argument")


def _which(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    # The probe's answer is a path to the program it looked for (or None).
    found = pos[0] if pos else kws.get("cmd")
    if found is None:
        return unknown("shutil.which without a name")
    return alt([found, Const(trace=(), value=None)])


def _is_none(v: Value) -> bool:
    return isinstance(v, Const) and v.value is None


def _path(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    if not pos:
        return string(".")
    # `Path(None)` raises TypeError: nothing runs with it. An alternative that is None (what
    # `shutil.which` gives when the program is not found) gives None, which starts nothing,
    # rather than a path that is "not a string" (`str(Path(shutil.which("pipx")).absolute())`).
    if any(not isinstance(p, Splat) and all(map(_is_none, options(p))) for p in pos):
        return Const(trace=(), value=None)
    if any(not isinstance(p, Splat) and any(map(_is_none, options(p))) for p in pos):
        parts = [
            p if isinstance(p, Splat) else alt([o for o in options(p) if not _is_none(o)])
            for p in pos
        ]
        return alt([_path_join(f, parts, kws), Const(trace=(), value=None)])
    return _path_join(f, pos, kws)


def _event_loop(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    """asyncio's event loop: its `subprocess_exec` / `subprocess_shell` are sinks
    (`asyncio.AbstractEventLoop.*` in the rule pack)."""
    return ExternalRef(trace=(), name="asyncio.AbstractEventLoop")


def _as_class(cls: str) -> ValueModel:
    """A library call giving an instance of `cls`, whose catalogued methods are sinks
    (`multiprocessing.get_context()`'s `set_executable`, `ctypes.cdll.LoadLibrary(...)`'s
    `system`): the instance, read as its class."""
    return lambda f, pos, kws: ExternalRef(trace=(), name=cls)


def set_environ(f: Frame, key: Value, value: Value | None, *, force: bool = True) -> None:
    """Variable `key` of the process's environment set to `value` (None: removed), for the
    launches after it in this body (`sinks._stdin`): its text kept where known; a value not
    known forgets the variable, a key not known every variable. (`force`: a value computed
    later is computed here; else it is not known.)"""
    keys = options(key)
    if len(keys) != 1 or not isinstance(keys[0], Str) or HOLE in keys[0].text:
        f.environ_set.clear()
        return
    name = keys[0].text
    if value is not None and force:
        value = f.force(value)
    got = options(value) if value is not None else []
    text = got[0].text if len(got) == 1 and isinstance(got[0], Str) else None
    if text is None or HOLE in text:
        f.environ_set.pop(name, None)
    else:
        f.environ_set[name] = text


def _environ_update(f: Frame, node: object, pos: list[Value], kws: dict[str, Value]) -> None:
    """`os.environ.update({"TOOL": "codex"}, X="y")`: each entry set."""
    # (Nothing computed later is computed here: `os.environ.update(project.env)` forcing the
    # project's attributes changed what other launches were judged with.)
    for given in pos[:1]:
        found = options(given)
        if len(found) != 1 or not isinstance(found[0], DictV):
            f.environ_set.clear()  # (a mapping not known may set any variable)
            continue
        for k, v in found[0].entries:
            set_environ(f, k, v, force=False)
    for name, v in kws.items():
        set_environ(f, string(name), v, force=False)


def _environ_set(f: Frame, node: object, pos: list[Value], kws: dict[str, Value]) -> None:
    """`os.putenv(K, V)`, `os.environ.setdefault(K, V)` (which may set it)."""
    if len(pos) >= 2 and not any(isinstance(p, Splat) for p in pos[:2]):
        set_environ(f, pos[0], pos[1], force=False)
    else:
        f.environ_set.clear()


def _environ_unset(f: Frame, node: object, pos: list[Value], kws: dict[str, Value]) -> None:
    """`os.unsetenv(K)`, `os.environ.pop(K)`, `os.environ.clear()`."""
    if len(pos) >= 1 and not isinstance(pos[0], Splat):
        set_environ(f, pos[0], None)
    else:
        f.environ_set.clear()


# Calls that change the process's environment (`set_environ`): models of the frame, giving no
# value (the call's value, where one has it, is `MODELS`').
ENVIRON_CHANGES: dict[str, Callable[[Frame, object, list[Value], dict[str, Value]], None]] = {
    "os.environ.update": _environ_update,
    "os.environ.setdefault": _environ_set,
    "os.putenv": _environ_set,
    "os.unsetenv": _environ_unset,
    "os.environ.pop": _environ_unset,
    "os.environ.clear": _environ_unset,
}


MODELS: dict[str, ValueModel] = {
    "asyncio.get_running_loop": _event_loop,
    "asyncio.get_event_loop": _event_loop,
    "asyncio.new_event_loop": _event_loop,
    "multiprocessing.get_context": _as_class("multiprocessing.context.BaseContext"),
    "multiprocessing.context.BaseContext.get_context": _as_class(
        "multiprocessing.context.BaseContext"
    ),
    "ctypes.cdll.LoadLibrary": _as_class("ctypes.CDLL"),
    "ctypes.PyDLL": _as_class("ctypes.CDLL"),
    "os.getenv": _getenv,
    "os.environ.get": _getenv,
    "os.environ.setdefault": _getenv,
    "os.getenvb": _getenv,
    "os.path.join": _path_join,
    "posixpath.join": _path_join,
    "ntpath.join": _path_join,
    "os.path.expanduser": _identity,
    "os.path.expandvars": _identity,
    "os.path.abspath": _identity,
    "os.path.realpath": _identity,
    "os.path.normpath": _identity,
    "os.fspath": _identity,
    "os.fsencode": _identity,
    "os.fsdecode": _identity,
    "os.path.basename": _basename,
    "os.path.dirname": _dirname,
    "textwrap.dedent": _dedent,
    "os.path.split": _path_split,
    "shlex.split": shlex_split,
    "shlex.join": _shlex_join,
    "shlex.quote": _identity,
    "pipes.quote": _identity,
    "shutil.which": _which,
    "pathlib.Path": _path,
    "pathlib.PurePath": _path,
    "pathlib.PosixPath": _path,
    "pathlib.Path.home": lambda i, p, k: string("~"),
    # Held as its template string: `.substitute()` fills it in (`models.builtins.bound_call`).
    "string.Template": _identity,
    "dataclasses.replace": _dataclass_replace,
    "copy.copy": _identity,  # a copy holds what the original does
    "copy.deepcopy": _identity,
    "typing.cast": lambda i, p, k: p[1] if len(p) > 1 else unknown("cast"),
}

# Attributes of library modules whose value is known well enough to name a program.
EXTERNAL_VALUES = {"sys.executable": "python", "sys._base_executable": "python"}
# Calls that keep a string as it is: a comprehension of them keeps its iterable's items
# (`" ".join(shlex.quote(a) for a in argv)`: a shell reads the argv's words back from the line).
TEXT_KEEPING_CALLS = frozenset(("str", "os.fspath", "fspath", "shlex.quote", "pipes.quote"))
# Classes whose `/` joins paths (`Path(home) / "bin" / "codex"`).
PATH_CLASSES = frozenset(("pathlib.Path", "pathlib.PurePath"))


def external_attribute(name: str, attr: str) -> Value:
    """`module.attr` of a library module or object (dotted `name`)."""
    full = f"{name}.{attr}"
    if full in EXTERNAL_VALUES:
        return string(EXTERNAL_VALUES[full])
    if full == "sys.argv":
        # Any number of words, none known: indexes and slices stay explained.
        why = unknown("argv comes from sys.argv")
        return seq([Splat(trace=(), inner=why)])
    return ExternalRef(trace=(), name=full)


def external_item(f: Frame, name: str, key: Value) -> Value | None:
    """`name[key]` of a library object whose items are known (`os.environ["CODEX_BIN"]`),
    None for another one."""
    if name in ("os.environ", "os.environb"):
        return env_value(f.analyzer.declared_env, key)
    if name == "sys.argv":
        return unknown("argv comes from sys.argv")
    if name == "sys.modules":
        return _loaded_module(f, key)
    if name.startswith("ctypes.") and name in f.analyzer.library_classes:
        return _c_function(f, name, key)
    return None


def _c_function(f: Frame, name: str, key: Value) -> Value:
    """`CDLL(None)["system"]`: a C function read by name, as its attribute (ctypes' library
    classes' `__getitem__`); by a name not known, any of the library's sinks (a call of it
    unresolved, `ChosenRef`)."""
    found: list[Value] = []
    lib = ExternalRef(trace=(), name=name)
    for k in options(f.force(key)):
        if isinstance(k, Str) and HOLE not in k.text:
            found.append(f.attr_of(lib, k.text, None))
        else:
            why = f"a function of {name} by a name not known"
            found.append(chosen_under([name], f.analyzer.launchers, why) or unknown(why))
    return alt(found)


def _loaded_module(f: Frame, key: Value) -> Value:
    """`sys.modules[key]`: the module a known name imports (`sys.modules["subprocess"]`; by
    `__name__`, this module); by a key not known, any module (`ChosenRef`: a call of what it
    may be is unresolved, not clean)."""
    found: list[Value] = []
    for k in options(f.force(key)):
        if isinstance(k, Str) and HOLE not in k.text:
            found.append(f.module_ref(k.text))
        elif isinstance(k, ExternalRef) and k.name == "builtins.__name__":
            found.append(ModuleRef(trace=(), path=f.func.path))
        else:
            why = "a module read out of sys.modules by a key not known"
            found.append(ChosenRef(trace=(), names=(ANY_MODULE,), why=why))
    return alt(found)

"""What the standard library does to values: models of the functions and methods that build
program names and command lines (`os.getenv`, `os.path.join`, `shlex.split`, `str.join`,
`str.format`, `dict.get`, ...), and the names that are known without looking them up.

Each model takes the interpreter (unused by most), the positional and keyword argument values,
and returns the call's value. Adding a model here is how the resolver learns a new library call.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from frontier_lint.dataflow.lazy import split_words
from frontier_lint.dataflow.values import (
    HOLE,
    Concat,
    Const,
    DictV,
    Param,
    Ref,
    Seq,
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
    from frontier_lint.settings.config import Config

Interpreter = Any  # the resolver's interpreter (models only pass it along)

STR_METHODS = {
    "strip": str.strip,
    "lstrip": str.lstrip,
    "rstrip": str.rstrip,
    "lower": str.lower,
    "upper": str.upper,
    "casefold": str.casefold,
    "expandtabs": str.expandtabs,
}

PATH_IDENTITY = {"absolute", "resolve", "expanduser", "as_posix", "__fspath__", "__str__"}


def dict_get(d: Value, key: Value) -> Value:
    out: list[Value] = []
    for o in options(d):
        if not isinstance(o, DictV):
            out.append(unknown("item of an unknown mapping"))
            continue
        keys = [k for k in options(key)]
        if all(isinstance(k, Str) and HOLE not in k.text for k in keys):
            wanted = {k.text for k in keys if isinstance(k, Str)}
            hit = [v for k, v in o.entries if isinstance(k, Str) and k.text in wanted]
            if hit:
                out.extend(v.with_trace(o.trace) for v in hit)
                continue
            if all(isinstance(k, Str) for k, _ in o.entries):
                out.append(unknown(f"key {sorted(wanted)[0]!r} not in the mapping"))
                continue
        # Unknown key: every value is an alternative.
        out.extend(v.with_trace(o.trace) for _, v in o.entries)
        if not o.entries:
            out.append(unknown("item of an empty mapping"))
    return alt(out)


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


def join(sep: Value, items: Value) -> Value:
    out: list[Value] = []
    for s in options(sep):
        for o in options(items):
            if isinstance(o, Seq) and isinstance(s, Str):
                parts: list[Value] = []
                for i, item in enumerate(o.items):
                    if i:
                        parts.append(s)
                    if isinstance(item, Splat):
                        parts.append(as_text(unknown("joined items are not known")))
                    else:
                        parts.append(item)
                out.append(concat(parts))
            else:
                out.append(as_text(unknown("joined items are not known")))
    return alt(out)


def format_template(template: Value, pos: list[Value], kws: dict[str, Value]) -> Value:
    import string as _string

    out: list[Value] = []
    for t in options(template):
        if not isinstance(t, Str) or HOLE in t.text:
            out.append(as_text(t))
            continue
        parts: list[Value] = []
        auto = 0
        try:
            parsed = list(_string.Formatter().parse(t.text))
        except ValueError:
            out.append(as_text(unknown("bad format string")))
            continue
        for literal, field_name, _spec, _conv in parsed:
            parts.append(string(literal))
            if field_name is None:
                continue
            base = re.split(r"[.\[]", field_name, maxsplit=1)[0]
            if base == "":
                v = pos[auto] if auto < len(pos) else unknown("format argument")
                auto += 1
            elif base.isdigit():
                v = pos[int(base)] if int(base) < len(pos) else unknown("format argument")
            else:
                v = kws.get(base, unknown(f"format argument {base}"))
            if base != field_name:
                v = unknown("formatted attribute")
            parts.append(v)
        out.append(concat(parts, t.trace))
    return alt(out)


def apply_str(recv: Value, meth: str, pos: list[Value]) -> Value:
    args = []
    for p in pos:
        if isinstance(p, Str) and HOLE not in p.text:
            args.append(p.text)
        else:
            return as_text(unknown(f"result of str.{meth}()"))
    return map_text(recv, lambda s: getattr(s, meth)(*args))


# --- models of library functions --------------------------------------------------------------


def _getenv(interp: Interpreter, pos: list[Value], kws: dict[str, Value]) -> Value:
    default = pos[1] if len(pos) > 1 else kws.get("default")
    env = env_value(interp.a.declared_env, pos[0]) if pos else unknown("environment variable")
    if default is None:
        return env
    return alt([env, default])


def _identity(interp: Interpreter, pos: list[Value], kws: dict[str, Value]) -> Value:
    return pos[0] if pos else unknown("no argument")


def _text_identity(interp: Interpreter, pos: list[Value], kws: dict[str, Value]) -> Value:
    if not pos:
        return string("")
    v = pos[0]
    if all(isinstance(o, Str | Concat | Param) for o in options(v)):
        return v
    if any(isinstance(o, Ref) and o.kind == "instance" for o in options(v)):
        return unknown("str() of an object")
    return as_text(v)


def _path_join(interp: Interpreter, pos: list[Value], kws: dict[str, Value]) -> Value:
    parts: list[Value] = []
    for i, p in enumerate(pos):
        if isinstance(p, Splat):
            return as_text(unknown("path parts passed with *"))
        if i:
            parts.append(string("/"))
        parts.append(p)
    return concat(parts) if parts else string("")


def _basename(interp: Interpreter, pos: list[Value], kws: dict[str, Value]) -> Value:
    return map_text(pos[0], posixpath.basename) if pos else unknown("no argument")


def _dirname(interp: Interpreter, pos: list[Value], kws: dict[str, Value]) -> Value:
    return map_text(pos[0], posixpath.dirname) if pos else unknown("no argument")


def _path_split(interp: Interpreter, pos: list[Value], kws: dict[str, Value]) -> Value:
    if not pos:
        return unknown("no argument")
    return seq([map_text(pos[0], posixpath.dirname), map_text(pos[0], posixpath.basename)])


def shlex_split(interp: Interpreter, pos: list[Value], kws: dict[str, Value]) -> Value:
    if not pos:
        return unknown("no argument")
    return split_words(pos[0], "shlex")


def _shlex_join(interp: Interpreter, pos: list[Value], kws: dict[str, Value]) -> Value:
    return join(string(" "), pos[0]) if pos else unknown("no argument")


def _which(interp: Interpreter, pos: list[Value], kws: dict[str, Value]) -> Value:
    # The probe's answer is a path to the program it looked for (or None).
    found = pos[0] if pos else kws.get("cmd")
    if found is None:
        return unknown("shutil.which without a name")
    return alt([found, Const(trace=(), value=None)])


def _seq_of(interp: Interpreter, pos: list[Value], kws: dict[str, Value]) -> Value:
    if not pos:
        return seq([])
    v = pos[0]
    if any(isinstance(o, Seq) for o in options(v)):
        return v
    return seq([Splat(trace=v.trace, inner=v)])


def _path(interp: Interpreter, pos: list[Value], kws: dict[str, Value]) -> Value:
    if not pos:
        return string(".")
    return _path_join(interp, pos, kws)


MODELS: dict[str, Callable[[Interpreter, list[Value], dict[str, Value]], Value]] = {
    "os.getenv": _getenv,
    "os.environ.get": _getenv,
    "os.environ.setdefault": _getenv,
    "os.getenvb": _getenv,
    "builtins.str": _text_identity,
    "builtins.list": _seq_of,
    "builtins.tuple": _seq_of,
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
    "typing.cast": lambda i, p, k: p[1] if len(p) > 1 else unknown("cast"),
}

# Field declarations in a class body (`codex_bin: str = Field(default="codex")`): the class
# attribute's value is the declared default. Value: whether the first positional argument is it.
FIELD_DECLARATIONS = {
    "pydantic.Field": True,
    "pydantic.fields.Field": True,
    "pydantic.v1.Field": True,
    "pydantic.v1.fields.Field": True,
    "sqlmodel.Field": True,
    "attr.ib": True,
    "attr.attrib": True,
    "attr.field": False,
    "attrs.field": False,
    "dataclasses.field": False,
    "msgspec.field": False,
}

# Attributes of library modules whose value is known well enough to name a program.
EXTERNAL_VALUES = {"sys.executable": "python", "sys._base_executable": "python"}

BUILTINS = {
    "str",
    "list",
    "tuple",
    "dict",
    "set",
    "int",
    "float",
    "bool",
    "len",
    "print",
    "open",
    "sorted",
    "reversed",
    "map",
    "filter",
    "zip",
    "range",
    "enumerate",
    "isinstance",
    "getattr",
    "setattr",
    "hasattr",
    "super",
    "type",
    "object",
    "repr",
    "format",
    "min",
    "max",
    "sum",
    "any",
    "all",
    "iter",
    "next",
    "id",
    "hash",
    "vars",
    "dir",
    "Exception",
    "ValueError",
    "RuntimeError",
    "OSError",
    "FileNotFoundError",
    "KeyError",
    "TypeError",
    "NotImplementedError",
    "None",
    "True",
    "False",
    "__name__",
    "__file__",
    "callable",
    "staticmethod",
    "classmethod",
    "property",
    "bytes",
    "frozenset",
    "abs",
    "round",
    "divmod",
    "chr",
    "ord",
    "input",
    "exit",
}

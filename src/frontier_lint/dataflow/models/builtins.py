"""What builtins mean: builtin names and functions (`str`, `list`, `getattr`, `super`), the
methods of strings, dicts and lists, and `functools.partial`.

Teaching the resolver a builtin is one edit here: a value model in `MODELS` (a function of the
call's arguments), a callee model in `CALLEE_MODELS` (one that needs the frame: what `super()`
or `getattr` reads), a method of a known string or dict in `bound_call`.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import replace as dataclass_replace
from functools import partial
from typing import TYPE_CHECKING

import libcst as cst

from frontier_lint.dataflow.lazy import (
    STAR_KWARGS,
    has_lazy,
    items_of,
    join,
    pick,
    plain_key,
    split_words,
    store_item,
)
from frontier_lint.dataflow.models import cli_args, commands, processes
from frontier_lint.dataflow.refs import (
    ANY_MODULE,
    CODE_RUNNERS,
    ArgParserRef,
    AttrsRef,
    BoundRef,
    ChosenRef,
    ExternalRef,
    GetterRef,
    InstanceRef,
    ModuleRef,
    NamespaceRef,
    OutputRef,
    PartialRef,
    SuperRef,
    chosen_under,
)
from frontier_lint.dataflow.values import (
    HOLE,
    Alt,
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
    has_param,
    map_text,
    options,
    seq,
    seq_concat,
    string,
    unknown,
)
from frontier_lint.lazy_regex import lazy_compile

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame

# A model of a library function: what a call of it returns, given its arguments' values.
ValueModel = Callable[["Frame", list[Value], dict[str, Value]], Value]
# A model that needs the frame and the call (None: not this model's case after all; the call is
# then a sink or a value model as any other).
CalleeModel = Callable[["Frame", cst.Call, list[Value], dict[str, Value]], "Value | None"]

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
    "globals",
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
    "__import__",
    "exec",
    "eval",
    "compile",
}

STR_METHODS: dict[str, Callable[[str], str]] = {
    "strip": str.strip,
    "lstrip": str.lstrip,
    "rstrip": str.rstrip,
    "lower": str.lower,
    "upper": str.upper,
    "casefold": str.casefold,
    "expandtabs": str.expandtabs,
}

# Methods of `pathlib` paths (held as strings) that keep the program's basename.
PATH_IDENTITY = {"absolute", "resolve", "expanduser", "as_posix", "__fspath__", "__str__"}
# Methods that keep a string's text as a program reads it (`.encode()`: its bytes, which an
# argv may hold).
TEXT_IDENTITY = PATH_IDENTITY | {"encode", "decode"}


def _directory_part(path: str) -> str:
    """A path's directory with its trailing slash (none for a bare name): what
    `PurePath.with_name` keeps."""
    head = posixpath.dirname(path)
    return head + "/" if head and not head.endswith("/") else head


def _renamed(recv: Value, meth: str, pos: list[Value]) -> Value | None:
    """`Path("bin/codex.exe").with_suffix("")`, `Path(p).with_stem("codex")` of a path known
    whole, given a known string: the path renamed so. None otherwise."""
    if not (isinstance(recv, Str) and HOLE not in recv.text and len(pos) == 1):
        return None
    given = pos[0]
    if not (isinstance(given, Str) and HOLE not in given.text):
        return None
    head, base = posixpath.split(recv.text)
    stem, suffix = posixpath.splitext(base)
    base = stem + given.text if meth == "with_suffix" else given.text + suffix
    return dataclass_replace(recv, text=posixpath.join(head, base))


# Methods that cut a known string into parts, each one alternative's (`"codex x".split(" ")`).
SPLITTERS = frozenset(("split", "rsplit", "partition", "rpartition"))


def method_of(recv: Value, attr: str) -> Value | None:
    """A method of `None`, which raises: nothing runs with its result (`bound_call` gives None
    back, an argv item that starts nothing: `(cmd or "git").strip()` where a caller passes
    `cmd=None` is "git", its other alternative)."""
    if isinstance(recv, Const) and recv.value is None and not attr.startswith("__"):
        return BoundRef(trace=(), method=attr, args=(recv,))
    return None


# Methods of a model instance (pydantic's, v2 and v1) that return a copy of it, with the fields
# `update` names changed; and a NamedTuple's `_replace(**changes)`, with the fields named changed.
INSTANCE_COPIES = frozenset(("model_copy", "copy", "_replace"))


def copied(instance: InstanceRef, update: Value | None) -> Value:
    """A copy of an instance whose constructor binding is known, with the fields a known
    `update` dict names changed (`opts.model_copy(update={"model": m})`)."""
    binding = instance.binding
    if binding is None or update is None:
        return instance  # known by its class only, or copied as it is
    copies: list[Value] = []
    for o in options(update):
        if not isinstance(o, DictV):
            return unknown("copy of an instance with fields changed by an update not known")
        fields = {**binding.by_name(), **o.by_name()}
        entries = tuple((string(k), v) for k, v in fields.items())
        copies.append(dataclass_replace(instance, args=(DictV(trace=(), entries=entries),)))
    return alt(copies)


def replaced(instance: Value, changes: dict[str, Value], how: str) -> Value:
    """`dataclasses.replace(obj, field=v)`, `obj._replace(field=v)`: a copy of each instance
    `obj` may be, with the fields named changed (`copied`); anything else `obj` may be, or
    changes passed as a mapping (`**changes`), leave the copy unknown."""
    if STAR_KWARGS in changes:
        return unknown(f"{how} with fields changed by a mapping (**)")
    update = DictV(trace=(), entries=tuple((string(k), v) for k, v in changes.items()))
    copies: list[Value] = []
    for o in options(instance):
        if not isinstance(o, InstanceRef):
            return unknown(f"{how} of a value that is not a known instance")
        copies.append(copied(o, update))
    return alt(copies)


# List methods that grow a list in place (followed on a local list: `cmd.append(x)`).
# Methods that change a list in place by taking items out or moving them (`argv.pop(0)`,
# `argv.remove("sudo")`): the program can be another item after them (`removed_items`).
LIST_REMOVERS = frozenset(("pop", "remove", "clear", "reverse", "sort", "__delitem__"))
# ... and its dunder spellings of the ones adding items (`argv.__iadd__(xs)` is `extend`).
LIST_DUNDER_ADDERS = {"__iadd__": "extend", "__setitem__": "__setitem__"}
LIST_MUTATORS = frozenset(("append", "extend", "insert", *LIST_REMOVERS, *LIST_DUNDER_ADDERS))


# --- builtin functions ------------------------------------------------------------------------


def _text_identity(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    if not pos:
        return string("")
    v = pos[0]
    if all(isinstance(o, Str | Concat | Param) for o in options(v)):
        return v
    if any(isinstance(o, InstanceRef) for o in options(v)):
        return unknown("str() of an object")
    if any(type(o) is Const for o in options(v)):
        # `str(None)` is "None" (an argv word naming no program of ours), as Python spells it:
        # `path = None ... if not path: return ... run([str(path)])` is judged by its paths.
        return as_text(alt([_const_text(o) for o in options(v)]))
    return as_text(v)


def _const_text(v: Value) -> Value:
    if isinstance(v, Const) and isinstance(v.value, bool | int | float | type(None)):
        return Str(v.trace, str(v.value))
    return v


def _seq_of(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    if not pos:
        return seq([])
    v = pos[0]
    if any(isinstance(o, Seq) for o in options(v)):
        return v
    return seq([Splat(trace=v.trace, inner=v)])


def merged(entries: list[tuple[Value, Value]], more: Value) -> list[tuple[Value, Value]]:
    """`{**entries, **more}`, `entries.update(more)`: a mapping not known may replace any
    entry (each is then one alternative), and what it adds is not known (a key not among the
    entries reads as missing)."""
    known = [o for o in options(more) if isinstance(o, DictV)]
    if len(known) == 1 and not isinstance(more, Alt):
        return [*entries, *known[0].entries]
    why = unknown("the mapping is updated with one not known")
    out: list[tuple[Value, Value]] = [(k, alt([v, why])) for k, v in entries]
    for d in known:
        out.extend((k, alt([v, why])) for k, v in d.entries)
    # The keys it adds are not known either: one entry stands for them (a key read that is
    # not among the known ones may be one of them).
    out.append((unknown("a key the mapping not known adds"), why))
    return out


def _dict(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    entries: list[tuple[Value, Value]] = []
    if pos:
        entries = merged(entries, pos[0])
    for k, v in kws.items():
        entries = merged(entries, v) if k == STAR_KWARGS else [*entries, (string(k), v)]
    # A copy (`dict(DEFAULTS)`) keeps the copied table's hops: an item read from it came from
    # where that table was defined.
    trace = pos[0].trace if pos and isinstance(pos[0], DictV) else ()
    return DictV(trace=trace, entries=tuple(entries))


def _next(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    """`next(it[, default])`: the first item of what `it` yields (of a filtered comprehension,
    any of its element's values), or the default when it yields nothing (`next((p for p in
    PATHS if exists(p)), None)`)."""
    if not pos or len(pos) > 2 or any(isinstance(p, Splat) for p in pos):
        return unknown("result of next()")
    found: list[Value] = []
    for o in options(pos[0]):
        if isinstance(o, Seq) and o.items:
            found.extend(items_of(seq([o.items[0]]), "the iterator next() reads", wait=False))
        elif not isinstance(o, Seq):
            found.extend(items_of(o, "the iterator next() reads", wait=False))
    if len(pos) == 2:
        found.append(pos[1])
    return alt(found) if found else unknown("next() of an empty iterator")


def _iter(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    """`iter(xs)`: an iterator over the same items (`next(iter(xs))`)."""
    if len(pos) != 1 or kws or isinstance(pos[0], Splat):
        return unknown("result of iter()")
    return pos[0]


def _static(f: Frame, pos: list[Value], kws: dict[str, Value]) -> Value:
    """`staticmethod(subprocess.run)` in a class body: read through the class or an instance,
    the library callable itself (`self.runner(argv)` launches). A project function wrapped so is
    left unknown, as before (its call through `self` would bind the instance otherwise)."""
    if len(pos) != 1 or kws or isinstance(pos[0], Splat):
        return unknown("result of staticmethod()")
    held = options(pos[0])
    if held and all(isinstance(o, ExternalRef | PartialRef) for o in held):
        return pos[0]
    return unknown("result of staticmethod()")


# Models that need not know their argument yet: `list(build())` is the items of what `build()`
# computes, left to be computed where a launch needs it (forced here, a receiver typed with an
# abstract class or a protocol would not be dispatched yet, and its items would be lost).
KEEPS_LAZY = frozenset(("builtins.list", "builtins.tuple"))

MODELS: dict[str, ValueModel] = {
    "builtins.str": _text_identity,
    "builtins.dict": _dict,
    "builtins.list": _seq_of,
    "builtins.tuple": _seq_of,
    "builtins.next": _next,
    "builtins.iter": _iter,
    "builtins.staticmethod": _static,
}


def super_call(f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]) -> Value:
    """`super()` (or `super(Cls, self)`) in a method: the same receiver, its attributes looked
    up from the defining class's bases."""
    cid = f.func.class_id
    if not cid or f.self_name is None or len(pos) not in (0, 2):
        return unknown("result of super()")
    receiver = f.env.get(f.self_name, unknown("`self` was deleted"))
    return SuperRef(trace=(), cls=cid, args=(receiver,))


def partial_call(f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]) -> Value | None:
    """`functools.partial(func, *args, **kwargs)`: called later with more arguments
    (`calls.call_partial`)."""
    if not pos:
        return None
    entries = tuple((string(k), v) for k, v in kws.items())
    return PartialRef(trace=(), args=(pos[0], seq(pos[1:]), DictV(trace=(), entries=entries)))


def getter_call(
    f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value], *, calls: bool
) -> Value | None:
    """`operator.attrgetter(name)`, `operator.methodcaller(name, *args, **kwargs)`: applied to
    an object later (`call_getter`). attrgetter of several names (a tuple) is not followed."""
    if not pos or isinstance(pos[0], Splat) or (not calls and (len(pos) > 1 or kws)):
        return None
    entries = tuple((string(k), v) for k, v in kws.items())
    first = seq(pos[1:])
    return GetterRef(trace=(), args=(pos[0], first, DictV(trace=(), entries=entries)), calls=calls)


def call_getter(
    f: Frame, callee: GetterRef, node: cst.Call, pos: list[Value], kws: dict[str, Value], star: bool
) -> Value:
    """An attrgetter or methodcaller applied to an object (`methodcaller("run", argv)(sp)`):
    its attribute as `getattr` reads it (a name not known: any launcher of a library module,
    `ChosenRef`), called with the arguments given for methodcaller."""
    name, first, keywords = callee.parts
    if len(pos) != 1 or kws or isinstance(pos[0], Splat):
        return unknown(f"result of {callee.shown()}")
    got: list[Value] = []
    for o in options(f.force(name)):
        if isinstance(o, Str) and HOLE not in o.text and not callee.calls:
            v = pos[0]
            for part in o.text.split("."):  # (attrgetter("a.b"): attribute b of attribute a)
                v = f.attr_of(v, part, node)
            got.append(v)
        else:
            got.append(getattr_call(f, node, [pos[0], o], {}) or unknown("getattr"))
    attribute = alt(got) if got else unknown(f"result of {callee.shown()}")
    if not callee.calls:
        return attribute
    results = [
        f.call_one(o, node, list(first.items), keywords.by_name(), False)
        for o in options(f.force(attribute))
    ]
    return alt(results) if results else unknown(f"result of {callee.shown()}")


def getattr_call(f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]) -> Value | None:
    """`getattr(obj, "name")` is `obj.name`; a third argument is the other alternative."""
    if len(pos) < 2:
        return None
    found: list[Value] = []
    for o in options(f.force(pos[1])):
        if isinstance(o, Str) and HOLE not in o.text:
            found.append(f.attr_of(pos[0], o.text, node))
            continue
        found.append(_computed_attribute(f, pos[0], o, node))
    if len(pos) > 2 and not isinstance(pos[2], Splat):
        found.append(pos[2])
    return alt(found)


def _computed_attribute(f: Frame, obj: Value, name: Value, node: cst.Call) -> Value:
    """`getattr(obj, name)` of a name not known: where `obj` makes command objects of any name
    (`getattr(sh, name)`), one whose program is that name; of a library module holding sinks
    (`getattr(subprocess, name)`), any of them, a call of it unresolved (`ChosenRef`); else not
    known."""
    for o in options(obj):
        made = f.analyzer.command_attributes.get(o.name) if isinstance(o, ExternalRef) else None
        if made is not None:
            return commands.by_computed_attribute(f, made, name, node)
    why = "getattr of a computed name"
    # Of a module imported by a computed name (`getattr(import_module(n), k)`): any sink of
    # the modules it may be, a call of it unresolved.
    picked: list[Value] = []
    for o in options(obj):
        if isinstance(o, ChosenRef) and (got := _any_attribute(f, o)) is not None:
            picked.append(got)
    owners = [x.name for x in options(obj) if isinstance(x, ExternalRef)]
    if "builtins" in owners:
        # It may be `exec` or `eval` (`models.code`): a call of it runs code not read here.
        picked.append(ChosenRef(trace=(), names=CODE_RUNNERS, why=f"{why} of builtins"))
        return alt(picked)
    chosen = chosen_under(owners, f.analyzer.launchers, why) if owners else None
    rest = chosen if chosen is not None else unknown(why)
    return alt([*picked, rest]) if picked else rest


def _any_attribute(f: Frame, o: ChosenRef) -> ChosenRef | None:
    """An attribute, by a name not known, of a module chosen by a name not known (`o`): the
    sinks directly under the modules it may be (any module: every sink), None where none."""
    sinks = f.analyzer.sinks
    if set(o.names) & set(CODE_RUNNERS):
        return None  # (`getattr(builtins, name)` chosen: a function's attribute)
    # (In the catalogue's order: the reason names the first few, `subprocess`'s first.)
    if o.names == (ANY_MODULE,):
        picked = list(sinks)
    else:
        picked = [
            n
            for n in sinks
            if any(n.startswith(w + ".") and "." not in n[len(w) + 1 :] for w in o.names)
        ]
    return (
        ChosenRef(trace=(), names=tuple(picked), why=f"{o.why} (an attribute by a name not known)")
        if picked
        else None
    )


def vars_call(f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]) -> Value | None:
    """`vars(module)`: its attributes as a mapping (`namespace_item`); of anything else, as
    before, not known."""
    if len(pos) != 1 or kws:
        return None
    owners = options(f.force(pos[0]))
    if not all(isinstance(o, ExternalRef | ModuleRef) for o in owners):
        return None
    return alt([NamespaceRef(trace=(), args=(o,)) for o in owners])


def globals_call(f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]) -> Value | None:
    """`globals()`: this module's names as a mapping (`namespace_item`: `globals()["_sp"]` is
    the module's `_sp`)."""
    if pos or kws:
        return None
    return NamespaceRef(trace=(), args=(ModuleRef(trace=(), path=f.func.path),))


def namespace_item(f: Frame, ns: NamespaceRef, key: Value, node: cst.CSTNode) -> Value:
    """`vars(module)[key]`, `module.__dict__[key]`: the attribute a known key names; by a key
    not known, any launcher of a library module (a call of it is unresolved, `ChosenRef`)."""
    found: list[Value] = []
    for k in options(f.force(key)):
        if isinstance(k, Str) and HOLE not in k.text:
            found.append(f.attr_of(ns.owner, k.text, node))
            continue
        owner = ns.owner
        shown = owner.shown() if isinstance(owner, Ref) else "a module"
        why = f"an attribute of {shown} read by a key not known"
        chosen = (
            chosen_under((owner.name,), f.analyzer.launchers, why)
            if isinstance(owner, ExternalRef)
            else None
        )
        found.append(chosen if chosen is not None else unknown(why))
    return alt(found)


def _imported_name(f: Frame, v: Value) -> str | None:
    """The module name a dynamic import is given, when it is one known absolute name."""
    got = f.force(v)
    if isinstance(got, Str) and HOLE not in got.text and _MODULE_NAME.fullmatch(got.text):
        return got.text
    return None


_MODULE_NAME = lazy_compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")


_COMPUTED_IMPORT = "a module imported by a computed or relative name"


def import_module_call(
    f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]
) -> Value | None:
    """`importlib.import_module("subprocess")` is the module `import subprocess` binds (a
    dotted name gives the submodule itself); a computed or relative name is not known."""
    given = pos[0] if pos else kws.get("name", unknown("no module name"))
    name = _imported_name(f, given)
    if name is None:
        return _computed_module(f, given, top=False)
    return f.module_ref(name)


def _computed_module(f: Frame, given: Value, *, top: bool) -> Value:
    """A module imported by a name not known whole: by the text it is known to start with
    (`"sub" + x`), the library modules holding launchers it may be, a call of what may be a
    sink among their attributes unresolved (`ChosenRef`); a project package's module (or a
    relative name), any module as far as a call of an attribute named like a sink goes; a
    library package's holding no launcher, not known. A name known to start with a package
    (`"os." + x`) imported by `__import__` without a fromlist (`top`) is that package."""
    leads = {_known_lead(o) for o in options(f.force(given))}
    if "" in leads or not leads:
        return ChosenRef(trace=(), names=(ANY_MODULE,), why=_COMPUTED_IMPORT)
    if top and all("." in lead for lead in leads):
        return alt([f.module_ref(lead.split(".")[0]) for lead in sorted(leads)])
    names = sorted(n for n in f.analyzer.launchers if any(n.startswith(lead) for lead in leads))
    if names:
        return ChosenRef(trace=(), names=tuple(names), why=_COMPUTED_IMPORT)
    project = f.analyzer.project
    inside = sorted(
        lead.rstrip(".")
        for lead in leads
        if lead.startswith(".")
        or project.resolve_absolute(lead.split(".")[0], f.func.path) is not None
    )
    if inside:
        # A module of the project's (`f"{pkg}._extensions.{name}"`): which one is not known,
        # nor what its functions do; a call of an attribute named like a sink is unresolved.
        why = f"a module under `{inside[0]}` imported by a computed name (not followed)"
        return ChosenRef(trace=(), names=(ANY_MODULE,), why=why)
    return unknown(_COMPUTED_IMPORT)  # (under a library package holding no launcher)


def _known_lead(v: Value) -> str:
    """The text a string is known to start with (up to its first stretch not known)."""
    if isinstance(v, Str):
        return v.text.split(HOLE, 1)[0]
    if isinstance(v, Concat):
        lead = ""
        for part in v.parts:
            if not isinstance(part, Str):
                return lead
            lead += part.text.split(HOLE, 1)[0]
            if HOLE in part.text:
                return lead
        return lead
    return ""


def resolve_name_call(
    f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]
) -> Value | None:
    """`pkgutil.resolve_name("subprocess:run")`: the module before the colon, then the dotted
    attributes after it; without a colon (`"subprocess.run"`), the first name's module and its
    attributes (a submodule read as an attribute of its package). A name not known is a module
    imported by a computed name (`import_module_call`)."""
    given = f.force(pos[0] if pos else kws.get("name", unknown("no name")))
    texts = [o.text for o in options(given) if isinstance(o, Str) and HOLE not in o.text]
    if len(texts) != len(options(given)) or not texts:
        return _computed_module(f, given, top=False)
    found: list[Value] = []
    for text in texts:
        module, colon, rest = text.partition(":")
        if not colon:
            module, _, rest = text.partition(".")
        if not _MODULE_NAME.fullmatch(module) or (rest and not _MODULE_NAME.fullmatch(rest)):
            found.append(unknown(f"`{text}` is not a name `resolve_name` resolves"))
            continue
        v = f.module_ref(module)
        for attr in rest.split(".") if rest else ():
            v = f.attr_of(v, attr, None)
        found.append(v)
    return alt(found)


def dunder_import_call(
    f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]
) -> Value | None:
    """`__import__("os.path")` is the top-level package (`os`), as `import os.path` binds
    it; with a `fromlist` it is the named module itself."""
    given = pos[0] if pos else kws.get("name", unknown("no module name"))
    name = _imported_name(f, given)
    fromlist = pos[3] if len(pos) > 3 else kws.get("fromlist")
    if name is None:
        return _computed_module(f, given, top=fromlist is None)
    level = pos[4] if len(pos) > 4 else kws.get("level")
    if level is not None and not (isinstance(level, Const) and level.value == 0):
        return unknown("a relative `__import__`")
    top = f.module_ref(name.split(".")[0])
    if fromlist is None:
        return top
    got = f.force(fromlist)
    if (isinstance(got, Const) and got.value is None) or (isinstance(got, Seq) and not got.items):
        return top
    if isinstance(got, Seq):
        return f.module_ref(name)
    return alt([top, f.module_ref(name)])  # a fromlist not known: either module


def attrs_call(
    name: str, f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]
) -> Value | None:
    """`types.SimpleNamespace(bin="codex")`, `argparse.Namespace(bin="codex")`: an object whose
    attributes are the keyword arguments (a `**` mapping not known kept under `**`, which a read
    picks its key from: `dict_get`). A positional mapping (`SimpleNamespace(cfg)`, 3.13) is
    not modelled."""
    if pos:
        return None
    entries = tuple((Str(trace=(), text=k), v) for k, v in kws.items())
    return AttrsRef(trace=(), name=name, args=(DictV(trace=(), entries=entries),))


def item_store_call(
    f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value], *, delete: bool
) -> Value | None:
    """`operator.setitem(argv, k, v)` / `operator.delitem(argv, k)` (and their dunder names):
    the statement `argv[k] = v` / `del argv[k]` on the local list or dict the first argument
    names, for what reads it after (as `mutate` reads `argv.__setitem__(k, v)`)."""
    first = node.args[0].value if node.args else None
    if len(pos) != (2 if delete else 3) or kws or any(isinstance(p, Splat) for p in pos):
        return None
    if isinstance(first, cst.Name) and first.value in f.env:
        held = f.env[first.value]
        if delete:
            f.env[first.value] = alt(
                [
                    removed_items(o, "pop", [pos[1]]) if isinstance(o, Seq) else o
                    for o in options(held)
                ]
            )
        else:
            f.env[first.value] = store_item(held, pos[1], pos[2])
        f.changed_in_place(first.value)
    return Const(trace=(), value=None)


CALLEE_MODELS: dict[str, CalleeModel] = {
    "importlib.import_module": import_module_call,
    "pkgutil.resolve_name": resolve_name_call,
    "builtins.__import__": dunder_import_call,
    "builtins.super": super_call,
    "types.SimpleNamespace": partial(attrs_call, "types.SimpleNamespace"),
    "argparse.Namespace": partial(attrs_call, "argparse.Namespace"),
    "functools.partial": partial_call,
    "builtins.getattr": getattr_call,
    "inspect.getattr_static": getattr_call,  # (without `__getattr__`: a module's sink is the same)
    "builtins.vars": vars_call,
    "builtins.globals": globals_call,
    "operator.attrgetter": partial(getter_call, calls=False),
    "operator.methodcaller": partial(getter_call, calls=True),
    "operator.setitem": partial(item_store_call, delete=False),
    "operator.__setitem__": partial(item_store_call, delete=False),
    "operator.delitem": partial(item_store_call, delete=True),
    "operator.__delitem__": partial(item_store_call, delete=True),
}


# --- methods of strings, dicts and lists ------------------------------------------------------


def bound_call(callee: BoundRef, pos: list[Value], kws: dict[str, Value]) -> Value:
    """A method of a known string, dict or list (`sep.join(parts)`, `cfg.get("bin")`)."""
    recv = callee.receiver
    meth = callee.method
    if isinstance(recv, OutputRef):
        return processes.method(recv, meth)
    if isinstance(recv, ArgParserRef):
        return cli_args.call_method(recv, meth, kws)
    if isinstance(recv, InstanceRef) and meth == "_replace":
        return replaced(recv, kws, "_replace()")
    if isinstance(recv, InstanceRef) and meth in INSTANCE_COPIES:
        return copied(recv, kws.get("update"))
    if isinstance(recv, Const) and method_of(recv, meth) is not None:
        return recv  # (`method_of`)
    if isinstance(recv, Str | Concat):
        if meth in STR_METHODS:
            fn = STR_METHODS[meth]
            return map_text(recv, fn)
        if meth == "join" and pos:
            return join(recv, pos[0])
        if meth == "format":
            return format_template(recv, pos, kws)
        if meth == "format_map" and len(pos) == 1:
            return format_template(recv, [], _named(pos[0]))
        if meth in ("substitute", "safe_substitute"):
            # A `string.Template` (held as its template string: a str has no such method).
            return dollar_template(recv, pos, kws)
        if meth == "split" and not pos and not kws:
            return split_words(recv, "whitespace")
        if meth in SPLITTERS and (parts := _split_known(recv, meth, pos, kws)) is not None:
            return parts
        if meth == "splitlines" and isinstance(recv, Str) and HOLE not in recv.text:
            return seq([dataclass_replace(recv, text=line) for line in recv.text.splitlines()])
        if meth in TEXT_IDENTITY:
            return recv  # pathlib methods that keep the program's basename, `.encode()`
        if meth == "with_name" and len(pos) == 1 and not kws:
            # `Path(sys.executable).with_name("tool")`: the same directory, that basename (a
            # directory not known yet, a parameter's, stays not known: the basename is known).
            if isinstance(recv, Str):
                return concat([map_text(recv, _directory_part), pos[0]])
            return concat([as_text(unknown("the directory of a path")), string("/"), pos[0]])
        if meth == "joinpath" and not kws and not any(isinstance(p, Splat) for p in pos):
            # `Path.home().joinpath(".local", "bin", "claude")`: as `/` joins them.
            return concat([recv, *(x for p in pos for x in (string("/"), p))])
        if meth in ("with_suffix", "with_stem") and (got := _renamed(recv, meth, pos)) is not None:
            return got
        if meth == "replace" and (got := _replaced(recv, pos)) is not None:
            return got
        if meth == "replace" and (got := _replaced_around_holes(recv, pos)) is not None:
            return got
        if meth in ("replace", "removeprefix", "removesuffix"):
            return (
                as_text(unknown(f"result of str.{meth}()"))
                if HOLE in getattr(recv, "text", HOLE)
                else apply_str(recv, meth, pos)
            )
        return unknown(f"result of str.{meth}()")
    if isinstance(recv, DictV):
        if meth == "get" and pos:
            default = pos[1] if len(pos) > 1 else Const(trace=(), value=None)
            return alt([dict_get(recv, pos[0], default), default])
        if meth == "values":
            return (
                seq([Splat(trace=(), inner=alt([v for _, v in recv.entries]))])
                if not recv.entries
                else seq([v for _, v in recv.entries])
            )
        if meth == "keys":
            return seq([k for k, _ in recv.entries])
        if meth == "copy":
            return recv
        if meth == "items":
            return seq([seq([k, v]) for k, v in recv.entries])
        return unknown(f"result of dict.{meth}()")
    if isinstance(recv, Seq) and meth == "copy":
        return recv
    return unknown(f"result of .{meth}()")


def mapping_default(node: cst.Call, pos: list[Value], kws: dict[str, Value]) -> Value | None:
    """The default of `m.get(key, default)` on a mapping that is not known (a YAML/JSON/TOML
    file's, a parameter's): one alternative of the result whatever the mapping holds
    (`cfg.get("claude_bin", "claude")` can be `claude`). None for any other call."""
    func = node.func
    if not (isinstance(func, cst.Attribute) and func.attr.value == "get"):
        return None
    if len(pos) != 2 or kws or any(isinstance(p, Splat) for p in pos):
        return None
    return pos[1]


def mutate(f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]) -> None:
    """`cmd.append(x)`, `cmd.extend(xs)`, `cmd.insert(i, x)` (and the methods taking items
    out, `LIST_REMOVERS`) on a local list; `update` and `setdefault` on a local dict. The
    unbound form (`list.append(cmd, x)`) is the same call."""
    func = node.func
    if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)):
        return
    meth = func.attr.value
    name = func.value.value
    if name == "list" and pos and node.args and isinstance(node.args[0].value, cst.Name):
        if "list" in f.env or meth not in LIST_MUTATORS:
            return
        name, pos = node.args[0].value.value, pos[1:]  # `list.append(cmd, x)`
    meth = LIST_DUNDER_ADDERS.get(meth, meth)
    if meth in ("update", "setdefault") and name in f.env:
        held = f.env[name]
        if not any(isinstance(o, DictV) for o in options(held)):
            return
        new_dicts: list[Value] = []
        for o in options(held):
            if not isinstance(o, DictV):
                new_dicts.append(o)
            elif meth == "setdefault" and pos:
                # Added only where the key is missing; where it may be there, either value.
                value = pos[1] if len(pos) > 1 else Const(trace=(), value=None)
                kept = dict_get(o, pos[0], Const(trace=(), value=None))
                new_dicts.append(store_item(o, pos[0], alt([kept, value])))
            elif meth == "update":
                entries = list(o.entries)
                if pos:  # a local dict updated with another (`values.update(x)`)
                    entries = merged(entries, pos[0])
                for k, v in kws.items():
                    entries = merged(entries, v) if k == STAR_KWARGS else [*entries, (string(k), v)]
                new_dicts.append(DictV(trace=o.trace, entries=tuple(entries)))
            else:
                new_dicts.append(unknown(f"`{name}` changed by {meth}()"))
        f.env[name] = alt(new_dicts)
        f.changed_in_place(name)
        return
    if meth not in LIST_MUTATORS:
        return
    current = f.env.get(name)
    if current is not None and has_lazy(current):
        current = f.force(current)
    if current is None or not any(mutable_list(o) for o in options(current)):
        return
    new: list[Value] = []
    for o in options(current):
        if mutable_list(o):
            if meth == "append" and pos:
                new.append(
                    seq(
                        [
                            *(o.items if isinstance(o, Seq) else [Splat(trace=(), inner=o)]),
                            pos[0],
                        ],
                        o.trace,
                    )
                )
            elif meth == "extend" and pos:
                new.append(seq_concat(o, pos[0]))
            elif meth == "insert" and len(pos) == 2:
                idx = pos[0]
                items: list[Value] = (
                    list(o.items) if isinstance(o, Seq) else [Splat(trace=(), inner=o)]
                )
                if (
                    isinstance(idx, Const)
                    and isinstance(idx.value, int)
                    and 0 <= idx.value <= len(items)
                    and not any(isinstance(i, Splat) for i in items[: idx.value])
                ):
                    items.insert(idx.value, pos[1])
                    new.append(seq(items, o.trace))
                else:
                    new.append(seq([Splat(trace=(), inner=unknown("list changed by insert()"))]))
            elif meth == "__setitem__" and len(pos) == 2:
                new.append(store_item(o, pos[0], pos[1]))
            elif meth in LIST_REMOVERS and (isinstance(o, Seq) or _list_only(meth, pos)):
                new.append(removed_items(o, meth, pos, bool(kws)))
            elif meth == "clear" and not pos:
                # A parameter that may hold a dict (`opts.clear()`): what the caller passes,
                # or, a list, empty (`argv.clear(); argv.append("codex")` read the caller's).
                new.extend((o, seq([], o.trace)))
            else:
                new.append(o)
        else:
            new.append(o)
    f.env[name] = alt(new)
    f.changed_in_place(name)


def _list_only(meth: str, pos: list[Value]) -> bool:
    """Whether a call can only be a list's (on a parameter that may hold a dict or a set:
    `kwargs.pop("shell", None)`, `opts.clear()` keep what the caller passes)."""
    if meth in ("reverse", "sort"):
        return True
    ints = all(isinstance(p, Const) and type(p.value) is int for p in pos)
    return ints and (len(pos) == 1 if meth == "__delitem__" else meth == "pop" and len(pos) <= 1)


def removed_items(o: Value, meth: str, pos: list[Value], keywords: bool = False) -> Value:
    """A list after `meth` (`LIST_REMOVERS`) took items out of it or moved them: where which
    ones is known (a known position, a known word with only known words before it), the list
    without them; otherwise a list not known (fail closed: ignoring `argv.pop(0)` read
    `["sudo", "codex"]`'s program as sudo's)."""
    items: list[Value] = list(o.items) if isinstance(o, Seq) else [Splat(trace=(), inner=o)]
    known = not any(isinstance(i, Splat) for i in items)
    if meth == "clear" and not pos:
        return seq([], o.trace)
    if meth == "reverse" and not pos and known:
        return seq(items[::-1], o.trace)
    texts = [i.text for i in items if isinstance(i, Str) and HOLE not in i.text]
    if meth == "sort" and not pos and not keywords and len(texts) == len(items):
        return seq([items[texts.index(t)] for t in sorted(texts)], o.trace)
    if meth in ("pop", "__delitem__") and len(pos) <= 1:
        at = pos[0] if pos else Const(trace=(), value=-1)
        idx = at.value if isinstance(at, Const) and type(at.value) is int else None
        if idx is not None and idx < 0 and known:
            idx += len(items)
        if (
            idx is not None
            and 0 <= idx < len(items)
            and not any(isinstance(i, Splat) for i in items[: idx + 1])
        ):
            return seq(items[:idx] + items[idx + 1 :], o.trace)
    if meth == "remove" and len(pos) == 1 and isinstance(pos[0], Str) and HOLE not in pos[0].text:
        for idx, item in enumerate(items):
            if not (isinstance(item, Str) and HOLE not in item.text):
                break  # (an item not known may be the one removed)
            if item.text == pos[0].text:
                return seq(items[:idx] + items[idx + 1 :], o.trace)
    return seq([Splat(trace=(), inner=unknown(f"list changed by {meth}()"))])


def mutable_list(v: Value) -> bool:
    """A list `append`/`extend`/`insert` can be followed on: a known sequence, or one a
    caller passes (a parameter, `shlex.split(command)` of one)."""
    return isinstance(v, Seq | Param) or (not isinstance(v, Str | Concat) and has_param(v))


def dict_get(d: Value, key: Value, default: Value | None = None) -> Value:
    """`d[key]` (or `d.get(key, default)`): the values the key can read. A known key missing
    from an alternative whose keys are all known reads nothing there (`d[key]` raises KeyError:
    a detector's `{"present": False}` beside `{"present": True, "binary": name}`), or the
    default; missing from every alternative, it is not known. A mapping that may hold more
    keys (`{**cfg}`, `**kwargs`) has an entry whose key is not known: it may be the one read."""
    out: list[Value] = []
    missing = ""
    keys = options(key)
    known_key = all(isinstance(k, Str) and HOLE not in k.text for k in keys)
    for o in options(d):
        if not isinstance(o, DictV):
            out.append(unknown("item of an unknown mapping"))
            continue
        if known_key:
            wanted = {k.text for k in keys if isinstance(k, Str)}
            hit: list[Value] = []
            for k, v in o.entries:
                if isinstance(k, Str) and k.text == STAR_KWARGS:
                    # `**kwargs` handed on: the key of what the caller passes there.
                    hit.extend(pick(v, w) for w in sorted(wanted))
                elif not plain_key(k) or (isinstance(k, Str) and k.text in wanted):
                    hit.append(v)
            if hit:
                out.extend(v.with_trace(o.trace) for v in hit)
            elif default is not None:
                out.append(default)
            else:
                missing = f"key {sorted(wanted)[0]!r} not in the mapping"
            continue
        # Unknown key: every value is an alternative.
        out.extend(v.with_trace(o.trace) for _, v in o.entries)
        if not o.entries:
            out.append(unknown("item of an empty mapping"))
    return alt(out) if out else unknown(missing)


def store_slice(container: Value, lower: Value, upper: Value, value: Value) -> Value:
    """The container after `container[lower:upper] = value`: a list's items in the window are
    replaced by those of `value` where the window is known; from an unknown position on, the
    list is not known."""
    lo = lower.value if isinstance(lower, Const) else -1
    hi = upper.value if isinstance(upper, Const) else -1
    lo = 0 if lo is None else lo
    out: list[Value] = []
    for o in options(container):
        if not isinstance(o, Seq):
            out.append(o)
            continue
        items = list(o.items)
        rest: list[Value] = [Splat(trace=(), inner=unknown("list changed by slice assignment"))]
        if type(lo) is not int or lo < 0 or any(isinstance(i, Splat) for i in items[:lo]):
            out.append(seq(rest))
            continue
        if hi is None:
            rest = []
        elif type(hi) is int and hi >= lo and not any(isinstance(i, Splat) for i in items[:hi]):
            rest = items[hi:]
        out.append(seq([*items[:lo], Splat(trace=value.trace, inner=value), *rest], o.trace))
    return alt(out)


def _filled(template: Value, fill: Callable[[str], list[Value] | None]) -> Value:
    """A template (each known alternative) with its fields filled in: `fill` gives the parts
    of one template text (None: the text is not a valid template)."""
    out: list[Value] = []
    for t in options(template):
        if not isinstance(t, Str) or HOLE in t.text:
            out.append(as_text(t))
            continue
        parts = fill(t.text)
        out.append(
            concat(parts, t.trace) if parts is not None else as_text(unknown("bad template"))
        )
    return alt(out)


def format_template(template: Value, pos: list[Value], kws: dict[str, Value]) -> Value:
    """`template.format(*pos, **kws)`."""
    import string as _string

    def fill(text: str) -> list[Value] | None:
        parts: list[Value] = []
        auto = 0
        try:
            parsed = list(_string.Formatter().parse(text))
        except ValueError:
            return None
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
        return parts

    return _filled(template, fill)


def _named(mapping: Value) -> dict[str, Value]:
    """The entries of a mapping argument by name (`**mapping`); a key not among them is not
    known (looked up as missing)."""
    out: dict[str, Value] = {}
    for o in options(mapping):
        if isinstance(o, DictV):
            for k, v in o.by_name().items():
                out[k] = alt([out[k], v]) if k in out else v
    return out


def dollar_template(template: Value, pos: list[Value], kws: dict[str, Value]) -> Value:
    """`string.Template(t).substitute(mapping, **kws)`: `$name` and `${name}` filled in."""
    import string as _string

    names = {**(_named(pos[0]) if pos else {}), **kws}

    def fill(text: str) -> list[Value]:
        parts: list[Value] = []
        at = 0
        for m in _string.Template.pattern.finditer(text):
            parts.append(string(text[at : m.start()]))
            at = m.end()
            name = m.group("named") or m.group("braced")
            if m.group("escaped") is not None:
                parts.append(string("$"))
            elif name is not None:
                parts.append(names.get(name, unknown(f"template value {name}")))
            else:
                parts.append(string(m.group(0)))
        parts.append(string(text[at:]))
        return parts

    return _filled(template, fill)


def _replaced(recv: Value, pos: list[Value]) -> Value | None:
    """`text.replace(old, new)` of a known text and a known `old` where `new` is not a known
    string (a caller's argument, a value read at run time): the text unchanged where `old` does
    not occur in it (`"claude".replace("{sid}", sid)`), else `new` in its places (an unknown
    stretch, or the parameter for callers to fill in). None when `apply_str` answers (all
    known) or the receiver or `old` is not known text."""
    if not (isinstance(recv, Str) and HOLE not in recv.text) or len(pos) != 2:
        return None
    old, new = pos
    if not (isinstance(old, Str) and HOLE not in old.text and old.text):
        return None
    if isinstance(new, Str) and HOLE not in new.text:
        return None  # (all known: `apply_str`)
    pieces = recv.text.split(old.text)
    if len(pieces) == 1:
        return recv
    parts: list[Value] = [string(pieces[0])]
    for piece in pieces[1:]:
        parts += [new, string(piece)]
    return concat(parts, recv.trace)


def _replaced_around_holes(recv: Value, pos: list[Value]) -> Value | None:
    """`text.replace(old, new)` of a partly known text (`"'" + s.replace("'", "'\\''") + "'"`
    with `s` a value not known, an escape before quoting) and a one-character `old` with a known
    `new`: each known stretch replaced, each unknown one left unknown (one character cannot
    match across a stretch's edge; a longer `old` could, and stays not known). None otherwise."""
    if not (isinstance(recv, Str) and HOLE in recv.text) or len(pos) != 2:
        return None
    old, new = pos
    if not (isinstance(old, Str) and len(old.text) == 1 and old.text != HOLE):
        return None
    if not (isinstance(new, Str) and HOLE not in new.text):
        return None
    return dataclass_replace(recv, text=recv.text.replace(old.text, new.text))


def _split_known(recv: Value, meth: str, pos: list[Value], kws: dict[str, Value]) -> Value | None:
    """`text.split(sep, maxsplit)`, `rsplit`, `partition`, `rpartition` of a known text with
    known arguments: its parts (None: something not known, or a call that raises)."""
    if not isinstance(recv, Str) or HOLE in recv.text:
        return None
    args: list[object] = []
    named: dict[str, object] = {}
    for key, v in [*((None, p) for p in pos), *kws.items()]:
        if isinstance(v, Str) and HOLE not in v.text:
            got: object = v.text
        elif isinstance(v, Const) and (v.value is None or type(v.value) is int):
            got = v.value
        else:
            return None
        if key is None:
            args.append(got)
        else:
            named[key] = got
    try:
        parts = getattr(recv.text, meth)(*args, **named)
    except (TypeError, ValueError):
        return None
    return seq([dataclass_replace(recv, text=p) for p in parts])


def apply_str(recv: Value, meth: str, pos: list[Value]) -> Value:
    args = []
    for p in pos:
        if isinstance(p, Str) and HOLE not in p.text:
            args.append(p.text)
        else:
            return as_text(unknown(f"result of str.{meth}()"))
    return map_text(recv, lambda s: getattr(s, meth)(*args))

"""What a value can refer to that is not data: one class per kind of reference.

Project definitions (`ModuleRef`, `ClassRef`, `FuncRef`, `InstanceRef`), library objects
(`ExternalRef`, named by their dotted name: `subprocess.Popen`; `CommandRef`, a command object
of sh or plumbum), and the interpreter's own: a
method bound to its receiver (`MethodRef`), a method of a string or dict (`BoundRef`), `super()`
(`SuperRef`), an object whose attributes are its keyword arguments (`AttrsRef`:
`types.SimpleNamespace(...)`), `functools.partial` (`PartialRef`), `operator.attrgetter`/`methodcaller`
(`GetterRef`), a parameter read through its annotated class
(`AnnotatedRef`), the items a generator yields (`YieldsRef`), and the operations waiting for
their operand (`PickRef`, `ItemRef`, `SplitRef`, `OutputRef`, `StoredRef`), and the items of a comprehension
over a parameter's items (`ItemsRef`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Literal

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.values import (
    PLACED,
    DictV,
    Ref,
    Seq,
    Value,
    any_part,
    hole_reason,
)

if TYPE_CHECKING:
    from collections.abc import Container, Iterable

    import libcst as cst

    from frontier_lint.frontend.parsing import SiteRef


@dataclass(frozen=True, kw_only=True, slots=True)
class ModuleRef(Ref):
    """A project module (or package)."""

    path: str

    def ident(self) -> object:
        return self.path

    def shown(self) -> str:
        return self.path


@dataclass(frozen=True, kw_only=True, slots=True)
class ClassRef(Ref):
    """A project class."""

    cls: FuncId

    def ident(self) -> object:
        return self.cls

    def shown(self) -> str:
        return str(self.cls)


@dataclass(frozen=True, kw_only=True, slots=True)
class FuncRef(Ref):
    """A project function (or a method read through its class)."""

    func: FuncId

    def ident(self) -> object:
        return self.func

    def shown(self) -> str:
        return str(self.func)


@dataclass(frozen=True)
class Made:
    """The constructor call that made an instance, where a program its methods launch from the
    constructor's arguments enters (`calls.call_project`)."""

    func: FuncId  # the function holding the call
    node: cst.CSTNode  # the call (compared by identity: the same call is the same `Made`)
    site: SiteRef = field(compare=False)
    stored: bool = False  # kept on `self.<attr>` by that function (`statements.assign`)


def _made_place(m: Made) -> object:
    """`shape`'s key for a constructor call: the call by its place in its tree, not its
    identity (`values.PLACED`)."""
    got = m.site.piece.placed(m.node)
    return (m.func, m.node if got is None else got, m.stored)


PLACED[Made] = _made_place


@dataclass(frozen=True, kw_only=True, slots=True)
class InstanceRef(Ref):
    """An instance of a project class; with the constructor that made it and, in `args`, the
    values its parameters were bound to (a `DictV` by name), when the construction is known;
    `made`: the project call that made it, then."""

    cls: FuncId
    init: FuncId | None = None
    made: Made | None = None

    @property
    def binding(self) -> DictV | None:
        got = self.args[0] if self.init is not None and self.args else None
        return got if isinstance(got, DictV) else None

    def ident(self) -> object:
        # Made by another call, it is another flow (each is where its program enters).
        return (self.cls, self.init, self.made)

    def shown(self) -> str:
        return str(self.cls)


@dataclass(frozen=True, kw_only=True, slots=True)
class ExternalRef(Ref):
    """Something outside the project, by its dotted name (`subprocess.Popen`, `builtins.str`)."""

    name: str

    def ident(self) -> object:
        return self.name

    def shown(self) -> str:
        return self.name


@dataclass(frozen=True, kw_only=True, slots=True)
class CommandRef(Ref):
    """A library command object (sh's `sh.git`, plumbum's `local["git"]`): it names a program
    and starts it when run (`models.commands`). `args`: (the program, a `Seq` of the words
    added to it so far); `family`: the catalogue's command family (its sink name); `origin`:
    the node where the program was chosen (`Piece.node_key`: its place, not its identity,
    which a tree parsed again would not keep), which tells in a statement whether it is run
    there or kept (`models.commands.flush`)."""

    family: str
    origin: tuple[object, ...] = field(compare=False)
    method: str | None = None  # a method read and not called yet (`cmd.bake`, `cmd.run`)

    @property
    def program(self) -> Value:
        return self.args[0]

    @property
    def words(self) -> Seq:
        words = self.args[1]
        assert isinstance(words, Seq)
        return words

    def ident(self) -> object:
        return (self.family, self.origin, self.method)

    def shown(self) -> str:
        return f"a {self.family} command object"


@dataclass(frozen=True, kw_only=True, slots=True)
class MethodRef(Ref):
    """A project method bound to its receiver (`args`: the receiver)."""

    func: FuncId

    @property
    def receiver(self) -> Value:
        return self.args[0]

    def ident(self) -> object:
        return self.func

    def shown(self) -> str:
        return str(self.func)


@dataclass(frozen=True, kw_only=True, slots=True)
class BoundRef(Ref):
    """A method of a known string, sequence or dict (`args`: the receiver): `sep.join`."""

    method: str

    @property
    def receiver(self) -> Value:
        return self.args[0]

    def ident(self) -> object:
        return self.method

    def shown(self) -> str:
        return self.method


@dataclass(frozen=True, kw_only=True, slots=True)
class SuperRef(Ref):
    """`super()` in a method of class `cls` (`args`: the receiver)."""

    cls: FuncId

    @property
    def receiver(self) -> Value | None:
        return self.args[0] if self.args else None

    def ident(self) -> object:
        return self.cls

    def shown(self) -> str:
        return str(self.cls)


@dataclass(frozen=True, kw_only=True, slots=True)
class PartialRef(Ref):
    """`functools.partial(func, *first, **keywords)`; `args`: (func, first (a `Seq`),
    keywords (a `DictV`))."""

    @property
    def parts(self) -> tuple[Value, Seq, DictV]:
        func, first, keywords = self.args
        assert isinstance(first, Seq) and isinstance(keywords, DictV)
        return func, first, keywords

    def ident(self) -> object:
        return None

    def shown(self) -> str:
        return ""


@dataclass(frozen=True, kw_only=True, slots=True)
class GetterRef(Ref):
    """`operator.attrgetter(name)` and `operator.methodcaller(name, *first, **keywords)`:
    called with an object, its attribute `name` (dotted for attrgetter), called with `first`
    and `keywords` for methodcaller (`models.builtins.call_getter`). `args`: (name, first (a
    `Seq`), keywords (a `DictV`))."""

    calls: bool  # methodcaller

    @property
    def parts(self) -> tuple[Value, Seq, DictV]:
        name, first, keywords = self.args
        assert isinstance(first, Seq) and isinstance(keywords, DictV)
        return name, first, keywords

    def ident(self) -> object:
        return self.calls

    def shown(self) -> str:
        return "operator.methodcaller()" if self.calls else "operator.attrgetter()"


@dataclass(frozen=True, kw_only=True, slots=True)
class NamespaceRef(Ref):
    """The attributes of a module as a mapping: `vars(module)`, `module.__dict__` (`args`:
    (the module,)); an item by a known key is the attribute (`models.builtins.namespace_item`).
    """

    @property
    def owner(self) -> Value:
        return self.args[0]

    def ident(self) -> object:
        return None

    def shown(self) -> str:
        return "a module's namespace"


@dataclass(frozen=True, kw_only=True, slots=True)
class AttrsRef(Ref):
    """An object whose attributes are its constructor's keyword arguments
    (`types.SimpleNamespace(bin="codex")`; `args`: (a `DictV` of them by name, a `**`
    mapping not known under the key `**`)); read by `attributes.of_attrs`."""

    name: str  # the constructor (`types.SimpleNamespace`)

    @property
    def binding(self) -> DictV:
        got = self.args[0]
        assert isinstance(got, DictV)
        return got

    def ident(self) -> object:
        return self.name

    def shown(self) -> str:
        return f"a {self.name}"


ANY_MODULE = "*"  # `ChosenRef.names`: any module (`sys.modules[name]` of a name not known)
# `ChosenRef.names` that run code (`models.code`): `getattr(builtins, name)` may be either.
CODE_RUNNERS = ("builtins.eval", "builtins.exec")


@dataclass(frozen=True, kw_only=True, slots=True)
class ChosenRef(Ref):
    """A library attribute chosen by a name not known (`vars(subprocess)[name]`,
    `sys.modules[name].run`): any of `names`, the launchers (`launcher_names`) it may be, or
    (`ANY_MODULE`) any module. A call of one that may be a sink is a launch site left
    unresolved, `why` naming what was not known (`calls.call_chosen`): not clean."""

    names: tuple[str, ...]
    why: str

    def ident(self) -> object:
        return (self.names, self.why)

    def shown(self) -> str:
        return self.why

    def not_text(self) -> str:
        return self.why


def chosen_under(names: Iterable[str], launchers: frozenset[str], why: str) -> Value | None:
    """An attribute of one of `names` (or of any module: `ANY_MODULE`) chosen by a name not
    known: the launchers it may be, None when it can be none."""
    wanted = tuple(names)
    if wanted == (ANY_MODULE,):
        return ChosenRef(trace=(), names=(ANY_MODULE,), why=why)
    picked = sorted(
        n for n in launchers for w in wanted if n.startswith(w + ".") and "." not in n[len(w) + 1 :]
    )
    return ChosenRef(trace=(), names=tuple(picked), why=why) if picked else None


def chosen_attribute(o: ChosenRef, attr: str, launchers: frozenset[str]) -> Value | None:
    """`attr` of a chosen attribute or module: the launchers it may be (None: none)."""
    if o.names == (ANY_MODULE,):
        picked = sorted(n for n in launchers if "." in n and n.rsplit(".", 1)[1] == attr)
    else:
        picked = sorted(f"{n}.{attr}" for n in o.names if f"{n}.{attr}" in launchers)
    return ChosenRef(trace=(), names=tuple(picked), why=o.why) if picked else None


def launcher_names(sinks: Iterable[str]) -> frozenset[str]:
    """The dotted names a value holding a launcher may be: the sinks (`subprocess.run`) and
    what holds them as attributes (`subprocess`, `asyncio.AbstractEventLoop`)."""
    out: set[str] = set()
    for call in sinks:
        parts = call.split(".")
        out.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return frozenset(out)


def sink_or_partial(o: Value, sinks: Container[str]) -> bool:
    """One value that is a sink (`subprocess.run`) or a `functools.partial` of one, at any
    depth (`partial(partial(subprocess.run, check=True), text=True)`)."""
    while type(o) is PartialRef and o.args:
        o = o.args[0]
    return isinstance(o, ExternalRef) and o.name in sinks


def holds_launcher(v: Value, launchers: frozenset[str]) -> bool:
    """Whether a value may be a launcher, or hold one where a caller reaches it by a call or an
    attribute (`launcher_names`): alone, among alternatives, in a list or a dict's values, or
    in a `functools.partial`. A function giving such a value is followed to its callers, who
    call what it gives (`runner()(argv)`, `sp().run(argv)`); its value is computed, not
    guessed: a deferred part (a call not followed) is not looked into."""

    def launcher(x: Value) -> bool:
        if type(x) is ExternalRef:
            return x.name in launchers
        return type(x) is PartialRef and holds_launcher(x.args[0], launchers)

    return any_part(v, launcher, into_refs=False)


@dataclass(frozen=True, kw_only=True, slots=True)
class AnnotatedRef(Ref):
    """Parameter `param` of function `func`, read through its annotated class (`cfg: Settings`).

    `args`: (the parameter,) while a read of it waits for the callers' argument, which fills
    it in (`interpret.attributes.of_annotated`), then (that argument,); none: the class alone.
    `origin`: the parameter, kept out of `args` until a read waits for it (a value holding
    reads that do not wait is not a wrapper of the parameter)."""

    func: FuncId
    param: str
    origin: Value | None = field(default=None, compare=False)

    def ident(self) -> object:
        # (A read that may wait is not the class's view alone: remembered apart, `memo`.)
        return (self.func, self.param, self.origin is not None)

    def shown(self) -> str:
        return str(self.func)


@dataclass(frozen=True, kw_only=True, slots=True)
class OperandRef(Ref):
    """An operation pending on its operand (`args[0]`), done again once the operand is more
    known (`lazy.redo_on`): `PickRef`, `ItemRef`, `SplitRef`, `JoinRef`, `OutputRef`,
    `StoredRef`."""

    PENDING = True

    @property
    def operand(self) -> Value:
        return self.args[0]


@dataclass(frozen=True, kw_only=True, slots=True)
class PickRef(OperandRef):
    """Argument `key` (an index, or a keyword) of a call made with `*operand` / `**operand`,
    while the operand is a parameter or not computed yet (`lazy.pick`); `args`: (operand,), or
    (operand, missing) for a keyword a mapping may leave out (see `missing`)."""

    key: int | str  # a keyword's name, or a position
    # Subscripted (`spec["cmd"]` of a mapping parameter), not a `**` keyword: a mapping lacking
    # the key says so (the same pick otherwise).
    item: bool = False

    FORWARDED = True

    @property
    def missing(self) -> Value | None:
        """What keyword `key` is when the mapping turns out not to hold it: the default of the
        parameter `f(**kw)` binds it to (`calls.bind`, where the same default is also bound
        beside this pick, so that it is judged, and reported, at that call as any default
        is); None: the argument is not passed."""
        return self.args[1] if len(self.args) > 1 else None

    def ident(self) -> object:
        return (self.key, True) if self.item else self.key

    def shown(self) -> str:
        if self.item:
            return f"[{self.key!r}]"
        return f"kw:{self.key}" if isinstance(self.key, str) else str(self.key)

    def not_text(self) -> str:
        return hole_reason(self.operand) or "an argument passed with * or ** is not known"


@dataclass(frozen=True, kw_only=True, slots=True)
class ItemRef(OperandRef):
    """Any one item of a sequence that waits for a parameter (`lazy.any_item`): a loop's
    variable over a wrapper's `*clis` or list parameter (`for c in clis: run([c])`), each
    item once a caller's arguments fill it in; `what`: the loop's iterable, as a reason names
    it; `args`: (the sequence,)."""

    what: str

    FORWARDED = True

    def ident(self) -> object:
        return self.what

    def shown(self) -> str:
        return f"an element of {self.what}"

    def not_text(self) -> str:
        return hole_reason(self.operand) or f"element of {self.what}"


@dataclass(frozen=True, kw_only=True, slots=True)
class ItemsRef(Ref):
    """The items of a comprehension over a parameter's items (`[get_spec(c) for c in clis]`):
    any number of them, each its element with the loop variable an `ItemRef` of the parameter
    (`args`: (that element,)); a loop over them reads one, filled in by the callers."""

    @property
    def item(self) -> Value:
        return self.args[0]

    def ident(self) -> object:
        return None

    def shown(self) -> str:
        return "items of a comprehension"

    def not_text(self) -> str:
        return "items of a comprehension"


SplitHow = Literal["shlex", "whitespace"]


@dataclass(frozen=True, kw_only=True, slots=True)
class SplitRef(OperandRef):
    """The words of a string that waits for a parameter or a deferred part (`lazy.split_words`):
    `how` is "shlex" (`shlex.split`) or "whitespace" (`str.split()`); `args`: (the string,)."""

    how: SplitHow

    def ident(self) -> object:
        return self.how

    def shown(self) -> str:
        return self.how

    def not_text(self) -> str:
        return hole_reason(self.operand) or "the string it splits is not known"


@dataclass(frozen=True, kw_only=True, slots=True)
class JoinRef(OperandRef):
    """`sep.join(items)` of items that wait for a parameter (a wrapper's `" ".join(cmd)`,
    `shlex.join(cmd)`; not for deferred parts alone): joined once the callers fill them in
    (`lazy.join`); text until then, kept inside strings (`FORWARDED`) so that a shell line
    built from it is read at each call. `args`: (the items, the separator)."""

    FORWARDED = True

    @property
    def sep(self) -> Value:
        return self.args[1]

    def ident(self) -> object:
        return None

    def shown(self) -> str:
        return "a join"

    def not_text(self) -> str:
        return hole_reason(self.operand) or "joined items are not known"


@dataclass(frozen=True, kw_only=True, slots=True)
class StoredRef(OperandRef):
    """A container that waits for a parameter or a deferred part, with an item stored into it
    (`result = copy.deepcopy(base); result[key] = value` in a merge helper): the store is made
    again once a caller fills the container in (`lazy.store_item`), rather than dropped, which
    left the caller's mapping without what was stored. `args`: (the container, the key, the
    value)."""

    @property
    def key(self) -> Value:
        return self.args[1]

    @property
    def value(self) -> Value:
        return self.args[2]

    def ident(self) -> object:
        return None

    def shown(self) -> str:
        return "a container stored into"

    def not_text(self) -> str:
        return hole_reason(self.operand) or "a container stored into is not known"


@dataclass(frozen=True, kw_only=True, slots=True)
class YieldsRef(Ref):
    """What a call of a generator function gives: any number of items, each one of the values
    it yields (`args`: (those values,)); a loop over it reads one of them."""

    @property
    def item(self) -> Value:
        return self.args[0]

    def ident(self) -> object:
        return None

    def shown(self) -> str:
        return "a generator"


class OutputStage(Enum):
    """What a launch's result is, on the way to the text its program prints."""

    PROCESS = "process"  # a running process (`Popen`, asyncio's): its `.stdout` is a pipe
    COMPLETED = "completed"  # `subprocess.run`'s result: its `.stdout` is the captured text
    PIPE = "pipe"  # a process's stdout pipe: each line read from it is text
    TEXT = "text"  # printed text (captured output, or a line of it)


@dataclass(frozen=True, kw_only=True, slots=True)
class OutputRef(OperandRef):
    """The result of launching the argv `args[0]` (`models.processes`), at `stage`, while that
    argv waits for a parameter or a deferred part, or before its text is read."""

    stage: OutputStage

    def ident(self) -> object:
        return self.stage

    def shown(self) -> str:
        return f"output ({self.stage.value})"

    def not_text(self) -> str:
        return hole_reason(self.operand) or "what the launched program prints is not known"


class ParserStage(Enum):
    """What an `argparse` object is: the parser, or the namespace `parse_args()` gives."""

    PARSER = "parser"
    NAMESPACE = "namespace"


@dataclass(frozen=True, kw_only=True, slots=True)
class ArgParserRef(Ref):
    """An `argparse.ArgumentParser` (and its sub-parsers) or the namespace it parses
    (`models.cli_args`); `args`: (a DictV from each option's `dest` to what it can hold,)."""

    stage: ParserStage
    home: str  # the file that makes the parser (searched for stores into the namespace)

    @property
    def options(self) -> DictV:
        held = self.args[0]
        assert isinstance(held, DictV)
        return held

    def ident(self) -> object:
        return (self.stage, self.home)

    def shown(self) -> str:
        return f"an argparse {self.stage.value}"

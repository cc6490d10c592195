"""Command objects: library values that name a program and start it when run (the rule pack's
`commands`: sh's `sh.codex("exec")`, `sh.Command(path)`, plumbum's `local["codex"]["exec"]()`,
`from plumbum.cmd import codex`).

A command object (`CommandRef`) is made where the program is chosen (an attribute or imported
name, a subscript key, a constructor argument), gains words (`sh.git.status`, `bake`,
`ls["-l"]`) and starts when called, run (`.run()`, `.popen()`) or combined with an operator
(`cmd & FG`). Where it is reported (DESIGN.md, "finding location"):
- made and run in one statement (`sh.codex("exec")`, `(local["ls"] | local["codex"])()`): the
  call that starts it, with every word, the trace naming where the program was chosen;
- kept (`git = sh.git.bake("-C", d)`, `from sh import codex`, passed or returned): where it is
  made, with the words a later run adds not known. A kept object can be run from anywhere
  (another module that never imports the library, a thread, library code the analysis does
  not follow), and every use passes through its making, as for a catalogue SDK class.

The frame keeps the objects made in the statement being run (`Frame.commands`, by the node
where their program was chosen); a run in the same statement takes its object out, and what
is left when the statement ends is reported where it was made (`flush`).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import libcst as cst

from frontier_lint.dataflow.lazy import STAR_KWARGS, argument
from frontier_lint.dataflow.models.launches import as_launched, launch_site
from frontier_lint.dataflow.refs import CommandRef, ExternalRef
from frontier_lint.dataflow.summaries import SinkEvent, SinkForm
from frontier_lint.dataflow.values import (
    Param,
    Ref,
    Seq,
    Splat,
    Str,
    Unknown,
    Value,
    _key,
    alt,
    map_text,
    options,
    seq,
    string,
    unknown,
)
from frontier_lint.frontend.parsing import LazyHop
from frontier_lint.settings.catalogue import (
    CommandFamily,
    CommandMaker,
    Naming,
    Operator,
)

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame

LATER = "the words a later run of the command object adds are not known"
_KEYWORDS = "keyword arguments it turns into options"

# A binary operator's symbol (`cmd & FG`, `ls | grep`, `cmd >> "log"`): comparisons
# (`cmd > "out"`) are not binary operations, and leave the object kept.
OPERATORS: dict[type[cst.BaseBinaryOp], str] = {
    cst.BitAnd: "&",
    cst.BitOr: "|",
    cst.RightShift: ">>",
    cst.LeftShift: "<<",
}


# --- making ----------------------------------------------------------------------------------


def by_attribute(
    f: Frame, made: tuple[CommandFamily, CommandMaker], attr: str, node: cst.CSTNode | None
) -> Value | None:
    """`sh.codex`, `from sh import codex`, `local.cmd.codex`: the attribute is the program
    (None: a name of the library that is not one, `sh.ErrorReturnCode`)."""
    family, maker = made
    if node is None or attr.startswith("__") or not maker.names_program(attr):
        return None
    hop = f.hop(node, f"`{attr}` named as a program by {maker.at}.{attr}")
    return _made(f, family, _underscored(maker, string(attr, hop)), node, named=True)


def _replace_underscores(by: str, text: str) -> str:
    return text.replace("_", by)


def _underscored(maker: CommandMaker, program: Value) -> Value:
    """A name with `_` looked up as written, then with each `_` as the maker says (sh:
    `google_chrome` is also `google-chrome`)."""
    if not maker.underscore:
        return program
    out: list[Value] = []
    for o in options(program):
        out.append(o)
        if isinstance(o, Str) and "_" in o.text:
            out.extend(map_text(o, partial(_replace_underscores, c)) for c in maker.underscore)
    return alt(out)


def by_computed_attribute(
    f: Frame, made: tuple[CommandFamily, CommandMaker], name: Value, node: cst.CSTNode
) -> Value:
    """`getattr(sh, name)`: the program is the name, whatever it is."""
    return _made(f, made[0], name, node)


def by_call(
    f: Frame,
    made: tuple[CommandFamily, CommandMaker],
    node: cst.Call,
    pos: list[Value],
    kws: dict[str, Value],
) -> Value:
    """`sh.Command("codex")`, `local.get("codex", "claude")`."""
    family, maker = made
    if maker.naming is Naming.ALTERNATIVES:
        given = pos[maker.varargs :]
        found: list[Value] = []
        for v in given:
            if isinstance(v, Splat):
                found.append(unknown("a program name passed with *"))
            else:
                found.append(v)
        program = alt(found) if found else unknown("no program name is passed")
    else:
        assert maker.path is not None
        got = argument(maker.path.pos, maker.path.kw, pos, kws)
        program = got if got is not None else unknown("the program argument is missing")
    return _made(f, family, program, node)


def by_item(
    f: Frame, made: tuple[CommandFamily, CommandMaker], key: Value, node: cst.CSTNode
) -> Value:
    """`local["codex"]`: the key is the program."""
    return _made(f, made[0], _underscored(made[1], key), node)


def _made(
    f: Frame, family: CommandFamily, program: Value, node: cst.CSTNode, *, named: bool = False
) -> CommandRef:
    if not named and not isinstance(program, Unknown | Ref | Param):
        # Where the program was chosen (an attribute's own hop says so already).
        program = program.with_hop(f.hop(node, "program chosen by {code}", node))
    cmd = CommandRef(
        trace=(), args=(program, seq([])), family=family.sink, origin=f.piece.node_key(node)
    )
    _keep(f, node, cmd, None)
    return cmd


def _keep(f: Frame, node: cst.CSTNode, cmd: CommandRef, was: CommandRef | None) -> None:
    """Note `cmd`, made at `node` in this statement (replacing `was`, which it extends)."""
    kept = f.commands.setdefault(cmd.origin, [])
    if was is not None:
        old = _key(was)
        kept[:] = [(n, c) for n, c in kept if _key(c) != old]
    kept.append((node, cmd))


def _extended(
    f: Frame, family: CommandFamily, cmd: CommandRef, words: list[Value], node: cst.CSTNode
) -> CommandRef:
    """`cmd` with more words (an attribute, a subscript, `bake`)."""
    more = seq([*cmd.words.items, *_nested(f, family, words)])
    new = CommandRef(
        trace=cmd.trace, args=(cmd.program, more), family=cmd.family, origin=cmd.origin
    )
    if cmd.origin in f.commands:
        _keep(f, node, new, cmd)
    return new


def _nested(f: Frame, family: CommandFamily, words: list[Value]) -> list[Value]:
    """Words given to a command: a command object among them (plumbum's `sudo[ls["-l"]]`)
    stands for its own argv, and is part of this one (not kept apart)."""
    if not family.nested:
        return words
    out: list[Value] = []
    for w in words:
        inner = [o for o in options(w) if isinstance(o, CommandRef)]
        if not inner:
            out.append(w)
            continue
        argvs: list[Value] = []
        for o in options(w):
            if isinstance(o, CommandRef):
                f.commands.pop(o.origin, None)
                argvs.append(seq([o.program, *o.words.items]))
            else:
                argvs.append(seq([o]))
        out.append(Splat(trace=(), inner=alt(argvs)))
    return out


# --- using -----------------------------------------------------------------------------------


def attribute(f: Frame, o: CommandRef, attr: str, node: cst.CSTNode | None) -> Value:
    """A method of the command object (held in `method` until called), or, for a family whose
    attributes are words, the command with that word (`sh.git.status`)."""
    family = f.analyzer.command_families.get(o.family)
    if family is None or o.method is not None:
        return unknown(f"attribute {attr} of {o.shown()}")
    if attr in family.bake or attr in family.same or attr in family.run:
        return CommandRef(trace=o.trace, args=o.args, family=o.family, origin=o.origin, method=attr)
    if family.attributes and not attr.startswith("_") and node is not None:
        return _extended(f, family, o, [string(attr, f.hop(node, f"`{attr}` added"))], node)
    # Anything else (`cmd.formulate()`): the object stays kept, reported where it was made.
    return unknown(f"attribute {attr} of {o.shown()}")


def call(
    f: Frame, o: CommandRef, node: cst.Call, pos: list[Value], kws: dict[str, Value], star: bool
) -> Value:
    """A call of the command object (it runs with the call's arguments as more words) or of
    one of its methods."""
    family = f.analyzer.command_families.get(o.family)
    if family is None:
        return unknown(f"result of {o.shown()}")
    method = o.method
    if method is None:
        return _run(f, family, o, node, [*pos, *_keywords(family, kws)])
    plain = CommandRef(trace=o.trace, args=o.args, family=o.family, origin=o.origin)
    if method in family.bake:
        return _extended(f, family, plain, [*pos, *_keywords(family, kws)], node)
    if method in family.same:
        return plain
    spec = family.run.get(method)
    extra: list[Value] = []
    if spec is not None:
        given = argument(spec.pos, spec.kw, pos, kws)
        if given is not None:
            extra = [_as_words(given)]
    return _run(f, family, plain, node, extra)


def subscript(f: Frame, node: cst.Subscript, base: Value) -> Value:
    """`local["codex"]` (a maker's item: the program), `ls["-l", "-a"]` (more words)."""
    keys: list[Value] = []
    for element in node.slice:
        sl = element.slice
        keys.append(f.eval(sl.value) if isinstance(sl, cst.Index) else unknown("a slice"))
    out: list[Value] = []
    for o in options(base):
        if isinstance(o, CommandRef):
            family = f.analyzer.command_families.get(o.family)
            if family is None or not family.items:
                out.append(unknown(f"item of {o.shown()}"))
                continue
            words = [_as_words(k) for k in keys] if len(keys) == 1 else keys
            out.append(_extended(f, family, o, words, node))
        elif isinstance(o, ExternalRef) and o.name in f.analyzer.command_items:
            key = keys[0] if len(keys) == 1 else unknown("several keys")
            out.append(by_item(f, f.analyzer.command_items[o.name], key, node))
        else:
            out.append(unknown("item of a value that is not a command object"))
    return alt(out)


def holds_command(f: Frame, v: Value) -> bool:
    """Whether a subscript of `v` is one of a command object or of where one is made."""
    return any(
        isinstance(o, CommandRef)
        or (isinstance(o, ExternalRef) and o.name in f.analyzer.command_items)
        for o in options(v)
    )


def operate(f: Frame, node: cst.BinaryOperation, left: Value, right: Value) -> Value | None:
    """`cmd & FG` runs it, `a | b` is a pipeline (each side runs when it runs), `cmd >> "log"`
    is the same command; None: the operator means nothing to the family."""
    symbol = OPERATORS.get(type(node.operator))
    if symbol is None:
        return None
    out: list[Value] = []
    for o in options(left):
        family = f.analyzer.command_families.get(o.family) if isinstance(o, CommandRef) else None
        op = family.operators.get(symbol) if family is not None else None
        if family is None or op is None or not isinstance(o, CommandRef):
            out.append(
                unknown(
                    f"result of {symbol} of {o.shown() if isinstance(o, CommandRef) else 'a value'}"
                )
            )
        elif op is Operator.RUN:
            out.append(_run(f, family, o, node, []))
        elif op is Operator.PIPE:
            # Both sides run: as alternatives, each is judged when the pipeline runs, and
            # the pipeline is forbidden if either side is, clean only if both are.
            out.append(o)
            out.extend(r for r in options(right) if isinstance(r, CommandRef))
        else:
            out.append(o)
    return alt(out)


def _keywords(family: CommandFamily, kws: dict[str, Value]) -> list[Value]:
    """sh turns keyword arguments not starting with `_` into options (`-n`, `--user=bob`):
    words not known here. (Those starting with `_` are sh's own: `_bg`, `_out`.)"""
    if not family.keywords:
        return []
    if any(k == STAR_KWARGS or not k.startswith("_") for k in kws):
        return [Splat(trace=(), inner=unknown(_KEYWORDS))]
    return []


def _as_words(v: Value) -> Value:
    """An argument that is a word or a sequence of words (plumbum's `run(("-l", "-a"))`,
    `ls[args]`): a `Splat` of the sequences' items, the word itself otherwise."""
    found = options(v)
    if not any(isinstance(o, Seq) for o in found):
        return v
    return Splat(trace=(), inner=alt([o if isinstance(o, Seq) else seq([o]) for o in found]))


def _run(
    f: Frame, family: CommandFamily, cmd: CommandRef, node: cst.CSTNode, words: list[Value]
) -> Value:
    """The command object starts here with `words` added: a launch site, when it was made in
    this statement (else it was reported where it was made)."""
    if f.commands.pop(cmd.origin, None) is None:
        return unknown(f"result of running {cmd.shown()}")
    argv = seq([cmd.program, *cmd.words.items, *_nested(f, family, words)])
    _launch(f, family, argv, node, f.hop(node, f"reaches {family.sink} (run here)"))
    return unknown(f"result of running {cmd.shown()}")


def flush(f: Frame) -> None:
    """The statement ended: each command object made in it and not run there is a launch site
    where it was made, the words a later run adds not known."""
    kept, f.commands = f.commands, {}
    for made in kept.values():
        for node, cmd in made:
            family = f.analyzer.command_families.get(cmd.family)
            if family is None:
                continue
            later = Splat(trace=(), inner=unknown(LATER))
            argv = seq([cmd.program, *cmd.words.items, later])
            hop = f.hop(node, f"{family.sink} command object made here, run later")
            _launch(f, family, argv, node, hop)


def _launch(f: Frame, family: CommandFamily, argv: Value, node: cst.CSTNode, hop: LazyHop) -> None:
    """Record the launch site and hand its event to the classifier (`interpret.sinks.sink`)."""
    site = launch_site(f, node)
    argv = as_launched(f, argv)
    event = SinkEvent(
        sink=family.sink,
        kind=family.kind,
        form=SinkForm.ARGV,
        value=argv,
        site=site,
        after=(hop,),
    )
    f.emit(event, site)

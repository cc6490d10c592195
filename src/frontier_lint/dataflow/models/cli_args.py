"""`argparse`: what `args.NAME` of `parser.parse_args()` can hold.

An option's value is its default (`default=`, a `set_defaults(NAME=...)`) or what the user types,
which is not known; `choices=[...]` bounds what the user can type to those values. So a
forbidden default or choice is a violation and an allowed one leaves the launch unresolved, as
an `os.getenv` default does.

The options are read from the function (or module) that makes the parser, where the parser is
made: every `add_argument` / `set_defaults` on it, on its argument groups and on its
sub-parsers (`add_subparsers().add_parser(...)`), found by the names they are assigned to in
that body. An option added elsewhere (a helper handed the parser, a parent parser) is not
seen: reading it is unknown, never clean.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import libcst as cst

from frontier_lint.dataflow.refs import ArgParserRef, BoundRef, ParserStage
from frontier_lint.dataflow.values import (
    Const,
    DictV,
    Seq,
    Splat,
    Str,
    Value,
    alt,
    options,
    seq,
    string,
    unknown,
)
from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.scan.stores import store_test

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame

# Methods whose result adds its options to the parser it is called on.
_DERIVED = frozenset(
    ("add_subparsers", "add_parser", "add_argument_group", "add_mutually_exclusive_group")
)
_PARSE = frozenset(("parse_args", "parse_intermixed_args"))
_PARSE_KNOWN = frozenset(("parse_known_args", "parse_known_intermixed_args"))
# Actions whose value is not text the user types.
_NO_INPUT = frozenset(("store_true", "store_false", "count", "help", "version"))
_CONST = frozenset(("store_const", "append_const"))
_MANY = frozenset(("append", "extend"))
# Words of a module chunk that may add options to a parser made elsewhere in the module.
# (`ArgumentParser`: the chunk making the parser, whose name the others use.)
_WORDS = ("ArgumentParser", "add_argument", "set_defaults", *_DERIVED)


@dataclass
class _Body(cst.CSTVisitor):
    """Assignments to plain names and method calls on plain names (or on calls) in a body."""

    assigns: list[tuple[str, cst.BaseExpression]] = field(default_factory=list)
    calls: list[cst.Call] = field(default_factory=list)

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            if isinstance(t.target, cst.Name):
                self.assigns.append((t.target.value, node.value))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if isinstance(node.target, cst.Name) and node.value is not None:
            self.assigns.append((node.target.value, node.value))

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in (
            "add_argument",
            "set_defaults",
        ):
            self.calls.append(node)


def _of_parser(expr: cst.BaseExpression, made: cst.Call, names: set[str]) -> bool:
    """Whether `expr` is the parser `made`, or one of the objects whose options are its own."""
    while True:
        if expr is made:
            return True
        if isinstance(expr, cst.Name):
            return expr.value in names
        if (
            isinstance(expr, cst.Call)
            and isinstance(expr.func, cst.Attribute)
            and expr.func.attr.value in _DERIVED
        ):
            expr = expr.func.value
            continue
        return False


def _text(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, cst.SimpleString | cst.ConcatenatedString):
        got = expr.evaluated_value
        return got if isinstance(got, str) else None
    return None


def _dest(call: cst.Call) -> tuple[str | None, str]:
    """The attribute an `add_argument` stores into (None: not known here), and the flag that
    names it in a trace."""
    flags: list[str] = []
    for arg in call.args:
        if arg.keyword is None and arg.star == "":
            text = _text(arg.value)
            if text is None:
                return None, "an option named by a computed string"
            flags.append(text)
    long = [s for s in flags if s.startswith("--")]
    shown = (long or flags)[0] if flags else "dest"
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "dest":
            return _text(arg.value), shown
    if not flags:
        return None, "an option with no name"
    if not flags[0].startswith("-"):
        return flags[0], flags[0]  # a positional argument: its name as written
    # argparse's rule: the first long option, else the first short one, dashes inside as `_`.
    return shown.lstrip("-").replace("-", "_"), shown


def _keyword(call: cst.Call, name: str) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    return None


def _option(f: Frame, call: cst.Call, flag: str) -> Value:
    """What one `add_argument` can store: its default, or the user's input (one of `choices`
    when it has them)."""
    hop = f.hop(call, f"command-line option `{flag}`")
    default = _keyword(call, "default")
    # (No default: None while the option is not given, which names no program.)
    found: list[Value] = [f.eval(default).with_hop(hop)] if default is not None else []
    action = _keyword(call, "action")
    action_name = _text(action) if action is not None else "store"
    if action_name in _NO_INPUT:
        return alt(found or [Const(trace=(), value=None)])
    if action_name in _CONST:
        const = _keyword(call, "const")
        found.append(
            f.eval(const).with_hop(hop) if const is not None else Const(trace=(), value=None)
        )
        return alt(found)
    choices = _keyword(call, "choices")
    typed: Value = unknown(f"command-line option `{flag}`: what the user gives", hop)
    if choices is not None:
        listed = f.force(f.eval(choices))
        items = [i for o in options(listed) if isinstance(o, Seq) for i in o.items]
        known = all(isinstance(o, Seq) for o in options(listed)) and not any(
            isinstance(i, Splat) for i in items
        )
        if known and items:
            typed = alt([i.with_hop(hop) for i in items])
    nargs = _keyword(call, "nargs")
    one = nargs is None or _text(nargs) == "?"
    if action_name in _MANY or not one or (action is not None and action_name is None):
        # A list of values (or an action this model does not know: any value at all).
        typed = seq([Splat(trace=(), inner=typed)])
    found.append(typed)
    return alt(found)


def _bodies(f: Frame) -> list[tuple[Sequence[cst.CSTNode], Frame]]:
    """The statements that may add the parser's options, each with a frame to read them in:
    the maker's body; at a module's top level, every chunk of the module that names one of
    the methods (the frame's chunk holds only the statements around the parser's)."""
    out: list[tuple[Sequence[cst.CSTNode], Frame]] = [(f.func.body, f)]
    seen = {id(stmt) for stmt in f.func.body}
    scope = f.scope
    source = scope.source if scope is not None and f.func.node is None else None
    if source is None:
        return out
    for index, chunk in enumerate(source.chunks):
        text = source.line_text(chunk.start, chunk.end)
        if not any(word in text for word in _WORDS):
            continue
        stmts, piece = source.statements(index)
        if any(id(stmt) in seen for stmt in stmts):
            continue  # the frame's own statements
        func = replace(f.func, body=stmts, piece=piece)
        out.append((stmts, type(f)(f.analyzer, func, depth=f.depth, module_level=True)))
    return out


def argument_parser(f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]) -> Value:
    """`argparse.ArgumentParser(...)`: the parser with the options its maker's body adds."""
    bodies = _bodies(f)
    found: list[tuple[_Body, Frame]] = []
    for stmts, g in bodies:
        body = _Body()
        for stmt in stmts:
            stmt.visit(body)
        found.append((body, g))
    names: set[str] = set()
    changed = True
    while changed:  # names bound to the parser, its groups and sub-parsers, in any order
        changed = False
        for body, _ in found:
            for name, value in body.assigns:
                if name not in names and _of_parser(value, node, names):
                    names.add(name)
                    changed = True
    by_dest: dict[str, list[Value]] = {}
    anywhere: list[Value] = []  # options whose attribute name is not known here
    for body, g in found:
        with g.quietly():
            for call in body.calls:
                assert isinstance(call.func, cst.Attribute)
                if not _of_parser(call.func.value, node, names):
                    continue
                if call.func.attr.value == "set_defaults":
                    for arg in call.args:
                        if arg.keyword is not None:
                            hop = g.hop(call, f"set_defaults({arg.keyword.value}=...)")
                            by_dest.setdefault(arg.keyword.value, []).append(
                                g.eval(arg.value).with_hop(hop)
                            )
                        else:
                            anywhere.append(unknown("set_defaults(**...) not known"))
                    continue
                dest, flag = _dest(call)
                held = _option(g, call, flag)
                if dest is None:
                    anywhere.append(unknown(f"{flag}: its attribute is not known"))
                else:
                    by_dest.setdefault(dest, []).append(held)
    entries = tuple((string(k), alt([*v, *anywhere])) for k, v in by_dest.items())
    return ArgParserRef(
        trace=(),
        stage=ParserStage.PARSER,
        home=f.func.path,
        args=(DictV(trace=(), entries=entries),),
    )


# Text that may change any attribute of an object: `setattr(args, name, v)`,
# `args.__dict__[...]`, `vars(args)[name] = v`, `vars(args).update(...)`.
_ANY_STORE = lazy_compile(
    rb"setattr\s*\(|__dict__|vars\s*\([^()]*\)\s*(?:\[[^\]]*\]\s*=(?!=)|\.\s*(?:update|setdefault)\b)"
)


def _changed(data: bytes, attr: str) -> bool:
    """Whether source bytes may store into attribute `attr` of an object other than `self`
    (`args.cli = detect()`): the namespace's attribute then holds what was stored."""
    if _ANY_STORE.search(data):
        return True
    name = attr.encode()
    if name not in data:
        return False
    # `self.<attr> = ...` is an instance's own attribute, not the namespace's.
    data = re.sub(rb"\bself\s*\.\s*" + re.escape(name) + rb"\b", b"", data)
    return bool(store_test(attr, on_receiver=True, data=bytes)(data))


def attribute(f: Frame, o: ArgParserRef, attr: str) -> Value:
    """`parser.parse_args` (a method), `args.NAME` (what the option can hold)."""
    if o.stage is ParserStage.PARSER:
        return BoundRef(trace=(), method=attr, args=(o,))
    found: Value | None = None
    for k, v in o.options.entries:
        if isinstance(k, Str) and k.text == attr:
            found = v
    if found is None:
        return unknown(f"`{attr}` of a parsed command line: no add_argument seen declares it")
    # Where the parser is made and where the attribute is read: a store there into an
    # attribute of that name may be into the namespace (a store in a third file the namespace
    # is handed to is not searched).
    project = f.analyzer.project
    for path in dict.fromkeys((o.home, f.func.path)):
        f.analyzer.touch(path)
        project.reads.whole.add(path)  # (stores found anywhere in its text: `ReadLog`)
        if _changed(project.raw(path), attr):
            why = unknown(f"`{attr}` of a parsed command line may be set after parsing ({path})")
            return alt([found, why])
    return found


def call_method(o: ArgParserRef, method: str, kws: dict[str, Value]) -> Value:
    """A method of the parser: `parse_args()` gives the namespace (unless it fills in an
    object of the caller's, `namespace=`)."""
    namespace = ArgParserRef(trace=(), stage=ParserStage.NAMESPACE, home=o.home, args=o.args)
    if "namespace" in kws:
        return unknown(f"argparse {method}() into the caller's namespace")
    if o.stage is ParserStage.PARSER and method in _PARSE:
        return namespace
    if o.stage is ParserStage.PARSER and method in _PARSE_KNOWN:
        rest = unknown("the command line's unparsed words")
        return seq([namespace, seq([Splat(trace=(), inner=rest)])])
    return unknown(f"result of argparse {method}()")

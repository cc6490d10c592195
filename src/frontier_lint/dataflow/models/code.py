"""Code run by the builtins `exec` and `eval`, and what `compile` makes of its text.

Python source whose text the analysis knows (a literal, a module constant, text built of known
parts) is analysed in place, as a small module run at the call: parsed with libcst like any
module (CPython's parser first: code it refuses runs nothing), its statements run in the
caller's frame with the caller's names visible (and a `globals`/`locals` mapping's known
entries over them), its launches reported at the `exec(...)` call, their hop saying so. The
code is never executed. Source the analysis cannot read (not known, text with stretches not
known, a caller's argument) is a launch of that code, judged as `python -c CODE` is
(`SinkForm.CODE`): not known, or naming a launch API, it is unresolved; code made of a
parameter is unresolved there (not followed into the callers: `_launch_code`). Bounds (the code's size, exec nested in the code exec runs, alternatives
of the text) end in an unresolved launch naming them.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, cast

import libcst as cst

from frontier_lint.dataflow.lazy import LazyAttr, LazyImport, has_lazy
from frontier_lint.dataflow.models.launches import as_launched, launch_site
from frontier_lint.dataflow.refs import ExternalRef, InstanceRef
from frontier_lint.dataflow.summaries import SinkEvent, SinkForm
from frontier_lint.dataflow.values import (
    HOLE,
    Const,
    DictV,
    Splat,
    Str,
    Value,
    alt,
    has_param,
    options,
    unknown,
)
from frontier_lint.frontend.parsing import parse_module

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame
    from frontier_lint.dataflow.models.builtins import CalleeModel

# Characters of one text analysed in place (a bigger one is an unresolved launch).
MAX_CODE = 20_000
# Code run by exec run by exec ..., analysed in place this deep (`s = "exec(s)"; exec(s)`).
MAX_CODE_DEPTH = 4
# Alternatives of the text of one call analysed in place.
MAX_CODE_TEXTS = 8


def compile_call(f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]) -> Value | None:
    """`compile(source, filename, mode)`: the code object, read as the text it compiles (what
    `exec`/`eval` of it run)."""
    source = pos[0] if pos and not isinstance(pos[0], Splat) else kws.get("source")
    return source if source is not None else unknown("code compiled from a source not known")


def exec_call(f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]) -> Value | None:
    _run_code(f, node, pos, kws, "exec")
    return Const(trace=(), value=None)


def eval_call(f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]) -> Value | None:
    return _run_code(f, node, pos, kws, "eval")


def _run_code(f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value], how: str) -> Value:
    """Run the code `exec`/`eval` is given (`how`); the value of an `eval`'s expression."""
    source = pos[0] if pos and not isinstance(pos[0], Splat) else kws.get("source")
    if source is None:
        source = unknown(f"the code {how} runs is not given")
    source = f.forced(alt([_not_made_by_call(o, how) for o in options(source)]))
    texts: list[str] = []
    rest: list[Value] = []
    for o in options(source):
        text = _text(o)
        if text is None:
            rest.append(o)
        elif text not in texts:
            texts.append(text)
    a = f.analyzer
    why = ""
    if len(texts) > MAX_CODE_TEXTS:
        why = f"more than {MAX_CODE_TEXTS} texts of code run by {how}"
    elif any(len(t) > MAX_CODE for t in texts):
        why = f"code run by {how} longer than {MAX_CODE} characters"
    elif texts and a.code_depth >= MAX_CODE_DEPTH:
        why = f"code run by {how} nested more than {MAX_CODE_DEPTH} deep"
    if why:
        rest, texts = [unknown(why)], []
    results: list[Value] = []
    if rest:
        _launch_code(f, node, alt(rest), how)
        results.append(unknown(f"result of {how}() of code not analysed"))
    # (The mappings' entries are read only for code analysed here: forcing them for code not
    # read was most of exec/eval's own time, sympy's eval(code, namespace) of built texts.)
    overlay = _names_given(f, pos, kws) if texts else {}
    for text in texts:
        results.append(_analyse(f, node, text, how, overlay))
    return alt(results) if results else unknown(f"result of {how}()")


def _not_made_by_call(v: Value, how: str) -> Value:
    """Code whose text a call not followed yet makes (`exec(build())`, a deferred call in a
    string) is not computed: sympy's `lambdify` builds its code through a printer's dozen
    methods, summarised for a text that is never known whole anyway (the corpus's CPU grew by
    half). Attribute reads and imports are (`exec(self.source)`)."""
    if isinstance(v, LazyAttr | LazyImport) or not has_lazy(v):
        return v
    return unknown(f"the code {how} runs is made by a call not followed here")


def _text(v: Value) -> str | None:
    """The whole text of a string or bytes value, when every part of it is known."""
    if isinstance(v, Str) and HOLE not in v.text:
        return v.text
    if isinstance(v, Const) and isinstance(v.value, bytes):
        return v.value.decode("utf-8", "replace")
    return None


def _launch_code(f: Frame, node: cst.Call, code: Value, how: str) -> None:
    """A launch of code the analysis cannot read: judged as `python -c CODE` is. Code made of
    a parameter is not known here, not left to the callers: following them made every function
    evaluating its argument (sympy's `eval_expr`, behind `sympify`) a wrapper, and its callers'
    callers analysed, at twice the corpus's CPU, for a judgement that reads no code either."""
    code = as_launched(f, code)
    if has_param(code):
        where = f.func.qualname
        code = alt(
            [
                unknown(f"the code comes from a parameter of {where}") if has_param(o) else o
                for o in options(code)
            ]
        )
    site = launch_site(f, node)
    event = SinkEvent(
        sink=how,
        kind="exec",
        form=SinkForm.CODE,
        value=code,
        site=site,
        after=(f.hop(node, f"code run by {how}"),),
    )
    f.emit(event, site)


def run_unknown_code(f: Frame, node: cst.Call, why: str) -> None:
    """A call that may run code (`getattr(builtins, name)(...)`): a launch of code not known."""
    _launch_code(f, node, unknown(why), "exec")


def _names_given(f: Frame, pos: list[Value], kws: dict[str, Value]) -> dict[str, Value]:
    """The known entries of the `globals` and `locals` mappings the call gives (names the code
    reads there, over the caller's)."""
    given: dict[str, Value] = {}
    for i, key in ((1, "globals"), (2, "locals")):
        v = pos[i] if len(pos) > i and not isinstance(pos[i], Splat) else kws.get(key)
        if v is None:
            continue
        got = options(f.forced(v))
        if len(got) != 1 or not isinstance(got[0], DictV):
            continue
        for k, x in got[0].entries:
            if isinstance(k, Str) and HOLE not in k.text:
                given[k.text] = x
    return given


def _analyse(f: Frame, node: cst.Call, text: str, how: str, overlay: dict[str, Value]) -> Value:
    """Run the code `text` in place: its statements in this frame, at the call's position."""
    parsed = _parsed(f, node, text, how)
    if parsed is None:
        return unknown(f"{how}() of code that does not compile")  # (it raises: runs nothing)
    if isinstance(parsed, str):
        _launch_code(f, node, unknown(parsed), how)
        return unknown(parsed)
    module, expression = parsed
    a = f.analyzer
    saved_env, saved_level, saved_body = f.env, f.module_level, f.class_body
    saved_code, nested = f.running_code, len(f.nested)
    # In a function, what the code assigns does not change the caller's names (its locals
    # mapping is a copy); at module level it assigns the module's globals, as here.
    f.env = {**saved_env, **overlay}
    # Functions and classes it defines are the code's own, as nested ones (not the module's
    # namesakes).
    f.module_level = f.class_body = False
    f.running_code = how
    a.code_depth += 1
    try:
        if expression is not None:
            result = f.eval(expression)
        else:
            f.run(module.body)
            result = Const(trace=(), value=None)
        if saved_level:
            # Module code finishes no nested function: those the code defined and nothing
            # called yet run here, their parameters unknown (as a function's are at its end).
            added = f.nested[nested:]
            del f.nested[nested:]
            for fn, env in added:
                if id(fn) not in f.called_nested:
                    f.run_nested(fn, dict(env))
    finally:
        a.code_depth -= 1
        f.running_code = saved_code
        f.module_level, f.class_body = saved_level, saved_body
        if not saved_level or overlay:
            f.env = saved_env
    return result


def _parsed(
    f: Frame, node: cst.Call, text: str, how: str
) -> tuple[cst.Module, cst.BaseExpression | None] | str | None:
    """The code's libcst module, and for `eval` of an expression, that expression (None: the
    code runs nothing, CPython refuses it; a reason: libcst cannot read what CPython accepts).
    Its nodes have the call's position (`Piece.stand_ins`). Parsed once per call and text."""
    cache = f.analyzer.code_trees
    key = (id(node), text)
    got = cache.get(key)
    if got is not None and got[0] is node:
        return cast("tuple[cst.Module, cst.BaseExpression | None] | str | None", got[1])
    expression = how == "eval" and _compiles(text, "eval")
    result: tuple[cst.Module, cst.BaseExpression | None] | str | None
    if not expression and not _compiles(text, "exec"):
        # (`eval` of a code object `compile` made in "exec" mode runs statements: read so too.)
        result = None
    else:
        try:
            module = parse_module(text)
        except (cst.ParserSyntaxError, RecursionError, MemoryError, ValueError):
            result = f"code run by {how} could not be read"
        else:
            expr: cst.BaseExpression | None = None
            if expression:
                first = module.body[0] if len(module.body) == 1 else None
                small = first.body[0] if isinstance(first, cst.SimpleStatementLine) else None
                expr = small.value if isinstance(small, cst.Expr) else None
            f.piece.add_code(module, node, text)
            result = (module, expr)
    cache[key] = (node, result)
    return result


def _compiles(text: str, mode: str) -> bool:
    """Whether CPython parses `text` in `mode` (parsed only: nothing is executed)."""
    try:
        compile(text, "<code>", mode, ast.PyCF_ONLY_AST, dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return False
    return True


# The standard library's interpreters of Python source (`code`): an instance runs what its
# methods are given as `exec` runs it.
INTERPRETERS = ("code.InteractiveInterpreter", "code.InteractiveConsole")


def _interpreter(cls: str) -> CalleeModel:
    """`code.InteractiveInterpreter()` / `code.InteractiveConsole()`: the instance, read as its
    class (its methods are the models below, as asyncio's event loop's are sinks)."""
    return lambda f, node, pos, kws: ExternalRef(trace=(), name=cls)


def _given(pos: list[Value], kws: dict[str, Value], *names: str) -> Value:
    """An interpreter method's text argument (positional, or by one of `names`); called through
    the class (`Base.runcode(self, code)`), the instance first is skipped."""
    if pos and all(isinstance(o, InstanceRef | ExternalRef) for o in options(pos[0])):
        pos = pos[1:]
    for name in names:
        if not pos and name in kws:
            return kws[name]
    if not pos:
        return unknown("the code the interpreter runs is not given")
    if isinstance(pos[0], Splat):
        return unknown("the code the interpreter runs is passed unpacked")
    return pos[0]


def run_source(f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]) -> Value | None:
    """`runsource(source)` / `runcode(code)` of an interpreter: `exec` of that source (text
    that does not compile runs nothing there either: it is reported, or waits for more)."""
    _run_code(f, node, [_given(pos, kws, "source", "code")], {}, "exec")
    return unknown("result of an interpreter's run")


def push_line(f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]) -> Value | None:
    """`InteractiveConsole.push(line)`: the line joins the lines pushed before it, and the
    buffer runs once it compiles. A line that compiles alone is `exec` of it; one that does not
    (`if x:`, completed by later pushes) is code not known (its launch unresolved)."""
    line = _given(pos, kws, "line")
    texts = [_text(o) for o in options(f.forced(line))]
    if any(t is not None and not _compiles(t, "exec") for t in texts):
        line = unknown("a line pushed to an interactive console that is completed by later lines")
    _run_code(f, node, [line], {}, "exec")
    return unknown("result of push()")


CALLEE_MODELS = {
    "builtins.exec": exec_call,
    "builtins.eval": eval_call,
    "builtins.compile": compile_call,
    **{c: _interpreter(c) for c in INTERPRETERS},
    **{f"{c}.{m}": run_source for c in INTERPRETERS for m in ("runsource", "runcode")},
    "code.InteractiveConsole.push": push_line,
}

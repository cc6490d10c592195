"""What a function's callers read of its definition (parameters, defaults, decorators) is kept
apart from its tree (`FuncDef.params`, `decorators`): binding a call's arguments reads no more
of the callee's tree, so a tree let go after its function's summary (issue 18) is not parsed
again for each caller."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import libcst as cst

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.interpret.calls import bind
from frontier_lint.dataflow.summaries import FuncDef
from frontier_lint.dataflow.values import Seq, Str
from frontier_lint.frontend.parsing import Piece, parse_module
from frontier_lint.frontend.syntax import block, dotted

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame

SOURCE = """\
@register("go")
def run(a, /, b, *rest, c=1, **kw):
    return a
"""


def _released() -> FuncDef:
    """A def whose node and body are gone (as a tree let go leaves a definition)."""
    module = parse_module(SOURCE)
    node = module.body[0]
    assert isinstance(node, cst.FunctionDef)
    piece = Piece(module, 0, SOURCE, key=("a.py", "chunk", 0))
    func = FuncDef(FuncId("a.py", "run"), "a.py", "run", node, block(node.body), piece)
    object.__setattr__(func, "node", None)
    object.__setattr__(func, "body", ())
    return func


def test_a_call_binds_without_the_callees_node() -> None:
    func = _released()
    pos = [Str((), "x"), Str((), "y"), Str((), "z")]
    got = bind(cast("Frame", None), func, list(pos), {"c": Str((), "w"), "d": Str((), "v")}, None)
    assert list(got) == ["a", "b", "rest", "c", "kw"]
    assert got["a"] is pos[0] and got["b"] is pos[1]
    rest = got["rest"]
    assert isinstance(rest, Seq) and rest.items == (pos[2],)


def test_decorators_are_known_without_the_node() -> None:
    func = _released()
    assert [dotted(d.decorator) for d in func.decorators] == ["register"]
    assert func.params is not None and [p.name.value for p in func.params.params] == ["b"]

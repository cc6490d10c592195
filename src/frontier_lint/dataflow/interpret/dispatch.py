"""Which function interprets what: the interpreter's dispatch tables, in one place.

A statement or an expression is handled by its libcst node type, an attribute read, a call and
forcing by the type of the value at hand (one class per kind of value: `values`, `refs`,
`lazy`). A type not listed gets the fallback the frame names (its calls still count; its value is
unknown). The handlers live in the modules beside this one and import neither each other nor the
frame at run time: they reach each other through the frame's methods (`frame.Frame`), which look
the handler up here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import libcst as cst

from frontier_lint.dataflow.interpret import (
    attributes,
    calls,
    definitions,
    expressions,
    forcing,
    statements,
)
from frontier_lint.dataflow.lazy import Deferred, LazyAttr, LazyCall, LazyImport, LocalFunc
from frontier_lint.dataflow.models import builtins, commands
from frontier_lint.dataflow.refs import (
    AnnotatedRef,
    ArgParserRef,
    BoundRef,
    ChosenRef,
    ClassRef,
    CommandRef,
    ExternalRef,
    FuncRef,
    GetterRef,
    InstanceRef,
    ItemRef,
    JoinRef,
    MethodRef,
    ModuleRef,
    NamespaceRef,
    OutputRef,
    PartialRef,
    PickRef,
    SplitRef,
    StoredRef,
    SuperRef,
)
from frontier_lint.dataflow.values import (
    Alt,
    Concat,
    Const,
    DictV,
    Param,
    Seq,
    Splat,
    Str,
    Unknown,
    Value,
)

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame

# Handlers take the frame and a node or value of the type they are listed for.
Statement = Callable[["Frame", Any], None]
Expression = Callable[["Frame", Any], Value]
Attribute = Callable[["Frame", Any, str, "cst.CSTNode | None"], Value]
Callee = Callable[["Frame", Any, cst.Call, list[Value], dict[str, Value], bool], Value]
Forcing = Callable[["Frame", Any], Value]

STATEMENTS: dict[type[cst.CSTNode], Statement] = {
    cst.SimpleStatementLine: statements.simple_line,
    cst.SimpleStatementSuite: statements.simple_line,
    cst.If: statements.if_statement,
    cst.For: statements.for_statement,
    cst.While: statements.while_statement,
    cst.Try: statements.try_statement,
    cst.TryStar: statements.try_statement,
    cst.With: statements.with_statement,
    cst.Match: statements.match_statement,
    cst.FunctionDef: definitions.function_def,
    cst.ClassDef: definitions.class_def,
}

SMALL_STATEMENTS: dict[type[cst.CSTNode], Statement] = {
    cst.Assign: statements.assignment,
    cst.AnnAssign: statements.annotated_assignment,
    cst.AugAssign: statements.augmented_assignment,
    cst.Expr: statements.expression_statement,
    cst.Return: statements.return_statement,
    cst.Del: statements.del_statement,
    cst.Import: definitions.import_statement,
    cst.ImportFrom: definitions.import_from,
}

EXPRESSIONS: dict[type[cst.CSTNode], Expression] = {
    cst.SimpleString: expressions.simple_string,
    cst.Name: expressions.name,
    cst.Attribute: expressions.trailers,
    cst.Call: expressions.trailers,
    cst.Subscript: expressions.trailers,
    cst.Await: expressions.await_expression,
    cst.Yield: expressions.yield_expression,
    cst.ConcatenatedString: expressions.concatenated_string,
    cst.FormattedString: expressions.formatted_string,
    cst.Integer: expressions.number,
    cst.Float: expressions.number,
    cst.List: expressions.sequence,
    cst.Tuple: expressions.sequence,
    cst.Dict: expressions.dictionary,
    cst.BinaryOperation: expressions.operations,
    cst.BooleanOperation: expressions.operations,
    cst.IfExp: expressions.conditional,
    cst.NamedExpr: expressions.named_expression,
    cst.UnaryOperation: expressions.computed,
    cst.Comparison: expressions.computed,
    cst.ListComp: expressions.comprehension,
    cst.SetComp: expressions.comprehension,
    cst.GeneratorExp: expressions.comprehension,
    cst.DictComp: expressions.comprehension,
    cst.Lambda: expressions.lambda_expression,
}

ATTRIBUTES: dict[type[Value], Attribute] = {
    ExternalRef: attributes.of_external,
    ModuleRef: attributes.of_module,
    ClassRef: attributes.of_class,
    SuperRef: attributes.of_super,
    AnnotatedRef: attributes.of_annotated,
    InstanceRef: attributes.of_instance,
    Str: attributes.of_text,
    Concat: attributes.of_text,
    Seq: attributes.of_data,
    DictV: attributes.of_data,
    Unknown: attributes.of_unknown,
    Const: attributes.of_const,
    Param: attributes.of_param,
    ItemRef: attributes.of_item,
    StoredRef: attributes.of_item,
    OutputRef: attributes.of_output,
    ArgParserRef: attributes.of_argparse,
    CommandRef: commands.attribute,
    ChosenRef: attributes.of_chosen,
    NamespaceRef: attributes.of_namespace,
}

CALLEES: dict[type[Value], Callee] = {
    Param: calls.call_param,
    ExternalRef: calls.call_external,
    FuncRef: calls.call_function,
    MethodRef: calls.call_method,
    ClassRef: calls.call_class,
    InstanceRef: calls.call_instance,
    BoundRef: calls.call_bound,
    PartialRef: calls.call_partial,
    GetterRef: builtins.call_getter,
    LocalFunc: calls.call_local,
    CommandRef: commands.call,
    ChosenRef: calls.call_chosen,
}

FORCING: dict[type[Value], Forcing] = {
    Deferred: forcing.compute_deferred,
    LazyImport: forcing.resolve_import,
    LazyAttr: forcing.lazy_attribute,
    LazyCall: forcing.lazy_call,
    Alt: forcing.alternatives,
    Seq: forcing.parts,
    Splat: forcing.parts,
    Concat: forcing.parts,
    DictV: forcing.parts,
    PickRef: forcing.pending,
    ItemRef: forcing.pending,
    SplitRef: forcing.pending,
    JoinRef: forcing.pending,
    StoredRef: forcing.pending,
    OutputRef: forcing.pending,
}

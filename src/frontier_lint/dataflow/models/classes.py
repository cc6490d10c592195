"""What class declarations mean: generated constructors and their fields (dataclasses, attrs,
pydantic, msgspec, NamedTuple), declared field defaults, enums, properties, abstract methods.

Teaching the resolver a new model library is an entry in one of these tables.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

import libcst as cst

from frontier_lint.dataflow.lazy import STAR_KWARGS, pick
from frontier_lint.dataflow.models.builtins import CalleeModel
from frontier_lint.dataflow.values import Splat, Value, alt, options, string, unknown
from frontier_lint.frontend.syntax import block, dotted

if TYPE_CHECKING:
    from collections.abc import Sequence

    from frontier_lint.dataflow.interpret.frame import Frame
    from frontier_lint.dataflow.scopes import ClassInfo

# Decorators that generate an `__init__` taking the class's annotated attributes as fields.
DATACLASS_DECORATORS = frozenset(
    (
        "dataclass",
        "dataclasses.dataclass",
        "attr.s",
        "attr.attrs",
        "attr.define",
        "attr.frozen",
        "attrs.define",
        "attrs.frozen",
        "attr.mutable",
        "attrs.mutable",
        "define",
        "frozen",
        "mutable",
        "pydantic.dataclasses.dataclass",
    )
)
# What a generated `__init__` calls last on the new instance (dataclasses, attrs, pydantic):
# what the hook launches runs at each construction, as a written `__init__`'s does.
POST_INIT_HOOKS = ("__post_init__", "__attrs_post_init__", "model_post_init")
# Base classes whose members' values are read as `.value`.
ENUM_BASES = frozenset(
    ("enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag", "enum.ReprEnum")
)
# Base classes that make a class a structural interface: any class defining its methods is one.
PROTOCOL_BASES = frozenset(("typing.Protocol", "typing_extensions.Protocol"))
# Base classes whose subclasses get an `__init__` taking their annotated attributes as fields.
MODEL_BASES = frozenset(
    (
        "pydantic.BaseModel",
        "pydantic.main.BaseModel",
        "pydantic.BaseSettings",
        "pydantic.v1.BaseModel",
        "pydantic.v1.BaseSettings",
        "pydantic_settings.BaseSettings",
        "pydantic_settings.main.BaseSettings",
        "sqlmodel.SQLModel",
        "msgspec.Struct",
        "typing.NamedTuple",
    )
)

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
# An Enum member's attributes that are its value (`Agent.CODEX.value`).
ENUM_VALUE_ATTRIBUTES = ("value", "_value_")

# Decorators that make a method's call an attribute read.
PROPERTIES = frozenset(("property", "functools.cached_property", "cached_property"))


def is_abstract(node: cst.FunctionDef) -> bool:
    """`@abstractmethod`, or a body that only documents, passes or raises NotImplementedError."""
    if any(
        dotted(d.decorator) in ("abstractmethod", "abc.abstractmethod") for d in node.decorators
    ):
        return True
    for stmt in block(node.body):
        # (`def which(self, binary): ...` on one line, as protocols write their stubs: a suite.)
        if not isinstance(stmt, cst.SimpleStatementLine | cst.SimpleStatementSuite):
            return False
        for small in stmt.body:
            if isinstance(small, cst.Pass):
                continue
            if isinstance(small, cst.Expr) and isinstance(
                small.value, cst.SimpleString | cst.ConcatenatedString | cst.Ellipsis
            ):
                continue
            if (
                isinstance(small, cst.Raise)
                and small.exc is not None
                and "NotImplementedError"
                in (dotted(small.exc.func if isinstance(small.exc, cst.Call) else small.exc) or "")
            ):
                continue
            return False
    return True


def is_property(decorators: Sequence[cst.Decorator]) -> bool:
    """Whether a def with these decorators is a property."""
    return any(dotted(d.decorator) in PROPERTIES for d in decorators)


# The same questions of CPython's tree of a method (`Methods.outline`), asked before libcst
# parses it: most methods an attribute read finds are neither, and are never parsed then.
# None where CPython's tree cannot tell what libcst's would say.
_ABSTRACT_DECORATORS = ("abstractmethod", "abc.abstractmethod")


def _tree_dotted(node: ast.expr) -> str | None:
    """`dotted` of a CPython expression; None where it is not ASCII. (CPython's names are NFKC
    normalised, libcst's are as written: an ASCII name libcst sees can only have become
    non-ASCII in CPython's, by a combining mark after it.)"""
    names: list[str] = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            names.append(node.id)
            got = ".".join(reversed(names))
            return got if got.isascii() else None
        else:
            return ""


def tree_is_property(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool | None:
    """`is_property` of the method's CPython tree."""
    names = [_tree_dotted(d) for d in node.decorator_list]
    if any(n in PROPERTIES for n in names):
        return True
    return None if None in names else False


def tree_is_static(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool | None:
    """`FuncDef.is_static` (`summaries.method_def`) of the method's CPython tree."""
    names = [_tree_dotted(d) for d in node.decorator_list]
    if "staticmethod" in names:
        return True
    return None if None in names else False


def tree_is_abstract(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool | None:
    """`is_abstract` of the method's CPython tree."""
    names = [_tree_dotted(d) for d in node.decorator_list]
    if any(n in _ABSTRACT_DECORATORS for n in names):
        return True
    if None in names:
        return None
    unsure = False
    for stmt in node.body:
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Expr):
            value = stmt.value
            if isinstance(value, ast.Constant):
                # (libcst: a SimpleString, a ConcatenatedString of them, or an Ellipsis; a
                # number, `None` or `True` is none of these)
                if isinstance(value.value, str | bytes) or value.value is Ellipsis:
                    continue
                return False
            if type(value).__name__ in ("JoinedStr", "TemplateStr"):
                # libcst: a FormattedString (not a docstring) or a ConcatenatedString (one).
                unsure = True
                continue
            return False
        if isinstance(stmt, ast.Raise) and stmt.exc is not None:
            exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
            name = _tree_dotted(exc)
            if name is None:
                unsure = True
                continue
            if "NotImplementedError" in name:
                continue
        return False
    return None if unsure else True


# --- fields -----------------------------------------------------------------------------------


def field_default(
    f: Frame, positional: bool, pos: list[Value], kws: dict[str, Value], node: cst.Call
) -> Value:
    """A declared field's value without a constructor argument: its default, or what its
    default factory returns."""
    default = kws.get("default", pos[0] if positional and pos else None)
    if default is not None and not isinstance(default, Splat):
        return default
    factory = kws.get("default_factory", kws.get("factory"))
    if factory is None:
        return unknown("a field declared without a default")
    made = [f.call_one(o, node, [], {}, False) for o in options(f.force(factory))]
    return alt(made) if made else unknown("default factory")


def _field_declaration(positional: bool) -> CalleeModel:
    def model(f: Frame, node: cst.Call, pos: list[Value], kws: dict[str, Value]) -> Value:
        return field_default(f, positional, pos, kws, node)

    return model


CALLEE_MODELS: dict[str, CalleeModel] = {
    name: _field_declaration(positional) for name, positional in FIELD_DECLARATIONS.items()
}


def bind_fields(
    info: ClassInfo, fields: list[str], pos: list[Value], kws: dict[str, Value]
) -> tuple[tuple[Value, Value], ...]:
    """A dataclass's generated `__init__`: arguments by position and keyword, then the
    class attributes' defaults."""
    values: dict[str, Value] = {}
    for name, v in zip(fields, pos, strict=False):
        if isinstance(v, Splat):
            break
        values[name] = v
    for name, v in kws.items():
        if name in fields:
            values[name] = v
    # `**mapping` of a mapping not known here may hold a field not named (`calls.bind`).
    mapping = kws.get(STAR_KWARGS)
    for name in fields:
        if name not in values:
            default = info.field_default(name)
            if mapping is not None:
                held = pick(mapping, name, default)
                values[name] = alt([held, default]) if default is not None else held
            elif default is not None:
                values[name] = default
    return tuple((string(k), v) for k, v in values.items())

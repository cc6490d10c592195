"""What class declarations mean: generated constructors and their fields (dataclasses, attrs,
pydantic, msgspec, NamedTuple), declared field defaults, enums, properties, abstract methods.

Teaching the resolver a new model library is an entry in one of these tables.
"""

from __future__ import annotations

import libcst as cst

from frontier_lint.frontend.syntax import block, dotted

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
ENUM_BASES = frozenset(
    ("enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag", "enum.ReprEnum")
)
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
# Decorators that make a method's call an attribute read.
PROPERTIES = frozenset(("property", "functools.cached_property", "cached_property"))


def is_abstract(node: cst.FunctionDef) -> bool:
    """`@abstractmethod`, or a body that only documents, passes or raises NotImplementedError."""
    if any(
        dotted(d.decorator) in ("abstractmethod", "abc.abstractmethod") for d in node.decorators
    ):
        return True
    for stmt in block(node.body):
        if not isinstance(stmt, cst.SimpleStatementLine):
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


def is_property(node: cst.FunctionDef) -> bool:
    return any(dotted(d.decorator) in PROPERTIES for d in node.decorators)

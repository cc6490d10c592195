"""What class a store's receiver is bound to or annotated with (`dataflow.store_receivers`):
None wherever it may be anything (fail closed)."""

from __future__ import annotations

import pytest

from frontier_lint.dataflow.store_receivers import Receiver, annotation_classes, receiver_of

SOURCE = b"""
from typing import Optional
class Compiler:
    def __init__(self):
        self.pre: Optional[Compiler] = None
    def get(self):
        self.pre = Compiler()
        self.pre.exelist = [1]
        self.other.exelist = [1]
def bound():
    o = Other()
    o.bin = 1
def annotated(o: "Other | None"):
    o.bin = 2
def plain(c):
    c.bin = 3
def looped():
    for o in x:
        o.bin = 4
def unpacked():
    o = Other()
    o, p = 1, 2
    o.bin = 5
def base(o: Base):
    o.bin = 6
def rebound_inside():
    o = Other()
    def inner():
        nonlocal o
        o = 3
    o.bin = 7
def factory():
    o = make()
    o.bin = 8
def imported():
    from app import o
    o.bin = 9
def global_name():
    o.bin = 10
o.bin = 11
def outer():
    def inner():
        o.bin = 12
"""


@pytest.mark.parametrize(
    ("value", "receiver", "expected"),
    [
        (b"self.pre.exelist = [1]", "self.pre", Receiver(classes=("Compiler",))),
        (b"self.other.exelist = [1]", "self.other", None),
        (b"o.bin = 1", "o", Receiver(classes=("Other",))),
        (b"o.bin = 2", "o", Receiver(classes=("Other",))),
        (b"c.bin = 3", "c", None),
        (b"o.bin = 4", "o", None),
        (b"o.bin = 5", "o", None),
        (b"o.bin = 6", "o", Receiver(classes=("Base",))),
        (b"o.bin = 7", "o", None),
        (b"o.bin = 8", "o", Receiver(classes=("make",))),
        (b"o.bin = 9", "o", None),
        (b"o.bin = 10", "o", Receiver(global_name="o")),
        (b"o.bin = 11", "o", Receiver(global_name="o")),
        (b"o.bin = 12", "o", None),
    ],
)
def test_receiver_of(value: bytes, receiver: str, expected: Receiver | None) -> None:
    line = SOURCE[: SOURCE.index(value)].count(b"\n") + 1
    assert receiver_of(SOURCE, line, receiver) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C", ("C",)),
        ("Optional[C]", ("C",)),
        ("T.Optional[C]", ("C",)),
        ("C | None", ("C",)),
        ("Union[C, D]", ("C", "D")),
        ("'C'", ("C",)),
        ("list[C]", None),
        ("Any", None),
        ("mod.C", None),
        ("None", ()),
    ],
)
def test_annotation_classes(text: str, expected: tuple[str, ...] | None) -> None:
    import ast

    assert annotation_classes(ast.parse(text, mode="eval").body) == expected

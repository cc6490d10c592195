"""`lazy_compile`: a pattern compiled on first use behaves as the compiled one."""

from __future__ import annotations

import pickle
import re

from frontier_lint.lazy_regex import lazy_compile


def test_same_answers_as_compiled() -> None:
    source, flags = r"^([a-z]+)=(\d+)$", re.M
    lazy, eager = lazy_compile(source, flags), re.compile(source, flags)
    text = "a=1\nbad\nbc=22\n"
    assert [m.groups() for m in lazy.finditer(text)] == [m.groups() for m in eager.finditer(text)]
    assert lazy.findall(text) == eager.findall(text)
    assert lazy.sub(r"\2", text) == eager.sub(r"\2", text)
    assert lazy.split(text) == eager.split(text)
    assert lazy.search(text, 4) is not None and lazy.match(text, 4) is None
    assert (lazy.flags, lazy.groups, lazy.groupindex) == (eager.flags, eager.groups, {})
    assert lazy.fullmatch("x=3") is not None


def test_bytes_and_source_without_compiling() -> None:
    lazy = lazy_compile(rb"\w+(")  # invalid: only `pattern` is read, so nothing compiles
    assert lazy.pattern == rb"\w+("
    try:
        lazy.search(b"x")
    except re.error:
        pass
    else:
        raise AssertionError("an invalid pattern must fail at its first use")


def test_first_use_keeps_the_compiled_methods() -> None:
    lazy = lazy_compile(r"\d")
    assert lazy.search("a1") is not None
    assert "search" in vars(lazy)  # (later calls go straight to the compiled pattern's)


def test_pickles_as_its_source() -> None:
    lazy = lazy_compile(rb"a|b", re.I)
    lazy.match(b"a")
    copy = pickle.loads(pickle.dumps(lazy))
    assert copy.pattern == rb"a|b" and copy.match(b"B") is not None

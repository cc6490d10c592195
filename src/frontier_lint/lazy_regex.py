"""Regular expressions compiled when first used.

The tool's modules hold some 150 regular expressions (the prefilter's scans, shell and command
line readers, searches, reporters, ...). Compiled at import they cost ~10-15 ms of CPU in every
run, though a run on a few files uses only some of them. `lazy_compile` returns an object that
compiles its expression the first time a pattern's method or attribute is read, and from then
on holds the compiled pattern's bound methods itself: a call costs what a compiled pattern's
does. `pattern` is there from the start (expressions are built from others' sources without
compiling them).

Typed as `re.Pattern` for its users: it is one in all but `isinstance` (no code tests a
module's own expressions with it) and `re.*` functions given it in place of a text.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast, overload

# What the first use copies from the compiled pattern (all that `re.Pattern` has but dunders).
_ATTRIBUTES = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "flags",
    "groups",
    "groupindex",
)


class _LazyPattern:
    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:  # (called only for what is not set yet)
        if name.startswith("__"):  # (copy's and pickle's probes: not a pattern's)
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (lazy_compile, (self.pattern, self._flags))

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r})"


@overload
def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]: ...
@overload
def lazy_compile(pattern: bytes, flags: int = 0) -> re.Pattern[bytes]: ...
def lazy_compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """`re.compile(pattern, flags)`, done when the pattern is first used."""
    return cast("re.Pattern[AnyStr]", _LazyPattern(pattern, int(flags)))

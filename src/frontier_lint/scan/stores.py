"""Text that may store to a name or an attribute: the gates before a class or a method is
parsed to learn what it assigns (`frontend.syntax.self_attrs` reads the stores once parsed).

A gate is a superset of what the parse will find: a store the text test misses is a value
the analysis never sees (a subclass's `self.cmd: str = "codex"` left the base's launch judged
on the base's own default), while a text the test admits in vain only costs a parse. The forms:
`x = ...`, `x: T = ...` (any annotation: a colon after the name), any augmented operator, and
a place in a tuple or list target (`self.cmd, self.x = ...`, over lines too)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any, AnyStr

_OPS = r"(?:[-+|*/%&^@]|//|\*\*|<<|>>)?=(?!=)"
# What may stand between a tuple target's element and the `=` ending the target list; a
# stretch longer than the bound, still of target characters, is taken as a store (unread).
_TARGET_REST = r"(?:[\w\s.,*()\[\]'\"]{0,400}?(?<![!<>=])=(?!=)|[\w\s.,*()\[\]'\"]{400})"
_BEFORE_READ = 2000
_ELEMENT = r"[\w.\[\]'\"*]+"


# The tests made so far, by (name, on_receiver, data): a class's methods are gated for each
# attribute a read asks about, once per class (`scopes.Methods.assigning`): 1,426 tests of 547
# names on the cold corpus. Bounded: emptied when full.
_TESTS: dict[tuple[str, bool, type], Callable[[Any], bool]] = {}
_TESTS_MAX = 2048

# Where a match of a test's form starts and ends in a text, searched from an offset (as a
# pattern's `search` gives it), None where there is none.
_Find = Callable[[Any, int], tuple[int, int] | None]


def store_test(name: str, *, on_receiver: bool, data: type[AnyStr]) -> Callable[[AnyStr], bool]:
    """Whether a text may store to `name` (`.name` on any receiver when `on_receiver`, else
    the bare name, not preceded by a word character or a dot)."""
    key = (name, on_receiver, data)
    got = _TESTS.get(key)
    if got is None:
        if len(_TESTS) >= _TESTS_MAX:
            _TESTS.clear()
        got = _TESTS[key] = _store_test(name, on_receiver=on_receiver, data=data)
    return got


# What follows the name in each form. The plain forms: a colon after the name is taken as an
# annotated store whatever follows (an annotation may run over lines; a slice or a dict key
# only costs a parse). A tuple target: the name followed by `,`, `)` or `]`, targets before it
# on its line and an `=` after. A keyword argument (`f(self.cmd, check=True)`) starts its line
# with the call and is not taken; on a continuation line it is (a parse in vain).
_SIMPLE_TAIL = r"\s*(?::|" + _OPS + ")"
_TRIGGER_TAIL = r"[ \t]*[,)\]]"


@cache  # (four pairs of arguments at most)
def _unnamed(on_receiver: bool, data: type) -> tuple[re.Pattern[Any], ...]:
    """The patterns of a test, none of which holds the name: compiled once for all names. (A
    pattern per name, six of them, cost 1 % of a cold run in compiles, more than `re`'s own
    cache keeps: the name is found with `find` and the patterns matched around it.)"""
    # What may come before a name on its line (or after a `;`): earlier targets, then the
    # receiver.
    receiver = r"[\w.\[\]]*" if on_receiver else ""
    before = r"[ \t]*(?:[(\[]*" + _ELEMENT + r"[)\]]*[ \t]*,\s*)*[(\[]*\*?" + receiver
    sources: list[Any] = [before, _TARGET_REST, r"[\w.]", r"[;\n]"]
    sources += [_SIMPLE_TAIL, _TRIGGER_TAIL, r"\s"]
    if data is bytes:
        sources = [p.encode() for p in sources]
    return tuple(re.compile(p) for p in sources)


def _finder(literal: Any, lead: bool, tail: re.Pattern[Any], space: re.Pattern[Any]) -> _Find:
    r"""The matches of `\.\s*` (when `lead`) + `literal` + `tail`, as the pattern's `search`
    from an offset finds them (the leftmost start at or after it, and that match's end),
    without a pattern holding the name: its occurrences are found by `find`, in C, and the
    rest is matched around each.

    The same matches: a match holds the name at a unique offset (with a lead, the blanks
    after the dot are all taken: the name does not start with a blank), so a start is an
    occurrence of the name with the lead before it and the tail after it, and the tail's
    match after it is the pattern's (nothing before it can be matched another way). Taken in
    the order of the occurrences, the starts come in order too: between a lead's dot and its
    name lie only blanks, where no other occurrence can start."""
    size = len(literal)
    dot: Any = b"." if isinstance(literal, bytes) else "."

    def find(text: Any, pos: int) -> tuple[int, int] | None:
        at = text.find(literal, pos)
        while at >= 0:
            start = at
            if lead:
                while start > pos and space.match(text, start - 1) is not None:
                    start -= 1
                start -= 1
            if start >= pos and (not lead or text.startswith(dot, start)):
                m = tail.match(text, at + size)
                if m is not None:
                    return start, m.end()
            at = text.find(literal, at + 1)
        return None

    return find


def _search(pattern: re.Pattern[Any]) -> _Find:
    def find(text: Any, pos: int) -> tuple[int, int] | None:
        m = pattern.search(text, pos)
        return None if m is None else m.span()

    return find


def _store_test(name: str, *, on_receiver: bool, data: type[AnyStr]) -> Callable[[AnyStr], bool]:
    literal: Any = name.encode() if data is bytes else name
    before_re, rest_re, word, stop, simple_tail, trigger_tail, space = _unnamed(on_receiver, data)
    simple: _Find
    trigger: _Find
    if literal and space.match(literal) is None:
        simple = _finder(literal, on_receiver, simple_tail, space)
        trigger = _finder(literal, on_receiver, trigger_tail, space)
    else:  # (a name starting with a blank, or none: the patterns holding it, as they read)
        lead: Any = r"\.\s*" if on_receiver else ""
        n: Any = re.escape(name)
        if data is bytes:
            lead, n = lead.encode(), n.encode()
        simple = _search(re.compile(lead + n + simple_tail.pattern))
        trigger = _search(re.compile(lead + n + trigger_tail.pattern))

    def unprefixed(start: int, text: AnyStr) -> bool:
        return on_receiver or not start or word.match(text, start - 1) is None

    def test(text: AnyStr) -> bool:
        if literal not in text:
            return False
        pos = 0
        while (m := simple(text, pos)) is not None:
            if unprefixed(m[0], text):
                return True
            pos = m[0] + 1
        pos = line_start = scanned = 0
        while (m := trigger(text, pos)) is not None:
            start, end = m
            while (s := stop.search(text, max(line_start, scanned), start)) is not None:
                line_start = s.end()
            scanned = start  # (no stop before it: not searched again)
            # (A longer stretch is taken as targets, unread: the time stays linear.)
            long = start - line_start > _BEFORE_READ
            if not long and not before_re.fullmatch(text, line_start, start):
                # What comes before fails for every later name on the line too: skip it.
                nxt = stop.search(text, end)
                pos = line_start = nxt.end() if nxt is not None else len(text)
            elif unprefixed(start, text) and rest_re.match(text, end):
                return True
            else:
                pos = start + 1
        return False

    return test

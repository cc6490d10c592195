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
# names on the cold corpus, each compiling six patterns, more than `re`'s own cache keeps
# (1.8 % of the run's samples were in those compiles). Bounded: emptied when full.
_TESTS: dict[tuple[str, bool, type], Callable[[Any], bool]] = {}
_TESTS_MAX = 2048


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


@cache  # (four pairs of arguments at most)
def _unnamed(on_receiver: bool, data: type) -> tuple[re.Pattern[Any], ...]:
    """The patterns of a test that do not depend on the name, compiled once: the rest of a
    tuple target is the costliest to compile."""
    # What may come before a name on its line (or after a `;`): earlier targets, then the
    # receiver.
    receiver = r"[\w.\[\]]*" if on_receiver else ""
    before = r"[ \t]*(?:[(\[]*" + _ELEMENT + r"[)\]]*[ \t]*,\s*)*[(\[]*\*?" + receiver
    sources: list[Any] = [before, _TARGET_REST, r"[\w.]", r"[;\n]"]
    if data is bytes:
        sources = [p.encode() for p in sources]
    return tuple(re.compile(p) for p in sources)


def _store_test(name: str, *, on_receiver: bool, data: type[AnyStr]) -> Callable[[AnyStr], bool]:
    n = re.escape(name)
    lead = r"\.\s*" if on_receiver else ""
    # The plain forms begin with a literal, which the regex engine finds in C.
    # (A colon after the name is taken as an annotated store whatever follows: an annotation
    # may run over lines; a slice or a dict key only costs a parse.)
    simple = lead + n + r"\s*(?::|" + _OPS + ")"
    # A tuple target: the name followed by `,`, `)` or `]`, targets before it on its line and
    # an `=` after. A keyword argument (`f(self.cmd, check=True)`) starts its line with the
    # call and is not taken; on a continuation line it is (a parse in vain).
    trigger = lead + n + r"[ \t]*[,)\]]"
    # (One code path for both kinds of text: the patterns are compiled for the kind given.)
    sources: list[Any] = [simple, trigger]
    literal: Any = name
    if data is bytes:
        sources = [p.encode() for p in sources]
        literal = name.encode()
    # Compiled when first needed: both forms hold the name itself, and most texts a test is
    # asked about do not (a class's text, for an attribute some other class stores): 117
    # tests made, 69 texts naming theirs, on the pre-commit benchmark's module.
    compiled: list[re.Pattern[Any]] = []
    before_re, rest_re, word, stop = _unnamed(on_receiver, data)

    def unprefixed(start: int, text: AnyStr) -> bool:
        return on_receiver or not start or word.match(text, start - 1) is None

    def test(text: AnyStr) -> bool:
        if literal not in text:
            return False
        if not compiled:
            compiled.extend(re.compile(p) for p in sources)
        simple_re, trigger_re = compiled
        pos = 0
        while (m := simple_re.search(text, pos)) is not None:
            if unprefixed(m.start(), text):
                return True
            pos = m.start() + 1
        pos = line_start = scanned = 0
        while (m := trigger_re.search(text, pos)) is not None:
            while (s := stop.search(text, max(line_start, scanned), m.start())) is not None:
                line_start = s.end()
            scanned = m.start()  # (no stop before it: not searched again)
            # (A longer stretch is taken as targets, unread: the time stays linear.)
            long = m.start() - line_start > _BEFORE_READ
            if not long and not before_re.fullmatch(text, line_start, m.start()):
                # What comes before fails for every later name on the line too: skip it.
                nxt = stop.search(text, m.end())
                pos = line_start = nxt.end() if nxt is not None else len(text)
            elif unprefixed(m.start(), text) and rest_re.match(text, m.end()):
                return True
            else:
                pos = m.start() + 1
        return False

    return test

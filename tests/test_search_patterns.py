"""The searches by a word without a pattern compiled per word (`dataflow.searches`): one pattern
with any word in the word's place, its matches kept where the word is the one looked for, finds
what the word's own pattern finds, match for match (start, groups), in every line holding it."""

from __future__ import annotations

import ast
import re

import pytest

from frontier_lint.dataflow import searches

# Lines where the general pattern's matches could part from the word's own: a match with
# another word overlapping the word's (its `=` or its annotation spanning the word's store,
# `a[REG[k]] = v`, `a.x: REG.y = 1`), a word that is a prefix, a suffix or a part of another,
# prefixes over blanks and dots, `type(...)`, `setattr`, the word at the start and the end
# of the text.
LINES = [
    b"REG[k] = v",
    b"REG [k]= v; x.REG.append(1)",
    b"a[REG[k]] = v",
    b"a.REG[REG[k]] = v",
    b"cls.REG |= {1: 2}",
    b"self.REG += [1]",
    b"REGS[k] = v; REG2.append(v); MYREG.add(1)",
    b"x.REG.append.append(v)",
    b"REG.append(v) if REG else REG.extend(w)",
    b"a . b .\tREG . update({})",
    b"REG",
    b"f(REG)[0] = 1",
    b"REG.REG[k] = 1",
    b"config.REG = 'codex'",
    b"config.REG: str = 'codex'",
    b"a.x: REG.y = 1",
    b"a.x: b.REG = 1",
    b"type(self).REG = 1; type( other ) . REG += 2",
    b"self.__class__.REG = 1",
    b"setattr(cfg, 'REG', 1); setattr(a.b, \"REG\", 2)",
    b"setattr(cfg, 'REGS', 1); setattr(x, 'REG', setattr)",
    b"x.setattr.REG = 1",
    b"a.REG == 1; b.REG = 2; c.REG != 3",
    b"x = 1; y.z.REG = REG.w = 2",
    b"# REG[k] = v in a comment, c.REG = 1",
    b"s = 'a.REG = 1'",
    b"config.REG, x = 'codex', 1; (a.REG, b.c) = 1, 2; [q.REG] = [1]",
    b"get_config().REG = 1; get(a.REG).x = 2; f(x).y.REG %= 3; a.REG *= 2",
    b"r = REG; r = a.REG  # c.REG; reg: dict = b.c.REG",
    b"r = REGx; r = xREG; r = REG.x; r = REG  # x = REG",
]


def _texts(word: bytes) -> list[bytes]:
    lines = [line.replace(b"REG", word) for line in LINES]
    return [b"\n".join(lines), *lines]


def _own_stores(word: bytes, data: bytes) -> list[tuple[int, bytes, searches.StoreForm, bool]]:
    pattern = re.compile(searches._STORE_HEAD + re.escape(word) + searches._STORE_TAIL, re.M)
    out = []
    for m, line in searches._in_lines(pattern, word, data):
        prefix = re.sub(rb"[ \t]", b"", m.group(1))
        if m.group(2):
            form = searches.StoreForm.KEYED
        elif m.group(3):
            form = searches._MUTATORS[m.group(3)]
        else:
            form = searches.StoreForm.AUGMENTED
        out.append((m.start(), prefix, form, not data[line : m.start()].strip()))
    return out


def _own_attr_stores(word: bytes, data: bytes) -> list[tuple[int, bytes, bool]]:
    pattern = re.compile(
        searches._ATTR_STORE_HEAD
        + re.escape(word)
        + searches._ATTR_STORE_TAIL
        + searches._SETATTR_HEAD
        + re.escape(word)
        + searches._SETATTR_TAIL,
        re.M,
    )
    out = []
    for m, _ in searches._in_lines(pattern, word, data):
        if m.group(3) is not None:
            out.append((m.start(), m.group(3) + b".", True))
        elif m.group(2) is not None:
            out.append((m.start(), searches._class_of(m.group(2)), False))
        else:
            prefix = re.sub(rb"[ \t]", b"", m.group(1))
            of_type = searches._TYPE_OF.fullmatch(prefix)
            if of_type is not None:
                out.append((m.start(), searches._class_of(of_type.group(1)), False))
            else:
                receiver = searches._receiver(searches._CALL_ARGS.sub(b"()", prefix))
                out.append((m.start(), receiver, False))
    return out


WORDS = ["REG", "RE", "EG", "R", "REGS", "__init__", "x", "append", "setattr", "type"]


@pytest.mark.parametrize("word", WORDS)
def test_stores_of_a_word_are_its_own_patterns(word: str) -> None:
    for data in _texts(word.encode()):
        got = list(searches._direct_stores(word.encode(), data))
        assert got == _own_stores(word.encode(), data), data


@pytest.mark.parametrize("word", WORDS)
def test_attribute_stores_of_a_word_are_its_own_patterns(word: str) -> None:
    for data in _texts(word.encode()):
        got = list(searches.attr_stores_of(word, data))
        assert got == _own_attr_stores(word.encode(), data), data


def _own_aliases(word: bytes, data: bytes) -> list[tuple[int, bytes, bytes]]:
    pattern = re.compile(searches._ALIAS_HEAD + re.escape(word) + searches._ALIAS_TAIL, re.M)
    return [(m.start(), m.group(1), m.group(2)) for m, _ in searches._in_lines(pattern, word, data)]


@pytest.mark.parametrize("word", WORDS)
def test_names_bound_to_a_word_are_its_own_patterns(word: str) -> None:
    w = word.encode()
    for data in _texts(w):
        got = [
            (m.start(), m.group(1), m.group(2))
            for m, _ in searches._word_in_lines(
                searches._ALIAS_ANY, 3, w, data, lambda: re.compile(b"(?!)")
            )
        ]
        assert got == _own_aliases(w, data), data


@pytest.mark.parametrize("word", ["é_reg", "a.b", "re+g"])
def test_a_word_not_all_word_bytes_is_searched_with_its_own_pattern(word: str) -> None:
    # (Not a word of `\w` bytes: its own pattern, as before.)
    for data in _texts(word.encode()):
        assert list(searches._direct_stores(word.encode(), data)) == _own_stores(
            word.encode(), data
        )
        assert list(searches.attr_stores_of(word, data)) == _own_attr_stores(word.encode(), data)


def test_no_pattern_is_compiled_for_a_word(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[object] = []
    real = re.compile
    monkeypatch.setattr(searches.re, "compile", lambda p, *a: compiled.append(p) or real(p, *a))
    data = b"REG_ONCE[k] = v\nconfig.REG_ONCE = 1\n"
    assert list(searches.stores_of("REG_ONCE", data))
    assert list(searches.attr_stores_of("REG_ONCE", data))
    assert compiled == []


# Indented stores into a mapping's key (`hierarchy.item_stores`, `keyed_item_stores`): the
# word as the mapping, as an attribute of `cls`/`self`/the class, inside another word, with a
# dotted or a computed key, not alone on its line.
ITEM_LINES = [
    b"REG[key] = func",
    b"    REG[key] = func",
    b"    REG [ key ]\t=  func  ",
    b"    REGS[key] = func",
    b"    MY_REG[key] = func",
    b"    self.REG[key] = value",
    b"    cls.REG[key] = value",
    b"    Owner.REG[key] = value",
    b"    Other.REG[key] = value",
    b"    a.b.REG[key] = value",
    b"    cls.REG[key.x] = value",
    b"    REG[key] = func()",
    b"    REG[key] = func  # comment",
    b"    REG[key] == func",
    b"    x = REG[key] = func",
    b"\tREG[k] = v\r",
    b"    REG[key] = other.REG",
    b"    REG.REG[key] = value",
    b"    OwnerREG[key] = value",
]


def _own_item_stores(data: bytes, word: bytes) -> list[int]:
    own = rb"^[ \t]+" + re.escape(word) + rb"[ \t]*\[[^\]\n]*\][ \t]*=[ \t]*(\w+)[ \t]*$"
    return [m.start() for m in re.finditer(own, data, re.M)]


def _own_keyed(data: bytes, word: bytes, owner: bytes) -> list[tuple[int, bytes, bytes]]:
    prefix = rb"(?:(?:cls|self|" + re.escape(owner) + rb")\.)" if owner else b""
    own = (
        rb"^[ \t]+"
        + prefix
        + re.escape(word)
        + rb"[ \t]*\[[ \t]*(\w+)[ \t]*\][ \t]*=[ \t]*(\w+)[ \t]*$"
    )
    return [(m.start(), m.group(1), m.group(2)) for m in re.finditer(own, data, re.M)]


@pytest.mark.parametrize("word", [b"REG", b"RE", b"EG", b"REGS", b"__init__", b"key", b"x.REG"])
@pytest.mark.parametrize("owner", [b"", b"Owner", b"REG", b"Outer.Owner"])
def test_item_stores_of_a_word_are_its_own_patterns(word: bytes, owner: bytes) -> None:
    from frontier_lint.dataflow.hierarchy import item_stores, keyed_item_stores

    lines = [line.replace(b"REG", word) for line in ITEM_LINES]
    for data in [b"\n".join(lines), *lines]:
        assert item_stores(data, word) == _own_item_stores(data, word), data
        assert keyed_item_stores(data, word, owner) == _own_keyed(data, word, owner), data


# The name at the start and end of the text, inside a longer word, after a dot, overlapping
# itself (`aa` in `aaa`), with blanks, a comment or a `\r` before the line's end.
NAME_TEXTS = [
    b"NAME = 1",
    b"NAME",
    b"x = NAME",
    b"x = NAME  # a comment\nnext",
    b"x = NAME\r\ny = 2",
    b"x = NAMES\n",
    b"x = NAME()\n",
    b"self.NAME: int",
    b"MYNAME = 1; NAME == 2",
    b"NAMENAME = 1",
    b"NAMENAMENAME := 1",
    b"x.NAME = 1; NAME\t:",
    b"\xffNAME = 1",
    b"f(NAME)\n  NAME\t \n",
]


@pytest.mark.parametrize("name", ["NAME", "NA", "AM", "N", "NAMENAME", "__init__"])
def test_names_found_around_their_occurrences_answer_as_their_own_patterns(name: str) -> None:
    from frontier_lint.dataflow.hierarchy import _assigned, _unprefixed
    from frontier_lint.scan.prefilter import may_bind

    word = name.encode()
    line_end = re.compile(re.escape(word) + rb"[ \t]*(?:#[^\n]*)?\r?$", re.M)
    assigns = re.compile(re.escape(word) + rb"[ \t]*[:=]")
    for text in NAME_TEXTS:
        data = text.replace(b"NAME", word)
        as_before = word + b" as" in data or word + b"\tas" in data
        assert may_bind(data, name) == (as_before or line_end.search(data) is not None), data
        assert _assigned(word, data) == _unprefixed(assigns, data), data


def test_a_name_overlapping_itself_is_tried_at_each_occurrence() -> None:
    # (`aa` occurs at 0 and 1 in `aaa`: only the second ends the line.)
    from frontier_lint.dataflow.hierarchy import _assigned
    from frontier_lint.scan.prefilter import may_bind

    assert may_bind(b"x = aaa\n", "aa") and not may_bind(b"x = aaab\n", "aa")
    assert _assigned(b"a a", b"a a a = 1") and not _assigned(b"a a", b"a a a.b = 1")


def test_a_long_line_is_searched_in_time_linear_in_its_length() -> None:
    # (The general pattern, searched again from one past each start with another word, took
    # time quadratic in a line's length: 1.2 s for 40,000 bytes of `a.b: c.d: ...`; a long line
    # is searched with the word's own pattern, the same matches.)
    import time

    line = (
        b"x.REG = 1; " + b"a.b: c.d: " * 20_000 + b"= 1; " + b"a[0] = b; " * 20_000 + b"REG[0] = 1"
    )
    start = time.process_time()
    got = list(searches.attr_stores_of("REG", line)), list(searches._direct_stores(b"REG", line))
    assert time.process_time() - start < 1.0
    assert got == (_own_attr_stores(b"REG", line), _own_stores(b"REG", line))


def test_an_alias_search_meets_a_long_line_after_a_binding() -> None:
    # (A line over `_LONG_LINE` is searched with the word's own pattern, built when first met:
    # after a binding was found, as well as before.)
    data = (
        b"def f():\n    reg = config.REG\n    reg[k] = v\n"
        + b"    x = ["
        + b"1, " * 600
        + b"]; r = REG\n    r.append(1)\n"
    )
    got = list(searches.stores_of("REG", data))
    assert [(prefix, aliased) for _, prefix, _, _, aliased in got] == [
        (b"config.", True),
        (b"", True),
    ]


def test_the_enclosing_header_is_the_last_one_however_far_back() -> None:
    # `_last_header` searches back a stretch at a time: what a search of the whole text for
    # each header finds, with headers straddling a stretch's start and far behind a store.
    def whole(data: bytes, end: int) -> int:
        return max(data.rfind(h, 0, end) for h in (b"\ndef ", b"\nclass ", b"\nasync def "))

    filler = b"\n    x = 1" * 2000
    texts = [
        b"class A:\n    def f(self):" + filler + b"\n        A.x = 1\n",
        b"def g():\n    pass\n\nasync def h():" + filler + b"\n    H.x = 2\n" + b"\nx = 3",
        b"x = 1" + filler,
        b"\ndef f():" + b"a" * (searches._HEAD_WINDOW - 3) + b"\nclass " + filler,
    ]
    for data in texts:
        for end in range(0, len(data) + 1, 97):
            assert searches._last_header(data, end) == whole(data, end)
    data = texts[1]
    assert searches.enclosing_top(data, data.index(b"H.x")) == "h"


def test_a_wrappers_mentions_are_counted_as_the_patterns_count_them() -> None:
    # `propagation._mentions` finds the word with `bytes.find` and looks at its neighbours:
    # the counts of the look-behind pattern and of the quoted one (whose matches take their
    # closing quote), overlapping occurrences and words of other bytes included.
    import random

    from frontier_lint.dataflow.propagation import _mentions

    def counted(data: bytes, word: bytes) -> tuple[int, int]:
        w = re.escape(word)
        return (
            len(re.findall(rb"(?<![\w.])" + w + rb"(?!\w)", data)),
            len(re.findall(rb"[\"']" + w + rb"[\"']", data)),
        )

    rng = random.Random(7)
    pieces = [b"a", b"b", b"ab", b"'", b'"', b".", b" ", b"\n", b"_", b"1", b"\xc3\xa9", b"("]
    for _ in range(3000):
        word = b"".join(
            rng.choice([b"a", b"b", b"_", b"\xc3\xa9"]) for _ in range(rng.randint(1, 3))
        )
        data = b"".join(rng.choice([*pieces, word]) for _ in range(rng.randint(0, 40)))
        assert _mentions(data, word) == counted(data, word), (data, word)
    assert _mentions(b"run(x); 'run'; x.run; run", b"run") == (3, 1)
    assert _mentions(b'"a"a"', b"a") == (2, 1)


def test_stores_into_an_attribute_mapping_by_a_literal_key_are_attribute_stores() -> None:
    # (`t.__dict__["REG"] = v`, `vars(t)["REG"] = v` as `setattr(t, "REG", v)`; the module's
    # own names, `globals()["REG"] = v` and `setattr(sys.modules[__name__], "REG", v)`.)
    data = (
        b"t.__dict__['REG'] = 1\n"
        b'x = 1; vars(a.b)["REG"] = 2\n'
        b"globals()['REG'] = 3\n"
        b"setattr(sys.modules[__name__], 'REG', 4)\n"
        b"t.__dict__['REG'] == 5; myvars(t)['REG'] = 6; t.__dict__[REG] = 7\n"
    )
    got = sorted(
        (data.count(b"\n", 0, at), prefix) for at, prefix, _ in searches.attr_stores_of("REG", data)
    )
    assert got == [(0, b"t."), (1, b"a.b."), (2, b"globals()."), (3, b"globals().")]
    assert b"REG" in searches.attr_stored_words(data)
    stmts = searches.line_statements(data, data.index(b"vars"))
    assert stmts is not None
    assert [ast.unparse(e) for e in searches.attr_store_exprs(stmts, "REG", "a.b.", True) if e] == [
        "2"
    ]


def test_a_move_through_an_item_is_indexed_under_the_container() -> None:
    data = b'def f():\n    CMDS["a"].pop(0)\n    del CMDS["b"][0]\n'
    assert b"CMDS" in searches.moved_words(data)
    forms = [form for _, _, form, _ in searches.moves_of("CMDS", data)]
    assert forms == [searches.StoreForm.ITEM_MOVED, searches.StoreForm.DELETE]

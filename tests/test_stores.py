"""The text gate before a class or method is parsed to learn what it assigns
(`scan.stores.store_test`): every store the parse would find passes it; reads do not."""

import re

import pytest

from frontier_lint.scan import stores
from frontier_lint.scan.stores import store_test

STORES_ON_RECEIVER = [
    "self.cmd = 'codex'",
    "self.cmd: str = 'codex'",
    "self.cmd += ['--x']",
    "self.cmd //= 2",
    "self.cmd, self.verbose = 'codex', True",
    "x, self.cmd = 1, 'codex'",
    "a, *self.cmd = parts",
    "(self.cmd, self.mode) = pick()",
    "[self.cmd, self.mode] = pick()",
    "this.cmd, this.level = (\n    'claude',\n    1,\n)",
    "(self.level,\n self.cmd) = pick()",
    "self.args, (self.cmd, self.mode) = [], ('gemini', 'x')",
    "self.cmd: dict[\n    str, str\n] = {}",
    "self.cmd: str",  # (a colon after the name is taken: the annotation may run over lines)
    "(self.cmd,\n" + "    self.other,\n" * 60 + ") = pick()",
]
READS_ON_RECEIVER = [
    "self.cmd == 'codex'",
    "self.cmd <= 2",
    "self.cmd != other",
    "f(self.cmd, x) >= 3",
    "subprocess.run(self.cmd, check=True)",
    "self.cmdx = 1",
    "self.xcmd = 1",
]


@pytest.mark.parametrize("text", STORES_ON_RECEIVER)
def test_every_store_on_a_receiver_passes(text: str) -> None:
    assert store_test("cmd", on_receiver=True, data=str)(text)
    assert store_test("cmd", on_receiver=True, data=bytes)(text.encode())


@pytest.mark.parametrize("text", READS_ON_RECEIVER)
def test_reads_on_a_receiver_do_not(text: str) -> None:
    assert not store_test("cmd", on_receiver=True, data=str)(text)


@pytest.mark.parametrize(
    ("text", "stores"),
    [
        ("    cmd, other = 'gemini', 'x'", True),
        ("    other, cmd = 'x', 'gemini'", True),
        ("    cmd += ['-v']", True),
        ("    cmd = 'x'", True),
        ("    f(cmd, x=1)", False),
        ("    obj.cmd = 1", False),  # (a receiver's store: the other test)
        ("    mycmd = 1", False),
    ],
)
def test_class_level_stores(text: str, stores: bool) -> None:
    assert store_test("cmd", on_receiver=False, data=bytes)(text.encode()) is stores


def test_a_test_is_made_once_per_name_and_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every class's methods are gated for each attribute a read asks about: the patterns are
    # not compiled again for a name asked about before, and the ones that do not depend on the
    # name are compiled once for all names.
    compiled: list[object] = []
    real = re.compile

    def counting(pattern: object, flags: int = 0) -> re.Pattern[str]:
        compiled.append(pattern)
        return real(pattern, flags)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(re, "compile", counting)
    first = store_test("cmd_once", on_receiver=True, data=str)
    assert store_test("cmd_once", on_receiver=True, data=str) is first
    assert store_test("cmd_once", on_receiver=False, data=str) is not first
    before = len(compiled)
    assert store_test("other_once", on_receiver=True, data=str)("self.other_once = 1")
    assert len(compiled) - before <= 2  # the name's own patterns only
    assert first("self.cmd_once, self.x = 1, 2") and not first("f(self.cmd_once) == 2")


def test_the_tests_kept_stay_within_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stores, "_TESTS", {})
    monkeypatch.setattr(stores, "_TESTS_MAX", 3)
    for i in range(10):
        test = store_test(f"name{i}", on_receiver=True, data=bytes)
        assert test(f"self.name{i} = 1".encode()) and not test(b"self.other = 1")
        assert len(stores._TESTS) <= 3


def test_a_test_compiles_no_pattern_for_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # A pattern per name cost 1 % of a cold run in compiles (more names than `re`'s cache
    # keeps): the name is found with `find`, and only the patterns shared by all names, compiled
    # once, are matched around it.
    monkeypatch.setattr(stores, "_TESTS", {})
    compiled: list[object] = []
    real = re.compile
    monkeypatch.setattr(stores.re, "compile", lambda p, *a: compiled.append(p) or real(p, *a))
    for data in (str, bytes):
        stores._unnamed(True, data)  # (the shared patterns: compiled once for all names)
        compiled.clear()
        test = store_test("zz_cmd", on_receiver=True, data=data)
        text = "class A:\n    def f(self):\n        self.other = 1\n"
        assert not test(text if data is str else text.encode())
        named = "class A:\n    def f(self):\n        self.zz_cmd = 1\n"
        assert test(named if data is str else named.encode())
        tuple_target = "class A:\n    def f(self):\n        self.zz_cmd, self.x = 1, 2\n"
        assert test(tuple_target if data is str else tuple_target.encode())
        assert compiled == []


# Texts where finding a name's stores around its occurrences could part from the pattern
# holding it: blanks (any `\s`, Unicode ones in text) between the dot and the name, the name
# inside a longer word or overlapping itself, at the text's start or end, and a search from an
# offset inside a match (the test's loops resume at a match's start + 1).
FINDER_TEXTS = [
    "self.cmd = 1",
    "self. cmd = 1",
    "self.\n\tcmd += 2",
    "self.\u3000cmd = 1",  # (an ideographic space: `\s` in text, not in bytes)
    "self.\x85cmd = 1",  # (NEL: a blank to `str.isspace`, and to `\s` in text)
    "cmd = 1",
    "cmd",
    ".cmd",
    ". cmd\t,",
    "x.cmdcmd = 1; y.cmd = 2",
    "a.cmcmd = 1 . cmd =3",
    "self .cmd, self.mode = 1, 2",
    "f(self.cmd) == self.cmd",
    "self..cmd = 1",
    "self.cmd\n= 1",
    "self.cmd\u3000:= 1",
    "x = [self.cmd ]",
    "self.ccmd=1 self.cmd)",
    "cmdcmdcmd = 1",
    "self.cmdcmdcmd = 1",
]


@pytest.mark.parametrize("data", [str, bytes])
@pytest.mark.parametrize("on_receiver", [True, False])
@pytest.mark.parametrize("name", ["cmd", "cm", "c", "__init__", "cmdcmd"])
def test_a_name_is_found_where_the_pattern_holding_it_matches(
    data: type, on_receiver: bool, name: str
) -> None:
    # Every match (start and end) from every offset, as `search` with the name in the pattern.
    *_, simple_tail, trigger_tail, space = stores._unnamed(on_receiver, data)
    for tail in (simple_tail, trigger_tail):
        lead = r"\.\s*" if on_receiver else ""
        source = lead + re.escape(name) + (tail.pattern if data is str else tail.pattern.decode())
        pattern = re.compile(source.encode() if data is bytes else source)
        literal = name.encode() if data is bytes else name
        find = stores._finder(literal, on_receiver, tail, space)
        texts = FINDER_TEXTS + [t.replace("cmd", name) for t in FINDER_TEXTS]
        for text in texts:
            t = text.encode() if data is bytes else text
            for pos in range(len(t) + 1):
                m = pattern.search(t, pos)
                assert find(t, pos) == (None if m is None else m.span()), (text, pos)


def test_a_name_starting_with_a_blank_is_searched_with_its_pattern() -> None:
    # (No attribute name starts with one; the test then reads as the pattern holding it.)
    test = store_test(" cmd", on_receiver=True, data=str)
    assert test("self. cmd = 1") and test("self.  cmd = 1") and not test("self.cmd = 1")

"""The text gate before a class or method is parsed to learn what it assigns
(`scan.stores.store_test`): every store the parse would find passes it; reads do not."""

import pytest

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


def test_patterns_are_compiled_once_per_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same attribute names are asked about again and again (1,426 calls for 547 names on
    the corpus): the second test for a name compiles nothing."""
    import re

    from frontier_lint.scan import stores

    compiled: list[object] = []
    real = re.compile

    def counting(pattern: object, flags: int = 0) -> re.Pattern[str]:
        compiled.append(pattern)
        return real(pattern, flags)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(stores.re, "compile", counting)
    store_test("cmd_once_more", on_receiver=True, data=str)
    first = len(compiled)
    again = store_test("cmd_once_more", on_receiver=True, data=str)
    assert first > 0 and len(compiled) == first
    assert again("self.cmd_once_more = 1") and not again("self.cmd_once_more == 1")

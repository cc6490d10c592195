"""The shortcuts on the interpreter's hot paths answer what the long way answers: tree walks
see the code nodes, values are told apart by content whatever is remembered, the line-local
text scans find what a scan of every line finds."""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Iterable

import libcst as cst
import pytest

from frontier_lint.dataflow import hierarchy, lazy, searches, values
from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.lazy import Deferred, has_lazy
from frontier_lint.dataflow.values import (
    Alt,
    DictV,
    Param,
    Seq,
    Str,
    Unknown,
    Value,
    alt,
    has_param,
    string,
)
from frontier_lint.frontend import syntax
from frontier_lint.frontend.parsing import SourceFile
from frontier_lint.frontend.syntax import children
from frontier_lint.scan import prefilter
from frontier_lint.scan.prefilter import has_word, local_names


def test_tree_walks_see_code_nodes_and_no_whitespace_or_punctuation() -> None:
    call = cst.parse_expression("run( [ 'codex' , x ] , check = True )  # why")
    assert isinstance(call, cst.Call)
    kinds = [type(n).__name__ for n in children(call)]
    assert kinds == ["Name", "Arg", "Arg"]
    listed = children(children(call)[1])[0]
    assert [type(n).__name__ for n in children(listed)] == ["Element", "Element"]
    binop = cst.parse_expression("a + b")
    assert [type(n).__name__ for n in children(binop)] == ["Name", "Name"]
    module = cst.parse_module("# comment\n\nimport os\nos.system('x')  # run\n")
    assert [type(n).__name__ for n in children(module)] == [
        "SimpleStatementLine",
        "SimpleStatementLine",
    ]


def test_node_kinds_are_told_apart_without_filling_libcsts_abc_caches() -> None:
    # libcst's node classes are ABCs: `issubclass(Fresh, cst.CSTNode)` asks every node class
    # in turn and leaves `Fresh` in each one's negative cache. The walks answer from the MRO.
    import abc

    class Fresh:  # a type no walk has met yet
        pass

    class FreshCall(cst.Call):  # a node kind no walk has met yet, not trivia, an expression
        pass

    assert not syntax.is_node(Fresh()) and syntax.is_node(cst.Name("x"))
    assert not syntax.CODE_TYPES[Fresh] and syntax.CODE_TYPES[FreshCall]
    assert not syntax.CODE_TYPES[cst.Comma] and not syntax.CODE_TYPES[cst.Add]
    assert syntax._is_expression(FreshCall) and not syntax._is_expression(Fresh)
    for kind in (cst.Name, cst.Comma, cst.BaseExpression, cst.If):
        negative = abc._get_dump(kind)[2]  # type: ignore[attr-defined]
        assert Fresh not in {ref() for ref in negative}
        assert FreshCall not in {ref() for ref in negative}


def test_alternatives_that_differ_only_in_trace_are_one_whatever_is_remembered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(values, "_KEYS", {})
    monkeypatch.setattr(values, "_KEYS_PARTS", 0)
    monkeypatch.setattr(values, "_KEYS_MAX_PARTS", 9)  # emptied again and again below
    made = []
    for i in range(20):
        a = Seq(trace=(), items=(string("codex"), string(f"-{i % 4}")))
        b = Seq(trace=(), items=(string("codex"), string(f"-{i % 4}")))
        c = Seq(trace=(), items=(string("codex"), string(f"-{(i + 1) % 4}")))
        merged = alt([a, b, c, a])
        assert isinstance(merged, Alt)
        assert [o.items[1] for o in merged.options] == [a.items[1], c.items[1]]  # type: ignore[attr-defined]
        made.append(merged)
    assert len(values._KEYS) <= 3


def test_the_remembered_keys_of_large_values_stay_within_their_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A dict built item by item in branches is keyed whole at each merge: the table of keys
    # kept is bounded by what they hold, not only by how many there are (sympy's printer
    # settings took 25 MB of keys at the run's peak).
    monkeypatch.setattr(values, "_KEYS", {})
    monkeypatch.setattr(values, "_KEYS_PARTS", 0)
    entries: tuple[tuple[Value, Value], ...] = ()
    for i in range(600):
        entries = (*entries, (string(f"k{i}"), Seq(trace=(), items=(string(f"v{i}"),))))
        merged = alt([DictV(trace=(), entries=entries), DictV(trace=(), entries=entries[:-1])])
        assert isinstance(merged, Alt)
    assert _held(key for _, key in values._KEYS.values()) <= values._KEYS_MAX_PARTS + 10_000


def _held(keys: Iterable[object]) -> int:
    """How many references the keys hold, through their tuples (each shared one once)."""
    seen: set[int] = set()
    todo = list(keys)
    n = 0
    while todo:
        x = todo.pop()
        parts = getattr(x, "parts", x)
        if not isinstance(parts, tuple) or id(parts) in seen:
            continue
        seen.add(id(parts))
        n += len(parts)
        todo.extend(parts)
    return n


def test_a_remembered_answer_belongs_to_its_value_not_to_a_later_one_with_its_id(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lazy, "_HAS_LAZY", {})
    func = FuncId("app.py", "make")
    for _ in range(200):  # freed values' ids are reused by the next ones
        deferred = Seq(
            trace=(), items=(Deferred(trace=(), func=func, pos=(), kws=(), receiver=None, depth=0),)
        )
        plain = Seq(trace=(), items=(Unknown(trace=(), reason="x"),))
        assert has_lazy(deferred) and not has_lazy(plain)
        del deferred, plain
        gc.collect()
    assert has_lazy(Str(trace=(), text="codex")) is False


def test_shapes_remembered_tell_values_apart_by_content_and_keep_their_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `shape` keeps composite parts' shapes across calls (`_SHAPES`): a value built alike has
    # its shape, one differing in a part has another, a later value given a freed one's id is
    # not answered with the freed one's, and a value of many parts shaped before still
    # answers by its identity past the bound.
    monkeypatch.setattr(values, "_SHAPES", {})
    run = FuncId("app.py", "run")

    def argv(program: str, n: int = 1) -> Seq:
        part = Seq(trace=(), items=(string(program), Param(trace=(), func=run, name="cmd")))
        return Seq(trace=(), items=(part,) * n)

    first = values.shape(argv("codex"))
    assert values.shape(argv("codex")) == first
    assert values.shape(argv("git")) != first
    for i in range(200):  # freed values' ids are reused by the next ones
        program = "codex" if i % 2 else "git"
        assert (values.shape(argv(program)) == first) is (program == "codex")
        gc.collect()
    monkeypatch.setattr(values, "MAX_SHAPE_PARTS", 50)
    small = argv("codex", 20)
    assert values.shape(small) == values.shape(argv("codex", 20))  # (shared parts: walked once)
    large = Seq(trace=(), items=tuple(argv("codex", 20) for _ in range(4)))
    for part in large.items:
        values.shape(part)
    assert values.shape(large) == ("parts", id(large))


WAITING = {
    # what a value may wait for: (the module and table remembering it, the question, a part)
    "deferred": (
        lazy,
        "_HAS_LAZY",
        has_lazy,
        Deferred(trace=(), func=FuncId("app.py", "make"), pos=(), kws=(), receiver=None, depth=0),
    ),
    "parameter": (
        values,
        "_HAS_PARAM",
        has_param,
        Param(trace=(), func=FuncId("app.py", "run"), name="cmd"),
    ),
}


@pytest.mark.parametrize("kind", sorted(WAITING))
def test_a_part_answered_before_is_not_walked_into_again(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Values are built of values asked about before: the answer for a part stands for it.
    module, table, holds, part = WAITING[kind]
    asked = _Asked()
    monkeypatch.setattr(module, table, asked)
    inner_waits = Seq(trace=(), items=(part,))
    waits = Seq(trace=(), items=(string("codex"), inner_waits))
    inner_known = Seq(trace=(), items=(string("git"),))
    known = Seq(trace=(), items=(inner_known, string("status")))
    assert holds(waits) and not holds(known)
    asked.ids.clear()
    assert not holds(Seq(trace=(), items=(known, known)))
    assert holds(alt([Seq(trace=(), items=(known,)), Seq(trace=(), items=(waits,))]))
    assert id(known) in asked.ids and id(waits) in asked.ids
    assert id(inner_known) not in asked.ids and id(inner_waits) not in asked.ids


class _Asked(dict[int, tuple[Value, bool]]):
    """A table of answers remembered by identity, noting the ids looked up."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[int] = []

    def get(self, key: int, default: object = None) -> object:  # type: ignore[override]
        self.ids.append(key)
        return super().get(key, default)


def _holders_every_line(cls: str, data: bytes) -> list[str]:
    head = rb"^(\w+)[ \t]*(?::[^=\n]*)?=[ \t]*(?:[\w.]+\.)?"
    pattern = re.compile(head + re.escape(cls.encode()) + rb"[ \t]*\(", re.M)
    return [m.group(1).decode() for m in pattern.finditer(data)]


def test_instance_holders_are_those_a_scan_of_every_line_finds() -> None:
    data = (
        b"RUNNER = Runner()\n"
        b"x = 1; y = Runner()\n"  # not at the start of a line
        b"  inner = Runner()\n"  # indented: a local
        b"typed: Runner = app.Runner (cfg)\n"
        b"Runner = Runner(Runner())\n"
        b"other = MyRunner()\n"
        b"last=mod.sub.Runner("
    )
    expected = _holders_every_line("Runner", data)
    assert expected == ["RUNNER", "typed", "Runner", "last"]
    assert list(searches.instance_holders("Runner", data)) == expected


def test_local_names_find_assignments_on_any_line_naming_the_function() -> None:
    text = (
        "from tools import run_agent as go\n"
        "run = run_agent\n"
        "   later = tools.run_agent  \n"
        "not_this = run_agent()\n"
        "x = 1; y = run_agent\n"
        "z = other\n"
    )
    assert local_names(text, ["run_agent"]) == {"run_agent", "go", "run", "later"}


def test_alternatives_rebuilt_of_the_same_options_are_not_made_and_keyed_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A walk that changes none of an alternative's options (a substitution of parameters the
    # value does not hold, a force of parts computed already) keeps it as it is: what `alt`
    # would make of the same options is the same value, and keying them again cost a tenth
    # of the launch-dense project's interpretation.
    made: list[list[Value]] = []

    def counted(options: list[Value], trace: tuple[object, ...] = ()) -> Value:
        made.append(options)
        return alt(options, trace)  # type: ignore[arg-type]

    monkeypatch.setattr(lazy, "_BUILT", {})
    monkeypatch.setattr(lazy, "alt", counted)
    cmd = Param(trace=(), func=FuncId("app.py", "run"), name="cmd")
    kept = alt([Seq(trace=(), items=(string("codex"), string("-a"))), string("git")])
    assert isinstance(kept, Alt)
    assert lazy.rebuild(kept, lambda x: None) is kept
    assert lazy.substitute(kept, lambda p: string("claude")) is kept
    assert made == []
    # An option that changes: the alternatives are made again, of the new options.
    waits = alt([Seq(trace=(), items=(cmd, string("-a"))), string("git")])
    filled = lazy.substitute(waits, lambda p: string("claude"))
    assert len(made) == 1
    assert filled == alt([Seq(trace=(), items=(string("claude"), string("-a"))), string("git")])
    # Past a bound, the parts standing for the rest are made again as `alt` makes them.
    many = alt([Seq(trace=(), items=(string(f"p{i}"),)) for i in range(3 * values.MAX_SEQUENCES)])
    assert isinstance(many, Alt) and len(many.options) >= values.MAX_SEQUENCES
    assert lazy.rebuild(many, lambda x: None) == many
    assert len(made) > 1


def test_a_walk_leaves_no_garbage_for_a_collection_to_find() -> None:
    # A run puts full collections off to its end (`engine._young_collections_only`): a walk
    # left in a reference cycle (a closure calling itself) kept its table of every part it
    # rebuilt until then, 6 MB of garbage at the end of the corpus's propagation.
    cmd = Param(trace=(), func=FuncId("app.py", "run"), name="cmd")
    shared = Seq(trace=(), items=(cmd, string("-a")))
    value = alt([Seq(trace=(), items=(shared, string("x"))), Seq(trace=(), items=(shared,))])
    was_enabled = gc.isenabled()
    gc.collect()  # (what earlier tests left)
    gc.disable()  # (only reference counts free anything below)
    try:
        filled = lazy.substitute(value, lambda p: string("claude"))
        forced = lazy.substitute_lazy(filled, lambda x: x, lazy.Rebuilt())
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()
    argv = Seq(trace=(), items=(string("claude"), string("-a")))
    assert (
        filled
        == forced
        == alt([Seq(trace=(), items=(argv, string("x"))), Seq(trace=(), items=(argv,))])
    )


def test_parameters_one_at_a_time_are_those_listed() -> None:
    func = FuncId("app.py", "run")
    a, b, c = (Param(trace=(), func=func, name=n) for n in "abc")
    shared = Seq(trace=(), items=(a, string("-x")))
    value = alt(
        [
            Seq(trace=(), items=(shared, DictV(trace=(), entries=((string("k"), b),)))),
            Seq(trace=(), items=(shared, lazy.LazyAttr(trace=(), base=c, attr="binary"))),
            Deferred(trace=(), func=func, pos=(b,), kws=(("x", a),), receiver=None, depth=0),
        ]
    )
    listed = lazy.params_in(value)
    assert [p.name for p in listed] == ["a", "b", "c", "b", "a"]
    assert list(lazy.iter_params(value)) == listed
    walk = lazy.iter_params(value)
    assert next(walk) is a  # (the first, before the rest of the value is walked)


# The index's store words as the backtracking patterns found them (`searches` makes the name
# possessive and starts the `setattr` pattern with its literal: the same words, found faster).
_ATTR_STORED_BEFORE = re.compile(rb"\.(?<!\bself\.)(\w+)[ \t]*\+?=(?!=)")
_SETATTR_BEFORE = re.compile(rb"\bsetattr[ \t]*\([ \t]*[\w.]+[ \t]*,[ \t]*[\"'](\w+)[\"']")


@pytest.mark.parametrize(
    "text",
    [
        b"config.CMD = 'codex'\nc.bin += ['-v']\nx.y == 2\nx.z(1)\nx.path.join = f\n",
        b"self.a = 1\ncls.b = 2\nmyself.c = 3\nthe_cls.d=4\n  obj . e = 5\nobj.f\t+= 6\n",
        b"a.b.c: int = 1\nd.e +=f\ng.h=\n",
        b"setattr(mod, 'BIN', 'x')\nmysetattr(m, 'NO', 1)\nx=setattr (a.b , \"YES\", 2)\n",
        b"_setattr(m, 'NO', 1)\n\xc3\xa9setattr(m, 'U', 1)\n.setattr(m, 'DOT', 1)\n",
        b"setattr(self, name, value)\nsetattr(\n  x, 'NEXT', 1)\n",
        "x.caf\u00e9 = 1\nx.\u00e9t\u00e9 = 2\n".encode(),
    ],
)
def test_attribute_store_words_are_those_the_backtracking_patterns_find(text: bytes) -> None:
    expected = set(_ATTR_STORED_BEFORE.findall(text)) | set(_SETATTR_BEFORE.findall(text))
    assert searches.attr_stored_words(text) == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (b"r = Runner()\n", b"Runner"),
        (b"r = MyRunner()\n", b"Runner"),
        (b"r = Runner_()\nRunner2\nRunnerRunner", b"Runner"),
        (b"x.Runner", b"Runner"),
        (b"Runner", b"Runner"),
        (b"\xc3\xa9Runner\n", b"Runner"),
        (b"aaa", b"aa"),
    ],
)
def test_a_file_names_a_class_as_the_whole_word_pattern_finds(text: bytes, word: bytes) -> None:
    # (`Analyzer._names_word`: `has_word` where it searched `(?<!\w)word(?!\w)`.)
    expected = re.search(rb"(?<!\w)" + re.escape(word) + rb"(?!\w)", text) is not None
    assert has_word(text, word) == expected


def test_the_chunk_of_a_line_is_the_last_chunk_starting_at_or_before_it() -> None:
    text = "\n\n# lead\nimport os\n\n\ndef f():\n    return 1\n\n\nclass A:\n    x = 1\n\nY = 2\n"
    for seeded in (False, True):
        source = SourceFile("m.py", text)
        if seeded:  # (the chunks as a scan elsewhere split the same text)
            other = SourceFile("m.py", text)
            source.seed(other.chunks, list(other.starts))
        starts = [c.start for c in source.chunks]
        for line in range(len(text.split("\n")) + 2):
            expected = max(bisect_right(starts, line) - 1, 0)
            assert source.chunk_at_line(line) == expected


# Prose as the pattern led by the string prefix found it, tried at every position (`prose_spans`
# finds a comment or quote in C and reads the prefix back from the quote: the same spans).
_PROSE_BEFORE = re.compile(
    r"#[^\n]*"
    r"|[rRbBuUfF]{0,2}(?:"
    r'"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*(?:"""|\Z)'
    r"|'''[^'\\]*(?:(?:\\[\s\S]|'(?!''))[^'\\]*)*(?:'''|\Z)"
    r'|"[^"\\\n]*(?:\\[\s\S][^"\\\n]*)*(?:"|(?=\n)|\Z)'
    r"|'[^'\\\n]*(?:\\[\s\S][^'\\\n]*)*(?:'|(?=\n)|\Z))"
)


def _prose_before(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _PROSE_BEFORE.finditer(text, start, end):
        token = m.group()
        if token[0] in "#\"'":
            spans.append(m.span())
            continue
        quote = min(i for i in (token.find('"'), token.find("'")) if i >= 0)
        if "f" not in token[:quote] and "F" not in token[:quote]:
            spans.append((m.start() + quote, m.end()))
        else:
            spans.extend(prefilter._fstring_literals(text, m.start() + quote, m.end()))
    return spans


_PROSE_TEXT = (
    "x = f'{run(cmd)} {{x}}' + rb\"raw\" + Rb'''doc''' # note 'q'\n"
    'if"codex" in s: buf"y"; urb"z"; elif"w"; fr"{a}"; F"""{b!r:>{w}}""" ; u\'\'\n'
    "s = 'open\n# after an unclosed string\nt = \"esc \\\" q\" + 'it\\'s'\n"
    "def f():\n    '''doc\n    run(\"codex\")\n    '''\n    return b'' + rf'{c}' + B\"\"\n"
)


@pytest.mark.parametrize(
    ("start", "end"),
    [(0, len(_PROSE_TEXT)), (1, len(_PROSE_TEXT)), (5, 40), (60, 70), (61, 120), (100, 101)],
)
def test_prose_is_what_the_pattern_led_by_the_prefix_found(start: int, end: int) -> None:
    assert prefilter.prose_spans(_PROSE_TEXT, start, end) == _prose_before(_PROSE_TEXT, start, end)


def _stores_every_position(name: str, data: bytes) -> list[tuple[int, bytes, object, bool]]:
    """`searches.stores_of` as its pattern finds them tried at every position of the file (not
    only on the lines holding the word), with whether each starts its line."""
    pattern = re.compile(
        rb"(?<![\w.])((?:\w+[ \t]*\.[ \t]*)*)"
        + re.escape(name.encode())
        + rb"[ \t]*(?:(\[[^\n]*\][ \t]*=(?!=))|\.[ \t]*("
        + b"|".join(searches._MUTATORS)
        + rb")[ \t]*\(|([|+]=))",
    )
    out: list[tuple[int, bytes, object, bool]] = []
    for m in pattern.finditer(data):
        if m.group(2):
            form: object = searches.StoreForm.KEYED
        elif m.group(3):
            form = searches._MUTATORS[m.group(3)]
        else:
            form = searches.StoreForm.AUGMENTED
        line = data.rfind(b"\n", 0, m.start()) + 1
        starts = not data[line : m.start()].strip()
        out.append((m.start(), re.sub(rb"[ \t]", b"", m.group(1)), form, starts))
    return out


def test_container_stores_are_those_a_scan_of_every_position_finds() -> None:
    data = (
        b"TABLE['a'] = 1\n"
        b"  cls.TABLE [k]= v  # indented, through the class\n"
        b"x = 1; TABLE['b'] = 2\n"  # not starting its line
        b"mod . sub.TABLE.update({'c': 3})\n"
        b"TABLE.append(x) ; TABLE |= other\n"
        b"MY_TABLE['d'] = 4\nTABLE_2['e'] = 5\n"
        b"TABLE += [1]\nTABLE['f'] == 6\n"
        b"print(TABLE['g'])\n"
        b"TABLE"
    )
    expected = _stores_every_position("TABLE", data)
    assert [at for at, _, _, _ in expected] == [0, 17, 72, 87, 120, 138, 188]
    assert list(searches.stores_of("TABLE", data)) == [(*e, False) for e in expected]


def test_container_stores_through_a_bound_name_are_those_of_its_function() -> None:
    data = (
        b"def add(k, v):\n"
        b"    reg = tables.TABLE\n"
        b"    reg[k] = v\n"
        b"    reg.update(x)\n"
        b"def other(reg):\n"
        b"    reg[1] = 2\n"
    )
    got = [(at, p, f, a) for at, p, f, _, a in searches.stores_of("TABLE", data)]
    assert got == [
        (data.index(b"reg[k]"), b"tables.", searches.StoreForm.KEYED, True),
        (data.index(b"reg.update"), b"tables.", searches.StoreForm.UPDATE, True),
    ]
    assert b"TABLE" in searches.stored_words(data)


def _calls_searched(name: str, data: bytes) -> list[int]:
    """`searches.calls_of` as its pattern, led by a lookbehind, finds them searched for."""
    dotted = name.encode()
    head = rb"(?<![\w.])" if b"." in dotted else rb"(?<![\w])(?:\w+\.)*"
    pattern = re.compile(head + re.escape(dotted) + rb"[ \t]*\(", re.M)
    out: list[int] = []
    for m in pattern.finditer(data):
        line = data.rfind(b"\n", 0, m.start()) + 1
        if not data[line : m.start()].lstrip().startswith((b"def ", b"async ", b"@")):
            out.append(m.start())
    return out


CALLS_TEXT = (
    b"register('a')\n"
    b"app.registry.register ('b')\n"  # through a module, blanks before the call
    b"x = 1; Factory.register('c')\n"  # not starting its line
    b"my_register('no')\nregistered('no')\n.register('dot')\n(.a.register('d')\n"
    b"\xc3\xa9.register('e')\n"  # a non-ASCII byte before the dotted name (not `\w` in bytes)
    b"def register(self):\n    @app.register('no')\n    async def register(): ...\n"
    b"a.register.register('f')\nregister.register('g')\nfactory.Factory.register('h')\n"
    b"register"
)


@pytest.mark.parametrize(
    "name", ["register", "Factory.register", "registry.register", "a.register", "r"]
)
def test_calls_are_those_the_pattern_searched_for_finds(name: str) -> None:
    # (`calls_of` tries its pattern at each occurrence of the name or the start of the dotted
    # name it ends, where the pattern led by a lookbehind was tried at every position.)
    expected = _calls_searched(name, CALLS_TEXT)
    assert list(searches.calls_of(name, CALLS_TEXT)) == expected
    if name == "register":
        assert len(expected) == 9


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (b"from app.tables import NAME\n", b"NAME"),
        (b"from app.tables import (\n    OTHER,\n    NAME,\n)\n", b"NAME"),
        (b"from app.tables import NAMES\nimport app.NAME\nreimport NAME\n", b"NAME"),
        (b"x = 1  # import NAME later\nfrom a import b as NAME\n", b"NAME"),
        (b"_import NAME\nimportNAME\nimport\n", b"NAME"),
        (b"NAME = 1\n", b"NAME"),
    ],
)
def test_a_file_imports_a_word_as_the_pattern_searched_for_finds(text: bytes, word: bytes) -> None:
    # (`hierarchy._imports_word` matches at each `import`, where it searched with `\b` first.)
    pattern = rb"\bimport[ \t]*(?:\([^)]*|[^\n(]*)(?<![\w.])" + re.escape(word) + rb"(?!\w)"
    expected = re.search(pattern, text) is not None
    assert hierarchy._imports_word(text, word) == expected

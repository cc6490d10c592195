"""The cheap text scans: whole-word tests, mentions in code only, class members by indentation."""

from __future__ import annotations

import re

import pytest

from frontier_lint.frontend.parsing import SourceFile
from frontier_lint.scan.prefilter import (
    DFA_WORDS,
    NFA_SCANS,
    WordFinder,
    WrapperGates,
    _passed,
    hands_module_on,
    has_word,
    other_names,
    prose_spans,
    renamed_sinks,
    runs_code,
    word_starts,
    words_re,
)


@pytest.mark.parametrize(
    ("data", "word", "expected"),
    [
        (b"run(x)", b"run", True),
        (b"x = truncate(run)", b"run", True),  # the second occurrence is whole
        (b"rerun(x); running = 1; run_x()", b"run", False),
        (b"import os\n", b"os", True),
        (b"pos = close(os_)", b"os", False),
        (b"\xc3\xa9run()", b"run", True),  # a non-ASCII byte is not a word byte (as for \b)
        (b"", b"run", False),
    ],
)
def test_has_word_agrees_with_word_boundaries(data: bytes, word: bytes, expected: bool) -> None:
    assert has_word(data, word) is expected
    assert bool(re.search(rb"(?<!\w)" + word + rb"(?!\w)", data)) is expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("run(x); rerun = run_x or run", "run"),
        ("aaa aa.aa", "aa"),  # overlapping occurrences: the regex's, none overlapping
        ("é_run run1 runé run", "run"),  # a non-ASCII letter is a word character (str)
        ("", "run"),
        ("run", "run"),
    ],
)
def test_word_starts_are_the_regexs_matches(text: str, word: str) -> None:
    expected = [m.start() for m in re.finditer(re.escape(word) + r"(?!\w)", text)]
    assert list(word_starts(text, word)) == expected


def test_word_finder_finds_what_has_word_finds() -> None:
    words = [b"run", b"run_command", b"os", b"Popen", b"command"]
    finder = WordFinder(words)
    for data in [
        b"run_command(x); os.system(y)",
        b"rerun(x); running = 1; run_x(); subprocess.Popen",
        b"\xc3\xa9run() command",
        b"run",
        b"",
    ]:
        assert finder.found(data) == {w for w in words if has_word(data, w)}, data
    assert WordFinder([]).found(b"run") == set()


@pytest.mark.parametrize("count", [99, 100, 150, DFA_WORDS, DFA_WORDS + 1])
def test_word_finder_of_many_words_finds_what_has_word_finds(count: int) -> None:
    """Large word sets (a late wrapper round's names and gate words) are scanned with another
    automaton than small ones; the answer is the same whole-word test."""
    words = [b"run", b"run_command", b"os", b"Popen"] + [b"w%d_x" % i for i in range(count - 4)]
    finder = WordFinder(words)
    data = b"run_command(x); os.system(y); w1_x w12_xx w99_x.w149_x; rerun Popen_ " * 3
    # The first texts go through one automaton, the later ones through another: the same.
    for n in range(NFA_SCANS + 2):
        text = data + b" w%d_x" % n
        assert finder.found(text) == {w for w in words if has_word(text, w)}, n


@pytest.mark.parametrize("longest", [True, False], ids=["longest-kept", "overlapping-kept"])
@pytest.mark.parametrize(
    "words",
    [
        [b"sh", b"shell", b"run", b"run_command", b"_run", b"os", b"Popen", b"command"],
        [b"run", b"caf\xc3\xa9", b"a.b"],  # bytes that are not word bytes: overlapping only
    ],
    ids=["word-bytes", "other-bytes"],
)
def test_word_finder_finds_the_same_whichever_search_its_trial_keeps(
    monkeypatch: pytest.MonkeyPatch, words: list[bytes], longest: bool
) -> None:
    """Past the NFA, two DFA searches are tried in turn and the faster kept (by CPU time):
    every text gets the whole-word answer, during the trial and after it, whichever is kept."""
    from frontier_lint.scan.prefilter import TRIAL_SCANS

    monkeypatch.setattr(WordFinder, "_longest_faster", lambda self: longest)
    finder = WordFinder(words)
    texts = [
        b"sh(x); shell(y); shells; run_command(z); _run(); os.sh",
        b"rerun(x); running = 1; run_x(); subprocess.Popen; a.b; cafe; caf\xc3\xa9",
        b"\xc3\xa9run() command\\\n_run",
        b"shellsh sh_ _sh run_commands",
        b"",
    ]
    for n in range(NFA_SCANS + 2 * TRIAL_SCANS + 10):
        text = texts[n % len(texts)]
        assert finder.found(text) == {w for w in words if has_word(text, w)}, (n, text)
    plain = all(re.fullmatch(rb"\w+", w) for w in words)
    assert finder._overlapping is not (longest and plain)  # (the search kept)


def test_wrapper_gates_need_the_name_and_a_gate_word() -> None:
    gates = WrapperGates(
        [
            ("app/util/proc.py", "run_process", ["proc", "util"]),
            ("app/jobs.py", "Runner", ["Runner"]),
            ("__init__.py", "launch", [""]),  # a root package's function: no gate word
        ]
    )
    assert gates.wanted(b"from app.util import proc\nproc.run_process(c)", "a.py") == [
        "run_process"
    ]
    assert gates.wanted(b"run_process(c)  # no import of its module", "a.py") == []
    assert gates.wanted(b"run_process(c)", "app/util/proc.py") == ["run_process"]  # its home
    assert gates.wanted(b"Runner(cmd)", "b.py") == ["Runner"]
    assert gates.wanted(b"launch(cmd)", "c.py") == ["launch"]


CODE = '''\
x = 1  # run here
"""run
in a docstring"""
s = 'run' + f"{run(1)}" + r'\\\\' ; run(2)
b"run" + "a\\"run" + 'it''s' + rb'run'
run(3)
'''


def test_mentions_in_comments_and_strings_are_not_code() -> None:
    # 0-based lines: 3 has an f-string call and a plain call, 5 a call; the rest is prose.
    assert SourceFile("m.py", CODE).code_lines(words_re(["run"])) == {3, 5}


def test_prose_spans_cover_whole_literals() -> None:
    spans = [CODE[a:b] for a, b in prose_spans(CODE)]
    assert spans[:3] == ["# run here", '"""run\nin a docstring"""', "'run'"]
    assert 'f"{run(1)}"' not in spans


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ('log(f"run failed: {err}")', False),  # the f-string's text is prose
        ('log(f"{{run}} is not called: {err!r:>{width}}")', False),  # `{{` is text too
        ('log(f"{run(cmd)} started")', True),  # a replacement field is code
        ('log(f"{width:{run}}")', True),  # so is a field nested in a format spec
        ("log(f\"{d['}'] + run()} done\")", True),  # a brace in a nested string ends no field
        ('log(F"""{x}\nrun\n{y}""")', False),  # triple-quoted, either prefix case
        ('log(rf"{cmd} run")', False),
    ],
)
def test_fstring_text_is_prose_and_its_fields_code(line: str, code: bool) -> None:
    lines = SourceFile("m.py", line + "\n").code_lines(words_re(["run"]))
    assert bool(lines) is code


def test_unbalanced_fstring_field_counts_as_code() -> None:
    # A field left open (the string's end is not the field's): the rest is not taken for text.
    text = "x = f'{d[\"run\"' + 1\n"
    assert SourceFile("m.py", text).code_lines(words_re(["run"])) == {0}


def test_unterminated_string_ends_at_its_line() -> None:
    text = "x = 'oops\nrun()\n"
    assert SourceFile("m.py", text).code_lines(words_re(["run"])) == {1}


@pytest.mark.parametrize(
    ("text", "methods"),
    [
        # black's layout: the closing `):` of a signature sits at the method's indentation
        (
            "class C:\n    def f(\n        self,\n    ):\n        return 1\n\n"
            "    def g(self):\n        return 2\n",
            ["f", "g"],
        ),
        # a decorated class, and a header split over lines
        (
            "@dataclass\nclass C(\n    Base,\n):\n    x = 1\n\n    def f(self):\n"
            "        return 1\n",
            ["f"],
        ),
    ],
    ids=["closing-bracket-at-member-indent", "decorated-multiline-header"],
)
def test_class_members_by_indentation_give_a_parsable_skeleton(
    text: str, methods: list[str]
) -> None:
    src = SourceFile("m.py", text)
    members = src.members(0)
    assert members is not None
    assert [m.name for m in members if m.kind == "def"] == methods
    node, _ = src.class_skeleton(0, members)  # raises if a boundary was guessed wrong
    assert node.name.value == "C"


def test_parsing_skips_libcst_node_checks_only_while_parsing() -> None:
    import libcst as cst

    from frontier_lint.frontend.parsing import parse_module

    code = "x = () if 0 else(lambda:())\n"  # valid Python; libcst's node checks reject it
    assert parse_module(code).code == code
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")  # nodes built elsewhere are still checked


def test_caller_files_must_import_the_wrappers_module() -> None:
    from pathlib import Path

    from frontier_lint.dataflow.propagation import Analysis, Wrapper
    from frontier_lint.frontend.project import Project
    from frontier_lint.settings.catalogue import load_catalogue
    from frontier_lint.settings.loading import load_config

    root = Path(__file__).parent / "fixtures" / "projects" / "wrapper_imports"
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.py"))
    config = load_config(None, root)
    run = Analysis(config, load_catalogue(config.rules), Project(root, files))
    wrappers = [
        Wrapper.from_row(("tools/runner.py:run_agent", "run_agent", "runner|tools")),
        Wrapper.from_row(("tools/runner.py:Agent.start", "start", "Agent")),
    ]
    found = run.caller_candidates(files, wrappers)
    # Every file that names a wrapper and a gate word, except the look-alike, which imports
    # neither module: its own `run_agent` and `Agent` are what it calls.
    assert "app/lookalike.py" not in found
    assert {"app/direct.py", "app/reexport.py", "app/package_attr.py", "tools/sibling.py"} <= set(
        found
    )
    assert found["app/package_attr.py"] == ["run_agent", "start"]


def test_local_names_follow_import_aliases_and_assignments() -> None:
    from frontier_lint.scan.prefilter import local_names

    text = (
        "from tools import run_agent as run, other\n"
        "import tools.runner.run_agent as deep\n"
        "go = tools.run_agent\n"
        "def f():\n    stay = run_agent\n"
    )
    assert local_names(text, ["run_agent"]) == {"run_agent", "run", "deep", "go", "stay"}


def _assigned_by_names(text: str, names: list[str]) -> set[str]:
    """`local_names`' assignments as a pattern holding the names finds them (the reference)."""
    alts = "|".join(re.escape(n) for n in sorted(names))
    pattern = r"^[ \t]*(\w+)[ \t]*=[ \t]*(?:\w+[ \t]*\.[ \t]*)*(?:" + alts + r")[ \t]*$"
    return {m.group(1) for m in re.finditer(pattern, text, re.M)}


LOCAL_TEXTS = [
    "go = run",
    "go = run\n",
    "go = tools.run",
    "go = tools . sub.\trun  \nnext = 1",
    "go = run_agent",  # (a longer name starting with another)
    "go = runner",
    "go = prerun",
    "go = tools.prerun",
    "go = run()",
    "go = run.x",
    "go = run # comment",
    "go == run",
    "go = x = run",
    "  go=run\r\n",
    "go = __init__\nup = pkg.__init__",
    "go = r\u00e9sum\u00e9\nok = 1",
    "go = run\u0902",  # (a combining mark: part of the name, not a `\w`)
    "x = 1\ngo = run_agent; y = run\nz = a.run_agent",
    "run = run\nrun_agent = run_agent",
]


@pytest.mark.parametrize(
    "names",
    [
        ["run"],
        ["run", "run_agent"],
        ["run_agent", "agent"],
        ["__init__"],
        ["r\u00e9sum\u00e9", "run"],
        ["run\u0902"],  # (not all `\w`: the names' own pattern)
        ["tools.run"],  # (a dotted name: the same)
    ],
)
def test_local_names_find_the_assignments_the_names_own_pattern_finds(names: list[str]) -> None:
    # One pattern with any word last, the word then looked up among the names: the same
    # assignments as a pattern holding the names, where one name starts another, is inside a
    # word, or is the whole line's value.
    from frontier_lint.scan.prefilter import local_names

    for text in LOCAL_TEXTS:
        expected = set(names) | _assigned_by_names(text, names)
        assert local_names(text, names) == expected, text


@pytest.mark.parametrize(
    ("line", "escapes"),
    [
        ("x = run", True),
        ("x = run  # the launcher", True),
        ("    return run", True),
        ("    yield run", True),
        ("x == run", False),
        ("x = self.run", False),  # an attribute, not the name
        ("x = rerun", False),  # a longer name
        ("x = run()", False),  # called, not handed on
        ("run", False),
    ],
)
def test_a_name_escapes_when_assigned_returned_or_yielded(line: str, escapes: bool) -> None:
    from frontier_lint.scan.prefilter import _escapes

    assert _escapes(f"import subprocess\n{line}\n", "run") is escapes


def test_a_sink_module_imported_in_many_functions_makes_one_launch_pattern_alternative() -> None:
    """Imports repeated in function after function (`import subprocess` in each) bind the same
    names: the launch pattern is the one a single import gives (a pattern growing with every
    import made its compilation most of a long module's scan), and it finds the same calls."""
    from frontier_lint.scan.prefilter import launch_pattern

    sinks = ("subprocess.run", "subprocess.Popen", "os.system")
    body = "    import subprocess as sp\n    import os\n    sp.run(['ls'])\n    os.system('ls')\n"
    once = "def f0():\n" + body + "\nproc = sp\n"
    many = "".join(f"def f{n}():\n{body}\n" for n in range(30)) + "proc = sp\n"
    one, repeated = launch_pattern(once, sinks), launch_pattern(many, sinks)
    assert one is not None and repeated is not None
    assert repeated.regex.pattern == one.regex.pattern
    found = repeated.regex.findall(many)
    # Both calls in each of the 30 functions (and each renaming import, `proc = sp` handing the
    # module on: lines another module's use of them is found from).
    assert sum(m in ("sp.run", "os.system") for m in found) == 60


@pytest.mark.parametrize(
    ("line", "alias"),
    [
        ("x = run", True),  # named, at the line's end
        ("x = run  # the sink", True),
        ("x = partial(run, 'a')", True),  # given first to a call
        ("x = functools.partial(run)", True),
        ("x = f(run(argv))", True),  # (given to a call: what the call does with it is not read)
        ("x = f(run.__call__)", True),
        ("x = run(argv)", False),  # a call of the sink: its result, not the sink
        ("x = run(other)", False),
        ("x = run.__name__", False),
        ("x = runner", False),
        ("x = f(runner)", False),
        ("x = run_it", False),
    ],
)
def test_an_assigned_sink_makes_an_alias_only_named_or_given_to_a_call(
    line: str, alias: bool
) -> None:
    """The assignments `launch_pattern` finds: the sink named alone on the line, or given
    first to a call. Its one pattern holds the sink once, the call before it optional, the
    end the call's or the line's as the call matched: one that gave the call's end to a line
    without the call (`x = run(argv)`, after trying the call `run(` before `argv`), or the
    line's to a call, would answer otherwise here."""
    from frontier_lint.scan.prefilter import launch_pattern

    got = launch_pattern(f"from subprocess import run\n{line}\n", ("subprocess.run",))
    assert got is not None
    assert ("(?:x)" in got.regex.pattern) is alias


@pytest.mark.parametrize(
    "data",
    [
        b"timeout = 3\n",
        b"    timeout: int = 3\n",
        b"self.timeout = 3\n",  # after a dot: not this class's own assignment
        b"read_timeout = 3\n",  # part of a longer name
        b"read_timeout = 3\ntimeout=4\n",  # the second one counts
        b"timeouts = 3\n",
        b"x.timeout = 1; timeout  = 2\n",
        b"timeout == 3\n",  # a comparison still matches `[:=]`, as the regex did
        b"\xfftimeout = 3\n",  # a byte that is not a word character
        b"",
    ],
)
def test_an_assignment_search_without_its_lookbehind_answers_as_the_lookbehind(
    data: bytes,
) -> None:
    """`hierarchy.overridden` looks for `attr =` / `attr:` not preceded by a word character or
    a dot. Searched from the name (a literal) and checked by hand, it answers as the regex with
    the lookbehind `(?<![\\w.])` did, which was tried at every position of a long module."""
    from frontier_lint.dataflow.hierarchy import _unprefixed

    name = re.escape(b"timeout")
    with_lookbehind = re.compile(rb"(?<![\w.])" + name + rb"[ \t]*[:=]")
    assert _unprefixed(re.compile(name + rb"[ \t]*[:=]"), data) == bool(
        with_lookbehind.search(data)
    )


# --- the words each file holds, kept across wrapper rounds ------------------------------------


_TEXTS = [
    b"from app import util\nutil.run_command(x)  # launches\n",
    b"rerun(x); running = 1; run_x(); Popen_\n",
    b"\xc3\xa9run() command \xff\xfe\n",  # not UTF-8 at all
    b"s = 'run_command'  # only in a string\n",
    b"from app.util import \\\n    run_command\n",  # a name after a line continuation
    b"from app.util import *\n",
    b"",
]


def test_file_words_in_rounds_find_what_one_scan_finds() -> None:
    """Words looked for over several rounds, overlapping and growing: each file's answer for
    a round is the whole-word test of that round's words, whatever was looked for before."""
    from frontier_lint.scan.prefilter import FileWords

    rounds = [
        {b"run", b"util"},
        {b"run", b"run_command", b"command"},  # one old word, two new
        {b"util"},  # all old: nothing to scan
        {b"Popen", b"run_x", b"app", b"util", b"x"},
    ]
    memo = FileWords()
    for words in map(frozenset, rounds):
        for i, data in enumerate(_TEXTS):
            path = f"f{i}.py"
            expected = {w for w in words if has_word(data, w)}
            known = memo.known(path, words)
            got = memo.search(path, words, data) if known is None else known
            assert got == (expected, b"import *" in data), (words, data)
            assert memo.known(path, words) == got
        memo.release()


def test_file_words_answer_without_the_bytes_once_every_word_was_looked_for() -> None:
    from frontier_lint.scan.prefilter import FileWords

    memo = FileWords()
    assert memo.known("a.py", frozenset({b"run"})) is None  # never looked at
    memo.search("a.py", frozenset({b"run", b"os"}), b"import os\nos.system(x)\n")
    assert memo.known("a.py", frozenset({b"os"})) == ({b"os"}, False)
    assert memo.known("a.py", frozenset({b"os", b"sh"})) is None  # `sh` not looked for yet
    # A scan made beside (`--jobs`) counts the same.
    memo.note("a.py", frozenset({b"sh"}), {b"sh", b"other"}, False)
    assert memo.known("a.py", frozenset({b"os", b"sh"})) == ({b"os", b"sh"}, False)


def test_wrapper_gates_answer_from_found_words_as_from_bytes() -> None:
    gates = WrapperGates(
        [
            ("app/util.py", "run_command", ["util"]),
            ("app/jobs.py", "Runner", ["Runner"]),
            ("__init__.py", "launch", [""]),
        ]
    )
    assert gates.words == {b"run_command", b"util", b"Runner", b"launch"}
    for i, data in enumerate([*_TEXTS, b"Runner(x); launch()"]):
        wanted, found = gates.check(data, f"f{i}.py")
        assert found == {w for w in gates.words if has_word(data, w)}
        assert gates.wanted_of(found, f"f{i}.py") == wanted


def test_import_statements_asked_again_give_the_same_answer_for_the_same_text_only() -> None:
    from frontier_lint.scan.prefilter import import_statements

    text = "from a import \\\n    b as c\nimport os, sys\n"
    first = import_statements(text)
    assert first == [("a", "b as c"), (None, "os, sys")]
    first.clear()  # a caller's list is its own
    assert import_statements(text) == [("a", "b as c"), (None, "os, sys")]
    assert import_statements(text.replace("os", "shutil")) == [
        ("a", "b as c"),
        (None, "shutil, sys"),
    ]
    for i in range(10):  # others asked for in between: the answer is computed again
        import_statements(f"import m{i}\n")
    assert import_statements(text) == [("a", "b as c"), (None, "os, sys")]


SECOND_NAMES = """\
import subprocess
from os import system as sh
from .proc import run as execute
try:
    invoke = proc.run  # kept for old callers
except ImportError:
    pass
spawn = subprocess.Popen


def helper():
    local = proc.run
    from .proc import run as inner
    go = subprocess.run


class Runner:
    def run(self, cmd):
        pass

    start = run
"""


def test_second_names_are_those_other_modules_can_reach() -> None:
    # Top level (through `try:` blocks) and a class body; a function's own bindings are not.
    assert other_names(SECOND_NAMES, "run") == [
        ("execute", None),
        ("invoke", None),
        ("start", "Runner"),
    ]


def test_a_sink_bound_to_another_name_at_the_top_level() -> None:
    # (`go = subprocess.run` is the function's own.)
    assert renamed_sinks(SECOND_NAMES, ["Popen", "system"]) == ["sh", "spawn"]


def test_the_renaming_scan_finds_what_a_search_for_each_name_finds() -> None:
    # `_bindings` reads the imports only where some `name as` is in the text: one pass over
    # the text's ` as`/`\tas` answers what two searches of the text per name answer.
    import random

    from frontier_lint.scan.prefilter import _followed_by_as

    rng = random.Random(7)
    pieces = ["Popen", "run", "system", " as", "\tas", " ", "\t", "as", "x", "\n", ".", "_"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        names = set(rng.sample(["Popen", "run", "system", "n", "Popenx", "s"], rng.randrange(1, 4)))
        naive = any(f"{n} as" in text or f"{n}\tas" in text for n in names)
        assert _followed_by_as(text, names) == naive, (text, names)


def _reference_import_statements(text: str) -> list[tuple[str | None, str]]:
    """The two-pass scan `_import_statements` must agree with: every `from ... import` that
    begins a word, then every `import` that begins a word and is not inside one of those."""
    import bisect

    from frontier_lint.scan.prefilter import _FROM, _IMPORT

    if "\\\n" in text or "\\\r\n" in text:
        text = text.replace("\\\r\n", " ").replace("\\\n", " ")

    def begins(i: int) -> bool:
        return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_.")

    found: list[tuple[int, str | None, str]] = []
    spans = [m.span() for m in _FROM.finditer(text) if begins(m.start())]
    found += [
        (m.start(), m.group(1), m.group(2)) for m in _FROM.finditer(text) if begins(m.start())
    ]
    starts = [a for a, _ in spans]
    for m in _IMPORT.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < spans[i][1]:
            continue
        if begins(m.start()):
            found.append((m.start(), None, m.group(1)))
    found.sort(key=lambda f: f[0])
    return [(base, names) for _, base, names in found]


def test_import_statements_agree_with_the_two_pass_scan_on_mixed_texts() -> None:
    """`from`s that do not begin a word (`xfrom`, `.from`, `_from`) leave their `import` to the
    plain-import scan; an `import` inside a `from` statement is not one of its own; prose,
    `yield from`, parenthesised lists and backslash continuations mixed in any order."""
    import random

    from frontier_lint.scan.prefilter import _import_statements

    pieces = [
        "from a import b\n",
        "from .x.y import (p,\n    q as r)\n",
        "xfrom a import b\n",
        "_from a import c\n",
        "obj.from a import d\n",
        "import os, sys as s\n",
        "import os  # import shutil\n",
        "x = 1; import y\n",
        "yield from gen()\n",
        "# taken from the docs, import nothing\n",
        "from m import \\\n    n\n",
        "from m import \\\r\n    n\n",
        "reimport z\n",
        '"""from q import w"""\n',
        "try: from k import v\nexcept ImportError: import k\n",
        "fromimport x\n",
        "from  a.b  import  *\n",
        "\n",
    ]
    rng = random.Random(12)
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert _import_statements(text) == _reference_import_statements(text), text


@pytest.mark.parametrize(
    ("text", "may"),
    [
        ("import subprocess as sp\n", True),  # `from app.util import sp` elsewhere
        ("try:\n    import subprocess as sp\nexcept ImportError:\n    sp = None\n", True),
        ("def sp():\n    import subprocess\n    return subprocess\n", True),
        ("import os\n_os = os  # kept\n", True),
        ("import subprocess\n", False),  # callers naming it pass the gate on their own
        ("import subprocess as subprocess\n", False),
        ("import os\nx = os.path.join('a', 'b')\n", False),
        ("import os\nif x == os:\n    pass\n", False),
        ("x = 'import subprocess as sp'\n", False),  # not starting its line
        ("import json as sp\n", False),  # not a sink module
    ],
)
def test_a_file_handing_a_sink_module_on_may_launch(text: str, may: bool) -> None:
    from frontier_lint.scan.prefilter import may_launch, sink_words
    from frontier_lint.settings.catalogue import load_catalogue

    words = sink_words(load_catalogue())
    assert may_launch(text.encode(), words) is may


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'exec("import os")', True),
        (b"x = eval (expr)", True),
        (b"builtins.exec(code, {})", True),
        (b"self.exec(query); loop.subprocess_exec(x)", False),
        (b"my_eval(x); execute(y); exec_ = 1", False),
        (b"# no code runner here", False),
        (b"class F:\n    def eval(cls, arg):\n        return arg", False),
        (b"def eval(x):\n    return x\neval(code)", True),
        # Under other names, and the standard library's interpreters.
        (b"run = exec\n", True),
        (b"run = builtins.exec  # the builtin\n", True),
        (b"from builtins import exec as run\n", True),
        (b"getattr(builtins, 'exec')(code)", True),
        (b"import code\nc = code.InteractiveConsole()\n", True),
        (b"run = my_exec\nx = self.exec\n", False),
        (b"from builtins import open as o\n", False),
        (b"class InteractiveConsoleWidget: pass\n", False),
    ],
)
def test_runs_code_finds_calls_of_exec_and_eval(data: bytes, expected: bool) -> None:
    assert runs_code(data) is expected


def test_launch_pattern_selects_exec_and_eval_calls_and_values_not_definitions() -> None:
    from frontier_lint.scan.prefilter import launch_pattern

    text = "class A:\n    def eval(self, x):\n        return x\nrun = exec\neval (code)\n"
    pattern = launch_pattern(text, ["subprocess.run"])
    assert pattern is not None
    lines = {text.count("\n", 0, m.start()) for m in pattern.finditer(text)}
    assert lines == {3, 4}


def test_task_context_modules_cover_the_resolvers_task_runners() -> None:
    """A task runner's module whose tasks get another library's context (`fabric`'s `@task`: an
    `invoke.Context`) lets the prefilter take that library's methods (`TASK_CONTEXT_MODULES`):
    every runner the resolver knows (`handoffs.TASK_CONTEXTS`) is covered."""
    from frontier_lint.dataflow.models.handoffs import TASK_CONTEXTS
    from frontier_lint.scan.prefilter import TASK_CONTEXT_MODULES

    for decorator, classes in TASK_CONTEXTS.items():
        module = decorator.rpartition(".")[0]
        for cls in classes:
            owner = cls.rpartition(".")[0]
            if owner != module:
                assert owner in TASK_CONTEXT_MODULES.get(module, ()), (decorator, cls)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"use(subprocess)", True),
        (b"use(subprocess, argv)", True),  # the first argument
        (b"methodcaller('run', argv)(subprocess)", True),
        (b"use(x, subprocess)", True),  # the last
        (b"use(x, run=subprocess)", True),
        (b"use(x, subprocess, y)", False),  # a middle argument is not read as a hand-off
        (b"use(my_subprocess)", False),
        (b"use(os.subprocess)", False),
        (b"use(subprocess_x)", False),
        (b"import os, subprocess", False),
        (b"# (subprocess)\n", True),  # text only: prose is told apart later (fails closed)
    ],
)
def test_a_sink_module_passed_as_an_argument_is_a_hand_off(data: bytes, expected: bool) -> None:
    assert hands_module_on(data, [b"subprocess"]) is expected
    assert _passed(data.decode(), "subprocess") is expected


def test_an_argument_is_read_past_blanks_around_it() -> None:
    assert _passed(b"use( subprocess ,argv)", b"subprocess")
    assert _passed("use(x,\tsubprocess )", "subprocess")
    assert not _passed("use(x, subprocess\n)", "subprocess")  # (one line, as the byte gate)

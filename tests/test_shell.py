"""The shell command-line splitter: simple commands across operators, nesting and quoting."""

from __future__ import annotations

import pytest

from frontier_lint.shell import HOLE, is_assignment, split_commands, split_words

H = HOLE

# (command line, expected simple commands in order)
VALID: list[tuple[str, list[list[str]]]] = [
    # plain words and quoting
    ("codex", [["codex"]]),
    ("codex exec 'a b' \"c d\"", [["codex", "exec", "a b", "c d"]]),
    ("codex exec a\\ b", [["codex", "exec", "a b"]]),
    ('echo "a \\"q\\" \\$x \\n"', [["echo", 'a "q" $x \\n']]),
    ("echo 'it''s'", [["echo", "its"]]),
    ("echo $'a\\tb\\x41\\101\\''", [["echo", "a\tbAA'"]]),
    ('echo $"hi"', [["echo", "hi"]]),
    ("echo ''", [["echo", ""]]),
    ("codex\\\n exec", [["codex", "exec"]]),
    ("   codex   ", [["codex"]]),
    ("", []),
    # operators
    ("cd x && codex exec", [["cd", "x"], ["codex", "exec"]]),
    ("a || b", [["a"], ["b"]]),
    ("a | b |& c", [["a"], ["b"], ["c"]]),
    ("a; b & c", [["a"], ["b"], ["c"]]),
    ("a\nb\n\nc", [["a"], ["b"], ["c"]]),
    ("a&&b||c;d", [["a"], ["b"], ["c"], ["d"]]),
    # grouping and nesting
    ("(cd /tmp; claude) && { codex; }", [["cd", "/tmp"], ["claude"], ["codex"]]),
    ("( ( gemini ) )", [["gemini"]]),
    ("echo $(codex exec)", [["codex", "exec"], ["echo", H]]),
    ("echo `gemini`", [["gemini"], ["echo", H]]),
    ("echo \"x $(claude -p 'hi') y\"", [["claude", "-p", "hi"], ["echo", f"x {H} y"]]),
    ("echo $(a $(b))", [["b"], ["a", H], ["echo", H]]),
    ("echo `a \\`b\\``", [["b"], ["a", H], ["echo", H]]),
    ("diff <(codex a) >(gemini b)", [["codex", "a"], ["gemini", "b"], ["diff", H, H]]),
    ("echo ${x:-$(codex)}", [["codex"], ["echo", H]]),
    # expansions become HOLE
    ("$HOME/bin/codex --x", [[f"{H}/bin/codex", "--x"]]),
    ('"$CODEX" run', [[H, "run"]]),
    ("${CLI}x $1 $@ $? $$", [[f"{H}x", H, H, H, H]]),
    ("echo $((1 + 2)) $", [["echo", H, "$"]]),
    ("echo $a$b", [["echo", H]]),
    ("echo '$HOME'", [["echo", "$HOME"]]),
    # assignments stay
    ("A=1 B='x y' codex", [["A=1", "B=x y", "codex"]]),
    ("a=(1 2 3) codex", [[f"a={H}", "codex"]]),
    ("x=$(( 1 + 2 )) codex", [[f"x={H}", "codex"]]),
    # reserved words do not hide the command
    (
        "if codex; then gemini; elif x; then y; else claude; fi",
        [["codex"], ["gemini"], ["x"], ["y"], ["claude"]],
    ),
    ("while true; do codex; done", [["true"], ["codex"]]),
    ("until codex; do :; done", [["codex"], [":"]]),
    ("! codex", [["codex"]]),
    ("time codex", [["codex"]]),
    ("time -p codex", [["codex"]]),
    ("for x in codex gemini; do echo $x; done", [["echo", H]]),
    ("for ((i=0; i<3; i++)); do codex; done", [["codex"]]),
    ("select x in a b\ndo codex; done", [["codex"]]),
    ("case $x in a|b) codex;; (*) gemini;; esac", [["codex"], ["gemini"]]),
    ("case $x in\n a) codex\nesac; claude", [["codex"], ["claude"]]),
    ("[[ -x codex && -n $y ]] && codex", [["codex"]]),
    ("((i++)); codex", [["codex"]]),
    ("(( a || b > 2 )) && codex", [["codex"]]),
    ("((cd x; codex))", [["cd", "x"], ["codex"]]),
    ("(( $(codex) ))", [["codex"]]),
    ("echo $((cd x; gemini))", [["cd", "x"], ["gemini"], ["echo", H]]),
    ("f() { codex; }; f", [["codex"], ["f"]]),
    ("function g { gemini; }", [["gemini"]]),
    ("coproc codex", [["codex"]]),
    ("'if' x", [["if", "x"]]),  # a quoted keyword is a command name
    ("echo if then", [["echo", "if", "then"]]),  # keywords only at command start
    # redirections are not words
    ("2>&1 codex >out.log <in", [["codex"]]),
    ("codex &> log; gemini &>> log", [["codex"], ["gemini"]]),
    ("codex 2> err >| x <> y", [["codex"]]),
    ("echo a2>x", [["echo", "a2"]]),
    # comments
    ("echo a#b # codex", [["echo", "a#b"]]),
    ("# codex\ngemini", [["gemini"]]),
]


@pytest.mark.parametrize(("line", "expected"), VALID)
def test_split(line: str, expected: list[list[str]]) -> None:
    result = split_commands(line)
    assert result.words == expected
    assert result.complete, result.problem


# Unbalanced input: best effort, marked incomplete, never raises.
INCOMPLETE: list[tuple[str, list[list[str]]]] = [
    ("echo 'unterminated", [["echo", "unterminated"]]),
    ('codex "unterminated', [["codex", "unterminated"]]),
    ('echo "x $(codex', [["codex"], ["echo", f"x {H}"]]),
    ("(codex", [["codex"]]),
    ("codex )", [["codex"]]),
    ("echo `codex", [["codex"], ["echo", H]]),
    ("echo ${x", [["echo", H]]),
    ("echo $'x", [["echo", "x"]]),
    ("cat <<EOF\ncodex", [["cat"]]),
]


@pytest.mark.parametrize(("line", "expected"), INCOMPLETE)
def test_incomplete(line: str, expected: list[list[str]]) -> None:
    result = split_commands(line)
    assert result.words == expected
    assert not result.complete
    assert result.problem


def test_heredoc_and_herestring_are_stdin() -> None:
    result = split_commands(
        "bash <<EOF\ncodex exec\nEOF\necho after\ncat <<-X <<< 'w'\n\tbody\n\tX\n"
    )
    assert result.words == [["bash"], ["echo", "after"], ["cat"]]
    assert result.commands[0].stdin == ("codex exec",)
    assert result.commands[1].stdin == ()
    assert result.commands[2].stdin == ("w", "body")


def test_deep_nesting_does_not_raise() -> None:
    line = "$(" * 500 + "codex" + ")" * 500
    result = split_commands(line)
    assert not result.complete


@pytest.mark.parametrize(
    "line",
    ["\\", "'", '"', "$", "`", "$(", "${", "((", "<<", "|", ";;", ")))", "\x00", "<(", "a=("],
)
def test_odd_input_never_raises(line: str) -> None:
    split_commands(line)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("A=1", True),
        ("_x+=2", True),
        ("a[1]=x", True),
        ("=x", False),
        ("1A=x", False),
        ("codex", False),
        ("--a=b", False),
    ],
)
def test_is_assignment(word: str, expected: bool) -> None:
    assert is_assignment(word) is expected


@pytest.mark.parametrize(
    ("text", "words", "balanced"),
    [
        ("codex exec 'a b'", ["codex", "exec", "a b"], True),
        ('a "b \\" c" d\\ e', ["a", 'b " c', "d e"], True),
        ("a && b", ["a", "&&", "b"], True),  # no operators: not a shell
        ("a 'b", ["a", "b"], False),
        ("", [], True),
    ],
)
def test_split_words(text: str, words: list[str], balanced: bool) -> None:
    assert split_words(text) == (words, balanced)

"""The shell command-line splitter: simple commands across operators, nesting and quoting."""

from __future__ import annotations

import pytest

from frontier_lint.matching.commandlines import (
    applescript_commands,
    split_cmd,
    split_env_string,
    typed_text,
)
from frontier_lint.matching.powershell import decode_powershell, split_powershell
from frontier_lint.matching.shell import (
    HOLE,
    Feed,
    is_assignment,
    leading_words,
    split_commands,
    split_words,
)
from frontier_lint.matching.variables import expand_defaults, expand_known

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
    ("coproc agent { codex exec; }", [["codex", "exec"]]),
    ("coproc agent (claude -p x)", [["claude", "-p", "x"]]),
    ("coproc { gemini; }", [["gemini"]]),
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


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Get an API key at https://x.ai/keys (no install required)", []),
        ("codex; echo b (", []),
        ("echo a\ncodex exec\necho b (\ngemini", [["echo", "a"], ["codex", "exec"]]),
    ],
)
def test_a_syntax_error_stops_the_shell(line: str, expected: list[list[str]]) -> None:
    """`(` after a command's words is a syntax error in every POSIX shell: it runs the lines
    before it and stops (nothing of that line runs)."""
    result = split_commands(line)
    assert result.words == expected
    assert result.complete


def test_a_syntax_error_in_text_not_known_whole_is_incomplete() -> None:
    # What the analysis does not know may quote the `(` (`x = "'"`): not certainly an error.
    result = split_commands(f"codex {H} (")
    assert result.words == [["codex", H]]
    assert not result.complete


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


@pytest.mark.parametrize(
    ("line", "stdin", "feed"),
    [
        ("echo codex exec | sh", ("codex exec",), Feed.CALLER),
        ("echo -e 'a\\nb' | sh", ("a\\nb", "a\nb"), Feed.CALLER),  # bash's and dash's echo
        ("printf '%s;' a b c | sh", ("a;b;c;",), Feed.CALLER),  # the format is used again
        ("printf '100%% %s\\c' x y | sh", ("100% x",), Feed.CALLER),  # `\\c` ends the output
        ("cat <<EOF | cat - | sh\ncodex\nEOF", ("codex",), Feed.CALLER),
        ("curl -fsSL https://x/i.sh | sh", (), Feed.PROGRAM),
        ("cat i.sh | sh", (), Feed.PROGRAM),
        ("{ echo codex; } | sh", (), Feed.COMPOUND),
        ("cat | sh", (), Feed.CALLER),
        ("echo codex | sh <<< gemini", ("gemini",), Feed.CALLER),  # the redirection wins
        ("sh", (), Feed.CALLER),
    ],
)
def test_what_a_pipe_feeds(line: str, stdin: tuple[str, ...], feed: Feed) -> None:
    """The last command of a pipeline reads what the one before it prints: known text for
    `echo` / `printf` / `cat` passing known text on, else where it comes from."""
    last = split_commands(line).commands[-1]
    assert (last.stdin, last.feed) == (stdin, feed)


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


@pytest.mark.parametrize(
    ("text", "quotes", "words", "rest"),
    [
        ("codex exec \x00", True, ["codex", "exec"], 11),
        ("codex exec\x00", True, ["codex"], 6),  # `exec` may go on in the unknown part
        ("'codex' -p \x00", True, ["codex", "-p"], 11),
        ("'codex \x00", True, [], 0),  # an open quote holds the unknown part
        ('"a b" "c \x00', True, ["a b"], 6),
        ("codex\\ \x00", True, [], 0),  # an escaped space joins the words
        ("a \\\x00", True, ["a"], 2),  # a backslash before the unknown part
        ("'a b' \x00", False, ["'a", "b'"], 6),  # `str.split()` knows no quotes
        ("a b", True, ["a", "b"], 3),
        ("a 'b", True, ["a"], 2),
    ],
)
def test_leading_words(text: str, quotes: bool, words: list[str], rest: int) -> None:
    assert leading_words(text, quotes) == (words, rest)


@pytest.mark.parametrize(
    "prefix", ["codex exec ", "'co dex' -p ", 'a "b\\" c', "a\\ b ", "x  y\t", "a 'b c' d"]
)
@pytest.mark.parametrize("tail", ["", "z", " z", "'q r' s", '" t', "\\ u"])
def test_leading_words_agree_with_shlex(prefix: str, tail: str) -> None:
    """The known words and the split of the rest are what `shlex.split` makes of the whole."""
    import shlex

    words, rest = leading_words(prefix + HOLE)
    try:
        whole = shlex.split(prefix + tail)
    except ValueError:
        return
    assert whole[: len(words)] == words
    assert shlex.split(prefix[rest:] + tail) == whole[len(words) :]


# ---------------------------------------------------------------------------------------------
# Command lines that are not POSIX shell (commandlines.py)


@pytest.mark.parametrize(
    ("text", "words", "problem"),
    [
        ("-i PATH=/x codex", ["-i", "PATH=/x", "codex"], None),
        ("  a\t b\n", ["a", "b"], None),
        ("\"a b\" 'c d'", ["a b", "c d"], None),
        ("''", [""], None),
        (r'"a\_b" c\_d', ["a b", "c", "d"], None),  # `\_`: a space in "", a separator outside
        (r"'a\nb' \'x", ["a\\nb", "'x"], None),  # single quotes keep backslashes...
        (r"'a\\b\'c'", ["a\\b'c"], None),  # ... except `\\` and `\'`
        (r'"\t\$\#"', ["\t$#"], None),
        ("a #comment b", ["a"], None),
        ("a b#c", ["a", "b#c"], None),  # `#` starts a comment at a word's start only
        (r"a \c b", ["a"], None),
        ("${HOME}/bin/codex", [f"{H}/bin/codex"], None),
        ("'${HOME}'", ["${HOME}"], None),
        ("$HOME x", [], "only ${VARNAME} expansion is supported"),
        (r'"a\c"', [], "`\\c` inside double quotes"),
        (r"a\q", ["a"], "invalid sequence `\\q`"),
        ("'a", ["a"], "no terminating quote"),
        ("a\\", ["a"], "invalid backslash at end of string"),
    ],
)
def test_split_env_string(text: str, words: list[str], problem: str | None) -> None:
    got, why = split_env_string(text)
    assert why == problem
    if problem is None:
        assert got == words


@pytest.mark.parametrize(
    ("text", "commands"),
    [
        ("claude -p hi", [["claude", "-p", "hi"]]),
        ('"C:\\Program Files\\x\\codex.exe" exec', [["C:\\Program Files\\x\\codex.exe", "exec"]]),
        ("a && b || c & d | e", [["a"], ["b"], ["c"], ["d"], ["e"]]),
        ("a\r\nb", [["a"], ["b"]]),
        ("@echo off", [["echo", "off"]]),
        ("echo a^&b & claude", [["echo", "a&b"], ["claude"]]),
        ("%APPDATA%\\npm\\claude.cmd -p", [[f"{H}\\npm\\claude.cmd", "-p"]]),
        ("!CLI! x", [[H, "x"]]),
        ("echo 100%% & codex", [["echo", "100%"], ["codex"]]),
        ("claude > out.txt 2>&1", [["claude"]]),
        ("claude 2>nul", [["claude"]]),
        ("(cd x & codex)", [["cd", "x"], ["codex"]]),
        ("if exist a.txt (codex) else (claude)", [["codex"], ["claude"]]),
        ("if /i not %X%==y codex", [["codex"]]),
        ("if errorlevel 1 claude", [["claude"]]),
        ("if a EQU b gemini", [["gemini"]]),
        ("for %%f in (*.txt) do codex %%f", [["codex", "%f"]]),
        ("rem codex & claude", [["claude"]]),
        (":: codex", []),
        ("echo (x) & claude", [["echo", "(x)"], ["claude"]]),
    ],
)
def test_split_cmd(text: str, commands: list[list[str]]) -> None:
    split = split_cmd(text)
    assert split.words == commands
    assert split.complete


def test_split_cmd_incomplete_and_quoted_words() -> None:
    assert split_cmd('claude "x').problem == "unterminated double quote"
    assert split_cmd("(claude").problem == "missing `)`"
    title, prog = split_cmd('start "" claude').commands[0].words[1:]
    assert (title, getattr(title, "quoted", False), getattr(prog, "quoted", False)) == (
        "",
        True,
        False,
    )


@pytest.mark.parametrize(
    ("text", "commands"),
    [
        ("claude -p 'hi there'", [["claude", "-p", "hi there"]]),
        ("a; b | c && d || e\nf", [["a"], ["b"], ["c"], ["d"], ["e"], ["f"]]),
        ("& 'C:\\a b\\codex.exe' exec", [["C:\\a b\\codex.exe", "exec"]]),
        ('& "$env:APPDATA\\npm\\claude.cmd" -p', [[f"{H}\\npm\\claude.cmd", "-p"]]),
        (". ./setup.ps1; codex", [["./setup.ps1"], ["codex"]]),
        ("$out = claude -p hi", [["claude", "-p", "hi"]]),
        ("$out=codex", [["codex"]]),
        ("$x.Length; $y -eq 1", []),
        ("'claude'; \"codex\"; 42", []),  # values, not commands
        ("[Diagnostics.Process]::GetCurrentProcess()", []),
        ("if ($x) { claude } else { codex }", [["claude"], ["codex"]]),
        ("foreach ($f in $files) { gemini $f }", [["gemini", H]]),
        ("function Run-It { codex exec }", [["codex", "exec"]]),
        ("try { claude } catch { Write-Error $_ }", [["claude"], ["Write-Error", H]]),
        ("Write-Output (claude -p x)", [["claude", "-p", "x"], ["Write-Output", H]]),
        ('Write-Host "got $(codex exec)"', [["codex", "exec"], ["Write-Host", f"got {H}"]]),
        ("claude `\n  -p hi", [["claude", "-p", "hi"]]),
        ("claude -p 'it''s'", [["claude", "-p", "it's"]]),
        ('echo "a`"b"', [["echo", 'a"b']]),
        ("# codex\nclaude <# gemini #> -p", [["claude", "-p"]]),
        ("@'\ncodex\n'@ | claude", [["claude"]]),
        ("Start-Job { codex } &", [["codex"], ["Start-Job", H]]),
        ("return claude", [["claude"]]),
    ],
)
def test_split_powershell(text: str, commands: list[list[str]]) -> None:
    split = split_powershell(text)
    assert split.words == commands
    assert split.complete, split.problem


def test_split_powershell_incomplete() -> None:
    assert split_powershell("claude 'x").problem == "unterminated single quote"
    assert split_powershell("if ($x) { claude").problem == "missing `}`"
    assert split_powershell("claude }").problem == "unbalanced `}`"
    assert decode_powershell("YwBsAGEAdQBkAGUA") == "claude"
    assert decode_powershell("not base64!") is None


@pytest.mark.parametrize(
    ("script", "lines"),
    [
        ('tell application "Terminal" to do script "claude"', ["claude"]),
        ('do shell script "cd /x && codex exec"', ["cd /x && codex exec"]),
        ('DO SCRIPT "gemini"', ["gemini"]),
        (
            'do script "cd " & quoted form of p & "; claude -p \\"hi\\""',
            [f'cd {H}; claude -p "hi"'],
        ),
        ("do script cmd in window 1", [None]),
        ('tell s to write text "codex"', ["codex"]),
        ("Application('Terminal').doScript('claude')", ["claude"]),
        ('app.doShellScript("codex " + args)', [f"codex {H}"]),
        ('display dialog "do script"', []),
        ('do script "a"\ndo shell script "b"', ["a", "b"]),
    ],
)
def test_applescript_commands(script: str, lines: list[str | None]) -> None:
    assert applescript_commands(script) == (lines, None)


def test_applescript_unterminated() -> None:
    assert applescript_commands('do script "claude') == ([None], "unterminated string")


@pytest.mark.parametrize(
    ("keys", "text"),
    [
        (["claude", "Enter"], "claude"),
        (["cd /x", "C-m", "codex -p", "Space", "hi", "Enter"], "cd /x\ncodex -p hi"),
        (["codex\\n"], "codex"),
        (["claude^M"], "claude"),
        (["codex", "C-c", "ls", "Enter"], "ls"),
        (["Up", "Enter"], ""),
        (["co", "dex"], "codex"),  # keys are typed one after the other, no separator
        ([None, "Enter"], H),
    ],
)
def test_typed_text(keys: list[str | None], text: str) -> None:
    assert typed_text(keys) == text


@pytest.mark.parametrize(
    ("line", "env", "expanded"),
    [
        ('eval "$SCRIPT"', {"SCRIPT": "codex exec"}, 'eval "codex exec"'),
        ("eval $SCRIPT", {"SCRIPT": "codex  exec"}, "eval codex exec"),
        ('S="claude -p"; eval "$S"', {}, 'S="claude -p"; eval "claude -p"'),
        ("export S=gemini; ${S} x", {}, "export S=gemini; gemini x"),
        # Before its assignment the environment's value (none here) is read.
        ("$S; S=git", {}, "$S; S=git"),
        ("$S; S=git; $S", {"S": "hg"}, "hg; S=git; git"),
        # Not surely assigned once before the read: left unknown.
        ("if x; then S=codex; fi; $S", {}, "if x; then S=codex; fi; $S"),
        ("S=a; S=b; $S", {}, "S=a; S=b; $S"),
        ("S=a && $S", {}, "S=a && $S"),
        ("read S; $S", {"S": "git"}, "read S; $S"),
        ("S=git cmd; $S", {}, "S=git cmd; $S"),
        # Single quotes and escapes are not expanded; a double-quoted value keeps its quotes.
        ("echo '$S' \\$S; S=x; $S", {}, "echo '$S' \\$S; S=x; x"),
        ('echo "$Q"', {"Q": 'a"b'}, 'echo "a\\"b"'),
    ],
)
def test_expand_known(line: str, env: dict[str, str], expanded: str) -> None:
    assert expand_known(line, env) == expanded


def test_expand_known_of_a_line_of_many_assignments_ends() -> None:
    # A hang detector, not a speed claim: the check for an unsure statement before each
    # assignment once made this line (30,000 assignments) take minutes.
    import time

    line = "a=1;" * 30000 + 'eval "$b"; b=codex'
    start = time.perf_counter()
    assert expand_known(line, {}) == line
    assert time.perf_counter() - start < 10


# ---------------------------------------------------------------------------------------------
# Brace expansion (bash's): the words as written, and as expanded where that changes them


@pytest.mark.parametrize(
    ("line", "braced"),
    [
        ("{codex,x} exec", ["codex", "x", "exec"]),
        ("co{dex,} exec", ["codex", "co", "exec"]),
        ("/usr/bin/{git,claude} -p", ["/usr/bin/git", "/usr/bin/claude", "-p"]),
        ("a{b,c{d,e}}f", ["abf", "acdf", "acef"]),
        ("{{a,b}", ["{a", "{b"]),
        ("{x}{a,b}", ["{x}a", "{x}b"]),
        ("x{1..3}", ["x1", "x2", "x3"]),
        ("x{3..1}", ["x3", "x2", "x1"]),
        ("{08..10}", ["08", "09", "10"]),
        ("{a..e..2}", ["a", "c", "e"]),
        ("{$X,codex} y", [H, "codex", "y"]),
        ("cp a.{yaml,bak} /tmp", ["cp", "a.yaml", "a.bak", "/tmp"]),
        ("A={a,b} {codex,y}", ["A={a,b}", "codex", "y"]),  # not in an assignment
        ("{,}", []),  # an unquoted word expanded to nothing is removed
        ("{a..z}{a..z}", [H]),  # past the bound: one word not known
    ],
)
def test_brace_expansion(line: str, braced: list[str]) -> None:
    (cmd,) = split_commands(line).commands
    assert cmd.braced is not None and list(cmd.braced) == braced


@pytest.mark.parametrize(
    "line",
    [
        "'{codex,x}' y",  # quoted
        '"{codex,x}" y',
        "\\{codex,x} y",
        "{codex\\,x} y",
        "/usr/bin/{codex} x",  # no comma: as written
        "echo ${x,,}",  # a parameter expansion
        "{ codex; }",  # a group
        "a{b",
        "{1..}",
    ],
)
def test_no_brace_expansion(line: str) -> None:
    assert all(c.braced is None for c in split_commands(line).commands)


@pytest.mark.parametrize(
    ("line", "env", "lines"),
    [
        # Not known: the word, and the variable (left for the reader: not known).
        ('"${T:-codex}" x', {}, ['"codex" x', '"${T}" x']),
        ("${T-codex} x", {}, ["codex x", "${T} x"]),
        ("${T:=codex} x", {}, ["codex x", "${T} x"]),
        # `+`: the word where set, nothing where not.
        ("${T:+codex} x", {}, ["codex x", " x"]),
        # Known: the one result, as the shell gives it.
        ('"${T:-git}" x', {"T": "codex"}, ['"codex" x']),
        ('"${T:-codex}" x', {"T": ""}, ['"codex" x']),
        ('"${T-codex}" x', {"T": ""}, ['"" x']),
        ("${T:+codex} x", {"T": "1"}, ["codex x"]),
        ("T=gemini; ${T:-git} x", {}, ["T=gemini; gemini x"]),
        # Single quotes and escapes are not expanded; a word with quotes or expansions stays.
        ("'${T:-codex}' \\${T:-codex}", {}, ["'${T:-codex}' \\${T:-codex}"]),
        ('${T:-"codex"} ${T:-$U}', {}, ['${T:-"codex"} ${T:-$U}']),
    ],
)
def test_expand_defaults(line: str, env: dict[str, str], lines: list[str]) -> None:
    assert list(expand_defaults(line, env)) == lines


def test_expand_defaults_reads_a_few_both_ways() -> None:
    line = " ".join(f"${{V{i}:-w{i}}}" for i in range(6))
    got = expand_defaults(line, {})
    assert len(got) == 16  # (four read both ways; the last two as the variable, not known)
    assert all(g.endswith("${V4} ${V5}") for g in got)

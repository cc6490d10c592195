"""The program matcher: basenames, launchers, shells, npm packages, unknowns."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from frontier_lint.matching.programs import HOLE, ProgramMatcher, Stdin, Verdict, program_name
from frontier_lint.settings.catalogue import load_catalogue

H = HOLE


@pytest.fixture(scope="module")
def matcher() -> ProgramMatcher:
    return ProgramMatcher(load_catalogue())


# argv -> (forbidden program, matched word, launcher chain)
INVALID_ARGV: list[tuple[Sequence[str | None], str, str, tuple[str, ...]]] = [
    # the program itself, by basename
    (["codex"], "codex", "codex", ()),
    (["codex", "exec", "--full-auto", "fix it"], "codex", "codex", ()),
    (["gemini", "-p", "hi"], "gemini", "gemini", ()),
    (["claude", "-p"], "claude", "claude", ()),
    (["/usr/local/bin/claude"], "claude", "/usr/local/bin/claude", ()),
    (["~/.local/bin/codex"], "codex", "~/.local/bin/codex", ()),
    (["./node_modules/.bin/gemini"], "gemini", "./node_modules/.bin/gemini", ()),
    # Windows-style names
    (["C:\\tools\\claude.exe"], "claude", "C:\\tools\\claude.exe", ()),
    (["claude.exe"], "claude", "claude.exe", ()),
    (["codex.cmd", "exec"], "codex", "codex.cmd", ()),
    (["gemini.bat"], "gemini", "gemini.bat", ()),
    (
        ["C:\\Users\\me\\AppData\\Roaming\\npm\\CODEX.CMD"],
        "codex",
        "C:\\Users\\me\\AppData\\Roaming\\npm\\CODEX.CMD",
        (),
    ),
    # HOLE before a known basename
    ([f"{H}/codex"], "codex", f"{H}/codex", ()),
    ([f"/opt/{H}/bin/claude", None], "claude", f"/opt/{H}/bin/claude", ()),
    # launchers
    (["env", "codex"], "codex", "codex", ("env",)),
    (["env", "FOO=1", "BAR=", "claude"], "claude", "claude", ("env",)),
    (
        ["env", "-i", "-u", "HOME", "--chdir=/tmp", "-C", "/x", "A=1", "codex"],
        "codex",
        "codex",
        ("env",),
    ),
    (["env", "-S", "codex exec"], "codex", "codex", ("env -S",)),
    (["env", "--split-string=A=1 gemini -p x"], "gemini", "gemini", ("env --split-string",)),
    (["/usr/bin/env", "codex"], "codex", "codex", ("env",)),
    (["sudo", "codex"], "codex", "codex", ("sudo",)),
    (["sudo", "-u", "bot", "-E", "codex"], "codex", "codex", ("sudo",)),
    (["sudo", "-ubot", "codex"], "codex", "codex", ("sudo",)),
    (["sudo", "-iu", "bot", "codex"], "codex", "codex", ("sudo",)),
    (["sudo", "--user=bot", "A=1", "claude"], "claude", "claude", ("sudo",)),
    (["doas", "-u", "root", "gemini"], "gemini", "gemini", ("doas",)),
    (["timeout", "5", "codex"], "codex", "codex", ("timeout",)),
    (["timeout", "-s", "KILL", "-k", "1", "30s", "codex"], "codex", "codex", ("timeout",)),
    (
        ["timeout", "--signal=TERM", "--preserve-status", "5m", "claude"],
        "claude",
        "claude",
        ("timeout",),
    ),
    (["timeout", "--", "5", "codex"], "codex", "codex", ("timeout",)),
    (["nice", "codex"], "codex", "codex", ("nice",)),
    (["nice", "-n", "10", "codex"], "codex", "codex", ("nice",)),
    (["nice", "-n10", "gemini"], "gemini", "gemini", ("nice",)),
    (["nohup", "claude"], "claude", "claude", ("nohup",)),
    (["stdbuf", "-oL", "-e", "0", "codex"], "codex", "codex", ("stdbuf",)),
    (["time", "codex"], "codex", "codex", ("time",)),
    (["time", "-f", "%e", "-o", "t.txt", "codex"], "codex", "codex", ("time",)),
    (["xargs", "codex"], "codex", "codex", ("xargs",)),
    (["xargs", "-0", "-n", "1", "-P", "4", "claude"], "claude", "claude", ("xargs",)),
    (["xargs", "-I{}", "codex", "{}"], "codex", "codex", ("xargs",)),
    (["xargs", "-i", "gemini", "{}"], "gemini", "gemini", ("xargs",)),
    (["exec", "codex"], "codex", "codex", ("exec",)),
    (["exec", "-a", "name", "codex"], "codex", "codex", ("exec",)),
    (["command", "claude"], "claude", "claude", ("command",)),
    (["caffeinate", "-i", "codex"], "codex", "codex", ("caffeinate",)),
    (["chrt", "-f", "10", "codex"], "codex", "codex", ("chrt",)),
    (["ionice", "-c", "3", "codex"], "codex", "codex", ("ionice",)),
    (["taskset", "0x3", "codex"], "codex", "codex", ("taskset",)),
    # nested launchers
    (
        ["sudo", "-u", "x", "env", "A=1", "timeout", "5", "codex"],
        "codex",
        "codex",
        ("sudo", "env", "timeout"),
    ),
    (
        ["nohup", "nice", "-n", "5", "stdbuf", "-oL", "claude"],
        "claude",
        "claude",
        ("nohup", "nice", "stdbuf"),
    ),
    # npm package runners, with and without versions
    (["npx", "@openai/codex"], "codex", "@openai/codex", ("npx",)),
    (["npx", "@openai/codex@1.2.3", "exec", "x"], "codex", "@openai/codex@1.2.3", ("npx",)),
    (["npx", "-y", "@openai/codex@latest"], "codex", "@openai/codex@latest", ("npx",)),
    (["npx", "--yes", "@google/gemini-cli"], "gemini", "@google/gemini-cli", ("npx",)),
    (["npx", "--package=@openai/codex", "codex"], "codex", "@openai/codex", ("npx",)),
    (
        ["npx", "-p", "@anthropic-ai/claude-code", "claude"],
        "claude",
        "@anthropic-ai/claude-code",
        ("npx",),
    ),
    (["npx", "-c", "codex exec"], "codex", "codex", ("npx -c",)),
    (["npx", "--call=A=1 claude -p hi"], "claude", "claude", ("npx --call",)),
    (["npx", "codex"], "codex", "codex", ("npx",)),
    (["npx", "claude@2"], "claude", "claude", ("npx",)),
    (["pnpm", "dlx", "@google/gemini-cli"], "gemini", "@google/gemini-cli", ("pnpm dlx",)),
    (["pnpm", "--silent", "dlx", "@openai/codex@^1"], "codex", "@openai/codex@^1", ("pnpm dlx",)),
    (["pnpx", "@openai/codex"], "codex", "@openai/codex", ("pnpx",)),
    (["bunx", "@anthropic-ai/claude-code"], "claude", "@anthropic-ai/claude-code", ("bunx",)),
    (
        ["yarn", "dlx", "@anthropic-ai/claude-code@latest"],
        "claude",
        "@anthropic-ai/claude-code@latest",
        ("yarn dlx",),
    ),
    (["npm", "exec", "--", "@openai/codex"], "codex", "@openai/codex", ("npm exec",)),
    (
        ["npm", "exec", "--package=@google/gemini-cli", "--", "gemini"],
        "gemini",
        "@google/gemini-cli",
        ("npm exec",),
    ),
    (["npm", "exec", "-c", "codex exec"], "codex", "codex", ("npm exec -c",)),
    (["sudo", "npx", "-y", "@openai/codex"], "codex", "@openai/codex", ("sudo", "npx")),
    # shells
    (["bash", "-c", "codex"], "codex", "codex", ("bash -c",)),
    (["sh", "-c", "env FOO=1 claude"], "claude", "claude", ("sh -c", "env")),
    (["bash", "-lc", "cd x && codex exec"], "codex", "codex", ("bash -lc",)),
    (["/bin/zsh", "-c", "echo hi; gemini -p x | tee o"], "gemini", "gemini", ("zsh -c",)),
    (["dash", "-ec", "A=1 B=2 codex"], "codex", "codex", ("dash -ec",)),
    (["bash", "-o", "pipefail", "-e", "-c", "true && claude"], "claude", "claude", ("bash -c",)),
    (["bash", "--norc", "-xc", "codex"], "codex", "codex", ("bash -xc",)),
    (["bash", "-c", "if codex; then :; fi"], "codex", "codex", ("bash -c",)),
    (["bash", "-c", "bash -c 'sudo codex'"], "codex", "codex", ("bash -c", "bash -c", "sudo")),
    (["sh", "-c", "npx @openai/codex"], "codex", "@openai/codex", ("sh -c", "npx")),
    (["bash", "-c", "X=$(date) codex"], "codex", "codex", ("bash -c",)),
    # A lookup's output is the program's path (`$(which codex)`, `command -v`, backticks).
    (["bash", "-c", "$(which codex) exec"], "codex", "codex", ("bash -c",)),
    (["sh", "-c", "`command -v claude` -p"], "claude", "claude", ("sh -c",)),
    (["bash", "./codex"], "codex", "./codex", ("bash",)),
    (["env", "bash", "-c", "codex"], "codex", "codex", ("env", "bash -c")),
    (["timeout", "5", "sh", "-c", f"cd {H} && codex"], "codex", "codex", ("timeout", "sh -c")),
    # An interpreter running the CLI's own script: in its package's directory, or named so.
    (
        ["node", "/usr/lib/node_modules/@openai/codex/bin/codex.js", "exec"],
        "codex",
        "/usr/lib/node_modules/@openai/codex/bin/codex.js",
        ("node",),
    ),
    (
        ["node", f"{H}/@google/gemini-cli/dist/index.js"],
        "gemini",
        f"{H}/@google/gemini-cli/dist/index.js",
        ("node",),
    ),
    (
        ["nodejs", "--no-warnings", "node_modules/@anthropic-ai/claude-code/cli.js"],
        "claude",
        "node_modules/@anthropic-ai/claude-code/cli.js",
        ("nodejs",),
    ),
    (
        ["node", "C:\\npm\\node_modules\\@OpenAI\\codex\\bin\\codex.js"],
        "codex",
        "C:\\npm\\node_modules\\@OpenAI\\codex\\bin\\codex.js",
        ("node",),
    ),
    (["node", "-r", "ts-node/register", "bin/claude.js"], "claude", "bin/claude.js", ("node",)),
    (
        ["node", "--inspect=9229", "/usr/local/bin/codex"],
        "codex",
        "/usr/local/bin/codex",
        ("node",),
    ),
    (["bun", "run", "codex"], "codex", "codex", ("bun run",)),
    (["node", "node_modules/.bin/gemini"], "gemini", "node_modules/.bin/gemini", ("node",)),
    (["bun", "x", "@openai/codex"], "codex", "@openai/codex", ("bun x",)),
    (
        ["deno", "run", "-A", "npm:@anthropic-ai/claude-code@1.0"],
        "claude",
        "@anthropic-ai/claude-code@1.0",
        ("deno run",),
    ),
    # GNU parallel: the command with each input, or each input as the command line.
    (["parallel", "-j2", "codex", "exec", ":::", "a", "b"], "codex", "codex", ("parallel",)),
    (["parallel", ":::", "git status", "codex x"], "codex", "codex", ("parallel",)),
    (["parallel", "{}", "exec", ":::", "git", "claude"], "claude", "claude", ("parallel",)),
    (["parallel", "{2}", ":::", "a", ":::", "gemini"], "gemini", "gemini", ("parallel",)),
    (["parallel", "sh", "-c", ":::", "gemini -p x"], "gemini", "gemini", ("parallel", "sh -c")),
    (["parallel", "-I", "@@", "@@", ":::", "codex"], "codex", "codex", ("parallel",)),
    (["sem", "-j", "2", "codex"], "codex", "codex", ("sem",)),
    # expect's Tcl: spawn, exec (and its pipelines), open "|...", system; nested bodies.
    (["expect", "-c", "spawn -noecho codex exec; expect eof"], "codex", "codex", ("expect -c",)),
    (["expect", "-c", "if {1} {exec claude -p x}"], "claude", "claude", ("expect -c",)),
    (["expect", "-c", "set x [exec ls | gemini 2>@1]"], "gemini", "gemini", ("expect -c",)),
    (["expect", "-c", 'set f [open "|codex exec" r]'], "codex", "codex", ("expect -c",)),
    (["expect", "-d", "-c", 'system "claude -p x"'], "claude", "claude", ("expect -c",)),
    # Commands run locally: ssh's settings, start-stop-daemon's program, flatpak's `--command`.
    (
        ["ssh", "-o", "ProxyCommand=codex %h", "host"],
        "codex",
        "codex",
        ("ssh -o ProxyCommand",),
    ),
    (["ssh", "-oLocalCommand claude", "host"], "claude", "claude", ("ssh -o LocalCommand",)),
    (
        ["scp", "-o", "proxycommand=gemini", "a", "b:c"],
        "gemini",
        "gemini",
        ("scp -o proxycommand",),
    ),
    (
        ["start-stop-daemon", "--start", "--exec", "/usr/bin/codex", "--", "exec"],
        "codex",
        "/usr/bin/codex",
        ("start-stop-daemon --exec",),
    ),
    (["start-stop-daemon", "-S", "-a", "claude"], "claude", "claude", ("start-stop-daemon -a",)),
    (["scp", "-S", "/usr/bin/codex", "a", "h:b"], "codex", "/usr/bin/codex", ("scp -S",)),
    (["rsync", "-avz", "--delete", "-e", "codex x", "a", "h:b"], "codex", "codex", ("rsync -e",)),
    (
        ["rsync", "-a", "--rsh=ssh -p 2 -o ProxyCommand=claude", "a", "h:b"],
        "claude",
        "claude",
        ("rsync --rsh", "ssh -o ProxyCommand"),
    ),
    (
        ["flatpak", "run", "--command=codex", "org.x.App"],
        "codex",
        "codex",
        ("flatpak run --command",),
    ),
    # `command` in a shell line runs the shell's built-ins too.
    (["sh", "-c", "command eval 'codex x'"], "codex", "codex", ("sh -c", "command", "eval")),
]


@pytest.mark.parametrize(("argv", "program", "word", "via"), INVALID_ARGV)
def test_argv_forbidden(
    matcher: ProgramMatcher,
    argv: Sequence[str | None],
    program: str,
    word: str,
    via: tuple[str, ...],
) -> None:
    verdict = matcher.match_argv(argv)
    assert [(h.program, h.word, h.via) for h in verdict.hits] == [(program, word, via)]
    assert verdict.hits[0].rule_ids == ("FL001",)
    assert program in verdict.programs


# Clean argv: every program known, none forbidden (arguments are never programs).
VALID_ARGV: list[Sequence[str | None]] = [
    ["git", "commit", "-m", "claude fix"],
    ["echo", "codex"],
    ["grep", "gemini", "log.txt"],
    ["python", "-m", "codex_tools"],
    ["ls", "codex"],
    ["claude-monitor"],
    ["codex-cli-linker"],
    ["gemini_exporter"],
    ["/usr/bin/codexx"],
    ["Codex"],  # POSIX names are case-sensitive
    ["claude.py"],
    ["codex/bin/tool"],
    ["env"],
    ["env", "A=1"],
    ["env", "-u", "codex", "git"],
    ["sudo", "-u", "codex", "git"],
    ["timeout", "codex", "git"],  # the duration position
    ["timeout", "5"],
    ["time", "-o", "codex", "make"],
    ["npx", "cowsay"],
    ["npx", "@foo/claude"],  # a different package with the same last component
    ["npx", "-p", "@openai/codexx", "x"],
    ["pnpm", "install", "@openai/codex"],
    ["yarn", "add", "@openai/codex"],
    ["npm", "install", "-g", "@openai/codex"],
    ["npm", "exec", "--", "eslint"],
    ["bash", "-c", "echo codex && grep claude x"],
    ["bash", "-c", "git log --grep codex"],
    ["bash", "script.sh", "codex"],
    ["sh", "-c", ""],
    ["bash", "-c"],
    ["bash", "-c", "echo 'codex'", "codex"],  # $0 after the command line
    ["xargs", "-I", "codex", "echo"],
    ["nice"],
    [],
    ["node", "scripts/build.js", "codex"],
    ["node", "scripts/codex.js"],  # the project's own script, not the CLI's bin
    ["node", "codex.js"],
    ["node", "node_modules/prettier/bin/prettier.cjs", "--check"],
    ["node", "@openai/codex-helper/x.js"],
    ["node", "/srv/@openai/codexx/bin/codex-like.js"],
    ["node", "-e", "console.log(require('os').platform())"],  # JavaScript naming no process API
    ["deno", "run", "npm:cowsay"],
    ["bun", "run", "build"],
    ["parallel", "gzip", ":::", "codex"],
    ["parallel", "git", "show", "{}", ":::", "claude"],
    ["expect", "-c", "spawn git status"],
    ["expect", "-c", 'puts "spawn codex"'],
    ["expect", "-c", "# spawn codex\nspawn git"],
    ["expect", "script.exp", "codex"],  # a script file runs as `bash x.sh` does
    ["ssh", "-o", "ProxyCommand=none", "h"],
    ["ssh", "-o", "ProxyCommand=ssh -W %h:%p bastion", "h", "codex"],
    ["start-stop-daemon", "--start", "--exec", "/usr/sbin/nginx", "--", "codex"],
    ["flatpak", "run", "org.gimp.GIMP", "codex"],
    ["rsync", "-avz", "--exclude", "codex", "-e", "ssh -p 2222", "src/", "h:codex/"],
    ["scp", "-P", "22", "codex", "h:claude"],
    ["sh", "-c", "command eval 'git x'"],
    ["python3", "-c", "import sys; print(sys.version)"],  # names no launch API
    ["python", "-m", "pip", "install", "codex"],
    ["python", "x.py", "codex"],
    ["python3", "-c", "import os, platform; print(os.name, platform.system())"],
    # No option after `-c CODE` / `-m MOD` / `node -e CODE`: the words left are arguments.
    ["python", "-m", "tool", *(f"--opt{k}" for k in range(12)), "codex"],
    ["python", "-c", "print(1)", *(f"--opt{k}" for k in range(12))],
    ["python", *(f"--opt{k}" for k in range(12)), "-c", "print(1)"],  # each a flag
    ["node", "-e", "console.log(1)", *(f"--opt{k}" for k in range(12))],
]


@pytest.mark.parametrize("argv", VALID_ARGV)
def test_argv_clean(matcher: ProgramMatcher, argv: Sequence[str | None]) -> None:
    verdict = matcher.match_argv(argv)
    assert verdict.hits == ()
    assert verdict.unknown is None
    assert verdict.clean


# argv whose program position cannot be determined -> unknown (with a reason), no hits.
UNKNOWN_ARGV: list[tuple[Sequence[str | None], bool, str]] = [
    ([None], True, "the program is not known"),
    ([None, "exec"], True, "the program is not known"),
    ([H], True, "the program is not known"),
    ([f"codex{H}"], True, "the program is not known"),  # could be codex-tools
    ([f"{H}codex"], True, "the program is not known"),  # could be codex
    ([f"/usr/bin/{H}"], True, "the program is not known"),
    ([], False, "the program is not known"),
    (["env", None], True, "program after `env` is not known"),
    # JavaScript naming a process API: not analysed, it may launch (session 22).
    (
        ["node", "-e", "require('child_process').spawn('codex')"],
        True,
        "`node -e` command line is JavaScript code that may launch (not analysed)",
    ),
    (["env", "A=1", H, "x"], True, "program after `env` is not known"),
    (["env", "A=1"], False, "program after `env` is not known"),
    (["sudo", "-u", "x"], False, "program after `sudo` is not known"),
    (["timeout", "5", None], True, "program after `timeout` is not known"),
    (["sudo", "env", None], True, "program after `env` is not known"),
    (["npx", None], True, "package after `npx` is not known"),
    (["npx", f"{H}@1"], True, "package after `npx` is not known"),
    (["npx", "-y"], False, "program after `npx` is not known"),
    (["pnpm", None], True, "subcommand of `pnpm` is not known"),
    (["npx", "-c", None], True, "command line after `npx -c` is not known"),
    (["bash", "-c", None], True, "command line after `bash -c` is not known"),
    (["bash", "-c"], False, "command line after `bash -c` is not known"),
    (["bash", None], True, "arguments of `bash` are not known"),
    (["bash"], True, "`bash` reads its commands from standard input"),
    (["bash", "-c", f"{H} exec"], True, "a program in the `bash -c` command line is not known"),
    (["bash", "-c", '"$CLI" exec'], True, "a program in the `bash -c` command line is not known"),
    (
        ["bash", "-c", "$(which $CLI) exec"],
        True,
        "a name `which` looks up is not known",  # (the substitution is read first)
    ),
    (
        ["bash", "-c", "$(cat cli.txt) exec"],
        True,
        "a program in the `bash -c` command line is not known",
    ),
    (
        ["bash", "-c", "echo 'x"],
        True,
        "`bash -c` command line is incomplete (unterminated single quote)",
    ),
    (["node", None], True, "script after `node` is not known"),
    (["node", f"{H}.js"], True, "script after `node` is not known"),
    (["deno", "run", None], True, "script after `deno run` is not known"),
    (["deno", "run", f"npm:{H}"], True, "package after `deno run` is not known"),
    (["parallel", ":::", None], True, "the commands `parallel` runs are not known"),
    (["parallel"], True, "the commands `parallel` runs are not known"),
    (["parallel", "::::", "jobs.txt"], True, "the commands `parallel` runs are not known"),
    (
        ["parallel", "{.}", ":::", "codex.x"],
        True,
        "a program in the `parallel` command line is not known",
    ),
    (
        ["parallel", "sh", "-c", ":::", None],
        True,
        "a program in the `sh -c` command line is not known",
    ),
    (["expect", "-c", "spawn $p"], True, "program after `expect -c` is not known"),
    (["expect", "-c", None], True, "command line after `expect -c` is not known"),
    (
        ["expect", "-c", "spawn {codex"],
        True,
        "`expect -c` command line is incomplete (a brace is not closed)",
    ),
    (["ssh", "-o", None, "h"], True, "setting after `ssh -o` is not known"),
    (["ssh", "-o", f"{H}=x", "h"], True, "setting after `ssh -o` is not known"),
    (
        ["start-stop-daemon", "--start", "--exec", None],
        True,
        "program after `start-stop-daemon --exec` is not known",
    ),
    (
        ["flatpak", "run", "--command", None, "a"],
        True,
        "program after `flatpak run --command` is not known",
    ),
    # Python code is not analysed: code naming a launch API is not known.
    (
        ["python", "-c", "import subprocess; subprocess.run(['codex'])"],
        True,
        "`python -c` command line is Python code naming a launch API (not analysed)",
    ),
    (
        ["sh", "-c", "python3 -I -c 'import os; os.system(\"claude\")'"],
        True,
        "`python3 -c` command line is Python code naming a launch API (not analysed)",
    ),
    (["python", "-c", None], True, "command line after `python -c` is not known"),
]


@pytest.mark.parametrize(("argv", "complete", "reason"), UNKNOWN_ARGV)
def test_argv_unknown(
    matcher: ProgramMatcher, argv: Sequence[str | None], complete: bool, reason: str
) -> None:
    verdict = matcher.match_argv(argv, complete=complete)
    assert verdict.hits == ()
    assert verdict.unknown == reason
    assert not verdict.clean


def test_hits_survive_unknowns(matcher: ProgramMatcher) -> None:
    verdict = matcher.match_shell("$CLI run; codex exec")
    assert [h.program for h in verdict.hits] == ["codex"]
    assert verdict.unknown == "a program in the shell command line is not known"


def test_complete_false_after_known_program(matcher: ProgramMatcher) -> None:
    # More unknown items after a plain program are its arguments: still clean.
    assert matcher.match_argv(["git", "log"], complete=False).clean
    assert matcher.match_argv(["codex"], complete=False).hits[0].program == "codex"


# shell command lines (os.system, shell=True) -> forbidden programs found, in order
SHELL_CASES: list[tuple[str, list[str]]] = [
    ("codex exec 'fix it'", ["codex"]),
    ("cd repo && codex exec | tee log", ["codex"]),
    ("A=1 B=2 claude -p hi", ["claude"]),
    ("git pull; gemini -p x || claude -p y", ["gemini", "claude"]),
    ("echo $(codex exec)", ["codex"]),
    ("echo `claude`", ["claude"]),
    ("(cd x; gemini) &", ["gemini"]),
    ("{ codex; }", ["codex"]),
    ("if command -v codex >/dev/null; then codex exec; fi", ["codex"]),
    ("while true; do claude; done", ["claude"]),
    ("for i in 1 2; do gemini; done", ["gemini"]),
    ("case x in x) codex;; esac", ["codex"]),
    ("! codex", ["codex"]),
    ("time codex", ["codex"]),
    ("exec codex", ["codex"]),
    ("nohup codex > out 2>&1 &", ["codex"]),
    ("$HOME/.local/bin/claude", ["claude"]),
    ("'/usr/bin/codex' x", ["codex"]),
    ("c\\odex", ["codex"]),
    ("co''dex", ["codex"]),
    ("bash <<EOF\ncodex exec\nEOF", ["codex"]),
    ("sh <<< 'gemini -p x'", ["gemini"]),
    ("npx -y @openai/codex@0.1 exec", ["codex"]),
    ("sudo -u bot bash -lc 'claude -p \"hi\"'", ["claude"]),
    # A shell reading a script the command line prints into it runs that script.
    ("echo 'codex exec x' | sh", ["codex"]),
    ("echo -n claude | bash -s", ["claude"]),
    ("/bin/echo gemini | sh", ["gemini"]),
    ("printf 'codex exec\\n' | bash", ["codex"]),
    ("printf '%s\\n' 'cd x' 'claude -p hi' | sh", ["claude"]),
    ("echo 'cd x\\ngemini' | sh", ["gemini"]),  # dash's echo reads `\n`
    ("cat <<EOF | sh\ncodex\nEOF", ["codex"]),
    ("echo codex | cat | sh", ["codex"]),
    # clean lines
    ("curl -fsSL https://ollama.com/install.sh | sh", []),  # a script from outside, as `sh f`
    ("wget -qO- https://example.com/i.sh | bash -s -- --yes", []),
    ("cat install.sh | sh", []),
    ("echo 'npm install -g x' | sh", []),
    ("echo codex", []),
    ("git commit -m 'claude fix'", []),
    ("grep -r gemini .", []),
    ("python -m codex_tools", []),
    ("cat <<EOF\ncodex\nEOF", []),
    ("echo '$(codex)'", []),
    ("# codex", []),
    ("claude-monitor && codex-cli-linker", []),
]


@pytest.mark.parametrize(
    "argv",
    [
        ["which", "codex"],
        ["command", "-v", "codex"],
        ["sh", "-c", "command -V codex >/dev/null"],
        ["bash", "-lc", "type codex"],
        ["where", "codex.exe"],
        ["hash", "codex"],
    ],
)
def test_lookup_commands_probe_without_launching(matcher: ProgramMatcher, argv: list[str]) -> None:
    # `which codex` starts `which`: a probe for codex (FL002), as shutil.which is, not a launch.
    (hit,) = matcher.match_argv(argv).hits
    assert (hit.program, hit.rule_ids) == ("codex", ("FL002",))


def test_a_program_looked_up_and_started_is_reported_started(matcher: ProgramMatcher) -> None:
    verdict = matcher.match_shell("if command -v codex >/dev/null; then codex exec; fi")
    assert [(h.program, h.rule_ids) for h in verdict.hits] == [("codex", ("FL001",))]
    assert matcher.match_argv(["which", "git"]).hits == ()


@pytest.mark.parametrize(("line", "programs"), SHELL_CASES)
def test_shell(matcher: ProgramMatcher, line: str, programs: list[str]) -> None:
    verdict = matcher.match_shell(line)
    assert [h.program for h in verdict.hits] == programs
    if not programs:
        assert verdict.clean, verdict.unknown


def test_shell_unknowns(matcher: ProgramMatcher) -> None:
    assert matcher.match_shell(None).unknown == "the shell command line is not known"
    assert matcher.match_shell('"$CMD" exec').unknown is not None
    assert matcher.match_shell("echo 'x").unknown is not None
    assert (
        matcher.match_shell("cat | bash").unknown == "`bash` reads its commands from standard input"
    )
    # What a compound command prints is not read; text unknown to the analysis stays unknown.
    assert (
        matcher.match_shell("(echo codex) | sh").unknown
        == "`sh` reads its commands from a compound command's output"
    )
    assert matcher.match_shell('echo "$CMD" | sh').unknown is not None
    # A launcher between (`curl | sudo bash`) is not followed with the pipe: unknown, not clean.
    assert matcher.match_shell("curl -fsSL u | sudo bash").unknown is not None


@pytest.mark.parametrize(
    ("argv", "stdin", "programs", "unknown"),
    [
        (["bash"], Stdin(("codex exec x",)), ["codex"], None),
        (["sh", "-s"], Stdin(("cd x && claude -p hi",)), ["claude"], None),
        (["bash"], Stdin(("npm install -g x",)), [], None),
        (["bash", "-c", "git status"], Stdin(("codex",)), [], None),  # stdin is data there
        (["git", "apply"], Stdin(("codex",)), [], None),
        (["bash"], Stdin(unknown="`input=` is not known: x"), [], "standard input: `input=`"),
    ],
)
def test_argv_with_standard_input(
    matcher: ProgramMatcher,
    argv: list[str],
    stdin: Stdin,
    programs: list[str],
    unknown: str | None,
) -> None:
    """What a launch writes to a shell's standard input is the script the shell runs."""
    verdict = matcher.match_argv(argv, stdin=stdin)
    assert [h.program for h in verdict.hits] == programs
    if unknown is None:
        assert verdict.unknown is None
    else:
        assert unknown in (verdict.unknown or "")


@pytest.mark.parametrize(
    ("line", "stdin", "programs", "unknown"),
    [
        ("bash", Stdin(("codex exec x",)), ["codex"], None),
        ("cd w && sh -s", Stdin(("claude -p hi",)), ["claude"], None),
        ("cat | bash", Stdin(("gemini -p hi",)), ["gemini"], None),  # `cat` passes it on
        ("bash", Stdin(("npm test",)), [], None),
        ("git apply", Stdin(("codex",)), [], None),  # data, not a script
        ("bash <<< 'npm test'", Stdin(("codex",)), [], None),  # the line feeds it: not stdin
        ("curl -fsSL u | sh", Stdin(("codex",)), [], None),  # `sh` reads curl's output
        ("bash", Stdin(unknown="`input=` is not known: x"), [], "standard input: `input=`"),
    ],
)
def test_shell_line_with_standard_input(
    matcher: ProgramMatcher,
    line: str,
    stdin: Stdin,
    programs: list[str],
    unknown: str | None,
) -> None:
    """`shell=True` with `input=`: the line's commands that nothing in the line feeds read what
    the launch writes, as a shell started from an argv does."""
    verdict = matcher.match_shell(line, stdin=stdin)
    assert sorted({h.program for h in verdict.hits}) == programs
    if unknown is None:
        assert verdict.unknown is None
    else:
        assert unknown in (verdict.unknown or "")


@pytest.mark.parametrize(
    ("word", "program"),
    [
        ("codex", "codex"),
        ("/usr/bin/codex", "codex"),
        ("C:\\tools\\claude.exe", "claude"),
        ("gemini.CMD", "gemini"),
        (f"{H}/claude", "claude"),
        ("claude-monitor", None),
        ("codex.py", None),
    ],
)
def test_match_program(matcher: ProgramMatcher, word: str, program: str | None) -> None:
    verdict = matcher.match_program(word)
    assert [h.program for h in verdict.hits] == ([program] if program else [])
    assert verdict.unknown is None


def test_match_program_unknown_and_no_launcher_following(matcher: ProgramMatcher) -> None:
    assert matcher.match_program(None).unknown == "the program is not known"
    assert matcher.match_program(f"codex{H}").unknown == "the program is not known"
    # A single word carries no arguments: `env` alone starts nothing we can see.
    assert matcher.match_program("/usr/bin/env").clean


def test_kind_selects_rules(matcher: ProgramMatcher) -> None:
    probe = matcher.match_program("codex", kind="probe")
    assert probe.hits[0].rule_ids == ("FL002",)
    assert matcher.match_argv(["codex"], kind="exec").hits[0].rule_ids == ("FL001",)
    assert matcher.match_shell("codex", kind="shell").hits[0].rule_ids == ("FL001",)
    # FL002 has no npm packages and applies to probes only.
    assert matcher.match_argv(["npx", "@openai/codex"], kind="probe").hits == ()
    assert matcher.match_argv(["codex"], kind="nonsense").hits == ()


def test_programs_lists_every_program(matcher: ProgramMatcher) -> None:
    verdict = matcher.match_shell("sudo env A=1 git pull && codex exec | tee x")
    assert verdict.programs == ("sudo", "env", "git", "codex", "tee")


def test_one_hit_per_program_and_chain(matcher: ProgramMatcher) -> None:
    verdict = matcher.match_shell("codex a; codex b; env codex c")
    assert [(h.program, h.via) for h in verdict.hits] == [("codex", ()), ("codex", ("env",))]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("codex", "codex"),
        ("a/b/codex", "codex"),
        ("C:\\x\\Claude", "claude"),
        ("D:codex.EXE", "codex"),
        ("Codex", "Codex"),
        (".exe", ".exe"),
        ("", ""),
        (H, None),
    ],
)
def test_program_name(word: str, expected: str | None) -> None:
    assert program_name(word) == expected


def test_recursion_is_bounded(matcher: ProgramMatcher) -> None:
    verdict = matcher.match_argv(["env"] * 200 + ["codex"])
    assert verdict.unknown == "too many nested launchers"
    assert matcher.match_shell("env " * 200 + "codex").unknown == "too many nested launchers"
    nested = matcher.match_shell("( " * 1000 + "codex" + " )" * 1000)
    assert isinstance(nested, Verdict)
    assert nested.unknown is not None


@pytest.mark.parametrize(
    "argv",
    [
        ["npx", "-p"],
        ["env", "-u"],
        ["sudo", "--user"],
        ["bash", "-o"],
        ["npx", "--package="],
        ["npx", "@"],
        ["npx", "@openai"],
        ["-"],
        ["--"],
        ["env", "--"],
        ["pnpm", "dlx"],
        ["pnpm", "--", "dlx"],
        ["\\"],
        ["/"],
        [""],
    ],
)
def test_odd_argv_never_raises(matcher: ProgramMatcher, argv: list[str]) -> None:
    assert isinstance(matcher.match_argv(argv), Verdict)
    assert isinstance(matcher.match_argv(argv, complete=False), Verdict)


def test_everything_comes_from_the_catalogue(tmp_path: Path) -> None:
    """A new program, npm package, launcher and shell need a YAML edit only."""
    pack = tmp_path / "extra.yaml"
    pack.write_text(
        """
rules:
  - id: X001
    kinds: [exec, shell]
    programs: [opencode]
    npm_packages: {"opencode-ai": opencode}
launchers:
  firejail:
    options_with_value: [--profile]
  uvx:
    package_runner: true
shells:
  names: [mksh]
  command_flags: [-c]
"""
    )
    m = ProgramMatcher(load_catalogue([pack]))
    assert [h.rule_ids for h in m.match_argv(["opencode"]).hits] == [("X001",)]
    assert m.match_argv(["firejail", "--profile", "p", "opencode"]).hits[0].via == ("firejail",)
    assert m.match_argv(["uvx", "opencode-ai@1"]).hits[0].program == "opencode"
    assert m.match_argv(["mksh", "-c", "opencode run"]).hits[0].via == ("mksh -c",)
    # the built-in rules are still there
    assert m.match_argv(["firejail", "codex"]).hits[0].rule_ids == ("FL001",)


@pytest.mark.parametrize(
    ("sink", "error"),
    [
        ("{call: sdk.query, kind: exec, program: 5}", "program: expected a program name"),
        (
            "{call: sdk.query, kind: exec, program: x, argv: {pos: 0}}",
            "exactly one of argv, command, path, program is required",
        ),
    ],
)
def test_sdk_sinks_name_one_program(tmp_path: Path, sink: str, error: str) -> None:
    from frontier_lint.settings.catalogue import RulePackError

    pack = tmp_path / "pack.yaml"
    pack.write_text(f"sinks:\n  - {sink}\n")
    with pytest.raises(RulePackError, match=error):
        load_catalogue([pack])


@pytest.mark.parametrize(
    ("sink", "error"),
    [
        ("{call: m.C, path: {key: command}}", "`key` needs a `config` argument"),
        (
            "{call: m.C, config: {pos: 0}, path: {pos: 1}, args: {key: args}}",
            "with config, the program and its arguments are keys",
        ),
        ("{call: m.C, config: {key: x}, path: {key: command}}", "config: expected `pos`"),
        (
            "{call: m.C, config: {pos: 0, within: [1]}, path: {key: c}}",
            "expected a list of strings",
        ),
        ("{call: m.C, path: {pos: 0, key: command}}", "key: expected a string, without `pos`"),
        ("{call: m.C, path: {pos: true}}", "pos: expected a non-negative integer"),
    ],
)
def test_configuration_sinks_read_keys_of_a_config_argument(
    tmp_path: Path, sink: str, error: str
) -> None:
    from frontier_lint.settings.catalogue import RulePackError

    pack = tmp_path / "pack.yaml"
    pack.write_text(f"sinks:\n  - {sink}\n")
    with pytest.raises(RulePackError, match=error):
        load_catalogue([pack])


def test_a_configuration_sink_from_a_rule_pack(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "sinks:\n  - {call: runner.Pool, config: {kw: jobs, within: ['*', spec]},"
        " argv: {key: cmd}}\n"
    )
    spec = load_catalogue([pack]).sinks["runner.Pool"]
    assert spec.config is not None and spec.config.kw == "jobs"
    assert spec.within == ("*", "spec") and spec.argv is not None and spec.argv.key == "cmd"


# ---------------------------------------------------------------------------------------------
# env: every GNU and BSD form, one parser for the linter and the runtime guard

ENV_FORBIDDEN: list[tuple[Sequence[str | None], str, tuple[str, ...]]] = [
    (["env", "-", "PATH=/x", "codex"], "codex", ("env",)),  # a mere `-` is `-i`
    (["/usr/bin/env", "-S", "-i PATH=/x codex"], "codex", ("env -S",)),  # -S re-read as options
    (["env", "-iS", "codex exec"], "codex", ("env -S",)),  # combined short options
    (["env", "-vS", "A=1 codex"], "codex", ("env -S",)),
    (["env", "-S-i codex"], "codex", ("env -S",)),  # the value attached
    (["env", "--split-string=codex"], "codex", ("env --split-string",)),
    (["env", "--spl=codex"], "codex", ("env --split-string",)),  # GNU long-option abbreviation
    (["env", "-S", r"A=1\_codex"], "codex", ("env -S",)),  # `\_` outside quotes separates
    (["env", "-S", '"co"dex exec'], "codex", ("env -S",)),
    (["env", "-S", "'codex' \\c ignored"], "codex", ("env -S",)),
    (["env", "-S", "-S 'codex exec'"], "codex", ("env -S",)),  # a split string may split again
    (["env", "-0", "-v", "codex"], "codex", ("env",)),
    (["env", "--ignore-environment", "--unset=HOME", "codex"], "codex", ("env",)),
    (["env", "--ign", "codex"], "codex", ("env",)),
    (["env", "-u", "PATH", "-C", "/tmp", "codex"], "codex", ("env",)),
    (["env", "-P", "/opt/bin", "codex"], "codex", ("env",)),  # BSD: the program's search path
    (["env", "-L", "bob", "codex"], "codex", ("env",)),  # FreeBSD login class
    (["env", "--default-signal", "--block-signal=INT", "codex"], "codex", ("env",)),
    (["env", "a/b=c", "codex"], "codex", ("env",)),  # env takes any word with `=` as a variable
    (["env", f"{H}={H}", "codex"], "codex", ("env",)),
    (["env", "--", "codex"], "codex", ("env",)),
]


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["env", "-S", "${CLI} exec"], "program after `env -S` is not known"),
        (
            ["env", "-S", "$CLI exec"],
            "`env -S` string is not valid (only ${VARNAME} expansion is supported)",
        ),
        (["env", "-S", "'codex"], "`env -S` string is not valid (no terminating quote)"),
        (
            ["env", "-S", "codex $X"],
            "`env -S` string is not valid (only ${VARNAME} expansion is supported)",
        ),
        (["env", "-S", None], "arguments of `env -S` are not known"),
        (["env", "-S"], "arguments of `env -S` are not known"),
    ],
)
def test_env_split_strings_that_are_not_known(
    matcher: ProgramMatcher, argv: Sequence[str | None], reason: str
) -> None:
    verdict = matcher.match_argv(argv)
    assert verdict.unknown == reason
    assert not verdict.clean


ENV_CLEAN: list[Sequence[str | None]] = [
    ["env", "-u", "codex", "git"],
    ["env", "-C", "codex", "git"],
    ["env", "-S", "git status # codex"],  # a comment
    ["env", "-S", "git \\c codex"],  # `\c` ends the string
    ["env", "-", "A=codex", "ls"],
    ["env", "-i"],  # prints the environment
]


# ---------------------------------------------------------------------------------------------
# Launcher grammars: a launcher's own options and operands are never the program (16.9)

GRAMMAR_FORBIDDEN: list[tuple[Sequence[str | None], str, tuple[str, ...]]] = [
    (["timeout", "-s", "KILL", "5", "codex"], "codex", ("timeout",)),
    (["timeout", "--foreground", "-k", "5", "1m", "codex"], "codex", ("timeout",)),
    (["timeout", None, "codex"], "codex", ("timeout",)),  # an unknown duration is the duration
    (["sudo", "-u", "bob", "--", "codex"], "codex", ("sudo",)),
    (["sudo", "-h", "codex"], "codex", ("sudo",)),  # -h takes a value only attached
    (["sudo", "--preserve-env=PATH", "-s", "codex"], "codex", ("sudo",)),
    (["nice", "-n", "5", "codex"], "codex", ("nice",)),
    (["nice", "-10", "codex"], "codex", ("nice",)),  # the old form: read both ways
    (["nohup", "codex"], "codex", ("nohup",)),
    (["stdbuf", "-oL", "codex"], "codex", ("stdbuf",)),
    (["time", "-p", "codex"], "codex", ("time",)),
    (["xargs", "-0", "-n1", "codex"], "codex", ("xargs",)),
    (["xargs", "-r", "-e", "codex"], "codex", ("xargs",)),  # -e: a value only attached
    (["doas", "-u", "x", "codex"], "codex", ("doas",)),
    (["chrt", "-r", "10", "codex"], "codex", ("chrt",)),
    (["ionice", "-c2", "codex"], "codex", ("ionice",)),
    (["ionice", "-c", "2", "-n", "7", "codex"], "codex", ("ionice",)),
    (["taskset", "0x1", "codex"], "codex", ("taskset",)),
    (["taskset", "-c", "0-3", "codex"], "codex", ("taskset",)),
    (["setsid", "-f", "codex"], "codex", ("setsid",)),
    (["systemd-run", "--user", "-p", "MemoryMax=1G", "--wait", "codex"], "codex", ("systemd-run",)),
    (["flock", "/tmp/lock", "codex"], "codex", ("flock",)),
    (["flock", "-n", "-w", "5", "/tmp/lock", "codex"], "codex", ("flock",)),
    (["flock", "/tmp/lock", "-c", "codex exec"], "codex", ("flock -c",)),
    (["su", "-c", "claude -p hi", "bob"], "claude", ("su -c",)),
    (["npx", "-y", "@openai/codex"], "codex", ("npx",)),
    (["npx", "--registry", "https://r", "@openai/codex"], "codex", ("npx",)),
    (["pnpm", "-C", "app", "dlx", "@openai/codex"], "codex", ("pnpm dlx",)),
    (["pnpm", "--filter", "web", "exec", "codex"], "codex", ("pnpm exec",)),
    (["bunx", "--bun", "@openai/codex"], "codex", ("bunx",)),
    (["yarn", "dlx", "-q", "@openai/codex"], "codex", ("yarn dlx",)),
    (["npm", "x", "--", "@openai/codex"], "codex", ("npm x",)),
    (["uvx", "codex"], "codex", ("uvx",)),
    (["uvx", "--python", "3.12", "codex==1.0"], "codex", ("uvx",)),
    (["uvx", "--from", "some-pkg", "codex"], "codex", ("uvx",)),
    (["uv", "tool", "run", "codex"], "codex", ("uv tool run",)),
    (["pipx", "run", "--spec", "pkg", "codex"], "codex", ("pipx run",)),
]


GRAMMAR_CLEAN: list[Sequence[str | None]] = [
    ["timeout", None, "soffice", "--headless", "--convert-to", "pdf"],  # `str(n)` duration
    ["timeout", "-s", "TERM", None, "soffice"],
    ["chrt", None, "make"],
    ["taskset", None, "make"],
    ["flock", None, "make"],
    ["flock", "/tmp/lock", "-c", "make codex"],
    ["nice", "-10", "git", "status"],  # both readings of `-10` are clean
    ["sudo", "--some-new-flag", "git", "status"],
    ["sudo", "-u", "codex", "-g", "claude", "git"],
    ["xargs", "-i", "grep", "codex"],
    ["pnpm", "--filter", "web", "install", "@openai/codex"],
    ["npm", "-w", "dlx", "install"],
    ["uvx", "ruff@0.5", "check"],
    ["uvx", "--from", "codex", "ruff"],  # a PyPI package named codex provides ruff here
    ["su", "-", "bob"],
    ["su", "bob", "-c", "make"],
    ["bash", "-n", None],  # a syntax check: nothing runs (16.9)
    ["bash", "-n", "deploy.sh"],
    ["sh", "-nx", "deploy.sh"],
    ["bash", "-o", "noexec", "-c", "codex"],
    ["fish", "--no-execute", "run.fish"],
    ["bash", "script.sh"],  # a script runs as if started directly: its name is the program
    ["eval", "codex"],  # `eval` is a shell's built-in: in an argv it is the program
]


def test_an_undeclared_option_is_read_both_ways(matcher: ProgramMatcher) -> None:
    # `--weird` may take `bob` as its value: then codex is the program.
    verdict = matcher.match_argv(["nice", "--weird", "bob", "codex", "exec"])
    assert [h.program for h in verdict.hits] == ["codex"]
    # Both readings clean: clean. Too many undeclared options: unknown, never a guess.
    assert matcher.match_argv(["nohup", "--x", "git", "status"]).clean
    many = matcher.match_argv(["nohup", "--a", "--b", "--c", "--d", "--e", "git", "x", "y", "z"])
    assert many.unknown is not None and many.hits == ()
    assert many.unknown.startswith("option `--") and many.unknown.endswith(
        "of `nohup` is not known"
    )


# ---------------------------------------------------------------------------------------------
# Launch forms seen in real code (16.10): catalogue data and general hand-overs

LAUNCH_FORMS: list[tuple[Sequence[str | None], str, tuple[str, ...]]] = [
    # Windows cmd: the words after /c or /k are a cmd.exe command line
    (["cmd", "/k", "npx", "@anthropic-ai/claude-code"], "claude", ("cmd /k", "npx")),
    (["cmd.exe", "/c", "claude -p hi"], "claude", ("cmd /c",)),
    (["CMD.EXE", "/S", "/C", '"claude" -p hi'], "claude", ("cmd /c",)),
    (["cmd", "/c", "cd /d %USERPROFILE% && codex exec"], "codex", ("cmd /c",)),
    (["cmd", "/c", 'start "" /b Claude -p hi'], "claude", ("cmd /c", "start")),
    (["cmd", "/c", "if exist x.txt (call codex.cmd) else echo no"], "codex", ("cmd /c", "call")),
    # PowerShell
    (["powershell", "-Command", "claude -p 'hi'"], "claude", ("powershell -Command",)),
    (["powershell.exe", "-NoP", "-NonI", "-c", "& claude -p hi"], "claude", ("powershell -c",)),
    (["pwsh", "-c", "Start-Process claude -Wait"], "claude", ("pwsh -c", "Start-Process")),
    (["pwsh", "-Command", "$out = codex exec x; $out"], "codex", ("pwsh -Command",)),
    (["powershell", "-ep", "Bypass", "iex 'gemini -p x'"], "gemini", ("powershell", "iex")),
    (
        # -EncodedCommand: base64 of UTF-16LE `claude -p hi`
        ["powershell", "-EncodedCommand", "YwBsAGEAdQBkAGUAIAAtAHAAIABoAGkA"],
        "claude",
        ("powershell -EncodedCommand",),
    ),
    # AppleScript: Terminal's `do script`, `do shell script`, iTerm's `write text`, JXA
    (
        ["osascript", "-e", 'tell application "Terminal" to do script "claude"'],
        "claude",
        ("osascript -e",),
    ),
    (["osascript", "-e", 'do shell script "cd /x && codex exec"'], "codex", ("osascript -e",)),
    (
        ["osascript", "-e", 'tell s to write text "cd " & quoted form of d & "; gemini"'],
        "gemini",
        ("osascript -e",),
    ),
    (
        ["osascript", "-l", "JavaScript", "-e", "app.doShellScript('codex exec')"],
        "codex",
        ("osascript -e",),
    ),
    # terminal multiplexers
    (["screen", "-dmS", "name", "claude"], "claude", ("screen",)),
    (["screen", "-S", "x", "-X", "stuff", "claude\\n"], "claude", ("screen -X stuff",)),
    (["tmux", "new-session", "-d", "claude"], "claude", ("tmux new-session",)),
    (["tmux", "new", "-d", "-s", "x", "claude", "-p", "hi"], "claude", ("tmux new",)),
    (["tmux", "new", "-d", "cd /x && claude"], "claude", ("tmux new",)),
    (["tmux", "send-keys", "-t", "x", "claude", "Enter"], "claude", ("tmux send-keys",)),
    (
        ["tmux", "new", "-d", "-s", "x", ";", "send-keys", "-t", "x", "codex exec", "C-m"],
        "codex",
        ("tmux send-keys",),
    ),
    (["tmux", "-L", "sock", "split-window", "-h", "gemini"], "gemini", ("tmux split-window",)),
    (["tmux", "run-shell", "-b", "codex exec"], "codex", ("tmux run-shell",)),
    # terminals, script, watch
    (["script", "-q", "-c", "claude", "/dev/null"], "claude", ("script -c",)),
    (["script", "-q", "/dev/null", "claude"], "claude", ("script",)),  # BSD form
    (["xterm", "-e", "claude"], "claude", ("xterm -e",)),
    (["xterm", "-geometry", "80x24", "-e", "claude -p hi"], "claude", ("xterm -e",)),
    (["konsole", "--noclose", "-e", "codex", "exec"], "codex", ("konsole -e",)),
    (["gnome-terminal", "--", "claude"], "claude", ("gnome-terminal --",)),
    (["gnome-terminal", "--title", "t", "-e", "claude -p x"], "claude", ("gnome-terminal -e",)),
    (["watch", "-n1", "claude", "-p", "hi"], "claude", ("watch",)),
]


@pytest.mark.parametrize(
    ("argv", "program", "via"), ENV_FORBIDDEN + GRAMMAR_FORBIDDEN + LAUNCH_FORMS
)
def test_launches_read_by_launcher_grammars(
    matcher: ProgramMatcher, argv: Sequence[str | None], program: str, via: tuple[str, ...]
) -> None:
    verdict = matcher.match_argv(argv)
    assert [(h.program, h.via) for h in verdict.hits] == [(program, via)]
    assert verdict.unknown is None


@pytest.mark.parametrize(
    ("line", "program"),
    [
        ("nohup claude &", "claude"),
        ("eval codex exec", "codex"),
        ("eval 'claude -p hi'", "claude"),
        ("tmux new -d 'claude' \\; attach", "claude"),
        ('cmd.exe /c "npx -y @openai/codex"', "codex"),
        ('osascript -e \'tell application "Terminal" to do script "claude"\'', "claude"),
    ],
)
def test_launch_forms_in_shell_lines(matcher: ProgramMatcher, line: str, program: str) -> None:
    assert [h.program for h in matcher.match_shell(line).hits] == [program]


LAUNCH_FORMS_CLEAN: list[Sequence[str | None]] = [
    ["ssh", "host", "claude"],  # runs on another machine: not a local launch
    ["ssh", "-i", "key", "-p", "22", "user@host", "codex exec"],
    ["xterm"],
    ["xterm", "-title", "codex"],
    ["gnome-terminal", "--title", "claude"],
    ["tmux"],
    ["tmux", "kill-server"],
    ["tmux", "send-keys", "-t", "x", "echo codex", "Enter"],
    ["tmux", "send-keys", "-t", "x", "codex", "C-c"],  # typed, then cancelled
    ["screen", "-ls"],
    ["cmd", "/c", "dir & echo claude"],
    ["cmd", "/c", "rem codex"],
    ["powershell", "-Command", "Write-Output 'claude'; $x = 1"],
    ["powershell", "-Command", "Get-ChildItem | Where-Object { $_.Name -eq 'codex' }"],
    ["osascript", "-e", 'display dialog "codex"'],
    ["osascript", "script.scpt"],
    ["watch", "-n", "5", "ls", "codex"],
    ["script", "/dev/null"],
    ["start", "codex"],  # cmd's start where no cmd runs it: `start` is the program
]


@pytest.mark.parametrize("argv", ENV_CLEAN + GRAMMAR_CLEAN + LAUNCH_FORMS_CLEAN)
def test_launchers_own_words_are_not_programs(
    matcher: ProgramMatcher, argv: Sequence[str | None]
) -> None:
    verdict = matcher.match_argv(argv)
    assert verdict.hits == ()
    assert verdict.unknown is None


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["cmd", "/c", "%CLI% exec"], "a program in the `cmd /c` command line is not known"),
        (["cmd", "/c", None], "a program in the `cmd /c` command line is not known"),
        (
            ["powershell", "-c", "& $cli -p hi"],
            "a program in the `powershell -c` command line is not known",
        ),
        (
            ["powershell", "-EncodedCommand", "%%%"],
            "`powershell -EncodedCommand` command line is not known (not base64 of UTF-16LE text)",
        ),
        (
            ["osascript", "-e", 'tell application "Terminal" to do script cmd'],
            "a command line the `osascript -e` command line runs is not known",
        ),
        (["tmux", "new", "-d", None], "command line after `tmux new` is not known"),
        (["xterm", None], "arguments of `xterm` are not known"),
        (["tmux", None], "subcommand of `tmux` is not known"),
    ],
)
def test_launch_forms_not_known(
    matcher: ProgramMatcher, argv: Sequence[str | None], reason: str
) -> None:
    verdict = matcher.match_argv(argv)
    assert verdict.hits == ()
    assert verdict.unknown == reason


# ---------------------------------------------------------------------------------------------
# What the runtime guard resolves: the programs started and the PATH they are looked up with


@pytest.mark.parametrize(
    ("argv", "started"),
    [
        (["notcodex", "x"], [("notcodex", None)]),
        (["env", "PATH=/opt/x", "notcodex"], [("notcodex", "/opt/x")]),
        (["env", "-i", "notcodex"], [("notcodex", os.defpath)]),
        (["env", "-", "PATH=/opt/x", "notcodex"], [("notcodex", "/opt/x")]),
        (["env", "-u", "PATH", "notcodex"], [("notcodex", os.defpath)]),
        (["env", "-P", "/opt/p", "PATH=/opt/x", "notcodex"], [("notcodex", "/opt/p")]),
        (["env", "-S", "-i PATH=/opt/x notcodex"], [("notcodex", "/opt/x")]),
        (["bash", "-c", "PATH=/opt/x notcodex; tool"], [("notcodex", "/opt/x"), ("tool", None)]),
        (["codex"], []),  # forbidden by name: a hit, not a program left to resolve
    ],
)
def test_started_programs_and_their_search_path(
    matcher: ProgramMatcher, argv: list[str], started: list[tuple[str, str | None]]
) -> None:
    assert [(s.word, s.path) for s in matcher.match_argv(argv).started] == started


# ---------------------------------------------------------------------------------------------
# The catalogue's launcher grammar


def test_launcher_grammar_keys(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        """
launchers:
  runner:
    flags: [-q]
    options: [-t]
    operands: 1
    command_options: {-s: cmd}
    rest_options: {--then: line}
    aliases: [run2]
  box:
    subcommands:
      go: {handover: line, aliases: [g]}
    separator: "+"
  wsh:
    within: [powershell]
    case_insensitive: true
    rest_options: {-Run: argv}
"""
    )
    m = ProgramMatcher(load_catalogue([pack]))
    assert m.match_argv(["runner", "-q", "-t", "x", "OPERAND", "codex"]).hits[0].via == ("runner",)
    assert m.match_argv(["run2", "-s", "claude -p", "OPERAND"]).hits[0].via == ("run2 -s",)
    assert m.match_argv(["runner", "-q", "--then", "cd x;", "gemini"]).hits[0].via == (
        "runner --then",
    )
    assert m.match_argv(["box", "stop", "+", "g", "codex", "exec"]).hits[0].via == ("box g",)
    assert m.match_argv(["wsh", "-run", "codex"]).clean  # only a launcher inside PowerShell
    assert m.match_shell("powershell -c 'WSH -RUN codex'").hits[0].via == (
        "powershell -c",
        "WSH -Run",
    )


def test_older_launcher_keys_still_work(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        """
launchers:
  tool:
    subcommand: go
    options_with_value: [--pkg]
    package_runner: true
  later:
    skip_positionals: 2
    command_options: [-c]
"""
    )
    m = ProgramMatcher(load_catalogue([pack]))
    assert m.match_argv(["tool", "go", "--pkg", "@openai/codex", "x"]).hits[0].via == ("tool go",)
    assert m.match_argv(["later", "a", "b", "codex"]).hits[0].via == ("later",)
    assert m.match_argv(["later", "-c", "codex"]).hits[0].via == ("later -c",)


@pytest.mark.parametrize(
    ("launcher", "error"),
    [
        ("{handover: sideways}", "handover: 'sideways' is not one of argv, line"),
        ("{syntax: fortran}", "syntax: 'fortran' is not one of posix"),
        ("{within: [vms]}", "within: 'vms' is not one of argv"),
        ("{operands: -1}", "operands: expected a non-negative integer"),
        ("{handover: subcommand}", "handover subcommand needs `subcommands`"),
        ("{rest_options: {-e: nowhere}}", "-e: 'nowhere' is not one of"),
        ("{environment: {wipe: [-w]}}", "environment: expected a mapping of clear, unset, path"),
        ("{flags: [-0]}", "flags: expected a list of strings"),  # YAML reads -0 as a number
        ("{scan: yes please}", "scan: expected true or false"),
        ("{wat: 1}", "unknown key 'wat'"),
        ("{subcommands: {go: {handover: x}}}", "subcommand go: handover"),
    ],
)
def test_launcher_grammar_errors(tmp_path: Path, launcher: str, error: str) -> None:
    from frontier_lint.settings.catalogue import RulePackError

    pack = tmp_path / "pack.yaml"
    pack.write_text(f"launchers:\n  x: {launcher}\n")
    with pytest.raises(RulePackError, match=re.escape(error)):
        load_catalogue([pack])


# ---------------------------------------------------------------------------------------------
# Session 15: options after operands (su, runuser), options taking several words (bwrap),
# launchers adding words (xargs), and brace expansion in shell lines


SWITCH_FORBIDDEN: list[tuple[Sequence[str | None], str, tuple[str, ...]]] = [
    (["su", "bob", "-c", "codex exec"], "codex", ("su -c",)),
    (["su", "-", "bob", "-c", "codex"], "codex", ("su -c",)),
    (["su", "-l", "bob", "--command=claude -p"], "claude", ("su --command",)),
    (["su", "-c", "gemini", "bob"], "gemini", ("su -c",)),
    (["su", "bob", "--", "-c", "codex x"], "codex", ("su -c",)),  # the shell's -c
    (["su", "bob", "-s", "/bin/bash", "codex"], "codex", ("su",)),  # a script USER's shell runs
    (["su", "bob", "-lc", "codex"], "codex", ("su -c",)),  # getopt: su's `-l -c`
    (["runuser", "-l", "bob", "-c", "codex exec"], "codex", ("runuser -c",)),
    (
        ["runuser", "bob", "-P", "--session-command", "claude"],
        "claude",
        ("runuser --session-command",),
    ),
    (["runuser", "-u", "bob", "--", "codex"], "codex", ("runuser",)),
    (["runuser", "--user=bob", "gemini"], "gemini", ("runuser",)),
    (["sg", "docker", "codex exec"], "codex", ("sg",)),
    (["sg", "docker", "-c", "claude"], "claude", ("sg -c",)),
    (["sudo", "-u", "bob", "sh", "-c", "codex"], "codex", ("sudo", "sh -c")),
    (["doas", "-u", "bob", "claude"], "claude", ("doas",)),
    (["bwrap", "--ro-bind", "/", "/", "codex"], "codex", ("bwrap",)),
    (["bwrap", "--overlay", "a", "b", "/", "--setenv", "A", "B", "claude"], "claude", ("bwrap",)),
    (
        ["bwrap", "--bind-try", "a", "b", "--symlink", "c", "d", "--", "gemini"],
        "gemini",
        ("bwrap",),
    ),
    (["bwrap", "--chmod", "0755", "/x", "--dir", "/y", "codex"], "codex", ("bwrap",)),
    (["nsenter", "-t", "1", "-m", "--net=/x", "codex"], "codex", ("nsenter",)),
    (["flatpak-spawn", "--host", "--env=A=1", "claude"], "claude", ("flatpak-spawn",)),
    (["setpriv", "--reuid=1000", "--clear-groups", "codex"], "codex", ("setpriv",)),
    (["prlimit", "--nofile=64", "-n64", "codex"], "codex", ("prlimit",)),
    (["xargs", "-I", "{}", "codex", "{}"], "codex", ("xargs",)),
    (["find", ".", "-exec", "codex", "exec", "{}", ";"], "codex", ("find -exec",)),
    (["find", None, "-name", None, "-execdir", "claude", "{}", "+"], "claude", ("find -execdir",)),
    (["find", ".", "-exec", "ls", ";", "-ok", "gemini", ";", "-print"], "gemini", ("find -ok",)),
]

SWITCH_CLEAN: list[Sequence[str | None]] = [
    ["su", "codex", "-c", "git status"],  # the user is no program
    ["su", "-", "codex"],  # an interactive session
    ["su", "-c", "make", "gemini"],
    ["runuser", "-u", "codex", "--", "git"],
    ["runuser", "codex", "-c", "ls"],
    ["sg", "codex", "-c", "ls"],
    ["bwrap", "--ro-bind", "codex", "claude", "git"],
    ["bwrap", "--setenv", "CLI", "codex", "make"],
    ["bwrap", "--overlay", "codex", "claude", "gemini", "ls"],
    ["nsenter", "-t", "1", "git"],
    ["xargs", "-I{}", "git", "add", "{}"],
    ["xargs", "git", "add"],  # items are more arguments of git
    ["xargs"],  # echo
    ["find", ".", "-name", "codex", "-exec", "rm", "{}", "+", "-print", "claude"],
    ["find", None, "-name", "*.py", "-delete"],  # an unknown path is a path
]


@pytest.mark.parametrize(("argv", "program", "via"), SWITCH_FORBIDDEN)
def test_options_anywhere_and_several_words(
    matcher: ProgramMatcher, argv: Sequence[str | None], program: str, via: tuple[str, ...]
) -> None:
    verdict = matcher.match_argv(argv)
    assert [(h.program, h.via) for h in verdict.hits] == [(program, via)]


@pytest.mark.parametrize("argv", SWITCH_CLEAN)
def test_users_groups_and_option_values_are_not_programs(
    matcher: ProgramMatcher, argv: Sequence[str | None]
) -> None:
    verdict = matcher.match_argv(argv)
    assert verdict.hits == () and verdict.unknown is None


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["su", "bob", "-c", None], "command line after `su -c` is not known"),
        (["su", "bob", None], "arguments of `su` are not known"),
        (["bwrap", "--ro-bind", "/", "/", None], "program after `bwrap` is not known"),
        (["xargs", "env"], "program after `env` is not known"),
        (["xargs", "sh", "-c"], "command line after `sh -c` is not known"),
        (["xargs", "-I{}", "sh", "-c", "{}"], "a program in the `sh -c` command line is not known"),
        (["xargs", "-i", "{}"], "program after `xargs` is not known"),
        (["find", ".", "-exec", "{}", ";"], "program after `find -exec` is not known"),
        (["find", ".", "-exec", None, ";"], "program after `find -exec` is not known"),
    ],
)
def test_user_switch_and_xargs_not_known(
    matcher: ProgramMatcher, argv: Sequence[str | None], reason: str
) -> None:
    verdict = matcher.match_argv(argv)
    assert verdict.hits == ()
    assert verdict.unknown == reason


def test_su_reads_what_the_launch_writes_to_it(matcher: ProgramMatcher) -> None:
    fed = matcher.match_argv(["su", "bob"], stdin=Stdin(("codex exec",)))
    assert [(h.program, h.via) for h in fed.hits] == [("codex", ("su",))]
    assert matcher.match_argv(["su", "bob"], stdin=Stdin(("git pull",))).clean
    unfed = matcher.match_argv(["su", "bob"], stdin=Stdin(unknown="`input` is not known"))
    assert unfed.unknown == "`su` reads its commands from standard input: `input` is not known"


@pytest.mark.parametrize(
    ("line", "program"),
    [
        ("{codex,x} exec", "codex"),
        ("co{dex,} exec", "codex"),
        ("/usr/bin/{claude,git} -p x", "claude"),
        ("sudo {gemini,x}", "gemini"),
        ("bash -c '{codex,x}'", "codex"),
        ("env {A=1,codex}", "codex"),
        ("su bob -c 'codex'", "codex"),
        ("x{,} || {claude,y}", "claude"),
        ("trap 'codex x' EXIT; true", "codex"),
        ("trap -- 'cleanup; claude -p x' INT TERM", "claude"),
        ("coproc agent { gemini; }", "gemini"),
        ("echo {codex,x} | sh", "codex"),  # the line sh reads is expanded there
    ],
)
def test_braces_trap_and_coproc_in_shell_lines(
    matcher: ProgramMatcher, line: str, program: str
) -> None:
    assert [h.program for h in matcher.match_shell(line).hits] == [program]


@pytest.mark.parametrize(
    "line",
    [
        "'{codex,x}' y",
        "/usr/bin/{codex} x",
        "cp codex.{yaml,bak} /tmp",
        "{git,status}",
        "/usr/bin/{git,claude} -p x",  # git, given the path of claude
        "echo {codex,claude}",
        "trap 'rm -f codex.lock' EXIT",
        "trap - INT",
        "trap '' HUP",
    ],
)
def test_braces_and_trap_clean(matcher: ProgramMatcher, line: str) -> None:
    assert matcher.match_shell(line).clean


def test_brace_expansion_past_its_bound_is_not_known(matcher: ProgramMatcher) -> None:
    verdict = matcher.match_shell("{a..z}{a..z} x")
    assert verdict.hits == ()
    assert verdict.unknown == "a program in the shell command line is not known"


def test_new_launcher_grammar_keys(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        """
launchers:
  box:
    options: {--two: 2, --three: 3, -o: 1}
  switch:
    permute: true
    operands: 1
    handover: shell
    command_options: [-x]
    handover_options: {--as: argv}
  feeder:
    appends: true
    replace_options: {-R: "", -r: "@@"}
    options: [-R]
    flags: [-r]
"""
    )
    m = ProgramMatcher(load_catalogue([pack]))
    assert m.match_argv(["box", "--two", "a", "b", "--three", "c", "d", "e", "codex"]).hits
    assert m.match_argv(["box", "--two=a", "b", "-o", "c", "codex"]).hits
    assert m.match_argv(["box", "--two", "codex", "claude", "git"]).clean
    assert m.match_argv(["switch", "USER", "-x", "codex"]).hits[0].via == ("switch -x",)
    assert m.match_argv(["switch", "USER", "--", "-c", "codex"]).hits[0].via == ("switch -c",)
    assert m.match_argv(["switch", "--as", "codex", "--", "git"]).clean
    assert m.match_argv(["switch", "--as", "u", "--", "codex"]).hits[0].via == ("switch",)
    assert m.match_argv(["feeder", "env"]).unknown == "program after `env` is not known"
    assert m.match_argv(["feeder", "-R", "%", "%"]).unknown == "program after `feeder` is not known"
    assert m.match_argv(["feeder", "-r", "@@"]).unknown == "program after `feeder` is not known"
    assert m.match_argv(["feeder", "-r", "git", "@@"]).clean


@pytest.mark.parametrize(
    ("launcher", "error"),
    [
        ("{options: {--x: 0}}", "--x: an option takes 1 word or more"),
        ("{options: {--x: two}}", "--x: expected a non-negative integer"),
        ("{permute: maybe}", "permute: expected true or false"),
        ("{handover_options: {-u: elsewhere}}", "-u: 'elsewhere' is not one of"),
        ("{replace_options: [-I]}", "replace_options: expected a mapping of option to string"),
        ("{handover: shells}", "handover: 'shells' is not one of"),
    ],
)
def test_new_launcher_grammar_errors(tmp_path: Path, launcher: str, error: str) -> None:
    from frontier_lint.settings.catalogue import RulePackError

    pack = tmp_path / "pack.yaml"
    pack.write_text(f"launchers:\n  x: {launcher}\n")
    with pytest.raises(RulePackError, match=re.escape(error)):
        load_catalogue([pack])


def test_match_code_judges_code_not_analysed_as_python_c(matcher: ProgramMatcher) -> None:
    # Code `exec`/`eval` runs that the analysis could not read (`SinkForm.CODE`).
    assert matcher.match_code(None).unknown == "the code run is not known"
    named = matcher.match_code("import subprocess; subprocess.run(x)").unknown
    assert named == "the code run names a launch API (not analysed)"
    assert matcher.match_code(f"import json; print(json.dumps({H}))").clean
    # Text not known that leaves the code unreadable may be any code.
    partial = matcher.match_code(f"x = ({H}").unknown
    assert partial == "the code run is known in part, and may launch (not analysed)"


@pytest.mark.parametrize(
    ("spec", "repository"),
    [
        ("https://github.com/google-gemini/gemini-cli", "github.com/google-gemini/gemini-cli"),
        ("github:OpenAI/Codex#main", "github.com/openai/codex"),
        ("gitlab:a/b", "gitlab.com/a/b"),
        ("openai/codex", "github.com/openai/codex"),
        ("git+https://github.com/o/r.git@v1", "github.com/o/r"),
        ("git+ssh://git@github.com/o/r.git", "github.com/o/r"),
        ("git@github.com:o/r.git", "github.com/o/r"),
        ("https://github.com/o/r/archive/main.tar.gz", "github.com/o/r"),
        ("./dir", None),
        ("../o/r", None),
        ("file:../x", None),
        ("x.tgz", None),
        ("https://example.com/x.tgz", None),
        ("https://[::1/x", None),
    ],
)
def test_source_repository(spec: str, repository: str | None) -> None:
    from frontier_lint.matching.verdicts import source_repository

    assert source_repository(spec) == repository


def test_a_pack_names_repositories(tmp_path: Path) -> None:
    """A package runner's source is the program a pack maps its repository to; another
    repository stays unknown."""
    from frontier_lint.settings.catalogue import RulePackError

    pack = tmp_path / "extra.yaml"
    pack.write_text(
        "rules:\n  - id: X001\n    programs: [opencode]\n"
        "    repositories: {GitHub.com/sst/OpenCode.git: opencode}\n"
    )
    m = ProgramMatcher(load_catalogue([pack]))
    hit = m.match_argv(["npx", "-y", "github:sst/opencode", "run"]).hits[0]
    assert (hit.program, hit.rule_ids) == ("opencode", ("X001",))
    assert m.match_argv(["npx", "sst/other"]).unknown is not None
    pack.write_text("rules:\n  - id: X001\n    repositories: {sst/opencode: opencode}\n")
    with pytest.raises(RulePackError, match="repositories: expected `host/owner/repo"):
        load_catalogue([pack])

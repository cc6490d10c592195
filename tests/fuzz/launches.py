"""Launch fragments spliced into generated and mutated programs.

A fragment is what makes the analysis work rather than stop at the parser: a process launch
(`subprocess.run(["codex", ...])`, `os.system("claude -p x")`, `shutil.which("gemini")`) reached
through the value-flow paths the resolver follows (wrappers, module constants in another module,
dict lookups, loops, launchers, shell strings), or one whose program comes from the generated
program's own names (`name_0` ... `name_5`, pysource-codegen's identifiers).

Every fragment imports what it uses under a private alias (`_fz_sp`) on its own lines, so no
generated statement can shadow it, and names the forbidden program it must surface: a spliced
launch of `codex` is never judged clean. It must come out as a finding naming `codex`, an
unresolved site or an error entry for the file it reports in (`Expectation`), whatever the
program around it is. That is issue 15's "fail closed, always" as an oracle.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

PROGRAMS = ("codex", "claude", "gemini")
# Harmless values for lookup tables: distinct, so each one is an alternative of its own.
HARMLESS = ("git", "ls", "make", "rg", "jq", "tar", "sed", "awk", "curl", "node")


@dataclass(frozen=True)
class Fragment:
    """Statements to splice (column 0, no trailing newline) and what they must produce.

    `module` is an extra module (`_fz_consts_N.py`) the statements import from, `program` the
    forbidden program the launch starts (None: not known, e.g. it comes from the program's own
    names), `kind` names the template for reports.
    """

    kind: str
    code: str
    program: str | None
    module: tuple[str, str] | None = None  # (file name, source)


Template = Callable[[random.Random, str, int], Fragment]


def _argv(rng: random.Random, program: str) -> str:
    return repr([program, *rng.sample(["exec", "-p", "hi", "--yes", "run"], rng.randint(0, 2))])


def _literal(rng: random.Random, program: str, n: int) -> Fragment:
    call = rng.choice(["run", "Popen", "call", "check_output"])
    return Fragment(
        "literal", f"import subprocess as _fz_sp\n_fz_sp.{call}({_argv(rng, program)})", program
    )


def _os_system(rng: random.Random, program: str, n: int) -> Fragment:
    cmd = rng.choice([f"{program} -p x", f"cd /tmp && {program} exec", f"FOO=1 {program}"])
    return Fragment("os.system", f"import os as _fz_os\n_fz_os.system({cmd!r})", program)


def _which(rng: random.Random, program: str, n: int) -> Fragment:
    return Fragment("which", f"import shutil as _fz_sh\n_fz_sh.which({program!r})", program)


def _shell(rng: random.Random, program: str, n: int) -> Fragment:
    cmd = f"bash -lc 'cd /x && {program} exec'"
    return Fragment(
        "shell", f"import subprocess as _fz_sp\n_fz_sp.run({cmd!r}, shell=True)", program
    )


def _launcher(rng: random.Random, program: str, n: int) -> Fragment:
    package = {
        "codex": "@openai/codex",
        "claude": "@anthropic-ai/claude-code",
        "gemini": "@google/gemini-cli",
    }
    argv = rng.choice(
        [["npx", "-y", package[program]], ["env", "FOO=1", program], ["timeout", "5", program]]
    )
    return Fragment("launcher", f"import subprocess as _fz_sp\n_fz_sp.run({argv!r})", program)


def _wrapper(rng: random.Random, program: str, n: int) -> Fragment:
    """A chain of forwarding wrappers, the last one launching (`depth` functions)."""
    depth = rng.choice([1, 2, 3, 5])
    lines = ["import subprocess as _fz_sp"]
    lines.append(f"def _fz_w{n}_0(cmd):\n    return _fz_sp.Popen(cmd)")
    for i in range(1, depth):
        lines.append(f"def _fz_w{n}_{i}(cmd):\n    return _fz_w{n}_{i - 1}(cmd)")
    lines.append(f"_fz_w{n}_{depth - 1}({_argv(rng, program)})")
    return Fragment(f"wrapper{depth}", "\n".join(lines), program)


def _constant_elsewhere(rng: random.Random, program: str, n: int) -> Fragment:
    """The program is a constant (with an environment default) in another module."""
    name = f"_fz_consts_{n}"
    default = rng.choice(
        [
            f"{program!r}",
            f"_os.getenv('FZ_BIN', {program!r})",
            f"_os.environ.get('FZ_BIN') or {program!r}",
        ]
    )
    module = f"import os as _os\nBIN = {default}\n"
    code = f"import subprocess as _fz_sp\nfrom {name} import BIN as _fz_bin{n}\n"
    code += f"_fz_sp.run([_fz_bin{n}, 'exec'])"
    return Fragment("constant-elsewhere", code, program, module=(f"{name}.py", module))


def _lookup(rng: random.Random, program: str, n: int) -> Fragment:
    """A lookup table whose every value is an alternative (sometimes a large one)."""
    size = rng.choice([2, 8, 70, 200])
    items = [(f"k{i}", f"{HARMLESS[i % len(HARMLESS)]}{i}") for i in range(size)]
    items.insert(rng.randrange(len(items) + 1), ("kx", program))
    table = ", ".join(f"{k!r}: {v!r}" for k, v in items)
    code = (
        "import subprocess as _fz_sp\nimport sys as _fz_sys\n"
        f"_FZ_TOOLS{n} = {{{table}}}\n"
        f"_fz_sp.run([_FZ_TOOLS{n}[_fz_sys.argv[1]], 'x'])"
    )
    return Fragment(f"lookup{size}", code, program)


def _loop(rng: random.Random, program: str, n: int) -> Fragment:
    """The name is built in a loop (`cmd += part`)."""
    cut = rng.randint(1, len(program) - 1)
    parts = [program[:cut], program[cut:]]
    code = (
        "import subprocess as _fz_sp\n"
        f"_fz_cmd{n} = ''\n"
        f"for _fz_p in {parts!r}:\n    _fz_cmd{n} += _fz_p\n"
        f"_fz_sp.run([_fz_cmd{n}])"
    )
    return Fragment("loop-concat", code, program)


def _formatted(rng: random.Random, program: str, n: int) -> Fragment:
    cut = rng.randint(1, len(program) - 1)
    head, tail = program[:cut], program[cut:]
    expr = rng.choice(
        [
            f"f'{head}{{_fz_t{n}}} -p x'",
            f"'{head}%s -p x' % _fz_t{n}",
            f"'{head}' + _fz_t{n} + ' -p x'",
            f"'{head}{{}} -p x'.format(_fz_t{n})",
        ]
    )
    code = f"import os as _fz_os\n_fz_t{n} = {tail!r}\n_fz_os.system({expr})"
    return Fragment("formatted", code, program)


def _class_attribute(rng: random.Random, program: str, n: int) -> Fragment:
    code = (
        "import subprocess as _fz_sp\n"
        f"class _FzRunner{n}:\n"
        f"    binary = {program!r}\n"
        "    def start(self):\n"
        "        return _fz_sp.Popen([self.binary, 'exec'])\n"
        f"_FzRunner{n}().start()"
    )
    return Fragment("class-attribute", code, program)


def _partial(rng: random.Random, program: str, n: int) -> Fragment:
    code = (
        "import functools as _fz_ft\nimport subprocess as _fz_sp\n"
        f"_fz_go{n} = _fz_ft.partial(_fz_sp.run, [{program!r}, '-p'])\n_fz_go{n}()"
    )
    return Fragment("partial", code, program)


def _from_program_names(rng: random.Random, program: str, n: int) -> Fragment:
    """The program comes from the generated program's own names: any verdict is fine."""
    name = f"name_{rng.randint(0, 5)}"
    code = rng.choice(
        [
            f"import subprocess as _fz_sp\n_fz_sp.run({name})",
            f"import subprocess as _fz_sp\n_fz_sp.run([{name}, {program!r}])",
            f"import os as _fz_os\n_fz_os.system(f'{{{name}}} -p x')",
            f"import subprocess as _fz_sp\n_fz_sp.run({name} or {program!r}, shell=True)",
        ]
    )
    # `name or "codex"` still has `codex` as one alternative, but the name may be anything
    # (a generated `del`, a `global`): no verdict is promised.
    return Fragment("program-names", code, None)


def _allowed(rng: random.Random, program: str, n: int) -> Fragment:
    """A launch of an allowed program: no promise but no failure either."""
    return Fragment("allowed", "import subprocess as _fz_sp\n_fz_sp.run(['git', 'status'])", None)


TEMPLATES: tuple[Template, ...] = (
    _literal,
    _os_system,
    _which,
    _shell,
    _launcher,
    _wrapper,
    _constant_elsewhere,
    _lookup,
    _loop,
    _formatted,
    _class_attribute,
    _partial,
    _from_program_names,
    _allowed,
)


def fragment(rng: random.Random, n: int) -> Fragment:
    """A random fragment; `n` makes its private names unique within one file."""
    return rng.choice(TEMPLATES)(rng, rng.choice(PROGRAMS), n)

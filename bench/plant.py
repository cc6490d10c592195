"""Plant known violations into a copy of a Python tree, and say exactly where they are.

Deterministic (seeded): the same source tree, seed and count give the same files, lines and
programs. Every planted launch is appended to the end of an *existing* module (new code at module
end never moves the lines above it), and kinds that need several modules use several existing
modules of the tree that import each other with real absolute or package-relative imports.

Kinds (each planted `--per-kind` times, programs cycling codex / gemini / claude):

- ``literal``  a literal argv: ``subprocess.run(["codex", "exec", p])``
- ``getenv``   an ``os.getenv`` / ``os.environ.get`` default: module constant, class attribute, local
- ``constant`` a constant defined in one module, imported by another that launches it
- ``builder``  a function returning argv, used by the launch (same module or imported)
- ``wrapper``  A: ``def run_it(cmd): subprocess.Popen(cmd)``, B: ``def go(c): return A.run_it(c)``,
               C: ``B.go(["codex", ...])``; the finding is at C's call
- ``npx``      ``["npx", "@openai/codex", ...]`` and friends
- ``bash_c``   ``["bash", "-c", "codex exec ..."]`` and friends

The manifest (JSON) lists one expected finding per plant: path (relative to the tree, ``/``
separators), line of the call that the finding must be reported at, program, kind and variant, and
the code added to every file involved, so a miss can be shown as a minimal example.

Usage: ``python bench/plant.py SRC DST [--per-kind 36] [--seed 20240611] [--manifest FILE]``
(DST is replaced by a copy of SRC; the manifest defaults to ``DST.manifest.json`` beside it).
"""

from __future__ import annotations

import argparse
import ast
import json
import random
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PROGRAMS = ("codex", "gemini", "claude")
KINDS = ("literal", "getenv", "constant", "builder", "wrapper", "npx", "bash_c")
NPM_PACKAGES = {
    "codex": "@openai/codex",
    "gemini": "@google/gemini-cli",
    "claude": "@anthropic-ai/claude-code",
}
# The program's own first argument, so that planted argv look like real invocations.
FIRST_ARG = {"codex": "exec", "gemini": "-p", "claude": "-p"}
# Names a host module must not rebind, or the appended code would not mean what it says.
RESERVED = frozenset({"os", "subprocess"})
MARK = "  #@FL-FINDING@"  # marks the finding's line in a snippet; stripped before writing
DEFAULT_SEED = 20240611
DEFAULT_PER_KIND = 36


@dataclass(frozen=True)
class Module:
    """A candidate host: an existing, parseable module with an importable dotted name."""

    path: str  # relative to the tree root, "/" separators
    name: str  # dotted module name, e.g. "django.utils.text"
    regular: bool  # every directory on the way has an __init__.py (no namespace package)

    @property
    def package(self) -> str:
        return self.name.rpartition(".")[0]

    @property
    def stem(self) -> str:
        return self.name.rpartition(".")[2]


@dataclass
class Expected:
    """One finding that the planted tree must produce."""

    kind: str
    variant: str
    path: str
    line: int
    program: str
    index: int
    snippets: dict[str, str] = field(default_factory=dict)  # path -> code appended there


@dataclass
class Manifest:
    seed: int
    per_kind: int
    expected: list[Expected]
    files_changed: int

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "seed": self.seed,
            "per_kind": self.per_kind,
            "counts": dict(Counter(e.kind for e in self.expected)),
            "files_changed": self.files_changed,
            "expected": [asdict(e) for e in self.expected],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        return cls(
            seed=data["seed"],
            per_kind=data["per_kind"],
            expected=[Expected(**e) for e in data["expected"]],
            files_changed=data["files_changed"],
        )


# --------------------------------------------------------------------------------------------
# Candidate discovery


def _binds_reserved(tree: ast.Module) -> bool:
    """True when the module binds `os` / `subprocess` to anything but the stdlib module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                if bound in RESERVED and alias.name.split(".")[0] != bound:
                    return True
        elif isinstance(node, ast.ImportFrom):
            if any((a.asname or a.name) in RESERVED for a in node.names):
                return True
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            if node.id in RESERVED:
                return True
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if node.name in RESERVED:
                return True
        elif isinstance(node, ast.arg) and node.arg in RESERVED:
            return True
    return False


def module_name(root: Path, rel: Path) -> tuple[str, bool] | None:
    """The dotted name under which `rel` is importable from `root`, and whether every directory
    on the way is a regular package (has `__init__.py`); None when a part is no identifier."""
    parts = rel.with_suffix("").parts
    if not parts or not all(p.isidentifier() for p in parts):
        return None
    regular = all(
        (root.joinpath(*parts[:i]) / "__init__.py").is_file() for i in range(1, len(parts))
    )
    return ".".join(parts), regular


def find_candidates(root: Path) -> list[Module]:
    """Modules of `root` that can host planted code, in a stable (sorted) order."""
    found: list[Module] = []
    for path in sorted(root.rglob("*.py"), key=lambda p: p.relative_to(root).as_posix()):
        rel = path.relative_to(root)
        if path.name in ("__init__.py", "__main__.py") or not path.is_file():
            continue
        named = module_name(root, rel)
        if named is None:
            continue
        data = path.read_bytes()
        if b"\r" in data or b"frontier-lint" in data or b"#@FL-" in data:
            continue
        try:
            tree = ast.parse(data, filename=str(path))
        except (SyntaxError, ValueError):
            continue
        if _binds_reserved(tree):
            continue
        found.append(Module(rel.as_posix(), *named))
    return found


# --------------------------------------------------------------------------------------------
# Snippets: each returns the code appended to each host, with MARK on the finding's line.


def _imp(target: Module, host: Module, names: str, relative: bool) -> str:
    """`from X import names`, where X names `target`'s module, seen from `host`."""
    if relative:
        assert target.package == host.package, (target, host)
        return f"from .{target.stem} import {names}"
    return f"from {target.name} import {names}"


def _imp_module(target: Module, host: Module, alias: str, relative: bool) -> str:
    """`from PKG import mod as alias` (a module imported as an object)."""
    if relative:
        assert target.package == host.package, (target, host)
        return f"from . import {target.stem} as {alias}"
    if not target.package:
        return f"import {target.name} as {alias}"
    return f"from {target.package} import {target.stem} as {alias}"


def _argv_tail(program: str) -> str:
    return f'"{FIRST_ARG[program]}", prompt'


def snip_literal(i: int, variant: int, program: str, hosts: Sequence[Module]) -> dict[str, str]:
    tail = _argv_tail(program)
    body = [
        f'    return subprocess.run(["{program}", {tail}], check=False){MARK}',
        f'    return subprocess.Popen(["{program}", {tail}], stdout=subprocess.PIPE){MARK}',
        f'    return subprocess.check_output(["{program}", {tail}], text=True){MARK}',
        f'    argv = ["{program}", {tail}]\n    return subprocess.call(argv){MARK}',
    ][variant]
    code = f"import subprocess\n\n\ndef _fl_bench_literal_{i}(prompt):\n{body}\n"
    return {hosts[0].path: code}


def snip_getenv(i: int, variant: int, program: str, hosts: Sequence[Module]) -> dict[str, str]:
    tail = _argv_tail(program)
    env = f"FL_BENCH_AGENT_{i}"
    if variant == 0:  # module constant
        code = (
            f'import os\nimport subprocess\n\nFL_BENCH_CMD_{i} = os.getenv("{env}", "{program}")\n\n\n'
            f"def _fl_bench_getenv_{i}(prompt):\n"
            f"    return subprocess.Popen([FL_BENCH_CMD_{i}, {tail}]){MARK}\n"
        )
    elif variant == 1:  # class attribute, as in the design notes
        code = (
            f"import os\nimport subprocess\n\n\nclass FlBenchConfig{i}:\n"
            f'    AGENT_CMD = os.getenv("{env}", "{program}")\n\n\n'
            f"def _fl_bench_getenv_{i}(prompt):\n"
            f"    return subprocess.run([FlBenchConfig{i}.AGENT_CMD, {tail}], check=False){MARK}\n"
        )
    else:  # os.environ.get default, in a local
        code = (
            f"import os\nimport subprocess\n\n\ndef _fl_bench_getenv_{i}(prompt):\n"
            f'    cmd = os.environ.get("{env}", "{program}")\n'
            f"    return subprocess.check_call([cmd, {tail}]){MARK}\n"
        )
    return {hosts[0].path: code}


def snip_constant(i: int, variant: int, program: str, hosts: Sequence[Module]) -> dict[str, str]:
    definer, user = hosts
    const = f"FL_BENCH_AGENT_{i}"
    tail = _argv_tail(program)
    if variant == 2:  # module object, attribute access
        alias = f"_fl_bench_conf_{i}"
        imp = _imp_module(definer, user, alias, relative=False)
        ref = f"{alias}.{const}"
    else:  # 0: absolute from-import, 1: package-relative from-import
        imp = _imp(definer, user, const, relative=variant == 1)
        ref = const
    return {
        definer.path: f'{const} = "{program}"\n',
        user.path: (
            f"import subprocess\n\n{imp}\n\n\ndef _fl_bench_constant_{i}(prompt):\n"
            f"    return subprocess.run([{ref}, {tail}], check=False){MARK}\n"
        ),
    }


def snip_builder(i: int, variant: int, program: str, hosts: Sequence[Module]) -> dict[str, str]:
    fn = f"fl_bench_build_argv_{i}"
    if variant == 2:  # builds the list step by step, as real builders do
        builder = (
            f"def {fn}(prompt, model=None):\n"
            f'    argv = ["{program}", "{FIRST_ARG[program]}"]\n'
            f"    if model:\n"
            f'        argv += ["--model", model]\n'
            f"    argv.append(prompt)\n"
            f"    return argv\n"
        )
    else:  # returns a list display
        builder = f'def {fn}(prompt):\n    return ["{program}", {_argv_tail(program)}]\n'
    use = (
        f"def _fl_bench_builder_{i}(prompt):\n"
        f"    return subprocess.run({fn}(prompt), check=False){MARK}\n"
    )
    if variant == 0:  # builder and launch in the same module
        return {hosts[0].path: f"import subprocess\n\n\n{builder}\n\n{use}"}
    definer, user = hosts
    imp = _imp(definer, user, fn, relative=variant == 2)
    return {definer.path: builder, user.path: f"import subprocess\n\n{imp}\n\n\n{use}"}


def snip_wrapper(i: int, variant: int, program: str, hosts: Sequence[Module]) -> dict[str, str]:
    a, b, c = hosts
    run_it, go = f"fl_bench_run_it_{i}", f"fl_bench_go_{i}"
    relative = variant == 2
    if variant == 1:  # functions imported by name
        imp_b, call_b = _imp(a, b, run_it, relative), run_it
        imp_c, call_c = _imp(b, c, go, relative), go
    else:  # modules imported as objects (0: absolute, 2: package-relative)
        alias_a, alias_b = f"_fl_bench_a_{i}", f"_fl_bench_b_{i}"
        imp_b, call_b = _imp_module(a, b, alias_a, relative), f"{alias_a}.{run_it}"
        imp_c, call_c = _imp_module(b, c, alias_b, relative), f"{alias_b}.{go}"
    return {
        a.path: f"import subprocess\n\n\ndef {run_it}(cmd):\n    return subprocess.Popen(cmd)\n",
        b.path: f"{imp_b}\n\n\ndef {go}(c):\n    return {call_b}(c)\n",
        c.path: (
            f"{imp_c}\n\n\ndef _fl_bench_wrapper_{i}(prompt):\n"
            f'    return {call_c}(["{program}", {_argv_tail(program)}]){MARK}\n'
        ),
    }


def snip_npx(i: int, variant: int, program: str, hosts: Sequence[Module]) -> dict[str, str]:
    pkg = NPM_PACKAGES[program]
    tail = _argv_tail(program)
    call = [
        f'subprocess.run(["npx", "{pkg}", {tail}], check=False)',
        f'subprocess.Popen(["npx", "-y", "{pkg}", {tail}])',
        f'subprocess.run(["npx", "--yes", "{pkg}@latest", {tail}], check=False)',
    ][variant]
    code = f"import subprocess\n\n\ndef _fl_bench_npx_{i}(prompt):\n    return {call}{MARK}\n"
    return {hosts[0].path: code}


def snip_bash_c(i: int, variant: int, program: str, hosts: Sequence[Module]) -> dict[str, str]:
    arg = FIRST_ARG[program]
    call = [
        f'subprocess.run(["bash", "-c", "{program} {arg} \'fix the failing tests\'"], check=False)',
        f'subprocess.Popen(["sh", "-c", "cd /tmp && {program} {arg} hello | tee out.log"])',
        f'subprocess.run(["/bin/bash", "-lc", "set -e; {program} {arg} \\"$PROMPT\\""], check=False)',
    ][variant]
    code = f"import subprocess\n\n\ndef _fl_bench_bash_c_{i}(prompt):\n    return {call}{MARK}\n"
    return {hosts[0].path: code}


@dataclass(frozen=True)
class KindSpec:
    variants: tuple[str, ...]
    snippet: Callable[[int, int, str, Sequence[Module]], dict[str, str]]
    # per variant: how many hosts, and whether they must share a package (relative imports)
    hosts: Callable[[int], tuple[int, bool]]


KIND_SPECS: dict[str, KindSpec] = {
    "literal": KindSpec(
        ("run", "Popen", "check_output", "local-argv-call"), snip_literal, lambda v: (1, False)
    ),
    "getenv": KindSpec(
        ("module-constant", "class-attribute", "environ.get-local"),
        snip_getenv,
        lambda v: (1, False),
    ),
    "constant": KindSpec(
        ("absolute-from-import", "relative-from-import", "module-attribute"),
        snip_constant,
        lambda v: (2, v == 1),
    ),
    "builder": KindSpec(
        ("same-module", "absolute-import", "relative-import-mutating"),
        snip_builder,
        lambda v: (1, False) if v == 0 else (2, v == 2),
    ),
    "wrapper": KindSpec(
        ("module-attributes", "absolute-from-imports", "relative-module-imports"),
        snip_wrapper,
        lambda v: (3, v == 2),
    ),
    "npx": KindSpec(("npx", "npx -y", "npx --yes pkg@latest"), snip_npx, lambda v: (1, False)),
    "bash_c": KindSpec(
        ("bash -c", "sh -c pipeline", "/bin/bash -lc"), snip_bash_c, lambda v: (1, False)
    ),
}


# --------------------------------------------------------------------------------------------
# Planting


class Planter:
    """Chooses hosts (preferring modules not used yet) and accumulates the appended code."""

    def __init__(self, root: Path, candidates: Sequence[Module], seed: int) -> None:
        if len(candidates) < 3:
            raise SystemExit(f"plant: need at least 3 importable modules under {root}")
        self.root = root
        self.rng = random.Random(seed)
        self.candidates = list(candidates)
        self.by_package: dict[str, list[Module]] = {}
        for m in self.candidates:
            self.by_package.setdefault(m.package, []).append(m)
        self.used: Counter[str] = Counter()
        self.texts: dict[str, str] = {}

    def _pick(self, pool: Sequence[Module], count: int) -> list[Module]:
        # Least-used first, ties broken by the seeded shuffle: distinct files while they last.
        order = list(pool)
        self.rng.shuffle(order)
        order.sort(key=lambda m: self.used[m.path])
        chosen = order[:count]
        for m in chosen:
            self.used[m.path] += 1
        return chosen

    def hosts(self, count: int, same_package: bool) -> list[Module]:
        if not same_package:
            return self._pick(self.candidates, count)
        packages = sorted(p for p, ms in self.by_package.items() if len(ms) >= count and p)
        if not packages:
            raise SystemExit(f"plant: no package with {count} importable modules")
        # Prefer packages whose modules are still unused.
        fresh = [
            p for p in packages if sum(self.used[m.path] == 0 for m in self.by_package[p]) >= count
        ]
        package = self.rng.choice(fresh or packages)
        return self._pick(self.by_package[package], count)

    def append(self, path: str, code: str) -> int | None:
        """Append `code` to the module; return the 1-based line of MARK, if any."""
        if path not in self.texts:
            text = (self.root / path).read_text(encoding="utf-8")
            self.texts[path] = text if text.endswith("\n") or not text else text + "\n"
        text = self.texts[path]
        start = text.count("\n") + 1 + 2  # two blank lines first
        line = None
        lines = code.split("\n")
        for n, code_line in enumerate(lines):
            if code_line.endswith(MARK):
                line = start + n
                lines[n] = code_line[: -len(MARK)]
        self.texts[path] = text + "\n\n" + "\n".join(lines)
        return line

    def write(self) -> None:
        for path, text in self.texts.items():
            ast.parse(text, filename=path)  # planted files stay valid Python
            (self.root / path).write_text(text, encoding="utf-8")


def plant(root: Path, *, seed: int = DEFAULT_SEED, per_kind: int = DEFAULT_PER_KIND) -> Manifest:
    """Plant `per_kind` violations of every kind into the tree at `root`, in place."""
    candidates = find_candidates(root)
    # Regular packages only, unless the tree has too few of them (the 1-in-10 subset keeps few
    # `__init__.py` files): then namespace packages (PEP 420) host plants too.
    regular = [m for m in candidates if m.regular]
    planter = Planter(root, regular if len(regular) >= 12 * per_kind else candidates, seed)
    expected: list[Expected] = []
    for kind in KINDS:
        spec = KIND_SPECS[kind]
        nvar = len(spec.variants)
        for i in range(per_kind):
            variant = i % nvar
            program = PROGRAMS[(i // nvar) % len(PROGRAMS)]
            count, same_package = spec.hosts(variant)
            hosts = planter.hosts(count, same_package)
            snippets = spec.snippet(i, variant, program, hosts)
            where: tuple[str, int] | None = None
            for path, code in snippets.items():
                line = planter.append(path, code)
                if line is not None:
                    where = (path, line)
            assert where is not None, (kind, variant)
            clean = {p: c.replace(MARK, "") for p, c in snippets.items()}
            expected.append(
                Expected(kind, spec.variants[variant], where[0], where[1], program, i, clean)
            )
    planter.write()
    verify(root, expected)
    return Manifest(seed, per_kind, expected, len(planter.texts))


def verify(root: Path, expected: Iterable[Expected]) -> None:
    """Check that every expected line holds a call naming the planted function's flow."""
    trees: dict[str, ast.Module] = {}
    for e in expected:
        if e.path not in trees:
            trees[e.path] = ast.parse((root / e.path).read_text(encoding="utf-8"))
        calls = [
            n for n in ast.walk(trees[e.path]) if isinstance(n, ast.Call) and n.lineno == e.line
        ]
        if not calls:
            raise AssertionError(f"plant: no call at {e.path}:{e.line} for {e.kind}")


# --------------------------------------------------------------------------------------------
# Comparing a run's findings with the manifest

Key = tuple[str, int, str]


@dataclass
class Comparison:
    matched: list[Expected]
    missing: list[Expected]
    extra: list[dict[str, Any]]  # findings that nothing planted explains

    @property
    def exact(self) -> bool:
        return not self.missing and not self.extra

    def by_kind(self) -> dict[str, tuple[int, int, int]]:
        """kind -> (planted, found, missing)."""
        out: dict[str, tuple[int, int, int]] = {}
        for kind in KINDS:
            planted = sum(e.kind == kind for e in self.matched + self.missing)
            missing = sum(e.kind == kind for e in self.missing)
            out[kind] = (planted, planted - missing, missing)
        return out


def compare(expected: Sequence[Expected], findings: Iterable[dict[str, Any]]) -> Comparison:
    """Match findings to expected plants by (path, line, program); columns are not compared."""
    want: dict[Key, Expected] = {(e.path, e.line, e.program): e for e in expected}
    seen: set[Key] = set()
    extra: list[dict[str, Any]] = []
    for f in findings:
        key = (str(f.get("path")), int(f.get("line", 0)), str(f.get("program")))
        if key in want and key not in seen:
            seen.add(key)
        else:
            extra.append(f)
    matched = [e for k, e in want.items() if k in seen]
    missing = [e for k, e in want.items() if k not in seen]
    return Comparison(matched, missing, extra)


# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("src", type=Path, help="tree to copy (left untouched)")
    parser.add_argument("dst", type=Path, help="where the planted copy goes (replaced)")
    parser.add_argument("--per-kind", type=int, default=DEFAULT_PER_KIND)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--manifest", type=Path, help="default: DST.manifest.json")
    args = parser.parse_args(argv)
    src, dst = args.src.resolve(), args.dst.resolve()
    if src == dst or src in dst.parents:
        parser.error("DST must not be SRC or inside it")
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    manifest = plant(dst, seed=args.seed, per_kind=args.per_kind)
    out = args.manifest or dst.with_name(dst.name + ".manifest.json")
    out.write_text(json.dumps(manifest.to_json(), indent=1) + "\n", encoding="utf-8")
    counts = Counter(e.kind for e in manifest.expected)
    print(
        f"planted {len(manifest.expected)} findings in {manifest.files_changed} files "
        f"({', '.join(f'{k} {counts[k]}' for k in KINDS)}); manifest: {out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

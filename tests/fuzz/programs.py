"""Generated programs with launches spliced in.

`pysource-codegen` (what ruff fuzzes its parser and formatter with) turns an integer seed into a
random but compilable module covering the whole grammar (match, async comprehensions, walrus,
f-strings, `global`/`nonlocal`, decorators); it is deterministic per seed and needs no network.
`hypothesmith` (Hypothesis strategies from CPython's grammar) is used by the Hypothesis-driven
test in `tests/test_fuzz.py`, where Hypothesis shrinks a failing program for us. Both give
programs that only the parser would see; the fragments of `launches.py` make them reach the
analysis: they are spliced at module level and into function bodies, and some read the
program's own names (`name_0` ... `name_5`).
"""

from __future__ import annotations

import ast
import random
import warnings

from tests.fuzz.cases import Expectation
from tests.fuzz.launches import Fragment, fragment


def codegen(seed: int, depth: int, nodes: int) -> str | None:
    """pysource-codegen's module for `seed` (None where its unparser gives up on 3.11)."""
    from pysource_codegen import generate

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return generate(seed, depth_limit=depth, node_limit=nodes)
    except (ValueError, RecursionError, AssertionError):
        return None


def _compiles(source: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(source, "<fuzz>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _start(node: ast.stmt) -> int:
    """First line of a statement, decorators included (a splice may not separate them)."""
    lines = [node.lineno]
    lines += [d.lineno for d in getattr(node, "decorator_list", [])]
    return min(lines)


def insertion_points(source: str) -> list[tuple[int, int]]:
    """(0-based line, indentation) before which complete statements may be inserted: module
    level and the first statement of every function body (not class bodies, whose names
    functions cannot see)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    points = [(_start(stmt) - 1, 0) for stmt in tree.body]
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            points.append((_start(first) - 1, first.col_offset))
    # A `from __future__` import must stay first.
    future = [
        s.end_lineno or s.lineno
        for s in tree.body
        if isinstance(s, ast.ImportFrom) and s.module == "__future__"
    ]
    floor = max(future, default=0)
    return sorted({p for p in points if p[0] >= floor})


def _indent(code: str, width: int) -> list[str]:
    pad = " " * width
    return [pad + line if line else line for line in code.split("\n")]


def splice(
    source: str, fragments: list[Fragment], rng: random.Random
) -> tuple[str, list[Fragment]]:
    """`source` with each fragment inserted at a random statement boundary (or appended);
    returns the new source and the fragments that made it in (a splice that does not compile,
    which should not happen, is dropped rather than guessed at)."""
    kept: list[Fragment] = []
    for frag in fragments:
        lines = source.split("\n")
        points = insertion_points(source)
        candidates = [rng.choice(points)] if points else []
        candidates.append((len(lines), 0))  # the end of the module
        for line, width in candidates:
            new = "\n".join([*lines[:line], *_indent(frag.code, width), *lines[line:]])
            if _compiles(new):
                source = new
                kept.append(frag)
                break
    if not source.endswith("\n"):
        source += "\n"
    return source, kept


def generated_module(
    rng: random.Random, path: str, n_fragments: int, *, first_fragment: int = 0
) -> tuple[str, list[Fragment], list[Expectation]] | None:
    """A pysource-codegen module with fragments spliced in, and what they promise."""
    program = codegen(rng.randrange(2**32), rng.choice([3, 4, 5, 6]), rng.choice([80, 200, 600]))
    if program is None:
        return None
    frags = [fragment(rng, first_fragment + i) for i in range(n_fragments)]
    source, kept = splice(program, frags, rng)
    expectations = [Expectation(path, f.program, f.kind) for f in kept if f.program]
    return source, kept, expectations


def splice_appended(program: str, frag: Fragment) -> str | None:
    """`program` then `frag` at module level (the Hypothesis test's splice: no randomness of
    its own, so Hypothesis shrinks the program and the fragment choice)."""
    for source in (program.rstrip("\n") + "\n" + frag.code + "\n", frag.code + "\n" + program):
        if _compiles(source):
            return source
    return None

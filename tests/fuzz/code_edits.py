"""Random edits of code (not of comments): the kinds a developer makes between two runs.

Each edit is located with CPython's `ast` on the file's current text (a file it cannot parse
gets none) and applied as a text replacement at the node's offsets, so the rest of the file
keeps its bytes. The replacements draw on literals, the project's own identifiers and the
program words, so that some edits give the gates something and most do not."""

from __future__ import annotations

import ast
import random
from collections.abc import Callable
from dataclasses import dataclass

PROGRAMS = ("codex", "gemini", "claude")


@dataclass(frozen=True)
class Names:
    """What the project defines: top-level functions (callable with no argument or not) and
    every identifier its files bind."""

    functions: tuple[str, ...]
    identifiers: tuple[str, ...]

    @staticmethod
    def of(texts: list[str]) -> Names:
        functions: set[str] = set()
        identifiers: set[str] = set()
        for text in texts:
            try:
                tree = ast.parse(text)
            except (SyntaxError, ValueError):
                continue
            for node in tree.body:
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    functions.add(node.name)
            for node in ast.walk(tree):
                if isinstance(node, ast.Name):
                    identifiers.add(node.id)
                elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    identifiers.add(node.name)
        return Names(tuple(sorted(functions)), tuple(sorted(identifiers)))


def _offsets(text: str) -> list[int]:
    """The offset of each line's start (1-based lines: index 0 unused)."""
    out = [0, 0]
    for line in text.splitlines(keepends=True):
        out.append(out[-1] + len(line))
    return out


def _span(text: str, at: list[int], node: ast.AST) -> tuple[int, int]:
    # (`ast` columns count UTF-8 bytes: convert within the line.)
    def offset(line: int, col: int) -> int:
        start = at[line]
        raw = text[start : at[line + 1] if line + 1 < len(at) else len(text)]
        return start + len(raw.encode("utf-8", "surrogatepass")[:col].decode("utf-8", "replace"))

    assert node.end_lineno is not None and node.end_col_offset is not None
    return offset(node.lineno, node.col_offset), offset(node.end_lineno, node.end_col_offset)


def _literal(rng: random.Random, names: Names) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return repr(rng.choice(["x", "plain", "--help", "git", "ls -l", ""]))
    if kind == 1:
        return str(rng.randrange(100))
    if kind == 2 and names.identifiers:
        return rng.choice(names.identifiers)
    if kind == 3:
        return repr(rng.choice(PROGRAMS))
    if kind == 4:
        return rng.choice(["None", "True", "[]", "()", "{}"])
    return repr(rng.choice(["echo", "python", "x y"]))


def _indent(text: str, at: list[int], line: int) -> str:
    raw = text[at[line] : at[line + 1]]
    return raw[: len(raw) - len(raw.lstrip(" \t"))]


Edit = Callable[[str, ast.Module, random.Random, Names], "tuple[str, str] | None"]


def replace_literal(
    text: str, tree: ast.Module, rng: random.Random, names: Names
) -> tuple[str, str] | None:
    nodes = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and not isinstance(n.value, bytes)
        and n.lineno == n.end_lineno
        and n.value is not Ellipsis
    ]
    if not nodes:
        return None
    node = rng.choice(nodes)
    start, end = _span(text, _offsets(text), node)
    new = _literal(rng, names)
    return text[:start] + new + text[end:], f"literal {text[start:end]!r} -> {new}"


def _function_statements(tree: ast.Module) -> list[tuple[ast.stmt, list[ast.stmt]]]:
    out: list[tuple[ast.stmt, list[ast.stmt]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for stmt in node.body:
                out.append((stmt, node.body))
    return out


def insert_statement(
    text: str, tree: ast.Module, rng: random.Random, names: Names
) -> tuple[str, str] | None:
    stmts = _function_statements(tree)
    if not stmts:
        return None
    stmt, _ = rng.choice(stmts)
    at = _offsets(text)
    indent = _indent(text, at, stmt.lineno)
    kind = rng.randrange(5)
    if kind == 0:
        new = f"_fz = {_literal(rng, names)}"
    elif kind == 1:
        new = "pass"
    elif kind == 2 and names.functions:
        new = f"{rng.choice(names.functions)}()"
    elif kind == 3:
        # (What only the structure gate sees: an import or a module binding in a function.)
        new = rng.choice(["import os", "from os import system", "import shlex", "global LIMIT"])
    else:
        new = f"_fz = len({_literal(rng, names)!s})"
    line = f"{indent}{new}\n"
    start = at[stmt.lineno]
    return text[:start] + line + text[start:], f"insert {new!r} at {stmt.lineno}"


def add_call(
    text: str, tree: ast.Module, rng: random.Random, names: Names
) -> tuple[str, str] | None:
    if not names.functions:
        return None
    stmts = _function_statements(tree)
    if not stmts:
        return None
    stmt, _ = rng.choice(stmts)
    at = _offsets(text)
    call = f"{rng.choice(names.functions)}({_literal(rng, names) if rng.random() < 0.5 else ''})"
    start = at[stmt.lineno]
    line = f"{_indent(text, at, stmt.lineno)}{call}\n"
    return text[:start] + line + text[start:], f"call {call} at {stmt.lineno}"


def insert_launch(
    text: str, tree: ast.Module, rng: random.Random, names: Names
) -> tuple[str, str] | None:
    # (A launch of a literal, a project name or a local: the sink may be unimported here, the
    # program a parameter of a wrapper.)
    stmts = _function_statements(tree)
    if not stmts:
        return None
    stmt, _ = rng.choice(stmts)
    at = _offsets(text)
    program = _literal(rng, names)
    new = rng.choice(
        [
            f"subprocess.run([{program}, '-p'])",
            f"os.system({program})",
            f"subprocess.Popen({program}, shell=True)",
            f"shutil.which({program})",
        ]
    )
    start = at[stmt.lineno]
    line = f"{_indent(text, at, stmt.lineno)}{new}\n"
    return text[:start] + line + text[start:], f"launch {new} at {stmt.lineno}"


def delete_statement(
    text: str, tree: ast.Module, rng: random.Random, names: Names
) -> tuple[str, str] | None:
    # (A body's only statement becomes `pass`: the file stays valid.)
    stmts = [(s, b) for s, b in _function_statements(tree) if s.end_lineno is not None]
    if not stmts:
        return None
    stmt, body = rng.choice(stmts)
    at = _offsets(text)
    assert stmt.end_lineno is not None
    if at[stmt.lineno] != _span(text, at, stmt)[0] - len(_indent(text, at, stmt.lineno)):
        return None  # (a statement after a `;`)
    start, end = at[stmt.lineno], at[min(stmt.end_lineno + 1, len(at) - 1)]
    if text[_span(text, at, stmt)[1] : end].strip() not in ("",) and not text[
        _span(text, at, stmt)[1] : end
    ].strip().startswith("#"):
        return None
    repl = f"{_indent(text, at, stmt.lineno)}pass\n" if len(body) == 1 else ""
    return text[:start] + repl + text[end:], f"delete {stmt.lineno}-{stmt.end_lineno}"


def rename_local(
    text: str, tree: ast.Module, rng: random.Random, names: Names
) -> tuple[str, str] | None:
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    rng.shuffle(functions)
    for fn in functions:
        stores = sorted(
            {n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
            | {a.arg for a in fn.args.args + fn.args.kwonlyargs if a.arg != "self"}
        )
        if not stores:
            continue
        old = rng.choice(stores)
        new = old + "_r"
        at = _offsets(text)
        spans = [
            _span(text, at, n) for n in ast.walk(fn) if isinstance(n, ast.Name) and n.id == old
        ]
        for a in fn.args.args + fn.args.kwonlyargs:
            if a.arg == old:
                spans.append(_span(text, at, a))
        for start, _end in sorted(spans, reverse=True):
            if text[start : start + len(old)] == old:
                text = text[:start] + new + text[start + len(old) :]
        return text, f"rename {old} in {fn.name}"
    return None


def duplicate_function(
    text: str, tree: ast.Module, rng: random.Random, names: Names
) -> tuple[str, str] | None:
    defs = [
        n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]
    if not defs:
        return None
    node = rng.choice(defs)
    at = _offsets(text)
    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
    assert node.end_lineno is not None
    end = at[min(node.end_lineno + 1, len(at) - 1)]
    block = text[at[first] : end]
    if not block.endswith("\n"):
        block += "\n"
    # (Under another name, or the same: a later definition shadows the earlier one.)
    if rng.random() < 0.5:
        block = block.replace(f"def {getattr(node, 'name', '')}(", f"def {node.name}_dup(", 1)
        block = block.replace(f"class {node.name}", f"class {node.name}_dup", 1)
    tail = text if text.endswith("\n") else text + "\n"
    return tail + "\n\n" + block, f"duplicate {node.name}"


def edit_default(
    text: str, tree: ast.Module, rng: random.Random, names: Names
) -> tuple[str, str] | None:
    defaults = [
        d
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        for d in n.args.defaults + [k for k in n.args.kw_defaults if k is not None]
        if d.lineno == d.end_lineno
    ]
    if not defaults:
        return None
    node = rng.choice(defaults)
    start, end = _span(text, _offsets(text), node)
    new = _literal(rng, names)
    return text[:start] + new + text[end:], f"default {text[start:end]!r} -> {new}"


def edit_class_attribute(
    text: str, tree: ast.Module, rng: random.Random, names: Names
) -> tuple[str, str] | None:
    values = [
        s.value
        for n in ast.walk(tree)
        if isinstance(n, ast.ClassDef)
        for s in n.body
        if isinstance(s, ast.Assign | ast.AnnAssign)
        and s.value is not None
        and s.value.lineno == s.value.end_lineno
    ]
    if not values:
        return None
    node = rng.choice(values)
    start, end = _span(text, _offsets(text), node)
    new = _literal(rng, names)
    return text[:start] + new + text[end:], f"class attribute {text[start:end]!r} -> {new}"


EDITS: tuple[Edit, ...] = (
    replace_literal,
    replace_literal,
    insert_statement,
    insert_launch,
    add_call,
    delete_statement,
    rename_local,
    duplicate_function,
    edit_default,
    edit_class_attribute,
)


def code_edit(text: str, rng: random.Random, names: Names) -> tuple[str, str] | None:
    """One random edit of `text`'s code (new text, what was done), or None when the file
    cannot be parsed or no kind tried applies."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    for _ in range(4):
        out = rng.choice(EDITS)(text, tree, rng, names)
        if out is not None and out[0] != text:
            return out
    return None


# Code that reads nothing of the project and that no result reads (functions without a gate
# word, a class with attributes) beside one launch: put in each project the fuzz edits, it
# gives the edits statements the blocks can answer for (the fixture projects are dense with
# launches: most of their statements are read by some result).
FILLER = """\"\"\"Helpers.\"\"\"

import subprocess

LIMIT = 3


def shorten(text, width=10):
    out = text[:width]
    return out


def repeat(word, times=2):
    parts = [word] * times
    return " ".join(parts)


class Options:
    verbose = False
    name = "plain"

    def describe(self):
        label = self.name
        return label.upper()


def count(items, start=0):
    total = start
    for item in items:
        total += len(item)
    return total


def run_step(step="echo"):
    subprocess.run([step, "done"])
"""


def appended_comment(text: str, rng: random.Random) -> tuple[str, str]:
    """`text` with a comment line added (new text, what was done), as the pre-commit bench's
    comment rows add one (`bench/run.py`): at the end of the text (inside its last statement),
    or above a statement of a function, at its indentation (inside the function's chunk). The
    bench's next write, the text without it and its code edited, is `code_edit` of `text`."""
    note = f"# edited for the fuzz ({rng.randrange(1000)})"
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        tree = None
    stmts = _function_statements(tree) if tree is not None else []
    if not stmts or rng.random() < 0.5:
        return (text if text.endswith("\n") else text + "\n") + f"\n{note}\n", "comment at the end"
    stmt, _ = rng.choice(stmts)
    at = _offsets(text)
    start = at[stmt.lineno]
    line = f"{_indent(text, at, stmt.lineno)}{note}\n"
    return text[:start] + line + text[start:], f"comment above {stmt.lineno}"

"""Deterministic mutations of fixture bytes: damage (flips, truncation, lost and doubled lines),
nesting and size (parentheses, `+` and attribute chains, huge literals, long lines), and the odd
encodings, escapes and whitespace real files have. Each takes the bytes and a seeded `Random`
and returns new bytes and a short note (the note goes into the case's description, so a
failure says what was done).

Sizes come from a profile: `ci` keeps every case fast on today's code, `deep` (long runs) adds
the sizes that take libcst minutes or crash it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

Mutator = Callable[[bytes, random.Random, str], tuple[bytes, str]]

SIZES: dict[str, dict[str, tuple[int, ...]]] = {
    "ci": {
        "parens": (20, 150, 300, 2500),
        "chain": (50, 400, 1000),
        "literal": (10, 70, 500),
        "line": (10_000, 200_000),
        "lines": (2_000,),
    },
    "deep": {
        "parens": (20, 150, 199, 200, 201, 300, 1000, 2500, 10_000, 100_000),
        "chain": (50, 400, 1000, 3000, 5000, 20_000, 50_000),
        "literal": (10, 64, 65, 70, 500, 5000, 50_000),
        "line": (10_000, 200_000, 2_000_000),
        "lines": (2_000, 100_000),
    },
}

INTERESTING = b"()[]{}\"'\\\n\r\t\x00\xff\xfe\x0c:#=+ .,\xc3\xe2\x80"


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _top_level_offsets(data: bytes) -> list[int]:
    """Byte offsets of lines that start at column 0 (plausible statement starts), and 0."""
    offsets = [0]
    pos = 0
    for line in _lines(data):
        pos += len(line)
        if pos < len(data) and data[pos : pos + 1] not in b" \t\r\n#)]}":
            offsets.append(pos)
    return offsets


def _insert_statement(data: bytes, rng: random.Random, stmt: bytes) -> bytes:
    """`stmt` (complete lines) inserted at a column-0 line start."""
    at = rng.choice(_top_level_offsets(data))
    if at and data[at - 1 : at] not in b"\n\r":
        stmt = b"\n" + stmt
    return data[:at] + stmt + b"\n" + data[at:]


def flip(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    if not data:
        return b"(", "flip empty"
    buf = bytearray(data)
    n = rng.randint(1, 8)
    for _ in range(n):
        i = rng.randrange(len(buf))
        buf[i] = rng.choice(INTERESTING) if rng.random() < 0.7 else rng.randrange(256)
    return bytes(buf), f"flip {n} bytes"


def truncate(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    at = rng.randint(0, len(data))
    return data[:at], f"truncate at {at}"


def _edit_lines(
    data: bytes, rng: random.Random, what: str, edit: Callable[[list[bytes], int, int], list[bytes]]
) -> tuple[bytes, str]:
    """`edit(lines, i, n)` on a random span of one to five lines."""
    lines = _lines(data)
    if not lines:
        return data, f"{what} nothing"
    i = rng.randrange(len(lines))
    n = rng.randint(1, 5)
    return b"".join(edit(lines, i, n)), f"{what} lines {i + 1}+{n}"


def delete_lines(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    return _edit_lines(data, rng, "delete", lambda ls, i, n: ls[:i] + ls[i + n :])


def duplicate_lines(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    return _edit_lines(
        data, rng, "duplicate", lambda ls, i, n: ls[: i + n] + ls[i : i + n] + ls[i + n :]
    )


def swap_lines(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    lines = _lines(data)
    if len(lines) < 2:
        return data, "swap nothing"
    i, j = sorted(rng.sample(range(len(lines)), 2))
    lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines), f"swap lines {i + 1},{j + 1}"


def _program(rng: random.Random) -> str:
    return rng.choice(["codex", "claude", "gemini"])


def _nested(rng: random.Random, profile: str) -> tuple[str, str]:
    """A deeply nested expression holding a program name."""
    n = rng.choice(SIZES[profile]["parens"])
    p = repr(_program(rng))
    shape = rng.choice(["parens", "lists", "calls", "unary", "not", "subscripts", "lambdas"])
    if shape == "parens":
        expr = "(" * n + p + ")" * n
    elif shape == "lists":
        expr = "[" * n + p + "]" * n
    elif shape == "calls":
        expr = "str(" * n + p + ")" * n
    elif shape == "unary":
        expr = "-" * n + "len(" + p + ")"
    elif shape == "not":
        expr = "not " * n + p + " or " + p
    elif shape == "subscripts":
        expr = "[" + p + "]" + "[0]" * n
    else:
        expr = "(lambda: " * n + p + ")()" * n
    return expr, f"{shape} x{n}"


def nest(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    expr, note = _nested(rng, profile)
    stmt = f"import subprocess as _fz_sp\n_fz_sp.run([{expr}])".encode()
    return _insert_statement(data, rng, stmt), f"nest {note}"


def chain(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    n = rng.choice(SIZES[profile]["chain"])
    p = _program(rng)
    kind = rng.choice(["plus", "attr", "call", "compare", "bool", "percent"])
    if kind == "plus":
        expr = f'"{p} " + ' + " + ".join(['"a"'] * n)
    elif kind == "attr":
        expr = "_fz_x" + ".b" * n
    elif kind == "call":
        expr = "_fz_f" + "()" * n
    elif kind == "compare":
        expr = " < ".join(["1"] * n) + f" and {p!r}"
    elif kind == "bool":
        expr = " or ".join(["None"] * n) + f" or {p!r}"
    else:
        expr = f'"{p} %s" % ' + " % ".join(['"a"'] * n)
    stmt = f"import os as _fz_os\n_fz_os.system({expr})".encode()
    return _insert_statement(data, rng, stmt), f"chain {kind} x{n}"


def big_literal(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    n = rng.choice(SIZES[profile]["literal"])
    p = _program(rng)
    items = [f"'k{i}': 'tool{i}'" for i in range(n)]
    items.insert(rng.randrange(n + 1), f"'kx': {p!r}")
    if rng.random() < 0.5:
        table = "{" + ", ".join(items) + "}"
        use = "_FZ_T[_fz_sys.argv[1]]"
    else:
        table = "[" + ", ".join(v.split(": ")[1] for v in items) + "]"
        use = "_FZ_T[int(_fz_sys.argv[1])]"
    stmt = f"import subprocess as _fz_sp, sys as _fz_sys\n_FZ_T = {table}\n_fz_sp.run([{use}])"
    return _insert_statement(data, rng, stmt.encode()), f"literal of {n} items"


def bad_escape(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    value = rng.choice(
        [rb'"C:\Users\Admin/.cache"', rb'"\N{NO SUCH NAME}"', rb'"\x4"', rb'b"\u1234\x"']
    )
    stmt = b"_FZ_P = " + value + b"\nimport subprocess as _fz_sp\n_fz_sp.run(['codex', _FZ_P])"
    return _insert_statement(data, rng, stmt), f"escape {value.decode()}"


def nul(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    at = rng.randint(0, len(data))
    return data[:at] + b"\x00" + data[at:], f"NUL at {at}"


def encoding(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    kind = rng.choice(
        ["bom", "double-bom", "latin1-cookie", "unknown-cookie", "bom-latin1-cookie", "utf16"]
    )
    text = data.decode("utf-8", errors="replace")
    if kind == "bom":
        return b"\xef\xbb\xbf" + data, kind
    if kind == "double-bom":
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data, kind
    if kind == "latin1-cookie":
        body = ("# -*- coding: latin-1 -*-\n# caf\xe9\n" + text).encode("latin-1", "replace")
        return body, kind
    if kind == "unknown-cookie":
        return b"# coding: fuzz-8\n" + data, kind
    if kind == "bom-latin1-cookie":
        return b"\xef\xbb\xbf# coding: latin-1\n" + data, kind
    return b"\xff\xfe" + text.encode("utf-16-le", "replace"), kind


def line_endings(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    kind = rng.choice(["crlf", "cr", "mixed", "trailing-backslash"])
    if kind == "crlf":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"), kind
    if kind == "cr":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r"), kind
    if kind == "mixed":
        lines = _lines(data)
        out = [ln.rstrip(b"\r\n") + rng.choice([b"\n", b"\r\n", b"\r"]) for ln in lines]
        return b"".join(out), kind
    return data.rstrip() + b"\\", kind


def whitespace(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    kind = rng.choice(["tabs", "formfeed", "mixed-indent", "vertical-tab"])
    lines = _lines(data)
    if not lines:
        return b"\t", kind
    picks = rng.sample(range(len(lines)), min(len(lines), rng.randint(1, 6)))
    for i in picks:
        if kind == "tabs":
            lines[i] = re.sub(rb"^( {4})+", lambda m: b"\t" * (len(m.group(0)) // 4), lines[i])
        elif kind == "formfeed":
            lines[i] = b"\x0c" + lines[i]
        elif kind == "mixed-indent":
            lines[i] = re.sub(rb"^ {4}", b"\t", lines[i])
        else:
            lines[i] = lines[i].replace(b" ", b"\x0b", 1)
    return b"".join(lines), kind


def long_line(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    n = rng.choice(SIZES[profile]["line"])
    p = _program(rng)
    stmt = f"import os as _fz_os\n_fz_os.system('{p} ' + '{'x' * n}')".encode()
    return _insert_statement(data, rng, stmt), f"line of {n} chars"


def many_lines(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    n = rng.choice(SIZES[profile]["lines"])
    filler = rng.choice([b"\n", b"_fz = 1\n", b"# codex\n", b"pass\n"])
    return _insert_statement(data, rng, filler * n), f"{n} lines of {filler!r}"


DAMAGE: tuple[Mutator, ...] = (flip, truncate, delete_lines, duplicate_lines, swap_lines, nul)
SHAPE: tuple[Mutator, ...] = (nest, chain, big_literal, long_line, many_lines)
TEXT: tuple[Mutator, ...] = (bad_escape, encoding, line_endings, whitespace)
ALL: tuple[Mutator, ...] = DAMAGE + SHAPE + TEXT


_COMMENTS = (b"# a note\n", b"\n", b"    # indented note: subprocess.run codex\n", b"\t\n", b"#\n")


def comment_lines(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, str]:
    """Comment and blank lines inserted or deleted, or a comment put at a line's end: an edit
    of a file's trivia where it lands between statements (and of its code where it lands
    inside a string or after a backslash: both must be told apart)."""
    lines = _lines(data)
    if not lines:
        return data, "comment lines: nothing"
    i = rng.randrange(len(lines) + 1)
    how = rng.choice(["insert", "delete", "trailing"])
    if how == "delete":
        trivia = [
            k
            for k, line in enumerate(lines)
            if line.strip() in (b"",) or line.lstrip().startswith(b"#")
        ]
        if not trivia:
            return data, "comment lines: none to delete"
        k = rng.choice(trivia)
        return b"".join(lines[:k] + lines[k + 1 :]), f"comment lines: line {k + 1} deleted"
    if how == "trailing" and i < len(lines) and lines[i].endswith(b"\n"):
        line = lines[i][:-1] + b"  # trailing note\n"
        return b"".join(
            [*lines[:i], line, *lines[i + 1 :]]
        ), f"comment lines: line {i + 1} ends in a comment"
    new = [rng.choice(_COMMENTS) for _ in range(rng.randint(1, 3))]
    return b"".join(lines[:i] + new + lines[i:]), f"comment lines: {len(new)} before line {i + 1}"


def mutate(data: bytes, rng: random.Random, profile: str) -> tuple[bytes, list[str]]:
    """One to three mutations, each group as likely as the others."""
    notes = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        group = rng.choice([DAMAGE, SHAPE, TEXT])
        data, note = rng.choice(group)(data, rng, profile)
        notes.append(note)
    return data, notes

"""Count the parses one run makes, by kind and caller, and the texts parsed more than once.

    python bench/parse_counts.py DIR [frontier-lint options ...]

Runs frontier-lint in this process on DIR (`--jobs 1 --no-cache` unless given otherwise) with
libcst's parse (`parsing.parse_module`), CPython's compile of the syntax checks
(`grammar._compile`) and the position parse (`parsing._ast_spans`'s `ast.parse`) wrapped: each
call is counted by what asked for it, with its CPU time, and a text parsed twice by the same
parser is counted as a repeat. A diagnostic for the parse budget, not part of the tool.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from frontier_lint import cli
from frontier_lint.frontend import grammar, parsing

_calls: Counter[tuple[str, str]] = Counter()
_seconds: defaultdict[tuple[str, str], float] = defaultdict(float)
_lines: Counter[tuple[str, str]] = Counter()
_seen: dict[str, Counter[str]] = defaultdict(Counter)  # parser -> text digest -> count
_size: dict[str, int] = {}  # text digest -> lines


_CHAIN = 2


def _asker(depth: int, skip: tuple[str, ...] = ()) -> str:
    """The first function up the stack (from `depth`) not named in `skip`."""
    frame = sys._getframe(depth)
    while frame is not None and frame.f_code.co_name in skip:
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return "?"
    name = frame.f_code.co_name
    # A method or statement parsed for a lookup: say whose (the attribute read, the call...).
    if name in ("member_def", "statements"):
        up = frame.f_back
        chain = []
        while up is not None and len(chain) < _CHAIN:
            if up.f_code.co_name not in ("get", "funcdef", "__getitem__", "<listcomp>"):
                chain.append(up.f_code.co_name)
            up = up.f_back
        name += "<-" + "<-".join(chain)
    return name


def _wrap(parser: str, real: Callable[..., Any], depth: int, skip: tuple[str, ...] = ()) -> Any:
    def counted(text: str, *args: Any, **kwargs: Any) -> Any:
        key = (parser, _asker(depth, skip))
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).digest()
        owner = sys._getframe(depth - 1).f_locals.get("self")
        path = getattr(owner, "path", "")
        _seen[parser][digest.hex()] += 1
        _size[digest.hex()] = text.count("\n") + 1
        _seen[parser + " same file"][path + digest.hex()] += 1
        _calls[key] += 1
        _lines[key] += text.count("\n") + 1
        t = time.process_time()
        try:
            return real(text, *args, **kwargs)
        finally:
            _seconds[key] += time.process_time() - t

    return counted


def main() -> None:
    root, rest = sys.argv[1], sys.argv[2:]
    parsing.parse_module = _wrap("libcst", parsing.parse_module, 2)  # type: ignore[assignment]
    grammar._compile = _wrap(
        "cpython-check", grammar._compile, 2, ("check", "rejection", "check_tree")
    )  # type: ignore[assignment]
    real_ast_parse = ast.parse

    def ast_parse(text: str, *args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1).f_code.co_name
        if caller == "_ast_spans":
            return positions(text, *args, **kwargs)
        return real_ast_parse(text, *args, **kwargs)

    positions = _wrap("cpython-positions", real_ast_parse, 3)
    ast.parse = ast_parse  # type: ignore[assignment]
    if "--jobs" not in rest:
        rest += ["--jobs", "1"]
    if "--no-cache" not in rest:
        rest.append("--no-cache")
    os.chdir(root)
    t = time.process_time()
    with contextlib.suppress(SystemExit):
        cli.main([".", "--format", "json", "--exit-zero", "--output", os.devnull, *rest])
    total = time.process_time() - t
    print(f"run CPU {total:.2f} s", file=sys.stderr)
    print(
        f"{'parser':<18} {'asked by':<34} {'calls':>7} {'lines':>9} {'CPU s':>7}", file=sys.stderr
    )
    for key, n in sorted(_calls.items(), key=lambda kv: -_seconds[kv[0]]):
        print(
            f"{key[0]:<18} {key[1]:<34} {n:>7} {_lines[key]:>9} {_seconds[key]:>7.2f}",
            file=sys.stderr,
        )
    for parser, seen in sorted(_seen.items()):
        repeats = sum(c - 1 for c in seen.values() if c > 1)
        lines = sum((c - 1) * _size[k[-24:]] for k, c in seen.items() if c > 1)
        print(
            f"{parser}: {len(seen)} distinct texts, {repeats} repeated parses ({lines} lines)",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()

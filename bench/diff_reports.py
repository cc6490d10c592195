"""Differences between two frontier-lint JSON reports of the same tree (before and after a change).

    python bench/diff_reports.py BEFORE.json AFTER.json

Prints the summary counts that changed, findings gone (-) and new (+) by path, line, column, rule
and program, unresolved sites gone and new, unresolved sites whose reason changed (~), and error
entries gone and new; then `same` or `DIFFERENT`. Exit status 1 when anything differs. Used to
check that a speed change leaves every verdict as it was, and to list what a trust change moved.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any


def _load(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def _finding(f: dict[str, Any]) -> tuple[Any, ...]:
    return (f["path"], f["line"], f["column"], f["rule"], f.get("program"))


def _site(u: dict[str, Any]) -> tuple[Any, ...]:
    return (u["path"], u["line"], u["column"])


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for k in sorted(set(a["summary"]) | set(b["summary"])):
        if k != "files" and a["summary"].get(k) != b["summary"].get(k):
            out.append(f"summary {k}: {a['summary'].get(k)} -> {b['summary'].get(k)}")
    fa, fb = Counter(map(_finding, a["findings"])), Counter(map(_finding, b["findings"]))
    out += [f"- finding {k}" for k in sorted((fa - fb).elements())]
    out += [f"+ finding {k}" for k in sorted((fb - fa).elements())]
    ua = {_site(u): u["reason"] for u in a["unresolved"]}
    ub = {_site(u): u["reason"] for u in b["unresolved"]}
    out += [f"- unresolved {k} {ua[k]}" for k in sorted(set(ua) - set(ub))]
    out += [f"+ unresolved {k} {ub[k]}" for k in sorted(set(ub) - set(ua))]
    out += [
        f"~ reason {k} {ua[k]!r} -> {ub[k]!r}" for k in sorted(set(ua) & set(ub)) if ua[k] != ub[k]
    ]
    ea = Counter((e["path"], e["message"]) for e in a.get("errors", []))
    eb = Counter((e["path"], e["message"]) for e in b.get("errors", []))
    out += [f"- error {k}" for k in sorted((ea - eb).elements())]
    out += [f"+ error {k}" for k in sorted((eb - ea).elements())]
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    lines = differences(_load(argv[0]), _load(argv[1]))
    print("\n".join([*lines, "DIFFERENT" if lines else "same"]))
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""List the candidate launch sites of an unpacked package, as a checklist for hand labelling.

    python bench/recall/sites.py ROOT [--include GLOB ...] [--json]

Independent of frontier-lint's engine on purpose (a labeller must not see the tool's verdicts):
CPython's `ast`, the import aliases of each file, and the sink names of `rules/default.yaml`.
A call is listed when its dotted name, with the file's import aliases applied, is a catalogue
sink (`sink`), or when it merely looks like one (`maybe`: `x.Popen(...)`, `which(...)` on an
object whose type `ast` cannot know). The labeller reads the code around every line; wrapper
callers are found by reading, not by this list.

A file this interpreter's `ast` cannot parse (Python 3.12 syntax under 3.11: `type X = ...`,
PEP 695 generics, PEP 701 f-strings) is listed as `skipped` with the parser's message, never
dropped: its sites are not in the checklist, so the labeller reads it by hand or runs this with
a newer interpreter; the exit status is then 1. (`score.py` counts such files per package.)
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
# Method names that look like a launch on an object of unknown type.
_LOOKALIKE = {
    "Popen",
    "check_output",
    "check_call",
    "create_subprocess_exec",
    "create_subprocess_shell",
    "subprocess_exec",  # an event loop's (`loop.subprocess_exec`, session 20: unified-cli)
    "subprocess_shell",
    "run_process",
    "open_process",
    "which",
    "spawn",
    "execvp",
    "execv",
    "execvpe",
    "StdioServerParameters",
    "MCPServerStdio",
    "StdioServerParams",
    "StdioTransport",
}


@dataclass(frozen=True, order=True)
class Site:
    """One checklist entry: a candidate call, or a file this interpreter could not parse."""

    path: str
    line: int
    call: str
    kind: str  # "sink" | "maybe" | "skipped" (`call` then holds the parser's message)


def sink_names(rules: Path) -> set[str]:
    data = yaml.safe_load(rules.read_text(encoding="utf-8"))
    return {s["call"] for s in data.get("sinks", [])}


def _dotted(node: ast.expr) -> list[str] | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


def _aliases(tree: ast.AST, package: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    out[a.asname] = a.name
                else:
                    head = a.name.split(".")[0]
                    out.setdefault(head, head)
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:
                mod = f"{package}.{mod}" if mod else package
            for a in node.names:
                out[a.asname or a.name] = f"{mod}.{a.name}" if mod else a.name
    return out


def included(root: Path, includes: list[str] | None) -> list[tuple[str, Path]]:
    """The package's `*.py` files a label set's `include` globs name (all when it has none)."""
    out = []
    for file in sorted(root.rglob("*.py")):
        rel = file.relative_to(root).as_posix()
        if includes and not any(fnmatch.fnmatch(rel, g) for g in includes):
            continue
        out.append((rel, file))
    return out


def unparsed(file: Path, rel: str) -> Site | None:
    """`file` as a `skipped` entry when this interpreter's `ast` rejects it, else None."""
    try:
        ast.parse(file.read_bytes(), filename=rel)
    except (SyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", None) or 0
        why = f"not parsed by Python {sys.version_info[0]}.{sys.version_info[1]}: {exc}"
        return Site(rel, line, why, "skipped")
    return None


def scan(root: Path, includes: list[str], sinks: set[str]) -> list[Site]:
    sites: list[Site] = []
    for rel, file in included(root, includes):
        try:
            tree = ast.parse(file.read_bytes(), filename=rel)
        except (SyntaxError, ValueError):
            # Said, not dropped: its launches would be missing from the checklist unseen.
            skipped = unparsed(file, rel)
            assert skipped is not None
            sites.append(skipped)
            continue
        aliases = _aliases(tree, rel.split("/")[0])
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.IfExp):
                # `(subprocess.check_call if check else subprocess.call)(argv)`: either branch.
                branches = [_dotted(b) for b in (node.func.body, node.func.orelse)]
                names = [
                    ".".join([aliases.get(b[0], b[0]), *b[1:]]) for b in branches if b is not None
                ]
                if any(n in sinks for n in names):
                    sites.append(Site(rel, node.lineno, " | ".join(names), "sink"))
                continue
            parts = _dotted(node.func)
            if parts is None:
                if isinstance(node.func, ast.Attribute) and node.func.attr in _LOOKALIKE:
                    sites.append(Site(rel, node.lineno, f"?.{node.func.attr}", "maybe"))
                continue
            head = aliases.get(parts[0], parts[0])
            name = ".".join([head, *parts[1:]])
            if name in sinks:
                sites.append(Site(rel, node.lineno, name, "sink"))
            elif parts[-1] in _LOOKALIKE or name.split(".")[-1] in _LOOKALIKE:
                sites.append(Site(rel, node.lineno, name, "maybe"))
    return sorted(set(sites))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path)
    ap.add_argument("--include", action="append", default=[])
    ap.add_argument("--rules", type=Path, default=REPO / "rules" / "default.yaml")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    sites = scan(args.root, args.include, sink_names(args.rules))
    if args.json:
        json.dump([asdict(s) for s in sites], sys.stdout, indent=1)
        print()
    else:
        for s in sites:
            print(f"{s.path}:{s.line}: {s.kind} {s.call}")
    skipped = [s for s in sites if s.kind == "skipped"]
    for s in skipped:
        print(f"sites.py: {s.path} skipped, its sites are not listed ({s.call})", file=sys.stderr)
    return 1 if skipped else 0


if __name__ == "__main__":
    sys.exit(main())

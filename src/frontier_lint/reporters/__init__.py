"""Output formats. Each module turns a `Report` into text; none of them decides the exit code.

`render` is the one entry point the command line uses. The shared pieces live here: which items
fail the gate (findings, file errors and, with `--strict`, unresolved sites, all as findings of a
rule so every format can show them the same way), rule lookup, and colour detection.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO

from frontier_lint.findings import VIOLATION, FileError, Finding, Report
from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.policy.baseline import BaselineRun, fingerprint_all, fingerprinted
from frontier_lint.policy.meta_rules import (
    FILE_ERROR,
    all_rules,
    find_rule,
    format_message,
    unresolved_finding,
)
from frontier_lint.scan.fileio import DEFAULT_MAX_FILE_SIZE, ReadError, read_regular
from frontier_lint.settings.catalogue import Catalogue, Rule

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit")
TOOL_NAME = "frontier-lint"

LineReader = Callable[[str], "list[str] | None"]


def read_file_lines(path: str) -> list[str] | None:
    """Default source reader: `path` relative to the working directory; None when unreadable
    (or not a regular file, or oversized: never a hang)."""
    try:
        data, _ = read_regular(path, DEFAULT_MAX_FILE_SIZE)
    except ReadError:
        return None
    return data.decode("utf-8", errors="replace").splitlines()


@dataclass(frozen=True)
class Context:
    """What every reporter gets besides the report."""

    catalogue: Catalogue
    color: bool
    show_source: bool
    show_hidden: bool
    strict: bool
    read_lines: LineReader
    quiet: bool = False  # the findings only: no summary line, no notes
    # Root-relative path -> the path to print (text, github, gitlab: relative to the working
    # directory); the machine formats keep the contract's root-relative paths.
    display_path: Callable[[str], str] = str

    def path(self, path: str) -> str:
        return self.display_path(path)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return all_rules(self.catalogue)

    def rule(self, rule_id: str) -> Rule | None:
        return find_rule(self.catalogue, rule_id)


def render(
    report: Report,
    fmt: str,
    *,
    catalogue: Catalogue,
    color: bool = False,
    show_source: bool = False,
    show_hidden: bool = False,
    strict: bool = False,
    read_lines: LineReader = read_file_lines,
    quiet: bool = False,
    display_path: Callable[[str], str] | None = None,
) -> str:
    """The report in format `fmt` (one of FORMATS), ending with a newline."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    import importlib

    ctx = Context(
        catalogue=catalogue,
        color=color,
        show_source=show_source,
        show_hidden=show_hidden,
        strict=strict,
        read_lines=_cached(read_lines),
        quiet=quiet,
        display_path=display_path or str,
    )
    report = fingerprinted(report)
    # Only the format asked for is imported (junit pulls in xml.etree: a cost on every run).
    module = importlib.import_module(f"frontier_lint.reporters.{fmt}")
    out = printable(module.render(report, ctx), json=fmt in ("json", "sarif", "gitlab"))
    return out if not out or out.endswith("\n") else out + "\n"  # -q on a clean run: nothing


# A file name that is not UTF-8 reaches us with its bytes as lone surrogates (Python's
# surrogateescape), which no output encoding accepts.
_SURROGATE = lazy_compile("[\ud800-\udfff]")


def printable(text: str, *, json: bool = False) -> str:
    """`text` with such bytes written as `\\xNN`, as Python shows them (`b\\xffd.py`). In JSON
    the backslash is escaped, so the document stays valid and parses to that same text."""
    if _SURROGATE.search(text) is None:
        return text
    slash = "\\\\" if json else "\\"

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if 0xDC80 <= code <= 0xDCFF:
            return f"{slash}x{code - 0xDC00:02x}"
        return f"{slash}u{code:04x}"

    return _SURROGATE.sub(escape, text)


def _cached(read: LineReader) -> LineReader:
    cache: dict[str, list[str] | None] = {}

    def get(path: str) -> list[str] | None:
        if path not in cache:
            cache[path] = read(path)
        return cache[path]

    return get


def error_finding(e: FileError) -> Finding:
    return Finding(
        rule=FILE_ERROR,
        path=e.path,
        line=e.line,
        column=e.column,
        end_line=e.line,
        end_column=e.column,
        program=None,
        sink=None,
        message=format_message(FILE_ERROR, e.message),
        call_text=e.message,
    )


def gate_items(report: Report, strict: bool) -> list[Finding]:
    """Everything that fails the gate, as findings, in (path, line, column, rule) order."""
    items = list(report.findings)
    items += [error_finding(e) for e in report.errors]
    if strict:
        items += fingerprint_all([unresolved_finding(u) for u in report.unresolved])
    items = [f if f.fingerprint else fingerprint_all([f])[0] for f in items]
    return sorted(items, key=lambda f: f.sort_key)


def hidden_items(report: Report, ctx: Context) -> list[Finding]:
    if not ctx.show_hidden:
        return []
    return sorted((f for f in report.hidden if f.status != VIOLATION), key=lambda f: f.sort_key)


def baseline_info(report: Report) -> BaselineRun | None:
    """What the CLI recorded about the baseline run (`Report.extra["baseline"]`), if any."""
    return report.extra.get("baseline")


def resolve_color(choice: str, stream: IO[str] | None = None) -> bool:
    """`--color auto|always|never`: auto means a terminal, unless NO_COLOR is set (no-color.org)."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def render_rule_list(catalogue: Catalogue, fmt: str = "text") -> str:
    """`--list-rules`: every rule of the pack and the tool's own, with its one-line summary."""
    import json as _json

    rules = all_rules(catalogue)
    if fmt == "json":
        return _json.dumps([_rule_json(r) for r in rules], indent=2) + "\n"
    width = max(len(r.name) for r in rules)
    lines = [f"{r.id:<6} {r.name:<{width}}  {r.summary}".rstrip() for r in rules]
    return "\n".join(lines) + "\n"


def render_explain(rule: Rule, fmt: str = "text") -> str:
    """`--explain RULE`: the rule's documentation, like `ruff rule CODE`."""
    import json as _json

    if fmt == "json":
        return _json.dumps(_rule_json(rule), indent=2) + "\n"
    parts = [f"# {rule.name} ({rule.id})", ""]
    if rule.summary:
        parts += [rule.summary, ""]
    if rule.programs:
        parts += [f"Programs: {', '.join(sorted(rule.programs))}", ""]
    parts.append(rule.doc.strip() or "(no documentation)")
    return "\n".join(parts) + "\n"


def _rule_json(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.id,
        "name": rule.name,
        "summary": rule.summary,
        "programs": sorted(rule.programs),
        "npm_packages": dict(sorted(rule.npm_packages.items())),
        "repositories": dict(sorted(rule.repositories.items())),
        "kinds": sorted(rule.kinds),
        "doc": rule.doc,
    }


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def summary_line(report: Report, *, baselined: int = 0) -> str:
    """The last line of text output: counts and time."""
    s = report.summary
    parts = [
        plural(s.launch_sites, "launch site"),
        plural(s.violations, "violation"),
        f"{s.unresolved} unresolved",
        f"{s.allowed} allowed",
        f"{s.suppressed} suppressed",
    ]
    if baselined:
        parts.append(f"{baselined} baselined")
    if s.parse_errors:
        parts.append(plural(s.parse_errors, "file error"))
    return f"Checked {plural(s.files, 'file')} in {report.elapsed:.2f}s: " + ", ".join(parts)


def render_statistics(report: Report, catalogue: Catalogue, fmt: str, strict: bool) -> str:
    """`--statistics`: how many findings each rule has (what fails the gate), most first, like
    `ruff check --statistics`; JSON with `--output-format json`."""
    import json as _json
    from collections import Counter

    counts = Counter(f.rule for f in gate_items(report, strict))
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    names = {r.id: r.name for r in all_rules(catalogue)}
    if fmt == "json":
        data = [{"code": code, "name": names.get(code, ""), "count": n} for code, n in rows]
        return _json.dumps(data, indent=2) + "\n"
    if not rows:
        return ""
    width = len(str(rows[0][1]))
    return "".join(f"{n:>{width}}\t{code}\t{names.get(code, '')}\n" for code, n in rows)


def count_baselined(report: Report) -> int:
    info = baseline_info(report)
    if info and isinstance(info.get("baselined"), int):
        return int(info["baselined"])
    return sum(1 for f in report.hidden if f.status == "baselined")


__all__: Sequence[str] = (
    "FORMATS",
    "Context",
    "read_file_lines",
    "render",
    "render_explain",
    "render_rule_list",
    "render_statistics",
    "resolve_color",
    "unresolved_finding",  # the language server shows unresolved sites as reporters do
)

"""`--format github`: GitHub Actions workflow commands, one per finding, shown as annotations.

    ::error title=...,file=...,line=...,col=...,endLine=...,endColumn=...::message

Paths are relative to the working directory, which GitHub resolves against the repository root:
run frontier-lint from the repository root for the annotations to land on the right files.
Violations are errors; unresolved sites (with `--strict`) warnings; hidden findings notices.
"""

from __future__ import annotations

from frontier_lint.findings import VIOLATION, Finding, Report
from frontier_lint.policy.meta_rules import UNRESOLVED_LAUNCH_SITE
from frontier_lint.reporters import (
    Context,
    count_baselined,
    gate_items,
    hidden_items,
    summary_line,
)


def render(report: Report, ctx: Context) -> str:
    items = gate_items(report, ctx.strict) + hidden_items(report, ctx)
    items.sort(key=lambda f: f.sort_key)
    out = [_command(f, ctx) for f in items]
    if not ctx.quiet:
        # A plain line (not a command) ends up in the log only.
        out.append(summary_line(report, baselined=count_baselined(report)))
    return "\n".join(out) + "\n" if out else ""


def _command(f: Finding, ctx: Context) -> str:
    # An unresolved site (FL200, listed with --strict) is a warning: the gate fails on it, but
    # it says "could not see", not "launches a forbidden program".
    if f.status != VIOLATION:
        level = "notice"
    else:
        level = "warning" if f.rule == UNRESOLVED_LAUNCH_SITE else "error"
    rule = ctx.rule(f.rule)
    title = f"frontier-lint {f.rule}" + (f" ({rule.name})" if rule else "")
    if f.status != VIOLATION:
        title += f" [{f.status}]"
    props = [("title", title), ("file", ctx.path(f.path))]
    props += [("line", str(f.line)), ("col", str(f.column))]
    if f.end_line >= f.line and f.end_column >= 1:
        props += [("endLine", str(f.end_line)), ("endColumn", str(f.end_column))]
    body = [f.message]
    if f.note and f.status != VIOLATION:
        body.append(f"reason: {f.note}")
    body += [f"  {ctx.path(h.path)}:{h.line}:{h.column}: {h.note}" for h in f.trace]
    prop_text = ",".join(f"{k}={_escape_property(v)}" for k, v in props)
    return f"::{level} {prop_text}::{_escape_data(chr(10).join(body))}"


def _escape_data(text: str) -> str:
    # The runner's own escaping (toolkit/core command.ts): % first, then line breaks.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")

"""`--format text`: `path:line:col: RULE message`, the trace indented below, counts last.

On a terminal the command line turns on colour and the source excerpt with a caret (ruff's
"full" style); in a log or a pipe the output stays one grep-able line per finding plus its trace.
"""

from __future__ import annotations

from frontier_lint.findings import ALLOWED, BASELINED, SUPPRESSED, Finding, Report
from frontier_lint.reporters import (
    Context,
    baseline_info,
    count_baselined,
    gate_items,
    hidden_items,
    plural,
    summary_line,
)

_RESET = "\x1b[0m"
_STYLES = {
    "path": "\x1b[1m",
    "rule": "\x1b[1;31m",
    "meta": "\x1b[1;33m",
    "dim": "\x1b[2m",
    "caret": "\x1b[1;31m",
    "gutter": "\x1b[34m",
    "tag": "\x1b[36m",
    "summary": "\x1b[1m",
}
_TAGS = {SUPPRESSED: "suppressed", ALLOWED: "allowed", BASELINED: "baselined"}


def render(report: Report, ctx: Context) -> str:
    def paint(style: str, text: str) -> str:
        return f"{_STYLES[style]}{text}{_RESET}" if ctx.color and text else text

    items = [(f, False) for f in gate_items(report, ctx.strict)]
    items += [(f, True) for f in hidden_items(report, ctx)]
    items.sort(key=lambda item: item[0].sort_key)
    out: list[str] = []
    for f, hidden in items:
        out.extend(_finding(f, hidden, ctx, paint))
    if ctx.quiet:
        return "\n".join(out) + "\n" if out else ""
    if report.unresolved and not ctx.strict:
        out.append(
            f"note: {plural(len(report.unresolved), 'launch site')} could not be resolved "
            "(--strict lists them and fails on them)"
        )
    info = baseline_info(report)
    stale = list(info.get("stale") or []) if info else []
    if stale:
        out.append(
            f"note: {plural(len(stale), 'baseline entry', 'baseline entries')} in "
            f"{info.get('path') if info else ''} "
            f"{'matches' if len(stale) == 1 else 'match'} no violation any more; "
            "remove with --prune-baseline:"
        )
        for e in stale:
            where = f" in {e.function}" if e.function else ""
            program = f" `{e.program}`" if e.program else ""
            out.append(f"    {ctx.path(e.path)}: {e.rule}{program}{where}: {e.call}".rstrip(": "))
    out.append(paint("summary", summary_line(report, baselined=count_baselined(report))))
    return "\n".join(out) + "\n"


def _finding(f: Finding, hidden: bool, ctx: Context, paint) -> list[str]:  # type: ignore[no-untyped-def]
    sep = paint("dim", ":")
    rule_style = "rule" if f.program else "meta"
    head = f"{paint('path', ctx.path(f.path))}{sep}{f.line}{sep}{f.column}{sep} "
    head += f"{paint(rule_style, f.rule)} "
    if hidden:
        tag = _TAGS.get(f.status, f.status)
        head += paint("tag", f"[{tag}{': ' + f.note if f.note else ''}]") + " "
    # Reported in a run on some files for a flow through them: which, and their hops marked.
    via = paint("tag", f" (via {', '.join(map(ctx.path, f.via))})") if f.via else ""
    lines = [head + f.message + via]
    if ctx.show_source:
        lines.extend(_source(f, ctx, paint))
    for hop in f.trace:
        mark = "  > " if hop.path in f.via else "    "
        lines.append(
            paint("dim", f"{mark}{ctx.path(hop.path)}:{hop.line}:{hop.column}: {hop.note}")
        )
    return lines


def _source(f: Finding, ctx: Context, paint) -> list[str]:  # type: ignore[no-untyped-def]
    """The finding's first line with a caret under the call, like ruff's full output."""
    lines = ctx.read_lines(f.path)
    if not lines or not 1 <= f.line <= len(lines):
        return []
    src = lines[f.line - 1].expandtabs(1)  # one column per tab keeps the caret aligned
    start = max(f.column - 1, 0)
    if f.end_line == f.line and f.end_column > f.column:
        end = min(f.end_column - 1, len(src))
    else:
        end = len(src.rstrip())  # a multi-line call: underline to the end of its first line
    width = max(end - start, 1)
    number = str(f.line)
    pad = " " * len(number)
    bar = paint("gutter", "|")
    return [
        f"{pad} {bar}",
        f"{paint('gutter', number)} {bar} {src}",
        f"{pad} {bar} {' ' * start}{paint('caret', '^' * width)}",
        f"{pad} {bar}",
    ]

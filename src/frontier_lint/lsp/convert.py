"""From the engine's findings to LSP values: diagnostics, positions, and the suppression quick fix.

Pure functions over `lsprotocol` types (installed with pygls by the `lsp` extra); no server state.

Positions: the engine reports 1-based lines and 1-based columns counted in code points; LSP wants
0-based lines and columns in the negotiated position encoding (UTF-16 unless the client offers
another), so every column is converted against the text of its line.
"""

from __future__ import annotations

import io
import tokenize
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lsprotocol import types as lsp

from frontier_lint.findings import Finding, Hop
from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.policy.meta_rules import UNUSED_SUPPRESSION
from frontier_lint.policy.suppressions import PLACEHOLDER_REASON

SOURCE = "frontier-lint"
UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"

# Lines of a file (without line ends), or None when it cannot be read.
LineSource = Callable[[str], "Sequence[str] | None"]


def client_column(line: str | None, column0: int, encoding: str) -> int:
    """A 0-based code-point column of `line` as a column in the client's position encoding."""
    if line is None or column0 <= 0:
        return max(column0, 0)
    head = line[:column0]
    if encoding == UTF32 or head.isascii():
        return column0 if column0 <= len(line) else len(head) + (column0 - len(line))
    if encoding == UTF8:
        return len(head.encode("utf-8", "surrogatepass"))
    return len(head.encode("utf-16-le", "surrogatepass")) // 2


def server_column(line: str, column: int, encoding: str) -> int:
    """The inverse of `client_column`: a client column of `line` as a code-point index."""
    if encoding == UTF32 or line.isascii():
        return min(column, len(line))
    units = 0
    for index, ch in enumerate(line):
        if units >= column:
            return index
        if encoding == UTF8:
            units += len(ch.encode("utf-8", "surrogatepass"))
        else:
            units += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


def _line(lines: Sequence[str] | None, line0: int) -> str | None:
    if lines is None or not 0 <= line0 < len(lines):
        return None
    return lines[line0]


def position(lines: Sequence[str] | None, line: int, column: int, encoding: str) -> lsp.Position:
    """The LSP position of a 1-based engine (line, column)."""
    line0 = max(line - 1, 0)
    return lsp.Position(
        line=line0, character=client_column(_line(lines, line0), column - 1, encoding)
    )


def finding_range(f: Finding, lines: Sequence[str] | None, encoding: str) -> lsp.Range:
    start = position(lines, f.line, f.column, encoding)
    if f.end_line >= f.line and (f.end_line, f.end_column) > (f.line, f.column):
        end = position(lines, f.end_line, f.end_column, encoding)
    else:
        # No extent (a file error, an unresolved site without an end): to the end of the line.
        text = _line(lines, start.line)
        end_char = client_column(text, len(text), encoding) if text is not None else 0
        end = lsp.Position(line=start.line, character=max(end_char, start.character + 1))
    return lsp.Range(start=start, end=end)


def to_diagnostic(
    f: Finding,
    lines: Sequence[str] | None,
    encoding: str,
    uri_for: Callable[[str], str],
    hop_lines: LineSource,
) -> lsp.Diagnostic:
    """One finding as a diagnostic: rule id, message, the call's range, the trace as hops."""
    related = [_related(hop, hop.note, encoding, uri_for, hop_lines) for hop in f.trace]
    rng = finding_range(f, lines, encoding)
    return lsp.Diagnostic(
        range=rng,
        message=f.message,
        severity=lsp.DiagnosticSeverity.Error,
        code=f.rule,
        source=SOURCE,
        related_information=related or None,
        tags=[lsp.DiagnosticTag.Unnecessary] if f.rule == UNUSED_SUPPRESSION else None,
        # What the quick fix needs, so that it does not have to re-run the analysis.
        data={
            "rule": f.rule,
            "program": f.program,
            "line": f.line - 1,
            "end_line": max(f.end_line, f.line) - 1,
        },
    )


def flow_diagnostic(
    f: Finding,
    here: str,
    lines: Sequence[str] | None,
    encoding: str,
    uri_for: Callable[[str], str],
    hop_lines: LineSource,
) -> lsp.Diagnostic:
    """A finding located in another file, shown on the document `here` its flow passes
    through: at its first trace hop in `here` (line 1 when it passes through only as what the
    finding's file reads, with no hop of its own), pointing at the launch and the other hops.
    No quick fix: a suppression belongs at the launch."""
    at = next((h for h in f.trace if h.path == here), None)
    start = position(lines, at.line if at else 1, at.column if at else 1, encoding)
    text = _line(lines, start.line)
    end_char = client_column(text, len(text), encoding) if text is not None else 0
    end = lsp.Position(line=start.line, character=max(end_char, start.character + 1))
    where = f"{f.path}:{f.line}"
    if f.program is not None:
        message = f"`{f.program}` reaches {f.sink} at {where} ({f.rule})"
    else:
        message = f"unresolved launch at {where}: {f.message} ({f.rule})"
    related = [_related(f, f.message, encoding, uri_for, hop_lines)]
    related += [
        _related(hop, hop.note, encoding, uri_for, hop_lines)
        for hop in f.trace
        # Not the diagnostic's own place, nor the launch (first).
        if hop is not at and (hop.path, hop.line) != (f.path, f.line)
    ]
    return lsp.Diagnostic(
        range=lsp.Range(start=start, end=end),
        message=message,
        severity=lsp.DiagnosticSeverity.Error,
        code=f.rule,
        source=SOURCE,
        related_information=related,
        data={"rule": f.rule, "flow": f.path, "line": f.line - 1},
    )


def _related(
    at: Finding | Hop,
    message: str,
    encoding: str,
    uri_for: Callable[[str], str],
    hop_lines: LineSource,
) -> lsp.DiagnosticRelatedInformation:
    """A place a diagnostic points at: a hop of a trace, or a finding's launch."""
    start = position(hop_lines(at.path), at.line, at.column, encoding)
    location = lsp.Location(uri=uri_for(at.path), range=lsp.Range(start, start))
    return lsp.DiagnosticRelatedInformation(location=location, message=message)


# --------------------------------------------------------------------------- the quick fix

_DIRECTIVE = lazy_compile(r"#\s*frontier-lint:\s*allow\s*\[(?P<targets>[^\]]*)\]")


@dataclass(frozen=True)
class _LineInfo:
    """A line's comment, and whether a comment may end the line."""

    comment_start: int | None  # code-point column of the line's comment token, if any
    comment: str  # its text
    commentable: bool  # a comment can be appended at the end of the line


def _line_infos(text: str, wanted: set[int]) -> dict[int, _LineInfo]:
    """For each 0-based line in `wanted`: its comment, and whether a comment may end it.

    A comment cannot go at the end of a line that continues inside a string literal (a
    triple-quoted string, an f-string spread over lines) or with a backslash.
    """
    lines = text.split("\n")
    comments: dict[int, tuple[int, str]] = {}
    inside_string: set[int] = set()
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT:
                comments[tok.start[0] - 1] = (tok.start[1], tok.string)
            elif tok.start[0] != tok.end[0] and tok.type in (
                tokenize.STRING,
                getattr(tokenize, "FSTRING_MIDDLE", -1),
            ):
                inside_string.update(range(tok.start[0] - 1, tok.end[0] - 1))
    except (tokenize.TokenError, SyntaxError):
        pass  # an unfinished buffer: what was read so far is still right
    out: dict[int, _LineInfo] = {}
    for line0 in wanted:
        if not 0 <= line0 < len(lines):
            continue
        start, comment = comments.get(line0, (None, ""))
        body = lines[line0].rstrip("\r")
        code = body if start is None else body[:start]
        ok = line0 not in inside_string and not code.rstrip().endswith("\\")
        out[line0] = _LineInfo(start, comment, ok)
    return out


def suppression_edit(
    text: str, first: int, last: int, target: str, encoding: str
) -> lsp.TextEdit | None:
    """A text edit that suppresses `target` (a program or rule id) for a call on lines
    `first`..`last` (0-based); None when the target is already there or no line can take it.

    The comment goes on the call's first line, else its last (the lines the suppression grammar
    reads). An existing `frontier-lint: allow[...]` comment there gets the target added to its
    list; otherwise `# frontier-lint: allow[TARGET] -- TODO: <why this launch is acceptable>` is
    appended, after any other comment (the directive must come last: its reason runs to the end
    of the comment). The reason is `suppressions.PLACEHOLDER_REASON`: FL102 until a person
    replaces it.
    """
    lines = text.split("\n")
    infos = _line_infos(text, {first, last})
    for line0 in dict.fromkeys((first, last)):
        info = infos.get(line0)
        if info is None:
            continue
        body = lines[line0].rstrip("\r")
        if info.comment_start is not None:
            m = _DIRECTIVE.search(info.comment)
            if m is not None:
                present = {t.strip().lower() for t in m.group("targets").split(",") if t.strip()}
                if target.lower() in present:
                    return None  # already there: the finding is not this comment's to fix
                inner = m.group("targets")
                col = info.comment_start + m.end("targets")
                insert = f", {target}" if inner.strip() else target
                pos = lsp.Position(line0, client_column(body, col, encoding))
                return lsp.TextEdit(range=lsp.Range(pos, pos), new_text=insert)
        if not info.commentable:
            continue
        directive = f"# frontier-lint: allow[{target}] -- {PLACEHOLDER_REASON}"
        end = len(body.rstrip())
        insert = "  " + directive
        # Replace trailing whitespace too, so the result is what a formatter would keep.
        start_pos = lsp.Position(line0, client_column(body, end, encoding))
        end_pos = lsp.Position(line0, client_column(body, len(body), encoding))
        return lsp.TextEdit(range=lsp.Range(start_pos, end_pos), new_text=insert)
    return None


def quick_fixes(
    uri: str,
    text: str,
    diagnostics: Sequence[lsp.Diagnostic],
    encoding: str,
    lookup: Callable[[lsp.Diagnostic], dict[str, object] | None],
) -> list[lsp.CodeAction]:
    """`Suppress … here` actions for the frontier-lint diagnostics among `diagnostics`.

    `lookup` recovers a diagnostic's data (rule, program, lines) when the client did not send the
    `data` field back.
    """
    actions: list[lsp.CodeAction] = []
    seen: set[tuple[int, str]] = set()
    for diag in diagnostics:
        if diag.source != SOURCE:
            continue
        data = diag.data if isinstance(diag.data, dict) else lookup(diag)
        if not data:
            continue
        program = data.get("program")
        if not program:
            continue  # reports about suppressions, file errors: nothing to suppress
        target = str(program)
        # The range as the client sends it back (editors move diagnostics along with edits
        # made since they were published); `data` gives the call's extent in lines.
        first = diag.range.start.line
        span = _int(data.get("end_line"), first) - _int(data.get("line"), first)
        last = first + max(span, 0)
        if (first, target) in seen:
            continue
        seen.add((first, target))
        edit = suppression_edit(text, first, last, target, encoding)
        if edit is None:
            continue
        actions.append(
            lsp.CodeAction(
                title=f"Suppress `{target}` here (frontier-lint: allow[{target}])",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diag],
                is_preferred=True,
                edit=lsp.WorkspaceEdit(changes={uri: [edit]}),
            )
        )
    return actions


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default

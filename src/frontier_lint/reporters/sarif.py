"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; the driver declares every rule (pack and meta) with its documentation as help text, so a
viewer can tell "ran and found nothing" from "not run". Each result has its primary location, a
`codeFlows` entry built from the trace, and `partialFingerprints` from the baseline fingerprint
(line-independent, so code scanning keeps an alert's identity when code moves). Hidden findings
appear only with `--show-suppressed`, carrying SARIF `suppressions` (inSource for a comment,
external for the allowlist and the baseline): some consumers ignore `suppressions` and would
open them as alerts, so an upload for code scanning should not pass that flag.
"""

from __future__ import annotations

import json as _json
from typing import Any
from urllib.parse import quote

from frontier_lint import __version__
from frontier_lint.findings import ALLOWED, BASELINED, SUPPRESSED, VIOLATION, Finding, Report
from frontier_lint.policy.meta_rules import FILE_ERROR
from frontier_lint.reporters import TOOL_NAME, Context, gate_items, hidden_items
from frontier_lint.settings.catalogue import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/frontier-lint/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "frontierLint/v1"


def render(report: Report, ctx: Context) -> str:
    return _json.dumps(document(report, ctx), indent=2, ensure_ascii=False) + "\n"


def document(report: Report, ctx: Context) -> dict[str, Any]:
    rules = ctx.rules
    index = {r.id: i for i, r in enumerate(rules)}
    results = [_result(f, index) for f in gate_items(report, ctx.strict)]
    results += [_result(f, index) for f in hidden_items(report, ctx)]
    results.sort(key=_result_order)
    notifications = [
        {
            "level": "error",
            "message": {"text": e.message},
            "locations": [_location(e.path, e.line, e.column, 0, 0)],
            "descriptor": {"id": FILE_ERROR},
        }
        for e in sorted(report.errors, key=lambda e: e.sort_key)
    ]
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(r) for r in rules],
                    }
                },
                "invocations": [invocation],
                # libcst columns count code points, not UTF-16 units.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _rule(rule: Rule) -> dict[str, Any]:
    doc = rule.doc.strip() or rule.summary
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": _what_it_does(rule) or rule.summary or rule.name},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": "error"},
        "properties": {
            "tags": ["frontier-lint", *sorted(rule.programs)],
            "precision": "high",
            "problem.severity": "error",
        },
    }


def _what_it_does(rule: Rule) -> str:
    """The paragraph under `## What it does` in the rule's doc, as one line."""
    lines = rule.doc.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "## What it does") + 1
    except StopIteration:
        return ""
    para: list[str] = []
    for line in lines[start:]:
        if line.startswith("#") or (not line.strip() and para):
            break
        if line.strip():
            para.append(line.strip())
    return " ".join(para)


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": "error" if f.status == VIOLATION else "note",
        "message": {"text": f.message},
        "locations": [_location(f.path, f.line, f.column, f.end_line, f.end_column)],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
    }
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    if f.trace:
        steps = [
            {
                "location": {
                    **_location(h.path, h.line, h.column, 0, 0),
                    "message": {"text": h.note},
                }
            }
            for h in f.trace
        ]
        result["codeFlows"] = [{"threadFlows": [{"locations": steps}]}]
    suppression = _suppression(f)
    if suppression is not None:
        result["suppressions"] = [suppression]
    props = {k: v for k, v in (("program", f.program), ("sink", f.sink)) if v}
    if props:
        result["properties"] = props
    return result


def _suppression(f: Finding) -> dict[str, Any] | None:
    if f.status == SUPPRESSED:
        out: dict[str, Any] = {"kind": "inSource", "status": "accepted"}
    elif f.status in (ALLOWED, BASELINED):
        out = {"kind": "external", "status": "accepted"}
    else:
        return None
    if f.note:
        out["justification"] = f.note
    return out


def _location(path: str, line: int, column: int, end_line: int, end_column: int) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": max(line, 1), "startColumn": max(column, 1)}
    if end_line >= line and end_column >= 1 and (end_line, end_column) > (line, column):
        region["endLine"] = end_line
        region["endColumn"] = end_column
    return {
        "physicalLocation": {
            # Relative to the project root; %SRCROOT% lets a consumer resolve it (code scanning
            # resolves it against the checkout).
            # The file name's bytes, percent-encoded (also those of a name that is not UTF-8).
            "artifactLocation": {
                "uri": quote(path.encode("utf-8", "surrogateescape"), safe="/"),
                "uriBaseId": SRCROOT,
            },
            "region": region,
        }
    }


def _result_order(result: dict[str, Any]) -> tuple[str, int, int, str]:
    loc = result["locations"][0]["physicalLocation"]
    region = loc["region"]
    return (
        loc["artifactLocation"]["uri"],
        region["startLine"],
        region["startColumn"],
        result["ruleId"],
    )

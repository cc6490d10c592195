"""`--format junit`: JUnit XML for CI systems (GitLab, Jenkins, Azure, CircleCI...).

One `testsuite` per file with findings and one failing `testcase` per finding; file errors are
`error`s. A clean run has one passing test case so the CI shows a green check rather than "no
tests". Hidden findings (with `--show-suppressed`) are `skipped` test cases.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from frontier_lint.findings import VIOLATION, Finding, Report
from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.policy.meta_rules import FILE_ERROR
from frontier_lint.reporters import TOOL_NAME, Context, gate_items, hidden_items

# Characters XML 1.0 cannot carry even escaped.
_INVALID_XML = lazy_compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def render(report: Report, ctx: Context) -> str:
    items = gate_items(report, ctx.strict) + hidden_items(report, ctx)
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in sorted(items, key=lambda f: f.sort_key):
        by_path[f.path].append(f)
    elapsed = f"{report.elapsed:.3f}"
    root = ET.Element("testsuites", name=TOOL_NAME, time=elapsed)
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if not by_path:
        suite = ET.SubElement(root, "testsuite", name=TOOL_NAME, time=elapsed)
        ET.SubElement(suite, "testcase", classname=TOOL_NAME, name="no violations", time="0")
        _count(suite, {"tests": 1, "failures": 0, "errors": 0, "skipped": 0}, totals)
    for path, findings in by_path.items():
        suite = ET.SubElement(root, "testsuite", name=_clean(path), time="0")
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for f in findings:
            counts["tests"] += 1
            case = ET.SubElement(
                suite,
                "testcase",
                classname=_classname(path),
                name=_clean(" ".join(filter(None, (f.rule, f.program, f"at {f.line}:{f.column}")))),
                file=_clean(path),
                line=str(f.line),
                time="0",
            )
            detail = "\n".join(
                [f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}"]
                + [f"    {h.path}:{h.line}:{h.column}: {h.note}" for h in f.trace]
            )
            if f.status != VIOLATION:
                counts["skipped"] += 1
                note = f"{f.status}: {f.note}" if f.note else f.status
                ET.SubElement(case, "skipped", message=_clean(note))
                continue
            kind = "error" if f.rule == FILE_ERROR else "failure"
            counts["errors" if kind == "error" else "failures"] += 1
            element = ET.SubElement(case, kind, message=_clean(f.message), type=f.rule)
            element.text = _clean(detail)
        _count(suite, counts, totals)
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _count(suite: ET.Element, counts: dict[str, int], totals: dict[str, int]) -> None:
    for key, value in counts.items():
        suite.set(key, str(value))
        totals[key] += value


def _classname(path: str) -> str:
    # Dotted like a module so JUnit viewers group by package: app/runtime/x.py -> app.runtime.x
    stem = path[:-3] if path.endswith(".py") else path
    return _clean(stem.replace("/", "."))

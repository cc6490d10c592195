"""Inline suppression comments: `# frontier-lint: allow[codex, FL002] -- installer path`.

Grammar (one directive per comment, anywhere in it after a `#`):

    # frontier-lint: allow[TARGET, ...] -- REASON

- TARGET is a rule id (upper-case letters then digits: `FL001`) or a program name (`codex`).
  At least one is required: the blanket forms `allow` and `allow[]` are rejected (FL100).
- The reason is everything after the first `--` following `]`, to the end of the comment. The
  `--` is what makes it unambiguous where the target list stops and the reason starts; any other
  text after `]` is an error rather than a guess.
- A comment on the first line of a finding's call (or on its last line, where formatters tend to
  leave a trailing comment when they split a call) suppresses the findings there whose rule or
  program it names.
- A reason that is a placeholder (`is_placeholder`: what the language server's quick fix writes,
  a leading `TODO`/`FIXME`/`XXX`/`TBD`, "explain why ...", a `<template slot>`, nothing but
  punctuation) counts as no reason: FL102 until a person writes one.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from frontier_lint.findings import SUPPRESSED, VIOLATION, Finding
from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.policy.meta_rules import (
    INVALID_SUPPRESSION,
    SUPPRESSION_WITHOUT_REASON,
    UNUSED_SUPPRESSION,
    format_message,
)

MARKER = "frontier-lint:"
# `#` then optional spaces then the marker: "# see frontier-lint: docs" is prose, not a directive.
_DIRECTIVE = lazy_compile(r"#\s*frontier-lint:\s*(?P<body>.*)$")
_ALLOW = lazy_compile(r"allow\s*\[(?P<targets>[^\]]*)\](?P<rest>.*)$", re.DOTALL)
_RULE_ID = lazy_compile(r"[A-Z]{2,}[0-9]{3,}")
_PROGRAM = lazy_compile(r"[A-Za-z0-9][A-Za-z0-9._+-]*")
# Words that read like "everything": refused like the blanket form instead of becoming a program.
_BLANKET_WORDS = frozenset({"all", "any", "everything", "*"})
# Reports about suppressions are never suppressed themselves (FL200, an unresolved site, is).
_REPORT_IDS = frozenset({INVALID_SUPPRESSION, UNUSED_SUPPRESSION, SUPPRESSION_WITHOUT_REASON})

# The reason the language server's quick fix writes: obviously unfinished, and FL102 until
# replaced (a suppression must say why a person judged the launch acceptable).
PLACEHOLDER_REASON = "TODO: <why this launch is acceptable>"
_PLACEHOLDER_LEAD = lazy_compile(r"(?:todo|fixme|xxx|tbd)\b|explain why\b", re.IGNORECASE)
_TEMPLATE_SLOT = lazy_compile(r"<[^<>]*>")
_NO_WORDS = lazy_compile(r"[\W_]*")


def is_placeholder(reason: str) -> bool:
    """Whether a suppression's reason is a placeholder rather than a reason a person wrote.

    The one definition: what the quick fix inserts; a reason that starts with `TODO`, `FIXME`,
    `XXX` or `TBD` (alone or leading: "TODO: later", "TBD"), or with "explain why" (the
    instruction instead of its answer); a `<template slot>` left as it is; nothing but
    punctuation ("...", "-"); nothing at all. A marker later in the text ("installer path; TODO
    remove in 2.0") leaves a reason.
    """
    text = reason.strip()
    return (
        text.casefold() == PLACEHOLDER_REASON.casefold()
        or _NO_WORDS.fullmatch(text) is not None
        or _PLACEHOLDER_LEAD.match(text) is not None
        or _TEMPLATE_SLOT.fullmatch(text) is not None
    )


@dataclass(frozen=True)
class Suppression:
    """An inline `frontier-lint: allow[...]` directive."""

    path: str
    line: int
    column: int  # 1-based column of the `#` that starts the directive
    rules: frozenset[str]
    programs: frozenset[str]  # lower-case
    reason: str | None
    end_column: int = 0  # exclusive end of the comment, 1-based
    text: str = ""  # the directive as written, for messages
    placeholder: bool = False  # `reason` is a placeholder (`is_placeholder`): no reason yet

    @property
    def targets(self) -> frozenset[str]:
        return self.rules | self.programs

    def matches(self, finding: Finding) -> frozenset[str]:
        """The targets of this comment that name `finding` (empty when it does not apply)."""
        hit = set()
        if finding.rule in self.rules:
            hit.add(finding.rule)
        if finding.program and finding.program.lower() in self.programs:
            hit.add(finding.program.lower())
        return frozenset(hit)


def scan(
    text: str,
    path: str,
    *,
    known_rules: Collection[str] | None = None,
    known_programs: Collection[str] | None = None,
) -> tuple[list[Suppression], list[Finding]]:
    """The suppression comments of one file, and FL100 findings for malformed or blanket ones.

    With `known_rules` / `known_programs`, a target naming neither is reported as invalid (a typo
    such as `allow[codx]` would otherwise only show up as an unused suppression).
    """
    if MARKER not in text:  # the common case: no tokenizing at all
        return [], []
    sups: list[Suppression] = []
    errors: list[Finding] = []
    for line, col, comment in _comments(text):
        m = _DIRECTIVE.search(comment)
        if m is None:
            continue
        column = col + m.start() + 1
        end_column = col + len(comment) + 1
        directive = comment[m.start() :].rstrip()
        sup, problem = _parse(m.group("body").strip(), known_rules, known_programs)

        def report(
            detail: str, line: int = line, column: int = column, end: int = end_column
        ) -> None:
            errors.append(
                Finding(
                    rule=INVALID_SUPPRESSION,
                    path=path,
                    line=line,
                    column=column,
                    end_line=line,
                    end_column=end,
                    program=None,
                    sink=None,
                    message=format_message(INVALID_SUPPRESSION, detail),
                )
            )

        if problem:
            report(problem)
        if sup is not None:
            rules, programs, reason = sup
            sups.append(
                Suppression(
                    path=path,
                    line=line,
                    column=column,
                    rules=rules,
                    programs=programs,
                    reason=reason,
                    end_column=end_column,
                    text=directive,
                    placeholder=reason is not None and is_placeholder(reason),
                )
            )
    return sups, errors


def _comments(text: str) -> list[tuple[int, int, str]]:
    """(line, 0-based column, text) of every comment token: never the inside of a string."""
    out: list[tuple[int, int, str]] = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT:
                out.append((tok.start[0], tok.start[1], tok.string))
    except (tokenize.TokenError, SyntaxError):
        # A file that does not tokenize will not parse either (the engine reports it); the
        # comments before the error are still worth checking.
        pass
    return out


def _parse(
    body: str,
    known_rules: Collection[str] | None,
    known_programs: Collection[str] | None,
) -> tuple[tuple[frozenset[str], frozenset[str], str | None] | None, str | None]:
    """(rules, programs, reason) or None, and a problem to report (both may be set)."""
    usage = "expected `allow[RULE-OR-PROGRAM, ...] -- reason`"
    if not body:
        return None, usage
    m = _ALLOW.match(body)
    if m is None:
        word = body.split("[", 1)[0].split()[0] if body.split() else body
        if word == "allow":
            return None, (
                "a blanket `allow` is not accepted: name the rules or programs, "
                "e.g. `allow[codex] -- reason`"
            )
        return None, f"unknown directive `{word}`: {usage}"
    raw = [t.strip() for t in m.group("targets").split(",")]
    raw = [t for t in raw if t]
    if not raw:
        return None, "a blanket `allow[]` is not accepted: name the rules or programs it allows"
    rules: set[str] = set()
    programs: set[str] = set()
    bad: list[str] = []
    for target in raw:
        if target.lower() in _BLANKET_WORDS:
            return None, f"`{target}` is a blanket target: name the rules or programs it allows"
        if _RULE_ID.fullmatch(target):
            if known_rules is not None and target not in known_rules:
                bad.append(f"unknown rule `{target}`")
            else:
                rules.add(target)
        elif _PROGRAM.fullmatch(target):
            name = target.lower()
            if known_programs is not None and name not in {p.lower() for p in known_programs}:
                bad.append(f"unknown program `{target}`")
            else:
                programs.add(name)
        else:
            bad.append(f"`{target}` is neither a rule id nor a program name")
    rest = m.group("rest").strip()
    reason: str | None = None
    problem = "; ".join(bad) if bad else None
    if rest:
        if not rest.startswith("--"):
            # Refuse to guess: `allow[codex] installer` might be a reason or a mistyped target.
            return None, f"text after `]` must start with `--` before the reason, found `{rest}`"
        reason = rest[2:].strip() or None
    if not rules and not programs:
        return None, problem or usage
    return (frozenset(rules), frozenset(programs), reason), problem


def apply(
    findings: Sequence[Finding],
    suppressions: Mapping[str, Sequence[Suppression]],
    *,
    require_reason: bool = True,
) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """Split `findings` into (kept, suppressed) and report unused and reasonless suppressions.

    `suppressions` maps a path to the comments scanned in it; pass only the files whose findings
    are in `findings` (a file that was not analysed would make all its comments look unused).
    Reports about suppressions (FL1xx) are never suppressed themselves.
    """
    by_line: dict[tuple[str, int], list[Suppression]] = defaultdict(list)
    for path, sups in suppressions.items():
        for s in sups:
            by_line[(path, s.line)].append(s)
    used: dict[Suppression, set[str]] = defaultdict(set)
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    for f in findings:
        if f.status != VIOLATION or f.rule in _REPORT_IDS:
            kept.append(f)
            continue
        lines = (f.line,) if f.end_line in (0, f.line) else (f.line, f.end_line)
        reason: str | None = None
        hit = False
        for line in lines:
            for s in by_line.get((f.path, line), ()):
                targets = s.matches(f)
                if targets:
                    used[s] |= targets
                    if not hit:
                        hit, reason = True, s.reason
        if hit:
            suppressed.append(replace(f, status=SUPPRESSED, note=reason or ""))
        else:
            kept.append(f)
    reports: list[Finding] = []
    for path in sorted(suppressions):
        for s in sorted(suppressions[path], key=lambda s: (s.line, s.column)):
            unused = sorted(s.targets - used.get(s, set()))
            if unused:
                names = ", ".join(f"`{t}`" for t in unused)
                if len(unused) == len(s.targets):
                    detail = f"nothing on this line matches {names}"
                else:
                    detail = f"{names} in the list matches nothing on this line"
                reports.append(_report(s, UNUSED_SUPPRESSION, detail))
            if require_reason and (s.reason is None or s.placeholder):
                listed = ", ".join(sorted(s.rules) + sorted(s.programs))
                if s.reason is None:
                    detail = f"add `-- why this launch is acceptable` after `allow[{listed}]`"
                else:
                    detail = (
                        f"`{s.reason}` is a placeholder: replace it with why this launch is "
                        "acceptable"
                    )
                reports.append(_report(s, SUPPRESSION_WITHOUT_REASON, detail))
    reports.sort(key=lambda f: f.sort_key)
    return kept, suppressed, reports


def _report(s: Suppression, rule_id: str, detail: str) -> Finding:
    return Finding(
        rule=rule_id,
        path=s.path,
        line=s.line,
        column=s.column,
        end_line=s.line,
        end_column=s.end_column or s.column + 1,
        program=None,
        sink=None,
        message=format_message(rule_id, detail),
        # Line-independent identity for the baseline and SARIF: the comment text.
        call_text=s.text,
    )

"""Rules about the run itself: suppression comments, unresolved sites in strict mode, bad files.

The pack's rules (FL001, FL002) are data in `rules/default.yaml`; these are the tool's own and live
in code because the engine, not a pack, decides when they fire. They are `Rule` objects so that
`--list-rules`, `--explain` and the SARIF rule metadata treat both kinds alike.
"""

from __future__ import annotations

from frontier_lint.findings import Finding, Unresolved
from frontier_lint.settings.catalogue import Catalogue, Rule

INVALID_SUPPRESSION = "FL100"
UNUSED_SUPPRESSION = "FL101"
SUPPRESSION_WITHOUT_REASON = "FL102"
UNRESOLVED_LAUNCH_SITE = "FL200"
FILE_ERROR = "FL201"


def _meta(rule_id: str, name: str, summary: str, message: str, doc: str) -> Rule:
    # Meta rules name no program and apply to no sink kind: the engine raises them directly.
    return Rule(
        id=rule_id,
        name=name,
        summary=summary,
        message=message,
        kinds=frozenset(),
        programs=frozenset(),
        npm_packages={},
        doc=doc.strip("\n") + "\n",
    )


META_RULES: tuple[Rule, ...] = (
    _meta(
        INVALID_SUPPRESSION,
        "invalid-suppression",
        "A `frontier-lint:` comment that cannot be read, or that names no rule or program.",
        "invalid suppression comment: {detail}",
        """
## What it does
Checks every comment that contains `frontier-lint:` and reports those that do not follow the
grammar `# frontier-lint: allow[TARGET, ...] -- reason`, where each TARGET is a rule id (`FL001`)
or a program name (`codex`).

## Why is this bad?
A comment that is meant to suppress a finding but does not parse suppresses nothing, so the author
believes a line is excused when it is not (or the other way round after a later edit). A blanket
form such as `# frontier-lint: allow` or `allow[]` would silence every present and future rule on
the line, which is exactly how a forbidden launch slips back in; it is therefore not accepted.

## Example
```python
subprocess.run(["codex", "exec", prompt])  # frontier-lint: allow
subprocess.run(["codex", "exec", prompt])  # frontier-lint: allow[codex] installer path
```

Use instead:
```python
subprocess.run(["codex", "exec", prompt])  # frontier-lint: allow[codex] -- installer path
```
""",
    ),
    _meta(
        UNUSED_SUPPRESSION,
        "unused-suppression",
        "A suppression comment (or one of its targets) that suppresses nothing.",
        "unused suppression: {detail}",
        """
## What it does
Reports a `# frontier-lint: allow[...]` comment when no finding on its line matches one of the
rules or programs it names. Each unused target is listed, so `allow[codex, gemini]` on a line that
only launches `codex` is reported for `gemini`.

## Why is this bad?
Suppressions rot: the launch they excused is removed or rewritten, but the comment stays and would
silently excuse a different launch added to the same line later. Reporting them keeps every
suppression tied to a finding that exists today (like ruff's `RUF100` for `# noqa`).

## Example
```python
subprocess.run(["git", "status"])  # frontier-lint: allow[codex] -- installer path
```

## How to fix
Delete the comment, or the unused target from its list.
""",
    ),
    _meta(
        SUPPRESSION_WITHOUT_REASON,
        "suppression-without-reason",
        "A suppression comment that does not say why the launch is acceptable.",
        "suppression without a reason: {detail}",
        """
## What it does
Reports a suppression comment that has no `-- reason` after its target list, or whose reason is a
placeholder: one that starts with `TODO`, `FIXME`, `XXX` or `TBD` (the language server's quick fix
writes `TODO: <why this launch is acceptable>`), or with "explain why", a `<template slot>` left
as it is, or nothing but punctuation. The finding it names is still suppressed; the comment itself
is reported until a person writes the reason.

## Why is this bad?
A forbidden launch in the frontier runtime is an exception that someone has to review. The reason
is what lets a reviewer (and the next maintainer) judge whether the exception still holds.

## Example
```python
subprocess.run(["codex", "exec", prompt])  # frontier-lint: allow[codex]
subprocess.run(["codex", "exec", prompt])  # frontier-lint: allow[codex] -- TODO: <why ...>
```

Use instead:
```python
subprocess.run(["codex", "exec", prompt])  # frontier-lint: allow[codex] -- installer, removed in 2.0
```

## Options
On by default; `require_reason: false` in the configuration turns it off.
""",
    ),
    _meta(
        UNRESOLVED_LAUNCH_SITE,
        "unresolved-launch-site",
        "A launch site whose program could not be determined (fails the gate with `--strict`).",
        "{sink}: {detail}",
        """
## What it does
Lists launch sites in the frontier runtime whose program the analysis could not pin down, with the
reason it stopped (the value comes from `sys.argv`, an unknown function, a dynamic attribute...).
They are always counted in the summary; with `--strict` they are reported and fail the gate.

## Why is this bad?
A hard gate that cannot see which program a launch starts has no evidence that it is not a
forbidden one. `--strict` turns "insufficient evidence" into a failure instead of a pass.

## Example
```python
def run(cmd: list[str]) -> None:
    subprocess.run(cmd)  # `cmd` comes from outside the project

run(sys.argv[1:])
```

## How to fix
Make the program visible to the analysis (a constant, a literal, a configuration default), or move
the launch out of the frontier runtime. A program read from the environment
(`os.getenv("GIT_BIN", "git")`) is resolved once the configuration declares what the variable may
hold (`env: {GIT_BIN: [git]}`). A site that stays unresolved on purpose can be excused with a
reason: `# frontier-lint: allow[FL200] -- why`, or an allow entry with `rules: [FL200]` and a
`reason`.
""",
    ),
    _meta(
        FILE_ERROR,
        "file-error",
        "A file in the frontier runtime could not be read or parsed (the gate fails closed).",
        "{detail}",
        """
## What it does
Reports a file selected for analysis that could not be read or parsed as Python: a syntax or
encoding error, no permission to read it, not a regular file, or larger than `max-file-size`;
and a directory in the report scope that could not be listed.

## Why is this bad?
Nothing is known about a file that was not analysed, so the gate fails rather than pass it
unchecked.

## How to fix
Fix the syntax error or the encoding or the permissions, raise `max-file-size` for a large
generated module, or exclude the file from the frontier runtime.
""",
    ),
)

_BY_ID = {r.id: r for r in META_RULES}


def meta_rule(rule_id: str) -> Rule | None:
    return _BY_ID.get(rule_id)


def all_rules(catalogue: Catalogue) -> tuple[Rule, ...]:
    """The pack's rules followed by the meta rules, each id once (a pack cannot shadow a meta id)."""
    pack = tuple(r for r in catalogue.rules if r.id not in _BY_ID)
    return pack + META_RULES


def find_rule(catalogue: Catalogue, rule_id: str) -> Rule | None:
    """Look a rule up by id (case-insensitive) or by name, in the pack and the meta rules."""
    wanted = rule_id.strip()
    for rule in all_rules(catalogue):
        if wanted.upper() == rule.id.upper() or wanted == rule.name:
            return rule
    return None


def format_message(rule_id: str, detail: str, *, sink: str = "") -> str:
    rule = _BY_ID[rule_id]
    return rule.message.format(detail=detail, sink=sink)


def unresolved_finding(u: Unresolved) -> Finding:
    """An unresolved launch site as a finding of FL200 (what --strict reports and what a
    suppression or an allow entry naming FL200 excuses)."""
    return Finding(
        rule=UNRESOLVED_LAUNCH_SITE,
        path=u.path,
        line=u.line,
        column=u.column,
        end_line=u.end_line or u.line,
        end_column=u.end_column or u.column,
        program=None,
        sink=u.sink,
        message=format_message(UNRESOLVED_LAUNCH_SITE, u.reason, sink=u.sink),
        call_text=f"{u.sink}: {u.reason}",
        via=u.via,
    )

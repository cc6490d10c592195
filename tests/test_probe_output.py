"""What a launched program prints (`lazy.output_of`, `models.processes`): the path a probe
prints names the program it looks for; anything else stays unknown, with a reason."""

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.lazy import output_of, redo_on
from frontier_lint.dataflow.models.processes import method
from frontier_lint.dataflow.refs import OutputRef, OutputStage
from frontier_lint.dataflow.values import Param, Seq, Splat, Str, Value, hole_reason, seq, string


def argv(*words: str) -> Value:
    return seq([string(w) for w in words])


def text(v: Value) -> str | None:
    return v.text if isinstance(v, Str) else None


def test_a_probe_prints_the_path_of_what_it_looks_for() -> None:
    assert text(output_of(argv("which", "claude"), OutputStage.TEXT)) == "claude"
    assert text(output_of(argv("/usr/bin/which", "codex"), OutputStage.TEXT)) == "codex"
    assert text(output_of(argv("command", "-v", "gemini"), OutputStage.TEXT)) == "gemini"
    assert text(output_of(argv("where.exe", "claude"), OutputStage.TEXT)) == "claude"


def test_other_output_is_unknown_with_a_reason() -> None:
    for words in (("npm", "prefix", "-g"), ("which", "-a", "claude"), ("which",)):
        got = output_of(argv(*words), OutputStage.TEXT)
        assert "\x00" in (text(got) or ""), words
        assert "prints is not known" in hole_reason(got)
    unpacked = seq([string("which"), Splat(trace=(), inner=Param(trace=(), func=F, name="x"))])
    assert isinstance(output_of(unpacked, OutputStage.TEXT), OutputRef)  # waits for callers


F = FuncId("m.py", "run")


def test_an_argv_waiting_for_a_parameter_is_read_once_filled_in() -> None:
    pending = output_of(Param(trace=(), func=F, name="cmd"), OutputStage.PIPE)
    assert isinstance(pending, OutputRef)
    line = method(pending, "readline")
    assert isinstance(line, OutputRef) and line.stage is OutputStage.TEXT
    assert text(redo_on(line, argv("which", "claude"))) == "claude"


def test_splitting_the_output_keeps_the_first_line() -> None:
    lines = method(
        OutputRef(trace=(), stage=OutputStage.TEXT, args=(argv("which", "x"),)), "splitlines"
    )
    assert isinstance(lines, Seq) and text(lines.items[0]) == "x"

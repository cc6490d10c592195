"""What a launched program prints, as far as it names a program: the result of a launch
(`subprocess.Popen`, `run`, `check_output`, asyncio's `create_subprocess_exec`), its stdout
pipe, and the text read from it.

A path probe run as a program (`which claude`, `command -v claude`, `where claude`) prints the
path of the program it looks for, as `shutil.which("claude")` returns it: an argv starting with
that text (`.stdout.strip()`, `.decode().strip()`, `.splitlines()[0]`, a line read from the
pipe) launches that program. What any other program prints is not known (fail closed: a launch
of it is unresolved, with that reason).
"""

from __future__ import annotations

from frontier_lint.dataflow.lazy import output_of
from frontier_lint.dataflow.refs import OutputRef, OutputStage
from frontier_lint.dataflow.values import Splat, Value, seq, unknown

# What each launch call gives: a process (its stdout a pipe), a completed run (its stdout the
# captured text), or the captured text itself.
LAUNCH_RESULTS: dict[str, OutputStage] = {
    "subprocess.Popen": OutputStage.PROCESS,
    "asyncio.create_subprocess_exec": OutputStage.PROCESS,
    "anyio.open_process": OutputStage.PROCESS,
    "trio.lowlevel.open_process": OutputStage.PROCESS,
    "subprocess.run": OutputStage.COMPLETED,
    "anyio.run_process": OutputStage.COMPLETED,
    "trio.run_process": OutputStage.COMPLETED,
    "subprocess.check_output": OutputStage.TEXT,
}

# Methods of printed text (str or bytes) that keep the path it holds.
_TEXT_KEEPING = frozenset(("decode", "strip", "rstrip", "lstrip", "removesuffix"))
# Methods that read text out of a pipe.
_PIPE_READS = frozenset(("read", "readline"))
# Methods that split text into lines (or words): the first is the path.
_LINE_SPLITS = frozenset(("splitlines", "split", "readlines"))


def attribute(ref: OutputRef, attr: str) -> Value | None:
    """`proc.stdout` of a launch's result; None where `attr` is a method (`calls.call_bound`
    calls it through `method`)."""
    if attr == "stdout" and ref.stage is OutputStage.PROCESS:
        return output_of(ref.operand, OutputStage.PIPE, ref.trace)
    if attr == "stdout" and ref.stage is OutputStage.COMPLETED:
        return output_of(ref.operand, OutputStage.TEXT, ref.trace)
    if ref.stage in (OutputStage.PIPE, OutputStage.TEXT) or attr == "communicate":
        return None
    return unknown(f"{attr} of a launched process")


def method(ref: OutputRef, meth: str) -> Value:
    """`text.strip()`, `pipe.readline()`, `proc.communicate()` of a launch's result."""
    stage = ref.stage
    if meth == "communicate" and stage is OutputStage.PROCESS:
        text = output_of(ref.operand, OutputStage.TEXT, ref.trace)
        return seq([text, unknown("what a launched program writes to stderr")])
    if (stage is OutputStage.TEXT and meth in _TEXT_KEEPING) or (
        stage is OutputStage.PIPE and meth in _PIPE_READS
    ):
        return output_of(ref.operand, OutputStage.TEXT, ref.trace)
    if meth in _LINE_SPLITS and stage in (OutputStage.TEXT, OutputStage.PIPE):
        first = output_of(ref.operand, OutputStage.TEXT, ref.trace)
        return seq([first, Splat(trace=(), inner=unknown("more lines of a program's output"))])
    return unknown(f"result of .{meth}() of a launched program's output")


def line_of(ref: OutputRef) -> Value | None:
    """A line read by iterating over a pipe (`for line in proc.stdout`); None for another
    stage."""
    if ref.stage is OutputStage.PIPE:
        return output_of(ref.operand, OutputStage.TEXT, ref.trace)
    return None

"""Launch sites: a call of a sink of the rule pack becomes a `SinkEvent`.

The program value a launch receives (its argv, command line, program path, or what a launch
configuration names), and how it is read (`SinkForm`: an argv, a shell command line, either under
an unknown `shell=` flag); the event goes to the classifier (`verdict`), and what stays open for
parameters is forwarded to the function's callers. Each function takes the frame.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

import libcst as cst

from frontier_lint.dataflow.lazy import (
    argument,
    drop_first,
    has_lazy,
    is_absent,
    items_as_program_only,
    iter_params,
    pick_alternatives,
    program_params,
    split_words,
    substitute,
)
from frontier_lint.dataflow.models.configured import configured_form, launch_configurations
from frontier_lint.dataflow.models.launches import as_launched, launch_site
from frontier_lint.dataflow.receivers import has_own_param, through_own_base_inits
from frontier_lint.dataflow.summaries import SinkEvent, SinkForm
from frontier_lint.dataflow.values import (
    HOLE,
    MAX_ALTERNATIVES,
    PARAM,
    Concat,
    Const,
    DictV,
    Param,
    ParamKind,
    Seq,
    Splat,
    Str,
    Value,
    alt,
    has_param,
    hole_reason,
    options,
    seq,
    seq_concat,
    string,
    unknown,
)
from frontier_lint.frontend.parsing import SiteRef
from frontier_lint.matching.programs import Stdin
from frontier_lint.settings.catalogue import SinkSpec

if TYPE_CHECKING:
    from frontier_lint.dataflow.ids import FuncId
    from frontier_lint.dataflow.interpret.frame import Frame


def sink(
    f: Frame, spec: SinkSpec, node: cst.Call, pos: list[Value], kws: dict[str, Value]
) -> Value | None:
    """Record the launch; return the argv it runs, when it runs one (not a command line)."""
    configured = launch_configurations(f, spec, pos, kws) if spec.config is not None else None
    if spec.config is not None and configured is None:
        return None  # no configuration that starts a process (none passed, URL servers only)
    site = launch_site(f, node)
    shell: Value = Const(trace=(), value=False)
    if spec.shell and spec.shell in kws:
        shell = kws[spec.shell]
    rest = _rest_of_argv(f, spec, pos, kws)
    unpacked: Value | None = None
    value: Value | None
    form: SinkForm
    if configured is not None:
        value, form = configured, configured_form(spec)
    elif spec.program is not None:
        value, form = string(spec.program), SinkForm.PROGRAM  # the one hop says so (below)
    elif spec.command is not None:
        value, form = argument(spec.command.pos, spec.command.kw, pos, kws), SinkForm.SHELL
    elif spec.path is not None:
        value, form = argument(spec.path.pos, spec.path.kw, pos, kws), SinkForm.PROGRAM
        unpacked = _unpacked_argv(spec, pos)
        if value is not None and rest is not None:
            # The program runs with the rest of its argv: `os.execv("/bin/sh", ["sh", "-c",
            # "codex"])` starts what the shell is told to.
            value, form = seq([value, Splat(trace=(), inner=rest)]), SinkForm.ARGV
    else:
        assert spec.argv is not None
        value = argument(spec.argv.pos, spec.argv.kw, pos, kws)
        form = SinkForm.SPLIT if spec.split else SinkForm.ARGV
        if value is not None and rest is not None and spec.split:
            words = split_words(value, "shlex")
            value, form = seq_concat(words, rest), SinkForm.ARGV
        truth = _truth(shell)
        exe = kws.get(spec.executable) if spec.executable else None
        if truth is True and exe is not None and value is not None and _never_none(exe):
            # `shell=True, executable=X` runs `X -c LINE` (X replaces `/bin/sh`): the line is
            # what X is told to run, and X itself the program (`executable="codex"`).
            line: Value = Splat(trace=(), inner=value) if isinstance(value, Seq) else value
            value, form = seq([exe, string("-c"), line]), SinkForm.ARGV
        elif truth is True:
            form = SinkForm.SHELL_ARGV
        elif truth is None:
            form = SinkForm.MAYBE_SHELL
        elif spec.executable and spec.executable in kws:
            exe = kws[spec.executable]
            if not all(isinstance(o, Const) and o.value is None for o in options(exe)):
                if value is not None and _never_none(exe):
                    # (`executable=X` runs X with the argv's other items: `["sh", "-c",
                    # "codex"], executable="/bin/bash"` runs `bash -c codex`.)
                    rest = Splat(trace=(), inner=drop_first(value))
                    value, form = seq([exe, rest]), SinkForm.ARGV
                else:
                    value, form = exe, SinkForm.PROGRAM
    if value is None:
        value = unknown("the program argument is missing")
    value = as_launched(f, value)
    event = SinkEvent(
        sink=spec.call,
        kind=spec.kind,
        form=form,
        value=value,
        stdin=_stdin(f, spec, pos, kws),
        site=site,
        after=(
            f.hop(node, f"{spec.call} runs `{spec.program}`" + _in_code(f))
            if spec.program is not None
            else f.hop(node, f"reaches {spec.call}" + _in_code(f)),
        ),
    )
    emit(f, event, site)
    if unpacked is not None:
        # The whole unpacked list judged as well: what the program alone leaves out (`bash -c
        # LINE`, `tmux new -d LINE`) is read there, while the program alone keeps what a
        # caller fills in only for the program (a subclass's default passed up).
        emit(f, replace(event, form=SinkForm.ARGV, value=as_launched(f, unpacked)), site)
    if f.environ_set and "env" not in kws and spec.call not in _ENV_LAST:
        # Variables this body set before the launch (`os.environ["TOOL"] = "codex"`), which
        # its shell may expand (`sh -c '$TOOL exec'`): judged with them too. The launch as
        # judged without them stands beside (a call between may have set them again): a
        # forbidden program found with them is reported, an allowed one proves nothing. (Not
        # where the call gives the environment: `env=`, `os.execve`'s last argument.)
        given = event.stdin or Stdin()
        env = tuple(sorted({**dict(given.env or ()), **f.environ_set}.items()))
        emit(f, replace(event, stdin=replace(given, env=env)), site)
    return value if form is SinkForm.ARGV else None


def _in_code(f: Frame) -> str:
    """Where the launch is in code run by exec/eval (`models.code`), which the hop names."""
    return f" in the code run by {f.running_code}" if f.running_code else ""


def unknown_launch(f: Frame, spec: SinkSpec, node: cst.Call, why: str) -> None:
    """A call that may be the launch `spec` (a sink chosen by a name not known: `vars(
    subprocess)[name](argv)`): a launch site whose program is not known, for `why`."""
    site = launch_site(f, node)
    value = unknown(why)
    event = SinkEvent(
        sink=spec.call,
        kind=spec.kind,
        form=SinkForm.ARGV,
        value=value,
        site=site,
        after=(f.hop(node, f"may reach {spec.call}" + _in_code(f)),),
    )
    emit(f, event, site)


def _never_none(v: Value) -> bool:
    """Whether no alternative of `v` is `None` (an `executable=` that is always given)."""
    return not any(isinstance(o, Const) and o.value is None for o in options(v))


def emit(
    f: Frame,
    event: SinkEvent,
    at: SiteRef,
    origin: SiteRef | None = None,
    unless_given_by: FuncId | None = None,
) -> None:
    """Hand an event to the classifier; what stays open is forwarded to our callers.

    origin: where what stays open came in, if not at `at` (a method called on `self` with
    what only the instance's constructor fills in: the launch is still where it waits);
    unless_given_by: not when the program waits for a parameter of that function (its
    callers give it: it comes in at `at`)."""
    handler = f.analyzer.on_event
    if handler is None or f.quiet:
        return
    if has_lazy(event.value):
        # A call computed first here reports its launches here (`forcing.lazy_call`): while
        # one waits, the value is computed whole, as a part of it may hold that call.
        if not f.lazy_here and _judged_by_program(f, event):
            f.analyzer.results_for(f.func)  # (as the classifier would: `Analyzer.effects`)
            return
        with f.analyzer.launching(at_sink=True):
            event = replace(event, value=f.force(event.value))
    if is_absent(event.value):
        return  # a keyword's default, judged where it entered (`lazy.pick`)
    if _judged_by_program(f, event):
        f.analyzer.results_for(f.func)
        return
    event = replace(event, value=pick_alternatives(event.value))
    if event.form is SinkForm.ARGV:
        # (here, as the callers fill in what a wrapper forwards: `prompt` made of the items
        # of a caller's `messages`)
        event = replace(event, value=items_as_program_only(event.value))
    given = unless_given_by is not None and origin is not None
    if given and any(p.func == unless_given_by for p in program_params(event.value)):
        origin = None
    if f.base_inits and has_param(event.value):
        event = replace(event, value=through_own_base_inits(event.value, f.base_inits, f.analyzer))
    reported, waiting = handler(event, at, f.analyzer.results_for(f.func))
    if waiting and has_param(event.value):
        own: list[Value] = []
        stray: list[Value] = []
        for i, o in enumerate(options(event.value)):
            if i not in waiting:
                continue
            if has_own_param(o, f.func, f.analyzer):
                own.append(o)
            elif any(_unfillable(p, f) for p in iter_params(o)):
                stray.append(o)
        if own:
            came = origin or at
            f.forwarded.append(replace(event, value=alt(own), reported=reported, origin=came))
        if stray:
            _judge_unfilled(f, replace(event, reported=reported), at, stray)


def _unfillable(p: Param, f: Frame) -> bool:
    """Whether nothing will fill parameter `p` of a value waiting at `f`'s launch: a plain
    argument of another function (a callee's, left in a value computed through it), not a
    constructor's (the constructor's calls answer it), not a subclass's attribute, not an
    enclosing function's (its callers give it)."""
    if p.kind is not ParamKind.ARGUMENT or p.func.is_init:
        return False
    own = f.func.id
    return not (p.func.path == own.path and own.qualname.startswith(p.func.qualname + "."))


def _judge_unfilled(f: Frame, event: SinkEvent, at: SiteRef, stray: list[Value]) -> None:
    """Alternatives that wait for a parameter no caller of this function fills (a callee's,
    left in a value computed through it: `resolve(cfg).command` with `resolve`'s own `cfg`
    still in it) are forwarded to nobody: judged here with those parameters unknown, so that
    what the other parts name is reported and the rest is unresolved (fail closed), never
    dropped."""

    def unfilled(p: Param) -> Value | None:
        if not _unfillable(p, f):
            return None
        return unknown(f"parameter `{p.name}` of {p.func.qualname}, not given on this path")

    value = substitute(alt(stray), unfilled)
    if has_lazy(value):
        with f.analyzer.launching(at_sink=True):
            value = f.force(value)
    handler = f.analyzer.on_event
    assert handler is not None
    handler(replace(event, value=pick_alternatives(value)), at, f.analyzer.results_for(f.func))


def _judged_by_program(f: Frame, event: SinkEvent) -> bool:
    """Whether the event's value is an argv, or alternatives of argvs, whose program words are
    all known and each judged by itself as starting nothing forbidden or unknown, whatever
    follows (`ProgramMatcher.judged_by_program`: `git`, `/usr/bin/make`, not a launcher, a
    shell or a look-up command): the classifier would report nothing and leave nothing to the
    callers, so nothing is judged, and of a value not computed yet only the program items are
    (the prompts, file lists and flags after them are not: the matcher never reads them).

    Anything else is False (and the whole value is computed and judged as before): another
    form of launch, an argv that may start with unpacked items, a program word not known, one
    that a launcher or a shell follows, and more program words than the candidates' bound
    (`candidates`: past it a program word is judged unknown)."""
    clean = f.analyzer.judged_by_program
    if clean is None or event.form is not SinkForm.ARGV:
        return False
    heads: list[Value] = []
    for o in options(event.value):
        if type(o) is not Seq or not o.items or type(o.items[0]) is Splat:
            return False
        heads.append(o.items[0])
    words: set[str] = set()
    for head in heads:
        if has_lazy(head):
            with f.analyzer.launching(at_sink=True):
                head = f.force(head)
        found = options(head)
        if len(found) > MAX_ALTERNATIVES:
            return False  # (the program word of too many combinations is not known)
        for h in found:
            t = type(h)
            if t is Str:
                word = cast(Str, h).text
            elif t is Const and cast(Const, h).value is None:
                continue  # (an argv holding None starts nothing: `candidates`)
            elif t is Const and isinstance(cast(Const, h).value, bytes):
                word = cast(bytes, cast(Const, h).value).decode("utf-8", "surrogateescape")
            else:
                return False
            if word not in words:
                if PARAM in word or not clean(word):
                    return False
                words.add(word)
                if len(words) > MAX_ALTERNATIVES:
                    return False
    return True


def _unpacked_argv(spec: SinkSpec, pos: list[Value]) -> Value | None:
    """`create_subprocess_exec(*cmd)`: a sink taking the program and then the rest of its argv
    as positionals, called with the program's position unpacked. Which item is the program and
    which its arguments is known only from the list, so the positionals from the program's on
    are the whole argv (the program alone would drop the arguments a launcher or a shell
    reads: `cmd = ["bash", "-c", "codex"]`)."""
    if spec.varargs is None or spec.argv0 or spec.path is None or spec.path.pos is None:
        return None
    at = spec.path.pos
    if spec.varargs != at + 1 or len(pos) <= at:
        return None
    first = pos[at]
    if not isinstance(first, Splat) or any(isinstance(p, Splat) for p in pos[:at]):
        return None  # (where the program is is not known: judged as before)
    # The unpacked list is the argv as `subprocess.run(cmd)` takes it, then what follows.
    if len(pos) == at + 1:
        return first.inner
    return seq_concat(first.inner, seq(pos[at + 1 :]))


_C_LIBRARY = "ctypes."  # (sinks of the C library reached through ctypes)


def _is_null(v: Value) -> bool:
    return not isinstance(v, Splat) and all(
        isinstance(o, Const) and o.value is None for o in options(v)
    )


def _rest_of_argv(
    f: Frame, spec: SinkSpec, pos: list[Value], kws: dict[str, Value]
) -> Value | None:
    """argv[1:] of a sink that takes the program and its argv separately."""
    if spec.config is not None:
        return None  # read from each configuration (`models.configured`)
    if spec.args is not None:
        lst = argument(spec.args.pos, spec.args.kw, pos, kws)
        if lst is None:
            return None
        return drop_first(lst) if spec.argv0 else lst
    if spec.varargs is not None:
        items = pos[spec.varargs :]
        if spec.call.startswith(_C_LIBRARY) and items and _is_null(items[-1]):
            # C's `execl*` end their arguments with NULL (`libc.execlp(f, f, "x", None)`): no
            # argument (Python's `os.execl` given None raises TypeError, starting nothing).
            items = items[:-1]
        if not items:
            return None
        return drop_first(seq(items)) if spec.argv0 else seq(items)
    return None


def _stdin(f: Frame, spec: SinkSpec, pos: list[Value], kws: dict[str, Value]) -> Stdin | None:
    """The text the launch writes to the program's standard input (`input="codex exec"`: a
    shell run without a command line executes it), when the call gives one."""
    given = kws.get("env")
    if given is None and spec.call in _ENV_LAST and pos and not isinstance(pos[-1], Splat):
        given = pos[-1]  # `os.execve(path, argv, env)`: the environment comes last
    env = _environment(f, given)
    if spec.input is None or spec.input not in kws:
        return Stdin(env=env) if env else None
    v = kws[spec.input]
    if has_lazy(v):
        with f.analyzer.launching(at_sink=True):
            v = f.force(v)
    texts: list[str] = []
    for o in options(v):
        if isinstance(o, Const) and o.value is None:
            continue  # `input=None`: nothing written, the standard input is inherited
        text = _text(o)
        if text is None or text == HOLE:
            why = hole_reason(o) or "not a string"
            return Stdin(unknown=f"`{spec.input}=` is not known: {why}", env=env)
        texts.append(text)
    return Stdin(tuple(texts), env=env) if texts or env else None


# Launches whose last positional argument is the new program's environment.
_ENV_LAST = frozenset(
    f"os.{name}"
    for name in (
        "execve",
        "execle",
        "execlpe",
        "execvpe",
        "spawnve",
        "spawnvpe",
        "spawnle",
        "spawnlpe",
    )
)


def _environment(f: Frame, v: Value | None) -> tuple[tuple[str, str], ...]:
    """The variables an `env=` mapping surely sets to known text: one mapping, its keys and
    values strings; an entry of unknown keys (`**os.environ`) may override those before it."""
    if v is None:
        return ()
    if has_lazy(v):
        with f.analyzer.launching(at_sink=True):
            v = f.force(v)
    found = options(v)
    if len(found) != 1 or not isinstance(found[0], DictV):
        return ()
    out: dict[str, str] = {}
    for key, value in found[0].entries:
        if not isinstance(key, Str) or HOLE in key.text:
            out.clear()  # (may hold any of those before it)
            continue
        text = _text(value) if len(options(value)) == 1 else None
        if text is None or HOLE in text:
            out.pop(key.text, None)
        else:
            out[key.text] = text
    return tuple(sorted(out.items()))


def _text(v: Value) -> str | None:
    """A string's text with HOLE for its unknown parts (`"codex exec " + prompt`), if it is
    one string (no alternatives inside)."""
    if isinstance(v, Str):
        return v.text
    if isinstance(v, Const) and isinstance(v.value, bytes):
        return v.value.decode("utf-8", "replace")
    if isinstance(v, Concat):
        parts = [_text(p) if len(options(p)) == 1 else None for p in v.parts]
        return "".join(HOLE if t is None else t for t in parts)
    return None


def _truth(v: Value) -> bool | None:
    vals = set()
    for o in options(v):
        if isinstance(o, Const):
            vals.add(bool(o.value))
        elif isinstance(o, Str) and HOLE not in o.text:
            vals.add(bool(o.text))
        else:
            return None
    if len(vals) == 1:
        return vals.pop()
    return None

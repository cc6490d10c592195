"""What the analysis found, per file: `FileOutcome`, the answer the engine reports and caches.

The analysis records per function (`verdict.FunctionResults`, the summaries' open launch events);
a file's outcome gathers its functions' findings and unresolved sites, and decides what only
the whole analysis can: a launch that waits for a wrapper's callers when nothing in the project
calls it (an open site, with the findings its parameters' defaults give), a launch through a
constructor's arguments whose method is called nowhere, the files and searches its results were
resolved from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from frontier_lint.dataflow.ids import FuncId, pending_key
from frontier_lint.dataflow.lazy import iter_params, params_in, program_params
from frontier_lint.dataflow.searches import Search
from frontier_lint.dataflow.summaries import SinkEvent
from frontier_lint.dataflow.values import ParamKind, Value
from frontier_lint.dataflow.verdict import FunctionResults, RawFinding, RawUnresolved
from frontier_lint.findings import FileError, Finding, Hop, Unresolved
from frontier_lint.frontend.parsing import resolve_hop
from frontier_lint.frontend.project import ParseFailure
from frontier_lint.settings.catalogue import Catalogue

if TYPE_CHECKING:
    from collections.abc import Set

    from frontier_lint.dataflow.propagation import Analysis


@dataclass
class FileOutcome:
    """What the analysis found in one file."""

    path: str
    deps: tuple[str, ...]  # the files its results were resolved from (itself included), sorted
    searches: tuple[Search, ...] = ()  # searches of the project by name they came from
    scanned: tuple[str, ...] = ()  # names of the wrappers whose calls were looked for in it
    sites: int = 0  # launch sites (a call of a wrapper where something is reported counts)
    calls: list[str] = field(default_factory=list)  # wrappers whose parameters its calls fill
    findings: list[Finding] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    # Launch sites waiting for the callers of a function (by its id): reported when nothing in
    # the project calls it; and the findings its parameters' defaults give there.
    open_sites: list[tuple[str, Unresolved]] = field(default_factory=list)
    open_findings: list[tuple[str, Finding]] = field(default_factory=list)
    # A statement of its launches that CPython rejects, as the analysis met it.
    parse_error: ParseFailure | None = None
    internal_error: FileError | None = None  # an internal error contained in it (FL201)
    launches: bool = False  # it names a sink in code (its syntax is checked with CPython)
    # Its launch sites by position: how many calls there (code run by `exec` puts all of its
    # calls at the `exec(...)`). Analyses of shares of the files count a site once by this
    # (`run.split`).
    site_keys: dict[tuple[int, int, int, int], int] = field(default_factory=dict)


def file_outcomes(run: Analysis, answered: Set[str]) -> dict[str, FileOutcome]:
    """The outcome of every file the analysis looked at, except those in `answered` (a cache
    answers for them; what the analysis recorded there is partial)."""
    a = run.analyzer
    catalogue = run.catalogue
    deps = a.file_deps()
    failed = {*run.parse_errors, *a.failures, *run.too_deep, *run.unsettled}
    by_path: dict[str, FileOutcome] = {}
    # Each key's search made once: the files' outcomes share them (made one per file and key,
    # the corpus's outcomes held 20,822 searches and their split strings, 1.5 MB of its peak).
    made: dict[str, Search | None] = {}
    for path in sorted(set(deps) | run.analysed | failed):
        if path in answered:
            continue
        tracked = deps.get(path, {path})
        found: set[Search] = set()
        files: list[str] = []
        for key in tracked:
            s = made[key] if key in made else made.setdefault(key, Search.from_key(key))
            if s is None:
                files.append(key)
            else:
                found.add(s)
        by_path[path] = FileOutcome(
            path,
            deps=tuple(sorted(files)),
            searches=tuple(sorted(found, key=lambda s: (s.kind.value, s.name))),
            scanned=tuple(sorted(run.scanned.get(path, ()))),
        )
    counted: set[int] = set()  # a call interpreted in two contexts is one launch site
    for fr in a.results.values():
        out = by_path.get(fr.path)
        if out is not None:
            _add_results(out, fr, counted, catalogue)
    # (A snapshot: a parameter's default computed for `_default_findings` may summarise more.)
    for fid, summary in list(a.summaries.items()):
        out = by_path.get(fid.path)
        if out is not None:
            # Launches the function forwards as they are (`client.start()` on the instance it
            # built): the same launch through the construction waits for the same callers.
            plain = {id(ev.site.node) for ev in summary.events if ev.unless_called is None}
            for ev in summary.events:
                _add_open(run, out, fid, ev, plain)
    for path, out in by_path.items():
        # An expression too deep to analyse is not an error, but the launches of the statement
        # holding it are unresolved.
        for deep in run.too_deep.get(path, ()):
            why = f"launches in this statement are not analysed: {deep.message}"
            site = Unresolved(path, deep.line, deep.column, "(statement)", why)
            if site not in out.unresolved:
                out.unresolved.append(site)
        # A wrapper's launches here kept changing past the bound (`Analysis._grew`): what
        # its callers found is not known to be its last word.
        for raw in run.unsettled.get(path, ()):
            site = unresolved(raw)
            if site not in out.unresolved:
                out.unresolved.append(site)
        out.parse_error = run.parse_errors.get(path)
        failure = a.failures.get(path)
        if failure is not None:
            out.internal_error = FileError(path, *failure.position(), failure.message)
        out.launches = path in run.launch_files
    return by_path


def _add_results(
    out: FileOutcome, fr: FunctionResults, counted: set[int], catalogue: Catalogue
) -> None:
    """What one function of the file found at its own calls."""
    # A call of a wrapper where a finding or an unresolved site is reported is a launch site
    # too: the summary counts what it reports (`find("codex")` calling shutil.which).
    reported = [*(f.site for f in fr.findings), *(u.site for u in fr.unresolved)]
    new_sites = {id(site.node): site for site in (*fr.sites, *reported)}
    for key in new_sites.keys() - counted:
        span = new_sites[key].span()
        at = (span.line, span.column, span.end_line, span.end_column)
        out.site_keys[at] = out.site_keys.get(at, 0) + 1
    counted.update(new_sites)
    out.sites = sum(out.site_keys.values())
    out.calls = sorted(set(out.calls) | fr.calls)
    for f in fr.findings:
        out.findings.append(finding(f, catalogue))
    for u in fr.unresolved:
        out.unresolved.append(unresolved(u))
    for fid, f in fr.open_findings:
        item = (fid, finding(f, catalogue))
        if item not in out.open_findings:
            out.open_findings.append(item)
    for fid, u in fr.open_unresolved:
        site = (fid, unresolved(u))
        if site not in out.open_sites:
            out.open_sites.append(site)


def _add_open(
    run: Analysis, out: FileOutcome, fid: FuncId, ev: SinkEvent, plain: Set[int] = frozenset()
) -> None:
    """A launch event function `fid` forwards to its callers: open until one calls it.

    plain: the launches (their nodes) `fid` also forwards outside a constructor's arguments."""
    if ev.origin is None:
        return
    if all(p.kind is ParamKind.OVERRIDABLE for p in iter_params(ev.value)):
        return  # open only to a subclass's override: not waiting for a caller
    if ev.unless_called is not None:
        # Through a constructor: the findings of the defaults of the constructor that passes
        # them on (a subclass's `__init__(self, executable_path="gemini")` calling
        # `super().__init__`), at the launch.
        key = pending_key(ev.unless_called, ev.made_at)
        defaults = _default_findings(run, ev)
        for f in defaults:
            if (key, f) not in out.open_findings:
                out.open_findings.append((key, f))
        if defaults or id(ev.site.node) in plain:
            return
        # The method's own site waits for the constructor, which this function calls with
        # what its own callers give (`Client(command)` in `make(command)`): open below until
        # one calls it, else nothing would report the launch (fail closed).
    span = ev.origin.span()
    reason = (
        f"the program comes from {_open_parameter(ev.value, fid)}, "
        "and no call in the frontier runtime passes it"
    )
    item = Unresolved(
        ev.origin.path, span.line, span.column, ev.sink, reason, span.end_line, span.end_column
    )
    # Waiting only for a constructor's arguments that a method launches: the constructor's
    # calls answer it (`constructor_events`), so the site is open only while nothing
    # constructs the class.
    inits = {p.func for p in params_in(ev.value)}
    waits = fid
    if len(inits) == 1 and next(iter(inits)) in run.analyzer.constructor_events:
        waits = next(iter(inits))
    if (str(waits), item) not in out.open_sites:
        out.open_sites.append((str(waits), item))
    if ev.unless_called is not None:
        return  # its defaults' findings are the method's (above)
    for f in _default_findings(run, ev):
        if (str(waits), f) not in out.open_findings:
            out.open_findings.append((str(waits), f))


def _open_parameter(value: Value, fid: FuncId) -> str:
    """Which parameter a launch waits for, named by the function it belongs to: a constructor
    argument kept on the instance (`self.name`) is the class's, not the method's."""
    # The program's own parameters first (an argv's first item), then any the value holds.
    params = program_params(value)
    # A subclass's possible override (`?attr`) is named last: the class's own value stands.
    params.sort(key=lambda p: (p.kind is ParamKind.OVERRIDABLE, p.name, str(p.func)))
    if not params:
        return f"a parameter of {fid.qualname}"
    p = params[0]
    owner = p.func.qualname
    if owner.endswith(".__init__") and p.kind is ParamKind.LEFT_TO_SUBCLASS:
        return f"`self{p.name}`, which {owner.removesuffix('.__init__')} does not set itself"
    if owner.endswith(".__init__"):
        return f"`{p.name}` given to {owner.removesuffix('.__init__')}()"
    return f"parameter `{p.name}` of {owner}"


def _default_findings(run: Analysis, event: SinkEvent) -> list[Finding]:
    """What a wrapper's open launch starts when called without arguments (its parameters'
    defaults, `def __init__(self, binary="codex")`): reported if nothing in the project calls
    it, at the launch site."""
    a = run.analyzer
    origin = event.origin
    assert origin is not None
    try:
        filled = a.with_defaults(event.value)
        if filled == event.value:
            return []
        scratch = FunctionResults(origin.path)
        run.classify(replace(event, value=filled), origin, scratch)
    except Exception as exc:  # contained: the file fails (its open site is reported anyway)
        a.contain(origin.path, "the defaults of a wrapper", exc)
        return []
    found = [*scratch.findings, *(f for _, f in scratch.open_findings)]
    return [finding(f, run.catalogue) for f in found]


def finding(f: RawFinding, catalogue: Catalogue) -> Finding:
    """A finding as reported: the rule's message, positions and the trace's hops resolved."""
    rule = catalogue.rule(f.rule)
    message = rule.render(f.sink, f.program) if rule else f"{f.sink} launches {f.program}"
    site = f.site
    span, text = site.resolve()
    trace: list[Hop] = []
    for h in f.trace:
        hop = resolve_hop(h)
        if hop not in trace:
            trace.append(hop)
    return Finding(
        rule=f.rule,
        path=site.path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        program=f.program,
        sink=f.sink,
        message=message,
        trace=tuple(trace),
        function=site.function,
        call_text=text[:500],
    )


def unresolved(u: RawUnresolved) -> Unresolved:
    span = u.site.span()
    return Unresolved(
        u.site.path, span.line, span.column, u.sink, u.reason, span.end_line, span.end_column
    )

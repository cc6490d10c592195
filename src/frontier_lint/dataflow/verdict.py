"""Decide what a program value arriving at a launch site means: violation, clean or unresolved.

The resolver hands every `SinkEvent` here (at the sink, and again at each call that fills in a
wrapper's parameters). Each concrete alternative of the value is matched with the program matcher;
forbidden programs become findings at the call where they entered, unknown programs an unresolved
site, and alternatives that still depend on parameters are left for the callers.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from frontier_lint.dataflow.candidates import Candidate, candidates_of_options
from frontier_lint.dataflow.ids import pending_key
from frontier_lint.dataflow.summaries import SinkEvent, SinkForm
from frontier_lint.dataflow.values import (
    COMPOSITES,
    HOLE,
    PARAM,
    Ref,
    Str,
    Value,
    any_part,
    value_key,
)
from frontier_lint.findings import better_reason
from frontier_lint.frontend.parsing import SiteRef
from frontier_lint.matching.programs import ProgramMatcher, Stdin, Verdict

if TYPE_CHECKING:
    from frontier_lint.dataflow.values import TraceHop

# What a value's candidates tell (`Classifier._told`): the positions of those reporting a
# program not reported yet (with what the matcher read of them), the alternatives waiting for
# callers, the reason of the first unknown program.
# (positions reporting a program, alternatives waiting for callers, the unknown reasons sorted)
_Told = tuple[dict[int, tuple[object, ...]], frozenset[int], tuple[str, ...]]
_Found = dict[tuple[str, str], tuple["TraceHop", ...]]


@dataclass(frozen=True)
class RawFinding:
    """A finding before filtering and reporting."""

    rule: str
    program: str
    sink: str
    site: SiteRef
    trace: tuple[TraceHop, ...]


@dataclass(frozen=True)
class RawUnresolved:
    """A launch site whose program could not be resolved, before reporting."""

    sink: str
    site: SiteRef
    reason: str  # the one reported (`better_reason` of `reasons`)
    # Every reason the site's unknown alternatives give: what decides further work
    # (`Analyzer._with_items`) reads these, not only the one reported.
    reasons: tuple[str, ...] = ()


@dataclass
class FunctionResults:
    """What the analysis of one function found at its own calls."""

    path: str
    sites: list[SiteRef] = field(default_factory=list)  # launch sites in this function
    findings: list[RawFinding] = field(default_factory=list)
    unresolved: list[RawUnresolved] = field(default_factory=list)
    # Wrappers whose parameters it fills, methods it calls on constructed instances
    # (`ids.pending_key`).
    calls: set[str] = field(default_factory=set)
    # (`ids.pending_key`, what its launch found): see `SinkEvent.unless_called`.
    open_findings: list[tuple[str, RawFinding]] = field(default_factory=list)
    open_unresolved: list[tuple[str, RawUnresolved]] = field(default_factory=list)


def _split(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


# Verdicts kept per run: the same argv reaches a classifier from many events (each caller
# of a wrapper passes the builder's alternatives again); bounded, then started afresh.
_MATCHED_MAX = 50_000
# Values whose candidates' words are kept (`Classifier._words_of`); started afresh when full.
_WORDS_MAX = 1_024


class Classifier:
    def __init__(self, matcher: ProgramMatcher) -> None:
        self.matcher = matcher
        self._matched: dict[tuple[object, ...], Verdict] = {}
        self._words: dict[tuple[object, ...], tuple[Value, _Told]] = {}

    def __call__(
        self, event: SinkEvent, at: SiteRef, fr: FunctionResults
    ) -> tuple[frozenset[str], frozenset[int]]:
        """Record what the event means at `at`; return the programs reported and the
        alternatives of the event's value that wait for callers (by index): only those go on
        to them, so what is unknown for a reason of its own here is not reported again at each
        caller."""
        found, reasons, deferred = self._judged(event)
        reason = _best(reasons)
        if event.unless_called is not None:
            # Through a constructor's arguments: at the launch, if its method is not called
            # (on the instance that constructor call made).
            key = pending_key(event.unless_called, event.made_at)
            for (rule, program), trace in found.items():
                raw = RawFinding(rule, program, event.sink, event.site, trace)
                fr.open_findings.append((key, raw))
            if not found and not event.reported and reason:
                miss = RawUnresolved(event.sink, event.site, reason, reasons)
                fr.open_unresolved.append((key, miss))
            return frozenset(p for _, p in found) | event.reported, frozenset(deferred)
        for (rule, program), trace in found.items():
            fr.findings.append(RawFinding(rule, program, event.sink, at, trace))
        if not found and not event.reported and reason:
            fr.unresolved.append(RawUnresolved(event.sink, at, reason, reasons))
        reported = frozenset(p for _, p in found) | event.reported
        return reported, frozenset(deferred)

    def _judged(self, event: SinkEvent) -> tuple[_Found, tuple[str, ...], set[int]]:
        """The event's findings by (rule, program) with their hops, the reason it is unknown
        (`better_reason`), and the alternatives that wait for callers (by index).

        The words decide, the hops only explain: what the candidates tell is kept per value
        (`_told`), and for an equal value met again only the candidates reporting a program
        not reported yet are expanded again with their hops, the expansion stopping after the
        last of them. (A builder's value reaches the classifier from each of its callers, most
        of them unknown for the same reason: meson's 2,882 events are 781 values, each of up
        to 256 argvs whose hops were merged every time.)"""
        value = event.value
        full = (
            value_key(value),
            _reasons(value),
            event.form,
            event.kind,
            event.stdin,
            event.reported,
        )
        got = self._words.get(full)
        if got is None:
            if len(self._words) >= _WORDS_MAX:
                self._words.clear()
            found: _Found = {}
            told = self._told(event, found)
            # (The value is kept with it: an id in its key is not reused while the entry lasts.)
            self._words[full] = (value, told)
            return found, told[2], set(told[1])
        explain, deferred, reasons = got[1]
        found = {}
        if explain and not self._explain(event, explain, found):
            found = {}
            told = self._told(event, found)
            return found, told[2], set(told[1])
        return found, reasons, set(deferred)

    def _explain(
        self, event: SinkEvent, explain: dict[int, tuple[object, ...]], found: _Found
    ) -> bool:
        """Record into `found` the programs of the candidates at the positions `explain` names
        (with their shapes), expanded again with their hops, the expansion stopping after the
        last of them; False if it does not give those shapes there (not expected: equal values
        expand alike)."""
        wanted = set(explain)
        for pos, (_, cand) in enumerate(candidates_of_options(event.value)):
            if pos not in wanted:
                continue
            wanted.discard(pos)
            if _shape(cand) != explain[pos]:
                return False
            self._record(cand, self._judge(cand, event)[0], event, found)
            if not wanted:
                break  # (the rest of the expansion is not made)
        return not wanted

    def _record(self, cand: Candidate, verdict: Verdict, event: SinkEvent, found: _Found) -> None:
        """Note the programs the verdict reports that the event has not reported yet."""
        plain = _with_params(cand, None)
        for hit in verdict.hits:
            if hit.program in event.reported:
                continue
            via = f" via {' → '.join(hit.via)}" if hit.via else ""
            trace = (*_program_trace(plain, hit.word), *event.after)
            if via:
                trace = (*trace[:-1], replace(trace[-1], note=trace[-1].note + via))
            for rule in hit.rule_ids:
                found.setdefault((rule, hit.program), trace)

    def _judge(self, cand: Candidate, event: SinkEvent) -> tuple[Verdict, bool]:
        """The matcher's verdict on a candidate's words with parameters unknown, and whether
        the candidate waits for callers: unknown only because of a parameter (filled in, the
        program is known)."""
        verdict = self._match(_with_params(cand, None), event.form, event.kind, event.stdin)
        if verdict.unknown and cand.parametric:
            filled = self._match(_with_params(cand, "true"), event.form, event.kind, event.stdin)
            if filled.unknown is None:
                return verdict, True
        return verdict, False

    def _told(self, event: SinkEvent, found: _Found) -> _Told:
        """What the event's candidates tell: the positions of those reporting a program not
        reported yet (with what the matcher read of them; their programs go into `found`),
        the alternatives waiting for callers (by index), and the reason an unknown program
        is reported with (`better_reason` of all)."""
        deferred: set[int] = set()
        explain: dict[int, tuple[object, ...]] = {}
        reasons: set[str] = set()
        # The words decide: the candidates are expanded without their hops (merging each
        # argv's hops is most of an expansion's cost), and only those reporting a program are
        # expanded again with them (`_explain`).
        empty, seen = event.form in _ARGV_FORMS, False
        for pos, (index, cand) in enumerate(candidates_of_options(event.value, traced=False)):
            seen = True
            empty = empty and not cand.words and cand.complete and not cand.is_string
            verdict, wait = self._judge(cand, event)
            if wait:
                deferred.add(index)
                continue
            if verdict.unknown:
                reasons.add(_reason(cand, verdict))
            if any(h.program not in event.reported for h in verdict.hits):
                explain[pos] = _shape(cand)
        if empty and seen and not deferred:
            # An argv empty in every alternative starts nothing (Popen raises): it was filled
            # where the analysis did not follow (a helper it was handed to, another name for
            # the list), so what it starts is not known, not nothing (fail closed).
            reasons.add(_EMPTY_ARGV)
        if explain and not self._explain(event, explain, found):
            # (Not expected, as above: every candidate is expanded with its hops.)
            found.clear()
            for pos, (_, cand) in enumerate(candidates_of_options(event.value)):
                if pos in explain:
                    self._record(cand, self._judge(cand, event)[0], event, found)
        return explain, frozenset(deferred), tuple(sorted(reasons))

    def _match(
        self, cand: Candidate, form: SinkForm, kind: str, stdin: Stdin | None = None
    ) -> Verdict:
        """What the matcher says of a candidate (its words, not its traces), once per run."""
        key = (cand.words, cand.is_string, cand.complete, form, kind, stdin)
        got = self._matched.get(key)
        if got is None:
            if len(self._matched) >= _MATCHED_MAX:
                self._matched.clear()
            got = self._matched[key] = self._match_words(cand, form, kind, stdin)
        return got

    def _match_words(
        self, cand: Candidate, form: SinkForm, kind: str, stdin: Stdin | None = None
    ) -> Verdict:
        m = self.matcher
        words = cand.words
        first = words[0] if words else None
        if form is SinkForm.MAYBE_SHELL:
            a = self._match(cand, SinkForm.ARGV, kind, stdin)
            b = self._match(cand, SinkForm.SHELL_ARGV, kind, stdin)
            return Verdict(
                a.hits + tuple(h for h in b.hits if h not in a.hits),
                a.unknown or b.unknown,
                a.programs + b.programs,
            )
        if form is SinkForm.SHELL:
            if cand.is_string:
                return m.match_shell(_none_if_hole(first), kind=kind)
            return m.match_argv(words, complete=cand.complete, kind=kind)
        if form is SinkForm.SHELL_ARGV:
            return m.match_shell(_none_if_hole(first), kind=kind, stdin=stdin)
        if form is SinkForm.PROGRAM:
            return m.match_program(first, kind=kind)
        if form is SinkForm.CODE:
            return m.match_code(_none_if_hole(first) if cand.is_string else None, kind=kind)
        # argv / split: a string is split into words (a Windows-style or pexpect command line).
        if cand.is_string:
            if first is None:
                return m.match_argv([None], complete=False, kind=kind)
            return m.match_argv(_split(first), complete=True, kind=kind, stdin=stdin)
        return m.match_argv(words, complete=cand.complete, kind=kind, stdin=stdin)


_ARGV_FORMS = frozenset((SinkForm.ARGV, SinkForm.MAYBE_SHELL))
_EMPTY_ARGV = (
    "the argv is empty wherever it was followed: it is filled where the analysis did not "
    "follow it (a function given the list, another name for it)"
)


def _reasons(value: Value) -> tuple[object, ...]:
    """What decides the reasons of a value's candidates besides its key (`values.value_key`): the
    reasons of its strings with unknown stretches, which the key leaves out, noting where a
    part is shared (`any_part` walks into a part once: met again, it is named by its number).
    (A reference's reason comes from what its key holds; parts the key tells apart by identity
    need nothing more.)"""
    out: list[object] = []
    seen: dict[int, int] = {}

    def note(v: Value) -> bool:
        if isinstance(v, Str):
            if HOLE in v.text:
                out.append(v.reason)
        elif type(v) in COMPOSITES or isinstance(v, Ref):
            at = seen.get(id(v))
            if at is None:
                seen[id(v)] = len(seen)
            out.append(at)  # (None: walked into from here)
        return False

    any_part(value, note)
    return tuple(out)


def _shape(cand: Candidate) -> tuple[object, ...]:
    return (cand.words, cand.is_string, cand.complete, cand.parametric)


def _with_params(cand: Candidate, fill: str | None) -> Candidate:
    """The candidate with parameter text unknown (fill=None) or filled in with `fill`."""
    if not cand.parametric:
        return cand
    words: list[str | None] = []
    for w in cand.words:
        if w is None:
            words.append(None)
        elif w == PARAM:
            words.append(fill)
        else:
            words.append(w.replace(PARAM, fill if fill is not None else HOLE))
    return replace(cand, words=tuple(words))


def _program_trace(cand: Candidate, word: str) -> tuple[TraceHop, ...]:
    """The candidate's trace without the hops that only explain arguments after the program
    (`PROMPT defined as ...` in `[CODEX, "-p", PROMPT]`): the argv item holding `word` (the
    program, a package behind a launcher, or a shell string it appears in) and the items before
    it are kept, with what happened to the argv as a whole."""
    traces = cand.word_traces
    if not traces or len(traces) != len(cand.words):
        return cand.trace
    at = next((i for i, w in enumerate(cand.words) if w == word), None)
    if at is None:
        at = next((i for i, w in enumerate(cand.words) if w and word in w), len(traces) - 1)
    kept = {h for t in traces[: at + 1] for h in t}
    dropped = {h for t in traces[at + 1 :] for h in t} - kept
    return tuple(h for h in cand.trace if h not in dropped)


def _none_if_hole(text: str | None) -> str | None:
    if text is None or text == HOLE:
        return None
    return text


def _best(reasons: tuple[str, ...]) -> str:
    best = ""
    for r in reasons:
        best = better_reason(best, r)
    return best


def _reason(cand: Candidate, verdict: Verdict) -> str:
    base = cand.reason or ""
    why = verdict.unknown or "the program is not known"
    return f"{why}: {base}" if base and base not in why else why

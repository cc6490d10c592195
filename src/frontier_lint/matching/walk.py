"""The state of one walk over argv words: the sink kind's precomputed table (`_KindTable`), where
the walk is (`_Ctx`), a launcher's arguments as read so far (`_Parse`), and what it found (`_Acc`,
turned into a `Verdict` at the end)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from frontier_lint.matching.shell import Feed
from frontier_lint.matching.verdicts import _CLEAN, ProgramHit, Started, Verdict
from frontier_lint.settings.catalogue import Context, Handover

# The records of a walk live inside this package: plain classes and named tuples, not
# dataclasses (a dataclass costs ~1 ms to create at import, which every run pays at start-up).


class _KindTable(NamedTuple):
    """What one sink kind forbids, precomputed so a match is a few dict look-ups."""

    programs: Mapping[str, tuple[str, ...]]  # program -> rule ids
    packages: Mapping[str, tuple[str, tuple[str, ...]]]  # npm package -> (program, rule ids)


class _Acc:
    """What a walk found; turned into a Verdict at the end."""

    __slots__ = ("hits", "programs", "started", "table", "unknown")

    def __init__(self, table: _KindTable) -> None:
        self.table = table
        self.hits: list[ProgramHit] = []
        self.unknown: str | None = None
        self.programs: list[str] = []
        self.started: list[Started] = []

    def hit(self, program: str, word: str, via: tuple[str, ...]) -> None:
        rule_ids = self.table.programs.get(program)
        if rule_ids is None:
            return
        if any(h.program == program and h.via == via for h in self.hits):
            return  # `npx -p @openai/codex codex` names it twice
        self.hits.append(ProgramHit(program, rule_ids, word, via))

    def saw(self, program: str) -> None:
        if program and program not in self.programs:
            self.programs.append(program)

    def start(self, word: str, ctx: _Ctx) -> None:
        started = Started(word, ctx.path, ctx.via)
        if started not in self.started:
            self.started.append(started)

    def unknown_because(self, why: str) -> None:
        if self.unknown is None:
            self.unknown = why

    def verdict(self) -> Verdict:
        if not self.hits and self.unknown is None and not self.programs:
            return _CLEAN
        # A program both looked up and started (`$(which codex) exec`) is reported as started.
        started = {h.program for h in self.hits if self.table.programs.get(h.program) == h.rule_ids}
        hits = [
            h
            for h in self.hits
            if h.program not in started or self.table.programs.get(h.program) == h.rule_ids
        ]
        return Verdict(tuple(hits), self.unknown, tuple(self.programs), tuple(self.started))


@dataclass(frozen=True)
class Stdin:
    """What a launch writes to the standard input of the program it starts: the texts it may
    be (each with HOLE where unknown), or why it is not known."""

    texts: tuple[str, ...] = ()
    unknown: str | None = None
    # The environment variables the launch sets to known text (`env={"SCRIPT": "codex"}`),
    # which a shell's command line reads (`matching.variables`).
    env: tuple[tuple[str, str], ...] = ()


class _Ctx(NamedTuple):
    """Where a walk is: the launcher chain, the nesting depth, the syntax the words came from."""

    via: tuple[str, ...] = ()
    depth: int = 0
    where: Context = Context.ARGV
    fold: bool = False  # Windows: names are case-insensitive
    path: str | None = None  # the program's search path, when a launcher set it
    stdin: tuple[str, ...] = ()  # here-documents fed to the command (a shell reads them)
    feed: Feed = Feed.CALLER  # where its standard input comes from when `stdin` is empty
    unfed: str | None = None  # why the text a launch writes to its standard input is unknown
    env: tuple[tuple[str, str], ...] = ()  # variables set to known text (inherited inward)

    def into(self, label: str | None = None, **changes: object) -> _Ctx:
        via = self.via if label is None else (*self.via, label)
        # (What the launch feeds its standard input is not the inner program's.)
        fed = self.stdin or self.feed is not Feed.CALLER or self.unfed is not None
        fresh = self._replace(stdin=(), feed=Feed.CALLER, unfed=None) if fed else self
        return fresh._replace(via=via, depth=self.depth + 1, **changes)  # type: ignore[arg-type]


class _Parse:
    """A launcher's arguments as they are read: what its options and operands did so far."""

    __slots__ = (
        "budget",
        "commanded",
        "handover",
        "label",
        "operands",
        "path",
        "path_fixed",
        "placeholders",
        "positional",
        "replace",
        "splits",
        "titled",
    )

    def __init__(self, label: str, path: str | None, budget: list[int]) -> None:
        self.label = label  # `env`, `pnpm dlx`, `env -S`
        self.path = path  # the program's search path
        self.budget = budget  # readings left for undeclared options (shared by every reading)
        self.operands = 0  # operands read
        self.titled = False  # cmd `start "title"`
        self.commanded = False  # a command option ran the command: no program follows
        self.path_fixed = False  # `env -P DIR` wins over PATH assignments
        self.splits = 0
        # A permuting launcher's words that are not options, in order (`su bob -c x`: `bob`).
        self.positional: list[str | None] = []
        self.handover: Handover | None = None  # set by a handover option (`runuser -u USER`)
        self.replace: str | None = None  # what a replace option names (`xargs -I {}`)
        # The parameters placeholder options name (`hyperfine -L tool ...`; None: not known).
        self.placeholders: list[str | None] = []

    def copy(self) -> _Parse:
        new = _Parse(self.label, self.path, self.budget)  # (the budget is shared)
        new.operands, new.titled, new.commanded = self.operands, self.titled, self.commanded
        new.path_fixed, new.splits = self.path_fixed, self.splits
        new.positional, new.handover = list(self.positional), self.handover
        new.replace, new.placeholders = self.replace, list(self.placeholders)
        return new

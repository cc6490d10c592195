"""Census of the function summaries a run computes, and what each gave (where interpretation's
time goes, by what it found).

    cd PROJECT && python -P /path/to/bench/summary_census.py . --format json --jobs 1 --no-cache

Runs the CLI with `Analyzer._summarise` and the classifier wrapped (output as usual, on stdout;
the census on stderr). Each summary computed is counted under:

- `root` (asked at depth 0: a function holding a line the prefilter selected) or `nested` (a
  callee followed or a deferred call forced);
- `launches` (its summary has events, calls of parameters, gives a launcher, or failed: its
  callers need it) or `no launch`;
- `classified` (an event reached the classifier while its own statements ran: a launch site
  judged, clean or not) or `silent`;
- for `no launch`, the kind of value it returns (what a caller may still need of it).

CPU time is each summary's own (process time, nested summaries subtracted; libcst parsing the
function's body on demand and forcing its deferred values included). A `root, no launch, silent`
summary returning `Const` (None) is where to look for work the verdicts did not use: the
prefilter selected a line naming a launch API's word, and no site was classified while its own
statements ran (a site classified inside a callee's summary counts for the callee: sphinx's
`render_dot_html` is one, through `render_dot`). Session 17 (the corpus, 13.9 s CPU): 287 such
roots cost 1.19 s (8.6 %); 260 `nested, no launch, silent` builders returning alternatives
2.12 s (15.2 %), whose results were forced for a caller.

The project's text searches (`Hierarchy`'s methods: its word index built at the first, who
stores or derives what) are timed apart, under `project searches` (nested summaries
subtracted): each is done once for the run, by whichever summary first asks, and was counted
as that summary's own time before session 18 (`ConfigManager.get_configuration_definitions`
of ansible, a three-line builder, "cost" 1.15 s: the index). Session 18 (the corpus, main
at 23fc50f, under load, 22.4 s CPU): the searches 2.2 s; the silent builders returning
alternatives 1.6 s and the silent roots returning None 1.1 s once the searches are apart. Of
all silent roots (2.7 s), half is methods summarised for what they assign to `self.name`
(`ClassInfo._instance_attr`: ansible's `GalaxyCLI.run` alone 0.84 s, its loop forcing 9,400
deferred calls for `self.api_servers`), a quarter roots calling a name some wrapper has.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from frontier_lint import cli
from frontier_lint.dataflow import analyzer, hierarchy, verdict

SEARCH = ("project searches",)


class Census:
    def __init__(self) -> None:
        self.counts: Counter[tuple[str, ...]] = Counter()
        self.cpu: Counter[tuple[str, ...]] = Counter()
        self._nested_cpu: list[float] = []  # per summary being computed: its callees' time
        self._classified: list[int] = []  # per summary being computed: events classified
        self._searching = False  # (a search's own searches are its time)

    def wrap_search(self, search: Callable[..., Any]) -> Callable[..., Any]:
        """A project search timed apart from the summary asking it (the outermost only)."""

        def timed(*args: Any, **kwargs: Any) -> Any:
            if self._searching:
                return search(*args, **kwargs)
            self._searching = True
            start = time.process_time()
            self._nested_cpu.append(0.0)
            try:
                return search(*args, **kwargs)
            finally:
                self._searching = False
                spent = time.process_time() - start
                nested = self._nested_cpu.pop()
                if self._nested_cpu:
                    self._nested_cpu[-1] += spent
                self.counts[SEARCH] += 1
                self.cpu[SEARCH] += spent - nested

        return timed

    def wrap_summarise(self, summarise: Callable[..., Any]) -> Callable[..., Any]:
        def counted(a: Any, func: Any, depth: int) -> Any:
            start = time.process_time()
            self._nested_cpu.append(0.0)
            self._classified.append(0)
            try:
                summary = summarise(a, func, depth)
            finally:
                spent = time.process_time() - start
                nested = self._nested_cpu.pop()
                classified = self._classified.pop()
                if self._nested_cpu:
                    self._nested_cpu[-1] += spent
            launches = bool(
                summary.events or summary.param_calls or summary.gives_launcher or summary.failed
            )
            label = (
                "root" if depth == 0 else "nested",
                "launches" if launches else "no launch",
                "classified" if classified else "silent",
                "" if launches else type(summary.returns).__name__,
            )
            self.counts[label] += 1
            self.cpu[label] += spent - nested
            return summary

        return counted

    def wrap_classifier(self, classify: Callable[..., Any]) -> Callable[..., Any]:
        def counted(c: Any, *args: Any, **kwargs: Any) -> Any:
            if self._classified:
                self._classified[-1] += 1
            return classify(c, *args, **kwargs)

        return counted

    def report(self, cpu: float) -> None:
        print(f"CPU {cpu:.2f} s", file=sys.stderr)
        for label, spent in self.cpu.most_common():
            name = ", ".join(part for part in label if part)
            share = 100 * spent / cpu if cpu else 0.0
            print(
                f"{name:50} {self.counts[label]:6} {spent:8.2f} s {share:5.1f} %", file=sys.stderr
            )


def main() -> None:
    census = Census()
    analyzer.Analyzer._summarise = census.wrap_summarise(  # type: ignore[method-assign]
        analyzer.Analyzer._summarise
    )
    verdict.Classifier.__call__ = census.wrap_classifier(  # type: ignore[method-assign]
        verdict.Classifier.__call__
    )
    for name, member in list(vars(hierarchy.Hierarchy).items()):
        if callable(member) and (not name.startswith("_") or name == "_text_index"):
            setattr(hierarchy.Hierarchy, name, census.wrap_search(member))
    start = time.process_time()
    with contextlib.suppress(SystemExit):
        cli.main(sys.argv[1:])
    census.report(time.process_time() - start)


if __name__ == "__main__":
    main()

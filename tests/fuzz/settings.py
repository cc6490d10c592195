"""What a fuzz run does, from the environment. The default is the CI run: a fixed seed, a fixed
number of cases per family (the same cases on every run), well under a minute on two cores.

    FRONTIER_LINT_FUZZ=600             run for about 600 s in all (each test its share), deeper
                                       sizes (profile `deep`), a summary in the output directory
    FRONTIER_LINT_FUZZ_EXAMPLES=N      N cases per family (and N Hypothesis examples)
    FRONTIER_LINT_FUZZ_SEED=S          another seed (default 0)
    FRONTIER_LINT_FUZZ_PROFILE=ci|deep sizes (default: ci, or deep when a budget/count is set)
    FRONTIER_LINT_FUZZ_CASE=ID[,ID]    only these cases (e.g. mut-0042): rerun a reproducer
    FRONTIER_LINT_FUZZ_TIMEOUT=SECONDS the bound per case and run (default 10; on a loaded machine
                                       a bound on the run's CPU seconds instead, with a
                                       hang still ended at 12x the wall time)
    FRONTIER_LINT_FUZZ_RUNNER=mixed|fork|subprocess  how the CLI is started (default mixed:
                                       the first case of each family as a
                                       real subprocess, then one in 32)
    FRONTIER_LINT_FUZZ_OUT=DIR         where failing cases are written (default: $TMPDIR/
                                       frontier-lint-fuzz)
    FRONTIER_LINT_FUZZ_KNOWN=none      count the known failure classes (known.py) as failures
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    seed: int
    budget: float  # seconds for the whole suite; 0: the CI counts
    examples: int  # cases per family; 0: the CI counts (or the budget)
    profile: str
    cases: frozenset[str] | None
    timeout: float
    runner: str
    out: Path
    use_known: bool

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        budget = float(env.get("FRONTIER_LINT_FUZZ") or 0)
        examples = int(env.get("FRONTIER_LINT_FUZZ_EXAMPLES") or 0)
        cases = env.get("FRONTIER_LINT_FUZZ_CASE")
        default_profile = "deep" if budget or examples else "ci"
        return cls(
            seed=int(env.get("FRONTIER_LINT_FUZZ_SEED") or 0),
            budget=budget,
            examples=examples,
            profile=env.get("FRONTIER_LINT_FUZZ_PROFILE") or default_profile,
            cases=frozenset(c.strip() for c in cases.split(",") if c.strip()) if cases else None,
            timeout=float(env.get("FRONTIER_LINT_FUZZ_TIMEOUT") or 10),
            runner=env.get("FRONTIER_LINT_FUZZ_RUNNER") or "mixed",
            out=Path(
                env.get("FRONTIER_LINT_FUZZ_OUT")
                or Path(tempfile.gettempdir()) / "frontier-lint-fuzz"
            ),
            use_known=(env.get("FRONTIER_LINT_FUZZ_KNOWN") or "registry") != "none",
        )

    @property
    def is_ci(self) -> bool:
        return not self.budget and not self.examples and self.cases is None

    def env_prefix(self) -> str:
        """The variables that make a case what it is, for a reproducer command."""
        return f"FRONTIER_LINT_FUZZ_SEED={self.seed} FRONTIER_LINT_FUZZ_PROFILE={self.profile}"

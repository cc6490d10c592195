"""The property/fuzz suite (issue 15, item 10): generated programs, mutated fixtures and odd
files, each run through the real command and the language server, checked against invariants
that must hold for any input (`invariants.py`). `tests/test_fuzz.py` holds the tests; the
settings (seed, budget, profile) come from the environment (`settings.py`); a failing case is
written out with a command that reruns it (`python -m tests.fuzz CASE_ID`).
"""

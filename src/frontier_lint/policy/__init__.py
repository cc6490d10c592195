"""Stage 5: what fails the gate: suppressions, the baseline, the tool's own rules."""

"""Orchestration: one lint run (engine), the on-disk cache, work forked beside the run."""

"""The runtime guard: an audit hook that applies the same rules to real launches, and its
pytest plugin.

`runtime` (the guard: install, close, attempts; public as `frontier_lint.runtime`), `hook` (the
audit hook: launch events to argv and verdicts), `judging` (which guards block, what is
recorded), `sinks` (fork-then-exec sinks on the stack, probe wrappers), `children` (the report
channel for forked children and workers, the spawn bootstrap), `state` (process-wide state),
`attempts` (the launch attempt and its error), `executables` (programs known by the executable
they resolve to), `pytest_plugin`.
"""

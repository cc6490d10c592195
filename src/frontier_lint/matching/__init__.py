"""Stage 4: which programs an argv or a command line starts (launchers, shells, cmd,
PowerShell, AppleScript), shared by the linter and the runtime guard.

`programs` (the `ProgramMatcher`), `verdicts` (what a match reports, the program a word names),
`walk` (the state of one walk over argv words), `launcher_options` (an option word read by a
launcher's grammar), `shell` (POSIX command lines to simple commands) with its reader
`shell_parser`, `words` (HOLE, assignments, plain word splitting), `commandlines` (`env -S`, cmd,
AppleScript, typed keys), `powershell`.
"""

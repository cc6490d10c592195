"""Stage 4: which programs an argv or a command line starts (launchers, shells, cmd,
PowerShell, AppleScript), shared by the linter and the runtime guard."""

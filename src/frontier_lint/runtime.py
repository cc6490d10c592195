"""The runtime guard's public interface, as users import it: `frontier_lint.runtime.install()`,
`with frontier_lint.runtime.guard(...)`, `ForbiddenLaunchError` (README, docs/runtime-guard.md).

The implementation lives in `frontier_lint.guard.runtime`; this name stays the stable one.
"""

from frontier_lint.guard.runtime import (
    MODES,
    SCOPES,
    ForbiddenLaunchError,
    Frame,
    Guard,
    LaunchAttempt,
    guard,
    install,
    installed,
    split_windows_command_line,
)

__all__ = [
    "MODES",
    "SCOPES",
    "ForbiddenLaunchError",
    "Frame",
    "Guard",
    "LaunchAttempt",
    "guard",
    "install",
    "installed",
    "split_windows_command_line",
]

"""Where the configuration is and what the project root is, found without reading more than
that: the nearest `frontier-lint.yaml`, `.frontier-lint.yaml` or `pyproject.toml` with a
`[tool.frontier-lint]` table (first found wins), the project root when there is none.

Light imports only (no dataclasses, no YAML): `cli.main` locates the root of a warm run in a
forked child before the rest of the tool is imported (`run.early`); `loading` reads the file
found.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.settings.bounded import InputTooLarge, read_bounded, toml_loads

TOOL_TABLE = "frontier-lint"
CONFIG_NAMES = ("frontier-lint.yaml", ".frontier-lint.yaml")
PYPROJECT = "pyproject.toml"
PROJECT_MARKERS = (".git", "pyproject.toml", "setup.py", "setup.cfg")

# A `[tool.frontier-lint]` (or `[tool."frontier-lint".x]`) header: lets `find_config` pick a
# pyproject that is ours even when it is not valid TOML, so the syntax error gets reported.
_TOOL_HEADER_RE = lazy_compile(r'^\s*\[\s*tool\s*\.\s*"?frontier-lint"?\s*[\].]', re.MULTILINE)


def _start_dir(start: Path) -> Path:
    start = Path(os.path.abspath(start))
    return start if start.is_dir() else start.parent


def _pyproject_has_table(path: Path) -> bool:
    try:
        text = read_bounded(path).decode("utf-8")
    except InputTooLarge:
        return True  # ours or not, loading it says what is wrong rather than skipping it
    except (OSError, UnicodeDecodeError):
        return False
    if TOOL_TABLE not in text:  # cheap reject: most pyprojects never mention us
        return False
    import tomllib

    try:
        data = toml_loads(text)
    except (tomllib.TOMLDecodeError, InputTooLarge):
        return bool(_TOOL_HEADER_RE.search(text))
    tool = data.get("tool")
    return isinstance(tool, dict) and TOOL_TABLE in tool


def config_files(start: Path) -> list[Path]:
    """The configuration files of the nearest directory at or above `start` (a file or a
    directory) that has any, in the order they win (empty: none anywhere)."""
    directory = _start_dir(start)
    for candidate in (directory, *directory.parents):
        found: list[Path] = []
        for name in CONFIG_NAMES:
            path = candidate / name
            # Not only regular files: a FIFO or device found here is reported, never skipped.
            if path.exists() and not path.is_dir():
                found.append(path)
        path = candidate / PYPROJECT
        if path.is_file() and _pyproject_has_table(path):
            found.append(path)
        if found:
            return found
    return []


def project_root_guess(start: Path) -> Path:
    """Nearest ancestor of `start` that looks like a project root, else `start`'s directory."""
    directory = _start_dir(start)
    for candidate in (directory, *directory.parents):
        if any(os.path.exists(candidate / marker) for marker in PROJECT_MARKERS):
            return candidate.resolve()
    # No marker: like ruff, the working directory is the project when the path lies inside it,
    # so that `frontier-lint app/` resolves `from app.core import x`.
    cwd = Path.cwd().resolve()
    resolved = directory.resolve()
    if resolved == cwd or cwd in resolved.parents:
        return cwd
    return resolved


def config_root(explicit: Path | None, start: Path) -> Path:
    """The root `loading.load_config(explicit, start)` gives its configuration (when it loads
    one without error): the directory of the file used, else the project root guessed."""
    if explicit is not None:
        return Path(os.path.abspath(explicit)).parent.resolve()
    found = config_files(start)
    return found[0].parent.resolve() if found else project_root_guess(start)

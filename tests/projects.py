"""Small projects the command-line tests run in."""

from __future__ import annotations

from pathlib import Path

import pytest


def app_project(root: Path, monkeypatch: pytest.MonkeyPatch, name: str, source: str) -> Path:
    """`root` with `include: ['app/**']` and `app/<name>` holding `source`, as the working
    directory, colour settings of the environment removed (output is compared as text)."""
    (root / "frontier-lint.yaml").write_text("include: ['app/**']\n")
    (root / "app").mkdir()
    (root / "app" / name).write_text(source)
    monkeypatch.chdir(root)
    for variable in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    return root

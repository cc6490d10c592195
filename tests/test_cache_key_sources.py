"""The cache's settings key names the tool's own sources, not only its release number: an
analysis changed between releases (a development install, a patched copy) must not trust the
verdicts the old code cached."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from frontier_lint.run import keys


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in package tree; `keys` stamps the package its module file sits in."""
    root = tmp_path / "frontier_lint"
    (root / "run").mkdir(parents=True)
    (root / "__pycache__").mkdir()
    (root / "__init__.py").write_text("")
    (root / "run" / "keys.py").write_text("")
    (root / "analysis.py").write_text("A = 1\n")
    monkeypatch.setattr(keys, "__file__", str(root / "run" / "keys.py"))
    monkeypatch.setattr(keys, "_STAMP", [])
    return root


def _fresh_key() -> str:
    keys._STAMP.clear()
    return keys.cache_key("catalogue", "config")


def test_a_changed_module_changes_the_key(package: Path) -> None:
    before = _fresh_key()
    assert _fresh_key() == before  # stable while nothing changes
    source = package / "analysis.py"
    source.write_text("A = 2\n")
    st = source.stat()
    os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert _fresh_key() != before


def test_a_new_module_changes_the_key(package: Path) -> None:
    before = _fresh_key()
    (package / "run" / "extra.py").write_text("")
    assert _fresh_key() != before


def test_compiled_files_do_not_change_the_key(package: Path) -> None:
    before = _fresh_key()
    (package / "__pycache__" / "analysis.cpython-311.pyc").write_bytes(b"x")
    (package / "data.txt").write_text("x")
    assert _fresh_key() == before


def test_the_stamp_is_computed_once_per_process(package: Path) -> None:
    first = keys.sources_stamp()
    (package / "run" / "extra.py").write_text("")
    assert keys.sources_stamp() == first

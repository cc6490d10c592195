"""The code `dataclasses` generates is remembered between runs of the command
(`run.classcode`): a class made again by a later process takes the code objects compiled by an
earlier one and behaves the same; a file this user's tool did not write, or one of another
package, is never used; a forked child never saves."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontier_lint.run import classcode

SRC = Path(__file__).resolve().parent.parent / "src"


@pytest.fixture
def key_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    classcode.uninstall()
    classcode.install()
    try:
        yield tmp_path / "xdg" / "frontier-lint"
    finally:
        classcode.uninstall()


def _make(package: str) -> type:
    """A frozen dataclass defined in a module `package.probe` (as an import would)."""
    module = types.ModuleType(f"{package}.probe")
    sys.modules[module.__name__] = module
    try:
        source = (
            "from dataclasses import dataclass, field\n"
            "@dataclass(frozen=True, order=True)\n"
            "class Probe:\n"
            "    name: str\n"
            "    items: list = field(default_factory=list)\n"
            "    count: int = 3\n"
        )
        exec(compile(source, module.__name__, "exec"), module.__dict__)
        cls: type = module.Probe
        return cls
    finally:
        del sys.modules[module.__name__]


def _check(cls: type) -> None:
    a, b = cls("a"), cls("b", [1], 4)
    assert repr(a) == "Probe(name='a', items=[], count=3)"
    assert a == cls("a") and a < b
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.name = "c"  # type: ignore[attr-defined]


def _restart() -> None:
    """What a new process starts with: nothing loaded, nothing classcode."""
    classcode.uninstall()
    classcode.install()


def test_a_later_process_takes_the_code_compiled_before(key_dir: Path) -> None:
    _check(_make("flprobe"))
    table = classcode._tables["flprobe"]
    assert table.new and not table.codes  # (compiled: nothing was kept)
    classcode.save()
    assert [p.name.split("-")[1] for p in key_dir.glob("classcode-*.bin")] == ["flprobe"]
    _restart()
    _check(_make("flprobe"))
    table = classcode._tables["flprobe"]
    assert not table.new and table.used  # (every text was found)


def test_a_file_not_written_by_this_users_tool_is_not_used(key_dir: Path) -> None:
    _make("flprobe")
    classcode.save()
    (path,) = key_dir.glob("classcode-flprobe-*.bin")
    data = bytearray(path.read_bytes())
    data[-5] ^= 1
    path.write_bytes(bytes(data))
    _restart()
    _check(_make("flprobe"))
    assert not classcode._tables["flprobe"].codes and classcode._tables["flprobe"].new


def test_another_packages_file_is_not_read(key_dir: Path) -> None:
    _make("flprobe")
    classcode.save()
    (path,) = key_dir.glob("classcode-flprobe-*.bin")
    path.rename(path.with_name(path.name.replace("flprobe", "flother")))
    _restart()
    _check(_make("flother"))
    assert not classcode._tables["flother"].codes


def test_nothing_is_kept_without_installing(key_dir: Path) -> None:
    classcode.uninstall()
    _check(_make("flprobe"))
    assert "exec" not in vars(dataclasses) and not classcode._tables


def test_the_command_saves_and_a_forked_child_does_not(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg"), "PYTHONPATH": str(SRC)}
    script = (
        "import os\n"
        "from frontier_lint.run import classcode\n"
        "classcode.install()\n"
        "from dataclasses import dataclass\n"
        "@dataclass\n"
        "class P:\n"
        "    x: int\n"
        "if os.fork() == 0:\n"
        "    import atexit; atexit._run_exitfuncs(); os._exit(0)\n"
        "os.wait()\n"
        "print(sorted(os.listdir(os.environ['XDG_CACHE_HOME'] + '/frontier-lint')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    # (The child ran the exit handlers first: had it saved, the file would be listed here.)
    assert "classcode" not in out
    files = os.listdir(tmp_path / "xdg" / "frontier-lint")
    assert any(f.startswith("classcode-__main__-") for f in files)


def test_a_table_that_cannot_be_loaded_yet_is_loaded_later(
    key_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _make("flprobe")
    classcode.save()
    _restart()
    real = classcode._path

    def under_way(package: str) -> tuple[str, bytes] | None:
        raise ImportError("cannot import name 'key_dir' (partially initialized module)")

    monkeypatch.setattr(classcode, "_path", under_way)
    _check(_make("flprobe"))  # (made as before: compiled, nothing kept)
    assert "flprobe" not in classcode._tables
    monkeypatch.setattr(classcode, "_path", real)
    _check(_make("flprobe"))
    assert classcode._tables["flprobe"].used and not classcode._tables["flprobe"].new


def test_every_dataclass_of_the_tool_has_a_docstring() -> None:
    # `dataclasses` writes a missing docstring from `inspect.signature(cls)` as it makes the
    # class (~55 us each: 2.3 ms CPU of the classes a one-file edit makes). What it wrote is
    # the class's name followed by its signature.
    import importlib
    import pkgutil

    import frontier_lint

    missing = []
    for info in pkgutil.walk_packages(frontier_lint.__path__, "frontier_lint."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == info.name
                and (value.__doc__ or "").startswith(f"{value.__name__}(")
            ):
                missing.append(f"{info.name}.{value.__qualname__}")
    assert missing == []

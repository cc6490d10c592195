"""Build the launch-dense benchmark project: pinned tools that start processes a lot.

    python bench/make_dense.py [DEST] [--wheels DIR]

The corpus (`shared/bench/make_corpus.sh`) is libraries and frameworks: 163 launch sites in 2.3
million lines. Users of frontier-lint run it on code that launches processes for a living (agent
frameworks, build systems, package managers, shells, task runners), where launch sites and the
wrappers around them are denser and every one is resolved across modules. This project is such
code, real and pinned: the `.py` files of 13 wheels (no dependencies), unpacked side by side
under DEST as an installation would lay them out (top-level packages, no `*.dist-info` or
`*.data`). The wheels are fetched with pip (`--no-deps --only-binary :all: --require-hashes`),
so the bytes are those pinned here; the unpacked tree is rebuilt only when the pins change.

Result: DEST (default `$TMPDIR/benchdense`) and `DEST.manifest.json` beside it (pins, files and
lines per package). Needs pip access to the package index the first time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class Pin:
    name: str  # as pip knows it
    version: str
    sha256: str  # of the wheel
    role: str  # what it launches, for the report

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.version}"


# Chosen by what they launch (measured with frontier-lint 0.1.0: launch sites / wrappers each):
# agent tools (gptme 396/38, aider 32/24, swe-rex 9/3), build systems (meson 199/34, scons
# 37/15, conan 26/18, platformio 22/8), package and environment managers (pdm 43/38, poetry
# 16/11, tox 11/4, nox 25/4, pre-commit 12/1) and a shell (xonsh 44/19). Pure-Python wheels
# only, so the same bytes install everywhere.
PINS: tuple[Pin, ...] = (
    Pin(
        "gptme",
        "0.35.1",
        "7b527b2513bb097c20c6f2fbb0fbd352be86b1607c9274561e80b9c46e976923",
        "coding agent: shell, editors, browsers, subagents",
    ),
    Pin(
        "aider-chat",
        "0.86.2",
        "64f6a0c66c9f4633ad9f479bca3e64ebcba02b9da03c6b604b74a44736b2416e",
        "coding agent: git, linters, editors",
    ),
    Pin(
        "swe-rex",
        "1.4.0",
        "61261ad03eb23b717b5901cd5d229f24f6e1be2e120aad5c2e5ea3384a1d15ad",
        "agent sandbox runtime",
    ),
    Pin(
        "meson",
        "1.12.1",
        "930bc7542cbd9f57009e182fd014eba48cf1a0180a7b9006d2d32d8f168d8b02",
        "build system: compilers, linkers, tools",
    ),
    Pin(
        "scons",
        "4.11.1",
        "454cef364348053422696e3d2ecb4fa593c96a624f955842eaaea64f95c8d11d",
        "build system",
    ),
    Pin(
        "conan",
        "2.34.0",
        "4e268bb9ad38614141c7274a769c7226122e3660e4d5eb545a0c7f7170b53272",
        "C/C++ package manager: build tools",
    ),
    Pin(
        "platformio",
        "6.2.0",
        "c3de675539f90cbd51466dd326f2fb64c7b83a54c7229b6c30c55865a85eddc2",
        "embedded build tool: toolchains, uploaders",
    ),
    Pin(
        "pdm",
        "2.29.4",
        "599a299d7fb35195d41610ee8341f65c75c5c97dde9f8cfcf573790b3d1b0cd9",
        "Python package manager: interpreters, pip, scripts",
    ),
    Pin(
        "poetry",
        "2.5.1",
        "3f7910abc667ce0c33a67e306baf017acdec1c8eeec4aa64d176e530d8338a61",
        "Python package manager",
    ),
    Pin(
        "tox",
        "4.67.13",
        "4d6fa08dbe5e841f2abfee1dd4f5cdf31af30d68a3d78b85a7bf57eced5f3c6c",
        "test environment runner",
    ),
    Pin(
        "nox",
        "2026.10.20",
        "7aff12bb01471f5b087ada34cf0dbe452b02d840593f2e2afecc4bf6e6d6cd3f",
        "test session runner",
    ),
    Pin(
        "pre-commit",
        "4.7.0",
        "2e229038ad3656081b70c27913157e4b636ef306f643f024a8a8e3f0f7b2f877",
        "hook runner: every language's tools",
    ),
    Pin(
        "xonsh",
        "0.25.0",
        "421f4fd049e838f89b9863b1aca82525a63a7839ed21478d010dc0102aeb1490",
        "shell",
    ),
)


@dataclass(frozen=True)
class Package:
    requirement: str
    role: str
    wheel: str
    tops: tuple[str, ...]  # top-level directories (or modules) unpacked
    files: int
    lines: int


def _normal(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def wheel_for(pin: Pin, wheels: Path) -> Path | None:
    """The downloaded wheel of `pin` in `wheels` whose hash matches, if there is one."""
    stem = f"{_normal(pin.name)}-{pin.version}-"
    for path in sorted(wheels.glob("*.whl")):
        if _normal(path.name).startswith(_normal(stem)) and sha256(path) == pin.sha256:
            return path
    return None


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(pins: Sequence[Pin], wheels: Path, python: str = sys.executable) -> None:
    """Download the pinned wheels missing from `wheels`, checking their hashes (pip does)."""
    missing = [p for p in pins if wheel_for(p, wheels) is None]
    if not missing:
        return
    wheels.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as req:
        for pin in missing:
            req.write(f"{pin.requirement} --hash=sha256:{pin.sha256}\n")
    argv = [python, "-m", "pip", "download", "-q", "--disable-pip-version-check", "--no-deps"]
    argv += ["--only-binary", ":all:", "--require-hashes", "-d", str(wheels), "-r", req.name]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=1800)
    finally:
        Path(req.name).unlink()
    if done.returncode:
        tail = " / ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        raise SystemExit(f"pip download failed (exit {done.returncode}): {tail[-500:]}")
    for pin in missing:
        if wheel_for(pin, wheels) is None:
            raise SystemExit(f"no wheel of {pin.requirement} with sha256 {pin.sha256} in {wheels}")


def unpack(wheel: Path, dest: Path) -> tuple[tuple[str, ...], int, int]:
    """The `.py` files of `wheel`'s top-level packages into `dest`: (tops, files, lines)."""
    tops: set[str] = set()
    files = lines = 0
    with zipfile.ZipFile(wheel) as z:
        for info in sorted(z.infolist(), key=lambda i: i.filename):
            rel = PurePosixPath(info.filename)
            if info.is_dir() or rel.suffix != ".py" or rel.is_absolute() or ".." in rel.parts:
                continue
            if rel.parts[0].endswith((".dist-info", ".data")):
                continue  # metadata, and scripts/headers an installer puts elsewhere
            data = z.read(info)
            out = dest.joinpath(*rel.parts)
            if out.exists():
                raise SystemExit(f"{wheel.name}: {rel} is already in the project (two wheels)")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
            tops.add(rel.parts[0])
            files += 1
            lines += data.count(b"\n")
    return tuple(sorted(tops)), files, lines


def manifest_path(dest: Path) -> Path:
    return dest.with_name(dest.name + ".manifest.json")


def pins_digest(pins: Sequence[Pin]) -> str:
    return hashlib.sha256(
        "\n".join(f"{p.requirement} {p.sha256}" for p in pins).encode()
    ).hexdigest()


def build(
    dest: Path, wheels: Path, pins: Sequence[Pin] = PINS, *, download: bool = True
) -> list[Package]:
    """(Re)create the project at `dest` from the pinned wheels (fetched into `wheels` unless
    `download` is off); reused as it is when built from the same pins."""
    manifest = manifest_path(dest)
    digest = pins_digest(pins)
    if dest.is_dir() and manifest.is_file():
        try:
            data = json.loads(manifest.read_text())
            if data.get("pins_digest") == digest:
                return [Package(**{**p, "tops": tuple(p["tops"])}) for p in data["packages"]]
        except (ValueError, KeyError, TypeError):
            pass
    if download:
        fetch(pins, wheels)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    packages = []
    for pin in pins:
        wheel = wheel_for(pin, wheels)
        if wheel is None:
            raise SystemExit(f"no wheel of {pin.requirement} with sha256 {pin.sha256} in {wheels}")
        tops, files, lines = unpack(wheel, dest)
        packages.append(Package(pin.requirement, pin.role, wheel.name, tops, files, lines))
    manifest.write_text(
        json.dumps({"pins_digest": digest, "packages": [p.__dict__ for p in packages]}, indent=1)
        + "\n"
    )
    return packages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    tmp = Path(tempfile.gettempdir())
    parser.add_argument("dest", type=Path, nargs="?", default=tmp / "benchdense")
    parser.add_argument("--wheels", type=Path, default=tmp / "benchdense-wheels")
    args = parser.parse_args(argv)
    packages = build(args.dest.resolve(), args.wheels.resolve())
    for p in packages:
        print(f"{p.requirement:24} {p.files:6,} files {p.lines:9,} lines  {', '.join(p.tops)}")
    print(
        f"dense project: {args.dest}  {sum(p.files for p in packages):,} files, "
        f"{sum(p.lines for p in packages):,} lines"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

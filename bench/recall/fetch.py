"""Download the pinned packages and unpack their Python sources into a scratch directory.

    python bench/recall/fetch.py [--dest DIR] [--only NAME ...]

DIR defaults to `$TMPDIR/recall` (`/tmp/recall`). Each package in `packages.txt` is downloaded
with `pip download --no-deps --only-binary :all:` (or `--no-binary :all:` for a line marked
`sdist`; `--ignore-requires-python` as well, since nothing is installed) into `DIR/_downloads/`,
and only its `*.py` members are unpacked into `DIR/<name>/` (an sdist's top directory
`<name>-<version>/` is stripped). A package already unpacked is left
as it is (delete its directory to fetch it again). Nothing here is committed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    sdist: bool


def read_pins(path: Path = HERE / "packages.txt") -> list[Pin]:
    pins: list[Pin] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].split()
        if not line:
            continue
        name, _, version = line[0].partition("==")
        if not version:
            raise SystemExit(f"packages.txt: {raw!r} is not pinned (NAME==VERSION)")
        pins.append(Pin(name, version, "sdist" in line[1:]))
    return pins


def default_dest() -> Path:
    return Path(os.environ.get("TMPDIR") or tempfile.gettempdir()) / "recall"


def _norm(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def _archive(downloads: Path, pin: Pin) -> Path | None:
    for f in sorted(downloads.iterdir()):
        if f.suffix == ".whl":
            name, version = f.name.split("-")[:2]
        elif pin.sdist and f.name.endswith((".tar.gz", ".zip")):
            name, _, version = f.name.removesuffix(".tar.gz").removesuffix(".zip").rpartition("-")
        else:
            continue
        if _norm(name) == _norm(pin.name) and version == pin.version:
            return f
    return None


def download(pin: Pin, downloads: Path) -> Path:
    found = _archive(downloads, pin)
    if found:
        return found
    mode = ["--no-binary", ":all:"] if pin.sdist else ["--only-binary", ":all:"]
    # Nothing is installed or run, only unpacked: a pin that requires a newer Python than the
    # one running fetch.py is still read.
    argv = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "-q",
        "--no-deps",
        "--ignore-requires-python",
        *mode,
    ]
    argv += ["-d", str(downloads), f"{pin.name}=={pin.version}"]
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    found = _archive(downloads, pin)
    if proc.returncode != 0 or found is None:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no archive"]
        raise RuntimeError(f"{pin.name}=={pin.version}: {tail[0]}")
    return found


def _safe(member: str, strip: int) -> PurePosixPath | None:
    parts = PurePosixPath(member).parts[strip:]
    if not parts or any(p in ("..", "") for p in parts) or member.startswith("/"):
        return None
    rel = PurePosixPath(*parts)
    return rel if rel.suffix == ".py" else None


def unpack(archive: Path, target: Path) -> int:
    """Write the archive's *.py members under target; returns how many."""
    tmp = target.with_name(target.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    count = 0
    if archive.suffix in (".whl", ".zip"):
        strip = 0 if archive.suffix == ".whl" else 1
        with zipfile.ZipFile(archive) as z:
            for info in z.infolist():
                rel = _safe(info.filename, strip)
                if rel is None or info.is_dir():
                    continue
                out = tmp / rel
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(z.read(info))
                count += 1
    else:
        with tarfile.open(archive) as t:
            for m in t.getmembers():
                rel = _safe(m.name, 1)
                if rel is None or not m.isfile():
                    continue
                src = t.extractfile(m)
                if src is None:
                    continue
                out = tmp / rel
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(src.read())
                count += 1
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return count


def fetch(dest: Path, only: set[str] | None = None) -> list[str]:
    """Fetch every pin (or those in `only`); returns the error lines (empty when all worked)."""
    downloads = dest / "_downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    for pin in read_pins():
        if only and pin.name not in only:
            continue
        target = dest / pin.name
        if target.is_dir():
            continue
        try:
            n = unpack(download(pin, downloads), target)
        except (RuntimeError, OSError, zipfile.BadZipFile, tarfile.TarError) as exc:
            errors.append(str(exc))
            continue
        print(f"{pin.name}=={pin.version}: {n} .py files", flush=True)
    return errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dest", type=Path, default=default_dest())
    ap.add_argument("--only", action="append", default=[])
    args = ap.parse_args(argv)
    errors = fetch(args.dest, set(args.only) or None)
    for e in errors:
        print(f"fetch: {e}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

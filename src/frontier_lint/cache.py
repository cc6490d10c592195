"""The on-disk cache in `<root>/.frontier-lint-cache/`: per-file results and what they depend on.

Each analysed file's results (findings, unresolved sites, launch-site count, syntax error) are
stored with the content digests of every file they were resolved from. On the next run a file's
results are reused while its own digest and all of theirs are unchanged, so editing the default
of `Config.CODEX_CMD` in `config.py` re-analyses exactly the files that read it. The cache is
keyed by tool version, rule pack and configuration; a corrupt or foreign file is ignored and
rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from frontier_lint import __version__
from frontier_lint.findings import FileError, Finding, Hop, Unresolved

CACHE_DIR = ".frontier-lint-cache"
FORMAT = "frontier-lint-cache"
VERSION = 4  # 4: open findings (uncalled wrappers' parameter defaults)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def cache_key(catalogue_digest: str, config_digest: str) -> str:
    text = "\0".join((__version__, catalogue_digest, config_digest, sys.version.split()[0]))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class Entry:
    """What one analysed file contributed to a run."""

    deps: dict[str, str]  # path -> digest of every file its results were resolved from
    findings: list[Finding] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    sites: int = 0
    error: FileError | None = None
    checked: bool = False  # syntax checked with CPython's parser
    calls: list[str] = field(default_factory=list)  # wrappers called with their parameters filled
    # Launch sites whose program is a parameter of a wrapper here: unresolved unless some call
    # in the project fills it in (decided over all files at report time).
    open_sites: list[tuple[str, Unresolved]] = field(default_factory=list)
    # Findings at those sites with the wrapper's parameter defaults filled in: reported when
    # nothing in the project calls the wrapper.
    open_findings: list[tuple[str, Finding]] = field(default_factory=list)


@dataclass
class CacheData:
    files: dict[str, tuple[int, int, str]]  # path -> (size, mtime_ns, digest)
    entries: dict[str, Entry]
    wrappers: list[tuple[str, str, str]]  # (function id, name searched for, gate words)
    decode_errors: dict[str, tuple[int, int, str]]  # path -> (line, column, message)
    markers: list[str] = field(default_factory=list)  # files mentioning "frontier-lint" (comments)


class Cache:
    def __init__(self, root: Path, key: str) -> None:
        self.dir = root / CACHE_DIR
        self.path = self.dir / f"v{VERSION}-{key}.json"
        # Entries as loaded, with their JSON: saved again as is when the run did not replace them.
        self._loaded: dict[str, tuple[Entry, Any]] = {}

    def load(self) -> CacheData | None:
        try:
            raw = json.loads(self.path.read_bytes())
            if raw.get("format") != FORMAT or raw.get("version") != VERSION:
                return None
            return CacheData(
                files={p: (int(a), int(b), str(c)) for p, (a, b, c) in raw["files"].items()},
                entries=self._entries(raw["entries"]),
                wrappers=[(str(a), str(b), str(c)) for a, b, c in raw["wrappers"]],
                decode_errors={
                    p: (int(a), int(b), str(c)) for p, (a, b, c) in raw["decode_errors"].items()
                },
                markers=[str(m) for m in raw["markers"]],
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing, corrupt or foreign: start afresh

    def _entries(self, raw: dict[str, Any]) -> dict[str, Entry]:
        out = {p: _entry(e) for p, e in raw.items()}
        self._loaded = {p: (out[p], e) for p, e in raw.items()}
        return out

    def _json_of(self, path: str, entry: Entry) -> Any:
        loaded = self._loaded.get(path)
        return loaded[1] if loaded is not None and loaded[0] is entry else _entry_json(entry)

    def save(self, data: CacheData) -> None:
        payload = {
            "format": FORMAT,
            "version": VERSION,
            "files": {p: list(v) for p, v in sorted(data.files.items())},
            "entries": {p: self._json_of(p, e) for p, e in sorted(data.entries.items())},
            "wrappers": sorted(list(w) for w in data.wrappers),
            "decode_errors": {p: list(v) for p, v in sorted(data.decode_errors.items())},
            "markers": sorted(data.markers),
        }
        try:
            self.dir.mkdir(exist_ok=True)
            ignore = self.dir / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by frontier-lint automatically.\n*\n")
            fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                # dumps, not dump: only the one-shot encoder is the C one (5x faster here).
                fh.write(json.dumps(payload, separators=(",", ":")))
            os.replace(tmp, self.path)
            # Older keys (another configuration or version) are left to be overwritten by theirs.
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)  # a read-only tree: the cache is an optimisation, never an error


def _finding_json(f: Finding) -> dict[str, Any]:
    d = asdict(f)
    del d["via"]  # set by a run's report, never part of a file's results
    d["trace"] = [list((h.path, h.line, h.column, h.note)) for h in f.trace]
    return d


def _unresolved_json(u: Unresolved) -> dict[str, Any]:
    d = asdict(u)
    del d["via"]  # as in _finding_json
    return d


def _entry_json(e: Entry) -> dict[str, Any]:
    return {
        "deps": e.deps,
        "findings": [_finding_json(f) for f in e.findings],
        "unresolved": [_unresolved_json(u) for u in e.unresolved],
        "sites": e.sites,
        "error": asdict(e.error) if e.error else None,
        "checked": e.checked,
        "calls": e.calls,
        "open_sites": [[fid, _unresolved_json(u)] for fid, u in e.open_sites],
        "open_findings": [[fid, _finding_json(f)] for fid, f in e.open_findings],
    }


def _entry(raw: dict[str, Any]) -> Entry:
    return Entry(
        deps={str(k): str(v) for k, v in raw["deps"].items()},
        findings=[_finding(f) for f in raw["findings"]],
        unresolved=[Unresolved(**u) for u in raw["unresolved"]],
        sites=int(raw["sites"]),
        error=FileError(**raw["error"]) if raw["error"] else None,
        checked=bool(raw["checked"]),
        calls=[str(c) for c in raw["calls"]],
        open_sites=[(str(fid), Unresolved(**u)) for fid, u in raw["open_sites"]],
        open_findings=[(str(fid), _finding(f)) for fid, f in raw["open_findings"]],
    )


def _finding(raw: dict[str, Any]) -> Finding:
    f = dict(raw)  # the loaded JSON is written back as is for entries a run keeps
    trace = tuple(Hop(str(p), int(line), int(col), str(n)) for p, line, col, n in f.pop("trace"))
    return Finding(**f, trace=trace)

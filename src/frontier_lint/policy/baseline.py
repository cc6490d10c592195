"""The baseline (ratchet): record today's violations, then report only new ones.

A fingerprint identifies a violation without its line number: rule, path, program, the enclosing
function and the call's source text with formatting removed, plus the occurrence index among
identical calls in the same function (so two `subprocess.run(CMD)` in one function are two
entries, and adding a third is a new violation). Moving code, reformatting it, or renaming an
unrelated function keeps every fingerprint.

The file is JSON with one entry per line, sorted, written atomically: a fixed violation is a
deleted line in the diff, a new one an added line. A symlinked baseline is written through: its
target is replaced, the link stays. A file name that is not UTF-8 is fingerprinted by its bytes
and stored as JSON escapes, so it round-trips exactly.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypedDict

from frontier_lint.findings import BASELINED, VIOLATION, Finding, Report
from frontier_lint.policy.meta_rules import META_RULES
from frontier_lint.scan.fileio import ReadError, read_regular

FORMAT = "frontier-lint-baseline"
VERSION = 1
# Reports about suppressions, unresolved sites and file errors are never baselined: they are
# cheap to fix, and baselining them would let suppressions rot.
_NOT_BASELINED = frozenset(r.id for r in META_RULES)
# A baseline of 100,000 violations is ~30 MB; past this bound the file is not one.
MAX_BASELINE_BYTES = 256 << 20


class BaselineError(Exception):
    """A baseline file that is missing, unreadable or not a frontier-lint baseline (exit 2)."""


@dataclass(frozen=True, order=True)
class BaselineEntry:
    """One accepted finding, by where it is rather than by line."""

    path: str
    rule: str
    function: str
    fingerprint: str
    program: str = ""
    call: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "path": self.path,
            "program": self.program,
            "function": self.function,
            "call": self.call,
        }


@dataclass(frozen=True)
class Baseline:
    """A baseline file's accepted findings."""

    path: Path
    entries: tuple[BaselineEntry, ...]

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries)


def normalise_call(text: str) -> str:
    """The call's source without layout: whitespace, comments, line breaks and a trailing comma
    before a closing bracket do not change the result (black and ruff format both ways).

    A small scanner rather than `tokenize`, whose f-string tokens differ between Python versions:
    a baseline written on one version must match on another.
    """
    out: list[str] = []
    space = False  # whitespace was skipped since the last emitted character
    i, n = 0, len(text)

    def emit(piece: str) -> None:
        nonlocal space
        if space and out and _wordish(out[-1][-1]) and (_wordish(piece[0]) or piece[0] in "'\""):
            out.append(" ")  # `not x`, `lambda x`: the space is part of the meaning
        if piece[0] in ")]}" and out and out[-1] == ",":
            out.pop()
        out.append(piece)
        space = False

    while i < n:
        c = text[i]
        if c in "'\"":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            j = min(n, j + len(quote))
            emit(text[i:j])  # string literals are kept byte for byte
            i = j
        elif c == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif c.isspace() or (c == "\\" and text[i + 1 : i + 2] in ("\n", "\r")):
            space = True
            i += 1
        else:
            emit(c)
            i += 1
    return "".join(out)


def _wordish(c: str) -> bool:
    return c.isalnum() or c == "_"


def _identity(f: Finding) -> tuple[str, str, str, str, str]:
    return (f.rule, f.path, f.program or "", f.function, normalise_call(f.call_text or f.message))


def fingerprint_all(findings: Sequence[Finding]) -> list[Finding]:
    """`findings` with `fingerprint` filled in, in the same order.

    The occurrence index counts identical identities in source order (path, line, column), so the
    result does not depend on the order `findings` arrive in.
    """
    order = sorted(range(len(findings)), key=lambda i: findings[i].sort_key)
    seen: Counter[tuple[str, str, str, str, str]] = Counter()
    out: list[Finding] = list(findings)
    for i in order:
        f = findings[i]
        ident = _identity(f)
        n = seen[ident]
        seen[ident] += 1
        # surrogateescape: a file name that is not UTF-8 counts by its bytes (the fingerprint
        # of every other name is unchanged).
        text = "\x1f".join((*ident, str(n)))
        digest = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
        out[i] = replace(f, fingerprint=digest[:20])
    return out


def fingerprinted(report: Report) -> Report:
    """The report with every finding fingerprinted; as it is when they all are (the engine
    fingerprints its reports: a run answered from memory brings them along)."""
    both = (*report.findings, *report.hidden)
    if all(f.fingerprint for f in both):
        return report
    # Shown and hidden findings together: the occurrence index of two identical calls must not
    # depend on which of them happens to be suppressed.
    done = fingerprint_all(both)
    n = len(report.findings)
    return replace(report, findings=tuple(done[:n]), hidden=tuple(done[n:]))


def _entry(f: Finding) -> BaselineEntry:
    return BaselineEntry(
        path=f.path,
        rule=f.rule,
        function=f.function,
        fingerprint=f.fingerprint,
        program=f.program or "",
        call=normalise_call(f.call_text) if f.call_text else "",
    )


def entries_for(findings: Iterable[Finding]) -> list[BaselineEntry]:
    """Baseline entries for the violations among `findings` (fingerprinted if needed)."""
    fs = list(findings)
    if any(not f.fingerprint for f in fs):
        fs = fingerprint_all(fs)
    # Allowed and suppressed findings are excused elsewhere; recording them would hide a later
    # removal of their comment or allowlist entry.
    keep = (VIOLATION, BASELINED)
    return sorted({_entry(f) for f in fs if f.rule not in _NOT_BASELINED and f.status in keep})


def write_baseline(
    path: Path, findings: Sequence[Finding], keep: Iterable[BaselineEntry] = ()
) -> None:
    """Record `findings` (today's violations) in `path`, atomically, plus the entries `keep`
    (those of files this run could not check).

    Baselined findings passed in (status BASELINED) are kept, so writing from a run that used a
    baseline records the union; meta reports (FL1xx, FL2xx) are left out.
    """
    write_entries(path, [*entries_for(findings), *keep])


def previous_entries(path: Path) -> list[BaselineEntry]:
    """The entries of the baseline that `--write-baseline` is about to replace ([] when there
    is none, or it is too damaged to read, e.g. merge conflict markers). A file that is not a
    baseline at all is a `BaselineError`: it is the user's, not ours to replace."""
    path = Path(path)
    if not path.exists():
        return []
    text = _read(path)
    if text.strip() and FORMAT not in text:
        raise BaselineError(
            f"{path}: exists and is not a frontier-lint baseline; not replacing it "
            "(remove it or choose another file)"
        )
    try:
        return list(load_baseline(path).entries)
    except BaselineError:
        return []


def write_entries(path: Path, entries: Iterable[BaselineEntry]) -> None:
    rows = sorted(set(entries))
    lines = [
        "{",
        f'  "format": "{FORMAT}",',
        f'  "version": {VERSION},',
        '  "entries": [',
    ]
    # One compact entry per line, sorted: the diff of a change is one line per violation. A
    # name that is not UTF-8 (lone surrogates) is kept as JSON escapes: loads gives it back.
    body = [_row(e) for e in rows]
    lines += [f"    {row}," for row in body[:-1]] + [f"    {row}" for row in body[-1:]]
    lines += ["  ]", "}", ""]
    _atomic_write(path, "\n".join(lines))


def _row(entry: BaselineEntry) -> str:
    row = json.dumps(entry.to_json(), ensure_ascii=False)
    try:
        row.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(entry.to_json())
    return row


def _atomic_write(path: Path, text: str) -> None:
    # Through a symlink (a baseline shared between checkouts): its target is replaced, the
    # link stays a link.
    path = Path(os.path.realpath(path))
    directory = path.parent
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile  # (only a run that writes a baseline needs it)

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)  # mkstemp creates 0600; keep the file's (or the umask's) mode
        os.replace(tmp, path)  # readers see the old file or the new one, never half of one
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _read(path: Path) -> str:
    try:
        data, _ = read_regular(path, MAX_BASELINE_BYTES)
        return data.decode("utf-8")
    except (ReadError, UnicodeDecodeError) as exc:
        reason = str(exc).removeprefix("cannot read: ")
        raise BaselineError(f"{path}: cannot read baseline: {reason}") from None


def load_baseline(path: Path) -> Baseline:
    path = Path(path)
    if not path.exists():
        raise BaselineError(
            f"{path}: baseline file not found (create it with --write-baseline {path})"
        )
    text = _read(path)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: corrupt baseline: {exc.msg}") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise BaselineError(f'{path}: not a frontier-lint baseline (no "format": "{FORMAT}")')
    if raw.get("version") != VERSION:
        raise BaselineError(
            f"{path}: baseline version {raw.get('version')!r} is not supported "
            f"(expected {VERSION}); rewrite it with --write-baseline"
        )
    items = raw.get("entries")
    if not isinstance(items, list):
        raise BaselineError(f"{path}: corrupt baseline: `entries` must be a list")
    entries: list[BaselineEntry] = []
    for n, item in enumerate(items, 1):
        if (
            not isinstance(item, dict)
            or not all(isinstance(item.get(k), str) for k in ("fingerprint", "rule", "path"))
            or not item["fingerprint"]
        ):
            raise BaselineError(
                f"{path}: corrupt baseline: entry {n} needs string fingerprint, rule and path"
            )
        entries.append(
            BaselineEntry(
                path=item["path"],
                rule=item["rule"],
                function=str(item.get("function", "")),
                fingerprint=item["fingerprint"],
                program=str(item.get("program") or ""),
                call=str(item.get("call", "")),
            )
        )
    return Baseline(path=path, entries=tuple(entries))


def apply_baseline(
    findings: Sequence[Finding],
    baseline: Baseline,
    *,
    analysed_paths: Collection[str] | None = None,
) -> tuple[list[Finding], list[Finding], list[BaselineEntry]]:
    """Split `findings` into (new, baselined) and list the stale entries.

    An entry is stale when its violation is gone. With `analysed_paths` (a pre-commit run that
    checks a few files), only entries of those files can be stale: the others were not looked at.
    """
    fs = list(findings)
    if any(not f.fingerprint for f in fs):
        fs = fingerprint_all(fs)
    recorded = baseline.fingerprints
    new: list[Finding] = []
    baselined: list[Finding] = []
    matched: set[str] = set()
    for f in fs:
        if f.status == VIOLATION and f.rule not in _NOT_BASELINED and f.fingerprint in recorded:
            matched.add(f.fingerprint)
            baselined.append(replace(f, status=BASELINED, note=f"in baseline {baseline.path}"))
        else:
            new.append(f)
    scope = set(analysed_paths) if analysed_paths is not None else None
    stale = [
        e
        for e in baseline.entries
        if e.fingerprint not in matched and (scope is None or e.path in scope)
    ]
    return new, baselined, sorted(stale)


class BaselineRun(TypedDict):
    """What a run with a baseline did, as the gate records it (`Report.extra["baseline"]`) for
    the reporters and the command line."""

    path: str
    baselined: int  # violations the baseline holds
    stale: list[BaselineEntry]  # entries whose violation is gone (left after pruning)
    pruned: int  # stale entries removed by --prune-baseline
    kept: int  # entries kept unchecked: their files could not be analysed
    kept_files: int


def prune_baseline(baseline: Baseline, stale: Iterable[BaselineEntry]) -> int:
    """Rewrite the baseline without its stale entries (never adding any); return how many went."""
    gone = set(stale)
    keep = [e for e in baseline.entries if e not in gone]
    removed = len(baseline.entries) - len(keep)
    if removed:
        write_entries(baseline.path, keep)
    return removed

"""Score a frontier-lint executable against the hand labels of real packages.

    python bench/recall/score.py [--frontier-lint PATH] [--dest DIR] [--only NAME ...]
                                 [--out-json FILE] [--out-md FILE]

Runs `frontier-lint --strict --format json --no-cache ROOT` on each unpacked package (fetched by
`fetch.py` into DIR, default `$TMPDIR/recall`), with a generated configuration (`include` from
`labels.yaml`, default every file) written as `frontier-lint.yaml` in the unpacked copy, and compares
the report with `labels.yaml`. A package's optional `forbid` names programs it launches that are
forbidden for its run besides codex/claude/gemini (a generated rule pack, `FL901` for launches and
`FL902` for probes, in the copy):
what the tool must report when a user's forbidden programs are the ones the package launches
(an `aider` or `cursor-agent` wrapper is judged as a `claude` one is).


- recall as findings: a violation label is found when, for each of its programs, a finding
  with that program is at the labelled line or at one of its `report_at` lines;
- FL200 only: not found, but an unresolved site at one of those lines;
- silent: neither;
- FL200 on clean: an unresolved site at a clean-labelled line;
- false positives: findings at clean / unknown labelled lines, and findings or unresolved
  sites at lines no label names (listed for review: an unlabelled one may be a missed label);
- unparsed: files of the package's `include` that this interpreter's `ast` cannot parse, so
  `sites.py` listed none of their sites for the labeller (3.12 syntax under 3.11): each is
  listed, since a launch in it may have no label.

Output: a Markdown table (stdout or --out-md) and a JSON file with every mismatch. The result
depends only on the tool's output: packages and mismatches are sorted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fetch import default_dest, read_pins  # noqa: E402
from sites import included, unparsed  # noqa: E402

OUTCOMES = ("violation", "clean", "unknown")
CONFIG_NAME = "frontier-lint.yaml"  # generated in the unpacked copy, never in the repo
PACK_NAME = "frontier-lint-recall-rules.yaml"  # the `forbid` rule pack, beside it


@dataclass(frozen=True)
class Label:
    package: str
    file: str
    line: int
    expect: str
    programs: tuple[str, ...]
    report_at: tuple[tuple[str, int], ...]
    why: str

    def places(self) -> set[tuple[str, int]]:
        return {(self.file, self.line), *self.report_at}


@dataclass(frozen=True)
class Observed:
    path: str
    line: int
    kind: str  # "finding" | "unresolved" | "error"
    program: str | None
    detail: str


@dataclass
class PackageScore:
    package: str
    seconds: float = 0.0
    exit_code: int | None = None
    tool_error: str | None = None
    labels: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    found: int = 0
    misplaced: int = 0
    fl200_only: int = 0
    silent: int = 0
    fl200_clean: int = 0
    false_positives: int = 0
    unlabelled: int = 0
    unparsed: int = 0
    mismatches: list[dict[str, Any]] = field(default_factory=list)


def _place(text: str) -> tuple[str, int]:
    path, _, line = text.rpartition(":")
    return path, int(line)


def load_labels(path: Path) -> dict[str, dict[str, Any]]:
    """package -> {"include": [...] | None, "labels": [Label, ...]}; validates every entry."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, Any]] = {}
    for package, spec in sorted((data.get("packages") or {}).items()):
        labels: list[Label] = []
        for i, s in enumerate(spec.get("sites") or []):
            where = f"{path.name}: {package} site {i + 1}"
            if s.get("expect") not in OUTCOMES:
                raise SystemExit(f"{where}: expect must be one of {OUTCOMES}")
            programs = tuple(s.get("programs") or ())
            if (s["expect"] == "violation") != bool(programs):
                raise SystemExit(f"{where}: programs are given exactly for a violation")
            labels.append(
                Label(
                    package,
                    s["file"],
                    int(s["line"]),
                    s["expect"],
                    programs,
                    tuple(_place(p) for p in s.get("report_at") or ()),
                    s.get("why", ""),
                )
            )
        seen = [(lb.file, lb.line) for lb in labels]
        if len(seen) != len(set(seen)):
            raise SystemExit(f"{path.name}: {package} labels a line twice")
        forbid = [str(p) for p in spec.get("forbid") or ()]
        out[package] = {"include": spec.get("include"), "forbid": forbid, "labels": labels}
    return out


def run_tool(
    tool: str, root: Path, include: list[str] | None, forbid: list[str] | None = None
) -> tuple[dict[str, Any] | None, int, str, float]:
    """(report, exit code, stderr tail, seconds) of one strict JSON run on root."""
    # The configuration's directory is the project root, so it goes into the scratch copy.
    config = root / CONFIG_NAME
    settings: dict[str, Any] = {"include": include or ["**"]}
    pack = root / PACK_NAME
    if forbid:
        # As the built-in pack: launches (FL001's kinds) and lookups (FL002's probes).
        rules = [
            {
                "id": code,
                "name": f"recall-forbidden-{name}",
                "summary": "A program the recall labels forbid for this package.",
                "message": "{sink} can " + verb + " forbidden program `{program}`",
                "kinds": kinds,
                "programs": sorted(forbid),
            }
            for code, name, verb, kinds in (
                ("FL901", "launch", "launch", ["exec", "shell"]),
                ("FL902", "probe", "look up", ["probe"]),
            )
        ]
        pack.write_text(yaml.safe_dump({"version": 1, "rules": rules}), encoding="utf-8")
        settings["rules"] = [PACK_NAME]
    elif pack.exists():
        pack.unlink()
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    argv = [tool, "--strict", "--format", "json", "--no-cache", "--config", str(config), "."]
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=root, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        report = None
    tail = (proc.stderr.strip().splitlines() or [""])[-1]
    return report, proc.returncode, tail, seconds


def observations(report: dict[str, Any]) -> list[Observed]:
    out: list[Observed] = []
    for f in report.get("findings", []):
        out.append(Observed(f["path"], f["line"], "finding", f.get("program"), f.get("rule", "")))
    for u in report.get("unresolved", []):
        out.append(Observed(u["path"], u["line"], "unresolved", None, u.get("reason", "")))
    for e in report.get("errors", []):
        out.append(Observed(e["path"], e["line"], "error", None, e.get("message", "")))
    return out


def _brief(obs: Iterable[Observed]) -> list[str]:
    return sorted(
        f"{o.path}:{o.line} {o.kind}" + (f" {o.program}" if o.program else "") + f" ({o.detail})"
        for o in obs
    )


def score_package(
    package: str, spec: dict[str, Any], obs: list[Observed], score: PackageScore
) -> None:
    labels: list[Label] = spec["labels"]
    at: dict[tuple[str, int], list[Observed]] = {}
    for o in obs:
        at.setdefault((o.path, o.line), []).append(o)
    claimed: set[tuple[str, int]] = set()

    def miss(label: Label, verdict: str, seen: list[Observed]) -> None:
        score.mismatches.append(
            {
                "package": package,
                "path": label.file,
                "line": label.line,
                "label": label.expect,
                "programs": list(label.programs),
                "report_at": [f"{p}:{n}" for p, n in label.report_at],
                "verdict": verdict,
                "observed": _brief(seen),
                "why": label.why,
            }
        )

    for label in labels:
        score.labels[label.expect] += 1
        places = label.places() if label.expect == "violation" else {(label.file, label.line)}
        claimed |= places
        seen = [o for p in sorted(places) for o in at.get(p, [])]
        if label.expect == "violation":
            programs = {o.program for o in seen if o.kind == "finding"}
            missing = [p for p in label.programs if p not in programs]
            if not missing:
                score.found += 1
                # Found, but only at the sink of a label that names where it should be reported.
                if label.report_at and not any(
                    o.kind == "finding" for p in label.report_at for o in at.get(p, [])
                ):
                    score.misplaced += 1
                    miss(label, "found at the sink, expected at a caller", seen)
            elif any(o.kind == "unresolved" for o in seen):
                score.fl200_only += 1
                miss(label, f"FL200 only (no finding for {', '.join(missing)})", seen)
            else:
                score.silent += 1
                miss(label, f"silent (no finding for {', '.join(missing)})", seen)
            continue
        findings = [o for o in seen if o.kind == "finding"]
        if findings:
            score.false_positives += 1
            miss(label, "false positive", seen)
        if label.expect == "clean" and any(o.kind == "unresolved" for o in seen):
            score.fl200_clean += 1
            miss(label, "FL200 on a clean site", seen)

    for place in sorted(at):
        if place in claimed:
            continue
        rest = at[place]
        score.unlabelled += 1
        if any(o.kind == "finding" for o in rest):
            score.false_positives += 1
        score.mismatches.append(
            {
                "package": package,
                "path": place[0],
                "line": place[1],
                "label": None,
                "verdict": "unlabelled "
                + ("finding" if any(o.kind == "finding" for o in rest) else "report"),
                "observed": _brief(rest),
            }
        )


def note_unparsed(root: Path, include: list[str] | None, score: PackageScore) -> None:
    """Counts and lists the files `sites.py` could not read for the labeller (`unparsed`)."""
    for rel, file in included(root, include):
        skipped = unparsed(file, rel)
        if skipped is None:
            continue
        score.unparsed += 1
        score.mismatches.append(
            {
                "package": score.package,
                "path": rel,
                "line": skipped.line,
                "label": None,
                "verdict": "unparsed by sites.py: its sites may be unlabelled",
                "observed": [skipped.call],
            }
        )


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f} %" if d else "–"


def markdown(scores: list[PackageScore], tool_version: str, total_seconds: float) -> str:
    head = (
        "| package | violations | clean | unknown | found | misplaced | FL200 only | silent "
        "| FL200 on clean | false pos. | unlabelled | unparsed | s |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    )
    rows = []
    tot = PackageScore("**total**")
    for s in scores:
        err = f" (exit {s.exit_code}: {s.tool_error})" if s.tool_error else ""
        rows.append(
            f"| {s.package}{err} | {s.labels['violation']} | {s.labels['clean']} | {s.labels['unknown']} "
            f"| {s.found} | {s.misplaced} | {s.fl200_only} | {s.silent} | {s.fl200_clean} "
            f"| {s.false_positives} | {s.unlabelled} | {s.unparsed} | {s.seconds:.1f} |"
        )
        for k in OUTCOMES:
            tot.labels[k] += s.labels[k]
        for k in (
            "found",
            "misplaced",
            "fl200_only",
            "silent",
            "fl200_clean",
            "false_positives",
            "unlabelled",
            "unparsed",
        ):
            setattr(tot, k, getattr(tot, k) + getattr(s, k))
        tot.seconds += s.seconds
    rows.append(
        f"| **total** | {tot.labels['violation']} | {tot.labels['clean']} | {tot.labels['unknown']} "
        f"| {tot.found} | {tot.misplaced} | {tot.fl200_only} | {tot.silent} | {tot.fl200_clean} "
        f"| {tot.false_positives} | {tot.unlabelled} | {tot.unparsed} | {tot.seconds:.1f} |"
    )
    v, c = tot.labels["violation"], tot.labels["clean"]
    summary = (
        f"- tool: {tool_version}\n"
        f"- packages: {len(scores)}; labelled sites: {sum(tot.labels.values())} "
        f"({v} violation, {c} clean, {tot.labels['unknown']} unknown)\n"
        f"- **recall as findings: {tot.found}/{v} = {_pct(tot.found, v)}** "
        f"(of which {tot.misplaced} only at the sink where a caller was expected)\n"
        f"- violations only FL200: {tot.fl200_only} ({_pct(tot.fl200_only, v)}); "
        f"silent misses: {tot.silent} ({_pct(tot.silent, v)})\n"
        f"- FL200 on clean sites: {tot.fl200_clean}/{c} = {_pct(tot.fl200_clean, c)}\n"
        f"- false positives (findings at clean/unknown labels or unlabelled lines): {tot.false_positives}; "
        f"unlabelled lines with a report (for review): {tot.unlabelled}\n"
        f"- files of the labelled packages `sites.py` could not parse (their sites may lack a "
        f"label): {tot.unparsed}\n"
        f"- frontier-lint time over all packages: {tot.seconds:.1f} s (wall, whole run {total_seconds:.1f} s)\n"
    )
    return summary + "\n" + head + "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--frontier-lint", dest="tool", default=shutil.which("frontier-lint") or "frontier-lint"
    )
    ap.add_argument("--dest", type=Path, default=default_dest())
    ap.add_argument("--labels", type=Path, default=HERE / "labels.yaml")
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--out-json", type=Path)
    ap.add_argument("--out-md", type=Path)
    args = ap.parse_args(argv)
    # Runs happen in each package's directory: a relative tool path means the caller's.
    found = shutil.which(args.tool)
    args.tool = str(Path(found).resolve()) if found else args.tool

    start = time.perf_counter()
    labels = load_labels(args.labels)
    pinned = {p.name for p in read_pins()}
    unknown = sorted(set(labels) - pinned)
    if unknown:
        raise SystemExit(f"labels.yaml: packages not in packages.txt: {', '.join(unknown)}")
    version = subprocess.run([args.tool, "--version"], capture_output=True, text=True, check=False)
    tool_version = (version.stdout or version.stderr).strip() or args.tool

    scores: list[PackageScore] = []
    for package in sorted(labels):
        if args.only and package not in args.only:
            continue
        root = args.dest / package
        score = PackageScore(package)
        scores.append(score)
        if not root.is_dir():
            score.tool_error = f"not fetched: {root} (run fetch.py)"
            continue
        report, code, tail, seconds = run_tool(
            args.tool, root, labels[package]["include"], labels[package]["forbid"]
        )
        score.seconds, score.exit_code = seconds, code
        if report is None:
            score.tool_error = tail or "no JSON output"
            obs: list[Observed] = []
        else:
            obs = observations(report)
        score_package(package, labels[package], obs, score)
        note_unparsed(root, labels[package]["include"], score)
        print(f"{package}: {seconds:.1f} s, exit {code}", file=sys.stderr, flush=True)

    total = time.perf_counter() - start
    md = markdown(scores, tool_version, total)
    if args.out_md:
        args.out_md.write_text(md, encoding="utf-8")
    else:
        print(md)
    if args.out_json:
        payload = {
            "tool": tool_version,
            "packages": [{k: v for k, v in asdict(s).items() if k != "mismatches"} for s in scores],
            "mismatches": [m for s in scores for m in s.mismatches],
        }
        args.out_json.write_text(
            json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

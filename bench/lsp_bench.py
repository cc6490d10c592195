"""Language-server benchmark: first analysis and edit-to-diagnostics latency.

    python bench/lsp_bench.py [--dir DIR] [--edits 15] [--files 500] [--big-lines 13000]

Builds a project of `--files` Python files (default 500) that holds one `--big-lines`-line module
(default 13,000: `services/tasks.py`, which launches processes through a config constant, a
builder and a wrapper module), starts `python -m frontier_lint lsp` over stdio, opens the big
module and measures:

- **first analysis**: `didOpen` of the big module to its first `publishDiagnostics`;
- **edit latency**: `didChange` (one keystroke-sized edit in the unsaved buffer) to the
  `publishDiagnostics` for that version, the median and spread of `--edits` edits, spaced so
  that each edit is measured on its own (the server's debounce is included in the figure);
- **dependency edit**: an edit of `Config.CODEX_CMD`'s default in `core/config.py` (another
  open buffer) to the updated diagnostics of `services/tasks.py`.

Every edit alternates between a clean program (`git`) and a forbidden one (`codex`) at one launch
in the big module, so each measured publication is checked to be the right one, not a stale echo.
Not part of CI (the figures depend on the machine); `tests/test_lsp.py` covers the behaviour.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))  # tests.lsp_client: the test-suite's LSP client

from frontier_lint.lsp.documents import DEFAULT_DEBOUNCE  # noqa: E402
from tests.lsp_client import LspClient, path_uri  # noqa: E402

PACKAGES = 24
DEBOUNCE_MS = round(DEFAULT_DEBOUNCE * 1000)  # the server's default
ANALYSED = re.compile(r"analysed .* in (\d+) ms")
BIG = "services/tasks.py"
CONFIG_MODULE = "core/config.py"
# The marker line in the big module that the edits toggle between `git` and `codex`.
TOGGLE = '    return subprocess.run([{prog!r}, "status", "--short"], capture_output=True)  # toggle'

CONFIG = '''"""Runtime settings, read from the environment with development defaults."""

import os


class Config:
    MODEL = os.getenv("LLM_MODEL", "gpt-5")
    CODEX_CMD = os.getenv("CODEX_CMD", "codex")
    GIT = os.environ.get("GIT_BINARY") or "git"
    TIMEOUT = int(os.getenv("TASK_TIMEOUT", "600"))


PROVIDER_COMMANDS = {
    "codex": [Config.CODEX_CMD, "exec"],
    "git": [Config.GIT, "log", "-1"],
}
'''

PROC = '''"""Process helpers shared by the services."""

import shlex
import subprocess


def run_process(cmd, *, stdin=None, env=None, cwd=None):
    """Start `cmd` and return the process."""
    return subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, env=env, cwd=cwd)


def run_shell(line, cwd=None):
    return subprocess.run(line, shell=True, cwd=cwd, capture_output=True, text=True)


def quote_all(parts):
    return " ".join(shlex.quote(p) for p in parts)
'''

BIG_HEAD = '''"""Task orchestration for the worker fleet (generated for the language-server benchmark)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import time
from dataclasses import dataclass, field

from core.config import PROVIDER_COMMANDS, Config
from util import proc

log = logging.getLogger(__name__)
RETRIES = int(os.getenv("TASK_RETRIES", "3"))


def _build_codex_cmd(model=None):
    cmd = [Config.CODEX_CMD, "exec"]
    if model:
        cmd.extend(["--model", model])
    return cmd


def _run_llm_process(cmd, prompt, env=None):
    process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    out, _ = process.communicate(prompt.encode())
    return out.decode()


def run_llm(prompt, model=None):
    return _run_llm_process(_build_codex_cmd(model), prompt)


def review(provider, diff):
    return proc.run_process(PROVIDER_COMMANDS[provider] + ["--diff", diff])


def repository_status():
{toggle}

'''

BLOCK = '''
@dataclass
class Job{n}:
    """A unit of work of kind {n}."""

    name: str
    payload: dict = field(default_factory=dict)
    attempts: int = 0
    deadline: float = 0.0

    def key(self) -> str:
        return f"job{n}:{{self.name}}"

    def expired(self, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        return bool(self.deadline) and now > self.deadline

    def to_json(self) -> str:
        return json.dumps({{"name": self.name, "payload": self.payload, "attempts": self.attempts}})


def schedule_{n}(jobs, limit={limit}):
    """Pick at most `limit` jobs of kind {n}, oldest first, skipping expired ones."""
    ready = [j for j in jobs if not j.expired()]
    ready.sort(key=lambda j: (j.attempts, j.name))
    picked = ready[:limit]
    for job in picked:
        job.attempts += 1
        log.debug("scheduled %s (attempt %d)", job.key(), job.attempts)
    return picked


def summarise_{n}(jobs):
    totals = {{}}
    for job in jobs:
        bucket = totals.setdefault(job.name.split("-")[0], {{"count": 0, "attempts": 0}})
        bucket["count"] += 1
        bucket["attempts"] += job.attempts
    return totals
'''

LAUNCH_BLOCKS = (
    """

def revision_{n}(cwd=None):
    return subprocess.check_output([Config.GIT, "rev-parse", "HEAD"], cwd=cwd, text=True).strip()
""",
    """

def archive_{n}(path):
    return proc.run_process(["tar", "-czf", path + ".tgz", path])
""",
    """

def disk_usage_{n}(path):
    return proc.run_shell("du -sh " + proc.quote_all([path]))
""",
)

MODULE = '''"""Package {pkg}, module {mod} (generated for the language-server benchmark)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from {pkg} import {sibling} as sibling

log = logging.getLogger(__name__)
LIMIT_{n} = int(os.getenv("LIMIT_{n}", "{limit}"))


@dataclass
class Record{n}:
    key: str
    value: int = 0

    def bump(self, by: int = 1) -> int:
        self.value += by
        return self.value

    def describe(self) -> str:
        return f"{{self.key}}={{self.value}}"


def collect_{n}(items):
    out = []
    for item in items:
        if item is None:
            continue
        out.append(Record{n}(str(item)))
    return out[:LIMIT_{n}]


def merge_{n}(left, right):
    seen = {{r.key: r for r in left}}
    for r in right:
        if r.key in seen:
            seen[r.key].bump(r.value)
        else:
            seen[r.key] = r
    return sorted(seen.values(), key=lambda r: r.key)


def helper_{n}(values):
    return sibling.helper_{sib_n}(values) if values else []


class Store{n}:
    """An in-memory store of records of kind {n}, with a size limit."""

    def __init__(self, limit: int = LIMIT_{n}) -> None:
        self.limit = limit
        self._items: dict[str, Record{n}] = {{}}
        self._hits = 0
        self._misses = 0

    def get(self, key: str) -> Record{n} | None:
        item = self._items.get(key)
        if item is None:
            self._misses += 1
        else:
            self._hits += 1
        return item

    def put(self, record: Record{n}) -> None:
        if len(self._items) >= self.limit and record.key not in self._items:
            oldest = min(self._items.values(), key=lambda r: r.value)
            del self._items[oldest.key]
            log.debug("evicted %s", oldest.key)
        self._items[record.key] = record

    def stats(self) -> dict[str, int]:
        total = self._hits + self._misses
        return {{"hits": self._hits, "misses": self._misses, "total": total}}


def parse_{n}(line: str) -> Record{n} | None:
    key, sep, value = line.partition("=")
    if not sep or not key.strip():
        return None
    try:
        return Record{n}(key.strip(), int(value))
    except ValueError:
        log.warning("bad value for %s: %r", key, value)
        return None
'''

MODULE_LAUNCH = """

def tool_version_{n}():
    import subprocess

    return subprocess.run(["{tool}", "--version"], capture_output=True, text=True).stdout
"""


def build_project(root: Path, files: int = 500, big_lines: int = 13_000, seed: int = 7) -> None:
    """Write the benchmark project under `root` (replaced): `files` .py files in all."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "core").mkdir(parents=True)
    (root / "util").mkdir()
    (root / "services").mkdir()
    (root / "frontier-lint.yaml").write_text(
        'include: ["services/**", "pkg_*/**", "util/**"]\nexclude: ["**/tests/**"]\n'
    )
    written = 0

    def write(rel: str, text: str) -> None:
        nonlocal written
        (root / rel).write_text(text)
        written += 1

    for rel, text in (
        ("core/__init__.py", ""),
        ("core/config.py", CONFIG),
        ("util/__init__.py", ""),
        ("util/proc.py", PROC),
        ("services/__init__.py", ""),
    ):
        write(rel, text)
    # The big module: the head, then blocks (some launching allowed programs) up to the size.
    parts = [BIG_HEAD.format(toggle=TOGGLE.format(prog="git"))]
    lines = parts[0].count("\n")
    n = 0
    while lines < big_lines:
        block = BLOCK.format(n=n, limit=rng.randint(5, 50))
        if n % 7 == 3:
            block += LAUNCH_BLOCKS[n % len(LAUNCH_BLOCKS)].format(n=n)
        parts.append(block)
        lines += block.count("\n")
        n += 1
    write(BIG, "".join(parts))
    # Packages of ordinary modules up to the file count.
    remaining = files - written
    per_pkg = max(2, -(-remaining // PACKAGES))
    index = 0
    for p in range(PACKAGES):
        pkg = f"pkg_{p:02d}"
        (root / pkg).mkdir()
        if written >= files:
            break
        write(f"{pkg}/__init__.py", f'"""Package {pkg}."""\n')
        count = min(per_pkg - 1, files - written)
        for m in range(count):
            sib = (m + 1) % count
            text = MODULE.format(
                pkg=pkg,
                mod=f"mod_{m:02d}",
                sibling=f"mod_{sib:02d}",
                n=index + m,
                sib_n=index + sib,
                limit=rng.randint(10, 500),
            )
            if m % 9 == 4:
                text += MODULE_LAUNCH.format(n=index + m, tool=rng.choice(["git", "rg", "make"]))
            write(f"{pkg}/mod_{m:02d}.py", text)
        index += count
    assert written == files, (written, files)


def _replace(text: str, line0: int, new: str) -> str:
    lines = text.split("\n")
    lines[line0] = new
    return "\n".join(lines)


def _toggle_line(text: str) -> int:
    for i, line in enumerate(text.split("\n")):
        if line.endswith("# toggle"):
            return i
    raise AssertionError("no toggle line")


def run(workdir: Path, files: int, big_lines: int, edits: int, gap: float) -> dict[str, float]:
    build_project(workdir, files=files, big_lines=big_lines)
    big = workdir / BIG
    text = big.read_text()
    total_lines = sum(p.read_text().count("\n") for p in workdir.rglob("*.py") if p.is_file())
    print(
        f"project: {files} files, {total_lines:,} lines; {BIG}: {text.count(chr(10)):,} lines",
        flush=True,
    )
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    server_log = workdir.parent / f"{workdir.name}-server.log"
    server_log.unlink(missing_ok=True)  # the server appends
    argv = [sys.executable, "-m", "frontier_lint", "lsp", "--log-file", str(server_log)]
    with LspClient(argv, cwd=workdir, env=env) as lsp:
        lsp.initialize(workdir)
        uri = path_uri(big)
        t0 = time.perf_counter()
        lsp.open(uri, text)
        first = lsp.wait_diagnostics(uri, version=1, timeout=300)
        first_s = time.perf_counter() - t0
        baseline = len(first)
        print(f"first analysis: {first_s * 1000:.0f} ms ({baseline} diagnostics)", flush=True)

        line = _toggle_line(text)
        latencies: list[float] = []
        version = 1
        for i in range(edits):
            time.sleep(gap)  # let the previous edit settle: each edit is measured on its own
            prog = "codex" if i % 2 == 0 else "git"
            old = text.split("\n")[line]
            new = TOGGLE.format(prog=prog)
            version += 1
            t0 = time.perf_counter()
            lsp.change(uri, version, line, 0, line, len(old), new)
            diags = lsp.wait_diagnostics(uri, version=version, timeout=60)
            latencies.append(time.perf_counter() - t0)
            text = _replace(text, line, new)
            want = baseline + 1 if prog == "codex" else baseline
            if len(diags) != want:
                raise SystemExit(f"edit {i}: expected {want} diagnostics, got {len(diags)}")

        # Responsiveness: a request answered while an analysis is running.
        responses: list[float] = []
        for _ in range(5):
            time.sleep(gap)
            prog = "codex" if "'git'" in text.split("\n")[line] else "git"
            old = text.split("\n")[line]
            new = TOGGLE.format(prog=prog)
            version += 1
            lsp.change(uri, version, line, 0, line, len(old), new)
            text = _replace(text, line, new)
            time.sleep(DEBOUNCE_MS / 1000 + 0.05)  # the analysis has started
            t0 = time.perf_counter()
            lsp.request(
                "textDocument/codeAction",
                {
                    "textDocument": {"uri": uri},
                    "range": {
                        "start": {"line": line, "character": 0},
                        "end": {"line": line, "character": 1},
                    },
                    "context": {"diagnostics": []},
                },
                timeout=60,
            )
            responses.append(time.perf_counter() - t0)
            lsp.wait_diagnostics(uri, version=version, timeout=60)

        # A dependency edit: Config.CODEX_CMD's default in another open buffer.
        cfg = workdir / CONFIG_MODULE
        cfg_uri = path_uri(cfg)
        cfg_text = cfg.read_text()
        lsp.open(cfg_uri, cfg_text)
        lsp.wait_diagnostics(cfg_uri, version=1, timeout=60)
        time.sleep(gap)
        cfg_line = next(i for i, s in enumerate(cfg_text.split("\n")) if "CODEX_CMD =" in s)
        old = cfg_text.split("\n")[cfg_line]
        new = old.replace('"codex"', '"llm-gateway"')
        t0 = time.perf_counter()
        lsp.change(cfg_uri, 2, cfg_line, 0, cfg_line, len(old), new)
        dep = lsp.wait_diagnostics(uri, timeout=60, predicate=lambda d: len(d) < baseline)
        dep_s = time.perf_counter() - t0
        lsp.shutdown()
    # The engine's share, as the server logged it: the first run, then one per edit.
    engine = [int(m) / 1000 for m in ANALYSED.findall(server_log.read_text())]
    edit_engine = engine[1 : 1 + edits]
    med = statistics.median(latencies)
    print(
        f"edit -> diagnostics over {edits} edits: median {med * 1000:.0f} ms, "
        f"min {min(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms",
        flush=True,
    )
    if len(edit_engine) == edits:
        print(
            f"  of which the engine (lint() with the open buffers): median "
            f"{statistics.median(edit_engine) * 1000:.0f} ms; the debounce: "
            f"{DEBOUNCE_MS} ms; the rest is the protocol and the server",
            flush=True,
        )
    print(
        f"a request during an analysis is answered in: median "
        f"{statistics.median(responses) * 1000:.0f} ms, max {max(responses) * 1000:.0f} ms",
        flush=True,
    )
    print(
        f"dependency edit (core/config.py -> {BIG}): {dep_s * 1000:.0f} ms "
        f"({baseline} -> {len(dep)} diagnostics)",
        flush=True,
    )
    return {
        "first_analysis_s": first_s,
        "edit_median_s": med,
        "edit_min_s": min(latencies),
        "edit_max_s": max(latencies),
        "dependency_edit_s": dep_s,
        "edit_engine_median_s": statistics.median(edit_engine) if edit_engine else -1.0,
        "request_during_analysis_median_s": statistics.median(responses),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, help="where to build the project (default: a temp dir)")
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--big-lines", type=int, default=13_000)
    ap.add_argument("--edits", type=int, default=15)
    ap.add_argument("--gap", type=float, default=0.5, help="seconds between edits")
    args = ap.parse_args(argv)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        flush=True,
    )
    if args.dir is not None:
        run(args.dir.resolve(), args.files, args.big_lines, args.edits, args.gap)
        return 0
    with tempfile.TemporaryDirectory(prefix="fl-lsp-bench-") as tmp:
        run(Path(tmp).resolve() / "project", args.files, args.big_lines, args.edits, args.gap)
    return 0


if __name__ == "__main__":
    sys.exit(main())

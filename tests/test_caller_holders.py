"""Callers of a method through a module-level instance (`caller_candidates`: files naming the
method but not its class are callers when they name a holder of an instance as a whole word).
The holder words are looked for in one pass per file: what a scan per word finds."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from frontier_lint.dataflow import propagation
from frontier_lint.findings import Report
from frontier_lint.run.engine import LintRequest, lint
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config


def src(text: str) -> str:
    return textwrap.dedent(text).lstrip()


RUNNER = src(
    """
    import subprocess


    class Runner:
        def start(self, argv: list[str]) -> None:
            subprocess.run(argv)
    """
)

HOLDERS = ("MAIN_RUNNER", "BACKUP", "SPARE")


def ask(imports: str, receiver: str) -> str:
    return imports + src(
        f"""


        def ask() -> None:
            {receiver}.start(["claude", "-p", "hi"])
        """
    )


def project(root: Path) -> Path:
    files = {"app/runner.py": RUNNER}
    for i, holder in enumerate(HOLDERS):
        files[f"app/services_{i}.py"] = f"from app.runner import Runner\n\n{holder} = Runner()\n"
    # Names a holder: a caller.
    files["app/caller.py"] = ask("from app.services_1 import BACKUP\n", "BACKUP")
    # Names the method, and a holder only inside longer words: not a caller.
    files["app/near.py"] = ask("from app.elsewhere import BACKUP_OLD\n", "BACKUP_OLD") + (
        "SPARE_PARTS = 1\n"
    )
    # Names the method and no holder at all.
    files["app/other.py"] = ask("from app.elsewhere import thing\n", "thing")
    (root / "frontier-lint.yaml").write_text("include: ['app/**']\n")
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return root


def run(root: Path) -> Report:
    config = load_config(None, root)
    request = LintRequest(paths=(root / "app",))
    return lint(config, load_catalogue(config.rules), request, use_cache=False)


def test_a_file_naming_a_holder_as_a_whole_word_is_a_caller(tmp_path: Path) -> None:
    report = run(project(tmp_path))
    assert [(f.path, f.line, f.program) for f in report.findings] == [
        ("app/caller.py", 3, "claude")
    ]


def test_holder_words_are_looked_for_in_one_pass_not_one_scan_per_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (Each near file was scanned once per holder word: ~30 scans a file on the launch-dense
    # project.) The answer is the same: the caller alone.
    scanned: list[bytes] = []
    original = propagation.has_word

    def counted(data: bytes, word: bytes) -> bool:
        scanned.append(word)
        return original(data, word)

    monkeypatch.setattr(propagation, "has_word", counted)
    report = run(project(tmp_path))
    assert [(f.path, f.program) for f in report.findings] == [("app/caller.py", "claude")]
    holders = {h.encode() for h in HOLDERS}
    assert [w for w in scanned if w in holders] == []

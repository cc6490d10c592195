"""One lint run, top to bottom: discover → prefilter → resolve → match → filter → report.

1. Discovery lists the project (analysis scope) and the files the user named (report scope).
2. A byte scan picks the files that mention a sink; only their statements that mention one are
   parsed and interpreted (`resolver`), which records launch sites and summarises functions.
3. Functions whose parameters reach a launch site are wrappers: files that can call them (by
   name, and through an import of their module or class) are analysed next, until nothing new
   turns up. Values (constants, builders) are resolved on demand wherever they live.
4. Findings in the report scope are filtered by include/exclude, the allowlist and inline
   suppressions, and returned as a `Report`.
"""

from __future__ import annotations

import ast
import posixpath
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from frontier_lint import suppressions as supp
from frontier_lint.config import Config
from frontier_lint.discovery import discover
from frontier_lint.findings import (
    ALLOWED,
    SUPPRESSED,
    FileError,
    Finding,
    Report,
    Summary,
    Unresolved,
)
from frontier_lint.launches import Classifier, RawFinding, RawUnresolved
from frontier_lint.parsing import ParseFailure, SiteRef, resolve_hop
from frontier_lint.prefilter import (
    launch_pattern,
    may_launch,
    mentioned_lines,
    sink_words,
    words_re,
)
from frontier_lint.programs import ProgramMatcher
from frontier_lint.project import DecodeFailure, Project, decode_source
from frontier_lint.resolver import Analyzer, FuncDef
from frontier_lint.rules import Catalogue

MAX_WRAPPER_ROUNDS = 12


@dataclass(frozen=True)
class LintRequest:
    paths: tuple[Path, ...] = ()
    # Editor buffers: root-relative path -> unsaved text (`--stdin-filename`, the language server).
    overrides: Mapping[str, str] | None = None


class _Run:
    def __init__(self, config: Config, catalogue: Catalogue, project: Project) -> None:
        self.config = config
        self.catalogue = catalogue
        self.project = project
        self.analyzer = Analyzer(project, catalogue)
        self.analyzer.on_event = Classifier(ProgramMatcher(catalogue))
        self.words = sink_words(catalogue)
        self.parse_errors: dict[str, ParseFailure] = {}
        self.done_chunks: set[tuple[str, int]] = set()

    # --- analysis -----------------------------------------------------------------------

    def analyse_chunks(self, path: str, pattern: re.Pattern[str]) -> None:
        """Interpret the top-level statements of `path` that mention `pattern`."""
        if path in self.parse_errors:
            return
        src = self.project.source(path)
        if src is None:
            return
        try:
            lines = mentioned_lines(src.text, pattern)
            if not lines:
                return
            for ci in sorted({src.chunk_at_line(line) for line in lines}):
                if (path, ci) in self.done_chunks:
                    continue
                self.done_chunks.add((path, ci))
                for func in self.functions_in_chunk(path, ci, pattern):
                    self.analyzer.summary(func)
        except ParseFailure as exc:
            self.parse_errors[path] = exc

    def file_sink_pattern(self, path: str) -> re.Pattern[str] | None:
        """What names a sink in this file, from its imports (see `prefilter.launch_pattern`)."""
        src = self.project.source(path)
        if src is None:
            return None
        return launch_pattern(src.text, self.catalogue.sinks)

    def functions_in_chunk(self, path: str, ci: int, pattern: re.Pattern[str]) -> list[FuncDef]:
        src = self.project.source(path)
        assert src is not None
        src.statements(ci)  # raises ParseFailure here, not inside a lookup that hides it
        chunk = src.chunks[ci]
        a = self.analyzer
        if chunk.kind == "def":
            func = a.funcdef(f"{path}:{chunk.name}")
            return [func] if func is not None else []
        if chunk.kind == "class":
            out: list[FuncDef] = []
            stack = [f"{path}:{chunk.name}"]
            while stack:
                info = a.class_info(stack.pop())
                if info is None:
                    continue
                for m in info.methods.values():
                    if m.node is not None and pattern.search(info.piece.code(m.node)):
                        out.append(m)
                for stmt in getattr(info.node.body, "body", ()):
                    name = getattr(getattr(stmt, "name", None), "value", None)
                    if name and type(stmt).__name__ == "ClassDef":
                        stack.append(f"{info.id}.{name}")
            # Class-level code (attributes built by calls) runs too.
            return out
        a.analyse_module_code(path, ci)
        return a.module_level_defs(path, ci)

    def propagate_wrappers(self) -> None:
        """Analyse callers of functions whose parameters reach a launch site, to a fixpoint."""
        seen: set[str] = set()
        for _ in range(MAX_WRAPPER_ROUNDS):
            new = [
                fid
                for fid, s in list(self.analyzer.summaries.items())
                if s.events and fid not in seen
            ]
            if not new:
                return
            seen.update(new)
            by_name: dict[str, list[tuple[str, str]]] = {}
            for fid in new:
                path, qual = fid.split(":", 1)
                if qual.startswith("<module>"):
                    continue
                parts = qual.split(".")
                name = parts[-1]
                gate = self._gate_words(path, parts)
                if name == "__init__" and len(parts) > 1:
                    name = parts[-2]
                by_name.setdefault(name, []).append((path, gate))
            if not by_name:
                return
            names_b = [n.encode() for n in by_name]
            pattern = words_re(by_name)
            for path in sorted(self.project.files):
                data = self.project.raw(path)
                if not any(n in data for n in names_b):
                    continue
                src = self.project.source(path)
                if src is None:
                    continue
                hit_names = {m.group(0) for m in pattern.finditer(src.text)}
                wanted: list[str] = []
                for name in hit_names:
                    for wpath, gate in by_name.get(name, ()):
                        if path == wpath or re.search(r"(?<!\w)" + gate + r"(?!\w)", src.text):
                            wanted.append(name)
                            break
                if wanted:
                    self.analyse_chunks(path, words_re(wanted))

    def _gate_words(self, path: str, qual_parts: list[str]) -> str:
        """Words one of which a file must mention to reach this function (see prefilter)."""
        if len(qual_parts) > 1:
            return re.escape(qual_parts[0])  # the class
        stem = posixpath.splitext(posixpath.basename(path))[0]
        words = {stem} if stem != "__init__" else set()
        d = posixpath.dirname(path)
        while d:
            words.add(posixpath.basename(d))
            d = posixpath.dirname(d)
        return "(?:" + "|".join(sorted(re.escape(w) for w in words if w)) + ")"


def lint(config: Config, catalogue: Catalogue, request: LintRequest) -> Report:
    started = time.perf_counter()
    root = config.root
    overrides = dict(request.overrides or {})
    paths = [p for p in request.paths]
    disc = discover(root, [p for p in paths if _rel(p, root) not in overrides])
    # Standard input alone reports only the buffer; no path at all reports the whole project.
    targets = (set(disc.targets) if paths else set()) | set(overrides)
    if not paths and not overrides:
        targets = set(disc.files)
    report_files = sorted(t for t in targets if config.in_frontier(t))
    project = Project(root, [*disc.files, *overrides], roots=config.roots, overrides=overrides)
    run = _Run(config, catalogue, project)

    # Files that may launch something: interpret the statements that name a sink through the
    # file's imports (`subprocess.run`, `sp.Popen`, `from os import system as sh`).
    analysed: set[str] = set()
    for path in sorted(project.files):
        if may_launch(project.raw(path), run.words):
            pattern = run.file_sink_pattern(path)
            if pattern is not None:
                analysed.add(path)
                run.analyse_chunks(path, pattern)
    run.propagate_wrappers()
    analysed |= {p for p, _ in run.done_chunks}
    # Fail closed on the files the analysis read: CPython's own parser has the last word on
    # syntax (a chunk that libcst never needed may still hide a Python 2 statement).
    for path in sorted(analysed & set(report_files)):
        if path in run.parse_errors or path in project.decode_errors:
            continue
        src = project.source(path)
        if src is None:
            continue
        try:
            compile(src.text, path, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
        except SyntaxError as exc:
            run.parse_errors[path] = ParseFailure(
                path, exc.lineno or 1, exc.offset or 1, exc.msg or "invalid syntax"
            )
        except (ValueError, RecursionError, MemoryError) as exc:
            run.parse_errors[path] = ParseFailure(path, 1, 1, str(exc).split("\n")[0])

    report_set = set(report_files)
    errors: list[FileError] = []
    for path in report_files:
        if path in project.decode_errors or (
            path not in overrides and path not in run.parse_errors
        ):
            if path not in project.decode_errors and path not in overrides:
                try:
                    decode_source(project.raw(path), path)
                except DecodeFailure as exc:
                    project.decode_errors[path] = exc
            exc2 = project.decode_errors.get(path)
            if exc2 is not None:
                errors.append(
                    FileError(path, exc2.line, exc2.column, f"cannot decode: {exc2.message}")
                )
        pf = run.parse_errors.get(path)
        if pf is not None:
            errors.append(FileError(path, pf.line, pf.column, f"cannot parse: {pf.message}"))

    # Positions are looked up only now, for what is reported.
    findings_by_key: dict[tuple[str, int, int, str, str], Finding] = {}
    unresolved_by_key: dict[tuple[str, int, int, str], Unresolved] = {}
    sites: set[int] = set()
    for fr in run.analyzer.results.values():
        if fr.path not in report_set or fr.path in run.parse_errors:
            continue
        sites.update(id(s.node) for s in fr.sites)
        for f in fr.findings:
            assert isinstance(f, RawFinding)
            finding = _finding(f, catalogue)
            findings_by_key.setdefault(finding.sort_key, finding)
        for u in fr.unresolved:
            assert isinstance(u, RawUnresolved)
            item = _unresolved(u)
            unresolved_by_key.setdefault(item.sort_key, item)
    flagged = {(k[0], k[1], k[2]) for k in findings_by_key}
    unresolved = sorted(
        (u for k, u in unresolved_by_key.items() if (k[0], k[1], k[2]) not in flagged),
        key=lambda u: u.sort_key,
    )

    findings = list(findings_by_key.values())
    visible: list[Finding] = []
    hidden: list[Finding] = []
    for f in findings:
        entry = config.allow_entry(f.path, f.program, f.rule)
        if entry is not None:
            hidden.append(
                replace(f, status=ALLOWED, note=entry.reason or f"allowed by {entry.pattern}")
            )
        else:
            visible.append(f)

    # Inline suppressions, in every reported file that has any.
    sups: dict[str, list[supp.Suppression]] = {}
    malformed: list[Finding] = []
    for path in report_files:
        if b"frontier-lint" not in project.raw(path) or path in run.parse_errors:
            continue
        src = project.source(path)
        if src is None:
            continue
        found, bad = supp.scan(
            src.text,
            path,
            known_rules=[r.id for r in catalogue.rules],
            known_programs=catalogue.programs,
        )
        sups[path] = found
        malformed.extend(bad)
    kept, suppressed, reports = supp.apply(visible, sups, require_reason=config.require_reason)
    hidden.extend(
        replace(f, status=SUPPRESSED) if f.status != SUPPRESSED else f for f in suppressed
    )
    final = sorted([*kept, *reports, *malformed], key=lambda f: f.sort_key)
    summary = Summary(
        files=len(report_files),
        launch_sites=len(sites),
        violations=len([f for f in final if f.program is not None]),
        unresolved=len(unresolved),
        allowed=len([f for f in hidden if f.status == ALLOWED]),
        suppressed=len([f for f in hidden if f.status == SUPPRESSED]),
        parse_errors=len(errors),
    )
    return Report(
        findings=tuple(final),
        unresolved=tuple(unresolved),
        errors=tuple(sorted(errors, key=lambda e: e.sort_key)),
        summary=summary,
        hidden=tuple(sorted(hidden, key=lambda f: f.sort_key)),
        elapsed=time.perf_counter() - started,
    )


def _rel(p: Path, root: Path) -> str:
    try:
        return p.resolve().relative_to(root).as_posix()
    except ValueError:
        return p.as_posix()


def _finding(f: RawFinding, catalogue: Catalogue) -> Finding:
    rule = catalogue.rule(f.rule)
    message = rule.render(f.sink, f.program) if rule else f"{f.sink} launches {f.program}"
    site: SiteRef = f.site
    span, text = site.resolve()
    trace: list = []
    for h in f.trace:
        hop = resolve_hop(h)
        if hop not in trace:
            trace.append(hop)
    return Finding(
        rule=f.rule,
        path=site.path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        program=f.program,
        sink=f.sink,
        message=message,
        trace=tuple(trace),
        function=site.function,
        call_text=text[:500],
    )


def _unresolved(u: RawUnresolved) -> Unresolved:
    span, _ = u.site.resolve()
    return Unresolved(
        u.site.path, span.line, span.column, u.sink, u.reason, span.end_line, span.end_column
    )


def relative_paths(paths: Sequence[Path], root: Path) -> list[str]:
    return [_rel(p, root) for p in paths]

"""The language server's state: open buffers, projects, and the analysis worker.

Independent of the LSP library: the server (`frontier_lint.lsp.server`) feeds editor events in and
receives `publish(uri, version, diagnostics)` and `message(level, text)` calls back, from the
worker thread (it must forward them to its own event loop).

- A **project** is what one CLI run sees: the configuration found upward from a document (as
  `frontier-lint FILE` finds it), or, without one, the nearest directory with a project marker,
  else the innermost workspace folder. Each keeps its loaded configuration and rule catalogue;
  so each folder of a multi-root workspace uses its own configuration.
- A change schedules the document's project: after a debounce, one worker thread lints the whole
  project with every open buffer of it as an override (unsaved text wins over the disk), then
  publishes diagnostics for every open document of the project. So an edit of
  `core/config.py` updates the diagnostics of an open `services/tasks.py` that depends on it.
  A finding located in another file whose flow passes through an open document (its `via`, or a
  hop of its trace) is shown on that document too, at its hop there (`_flows`): the change in
  `core/config.py` that makes a launch in a closed `services/repo.py` forbidden shows on
  config.py. Only open documents get diagnostics.
- Every event bumps the project's generation; a run whose generation is no longer current when
  it ends is discarded (a newer one is scheduled), so stale diagnostics are never published.
- Configuration files (`frontier-lint.yaml`, `.frontier-lint.yaml`, `pyproject.toml`, rule
  packs) are re-read when they are saved or reported changed on disk, and, for clients that do
  not watch files, when their modification time differs at the start of a run; a broken one is
  reported on itself and the last good configuration stays in use.
- The engine runs in a child process (`lsp_worker`): a crash in native code (libcst's parser)
  ends the child, never the server.
- Failures stay with the buffer that causes them: when an analysis raises (or its process dies),
  each open buffer is tried alone to find the ones that make it fail; those get an `FL201`
  diagnostic ("analysis failed"), are left out of the analysis (remembered by their text, so the
  next edits cost one run), and every other document is analysed and published as usual. When no
  single buffer is the cause, every document of the project gets the `FL201` diagnostic: a failed
  analysis never shows as "no problems". Each failure is logged with its traceback and shown once.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from lsprotocol import types as lsp

from frontier_lint.findings import FileError, Finding, Report
from frontier_lint.lsp import convert as conv
from frontier_lint.lsp.configuration import CONFIG_FILE_NAMES, config_moved, reload_project_config
from frontier_lint.lsp.documents import (
    Document,
    Message,
    Options,
    Project,
    Publish,
    _analysed_path,
    _DocSnapshot,
    _inside,
    path_uri,
    resolved_path,
    uri_path,
)
from frontier_lint.lsp.worker import AnalysisFailed, ChildAnalysis
from frontier_lint.policy.meta_rules import FILE_ERROR, UNRESOLVED_LAUNCH_SITE
from frontier_lint.reporters import error_finding, unresolved_finding
from frontier_lint.scan.prefilter import may_launch
from frontier_lint.settings.catalogue import Catalogue
from frontier_lint.settings.config import Config
from frontier_lint.settings.loading import find_config
from frontier_lint.settings.locate import PROJECT_MARKERS, project_root_guess

log = logging.getLogger("frontier_lint.lsp")

OPEN_DELAY = 0.02  # coalesces the burst of didOpen an editor sends when it restores a session
IGNORE_FILE_NAMES = frozenset((".gitignore",))

Analyse = Callable[[Config, Catalogue, dict[str, str]], Report]


class Workspace:
    def __init__(
        self,
        publish: Publish,
        message: Message,
        *,
        options: Options | None = None,
        analyse: Analyse | None = None,
    ) -> None:
        self.publish = publish
        self.message = message
        self.options = options or Options()
        self._child: ChildAnalysis | None = None
        if analyse is None:
            # Started now: it imports the engine while the editor is still initialising.
            self._child = analyse = ChildAnalysis()
            self._child.start()
        self.analyse: Analyse = analyse
        self.encoding = conv.UTF16
        self.folders: list[Path] = []
        self.docs: dict[str, Document] = {}
        self.projects: dict[str, Project] = {}
        self._dir_keys: dict[str, tuple[str, Path, Path | None] | None] = {}
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._due: dict[str, float] = {}
        self._stopped = False
        self._running: str | None = None
        self._syntax_cache: dict[str, FileError | None] = {}
        self._reported: set[str] = set()  # error texts already shown to the user
        # Buffer texts (digests) that made the analysis fail, and why: left out at once next time.
        self._failing: dict[str, str] = {}
        self.runs = 0  # completed analyses (published or discarded), for tests and logs
        self._worker = threading.Thread(target=self._work, name="frontier-lint-worker", daemon=True)
        self._worker.start()

    # --- events from the editor ------------------------------------------------------------

    def set_folders(self, folders: Iterable[Path]) -> None:
        with self._lock:
            self.folders = sorted({resolved_path(p) for p in folders}, key=lambda p: len(p.parts))
            self._remap_all()

    def open(self, uri: str, text: str, version: int | None, language_id: str) -> None:
        with self._lock:
            doc = Document(uri, uri_path(uri), text, version, language_id)
            self.docs[uri] = doc
            self._assign(doc)
            if doc.project is not None:
                self._schedule(doc.project, OPEN_DELAY)

    def change(self, uri: str, text: str, version: int | None) -> None:
        with self._lock:
            doc = self.docs.get(uri)
            if doc is None:
                return
            doc.text, doc.version = text, version
            if doc.project is not None:
                self._schedule(doc.project, self.options.debounce)

    def save(self, uri: str, text: str | None = None) -> None:
        with self._lock:
            doc = self.docs.get(uri)
            if doc is not None and text is not None:
                doc.text = text
            path = doc.path if doc is not None else uri_path(uri)
            if path is not None and self._is_config_file(path):
                self.config_changed()
            elif doc is not None and doc.project is not None:
                self._schedule(doc.project, 0.0)

    def close(self, uri: str) -> None:
        with self._lock:
            doc = self.docs.pop(uri, None)
            if doc is None:
                return
            project = self.projects.get(doc.project or "")
            if project is not None:
                project.findings.pop(uri, None)
                # Its buffer no longer overrides the disk: the others may change.
                self._schedule(project.key, 0.0)
                if uri in project.published:
                    project.published.discard(uri)
                    self.publish(uri, None, [])

    def files_changed(self, paths: Iterable[Path]) -> None:
        """Files created, changed or deleted on disk (`workspace/didChangeWatchedFiles`)."""
        with self._lock:
            config = False
            touched: set[str] = set()
            for path in paths:
                path = resolved_path(path)
                if self._is_config_file(path):
                    config = True
                elif path.suffix == ".py" or path.name in IGNORE_FILE_NAMES:
                    for project in self.projects.values():
                        if _inside(path, project.root):
                            touched.add(project.key)
            if config:
                self.config_changed()
            for key in touched:
                self._schedule(key, self.options.debounce)

    def config_changed(self) -> None:
        """A configuration file or rule pack changed: re-read all, re-map documents, re-run."""
        with self._lock:
            self._dir_keys.clear()
            self._failing.clear()  # a new configuration may analyse them differently
            for project in self.projects.values():
                project.stale_config = True
            self._remap_all()
            for key in self.projects:
                self._schedule(key, 0.0)

    def settings_changed(self, settings: object) -> None:
        with self._lock:
            self.options.update(settings)
            for key in self.projects:
                self._schedule(key, 0.0)

    def findings_for(self, uri: str) -> list[Finding]:
        """The findings last published for `uri` (for the code actions)."""
        with self._lock:
            doc = self.docs.get(uri)
            project = self.projects.get(doc.project or "") if doc else None
            return list(project.findings.get(uri, ())) if project else []

    def text_of(self, uri: str) -> str | None:
        with self._lock:
            doc = self.docs.get(uri)
            return doc.text if doc is not None else None

    def stop(self) -> None:
        """Start no new run; end the analysis process (a run in it is abandoned)."""
        with self._cond:
            self._stopped = True
            self._due.clear()
            self._cond.notify_all()
        if self._child is not None:
            self._child.close()

    def join(self, timeout: float) -> bool:
        """Wait for the worker to end after `stop`; whether it did."""
        self._worker.join(timeout)
        return not self._worker.is_alive()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until nothing is scheduled or running (tests, benchmarks)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._due or self._running is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    # --- projects ------------------------------------------------------------------------------

    def _is_config_file(self, path: Path) -> bool:
        if path.name in CONFIG_FILE_NAMES:
            return True
        return any(path in p.rule_packs for p in self.projects.values())

    def _remap_all(self) -> None:
        """Re-assign every document to its project (after a folder or configuration change)."""
        for doc in self.docs.values():
            old = doc.project
            self._assign(doc)
            project = self.projects.get(old or "")
            if project is not None and old != doc.project:
                project.findings.pop(doc.uri, None)
                if doc.uri in project.published:
                    project.published.discard(doc.uri)
                    self.publish(doc.uri, None, [])
        used = {d.project for d in self.docs.values()}
        for key in [k for k in self.projects if k not in used]:
            project = self.projects.pop(key)
            self._due.pop(key, None)
            if project.error is not None and project.config_path is not None:
                self.publish(path_uri(project.config_path), None, [])

    def _assign(self, doc: Document) -> None:
        """Find (or create) the project of a document; None when it gets no analysis."""
        doc.project = None
        if not doc.is_python or doc.path is None:
            return
        found = self._project_key(doc.path.parent)
        if found is None:
            return
        key, root, config_path = found
        if key not in self.projects:
            self.projects[key] = Project(key=key, root=root, config_path=config_path)
        doc.project = key

    def _project_key(self, directory: Path) -> tuple[str, Path, Path | None] | None:
        cache_key = str(directory)
        if cache_key in self._dir_keys:
            return self._dir_keys[cache_key]
        folder = self._folder_of(directory)
        found: tuple[str, Path, Path | None] | None
        config_path = find_config(directory)
        if config_path is not None:
            # A configuration opts in even outside the workspace folders.
            found = (str(config_path), config_path.parent.resolve(), config_path)
        elif self.folders and folder is None:
            found = None  # a library file opened by "go to definition": not ours to judge
        else:
            root = project_root_guess(directory)
            if folder is not None and (
                not _inside(root, folder) or not any((root / m).exists() for m in PROJECT_MARKERS)
            ):
                root = folder  # no marker inside the folder: the folder is the project
            found = (f"defaults:{root}", root, None)
        self._dir_keys[cache_key] = found
        return found

    def _folder_of(self, path: Path) -> Path | None:
        best: Path | None = None
        for folder in self.folders:
            if _inside(path, folder) and (best is None or len(folder.parts) > len(best.parts)):
                best = folder
        return best

    def _schedule(self, key: str, delay: float) -> None:
        project = self.projects.get(key)
        if project is None:
            return
        project.generation += 1
        self._due[key] = time.monotonic() + delay
        self._cond.notify_all()

    # --- the worker --------------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            with self._cond:
                key = self._next_due()
                if key is None:
                    return
                self._running = key
                project = self.projects.get(key)
                snapshot = self._snapshot(project) if project is not None else None
            try:
                if project is not None and snapshot is not None:
                    self._run(project, *snapshot)
            except Exception as exc:  # never let the worker die
                self._internal_error(exc)
            finally:
                with self._cond:
                    self._running = None
                    self.runs += 1
                    self._cond.notify_all()

    def _next_due(self) -> str | None:
        """Wait for the earliest due project (None once stopped)."""
        while not self._stopped:
            if self._due:
                key = min(self._due, key=self._due.__getitem__)
                left = self._due[key] - time.monotonic()
                if left <= 0:
                    del self._due[key]
                    return key
                self._cond.wait(left)
            else:
                self._cond.wait()
        return None

    def _snapshot(self, project: Project) -> tuple[int, list[_DocSnapshot]] | None:
        docs = [d for d in self.docs.values() if d.project == project.key]
        if not docs:
            return None
        return project.generation, [
            _DocSnapshot(d.uri, _analysed_path(d, project.root), d.text, d.version) for d in docs
        ]

    def _run(self, project: Project, generation: int, docs: list[_DocSnapshot]) -> None:
        if not project.stale_config and config_moved(project):
            log.info("configuration of %s changed on disk", project.root)
            self.config_changed()  # re-maps documents and schedules a new run
            return
        if project.stale_config:
            reload_project_config(project, self.publish, self.message)
        config, catalogue = project.config, project.catalogue
        if config is None or catalogue is None:
            self._publish_all(project, generation, {d.uri: (d, []) for d in docs})
            return
        overrides = {d.rel: d.text for d in docs if d.rel is not None}
        started = time.perf_counter()
        failed: dict[str, str] = {}
        report: Report | None = None
        project_failure: str | None = None
        if overrides:
            try:
                report, failed = self._contained(config, catalogue, overrides)
            except Exception as exc:
                if self._stopped:
                    return
                project_failure = self._analysis_error(exc)
        elapsed = time.perf_counter() - started
        if report is not None:
            log.info(
                "analysed %s in %.0f ms (%d open buffers, %d findings)",
                project.root,
                elapsed * 1000,
                len(overrides),
                len(report.findings),
            )
        by_path: dict[str, list[Finding]] = {}
        if report is not None:
            items = [*report.findings, *(error_finding(e) for e in report.errors)]
            if self.options.strict:
                items += [unresolved_finding(u) for u in report.unresolved]
            for f in items:
                by_path.setdefault(f.path, []).append(f)
        results: dict[str, tuple[_DocSnapshot, list[Finding]]] = {}
        flows = _flows(by_path, {d.rel: d.uri for d in docs if d.rel is not None})
        for d in docs:
            found: list[Finding] = []
            if d.rel is not None and failed.get(d.rel, project_failure) is not None:
                flows.pop(d.uri, None)  # not analysed: what flows through it is not known
            if d.rel is not None and config.in_frontier(d.rel):
                why = failed.get(d.rel, project_failure)
                if why is not None:
                    # Fail closed: a buffer that was not analysed says so, never "no problems".
                    found = [error_finding(FileError(d.rel, 1, 1, why))]
                else:
                    found = by_path.get(d.rel, [])
                if not any(f.rule == FILE_ERROR for f in found):
                    error = self._syntax_error(project, d)
                    if error is not None:
                        found = [error_finding(error)]
            results[d.uri] = (d, sorted(found, key=lambda f: f.sort_key))
        self._publish_all(project, generation, results, flows)

    def _contained(
        self, config: Config, catalogue: Catalogue, overrides: dict[str, str]
    ) -> tuple[Report, dict[str, str]]:
        """The analysis, without the buffers that make it fail; and those buffers, with why.

        Raises when the failure is not one buffer's (the project's files, the configuration, a
        combination of buffers): then no document's result can be trusted.
        """
        digests = {rel: _digest(text) for rel, text in overrides.items()}
        failed = {rel: why for rel in overrides if (why := self._failing.get(digests[rel]))}
        try:
            return self.analyse(config, catalogue, _left_out(overrides, failed)), failed
        except Exception as exc:
            if self._stopped:
                raise
            first = exc
            log.warning("analysis failed (%s): trying each open buffer alone", _summary(exc))
        # Which buffers make the analysis fail on their own (the others as they are on disk)?
        culprits: dict[str, BaseException] = {}
        for rel, text in overrides.items():
            if rel in failed:
                continue
            try:
                self.analyse(config, catalogue, {rel: text})
            except Exception as exc:
                if self._stopped:
                    raise
                culprits[rel] = exc
        if not culprits:
            raise first
        report = self.analyse(config, catalogue, _left_out(overrides, {**failed, **culprits}))
        # Only now is it known that these buffers, and nothing else, made it fail.
        # mypy: `exc` reuses the name an `except` above deletes (rename it with the next edit).
        for rel, exc in culprits.items():  # type: ignore[misc]
            failed[rel] = self._analysis_error(exc, rel)  # type: ignore[misc]
            if len(self._failing) > 256:
                self._failing.clear()
            self._failing[digests[rel]] = failed[rel]
        return report, failed

    def _analysis_error(self, exc: BaseException, rel: str | None = None) -> str:
        """Log a failed analysis (once per text shown to the user); the diagnostic's message."""
        summary = _summary(exc)
        details = exc.details if isinstance(exc, AnalysisFailed) else ""
        where = f" on {rel}" if rel is not None else ""
        log.error(
            "analysis failed%s: %s\n%s",
            where,
            summary,
            details or "".join(traceback.format_exception(exc)),
        )
        if rel is None:
            text = f"analysis failed: {summary} (see the server log)"
        else:
            text = (
                f"analysis failed on this buffer: {summary}; the other files were analysed "
                "without it (see the server log)"
            )
        if text not in self._reported:
            self._reported.add(text)
            self.message(lsp.MessageType.Error, f"frontier-lint: {text}")
        return text

    def _syntax_error(self, project: Project, doc: _DocSnapshot) -> FileError | None:
        """A syntax error in a file the engine did not need to parse (it names no launch API).

        The engine compiles every file it analyses; one that cannot launch anything is skipped
        there, but in an editor a file that does not parse should still say so.
        """
        assert doc.rel is not None
        data = doc.text.encode("utf-8", "surrogatepass")
        if project.words is not None and may_launch(data, project.words):
            return None  # the engine parsed it and would have reported the error
        digest = _digest(doc.text)
        if digest in self._syntax_cache:
            cached = self._syntax_cache[digest]
            return None if cached is None else FileError(doc.rel, *_pos(cached), cached.message)
        error: FileError | None = None
        try:
            compile(doc.text, doc.rel, "exec", 0x400, dont_inherit=True)  # ast.PyCF_ONLY_AST
        except SyntaxError as exc:
            msg = exc.msg or "invalid syntax"
            error = FileError(doc.rel, exc.lineno or 1, exc.offset or 1, f"cannot parse: {msg}")
        except (ValueError, RecursionError, MemoryError) as exc:
            error = FileError(doc.rel, 1, 1, f"cannot parse: {str(exc).splitlines()[0]}")
        if len(self._syntax_cache) > 512:
            self._syntax_cache.clear()
        self._syntax_cache[digest] = error
        return error

    def _publish_all(
        self,
        project: Project,
        generation: int,
        results: dict[str, tuple[_DocSnapshot, list[Finding]]],
        flows: Mapping[str, list[Finding]] | None = None,
    ) -> None:
        """Publish each document's findings, and the findings elsewhere whose flow passes
        through it (`flows`, by URI: see `_flows`)."""
        root = project.root
        texts = {d.rel: d.text for d, _ in results.values() if d.rel is not None}
        cache: dict[str, Sequence[str] | None] = {}

        def lines_of(rel: str) -> Sequence[str] | None:
            if rel not in cache:
                text = texts.get(rel)
                if text is None:
                    try:
                        text = (root / rel).read_text(encoding="utf-8", errors="replace")
                    except OSError:
                        text = None
                cache[rel] = text.split("\n") if text is not None else None
            return cache[rel]

        open_uris = {d.rel: uri for uri, (d, _) in results.items() if d.rel is not None}

        def uri_for(rel: str) -> str:
            # An open document keeps the URI the editor gave it (symlinked paths, casing).
            return open_uris.get(rel) or path_uri(root / rel)

        out: list[tuple[str, int | None, list[lsp.Diagnostic], list[Finding]]] = []
        for uri, (d, found) in results.items():
            lines = lines_of(d.rel) if d.rel is not None else None
            diags = [conv.to_diagnostic(f, lines, self.encoding, uri_for, lines_of) for f in found]
            rel = d.rel
            if rel is not None:
                diags += [
                    conv.flow_diagnostic(f, rel, lines, self.encoding, uri_for, lines_of)
                    for f in (flows or {}).get(uri, [])
                ]
            out.append((uri, d.version, diags, found))
        with self._lock:
            if project.generation != generation or self.projects.get(project.key) is not project:
                log.debug("discarding a superseded run for %s", root)
                return
            for uri, version, diags, found in out:
                doc = self.docs.get(uri)
                if doc is None or doc.project != project.key:
                    continue  # closed or moved meanwhile (its diagnostics were cleared then)
                project.findings[uri] = found
                if diags:
                    project.published.add(uri)
                else:
                    project.published.discard(uri)
                self.publish(uri, version, diags)

    def _internal_error(self, exc: BaseException) -> None:
        text = f"internal error: {type(exc).__name__}: {exc}"
        log.error("%s\n%s", text, "".join(traceback.format_exception(exc)))
        if text not in self._reported:
            self._reported.add(text)
            self.message(lsp.MessageType.Error, f"frontier-lint: {text} (see the server log)")


def _flows(
    by_path: Mapping[str, list[Finding]], open_docs: Mapping[str, str]
) -> dict[str, list[Finding]]:
    """For each open document (by URI), the reported violations and unresolved sites located in
    another file whose flow passes through it: the run names the open documents, so a finding
    in a closed file that a buffer's value reaches carries the buffer in `via`; one in another
    open file shows the hops in it. (Diagnostics go to open documents only: a closed file's
    would depend on which buffers happen to be open, and outlive them.)"""
    out: dict[str, list[Finding]] = {}
    for path, found in sorted(by_path.items()):
        for f in found:
            if f.sink is None or (f.program is None and f.rule != UNRESOLVED_LAUNCH_SITE):
                continue  # a file error, a report about a suppression: not a flow
            through = {*f.via, *(h.path for h in f.trace)} - {path}
            for rel in sorted(through & open_docs.keys()):
                out.setdefault(open_docs[rel], []).append(f)
    return out


def _summary(exc: BaseException) -> str:
    """`Type: message` of a failed analysis, on one line."""
    text = exc.summary if isinstance(exc, AnalysisFailed) else f"{type(exc).__name__}: {exc}"
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _left_out(overrides: dict[str, str], failed: Mapping[str, object]) -> dict[str, str]:
    """The buffers, with the failing ones emptied: not analysed, in place of their files."""
    return {rel: "" if rel in failed else text for rel, text in overrides.items()}


def _pos(error: FileError) -> tuple[int, int]:
    return error.line, error.column

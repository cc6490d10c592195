"""What the language server's workspace keeps: its options, the open documents, the projects
they belong to, and where a document's file is (URIs, paths relative to a project root)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from lsprotocol import types as lsp

from frontier_lint.findings import Finding
from frontier_lint.scan.discovery import SKIP_DIRS
from frontier_lint.scan.prefilter import SinkWords
from frontier_lint.settings.catalogue import Catalogue
from frontier_lint.settings.config import Config

DEFAULT_DEBOUNCE = 0.075  # seconds: one analysis per pause in typing

Publish = Callable[[str, "int | None", "list[lsp.Diagnostic]"], None]
Message = Callable[[int, str], None]  # (lsp.MessageType, text): shown to the user


@dataclass
class Options:
    """The language server's options, as the client set them."""

    debounce: float = DEFAULT_DEBOUNCE
    strict: bool = False  # also report unresolved launch sites (FL200), like `--strict`

    def update(self, settings: object) -> None:
        """Apply `initializationOptions` / `workspace/didChangeConfiguration` settings.

        Accepts `{"debounceMs": 75, "strict": false}`, also nested under `frontier-lint` or
        `frontierLint`; unknown keys are ignored.
        """
        if not isinstance(settings, dict):
            return
        for key in ("frontier-lint", "frontierLint", "frontier_lint"):
            if isinstance(settings.get(key), dict):
                settings = settings[key]
                break
        assert isinstance(settings, dict)
        debounce = settings.get("debounceMs", settings.get("debounce_ms"))
        if isinstance(debounce, int | float) and not isinstance(debounce, bool) and debounce >= 0:
            self.debounce = float(debounce) / 1000.0
        strict = settings.get("strict")
        if isinstance(strict, bool):
            self.strict = strict


@dataclass
class Document:
    """An open document: its URI, path, text and version."""

    uri: str
    path: Path | None  # absolute, symlinks resolved; None for a non-file URI
    text: str
    version: int | None
    language_id: str
    project: str | None = None  # key of its project

    @property
    def is_python(self) -> bool:
        """A Python module the analysis reads (`.py`, like discovery): not a stub or notebook."""
        return self.path is not None and self.path.suffix == ".py"


@dataclass
class Project:
    """A project of open documents: its root, configuration and rules."""

    key: str
    root: Path
    config_path: Path | None  # None: defaults
    config: Config | None = None
    catalogue: Catalogue | None = None
    words: SinkWords | None = None
    stale_config: bool = True  # (re)load the configuration before the next run
    error: str | None = None  # the configuration error being shown, if any
    generation: int = 0
    published: set[str] = field(default_factory=set)  # uris whose last publication was not empty
    findings: dict[str, list[Finding]] = field(default_factory=dict)  # uri -> as published
    rule_packs: frozenset[Path] = frozenset()
    stamp: tuple[tuple[str, int, int], ...] = ()  # the configuration files as last read


@dataclass(frozen=True)
class _DocSnapshot:
    """An open document as a run takes it."""

    uri: str
    rel: str | None  # root-relative path when the buffer takes part in the analysis
    text: str
    version: int | None


def resolved_path(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return Path(os.path.abspath(path))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def _analysed_path(doc: Document, root: Path) -> str | None:
    """The root-relative path under which a buffer overrides the disk, or None."""
    if not doc.is_python or doc.path is None:
        return None
    rel = _relative(doc.path, root)
    if rel is None or any(part in SKIP_DIRS for part in rel.split("/")[:-1]):
        return None  # a virtual environment, a build directory: never part of the analysis
    return rel


def uri_path(uri: str) -> Path | None:
    """The file system path of a `file:` URI (None for other schemes: untitled buffers...)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = url2pathname(parsed.path)  # decodes %xx
    if parsed.netloc and parsed.netloc != "localhost":
        path = f"//{parsed.netloc}{path}"  # a UNC path
    return resolved_path(Path(path))


def path_uri(path: Path) -> str:
    return path.as_uri()

"""A project's configuration in the language server: read (on an error the last good one stays
in use, and the error is shown on the configuration file), and noticed when it changes on disk
for clients that do not watch files."""

from __future__ import annotations

import logging
import os
import re

from lsprotocol import types as lsp

from frontier_lint.lsp import convert as conv
from frontier_lint.lsp.documents import Message, Project, Publish, path_uri, resolved_path
from frontier_lint.scan.prefilter import sink_words
from frontier_lint.settings.catalogue import RulePackError, load_catalogue
from frontier_lint.settings.config import Config, ConfigError, check_against
from frontier_lint.settings.loading import find_config, load_config
from frontier_lint.settings.locate import CONFIG_NAMES, PYPROJECT

log = logging.getLogger("frontier_lint.lsp")

CONFIG_FILE_NAMES = frozenset((*CONFIG_NAMES, PYPROJECT))


def reload_project_config(project: Project, publish: Publish, message: Message) -> None:
    """(Re)read the project's configuration; on an error keep the last good one."""
    project.stale_config = False
    try:
        if project.config_path is not None:
            config = load_config(project.config_path, project.config_path.parent)
        else:
            config = Config(root=project.root)
        catalogue = load_catalogue(config.rules)
        check_against(config, catalogue)  # rule codes and programs, as the CLI checks them
    except (ConfigError, RulePackError) as exc:
        project.stamp = _config_stamp(project)
        _config_error(project, str(exc), publish, message)
        return
    project.config, project.catalogue = config, catalogue
    project.words = sink_words(catalogue)
    project.rule_packs = frozenset(resolved_path(p) for p in config.rules)
    project.stamp = _config_stamp(project)
    if project.error is not None:
        project.error = None
        if project.config_path is not None:
            publish(path_uri(project.config_path), None, [])
    log.info("configuration for %s: %s", project.root, config.path or "defaults")


def _config_error(project: Project, text: str, publish: Publish, message: Message) -> None:
    first = project.error != text
    project.error = text
    if first:
        log.error("configuration error: %s", text)
        message(lsp.MessageType.Error, f"frontier-lint: {text}")
    if project.config_path is not None:
        line = 0
        m = re.search(r":(\d+): ", text)
        if m is not None and project.config_path.name in text[: m.start() + 1]:
            line = int(m.group(1)) - 1
        diag = lsp.Diagnostic(
            range=lsp.Range(lsp.Position(line, 0), lsp.Position(line + 1, 0)),
            message=text,
            severity=lsp.DiagnosticSeverity.Error,
            source=conv.SOURCE,
        )
        publish(path_uri(project.config_path), None, [diag])


def _config_stamp(project: Project) -> tuple[tuple[str, int, int], ...]:
    files = [p for p in (project.config_path, *sorted(project.rule_packs)) if p is not None]
    out = []
    for path in files:
        try:
            st = os.stat(path)
            out.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(path), -1, -1))
    return tuple(out)


def config_moved(project: Project) -> bool:
    """Whether the configuration changed on disk unnoticed (a client without file watching):
    its files' stamps differ, or a configuration file appeared for a defaults project."""
    if project.config_path is None:
        return find_config(project.root) is not None
    return _config_stamp(project) != project.stamp

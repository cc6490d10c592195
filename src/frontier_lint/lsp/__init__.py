"""The language server (`frontier-lint lsp`): protocol framing, server, workspace state,
the analysis child process, conversions to LSP values.

`server` (the pygls server: editor events in, diagnostics and code actions out), `workspace`
(scheduling and running the analysis of a project, publishing its results), `documents` (options,
open documents, projects, URIs and paths), `configuration` (a project's configuration, read and
watched), `worker` (the analysis child process), `convert` (findings to LSP values), `framing`
(the protocol's message framing).
"""

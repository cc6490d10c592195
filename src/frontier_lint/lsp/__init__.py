"""The language server (`frontier-lint lsp`): protocol framing, server, workspace state,
the analysis child process, conversions to LSP values."""

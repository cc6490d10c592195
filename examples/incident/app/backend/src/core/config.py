"""Runtime settings (read from the environment with development defaults)."""

import os


class Config:
    MODEL = os.getenv("LLM_MODEL", "gpt-5")
    CODEX_CMD = os.getenv("CODEX_CMD", "codex")
    CLAUDE_CMD = os.environ.get("CLAUDE_CMD") or "claude"
    GIT = "git"


PROVIDER_COMMANDS = {
    "codex": [Config.CODEX_CMD, "exec"],
    "claude": [Config.CLAUDE_CMD, "-p"],
}

"""Runs LLM tasks. The SDK migration left one CLI path behind."""

import logging
import subprocess

from core.config import PROVIDER_COMMANDS, Config
from util import proc

log = logging.getLogger(__name__)


def _build_codex_cmd(model=None):
    cmd = [Config.CODEX_CMD, "exec"]
    if model:
        cmd.extend(["--model", model])
    return cmd


def _run_llm_process(cmd, prompt, env):
    process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    out, _ = process.communicate(prompt.encode())
    return out.decode()


def _run_llm(provider, prompt, model=None, env=None):
    if provider == "codex":
        cmd = _build_codex_cmd(model)
    else:
        raise ValueError(provider)
    return _run_llm_process(cmd, prompt, env)


def describe_setup():
    # Shown on the settings page only: building a command line is not launching it.
    return {"codex": " ".join(_build_codex_cmd(Config.MODEL))}


def review(provider, diff):
    # A second helper module starts the process: still found, at this call.
    return proc.run_process(PROVIDER_COMMANDS[provider] + ["--diff", diff])


def revision():
    return proc.git_revision()

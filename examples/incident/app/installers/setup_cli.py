"""Developer-machine installer: allowlisted in frontier-lint.yaml."""

import subprocess


def install():
    subprocess.run(["npx", "-y", "@openai/codex@latest", "--version"], check=True)

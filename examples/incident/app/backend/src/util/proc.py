"""Process helpers shared by the services."""

import subprocess


def run_process(cmd, *, stdin=None, env=None):
    """Start `cmd` and return the process (the launch happens here, the program comes from callers)."""
    return subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, env=env)


def git_revision():
    return subprocess.check_output(["git", "rev-parse", "HEAD"], text=True).strip()

import subprocess


def test_cli_still_installed_on_dev_machines():
    subprocess.run(["codex", "--version"])  # excluded: tests are not the runtime

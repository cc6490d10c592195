import os
import sys

# `python -m frontier_lint` puts the working directory first on sys.path, so a project with its
# own top-level `click`, `yaml` or `libcst` would have its code imported in place of ours: the
# linter must never import the code it checks. (`python -P` / PYTHONSAFEPATH do the same.)
if sys.path and not sys.flags.safe_path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from frontier_lint.cli import entry

if __name__ == "__main__":
    entry()

"""What the analysis keeps all run long is kept once: tables of a long run share equal parts."""

from __future__ import annotations

from pathlib import Path

from frontier_lint.dataflow.analyzer import Analyzer
from frontier_lint.frontend.parsing import SourceFile
from frontier_lint.frontend.project import Project
from frontier_lint.settings.catalogue import load_catalogue


def test_names_read_from_the_same_files_share_one_set_of_files() -> None:
    files = {
        "a.py": 'A = "x"\nB = "y"\n',
        "b.py": 'from a import A, B\nX = A\nY = B\nZ = "z"\n',
    }
    project = Project(Path("/nonexistent"), files, overrides=files)
    analyzer = Analyzer(project, load_catalogue())
    scope = analyzer.module_scope("b.py")
    assert scope is not None
    for name in ("X", "Y", "Z"):
        analyzer.force(scope.lookup(name))
    deps = scope._deps

    def files(name: str) -> frozenset[str]:
        return frozenset(d for d in deps[name] if not d.startswith("\0"))

    assert files("X") == files("Y") == frozenset({"a.py", "b.py"})
    assert files("Z") == frozenset({"b.py"})
    # Each name read also records the search for stores into it from outside (its own key, so
    # a warm run sees a store added in another file): sets of names no longer coincide.
    assert deps["X"] - files("X") == {"\0attr_stores\0X", "\0attr_stores\0A"}


def test_line_offsets_are_kept_in_four_bytes_each() -> None:
    src = SourceFile("m.py", "a = 1\n\nb = 'é'\nc = 3\n")
    assert src.starts.itemsize == 4
    assert list(src.starts) == [0, 6, 7, 15, 21]
    assert src.line(2) == "b = 'é'"
    assert src.line_of(16) == 3

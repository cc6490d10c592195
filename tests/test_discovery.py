"""Discovery: the analysis scope (with .gitignore semantics) and the targets the user named."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from frontier_lint.scan import discovery
from frontier_lint.scan.discovery import SKIP_DIRS, Discovery, DiscoveryError, discover


def make(root: Path, *files: str) -> Path:
    """Create small files (and, for names ending with '/', directories) under `root`."""
    for rel in files:
        path = root / rel
        if rel.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")
    return root


def ignore(root: Path, rel_dir: str, text: str) -> None:
    directory = root / rel_dir if rel_dir else root
    directory.mkdir(parents=True, exist_ok=True)
    (directory / ".gitignore").write_text(text)


def files(root: Path) -> tuple[str, ...]:
    return discover(root, []).files


# --------------------------------------------------------------------------- basics


def test_lists_py_files_sorted_and_relative(tmp_path: Path) -> None:
    make(tmp_path, "b.py", "a/z.py", "a/b/c.py", "README.md", "a/data.json", "a/stub.pyi")
    result = discover(tmp_path, [])
    assert result == Discovery(tmp_path.resolve(), ("a/b/c.py", "a/z.py", "b.py"), (), ())
    assert result.targets == ()  # nothing named: the caller decides


def test_directory_named_like_a_module_is_walked(tmp_path: Path) -> None:
    make(tmp_path, "pkg.py/inner.py")
    assert files(tmp_path) == ("pkg.py/inner.py",)


@pytest.mark.parametrize("name", sorted(SKIP_DIRS))
def test_skipped_directories(tmp_path: Path, name: str) -> None:
    make(tmp_path, f"{name}/x.py", f"src/{name}/y.py", "keep.py")
    assert files(tmp_path) == ("keep.py",)


def test_ruff_default_list_and_ours() -> None:
    expected = {".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints"}
    expected |= {".mypy_cache", ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype"}
    expected |= {".ruff_cache", ".svn", ".tox", ".venv", ".vscode", "__pypackages__", "_build"}
    expected |= {"buck-out", "dist", "node_modules", "site-packages", "venv"}
    assert expected | {"__pycache__", ".frontier-lint-cache"} == SKIP_DIRS


def test_build_is_not_skipped(tmp_path: Path) -> None:
    make(tmp_path, "build/gen.py", "env/x.py")
    assert files(tmp_path) == ("build/gen.py", "env/x.py")


def test_any_virtualenv_is_skipped(tmp_path: Path) -> None:
    make(tmp_path, "env/pyvenv.cfg", "env/lib/python3.11/x.py", "py311/pyvenv.cfg", "py311/y.py")
    make(tmp_path, "app/main.py")
    assert files(tmp_path) == ("app/main.py",)


def test_root_that_is_a_virtualenv_is_still_walked(tmp_path: Path) -> None:
    make(tmp_path, "pyvenv.cfg", "tool.py")
    assert files(tmp_path) == ("tool.py",)


def test_broken_symlink_is_not_a_file(tmp_path: Path) -> None:
    make(tmp_path, "a.py")
    (tmp_path / "gone.py").symlink_to(tmp_path / "nowhere.py")
    assert files(tmp_path) == ("a.py",)


def test_root_must_be_a_directory(tmp_path: Path) -> None:
    with pytest.raises(DiscoveryError, match="project root is not a directory"):
        discover(tmp_path / "missing", [])


# --------------------------------------------------------------------------- .gitignore


def test_root_gitignore(tmp_path: Path) -> None:
    make(tmp_path, "a.py", "gen_x.py", "build/b.py", "src/build/c.py", "docs/conf.py", "d.py")
    ignore(tmp_path, "", "gen_*.py\nbuild/\n/docs\n# comment\n\n")
    assert files(tmp_path) == ("a.py", "d.py")


def test_dir_only_pattern_does_not_match_files(tmp_path: Path) -> None:
    make(tmp_path, "logs.py", "logs/x.py")
    ignore(tmp_path, "", "logs/\n")
    assert files(tmp_path) == ("logs.py",)


def test_negation(tmp_path: Path) -> None:
    make(tmp_path, "a_pb2.py", "keep_pb2.py", "b.py")
    ignore(tmp_path, "", "*_pb2.py\n!keep_pb2.py\n")
    assert files(tmp_path) == ("b.py", "keep_pb2.py")


def test_no_reinclusion_below_an_ignored_directory(tmp_path: Path) -> None:
    # git: "It is not possible to re-include a file if a parent directory of that file is
    # excluded."
    make(tmp_path, "build/keep.py", "build/other.py", "x.py")
    ignore(tmp_path, "", "build/\n!build/keep.py\n")
    assert files(tmp_path) == ("x.py",)


def test_contents_pattern_allows_reinclusion(tmp_path: Path) -> None:
    # `dir/**` ignores what is inside dir, not dir itself, so a negation below still works.
    make(tmp_path, "gen/keep.py", "gen/other.py", "gen/sub/x.py", "x.py")
    ignore(tmp_path, "", "gen/**\n!gen/keep.py\n")
    assert files(tmp_path) == ("gen/keep.py", "x.py")


def test_top_level_wildcard_with_exceptions(tmp_path: Path) -> None:
    make(tmp_path, "src/a.py", "lib/b.py", "c.py", "tools/d.py")
    ignore(tmp_path, "", "/*\n!/src/\n!/tools/\n")
    assert files(tmp_path) == ("src/a.py", "tools/d.py")


def test_nested_gitignore_is_relative_to_its_directory(tmp_path: Path) -> None:
    make(tmp_path, "x.py", "sub/x.py", "sub/deep/x.py", "sub/gen/a.py", "gen/a.py", "sub/y.py")
    ignore(tmp_path, "sub", "/x.py\ngen/\n")
    assert files(tmp_path) == ("gen/a.py", "sub/deep/x.py", "sub/y.py", "x.py")


def test_deeper_gitignore_overrides_shallower(tmp_path: Path) -> None:
    make(tmp_path, "a_gen.py", "pkg/a_gen.py", "pkg/keep_gen.py", "pkg/sub/keep_gen.py")
    ignore(tmp_path, "", "*_gen.py\n")
    ignore(tmp_path, "pkg", "!keep_gen.py\n")
    assert files(tmp_path) == ("pkg/keep_gen.py", "pkg/sub/keep_gen.py")


def test_deeper_gitignore_can_ignore_again(tmp_path: Path) -> None:
    make(tmp_path, "pkg/keep.py", "pkg/inner/keep.py")
    ignore(tmp_path, "", "*.py\n!keep.py\n")
    ignore(tmp_path, "pkg/inner", "keep.py\n")
    assert files(tmp_path) == ("pkg/keep.py",)


def test_ancestor_match_is_seen_below_a_negated_directory(tmp_path: Path) -> None:
    # `gen` is excluded then re-included; the files inside are decided by the same rules.
    make(tmp_path, "gen/a.py", "gen/b_pb2.py")
    ignore(tmp_path, "", "gen\n!gen/\n*_pb2.py\n")
    assert files(tmp_path) == ("gen/a.py",)


def test_gitignore_outside_a_git_repository_is_honoured(tmp_path: Path) -> None:
    make(tmp_path, "a.py", "b.py")
    ignore(tmp_path, "", "b.py\n")
    assert files(tmp_path) == ("a.py",)


def test_malformed_gitignore_line_is_skipped(tmp_path: Path) -> None:
    make(tmp_path, "a.py", "b.py", "c.py")
    ignore(tmp_path, "", "!\nb.py\n\\\nc.py\n")
    assert files(tmp_path) == ("a.py",)


def test_crlf_gitignore(tmp_path: Path) -> None:
    make(tmp_path, "a.py", "b.py")
    (tmp_path / ".gitignore").write_bytes(b"b.py\r\n")
    assert files(tmp_path) == ("a.py",)


def test_gitignore_with_a_byte_order_mark(tmp_path: Path) -> None:
    make(tmp_path, "a.py", "b.py")
    (tmp_path / ".gitignore").write_bytes(b"\xef\xbb\xbfb.py\n")
    assert files(tmp_path) == ("a.py",)


def test_info_exclude(tmp_path: Path) -> None:
    make(tmp_path, "a.py", "local_x.py", ".git/info/")
    (tmp_path / ".git" / "info" / "exclude").write_text("local_*.py\n")
    assert files(tmp_path) == ("a.py",)


def test_gitignore_beats_info_exclude(tmp_path: Path) -> None:
    make(tmp_path, "a.py", "local_x.py", ".git/info/")
    (tmp_path / ".git" / "info" / "exclude").write_text("local_*.py\n")
    ignore(tmp_path, "", "!local_x.py\n")
    assert files(tmp_path) == ("a.py", "local_x.py")


def test_info_exclude_of_a_worktree(tmp_path: Path) -> None:
    main = tmp_path / "main"
    make(main, ".git/info/", ".git/worktrees/wt/")
    (main / ".git" / "info" / "exclude").write_text("scratch.py\n")
    (main / ".git" / "worktrees" / "wt" / "commondir").write_text("../..\n")
    wt = make(tmp_path / "wt", "a.py", "scratch.py")
    (wt / ".git").write_text(f"gitdir: {main / '.git' / 'worktrees' / 'wt'}\n")
    assert files(wt) == ("a.py",)


def test_root_below_the_repository_top(tmp_path: Path) -> None:
    # Rules of the repository's top apply, with paths seen from the top.
    make(tmp_path, ".git/info/", "svc/app/a.py", "svc/gen/b.py", "svc/c_tmp.py", "svc/d.py")
    (tmp_path / ".git" / "info" / "exclude").write_text("/svc/d.py\n")
    ignore(tmp_path, "", "/svc/gen/\n*_tmp.py\n/app/\n")
    root = tmp_path / "svc"
    assert files(root) == ("app/a.py",)


def test_intermediate_gitignore_above_the_root(tmp_path: Path) -> None:
    make(tmp_path, ".git/", "a/b/root/x.py", "a/b/root/y.py", "a/b/root/z/w.py")
    ignore(tmp_path, "a", "/b/root/y.py\n")
    ignore(tmp_path, "a/b", "z/\n")
    assert files(tmp_path / "a" / "b" / "root") == ("x.py",)


# --------------------------------------------------------------------------- symlinks


def test_symlink_into_the_tree_is_not_followed(tmp_path: Path) -> None:
    make(tmp_path, "pkg/a.py")
    (tmp_path / "alias").symlink_to(tmp_path / "pkg", target_is_directory=True)
    (tmp_path / "pkg" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert files(tmp_path) == ("pkg/a.py",)


def test_symlink_out_of_the_tree_is_followed_once(tmp_path: Path) -> None:
    root = make(tmp_path / "root", "a.py")
    shared = make(tmp_path / "shared", "s.py")
    (shared / "back").symlink_to(shared, target_is_directory=True)  # a loop outside
    (root / "one").symlink_to(shared, target_is_directory=True)
    (root / "two").symlink_to(shared, target_is_directory=True)
    assert files(root) == ("a.py", "one/s.py")


def test_symlinked_file_is_listed(tmp_path: Path) -> None:
    make(tmp_path, "real/m.py")
    (tmp_path / "m.py").symlink_to(tmp_path / "real" / "m.py")
    assert files(tmp_path) == ("m.py", "real/m.py")


# --------------------------------------------------------------------------- named paths


def test_named_directory_and_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, "app/a.py", "app/sub/b.py", "app/notes.txt", "lib/c.py", "main.py")
    monkeypatch.chdir(tmp_path)
    result = discover(tmp_path, [Path("app"), Path("main.py")])
    assert result.targets == ("app/a.py", "app/sub/b.py", "main.py")
    assert result.files == ("app/a.py", "app/sub/b.py", "lib/c.py", "main.py")


def test_named_paths_relative_to_the_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(tmp_path, "app/sub/b.py", "app/c.py")
    monkeypatch.chdir(tmp_path / "app")
    assert discover(tmp_path, [Path("sub")]).targets == ("app/sub/b.py",)
    assert discover(tmp_path, [Path("../app/c.py")]).targets == ("app/c.py",)
    assert discover(tmp_path, [Path(".")]).targets == ("app/c.py", "app/sub/b.py")
    assert discover(tmp_path, [tmp_path]).targets == ("app/c.py", "app/sub/b.py")


def test_named_directory_with_ignores_inside(tmp_path: Path) -> None:
    make(tmp_path, "app/a.py", "app/a_pb2.py", "app/.venv/x.py")
    ignore(tmp_path, "", "*_pb2.py\n")
    assert discover(tmp_path, [tmp_path / "app"]).targets == ("app/a.py",)


def test_named_ignored_file_is_a_target(tmp_path: Path) -> None:
    make(tmp_path, "gen/a.py", "b_pb2.py", "ok.py")
    ignore(tmp_path, "", "gen/\n*_pb2.py\n")
    result = discover(tmp_path, [tmp_path / "gen" / "a.py", tmp_path / "b_pb2.py"])
    assert result.targets == ("b_pb2.py", "gen/a.py")
    assert result.files == ("b_pb2.py", "gen/a.py", "ok.py")  # analysed as well


def test_named_file_in_a_skipped_directory(tmp_path: Path) -> None:
    make(tmp_path, ".venv/lib/x.py")
    assert discover(tmp_path, [tmp_path / ".venv" / "lib" / "x.py"]).targets == (".venv/lib/x.py",)


def test_named_non_python_file_is_a_target(tmp_path: Path) -> None:
    make(tmp_path, "bin/tool", "a.py")
    result = discover(tmp_path, [tmp_path / "bin" / "tool"])
    assert result.targets == ("bin/tool",)
    assert "bin/tool" in result.files


def test_named_ignored_directory_is_walked(tmp_path: Path) -> None:
    make(tmp_path, "build/a.py", "build/b.pyc.py", "build/sub/c.py", "build/venv/d.py", "x.py")
    ignore(tmp_path, "", "build/\n*.pyc.py\n")
    result = discover(tmp_path, [tmp_path / "build"])
    assert result.targets == ("build/a.py", "build/sub/c.py")
    assert result.files == ("build/a.py", "build/sub/c.py", "x.py")


def test_named_directory_inside_an_ignored_one(tmp_path: Path) -> None:
    make(tmp_path, "out/gen/a.py", "out/gen/b_tmp.py", "out/other/c.py")
    ignore(tmp_path, "", "out/\n*_tmp.py\n")
    assert discover(tmp_path, [tmp_path / "out" / "gen"]).targets == ("out/gen/a.py",)


def test_named_skipped_directory_is_walked(tmp_path: Path) -> None:
    make(tmp_path, ".venv/pyvenv.cfg", ".venv/lib/m.py", ".venv/lib/site-packages/dep.py")
    assert discover(tmp_path, [tmp_path / ".venv"]).targets == (".venv/lib/m.py",)


def test_named_directory_keeps_its_nested_gitignore(tmp_path: Path) -> None:
    make(tmp_path, "build/a.py", "build/b.py")
    ignore(tmp_path, "", "build/\n")
    ignore(tmp_path, "build", "b.py\n")
    assert discover(tmp_path, [tmp_path / "build"]).targets == ("build/a.py",)


def test_missing_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DiscoveryError) as info:
        discover(tmp_path, [Path("foo/")])
    assert str(info.value) == "path does not exist: foo"


def test_path_outside_the_root(tmp_path: Path) -> None:
    root = make(tmp_path / "root", "a.py")
    other = make(tmp_path / "other", "b.py")
    with pytest.raises(DiscoveryError) as info:
        discover(root, [other / "b.py"])
    assert str(info.value) == f"path is outside the project root {root}: {other / 'b.py'}"


def test_path_through_a_symlinked_parent(tmp_path: Path) -> None:
    make(tmp_path, "real/app/a.py")
    (tmp_path / "alias").symlink_to(tmp_path / "real", target_is_directory=True)
    result = discover((tmp_path / "real").resolve(), [tmp_path / "alias" / "app"])
    assert result.targets == ("app/a.py",)


# --------------------------------------------------------------------------- file kinds


def special_files(root: Path) -> None:
    """A FIFO, a socket and symlinks to a device and to the FIFO, all named like modules."""
    os.mkfifo(root / "pipe.py")
    (root / "to_pipe.py").symlink_to(root / "pipe.py")
    if os.path.exists("/dev/zero"):
        (root / "zero.py").symlink_to("/dev/zero")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(root / "sock.py"))
    server.close()


def test_fifos_sockets_and_devices_in_a_tree_are_skipped(tmp_path: Path) -> None:
    make(tmp_path, "a.py")
    special_files(tmp_path)
    assert files(tmp_path) == ("a.py",)


def test_a_fifo_named_like_an_ignore_file_does_not_hang_the_walk(tmp_path: Path) -> None:
    make(tmp_path, "sub/a.py", "b.py")
    os.mkfifo(tmp_path / "sub" / ".gitignore")  # reading it would wait for a writer for ever
    os.mkfifo(tmp_path / ".gitignore")
    code = f"from frontier_lint.scan.discovery import discover; print(discover({str(tmp_path)!r}, []).files)"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.stdout.strip() == "('b.py', 'sub/a.py')", proc.stderr


@pytest.mark.parametrize("name", ["pipe.py", "to_pipe.py", "zero.py", "sock.py"])
def test_a_named_special_file_is_not_a_regular_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    special_files(tmp_path)
    if not os.path.lexists(tmp_path / name):
        pytest.skip(f"no {name} here")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DiscoveryError) as info:
        discover(tmp_path, [Path(name)])
    assert str(info.value) == f"{name}: not a regular file"


def deny_listing(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    """Make directories with these names unlistable, as `chmod 000` does for other users."""
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.path.basename(os.fspath(path)) in names:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_unreadable_directories_are_recorded_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(tmp_path, "app/secret/a.py", "app/b.py", "lib/locked/c.py")
    deny_listing(monkeypatch, "secret", "locked")
    everything = discover(tmp_path, [])
    assert everything.files == ("app/b.py",)
    denied = (("app/secret", "Permission denied"), ("lib/locked", "Permission denied"))
    assert everything.unreadable == everything.unreadable_targets == denied
    # Only those inside the named paths are the caller's business.
    named = discover(tmp_path, [tmp_path / "app"])
    assert named.unreadable == denied
    assert named.unreadable_targets == (("app/secret", "Permission denied"),)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root lists any directory")
def test_unreadable_directory_for_real(tmp_path: Path) -> None:
    make(tmp_path, "app/secret/a.py", "app/b.py")
    (tmp_path / "app" / "link.py").symlink_to(tmp_path / "app" / "secret" / "a.py")
    (tmp_path / "app" / "secret").chmod(0)
    try:
        result = discover(tmp_path, [])
    finally:
        (tmp_path / "app" / "secret").chmod(0o755)
    assert result.unreadable == (("app/secret", "Permission denied"),)
    # A module whose type cannot be read (a symlink into it) is kept, for its read to fail.
    assert result.files == ("app/b.py", "app/link.py")


@pytest.mark.parametrize(
    ("name", "head", "python"),
    [
        ("tool", "#!/usr/bin/env python3\n", True),
        ("tool", "#!/usr/bin/python\n", True),
        ("tool", "#!/usr/bin/python3.12 -u\n", True),
        ("tool", "#! /usr/local/bin/pypy3\n", True),
        ("tool", "#!/usr/bin/env -S python3 -I\n", True),
        ("tool", "#!/usr/bin/env PYTHONUTF8=1 python\n", True),
        ("tool", "#!/bin/sh\n", False),
        ("tool", "#!/usr/bin/env bash\n", False),
        ("tool", "import os\n", False),
        ("tool.sh", "#!/usr/bin/env python3\n", False),  # its extension says shell
        ("gui.pyw", "import os\n", True),
        ("mod.py", "import os\n", False),  # a .py file needs no second name
    ],
)
def test_python_scripts_without_a_py_name(
    tmp_path: Path, name: str, head: str, python: bool
) -> None:
    (tmp_path / name).write_text(head + "print(1)\n")
    assert discovery.is_python_script(str(tmp_path / name)) is python


def test_named_scripts_are_listed_and_the_walk_keeps_to_py(tmp_path: Path) -> None:
    make(tmp_path, "app/a.py")
    (tmp_path / "app" / "gui.pyw").write_text("import os\n")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "tool").write_text("#!/usr/bin/env python3\nimport os\n")
    (tmp_path / "bin" / "notes").write_text("just text\n")
    # A directory walk takes .py files only (like ruff's default include).
    assert discover(tmp_path, [tmp_path]).targets == ("app/a.py",)
    named = [tmp_path / "app" / "gui.pyw", tmp_path / "bin" / "tool", tmp_path / "bin" / "notes"]
    result = discover(tmp_path, named)
    assert result.targets == ("app/gui.pyw", "bin/notes", "bin/tool")
    assert result.scripts == ("app/gui.pyw", "bin/tool")


# --------------------------------------------------------------------------- fast == exact


def reference_files(root: Path) -> list[str]:
    """Discovery without the merged prefilters: every ignore file asked for every entry."""
    found: list[str] = []
    root_str = str(root)

    def walk(directory: str, prefix: str, layers: tuple[discovery._Layer, ...]) -> None:
        names = sorted(os.listdir(directory))
        if prefix and "pyvenv.cfg" in names:
            return
        if ".gitignore" in names:
            patterns = discovery._read_patterns(os.path.join(directory, ".gitignore"))
            if patterns is not None:
                layers = (*layers, discovery._Layer(prefix, "", patterns))
        for name in names:
            path = os.path.join(directory, name)
            rel = prefix + name
            if os.path.isdir(path):
                if name in SKIP_DIRS or discovery._decide(layers, -1, rel, name, True):
                    continue
                walk(path, rel + "/", layers)
            elif name.endswith(".py") and not discovery._decide(layers, -1, rel, name, False):
                found.append(rel)

    walk(root_str, "", discovery._base_layers(root_str))
    return sorted(found)


RANDOM_PATTERNS = [
    "*.py",
    "!keep.py",
    "a/",
    "/b",
    "c",
    "!c/",
    "a/**",
    "!a/keep.py",
    "**/d/*.py",
    "b/**/x.py",
    "*_pb2.py",
    "!*_pb2.py",
    "x?.py",
    "[xy].py",
    "/a/b/",
    "d/e",
    "e/",
    "**/e/**",
    "!e/",
    "x*",
    "*y",
    "*.py[co]",
]


@pytest.mark.parametrize("seed", range(60))
def test_fast_walk_matches_exact_rules(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    # Sometimes the project is a subdirectory of the repository, below ignore files of its own.
    nested = rng.random() < 0.3
    root = tmp_path / "r" if nested else tmp_path
    dirs = ["a", "b", "c", "d", "e", "keep"]
    names = ["keep.py", "x.py", "y.py", "xy.py", "m_pb2.py", "z.py", "a.py"]
    for _ in range(40):
        parts = [rng.choice(dirs) for _ in range(rng.randint(0, 3))]
        make(root, "/".join([*parts, rng.choice(names)]))
    all_dirs = sorted({str(p.relative_to(root)) for p in root.rglob("*") if p.is_dir()})
    for directory in ["", *rng.sample(all_dirs, min(3, len(all_dirs)))]:
        if rng.random() < 0.7:
            ignore(root, directory, "\n".join(rng.sample(RANDOM_PATTERNS, rng.randint(1, 6))))
    if nested or rng.random() < 0.3:
        make(tmp_path, ".git/info/")
        (tmp_path / ".git" / "info" / "exclude").write_text(rng.choice(RANDOM_PATTERNS))
    if nested:
        lifted = ["/r/a/", "r/b/**", "/r/*.py", "!r/keep.py", "/r/c", "x.py", "r/**/d/"]
        ignore(tmp_path, "", "\n".join(rng.sample(lifted, rng.randint(1, 4))))
    assert list(files(root)) == reference_files(root)


# --------------------------------------------------------------------------- speed


PYTHON_GITIGNORE = """\
__pycache__/
*.py[cod]
*$py.class
*.so
.Python
build/
develop-eggs/
dist/
downloads/
eggs/
.eggs/
lib64/
parts/
sdist/
var/
wheels/
share/python-wheels/
*.egg-info/
.installed.cfg
*.egg
MANIFEST
*.manifest
*.spec
pip-log.txt
htmlcov/
.tox/
.coverage
.coverage.*
.cache
coverage.xml
*.cover
*.py,cover
.hypothesis/
.pytest_cache/
*.mo
*.log
local_settings.py
db.sqlite3
instance/
docs/_build/
target/
.ipynb_checkpoints
ipython_config.py
__pypackages__/
celerybeat-schedule
*.sage.py
.env
.venv
env/
venv/
/site
.mypy_cache/
.pyre/
cython_debug/
generated/
!generated/keep.py
"""


def test_discovery_of_6400_files_lists_each_directory_once(tmp_path: Path) -> None:
    root = tmp_path / "big"
    ignore(root, "", PYTHON_GITIGNORE)
    make(root, ".git/info/")
    (root / ".git" / "info" / "exclude").write_text("*.local.py\n")
    for a in range(20):
        for b in range(16):
            directory = root / f"pkg{a}" / f"sub{b}"
            directory.mkdir(parents=True)
            if b == 3:
                (directory / ".gitignore").write_text("*_gen.py\n!keep_gen.py\n")
            for name in [*(f"mod{c}.py" for c in range(20)), "data.json"]:
                os.close(os.open(directory / name, os.O_CREAT | os.O_WRONLY, 0o644))

    # Its speed is a benchmark row (bench/run.py), not a wall-clock assertion here: what is
    # checked is the work, which is what makes it fast: each directory listed once, no file
    # opened but the ignore files.
    from frontier_lint.scan import discovery as discovery_module

    listed: list[str] = []
    opened: list[str] = []
    real_scandir, real_read_regular = os.scandir, discovery_module.read_regular

    def scandir(path: Any) -> Any:
        listed.append(str(path))
        return real_scandir(path)

    def read_regular(path: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(os.path.basename(str(path)))
        return real_read_regular(path, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(discovery_module.os, "scandir", scandir)
        mp.setattr(discovery_module, "read_regular", read_regular)
        found = discover(root, [])
    assert len(found.files) == 6400
    assert len(listed) == len(set(listed)) <= 1 + 20 + 20 * 16 + 3  # (+ .git, .git/info)
    assert set(opened) <= {".gitignore", "exclude"}

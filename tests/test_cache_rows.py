"""The cache's per-file records (code records and blocks, `run.cache.Rows`): a run decodes the
records of the files it looks at, not the others; a save writes the others' bytes as they were
read; a record that does not decode is no record; a save that is cut short leaves the cache
as it was or rejected whole, never a mix; a cache of another format version is read as none."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from frontier_lint.run import cache
from frontier_lint.run.cache import CACHE_DIR, SUFFIX
from tests.test_cache import cli_json, forge, payload
from tests.test_cache_code_edits import NAMES, NAMES_TEXT, RUNNER, RUNNER_TEXT, edit

# Files like the runner, each launching and holding statements no result reads: each has a
# code record and a block in the cache.
OTHERS = [f"app/runtime/worker{i}.py" for i in range(6)]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "app/runtime").mkdir(parents=True)
    (root / "app/__init__.py").write_text("")
    (root / "app/runtime/__init__.py").write_text("")
    (root / RUNNER).write_text(RUNNER_TEXT)
    (root / NAMES).write_text(NAMES_TEXT)
    for i, path in enumerate(OTHERS):
        (root / path).write_text(RUNNER_TEXT.replace('"plain"', f'"plain {i}"'))
    (root / "frontier-lint.yaml").write_text('include: ["app/**"]\n')
    return root


def cache_file(root: Path) -> Path:
    (found,) = (root / CACHE_DIR).glob(f"v*{SUFFIX}")
    return found


def filled(root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The cache document after a run that filled it (and one more, which settles it). Files
    just written count as settled (else which ones a run reads again depends on the clock)."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    cli_json(root, monkeypatch)
    cli_json(root, monkeypatch)
    document = payload(cache_file(root))
    assert set(OTHERS) <= set(document["blocks"]) and set(OTHERS) <= set(document["codes"])
    return document


def decoded(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The content digests of the records decoded from now on, by kind."""
    seen: dict[str, list[str]] = {"codes": [], "blocks": []}
    for kind, name in (("codes", "_code"), ("blocks", "_block")):
        real = getattr(cache, name)

        def spy(value: Any, real: Any = real, kind: str = kind) -> Any:
            got = real(value)
            seen[kind].append(got[0])
            return got

        monkeypatch.setattr(cache, name, spy)
    return seen


def test_an_edit_decodes_the_records_of_the_edited_file_only(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit of a statement no result read, answered from the runner's block: the other
    files' records are neither decoded nor encoded again; their bytes are saved as read."""
    before = filled(root, monkeypatch)
    with monkeypatch.context() as m:
        seen = decoded(m)
        _, analysed = edit(root, monkeypatch, RUNNER, '"plain"', '"edited"')
    assert analysed == 0  # (answered from the block)
    runner = before["files"][RUNNER][1]  # its digest as the cache knew it
    # (`edit` runs twice, the second time without the cache: the cached run is the first.)
    assert seen["blocks"] == [runner] and seen["codes"] == [runner]
    after = payload(cache_file(root))
    for kind in ("codes", "blocks"):
        assert after[kind].keys() >= before[kind].keys()
        for path in before[kind]:
            if path != RUNNER:
                assert after[kind][path] == before[kind][path], path  # the same bytes
        assert after[kind][RUNNER] != before[kind][RUNNER]  # (the new digest)


def test_an_edit_that_is_analysed_keeps_the_other_records_as_they_were(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = filled(root, monkeypatch)
    cached, analysed = edit(
        root,
        monkeypatch,
        RUNNER,
        '    text = "plain"\n',
        '    text = subprocess.getoutput("gemini")\n',
    )
    assert analysed
    assert '"gemini"' in cached
    after = payload(cache_file(root))
    for path in OTHERS:
        assert after["blocks"][path] == before["blocks"][path]
        assert after["codes"][path] == before["codes"][path]


@pytest.mark.parametrize("junk", [b"\x00junk", marshal.dumps(("a digest", "no more")), b""])
def test_a_record_that_does_not_decode_is_no_record(
    root: Path, monkeypatch: pytest.MonkeyPatch, junk: bytes
) -> None:
    """Signed by this user's tool (so the MAC matches) but not a record: the file it was for
    is looked at as one without, and the run answers as a run without the cache does."""
    filled(root, monkeypatch)
    secret = cache.machine_key()

    def spoil(document: dict[str, Any]) -> None:
        for kind in ("codes", "blocks"):
            content, _ = document[kind][RUNNER]
            document[kind][RUNNER] = (content, junk)

    forge(cache_file(root), spoil, secret)
    edit(root, monkeypatch, RUNNER, '"plain"', '"edited"')  # (compares with --no-cache)
    # The next save wrote records that decode.
    document = payload(cache_file(root))
    for kind in ("codes", "blocks"):
        if RUNNER in document[kind]:
            assert marshal.loads(document[kind][RUNNER][1])[0] == document[kind][RUNNER][0]


def test_a_torn_cache_file_is_rejected_whole(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache file cut short (a write that is not the tool's own atomic replace) fails its
    MAC: nothing of it is trusted, and the run rewrites it whole."""
    filled(root, monkeypatch)
    file = cache_file(root)
    data = file.read_bytes()
    file.write_bytes(data[: len(data) // 2])
    assert (
        cache.Cache(root, file.name[len(f"v{cache.VERSION}-") : -len(SUFFIX)], b"").load() is None
    )
    edit(root, monkeypatch, RUNNER, '"plain"', '"edited"')
    assert len(cache_file(root).read_bytes()) > len(data) // 2


def test_a_save_cut_short_leaves_the_cache_as_it_was(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that dies while it saves (here: before its new file takes the cache's name)
    leaves the cache it loaded, which the next run loads and answers from."""
    filled(root, monkeypatch)
    file = cache_file(root)
    was = file.read_bytes()

    class Died(BaseException):
        pass

    def dies(path: Path, data: bytes) -> bool:
        (path.parent / ".tmp-died.bin").write_bytes(data[: len(data) // 3])  # its partial file
        raise Died

    with monkeypatch.context() as m:
        m.setattr(cache, "replace_file", dies)
        (root / RUNNER).write_text(RUNNER_TEXT.replace('"plain"', '"edited"'))
        with pytest.raises(Died):
            cli_json(root, monkeypatch)
    assert file.read_bytes() == was
    with monkeypatch.context() as m:
        seen = decoded(m)
        _, analysed = edit(root, monkeypatch, RUNNER, '"edited"', '"again"')
    assert analysed == 0 and seen["blocks"]  # answered from the cache as it was


def test_two_runs_saving_at_once_leave_one_of_their_caches_whole(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs that loaded the same cache and save one after the other (each its own new
    file, renamed over the cache's name): the cache is the last one's, whole."""
    filled(root, monkeypatch)
    file = cache_file(root)
    key = file.name[len(f"v{cache.VERSION}-") : -len(SUFFIX)]
    first, second = cache.Cache.open(root, key), cache.Cache.open(root, key)
    assert first is not None and second is not None
    a, b = first.load(), second.load()
    assert a is not None and b is not None
    a.files.pop(RUNNER)
    b.files.pop(NAMES)
    first.save(a)
    second.save(b)
    got = cache.Cache.open(root, key)
    assert got is not None
    now = got.load()
    assert now is not None
    assert RUNNER in now.files and NAMES not in now.files
    assert dict(now.blocks) == dict(b.blocks)


def test_a_cache_of_another_format_version_is_read_as_none(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file of an older version (its own name) is passed over; one under this version's
    name whose document says another version, signed by this user's tool, is rejected whole,
    and the run answers as a run without the cache does."""
    filled(root, monkeypatch)
    file = cache_file(root)
    secret = cache.machine_key()

    def older(document: dict[str, Any]) -> None:
        document["version"] = cache.VERSION - 1
        # (The older layout: plain lists where this one has (digest, bytes) pairs.)
        for kind in ("codes", "blocks"):
            document[kind] = {p: list(marshal.loads(v[1])) for p, v in document[kind].items()}

    old = file.with_name(f"v{cache.VERSION - 1}-{file.name.split('-', 1)[1]}")
    old.write_bytes(file.read_bytes())
    forge(old, older, secret)
    forge(file, older, secret)
    key = file.name[len(f"v{cache.VERSION}-") : -len(SUFFIX)]
    opened = cache.Cache.open(root, key)
    assert opened is not None and opened.load() is None
    edit(root, monkeypatch, RUNNER, '"plain"', '"edited"')  # (compares with --no-cache)
    assert payload(file)["version"] == cache.VERSION


def test_a_run_answered_from_memory_does_not_import_the_cache(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing changed since the last run: the remembered report answers (`run.recall`), with
    the cache file's name and no more of `run.cache` (its import is a part of such a run)."""
    filled(root, monkeypatch)  # (files just written count as settled: remembered)
    code = (
        "import os, sys\n"
        "real, parent = os._exit, os.getpid()\n"
        "def done(code=0):\n"
        "    if os.getpid() == parent:  # (not the forked child listing the project)\n"
        "        os.write(2, b'\\nIMPORTED %r\\n' % ('frontier_lint.run.cache' in sys.modules))\n"
        "    real(code)\n"
        "os._exit = done\n"
        "from frontier_lint.cli import main\n"
        "try:\n    main(['--format', 'json', '.'])\nexcept SystemExit:\n    pass\n"
        "done(0)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, env=env
    )
    assert json.loads(proc.stdout)["findings"]  # (the report, from memory)
    assert [line for line in proc.stderr.splitlines() if "IMPORTED" in line] == ["IMPORTED False"]


def test_entries_kept_by_a_save_keep_their_searches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry is saved as the row it was read as (its searches numbered in the file's
    table) when the run did not replace it: a save that replaces another entry, with searches
    of its own, numbers them after the table's, and every entry loads with its own searches;
    a table most of whose searches no entry numbers any more is made again."""
    from frontier_lint.dataflow.searches import Search, SearchKind
    from frontier_lint.findings import Finding, Hop

    def search(kind: SearchKind, name: str) -> Search:
        return Search(kind, name)

    tool, cmd, other = (
        search(SearchKind.SUBCLASSES, "Tool"),
        search(SearchKind.ATTR_STORES, "CMD"),
        search(SearchKind.ATTR_STORES, "BIN"),
    )
    finding = Finding(
        "FL001", "a.py", 3, 5, 3, 9, "codex", "subprocess.run", "m", (Hop("b.py", 1, 1, "n"),)
    )
    first = {
        "a.py": cache.Entry({"a.py": "1"}, findings=[finding], sites=1, searches=[tool, cmd]),
        "b.py": cache.Entry({"b.py": "2"}, searches=[cmd], scanned=["run"], calls=["x"]),
        "c.py": cache.Entry({"c.py": "3"}),
    }
    data = cache.CacheData(files={}, entries=first, wrappers=[], decode_errors={})
    secret = b"k" * 32
    cache.Cache(tmp_path, "key", secret).save(data)
    saved = payload(cache_file(tmp_path))
    store = cache.Cache(tmp_path, "key", secret)
    loaded = store.load()
    assert loaded is not None and loaded.entries == first
    # Replace a.py with an entry searching for another name only, keep b.py and c.py as read.
    replaced = cache.Entry({"a.py": "4"}, searches=[other, tool])
    entries = {**loaded.entries, "a.py": replaced}
    store.save(cache.CacheData(files={}, entries=entries, wrappers=[], decode_errors={}))
    again = cache.Cache(tmp_path, "key", secret).load()
    assert again is not None and again.entries == {**first, "a.py": replaced}
    document = payload(cache_file(tmp_path))
    assert sorted(map(tuple, document["searches"])) == sorted(
        (s.kind.value, s.name) for s in (tool, cmd, other)
    )  # (each once)
    assert cache.plain_entries(document)["b.py"]["searches"] == [["attr_stores", "CMD"]]
    assert document["entries"]["b.py"] == saved["entries"]["b.py"]  # (its row as read)
    # a.py now searches for nothing: one search of three is numbered, the table is made again.
    monkeypatch.setattr(cache, "_SPARE_SEARCHES", 0)
    store = cache.Cache(tmp_path, "key", secret)
    loaded = store.load()
    assert loaded is not None
    quiet = cache.Entry({"a.py": "5"})
    store.save(
        cache.CacheData(
            files={}, entries={**loaded.entries, "a.py": quiet}, wrappers=[], decode_errors={}
        )
    )
    document = payload(cache_file(tmp_path))
    assert document["searches"] == [["attr_stores", "CMD"]]
    again = cache.Cache(tmp_path, "key", secret).load()
    assert again is not None and again.entries == {**first, "a.py": quiet}

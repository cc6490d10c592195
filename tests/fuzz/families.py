"""The case streams. A case is a pure function of (seed, family, index, profile): `gen-0007`
with seed 0 is the same project on every machine and every run, so a failure's id is its
reproducer. Families:

- `gen`: pysource-codegen modules (one or two files) with launch fragments spliced in;
- `mut`: a fixture of `tests/fixtures/single/` (sometimes with a fragment), mutated;
- `proj`: a fixture project of `tests/fixtures/projects/`, one or two files mutated, sometimes
  a file named on the command line (the pre-commit form: the import-cone analysis);
- `bulk`: more launching source than `--jobs 2` needs to fork its syntax checks (100 KB), or
  more files than its cold-read child needs (500), so the two runs take different paths;
- `odd`: fixed trees with a FIFO, a socket, symlink loops, a symlink to /dev/zero, an unreadable
  file, an empty file, a directory named `x.py`, a non-UTF-8 name (in the tree, or named).
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Iterator
from pathlib import Path

from frontier_lint.run.engine import FORK_FILES
from tests.fuzz import mutations
from tests.fuzz.cases import Case, Entry, Expectation, Node
from tests.fuzz.launches import fragment
from tests.fuzz.programs import generated_module

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SINGLE = sorted((FIXTURES / "single").glob("*.py"))
PROJECTS = sorted(p for p in (FIXTURES / "projects").iterdir() if p.is_dir())

LAUNCH = b'import subprocess\n\nsubprocess.run(["codex", "exec", "hi"])\n'


def case_rng(seed: int, family: str, index: int) -> random.Random:
    # A string seed is hashed with SHA-512: the same on every run, whatever PYTHONHASHSEED.
    return random.Random(f"frontier-lint-fuzz/{seed}/{family}/{index}")


def _with_fragment(data: bytes, rng: random.Random, n: int) -> tuple[bytes, list[Entry], str]:
    frag = fragment(rng, n)
    extra = []
    if frag.module is not None:
        extra.append(Entry(frag.module[0].encode(), data=frag.module[1].encode()))
    return mutations._insert_statement(data, rng, frag.code.encode()), extra, frag.kind


def generated(seed: int, index: int, profile: str) -> Case:
    rng = case_rng(seed, "gen", index)
    entries: list[Entry] = []
    expectations: list[Expectation] = []
    notes = []
    n_files = rng.choice([1, 1, 1, 2])
    for f in range(n_files):
        path = f"fz_{'ab'[f]}.py"
        made = None
        while made is None:  # pysource-codegen gives up on a few seeds (f-string unparsing)
            made = generated_module(rng, path, rng.randint(1, 3), first_fragment=10 * f)
        source, frags, expects = made
        entries.append(Entry(path.encode(), data=source.encode()))
        for frag in frags:
            if frag.module is not None:
                entries.append(Entry(frag.module[0].encode(), data=frag.module[1].encode()))
        expectations += expects
        notes.append(f"{path}: " + ", ".join(fr.kind for fr in frags))
    named: tuple[bytes, ...] = ()
    if rng.random() < 0.25:
        named = (entries[0].path,)
    return Case(
        id=f"gen-{index:04d}",
        family="gen",
        note="; ".join(notes) + (" (named)" if named else ""),
        entries=tuple(entries),
        named=named,
        expectations=tuple(expectations),
        buffer=entries[0].path,
        base=b"",
    )


def _name(rng: random.Random, name: str) -> bytes:
    """Usually the fixture's own name; now and then a non-UTF-8 one."""
    if rng.random() < 0.1:
        return b"caf\xe9_" + name.encode()
    return name.encode()


def mutated(seed: int, index: int, profile: str) -> Case:
    rng = case_rng(seed, "mut", index)
    fixture = rng.choice(SINGLE)
    original = fixture.read_bytes()
    data = original
    entries: list[Entry] = []
    notes = [fixture.name]
    if rng.random() < 0.5:
        data, extra, kind = _with_fragment(data, rng, 0)
        entries += extra
        notes.append(f"+{kind}")
    data, how = mutations.mutate(data, rng, profile)
    notes += how
    path = _name(rng, fixture.name)
    entries.insert(0, Entry(path, data=data))
    named = (path,) if rng.random() < 0.25 else ()
    return Case(
        id=f"mut-{index:04d}",
        family="mut",
        note=" ".join(notes) + (" (named)" if named else ""),
        entries=tuple(entries),
        named=named,
        buffer=path,
        base=original,
    )


def project(seed: int, index: int, profile: str) -> Case:
    rng = case_rng(seed, "proj", index)
    src = rng.choice(PROJECTS)
    files = sorted(p for p in src.rglob("*") if p.is_file())
    py = [p for p in files if p.suffix == ".py"]
    targets = rng.sample(py, min(len(py), rng.choice([1, 1, 2])))
    entries = []
    notes = [src.name]
    buffer = None
    base = b""
    for p in files:
        rel = p.relative_to(src).as_posix().encode()
        data = p.read_bytes()
        if p in targets:
            new, how = mutations.mutate(data, rng, profile)
            notes.append(f"{rel.decode()}: {', '.join(how)}")
            if buffer is None:
                buffer, base = rel, data
            data = new
        entries.append(Entry(rel, data=data))
    named = (buffer,) if buffer is not None and rng.random() < 0.3 else ()
    return Case(
        id=f"proj-{index:04d}",
        family="proj",
        note="; ".join(notes) + (" (named)" if named else ""),
        entries=tuple(entries),
        named=named,
        buffer=buffer,
        base=base,
    )


def bulk(seed: int, index: int, profile: str) -> Case:
    """Enough launching source (or files) that `--jobs 2` forks its helpers."""
    rng = case_rng(seed, "bulk", index)
    # Just over the cold run's read child's threshold in files (`engine.FORK_FILES`), taken from
    # the single fixtures in turn, so the case's cost stays put as fixtures are added (11 whole
    # copies were 580 files at 53 fixtures, 1,001 and twice the time at 91). Their launching
    # source is far over the syntax-check children's threshold (`syntax.MIN_BYTES`, 100 KB).
    count = FORK_FILES + 20
    entries = []
    notes = [f"{count} files from the single fixtures"]
    for i in range(count):
        c, fixture = divmod(i, len(SINGLE))[0], SINGLE[i % len(SINGLE)]
        data = fixture.read_bytes()
        if rng.random() < 0.15:
            data, how = mutations.mutate(data, rng, profile)
            notes.append(f"c{c}/{fixture.name}: {', '.join(how)}")
        entries.append(Entry(f"c{c}/{fixture.name}".encode(), data=data))
    return Case(
        id=f"bulk-{index:04d}",
        family="bulk",
        note="; ".join(notes),
        entries=tuple(entries),
        lsp=False,
        timeout_scale=3.0,
    )


def _odd(name: str, nodes: list[Entry], named: tuple[bytes, ...] = (), usage: bool = False) -> Case:
    return Case(
        id=f"odd-{name}",
        family="odd",
        note=name,
        entries=(Entry(b"main.py", data=LAUNCH), *nodes),
        named=named,
        expectations=(Expectation("main.py", "codex", "literal"),),
        usage_error_ok=usage,
        lsp=False,
        timeout_scale=0.3,  # a tree of a few files: 3 s is generous for any answer
    )


def odd_cases() -> list[Case]:
    fifo = Entry(b"pipe.py", Node.FIFO)
    sock = Entry(b"sock.py", Node.SOCKET)
    loop = Entry(b"loop.py", Node.SYMLINK, target=b"loop.py")
    dir_loop = Entry(b"pkg/up", Node.SYMLINK, target=b"..")
    zero = Entry(b"zero.py", Node.SYMLINK, target=b"/dev/zero")
    mem = Entry(b"mem.py", Node.SYMLINK, target=b"/proc/self/mem")  # read: EIO, even as root
    unreadable = Entry(b"secret.py", Node.UNREADABLE, data=LAUNCH)
    empty = Entry(b"empty.py")
    dir_py = Entry(b"x.py/inner.py", data=LAUNCH)
    dangling = Entry(b"gone.py", Node.SYMLINK, target=b"nowhere.py")
    latin = Entry(b"caf\xe9.py", data=LAUNCH)
    every = [fifo, sock, loop, dir_loop, zero, mem, unreadable, empty, dir_py, dangling, latin]
    cases = [
        _odd("fifo", [fifo]),
        _odd("fifo-named", [fifo], named=(b"pipe.py", b"main.py"), usage=True),
        _odd("socket", [sock]),
        _odd("symlink-loops", [loop, dir_loop]),
        _odd("dev-zero", [zero]),
        _odd("dev-zero-named", [zero], named=(b"zero.py", b"main.py"), usage=True),
        _odd("proc-mem", [mem]),
        _odd("empty-dangling-dir-x.py", [empty, dangling, dir_py]),
        _odd("dir-named-x.py-named", [dir_py], named=(b"x.py", b"main.py")),
        _odd("non-utf8-name", [latin]),
        _odd("everything", every),
    ]
    if not running_as_root():  # mode 000 does not stop root: `proc-mem` stands in for it
        cases.insert(-1, _odd("unreadable", [unreadable]))
    return cases


FAMILIES: dict[str, Callable[[int, int, str], Case]] = {
    "gen": generated,
    "mut": mutated,
    "proj": project,
    "bulk": bulk,
}


def stream(family: str, seed: int, profile: str) -> Iterator[Case]:
    """Cases 0, 1, 2, ... of a family (the `odd` family is a fixed list)."""
    if family == "odd":
        yield from odd_cases()
        return
    index = 0
    while True:
        yield FAMILIES[family](seed, index, profile)
        index += 1


def regenerable(case_id: str) -> bool:
    """Whether `by_id` makes this case (not a Hypothesis example, not a shrunk case)."""
    family, _, index = case_id.partition("-")
    return (family in FAMILIES and index.isdigit()) or any(c.id == case_id for c in odd_cases())


def by_id(case_id: str, seed: int, profile: str) -> Case:
    family, _, index = case_id.partition("-")
    if family not in FAMILIES and family != "odd":
        raise SystemExit(f"{case_id}: not regenerated by id; rerun its reproducer directory")
    if family == "odd":
        return next(c for c in odd_cases() if c.id == case_id)
    return FAMILIES[family](seed, int(index), profile)


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0

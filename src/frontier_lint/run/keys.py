"""This user's cache key: the secret under which the project cache and the remembered parsed
inputs (`settings.memo`) carry an HMAC, so that a file this user's tool did not write is never
trusted. It lives in the user's cache directory (`$XDG_CACHE_HOME/frontier-lint/` or
`~/.cache/frontier-lint/`), outside every project. And the project cache's name: its
directory, format version and settings key (`cache_key`). (A module of its own, with light
imports: start-up code asks for these before the analysis, or `run.cache`, is imported.)"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from pathlib import Path

from frontier_lint import __version__
from frontier_lint.scan.fileio import ReadError, read_regular

KEY_FILE = "cache-key"

# --------------------------------------------------------------------------- the cache's name
# (Here, light: a warm run that its remembered report answers (`run.recall`) needs the cache
# file's name and the key of the settings, and not `run.cache`.)

CACHE_DIR = ".frontier-lint-cache"
# 5: stat data with ctime and inode (racy files recorded without), a keyed MAC over the file,
# entries checked one by one, decode errors stored with their full message.
# 6: each entry's searches of the project by name (`searches`) and the wrapper names whose
# calls were looked for in its file.
# 7: the payload in `marshal`'s format, not JSON (the same plain lists, dicts and scalars): a
# warm run loads it 2.5x and an edited run saves it 8x faster.
# 8: an open launch's reason names the frontier runtime ("no call in the frontier runtime").
# 9: `calls` and the keys of `open_findings` / `open_sites` name, for a method launching a
# constructor's arguments, the constructor call whose instance it is called on.
# 10: `codes`: for the files an edit of only comments and blank lines may leave answered, their
# code's digest and where its lines are (`scan.chunks.code_lines`).
# 11: `blocks`: for those files, their top-level statements (digests, kinds, names), which of
# them the analysis read and which the gates would pass over; `words`: the names the analysis
# searched the files' texts for (an edit of code no result read is answered: `run.blocks`).
# 12: a block's rows hold each statement's code digest (`chunks.chunk_digests`: comments and
# blank lines apart), not its text's: an edit is answered when the statements results read
# keep their code, whatever comments changed or lines moved.
# 13: `files` holds (stat data, digest) pairs as marshal tuples (used as loaded); `codes` and
# `blocks` hold per file (content digest, the record's own marshal bytes), decoded when a run
# asks for that file's (`Rows`) and saved again as those bytes while it did not replace them.
# 14: `index`: the project's text index (`run.textindex`) with the digest of each file it
# scanned: a run answering an edit with a search of the project by name scans the changed files.
# 15: nothing in the format; session 15 changed what the analysis finds in an unchanged file
# (launch gate for sink modules handed on, `dataclasses.replace`): results cached by 14 are stale.
# 16: the text index lists a file under a container's word where a bare stored-into name is
# bound to it (`reg = Owner._registry`), and the attribute index takes tuple targets, `%=`/`*=`
# and a call's result as receiver: an index kept by 15 lacks them (flow16). Session 16 also
# changed what the analysis finds in an unchanged file (an attribute read met again while its
# own value is computed is unknown there at once, `forcing._read`; a caller's sequence
# unpacked in a wrapper; builtin-annotated parameters read as plain ones; the matcher
# following node scripts, GNU parallel, expect's Tcl, ssh's local commands). Since 16 the
# settings key also stamps the tool's sources (`sources_stamp`): a bump is needed only for a
# change of the format or of what an index or record means.
# 17: `index` keeps each table of the text index as its own marshal bytes with the files whose
# entries in it no longer stand, decoded when a run reads it (`run.keptindex`).
# 18: a library value read from an attribute records `SearchKind.ATTR_SINK_STORES` (only a
# store of a dotted name answers it), not `ATTR_STORES`: a record 17 does not know.
# 19: an entry is a row (a tuple of its fields in `cache.ROW_FIELDS` order, not a dict keyed by
# their names) ending with the numbers of its searches in the file's table of searches
# (`searches`, each [kind, name] once): every run from the cache decodes every entry, and the
# rows decode (and are marshalled) in about two thirds of the time, a third fewer bytes.
# 20: the text index has a table of the words items are taken out of or moved in (`moved`).
# 21: the attribute index takes stores by a literal key into an attribute mapping
# (`t.__dict__["bin"] = v`, `vars(t)[...]`, `globals()[...]`) and `setattr(sys.modules[
# __name__], ...)`: an index kept by 20 lacks their words.
VERSION = 21
SUFFIX = ".bin"


def cache_key(catalogue_digest: str, config_digest: str) -> str:
    """The key of the settings a cache is for: tool version and sources, rule pack,
    configuration."""
    text = "\0".join(
        (__version__, sources_stamp(), catalogue_digest, config_digest, sys.version.split()[0])
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


_STAMP: list[str] = []


def sources_stamp() -> str:
    """A stamp of the installed tool's own sources (each module's name, size and mtime).

    `__version__` alone names a release, and an analysis change between releases (a
    development install, a patched copy, a reinstall) would keep trusting results the old
    code found: a verdict cached by other code is stale. Stat data of ~120 files costs
    about a millisecond; a file that cannot be read stamps as such (a new key, never a
    trusted old one)."""
    if not _STAMP:
        package = Path(__file__).resolve().parent.parent
        digest = hashlib.sha256()
        for root, dirs, files in os.walk(package):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if not name.endswith(".py"):
                    continue
                path = os.path.join(root, name)
                try:
                    st = os.stat(path)
                    stamp = f"{st.st_size}:{st.st_mtime_ns}"
                except OSError as exc:
                    stamp = f"error:{exc.errno}"
                digest.update(f"{os.path.relpath(path, package)}\0{stamp}\n".encode())
        _STAMP.append(digest.hexdigest()[:16])
    return _STAMP[0]


def cache_name(key: str) -> str:
    """The name of the cache file (in `CACHE_DIR`) for the settings `key`."""
    return f"v{VERSION}-{key}{SUFFIX}"


# --------------------------------------------------------------------------- the user's key


def key_dir() -> Path | None:
    """Where the key lives: the user's cache directory (XDG), never inside a project."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the spec: a relative value is to be ignored
        return Path(xdg) / "frontier-lint"
    home = os.path.expanduser("~")
    return Path(home) / ".cache" / "frontier-lint" if os.path.isabs(home) else None


_KEYS: dict[Path, bytes] = {}


def machine_key() -> bytes | None:
    """This user's cache key, created (mode 0600) on first use; None when none can be kept."""
    directory = key_dir()
    if directory is None:
        return None
    file = directory / KEY_FILE
    known = _KEYS.get(file)
    if known is not None:
        return known
    key = _read_key(file)
    if key is None:
        key = _create_key(directory, file)
    if key is not None:
        _KEYS[file] = key
    return key


def _read_key(file: Path) -> bytes | None:
    try:
        data, _ = read_regular(file, 4096, nofollow=True)
        key = bytes.fromhex(data.decode("ascii").strip())
    except (ReadError, ValueError):
        return None
    return key if len(key) == 32 else None


def _create_key(directory: Path, file: Path) -> bytes | None:
    """A new key, written whole before it appears under its name (two first runs at once
    agree on one: the second one's link fails and it reads the first one's)."""
    import tempfile  # (only when a key is made: most runs read one)

    key = os.urandom(32)
    tmp = None
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".key-")  # mode 0600
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key.hex() + "\n")
        try:
            os.link(tmp, file)
        except FileExistsError:
            theirs = _read_key(file)
            if theirs is not None:
                return theirs
            os.replace(tmp, file)  # a damaged key file: start over with a new key
            tmp = None
        return key
    except OSError:
        return None  # a read-only home: no cache rather than a failed run
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

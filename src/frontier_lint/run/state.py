"""The state of a project as a remembered report is keyed by it (`run.recall`): what discovery
found and every file's stat data, as one digest.

Light imports only: `run.early`'s child takes it right after listing the project, without the
report's values (`findings`) or the MAC (`hmac`) that `run.recall` brings.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from frontier_lint.scan.discovery import Discovery

# (size, mtime_ns, ctime_ns, inode) of a file, as the cache records it (`run.cache`); NO_STAT
# for a file that was racily clean or unreadable when it was looked at.
Stat = tuple[int, int, int, int]
NO_STAT: Stat = (-1, -1, -1, -1)


def project_state(
    disc: Discovery, paths_named: bool, files: Sequence[str], stats: Mapping[str, Stat | None]
) -> bytes | None:
    """The digest of what discovery found and of each of `files`' stat data (as looked at
    now, or as recorded); None when a file has none to trust (unknown, racy, unreadable).
    (Taken by `run.early`'s child on a warm run, beside this process.)"""
    vector = tuple(map(stats.get, files))
    if None in vector or NO_STAT in vector:
        return None
    document = (
        paths_named,
        tuple(files),
        disc.files,
        disc.targets,
        disc.unreadable,
        disc.unreadable_targets,
        disc.scripts,
        vector,
    )
    return hashlib.blake2b(marshal.dumps(document), digest_size=20).digest()

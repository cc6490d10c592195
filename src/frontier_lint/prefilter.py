"""Cheap text scans that decide which files and top-level statements can matter.

Soundness argument, in one place: a launch site calls a catalogue sink, so its statement mentions
the sink's last name (`Popen`, `system`, `which`: through `subprocess.Popen`, `from subprocess
import Popen as P` or `sp.Popen`) and its module mentions the sink's module (`subprocess`, `os`).
A call of a project wrapper mentions the wrapper's name, and reaches it through an import that
names the wrapper's module or one of its packages (or the class, for methods). A file or
statement that mentions none of these cannot hold what the engine looks for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from frontier_lint.rules import Catalogue


@dataclass(frozen=True)
class SinkWords:
    modules: frozenset[bytes]  # first components: subprocess, os, asyncio, ...
    names: frozenset[bytes]  # last components: Popen, system, which, ...
    module_re: re.Pattern[bytes]
    name_re: re.Pattern[bytes]
    name_text_re: re.Pattern[str]


def sink_words(catalogue: Catalogue) -> SinkWords:
    modules = {call.split(".")[0] for call in catalogue.sinks}
    names = {call.rsplit(".", 1)[1] for call in catalogue.sinks}
    return SinkWords(
        modules=frozenset(m.encode() for m in modules),
        names=frozenset(n.encode() for n in names),
        module_re=words_re_bytes(modules),
        name_re=words_re_bytes(names),
        name_text_re=words_re(names),
    )


def words_re_bytes(words: Iterable[str]) -> re.Pattern[bytes]:
    alts = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rb"(?<![\w])(?:" + alts.encode() + rb")(?![\w])")


def words_re(words: Iterable[str]) -> re.Pattern[str]:
    alts = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(r"(?<![\w])(?:" + alts + r")(?![\w])")


def may_launch(data: bytes, words: SinkWords) -> bool:
    """Whether a file can contain a launch site (substring checks first: they are memchr-fast)."""
    if not any(m in data for m in words.modules):
        return False
    if not any(n in data for n in words.names):
        return False
    return bool(words.module_re.search(data)) and bool(words.name_re.search(data))


def mentioned_lines(text: str, pattern: re.Pattern[str]) -> set[int]:
    """0-based line numbers where `pattern` matches."""
    lines: set[int] = set()
    last_pos = 0
    last_line = 0
    for m in pattern.finditer(text):
        last_line += text.count("\n", last_pos, m.start())
        last_pos = m.start()
        lines.add(last_line)
    return lines

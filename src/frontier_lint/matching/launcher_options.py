"""Reading one option word of a launcher's argv by its grammar (`rules.LauncherSpec`): declared
options exactly or abbreviated, values attached or in the next word(s) (`--bind SRC DEST`),
getopt-style short-option clusters, and undeclared options (read both as a flag and as taking
the next word)."""

from __future__ import annotations

from typing import NamedTuple

from frontier_lint.matching.words import HOLE
from frontier_lint.settings.catalogue import LauncherSpec


class LauncherOption(NamedTuple):  # (not a dataclass: created at every start-up, ~1 ms)
    """One option word read by a grammar."""

    step: int  # words it takes, itself included
    # (declared name, value) of the options in the word (a cluster `-iu root` holds two)
    named: tuple[tuple[str, str | None], ...] = ()
    rest: str | None = None  # a rest option: the command starts after the word(s)
    ambiguous: bool = False  # undeclared, and it may take the next word


def read_option(spec: LauncherSpec, words: list[str | None], i: int) -> LauncherOption | None:
    """The option at words[i] by the grammar; None when the word is not an option."""
    w = words[i]
    assert w is not None
    nxt = words[i + 1] if i + 1 < len(words) else None
    fold = spec.case_insensitive
    found = _declared(spec, w, fold)
    if found is not None:
        return _option(spec, found, None, nxt, attached=False)
    if not w.startswith("-") or len(w) < 2 or w.startswith(HOLE):
        return None
    if w.startswith("--") or (fold and len(w) > 2):
        # A long option (PowerShell: any single-dash word), maybe abbreviated, maybe with
        # its value attached (`--user=bob`, `-ExecutionPolicy:Bypass`).
        for sep in ("=", ":") if fold else ("=",):
            name, eq, value = w.partition(sep)
            if eq:
                break
        else:
            name, value = w, None
        found = _declared(spec, name, fold) or _abbreviated(spec, name, fold)
        if found is not None:
            return _option(spec, found, value, nxt, attached=value is not None)
        return LauncherOption(1, ambiguous=value is None)
    # A short-option cluster, getopt style: `-iu root`, `-uroot`, `-oL`, `-dmS name`.
    named: list[tuple[str, str | None]] = []
    unknown = False
    for k in range(1, len(w)):
        opt = "-" + w[k]
        rest = w[k + 1 :]
        if opt in spec.rest_options:
            return LauncherOption(1, tuple(named), rest=opt)
        if opt in spec.optional_value:
            named.append((opt, rest or None))
            return LauncherOption(1, tuple(named), ambiguous=unknown)
        if _takes_value(spec, opt):
            more = spec.value_counts.get(opt, 1) - 1  # words after the first value
            if rest:
                named.append((opt, rest))
                return LauncherOption(1 + more, tuple(named))
            named.append((opt, nxt))
            return LauncherOption(2 + more, tuple(named))
        if opt in spec.flags or opt in spec.environment.clear:
            named.append((opt, None))
            continue
        unknown = True  # undeclared: a flag here, and below maybe taking the next word
    return LauncherOption(1, tuple(named), ambiguous=unknown)


def _takes_value(spec: LauncherSpec, name: str) -> bool:
    return name in spec.valued_names


def _declared(spec: LauncherSpec, word: str, fold: bool) -> str | None:
    """The declared option `word` is, exactly (case-insensitively for Windows grammars)."""
    if word in spec.option_names:
        return word
    return spec.folded_names.get(word.lower()) if fold else None


def _abbreviated(spec: LauncherSpec, word: str, fold: bool) -> str | None:
    """The one declared long option `word` abbreviates (GNU `--ign`, PowerShell `-NoP`)."""
    if len(word) < 3:
        return None
    long = word.startswith("--")
    key = word.lower() if fold else word
    matches = {
        name
        for name in spec.option_names
        if name.startswith("--") == long and (name.lower() if fold else name).startswith(key)
    }
    return matches.pop() if len(matches) == 1 else None


def _option(
    spec: LauncherSpec, name: str, value: str | None, nxt: str | None, *, attached: bool
) -> LauncherOption:
    """A declared option, with its value attached or in the next word."""
    if name in spec.rest_options:
        return LauncherOption(1, rest=name)
    if name in spec.optional_value or not _takes_value(spec, name):
        return LauncherOption(1, ((name, value),))
    # (The value is the first of the words it takes: `bwrap --setenv NAME VALUE`.)
    more = spec.value_counts.get(name, 1) - 1
    if attached:
        return LauncherOption(1 + more, ((name, value),))
    return LauncherOption(2 + more, ((name, nxt),))

"""Validating the configuration's keys: each value checked for its kind and meaning (patterns
that compile, allow entries, rule codes, sizes, environment variable names, import roots), and
turned into the `Config` fields. A failure names its key path; `loading` adds the file and line.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from frontier_lint.frontend.grammar import parse_target
from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.settings.config import (
    UNRESOLVED_RULE,
    AllowEntry,
    RuleSelection,
    parse_selectors,
)
from frontier_lint.settings.patterns import compiled

KEYS = (
    "allow",
    "env",
    "exclude",
    "extend-select",
    "ignore",
    "include",
    "max-file-size",
    "require_reason",
    "roots",
    "rules",
    "select",
    "target-version",
)
ALLOW_KEYS = ("path", "programs", "reason", "rules")
_ENV_NAME_RE = lazy_compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SIZE_RE = lazy_compile(r"(\d+(?:\.\d+)?)\s*(?:([kmg])(i)?)?b?", re.IGNORECASE)


class Invalid(Exception):
    """A validation failure at a key path; turned into a ConfigError with file and line."""

    def __init__(self, key: tuple[str | int, ...], expected: str) -> None:
        super().__init__(expected)
        self.key = key
        self.expected = expected


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def validate(raw: Any, root: Path) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise Invalid((), f"expected a mapping of settings, got {_kind(raw)}")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        name = str(key)
        if name not in KEYS:
            raise Invalid((name,), _unknown(name, KEYS))
        if name == "include":
            out["include"] = _patterns(value, (name,))
        elif name == "exclude":
            out["exclude"] = _patterns(value, (name,))
        elif name == "allow":
            out["allow"] = _allow(value)
        elif name == "rules":
            out["rules"] = _rule_packs(value, root)
        elif name == "roots":
            out["roots"] = _roots(value)
        elif name == "require_reason":
            if not isinstance(value, bool):
                raise Invalid((name,), f"expected true or false, got {_kind(value)}")
            out["require_reason"] = value
        elif name == "target-version":
            if not isinstance(value, str) or parse_target(value) is None:
                expected = "a version such as 'py312' (py37 to py314)"
                raise Invalid((name,), f"expected {expected}, got {value!r}")
            out["target_version"] = value
        elif name == "env":
            out["env"] = _env(value)
        elif name == "max-file-size":
            out["max_file_size"] = _size(value, (name,))
    selectors = {
        k: _selectors(raw[k], (k,)) for k in ("select", "extend-select", "ignore") if k in raw
    }
    if selectors:
        out["selection"] = RuleSelection(
            select=selectors.get("select"),
            extend_select=selectors.get("extend-select", ()),
            ignore=selectors.get("ignore", ()),
        )
    return out


def _selectors(value: Any, key: tuple[str | int, ...]) -> tuple[str, ...]:
    items = _strings(value, key, "rule codes")
    for index, item in enumerate(items):
        if "," in item or not re.fullmatch(r"[A-Za-z]+[0-9]*", item.strip()):
            raise Invalid(
                (*key, index), f"expected a rule code or prefix (FL001, FL0), got {item!r}"
            )
    return parse_selectors(items)


def _env(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise Invalid(
            ("env",),
            f"expected a mapping of variable name to its possible values, got {_kind(value)}",
        )
    out: list[tuple[str, tuple[str, ...]]] = []
    for name, values in value.items():
        key: tuple[str | int, ...] = ("env", str(name))
        if not isinstance(name, str) or not _ENV_NAME_RE.fullmatch(name):
            raise Invalid(key, f"expected an environment variable name, got {name!r}")
        if isinstance(values, str):
            raise Invalid(key, f"expected a list of values, got a string (write [{values!r}])")
        items = _strings(values, key, "values")
        if not items:
            raise Invalid(key, "expected at least one value the variable may hold")
        out.append((name, tuple(dict.fromkeys(items))))
    return tuple(sorted(out))


def _size(value: Any, key: tuple[str | int, ...]) -> int:
    """Bytes from `8388608`, `"8 MiB"` or `"10MB"` (k/M/G: powers of 1000; Ki/Mi/Gi: 1024)."""
    expected = "expected a positive number of bytes (e.g. 8388608, '8 MiB', '10MB')"
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise Invalid(key, f"{expected}, got {_kind(value)}")
    size = value if isinstance(value, int) else -1
    match = _SIZE_RE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is not None:
        number, prefix, binary = match.groups()
        power = "kmg".index(prefix.lower()) + 1 if prefix else 0
        size = int(float(number) * (1024 if binary else 1000) ** power)
    if size <= 0:
        raise Invalid(key, f"{expected}, got {value!r}")
    return size


def _unknown(name: str, known: Sequence[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown key (expected one of {', '.join(known)}){hint}"


def _strings(value: Any, key: tuple[str | int, ...], what: str = "strings") -> list[str]:
    if not isinstance(value, list):
        raise Invalid(key, f"expected a list of {what}, got {_kind(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise Invalid((*key, index), f"expected a string, got {_kind(item)}")
        if not item.strip():
            raise Invalid((*key, index), "expected a non-empty string")
    return value


def _check_pattern(pattern: str, key: tuple[str | int, ...]) -> None:
    if pattern.startswith("#"):
        raise Invalid(key, f"{pattern!r} is a comment in gitignore syntax; write '\\#' for '#'")
    try:
        # (pathspec's compilation, remembered between runs: a warm run imports no pathspec)
        rows = compiled((pattern,))
    except (ValueError, TypeError, re.error) as exc:
        # re.error's "at position N" counts in the translated regex, not in the pattern.
        detail = exc.msg if isinstance(exc, re.error) else str(exc)
        raise Invalid(key, f"invalid gitignore-style pattern {pattern!r}: {detail}") from None
    if all(include is None for include, _, _ in rows):
        raise Invalid(key, f"invalid gitignore-style pattern {pattern!r}: it matches nothing")


def _patterns(value: Any, key: tuple[str | int, ...]) -> tuple[str, ...]:
    items = _strings(value, key, "gitignore-style patterns")
    for index, pattern in enumerate(items):
        _check_pattern(pattern, (*key, index))
    return tuple(items)


def _allow(value: Any) -> tuple[AllowEntry, ...]:
    if not isinstance(value, list):
        raise Invalid(("allow",), f"expected a list of patterns or mappings, got {_kind(value)}")
    entries: list[AllowEntry] = []
    for index, item in enumerate(value):
        key: tuple[str | int, ...] = ("allow", index)
        if isinstance(item, str):
            entries.append(AllowEntry(pattern=_allow_pattern(item, key)))
        elif isinstance(item, dict):
            entries.append(_allow_mapping(item, key))
        else:
            raise Invalid(key, f"expected a pattern or a mapping with `path`, got {_kind(item)}")
    return tuple(entries)


def _allow_pattern(pattern: Any, key: tuple[str | int, ...]) -> str:
    if not isinstance(pattern, str):
        raise Invalid(key, f"expected a gitignore-style pattern, got {_kind(pattern)}")
    if not pattern.strip():
        raise Invalid(key, "expected a non-empty gitignore-style pattern")
    if pattern.startswith("!"):
        # A lone negated pattern selects nothing; it only makes sense inside a list.
        raise Invalid(key, f"expected a pattern selecting paths, got negated {pattern!r}")
    _check_pattern(pattern, key)
    return pattern


def _allow_mapping(item: dict[Any, Any], key: tuple[str | int, ...]) -> AllowEntry:
    for name in item:
        if str(name) not in ALLOW_KEYS:
            raise Invalid((*key, str(name)), _unknown(str(name), ALLOW_KEYS))
    if "path" not in item:
        raise Invalid(key, "expected a `path` key with the gitignore-style pattern to allow")
    pattern = _allow_pattern(item["path"], (*key, "path"))
    restrictions: dict[str, frozenset[str] | None] = {}
    for name in ("programs", "rules"):
        if name not in item:
            restrictions[name] = None
            continue
        names = _strings(item[name], (*key, name))
        if not names:
            raise Invalid((*key, name), f"expected a non-empty list (omit `{name}` for all)")
        restrictions[name] = frozenset(n.strip() for n in names)
    reason = item.get("reason", "")
    if not isinstance(reason, str):
        raise Invalid((*key, "reason"), f"expected a string, got {_kind(reason)}")
    if UNRESOLVED_RULE in (restrictions["rules"] or ()):
        # An unresolved site has no program, and excusing what nobody could read needs a why.
        if restrictions["programs"] is not None:
            raise Invalid(
                (*key, "programs"),
                f"an entry allowing {UNRESOLVED_RULE} (sites whose program is unknown) cannot "
                "name programs: put the programs in an entry of their own",
            )
        if not reason.strip():
            raise Invalid(key, f"an entry allowing {UNRESOLVED_RULE} needs a `reason`")
    return AllowEntry(
        pattern=pattern,
        programs=restrictions["programs"],
        rules=restrictions["rules"],
        reason=reason.strip(),
    )


def _rule_packs(value: Any, root: Path) -> tuple[Path, ...]:
    items = _strings(value, ("rules",), "rule pack paths")
    packs = tuple(Path(os.path.normpath(root / item)) for item in items)
    missing = [item for item, pack in zip(items, packs, strict=True) if not pack.is_file()]
    if missing:
        raise Invalid(("rules",), f"rule pack file not found: {', '.join(missing)}")
    return packs


def _roots(value: Any) -> tuple[str, ...]:
    items = _strings(value, ("roots",), "directories")
    out: list[str] = []
    for index, item in enumerate(items):
        norm = posixpath.normpath(item.replace("\\", "/"))
        if posixpath.isabs(norm) or norm == ".." or norm.startswith("../") or ":" in norm[:2]:
            raise Invalid(
                ("roots", index),
                f"expected a directory relative to the project root, got {item!r}",
            )
        out.append(norm)
    return tuple(out)

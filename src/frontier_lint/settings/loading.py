"""Finding and reading the configuration: the nearest `frontier-lint.yaml`,
`.frontier-lint.yaml` or `pyproject.toml` with a `[tool.frontier-lint]` table (first found wins,
the others named in a notice), the project root when there is none, and the file read as YAML
or TOML with the line of every key, for errors that name it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.settings.bounded import InputTooLarge, check_yaml, read_bounded, toml_loads
from frontier_lint.settings.config import TOOL_TABLE, Config, ConfigError, display_path
from frontier_lint.settings.locate import PYPROJECT, config_files, project_root_guess
from frontier_lint.settings.validation import Invalid, validate

if TYPE_CHECKING:
    import yaml


# (The search itself is in `locate`: light, for a warm run's early start.)
_TOML_POS_RE = lazy_compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)\s*$")


def find_config(start: Path) -> Path | None:
    """The nearest configuration at or above `start` (a file or a directory)."""
    return _find_config(start)[0]


def _find_config(start: Path) -> tuple[Path | None, tuple[str, ...]]:
    """The nearest configuration, and a warning when its directory holds another one that
    loses (first found wins: frontier-lint.yaml, .frontier-lint.yaml, pyproject.toml)."""
    found = config_files(start)
    if not found:
        return None, ()
    return found[0], tuple(_ignored_config(found[0], other) for other in found[1:])


def _ignored_config(used: Path, other: Path) -> str:
    name = f"{other.name} [tool.{TOOL_TABLE}]" if other.name == PYPROJECT else other.name
    return f"{display_path(other.parent / name)} is ignored: {display_path(used)} is used (first found wins)"


def load_config(explicit: Path | None, start: Path) -> Config:
    """Read `explicit` (`--config`), else the configuration found from `start`, else defaults."""
    notices: tuple[str, ...] = ()
    if explicit is not None:
        path: Path | None = Path(os.path.abspath(explicit))
    else:
        path, notices = _find_config(start)
    if path is None:
        return Config(root=project_root_guess(start))
    return _load_file(path, notices)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _read_bytes(path: Path) -> bytes:
    try:
        return read_bounded(path)
    except InputTooLarge as exc:
        raise ConfigError(f"{display_path(path)}: cannot read configuration: {exc}") from None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise ConfigError(f"{display_path(path)}: cannot read configuration: {reason}") from None


def _load_file(path: Path, notices: tuple[str, ...] = ()) -> Config:
    data = _read_bytes(path)
    root = path.parent.resolve()
    lines: dict[tuple[str | int, ...], int]
    if path.suffix == ".toml":
        raw, lines, prefix = _read_toml(path, data), {}, f"tool.{TOOL_TABLE}."
    else:
        raw, lines = _read_yaml(path, data)
        prefix = ""
    try:
        settings = validate(raw, root)
    except Invalid as exc:
        line = _line_for(lines, exc.key)
        where = f"{display_path(path)}:{line}" if line else display_path(path)
        key = prefix + _key_text(exc.key) if exc.key else prefix.rstrip(".") or "(top level)"
        raise ConfigError(f"{where}: {key}: {_one_line(exc.expected)}") from None
    locations = {_key_text(k): line for k, line in lines.items() if k}
    return Config(root=root, path=path, locations=locations, notices=notices, **settings)


def _utf8(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{display_path(path)}:{line}: cannot decode as UTF-8") from None


def _read_toml(path: Path, data: bytes) -> Any:
    import tomllib

    text = _utf8(path, data)
    try:
        doc = toml_loads(text)
    except InputTooLarge as exc:
        raise ConfigError(f"{display_path(path)}: cannot read configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc).splitlines()[0] if str(exc) else "syntax error"
        pos = _TOML_POS_RE.search(message)
        where = display_path(path)
        if pos:  # "(at end of document)": the last line
            where += f":{pos.group(1) or len(text.splitlines()) or 1}"
        message = _TOML_POS_RE.sub("", message)
        raise ConfigError(f"{where}: invalid TOML: {_one_line(message)}") from None
    tool = doc.get("tool")
    if not isinstance(tool, dict) or TOOL_TABLE not in tool:
        raise ConfigError(
            f"{display_path(path)}: tool.{TOOL_TABLE}: expected a [tool.{TOOL_TABLE}] table"
        )
    return tool[TOOL_TABLE]


def _read_yaml(path: Path, data: bytes) -> tuple[Any, dict[tuple[str | int, ...], int]]:
    from frontier_lint.settings.memo import remembered

    # Parsed once per content (no PyYAML import on the runs after): see `memo`.
    raw, lines = remembered("config", str(path), data, lambda: _parse_yaml(path, data))
    return raw, lines


def _parse_yaml(path: Path, data: bytes) -> tuple[Any, dict[tuple[str | int, ...], int]]:
    import yaml

    text = _utf8(path, data)
    try:
        check_yaml(text)
    except InputTooLarge as exc:
        raise ConfigError(f"{display_path(path)}: cannot read configuration: {exc}") from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        raw = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"{display_path(path)}:{mark.line + 1}" if mark is not None else display_path(path)
        problem = getattr(exc, "problem", None) or getattr(exc, "reason", None) or str(exc)
        raise ConfigError(f"{where}: invalid YAML: {_one_line(problem)}") from None
    finally:
        loader.dispose()
    lines: dict[tuple[str | int, ...], int] = {}
    if node is not None:
        _node_lines(node, (), lines, path)
    return raw, lines


def _node_lines(
    node: yaml.Node, key: tuple[str | int, ...], out: dict[tuple[str | int, ...], int], path: Path
) -> None:
    """Record the line of every mapping key / sequence item; reject duplicate keys."""
    import yaml

    out.setdefault(key, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            name = str(key_node.value)
            child = (*key, name)
            if name in seen:
                line = key_node.start_mark.line + 1
                raise ConfigError(f"{display_path(path)}:{line}: {_key_text(child)}: duplicate key")
            seen.add(name)
            out[child] = key_node.start_mark.line + 1
            _node_lines(value_node, child, out, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _node_lines(item, (*key, index), out, path)


def _line_for(lines: Mapping[tuple[str | int, ...], int], key: tuple[str | int, ...]) -> int:
    while key:
        if key in lines:
            return lines[key]
        key = key[:-1]
    return lines.get((), 0)


def _key_text(key: tuple[str | int, ...]) -> str:
    out = ""
    for part in key:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out

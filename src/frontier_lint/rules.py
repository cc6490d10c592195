"""Rule packs: load the YAML catalogue of rules, sinks, launchers and shells.

The engine has no program, sink or launcher name in its code; all of them come from here, so a
team adds `opencode` or `sh.Command` with a YAML edit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SINK_KINDS = ("exec", "shell", "probe")


class RulePackError(Exception):
    """A rule pack that cannot be read or has the wrong shape (exit 2)."""


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    summary: str
    message: str  # template with {sink} and {program}
    kinds: frozenset[str]
    programs: frozenset[str]
    npm_packages: Mapping[str, str]  # package name (no version) -> program
    doc: str = ""

    def render(self, sink: str, program: str) -> str:
        return self.message.format(sink=sink, program=program)


@dataclass(frozen=True)
class ArgSpec:
    """Where an argument is: a position and/or a keyword name; or, for a sink that takes
    launch configurations (`config`), the key of one configuration that holds it."""

    pos: int | None
    kw: str | None
    key: str | None = None


@dataclass(frozen=True)
class SinkSpec:
    call: str  # qualified name, e.g. "subprocess.Popen"
    kind: str  # exec | shell | probe
    argv: ArgSpec | None = None
    command: ArgSpec | None = None
    path: ArgSpec | None = None
    executable: str | None = None
    shell: str | None = None
    split: bool = False
    args: ArgSpec | None = None  # the rest of the argv as a list argument
    varargs: int | None = None  # the rest of the argv as positional arguments from here
    argv0: bool = True  # whether `args` / `varargs` start with argv[0] (skipped)
    # A library entry point that always runs this program (an SDK driving a vendor CLI).
    program: str | None = None
    # The argument holding launch configurations (`{"command": "npx", "args": [...]}`), and the
    # keys from it to each one (`*`: every value of a mapping); `path` / `args` name their keys.
    config: ArgSpec | None = None
    within: tuple[str, ...] = ()


@dataclass(frozen=True)
class LauncherSpec:
    name: str
    options_with_value: frozenset[str] = frozenset()
    assignments: bool = False
    skip_positionals: int = 0
    subcommand: str | None = None
    package_runner: bool = False
    command_options: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Catalogue:
    rules: tuple[Rule, ...]
    sinks: Mapping[str, SinkSpec]
    launchers: Mapping[str, LauncherSpec]
    shells: frozenset[str]
    shell_command_flags: frozenset[str]
    digest: str = ""  # identifies the catalogue's content (cache key)
    sources: tuple[str, ...] = field(default=())

    def rules_for_kind(self, kind: str) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if kind in r.kinds)

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    @property
    def programs(self) -> frozenset[str]:
        out: set[str] = set()
        for r in self.rules:
            out |= r.programs
            out |= set(r.npm_packages.values())
        return frozenset(out)


def builtin_pack_path() -> Path:
    """The built-in pack: inside the installed package, or `rules/` of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (
        here / "rules" / "default.yaml",
        here.parent.parent / "rules" / "default.yaml",
    ):
        if candidate.is_file():
            return candidate
    raise RulePackError("built-in rule pack rules/default.yaml is missing from the installation")


def load_catalogue(extra: Iterable[Path] = ()) -> Catalogue:
    """The built-in pack merged with `extra` packs (later packs add to and override earlier ones)."""
    rules: dict[str, Rule] = {}
    sinks: dict[str, SinkSpec] = {}
    launchers: dict[str, LauncherSpec] = {}
    shells: set[str] = set()
    flags: set[str] = set()
    digest = hashlib.sha256()
    sources: list[str] = []
    for path in (builtin_pack_path(), *extra):
        raw, text = _read_pack(path)
        digest.update(text)
        sources.append(str(path))
        for rule in _list(raw, "rules", path):
            r = _parse_rule(rule, path)
            rules[r.id] = r
        for sink in _list(raw, "sinks", path):
            s = _parse_sink(sink, path)
            sinks[s.call] = s
        launcher_map = raw.get("launchers") or {}
        if not isinstance(launcher_map, dict):
            raise RulePackError(f"{path}: launchers: expected a mapping of name to options")
        for name, spec in launcher_map.items():
            launchers[str(name)] = _parse_launcher(str(name), spec or {}, path)
        shell_map = raw.get("shells") or {}
        if not isinstance(shell_map, dict):
            raise RulePackError(f"{path}: shells: expected a mapping with names and command_flags")
        shells |= set(_strings(shell_map.get("names", []), f"{path}: shells.names"))
        flags |= set(_strings(shell_map.get("command_flags", []), f"{path}: shells.command_flags"))
    if not rules:
        raise RulePackError("no rules defined")
    return Catalogue(
        rules=tuple(sorted(rules.values(), key=lambda r: r.id)),
        sinks=sinks,
        launchers=launchers,
        shells=frozenset(shells),
        shell_command_flags=frozenset(flags),
        digest=digest.hexdigest()[:16],
        sources=tuple(sources),
    )


def _read_pack(path: Path) -> tuple[dict[str, Any], bytes]:
    import yaml

    from frontier_lint.inputs import InputTooLarge, check_yaml, read_bounded

    try:
        text = read_bounded(path)
        check_yaml(text)
    except InputTooLarge as exc:
        raise RulePackError(f"{path}: cannot read rule pack: {exc}") from None
    except OSError as exc:
        raise RulePackError(f"{path}: cannot read rule pack: {exc.strerror or exc}") from None
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
        raw = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise RulePackError(f"{path}{where}: invalid YAML: {problem}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise RulePackError(f"{path}: expected a mapping at the top level")
    unknown = set(raw) - {"version", "rules", "sinks", "launchers", "shells"}
    if unknown:
        raise RulePackError(f"{path}: unknown key {sorted(unknown)[0]!r}")
    return raw, text


def _list(raw: dict[str, Any], key: str, path: Path) -> list[dict[str, Any]]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise RulePackError(f"{path}: {key}: expected a list of mappings")
    return value


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RulePackError(f"{where}: expected a list of strings")
    return value


def _parse_rule(raw: dict[str, Any], path: Path) -> Rule:
    rid = raw.get("id")
    if not isinstance(rid, str) or not rid:
        raise RulePackError(f"{path}: rules: every rule needs a string `id`")
    where = f"{path}: rule {rid}"
    allowed = {"id", "name", "summary", "message", "kinds", "programs", "npm_packages", "doc"}
    unknown = set(raw) - allowed
    if unknown:
        raise RulePackError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    kinds = _strings(raw.get("kinds", ["exec", "shell"]), f"{where}: kinds")
    bad = [k for k in kinds if k not in SINK_KINDS]
    if bad:
        raise RulePackError(f"{where}: kinds: {bad[0]!r} is not one of {', '.join(SINK_KINDS)}")
    programs = _strings(raw.get("programs", []), f"{where}: programs")
    npm = raw.get("npm_packages") or {}
    if not isinstance(npm, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in npm.items()
    ):
        raise RulePackError(f"{where}: npm_packages: expected a mapping of package to program")
    message = raw.get("message", "{sink} can launch forbidden program `{program}`")
    try:
        str(message).format(sink="s", program="p")
    except (KeyError, IndexError, ValueError):
        raise RulePackError(
            f"{where}: message: only {{sink}} and {{program}} may be used"
        ) from None
    return Rule(
        id=rid,
        name=str(raw.get("name", rid)),
        summary=str(raw.get("summary", "")),
        message=str(message),
        kinds=frozenset(kinds),
        programs=frozenset(programs),
        npm_packages=dict(npm),
        doc=str(raw.get("doc", "")),
    )


def _argspec(value: Any, where: str, *, extra: frozenset[str] = frozenset()) -> ArgSpec | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - {"pos", "kw", "key"} - extra:
        raise RulePackError(f"{where}: expected a mapping with `pos` and/or `kw` (or `key`)")
    pos, kw, key = value.get("pos"), value.get("kw"), value.get("key")
    if pos is not None and (isinstance(pos, bool) or not isinstance(pos, int) or pos < 0):
        raise RulePackError(f"{where}: pos: expected a non-negative integer")
    if kw is not None and not isinstance(kw, str):
        raise RulePackError(f"{where}: kw: expected a string")
    if key is not None and (not isinstance(key, str) or not key or pos is not None or kw):
        raise RulePackError(f"{where}: key: expected a string, without `pos` or `kw`")
    return ArgSpec(pos=pos, kw=kw, key=key)


def _varargs(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RulePackError(f"{where}: expected a non-negative integer")
    return value


def _parse_sink(raw: dict[str, Any], path: Path) -> SinkSpec:
    call = raw.get("call")
    if not isinstance(call, str) or "." not in call:
        raise RulePackError(f"{path}: sinks: every sink needs a dotted `call` name")
    where = f"{path}: sink {call}"
    allowed = {
        "call",
        "kind",
        "argv",
        "command",
        "path",
        "executable",
        "shell",
        "split",
        "args",
        "varargs",
        "argv0",
        "program",
        "config",
    }
    unknown = set(raw) - allowed
    if unknown:
        raise RulePackError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    kind = raw.get("kind", "exec")
    if kind not in SINK_KINDS:
        raise RulePackError(f"{where}: kind: expected one of {', '.join(SINK_KINDS)}")
    spec = SinkSpec(
        call=call,
        kind=kind,
        argv=_argspec(raw.get("argv"), f"{where}: argv"),
        command=_argspec(raw.get("command"), f"{where}: command"),
        path=_argspec(raw.get("path"), f"{where}: path"),
        executable=raw.get("executable"),
        shell=raw.get("shell"),
        split=bool(raw.get("split", False)),
        args=_argspec(raw.get("args"), f"{where}: args"),
        varargs=_varargs(raw.get("varargs"), f"{where}: varargs"),
        argv0=bool(raw.get("argv0", True)),
        program=raw.get("program"),
        config=_argspec(raw.get("config"), f"{where}: config", extra=frozenset({"within"})),
        within=tuple(_within(raw.get("config"), f"{where}: config: within")),
    )
    if spec.program is not None and (not isinstance(spec.program, str) or not spec.program):
        raise RulePackError(f"{where}: program: expected a program name")
    if sum(x is not None for x in (spec.argv, spec.command, spec.path, spec.program)) != 1:
        raise RulePackError(f"{where}: exactly one of argv, command, path, program is required")
    keyed = [a for a in (spec.argv, spec.command, spec.path, spec.args) if a is not None and a.key]
    if spec.config is not None and spec.config.key:
        raise RulePackError(f"{where}: config: expected `pos` and/or `kw`, not `key`")
    if spec.config is not None and (
        len(keyed) != sum(a is not None for a in (spec.argv, spec.command, spec.path, spec.args))
        or spec.varargs is not None
    ):
        raise RulePackError(f"{where}: with config, the program and its arguments are keys")
    if spec.config is None and keyed:
        raise RulePackError(f"{where}: `key` needs a `config` argument to read it from")
    return spec


def _within(config: Any, where: str) -> list[str]:
    if not isinstance(config, dict) or config.get("within") is None:
        return []
    return _strings(config["within"], where)


def _parse_launcher(name: str, raw: Any, path: Path) -> LauncherSpec:
    where = f"{path}: launcher {name}"
    if not isinstance(raw, dict):
        raise RulePackError(f"{where}: expected a mapping")
    allowed = {
        "options_with_value",
        "assignments",
        "skip_positionals",
        "subcommand",
        "package_runner",
        "command_options",
    }
    unknown = set(raw) - allowed
    if unknown:
        raise RulePackError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    return LauncherSpec(
        name=name,
        options_with_value=frozenset(
            _strings(raw.get("options_with_value", []) or [], f"{where}: options_with_value")
            if raw.get("options_with_value")
            else []
        ),
        assignments=bool(raw.get("assignments", False)),
        skip_positionals=int(raw.get("skip_positionals", 0)),
        subcommand=raw.get("subcommand"),
        package_runner=bool(raw.get("package_runner", False)),
        command_options=frozenset(
            _strings(raw["command_options"], f"{where}: command_options")
            if raw.get("command_options")
            else []
        ),
    )

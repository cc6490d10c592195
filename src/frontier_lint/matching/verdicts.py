"""What a match reports: the forbidden programs hit (`ProgramHit`), the programs started that no
name forbids (`Started`, for the runtime guard to resolve), the `Verdict` that holds them; and the
program a word names (`basename`, `program_name`) and the package a runner's spec names."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from frontier_lint.lazy_regex import lazy_compile
from frontier_lint.matching.words import HOLE

# Windows resolves these extensions itself: `claude.cmd` is how npm installs `claude` there.
_WINDOWS_EXTENSIONS = (".exe", ".cmd", ".bat", ".com", ".ps1")
_SEPARATORS = lazy_compile(r"[\\/]")
_DRIVE = lazy_compile(r"^[A-Za-z]:")
_PACKAGE_VERSION = lazy_compile(r"[\[=<>!~;\s]")  # PyPI specifiers: `ruff==0.5`, `pkg[extra]`


@dataclass(frozen=True)
class ProgramHit:
    """A forbidden program a match found, and the word naming it."""

    program: str  # canonical forbidden name, e.g. "codex"
    rule_ids: tuple[str, ...]  # the rules that forbid it (for the sink kind matched)
    word: str  # the word that matched, e.g. "/usr/bin/codex" or "@openai/codex@1.2"
    via: tuple[str, ...] = ()  # launcher chain, e.g. ("npx",) or ("bash -c", "env")
    # The executable the word resolved to, when it was identified by that and not by its name
    # (the runtime guard: `notcodex` -> /usr/local/bin/codex).
    resolved: str = ""


@dataclass(frozen=True)
class Started:
    """A program started that is not forbidden by its name. The static linter can only judge
    names; the runtime guard resolves these through PATH to the executable the launch will run."""

    word: str  # as written: `notcodex`, `./bin/tool`
    path: str | None = None  # the search path, when a launcher set it (`env PATH=/x`, `env -i`)
    via: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """What a match of an argv or command line found."""

    hits: tuple[ProgramHit, ...] = ()
    unknown: str | None = None  # why some program position could not be determined
    programs: tuple[str, ...] = ()  # every program identified, forbidden or not
    started: tuple[Started, ...] = ()  # the programs started that no name forbids

    @property
    def forbidden(self) -> bool:
        return bool(self.hits)

    @property
    def clean(self) -> bool:
        """Every program is known and none is forbidden."""
        return not self.hits and self.unknown is None


_CLEAN = Verdict()


def basename(word: str) -> str:
    """The last path component, for POSIX and Windows separators alike."""
    return _SEPARATORS.split(word)[-1]


def program_name(word: str) -> str | None:
    """The program a word names: its basename, Windows extension removed. None if unknown."""
    base = basename(word)
    if HOLE in base:
        return None
    if base is word and _DRIVE.match(word):
        base = base[2:]  # `D:codex.exe`: a drive-relative Windows path
    lower = base.lower()
    for ext in _WINDOWS_EXTENSIONS:
        if lower.endswith(ext) and len(base) > len(ext):
            return lower[: -len(ext)]  # Windows names are case-insensitive
    if "\\" in word or _DRIVE.match(word):
        return lower
    return base


# A package runner's spec that is no registry name: a URL or `git+`/`github:` source, a
# `user/repo` GitHub shorthand, a path or a tarball (`npx https://github.com/o/r`, `uvx
# git+https://...`, `npx ./pkg`). What runs is named by the package found there, not by the
# spec, so it is not known.
_PACKAGE_SOURCE = lazy_compile(
    r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|\.{0,2}/|~/)|^[^@/\s]+/[^/\s]+$|\.(?:tgz|tar\.gz|tar|whl|zip)$"
)


def _package_source(spec: str) -> bool:
    """`npx https://github.com/google-gemini/gemini-cli`, `npx user/repo`, `npx ./dir`: a
    package taken from somewhere other than the registry."""
    return _PACKAGE_SOURCE.search(spec) is not None


# npm's and pip's source shorthands (`github:o/r`) and their hosts.
_SHORTHAND_HOSTS = {"github": "github.com", "gitlab": "gitlab.com", "bitbucket": "bitbucket.org"}
_SCP_LIKE = lazy_compile(r"^[\w.-]+@([\w.-]+):(.+)$")  # `git@github.com:o/r.git`
_OWNER_REPO = lazy_compile(r"^\w[\w.-]*/[\w.-]+$")  # npm's GitHub shorthand `o/r`


def source_repository(spec: str) -> str | None:
    """The repository a package runner's source names, as `host/owner/repo` in lower case
    (`npx github:openai/codex#main`, `uvx git+https://github.com/o/r.git@v1`, `npx o/r`,
    `git@github.com:o/r.git`, a GitHub archive URL); None for a path, a file or a URL that names
    no repository. Rule packs map such repositories to the program their package runs."""
    spec = spec.split("#", 1)[0]
    host: str | None = None
    path = ""
    scheme, colon, rest = spec.partition(":")
    if colon and scheme.lower() in _SHORTHAND_HOSTS:
        host, path = _SHORTHAND_HOSTS[scheme.lower()], rest
    elif (m := _SCP_LIKE.match(spec)) is not None:
        host, path = m.group(1), m.group(2)
    elif "://" in spec:
        try:
            url = urlsplit(spec.removeprefix("git+"))
            host = url.hostname
        except ValueError:  # (a malformed port or address: names nothing)
            return None
        path = url.path
    elif _OWNER_REPO.match(spec):
        host, path = "github.com", spec
    parts = [p for p in path.split("/") if p]
    if host is None or len(parts) < 2:
        return None
    # pip's `repo.git@ref` and a clone URL's `.git`.
    repo = parts[1].split("@", 1)[0].removesuffix(".git")
    if not repo or parts[0].startswith("."):
        return None
    return f"{host}/{parts[0]}/{repo}".lower()


def _package_name(spec: str) -> str:
    """`@openai/codex@1.2` -> `@openai/codex`; `cowsay@latest` -> `cowsay`; `ruff==0.5` ->
    `ruff` (PyPI runners)."""
    if spec.startswith("@"):
        at = spec.find("@", 1)
        name = spec if at < 0 else spec[:at]
    else:
        name = spec.split("@", 1)[0]
    m = _PACKAGE_VERSION.search(name)
    return name if m is None else name[: m.start()]

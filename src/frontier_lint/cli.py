"""The command line: `frontier-lint [PATH ...]`, `frontier-lint lsp`.

Only click is imported at start-up (`command`, after a warm run's discovery was started in a
child: `main`): `--version` and `--help` must not pay for libcst. Every
expected failure (bad configuration, missing path, unreadable baseline, a usage error) is one line
on stderr and exit 2; violations exit 1; a clean run exits 0.

The options follow ruff's where ruff has one: `--output-format` (alias `--format`) with
`full`/`concise`, `--select`/`--extend-select`/`--ignore`, `--exit-zero`, `-q`, `--statistics`,
`-` for standard input with `--stdin-filename`.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple, NoReturn

from frontier_lint.run import collector

if TYPE_CHECKING:
    from tqdm import tqdm

    from frontier_lint.findings import Finding, Report
    from frontier_lint.run.early import Early
    from frontier_lint.settings.catalogue import Catalogue
    from frontier_lint.settings.config import Config

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2

# `text` is `full` on a terminal and `concise` elsewhere (logs stay one line per finding).
TEXT_FORMATS = ("text", "full", "concise")
FORMATS = (*TEXT_FORMATS, "json", "sarif", "github", "gitlab", "junit")
# Formats whose paths are read by a person or by a CI service from the checkout (the working
# directory): printed relative to the working directory. The others keep the JSON contract's
# paths, relative to the project root.
CWD_RELATIVE_FORMATS = frozenset({*TEXT_FORMATS, "github", "gitlab"})
STDIN = Path("-")
# `frontier-lint -` without --stdin-filename: the buffer is analysed as this module at the
# project root (a name no project uses) and reported as `-`, like ruff.
STDIN_MODULE = "-.py"


class UsageFailure(Exception):
    """An expected error with a one-line message (exit 2)."""


def _echo(message: str, *, err: bool = False, nl: bool = True, color: bool | None = None) -> None:
    """`click.echo(message, err=err, nl=nl, color=color)`, written here where that is what
    click does (a plain text stream on a POSIX system): a run whose command line `main` read
    itself (`_plain_params`) never imports click."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    if not _plain_stream(stream):
        import click

        click.echo(message, err=err, nl=nl, color=color)
        return
    out = message + "\n" if nl else message
    if not out:
        stream.flush()
        return
    # click strips ANSI sequences when asked for no colour (None: off a terminal).
    strip = not stream.isatty() if color is None else not color
    if strip and "\x1b" in out:
        import re

        out = re.sub(r"\033\[[;?0-9]*[a-zA-Z]", "", out)
    stream.write(out)
    stream.flush()


def _plain_stream(stream: object) -> bool:
    """Whether click writes to `stream` as it is: a text stream of its own kind (not a test
    runner's, not Jupyter's), not ASCII-encoded (click rewraps those), not on Windows."""
    import io

    if type(stream) is not io.TextIOWrapper or sys.platform == "win32":
        return False
    import codecs

    try:
        return codecs.lookup(stream.encoding or "ascii").name != "ascii"
    except LookupError:
        return True  # (click's `is_ascii_encoding` says no: it keeps the stream)


def _fail(message: str) -> None:
    _echo(f"frontier-lint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _warn(message: str) -> None:
    _echo(f"frontier-lint: warning: {message}", err=True)


class Options(NamedTuple):
    """What the command line asked for. (A named tuple, not a dataclass: this module is imported
    by every run, `--version` too, and a dataclass costs ~1 ms to create.)"""

    paths: tuple[Path, ...] = ()
    fmt: str = "text"
    output: Path | None = None
    config_path: Path | None = None
    strict: bool = False
    stdin_filename: Path | None = None
    baseline_path: Path | None = None
    write_baseline_path: Path | None = None
    prune_baseline: bool = False
    show_suppressed: bool = False
    color: str = "auto"
    jobs: int = 0
    no_cache: bool = False
    list_rules: bool = False
    explain: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exit_zero: bool = False
    quiet: bool = False
    statistics: bool = False

    @property
    def reads_stdin(self) -> bool:
        return self.stdin_filename is not None or STDIN in self.paths


def run_command(params: dict[str, Any]) -> NoReturn:
    """The command, given what click (`command.lint_command`) or `main` (`_plain_params`)
    read from the command line."""
    from frontier_lint.settings.config import parse_selectors

    params["paths"] = tuple(params["paths"])
    params["select"] = parse_selectors(params["select"]) if params["select"] else None
    params["extend_select"] = parse_selectors(params["extend_select"])
    params["ignore"] = parse_selectors(params["ignore"])
    try:
        code = _run(Options(**params))
    except UsageFailure as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _echo("frontier-lint: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # the gate must never die with a traceback
        if os.environ.get("FRONTIER_LINT_DEBUG"):
            raise
        _fail(
            f"internal error: {type(exc).__name__}: {exc} (set FRONTIER_LINT_DEBUG=1 for details)"
        )
    finally:
        gc.unfreeze()
    sys.exit(code)


def _run(opts: Options) -> int:
    from frontier_lint.settings.config import ConfigError
    from frontier_lint.settings.loading import load_config

    if STDIN in opts.paths and len(opts.paths) > 1:
        raise UsageFailure("`-` (standard input) cannot be combined with other paths")
    named = [p for p in opts.paths if p != STDIN]
    start = Path(os.path.abspath(opts.stdin_filename or (named[0] if named else Path.cwd())))
    jobs = opts.jobs or os.cpu_count() or 1
    wants_early = (
        jobs > 1 and not opts.no_cache and not opts.reads_stdin and not opts.list_rules
    ) and not opts.explain
    global _started
    started, _started = _started, None
    early = None
    if started is not None:
        if started.asked == (opts.config_path, start) and wants_early:
            early = started.early  # (`lint` checks that it located this run's root)
        else:
            started.early.cancel()  # (the command line was not what `main` took it for)
    try:
        config = load_config(opts.config_path, start)
    except ConfigError as exc:
        if early is not None:
            early.cancel()
        raise UsageFailure(str(exc)) from None
    if early is None and wants_early:
        # A warm run lists the project in a child while this one reads the rules, imports the
        # analysis and loads the cache: started as soon as the root is known.
        from frontier_lint.run import early as early_discovery

        early = early_discovery.start(config.root, tuple(named))
    try:
        return _lint_and_emit(config, opts, named, jobs, early)
    finally:
        if early is not None:
            early.cancel()  # (a run that ended before it needed the child's answer)


def _lint_and_emit(
    config: Config, opts: Options, named: list[Path], jobs: int, early: Early | None
) -> int:
    from frontier_lint.settings.catalogue import RulePackError, load_catalogue
    from frontier_lint.settings.config import ConfigError

    try:
        catalogue = load_catalogue(config.rules)
        config = _with_selection(config, catalogue, opts)
    except (ConfigError, RulePackError) as exc:
        raise UsageFailure(str(exc)) from None
    for notice in config.notices:
        _warn(notice)

    if opts.list_rules or opts.explain:
        return _rule_docs(catalogue, opts)
    if opts.prune_baseline and opts.baseline_path is None:
        raise UsageFailure("--prune-baseline needs --baseline FILE")

    from frontier_lint.policy import gate as workflow
    from frontier_lint.run.engine import LintRequest, lint
    from frontier_lint.scan.discovery import DiscoveryError

    overrides: dict[str, str] = {}
    if opts.reads_stdin:
        rel = _relative_to(opts.stdin_filename, config.root) if opts.stdin_filename else None
        overrides[rel or STDIN_MODULE] = _read_stdin(rel or "-")
        if rel is None:  # reported whatever `include` says: the user named it
            config = replace(config, include=(*config.include, STDIN_MODULE))
    progress = _Progress(sys.stderr)
    try:
        report = lint(
            config,
            catalogue,
            LintRequest(
                paths=tuple(named),
                overrides=overrides,
                jobs=jobs,
                progress=progress,
                early=early,
                defer=_deferring(config.root),
            ),
            use_cache=not opts.no_cache,
        )
    except DiscoveryError as exc:
        raise UsageFailure(str(exc)) from None
    finally:
        progress.close()
    # The run's heap (trees, summaries, values) lives on until the process ends: the full
    # collection CPython started while the report was written scanned all of it (4 s of a 40 s
    # launch-dense run, for nothing to free). Only what is made from here on is collected;
    # `lint_command` unfreezes it (click's runner calls it many times in one process).
    gc.freeze()
    if STDIN_MODULE in overrides:
        report = _renamed(report, STDIN_MODULE, "-")
    unmatched = [
        f"{config.where(f'include[{config.include.index(p)}]')}: pattern {p!r} matches no file"
        for p in report.unmatched_include
    ]
    if unmatched and opts.strict:
        # A typo in `include` would make the gate check nothing and pass: with --strict that is
        # a configuration error (exit 2, like a bad pattern), not a failed gate (exit 1), so
        # CI steps that accept exit 1 to upload a report still stop here.
        raise UsageFailure(f"{unmatched[0]} (--strict)")
    for message in unmatched:
        _warn(message)
    strict = opts.strict and config.selection.enabled("FL200")
    try:
        report, code = workflow.finish(
            report,
            root=config.root,
            strict=strict,
            baseline=opts.baseline_path,
            write_baseline=opts.write_baseline_path,
            prune_baseline=opts.prune_baseline,
            # Only entries under the named paths can be stale (pre-commit names a few files).
            scope=[*overrides] if overrides else _scope(tuple(named), config.root),
        )
    except workflow.WorkflowError as exc:
        raise UsageFailure(str(exc)) from None
    _report_pruned(report, opts)
    _emit(report, config, catalogue, opts, strict, overrides)
    return EXIT_OK if opts.exit_zero else code


def _deferring(root: Path) -> Callable[[Callable[[], None]], None] | None:
    """Where `lint` hands the cache's save for `entry` to make once the report is written;
    None (saved before `lint` returns) when no `entry` runs this command."""
    behind = _behind
    if behind is None:
        return None
    from frontier_lint.run.keys import CACHE_DIR

    return lambda save: behind.append((root / CACHE_DIR, save))


# The saves `lint` handed over, each with its cache directory, while `entry` runs the command
# (None otherwise: tests and other callers of `main` keep every save inside `lint`).
_behind: list[tuple[Path, Callable[[], None]]] | None = None


def _renamed(report: Report, old: str, new: str) -> Report:
    """The report with every path `old` (findings, their hops, sites, errors) shown as `new`."""

    def path(p: str) -> str:
        return new if p == old else p

    def finding(f: Finding) -> Finding:
        trace = tuple(replace(h, path=path(h.path)) for h in f.trace)
        # (A fingerprint counts the path: taken again under the new one.)
        return replace(f, path=path(f.path), trace=trace, fingerprint="")

    return replace(
        report,
        findings=tuple(finding(f) for f in report.findings),
        hidden=tuple(finding(f) for f in report.hidden),
        unresolved=tuple(replace(u, path=path(u.path)) for u in report.unresolved),
        errors=tuple(replace(e, path=path(e.path)) for e in report.errors),
    )


def _with_selection(config: Config, catalogue: Catalogue, opts: Options) -> Config:
    """The configuration's rule selection with the command line's on top (ruff's layering:
    `--select` replaces `select`, `--extend-select` and `--ignore` add), every code checked."""
    from frontier_lint.policy.meta_rules import META_RULES
    from frontier_lint.settings.config import (
        ALWAYS_ON,
        ALWAYS_ON_MESSAGE,
        check_against,
        unknown_code,
    )

    check_against(config, catalogue)
    known = sorted({r.id for r in catalogue.rules} | {r.id for r in META_RULES})
    cli = replace(
        config.selection,
        select=opts.select if opts.select is not None else config.selection.select,
        extend_select=(*config.selection.extend_select, *opts.extend_select),
        ignore=(*config.selection.ignore, *opts.ignore),
    )
    for flag, codes in (
        ("--select", opts.select or ()),
        ("--extend-select", opts.extend_select),
        ("--ignore", opts.ignore),
    ):
        bad = replace(cli, select=codes, extend_select=(), ignore=()).unknown(known)
        if bad:
            raise UsageFailure(f"{flag}: {unknown_code(bad[0])}")
        if flag == "--ignore" and ALWAYS_ON & set(codes):
            raise UsageFailure(f"--ignore: {ALWAYS_ON_MESSAGE}")
    return config if cli == config.selection else replace(config, selection=cli)


def _rule_docs(catalogue: Catalogue, opts: Options) -> int:
    from frontier_lint.policy.meta_rules import find_rule
    from frontier_lint.reporters import render_explain, render_rule_list

    # Rule docs come as text, or as JSON with --format json (like `ruff rule --output-format`).
    doc_fmt = "json" if opts.fmt == "json" else "text"
    if opts.explain:
        rule = find_rule(catalogue, opts.explain)
        if rule is None:
            raise UsageFailure(f"unknown rule {opts.explain!r} (see --list-rules)")
        _echo(render_explain(rule, doc_fmt), nl=False)
    else:
        _echo(render_rule_list(catalogue, doc_fmt), nl=False)
    return EXIT_OK


def _read_stdin(rel: str) -> str:
    from frontier_lint.frontend.project import DecodeFailure, decode_source

    data = sys.stdin.buffer.read()
    try:
        return decode_source(data, rel)
    except DecodeFailure as exc:
        raise UsageFailure(f"{rel}: cannot decode standard input: {exc.message}") from None


def _report_pruned(report: Report, opts: Options) -> None:
    info = report.extra.get("baseline")
    if isinstance(info, dict) and info.get("pruned"):
        n = info["pruned"]
        _echo(
            f"frontier-lint: removed {n} stale {'entry' if n == 1 else 'entries'} "
            f"from {info['path']}",
            err=True,
        )
    if (
        isinstance(info, dict)
        and info.get("kept")
        and (opts.prune_baseline or opts.write_baseline_path)
    ):
        _echo(
            f"frontier-lint: kept {info['kept']} baseline "
            f"{'entry' if info['kept'] == 1 else 'entries'} of {info['kept_files']} "
            f"{'file' if info['kept_files'] == 1 else 'files'} that could not be checked",
            err=True,
        )


def _emit(
    report: Report,
    config: Config,
    catalogue: Catalogue,
    opts: Options,
    strict: bool,
    overrides: dict[str, str],
) -> None:
    from frontier_lint.reporters import render, render_statistics, resolve_color

    to_terminal = opts.output is None and sys.stdout.isatty()
    use_color = (
        resolve_color(opts.color, sys.stdout) if opts.output is None else opts.color == "always"
    )
    root = config.root

    def read_lines(path: str) -> list[str] | None:
        if path in overrides or (path == "-" and STDIN_MODULE in overrides):
            return overrides[STDIN_MODULE if path == "-" else path].splitlines()
        from frontier_lint.scan.fileio import ReadError, read_regular

        try:
            data, _ = read_regular(root / path, config.max_file_size)
        except ReadError:
            return None
        return data.decode("utf-8", errors="replace").splitlines()

    fmt = opts.fmt
    if opts.statistics:
        text = render_statistics(report, catalogue, "json" if fmt == "json" else "text", strict)
    else:
        text = render(
            report,
            "text" if fmt in TEXT_FORMATS else fmt,
            catalogue=catalogue,
            color=use_color,
            show_source=fmt == "full" or (fmt == "text" and to_terminal),
            show_hidden=opts.show_suppressed,
            strict=strict,
            read_lines=read_lines,
            quiet=opts.quiet,
            display_path=_display_paths(root) if fmt in CWD_RELATIVE_FORMATS else None,
        )
    if opts.output is not None:
        try:
            opts.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageFailure(f"cannot write {opts.output}: {exc.strerror or exc}") from None
    else:
        _echo(text, nl=False, color=use_color)  # click strips ANSI off a terminal otherwise


def _display_paths(root: Path) -> Callable[[str], str] | None:
    """Root-relative report paths as the user sees them: relative to the working directory
    when inside it, absolute otherwise (ruff's rule)."""
    cwd = Path.cwd()
    if cwd == root:
        return None  # the common case: nothing to translate
    memo: dict[str, str] = {}

    def display(path: str) -> str:
        if path == "-" or path.startswith("<"):
            return path
        if path not in memo:
            full = os.path.join(root, path)
            try:
                rel = os.path.relpath(full, cwd)
            except ValueError:  # another drive on Windows
                rel = full
            # Like ruff: inside the working directory relative, elsewhere absolute.
            outside = rel == os.pardir or rel.startswith(os.pardir + os.sep)
            memo[path] = full if outside else rel.replace(os.sep, "/")
        return memo[path]

    return display


class _Progress:
    """A progress bar on standard error for runs longer than `DELAY` seconds, on a terminal only
    (tqdm's; imported when first shown, so short runs, `--version` and `--help` never pay for
    it). The engine calls it with (files analysed, files to analyse)."""

    DELAY = 2.0

    def __init__(self, stream: IO[str]) -> None:
        isatty = getattr(stream, "isatty", None)
        self._on = bool(isatty and isatty()) and not os.environ.get("CI")
        self._stream = stream
        self._started = time.monotonic()
        self._bar: tqdm[NoReturn] | None = None

    def __call__(self, done: int, total: int) -> None:
        if not self._on:
            return
        if self._bar is None:
            if time.monotonic() - self._started < self.DELAY:
                return
            from tqdm import tqdm

            # (No monitor thread: a second thread makes the run's later forks unsafe, so they
            # would not be made, `run.background.can_fork`.)
            tqdm.monitor_interval = 0
            self._bar = tqdm(
                total=total, file=self._stream, unit="file", leave=False, desc="frontier-lint"
            )
        self._bar.total = max(total, done)
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _scope(paths: tuple[Path, ...], root: Path) -> list[str] | None:
    """The named paths relative to the root, for the baseline's stale check (None: everything)."""
    out: list[str] = []
    for p in paths:
        try:
            out.append(p.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            return None  # cannot tell what a path outside the root covers: treat all as checked
    return out or None


def _relative_to(path: Path, root: Path) -> str:
    full = Path(os.path.abspath(path))
    try:
        return full.relative_to(root).as_posix()
    except ValueError:
        raise UsageFailure(f"--stdin-filename {path} is outside the project root {root}") from None


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "lsp":
        from frontier_lint.lsp.server import main as lsp_main

        sys.exit(lsp_main(args[1:]))
    global _started
    # (No cyclic garbage to speak of before the analysis: `run.collector`.)
    collector.hold()
    try:
        _started = _start_early(args)
        params = _plain_params(args)
        if params is not None:
            _run_plain(params)
        from frontier_lint.command import lint_command

        lint_command.main(args=args, prog_name="frontier-lint")
    finally:
        if _started is not None:  # (never used: click ended the run before `_run`)
            _started.cancel()
            _started = None
        collector.release()


def entry() -> None:
    """The `frontier-lint` command (console script, `python -m frontier_lint`): `main`, then
    out of the process without tearing the interpreter down.

    Once the report is written the run has nothing left to do, but CPython's shutdown frees
    every object and module one by one (~12 ms of a 0.15 s warm run; more after a cold one).
    So, like mypy's `hard_exit`: the exit handlers run and the standard streams are flushed as
    shutdown would, then `os._exit`. Where shutdown would do more than that (another thread
    still running, a stream that cannot be flushed) it runs as usual.

    The cache's save is made once the report is written, by a child left behind
    (`run.behind`): the command exits with its status as soon as its report is out.

    The code of the dataclasses the run creates is taken from earlier runs (`run.classcode`:
    installed here, for the command's process only, and saved by its exit handler)."""
    from frontier_lint.run.classcode import install

    global _behind
    install()
    _behind = []
    try:
        main()
        code: str | int | None = 0
    except SystemExit as exc:
        code = exc.code
    saves, _behind = _behind, None
    if saves:
        from frontier_lint.run.behind import save_behind

        for cache_dir, save in saves:
            save_behind(cache_dir, [save])
    import atexit
    import threading

    if threading.active_count() > 1 or not isinstance(code, int | None):
        sys.exit(code)  # (a message to print, or a thread to wait for: the usual way)
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        sys.exit(code)  # (shutdown reports it, and how it exits then)
    os._exit(code or 0)


class _Started(NamedTuple):
    """The early discovery `main` started from the command line as it read it, before click
    is imported: `_run` takes it only for the same configuration file and start directory, and
    `lint` only if it located the same root for the same paths."""

    asked: tuple[Path | None, Path]
    early: Early

    def cancel(self) -> None:
        self.early.cancel()


_started: _Started | None = None

# Options (as `command` defines them) that take a value, and the flags that leave a run a plain
# lint of files on disk. Any other option, `--`, `-` or a short option with its value attached
# and `main` starts nothing: `_run` does it as before.
_VALUED = frozenset(
    {
        "--output-format",
        "--format",
        "-o",
        "--output",
        "--config",
        "--select",
        "--extend-select",
        "--ignore",
        "--baseline",
        "--write-baseline",
        "--color",
        "-j",
        "--jobs",
    }
)
_FLAGS = frozenset(
    {"--strict", "--prune-baseline", "--show-suppressed", "--exit-zero", "-q", "--quiet"}
    | {"--statistics"}
)


def _start_early(args: list[str]) -> _Started | None:
    """What `_run` would load and start for `args`, read the way click reads them (a guess:
    `_run` checks it), so that the child lists the project while click and the rest load."""
    config_path: Path | None = None
    jobs = "0"
    paths: list[Path] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-"):
            paths.append(Path(arg))
            continue
        # (`--name=value`; a short option's value is never attached here: `-j2` is unknown)
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in _FLAGS and not eq:
            continue
        if name not in _VALUED:
            return None
        if not eq:
            if i >= len(args):
                return None
            value = args[i]
            i += 1
        if name == "--config":
            config_path = Path(value)
        elif name in ("-j", "--jobs"):
            jobs = value
    if not jobs.isdigit() or (int(jobs) or os.cpu_count() or 1) < 2:
        return None
    from frontier_lint.run.background import can_fork

    if not can_fork():
        return None
    from frontier_lint.run import early as early_discovery
    from frontier_lint.settings.locate import config_root

    start = Path(os.path.abspath(paths[0] if paths else Path.cwd()))
    early = early_discovery.start_located(lambda: config_root(config_path, start), paths)
    return _Started((config_path, start), early)


# The click options a plain run may use, by name, and what click passes for each when it is
# not given (`command.lint_command`'s parameters).
_PLAIN_DEFAULTS: dict[str, Any] = {
    "paths": (),
    "fmt": "text",
    "output": None,
    "config_path": None,
    "strict": False,
    "stdin_filename": None,
    "select": (),
    "extend_select": (),
    "ignore": (),
    "baseline_path": None,
    "write_baseline_path": None,
    "prune_baseline": False,
    "show_suppressed": False,
    "exit_zero": False,
    "quiet": False,
    "statistics": False,
    "color": "auto",
    "jobs": 0,
    "no_cache": False,
    "list_rules": False,
    "explain": None,
}
_PLAIN_FLAGS = {
    "--strict": "strict",
    "--show-suppressed": "show_suppressed",
    "--exit-zero": "exit_zero",
    "-q": "quiet",
    "--quiet": "quiet",
    "--statistics": "statistics",
    "--no-cache": "no_cache",
}
_PLAIN_VALUED = {"--output-format": "fmt", "--format": "fmt", "-j": "jobs", "--jobs": "jobs"}


def _plain_params(args: list[str]) -> dict[str, Any] | None:
    """What click would pass the command for `args`, for a plain command line only: paths,
    `--format`/`--output-format` with one of the formats, `--jobs` with digits, the flags of
    `_PLAIN_FLAGS`, each option at most once. None for anything else (click reads it): other
    options, `-`, `--`, a short option with its value attached, a path click would refuse (one
    it cannot read), shell completion."""
    if f"_{'frontier-lint'.replace('-', '_').upper()}_COMPLETE" in os.environ:
        return None
    params = dict(_PLAIN_DEFAULTS)
    seen: set[str] = set()
    paths: list[Path] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if not arg.startswith("-"):
            if not arg or (os.path.lexists(arg) and not _click_readable(arg)):
                return None
            paths.append(Path(arg))
            continue
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        key = _PLAIN_FLAGS.get(name) if not eq else None
        if key is None:
            key = _PLAIN_VALUED.get(name)
            if key is None:
                return None
            if not eq:
                if i >= len(args) or args[i].startswith("-"):
                    return None
                value = args[i]
                i += 1
            if key == "fmt" and value not in FORMATS:
                return None
            if key == "jobs" and not (value.isascii() and value.isdigit()):
                return None
            params[key] = int(value) if key == "jobs" else value
        else:
            params[key] = True
        if key in seen:
            return None  # (click takes the last: left to it)
        seen.add(key)
    params["paths"] = tuple(paths)
    return params


def _click_readable(path: str) -> bool:
    # click.Path (readable=True) refuses a path that exists and cannot be read.
    try:
        os.stat(path)
    except OSError:
        return True  # (taken as it is)
    return os.access(path, os.R_OK)


def _run_plain(params: dict[str, Any]) -> NoReturn:
    """`run_command(params)` as click's `main` (standalone) runs it: what escapes the command
    ends the run as click ends it there."""
    try:
        try:
            run_command(params)
        except (EOFError, KeyboardInterrupt):
            _echo("", err=True)  # (closes the terminal's ^C echo)
            _echo("Aborted!", err=True)
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise
            from click import utils

            pacify: Any = getattr(utils, "_PacifyFlushWrapper", None) or utils.PacifyFlushWrapper
            sys.stdout = pacify(sys.stdout)
            sys.stderr = pacify(sys.stderr)
        sys.exit(1)
    except (EOFError, KeyboardInterrupt):
        sys.exit(1)


def __getattr__(name: str) -> Any:
    # `lint_command` and the click classes live in `command` (imported when first asked for).
    if name in ("lint_command", "_Command", "_OneLineUsageError"):
        from frontier_lint import command

        return getattr(command, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""The command line: `frontier-lint [PATH ...]`, `frontier-lint lsp`.

Only click is imported at start-up: `--version` and `--help` must not pay for libcst. Every
expected failure (bad configuration, missing path, unreadable baseline, a usage error) is one line
on stderr and exit 2; violations exit 1; a clean run exits 0.

The options follow ruff's where ruff has one: `--output-format` (alias `--format`) with
`full`/`concise`, `--select`/`--extend-select`/`--ignore`, `--exit-zero`, `-q`, `--statistics`,
`-` for standard input with `--stdin-filename`.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple, NoReturn

import click

from frontier_lint import __version__

if TYPE_CHECKING:
    from tqdm import tqdm

    from frontier_lint.findings import Finding, Report
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


def _fail(message: str) -> None:
    click.echo(f"frontier-lint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _warn(message: str) -> None:
    click.echo(f"frontier-lint: warning: {message}", err=True)


class _OneLineUsageError(click.ClickException):
    """A usage error shown as the contract wants it: one line on stderr, exit 2."""

    exit_code = EXIT_ERROR

    def show(self, file: object = None) -> None:
        click.echo(f"frontier-lint: error: {self.message} (see --help)", err=True)


class _Command(click.Command):
    """click's command with every usage error (unknown option, bad choice, missing value, bad
    number) as one line instead of click's Usage/Try/Error block. `--help` stays click's."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise _OneLineUsageError(" ".join(exc.format_message().split())) from None


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


_RULES_HELP = "Comma-separated rule codes or prefixes (FL001, FL0, FL2, ALL)."


@click.command(
    cls=_Command,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Run `frontier-lint lsp` for the language server (needs the `lsp` extra).",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--output-format",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format; `text` is `full` (with the source line) on a terminal, else `concise`.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to FILE instead of standard output.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Use this configuration file (frontier-lint.yaml or pyproject.toml).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Also fail on launch sites whose program could not be resolved, and on `include` "
    "patterns that match no file.",
)
@click.option(
    "--stdin-filename",
    type=click.Path(path_type=Path),
    help="Read the source from standard input (also with `-` as the path) and report it as PATH.",
)
@click.option("--select", "select", multiple=True, metavar="RULES", help=_RULES_HELP)
@click.option(
    "--extend-select", multiple=True, metavar="RULES", help="Rules to add to the selection."
)
@click.option("--ignore", multiple=True, metavar="RULES", help="Rules to leave out.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report only violations that are not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Record the current violations in FILE (replacing it); they then count as baselined.",
)
@click.option(
    "--prune-baseline",
    is_flag=True,
    help="With --baseline: remove the entries whose violations are gone (never adds).",
)
@click.option(
    "--show-suppressed",
    is_flag=True,
    help="Also list allowlisted, suppressed and baselined findings.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when the gate fails (not on errors).")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings only: no summary or notes.")
@click.option("--statistics", is_flag=True, help="Show the number of findings per rule instead.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour in text output.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Processes (0: one per core); extra ones run syntax checks beside the analysis.",
)
@click.option("--no-cache", is_flag=True, help="Do not read or write .frontier-lint-cache/.")
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
@click.option("--explain", metavar="RULE", help="Show the documentation of RULE and exit.")
@click.version_option(__version__, "-V", "--version", prog_name="frontier-lint")
def lint_command(**params: Any) -> None:
    """Find places in the frontier runtime that can launch a forbidden LLM CLI.

    PATHS are files or directories (default: the project); `-` reads standard input. Exit
    status: 0 no violations, 1 violations (or, with --strict, unresolved launch sites; or files
    that cannot be parsed), 2 usage, configuration or internal error.
    """
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
        click.echo("frontier-lint: interrupted", err=True)
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
    from frontier_lint.settings.catalogue import RulePackError, load_catalogue
    from frontier_lint.settings.config import ConfigError
    from frontier_lint.settings.loading import load_config

    if STDIN in opts.paths and len(opts.paths) > 1:
        raise UsageFailure("`-` (standard input) cannot be combined with other paths")
    named = [p for p in opts.paths if p != STDIN]
    start = opts.stdin_filename or (named[0] if named else Path.cwd())
    try:
        config = load_config(opts.config_path, Path(os.path.abspath(start)))
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

    jobs = opts.jobs or os.cpu_count() or 1
    early = None
    if jobs > 1 and not opts.no_cache and not opts.reads_stdin:
        # A warm run lists the project in a child while this one imports and loads the cache.
        from frontier_lint.run import early as early_discovery

        early = early_discovery.start(config.root, tuple(named))

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
        click.echo(render_explain(rule, doc_fmt), nl=False)
    else:
        click.echo(render_rule_list(catalogue, doc_fmt), nl=False)
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
        click.echo(
            f"frontier-lint: removed {n} stale {'entry' if n == 1 else 'entries'} "
            f"from {info['path']}",
            err=True,
        )
    if (
        isinstance(info, dict)
        and info.get("kept")
        and (opts.prune_baseline or opts.write_baseline_path)
    ):
        click.echo(
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
        click.echo(text, nl=False, color=use_color)  # click strips ANSI off a terminal otherwise


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
    lint_command.main(args=args, prog_name="frontier-lint")

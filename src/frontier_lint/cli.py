"""The command line: `frontier-lint [PATH ...]`, `frontier-lint lsp`.

Only click is imported at start-up: `--version` and `--help` must not pay for libcst. Every
expected failure (bad configuration, missing path, unreadable baseline) is one line on stderr and
exit 2; violations exit 1; a clean run exits 0.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from frontier_lint import __version__

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2

FORMATS = ("text", "json", "sarif", "github", "junit")


class UsageFailure(Exception):
    """An expected error with a one-line message (exit 2)."""


def _fail(message: str) -> None:
    click.echo(f"frontier-lint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.command(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Run `frontier-lint lsp` for the language server (needs the `lsp` extra).",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
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
    "--strict", is_flag=True, help="Also fail on launch sites whose program could not be resolved."
)
@click.option(
    "--stdin-filename",
    type=click.Path(path_type=Path),
    help="Read the source from standard input and report it as PATH.",
)
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
def lint_command(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    config_path: Path | None,
    strict: bool,
    stdin_filename: Path | None,
    baseline_path: Path | None,
    write_baseline_path: Path | None,
    prune_baseline: bool,
    show_suppressed: bool,
    color: str,
    jobs: int,
    no_cache: bool,
    list_rules: bool,
    explain: str | None,
) -> None:
    """Find places in the frontier runtime that can launch a forbidden LLM CLI.

    PATHS are files or directories (default: the project). Exit status: 0 no violations,
    1 violations (or, with --strict, unresolved launch sites; or files that cannot be parsed),
    2 usage, configuration or internal error.
    """
    try:
        code = _run(
            paths,
            fmt,
            output,
            config_path,
            strict,
            stdin_filename,
            baseline_path,
            write_baseline_path,
            show_suppressed,
            color,
            jobs,
            no_cache,
            list_rules,
            explain,
            prune_baseline=prune_baseline,
        )
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
    sys.exit(code)


def _run(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    config_path: Path | None,
    strict: bool,
    stdin_filename: Path | None,
    baseline_path: Path | None,
    write_baseline_path: Path | None,
    show_suppressed: bool,
    color: str,
    jobs: int,
    no_cache: bool,
    list_rules: bool,
    explain: str | None,
    *,
    prune_baseline: bool = False,
) -> int:
    from frontier_lint.config import ConfigError, load_config
    from frontier_lint.rules import RulePackError, load_catalogue

    start = stdin_filename or (paths[0] if paths else Path.cwd())
    try:
        config = load_config(config_path, Path(os.path.abspath(start)))
        catalogue = load_catalogue(config.rules)
    except (ConfigError, RulePackError) as exc:
        raise UsageFailure(str(exc)) from None

    from frontier_lint import workflow

    if list_rules or explain:
        from frontier_lint.meta_rules import find_rule
        from frontier_lint.reporters import render_explain, render_rule_list

        # Rule docs come as text, or as JSON with --format json (like `ruff rule --output-format`).
        doc_fmt = "json" if fmt == "json" else "text"
        if explain:
            rule = find_rule(catalogue, explain)
            if rule is None:
                raise UsageFailure(f"unknown rule {explain!r} (see --list-rules)")
            click.echo(render_explain(rule, doc_fmt), nl=False)
        else:
            click.echo(render_rule_list(catalogue, doc_fmt), nl=False)
        return EXIT_OK
    if prune_baseline and baseline_path is None:
        raise UsageFailure("--prune-baseline needs --baseline FILE")

    from frontier_lint.discovery import DiscoveryError
    from frontier_lint.engine import LintRequest, lint

    overrides: dict[str, str] = {}
    if stdin_filename is not None:
        rel = _relative_to(stdin_filename, config.root)
        data = sys.stdin.buffer.read()
        from frontier_lint.project import DecodeFailure, decode_source

        try:
            overrides[rel] = decode_source(data, rel)
        except DecodeFailure as exc:
            raise UsageFailure(f"{rel}: cannot decode standard input: {exc.message}") from None
    try:
        report = lint(
            config,
            catalogue,
            LintRequest(paths=paths, overrides=overrides, jobs=jobs or os.cpu_count() or 1),
            use_cache=not no_cache,
        )
    except DiscoveryError as exc:
        raise UsageFailure(str(exc)) from None

    try:
        report, code = workflow.finish(
            report,
            root=config.root,
            strict=strict,
            baseline=baseline_path,
            write_baseline=write_baseline_path,
            prune_baseline=prune_baseline,
            # Only entries under the named paths can be stale (pre-commit names a few files).
            scope=[*overrides] if overrides else _scope(paths, config.root),
        )
    except workflow.WorkflowError as exc:
        raise UsageFailure(str(exc)) from None
    from frontier_lint.reporters import render, resolve_color

    info = report.extra.get("baseline")
    if isinstance(info, dict) and info.get("pruned"):
        n = info["pruned"]
        click.echo(
            f"frontier-lint: removed {n} stale {'entry' if n == 1 else 'entries'} "
            f"from {info['path']}",
            err=True,
        )
    if isinstance(info, dict) and info.get("kept") and (prune_baseline or write_baseline_path):
        click.echo(
            f"frontier-lint: kept {info['kept']} baseline "
            f"{'entry' if info['kept'] == 1 else 'entries'} of {info['kept_files']} "
            f"{'file' if info['kept_files'] == 1 else 'files'} that could not be checked",
            err=True,
        )
    to_terminal = output is None and sys.stdout.isatty()
    use_color = resolve_color(color, sys.stdout) if output is None else color == "always"
    root = config.root

    def read_lines(path: str) -> list[str] | None:
        if path in overrides:
            return overrides[path].splitlines()
        from frontier_lint.fileio import ReadError, read_regular

        try:
            data, _ = read_regular(root / path, config.max_file_size)
        except ReadError:
            return None
        return data.decode("utf-8", errors="replace").splitlines()

    text = render(
        report,
        fmt,
        catalogue=catalogue,
        color=use_color,
        show_source=to_terminal,
        show_hidden=show_suppressed,
        strict=strict,
        read_lines=read_lines,
    )
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageFailure(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        click.echo(text, nl=False, color=use_color)  # click strips ANSI off a terminal otherwise
    return code


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
        from frontier_lint.lsp import main as lsp_main

        sys.exit(lsp_main(args[1:]))
    lint_command.main(args=args, prog_name="frontier-lint")

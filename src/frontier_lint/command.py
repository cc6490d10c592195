"""The `frontier-lint` command as click parses it (see `cli`, which runs it).

Apart from `cli` so that a run can start its early discovery (`run.early`) before click is
imported: `cli.main` starts it, then imports this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from frontier_lint import __version__
from frontier_lint.cli import EXIT_ERROR, FORMATS, run_command


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
    run_command(params)

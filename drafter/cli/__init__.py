"""The ``drafter`` command line: a thin layer over the library.

Each command module parses options, makes one library call and hands the result to a renderer.
Command modules import nothing heavy at import time (see ``tests/test_imports.py``).
"""

from __future__ import annotations

import importlib
import sys

import typer

from drafter.errors import DrafterError

__all__ = ["build_app", "main"]

# Each module exposes ``register(app)``. Order is the order of ``drafter --help``.
_COMMAND_MODULES = (
    "drafter.cli.data_cmds",  # draft, validate, init
    "drafter.cli.check_cmds",  # check, rules
    "drafter.cli.suggest_cmd",  # suggest
    "drafter.cli.import_cmd",  # import
    "drafter.cli.llm_cmds",  # models
)


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="drafter",
        help="起草与审核预算绩效自评报告（部门整体支出 / 项目支出）。",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback(invoke_without_command=True)
    def _root(
        ctx: typer.Context,
        version: bool = typer.Option(False, "--version", help="显示版本号并退出。", is_eager=True),
    ) -> None:
        if version:
            from drafter import __version__

            typer.echo(f"drafter {__version__}")
            raise typer.Exit()
        if ctx.invoked_subcommand is None:
            typer.echo(ctx.get_help())
            raise typer.Exit()

    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(app)
    return app


def main(argv: list[str] | None = None) -> None:
    """Console entry point: user errors end in one Chinese line on stderr and exit code 2."""
    app = build_app()
    try:
        app(args=argv, prog_name="drafter")
    except DrafterError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        sys.exit(130)

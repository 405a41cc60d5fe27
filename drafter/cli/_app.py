"""The typer application: the root command and every command module's commands.

Imported by :func:`drafter.cli.build_app` when a command runs, not with ``drafter.cli``, so that
``drafter.cli.main`` has its caches in place before typer and its click are imported.
"""

from __future__ import annotations

import importlib

import typer

__all__ = ["build_app"]

# Each module exposes ``register(app)``. Order is the order of ``drafter --help``.
_COMMAND_MODULES = (
    "drafter.cli.data_cmds",  # draft, validate, init
    "drafter.cli.check_cmds",  # check, rules
    "drafter.cli.suggest_cmd",  # suggest
    "drafter.cli.import_cmd",  # import
    "drafter.cli.llm_cmds",  # models
    "drafter.cli.serve_cmd",  # serve
)


def build_app(command: str | None = None) -> typer.Typer:
    """The application; with ``command`` (a command's name), one whose group holds that command only.

    typer turns every registered command into a click command (reading its signature and type hints)
    before it runs one, which was a fourteenth of a cold `drafter check`; the command being run
    needs none of the others. An unknown ``command`` keeps them all, so that the usage error can
    name the nearest one, as ``drafter -h`` lists them all.
    """
    from drafter.cli._help import chinese_classes

    command_cls, group_cls = chinese_classes()
    app = typer.Typer(
        name="drafter",
        cls=group_cls,
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
    chosen = [info for info in app.registered_commands if command is not None and info.name == command]
    if chosen:
        app.registered_commands = chosen
    from typer.core import TyperCommand

    for info in app.registered_commands:  # every command's help in Chinese (drafter.cli._help)
        if info.cls is None or info.cls is TyperCommand:
            info.cls = command_cls
    return app

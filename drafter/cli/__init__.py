"""The ``drafter`` command line: a thin layer over the library.

Each command module parses options, makes one library call and hands the result to a renderer.
Command modules import nothing heavy at import time (see ``tests/test_imports.py``).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import re
import signal
import sys
from typing import TYPE_CHECKING

from drafter.errors import DrafterError

if TYPE_CHECKING:
    import typer

__all__ = ["build_app", "main"]


def build_app(command: str | None = None) -> typer.Typer:
    """The typer application with every command, or with ``command`` only (drafter.cli._app)."""
    from drafter.cli._app import build_app as build

    return build(command)


def _command_name(argv: list[str]) -> str | None:
    """The command that ``argv`` runs: its first word that is no option (the root's options take
    no value); None when there is none or the arguments are unusual ("--")."""
    for arg in argv:
        if arg == "--":
            return None
        if not arg.startswith("-"):
            return arg
    return None


# Click's usage errors are English; our users read Chinese. The common ones are translated,
# anything else is shown as click words it, after a Chinese lead-in. The patterns (re.S) are
# compiled on an error only: re.match compiles and keeps them.
_USAGE_ERRORS: tuple[tuple[str, str], ...] = (
    (
        r"^No such option: (\S+?)(?:\s+\(Possible options: (.+?)\)|\s+Did you mean (\S+?)\?)?$",
        "没有选项 {0}{1}。",
    ),
    (r"^No such command '(.+?)'\.(?:\s+Did you mean '(.+?)'\?)?$", "没有命令 {0}{1}。"),
    (r"^Missing command\.$", "缺少命令。"),
    (r"^Missing argument '(.+?)'\.$", "缺少参数 {0}。"),
    (r"^Missing option '(.+?)'\.$", "缺少选项 {0}。"),
    (r"^Option '(.+?)' requires an argument\.$", "选项 {0} 后面需要给出一个值。"),
    (r"^Got unexpected extra argument(?:s|\(s\))? \((.+?)\)$", "多余的参数：{0}。"),
    (r"^Invalid value for (.+?): (.*)$", "{0} 的值无效：{1}"),
)

# What click, typer and pydantic say about one value (after "Invalid value for …:").
_VALUE_ERRORS: tuple[tuple[str, str], ...] = (
    (r"^'(.*?)' is not one of (.+?)\.?$", "“{0}”不是可选的值，可选：{1}。"),
    (r"^'(.*?)' is not a valid (?:integer|int)\.?$", "“{0}”不是整数。"),
    (r"^'(.*?)' is not a valid (?:float|number)\.?$", "“{0}”不是数字。"),
    (r"^Input should be a valid integer.*$", "应为整数。"),
    (r"^Input should be a valid number.*$", "应为数字。"),
    (r"^Input should be greater than or equal to (\S+?)\.?$", "应不小于 {0}。"),
    (r"^Input should be less than or equal to (\S+?)\.?$", "应不大于 {0}。"),
    (r"^Input should be greater than (\S+?)\.?$", "应大于 {0}。"),
    (r"^(\S+) is not in the range (.+?)\.?$", "{0} 不在允许的范围（{1}）内。"),
    (r"^(?:File|Path|Directory) '(.*?)' does not exist\.?$", "“{0}”不存在。"),
)


def _names(text: str) -> str:
    """ "'--format' / '-f'" → "--format / -f"; "'x'" → "x"."""
    return re.sub(r"'([^']*)'", r"\1", text)


def _choices(text: str) -> str:
    return "、".join(_names(c.strip()) for c in re.split(r",\s*|\s+or\s+", text) if c.strip())


def _value_message(message: str) -> str:
    message = message.strip().replace("Value error, ", "")
    for pattern, replacement in _VALUE_ERRORS:
        match = re.match(pattern, message, re.S)
        if match:
            groups = [g or "" for g in match.groups()]
            if "可选" in replacement:
                groups[1] = _choices(groups[1])
            return replacement.format(*groups)
    return message


def _usage_message(message: str) -> str:
    for pattern, replacement in _USAGE_ERRORS:
        match = re.match(pattern, message.strip(), re.S)
        if not match:
            continue
        groups = [g or "" for g in match.groups()]
        if replacement.startswith("没有选项"):
            alternatives = groups[1] or (groups[2] if len(groups) > 2 else "")
            alternatives = "、".join(a.strip() for a in alternatives.split(",") if a.strip())
            groups = [groups[0], f"（是不是 {alternatives}？）" if alternatives else ""]
        elif replacement.startswith("没有命令"):
            groups = [groups[0], f"（是不是 {groups[1]}？）" if groups[1] else ""]
        elif replacement.startswith("{0} 的值无效"):
            groups = [_names(groups[0]), _value_message(groups[1])]
        return replacement.format(*groups)
    return message


def _click_kind(exc: BaseException) -> str:
    """'usage', 'click' or 'abort' for click's exceptions, '' otherwise.

    By class name: recent typer vendors its own copy of click (``typer._click``), older typer
    uses click itself, and we want the same handling for both.
    """
    names = {cls.__name__ for cls in type(exc).__mro__}
    if "UsageError" in names:
        return "usage"
    if "ClickException" in names:
        return "click"
    if "Abort" in names:
        return "abort"
    return ""


def main(argv: list[str] | None = None) -> None:
    """Console entry point: user errors end in one Chinese line on stderr and exit code 2."""
    # SIGTERM (kill, a closing terminal, a timeout) ends the run like Ctrl-C: outputs are written
    # atomically, so unwinding removes any temporary file and leaves no half-written output.
    with contextlib.suppress(ValueError):  # not in the main thread (an embedding program)
        signal.signal(signal.SIGTERM, _interrupt)
    # At exit the interpreter's own collections walk every object still alive; after the LLM
    # stack is loaded (langchain-openai, openai, langsmith) that is half a second of CPU for
    # nothing, since the process is ending. Frozen objects are left to the operating system.
    atexit.unregister(gc.freeze)  # once, however often main() runs in one process
    atexit.register(gc.freeze)
    # drafter's models use no pydantic plugins, and looking for them (the entry points of every
    # installed distribution) was a twentieth of a cold `drafter check`; whoever wants them sets
    # PYDANTIC_DISABLE_PLUGINS themselves (empty: none disabled)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Patterns compiled in an earlier run are rebuilt from the user's cache instead of compiled
    # again: a fifth of a cold `drafter check` (drafter.pattern_cache); so is the code dataclasses
    # and typing compile from source, another quarter (drafter.code_cache), and drafter's own YAML
    # files parsed, a tenth (drafter.yaml_cache).
    from drafter.code_cache import code_cache
    from drafter.pattern_cache import pattern_cache
    from drafter.yaml_cache import yaml_cache

    finder = _PluginLoaderWithoutMetadata()
    sys.meta_path.insert(0, finder)
    try:
        with code_cache(), pattern_cache(), yaml_cache():
            _main(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        # `drafter check … | head`: the reader went away; stop quietly like other Unix tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    finally:
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(finder)


class _PluginLoaderWithoutMetadata:
    """Imports pydantic's plugin loader without ``importlib.metadata`` while plugins are off.

    The loader imports ``importlib.metadata`` (and with it email, zipfile, csv …: a twentieth of a
    cold `drafter check`) only to look up plugins, which it does not do while
    PYDANTIC_DISABLE_PLUGINS switches them all off. On the sys.meta_path while main() runs, this
    finder has the loader run with a stand-in ``importlib.metadata`` whose ``entry_points`` imports
    the real module on its first call, should plugins be switched on later. Any other import, and
    the loader when plugins are on, go their usual way.
    """

    NAME = "pydantic.plugin._loader"

    def find_spec(self, name: str, path: object = None, target: object = None) -> object:
        if name != self.NAME or os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true"):
            return None
        if "importlib.metadata" in sys.modules:
            return None
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path)  # type: ignore[arg-type]
        loader = getattr(spec, "loader", None)
        if spec is None or not hasattr(loader, "exec_module"):
            return spec
        real_exec = loader.exec_module  # type: ignore[union-attr]

        def exec_module(module: object) -> None:
            import types

            def entry_points(**params: object) -> object:
                from importlib.metadata import entry_points as real

                return real(**params)

            stand_in = types.ModuleType("importlib.metadata")
            stand_in.entry_points = entry_points  # type: ignore[attr-defined]
            sys.modules["importlib.metadata"] = stand_in
            try:
                real_exec(module)
            finally:
                if sys.modules.get("importlib.metadata") is stand_in:
                    del sys.modules["importlib.metadata"]

        loader.exec_module = exec_module  # type: ignore[union-attr]  # this spec's own loader
        return spec


_INTERRUPTED = "已中断：没有写出不完整的输出文件。"


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _main(argv: list[str] | None) -> None:
    app = build_app(_command_name(sys.argv[1:] if argv is None else argv))
    try:
        result = app(args=argv, prog_name="drafter", standalone_mode=False)
    except DrafterError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print(_INTERRUPTED, file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        kind = _click_kind(exc)
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `drafter` or `drafter check`: show help
            print(exc.format_message())  # type: ignore[attr-defined]
            sys.exit(0)
        if kind == "usage":
            ctx = getattr(exc, "ctx", None)
            command = ctx.command_path if ctx is not None else "drafter"
            print(f"错误：参数有误：{_usage_message(exc.format_message())}", file=sys.stderr)  # type: ignore[attr-defined]
            print(f"用 {command} -h 查看用法。", file=sys.stderr)
            sys.exit(2)
        if kind == "click":
            print(f"错误：{exc.format_message()}", file=sys.stderr)  # type: ignore[attr-defined]
            sys.exit(getattr(exc, "exit_code", 1))
        if kind == "abort":
            print("已中止。", file=sys.stderr)
            sys.exit(1)
        raise
    if result == 130:  # typer turns Ctrl-C (and our SIGTERM) into Exit(130) before we see it
        print(_INTERRUPTED, file=sys.stderr)
    sys.exit(result if isinstance(result, int) else 0)

"""Usage errors come out in Chinese with exit code 2, help with exit 0, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from drafter.cli import _usage_message


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["check", "--formt", "json", "x.txt"],
            "没有选项 --formt（是不是 --force、--format？）。",
        ),  # check has --force (issue 11)
        (["frobnicate"], "没有命令 frobnicate。"),
        (["draft"], "缺少参数 数据文件。"),
        (["draft", "a.yaml", "b.yaml"], "多余的参数：b.yaml。"),
        (["check", "--fail-on", "bogus", "x.txt"], "--fail-on 的值无效："),
    ],
)
def test_usage_errors_are_chinese_with_exit_2(args: list[str], expected: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("错误：参数有误：")
    assert expected in result.stderr
    assert "查看用法" in result.stderr
    assert "Traceback" not in result.stderr


def test_bare_command_shows_help_and_succeeds() -> None:
    result = run()
    assert result.returncode == 0
    assert "draft" in result.stdout and "check" in result.stdout


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("drafter ")


def test_unknown_click_message_passes_through() -> None:
    assert _usage_message("Something new from click") == "Something new from click"


def test_broken_pipe_is_quiet() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "drafter", "rules"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err


def test_the_app_for_one_command_holds_that_command_and_an_unknown_one_keeps_all() -> None:
    from drafter.cli import _command_name, build_app

    def names(command: str | None) -> list[str]:
        return [info.name for info in build_app(command).registered_commands]  # type: ignore[misc]

    every = names(None)
    assert {"draft", "check", "rules", "suggest", "serve"} <= set(every)
    assert names("check") == ["check"]
    assert names("chek") == every  # the usage error suggests the nearest of them all
    assert _command_name(["--version"]) is None
    assert _command_name(["-h", "check", "x.txt"]) == "check"
    assert _command_name(["check", "--format", "json", "x.txt"]) == "check"
    assert _command_name(["--", "check"]) is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [(["--help"], "suggest"), (["check", "-h"], "报告或文件夹"), (["draft", "--help"], "数据文件")],
)
def test_help_of_the_root_lists_every_command_and_a_commands_help_is_its_own(
    args: list[str], expected: str
) -> None:
    result = run(*args)
    assert result.returncode == 0 and expected in result.stdout
    if args == ["--help"]:
        assert all(
            name in result.stdout for name in ("draft", "validate", "check", "rules", "import", "models")
        )

"""Help and usage errors in Chinese (issue 12): `python -m drafter --help` and every subcommand's
help contain no English words except option names, file suffixes, the values an option takes
and a few proper names; wrapping never breaks a word."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from drafter.cli._help import wrap

COMMANDS = ["draft", "validate", "init", "check", "rules", "suggest", "import", "models", "serve"]

#: Names that are names in any language, and the keys a user types in drafter.yaml.
PROPER = {"drafter", "YAML", "JSON", "HTML", "Excel", "Word", "Markdown", "OpenAI", "Ollama", "vLLM",
          "llama", "cpp", "CPU", "API", "URL"}  # fmt: skip
CONFIG_KEYS = {"ignore", "select", "per-file-ignores"}


def _help(*args: str) -> str:
    env = {**os.environ, "COLUMNS": "80"}
    proc = subprocess.run(
        [sys.executable, "-m", "drafter", *args, "--help"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def english_words(text: str) -> list[str]:
    """Latin words left once option names, file names, paths, URLs, codes, environment
    variables, the values options take (<text|json>, 默认：text) and commands are taken out."""
    values = {v for group in re.findall(r"<([^<>]+)>", text) for v in group.split("|")}
    text = re.sub(r"默认：[^\]]*", " ", text)  # [默认：no-reviewer]
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*(?: [a-z]+\b(?! [a-z]))?", " ", text)  # --backend llm
    text = re.sub(r"\b\d+[a-z]\b", " ", text)  # 30m、24h、7d
    text = re.sub(r"\S*[./:]\S*[A-Za-z]\S*|\S*[A-Za-z]\S*[./]\S*", " ", text)  # paths, files, URLs
    text = re.sub(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b[A-Z]{2}\d{3}\b|\b[A-Z]{2}\b", " ", text)
    text = re.sub(r"\b[a-z]+(?:-[a-z0-9]+)+\b", lambda m: " " if m.group(0) in CONFIG_KEYS or
                  re.search(r"\d", m.group(0)) else m.group(0), text)  # fmt: skip
    words = re.findall(r"[A-Za-z][A-Za-z]*", text)
    return [w for w in words if w not in values | PROPER | CONFIG_KEYS | set(COMMANDS)]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_has_no_english_words(command: str) -> None:
    text = _help(*([command] if command else []))
    assert text.startswith("用法：drafter")
    for word in ("Usage", "Options", "Arguments", "Commands", "Show this message", "required", "default"):
        assert word not in text
    assert english_words(text) == []


def test_the_check_catches_english() -> None:
    assert english_words("用法：drafter check [OPTIONS]\n  -h, --help  Show this message and exit.") == [
        "OPTIONS",
        "Show",
        "this",
        "message",
        "and",
    ]


def test_wrapping_never_breaks_a_word() -> None:
    text = "OpenAI 兼容接口地址，如 http://127.0.0.1:11434/v1（Ollama）。密钥只从环境变量或配置文件读取。"
    for width in range(12, 60):
        lines = wrap(text, width).splitlines()
        joined = "".join(lines)
        assert joined.replace(" ", "") == text.replace(" ", "")
        for word in ("OpenAI", "http://127.0.0.1:11434/v1", "（Ollama）。"):
            assert any(word in line for line in lines) or len(word) > width
        assert not any(line[:1] and line[:1] in "，。）" for line in lines)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["check", "-f", "pdf", "x.txt"],
            "--format / -f 的值无效：“pdf”不是可选的值，可选：text、json、html",
        ),
        (["chek", "x.txt"], "没有命令 chek（是不是 check？）。"),
        (["check", "--jobs", "abc", "x.txt"], "--jobs / -j 的值无效：应为整数。"),
        (["check", "--jobs", "0", "x.txt"], "--jobs / -j 的值无效：应不小于 1。"),
        (["draft"], "缺少参数 数据文件。"),
    ],
)
def test_usage_errors_in_chinese(args: list[str], expected: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "drafter", *args], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert expected in proc.stderr and "Traceback" not in proc.stderr
    assert not re.search(r"\b(is not|Invalid|Input should|No such|Did you)\b", proc.stderr)

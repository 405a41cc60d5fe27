"""A YAML syntax error is told in Chinese: the line and column, and why, never PyYAML's English."""

from __future__ import annotations

import re

import pytest
import yaml

from drafter.data.load import load_data_text
from drafter.errors import DrafterError
from drafter.safeyaml import SafeLoader, yaml_problem

CASES = [
    ("meta: [a, b\nx: 1\n", "方括号 [ ] 没有成对，或列表的各项之间缺少逗号"),
    ("meta: {a: 1\n", "花括号 { } 没有成对，或各项之间缺少逗号"),
    ("a: b: c\n", "此处不能出现“键: 值”，多半是缩进不对或冒号后缺空格"),
    ('a: "\\q"\n', "双引号中的反斜杠转义有误；反斜杠请写成两个，或改用单引号"),
    ("a: @x\n", "出现了不能开头的字符（如 @、`、%），请给这个值加上引号"),
    ("a: 1\n---\nb: 2\n", "文件中有多个文档（“---”分隔），只能有一个"),
    ("a: *x\n", "引用了未定义的锚点"),
    ("a: 'x\n", "引号或括号没有成对"),
    ("a:\n  b: 1\n c: 2\n", "缩进不一致"),
    ("a: !foo x\n", "不支持以“!”开头的标签；若是文字，请加引号"),
]


@pytest.mark.parametrize("text, reason", CASES)
def test_common_problems_in_chinese(text: str, reason: str) -> None:
    for loader in {SafeLoader, yaml.SafeLoader}:  # libyaml and pure-Python word some reasons apart
        with pytest.raises(yaml.YAMLError) as info:
            yaml.load(text, Loader=loader)
        assert yaml_problem(info.value) == reason


@pytest.mark.parametrize("text", [t for t, _ in CASES])
def test_data_file_error_has_no_english(text: str) -> None:
    with pytest.raises(DrafterError) as info:
        load_data_text(text)
    message = info.value.message
    assert "YAML 格式错误（" in message
    inside = message.split("YAML 格式错误（", 1)[1].split("）。", 1)[0]
    assert not re.search(r"[A-Za-z]{3,}", inside), message


def test_an_unknown_problem_is_still_chinese() -> None:
    assert yaml_problem(yaml.YAMLError("something new")) == "格式不符合 YAML 语法"

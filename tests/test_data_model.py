"""The data model and its loader: types, Chinese messages, YAML line numbers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.data.load import DataError, load_data, load_data_text
from drafter.data.model import EvaluationData
from drafter.errors import DrafterError

REPO = Path(__file__).resolve().parent.parent

HEAD = """meta:
  department: 测试局
  fiscal_year: 2023
  level: 县
  rubric: gd-county-dept-2023
"""


def _errors(text: str) -> list:
    with pytest.raises(DataError) as info:
        load_data_text(text, path="d.yaml")
    return info.value.findings


def test_amounts_are_decimals_from_the_yaml_text() -> None:
    data = load_data_text(
        HEAD + "expenditure:\n  three_public: {budget: 13.00, actual: 6.2}\n  actual: 3115.27\n"
    )
    assert data.expenditure.three_public is not None
    assert data.expenditure.three_public.budget == Decimal("13.00")
    assert str(data.expenditure.three_public.budget) == "13.00"  # two decimals kept, no float
    assert data.expenditure.actual == Decimal("3115.27")


def test_amounts_typed_as_finance_staff_write_them() -> None:
    data = load_data_text(HEAD + 'expenditure:\n  actual: "3,115.27万元"\n  basic: "６４９.２３"\n')
    assert data.expenditure.actual == Decimal("3115.27")
    assert data.expenditure.basic == Decimal("649.23")


def test_negative_amount_message_and_line() -> None:
    (f,) = _errors(HEAD + "expenditure:\n  actual: -3\n")
    assert f.code == "DA001"
    assert f.line == 7
    assert f.path == "expenditure.actual"
    assert f.message == "“actual”（实际支出数）不能为负数，实际是 -3。"


def test_wrong_type_message_names_field_and_value() -> None:
    (f,) = _errors(HEAD + "expenditure:\n  basic: 六百万\n")
    assert f.line == 7
    assert f.message == "“basic”（其中：基本支出）应为数字，实际是“六百万”。"
    assert f.hint == "请填写数字，例如 3115.27，不要带单位或文字。"


def test_amount_in_yuan_is_refused_with_the_fix() -> None:
    (f,) = _errors(HEAD + 'expenditure:\n  basic: "6492300元"\n')
    assert "除以 10000" in f.message


def test_misspelt_key_suggests_the_right_one() -> None:
    text = HEAD + "indicators:\n  - name: 预算编制\n    max_score: 20\n    childs: []\n"
    (f,) = _errors(text)
    assert f.message == "未知的键“childs”。"
    assert f.hint == "是否想写“children”？"
    assert f.line == 9
    assert f.path == "indicators[0].childs"


def test_missing_required_key_points_at_its_parent() -> None:
    (f,) = _errors("meta:\n  department: 测试局\n  level: 县\n  rubric: x\n")
    assert f.message == "缺少必填项“fiscal_year”（评价年度）。"
    assert f.line == 1
    assert f.path == "meta.fiscal_year"


def test_literal_choice_message() -> None:
    (f,) = _errors(HEAD.replace("level: 县", "level: 区"))
    assert f.message == "“level”（预算级次）只能是 省、市、县 之一，实际是“区”。"
    assert f.line == 4


def test_every_error_is_listed_in_line_order() -> None:
    text = HEAD + "expenditure:\n  actual: -1\n  basic: x\nindicators:\n  - name: a\n    self_score: -2\n"
    findings = _errors(text)
    assert [f.line for f in findings] == [7, 8, 11]
    with pytest.raises(DataError) as info:
        load_data_text(text, path="d.yaml")
    assert str(info.value).startswith("d.yaml：第7行 expenditure.actual：")
    assert "另有 2 处错误" in str(info.value)


def test_yaml_syntax_error_gives_line_and_column() -> None:
    with pytest.raises(DrafterError) as info:
        load_data_text(HEAD + "expenditure:\n  actual: 1\n   basic: 2\n", path="d.yaml")
    assert not isinstance(info.value, DataError)
    assert "第8行" in info.value.message and "YAML 格式错误" in info.value.message


def test_tab_indentation_is_explained() -> None:
    with pytest.raises(DrafterError) as info:
        load_data_text(HEAD + "expenditure:\n\tactual: 1\n", path="d.yaml")
    assert "Tab" in info.value.message


def test_duplicate_key_is_refused() -> None:
    with pytest.raises(DrafterError) as info:
        load_data_text(HEAD + "targets: [a]\ntargets: [b]\n", path="d.yaml")
    assert info.value.message.startswith("第7行：键“targets”重复出现")


def test_empty_and_non_mapping_files() -> None:
    with pytest.raises(DrafterError, match="空的"):
        load_data_text("", path="d.yaml")
    with pytest.raises(DrafterError, match="顶层应是键值对"):
        load_data_text("- a\n- b\n", path="d.yaml")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DrafterError) as info:
        load_data(tmp_path / "无.yaml")
    assert info.value.message == "文件不存在，请检查路径是否正确。"


def test_gbk_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes((HEAD + "targets: [完成年度目标]\n").encode("gbk"))
    assert load_data(path).targets == ["完成年度目标"]


def test_computed_scores_and_names() -> None:
    data = load_data(REPO / "examples" / "yangxi-2023" / "data.yaml")
    assert isinstance(data, EvaluationData)
    assert data.total_self() == Decimal(96)
    assert data.total_max() == Decimal(100)
    assert data.dept_name == "阳西高新区"
    assert data.indicators[0].effective_self() == Decimal(20)

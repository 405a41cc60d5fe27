"""Rubric files: the shipped ones load, broken ones are clear errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.errors import DrafterError
from drafter.rubric import available_rubrics, load_rubric

GOOD = """id: test-rubric
name: 测试体系
kind: 部门整体
level: 县
source: 测试
indicators:
  - {name: 甲, code: "1", max_score: 60, children: [{name: 甲一, code: "1.1", max_score: 30}, {name: 甲二, code: "1.2", max_score: 30}]}
  - {name: 乙, code: "2", max_score: 40}
"""


def test_shipped_rubrics_load() -> None:
    assert {"gd-county-dept-2023", "national-project-2020"} <= set(available_rubrics())
    gd = load_rubric("gd-county-dept-2023")
    assert [(i.name, i.max_score) for i in gd.indicators] == [
        ("预算编制", 20),
        ("预算执行", 40),
        ("预算使用效益", 40),
    ]
    level2 = [(i.name, i.max_score) for level, i in gd.walk() if level == 2]
    assert level2 == [
        ("预算编制", 8),
        ("目标设置", 12),
        ("制度管理", 5),
        ("资金管理", 20),
        ("项目管理", 8),
        ("资产管理", 7),
        ("经济性", 5),
        ("效率性", 10),
        ("效果性", 20),
        ("公平性", 5),
    ]
    funds = gd.find("预算执行").find("资金管理")  # type: ignore[union-attr]
    assert funds is not None and all(c.max_score is None for c in funds.children)
    procurement = funds.find("政府采购执行情况")
    assert procurement is not None and procurement.formula is not None
    assert procurement.formula.numerator == "expenditure.procurement.actual"
    assert procurement.scoring is not None and procurement.scoring.method == "all_or_nothing"
    assert gd.find("预算编制").find("目标设置情况") is not None  # type: ignore[union-attr]  (alias)
    assert gd.grade(Decimal(96)) == "优" and gd.grade(Decimal("79.5")) == "中"

    national = load_rubric("national-project-2020")
    assert [(i.name, i.max_score) for i in national.indicators] == [
        ("预算执行率", 10),
        ("产出指标", 50),
        ("效益指标", 30),
        ("满意度指标", 10),
    ]
    assert [c.name for c in national.find("产出指标").children] == [
        "数量指标",
        "质量指标",
        "时效指标",
        "成本指标",
    ]  # type: ignore[union-attr]


def test_load_by_path(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_rubric(path).id == "test-rubric"


def test_unknown_rubric_lists_the_known_ones() -> None:
    with pytest.raises(DrafterError) as info:
        load_rubric("gd-city")
    assert info.value.message.startswith(
        "未知的评价指标体系“gd-city”。可用的有：gd-county-dept-2023、national-project-2020"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('{name: 乙, code: "2", max_score: 40}', '{name: 乙, code: "2", max_score: 30}'),
            "指标体系文件无效：一级指标分值之和为 90，应为 100。",
        ),
        (
            ('{name: 甲二, code: "1.2", max_score: 30}', '{name: 甲二, code: "1.2", max_score: 20}'),
            "下级指标分值之和却为 50",
        ),
        (('code: "1.2"', 'code: "1.1"'), "指标编号 1.1 重复"),
        (
            (
                '{name: 乙, code: "2", max_score: 40}',
                '{name: 乙, code: "2", max_score: 40, formula: {label: x, numerator: expenditure.nope, denominator: expenditure.actual}}',
            ),
            "不存在的字段 expenditure.nope",
        ),
        (
            (
                '{name: 乙, code: "2", max_score: 40}',
                '{name: 乙, code: "2", max_score: 40, scoring: {method: linear_deduction}}',
            ),
            "评分方法 linear_deduction 缺少参数：threshold、direction、per_point",
        ),
        (("kind: 部门整体", "kind: 部门"), "指标体系文件无效：kind："),
        (("name: 测试体系", "name: [测试体系"), "YAML 格式错误"),
    ],
)
def test_broken_rubric_is_a_clear_error(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(DrafterError) as info:
        load_rubric(path)
    assert message in info.value.message
    assert info.value.path == str(path)

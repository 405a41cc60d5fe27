"""Rubric formulas and scoring parameters, interpreted."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.data.load import load_data
from drafter.rubric import load_rubric
from drafter.rubric.model import Band, Scoring
from drafter.rubric.scoring import (
    band_range,
    formula_rate,
    rescaled_total,
    resolve,
    score_for_rate,
    score_for_target,
)

REPO = Path(__file__).resolve().parent.parent
D = Decimal


def _indicator(rubric, *names):
    node = rubric.find(names[0])
    for name in names[1:]:
        node = node.find(name)
    return node


def test_formulas_of_the_shipped_rubric_on_the_examples() -> None:
    gd = load_rubric("gd-county-dept-2023")
    pingchuan = load_data(REPO / "examples" / "pingchuan-agri-2023" / "data.yaml")
    yangxi = load_data(REPO / "examples" / "yangxi-2023" / "data.yaml")
    spend = _indicator(gd, "预算执行", "资金管理", "部门预算资金支出完成率")
    assert formula_rate(spend.formula, pingchuan) == D("93.99")  # 3215.36 ÷ 3420.80
    assert formula_rate(spend.formula, yangxi) == D("99.99")
    assets = _indicator(gd, "预算执行", "资产管理", "固定资产利用率")
    assert formula_rate(assets.formula, yangxi) == D("100.00")
    procurement = _indicator(gd, "预算执行", "资金管理", "政府采购执行情况")
    assert formula_rate(procurement.formula, yangxi) is None  # the sample states no figures
    rate = formula_rate(procurement.formula, pingchuan)
    assert rate == D("94.48")
    assert score_for_rate(procurement.scoring, rate, D(3)) == D(3)
    assert score_for_rate(procurement.scoring, D("100.01"), D(4)) == D(0)  # the sample's 不得分
    assert resolve(pingchuan, "expenditure.three_public.actual") == D("15.62")
    assert resolve(pingchuan, "expenditure.nothing") is None


def test_linear_deduction_both_directions_with_floor() -> None:
    over = Scoring(method="linear_deduction", threshold=D(100), direction="lower_better", per_point=D("0.5"))
    assert score_for_rate(over, D(98), D(5)) == D(5)
    assert score_for_rate(over, D(103), D(5)) == D("3.5")
    assert score_for_rate(over, D(130), D(5)) == D(0)
    under = Scoring(method="linear_deduction", threshold=D(95), direction="higher_better", per_point=D(1))
    assert score_for_rate(under, D("93.99"), D(5)) == D("3.99")


def test_proportional_capped() -> None:
    proportional = Scoring(method="proportional")
    assert score_for_rate(proportional, D("93.99"), D(10)) == D("9.40")
    assert score_for_rate(proportional, D(120), D(10)) == D(10)


def test_direction_aware_targets() -> None:
    higher = Scoring(method="target_ratio", direction="higher_better")
    lower = Scoring(method="target_ratio", direction="lower_better")
    assert score_for_target(higher, D(18), D(20), D(10)) == D(9)
    assert score_for_target(higher, D(25), D(20), D(10)) == D(10)
    assert score_for_target(lower, D(12), D(10), D(10)) == D("8.33")
    assert score_for_target(lower, D(8), D(10), D(10)) == D(10)


def test_bands_and_rescale() -> None:
    gd = load_rubric("gd-county-dept-2023")
    satisfaction = _indicator(gd, "预算使用效益", "公平性", "满意度")
    assert band_range(satisfaction.scoring, "部分达成", D(5)) == (D(3), D(4))
    assert band_range(satisfaction.scoring, "未知", D(5)) is None
    assert rescaled_total(D(81), D(90)) == D(90)
    with pytest.raises(ValueError):
        rescaled_total(D(0), D(0))
    bands = Scoring(method="bands", bands=(Band(name="达成", min_share=D("0.8"), max_share=D(1)),))
    with pytest.raises(ValueError):
        score_for_rate(bands, D(90), D(5))

"""Data rules (DT001–DT002): the report's figures and scores against its evaluation data."""

from __future__ import annotations

from decimal import Decimal as D

from drafter.check.facts import CheckContext, Facts, Figure, ScoreNode, Source, StatedTotal
from drafter.check.rules.data import figure_differs, score_differs


def src(line: int | None, path: str | None = None) -> Source:
    return Source(line=line, col=1 if line else None, quote=f"第{line}行" if line else "", path=path)


def fig(
    key: str, value: str, line: int | None, *, name: str = "", unit: str = "万元", path: str | None = None
) -> Figure:
    return Figure(key=key, label=name or key, value=D(value), unit=unit, source=src(line, path), name=name)


DATA = Facts(
    origin="data",
    figures=(
        fig("spend.actual", "3115.27", None, path="expenditure.actual"),
        fig(
            "payment",
            "1318.20",
            None,
            name="食品产业园基础设施（一期）项目进度款",
            path="expenditure.payments[0].amount",
        ),
        fig(
            "payment",
            "1572.15",
            None,
            name="绿色食品产业园基础设施项目（一期）进度款",
            path="expenditure.payments[1].amount",
        ),
        fig("staff.total", "20", None, unit="人", path="profile.staffing.total"),
    ),
    scores=(
        ScoreNode(
            name="资金管理", level=2, source=src(None, "indicators[1].children[1]"), max=D(20), score=D(16)
        ),
    ),
    total=StatedTotal(value=D(96), source=src(None, "indicators")),
)
CTX = CheckContext(data=DATA)


def test_equal_and_rounded_figures_are_silent() -> None:
    report = Facts(
        figures=(
            fig("spend.actual", "3115.27", 25),
            fig("spend.actual", "3115.3", 30),  # rounded to one decimal: still the same figure
            fig("payment", "1318.20", 27, name="食品产业园基础设施（一期）项目进度款"),
            fig("staff.total", "20", 14, unit="人"),
            fig("spend.basic", "649.23", 25),  # no counterpart in the data: not compared
        )
    )
    assert figure_differs.RULE.run(report, CTX) == []


def test_changed_figure_fires_with_data_path() -> None:
    report = Facts(
        figures=(
            fig("spend.actual", "3115.72", 25),
            fig("payment", "1572.51", 27, name="绿色食品产业园基础设施项目（一期）进度款"),
        )
    )
    found = figure_differs.RULE.run(report, CTX)
    assert [(f.code, f.line) for f in found] == [("DT001", 25), ("DT001", 27)]
    assert found[0].expected == "3115.27万元（评价数据中的“支出情况·实际支出数”）"
    assert found[0].found == "3115.72万元"


def test_scores_and_total() -> None:
    report = Facts(
        scores=(
            ScoreNode(name="资金管理", level=2, source=src(42), max=D(20), score=D(18), score_source=src(42)),
        ),
        total=StatedTotal(value=D(98), source=src(29)),
    )
    found = score_differs.RULE.run(report, CTX)
    assert [(f.code, f.line) for f in found] == [("DT002", 42), ("DT002", 29)]
    assert found[0].message == "“资金管理”的自评得分为 18 分，与评价数据中的 16 分不符"


def test_same_scores_are_silent_and_no_data_means_no_check() -> None:
    report = Facts(
        scores=(ScoreNode(name="资金管理情况", level=2, source=src(42), max=D(20), score=D(16)),),
        total=StatedTotal(value=D(96), source=src(29)),
    )
    assert score_differs.RULE.run(report, CTX) == []
    changed = Facts(total=StatedTotal(value=D(90), source=src(29)))
    assert score_differs.RULE.run(changed, CheckContext()) == []
    assert figure_differs.RULE.run(Facts(figures=(fig("spend.actual", "1", 1),)), CheckContext()) == []


def test_rounding_allowance_is_converted_to_wanyuan_with_the_value() -> None:
    data = CheckContext(data=Facts(origin="data", figures=(fig("spend.actual", "3215.36", None),)))
    # 0.32亿元 is stated to 0.01亿元 (±50万元): 3215.36万元 rounds to it.
    coarse = Facts(
        figures=(fig("spend.actual", "0.32", 25, unit="亿元"), fig("spend.actual", "0.3215", 26, unit="亿元"))
    )
    assert figure_differs.RULE.run(coarse, data) == []
    # 32153000元 is stated to the 元 (±0.5元): 600元 off is a difference, not rounding.
    exact = Facts(
        figures=(
            fig("spend.actual", "32153000", 27, unit="元"),
            fig("spend.actual", "0.3216", 28, unit="亿元"),
        )
    )
    found = figure_differs.RULE.run(exact, data)
    assert [(f.code, f.line) for f in found] == [("DT001", 27), ("DT001", 28)]
    assert found[0].found == "3215.3万元（原文 32153000元）"
    assert (
        figure_differs.RULE.run(Facts(figures=(fig("spend.actual", "32153600", 29, unit="元"),)), data) == []
    )

"""The figures suggest computes from stated ones (执行率, 结转结余率, 采购超出额, 资产利用率, 付款合计与超出额):
one function for the evaluation data and for a checked report, so both give the same figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from drafter.check.extract import extract_facts
from drafter.data.load import load_data
from drafter.read import read_document
from drafter.suggest.context import derived_figures, subject_from_data, subject_from_facts

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "yangxi-2023"
DERIVED = (
    "exec_rate",
    "carryover_rate",
    "proc_excess",
    "assets_rate",
    "payments_total",
    "payments_count",
    "payments_excess",
)


def test_each_figure_is_computed_from_its_stated_ones() -> None:
    values = {
        "actual": Decimal("3115.27"),
        "adjusted_budget": Decimal("3115.48"),
        "carryover": Decimal("120.5"),
        "project": Decimal("2466.04"),
        "proc_plan": Decimal("100"),
        "proc_actual": Decimal("112.5"),
        "assets_in_use": Decimal("95"),
        "assets_total": Decimal("100"),
    }
    payments = [Decimal("1318.20"), Decimal("1572.15")]
    assert derived_figures(values, payments) == {
        "exec_rate": "99.99",
        "carryover_rate": "3.87",
        "proc_excess": "12.50",
        "assets_rate": "95",
        "payments_total": "2890.35",
        "payments_count": "2",
        "payments_excess": "424.31",
    }


def test_nothing_is_computed_without_what_it_is_computed_from() -> None:
    assert derived_figures({"actual": Decimal(10), "adjusted_budget": Decimal(0)}, []) == {}
    assert derived_figures({"proc_plan": Decimal(100), "proc_actual": Decimal(90)}, []) == {}
    # payments within the 项目支出 are counted and added, with no excess
    assert derived_figures({"project": Decimal(100)}, [Decimal(40), Decimal(60)]) == {
        "payments_total": "100.00",
        "payments_count": "2",
    }


def test_data_and_report_give_the_same_figures() -> None:
    """The sample's data file transcribes its report: the computed figures agree."""
    data = subject_from_data(load_data(SAMPLE / "data.yaml")).figures
    doc = read_document(SAMPLE / "report.txt")
    report = subject_from_facts(extract_facts(doc), doc).figures
    assert {k: data.get(k) for k in DERIVED} == {k: report.get(k) for k in DERIVED}
    assert data["exec_rate"] == "99.99" and data["payments_excess"] == "424.31"

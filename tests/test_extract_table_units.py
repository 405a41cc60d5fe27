"""The unit of a table's amounts: a "金额单位：元" / "单位：万元" line above the table, or a header cell
"项目资金（元）", applies to the funds rows read from that table; a table in 元 and the same table in
万元 give the same facts (in 万元) and the same findings."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.check.extract import extract_facts
from drafter.check.facts import CheckContext, Facts, FundsRow, Tolerances
from drafter.check.rules.table.funds_total_mismatch import check as tb002
from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text
from drafter.suggest.context import subject_from_facts
from tests._extract_fixtures import HERE
from tests._extract_fixtures import fixture_facts as _facts

CENT = D("0.01")


def _in_wan(rows: tuple[FundsRow, ...]) -> list[tuple[object, ...]]:
    return [
        (r.name, r.wan(r.initial), r.wan(r.budget), r.wan(r.actual), r.max, r.rate, r.score, r.source.line)
        for r in rows
    ]


def _text_facts(text: str) -> Facts:
    return extract_facts(document_from_text(text, "r.txt"))


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_unit_line_applies_to_the_table_below(fmt: str, tmp_path: Path) -> None:
    yuan = _facts("project-table-yuan.txt", fmt, tmp_path)
    wan = _facts("project-table-wanyuan.txt", fmt, tmp_path)
    assert {r.unit for r in yuan.funds} == {"元"}
    assert {r.unit for r in wan.funds} == {"万元"}
    assert yuan.funds[0].budget == D("1200000.00") and yuan.funds[0].wan(yuan.funds[0].budget) == D("120")
    assert _in_wan(yuan.funds) == _in_wan(wan.funds)


@pytest.mark.parametrize(
    "declared, unit",
    [
        ("金额单位：元", "元"),
        ("金额单位: 千元", "千元"),
        ("（单位：万元）", "万元"),
        ("单位:人民币元", "元"),
        ("填报单位：阳西县交通运输局", "万元"),  # a unit's name, not a unit of money
        ("单位：元/人", "万元"),  # a per-head rate, not the table's unit
    ],
)
def test_declared_units(declared: str, unit: str) -> None:
    text = (HERE / "project-table-yuan.txt").read_text(encoding="utf-8").replace("金额单位：元", declared)
    assert {r.unit for r in _text_facts(text).funds} == {unit}


def test_header_cell_unit_wins_over_the_line() -> None:
    text = (HERE / "project-table-yuan.txt").read_text(encoding="utf-8")
    text = text.replace("金额单位：元\n", "金额单位：万元\n").replace("资金情况 |", "项目资金（元） |")
    assert {r.unit for r in _text_facts(text).funds} == {"元"}


def test_a_declaration_applies_to_the_next_table_only() -> None:
    """A unit line above a score table does not reach a funds table after it."""
    text = (HERE / "project-table-yuan.txt").read_text(encoding="utf-8").splitlines()
    funds, indicators = text[3:8], text[8:]
    moved = "\n".join(text[:3] + indicators + funds)
    facts = _text_facts(moved)
    assert facts.funds and {r.unit for r in facts.funds} == {"万元"}


def test_unit_in_the_amount_cells() -> None:
    text = (HERE / "project-table-yuan.txt").read_text(encoding="utf-8").replace("金额单位：元\n", "")
    text = text.replace("| 1200000.00 | 1080000.00 |", "| 1200000.00元 | 1080000.00元 |")
    assert _text_facts(text).funds[0].unit == "元"


def test_stacked_funds_take_the_declared_unit() -> None:
    text = "金额单位：元\n年度预算资金总额: 8600000.00\n其中:中央补助 5000000.00\n省级资金 3600000.00\n"
    rows = _text_facts(text).funds
    assert [(r.name, r.budget, r.unit) for r in rows][1:] == [
        ("中央补助", D("5000000.00"), "元"),
        ("省级资金", D("3600000.00"), "元"),
    ]
    assert rows[0].wan(rows[0].budget) == D(860)


def test_money_tolerance_is_in_wanyuan_whatever_the_table() -> None:
    """A tolerance of 0.01万元 is 100元: a 元 table 50元 off passes, 500元 off does not."""
    ctx = CheckContext(tolerances=Tolerances(money=D("0.01")))
    base = (HERE / "project-table-yuan.txt").read_text(encoding="utf-8")
    near = _text_facts(base.replace("| 1000000.00 | 1200000.00 |", "| 1000000.00 | 1200050.00 |"))
    far = _text_facts(base.replace("| 1000000.00 | 1200000.00 |", "| 1000000.00 | 1200500.00 |"))
    assert list(tb002(near, ctx)) == []
    assert [f.found for f in tb002(far, ctx)] == ["1200500.00"]


def test_suggest_reads_the_table_in_wanyuan() -> None:
    subject = subject_from_facts(_text_facts((HERE / "project-table-yuan.txt").read_text(encoding="utf-8")))
    assert subject.figures["adjusted_budget"] == "120.00"
    assert subject.figures["actual"] == "108.00"


def _table(unit: str, rows: list[tuple[str, int, int, int]], rate: str, score: str) -> str:
    """The funds table with amounts given in 分 (cents of 元), written to the cent: in 元 with two
    places, or in 万元 with six, so both state the same precision."""
    places = D("0.01") if unit == "元" else D("0.000001")
    head = "金额单位：元" if unit == "元" else "单位：万元"
    lines = [
        "2023年度项目支出绩效自评表",
        head,
        "资金情况 | 年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率（B/A） | 得分",
    ]
    for i, (name, *amounts) in enumerate(rows):
        tail = f"10 | {rate} | {score}" if i == 0 else "— | — | —"
        cells = " | ".join(str((D(cents) * places).quantize(places)) for cents in amounts)
        lines.append(f"{name} | {cells} | {tail}")
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    own=st.integers(100_000, 90_000_000_00),
    other=st.integers(0, 5_000_000_00),
    spent=st.integers(60, 100),
    error=st.sampled_from([0, 0, 2, 37, -50_000]),
    rate_error=st.sampled_from([0, 0, 3]),
)
def test_a_table_in_yuan_and_in_wanyuan_give_the_same_facts(
    own: int, other: int, spent: int, error: int, rate_error: int
) -> None:
    """The same amounts (to the cent) in a 元 table and a 万元 table: the same funds rows in 万元
    and the same findings, a wrong total (two cents or more off: each amount may be off by half a cent) caught in both."""
    own_b, other_b = own * spent // 100, other * spent // 100
    budget = own + other + error  # a wrong total now and then
    actual = own_b + other_b
    rate = (D(actual) / D(budget) * 100).quantize(CENT) + rate_error
    score = min(rate / 10, D(10)).quantize(CENT)
    rows = [
        ("年度资金总额", own, budget, actual),
        ("其中：本年财政拨款", own, own, own_b),
        ("其他资金", 0, other, other_b),
    ]
    results = []
    for unit in ("万元", "元"):
        doc = document_from_text(_table(unit, rows, f"{rate}%", str(score)), "r.txt")
        facts = extract_facts(doc)
        assert {r.unit for r in facts.funds} == {unit}
        findings = check_document(doc, options=CheckOptions(discover_config=False))
        results.append((_in_wan(facts.funds), [(f.code, f.line, f.severity) for f in findings]))
    assert results[0] == results[1]
    assert ("TB002" in {c for c, _, _ in results[0][1]}) == (error != 0)

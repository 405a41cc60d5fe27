"""Extraction of the sample report (examples/yangxi-2023/report.txt) into Facts."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from drafter.check.extract import extract_facts
from drafter.check.facts import Facts
from drafter.read import read_document
from drafter.rubric import load_rubric
from tests.conftest import SEED


@pytest.fixture(scope="module")
def facts() -> Facts:
    return extract_facts(read_document(SEED))


def test_score_tree_levels_and_names(facts: Facts) -> None:
    assert [(n.level, n.name) for n in facts.scores] == [
        (1, "预算编制情况"),
        (1, "预算执行情况"),
        (1, "预算使用效益"),
    ]
    level2 = [n for n in facts.nodes() if n.level == 2]
    assert [(n.name, n.max, n.score) for n in level2] == [
        ("预算编制", D(8), D(8)),
        ("目标设置情况", D(12), D(12)),
        ("制度管理", D(5), D(5)),
        ("资金管理", D(20), D(16)),
        ("项目管理", D(8), D(8)),
        ("资产管理", D(7), D(7)),
        ("经济性", None, D(5)),
        ("效率性", None, D(10)),
        ("效果性", None, D(20)),
        ("公平性", None, D(5)),
    ]
    assert [n.source.line for n in level2] == [32, 35, 40, 42, 45, 47, 50, 52, 54, 56]


def test_level3_items_hang_under_their_level2(facts: Facts) -> None:
    by_name = {n.name: n for n in facts.nodes()}
    assert [(c.name, c.score, c.source.line) for c in by_name["预算编制"].children] == [
        ("预算编制合理性", D(4), 33),
        ("预算编制规范性", D(4), 34),
    ]
    assert [c.score for c in by_name["目标设置情况"].children] == [D(6), D(2), D(4)]
    assert by_name["预算编制合理性"].path == "预算编制情况/预算编制/预算编制合理性"


def test_scored_top_sums_to_stated_total(facts: Facts) -> None:
    top = facts.scored_top()
    assert len(top) == 10
    assert sum(n.score for n in top if n.score is not None) == D(96)
    assert facts.total is not None
    assert (facts.total.value, facts.total.source.line) == (D(96), 29)


def test_maxima_stated_and_with_rubric_sum_to_100(facts: Facts) -> None:
    top = facts.scored_top()
    stated = [n.max for n in top if n.max is not None]
    assert sum(stated) == D(60)  # the six "指标总分" headings; 经济性… state no maximum
    rubric = load_rubric("gd-county-dept-2023")
    maxima = []
    for n in top:
        if n.max is not None:
            maxima.append(n.max)
            continue
        ind = next(i for _, i in rubric.walk() if i.matches(n.name))
        maxima.append(ind.max_score)
    assert sum(maxima) == D(100)


def test_body_score_attaches_to_unscored_heading(facts: Facts) -> None:
    node = next(n for n in facts.nodes() if n.name == "经济性")
    assert node.score == D(5)
    assert node.score_source is not None and node.score_source.line == 51
    assert node.mentions == ()


def test_mentions_kept_for_sc006(facts: Facts) -> None:
    by_name = {n.name: n for n in facts.nodes()}
    assert [(m.value, m.source.line, m.phrase) for m in by_name["项目管理"].mentions] == [
        (D(5), 46, "自评得5分"),
        (D(8), 46, "自评得分8分"),
    ]
    assert [(m.value, m.phrase) for m in by_name["资产管理"].mentions] == [(D(2), "自评2分")]
    assert [m.value for m in by_name["制度管理"].mentions] == [D(5)]


def test_deduction_reason(facts: Facts) -> None:
    node = next(n for n in facts.nodes() if n.name == "资金管理")
    assert node.reason == "政府采购实际数大于政府采购计划数，政府采购执行情况不得分。"


def test_figures_keys_and_values(facts: Facts) -> None:
    got = {
        (f.key, f.value, f.unit, f.source.line)
        for f in facts.figures
        if f.key not in ("payment", "progress", "rate")
    }
    assert got == {
        ("budget.initial", D("408.14"), "万元", 25),
        ("budget.adjusted", D("3115.48"), "万元", 25),
        ("spend.actual", D("3115.27"), "万元", 25),
        ("spend.basic", D("649.23"), "万元", 25),
        ("spend.project", D("2466.04"), "万元", 25),
        ("sangong.budget", D("13.00"), "万元", 25),
        ("sangong.actual", D("6.20"), "万元", 25),
        ("public.budget", D("27.00"), "万元", 25),
        ("public.actual", D("26.83"), "万元", 25),
        ("assets.in_use", D("95.6"), "万元", 48),
        ("assets.total", D("95.6"), "万元", 48),
        ("staff.total", D(20), "人", 14),
        ("staff.行政编", D(15), "人", 14),
        ("staff.事业编", D(5), "人", 14),
    }
    payments = facts.figures_for("payment")
    assert [(p.value, p.source.line) for p in payments] == [(D("1318.20"), 27), (D("1572.15"), 27)]
    assert "食品产业园基础设施（一期）项目进度款" in payments[0].name
    assert [(p.name, p.value) for p in facts.figures_for("progress")] == [
        ("阳辉路完成给排水工程", D(50)),
        ("道路路基工程", D(60)),
        ("总施工形象进度", D(65)),
    ]


def test_claims(facts: Facts) -> None:
    compare = [(c.left, c.op, c.right, c.source.line) for c in facts.claims_of("compare")]
    assert compare == [
        ("procurement.actual", ">", "procurement.plan", 44),
        ("sangong.actual", "<", "sangong.budget", 51),
        ("public.actual", "<=", "public.budget", 51),
    ]
    complete = [(c.text, c.source.line) for c in facts.claims_of("complete")]
    assert ("完成验收", 46) in complete
    assert ("所有部门的预算项目都按时完成", 53) in complete
    assert ("完成率100%", 53) in complete
    unfinished = {(c.text, c.source.line) for c in facts.claims_of("unfinished")}
    assert {("基本完工", 17), ("65%", 17), ("暂未验收", 18)} <= unfinished
    rates = [(c.subject, c.value, c.source.line) for c in facts.claims_of("rate")]
    assert ("assets", D(100), 48) in rates
    assert facts.claims_of("no_problem") == ()


def test_units_years_names(facts: Facts) -> None:
    (units,) = facts.entities
    assert (units.kind, units.count, units.items) == (
        "units",
        4,
        ("党政办公室", "经济发展局", "政务服务局", "国土规划环保局"),
    )
    heads = [(n.name, n.source.line) for n in facts.names if n.kind == "unit_head"]
    assert heads == [("党政办公室", 9), ("经济发展局", 10), ("政务服务局", 11), ("国土规划局", 12)]
    assert facts.year == 2023
    assert (2020, 34) in {(y.year, y.source.line) for y in facts.years}
    assert facts.dept_full == "阳西县高新技术产业开发区管理委员"
    assert facts.grades == ()


def test_sources_quote_the_line_verbatim(facts: Facts) -> None:
    doc = read_document(SEED)
    for f in facts.figures:
        assert f.source.line is not None
        assert f.source.quote in doc.line(f.source.line).text
    for n in facts.nodes():
        for m in n.mentions:
            assert m.source.line is not None and m.source.quote in doc.line(m.source.line).text


def test_conclusion_total_wins_over_last_years_score() -> None:
    from drafter.read import document_from_text

    text = SEED.read_text(encoding="utf-8").replace(
        "本单位年度总体工作：", "本单位年度总体工作：2022年度部门整体支出绩效自评得分为95分。", 1
    )
    facts = extract_facts(document_from_text(text))
    assert facts.total is not None and (facts.total.value, facts.total.source.line) == (D(96), 29)

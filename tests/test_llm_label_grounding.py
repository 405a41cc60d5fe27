"""Grounding by label: the messages a rejected rewrite gets name what is wrong and where."""

from __future__ import annotations

import pytest
from conftest import REPO

from drafter.data.load import load_data
from drafter.draft.report import draft_report
from drafter.draft.templates import TemplateSet
from drafter.llm.label_grounding import SectionGround, required_facts
from drafter.llm.truth import build_truth
from drafter.resources import resource_dir
from drafter.rubric import load_rubric


@pytest.fixture(scope="module")
def grounds():
    data = load_data(REPO / "examples" / "yangxi-2023" / "data.yaml")
    report = draft_report(data, rubric=load_rubric(data.meta.rubric))
    truth = build_truth(report, data)
    templates = TemplateSet(resource_dir("prompts") / "sections")
    return report, {
        s.key: SectionGround.build(s, truth, templates.get(s.template.removesuffix(".j2")).meta.carries)
        for s in report.sections
    }


def check(grounds, key: str, old: str, new: str) -> list[str]:
    report, by_key = grounds
    text = report.section(key).text
    assert old in text
    return by_key[key].problems(text.replace(old, new, 1))


def test_the_offline_text_passes_its_own_grounding(grounds):
    report, by_key = grounds
    assert all(by_key[s.key].problems(s.text) == [] for s in report.sections)


def test_a_swapped_figure_names_both_labels(grounds):
    found = check(grounds, "expenditure", "其中基本支出649.23万元", "其中基本支出2466.04万元")
    assert any("基本支出" in p and "项目支出的数值" in p for p in found)


def test_a_rate_names_its_formula(grounds):
    found = check(grounds, "expenditure", "预算执行率为99.99%", "预算执行率为95%")
    assert any("实际支出÷调整预算" in p and "99.99%" in p for p in found)


def test_a_dropped_figure_is_named(grounds):
    found = check(grounds, "conclusion", "自评得分为96分，", "自评")
    assert found == ["初稿中的“自评总分”（96分）在润色稿中没有写出"]


def test_years_and_counts_say_why(grounds):
    assert any("评价年度2023年" in p for p in check(grounds, "expenditure", "2023年度", "2021年度"))
    found = check(grounds, "work", "园区基础设施日渐完善。", "建成7个园区。")
    assert any("7个" in p and "个数" in p for p in found)


def test_required_facts_resolve_paths_and_item_names():
    context = {
        "items": [{"name": "资金管理", "self_score": "16", "children": []}],
        "total": "96",
        "units": [1, 2],
    }
    carries = {"items[].self_score": "score:{name}自评得分", "total": "score:总分", "units#": "count:机构数"}
    facts = required_facts(carries, context)
    assert [(f.label, str(f.value)) for f in facts] == [
        ("资金管理自评得分", "16"),
        ("总分", "96"),
        ("机构数", "2"),
    ]

"""Claims and figure labels in phrasings beyond the sample's."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from drafter.check.extract import extract_facts
from drafter.read import document_from_text


def _facts(text: str):
    return extract_facts(document_from_text(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("所有项目都按时完成。", [("complete", "所有项目都按时完成")]),
        ("各项工作均已完成。", [("complete", "各项工作均已完成")]),
        ("两个项目均未完成验收。", [("unfinished", "未完成")]),
        ("年度绩效目标完成率100%。", [("complete", "完成率100%")]),
        ("该工程已完工，暂未验收。", [("unfinished", "暂未验收")]),
        ("已完成已完成成果编制。", []),
        # an aim in the measures is no claim of what was done
        ("改进措施：确保2024年重点项目全部按时完成，力争年底前完成验收。", []),
        ("督促各施工单位全部按期完工。", []),
        ("年度计划任务全部完成。", [("complete", "全部完成")]),
    ],
)
def test_completion_claims(text: str, expected: list[tuple[str, str]]) -> None:
    got = [(c.kind, c.text) for c in _facts(text).claims if c.kind in ("complete", "unfinished")]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("三公经费的实际支出数小于预算安排的三公经费。", ("sangong.actual", "<", "sangong.budget")),
        ("日常公用经费决算数未超过年初预算数。", ("public.actual", "<=", "public.budget")),
        ("政府采购实际数大于政府采购计划数。", ("procurement.actual", ">", "procurement.plan")),
        ("实际支出数低于调整预算数。", ("spend.actual", "<", "budget.adjusted")),
    ],
)
def test_compare_claims(text: str, claim: tuple[str, str, str]) -> None:
    (c,) = _facts(text).claims_of("compare")
    assert (c.left, c.op, c.right) == claim


def test_no_problem_claim() -> None:
    (c,) = _facts("四、存在的问题、原因分析及改进措施\n存在问题：无。").claims_of("no_problem")
    assert c.source.line == 2


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("三公经费预算总额13.00万元，实际支出6.20万元。", [("sangong.budget", "13.00"), ("sangong.actual", "6.20")]),
        ("政府采购预算数420.00万元，实际采购396.80万元。", [("procurement.plan", "420.00"), ("procurement.actual", "396.80")]),
        ("全年实际支出3,215.36万元，调整预算3420.80万元。", [("spend.actual", "3215.36"), ("budget.adjusted", "3420.80")]),
        ("本年度项目支出预算2500万元。", []),
        ("在编人员二十人，其中行政编十五人。", [("staff.total", "20"), ("staff.行政编", "15")]),
        ("实有人员18人，另有退休人员5人。", []),
    ],
)
def test_figure_labels(text: str, figures: list[tuple[str, str]]) -> None:
    assert [(f.key, f.value) for f in _facts(text).figures] == [(k, D(v)) for k, v in figures]


def test_rate_claim_and_progress() -> None:
    facts = _facts("固定资产利用率为97.37%。阳辉路完成给排水工程50%、道路路基工程60%的施工。")
    assert [(c.subject, c.value) for c in facts.claims_of("rate")] == [("assets", D("97.37"))]
    assert [(c.subject, c.value) for c in facts.claims_of("unfinished")] == [
        ("阳辉路完成给排水工程", D(50)),
        ("道路路基工程", D(60)),
    ]

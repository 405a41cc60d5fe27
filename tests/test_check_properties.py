"""Properties of the checker over generated data (hypothesis):

1. a report drafted by ``drafter draft`` from consistent data checks clean — without ``--data``
   and against its own data;
2. change one number of that report (a figure or a score) and the checker catches it.

The data are the invented pingchuan example with every amount, staff count and score drawn anew
but kept consistent (parts add to totals, scores to their parents, deductions with reasons).
Free-text bases that quote figures are rewritten without them, as the drafter would otherwise
carry stale numbers into the draft — exactly what the checker is meant to catch.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.check.run import Checker, CheckOptions
from drafter.data.load import load_data
from drafter.data.model import EvaluationData
from drafter.draft.report import draft_report
from drafter.findings import Severity
from drafter.read import document_from_text
from drafter.rubric import load_rubric

REPO = Path(__file__).resolve().parent.parent
BASE = load_data(REPO / "examples" / "pingchuan-agri-2023" / "data.yaml")
RUBRIC = load_rubric(BASE.meta.rubric)
CENT = Decimal("0.01")


def money(lo: int, hi: int) -> st.SearchStrategy[Decimal]:
    """An amount in 万元 with two decimals, lo ≤ x ≤ hi."""
    return st.integers(lo * 100, hi * 100).map(lambda c: Decimal(c) / 100)


def share(lo: int, hi: int) -> st.SearchStrategy[Decimal]:
    """A fraction between lo‰ and hi‰."""
    return st.integers(lo, hi).map(lambda p: Decimal(p) / 1000)


def part(total: Decimal, frac: Decimal) -> Decimal:
    return (total * frac).quantize(CENT, rounding=ROUND_DOWN)


@st.composite
def consistent_data(draw: st.DrawFn) -> EvaluationData:
    raw: dict[str, Any] = BASE.model_dump()
    exp = raw["expenditure"]
    adjusted = draw(money(300, 9000))
    actual = part(adjusted, draw(share(800, 1000)))
    basic = part(actual, draw(share(150, 600)))
    project = actual - basic
    exp.update(
        initial_budget=part(adjusted, draw(share(600, 1000))),
        adjusted_budget=adjusted,
        actual=actual,
        basic=basic,
        project=project,
        carryover=adjusted - actual,
    )
    tp = draw(money(5, 40))
    exp["three_public"] = {"budget": tp, "actual": part(tp, draw(share(500, 1000)))}
    dp = draw(money(20, 120))
    exp["daily_public"] = {"budget": dp, "actual": part(dp, draw(share(600, 1000)))}
    plan = draw(money(50, 800))
    exp["procurement"] = {"plan": plan, "actual": part(plan, draw(share(700, 1000)))}
    assets = draw(money(50, 3000))
    exp["fixed_assets"] = {"total": assets, "in_use": part(assets, draw(share(800, 1000)))}
    first = part(project, draw(share(100, 450)))
    second = part(project, draw(share(100, 450)))
    for payment, amount in zip(
        exp["payments"], (first, second, part(project, Decimal("0.05"))), strict=False
    ):
        payment["amount"] = amount

    staff = raw["profile"]["staffing"]
    counts = [draw(st.integers(1, 40)) for _ in staff["categories"]]
    for cat, n in zip(staff["categories"], counts, strict=True):
        cat["count"] = n
    staff["total"] = sum(counts)

    # Scores: any leaf may lose points (with a reason); parents and the total follow.
    for level1 in raw["indicators"]:
        for level2 in level1["children"]:
            leaves = level2["children"] or [level2]
            for leaf in leaves:
                lost = draw(st.sampled_from([0, 0, 0, 1, 2])) if leaf["max_score"] >= 3 else 0
                leaf["self_score"] = leaf["max_score"] - lost
                leaf["deduction_reason"] = "相关工作未完全达到年度要求，按评分标准扣分" if lost else None
                leaf["basis"] = (
                    re.sub(r"[^，。；]*\d[^，。；]*[，；]?", "", leaf["basis"]).strip("，；。")
                    or "按要求开展相关工作"
                )
            if level2["children"]:
                level2["self_score"] = sum(c["self_score"] for c in leaves)
    # A target rate ("预算执行率达到95%以上") is an aim, never compared with the measured rate.
    raw["targets"] = [
        "围绕保障粮食安全和全面推进乡村振兴，完成高标准农田建设任务，不发生区域性重大动物疫情。",
        "预算执行率达到95%以上，三公经费支出控制在预算以内。",
    ]
    raw["problems"] = ["部分项目实施进度滞后，预算执行未达到年度目标"]
    raw["conclusion"] = "本单位认真履行职责，加强预算管理和项目管理，主要目标基本实现。"
    return EvaluationData.model_validate(raw)


def draft_text(data: EvaluationData) -> str:
    return draft_report(data, rubric=RUBRIC).to_text()


def check_text(text: str, data: EvaluationData | None = None) -> list[Any]:
    checker = Checker(options=CheckOptions(), data=data)
    return list(checker.check(document_from_text(text, "drafted.txt")).findings)


def serious(findings: list[Any]) -> list[tuple[str, int | None, str]]:
    return [(f.code, f.line, f.message) for f in findings if f.severity is not Severity.INFO]


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(consistent_data())
def test_consistent_data_drafts_a_report_that_checks_clean(data: EvaluationData) -> None:
    text = draft_text(data)
    assert serious(check_text(text)) == []
    assert serious(check_text(text, data)) == []


_SPEND = re.compile(r"实际支出总额(\d+\.\d{2})万元")
_LEVEL2 = re.compile(r"^(\d\.[\u4e00-\u9fff]+，指标总分(\d+)，自评)(\d+)(分)$", re.MULTILINE)


@SETTINGS
@given(consistent_data(), st.integers(1, 999))
def test_a_changed_spending_figure_is_caught(data: EvaluationData, cents: int) -> None:
    """Against its data any change is caught; on its own, once it exceeds the rounding tolerance
    of 基本 + 项目 = 实际 (half a cent per figure: 0.015 万元)."""
    text = draft_text(data)
    m = _SPEND.search(text)
    assert m is not None
    changed = (Decimal(m.group(1)) + Decimal(cents) / 100).quantize(CENT)
    bad = text[: m.start(1)] + str(changed) + text[m.end(1) :]
    line = text[: m.start()].count("\n") + 1
    found = check_text(bad, data)
    assert ("DT001", line) in {(f.code, f.line) for f in found}
    # Without the data the report contradicts itself: 基本 + 项目 ≠ 实际 (FG001).
    alone = {f.code for f in check_text(bad)}
    assert ("FG001" in alone) == (cents >= 2)


@SETTINGS
@given(consistent_data(), st.data())
def test_a_changed_level2_score_is_caught(data: EvaluationData, pick: st.DataObject) -> None:
    text = draft_text(data)
    headers = list(_LEVEL2.finditer(text))
    assert headers
    m = pick.draw(st.sampled_from(headers))
    old, top = int(m.group(3)), int(m.group(2))
    new = pick.draw(st.integers(0, top).filter(lambda n: n != old))
    bad = text[: m.start(3)] + str(new) + text[m.end(3) :]
    line = text[: m.start()].count("\n") + 1
    found = check_text(bad, data)
    assert ("DT002", line) in {(f.code, f.line) for f in found}
    assert serious(check_text(bad)) != []  # the stated total or the children no longer add up


@pytest.mark.parametrize("suffix", ["txt"])
def test_base_example_is_clean(suffix: str) -> None:
    assert serious(check_text(draft_text(BASE))) == []


_PIECES = st.sampled_from(
    [
        "一、", "（二）", "1.", "（3）", "指标总分", "自评", "得分", "分", "万元", "万", "%", "，", "。", "：", "；",
        "预算调整总额", "实际支出总额", "基本支出", "项目支出", "三公经费预算总额", "小于", "大于等于", "所有项目",
        "按时完成", "暂未验收", "完成率100%", "存在问题：无", "2020年度", "2023年度", "预算编制工作方案",
        "设3个内设机构：", "办公室、", "财务股", "局。", "年度资金总额 | ", " | ", "全年预算数", "执行率", "得分",
        "偏差原因", "≥90%", "drafter: ignore SC001", "自评得分为", "评价等级为“优”", "进度款", "支付",
    ]
)  # fmt: skip
_NUMBER = st.decimals(min_value=0, max_value=10000, places=2, allow_nan=False, allow_infinity=False).map(str)
_LINE = st.lists(st.one_of(_PIECES, _NUMBER, st.text(max_size=3)), max_size=12).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, max_size=25))
def test_any_text_checks_without_crashing(lines: list[str]) -> None:
    findings = check_text("\n".join(lines))
    for f in findings:
        assert f.code[:2] in {"SC", "FG", "CL", "CN", "RB", "DT", "TB", "RD"}
        assert "\n" not in f.message

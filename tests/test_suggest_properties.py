"""Properties of suggest on generated indicator trees: every deduction is answered exactly once,
every suggestion cites only existing sources, full marks are never suggested for."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.data.model import EvaluationData
from drafter.suggest import suggest_data
from drafter.suggest.kb import load_kb

# Level-2 names of the Guangdong rubric with their maxima (DOMAIN.md §2).
LEVEL2 = {
    "预算编制": [("预算编制", 8), ("目标设置", 12)],
    "预算执行": [("制度管理", 5), ("资金管理", 20), ("项目管理", 8), ("资产管理", 7)],
    "预算使用效益": [("经济性", 5), ("效率性", 10), ("效果性", 20), ("公平性", 5)],
}
REASONS = [
    "",
    "政府采购实际数大于计划数",
    "结转结余资金较多",
    "三公经费超预算",
    "固定资产闲置",
    "满意度调查样本不足",
]


@st.composite
def evaluations(draw):
    indicators = []
    for level1, children in LEVEL2.items():
        kids = []
        for name, top in children:
            lost = draw(st.integers(min_value=0, max_value=top))
            reason = draw(st.sampled_from(REASONS)) if lost else ""
            kids.append(
                {
                    "name": name,
                    "max_score": top,
                    "self_score": top - lost,
                    **({"deduction_reason": reason} if reason else {}),
                }
            )
        indicators.append({"name": level1, "max_score": sum(t for _, t in children), "children": kids})
    return EvaluationData.model_validate(
        {
            "meta": {
                "department": "某县某局",
                "fiscal_year": draw(st.integers(2019, 2030)),
                "level": "县",
                "rubric": "gd-county-dept-2023",
            },
            "indicators": indicators,
        }
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(evaluations())
def test_every_deduction_is_answered_once_and_only_deductions(data):
    kb = load_kb()
    result = suggest_data(data, findings=[], kb=kb)
    deducted = {
        c.name
        for i in data.indicators
        for c in i.children
        if c.self_score is not None and c.max_score is not None and c.self_score < c.max_score
    }
    assert {d.indicator for d in result.deductions} == deducted
    assert all(d.lost == d.max_score - d.self_score > Decimal(0) for d in result.deductions)
    cited = [i for s in result.suggestions for i in s.sources]
    assert sorted(cited) == sorted(d.id for d in result.deductions)  # each exactly once, none invented
    year = data.meta.fiscal_year
    for s in result.suggestions:
        assert s.measures and s.causes
        for m in s.measures:
            assert str(year + 1) in m.deadline or str(year + 2) in m.deadline or m.milestone == "报送前"

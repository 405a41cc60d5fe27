"""Scores restated outside the analysis (四、存在的问题… / 五、其他需要说明… / the 结论) make no
node of the score tree and do not count towards the total; a restatement that disagrees with the
indicator it names is reported (SC006). Drafts whose section 四 was written by ``drafter suggest``
check like the drafts whose data states the problems."""

from __future__ import annotations

import itertools
from decimal import Decimal as D
from pathlib import Path

import pytest

from drafter.check.extract import extract_facts
from drafter.check.facts import CheckContext
from drafter.check.rules.scores import RULES, mention_mismatch
from drafter.check.run import CheckOptions, check_document
from drafter.data.load import load_data
from drafter.draft.report import draft_report
from drafter.draft.write import write_report
from drafter.read import document_from_text, read_document
from drafter.rubric import load_rubric
from drafter.suggest import section_four

REPO = Path(__file__).resolve().parent.parent

REPORT = """\
二、绩效自评结论
经自评，我单位部门整体支出绩效自评得分为36分。
三、绩效自评分析
（一）预算编制情况
1.预算编制，指标总分8，自评8分
部门预算编制符合本部门职责。
2.目标设置，指标总分12，自评12分
绩效目标与部门职责相符。
（二）预算执行情况
1.资金管理，指标总分20，自评16分
（1）资金下达合规性。资金按规定下达，自评得3分。
（2）部门预算资金支出完成率。执行率低于95%的目标，扣1分，自评得4分。
（3）政府采购执行情况。政府采购实际数大于计划数，扣3分，自评得0分。
（4）财务合规性。自评得9分。
四、存在的问题、原因分析及改进措施
存在问题：一是“部门预算资金支出完成率”指标（分值5分）自评{restated}分，扣1分；二是“资金管理”指标（分值20分）自评16分，扣4分。
改进措施：按月通报支出进度。
五、其他需要说明的情况
无。
"""


def _facts(text: str):
    return extract_facts(document_from_text(text))


def _sc(text: str) -> list:
    """Score findings, but SC004: the short report's maxima do not add up to 100 on purpose."""
    facts = _facts(text)
    return [f for rule in RULES if rule.code != "SC004" for f in rule.run(facts, CheckContext())]


def test_section_four_restatements_are_no_nodes() -> None:
    facts = _facts(REPORT.format(restated=4))
    names = [n.name for n in facts.nodes()]
    assert "部门预算资金支出完成率" in names and names.count("资金管理") == 1
    assert not any("”指标" in n for n in names)
    assert sum(n.score for n in facts.scored_top() if n.score is not None) == D(36)
    assert [(m.label, m.max, m.value, m.source.line) for m in facts.restated] == [
        ("部门预算资金支出完成率", D(5), D(4), 16),
        ("资金管理", D(20), D(16), 16),
    ]
    assert _sc(REPORT.format(restated=4)) == []


def test_restated_score_that_differs_from_its_indicator_is_sc006() -> None:
    found = _sc(REPORT.format(restated=3))
    assert [(f.code, f.line) for f in found] == [("SC006", 16)]
    assert "部门预算资金支出完成率" in found[0].message and "按第12行的 4 分计入总分" in found[0].message
    assert found[0].expected == "自评 4 分"


def test_restated_max_that_differs_is_sc006() -> None:
    text = REPORT.format(restated=4).replace("（分值20分）自评16分", "（分值25分）自评16分")
    found = _sc(text)
    assert [f.code for f in found] == ["SC006"]
    assert "分值 25 分" in found[0].message and "分值 20 分" in found[0].message


def test_restatement_naming_no_single_indicator_is_not_checked() -> None:
    text = REPORT.format(restated=4).replace(
        "“资金管理”指标（分值20分）自评16分", "“资金使用”指标（分值20分）自评15分"
    )
    assert _sc(text) == []


def test_conclusion_restating_an_indicator_beside_the_total() -> None:
    text = REPORT.format(restated=4).replace(
        "经自评，我单位部门整体支出绩效自评得分为36分。",
        "资金管理指标自评16分，扣4分；经自评，我单位部门整体支出绩效自评得分为36分。",
    )
    facts = _facts(text)
    assert facts.total is not None and facts.total.value == D(36)
    assert ("资金管理", D(16)) in [(m.label, m.value) for m in facts.restated]
    assert _sc(text) == []
    wrong = text.replace("资金管理指标自评16分", "资金管理指标自评18分")
    assert [f.code for f in _sc(wrong)] == ["SC006"]


def test_a_scored_section_named_like_a_problem_section_is_an_indicator() -> None:
    """A top-level heading that states its own score is an indicator, whatever its name."""
    text = (
        REPORT.format(restated=4)
        .replace("五、其他需要说明的情况\n无。", "五、问题整改情况，指标总分4，自评4分\n整改到位。")
        .replace("自评得分为36分", "自评得分为40分")
    )
    facts = _facts(text)
    assert "问题整改情况" in [n.name for n in facts.scored_top()]
    assert _sc(text) == []


def test_sample_unchanged_by_restatement_handling() -> None:
    facts = extract_facts(read_document(REPO / "examples" / "yangxi-2023" / "report.txt"))
    assert facts.restated == ()
    assert facts.total is not None and facts.total.value == D(96)
    assert len([f for f in mention_mismatch.RULE.run(facts, CheckContext())]) == 2


_DROPPABLE = ("problems", "causes", "measures")


def _draft_codes(example: str, drop: tuple[str, ...], tmp_path: Path, suffix: str) -> list[tuple[str, str]]:
    data = load_data(REPO / "examples" / example / "data.yaml")
    data = data.model_copy(update={k: type(getattr(data, k))() for k in drop})
    report = draft_report(data, rubric=load_rubric(data.meta.rubric), section_four=section_four)
    out = write_report(report, tmp_path / f"r-{'-'.join(drop) or 'all'}{suffix}")
    found = check_document(read_document(out), options=CheckOptions(discover_config=False))
    # a section left as 【待补充…】 is unfinished text (CN004), and only that
    placeholders = any(s.has_placeholder for s in report.sections)
    assert any(f.code == "CN004" for f in found) == placeholders
    return sorted({(f.code, f.message) for f in found if f.code != "CN004"})


@pytest.mark.parametrize("suffix", [".md", ".txt", ".docx"])
@pytest.mark.parametrize("example", ["pingchuan-agri-2023", "yangxi-2023"])
def test_drafts_with_and_without_problems_find_the_same(example: str, suffix: str, tmp_path: Path) -> None:
    """Every subset of problems/causes/measures removed from a shipped example: the draft (section
    四 then written by drafter suggest where problems and measures are gone) shows exactly what the
    complete data's draft shows — nothing for the consistent data, the data's own faults for yangxi."""
    full = _draft_codes(example, (), tmp_path, suffix)
    if example == "pingchuan-agri-2023":
        assert full == []
    else:
        assert {c for c, _m in full} == {"CL002", "CN001", "FG005", "SC006"}
    for n in range(1, len(_DROPPABLE) + 1):
        for drop in itertools.combinations(_DROPPABLE, n):
            assert _draft_codes(example, drop, tmp_path, suffix) == full, drop


def test_payments_restated_in_section_four_are_no_more_addends() -> None:
    text = (
        "一、部门基本情况\n项目支出2466.04万元。年度内支付A工程进度款1318.20万元，支付B工程进度款1000.00万元。\n"
        "四、存在的问题、原因分析及改进措施\n存在问题：支付A工程进度款1318.20万元未及时对账；"
        "2023年支付工程进度款合计2318.20万元，与项目支出口径不一致。\n"
    )
    facts = _facts(text)
    assert [(f.value, f.source.line) for f in facts.figures_for("payment")] == [
        (D("1318.20"), 2),
        (D("1000.00"), 2),
    ]

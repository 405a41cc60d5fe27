"""The prose's reason for a deduction in a score table without a 偏差原因 column (TB005 looks for it
before it says the text gives none)."""

from __future__ import annotations

from pathlib import Path

from drafter.check.extract import extract_facts
from drafter.check.extract.textreasons import _stems
from drafter.read import read_document

TB005 = Path(__file__).resolve().parent / "fixtures" / "rules" / "TB005"


def test_stems_drop_the_measuring_suffix_but_keep_a_name() -> None:
    assert _stems("预算执行率") == ("预算执行率", "预算执行")
    assert _stems("绩效目标合理性") == ("绩效目标合理性", "绩效目标")
    assert _stems("重点工作完成率") == ("重点工作完成率", "重点工作")
    assert _stems("社会效益") == ("社会效益",)
    assert _stems("成本") == ()  # too short to look for


def test_problems_section_and_shortfall_sentences_explain_rows() -> None:
    facts = extract_facts(read_document(TB005 / "pass_text_reason.txt"))
    got = {
        r.name: (r.text_reason.line, r.text_reason.quote) if r.text_reason else None for r in facts.indicators
    }
    assert got == {
        "绩效目标合理性": (13, "1.绩效目标设置不够细化，个别指标难以量化。"),
        "预算执行率": (14, "2.部分项目预算执行进度偏慢。"),
        "重点工作完成率": (15, "此外，重点工作中的就业培训因场地改造推迟开班，重点工作完成率未达计划。"),
        "社会效益": None,  # full marks: not looked up
        "服务对象满意度": None,
    }


def test_a_mention_without_a_shortfall_outside_the_problems_is_no_reason() -> None:
    facts = extract_facts(read_document(TB005 / "fire_text_other.txt"))
    got = {r.name: r.text_reason for r in facts.indicators if r.score is not None and r.score < r.max}
    assert got["预算执行率"] is None  # "全年预算执行率为90%" states a figure, not why points were lost
    assert got["重点工作完成率"] is None  # "重点工作均已完成"
    assert got["绩效目标合理性"] is not None


def test_rows_with_a_reason_column_are_left_alone() -> None:
    facts = extract_facts(read_document(TB005 / "fire.txt"))
    assert all(r.text_reason is None for r in facts.indicators)

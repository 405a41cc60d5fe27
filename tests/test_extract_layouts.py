"""Whole reports in other provinces' layouts read into a full score tree: a 湖南-style 部门整体支出
evaluation whose score table stands as tab-separated rows, and a national 项目支出绩效自评表 as text
with runs of spaces (as a PDF text layer or a web page gives it)."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from drafter.check.extract import extract_facts
from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text, read_document

HERE = Path(__file__).resolve().parent / "fixtures" / "extract"


def _codes(text: str) -> list[tuple[str, int | None]]:
    doc = document_from_text(text, "r.txt")
    return [(f.code, f.line) for f in check_document(doc, options=CheckOptions(discover_config=False))]


def test_hunan_table_as_rows_is_a_full_tree() -> None:
    facts = extract_facts(read_document(HERE / "hunan-dept-table.txt"))
    level1 = [(n.name, n.max, n.effective_max, n.effective_score) for n in facts.scores]
    assert level1 == [
        ("投入", D(20), D(20), D(20)),
        ("过程", D(40), D(40), D(38)),
        ("产出", D(20), D(20), D(19)),
        ("效果", D(20), D(20), D(20)),
    ]
    assert [n.name for n in facts.scores[1].children] == ["预算执行", "预算管理", "资产管理"]
    assert len(facts.scored_top()) == 28
    leaf = next(n for n in facts.nodes() if n.name == "预算调整率")
    assert (leaf.max, leaf.score, leaf.reason, leaf.source.line) == (D(2), D(1), "年中追加预算较多", 15)
    assert facts.total is not None and (facts.total.value, facts.total.source.line) == (D(97), 42)
    assert facts.table_total is not None and (facts.table_total.value, facts.table_total.max) == (
        D(97),
        D(100),
    )
    assert [g.grade for g in facts.grades] == ["优"]


def test_hunan_table_checks_clean_and_catches_changes() -> None:
    text = (HERE / "hunan-dept-table.txt").read_text(encoding="utf-8")
    assert _codes(text) == []
    assert ("SC004", 9) in _codes(text.replace("投入（20分）", "投入（25分）"))
    assert ("SC002", 37) in _codes(text.replace("合计\t\t\t100\t97", "合计\t\t\t100\t98"))
    assert ("SC002", 42) in _codes(text.replace("综合评分为97分", "综合评分为95分"))
    changed = _codes(text.replace("重点工作办结率\t5\t4", "重点工作办结率\t5\t6"))
    assert ("SC003", 32) in changed and ("SC002", 42) in changed


def test_national_form_as_text_is_a_full_tree() -> None:
    facts = extract_facts(read_document(HERE / "national-project-form.txt"))
    assert [(r.name, r.budget, r.actual, r.rate, r.score) for r in facts.funds] == [
        ("年度资金总额", D("180.00"), D("171.00"), D("95.00"), D("9.5")),
        ("财政拨款", D("170.00"), D("162.00"), None, None),
        ("其他资金", D("10.00"), D("9.00"), None, None),
    ]
    top = facts.scored_top()
    assert [n.name for n in top] == [
        "预算执行率",
        "维修养护供水工程",
        "维修工程验收合格率",
        "维修任务完成时限",
        "单处维修平均成本",
        "受益农村人口",
        "工程长效运行机制",
        "受益群众满意度",
    ]
    assert sum(n.max for n in top if n.max) == D(100) and sum(n.score for n in top if n.score) == D("97.5")
    row = facts.indicators[4]
    assert (row.level1, row.level2, row.target, row.actual, row.reason[:4]) == (
        "效益指标",
        "社会效益指标",
        "≥5万人",
        "4.6万人",
        "两处工程",
    )
    assert facts.indicators[1].level1 == "产出指标"  # the merged 一级 cell carried down
    assert facts.total is not None and (facts.total.value, facts.total.max) == (D("97.5"), D(100))


@pytest.mark.parametrize(
    ("old", "new", "code", "line"),
    [
        ("171.00    10    95.00%", "171.00    10    96.00%", "TB001", 6),
        ("150.00    180.00    171.00", "150.00    190.00    171.00", "TB002", 6),
        ("95.00%    9.5", "95.00%    9.8", "TB004", 6),
        ("≥90%    93%    10    10", "≥90%    93%    10    9", "SC002", 19),
        ("总分    100    97.5", "总分    100    96.5", "SC002", 19),
        (
            "4.6万人    15    13    两处工程雨季延期，受益人口未达预期，明年汛前完成",
            "4.6万人    15    13",
            "TB003",
            16,
        ),
    ],
)
def test_national_form_as_text_catches_a_changed_number(old: str, new: str, code: str, line: int) -> None:
    text = (HERE / "national-project-form.txt").read_text(encoding="utf-8")
    assert _codes(text) == []
    assert old in text
    assert (code, line) in _codes(text.replace(old, new))


def test_tab_rows_whose_level1_and_level2_names_are_equal_keep_both_levels() -> None:
    facts = extract_facts(read_document(HERE / "tab-same-names.txt"))
    assert [(n.level, n.name, n.score) for n in facts.nodes()] == [
        (1, "预算编制", None),
        (2, "预算编制", None),
        (3, "预算编制合理性", D(4)),
        (3, "预算编制规范性", D(4)),
        (2, "目标设置", None),
        (3, "绩效目标合理性", D(12)),
        (1, "预算执行", None),
        (2, "资金管理", D(20)),
    ]
    assert _codes((HERE / "tab-same-names.txt").read_text(encoding="utf-8")) == []


def test_pipe_rows_flattened_out_of_line() -> None:
    """An HTML table flattened by lines that do not follow its rows: the header line runs on into
    the first row, a row's name ends the line before its numbers, a row is split over lines."""
    facts = extract_facts(read_document(HERE / "pipes-out-of-line.txt"))
    assert [(r.name, r.budget, r.actual, r.max, r.rate, r.score) for r in facts.funds[:2]] == [
        ("年度资金总额", D("250000.00"), D("240000.00"), D(10), D(96), D("9.6")),
        ("财政拨款", D("250000.00"), D("240000.00"), None, None, None),
    ]
    rows = [(i.level1, i.level2, i.level3, i.target, i.actual, i.max, i.score) for i in facts.indicators]
    assert rows == [
        ("产出指标", "数量指标", "资助学生人数", "≧500人次", "512", D(20), D(20)),
        ("产出指标", "质量指标", "资助资金发放准确率", "≧100%", "100%", D(10), D(6)),
        ("产出指标", "时效指标", "资金发放及时率", "═100%", "95%", D(10), D(9)),
        ("效益指标", "社会效益 指标", "保障学生不因贫失学", "", "有效", D(20), D(20)),
        ("满意度指标", "服务对象满意度指标", "学生满意度", "≧90%", "96%", D(20), D(20)),
        ("满意度指标", "服务对象满意度指标", "家长满意度", "≧90%", "95%", D(10), D(10)),
    ]
    assert facts.total is not None and (facts.total.value, facts.total.max) == (D("94.6"), D(100))
    codes = _codes((HERE / "pipes-out-of-line.txt").read_text(encoding="utf-8"))
    # met its target yet lost 4 points with no reason (TB005); fell short with no reason (TB003)
    assert codes == [("TB005", 9), ("TB003", 10)]
    assert [(g.grade, g.source.line) for g in facts.grades] == [("优", 16)]
    text = (HERE / "pipes-out-of-line.txt").read_text(encoding="utf-8")
    assert ("SC007", 16) in _codes(text.replace("| 94.6 | 优 |", "| 94.6 | 良 |"))


def test_funds_stacked_one_per_line_are_summed_block_by_block() -> None:
    text = (HERE / "stacked-funds.txt").read_text(encoding="utf-8")
    facts = extract_facts(document_from_text(text, "r.txt"))
    assert [(r.name, r.budget, r.source.line) for r in facts.funds][:5] == [
        ("年度预算资金总额", D("860.00"), 3),
        ("中央补助", D("500.00"), 4),
        ("省级资金", D("260.00"), 5),
        ("县级资金(包括结转结余)", D("100.00"), 6),
        ("年度预算资金总额", D("520.00"), 9),
    ]
    assert _codes(text) == [("RD001", None)]
    assert ("TB002", 15) in _codes(text.replace("省级资金 100.00", "省级资金 101.00"))
    assert ("TB002", 3) in _codes(text.replace("资金总额: 860.00", "资金总额: 861.00"))

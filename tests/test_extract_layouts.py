"""Whole reports in other provinces' layouts read into a full score tree: a 湖南-style 部门整体支出
evaluation whose score table stands as tab-separated rows, and a national 项目支出绩效自评表 as text
with runs of spaces (as a PDF text layer or a web page gives it)."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from drafter.check.extract import extract_facts
from drafter.check.run import CheckOptions, check_document
from drafter.findings import Severity
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
        ("当年财政拨款", D("250000.00"), D("240000.00"), None, None, None),
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


def test_funds_stacked_block_by_block_are_summed_across_blocks() -> None:
    """The first block lists the whole (860.00 = 520.00 + 340.00); each of its parts is the sum of
    the same part in the sub-programmes' blocks after its "其中:", part by part."""
    text = (HERE / "stacked-funds.txt").read_text(encoding="utf-8")
    # a sub-programme's 省级资金 one too high: its own block and the 省级 column across blocks
    assert _codes(text.replace("省级资金 160.00", "省级资金 161.00")) == [
        ("RD001", None),
        ("TB002", 5),
        ("TB002", 9),
    ]
    # the whole's 省级资金 one too high: its own block and the column
    assert _codes(text.replace("省级资金 260.00", "省级资金 261.00")) == [
        ("RD001", None),
        ("TB002", 3),
        ("TB002", 5),
    ]
    facts = extract_facts(document_from_text(text, "r.txt"))
    column = [
        (r.name, r.budget, r.source.line)
        for r in facts.funds
        if "省级资金" in r.name and r.name != "省级资金"
    ]
    assert column == [
        ("省级资金（各项合计）", D("260.00"), 5),
        ("农村供水工程维修养护资金·省级资金", D("160.00"), 11),
        ("水质检测能力建设资金·省级资金", D("100.00"), 17),
    ]


def test_blocks_that_do_not_add_up_to_the_whole_are_not_summed_across() -> None:
    """Sub-programmes whose totals miss the whole's (one is cut or left out) say nothing about its
    parts: each block is still summed on its own."""
    text = (HERE / "stacked-funds.txt").read_text(encoding="utf-8")
    cut = text.split("水质检测能力建设资金")[0]
    facts = extract_facts(document_from_text(cut, "r.txt"))
    assert not any("各项合计" in r.name for r in facts.funds)
    assert _codes(cut.replace("省级资金 160.00", "省级资金 161.00")) == [("RD001", None), ("TB002", 9)]


# --- tables with one cell per line (web pages and document previews) ---------------------------

_STACKED = """2024年度项目支出绩效自评表
项目名称

乡镇消防站装备购置

项目资金
(万元)

年初

预算数

全年

预算数

全年

执行数

分值

执行率

得分

年度资金总额

80.00

80.00

72.00

10

90%

9

其中:当年财政拨款

80.00

80.00

72.00

—

一级指标

二级指标

三级指标

年度

指标值

实际

完成值

分值

得分

偏差原因分析及改进措施

产出指标

数量指标

指标1购置消防车辆

≥2辆

2辆

30

30

0

指标2

……

质量指标

指标1装备验收合格率

100%

100%

20

18

一台设备首次验收未通过，已返厂整改。

效益指标

社会效益

指标

指标1火情到场时间

≤15分钟

12分钟

30

30

满意度指标

群众满意度

≥90%

96%

10

10

总分

100

97
"""


def test_a_form_with_one_cell_per_line_is_read_into_rows() -> None:
    facts = extract_facts(document_from_text(_STACKED, "s.txt"))
    (funds, *_rest) = facts.funds
    assert (funds.initial, funds.budget, funds.actual, funds.max, funds.rate, funds.score) == (
        D("80.00"), D("80.00"), D("72.00"), D("10"), D("90"), D("9"),
    )  # fmt: skip
    rows = [(r.level1, r.level2, r.level3, r.target, r.actual, r.max, r.score) for r in facts.indicators]
    assert rows == [
        ("产出指标", "数量指标", "购置消防车辆", "≥2辆", "2辆", D(30), D(30)),
        ("产出指标", "质量指标", "装备验收合格率", "100%", "100%", D(20), D(18)),
        ("效益指标", "社会效益", "火情到场时间", "≤15分钟", "12分钟", D(30), D(30)),
        ("满意度指标", "", "群众满意度", "≥90%", "96%", D(10), D(10)),
    ]
    assert facts.indicators[1].reason.startswith("一台设备首次验收未通过")
    assert facts.total is not None and (facts.total.max, facts.total.value) == (D(100), D(97))
    # each row is numbered as the line of its first cell
    assert facts.indicators[0].source.line == _STACKED.split("\n").index("产出指标") + 1


def test_a_changed_score_in_a_one_cell_per_line_form_is_caught() -> None:
    clean = check_document(document_from_text(_STACKED, "s.txt"), options=CheckOptions(discover_config=False))
    assert [f.code for f in clean if f.severity is not Severity.INFO] == []
    bad = _STACKED.replace("\n18\n", "\n19\n")
    found = check_document(document_from_text(bad, "s.txt"), options=CheckOptions(discover_config=False))
    assert "SC002" in {f.code for f in found}


def test_prose_with_a_lone_score_word_is_no_table() -> None:
    text = "三、自评结论\n得分\n经自评，本项目运行良好。\n绩效自评得分为95分。\n"
    facts = extract_facts(document_from_text(text, "p.txt"))
    assert facts.indicators == () and facts.funds == ()


_NO_MAX = """项目支出绩效自评表
预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分(20分*执行率)
年度财政资金总额 | 150.00 | 135.00 | 90.00% | 18.00
年度绩效目标(80分) | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分
产出指标(60分) | 数量指标 | 培训基层干部 | ≥500人次 | 520人次 | 30
 | 质量指标 | 培训考核合格率 | ≥95% | 97% | 30
效益指标(20分) | 社会效益指标 | 基层治理能力 | 明显提升 | 明显提升 | 20
总分 | 100 | 98
"""


def test_a_form_without_a_max_column_reads_scores_and_group_maxima() -> None:
    facts = extract_facts(document_from_text(_NO_MAX, "y.txt"))
    tops = {n.name: (n.max, n.score) for n in facts.scores}
    assert tops == {"预算执行率": (D(20), D("18.00")), "产出指标": (D(60), None), "效益指标": (D(20), None)}
    assert [(r.level3, r.max, r.score) for r in facts.indicators] == [
        ("培训基层干部", None, D(30)), ("培训考核合格率", None, D(30)), ("基层治理能力", None, D(20)),
    ]  # fmt: skip
    options = CheckOptions(discover_config=False)
    assert [f.code for f in check_document(document_from_text(_NO_MAX, "y.txt"), options=options)] == []
    bad = _NO_MAX.replace("产出指标(60分)", "产出指标(65分)")
    assert "SC004" in {f.code for f in check_document(document_from_text(bad, "y.txt"), options=options)}


_FLAT = (
    "2024年度项目支出绩效自评表 项目名称 农村饮水安全巩固提升 主管部门 县水务局 一级指标 二级指标 三级指标 "
    "年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 产出指标 数量指标 指标1:新建集中供水工程 "
    "≥8处 8处 20 20 指标2:改造供水管网 ≥35公里 31公里 15 13 质量指标 指标1:水质达标率 ≥95% 97% 15 15 "
    "效益指标 指标1:受益人口 ≥2.4万人 2.5万人 20 20 总分 100 93"
)


def test_a_form_flattened_into_one_line_gives_its_scores() -> None:
    facts = extract_facts(document_from_text("附件2\n" + _FLAT + "\n", "f.txt"))
    got = [(r.level3, r.max, r.score, r.source.line) for r in facts.indicators]
    assert got == [
        ("新建集中供水工程", None, D(20), 2),
        ("改造供水管网", None, D(13), 2),
        ("水质达标率", None, D(15), 2),
        ("受益人口", None, D(20), 2),
    ]
    # only the scores: the cells of a flattened form may be lost, so nothing else is checked
    options = CheckOptions(discover_config=False)
    assert [f.code for f in check_document(document_from_text(_FLAT, "f.txt"), options=options)] == []


def test_a_long_sentence_about_scores_is_no_flattened_form() -> None:
    prose = (
        "按照绩效指标体系，本单位对产出指标、效益指标和满意度指标逐项打分，三级指标得分 以实际完成值与年度"
        "指标值的比例计算，其中数量指标 12 项 10 分 8 分，质量指标 4 项 10 分 9 分，时效指标 2 项 5 分 5 分，"
        "成本指标 3 项 5 分 4 分，整体运行平稳有序，各项工作均按计划推进，未发现重大问题。"
    )
    assert extract_facts(document_from_text(prose, "p.txt")).indicators == ()


def test_prose_project_report_reads_results_section_and_listed_sub_items() -> None:
    """A 项目支出 report that scores its indicators only under "四、绩效自评结果" (a 结论-like
    section), each as "（三）产出指标（权重50分，得分47分）" with its sub-items listed after 其中 on
    the same line or on the line below."""
    facts = extract_facts(read_document(HERE / "jiangsu-project-prose.txt"))
    assert [(n.name, n.max, n.score, n.source.line) for n in facts.scores] == [
        ("决策指标", D(10), D(10), 15),
        ("过程指标", D(20), D(18), 16),
        ("产出指标", D(50), D(47), 17),
        ("效益指标", D(20), D("18.5"), 18),
    ]
    output, benefit = facts.scores[2], facts.scores[3]
    assert [(c.name, c.max, c.score) for c in output.children] == [
        ("数量指标", D(15), D(15)),
        ("质量指标", D(15), D(14)),
        ("时效指标", D(10), D(8)),
        ("成本指标", D(10), D(10)),
    ]
    assert "延期完工" in output.children[2].reason and output.children[1].reason
    assert [(c.name, c.source.line) for c in benefit.children] == [
        ("社会效益指标", 19),
        ("可持续影响指标", 19),
        ("满意度指标", 19),
    ]
    assert facts.total is not None and (facts.total.value, facts.total.source.line) == (D("93.5"), 20)


def test_prose_project_report_checks_clean_and_catches_changes() -> None:
    text = (HERE / "jiangsu-project-prose.txt").read_text(encoding="utf-8")
    assert _codes(text) == []
    assert ("SC001", 17) in _codes(text.replace("自评8分，因春晖", "自评9分，因春晖"))
    assert ("SC001", 18) in _codes(text.replace("自评3.5分", "自评4.5分"))
    assert ("SC002", 20) in _codes(text.replace("（权重20分，得分18分）", "（权重20分，得分19分）"))
    assert ("SC002", 20) in _codes(text.replace("综合自评得分93.5分", "综合自评得分92.5分"))


def test_listed_scores_that_do_not_add_up_to_the_heading_are_no_sub_items() -> None:
    """Only maxima that add up to the heading's own make a list of sub-items: other scores in
    its body stay mentions (SC006 weighs them), never a tree of their own."""
    text = (HERE / "jiangsu-project-prose.txt").read_text(encoding="utf-8")
    facts = extract_facts(
        document_from_text(text.replace("可持续影响指标（分值5分）", "可持续影响指标（分值6分）"), "r.txt")
    )
    benefit = facts.scores[3]
    assert benefit.children == () and len(benefit.mentions) == 3


def test_results_section_scores_stay_totals_beside_an_analysis_tree() -> None:
    """When the analysis already scores the indicators, a 结论 section that restates them
    makes no second tree (the restatements are compared with the tree instead)."""
    text = (
        "三、绩效分析\n（一）决策指标（权重40分，得分38分）。立项规范，目标设置偏宽，扣2分。\n"
        "（二）产出指标（权重60分，得分57分）。质量验收一次未通过，扣3分。\n"
        "四、绩效自评结果\n（一）决策指标（权重40分，得分38分）。\n（二）产出指标（权重60分，得分57分）。\n"
        "综合自评得分95分。\n"
    )
    facts = extract_facts(document_from_text(text, "r.txt"))
    assert [(n.name, n.source.line) for n in facts.scores] == [("决策指标", 2), ("产出指标", 3)]
    assert facts.total is not None and facts.total.value == D(95)
    assert _codes(text) == []

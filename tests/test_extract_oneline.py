"""自评表 forms flattened into one line with their cells out of order (web pages, PDF text layers,
document previews): the funds block read from its header words and value runs, and the group
maxima of a provincial form."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from drafter.check.extract import extract_facts
from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text

HERE = Path(__file__).resolve().parent / "fixtures" / "extract"
NATIONAL = (HERE / "oneline-national-funds.txt").read_text(encoding="utf-8")
PROVINCIAL = (HERE / "oneline-provincial-form.txt").read_text(encoding="utf-8")


def _codes(text: str) -> list[tuple[str, int | None]]:
    doc = document_from_text(text, "r.txt")
    return [(f.code, f.line) for f in check_document(doc, options=CheckOptions(discover_config=False))]


def _funds(text: str) -> list[tuple]:
    facts = extract_facts(document_from_text(text, "r.txt"))
    return [
        (r.name, r.initial, r.budget, r.actual, r.max, r.rate, r.score, r.source.line) for r in facts.funds
    ]


def test_national_funds_block_with_its_score_column_printed_after_the_rows() -> None:
    # "年初预算数 全年预算数 全年执行数 分值 执行率(…)" then the rows, the header's 得分 after them
    assert _funds(NATIONAL) == [
        ("年度资金总额", D("360.00"), D("386.50"), D("348.20"), D(10), D("90.09"), D(9), 2),
        ("当年财政拨款", D("360.00"), D("376.50"), D("340.70"), None, None, None, 2),
        ("上年结转资金", D("0.00"), D("10.00"), D("7.50"), None, None, None, 2),
    ]
    facts = extract_facts(document_from_text(NATIONAL, "r.txt"))
    assert [(n.name, n.max, n.score) for n in facts.scores] == [("预算执行率", D(10), D(9))]
    assert _codes(NATIONAL) == []


def test_national_funds_block_in_table_order_reads_the_same() -> None:
    in_order = NATIONAL.replace("预算数) 年度资金总额", "预算数) 得分 年度资金总额").replace(
        "— 得分 其他", "— 其他"
    )
    assert _funds(in_order) == _funds(NATIONAL)


def test_a_changed_number_of_the_one_line_funds_block_is_caught() -> None:
    assert ("TB001", 2) in _codes(NATIONAL.replace("348.20万元", "358.20万元"))
    assert ("TB004", 2) in _codes(NATIONAL.replace("90.09% 9", "90.09% 10"))
    assert _codes(NATIONAL.replace("376.50万元", "377.50万元")) == [("TB002", 2)]
    assert _codes(NATIONAL.replace("360.00万元 386.50", "361.00万元 386.50")) == [("TB002", 2)]


def test_a_run_that_does_not_fit_the_columns_is_not_read() -> None:
    # a rate where an amount stands: the cells are out of any order the header allows
    garbled = NATIONAL.replace(
        "360.00万元 386.50万元 348.20万元 10 90.09% 9", "90.09% 386.50万元 348.20万元 10 9 360.00万元"
    )
    assert [r[0] for r in _funds(garbled)] == []
    assert [c for c, _ in _codes(garbled)] == ["RD001"]


def test_provincial_form_name_before_header_and_group_maxima() -> None:
    facts = extract_facts(document_from_text(PROVINCIAL, "r.txt"))
    assert [(r.name, r.budget, r.actual, r.rate, r.score) for r in facts.funds] == [
        ("年度财政资金总额", D("120.00"), D("114.00"), D(95), D(19))
    ]
    tops = {n.name: n for n in facts.scores}
    assert (tops["预算执行率"].max, tops["预算执行率"].score) == (D(20), D(19))
    goal = tops["年度绩效目标"]
    assert (goal.max, [(c.name, c.max) for c in goal.children]) == (
        D(80),
        [("产出指标", D(50)), ("效益指标", D(20)), ("满意度指标", D(10))],
    )
    assert _codes(PROVINCIAL) == []


def test_group_maxima_that_do_not_add_up_are_caught() -> None:
    assert _codes(PROVINCIAL.replace("产出指标 (50 分)", "产出指标 (60 分)")) == [("SC004", 2)]
    assert _codes(PROVINCIAL.replace("目标 (80 分)", "目标 (70 分)")) == [("SC004", 2)]


def test_group_maxima_are_read_only_from_a_whole_form() -> None:
    def goal(text: str) -> list[str]:
        return [
            n.name
            for n in extract_facts(document_from_text(text, "r.txt")).scores
            if n.name == "年度绩效目标"
        ]

    # cut before its 总分: some groups may be missing
    assert goal(PROVINCIAL.replace(" 总分 ", " ")) == []
    # a group named without its maximum: the groups cannot be added up
    assert goal(PROVINCIAL.replace("效益指标 (20 分)", "效益指标")) == []
    bad = PROVINCIAL.replace("效益指标 (20 分)", "效益指标").replace("产出指标 (50 分)", "产出指标 (60 分)")
    assert [c for c, _ in _codes(bad)] == []


FORM = (HERE / "oneline-national-form.txt").read_text(encoding="utf-8")


def test_a_whole_one_line_form_gives_its_total() -> None:
    """The funds 分值 10 and the rows' 分值 20 + 15 + 15 + 10 + 20 + 10 add up to the 总分's 100:
    no row was lost, so the stated total is checked against the scores."""
    facts = extract_facts(document_from_text(FORM, "r.txt"))
    assert facts.total is not None and (facts.total.value, facts.total.max) == (D("97.5"), D(100))
    assert sum(n.score for n in facts.scored_top()) == D("97.5")
    assert _codes(FORM) == []
    assert _codes(FORM.replace("31公里 15 13", "31公里 15 14")) == [("SC002", 2)]
    assert _codes(FORM.replace("总分 100 97.5", "总分 100 98.5")) == [("SC002", 2)]


def test_a_one_line_form_with_a_row_lost_gives_no_total() -> None:
    """A row whose cells did not read (its 分值 missing from the sum) leaves the total unread: the
    scores read are not the whole, and a sum of part of them proves nothing."""
    lost = FORM.replace("指标2:改造供水管网 ≥35公里 31公里 15 13 ", "指标2:改造供水管网 ≥35公里 31公里 ")
    facts = extract_facts(document_from_text(lost, "r.txt"))
    assert facts.total is None and len(facts.indicators) == 5
    assert _codes(lost) == []
    # nor when the funds block did not read (its 分值 unknown)
    garbled = FORM.replace("500.00 520.00 494.00 10 95% 9.5", "95% 500.00 520.00 9.5 494.00 10")
    assert extract_facts(document_from_text(garbled, "r.txt")).total is None


def test_a_sub_row_with_its_amounts_only_is_read() -> None:
    """ "其中:本年财政拨款 90 89.974 89.974" gives the amounts and leaves 分值/执行率/得分 empty: the
    sub-row is read, so a total row that is not the sum of its sub-rows is caught."""
    amounts_only = NATIONAL.replace("340.70万元 — — —", "340.70万元").replace("7.50万元 — — —", "7.50万元")
    assert _funds(amounts_only) == _funds(NATIONAL)
    assert (
        _codes(amounts_only.replace("348.20万元 10", "0万元 10").replace("386.50万元 0万元", "0万元 0万元"))
        != []
    )


VALUES_FIRST = (HERE / "oneline-values-first.txt").read_text(encoding="utf-8")


def _rows(text: str) -> list[tuple[str, D | None]]:
    facts = extract_facts(document_from_text(text, "r.txt"))
    return [(n.name, n.score) for n in facts.scores]


def test_values_before_their_names_pair_by_order() -> None:
    """An .xlsx preview: the values of the 成本/效益/满意度 rows and of the 总分 come before their
    numbered names; six value groups and six "指标1:" names pair in order, a wrapped name joined."""
    assert _rows(VALUES_FIRST) == [
        ("预算执行率", D("9.5")),
        ("补贴发放面积", D(19)),
        ("补贴资金发放准确率", D(10)),
        ("补贴发放及时率", D(10)),
        ("每亩补贴标准", D(10)),
        ("种粮农民收入保障程度", D(30)),
        ("种粮农户满意度", D(9)),
    ]
    facts = extract_facts(document_from_text(VALUES_FIRST, "r.txt"))
    assert facts.total is not None and (facts.total.value, facts.total.max) == (D("97.5"), D(100))
    assert _codes(VALUES_FIRST) == []


def test_a_total_one_off_the_values_first_rows_is_caught() -> None:
    assert _codes(VALUES_FIRST.replace("10 9 100 97.5", "10 9 100 98.5")) == [("SC002", 2)]
    assert _codes(VALUES_FIRST.replace("90% 92% 30 30", "90% 92% 30 29")) == [("SC002", 2)]


def test_the_funds_rows_named_before_one_run_of_values() -> None:
    """ "年度资金总额 其中:当年财政拨款 … 得分 320.00 304.00 10 95% 9.5 320.00 304.00 — 95% —": two
    names, then one run of two rows' values in the same order."""
    assert _funds(VALUES_FIRST) == [
        ("年度资金总额", None, D("320.00"), D("304.00"), D(10), D(95), D("9.5"), 2),
        ("当年财政拨款", None, D("320.00"), D("304.00"), None, D(95), None, 2),
    ]
    # a third name before the run: which rows the values are is not certain
    three = VALUES_FIRST.replace("其中:当年财政拨款 实施单位", "其中:当年财政拨款 其他资金 实施单位")
    assert _funds(three) == []


def test_values_first_rows_are_not_paired_when_the_order_is_not_certain() -> None:
    # a name lost (five names for six value groups): no row is paired, no total read
    lost = VALUES_FIRST.replace("指标1:每亩补贴标准", "每亩补贴标准")
    facts = extract_facts(document_from_text(lost, "r.txt"))
    assert facts.total is None
    assert "种粮农户满意度" not in [n.name for n in facts.scores]
    assert _codes(lost) == []
    # a number in a 偏差原因 (a run of one value): the groups cannot be told apart
    stray = VALUES_FIRST.replace("部分耕地改变用途", "部分耕地 2 处改变用途")
    assert extract_facts(document_from_text(stray, "r.txt")).total is None
    assert _codes(stray) == []


def test_names_before_values_read_the_same_by_order() -> None:
    """The whole national form in table order is read the same whether by order or by position."""
    assert _rows(FORM)[1:] == [
        ("新建集中供水工程", D(20)),
        ("改造供水管网", D(13)),
        ("水质达标率", D(15)),
        ("工程完工及时率", D(10)),
        ("受益人口", D(20)),
        ("群众满意度", D(10)),
    ]


UNNAMED = (HERE / "oneline-unnamed-rows.txt").read_text(encoding="utf-8")


def test_unnamed_rows_give_their_total_when_both_sums_close() -> None:
    """Unnumbered names split around the values ("更新健身 … 器材数量"), cells such as "合格 合格":
    the rows' 分值 20 + 20 + 10 + 30 + 10 and the funds "10 9.5" make the 总分's "100 97.5", and
    their 得分 make 97.5, so the total is read; the rows are not paired with names by guess."""
    facts = extract_facts(document_from_text(UNNAMED, "r.txt"))
    assert facts.total is not None and (facts.total.value, facts.total.max) == (D("97.5"), D(100))
    assert not facts.scores
    assert _codes(UNNAMED) == [("RD002", 2)]


def test_unnamed_rows_give_no_total_when_a_sum_does_not_close() -> None:
    for old, new in (
        ("100 97.5", "100 98.5"),  # the scores do not make the total
        ("10 9.5 480000.00", "10 9 480000.00"),  # nor with the funds row's 得分
        ("10 10 100 97.5", "10 10 5 100 97.5"),  # a cell more: the run does not split
        ("≥85% 88% 30 28", "≥85% 88% 30"),  # a cell less
        ("456000.0 — 上年", "456000.0 10 9.5 上年"),  # two funds pairs: which is the row's is not certain
    ):
        changed = UNNAMED.replace(old, new)
        assert changed != UNNAMED
        assert extract_facts(document_from_text(changed, "r.txt")).total is None, new

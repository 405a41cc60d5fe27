"""Claims and figure labels in phrasings beyond the sample's."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from drafter.check.extract import extract_facts
from drafter.check.facts import CheckContext
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
        # a threshold in a table row ("完成…的比例 >= 99 %") is a target, not how far the work got
        ("按时完成审核的比例 >= 98 %", []),
        ("按时完成审核的比例≥98%", []),
        ("工程完成进度80%。", [("unfinished", "80%")]),
        # a 完成率 below 100% is work left undone; a spending 完成率, an aim or an approximate
        # rate ("约", "超过") is not weighed
        ("项目完成率85%。", [("unfinished", "85%")]),
        ("年度任务完成率为96%。", [("unfinished", "96%")]),
        ("预算支出完成率为85%。", []),
        ("项目完成率达到95%以上。", []),
        ("项目完成率约85%。", []),
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
    ("text", "line"),
    [
        ("三、存在的问题\n无。", 2),
        ("（三）存在问题及原因分析\n暂无。", 2),
        ("存在的主要问题：\n未发现问题。", 2),
        ("五、存在的问题和改进措施\n没有", 2),
    ],
)
def test_no_problem_on_the_line_after_its_heading(text: str, line: int) -> None:
    (c,) = _facts(text).claims_of("no_problem")
    assert c.source.line == line


@pytest.mark.parametrize(
    "text",
    [
        "三、存在的问题\n部分资金拨付滞后。\n无。",  # the answer is not the line right after
        "三、工作成效\n无。",  # a heading that does not ask for problems
        "三、存在的问题\n无明显进展的项目有两个。",  # 无 opens a sentence, not the answer
    ],
)
def test_no_problem_needs_the_heading_right_before(text: str) -> None:
    assert _facts(text).claims_of("no_problem") == ()


def test_claims_know_their_sentence_within_the_line() -> None:
    facts = _facts("本年度各项任务均已如期完成。监测站建设完成进度75%，暂未验收！另一项目已完工，尚未验收。")
    got = [(c.kind, c.text, c.sentence) for c in facts.claims if c.kind in ("complete", "unfinished")]
    assert ("complete", "各项任务均已如期完成", 0) in got
    assert ("unfinished", "暂未验收", 1) in got and ("unfinished", "75%", 1) in got
    assert ("unfinished", "尚未验收", 2) in got


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        (
            "三公经费预算总额13.00万元，实际支出6.20万元。",
            [("sangong.budget", "13.00"), ("sangong.actual", "6.20")],
        ),
        (
            "政府采购预算数420.00万元，实际采购396.80万元。",
            [("procurement.plan", "420.00"), ("procurement.actual", "396.80")],
        ),
        (
            "全年实际支出3,215.36万元，调整预算3420.80万元。",
            [("spend.actual", "3215.36"), ("budget.adjusted", "3420.80")],
        ),
        ("本年度项目支出预算2500万元。", []),
        ("在编人员二十人，其中行政编十五人。", [("staff.total", "20"), ("staff.行政编", "15")]),
        ("实有人员18人，另有退休人员5人。", []),
    ],
)
def test_figure_labels(text: str, figures: list[tuple[str, str]]) -> None:
    named = [(f.key, f.value) for f in _facts(text).figures if f.key != "amount"]  # amounts of no kind
    assert named == [(k, D(v)) for k, v in figures]


def test_rate_claim_and_progress() -> None:
    facts = _facts("固定资产利用率为97.37%。阳辉路完成给排水工程50%、道路路基工程60%的施工。")
    assert [(c.subject, c.value) for c in facts.claims_of("rate")] == [("assets", D("97.37"))]
    assert [(c.subject, c.value) for c in facts.claims_of("unfinished")] == [
        ("阳辉路完成给排水工程", D(50)),
        ("道路路基工程", D(60)),
    ]


# CL001 on denied comparisons and on the budget a claim names -------------------------------------


def _cl001(text: str) -> list[str]:
    from drafter.check.rules.claims import comparison_contradicted

    facts = _facts(text)
    return [f.message for f in comparison_contradicted.RULE.run(facts, CheckContext())]


_SANGONG_LOW = "三公经费预算总额13.00万，实际支出总额6.20万。\n"
_SANGONG_HIGH = "三公经费预算总额13.00万，实际支出总额14.20万。\n"


@pytest.mark.parametrize(
    ("word", "op"),
    [
        ("未超出", "<="), ("没有超出", "<="), ("不超出", "<="), ("不超过", "<="), ("未超过", "<="),
        ("没有超过", "<="), ("没超过", "<="), ("未能超过", "<="), ("不大于", "<="), ("不高于", "<="),
        ("不多于", "<="), ("不低于", ">="), ("不少于", ">="), ("未低于", ">="), ("不小于", ">="),
        ("未超", "<="), ("没有超", "<="), ("超", ">"), ("未突破", "<="), ("没有突破", "<="),
        ("突破", ">"),
    ],
)  # fmt: skip
def test_denied_comparison_is_read_as_its_opposite_relation(word: str, op: str) -> None:
    (c,) = _facts(f"三公经费实际支出{word}预算。").claims_of("compare")
    assert (c.left, c.op, c.right) == ("sangong.actual", op, "sangong.budget")


@pytest.mark.parametrize(
    "word",
    ["未超出", "没有超出", "不超出", "不超过", "没超过", "不大于", "不高于", "不多于", "未超", "未突破"],
)
def test_denied_greater_holds_when_spending_is_below_budget(word: str) -> None:
    claim = f"三公经费实际支出{word}预算"
    assert _cl001(_SANGONG_LOW + claim + "。") == []
    (msg,) = _cl001(_SANGONG_HIGH + claim + "。")
    assert msg == "文中称三公经费实际支出小于等于三公经费预算，但所列数字为 14.20万元 大于 13.00万元"


@pytest.mark.parametrize("word", ["不低于", "不少于", "未低于", "不小于"])
def test_denied_less_holds_when_spending_is_above_budget(word: str) -> None:
    claim = f"三公经费实际支出{word}预算"
    assert _cl001(_SANGONG_HIGH + claim + "。") == []
    (msg,) = _cl001(_SANGONG_LOW + claim + "。")
    assert msg == "文中称三公经费实际支出大于等于三公经费预算，但所列数字为 6.20万元 小于 13.00万元"


@pytest.mark.parametrize("text", ["超额完成年度目标。", "超常规推进项目建设。", "超支部分已收回。"])
def test_bare_chao_compares_only_before_a_budget(text: str) -> None:
    """“超” alone is a comparison only as “超预算/超调整预算”; 超额、超常规 are other words."""
    assert _facts(text).claims_of("compare") == ()


@pytest.mark.parametrize("tail", ["控制在预算以内", "控制在预算范围内", "控制在年初预算之内"])
def test_kept_within_the_budget_is_a_claim_of_at_most(tail: str) -> None:
    assert _cl001(_SANGONG_LOW + f"三公经费实际支出{tail}。") == []
    (msg,) = _cl001(_SANGONG_HIGH + f"三公经费实际支出{tail}。")
    assert msg.startswith("文中称三公经费实际支出小于等于三公经费预算")


@pytest.mark.parametrize("text", ["本年改革取得突破。", "重点突破难点问题。", "控制在合理水平。"])
def test_tupo_and_kongzhi_compare_only_with_a_budget(text: str) -> None:
    assert _facts(text).claims_of("compare") == ()


def test_reviewer_repro_denial_is_silent() -> None:
    assert _cl001("三公经费预算总额13.00万，实际支出总额6.20万。\n三公经费实际支出未超出预算") == []


def test_not_equal_states_no_relation() -> None:
    assert _facts("三公经费实际支出不等于预算。").claims_of("compare") == ()


_SPEND = "年初预算数总额408.14万，预算调整总额3115.48万，实际支出总额3115.27万。\n"


@pytest.mark.parametrize(
    ("claim", "right", "fires"),
    [
        ("实际支出总额超过年初预算数", "budget.initial", False),
        ("实际支出总额未超过年初预算", "budget.initial", True),
        ("实际支出总额超过调整预算", "budget.adjusted", True),
        ("实际支出总额超过全年预算", "budget.adjusted", True),
        ("实际支出总额未超过调整后预算", "budget.adjusted", False),
        ("实际支出总额超过预算", "budget.adjusted", True),  # a bare 预算 is the adjusted budget
        ("实际支出总额未超出预算", "budget.adjusted", False),
    ],
)
def test_spending_is_compared_with_the_budget_the_claim_names(claim: str, right: str, fires: bool) -> None:
    (c,) = _facts(_SPEND + claim + "。").claims_of("compare")
    assert (c.left, c.right) == ("spend.actual", right)
    messages = _cl001(_SPEND + claim + "。")
    assert bool(messages) is fires
    if fires:
        want = "408.14" if right == "budget.initial" else "3115.48"
        assert want in messages[0]


def _cl002(text: str) -> list[int | None]:
    from drafter.check.run import CheckOptions, check_document
    from drafter.read import document_from_text

    doc = document_from_text(text, "r.txt")
    return [
        f.line for f in check_document(doc, options=CheckOptions(discover_config=False)) if f.code == "CL002"
    ]


_TABLE = (
    "一、自评得分\n"
    "一级指标\t二级指标\t分值\t得分\t偏差原因（未完成原因）\n"
    "产出\t产出数量\t20\t18\t2个监测站点未建成\n"
    "效益\t社会效益\t80\t80\t\n"
    "合计\t\t100\t98\t\n"
    "二、结论\n"
    "所有监测站点均已按期建成投运。\n"
)


def test_unfinished_work_in_a_table_cell_contradicts_a_sweeping_claim() -> None:
    assert _cl002(_TABLE) == [7]


def test_a_header_naming_the_reason_column_is_no_unfinished_work() -> None:
    clean = _TABLE.replace("2个监测站点未建成", "1个监测站点招标推迟，扣2分")
    assert _cl002(clean.replace("所有监测站点均已按期建成投运", "所有监测站点均已建成投运")) == []


def test_an_indicator_named_by_its_rate_claims_nothing() -> None:
    text = _TABLE.replace("2个监测站点未建成", "项目未完成率低于5%，扣2分")
    assert _cl002(text) == []

"""Properties of the checker on score tables written as text rows (hypothesis):

1. a 湖南-style 部门整体支出 evaluation whose score table stands as rows (tabs, runs of spaces or
   pipes; merged cells left empty) and a national 项目支出绩效自评表 as text, both generated
   consistent, check clean;
2. change any single number of them (a score, a maximum, an amount, a rate, a total) and the
   checker reports an error or a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.check.run import CheckOptions, check_document
from drafter.findings import Severity
from drafter.read import document_from_text

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEPARATORS = st.sampled_from(["\t", "    ", " | "])
CENT = Decimal("0.01")

#: the 湖南 部门整体支出 indicator frame: 一级 → 二级 → 三级 names
HUNAN = (
    ("投入", (("目标设定", ("绩效目标合理性", "绩效指标明确性")), ("预算配置", ("在职人员控制率", "重点支出安排率")))),
    ("过程", (("预算执行", ("预算完成率", "预算调整率", "结转结余率")), ("预算管理", ("管理制度健全性", "资金使用合规性")))),
    ("产出", (("职责履行", ("实际完成率", "完成及时率", "质量达标率")),)),
    ("效果", (("履职效益", ("社会效益", "服务对象满意度")),)),
)  # fmt: skip


@dataclass
class Cell:
    """A number in the generated text: where it is (line, nth number cell of that line)."""

    line: int
    value: str


def serious(text: str) -> list[tuple[str, int | None]]:
    doc = document_from_text(text, "r.txt")
    findings = check_document(doc, options=CheckOptions(discover_config=False))
    return [(f.code, f.line) for f in findings if f.severity is not Severity.INFO]


@st.composite
def hunan_report(draw: st.DrawFn) -> tuple[str, list[int]]:
    """The report text and the 0-based line numbers that hold numbers (table rows, the total)."""
    sep = draw(SEPARATORS)
    rows: list[list[str]] = [["一级指标", "二级指标", "三级指标", "分值", "得分", "扣分原因"]]
    total_max = total = 0
    # fourteen leaves whose maxima add up to the full mark of 100, in any order
    weights = iter(draw(st.permutations([8] * 8 + [6] * 6)))
    for l1, groups in HUNAN:
        leaves = [(l2, l3) for l2, names in groups for l3 in names]
        maxima = [next(weights) for _ in leaves]
        l1_max = sum(maxima)
        first1 = True
        last2 = ""
        for (l2, l3), mx in zip(leaves, maxima, strict=True):
            lost = draw(st.sampled_from([0, 0, 0, 1]))
            sc = mx - lost
            total_max += mx
            total += sc
            rows.append(
                [
                    f"{l1}（{l1_max}分）" if first1 else "",
                    l2 if l2 != last2 else "",
                    l3,
                    str(mx),
                    str(sc),
                    "相关工作滞后，按标准扣分" if lost else "",
                ]
            )
            first1, last2 = False, l2
    rows.append(["合计", "", "", str(total_max), str(total), ""])
    head = [
        "某县某局2023年度部门整体支出绩效评价报告",
        "一、部门（单位）基本情况",
        "本局负责全县相关业务管理工作。",
        "二、部门整体支出绩效情况",
        "按照部门整体支出绩效评价指标体系，自评情况如下：",
    ]
    table = [sep.join(r).rstrip(" |\t") if sep != "\t" else "\t".join(r) for r in rows]
    tail = ["三、绩效评价结论", f"经评价，本局部门整体支出绩效评价综合评分为{total}分。"]
    lines = head + table + tail
    numbered = [i for i, line in enumerate(lines) if any(ch.isdigit() for ch in line) and i >= len(head)]
    return "\n".join(lines) + "\n", numbered


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(CENT, rounding=ROUND_HALF_UP)


@st.composite
def national_form(draw: st.DrawFn) -> tuple[str, list[int]]:
    sep = draw(SEPARATORS)
    # amounts in 万元 with two places, as finance tables write them
    money = st.integers(1000, 90000).map(lambda c: (Decimal(c) / 100).quantize(CENT))
    own = draw(money)
    other = draw(st.integers(0, 5000).map(lambda c: (Decimal(c) / 100).quantize(CENT)))
    own_spent = (own * Decimal(draw(st.integers(80, 100))) / 100).quantize(CENT)
    other_spent = (other * Decimal(draw(st.integers(80, 100))) / 100).quantize(CENT)
    budget, actual = own + other, own_spent + other_spent
    rate = _percent(actual, budget)
    funds_score = min(rate / 100 * 10, Decimal(10)).quantize(CENT, rounding=ROUND_HALF_UP)
    rows = [
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", str(own), str(budget), str(actual), "10", f"{rate}%", str(funds_score)],
        ["其中：财政拨款", str(own), str(own), str(own_spent), "—", "—", "—"],
        ["其他资金", "0.00", str(other), str(other_spent), "—", "—", "—"],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
    ]
    indicators = (
        ("产出指标", "数量指标", "维修养护工程"),
        ("产出指标", "质量指标", "验收合格率"),
        ("产出指标", "时效指标", "完成时限"),
        ("效益指标", "社会效益指标", "受益人口"),
        ("效益指标", "可持续影响指标", "长效运行机制"),
        ("满意度指标", "服务对象满意度指标", "群众满意度"),
    )
    weights = [20, 20, 10, 15, 15, 10]
    total = funds_score
    last1 = ""
    for (l1, l2, l3), mx in zip(indicators, weights, strict=True):
        lost = draw(st.sampled_from([0, 0, 1, 2]))
        total += mx - lost
        rows.append(
            [
                l1 if l1 != last1 else "",
                l2,
                l3,
                "≥30处" if lost else "达标",
                "28处" if lost else "达标",
                str(mx),
                str(mx - lost),
                "部分工程延期，次年一季度完成" if lost else "",
            ]
        )
        last1 = l1
    rows.append(["总分", "100", format(total.normalize(), "f")])
    lines = ["项目支出绩效自评表", "（2023年度）", "项目名称" + sep + "农村供水工程维修养护"]
    start = len(lines)
    lines += [sep.join(r).rstrip(" |\t") if sep != "\t" else "\t".join(r).rstrip("\t") for r in rows]
    numbered = [i for i in range(start, len(lines)) if i not in (start, start + 4)]
    return "\n".join(lines) + "\n", numbered


_NUMBER_CELL = r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])"


def _change_one(text: str, numbered: list[int], data: st.DataObject) -> tuple[str, int]:
    """Change one number on one of the ``numbered`` lines; return the text and its 1-based line."""
    import re

    lines = text.split("\n")
    i = data.draw(st.sampled_from(numbered))
    # scores, maxima, amounts, rates and totals; not the target and actual values of an
    # indicator row ("≥30处", "28处"), whose change keeps a shortfall a shortfall
    spots = [
        m for m in re.finditer(_NUMBER_CELL, lines[i]) if lines[i][m.end() : m.end() + 1] not in ("处", "年")
    ]
    m = data.draw(st.sampled_from(spots))
    old = Decimal(m.group())
    delta = data.draw(st.sampled_from([Decimal(1), Decimal(-1), Decimal(2), Decimal("0.5")]))
    new = old + delta if old + delta >= 0 else old + 1
    lines[i] = lines[i][: m.start()] + str(new) + lines[i][m.end() :]
    return "\n".join(lines), i + 1


@SETTINGS
@given(hunan_report())
def test_hunan_table_report_checks_clean(report: tuple[str, list[int]]) -> None:
    assert serious(report[0]) == []


@SETTINGS
@given(hunan_report(), st.data())
def test_a_changed_number_in_the_hunan_table_is_caught(
    report: tuple[str, list[int]], data: st.DataObject
) -> None:
    bad, line = _change_one(*report, data)
    assert serious(bad) != [], f"line {line} changed:\n{bad}"


@SETTINGS
@given(national_form())
def test_national_form_as_text_checks_clean(form: tuple[str, list[int]]) -> None:
    assert serious(form[0]) == []


@SETTINGS
@given(national_form(), st.data())
def test_a_changed_number_in_the_national_form_is_caught(
    form: tuple[str, list[int]], data: st.DataObject
) -> None:
    bad, line = _change_one(*form, data)
    assert serious(bad) != [], f"line {line} changed:\n{bad}"

"""Properties of the checker on 自评表 forms flattened into one line, cells out of order (hypothesis):

1. the funds block of the national form (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分),
   with its 得分 header word in place or printed after the rows, and the provincial block (预算数(A)
   / 执行数(B) / 执行率 / 得分, the block's "(20分)" in its title, the row's name before the header),
   with the provincial form's group maxima — all generated consistent — check clean and are read;
2. change any single number of the funds block or of a group's maximum and the checker reports an
   error or a warning;
3. the whole national form in one line (funds block, indicator rows with 分值 and 得分, "总分 100 S"),
   in table order or with the values of its last rows and of the 总分 before their numbered names (an
   .xlsx preview's order): read with its total, clean, and a changed 得分 or total is caught. (A changed 分值 is not: the
   maxima then miss the 100, which a lost row would do too, so the total is not read.)
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from drafter.check.extract import extract_facts
from drafter.read import document_from_text
from tests.test_check_properties_tables import SETTINGS, serious

CENT = Decimal("0.01")
_MONEY = st.integers(1000, 90000).map(lambda c: (Decimal(c) / 100).quantize(CENT))
_LEAD = (
    "附件1 项目支出绩效自评表 ( 2023 年度) 项目名称 农村供水工程维修养护 主管部门 县水利局 实施单位 县水利局 "
)
_TAIL = " 年度总体目标 预期目标 实际完成情况 完成全县农村供水工程维修养护任务,保障群众饮水安全"
#: the numbers of a funds run or a group's maximum: "386.50万元", "90.09%", "10", "(50 分)"
_VALUE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?=万元|%| |$| 分\))")


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(CENT, rounding=ROUND_HALF_UP)


@st.composite
def national_funds(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A one-line national form's funds block, and the spans of the numbers that may change."""
    own, other = draw(_MONEY), draw(st.integers(0, 5000).map(lambda c: (Decimal(c) / 100).quantize(CENT)))
    own_spent = (own * Decimal(draw(st.integers(80, 100))) / 100).quantize(CENT)
    other_spent = (other * Decimal(draw(st.integers(80, 100))) / 100).quantize(CENT)
    budget, actual = own + other, own_spent + other_spent
    rate = _percent(actual, budget)
    score = min(rate / 100 * 10, Decimal(10)).quantize(CENT, rounding=ROUND_HALF_UP)
    unit = draw(st.sampled_from(["", "万元"]))
    late_score = draw(st.booleans())  # the header's 得分 printed after the rows (a text layer's order)
    header = "年初预算数 全年预算数 全年执行数 分值 执行率(全年 执行数/全年 预算数)" + (
        "" if late_score else " 得分"
    )
    rows = [
        ("年度资金总额:", own, budget, actual, "10", f"{rate}%", format(score.normalize(), "f")),
        ("其中:当年财政 拨款", own, own, own_spent, "—", "—", "—"),
        ("其他资金", Decimal("0.00"), other, other_spent, "—", "—", "—"),
    ]
    parts = [_LEAD + "项目资金(万元) " + header]
    for name, *values in rows:
        cells = [f"{v}{unit}" if isinstance(v, Decimal) else v for v in values]
        parts.append(name + " " + " ".join(cells))
    if late_score:
        parts.append("得分")
    line = " ".join(parts) + _TAIL
    start = len(_LEAD) + len("项目资金(万元) ") + len(header)
    spans = [
        m.span(1) for m in _VALUE.finditer(line) if m.start() > start and m.end() < len(line) - len(_TAIL)
    ]
    return "项目支出绩效自评表\n" + line + "\n", [(1, a) for a, _b in spans]


@st.composite
def provincial_form(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A one-line provincial form: the funds block (its name before the header) and the group
    maxima (年度绩效目标 80 = 产出 + 效益 + 满意度), and the spans of the numbers that may change."""
    budget = draw(_MONEY)
    spent = (budget * Decimal(draw(st.integers(60, 100))) / 100).quantize(CENT)
    rate = _percent(spent, budget)
    score = (rate / 100 * 20).quantize(CENT, rounding=ROUND_HALF_UP)
    output = draw(st.integers(30, 60))
    effect = draw(st.integers(10, 70 - output))
    satisfaction = 80 - output - effect
    funds = f"{budget} {spent} {rate}% {format(score.normalize(), 'f')}"
    line = (
        "2023 年项目自评表 单位名称:县文化馆 项目名称 乡村文化活动经费 主管部门 县文化和旅游局 预算执行 "
        "情况(万元) (20 分) 一级指标 年度财政 资金总额 项目实施单位 县文化馆 □ 预算数 (A) 执行数(B) "
        f"执行率(B/A) 得分 (20 分*执行率) {funds} 三级指标 年初目标值 (A) 实际完成值 (B) 得分 "
        f"二级指标 数量指标 年度 绩效 目标 (80 分) 产出指标 ({output} 分) 时效指标 效益指标 ({effect} 分) "
        f"满意度指标 ({satisfaction} 分) 总分 质量指标 偏差大或 目标未完成 原因分析 改进措施及 结果应用方案"
    )
    at = line.index(funds)
    spans = [(1, at + m.start(1)) for m in _VALUE.finditer(funds)]
    goal = line.index("目标 (80 分)")
    spans += [(1, goal + m.start(1)) for m in _VALUE.finditer(line[goal : line.index("总分")])]
    return "2023年度项目自评表\n" + line + "\n", spans


def _bump(text: str, spot: tuple[int, int], by: Decimal) -> str:
    lines = text.split("\n")
    i, at = spot
    m = re.compile(r"\d+(?:\.\d+)?").match(lines[i], at)
    assert m is not None
    new = format((Decimal(m.group()) + by).normalize(), "f")
    lines[i] = lines[i][:at] + new + lines[i][m.end() :]
    return "\n".join(lines)


@SETTINGS
@given(national_funds())
def test_national_funds_in_one_line_are_read_and_check_clean(form: tuple[str, list[tuple[int, int]]]) -> None:
    text, _spots = form
    facts = extract_facts(document_from_text(text, "n.txt"))
    assert [r.name for r in facts.funds] == ["年度资金总额", "当年财政拨款", "其他资金"]
    assert [n.name for n in facts.scores] == ["预算执行率"]
    assert serious(text) == []


@SETTINGS
@given(national_funds(), st.data())
def test_a_changed_number_of_the_national_funds_in_one_line_is_caught(
    form: tuple[str, list[tuple[int, int]]], data: st.DataObject
) -> None:
    text, spots = form
    bad = _bump(text, data.draw(st.sampled_from(spots)), data.draw(st.sampled_from([Decimal(1), Decimal(2)])))
    assert serious(bad) != [], bad


@SETTINGS
@given(provincial_form())
def test_provincial_form_in_one_line_is_read_and_checks_clean(
    form: tuple[str, list[tuple[int, int]]],
) -> None:
    text, _spots = form
    facts = extract_facts(document_from_text(text, "p.txt"))
    tops = {n.name: n for n in facts.scores}
    assert tops["预算执行率"].max == 20 and tops["年度绩效目标"].max == 80
    assert len(tops["年度绩效目标"].children) == 3
    assert serious(text) == []


@SETTINGS
@given(provincial_form(), st.data())
def test_a_changed_number_of_the_provincial_form_in_one_line_is_caught(
    form: tuple[str, list[tuple[int, int]]], data: st.DataObject
) -> None:
    text, spots = form
    bad = _bump(text, data.draw(st.sampled_from(spots)), data.draw(st.sampled_from([Decimal(1), Decimal(2)])))
    assert serious(bad) != [], bad


_ROWS = (
    ("产出指标 数量指标 指标1:新建集中供水工程", "≥8处", "8处", 20),
    ("指标2:改造供水管网", "≥35公里", "31公里", 15),
    ("质量指标 指标1:水质达标率", "≥95%", "97%", 15),
    ("时效指标 指标1:工程完工及时率", "100%", "100%", 10),
    ("效益指标 社会效益指标 指标1:受益人口", "≥2.4万人", "2.5万人", 20),
    ("满意度指标 服务对象满意度指标 指标1:群众满意度", "≥90%", "93%", 10),
)


@st.composite
def national_form_line(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """The whole national form in one line, and the spans of the 得分 numbers and the total."""
    text, _spans = draw(national_funds())
    line = text.split("\n")[1]
    score = Decimal(re.search(r"% (\d+(?:\.\d+)?)", line).group(1))  # type: ignore[union-attr]
    parts, total = [], score
    # an .xlsx preview may print the values of the last rows and of the 总分 before their names
    late = draw(st.integers(0, 3))
    late_names: list[str] = []
    for k, (names, target, done, mx) in enumerate(_ROWS):
        got = mx - draw(st.sampled_from([0, 0, 1, 2]))
        total += got
        if k < len(_ROWS) - late:
            parts.append(f"{names} {target} {done} {mx} {got}")
        else:
            parts.append(f"{target} {done} {mx} {got}")
            late_names.append(names)
    sum_cells = f"100 {format(total.normalize(), 'f')}"
    closing = f" 总分 {sum_cells}" if not late else f" {sum_cells} " + " ".join(late_names) + " 总分"
    body = (
        " 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
        + " ".join(parts)
        + closing
    )
    line += body
    spans = [
        (1, m.start(1))
        for m in re.finditer(r" (\d+(?:\.\d+)?)(?= |$)", line)
        if m.start() > len(line) - len(body)
    ]
    # the 得分 of each row (the second of its two plain numbers) and the total's score
    scores = [s for k, s in enumerate(spans) if k % 2 == 1]
    return text.split("\n")[0] + "\n" + line + "\n", scores


@SETTINGS
@given(national_form_line())
def test_whole_national_form_in_one_line_gives_its_total_and_checks_clean(
    form: tuple[str, list[tuple[int, int]]],
) -> None:
    text, _spots = form
    facts = extract_facts(document_from_text(text, "n.txt"))
    assert facts.total is not None and facts.total.max == 100
    assert len(facts.scored_top()) == 7
    assert serious(text) == []


@SETTINGS
@given(national_form_line(), st.data())
def test_a_changed_score_of_the_whole_national_form_in_one_line_is_caught(
    form: tuple[str, list[tuple[int, int]]], data: st.DataObject
) -> None:
    text, spots = form
    bad = _bump(text, data.draw(st.sampled_from(spots)), Decimal(-1))
    assert serious(bad) != [], bad

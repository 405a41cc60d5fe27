"""Properties of the checker on 自评表 layouts that real pages give (hypothesis):

1. the national 项目支出绩效自评表 copied from a web page or a document preview with every cell on a
   line of its own (blank lines between cells, empty cells lost), and a provincial form that prints
   each row's 得分 but no 分值 column (预算执行 20 分 + 年度绩效目标 80 分, group maxima in the name
   cells), as rows or one cell per line — all generated consistent — check clean and are read into
   a full score tree;
2. change any single number of them (a score, an amount, a rate, a group's maximum, the total) and the
   checker reports an error or a warning.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from drafter.check.extract import extract_facts
from drafter.read import document_from_text
from tests.test_check_properties_tables import SETTINGS, national_form, serious

CENT = Decimal("0.01")


def _stack(text: str) -> tuple[str, list[int]]:
    """``text`` (rows with " | ") laid out one cell per line, blank lines between cells; the
    0-based lines that hold a number cell."""
    out: list[str] = []
    for line in text.rstrip("\n").split("\n"):
        for cell in line.split(" | "):
            if cell.strip():
                out += [cell.strip(), ""]
    numbered = [i for i, c in enumerate(out) if re.fullmatch(r"\d+(?:\.\d+)?%?", c)]
    return "\n".join(out) + "\n", numbered


@st.composite
def provincial_form(draw: st.DrawFn) -> tuple[list[list[str]], Decimal]:
    """The rows of a provincial form without a 分值 column, and its total."""
    budget = draw(st.integers(2000, 90000).map(lambda c: (Decimal(c) / 100).quantize(CENT)))
    spent = (budget * Decimal(draw(st.integers(60, 100))) / 100).quantize(CENT)
    rate = (spent / budget * 100).quantize(CENT, rounding=ROUND_HALF_UP)
    funds_score = (rate / 100 * 20).quantize(CENT, rounding=ROUND_HALF_UP)
    rows = [
        ["预算执行情况（万元）（20分）", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分（20分*执行率）"],
        ["年度财政资金总额", str(budget), str(spent), f"{rate}%", str(funds_score)],
        [
            "年度绩效目标（80分）",
            "一级指标",
            "二级指标",
            "三级指标",
            "年初目标值(A)",
            "实际完成值(B)",
            "得分",
        ],
    ]
    frame = (
        ("产出指标", 50, (("数量指标", "新建村级文化活动室", "≥6个", "6个"), ("质量指标", "竣工验收合格率", "100%", "100%"),
                       ("时效指标", "当年完工率", "≥90%", "100%"))),
        ("效益指标", 20, (("社会效益指标", "受益群众人数", "≥3000人", "3200人"),)),
        ("满意度指标", 10, (("服务对象满意度指标", "群众满意度", "≥90%", "95%"),)),
    )  # fmt: skip
    total = funds_score
    for l1, group_max, leaves in frame:
        # the group's maximum shared among its rows, each scored at most its share
        shares = [group_max // len(leaves)] * len(leaves)
        shares[0] += group_max - sum(shares)
        for n, ((l2, l3, target, done), share) in enumerate(zip(leaves, shares, strict=True)):
            score = share - draw(st.sampled_from([0, 0, 1]))
            total += score
            rows.append([f"{l1}（{group_max}分）" if n == 0 else "", l2, l3, target, done, str(score)])
    rows.append(["总分", "100", format(total.normalize(), "f")])
    return rows, total


def _as_rows(rows: list[list[str]]) -> str:
    return "项目支出绩效自评表\n" + "\n".join(" | ".join(c for c in r) for r in rows) + "\n"


def _change(text: str, numbered: list[int], data: st.DataObject) -> tuple[str, int]:
    """Change one number (a score, an amount, the rate, a group's maximum, the total) on one of
    the ``numbered`` lines."""
    lines = text.split("\n")
    i = data.draw(st.sampled_from(numbered))
    spots = [
        m
        for m in re.finditer(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])", lines[i])
        # not a target or an actual value of an indicator row ("≥6个", "3200人", "95%"), whose
        # change need not make the form inconsistent; the funds row's rate counts
        if lines[i][m.end() : m.end() + 1] not in ("个", "人", "年")
        and ("资金总额" in lines[i] or lines[i][m.end() : m.end() + 1] != "%")
        and lines[i][max(0, m.start() - 1) : m.start()] not in ("≥",)
        and not lines[i][m.start() :].startswith(("20分*", "20分）", "80分", "100%"))
    ]
    m = data.draw(st.sampled_from(spots))
    old = Decimal(m.group())
    new = old + data.draw(st.sampled_from([Decimal(1), Decimal(2), Decimal("0.5")]))
    lines[i] = lines[i][: m.start()] + format(new.normalize(), "f") + lines[i][m.end() :]
    return "\n".join(lines), i + 1


def _numbered_rows(text: str) -> list[int]:
    lines = text.split("\n")
    return [
        i
        for i, line in enumerate(lines)
        if i >= 2 and line and not line.startswith("年度绩效目标") and re.search(r"\d", line)
    ]


@SETTINGS
@given(national_form())
def test_national_form_one_cell_per_line_is_read_and_checks_clean(form: tuple[str, list[int]]) -> None:
    text, _numbered = _stack(form[0].replace("\t", " | ").replace("    ", " | "))
    facts = extract_facts(document_from_text(text, "s.txt"))
    assert facts.total is not None and len(facts.indicators) == 6
    assert [n.name for n in facts.scored_top()][:1] == ["预算执行率"]
    assert serious(text) == []


@SETTINGS
@given(national_form(), st.data())
def test_a_changed_number_in_the_national_form_one_cell_per_line_is_caught(
    form: tuple[str, list[int]], data: st.DataObject
) -> None:
    text, numbered = _stack(form[0].replace("\t", " | ").replace("    ", " | "))
    lines = text.split("\n")
    i = data.draw(st.sampled_from(numbered))
    old = lines[i].rstrip("%")
    lines[i] = format((Decimal(old) + 1).normalize(), "f") + ("%" if lines[i].endswith("%") else "")
    assert serious("\n".join(lines)) != [], f"line {i + 1} changed"


@SETTINGS
@given(provincial_form(), st.booleans())
def test_provincial_form_without_max_column_is_read_and_checks_clean(
    form: tuple[list[list[str]], Decimal], stacked: bool
) -> None:
    text = _as_rows(form[0])
    if stacked:
        text = _stack(text)[0]
    facts = extract_facts(document_from_text(text, "p.txt"))
    tops = {n.name: n for n in facts.scores}
    assert tops["预算执行率"].max == 20 and tops["产出指标"].max == 50
    assert len(facts.indicators) == 5 and facts.total is not None and facts.total.value == form[1]
    assert serious(text) == []


@SETTINGS
@given(provincial_form(), st.data())
def test_a_changed_number_in_the_provincial_form_is_caught(
    form: tuple[list[list[str]], Decimal], data: st.DataObject
) -> None:
    text = _as_rows(form[0])
    bad, line = _change(text, _numbered_rows(text), data)
    assert serious(bad) != [], f"line {line} changed:\n{bad}"

"""Properties of the checker on 自评表 tables whose cells are separated by single spaces, a row to
a line (a PDF's or a web page's table copied as text), with hypothesis:

1. the national 项目支出绩效自评表 of :func:`tests.test_check_properties_tables.national_form`, its
   cells joined by single spaces (empty merged cells gone), generated consistent, checks clean and
   is read into its funds block, six indicator rows and its total;
2. change any single number of it (a score, a maximum, an amount, a rate, the total) and the
   checker reports an error or a warning;
3. the same for the 湖南 部门整体支出 score table of :func:`tests.test_check_properties_tables.hunan_report`
   (group maxima in the 一级 names, "扣分原因" after the numbers, a "合计" row).
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from drafter.check.extract import extract_facts
from drafter.read import document_from_text
from tests.test_check_properties_tables import SETTINGS, _change_one, hunan_report, national_form, serious

_SEPARATOR = re.compile(r"\t| \| | {4}")


def _single_spaced(text: str) -> str:
    return "\n".join(" ".join(c for c in _SEPARATOR.split(line) if c) for line in text.split("\n"))


@SETTINGS
@given(national_form())
def test_national_form_with_single_spaces_is_read_and_checks_clean(form: tuple[str, list[int]]) -> None:
    text = _single_spaced(form[0])
    assert "  " not in text and "|" not in text and "\t" not in text
    facts = extract_facts(document_from_text(text, "s.txt"))
    assert [r.name for r in facts.funds] == ["年度资金总额", "财政拨款", "其他资金"]
    assert len(facts.indicators) == 6 and facts.total is not None and facts.total.max == 100
    assert [n.name for n in facts.scored_top()][:1] == ["预算执行率"]
    assert serious(text) == []


@SETTINGS
@given(national_form(), st.data())
def test_a_changed_number_in_the_national_form_with_single_spaces_is_caught(
    form: tuple[str, list[int]], data: st.DataObject
) -> None:
    text = _single_spaced(form[0])
    bad, line = _change_one(text, form[1], data)
    assert serious(bad) != [], f"line {line} changed:\n{bad}"


@SETTINGS
@given(hunan_report())
def test_hunan_table_with_single_spaces_is_read_and_checks_clean(report: tuple[str, list[int]]) -> None:
    text = _single_spaced(report[0])
    facts = extract_facts(document_from_text(text, "h.txt"))
    assert len(facts.indicators) == 14 and facts.table_total is not None
    assert serious(text) == []


@SETTINGS
@given(hunan_report(), st.data())
def test_a_changed_number_in_the_hunan_table_with_single_spaces_is_caught(
    report: tuple[str, list[int]], data: st.DataObject
) -> None:
    bad, line = _change_one(_single_spaced(report[0]), report[1], data)
    assert serious(bad) != [], f"line {line} changed:\n{bad}"

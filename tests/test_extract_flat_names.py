"""A form flattened into one line whose numbered names do not stand each right before its values:
a name wrapped with its tail ("学生营养健康监测报告 份") and the next numbered name before the first
one's values, and a numbered name that opens with a figure ("指标2:0-3岁幼儿营养包发放数")."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from drafter.check.extract import extract_facts
from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text

FORM = (Path(__file__).resolve().parent / "fixtures" / "extract" / "flat-numbered-names.txt").read_text(
    encoding="utf-8"
)


def _rows(text: str) -> list[tuple[str, D | None]]:
    return [(r.name, r.score) for r in extract_facts(document_from_text(text, "f.txt")).indicators]


def test_each_numbered_name_keeps_its_own_values() -> None:
    assert _rows(FORM) == [
        ("0-3岁幼儿营养包发放数", D(20)),
        ("营养餐供应天数", D(20)),
        ("学生营养健康监测报告份", D(10)),  # "4份 4份 10 10": the first of the two names before them
        ("食品安全抽检合格率", D(9)),  # "100% 98% 10 9": the second, right after
        ("家长满意度", D(10)),
    ]
    assert (
        check_document(document_from_text(FORM, "f.txt"), options=CheckOptions(discover_config=False)) == []
    )


def test_no_values_follow_the_second_name() -> None:
    """Without a group of values right after, the second name gets none: no row is guessed."""
    text = FORM.replace("100% 98% 10 9 满意度指标", "满意度指标")
    assert _rows(text)[2:] == [("学生营养健康监测报告份", D(10)), ("家长满意度", D(10))]


def test_a_first_name_with_values_of_its_own_is_no_wrapped_name() -> None:
    text = FORM.replace("学生营养健康监测报告 份", "学生营养健康监测报告 12份 12份 10 10")
    names = [name for name, _ in _rows(text)]
    assert "学生营养健康监测报告12份12份1010" not in names
    assert "食品安全抽检合格率" in names

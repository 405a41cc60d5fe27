"""The department's name as the report writes it (title, 部门基本情况 opening, budget sentences),
and the other bodies named before a year that are not it (CN003's input)."""

from __future__ import annotations

import pytest

from drafter.check.extract import extract_facts
from drafter.check.facts import CheckContext
from drafter.check.rules.consistency import dept_name_variant
from drafter.read import document_from_text

TITLE = "某县农业农村局2023年度部门整体支出绩效自评报告\n"


def _names(text: str) -> list[tuple[str, int | None]]:
    facts = extract_facts(document_from_text(text))
    return [(n.name, n.source.line) for n in facts.names if n.kind == "dept_full"]


def _cn003(text: str) -> list[tuple[int | None, str | None]]:
    facts = extract_facts(document_from_text(text))
    return [(f.line, f.found) for f in dept_name_variant.RULE.run(facts, CheckContext())]


@pytest.mark.parametrize(
    "sentence",
    [
        "预算编制符合县财政局2023年度预算编制工作方案。",
        "（2）预算编制规范性。预算编制符合县财政局2023年度预算编制工作方案，且按要求编制。",
        "根据县委县政府2023年度工作部署，完成各项工作。",
        "按照上级部门2023年度预算批复执行。",
        "协调县自然资源局2023年度用地指标。",
        "县财政局2023年度预算数批复及时。",  # an oversight body, even as a subject
        "“某县农业局2023年度实际支出”一句。",  # no clean left boundary
    ],
)
def test_other_bodies_before_a_year_are_not_the_department(sentence: str) -> None:
    assert _names(TITLE + sentence) == [("某县农业农村局", 1)]
    assert _cn003(TITLE + sentence) == []


def test_reviewer_repro_sentences_are_silent_without_a_title() -> None:
    text = "预算编制符合县财政局2023年度预算编制工作方案。\n根据县委县政府2023年度工作部署，完成各项工作。"
    facts = extract_facts(document_from_text(text))
    assert facts.dept_full is None and _cn003(text) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (TITLE, [("某县农业农村局", 1)]),
        ("# " + TITLE, [("某县农业农村局", 1)]),  # a Markdown title
        ("某县农业农村局\n2023年度部门整体支出绩效自评报告\n", [("某县农业农村局", 1)]),  # on two lines
        ("一、部门基本情况\n某县农业农村局是县人民政府工作部门。\n", [("某县农业农村局", 2)]),
        ("某县农业农村局2023年度年初预算数总额400.00万。", [("某县农业农村局", 1)]),
        ("一、收支情况。我单位某县农业农村局2023年度实际支出480.00万。", [("某县农业农村局", 1)]),
        ("现将某县农业农村局2023年度部门整体支出绩效自评情况报告如下。", [("某县农业农村局", 1)]),
        ("2023年，我单位积极认真履职。", []),
    ],
)
def test_where_the_department_names_itself(text: str, names: list[tuple[str, int]]) -> None:
    assert _names(text) == names


def test_title_is_the_canonical_name_and_variants_of_it_fire() -> None:
    text = (
        "一、部门基本情况\n某县农业局是县人民政府工作部门。\n"  # the opening before the title would be
        "某县农业农村局2023年度年初预算数总额400.00万。\n"
        "某县农业局2023年度部门整体支出绩效自评得分为95分。\n"
    )
    facts = extract_facts(document_from_text(TITLE + text))
    assert facts.dept_full == "某县农业农村局"
    assert _cn003(TITLE + text) == [(3, "某县农业局"), (5, "某县农业局")]


def test_sample_department_name() -> None:
    from pathlib import Path

    sample = Path(__file__).resolve().parent.parent / "examples" / "yangxi-2023" / "report.txt"
    from drafter.read import read_document

    facts = extract_facts(read_document(sample))
    assert facts.dept_full == "阳西县高新技术产业开发区管理委员"
    assert [(n.name, n.source.line) for n in facts.names if n.kind == "dept_full"] == [
        ("阳西县高新技术产业开发区管理委员", 25)
    ]

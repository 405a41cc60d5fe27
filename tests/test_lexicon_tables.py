"""The table lexicon (schemas/lexicon/tables.yaml): every header wording is read as its example says,
by the text-table reader (.txt/.docx/.pdf tables) and by the workbook reader (.xlsx), which share it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.check.extract import glued, oneline, spaced, stacked, tables
from drafter.check.extract._common import TextLine
from drafter.check.extract.lexicon import LexiconModel, WordExample, WordGroup, load_lexicon
from drafter.document import Line
from drafter.read import xlsx_tables
from drafter.read.xlsx_grid import Grid
from drafter.text.formwords import footer_start, fund_total_words, level1_names, level1_start


class TablesLexicon(LexiconModel):
    columns: tuple[WordGroup, ...]
    funds: tuple[WordGroup, ...]
    totals: tuple[WordGroup, ...]
    others: tuple[WordGroup, ...]
    fund_rows: tuple[WordGroup, ...]
    level1: tuple[WordGroup, ...]
    footers: tuple[WordGroup, ...]


LEXICON = load_lexicon("tables", TablesLexicon)
#: the sections of header words (the other sections name rows and lines, tested below)
_SECTIONS = ("columns", "funds", "totals", "others")
_ALL_SECTIONS = (*_SECTIONS, "fund_rows", "level1", "footers")

#: the column a text table reads each role into
_TEXT_COLUMN = {"l1": "l1", "l2": "l2", "l3": "l3", "name": "l1", "score": "score", "weighted": "score",
                "target": "target",
                "actual": "done", "reason": "reason", "basis": "reason", "remark": "reason",
                "initial": "initial", "budget": "budget", "executed": "actual", "rate": "rate"}  # fmt: skip
#: the column a workbook reads each role into (a remark column is not read from a workbook)
_XLSX_COLUMN = {"score": "self", "weighted": "self", "target": "target", "actual": "actual", "reason": "reason", "basis": "basis",
                "initial": "initial", "budget": "annual", "executed": "executed", "rate": "rate"}  # fmt: skip


def _examples() -> list[tuple[str, WordExample]]:
    return [(s, ex) for s in _SECTIONS for group in getattr(LEXICON, s) for ex in group.examples]


@pytest.mark.parametrize(
    ("section", "example"), _examples(), ids=lambda v: v.text if isinstance(v, WordExample) else v
)
def test_header_wording_is_read_as_its_example_says(section: str, example: WordExample) -> None:
    cells = tuple(example.text.split(" | "))
    role, cell = example.expect["role"], example.expect["column"]
    at = cells.index(cell)
    grid = Grid("表1", [list(cells)])
    if role == "total":
        assert tables._total_cell(cells) == 0
        assert xlsx_tables._total_row().match(cell)
        return
    if role == "other":
        assert tables._last_header_cell(cells) >= at
        return
    found = tables._header(cells)
    assert found is not None, f"no header read from {example.text!r}"
    assert found[1][_TEXT_COLUMN[role]] == at
    if section == "funds":
        cols = xlsx_tables.funds_header(grid, 0)
        assert cols is not None and cols[_XLSX_COLUMN[role]] == at
        return
    header = xlsx_tables.score_header(grid, 0)
    assert header is not None
    if role in ("l1", "l2", "l3", "name"):
        assert (at, role) in header.names
    elif role == "remark":
        assert at not in header.cols.values()
    else:
        assert header.cols[_XLSX_COLUMN[role]] == at


def test_every_word_has_an_example() -> None:
    for section in _ALL_SECTIONS:
        for group in getattr(LEXICON, section):
            for word in group.words:
                assert any(word in ex.expect["column"] for ex in group.examples), f"{section}: “{word}”"


@pytest.mark.parametrize(
    "cell", ["产出指标（60分）", "产出指标（满分60分）", "产出指标(分值60分)", "产出指标（权重60分）"]
)
def test_a_name_cell_states_its_maximum_alike_in_both_readers(cell: str) -> None:
    assert xlsx_tables._name(cell) == ("产出指标", Decimal(60))
    m = tables._NAME_MAX.search(cell)
    assert m is not None and Decimal(m.group(1)) == Decimal(60)


def _section_examples(section: str) -> list[WordExample]:
    return [ex for group in getattr(LEXICON, section) for ex in group.examples]


@pytest.mark.parametrize("example", _section_examples("fund_rows"), ids=lambda ex: ex.text)
def test_a_funds_row_is_named_by_its_fullest_word_in_every_reader(example: WordExample) -> None:
    first = example.text.split(" | ")[0]
    word, role = example.expect["column"], example.expect["role"]
    assert tables._fund_name(first) == word  # rows of cells (.txt, .docx, .pdf)
    m = oneline._FUNDS_NAME.search(first.replace(" ", ""))  # a form flattened into one line
    assert m is not None and m.group(0).removeprefix("其中：").removeprefix("其中:") == word
    assert stacked.fund_row_name().search(first) is not None  # one cell per line, single spaces
    assert (word in fund_total_words()) is (role == "total")
    if role == "total":  # glued cells: the total row's name ends a run of text
        assert glued._FUNDS_TOTAL_NAME.search("预算执行情况" + word + "：") is not None


@pytest.mark.parametrize("example", _section_examples("level1"), ids=lambda ex: ex.text)
def test_a_level1_name_starts_a_group_in_every_reader(example: WordExample) -> None:
    first = example.text.split(" | ")[0]
    assert first == example.expect["column"]
    assert level1_start().match(first) is not None  # one cell per line, single spaces
    assert first in level1_names()  # a form flattened into one line: a word of its own
    assert level1_start().match(example.text.split(" | ")[1]) is None  # a 二级 name starts none


@pytest.mark.parametrize("example", _section_examples("footers"), ids=lambda ex: ex.text)
def test_a_footer_line_ends_the_form_in_every_reader(example: WordExample) -> None:
    text = example.text
    tl = TextLine(Line(1, text, text), text, text, 1, False)
    assert stacked._ends(tl)  # one cell per line
    assert spaced._ends(tl)  # single spaces
    assert footer_start().match(text.replace(" ", "")) is not None  # a workbook row's first cell


@pytest.mark.parametrize("cell", ["说明", "备注", "负责", "注", "联系"])
def test_a_header_word_alone_is_no_footer(cell: str) -> None:
    """A 说明 or 备注 column in a header (no colon after it) does not end the form."""
    assert footer_start().match(cell) is None

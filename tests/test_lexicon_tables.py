"""The table lexicon (schemas/lexicon/tables.yaml): every header wording is read as its example says,
by the text-table reader (.txt/.docx/.pdf tables) and by the workbook reader (.xlsx), which share it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.check.extract import tables
from drafter.check.extract.lexicon import LexiconModel, WordExample, WordGroup, load_lexicon
from drafter.read import xlsx_tables
from drafter.read.xlsx_grid import Grid


class TablesLexicon(LexiconModel):
    columns: tuple[WordGroup, ...]
    funds: tuple[WordGroup, ...]
    totals: tuple[WordGroup, ...]
    others: tuple[WordGroup, ...]


LEXICON = load_lexicon("tables", TablesLexicon)
_SECTIONS = ("columns", "funds", "totals", "others")

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
    for section in _SECTIONS:
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

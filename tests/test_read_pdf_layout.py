"""PDF text layers as word processors lay them out: wrapped paragraphs, page breaks, score tables
with wrapped and vertically centred cells. The PDFs are typeset by ``tests/_pdf.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check.run import check_document
from drafter.data.load import load_data
from drafter.document import LineKind
from drafter.draft.report import draft_report
from drafter.draft.write import write_report
from drafter.read import read_document
from drafter.rubric import load_rubric
from tests._pdf import typeset_pdf

REPO = Path(__file__).resolve().parent.parent
COLUMNS = (0, 7, 14, 18, 23)


@pytest.fixture(scope="module")
def drafted_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = load_data(REPO / "examples" / "pingchuan-agri-2023" / "data.yaml")
    out = tmp_path_factory.mktemp("pdf") / "report.docx"
    return write_report(draft_report(data, rubric=load_rubric(data.meta.rubric)), out)


def _blocks(path: Path) -> list:
    blocks: list = []
    for line in read_document(path).lines:
        if line.kind is LineKind.ROW:
            if not blocks or isinstance(blocks[-1], str):
                blocks.append([])
            blocks[-1].append(line.cells)
        elif line.text:
            blocks.append(line.text)
    return blocks


@pytest.mark.parametrize("width", [30, 32, 34, 36, 38])
@pytest.mark.parametrize("centre", [False, True])
def test_pdf_of_a_clean_drafted_report_checks_clean(
    drafted_docx: Path, tmp_path: Path, width, centre
) -> None:
    blocks = _blocks(drafted_docx)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(typeset_pdf(blocks, width_em=width, columns=COLUMNS, centre=centre, merge_first=centre))
    doc = read_document(pdf)
    assert check_document(doc) == []
    # every paragraph is whole again, and the score table has its rows with all their cells
    texts = [line.text for line in doc.lines if line.kind is LineKind.TEXT]
    assert texts == [b for b in blocks if isinstance(b, str)]
    table = next(b for b in blocks if not isinstance(b, str))
    rows = [line.cells for line in doc.lines if line.kind is LineKind.ROW]
    assert len(rows) == len(table)
    for got, want in zip(rows, table, strict=True):
        assert got[1:] == tuple(want[1:]) + ("",) * (len(got) - len(want))
        assert got[0] in ("", want[0])


def test_score_split_across_lines_and_pages_is_rejoined(tmp_path: Path) -> None:
    filler = "本单位制定了财务管理、项目资金管理和预算绩效管理等内部制度并严格执行。"
    text = "（1）绩效目标合理性。部门整体绩效目标与部门职责和年度工作计划相符，重点项目绩效目标经过论证，自评得6分。"
    blocks = ["1.目标设置，指标总分6，自评6分", *[filler] * 30, text]
    for width in range(28, 40):
        pdf = tmp_path / f"w{width}.pdf"
        pdf.write_bytes(typeset_pdf(blocks, width_em=width))
        texts = [line.text for line in read_document(pdf).lines if line.kind is not LineKind.BLANK]
        assert texts[-1] == text, width
        assert texts[1:-1] == [filler] * 30


def test_wrapped_header_cell_and_wrapped_reason(tmp_path: Path) -> None:
    table = [
        ("一级指标", "二级指标", "分值", "自评得分", "扣分原因"),
        ("预算执行", "资金管理", "20", "16", "政府采购实际数大于政府采购计划数，政府采购执行情况不得分"),
        ("合计", "", "20", "16", ""),
    ]
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(typeset_pdf(["绩效自评得分情况表", table], columns=(0, 7, 14, 17, 21), centre=True))
    rows = [line.cells for line in read_document(pdf).lines if line.kind is LineKind.ROW]
    assert rows == [tuple(r) for r in table]

"""Score tables in Word: drafter's own 绩效自评得分情况表 and hand-made summary tables (merged cells,
a header on two rows) reach the checker as rows with a cell per grid column, so a wrong 合计 or a
row that disagrees with the text is found (SC002, TB006), and a table alone is checked by the score rules."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from drafter.check.run import CheckOptions, check_document
from drafter.data.load import load_data
from drafter.document import LineKind
from drafter.draft.report import draft_report
from drafter.draft.write import write_report
from drafter.read import read_document
from drafter.rubric import load_rubric

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = load_data(REPO / "examples" / "pingchuan-agri-2023" / "data.yaml")
    out = tmp_path_factory.mktemp("docx") / "report.docx"
    return write_report(draft_report(data, rubric=load_rubric(data.meta.rubric)), out)


def _edit_score_table(src: Path, dst: Path, row_name: str, column: int, value: str) -> None:
    d = docx.Document(str(src))
    table = d.tables[0]
    row = next(r for r in table.rows if any(c.text == row_name for c in r.cells))
    row.cells[column].paragraphs[0].runs[0].text = value
    d.save(str(dst))


def _found(path: Path) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in check_document(read_document(path), options=CheckOptions())]


def test_drafted_score_table_is_read_as_rows(drafted: Path) -> None:
    doc = read_document(drafted)
    rows = [line.cells for line in doc.lines if line.kind is LineKind.ROW]
    assert rows[0] == ("一级指标", "二级指标", "分值", "自评得分", "扣分原因")
    assert rows[-1] == ("合计", "", "100", "95", "")
    assert _found(drafted) == []


def test_wrong_total_in_the_drafted_table_is_found(drafted: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    _edit_score_table(drafted, bad, "合计", 3, "97")
    found = check_document(read_document(bad), options=CheckOptions())
    assert [(f.code, f.message) for f in found] == [("SC002", "自评总分 97 分与各指标得分之和 95 分不符")]
    assert found[0].quote.startswith("合计")  # on the table's 合计 row


def test_row_that_disagrees_with_the_text_is_found(drafted: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    _edit_score_table(drafted, bad, "资金管理", 3, "17")
    found = _found(bad)
    assert ("TB006", "评分表中“资金管理”得分 17 分，与正文（第59行）所写自评 18 分不一致") in found
    assert all(code == "TB006" for code, _ in found)


def _summary_table(path: Path, total: str, funds_score: str = "16") -> None:
    """A hand-made summary table: 指标 merged over two columns above 一级/二级, 分值 and 得分
    merged down the two header rows, each 一级指标 merged down its rows, a 合计 across two columns."""
    d = docx.Document()
    d.add_paragraph("二、绩效自评结论")
    d.add_paragraph("经自评，我局2023年度部门整体支出绩效自评得分为94分。")
    d.add_paragraph("附表：绩效自评得分汇总表")
    rows = [
        ("预算编制", "预算编制", "8", "8"),
        ("预算编制", "目标设置", "12", "12"),
        ("预算执行", "资金管理", "20", funds_score),
        ("预算执行", "项目管理", "8", "8"),
        ("预算使用效益", "效果性", "52", "50"),
    ]
    table = d.add_table(rows=len(rows) + 3, cols=4)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "指标"
    table.cell(0, 2).merge(table.cell(1, 2)).text = "分值"
    table.cell(0, 3).merge(table.cell(1, 3)).text = "得分"
    table.cell(1, 0).text, table.cell(1, 1).text = "一级指标", "二级指标"
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values[1:], start=1):
            table.cell(r, c).text = value
    for start, end in ((2, 3), (4, 5)):
        table.cell(start, 0).merge(table.cell(end, 0)).text = rows[start - 2][0]
    table.cell(6, 0).text = rows[4][0]
    last = len(rows) + 2
    table.cell(last, 0).merge(table.cell(last, 1)).text = "合计"
    table.cell(last, 2).text, table.cell(last, 3).text = "100", total
    d.save(str(path))


def test_hand_made_summary_table_with_merged_cells_and_two_header_rows(tmp_path: Path) -> None:
    good = tmp_path / "good.docx"
    _summary_table(good, "94")
    doc = read_document(good)
    rows = [line.cells for line in doc.lines if line.kind is LineKind.ROW]
    assert rows[0] == ("指标", "", "分值", "得分")
    assert rows[1] == ("一级指标", "二级指标", "分值", "得分")
    assert rows[3] == ("预算编制", "目标设置", "12", "12")
    assert rows[-1] == ("合计", "", "100", "94")
    codes = [code for code, _ in _found(good)]
    assert "SC002" not in codes and "TB006" not in codes and "RD001" not in codes
    bad = tmp_path / "bad.docx"
    _summary_table(bad, "96")
    found = _found(bad)
    assert ("SC002", "自评总分 96 分与各指标得分之和 94 分不符") in found
    row_bad = tmp_path / "row.docx"
    _summary_table(row_bad, "94", funds_score="18")  # the rows add to 96, the text and 合计 say 94
    assert any(code in ("SC002", "TB006") for code, _ in _found(row_bad))

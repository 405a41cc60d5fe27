"""Bar-separated score tables whose rows a web page broke across lines where a cell held a line break
("序号 | 一级 指标 |" / "二级 指标 |" …, then "1 | 投入 (20分) |" / "目标设定 (8分) | … |" / "4 |"), the rows
whose leading names were merged padded with empty cells at their end: read into a full score tree by
position, so a wrong score or maximum in them is caught."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from drafter.check.extract import extract_facts
from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text

HERE = Path(__file__).resolve().parent / "fixtures" / "extract"
TABLE = (HERE / "broken-bar-rows.txt").read_text(encoding="utf-8")


def _facts(text: str):
    return extract_facts(document_from_text(text, "r.txt"))


def _codes(text: str) -> list[tuple[str, int | None]]:
    doc = document_from_text(text, "r.txt")
    return [(f.code, f.line) for f in check_document(doc, options=CheckOptions(discover_config=False))]


def test_broken_rows_make_a_full_tree() -> None:
    facts = _facts(TABLE)
    leaves = [
        (n.path, n.max, n.score, n.source.line)
        for root in facts.scores
        for n in root.walk()
        if not n.children
    ]
    assert leaves == [
        ("投入/目标设定/绩效目标 合理性", D(4), D(4), 7),
        # its 一级 and 二级 cells merged into the row above: two empty cells padding the row's end
        ("投入/目标设定/绩效指标 明确性", D(4), D(3), 10),
        # its 一级 cell merged: one empty cell at the end
        ("投入/预算配置/在职人员 控制率", D(6), D(6), 11),
        ("投入/预算配置/三公经费 变动率", D(6), D(5), 12),
        ("过程/资金管理/资金使用 合规性", D(15), D(15), 13),
        ("过程/资金管理/预算执行率", D(15), D(14), 16),
    ]
    assert facts.total is not None
    assert (facts.total.max, facts.total.value) == (D(50), D(47))
    assert [c for c, _ in _codes(TABLE) if c.startswith(("RD", "SC"))] == []


def test_a_wrong_score_in_a_broken_row_is_caught() -> None:
    wrong = TABLE.replace("合计 | 50 | 47 |", "合计 | 50 | 48 |")
    assert ("SC002", 17) in _codes(wrong)
    over = TABLE.replace("| 5 | ||", "| 7 | ||")
    assert any(c == "SC003" and line == 12 for c, line in _codes(over))


def test_a_row_cut_by_the_end_of_the_text_is_not_read() -> None:
    # the excerpt stops inside a cell that held a line break
    cut = (
        TABLE.split("6 | 预算执行率")[0]
        + "6 | 预算执行率 | 15 | 执行率100%得15分，\n每低1个百分点扣0.5分，未按期完成的\n"
    )
    facts = _facts(cut)
    names = [n.name for root in facts.scores for n in root.walk()]
    assert "预算执行率" not in names
    # the text stops inside the table: its maxima fall short of the full mark, which is not reported
    assert [c for c, _ in _codes(cut) if c.startswith("SC")] == []

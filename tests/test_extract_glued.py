"""自评表 forms whose cells an OCR or a document preview glued together ("路面优良率90%92%20"): a row
is read only when its digits split one way alone; a row that splits more than one way is named,
never guessed."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from drafter.check.extract import extract_facts
from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text

HERE = Path(__file__).resolve().parent / "fixtures" / "extract"
OCR = (HERE / "glued-ocr-form.txt").read_text(encoding="utf-8")
NATIONAL = (HERE / "glued-national-form.txt").read_text(encoding="utf-8")


def _findings(text: str) -> list[tuple[str, int | None]]:
    doc = document_from_text(text, "r.txt")
    return [(f.code, f.line) for f in check_document(doc, options=CheckOptions(discover_config=False))]


def _scores(text: str) -> list[tuple[str, D | None]]:
    return [(n.name, n.score) for n in extract_facts(document_from_text(text, "r.txt")).scores]


def test_glued_rows_that_split_one_way_are_read() -> None:
    """Units and "%" end cells ("126公里128公里20"); the funds digits "48.5046.560.9619.2" split one
    way alone with 执行率 = 执行数 ÷ 预算数 (0.96 as written, a ratio) and 得分 <= the "(20分)"; the
    form runs on after a page break ("2、效益指标…")."""
    facts = extract_facts(document_from_text(OCR, "r.txt"))
    assert [(r.name, r.budget, r.actual, r.rate, r.max, r.score) for r in facts.funds] == [
        ("年度财政资金总额", D("48.50"), D("46.56"), D(96), D(20), D("19.2"))
    ]
    assert _scores(OCR) == [
        ("预算执行率", D("19.2")),
        ("养护里程", D(20)),
        ("路面优良率", D(20)),
        ("养护完成及时率", D(10)),
        ("群众出行满意度", D(30)),
    ]
    # no 分值 column: whether a row was lost cannot be told, so the 总分 is not compared
    assert facts.total is None and facts.unsplit == ()
    assert _findings(OCR) == []


def test_a_glued_row_that_splits_more_than_one_way_is_not_guessed() -> None:
    # "6620" is 6|6|20, 6|62|0 or 66|2|0: the row is named as unsplit, the others still read
    text = OCR.replace("养护里程126公里128公里20", "养护路段数6620")
    facts = extract_facts(document_from_text(text, "r.txt"))
    assert [s.quote for s in facts.unsplit] == ["养护路段数6620"]
    assert "养护路段数" not in [n.name for n in facts.scores]
    assert ("路面优良率", D(20)) in _scores(text)


def test_a_changed_funds_number_is_caught_or_left_unread() -> None:
    # a score above the formula: still one split, and TB004 reports it
    assert ("TB004", 2) in _findings(OCR.replace("0.9619.2", "0.9620"))
    # an 执行率 that is no split of 执行数 ÷ 预算数: the funds row is not read, nothing is guessed
    wrong = OCR.replace("46.560.96", "46.560.86")
    assert extract_facts(document_from_text(wrong, "r.txt")).funds == ()
    assert _findings(wrong) == []


def test_glued_national_form_gives_its_total_when_whole() -> None:
    """With a 分值 column each row's "2018" is 20|18 alone (a 分值 over 100 or a "018" is no cell);
    the funds 分值 10 and the rows' 分值 make the 总分's 100, so "总分10097.8" is 100 | 97.8."""
    facts = extract_facts(document_from_text(NATIONAL, "r.txt"))
    assert facts.total is not None and (facts.total.max, facts.total.value) == (D(100), D("97.8"))
    assert sum(n.score for n in facts.scored_top()) == D("97.8")
    assert _findings(NATIONAL) == []
    assert _findings(NATIONAL.replace("10097.8", "10098.8")) == [("SC002", 2)]
    assert _findings(NATIONAL.replace("93%2020", "93%2019")) == [("SC002", 2)]


def test_nothing_certain_says_what_was_seen() -> None:
    """Every row ambiguous and the funds row too: RD001 says score rows were seen whose digits
    could not be split, on the line of the first, instead of a report without scores."""
    text = (
        OCR.replace("养护里程126公里128公里20", "养护路段数6620")
        .replace("路面优良率90%92%20", "路面优良段数8718")
        .replace("养护完成及时率100%100%10", "养护完成段数5510")
        .replace("群众出行满意度95%96%30", "群众出行满意户数9930")
        .replace("48.5046.560.9619.2", "4846119")
    )
    doc = document_from_text(text, "r.txt")
    findings = check_document(doc, options=CheckOptions(discover_config=False))
    assert [(f.code, f.line) for f in findings] == [("RD001", 2)]
    assert (
        findings[0].message
        == "评分表中的数字粘连在一起，拆分方式不止一种，未能读出自评得分，得分相关的检查未能进行"
    )
    assert findings[0].found.startswith("读到4行数字粘连的评分行（如“养护路段数6620”）")


def test_runs_with_too_many_splits_are_left_unread() -> None:
    """A run of thirty digits has more splits than are worth counting: it is named as unsplit, never
    read; and a form is read for 80 rows at most (no real form has so many)."""
    head = (
        "预算数(A)执行数(B)执行率(B/A)得分资金总额:"
        + "1" * 30
        + "元三级指标年初目标值(A)实际完成值(B)分值得分"
    )
    text = "x\n" + head + "".join("数量指标路段里程" + "1" * 30 + "乙" for _ in range(100)) + "\n"
    facts = extract_facts(document_from_text(text, "h.txt"))
    assert facts.scores == () and facts.funds == ()
    assert len(facts.unsplit) == 80

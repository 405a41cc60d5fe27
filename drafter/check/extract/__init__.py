"""Document → :class:`~drafter.check.facts.Facts`: what a report states, with where it says it.

``extract_facts(doc)`` reads prose (score statements on the outline's headings, labelled figures,
claims, lists, years, names, grades) and tables (score tables; the 项目支出 自评表 funds block and
indicator rows, as .docx rows or flattened text rows). Regexes are compiled at import; nothing
here validates per token, so a report of the sample's size takes well under a millisecond or two.
"""

from __future__ import annotations

from drafter.check.extract._common import TextLine, prepare
from drafter.check.extract._scan import LineScan
from drafter.check.extract.breakdowns import extract_breakdowns
from drafter.check.extract.documents import extract_document_amounts, source_amounts, sources_across_sections
from drafter.check.extract.entities import extract_entities, extract_names, extract_years
from drafter.check.extract.figures import extract_claims, extract_figures
from drafter.check.extract.formcells import extract_form_cells
from drafter.check.extract.grades import extract_grade_bands, extract_grades
from drafter.check.extract.markers import extract_placeholders, extract_repeated_numbers
from drafter.check.extract.prose import ProseText
from drafter.check.extract.quotas import extract_quotas
from drafter.check.extract.scores import build_score_tree
from drafter.check.extract.tables import extract_tables
from drafter.check.extract.targets import extract_missed_targets
from drafter.check.extract.textreasons import explain_rows
from drafter.check.facts import Claim, Facts, ScoreNode
from drafter.document import Document, Line
from drafter.text.numbers import normalize

__all__ = ["claims_in_text", "extract_facts"]


def extract_facts(doc: Document) -> Facts:
    """Everything the checks need from one report."""
    lines = prepare(doc)
    scores, total, restated = build_score_tree(lines)
    scan = LineScan(lines)  # the report's lines joined once, for the word gates of the extractors
    tables = extract_tables(lines, scan)
    if tables.scores and (_scored(tables.scores) > _scored(scores) or not scores):
        # a report whose scores stand in its table ("评分情况如下：" + rows), the prose naming a
        # few of them at most; or a form whose 得分 cells are empty, its tree one of maxima
        scores = tables.scores
    table_total = None
    if total is None:
        total = tables.total
    elif tables.total is not None:
        table_total = tables.total  # the table's 合计 row besides the total in the text
    form = extract_form_cells(lines)
    if total is None:
        total = form.total  # "自评分值 | 100" in a form's summary block
    grades, tallies = extract_grades(lines, scan)
    figures, rate_claims = extract_figures(lines, scan)
    claims = extract_claims(lines, scan)
    if any(c.kind == "complete" for c in claims):  # a missed target matters only beside such a claim
        claims += extract_missed_targets(ProseText(lines))
    entities, unit_heads = extract_entities(lines, scan)
    years, year, year_source = extract_years(lines)
    dept_names, full, short = extract_names(lines, years, scan)
    breakdowns = extract_breakdowns(lines, scan)
    quotas, quota_rates = extract_quotas(lines)
    return Facts(
        origin="report",
        path=doc.path,
        scores=scores,
        total=total,
        table_total=table_total,
        figures=tuple(figures),
        claims=tuple(claims + rate_claims),
        entities=tuple(entities),
        names=tuple(unit_heads + dept_names),
        years=tuple(years),
        year=year,
        year_source=year_source,
        dept_full=full,
        dept_short=short,
        grades=tuple(grades) + tables.grades + form.grades,
        grade_tallies=tuple(tallies),
        grade_bands=extract_grade_bands(lines, scan),
        funds=tables.funds,
        indicators=explain_rows(lines, tables.indicators),
        restated=restated,
        breakdowns=tuple(breakdowns),
        placeholders=tuple(extract_placeholders(lines, scan)),
        repeated_numbers=tuple(extract_repeated_numbers(lines, scan)),
        unsplit=tables.unsplit,
        document_amounts=tuple(
            extract_document_amounts(lines, scan)
            + source_amounts(breakdowns)
            + sources_across_sections(lines, breakdowns)
        ),
        quotas=tuple(quotas),
        quota_rates=tuple(quota_rates),
        cut=_cut(lines),
    )


def _cut(lines: list[TextLine]) -> int | None:
    """The line where the text stops mid-sentence, if it does: its last line (not a table row) is a sentence under
    way (a comma in it, or long) that ends in a word with no number in its last few characters
    ("……,使相关问题有"), where a finished report ends in a full stop, a bracket, a score
    ("自评10分"), a date or a short signature line ("某某县财政局"); or it leaves a bracket open."""
    if not lines or lines[-1].is_row:
        return None
    last = lines[-1]
    norm = last.norm.rstrip()
    if norm.rfind("(") > norm.rfind(")"):
        return last.no  # a bracket left open: "……年度无预算追加(1"
    tail = norm[-6:]
    if not tail or not "\u4e00" <= tail[-1] <= "\u9fff" or any(c.isdigit() for c in tail):
        return None
    return last.no if len(norm) > 20 or "," in norm or "、" in norm else None


def _scored(roots: tuple[ScoreNode, ...]) -> int:
    return sum(1 for root in roots for n in root.walk() if n.score is not None)


def claims_in_text(text: str) -> list[Claim]:
    """Claims (compare / complete / unfinished / rate / no_problem) in one piece of prose, with
    sources on line 1 of that text — for prose that is not a report, such as a data field."""
    line = Line(1, text, text)
    norm = normalize(text)
    same = len(norm) == len(text)
    tl = TextLine(line, text, norm if same else text, 1, False, normalized=same)
    _figs, rate_claims = extract_figures([tl])
    return extract_claims([tl]) + rate_claims

"""What the knowledge-base templates are rendered with: the report's own figures and names.

A :class:`Subject` is built either from evaluation data (:func:`subject_from_data`) or from a
checked report (:func:`subject_from_facts`); the engine does not care which. Every number a
template can print is taken from the input or computed here with an explicit, named rounding.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from drafter.check.facts import Facts
    from drafter.data.model import EvaluationData
    from drafter.document import Document

from drafter.figures import registry
from drafter.suggest._workwords import finished_words, unfinished_words

__all__ = [
    "MONEY_PLACES",
    "RATE_PLACES",
    "Subject",
    "UnitInfo",
    "Work",
    "derived_figures",
    "fmt_num",
    "resolve_owner",
    "section_four_lines",
    "subject_from_data",
    "subject_from_facts",
    "template_env",
]

#: Computed amounts (differences, sums) are shown in 万元 with two decimals, like the reports.
MONEY_PLACES = Decimal("0.01")
#: Computed rates are shown in percent with two decimals, trailing zeros dropped (100%, 65.5%).
RATE_PLACES = Decimal("0.01")

#: Who builds and accepts works: the duty keywords, most telling first.
PROJECT_OWNERS = ("建设", "代建", "组织实施", "竣工验收", "项目", "投资")

#: The rubric a 项目支出绩效自评表 (funds block + indicator rows) is matched against.
PROJECT_RUBRIC = "national-project-2020"

#: Figure names the templates may use (``fig.<name>``); each is a string or None.
FIGURE_NAMES = (
    "initial_budget",  # 年初预算数
    "adjusted_budget",  # 调整预算（全年预算）数
    "actual",  # 实际支出
    "basic",  # 基本支出
    "project",  # 项目支出
    "carryover",  # 结转结余
    "sangong_budget",
    "sangong_actual",
    "public_budget",  # 日常公用经费
    "public_actual",
    "proc_plan",  # 政府采购计划数
    "proc_actual",  # 政府采购实际数
    "proc_excess",  # 实际 − 计划（仅当实际 > 计划）
    "assets_in_use",
    "assets_total",
    "assets_rate",  # 在用 ÷ 总额，%
    "exec_rate",  # 实际支出 ÷ 调整预算，%
    "carryover_rate",  # 结转结余 ÷ 调整预算，%
    "payments_total",  # 有名称支出（进度款）合计
    "payments_excess",  # 进度款合计 − 项目支出（仅当超出）
    "payments_count",
)


def fmt_num(value: Decimal | int | None) -> str | None:
    """A figure as the input writes it (1318.20 stays 1318.20, 120.00 stays 120.00); None → None."""
    if value is None:
        return None
    if isinstance(value, int):
        return str(value)
    return format(value, "f")


def _money(value: Decimal) -> str:
    return format(value.quantize(MONEY_PLACES, rounding=ROUND_HALF_UP), "f")


def _rate(numerator: Decimal, denominator: Decimal) -> str | None:
    if not denominator:
        return None
    pct = (numerator * 100 / denominator).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
    return fmt_num(pct.normalize() if pct == pct.to_integral_value() else pct)


@dataclass(frozen=True)
class UnitInfo:
    """A 内设机构 (股室) and the text its duties are matched against."""

    name: str
    duties: str = ""


def _works_text(works: Any) -> str:
    return "、".join(w.phrase for w in works)


@dataclass(frozen=True)
class Work:
    """A work item that is not finished or not accepted (进度65%、暂未验收)."""

    name: str
    percent: str | None = None
    accepted: bool | None = None
    text: str = ""  # how the input states it
    label: str = "完成进度"

    @property
    def finished(self) -> bool:
        """Complete by the facts: 100%, or stated 已完工/已竣工 (never merely "not accepted")."""
        if self.percent is not None:
            return Decimal(self.percent) >= 100
        return bool(finished_words().search(self.text)) and not unfinished_words().search(self.text)

    @property
    def unfinished(self) -> bool:
        """Known not to be complete: below 100%, or stated 未完工/在建."""
        if self.percent is not None:
            return Decimal(self.percent) < 100
        return bool(unfinished_words().search(self.text))

    @property
    def phrase(self) -> str:
        bits = []
        if self.percent is not None:
            bits.append(f"{self.label}{self.percent}%")
        if self.accepted is False:
            bits.append("暂未验收")
        return f"{self.name}（{'，'.join(bits)}）" if bits else self.name


@dataclass(frozen=True)
class Subject:
    """The department (or project) a suggestion is for, with its figures, units and works."""

    dept: str
    dept_full: str
    year: int | None
    rubric: str | None = None
    kind: str = "部门整体"
    project: str | None = None
    figures: dict[str, str | None] = field(default_factory=dict)
    units: tuple[UnitInfo, ...] = ()
    works: tuple[Work, ...] = ()
    duties: str = ""  # the department's own duties, for the LLM path
    #: What the unit is and does (name, duties, units, work), for ``about()`` in templates.
    profile_text: str = ""

    @property
    def next_year(self) -> int | None:
        return self.year + 1 if self.year is not None else None

    def template_vars(self) -> dict[str, Any]:
        """Variables every knowledge-base template sees (``ind``/``f`` are added per problem)."""
        figs = {name: self.figures.get(name) for name in FIGURE_NAMES}
        return {
            "dept": self.dept,
            "dept_full": self.dept_full,
            "year": self.year if self.year is not None else "本",
            "next_year": self.next_year if self.next_year is not None else "下一",
            "budget_year": self.year + 2 if self.year is not None else "以后",
            "project": self.project or "",
            "kind": self.kind,
            "fig": figs,
            "works": list(self.works),
            "works_text": _works_text(self.works),
            # by status, from the facts: never call a work complete unless it is
            "works_unfinished_text": _works_text(w for w in self.works if w.unfinished),
            "works_done_unaccepted_text": _works_text(
                w for w in self.works if w.finished and w.accepted is False
            ),
            "works_unaccepted_text": _works_text(
                w for w in self.works if not w.finished and not w.unfinished and w.accepted is False
            ),
            "units": [u.name for u in self.units],
            # who usually does the finance and the project work, for texts that name them
            "finance": resolve_owner(self.units, ["财务", "预算"]) or "财务股室",
            "project_unit": resolve_owner(self.units, list(PROJECT_OWNERS)) or "项目主管股室",
        }


def _about_nothing(*words: str) -> bool:
    return False


def template_env() -> Any:
    """The jinja2 environment of the knowledge base: StrictUndefined, plain text."""
    from jinja2 import Environment, StrictUndefined

    env = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.filters["num"] = lambda v: fmt_num(v) if isinstance(v, Decimal) else v
    # ``about("征地", "拆迁")``: whether the unit or the fault concerns these words. The engine
    # passes the real one with each problem; without it nothing unit-specific is written.
    env.globals["about"] = _about_nothing
    return env


#: A keyword in a unit's name (计划财务股 for 财务) weighs this many times one in its duties.
NAME_WEIGHT = 3


def resolve_owner(
    units: tuple[UnitInfo, ...], keywords: list[str], *, exclude: str | None = None
) -> str | None:
    """The unit whose name and duties best match ``keywords``, or None when none matches.

    Keywords are in order of preference: the i-th of n weighs n − i; a keyword in the unit's
    name weighs :data:`NAME_WEIGHT` times one in its duties. So 财务 goes to 计划财务股 rather
    than to an 办公室 that also "承担…财务…工作", and 建设/代建/竣工验收 go to the unit that
    builds. Ties go to the unit listed first.
    """
    best_score = 0
    best_name: str | None = None
    n = len(keywords)
    for unit in units:
        if unit.name == exclude:
            continue
        score = 0
        for i, word in enumerate(keywords):
            if not word:
                continue
            if word in unit.name:
                score += (n - i) * NAME_WEIGHT
            elif word in unit.duties:
                score += n - i
        if score > best_score:
            best_score, best_name = score, unit.name
    return best_name


# --- from evaluation data ------------------------------------------------------------------------


def subject_from_data(data: EvaluationData) -> Subject:
    """Build the subject from :class:`drafter.data.model.EvaluationData`."""
    exp = data.expenditure
    reg = registry()
    values = {name: reg.figure(key).value_in(data) for name, key in _FACT_KEYS.items()}
    figs = {name: fmt_num(value) for name, value in values.items()}
    payments = [p.amount for p in exp.payments if p.part_of == "项目支出"]
    figs.update(derived_figures(values, payments))
    works: list[Work] = []
    for task in data.annual_work.tasks:
        for prog in task.progress:
            unfinished = prog.percent_complete is not None and prog.percent_complete < 100
            if unfinished or prog.accepted is False:
                works.append(
                    Work(
                        name=prog.item,
                        percent=fmt_num(prog.percent_complete) if unfinished else None,
                        accepted=prog.accepted,
                        text=prog.note or "",
                    )
                )
    return Subject(
        dept=data.dept_name,
        dept_full=data.meta.department,
        year=data.meta.fiscal_year,
        rubric=data.meta.rubric,
        kind=data.meta.kind,
        project=data.meta.project,
        figures=figs,
        units=tuple(UnitInfo(u.name, u.duties) for u in data.profile.units),
        works=tuple(works),
        duties="\n".join(data.profile.duties),
        profile_text="\n".join(
            [
                data.meta.department,
                *data.profile.duties,
                *(f"{u.name}：{u.duties}" for u in data.profile.units),
                data.annual_work.intro or "",
                *(f"{t.title}：{'；'.join(t.facts)}" for t in data.annual_work.tasks),
            ]
        ),
    )


def derived_figures(
    values: Mapping[str, Decimal | None], payments: Sequence[Decimal]
) -> dict[str, str | None]:
    """The figures computed from stated ones, with the named rounding, for the evaluation data and a
    checked report alike: ``values`` are the stated figures by their template names (actual,
    adjusted_budget, carryover, project, proc_plan, proc_actual, assets_in_use, assets_total; a
    missing one is None), ``payments`` the listed payments of the 项目支出."""
    figs: dict[str, str | None] = {}
    actual, adjusted, carryover = values.get("actual"), values.get("adjusted_budget"), values.get("carryover")
    if actual is not None and adjusted:
        figs["exec_rate"] = _rate(actual, adjusted)
    if carryover is not None and adjusted:
        figs["carryover_rate"] = _rate(carryover, adjusted)
    plan, done = values.get("proc_plan"), values.get("proc_actual")
    if plan is not None and done is not None and done > plan:
        figs["proc_excess"] = _money(done - plan)
    in_use, total = values.get("assets_in_use"), values.get("assets_total")
    if in_use is not None and total:
        figs["assets_rate"] = _rate(in_use, total)
    if payments:
        paid = sum(payments, Decimal(0))
        project = values.get("project")
        figs["payments_total"] = _money(paid)
        figs["payments_count"] = str(len(payments))
        if project is not None and paid > project:
            figs["payments_excess"] = _money(paid - project)
    return figs


# --- from a checked report -----------------------------------------------------------------------

#: template figure name → figure key (schemas/figures.yaml): a report's figure of that key, or the
#: evaluation data's field at the key's data path
#: the subject's figure names (initial_budget, sangong_actual …) → figure keys, from the registry
_FACT_KEYS = registry().subjects()
_UNIT_HEAD = re.compile(r"^(?P<name>[^。，,；;：:\s]{2,20})[。：:]")


def subject_from_facts(facts: Facts, doc: Document | None = None) -> Subject:
    """Build the subject from :class:`drafter.check.facts.Facts` (and the document, for duties)."""
    figs: dict[str, str | None] = {}
    values: dict[str, Decimal | None] = {}
    for name, key in _FACT_KEYS.items():
        fig = facts.figure(key)
        values[name] = fig.amount if fig is not None else None
        figs[name] = fmt_num(values[name])
    total_row = next((r for r in facts.funds if "总额" in r.name), facts.funds[0] if facts.funds else None)
    if total_row is not None:  # a 自评表's funds block: 全年预算数 (A) and 全年执行数 (B)
        for name, value in (
            ("initial_budget", total_row.wan(total_row.initial)),
            ("adjusted_budget", total_row.wan(total_row.budget)),
            ("actual", total_row.wan(total_row.actual)),
        ):  # in 万元, as the text is drafted, whatever unit the table is in
            if values[name] is None and value is not None:
                values[name] = value
                figs[name] = fmt_num(value) if total_row.unit == "万元" else _money(value)
    payments = [f.amount for f in facts.figures_for("payment")]
    figs.update(derived_figures(values, payments))
    units = _units_from_report(facts, doc)
    works = _works_from_report(facts, doc)
    skip = section_four_lines(doc)
    told = [ln.text for ln in doc.lines if ln.no not in skip] if doc is not None else []
    dept_full = facts.dept_full or facts.dept_short or "本单位"
    is_table = bool(facts.funds or facts.indicators)
    return Subject(
        dept=facts.dept_short or dept_full,
        dept_full=dept_full,
        year=facts.year,
        # a 项目支出自评表 is scored by the national system; a prose report names none we can trust
        rubric=PROJECT_RUBRIC if is_table else None,
        kind="项目支出" if is_table else "部门整体",
        figures=figs,
        units=units,
        works=tuple(works),
        profile_text="\n".join([dept_full, *(f"{u.name}：{u.duties}" for u in units), *told]),
    )


_SENTENCE = re.compile(r"[^。；;]+")
_LEAD_VERB = re.compile(r"^(已完成|完成|建设|推进|实施|开展)")
_DONE_VERB = re.compile(r"(已完成|完成|基本完工|已完工)")
_NAME_END = re.compile(r"(已完成|完成|基本完工|已完工|，|,|暂未验收|未验收|$)")
#: A work name longer than this is a sentence, not a name: cut at this length.
WORK_NAME_MAX = 40


def _sentences(text: str) -> list[str]:
    return [m.group(0).strip() for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def _name_before(sentence: str, pattern: re.Pattern[str]) -> str:
    """The name a sentence opens with: the words before its first verb of completion."""
    clause = re.split(r"[，,]", sentence)[0]
    clause = _LEAD_VERB.sub("", clause)
    match = pattern.search(clause)
    name = clause[: match.start()] if match else clause
    return name.strip("，,、 ")[:WORK_NAME_MAX]


_SECTION_FOUR = re.compile(r"^\s*(?:#+\s*)?四\s*[、.．]")
_SECTION_AFTER_FOUR = re.compile(r"^\s*(?:#+\s*)?[五六七]\s*[、.．]")
#: Words of time that a report puts between a work's name and its progress ("…项目年末完成80%").
_TRAILING_TIME = re.compile(r"(截至|截止)?(\d{4}年)?(年末|年底|年内|目前|全年|当年|本年)+$")


def section_four_lines(doc: Document | None) -> set[int]:
    """Line numbers of section 四 (问题、原因和措施): what the report proposes, not what it did.

    Works and the unit's profile are read from the rest of the report, so a report drafted with
    our own section 四 does not feed its sentences back as "works".
    """
    if doc is None:
        return set()
    inside = False
    out: set[int] = set()
    for line in doc.lines:
        if _SECTION_FOUR.match(line.text) and ("问题" in line.text or "措施" in line.text):
            inside = True
        elif inside and _SECTION_AFTER_FOUR.match(line.text):
            inside = False
        if inside:
            out.add(line.no)
    return out


def _clean_work_name(name: str) -> str:
    name = re.sub(r"^\d{4}年度?", "", name)
    return _TRAILING_TIME.sub("", name).strip("，,、 ")


def _works_from_report(facts: Facts, doc: Document | None) -> tuple[Work, ...]:
    """Unfinished or unaccepted works, named as the report names them.

    Progress figures are grouped by sentence: "阳辉路完成给排水工程50%、道路路基工程60%的施工，
    已完成总施工形象进度的65%" is one work (阳辉路) whose overall progress (the figure labelled
    总/形象进度, else the lowest) is 65%. A "暂未验收" names the work its sentence opens with; the
    same work stated twice (progress in one line, "暂未验收" in another) is one work with both.
    Section 四 is not read: it proposes, it does not report.
    """
    skip = section_four_lines(doc)
    works: dict[str, Work] = {}
    by_sentence: dict[tuple[int, str], list[Any]] = {}
    for fig in facts.figures_for("progress"):
        if fig.value >= 100 or fig.source.line is None or fig.source.line in skip:
            continue
        text = doc.line(fig.source.line).text if doc is not None else fig.source.quote
        sentence = next(
            (s for s in _sentences(text) if fig.source.quote and fig.source.quote in s), fig.source.quote
        )
        by_sentence.setdefault((fig.source.line, sentence), []).append(fig)
    for (_, sentence), figs in by_sentence.items():
        overall = [f for f in figs if "总" in f.label or "形象进度" in f.label]
        pick = overall[-1] if overall else min(figs, key=lambda f: f.value)
        name = _clean_work_name(_name_before(sentence, _DONE_VERB)) or pick.name or "相关工程"
        if name in works:
            continue
        label = "总施工形象进度" if "形象进度" in pick.label else "完成进度"
        accepted = False if "未验收" in sentence else None
        works[name] = Work(
            name=name, percent=fmt_num(pick.value), accepted=accepted, text=sentence, label=label
        )
    lines = sorted(
        {
            c.source.line
            for c in facts.claims_of("unfinished")
            if "未验收" in c.text and c.source.line and c.source.line not in skip
        }
    )
    for no in lines:
        text = doc.line(no).text if doc is not None else ""
        for sentence in _sentences(text):
            if "未验收" not in sentence:
                continue
            name = _clean_work_name(_name_before(sentence, _NAME_END))
            if not name:
                continue
            if name in works:
                if works[name].accepted is None:
                    works[name] = replace(works[name], accepted=False)
                continue
            works[name] = Work(name=name, accepted=False, text=sentence)
    return tuple(works.values())


def _units_from_report(facts: Facts, doc: Document | None) -> tuple[UnitInfo, ...]:
    """The listed 内设机构 with the duties paragraph headed by each name (when the report has it)."""
    listed: list[str] = []
    for ent in facts.entities:
        if ent.kind == "units":
            listed.extend(ent.items)
    duties: dict[str, str] = {}
    if doc is not None:
        for mention in facts.names:
            if mention.kind != "unit_head" or mention.source.line is None:
                continue
            text = doc.line(mention.source.line).text
            duties[mention.name] = text
    out: list[UnitInfo] = []
    for name in dict.fromkeys(listed):
        text = duties.get(name, "")
        if not text:  # 国土规划环保局 listed, duties headed 国土规划局: match on the shared stem
            for head, para in duties.items():
                if head[:2] == name[:2] and head not in listed:
                    text = para
                    break
        out.append(UnitInfo(name, text))
    return tuple(out)

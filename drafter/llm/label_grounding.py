"""Grounding by label: every number of a polished section is checked as the figure it claims to be.

The report extractor (the checker's :func:`~drafter.check.extract.extract_facts`) reads the polished
section as it reads any report: labelled figures (年初预算, 基本支出, 三公经费预算 …, each payment,
在编人员 and its categories, progress percents), stated rates with their subject (预算执行率 …),
the score tree (指标总分 / 自评得分 of every indicator), the total and the grade. Each is compared
with the data's figure of the *same label* (:class:`~drafter.llm.truth.Truth`); a value that the data
has under another label is rejected naming both ("“基本支出”写成了项目支出的数值").

Numbers no label claims keep value grounding, tightened:

- years: the fiscal year; the next year only where the sentence speaks of plans (or in the
  measures and targets sections); any other year only if this section's data names it;
- counts: a count this section's data states with the same measure word, the length of a data
  list the noun names (4个内设机构, 6项重点工作), or of a list written right beside it; never a score
  or a percentage;
- percentages: this section's own, or a rate or share that the DOMAIN formulas define from the data
  (never the ratio of two arbitrary amounts);
- amounts: this section's own, the data's figures, their defined sums and differences, or the sum
  (difference) of amounts listed just before in the same paragraph after 合计/共 (节约/结余 …);
- scores: this section's own; after 扣 only a deduction the section states;
- approximations and written precision: :mod:`drafter.llm.matching`.

Then no figure may be dropped: the section template declares the facts it must carry
(``carries:`` in its metadata); each one the offline text states must be stated again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from drafter.check.facts import Facts, name_key
from drafter.llm.matching import approx_kind, matches
from drafter.llm.truth import LABELS, MONEY_KEYS, RATE_LABELS, Truth, strings_of
from drafter.text.headings import CN_NUMERALS
from drafter.text.numbers import Quantity, find_quantities, to_wanyuan

if TYPE_CHECKING:
    from drafter.check.facts import Figure
    from drafter.draft.report import Section

__all__ = ["Required", "SectionGround", "required_facts"]

_PLAN = re.compile(
    r"计划|拟|将|下一年|明年|下年度|来年|力争|争取|预计|目标|措施|确保|今后|下一步|继续|预算年度|于\s*$"
)
_PLAN_SECTIONS = frozenset({"problems", "targets"})
_SUM_CUE = re.compile(r"(?:合计|共计|总计|累计|共|计|总额|总数|合共|之和|总共|加总)\s*(?:为|达|是)?\s*$")
_DIFF_CUE = re.compile(
    r"(?:节约|结余|节余|差额|相差|差|少|多|超出|超过|超支|增加|减少|调增|调减|下降|上升|低于|高于|余额|未支出|未使用)"
    r"[^，。；,;]{0,8}$"
)
#: words right before an amount that make it a sum of figures named before (not 总额: "预算总额")
_TOTAL_CUE = re.compile(r"(?:合计|共计|总计|之和|总共|加总|合共)\s*(?:为|达|是)?\s*$")
#: words right before an amount that make it a difference from the figure named before them
_RELATIVE = re.compile(
    r"(?:增加|减少|节约|节余|结余|超出|超支|下降|上升|增长|降低|差额|相差|调增|调减|多出|少于|多|少|差)(?:了)?\s*$"
)
_DEDUCT_CUE = re.compile(r"(?:扣|扣除|扣减|扣掉|减|失)\s*(?:了)?\s*$")
_LIST_SEP = re.compile(r"[\u4e00-\u9fff](?:和|与|以及)[\u4e00-\u9fff]")
_LAST_JOIN = _LIST_SEP
_CLAUSE_END = re.compile(r"[，。；：:,;]")
_ENUM = re.compile(f"[{CN_NUMERALS}]是")
_GENERIC_UNITS = frozenset("个项条件类方")
#: data lists a noun may count: context key → nouns that name its items
_LIST_NOUNS = {
    "units": ("内设机构", "机构", "股室", "股级", "科室", "部门", "局", "办"),
    "tasks": ("重点工作", "工作任务", "任务", "工作", "方面"),
    "payments": ("款项", "笔", "进度款", "支出"),
    "problems": ("问题", "方面", "不足"),
    "causes": ("原因", "方面"),
    "measures": ("措施", "方面", "举措"),
    "duties": ("职责", "职能"),
    "categories": ("类", "编制"),
    "items": ("指标", "二级指标", "方面"),
    "children": ("指标", "三级指标"),
    "paragraphs": ("目标", "方面"),
    "notes": ("事项", "情况"),
}


@dataclass(frozen=True)
class Required:
    """A fact a section must state: its Chinese label, kind and value."""

    label: str
    kind: str  # money / percent / score / count / text
    value: Any


def _resolve(context: Any, path: str) -> list[tuple[Any, dict[str, Any]]]:
    """Values at ``path`` ("a.b", "items[].children[].self_score", "units#" = length) with the
    innermost list item they belong to (for labels)."""
    nodes: list[tuple[Any, dict[str, Any]]] = [(context, {})]
    length = path.endswith("#")
    for part in path.rstrip("#").split("."):
        many = part.endswith("[]")
        name = part.removesuffix("[]")
        nxt: list[tuple[Any, dict[str, Any]]] = []
        for node, item in nodes:
            value = node.get(name) if isinstance(node, dict) else None
            if value is None:
                continue
            if many and isinstance(value, list):
                nxt.extend((v, v if isinstance(v, dict) else item) for v in value)
            elif not many:
                nxt.append((value, item))
        nodes = nxt
    if length:
        return [(len(v), item) for v, item in nodes if isinstance(v, list) and v]
    return [(v, item) for v, item in nodes if v not in (None, "", [], {})]


def required_facts(carries: dict[str, str], context: dict[str, Any]) -> list[Required]:
    """The facts ``carries`` (path → "kind:label") names, resolved in ``context``."""
    out: list[Required] = []
    for path, spec in carries.items():
        kind, _, label = spec.partition(":")
        for value, item in _resolve(context, path):
            try:
                shown = label.format(**{k: v for k, v in item.items() if isinstance(v, str)})
            except (KeyError, IndexError, ValueError):
                shown = label
            if kind == "text":
                out.append(Required(shown, kind, str(value)))
                continue
            try:
                number = Decimal(str(value))
            except ArithmeticError:
                continue
            out.append(Required(shown, kind, number))
    return out


def _fmt(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return text


def _wan(q: Quantity) -> Decimal | None:
    try:
        return to_wanyuan(q)
    except ValueError:
        return None


@dataclass
class SectionGround:
    """The grounding of one section: built once, then :meth:`problems` per answer."""

    section: Section
    truth: Truth
    required: list[Required] = field(default_factory=list)
    _money: set[Decimal] = field(default_factory=set)
    _percent: set[Decimal] = field(default_factory=set)
    _counts: set[tuple[Decimal, str]] = field(default_factory=set)
    _scores: set[Decimal] = field(default_factory=set)
    _deductions: set[Decimal] = field(default_factory=set)
    _plain: set[Decimal] = field(default_factory=set)
    _years: set[int] = field(default_factory=set)
    _lists: dict[str, set[int]] = field(default_factory=dict)
    _skeleton_rates: dict[str, set[Decimal]] = field(default_factory=dict)
    _progress: list[tuple[str, Decimal]] = field(default_factory=list)
    _labelled: list[tuple[str, str, Quantity]] = field(
        default_factory=list
    )  # (label, line, q) of the offline text

    @classmethod
    def build(cls, section: Section, truth: Truth, carries: dict[str, str] | None = None) -> SectionGround:
        ground = cls(section, truth)
        texts = [section.text, *strings_of(section.context)]
        for text in texts:
            ground._index_text(text)
        ground._index_context(section.context)
        for line in section.text.splitlines():
            for q in find_quantities(line):
                ground._labelled.append((_label_before(line, q), line, q))
        # the rates the formulas define, under their own names
        for subject, values in truth.rates.items():
            for value in values:
                rate = Quantity(value, "%", 0, 0, "", "percent")
                ground._labelled.append((RATE_LABELS.get(subject, subject), "", rate))
        ground._money |= truth.money_values()
        ground._percent |= truth.defined_percents()
        ground._scores |= {v for v in ground._deductions}
        facts = ground._extract(section.text)
        # what the offline text says of named works, beside the data's own progress records
        ground._progress = [(f.name or f.label, f.value) for f in facts.figures if f.key == "progress"]
        ground._progress += truth.progress
        for claim in facts.claims:
            if claim.kind == "rate" and claim.subject and claim.value is not None:
                ground._skeleton_rates.setdefault(claim.subject, set()).add(claim.value)
        if carries:
            # a declared fact is required only where the offline text states it
            every = required_facts(carries, section.context)
            unstated = set(_missing_at(every, find_quantities(section.text), section.text))
            ground.required = [r for i, r in enumerate(every) if i not in unstated]
        return ground

    # -- indexing --------------------------------------------------------------------------
    def _index_text(self, text: str) -> None:
        for q in find_quantities(text):
            if q.kind == "amount":
                wan = _wan(q)
                if wan is not None:
                    self._money.add(wan)
            elif q.kind == "percent":
                self._percent.add(q.value)
            elif q.kind == "count":
                self._counts.add((q.value, q.unit))
            elif q.kind == "score":
                self._scores.add(q.value)
                if _DEDUCT_CUE.search(text[max(0, q.start - 4) : q.start]):
                    self._deductions.add(q.value)
            elif q.kind in ("year", "date"):
                self._years.add(int(q.value))
            elif q.kind == "plain":
                self._plain.add(q.value)

    def _index_context(self, node: Any, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                self._index_context(v, k)
        elif isinstance(node, list):
            if key in _LIST_NOUNS and node:
                self._lists.setdefault(key, set()).add(len(node))
            for item in node:
                self._index_context(item, key)
        elif isinstance(node, bool) or node is None:
            return
        elif isinstance(node, (int, Decimal)) or (isinstance(node, str) and _is_number(node)):
            value = Decimal(str(node))
            if key in ("max_score", "self_score", "total", "total_max"):
                self._scores.add(value)
            elif key == "lost":
                self._deductions.add(value)
            elif key in ("year", "fiscal_year"):
                self._years.add(int(value))
            elif key in ("count", "total"):
                self._counts.add((value, "人"))

    @staticmethod
    def _extract(text: str, heading: tuple[str, ...] = ()) -> Any:
        from drafter.check.extract import extract_facts
        from drafter.read import document_from_text

        lines = [*heading, *(line.lstrip("#").strip() for line in text.splitlines())]
        return extract_facts(document_from_text("\n".join(lines), path="<润色稿>"))

    # -- checking --------------------------------------------------------------------------
    def problems(self, text: str) -> list[str]:
        """Chinese lines naming each figure that is wrong, misplaced, invented or dropped."""
        heading = self.section.heading
        lines = [line.lstrip("#").strip() for line in text.splitlines()]
        facts = self._extract(text, heading)
        per_line = [find_quantities(line) for line in lines]
        handled: set[tuple[int, int]] = set()
        out: list[str] = []

        def take(line_no: int | None, value: Decimal, unit: str | None = None) -> Quantity | None:
            if line_no is None:
                return None
            i = line_no - 1 - len(heading)
            if not 0 <= i < len(lines):
                return None
            for q in per_line[i]:
                if (i, q.start) not in handled and q.value == value and (unit is None or q.unit == unit):
                    handled.add((i, q.start))
                    return q
            return None

        def line_of(line_no: int | None) -> str:
            i = (line_no or 0) - 1 - len(heading)
            return lines[i] if 0 <= i < len(lines) else ""

        for fig in facts.figures:
            q = take(fig.source.line, fig.value, fig.unit)
            if q is None:
                continue
            verdict = self._figure(fig, q, line_of(fig.source.line))
            if verdict is None:
                handled.discard((fig.source.line - 1 - len(heading), q.start))  # type: ignore[operator]
            elif verdict:
                out.append(verdict)
        for claim in facts.claims:
            if claim.kind == "rate" and claim.subject and claim.value is not None:
                q = take(claim.source.line, claim.value, "%")
                if q is not None:
                    verdict = self._rate(claim.subject, claim.text, q, line_of(claim.source.line))
                    if verdict:
                        out.append(verdict)
        out.extend(self._scores_of(facts, take))
        for i, line in enumerate(lines):
            for q in per_line[i]:
                if (i, q.start) in handled:
                    continue
                verdict = self._unlabelled(q, line, per_line[i])
                if verdict:
                    out.append(verdict)
        out.extend(self._dropped(text, [q for qs in per_line for q in qs], facts))
        return list(dict.fromkeys(out))

    # labelled ----------------------------------------------------------------------------
    def _figure(self, fig: Figure, q: Quantity, line: str) -> str | None:
        """A problem, "" when right, None when the label is not one the data knows (or when a
        respective list, "A和B分别为x和y", leaves the label to the order of the words)."""
        start = max(line.rfind(c, 0, q.start) for c in "。；;") + 1
        if "分别" in line[start : q.start]:
            return None
        if _RELATIVE.search(line[max(0, q.start - 5) : q.start]) or _TOTAL_CUE.search(
            line[max(0, q.start - 6) : q.start]
        ):
            return None  # "比年初预算增加354.86万元", "两项合计75.97万元": a difference or a sum
        approx = approx_kind(line, q)
        truth = self.truth
        if fig.key in MONEY_KEYS and q.kind == "amount" and fig.key in truth.money:
            want = truth.money[fig.key]
            if matches(q, want, approx, money=True):
                return ""
            other = [k for k, v in truth.money.items() if k != fig.key and matches(q, v, approx, money=True)]
            label = LABELS.get(fig.key, fig.label)
            if other:
                return (
                    f"“{q.raw}”写在“{label}”处，但这是{LABELS.get(other[0], other[0])}的数值"
                    f"（{label}应为{_fmt(want)}万元）"
                )
            return f"“{label}”{q.raw}与数据不符（应为{_fmt(want)}万元）"
        if fig.key == "payment" and q.kind == "amount" and truth.payments:
            return self._named(
                q, approx, fig.name or fig.label, truth.payments, "万元", money=True, what="款项"
            )
        if fig.key.startswith("staff.") and truth.staff and q.unit in ("人", "名"):
            key = _staff_key(fig.key, truth.staff)
            want = truth.staff.get(key)
            name = "编制总人数" if fig.key == "staff.total" else fig.key.removeprefix("staff.")
            if want is not None and matches(q, want, approx):
                return ""
            other = [k for k, v in truth.staff.items() if k != key and matches(q, v, approx)]
            if other:
                shown = "编制总人数" if other[0] == "staff.total" else other[0].removeprefix("staff.")
                return f"“{q.raw}”写在“{name}”处，但这是{shown}的人数"
            if want is not None:
                return f"“{name}”{q.raw}与数据不符（应为{_fmt(want)}人）"
            return f"“{name}”{q.raw}在数据中找不到"
        if fig.key == "progress" and q.kind == "percent" and self._progress:
            return self._named(q, approx, fig.name or fig.label, self._progress, "%", what="进度")
        return None

    def _named(
        self,
        q: Quantity,
        approx: str,
        name: str,
        items: list[tuple[str, Decimal]],
        unit: str,
        *,
        money: bool = False,
        what: str,
    ) -> str:
        best = max(items, key=lambda item: _overlap(name, item[0]))
        if _overlap(name, best[0]) >= 2:
            if matches(q, best[1], approx, money=money):
                return ""
            other = [n for n, v in items if n != best[0] and matches(q, v, approx, money=money)]
            if other:
                return f"“{q.raw}”写在“{best[0]}”处，但这是“{other[0]}”的{what}"
            return f"“{best[0]}”{q.raw}与数据不符（应为{_fmt(best[1])}{unit}）"
        if any(matches(q, v, approx, money=money) for _, v in items):
            return ""
        return f"{what}“{q.raw}”在数据中找不到"

    def _rate(self, subject: str, text: str, q: Quantity, line: str) -> str:
        approx = approx_kind(line, q)
        allowed = self.truth.rates.get(subject, set()) | self._skeleton_rates.get(subject, set())
        if not allowed:
            return "" if self._percent_ok(q, approx) else f"“{text}”中的{q.raw}在数据中找不到"
        if any(matches(q, v, approx) for v in allowed):
            return ""
        label = RATE_LABELS.get(subject, subject)
        how = self.truth.rate_how.get(subject)
        want = min(allowed, key=lambda v: abs(v - q.value))
        shown = _fmt(want.quantize(Decimal("0.01")))
        return f"“{label}”{q.raw}与数据不符（{'按' + how + '应为' if how else '应为'}{shown}%）"

    def _scores_of(self, facts: Facts, take: Any) -> list[str]:
        out: list[str] = []
        nodes = self.truth.nodes
        for node in facts.nodes():
            same = nodes.get(name_key(node.name))
            if not same:
                continue
            for value, what, source, attr in (
                (node.max, "分值", node.max_source, "max"),
                (node.score, "自评得分", node.score_source, "score"),
            ):
                if value is None or source is None:
                    continue
                take(source.line, value)
                wants = [getattr(n, attr) for n in same if getattr(n, attr) is not None]
                if wants and value not in wants:
                    out.append(f"“{same[0].name}”的{what}{_fmt(value)}分与数据不符（应为{_fmt(wants[0])}分）")
            for mention in node.mentions:
                take(mention.source.line, mention.value)
                allowed = {v for n in same for v in (n.max, n.score, *n.basis_numbers)}
                if mention.label and nodes.get(name_key(mention.label)):
                    allowed = {v for n in nodes[name_key(mention.label)] for v in (n.max, n.score)}
                if mention.value not in allowed:
                    out.append(f"“{same[0].name}”正文中的得分{_fmt(mention.value)}分与数据不符")
        if facts.total is not None and self.truth.total is not None:
            take(facts.total.source.line, facts.total.value)
            if facts.total.value != self.truth.total:
                out.append(f"自评总分{_fmt(facts.total.value)}分与数据不符（应为{_fmt(self.truth.total)}分）")
        for mention in facts.restated:
            take(mention.source.line, mention.value)
            same = nodes.get(name_key(mention.label or ""))
            if same and mention.value not in {v for n in same for v in (n.score, n.max)}:
                out.append(f"“{same[0].name}”的得分{_fmt(mention.value)}分与数据不符")
        for grade in facts.grades:
            if self.truth.grade and grade.grade != self.truth.grade:
                out.append(f"评价等级“{grade.grade}”与数据不符（应为“{self.truth.grade}”）")
        return out

    # unlabelled --------------------------------------------------------------------------
    def _unlabelled(self, q: Quantity, line: str, around: list[Quantity]) -> str:
        if q.kind == "ordinal":
            return ""
        approx = approx_kind(line, q)
        if approx and q.kind in ("amount", "percent", "count"):
            return self._approx_same_label(q, line, approx)
        before = line[max(0, q.start - 12) : q.start]
        if q.kind in ("year", "date"):
            return self._year(q, line)
        if q.kind == "amount":
            wan = _wan(q)
            if wan is None:
                return ""
            if any(matches(q, v, approx, money=True) for v in self._money):
                return ""
            if self._listed(q, around, before, money=True):
                return ""
            return f"金额“{q.raw}”在数据中找不到，也不是数据中的合计或差额"
        if q.kind == "percent":
            if self._percent_ok(q, approx):
                return ""
            return f"百分比“{q.raw}”在数据中找不到，也不是指标公式可算出的比率"
        if q.kind == "score":
            if _DEDUCT_CUE.search(line[max(0, q.start - 4) : q.start]):
                pool = self._deductions
                if any(matches(q, v, approx) for v in pool):
                    return ""
                return f"扣分“{q.raw}”与本节各指标的扣分不符"
            if any(matches(q, v, approx) for v in self._scores):
                return ""
            return f"分数“{q.raw}”在本节数据中找不到"
        if q.kind == "count":
            return self._count(q, line, around, approx)
        if q.kind == "plain":
            if q.value in self._plain or q.value in self._scores or (q.value, "人") in self._counts:
                return ""
            if any(q.value == v for v, _ in self._counts):
                return ""
            return f"数字“{q.raw}”在本节数据中找不到"
        return ""

    def _approx_same_label(self, q: Quantity, line: str, approx: str) -> str:
        """An approximation no label claims: bounded by a figure of the offline text whose label
        shares words with its own ("满意度高达98%以上" is not bounded by some 100% elsewhere)."""
        label = _label_before(line, q)
        money = q.kind == "amount"
        for other_label, _, known in self._labelled:
            if known.kind != q.kind or (not money and known.unit != q.unit and q.kind == "count"):
                continue
            if _overlap(label, other_label) < 1:
                continue
            value = _wan(known) if money else known.value
            if value is not None and matches(q, value, approx, money=money):
                return ""
        return f"近似数“{q.raw}”找不到同一名称的数据可以约等"

    def _percent_ok(self, q: Quantity, approx: str) -> bool:
        return any(matches(q, v, approx) for v in self._percent)

    def _year(self, q: Quantity, line: str) -> str:
        year = int(q.value)
        fiscal = self.truth.year
        if year == fiscal or year in self._years:
            return ""
        if fiscal is not None and year == fiscal + 1:
            near = line[max(0, q.start - 8) : q.end + 8]  # "力争2024年底前", "2024年将…"
            if self.section.key in _PLAN_SECTIONS or _PLAN.search(near):
                return ""
            return f"“{q.raw}”是下一年度，只能用于计划、措施或目标"
        return f"年份“{q.raw}”不是评价年度{fiscal}年，本节数据中也没有"

    def _listed(self, q: Quantity, around: list[Quantity], before: str, *, money: bool) -> bool:
        """The sum (after 合计/共) or difference (after 节约/结余 …) of the same kind of numbers
        listed before ``q`` in its paragraph."""
        prior = [p for p in around if p.end <= q.start and p.kind == q.kind]
        if money:
            values = [w for w in (_wan(p) for p in prior) if w is not None]
        else:
            values = [p.value for p in prior if p.unit == q.unit or q.unit in _GENERIC_UNITS]
        if len(values) < 2 and not (money and values):
            return False

        def ok(v: Decimal) -> bool:
            return matches(q, v, "", money=money)

        if _SUM_CUE.search(before):
            for start in range(len(values) - 1):
                if ok(sum(values[start:], Decimal(0))):
                    return True
            # two figures named anywhere before ("三公经费…6.20万元；日常公用经费…26.83万元；两项合计")
            pool = values + (sorted(self.truth.money.values()) if money else [])
            if any(ok(a + b) for i, a in enumerate(pool) for b in pool[i + 1 :]):
                return True
        if money and _DIFF_CUE.search(before):
            pool = values + sorted(self.truth.money.values())
            for i, a in enumerate(values):
                for b in pool[i + 1 :]:
                    if ok(abs(a - b)):
                        return True
        return False

    def _count(self, q: Quantity, line: str, around: list[Quantity], approx: str) -> str:
        value, unit = q.value, q.unit
        if value == 1 and not approx:
            return ""
        same_unit = {
            v for v, u in self._counts if u == unit or (u in _GENERIC_UNITS and unit in _GENERIC_UNITS)
        }
        if any(matches(q, v, approx) for v in same_unit):
            return ""
        if unit in ("人", "名") and any(matches(q, v, approx) for v in self.truth.staff.values()):
            return ""
        if not approx:
            noun = line[q.end : q.end + 8]
            for key, nouns in _LIST_NOUNS.items():
                if value in self._lists.get(key, ()) and any(
                    noun.startswith(n) or n in noun[:6] for n in nouns
                ):
                    return ""
            if value in _lists_beside(line, q):
                return ""
            if self._listed(q, around, line[max(0, q.start - 12) : q.start], money=False):
                return ""
        return f"数量“{q.raw}”在数据中找不到，也不是本节所列项目的个数"

    # dropped -----------------------------------------------------------------------------
    def _dropped(self, text: str, quantities: list[Quantity], facts: Facts) -> list[str]:
        missing = _missing(self.required, quantities, text)
        return [f"初稿中的“{r.label}”（{_shown(r)}）在润色稿中没有写出" for r in missing]


def _shown(r: Required) -> str:
    if r.kind == "money":
        return f"{_fmt(r.value)}万元"
    if r.kind == "percent":
        return f"{_fmt(r.value)}%"
    if r.kind == "score":
        return f"{_fmt(r.value)}分"
    return str(r.value) if r.kind == "text" else _fmt(r.value)


_KINDS = {
    "money": ("amount",),
    "percent": ("percent",),
    "score": ("score", "plain"),
    "count": ("count", "plain"),
}


def _missing(required: list[Required], quantities: list[Quantity], text: str) -> list[Required]:
    return [required[i] for i in _missing_at(required, quantities, text)]


def _missing_at(required: list[Required], quantities: list[Quantity], text: str) -> list[int]:
    """The positions of the required facts no (distinct) quantity of ``text`` states: first
    matched by numbers at least as precise as the fact, then by less precise ones, then by
    approximations."""
    used: set[int] = set()
    found: dict[int, int] = {}
    numeric = [(n, r) for n, r in enumerate(required) if r.kind != "text"]
    for level in ("precise", "rounded"):
        for n, r in numeric:
            if n in found:
                continue
            kinds = _KINDS.get(r.kind, ())
            for i, q in enumerate(quantities):
                if i not in used and q.kind in kinds and _states(q, r, level):
                    found[n] = i
                    used.add(i)
                    break
    out: list[int] = []
    for n, r in enumerate(required):
        if r.kind == "text":
            if str(r.value) not in text:
                out.append(n)
        elif n not in found:
            hit = _approx_hit(r, quantities, text, used)
            if hit is None:
                out.append(n)
            else:
                used.add(hit)
    return out


def _states(q: Quantity, r: Required, level: str) -> bool:
    money = r.kind == "money"
    if level == "rounded":
        return matches(q, r.value, money=money)
    value = _wan(q) if money else q.value
    if value is None:
        return False
    places = _places_of(r.value)
    if _places_of(value) < places:
        return False
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == r.value


def _places_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _approx_hit(r: Required, quantities: list[Quantity], text: str, used: set[int]) -> int | None:
    kinds = _KINDS.get(r.kind, ())
    for i, q in enumerate(quantities):
        if i in used or q.kind not in kinds:
            continue
        # the quantity's position is within its own line: look the words up in that line
        for line in text.splitlines():
            if q.raw in line:
                approx = _approx_in(line, q)
                if approx and matches(q, r.value, approx, money=r.kind == "money"):
                    return i
                break
    return None


def _approx_in(line: str, q: Quantity) -> str:
    stripped = line.lstrip("#").strip()
    at = stripped.find(q.raw)
    if at < 0:
        return ""
    shifted = Quantity(q.value, q.unit, at, at + len(q.raw), q.raw, q.kind, q.approx)
    return approx_kind(stripped, shifted)


def _staff_key(key: str, staff: dict[str, Decimal]) -> str:
    """The data's staff key for a written one: 行政编制 is 行政编, 在编人员 the total."""
    if key in staff:
        return key
    name = key.removeprefix("staff.")
    for known in staff:
        other = known.removeprefix("staff.")
        if known != "staff.total" and (name.rstrip("制") == other.rstrip("制") or name[:2] == other[:2]):
            return known
    return key


def _overlap(a: str, b: str) -> int:
    """How many two-character pieces two names share (a rough name match)."""
    pieces = {a[i : i + 2] for i in range(len(a) - 1)}
    return sum(1 for i in range(len(b) - 1) if b[i : i + 2] in pieces)


def _label_before(line: str, q: Quantity) -> str:
    """The words before ``q`` in its clause: what it is a figure of."""
    start = max((m.end() for m in _CLAUSE_END.finditer(line, 0, q.start)), default=0)
    return re.sub(r"[\d.,%约近超过逾余多]+", "", line[start : q.start])


def _sentence(line: str, at: int) -> str:
    start = max(line.rfind(c, 0, at) for c in "。；;") + 1
    ends = [e for e in (line.find(c, at) for c in "。；;") if e >= 0]
    return line[start : min(ends) if ends else len(line)]


def _lists_beside(line: str, q: Quantity) -> set[int]:
    """Lengths of the lists written right before ``q`` in its clause ("塘口镇、织篢镇4个镇") or
    right after it behind a colon ("4个机构：A、B、C、D"), and of 一是…二是… enumerations."""
    out: set[int] = set()
    start = max((m.end() for m in _CLAUSE_END.finditer(line, 0, q.start)), default=0)
    head = line[start : q.start]
    head = re.sub(r"(?:等|共|计|合计|共计|这|以上|上述)+\s*$", "", head)
    if "、" in head or _LIST_SEP.search(head):
        out.add(_items(head))
    rest = line[q.end :]
    colon = re.search(r"^[^，。；]{0,16}?(?:[:：]|分别为|分别是|包括|即)", rest)
    if colon:
        tail = re.split(r"[。；]", rest[colon.end() :], maxsplit=1)[0]
        parts = re.split(r"[、，,]", tail)
        kept = [p for p in parts if p.strip() and not re.match(r"\s*(?:合计|共计|总计|小计|总额)", p)]
        out.add(_items("、".join(kept)))
    enums = set(_ENUM.findall(line))
    if enums:
        out.add(len(enums))
    return out


def _items(text: str) -> int:
    """How many items "A、B、C和D" lists (a 和/与/以及 in the last item joins one more)."""
    parts = [p for p in text.split("、") if p.strip()]
    if parts and _LAST_JOIN.search(parts[-1]):
        return len(parts) + 1
    return len(parts)


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return len(text) < 24

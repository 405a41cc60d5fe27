"""Facts: the one representation every check runs on.

A report (via :func:`drafter.check.extract.extract_facts`) and evaluation data (via
:func:`drafter.check.from_data.facts_from_data`) both become :class:`Facts`: a score tree, the
stated total, labelled figures, claims, listed entities, years and names — each carrying the
:class:`Source` it came from (line and verbatim quote for a report, field path for data). Rules
never look at raw text; they read Facts and report Findings.

Slotted dataclasses rather than pydantic models: a batch run builds tens of thousands of these
per second and they are produced by our own code, so validation would only cost time. The records
built by the hundred per report (:class:`Source`, :class:`ScoreNode`, :class:`Figure`,
:class:`Claim` …) are not ``frozen``: a frozen dataclass must set each field through the slot's
descriptor, which made building them about 6% of a whole check (0.85 M of 14.9 M instructions on
the sample). They are immutable by contract instead — equal and hashed by value like a frozen
dataclass, never assigned after construction — and ``tests/test_records.py`` holds every code path
to that by checking every example and fixture with assignment to a set field refused. The few
objects built once per report (:class:`Facts`, :class:`CheckContext`, :class:`Tolerances`) stay
frozen.

Tolerances (:func:`rounding_tolerance`) follow the XBRL calculation rule: each figure stated with
*n* decimals may be off by half a unit of its last place, and a sum may be off by the sum of its
addends' (and its total's) half-units. Money is compared in 万元, so a figure's half-unit is
converted along with its value (:attr:`Figure.allowance`): 32153000元 may be off by 0.5元, not 0.05万.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING, TypeVar

from drafter.figures import is_figure_key
from drafter.frozen import fast_init
from drafter.text.approx import bounds as approx_bounds
from drafter.text.money import in_wan
from drafter.text.names import name_key
from drafter.text.numbers import WAN_PER_UNIT

if TYPE_CHECKING:  # loaded only for --data / --rubric
    from drafter.data.model import EvaluationData
    from drafter.rubric.model import Rubric

__all__ = [
    "CLAIM_KINDS",
    "Breakdown",
    "CheckContext",
    "Claim",
    "DocumentAmount",
    "EntityList",
    "Facts",
    "Figure",
    "FundsRow",
    "GradeStatement",
    "GradeTally",
    "IndicatorRow",
    "NameMention",
    "Placeholder",
    "Quota",
    "QuotaRate",
    "RepeatedNumber",
    "ScoreMention",
    "ScoreNode",
    "Source",
    "StatedTotal",
    "Tolerances",
    "YearMention",
    "half_unit",
    "name_key",
    "rounding_tolerance",
    "score_tolerance",
]

#: Figure keys are registered in ``schemas/figures.yaml`` (:mod:`drafter.figures`): money in the
#: unit as written (see :attr:`Figure.wan`); ``staff.<category>`` (e.g. ``staff.行政编``),
#: ``payment`` (named sub-amounts of 项目支出) and ``progress`` (percent complete of one work) carry
#: the label as the distinguishing name. A key not registered is our bug: :class:`Figure` refuses it.

#: Claim kinds.
#: compare — "A 小于/低于/不超过/大于 B" in words (left/op/right are figure keys);
#: complete — 100% / 全部 / 所有…按时完成 / 完成验收;
#: unfinished — 进度65% / 暂未验收 / 未完成 / 基本完工;
#: rate — "利用率达到100%" (subject = figure-key prefix, value = the percent);
#: no_problem — "存在问题：无/暂无";
#: target — a rate stated as an aim or a threshold ("四是预算执行率达到95%以上"), never a measurement;
#: missed — a stated target and, in the same sentence, a value reached that falls short of it
#: ("指标值为不低于180人，全年实际完成值164人"; subject = the indicator's words, value = the value reached).
CLAIM_KINDS = ("compare", "complete", "unfinished", "rate", "no_problem", "target", "missed")


@dataclass(slots=True, unsafe_hash=True)
class Source:
    """Where a fact was stated.

    ``line``/``end_line`` are 1-based document lines (or the YAML line for data, else None);
    ``col`` 1-based column in the raw line; ``quote`` the verbatim text of ``Line.text``
    (the whole line, or the clause that states the fact); ``path`` the data field path.
    """

    line: int | None
    end_line: int | None = None
    col: int | None = None
    quote: str = ""
    path: str | None = None

    @property
    def last_line(self) -> int | None:
        return self.end_line if self.end_line is not None else self.line


@dataclass(slots=True, unsafe_hash=True)
class ScoreMention:
    """A score stated in a node's body ("自评得5分"); ``label`` is the sub-item it names, if any."""

    value: Decimal
    source: Source
    max: Decimal | None = None
    label: str | None = None
    phrase: str = ""  # the matched words, e.g. "自评得5分"


@dataclass(slots=True, unsafe_hash=True)
class ScoreNode:
    """One indicator of the score tree.

    ``level`` is the indicator level (1 = 一级指标 such as 预算编制情况, 2 = 预算编制 /
    资金管理 …, 3 = 预算编制合理性 …). ``score`` is the self score as stated — in the header
    ("指标总分8，自评8分"), or, when the header has none, from the body ("在经济性方面，自评分为5分");
    ``score_source`` says where. ``mentions`` are the *other* scores stated in the body.
    ``basis`` is the body text, ``reason`` the sentence that explains a deduction ('' if none).
    """

    name: str
    level: int
    source: Source
    max: Decimal | None = None
    score: Decimal | None = None
    score_source: Source | None = None
    max_source: Source | None = None
    basis: str = ""
    reason: str = ""
    mentions: tuple[ScoreMention, ...] = ()
    children: tuple[ScoreNode, ...] = ()
    marker: str = ""  # heading marker as written: "1." / "（1）" / "" for table rows
    path: str = ""  # names from the root, joined by "/", e.g. "预算执行情况/资金管理"

    def walk(self) -> Iterator[ScoreNode]:
        """This node and every node below it, depth first."""
        return _depth_first((self,))

    @property
    def effective_max(self) -> Decimal | None:
        """The maximum as stated, else the sum of the children's (when every one is known): a
        group row of a score table often states none of its own."""
        if self.max is not None or not self.children:
            return self.max
        parts = [c.effective_max for c in self.children]
        return None if any(p is None for p in parts) else sum(parts, Decimal(0))  # type: ignore[misc]

    @property
    def effective_score(self) -> Decimal | None:
        """The score as stated, else the sum of the children's (when every one is known)."""
        if self.score is not None or not self.children:
            return self.score
        parts = [c.effective_score for c in self.children]
        return None if any(p is None for p in parts) else sum(parts, Decimal(0))  # type: ignore[misc]

    @property
    def deduction(self) -> Decimal | None:
        if self.max is None or self.score is None:
            return None
        return self.max - self.score


def _depth_first(roots: tuple[ScoreNode, ...]) -> Iterator[ScoreNode]:
    """``roots`` and their descendants, depth first, each before its children: one generator and a
    stack (most rules walk the tree; nested generators resume once per level for every node)."""
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        yield node
        if node.children:
            stack.extend(reversed(node.children))


@dataclass(slots=True, unsafe_hash=True)
class StatedTotal:
    """The total self score stated for the whole report ("自评得分为96分")."""

    value: Decimal
    source: Source
    max: Decimal | None = None


#: The money units a Figure converts to 万元 (its value and its rounding allowance alike): every unit
#: of the one table, :data:`drafter.text.numbers.WAN_PER_UNIT` (元, 千元, 万元, 百万元, 千万元, 亿元),
#: so that 决算 figures in 千元 add up with figures in 万元 instead of being compared as written.
_FIGURE_WAN_PER_UNIT = WAN_PER_UNIT
#: … and for the units below 万元, how many of them make one 万元: 元 are divided by 10000 (千元 by
#: 10) rather than multiplied by 0.0001, so the quotient keeps only the places it needs
#: (32153000元 → 3215.3, as findings print it, not 3215.3000; 6492.3千元 → 649.23, not 649.230).
_FIGURE_PER_WAN = {unit: Decimal(int(1 / f)) for unit, f in _FIGURE_WAN_PER_UNIT.items() if f < 1}


@dataclass(slots=True, unsafe_hash=True)
class Figure:
    """A labelled figure: ``key`` registered in the figure registry, ``label`` as written."""

    key: str
    label: str
    value: Decimal
    unit: str
    source: Source
    name: str = ""  # for payment/progress/staff.<c>: the thing it belongs to
    #: "" as written exactly, else how it approximates (约3100万元, 3100余万元: drafter.text.approx)
    approx: str = ""

    def __post_init__(self) -> None:
        if not is_figure_key(self.key):
            raise ValueError(f"figure key {self.key!r} is not in schemas/figures.yaml")

    @property
    def wan(self) -> Decimal | None:
        """The value in 万元 for money, else None."""
        if self.unit == "万元":  # most figures: no arithmetic
            return self.value
        per_wan = _FIGURE_PER_WAN.get(self.unit)
        if per_wan is not None:
            return self.value / per_wan
        factor = _FIGURE_WAN_PER_UNIT.get(self.unit)
        return None if factor is None else self.value * factor

    @property
    def amount(self) -> Decimal:
        """Money in 万元, anything else as stated (for comparisons of like with like)."""
        w = self.wan
        return self.value if w is None else w

    @property
    def amount_unit(self) -> str:
        """The unit of :attr:`amount`: 万元 for money, else the unit as written."""
        return "万元" if self.wan is not None else self.unit

    def comparable(self, other: Figure) -> bool:
        """Whether this figure's amount can be set against ``other``'s: both money, or one unit."""
        return self.amount_unit == other.amount_unit

    @property
    def allowance(self) -> Decimal:
        """Half a unit of the last written place, in the unit of :attr:`amount` (万元 for money),
        so it can be set against amounts like its value: 3115.27万 → 0.005, 32153000元 → 0.00005
        (0.5元), 6492千元 → 0.05 (0.5千元), 35百万元 → 50 (0.5百万元), 0.32亿元 → 50 (0.005亿元),
        20人 → 0.5. Converting the value first would not do:
        32153000元 is 3215.3万 with a last place of 0.1万."""
        factor = _FIGURE_WAN_PER_UNIT.get(self.unit)
        half = half_unit(self.value)
        # 万元 and units that are no money count as they are: times 1 would give the same Decimal
        return half if factor is None or self.unit == "万元" else half * factor

    @property
    def bounds(self) -> tuple[Decimal, Decimal]:
        """The true amounts (low, high) the figure admits, in the unit of :attr:`amount`: its
        rounding (± :attr:`allowance`), or an approximation's range (约3100万元: 2952.38–3263.16;
        3100余万元: 3100–3200)."""
        if not self.approx:
            amount, allowance = self.amount, self.allowance
            return amount - allowance, amount + allowance
        low, high = approx_bounds(self.value, self.approx)
        scale = self.amount / self.value if self.value else Decimal(1)
        return low * scale, high * scale


@dataclass(slots=True, unsafe_hash=True)
class Claim:
    """A statement in words that figures or other statements can contradict (see CLAIM_KINDS)."""

    kind: str
    text: str  # the matched phrase
    source: Source
    # compare/rate: a figure-key prefix ("sangong", "public", "assets", "spend", "procurement",
    # "completion", "satisfaction"); complete/unfinished: the words before the phrase in its
    # clause ("所有部门的预算项目都" is sweeping, "高标准农田建设项目按期完成并" names one work),
    # or the work's name for a progress percent
    subject: str | None = None
    left: str | None = None  # compare: figure key on the left
    op: str | None = None  # compare: "<" "<=" ">" ">=" "="
    right: str | None = None  # compare: figure key on the right
    value: Decimal | None = None  # rate / progress percent
    #: which sentence of its line the claim stands in (0 for the first; a sentence ends at 。！？):
    #: two claims on one line in different sentences are separate statements, while the clauses
    #: of one sentence qualify each other ("……均已完成，其中……尚未验收")
    sentence: int = 0
    approx: str = ""  # rate: "" as written exactly, else how it approximates ("约为100%")


@dataclass(slots=True, unsafe_hash=True)
class Breakdown:
    """A stated total with its listed parts, in one sentence: "共投入资金1987.08万元。其中中央资金
    776.84万元，省级资金290.36万元……" or "支付甲工程款1000.00万元、乙工程款1598.50万元，合计
    2598.50万元". Parts are money (any unit) or counts in the total's unit; ``source`` quotes the
    sentence. The figures' keys are "total" and "part"; their labels are the words before them."""

    total: Figure
    parts: tuple[Figure, ...]
    source: Source
    #: where the list may also end: numbers of leading parts before each "；" of the sentence
    #: ("……16.11万元；耒水河……" lists two works' costs under one total, or ends after the first)
    cuts: tuple[int, ...] = ()
    #: the amount of another kind that ended the list in its sentence ("……县财政配套资金30.9万元，
    #: 2021年度中央下达资金61.8万元"): it may restate one of the parts
    after: Figure | None = None


@dataclass(slots=True, unsafe_hash=True)
class EntityList:
    """A stated count followed by a list: "设4个正股级内设机构：A、B、C、D"."""

    kind: str  # "units" (内设机构) or another noun as written
    items: tuple[str, ...]
    source: Source
    count: int | None = None
    noun: str = ""  # the counted noun as written, e.g. "正股级内设机构"


@dataclass(slots=True, unsafe_hash=True)
class NameMention:
    """A name used in the report: a unit as a paragraph head, or the department's name."""

    name: str
    kind: str  # "unit_head" | "dept_full" | "dept_short"
    source: Source


@dataclass(slots=True, unsafe_hash=True)
class YearMention:
    """A four-digit year ("2020年度") with the words right after it (what it qualifies)."""

    year: int
    context: str  # the words after the year, e.g. "年度县级财政部门印发的预算编制工作方案"
    source: Source
    before: str = ""  # the words before it in the same clause


@dataclass(slots=True, unsafe_hash=True)
class DocumentAmount:
    """The amount a numbered document allocates, as one sentence states it ("呼财农指【2023】41号
    文件……下达**河县2023年资金5万元"), or one funding source's amount ("其中中央财政资金30.9万元").
    ``key`` identifies what is compared (a document by the issuer's last two characters, year and
    number: "农指2023-41"); ``doc`` names it as written (the number, or "中央资金")."""

    key: str
    doc: str
    amount: Figure
    #: what ``doc`` names: "document" (a numbered document) or "source" (a funding source)
    kind: str = "document"


@dataclass(slots=True, unsafe_hash=True)
class Quota:
    """A count or amount a report plans or says was done: "任务数为115户" (``kind`` "task"),
    "实际完成改造264户" ("done"). ``label`` is the words before the number in its clause;
    ``sentence`` which sentence of its line it stands in (see :attr:`Claim.sentence`)."""

    kind: str  # "task" | "done"
    value: Decimal
    unit: str
    label: str
    source: Source
    sentence: int = 0

    @property
    def amount(self) -> tuple[Decimal, str]:
        """The value with the unit it is compared in: money in 万元, anything else as written."""
        factor = WAN_PER_UNIT.get(self.unit)
        return (self.value, self.unit) if factor is None else (self.value * factor, "万元")


@dataclass(slots=True, unsafe_hash=True)
class QuotaRate:
    """A stated rate of fulfilment: "超任务43%" (``kind`` "over": how far the done count exceeds
    the task, in % of the task or in 个百分点), "完成任务的112%" / "任务完成率95%" ("share": the done
    count as a percent of the task). ``general`` is a bare "完成率", which only the task and done
    counts of its own sentence can be set against."""

    kind: str  # "over" | "share"
    value: Decimal
    unit: str  # "%" | "百分点"
    text: str
    source: Source
    sentence: int = 0
    general: bool = False
    #: the words of its sentence before it ("我市实际改造数"): what the rate is about
    subject: str = ""


@dataclass(slots=True, unsafe_hash=True)
class Placeholder:
    """Template text left in: "【待补充：…】", "≥**平方米", "XX万元", "20xx年" (``text`` as written)."""

    text: str
    source: Source


@dataclass(slots=True, unsafe_hash=True)
class RepeatedNumber:
    """A list number used again right after a run up to it ("1. 2. 3. 4. 4."): ``source`` quotes
    the second one; ``first_line`` is where the number was first used."""

    number: int
    source: Source
    first_line: int | None = None


@dataclass(slots=True, unsafe_hash=True)
class GradeStatement:
    """A stated grade: 优 / 良 / 中 / 差 (一等, A档 … as the lexicon maps them). ``score`` is the
    score stated with it when there is one ("评价分值:88.64分评价等级:良"; a form's 自评分值 and
    自评等级): the grade is judged by that score, not by the report's total."""

    grade: str
    source: Source
    score: Decimal | None = None


@dataclass(frozen=True, slots=True)
class GradeTally:
    """How many items a report says got a grade: "21个项目评为一等，涉及资金656.93万元". ``word`` is
    the grade as written (一等), ``grade`` its canonical 优/良/中/差."""

    word: str
    grade: str
    count: int
    noun: str  # the measure word and noun as written: 个项目 / 家单位 / 项
    source: Source


@dataclass(slots=True, unsafe_hash=True)
class FundsRow:
    """A row of the 项目支出 自评表 funds block (amounts as stated, in ``unit``)."""

    name: str  # 年度资金总额 / 本年财政拨款 / 上年结转资金 / 其他资金
    source: Source
    initial: Decimal | None = None  # 年初预算数
    budget: Decimal | None = None  # 全年预算数 (A)
    actual: Decimal | None = None  # 全年执行数 (B)
    max: Decimal | None = None  # 分值
    rate: Decimal | None = None  # 执行率 (B/A), in percent as stated
    score: Decimal | None = None  # 得分
    #: the unit of the amounts: a "金额单位：元" line above the table or a "（元）" header cell
    unit: str = "万元"

    def wan(self, amount: Decimal | None) -> Decimal | None:
        """One of this row's amounts in 万元."""
        return None if amount is None else in_wan(amount, self.unit)


@dataclass(slots=True, unsafe_hash=True)
class IndicatorRow:
    """An indicator row of the 项目支出 自评表 (or of a 部门整体 score table)."""

    source: Source
    level1: str = ""
    level2: str = ""
    level3: str = ""
    target: str = ""  # 年度指标值, as written
    actual: str = ""  # 实际完成值, as written
    max: Decimal | None = None  # 分值
    score: Decimal | None = None  # 得分
    reason: str = ""  # 偏差原因分析及改进措施
    #: whether the table has a 偏差原因 (扣分原因) column at all
    reason_column: bool = True
    #: the 单项得分 of a table whose score is weighted (权重 | 单项得分 | 折算得分): ``max`` is then
    #: the weight and ``score`` the 折算得分
    raw: Decimal | None = None
    #: for a table without a 偏差原因 column: the sentence of the prose that says why the row lost
    #: points (under 存在的问题, or naming the indicator with a shortfall word)
    text_reason: Source | None = None

    @property
    def name(self) -> str:
        return self.level3 or self.level2 or self.level1


@fast_init
@dataclass(frozen=True, slots=True)
class Facts:
    """Everything the checks need to know about one report (or one data file)."""

    origin: str = "report"  # "report" | "data"
    path: str = ""
    scores: tuple[ScoreNode, ...] = ()  # roots of the score tree
    total: StatedTotal | None = None
    #: the 合计/总分 row of a score table when the text states the total as well (both must
    #: equal the sum of the scores)
    table_total: StatedTotal | None = None
    figures: tuple[Figure, ...] = ()
    claims: tuple[Claim, ...] = ()
    entities: tuple[EntityList, ...] = ()
    names: tuple[NameMention, ...] = ()
    years: tuple[YearMention, ...] = ()
    year: int | None = None  # the report year
    year_source: Source | None = None
    dept_full: str | None = None
    dept_short: str | None = None
    grades: tuple[GradeStatement, ...] = ()
    #: items counted by grade ("21个项目评为一等"): not the report's own grade
    grade_tallies: tuple[GradeTally, ...] = ()
    #: the grade bands the report states ("90分以上为优，80-89分为良…"): (grade, lowest total),
    #: highest first; () when it states none
    grade_bands: tuple[tuple[str, Decimal], ...] = ()
    funds: tuple[FundsRow, ...] = ()
    indicators: tuple[IndicatorRow, ...] = ()
    #: indicator scores restated outside the analysis — in 四、存在的问题… / 五、其他需要说明…
    #: ("“资金管理”指标（分值20分）自评16分，扣4分") or beside the total in the 结论; ``label``
    #: is the indicator named, ``max`` the bracketed 分值 if stated. They make no node of the
    #: tree and do not count towards the total; SC006 compares them with the node they name.
    restated: tuple[ScoreMention, ...] = ()
    #: stated totals with their listed parts (FG001 sums them)
    breakdowns: tuple[Breakdown, ...] = ()
    #: template text left in (【待补充】, "**" or "XX" where a number belongs, "20xx年")
    placeholders: tuple[Placeholder, ...] = ()
    #: list numbers used twice in a row
    repeated_numbers: tuple[RepeatedNumber, ...] = ()
    #: amounts allocated by numbered documents, each time one is cited
    document_amounts: tuple[DocumentAmount, ...] = ()
    #: score rows seen whose cells were glued together so that their digits split more than one
    #: way ("补贴渔船数6620"): not read, named so that RD001 can say what it saw
    unsplit: tuple[Source, ...] = ()
    #: task (plan) and done counts, read only when the report states a rate of fulfilment
    quotas: tuple[Quota, ...] = ()
    #: rates of fulfilment stated against them ("超任务43%", "完成任务的112%")
    quota_rates: tuple[QuotaRate, ...] = ()
    #: the line where the text stops mid-sentence (an excerpt, a lost page), else None: its last
    #: indicator group may go on past it
    cut: int | None = None
    #: every node of the score tree, depth first: listed once, as most rules walk the whole tree
    _all_nodes: tuple[ScoreNode, ...] = field(default=(), init=False, repr=False, compare=False)
    #: the figures by key and the claims by kind, each in report order: made on first use (see
    #: :meth:`figures_for`) and shared by every rule that asks, instead of each rule scanning them
    _figures_by_key: dict[str, tuple[Figure, ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _claims_by_kind: dict[str, tuple[Claim, ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    #: :meth:`scored_top`, made on first use (several rules and the checker's total ask for it)
    _scored_top: tuple[ScoreNode, ...] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.scores:
            object.__setattr__(self, "_all_nodes", tuple(_depth_first(self.scores)))

    def nodes(self) -> Iterator[ScoreNode]:
        """Every node of the score tree, depth first."""
        return iter(self._all_nodes)

    def scored_top(self) -> tuple[ScoreNode, ...]:
        """The nodes whose scores make up the total: the top-most scored node on every path
        (level-2 nodes in the sample, whose level-1 groups carry no score; the level-1 nodes
        where those are scored; leaves in a 自评表 whose groups carry none)."""
        top = self._scored_top
        if top is None:
            top = _scored_top(self.scores)
            object.__setattr__(self, "_scored_top", top)
        return top

    def figures_by_key(self) -> dict[str, tuple[Figure, ...]]:
        """Every figure by its key, in report order (made once per Facts: the rules ask for one
        key after another, and one pass over the figures costs what two scans for a key did)."""
        index = self._figures_by_key
        if index is None:
            index = _grouped(self.figures, _KEY_OF)
            object.__setattr__(self, "_figures_by_key", index)
        return index

    def figures_for(self, key: str) -> tuple[Figure, ...]:
        return self.figures_by_key().get(key, ())

    def figure(self, key: str) -> Figure | None:
        found = self.figures_by_key().get(key)
        return found[0] if found else None

    def claims_of(self, kind: str) -> tuple[Claim, ...]:
        index = self._claims_by_kind
        if index is None:
            index = _grouped(self.claims, _KIND_OF)
            object.__setattr__(self, "_claims_by_kind", index)
        return index.get(kind, ())


def _scored_top(roots: tuple[ScoreNode, ...]) -> tuple[ScoreNode, ...]:
    """The top-most scored node on every path from ``roots`` (see :meth:`Facts.scored_top`)."""
    out: list[ScoreNode] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        if node.score is not None:
            out.append(node)
        else:
            stack.extend(reversed(node.children))
    return tuple(out)


_T = TypeVar("_T")
_KEY_OF = attrgetter("key")
_KIND_OF = attrgetter("kind")


def _grouped(items: tuple[_T, ...], key: Callable[[_T], str]) -> dict[str, tuple[_T, ...]]:
    """``items`` grouped by ``key``, each group in report order (the figures by key, the claims by
    kind). The groups are built as tuples (a group has one to three items): lists turned into tuples
    afterwards cost half as much again."""
    groups: dict[str, tuple[_T, ...]] = {}
    for item in items:
        k = key(item)
        if k in groups:
            groups[k] += (item,)
        else:
            groups[k] = (item,)
    return groups


# --- tolerances ---------------------------------------------------------------------------------


#: half a unit of each last place a report writes (exponent → 5 × 10^(exponent − 1)), made once
_HALF_UNITS = {exp: Decimal(5).scaleb(exp - 1) for exp in range(-20, 21)}


def _exponent_of(value: Decimal) -> int | None:
    """The exponent of ``value`` as written (3115.27 → -2, 96 → 0, 1E+2 → 2), None for NaN and
    Infinity. Read from its text when that has no exponent: ``as_tuple`` builds a named tuple of
    all the digits, a few times the cost, and the rules ask this of every figure they compare."""
    text = str(value)
    if "E" in text or "e" in text or not value.is_finite():
        exp = value.as_tuple().exponent
        return exp if isinstance(exp, int) else None
    point = text.find(".")
    return 0 if point < 0 else point + 1 - len(text)


_CENT, _ONE = Decimal("0.01"), Decimal(1)
_HALF_CENT, _HALF_ONE = _HALF_UNITS[-2], _HALF_UNITS[0]


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last stated place: 3115.27 → 0.005, 96 → 0.5, 95.6 → 0.05."""
    # the two last places most figures and scores are written to (万元 to the cent, whole numbers):
    # one C call each, where reading the exponent from the text costs some 3k instructions
    if value.same_quantum(_CENT):
        return _HALF_CENT
    if value.same_quantum(_ONE):
        return _HALF_ONE
    exp = _exponent_of(value)
    if exp is None:  # NaN / Infinity: no tolerance makes sense
        return Decimal(0)
    half = _HALF_UNITS.get(exp)
    return half if half is not None else Decimal(5).scaleb(exp - 1)


def rounding_tolerance(values: Iterable[Decimal]) -> Decimal:
    """The XBRL-style tolerance of a calculation over ``values`` (addends and the total):
    the sum of their half-units of last place."""
    return sum((half_unit(v) for v in values), Decimal(0))


def score_tolerance(values: Iterable[Decimal]) -> Decimal:
    """Tolerance of a score sum: scores stated as whole numbers are exact (rubric points), those
    stated with decimals (8.33) may be off by half a unit of their last place each."""
    return sum((half_unit(v) for v in values if _exponent(v) < 0), Decimal(0))


#: the largest half-unit :func:`score_tolerance` gives one score: a score with one decimal (8.5)
_MAX_SCORE_HALF_UNIT = Decimal("0.05")


def _exponent(value: Decimal) -> int:
    exp = _exponent_of(value)
    return 0 if exp is None else exp


@fast_init
@dataclass(frozen=True, slots=True)
class Tolerances:
    """Explicit tolerances of the checks.

    ``rate_points``: a stated percentage may differ from the one computed from its figures by
    its own rounding (half a unit of its last place) plus this many percentage points, to allow
    for the figures' rounding when they are small. ``score``: extra slack on score sums beyond
    the stated precision (0 by default: scores are exact by rubric).
    """

    rate_points: Decimal = Decimal(0)
    score: Decimal = Decimal(0)
    money: Decimal = Decimal(0)

    def scores_ok(self, parts: Iterable[Decimal], total: Decimal) -> bool:
        """Whether score ``parts`` add up to ``total`` (see :func:`score_tolerance`)."""
        parts = tuple(parts)
        got = sum(parts, Decimal(0))
        if got == total and self.score >= 0:
            # parts that add up exactly need no tolerance (score_tolerance is never negative): the
            # common case, without working out the last place of every score
            return True
        off = abs(got - total)
        if off > _MAX_SCORE_HALF_UNIT * (len(parts) + 1) + self.score:
            # further off than any tolerance: a score's half-unit is at most 0.05 (of one decimal),
            # so the last place of every score need not be worked out (a mismatch by whole points)
            return False
        slack = score_tolerance((*parts, total)) + self.score
        return off <= slack

    def sum_ok(self, parts: Iterable[Decimal], total: Decimal, *, extra: Decimal | None = None) -> bool:
        """Whether ``sum(parts)`` equals ``total`` within the stated precision (+ ``extra``)."""
        parts = tuple(parts)
        slack = rounding_tolerance((*parts, total)) + (self.money if extra is None else extra)
        return abs(sum(parts, Decimal(0)) - total) <= slack


@fast_init
@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a rule may consult besides the Facts: the rubric (``--rubric``), the evaluation data
    (``--data``), the report year if given from outside, and the tolerances."""

    rubric: Rubric | None = None
    #: the evaluation data, or Facts made of it already (facts_from_data)
    data: EvaluationData | Facts | None = None
    year: int | None = None
    tolerances: Tolerances = field(default_factory=Tolerances)

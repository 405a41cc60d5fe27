"""Labelled figures and the claims made about them in words.

A figure's label is the text before it in its clause ("预算调整总额3115.48万"); the topic (三公经费,
日常公用经费, 政府采购, 固定资产, 在编人员) carries over the clauses of one segment (up to "；" or
"。"), so "三公经费预算总额13.00万，实际支出总额6.20万" gives sangong.budget and sangong.actual.
Numbers come from :func:`drafter.text.numbers.find_quantities`; this module only names them.
"""

from __future__ import annotations

import re
from decimal import Decimal

from drafter.check.extract import _claimwords as claimwords
from drafter.check.extract import _figwords as words
from drafter.check.extract._common import ZONE_RESTATE, TextLine, source_of
from drafter.check.extract._scan import LineScan
from drafter.check.extract.lexicon import holds_any
from drafter.check.facts import Claim, Figure, Source
from drafter.text.approx import approx_kind
from drafter.text.numbers import Quantity

__all__ = ["extract_claims", "extract_figures"]

_FIGURE_KINDS = frozenset(("amount", "percent", "count"))
#: a line worth asking find_quantities about: a number with a money (元 万 亿 千元 百万元 千万元),
#: percent or 人 unit, or 百分之. Two patterns, each starting with a character class that re scans
#: for in C (one alternation of both was tried at every character of the line).
_HAS_FIGURE = (
    re.compile(r"[0-9]\s*(?:万|元|亿|%|人|名|百分|千万?元|百万元)"),
    re.compile(r"[一二两三四五六七八九十百]\s*(?:人|名)"),
)
#: the unit words of _HAS_FIGURE, each in a pattern that starts with its literal first character
#: (``re`` skips to that character in a tight loop of a few instructions per character, where a
#: pattern that starts with a class tries the class at every character) and looks behind it for
#: the character before the number's unit: a digit (a numeral before 人 and 名) or white space
#: (group 1 of the branch that matched; none for 百分之, which is a figure wherever it stands)
_UNIT_AFTER = tuple(
    re.compile(p)
    for p in (
        r"万(?<=([0-9\s])万)",
        r"元(?:(?<=([0-9\s])元)|(?<=([0-9\s])千元)|(?<=([0-9\s])千万元)|(?<=([0-9\s])百万元))",
        r"亿(?<=([0-9\s])亿)",
        r"%(?<=([0-9\s])%)",
        r"人(?<=([0-9一二两三四五六七八九十百\s])人)",
        r"名(?<=([0-9一二两三四五六七八九十百\s])名)",
        r"百分(?:之|(?<=([0-9\s])百分))",
    )
)
#: the longest match of _UNIT_AFTER: 百分之
_UNIT_AFTER_REACH = 3
#: topic words (三公经费, 日常公用经费, 政府采购, 固定资产, 在编 …) from the figure registry
_TOPICS = tuple((rx, topic, gate) for (rx, topic), gate in zip(words.TOPICS, words.TOPIC_GATES, strict=True))
#: (every word holds 付 or 款, every one of _NAMED_PAYMENT 款: tested before the patterns)
_PAYMENT = re.compile(r"支付|拨付|进度款|工程款|付款")
#: a claim's budget side that names the initial budget (年初预算数, 预算年初数)
_CLAIM_INITIAL = re.compile(r"年初")
#: … or the adjusted one by name; a bare 预算 in a claim also means the adjusted budget
_CLAIM_ADJUSTED = re.compile(r"调整|全年预算|年度预算")
_BUDGET = re.compile(r"预算|计划")
_ACTUAL = re.compile(r"实际|决算|支出|执行|使用")
_SPEND_TOTAL = words.SPEND_TOTAL
_REMAINDER = words.REMAINDER
_REMAINDER_CHARS = words.REMAINDER_CHARS
#: keys of the money labels tried after the topics, in the registry's order of precedence
_PLAIN_MONEY = tuple(
    ((k, rx), chars)
    for (k, rx), chars in zip(words.MONEY_KEYS, words.MONEY_CHARS, strict=True)
    if k != "funds.paid"
)
_PAID_CHARS = words.PAID_CHARS
#: a payment to a named work is a sub-amount, not the funds paid out as a whole
_NAMED_PAYMENT = re.compile(r"进度款|工程款")
_STAFF_TOTAL = re.compile(r"共|总|合计|核定|定编|在编人员|编制人数|编制数|人员编制|在职人员")
#: establishment categories (行政编, 事业编, 工勤编, 参公编制, 工勤人员); 退休/编外/聘用 staff are
#: not part of the establishment total and are not taken
_STAFF_CATEGORY = re.compile(r"([\u4e00-\u9fff]{0,4}(?:编制|编)|工勤(?:人员)?)$")
#: staff by post ("在职人员81人，专业技术人员57人、管理人员1人，工勤人员23人"): after a staff topic, neither
#: the establishment total nor one of its categories (编制 categories end in 编/编制: _STAFF_CATEGORY)
_STAFF_KIND = re.compile(r"(?:专业技术|专技|管理|技术|工勤|行政|事业|后勤|业务|财务|医务|教学|教辅)人员")
_NOT_STAFF = re.compile(r"编外|退休|离休|临时|聘用|借调|非在编|实有|在职")
_NOT_THIS_YEAR = re.compile(r"累计|合同|总投资|概算|预算|计划")
#: a sum of payments ("支付工程进度款合计2890.35万元") is not one more payment
_PAYMENT_SUM = re.compile(r"合计|共计|总计|小计|总额|累计")
#: progress words ("进度", "完成(了)(总)施工/工程/工作量", "施工"): one of 进度, 完成, 施工 is in the label
#: when the pattern matches, and that is all its search is asked (:func:`_progress`)
_PROGRESS = re.compile(r"进度|完成(?:了)?(?:总)?(?:施工|工程|工作量)?|施工")
_RATE_LABEL = re.compile(
    r"([\u4e00-\u9fff]{0,10}(?:率|满意度))(?:达到|达|为|是|高达|约|:|：|≥|≤|>=|<=|不低于|不少于|不高于|不超过)?(?:了)?$"
)
#: the longest match of _RATE_LABEL: ten characters of name, 满意度, a verb of three (不低于), 了,
#: and a line end before which ``$`` also matches
_RATE_LABEL_REACH = 10 + 3 + 3 + 1 + 1
_PROGRESS_NAME = re.compile(r"^(?:已|已经)?完成(?:了)?|的$")
_LABEL_HEAD = re.compile(r"^(?:\s*(?:其中|另|以及|及|和|与|并|共|合计)[:：]?)+\s*")
_LABEL_TAIL = re.compile(r"\s*(?:(?:的|为|是|达到|达|共|合计|约|:|：)\s*)+$")
_HEAD_FIRST_CHARS = frozenset("其另以及和与并共合")  # first characters of _LABEL_HEAD's words
_TAIL_LAST_CHARS = frozenset("的为是到达共计约:：")  # last characters of _LABEL_TAIL's words
_YEAR_PREFIX = re.compile(r"^\d{4}年度?")

_RATE_SUBJECTS = words.RATE_SUBJECTS

# Claims -----------------------------------------------------------------------------------------
_CMP = re.compile(
    r"小于等于|小于或等于|≤|<=|大于等于|大于或等于|≥|>=|小于|低于|少于|<|大于|高于|超过|超出|超(?=(?:年初|调整后?)?预算)"
    r"|多于|>|等于|突破(?=[^，,。；;]{0,6}预算)"
    r"|控制在(?=[^，,。；;]{0,8}(?:以内|之内|范围内|内))"
)
#: every match of _CMP holds one of these (小于 covers 小于等于 and 小于或等于, < covers <=, 超 covers
#: 超过 and 超出): a line without any holds no comparison word (tests/test_extract_gates.py)
_CMP_GATES = (
    "小于",
    "≤",
    "<",
    "大于",
    "≥",
    ">",
    "低于",
    "少于",
    "高于",
    "超",
    "多于",
    "等于",
    "突破",
    "控制在",
)
_CMP_OP = {
    "小于等于": "<=", "小于或等于": "<=", "≤": "<=", "<=": "<=", "大于等于": ">=", "大于或等于": ">=",
    "≥": ">=", ">=": ">=", "小于": "<", "低于": "<", "少于": "<", "<": "<", "大于": ">", "高于": ">",
    "超过": ">", "超出": ">", "超": ">", "多于": ">", ">": ">", "等于": "=", "突破": ">",
    "控制在": "<=",
}  # fmt: skip
#: a denial right before the comparison word (未超出, 没有超过, 不高于, 不低于, 未能超过)
_CMP_NEG = re.compile(r"(?:未|没有|没|不|未能|未曾|没能)$")
#: what a denied comparison states: 未超出 is ≤, 不低于 is ≥; 不等于 states no relation we check
_CMP_NOT = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": None}
#: the characters a denial ends with: the look-back runs only after one of them
_NEG_LAST_CHARS = frozenset("未有没不能曾")
_COMPLETE = claimwords.COMPLETE
_UNFINISHED = claimwords.UNFINISHED
#: a completion phrase that ends so is a claim that the targets were met ("已按照计划完成目标")
_GOALS = ("目标", "目标任务")
#: words that make a completion phrase an aim ("确保项目全部按时完成", "力争年底前完成验收")
_PLAN = claimwords.PLAN
#: every completion phrase holds a completion verb or 验收 (COMPLETE_GATES), every unfinished
#: wording one of UNFINISHED_GATES: the lines without one are skipped before the patterns
_STATUS = ((_COMPLETE, "complete"), (_UNFINISHED, "unfinished"))
_NO_PROBLEM = re.compile(r"存在(?:的)?(?:主要)?问题\s*[:：]?\s*(?:无|暂无|没有)\s*[。.]?\s*$")
#: a line that asks for the problems and leaves the answer to the next line: a heading naming them
#: ("四、存在的问题", "（一）存在问题及原因") or a lead-in ("存在的主要问题：")
_PROBLEM_HEAD = re.compile(r"问题")
#: the word every line that asks for the problems or says there are none holds
_PROBLEM_WORD = ("问题",)
_PROBLEM_LEAD = re.compile(r"存在(?:的)?(?:主要)?问题\s*[:：]?\s*$")
#: … and a next line that says there are none ("无。", "暂无", "未发现问题。")
_NONE_LINE = re.compile(r"^\s*(?:无|暂无|没有|无问题|未发现(?:明显|重大)?问题)\s*[。.]?\s*$")


def _has_figure(norm: str) -> bool:
    """Whether ``norm`` holds a number with a money, percent or 人 unit (a line worth asking
    find_quantities about)."""
    digit, numeral = _HAS_FIGURE
    if "百分之" in norm or digit.search(norm) is not None:
        return True
    # Chinese numerals are common words (一是, 十分): the numeral scan stops at many of them, so
    # it runs only on lines that hold 人 or 名 at all
    return ("人" in norm or "名" in norm) and numeral.search(norm) is not None


def _figure_lines(lines: list[TextLine], scan: LineScan) -> list[int]:
    """The indices of the lines for which :func:`_has_figure` holds, in order, from a few scans
    of the whole report: each of _UNIT_AFTER runs from its character's first place to its last,
    and after a match goes on at the next line. A unit right after a digit (or a numeral before
    人 or 名) is such a line; a unit after white space is one if :func:`_has_figure` says so
    (``\\s*`` may hold more than one character). Every match of _HAS_FIGURE ends in a unit word
    that one of these patterns finds, so no line is missed."""
    text = scan.text
    find, rfind = text.find, text.rfind
    found: set[int] = set()
    spaced: set[int] = set()
    for rx in _UNIT_AFTER:
        char = rx.pattern[0]
        at = find(char)
        if at < 0:
            continue
        end = rfind(char) + _UNIT_AFTER_REACH
        m = rx.search(text, at, end)
        while m is not None:
            i = scan.line_at(m.start())
            group = m.lastindex
            (spaced if group and m[group].isspace() else found).add(i)
            nl = find("\n", m.end())
            if nl < 0:
                break
            m = rx.search(text, nl + 1, end)
    found.update(i for i in spaced - found if _has_figure(lines[i].norm))
    return sorted(found)


def _topics(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Where each topic is named in ``text[start:end]``, in order."""
    found = [
        (m.start(), topic)
        for rx, topic, gate in _TOPICS
        if holds_any(text, gate)  # a C substring test before the regex scan
        for m in rx.finditer(text, start, end)
    ]
    found.sort()
    return found


def _topic_at(topics: list[tuple[int, str]], pos: int, start: int = 0) -> str | None:
    """The last topic named in ``[start, pos)``."""
    last = None
    for at, topic in topics:
        if at >= pos:
            break
        if at >= start:
            last = topic
    return last


def _clean(label: str) -> str:
    """A label without joining words before it (其中、并…) and verbs after it (为、达到…).
    The regexes run only where the first or last character can start or end such a word."""
    label = label.strip(" \t\u3000")
    if label and label[0] in _HEAD_FIRST_CHARS:
        label = _LABEL_HEAD.sub("", label)
    if label and label[-1] in _TAIL_LAST_CHARS:
        label = _LABEL_TAIL.sub("", label)
    return label.strip(" \t\u3000")


def _left_over(label: str, m: re.Match[str]) -> bool:
    """A remainder word that ends after the label word found: "预算资金……剩余未执行完的", "未拨付的"
    name what was left of the figure, not the figure."""
    for c in _REMAINDER_CHARS:  # most labels hold no remainder word: no regex then
        if c in label:
            return any(r.end() > m.start() for r in _REMAINDER.finditer(label))
    return False


def _payment_words(label: str) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """Where ``label`` names money paid out (PAID) and a payment (_PAYMENT), each pattern run only
    on a label that holds a character of its words."""
    paid = words.PAID.search(label) if holds_any(label, _PAID_CHARS) else None
    payment = _PAYMENT.search(label) if "付" in label or "款" in label else None
    return paid, payment


def _money_key(label: str, topic: str | None) -> str | None:
    # each pattern runs only on a label that holds a character of its words (words.MONEY_CHARS):
    # a regex call costs some two thousand instructions, an ``in`` on a label a hundred
    paid, payment = _payment_words(label)
    if paid or payment:
        for name in words.FUND_NAMES:
            if name in label:  # "下达转移支付资金921.25万元": the fund's name, not money paid out
                label = label.replace(name, "")
                paid, payment = _payment_words(label)
    m = paid or payment
    if m and _left_over(label, m):
        return None
    if paid and not ("款" in label and _NAMED_PAYMENT.search(label)):
        return "funds.paid"
    if payment:
        # a cumulative or contract amount is not a payment of the year
        return None if _NOT_THIS_YEAR.search(label) or _PAYMENT_SUM.search(label) else "payment"
    by_topic = words.TOPIC_MONEY.get(topic) if topic is not None else None
    # 三公经费预算 / 实际支出, 在用 / 所有固定资产 …: the topic's own figures or none
    if by_topic and topic is not None:
        for (key, rx), chars in zip(by_topic, words.TOPIC_MONEY_CHARS[topic], strict=True):
            m = rx.search(label) if holds_any(label, chars) else None
            if m:
                return None if _left_over(label, m) else key
        return None
    for (key, rx), chars in _PLAIN_MONEY:
        if not holds_any(label, chars):
            continue
        m = rx.search(label)
        if m:
            if _left_over(label, m):
                return None  # "预算资金……剩余未执行完的0.3792万元": what was left, not the budget
            if key in words.SPEND_PARTS and _BUDGET.search(label) and not _SPEND_TOTAL.search(label):
                return None  # 项目支出预算 is a budget line, not spending
            return key
    return None


def _staff_key(label: str, topic: str | None) -> tuple[str, str] | None:
    if _NOT_STAFF.search(label):
        return None
    m = _STAFF_CATEGORY.search(label)
    if m and not _STAFF_TOTAL.search(m.group(1)):
        return f"staff.{m.group(1)}", m.group(1)
    if _STAFF_TOTAL.search(label) and re.search(r"编|人员|职工", label):
        return "staff.total", ""
    if topic == "staff" and re.search(r"编|人员|职工", label) and not _STAFF_KIND.search(label):
        return "staff.total", ""  # "编制情况：现有人员20人"
    return None


def extract_figures(lines: list[TextLine], scan: LineScan | None = None) -> tuple[list[Figure], list[Claim]]:
    """Labelled figures of prose lines, and the rate claims among them.

    One walk over each line's quantities: the clause and segment of each are found by advancing
    a pointer (both lists are in order), topics are located once per line."""
    figures: list[Figure] = []
    claims: list[Claim] = []
    # the lines with a number and its unit, found by scans of the whole report, not per line
    for i in _figure_lines(lines, scan or LineScan(lines)):
        tl = lines[i]
        if tl.is_row:
            continue
        norm = tl.norm
        quantities = [q for q in tl.quantities if q.kind in _FIGURE_KINDS]
        if not quantities:
            continue
        clauses = tl.clauses
        segments = tl.segments
        topics: list[tuple[int, str]] | None = None  # located on first need (money and 人)
        ci = si = 0
        clause: tuple[int, int] | None = None
        prev_end = 0
        prev_key: str | None = None
        for q in quantities:
            pos = q.start
            while ci < len(clauses) and clauses[ci][1] <= pos:
                ci += 1
            if ci == len(clauses) or clauses[ci][0] > pos:
                continue  # not inside a clause (white space or a delimiter)
            while si < len(segments) and segments[si][1] <= pos:
                si += 1
            if si == len(segments) or segments[si][0] > pos:
                continue
            seg_a = segments[si][0]
            a, b = clauses[ci]
            if a < seg_a:
                continue  # a clause that starts before its segment (cannot happen: ；。 end both)
            if clause != clauses[ci]:
                clause = clauses[ci]
                prev_end = a
                prev_key = None
            label = _clean(tl.text[prev_end:pos])
            topic = None
            if q.kind != "percent":
                if topics is None:
                    topics = _topics(norm, 0, len(norm))
                topic = _topic_at(topics, pos, seg_a)
            prev_key = _name_figure(tl, q, label, topic, a, b, figures, claims, prev_key, prev_end)
            prev_end = q.end
    return figures, claims


def _name_figure(
    tl: TextLine, q: Quantity, label: str, topic: str | None, a: int, b: int,
    figures: list[Figure], claims: list[Claim], prev_key: str | None, prev_start: int,
) -> str | None:  # fmt: skip
    """Name one quantity; returns the key given (so "完成给排水工程50%、道路路基工程60%" carries
    "progress" to the second percent)."""
    src = source_of(tl, a, b)
    if q.kind == "amount":
        key = _money_key(tl.norm[prev_start : q.start], topic)  # as written: "支出合计" keeps its 合计
        if key == "payment" and tl.zone == ZONE_RESTATE:
            return None  # a payment restated in 存在的问题 is not one more addend
        if key is None:
            # an amount of no known kind: kept, so that a rule can see that a sentence states its
            # own base ("中央资金完成636.75万元，预算执行率81.97%")
            figures.append(Figure("amount", label, q.value, q.unit, src, approx=approx_kind(tl.norm, q)))
            return None
        name = _YEAR_PREFIX.sub("", label) if key == "payment" else ""
        figures.append(Figure(key, label, q.value, q.unit, src, name, approx_kind(tl.norm, q)))
        return key
    if q.kind == "count" and q.unit in words.STAFF_UNITS:
        sk = _staff_key(label, topic)
        if sk is None or (tl.zone == ZONE_RESTATE and sk[0] != "staff.total"):
            return None
        figures.append(Figure(sk[0], label, q.value, q.unit, src, sk[1], approx_kind(tl.norm, q)))
        return sk[0]
    if q.kind == "percent" and q.unit == "%":
        m = _rate_label(label)
        if m and m.group(1) and "进度" not in m.group(1):
            rate_label = m.group(1)
            subject = next((s for rx, s in _RATE_SUBJECTS if rx.search(rate_label)), None)
            if _is_target(tl.norm, a, b, q):
                # "四是预算执行率达到95%以上": an aim or a threshold, never a measured rate
                claims.append(Claim("target", tl.text[a:b].strip(), src, subject=subject, value=q.value))
                return "rate"
            approx = approx_kind(tl.norm, q)
            figures.append(Figure("rate", label, q.value, q.unit, src, rate_label, approx))
            claims.append(
                Claim("rate", tl.text[a:b].strip(), src, subject=subject, value=q.value, approx=approx)
            )
            if subject == "completion" and q.value < 100 and not approx:
                # "项目完成率85%": work left undone, as "完成工程量的85%" says (CL002 weighs it
                # against "已全部完工"); a 完成率 of spending has the subject spend
                claims.append(_unfinished(tl, q, src, rate_label))
            return "rate"
        if _progress(label) or (prev_key == "progress" and "率" not in label):
            if _is_threshold(tl.norm, b, q):
                return None  # "完成…的比例 >= 99 %": a table's target, not how far the work got
            name = _PROGRESS_NAME.sub("", label).strip("、，, ") or label
            figures.append(Figure("progress", label, q.value, q.unit, src, name))
            if q.value < 100:
                claims.append(_unfinished(tl, q, src, name))
            return "progress"
    return None


def _unfinished(tl: TextLine, q: Quantity, src: Source, subject: str) -> Claim:
    """Work left undone, as a percentage below 100 says it ("完成工程量的80%", "项目完成率85%")."""
    return Claim(
        "unfinished",
        tl.text[q.start : q.end],
        src,
        subject=subject,
        value=q.value,
        sentence=tl.sentence_at(q.start),
    )


def _is_target(norm: str, a: int, b: int, q: Quantity) -> bool:
    """Whether the rate ``q`` in clause ``a:b`` is a target: a threshold word right after the
    number ("95%以上"), or a threshold or aim word before it in its clause ("率≥95%", "率不低于
    95%", "力争预算执行率达到98%")."""
    after = norm[q.end : b].lstrip()
    if after and words.TARGET.match(after):
        return True
    return words.TARGET.search(norm, a, q.start) is not None


#: a comparison sign right before a number makes it a threshold ("≥ 99%", ">=99 %"): what the
#: pattern ``(?:≥|≤|…|不超过)\s*$`` finds before the number, tested by ``endswith`` on the text
#: before it, trailing white space stripped (the pattern was tried at every character of the line)
_SIGNS = ("≥", "≤", ">=", "<=", ">", "<", "＞", "＜", "不低于", "不少于", "不高于", "不超过")


def _rate_label(label: str) -> re.Match[str] | None:
    """``_RATE_LABEL.search(label)``: a rate's name holds 率 or 满意度 and ends the label, so the
    pattern runs only then, and on the label's last characters."""
    if "率" in label or "满意度" in label:
        return _RATE_LABEL.search(label, max(0, len(label) - _RATE_LABEL_REACH))
    return None


def _progress(label: str) -> bool:
    """Whether ``label`` holds a progress word (``_PROGRESS.search(label)``, by ``in``)."""
    return "进度" in label or "完成" in label or "施工" in label


def _is_threshold(norm: str, b: int, q: Quantity) -> bool:
    """Whether the number ``q`` (in a clause ending at ``b``) is a threshold: a comparison sign right
    before it, or a threshold word right after it ("99%以上")."""
    after = norm[q.end : b].lstrip()
    return bool(after and words.TARGET.match(after)) or norm[: q.start].rstrip().endswith(_SIGNS)


def extract_claims(lines: list[TextLine], scan: LineScan | None = None) -> list[Claim]:
    """Comparisons, completion and non-completion statements, "存在问题：无"."""
    claims: list[Claim] = []
    # the lines that hold a word of each family, from finds over the whole report: the patterns
    # run on those lines only, and only those lines (and the line after a 问题 line, which may
    # answer it) are visited at all
    scan = scan or LineScan(lines)
    compares = scan.lines_with(_CMP_GATES)
    completes = scan.lines_with(claimwords.COMPLETE_GATES)
    unfinished = scan.lines_with(claimwords.UNFINISHED_GATES)
    problems = scan.lines_with(_PROBLEM_WORD)  # one find over the report, not two `in` per line
    asked: set[int] = set()  # lines after one that names the problems and leaves the answer to them
    n = len(lines)
    visit = compares | completes | unfinished | problems
    visit.update([i + 1 for i in problems if i + 1 < n])
    for i in sorted(visit):
        tl = lines[i]
        if tl.is_row:
            if i in unfinished and tl.quantities:
                claims.extend(_row_unfinished(tl))
            continue
        norm, text = tl.norm, tl.text
        if i in asked and len(norm) <= 12 and _NONE_LINE.match(norm):
            claims.append(Claim("no_problem", text.strip(), source_of(tl)))
        if i in problems and (
            (tl.head is not None and _PROBLEM_HEAD.search(tl.head[3]) is not None)
            or _PROBLEM_LEAD.search(norm) is not None
        ):
            asked.add(i + 1)
        last_clause = -1
        first = _CMP.search(norm) if i in compares else None
        for m in () if first is None else _CMP.finditer(norm, first.start()):  # first word of each clause
            span = tl.clause_at(m.start())
            if span[0] == last_clause:
                continue
            last_clause = span[0]
            start, op = m.start(), _CMP_OP[m.group(0)]
            if start and norm[start - 1] in _NEG_LAST_CHARS:
                neg = _CMP_NEG.search(norm, max(span[0], start - 2), start)
                if neg is not None:
                    start, op = neg.start(), _CMP_NOT[op]
            if op is None:
                continue  # 不等于: no relation to check
            claim = _compare(tl, span[0], span[1], start, m.end(), op)
            if claim is not None:
                claims.append(claim)
        for rx, kind in _STATUS:
            if i not in (completes if kind == "complete" else unfinished):
                continue
            for m in rx.finditer(norm):
                if kind == "unfinished" and (
                    claimwords.LABEL_AFTER.match(norm, m.end())
                    or (tl.head is not None and claimwords.HEADING_LABEL.fullmatch(tl.head[3]))
                ):
                    continue  # "目标未完成原因分析", "3.未完成的绩效目标。": a column's or a section's name
                start, what = m.start(), kind
                a, b = tl.clause_at(start)
                if kind == "complete":
                    if claimwords.NEGATION.search(m.group(0)):
                        continue  # "均未完成": the unfinished words say it
                    neg = claimwords.NEGATION_BEFORE.search(norm, max(a, start - 3), start)
                    if m.group(0).endswith(_GOALS) and (
                        neg is not None or claimwords.PARTIAL_BEFORE.search(norm, max(a, start - 4), start)
                    ):
                        continue  # "未完成目标" (the unfinished words say it), "基本完成目标": no claim
                    if neg is not None:  # "未全部按期完成" says that not everything was finished
                        start, what = neg.start(), "unfinished"
                    elif _PLAN.search(norm, a, start):
                        continue  # "确保全部按时完成": a measure's aim, not a claim of what was done
                    elif claimwords.EXCEPTION.search(norm, a, start):
                        continue  # "其余项目均已完工": the rest, not everything
                # subject: what the clause says is (un)finished, e.g. "高标准农田建设项目按期完成并"
                subject = text[a:start].strip() or None
                claims.append(
                    Claim(
                        what,
                        text[start : m.end()],
                        source_of(tl, a, b),
                        subject=subject,
                        sentence=tl.sentence_at(start),
                    )
                )
        if i in problems and _NO_PROBLEM.search(norm):
            claims.append(Claim("no_problem", text.strip(), source_of(tl)))
    return claims


def _row_unfinished(tl: TextLine) -> list[Claim]:
    """Work a table row says is unfinished, in its 偏差原因 or 完成情况 cell ("2个监测站点未建成"):
    a sweeping claim in the prose contradicts it as much as a sentence would. Only rows with
    numbers (not a header row, whose "未完成原因" names a column), and no completion claims: a
    row's "项目按期完成率" names an indicator, it claims nothing."""
    norm, found = tl.norm, []
    for m in _UNFINISHED.finditer(norm):
        if norm.startswith("原因", m.end()) or norm.startswith("率", m.end()):
            continue
        a, b = _cell_at(norm, m.start(), m.end())
        found.append(Claim("unfinished", tl.text[a:b].strip(), source_of(tl, a, b)))
    return found


def _cell_at(norm: str, start: int, end: int) -> tuple[int, int]:
    """The span of the table cell (between "|" or tab separators) that holds ``start:end``."""
    a = max(norm.rfind("|", 0, start), norm.rfind("\t", 0, start)) + 1
    bars = [i for i in (norm.find("|", end), norm.find("\t", end)) if i >= 0]
    return a, min(bars) if bars else len(norm)


#: a rate stated with its value ("预算执行率为97.44%")
_RATE_STATED = re.compile(r"率\s*(?:为|达到|达|是|:)?\s*\d+(?:\.\d+)?\s*%")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
#: what a clause may say before its comparison word when its subject is the clause before
#: ("……，实际支出10.85万元，超过预算")
_FILLER = " 但且而并都均也已还仍则即"


def _compare(tl: TextLine, a: int, b: int, start: int, end: int, op: str) -> Claim | None:
    """A comparison claim; ``start:end`` is the comparison word with its denial (未超出), ``op``
    what it states. A clause that starts with the comparison ("超过预算", "低于95%的目标") compares
    what the clauses before it in the segment stated: the spending of their topic, or their rate."""
    clause = tl.norm[a:b]
    start, end = start - a, end - a
    left, right = clause[:start], clause[end:]
    implicit = not left.strip(_FILLER)
    earlier = tl.norm[tl.segment_at(a)[0] : a] if implicit else ""
    pm = _PERCENT.search(right)
    if pm is not None and (_RATE_STATED.search(left) or _RATE_STATED.search(earlier)):
        # "预算执行率为97.44%，低于95%的目标": the stated rate against the literal percent
        return Claim(
            "compare",
            tl.text[a:b].strip(),
            source_of(tl, a, b),
            subject="rate",
            left="rate",
            op=op,
            right="literal",
            value=Decimal(pm.group(1)),
        )
    subject = _topic_at(_topics(clause, 0, start), start) or _topic_at(
        _topics(clause, end, len(clause)), len(clause)
    )
    lk: str | None = None
    if subject is None and implicit and earlier:
        subject = _topic_at(_topics(earlier, 0, len(earlier)), len(earlier))
        if subject is None and (_SPEND_TOTAL.search(earlier) or _ACTUAL.search(earlier)):
            subject = "spend"
        if subject is not None and subject != "assets" and subject != "staff":
            lk = "spend.actual" if subject == "spend" else f"{subject}.actual"
    if subject is None:
        if _SPEND_TOTAL.search(left) or _ACTUAL.search(left):
            subject = "spend"
        else:
            return None
    lk = lk or _side(left, subject)
    rk = _side(right, subject)
    if lk is None or rk is None or lk == rk:
        return None
    return Claim(
        "compare", tl.text[a:b].strip(), source_of(tl, a, b), subject=subject, left=lk, op=op, right=rk
    )


def _side(text: str, subject: str) -> str | None:
    budget_word = "plan" if subject == "procurement" else "budget"
    if subject == "spend":
        if _ACTUAL.search(text) and not _BUDGET.search(text):
            return "spend.actual"
        if _BUDGET.search(text):
            # 年初预算 is compared with the initial budget; 调整预算, 全年预算 and a bare 预算
            # with the adjusted one
            if _CLAIM_INITIAL.search(text) and not _CLAIM_ADJUSTED.search(text):
                return "budget.initial"
            return "budget.adjusted"
        return None
    if _BUDGET.search(text) and not re.search(r"实际|决算", text):
        return f"{subject}.{budget_word}"
    if _ACTUAL.search(text):
        return f"{subject}.actual"
    return None

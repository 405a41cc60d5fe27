"""CN002 unknown-unit-name."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

from drafter.check.facts import CheckContext, EntityList, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity

#: How alike a unit name must be to a listed one to be called a variant of it (difflib ratio).
SIMILAR = 0.6


def _closest(name: str, items: tuple[str, ...]) -> tuple[str | None, float]:
    """The first of the items most alike ``name`` (difflib ratio, above 0) and its ratio.

    A difflib match of two names costs tens of microseconds; most listed names share a character
    or two with the one sought at most. So the items are tried from the highest upper bound of
    their ratio down (:func:`_ratio_bound`), and the search stops at the first bound below the
    best ratio found: the answer is the one trying them all in order would give."""
    best, score, best_at = None, 0.0, len(items)
    ranked = sorted((-_ratio_bound(name, item), i) for i, item in enumerate(items))
    for negated, i in ranked:
        bound = -negated
        if bound < score:
            break  # no item left can reach the best ratio
        if bound == score and i > best_at:
            continue  # at most a tie with an earlier item, which wins
        r = similarity(name, items[i])
        if r > score or (r == score and r > 0 and i < best_at):
            best, score, best_at = items[i], r, i
    return best, score


#: From this length on, difflib drops the popular characters of the second string (``autojunk``):
#: :func:`similarity` leaves such strings to difflib itself.
_AUTOJUNK_FROM = 200


def similarity(a: str, b: str) -> float:
    """``SequenceMatcher(None, a, b).ratio()``, the same float, without the matcher object.

    difflib's matching (:meth:`~difflib.SequenceMatcher.get_matching_blocks`: the longest common
    block, then the same on each side of it) done in one function on the two strings: a matcher
    builds an index object, a queue of ranges and a named tuple per block, about five times the
    work for two unit names. Without a junk test and below :data:`_AUTOJUNK_FROM` characters
    nothing of ``b`` is junk or popular, so the blocks are difflib's; longer strings go to difflib.
    """
    la, lb = len(a), len(b)
    if lb >= _AUTOJUNK_FROM:
        return SequenceMatcher(None, a, b).ratio()
    if not la + lb:
        return 1.0
    b2j: dict[str, list[int]] = {}
    for j, c in enumerate(b):
        if c in b2j:
            b2j[c].append(j)
        else:
            b2j[c] = [j]
    matched = 0
    ranges = [(0, la, 0, lb)]
    nothing: list[int] = []
    while ranges:
        alo, ahi, blo, bhi = ranges.pop()
        # the longest block a[i:i+k] == b[j:j+k] in the range, the earliest in a, then in b
        besti, bestj, bestsize = alo, blo, 0
        j2len: dict[int, int] = {}
        for i in range(alo, ahi):
            newj2len: dict[int, int] = {}
            for j in b2j.get(a[i], nothing):
                if j < blo:
                    continue
                if j >= bhi:
                    break
                k = newj2len[j] = j2len.get(j - 1, 0) + 1
                if k > bestsize:
                    besti, bestj, bestsize = i - k + 1, j - k + 1, k
            j2len = newj2len
        if bestsize:
            matched += bestsize
            if alo < besti and blo < bestj:
                ranges.append((alo, besti, blo, bestj))
            if besti + bestsize < ahi and bestj + bestsize < bhi:
                ranges.append((besti + bestsize, ahi, bestj + bestsize, bhi))
    return 2.0 * matched / (la + lb)


def _ratio_bound(a: str, b: str) -> float:
    """An upper bound of ``SequenceMatcher(None, a, b).ratio()``: the characters the two share
    (counted with repeats, in any order) bound the matching ones, as difflib's quick_ratio has it,
    in the same float arithmetic (so a ratio never exceeds its bound)."""
    length = len(a) + len(b)
    if not length:
        return 1.0
    shared = 0
    for c in a:
        if c in b:
            shared += 1
            b = b.replace(c, "", 1)  # each character of b is shared once
    return 2.0 * shared / length


def _unit_lists(facts: Facts) -> list[EntityList]:
    return [e for e in facts.entities if e.kind == "units" and e.items]


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A unit described under a name that is not among the listed 内设机构 (国土规划局 vs 国土规划环保局).

    What it finds:
        介绍内设机构职责时，段首的单位名称不在前面列出的内设机构名单中。例如名单写“国土规划环保局”，职责
        段落却以“国土规划局。”开头。

        名单指“设4个正股级内设机构：党政办公室、经济发展局、政务服务局、国土规划环保局。”这样先写个数、
        再用冒号列出名称的一句。检查范围是名单之后、下一个标题之前的段落：段首是以局、室、办、科、股、
        处、所、队、站、部、中心、组结尾的名称，后面紧跟“。”或“：”。正文其他地方提到的单位名称不检查。

        段首名称与名单中某个名称相近（字面相似度不低于60%）时，提示“疑为”该名称；都不相近时，列出整份名
        单供核对。

    Why it matters:
        名单和职责段落里的名称对不上，多半是沿用了机构更名或合并之前的旧报告。读者无法判断这段职责属于哪
        个机构，报告的严谨性也会受到质疑。

    Example:
        会报告（样本报告第8行与第12行）：
        设4个正股级内设机构：党政办公室、经济发展局、政务服务局、国土规划环保局。
        国土规划局。组织编制并监督实施阳西高新区国土空间规划和相关专项规划……
        不报告：
        党政办公室。负责机关日常事务以及会议、文秘、调研、财务……

    What to write instead:
        全文统一使用名单中的名称：“国土规划环保局。组织编制并监督实施……”。如果机构确已更名，同时改正内设
        机构名单。
    """
    lists = _unit_lists(facts)
    if not lists:
        return
    listed = tuple(dict.fromkeys(i for e in lists for i in e.items))
    listing = lists[0]
    for mention in facts.names:
        if mention.kind != "unit_head" or mention.name in listed:
            continue
        best, score = _closest(mention.name, listed)
        if best is not None and score >= SIMILAR:
            message = f"单位名称“{mention.name}”不在所列内设机构中，疑为“{best}”"
            expected = best
        else:
            message = f"单位名称“{mention.name}”不在所列内设机构中"
            expected = "、".join(listed)
        yield finding(
            "CN002",
            Severity.WARNING,
            message,
            mention.source,
            expected=expected,
            found=mention.name,
            hint=f"统一使用第{listing.source.line}行所列的机构名称；若机构已更名，请同时更正机构列表。",
        )


RULE = Rule(
    code="CN002",
    name="unknown-unit-name",
    family="consistency",
    severity=Severity.WARNING,
    title="单位名称不在所列内设机构中",
    func=check,
)

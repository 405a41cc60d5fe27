"""CN003 dept-name-variant."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity
from drafter.text.lazyre import lazy_compile

#: a place in front of the name: 某县, 阳西县, 广东省阳江市, 某镇
_REGION = lazy_compile(r"^(?:[\u4e00-\u9fff]{1,4}?[省市县镇乡])+")
#: the generic ending of a body's name
_ORG_END = lazy_compile(
    r"(?:管理委员会|委员会|管理委员|管委会|委员|人民政府|政府|办公室|局|中心|委|院|所|站|队|部|厅|会|馆|处)$"
)


def _core(name: str) -> str:
    """The distinctive part of a name: without the place in front and the generic ending
    ("某县农业农村局" → "农业农村", "阳西县高新区管理委员会" → "高新区")."""
    core = _ORG_END.sub("", _REGION.sub("", name))
    return core or name


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def same_department(a: str, b: str) -> bool:
    """Whether two names clearly name one body: the distinctive part of one is the other's with
    characters left out (农业 / 农业农村, 高新区 / 高新技术产业开发区) or the same under another
    place or ending, and both start alike ("县财政局" and "某县农业农村局" are two bodies)."""
    short, long = sorted((_core(a), _core(b)), key=len)
    return len(short) >= 2 and short[:2] in long and _is_subsequence(short, long)


def is_variant(name: str, canonical: str) -> bool:
    """A second spelling of ``canonical``: the same body (:func:`same_department`), written
    otherwise than by leaving out the place in front ("县农业农村局" for "某县农业农村局" is the
    usual shortening, not a variant)."""
    if name == canonical or canonical.endswith(name) or name.endswith(canonical):
        return False
    return same_department(name, canonical)


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """The department's full name written in more than one way in the same report.

    What it finds:
        同一份报告中，本部门的全称有不同写法，例如标题写“某县农业农村局2023年度部门整体支出绩效自评报
        告”，结论部分写“某县农业局2023年度部门整体支出绩效自评得分为95分”。

        部门全称只从报告自称的地方识别：标题（“某县农业农村局2023年度部门整体支出绩效自评报告”，标题分两行
        的也算）；“部门基本情况”下第一段开头的名称（“某县农业农村局是……”）；以及以本部门预算、支出为主语
        的句子，即名称前面是句首、标点或“我单位、本单位”等，后面紧跟年份和“年初预算、预算调整、实际支出、
        部门整体支出、决算”等词（如“阳西县高新技术产业开发区管理委员会2023年度年初预算数……”）。名称以局、
        委员会、管委会、办公室、中心、政府等结尾。以标题的写法为准（没有标题的，以最先出现的写法为准）。

        为避免误报：别的机关写在年份前面时不算本部门名称，如“预算编制符合县财政局2023年度预算编制工作方
        案”“根据县委县政府2023年度工作部署”（名称前面还有别的词，后面也不是本部门的预算、支出）；财政、审计、县委、县
        政府、上级主管部门等机关，除非标题就是它，否则不作为本部门名称。只有明显指同一部门的不同写法才报
        告：去掉地名和“局、委员会”等通用结尾后，一个名称的特征部分是另一个的缩写或截短（“农业局”与“农业
        农村局”，“高新区管理委员会”与“高新技术产业开发区管理委员会”），或特征部分相同而地名、结尾不同
        （“某市农业农村局”与“某县农业农村局”，“……管理委员”与“……管理委员会”）。特征部分不同的（“县
        自然资源局”与“某县农业农村局”）是另一个机关，不报告；只省略前面地名的（“农业农村局”与“某县农业
        农村局”）是常见简写，也不报告。用“（以下简称“高新区”）”引出的简称不与全称比较。

    Why it matters:
        自评报告是一个预算单位的正式文件，单位名称必须与预算、决算文件一致。出现第二种写法，往往是从别的
        单位或往年的报告中复制过来的文字。

    Example:
        会报告（第5行与标题不一致）：
        某县农业农村局2023年度部门整体支出绩效自评报告
        ……
        某县农业局2023年度部门整体支出绩效自评得分为95分。
        不报告（用简称引出后使用简称）：
        阳西县高新技术产业开发区管理委员会（以下简称“阳西高新区”）……阳西高新区2023年度……
        不报告（年份前面是别的机关，不是本部门）：
        预算编制符合县财政局2023年度预算编制工作方案。根据县委县政府2023年度工作部署，……

    What to write instead:
        每一处都使用预算、决算文件中的部门全称；简称先用“（以下简称“××”）”引出，再在后文使用。
    """
    full = [n for n in facts.names if n.kind == "dept_full"]
    if len(full) < 2:
        return
    counts = Counter(n.name for n in full)
    if len(counts) < 2:
        return
    canonical = facts.dept_full if facts.dept_full in counts else counts.most_common(1)[0][0]
    reported: set[tuple[str, int | None]] = set()
    for n in full:
        if n.name == canonical or (n.name, n.source.line) in reported:
            continue
        # another body, or the name without its place: not a second spelling (precision first)
        if not is_variant(n.name, canonical):
            continue
        reported.add((n.name, n.source.line))
        yield finding(
            "CN003",
            Severity.WARNING,
            f"部门名称写作“{n.name}”，与报告其他处的“{canonical}”不一致",
            n.source,
            expected=canonical,
            found=n.name,
            hint="统一使用预算、决算文件中的部门全称。",
        )


RULE = Rule(
    code="CN003",
    name="dept-name-variant",
    family="consistency",
    severity=Severity.WARNING,
    title="部门名称前后写法不一致",
    func=check,
)

"""CL002 completion-contradicted."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.check.facts import CheckContext, Claim, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity

# A completion claim counts only when it speaks for everything (所有/全部/均/100%) or of
# acceptance (完成验收): "已完成成果编制" about one work is not contradicted by another work's 65%.
_SWEEPING = re.compile(
    r"所有|全部|全面|一律|均|都|各项|各类|100(?:\.0+)?\s*[%％]|百分之百|验收|按时|如期|按期"
)
_UNIVERSAL = re.compile(r"所有|全部|全面|一律|均|都|各项|各类")
# A named work before the claim in its clause ("高标准农田建设项目已验收"): then only statements
# about that work can contradict it.
_NAMED_WORK = re.compile(
    r"([\u4e00-\u9fff（）()0-9A-Za-z\-]{2,40}?(?:项目|工程|中心|展馆|道路|大桥|园区|路))"
)
_GENERIC = re.compile(
    r"^(?:本|各|该|此|全部|所有|部门|单位|预算|重点|有关|相关|资金|专项|补助)*(?:项目|工程|中心|园区)$"
)
_YEAR = re.compile(r"^(?:\d{4}年度?)")


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A sweeping completion claim (所有项目按时完成, 完成率100%) beside unfinished work in the same report.

    What it finds:
        报告称工作已全部完成，而同一报告的其他行写明有工作尚未完成。

        “完成”的说法指：“所有……按时完成”“全部完成”“均已完工”“圆满完成了年度各项目标任务”“完成率100%”
        “100%完成”等，以及“完成验收”“通过验收”“已验收”。不算“完成”说法的：“均未完成”这类否定说法，以及前面
        紧挨着否定词的“未全部按期完成”“尚未全部完工”（这是在说没有全部完成，算“未完成”的说法）；同一分句中前面有“确保、力争、争取、保
        证、务必、拟于、预计、督促、推动、限期”等字样的目标或措施（如改进措施中的“确保所有项目按时完
        成”）。“未完成”的说法指：“暂未验收、尚未验收、未完成、未完工、基本完工、正在施工、在建、推进中、
        未能按时、延期、滞后”，以及低于100%的工程进度（如“已完成总施工形象进度的65%”“完成给排水工
        程50%”）。

        为避免误报：一句话只说某一项具体工作的（如“高标准农田建设项目按期完成并通过验收”），只与提到同一
        项工作的未完成表述比对；既没有点名具体工作、也没有“所有、全部、均、都、各项”等字样的说法（如“完
        成验收”），只在绩效自评分析（有指标得分的部分）中检查，因为那里的这句话是给分的依据，工作情况介
        绍中的同样字眼不检查。同一句话内的完成与未完成表述不互相比对（“……均已完成，其中……尚未验收”是
        对完成说法的限定）；同一行里另起一句（以“。”“！”“？”分开）的未完成表述照常比对。说的是其余工作的
        （“其余项目均已完工”“除某工程外均按时完成”）不算称全部完成。

        未达到目标值的指标也算“未完成”：同一句里先写目标值（“年初指标值为不低于180人”“目标值≥30个”“计划
        培训600人次”），其后写实际完成值（“全年实际完成值164人”“实际完成28个”），单位相同，而完成值低于下限
        （不低于、不少于、≥、以上、达到）或高于上限（不高于、不超过、≤、以内、控制在）。没写方向的，只有人次、
        户、个、公里等数量按下限看，金额、百分比、天数不读。称目标已完成的说法（“已按照计划完成目标”“完成了
        年度工作目标”；“实现/达到目标”暂不读）只与这样的指标比对，在报告任何部分都检查；前面有“基本、部分、
        初步”等词的（“基本完成目标”）、否定的（“未完成目标”）和写成措施的（“确保完成年度目标”）不算。

    Why it matters:
        效率性、项目管理等指标的满分，往往就凭这样一句话。报告自己的工作情况部分写着进度65%、暂未验收，
        这句话就不属实，据此给出的满分也站不住，审核时必然被退回。

    Example:
        会报告（样本报告第53行，与第17、18行矛盾）：
        阳辉路完成给排水工程50%、道路路基工程60%的施工，已完成总施工形象进度的65%。
        建设阳西高新区绿色食品产业园酱油文化展馆工程，2023年度已完工，暂未验收。
        在效率性方面，自评分为10分。所有部门的预算项目都按时完成；……完成率100%。
        同一报告第46行项目管理的“完成验收履行相关的手续”也会报告（该处是给分的依据）。
        不报告（说的是两项不同的工作）：
        石桥镇农产品冷链物流中心项目完成主体工程，年末完成总工程量的85%。
        2023年度高标准农田建设项目按期完成并通过验收，自评得8分。
        会报告（同一行，另起一句）：
        本年度各项工作已全部按时完成。年度食品抽检任务完成进度80%，尚未验收。
        不报告（同一句中的限定）：
        年度各项工作均已完成，其中污水管网工程尚未验收。
        不报告（改进措施中的目标）：
        改进措施：督促施工单位倒排工期，确保所有项目按时完成。
        会报告（第一句称完成目标，第二句的指标未达到目标值）：
        对照年度绩效目标，该资金项目已按计划完成目标。
        农民工技能培训人次年初指标值为不低于500人次，全年实际完成值420人次。
        不报告（目标值都已达到）：
        对照年度绩效目标，该资金项目已按计划完成目标。
        农民工技能培训人次年初指标值为不低于500人次，全年实际完成值520人次。

    What to write instead:
        分别写清已完成和未完成的工作及原因，并按评分规则扣分，例如：“全年实施项目5个，已完工3个；阳辉路
        工程完成总施工形象进度的65%，2个工程已完工暂未验收，原因是……，效率性指标扣2分。”未达到目标值的，
        写明“培训人次未达到年初目标（完成420人次，目标500人次），原因是……”，不写“已完成目标”。
    """
    # the claims of the three kinds (Facts keeps them by kind)
    unfinished = facts.claims_of("unfinished")
    missed = facts.claims_of("missed")
    if not unfinished and not missed:
        return
    complete = facts.claims_of("complete")
    # Where the self-evaluation (the scored indicators) begins: a general claim there justifies a
    # score; the same words in the work description narrate one work whose name may sit in
    # another clause ("完成农村公路安防工程，项目于…完工并通过验收"). Found when a claim needs it.
    scored_from: int | None = None
    scored_found = False
    # sweeping claims (所有…按时完成, 完成验收) against every statement of unfinished work and every
    # missed target; claims that the targets were met (已按照计划完成目标) against missed targets only
    by_line: dict[tuple[int | None, bool], list[Claim]] = {}
    for claim in complete:
        if _SWEEPING.search(claim.text):
            by_line.setdefault((claim.source.line, False), []).append(claim)
        elif "目标" in claim.text:
            by_line.setdefault((claim.source.line, True), []).append(claim)
    for (line, of_goals), claims in by_line.items():
        # on the claim's own line, only another sentence counts: the clauses of one sentence
        # qualify its claim ("……均已完成，其中……尚未验收"), a new sentence is a statement of its own
        # ("本年度各项工作已全部按时完成。年度抽检任务完成进度80%，尚未验收。")
        said_in = {c.sentence for c in claims}
        pool = missed if of_goals else unfinished + missed
        evidence = [u for u in pool if u.source.line != line or u.sentence not in said_in]
        if not evidence:  # nothing to set against the claim, whatever it is about
            continue
        work = _named_work(claims[0])
        if work is not None:  # a claim about one named work: only that work's shortfalls count
            evidence = [u for u in evidence if work in u.source.quote or (u.subject and work in u.subject)]
        elif not of_goals and not any(_UNIVERSAL.search(c.source.quote) for c in claims):
            if not scored_found:
                scored_from = min(
                    (n.source.line for n in facts.nodes() if n.source.line is not None), default=None
                )
                scored_found = True
            if not (line is not None and scored_from is not None and line >= scored_from):
                continue
        if not evidence:
            continue
        first = claims[0]
        said = "、".join(dict.fromkeys(c.text for c in claims))
        about_acceptance = any("验收" in c.text for c in claims)
        evidence.sort(key=lambda u: (about_acceptance and "验收" not in u.text, u.source.line or 0))
        items = list(dict.fromkeys(f"第{u.source.line}行“{_words(u)}”" for u in evidence))
        shown = "；".join(items)
        only_missed = all(u.kind == "missed" for u in evidence)
        what = "有指标未达到目标值" if only_missed else "另有未完成的表述"
        yield finding(
            "CL002",
            Severity.WARNING,
            f"文中称“{said}”，但报告{what}（{len(items)} 处）",
            first.source,
            expected="完成情况的表述与工作进展一致",
            found=shown,
            hint="如实写明哪些指标未达到目标值及原因，不要称已完成目标，并相应扣分。"
            if only_missed
            else "如实写明哪些工作已完成、哪些尚未完成或未验收及原因，并相应扣分。",
        )


def _named_work(claim: Claim) -> str | None:
    """The core of the work a claim names ("高标准农田建设"), or None for a general claim."""
    quote = claim.source.quote
    at = quote.find(claim.text)
    before = quote[:at] if at >= 0 else ""
    if _UNIVERSAL.search(quote) or not before:
        return None
    names = _NAMED_WORK.findall(before)
    if not names:
        return None
    name = _YEAR.sub("", names[-1])
    if _GENERIC.match(name):
        return None
    core = re.sub(r"(?:建设)?(?:项目|工程)$", "", name)
    return core[:8] if len(core) >= 2 else None


def _words(claim: Claim) -> str:
    """The unfinished statement with enough context to recognise it ("已完成总施工形象进度的65%"); a
    missed target with the last words of its indicator ("燃油补贴人次数年初指标值为不低于180人，全年实际
    完成值164人")."""
    if claim.kind == "missed":
        return f"{(claim.subject or '')[-20:]}{claim.text}"
    quote = claim.source.quote.strip()
    return quote if claim.text in quote and len(quote) <= 30 else claim.text


RULE = Rule(
    code="CL002",
    name="completion-contradicted",
    family="claims",
    severity=Severity.WARNING,
    title="称全部按时完成，但报告另有未完成的工作",
    func=check,
)

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
_SWEEPING = re.compile(r"所有|全部|全面|一律|均|都|100(?:\.0+)?\s*[%％]|百分之百|验收|按时|如期|按期")
_UNIVERSAL = re.compile(r"所有|全部|全面|一律|均|都|各项|各类")
# A named work before the claim in its clause ("高标准农田建设项目已验收"): then only statements
# about that work can contradict it.
_NAMED_WORK = re.compile(
    r"([\u4e00-\u9fff（）()0-9A-Za-z\-]{2,40}?(?:项目|工程|中心|展馆|道路|大桥|园区|路))"
)
_GENERIC = re.compile(r"^(?:本|各|该|此|全部|所有|部门|单位|预算|重点|有关|相关)*(?:项目|工程|中心|园区)$")
_YEAR = re.compile(r"^(?:\d{4}年度?)")


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """
    What it finds:
        A sweeping completion claim — 所有项目按时完成、完成率100%、全部完成、完成验收 — in a
        report that elsewhere states unfinished work (进度65%、暂未验收、未完成、尚未…). A claim
        about one named work (高标准农田建设项目已验收) is only compared with that work; a general
        claim without 所有/全部 counts where it justifies a score (the indicator analysis).

    Why it matters:
        The efficiency and project-management scores usually rest on such a sentence. When the
        report's own work section says a project is at 65% or not yet accepted, the claim is
        false and the full marks built on it cannot stand.

    Example:
        第17行：已完成总施工形象进度的65%。第18行：……排水改造工程，暂未验收。
        第53行：所有部门的预算项目都按时完成……完成率100%。

    What to write instead:
        State what was finished and what was not (已完工2项，其中1项进度65%、2项暂未验收),
        give the reason, and deduct the points the rubric asks for.
    """
    unfinished = facts.claims_of("unfinished")
    if not unfinished:
        return
    # Where the self-evaluation (the scored indicators) begins: a general claim there justifies a
    # score; the same words in the work description narrate one work whose name may sit in
    # another clause ("完成农村公路安防工程，项目于…完工并通过验收").
    scored_from = min((n.source.line for n in facts.nodes() if n.source.line is not None), default=None)
    by_line: dict[int | None, list[Claim]] = {}
    for claim in facts.claims_of("complete"):
        if _SWEEPING.search(claim.text):
            by_line.setdefault(claim.source.line, []).append(claim)
    for line, claims in by_line.items():
        evidence = [u for u in unfinished if u.source.line != line]
        work = _named_work(claims[0])
        if work is not None:  # a claim about one named work: only that work's shortfalls count
            evidence = [u for u in evidence if work in u.source.quote or (u.subject and work in u.subject)]
        elif not any(_UNIVERSAL.search(c.source.quote) for c in claims) and not (
            line is not None and scored_from is not None and line >= scored_from
        ):
            continue
        if not evidence:
            continue
        first = claims[0]
        said = "、".join(dict.fromkeys(c.text for c in claims))
        about_acceptance = any("验收" in c.text for c in claims)
        evidence.sort(key=lambda u: (about_acceptance and "验收" not in u.text, u.source.line or 0))
        items = list(dict.fromkeys(f"第{u.source.line}行“{_words(u)}”" for u in evidence))
        shown = "；".join(items)
        yield finding(
            "CL002",
            Severity.WARNING,
            f"文中称“{said}”，但报告另有未完成的表述（{len(items)} 处）",
            first.source,
            expected="完成情况的表述与工作进展一致",
            found=shown,
            hint="如实写明哪些工作已完成、哪些尚未完成或未验收及原因，并相应扣分。",
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
    """The unfinished statement with enough context to recognise it ("已完成总施工形象进度的65%")."""
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

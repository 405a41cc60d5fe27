"""What a report yielded, in words: the RD rules say what was read when the scores were not."""

from __future__ import annotations

from drafter.check.facts import Facts

__all__ = ["found_instead", "grades_read", "has_item_scores"]


def has_item_scores(facts: Facts) -> bool:
    """Whether any indicator score was read (score tree, score table rows or the funds block)."""
    return (
        any(n.score is not None for n in facts.nodes())
        or any(r.score is not None for r in facts.indicators)
        or any(r.score is not None for r in facts.funds)
    )


def found_instead(facts: Facts) -> str:
    """What was read, as a clause: "读到3个金额或比率、1处完成情况表述", or '' when nothing was."""
    parts: list[str] = []
    if facts.figures:
        parts.append(f"{len(facts.figures)}个金额、人数或比率")
    if facts.entities:
        parts.append(f"{len(facts.entities)}处计数与列举")
    claims = [c for c in facts.claims if c.kind != "rate"]
    if claims:
        parts.append(f"{len(claims)}处完成情况或比较的表述")
    if facts.year is not None:
        parts.append(f"报告年度{facts.year}年")
    return "读到" + "、".join(parts) if parts else ""


def grades_read(facts: Facts) -> str:
    """The stated grades, as a clause: "评价等级为“优”" (each grade once, in the order stated), or
    the items counted by grade: "21个项目评为一等、0个项目评为二等"; '' when neither was read."""
    seen = list(dict.fromkeys(g.grade for g in facts.grades))
    if seen:
        return "评价等级为" + "、".join(f"“{g}”" for g in seen)
    tallies = [f"{t.count}{t.noun}评为{t.word}" for t in facts.grade_tallies]
    return "、".join(dict.fromkeys(tallies))

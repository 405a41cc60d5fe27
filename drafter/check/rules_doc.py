"""Rule documentation generated from the rules' docstrings (``drafter rules``)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from drafter.check.rule import DOC_SECTIONS, Rule
from drafter.text.width import display_width as _width

__all__ = ["SECTION_TITLES", "render_rules", "rule_json"]

#: How each docstring section is headed in Chinese output.
SECTION_TITLES = {
    "What it finds": "检查什么",
    "Why it matters": "为什么重要",
    "Example": "示例",
    "What to write instead": "应当怎样写",
}


def _cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def paragraphs(rule: Rule, heading: str) -> list[str]:
    """A docstring section as paragraphs: wrapped lines joined (no space between Chinese
    characters), blank lines keep paragraphs apart, docstring indentation gone. The lines of an
    Example stay lines: they quote a report."""
    out: list[str] = []
    current = ""
    keep_lines = heading == "Example"
    for raw in rule.doc_section(heading).splitlines():
        line = raw.strip()
        if not line or keep_lines:
            if current:
                out.append(current)
            current = line if keep_lines else ""
            continue
        if current and not (_cjk(current[-1]) and _cjk(line[0])):
            current += " "
        current += line
    if current:
        out.append(current)
    return out


def rule_json(rule: Rule) -> dict[str, object]:
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "severity": rule.severity.value,
        "title": rule.title,
        "status": rule.status,
        "doc": {h: "\n\n".join(paragraphs(rule, h)) for h in DOC_SECTIONS},
    }


def render_rules(rules: Sequence[Rule], fmt: str = "text") -> str:
    """Every rule with its docs as ``text``, ``json`` or ``markdown``."""
    if fmt == "json":
        return (
            json.dumps({"version": 1, "rules": [rule_json(r) for r in rules]}, ensure_ascii=False, indent=2)
            + "\n"
        )
    out: list[str] = []
    if fmt == "markdown":
        out.append("# drafter 检查规则\n")
        out.append("| 代码 | 名称 | 级别 | 说明 |")
        out.append("|---|---|---|---|")
        out.extend(
            f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity.value} | {r.title} |" for r in rules
        )
        out.append("")
        for r in rules:
            status = "" if r.status == "stable" else f"（{r.status}）"
            out.append(f"## {r.code}\n\n**{r.name}** · {r.family} · {r.severity.value}{status} — {r.title}\n")
            for h in DOC_SECTIONS:
                body = "\n\n".join(paragraphs(r, h))
                out.append(f"### {SECTION_TITLES[h]}\n\n{body}\n")
        return "\n".join(out)
    if len(rules) > 1:
        return _rules_table(rules)
    for r in rules:
        status = "" if r.status == "stable" else f"  [{r.status}]"
        out.append(f"{r.code}  {r.name}  {_severity(r)}  {r.title}{status}")
        for h in DOC_SECTIONS:
            out.append(f"  {SECTION_TITLES[h]}：")
            out.extend(f"    {para}" for para in paragraphs(r, h))
    return "\n".join(out) + "\n"


def _severity(rule: Rule) -> str:
    return rule.severity.label


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _rules_table(rules: Sequence[Rule]) -> str:
    """One aligned row per rule: code, level, title (and name); the long text is one command away."""
    rows = [("代码", "级别", "说明", "名称")]
    for r in rules:
        status = "" if r.status == "stable" else f"（{r.status}）"
        rows.append((r.code, _severity(r), f"{r.title}{status}", r.name))
    widths = [max(_width(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join(_pad(cell, widths[i]) if i < 3 else cell for i, cell in enumerate(row)) for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * 4)
    lines.append("")
    lines.append(
        f"共 {len(rules)} 条规则；drafter rules 代码（如 drafter rules SC003）显示某条规则的详细说明。"
    )
    return "\n".join(lines) + "\n"

"""Rendering suggestions: text grouped by problem, JSON, and a ready-to-paste section 四.

Section 四 follows the sample's form — 存在问题 / 原因分析 / 改进措施, several items numbered
“一是……；二是……”. It carries only what belongs in a report: problems that are management
problems (deductions, unreconciled payments, unfinished works), not faults of the report's own
text (those are corrected before submission and appear only in the text/JSON output), and only
measures for the next budget cycle.
"""

from __future__ import annotations

import json

from drafter.suggest.models import Deduction, FindingRef, Measure, Suggestion, SuggestResult

__all__ = [
    "cn_ordinal",
    "render_json",
    "render_section",
    "render_text",
    "section_four_paragraphs",
    "source_label",
    "yishi",
]

_DIGITS = "零一二三四五六七八九"


def cn_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for any list of measures)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[ones] if ones else ''}"


def _strip_end(text: str) -> str:
    return text.rstrip("。；;，, ")


def yishi(items: list[str]) -> str:
    """“一是……；二是……。” for several items; the item itself for one."""
    items = [_strip_end(i) for i in items if i.strip()]
    if not items:
        return ""
    if len(items) == 1:
        return items[0] + "。"
    return "；".join(f"{cn_ordinal(i)}是{text}" for i, text in enumerate(items, start=1)) + "。"


def measure_sentence(m: Measure, *, with_deadline: bool = True) -> str:
    text = _strip_end(m.text)
    if not with_deadline:
        return text
    return f"{text}（{m.responsibility}；时限：{m.deadline}）"


def source_label(src: Deduction | FindingRef, *, in_data: bool = False) -> str:
    """One line citing a source: the indicator and the points, or the rule, line and quote."""
    file = "数据文件" if in_data else ""
    if isinstance(src, Deduction):
        where = f"，{file}第{src.line}行" if src.line else ""
        reason = f"：{src.reason}" if src.reason else "（未写明扣分原因）"
        return (
            f"{src.id} 扣分 {src.path} 分值{_n(src.max_score)} 自评{_n(src.self_score)} "
            f"扣{_n(src.lost)}分{where}{reason}"
        )
    where = f"{file}第{src.line}行 " if src.line else (f"{src.field} " if src.field else "")
    quote = f" “{src.quote}”" if src.quote else ""
    return f"{src.id} {where}{src.code} {_severity(src.severity)}：{src.message}{quote}"


def _n(value: object) -> str:
    from drafter.suggest.context import fmt_num

    return fmt_num(value) or ""  # type: ignore[arg-type]


def _severity(value: str) -> str:
    return {"error": "错误", "warning": "警告", "info": "提示"}.get(value, value)


def render_text(result: SuggestResult) -> str:
    """Plain text for the terminal: one block per problem, sources first."""
    out: list[str] = []
    year = f"{result.year}年度" if result.year else ""
    out.append(f"{result.dept}{year}自评的改进建议（{result.input}）")
    out.append(
        f"扣分指标 {len(result.deductions)} 个，警告及以上的检查发现 {len(result.findings)} 条，"
        f"归并为 {len(result.suggestions)} 个问题。"
    )
    for note in result.notes:
        out.append(f"提示：{note}")
    for s in result.suggestions:
        out.append("")
        origin = "（模型定制）" if s.origin == "model" else ""
        out.append(f"{s.id} {s.title}{origin}")
        for ident in s.sources:
            src = result.source(ident)
            if src is not None:
                out.append(f"  依据 {source_label(src, in_data=result.input_kind == 'data')}")
        out.append(f"  问题：{s.problem}")
        for i, cause in enumerate(s.causes, start=1):
            out.append(f"  原因{i}：{cause}")
        for i, m in enumerate(s.measures, start=1):
            out.append(f"  措施{i}：{_strip_end(m.text)}。")
            out.append(f"         责任：{m.responsibility}；时限：{m.deadline}")
    return "\n".join(out) + "\n"


def render_json(result: SuggestResult) -> str:
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def _in_section(s: Suggestion) -> bool:
    return bool(s.report_problem)


def _without_repeats(items: list[str]) -> list[str]:
    """Each statement once: an item already made, or a clause (between ；) an earlier item has
    stated, is not repeated ("年度工作中…（完成进度80%）" under two indicators)."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        clauses = [c for c in _strip_end(item).split("；") if c.strip()]
        if not clauses:
            continue
        kept = [clauses[0]] + [c for c in clauses[1:] if c not in seen]
        text = "；".join(kept)
        if text in out:
            continue
        seen.update(clauses)
        out.append(text)
    return out


def section_four_paragraphs(result: SuggestResult) -> list[str]:
    """The three paragraphs of section 四 (empty when nothing belongs there)."""
    chosen = [s for s in result.suggestions if _in_section(s)]
    if not chosen:
        return []
    problems = _without_repeats([s.report_problem for s in chosen])
    causes = list(dict.fromkeys(c for s in chosen for c in s.causes))
    measures = list(
        dict.fromkeys(measure_sentence(m) for s in chosen for m in s.measures if m.milestone != "报送前")
    )
    out = [f"存在问题：{yishi(problems)}", f"原因分析：{yishi(causes)}"]
    if measures:
        out.append(f"改进措施：{yishi(measures)}")
    return out


def render_section(result: SuggestResult) -> str:
    """Section 四 with its heading, ready to paste into the report."""
    paragraphs = section_four_paragraphs(result)
    lines = ["四、存在的问题、原因分析及改进措施"]
    if paragraphs:
        lines.extend(paragraphs)
    elif result.suggestions:
        lines.append(
            "【提示：本报告没有扣分对应的管理问题；检查发现的均为报告文字本身的问题，"
            "请按 drafter suggest 的文字输出在报送前更正，不写入本部分。】"
        )
    else:
        lines.append("本年度各项指标均得满分，检查未发现需要整改的问题。")
    return "\n".join(lines) + "\n"

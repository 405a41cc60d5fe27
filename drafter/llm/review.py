"""The second reader: a model proposes semantic problems the rules cannot see (``check --llm``).

For each top-level section the model reads the whole report (delimited as data, never as
instructions) and returns structured output (:class:`ReviewAnswer`, through langchain's
``with_structured_output``): each issue with verbatim quotes. Code then keeps only what it can
verify: every quote must occur in the report after whitespace (and full-width/half-width)
normalisation, or the issue is dropped. Kept issues become findings LM001–LM003, severity at
most warning, ``origin="model"``, de-duplicated against the rule findings on the same lines and
against each other. The model can only add findings: :func:`review_document` never receives
the power to change or remove a rule finding (it returns new findings only; the caller appends).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field

from drafter.check.rules.model import BY_KIND
from drafter.document import Document, Line, LineKind
from drafter.findings import Finding, Severity
from drafter.llm.backend import Backend, BackendError, CallTag, ChatTurn, UsageStats
from drafter.llm.options import LLMOptions
from drafter.llm.progress import ProgressBar
from drafter.llm.prompts import RenderedPrompt
from drafter.text.headings import marker_level

__all__ = ["MODEL_CODES", "ModelIssue", "ReviewAnswer", "ReviewResult", "review_document"]

IssueKind = Literal["contradiction", "unsupported_claim", "full_marks_despite_shortfall"]

# The message's lead-in per issue kind (the renderer marks model findings as such).
_TITLES: dict[str, str] = {
    "contradiction": "前后矛盾",
    "unsupported_claim": "结论缺少依据",
    "full_marks_despite_shortfall": "有不足仍给满分",
}
# issue kind -> (code, name, severity, Chinese title). Code, name and severity are the registered
# rules' (drafter.check.rules.model), so `drafter rules`, --select/--ignore and the docs agree.
MODEL_CODES: dict[str, tuple[str, str, Severity, str]] = {
    kind: (rule.code, rule.name, rule.severity, _TITLES[kind]) for kind, rule in BY_KIND.items()
}
# A quote shorter than this (after normalisation) matches too much to prove anything.
MIN_QUOTE_CHARS = 6
_DELIMITERS = re.compile(r"<<<|>>>")


class ModelIssue(BaseModel):
    kind: IssueKind = Field(description="问题类型")
    quotes: list[str] = Field(min_length=1, max_length=3, description="逐字摘自报告的原文引文")
    explanation: str = Field(description="一句话说明问题")
    hint: str = Field("", description="一句话说明应如何修改")


class ReviewAnswer(BaseModel):
    issues: list[ModelIssue] = Field(default_factory=list)


@dataclass
class ReviewResult:
    findings: list[Finding]  # the model's findings only, verified and de-duplicated
    proposed: int = 0
    dropped_unverified: int = 0
    dropped_duplicate: int = 0
    dropped_disabled: int = 0  # codes not enabled (--select/--ignore, drafter.yaml, inline notes)
    failures: list[str] = field(default_factory=list)
    stats: UsageStats | None = None

    def messages(self) -> list[str]:
        lines = [f"第二审读未完成：{f}" for f in self.failures]
        lines.append(
            f"模型审读：提出 {self.proposed} 条，引文无法在报告中找到而舍弃 {self.dropped_unverified} 条，"
            f"与规则发现重复 {self.dropped_duplicate} 条，"
            + (f"按规则选择或忽略标注略去 {self.dropped_disabled} 条，" if self.dropped_disabled else "")
            + f"新增 {len(self.findings)} 条（均为提示性，不改变规则结果）。"
        )
        if self.stats is not None:
            lines.append(self.stats.summary() + "。")
        return lines


def _squash(text: str) -> str:
    from drafter.text.numbers import normalize

    return re.sub(r"\s+", "", normalize(text))


def _as_data(text: str) -> str:
    """The report as inert data: it cannot close our delimiters."""
    return _DELIMITERS.sub(lambda m: "‹‹‹" if m.group() == "<<<" else "›››", text)


def _sections(doc: Document) -> list[list[Line]]:
    lines = [ln for ln in doc.lines if ln.kind in (LineKind.TEXT, LineKind.ROW) and ln.text.strip()]
    chunks: list[list[Line]] = []
    for line in lines:
        if not chunks or marker_level(line.text) == 1:
            chunks.append([])
        chunks[-1].append(line)
    return [c for c in chunks if c]


class _Locator:
    """Finds a quote in the report after normalisation; maps it back to lines."""

    def __init__(self, doc: Document) -> None:
        self.lines = [ln for ln in doc.lines if ln.kind != LineKind.NOISE]
        parts, owners = [], []
        for line in self.lines:
            squashed = _squash(line.text)
            parts.append(squashed)
            owners.extend([line] * len(squashed))
        self.text = "".join(parts)
        self.owners = owners

    def find(self, quote: str) -> tuple[Line, Line] | None:
        needle = _squash(quote)
        if len(needle) < MIN_QUOTE_CHARS:
            return None
        at = self.text.find(needle)
        if at < 0:
            return None
        return self.owners[at], self.owners[at + len(needle) - 1]


def review_document(
    doc: Document,
    rule_findings: Sequence[Finding] = (),
    options: LLMOptions | None = None,
    *,
    backend: Backend | None = None,
    progress: bool = True,
    codes: Collection[str] | None = None,
) -> ReviewResult:
    """Ask the model for semantic problems in ``doc``; return verified, new findings only.

    ``codes``: the model codes (LM001–LM003) enabled for this report, as the checker's
    ``--select``/``--ignore`` and ``drafter.yaml`` decide (``None``: all). Findings of other codes,
    and findings an inline note suppresses (``drafter: ignore LM002``), are dropped and counted.
    """
    from drafter.check.suppress import strip_inline
    from drafter.llm.backend import check_reachable, create_backend
    from drafter.llm.prompts import load_prompts

    options = options or LLMOptions()
    backend = backend or create_backend(options)
    check_reachable(backend.endpoint)
    prompts = load_prompts()
    spec = prompts.for_section("*", purpose="review")
    report_text = _as_data(
        "\n".join(ln.text for ln in doc.lines if ln.kind != LineKind.NOISE and ln.text.strip())
    )
    schema = json.dumps(ReviewAnswer.model_json_schema(), ensure_ascii=False)
    rendered = []
    for chunk in _sections(doc):
        section = _as_data("\n".join(ln.text for ln in chunk))
        prompt = prompts.render(
            spec.id,
            report=report_text,
            section=section,
            section_title=chunk[0].text.strip()[:40],
            schema=schema,
        )
        rendered.append((chunk, prompt))

    from langchain_core.runnables import RunnableLambda  # LLM path only

    with ProgressBar("模型审读", len(rendered), enabled=progress) as advance:

        def ask(item: tuple[list[Line], RenderedPrompt]) -> ReviewAnswer:
            chunk, prompt = item
            turns = [ChatTurn("system", prompt.system), ChatTurn("user", prompt.user)]
            try:
                answer, _ = backend.structured(
                    turns, ReviewAnswer, tag=CallTag(spec.id, f"line {chunk[0].no}")
                )
            finally:
                advance()
            return answer

        answers = RunnableLambda(ask).batch(
            rendered, config={"max_concurrency": options.concurrency}, return_exceptions=True
        )
    result = ReviewResult(findings=[], stats=backend.stats)
    _, inline = strip_inline(doc)
    locator = _Locator(doc)
    taken = {
        (ln, f.code)
        for f in rule_findings
        if f.line is not None
        for ln in range(f.line, (f.end_line or f.line) + 1)
    }
    rule_lines = {ln for ln, _ in taken}
    seen: set[tuple[str, int]] = set()
    for (chunk, _), answer in zip(rendered, answers, strict=True):
        if isinstance(answer, BackendError):
            if answer.fatal:
                from drafter.errors import DrafterError

                raise DrafterError(f"{answer.message}；或不加 --llm 只做规则检查。")
            result.failures.append(f"第 {chunk[0].no} 行起的章节：{answer.message}")
            continue
        if isinstance(answer, BaseException):
            raise answer
        for issue in answer.issues:
            result.proposed += 1
            spans = [locator.find(q) for q in issue.quotes]
            if not spans or any(s is None for s in spans):
                result.dropped_unverified += 1
                continue
            first, last = spans[0][0], spans[0][1]  # type: ignore[index]
            code, _name, severity, title = MODEL_CODES[issue.kind]
            covered = {ln for s in spans for ln in range(s[0].no, s[1].no + 1)}  # type: ignore[index]
            if covered & rule_lines or (code, first.no) in seen:
                result.dropped_duplicate += 1
                continue
            seen.add((code, first.no))
            quote = issue.quotes[0].strip()
            col = first.text.find(quote)
            explanation = " ".join(issue.explanation.split())[:200]
            found = Finding(
                code=code,
                severity=severity,
                message=f"{title}：{explanation}",
                line=first.no,
                end_line=last.no,
                col=first.col(col) if col >= 0 else None,
                quote=quote if col >= 0 else first.text.strip(),
                hint=" ".join(issue.hint.split())[:200] or None,
                origin="model",
            )
            if (codes is not None and code not in codes) or inline.suppresses(found):
                result.dropped_disabled += 1
                continue
            result.findings.append(found)
    result.findings.sort(key=lambda f: (f.line or 0, f.code))
    return result

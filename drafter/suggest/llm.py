"""The LLM path of suggest (``--backend llm``): the model tailors each offline suggestion to the
department's duties and units, as structured output.

The offline suggestions are both the model's factual draft and the fallback. For each suggestion
one request (concurrent, bounded: langchain's ``Runnable.batch`` with ``max_concurrency``) asks
for a :class:`TailoredSuggestion` through the backend's structured output
(langchain ``with_structured_output``). Code then keeps only what it can verify:

- every measure names the sources it answers (D…/F… ids of this suggestion); a measure naming
  none of them is dropped;
- the lead unit is one of the data's 内设机构 (or the unit the offline measure named), the
  milestone one of the known keys; deadlines are written by code from the milestone;
- every number is grounded (:mod:`drafter.llm.grounding`) in the input and the offline draft; a
  suggestion with an ungrounded number is re-asked with the numbers named, up to
  ``options.max_reasks`` times, then the offline suggestion is kept and the user told why.

openai and langchain are imported only inside these functions.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from drafter.suggest.models import Measure, Suggestion, SuggestResult

__all__ = ["TailorAnswer", "TailoredMeasure", "TailoredSuggestion", "tailor"]

TEMPLATE_ID = "suggest-tailor"


class TailoredMeasure(BaseModel):
    text: str = Field(min_length=4, description="措施内容：做什么、怎么做")
    owner: str = Field(description="牵头的内设机构名称")
    partners: list[str] = Field(default_factory=list, description="配合的内设机构名称")
    when: Literal["报送前", "执行监控", "年中", "决算", "预算编制"] = Field(description="完成时限节点的键")
    sources: list[str] = Field(min_length=1, description="本措施回应的扣分或发现编号，如 D1、F2")


class TailoredSuggestion(BaseModel):
    problem: str = Field(min_length=4, description="存在问题（一句话）")
    causes: list[str] = Field(min_length=1, max_length=4, description="原因分析")
    measures: list[TailoredMeasure] = Field(min_length=1, max_length=6, description="改进措施")


class TailorAnswer(BaseModel):
    suggestion: TailoredSuggestion


@dataclass(frozen=True)
class _Job:
    offline: Suggestion
    variables: dict[str, Any]


def _as_data(text: str) -> str:
    """Material for the prompt: it may not close or open our delimiters."""
    return text.replace("<<<", "‹‹‹").replace(">>>", "›››")


def _units_text(subject: Any) -> str:
    if not subject.units:
        return "（数据未列出内设机构）"
    return "\n".join(f"{u.name}：{u.duties or '（未列职责）'}" for u in subject.units)


def _draft_text(s: Suggestion) -> str:
    lines = [f"问题：{s.problem}"]
    lines += [f"原因：{c}" for c in s.causes]
    lines += [f"措施：{m.text}（{m.responsibility}；时限节点：{m.milestone}）" for m in s.measures]
    return "\n".join(lines)


def _load_subject(
    result: SuggestResult, input_path: str | os.PathLike[str] | None, checked: Any = None
) -> tuple[Any, Any, str]:
    """The subject (units, duties), the grounding data and extra grounding text of the input
    (a report from ``checked``, the report checked already, when given)."""
    from drafter.suggest.context import subject_from_data, subject_from_facts

    path = Path(input_path or result.input)
    if result.input_kind == "data":
        from drafter.data.load import load_data

        data = load_data(path)
        return subject_from_data(data), data.model_dump(mode="json"), ""
    if checked is not None and checked.facts is not None and checked.document is not None:
        doc, facts = checked.checked_document, checked.facts
    else:  # tailor called on its own: read the report as the checker does
        from drafter.check.extract import extract_facts
        from drafter.check.suppress import strip_inline
        from drafter.read import read_document

        doc, _ = strip_inline(read_document(path))
        facts = extract_facts(doc)
    text = "\n".join(line.text for line in doc.lines)
    return subject_from_facts(facts, doc), None, text


def tailor(
    result: SuggestResult,
    *,
    input_path: str | os.PathLike[str] | None = None,
    model: str | None = None,
    base_url: str | None = None,
    options: Any = None,
    backend: Any = None,
    kb: Any = None,
    checked: Any = None,
) -> tuple[SuggestResult, list[str]]:
    """Tailor ``result``'s suggestions with a model; return the new result and messages for the user.

    ``options`` (:class:`drafter.llm.options.LLMOptions`) defaults to the user's configuration
    with ``model``/``base_url`` as overrides. ``checked`` is the report checked already
    (:func:`drafter.suggest.api.check_input`), so it is not read again. A missing key or server is a
    DrafterError (exit 2); a failure on one suggestion keeps its offline version.
    """
    from drafter.llm.backend import BackendError, CallTag, ChatTurn, check_reachable, create_backend
    from drafter.llm.grounding import NumberIndex
    from drafter.llm.options import load_options
    from drafter.llm.prompts import load_prompts
    from drafter.suggest.kb import load_kb
    from drafter.suggest.render import source_label

    if not result.suggestions:
        return result, ["没有需要改写的建议，未调用模型。"]
    options = options or load_options(model=model, base_url=base_url)
    backend = backend or create_backend(options)
    check_reachable(backend.endpoint)
    kb = kb or load_kb()
    prompts = load_prompts()
    subject, data_json, report_text = _load_subject(result, input_path, checked)
    milestones = {key: _deadline(result, key, kb) for key in kb.milestones}
    schema = json.dumps(TailorAnswer.model_json_schema(), ensure_ascii=False)
    jobs = []
    for s in result.suggestions:
        sources = [result.source(i) for i in s.sources]
        variables = {
            "dept": subject.dept,
            "year": str(subject.year or ""),
            "units": _as_data(_units_text(subject)),
            "duties": _as_data(subject.duties or "（未提供）"),
            "sources": _as_data(
                "\n".join(
                    source_label(src, in_data=result.input_kind == "data")
                    for src in sources
                    if src is not None
                )
            ),
            "draft": _as_data(_draft_text(s)),
            "milestones": "\n".join(f"{k}：{v}" for k, v in milestones.items()),
            "schema": schema,
        }
        jobs.append(_Job(s, variables))

    def ask(job: _Job) -> tuple[Suggestion, str | None]:
        index = NumberIndex.build(
            [subject.template_vars(), {"year": subject.year}],
            [job.variables["draft"], job.variables["sources"], report_text, *milestones.values()],
            direct=[data_json] if data_json is not None else [],
        )
        reask = numbers = ""
        for attempt in range(1, options.max_reasks + 2):
            prompt = prompts.render(TEMPLATE_ID, reask=reask, **job.variables)
            turns = [ChatTurn("system", prompt.system), ChatTurn("user", prompt.user)]
            answer, completion = backend.structured(
                turns, TailorAnswer, tag=CallTag(TEMPLATE_ID, job.offline.id, attempt)
            )
            made, problem = _accept(answer.suggestion, job.offline, subject, milestones)
            if made is None:
                backend.forget(completion)  # rejected: a re-run asks the model again, no replay
                return job.offline, f"{job.offline.id}：{problem}，已保留离线措施。"
            text = "\n".join([made.problem, *made.causes, *(m.text for m in made.measures)])
            bad = index.check(text)
            if not bad:
                return made, None
            backend.forget(completion)
            numbers = "、".join(dict.fromkeys(b.raw for b in bad))
            reask = f"回答中的数字 {numbers} 在底稿和依据中找不到，请删除或改用底稿中的数字。"
        return job.offline, f"{job.offline.id}：模型改写含有无依据的数字（{numbers}），已保留离线措施。"

    from langchain_core.runnables import RunnableLambda  # LLM path only

    answers = RunnableLambda(ask).batch(
        jobs, config={"max_concurrency": options.concurrency}, return_exceptions=True
    )
    suggestions: list[Suggestion] = []
    messages: list[str] = []
    for job, answer in zip(jobs, answers, strict=True):
        if isinstance(answer, BackendError):
            if answer.fatal:
                from drafter.errors import DrafterError

                raise DrafterError(f"{answer.message}；或不加 --backend llm 使用离线措施库。")
            suggestions.append(job.offline)
            messages.append(f"{job.offline.id}：{answer.message}，已保留离线措施。")
            continue
        if isinstance(answer, BaseException):
            raise answer
        made, note = answer
        suggestions.append(made)
        if note:
            messages.append(note)
    tailored = sum(1 for s in suggestions if s.origin == "model")
    messages.append(f"模型改写 {tailored} 个问题的措施，{len(suggestions) - tailored} 个沿用离线措施。")
    messages.append(backend.stats.summary() + "。")
    return result.model_copy(update={"suggestions": tuple(suggestions), "backend": "llm"}), messages


def _deadline(result: SuggestResult, key: str, kb: Any) -> str:
    """The deadline text of a milestone, as the offline suggestions wrote it (or rendered now)."""
    for s in result.suggestions:
        for m in s.measures:
            if m.milestone == key:
                return m.deadline
    from drafter.suggest.engine import Renderer

    year = result.year
    variables = {
        "year": year if year is not None else "本",
        "next_year": year + 1 if year is not None else "下一",
        "budget_year": year + 2 if year is not None else "以后",
    }
    return Renderer(kb).render(kb.milestones[key], f"milestones.{key}", variables)


def _accept(
    answer: TailoredSuggestion, offline: Suggestion, subject: Any, milestones: dict[str, str]
) -> tuple[Suggestion | None, str]:
    """Keep what can be verified of a model's answer; None (and why) when nothing usable is left."""
    from drafter.suggest.engine import clean_text

    allowed_sources = set(offline.sources)
    units = {u.name for u in subject.units}
    offline_owners = [m.owner for m in offline.measures]
    allowed_owners = units | set(offline_owners) | {subject.dept}
    measures: list[Measure] = []
    for i, m in enumerate(answer.measures):
        cites = tuple(dict.fromkeys(s.strip() for s in m.sources if s.strip() in allowed_sources))
        if not cites:
            continue  # a measure must answer one of this problem's deductions or findings
        owner = m.owner.strip()
        if owner not in allowed_owners:
            owner = offline_owners[min(i, len(offline_owners) - 1)]
        partners = tuple(p for p in dict.fromkeys(x.strip() for x in m.partners) if p in units and p != owner)
        measures.append(
            Measure(
                text=clean_text(m.text),
                owner=owner,
                partners=partners,
                milestone=m.when,
                deadline=milestones[m.when],
                sources=cites,
            )
        )
    if not measures:
        return None, "模型给出的措施都没有注明所回应的扣分或发现编号"
    problem = clean_text(answer.problem)
    return (
        offline.model_copy(
            update={
                "problem": problem,
                "report_problem": problem if offline.report_problem else "",
                "causes": tuple(clean_text(c) for c in answer.causes if c.strip()),
                "measures": tuple(measures),
                "origin": "model",
            }
        ),
        "",
    )

"""Polished drafting: each section of the offline draft rewritten by a model, numbers verified.

:func:`polish_report` takes the offline :class:`~drafter.draft.report.DraftedReport` (whose text
is the factual skeleton) and returns the same report with model prose where it passed the checks:

1. every prompt is rendered first (a missing template variable fails before any model call);
   a section whose accepted text is in the verified store (:mod:`drafter.llm.verified`, keyed
   without langchain) is taken from there after the checks of step 3 pass again, and only the
   rest go to the model: a fully warm run makes no client, imports neither langchain nor openai
   and probes no server (raw answers are cached by langchain, :mod:`drafter.llm.cache`);
2. sections run concurrently, at most ``concurrency`` at once, in a thread pool (one failure
   never discards the others); making the client imports nothing heavy: the first requests go
   out at once and langchain-openai (over a second of CPU) is loaded while they travel
   (:mod:`drafter.llm.openai_compat`); once they are on the wire, this thread builds the grounding
   and the check of the offline draft while the answers travel;
3. each answer is checked: its sub-heading lines must be the skeleton's, and every number must
   be grounded (:mod:`drafter.llm.grounding`); a failing answer is re-asked once or twice naming
   the offending numbers; then, or on a timeout / 429 / 5xx / malformed answer, the section keeps
   its offline text and the outcome says which and why. Every outcome (accepted text or
   fallback) goes into the verified store, so a re-run asks nothing; ``refresh`` asks again;
   the whole draft then passes the checker (:mod:`drafter.llm.postcheck`): a rewrite that brings
   a finding the offline draft lacks falls back too;
4. a wrong key, a missing server or an unknown model fails every call alike: the run stops with a
   :class:`~drafter.errors.DrafterError` that says what to set, unless some sections already
   have model text (then the others fall back).

The caller writes the result (atomically) once everything is in.
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from concurrent.futures import Future
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from drafter.errors import DrafterError
from drafter.llm.backend import Backend, BackendError, CallTag, ChatTurn, UsageStats
from drafter.llm.options import Endpoint, LLMOptions
from drafter.llm.progress import ProgressBar
from drafter.llm.prompts import PromptSet, RenderedPrompt, load_prompts
from drafter.llm.verified import VerifiedEntry, VerifiedStore, verified_key
from drafter.text.lexicons import word_groups

if TYPE_CHECKING:
    from drafter.data.model import EvaluationData
    from drafter.draft.report import DraftedReport, Section
    from drafter.llm.label_grounding import SectionGround

__all__ = ["PolishResult", "SectionOutcome", "polish_report"]

# A skeleton this short ("无。") has nothing to polish.
# How long this thread waits for the first requests to be on the wire before its own CPU work.
_DISPATCH_WAIT = 2.0
_MIN_SKELETON_CHARS = 12
_FENCE = re.compile(r"^```[a-zA-Z]*\s*$")
# A chatty first line ("好的，以下是润色后的正文：") is not report text.
_PREAMBLE = re.compile(r"^(好的|以下是|下面是|润色后).{0,40}[：:]$")


@dataclass(frozen=True)
class SectionOutcome:
    key: str
    title: str  # the section's own heading, for messages
    source: Literal["model", "offline"]
    reason: str = ""  # why the offline text was kept
    attempts: int = 0
    cached: bool = False


@dataclass(frozen=True)
class PolishResult:
    report: DraftedReport
    outcomes: tuple[SectionOutcome, ...]
    stats: UsageStats
    model: str

    #: findings of the whole-draft check that the offline draft does not have and that no
    #: fallback could remove (normally none)
    new_findings: tuple[Any, ...] = ()

    @property
    def fallbacks(self) -> list[SectionOutcome]:
        return [o for o in self.outcomes if o.source == "offline" and o.attempts > 0]

    def messages(self) -> list[str]:
        """Chinese lines for stderr: each fallback with its reason, then the totals."""
        lines = [
            f"“{o.title}”使用离线文本：{o.reason}"
            + ("（上次运行的结果；加 --refresh 重新请求）" if o.cached else "")
            for o in self.fallbacks
        ]
        used = sum(1 for o in self.outcomes if o.source == "model")
        kept = [o for o in self.outcomes if o.source == "offline" and o.attempts == 0]
        tail = f"，{len(kept)} 节无需润色（{'、'.join(o.title for o in kept)}）" if kept else ""
        lines.append(
            f"大模型 {self.model} 润色：共 {len(self.outcomes)} 节，{used} 节采用模型文本，"
            f"{len(self.fallbacks)} 节改用离线文本{tail}。"
        )
        lines.append(self.stats.summary() + "。")
        if self.new_findings:
            lines.append(f"润色稿检查发现 {len(self.new_findings)} 处离线稿没有的问题（请核对）：")
            lines += [f"  第 {f.line} 行 {f.code} {f.severity.label}：{f.message}" for f in self.new_findings]
        else:
            lines.append("润色稿已通过检查：与离线稿相比没有新增问题。")
        return lines


class _Grounds:
    """The grounding of every section, built on first use (thread-safe): a cold run sends its
    requests first and builds these while the answers are on their way."""

    def __init__(self, report: DraftedReport, data: EvaluationData | None) -> None:
        self.report = report
        self.data = data
        self._lock = threading.Lock()
        self._truth: Any = None
        self._built: dict[str, SectionGround] = {}
        self._templates: Any = None

    def get(self, section: Section) -> SectionGround:
        with self._lock:
            ground = self._built.get(section.key)
            if ground is None:
                from drafter.llm.label_grounding import SectionGround
                from drafter.llm.truth import build_truth

                if self._truth is None:
                    from drafter.draft.templates import TemplateSet
                    from drafter.resources import resource_dir

                    self._truth = build_truth(self.report, self.data)
                    self._templates = TemplateSet(resource_dir("prompts") / "sections")
                carries = _carries(self._templates, section)
                ground = self._built[section.key] = SectionGround.build(section, self._truth, carries)
            return ground


@dataclass(frozen=True)
class _Job:
    section: Section
    prompt: RenderedPrompt
    grounds: _Grounds

    @property
    def ground(self) -> SectionGround:
        return self.grounds.get(self.section)


def _skip_reason(section: Section) -> str:
    if section.has_placeholder:
        return "含【待补充】占位，保留离线文本"
    if len(section.text.strip()) < _MIN_SKELETON_CHARS:
        return "内容过短，无需润色"
    return ""


def _headings(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def _clean(answer: str, section: Section) -> str:
    """Strip what models add around the text; restore sub-heading marks a model dropped."""
    lines = [line.strip() for line in answer.strip().splitlines()]
    lines = [line for line in lines if line and not _FENCE.match(line)]
    if lines and _PREAMBLE.match(lines[0]):
        lines = lines[1:]
    own = section.heading[-1] if section.heading else ""
    if lines and own and lines[0].lstrip("#").strip() == own:
        lines = lines[1:]
    by_text = {h.lstrip("#").strip(): h for h in _headings(section.text)}
    return "\n".join(by_text.get(line.lstrip("#").strip(), line) for line in lines)


#: A polished section may grow to three times its offline text (or by 1,500 characters where
#: the offline text is short); anything longer is padding or a runaway answer.
_GROWTH = 3
_SLACK = 1500


def _problems(text: str, section: Section, ground: SectionGround) -> list[str]:
    if not text.strip():
        return ["回答为空"]
    limit = max(_GROWTH * len(section.text), len(section.text) + _SLACK)
    if len(text) > limit:
        # a runaway or padded answer: refused before any grounding work on it
        return [f"回答过长（{len(text)}字，本节初稿{len(section.text)}字），请在初稿篇幅内润色"]
    problems = []
    expected, got = _headings(section.text), _headings(text)
    if expected != got:
        problems.append(
            "小标题必须逐字保留为：" + " / ".join(h.lstrip("#").strip() for h in expected)
            if expected
            else "本节不应包含以“#”开头的小标题行"
        )
    lost = _lost_shortfalls(section.text, text)
    if lost:
        problems.append("初稿中的不足表述被删减或改写，必须保留：" + "、".join(lost))
    problems.extend(ground.problems(text))
    return problems


def _either(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@cache
def _shortfall_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The shortfalls a skeleton states, which a rewrite must keep every one of (no embellishment):
    a negation and a verb ("尚未验收"), a deduction ("扣2分"), "不得分" (schemas/lexicon/shortfalls.yaml,
    kept); and the negation at its start, which is counted as 未 ("暂未完成" kept as "未完成")."""
    kept = word_groups("shortfalls", "kept")
    negation = _either(kept["negation"])
    found = re.compile(
        negation
        + _either(kept["verbs"])
        + r"|扣(?:除|减|掉)?\s*\d+(?:\.\d+)?\s*分|"
        + _either(kept["deducted"])
    )
    return found, re.compile("^" + negation)


def _shortfalls(text: str) -> Counter[str]:
    found, negation = _shortfall_patterns()
    return Counter(
        negation.sub("未", re.sub(r"\s|(?<=扣)[除减掉]", "", m.group())) for m in found.finditer(text)
    )


def _lost_shortfalls(skeleton: str, text: str) -> list[str]:
    return sorted((_shortfalls(skeleton) - _shortfalls(text)).keys())


# Context fields that are drafter's bookkeeping, not facts a model should write about.
_BOOKKEEPING = frozenset({"raw", "explained", "children_explain", "direct", "part_of", "kind", "suggested"})


def section_facts(context: Any) -> Any:
    """The facts JSON a section's prompt carries: its context without bookkeeping fields and
    without empty values."""
    if isinstance(context, dict):
        out = {k: section_facts(v) for k, v in context.items() if k not in _BOOKKEEPING}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(context, list):
        return [section_facts(v) for v in context]
    return context


def _render_jobs(
    report: DraftedReport, prompts: PromptSet, data: EvaluationData | None = None
) -> tuple[list[_Job], list[Section]]:
    grounds = _Grounds(report, data)
    jobs, skipped = [], []
    for section in report.sections:
        if _skip_reason(section):
            skipped.append(section)
            continue
        spec = prompts.for_section(section.key)
        prompt = prompts.render(
            spec.id,
            title=report.title,
            heading=" / ".join(section.heading),
            facts=json.dumps(section_facts(section.context), ensure_ascii=False, indent=1, default=str),
            skeleton=section.text,
        )
        jobs.append(_Job(section, prompt, grounds))
    return jobs, skipped


def _carries(templates: Any, section: Section) -> dict[str, str]:
    """The facts the section's template declares it must carry (none for an unknown template)."""
    key = section.template.removesuffix(".j2")
    try:
        return dict(templates.get(key).meta.carries) if key else {}
    except (OSError, ValueError):
        return {}


def polish_report(
    report: DraftedReport,
    options: LLMOptions,
    *,
    backend: Backend | None = None,
    endpoint: Endpoint | None = None,
    prompts: PromptSet | None = None,
    progress: bool = True,
    data: EvaluationData | None = None,
) -> PolishResult:
    """Rewrite ``report``'s sections with the model; see the module docstring.

    Sections whose accepted text is in the verified store (:mod:`drafter.llm.verified`) are
    taken from there, checked again, without a model client; only the others are sent. When
    none is left to send, no backend is made, so neither langchain nor openai is imported and
    nothing is probed over the network. ``endpoint`` (already resolved) or ``backend`` say
    where the model is; without them the endpoint is resolved from ``options``. ``data`` (the
    EvaluationData the report was drafted from) is what the figures are checked against;
    without it they are checked against the offline report itself.
    """
    from drafter.llm.options import resolve_endpoint

    if backend is not None:
        endpoint = backend.endpoint
    endpoint = endpoint or resolve_endpoint(options)  # DrafterError when nothing is configured
    prompts = prompts or load_prompts()
    jobs, skipped = _render_jobs(report, prompts, data)  # DrafterError on a template problem, before any call

    texts: dict[str, str] = {}
    outcomes: dict[str, SectionOutcome] = {}
    store = _verified_store(options)
    digest = _data_digest(report, data)
    keys = (
        {job.section.key: _verified_key(job, endpoint, options, prompts, digest) for job in jobs}
        if store
        else {}
    )
    entries = {
        job.section.key: store.get(keys[job.section.key])
        if store is not None and not options.refresh
        else None
        for job in jobs
    }
    client: Future[Backend] | None = None
    if backend is not None:
        client = _ready(backend)
    elif any(entry is None for entry in entries.values()):
        # some section must be sent: make the client (importing langchain) in its own thread now,
        # while this one checks the stored texts and builds the grounding
        client = _start_client(options, endpoint)
    hits: list[tuple[_Job, VerifiedEntry]] = []
    pending: list[_Job] = []
    for job in jobs:
        entry = entries[job.section.key]
        if entry is not None and entry.fallback:
            hits.append((job, entry))
            outcomes[job.section.key] = SectionOutcome(
                job.section.key, _title(job.section), "offline", entry.reason, entry.attempts, cached=True
            )
        elif entry is not None and _reusable(entry, job, options):
            hits.append((job, entry))
            texts[job.section.key] = entry.text
            outcomes[job.section.key] = SectionOutcome(
                job.section.key, _title(job.section), "model", attempts=entry.attempts, cached=True
            )
        else:
            pending.append(job)

    from drafter.llm.postcheck import post_check

    before = None
    if pending:
        client = client or _start_client(options, endpoint)
        before = _polish_pending(
            pending, client, prompts, options, progress, texts, outcomes, store, keys, report
        )
        backend = client.result()
        settle = getattr(backend, "settle", None)
        if settle is not None:
            settle()  # no thread of ours may be inside an import when the process ends
    stats = backend.stats if backend is not None else UsageStats()
    _count_hits(hits, stats, endpoint, options)
    for section in skipped:
        outcomes[section.key] = SectionOutcome(section.key, _title(section), "offline", _skip_reason(section))

    # the whole draft through the checker: a section whose rewrite brings a finding the offline
    # draft does not have falls back (and that outcome is stored like any other). A run whose
    # every outcome comes from the store reproduces a draft that its storing run checked (the
    # keys hold the data and prompts), and its texts were grounded again above: no check then.
    undone, remaining = post_check(report, texts, before=before) if pending else ({}, [])
    for key, reason in undone.items():
        texts.pop(key, None)
        before = outcomes[key]
        outcomes[key] = SectionOutcome(key, before.title, "offline", reason, before.attempts, before.cached)
        job = next(j for j in jobs if j.section.key == key)
        if store is not None:
            store.put(keys[key], VerifiedEntry("", before.attempts, job.prompt.template, "offline", reason))
    sections = tuple(s.with_text(texts[s.key]) if s.key in texts else s for s in report.sections)
    from dataclasses import replace

    return PolishResult(
        report=replace(report, sections=sections),
        outcomes=tuple(outcomes[s.key] for s in report.sections),
        stats=stats,
        model=endpoint.model,
        new_findings=tuple(remaining),
    )


def _ready(backend: Backend) -> Future[Backend]:
    done: Future[Backend] = Future()
    done.set_result(backend)
    return done


def _start_client(options: LLMOptions, endpoint: Endpoint) -> Future[Backend]:
    """The backend, after a cheap probe that a local server is listening. Making it imports
    nothing heavy: it loads langchain in a thread of its own once its first requests are out
    (:mod:`drafter.llm.openai_compat`)."""
    from drafter.llm.backend import check_reachable, create_backend

    check_reachable(endpoint)  # only now: a fully cached run needs no server
    client: Future[Backend] = Future()
    try:
        client.set_result(create_backend(options, endpoint=endpoint))
    except Exception as exc:  # handed to whoever waits for the client
        client.set_exception(exc)
    return client


def _polish_pending(
    jobs: list[_Job],
    client: Future[Backend],
    prompts: PromptSet,
    options: LLMOptions,
    progress: bool,
    texts: dict[str, str],
    outcomes: dict[str, SectionOutcome],
    store: VerifiedStore | None,
    keys: dict[str, str],
    report: DraftedReport,
) -> Any:
    """Send ``jobs`` to the model concurrently (at most ``options.concurrency`` at once); fill
    ``texts``/``outcomes``; store every outcome. While the answers are on their way, this thread
    builds the grounding and checks the offline draft for the post-check, whose findings it
    returns."""
    from concurrent.futures import ThreadPoolExecutor, wait

    from drafter.llm.postcheck import offline_findings

    bar = ProgressBar("大模型润色", len(jobs), enabled=progress, deferred=True)
    with bar as advance:

        def run(job: _Job) -> tuple[str, SectionOutcome] | BaseException:
            try:
                return _run_job(job, client.result(), prompts, options.max_reasks)
            except BaseException as exc:  # one section's failure never discards the others
                return exc
            finally:
                advance()

        with ThreadPoolExecutor(max_workers=options.concurrency, thread_name_prefix="drafter-llm") as pool:
            futures = [pool.submit(run, job) for job in jobs]
            # One interpreter lock: grounding built now would slow the workers' first requests.
            # Wait for the client and for those requests to be on the wire, then do this work
            # while the answers travel (a worker waits for a section's grounding if it is late).
            wait([client])
            if client.exception() is None:
                dispatched = getattr(client.result(), "wait_dispatched", None)
                if dispatched is not None:
                    dispatched(_DISPATCH_WAIT)
            bar.show()
            for job in jobs:
                job.grounds.get(job.section)
            before = offline_findings(report)
            results = [f.result() for f in futures]

    fatal: list[BackendError] = []
    for job, result in zip(jobs, results, strict=True):
        title = _title(job.section)
        if isinstance(result, BackendError):
            if result.fatal:
                fatal.append(result)
            outcomes[job.section.key] = SectionOutcome(
                job.section.key, title, "offline", result.message, attempts=1
            )
            if store is not None and not result.fatal:  # a wrong key or no server is not an outcome
                store.put(
                    keys[job.section.key],
                    VerifiedEntry("", 1, job.prompt.template, "offline", result.message),
                )
        elif isinstance(result, BaseException):
            raise result
        else:
            text, outcome = result
            outcomes[job.section.key] = outcome
            if outcome.source == "model":
                texts[job.section.key] = text
            if store is not None:
                store.put(
                    keys[job.section.key],
                    VerifiedEntry(
                        text if outcome.source == "model" else "",
                        outcome.attempts,
                        job.prompt.template,
                        outcome.source,
                        outcome.reason,
                    ),
                )
    if fatal and not any(o.source == "model" for o in outcomes.values()):
        raise DrafterError(_fatal_message(fatal[0], client.result()))
    return before


def _verified_store(options: LLMOptions) -> VerifiedStore | None:
    if not options.cache:
        return None
    from drafter.userdirs import cache_dir

    return VerifiedStore(cache_dir() / "llm-verified")


def _data_digest(report: DraftedReport, data: EvaluationData | None) -> str:
    """A digest of what the figures are checked against: the data (or the offline report)."""
    import hashlib

    payload = data.model_dump_json() if data is not None else ""
    payload += json.dumps([s.context for s in report.sections], ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def _verified_key(job: _Job, endpoint: Endpoint, options: LLMOptions, prompts: PromptSet, digest: str) -> str:
    return verified_key(
        provider=endpoint.provider,
        base_url=endpoint.base_url,
        model=endpoint.model,
        temperature=options.temperature,
        max_tokens=options.max_tokens,
        templates_digest=prompts.digest,
        template=job.prompt.template,
        system=job.prompt.system,
        user=job.prompt.user,
        data_digest=digest,
        max_reasks=options.max_reasks,
    )


def _reusable(entry: VerifiedEntry, job: _Job, options: LLMOptions) -> bool:
    """A stored text is used only if this run would have accepted it: within the re-asks
    allowed now, and passing today's checks (cheap, pure code) on today's data."""
    return entry.attempts <= options.max_reasks + 1 and not _problems(entry.text, job.section, job.ground)


def _count_hits(
    hits: list[tuple[_Job, VerifiedEntry]], stats: UsageStats, endpoint: Endpoint, options: LLMOptions
) -> None:
    """Count verified-store hits as cache hits, and log them like the calls they replace."""
    if not hits:
        return
    from drafter.llm.audit import AuditLog, AuditRecord
    from drafter.llm.backend import prompt_hash
    from drafter.userdirs import audit_log_path

    secrets = (endpoint.api_key.get_secret_value(),) if endpoint.api_key is not None else ()
    audit = AuditLog(audit_log_path() if options.audit else None, secrets=secrets)
    for job, entry in hits:
        stats.add(cached=True)
        turns = [ChatTurn("system", job.prompt.system), ChatTurn("user", job.prompt.user)]
        audit.write(
            AuditRecord(
                entry.template,
                job.section.key,
                prompt_hash(endpoint.model, turns),
                endpoint.provider,
                endpoint.model,
                True,
                0,
                0,
                0.0,
                "ok",
                entry.attempts,
                "已核对的结果缓存",
                prompt="\n\n".join(f"[{t.role}]\n{t.content}" for t in turns)
                if options.audit_content
                else None,
                response=entry.text if options.audit_content else None,
            )
        )


def _run_job(job: _Job, backend: Backend, prompts: PromptSet, max_reasks: int) -> tuple[str, SectionOutcome]:
    """One section: ask, verify, re-ask up to ``max_reasks`` times; BackendError propagates."""
    section = job.section
    turns = [ChatTurn("system", job.prompt.system), ChatTurn("user", job.prompt.user)]
    problems: list[str] = []
    cached = True
    for attempt in range(1, max_reasks + 2):

        def validate(answer: str) -> str | None:
            found = _problems(_clean(answer, section), section, job.ground)
            return "rejected: " + "；".join(found) if found else None

        template = job.prompt.template if attempt == 1 else "draft-reask"
        completion = backend.complete(turns, tag=CallTag(template, section.key, attempt), validate=validate)
        cached = cached and completion.cached
        text = _clean(completion.text, section)
        problems = _problems(text, section, job.ground)
        if not problems:
            return text, SectionOutcome(
                section.key, _title(section), "model", attempts=attempt, cached=cached
            )
        if attempt <= max_reasks:
            reask = prompts.render("draft-reask", problems="\n".join(f"- {p}" for p in problems))
            turns += [ChatTurn("assistant", completion.text), ChatTurn("user", reask.user)]
    asked = f"（追问 {max_reasks} 次后仍未通过）" if max_reasks else ""
    return section.text, SectionOutcome(
        section.key,
        _title(section),
        "offline",
        "；".join(problems) + asked,
        attempts=max_reasks + 1,
        cached=cached,
    )


def _title(section: Section) -> str:
    return section.heading[-1] if section.heading else section.key


def _fatal_message(error: BackendError, backend: Backend) -> str:
    from drafter.llm.presets import find_preset

    preset = find_preset(backend.endpoint.provider)
    if error.kind == "connection":
        how = f"请确认服务已启动（{preset.note}）" if preset and preset.note else "请检查网络与 --base-url"
        return f"{error.message}：{how}；或不加 --backend llm 使用离线写作。"
    return f"{error.message}；或不加 --backend llm 使用离线写作。"

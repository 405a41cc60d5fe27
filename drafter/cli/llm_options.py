"""Options of the LLM path shared by ``drafter draft``, ``drafter suggest`` and ``drafter check``
(defined once here).

Only typer and the standard library at import time: the LLM library (and with it langchain and
openai) is imported inside the functions below, which run only when the user asked for the LLM.
There is deliberately no ``--api-key`` option: a key on the command line lands in shell history;
keys come from environment variables or the config file (see ``drafter models``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from drafter.document import Document
    from drafter.findings import Finding

__all__ = [
    "Backend",
    "BackendOpt",
    "BaseUrlOpt",
    "ConcurrencyOpt",
    "LlmCheckOpt",
    "ModelOpt",
    "NoCacheOpt",
    "RefreshOpt",
    "llm_polisher",
    "llm_review",
    "llm_review_results",
    "llm_settings",
    "model_codes",
]


class Backend(str, Enum):
    """``--backend`` of ``drafter draft`` and ``drafter suggest``: the offline templates or a model."""

    template = "template"
    llm = "llm"


BackendOpt = Annotated[
    Backend,
    typer.Option(
        "--backend",
        help="起草方式：template（离线模板，默认，不联网）或 llm（大模型润色文字，数字逐一与数据核对）。",
    ),
]
ModelOpt = Annotated[str | None, typer.Option("--model", help="大模型名称（默认取预设或配置文件）。")]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help="OpenAI 兼容接口地址，如 http://127.0.0.1:11434/v1（Ollama）。密钥只从环境变量或配置文件读取。",
    ),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="不使用本地缓存的模型回答（默认相同提示词复用缓存）。")
]
RefreshOpt = Annotated[
    bool,
    typer.Option(
        "--refresh",
        help="重新请求大模型：不用上次运行缓存的结果（默认同一模型、提示词与数据的各节结果直接复用，不再请求）。",
    ),
]
ConcurrencyOpt = Annotated[
    int | None, typer.Option("--concurrency", min=1, max=32, help="同时请求的章节数（默认 4）。")
]
LlmCheckOpt = Annotated[
    bool,
    typer.Option(
        "--llm",
        help="再请大模型做第二审读：找出前后矛盾、缺少依据、有不足仍给满分等语义问题（引文逐一核对，仅作提示）。",
    ),
]


def llm_settings(
    model: str | None,
    base_url: str | None,
    no_cache: bool,
    concurrency: int | None,
    refresh: bool = False,
) -> Any:
    """The LLM settings for the options above (the config file and environment fill the rest);
    a missing key is a :class:`~drafter.errors.DrafterError` (exit 2) before any work."""
    from drafter.llm.options import load_options

    return load_options(
        model=model,
        base_url=base_url,
        cache=False if no_cache else None,
        concurrency=concurrency,
        refresh=True if refresh else None,
    )


def llm_polisher(
    *,
    model: str | None = None,
    base_url: str | None = None,
    no_cache: bool = False,
    concurrency: int | None = None,
    refresh: bool = False,
) -> Callable[..., Any]:
    """The ``backend`` callable for :func:`drafter.draft.report.draft_report`.

    Settings are resolved now, so a missing key (or no configuration at all) is reported (exit 2)
    before drafting: that check is local and costs nothing, and ``--backend llm`` means "a model
    is configured" whether or not the answers happen to be cached. The reachability probe of a
    local server is left to :func:`~drafter.llm.drafting.polish_report`, which runs it only when
    some section must actually be sent: a fully cached run needs no server and, not making a
    client, never imports langchain or openai. The callable polishes the offline report (a
    rewrite that brings a finding the offline draft lacks falls back there) and prints each
    fallback and the totals to stderr.
    """
    from drafter.llm.options import resolve_endpoint

    options = llm_settings(model, base_url, no_cache, concurrency, refresh)
    endpoint = resolve_endpoint(options)

    def polish(report: Any, data: Any = None) -> Any:
        from drafter.llm.drafting import polish_report

        result = polish_report(report, options, endpoint=endpoint, data=data)
        for line in result.messages():
            print(line, file=sys.stderr)
        return result.report

    return polish


def llm_review(
    doc: Document, findings: Sequence[Finding], options: Any = None, *, codes: Collection[str] | None = None
) -> list[Finding]:
    """``check --llm`` for one document: the rule findings, unchanged, then the model's verified
    additions (only of ``codes``, when given)."""
    from drafter.llm.options import load_options
    from drafter.llm.review import review_document

    result = review_document(doc, findings, options or load_options(), codes=codes)
    for line in result.messages():
        print(line, file=sys.stderr)
    return [*findings, *result.findings]


def model_codes(checker: Any, path: str) -> frozenset[str]:
    """The model codes (LM001–LM003) the checker enables for the report at ``path``: the same
    ``--select``/``--ignore`` and ``drafter.yaml`` decisions as for the rules themselves."""
    config = checker._config_for(path, {})  # the runner's own lookup (explicit --config, or discovered)
    return frozenset(r.code for r in checker.rules_for(path, config) if r.family == "model")


def llm_review_results(results: Sequence[Any], checker: Any = None) -> list[Any]:
    """``check --llm`` over the checker's results (:class:`~drafter.check.run.CheckedReport`): each
    readable report's document (as the checker read it; read again only when the result kept none)
    is reviewed; its rule findings are kept as they are and the model's are appended.

    With ``checker`` (the :class:`~drafter.check.run.Checker` that produced ``results``), model
    findings follow its ``--select``/``--ignore`` and ``drafter.yaml``; a report for which no model
    code is enabled is not sent to the model at all."""
    from dataclasses import replace

    from drafter.llm.backend import check_reachable
    from drafter.llm.options import load_options, resolve_endpoint
    from drafter.read import read_document

    options = load_options()
    endpoint = resolve_endpoint(options)  # a missing key is reported before any work
    enabled = {
        r.path: model_codes(checker, r.path) if checker is not None else None for r in results if not r.error
    }
    if not any(codes is None or codes for codes in enabled.values()):
        print(
            "按 --select/--ignore 或 drafter.yaml，模型规则（LM001–LM003）均未启用，未调用模型。",
            file=sys.stderr,
        )
        return list(results)
    check_reachable(endpoint)  # ... and a local server that is not running
    out = []
    for result in results:
        codes = enabled.get(result.path)
        if result.error or (codes is not None and not codes):
            out.append(result)
            continue
        if len(results) > 1:
            print(f"模型审读：{result.path}", file=sys.stderr)
        doc = getattr(result, "document", None)
        if doc is None:  # a result that kept nothing of what was read
            doc = read_document(result.path)
        if checker is not None and checker.options.reviewer:  # the report's notes hide nothing
            from drafter.check.suppress import strip_inline

            doc, _ = strip_inline(doc)
        out.append(
            replace(result, findings=tuple(llm_review(doc, list(result.findings), options, codes=codes)))
        )
    return out

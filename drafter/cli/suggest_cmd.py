"""``drafter suggest``: problems, causes and measures for every deduction and finding.

Only typer and the standard library at import time; the library (and, with ``--backend llm``,
the LLM stack) is imported inside the command.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from drafter.cli import llm_options
from drafter.fileio import check_output_path, write_atomic

__all__ = ["register"]


class SuggestFormat(str, Enum):
    text = "text"
    json = "json"
    section = "section"


def suggest(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="数据或报告",
            help="评价数据（.yaml/.yml/.json）或自评报告（.txt/.md/.docx/.pdf；先做检查）。",
        ),
    ],
    fmt: Annotated[
        SuggestFormat,
        typer.Option(
            "--format", "-f", help="输出格式：text 按问题分组；json；section 可直接粘贴的第四部分。"
        ),
    ] = SuggestFormat.text,
    rubric: Annotated[
        str | None, typer.Option("--rubric", help="评价指标体系编号或 YAML 文件（默认用数据所指定的）。")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="输出文件；不给则打印到屏幕。")
    ] = None,
    kb_dir: Annotated[
        Path | None,
        typer.Option(
            "--kb", help="改用此文件夹中的措施知识库（*.yaml，格式见 prompts/measures/README.md）。"
        ),
    ] = None,
    backend: Annotated[
        llm_options.Backend,
        typer.Option("--backend", help="template：离线措施库（默认）；llm：由模型结合部门职责改写措施。"),
    ] = llm_options.Backend.template,
    model: llm_options.ModelOpt = None,
    base_url: llm_options.BaseUrlOpt = None,
    no_cache: llm_options.NoCacheOpt = False,
    concurrency: llm_options.ConcurrencyOpt = None,
) -> None:
    """为每个扣分指标和每条检查发现提出问题、原因和具体改进措施（责任股室、完成时限）。

    输入为报告时先做检查；只针对扣分和警告及以上的发现提出建议，每条建议注明依据。
    退出码：0 完成，2 输入无法读取或参数有误。
    """
    from drafter.suggest.api import check_input
    from drafter.suggest.api import suggest as run_suggest
    from drafter.suggest.render import render_json, render_section, render_text

    if output is not None:
        check_output_path(output, [input_path])
    options = None
    # settings first: a missing key or server is exit 2 before any work
    if backend is llm_options.Backend.llm:
        options = llm_options.llm_settings(model, base_url, no_cache, concurrency)
    kb = None
    if kb_dir is not None:
        from drafter.suggest.kb import load_kb

        kb = load_kb(kb_dir)
    checked = check_input(input_path, rubric=rubric)  # a report: read and checked once, for both stages
    result = run_suggest(input_path, rubric=rubric, kb=kb, checked=checked)
    if options is not None:
        from drafter.suggest.llm import tailor

        result, messages = tailor(result, input_path=input_path, options=options, kb=kb, checked=checked)
        for message in messages:
            print(message, file=sys.stderr)
    if fmt is SuggestFormat.json:
        text = render_json(result)
    elif fmt is SuggestFormat.section:
        text = render_section(result)
    else:
        text = render_text(result)
    if output is None:
        sys.stdout.write(text)
        return
    write_atomic(output, text)
    print(f"已写入 {output}（{len(result.suggestions)} 个问题）。", file=sys.stderr)


def register(app: typer.Typer) -> None:
    """Add ``suggest`` to ``app``."""
    app.command("suggest")(suggest)

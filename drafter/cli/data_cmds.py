"""``drafter draft``, ``drafter validate`` and ``drafter init``.

Only typer and the standard library at import time; the library is imported inside each
command, so ``drafter draft`` never pays for (or imports) the LLM stack.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from drafter.cli import llm_options

__all__ = ["register"]

DEFAULT_DATA_NAME = "data.yaml"


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"


class _Result:
    """One file's result in the shape :mod:`drafter.render` expects."""

    def __init__(self, path: str, findings: list[Any], error: str | None = None) -> None:
        self.path = path
        self.findings = findings
        self.error = error


def draft(
    data: Annotated[
        Path, typer.Argument(metavar="数据文件", help="评价数据文件（YAML），可用 drafter init 生成模板。")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="输出文件：.md、.txt 或 .docx；不给则把 Markdown 打印到屏幕。"),
    ] = None,
    backend: llm_options.BackendOpt = llm_options.Backend.template,
    model: llm_options.ModelOpt = None,
    base_url: llm_options.BaseUrlOpt = None,
    no_cache: llm_options.NoCacheOpt = False,
    concurrency: llm_options.ConcurrencyOpt = None,
    refresh: llm_options.RefreshOpt = False,
    force: Annotated[
        bool, typer.Option("--force", help="输出文件已存在时覆盖它（默认不覆盖，以免丢失手工修改）。")
    ] = False,
) -> None:
    """根据评价数据起草完整的部门整体支出绩效自评报告（默认离线，不联网；--backend llm 用大模型润色）。"""
    from drafter.check.on_data import check_data, has_errors
    from drafter.data.load import load_data
    from drafter.draft.report import draft_report
    from drafter.errors import DrafterError
    from drafter.rubric import load_rubric

    if output is not None:
        from drafter.fileio import check_output_path

        check_output_path(output, [data], overwrite=force)
        _check_suffix(output)
    polisher = None
    if backend is llm_options.Backend.llm:
        polisher = llm_options.llm_polisher(
            model=model, base_url=base_url, no_cache=no_cache, concurrency=concurrency, refresh=refresh
        )
    evaluation = load_data(data)
    rubric = load_rubric(evaluation.meta.rubric)
    findings = check_data(evaluation, rubric=rubric)
    if findings:
        from drafter.render import render_text, wants_colour

        sys.stderr.write(render_text([_Result(str(data), findings)], colour=wants_colour(sys.stderr)))
    if has_errors(findings):
        count = sum(1 for f in findings if f.severity.value == "error")
        raise DrafterError(f"数据中有 {count} 处错误（见上），未起草报告；请改正后重试。", path=str(data))
    from drafter.suggest.api import no_problem_warning, section_four

    warning = no_problem_warning(evaluation)
    if warning:
        print(f"警告：{warning}", file=sys.stderr)
    if polisher is not None:
        from functools import partial

        polisher = partial(polisher, data=evaluation)  # figures are checked against the data
    report = draft_report(
        evaluation, rubric=rubric, findings=findings, backend=polisher, section_four=section_four
    )
    if output is None:
        sys.stdout.write(report.to_markdown(score_table=True))
        return
    from drafter.draft.write import write_report

    target = write_report(report, output, inputs=[data], overwrite=force)
    pending = sum(1 for s in report.sections if s.has_placeholder)
    note = f"；{pending} 节含【待补充】，请补全数据或手工补写" if pending else ""
    print(f"已写入 {target}{note}。", file=sys.stderr)


def _check_suffix(output: Path) -> None:
    from drafter.draft.write import FORMATS
    from drafter.errors import DrafterError

    if output.suffix.lower() not in FORMATS:
        raise DrafterError(
            f"不支持的输出格式“{output.suffix or '（无扩展名）'}”；请用 .md、.txt 或 .docx 结尾的文件名。",
            path=str(output),
        )


def validate(
    data: Annotated[Path, typer.Argument(metavar="数据文件", help="评价数据文件（YAML）。")],
    fmt: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="输出格式：text 或 json。")
    ] = ValidateFormat.text,
) -> None:
    """只校验评价数据：类型、金额、得分、下级与上级是否相符、与指标体系是否一致。

    退出码：0 无错误（可有警告），1 有错误，2 文件无法读取。
    """
    from drafter.check.on_data import check_data, has_errors
    from drafter.data.load import DataError, load_data
    from drafter.render import render_json, render_text, wants_colour

    try:
        evaluation = load_data(data)
    except DataError as exc:
        findings = exc.findings
    else:
        findings = check_data(evaluation)
    result = _Result(str(data), findings)
    if fmt is ValidateFormat.json:
        sys.stdout.write(render_json([result]))
    else:
        sys.stdout.write(render_text([result], colour=wants_colour(sys.stdout)))
    raise typer.Exit(1 if has_errors(findings) else 0)


def init(
    directory: Annotated[
        Path, typer.Argument(metavar="文件夹", help="在此文件夹中生成模板（默认当前文件夹）。")
    ] = Path("."),
    name: Annotated[str, typer.Option("--name", help="模板文件名。")] = DEFAULT_DATA_NAME,
    xlsx: Annotated[
        bool,
        typer.Option(
            "--xlsx",
            help="改为生成 Excel 自评表模板（默认文件名 自评表.xlsx），填好后用 drafter import 导入。",
        ),
    ] = False,
    kind: Annotated[
        str, typer.Option("--kind", help="Excel 模板的报告类型：部门整体 或 项目支出。")
    ] = "部门整体",
) -> None:
    """生成一份带中文注释的评价数据模板（可直接通过校验），已有同名文件时不覆盖。"""
    from drafter.data.starter import starter_text
    from drafter.errors import DrafterError
    from drafter.fileio import check_output_path, write_atomic

    if directory.exists() and not directory.is_dir():
        raise DrafterError("这不是文件夹；请给出要生成模板的文件夹。", path=str(directory))
    if xlsx and name == DEFAULT_DATA_NAME:
        name = "自评表.xlsx"
    target = directory / name
    if target.exists():
        raise DrafterError(
            "文件已存在，为免覆盖未生成模板；请换一个文件夹或用 --name 指定新文件名。", path=str(target)
        )
    check_output_path(target)
    if xlsx:
        from drafter.office.xlsx_template import write_template

        write_template(target, kind)
        print(f"已生成 {target}；填写后运行：drafter import {target} -o data.yaml", file=sys.stderr)
        return
    write_atomic(target, starter_text(name=name))
    print(f"已生成 {target}；按注释填写后运行：drafter validate {target}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("draft")(draft)
    app.command("validate")(validate)
    app.command("init")(init)

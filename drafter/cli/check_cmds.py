"""``drafter check`` and ``drafter rules``.

Only typer and the standard library at import time: the checker is imported inside the command,
so ``drafter --help`` and every other command stay fast.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from drafter.cli import llm_options
from drafter.errors import DrafterError
from drafter.fileio import check_output_path, write_atomic

__all__ = ["register"]


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    xlsx = "xlsx"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


class RulesFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


def _emit(text: str, out: Path | None, inputs: list[str]) -> None:
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = check_output_path(out, inputs)
    write_atomic(target, text)


def check(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="报告或文件夹",
            help="要检查的报告（.txt .md .docx .pdf，或 .xlsx 自评表）或文件夹（递归查找）。",
        ),
    ],
    fmt: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            help="输出格式：text、json、html（带高亮的单个网页，配合 -o review.html）"
            "或 xlsx（批量审核汇总表，须配合 -o 汇总.xlsx）。",
        ),
    ] = CheckFormat.text,
    data: Annotated[
        Path | None, typer.Option("--data", help="评价数据文件（YAML），报告中的数字和得分须与之一致。")
    ] = None,
    rubric: Annotated[
        str | None, typer.Option("--rubric", help="评分规则（指标体系）：编号或 YAML 文件。")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="达到该级别的问题时退出码为 1：error、warning 或 never。")
    ] = FailOn.error,
    select: Annotated[
        str | None, typer.Option("--select", help="只运行这些规则（逗号分隔，如 SC,CL002）。")
    ] = None,
    ignore: Annotated[
        str | None, typer.Option("--ignore", help="不运行这些规则（逗号分隔，如 CN003）。")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="配置文件（默认在报告所在文件夹及上级查找 drafter.yaml）。"),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="把结果写入该文件，而不是屏幕。")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="并行进程数（默认：文件多时每个 CPU 核一个）。")
    ] = None,
    reviewer: Annotated[
        bool,
        typer.Option(
            "--reviewer/--no-reviewer",
            envvar="DRAFTER_REVIEWER",
            help="审核模式：报告中的“drafter: ignore”标注和报告文件夹中的 drafter.yaml 一律不生效，"
            "全部问题照常列出并注明报告试图忽略的条数（也可设环境变量 DRAFTER_REVIEWER=1）。",
        ),
    ] = False,
    year: Annotated[
        int | None,
        typer.Option("--year", min=1990, max=2100, help="本批报告应属的年度（默认取多数报告的年度）。"),
    ] = None,
    summary_xlsx: Annotated[
        Path | None,
        typer.Option("--summary-xlsx", help="另存批量审核汇总表（.xlsx：每份报告一行，另附问题清单）。"),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="输出文件（-o 的结果、汇总表、审阅版）已存在时覆盖它（默认不覆盖）。"),
    ] = False,
    llm: llm_options.LlmCheckOpt = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="列出从报告中读到的总分、得分树、数字、计数和表述（各注明行号），说明结果从何而来。",
        ),
    ] = False,
    annotate: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            help="另存一份带 Word 批注的审阅版（.docx）；检查多份报告时给出文件夹。原文件不会被修改。",
        ),
    ] = None,
) -> None:
    """检查自评报告：得分、数字、表述、年份与单位名称是否自相矛盾。

    退出码：0 未发现达到 --fail-on 级别的问题；1 发现了（或有报告应退回修改：年度不符、正文与另一份几乎相同）；
    2 有文件无法读取或参数有误（其余文件照常检查）。

    已核实、可接受的问题：在该行（或紧前单独一行）写“drafter: ignore SC003”或“drafter：忽略 SC003”；
    或在报告所在文件夹放 drafter.yaml（check: ignore / select / per-file-ignores）。被忽略的条数照常统计；
    审核人员收到的报告用 --reviewer 检查，报告自带的忽略一律不生效。

    检查多份报告时，最后给出汇总表（按严重程度排序，结论为 通过 / 退回修改 / 未能审核）、退回清单、
    与多数报告年度或类型不同的报告，以及正文几乎相同的报告。
    """
    from drafter.check.run import Checker, CheckOptions, check_paths, collect_paths, exit_code
    from drafter.render import render_json, render_text, wants_colour

    try:
        options = CheckOptions(
            select=select or (),
            ignore=ignore or (),
            rubric=rubric,
            data=str(data) if data else None,
            fail_on=fail_on.value,
            config=str(config) if config else None,
            reviewer=reviewer,
            year=year,
        )
    except DrafterError:
        raise
    except ValueError as exc:  # pydantic wraps our DrafterError from the code validator
        cause = _drafter_error_in(exc)
        if cause is not None:
            raise cause from None
        raise DrafterError(f"参数有误：{exc}") from None
    if fmt is CheckFormat.xlsx and output is None:
        raise DrafterError("xlsx 格式须用 -o 指定输出文件（例如 -o 汇总.xlsx）。")
    checker = Checker.prepare(options)
    files = collect_paths([str(p) for p in paths])
    if not files:
        raise DrafterError("所给文件夹中没有可检查的报告（.txt .md .docx .pdf .xlsx）。")
    # Every output is refused before the work, not after it (one Chinese line, exit 2).
    for target in (output if fmt is CheckFormat.xlsx else None, summary_xlsx):
        if target is not None:
            from drafter.review.xlsx import xlsx_target

            xlsx_target(target, files, overwrite=force)
    if output is not None and fmt is not CheckFormat.xlsx:
        from drafter.fileio import check_output_path

        check_output_path(output, files, overwrite=force)
    if annotate is not None:
        from drafter.office.annotate import plan_annotations

        plan_annotations(files, annotate, overwrite=force)
    # What later stages need of what was read, so that no report is read or extracted twice.
    keep: set[str] = set()
    if fmt is CheckFormat.html or annotate is not None or llm:
        keep.add("document")
    if explain:
        keep.update(("document", "facts"))
    progress = None
    bar = None
    if len(files) > 1 and wants_colour(sys.stderr):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        bar = Progress(
            TextColumn("检查中"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        task = bar.add_task("check", total=len(files))

        def progress(n: int) -> None:
            bar.advance(task, n)

    if bar is not None:
        with bar:
            results = check_paths(files, checker=checker, jobs=jobs, progress=progress, keep=keep)
    else:
        results = check_paths(files, checker=checker, jobs=jobs, keep=keep)

    if llm:
        results = llm_options.llm_review_results(results, checker)

    from drafter.review import review_batch

    review = review_batch(
        results,
        send_back_on="error" if options.fail_on == "never" else options.fail_on,
        year=options.year,
        reviewer=options.reviewer,
    )
    if fmt is CheckFormat.xlsx:
        from drafter.review.xlsx import write_review_xlsx

        assert output is not None
        write_review_xlsx(review, results, output, inputs=files, overwrite=force)
        print(f"已写入汇总表 {output}（{len(results)} 份报告）。", file=sys.stderr)
    else:
        if fmt is CheckFormat.json:
            text = render_json(results, review=review)
        elif fmt is CheckFormat.html:
            from drafter.office.html import render_html

            text = render_html(results, review=review)
        else:
            text = render_text(results, colour=output is None and wants_colour(sys.stdout), review=review)
        if explain:
            from drafter.check.explain import add_explanations

            text = add_explanations(text, results, fmt.value)
        _emit(text, output, files)
    if summary_xlsx is not None:
        from drafter.review.xlsx import write_review_xlsx

        write_review_xlsx(review, results, summary_xlsx, inputs=files, overwrite=force)
        print(f"已写入汇总表 {summary_xlsx}（{len(results)} 份报告）。", file=sys.stderr)
    if annotate is not None:
        from drafter.office.annotate import annotate_results

        for done in annotate_results(results, annotate, overwrite=force):
            print(f"已写入审阅版 {done.out_path}（{done.comments} 条批注）。", file=sys.stderr)
    if fmt is not CheckFormat.text or output is not None:  # text on screen already shows them
        for r in results:
            if r.error:
                print(f"错误：{r.path}：{r.error}", file=sys.stderr)
    code = exit_code(results, options.fail_on)
    if code == 0 and options.fail_on != "never" and review.send_back:  # a copy, a wrong year
        code = 1
    raise typer.Exit(code)


def _drafter_error_in(exc: BaseException) -> BaseException | None:
    for err in getattr(exc, "errors", lambda: [])():
        ctx_error = (err.get("ctx") or {}).get("error")
        if isinstance(ctx_error, DrafterError):
            return ctx_error
    return None


def rules(
    code: Annotated[
        str | None, typer.Argument(metavar="规则代码", help="只显示这一条规则（如 SC003）。")
    ] = None,
    fmt: Annotated[
        RulesFormat, typer.Option("--format", "-f", help="输出格式：text、json 或 markdown。")
    ] = RulesFormat.text,
) -> None:
    """列出全部检查规则及其说明。"""
    from drafter.check.registry import RULES, get_rule
    from drafter.check.rules_doc import render_rules

    selected = (get_rule(code),) if code else RULES
    sys.stdout.write(render_rules(selected, fmt.value))


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("check")(check)
    app.command("rules")(rules)

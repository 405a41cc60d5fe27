"""``drafter import``: an Excel 自评表 workbook → evaluation data (YAML)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

__all__ = ["register"]


def import_(
    workbook: Annotated[
        Path,
        typer.Argument(metavar="自评表", help="Excel 自评表（.xlsx）：部门整体自评表或项目支出绩效自评表。"),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="输出的评价数据文件（.yaml）；不给则打印到屏幕。")
    ] = None,
    department: Annotated[
        str | None, typer.Option("--department", help="部门全称（表中没有时必填）。")
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="评价年度，例如 2023（表中没有时必填）。")
    ] = None,
    level: Annotated[str | None, typer.Option("--level", help="预算级次：省、市或县。")] = None,
    rubric: Annotated[
        str | None, typer.Option("--rubric", help="指标体系编号，例如 gd-county-dept-2023。")
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="工作簿中有多张自评表时，要导入的工作表名称。")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖它。")] = False,
) -> None:
    """把 Excel 自评表导入为评价数据（YAML），可再用 drafter validate / draft 使用。

    识别部门整体自评表（一级/二级/三级指标、分值、自评得分、评分依据、扣分原因）和
    项目支出绩效自评表（资金块、年度总体目标、指标行）。合并单元格、空行、两行表头、
    文本格式的数字均可识别。
    """
    from drafter.data.xlsx_import import read_workbook
    from drafter.errors import DrafterError
    from drafter.fileio import check_output_path, write_atomic
    from drafter.office.yaml_out import data_to_yaml

    if level is not None and level not in ("省", "市", "县"):
        raise DrafterError(f"--level 应为 省、市 或 县，而不是“{level}”。")
    if output is not None:
        check_output_path(output, [workbook], overwrite=True)
        if output.suffix.lower() not in (".yaml", ".yml"):
            raise DrafterError("评价数据应保存为 .yaml 文件，请把输出文件名改为 *.yaml。", path=str(output))
        check_output_path(output, [workbook], overwrite=force)
    overrides = {
        k: v
        for k, v in (("department", department), ("fiscal_year", year), ("level", level), ("rubric", rubric))
        if v is not None
    }
    result = read_workbook(workbook, overrides=overrides, sheet=sheet)
    header = f"由 drafter import 从 {workbook.name} 导入（工作表：{'、'.join(result.sheets)}）。\n"
    header += "表格之外的内容（职责、重点工作、问题与措施等）请在此文件中补充。"
    text = data_to_yaml(result.data, header=header)
    for note in result.notes:
        print(f"提示：{note}", file=sys.stderr)
    if output is None:
        sys.stdout.write(text)
        return
    write_atomic(output, text)
    from drafter.check.on_data import check_data
    from drafter.findings import summarize

    counts = summarize(check_data(result.data))
    print(
        f"已写入 {output}（{len(result.data.indicators)} 个一级指标）；校验：错误 {counts['error']} 个，"
        f"警告 {counts['warning']} 个，运行 drafter validate {output} 查看详情。",
        file=sys.stderr,
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("import")(import_)

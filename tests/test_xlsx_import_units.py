"""The money unit a 自评表 workbook states for its amounts ("金额单位：元" above the table, "（元）" in a
header cell) is honoured on import, as the report reader honours it: the data file is in 万元."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from drafter.data.xlsx_import import read_workbook


def _national_form(
    path: Path, *, unit_line: str | None, money_label: str, amounts: tuple[str, str, str]
) -> None:
    """A one-sheet 项目支出绩效自评表 whose funds block holds ``amounts`` (年初, 全年预算, 全年执行)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["清河县公路事务中心2023年度项目支出绩效自评表"])
    if unit_line is not None:
        ws.append([unit_line])
    ws.append(["项目名称", "乡村道路养护"])
    ws.append(["主管部门", "清河县交通运输局", None, None, "实施单位", "清河县公路事务中心"])
    ws.append([money_label, None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    ws.append([None, "年度资金总额", *amounts, 10, "95%", 9.5])
    ws.append([None, "其中：本年财政拨款", *amounts, None, None, None])
    ws.append([None, "其他资金", "—", "—", "—", None, None, None])
    ws.append(
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]
    )
    ws.append(["产出指标", "数量指标", "养护里程", "≥120公里", "118公里", 50, 49.5, "两段道路改建"])
    ws.append(["效益指标", "社会效益指标", "出行条件改善", "明显改善", "明显改善", 30, 30, None])
    ws.append(["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", 10, 10, None])
    wb.save(path)


WAN = ("300", "320.00", "304.00")


@pytest.mark.parametrize(
    ("unit_line", "money_label", "amounts"),
    [
        ("金额单位：元", "项目资金", ("3000000", "3200000.00", "3040000.00")),
        ("单位名称：清河县公路事务中心　　　金额单位:元", "项目资金", ("3000000", "3,200,000.00", "3040000")),
        ("（单位：千元）", "项目资金", ("3000", "3200", "3040")),
        ("金额单位：亿元", "项目资金", ("0.03", "0.032", "0.0304")),
        (None, "项目资金（元）", ("3000000", "3200000", "3040000")),
        # a header cell's unit wins over the line above
        ("金额单位：元", "项目资金（万元）", WAN),
        # no unit stated: 万元, as the template
        (None, "项目资金", WAN),
        ("金额单位：万元", "项目资金", WAN),
    ],
)
def test_funds_block_amounts_in_the_stated_unit(
    tmp_path: Path, unit_line: str | None, money_label: str, amounts: tuple[str, str, str]
) -> None:
    book = tmp_path / "自评表.xlsx"
    _national_form(book, unit_line=unit_line, money_label=money_label, amounts=amounts)
    result = read_workbook(book, overrides={"level": "县"})
    exp = result.data.expenditure
    assert (exp.initial_budget, exp.adjusted_budget, exp.actual) == (Decimal(300), Decimal(320), Decimal(304))
    assert [(s.name, s.initial_budget, s.annual_budget, s.executed) for s in exp.sources] == [
        ("本年财政拨款", Decimal(300), Decimal(320), Decimal(304))
    ]
    converted = [n for n in result.notes if "换算为万元" in n]
    assert bool(converted) == (amounts != WAN), result.notes


def test_expenditure_sheet_in_yuan(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    info = wb.active
    info.title = "支出情况"
    info.append(["部门名称", "清河县档案馆"])
    info.append(["年度", 2023])
    info.append(["金额单位：元"])
    info.append(["调整后预算数", "12,005,000.00"])
    info.append(["实际支出数", 11802500])
    table = wb.create_sheet("自评表")
    table.append(["一级指标", "二级指标", "分值", "得分"])
    table.append(["产出", "数量", 50, 50])
    table.append(["效益", "社会效益", 50, 45])
    book = tmp_path / "t.xlsx"
    wb.save(book)
    result = read_workbook(book, overrides={"level": "县"})
    exp = result.data.expenditure
    assert (exp.adjusted_budget, exp.actual) == (Decimal("1200.5"), Decimal("1180.25"))
    assert "工作表“支出情况”第 5 行 B 列：实际支出数的金额单位为元，已换算为万元。" in result.notes

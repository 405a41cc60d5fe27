"""Excel 自评表: template → filled → import round trips, messy real-world layouts, bad workbooks."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from drafter.check.on_data import check_data
from drafter.data.load import load_data, load_data_text
from drafter.data.model import EvaluationData
from drafter.data.xlsx_import import import_workbook, read_workbook
from drafter.errors import DrafterError
from drafter.office.xlsx_template import write_template
from drafter.office.yaml_out import data_to_yaml

ROOT = Path(__file__).resolve().parents[1]
YANGXI = ROOT / "examples" / "yangxi-2023" / "data.yaml"


def _table_part(data: EvaluationData) -> EvaluationData:
    """What a 自评表 workbook holds: meta, the figures, the indicator tree (not the narrative)."""
    exp = data.expenditure.model_copy(update={"payments": []})
    return EvaluationData(
        meta=data.meta,
        expenditure=exp,
        indicators=data.indicators,
        targets=data.targets if data.meta.kind == "项目支出" else [],
        conclusion=data.conclusion if data.meta.kind == "项目支出" else None,
    )


def _same(a: EvaluationData, b: EvaluationData) -> bool:
    """Equal field by field (amounts compare as numbers: 13 == 13.00); where data came from is ignored."""
    return a.model_dump() == b.model_dump()


def _project_data() -> EvaluationData:
    return EvaluationData.model_validate(
        {
            "meta": {
                "department": "清河县农业农村局",
                "fiscal_year": 2023,
                "level": "县",
                "kind": "项目支出",
                "rubric": "national-project-2020",
                "project": "高标准农田建设项目",
            },
            "expenditure": {
                "initial_budget": "500.00",
                "adjusted_budget": "520.00",
                "actual": "494.00",
                "sources": [
                    {
                        "name": "本年财政拨款",
                        "initial_budget": "450.00",
                        "annual_budget": "470.00",
                        "executed": "444.00",
                    },
                    {
                        "name": "上年结转资金",
                        "initial_budget": "50.00",
                        "annual_budget": "50.00",
                        "executed": "50.00",
                    },
                ],
            },
            "targets": ["建成高标准农田 1.2 万亩，改善灌溉条件。"],
            "conclusion": "建成高标准农田 1.15 万亩，灌溉条件明显改善。",
            "indicators": [
                {"name": "预算执行率", "max_score": 10, "self_score": "9.5", "actual": "95%"},
                {
                    "name": "产出指标",
                    "max_score": 50,
                    "children": [
                        {
                            "name": "数量指标",
                            "children": [
                                {
                                    "name": "新建高标准农田面积",
                                    "max_score": 25,
                                    "self_score": 24,
                                    "target": "≥1.2万亩",
                                    "actual": "1.15万亩",
                                    "deduction_reason": "部分地块因征地延迟，次年春耕前完成。",
                                },
                            ],
                        },
                        {
                            "name": "时效指标",
                            "children": [
                                {
                                    "name": "项目完工时间",
                                    "max_score": 25,
                                    "self_score": 25,
                                    "target": "2023年12月底前",
                                    "actual": "2023年12月20日",
                                },
                            ],
                        },
                    ],
                },
                {
                    "name": "效益指标",
                    "max_score": 30,
                    "children": [
                        {
                            "name": "社会效益指标",
                            "children": [
                                {
                                    "name": "受益农户数",
                                    "max_score": 30,
                                    "self_score": 30,
                                    "target": "≥800户",
                                    "actual": "860户",
                                },
                            ],
                        },
                    ],
                },
                {
                    "name": "满意度指标",
                    "max_score": 10,
                    "children": [
                        {
                            "name": "服务对象满意度指标",
                            "children": [
                                {
                                    "name": "受益农户满意度",
                                    "max_score": 10,
                                    "self_score": 9,
                                    "target": "≥90%",
                                    "actual": "92%",
                                    "deduction_reason": "个别农户反映排水沟渠偏窄。",
                                },
                            ],
                        },
                    ],
                },
            ],
        }
    )


def test_yangxi_data_to_workbook_and_back(tmp_path: Path) -> None:
    expected = _table_part(load_data(YANGXI))
    book = write_template(tmp_path / "自评表.xlsx", data=expected)
    result = read_workbook(book)
    assert _same(result.data, expected)
    assert result.stated_total == Decimal(96)
    assert result.sheets == ["基本信息", "自评表", "支出情况"]
    assert result.notes == []
    # and through YAML: what drafter import writes loads back to the same data
    assert _same(load_data_text(data_to_yaml(result.data)), expected)


def test_project_data_to_workbook_and_back(tmp_path: Path) -> None:
    expected = _project_data()
    book = write_template(tmp_path / "项目.xlsx", data=expected)
    result = read_workbook(book)
    assert _same(result.data, expected)
    assert result.stated_total == Decimal("97.5")
    text = data_to_yaml(result.data)
    assert "target: ≥1.2万亩" in text and "initial_budget: 450.00" in text
    assert _same(load_data_text(text), expected)


def _rows_by_name(ws) -> dict[str, int]:  # type: ignore[no-untyped-def]
    out = {}
    for row in ws.iter_rows():
        for cell in row[:3]:
            if isinstance(cell.value, str):
                out.setdefault(cell.value, cell.row)
    return out


def test_empty_template_filled_like_a_user_then_imported(tmp_path: Path) -> None:
    book = tmp_path / "模板.xlsx"
    write_template(book, "部门整体")
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["基本信息", "自评表", "支出情况", "填写说明"]
    info = wb["基本信息"]
    info["B2"], info["B4"], info["B5"] = "清河县财政局", "2023", "县"
    table = wb["自评表"]
    header = [c.value for c in table[3]]
    assert header == ["一级指标", "二级指标", "三级指标", "分值", "自评得分", "评分依据", "扣分原因"]
    assert table.data_validations.dataValidation, "scores and maxima carry data validation"
    rows = _rows_by_name(table)
    # typed as text, with units and full-width digits, as users do
    table.cell(rows["预算编制合理性"], 5, "４分")
    table.cell(rows["预算编制规范性"], 5, "3")
    table.cell(rows["预算编制规范性"], 7, "未细化到具体执行项目")
    table.cell(rows["制度管理"], 5, 5)
    wb["支出情况"]["B3"] = "1,200.50"
    wb["支出情况"]["B4"] = 1180.25
    wb.save(book)

    data = import_workbook(book)
    assert (
        data.meta.department == "清河县财政局" and data.meta.fiscal_year == 2023 and data.meta.level == "县"
    )
    assert data.expenditure.adjusted_budget == Decimal("1200.50")
    assert data.expenditure.actual == Decimal("1180.25")
    top = {i.name: i for i in data.indicators}
    budget = {c.name: c for c in top["预算编制"].children}["预算编制"]
    leaves = {c.name: c for c in budget.children}
    assert leaves["预算编制合理性"].self_score == Decimal(4)
    assert leaves["预算编制规范性"].self_score == Decimal(3)
    assert leaves["预算编制规范性"].deduction_reason == "未细化到具体执行项目"
    assert {c.name: c.self_score for c in top["预算执行"].children}["制度管理"] == Decimal(5)
    # rows left blank keep the rubric's maxima (so the tree stays complete) but no invented scores
    assert all(c.self_score is None for c in top["预算使用效益"].children)


def _messy_national_form(path: Path) -> None:
    """A 项目支出绩效自评表 as offices send it: merged cells, a two-line header, spacer rows, text numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "项目支出绩效自评表"
    ws.merge_cells("A1:H1")
    ws["A2"] = "（ 2023年度 ）"
    ws.append([])
    ws.append(["项目名称", "乡村道路养护", None, None, None, None, None, None])  # row 4
    ws.merge_cells("B4:H4")
    ws.append(["主管部门", "清河县交通运输局", None, None, "实施单位", "清河县公路事务中心", None, None])
    ws.append(
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    )  # 6
    ws.append([None, "年度资金总额", "300", "320.00", "304.00", 10, 0.95, "9.5分"])
    ws.append([None, "其中：本年财政拨款", "300", "320.00", "304.00", None, None, None])
    ws.append([None, "上年结转资金", None, None, None, None, None, None])
    ws.append([None, "其他资金", "—", "—", "—", None, None, None])  # 10
    ws.merge_cells("A6:A10")
    ws["G7"].number_format = "0%"
    ws.append(["年度总体目标", "预期目标", None, None, "实际完成情况", None, None, None])  # 11
    ws.append([None, "养护农村公路 120 公里。", None, None, "养护 118 公里。", None, None, None])  # 12
    ws.merge_cells("A11:A12")
    ws.merge_cells("B11:D11")
    ws.merge_cells("B12:D12")
    ws.merge_cells("E11:H11")
    ws.merge_cells("E12:H12")
    ws.append([])  # spacer
    ws.append(
        ["绩效指标", None, None, "年度\n指标值", "实际\n完成值", "分值", "得分", "偏差原因分析及改进措施"]
    )  # 14
    ws.append(["一级指标", "二级指标", "三级指标", None, None, None, None, None])  # 15
    ws.merge_cells("D14:D15")
    ws.merge_cells("E14:E15")
    ws.merge_cells("F14:F15")
    ws.merge_cells("G14:G15")
    ws.merge_cells("H14:H15")
    ws.append(
        ["产出指标", "数量指标", "养护里程", "≥120公里", "118公里", "20", "19.5", "两段道路改建，次年补足。"]
    )
    ws.append([None, None, "修复坑槽", "≥300处", "320处", "１５", "15", None])  # blank cells: same as above
    ws.append([None, "质量指标", "路面合格率", "≥90%", "96%", "15分", "15", None])
    ws.append([])  # spacer
    ws.append(["效益指标", "社会效益指标", "群众出行条件改善", "明显改善", "明显改善", 30, 30, None])
    ws.append(
        ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "93%", 10, 9, "个别路段施工扰民"]
    )
    ws.append(["总分", None, None, None, None, 100, "98", None])
    wb.save(path)


def test_messy_national_form(tmp_path: Path) -> None:
    book = tmp_path / "自评表.xlsx"
    _messy_national_form(book)
    result = read_workbook(book, overrides={"level": "县"})
    data = result.data
    assert data.meta.kind == "项目支出" and data.meta.rubric == "national-project-2020"
    assert data.meta.project == "乡村道路养护"
    assert data.meta.department == "清河县公路事务中心"
    assert data.meta.fiscal_year == 2023
    exp = data.expenditure
    assert (exp.initial_budget, exp.adjusted_budget, exp.actual) == (
        Decimal(300),
        Decimal("320.00"),
        Decimal("304.00"),
    )
    assert [(s.name, s.executed) for s in exp.sources] == [("本年财政拨款", Decimal("304.00"))]
    assert data.targets == ["养护农村公路 120 公里。"] and data.conclusion == "养护 118 公里。"
    rate, output, benefit, satisfaction = data.indicators
    assert (rate.name, rate.max_score, rate.self_score, rate.actual) == (
        "预算执行率",
        10,
        Decimal("9.5"),
        "95%",
    )
    assert [c.name for c in output.children] == ["数量指标", "质量指标"]
    quantity = output.children[0]
    assert [(c.name, c.target, c.actual, c.max_score, c.self_score) for c in quantity.children] == [
        ("养护里程", "≥120公里", "118公里", Decimal(20), Decimal("19.5")),
        ("修复坑槽", "≥300处", "320处", Decimal(15), Decimal(15)),
    ]
    assert quantity.children[0].deduction_reason == "两段道路改建，次年补足。"
    assert output.children[1].children[0].target == "≥90%"
    assert benefit.children[0].children[0].self_score == Decimal(30)
    assert satisfaction.children[0].children[0].deduction_reason == "个别路段施工扰民"
    assert result.stated_total == Decimal(98)
    assert data.total_self() == Decimal(98)


def test_single_name_column_with_numbering_and_embedded_maxima(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评"
    ws.append(["清河县文化广电旅游体育局2023年度部门整体支出绩效自评表"])
    ws.append(["单位名称：清河县文化广电旅游体育局", None, None, "级次：县"])
    ws.append(["指标名称", "分值", "自评得分", "扣分原因"])
    ws.append(["一、预算编制（20分）", None, None, None])
    ws.append(["（一）预算编制", 8, 8, None])
    ws.append(["（二）目标设置", 12, 10, "个别指标未量化"])
    ws.append(["二、预算执行（80分）", None, None, None])
    ws.append(["（一）资金管理", 80, 80, None])
    ws.append(["合计", 100, 98, None])
    book = tmp_path / "部门.xlsx"
    wb.save(book)
    result = read_workbook(book)
    data = result.data
    assert data.meta.department == "清河县文化广电旅游体育局" and data.meta.level == "县"
    assert data.meta.fiscal_year == 2023 and data.meta.rubric == "gd-county-dept-2023"
    assert [(i.name, i.max_score) for i in data.indicators] == [("预算编制", 20), ("预算执行", 80)]
    assert [(c.name, c.self_score, c.deduction_reason) for c in data.indicators[0].children] == [
        ("预算编制", 8, None),
        ("目标设置", 10, "个别指标未量化"),
    ]
    assert data.total_self() == Decimal(98) == result.stated_total
    assert any("指标体系" in n for n in result.notes)


def test_stated_total_that_disagrees_is_noted(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["部门名称", "清河县档案馆"])
    ws.append(["年度", 2023])
    ws.append(["一级指标", "二级指标", "分值", "得分"])
    ws.append(["产出", "数量", 50, 50])
    ws.append(["效益", "社会效益", 50, 40])
    ws.append(["合计", None, 100, 95])
    book = tmp_path / "t.xlsx"
    wb.save(book)
    result = read_workbook(book)
    assert any("合计得分为 95" in n and "90" in n for n in result.notes)


# -- bad workbooks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000, "密码"),
        (b"PK\x03\x04garbage", "损坏"),
        (b"", "损坏"),
    ],
)
def test_encrypted_or_corrupt_workbook(tmp_path: Path, payload: bytes, message: str) -> None:
    book = tmp_path / "自评表.xlsx"
    book.write_bytes(payload)
    with pytest.raises(DrafterError, match=message) as info:
        import_workbook(book)
    assert "自评表.xlsx" in str(info.value)


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    import zipfile

    book = tmp_path / "x.xlsx"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("a.txt", "x")
    with pytest.raises(DrafterError, match="损坏"):
        import_workbook(book)


def test_sheet_without_a_header_is_named(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总"
    ws.append(["序号", "名称", "金额"])
    ws.append([1, "办公费", 3])
    book = tmp_path / "清单.xlsx"
    wb.save(book)
    with pytest.raises(DrafterError) as info:
        import_workbook(book)
    text = str(info.value)
    assert "清单.xlsx" in text and "“汇总”" in text and "表头" in text


def test_non_numeric_score_names_sheet_row_and_column(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws.append(["单位名称：清河县档案馆"])
    ws.append(["一级指标", "二级指标", "分值", "自评得分"])
    ws.append(["产出", "数量", 50, "优"])
    book = tmp_path / "t.xlsx"
    wb.save(book)
    with pytest.raises(DrafterError) as info:
        import_workbook(book, overrides={"fiscal_year": 2023})
    assert str(info.value) == (
        f"{book}：工作表“自评表”第 3 行 D 列：自评得分“优”不是数字，请只填写数字（例如 8 或 8.5）。"
    )


def test_amount_in_yuan_is_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "支出情况"
    ws.append(["实际支出数", "3115270元"])
    ws2 = wb.create_sheet("表")
    ws2.append(["一级指标", "分值", "得分"])
    ws2.append(["产出", 100, 100])
    book = tmp_path / "t.xlsx"
    wb.save(book)
    with pytest.raises(DrafterError, match="换算为万元"):
        import_workbook(book)


def test_xls_suffix_is_refused_with_advice(tmp_path: Path) -> None:
    book = tmp_path / "old.xls"
    book.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(DrafterError, match=r"另存为 \.xlsx"):
        import_workbook(book)


def test_imported_yaml_validates_clean(tmp_path: Path) -> None:
    book = write_template(tmp_path / "p.xlsx", data=_project_data())
    data = import_workbook(book)
    assert [f for f in check_data(data) if f.severity.value == "error"] == []


def test_template_for_project_kind_has_the_national_layout(tmp_path: Path) -> None:
    book = write_template(tmp_path / "p.xlsx", "项目支出")
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    ws = openpyxl.load_workbook(book)["项目支出绩效自评表"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    flat = [v for row in values for v in row if v]
    for label in (
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "执行率（B/A）",
        "年度资金总额",
        "年度总体目标",
        "年度指标值",
        "实际完成值",
        "偏差原因分析及改进措施",
        "数量指标",
        "满意度指标",
        "总分",
    ):
        assert label in flat, label
    with pytest.raises(DrafterError, match="缺少部门全称、评价年度"):
        import_workbook(book)
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before


def test_footer_and_note_rows_end_the_table(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["单位名称：清河县档案馆", None, None, None])
    ws.append(["年度：2023", None, None, None])
    ws.append(["一级指标", "二级指标", "分值", "自评得分"])
    ws.append(["产出", "数量", 50, 50])
    ws.append(["效益", "社会效益", 50, 45])
    ws.append(["注：本表得分以财政局复核为准。", None, None, None])
    ws.merge_cells("A6:D6")
    ws.append(["填表人：张三", None, "联系电话：12345678", None])
    book = tmp_path / "t.xlsx"
    wb.save(book)
    data = import_workbook(book)
    assert [i.name for i in data.indicators] == ["产出", "效益"]
    assert data.meta.department == "清河县档案馆" and data.meta.fiscal_year == 2023


def test_negative_number_names_the_cell(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    ws.append(["一级指标", "分值", "得分"])
    ws.append(["产出", 100, -5])
    book = tmp_path / "t.xlsx"
    wb.save(book)
    with pytest.raises(DrafterError, match="工作表“表”第 2 行 C 列：自评得分“-5”是负数"):
        import_workbook(book, overrides={"department": "清河县档案馆", "fiscal_year": 2023})


def test_model_errors_are_reported_in_chinese(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["部门名称", "清河县档案馆"])
    ws.append(["评价年度", "1999"])
    ws.append(["一级指标", "分值", "得分"])
    ws.append(["产出", 100, 90])
    book = tmp_path / "t.xlsx"
    wb.save(book)
    with pytest.raises(DrafterError) as info:
        import_workbook(book)
    text = str(info.value)
    assert "meta.fiscal_year" in text and "t.xlsx" in text
    assert not any(word in text for word in ("Input should", "greater than"))


def test_one_table_per_sheet_needs_a_sheet_choice(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "项目A"
    second = wb.create_sheet("项目B")
    for ws, score in ((first, 50), (second, 40)):
        ws.append(["部门名称", "清河县档案馆"])
        ws.append(["年度", 2023])
        ws.append(["一级指标", "分值", "得分"])
        ws.append(["产出", 50, score])
    book = tmp_path / "两个项目.xlsx"
    wb.save(book)
    with pytest.raises(DrafterError, match=r"工作表“项目A”、“项目B”中各有一张自评表.*--sheet"):
        import_workbook(book)
    assert import_workbook(book, sheet="项目B").indicators[0].self_score == Decimal(40)
    with pytest.raises(DrafterError, match="没有名为“项目C”的工作表"):
        import_workbook(book, sheet="项目C")


def test_a_max_column_per_level(tmp_path: Path) -> None:
    """一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 自评得分: each 分值 belongs to the name on its left."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["单位名称：清河县档案馆"])
    ws.append(["2023年度部门整体支出绩效自评表"])
    ws.append(
        ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "自评得分", "评分依据", "扣分原因"]
    )
    ws.append(["预算编制", 20, "预算编制", 8, "预算编制合理性", 4, "4", "符合职责", None])
    ws.append([None, None, None, None, "预算编制规范性", 4, "3", "基本规范", "未细化"])
    ws.append([None, None, "目标设置", 12, "绩效目标合理性", 12, 12, None, None])
    ws.append(["预算执行", 80, "资金管理", 80, None, None, 78, None, "执行率偏低"])
    for ref in ("A4:A6", "B4:B6", "C4:C5", "D4:D5"):
        ws.merge_cells(ref)
    ws.append(["合计", None, None, None, None, None, 97])
    book = tmp_path / "t.xlsx"
    wb.save(book)
    result = read_workbook(book, overrides={"level": "县"})
    budget, execution = result.data.indicators
    assert (budget.max_score, [c.max_score for c in budget.children]) == (
        Decimal(20),
        [Decimal(8), Decimal(12)],
    )
    norms = budget.children[0].children
    assert [(c.name, c.max_score, c.self_score, c.deduction_reason) for c in norms] == [
        ("预算编制合理性", Decimal(4), Decimal(4), None),
        ("预算编制规范性", Decimal(4), Decimal(3), "未细化"),
    ]
    assert (execution.children[0].self_score, execution.children[0].deduction_reason) == (
        Decimal(78),
        "执行率偏低",
    )
    assert result.stated_total == result.data.total_self() == Decimal(97)
    assert "评价年度取自表格标题：2023。" in result.notes

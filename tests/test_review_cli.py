"""``drafter check FOLDER`` as a reviewer uses it (issue 11, part 0): verdicts, the send-back list,
reviewer mode, what suppressions hid, years and kinds off the majority, near-identical text, the
xlsx export, and names that are never cut."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests._cli import run

ROOT = Path(__file__).resolve().parent.parent
YANGXI = ROOT / "examples" / "yangxi-2023" / "report.txt"
PINGCHUAN = ROOT / "examples" / "pingchuan-agri-2023" / "report.md"
PROJECT = ROOT / "tests" / "fixtures" / "review" / "project-2024.md"
LONG_NAME = "某某市人力资源和社会保障局2024年度部门整体支出绩效自评报告.docx"
NO_SCORES = (
    "某县文化馆2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
    "本馆承担全县群众文化活动的组织和指导工作，开展公益性文化培训和非物质文化遗产保护。\n"
    "二、绩效自评结论\n全年各项工作顺利完成。\n"
)


def _copy_as(src: Path, target: Path, **replace: str) -> Path:
    text = src.read_text(encoding="utf-8")
    for old, new in replace.items():
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")
    return target


def _write_docx(text: str, path: Path) -> Path:
    from docx import Document

    doc = Document()
    for line in text.rstrip("\n").split("\n"):
        doc.add_paragraph(line)
    doc.save(str(path))
    return path


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """Six reports: two clean 2023 部门整体 reports of which one is copied under another unit's name,
    one with an error, a 2024 项目 report in a 2023 batch, one with no score, one unreadable."""
    folder = tmp_path / "收件"
    folder.mkdir()
    shutil.copy(PINGCHUAN, folder / "平川县农业农村局.md")
    _copy_as(PINGCHUAN, folder / "东川县水利局.md", 平川县农业农村局="东川县水利局", 平川县="东川县")
    shutil.copy(YANGXI, folder / "阳西高新区.txt")
    shutil.copy(PROJECT, folder / "青石县水利局项目.md")
    (folder / "文化馆.txt").write_text(NO_SCORES, encoding="utf-8")
    (folder / "损坏.docx").write_bytes(b"not a zip at all")
    return folder


def _json(*args: str) -> tuple[int, dict, str]:
    code, out, err = run("check", *args, "-f", "json")
    return code, json.loads(out), err


def _by_name(doc: dict) -> dict[str, dict]:
    return {Path(r["path"]).name: r for r in doc["reports"]}


def test_json_carries_unit_year_kind_totals_verdict(batch: Path) -> None:
    code, doc, _ = _json(str(batch))
    assert code == 2  # one file could not be read
    reports = _by_name(doc)
    ping = reports["平川县农业农村局.md"]
    assert (ping["unit"], ping["year"], ping["kind"]) == ("平川县农业农村局", 2023, "部门整体")
    assert ping["stated_total"] == ping["computed_total"] and isinstance(ping["stated_total"], int | float)
    assert ping["suppressed"] == 0 and ping["summary"] == {"error": 0, "warning": 0, "info": 0}
    project = reports["青石县水利局项目.md"]
    assert (project["unit"], project["year"], project["kind"]) == ("青石县水利局", 2024, "项目")
    assert (project["stated_total"], project["computed_total"]) == (94, 94)
    verdicts = {name: r["verdict"] for name, r in reports.items()}
    assert verdicts == {
        "平川县农业农村局.md": "退回修改",  # copied text
        "东川县水利局.md": "退回修改",
        "阳西高新区.txt": "退回修改",  # FG005
        "青石县水利局项目.md": "退回修改",  # a 2024 report in a 2023 batch
        "文化馆.txt": "未能审核",  # RD001 only: never 通过
        "损坏.docx": "未能审核",
    }
    assert any("2024" in x and "2023" in x for x in project["reasons"])
    assert any("部门整体" in x for x in project["notes"])  # kind off the majority: a note only
    assert reports["损坏.docx"]["error"] and reports["损坏.docx"]["unit"] is None
    review = doc["review"]
    assert (review["year"], review["kind"]) == (2023, "部门整体")
    assert review["verdicts"] == {"退回修改": 4, "未能审核": 2, "通过": 0}
    assert [Path(p).name for p in review["order"]][-2:] == ["文化馆.txt", "损坏.docx"]
    (pair,) = review["similar"]
    assert {Path(pair["a"]).name, Path(pair["b"]).name} == {"平川县农业农村局.md", "东川县水利局.md"}
    assert 0.8 <= pair["share"] <= 1
    (similar,) = reports["东川县水利局.md"]["similar"]
    assert Path(similar["path"]).name == "平川县农业农村局.md" and similar["unit"] == "平川县农业农村局"


def test_text_table_sorted_with_verdicts_and_send_back_list(batch: Path) -> None:
    code, out, _ = run("check", str(batch))
    assert code == 2
    lines = out.splitlines()
    head = next(i for i, ln in enumerate(lines) if ln.startswith("文件  "))
    assert lines[head - 1] == f"文件夹：{batch}"
    for column in ("单位", "年度", "类型", "错误", "警告", "提示", "已忽略", "自评总分", "分项合计", "结论"):
        assert column in lines[head]
    rows = [ln for ln in lines[head + 2 :] if ln and not ln.startswith(" ")]
    rows = rows[: rows.index("")] if "" in rows else rows[:6]
    names = [ln.split()[0] for ln in rows[:6]]
    assert names[0] == "阳西高新区.txt"  # 退回修改 with an error first
    assert set(names[:4]) == {
        "阳西高新区.txt",
        "平川县农业农村局.md",
        "东川县水利局.md",
        "青石县水利局项目.md",
    }
    assert set(names[4:]) == {"文化馆.txt", "损坏.docx"}
    assert all(ln.rstrip().endswith("退回修改") for ln in rows[:4])
    assert all(ln.rstrip().endswith("未能审核") for ln in rows[4:6])
    assert "退回修改（4 份）：" in lines and "未能审核（2 份）：" in lines
    send_back = "\n".join(lines[lines.index("退回修改（4 份）：") : lines.index("未能审核（2 份）：")])
    assert "第27行 FG005 错误" in send_back
    assert "（东川县水利局）约" in send_back and "% 相同" in send_back
    assert "报告年度为 2024 年，本批多数报告为 2023 年度" in send_back
    assert "结论：退回修改 4 份，未能审核 2 份，通过 0 份；本批年度 2023。" in lines


def test_copy_under_another_unit_name_is_found(tmp_path: Path) -> None:
    """Unit names, short names and figures all differ: the body is the same text."""
    folder = tmp_path / "b"
    folder.mkdir()
    shutil.copy(YANGXI, folder / "a.txt")
    _copy_as(
        YANGXI,
        folder / "b.txt",
        阳西县高新技术产业开发区管理委员="云浮市新兴县工业园区管理委员会",
        阳西高新区="新兴工业园",
        阳西="新兴",
        **{"3115.27": "2980.11", "96分": "93分"},
    )
    shutil.copy(PINGCHUAN, folder / "c.md")
    _, doc, _ = _json(str(folder), "--fail-on", "never")
    (pair,) = doc["review"]["similar"]
    assert {Path(pair["a"]).name, Path(pair["b"]).name} == {"a.txt", "b.txt"}
    assert pair["share"] >= 0.8
    assert _by_name(doc)["c.md"]["similar"] == []


def test_long_names_are_never_cut(tmp_path: Path) -> None:
    folder = tmp_path / "批次"
    folder.mkdir()
    text = PINGCHUAN.read_text(encoding="utf-8").replace("平川县农业农村局", "某某市人力资源和社会保障局")
    _write_docx(text, folder / LONG_NAME)
    shutil.copy(PROJECT, folder / "短.md")
    code, out, _ = run("check", str(folder), "-o", str(tmp_path / "out.txt"))
    assert code == 0 and out == ""
    lines = (tmp_path / "out.txt").read_text(encoding="utf-8").splitlines()
    assert not any("…" in ln for ln in lines)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("某某市"))
    first, second = lines[start], lines[start + 1]
    assert first.startswith("某某市人力资源和社会保障局")  # the unit is never cut off the front
    assert first.split()[0] + second.split()[0] == LONG_NAME  # wrapped, nothing dropped
    assert first.split()[1] == "某某市人力资源和社会保障局"  # the 单位 column
    assert first.rstrip().endswith("通过")


def test_suppressions_are_counted_and_reviewer_mode_ignores_them(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "收件"
    folder.mkdir()
    lines = YANGXI.read_text(encoding="utf-8").split("\n")
    lines[26] += "【drafter：忽略 FG005】"  # line 27 holds the FG005 error
    (folder / "阳西.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / "drafter.yaml").write_text("check:\n  ignore: [CN]\n", encoding="utf-8")

    code, doc, _ = _json(str(folder))
    (report,) = doc["reports"]
    codes = [f["code"] for f in report["findings"]]
    assert code == 0 and "FG005" not in codes and not any(c.startswith("CN") for c in codes)
    hidden = sorted(f["code"] for f in report["suppressed_findings"])
    assert hidden == ["CN001", "CN002", "FG005"]
    assert report["suppressed"] == 3 and report["verdict"] == "通过"
    assert any("忽略了 3 条" in n for n in report["notes"])
    _, out, _ = run("check", str(folder))
    assert out.splitlines()[-1].endswith(
        "另有 3 个被报告中的忽略标注或 drafter.yaml 隐藏（--reviewer 可列出）。"
    )

    for args, env in ((("--reviewer",), None), ((), "1")):
        if env:
            monkeypatch.setenv("DRAFTER_REVIEWER", env)
        code, doc, _ = _json(str(folder), *args)
        (report,) = doc["reports"]
        codes = [f["code"] for f in report["findings"]]
        assert code == 1 and {"FG005", "CN001", "CN002"} <= set(codes)
        assert report["verdict"] == "退回修改" and doc["review"]["reviewer"] is True
        # the inline note is still counted (the folder's drafter.yaml is not even read)
        assert report["suppressed"] == 1 and report["suppressed_findings"][0]["code"] == "FG005"
    _, out, _ = run("check", str(folder), "--reviewer")
    assert "其中 1 个是报告中标注忽略的（审核模式照常列出）" in out.splitlines()[-1]
    assert run("check", str(folder), "--no-reviewer", "-f", "json")[0] == 0


def test_reviewer_mode_ignores_a_broken_drafter_yaml_in_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "收件"
    folder.mkdir()
    shutil.copy(PROJECT, folder / "r.md")
    (folder / "drafter.yaml").write_text("check: [oops\n", encoding="utf-8")
    assert run("check", str(folder))[0] == 2
    assert run("check", str(folder), "--reviewer")[0] == 0


def test_reviewer_year_overrides_the_majority(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    shutil.copy(PROJECT, folder / "p.md")
    code, doc, _ = _json(str(folder), "--year", "2024")
    assert code == 0 and doc["reports"][0]["verdict"] == "通过"
    code, doc, _ = _json(str(folder), "--year", "2025")
    assert code == 1  # no finding, but the report is to be sent back
    assert _json(str(folder), "--year", "2025", "--fail-on", "never")[0] == 0
    report = doc["reports"][0]
    assert report["verdict"] == "退回修改"
    assert report["reasons"] == ["报告年度为 2024 年，应为 2025 年度"]


def test_html_marks_unreviewed_reports(batch: Path, tmp_path: Path) -> None:
    page = tmp_path / "审阅.html"
    run("check", str(batch), "-f", "html", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    summary = html[html.index('<table class="summary">') : html.index("</table>")]
    row = summary[summary.index("文化馆.txt") :]
    row = row[: row.index("</tr>")]
    assert '<span class="verdict unread">未能审核</span>' in row and "通过" not in row
    assert "未读到自评得分" in row
    assert "结论：退回修改 4 份，未能审核 2 份，通过 0 份" in html
    section = html[html.index("文化馆.txt</h2>") :]
    assert '结论：<span class="verdict unread">未能审核</span> 未读到自评得分' in section


def test_one_name_per_column_in_every_format(batch: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _, text, _ = run("check", str(batch))
    run("check", str(batch), "-f", "html", "-o", str(tmp_path / "a.html"))
    run("check", str(batch), "-f", "xlsx", "-o", str(tmp_path / "a.xlsx"))
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    header = [c.value for c in load_workbook(tmp_path / "a.xlsx")["汇总"][1]]
    for name in ("自评总分", "分项合计", "已忽略", "结论"):
        assert name in text and f"<th>{name}</th>" in html and name in header
    for variant in ("各项合计", "各项得分合计"):
        assert variant not in text and f"<th>{variant}</th>" not in html and variant not in header


def test_xlsx_export(batch: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "汇总.xlsx"
    code, out, err = run("check", str(batch), "-f", "xlsx", "-o", str(target))
    assert code == 2 and out == "" and "已写入汇总表" in err
    wb = load_workbook(target)
    assert wb.sheetnames == ["汇总", "退回修改", "问题清单", "已忽略", "相似正文"]
    rows = list(wb["汇总"].iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "文件", "单位", "年度") and len(rows) == 7  # one row per report
    verdicts = [r[11] for r in rows[1:]]
    assert verdicts == ["退回修改"] * 4 + ["未能审核"] * 2  # sorted by severity
    ping = next(r for r in rows[1:] if r[1].endswith("平川县农业农村局.md"))
    assert ping[2:7] == ("平川县农业农村局", 2023, "部门整体", ping[5], ping[5]) and ping[5] is not None
    back = list(wb["退回修改"].iter_rows(values_only=True))
    assert len(back) == 7  # 退回修改 and 未能审核, each with its reasons
    findings = list(wb["问题清单"].iter_rows(values_only=True))
    assert ("FG005", "错误") in {(r[3], r[4]) for r in findings[1:]}
    pairs = list(wb["相似正文"].iter_rows(values_only=True))
    assert len(pairs) == 2 and pairs[1][4].endswith("%")

    before = target.read_bytes()
    code, _, err = run("check", str(batch), "-f", "xlsx", "-o", str(target))
    assert code == 2 and "文件已存在" in err and "--force" in err and target.read_bytes() == before
    assert run("check", str(batch), "-f", "xlsx", "-o", str(target), "--force")[0] == 2  # unreadable file
    assert load_workbook(target).sheetnames[0] == "汇总"

    code, _, err = run("check", str(batch), "-f", "xlsx")
    assert code == 2 and err.strip().endswith("xlsx 格式须用 -o 指定输出文件（例如 -o 汇总.xlsx）。")
    code, _, err = run("check", str(batch), "--summary-xlsx", str(tmp_path / "x.csv"))
    assert code == 2 and "应保存为 .xlsx" in err
    code, out, _ = run("check", str(batch), "--summary-xlsx", str(tmp_path / "另存.xlsx"))
    assert "结论：" in out and load_workbook(tmp_path / "另存.xlsx")["汇总"].max_row == 7


def test_xlsx_never_writes_report_text_as_a_formula(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    folder = tmp_path / "b"
    folder.mkdir()
    _copy_as(PROJECT, folder / "=HYPERLINK(1).md")
    run("check", str(folder), "-f", "xlsx", "-o", str(tmp_path / "s.xlsx"))
    cell = load_workbook(tmp_path / "s.xlsx")["汇总"]["B2"]
    assert cell.data_type == "s" and cell.value.endswith("=HYPERLINK(1).md")


def _form_docx(path: Path, project: str, values: list[str], prose: str) -> Path:
    """A 项目支出绩效自评表 as a Word table: the form's labels, this project's values."""
    from docx import Document

    labels = [
        ("项目名称", project),
        ("主管部门", "县财政局"),
        ("年度资金总额", values[0]),
        ("其中：本年财政拨款", values[1]),
        ("上年结转资金", "0"),
        ("年度总体目标完成情况", "按计划完成年度建设任务，资金使用规范，项目效益达到预期"),
    ]
    indicators = [
        ("一级指标", "二级指标", "三级指标", "偏差原因分析及改进措施"),
        ("产出指标", "数量指标", "完成年度建设任务的比例", "按计划完成全部建设内容，无偏差"),
        ("产出指标", "质量指标", "工程质量验收一次合格率", "严格执行工程质量管理制度，无偏差"),
        (
            "产出指标",
            "时效指标",
            "项目在规定时间内按期完工的比例",
            "受雨季影响个别工序延后，已督促施工单位整改",
        ),
        (
            "产出指标",
            "成本指标",
            "项目实际成本控制在批复预算范围以内",
            "严格按照合同约定支付工程款，无超支情况",
        ),
        ("效益指标", "经济效益指标", "带动当地群众务工增加收入情况", "优先吸纳当地劳动力参与项目建设"),
        ("效益指标", "社会效益指标", "改善群众生产生活条件的受益人数", "受益范围覆盖项目所在镇村的常住人口"),
        ("效益指标", "生态效益指标", "项目建设过程中未发生环境污染事件", "落实扬尘治理和建筑垃圾清运措施"),
        ("效益指标", "可持续影响指标", "建成设施持续发挥作用的年限", "明确管护主体，落实日常维护经费"),
        (
            "满意度指标",
            "服务对象满意度指标",
            "受益群众对项目实施效果的满意程度",
            "通过入户走访和问卷调查了解群众意见",
        ),
        ("管理指标", "资金管理指标", "资金拨付及时并按规定用途使用", "按照国库集中支付制度规范拨付资金"),
        (
            "管理指标",
            "制度执行指标",
            "项目招标采购合同管理等制度执行情况",
            "严格执行政府采购和招标投标有关规定",
        ),
    ]
    doc = Document()
    doc.add_paragraph(f"{project}支出绩效自评表")
    table = doc.add_table(rows=0, cols=4)
    for a, b in labels:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = a, b
    for row in indicators:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    doc.add_paragraph(prose)
    doc.save(str(path))
    return path


def test_the_forms_own_labels_are_no_copied_text(tmp_path: Path) -> None:
    """Two 自评表 share every label of the form; only their prose could be copied."""
    folder = tmp_path / "表"
    folder.mkdir()
    _form_docx(folder / "a.docx", "农村道路硬化项目", ["120", "120", "3200"], "道路硬化工程按期完工。")
    _form_docx(folder / "b.docx", "中小学校舍维修项目", ["86", "80", "1500"], "校舍维修在暑期完成。")
    _, doc, _ = _json(str(folder), "--fail-on", "never")
    assert doc["review"]["similar"] == []

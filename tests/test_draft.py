"""Offline drafting: outline, every number from the data, placeholders, writers."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import docx
import jinja2
import pytest

from drafter.data.load import load_data, load_data_text
from drafter.data.model import EvaluationData, Indicator
from drafter.draft.report import DraftedReport, draft_report, iter_blocks
from drafter.draft.templates import TemplateSet, yishi
from drafter.draft.write import render_report, write_report
from drafter.errors import DrafterError
from drafter.resources import resource_dir
from drafter.rubric import load_rubric

REPO = Path(__file__).resolve().parent.parent
YANGXI = REPO / "examples" / "yangxi-2023" / "data.yaml"
PINGCHUAN = REPO / "examples" / "pingchuan-agri-2023" / "data.yaml"

OUTLINE = [
    (1, "一、部门基本情况"),
    (2, "（一）部门整体概况"),
    (3, "1.主要职责"),
    (3, "2.内设机构构成"),
    (3, "3.人员编制构成"),
    (2, "（二）年度总体工作和重点工作任务"),
    (2, "（三）部门整体支出情况"),
    (2, "（四）部门整体支出绩效目标"),
    (1, "二、绩效自评结论"),
    (1, "三、绩效自评分析"),
    (2, "（一）预算编制情况"),
    (3, "1.预算编制，指标总分8，自评8分"),
    (3, "2.目标设置情况，指标总分12，自评12分"),
    (2, "（二）预算执行情况"),
    (3, "1.制度管理，指标总分5，自评5分"),
    (3, "2.资金管理，指标总分20，自评16分"),
    (3, "3.项目管理，指标总分8，自评8分"),
    (3, "4.资产管理，指标总分7，自评7分"),
    (2, "（三）预算使用效益"),
    (3, "1.经济性，指标总分5，自评5分"),
    (3, "2.效率性，指标总分10，自评10分"),
    (3, "3.效果性，指标总分20，自评20分"),
    (3, "4.公平性，指标总分5，自评5分"),
    (1, "四、存在的问题、原因分析及改进措施"),
    (1, "五、其他需要说明的情况"),
]

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def yangxi() -> tuple[EvaluationData, DraftedReport]:
    data = load_data(YANGXI)
    return data, draft_report(data, rubric=load_rubric(data.meta.rubric))


def _numbers_in(text: str) -> set[Decimal]:
    return {Decimal(m) for m in _NUMBER.findall(text)}


def _data_numbers(data: EvaluationData) -> set[Decimal]:
    found: set[Decimal] = set()

    def visit(value: object) -> None:
        if isinstance(value, Decimal):
            found.add(value)
        elif isinstance(value, bool):
            return
        elif isinstance(value, int):
            found.add(Decimal(value))
        elif isinstance(value, list):
            for item in value:
                visit(item)
        elif hasattr(type(value), "model_fields"):
            for name in type(value).model_fields:
                visit(getattr(value, name))

    visit(data.expenditure)
    visit(data.profile.staffing)
    visit(data.indicators)
    found.add(Decimal(data.meta.fiscal_year))
    return found


def test_outline_matches_the_sample(yangxi) -> None:
    _, report = yangxi
    headings = [(level, text) for level, text in iter_blocks(report) if level > 0]
    assert headings == OUTLINE
    assert report.title == "阳西县高新技术产业开发区管理委员会2023年度部门整体支出绩效自评报告"


def test_every_figure_and_score_of_the_data_appears(yangxi) -> None:
    data, report = yangxi
    text = report.to_text()
    missing = _data_numbers(data) - _numbers_in(text)
    assert missing == set()
    # the computed ones, with their named rounding
    assert "预算执行率为99.99%" in text  # 3115.27 ÷ 3115.48 = 99.9933 %
    assert "固定资产利用率为100%" in text
    assert "合计2890.35万元" in text


def test_sample_phrasings_for_scores(yangxi) -> None:
    _, report = yangxi
    text = report.to_text()
    assert "我单位2023年县级部门整体支出绩效自评得分为96分，评价等级为“优”。" in text
    # Issue 12: a level-3 line states its max, so the rubric rules (RB002) can check it.
    assert (
        "（1）预算编制合理性（分值4分）。部门预算编制符合本部门职责，符合县委县政府的方针政策和工作要求，自评得4分。"
        in text
    )
    assert "政府采购实际数大于政府采购计划数，政府采购执行情况不得分，扣4分。" in text
    assert "改进措施：一是领导要提升绩效管理工作的重视，组织组建绩效管理考核小组；二是" in text


def test_filled_sections_have_no_placeholder(yangxi) -> None:
    _, report = yangxi
    assert [s.key for s in report.sections if s.has_placeholder] == []
    assert "【待补充" not in report.to_markdown()


def test_sections_expose_key_heading_and_json_context(yangxi) -> None:
    import json

    _, report = yangxi
    keys = [s.key for s in report.sections]
    assert keys == [
        "profile", "work", "expenditure", "targets", "conclusion",
        "analysis_1", "analysis_2", "analysis_3", "problems", "other",
    ]  # fmt: skip
    expenditure = report.section("expenditure")
    assert expenditure.heading == ("一、部门基本情况", "（三）部门整体支出情况")
    assert expenditure.context["actual"] == "3115.27"
    assert expenditure.context["raw"]["basic"] == "649.23"
    for section in report.sections:
        json.dumps(section.context, ensure_ascii=False)  # plain JSON values only
    assert report.section("analysis_2").heading == ("三、绩效自评分析", "（二）预算执行情况")


def test_empty_data_gets_placeholders_never_invented_text() -> None:
    data = load_data_text(
        "meta: {department: 某局, fiscal_year: 2024, level: 市, rubric: gd-county-dept-2023}\n"
    )
    report = draft_report(data)
    assert all(s.has_placeholder for s in report.sections)
    text = report.to_text()
    assert "【待补充：部门主要职责" in text
    assert "【待补充：自评总分" in text
    body = "\n".join(t for level, t in iter_blocks(report) if level < 0)
    assert _numbers_in(body) <= {Decimal(2024)}


def test_missing_reason_and_score_get_placeholders() -> None:
    data = load_data(PINGCHUAN)
    efficiency = data.indicators[2].children[1]
    data.indicators[2].children[1] = efficiency.model_copy(update={"deduction_reason": None})
    data.indicators[0].children[0].children[0] = Indicator(name="预算编制合理性", max_score=Decimal(4))
    text = draft_report(data).to_text()
    assert "【待补充：扣2分的原因】" in text
    assert "（1）预算编制合理性（分值4分）。【待补充：自评得分】" in text


def test_invented_example_drafts_its_deductions_and_measures() -> None:
    data = load_data(PINGCHUAN)
    report = draft_report(data, rubric=load_rubric(data.meta.rubric))
    text = report.to_text()
    assert not any(s.has_placeholder for s in report.sections)
    assert "自评得分为95分" in text
    assert "2.资金管理，指标总分20，自评18分" in text
    assert "扣1分，自评得4分。" in text
    assert text.count("存在问题：一是") == 1 and "原因分析：一是" in text
    assert _data_numbers(data) - _numbers_in(text) == set()
    assert (REPO / "examples" / "pingchuan-agri-2023" / "report.md").read_text(
        encoding="utf-8"
    ) == report.to_markdown(score_table=True)  # what `drafter draft -o report.md` writes


def test_section_four_hook_fills_only_when_data_has_none() -> None:
    data = load_data(PINGCHUAN).model_copy(update={"problems": [], "causes": [], "measures": []})
    calls = []

    def suggest(d: EvaluationData) -> list[str]:
        calls.append(d)
        return ["存在问题：建议稿。", "改进措施：建议稿。"]

    report = draft_report(data, section_four=suggest)
    assert report.section("problems").paragraphs == ["存在问题：建议稿。", "改进措施：建议稿。"]
    assert calls == [data]
    report = draft_report(load_data(PINGCHUAN), section_four=suggest)
    assert len(calls) == 1 and "石桥镇" in report.section("problems").text


def test_backend_receives_the_offline_report() -> None:
    data = load_data(PINGCHUAN)

    def backend(report: DraftedReport) -> DraftedReport:
        sections = tuple(
            s.with_text(s.text + "（润色）") if s.key == "targets" else s for s in report.sections
        )
        return DraftedReport(title=report.title, sections=sections)

    report = draft_report(data, backend=backend)
    assert report.section("targets").text.endswith("（润色）")


def test_templates_have_valid_metadata_and_strict_variables() -> None:
    folder = resource_dir("prompts") / "sections"
    templates = TemplateSet(folder)
    keys = sorted(p.stem for p in folder.glob("*.j2"))
    assert keys == sorted(
        ["profile", "work", "expenditure", "targets", "conclusion", "analysis", "problems", "other"]
    )
    report = draft_report(load_data(YANGXI))
    for section in report.sections:
        meta = templates.get(section.template.removesuffix(".j2")).meta
        assert set(meta.requires) <= set(section.context), section.key
    with pytest.raises(KeyError, match="needs context keys"):
        templates.get("targets").render({})
    with pytest.raises(jinja2.UndefinedError):
        templates.get("profile").template.render({"duties": [], "units": [{"name": "x"}]})


def test_yishi_enumeration() -> None:
    assert yishi(["甲。", "乙；"]) == "一是甲；二是乙。"
    assert yishi(["只有一项"]) == "只有一项。"
    assert yishi([f"项{n}" for n in range(1, 12)]).startswith("一是项1；二是项2")
    assert "十一是项11。" in yishi([f"项{n}" for n in range(1, 12)])


def test_text_and_markdown_writers(yangxi, tmp_path: Path) -> None:
    _, report = yangxi
    text = render_report(report, ".txt").decode("utf-8")
    assert "#" not in text and text.splitlines()[1] == "一、部门基本情况"
    md = render_report(report, ".md").decode("utf-8")
    assert md.startswith("# 阳西县") and "\n## 二、绩效自评结论\n" in md and "\n#### 1.主要职责\n" in md
    with pytest.raises(DrafterError, match="不支持的输出格式"):
        render_report(report, ".pdf")


def test_docx_has_heading_styles(yangxi, tmp_path: Path) -> None:
    _, report = yangxi
    out = write_report(report, tmp_path / "报告.docx", inputs=[YANGXI])
    document = docx.Document(str(out))
    styled = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert styled[0] == ("Title", report.title)
    assert ("Heading 1", "三、绩效自评分析") in styled
    assert ("Heading 2", "（一）部门整体概况") in styled
    assert ("Heading 3", "2.资金管理，指标总分20，自评16分") in styled
    body = [p.text for p in document.paragraphs if p.style.name == "Normal"]
    assert "在编人员共20人。行政编15人，事业编5人。" in body
    assert io.BytesIO(out.read_bytes()).getbuffer().nbytes > 0


def test_write_refuses_directory_and_input(tmp_path: Path) -> None:
    report = draft_report(load_data(YANGXI))
    with pytest.raises(DrafterError, match="文件夹"):
        write_report(report, tmp_path, inputs=[YANGXI])
    with pytest.raises(DrafterError, match="不能与输入文件相同"):
        write_report(report, YANGXI, inputs=[YANGXI])


def test_project_kind_conclusion_reads_naturally() -> None:
    data = load_data_text(
        "meta: {department: 某县财政局, fiscal_year: 2023, level: 县, kind: 项目支出, project: 农村公路养护,"
        " rubric: national-project-2020}\n"
        "indicators:\n"
        "  - {name: 预算执行率, max_score: 10, self_score: 9, deduction_reason: 执行率90%}\n"
        "  - {name: 产出指标, max_score: 50, self_score: 50}\n"
        "  - {name: 效益指标, max_score: 30, self_score: 30}\n"
        "  - {name: 满意度指标, max_score: 10, self_score: 10}\n"
    )
    report = draft_report(data, rubric=load_rubric("national-project-2020"))
    assert report.title == "某县财政局2023年度农村公路养护项目支出绩效自评报告"
    text = report.to_text()
    assert "我单位2023年县级项目支出绩效自评得分为99分，评价等级为“优”。" in text
    assert "支出支出" not in text
    assert "1.预算执行率，指标总分10，自评9分" in text


def test_level_four_items_are_not_dropped() -> None:
    data = load_data(PINGCHUAN)
    funds = data.indicators[1].children[1]
    spend = funds.children[1]
    funds.children[1] = spend.model_copy(
        update={
            "self_score": None,
            "deduction_reason": None,
            "children": [
                Indicator(
                    name="本级资金支出率", max_score=Decimal(3), self_score=Decimal(3), basis="按期支出"
                ),
                Indicator(
                    name="上级资金支出率",
                    max_score=Decimal(2),
                    self_score=Decimal(1),
                    deduction_reason="冷链项目资金未付",
                ),
            ],
        }
    )
    text = draft_report(data).to_text()
    assert (
        "（2）部门预算资金支出完成率（分值5分）。全年实际支出3215.36万元，调整预算3420.80万元，预算执行率为93.99%，自评得4分。"
        in text
    )
    assert "①本级资金支出率（分值3分）。按期支出，自评得3分。" in text
    assert "②上级资金支出率（分值2分）。冷链项目资金未付，扣1分，自评得1分。" in text
    assert "【待补充" not in text  # the reasons below explain every lost point

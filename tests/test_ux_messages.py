"""What a user reads says things as a reader would (issue 12): no internal field paths, quotes cut
at a title's boundary, examples of the right kind, a Chinese message for a full-width colon."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check.run import CheckOptions, check_document
from drafter.data.load import load_data, load_data_text
from drafter.draft.report import draft_report
from drafter.errors import DrafterError
from drafter.read import document_from_text

REPO = Path(__file__).resolve().parent.parent
PINGCHUAN = REPO / "examples" / "pingchuan-agri-2023" / "data.yaml"


def test_dt002_names_the_indicator_not_a_field_path() -> None:
    text = draft_report(load_data(PINGCHUAN)).to_text()
    changed = text.replace("结转结余率为6.01%。结转结余资金主要为冷链物流中心项目未付工程款，扣1分，自评得2分", "结转结余率为6.01%。结转结余资金主要为冷链物流中心项目未付工程款，扣0分，自评得3分")  # fmt: skip
    assert changed != text
    found = [
        f
        for f in check_document(
            document_from_text(changed, path="r.txt"), options=CheckOptions(data=str(PINGCHUAN))
        )
        if f.code == "DT002"
    ]
    assert found and all("indicators[" not in (f.expected or "") + f.message for f in found)
    leaf = next(f for f in found if "结转结余率" in f.message)
    assert leaf.expected.startswith("2 分（评价数据中“资金管理”下“结转结余率”的自评得分，数据文件第")


def test_cn001_quote_is_cut_at_a_title_boundary() -> None:
    sample = (REPO / "examples" / "yangxi-2023" / "report.txt").read_text(encoding="utf-8")
    found = [f for f in check_document(document_from_text(sample, path="r.txt")) if f.code == "CN001"]
    assert [f.message for f in found] == [
        "2023年度报告中引用了2020年度的“县级财政部门印发的预算编制工作方案、通知…”，应为本年度"
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("meta：\n  department: 某局\n", 1),
        ("meta:\n  department： 某局\n  level: 县\n", 2),
    ],
)
def test_full_width_colon_is_named_in_chinese(text: str, line: int) -> None:
    with pytest.raises(DrafterError) as err:
        load_data_text(text, path="d.yaml")
    message = err.value.message
    assert f"第{line}行" in message and "全角冒号“：”" in message and "半角冒号" in message
    assert "mapping values" not in message


def test_a_year_is_exemplified_by_a_year() -> None:
    from drafter.data.load import DataError

    with pytest.raises(DataError) as err:
        load_data_text(
            "meta:\n  department: 某局\n  fiscal_year: 二〇二三\n  level: 县\n  rubric: gd-county-dept-2023\n",
            path="d.yaml",
        )
    hints = [f.hint or "" for f in err.value.findings if "fiscal_year" in f.message]
    assert hints and "例如 2023" in hints[0]


def test_validate_finds_in_the_data_prose_what_check_finds_in_the_draft(tmp_path: Path) -> None:
    """Issue 12, one truth: 评分依据 says 92.92% while the figures give 91.40%. validate says so
    (FG003, error, on the basis's line) exactly as check says it of the drafted report."""
    from drafter.check.on_data import check_data, has_errors

    source = (REPO / "examples" / "qinghe-health-2024" / "data.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "data.yaml"
    bad.write_text(source.replace("预算执行率为91.40%", "预算执行率为92.92%"), encoding="utf-8")
    data = load_data(bad)
    found = [f for f in check_data(data) if f.code == "FG003"]
    assert len(found) == 1 and has_errors(found)
    line = next(
        n for n, text in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1) if "92.92%" in text
    )
    assert found[0].line == line
    drafted = check_document(document_from_text(draft_report(data).to_text(), path="r.txt"))
    in_report = [f for f in drafted if f.code == "FG003"]
    assert [(f.severity, f.expected, f.found) for f in in_report] == [
        (found[0].severity, found[0].expected, found[0].found)
    ]

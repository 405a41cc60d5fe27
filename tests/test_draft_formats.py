"""Every output format carries the score table and the 落款, and no statement twice (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from drafter.check.run import CheckOptions, check_paths
from drafter.data.load import load_data, load_data_text
from drafter.draft.report import draft_report
from drafter.draft.write import write_report

REPO = Path(__file__).resolve().parent.parent
QINGHE = REPO / "examples" / "qinghe-health-2024" / "data.yaml"

ROWS = [
    ("预算编制", "预算编制", "8", "8"),
    ("预算编制", "目标设置", "12", "12"),
    ("预算执行", "制度管理", "5", "5"),
    ("预算执行", "资金管理", "20", "17"),
    ("预算执行", "项目管理", "8", "7"),
    ("预算执行", "资产管理", "7", "7"),
    ("预算使用效益", "经济性", "5", "5"),
    ("预算使用效益", "效率性", "10", "8"),
    ("预算使用效益", "效果性", "20", "20"),
    ("预算使用效益", "公平性", "5", "5"),
]


@pytest.fixture(scope="module")
def report():
    from drafter.suggest.api import section_four

    return draft_report(load_data(QINGHE), section_four=section_four)  # as drafter draft does


def test_markdown_has_the_score_table_before_section_three(report, tmp_path: Path) -> None:
    text = write_report(report, tmp_path / "r.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("**绩效自评得分情况表**")
    assert start < lines.index("## 三、绩效自评分析")
    table = [ln for ln in lines[start:] if ln.startswith("|")]
    cells = [[c.strip() for c in ln.strip("|").split("|")] for ln in table]
    assert cells[0] == ["一级指标", "二级指标", "分值", "自评得分", "扣分原因"]
    assert [tuple(c[:4]) for c in cells[2:-1]] == ROWS
    assert cells[-1][:4] == ["合计", "", "100", "94"]
    assert cells[5][4].startswith("部门预算资金支出完成率：县人民医院综合楼建设项目进度滞后")


def test_text_has_aligned_rows(report, tmp_path: Path) -> None:
    text = write_report(report, tmp_path / "r.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("绩效自评得分情况表")
    rows = lines[start + 1 : lines.index("三、绩效自评分析")]
    assert [tuple(re.split(r"[　 ]+", r)[:4]) for r in rows[1:-1]] == ROWS
    assert re.split(r"[　 ]+", rows[-1])[:3] == ["合计", "100", "94"]

    # aligned: the 分值 column starts at the same display column on every row
    def col(row: str) -> int:
        head = re.match(r"(\S+[　 ]+\S+[　 ]+)", row).group(1)
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in head)

    assert len({col(r) for r in rows[:-1]}) == 1


@pytest.mark.parametrize("suffix", [".md", ".txt", ".docx"])
def test_drafts_with_the_table_check_clean(report, tmp_path: Path, suffix: str) -> None:
    out = write_report(report, tmp_path / f"r{suffix}")
    (result,) = check_paths([out], options=CheckOptions())
    assert list(result.findings) == []


def test_signature_block_in_every_format(report, tmp_path: Path) -> None:
    for suffix in (".md", ".txt"):
        lines = [
            ln
            for ln in write_report(report, tmp_path / f"s{suffix}").read_text(encoding="utf-8").splitlines()
            if ln
        ]
        assert lines[-2:] == ["清河县卫生健康局", "＿＿＿＿年＿＿月＿＿日"]
    document = docx.Document(str(write_report(report, tmp_path / "s.docx")))
    tail = [p for p in document.paragraphs if p.text.strip()][-2:]
    assert [p.text for p in tail] == ["清河县卫生健康局", "＿＿＿＿年＿＿月＿＿日"]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in tail)


def test_a_work_is_stated_once() -> None:
    data = load_data_text(
        "meta: {department: 某局, fiscal_year: 2024, level: 县, rubric: gd-county-dept-2023}\n"
        "annual_work:\n  tasks:\n"
        "    - title: 推进道路建设\n      facts: [全年新建道路3条。]\n"
        "      progress:\n"
        "        - {item: 东环路工程, percent_complete: 100, accepted: true}\n"
        "        - {item: 西环路工程, percent_complete: 80, accepted: false}\n"
    )
    text = draft_report(data).to_text()
    assert "东环路工程已完工，已通过验收；西环路工程已完成80%，暂未验收。" in text
    assert text.count("东环路工程") == 1 and text.count("西环路工程") == 1

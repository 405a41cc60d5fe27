"""More score wordings: "自评得分合计为96分" totals and weights in percent ("（权重20%）")."""

from __future__ import annotations

from decimal import Decimal as D

from drafter.check.extract import extract_facts
from drafter.check.run import CheckOptions, check_document
from drafter.read import document_from_text

COLON = """某县水利局2024年度部门整体支出绩效自评报告
一、绩效自评情况
（一）投入（20分）
1.预算编制（10分）
自评得分：9分。扣分原因：个别项目绩效目标不够细化。
2.目标设置（10分）
自评得分：10分。
（二）过程（30分）
1.资金管理（15分）
自评得分：14分。扣分原因：个别资金拨付不及时。
2.业务管理（15分）
自评得分：15分。
（三）产出（30分）
自评得分：28分。扣分原因：2处堤防加固未完工。
（四）效益（20分）
自评得分：19分。扣分原因：群众满意度95%，未达到98%的目标。
二、自评结论
综上，自评得分合计为95分，等级为“优”。
"""

WEIGHTS = """某区文化和旅游局2024年度部门整体支出绩效自评报告
一、部门整体支出绩效自评情况
1.预算编制（权重20%）：预算编制较为规范，自评得18分。扣分原因：部分项目预算编制不够细化。
2.预算执行（权重30%）：预算执行率为96.5%，自评得29分。扣分原因：执行率低于年初目标。
3.预算管理（权重20%）：管理制度健全，自评得20分。
4.履职效益（权重30%）：完成各项文化惠民活动，自评得30分。
二、自评结论
我局2024年度部门整体支出绩效自评得分为97分，评价等级为优。
"""


def _codes(text: str) -> list[tuple[str, int | None]]:
    doc = document_from_text(text, "r.txt")
    return [(f.code, f.line) for f in check_document(doc, options=CheckOptions(discover_config=False))]


def test_a_total_said_as_the_sum_of_the_scores() -> None:
    facts = extract_facts(document_from_text(COLON, "r.txt"))
    assert facts.total is not None and facts.total.value == D(95)
    assert _codes(COLON) == []
    assert ("SC002", 18) in _codes(COLON.replace("合计为95分", "合计为96分"))


def test_weights_in_percent_are_the_maxima() -> None:
    facts = extract_facts(document_from_text(WEIGHTS, "r.txt"))
    assert [(n.name, n.max, n.score) for n in facts.nodes()] == [
        ("预算编制", D(20), D(18)),
        ("预算执行", D(30), D(29)),
        ("预算管理", D(20), D(20)),
        ("履职效益", D(30), D(30)),
    ]
    assert _codes(WEIGHTS) == []
    assert ("SC003", 5) in _codes(WEIGHTS.replace("自评得20分", "自评得22分"))
    assert ("SC004", 8) in _codes(WEIGHTS.replace("（权重20%）：预算编制", "（权重25%）：预算编制"))


def test_a_percent_in_brackets_without_a_weight_word_is_no_maximum() -> None:
    text = "一、情况\n1.预算执行（96%）：执行较好，自评得9分。\n"
    facts = extract_facts(document_from_text(text, "r.txt"))
    assert [(n.name, n.max) for n in facts.nodes()] == [("预算执行", None)]

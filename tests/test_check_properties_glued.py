"""Properties of the reader of glued 自评表 forms (hypothesis): a national form whose cells an OCR
glued together ("垃圾转运量12000吨11600吨2018"), with random targets, actual values, 分值 and 得分:

1. whatever the digits, a row that is read is read right (its 得分 is the one written), and a row
   that is not read is named as unsplit — nothing is guessed;
2. the 总分 is read only when every row was read, and then the form checks clean;
3. a 总分 one off the sum of the scores is caught whenever the total is read.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from drafter.check.extract import extract_facts
from drafter.read import document_from_text
from tests.test_check_properties_tables import SETTINGS, serious

_NAMES = ("垃圾转运量", "无害化处理率", "日产日清率", "每吨转运成本", "村容整洁改善率", "群众满意度")
_LEVELS = (
    "产出指标数量指标",
    "质量指标",
    "时效指标",
    "成本指标经济成本指标",
    "效益指标社会效益指标",
    "满意度指标服务对象满意度指标",
)
_HEAD = (
    "项目支出绩效自评表(2022年度)项目名称乡镇垃圾转运站运行经费主管部门县城市管理局实施单位县环卫所项目资金(万元)"
    "年初预算数全年预算数全年执行数分值执行率得分年度资金总额:80.0080.0078.401098%9.8其他资金年度总体目标完成"
    "全县乡镇生活垃圾转运一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
)


@st.composite
def glued_form(draw: st.DrawFn) -> tuple[str, list[Decimal], Decimal]:
    """The form's text, the rows' 得分 and the total written."""
    maxima = draw(st.permutations([20, 20, 10, 10, 20, 10]))
    parts, scores = [], []
    for level, name, mx in zip(_LEVELS, _NAMES, maxima, strict=True):
        value = draw(st.sampled_from(["{}%", "{}吨", "{}元", "{}"]))
        target = value.format(draw(st.integers(1, 200)))
        done = value.format(draw(st.integers(0, 200)))
        score = Decimal(mx - draw(st.integers(0, 3)))
        scores.append(score)
        parts.append(f"{level}{name}{target}{done}{mx}{score}")
    total = Decimal("9.8") + sum(scores)
    text = "2022年度项目支出绩效自评表\n" + _HEAD + "".join(parts) + f"总分100{total}\n"
    return text, scores, total


@SETTINGS
@given(glued_form())
def test_a_glued_row_is_read_right_or_named_unsplit(form: tuple[str, list[Decimal], Decimal]) -> None:
    text, scores, total = form
    facts = extract_facts(document_from_text(text, "g.txt"))
    written = dict(zip(_NAMES, scores, strict=True))
    read = {n.name: n.score for n in facts.scores if n.name != "预算执行率"}
    assert all(written[name] == score for name, score in read.items()), (read, written)
    unsplit = {s.quote for s in facts.unsplit}
    assert len(read) + len(unsplit) == len(_NAMES), (read, unsplit)
    if facts.total is not None:
        assert not unsplit and facts.total.value == total
        assert serious(text) == []
    elif not unsplit:
        raise AssertionError("every row read, yet no total")


@SETTINGS
@given(glued_form())
def test_a_total_one_off_is_caught_when_read(form: tuple[str, list[Decimal], Decimal]) -> None:
    text, _scores, total = form
    bad = text.replace(f"总分100{total}", f"总分100{total - 1}")
    if extract_facts(document_from_text(bad, "g.txt")).total is not None:
        assert ("SC002", 2) in serious(bad)

"""Number grounding: what a model may write, and what it may not."""

from __future__ import annotations

import pytest

from drafter.llm.grounding import NumberIndex, ungrounded_numbers

CONTEXT = {
    "year": 2023,
    "budget": {
        "initial": "408.14",
        "adjusted": "3115.48",
        "actual": "3115.27",
        "basic": "649.23",
        "project": "2466.04",
    },
    "payments": [{"name": "一期进度款", "amount": "1318.20"}, {"name": "二期进度款", "amount": "1572.15"}],
    "staff": {"total": 20, "categories": [{"name": "行政编", "count": 15}, {"name": "事业编", "count": 5}]},
    "score": {"max": 20, "self": 16, "reason": "政府采购实际数大于计划数，扣4分"},
    "units": ["办公室", "经济发展局", "国土规划环保局", "招商服务中心"],
}
SKELETON = "2023年度预算调整总额3115.48万元，实际支出总额3115.27万元，预算执行率为99.99%。"


def bad(text: str) -> list[str]:
    return [u.raw for u in ungrounded_numbers(text, context=CONTEXT, skeleton=SKELETON)]


@pytest.mark.parametrize(
    "text",
    [
        "实际支出3,115.27万元。",  # thousands separator
        "实际支出３１１５．２７万元。",  # full-width digits
        "实际支出31152700元。",  # 元 vs 万元
        "基本支出6492.3千元，项目支出24.6604百万元。",  # 千元 / 百万元 vs 万元
        "实际支出约3.1千万元。",  # 3115.27万 rounded to the written 0.1千万元
        "实际支出约3115.3万元，执行率约100%。",  # rounded to the written precision
        "执行率达百分之百。",  # Chinese percent, rounds from 99.99
        "基本支出占实际支出的20.84%。",  # computed rate 649.23 / 3115.27
        "两笔进度款合计2890.35万元，超出项目支出424.31万元。",  # column sum, then a difference
        "在编20人，其中行政编15人、事业编5人；设4个股室。",  # counts and list length
        "资金管理指标总分20分，自评16分，扣4分。",
        "2024年将加强预算执行监控。",  # the next budget cycle
        "一、部门基本情况（一）部门整体概况 1. 主要职责（1）预算编制",  # outline markers are not numbers
        "截至2023年12月31日，一项工作尚未验收。",
    ],
)
def test_grounded_text_passes(text):
    assert bad(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("实际支出3200万元。", ["3200万元"]),
        ("执行率为95%。", ["95%"]),
        ("在编30人，设7个股室。", ["30人", "7个"]),
        ("自评18分。", ["18分"]),
        ("2019年以来累计投入5000万元。", ["2019年", "5000万元"]),
        ("实际支出3115.37万元。", ["3115.37万元"]),  # precise but wrong
        ("基本支出6493.3千元。", ["6493.3千元"]),  # 649.33万, not 649.23万
    ],
)
def test_invented_numbers_are_named(text, expected):
    assert bad(text) == expected


def test_a_whole_percent_cannot_borrow_an_unrelated_ratio():
    # 1318.20 / 1572.15 = 83.85 %: "84%" is 0.15 away, more than the 0.1 allowed for whole percents
    assert bad("完成率84%。") == ["84%"]
    assert bad("完成率83.85%。") == []


def test_index_reuse_and_positions():
    index = NumberIndex.build([CONTEXT], [SKELETON])
    text = "实际支出3115.27万元，另有9999万元。"
    (only,) = index.check(text)
    assert text[only.start : only.end] == only.raw == "9999万元"

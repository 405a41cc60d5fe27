"""drafter.text.numbers: normalisation that keeps positions, quantities with units and kinds."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.text.numbers import Quantity, cn_to_int, find_quantities, normalize, parse_decimal, to_wanyuan
from tests.conftest import SEED

SAMPLE_LINES = SEED.read_text(encoding="utf-8").split("\n")


def q3(text: str) -> list[tuple[str, str, str]]:
    """(value, unit, kind) of every quantity, for compact assertions."""
    return [(str(q.value), q.unit, q.kind) for q in find_quantities(text)]


# --- normalize ------------------------------------------------------------------------------


def test_normalize_maps_full_width_to_ascii_and_keeps_chinese_separators():
    s = "３１１５．４８万，占比６５％：（一）ＡＢ；。、\u3000"
    assert normalize(s) == "3115.48万,占比65%:(一)AB；。、 "


def test_normalize_zero_only_beside_digits():
    assert normalize("2〇23年") == "2023年"
    assert normalize("二〇二三年") == "二〇二三年"


@given(st.text())
def test_normalize_keeps_length(s: str):
    assert len(normalize(s)) == len(s)


@given(st.text(alphabet="0123456789０１２３４５６７８９.．,，万元%％人个分年一二三四十百 abc-"))
def test_spans_index_the_original_text(s: str):
    for q in find_quantities(s):
        assert s[q.start : q.end] == q.raw
        assert 0 <= q.start < q.end <= len(s)


# --- the sample report ----------------------------------------------------------------------


def test_sample_line_25_every_figure_in_wanyuan():
    qs = find_quantities(SAMPLE_LINES[24])
    amounts = [(q.raw, to_wanyuan(q)) for q in qs if q.kind == "amount"]
    assert amounts == [
        ("408.14万", Decimal("408.14")),
        ("3115.48万", Decimal("3115.48")),
        ("3115.27万", Decimal("3115.27")),
        ("649.23万", Decimal("649.23")),
        ("2466.04万", Decimal("2466.04")),
        ("13.00万", Decimal("13.00")),
        ("6.20万", Decimal("6.20")),
        ("27.00万", Decimal("27.00")),
        ("26.83万", Decimal("26.83")),
    ]
    assert all(q.unit == "万元" for q in qs if q.kind == "amount")
    assert [q.raw for q in qs if q.kind == "year"] == ["2023年度"]
    assert qs[6].places == 2  # 13.00: the stated precision survives


def test_sample_counts_and_percentages():
    assert q3(SAMPLE_LINES[7]) == [("4", "个", "count")]  # 设4个正股级内设机构
    assert q3(SAMPLE_LINES[13]) == [("20", "人", "count"), ("15", "人", "count"), ("5", "人", "count")]
    percents = [q.value for q in find_quantities(SAMPLE_LINES[16]) if q.kind == "percent"]
    assert percents == [Decimal(50), Decimal(60), Decimal(65)]


def test_sample_plot_id_and_road_name_are_not_quantities():
    line18 = find_quantities(SAMPLE_LINES[17])  # …四期YX04-01-29地块…，2023年度已完工
    assert [(q.raw, q.kind) for q in line18] == [("2023年度", "year")]
    line20 = find_quantities(SAMPLE_LINES[19])  # 16米路和奋进路12.17亩 …
    assert "16" not in [str(q.value) for q in line20]
    assert line20[0].raw == "12.17亩"
    assert [q.value for q in line20 if q.unit == "亩"][:3] == [
        Decimal("12.17"),
        Decimal("147.5"),
        Decimal("772"),
    ]


def test_sample_scores_and_payments():
    assert q3(SAMPLE_LINES[31]) == [("1", "", "ordinal"), ("8", "分", "score"), ("8", "分", "score")]
    assert q3(SAMPLE_LINES[45]) == [("5", "分", "score"), ("8", "分", "score")]
    payments = [to_wanyuan(q) for q in find_quantities(SAMPLE_LINES[26]) if q.kind == "amount"]
    assert payments == [Decimal("1318.20"), Decimal("1572.15")]
    assert q3("自评得分为96分") == [("96", "分", "score")]
    assert q3("满分10分，得9分") == [("10", "分", "score"), ("9", "分", "score")]


def test_sample_years():
    assert [(q.value, q.kind) for q in find_quantities(SAMPLE_LINES[33]) if q.kind == "year"] == [
        (Decimal(2020), "year")
    ]


# --- forms ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("３１１５．４８万元", [("3115.48", "万元", "amount")]),
        ("1,318.20万元", [("1318.20", "万元", "amount")]),
        ("共计12,345元", [("12345", "元", "amount")]),
        ("1.2亿元", [("1.2", "亿元", "amount")]),
        ("6200元", [("6200", "元", "amount")]),
        ("3000多万元", [("3000", "万元", "amount")]),
        ("三百万元", [("300", "万元", "amount")]),
        ("６５％", [("65", "%", "percent")]),
        ("百分之六十五", [("65", "%", "percent")]),
        ("百分之九十五点五", [("95.5", "%", "percent")]),
        ("下降5个百分点", [("5", "百分点", "percent")]),
        ("-5.2%", [("-5.2", "%", "percent")]),
        ("二十人", [("20", "人", "count")]),
        ("设四个内设机构", [("4", "个", "count")]),
        ("两个项目", [("2", "个", "count")]),
        ("20万人", [("200000", "人", "count")]),
        ("二〇二三年", [("2023", "年", "year")]),
        ("2023年度", [("2023", "年", "year")]),
        ("3年", [("3", "年", "count")]),
        ("2024-05-20", [("2024", "年", "date")]),
        ("2024年5月20日 10:30", [("2024", "年", "date")]),
        ("2023-2025年", [("2023", "年", "year"), ("2025", "年", "year")]),
        ("2021至2023年", [("2021", "年", "year"), ("2023", "年", "year")]),
        ("2023-123", [("2023", "", "plain"), ("123", "", "plain")]),
        ("1.5千万元", [("1.5", "千万元", "amount")]),
        ("项目支出500千元", [("500", "千元", "amount")]),
        ("金额6,492.3千元", [("6492.3", "千元", "amount")]),
        ("35百万元", [("35", "百万元", "amount")]),
        ("1.2千万元", [("1.2", "千万元", "amount")]),
        ("一千万元", [("1000", "万元", "amount")]),  # as written: 一千 万元
        ("三千元", [("3000", "元", "amount")]),
        ("500千米", [("500", "千米", "count")]),
        # 千万 in prose is no amount: no number stands right before it
        ("千万不要忘记，投入上千万元、数千万元", []),
        ("第3项", [("3", "项", "ordinal")]),
        ("（1）预算", [("1", "", "ordinal")]),
        ("30分钟", [("30", "分钟", "count")]),
        ("指标总分8", [("8", "分", "score")]),
        ("5G基站", []),
        ("十分重要，一是统一", []),
        ("路3已完成", [("3", "", "plain")]),
    ],
)
def test_forms(text: str, expected: list[tuple[str, str, str]]):
    assert q3(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Chinese-numeral scores: after a score word, or tens and hundreds from 二十 up
        ("自评得分为九十六分，等级为优", [("96", "分", "score")]),
        ("综合评分结果为八十五分", [("85", "分", "score")]),
        ("满分一百分，自评九十八分", [("100", "分", "score"), ("98", "分", "score")]),
        ("该项扣二分，得八分", [("2", "分", "score"), ("8", "分", "score")]),
        ("八十分以上为良", [("80", "分", "score")]),
        ("指标分值十分", [("10", "分", "score")]),
        # … and not the words: 十分 (very), 十二分 (utmost), 五五分成, a clock time, 分钟
        ("显得十分重要，值得十分关注", []),
        ("付出十二分的努力，五五分成", []),
        ("上午九点二十分召开", []),
        ("用时二十分钟", [("20", "分钟", "count")]),
    ],
)
def test_chinese_numeral_scores(text: str, expected: list[tuple[str, str, str]]):
    assert q3(text) == expected


def test_full_width_comma_is_a_list_not_a_thousands_separator():
    assert q3("分别为120，350，480万元") == [
        ("120", "", "plain"),
        ("350", "", "plain"),
        ("480", "万元", "amount"),
    ]


def test_approx_is_marked():
    (q,) = find_quantities("在编20余人")
    assert (q.value, q.unit, q.approx, q.raw) == (Decimal(20), "人", True, "20余人")


def test_raw_is_the_original_text_even_when_full_width():
    (q,) = find_quantities("总额３１１５．４８万，")
    assert q.raw == "３１１５．４８万"
    assert (q.start, q.end) == (2, 10)


# --- conversions ----------------------------------------------------------------------------


def test_to_wanyuan_units():
    def amount(text: str) -> Decimal:
        return to_wanyuan(find_quantities(text)[0])

    assert amount("6200元") == Decimal("0.6200")
    assert amount("1.2亿元") == Decimal("12000.0")
    assert amount("500千元") == Decimal("50.0")
    assert amount("6492.3千元") == Decimal("649.23")
    assert amount("35百万元") == Decimal("3500")
    assert amount("1.2千万元") == Decimal("1200.0")
    assert amount("95.6万") == Decimal("95.6")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("5万元", "万元"),
        ("5千元", "千元"),
        ("5千万元", "千万元"),
        ("5百万元", "百万元"),
        ("5亿元", "亿元"),
        ("5元", "元"),
    ],
)
def test_longest_money_unit_wins(text: str, unit: str):
    (q,) = find_quantities(text + "。")
    assert (q.unit, q.raw) == (unit, text)


def test_to_wanyuan_refuses_non_amounts():
    with pytest.raises(ValueError, match="不是金额"):
        to_wanyuan(Quantity(Decimal(65), "%", 0, 3, "65%", "percent"))


@pytest.mark.parametrize(
    ("cn", "value"),
    [
        ("二十", 20),
        ("十二", 12),
        ("十", 10),
        ("三百零五", 305),
        ("一万二千", 12000),
        ("两", 2),
        ("二〇二三", 2023),
        ("一亿二千万", 120_000_000),
        ("九十九", 99),
    ],
)
def test_cn_to_int(cn: str, value: int):
    assert cn_to_int(cn) == value


@pytest.mark.parametrize("bad", ["", "abc", "万", "二两"])
def test_cn_to_int_rejects(bad: str):
    with pytest.raises(ValueError):
        cn_to_int(bad)


def test_parse_decimal_cells():
    assert parse_decimal(" 1,318.20 ") == Decimal("1318.20")
    assert parse_decimal("３１１５．４８") == Decimal("3115.48")
    assert parse_decimal("98.75%") == Decimal("98.75")
    assert parse_decimal("≥90%") is None
    assert parse_decimal("95.6万") is None
    assert parse_decimal("") is None


@given(st.text())
def test_find_quantities_never_fails_on_any_text(s: str):
    for q in find_quantities(s):
        assert q.kind in ("amount", "percent", "count", "score", "year", "date", "ordinal", "plain")
        assert s[q.start : q.end] == q.raw


# --- fast paths agree with the regex they stand for -----------------------------------------


def _unit_by_regex(s: str, end: int) -> tuple[str, str, int] | None:
    """What _UNIT reads after ``end``, in the form _simple_unit gives it (None: approx, a space,
    or no unit)."""
    from drafter.text.numbers import _UNIT

    m = _UNIT.match(s, end)
    if m is None or m.group("sp") or m.group("a1") or m.group("a2"):
        return None
    last = m.lastgroup
    if last == "money":
        return m.group("money"), "amount", m.end()
    if last == "pp":
        return "百分点", "percent", m.end()
    if last in ("mult", "mu"):
        return (m.group("mult") + "元", "amount", m.end()) if m.group("mu") in (None, "元") else None
    names = {"pct": ("%", "percent"), "score": ("分", "score"), "yr": ("年", "yr"), "ord": ("", "ordinal")}
    if last == "count":
        return m.group("count"), "count", m.end()
    return (*names[last], m.end())


_UNIT_ALPHABET = "%元号亩吨株人次个月百分点钟之析公司管万亿余多年度项目米路平方公里小时 1x"


@given(st.text(alphabet=_UNIT_ALPHABET, max_size=8))
def test_simple_unit_reads_what_the_unit_regex_reads(s: str):
    from drafter.text.numbers import _simple_unit

    for end in range(len(s) + 1):
        fast = _simple_unit(s, end)
        if fast is not None:
            assert fast == _unit_by_regex(s, end), (s, end)


def test_percentage_points_end_where_the_unit_ends():
    """ "个百分点" is four characters: the quantity stops before the punctuation after it."""
    (q,) = find_quantities("同比下降3个百分点。")
    assert (q.value, q.unit, q.kind, q.raw) == (Decimal(3), "百分点", "percent", "3个百分点")
    from drafter.text.numbers import _simple_unit

    assert _simple_unit("个百分点", 0) == _unit_by_regex("个百分点", 0)


def test_simple_unit_on_every_two_characters():
    from drafter.text.numbers import _COUNT_UNITS, _simple_unit

    chars = set(_UNIT_ALPHABET) | set(_COUNT_UNITS) - set("|(?![])")
    for a in chars:
        for b in chars:
            for tail in ("", "司", "点"):
                s = a + b + tail
                fast = _simple_unit(s, 0)
                if fast is not None:
                    assert fast == _unit_by_regex(s, 0), s


@given(st.text(alphabet="0123456789.,-年万亿元%个人分钟次度号第米路 余多百点公司", max_size=14))
def test_quantities_of_digits_are_the_regex_reading(s: str):
    """find_quantities with the unit fast path gives what _UNIT alone gives."""
    import drafter.text.numbers as numbers

    fast = find_quantities(s)
    saved = numbers._simple_unit
    numbers._simple_unit = lambda _s, _end: None
    try:
        slow = find_quantities(s)
    finally:
        numbers._simple_unit = saved
    assert fast == slow

"""The word gates the extractors test before their patterns: a line the gate skips never holds a
match, and LineScan's whole-report finds name exactly the lines that hold a word."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

import pytest

from drafter.check.extract import _claimwords as claimwords
from drafter.check.extract import documents, entities, figures, flatscores, grades, markers, oneline, tables
from drafter.check.extract._common import TextLine
from drafter.check.extract._scan import LineScan
from drafter.document import Line

#: pieces generated lines are made of: the gate words, their halves, punctuation and the
#: context the patterns look at (预算, 以内, 目标, 100%)
_PIECES = [
    *figures._CMP_GATES,
    *claimwords.COMPLETE_GATES,
    *claimwords.UNFINISHED_GATES,
    "小于等于", "大于或等于", "<=", ">=", "超过", "超出", "超预算", "突破年度预算", "控制在预算以内",
    "所有项目", "全部", "均已", "按时", "如期", "完成了年度各项目标任务", "完成率", "100%", "通过验收",
    "小", "大", "于", "等", "控制", "突", "超", "完", "成", "竣", "验", "未", "尚", "在", "延",
    "预算", "以内", "内", "目标", "，", "。", "；", " ", "\t", "|", "执行率", "95%", "12.5万元",
    "阳西高新区", "工作", "项目",
]  # fmt: skip


def _random_texts(pieces: Sequence[str], seed: int, count: int, longest: int) -> list[str]:
    """``count`` lines, each up to ``longest`` of ``pieces`` drawn at random (the same for a seed)."""
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def _lines(seed: int, count: int) -> list[str]:
    return _random_texts(_PIECES, seed, count, 14)


class _NoGate(LineScan):
    """A scan that lets every line through: the extractor as it reads without its gates."""

    def lines_with(self, words: tuple[str, ...]) -> set[int]:
        return set(range(len(self._starts) - 1))


def _text_lines(texts: list[str]) -> list[TextLine]:
    return [TextLine(Line(i + 1, t, t), t, t, i + 1) for i, t in enumerate(texts)]


@pytest.mark.parametrize("seed", range(20))
def test_line_scan_names_the_lines_that_hold_a_word(seed: int) -> None:
    texts = _lines(seed, 60)
    scan = LineScan(_text_lines(texts))
    for words in (figures._CMP_GATES, claimwords.COMPLETE_GATES, claimwords.UNFINISHED_GATES, ("完成",)):
        expected = {i for i, t in enumerate(texts) if any(w in t for w in words)}
        assert scan.lines_with(words) == expected


@pytest.mark.parametrize("seed", range(30))
def test_line_scan_finds_words_by_any_of_their_characters(seed: int) -> None:
    # a small alphabet makes every overlap happen: a word's character at its start, in its
    # middle (a look-behind) or twice, a word that is its character alone, a word cut by the
    # line's end or standing right after the character's last place
    texts = _random_texts("abcb*", seed, 40, 9)
    scan = LineScan(_text_lines(texts))
    for words in (
        ("ab",),
        ("ba", "cab"),
        ("bab", "cb", "*"),
        ("a",),
        ("cc", "bcb", "abc", "b*a"),
        ("x", "ab"),
    ):
        expected = {i for i, t in enumerate(texts) if any(w in t for w in words)}
        assert scan.lines_with(words) == expected, words
    for words in (grades._CUE_GATES, markers._ONE, markers._TWO, markers._PROMPT_GATES, markers._MASK_CHARS):
        assert LineScan(_text_lines(["评级：良", "1、2)", "请补充*"])).lines_with(words) == {
            i for i, t in enumerate(["评级：良", "1、2)", "请补充*"]) if any(w in t for w in words)
        }


def test_line_scan_of_no_lines() -> None:
    assert LineScan([]).lines_with(("完成",)) == set()


@pytest.mark.parametrize(
    ("pattern", "gates"),
    [
        (figures._CMP, figures._CMP_GATES),
        (claimwords.COMPLETE, claimwords.COMPLETE_GATES),
        (claimwords.UNFINISHED, claimwords.UNFINISHED_GATES),
    ],
)
def test_a_line_without_a_gate_word_holds_no_match(pattern: re.Pattern[str], gates: tuple[str, ...]) -> None:
    matched = 0
    for text in _lines(7, 20000):
        if pattern.search(text) is not None:
            matched += 1
            assert any(w in text for w in gates), text
    assert matched > 100  # the generated lines do reach the patterns


def test_every_mask_holds_a_mask_character() -> None:
    lexicon = markers.UNFINISHED
    for word in (w for g in (*lexicon.masks, *lexicon.empty_values, *lexicon.years) for w in g.words):
        assert any(c in word for c in markers._MASK_CHARS), word


_MARKER_PIECES = [
    *markers._PROMPT_GATES, *markers._MASK_CHARS, "【", "】", "（", "）", "(", ")", "待", "请", "此处",
    "**", "XX", "20xx年", "万元", "平方米", "人", "≥", "≤", ">=", "：", "。", "，", " ", "|", "说明",
    "(100字以内)", "字", "存在的问题", "无",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(5))
def test_placeholders_read_with_gates_as_without(seed: int) -> None:
    """extract_placeholders finds what its patterns find on every line, the gates skipping none."""
    texts = _random_texts(_MARKER_PIECES, seed, 400, 12)
    lines = _text_lines(texts)
    found = markers.extract_placeholders(lines)
    assert found == markers.extract_placeholders(lines, _NoGate(lines))
    assert len(found) > 20


_GRADE_PIECES = [
    *grades._CUE_GATES, "评价", "自评", "等", "级", "为", "：", "优", "良好", "合格", "不合格", "中",
    "差", "90分以上为优", "88.64分", "21个项目", "，", "。", " ", "|", "A档", "一等",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(5))
def test_grades_read_with_gates_as_without(seed: int) -> None:
    texts = _random_texts(_GRADE_PIECES, seed, 400, 10)
    lines = _text_lines(texts)
    found = grades.extract_grades(lines)
    assert found == grades.extract_grades(lines, _NoGate(lines))
    assert len(found[0]) > 20


_CLAIM_PIECES = [*_PIECES, "实际支出", "10.85万元", "三公经费", "存在的问题：无", "问题", "无。", "其余项目"]


@pytest.mark.parametrize("seed", range(5))
def test_claims_read_with_gates_as_without(seed: int) -> None:
    texts = _random_texts(_CLAIM_PIECES, seed, 300, 12)
    lines = _text_lines(texts)
    found = figures.extract_claims(lines)
    assert found == figures.extract_claims(lines, _NoGate(lines))
    assert len(found) > 50


_NUMBER_PIECES = [
    "。1.工作", "。2.工作", "；2.项目", "。3.工作", "：1、工作", "。2、项目", "；(1)工作", "。(2)项目", "。(2)工作",
    "1.", "2.", "(1)", "01.", "12.5", "2.0", "。", "；", ";", ":", " ", "工作", "万元", "1.工作", "2、项目",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(5))
def test_repeated_numbers_read_with_gates_as_without(seed: int) -> None:
    texts = _random_texts(_NUMBER_PIECES, seed, 1000, 16)
    lines = _text_lines(texts)
    found = markers.extract_repeated_numbers(lines)
    assert found == markers.extract_repeated_numbers(lines, _NoGate(lines))
    assert len(found) > 10


_COUNT_PIECES = [
    *entities._COUNT_WORDS, "1", "23", "0.5", "一", "两", "十", "百", "第", " ", "\u3000", "\t", "\xa0",
    "，", "：", "(", "机构", "科室", "人员", "共有", "设", "个人", "项目",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(20))
def test_counted_lines_are_the_lines_the_count_pattern_finds(seed: int) -> None:
    texts = _random_texts(_COUNT_PIECES, seed, 80, 12)
    scan = LineScan(_text_lines(texts))
    expected = {i for i, t in enumerate(texts) if entities._COUNT_GATE.search(t)}
    assert entities.counted_lines(scan) == expected


@pytest.mark.parametrize("seed", range(10))
def test_counted_lines_of_words_found_many_times(seed: int) -> None:
    """A count word that stands many times (项 of 项目) is found from its third place on by its
    pattern: the lines are still those the count pattern finds, white space and line starts too."""
    pieces = ["项", "支", "项目", "支出", "3", "十", " ", "\u3000", "\t", "\xa0", "，", "工作"]
    texts = _random_texts(pieces, seed, 40, 30)
    scan = LineScan(_text_lines(texts))
    expected = {i for i, t in enumerate(texts) if entities._COUNT_GATE.search(t)}
    assert entities.counted_lines(scan) == expected
    assert sum(t.count("项") for t in texts) > 3 * entities._FOUND_ONE_BY_ONE


@pytest.mark.parametrize("seed", range(10))
def test_years_found_from_each_nian_as_the_year_pattern_finds_them(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["2023", "19", "20", "1999", "年", "年度", " ", "\u3000", "1", "9", "０", "x", "，", "2020 "]
    for _ in range(3000):
        norm = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        expected = [
            m.span()
            for m in entities._YEAR.finditer(norm)
            if not (m.start() and norm[m.start() - 1].isdecimal())
        ]
        assert entities._years_in(norm) == expected, norm


class _Open(LineScan):
    """A scan whose gates let everything through: extract_tables as it reads without them."""

    def __init__(self, lines: Sequence[TextLine]) -> None:
        super().__init__(lines)
        self.text += (
            f"\n{oneline.FUNDS_GATE} {flatscores.GATE_WORD}"  # every word of the one-line forms' gate
        )

    def lines_with(self, words: tuple[str, ...]) -> set[int]:
        return set(range(len(self)))

    def lines_of_length(self, length: int) -> list[int]:
        return list(range(len(self)))


_TABLE_PIECES = [
    "年度资金总额:", "资金合计：", "总计:", "合计", "总额", "其中:", "中央补助", "市级资金", " ", "321.25", "166.00",
    "万元", "元", "得分", "分值", "执行数", "三级指标", "一级指标", "权重", "|", "预算执行情况(20分)", "年初预算数",
    "全年预算数", "全年执行数", "执行率", "100%", "10", "9.5", "，", "。", "项目", "产出指标",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(8))
def test_tables_read_with_gates_as_without(seed: int) -> None:
    """extract_tables finds with its whole-report gates what it finds testing every line."""
    rng = random.Random(seed)
    texts = _random_texts(_TABLE_PIECES, seed, 300, 8)
    for i in rng.sample(range(len(texts)), 40):  # header cells alone on their lines, stacked totals
        texts[i] = rng.choice([*sorted(tables.stacked.GATE), "年度资金总额: 321.25", "其中:中央补助 166.00"])
    texts = [t for t in texts if t.strip()]
    for at in sorted(rng.sample(range(len(texts)), 5), reverse=True):  # whole stacked blocks
        texts[at:at] = ["年度资金总额: 321.25", "其中:中央补助 166.00", "市级资金 136.00"]
    lines = _text_lines(texts)
    found = tables.extract_tables(lines)
    assert found == tables.extract_tables(lines, _Open(lines))
    assert found.funds


def test_scan_finds_the_lines_of_a_length() -> None:
    texts = ["得分", "年度资金总额", "分值", "", "自评得分", "得分 "]
    scan = LineScan(_text_lines(texts))
    assert scan.lines_of_length(2) == [0, 2]
    assert scan.lines_of_length(4) == [4]
    assert scan.lines_of_length(0) == [3]
    assert scan.lines_of_length(9) == []
    assert len(scan) == 6


def test_one_line_gate_words_are_those_of_the_one_line_reader() -> None:
    long = "。" * oneline.FLAT_MIN
    for word, char in tables._ONE_LINE_GATES:
        assert char in word
        assert oneline.is_candidate(_text_lines([long + word])[0])
    assert not oneline.is_candidate(_text_lines([long + "指标执行"])[0])


_SCANNED_PIECES = [
    "(以下简称“高新区”)", "简称", "以上为优", "以下为差", "90分", "60分", "80-89分为良", "呼财农指【2023】41号", "呼财农指【2023】41号下达资金5万元", "號",
    "号", "下达资金", "5万元", "(100字以内)", "说明", "字", "XX万元", "，", "。", " ", "|", "阳西县", "工作",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(5))
def test_scanned_extractors_read_with_gates_as_without(seed: int) -> None:
    """Names, grade bands, document amounts and placeholders: the lines the report's scan skips
    hold nothing these extractors read."""
    texts = _random_texts(_SCANNED_PIECES, seed, 300, 10)
    lines = _text_lines(texts)
    scan, open_scan = LineScan(lines), _NoGate(lines)
    assert entities.extract_names(lines, [], scan) == entities.extract_names(lines, [], open_scan)
    assert grades.extract_grade_bands(lines, scan) == grades.extract_grade_bands(lines, open_scan)
    amounts = documents.extract_document_amounts(lines, scan)
    assert amounts == documents.extract_document_amounts(lines, open_scan)
    found = markers.extract_placeholders(lines, scan)
    assert found == markers.extract_placeholders(lines, open_scan)
    assert amounts and found and entities.extract_names(lines, [], scan)[2]


@pytest.mark.parametrize("seed", range(3))
def test_claims_read_with_gates_as_without_among_table_rows(seed: int) -> None:
    # rows among the prose: a row neither answers a 问题 line nor lets the line after it answer one
    texts = _random_texts([*_CLAIM_PIECES, "|", "|2个站点未建成|", "存在问题"], seed, 300, 12)
    lines = [TextLine(Line(i + 1, t, t), t, t, i + 1, "|" in t and i % 3 != 0) for i, t in enumerate(texts)]
    found = figures.extract_claims(lines)
    assert found == figures.extract_claims(lines, _NoGate(lines))
    assert any(c.kind == "no_problem" for c in found) and len(found) > 50

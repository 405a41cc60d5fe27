"""Consistency rules (CN001–CN003) on hand-built Facts."""

from __future__ import annotations

import pytest

from drafter.check.facts import CheckContext, EntityList, Facts, NameMention, Source, YearMention
from drafter.check.rules.consistency import dept_name_variant, unknown_unit_name, wrong_year

CTX = CheckContext()


def src(line: int) -> Source:
    return Source(line=line, col=1, quote=f"第{line}行")


def year(y: int, context: str, line: int, before: str = "") -> YearMention:
    return YearMention(year=y, context=context, source=src(line), before=before)


class TestWrongYear:
    def test_old_budget_preparation_plan_fires(self) -> None:
        facts = Facts(
            year=2023, years=(year(2020, "度县级财政部门印发的预算编制工作方案、通知", 34, "预算编制符合"),)
        )
        (f,) = wrong_year.RULE.run(facts, CTX)
        assert (f.code, f.line) == ("CN001", 34)
        assert (
            f.message
            == "2023年度报告中引用了2020年度的“县级财政部门印发的预算编制工作方案、通知”，应为本年度"
        )
        assert (f.expected, f.found) == ("2023年度", "2020年度")

    def test_current_year_and_deliberate_past_references_are_silent(self) -> None:
        facts = Facts(
            year=2023,
            years=(
                year(2023, "度年初预算数总额408.14万", 25),
                year(2022, "度部门决算相比，支出增长", 30, "与"),
                year(2021, "以来，预算执行率逐年提高", 31),
                year(2022, "度预算执行率为95%", 32, "较"),
                year(2024, "度预算编制工作方案", 33),  # next year's plans are fine
                year(2019, "建成的污水处理厂", 40, "于"),  # history, not the budget cycle
                year(2022, "度部门整体支出绩效自评结果，逐项整改", 41, "对照"),  # last year's results
            ),
        )
        assert wrong_year.RULE.run(facts, CTX) == []

    def test_single_characters_of_other_words_do_not_excuse_an_old_year(self) -> None:
        facts = Facts(
            year=2023,
            years=(
                year(2021, "度预算编制原则和有关制度要求", 5, "预算编制符合"),  # 原则 is not 原来
                year(2021, "度部门预算编制工作方案的修订", 6, "本单位参与"),  # 参与 is not 与…相比
                year(2022, "度预算执行的各个环节", 7, "落实到"),  # 到 without a year before it
                year(2020, "度预算编制工作方案要求", 8, "遵从"),  # 遵从 is not 从…起
                year(2020, "度预算编制比例合理", 9, "本部门"),  # 比例 is not 比
            ),
        )
        assert [f.line for f in wrong_year.RULE.run(facts, CTX)] == [5, 6, 7, 8, 9]

    def test_word_level_references_stay_silent(self) -> None:
        facts = Facts(
            year=2023,
            years=(
                year(2022, "度预算执行率均在90%以上", 10, "2019年至"),  # a span of years
                year(2022, "度预算执行率均在90%以上", 11, "2021年度和"),  # two years side by side
                year(2021, "度部门预算编制起实行零基预算", 12, "自"),
                year(
                    2022, "度部门预算编制工作方案相比，本年新增了整体绩效目标", 13, "与"
                ),  # 与…相比, far apart
                year(2022, "度预算调整事项延至本年实施", 14, "原定"),
                year(2022, "度部门预算相比减少", 15, "同"),
            ),
        )
        assert wrong_year.RULE.run(facts, CTX) == []

    def test_year_from_context_overrides_facts(self) -> None:
        facts = Facts(year=None, years=(year(2022, "度部门预算批复", 10, "按照"),))
        assert wrong_year.RULE.run(facts, CTX) == []
        assert [f.code for f in wrong_year.RULE.run(facts, CheckContext(year=2023))] == ["CN001"]


UNITS = EntityList(
    kind="units", items=("党政办公室", "经济发展局", "政务服务局", "国土规划环保局"), source=src(8), count=4
)


class TestUnknownUnit:
    def test_variant_of_a_listed_unit_fires_with_the_listed_name(self) -> None:
        facts = Facts(
            entities=(UNITS,),
            names=(
                NameMention("党政办公室", "unit_head", src(9)),
                NameMention("国土规划局", "unit_head", src(12)),
            ),
        )
        (f,) = unknown_unit_name.RULE.run(facts, CTX)
        assert (f.code, f.line, f.expected, f.found) == ("CN002", 12, "国土规划环保局", "国土规划局")
        assert f.message == "单位名称“国土规划局”不在所列内设机构中，疑为“国土规划环保局”"

    def test_listed_names_are_silent(self) -> None:
        facts = Facts(
            entities=(UNITS,),
            names=tuple(NameMention(n, "unit_head", src(9 + i)) for i, n in enumerate(UNITS.items)),
        )
        assert unknown_unit_name.RULE.run(facts, CTX) == []

    def test_without_a_list_nothing_is_compared(self) -> None:
        assert (
            unknown_unit_name.RULE.run(Facts(names=(NameMention("国土规划局", "unit_head", src(12)),)), CTX)
            == []
        )

    def test_closest_is_the_first_best_difflib_match(self) -> None:
        """The bounded search (most promising first, stopping early) picks what trying every
        listed name in order picks: the first of the best ratios, ties and empty names included."""
        import random
        from difflib import SequenceMatcher

        def in_order(name: str, items: tuple[str, ...]) -> tuple[str | None, float]:
            best, score = None, 0.0
            for item in items:
                r = SequenceMatcher(None, name, item).ratio()
                if r > score:
                    best, score = item, r
            return best, score

        rnd = random.Random(9)
        chars = "局室办国土规划环保经济发展政务服务中心ab"
        for _ in range(3000):
            name = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 7)))
            items = tuple(
                "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 8))) for _ in range(rnd.randint(0, 6))
            )
            if items and rnd.random() < 0.3:
                items += (items[0],)  # a tie with an earlier item
            assert unknown_unit_name._closest(name, items) == in_order(name, items), (name, items)

    def test_similarity_is_difflibs_ratio(self) -> None:
        """similarity() matches in one function what SequenceMatcher.ratio() computes: the same
        float for short strings of few or many distinct characters, repeats, empty strings, and
        strings long enough for difflib's autojunk (left to difflib)."""
        import random
        from difflib import SequenceMatcher

        rnd = random.Random(5)
        for alphabet in ("a", "ab", "abc", "局室办国土规划环保", "abcdefghijklmnopqrstuvwxyz"):
            for _ in range(4000):
                a = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
                b = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
                assert unknown_unit_name.similarity(a, b) == SequenceMatcher(None, a, b).ratio(), (a, b)
        for _ in range(40):
            a = "".join(rnd.choice("abc") for _ in range(rnd.randint(150, 260)))
            b = "".join(rnd.choice("abc") for _ in range(rnd.randint(150, 260)))
            assert unknown_unit_name.similarity(a, b) == SequenceMatcher(None, a, b).ratio()


class TestDeptName:
    def test_second_spelling_fires(self) -> None:
        full = "阳西县高新技术产业开发区管理委员会"
        facts = Facts(
            dept_full=full,
            names=(
                NameMention(full, "dept_full", src(1)),
                NameMention(full, "dept_full", src(25)),
                NameMention("阳西县高新区管理委员会", "dept_full", src(40)),
                NameMention("阳西高新区", "dept_short", src(41)),
            ),
        )
        (f,) = dept_name_variant.RULE.run(facts, CTX)
        assert (f.code, f.line, f.expected, f.found) == ("CN003", 40, full, "阳西县高新区管理委员会")

    def test_words_caught_around_the_same_name_are_silent(self) -> None:
        full = "阳西县高新技术产业开发区管理委员会"
        facts = Facts(
            dept_full=full,
            names=(NameMention(full, "dept_full", src(1)), NameMention("现将" + full, "dept_full", src(30))),
        )
        assert dept_name_variant.RULE.run(facts, CTX) == []

    def test_one_spelling_and_short_names_are_silent(self) -> None:
        full = "阳西县高新技术产业开发区管理委员会"
        facts = Facts(
            dept_full=full,
            names=(NameMention(full, "dept_full", src(1)), NameMention("阳西高新区", "dept_short", src(4))),
        )
        assert dept_name_variant.RULE.run(facts, CTX) == []

    def test_truncated_ending_fires(self) -> None:
        full = "阳西县高新技术产业开发区管理委员会"
        facts = Facts(
            dept_full=full,
            names=(NameMention(full, "dept_full", src(1)), NameMention(full[:-1], "dept_full", src(25))),
        )
        (f,) = dept_name_variant.RULE.run(facts, CTX)
        assert (f.line, f.found) == (25, full[:-1])

    def test_other_bodies_and_the_name_without_its_place_are_silent(self) -> None:
        full = "某县农业农村局"
        others = ("县财政局", "县自然资源局", "县委县政府", "上级主管部门", "农业农村局", "县农业农村局")
        facts = Facts(
            dept_full=full,
            names=(
                NameMention(full, "dept_full", src(1)),
                *(NameMention(n, "dept_full", src(10 + i)) for i, n in enumerate(others)),
            ),
        )
        assert dept_name_variant.RULE.run(facts, CTX) == []


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("某县农业局", "某县农业农村局", True),  # a word left out
        ("阳西县高新区管理委员会", "阳西县高新技术产业开发区管理委员会", True),  # an abbreviation
        ("阳西县高新技术产业开发区管理委员", "阳西县高新技术产业开发区管理委员会", True),  # truncated
        ("某市农业农村局", "某县农业农村局", True),  # another place
        ("县财政局", "某县农业农村局", False),
        ("县自然资源局", "某县农业农村局", False),
        ("县委县政府", "阳西县高新技术产业开发区管理委员会", False),
    ],
)
def test_same_department(a: str, b: str, same: bool) -> None:
    assert dept_name_variant.same_department(a, b) is same
    assert dept_name_variant.same_department(b, a) is same

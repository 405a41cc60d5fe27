"""The batch summary as a library (:mod:`drafter.review`): verdicts, majorities, similarity."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from drafter.check import similarity as sim
from drafter.check.profile import report_kind
from drafter.check.run import CheckOptions, ReportResult, check_paths
from drafter.findings import Finding, Severity
from drafter.review import PASS, SEND_BACK, UNREVIEWED, review_batch
from drafter.review.text import wrap_width

ROOT = Path(__file__).resolve().parent.parent
YANGXI = ROOT / "examples" / "yangxi-2023" / "report.txt"
# Common characters of Chinese prose, for texts that share no sentence.
POOL = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"


def _text(rng: random.Random, n: int = 1500) -> str:
    return "".join(rng.choice(POOL) for _ in range(n))


def test_sketch_ignores_names_digits_and_punctuation() -> None:
    rng = random.Random(1)
    body = _text(rng)
    a = sim.sketch_text(f"某县水利局2023年度：{body[:700]}，某县水利局。{body[700:]}", ["某县水利局"])
    b = sim.sketch_text(
        f"青石县农业农村局2024年度  {body[:700]}（青石县农业农村局）{body[700:]}", ["青石县农业农村局"]
    )
    assert a is not None and b is not None
    assert sim.similarity(a, b) == 1.0


def test_similarity_estimates_the_share_of_shared_text() -> None:
    rng = random.Random(2)
    base, other = _text(rng, 3000), _text(rng, 3000)
    a = sim.sketch_text(base)
    assert a is not None
    assert sim.similarity(a, sim.sketch_text(other)) < 0.1  # type: ignore[arg-type]
    half = sim.sketch_text(base[:1500] + other[:1500])
    assert half is not None and 0.2 < sim.similarity(a, half) < 0.5  # Jaccard of half shared: 1/3
    edited = sim.sketch_text(base[:2800] + other[:200])  # a tenth rewritten
    assert edited is not None and sim.similarity(a, edited) > sim.NEAR_IDENTICAL


def test_short_texts_are_not_compared() -> None:
    assert sim.sketch_text("某县文化馆2023年度自评报告") is None
    assert sim.sketch_text("") is None


def test_a_group_of_copies_gives_one_pair_per_copy_and_work_linear_in_reports(monkeypatch) -> None:
    rng = random.Random(3)
    copies = [sim.sketch_text(_text(random.Random(99)))] * 300
    distinct = [sim.sketch_text(_text(rng)) for _ in range(300)]
    sketches = [x for pair in zip(copies, distinct, strict=True) for x in pair]  # interleaved
    calls = 0
    real = sim.similarity

    def counting(a: Any, b: Any) -> float:
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(sim, "similarity", counting)
    pairs = sim.find_similar([*sketches, None])
    assert len(pairs) == 299 and {p.a for p in pairs} == {0}  # every copy names the first
    assert {p.b for p in pairs} == set(range(2, 600, 2)) and all(p.share == 1.0 for p in pairs)
    assert calls <= len(sketches) * 2  # not n²/2 = 180,000 comparisons


@dataclass
class Result:
    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    stated_total: Decimal | None = Decimal(90)
    computed_total: Decimal | None = Decimal(90)
    unit: str | None = None
    year: int | None = 2024
    kind: str | None = "部门整体"
    suppressed: tuple[Finding, ...] = ()
    sketch: Any = field(default=None)


def _finding(code: str, severity: Severity, line: int = 3) -> Finding:
    return Finding(code=code, severity=severity, message="问题", line=line)


def test_verdicts_and_order() -> None:
    results = [
        Result("ok.txt"),
        Result("warn.txt", findings=(_finding("CN001", Severity.WARNING),)),
        Result("err.txt", findings=(_finding("SC001", Severity.ERROR), _finding("SC002", Severity.ERROR))),
        Result("err1.txt", findings=(_finding("FG001", Severity.ERROR),)),
        Result("bad.docx", error="文件已损坏"),
        Result(
            "rd.txt", findings=(_finding("RD001", Severity.INFO, 1),), stated_total=None, computed_total=None
        ),
        Result(
            "rd-err.txt",
            findings=(_finding("RD001", Severity.INFO, 1), _finding("CN003", Severity.ERROR)),
            stated_total=None,
            computed_total=None,
        ),
    ]
    review = review_batch(results)
    order = [(r.path, r.verdict) for r in review.reports]
    assert order == [
        ("err.txt", SEND_BACK),  # most errors first, then warnings, then infos
        ("rd-err.txt", SEND_BACK),
        ("err1.txt", SEND_BACK),
        ("rd.txt", UNREVIEWED),
        ("bad.docx", UNREVIEWED),
        ("warn.txt", PASS),
        ("ok.txt", PASS),
    ]
    assert review.for_index(3).reasons == ("第3行 SC001 错误：问题", "第3行 SC002 错误：问题")
    assert review.for_index(2).notes == ("另有 1 条警告",)
    assert review.for_index(6).reasons == ("未读到自评得分，得分未能核对，需人工审核",)
    assert review.for_index(7).notes[0].startswith("未读到自评得分")
    assert review.for_index(5).reasons == ("无法读取：文件已损坏",)
    assert [r.path for r in review.send_back] == ["err.txt", "rd-err.txt", "err1.txt"]
    assert review.verdict_counts == {SEND_BACK: 3, UNREVIEWED: 2, PASS: 2}
    strict = review_batch(results, send_back_on="warning")
    assert strict.for_index(2).verdict == SEND_BACK


def test_suppressed_no_scores_is_still_unreviewed() -> None:
    hidden = _finding("RD001", Severity.INFO, 1)
    (r,) = review_batch(
        [Result("r.txt", suppressed=(hidden,), stated_total=None, computed_total=None)]
    ).reports
    assert r.verdict == UNREVIEWED and r.suppressed == 1
    assert r.notes == ("报告自行忽略了 1 条问题（RD001），未列出",)


@pytest.mark.parametrize(
    ("years", "majority"),
    [((2024, 2024, 2023), 2024), ((2024, 2023), None), ((2024, 2023, None, None), None), ((2023,), 2023)],
)
def test_majority_year(years: tuple[int | None, ...], majority: int | None) -> None:
    review = review_batch([Result(f"{i}.txt", year=y) for i, y in enumerate(years)])
    assert review.year == majority
    flagged = {r.path for r in review.reports if r.year_differs}
    assert flagged == {f"{i}.txt" for i, y in enumerate(years) if majority and y and y != majority}
    assert all(r.verdict == SEND_BACK for r in review.reports if r.year_differs)


def test_a_report_copied_many_times_names_three_and_counts_the_rest() -> None:
    sketch = sim.sketch_text(_text(random.Random(5)))
    review = review_batch([Result(f"{i}.txt", unit=f"单位{i}", sketch=sketch) for i in range(6)])
    first = review.for_index(1)
    assert len(first.similar) == 5 and first.verdict == SEND_BACK
    assert first.reasons == (
        "正文与 1.txt（单位1）约 100% 相同（疑为照搬）",
        "正文与 2.txt（单位2）约 100% 相同（疑为照搬）",
        "正文与 3.txt（单位3）约 100% 相同（疑为照搬）",
        "另有 2 份报告的正文与之几乎相同",
    )
    assert review.for_index(6).reasons == ("正文与 0.txt（单位0）约 100% 相同（疑为照搬）",)


def test_kind_off_the_majority_is_a_note_only() -> None:
    review = review_batch([Result("a.txt"), Result("b.txt"), Result("p.txt", kind="项目")])
    p = review.for_index(3)
    assert p.kind_differs and p.verdict == PASS and p.notes == ("报告类型为项目，本批多数为部门整体",)


def test_report_kind_from_the_title() -> None:
    assert report_kind(["某县农业农村局2023年度部门整体支出绩效自评报告"]) == "部门整体"
    assert report_kind(["", "某县水利局2024年度小型水库除险加固项目支出绩效自评报告"]) == "项目"
    assert report_kind(["项目支出绩效自评表"]) == "项目"
    assert report_kind(["一、基本情况", "本局负责……"]) is None
    untitled = [
        "一、基本情况",
        "本局负责……",
        "",
        "三",
        "四",
        "五",
        "六",
        "（三）部门整体支出情况",
        "项目支出80万元",
    ]
    assert report_kind(untitled) == "部门整体"
    assert report_kind([*untitled[:-2], "项目支出80万元"]) is None  # 项目支出 is a spend of every unit


def test_check_results_carry_profile_and_sketch(tmp_path: Path) -> None:
    (result,) = check_paths([YANGXI])
    assert isinstance(result, ReportResult)
    assert (result.unit, result.year, result.kind) == ("阳西县高新技术产业开发区管理委员", 2023, "部门整体")
    assert result.sketch is None and result.suppressed == ()  # one report: nothing to compare with
    (sketched,) = check_paths([YANGXI], options=CheckOptions(sketch=True))
    assert sketched.sketch is not None and sketched == result  # the sketch is no part of equality
    pair = check_paths([YANGXI, ROOT / "examples" / "pingchuan-agri-2023" / "report.md"])
    assert all(r.sketch is not None for r in pair)  # a batch is sketched by itself


def test_wrap_width_keeps_every_character() -> None:
    name = "某某市人力资源和社会保障局2024年度部门整体支出绩效自评报告.docx"
    pieces = wrap_width(name, 20)
    assert "".join(pieces) == name and len(pieces) > 1
    assert wrap_width("short", 20) == ["short"]

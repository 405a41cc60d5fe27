"""Scripted model answers for the grounding: each case is one section's offline text plus one edit.

Honest cases reword without changing a fact (separators, 元/亿元, 约 roundings, recomputed rates,
exact differences, Chinese numerals, sums of listed items); wrong ones change a fact (swapped
labels, invented amounts, off-by-0.5 rates, wrong differences, changed scores and staff counts,
wrong years, borrowed counts, coincident ratios, 余 approximations, dropped figures). Each edit
names the text it replaces, so a case fails loudly when a template changes instead of silently
testing nothing. Used by ``tests/test_llm_cases.py`` (through the loopback server) and by
``benchmarks/bench_llm.py`` (which prints the accept and reject rates).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["CASES", "Case"]


@dataclass(frozen=True)
class Case:
    name: str
    section: str
    honest: bool
    edit: Callable[[str], str]
    example: str = "yangxi-2023"

    def apply(self, skeleton: str) -> str:
        return self.edit(skeleton)


def sub(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def edit(text: str) -> str:
        if old not in text:
            raise AssertionError(f"case text {old!r} is not in the skeleton")
        return text.replace(old, new, count)

    return edit


def chain(*edits: Callable[[str], str]) -> Callable[[str], str]:
    def edit(text: str) -> str:
        for e in edits:
            text = e(text)
        return text

    return edit


def only(text: str) -> Callable[[str], str]:
    return lambda _skeleton: text


def drop_line(containing: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        lines = text.splitlines()
        kept = [line for line in lines if containing not in line]
        if len(kept) == len(lines):
            raise AssertionError(f"no line contains {containing!r}")
        return "\n".join(kept)

    return edit


E, P, C, W = "expenditure", "profile", "conclusion", "work"
A1, A2 = "analysis_1", "analysis_2"

HONEST = [
    Case("thousands separators", E, True, sub("预算调整总额3115.48万元", "预算调整总额3,115.48万元")),
    Case("元 instead of 万元", E, True, sub("实际支出总额3115.27万元", "实际支出总额31152700元")),
    Case("亿元, about", E, True, sub("预算调整总额3115.48万元", "预算调整总额约0.31亿元")),
    Case("about, whole 万元", E, True, sub("实际支出总额3115.27万元", "实际支出总额约3115万元")),
    Case("about, within 0.5%", E, True, sub("年初预算数总额408.14万元", "年初预算数总额约408万元")),
    Case("元 for 基本支出", E, True, sub("基本支出649.23万元", "基本支出6492300元")),
    Case(
        "recomputed 三公 rate",
        E,
        True,
        sub("实际支出总额6.20万元", "实际支出总额6.20万元，三公经费控制率为47.69%"),
    ),
    Case(
        "recomputed 公用 rate", E, True, sub("实际支出总额26.83万元", "实际支出总额26.83万元，控制率为99.37%")
    ),
    Case(
        "share of 实际支出",
        E,
        True,
        sub("项目支出2466.04万元", "项目支出2466.04万元，基本支出占实际支出的20.84%"),
    ),
    Case("more precise rate", E, True, sub("预算执行率为99.99%", "预算执行率为99.993%")),
    Case(
        "rate rounded with 约", E, True, sub("实际支出总额6.20万元", "实际支出总额6.20万元，控制率约为47.7%")
    ),
    Case("exact remaining budget", E, True, sub("预算执行率为99.99%", "预算执行率为99.99%，结余0.21万元")),
    Case("exact 三公 saving", E, True, sub("实际支出总额6.20万元", "实际支出总额6.20万元，节约6.80万元")),
    Case(
        "exact budget increase",
        E,
        True,
        sub("预算调整总额3115.48万元", "预算调整总额3115.48万元（较年初增加2707.34万元）"),
    ),
    Case("Chinese percent", E, True, sub("固定资产利用率为100%", "固定资产利用率达到百分之百")),
    Case(
        "sum of listed items",
        E,
        True,
        sub(
            "年末实际在用",
            "三公经费和日常公用经费实际支出分别为6.20万元和26.83万元，合计33.03万元。\n年末实际在用",
        ),
    ),
    Case("two payments counted", E, True, sub("年度内列支的主要款项：", "年度内列支两笔主要款项：")),
    Case(
        "Chinese numerals for staff",
        P,
        True,
        sub("在编人员共20人。行政编15人，事业编5人。", "在编人员共二十人，其中行政编十五人、事业编五人。"),
    ),
    Case("staff sum of listed", P, True, sub("行政编15人，事业编5人。", "行政编15人，事业编5人，合计20人。")),
    Case("units reworded", P, True, sub("设4个正股级内设机构：", "内设4个正股级机构，分别是：")),
    Case(
        "listed towns counted",
        W,
        True,
        sub(
            "协调塘口镇、织篢镇人民政府",
            "涉及塘口镇、织篢镇、新墟镇、儒洞镇4个镇。协调塘口镇、织篢镇人民政府",
        ),
    ),
    Case("progress reworded", W, True, sub("已完成总施工形象进度的65%", "总体形象进度达到65%")),
    Case("deduction reworded", A2, True, sub("政府采购执行情况不得分，扣4分", "该项不得分，扣除4分")),
    Case("full marks stated", C, True, sub("自评得分为96分", "自评得分为96分（满分100分）")),
    Case(
        "three measures counted",
        "problems",
        True,
        sub("改进措施：一是", "改进措施：从以下三个方面加以改进：一是"),
    ),
    Case(
        "next year in a plan", "problems", True, sub("提高绩效管理水平。", "力争2024年底前提高绩效管理水平。")
    ),
    Case("score reworded", A1, True, sub("本部分指标总分20，自评20分。", "本部分满分20分，自评得分20分。")),
]

WRONG = [
    Case(
        "swapped 基本/项目",
        E,
        False,
        sub("其中基本支出649.23万元，项目支出2466.04万元", "其中基本支出2466.04万元，项目支出649.23万元"),
    ),
    Case(
        "swapped 三公 budget/actual",
        E,
        False,
        sub(
            "三公经费预算总额13.00万元，实际支出总额6.20万元",
            "三公经费预算总额6.20万元，实际支出总额13.00万元",
        ),
    ),
    Case("invented amount", E, False, sub("实际支出总额3115.27万元", "实际支出总额3200万元")),
    Case("precise but wrong amount", E, False, sub("年初预算数总额408.14万元", "年初预算数总额418.14万元")),
    Case("about, too far", E, False, sub("实际支出总额3115.27万元", "实际支出总额约3500万元")),
    Case(
        "rate off by 0.5",
        E,
        False,
        sub("实际支出总额6.20万元", "实际支出总额6.20万元，三公经费控制率为48.19%"),
    ),
    Case(
        "rate at false precision",
        E,
        False,
        sub("实际支出总额6.20万元", "实际支出总额6.20万元，三公经费控制率为47.0%"),
    ),
    Case("borrowed 95% rate", E, False, sub("预算执行率为99.99%", "预算执行率为95%")),
    Case(
        "coincident ratio of two payments",
        E,
        False,
        sub("合计2890.35万元。", "合计2890.35万元，项目资金拨付率为83.85%。"),
    ),
    Case("wrong difference", E, False, sub("预算执行率为99.99%", "预算执行率为99.99%，结余0.31万元")),
    Case("wrong saving", E, False, sub("实际支出总额6.20万元", "实际支出总额6.20万元，节约7.80万元")),
    Case(
        "swapped payments",
        E,
        False,
        chain(
            sub("进度款1318.20万元", "进度款@"),
            sub("进度款1572.15万元", "进度款1318.20万元"),
            sub("进度款@", "进度款1572.15万元"),
        ),
    ),
    Case("wrong year", E, False, sub("2023年度年初预算数", "2022年度年初预算数")),
    Case("next year outside a plan", E, False, sub("2023年度年初预算数", "2024年度年初预算数")),
    Case(
        "dropped 三公 and 公用",
        E,
        False,
        sub(
            "；三公经费预算总额13.00万元，实际支出总额6.20万元；日常公用经费预算总额27.00万元，实际支出总额26.83万元",
            "",
        ),
    ),
    Case(
        "one sentence instead of the section",
        E,
        False,
        only("本单位严格执行预算，支出管理规范，资金使用效益良好。"),
    ),
    Case("changed staff count", P, False, sub("行政编15人", "行政编16人")),
    Case("swapped staff categories", P, False, sub("行政编15人，事业编5人", "行政编5人，事业编15人")),
    Case("余 staff approximation", P, False, sub("在编人员共20人。", "在编人员共20人，干部职工30余人。")),
    Case("changed unit count", P, False, sub("设4个正股级内设机构", "设5个正股级内设机构")),
    Case(
        "borrowed count (max score)",
        W,
        False,
        sub("园区基础设施日渐完善。", "全年共推进12个重点项目，园区基础设施日渐完善。"),
    ),
    Case(
        "borrowed count (towns)",
        W,
        False,
        sub("协调塘口镇、织篢镇人民政府", "涉及塘口镇等6个镇，协调塘口镇、织篢镇人民政府"),
    ),
    Case(
        "余 approximation of nothing",
        W,
        False,
        sub("园区基础设施日渐完善。", "发放宣传资料500余份，园区基础设施日渐完善。"),
    ),
    Case("invented progress", W, False, sub("已完成总施工形象进度的65%", "已完成总施工形象进度的75%")),
    Case("changed child score", A1, False, sub("工作要求，自评得4分", "工作要求，自评得3分")),
    Case("changed deduction", A2, False, sub("扣4分", "扣5分")),
    Case("changed body score", A2, False, sub("自评得分5分", "自评得分6分")),
    Case("dropped child score", A1, False, sub("能全面反映绩效目标，自评得4分。", "能全面反映绩效目标。")),
    Case("changed total", C, False, sub("自评得分为96分", "自评得分为95分")),
    Case("dropped total", C, False, sub("自评得分为96分，", "自评")),
    Case("changed grade", C, False, sub("评价等级为“优”", "评价等级为“良”")),
    Case("wrong year in conclusion", C, False, sub("我单位2023年县级", "我单位2022年县级")),
]

A3 = "analysis_3"
HONEST += [
    Case("categories written 编制", P, True, sub("行政编15人，事业编5人。", "行政编制15人、事业编制5人。")),
    Case(
        "公用 saving after 节约",
        E,
        True,
        sub("实际支出总额26.83万元", "实际支出总额26.83万元，较预算节约0.17万元"),
    ),
    Case(
        "respective list",
        E,
        True,
        sub(
            "其中基本支出649.23万元，项目支出2466.04万元",
            "其中基本支出和项目支出分别为649.23万元和2466.04万元",
        ),
    ),
    Case("satisfaction reworded", A3, True, sub("服务群众的满意度高达95%以上", "群众满意度达95%以上")),
]
WRONG += [
    Case("next year outside a plan (conclusion)", C, False, sub("2023年，我单位", "2024年，我单位")),
    Case("raised satisfaction", A3, False, sub("满意度高达95%以上", "满意度高达98%以上")),
    Case(
        "swapped progress",
        W,
        False,
        sub(
            "阳辉路完成给排水工程50%、道路路基工程60%的施工", "阳辉路完成给排水工程60%、道路路基工程50%的施工"
        ),
    ),
    Case(
        "swapped initial/adjusted budget",
        E,
        False,
        sub(
            "年初预算数总额408.14万元，预算调整总额3115.48万元",
            "年初预算数总额3115.48万元，预算调整总额408.14万元",
        ),
    ),
    Case("changed category count", P, False, sub("行政编15人，事业编5人。", "行政编制16人、事业编制5人。")),
]

PC = "pingchuan-agri-2023"
HONEST += [
    Case("p: rate at one decimal", E, True, sub("固定资产利用率为97.37%", "固定资产利用率为97.4%"), PC),
    Case(
        "p: rate about a whole percent", E, True, sub("固定资产利用率为97.37%", "固定资产利用率约为97%"), PC
    ),
    Case(
        "p: procurement saving",
        E,
        True,
        sub("政府采购执行率为94.48%", "政府采购执行率为94.48%，节约23.20万元"),
        PC,
    ),
    Case(
        "p: sum of two figures named before",
        E,
        True,
        sub("合计1498.70万元。", "合计1498.70万元。三公经费与日常公用经费实际支出合计75.97万元。"),
        PC,
    ),
    Case("p: remaining budget", E, True, sub("预算执行率为93.99%", "预算执行率为93.99%，结余205.44万元"), PC),
    Case(
        "p: increase over the initial budget",
        E,
        True,
        sub("预算执行率为93.99%", "预算执行率为93.99%，实际支出比年初预算增加354.86万元"),
        PC,
    ),
    Case("p: 亿元", E, True, sub("预算调整总额3420.80万元", "预算调整总额0.34亿元"), PC),
    Case("p: payments counted", E, True, sub("年度内列支的主要款项：", "年度内列支的三笔主要款项："), PC),
    Case(
        "p: staff in Chinese numerals",
        P,
        True,
        sub("行政编21人，事业编22人，工勤编3人", "行政编二十一人、事业编二十二人、工勤编三人"),
        PC,
    ),
    Case("p: staff summed", P, True, sub("工勤编3人。", "工勤编3人，三类合计46人。"), PC),
]
WRONG += [
    Case(
        "p: swapped procurement plan/actual",
        E,
        False,
        sub("政府采购计划数420.00万元，实际采购396.80万元", "政府采购计划数396.80万元，实际采购420.00万元"),
        PC,
    ),
    Case("p: 97.0% for 97.37%", E, False, sub("固定资产利用率为97.37%", "固定资产利用率为97.0%"), PC),
    Case("p: rate of another label", E, False, sub("政府采购执行率为94.48%", "政府采购执行率为93.99%"), PC),
    Case("p: 余 beyond the figure", E, False, sub("实际支出总额3215.36万元", "实际支出总额3300余万元"), PC),
    Case(
        "p: wrong increase",
        E,
        False,
        sub("预算执行率为93.99%", "预算执行率为93.99%，实际支出比年初预算增加364.86万元"),
        PC,
    ),
    Case("p: payments miscounted", E, False, sub("年度内列支的主要款项：", "年度内列支的四笔主要款项："), PC),
    Case("p: swapped staff", P, False, sub("行政编21人，事业编22人", "行政编22人，事业编21人"), PC),
    Case("p: changed total", C, False, sub("自评得分为95分", "自评得分为94分"), PC),
    Case("p: execution rate off by 0.5", A2, False, sub("预算执行率为93.99%。", "预算执行率为94.49%。"), PC),
]

CASES = HONEST + WRONG


def run_cases(cases: list[Case] | None = None) -> dict[str, bool]:
    """Send each case through the loopback server (real HTTP, the real langchain/openai client)
    as the model's answer for its section, with no re-ask and no cache; name → accepted."""
    from dataclasses import replace
    from pathlib import Path

    from llm_server import LoopbackLLM, Recorded, Reply, skeleton_of

    from drafter.data.load import load_data
    from drafter.draft.report import draft_report
    from drafter.llm.drafting import polish_report
    from drafter.llm.options import load_options
    from drafter.rubric import load_rubric

    examples = Path(__file__).resolve().parent.parent / "examples"
    loaded: dict[str, tuple[Any, Any]] = {}
    current: list[Case] = []

    def answer(request: Recorded) -> Reply:
        return Reply.text(current[0].apply(skeleton_of(request)))

    out: dict[str, bool] = {}
    with LoopbackLLM(responder=answer) as server:
        options = load_options(
            base_url=server.url, model="loopback-model", cache=False, max_reasks=0, audit=False, timeout=10
        )
        for case in cases or CASES:
            if case.example not in loaded:
                data = load_data(examples / case.example / "data.yaml")
                loaded[case.example] = (data, draft_report(data, rubric=load_rubric(data.meta.rubric)))
            data, report = loaded[case.example]
            current[:] = [case]
            one = replace(report, sections=(report.section(case.section),))
            result = polish_report(one, options, progress=False, data=data)
            out[case.name] = result.outcomes[0].source == "model"
    return out

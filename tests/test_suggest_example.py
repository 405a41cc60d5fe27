"""Section 四 for a unit that is not the sample (issue 12): the 清河县卫生健康局 2024 example.

Reviewed line by line: each problem, cause and measure below was read against the data
(examples/qinghe-health-2024/data.yaml) — the figures are the data's, the 80% works is called
unfinished (never 已完工), the level-3 deduction 结转结余率 is there, works go to 医政医管股 and
money to 规划财务股, and nothing of the sample's 高新区 (招商引资, 征地拆迁, 环保设施) appears.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.data.load import load_data
from drafter.draft.report import draft_report
from drafter.suggest.api import section_four, suggest_data, suggest_report
from drafter.suggest.render import section_four_paragraphs

REPO = Path(__file__).resolve().parent.parent
QINGHE = REPO / "examples" / "qinghe-health-2024" / "data.yaml"

#: Words of the sample's 高新区 that have no place in a 卫生健康局's section 四.
FOREIGN = ("招商", "征地", "拆迁", "环保", "入驻企业", "高新区", "产业园", "已完工项目", "已完工未验收")

PROBLEMS = [
    "“部门预算资金支出完成率”指标（分值5分）自评4分，扣1分，扣分原因为“县人民医院综合楼建设项目进度滞后，"
    "部分工程款未能在年内支付，预算执行率低于95%的目标”；2024年实际支出4192.45万元，调整预算4586.70万元，"
    "预算执行率91.40%",
    "“结转结余率”指标（分值3分）自评1分，扣2分，扣分原因为“结转结余率高于5%的目标，结转资金主要为"
    "县人民医院综合楼建设项目未付工程款”；结转结余资金394.25万元，结转结余率8.60%",
    "“项目管理”指标（分值8分）自评7分，扣1分，扣分原因为“县人民医院综合楼建设项目年末完成总工程量的80%，"
    "暂未验收，项目进度跟踪不够及时”",
    "“效率性”指标（分值10分）自评8分，扣2分，扣分原因为“县人民医院综合楼建设项目年末完成总工程量的80%，"
    "未能按计划完成内部装修”",
]

CAUSES = [
    "项目前期工作准备不足，资金到位后不能及时形成支出",
    "支出进度缺少按月计划和预警",
    "预算安排与项目实施进度不匹配，资金下达后项目未能按期实施",
    "项目实施过程缺少节点计划，对施工进度、变更和验收的跟踪依赖施工单位报送",
    "项目完工后验收、结算和资料归档不及时",
    "重点任务和项目未分解到月，进度滞后时缺少预警和督办",
    "项目前期手续、设计变更和施工组织等影响进度的因素未提前研判，进度滞后后补救不及时",
]

# (measure text, responsibility): money to 规划财务股, works to 医政医管股 (its duties name the
# hospital's construction and acceptance), scheduling to 办公室.
MEASURES = [
    (
        "按项目制定2025年分月用款计划，规划财务股每月对照计划通报支出进度，进度滞后的项目由责任股室说明原因并提出措施",
        "规划财务股牵头，医政医管股配合",
    ),
    ("年中绩效运行监控时对预计年底无法支出的资金及时申请调剂或收回，避免资金沉淀", "规划财务股负责"),
    ("决算时清理结转结余资金，按规定该收回的及时收回，确需结转的说明用途和使用计划", "规划财务股负责"),
    ("编制2026年预算时结合结转结余情况压减相关项目预算，先用结转资金、后安排新增预算", "规划财务股负责"),
    (
        "对2025年在建项目（其中县人民医院综合楼建设项目，完成进度80%，暂未验收）逐个制定进度计划"
        "（开工、主要节点、完工、验收、结算），责任股室每月对照计划检查形象进度，滞后的报班子会议研究",
        "医政医管股负责",
    ),
    (
        "对县人民医院综合楼建设项目（完成进度80%，暂未验收）明确完工和竣工验收时限，完工后及时组织竣工验收和"
        "结算审核，验收资料完整后方可支付尾款并归档",
        "医政医管股牵头，规划财务股配合",
    ),
    ("将2025年重点任务和项目分解为月度节点，责任股室每月报送完成进度，由办公室汇总督办", "办公室负责"),
    (
        "年中评估时对进度滞后的任务逐项分析原因，调整实施计划或预算，确保年度目标按期完成",
        "医政医管股牵头，规划财务股配合",
    ),
]

_ITEM = re.compile(r"(?:^|；)[一二三四五六七八九十]+是")


def items(paragraph: str, head: str) -> list[str]:
    """The “一是……；二是……。” items of one paragraph of section 四."""
    assert paragraph.startswith(f"{head}：")
    body = paragraph[len(head) + 1 :].rstrip("。")
    return [i for i in _ITEM.split(body) if i]


def measure_parts(item: str) -> tuple[str, str]:
    match = re.fullmatch(r"(.+)（(.+?)；时限：.+）", item)
    assert match, item
    return match.group(1), match.group(2)


@pytest.fixture(scope="module")
def data():
    return load_data(QINGHE)


def test_example_validates_clean(data) -> None:
    from drafter.check.on_data import check_data

    assert check_data(data) == []


def test_section_four_from_the_data_line_by_line(data) -> None:
    problems, causes, measures = section_four_paragraphs(suggest_data(data))
    assert items(problems, "存在问题") == PROBLEMS
    assert items(causes, "原因分析") == CAUSES
    assert [measure_parts(m) for m in items(measures, "改进措施")] == MEASURES
    text = problems + causes + measures
    assert not [w for w in FOREIGN if w in text]


def test_drafted_report_carries_the_same_section_four(data) -> None:
    text = draft_report(data, section_four=section_four).to_text()
    for paragraph in section_four_paragraphs(suggest_data(data)):
        assert paragraph in text


def test_section_four_from_the_drafted_report(data, tmp_path: Path) -> None:
    """The report path: the draft's own section 四 is not read back as works, the level-3
    deduction (结转结余率) is found from the line that states its max, and reasons are quoted
    without the report's score statements."""
    report = tmp_path / "report.txt"
    report.write_text(draft_report(data, section_four=section_four).to_text(), encoding="utf-8")
    problems, causes, measures = section_four_paragraphs(suggest_report(report))
    got = items(problems, "存在问题")
    # the report states no carryover amount (only its rate, in the basis), so that clause is absent
    assert got == [PROBLEMS[0], PROBLEMS[1].split("；")[0], PROBLEMS[2], PROBLEMS[3]]
    assert not re.search(r"“[^”]*(扣\d+分|自评得?\d+分)[^”]*”", problems)
    assert items(causes, "原因分析") == CAUSES
    assert [measure_parts(m) for m in items(measures, "改进措施")] == MEASURES
    assert not [w for w in FOREIGN if w in problems + causes + measures]


def test_a_level_three_line_without_its_max_still_counts(tmp_path: Path) -> None:
    """ "（3）结转结余率。…扣2分，自评得1分。" states what was lost: max = score + lost."""
    report = tmp_path / "r.txt"
    report.write_text(
        "某县卫生健康局2024年度部门整体支出绩效自评报告\n三、绩效自评分析\n（二）预算执行情况\n"
        "本部分指标总分40，自评38分。\n1.资金管理，指标总分20，自评18分\n"
        "（1）资金下达合规性。按规定程序及时下达，自评得3分。\n"
        "（2）结转结余率。年末结转结余较多。结转资金主要为综合楼项目未付工程款，扣2分，自评得1分。\n",
        encoding="utf-8",
    )
    result = suggest_report(report)
    assert [(d.indicator, str(d.max_score), str(d.self_score)) for d in result.deductions] == [
        ("结转结余率", "3", "1")
    ]
    assert result.deductions[0].reason == "结转资金主要为综合楼项目未付工程款"

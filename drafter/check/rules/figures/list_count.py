"""FG002 list-count."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import finding
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """A stated count that differs from the number of items listed after it (设4个内设机构：A、B、C).

    What it finds:
        先写数量、再用冒号列出名称的句子（“设4个正股级内设机构：……”“共有3个项目：……”，识别“设、下设、内
        设、设有、设置、共有、包括、包含、共”等说法），所说的数量与冒号后列出的名称个数不一致。名称
        按“、，；”分开；最后两项用“和、及”连接、且两边都像单位名称的，算两项（“规划和建设局”仍算一项）。

        也识别数量后面紧跟名单的写法：数量词（个、家、项、所、名、宗、处、座……）和名词之后，用括号列出
        （“13宗（东坑、湖仔洋、……）”“3个行政部门（人大、政府和党委）”），或用“即、包括、分别为、分别是、有”
        引出（“共扶持3家合作社，分别为……”）。这种写法里，最后两项用“和、及”连接、而拆开后正好等于所说数
        量的，算两项。名单里有数字的（“包括23个数量指标、2个质量指标”是分项，不是名称）、以“等”结尾的、写
        “详见附件”的、只有一项的，不检查。

        冒号后是叙述而不是名称的（如“一是……，二是……”，或某一项超过20个字），不检查。本条为警告。

    Why it matters:
        通常是机构增设或合并后，数量和名单只改了一个。后面的职责介绍和人员编制也就对应错了机构。

    Example:
        会报告（说4个，只列了3个）：
        设4个正股级内设机构：党政办公室、经济发展局、政务服务局。
        不报告（样本报告）：
        设4个正股级内设机构：党政办公室、经济发展局、政务服务局、国土规划环保局。

        会报告（说3家，列了4家）：
        共扶持3家合作社，分别为红星合作社、东风合作社、丰收合作社、田园合作社。

    What to write instead:
        使数量与名单一致：“设3个正股级内设机构：党政办公室、经济发展局、政务服务局。”或补全名单。
    """
    for ent in facts.entities:
        if ent.count is None or not ent.items or ent.count == len(ent.items):
            continue
        yield finding(
            RULE,
            Severity.WARNING,
            f"称设{ent.count}个{ent.noun}，但列出了 {len(ent.items)} 个",
            ent.source,
            expected=f"{ent.count} 个",
            found=f"{len(ent.items)} 个：" + "、".join(ent.items),
            hint="使所述数量与列出的名称一致。",
        )


RULE = Rule(
    code="FG002",
    name="list-count",
    family="figures",
    severity=Severity.WARNING,
    title="所述数量与列出的项目数不符",
    func=check,
)

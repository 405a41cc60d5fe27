"""CN006 document-amount-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from drafter.check.facts import CheckContext, DocumentAmount, Facts
from drafter.check.rule import Rule
from drafter.check.rules._emit import as_written, finding, num
from drafter.findings import Finding, Severity


def check(facts: Facts, ctx: CheckContext) -> Iterator[Finding]:
    """One sum of money given two amounts: a numbered document's allocation, or one funding source in a list.

    What it finds:
        同一个文号的文件（如“呼财农指【2023】41号”），报告前后两次写它下达（安排、拨付、分配）的金额，而两
        个金额不同：前面写“41号文件……下达资金5万元”，后面写“41号文件……下达山洪灾害防治设施维养6万元”。

        每次引用文号时，取同一句中文号之后、下一个文号之前的第一个金额，且文号与金额之间写有“下达、安排、拨
        付、分配、下拨”；“其中、累计、合计”之后的金额不取。金额换算成万元后比较，容许各自按末位四舍五入的
        误差。文号按发文机关简称的末两字、年份和序号识别（全角、半角括号和“〔〕【】[]”都算）。

        同样检查同一句里的资金来源：先列出各来源的分项（“其中中央财政资金30.9万元，县财政配套资金30.9万
        元”），后面又给同一来源（中央、省级、市级、县级、地方、本级……）写了另一个金额（“2021年度中央下达
        资金61.8万元”）。

        也检查跨章节的资金来源：一处按来源列出投入的资金（“共投入资金1987.08万元。其中……地方资金投入
        992.88万元”），另一章节又单独写了同一来源投入（下达、安排、匹配、配套）的金额（“地方投入……资金
        877.99万元”），两处不同。两处都须写明“投入、下达、安排、匹配、配套”；该来源在全文中有三个以上不同
        金额的（分项目、分年度）、两处之前所写年份不同的、一处的金额出现在另一处所在行的（同一笔钱换了名称）、
        另一处本身也是按来源列出的清单的，不报告。本条为警告。

    Why it matters:
        资金文件是金额的出处。同一份文件下达的金额前后不一，至少有一处抄错了，据此算出的到位率、执行率也跟
        着错；审核人员会对照原文件逐一核实。

    Example:
        会报告（5万元与6万元）：
        ××财政局呼财农指【2023】41号文件《关于下达2023年自治区水利发展资金预算的通知》，下达本县2023年资金5万元。
        ××财政局呼财农指【2023】41号文件《关于下达2023年自治区水利发展资金预算的通知》，下达本县2023年山洪灾害防治设施维养6万元。
        会报告（中央资金30.9万元与61.8万元）：
        项目批复总投资61.8万元，其中中央财政资金30.9万元，县财政配套资金30.9万元，2021年度中央下达资金61.8万元。
        不报告：两处都写5万元；或一处写下达金额、另一处只写其中一部分（“其中……”）。

    What to write instead:
        对照文件原文改正金额，使同一文件的金额处处一致；文件分次下达的，写明各次的文号和金额。同一资金
        来源的金额，对照资金文件和账目改正；分项目或分年度的，写明是哪个项目、哪一年的金额。
    """
    first: dict[str, DocumentAmount] = {}
    for da in facts.document_amounts:
        seen = first.setdefault(da.key, da)
        if seen is da:
            continue
        a, b = seen.amount, da.amount
        # both state one amount: rounded, each lies within half a unit of its last place of it, so
        # they agree only while those intervals overlap ("5" and "6"万元 touch at 5.5 and no more)
        if abs(a.amount - b.amount) < a.allowance + b.allowance + ctx.tolerances.money:
            continue
        what, hint = _WORDING[da.kind]
        yield finding(
            RULE,
            Severity.WARNING,
            f"{what.format(da.doc)}的金额前后不一：第{a.source.line}行为 {num(a.amount)} 万元，此处为 {num(b.amount)} 万元",
            da.amount.source,
            expected=f"{num(a.amount)} 万元（第{a.source.line}行）{as_written(a)}",
            found=f"{num(b.amount)} 万元{as_written(b)}",
            hint=hint.format(da.doc),
        )


#: by what was compared: how the message names it, and the hint
_WORDING = {
    "document": (
        "{}文件下达",
        "对照文件原文核对金额，使同一文件的金额前后一致；分次下达的，写明各次的文号和金额。",
    ),
    "source": (
        "资金来源“{}”",
        "对照资金文件和账目核对{}的金额，使同一来源的金额前后一致；分项目或分年度的，写明各项目或年度的金额。",
    ),
}


RULE = Rule(
    code="CN006",
    name="document-amount-mismatch",
    family="consistency",
    severity=Severity.WARNING,
    title="同一笔资金的金额前后不一致",
    func=check,
)

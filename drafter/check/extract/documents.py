"""Funds allocated by a numbered document ("呼财农指【2023】41号文件……下达资金5万元").

A transfer-payment report cites each allocating document more than once (in 绩效目标分解下达情况 and
again in 资金到位情况); the amount it allocates must be the same each time. For every document
number, the first amount after it in its sentence (before another document is cited), labelled
下达 / 安排 / 拨付 / 分配, is kept with the number; CN006 compares them.
"""

from __future__ import annotations

import re

from drafter.check.extract._common import TextLine, source_of
from drafter.check.extract._figwords import LEXICON
from drafter.check.facts import Breakdown, DocumentAmount, Figure
from drafter.text.lazyre import lazy_compile

__all__ = ["extract_document_amounts", "source_amounts"]

#: a document number: issuer's abbreviation, year in brackets, number ("呼财农指【2023】41号",
#: "财农〔2021〕28号", "云财教[2020]396号"); the text is normalised, so （） are ASCII
_DOC = lazy_compile(r"([\u4e00-\u9fff]{2,8})\s*[【〔\[(]\s*((?:19|20)\d{2})\s*[】〕\])]\s*(\d{1,4})\s*[号號]")
_ALLOCATES = lazy_compile(r"下达|安排|拨付|分配|下拨")
_NOT_WHOLE = lazy_compile(r"其中|累计|合计|共计")


def extract_document_amounts(lines: list[TextLine]) -> list[DocumentAmount]:
    out: list[DocumentAmount] = []
    for tl in lines:
        norm = tl.norm
        if "号" not in norm and "號" not in norm:
            continue
        refs = list(_DOC.finditer(norm))
        if not refs:
            continue
        amounts = [q for q in tl.quantities if q.kind == "amount"]
        for i, ref in enumerate(refs):
            stop = refs[i + 1].start() if i + 1 < len(refs) else len(norm)
            end = norm.find("。", ref.end())
            if 0 <= end < stop:
                stop = end
            q = next((q for q in amounts if ref.end() <= q.start < stop), None)
            if q is None:
                continue
            label = norm[ref.end() : q.start]
            if not _ALLOCATES.search(label) or _NOT_WHOLE.search(label):
                continue
            issuer = ref.group(1)
            key = f"{issuer[-2:]}{ref.group(2)}-{int(ref.group(3))}"
            doc = tl.text[ref.start() : ref.end()]
            fig = Figure(
                "funds.allocated", label.strip(" ,，"), q.value, q.unit, source_of(tl, ref.end(), q.end)
            )
            out.append(DocumentAmount(key, doc.strip(), fig))
    return out


#: a funding source at the head of a label: "其中中央财政资金", "2021年度中央下达资金"
_SOURCE = lazy_compile(
    r"^(?:其中|另|和|及|[,，、:：\s])*(?:(?:19|20)\d{2}年度?)?\s*("
    + "|".join(re.escape(w) for g in LEXICON.sources for w in sorted(g.words, key=len, reverse=True))
    + ")"
)


#: what was done with a source's money, rather than how much it gave
_SPENT = lazy_compile(r"支出|执行|完成|拨付|支付|结余|结转|到位|使用|节约")


def source_amounts(breakdowns: list[Breakdown]) -> list[DocumentAmount]:
    """A part of a list and the amount that ended the list, when both name one funding source:
    "其中中央财政资金30.9万元，县财政配套资金30.9万元，2021年度中央下达资金61.8万元" gives 中央 twice."""
    out: list[DocumentAmount] = []
    for bd in breakdowns:
        if bd.after is None:
            continue
        m = _SOURCE.match(bd.after.label)
        if m is None or _SPENT.search(bd.after.label):
            continue  # "中央资金已支出55万元" is what was spent of it, not its amount again
        mine = [p for p in bd.parts if (pm := _SOURCE.match(p.label)) and pm.group(1) == m.group(1)]
        if len(mine) != 1:
            continue
        key = f"{m.group(1)}@{bd.source.line}:{bd.source.col}"
        out.append(DocumentAmount(key, f"{m.group(1)}资金", mine[0]))
        out.append(DocumentAmount(key, f"{m.group(1)}资金", bd.after))
    return out

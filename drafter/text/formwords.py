"""The words of a 自评表 form that are not column headers, from ``schemas/lexicon/tables.yaml``: the
names of the funds rows (``fund_rows``), the 一级 groups of the indicator rows (``level1``) and the
lines under a form that end it (``footers``).

Every reader of forms uses these: the text-table readers (rows, one cell per line, single spaces,
one line, glued cells) and the workbook reader. Adding a wording is one line in the YAML file and an
example there (tests/test_lexicon_tables.py runs each example through the readers).
"""

from __future__ import annotations

import re
from functools import cache

from drafter.text.lexicons import alternation, word_groups

__all__ = [
    "footer_start",
    "fund_row_name",
    "fund_total_name",
    "fund_total_words",
    "level1_names",
    "level1_start",
]


@cache
def fund_row_name() -> re.Pattern[str]:
    """Any funds row's name (年度资金总额, 本年财政拨款, 上年结转资金 …), for ``search``."""
    groups = word_groups("tables", "fund_rows")
    return re.compile(alternation([w for words in groups.values() for w in words]))


@cache
def fund_total_words() -> frozenset[str]:
    """The names of the funds block's total row: 年度资金总额, 资金总额 …"""
    return frozenset(word_groups("tables", "fund_rows")["total"])


@cache
def fund_total_name() -> str:
    """The words of the funds block's total row, as a regex alternation to build patterns from."""
    return alternation(fund_total_words())


@cache
def level1_names() -> frozenset[str]:
    """The 一级 group names of the national form: 产出指标, 效益指标, 满意度指标, 成本指标."""
    return frozenset(word_groups("tables", "level1")["level1"])


@cache
def level1_start() -> re.Pattern[str]:
    """A cell or line that starts with a 一级 group name (it starts a new group), for ``match``."""
    return re.compile(alternation(level1_names()))


@cache
def footer_start() -> re.Pattern[str]:
    """A line (or a workbook row's first cell) that ends a form: 填表人, 联系电话, 注：…, for
    ``match``. A word with "：" takes either colon, with spaces before it."""
    parts = [
        re.escape(w.rstrip("：:")) + r"\s*[:：]" if w.endswith(("：", ":")) else re.escape(w)
        for w in sorted(set(word_groups("tables", "footers")["footer"]), key=lambda w: (-len(w), w))
    ]
    return re.compile("(?:" + "|".join(parts) + ")")

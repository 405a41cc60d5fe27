"""Pairing the report's facts with the facts of its evaluation data (``--data``)."""

from __future__ import annotations

import re
from typing import Any

from drafter.check.facts import Facts

__all__ = ["data_facts", "name_key"]

_PUNCT = re.compile(r"[\s。.，,、：:；;“”\"'（）()《》]+")


def name_key(name: str) -> str:
    """A name compared loosely: no blanks or punctuation, no trailing 情况."""
    return _PUNCT.sub("", name).removesuffix("情况")


def data_facts(ctx: Any) -> Facts | None:
    """The evaluation data as Facts (None without ``--data``)."""
    if ctx.data is None:
        return None
    if isinstance(ctx.data, Facts):
        return ctx.data
    from drafter.check.from_data import facts_from_data

    return facts_from_data(ctx.data)

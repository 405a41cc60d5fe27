"""Pairing the report's facts with the facts of its evaluation data (``--data``)."""

from __future__ import annotations

from typing import Any

from drafter.check.facts import Facts

__all__ = ["data_facts"]


def data_facts(ctx: Any) -> Facts | None:
    """The evaluation data as Facts (None without ``--data``)."""
    if ctx.data is None:
        return None
    if isinstance(ctx.data, Facts):
        return ctx.data
    from drafter.check.from_data import facts_from_data

    return facts_from_data(ctx.data)

"""Pairing the report's facts with the facts of its evaluation data (``--data``)."""

from __future__ import annotations

from drafter.check.facts import CheckContext, Facts

__all__ = ["data_facts"]


def data_facts(ctx: CheckContext) -> Facts | None:
    """The evaluation data as Facts (None without ``--data``)."""
    if ctx.data is None:
        return None
    if isinstance(ctx.data, Facts):
        return ctx.data
    from drafter.check.from_data import facts_from_data

    return facts_from_data(ctx.data)

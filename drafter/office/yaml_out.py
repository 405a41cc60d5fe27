"""Evaluation data as YAML that ``drafter validate`` reads back to the same values.

Amounts keep their written precision: ``Decimal("13.00")`` is written ``13.00`` (a YAML float
that the loader turns back into the exact ``Decimal``), never through a binary float.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from drafter.data.model import EvaluationData

__all__ = ["data_to_yaml"]


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    if "." in text:
        return dumper.represent_scalar("tag:yaml.org,2002:float", text)
    return dumper.represent_scalar("tag:yaml.org,2002:int", text)


_Dumper.add_representer(Decimal, _decimal)


def _prune(value: Any) -> Any:
    """Drop empty strings, lists and mappings: the model's defaults fill them in again."""
    if isinstance(value, dict):
        out = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def data_to_yaml(data: EvaluationData, *, header: str = "") -> str:
    """``EvaluationData`` as YAML text, keys in the model's order, with an optional comment header."""
    payload = _prune(data.model_dump(mode="python", exclude_none=True))
    body = yaml.dump(payload, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2)
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    return ("\n".join(lines) + "\n" if lines else "") + body

"""Small helpers the rule modules of all families share (the figure rules have more in figures/_common)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from drafter.check.facts import Figure, Source
from drafter.check.rule import Rule
from drafter.figures import registry
from drafter.findings import Finding, Severity

__all__ = ["as_written", "figure_name", "finding", "num", "pct"]


def figure_name(key: str, label: str = "") -> str:
    """The Chinese name of a figure key (the registry's name: labels as written are often just
    "实际支出总额"), else its label as written."""
    return registry().name(key) or label or key


def finding(
    rule: Rule | str,
    severity: Severity,
    message: str,
    source: Source | None,
    *,
    expected: str | None = None,
    found: str | None = None,
    hint: str | None = None,
    end_line: int | None = None,
) -> Finding:
    """A finding pointing at ``source`` (line, column, verbatim quote; field path for data)."""
    code = rule.code if isinstance(rule, Rule) else rule
    src = source or Source(line=None)
    values = {
        "code": code,
        "severity": severity,
        "message": message,
        "line": src.line,
        "end_line": end_line if end_line is not None else src.end_line,
        "col": src.col,
        "quote": src.quote,
        "expected": expected,
        "found": found,
        "hint": hint,
        "path": src.path,
    }
    if type(severity) is not Severity:  # a code's own severity given as text: the model converts it
        return _validate(values)
    return _trusted(values)


_validate: Callable[[dict[str, Any]], Finding] = Finding.__pydantic_validator__.validate_python

#: The fields :func:`finding` gives (``origin`` keeps its default): what validating them would
#: record as set.
_GIVEN = frozenset(("code", "severity", "message", "line", "end_line", "col", "quote"))
_GIVEN |= frozenset(("expected", "found", "hint", "path"))
_new = object.__new__
_set_dict, _set_fields_set, _set_extra, _set_private = (
    BaseModel.__dict__[name].__set__
    for name in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
)


def _trusted(values: dict[str, Any]) -> Finding:
    """The finding of ``values`` as validating them makes it (the same fields, fields set and
    state), without validating: a rule's values are of the model's types already (strings,
    ints or None, a Severity), and the validator costs some 16k instructions a finding, two
    thirds of it. tests/test_registry.py holds every finding of every fixture to what
    validating its fields gives."""
    values["origin"] = "rule"
    f: Finding = _new(Finding)
    _set_dict(f, values)
    _set_fields_set(f, set(_GIVEN))
    _set_extra(f, None)
    _set_private(f, None)
    return f


def num(value: Decimal | None, *, trim: bool = False) -> str:
    """A Decimal as written (13.00 stays 13.00), never in exponent form; ``trim`` drops trailing
    zeros of a computed value (9.00 → 9)."""
    if value is None:
        return "—"
    text = str(value)
    # str writes a Decimal as format "f" does unless it writes an exponent (1E+2, 1E-7): only then
    # (or for what is no Decimal: a sum of no parts is the int 0) is the value formatted
    if "E" in text or type(value) is not Decimal:
        if "E+" in text:  # a positive exponent: str writes one only then, as_tuple costs more
            value = value.quantize(Decimal(1))
        text = format(value, "f")
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def pct(value: Decimal, places: int = 2) -> str:
    """A percentage rounded for display: 98.456 → 98.46%."""
    q = value.quantize(Decimal(1).scaleb(-places))
    text = format(q, "f").rstrip("0").rstrip(".") if "." in format(q, "f") else format(q, "f")
    return f"{text}%"


def as_written(*figs: Figure) -> str:
    """The money figures not written in 万元, as written, for a finding that shows them in 万元:
    "（原文 13182000元、0.32亿元）"; "" when all are in 万元 (or are no money)."""
    other = [f"{num(f.value)}{f.unit}" for f in figs if f.wan is not None and f.unit != "万元"]
    return f"（原文 {'、'.join(other)}）" if other else ""

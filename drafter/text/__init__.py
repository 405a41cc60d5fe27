"""Text helpers shared by the reader, the checker and the LLM grounding: normalisation, numbers."""

from drafter.text.numbers import (
    Quantity,
    cn_to_int,
    find_quantities,
    normalize,
    parse_decimal,
    to_wanyuan,
)

__all__ = ["Quantity", "cn_to_int", "find_quantities", "normalize", "parse_decimal", "to_wanyuan"]

"""Generate ``schemas/evaluation-data.schema.json`` from the data model.

Regenerate after changing :mod:`drafter.data.model`::

    python -m drafter.data.schema            # rewrite the file
    python -m drafter.data.schema --check    # exit 1 if the file is stale (tests do this too)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

__all__ = ["SCHEMA_ID", "schema_path", "schema_text"]

SCHEMA_ID = "https://drafter.invalid/schemas/evaluation-data.schema.json"

# A Decimal field accepts a number or a numeric string. Pydantic releases differ on whether the
# string alternative carries a pattern (2.13 does, 2.14 does not), which would make the committed
# file depend on the installed pydantic; we always write this one, so editors flag "12万" early.
DECIMAL_STRING_PATTERN = r"^(?!^[-+.]*$)[+-]?0*\d*\.?\d*$"


def _canonical(node: object) -> object:
    """Make the generated schema independent of the pydantic release (see DECIMAL_STRING_PATTERN)."""
    if isinstance(node, list):
        return [_canonical(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _canonical(value) for key, value in node.items()}
    alternatives = out.get("anyOf")
    if isinstance(alternatives, list) and any(
        isinstance(a, dict) and a.get("type") == "number" for a in alternatives
    ):
        for alt in alternatives:
            if isinstance(alt, dict) and alt.get("type") == "string" and set(alt) <= {"type", "pattern"}:
                alt["pattern"] = DECIMAL_STRING_PATTERN
                # keep the key order of the committed file: pattern before type
                alt_items = {"pattern": alt.pop("pattern"), **alt}
                alt.clear()
                alt.update(alt_items)
    return out


def schema_text() -> str:
    """The JSON Schema of :class:`~drafter.data.model.EvaluationData`, as committed."""
    from drafter.data.model import EvaluationData

    schema = _canonical(EvaluationData.model_json_schema(mode="validation"))
    assert isinstance(schema, dict)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def schema_path() -> Path:
    from drafter.resources import resource_dir

    return resource_dir("schemas") / "evaluation-data.schema.json"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = schema_path()
    text = schema_text()
    if "--check" in args:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is stale; run: python -m drafter.data.schema", file=sys.stderr)
            return 1
        return 0
    from drafter.fileio import write_atomic

    write_atomic(path, text)
    print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

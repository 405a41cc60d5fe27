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


def schema_text() -> str:
    """The JSON Schema of :class:`~drafter.data.model.EvaluationData`, as committed."""
    from drafter.data.model import EvaluationData

    schema = EvaluationData.model_json_schema(mode="validation")
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

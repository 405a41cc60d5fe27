"""The committed JSON Schema is generated from the models and must not go stale."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from drafter.data.schema import main, schema_path, schema_text

REPO = Path(__file__).resolve().parent.parent


def test_committed_schema_is_fresh() -> None:
    committed = (REPO / "schemas" / "evaluation-data.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "schema is stale: run `python -m drafter.data.schema`"
    assert main(["--check"]) == 0


def test_schema_carries_chinese_hints_and_forbids_unknown_keys() -> None:
    schema = json.loads(schema_text())
    assert schema["title"] == "绩效自评数据"
    meta = schema["$defs"]["Meta"]
    assert meta["additionalProperties"] is False
    assert meta["properties"]["fiscal_year"]["description"] == "评价年度（预算年度），例如：2023"
    assert meta["properties"]["level"]["enum"] == ["省", "市", "县"]
    actual = schema["$defs"]["Expenditure"]["properties"]["actual"]
    assert {"minimum": 0.0, "type": "number"} in actual["anyOf"]
    described = [
        name
        for model in schema["$defs"].values()
        for name, prop in model.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert described == []  # every field has a hint


def test_check_flag_detects_a_stale_file(tmp_path: Path, monkeypatch) -> None:
    stale = tmp_path / "evaluation-data.schema.json"
    stale.write_text("{}", encoding="utf-8")
    monkeypatch.setattr("drafter.data.schema.schema_path", lambda: stale)
    assert main(["--check"]) == 1
    assert main([]) == 0
    assert stale.read_text(encoding="utf-8") == schema_text()
    assert schema_path().name == "evaluation-data.schema.json"


def test_documented_command_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "drafter.data.schema", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr

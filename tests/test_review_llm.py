"""Reviewer mode reaches the second reader too: a report's "drafter: ignore LM003" hides nothing."""

from __future__ import annotations

import json

from conftest import SEED
from llm_server import LoopbackLLM
from test_llm_review import ISSUES, first_section_answers

from drafter.fileio import read_text
from tests._cli import run


def test_reviewer_mode_keeps_model_findings_a_note_would_hide(tmp_path, monkeypatch):
    lines = read_text(SEED).splitlines()
    at = next(i for i, ln in enumerate(lines) if "部门履行职责时增加了税收和GDP" in ln)
    lines.insert(at, "drafter: ignore LM003")
    report = tmp_path / "report.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    found = {}
    for mode in ("--no-reviewer", "--reviewer"):
        with LoopbackLLM(responder=first_section_answers(ISSUES)) as server:
            monkeypatch.setenv("DRAFTER_LLM_BASE_URL", server.url)
            monkeypatch.setenv("DRAFTER_LLM_MODEL", "loopback-model")
            code, out, err = run("check", str(report), "--llm", mode, "-f", "json")
        assert code == 1, err
        (entry,) = json.loads(out)["reports"]
        found[mode] = sorted(f["code"] for f in entry["findings"] if f["origin"] == "model")
    assert found == {"--no-reviewer": ["LM002"], "--reviewer": ["LM002", "LM003"]}

"""Run one rule on its fixtures (tests/fixtures/rules/<CODE>/{fire,pass}.txt and the .docx made
from them, one paragraph per line) and compare (code, line) pairs with expected.json."""

from __future__ import annotations

import json
from pathlib import Path

from drafter.check.extract import extract_facts
from drafter.check.facts import CheckContext
from drafter.check.rule import Rule
from drafter.read import read_document
from tests.fixtures.rules.make_docx import txt_to_docx

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "rules"


def run_rule(rule: Rule, path: Path) -> list[list[object]]:
    facts = extract_facts(read_document(path))
    return sorted([f.code, f.line] for f in rule.run(facts, CheckContext()))


def check_fixture(rule: Rule, name: str, tmp_path: Path) -> None:
    folder = FIXTURES / rule.code
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))[name]
    txt = folder / name
    assert run_rule(rule, txt) == expected
    docx = tmp_path / (txt.stem + ".docx")
    txt_to_docx(txt, docx)
    assert run_rule(rule, docx) == expected

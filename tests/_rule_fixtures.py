"""Run one rule on its fixtures (tests/fixtures/rules/<CODE>/{fire,pass}.txt and the .docx made
from them, one paragraph per line) and compare (code, line) pairs with expected.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.check.extract import extract_facts
from drafter.check.facts import CheckContext
from drafter.check.rule import DOC_SECTIONS, Rule
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


def family_tests(
    rules: tuple[Rule, ...], prefix: str, family: str
) -> tuple[Callable[..., None], Callable[..., None]]:
    """The two tests every rule family has: its fixtures fire and stay silent as expected (.txt
    and .docx), and each rule has its docs and a code of the family."""

    @pytest.mark.parametrize("name", ["fire.txt", "pass.txt"])
    @pytest.mark.parametrize("rule", rules, ids=lambda r: r.code)
    def test_fixture(rule: Rule, name: str, tmp_path: Path) -> None:
        check_fixture(rule, name, tmp_path)

    @pytest.mark.parametrize("rule", rules, ids=lambda r: r.code)
    def test_rule_docs_and_codes(rule: Rule) -> None:
        assert rule.missing_doc_sections() == [], DOC_SECTIONS
        assert rule.code.startswith(prefix) and rule.family == family

    return test_fixture, test_rule_docs_and_codes

"""The rule registry: codes, docs, and every rule's fixtures (fire / no-fire, .txt and .docx)."""

from __future__ import annotations

import json
import re

import pytest

from drafter.check.registry import BY_CODE, RULES, check_known_codes, get_rule
from drafter.check.rule import DOC_SECTIONS
from drafter.errors import DrafterError
from tests._rule_fixtures import (
    FIXTURES,
    PINNED,
    expected_of,
    fixture_codes,
    fixture_files,
    fixture_findings,
    pinned,
)

CODES = [r.code for r in RULES]
FAMILY_PREFIX = {
    "scores": "SC",
    "figures": "FG",
    "claims": "CL",
    "consistency": "CN",
    "rubric": "RB",
    "data": "DT",
    "datafile": "DA",
    "table": "TB",
    "read": "RD",
    "model": "LM",
}


def test_codes_unique_well_formed_and_in_their_family() -> None:
    assert len(CODES) == len(set(CODES))
    for rule in RULES:
        assert re.fullmatch(r"[A-Z]{2}\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.name), rule.name
        assert FAMILY_PREFIX[rule.family] == rule.code[:2], rule
        assert rule.title and "\n" not in rule.title


def test_every_brief_code_is_registered() -> None:
    expected = (
        [f"SC00{i}" for i in range(1, 8)] + [f"FG00{i}" for i in range(1, 6)] + ["CL001", "CL002", "CL003"]
        + ["CN001", "CN002", "CN003", "RB001", "RB002", "RB003", "DT001", "DT002"]
        + ["TB001", "TB002", "TB003", "TB004", "RD001"]
    )  # fmt: skip
    assert set(expected) <= set(CODES)


@pytest.mark.parametrize("code", CODES)
def test_docstring_has_all_sections(code: str) -> None:
    rule = BY_CODE[code]
    assert rule.missing_doc_sections() == [], f"{code} lacks {rule.missing_doc_sections()}"
    for heading in DOC_SECTIONS:
        assert len(rule.doc_section(heading)) >= 10


def test_lookup() -> None:
    assert get_rule("cl002").name == "completion-contradicted"
    with pytest.raises(DrafterError, match="XX001"):
        get_rule("XX001")
    check_known_codes(("SC", "CL002", "ALL"))
    with pytest.raises(DrafterError):
        check_known_codes(("ZZ",))


@pytest.mark.parametrize("code", [r.code for r in RULES if r.family != "model"])  # LM: see test_llm_review
def test_fixtures_present(code: str) -> None:
    folder = FIXTURES / code
    data = (folder / "fire.yaml").is_file()  # the evaluation data's own rules (DA…)
    fire, passes = ("fire.yaml", "pass.yaml") if data else ("fire.txt", "pass.txt")
    missing = [n for n in (fire, passes, "expected.json") if not (folder / n).is_file()]
    assert missing == [], f"{code}: missing fixtures {missing}"
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    assert expected[fire], f"{code}: a fire fixture must fire"
    assert {f["code"] for f in expected[fire]} == {code}
    assert expected[passes] == []
    for row in expected[fire]:
        assert set(row) == set(PINNED), row
        assert row["message"] and row["hint"], f"{code}: a finding needs its message and hint"


FIXTURE_FILES = [(code, name) for code in fixture_codes() for name in fixture_files(code)]


@pytest.mark.parametrize(("code", "name"), FIXTURE_FILES)
def test_fixture_codes_and_lines(code: str, name: str) -> None:
    """Only this rule enabled, through check_path (read → extract → rule → suppress → sort), on the
    .txt and on a .docx made from it (same line numbers)."""
    found = [(r["code"], r["line"]) for r in pinned(fixture_findings(code, name))]
    assert found == [(r["code"], r["line"]) for r in expected_of(code, name)]


@pytest.mark.parametrize(("code", "name"), FIXTURE_FILES)
def test_fixture_messages_and_hints(code: str, name: str) -> None:
    """The words the user reads are pinned too, and a .docx is told what its .txt is told."""
    assert pinned(fixture_findings(code, name)) == expected_of(code, name)


def test_a_rule_lacking_what_it_needs_finds_nothing_and_is_not_called() -> None:
    """A check calls only the rules whose ``needs`` it has (no rubric: no RB rule; the model's and
    the data file's own rules never): each rule left out finds nothing on any fixture or example
    report without them, so leaving it out changes no result."""
    from drafter.check.extract import extract_facts
    from drafter.check.facts import CheckContext
    from drafter.check.run import Checker, CheckOptions
    from drafter.read import read_document

    assert {need for r in RULES for need in r.needs} <= {"facts", "rubric", "data"}
    lacking = [r for r in RULES if not r.needs or not {"facts"} >= set(r.needs)]
    assert {r.code[:2] for r in lacking} == {"RB", "DT", "LM", "DA"}
    reports = sorted(FIXTURES.glob("*/*.txt")) + sorted((FIXTURES.parents[2] / "examples").glob("*/*.txt"))
    assert len(reports) > 60
    ctx = CheckContext()
    for path in reports:
        facts = extract_facts(read_document(path))
        for rule in lacking:
            assert list(rule.func(facts, ctx)) == [], (rule.code, path.name)
    checker = Checker.prepare(CheckOptions(select=("ALL",)))
    called = {r.code for r in checker._rules("x.txt", None, {})}
    assert called == {r.code for r in RULES if r.status != "retired"} - {r.code for r in lacking}


def test_findings_made_without_validation_are_what_validation_makes() -> None:
    """_emit.finding builds a rule's finding without running the model's validator: every finding
    a rule made (not the data loader's, DA001, nor the model's) on every fixture (both formats,
    the data files' too) and on the example reports has the fields, field types, fields set and
    state that validating its values gives."""
    from drafter.check.rules._emit import _GIVEN, finding
    from drafter.check.run import CheckOptions, check_path
    from drafter.findings import Finding, Severity

    found = [
        f for code in fixture_codes() for name in fixture_files(code) for f in fixture_findings(code, name)
    ]
    for report in sorted((FIXTURES.parents[2] / "examples").glob("*/*.txt")):
        found += check_path(report, options=CheckOptions(select=("ALL",))).findings
    from_facts = {r.code for r in RULES if r.needs}
    found = [f for f in found if f.code in from_facts]
    assert len(found) > 150
    for f in found:
        validated = Finding.model_validate({k: getattr(f, k) for k in _GIVEN})
        assert f.__getstate__() == validated.__getstate__(), f
        assert [type(v) for v in f.__dict__.values()] == [type(v) for v in validated.__dict__.values()], f
        assert list(f.__dict__) == list(validated.__dict__)
    # a severity given as text is the model's to convert
    assert finding("SC001", "warning", "m", None).severity is Severity.WARNING  # type: ignore[arg-type]

"""Every rule's fixtures (tests/fixtures/rules/<CODE>/{fire,pass}.txt and the .docx made from them,
one paragraph per line), each checked once.

``expected.json`` pins, for each fixture file, every finding's code, line, message and hint:
``{"fire.txt": [{"code": …, "line": …, "message": …, "hint": …}…], "pass.txt": []}``.
:func:`fixture_findings` checks a file through the runner with only that rule selected (plus the
folder's ``options.yaml``) and caches the result, so the tests that assert on code and line, and
on message and hint, reuse one check per file.
"""

from __future__ import annotations

import functools
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.check.rule import DOC_SECTIONS, Rule
from drafter.findings import Finding
from tests.fixtures.rules.make_docx import fixture_options, txt_to_docx

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "rules"
#: What expected.json pins of each finding.
PINNED = ("code", "line", "message", "hint")


def fixture_codes() -> list[str]:
    return sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.json").is_file())


def pinned(findings: tuple[Finding, ...]) -> list[dict[str, object]]:
    """The pinned fields of ``findings``, in a stable order."""
    rows = [{k: getattr(f, k) for k in PINNED} for f in findings]
    return sorted(rows, key=lambda r: (str(r["code"]), r["line"] or 0, str(r["message"])))


def expected_of(code: str, name: str) -> list[dict[str, object]]:
    """What ``expected.json`` pins for ``name`` (a .docx expects what its .txt expects)."""
    folder = FIXTURES / code
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return list(expected[name.replace(".docx", ".txt")])


@functools.cache
def fixture_findings(code: str, name: str) -> tuple[Finding, ...]:
    """The findings of fixture ``name`` (``fire.txt``, ``pass.docx``…) of rule ``code``, checked
    once per test session through ``check_path`` with only that rule selected."""
    from drafter.check.run import CheckOptions, check_path

    folder = FIXTURES / code
    options = CheckOptions(**fixture_options(folder))
    if name.endswith(".docx"):
        with tempfile.TemporaryDirectory() as tmp:
            docx = Path(tmp) / name
            txt_to_docx(folder / name.replace(".docx", ".txt"), docx)
            result = check_path(docx, options=options)
    else:
        result = check_path(folder / name, options=options)
    assert result.error is None, result.error
    return result.findings


def family_tests(rules: tuple[Rule, ...], prefix: str, family: str) -> Callable[..., None]:
    """The docs test every rule family has: each rule has its docs and a code of the family."""

    @pytest.mark.parametrize("rule", rules, ids=lambda r: r.code)
    def test_rule_docs_and_codes(rule: Rule) -> None:
        assert rule.missing_doc_sections() == [], DOC_SECTIONS
        assert rule.code.startswith(prefix) and rule.family == family

    return test_rule_docs_and_codes

"""Every rule's fixtures (tests/fixtures/rules/<CODE>/{fire,pass}.txt and the .docx made from them,
one paragraph per line; for the evaluation data's own rules, DA…, {fire,pass}.yaml), each checked
once.

``expected.json`` pins, for each fixture file, every finding's code, line, message and hint:
``{"fire.txt": [{"code": …, "line": …, "message": …, "hint": …}…], "pass.txt": []}``.
:func:`fixture_findings` checks a file through the runner with only that rule selected (plus the
folder's ``options.yaml``), or a data file through ``load_data`` and ``check_data``, and caches
the result, so the tests that assert on code and line, and
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


def fixture_files(code: str) -> tuple[str, ...]:
    """The files a rule's fixture is checked as: every file its
    expected.json names — fire.txt and pass.txt, further reports for wordings that need a report
    of their own (fire_same_line.txt), each as .txt and as the .docx made from it; or the data
    files of the evaluation data's own rules (fire.yaml, pass.yaml)."""
    names = json.loads((FIXTURES / code / "expected.json").read_text(encoding="utf-8"))
    out: list[str] = []
    for name in names:
        out += [name] if name.endswith(".yaml") else [name, name.replace(".txt", ".docx")]
    return tuple(out)


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
    if name.endswith(".yaml"):
        return data_fixture_findings(folder / name)
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


def data_fixture_findings(path: Path) -> tuple[Finding, ...]:
    """The findings of the rule ``path``'s folder names on a data file (a loader's DA001 included)."""
    from drafter.check.on_data import check_data
    from drafter.data.load import DataError, load_data

    try:
        found = check_data(load_data(path))
    except DataError as exc:
        found = exc.findings
    return tuple(f for f in found if f.code == path.parent.name)


def family_tests(rules: tuple[Rule, ...], prefix: str, family: str) -> Callable[..., None]:
    """The docs test every rule family has: each rule has its docs and a code of the family."""

    @pytest.mark.parametrize("rule", rules, ids=lambda r: r.code)
    def test_rule_docs_and_codes(rule: Rule) -> None:
        assert rule.missing_doc_sections() == [], DOC_SECTIONS
        assert rule.code.startswith(prefix) and rule.family == family

    return test_rule_docs_and_codes

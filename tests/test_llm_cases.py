"""The scripted cases of ``tests/llm_cases.py`` through the loopback server: honest rewordings are
accepted, wrong ones rejected (the benchmark prints the rates; here every case must hold)."""

from __future__ import annotations

import pytest
from llm_cases import CASES, HONEST, WRONG, run_cases


@pytest.fixture(scope="module")
def verdicts() -> dict[str, bool]:
    return run_cases()


def test_there_are_enough_cases_of_each_kind():
    assert len(CASES) >= 40 and len(HONEST) >= 20 and len(WRONG) >= 20
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", HONEST, ids=lambda c: c.name)
def test_honest_rewording_is_accepted(verdicts, case):
    assert verdicts[case.name], case.name


@pytest.mark.parametrize("case", WRONG, ids=lambda c: c.name)
def test_wrong_figure_is_rejected(verdicts, case):
    assert not verdicts[case.name], case.name

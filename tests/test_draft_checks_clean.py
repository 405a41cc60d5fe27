"""A report drafted from consistent data checks clean; one drafted from the sample's data
shows exactly the sample's faults that live in the data (the checker reads our phrasings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check.run import CheckOptions, check_document
from drafter.data.load import load_data
from drafter.draft.report import draft_report
from drafter.draft.write import write_report
from drafter.read import read_document
from drafter.rubric import load_rubric

REPO = Path(__file__).resolve().parent.parent


def _draft_and_check(name: str, tmp_path: Path, suffix: str, with_data: bool = False) -> list:
    path = REPO / "examples" / name / "data.yaml"
    data = load_data(path)
    out = write_report(draft_report(data, rubric=load_rubric(data.meta.rubric)), tmp_path / f"r{suffix}")
    options = CheckOptions(data=str(path)) if with_data else CheckOptions()
    return check_document(read_document(out), options=options)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx"])
def test_consistent_data_drafts_a_clean_report(tmp_path: Path, suffix: str) -> None:
    assert _draft_and_check("pingchuan-agri-2023", tmp_path, suffix) == []


def test_clean_against_its_own_data(tmp_path: Path) -> None:
    assert _draft_and_check("pingchuan-agri-2023", tmp_path, ".txt", with_data=True) == []


def test_sample_data_draft_shows_the_sample_faults(tmp_path: Path) -> None:
    codes = sorted({f.code for f in _draft_and_check("yangxi-2023", tmp_path, ".txt")})
    # payments over 项目支出, the 2020 document, the two score mentions, the completion claims
    assert codes == ["CL002", "CN001", "FG005", "SC006"]

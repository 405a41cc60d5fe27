"""The checker on real published reports: the shared development corpus when it is present, and the
reports we found and audited ourselves (tests/corpus/found), always.

Thresholds rise as the reader learns more wordings; issue 9 asks for at least 80% of the firm faults
and zero errors or warnings on the clean controls.
"""

from __future__ import annotations

import json

import pytest

from tests.corpus_real import CORPUS, FOUND, corpora, files_with_scores, recall, score_corpus

# The least share of each corpus's firm faults that must be found. Raise these as recall improves; never
# lower one for the same corpus. The shared corpus (01-38): 16/16. Our own finds (39-92, tests/corpus/found):
# 41's total (its values before their names), 43's block maxima over 100, 44's template instructions, 47's
# over-fulfilment rate (FG006), 49's total row, 50's completion claim beside a missed target (CL002), 51's short
# list, 64's zero total row and budget parts under their stated total, and the template residue of 78, 86 and 92
# are found (12/13); 87's copied completion clause (traditional characters) is not yet.
MIN_RECALL = {CORPUS: 0.93, FOUND: 0.9}
# Files with score statements that still give RD001 (no score read); shrink it, never grow it.
STILL_UNREAD: set[str] = set()


def test_our_own_corpus_is_present() -> None:
    # the shared corpus may be absent (a clone without ../shared), ours never is
    assert FOUND in corpora()


@pytest.fixture(scope="module")
def scores():
    return score_corpus()


def test_every_file_is_read(scores) -> None:
    assert [s.name for s in scores if s.error] == []


def test_clean_controls_give_no_error_or_warning(scores) -> None:
    noisy = {s.name: s.flagged for s in scores if s.clean and s.flagged}
    assert noisy == {}


@pytest.mark.parametrize("corpus", [CORPUS, FOUND], ids=["shared", "found"])
def test_firm_faults_are_found(scores, corpus) -> None:
    if corpus not in corpora():
        pytest.skip(f"the shared corpus is not present at {corpus}")
    names = set(json.loads((corpus / "expected.json").read_text(encoding="utf-8")))
    found, total = recall([s for s in scores if s.name in names])
    assert total > 0
    assert found / total >= MIN_RECALL[corpus], f"{found}/{total} firm faults found"


def test_no_rd001_where_the_text_has_scores(scores) -> None:
    unread = {s.name for s in scores if "RD001" in s.codes and s.name in files_with_scores()}
    assert unread <= STILL_UNREAD, sorted(unread - STILL_UNREAD)

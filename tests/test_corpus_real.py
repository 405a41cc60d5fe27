"""The checker on real published reports (the shared development corpus, when it is present).

Thresholds rise as the reader learns more wordings; issue 9 asks for at least 80% of the firm faults
and zero errors or warnings on the clean controls.
"""

from __future__ import annotations

import pytest

from tests.corpus_real import CORPUS, files_with_scores, recall, score_corpus

# Raise this as recall improves; never lower it for the same corpus. The corpus grew from 38 to 50 reports:
# items 39-50 brought 6 firm faults (16/16 became 16/22, so it was re-based from 0.93); two of them are now
# found (44's template instructions, 49's total row), which makes 18/22.
MIN_RECALL = 0.81
# Files with score statements that still give RD001 (no score read); shrink it, never grow it.
STILL_UNREAD = {
    "25_chengan_bailaoren_2020.txt",
    "29_changjiang_jinbu_2020_ocr.txt",
    # a national 自评表 flattened into one line with no separators at all ("年度资金总额:202010100.00%10")
    "43_zhongjiang_shuibiaochi_2022.txt",
    # a Sichuan 权重/得分 form, one cell per line, with the 权重 filled and every 得分 cell left empty
    "44_qingshen_fagai_gongzi_2023.txt",
}

pytestmark = pytest.mark.skipif(
    not (CORPUS / "expected.json").is_file(), reason=f"the shared corpus is not present at {CORPUS}"
)


@pytest.fixture(scope="module")
def scores():
    return score_corpus()


def test_every_file_is_read(scores) -> None:
    assert [s.name for s in scores if s.error] == []


def test_clean_controls_give_no_error_or_warning(scores) -> None:
    noisy = {s.name: s.flagged for s in scores if s.clean and s.flagged}
    assert noisy == {}


def test_firm_faults_are_found(scores) -> None:
    found, total = recall(scores)
    assert total > 0
    assert found / total >= MIN_RECALL, f"{found}/{total} firm faults found"


def test_no_rd001_where_the_text_has_scores(scores) -> None:
    unread = {s.name for s in scores if "RD001" in s.codes and s.name in files_with_scores()}
    assert unread <= STILL_UNREAD, sorted(unread - STILL_UNREAD)

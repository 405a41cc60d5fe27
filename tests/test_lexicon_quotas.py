"""Every wording of the task, done and fulfilment-rate lexicon (schemas/lexicon/quotas.yaml), and of
the targets with the values reached, is read as its examples say, through the whole extraction
(``extract_facts``): a word added without a working example fails here, and so does an extractor
change that stops reading it."""

from __future__ import annotations

import pytest

from drafter.check.extract import extract_facts
from drafter.check.extract._common import prepare
from drafter.check.extract.lexicon import WordExample
from drafter.check.extract.prose import ProseText
from drafter.check.extract.quotas import LEXICON
from drafter.check.extract.targets import extract_missed_targets
from drafter.check.rules._emit import num
from drafter.read import document_from_text


def _examples() -> list[tuple[str, str, WordExample]]:
    return [
        (name, group.key, example)
        for name in type(LEXICON).model_fields
        for group in getattr(LEXICON, name)
        for example in group.examples
    ]


@pytest.mark.parametrize(
    ("section", "key", "example"),
    _examples(),
    ids=lambda v: v.text if isinstance(v, WordExample) else str(v),
)
def test_quota_wording_is_read_as_its_example_says(section: str, key: str, example: WordExample) -> None:
    doc = document_from_text(example.text)
    facts = extract_facts(doc)
    read: dict[str, object] = {}
    for claim in extract_missed_targets(
        ProseText(prepare(doc))
    ):  # whether or not a completion claim stands by
        read.setdefault("missed", num(claim.value))
    for q in facts.quotas:
        read.setdefault(q.kind, f"{num(q.value)}{q.unit}")
    for r in facts.quota_rates:
        read.setdefault(r.kind, f"{num(r.value)}{'%' if r.unit == '%' else '个百分点'}")
        if r.general:
            read["general"] = True
    assert read == example.expect


def test_a_report_that_states_no_rate_of_fulfilment_has_no_counts_read() -> None:
    facts = extract_facts(document_from_text("全县下达农村改厕任务数为120户，实际完成改厕150户。"))
    assert facts.quotas == () and facts.quota_rates == ()


@pytest.mark.parametrize(
    "text",
    [
        "全年培训任务完成率达到95%以上。",  # a threshold, not a result
        "职业技能培训未超计划10%。",  # denied
        "超过80%的受访群众表示满意。",  # no task, plan or target word
    ],
)
def test_thresholds_denials_and_plain_shares_are_no_rates(text: str) -> None:
    assert extract_facts(document_from_text(text)).quota_rates == ()


def test_every_rate_word_holds_a_word_of_its_pattern_s_substring_gate() -> None:
    from drafter.check.extract.quotas import _GENERAL, _OVER, _RATE_PATTERNS, _SHARE

    words = {
        _OVER: [w for g in LEXICON.over for w in g.words],
        _SHARE: [w for g in LEXICON.share for w in g.words],
        _GENERAL: [w for g in LEXICON.general_share if g.key == "share" for w in g.words],
    }
    for rx, _kind, gate in _RATE_PATTERNS:
        for word in words[rx]:
            assert any(g in word for g in gate), word

"""Model: semantic problems found by the LLM second reader (``drafter check --llm``), LM001–LM003.

These rules are registered so that their codes work like every other code: ``drafter rules
LM001`` shows their documentation, ``--select``/``--ignore``, ``drafter.yaml`` and inline notes
(``drafter: ignore LM002``) filter their findings. They are not computed from :class:`Facts`:
the runner runs their functions like any rule and gets nothing (by design, at no cost); the
findings come from :func:`drafter.llm.review.review_document`, which keeps only model issues whose
quotes it verified in the report, severity at most warning, ``origin="model"``.
"""

from __future__ import annotations

from drafter.check.rule import Rule
from drafter.check.rules.model import contradiction, full_marks_despite_shortfall, unsupported_claim

RULES: tuple[Rule, ...] = (contradiction.RULE, unsupported_claim.RULE, full_marks_despite_shortfall.RULE)

#: The second reader's issue kind → its rule.
BY_KIND: dict[str, Rule] = {
    "contradiction": contradiction.RULE,
    "unsupported_claim": unsupported_claim.RULE,
    "full_marks_despite_shortfall": full_marks_despite_shortfall.RULE,
}

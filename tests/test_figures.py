"""The figure registry (schemas/figures.yaml): every wording is proven by its example through the
whole extraction, every figure key the code names is registered, facts_from_data maps every data
path listed, and a registry that contradicts itself is refused."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel, ValidationError

from drafter.check.extract import extract_facts
from drafter.check.facts import Facts, Figure, Source
from drafter.check.from_data import facts_from_data
from drafter.data.load import load_data
from drafter.data.model import EvaluationData
from drafter.figures import FigureExample, is_figure_key, load_registry, registry, registry_path
from drafter.read import document_from_text
from tests.conftest import REPO

REG = registry()


def _facts(text: str) -> Facts:
    return extract_facts(document_from_text(text))


def _named(facts: Facts) -> dict[str, Decimal]:
    return {f.key: f.value for f in facts.figures if f.key not in ("amount", "rate")}


@pytest.mark.parametrize(
    ("key", "word", "text"),
    [(f.key, w, t) for f in REG.figures for w, t in f.prose.items()],
    ids=lambda v: str(v),
)
def test_every_prose_label_is_read_as_its_figure(key: str, word: str, text: str) -> None:
    assert word in text, f"the example of “{word}” does not use it"
    facts = _facts(text)
    # the label is cleaned of joining words ("支出合计" → "支出"); the clause quoted keeps the wording
    hits = [f for f in facts.figures if f.key == key and word in (f.label + f.source.quote)]
    assert hits, f"{text!r} read {[(f.key, f.label) for f in facts.figures]}"


@pytest.mark.parametrize(
    ("key", "example"),
    [(f.key, ex) for f in REG.figures for ex in f.examples],
    ids=lambda v: v.text if isinstance(v, FigureExample) else str(v),
)
def test_figure_examples_read_exactly_what_they_say(key: str, example: FigureExample) -> None:
    assert _named(_facts(example.text)) == {k: Decimal(v) for k, v in example.expect.items()}


@pytest.mark.parametrize(
    ("topic", "word", "text"), [(t.key, w, s) for t in REG.topics for w, s in t.words.items()], ids=str
)
def test_every_topic_word_gives_its_topic_figures(topic: str, word: str, text: str) -> None:
    assert word in text
    keys = [f.key for f in _facts(text).figures]
    assert any(k.startswith(topic + ".") for k in keys), f"{text!r} read {keys}"
    # and it is the topic word that makes them so
    without = [f.key for f in _facts(text.replace(word, "")).figures]
    assert not any(k.startswith(topic + ".") for k in without), without


@pytest.mark.parametrize(
    ("rate", "word", "text"), [(r.key, w, s) for r in REG.rates for w, s in r.words.items()], ids=str
)
def test_every_rate_name_is_read_as_its_rate(rate: str, word: str, text: str) -> None:
    assert word in text
    (claim,) = _facts(text).claims_of("rate")
    assert claim.subject == rate


@pytest.mark.parametrize(
    ("rate", "example"),
    [(r.key, ex) for r in REG.rates for ex in r.examples],
    ids=lambda v: v.text if isinstance(v, FigureExample) else str(v),
)
def test_rate_examples_read_exactly_what_they_say(rate: str, example: FigureExample) -> None:
    claims = _facts(example.text).claims_of("rate")
    assert [c.subject for c in claims] == [example.expect["rate"]]


# --- every key the code names is registered --------------------------------------------------

_PREFIXES = tuple(sorted({k.split(".")[0] + "." for k in REG.figure_keys() if "." in k}))
_KEYLIKE = re.compile(r"^(?:" + "|".join(re.escape(p) for p in _PREFIXES) + r")[a-z_]+$")


def _key_literals() -> list[tuple[str, int, str]]:
    """(file, line, string) of every string constant in drafter/ shaped like a figure key, and of
    every constant first argument of ``Figure(...)``."""
    out = []
    for path in sorted((REPO / "drafter").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = str(path.relative_to(REPO))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _KEYLIKE.match(node.value):
                out.append((rel, node.lineno, node.value))
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "Figure"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                out.append((rel, node.lineno, node.args[0].value))
    return out


def test_every_figure_key_in_the_code_is_registered() -> None:
    found = _key_literals()
    assert len(found) > 20  # the scan sees the code
    unknown = [(f, ln, k) for f, ln, k in found if not is_figure_key(k)]
    assert not unknown


def test_an_unknown_key_is_an_error() -> None:
    with pytest.raises(ValueError, match=re.escape("spend.acutal")):
        Figure("spend.acutal", "实际支出", Decimal(1), "万元", Source(line=1))
    assert Figure("staff.行政编", "行政编", Decimal(3), "人", Source(line=1)).key == "staff.行政编"


# --- facts_from_data maps every data path listed ---------------------------------------------


def _set(obj: dict[str, Any], path: str, value: Any) -> None:
    *head, last = path.split(".")
    for part in head:
        if obj.get(part) is None:
            obj[part] = {}
        obj = obj[part]
    obj[last] = value


def test_facts_from_data_maps_every_data_path() -> None:
    raw = load_data(REPO / "examples" / "yangxi-2023" / "data.yaml").model_dump(mode="python")
    single = [f for f in REG.data_figures() if f.facts]
    for i, fig in enumerate(single):
        _set(raw, fig.path or "", Decimal(100 + i))
    raw["expenditure"]["payments"] = [{"name": "某工程进度款", "amount": Decimal(7), "part_of": "项目支出"}]
    facts = facts_from_data(EvaluationData.model_validate(raw))
    by_path = {f.source.path: f for f in facts.figures}
    for i, fig in enumerate(single):
        got = by_path.get(fig.path)
        assert got is not None and (got.key, got.value) == (fig.key, Decimal(100 + i)), fig.path
        assert got.label == fig.data_label
    listed = {re.sub(r"\[\d+\]", "[]", p): f.key for p, f in by_path.items() if p}
    for fig in REG.figures:
        if fig.path and "[]" in fig.path:
            key = listed.get(fig.path)
            assert key is not None and (key == fig.key or REG.figure(key).key == fig.key), fig.path


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside an annotation (``list[Payment]``, ``BudgetActual | None``), if any."""
    stack = [annotation]
    while stack:
        a = stack.pop()
        if isinstance(a, type) and issubclass(a, BaseModel):
            return a
        stack.extend(get_args(a))
    return None


def _field_exists(path: str) -> bool:
    model: Any = EvaluationData
    for part in path.split("."):
        name = part.removesuffix("[]")
        if model is None or name not in model.model_fields:
            return False
        model = _model_in(model.model_fields[name].annotation)
    return True


def test_every_registered_path_is_a_field_of_the_data_model() -> None:
    paths = [f.path for f in REG.figures if f.path]
    assert len(paths) > 15
    for path in paths:
        assert _field_exists(path), path
    assert not _field_exists("expenditure.three_public.spent")


# --- the registry itself -----------------------------------------------------------------------


def test_the_registry_is_read_once() -> None:
    assert registry() is REG


def test_relations_name_registered_figures_only(tmp_path: Path) -> None:
    text = registry_path().read_text(encoding="utf-8")
    bad = tmp_path / "figures.yaml"
    bad.write_text(text.replace("parts: [spend.basic, spend.project]", "parts: [spend.basic, spend.projct]"))
    with pytest.raises(ValidationError, match=re.escape("spend.projct")):
        load_registry(bad)


def test_a_misspelt_field_is_an_error(tmp_path: Path) -> None:
    text = registry_path().read_text(encoding="utf-8")
    bad = tmp_path / "figures.yaml"
    bad.write_text(text.replace("    table: [年初预算数, 年初预算]", "    tabel: [年初预算数, 年初预算]"))
    with pytest.raises(ValidationError, match="tabel"):
        load_registry(bad)


def test_tables_of_suggest_and_the_llm_checks_come_from_the_registry() -> None:
    """suggest's subject names and the LLM checks' money keys, labels and rate names are the
    registry's (issue 14); these were the tables in code before, so nothing changed."""
    from drafter.figures import registry
    from drafter.llm.truth import LABELS, MONEY_KEYS, RATE_LABELS

    reg = registry()
    assert reg.subjects() == {
        "initial_budget": "budget.initial",
        "adjusted_budget": "budget.adjusted",
        "actual": "spend.actual",
        "basic": "spend.basic",
        "project": "spend.project",
        "carryover": "carryover",
        "sangong_budget": "sangong.budget",
        "sangong_actual": "sangong.actual",
        "public_budget": "public.budget",
        "public_actual": "public.actual",
        "proc_plan": "procurement.plan",
        "proc_actual": "procurement.actual",
        "assets_in_use": "assets.in_use",
        "assets_total": "assets.total",
    }
    money = {k for k in reg.subjects().values() if k != "carryover"}
    assert money == MONEY_KEYS
    assert LABELS["spend.actual"] == "实际支出总额" and LABELS["assets.in_use"] == "在用固定资产总额"
    assert LABELS["budget.initial"] == "年初预算数" and LABELS["staff.total"] == "编制总人数"
    assert set(LABELS) == MONEY_KEYS | {"staff.total"}
    assert RATE_LABELS["spend"] == "预算执行率" and RATE_LABELS["carryover"] == "结转结余率"

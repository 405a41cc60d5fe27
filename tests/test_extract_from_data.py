"""facts_from_data: evaluation data become the same Facts as the report drafted from it."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from drafter.check.extract import extract_facts
from drafter.check.facts import CheckContext, Facts
from drafter.check.from_data import facts_from_data
from drafter.check.rules import figures, scores
from drafter.check.rules.claims import RULES as CL_RULES
from drafter.data.load import load_data, load_data_text
from drafter.read import read_document
from tests.conftest import REPO, SEED

DATA = REPO / "examples" / "yangxi-2023" / "data.yaml"


@pytest.fixture(scope="module")
def data_facts() -> Facts:
    return facts_from_data(load_data(DATA))


def test_tree_matches_the_report(data_facts: Facts) -> None:
    report = extract_facts(read_document(SEED))
    assert [(n.name, n.max, n.score) for n in data_facts.scored_top()] == [
        (n.name, n.max if n.max is not None else m.max, n.score)
        for n, m in zip(report.scored_top(), data_facts.scored_top(), strict=True)
    ]
    assert sum(n.score for n in data_facts.scored_top() if n.score is not None) == D(96)
    assert data_facts.origin == "data" and data_facts.year == 2023


def test_figures_match_the_report(data_facts: Facts) -> None:
    report = extract_facts(read_document(SEED))
    keys = {"budget.initial", "budget.adjusted", "spend.actual", "spend.basic", "spend.project", "sangong.budget",
            "sangong.actual", "public.budget", "public.actual", "assets.in_use", "assets.total", "staff.total"}  # fmt: skip
    from_report = {f.key: f.value for f in report.figures if f.key in keys}
    from_data = {f.key: f.value for f in data_facts.figures if f.key in keys}
    assert from_data == from_report
    assert [p.value for p in data_facts.figures_for("payment")] == [D("1318.20"), D("1572.15")]


def test_sources_carry_field_path_and_yaml_line(data_facts: Facts) -> None:
    spend = data_facts.figure("spend.project")
    assert spend is not None and spend.source.path == "expenditure.project"
    lines = DATA.read_text(encoding="utf-8").splitlines()
    assert spend.source.line is not None and "project" in lines[spend.source.line - 1]
    node = next(n for n in data_facts.nodes() if n.name == "资金管理")
    assert node.score_source is not None and node.score_source.path.endswith(".self_score")
    assert node.reason  # the data's deduction_reason


def test_same_rules_validate_data(data_facts: Facts) -> None:
    found = [f for rule in scores.RULES + figures.RULES for f in rule.run(data_facts, CheckContext())]
    assert [(f.code, f.path) for f in found] == [("FG005", "expenditure.payments[0].amount")]
    assert found[0].line is not None


def test_changed_number_in_data_is_caught() -> None:
    text = DATA.read_text(encoding="utf-8")
    assert "count: 5" in text
    facts = facts_from_data(load_data_text(text.replace("count: 5", "count: 6", 1), path=str(DATA)))
    found = [f for f in figures.RULES[0].run(facts, CheckContext())]
    assert [(f.code, f.path) for f in found] == [("FG001", "profile.staffing.total")]


def test_claims_from_data_prose() -> None:
    data_facts = facts_from_data(load_data(DATA), prose_claims=True)
    found = [f for rule in CL_RULES for f in rule.run(data_facts, CheckContext())]
    assert ("CL002", "indicators[2].children[1].basis") in {(f.code, f.path) for f in found}
    complete = {(c.text, c.source.path) for c in data_facts.claims_of("complete")}
    assert ("所有部门的预算项目都按时完成", "indicators[2].children[1].basis") in complete
    unfinished = {(c.text, c.source.path) for c in data_facts.claims_of("unfinished")}
    assert ("暂未验收", "annual_work.tasks[0].progress[1].accepted") in unfinished
    assert ("65%", "annual_work.tasks[0].facts[0]") in unfinished
    for c in data_facts.claims:
        assert c.source.line is not None and c.source.path


def test_no_problem_stated_in_data() -> None:
    text = DATA.read_text(encoding="utf-8")
    data = load_data_text(text, path=str(DATA))
    facts = facts_from_data(data.model_copy(update={"problems": ["无。"]}), prose_claims=True)
    (claim,) = facts.claims_of("no_problem")
    assert claim.source.path == "problems"


def test_prose_findings_are_warnings_of_the_data_only() -> None:
    from drafter.check.on_data import check_data

    data = load_data(DATA)
    prose = [f for f in check_data(data) if f not in check_data(data, prose=False)]
    assert [(f.code, f.severity.value, f.path) for f in prose] == [
        ("CL002", "warning", "indicators[1].children[2].basis"),  # 项目管理: 完成验收
        ("CL002", "warning", "indicators[2].children[1].basis"),  # 效率性: 所有项目都按时完成
    ]
    assert all(f.line is not None for f in prose)
    assert check_data(load_data(REPO / "examples" / "pingchuan-agri-2023" / "data.yaml")) == []


def test_validate_command_reports_the_prose_faults_as_warnings(tmp_path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}

    def run(*args: object) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "drafter", *map(str, args)]
        return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path)

    yangxi = run("validate", DATA)
    assert yangxi.returncode == 0  # warnings only
    assert "FG005  警告" in yangxi.stdout and yangxi.stdout.count("CL002  警告") == 2
    assert (
        run("validate", REPO / "examples" / "pingchuan-agri-2023" / "data.yaml").stdout.count("  警告  ") == 0
    )
    assert run("init", tmp_path).returncode == 0
    (starter,) = tmp_path.glob("*.yaml")
    started = run("validate", starter)
    assert started.returncode == 0 and "CL00" not in started.stdout

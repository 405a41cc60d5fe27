"""Prompt templates: validated metadata, StrictUndefined, failures before any model call."""

from __future__ import annotations

import shutil

import pytest

from drafter.errors import DrafterError
from drafter.llm.prompts import load_prompts
from drafter.resources import resource_dir

BUNDLED = resource_dir("prompts") / "llm"


def test_bundled_templates_load_and_cover_every_section_kind():
    prompts = load_prompts()
    assert {s.purpose for s in prompts.specs.values()} == {"draft", "reask", "review", "suggest"}
    picks = {
        k: prompts.for_section(k).id for k in ("profile", "expenditure", "analysis_2", "problems", "other")
    }
    assert picks == {
        "profile": "draft-narrative",
        "expenditure": "draft-figures",
        "analysis_2": "draft-analysis",
        "problems": "draft-general",
        "other": "draft-general",
    }
    for spec in prompts.specs.values():
        assert spec.variables and all(spec.variables.values())  # every variable described


def test_draft_prompt_carries_skeleton_between_delimiters_and_the_rules():
    prompt = load_prompts().render(
        "draft-figures", title="T", heading="一 / （三）", facts="{}", skeleton="支出3115.27万元。"
    )
    assert "<<<初稿\n支出3115.27万元。\n初稿>>>" in prompt.user
    assert "不得新增" in prompt.system and "#" in prompt.system


def test_missing_variable_is_named():
    with pytest.raises(DrafterError) as err:
        load_prompts().render("draft-figures", title="T", heading="h", facts="{}")
    assert err.value.message == "提示词模板 draft-figures 缺少变量：skeleton（在调用模型之前发现）。"


def copy_prompts(tmp_path):
    folder = tmp_path / "llm"
    shutil.copytree(BUNDLED, folder)
    return folder


def test_template_using_an_undeclared_variable_is_refused(tmp_path):
    folder = copy_prompts(tmp_path)
    path = folder / "draft-general.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{{ title }}", "{{ titel }}"), encoding="utf-8")
    with pytest.raises(DrafterError) as err:
        load_prompts(folder)
    assert "titel" in err.value.message and "title" in err.value.message
    assert err.value.path == str(path)


def test_unknown_metadata_key_is_refused(tmp_path):
    folder = copy_prompts(tmp_path)
    path = folder / "draft-general.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "temprature: 0.5\n", encoding="utf-8")
    with pytest.raises(DrafterError, match="temprature"):
        load_prompts(folder)


def test_strict_undefined_catches_missing_attribute(tmp_path):
    folder = copy_prompts(tmp_path)
    path = folder / "draft-general.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{{ title }}", "{{ title.name }}"), encoding="utf-8"
    )
    with pytest.raises(DrafterError, match="name"):
        load_prompts(folder).render("draft-general", title="T", heading="h", facts="{}", skeleton="s")


def test_a_template_error_stops_drafting_before_any_request(tmp_path):
    from llm_server import LoopbackLLM

    from drafter.draft.report import DraftedReport, Section
    from drafter.llm.drafting import polish_report
    from drafter.llm.options import load_options

    folder = copy_prompts(tmp_path)
    path = folder / "draft-general.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{{ title }}", "{{ title.name }}"), encoding="utf-8"
    )
    report = DraftedReport(
        "标题", (Section("problems", ("四、存在的问题",), "存在问题：部分股室对绩效管理理解不全面。", {}),)
    )
    with LoopbackLLM() as server:
        with pytest.raises(DrafterError):
            polish_report(
                report,
                load_options(base_url=server.url, model="m"),
                prompts=load_prompts(folder),
                progress=False,
            )
        assert server.count() == 0


def test_draft_rules_state_what_the_grounding_accepts():
    """Issue 10: the prompt names the rates the grounding derives and the limits it enforces."""
    from drafter.llm.truth import RATE_FORMULAS

    rules = (resource_dir("prompts") / "llm" / "_draft_rules.j2").read_text(encoding="utf-8")
    names = {"spend": "预算执行率", "assets": "固定资产利用率", "sangong": "控制率", "public": "控制率"}
    names["procurement"] = "政府采购执行率"
    assert set(RATE_FORMULAS) == set(names)
    assert all(name in rules for name in names.values())
    for limit in ("±5%", "余/多", "下一年度只用于计划", "不得删去", "名称旁边", "不得编造"):
        assert limit in rules

"""The measures knowledge base: it loads, covers every indicator and rule, renders, and a broken
file is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import DrafterError
from drafter.resources import resource_dir
from drafter.suggest.context import FIGURE_NAMES, Subject, UnitInfo, Work, template_env
from drafter.suggest.kb import load_kb
from drafter.text.names import name_key

# The rule codes of the brief (the stable contract), in addition to whatever the registry holds.
BRIEF_CODES = [
    "SC001",
    "SC002",
    "SC003",
    "SC004",
    "SC005",
    "SC006",
    "SC007",
    "FG001",
    "FG002",
    "FG003",
    "FG004",
    "FG005",
    "CL001",
    "CL002",
    "CL003",
    "CN001",
    "CN002",
    "CN003",
    "RB001",
    "RB002",
    "RB003",
    "DT001",
    "DT002",
    "TB001",
    "TB002",
    "TB003",
    "TB004",
    "RD001",
    "LM001",
    "LM002",
    "LM003",
]


def _rubrics():
    from drafter.rubric import available_rubrics, load_rubric

    return [load_rubric(r) for r in available_rubrics()]


def test_bundled_kb_loads_with_every_milestone():
    kb = load_kb()
    assert set(kb.milestones) == {"报送前", "执行监控", "年中", "决算", "预算编制"}
    assert len(kb.entries) >= 60
    assert len({e.id for e in kb.entries}) == len(kb.entries)


def test_every_indicator_of_every_shipped_rubric_has_an_entry():
    kb = load_kb()
    rubrics = _rubrics()
    assert {r.id for r in rubrics} >= {"gd-county-dept-2023", "national-project-2020"}
    missing = []
    for rubric in rubrics:
        for _, ind in rubric.walk():
            entry = kb.for_indicator(ind.name, rubric=rubric.id)
            names = {name_key(n) for n in (ind.name, *ind.aliases)}
            if entry is None or not names & set(entry.names):
                missing.append(f"{rubric.id}:{ind.name}")
            elif rubric.id not in kb.scopes[entry.id]:
                missing.append(f"{rubric.id}:{ind.name} (entry {entry.id} from another rubric)")
    assert missing == []


def test_every_rule_code_has_an_entry():
    from drafter.check.registry import RULES

    kb = load_kb()
    codes = {r.code for r in RULES} | set(BRIEF_CODES)
    assert sorted(codes - kb.rule_codes()) == []


def _subject(**overrides) -> Subject:
    figures = {name: "12.34" for name in FIGURE_NAMES}
    base = dict(
        dept="测试局",
        dept_full="某县测试局",
        year=2023,
        rubric="gd-county-dept-2023",
        project="某项目",
        figures=figures,
        units=(UnitInfo("办公室", "负责财务、政府采购"), UnitInfo("项目股", "负责项目建设、代建")),
        works=(Work("一号路", percent="65"), Work("二号馆", accepted=False)),
    )
    base.update(overrides)
    return Subject(**base)


IND = {
    "name": "资金管理",
    "path": "预算执行/资金管理",
    "max": "20",
    "self": "16",
    "lost": "4",
    "reason": "原因",
    "because": "，扣分原因为“原因”",
    "head": "“资金管理”扣4分",
    "target": "≥90%",
    "actual": "80%",
}
F = {
    "code": "CL002",
    "message": "消息",
    "quote": "引文",
    "quotes": ["引文"],
    "where": "第1行",
    "cite": "第1行“引文”",
    "expected": "1",
    "found": "2",
    "line": 1,
    "count": 1,
}


@pytest.mark.parametrize(
    "subject",
    [
        _subject(),
        _subject(figures={}, units=(), works=(), year=None, project=None),
    ],
    ids=["all-figures", "nothing-known"],
)
def test_every_template_renders_with_rich_and_with_empty_context(subject):
    """StrictUndefined: a template that names an unknown variable fails here, not for a user."""
    kb = load_kb()
    env = template_env()
    for entry in kb.entries:
        for ind, f in ((IND, F), (None, F), (IND, None)):
            if entry.rule and f is None:
                continue
            if entry.indicator and ind is None:
                continue
            variables = {**subject.template_vars(), "ind": ind, "f": f, "doc": "报告"}
            for field, template in entry.templates():
                text = env.from_string(template).render(variables)
                assert text.strip(), (entry.id, field)
                assert "None" not in text, (entry.id, field, text)
    for template in kb.milestones.values():
        assert env.from_string(template).render(subject.template_vars())


def _write_kb(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "kb"
    folder.mkdir()
    src = resource_dir("prompts") / "measures" / "milestones.yaml"
    (folder / "milestones.yaml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "x.yaml").write_text(body, encoding="utf-8")
    return folder


GOOD_ENTRY = """\
version: 1
entries:
  - id: t.one
    indicator: 测试指标
    title: 标题
    problem: 问题{{ dept }}
    causes: [原因一]
    measures:
      - {text: 措施内容一, owners: [财务], when: 年中}
"""


def test_a_valid_custom_kb_loads(tmp_path):
    kb = load_kb(_write_kb(tmp_path, GOOD_ENTRY))
    assert [e.id for e in kb.entries] == ["t.one"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("entries: [\n", "x.yaml：措施知识库文件第 2 行的 YAML 格式有误"),
        ("- a\n- b\n", "顶层应是一个映射"),
        (GOOD_ENTRY.replace("when: 年中", "when: 明年"), "measures.0.when"),
        (GOOD_ENTRY.replace("    indicator: 测试指标\n", ""), "必须且只能填写 indicator"),
        (GOOD_ENTRY.replace("问题{{ dept }}", "问题{{ dept }"), "t.one 的 problem 模板语法有误"),
        (GOOD_ENTRY.replace("    indicator: 测试指标\n", "    rule: fg5\n"), "规则代码 'fg5' 格式不对"),
        (GOOD_ENTRY + GOOD_ENTRY.split("entries:\n")[1], "条目编号 t.one 重复"),
        (GOOD_ENTRY.replace("    title: 标题\n", ""), "title"),
        (GOOD_ENTRY.replace("version: 1", "version: 1\nmilestones: {下周: x}"), "未知的时限节点"),
    ],
    ids=[
        "yaml",
        "top-level",
        "milestone",
        "no-key",
        "template",
        "rule-code",
        "duplicate",
        "missing",
        "unknown-milestone",
    ],
)
def test_a_broken_kb_file_is_a_clear_error(tmp_path, body, expected):
    folder = _write_kb(tmp_path, body)
    with pytest.raises(DrafterError) as info:
        load_kb(folder)
    assert expected in str(info.value)


def test_missing_kb_folder_is_a_clear_error(tmp_path):
    with pytest.raises(DrafterError, match="措施知识库文件夹不存在"):
        load_kb(tmp_path / "none")


def test_kb_ships_in_prompts_which_the_wheel_carries():
    """pyproject force-includes prompts/ as drafter/_data/prompts; the KB must live there."""
    tomllib = pytest.importorskip("tomllib")

    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    include = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert include["prompts"] == "drafter/_data/prompts"
    assert (resource_dir("prompts") / "measures" / "rules.yaml").is_file()


@pytest.mark.parametrize(
    ("name", "reason", "parents", "expected"),
    [
        ("资金管理", "政府采购实际数大于政府采购计划数", (), "gd.procurement"),
        ("资金管理", "结转结余资金较多", (), "gd.carryover"),
        ("资金管理", "", (), "gd.funds"),
        ("目标设置情况", "", (), "gd.target-setting"),
        ("养护道路里程", "", ("产出指标", "数量指标"), "np.quantity"),
        ("部门预算执行率", "", (), "gd.spend-rate"),  # another system's wording
        ("过程管理", "政府采购实际数大于计划数", (), "gd.procurement"),
        ("投入管理", "", (), None),  # nothing known: no entry, never a guess
    ],
)
def test_indicator_lookup(name, reason, parents, expected):
    entry = load_kb().for_indicator(name, rubric="gd-county-dept-2023", parents=parents, text=reason)
    assert (entry.id if entry else None) == expected


def test_rubric_scope_decides_between_same_names():
    kb = load_kb()
    assert kb.for_indicator("满意度", rubric="gd-county-dept-2023").id == "gd.satisfaction"
    assert kb.for_indicator("满意度指标", rubric="national-project-2020").id == "np.satisfaction"
    assert kb.for_indicator("预算执行率", rubric="national-project-2020").id == "np.exec-rate"


def test_chinese_ordinals_and_yishi():
    from drafter.suggest.render import cn_ordinal, yishi

    assert [cn_ordinal(n) for n in (1, 9, 10, 11, 12, 20, 21, 99)] == [
        "一",
        "九",
        "十",
        "十一",
        "十二",
        "二十",
        "二十一",
        "九十九",
    ]
    assert yishi(["甲。", "乙；"]) == "一是甲；二是乙。"
    assert yishi(["只有一项"]) == "只有一项。"
    assert yishi([]) == ""

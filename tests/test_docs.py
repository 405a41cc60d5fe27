"""The README documents every command and every rule; the rule table is generated, never edited.

Regenerate the table after adding or changing a rule: ``python tests/test_docs.py --update``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def rules_table() -> str:
    from drafter.check.registry import RULES

    rows = ["| 代码 | 名称 | 级别 | 说明 |", "|---|---|---|---|"]
    rows += [
        f"| {r.code} | {r.name} | {r.severity.value} | {r.title} |" for r in RULES if r.status != "retired"
    ]
    return "\n".join(rows)


def rule_counts() -> tuple[int, int, int]:
    """(report rules ``drafter check`` runs, LLM second-reader rules, evaluation-data file rules), from
    the registry: the DA rules check a data file's own form and never run on a report."""
    from drafter.check.registry import RULES

    live = [r for r in RULES if r.status != "retired"]
    model = sum(1 for r in live if r.family == "model")
    data = sum(1 for r in live if r.family == "datafile")
    return len(live) - model - data, model, data


def counts_zh() -> str:
    report, model, data = rule_counts()
    return (
        f"共 {report} 条规则（另有 {model} 条大模型第二审读规则；评价数据文件的格式另有 {data} 条 DA 规则）"
    )


def counts_en() -> str:
    report, model, data = rule_counts()
    return f"with {report} registered rules (plus {model} for the optional LLM second reader and {data} for evaluation-data files)"


_COUNTS_ZH = re.compile(
    r"共 \d+ 条规则（另有 \d+ 条大模型第二审读规则(?:；评价数据文件的格式另有 \d+ 条 DA 规则)?）"
)
_COUNTS_EN = re.compile(
    r"with \d+ registered rules \(plus \d+ for the optional LLM second reader(?: and \d+ for evaluation-data files)?\)"
)


def _block(text: str) -> str:
    match = re.search(re.escape(START) + r"\n(.*?)\n?" + re.escape(END), text, re.S)
    assert match, "README lacks the rules block markers"
    return match.group(1).strip()


def test_readme_rule_table_is_current() -> None:
    assert _block(README.read_text(encoding="utf-8")) == rules_table(), (
        "README rule table is stale: run `python tests/test_docs.py --update`"
    )


def test_readme_rule_counts_are_current() -> None:
    from drafter.check.registry import RULES

    text = README.read_text(encoding="utf-8")
    assert counts_zh() in text and counts_en() in text, (
        "README rule counts are stale: run `python tests/test_docs.py --update`"
    )
    report, model, data = rule_counts()
    assert report + model + data == sum(1 for r in RULES if r.status != "retired")
    assert data == sum(1 for r in RULES if r.code.startswith("DA")) and model == sum(
        1 for r in RULES if r.code.startswith("LM")
    )


def test_every_command_has_help_and_is_in_the_readme() -> None:
    from drafter.cli import build_app

    readme = README.read_text(encoding="utf-8")
    app = build_app()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"draft", "validate", "init", "check", "rules", "suggest", "import", "models"} <= set(names)
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert (command.help or command.callback.__doc__ or "").strip(), f"command {name} has no help"
        assert f"drafter {name}" in readme, f"command {name} is missing from the README"


def test_readme_starts_with_the_two_commands() -> None:
    blocks = re.findall(r"```bash\n(.*?)\n```", README.read_text(encoding="utf-8"), re.S)
    assert "pip install ." in blocks[0] and "drafter " in blocks[0]
    assert 'pip install -e ".[test]"' in blocks[1] and "pytest" in blocks[1]
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install -e ".[test]" && python -m pytest -q' in blocks[1]
    assert 'pip install -e ".[test]" && python -m pytest -q' in ci


if __name__ == "__main__" and "--update" in sys.argv:
    sys.path.insert(0, str(README.parent))
    text = README.read_text(encoding="utf-8")
    new = re.sub(
        re.escape(START) + r".*?" + re.escape(END),
        lambda _: f"{START}\n{rules_table()}\n{END}",
        text,
        flags=re.S,
    )
    new = _COUNTS_EN.sub(counts_en(), _COUNTS_ZH.sub(counts_zh(), new))
    README.write_text(new, encoding="utf-8")
    print("README rule table updated")


def test_readme_library_example_runs(tmp_path, monkeypatch) -> None:
    """The README's Python example is real: run it (its output file goes to a temp folder)."""
    block = re.findall(r"```python\n(.*?)\n```", README.read_text(encoding="utf-8"), re.S)[0]
    assert '"报告.docx"' in block
    monkeypatch.chdir(README.parent)
    code = block.replace('"报告.docx"', repr(str(tmp_path / "报告.docx")))
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "报告.docx").stat().st_size > 0

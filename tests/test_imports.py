"""The offline path stays offline and light: ``drafter draft`` never imports openai or langchain."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
YANGXI = REPO / "examples" / "yangxi-2023" / "data.yaml"
HEAVY = ("openai", "langchain", "langchain_core", "langchain_openai", "tiktoken")

RUNNER = """
import json, sys
from drafter.cli import main
code = 0
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code or 0
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})
print(json.dumps({{"code": code, "heavy": heavy}}), file=sys.stderr)
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def _run_runner(*args: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", RUNNER.format(heavy=set(HEAVY)), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        timeout=60,
    )
    return json.loads(result.stderr.strip().splitlines()[-1])


def test_draft_in_process_imports_no_llm_stack(tmp_path: Path) -> None:
    for out in ("r.md", "r.docx"):
        report = _run_runner("draft", str(YANGXI), "-o", str(tmp_path / out))
        assert report == {"code": 0, "heavy": []}
        assert (tmp_path / out).stat().st_size > 0
    assert _run_runner("validate", str(YANGXI)) == {"code": 0, "heavy": []}
    assert _run_runner("init", str(tmp_path)) == {"code": 0, "heavy": []}


def test_python_m_drafter_draft_import_log_has_no_llm_stack(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "drafter",
            "draft",
            str(YANGXI),
            "-o",
            str(tmp_path / "r.txt"),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        timeout=60,
    )
    assert result.returncode == 0
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "drafter.draft.report" in imported  # the log is real and covers the drafting path
    assert sorted(m for m in imported if m.split(".")[0] in HEAVY) == []


def test_import_drafter_is_light() -> None:
    code = "import sys, drafter, drafter.data.model; print(sorted(m for m in sys.modules if m.split('.')[0] in %r))"
    result = subprocess.run(
        [sys.executable, "-c", code % ((*HEAVY, "docx", "jinja2", "typer"),)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert result.stdout.strip() == "[]"


#: what checking one .txt report needs none of: the Word, workbook, PDF, template, terminal,
#: web and model stacks (each costs a cold ``drafter check`` tens of milliseconds to import)
NOT_FOR_TXT_CHECK = (
    *HEAVY,
    "docx",
    "openpyxl",
    "pypdf",
    "jinja2",
    "rich",
    "starlette",
    "uvicorn",
    "charset_normalizer",
)


def test_check_of_a_txt_report_imports_only_what_it_needs(tmp_path: Path) -> None:
    sample = REPO / "examples" / "yangxi-2023" / "report.txt"
    runner = RUNNER.format(heavy=set(NOT_FOR_TXT_CHECK))
    result = subprocess.run(
        [sys.executable, "-c", runner, "check", str(sample)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        timeout=60,
    )
    report = json.loads(result.stderr.strip().splitlines()[-1])
    # the check really ran: the sample's seven findings (1 error, 6 warnings)
    assert report["code"] == 1
    assert "错误 1 个，警告 6 个" in result.stdout.splitlines()[-1]
    assert report["heavy"] == []


PLUGINS_RUNNER = """
import os, sys
from drafter.cli import main
try:
    main(["check", sys.argv[1]])
except SystemExit:
    pass
metadata = "importlib.metadata" in sys.modules
variable = os.environ.get("PYDANTIC_DISABLE_PLUGINS")
os.environ["PYDANTIC_DISABLE_PLUGINS"] = ""  # plugins switched on later: the loader still finds them
from pydantic.plugin import _loader
assert list(_loader.get_plugins()) == [], "no plugins installed here"
assert "importlib.metadata" in sys.modules
print(metadata, file=sys.stderr)
print(repr(variable), file=sys.stderr)
"""


def test_the_cli_skips_the_search_for_pydantic_plugins_unless_the_user_asks() -> None:
    sample = str(REPO / "examples" / "yangxi-2023" / "report.txt")

    def setting(**env: str) -> tuple[str, str]:
        base = {k: v for k, v in _env().items() if k != "PYDANTIC_DISABLE_PLUGINS"}
        result = subprocess.run(
            [sys.executable, "-c", PLUGINS_RUNNER, sample],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**base, **env},
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        metadata_imported, variable = result.stderr.strip().splitlines()[-2:]
        return variable, metadata_imported

    # importlib.metadata (email, zipfile, csv …) is imported only to look plugins up
    assert setting() == ("'__all__'", "False")
    assert setting(PYDANTIC_DISABLE_PLUGINS="") == ("''", "True")  # the user's choice stands

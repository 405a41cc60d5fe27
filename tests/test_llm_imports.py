"""The offline path never imports openai or langchain (they cost over a second)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO, SEED

DATA = REPO / "examples" / "yangxi-2023" / "data.yaml"

PROBE = """
import sys
from drafter.cli import main
try:
    main({argv!r})
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('openai', 'langchain_core', 'langchain_openai', 'langchain'))
print('HEAVY:' + ','.join(heavy[:5]), file=sys.stderr)
"""


def heavy_modules(*argv: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=list(argv))],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    line = [ln for ln in proc.stderr.splitlines() if ln.startswith("HEAVY:")]
    assert line, proc.stderr
    return line[-1].removeprefix("HEAVY:")


@pytest.mark.parametrize(
    "argv",
    [
        ("draft", str(DATA)),
        ("draft", str(DATA), "--backend", "template"),
        ("check", str(SEED)),
        ("models",),
        ("draft", str(DATA), "--backend", "llm"),  # unconfigured: the message comes before any import
    ],
)
def test_offline_commands_do_not_import_the_llm_stack(argv):
    assert heavy_modules(*argv) == ""


def test_the_probe_can_see_the_llm_stack(tmp_path):
    from llm_server import LoopbackLLM

    with LoopbackLLM() as server:
        seen = heavy_modules(
            "draft",
            str(DATA),
            "--backend",
            "llm",
            "--base-url",
            server.url,
            "--model",
            "m",
            "-o",
            str(tmp_path / "r.md"),
        )
    assert "langchain_core" in seen or "openai" in seen


def test_importing_the_llm_package_is_light():
    code = (
        "import sys, drafter.llm, drafter.llm.options, drafter.llm.drafting, drafter.llm.review, drafter.cli.llm_options;"
        "print(any(m.split('.')[0] in ('openai','langchain_core','langchain_openai') for m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert proc.stdout.strip() == "False", proc.stderr


def test_the_cli_freezes_the_heap_at_exit_once(monkeypatch):
    """The interpreter's collections at exit would walk every object of the LLM stack (half a
    second of CPU); main() leaves them to the OS with one exit hook, however often it runs."""
    import atexit
    import gc

    from drafter.cli import main

    hooks: list[object] = []
    monkeypatch.setattr(atexit, "register", hooks.append)
    monkeypatch.setattr(atexit, "unregister", lambda f: hooks.remove(f) if f in hooks else None)
    for _ in range(2):
        with pytest.raises(SystemExit):
            main(["rules", "--bogus-option"])
    assert hooks == [gc.freeze]


def test_the_progress_bar_imports_rich_only_to_draw_on_a_terminal():
    """Piped stderr (a script, CI): no bar and no rich import before the first requests; a forced
    terminal draws the bar once shown, counting the steps done before it was."""
    code = (
        "import sys; from drafter.llm.progress import ProgressBar\n"
        "bar = ProgressBar('润色', 3, deferred=True)\n"
        "with bar as advance:\n"
        "    advance(); seen = 'rich' in sys.modules; bar.show(); advance()\n"
        "    done = bar._progress.tasks[0].completed if bar._progress else None\n"
        "print(seen, 'rich' in sys.modules, done)"
    )
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    piped = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env)
    assert piped.stdout.split() == ["False", "False", "None"], piped.stderr
    forced = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**env, "FORCE_COLOR": "1"},
    )
    assert forced.stdout.split() == ["False", "True", "2"], forced.stderr

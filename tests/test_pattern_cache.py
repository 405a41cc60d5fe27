"""The command's cache of compiled regular expressions (drafter.pattern_cache): same patterns,
no compiling the second time, and nothing left changed in ``re``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.pattern_cache import cache_file, pattern_cache

# the cache works on re as CPython 3.11+ lays it out; on 3.10 it stands aside (tested below)
pytest.importorskip("re._compiler", reason="re._compiler is CPython 3.11+")
import re._compiler
import re._parser

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "yangxi-2023" / "report.txt"

PATTERNS = (
    (r"(?P<amount>\d+(?:\.\d+)?)\s*(?:万元|元)", 0),
    (r"[一二三四五六七八九十]+[、.．]", 0),
    (r"^(?:自评|得分)[:：]?\s*(\d+)分$", re.M),
    (r"[\u4e00-\u9fff]{2,8}(?:局|委员会)", re.I),
)


def _fresh(pattern: str, flags: int) -> re.Pattern[str]:
    re.purge()  # past re's own in-process cache
    return re.compile(pattern, flags)


def test_a_cached_pattern_is_the_pattern_re_compiles_and_is_not_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "p.marshal"
    expected = [_fresh(p, f) for p, f in PATTERNS]
    with pattern_cache(file):
        first = [_fresh(p, f) for p, f in PATTERNS]
    assert first == expected
    assert file.exists()

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached pattern was compiled again")

    monkeypatch.setattr(re._parser, "parse", no_parsing)
    with pattern_cache(file):
        again = [_fresh(p, f) for p, f in PATTERNS]
    monkeypatch.undo()
    assert again == expected  # re.Pattern compares flags and the compiled code
    text = "支付工程款1318.20万元；二、自评得分：8分\n国土规划环保局"
    for pattern, reference in zip(again, expected, strict=True):
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in reference.finditer(text)]
        assert (pattern.pattern, pattern.flags, pattern.groupindex, pattern.groups) == (
            reference.pattern,
            reference.flags,
            reference.groupindex,
            reference.groups,
        )


def test_re_is_left_as_it_was_and_nothing_is_written_without_new_patterns(tmp_path: Path) -> None:
    compile_before, sre_before = re._compiler.compile, re._compiler._sre
    file = tmp_path / "p.marshal"
    with pattern_cache(file):
        assert re._compiler.compile is not compile_before
        with pattern_cache(file):  # nested: the outer one stays in charge
            _fresh(*PATTERNS[0])
    assert (re._compiler.compile, re._compiler._sre) == (compile_before, sre_before)
    written = file.stat().st_mtime_ns
    with pattern_cache(file):
        _fresh(*PATTERNS[0])
    assert file.stat().st_mtime_ns == written


@pytest.mark.parametrize("content", [b"", b"not marshal at all", b"\xe9\x00\x00\x00\x00"])
def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path: Path, content: bytes) -> None:
    file = tmp_path / "p.marshal"
    file.write_bytes(content)
    with pattern_cache(file):
        pattern = _fresh(*PATTERNS[1])
    assert pattern == _fresh(*PATTERNS[1])
    assert file.read_bytes() != content


def test_a_wrong_entry_is_compiled_afresh(tmp_path: Path) -> None:
    import marshal

    file = tmp_path / "p.marshal"
    pattern, flags = PATTERNS[0]
    file.write_bytes(marshal.dumps({(pattern, flags): (0, [1, 2, 3], 0, {}, ())}))
    with pattern_cache(file):
        compiled = _fresh(pattern, flags)
    assert compiled == _fresh(pattern, flags)


def test_an_unwritable_cache_folder_only_costs_the_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pattern_cache(blocker / "sub" / "p.marshal"):  # its folder cannot be made
        assert _fresh(*PATTERNS[2]) == re.compile(*PATTERNS[2])


def test_the_cache_file_lives_in_the_users_cache_folder_per_python_build(tmp_path: Path) -> None:
    file = cache_file()
    assert file.parent == Path(os.environ["DRAFTER_HOME"]) / "cache" / "patterns"
    assert f"{sys.hexversion:x}" in file.name


def test_drafter_check_fills_the_cache_and_gives_the_same_findings_from_it(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "DRAFTER_HOME": str(tmp_path / "home")}

    def run() -> str:
        result = subprocess.run(
            [sys.executable, "-m", "drafter", "check", str(SAMPLE), "--format", "json"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=120,
        )
        assert result.returncode == 1, result.stderr
        return result.stdout

    first = run()
    files = list((tmp_path / "home" / "cache" / "patterns").iterdir())
    assert len(files) == 1 and files[0].stat().st_size > 10_000
    assert run() == first


def test_without_re_compiler_the_cache_stands_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Python 3.10 has sre_compile, not re._compiler: the block runs as if there were no cache."""
    monkeypatch.setitem(sys.modules, "re._compiler", None)  # import of it raises ImportError
    with pattern_cache(tmp_path / "p.bin"):
        assert re.compile("预算执行率[0-9]+").match("预算执行率95")
    assert not (tmp_path / "p.bin").exists()

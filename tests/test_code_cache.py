"""The command's cache of code compiled from source at run time (drafter.code_cache): dataclasses,
typing's string annotations, inspect's evaluated annotations and fast_init get the code they
would have compiled, nothing is compiled twice, and the modules are left as they were."""

from __future__ import annotations

import builtins
import dataclasses
import inspect
import marshal
import os
import subprocess
import sys
import typing
from decimal import Decimal
from pathlib import Path

import pytest

from drafter import frozen
from drafter.code_cache import cache_file, code_cache
from drafter.frozen import fast_init

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "yangxi-2023" / "report.txt"


def _make_classes() -> tuple[type, type]:
    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int
        y: int = 2
        tags: tuple[str, ...] = ()

    @fast_init
    @dataclasses.dataclass(frozen=True, slots=True)
    class Amount:
        value: Decimal
        unit: str = "万元"
        items: list[int] = dataclasses.field(default_factory=list)

    return Point, Amount


def _exercise(point: type, amount: type) -> list[object]:
    p = point(1, tags=("a",))
    a = amount(Decimal("3.50"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 5  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        amount()
    return [
        repr(p),
        p == point(1, 2, ("a",)),
        hash(p) == hash(point(1, 2, ("a",))),
        repr(a),
        a == amount(Decimal("3.50"), "万元", []),
        typing.get_type_hints(point),
        inspect.get_annotations(amount, eval_str=True),
        typing.ForwardRef("dict[str, int]")._evaluate(globals(), None, frozenset()),
    ]


def test_cached_code_behaves_as_compiled_code_and_is_not_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "c.marshal"
    expected = _exercise(*_make_classes())
    with code_cache(file):
        first = _exercise(*_make_classes())
    assert first == expected
    stored = marshal.loads(file.read_bytes())
    assert any("__create_fn__" in source for source, _, _ in stored)  # dataclasses' methods
    assert ("dict[str, int]", "<string>", "eval") in stored  # typing's forward reference

    compiled: list[str] = []
    real_compile = builtins.compile

    def counting_compile(source: object, *args: object, **kwargs: object) -> object:
        compiled.append(str(source))
        return real_compile(source, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "compile", counting_compile)
    with code_cache(file):
        again = _exercise(*_make_classes())
    monkeypatch.undo()
    assert again == expected
    assert compiled == []  # everything came from the cache file


def test_the_modules_are_left_as_they_were_and_nothing_is_written_without_new_code(tmp_path: Path) -> None:
    targets = ((dataclasses, "exec"), (frozen, "exec"), (typing, "compile"), (inspect, "eval"))
    file = tmp_path / "c.marshal"
    with code_cache(file):
        assert all(name in vars(module) for module, name in targets)
        with code_cache(file):  # nested: the outer one stays in charge
            _make_classes()
    assert not any(name in vars(module) for module, name in targets)
    written = file.stat().st_mtime_ns
    with code_cache(file):
        _make_classes()
    assert file.stat().st_mtime_ns == written


def test_evaluated_source_keeps_eval_and_exec_semantics(tmp_path: Path) -> None:
    with code_cache(tmp_path / "c.marshal"):
        assert inspect.eval("  1 + 1") == 2  # type: ignore[attr-defined]  # eval skips leading blanks
        namespace: dict[str, object] = {}
        dataclasses.exec("def f(a):\n    return a * 2\n", namespace)  # type: ignore[attr-defined]
        assert namespace["f"](4) == 8  # type: ignore[operator]
        with pytest.raises(SyntaxError):
            typing.ForwardRef("not an expression")


@pytest.mark.parametrize(
    "content", [b"", b"not marshal at all", b"\xe9\x00\x00\x00\x00", marshal.dumps([1, 2])]
)
def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path: Path, content: bytes) -> None:
    file = tmp_path / "c.marshal"
    file.write_bytes(content)
    with code_cache(file):
        point, amount = _make_classes()
    assert _exercise(point, amount) == _exercise(*_make_classes())
    assert file.read_bytes() != content


def test_a_wrong_entry_is_compiled_afresh(tmp_path: Path) -> None:
    file = tmp_path / "c.marshal"
    file.write_bytes(marshal.dumps({("dict[str, int]", "<string>", "eval"): "not code"}))
    with code_cache(file):
        hint = typing.ForwardRef("dict[str, int]")._evaluate(globals(), None, frozenset())
    assert hint == dict[str, int]


def test_an_unwritable_cache_folder_only_costs_the_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with code_cache(blocker / "sub" / "c.marshal"):  # its folder cannot be made
        point, amount = _make_classes()
    assert _exercise(point, amount) == _exercise(*_make_classes())


def test_the_cache_file_lives_in_the_users_cache_folder_per_python_build() -> None:
    file = cache_file()
    assert file.parent == Path(os.environ["DRAFTER_HOME"]) / "cache" / "code"
    assert f"{sys.hexversion:x}" in file.name and f"O{sys.flags.optimize}" in file.name


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
        assert result.returncode == 1 and '"code": "SC' in result.stdout, result.stderr
        return result.stdout

    first = run()
    files = list((tmp_path / "home" / "cache" / "code").iterdir())
    assert len(files) == 1 and files[0].stat().st_size > 10_000
    assert run() == first

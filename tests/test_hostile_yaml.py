"""Hostile and absurd data files: each ends in one Chinese line and exit 2, quickly and small.

Every file is generated here; each case runs ``drafter draft`` in a forked child (tests/_hostile.py)
and checks the exit code, the one message line, CPU time, peak memory, that no output was
written and that the input is unchanged.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from _hostile import assert_clean, digest, run_forked

from drafter import numfmt
from drafter.data.model import Expenditure

REPO = Path(__file__).resolve().parent.parent
DATA = (REPO / "examples" / "yangxi-2023" / "data.yaml").read_text(encoding="utf-8")


def _bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def _deep_block(depth: int) -> str:
    return "".join(f"{'  ' * i}k{i}:\n" for i in range(depth)) + "  " * depth + "v\n"


# name → file text (None: made by the test itself), and a word the message must contain.
STRUCTURE: dict[str, tuple[str, str]] = {
    "alias-bomb-9x10": (_bomb(9, 10), "展开后超过"),
    "alias-bomb-7x9-flat": (_bomb(7, 9), "展开后超过"),
    "alias-bomb-merge-keys": (
        "a0: &a0 {x: 1, y: 2}\n"
        + "".join(
            f"a{i}: &a{i} {{" + ", ".join(f"k{j}: *a{i - 1}" for j in range(10)) + "}\n" for i in range(1, 9)
        ),
        "展开后超过",
    ),
    "alias-bomb-inside-data": (
        DATA.replace("targets:", "bomb:\n  " + _bomb(8, 10).replace("\n", "\n  ") + "\ntargets:", 1),
        "展开后超过",
    ),
    "deep-flow-sequence": ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "嵌套"),
    "deep-flow-mapping": ("a: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n", "嵌套"),
    "deep-block-mapping": (_deep_block(300), "嵌套"),
    "huge-scalar": ('meta: "' + "长" * 1_000_000 + '"\n', "超过上限"),
    "huge-plain-scalar": ("meta: " + "x" * 1_500_000 + "\n", "超过上限"),
    "many-keys": ("".join(f"k{i}: {i}\n" for i in range(120_000)), "超过"),
    "recursive-alias": ("a: &a [*a]\n", "锚点"),
    "python-tag": ("meta: !!python/object/apply:os.system ['echo hi']\n", "YAML"),
    "tab-indent": ("meta:\n\tdepartment: x\n", "Tab"),
    "binary-garbage": ("\x00\x01\x02" * 1000, "二进制"),
    "empty": ("", "空"),
    "top-level-list": ("- 1\n- 2\n", "顶层"),
    "unclosed-quote": ('meta: "abc\n', "YAML"),
}

_ACTUAL = "\n  actual: 3115.27"
_TOTAL = "total: 20"
# name → (text to replace in the sample data, replacement, a word the message must contain)
NUMBERS: dict[str, tuple[str, str, str]] = {
    "amount-1e308": (_ACTUAL, "\n  actual: 1e308", "10¹²"),
    "amount-minus-1e308": (_ACTUAL, "\n  actual: -1e308", "10¹²"),
    "amount-38-digits": (_ACTUAL, "\n  actual: 12345678901234567890123456789012345678", "10¹²"),
    "amount-38-digit-decimal": (_ACTUAL, "\n  actual: 1234567890123456789012345678901234.5678", "10¹²"),
    "amount-exp-huge": (_ACTUAL, "\n  actual: 1.0e999999999", "10¹²"),
    "amount-exp-tiny": (_ACTUAL, "\n  actual: 1.0e-999999999", "小数位数"),
    "amount-30-decimals": (_ACTUAL, "\n  actual: 649.230000000000000000000000000001", "小数位数"),
    "amount-7-decimals": (_ACTUAL, "\n  actual: 3115.2700001", "小数位数"),
    "amount-string-20-digits": (_ACTUAL, '\n  actual: "99999999999999999999万元"', "10¹²"),
    "amount-string-long": (_ACTUAL, '\n  actual: "' + "9" * 5000 + '"', "过长"),
    "amount-50-digit-int": (_ACTUAL, "\n  actual: " + "9" * 50, "上限"),
    "amount-underscored": (_ACTUAL, "\n  actual: 1_000_000_000_000_000", "10¹²"),
    "amount-nan": (_ACTUAL, "\n  actual: .nan", "有限"),
    "amount-inf": (_ACTUAL, "\n  actual: .inf", "有限"),
    "staffing-5000-digits": (_TOTAL, "total: " + "9" * 5000, "上限"),
    "staffing-5000-digit-string": (_TOTAL, 'total: "' + "9" * 5000 + '"', "整数"),
    "staffing-hex-huge": (_TOTAL, "total: 0x" + "f" * 3000, "上限"),
    "score-1e13": ("max_score: 20", "max_score: 1e13", "10¹²"),
    "percent-tiny": ("percent_complete: 65", "percent_complete: 1e-30", "小数位数"),
    "payment-exp": ("amount: 1318.20", "amount: 1318.20e999", "10¹²"),
}


def _draft(tmp_path: Path, text: str) -> None:
    src = tmp_path / "data.yaml"
    src.write_text(text, encoding="utf-8")
    before = digest([src])
    out = tmp_path / "报告.md"
    outcome = run_forked(["draft", str(src), "-o", str(out)])
    return outcome, before, src, out


@pytest.mark.parametrize("name", sorted(STRUCTURE))
def test_hostile_yaml_structure(tmp_path: Path, name: str) -> None:
    text, word = STRUCTURE[name]
    outcome, before, src, out = _draft(tmp_path, text)
    assert_clean(outcome, code=2, contains=word)
    assert digest([src]) == before
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["data.yaml"]  # no temp file left


@pytest.mark.parametrize("name", sorted(NUMBERS))
def test_hostile_numbers(tmp_path: Path, name: str) -> None:
    old, new, word = NUMBERS[name]
    assert old in DATA
    outcome, before, src, out = _draft(tmp_path, DATA.replace(old, new, 1))
    assert_clean(outcome, code=2, contains=word)
    assert digest([src]) == before
    assert not out.exists()


def test_trailing_zeros_beyond_six_places_are_the_same_amount(tmp_path: Path) -> None:
    outcome, *_ = _draft(tmp_path, DATA.replace(_ACTUAL, "\n  actual: 3115.270000000000000000000000", 1))
    assert_clean(outcome, code=0, one_line=False)
    report = (tmp_path / "报告.md").read_text(encoding="utf-8")
    assert "3115.27万元" in report and "3115.2700000" not in report


@pytest.mark.parametrize(
    "size",
    [6 * 1024 * 1024, 30 * 1024 * 1024],
    ids=["over-data-limit", "over-input-limit"],
)
def test_oversized_data_file_is_refused_before_reading(tmp_path: Path, size: int) -> None:
    src = tmp_path / "data.yaml"
    with src.open("wb") as handle:  # sparse: costs nothing to make
        handle.truncate(size)
    outcome = run_forked(["validate", str(src)])
    assert_clean(outcome, code=2, contains="过大")


def test_config_file_alias_bomb_in_report_folder(tmp_path: Path) -> None:
    (tmp_path / "drafter.yaml").write_text(_bomb(9, 10), encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text((REPO / "examples" / "yangxi-2023" / "report.txt").read_text(encoding="utf-8"))
    outcome = run_forked(["check", str(report)])
    # check reports each file it could not read in its summary (stdout), not as a lone error
    assert_clean(outcome, code=2, contains="展开后超过", one_line=False)


def test_user_config_alias_bomb(tmp_path: Path) -> None:
    home = Path(os.environ["DRAFTER_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    from drafter.llm.options import config_path

    target = config_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("llm:\n  x: &x [1]\n" + _bomb(9, 10), encoding="utf-8")
    try:
        outcome = run_forked(["draft", str(REPO / "examples/yangxi-2023/data.yaml"), "--backend", "llm"])
    finally:
        target.unlink()
    assert_clean(outcome, code=2, contains="展开后超过")


def test_rubric_file_alias_bomb(tmp_path: Path) -> None:
    (tmp_path / "bomb.yaml").write_text(_bomb(9, 10), encoding="utf-8")
    outcome, *_ = _draft(tmp_path, DATA.replace("rubric: gd-county-dept-2023", "rubric: bomb.yaml", 1))
    # the rubric path is relative to where drafter runs
    outcome = run_forked(["draft", "data.yaml", "-o", "out.md"], cwd=tmp_path)
    assert_clean(outcome, code=2, contains="展开后超过")


# --- in-process: the bounds themselves -----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("999999999999"), Decimal("999999999999")),
        (Decimal("0.000001"), Decimal("0.000001")),
        (Decimal("13.00"), Decimal("13.00")),
        (Decimal("649.2300000000"), Decimal("649.23")),
        (131.82000000000002, Decimal("131.82")),
        (100.0, Decimal("100")),
        ("1,318.20万元", Decimal("1318.20")),
    ],
)
def test_amounts_within_bounds_are_kept(value: object, expected: Decimal) -> None:
    got = Expenditure.model_validate({"actual": value}).actual
    assert got == expected and str(got) == str(expected)


@pytest.mark.parametrize(
    "value",
    [Decimal("1e13"), Decimal("1.0e-999999999"), 10**5000, "9" * 100, 1e308, Decimal("0.0000001")],
    ids=["1e13", "exp-tiny", "int-5000-digits", "string-100-digits", "float-1e308", "7-places"],
)
def test_amounts_beyond_bounds_are_refused(value: object) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Expenditure.model_validate({"actual": value})


@pytest.mark.parametrize(
    "value", [Decimal("1e308"), Decimal("1.0e999999999"), Decimal("1e-999999999"), Decimal("9" * 60)]
)
def test_formatting_never_raises(value: Decimal) -> None:
    for text in (
        numfmt.money(value),
        numfmt.score(value),
        numfmt.plain(value),
        numfmt.rate(value, Decimal(3)),
    ):
        assert text is not None and len(text) < 200
    assert numfmt.rate(Decimal(1), Decimal("1e-999999")) is not None

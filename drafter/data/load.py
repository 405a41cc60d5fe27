"""Load evaluation data from YAML, keeping YAML line numbers for every field.

The YAML is composed into nodes once; the node tree gives each field path its line, and the same
nodes are constructed into Python values (numbers with a fraction become ``Decimal`` straight
from their text, so ``13.00`` keeps its two decimals and no float ever holds money).
Pydantic's errors are turned into Chinese findings naming the file, the line, the field path,
what is wrong and how to fix it.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from drafter.data.model import EvaluationData, nested_model
from drafter.errors import DrafterError
from drafter.fileio import read_text
from drafter.findings import Finding, Severity
from drafter.limits import MAX_DECIMALS, MAX_YAML_BYTES
from drafter.safeyaml import SafeLoader, check_yaml, number_too_long, yaml_problem

__all__ = ["DataError", "DataSource", "format_path", "load_data", "load_data_text"]

Loc = tuple[str | int, ...]

# Codes of the data validator itself (the checker's codes are used where one fits).
CODE_INVALID = "DA001"  # a value of the wrong type or range, a missing or unknown key


@dataclass(frozen=True)
class DataSource:
    """Where a data file came from, and the YAML line of each field path."""

    path: str
    lines: dict[Loc, int] = field(default_factory=dict, repr=False)

    def line_for(self, loc: Loc) -> int | None:
        """The line of ``loc``, or of its nearest ancestor that is in the file."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None


class DataError(DrafterError):
    """The data file is readable but not valid; ``findings`` lists every problem."""

    def __init__(self, findings: list[Finding], *, path: str) -> None:
        self.findings = findings
        first = findings[0]
        where = f"第{first.line}行 " if first.line else ""
        field_ = f"{first.path}：" if first.path else ""
        more = (
            f"（另有 {len(findings) - 1} 处错误，运行 drafter validate 查看全部）"
            if len(findings) > 1
            else ""
        )
        hint = f"{first.hint}" if first.hint else ""
        super().__init__(f"{where}{field_}{first.message}{hint}{more}", path=path)


class _Loader(SafeLoader):
    """Safe YAML whose non-integer numbers are ``Decimal`` from their exact text."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = str(loader.construct_scalar(node)).replace("_", "")
    if number_too_long(text):
        raise DrafterError(
            f"第{node.start_mark.line + 1}行：数字“{text[:20]}…”有 {len(text)} 个字符，超出上限；"
            f"金额以万元计不超过 10¹² 且最多 {MAX_DECIMALS} 位小数，请改正。",
            path=getattr(loader, "drafter_path", None),
        )
    try:
        return Decimal(text)
    except ArithmeticError:
        return loader.construct_yaml_float(node)  # .inf / .nan: pydantic rejects them clearly


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = str(node.value)
    if number_too_long(text):
        raise DrafterError(
            f"第{node.start_mark.line + 1}行：整数“{text[:20]}…”有 {len(text)} 位，超出上限；"
            "人数、金额和得分都远小于此，请改正。",
            path=getattr(loader, "drafter_path", None),
        )
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def format_path(loc: Loc) -> str:
    """``("indicators", 0, "self_score")`` → ``indicators[0].self_score``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _map_lines(node: yaml.Node, loc: Loc, lines: dict[Loc, int], dupes: list[tuple[Loc, int]]) -> None:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            sub = (*loc, name)
            if name in seen:
                dupes.append((sub, key.start_mark.line + 1))
            seen.add(name)
            lines[sub] = key.start_mark.line + 1
            _map_lines(value, sub, lines, dupes)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, (*loc, index), lines, dupes)


def _parse_yaml(text: str, path: str) -> tuple[Any, DataSource]:
    check_yaml(text, path=path, what="数据文件")
    loader = _Loader(text)
    loader.drafter_path = path
    try:
        node = loader.get_single_node()
        if node is None:
            raise DrafterError("数据文件是空的；可用 drafter init 生成一份带说明的模板。", path=path)
        value = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"第{mark.line + 1}行第{mark.column + 1}列：" if mark else ""
        problem = yaml_problem(exc)
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            problem = "YAML 不允许用 Tab 缩进，请改用空格"
        elif mark is not None and (colon := _full_width_key(text, mark.line)) is not None:
            where = f"第{colon + 1}行："
            problem = "键后面用了全角冒号“：”，应为半角冒号“:”加一个空格"
        raise DrafterError(
            f"{where}YAML 格式错误（{problem}）。请检查该行及上一行的缩进、冒号后的空格和引号是否成对。",
            path=path,
        ) from exc
    except yaml.YAMLError as exc:
        raise DrafterError(f"YAML 格式错误（{exc}）。", path=path) from exc
    finally:
        loader.dispose()
    lines: dict[Loc, int] = {}
    dupes: list[tuple[Loc, int]] = []
    _map_lines(node, (), lines, dupes)
    if dupes:
        loc, line = dupes[0]
        raise DrafterError(
            f"第{line}行：键“{format_path(loc)}”重复出现，后一个会覆盖前一个；请删除或合并重复的键。",
            path=path,
        )
    if not isinstance(value, dict):
        raise DrafterError(
            "数据文件的顶层应是键值对（meta: …、expenditure: … 等），请参照 drafter init 生成的模板。",
            path=path,
        )
    return value, DataSource(path=path, lines=lines)


_FULL_WIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[^\s#:：\"']+\s*：")


def _full_width_key(text: str, line: int) -> int | None:
    """The line (0-based) at or just above ``line`` whose key ends in a full-width colon."""
    lines = text.split("\n")
    for no in (line, line - 1, line - 2):
        if 0 <= no < len(lines) and _FULL_WIDTH_KEY.match(lines[no]):
            return no
    return None


def _example_for(key: str, what: str) -> str:
    """An example value of the field's kind: a year for a year, a count for a count."""
    if "year" in key:
        return "2023"
    return "20" if what == "整数" else "3115.27"


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


def load_data_text(text: str, *, path: str = "<data>") -> EvaluationData:
    """Parse and validate YAML text; raise :class:`DataError` listing every invalid field."""
    value, source = _parse_yaml(text, path)
    try:
        data = EvaluationData.model_validate(value)
    except ValidationError as exc:
        raise DataError(_findings_from(exc, source), path=path) from None
    data._source = source
    return data


def load_data(path: str | os.PathLike[str]) -> EvaluationData:
    """Read a data file (``.yaml``/``.yml``/``.json``, or an Excel 自评表 ``.xlsx``) into :class:`EvaluationData`.

    Raises :class:`~drafter.errors.DrafterError` for an unreadable file or broken YAML, and its
    subclass :class:`DataError` (with ``.findings``) for fields of the wrong type or range.
    """
    name = str(path)
    if name.lower().endswith((".xlsx", ".xlsm")):
        # An Excel 自评表 (read as ``drafter import`` does), so ``--data 自评表.xlsx`` works everywhere.
        from drafter.data.xlsx_import import import_workbook

        return import_workbook(path)
    return load_data_text(read_text(path, limit=MAX_YAML_BYTES), path=name)


# --- pydantic errors → Chinese findings ------------------------------------------------------


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The pydantic model class that owns the last key of ``loc``."""
    model: Any = EvaluationData
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part) if isinstance(model, type) else None
        if info is None:
            return None
        model = nested_model(info.annotation)
        if model is None:
            return None
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _describe(loc: Loc) -> str:
    model = _model_at(loc)
    if model is None or not loc or isinstance(loc[-1], int):
        return ""
    info = model.model_fields.get(str(loc[-1]))
    text = (info.description or "") if info else ""
    # The first clause names the field (自评得分；有下级指标时… → 自评得分).
    return re.split(r"[（，；,;]", text, maxsplit=1)[0]


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "键值对" if isinstance(value, dict) else "列表"
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"


def _clean_loc(loc: tuple[Any, ...]) -> Loc:
    # pydantic adds validator names (e.g. "function-before[...]", "decimal") to union/annotated locs.
    return tuple(p for p in loc if isinstance(p, int) or not (p in {"decimal", "str", "int"} or "[" in p))


def _findings_from(exc: ValidationError, source: DataSource) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[Loc, str]] = set()
    for err in exc.errors(include_url=False):
        loc = _clean_loc(err["loc"])
        kind = err["type"]
        if (loc, kind) in seen:
            continue
        seen.add((loc, kind))
        message, hint = _explain(err, loc)
        findings.append(
            Finding(
                code=CODE_INVALID,
                severity=Severity.ERROR,
                message=message,
                hint=hint,
                path=format_path(loc),
                line=source.line_for(loc if kind != "missing" else loc[:-1]),
                found=None if kind == "missing" else _show(err.get("input")),
            )
        )
    findings.sort(key=lambda f: (f.line or 0, f.path or ""))
    return findings


def _explain(err: Any, loc: Loc) -> tuple[str, str | None]:
    """(what is wrong, how to fix it) in Chinese for one pydantic error."""
    kind: str = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    value = err.get("input")
    key = str(loc[-1]) if loc else ""
    desc = _describe(loc)
    about = f"（{desc}）" if desc else ""
    if kind == "missing":
        return f"缺少必填项“{key}”{about}。", f"请在此处添加 {key}: …"
    if kind == "extra_forbidden":
        model = _model_at(loc)
        allowed = list(model.model_fields) if model else []
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = (
            f"是否想写“{close[0]}”？"
            if close
            else ("此处可用的键：" + "、".join(allowed) if allowed else None)
        )
        return f"未知的键“{key}”。", hint
    if kind in {
        "decimal_parsing",
        "decimal_type",
        "int_parsing",
        "int_parsing_size",
        "int_type",
        "float_parsing",
        "int_from_float",
    }:
        what = "整数" if kind.startswith("int") else "数字"
        return (
            f"“{key}”{about}应为{what}，实际是“{_show(value)}”。",
            f"请填写{what}，例如 {_example_for(key, what)}，不要带单位或文字。",
        )
    if kind in {"greater_than_equal", "greater_than"}:
        limit = ctx.get("ge", ctx.get("gt"))
        if str(limit) == "0":
            return (
                f"“{key}”{about}不能为负数，实际是 {_show(value)}。",
                "金额、人数和得分都应填非负数；如为退款或冲减，请在说明文字中写明。",
            )
        return f"“{key}”{about}不能小于 {limit}，实际是 {_show(value)}。", f"请填写不小于 {limit} 的数。"
    if kind in {"less_than_equal", "less_than"}:
        limit = ctx.get("le", ctx.get("lt"))
        return f"“{key}”{about}不能大于 {limit}，实际是 {_show(value)}。", f"请填写不大于 {limit} 的数。"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", "、").replace(", ", "、")
        return (
            f"“{key}”{about}只能是 {expected} 之一，实际是“{_show(value)}”。",
            f"请从 {expected} 中选一个填写，照原样书写。",
        )
    if kind in {"string_type"}:
        return (
            f"“{key}”{about}应为文字，实际是“{_show(value)}”。",
            '数字或日期当文字用时请加引号，例如 "2023"。',
        )
    if kind in {"string_too_short"}:
        return f"“{key}”{about}不能为空。", "请填写内容；这一项不适用的，删去整项。"
    if kind in {"list_type"}:
        return f"“{key}”{about}应为列表，实际是“{_show(value)}”。", "列表的每一项另起一行，以“- ”开头。"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return (
            f"“{key or '顶层'}”{about}应为键值对，实际是“{_show(value)}”。",
            "在下一行缩进两个空格，写“键: 值”。",
        )
    if kind in {"bool_parsing", "bool_type"}:
        return f"“{key}”{about}应为 true 或 false，实际是“{_show(value)}”。", "是填 true，否填 false。"
    if kind in {"finite_number"}:
        return f"“{key}”{about}应为有限的数字。", "请填写实际的数字。"
    if kind == "value_error":
        reason = str(ctx.get("error", err.get("msg", "")))
        return f"“{key}”{about}的值“{_show(value)}”不合要求：{reason}。", "请按上面的说明改正。"
    return f"“{key}”{about}不合要求：{err.get('msg', kind)}。", "请对照 drafter init 生成的模板改正。"

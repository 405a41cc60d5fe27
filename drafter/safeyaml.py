"""YAML read with limits: size, nesting depth, text length, alias expansion and number length.

A YAML file of a kilobyte can name a value that expands to billions of nodes (anchors nesting
aliases: the "billion laughs"), nest ten thousand brackets deep (recursion in the composer), or
hold an integer of a million digits (``int()`` refuses past 4300). :func:`check_yaml` walks the
event stream once, in C where libyaml is built, before any node or object is made, and counts
the nodes each alias stands for, so a bomb is refused after reading at most ``MAX_YAML_NODES``
of them. Every refusal is one Chinese :class:`~drafter.errors.DrafterError` naming the limit.

:class:`SafeLoader` is PyYAML's safe loader whose integers and floats are first checked for
length, so ``int()`` never sees 5000 digits. Use :func:`safe_load` instead of ``yaml.safe_load``.
"""

from __future__ import annotations

from typing import Any

import yaml

from drafter.errors import DrafterError
from drafter.limits import MAX_NUMBER_CHARS, MAX_YAML_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES, MAX_YAML_SCALAR

__all__ = ["SafeLoader", "check_yaml", "number_too_long", "safe_load", "yaml_problem"]

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line(event: Any) -> str:
    mark = getattr(event, "start_mark", None)
    return f"第{mark.line + 1}行：" if mark is not None else ""


def check_yaml(text: str, *, path: str | None = None, what: str = "YAML 文件") -> None:
    """Raise :class:`DrafterError` if ``text`` exceeds a limit; syntax errors are left to the loader."""
    if len(text) > MAX_YAML_BYTES:
        raise DrafterError(
            f"{what}有 {len(text) / 1024 / 1024:.1f} M 个字符，超过上限 {MAX_YAML_BYTES // 1024 // 1024} M；"
            "评价数据通常只有几十 KB，请确认选对了文件。",
            path=path,
        )
    nodes = 0
    depth = 0
    open_nodes: list[tuple[int, str | None]] = []  # (nodes before it, its anchor) per open collection
    sizes: dict[str, int] = {}  # anchor → nodes it stands for, expanded
    parser = _Base(text)
    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, yaml.ScalarEvent):
                nodes += 1
                if len(event.value) > MAX_YAML_SCALAR:
                    raise DrafterError(
                        f"{_line(event)}一项内容有 {len(event.value)} 个字符，超过上限 {MAX_YAML_SCALAR}；"
                        "请拆分或精简。",
                        path=path,
                    )
                if event.anchor:
                    sizes[event.anchor] = 1
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise DrafterError(
                        f"{_line(event)}YAML 嵌套超过 {MAX_YAML_DEPTH} 层，超出上限；请检查缩进和括号是否成对。",
                        path=path,
                    )
                open_nodes.append((nodes, event.anchor))
                nodes += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                before, anchor = open_nodes.pop()
                if anchor:
                    sizes[anchor] = nodes - before
            elif isinstance(event, yaml.AliasEvent):
                if any(anchor == event.anchor for _, anchor in open_nodes):
                    raise DrafterError(
                        f"{_line(event)}锚点“{event.anchor}”引用了它自身（&、* 循环引用），无法读取；请把内容直接写出。",
                        path=path,
                    )
                nodes += sizes.get(event.anchor, 1)
            if nodes > MAX_YAML_NODES:
                raise DrafterError(
                    f"{_line(event)}{what}展开后超过 {MAX_YAML_NODES} 项（多为锚点与别名 &、* 层层引用），"
                    "超出上限；请把内容直接写出，不要层层引用。",
                    path=path,
                )
    except yaml.YAMLError:
        return  # a syntax error: the loader reports it with its line
    finally:
        parser.dispose()


def number_too_long(text: str) -> bool:
    """True if a number written as ``text`` is too long to be converted safely."""
    return len(text) > MAX_NUMBER_CHARS


class SafeLoader(_Base):  # type: ignore[misc,valid-type]
    """PyYAML's safe loader whose numbers are checked for length before conversion."""


def _too_long(node: yaml.ScalarNode) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(
        None,
        None,
        f"数字有 {len(str(node.value))} 个字符，超过上限 {MAX_NUMBER_CHARS}",
        node.start_mark,
    )


def _construct_int(loader: Any, node: yaml.ScalarNode) -> Any:
    if number_too_long(str(node.value)):
        raise _too_long(node)
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


def _construct_float(loader: Any, node: yaml.ScalarNode) -> Any:
    if number_too_long(str(node.value)):
        raise _too_long(node)
    return yaml.constructor.SafeConstructor.construct_yaml_float(loader, node)


SafeLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
SafeLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def safe_load(text: str, *, path: str | None = None, what: str = "YAML 文件") -> Any:
    """``yaml.safe_load`` within the limits: a limit exceeded is a :class:`DrafterError`;
    broken YAML is still a ``yaml.YAMLError`` for the caller to word."""
    check_yaml(text, path=path, what=what)
    return yaml.load(text, Loader=SafeLoader)


#: PyYAML's reasons (the start of ``problem``, else of ``context``) in words a user can act on; a
#: reason not listed here is given as the generic last entry, never in English
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "此处不能出现“键: 值”，多半是缩进不对或冒号后缺空格"),
    ("could not find expected ':'", "缺少冒号"),
    ("found character '\\t' that cannot start any token", "YAML 不允许用 Tab 缩进，请改用空格"),
    ("found a tab character", "YAML 不允许用 Tab 缩进，请改用空格"),
    ("found character", "出现了不能开头的字符（如 @、`、%），请给这个值加上引号"),
    ("did not find expected key", "缩进不一致"),
    ("did not find expected '-' indicator", "列表项缩进不一致"),
    ("did not find expected ',' or ']'", "方括号 [ ] 没有成对，或列表的各项之间缺少逗号"),
    ("did not find expected ',' or '}'", "花括号 { } 没有成对，或各项之间缺少逗号"),
    ("expected ',' or ']'", "方括号 [ ] 没有成对，或列表的各项之间缺少逗号"),
    ("expected ',' or '}'", "花括号 { } 没有成对，或各项之间缺少逗号"),
    ("did not find expected node content", "此处缺少值"),
    ("expected the node content", "此处缺少值"),
    (
        "did not find expected alphabetic or numeric character",
        "锚点或别名（&、*）的名称有误；若是文字，请加引号",
    ),
    ("did not find expected comment or line break", "值的后面多了内容；含空格或 # 的值请加引号"),
    ("found unexpected ':'", "多了一个冒号；值中含冒号的，请给值加上引号"),
    ("found unknown escape character", "双引号中的反斜杠转义有误；反斜杠请写成两个，或改用单引号"),
    ("found unexpected end of stream", "引号或括号没有成对"),
    ("found undefined alias", "引用了未定义的锚点"),
    ("found duplicate anchor", "锚点重名"),
    ("found undefined tag handle", "以“!”开头的标签未定义；若是文字，请加引号"),
    ("could not determine a constructor", "不支持以“!”开头的标签；若是文字，请加引号"),
    ("expected <block end>", "缩进不一致"),
    ("expected a single document", "文件中有多个文档（“---”分隔），只能有一个"),
    ("but found another document", "文件中有多个文档（“---”分隔），只能有一个"),
    ("exceeded maximum nesting depth", "嵌套层数过多"),
    ("unacceptable character", "含有不允许的控制字符"),
    ("", "格式不符合 YAML 语法"),
)


def yaml_problem(exc: yaml.YAMLError) -> str:
    """Why PyYAML refused a text, in Chinese (its own English reason is never shown)."""
    reasons = [getattr(exc, "problem", None) or "", getattr(exc, "context", None) or "", str(exc)]
    for english, chinese in _YAML_PROBLEMS:
        if english and any(r.startswith(english) for r in reasons[:2]):
            return chinese
    for english, chinese in _YAML_PROBLEMS:  # a ReaderError has only its message
        if english and english in reasons[2]:
            return chinese
    return _YAML_PROBLEMS[-1][1]

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

__all__ = ["SafeLoader", "check_yaml", "number_too_long", "safe_load"]

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

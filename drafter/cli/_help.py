"""Help in Chinese: click's words translated, and text wrapped without breaking a word.

Typer (and the click it uses, vendored or not) writes help with English words — "Usage:",
"Options", "[default: …]", "[required]", "Show this message and exit." — and wraps it with
``textwrap``, which counts a Chinese character as one column and cuts a Latin word such as
"Ollama" anywhere once a line of Chinese is full. The command and group classes here give every
command a help formatter that writes the Chinese words and wraps by display width: between any
two Chinese characters, at spaces, but never inside a Latin word, an option name or a number, and
never with a closing mark (，。）) at the start of a line.

The classes derive from the ones the installed typer uses, so old and new typer both work.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from drafter.text.lazyre import lazy_compile
from drafter.text.width import display_width as _width

__all__ = ["chinese_classes", "translate_help", "wrap"]

#: Section headings click and typer write.
HEADINGS = {"Options": "选项", "Arguments": "参数", "Commands": "命令"}

#: Words inside option rows and usage lines, as click and typer write them.
_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (lazy_compile(pattern), replacement)
    for pattern, replacement in (
        (r"\[default: (.*?)\]", r"[默认：\1]"),
        (r"; default: ([^\]]*)\]", r"；默认：\1]"),
        (r"; (\d+)<=x<=(\d+)\]", r"；\1–\2]"),
        (r"\[required\]", "[必填]"),
        (r"\[env var: (.*?)\]", r"[环境变量：\1]"),
        (r"\[(\d+)<=x<=(\d+)\]", r"[\1–\2]"),
        (r"\[x>=(\d+)\]", r"[≥\1]"),
        (r"\[x<=(\d+)\]", r"[≤\1]"),
        (r"Show this message and exit\.", "显示本帮助并退出。"),
        (r"Show the version and exit\.", "显示版本号并退出。"),
        (r"\[OPTIONS\]", "[选项]"),
        (r"\{([^{}|]+)\}", r"\1"),  # typer braces an argument's metavar in the usage line
        (r"COMMAND \[ARGS\]\.\.\.", "命令 [参数]..."),
        (r"\[ARGS\]\.\.\.", "[参数]..."),
        (r"<list\[Path\]>|<path>|<Path>", "<路径>"),
        (r"<str>|<text>", "<文本>"),
        (r"<int range>|<int>|<integer>", "<整数>"),
        (r"<float range>|<float>", "<数>"),
        (r"<boolean>|<bool>", "<是/否>"),
    )
)


def translate_help(text: str) -> str:
    """click's English words in ``text`` (a help row, a usage line) in Chinese."""
    for pattern, replacement in _WORDS:
        text = pattern.sub(replacement, text)
    return text


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


#: Marks that must not begin a line (they close or follow what precedes them).
_NO_LINE_START = set("，。、；：？！）》」』”’】〕…%")
#: Marks that must not end a line (they open what follows).
_NO_LINE_END = set("（《「『“‘【〔")
#: A bracketed note ("[默认：text]", "[必填]") stays on one line; otherwise one character at a time.
_CHUNK = lazy_compile(r"\[[^\[\]\s]{1,30}\]|\s+|[^\s]")


def _chunks(text: str) -> list[str]:
    """Breakable pieces: each Chinese character alone, Latin words and numbers whole, spaces."""
    out: list[str] = []
    word = ""
    for piece in _CHUNK.findall(text):
        if piece.isspace():
            if word:
                out.append(word)
                word = ""
            out.append(" ")
        elif len(piece) > 1 or _wide(piece):
            if word:
                out.append(word)
                word = ""
            out.append(piece)
        else:
            word += piece
    if word:
        out.append(word)
    # keep marks with their neighbours: a closing mark sticks to what precedes, an opening one
    # to what follows
    glued: list[str] = []
    for piece in out:
        if glued and (piece[0] in _NO_LINE_START or glued[-1][-1] in _NO_LINE_END) and piece != " ":
            glued[-1] += piece
        else:
            glued.append(piece)
    return glued


_CJK_GAP = lazy_compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")


def _join_lines(text: str) -> str:
    """One line of text: runs of white space become one space, none between Chinese characters."""
    return _CJK_GAP.sub("", " ".join(text.split()))


def _wrap_paragraph(text: str, width: int, first: str, rest: str) -> list[str]:
    lines: list[str] = []
    line, used = first, _width(first)
    empty = True
    for piece in _chunks(_join_lines(text)):
        size = _width(piece)
        if piece == " ":
            if not empty:
                line, used = line + " ", used + 1
            continue
        if not empty and used + size > width:
            lines.append(line.rstrip())
            line, used, empty = rest, _width(rest), True
        line, used, empty = line + piece, used + size, False
    lines.append(line.rstrip())
    return lines


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """``text`` wrapped to ``width`` display columns; blank lines keep paragraphs apart."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    out: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        first = initial_indent if i == 0 else subsequent_indent
        out.extend(_wrap_paragraph(paragraph, width, first, subsequent_indent))
        if i < len(paragraphs) - 1:
            out.append("")
    return "\n".join(out)


@lru_cache(maxsize=1)
def chinese_classes() -> tuple[type, type]:
    """(command class, group class) whose help is Chinese and wrapped by display width."""
    from typer.core import TyperCommand, TyperGroup

    base_context: Any = TyperCommand.context_class
    base_formatter: Any = base_context.formatter_class

    class ChineseHelpFormatter(base_formatter):  # type: ignore[misc, valid-type]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            head = f"{' ' * self.current_indent}用法：{prog} "
            body = translate_help(args)
            self.write(wrap(body, self.width, head, " " * _width(head)) + "\n")

        def write_heading(self, heading: str) -> None:
            self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

        def write_text(self, text: str) -> None:
            indent = " " * self.current_indent
            self.write(wrap(translate_help(text), self.width, indent, indent) + "\n")

        def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
            rows = [(translate_help(a), translate_help(b)) for a, b in rows]
            if not rows:
                return
            first_col = min(max(_width(a) for a, _ in rows), col_max) + col_spacing
            text_width = max(self.width - first_col - 2, 20)
            pad = " " * (first_col + self.current_indent)
            for first, second in rows:
                self.write(f"{'':>{self.current_indent}}{first}")
                if not second:
                    self.write("\n")
                    continue
                if _width(first) <= first_col - col_spacing:
                    self.write(" " * (first_col - _width(first)))
                else:
                    self.write("\n" + pad)
                lines = wrap(second, text_width).splitlines() or [""]
                self.write(lines[0] + "\n")
                for line in lines[1:]:
                    self.write((pad + line if line else "") + "\n")

    class ChineseContext(base_context):  # type: ignore[misc, valid-type]
        formatter_class = ChineseHelpFormatter

    class ChineseCommand(TyperCommand):
        context_class = ChineseContext

    class ChineseGroup(TyperGroup):
        context_class = ChineseContext

    return ChineseCommand, ChineseGroup

"""Suppressing findings a reviewer has accepted: inline notes and a config file.

Inline, on the line of the finding::

    ……固定资产利用率达到100%，自评2分。【drafter: ignore SC006】

or alone on the line before it (a line that holds nothing but the note applies to the next
non-blank line). The note may be written ``drafter: ignore SC006, CN001`` or in Chinese
``drafter：忽略 SC006``; a family prefix (``SC``) or ``ALL`` suppresses more; a note with no code
at all suppresses every finding of its line. The note itself is removed from the text before the
checks run, so its digits are never read as a figure.

A config file ``drafter.yaml`` (or ``.drafter.yaml``) in the report's folder or any folder above
it — or the file given with ``--config`` — holds ignore lists::

    check:
      ignore: [CN003]              # never report these codes (or families: CN)
      select: [SC, FG, CL]         # report only these (optional)
      per-file-ignores:            # glob, relative to the config file's folder
        "2023/*阳西*.docx": [SC006]

YAML rather than TOML because Python 3.10 has no TOML reader in the standard library and users
already write their evaluation data in YAML.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from drafter.document import Document, Line, LineKind
from drafter.errors import DrafterError
from drafter.findings import Finding
from drafter.text.lazyre import lazy_compile

__all__ = [
    "CONFIG_NAMES",
    "InlineSuppressions",
    "SuppressionConfig",
    "code_matches",
    "find_config",
    "load_config",
    "parse_codes",
    "strip_inline",
]

CONFIG_NAMES = ("drafter.yaml", ".drafter.yaml", "drafter.yml", ".drafter.yml")

_CODE = r"(?:[A-Za-z]{2}\d{0,3}|ALL|all)"
# ``drafter: ignore SC003, CN001`` / ``drafter：忽略 SC003、CN001`` / bare ``drafter: ignore``.
_NOTE = lazy_compile(
    r"[【\[(（<]?\s*(?:<!--\s*)?drafter\s*[:：]\s*(?:ignore|noqa|忽略)"
    rf"((?:[\s,，、;；]*{_CODE}(?![A-Za-z0-9]))*)\s*(?:-->)?\s*[】\])）>]?",
    re.IGNORECASE,
)
_CODE_RE = lazy_compile(r"^(?:[A-Z]{2}(?:\d{3})?|ALL)$")
_LEADING_JUNK = lazy_compile(r"^[\s#/\-*>]*$")


def parse_codes(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """``"SC001, cn"`` or ``["SC001", "CN"]`` → ``("SC001", "CN")``; a bad code is a DrafterError."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for value in values:
        for part in re.split(r"[\s,，、;；]+", str(value)):
            if not part:
                continue
            code = part.upper()
            if not _CODE_RE.match(code):
                raise DrafterError(
                    f"无法识别的规则代码“{part}”：应为两个大写字母加三位数字（如 SC003）或规则族前缀（如 SC）。"
                )
            out.append(code)
    return tuple(dict.fromkeys(out))


def code_matches(code: str, patterns: Iterable[str]) -> bool:
    """True when ``code`` is named by one of ``patterns`` (a full code, a family prefix or ALL)."""
    return any(p == "ALL" or code.startswith(p) for p in patterns)


@dataclass(frozen=True)
class InlineSuppressions:
    """Per line: the codes suppressed there (an empty tuple means every code)."""

    by_line: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def suppresses(self, finding: Finding) -> bool:
        lines = {finding.line, finding.end_line} - {None}
        for no in lines:
            codes = self.by_line.get(no)  # type: ignore[arg-type]
            if codes is not None and (not codes or code_matches(finding.code, codes)):
                return True
        return False


def _cut(line: Line, spans: Sequence[tuple[int, int]]) -> Line:
    """``line`` with the characters of ``spans`` (indices into ``line.text``) removed."""
    keep = [i for i in range(len(line.text)) if not any(a <= i < b for a, b in spans)]
    text = "".join(line.text[i] for i in keep)
    offsets = tuple(line.offsets[i] for i in keep) if line.offsets else tuple(keep)
    # Trim what the note leaves behind at the ends, keeping offsets aligned.
    start, end = 0, len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    cells = tuple(_NOTE.sub("", c).strip() for c in line.cells) if line.cells else line.cells
    kind = line.kind if text[start:end] else LineKind.BLANK
    return replace(line, text=text[start:end], offsets=offsets[start:end], cells=cells, kind=kind)


def _mentions_drafter(text: str) -> bool:
    """Whether "drafter" stands in ``text`` in any case. A case-blind regex tries every position of
    a Chinese text in Python's sre; a scan for the letter r and, if there is one, a substring test
    of the text's ASCII characters, lowered, are C loops. Only A–Z lower to a letter of "drafter",
    so the word's letters stand together among the ASCII characters whenever it stands in the
    text; lowering the whole text instead costs seven times as much (most reports have an r)."""
    return ("r" in text or "R" in text) and b"drafter" in text.encode("ascii", "ignore").lower()


def strip_inline(doc: Document) -> tuple[Document, InlineSuppressions]:
    """Remove suppression notes from ``doc`` and say which line each one covers."""
    if not _mentions_drafter("\n".join([ln.text for ln in doc.lines])):  # almost every report
        return doc, InlineSuppressions()
    by_line: dict[int, tuple[str, ...]] = {}
    lines = list(doc.lines)
    pending: tuple[str, ...] | None = None
    for i, line in enumerate(lines):
        matches = list(_NOTE.finditer(line.text)) if "drafter" in line.text.lower() else []
        if not matches:
            if pending is not None and line.text.strip():
                by_line[line.no] = _merge(by_line.get(line.no), pending)
                pending = None
            continue
        codes: list[str] = []
        for m in matches:
            codes.extend(parse_codes(m.group(1)) if m.group(1).strip() else ())
            if not m.group(1).strip():
                codes = []
                break
        new = _cut(line, [(m.start(), m.end()) for m in matches])
        lines[i] = new
        these = tuple(codes)
        if _LEADING_JUNK.match(new.text):  # a note on a line of its own covers the next line
            pending = these if pending is None else _merge(pending, these)
        else:
            by_line[line.no] = _merge(by_line.get(line.no), these)
            if pending is not None:
                by_line[line.no] = _merge(by_line[line.no], pending)
                pending = None
    return replace(doc, lines=tuple(lines)), InlineSuppressions(by_line)


def _merge(a: tuple[str, ...] | None, b: tuple[str, ...]) -> tuple[str, ...]:
    if a is None:
        return b
    if not a or not b:  # one of them suppresses everything
        return ()
    return tuple(dict.fromkeys((*a, *b)))


@dataclass(frozen=True)
class SuppressionConfig:
    """The ``check:`` section of a config file."""

    source: str = ""
    root: str = "."
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Codes ignored for the report at ``path`` (the global list plus matching globs)."""
        codes = list(self.ignore)
        if self.per_file_ignores:
            p = Path(path).resolve()
            try:
                rel = p.relative_to(Path(self.root).resolve()).as_posix()
            except ValueError:
                rel = p.as_posix()
            for pattern, these in self.per_file_ignores:
                if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(p.name, pattern):
                    codes.extend(these)
        return tuple(dict.fromkeys(codes))


def find_config(report: str | Path) -> Path | None:
    """The nearest config file in the report's folder or a folder above it."""
    folder = Path(report).resolve().parent
    for d in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = d / name
            if candidate.is_file():
                return candidate
    return None


def load_config(path: str | Path) -> SuppressionConfig:
    """Read a config file; a mistake in it is a DrafterError naming the file and the key."""
    import yaml

    from drafter.fileio import read_text
    from drafter.safeyaml import safe_load, yaml_problem

    p = Path(path)
    try:
        raw = safe_load(read_text(p), path=str(p), what="配置文件") or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else ""
        raise DrafterError(f"配置文件不是有效的 YAML{where}（{yaml_problem(exc)}）。", path=str(p)) from exc
    if not isinstance(raw, dict):
        raise DrafterError("配置文件的顶层应为键值对（例如 check: ...）。", path=str(p))
    section = raw.get("check", {}) or {}
    if not isinstance(section, dict):
        raise DrafterError("配置项 check 应为键值对。", path=str(p))
    known = {"select", "ignore", "per-file-ignores", "per_file_ignores"}
    unknown = sorted(set(section) - known)
    if unknown:
        raise DrafterError(
            f"配置项 check 中有无法识别的键：{', '.join(map(str, unknown))}（可用：select、ignore、per-file-ignores）。",
            path=str(p),
        )
    pfi_raw = section.get("per-file-ignores", section.get("per_file_ignores", {})) or {}
    if not isinstance(pfi_raw, dict):
        raise DrafterError(
            "配置项 check.per-file-ignores 应为“文件名模式: [规则代码]”的键值对。", path=str(p)
        )
    try:
        pfi = tuple((str(k), parse_codes(v)) for k, v in pfi_raw.items())
        return SuppressionConfig(
            source=str(p),
            root=str(p.resolve().parent),
            select=parse_codes(section.get("select")),
            ignore=parse_codes(section.get("ignore")),
            per_file_ignores=pfi,
        )
    except DrafterError as exc:
        raise DrafterError(exc.message, path=str(p)) from exc

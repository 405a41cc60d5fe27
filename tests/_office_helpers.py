"""Helpers shared by the office tests: reading comments and their anchored text out of a .docx."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class Checked:
    """Stands in for ``drafter.check.run.ReportResult`` (path, findings, error)."""

    path: str
    findings: list
    error: str | None = None
    stated_total: Decimal | None = None
    computed_total: Decimal | None = None


def comments(docx_path: Path) -> dict[str, dict[str, str]]:
    """comment id -> {"author", "text", "anchor"}: the comment and the body text it covers."""
    with zipfile.ZipFile(docx_path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        names = z.namelist()
        notes = etree.fromstring(z.read("word/comments.xml")) if "word/comments.xml" in names else None
    result: dict[str, dict[str, str]] = {}
    if notes is None:
        return result
    for c in notes.iter(f"{W}comment"):
        paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iter(f"{W}p")]
        result[c.get(f"{W}id")] = {"author": c.get(f"{W}author"), "text": "\n".join(paragraphs), "anchor": ""}
    active: list[str] = []
    for el in body.iter():
        if el.tag == f"{W}commentRangeStart":
            active.append(el.get(f"{W}id"))
        elif el.tag == f"{W}commentRangeEnd":
            active.remove(el.get(f"{W}id"))
        elif el.tag == f"{W}t":
            for cid in active:
                result[cid]["anchor"] += el.text or ""
    return result

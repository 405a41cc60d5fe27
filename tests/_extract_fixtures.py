"""The extractor fixtures (tests/fixtures/extract/*.txt) read as a user's file: as the .txt itself, or
as a .docx made from it, whose table rows become Word tables."""

from __future__ import annotations

from pathlib import Path

from drafter.check.extract import extract_facts
from drafter.check.facts import Facts
from drafter.document import Document
from drafter.read import read_document
from tests.fixtures.rules.make_docx import txt_to_docx

HERE = Path(__file__).resolve().parent / "fixtures" / "extract"


def read_as(src: Path, fmt: str, tmp_path: Path) -> Document:
    """The text file ``src`` read as ``fmt``: "txt" as it is, "docx" as a .docx made in ``tmp_path``."""
    if fmt == "docx":
        dst = tmp_path / (src.stem + ".docx")
        txt_to_docx(src, dst)
        src = dst
    return read_document(src)


def fixture_facts(name: str, fmt: str, tmp_path: Path) -> Facts:
    """The facts of the extractor fixture ``name`` read as ``fmt``."""
    return extract_facts(read_as(HERE / name, fmt, tmp_path))

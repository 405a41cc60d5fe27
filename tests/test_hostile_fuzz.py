"""Fuzzing the readers: random bytes and mutated .docx/.xlsx/.pdf files end in a DrafterError or a
document, never in another exception (hypothesis, in-process, small budgets for CI)."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import _hostile_files as hf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.errors import DrafterError
from drafter.read import read_document

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def _valid(suffix: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if suffix == ".docx":
            path = hf.docx(folder / "r.docx")
        elif suffix == ".xlsx":
            path = hf.xlsx(folder / "r.xlsx")
        else:
            path = hf.pdf(folder / "r.pdf", ["Budget 3115.48 total 96 score 9"] * 2)
        return path.read_bytes()


VALID = {suffix: _valid(suffix) for suffix in (".docx", ".xlsx", ".pdf")}


def _read(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"报告{suffix}"
        path.write_bytes(data)
        try:
            read_document(path)
        except DrafterError as exc:
            assert exc.message and "\n" not in exc.message


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pdf", ".txt"])
@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes(suffix: str, data: bytes) -> None:
    _read(data, suffix)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pdf"])
@FUZZ
@given(edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8))
def test_mutated_files(suffix: str, edits: list[tuple[int, int]]) -> None:
    data = bytearray(VALID[suffix])
    for pos, value in edits:
        data[pos % len(data)] = value
    _read(bytes(data), suffix)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
@FUZZ
@given(
    part=st.sampled_from(
        ["word/document.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml", "_rels/.rels"]
    ),
    cut=st.integers(min_value=0, max_value=2000),
    junk=st.binary(max_size=64),
)
def test_mutated_parts(suffix: str, part: str, cut: int, junk: bytes) -> None:
    """A part of a valid package cut short and given junk: the zip is sound, its XML is not."""
    source = zipfile.ZipFile(io.BytesIO(VALID[suffix]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == part:
                body = body[:cut] + junk
            target.writestr(info.filename, body)
    _read(out.getvalue(), suffix)

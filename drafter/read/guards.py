"""A thin guard in front of every reader of Office files: checked before anything is unpacked.

A .docx or .xlsx is a zip of XML parts, and a few kilobytes of zip can unpack to gigabytes (a zip
bomb), hold a hundred thousand parts, or carry an XML DTD whose entities expand a billion times.
A file protected by a password to open is not a zip at all but an OLE compound file holding an
``EncryptedPackage`` stream. :func:`check_package` looks at the zip's directory (sizes as
recorded, which a bomb cannot hide from the ratio check since a part that inflates beyond its
recorded size fails its CRC and is read as broken) and at the start of every XML part for a DTD,
without inflating more than a few kilobytes of each. Counts of paragraphs, rows and pages are
checked by :func:`check_count` before the reader walks them. Each refusal names the limit.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from drafter.errors import DrafterError
from drafter.limits import (
    MAX_CELLS,
    MAX_GRID,
    MAX_ROWS,
    MAX_SHEET_BYTES,
    MAX_ZIP_MEMBERS,
    MAX_ZIP_RATIO,
    MAX_ZIP_UNPACKED,
)

__all__ = ["check_count", "check_package", "check_sheets", "count_xml_elements", "is_encrypted_ooxml"]

# What a damaged part raises while it is inflated (zlib.error is none of the others).
_UNZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_LEGACY = {"docx": ".doc", "xlsx": ".xls"}
# Stream names of a Word 97–2003 document and an Excel 97–2003 workbook in the OLE directory.
_LEGACY_STREAMS = tuple(name.encode("utf-16-le") for name in ("WordDocument", "Workbook", "Book"))
_NAMES = {"docx": "Word 文档", "xlsx": "Excel 工作簿"}
# A part smaller than this is never a bomb, whatever its ratio (XML of repeated cells compresses
# very well: a real 100 KB sheet part can be 2 KB zipped).
_RATIO_FLOOR = 1024 * 1024
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"))


def is_encrypted_ooxml(data: bytes) -> bool:
    """True for an OLE compound file holding an encrypted Office package (a password to open)."""
    return data.startswith(_OLE_MAGIC) and _ENCRYPTED_STREAM in data[:1_000_000]


def check_package(data: bytes, shown: str, kind: str) -> None:
    """Refuse encrypted, legacy, broken or oversized Office packages with one Chinese sentence."""
    name = _NAMES.get(kind, "Office 文件")
    if data.startswith(_OLE_MAGIC):
        if is_encrypted_ooxml(data):
            raise DrafterError(
                f"这是加密的{name}（设有打开密码），无法读取。请在 Office/WPS 中取消密码后另存，再重试。",
                path=shown,
            )
        legacy = _LEGACY.get(kind, ".doc/.xls")
        if any(stream in data[:1_000_000] for stream in _LEGACY_STREAMS):
            raise DrafterError(
                f"这是旧版 {legacy} 格式的文件，不是 .{kind}；请在 Office/WPS 中另存为 .{kind} 后重试。",
                path=shown,
            )
        raise DrafterError(
            f"文件已设置打开密码（加密），或是旧版 {legacy} 格式，无法读取；"
            f"请在 Office/WPS 中取消密码，或另存为 .{kind} 后重试。",
            path=shown,
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except _UNZIP_ERRORS:
        raise DrafterError(f"文件已损坏或不是 .{kind} 文件（无法作为{name}打开）。", path=shown) from None
    with package:
        if len(infos) > MAX_ZIP_MEMBERS:
            raise DrafterError(
                f"文件内含 {len(infos)} 个部件，超过上限 {MAX_ZIP_MEMBERS}，不像是一份{name}。", path=shown
            )
        total = sum(info.file_size for info in infos)
        if total > MAX_ZIP_UNPACKED:
            raise DrafterError(
                f"文件解压后有 {total // 1024 // 1024} MB，超过上限 {MAX_ZIP_UNPACKED // 1024 // 1024} MB"
                "（可能是压缩炸弹），拒绝读取。",
                path=shown,
            )
        for info in infos:
            if info.file_size > _RATIO_FLOOR and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
                raise DrafterError(
                    f"文件中的部件 {info.filename} 压缩比超过 {MAX_ZIP_RATIO}:1（可能是压缩炸弹），拒绝读取。",
                    path=shown,
                )
        for info in infos:
            if info.filename.endswith((".xml", ".rels")) and _has_dtd(package, info):
                raise DrafterError(
                    f"文件中的部件 {info.filename} 含有 DTD 实体声明（Office 文件从不使用，可能是恶意构造），拒绝读取。",
                    path=shown,
                )


def _has_dtd(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    # A DTD must stand before the root element, so the head of the part is enough.
    try:
        with package.open(info) as handle:
            head = handle.read(4096)
    except _UNZIP_ERRORS:
        return False  # a broken part is reported as broken by the reader that needs it
    return any(marker in head for marker in _DTD_MARKERS)


def count_xml_elements(xml: bytes, local: bytes, prefix: bytes = b"w") -> int:
    """How many ``<prefix:local>`` elements ``xml`` holds, counted in the bytes (no parsing)."""
    tag = b"<" + prefix + b":" + local
    return xml.count(tag + b">") + xml.count(tag + b" ") + xml.count(tag + b"/")


def check_count(count: int, cap: int, what: str, shown: str) -> None:
    """Refuse a document with more ``what`` (段落、表格行、页…) than ``cap``, naming the cap."""
    if count > cap:
        raise DrafterError(
            f"文件有 {count} {what}，超过上限 {cap}，不像是一份自评报告；请只提交报告本身。", path=shown
        )


_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_CELL_REF = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
_MERGE = re.compile(
    rb"<(?:\w+:)?mergeCell\s[^>]*?\bref=\"([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})\""
)


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def check_sheets(data: bytes, shown: str) -> None:
    """Count each worksheet's rows and cells, and the grid it spans, before openpyxl builds it.

    openpyxl keeps every cell as an object (about a kilobyte each) and walks the whole rectangle
    up to the farthest cell, so a sheet of a million rows, or one cell at XFD1048576, would take
    gigabytes and minutes. Counted in the raw XML with C-level regex scans.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheets = [
            i
            for i in package.infolist()
            if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")
        ]
        cells_total = 0
        for info in sheets:
            if info.file_size > MAX_SHEET_BYTES:
                raise DrafterError(
                    f"工作表 {info.filename} 解压后有 {info.file_size // 1024 // 1024} MB，"
                    f"超过上限 {MAX_SHEET_BYTES // 1024 // 1024} MB，不像是一份自评表。",
                    path=shown,
                )
            try:
                xml = package.read(info)
            except _UNZIP_ERRORS:
                raise DrafterError(
                    "文件已损坏（工作表无法解压），请用 Excel/WPS 打开后另存再试。", path=shown
                ) from None
            check_count(len(_ROW.findall(xml)), MAX_ROWS, "行（一个工作表中）", shown)
            cells_total += len(_CELL.findall(xml))
            check_count(cells_total, MAX_CELLS, "个单元格", shown)
            rows = cols = 0
            for m in _CELL_REF.finditer(xml):
                cols = max(cols, _col(m.group(1)))
                rows = max(rows, int(m.group(2)))
            area = rows * cols
            for m in _MERGE.finditer(xml):
                top, bottom = int(m.group(2)), min(int(m.group(4)), max(rows, int(m.group(2))))
                area += max(0, bottom - top + 1) * _col(m.group(3))
            if area > MAX_GRID:
                raise DrafterError(
                    f"工作表 {info.filename} 的单元格区域（含合并单元格）超过 {MAX_GRID} 格"
                    f"（最远到第 {rows} 行第 {cols} 列），超过上限，不像是一份自评表。",
                    path=shown,
                )

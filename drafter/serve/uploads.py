"""Taking uploaded files into a job folder: limits, zip archives, names that are never paths.

An upload name is only ever shown (escaped) to the user: the file is stored as ``in/0001.docx``,
a running number and a suffix from a fixed list. A .zip is unpacked member by member with the
sizes counted as they are read (a zip may lie about them), so an archive that would expand past
the limits (a zip bomb) is refused before it fills the disk.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from drafter.errors import DrafterError
from drafter.serve.settings import MiB, ServeSettings

__all__ = ["REPORT_SUFFIXES", "Incoming", "Stored", "UploadError", "display_name", "store_reports"]

REPORT_SUFFIXES = (".docx", ".pdf", ".txt", ".md", ".xlsx")
_CHUNK = 64 * 1024
_NAME_MAX = 120
# A member this small may compress very well (a blank line repeated) without being a bomb.
_RATIO_FLOOR = 1 * MiB


class UploadError(DrafterError):
    """The upload as a whole is refused; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Incoming:
    """One uploaded file as the form gave it."""

    filename: str
    file: BinaryIO
    size: int


@dataclass(frozen=True)
class Stored:
    """One report of a job: the name to show, and where it was stored (or why not)."""

    name: str
    path: Path | None = None
    error: str | None = None


def display_name(raw: str | None) -> str:
    """The last part of an upload's name, without control characters, of a bounded length."""
    text = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C").strip()
    if len(text) > _NAME_MAX:
        stem, dot, suffix = text.rpartition(".")
        text = (stem[: _NAME_MAX - len(suffix) - 2] + "…" + dot + suffix) if dot else text[:_NAME_MAX]
    return text or "未命名文件"


def _suffix(name: str) -> str:
    return Path(name).suffix.lower()


def _zip_member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author typed it: zips made on Chinese Windows store GBK bytes
    without the UTF-8 flag, which Python reads as CP437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


class _Budget:
    """Counts files and unpacked bytes of one batch against the limits."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self.files = 0
        self.unpacked = 0

    def add_file(self) -> None:
        self.files += 1
        if self.files > self.settings.max_files:
            raise UploadError(
                f"一次最多上传 {self.settings.max_files} 份报告（含压缩包中的文件），请分批上传。", status=413
            )

    def add_bytes(self, n: int) -> None:
        self.unpacked += n
        if self.unpacked > self.settings.max_unpacked_bytes:
            raise UploadError(
                f"压缩包解开后超过 {self.settings.max_unpacked_bytes // MiB} MiB，疑似“压缩炸弹”，已拒绝；"
                "请只打包报告文件，或分批上传。",
                status=413,
            )


class _Writer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def target(self, suffix: str) -> Path:
        self.count += 1
        return self.folder / f"{self.count:04d}{suffix}"


def store_reports(
    uploads: Iterable[Incoming],
    folder: Path,
    settings: ServeSettings,
    *,
    suffixes: tuple[str, ...] = REPORT_SUFFIXES,
) -> list[Stored]:
    """Store every report of ``uploads`` (a .zip is unpacked) under ``folder``, in order.

    A file that cannot be a report (wrong type, empty, too large) is kept as a :class:`Stored`
    with ``error`` so the batch shows it; a batch that breaks the limits as a whole (too many
    files, a zip bomb, a broken zip) raises :class:`UploadError`.
    """
    folder.mkdir(parents=True, exist_ok=True)
    budget = _Budget(settings)
    writer = _Writer(folder)
    out: list[Stored] = []
    for up in uploads:
        name = display_name(up.filename)
        suffix = _suffix(name)
        if suffix == ".zip":
            out.extend(_unzip(up, name, writer, budget, settings, suffixes))
            continue
        budget.add_file()
        problem = _refuse(name, suffix, up.size, settings, suffixes)
        if problem:
            out.append(Stored(name, error=problem))
            continue
        target = writer.target(suffix)
        _copy(up.file, target, settings.max_file_bytes, name)
        budget.add_bytes(up.size)
        out.append(Stored(name, path=target))
    if not out:
        raise UploadError("没有收到文件；请选择要上传的报告。")
    return out


def _refuse(
    name: str, suffix: str, size: int, settings: ServeSettings, suffixes: tuple[str, ...]
) -> str | None:
    if suffix not in suffixes:
        kinds = "、".join(suffixes)
        return f"不支持的文件类型“{suffix or '无扩展名'}”；请上传 {kinds} 文件（或把它们打包成 .zip）。"
    if size == 0:
        return "文件是空的（0 字节），请检查后重新上传。"
    if size > settings.max_file_bytes:
        return f"文件超过 {settings.max_file_bytes // MiB} MiB，不像是一份报告；请检查是否选错了文件。"
    return None


def _copy(source: BinaryIO, target: Path, limit: int, name: str) -> int:
    source.seek(0)
    written = 0
    with open(target, "wb") as fh:
        while chunk := source.read(_CHUNK):
            written += len(chunk)
            if written > limit:
                raise UploadError(f"“{name}”超过 {limit // MiB} MiB。", status=413)
            fh.write(chunk)
    return written


def _unzip(
    up: Incoming,
    zip_name: str,
    writer: _Writer,
    budget: _Budget,
    settings: ServeSettings,
    suffixes: tuple[str, ...],
) -> list[Stored]:
    up.file.seek(0)
    try:
        archive = zipfile.ZipFile(up.file)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise UploadError(
            f"“{zip_name}”不是有效的 .zip 压缩包（{type(exc).__name__}），请重新打包后上传。"
        ) from None
    packed = sum(m.compress_size for m in members)
    declared = sum(m.file_size for m in members)
    if declared > settings.max_unpacked_bytes or (
        declared > _RATIO_FLOOR and declared > settings.max_zip_ratio * max(packed, 1)
    ):
        raise UploadError(
            f"“{zip_name}”解开后有 {declared // MiB} MiB（压缩比 {declared // max(packed, 1)} 倍），疑似“压缩炸弹”，已拒绝。",
            status=413,
        )
    out: list[Stored] = []
    with archive:
        for info in members:
            raw = _zip_member_name(info)
            if info.is_dir() or _skipped(raw):
                continue
            name = f"{zip_name}/{display_name(raw)}"
            suffix = _suffix(raw)
            if suffix == ".zip":
                budget.add_file()
                out.append(Stored(name, error="压缩包里的压缩包不会再解开；请把报告直接放进一个 .zip。"))
                continue
            if suffix not in suffixes:
                continue  # a folder zipped whole carries other files too: they are not reports
            budget.add_file()
            problem = _refuse(name, suffix, info.file_size, settings, suffixes)
            if problem:
                out.append(Stored(name, error=problem))
                continue
            if info.flag_bits & 0x1:
                out.append(
                    Stored(name, error="压缩包中的这个文件设置了密码，无法读取；请解除密码后重新打包。")
                )
                continue
            target = writer.target(suffix)
            try:
                _extract(archive, info, target, budget, settings, name)
            except (
                zipfile.BadZipFile,
                OSError,
                EOFError,
                ValueError,
                NotImplementedError,
                RuntimeError,
            ) as exc:
                target.unlink(missing_ok=True)
                out.append(
                    Stored(name, error=f"压缩包中的这个文件已损坏，无法解压（{type(exc).__name__}）。")
                )
                continue
            out.append(Stored(name, path=target))
    if not out:
        raise UploadError(f"“{zip_name}”中没有可检查的报告（{'、'.join(suffixes)}）。")
    return out


def _skipped(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return any(p.startswith(".") or p == "__MACOSX" for p in parts) or parts[-1].startswith("~$")


def _extract(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    target: Path,
    budget: _Budget,
    settings: ServeSettings,
    name: str,
) -> None:
    """Copy one member, counting what is really read: the declared size may be a lie."""
    limit = min(settings.max_file_bytes, info.file_size)
    ratio_cap = max(_RATIO_FLOOR, settings.max_zip_ratio * max(info.compress_size, 1))
    written = 0
    with archive.open(info) as src, open(target, "wb") as fh:
        while chunk := src.read(_CHUNK):
            written += len(chunk)
            if written > limit or written > ratio_cap:
                raise UploadError(
                    f"“{name}”解开后比压缩包所记的大小更大，疑似“压缩炸弹”，已拒绝。", status=413
                )
            budget.add_bytes(len(chunk))
            fh.write(chunk)


_SAFE = re.compile(r"[^\w.\-\u4e00-\u9fff（）()【】]+")


def download_name(name: str) -> str:
    """A name for Content-Disposition: the shown name with anything odd replaced."""
    return _SAFE.sub("_", display_name(name))[:_NAME_MAX] or "download"

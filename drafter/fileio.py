"""Reading user files and writing outputs safely.

Outputs are written atomically (a temporary file in the same folder, then ``os.replace``), so an
interrupted run never leaves a half-written file, and never over one of the inputs.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from drafter.errors import DrafterError

__all__ = [
    "MAX_INPUT_BYTES",
    "check_output_path",
    "decode_text",
    "read_bytes",
    "read_text",
    "write_atomic",
]

# Self-evaluation reports are tens of kilobytes; anything this large is not one.
MAX_INPUT_BYTES = 20 * 1024 * 1024
#: errors of a stat that mean "no such file" (those ``Path.exists`` reads as False)
_MISSING_ERRNOS = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def read_bytes(path: str | os.PathLike[str], *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read a user's file, turning every OS problem into a :class:`DrafterError`.

    One ``open`` and one ``fstat`` of the open file, not ``Path.stat`` and ``Path.open``: a batch
    reads a file per report, and the buffered file object and second path lookup cost more than
    reading a report's bytes (30 against 11 µs on the sample)."""
    try:
        try:
            fd = os.open(path, _READ_FLAGS)
        except OSError as exc:
            if exc.errno in _MISSING_ERRNOS:
                raise DrafterError("文件不存在，请检查路径是否正确。", path=_shown(path)) from None
            if isinstance(exc, PermissionError) and os.path.isdir(path):  # Windows opens no folder
                raise DrafterError("这是一个文件夹，不是文件。", path=_shown(path)) from None
            raise
        except ValueError:  # e.g. a NUL byte in the path: no such file
            raise DrafterError("文件不存在，请检查路径是否正确。", path=_shown(path)) from None
        try:
            info = os.fstat(fd)  # the file opened: whether it is a folder and how large it is
            if stat.S_ISDIR(info.st_mode):
                raise DrafterError("这是一个文件夹，不是文件。", path=_shown(path))
            size = info.st_size
            if size > limit:
                raise DrafterError(
                    f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {limit // 1024 // 1024} MB），"
                    "不像是一份自评报告或数据文件。",
                    path=_shown(path),
                )
            # Read at most one byte past the limit: a device or pipe (/dev/zero) reports size 0. A
            # file of known size is read as that size and one byte more (asking for the limit at
            # once would allocate it), then on to the limit if it grew since.
            data = _read_upto(fd, size + 1 if size else limit + 1)
            if size and len(data) > size:
                data += _read_upto(fd, limit + 1 - len(data))
        finally:
            os.close(fd)
        if len(data) > limit:
            raise DrafterError(
                f"文件过大（超过上限 {limit // 1024 // 1024} MB），不像是一份自评报告或数据文件。",
                path=_shown(path),
            )
        return data
    except PermissionError as exc:
        raise DrafterError("没有读取权限。", path=_shown(path)) from exc
    except OSError as exc:
        raise DrafterError(f"无法读取文件（{exc.strerror or exc}）。", path=_shown(path)) from exc


#: read-only, binary on Windows, and not inherited by child processes
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _read_upto(fd: int, n: int) -> bytes:
    """Up to ``n`` bytes from ``fd``: fewer only at the end of the file (a pipe or a device may
    give less per read, as a buffered file's ``read(n)`` also allows for)."""
    data = os.read(fd, n)
    if len(data) < n and data:
        parts = [data]
        got = len(data)
        while got < n:
            chunk = os.read(fd, n - got)
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
        data = b"".join(parts)
    return data


def _shown(path: str | os.PathLike[str]) -> str:
    """The path as messages name it."""
    return str(Path(path))


def decode_text(data: bytes, *, path: str = "") -> str:
    """Decode text saved as UTF-8 (with or without BOM), UTF-16 or GB18030/GBK.

    Chinese users often save plain text as GBK. Strict UTF-8 is tried first (it almost never
    decodes GBK text by accident), then GB18030 (a superset of GBK and GB2312), and only then
    charset-normalizer's detection, which is slower.
    """
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DrafterError("这不是文本文件（含有二进制内容）。", path=path or None)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DrafterError("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的文本后重试。", path=path or None)
    return str(best)


def read_text(path: str | os.PathLike[str], *, limit: int = MAX_INPUT_BYTES) -> str:
    """Read a text file whatever its Chinese encoding; line endings become ``\\n``."""
    text = decode_text(read_bytes(path, limit=limit), path=str(path))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_output_path(
    out: str | os.PathLike[str],
    inputs: Iterable[str | os.PathLike[str]] = (),
    *,
    overwrite: bool = True,
) -> Path:
    """Refuse an output path that is a folder, lies under a file, or is one of the inputs.

    A missing folder is fine: :func:`write_atomic` creates it. With ``overwrite=False`` an
    existing file is refused too (it may hold hand edits; the CLI's ``--force`` allows it).
    """
    target = Path(out)
    if target.is_dir():
        raise DrafterError("输出路径是一个文件夹，请给出文件名（例如 报告.docx）。", path=str(target))
    parent = target.parent if str(target.parent) else Path(".")
    for folder in (parent, *parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise DrafterError(f"“{folder}”是一个文件，不是文件夹，无法在其中写入。", path=str(target))
            break
    resolved = target.resolve()
    for item in inputs:
        if Path(item).resolve() == resolved or _same_file(item, target):
            raise DrafterError(
                "输出文件不能与输入文件相同，否则会覆盖原文件；请换一个文件名。", path=str(target)
            )
    if not overwrite and target.is_file():  # a device (/dev/null) is written as a shell would
        raise DrafterError(
            "文件已存在，为免覆盖其中的修改未写入；请换一个文件名，或加 --force 覆盖。", path=str(target)
        )
    return target


def _same_file(a: str | os.PathLike[str], b: Path) -> bool:
    """True if ``a`` and ``b`` are one file (a hard link, or a path through a symlinked folder)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


# Why a write failed, in words (strerror is English and names no remedy).
_WRITE_ERRORS = {
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "文件系统是只读的",
    errno.EFBIG: "文件过大",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "读写出错",
}


def _why(exc: OSError) -> str:
    return _WRITE_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write ``data`` to ``path`` all at once: either the whole new file is there, or the old one."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.exists() and not target.is_file():
        # A device or pipe (/dev/stdout, /dev/null, /dev/full): write to it as a shell would;
        # never create a temporary file beside it and rename it over the device.
        try:
            with target.open("wb") as handle:
                handle.write(payload)
                handle.flush()
        except OSError as exc:
            raise DrafterError(f"写入输出失败（{_why(exc)}）。", path=str(target)) from exc
        return
    try:
        if str(target.parent):
            target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as exc:
        raise DrafterError(
            f"无法在输出文件夹中写入（{_why(exc)}），请换一个文件夹。", path=str(target)
        ) from exc
    try:
        # mkstemp makes the file private (0600); give the output the mode a normal write would:
        # the old file's mode when replacing one, else 0666 less the umask.
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_current_umask()
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DrafterError(f"写入输出文件失败（{_why(exc)}），原有文件未改动。", path=str(target)) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from drafter.errors import DrafterError
from drafter.fileio import _read_upto, check_output_path, decode_text, read_bytes, read_text, write_atomic


def test_decodes_utf8_bom_and_gbk(tmp_path: Path) -> None:
    text = "二、绩效自评结论\n自评得分为96分。"
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(text.encode("gbk"))
    assert read_text(tmp_path / "a.txt") == text
    assert read_text(tmp_path / "b.txt") == text


def test_crlf_becomes_lf(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("一\r\n二\r\n".encode())
    assert read_text(tmp_path / "a.txt") == "一\n二\n"


def test_binary_is_refused() -> None:
    with pytest.raises(DrafterError, match="二进制"):
        decode_text(b"\x00\x01\x02PK\x00", path="x.bin")


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DrafterError, match="文件不存在"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(DrafterError, match="文件夹"):
        read_text(tmp_path)


def test_output_guard(tmp_path: Path) -> None:
    src = tmp_path / "data.yaml"
    src.write_text("x", encoding="utf-8")
    with pytest.raises(DrafterError, match="与输入文件相同"):
        check_output_path(src, [src])
    with pytest.raises(DrafterError, match="文件夹"):
        check_output_path(tmp_path, [src])
    # A missing folder is created when writing (issue 12: `drafter init 我的单位/` must work) ...
    assert check_output_path(tmp_path / "missing" / "out.md", [src]) == tmp_path / "missing" / "out.md"
    # ... but not under a file.
    with pytest.raises(DrafterError, match="是一个文件，不是文件夹"):
        check_output_path(src / "out.md", [src])
    assert check_output_path(tmp_path / "out.md", [src]) == tmp_path / "out.md"
    with pytest.raises(DrafterError, match=r"文件已存在.*--force"):
        check_output_path(src, [], overwrite=False)
    assert check_output_path(src, [], overwrite=True) == src


def test_write_atomic_creates_missing_folders(tmp_path: Path) -> None:
    out = tmp_path / "新建" / "子" / "out.md"
    write_atomic(out, "内容")
    assert out.read_text(encoding="utf-8") == "内容"


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    out.write_text("old", encoding="utf-8")
    write_atomic(out, "新内容")
    assert out.read_text(encoding="utf-8") == "新内容"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_write_atomic_gives_normal_permissions(tmp_path: Path) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        new = tmp_path / "new.md"
        write_atomic(new, "x")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        kept = tmp_path / "kept.md"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o640)
        write_atomic(kept, "y")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_read_bytes_reads_the_whole_file_and_refuses_too_large(tmp_path: Path) -> None:
    data = bytes(range(256)) * 1000
    (tmp_path / "a.bin").write_bytes(data)
    assert read_bytes(tmp_path / "a.bin") == data
    assert read_bytes(str(tmp_path / "a.bin"), limit=len(data)) == data
    with pytest.raises(DrafterError, match="文件过大"):
        read_bytes(tmp_path / "a.bin", limit=len(data) - 1)
    with pytest.raises(DrafterError, match="文件不存在"):
        read_bytes(tmp_path / "a.bin" / "x")  # a file is no folder
    with pytest.raises(DrafterError, match="文件不存在"):
        read_bytes("a\0b.txt")


def _pipe_fed(pieces: list[bytes]) -> int:
    """The read end of a pipe that a thread fills piece by piece, then closes."""
    read_end, write_end = os.pipe()

    def feed() -> None:
        try:
            for piece in pieces:
                os.write(write_end, piece)
                time.sleep(0.01)  # separate reads for the reader
        except BrokenPipeError:  # the reader had what it wanted and closed its end
            pass
        finally:
            os.close(write_end)

    threading.Thread(target=feed, daemon=True).start()
    return read_end


def test_read_upto_gathers_a_pipe_given_in_pieces() -> None:
    fd = _pipe_fed([b"abc", b"def", b"ghi"])
    try:
        assert _read_upto(fd, 100) == b"abcdefghi"  # to the end, though each read gives a piece
    finally:
        os.close(fd)
    fd = _pipe_fed([b"abc", b"def", b"ghi"])
    try:
        assert _read_upto(fd, 5) == b"abcde"  # never past n
    finally:
        os.close(fd)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_of_unknown_size_is_read_only_to_the_limit() -> None:
    with pytest.raises(DrafterError, match="文件过大"):
        read_bytes("/dev/zero", limit=1000)

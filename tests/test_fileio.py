from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import DrafterError
from drafter.fileio import check_output_path, decode_text, read_text, write_atomic


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

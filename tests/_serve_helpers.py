"""Helpers for the web tests: an app on a temporary folder, waiting for a batch, sample files."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "yangxi-2023" / "report.txt"
YANGXI_DATA = REPO / "examples" / "yangxi-2023" / "data.yaml"
BASE_URL = "http://127.0.0.1:8000"


def make_client(workdir: Path, **settings: Any) -> Any:
    from starlette.testclient import TestClient

    from drafter.serve import ServeSettings, create_app

    app = create_app(ServeSettings(workdir=workdir, **{"workers": 1, **settings}))
    return TestClient(app, base_url=BASE_URL, follow_redirects=False)


def wait_done(client: Any, job_url: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        status = client.get(f"{job_url}/status").json()
        if not status["running"]:
            return status
        if time.monotonic() > deadline:
            raise AssertionError(f"batch did not finish in {timeout} s: {status}")
        time.sleep(0.05)


def upload(client: Any, *files: tuple[str, bytes], data: tuple[str, bytes] | None = None) -> Any:
    parts = [("files", (name, content, "application/octet-stream")) for name, content in files]
    if data is not None:
        parts.append(("data", (data[0], data[1], "application/octet-stream")))
    return client.post("/review", files=parts)


class _GbkName(zipfile.ZipInfo):
    """A member name as Chinese Windows writes it: GBK bytes, without the UTF-8 flag."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        return self.filename.encode("gbk"), self.flag_bits


def zip_bytes(members: dict[str, bytes], *, utf8: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            info = zipfile.ZipInfo(name) if utf8 else _GbkName(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content)
    return buffer.getvalue()


def example_workbook(tmp: Path) -> Path:
    """The example 自评表: the Yangxi data written into the workbook template."""
    from drafter.data.load import load_data
    from drafter.office.xlsx_template import write_template

    return write_template(tmp / "阳西自评表.xlsx", data=load_data(YANGXI_DATA))


class LiveServer:
    """``drafter serve`` in a subprocess on a free loopback port (for the CLI and browser tests)."""

    def __init__(self, workdir: Path, *args: str) -> None:
        import os
        import subprocess
        import sys

        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
        env.pop("DISPLAY", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "drafter", "serve", "--port", "0", "--workdir", str(workdir), *args],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            env=env,
        )
        self.lines: list[str] = []
        self.url = ""
        deadline = time.monotonic() + 60
        assert self.proc.stderr is not None
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                break
            self.lines.append(line)
            if "已启动" in line:
                import re

                self.url = re.search(r"(http://\S+?/)", line).group(1)  # type: ignore[union-attr]
                break
        if not self.url:
            self.proc.kill()
            raise AssertionError("server did not start: " + "".join(self.lines))
        # the rest of the start-up lines come right after the URL
        for _ in range(4):
            if self.proc.poll() is not None:
                break
            self.lines.append(self.proc.stderr.readline())
            if "自动删除" in self.lines[-1]:
                break

    def stop(self) -> tuple[int, str]:
        import signal

        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            _, err = self.proc.communicate(timeout=30)
        except Exception:
            self.proc.kill()
            _, err = self.proc.communicate()
        return self.proc.returncode, "".join(self.lines) + (err or "")

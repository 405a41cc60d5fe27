"""``drafter serve``: the local web application for the people who write and review reports.

审核 (upload reports, a sortable summary with verdicts, each report in the review view, the
reviewed Word copy, JSON and the batch workbook), 起草 (a 自评表 or data file in, validation
beside the fields, the 公文 .docx and .md out), 建议 (section 四 and the measures table).

Built on Starlette and uvicorn; imported only by ``drafter serve`` so that every other command
stays fast. Use :func:`create_app` to embed it or to test it with Starlette's test client.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ServeSettings", "create_app", "run_server"]


def __getattr__(name: str) -> Any:
    if name == "ServeSettings":
        from drafter.serve.settings import ServeSettings

        return ServeSettings
    if name == "create_app":
        from drafter.serve.app import create_app

        return create_app
    if name == "run_server":
        from drafter.serve.server import run_server

        return run_server
    raise AttributeError(f"module 'drafter.serve' has no attribute {name!r}")

"""Run the real CLI entry point in-process, for the tests of ``drafter check`` and its bad input."""

from __future__ import annotations

import contextlib
import io

from drafter.cli import main


def run(*args: str) -> tuple[int, str, str]:
    """Run ``drafter.cli.main`` (DrafterError → one line, exit 2): exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return code, out.getvalue(), err.getvalue()

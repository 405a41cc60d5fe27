"""Errors a user can cause.

A :class:`DrafterError` carries one Chinese sentence that says what is wrong, where, and how to
fix it. The CLI prints it to stderr and exits with code 2; it never shows a traceback for these.
Anything else that escapes is our bug and keeps its traceback.
"""

from __future__ import annotations

__all__ = ["DrafterError"]


class DrafterError(Exception):
    """A problem with the user's input, arguments or environment (exit code 2)."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.message = message
        self.path = path
        super().__init__(f"{path}：{message}" if path else message)

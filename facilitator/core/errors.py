"""Errors the core reports to phones and to the facilitator."""

from __future__ import annotations


class Rejected(ValueError):
    """A participant action refused; ``reason`` is a message key (shown to the phone in its language)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class StorageError(RuntimeError):
    """The record could not be made durable (disk full, read-only, …). Nothing was changed."""

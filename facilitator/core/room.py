"""The room: the live sessions a facilitator's laptop is serving right now, found by join code."""

from __future__ import annotations

from facilitator.core.live import LiveSession


class Room:
    """Live sessions by join code. The server looks sessions up here; the TUI opens and closes them."""

    def __init__(self) -> None:
        self._by_code: dict[str, LiveSession] = {}

    def open(self, live: LiveSession) -> None:
        """Serve ``live`` under its join code."""
        self._by_code[live.session.code] = live

    def close(self, code: str) -> None:
        """Stop serving the session with join code ``code`` (its phones then see "closed")."""
        self._by_code.pop(code, None)

    def get(self, code: str) -> LiveSession | None:
        """The live session with join code ``code``, if any."""
        return self._by_code.get(code)

    def lives(self) -> list[LiveSession]:
        """Every session served."""
        return list(self._by_code.values())

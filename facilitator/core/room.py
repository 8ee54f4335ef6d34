"""The room: the live sessions a facilitator's laptop is serving right now, found by join code."""

from __future__ import annotations

import hmac
import secrets

from facilitator.core.ids import scan_token
from facilitator.core.live import LiveSession


class Room:
    """Live sessions by join code. The server looks sessions up here; the TUI opens and closes them."""

    def __init__(self) -> None:
        self._by_code: dict[str, LiveSession] = {}
        self._scan_secret = secrets.token_bytes(32)   # new at every start: so are the QR codes on screen

    def open(self, live: LiveSession) -> None:
        """Serve ``live`` under its join code."""
        self._by_code[live.session.code] = live

    def close(self, code: str) -> None:
        """Stop serving the session with join code ``code`` (its phones then see "closed")."""
        self._by_code.pop(code, None)

    def get(self, code: str) -> LiveSession | None:
        """The live session with join code ``code``, if any."""
        return self._by_code.get(code)

    def scan_token(self, code: str) -> str:
        """The token the QR code of join ``code`` carries (see :func:`facilitator.core.ids.scan_token`)."""
        return scan_token(self._scan_secret, code)

    def scanned(self, code: str, token: str) -> bool:
        """Whether ``token`` is the one the QR code of join ``code`` carries."""
        return hmac.compare_digest(token.encode(), self.scan_token(code).encode())

    def lives(self) -> list[LiveSession]:
        """Every session served."""
        return list(self._by_code.values())

"""The room: the live sessions a facilitator's laptop is serving right now, found by join code, and what it can
say about the other sessions of its data directory (one that will come back once resumed, one that closed)."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from facilitator.core.ids import scan_token
from facilitator.core.live import LiveSession
from facilitator.core.model import Status


@dataclass(frozen=True, slots=True)
class Listed:
    """A session of the data directory as its index lists it: enough to tell its phones what it is doing."""

    code: str
    title: str
    lang: str
    partnership_id: str | None
    #: Closed for good (otherwise it is unfinished: the facilitator can resume it).
    finished: bool


#: Every session the data directory holds, as listed in its index.
Index = Callable[[], Iterable[Listed]]


class Room:
    """Live sessions by join code. The server looks sessions up here; the TUI opens and closes them.

    ``index`` lists the sessions of the data directory, so that a phone holding the code of a session the room
    does not serve (yet) can be told it will be back, or that it closed, rather than that its code is wrong.
    """

    def __init__(self, index: Index | None = None) -> None:
        self._by_code: dict[str, LiveSession] = {}
        self._index: Index = index if index is not None else tuple
        self._opened: list[Callable[[LiveSession], None]] = []
        self._scan_secret = secrets.token_bytes(32)   # new at every start: so are the QR codes on screen

    def open(self, live: LiveSession) -> None:
        """Serve ``live`` under its join code, and tell those listening (see :meth:`on_open`)."""
        self._by_code[live.session.code] = live
        for listener in list(self._opened):
            listener(live)

    def on_open(self, listener: Callable[[LiveSession], None]) -> Callable[[], None]:
        """Call ``listener`` with every session the room starts serving; returns how to stop."""
        self._opened.append(listener)
        return lambda: self._opened.remove(listener) if listener in self._opened else None

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

    def listed(self, code: str) -> Listed | None:
        """The data directory's session with join code ``code`` that the room does not serve: an unfinished one
        (it comes back once the facilitator resumes it) before a closed one, or ``None`` for a code no session
        has. Answers ``None`` for a code the room serves (see :meth:`get`)."""
        if code in self._by_code:
            return None
        found = [entry for entry in self._index() if entry.code == code]
        return min(found, key=lambda entry: entry.finished, default=None)

    def open_now(self, partnership_id: str | None, *, besides: str = "") -> LiveSession | None:
        """The partnership's session the room serves and has not closed (the latest opened), other than the one
        with join code ``besides``; ``None`` without a partnership or such a session."""
        if not partnership_id:
            return None
        found = [live for code, live in self._by_code.items()
                 if code != besides and live.session.partnership_id == partnership_id
                 and live.session.status is not Status.CLOSED]
        return found[-1] if found else None

"""Textual messages that carry the core's live events onto the app's message queue.

A screen follows a live session through :func:`follow`: the events that arrive before the screen takes them
travel in one :class:`LiveEvents` message, oldest first. A room sending a thousand answers a second costs the
screen a message for each turn of its queue, not one per answer (a message is a queue entry, a dispatch and a
handler call: at those rates, a tenth of the event loop the phones are waiting on).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message
from textual.message_pump import MessagePump

from facilitator.core.events import Event
from facilitator.core.live import LiveSession


class LiveEvents(Message):
    """The :mod:`facilitator.core.events` events that arrived for the screen since it last took them."""

    def __init__(self, pending: list[Event]) -> None:
        super().__init__()
        self._pending = pending

    def take(self) -> list[Event]:
        """The events gathered so far, oldest first; those arriving from now on come in the next message."""
        events = list(self._pending)
        self._pending.clear()
        return events


def follow(live: LiveSession, screen: MessagePump) -> Callable[[], None]:
    """Deliver ``live``'s events to ``screen`` as :class:`LiveEvents` messages; returns the function that stops
    it. A message is posted when the first event arrives after the screen took the last ones."""
    pending: list[Event] = []

    def listen(event: Event) -> None:
        pending.append(event)
        if len(pending) == 1:
            screen.post_message(LiveEvents(pending))

    return live.subscribe(listen)

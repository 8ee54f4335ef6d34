"""Textual messages that carry the core's live events onto the app's message queue."""

from __future__ import annotations

from textual.message import Message

from facilitator.core.events import Event


class LiveEvent(Message):
    """A :mod:`facilitator.core.events` event, delivered to the screen that subscribed."""

    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event

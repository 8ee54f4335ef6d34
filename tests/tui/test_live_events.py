"""The core's events reach the projected screen gathered: answers stored together travel in one message, and
reach the wall in the order the core sent them, an edit among them applied in its place."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.message import Message
from textual.widgets import ContentSwitcher

from facilitator.core.events import AnswerAdded, Event
from facilitator.tui.messages import LiveEvents
from tests.support import make_app, session_started, until, wall_cards

PHONES = 30


async def test_answers_stored_together_reach_the_wall_in_few_messages_and_in_order(tmp_path: Path) -> None:
    messages: list[LiveEvents] = []

    def hook(message: Message) -> None:
        if isinstance(message, LiveEvents):
            messages.append(message)

    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45), message_hook=hook) as pilot:
        live = await session_started(pilot)
        people = [await live.join(f"phone-token-{n:04d}", organisation=f"รพ.สต.บ้าน{n}") for n in range(PHONES)]
        await live.goto(0)
        views = app.screen.query_one(ContentSwitcher)
        await until(pilot, lambda: views.current == "step", "the step on the screen")
        sent: list[Event] = []
        stop = live.subscribe(sent.append)
        messages.clear()
        await asyncio.gather(*(live.submit(person.id, 0, f"client-{n:04d}", {"text": [f"ข้อเสนอที่ {n}"]})
                               for n, person in enumerate(people)))
        stop()
        added = [event.answer.id for event in sent if isinstance(event, AnswerAdded)]
        assert len(added) == PHONES
        await until(pilot, lambda: len(wall_cards(app)) == PHONES, "every answer on the wall")
        assert [card.id for card in wall_cards(app)] == added
        # one message for each turn of the loop that stored answers, not one for each answer
        assert 1 <= len(messages) <= PHONES // 5, len(messages)

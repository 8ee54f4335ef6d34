"""A phone's own answers come from the book's per-participant index: the same answers, in the same order, as a
scan of the whole room would give, with hidden and withdrawn ones treated as before."""

from __future__ import annotations

import dataclasses
import random

from facilitator.core.answer_book import AnswerBook
from facilitator.core.model import Answer


def answer(n: int, pid: str, step: int) -> Answer:
    return Answer(id=f"a{n:04d}", session_id="s", step=step, participant_id=pid, text=f"ข้อ {n}",
                  client_id=f"c{n:04d}", created_at=f"2026-12-03T10:00:{n % 60:02d}.000+07:00")


def test_own_answers_match_a_scan_of_the_room_through_hides_and_withdrawals() -> None:
    rng = random.Random(3)
    people = [f"p{i}" for i in range(12)]
    first = [answer(n, rng.choice(people), rng.randrange(3)) for n in range(100)]
    for n in (3, 11, 30):                  # the record holds answers hidden or withdrawn before a restart
        first[n] = dataclasses.replace(first[n], hidden=True)
    first[17] = dataclasses.replace(first[17], withdrawn=True)
    book = AnswerBook(first[:40])          # some from the record, then live ones
    for a in first[40:]:
        book.add(a)
    for a in rng.sample(first, 15):        # the facilitator hides some, phones withdraw others
        book.take_in(dataclasses.replace(a, hidden=True))
    for a in rng.sample(first, 10):
        book.take_in(dataclasses.replace(a, withdrawn=True))
    for a in rng.sample(first, 5):
        book.take_in(dataclasses.replace(a, hidden=False))
    for pid in people:
        for step in (None, 0, 1, 2):
            assert book.of(pid, step) == [a for a in book.standing
                                          if a.participant_id == pid and (step is None or a.step == step)]
        for step in (0, 1, 2):
            listed = [a for a in book.every if a.participant_id == pid and a.step == step and not a.withdrawn]
            assert book.listed_for(pid, step) == listed and book.listed_count(pid, step) == len(listed)
            assert book.latest_listed(pid, step, 2) == listed[-2:]
            oldest = {listed[0].id, "unknown", first[0].id} if listed else set()
            assert book.latest_listed(pid, step, 2, also=oldest) == [
                a for i, a in enumerate(listed) if i >= len(listed) - 2 or a.id in oldest]
        assert book.hidden_count(pid) == sum(1 for a in book.every
                                             if a.participant_id == pid and a.hidden and not a.withdrawn)
    assert book.of("nobody") == [] and book.listed_for("nobody", 0) == []

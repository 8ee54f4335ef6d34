"""A phone's own answers come from the book's per-participant index: the same answers, in the same order, as a
scan of the whole room would give, with hidden and withdrawn ones treated as before — whether the book holds
them all or has put the older ones on its shelf."""

from __future__ import annotations

import dataclasses
import random
import pytest

from facilitator.core.answer_book import AnswerBook
from facilitator.core.answer_shelf import MemoryShelf
from facilitator.core.model import Answer


def answer(n: int, pid: str, step: int) -> Answer:
    return Answer(id=f"a{n:04d}", session_id="s", step=step, participant_id=pid, text=f"ข้อ {n}",
                  client_id=f"c{n:04d}", created_at=f"2026-12-03T10:00:{n % 60:02d}.000+07:00")


@pytest.mark.parametrize("window", [None, 4], ids=["held", "shelved"])
def test_own_answers_match_a_scan_of_the_room_through_hides_and_withdrawals(window: int | None) -> None:
    rng = random.Random(3)
    people = [f"p{i}" for i in range(12)]
    first = [answer(n, rng.choice(people), rng.randrange(3)) for n in range(100)]
    for n in (3, 11, 30):                  # the record holds answers hidden or withdrawn before a restart
        first[n] = dataclasses.replace(first[n], hidden=True)
    first[17] = dataclasses.replace(first[17], withdrawn=True)
    book = AnswerBook(first[:40], window=window)          # some from the record, then live ones
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
    for steps in ([0], [1, 2], [0, 1, 2], [7]):
        assert book.standing_in(steps) == [a for a in book.standing if a.step in steps]
    for step in (0, 1, 2):
        assert book.wall_answers(step) == [a for a in book.every if a.step == step and not a.withdrawn]
        assert book.count_for(step) == sum(1 for a in book.standing if a.step == step)
    assert book.of("nobody") == [] and book.listed_for("nobody", 0) == []


class CountingShelf(MemoryShelf):
    """A shelf in memory that counts what is put on it and read back."""

    def __init__(self) -> None:
        super().__init__()
        self.puts = self.gets = 0

    def put(self, answer: Answer) -> int:
        self.puts += 1
        return super().put(answer)

    def get(self, handle: int) -> Answer:
        self.gets += 1
        return super().get(handle)


def test_older_notes_wait_on_the_shelf_and_come_back_as_they_were_and_as_they_are_changed() -> None:
    shelf = CountingShelf()
    book = AnswerBook(shelf=shelf, keeps=lambda step: step == 1, window=3)
    notes = [answer(n, f"p{n % 2}", 0) for n in range(10)]
    claims = [answer(100 + n, "p0", 1) for n in range(4)]       # a kept step: never shelved
    for a in [*notes[:5], *claims, *notes[5:]]:
        book.add(dataclasses.replace(a))
    assert shelf.puts == 7 and shelf.gets == 0                 # 10 notes, the latest 3 held; the claims held
    assert book.of("p0", 1) == claims and shelf.gets == 0
    assert book.latest_listed("p1", 0, 2) == [notes[7], notes[9]] and shelf.gets == 0
    assert book.get(notes[0].id) == notes[0] and book.sent("p0", notes[0].client_id) == notes[0]
    assert book.sent("p1", notes[0].client_id) is None and book.get("a9999") is None
    edited = book.take_in(dataclasses.replace(notes[2], text="แก้แล้ว", edited_at="2026-12-03T11:00:00+07:00"))
    assert edited is book.get(notes[2].id) and edited.text == "แก้แล้ว"
    book.take_in(dataclasses.replace(notes[4], hidden=True))
    book.take_in(dataclasses.replace(notes[6], withdrawn=True))
    for _ in range(300):                                        # what was read back is let go again…
        book.add(answer(len(book), "p9", 2))
    again = book.get(notes[2].id)                              # …and the shelf kept the changes
    assert again is not None and again.text == "แก้แล้ว" and again.edited_at == "2026-12-03T11:00:00+07:00"
    assert [a.id for a in book.standing_in([0])] == [a.id for a in notes if a not in (notes[4], notes[6])]
    assert [a.id for a in book.wall_answers(0)] == [a.id for a in notes if a is not notes[6]]
    assert book.count_for(0) == 8 and book.hidden_count("p0") == 1 and len(book.every) == 314

"""The wall keeps to its share of the event loop: answers arriving faster than it can draw are laid out in
fewer, larger arrangements, each followed by a pause proportional to what it cost, and the newest card still
reaches the wall."""

from __future__ import annotations

import time

from textual.app import App, ComposeResult

from facilitator.core.kinds import Card
from facilitator.tui.widgets.wall import ARRANGE_EVERY, ARRANGE_SHARE, AnswerWall
from tests.support import until

#: What one arrangement of this wall costs (seconds): a wall drawing far more than a real one does.
COST = 0.06


class CostlyWall(AnswerWall):
    """A wall whose every arrangement takes :data:`COST` seconds of the loop, and which notes when each ran."""

    def __init__(self) -> None:
        super().__init__(id="wall")
        self.runs: list[tuple[float, float]] = []

    def _arrange(self) -> None:
        started = time.perf_counter()
        super()._arrange()
        time.sleep(COST)   # the drawing's cost, spent on the event loop as real drawing would be
        self.runs.append((started, time.perf_counter()))


class Holder(App[None]):
    def compose(self) -> ComposeResult:
        yield CostlyWall()


async def test_a_costly_wall_waits_in_proportion_before_laying_out_again() -> None:
    app = Holder()
    async with app.run_test(size=(120, 40)) as pilot:
        wall = app.query_one(CostlyWall)
        await pilot.pause()
        wall.runs.clear()
        sent = 0
        began = time.perf_counter()

        def runs() -> list[tuple[float, float]]:
            return [run for run in wall.runs if run[0] >= began]

        while len(runs()) < 4 and sent < 1000:   # a card every 10 ms: a room faster than this wall draws
            wall.add(Card(f"a{sent}", (f"ข้อเสนอที่ {sent}",)))
            sent += 1
            await pilot.pause(0.01)
        await until(pilot, lambda: wall.cards[-1].id == f"a{sent - 1}" and not wall._arrange_due
                    and wall._arranged_for is not None, "the newest card laid out")
        done = runs()
        assert len(done) >= 4
        gap = COST * (1 - ARRANGE_SHARE) / ARRANGE_SHARE
        assert gap > ARRANGE_EVERY
        assert min(nxt[0] - prev[1] for prev, nxt in zip(done, done[1:])) >= 0.95 * gap   # never back to back
        busy = sum(end - start for start, end in done[:-1])   # from the first start to the last one
        assert busy / (done[-1][0] - done[0][0]) <= ARRANGE_SHARE * 1.05

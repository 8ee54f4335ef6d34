"""A server under test: one BAR session, opened at its first step, served on 127.0.0.1 (a free port).

``python -m bench.serve --mode MODE [--preload N] [--data-dir D [--session-id S]] --out report.json``

Modes:

- ``durable``: the real path — :class:`facilitator.store.Store` and its session sink;
- ``noop``: the same pages and :class:`~facilitator.core.live.LiveSession` over a sink that stores nothing;
- ``tinydb``: the same over stock TinyDB (``TinyDB(path)``, one insert per record);
- ``tui``: the real :class:`~facilitator.tui.app.FacilitatorApp`, headless, serving phones from its own event
  loop over the real store; it measures how long an acknowledged answer takes to reach the wall, and how long
  a key press takes to reach the screen.

The process prints ``READY <port> <code> <pid> <session_id>`` once phones can answer. On SIGTERM, SIGINT, a
``stop`` line on stdin or the end of stdin it stops serving, closes its store (everything flushed), writes its
measurements as JSON to ``--out`` and exits with status 0. In ``durable`` mode, ``--data-dir`` with
``--session-id`` reopens an existing session, as the app does after a crash. With ``--wait-go`` the process
imports its modules, then waits for a ``go`` line on stdin before touching the data directory (so a crash loop
can prepare its next server while the current one runs).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import inspect
import json
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from activities import load as load_activity
from facilitator import big_buffers
from facilitator.core.live import LiveSession
from facilitator.core.model import Participant, Answer, Session, Status
from facilitator.core.room import Room

#: Bounds of the TUI mode's key-press loop.
KEY_INTERVAL = 0.5
MAX_KEY_ROUNDS = 400
PRELOAD_CHUNK = 5_000
PRELOAD_PEOPLE = 200


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("durable", "noop", "tinydb", "tui"), required=True)
    parser.add_argument("--preload", type=int, default=0, help="answers stored in the session before READY")
    parser.add_argument("--data-dir", type=Path, default=None, help="data directory (default: a temporary one)")
    parser.add_argument("--session-id", default=None, help="reopen this session of --data-dir (durable mode)")
    parser.add_argument("--out", type=Path, required=True, help="where to write the JSON report")
    parser.add_argument("--profile", type=Path, default=None, help="write a cProfile of the serving time here")
    parser.add_argument("--wait-go", action="store_true",
                        help="import everything, then wait for a 'go' line on stdin before opening the data")
    return parser.parse_args(argv)


# -- stopping ------------------------------------------------------------------------------------------------
def stop_signal(loop: asyncio.AbstractEventLoop) -> asyncio.Event:
    """An event set by SIGTERM, SIGINT, a ``stop`` line on stdin, or the end of stdin."""
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    def read_stdin() -> None:
        for line in sys.stdin:
            if line.strip() == "stop":
                break
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=read_stdin, name="stdin", daemon=True).start()
    return stop


def announce(port: int, live: LiveSession) -> None:
    """Tell the bench the server is ready."""
    print(f"READY {port} {live.session.code} {os.getpid()} {live.session.id}", flush=True)


def write_report(path: Path, report: dict[str, Any]) -> None:
    """Write the JSON report (whole, then renamed, so a reader never sees half of it)."""
    tmp = path.with_suffix(".part")
    tmp.write_text(json.dumps(report))
    os.replace(tmp, path)


# -- preloading ----------------------------------------------------------------------------------------------
def fake_answers(session: Session, n: int) -> tuple[list[Participant], list[Answer]]:
    """``n`` answers from :data:`PRELOAD_PEOPLE` participants, shaped like real ones."""
    people = [Participant(id=f"{i:016x}", session_id=session.id, name=f"คนที่ {i}", organisation="อบต.",
                          sector="government") for i in range(min(n, PRELOAD_PEOPLE))]
    answers = [
        Answer(id=f"{i:012x}", session_id=session.id, step=0, participant_id=people[i % len(people)].id,
                 text=f"คำตอบที่เก็บไว้ก่อน {i}: อยากให้ชุมชนมีส่วนร่วมในการวางแผนมากขึ้น", client_id=f"preload-{i:08d}")
        for i in range(n)
    ]
    return people, answers


async def preload_durable(sf: Any, people: list[Participant], answers: list[Answer]) -> None:
    """Put records straight into a session file through its journal, then fold them into its TinyDB file."""
    from facilitator.store.journal import Entry

    entries = [Entry("participants", p.id, p.to_dict()) for p in people]
    entries += [Entry("responses", r.id, r.to_dict()) for r in answers]
    for start in range(0, len(entries), PRELOAD_CHUNK):
        await sf.committer.commit(*entries[start:start + PRELOAD_CHUNK])
    await sf.checkpoint()


# -- the server modes ------------------------------------------------------------------------------------------
async def open_session(args: argparse.Namespace, data_dir: Path) -> tuple[Room, Any, Callable[[], Any]]:
    """The room serving the one live session of a non-TUI mode, its session file (durable) and how to close its
    storage."""
    if args.mode == "durable":
        from facilitator.core.workshop import Workshop
        from facilitator.store import Store

        store = Store(data_dir)
        workshop = Workshop(store)
        if args.session_id:
            live = workshop.resume_session(args.session_id)
        else:
            live = await workshop.open_session(load_activity("bar"), "bench", lang="th")
        sf = store._open[live.session.id]
        if args.preload:
            await preload_durable(sf, *fake_answers(live.session, args.preload))
            workshop.room.close(live.session.code)  # serve it again, with the records just stored
            live = workshop.resume_session(live.session.id)
        if live.session.status is Status.LOBBY:
            await live.advance()
        return workshop.room, sf, store.close
    # The baselines: the same live session and pages over a sink that is not our store (no partnership, no
    # context to give), so it is built here.
    from facilitator.core.ids import new_id, new_join_code

    from bench.sinks import NoopSink, StockTinyDBSink

    people: list[Participant] = []
    answers: list[Answer] = []
    session = Session(id=new_id(), code=new_join_code(), title="bench", lang="th",
                      activity=load_activity("bar"))
    if args.preload:
        people, answers = fake_answers(session, args.preload)
    sink_: NoopSink | StockTinyDBSink
    if args.mode == "tinydb":
        sink_ = StockTinyDBSink(data_dir / "stock.json")
        if answers:
            sink_.preload(answers)
    else:
        sink_ = NoopSink()
    await sink_.save_session(session)
    live = LiveSession(session, sink_, people, answers)

    async def closer() -> None:
        sink_.close()

    await live.advance()
    room = Room()
    room.open(live)
    return room, None, closer


async def serve_http(args: argparse.Namespace, data_dir: Path) -> dict[str, Any]:
    """Modes ``durable``, ``noop`` and ``tinydb``: the participants' server on its own."""
    from facilitator.server.app import Server, make_app

    loop = asyncio.get_running_loop()
    stop = stop_signal(loop)
    room, sf, closer = await open_session(args, data_dir)
    (live,) = room.lives()
    server = Server(make_app(room, allowed_hosts={"127.0.0.1"}, answer_rate=(1e9, 1e9)), "127.0.0.1", 0)
    await server.start()
    profile = cProfile.Profile() if args.profile else None
    preloaded = len(live.answers)
    announce(server.bound_port, live)
    if profile is not None:
        profile.enable()
    await stop.wait()
    if profile is not None:
        profile.disable()
        profile.dump_stats(str(args.profile))
    report: dict[str, Any] = {"mode": args.mode, "answers": len(live.answers) - preloaded,
                              "stored_total": len(live.answers), "participants": len(live.participants)}
    if sf is not None:
        report.update(batches=sf.committer.batches, items=sf.committer.items)
    await server.stop()
    closing = time.perf_counter()
    await closer()
    report["close_s"] = time.perf_counter() - closing
    return report


async def serve_tui(args: argparse.Namespace, data_dir: Path) -> dict[str, Any]:
    """Mode ``tui``: the real app, headless, with the wall and the key presses timed from inside."""
    from textual import events
    from textual._compositor import CompositorUpdate

    from facilitator.core.events import AnswerAdded, Event
    from facilitator.store import Store
    from facilitator.tui.app import FacilitatorApp, RoomSettings, StartRequest
    from facilitator.tui.screens.session import SessionScreen
    from facilitator.tui.widgets.wall import AnswerWall

    class TimedApp(FacilitatorApp):
        """The app, also turning every frame into terminal output as a real terminal would get it."""

        CSS_PATH = str(Path(inspect.getfile(FacilitatorApp)).parent / str(FacilitatorApp.CSS_PATH))
        frames = 0

        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            if self.is_headless and isinstance(renderable, CompositorUpdate) and not self._batch_count:
                self.frames += 1
                renderable.render_segments(self.console)

    emitted: dict[str, float] = {}
    to_wall: list[tuple[float, int]] = []

    def on_wall(ids: list[str], cards: int) -> None:
        now = time.perf_counter()
        for rid in ids:
            started = emitted.pop(rid, None)
            if started is not None:
                to_wall.append((now - started, cards))

    original_arrange = AnswerWall._arrange_now

    def timed_arrange(wall: AnswerWall) -> None:
        """The wall's arrangement, noting the answers whose cards it lays out first; they are on the wall once
        the frame after it is painted."""
        ids = [placed.card.id for placed in wall._cards if placed.card.id in emitted]
        original_arrange(wall)
        if ids and wall._arranged_for is not None:
            wall.call_after_refresh(on_wall, ids, wall.count)

    AnswerWall._arrange_now = timed_arrange  # type: ignore[method-assign]

    key_waiters: list[asyncio.Future[tuple[float, float]]] = []
    original_toggle = SessionScreen.action_toggle_hidden

    def timed_toggle(screen: SessionScreen) -> None:
        original_toggle(screen)
        handled = time.perf_counter()
        waiters = list(key_waiters)
        key_waiters.clear()

        def painted() -> None:
            now = time.perf_counter()
            for waiter in waiters:
                if not waiter.done():
                    waiter.set_result((handled, now))

        screen.call_after_refresh(painted)

    SessionScreen.action_toggle_hidden = timed_toggle  # type: ignore[method-assign]

    loop = asyncio.get_running_loop()
    stop = stop_signal(loop)
    store = Store(data_dir)
    app = TimedApp(store, RoomSettings("127.0.0.1", 0, "th"), StartRequest(load_activity("bar"), "bench"))
    key_handled: list[float] = []
    key_frame: list[float] = []
    key_pause: list[float] = []
    profile = cProfile.Profile() if args.profile else None
    async with app.run_test(headless=True, size=(160, 50)) as pilot:
        for _ in range(1000):
            if isinstance(app.screen, SessionScreen) and app.workshop.room.lives():
                break
            await pilot.pause(0.01)
        else:
            raise RuntimeError("the session screen never opened")
        live = app.workshop.room.lives()[0]
        await pilot.press("right")
        for _ in range(1000):
            if live.session.step == 0:
                break
            await pilot.pause(0.01)
        else:
            raise RuntimeError("the first step never opened")
        await pilot.pause()

        def on_event(event: Event) -> None:
            if isinstance(event, AnswerAdded):
                emitted[event.answer.id] = time.perf_counter()

        live.subscribe(on_event)
        assert app.server is not None
        announce(app.server.bound_port, live)
        serving = time.perf_counter()
        frames_before = app.frames
        if profile is not None:
            profile.enable()

        async def press_h(via_pilot: bool) -> None:
            waiter: asyncio.Future[tuple[float, float]] = loop.create_future()
            key_waiters.append(waiter)
            started = time.perf_counter()
            if via_pilot:
                await pilot.press("h")
            else:
                key = events.Key("h", "h")
                key.set_sender(app)
                assert app._driver is not None
                app._driver.send_message(key)
            handled, painted = await asyncio.wait_for(waiter, 30)
            key_handled.append(handled - started)
            key_frame.append(painted - started)
            if via_pilot:
                await pilot.pause()
                key_pause.append(time.perf_counter() - started)

        for _ in range(MAX_KEY_ROUNDS):
            try:
                await asyncio.wait_for(stop.wait(), KEY_INTERVAL)
                break
            except TimeoutError:
                pass
            await press_h(via_pilot=False)
            await press_h(via_pilot=True)
        await stop.wait()
        serving = time.perf_counter() - serving
        for _ in range(300):  # let the last answers reach the wall (at most ~3 s)
            if not emitted:
                break
            await asyncio.sleep(0.01)
        if profile is not None:
            profile.disable()
            profile.dump_stats(str(args.profile))
        sf = store._open[live.session.id]
        report = {
            "mode": "tui", "answers": len(live.answers), "participants": len(live.participants),
            "wall_cards": app.screen.query_one(AnswerWall).count, "not_on_wall": len(emitted),
            "ack_to_wall": to_wall, "key_handled": key_handled, "key_frame": key_frame, "key_pause": key_pause,
            "frames": app.frames - frames_before, "serve_s": serving, "batches": sf.committer.batches, "items": sf.committer.items,
        }
    return report


async def amain(args: argparse.Namespace) -> dict[str, Any]:
    """Run the requested mode in a data directory (a temporary one unless given)."""
    serve = serve_tui if args.mode == "tui" else serve_http
    if args.data_dir is not None:
        args.data_dir.mkdir(parents=True, exist_ok=True)
        return await serve(args, args.data_dir)
    with tempfile.TemporaryDirectory(prefix="bench-data-") as scratch:
        return await serve(args, Path(scratch))


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    big_buffers.give_back_when_freed()  # as facilitator's own entry point
    args = parse_args(argv)
    if args.wait_go:
        import facilitator.core.room
        import facilitator.core.workshop
        import facilitator.server.app
        import facilitator.store  # noqa: F401 - imported before the data directory is touched

        if sys.stdin.readline().strip() != "go":
            return 0
    started = time.process_time()
    report = asyncio.run(amain(args))
    report["cpu_s"] = time.process_time() - started
    write_report(args.out, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the tests of every layer share: the app serving on loopback, phones that join a session and answer it
(over HTTP with aiohttp, or in a real browser page), and waiting until the app has caught up.

Phones reach a session only through its public addresses, as a real phone does: the join page ``/j/<code>``,
the step page ``/s/<code>``, its answers ``/s/<code>/answers`` and its event stream ``/s/<code>/events``.
Every wait is bounded and checks a condition; none sleeps for a fixed time.
"""

from __future__ import annotations

import json
import subprocess
from collections import deque
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

import aiohttp
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget

from activities import load
from bench.load import FORM_TOKEN
from facilitator.core.live import LiveSession
from facilitator.store import Store
from facilitator.tui.app import FacilitatorApp, RoomSettings, StartRequest
from facilitator.tui.screens.session import SessionScreen
from facilitator.tui.screens.summary import SummaryScreen
from facilitator.core.kinds import Card
from facilitator.tui.widgets.wall import EDGE, AnswerWall
from textual.geometry import Region

if TYPE_CHECKING:
    from playwright.async_api import Page

    from facilitator.core.workshop import Workshop

#: Where tests serve: loopback only, on any free port.
LOOPBACK = "127.0.0.1"
#: What the step page's script asks for (a JSON reply), and what a page without its script asks for.
JSON = {"Accept": "application/json"}
HTML = {"Accept": "text/html"}
#: The title of the session a test app opens unless told otherwise.
TITLE = "ประชุมภาคีตำบล"

#: A form: a mapping, or (name, value) pairs when a name repeats.
Fields = Mapping[str, str] | Sequence[tuple[str, str]]


def _pairs(fields: Fields) -> list[tuple[str, str]]:
    return list(fields.items()) if isinstance(fields, Mapping) else list(fields)


# -- the app ----------------------------------------------------------------------------------------------
def make_app(
    data: Path | Store, activity: str | None = "bar", title: str = TITLE, *, lang: str = "th",
    partnership_id: str | None = None, wifi: tuple[str, str] | None = None, theme: str | None = None,
) -> FacilitatorApp:
    """The real app over a TinyDB data directory (or a store already holding what the test needs), serving on
    loopback at any free port, opening a session of ``activity`` straight away (``None``: the home screen), in
    look ``theme`` ("default" or "projector"; ``None``: the one the data directory remembers)."""
    store = data if isinstance(data, Store) else Store(data)
    start = StartRequest(load(activity), title, partnership_id) if activity is not None else None
    return FacilitatorApp(store, RoomSettings(LOOPBACK, 0, lang, wifi=wifi, theme=theme), start)


def live_of(app: FacilitatorApp) -> LiveSession:
    """The session the app opened last: the one on its screen."""
    lives = app.workshop.room.lives()
    assert lives, "the app serves no session"
    return lives[-1]


async def until(pilot: Pilot[Any], condition: Callable[[], object], what: str = "the condition", *,
                tries: int = 1000) -> None:
    """Let the app (and its server) work until ``condition()`` holds; fail after ``tries`` pauses of 10 ms."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"timed out waiting for {what}")


def choosing_formats(app: App[Any]) -> bool:
    """Whether the export dialog is open with its list of formats focused (keys pressed now choose a format)."""
    from facilitator.tui.screens.export_choice import ExportChoiceScreen

    return isinstance(app.screen, ExportChoiceScreen) and app.focused is not None and app.focused.id == "formats"


async def drawn_still(pilot: Pilot[Any], pauses: int = 3) -> None:
    """Wait until the screen shows the same text ``pauses`` pauses of 10 ms in a row: its layout has settled (a
    board still being laid out can show a scrollbar for a frame, and wrap its lines narrower)."""
    shown: deque[str] = deque(maxlen=pauses + 1)

    def still() -> bool:
        shown.append(screen_text(pilot.app))
        return len(shown) == shown.maxlen and len(set(shown)) == 1

    await until(pilot, still, "the screen to stop changing")


async def session_started(pilot: Pilot[Any]) -> LiveSession:
    """Wait for the session's join screen, mounted (its ``on_mount`` done: a test ending sooner would take the
    screen apart under it); the session the app runs."""
    app = pilot.app
    assert isinstance(app, FacilitatorApp)
    await until(pilot, lambda: isinstance(app.screen, SessionScreen) and app.screen.is_mounted, "the session screen")
    return live_of(app)


async def close_session(pilot: Pilot[Any]) -> None:
    """Close the session from the keyboard (``c``, then ``y`` to confirm) and wait for its summary."""
    await pilot.press("c")
    await pilot.press("y")
    await until(pilot, lambda: isinstance(pilot.app.screen, SummaryScreen), "the summary after closing")


async def palette_command(pilot: Pilot[Any], typed: str, title: str) -> None:
    """Open the command palette (Ctrl+P), type ``typed``, wait for the command ``title`` and choose it."""
    from textual.command import CommandPalette

    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the command palette")
    await pilot.press(*typed)
    await until(pilot, lambda: title in screen_text(pilot.app), f"the command {title}")
    await pilot.press("enter")


def screen_text(app: App[Any]) -> str:
    """Every line the app's screen shows, as text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def card_text(card: Card) -> str:
    """What a card on the wall says: the answer, a newline, who gave it."""
    return f"{card.text}\n{card.byline}" if card.byline else card.text


def wall_cards(app: FacilitatorApp) -> list[Card]:
    """The cards on the wall, in order."""
    walls = app.screen.query(AnswerWall)
    return walls.first().cards if walls else []


def wall_texts(app: FacilitatorApp) -> list[str]:
    """The answers on the wall, in order (each card's first line)."""
    return [card.text.split("\n")[0] for card in wall_cards(app)]


def card_lines(app: FacilitatorApp, column: int = 0) -> list[str]:
    """The text lines the wall draws for the cards of ``column`` (without the card's edge and padding)."""
    wall = app.screen.query_one(AnswerWall)
    width, height = wall.size
    found = []
    for strip in wall.render_lines(Region(0, 0, width, height)):
        pieces = strip.text.split(EDGE)
        if len(pieces) > column + 1:
            found.append(pieces[column + 1][1:].split("  ")[0].rstrip())
    return found


def drawn_text(widget: Widget) -> str:
    """The text ``widget`` draws inside its border and padding, without spaces (wrapping moves words)."""
    from textual.geometry import Region

    width, height = widget.size
    gutter = widget.gutter
    strips = widget.render_lines(Region(0, gutter.top, width, height - gutter.height))
    return "".join(strip.crop(gutter.left, width - gutter.right).text.replace(" ", "") for strip in strips)


# -- a served session, as phones reach it -----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Served:
    """A live session, the server phones reach it on (``base``: ``http://host:port``), its store, and the
    token its QR code carries (``scan``)."""

    live: LiveSession
    base: str
    store: Store
    scan: str = ""

    @property
    def code(self) -> str:
        """The session's join code."""
        return self.live.session.code

    @property
    def step(self) -> int | None:
        """The open step (``None`` in the lobby)."""
        return self.live.session.step

    def url(self, path: str) -> str:
        """``path`` on the server, ``{code}`` in it replaced by the join code: ``served.url("/s/{code}")``."""
        return self.base + path.format(code=self.code)


def served_by(app: FacilitatorApp) -> Served:
    """The app's session as a phone on loopback reaches it: at the port the app's server bound, whatever
    address its screen shows."""
    assert app.server is not None, "the app is not serving"
    live = live_of(app)
    return Served(live, f"http://{LOOPBACK}:{app.server.bound_port}", app.store,
                  app.workshop.room.scan_token(live.session.code))


# -- phones over HTTP ---------------------------------------------------------------------------------------
def new_phone() -> aiohttp.ClientSession:
    """A phone: an HTTP client with a cookie jar of its own, which keeps cookies set by an IP-address host."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


@asynccontextmanager
async def phones(n: int) -> AsyncIterator[list[aiohttp.ClientSession]]:
    """``n`` phones, each with its own cookies, closed afterwards."""
    async with AsyncExitStack() as stack:
        yield [await stack.enter_async_context(new_phone()) for _ in range(n)]


_form_tokens: WeakKeyDictionary[aiohttp.ClientSession, dict[str, str]] = WeakKeyDictionary()


async def form_token(phone: aiohttp.ClientSession, served: Served) -> str:
    """The token every form ``phone`` posts to ``served`` carries, read from the join page as a phone's browser
    reads it (the first page with a form gives the phone its token cookie); then remembered."""
    known = _form_tokens.setdefault(phone, {})
    if served.base not in known:
        async with phone.get(served.url("/j/{code}?edit=1")) as page:
            found = FORM_TOKEN.search(await page.text())
        assert found, f"no form token on the join page (HTTP {page.status})"
        known[served.base] = found.group(1)
    return known[served.base]


async def post_form(phone: aiohttp.ClientSession, served: Served, path: str, fields: Fields = (),
                    **kwargs: Any) -> aiohttp.ClientResponse:
    """Post ``fields`` to ``path`` (``{code}`` replaced) as a phone page's form does: with its form token."""
    data = [*_pairs(fields), ("csrf", await form_token(phone, served))]
    return await phone.post(served.url(path), data=data, **kwargs)


async def join(phone: aiohttp.ClientSession, served: Served, fields: Fields = (), /,
               **named: str) -> aiohttp.ClientResponse:
    """Send the join form (``fields``, then ``named``) and check the phone joined: it lands on the step page."""
    response = await post_form(phone, served, "/j/{code}", [*_pairs(fields), *named.items()])
    assert response.status == 200, await response.text()
    assert response.url.path.startswith("/s/"), response.url
    return response


async def joined(served: Served, fields: Fields = (), /, **named: str) -> aiohttp.ClientSession:
    """A new phone that has joined (``async with await joined(served, organisation=...) as phone``)."""
    phone = new_phone()
    try:
        await join(phone, served, fields, **named)
    except BaseException:
        await phone.close()
        raise
    return phone


async def session_joined(pilot: Pilot[Any], *joins: tuple[aiohttp.ClientSession, Fields]) -> Served:
    """Wait for the session's join screen, then join each phone with its form; the session as phones reach it."""
    await session_started(pilot)
    app = pilot.app
    assert isinstance(app, FacilitatorApp)
    served = served_by(app)
    for phone, fields in joins:
        await join(phone, served, fields)
    return served


async def post_answer(
    phone: aiohttp.ClientSession, served: Served, fields: Fields, client_id: str, *, step: int | None = None,
    headers: Mapping[str, str] = JSON, follow: bool = True,
) -> aiohttp.ClientResponse:
    """Send a step's form as the step page does: ``fields`` with the step (the open one unless ``step``) and
    the answer's client id. The reply is JSON unless ``headers`` ask for a page."""
    at = served.step if step is None else step
    data = [("step", str(at)), ("client_id", client_id), *_pairs(fields)]
    return await post_form(phone, served, "/s/{code}/answers", data, headers=dict(headers), allow_redirects=follow)


async def answer(phone: aiohttp.ClientSession, served: Served, fields: Fields, client_id: str) -> dict[str, Any]:
    """Answer the open step and check the answer was saved; the server's reply."""
    response = await post_answer(phone, served, fields, client_id)
    body: dict[str, Any] = await response.json()
    assert response.status == 200 and body["ok"] is True, body
    return body


async def next_state(stream: aiohttp.ClientResponse) -> str:
    """The next state the server pushes on a phone's event stream (``/s/<code>/events``)."""
    return str((await next_announcement(stream))["state"])


async def next_announcement(stream: aiohttp.ClientResponse) -> dict[str, Any]:
    """The next thing the server pushes on a phone's event stream: the state and the step's countdown."""
    while True:
        line = (await stream.content.readline()).decode()
        if not line:
            raise AssertionError("the event stream ended")
        if line.startswith("data:"):
            announced: dict[str, Any] = json.loads(line[5:])
            return announced


@dataclass
class FakeClock:
    """A clock whose seconds pass only when the test turns it (a live session's countdowns count with it)."""

    now: float = 1000.0

    def __call__(self) -> float:
        return self.now

    def turn(self, seconds: float) -> None:
        """Let ``seconds`` pass."""
        self.now += seconds


# -- phones in a real browser -------------------------------------------------------------------------------
async def join_page(page: Page, url: str, *, organisation: str | None = None, sector: str | None = None,
                    pick: bool = False) -> None:
    """Open the join page at ``url``, give the organisation (typed, or picked from the partnership's list when
    ``pick``) and the sector, join with the page's script, and land on the step page."""
    response = await page.goto(url)
    assert response is not None and response.status == 200
    if organisation is not None:
        if pick:
            await page.select_option("#organisation", organisation)
        else:
            await page.fill("#organisation", organisation)
    if sector is not None:
        await page.select_option("#sector", sector)
    await page.click("#join button[type=submit]")
    await page.wait_for_url("**/s/*")


async def page_at_first_step(pilot: Pilot[Any], page: Page, *, organisation: str | None = None) -> LiveSession:
    """Wait for the session's join screen, join from ``page`` (a phone in Chromium) at the address the QR code
    shows, open step 1 from the keyboard and wait for the phone to show its form; the session."""
    live = await session_started(pilot)
    app = pilot.app
    assert isinstance(app, FacilitatorApp)
    await join_page(page, app.join_url(live.session.code), organisation=organisation)
    await pilot.press("right")
    await until(pilot, lambda: live.session.step == 0, "step 1 to open")
    await page.wait_for_selector("textarea")
    return live


async def send_page(page: Page, lines: int, *, text: str | None = None) -> None:
    """Send the step's form with the page's script (``text`` typed in its box first); wait until the page says
    it was saved and "my answers" lists ``lines`` lines."""
    from playwright.async_api import expect

    if text is not None:
        await page.fill("#text", text)
    await page.click("#answer button[type=submit]")
    status = page.locator("#status")
    await expect(status).to_have_class("status ok")
    await expect(status).to_have_text("บันทึกแล้ว")
    await expect(page.locator("#mine li:not(.empty)")).to_have_count(lines)


# -- several sessions of a data directory, served ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ServedRoom:
    """A workshop over a store, served on loopback without the TUI: sessions are opened and closed as a test
    goes (a partnership's BAR, then its AAR), each reached by phones on the same server."""

    workshop: Workshop
    store: Store
    base: str

    async def open(self, activity: str, partnership_id: str | None, *, anonymous: bool = False) -> Served:
        """Open a session of ``activity`` (in its lobby) and return it as phones reach it."""
        live = await self.workshop.open_session(load(activity), f"{TITLE} ({activity})",
                                                partnership_id=partnership_id, anonymous=anonymous)
        return Served(live, self.base, self.store, self.workshop.room.scan_token(live.session.code))

    async def close(self, served: Served) -> None:
        """Close a session as the facilitator does."""
        await self.workshop.close_session(served.live)


@asynccontextmanager
async def served_room(data_dir: Path) -> AsyncIterator[ServedRoom]:
    """The participants' server for the sessions of ``data_dir`` on 127.0.0.1, port 0; stopped afterwards."""
    from facilitator.core.workshop import Workshop
    from facilitator.server.app import Server
    from facilitator.server.app import make_app as make_server

    store = Store(data_dir)
    workshop = Workshop(store)
    server = Server(make_server(workshop.room), LOOPBACK, 0)
    await server.start()
    try:
        yield ServedRoom(workshop, store, f"http://{LOOPBACK}:{server.bound_port}")
    finally:
        await server.stop()
        await store.close()


# -- other processes ----------------------------------------------------------------------------------------
async def notes_session(store: Store, title: str) -> LiveSession:
    """A session of one notes step, saved in ``store`` and open for answers (for a process that writes)."""
    from facilitator.core.activity import Activity, Bilingual, Step

    activity = Activity("a", Bilingual("ก", "A"), Bilingual("", ""), (Step("s", "notes", Bilingual("ข้อ", "Q")),))
    session = store.create_session(activity, title)
    sink = store.sink(session)
    await sink.save_session(session)
    live = LiveSession(session, sink)
    await live.advance()
    return live


def stop(process: subprocess.Popen[Any]) -> None:
    """Kill ``process`` if it still runs, wait for it, and close its pipes."""
    process.kill()
    process.wait(timeout=60)
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            stream.close()

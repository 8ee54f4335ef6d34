"""The facilitator's app: the projected screen, with the participants' web server in the same event loop."""

from __future__ import annotations

import os
from dataclasses import dataclass

from collections.abc import Iterable
from pathlib import Path

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from facilitator.core.activity import LANGS, Activity
from facilitator.core.i18n import t
from facilitator.core.live import LiveSession
from facilitator.core.model import Session, SessionDetails, Status
from facilitator.core.partnership import Partnership
from facilitator.core.workshop import Workshop
from facilitator.rehearsal import DEFAULT_PACE, Pace, Rehearsal
from facilitator.server.address import LOOPBACK, is_ip_literal, lan_address
from facilitator.server.app import Server, make_app
from facilitator.store import Store, UnknownSession
from facilitator.store.display import remember_theme, remembered_theme
from facilitator.store.lock import AppLock
from facilitator.tui import heap, palette, strip_cycles
from facilitator.tui.keyboard import with_kedmanee
from facilitator.tui.localized import LocalizedScreen, language_switches_on
from facilitator.tui.projector import DEFAULT_THEME, LOOKS, PROJECTOR, PROJECTOR_CLASS
from facilitator.tui.screens.confirm import ConfirmScreen
from facilitator.tui.screens.help import HelpScreen, key_rows
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.progress import ProgressScreen
from facilitator.tui.screens.session import SessionScreen
from facilitator.tui.screens.summary import SummaryScreen


#: How often the app checks that the process that started it is still there.
ORPHAN_CHECK_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class RoomSettings:
    """How the app serves phones: ``host`` shown in the QR (``None``: the LAN address), ``port`` (0: any),
    the screen's language, and the Wi-Fi network to offer."""

    host: str | None = None
    port: int = 8080
    lang: str = "th"
    #: The hotspot phones should join first, as (SSID, password): its QR code is shown on the join screen.
    wifi: tuple[str, str] | None = None
    #: The port the last run listened on, tried before ``port``: after a crash, phones still hold its address.
    last_port: int | None = None
    #: The look to start with ("default" or "projector", see :data:`~facilitator.tui.projector.LOOKS`);
    #: ``None``: the look the data directory remembers.
    theme: str | None = None
    #: Mean seconds between two actions of a rehearsal's simulated phone.
    rehearsal_pace: float = DEFAULT_PACE

    @property
    def ports(self) -> list[int]:
        """The ports to try, in order."""
        return list(dict.fromkeys(p for p in (self.last_port, self.port) if p is not None))

    @property
    def bind_host(self) -> str:
        """Where the server listens: the given address, or every interface."""
        return self.host if self.host and is_ip_literal(self.host) else "0.0.0.0"

    @property
    def own_host(self) -> str:
        """The address this machine reaches its own server at: loopback, unless it listens on one address."""
        host = self.bind_host
        host = LOOPBACK if host == "0.0.0.0" else host
        return f"[{host}]" if ":" in host else host


@dataclass(frozen=True, slots=True)
class StartRequest:
    """A session to open as soon as the app starts (``facilitator run``): ``follows`` is the BAR it follows;
    an ``anonymous`` session keeps no participant's name; a ``demo`` session is a rehearsal."""

    activity: Activity
    title: str
    partnership_id: str | None = None
    follows: str | None = None
    anonymous: bool = False
    details: SessionDetails = SessionDetails()
    demo: bool = False


class FacilitatorApp(App[int]):
    """Home screen, live sessions and their summaries. ``start`` opens a new session straight away;
    ``offer_resume`` offers the newest unfinished session on the home screen (the start after a crash).
    ``lock`` is the data directory's lock, told the port once the server listens.

    Sessions are opened, resumed and closed by its :attr:`workshop`; the app serves the workshop's room to phones
    and moves between screens when they ask.
    """

    TITLE = "Facilitator"
    CSS_PATH = "app.tcss"
    #: Below 120 columns screens carry ``-narrow`` (``app.tcss`` gives the answers the whole width).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = with_kedmanee([
        Binding("ctrl+q", "quit", "quit", priority=True, show=False),
        Binding("l", "switch_language", "switch_language"),
        Binding("b", "switch_theme", "switch_theme", show=False),
        Binding("question_mark", "help", "keys_help", key_display="?"),
    ])

    def __init__(self, store: Store, settings: RoomSettings, start: StartRequest | None = None,
                 lock: AppLock | None = None, *, offer_resume: bool = False) -> None:
        super().__init__()
        strip_cycles.install()  # drawn lines freed when dropped, not left for the collector's sweep
        self._lock = lock
        self._offer_resume = offer_resume and start is None
        self._asking_to_quit = False
        self.store = store
        self.settings = settings
        #: Opens, resumes and closes sessions; holds the room of sessions served to phones.
        self.workshop = Workshop(store)
        #: The language of the screens (``l`` switches it; sessions keep the language they were opened in).
        self.lang = settings.lang
        self.title = t("app_title", self.lang)
        self.register_theme(PROJECTOR)
        #: The last theme other than the projector's, which ``b`` switches back to.
        self._plain_theme = DEFAULT_THEME
        start_theme = LOOKS.get(settings.theme or "") or remembered_theme(store.data_dir) or DEFAULT_THEME
        self.theme = start_theme if start_theme in self.available_themes else DEFAULT_THEME
        self.public_host = settings.host or lan_address()
        self._start = start
        self.server: Server | None = None
        #: The simulated phones of each rehearsal being served, by session id.
        self.rehearsals: dict[str, Rehearsal] = {}
        #: A one-line reason the app could not start (shown by the CLI after it exits).
        self.error: str | None = None

    async def on_mount(self) -> None:
        """Start serving phones, then show home (or the requested session's join screen)."""
        self._parent_pid = os.getppid()
        self.set_interval(ORPHAN_CHECK_SECONDS, self._exit_if_orphaned)
        self.set_interval(heap.TIDY_EVERY, heap.tidy)
        self.set_interval(heap.SWEEP_EVERY, heap.Sweeps())
        self.server = await self._listen()
        if self.server is None:
            self.exit(2)
            return
        if self._lock is not None:
            self._lock.listening(self.server.bound_port)
        await self.push_screen(HomeScreen(self.store, self.workshop, self.lang))
        if self._start is not None:
            start = self._start
            await self.start_session(start.activity, start.title, start.partnership_id, start.follows,
                                     anonymous=start.anonymous, details=start.details, demo=start.demo)
        elif self._offer_resume:
            self._offer_unfinished()

    async def _listen(self) -> Server | None:
        """Serve phones on the first free port of :attr:`RoomSettings.ports`; ``None`` (and :attr:`error` set
        to why, naming the configured port) when none is."""
        allowed = {self.public_host, LOOPBACK}
        for port in self.settings.ports:
            server = Server(make_app(self.workshop.room, allowed_hosts=allowed), self.settings.bind_host, port)
            try:
                await server.start()
            except OSError as err:
                self.error = f"cannot listen on {self.settings.bind_host}:{port}: {err.strerror or err}"
                continue
            self.error = None
            return server
        return None

    def _exit_if_orphaned(self) -> None:
        """When the process that started us (a shell, ``make``) is gone, so is our terminal: a closed window
        does not always deliver SIGHUP to us. Leave (records flushed, port freed) rather than linger."""
        if os.getppid() != self._parent_pid:
            self.run_worker(self._leave_without_terminal(), exclusive=True, group="orphan")

    async def _leave_without_terminal(self) -> None:
        # Textual's own shutdown would wait forever writing to the terminal that is gone: save everything,
        # stop serving, and end the process here.
        await self._stop_rehearsals()
        if self.server is not None:
            await self.server.stop()
        await self.store.close()
        heap.release()
        os._exit(0)

    # -- quitting ----------------------------------------------------------------------------------------
    def serving_live(self) -> bool:
        """Whether a session not yet closed is being served (quitting would leave its phones without a wall)."""
        return any(live.session.status is not Status.CLOSED for live in self.workshop.room.lives())

    async def action_quit(self) -> None:
        """Ctrl+Q (and Ctrl+C, ``q`` on home): quit at once, or ask first while a session is open. Quitting
        flushes every record; an open session stays resumable."""
        if not self.serving_live():
            self.exit()
            return
        if self._asking_to_quit:
            return

        def answered(yes: bool | None) -> None:
            self._asking_to_quit = False
            if yes:
                self.exit()

        self._asking_to_quit = True
        lang = self.lang
        await self.push_screen(ConfirmScreen(t("quit_confirm", lang), t("quit", lang), t("keep_running", lang)),
                               answered)

    async def action_help_quit(self) -> None:
        """Ctrl+C quits like Ctrl+Q (instead of Textual's notice in English that it does not)."""
        await self.action_quit()

    # -- language, look and help -------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The key list is not opened from inside a dialog, nor the language switched, except in a dialog that
        switches with the screen under it (the key list)."""
        if action == "help":
            return not isinstance(self.screen, ModalScreen)
        if action == "switch_language":
            return language_switches_on(self.screen)
        return True

    def action_switch_language(self) -> None:
        """``l``: Thai ↔ English for every screen (the ones in view now; the others when shown again). Phones
        and sessions keep their own language."""
        self.lang = "en" if self.lang == "th" else "th"
        self.title = t("app_title", self.lang)
        for screen in self._screens_in_view():
            # On the screen's own queue: its timers and the session's events wait while it is composed again.
            screen.call_later(screen.change_language, self.lang)

    def _screens_in_view(self) -> list[LocalizedScreen[object]]:
        """The screens a language switch shows again at once: the one showing, and under a dialog that switches
        with it, the screen under the dialog too. A dialog given its texts translated is left as it is."""
        screen = self.screen
        if not language_switches_on(screen):
            return []
        shown = [self.screen_stack[-2], screen] if isinstance(screen, ModalScreen) else [screen]
        return [each for each in shown if isinstance(each, LocalizedScreen)]

    def action_switch_theme(self) -> None:
        """``b``: the projector look, or back to the look before it."""
        self.theme = self._plain_theme if self.theme == PROJECTOR.name else PROJECTOR.name

    def watch_theme(self, theme: str) -> None:
        """Carry the projector class while its look is on (larger prompt and counters); remember the look in
        the data directory."""
        self.set_class(theme == PROJECTOR.name, PROJECTOR_CLASS)
        if theme != PROJECTOR.name:
            self._plain_theme = theme
        if remembered_theme(self.store.data_dir) == theme:
            return
        try:
            remember_theme(self.store.data_dir, theme)
        except OSError:  # a read-only data directory: the look is simply not remembered
            pass

    def action_help(self) -> None:
        """``?``: the keys of the screen showing, with what each does, in its language (in both: ``l`` switches
        the list too)."""
        screen = self.screen
        if not isinstance(screen, ModalScreen):
            self.push_screen(HelpScreen({lang: key_rows(screen, lang, self.get_key_display) for lang in LANGS}))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette's commands, in the screens' language."""
        yield from palette.system_commands(self, screen, self.lang, self, self.screenshot)

    def action_command_palette(self) -> None:
        """Ctrl+P: the command palette, prompting in the screens' language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(palette.command_palette(self.lang))

    def screenshot(self) -> Path | None:
        """Save the screen as SVG under the data directory and say where."""
        return palette.save_screenshot(self, self.store.data_dir, self.lang)

    async def on_unmount(self) -> None:
        """Stop the simulated phones, then the server, and flush every record to disk."""
        await self._stop_rehearsals()
        if self.server is not None:
            await self.server.stop()
        await self.store.close()
        heap.release()

    def join_url(self, code: str) -> str:
        """The address phones open for session ``code`` (what the QR code holds), with the token that lets a
        phone arriving through it past the limit on wrong codes."""
        port = self.server.bound_port if self.server else self.settings.port
        host = f"[{self.public_host}]" if ":" in self.public_host else self.public_host
        return f"http://{host}:{port}/j/{code}?t={self.workshop.room.scan_token(code)}"

    async def start_session(
        self, activity: Activity, title: str, partnership_id: str | None = None, follows: str | None = None, *,
        anonymous: bool = False, details: SessionDetails = SessionDetails(), demo: bool = False,
    ) -> LiveSession:
        """Start a session (in a partnership, following a BAR, anonymous or not, with its place, facilitator,
        date and time, a rehearsal or not) and show its join screen."""
        live = await self.workshop.open_session(activity, title, lang=self.lang, partnership_id=partnership_id,
                                                follows=follows, anonymous=anonymous, details=details, demo=demo)
        await self._show(live)
        return live

    async def resume_session(self, session_id: str) -> LiveSession:
        """Serve an unfinished session again (after a restart or a crash) and show it."""
        live = self.workshop.resume_session(session_id)
        await self._show(live)
        return live

    def _offer_unfinished(self) -> None:
        """Offer the newest unfinished session (after a crash or a quit mid-session): Enter puts it back on the
        wall at the step it was on, with its join code; Escape stays home."""
        found = self._newest_unfinished()
        if found is None:
            return
        session, total = found
        lang = self.lang
        if session.step is None:
            question = t("resume_lobby", lang, title=session.title, code=session.code)
        else:
            question = t("resume_step", lang, title=session.title, n=session.step + 1, total=total,
                         code=session.code)

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self.resume_session(session.id), group="navigate")

        self.push_screen(ConfirmScreen(question, t("resume", lang), t("not_now", lang), default_yes=True), answered)

    def _newest_unfinished(self) -> tuple[Session, int] | None:
        """The newest session in the lobby or running, with its number of steps (a real one before any
        rehearsal: after a crash mid-meeting, the meeting comes back first)."""
        for row in sorted(self.store.sessions(), key=lambda row: bool(row.get("demo"))):
            if row["status"] == Status.CLOSED:
                continue
            try:
                session = self.store.load(row["id"]).session
            except UnknownSession:  # created and never saved: nothing to resume (an unreadable file stops the start)
                continue
            return session, len(session.activity.steps)
        return None

    async def _show(self, live: LiveSession) -> None:
        self._rehearse(live)
        await self.push_screen(SessionScreen(live, self.workshop, self.lang, self.join_url, self.settings.wifi,
                                             exports_dir=self.store.data_dir / "exports"))

    # -- rehearsals --------------------------------------------------------------------------------------
    def _rehearse(self, live: LiveSession) -> None:
        """Send simulated phones into a rehearsal (once; none into a closed one or any other session)."""
        session = live.session
        if not session.demo or session.status is Status.CLOSED or session.id in self.rehearsals:
            return
        if self.server is None:
            return
        base = f"http://{self.settings.own_host}:{self.server.bound_port}"
        rehearsal = Rehearsal(live, base, self.workshop.room.scan_token(session.code),
                              pace=Pace(self.settings.rehearsal_pace))
        self.rehearsals[session.id] = rehearsal
        rehearsal.start()

    async def _stop_rehearsals(self, session_id: str | None = None) -> None:
        """Stop the simulated phones of one rehearsal (``None``: of every one)."""
        ids = [session_id] if session_id is not None else list(self.rehearsals)
        for sid in ids:
            rehearsal = self.rehearsals.pop(sid, None)
            if rehearsal is not None:
                await rehearsal.stop()

    def _summary_screen(self, session_id: str) -> SummaryScreen:
        return SummaryScreen(self.store.load(session_id), self.lang, self.store.data_dir / "exports")

    # -- what the screens ask for ------------------------------------------------------------------------
    @on(HomeScreen.StartRequested)
    def _start_requested(self, message: HomeScreen.StartRequested) -> None:
        self.run_worker(self.start_session(message.activity, message.title, message.partnership_id,
                                           message.follows, anonymous=message.anonymous,
                                           details=message.details, demo=message.demo), group="navigate")

    @on(HomeScreen.ResumeRequested)
    async def _resume_requested(self, message: HomeScreen.ResumeRequested) -> None:
        await self.resume_session(message.session_id)

    @on(HomeScreen.SummaryRequested)
    async def _summary_requested(self, message: HomeScreen.SummaryRequested) -> None:
        await self.push_screen(self._summary_screen(message.session_id))

    @on(HomeScreen.ProgressRequested)
    def _progress_requested(self, message: HomeScreen.ProgressRequested) -> None:
        self.run_worker(self._show_progress(message.partnership), group="navigate")

    async def _show_progress(self, partnership: Partnership) -> None:
        summary = await self.workshop.refresh_progress(partnership.id)
        await self.push_screen(ProgressScreen(partnership, summary, self.lang, self.store.data_dir / "exports"))

    @on(SessionScreen.Closed)
    async def _session_closed(self, message: SessionScreen.Closed) -> None:
        await self._stop_rehearsals(message.session_id)
        await self.switch_screen(self._summary_screen(message.session_id))

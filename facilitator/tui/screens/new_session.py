"""Starting a session: an activity, a title, the partnership it belongs to, the BAR an AAR follows, whether it
is anonymous, whether it is a rehearsal, and where, by whom and when it is held."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select

from activities.library import runnable
from facilitator.core import kinds
from facilitator.core.chronology import listed_held_at
from facilitator.core.i18n import format_day, read_date, t
from facilitator.core.model import SessionDetails
from facilitator.store import Store
from facilitator.tui.localized import LocalizedModal
from facilitator.tui.widgets.plain_select import PlainSelect


@dataclass(frozen=True, slots=True)
class NewSession:
    """What the facilitator chose."""

    activity_id: str
    title: str
    partnership_id: str | None
    follows: str | None
    #: No participant's name is asked or kept.
    anonymous: bool = False
    details: SessionDetails = SessionDetails()
    #: A rehearsal: simulated phones answer it.
    demo: bool = False


class NewSessionScreen(LocalizedModal[NewSession | None]):
    """Dismisses with a :class:`NewSession`, or ``None`` when cancelled. Offers the partnerships and BARs of
    ``store``, in language ``lang``."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def __init__(self, store: Store, lang: str, partnership_id: str | None = None) -> None:
        super().__init__()
        self._store = store
        self.lang = lang
        self._partnership_id = partnership_id

    def compose_dialog(self) -> ComposeResult:
        """Pickers for the activity, the partnership and the BAR followed; a title box; the anonymous switch;
        buttons."""
        lang = self.lang
        activities = runnable(self._store.data_dir)  # the built-in ones, then the facilitator's own
        self._names = {activity_id: a.name(lang) for activity_id, a in activities.items()}
        self._following = {a_id for a_id, a in activities.items() if kinds.follows_bar(a)}
        partnerships = [(p.name, p.id) for p in self._store.partnerships()]
        with VerticalScroll(classes="dialog"):
            yield Label(t("activity", lang))
            yield PlainSelect([(name, a_id) for a_id, name in self._names.items()], value="bar" if "bar" in self._names
                         else next(iter(self._names)), allow_blank=False, id="activity")
            yield Label(t("partnership", lang))
            yield PlainSelect(partnerships, value=self._partnership_id or Select.NULL, prompt=t("no_partnership", lang),
                         id="partnership")
            yield Label(t("follows", lang), id="follows-label")
            yield PlainSelect([], prompt=t("no_expectations", lang), id="follows")
            yield Label(t("title", lang))
            yield Input(id="title", max_length=120)
            yield Checkbox(t("anonymous_switch", lang), id="anonymous")
            yield Checkbox(t("rehearsal_switch", lang), id="demo")
            yield Label(t("details_label", lang))
            with Horizontal(classes="details"):
                yield Input(id="place", max_length=120, placeholder=t("place", lang))
                yield Input(id="facilitator", max_length=80, placeholder=t("facilitator_name", lang))
                yield Input(id="held_at", max_length=20, placeholder=t("held_at_placeholder", lang),
                            tooltip=t("held_at_hint", lang))
            yield Label("", id="details-error", classes="error")
            yield Button(t("start", lang), variant="primary", id="ok")
            yield Button(t("cancel", lang), id="cancel")

    def on_mount(self) -> None:
        """Type the title first; offer the BARs to follow when the activity needs one."""
        self.update_follows()
        self.query_one("#title", Input).focus()

    @on(Select.Changed, "#activity, #partnership")
    @on(Checkbox.Changed, "#demo")
    def update_follows(self) -> None:
        """Offer the BARs of the chosen partnership when the chosen activity follows one (a rehearsed BAR only to
        a rehearsal)."""
        activity = self.query_one("#activity", Select).value
        partnership = self.query_one("#partnership", Select).value
        follows = self.query_one("#follows", Select)
        wanted = activity in self._following
        demo = self.query_one("#demo", Checkbox).value
        follows.display = self.query_one("#follows-label").display = wanted
        rows = [row for row in self._store.sessions()
                if row["activity_id"] == "bar" and (not isinstance(partnership, str)
                                                    or row.get("partnership_id") == partnership)
                and (demo or not row.get("demo"))]
        lang = self.lang
        follows.set_options([(f"{format_day(listed_held_at(r), lang)} · {r['title']}", r["id"]) for r in rows])
        if wanted and rows:
            follows.value = rows[0]["id"]  # the BAR held last

    def _details(self) -> SessionDetails | None:
        """The place, facilitator, date and time typed (``None``, with a message shown, for a date that cannot
        be read)."""
        held = self.query_one("#held_at", Input)
        try:
            held_at = read_date(held.value, with_time=True)
        except ValueError:
            self.query_one("#details-error", Label).update(t("bad_held_at", self.lang))
            held.focus()
            return None
        return SessionDetails(self.query_one("#place", Input).value.strip(),
                              self.query_one("#facilitator", Input).value.strip(), held_at)

    @on(Input.Submitted, "#title, #place, #facilitator, #held_at")
    @on(Button.Pressed, "#ok")
    def start(self) -> None:
        """Enter in the title box, or the start button, starts the session."""
        activity = self.query_one("#activity", Select).value
        partnership = self.query_one("#partnership", Select).value
        follows = self.query_one("#follows", Select).value
        if not isinstance(activity, str):
            return
        details = self._details()
        if details is None:
            return
        title = self.query_one("#title", Input).value.strip() or self._names[activity]
        self.dismiss(NewSession(
            activity, title, partnership if isinstance(partnership, str) else None,
            follows if isinstance(follows, str) and activity in self._following else None,
            anonymous=self.query_one("#anonymous", Checkbox).value, details=details,
            demo=self.query_one("#demo", Checkbox).value,
        ))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Escape (or the cancel button) closes without starting anything."""
        self.dismiss(None)

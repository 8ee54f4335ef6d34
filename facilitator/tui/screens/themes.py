"""The themes board of one step: its answers, the facilitator's themes, and the themes the words suggest.

From the keyboard: ↑↓ choose an answer, 1–9 put it in that theme, 0 take it out; ``n`` creates a theme; Tab
moves to the themes (``r`` renames, ``d`` deletes an empty one) and the suggestions (``s`` or Enter accepts one).
Every change goes through :meth:`facilitator.core.live.LiveSession.change_themes`, so it is stored before it
shows, and the board redraws from the session's events.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.core import themes, words
from facilitator.core.events import AnswerAdded, ThemesChanged
from facilitator.core.i18n import t
from facilitator.core.kinds import Card
from facilitator.core.live import LiveSession, Rejected, StorageError
from facilitator.core.model import Answer
from facilitator.core.themes import Suggestion, Theme
from facilitator.tui.line_breaks import WordBreaks
from facilitator.tui.localized import LocalizedScreen
from facilitator.tui.messages import LiveEvents, follow
from facilitator.tui.render import literal
from facilitator.tui.widgets.fitting_footer import FittingFooter

Change = Callable[[list[Theme]], list[Theme]]
#: What the keys 0–9 send with the keyboard in Thai mode (the unshifted Kedmanee digit row).
KEDMANEE_DIGITS = "จๅ/-ภถุึคต"
#: The footer's keys, the one that matters most first: back to the session, ``?`` (which lists every key), then
#: making a theme and taking a suggestion; renaming and deleting a theme are the first left out whole.
FOOTER_IMPORTANCE = ("close", "help", "create", "accept", "switch_language", "rename", "delete")


def _bullets(cards: list[Card]) -> list[Content | str]:
    """Each card's text on a line of its own under a heading, literal."""
    return [part for card in cards for part in ("\n  – ", literal(card.text))]


class ThemesScreen(LocalizedScreen[None]):
    """Groups the answers of step ``step`` of ``live`` into themes; ``card_of`` gives an answer's card."""

    CSS_PATH = "themes.tcss"
    BINDINGS = [
        Binding("n", "create", "themes_new"),
        Binding("r", "rename", "themes_rename"),
        Binding("d", "delete", "themes_delete"),
        Binding("s", "accept", "themes_accept"),
        Binding("escape", "close", "back"),
        *(Binding(str(n), f"move({n})", show=False) for n in range(10)),
        # The digits' places on the Kedmanee layout, for a keyboard left in Thai mode.
        *(Binding(key, f"move({n})", show=False, system=True) for n, key in enumerate(KEDMANEE_DIGITS)),
    ]

    def __init__(self, live: LiveSession, step: int, lang: str, card_of: Callable[[Answer], Card]) -> None:
        super().__init__(lang)
        self.live = live
        self.step = step
        self.card_of = card_of
        self._suggested: list[Suggestion] = []
        self._redraw_due = False
        self._unsubscribe: Callable[[], None] | None = None

    def compose(self) -> ComposeResult:
        """The prompt and help line, then answers on the left, themes and suggestions on the right."""
        prompt = self.live.session.activity.steps[self.step].prompt(self.lang)
        yield Static(Content.assemble((f"{t('themes_title', self.lang)} · ", "bold"), literal(prompt, "bold")),
                     id="themes-prompt")
        yield Static(t("themes_help", self.lang), id="themes-help", markup=False)
        with Horizontal(id="themes-body"):
            with Vertical(id="cards-side"):
                yield Static(t("themes_cards", self.lang), classes="heading", markup=False)
                yield OptionList(id="cards")
            with Vertical(id="themes-side"):
                yield Static(t("themes_title", self.lang), classes="heading", markup=False)
                yield OptionList(id="themes")
                yield Static(t("themes_suggested", self.lang), classes="heading", markup=False)
                yield OptionList(id="suggestions")
        yield FittingFooter(FOOTER_IMPORTANCE)

    def on_mount(self) -> None:
        """Listen to the session, draw, and start looking for suggestions."""
        self._unsubscribe = follow(self.live, self)
        self._redraw()
        self.query_one("#cards", OptionList).focus()

    def on_unmount(self) -> None:
        """Stop listening."""
        if self._unsubscribe is not None:
            self._unsubscribe()

    def on_live_events(self, message: LiveEvents) -> None:
        """New answers to the step, or changed themes: draw again."""
        if any(isinstance(event, ThemesChanged) or (isinstance(event, AnswerAdded) and event.answer.step == self.step)
               for event in message.take()):
            if not self._redraw_due:  # once before the next frame, however many answers arrive until then
                self._redraw_due = True
                self.call_after_refresh(self._redraw)

    # -- drawing ---------------------------------------------------------------------------------------
    @property
    def step_themes(self) -> list[Theme]:
        """The step's themes as stored now; theme ``n`` is ``step_themes[n - 1]``."""
        return themes.of_step(self.live.session.themes, self.step)

    def _answers(self) -> list[Answer]:
        return self.live.answers_for(self.step)

    def _redraw(self) -> None:
        self._redraw_due = False
        self._draw_lists()
        self._suggest()

    def _draw_lists(self) -> None:
        """Draw the answers and the themes as stored now."""
        answers = self._answers()
        cards = {a.id: self.card_of(a) for a in answers}
        numbers = {a: n for n, theme in enumerate(self.step_themes, 1) for a in theme.answers}
        card_options = [
            Option(WordBreaks(Content.assemble((f"{numbers[a.id]} " if a.id in numbers else "· ", "bold $accent"),
                                    literal(cards[a.id].text))), id=a.id)
            for a in answers
        ]
        theme_options = []
        for n, theme in enumerate(self.step_themes, 1):
            members = [cards[i] for i in theme.answers if i in cards]
            theme_options.append(Option(WordBreaks(Content.assemble(
                (f"{n}  ", "bold $accent"), literal(theme.name, "bold"),
                ("  " + t("themes_answers", self.lang, n=len(members)), "$text-muted"), *_bullets(members),
            )), id=theme.id))
        self._fill("#cards", card_options, t("no_answers_yet", self.lang))
        self._fill("#themes", theme_options, t("themes_none_yet", self.lang))

    def _fill(self, selector: str, options: list[Option], empty: str = "") -> None:
        """Replace a list's options, keeping the highlighted one (by id) where it still is."""
        listing = self.query_one(selector, OptionList)
        highlighted = listing.highlighted_option.id if listing.highlighted_option is not None else None
        listing.clear_options()
        if options:
            listing.add_options(options)
            ids = [option.id for option in options]
            listing.highlighted = ids.index(highlighted) if highlighted in ids else 0
        elif empty:
            listing.add_option(Option(Content.styled(empty, "$text-muted"), disabled=True))

    @work(exclusive=True, group="suggest")
    async def _suggest(self) -> None:
        """Find the suggestions in a worker thread (it segments Thai); a newer call drops this one. Lists drawn
        before the segmenter was loaded are drawn again, their lines now broken between words."""
        drawn_early = not words.ready()
        await asyncio.to_thread(words.warm)
        found = await asyncio.to_thread(themes.suggestions, list(self.live.session.themes), self._answers(),
                                        self.step)
        if drawn_early:
            self._draw_lists()
        cards = {a.id: self.card_of(a) for a in self._answers()}
        self._suggested = found
        self._fill("#suggestions", [
            Option(WordBreaks(Content.assemble(
                literal(s.word, "bold"), ("  " + t("themes_answers", self.lang, n=len(s.answers)), "$text-muted"),
                *_bullets([cards[i] for i in s.answers if i in cards]))), id=f"s{i}")
            for i, s in enumerate(found)
        ], t("themes_no_suggestions", self.lang))

    # -- the facilitator's keys ------------------------------------------------------------------------
    def _highlighted(self, selector: str) -> str | None:
        option = self.query_one(selector, OptionList).highlighted_option
        return option.id if option is not None and not option.disabled else None

    @work(group="change")
    async def _change(self, change: Change) -> None:
        try:
            await self.live.change_themes(change)
        except Rejected as err:
            self.notify(t(err.reason, self.lang), severity="warning", markup=False)
        except StorageError as err:
            self.notify(str(err), title=t("storage_warning", self.lang), severity="error", markup=False)

    def action_move(self, number: int) -> None:
        """Put the highlighted answer in theme ``number`` (0: in none)."""
        answer_id = self._highlighted("#cards")
        step_themes = self.step_themes
        if answer_id is None or number > len(step_themes):
            return
        target = step_themes[number - 1].id if number else None
        self._change(partial(themes.move, answer_id=answer_id, theme_id=target))

    def _ask_name(self, title: str, button: str, initial: str, then: Callable[[str], Change]) -> None:
        """Ask for a name; once given, apply the change ``then`` makes of it."""
        from facilitator.tui.screens.name_dialog import NameDialog

        def named(name: str | None) -> None:
            if name:
                self._change(then(name))

        self.app.push_screen(NameDialog(self.lang, title, button, initial), named)

    def action_create(self) -> None:
        """Ask for a name and add a theme with it, last."""
        self._ask_name(t("themes_new", self.lang), "themes_create", "",
                       lambda name: lambda current: themes.create(current, self.step, name))

    def action_rename(self) -> None:
        """Ask for a new name for the highlighted theme."""
        theme = next((th for th in self.step_themes if th.id == self._highlighted("#themes")), None)
        if theme is not None:
            self._ask_name(t("themes_rename_title", self.lang), "themes_rename", theme.name,
                           lambda name: partial(themes.rename, theme_id=theme.id, name=name))

    def action_delete(self) -> None:
        """Delete the highlighted theme (refused while it holds answers)."""
        theme_id = self._highlighted("#themes")
        if theme_id is not None:
            self._change(partial(themes.delete, theme_id=theme_id))

    @on(OptionList.OptionSelected, "#suggestions")
    def action_accept(self) -> None:
        """Make the highlighted suggestion a theme, with its answers."""
        chosen = self._highlighted("#suggestions")
        if chosen is not None and int(chosen[1:]) < len(self._suggested):
            suggestion = self._suggested[int(chosen[1:])]
            self._change(lambda current: themes.accept(current, self.step, suggestion))

    def action_close(self) -> None:
        """Back to the wall."""
        self.app.pop_screen()

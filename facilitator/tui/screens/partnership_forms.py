"""Modals for a partnership: create one, merge two spellings of an organisation, set the stage."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Select, TextArea

from facilitator.core.i18n import SECTORS, sector_label, t
from facilitator.core.vocab import STAGES
from facilitator.tui.localized import LocalizedModal, app_lang


def parse_organisations(text: str) -> list[tuple[str, str]]:
    """Lines "name | sector" (sector as a key or its Thai or English label; may be left out)."""
    by_label = {label(lang).casefold(): key for key, label in SECTORS.items() for lang in ("th", "en")}
    found = []
    for line in text.splitlines():
        name, _, sector = line.partition("|")
        sector = sector.strip()
        key = sector if sector in SECTORS else by_label.get(sector.casefold(), "")
        if name.strip():
            found.append((name.strip(), key))
    return found


class _Form(LocalizedModal[object]):
    """A dialog with OK and Cancel; Escape cancels."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "cancel", "cancel")]

    @property
    def lang(self) -> str:
        """The screen's language."""
        return app_lang(self)

    def buttons(self) -> ComposeResult:
        """OK and Cancel."""
        yield Button("OK", variant="primary", id="ok")
        yield Button(t("cancel", self.lang), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """OK answers, Cancel closes."""
        if event.button.id == "ok":
            self.dismiss(self.result())
        else:
            self.dismiss(None)

    def result(self) -> object:
        """What OK answers."""
        raise NotImplementedError

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)


class NewPartnershipScreen(_Form):
    """Dismisses with ``(name, [(organisation, sector), …])`` or ``None``."""

    def compose(self) -> ComposeResult:
        """Name, organisations (one per line), buttons."""
        with Vertical(classes="dialog"):
            yield Label(t("new_partnership", self.lang), markup=False)
            yield Input(id="name", max_length=120)
            yield Label(f"{t('partner_orgs', self.lang)}\n{sector_hint(self.lang)}", markup=False)
            yield TextArea(id="orgs", soft_wrap=True)
            yield from self.buttons()

    def result(self) -> object:
        """The name and the parsed organisations (``None`` without a name)."""
        name = self.query_one("#name", Input).value.strip()
        return (name, parse_organisations(self.query_one("#orgs", TextArea).text)) if name else None


class MergeScreen(_Form):
    """Dismisses with ``(duplicate, into)`` organisation names, or ``None``."""

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self._names = names

    def compose(self) -> ComposeResult:
        """Two pickers: the duplicate spelling and the organisation it belongs to."""
        options = [(name, name) for name in self._names]
        with Vertical(classes="dialog"):
            yield Label(t("merge", self.lang))
            yield Select(options, id="duplicate", prompt="—")
            yield Label("→")
            yield Select(options, id="into", prompt="—")
            yield from self.buttons()

    def result(self) -> object:
        """The two names, when both are chosen and differ."""
        duplicate = self.query_one("#duplicate", Select).value
        into = self.query_one("#into", Select).value
        ok = isinstance(duplicate, str) and isinstance(into, str) and duplicate != into
        return (duplicate, into) if ok else None


class StageScreen(_Form):
    """Dismisses with a stage key of the partnering cycle, or ``None``."""

    def __init__(self, current: str, suggested: str) -> None:
        super().__init__()
        self._current, self._suggested = current, suggested

    def compose(self) -> ComposeResult:
        """A picker of the twelve stages, the suggestion marked."""
        options = [
            (f"{i}. {label(self.lang)}" + (f"  ({t('stage_suggested', self.lang)})" if key == self._suggested
                                           else ""), key)
            for i, (key, label) in enumerate(STAGES.items(), start=1)
        ]
        with Vertical(classes="dialog"):
            yield Label(t("stage", self.lang))
            yield Select(options, value=self._current or self._suggested, allow_blank=False, id="stage")
            yield from self.buttons()

    def result(self) -> object:
        """The chosen stage."""
        return self.query_one("#stage", Select).value


def sector_hint(lang: str) -> str:
    """The sectors one may type after "|" (for the organisations box)."""
    return ", ".join(sector_label(key, lang) for key in SECTORS)

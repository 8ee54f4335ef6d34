"""Modals for a partnership: create one, merge two spellings of an organisation, set the stage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Select, TextArea

from facilitator.core.i18n import sector_label, t
from facilitator.core.vocab import SECTORS
from facilitator.core.vocab import STAGES
from facilitator.tui.localized import LocalizedModal
from facilitator.tui.widgets.plain_select import PlainSelect

AnswerT = TypeVar("AnswerT")


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


@dataclass(frozen=True, slots=True)
class NewPartnership:
    """A partnership to create: its name and invited organisations as ``(name, sector key)``."""

    name: str
    organisations: list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Merge:
    """Two spellings of one organisation: ``duplicate`` is folded ``into`` the other."""

    duplicate: str
    into: str


class _Form(LocalizedModal[AnswerT | None], Generic[AnswerT]):
    """A dialog with OK and Cancel; Escape cancels. OK dismisses with :meth:`result`."""

    CSS_PATH = "modal.tcss"
    BINDINGS = [Binding("escape", "cancel", "cancel")]

    def buttons(self) -> ComposeResult:
        """OK and Cancel."""
        yield Button(t("ok", self.lang), variant="primary", id="ok")
        yield Button(t("cancel", self.lang), id="cancel")

    @on(Button.Pressed, "#ok")
    def answer(self) -> None:
        """OK answers."""
        self.dismiss(self.result())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Cancel (or Escape) closes without an answer."""
        self.dismiss(None)

    def result(self) -> AnswerT | None:
        """What OK answers (``None`` when the form is not filled in enough)."""
        raise NotImplementedError


class NewPartnershipScreen(_Form[NewPartnership]):
    """Dismisses with a :class:`NewPartnership`, or ``None``."""

    def compose_dialog(self) -> ComposeResult:
        """Name, organisations (one per line), buttons."""
        with Vertical(classes="dialog"):
            yield Label(t("new_partnership", self.lang), markup=False)
            yield Input(id="name", max_length=120)
            yield Label(f"{t('partner_orgs', self.lang)}\n{sector_hint(self.lang)}", markup=False)
            yield TextArea(id="orgs", soft_wrap=True)
            yield from self.buttons()

    def result(self) -> NewPartnership | None:
        """The name and the parsed organisations (``None`` without a name)."""
        name = self.query_one("#name", Input).value.strip()
        return NewPartnership(name, parse_organisations(self.query_one("#orgs", TextArea).text)) if name else None


class MergeScreen(_Form[Merge]):
    """Dismisses with a :class:`Merge` of two organisation names, or ``None``."""

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self._names = names

    def compose_dialog(self) -> ComposeResult:
        """Two pickers: the duplicate spelling and the organisation it belongs to."""
        options = [(name, name) for name in self._names]
        with Vertical(classes="dialog"):
            yield Label(t("merge", self.lang))
            yield PlainSelect(options, id="duplicate", prompt="—")
            yield Label("→")
            yield PlainSelect(options, id="into", prompt="—")
            yield from self.buttons()

    def result(self) -> Merge | None:
        """The two names, when both are chosen and differ."""
        duplicate = self.query_one("#duplicate", Select).value
        into = self.query_one("#into", Select).value
        if isinstance(duplicate, str) and isinstance(into, str) and duplicate != into:
            return Merge(duplicate, into)
        return None


class StageScreen(_Form[str]):
    """Dismisses with a stage key of the partnering cycle, or ``None``."""

    def __init__(self, current: str, suggested: str) -> None:
        super().__init__()
        self._current, self._suggested = current, suggested

    def compose_dialog(self) -> ComposeResult:
        """A picker of the twelve stages, the suggestion marked."""
        options = [
            (f"{i}. {label(self.lang)}" + (f"  ({t('stage_suggested', self.lang)})" if key == self._suggested
                                           else ""), key)
            for i, (key, label) in enumerate(STAGES.items(), start=1)
        ]
        with Vertical(classes="dialog"):
            yield Label(t("stage", self.lang))
            yield PlainSelect(options, value=self._current or self._suggested, allow_blank=False, id="stage")
            yield from self.buttons()

    def result(self) -> str | None:
        """The chosen stage."""
        stage = self.query_one("#stage", Select).value
        return stage if isinstance(stage, str) else None


def sector_hint(lang: str) -> str:
    """The sectors one may type after "|" (for the organisations box)."""
    return ", ".join(sector_label(key, lang) for key in SECTORS)

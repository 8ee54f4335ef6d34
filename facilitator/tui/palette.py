"""The command palette (Ctrl+P) in the screen's language — its prompt, its commands and its "no matches" —:
Textual's system commands, translated, and ours — the language, the projector look, the keys of the screen —
with a screenshot saved in the data directory (Textual's own saves into ~/Downloads, which a fresh laptop may
not have)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Protocol

from rich.align import Align
from rich.text import Text
from textual.app import App, SystemCommand
from textual.command import CommandList, CommandPalette, ProviderSource
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.widgets.option_list import Option

from facilitator.core.i18n import t

#: Where screenshots go, inside the data directory.
SCREENSHOTS = "screenshots"


class PaletteApp(Protocol):
    """What the palette's commands ask of the app."""

    lang: str

    def action_switch_language(self) -> object: ...
    def action_switch_theme(self) -> object: ...
    def action_help(self) -> object: ...
    def action_quit(self) -> object: ...


def system_commands(app: App[object], screen: Screen[object], lang: str,
                    ours: PaletteApp, screenshot: Callable[[], None]) -> Iterable[SystemCommand]:
    """The palette's commands in ``lang`` for ``screen``."""
    def command(key: str, callback: Callable[[], object], help_key: str | None = None) -> SystemCommand:
        return SystemCommand(t(key, lang), t(help_key or f"{key}_help", lang), callback)

    yield command("cmd_language", ours.action_switch_language)
    yield command("cmd_projector", ours.action_switch_theme)
    yield command("keys_help", ours.action_help, "cmd_keys_help")
    yield command("cmd_theme", lambda: search_themes(app, lang))
    if screen.maximized is not None:
        yield command("cmd_minimize", screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield command("cmd_maximize", screen.action_maximize)
    yield command("cmd_screenshot", lambda: app.set_timer(0.1, screenshot))
    yield command("cmd_quit", ours.action_quit)


class Palette(CommandPalette):
    """Textual's command palette speaking ``lang``: its search box prompts (``placeholder_key``) and it says that
    nothing matched in ``lang``, where Textual's says "No matches found"."""

    def __init__(self, lang: str, placeholder_key: str, providers: ProviderSource | None = None,
                 id: str | None = None) -> None:
        super().__init__(providers, placeholder=t(placeholder_key, lang), id=id)
        #: The language of the palette's own words.
        self.lang = lang

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """After a moment without a match, say so (in :attr:`lang`); an empty search shows nothing.

        Textual 8.2's own, but for its words: Textual writes them in a closure of this method, with no other hook.
        """
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                said = Align.center(Text(t("palette_no_matches", self.lang), style="not bold"))
                self.query_one(CommandList).add_option(Option(said, disabled=True, id=self._NO_MATCHES))
            self._list_visible = bool(search_value)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def command_palette(lang: str) -> CommandPalette:
    """The palette, in ``lang``."""
    return Palette(lang, "palette_placeholder", id="--command-palette")


def search_themes(app: App[object], lang: str) -> None:
    """The palette listing the colour themes (Textual's theme picker, in ``lang``)."""
    app.push_screen(Palette(lang, "theme_placeholder", [ThemeProvider]))


def save_screenshot(app: App[object], data_dir: Path, lang: str) -> Path | None:
    """Save the screen as SVG in ``<data_dir>/screenshots/`` and say where (or why not); the file's path."""
    folder = Path(data_dir) / SCREENSHOTS
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = Path(app.save_screenshot(f"screen-{datetime.now():%Y%m%d-%H%M%S-%f}.svg", str(folder)))
    except OSError as err:
        app.notify(str(err.strerror or err), title=t("screenshot_failed", lang), severity="error", markup=False)
        return None
    app.notify(str(path), title=t("screenshot_saved", lang), markup=False)
    return path

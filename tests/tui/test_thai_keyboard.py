"""Every letter key also answers with the keyboard in Thai mode: the character at its place on the Kedmanee layout
runs the same action, from the terminal's own bytes to the screen's binding, and the footer and the key panel
still show the Latin key, once for each action."""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
from pathlib import Path

import pytest
from rich.console import Console
from textual._xterm_parser import XTermParser
from textual.binding import Binding
from textual.dom import DOMNode
from textual.events import Key
from textual.pilot import Pilot
from textual.widgets import Footer
from textual.widgets._footer import FooterKey
from textual.widgets._key_panel import BindingsTable

import facilitator.tui
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.keyboard import KEDMANEE, with_kedmanee
from facilitator.tui.screens.confirm import ConfirmScreen
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.new_session import NewSessionScreen
from facilitator.tui.screens.session import SessionScreen
from facilitator.tui.screens.summary import SummaryScreen
from facilitator.tui.widgets.wall import AnswerWall
from tests.support import make_app, until


def tui_nodes() -> list[type[DOMNode]]:
    """Every screen, modal, widget and app class defined in ``facilitator.tui``."""
    found: dict[str, type[DOMNode]] = {}
    for module_info in pkgutil.walk_packages(facilitator.tui.__path__, "facilitator.tui."):
        module = importlib.import_module(module_info.name)
        for cls in vars(module).values():
            if inspect.isclass(cls) and issubclass(cls, DOMNode) and cls.__module__ == module.__name__:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return list(found.values())


def letter_bindings() -> list[tuple[type[DOMNode], Binding]]:
    """Each binding a ``facilitator.tui`` class declares on a single lowercase letter, one key each."""
    return [(cls, binding) for cls in tui_nodes()
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", []))
            if len(binding.key) == 1 and binding.key.isascii() and binding.key.islower()]


LETTERS = letter_bindings()


def typed(text: str) -> list[Key]:
    """The key events the terminal's input ``text`` becomes (Textual's own parser of what a terminal sends)."""
    events = list(XTermParser().feed(text))
    assert all(isinstance(event, Key) for event in events)
    return events  # type: ignore[return-value]


def test_the_letter_bindings_are_found() -> None:
    declared = {(cls.__name__, binding.key) for cls, binding in LETTERS}
    assert {("SessionScreen", "h"), ("SessionScreen", "c"), ("HomeScreen", "n"), ("HomeScreen", "q"),
            ("SummaryScreen", "e"), ("ConfirmScreen", "y"), ("ConfirmScreen", "n")} <= declared


@pytest.mark.parametrize("cls, binding", LETTERS, ids=[f"{cls.__name__}-{b.key}" for cls, b in LETTERS])
def test_every_letter_binding_answers_to_its_kedmanee_character(cls: type[DOMNode], binding: Binding) -> None:
    (event,) = typed(KEDMANEE[binding.key])
    merged = cls._merged_bindings
    assert merged is not None
    twins = merged.key_to_bindings.get(event.key, [])
    assert [twin.action for twin in twins] == [binding.action], f"{cls.__name__}: {binding.key} in Thai mode"


def test_the_layout_is_the_unshifted_kedmanee_row_by_row() -> None:
    assert "".join(KEDMANEE[c] for c in "qwertyuiop") == "ๆไำพะัีรนย"
    assert "".join(KEDMANEE[c] for c in "asdfghjkl") == "ฟหกดเ้่าส"
    assert "".join(KEDMANEE[c] for c in "zxcvbnm") == "ผปแอิืท"
    assert len(set(KEDMANEE.values())) == 26


def test_only_single_lowercase_letters_get_a_twin_once() -> None:
    declared = [Binding("c", "close", "close"), Binding("escape,n", "no", "no"), ("y", "yes", "yes"),
                Binding("N", "shout", "shout"), Binding("ctrl+n", "new", "new"), Binding("left", "back", "back")]
    extended = with_kedmanee(declared)
    assert extended[:len(declared)] == declared
    assert [(b.key, b.action, b.description, b.show, b.system) for b in extended[len(declared):]] == [
        ("แ", "close", "close", False, True), ("ื", "no", "no", False, True), ("ั", "yes", "yes", False, True)]
    assert with_kedmanee(extended) == extended


def test_a_character_bound_on_purpose_keeps_its_binding() -> None:
    declared = [Binding("n", "new", "new"), Binding("ื", "other", "other")]
    assert with_kedmanee(declared) == declared


def footer_keys(app: FacilitatorApp) -> list[tuple[str, str]]:
    """The (action, key) of each entry the current screen's footer shows."""
    footer = app.screen.query_one(Footer)
    return [(entry.action, entry.key) for entry in footer.query(FooterKey)]


def assert_footer_shows_the_latin_keys_once(app: FacilitatorApp) -> None:
    entries = footer_keys(app)
    actions = [action for action, _ in entries]
    assert entries and len(actions) == len(set(actions))
    thai_keys = {event.key for event in typed("".join(KEDMANEE.values()))}
    assert not thai_keys & {key for _, key in entries}


async def press_in_thai(pilot: Pilot[int], text: str) -> None:
    """Send ``text`` to the app as the terminal does with the keyboard in Thai mode."""
    for event in typed(text):
        pilot.app.post_message(event)
        await pilot.pause()


async def test_the_session_screens_keys_in_thai_mode(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await until(pilot, lambda: bool(footer_keys(app)))
        assert ("toggle_hidden", "h") in footer_keys(app) and ("close_session", "c") in footer_keys(app)
        assert_footer_shows_the_latin_keys_once(app)
        wall = app.screen.query_one(AnswerWall)

        await pilot.press("้")  # h: hide the answers
        assert wall.hidden_answers
        await press_in_thai(pilot, "้")  # and back, from the terminal's own input
        await until(pilot, lambda: not wall.hidden_answers)

        await pilot.press("แ")  # c: close, which asks first
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("ื")  # n: no
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.screen.live.session.closed_at is None

        await press_in_thai(pilot, "แ")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await press_in_thai(pilot, "ั")  # y: yes
        await until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await until(pilot, lambda: ("export", "e") in footer_keys(app))
        assert_footer_shows_the_latin_keys_once(app)


async def test_homes_new_session_key_in_thai_mode(tmp_path: Path) -> None:
    app = make_app(tmp_path, None)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await until(pilot, lambda: bool(footer_keys(app)))
        assert ("new", "n") in footer_keys(app)
        assert_footer_shows_the_latin_keys_once(app)
        await press_in_thai(pilot, "ื")  # n: new session (on home; the same key is "no" in a dialog)
        await until(pilot, lambda: isinstance(app.screen, NewSessionScreen))


async def test_the_key_panel_lists_the_latin_keys_only(tmp_path: Path) -> None:
    app = make_app(tmp_path, None, lang="en")
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.action_show_help_panel()
        await until(pilot, lambda: bool(app.screen.query(BindingsTable)))
        console = Console(width=80, record=True, file=io.StringIO())
        console.print(app.screen.query_one(BindingsTable).render_bindings_table())
        lines = console.export_text().splitlines()
        assert any(line.split() == ["n", "New", "session"] for line in lines)
        keys = [line.split()[0] for line in lines if line.split()]  # descriptions may be Thai ("ภาษาไทย")
        assert not any(char in key or "thai_character" in key for key in keys for char in KEDMANEE.values())

"""Footers speak the app's language: each screen's binding descriptions are message keys shown translated."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Footer

from facilitator.core.i18n import MESSAGES, t
from facilitator.tui.screens.confirm import ConfirmScreen
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.session import SessionScreen
from tests.support import make_app, until


def footer_text(app: object) -> str:
    """What the current screen's footer shows."""
    footer = app.screen.query_one(Footer)  # type: ignore[attr-defined]
    return " ".join(str(item.render()) for item in footer.query("FooterKey"))


def shown(screen: object) -> dict[str, str]:
    """Each active key's description (what a footer or the key panel shows)."""
    return {key: active.binding.description for key, active in screen.active_bindings.items()}  # type: ignore[attr-defined]


@pytest.mark.parametrize("screen, lang, words", [
    (HomeScreen, "th", ["กิจกรรมใหม่", "สร้างภาคีใหม่"]), (HomeScreen, "en", ["New session", "Quit"]),
    (SessionScreen, "th", ["ถัดไป", "ปิดกิจกรรม"]), (SessionScreen, "en", ["Next", "Close"]),
])
async def test_footers_speak_the_chosen_language(tmp_path: Path, screen: type, lang: str, words: list[str]) -> None:
    app = make_app(tmp_path, "bar" if screen is SessionScreen else None, lang=lang)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, screen))
        await until(pilot, lambda: all(word in footer_text(app) for word in words))


@pytest.mark.parametrize("lang, yes, no", [("th", "ใช่", "ไม่"), ("en", "Yes", "No")])
async def test_a_modals_keys_are_described_in_the_chosen_language(tmp_path: Path, lang: str, yes: str,
                                                                  no: str) -> None:
    app = make_app(tmp_path, None, lang=lang)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        answers: list[bool | None] = []
        app.push_screen(ConfirmScreen("?", "yes", "no"), answers.append)
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert {shown(app.screen)[key] for key in ("y", "n", "escape")} == {yes, no}
        await pilot.press("y")  # the keys themselves are as declared
        await until(pilot, lambda: answers == [True])


async def test_only_our_own_descriptions_are_translated(tmp_path: Path) -> None:
    """The screen's, the app's and our widgets' descriptions are message keys; Textual's widgets' are not."""
    app = make_app(tmp_path, None, lang="en")
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        screen = app.screen
        declared = Screen.active_bindings.fget(screen)  # type: ignore[attr-defined]
        translated = screen.active_bindings
        assert translated.keys() == declared.keys()
        assert any(active.node is not screen for active in declared.values())  # the app's own keys, say
        changed = {key for key in declared if translated[key].binding != declared[key].binding}
        assert changed == {key for key, active in declared.items()
                           if active.binding.description in MESSAGES and (
                               active.node in (screen, app) or type(active.node).__module__.startswith("facilitator."))}
        assert {"n", "q", "l", "question_mark", "ctrl+p"} <= changed
        assert translated["l"].binding.description == "ภาษาไทย"  # the app's key, in the screen's language
        assert translated["n"].binding.description == "New session"
        assert declared["n"].binding.description == "new_session"  # the declared binding is left as it was


def declared_labels() -> set[str]:
    """The message key of every description, and of every group's, that a binding of our app declares."""
    import importlib
    import pkgutil

    import facilitator.tui
    from facilitator.tui.keyboard import as_binding

    found: set[str] = set()
    for module in pkgutil.walk_packages(facilitator.tui.__path__, "facilitator.tui."):
        for value in vars(importlib.import_module(module.name)).values():
            for binding in map(as_binding, vars(value).get("BINDINGS", ()) if isinstance(value, type) else ()):
                found.update(label for label in (binding.description, binding.group and binding.group.description)
                             if label in MESSAGES)
    return found


def test_every_english_key_label_starts_with_a_capital() -> None:
    labels = declared_labels()
    assert {"set_timer", "pause_timer", "timer_keys", "themes_new", "next"} <= labels
    english = {label: t(label, "en") for label in labels}
    assert {label: text for label, text in english.items() if text[:1].islower()} == {}

"""A closed session's themes as the summary screen shows them: per step, each theme and its answers."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from facilitator.core import themes
from facilitator.core.i18n import t
from facilitator.core.record import SessionRecord
from facilitator.tui.line_breaks import WordBreaks
from facilitator.tui.render import literal


class ThemeGroups(Static):
    """The themes of a closed session (:func:`theme_groups`), set in from the screen's edge like its tables."""

    DEFAULT_CSS = "ThemeGroups { padding: 0 2; }"


def theme_groups(record: SessionRecord, lang: str) -> WordBreaks | None:
    """Each step that has themes: its prompt, then each theme's name with its answers under it, then the
    answers in no theme; ``None`` when the session has no theme. Names and answers are literal."""
    parts: list[Content | str] = []
    for index, step in enumerate(record.session.activity.steps):
        groups = themes.grouped(record.session.themes, record.answers, index)
        if not any(theme is not None for theme, _ in groups):
            continue
        parts += ["\n" if parts else "", literal(f"{index + 1}. {step.prompt(lang)}", "bold")]
        for theme, members in groups:
            name = literal(theme.name, "bold $accent") if theme else literal(t("themes_other", lang), "italic")
            parts += ["\n", name, (f"  {t('themes_answers', lang, n=len(members))}", "$text-muted")]
            parts += [part for answer in members for part in ("\n  – ", literal(answer.text))]
    return WordBreaks(Content.assemble(*parts)) if parts else None

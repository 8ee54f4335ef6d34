"""Themes: the facilitator's named groups of a step's answers, and the themes the answers' words suggest.

A session keeps its themes in its record (:attr:`facilitator.core.model.Session.themes`), each tied to one step
and holding the ids of its answers; an answer is in at most one theme. Up to :data:`MAX_THEMES` per step, so
each has a number key (1–9) on the themes board. Every change here is a pure function from the session's
themes to new themes (nothing is changed in place), applied durably by
:meth:`facilitator.core.live.LiveSession.change_themes`; a refused change raises :class:`Rejected`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from facilitator.core import text, words
from facilitator.core.errors import Rejected
from facilitator.core.ids import new_id

#: Themes one step may have: one per number key.
MAX_THEMES = 9
#: Answers that must share a word for it to suggest a theme.
MIN_SHARED = 2


@dataclass(frozen=True, slots=True)
class Theme:
    """A named group of answers of step ``step`` (their ids, in the order they were put in)."""

    id: str
    step: int
    name: str
    answers: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the session record."""
        return {"id": self.id, "step": self.step, "name": self.name, "answers": list(self.answers)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Theme:
        """Inverse of :meth:`to_dict`."""
        return cls(str(data["id"]), int(data["step"]), str(data["name"]), tuple(map(str, data.get("answers", []))))


class Answered(Protocol):
    """What grouping needs of an answer: its id, step and text (:class:`facilitator.core.model.Answer`)."""

    id: str
    step: int
    text: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A theme the words propose: ``word`` is shared by the answers ``answers`` (ids) not in a theme yet."""

    word: str
    answers: tuple[str, ...] = field(default=())


def of_step(themes: Iterable[Theme], step: int) -> list[Theme]:
    """The themes of ``step``, in order: the first is theme 1."""
    return [theme for theme in themes if theme.step == step]


def theme_of(themes: Iterable[Theme], answer_id: str) -> Theme | None:
    """The theme holding answer ``answer_id``, if any."""
    return next((theme for theme in themes if answer_id in theme.answers), None)


def _name(themes: Sequence[Theme], step: int, raw: str, renaming: str = "") -> str:
    """``raw`` cleaned as a theme name, refused when empty, too long or already a name in the step."""
    try:
        name = text.clean(raw, text.NAME)
    except text.TextRejected as err:
        raise Rejected(err.reason) from err
    if any(t.name.casefold() == name.casefold() and t.id != renaming for t in of_step(themes, step)):
        raise Rejected("themes_exists")
    return name


def create(themes: Sequence[Theme], step: int, name: str, answers: Iterable[str] = ()) -> list[Theme]:
    """``themes`` with a new theme named ``name`` last among ``step``'s, holding ``answers`` (taken out of
    any other theme)."""
    if len(of_step(themes, step)) >= MAX_THEMES:
        raise Rejected("themes_full")
    theme = Theme(f"th-{new_id(4)}", step, _name(themes, step, name), tuple(dict.fromkeys(answers)))
    return [replace(t, answers=tuple(a for a in t.answers if a not in theme.answers)) for t in themes] + [theme]


def _find(themes: Sequence[Theme], theme_id: str) -> Theme:
    found = next((theme for theme in themes if theme.id == theme_id), None)
    if found is None:
        raise Rejected("themes_gone")
    return found


def rename(themes: Sequence[Theme], theme_id: str, name: str) -> list[Theme]:
    """``themes`` with theme ``theme_id`` called ``name``."""
    theme = _find(themes, theme_id)
    new_name = _name(themes, theme.step, name, renaming=theme_id)
    return [replace(t, name=new_name) if t.id == theme_id else t for t in themes]


def delete(themes: Sequence[Theme], theme_id: str) -> list[Theme]:
    """``themes`` without theme ``theme_id``, which must hold no answer (move them out first)."""
    if _find(themes, theme_id).answers:
        raise Rejected("themes_not_empty")
    return [t for t in themes if t.id != theme_id]


def move(themes: Sequence[Theme], answer_id: str, theme_id: str | None) -> list[Theme]:
    """``themes`` with answer ``answer_id`` in theme ``theme_id`` (last), or in none when ``None``."""
    if theme_id is not None:
        _find(themes, theme_id)
    moved = []
    for t in themes:
        kept = tuple(a for a in t.answers if a != answer_id)
        moved.append(replace(t, answers=(*kept, answer_id) if t.id == theme_id else kept))
    return moved


def accept(themes: Sequence[Theme], step: int, suggestion: Suggestion) -> list[Theme]:
    """``themes`` with the suggested theme: named after its word, holding those of its answers that are in no
    theme now (the facilitator may have placed some since it was suggested)."""
    free = [a for a in suggestion.answers if theme_of(of_step(themes, step), a) is None]
    return create(themes, step, suggestion.word, free)


def grouped(themes: Iterable[Theme], answers: Sequence[Answered], step: int) -> list[tuple[Theme | None, list[Any]]]:
    """``step``'s answers (of ``answers``, in their order) under each of its themes in turn, then those in no
    theme under ``None``; a theme with no answer left is listed empty, the ``None`` group only when not empty."""
    own = [a for a in answers if a.step == step]
    by_id = {a.id: a for a in own}
    groups: list[tuple[Theme | None, list[Any]]] = []
    placed: set[str] = set()
    for theme in of_step(themes, step):
        members = [by_id[i] for i in theme.answers if i in by_id]
        placed.update(a.id for a in members)
        groups.append((theme, members))
    rest = [a for a in own if a.id not in placed]
    return groups + [(None, rest)] if rest else groups


def suggestions(themes: Sequence[Theme], answers: Sequence[Answered], step: int,
                limit: int = MAX_THEMES) -> list[Suggestion]:
    """Themes the words of ``step``'s answers not in a theme yet propose: each word shared by at least
    :data:`MIN_SHARED` of them (not already a theme's name), with those answers; most shared first, a word whose
    answers another suggestion already gathers left out (ties go to the word used more often, then to the
    first used). Segments Thai: call from a worker thread."""
    taken = {a for t in of_step(themes, step) for a in t.answers}
    names = {t.name.casefold() for t in of_step(themes, step)}
    holders: dict[str, list[str]] = {}
    occurrences: Counter[str] = Counter()
    for answer in answers:
        if answer.step == step and answer.id not in taken:
            found = words.words(answer.text)
            occurrences.update(found)
            for word in dict.fromkeys(found):
                holders.setdefault(word, []).append(answer.id)
    ranked = sorted((item for item in holders.items() if len(item[1]) >= MIN_SHARED and item[0] not in names),
                    key=lambda item: (-len(item[1]), -occurrences[item[0]]))
    found: list[Suggestion] = []
    for word, ids in ranked:
        if all(set(ids) != set(s.answers) for s in found):
            found.append(Suggestion(word, tuple(ids)))
        if len(found) == limit:
            break
    return found

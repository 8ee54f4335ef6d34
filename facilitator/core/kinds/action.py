"""Actions: "what will we do, who leads it, by when" — each one a commitment of the partnership."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from facilitator.core.activity import Step
from facilitator.core.errors import Rejected
from facilitator.core.i18n import format_day, t
from facilitator.core.kinds.base import DASH, AnswerRow, Form, StepContext, StepKind, clean, one, speaking_for
from facilitator.core.model import Answer, Participant


class Action(StepKind):
    """Fields: ``text`` (what), ``organisation`` (who leads), ``due`` (YYYY-MM-DD, optional)."""

    name: ClassVar[str] = "action"
    adds_up = True
    picks_organisation = True
    votable = True

    def parse(self, step: Step, form: Form, person: Participant, context: StepContext) -> tuple[str, dict[str, Any]]:
        """What, who leads it (one of the person's organisations), and the due date."""
        what = clean(one(form, "text"), required=True)
        organisation = speaking_for(form, person) if one(form, "organisation") else ""
        due = one(form, "due").strip()
        if due:
            try:
                due = dt.date.fromisoformat(due).isoformat()
            except ValueError as err:
                raise Rejected("bad_date") from err
        return what, {"organisation": organisation, "due": due}

    def words(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[str]:
        """One line: "what — organisation — due date"."""
        return [DASH.join(part for part in self._parts(answer, lang) if part)]

    def rows(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[AnswerRow]:
        """The action, and who leads it by when."""
        what, organisation, due = self._parts(answer, lang)
        return [AnswerRow(what, DASH.join(part for part in (organisation, due) if part))]

    @staticmethod
    def _parts(answer: Answer, lang: str) -> tuple[str, str, str]:
        due = str(answer.data.get("due", "")).strip()
        return (
            answer.text,
            str(answer.data.get("organisation", "")).strip(),
            f"{t('due', lang)} {format_day(due, lang)}" if due else "",
        )


ACTION = Action()

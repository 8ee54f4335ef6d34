"""Actions: "what will we do, who leads it, by when" — each one a commitment of the partnership."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from facilitator.core.activity import Step
from facilitator.core.i18n import format_day, t
from facilitator.core.kinds.base import (
    DASH,
    AnswerRow,
    Form,
    StepContext,
    StepKind,
    clean,
    due_date,
    one,
    speaking_for,
)
from facilitator.core.kinds.rehearsal import Simulation
from facilitator.core.model import Answer, Participant

#: The sample texts of simulated actions, and the days from today a simulated action is due in.
ACTIONS = "actions"
DUE_DAYS = range(14, 181)


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
        return what, {"organisation": organisation, "due": due_date(one(form, "due"))}

    def form_values(self, step: Step, answer: Answer) -> dict[str, list[str]]:
        """What, who leads it and by when, as the form sends them (an edit of the text keeps the others)."""
        return {"text": [answer.text], "organisation": [str(answer.data.get("organisation", ""))],
                "due": [str(answer.data.get("due", ""))]}

    def simulate(self, step: Step, phone: Simulation) -> dict[str, list[str]] | None:
        """A sample action, led by the phone's organisation, due a few weeks or months from today."""
        text = phone.text(ACTIONS)
        if not text:
            return None
        due = dt.date.today() + dt.timedelta(days=phone.rng.choice(DUE_DAYS))
        return {"text": [text], "organisation": [phone.organisation], "due": [due.isoformat()]}

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

"""Role claims: each organisation takes a level on each task to split (lead, co-deliver, support, keep informed).

Fields: ``organisation`` (which of the person's organisations answers); per task ``level.<task>`` (empty: none,
withdrawing the organisation's earlier claim), ``resource.<task>`` (several), ``note.<task>``; for a lead,
``due.<task>`` (by when) and ``contact.<task>`` (who to ask), which the commitment it becomes carries;
``claims_for`` (the organisation whose claims the form showed, to catch a switch made without the page's script).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from facilitator.core.activity import Option, Step
from facilitator.core.errors import Rejected
from facilitator.core import text as text_rules
from facilitator.core.i18n import format_day, t
from facilitator.core.kinds.base import (
    DASH,
    AnswerRow,
    Form,
    LiveView,
    OptionRule,
    Page,
    PageRequest,
    Recheck,
    StepContext,
    StepKind,
    clean,
    due_date,
    label,
    one,
    option_label,
    ordered,
    org_choice,
    same_org,
    speaking_for,
    with_note,
)
from facilitator.core.kinds.rehearsal import SKIP, Simulation
from facilitator.core.model import Answer, Participant, Session
from facilitator.core.partnership import Partnership
from facilitator.core.summaries import role_split
from facilitator.core.vocab import LEVELS, NO_ROLE, RESOURCES

#: The samples' weights of the levels a simulated organisation takes on a task it does not lead (and of
#: leaving it out), and the notes it may write.
CLAIM_WEIGHTS, CLAIM_NOTES = "role_levels", "role_notes"
_LEAD = next(iter(LEVELS))

#: What a task's fields hold when the form has nothing for it.
_CLAIM_DEFAULTS = {"level": [""], "resource": [], "note": [""], "due": [""], "contact": [""]}
#: The level whose claim is a commitment, with a due date and a contact person.
LEAD = "lead"


def claim_fields(answers: Iterable[Answer], organisation: str) -> dict[str, list[str]]:
    """The role-claim form as ``answers`` (one phone's, oldest first) left it for ``organisation``."""
    fields: dict[str, list[str]] = {}
    for answer in answers:
        if not same_org(str(answer.data.get("organisation", "")), organisation):
            continue
        for task_id, claim in answer.data.get("claims", {}).items():
            level = str(claim.get("level", ""))
            fields[f"level.{task_id}"] = [level if level != NO_ROLE else ""]
            fields[f"resource.{task_id}"] = [str(r) for r in claim.get("resources", [])]
            fields[f"note.{task_id}"] = [str(claim.get("note", ""))]
            fields[f"due.{task_id}"] = [str(claim.get("due", ""))]
            fields[f"contact.{task_id}"] = [str(claim.get("contact", ""))]
    return fields


def switched_claims(fields: Form, mine: Sequence[Answer], shown_for: str, organisation: str) -> dict[str, list[str]]:
    """A role form whose organisation was switched without the page's script: it still showed the claims of
    ``shown_for``. What the phone changed on it, laid over ``organisation``'s own claims, to check and send."""
    shown, own = claim_fields(mine, shown_for), claim_fields(mine, organisation)
    merged = {key: list(value) for key, value in fields.items() if key.split(".", 1)[0] not in _CLAIM_DEFAULTS}
    names = {key for key in (*fields, *shown, *own) if key.split(".", 1)[0] in _CLAIM_DEFAULTS and "." in key}
    for name in names:
        default = _CLAIM_DEFAULTS[name.split(".", 1)[0]]
        sent, before = list(fields.get(name) or default), shown.get(name) or default
        merged[name] = sent if sorted(sent) != sorted(before) else list(own.get(name) or default)
    merged["organisation"] = merged["claims_for"] = [organisation]
    return merged


def lead_details(claim: dict[str, Any], lang: str) -> tuple[str, str]:
    """A lead claim's due date and contact person as the room reads them ("" for what was not given)."""
    due, contact = str(claim.get("due") or ""), str(claim.get("contact") or "")
    return (f"{t('due', lang)} {format_day(due, lang)}" if due else "",
            f"{t('contact', lang)}: {contact}" if contact else "")


class RoleClaim(StepKind):
    """The role split's step: its options are the tasks to split, and the room may add more."""

    name: ClassVar[str] = "role_claim"
    options = OptionRule.OPTIONAL
    speaks_for = True
    picks_organisation = True
    takes_tasks = True
    board = role_split.KIND

    def tasks(self, session: Session) -> list[Option]:
        """The tasks to split in ``session``: its role-claim steps' tasks, then those added during it."""
        found: dict[str, Option] = {}
        for index in self.steps_in(session):
            for option in session.activity.steps[index].options:
                found.setdefault(option.id, option)
        for task in session.tasks:
            found.setdefault(task.id, task)
        return list(found.values())

    def present_in(self, session: Session) -> bool:
        """A session has a role split when it has role-claim steps or tasks added to split."""
        return bool(self.steps_in(session)) or bool(session.tasks)

    def parse(self, step: Step, form: Form, person: Participant, context: StepContext) -> tuple[str, dict[str, Any]]:
        """The organisation answering and its claim on each task the form sent."""
        organisation = speaking_for(form, person)
        if not organisation:
            raise Rejected("need_organisation")
        claims: dict[str, dict[str, Any]] = {}
        for task in context.tasks:
            if f"level.{task.id}" not in form:
                continue
            level = one(form, f"level.{task.id}")
            if not level:  # "none" chosen on purpose: withdraws this organisation's earlier claim
                claims[task.id] = {"level": NO_ROLE, "resources": [], "note": ""}
                continue
            if level not in LEVELS:
                raise Rejected("bad_request")
            resources = [r for r in form.get(f"resource.{task.id}", []) if r]
            if any(r not in RESOURCES for r in resources):
                raise Rejected("bad_request")
            note = clean(one(form, f"note.{task.id}"))
            claims[task.id] = {"level": level, "resources": sorted(set(resources)), "note": note}
            if level == LEAD:  # written only when given, so other claims are what they always were
                due = due_date(one(form, f"due.{task.id}"))
                contact = clean(one(form, f"contact.{task.id}"), text_rules.NAME)
                claims[task.id] |= {key: value for key, value in (("due", due), ("contact", contact)) if value}
        if not claims:
            raise Rejected("empty")
        return "", {"organisation": organisation, "claims": claims}

    def form_values(self, step: Step, answer: Answer) -> dict[str, list[str]]:
        """The organisation answered for, and its claim on each task."""
        organisation = str(answer.data.get("organisation", ""))
        return {"organisation": [organisation], **claim_fields([answer], organisation)}

    def page(self, step: Step, request: PageRequest) -> Page:
        """The form for the organisation asked for (or posted, or answered for last), with its claims."""
        person, mine = request.person, request.mine
        fields = request.fields
        posted = ((fields or {}).get("organisation") or [""])[-1]
        previous = str(mine[-1].data.get("organisation", "")) if mine else ""
        organisation = posted or org_choice(person, request.asked_for, previous)
        if fields is None:
            fields = {"organisation": [organisation], **claim_fields(mine, organisation)}
        lang = request.lang
        picked = (fields.get("organisation") or [""])[-1]
        return Page(fields, {
            "tasks": self.tasks(request.live.session),
            "levels": [(key, name(lang)) for key, name in LEVELS.items()],
            "resources": [(key, name(lang)) for key, name in RESOURCES.items()],
            "claims_by_org": {org: claim_fields(mine, org) for org in person.organisations},
            "orgs": person.organisations,
            "selected_org": picked or org_choice(person),
        })

    def recheck(self, step: Step, fields: Form, mine: Sequence[Answer], person: Participant) -> Recheck | None:
        """A form sent for another organisation than the one whose claims it showed (switched without the
        page's script) goes back to be checked; ``None`` when the form is what it seems."""
        shown_for = one(fields, "claims_for")
        organisation = one(fields, "organisation")
        if not shown_for or not organisation or same_org(shown_for, organisation):
            return None
        if not any(same_org(organisation, org) for org in person.organisations):
            return None  # not this person's to answer for: parsing refuses it
        return Recheck(switched_claims(fields, mine, shown_for, organisation), "check_org", {"org": organisation})

    def simulate(self, step: Step, phone: Simulation) -> dict[str, list[str]] | None:
        """The phone's organisation leads the tasks of its own function (as the samples say) and takes a level
        by the samples' weights on the others, with resources and now and then a note; so a room of simulated
        phones shows tasks nobody leads and tasks several lead."""
        organisation = phone.organisation
        if not organisation or not phone.context.tasks:
            return None
        leads = set(phone.samples.leads(organisation))
        others = [key for key in LEVELS if key != _LEAD]
        fields: dict[str, list[str]] = {"organisation": [organisation], "claims_for": [organisation]}
        for task in phone.context.tasks:
            level = _LEAD if task.id in leads else phone.pick(CLAIM_WEIGHTS, others)
            if level == SKIP:
                continue
            fields[f"level.{task.id}"] = [level]
            if level != others[-1]:  # resources come with taking part, not with being kept informed
                fields[f"resource.{task.id}"] = phone.rng.sample(list(RESOURCES), phone.rng.randint(0, 2))
            fields[f"note.{task.id}"] = [phone.maybe_text(CLAIM_NOTES, 0.3)]
        if len(fields) == 2:  # nothing taken on: co-deliver the first task rather than send an empty form
            fields[f"level.{phone.context.tasks[0].id}"] = [others[0]]
        return fields

    def words(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[str]:
        """One line per task taken on: "task: level (resources) — note"."""
        return [with_note(f"{row.item}: {row.value}", row.note) for row in self.rows(step, answer, lang, context)]

    def rows(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[AnswerRow]:
        """One row per task taken on (a withdrawn claim is left out): task, level (resources), note."""
        claims: dict[str, dict[str, Any]] = answer.data.get("claims", {})
        rows = []
        for task_id in ordered(claims, [task.id for task in context.tasks]):
            claim = claims[task_id]
            if claim.get("level") == NO_ROLE:
                continue  # "none": nothing taken on (an earlier claim withdrawn)
            value = label(LEVELS, str(claim.get("level", "")), lang)
            resources = [label(RESOURCES, str(r), lang) for r in claim.get("resources", [])]
            if resources:
                value += f" ({', '.join(resources)})"
            value = DASH.join(part for part in (value, *lead_details(claim, lang)) if part)
            rows.append(AnswerRow(option_label(context.tasks, task_id, lang), value, str(claim.get("note") or "")))
        return rows

    def board_data(self, index: int, live: LiveView) -> dict[str, Any] | None:
        """The session's role split as of now."""
        return self.summaries(live.session, list(live.participants.values()), live.structured_answers(),
                              live.partnership)[0]

    def summaries(
        self, session: Session, participants: Sequence[Participant], answers: Sequence[Answer],
        partnership: Partnership | None,
    ) -> list[dict[str, Any]]:
        """The role-split summary."""
        return [role_split.role_split(session, participants, answers, partnership, self.tasks(session))]


ROLE_CLAIM = RoleClaim()

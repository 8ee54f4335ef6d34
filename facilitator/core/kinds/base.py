"""What every step kind implements, and the small shared pieces the kinds are made of.

A step kind (notes, role claims, actions, …) is one :class:`StepKind` object in one module of this package. It
knows how a phone's form for its steps is parsed, which values a form shows again, how an answer reads in words
(one :class:`Card` for the wall, the phone and the exports), its live board, what it adds to the session's
summaries, its rows in a table, and which options and budget an activity file may give its steps. Everything
outside this package asks the registry (:mod:`facilitator.core.kinds`) instead of comparing kind names.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar, Protocol

from facilitator.core import text as text_rules
from facilitator.core.activity import Bilingual, Option, Step
from facilitator.core.errors import Rejected
from facilitator.core.i18n import read_date, sector_label
from facilitator.core.model import NO_DATA, Answer, Participant, Session
from facilitator.core.kinds.rehearsal import Simulation
from facilitator.core.partnership import Partnership, org_key

#: A posted form: every field with all its values (the shape of any URL-encoded form).
Form = Mapping[str, Sequence[str]]
#: What separates the parts of one line ("task: level — note").
DASH = " — "


@dataclass(frozen=True, slots=True)
class StepContext:
    """What the open step can refer to: the session's tasks (the activity's and those added), the
    partnership's commitments (as :func:`facilitator.core.summaries.progress.commitments` gives them), the
    linked BAR's expectations, and the answers to each step a later step votes over (by that step's id, oldest
    first: the items of the vote)."""

    tasks: tuple[Option, ...] = ()
    commitments: tuple[Mapping[str, Any], ...] = ()
    expectations: tuple[Answer, ...] = ()
    voted_over: Mapping[str, tuple[Answer, ...]] = field(default_factory=dict)

    @property
    def commitment_ids(self) -> tuple[str, ...]:
        """The ids a progress form may rate."""
        return tuple(str(c.get("id")) for c in self.commitments)

    @property
    def expectation_ids(self) -> tuple[str, ...]:
        """The ids an expectations form may judge."""
        return tuple(a.id for a in self.expectations)


@dataclass(frozen=True, slots=True)
class Card:
    """One answer ready to show: its lines in words, who gave it, and the organisation it speaks for.

    Participant text stays as typed: escaping is each renderer's job.
    """

    id: str
    lines: tuple[str, ...]
    #: "organisation · name" of the participant (or their sector), "" when nothing is known.
    byline: str = ""
    #: The organisation the answer is given for (a role claim may speak for another of the person's hats).
    organisation: str = ""
    #: The participant's name as they gave it, which ends the byline ("" when none).
    name: str = ""

    @property
    def text(self) -> str:
        """The lines as one text."""
        return "\n".join(self.lines)


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One row of an answer in a table (a spreadsheet, a CSV file): what it is about, what it says, a note."""

    item: str
    value: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Recheck:
    """A form the phone must check before it is stored: the values to show and why (a message key)."""

    values: dict[str, list[str]]
    reason: str
    args: dict[str, str] = field(default_factory=dict)


class OptionRule(Enum):
    """Whether an activity file may (or must) list options for a step of a kind."""

    NONE = "none"
    OPTIONAL = "optional"
    REQUIRED = "required"


class LiveView(Protocol):
    """What a kind reads of a running session to draw its board (a :class:`~facilitator.core.live.LiveSession`)."""

    session: Session
    partnership: Partnership | None
    participants: dict[str, Participant]
    commitments: list[dict[str, Any]]
    expectations: list[Answer]

    def answers_for(self, step: int) -> list[Answer]:
        """Every answer to ``step`` that stands, in arrival order."""
        ...

    def answers_in(self, steps: Collection[int]) -> list[Answer]:
        """The answers to ``steps`` that stand, in arrival order (a board reads these, not the session's
        thousands of notes)."""
        ...

    def structured_answers(self) -> list[Answer]:
        """The answers that stand to every step whose answers carry data (all but text-only steps)."""
        ...

    def context(self) -> StepContext:
        """What structured answers may refer to now."""
        ...


@dataclass(frozen=True, slots=True)
class PageRequest:
    """What a phone's step page is drawn from: the phone's language, the person, their answers to the step
    (oldest first; none for a kind whose answers add up, each standing alone), a refused form's fields to show
    again (``None``: show what is stored), the organisation the page was asked for (``?for=``) and the live
    session."""

    lang: str
    person: Participant
    mine: list[Answer]
    fields: dict[str, list[str]] | None
    asked_for: str
    live: LiveView


@dataclass(frozen=True, slots=True)
class Page:
    """A step form to draw: its fields' values and whatever else the kind's template reads."""

    fields: dict[str, list[str]]
    extra: dict[str, Any] = field(default_factory=dict)


# -- the protocol ------------------------------------------------------------------------------------------
class StepKind:
    """A kind of step. Subclasses set the class attributes and override what differs from a free-text note."""

    #: The name activity files use (``kind = "…"``) and the template ``kinds/<name>.html`` is named after.
    name: ClassVar[str]
    #: Options (tasks, building blocks, candidate areas) the activity file may or must give a step.
    options: ClassVar[OptionRule] = OptionRule.NONE
    #: The points a step may have to spread (``None``: the kind takes no budget).
    budget: ClassVar[range | None] = None
    #: Each answer stands on its own (notes, actions); otherwise a later answer replaces the earlier.
    adds_up: ClassVar[bool] = False
    #: An answer is its text alone (``data`` empty): only the wall, the themes and the steps that name this one
    #: (a vote over it, the review of expectations) read it.
    text_only: ClassVar[bool] = False
    #: An answer is given in the name of an organisation (``data["organisation"]``), one of the person's hats.
    speaks_for: ClassVar[bool] = False
    #: The phone's form lets the person pick which of their organisations they answer for.
    picks_organisation: ClassVar[bool] = False
    #: The room may add tasks while a step of this kind is open.
    takes_tasks: ClassVar[bool] = False
    #: Its steps refer to the BAR the session follows (its expectations, or the commitments made in it).
    follows_bar: ClassVar[bool] = False
    #: The summary kind its live board draws (``None``: answers arrive as cards on the wall).
    board: ClassVar[str | None] = None
    #: The dots per person a step may place (``None``: the kind takes no ``dots`` nor ``stack``).
    dots: ClassVar[range | None] = None
    #: Its steps may put an earlier step's answers to the vote (``over``) instead of listing options.
    votes_over: ClassVar[bool] = False
    #: Its answers are texts a later step may put to the vote (notes, actions).
    votable: ClassVar[bool] = False

    def steps_in(self, session: Session) -> list[int]:
        """The indexes of ``session``'s steps of this kind."""
        return [i for i, step in enumerate(session.activity.steps) if step.kind == self.name]

    def present_in(self, session: Session) -> bool:
        """Whether ``session`` has anything of this kind to summarise."""
        return bool(self.steps_in(session))

    def parse(self, step: Step, form: Form, person: Participant, context: StepContext) -> tuple[str, dict[str, Any]]:
        """The free text and the structured data of one submitted form; raises :class:`Rejected`."""
        return clean(one(form, "text"), required=True), NO_DATA

    def form_values(self, step: Step, answer: Answer) -> dict[str, list[str]]:
        """A stored answer as the form fields that would send it again (to show it as chosen)."""
        return {}

    def page(self, step: Step, request: PageRequest) -> Page:
        """The form of ``step`` for one phone: the refused form's fields, else the latest answer's (for kinds
        whose answer is replaced), and the template's extra values."""
        fields = request.fields
        if fields is None:
            fields = self.form_values(step, request.mine[-1]) if request.mine and not self.adds_up else {}
        extra = self.page_extra(step, request, fields)
        if self.picks_organisation:
            picked = (fields.get("organisation") or [""])[-1]
            extra.update(orgs=request.person.organisations, selected_org=picked or org_choice(request.person))
        return Page(fields, extra)

    def page_extra(self, step: Step, request: PageRequest, fields: dict[str, list[str]]) -> dict[str, Any]:
        """What the kind's template reads besides the fields (vocabularies, commitments, points left…)."""
        return {}

    def recheck(self, step: Step, fields: Form, mine: Sequence[Answer], person: Participant) -> Recheck | None:
        """A form that must go back to the phone to be checked before it is stored (``None``: store it);
        ``mine``: the person's answers to the step, as :class:`PageRequest` has them."""
        return None

    def standing(self, answers: Iterable[Answer]) -> list[Answer]:
        """Of the answers to one step, those that still count, oldest first: every one for kinds whose answers
        add up; otherwise each participant's latest — each organisation's latest, for kinds that answer in an
        organisation's name (a replaced claim no longer stands)."""
        ordered = sorted(answers, key=lambda a: a.created_at)
        if self.adds_up:
            return ordered
        latest: dict[str, Answer] = {}
        for answer in ordered:
            organisation = str(answer.data.get("organisation") or "") if self.speaks_for else ""
            key = f"org:{org_key(organisation)}" if org_key(organisation) else f"person:{answer.participant_id}"
            latest.pop(key, None)
            latest[key] = answer
        return sorted(latest.values(), key=lambda a: a.created_at)

    def words(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[str]:
        """Short lines in ``lang`` saying what ``answer`` holds (a note: its text)."""
        return [answer.text] if answer.text else []

    def rows(self, step: Step, answer: Answer, lang: str, context: StepContext) -> list[AnswerRow]:
        """The answer as table rows: one per line in words."""
        return [AnswerRow("", line) for line in self.words(step, answer, lang, context)]

    def board_data(self, index: int, live: LiveView) -> dict[str, Any] | None:
        """What the live board of step ``index`` draws now (``None`` for kinds without a board)."""
        return None

    def summaries(
        self, session: Session, participants: Sequence[Participant], answers: Sequence[Answer],
        partnership: Partnership | None,
    ) -> list[dict[str, Any]]:
        """The summary documents this kind adds to a session's (none for notes)."""
        return []

    def simulate(self, step: Step, phone: Simulation) -> dict[str, list[str]] | None:
        """The form a simulated phone of a rehearsal sends for ``step`` (``None``: it sends nothing, as for a
        kind that does not say how)."""
        return None


class SummaryOfSteps(StepKind):
    """A kind whose summary is one document over all its steps, and whose live board is that document for the
    open step alone (the health check, pilot-area scores, dot votes)."""

    def summary(
        self, session: Session, participants: Sequence[Participant], answers: Sequence[Answer], steps: list[int],
    ) -> dict[str, Any]:
        """The summary document of ``steps`` (indexes of this kind's steps)."""
        raise NotImplementedError

    def board_data(self, index: int, live: LiveView) -> dict[str, Any] | None:
        """The summary of step ``index`` as of now."""
        read = live.answers_in(self.steps_read(live.session, [index]))
        return self.summary(live.session, list(live.participants.values()), read, [index])

    def steps_read(self, session: Session, steps: list[int]) -> list[int]:
        """The steps whose answers the summary of ``steps`` reads: those steps themselves."""
        return steps

    def summaries(
        self, session: Session, participants: Sequence[Participant], answers: Sequence[Answer],
        partnership: Partnership | None,
    ) -> list[dict[str, Any]]:
        """The summary of every step of this kind."""
        return [self.summary(session, participants, answers, self.steps_in(session))]


# -- shared pieces -----------------------------------------------------------------------------------------
def one(form: Form, name: str) -> str:
    """The last value sent for field ``name`` ("" when none)."""
    values = form.get(name) or [""]
    return str(values[-1])


def clean(raw: str, limits: text_rules.Limits = text_rules.ANSWER, *, required: bool = False) -> str:
    """Participant text cleaned for storage; a refusal becomes :class:`Rejected` with the same reason."""
    try:
        return text_rules.clean(raw, limits, required=required)
    except text_rules.TextRejected as err:
        raise Rejected(err.reason) from err


def due_date(raw: str) -> str:
    """A due date as a phone sent it — ``YYYY-MM-DD`` from a date field, or ``D/M/YYYY`` typed where the phone
    has none, the year in the Buddhist era or not — as ``YYYY-MM-DD``; "" stays "". :class:`Rejected`
    (``bad_date``) for anything else."""
    try:
        return read_date(raw)
    except ValueError as err:
        raise Rejected("bad_date") from err


def speaking_for(form: Form, person: Participant) -> str:
    """The organisation a form is sent for: one of the person's, their main one by default; a person who gave
    none names one here."""
    chosen = clean(one(form, "organisation"), text_rules.NAME)
    allowed = person.organisations
    if chosen and chosen in allowed:
        return chosen
    if not chosen and allowed:
        return allowed[0]
    if not allowed:
        return chosen
    raise Rejected("bad_request")


def choices(form: Form, prefix: str, ids: Sequence[str], allowed: Mapping[str, object]) -> dict[str, str]:
    """The values picked in fields ``<prefix>.<id>`` (left-out or empty ones skipped); each must be allowed."""
    picked = {}
    for item in ids:
        value = one(form, f"{prefix}.{item}")
        if value:
            if value not in allowed:
                raise Rejected("bad_request")
            picked[item] = value
    return picked


def same_org(a: str, b: str) -> bool:
    """Whether two spellings name one organisation."""
    return bool(org_key(a)) and org_key(a) == org_key(b)


def org_choice(person: Participant, *wanted: str) -> str:
    """The first of ``wanted`` that ``person`` speaks for (their main organisation otherwise)."""
    for name in wanted:
        for org in person.organisations:
            if same_org(org, name):
                return org
    return person.organisations[0] if person.organisations else next((w for w in wanted if w), "")


def label(vocabulary: Mapping[str, Bilingual], key: str, lang: str) -> str:
    """A vocabulary entry in ``lang`` (an unknown key as it is)."""
    entry = vocabulary.get(key)
    return entry(lang) if entry is not None else key


def option_label(options: Iterable[Option], option_id: str, lang: str) -> str:
    """An option's label in ``lang`` (an unknown id as it is)."""
    for option in options:
        if option.id == option_id:
            return option.label(lang)
    return option_id


def ordered(ids: Iterable[str], known: Sequence[str]) -> list[str]:
    """``ids`` in the order of ``known``, unknown ones after, in their own order."""
    given = list(ids)
    return [k for k in known if k in given] + [i for i in given if i not in known]


def with_note(line: str, note: object) -> str:
    """``line — note`` (just the line when there is no note)."""
    note = str(note or "").strip()
    return f"{line}{DASH}{note}" if note else line


def comment_fields(answer: Answer) -> dict[str, list[str]]:
    """The comment written with a structured answer, as its form field (none when there is no comment)."""
    return {"text": [answer.text]} if answer.text else {}


def comment_rows(answer: Answer) -> list[AnswerRow]:
    """The comment written with a structured answer, as a table row (none when there is no comment)."""
    return [AnswerRow("", answer.text)] if answer.text else []


def byline(person: Participant | None, lang: str) -> str:
    """A short "organisation · name" line for an answer (its sector when neither is given)."""
    if person is None:
        return ""
    parts = [p for p in (person.organisation, person.name) if p]
    return " · ".join(parts) if parts else sector_label(person.sector, lang) if person.sector else ""

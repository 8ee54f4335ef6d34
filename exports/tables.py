"""A session's record as plain tables of text, shared by the CSV, XLSX, HTML, PDF and poster exports.

Every answer row is built by :func:`answer_row` alone, so a column added to the record (a theme, a vote count,
a hidden flag) is one change here for every tabular format. Participant text is returned as typed: escaping or
neutralising is each writer's job.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from exports.cells import Number, count
from exports.facts import record_notes, session_facts
from exports.labels import label
from facilitator.core import kinds
from facilitator.core.activity import Bilingual, Step
from facilitator.core.chronology import saved_held_at
from facilitator.core.i18n import format_date, format_day, format_when, sector_label
from facilitator.core.kinds.base import DASH
from facilitator.core.model import Answer, Participant
from facilitator.core.record import SessionRecord
from facilitator.core.summaries import progress, role_split, votes
from facilitator.core.vocab import LEVELS, STATUSES

#: The columns of the answers table, as label keys.
ANSWER_COLUMNS = ("session_column", "step", "organisation_column", "sector", "answer_text", "theme", "votes",
                  "hidden_column", "time")
#: The columns of the commitments table, as label keys.
COMMITMENT_COLUMNS = ("task", "lead_column", "supporters", "due", "status", "note", "when_column", "rated_by")


@dataclass(frozen=True, slots=True)
class Table:
    """A titled table of text cells: its headings and its rows (each as long as the headings); the columns in
    ``numeric`` hold counts, which formats that align columns put on the right."""

    title: str
    headings: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    numeric: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class RoleMatrix:
    """Which organisation takes which task: ``levels[o][t]`` is the level key (``lead``, ``co``, …, or "")
    of organisation ``o`` on task ``t``."""

    tasks: tuple[str, ...]
    organisations: tuple[str, ...]
    levels: tuple[tuple[str, ...], ...]
    gaps: tuple[bool, ...]
    overlaps: tuple[bool, ...]

    @classmethod
    def of(cls, summary: dict[str, Any], lang: str) -> RoleMatrix:
        """The matrix of a saved role-split summary, its tasks named in ``lang``."""
        tasks = summary.get("tasks", [])
        matrix: dict[str, dict[str, str]] = summary.get("matrix", {})
        organisations = tuple(summary.get("organisations", []))
        return cls(
            tasks=tuple(Bilingual.from_dict(row["label"])(lang) for row in tasks),
            organisations=organisations,
            levels=tuple(tuple(str(matrix.get(org, {}).get(row["id"], "")) for row in tasks) for org in organisations),
            gaps=tuple(bool(row.get("gap")) for row in tasks),
            overlaps=tuple(bool(row.get("overlap")) for row in tasks),
        )

    def table(self, lang: str, title: str | None = None) -> Table:
        """The matrix as a table of words: one row per organisation, one column per task; titled ``title``,
        else the role split's name."""
        rows = [(org, *(word(LEVELS, level, lang) for level in levels))
                for org, levels in zip(self.organisations, self.levels)]
        return Table(label("role_split", lang) if title is None else title,
                     (label("organisation_column", lang), *self.tasks), rows)


def title_of(record: SessionRecord, lang: str) -> str:
    """The session's title (its activity's name when it has none)."""
    return record.session.title or record.session.activity.name(lang)


def context_of(record: SessionRecord) -> kinds.StepContext:
    """What structured answers refer to: the session's tasks, from a saved progress summary the partnership's
    commitments and the expectations of the BAR this session reviewed, and the answers its votes are over."""
    saved = record.latest(progress.KIND) or {}
    expectations = [
        Answer(str(item["id"]), str(review.get("bar_session", "")), 0, "", str(item.get("text", "")), "")
        for review in saved.get("reviews", [])
        if review.get("aar_session") == record.session.id
        for item in review.get("expectations", [])
    ]
    return kinds.StepContext(tuple(kinds.tasks_of(record.session)), tuple(saved.get("commitments", [])),
                             tuple(expectations), votes.voted_over(record.session.activity.steps, record.answers))


def step_title(index: int, step: Step, lang: str) -> str:
    """``"2. The question"``."""
    return f"{index + 1}. {step.prompt(lang)}"


def answers_by_step(record: SessionRecord, *, with_hidden: bool = False) -> Iterator[tuple[int, Step, list[Answer]]]:
    """Each step with its answers (``with_hidden``: and those the facilitator hid), oldest first."""
    answers = [a for a in record.every_answer() if not a.withdrawn] if with_hidden else record.answers
    ordered = sorted(answers, key=lambda a: a.created_at)
    for index, step in enumerate(record.session.activity.steps):
        yield index, step, [a for a in ordered if a.step == index]


def answer_row(record: SessionRecord, step: Step, answer: Answer, person: Participant | None, lang: str,
               context: kinds.StepContext, marks: AnswerMarks) -> tuple[str, ...]:
    """One answer as a row of :data:`ANSWER_COLUMNS`: the session, the step, the organisation it speaks for,
    the person's sector, the answer in words, its theme, the dots votes gave it, whether it was hidden, and when.
    """
    card = kinds.card(step, answer, person, lang, context)
    sector = sector_label(person.sector, lang) if person is not None else ""
    dots = marks.dots.get(answer.id)
    return (title_of(record, lang), step_title(answer.step, step, lang), card.organisation, sector, card.text,
            marks.themes.get(answer.id, ""), Number(dots) if dots else "",
            label("hidden_mark", lang) if answer.hidden else "", format_date(answer.created_at, lang))


@dataclass(frozen=True, slots=True)
class AnswerMarks:
    """What the rest of the record says about each answer: the theme it was put in, the dots it was given."""

    themes: dict[str, str]
    dots: dict[str, int]

    @classmethod
    def of(cls, record: SessionRecord) -> AnswerMarks:
        """The marks of every answer of ``record``."""
        themes = {answer_id: theme.name for theme in record.session.themes for answer_id in theme.answers}
        dots: dict[str, int] = {}
        for index in kinds.VOTES.steps_in(record.session):
            ballots = kinds.VOTES.standing(a for a in record.answers if a.step == index)
            for ballot in ballots:
                for item, given in votes.ballot_of(ballot).items():
                    dots[item] = dots.get(item, 0) + given
        return cls(themes, dots)


def answers_table(record: SessionRecord, lang: str) -> Table:
    """One row per answer, step by step (:func:`answer_row`): those the facilitator hid too, marked; not those
    their participant withdrew."""
    people = {p.id: p for p in record.participants}
    context = context_of(record)
    marks = AnswerMarks.of(record)
    rows = [answer_row(record, step, answer, people.get(answer.participant_id), lang, context, marks)
            for _, step, answers in answers_by_step(record, with_hidden=True) for answer in answers]
    return Table(label("answers", lang), tuple(label(key, lang) for key in ANSWER_COLUMNS), rows)


@dataclass(frozen=True, slots=True)
class Entry:
    """One answer as the reports list it: the organisation it speaks for, its rows as lines, when."""

    organisation: str
    lines: tuple[str, ...]
    time: str


def step_entries(record: SessionRecord, lang: str) -> list[tuple[str, list[Entry]]]:
    """Each step's title with its answers, oldest first, each as its kind's rows (``item: value — note``)."""
    context = context_of(record)
    people = {p.id: p for p in record.participants}
    steps = []
    for index, step, answers in answers_by_step(record):
        entries = [
            Entry(kinds.card(step, answer, people.get(answer.participant_id), lang, context).organisation,
                  tuple(row_text(row) for row in kinds.of(step).rows(step, answer, lang, context)),
                  format_date(answer.created_at, lang))
            for answer in answers
        ]
        steps.append((step_title(index, step, lang), entries))
    return steps


def row_text(row: kinds.AnswerRow) -> str:
    """One row of an answer as a line: ``item: value — note``, leaving out what is empty."""
    text = ": ".join(part for part in (row.item, row.value) if part)
    return f"{text}{DASH}{row.note}" if row.note else text


def role_matrix(record: SessionRecord, lang: str) -> RoleMatrix | None:
    """The saved role split as a matrix (``None`` when the session saved none)."""
    summary = record.latest(role_split.KIND)
    return None if summary is None else RoleMatrix.of(summary, lang)


def commitments_table(record: SessionRecord, lang: str) -> Table | None:
    """The partnership's commitments from the saved progress summary: for each, a row of where it stands now,
    then one row per rating it was given, oldest first, dated by the meeting it was given at (``None`` when the
    session saved no progress)."""
    summary = record.latest(progress.KIND)
    if summary is None:
        return None
    rows: list[tuple[str, ...]] = []
    for item in summary.get("commitments", []):
        task = Bilingual.from_dict(dict(item.get("task", {})))(lang)
        lead, supporters = str(item.get("lead", "")), ", ".join(item.get("supporters", []))
        due = format_day(str(item.get("due", "")), lang)
        rows.append((task, lead, supporters, due, word(STATUSES, str(item.get("status", "")), lang),
                     str(item.get("note") or ""), label("now", lang), ""))
        for entry in item.get("history", []):
            rows.append((task, lead, supporters, due, word(STATUSES, str(entry.get("status", "")), lang),
                         str(entry.get("note") or ""), format_when(saved_held_at(entry, "at"), lang),
                         str(entry.get("organisation", ""))))
    return Table(label("commitments", lang), tuple(label(key, lang) for key in COMMITMENT_COLUMNS), rows)


def by_sector(record: SessionRecord, lang: str) -> list[tuple[str, int, int]]:
    """Participation by sector: (sector, participants, answers), as the overview counts it."""
    return [(sector_label(row["sector"], lang), int(row["participants"]), int(row["answers"]))
            for row in record.overview()["by_sector"]]


def word(vocabulary: dict[str, Bilingual], key: str, lang: str) -> str:
    """The word for ``key`` in ``vocabulary`` (a level, a status, a light…) in ``lang``; an unknown key as it is."""
    entry = vocabulary.get(key)
    return entry(lang) if entry is not None else key


def facts(record: SessionRecord, lang: str) -> list[tuple[str, str]]:
    """The header facts every report starts with (:func:`exports.facts.session_facts`: activity, when, place,
    facilitator, participants, a running session's snapshot mark), then the answers."""
    return [*session_facts(record, lang), (label("answers", lang), count(record.overview()["answers"]))]


def facts_table(record: SessionRecord, lang: str) -> Table:
    """:func:`facts` as the spreadsheets write them: a table titled "About the session" whose headings are the
    session's title with its label, then a fact a row, then a note a row of what a reader must know before
    trusting the record (:func:`exports.facts.record_notes`: a rehearsal, an anonymous session)."""
    notes = [(label("note", lang), note) for note in record_notes(record, lang)]
    return Table(label("session_facts", lang), (label("title", lang), title_of(record, lang)),
                 [*facts(record, lang), *notes])

"""The rehearsal's sample room and what each step kind makes of it: a form its own parser accepts, for every step
of every built-in activity; nothing for a kind that does not say how; role claims with gaps and overlaps."""

from __future__ import annotations

import random
from typing import ClassVar

from activities import available, load
from facilitator.core import kinds
from facilitator.core.activity import Step
from facilitator.core.kinds.progress import rated_commitments
from facilitator.core.kinds.rehearsal import Simulation
from facilitator.core.model import Answer, Participant, Session
from facilitator.core.summaries.progress import commitment_id
from facilitator.core.vocab import SECTORS
from facilitator.rehearsal.samples import Deck, SampleRoom, load_samples

ROOM = load_samples()
#: The kinds that say what a simulated phone sends (a kind added later may not: its steps go unanswered).
SIMULATED = (kinds.NOTES, kinds.ROLE_CLAIM, kinds.ACTION, kinds.PROGRESS, kinds.EXPECTATIONS, kinds.RATING,
             kinds.POINTS)


def person_of(index: int) -> Participant:
    sample = ROOM.people[index]
    return Participant(id=f"p{index}", session_id="s", name=sample.name, organisation=sample.organisation,
                       sector=sample.sector, also=list(sample.also))


def context_for(session: Session) -> kinds.StepContext:
    """What a step may refer to: the session's tasks, two commitments (one led by a sample organisation) and
    two expectations of a BAR."""
    commitments = rated_commitments([
        {"id": commitment_id("ข้อมูลกลาง", ROOM.people[1].organisation), "task": {"th": "ข้อมูลกลาง", "en": "Data"},
         "lead": ROOM.people[1].organisation},
        {"id": commitment_id("กองทุน", "อื่น"), "task": {"th": "กองทุน", "en": "Fund"}, "lead": "อื่น"},
    ], [])
    expectations = tuple(Answer(f"e{i}", "bar", 0, "p", text, f"client-e{i}") for i, text in enumerate(("ก", "ข")))
    return kinds.StepContext(tuple(kinds.tasks_of(session)), tuple(commitments), expectations)


def session_of(activity_id: str) -> Session:
    return Session(id="s", code="1234", title="ซ้อม", lang="th", activity=load(activity_id), demo=True)


def test_the_sample_room_is_a_sub_district_partnership() -> None:
    organisations = {person.organisation for person in ROOM.people}
    assert 8 <= len(organisations) <= 12
    assert all(person.sector in SECTORS for person in ROOM.people)
    assert any(person.also for person in ROOM.people), "somebody wears several hats"
    for word in ("อบต.", "รพ.สต.", "โรงเรียน", "อสม.", "กลุ่มอาชีพ"):
        assert any(word in org for org in organisations), word


def test_every_built_in_step_gets_a_form_its_kind_accepts() -> None:
    for activity_id in available():
        session = session_of(activity_id)
        context = context_for(session)
        for step in session.activity.steps:
            kind = kinds.of(step)
            for index in range(len(ROOM.people)):
                person = person_of(index)
                form = kind.simulate(step, Simulation(random.Random(index), person, context, Deck(ROOM, 1)))
                if form is None:
                    assert kind not in SIMULATED, (activity_id, step.id)
                    continue
                text, data = kind.parse(step, form, person, context)   # raises Rejected for a form it refuses
                assert text or data, (activity_id, step.id)


def test_a_notes_step_gets_texts_written_for_it() -> None:
    step = session_of("bar").activity.steps[1]   # the challenges
    form = kinds.of(step).simulate(step, Simulation(random.Random(1), person_of(0), kinds.StepContext(), ROOM))
    assert form is not None and form["text"][0] in ROOM.texts(step.id)


def test_a_kind_that_does_not_say_how_gets_no_simulated_answer() -> None:
    class Ballot(kinds.StepKind):
        name: ClassVar[str] = "ballot"

    step = Step("vote", "ballot", session_of("bar").activity.steps[0].prompt)
    assert Ballot().simulate(step, Simulation(random.Random(1), person_of(0), kinds.StepContext(), ROOM)) is None


def test_nothing_to_rate_gives_no_progress_answer() -> None:
    session = session_of("checkin")
    step = session.activity.steps[0]
    phone = Simulation(random.Random(1), person_of(0), kinds.StepContext(), ROOM)
    assert kinds.of(step).simulate(step, phone) is None


def test_the_room_splits_roles_with_a_gap_and_an_overlap() -> None:
    session = session_of("bar")
    (index,) = kinds.ROLE_CLAIM.steps_in(session)
    step, context = session.activity.steps[index], context_for(session)
    people, answers = [], []
    for i in range(len(ROOM.people)):
        person = person_of(i)
        people.append(person)
        for organisation in person.organisations:
            phone = Simulation(random.Random(i), person, context, Deck(ROOM, 1), organisation)
            form = kinds.of(step).simulate(step, phone)
            assert form is not None
            text, data = kinds.of(step).parse(step, form, person, context)
            answers.append(Answer(f"a{len(answers)}", "s", index, person.id, text, f"client-{len(answers):04}",
                                  data=data))
    (split,) = kinds.ROLE_CLAIM.summaries(session, people, answers, None)
    assert split["gaps"] == ["rules"]            # nobody's function
    assert split["overlaps"] == ["data"]         # the health centre and the village health volunteers
    assert split["coordinator"] == ["อบต.นาทอง"]
    assert "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว" in split["matrix"] and split["matrix"][
        "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว"], "the second hat answers too"


def test_the_same_seed_plays_the_same_answers() -> None:
    session = session_of("health")
    step, context = session.activity.steps[0], context_for(session)

    def play(seed: int) -> list[dict[str, list[str]] | None]:
        deck = Deck(ROOM, seed)
        return [kinds.of(step).simulate(step, Simulation(random.Random(f"{seed}:{i}"), person_of(i), context, deck))
                for i in range(len(ROOM.people))]

    assert play(7) == play(7)
    assert play(7) != play(8)


def test_the_deck_deals_every_text_once_before_any_twice() -> None:
    room = SampleRoom(people=(), pools={"goals": ("ก", "ข", "ค")})
    deck = Deck(room, 3)
    rng = random.Random(0)
    first = [deck.draw("goals", rng) for _ in range(3)]
    assert sorted(first) == ["ก", "ข", "ค"]
    assert deck.draw("goals", rng) in first and deck.draw("unknown", rng) == ""


def test_a_vote_gets_dots_on_the_answers_it_votes_over() -> None:
    session = session_of("bar")
    [step] = [s for s in session.activity.steps if s.over]
    challenges = tuple(Answer(f"a{i}", "s", 1, "p", text, f"client-a{i}") for i, text in
                       enumerate(("งบมาช้า", "คนไม่พอ", "ข้อมูลไม่ตรงกัน")))
    context = kinds.StepContext(voted_over={step.over: challenges})
    for index in range(len(ROOM.people)):
        person = person_of(index)
        form = kinds.of(step).simulate(step, Simulation(random.Random(index), person, context, ROOM))
        assert form is not None
        _, data = kinds.of(step).parse(step, form, person, context)  # within the dots, one per item
        assert 1 <= sum(data["dots"].values()) <= step.dots
    assert kinds.of(step).simulate(step, Simulation(random.Random(1), person_of(0), kinds.StepContext(), ROOM)) is None

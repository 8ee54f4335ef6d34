"""Dot voting: the items of a vote (its options, or the answers to the earlier step it votes over) ranked by
the dots participants placed on them, each person's latest ballot counting."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from facilitator.core.activity import Bilingual, Option, Step
from facilitator.core.model import Answer, Session, now_iso
from facilitator.core.summaries import SCHEMA_VERSION
from facilitator.core.summaries.answers import latest_per_person

KIND = "votes"


def voted_over(steps: Sequence[Step], answers: Iterable[Answer]) -> dict[str, tuple[Answer, ...]]:
    """The answers to each step that a step among ``steps`` votes over, by that step's id, oldest first."""
    index = {step.id: i for i, step in enumerate(steps)}
    wanted = {index[step.over]: step.over for step in steps if step.over in index}
    found: dict[str, list[Answer]] = {step_id: [] for step_id in wanted.values()}
    if wanted:
        for answer in answers:
            if answer.step in wanted:
                found[wanted[answer.step]].append(answer)
    return {step_id: tuple(sorted(found_, key=lambda a: a.created_at)) for step_id, found_ in found.items()}


class VotedOver(Mapping[str, tuple[Answer, ...]]):
    """:func:`voted_over` of ``steps`` and the answers ``answers()`` gives, gathered the first time it is read:
    a phone's request or a card on the wall builds a step context, and only a vote reads this part of it —
    while a notes step takes thousands of answers, nothing scans them all for every one that arrives."""

    def __init__(self, steps: Sequence[Step], answers: Callable[[], Iterable[Answer]]) -> None:
        self._steps, self._answers = steps, answers
        self._found: dict[str, tuple[Answer, ...]] | None = None

    def _gathered(self) -> dict[str, tuple[Answer, ...]]:
        if self._found is None:
            self._found = voted_over(self._steps, self._answers())
        return self._found

    def __getitem__(self, step_id: str) -> tuple[Answer, ...]:
        return self._gathered()[step_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._gathered())

    def __len__(self) -> int:
        return len(self._gathered())


def items_of(step: Step, voted: Mapping[str, Sequence[Answer]]) -> list[Option]:
    """What ``step`` puts to the vote: its options, or each answer (by its id, its text on one line as the
    label) to the step it votes over, taken from ``voted`` (as :func:`voted_over` gives it)."""
    if not step.over:
        return list(step.options)
    lines = ((a.id, " ".join(a.text.split())) for a in voted.get(step.over, ()))
    return [Option(answer_id, Bilingual(line, line)) for answer_id, line in lines if line]


def ballot_of(answer: Answer) -> dict[str, int]:
    """The dots a stored ballot places on each item."""
    return {str(item): int(n) for item, n in answer.data.get("dots", {}).items()}


def votes_summary(session: Session, answers: Iterable[Answer], steps: Iterable[int]) -> dict[str, Any]:
    """For each of the votes ``steps``: its items ranked by dots (ties share a rank; more voters first, then
    the items' own order), with each item's dots and voters, and how many people voted."""
    answers = list(answers)
    ordered = sorted(steps)
    activity_steps = session.activity.steps
    voted = voted_over(activity_steps, answers)
    latest_of = latest_per_person(answers, ordered)
    results = []
    for index in ordered:
        step = activity_steps[index]
        ballots = [ballot_of(answer) for answer in latest_of[index]]
        dots: Counter[str] = Counter()
        voters: Counter[str] = Counter()
        for ballot in ballots:
            for item_id, count in ballot.items():
                dots[item_id] += count
                voters[item_id] += 1 if count else 0
        items = []
        for position, item in enumerate(items_of(step, voted)):
            items.append({"id": item.id, "label": item.label.to_dict(), "dots": dots[item.id],
                          "voters": voters[item.id], "position": position})
        items.sort(key=lambda row: (-row["dots"], -row["voters"], row["position"]))
        for number, row in enumerate(items, start=1):
            same = number > 1 and items[number - 2]["dots"] == row["dots"]
            row["rank"] = items[number - 2]["rank"] if same else number
            del row["position"]
        results.append({
            "step": index, "id": step.id, "prompt": step.prompt.to_dict(), "over": step.over, "dots": step.dots,
            "stack": step.stack, "voters": len(ballots), "dots_placed": sum(sum(b.values()) for b in ballots),
            "items": items,
        })
    return {"schema_version": SCHEMA_VERSION, "kind": KIND, "session_id": session.id,
            "computed_at": now_iso(), "steps": results}

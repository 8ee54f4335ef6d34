"""Choosing which answers count: where a later answer replaces an earlier one, each participant's latest."""

from __future__ import annotations

from collections.abc import Iterable

from facilitator.core.model import Answer


def latest_per_person(answers: Iterable[Answer], steps: Iterable[int]) -> dict[int, list[Answer]]:
    """For each of ``steps``: every participant's latest answer to it (participants in the order they first answered)."""
    wanted = set(steps)
    latest: dict[int, dict[str, Answer]] = {step: {} for step in wanted}
    for answer in sorted(answers, key=lambda a: a.created_at):
        if answer.step in wanted:
            latest[answer.step][answer.participant_id] = answer
    return {step: list(by_person.values()) for step, by_person in latest.items()}

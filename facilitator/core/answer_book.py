"""The answers of one running session: every one it was given, in arrival order (the record, hidden and
withdrawn ones included), and the answers that stand (neither hidden nor withdrawn: what the wall, the boards
and the summaries read). A :class:`~facilitator.core.live.LiveSession` decides and stores; this only keeps."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable

from facilitator.core.model import Answer


class AnswerBook:
    """Every answer of a session, looked up by id and by (participant, client id), and those that stand."""

    def __init__(self, answers: Iterable[Answer] = ()) -> None:
        #: Every answer in arrival order.
        self.every: list[Answer] = list(answers)
        #: The answers that stand, in arrival order (this list is changed in place, never replaced).
        self.standing: list[Answer] = [a for a in self.every if a.counts]
        self._by_id = {a.id: a for a in self.every}
        self._by_client = {(a.participant_id, a.client_id): a for a in self.every}
        self._arrival = {a.id: i for i, a in enumerate(self.every)}
        self._per_step = Counter(a.step for a in self.standing)
        #: Each participant's answers in arrival order: what a phone's page reads, without the room's.
        self._by_person: dict[str, list[Answer]] = {}
        for answer in self.every:
            self._by_person.setdefault(answer.participant_id, []).append(answer)

    def add(self, answer: Answer) -> None:
        """Keep a new answer (it stands)."""
        self._arrival[answer.id] = len(self.every)
        self.every.append(answer)
        self._by_id[answer.id] = answer
        self._by_client[(answer.participant_id, answer.client_id)] = answer
        self.standing.append(answer)
        self._per_step[answer.step] += 1
        self._by_person.setdefault(answer.participant_id, []).append(answer)

    def get(self, answer_id: str) -> Answer | None:
        """Any answer by its id."""
        return self._by_id.get(answer_id)

    def sent(self, pid: str, client_id: str) -> Answer | None:
        """The answer participant ``pid`` sent with ``client_id``, if any."""
        return self._by_client.get((pid, client_id))

    def count_for(self, step: int) -> int:
        """How many answers to ``step`` stand."""
        return self._per_step[step]

    def take_in(self, version: Answer) -> Answer:
        """Make the kept answer with ``version``'s id what ``version`` says (text, data, marks), and take it out
        of the standing answers, or put it back in its arrival place, when whether it counts changed."""
        kept = self._by_id[version.id]
        counted = kept.counts
        kept.text, kept.data, kept.edited_at = version.text, version.data, version.edited_at
        kept.hidden, kept.withdrawn = version.hidden, version.withdrawn
        if kept.counts != counted:
            order = self._arrival
            at = bisect.bisect_left(self.standing, order[kept.id], key=lambda a: order[a.id])
            if counted:
                del self.standing[at]
                self._per_step[kept.step] -= 1
            else:
                self.standing.insert(at, kept)
                self._per_step[kept.step] += 1
        return kept

    def of(self, pid: str, step: int | None = None) -> list[Answer]:
        """A participant's answers that stand (to one step, or to all), in arrival order."""
        return [a for a in self._by_person.get(pid, ()) if a.counts and (step is None or a.step == step)]

    def listed_for(self, pid: str, step: int) -> list[Answer]:
        """What a participant's "my answers" lists for ``step``: their answers not withdrawn, hidden ones too."""
        return [a for a in self._by_person.get(pid, ()) if a.step == step and not a.withdrawn]

    def wall_answers(self, step: int) -> list[Answer]:
        """What the wall draws for ``step``: the answers that stand, and the hidden ones (as stubs, text-free)."""
        return [a for a in self.every if a.step == step and not a.withdrawn]

    def hidden_count(self, pid: str) -> int:
        """How many of a participant's answers the facilitator has hidden now."""
        return sum(1 for a in self._by_person.get(pid, ()) if a.hidden and not a.withdrawn)

"""The answers of one running session: every one it was given, in arrival order (the record, hidden and
withdrawn ones included), and the answers that stand (neither hidden nor withdrawn: what the wall, the boards
and the summaries read). A :class:`~facilitator.core.live.LiveSession` decides and stores; this only keeps."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Collection, Iterable

from facilitator.core.model import Answer


class AnswerBook:
    """Every answer of a session, looked up by id and by (participant, client id), and those that stand.

    A phone's page reads only its own answers, and a phone may have given hundreds over a long session: each
    participant's answers to each step are kept apart (those that stand, those its "my answers" lists) with
    their hidden ones counted, so that a request copies or counts them rather than sorting through them."""

    def __init__(self, answers: Iterable[Answer] = ()) -> None:
        #: Every answer in arrival order.
        self.every: list[Answer] = []
        #: The answers that stand, in arrival order (this list is changed in place, never replaced).
        self.standing: list[Answer] = []
        self._by_id: dict[str, Answer] = {}
        #: Participant → client id → answer (by participant first: no key tuple kept per answer).
        self._by_client: dict[str, dict[str, Answer]] = {}
        self._arrival: dict[str, int] = {}
        self._per_step: Counter[int] = Counter()
        #: (participant, step) → their answers that stand, in arrival order.
        self._standing_of: dict[tuple[str, int], list[Answer]] = {}
        #: (participant, step) → their answers not withdrawn (hidden ones too), in arrival order.
        self._listed_of: dict[tuple[str, int], list[Answer]] = {}
        #: Participant → the steps they answered, in the order of their first answer to each.
        self._steps_of: dict[str, list[int]] = {}
        #: Participant → how many of their answers are hidden now (and not withdrawn).
        self._hidden: Counter[str] = Counter()
        for answer in answers:
            self._keep(answer)

    def add(self, answer: Answer) -> None:
        """Keep a new answer (it stands)."""
        self._keep(answer)

    def _keep(self, answer: Answer) -> None:
        """Keep ``answer`` after every answer kept so far, wherever its marks put it."""
        pid, key = answer.participant_id, (answer.participant_id, answer.step)
        self._arrival[answer.id] = len(self.every)
        self.every.append(answer)
        self._by_id[answer.id] = answer
        self._by_client.setdefault(pid, {})[answer.client_id] = answer
        if key not in self._listed_of:
            self._steps_of.setdefault(pid, []).append(answer.step)
        listed = self._listed_of.setdefault(key, [])
        standing = self._standing_of.setdefault(key, [])
        if answer.counts:
            self.standing.append(answer)
            standing.append(answer)
            self._per_step[answer.step] += 1
        if not answer.withdrawn:
            listed.append(answer)
            self._hidden[pid] += answer.hidden

    def get(self, answer_id: str) -> Answer | None:
        """Any answer by its id."""
        return self._by_id.get(answer_id)

    def sent(self, pid: str, client_id: str) -> Answer | None:
        """The answer participant ``pid`` sent with ``client_id``, if any."""
        return self._by_client.get(pid, {}).get(client_id)

    def count_for(self, step: int) -> int:
        """How many answers to ``step`` stand."""
        return self._per_step[step]

    def take_in(self, version: Answer) -> Answer:
        """Make the kept answer with ``version``'s id what ``version`` says (text, data, marks), and take it out
        of the answers that stand or are listed, or put it back in its arrival place, when its marks changed."""
        kept = self._by_id[version.id]
        counted, listed, hidden = kept.counts, not kept.withdrawn, kept.hidden and not kept.withdrawn
        kept.text, kept.data, kept.edited_at = version.text, version.data, version.edited_at
        kept.hidden, kept.withdrawn = version.hidden, version.withdrawn
        key = (kept.participant_id, kept.step)
        if kept.counts != counted:
            self._place(self.standing, kept)
            self._place(self._standing_of[key], kept)
            self._per_step[kept.step] += 1 if kept.counts else -1
        if kept.withdrawn == listed:
            self._place(self._listed_of[key], kept)
        self._hidden[kept.participant_id] += (kept.hidden and not kept.withdrawn) - hidden
        return kept

    def _place(self, answers: list[Answer], answer: Answer) -> None:
        """Take ``answer`` out of ``answers`` (kept in arrival order) if it is there, else put it in its place."""
        order = self._arrival
        at = bisect.bisect_left(answers, order[answer.id], key=lambda a: order[a.id])
        if at < len(answers) and answers[at] is answer:
            del answers[at]
        else:
            answers.insert(at, answer)

    def of(self, pid: str, step: int | None = None) -> list[Answer]:
        """A participant's answers that stand (to one step, or to all), in arrival order."""
        if step is not None:
            return list(self._standing_of.get((pid, step), ()))
        mine = [a for each in self._steps_of.get(pid, ()) for a in self._standing_of[(pid, each)]]
        return sorted(mine, key=lambda a: self._arrival[a.id])

    def listed_for(self, pid: str, step: int) -> list[Answer]:
        """What a participant's "my answers" lists for ``step``: their answers not withdrawn, hidden ones too."""
        return list(self._listed_of.get((pid, step), ()))

    def listed_count(self, pid: str, step: int) -> int:
        """How many answers :meth:`listed_for` lists."""
        return len(self._listed_of.get((pid, step), ()))

    def latest_listed(self, pid: str, step: int, n: int, also: Collection[str] = ()) -> list[Answer]:
        """The latest ``n`` of :meth:`listed_for`, and before them the older ones whose id is in ``also``, in
        arrival order: a phone with hundreds of answers costs what it shows."""
        latest = self._listed_of.get((pid, step), [])[-n:] if n > 0 else []
        shown = {a.id for a in latest}
        older = [a for a in map(self._by_id.get, set(also)) if a is not None and a.id not in shown
                 and a.participant_id == pid and a.step == step and not a.withdrawn]
        return sorted(older, key=lambda a: self._arrival[a.id]) + latest

    def wall_answers(self, step: int) -> list[Answer]:
        """What the wall draws for ``step``: the answers that stand, and the hidden ones (as stubs, text-free)."""
        return [a for a in self.every if a.step == step and not a.withdrawn]

    def hidden_count(self, pid: str) -> int:
        """How many of a participant's answers the facilitator has hidden now."""
        return self._hidden[pid]

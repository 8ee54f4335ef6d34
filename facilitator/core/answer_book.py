"""The answers of one running session: every one it was given, in arrival order (the record, hidden and
withdrawn ones included), and the answers that stand (neither hidden nor withdrawn: what the wall, the boards
and the summaries read). A :class:`~facilitator.core.live.LiveSession` decides and stores; this only keeps.

A session may run for hours and take tens of thousands of notes, so the book holds as objects only the latest
:data:`WINDOW` answers and the answers to the steps it is told to keep (those the boards read on every frame);
the older ones wait on an :class:`~facilitator.core.answer_shelf.AnswerShelf` and are read back when asked
for. What it keeps of every answer is a few numbers in flat arrays (its step, its author, its marks, where it
waits) and two compact indexes (:class:`~facilitator.core.hash_index.HashIndex`): memory grows by about a
hundred bytes an answer, not by the answer.
"""

from __future__ import annotations

import bisect
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable

from facilitator.core.answer_shelf import AnswerShelf, MemoryShelf
from facilitator.core.hash_index import HashIndex
from facilitator.core.model import Answer

#: How many of the latest answers are held as objects (the wall, the phones' latest, edits, hides).
WINDOW = 2048
#: How many answers read back from the shelf stay held, the oldest let go first (an edit reads one, then stores it).
READ_BACK = 256
_HIDDEN, _WITHDRAWN = 1, 2
#: Where an answer not on the shelf waits: nowhere (it is held).
_HELD = -1


class AnswerBook:
    """Every answer of a session, looked up by id and by (participant, client id), and those that stand.

    A phone's page reads only its own answers, and a phone may have given hundreds over a long session: each
    participant's answers to each step are kept apart (as arrival numbers: those that stand, those its "my
    answers" lists) with their hidden ones counted, so that a request copies or counts them rather than sorting
    through them. ``keeps(step)``: whether the answers to ``step`` are always held (never shelved); ``window``:
    how many of the latest answers are held (:data:`WINDOW`)."""

    def __init__(
        self, answers: Iterable[Answer] = (), *, shelf: AnswerShelf | None = None,
        keeps: Callable[[int], bool] = lambda step: False, window: int | None = None,
    ) -> None:
        self._shelf: AnswerShelf = shelf if shelf is not None else MemoryShelf()
        self._keeps, self._window = keeps, WINDOW if window is None else window
        self._kept_steps: dict[int, bool] = {}
        #: By arrival number: the step, the author's number, the marks and the shelf handle of every answer.
        self._steps = array("i")
        self._authors = array("i")
        self._marks = bytearray()
        self._where = array("q")
        #: The answers held as objects, by arrival number; and those lately read back from the shelf.
        self._held: dict[int, Answer] = {}
        self._read_back: dict[int, Answer] = {}
        #: Participant → their number (the order they first answered in).
        self._person: dict[str, int] = {}
        self._ids = HashIndex()        # hash(answer id) → arrival number
        self._clients = HashIndex()    # hash((participant, client id)) → arrival number
        self._per_step: Counter[int] = Counter()
        #: Step → arrival numbers of its answers not withdrawn (hidden ones too): the wall's, and the boards'.
        self._listed_in: dict[int, array[int]] = {}
        #: (participant, step) → arrival numbers of their answers that stand.
        self._standing_of: dict[tuple[str, int], array[int]] = {}
        #: (participant, step) → arrival numbers of their answers not withdrawn (hidden ones too).
        self._listed_of: dict[tuple[str, int], array[int]] = {}
        #: Participant → the steps they answered, in the order of their first answer to each.
        self._steps_of: dict[str, list[int]] = {}
        #: Participant → how many of their answers are hidden now (and not withdrawn).
        self._hidden: Counter[str] = Counter()
        for answer in answers:
            self._keep(answer)

    def __len__(self) -> int:
        return len(self._steps)

    def add(self, answer: Answer) -> None:
        """Keep a new answer (it stands)."""
        self._keep(answer)

    def _keep(self, answer: Answer) -> None:
        """Keep ``answer`` after every answer kept so far, wherever its marks put it."""
        pid, key, n = answer.participant_id, (answer.participant_id, answer.step), len(self._steps)
        author = self._person.get(pid)
        if author is None:
            author = self._person[pid] = len(self._person)
        self._steps.append(answer.step)
        self._authors.append(author)
        self._marks.append(_marks(answer))
        self._where.append(_HELD)
        self._held[n] = answer
        self._ids.add(hash(answer.id), n)
        self._clients.add(hash((pid, answer.client_id)), n)
        if key not in self._listed_of:
            self._steps_of.setdefault(pid, []).append(answer.step)
        listed = self._listed_of.setdefault(key, array("i"))
        standing = self._standing_of.setdefault(key, array("i"))
        if answer.counts:
            standing.append(n)
            self._per_step[answer.step] += 1
        if not answer.withdrawn:
            listed.append(n)
            self._listed_in.setdefault(answer.step, array("i")).append(n)
            self._hidden[pid] += answer.hidden
        self._shelve(n - self._window)

    def _shelve(self, n: int) -> None:
        """Put answer ``n`` on the shelf unless its step is kept (if the shelf refuses, it stays held)."""
        answer = self._held.get(n) if n >= 0 else None
        if answer is None:
            return
        kept = self._kept_steps.get(answer.step)
        if kept is None:
            kept = self._kept_steps[answer.step] = self._keeps(answer.step)
        if kept:
            return
        try:
            self._where[n] = self._shelf.put(answer)
        except OSError:
            return
        del self._held[n]

    def _at(self, n: int) -> Answer:
        """Answer number ``n``, held or read back from the shelf."""
        answer = self._held.get(n) or self._read_back.get(n)
        if answer is None:
            answer = self._shelf.get(self._where[n])
            if len(self._read_back) >= READ_BACK:
                del self._read_back[next(iter(self._read_back))]
            self._read_back[n] = answer
        return answer

    def _numbered(self, answer_id: str) -> int | None:
        """The arrival number of the answer ``answer_id``."""
        for n in reversed(self._ids.get(hash(answer_id))):
            if self._at(n).id == answer_id:
                return n
        return None

    def get(self, answer_id: str) -> Answer | None:
        """Any answer by its id."""
        n = self._numbered(answer_id)
        return self._at(n) if n is not None else None

    def sent(self, pid: str, client_id: str) -> Answer | None:
        """The answer participant ``pid`` sent with ``client_id``, if any."""
        for n in reversed(self._clients.get(hash((pid, client_id)))):
            answer = self._at(n)
            if answer.participant_id == pid and answer.client_id == client_id:
                return answer
        return None

    def count_for(self, step: int) -> int:
        """How many answers to ``step`` stand."""
        return self._per_step[step]

    @property
    def every(self) -> list[Answer]:
        """Every answer in arrival order (those on the shelf read back: for a close, an export)."""
        return [self._at(n) for n in range(len(self._steps))]

    @property
    def standing(self) -> list[Answer]:
        """The answers that stand, in arrival order."""
        marks = self._marks
        return [self._at(n) for n in range(len(marks)) if not marks[n]]

    def standing_in(self, steps: Collection[int]) -> list[Answer]:
        """The answers to ``steps`` that stand, in arrival order (read without a look at the other steps')."""
        marks = self._marks
        found = sorted(n for step in set(steps) for n in self._listed_in.get(step, ()) if not marks[n])
        return [self._at(n) for n in found]

    def take_in(self, version: Answer) -> Answer:
        """Make the kept answer with ``version``'s id what ``version`` says (text, data, marks), and take it out
        of the answers that stand or are listed, or put it back in its arrival place, when its marks changed.
        Returns the kept answer (the object the book hands out for that id)."""
        n = self._numbered(version.id)
        if n is None:
            raise KeyError(version.id)
        kept = self._at(n)
        counted, listed, hidden = kept.counts, not kept.withdrawn, kept.hidden and not kept.withdrawn
        kept.text, kept.data, kept.edited_at = version.text, version.data, version.edited_at
        kept.hidden, kept.withdrawn = version.hidden, version.withdrawn
        self._marks[n] = _marks(kept)
        if self._where[n] != _HELD:
            self._where[n] = self._shelf.put(kept)
        key = (kept.participant_id, kept.step)
        if kept.counts != counted:
            _place(self._standing_of[key], n)
            self._per_step[kept.step] += 1 if kept.counts else -1
        if kept.withdrawn == listed:
            _place(self._listed_of[key], n)
            _place(self._listed_in.setdefault(kept.step, array("i")), n)
        self._hidden[kept.participant_id] += (kept.hidden and not kept.withdrawn) - hidden
        return kept

    def of(self, pid: str, step: int | None = None) -> list[Answer]:
        """A participant's answers that stand (to one step, or to all), in arrival order."""
        if step is not None:
            return [self._at(n) for n in self._standing_of.get((pid, step), ())]
        mine = sorted(n for each in self._steps_of.get(pid, ()) for n in self._standing_of[(pid, each)])
        return [self._at(n) for n in mine]

    def listed_for(self, pid: str, step: int) -> list[Answer]:
        """What a participant's "my answers" lists for ``step``: their answers not withdrawn, hidden ones too."""
        return [self._at(n) for n in self._listed_of.get((pid, step), ())]

    def listed_count(self, pid: str, step: int) -> int:
        """How many answers :meth:`listed_for` lists."""
        return len(self._listed_of.get((pid, step), ()))

    def latest_listed(self, pid: str, step: int, n: int, also: Collection[str] = ()) -> list[Answer]:
        """The latest ``n`` of :meth:`listed_for`, and before them the older ones whose id is in ``also``, in
        arrival order: a phone with hundreds of answers costs what it shows."""
        listed = self._listed_of.get((pid, step), ())
        latest = list(listed[-n:]) if n > 0 else []
        shown = set(latest)
        author = self._person.get(pid)
        older = {number for number in map(self._numbered, set(also))
                 if number is not None and number not in shown and self._authors[number] == author
                 and self._steps[number] == step and not self._marks[number] & _WITHDRAWN}
        return [self._at(number) for number in sorted(older)] + [self._at(number) for number in latest]

    def wall_answers(self, step: int) -> list[Answer]:
        """What the wall draws for ``step``: the answers that stand, and the hidden ones (as stubs, text-free)."""
        return [self._at(n) for n in self._listed_in.get(step, ())]

    def hidden_count(self, pid: str) -> int:
        """How many of a participant's answers the facilitator has hidden now."""
        return self._hidden[pid]


def _marks(answer: Answer) -> int:
    """An answer's marks as bits (hidden, withdrawn)."""
    return (_HIDDEN if answer.hidden else 0) | (_WITHDRAWN if answer.withdrawn else 0)


def _place(numbers: array[int], n: int) -> None:
    """Take ``n`` out of ``numbers`` (kept in order) if it is there, else put it in its place."""
    at = bisect.bisect_left(numbers, n)
    if at < len(numbers) and numbers[at] == n:
        del numbers[at]
    else:
        numbers.insert(at, n)

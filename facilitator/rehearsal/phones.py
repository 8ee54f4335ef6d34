"""Simulated phones for a rehearsal: each joins a demo session through the real join page and answers through
the real answer endpoint, as a participant's phone does, over HTTP on the app's own server.

A phone follows the session's event stream (what a phone's page follows), waits a few seconds as a person
reads and types (jittered, from a seeded random generator), and answers the open step with what its step kind
makes of the sample answers (:meth:`StepKind.simulate <facilitator.core.kinds.base.StepKind.simulate>`); a kind
that makes nothing is left unanswered. It stops when the session closes, or when :meth:`Rehearsal.stop` is
called (the app quitting). Its cookie token is derived from the seed and the session, so a resumed rehearsal's
phones are the same participants as before and do not answer a step twice.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import re
from dataclasses import dataclass
from typing import Any

import aiohttp
from yarl import URL

from facilitator.core import kinds
from facilitator.core.ids import participant_id
from facilitator.core.kinds.rehearsal import Simulation
from facilitator.core.live import LiveSession
from facilitator.core.model import Status
from facilitator.rehearsal.samples import Deck, Person, SampleRoom, load_samples
from facilitator.server.pages import TOKEN_COOKIE
from facilitator.server.requests import OTHER_ORG, SCAN_PARAM

#: The seed a rehearsal plays out from unless told another.
DEFAULT_SEED = 2567
#: Mean seconds between two actions of one phone (reading the question, typing an answer).
DEFAULT_PACE = 4.0
#: Longest one request may take; how soon a phone follows the session again after its stream broke.
REQUEST_TIMEOUT, RECONNECT_SECONDS = 20.0, 2.0
#: How often a phone sends a second answer to a step whose answers add up (notes, actions).
SECOND_ANSWER = 0.25
_FORM_TOKEN = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass(frozen=True, slots=True)
class Pace:
    """How fast the simulated room moves: ``seconds`` between two actions of a phone, on average, each wait
    drawn between 40% and 160% of it."""

    seconds: float = DEFAULT_PACE

    def wait(self, rng: random.Random) -> float:
        """One jittered wait, in seconds."""
        return self.seconds * rng.uniform(0.4, 1.6)


class Rehearsal:
    """The simulated phones of one demo session, reaching it at ``base`` (``http://host:port``) through the join
    address its QR code holds (``scan``: the code's scan token)."""

    def __init__(
        self, live: LiveSession, base: str, scan: str, *, pace: Pace = Pace(), seed: int = DEFAULT_SEED,
        room: SampleRoom | None = None,
    ) -> None:
        self.live = live
        self.base = base.rstrip("/")
        self.scan = scan
        self.pace = pace
        self.seed = seed
        self.room = room if room is not None else load_samples()
        self._deck = Deck(self.room, seed)
        #: What went wrong for a phone (a refused form, a broken connection), for whoever wants to know.
        self.problems: list[str] = []
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def code(self) -> str:
        """The session's join code."""
        return self.live.session.code

    @property
    def running(self) -> bool:
        """Whether any phone is still at work."""
        return any(not task.done() for task in self._tasks)

    def start(self) -> None:
        """Send the phones in, one after another."""
        if self._tasks:
            return
        for index, person in enumerate(self.room.people):
            self._tasks.append(asyncio.create_task(self._phone(index, person), name=f"rehearsal-phone-{index}"))

    async def stop(self) -> None:
        """Stop every phone (a request under way is dropped) and close its connections."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    # -- one phone ---------------------------------------------------------------------------------------
    def _token(self, index: int) -> str:
        return hashlib.sha256(f"rehearsal:{self.seed}:{self.live.session.id}:{index}".encode()).hexdigest()[:40]

    async def _phone(self, index: int, person: Person) -> None:
        rng = random.Random(f"{self.seed}:{index}")
        token = self._token(index)
        try:
            async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True),
                                             timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)) as http:
                http.cookie_jar.update_cookies({TOKEN_COOKIE: token}, URL(self.base))
                await asyncio.sleep(self.pace.wait(rng) * (1 + index) / 2)   # people come in one by one
                if not await self._join(http, person):
                    return
                changed = asyncio.Event()
                follower = asyncio.create_task(self._follow(http, changed))
                try:
                    await self._answer_steps(http, rng, index, participant_id(token), person, changed)
                finally:
                    follower.cancel()
                    await asyncio.gather(follower, return_exceptions=True)
        except asyncio.CancelledError:
            raise
        except Exception as err:  # noqa: BLE001 - a phone that fails stops; the rehearsal goes on
            self.problems.append(f"{person.name}: {type(err).__name__}: {err}")

    async def _join(self, http: aiohttp.ClientSession, person: Person) -> bool:
        """Open the join page (as the QR code does), fill it in and send it; whether the phone joined."""
        url = f"{self.base}/j/{self.code}?{SCAN_PARAM}={self.scan}"
        async with http.get(url) as page:
            found = _FORM_TOKEN.search(await page.text())
        if found is None:
            self.problems.append(f"{person.name}: no join form (HTTP {page.status})")
            return False
        partners = self.live.partnership.organisations if self.live.partnership is not None else []
        listed = any(org.name == person.organisation for org in partners)
        fields: list[tuple[str, str]] = [("csrf", found.group(1)), ("lang", "th"), ("name", person.name),
                                         ("sector", person.sector)]
        if partners and not listed:
            fields += [("organisation", OTHER_ORG), ("organisation_other", person.organisation)]
        else:
            fields.append(("organisation", person.organisation))
        fields += [("also", other) for other in person.also]
        async with http.post(url, data=fields) as response:
            await response.read()
            joined = response.status == 200 and response.url.path.startswith("/s/")
        if not joined:
            self.problems.append(f"{person.name}: join refused (HTTP {response.status})")
        return joined

    async def _follow(self, http: aiohttp.ClientSession, changed: asyncio.Event) -> None:
        """Follow the session's event stream; every state it pushes wakes the phone (so does a broken stream,
        which is followed again after a moment)."""
        url = f"{self.base}/s/{self.code}/events"
        while True:
            try:
                async with http.get(url, timeout=aiohttp.ClientTimeout(total=None, sock_read=60)) as stream:
                    async for line in stream.content:
                        if line.startswith(b"data:"):
                            changed.set()
            except (aiohttp.ClientError, TimeoutError):
                pass
            changed.set()
            await asyncio.sleep(RECONNECT_SECONDS)

    async def _answer_steps(self, http: aiohttp.ClientSession, rng: random.Random, index: int, pid: str,
                            person: Person, changed: asyncio.Event) -> None:
        """Answer each step the facilitator opens, once it has been read (first adding the task the person
        proposes, where the room may add tasks); until the session closes."""
        passed: set[int] = set()   # steps this phone has answered, or left unanswered
        while True:
            await changed.wait()
            changed.clear()
            while True:
                session = self.live.session
                if session.status is Status.CLOSED:
                    return
                step = session.step
                if step is None or step in passed or self.live.answers_of(pid, step):
                    break
                await asyncio.sleep(self.pace.wait(rng))   # reading the question, typing
                if (self.live.session.status, self.live.session.step) != (Status.RUNNING, step):
                    continue   # the facilitator moved on meanwhile
                passed.add(step)
                kind = self._kind(step)
                if kind is None:
                    continue
                if person.proposes and kind.takes_tasks:
                    await self._propose(http, person.proposes)
                    await asyncio.sleep(self.pace.wait(rng))
                for n, organisation in enumerate(self._turns(rng, pid, kind)):
                    if n:
                        await asyncio.sleep(self.pace.wait(rng))
                    if not await self._answer(http, rng, index, pid, step, n, organisation):
                        break

    def _kind(self, step: int) -> kinds.StepKind | None:
        """The kind of ``step`` (``None`` for one this version does not know: a record from a newer one)."""
        try:
            return kinds.of(self.live.session.activity.steps[step])
        except kinds.UnknownKind:
            return None

    async def _propose(self, http: aiohttp.ClientSession, name: str) -> None:
        """Add a task to split with the step page's form for it (a task already there is kept as it is)."""
        token = await self._form_token(http)
        if token is None:
            return
        async with http.post(f"{self.base}/s/{self.code}/tasks", data={"name": name, "csrf": token},
                             headers={"Accept": "application/json"}) as response:
            await response.read()
        if response.status not in (200, 409, 410):   # the step or the session closed meanwhile: nothing to add
            self.problems.append(f"task {name}: HTTP {response.status}")

    async def _form_token(self, http: aiohttp.ClientSession) -> str | None:
        """The form token of the step page as drawn now (``None`` when it draws no form: the step closed)."""
        async with http.get(f"{self.base}/s/{self.code}") as page:
            found = _FORM_TOKEN.search(await page.text())
        return found.group(1) if found else None

    def _turns(self, rng: random.Random, pid: str, kind: kinds.StepKind) -> list[str]:
        """The answers the phone sends to a step of ``kind``, by the organisation each speaks for ("": the main
        one): one per organisation of a person with several hats where an answer speaks for one, else one (now
        and then two, where answers add up)."""
        person = self.live.participants.get(pid)
        if kind.speaks_for and person is not None and len(person.organisations) > 1:
            return person.organisations
        return ["", ""] if kind.adds_up and rng.random() < SECOND_ANSWER else [""]

    def _form(self, rng: random.Random, pid: str, step: int, organisation: str) -> dict[str, list[str]] | None:
        """What the open step's kind makes of the samples for this phone (``None``: nothing to send)."""
        person = self.live.participants.get(pid)
        kind = self._kind(step)
        if person is None or kind is None:
            return None
        step_def = self.live.session.activity.steps[step]
        return kind.simulate(step_def, Simulation(rng, person, self.live.context(), self._deck, organisation))

    async def _answer(self, http: aiohttp.ClientSession, rng: random.Random, index: int, pid: str, step: int,
                      n: int, organisation: str) -> bool:
        """Open the step page (for its form token) and send the step's form for ``organisation``; whether it
        was saved."""
        form = self._form(rng, pid, step, organisation)
        if form is None:
            return False
        token = await self._form_token(http)
        if token is None:
            return False   # the step closed while the page loaded
        data: list[tuple[str, Any]] = [("step", str(step)), ("client_id", f"rehearsal-{index}-{step}-{n}"),
                                       ("csrf", token)]
        data += [(name, value) for name, values in form.items() for value in values]
        async with http.post(f"{self.base}/s/{self.code}/answers", data=data,
                             headers={"Accept": "application/json"}) as response:
            try:
                reply = await response.json(content_type=None)
            except ValueError:   # a page instead of the script's JSON: a refusal before the step's handler
                reply = {"reason": f"HTTP {response.status}"}
        if response.status != 200 or not reply.get("ok"):
            if reply.get("reason") not in ("step_closed", "closed_title"):
                self.problems.append(f"phone {index}, step {step + 1}: {reply.get('reason')}")
            return False
        return True

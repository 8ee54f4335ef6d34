"""Every route the phones' server has, enumerated: none is a facilitator's action (advance, go back, close,
export, delete, hide…); every POST is a participant's action (join, answer, add a task) and every one but
joining needs a phone that joined. A new route fails here until it is added to the lists below."""

from __future__ import annotations

import re

import aiohttp

from facilitator.core.model import Status
from facilitator.core.room import Room
from facilitator.server.app import make_app
from tests.support import Served, form_token, new_phone

#: What phones may read.
READS = {"/", "/j/{code}", "/s/{code}", "/s/{code}/state", "/s/{code}/events", "/static"}
#: What phones may do: join, and (once joined) answer, add a task, edit or withdraw one of their answers.
JOIN = "/j/{code}"
JOINED_ACTIONS = {"/s/{code}/answers", "/s/{code}/tasks", "/s/{code}/answers/{answer_id}/edit",
                  "/s/{code}/answers/{answer_id}/withdraw"}
#: Words a facilitator's action would go by.
FACILITATOR_WORDS = re.compile(
    r"advance|next|prev|back|goto|step/|open|close|end|export|download|delete|remove|hide|reveal|admin|start",
    re.IGNORECASE,
)


def _routes() -> set[tuple[str, str]]:
    return {(route.method, route.resource.canonical) for route in make_app(Room()).router.routes()
            if route.resource is not None}


def test_the_server_has_only_the_known_routes() -> None:
    expected = {(method, path) for path in READS for method in ("GET", "HEAD")}
    expected |= {("POST", path) for path in (JOIN, *JOINED_ACTIONS)}
    assert _routes() == expected


def test_no_route_names_a_facilitators_action() -> None:
    for method, path in _routes():
        assert not FACILITATOR_WORDS.search(path.replace("{code}", "")), (method, path)
        assert method in ("GET", "HEAD", "POST"), (method, path)   # no PUT, PATCH or DELETE at all


async def test_every_post_but_joining_needs_a_phone_that_joined(served: Served) -> None:
    await served.live.goto(0)
    posts = sorted(path for method, path in _routes() if method == "POST" and path != JOIN)
    assert posts == sorted(JOINED_ACTIONS)
    async with new_phone() as stranger:
        token = await form_token(stranger, served)   # a page's token, a cookie, but no join
        for path in posts:
            form = {"step": "0", "client_id": "client-0001", "text": "x", "name": "x", "csrf": token}
            url = served.url(path.replace("{answer_id}", "a1b2c3"))
            refused = await stranger.post(url, data=form, headers={"Accept": "application/json"})
            assert refused.status == 403 and (await refused.json())["reason"] == "not_joined", path
    assert served.live.answers == [] and served.live.session.tasks == []
    assert served.live.session.step == 0 and served.live.session.status is Status.RUNNING


async def test_methods_other_than_get_and_post_change_nothing(served: Served, phone: aiohttp.ClientSession) -> None:
    await served.live.goto(0)
    for method in ("PUT", "PATCH", "DELETE"):
        for path in ("/s/{code}", "/s/{code}/answers", "/j/{code}"):
            response = await phone.request(method, served.url(path), data={"step": "1"})
            assert response.status == 405, (method, path)
    assert served.live.session.step == 0 and served.live.session.status is Status.RUNNING

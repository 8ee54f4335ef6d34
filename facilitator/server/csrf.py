"""Per-form tokens against cross-site request forgery, besides the Origin and Host checks of :mod:`.guard`.

Every form a phone page draws carries a hidden ``csrf`` field: an HMAC, under a secret the server makes when
it starts, of the phone's own token cookie. A phone gets that cookie with the first page that draws a form
(the join page), before it joins; joining keeps it as the participant's token. A post whose field does not
match the cookie it comes with is refused with 403 and its form drawn again, what was typed kept, with a
fresh token (a page drawn before the server restarted is out of date once, never twice).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets

from aiohttp import web

from facilitator.core.errors import Rejected
from facilitator.core.ids import new_token
from facilitator.server.guard import Handler
from facilitator.server.pages import TOKEN_COOKIE
from facilitator.server.requests import TOKEN_MAX_AGE, Values, token_of

SECRET_KEY: web.AppKey[bytes] = web.AppKey("csrf_secret", bytes)
#: The hidden form field that carries the token.
FIELD = "csrf"
_FRESH: web.RequestKey[str] = web.RequestKey("fresh_phone_token", str)


def new_secret() -> bytes:
    """The server's secret for this run: tokens drawn before a restart no longer match."""
    return secrets.token_bytes(32)


@functools.lru_cache(maxsize=4096)   # a phone's page and its next form both ask it: a digest each time
def _sign(secret: bytes, phone_token: str) -> str:
    return hmac.new(secret, b"form:" + phone_token.encode(), hashlib.sha256).hexdigest()[:32]


def form_token(request: web.Request) -> str:
    """The token for the forms of the page being drawn; a phone without a token cookie gets one with it."""
    phone_token = token_of(request)
    if phone_token is None:
        phone_token = request.get(_FRESH) or new_token()
        request[_FRESH] = phone_token
    return _sign(request.app[SECRET_KEY], phone_token)


def check(request: web.Request, fields: Values) -> None:
    """Raise ``Rejected("stale_form")`` unless the posted form carries the token of the phone posting it."""
    phone_token = token_of(request)
    posted = (list(fields.get(FIELD) or [""]))[-1]
    expected = _sign(request.app[SECRET_KEY], phone_token) if phone_token else ""
    if not (expected and hmac.compare_digest(posted.encode(), expected.encode())):
        raise Rejected("stale_form")


@web.middleware
async def give_token_cookie(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A phone that was handed a form token keeps the token cookie it is bound to."""
    response = await handler(request)
    fresh = request.get(_FRESH)
    if fresh and not response.prepared and TOKEN_COOKIE not in response.cookies:
        response.set_cookie(TOKEN_COOKIE, fresh, max_age=TOKEN_MAX_AGE, httponly=True, samesite="Lax")
    return response

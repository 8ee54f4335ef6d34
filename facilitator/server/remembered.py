"""What a phone remembers of its person for a partnership, so that the AAR's join form comes filled in with what
was given at the BAR: a long-lived cookie per partnership (``fp-<partnership id>``) holding the name, the
organisation, the sector and the other organisations spoken for.

An anonymous session neither shows nor keeps a name, and neither does this: joining one leaves the phone
remembering the organisation alone (a name remembered before is forgotten). A session without a partnership
remembers nothing. The cookie is only read to fill in the form; what is sent is checked as any join is.
"""

from __future__ import annotations

import base64
import binascii
import json
import re

from aiohttp import web

from facilitator.core.live import LiveSession
from facilitator.core.model import Participant

COOKIE_PREFIX = "fp-"
#: A year: a partnership's BAR and AAR are often months apart.
MAX_AGE = 365 * 86400
#: What is remembered, as the join form's fields.
FIELDS = ("name", "organisation", "sector", "also")
_ID = re.compile(r"^[0-9a-z]{1,32}$")
#: A longer cookie is not ours (ours holds a few short texts); browsers keep 4 KB at most.
_MAX_COOKIE = 3000


def _cookie_name(live: LiveSession) -> str | None:
    partnership_id = live.session.partnership_id or ""
    return COOKIE_PREFIX + partnership_id if _ID.match(partnership_id) else None


def remembered(request: web.Request, live: LiveSession) -> dict[str, list[str]]:
    """What the phone remembers for the session's partnership, as join form values (an anonymous session's form
    has no name field to fill); empty when it remembers nothing, or the cookie cannot be read."""
    name = _cookie_name(live)
    raw = request.cookies.get(name, "") if name else ""
    if not raw or len(raw) > _MAX_COOKIE:
        return {}
    try:
        data = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode("utf-8"))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    values: dict[str, list[str]] = {}
    for field in FIELDS:
        value = data.get(field)
        texts = value if isinstance(value, list) else [value]
        if texts and all(isinstance(text, str) for text in texts):
            values[field] = texts
    return values


def remember(response: web.StreamResponse, live: LiveSession, person: Participant) -> None:
    """Keep on the phone what ``person`` joined with, for the next sessions of the partnership, in place of what
    it kept before (never a name from an anonymous session: its participants have none)."""
    name = _cookie_name(live)
    if name is None:
        return
    data = {"organisation": person.organisation, "sector": person.sector, "also": list(person.also)}
    if person.name:
        data["name"] = person.name
    value = base64.urlsafe_b64encode(json.dumps(data, ensure_ascii=False).encode("utf-8")).decode().rstrip("=")
    if len(value) <= _MAX_COOKIE:
        response.set_cookie(name, value, max_age=MAX_AGE, httponly=True, samesite="Lax", path="/")

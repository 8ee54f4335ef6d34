"""Joining: the code box, the join form (a partnership's organisations to pick, several hats), and joining."""

from __future__ import annotations

from aiohttp import web

from facilitator.core.i18n import sector_label, t
from facilitator.core.live import LiveSession, Rejected, StorageError
from facilitator.core.model import Participant, Status
from facilitator.server import csrf
from facilitator.server.requests import (
    LIMITER_KEY,
    OTHER_ORG,
    ROOM_KEY,
    SCAN_PARAM,
    STATUS,
    TOKEN_MAX_AGE,
    Values,
    closed_page,
    form_fields,
    participant_of,
    read_form,
    serves_session,
    session_for,
    token_of,
)
from facilitator.server.pages import TOKEN_COOKIE, lang_of, message, render, see_other
from facilitator.server.remembered import remember, remembered


async def enter(request: web.Request) -> web.Response:
    """``GET /``: a box for the join code (for phones that could not scan); a code sent from it goes to its join
    page (which says "back in a moment" or "closed" for a session the room does not serve now)."""
    code = request.query.get("code", "").strip()
    if code:
        live = session_for(request, code)
        if not isinstance(live, LiveSession) and request.app[ROOM_KEY].listed(code) is None:
            return live  # no session has that code, or this address has guessed too often
        return see_other(f"/j/{code}")
    return render(request, "enter.html", lang=lang_of(request))


def _partner_orgs(live: LiveSession) -> list[str]:
    """The partnership's organisations a phone picks from on the join page (none without a partnership)."""
    return [org.name for org in live.partnership.organisations] if live.partnership is not None else []


def _join_values(live: LiveSession, person: Participant | None) -> dict[str, list[str]]:
    """The join form filled in with what ``person`` gave before (to edit a profile)."""
    if person is None:
        return {}
    return _profile_values(live, person.name, person.organisation, person.sector, person.also)


def _profile_values(
    live: LiveSession, name: str, organisation: str, sector: str, also: list[str]
) -> dict[str, list[str]]:
    """The join form's fields for a name, an organisation (picked from the partnership's list when it is one of
    them), a sector and the other organisations spoken for."""
    partners = _partner_orgs(live)
    values = {"name": [name], "sector": [sector]}
    if not partners:
        values["organisation"] = [organisation]
        values["also"] = [", ".join(also)] if also else []
        return values
    canonical = live.partnership.canonical if live.partnership is not None else str.strip
    main = canonical(organisation) if organisation else ""
    if main in partners:
        values["organisation"] = [main]
    elif main:
        values["organisation"], values["organisation_other"] = [OTHER_ORG], [organisation]
    values["also"] = [canonical(other) for other in also]
    return values


def _remembered_values(request: web.Request, live: LiveSession) -> dict[str, list[str]]:
    """The join form filled in with what the phone remembers for the session's partnership (if anything)."""
    kept = remembered(request, live)
    if not kept:
        return {}
    first = {field: (kept.get(field) or [""])[-1] for field in ("name", "organisation", "sector")}
    return _profile_values(live, first["name"], first["organisation"], first["sector"], kept.get("also", []))


def _known_sectors(live: LiveSession, lang: str) -> dict[str, tuple[str, str]]:
    """The partnership's organisations whose sector it knows: name → (sector key, its label)."""
    if live.partnership is None:
        return {}
    return {org.name: (org.sector, sector_label(org.sector, lang))
            for org in live.partnership.organisations if org.sector}


def _scan_token(request: web.Request, live: LiveSession) -> str:
    """The QR code's token the phone arrived with, when it is right: the join form posts it on."""
    token = request.query.get(SCAN_PARAM, "")
    return token if request.app[ROOM_KEY].scanned(live.session.code, token) else ""


def _join_form(
    request: web.Request, live: LiveSession, lang: str, person: Participant | None, values: Values, *,
    status: int = 200, error: str | None = None,
) -> web.Response:
    return render(
        request, "join.html", lang=lang, status=status, session=live.session, person=person, error=error,
        partner_orgs=_partner_orgs(live), other_org=OTHER_ORG, values=values, csrf=csrf.form_token(request),
        known_sectors=_known_sectors(live, lang),
        scanned=_scan_token(request, live),
        value=lambda name: (list(values.get(name) or [""]) or [""])[-1],
        chosen=lambda name, value: value in (values.get(name) or ()),
    )


@serves_session
async def join_page(request: web.Request, live: LiveSession) -> web.Response:
    """``GET /j/{code}``: the join form (or straight to the step for a phone that already joined)."""
    if live.session.status is Status.CLOSED:
        return closed_page(request, live.session.partnership_id, live.session.code, live=live)
    person = participant_of(request, live)
    if person is not None and "edit" not in request.query:
        return see_other(f"/s/{live.session.code}")
    values = _join_values(live, person) if person is not None else _remembered_values(request, live)
    return _join_form(request, live, lang_of(request, live), person, values)


def _joined_as(live: LiveSession, fields: Values) -> tuple[str, list[str]]:
    """The organisation and the other hats a join form names.

    With a partnership, the organisation is picked from its list, or "another" with its name typed; the
    hats are ticked. Without one, both are typed, the hats separated by commas.
    """
    organisation = (list(fields.get("organisation") or [""]))[-1].strip()
    if organisation in ("", OTHER_ORG):
        organisation = (list(fields.get("organisation_other") or [""]))[-1]
    also = [piece.strip() for value in fields.get("also", ()) for piece in value.split(",")]
    return organisation, [name for name in also if name]


@serves_session
async def join_post(request: web.Request, live: LiveSession) -> web.Response:
    """``POST /j/{code}``: join with an optional name, organisation (and others spoken for) and sector."""
    lang = lang_of(request, live)
    fields: dict[str, list[str]] = {}
    try:
        fields = form_fields(await read_form(request))
        posted_lang = (fields.get("lang") or [""])[-1]
        lang = posted_lang if posted_lang in ("th", "en") else lang
        csrf.check(request, fields)   # the phone's token cookie came with the join page
        token = token_of(request) or ""
        if not request.app[LIMITER_KEY].allow("join:" + token):
            raise Rejected("slow_down")
        organisation, also = _joined_as(live, fields)
        person = await live.join(
            token, name=(fields.get("name") or [""])[-1], organisation=organisation,
            sector=(fields.get("sector") or [""])[-1], lang=lang, also=also,
        )
    except Rejected as err:
        return _join_form(request, live, lang, None, fields, status=STATUS.get(err.reason, 400),
                          error=t(err.reason, lang))
    except StorageError:
        return message(request, "error_title", "storage_failed", status=503, live=live)
    response = web.HTTPSeeOther(f"/s/{live.session.code}")
    response.set_cookie(TOKEN_COOKIE, token, max_age=TOKEN_MAX_AGE, httponly=True, samesite="Lax")
    remember(response, live, person)
    raise response


# -- the step page ---------------------------------------------------------------------------------------

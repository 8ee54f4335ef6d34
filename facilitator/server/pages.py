"""Rendering phone pages: the participant's language, Jinja2 templates (autoescaped), message pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import jinja2
from aiohttp import web

from facilitator.core.i18n import t
from facilitator.core.vocab import SECTORS
from facilitator.core.live import LiveSession
from facilitator.server.frames import Frames

TOKEN_COOKIE = "ftok"
LANG_COOKIE = "flang"
ENV_KEY: web.AppKey[jinja2.Environment] = web.AppKey("jinja_env", jinja2.Environment)
FRAMES_KEY: web.AppKey[Frames] = web.AppKey("page_frames", Frames)


def make_env() -> jinja2.Environment:
    """The template environment: package templates, HTML autoescaping always on. Templates are compiled once
    and never checked again for changes on disk (a check is a file system call on every page)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("facilitator.server", "templates"),
        autoescape=True,
        auto_reload=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def lang_of(request: web.Request, live: LiveSession | None = None, *, default: str = "th") -> str:
    """The participant's language: ``?lang=``, then their cookie, then the session's, then ``default``."""
    for choice in (request.query.get("lang"), request.cookies.get(LANG_COOKIE)):
        if choice in ("th", "en"):
            return choice
    return live.session.lang if live is not None else default


def language_link(request: web.Request, lang: str) -> str:
    """Where the page's language link goes: the same page in ``lang``, with the rest of its query (the view of
    "my answers", whose claims a form shows…). A page answering a form sent (a refusal drawn at the form's
    address, which only takes a POST) links to the page the form belongs to: ``/s/<code>`` or ``/j/<code>``."""
    path = request.path if request.method in ("GET", "HEAD") else "/".join(request.path.split("/")[:3])
    if not request.query_string:
        return f"{path}?lang={lang}"
    query = [(key, value) for key, value in request.query.items() if key != "lang"]
    return f"{path}?{urlencode([*query, ('lang', lang)])}"


def draw(request: web.Request, template: str, *, lang: str, **context: Any) -> str:
    """The page ``template`` drawn in ``lang``; it can call ``t(key)``, list ``sectors`` and link to the page in
    the other language (``language_link``)."""
    return draw_part(request, template, lang=lang, sectors=[(key, label(lang)) for key, label in SECTORS.items()],
                     language_link=language_link(request, other_lang(lang)), **context)


def draw_part(request: web.Request, template: str, *, lang: str, **context: Any) -> str:
    """A part of a page, ``template``, drawn in ``lang`` with ``context``; it can call ``t(key)``."""
    return request.app[ENV_KEY].get_template(template).render(lang=lang, t=lambda key, **kw: t(key, lang, **kw),
                                                              **context)


def other_lang(lang: str) -> str:
    """The language a page's language link switches to."""
    return "en" if lang == "th" else "th"


def render(
    request: web.Request, template: str, *, lang: str, status: int = 200, **context: Any
) -> web.Response:
    """Render ``template`` in ``lang`` (see :func:`draw`)."""
    return respond(request, draw(request, template, lang=lang, **context), lang=lang, status=status)


def respond(request: web.Request, html: str, *, lang: str, status: int = 200) -> web.Response:
    """A drawn page as the reply; a language the phone chose in the query is remembered in a cookie."""
    response = web.Response(text=html, status=status, content_type="text/html", charset="utf-8")
    if request.query.get("lang") in ("th", "en"):
        response.set_cookie(LANG_COOKIE, lang, max_age=30 * 86400, samesite="Lax", httponly=True)
    return response


def see_other(location: str) -> web.Response:
    """A 303 to ``location``: after a form, the page it leads to. (Returned, not raised: an exception raised
    through every middleware to the server costs the loop more than the reply itself.)"""
    return web.Response(status=303, headers={"Location": location})


@dataclass(frozen=True, slots=True)
class Offer:
    """Another session a phone is offered to join: its title and where its join page is."""

    title: str
    href: str


def message(
    request: web.Request, title_key: str, body_key: str | None = None, *, status: int,
    live: LiveSession | None = None, back: str | None = None, lang: str | None = None,
    retry: tuple[int, str] | None = None, offer: Offer | None = None,
) -> web.Response:
    """A page that says one thing (an error, "closed", "not found") in the participant's language (``lang``, or
    the phone's own). ``retry`` (seconds, address): the page has a refresh link to the address, and goes there by
    itself after that many seconds (a meta refresh: no script needed); ``offer``: a link to another session."""
    lang = lang or lang_of(request, live)
    return render(
        request, "message.html", lang=lang, status=status, title=t(title_key, lang),
        body=t(body_key, lang) if body_key else "", back=back, retry=retry, offer=offer,
    )

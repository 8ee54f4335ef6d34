"""Middlewares that guard every request: Host and Origin checks, body limits, security headers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import lru_cache
from urllib.parse import urlsplit

from aiohttp import web

from facilitator.server.address import is_ip_literal
from facilitator.server.pages import message

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
ALLOWED_HOSTS_KEY: web.AppKey[frozenset[str]] = web.AppKey("allowed_hosts", frozenset)

#: Largest request body accepted: a role form of a dozen tasks with Thai notes (9 bytes a character once
#: percent-encoded) fits; a 100 KB paste does not.
MAX_BODY = 64 * 1024

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    # "no-referrer" would make browsers send `Origin: null` on our own form posts.
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


@lru_cache(maxsize=64)
def host_allowed(host_header: str, allowed: frozenset[str]) -> bool:
    """A Host header is ours when it names an IP address, localhost, or a configured name (DNS rebinding).
    The room's phones send one or two Host headers: each is parsed once, not on every request."""
    host = urlsplit(f"//{host_header}").hostname or ""
    return bool(host) and (is_ip_literal(host) or host == "localhost" or host in allowed)


def same_origin(request: web.Request) -> bool:
    """A state-changing request must come from our own pages: its Origin (when sent) matches its Host."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    if origin == "null":  # a privacy mode hides the origin: trust the browser's own same-origin statement
        return request.headers.get("Sec-Fetch-Site") == "same-origin"
    return urlsplit(origin).netloc == request.host


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse foreign Hosts and cross-site posts; answer too-large bodies with a page; add headers."""
    if not host_allowed(request.host, request.app[ALLOWED_HOSTS_KEY]):
        response: web.StreamResponse = message(request, "forbidden", status=421)
    elif request.method not in ("GET", "HEAD") and not same_origin(request):
        response = message(request, "forbidden", status=403)
    elif request.content_length is not None and request.content_length > MAX_BODY:
        response = message(request, "error_title", "too_large", status=413)
    else:
        try:
            response = await handler(request)
        except web.HTTPRequestEntityTooLarge:
            response = message(request, "error_title", "too_large", status=413)
        except web.HTTPNotFound:
            response = message(request, "not_found", status=404)
        except web.HTTPMethodNotAllowed:
            response = message(request, "bad_request", status=405)
    if not response.prepared:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
    return response

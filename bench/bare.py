"""The physical limit of the stack on this machine: a bare aiohttp server with two minimal form pages.

``python -m bench.bare`` serves, on 127.0.0.1 (a free port), a join page (``GET /j/{code}``: a form with a
hidden token; ``POST``: sets the phone's cookie, 303 to the step page) and a step page (``GET /s/{code}``:
a form; ``POST /s/{code}/answers``: keeps the text in a list, then 303 back to the page, or ``{"ok": true}``
to a phone that asks for JSON). No templates, no store, no session logic: what is left is aiohttp, the
loopback and the client. It prints ``READY <port> <code> <pid> bare`` and serves until SIGTERM or a ``stop``
line on stdin, then writes how many answers it kept to ``--out`` (JSON).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
from pathlib import Path

from aiohttp import web

from bench.serve import stop_signal

CODE = "0000"
_PAGE = ('<!doctype html><meta charset="utf-8"><title>{title}</title><form method="post" action="{action}">'
         '<input type="hidden" name="csrf" value="{token}"><textarea name="text"></textarea>'
         '<button>ส่ง</button></form>')


def make_app(kept: list[str]) -> web.Application:
    """The two pages and their posts (answers appended to ``kept``)."""

    async def join_page(request: web.Request) -> web.Response:
        page = _PAGE.format(title="join", action=f"/j/{CODE}", token=secrets.token_urlsafe(16))
        return web.Response(text=page, content_type="text/html")

    async def join_post(request: web.Request) -> web.Response:
        await request.post()
        response = web.HTTPSeeOther(f"/s/{CODE}")
        response.set_cookie("ftok", secrets.token_urlsafe(16))
        return response

    async def step_page(request: web.Request) -> web.Response:
        page = _PAGE.format(title="step", action=f"/s/{CODE}/answers", token="t")
        return web.Response(text=page, content_type="text/html")

    async def answer_post(request: web.Request) -> web.StreamResponse:
        form = await request.post()
        kept.append(str(form.get("text", "")))
        if "application/json" in request.headers.get("Accept", ""):
            return web.json_response({"ok": True})
        raise web.HTTPSeeOther(f"/s/{CODE}")

    app = web.Application()
    app.router.add_get("/j/{code}", join_page)
    app.router.add_post("/j/{code}", join_post)
    app.router.add_get("/s/{code}", step_page)
    app.router.add_post("/s/{code}/answers", answer_post)
    return app


async def serve(out: Path) -> None:
    """Serve until told to stop, then write the report to ``out``."""
    stop = stop_signal(asyncio.get_running_loop())
    kept: list[str] = []
    runner = web.AppRunner(make_app(kept), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    print(f"READY {port} {CODE} {os.getpid()} bare", flush=True)
    await stop.wait()
    await runner.cleanup()
    out.write_text(json.dumps({"mode": "bare", "answers": len(kept)}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.bare", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="where to write the JSON report")
    asyncio.run(serve(parser.parse_args().out))

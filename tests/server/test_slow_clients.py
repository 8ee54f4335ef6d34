"""A slow client (headers dribbled a line at a time, a body half sent) is cut off within a bound, and holds
no one else up meanwhile: phones keep answering. Raw sockets play the slow clients."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from tests.server.conftest import BAN_NA, Serve
from tests.support import JSON, Served, joined, post_answer

#: The read timeout these servers run with, and the bound within which a slow client must be gone (the
#: timeout, the lingering after a 408, and room for a loaded two-core machine).
READ_TIMEOUT = 0.5
BOUND = 6.0
SLOW_CLIENTS = 10


async def _connect(served: Served) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    address = urlsplit(served.base)
    return await asyncio.open_connection(address.hostname, address.port)


async def _until_closed(reader: asyncio.StreamReader) -> tuple[bytes, float]:
    """Everything the server sends until it closes the connection, and how long that took (fails past BOUND)."""
    loop = asyncio.get_running_loop()
    began, received = loop.time(), b""
    async with asyncio.timeout(BOUND):
        with contextlib.suppress(ConnectionResetError):
            while chunk := await reader.read(4096):
                received += chunk
    return received, loop.time() - began


async def _dribble(writer: asyncio.StreamWriter) -> None:
    """Send one more header line every tenth of the timeout, never ending the headers, until cut off."""
    with contextlib.suppress(ConnectionError):
        while not writer.is_closing():
            writer.write(b"X-Slow: 1\r\n")
            await writer.drain()
            await asyncio.sleep(READ_TIMEOUT / 10)   # the client's pace: what is tested, not a wait


async def _while_a_phone_answers(
    served: Served, slow_client: Callable[[], Awaitable[tuple[bytes, float]]]
) -> list[tuple[bytes, float]]:
    """Run SLOW_CLIENTS slow clients while a phone answers back to back; check every answer it sent while they
    were connected was saved; what each slow client received and how long until it was cut off."""
    async with await joined(served, organisation=BAN_NA) as phone:
        clients = asyncio.gather(*(slow_client() for _ in range(SLOW_CLIENTS)))
        saved = 0
        while not clients.done():
            response = await post_answer(phone, served, {"text": f"คำตอบที่ {saved}"}, f"client-{saved:04d}",
                                         headers=JSON)
            assert response.status == 200
            saved += 1
        results = await clients
    assert saved >= 1 and len(served.live.answers) == saved
    return results


async def test_headers_sent_a_line_at_a_time_are_cut_off_while_phones_answer(serve: Serve) -> None:
    async with serve("bar", read_timeout=READ_TIMEOUT, answer_rate=(1000.0, 1000.0)) as served:
        async def slow_client() -> tuple[bytes, float]:
            reader, writer = await _connect(served)
            writer.write(b"GET /s/" + served.code.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            dribbling = asyncio.create_task(_dribble(writer))
            try:
                return await _until_closed(reader)
            finally:
                dribbling.cancel()
                writer.close()

        results = await _while_a_phone_answers(served, slow_client)
    for received, seconds in results:
        assert received == b"" and READ_TIMEOUT * 0.9 <= seconds < BOUND   # no reply: the request never came


async def test_a_half_sent_body_gets_408_and_is_cut_off_while_phones_answer(serve: Serve) -> None:
    async with serve("bar", read_timeout=READ_TIMEOUT, answer_rate=(1000.0, 1000.0)) as served:
        async def slow_client() -> tuple[bytes, float]:
            reader, writer = await _connect(served)
            writer.write(
                b"POST /j/" + served.code.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nname=%E0%B8"
            )
            try:
                return await _until_closed(reader)   # the rest of the body never comes
            finally:
                writer.close()

        results = await _while_a_phone_answers(served, slow_client)
    for received, seconds in results:
        assert received.startswith(b"HTTP/1.1 408 ") and "การส่งช้าเกินไป".encode() in received
        assert READ_TIMEOUT * 0.9 <= seconds < BOUND
    assert len(served.live.participants) == 1   # none of them joined

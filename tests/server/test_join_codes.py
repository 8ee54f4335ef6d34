"""Guessing a join code from another device takes longer than a meeting: wrong codes are limited per client
address; a phone that came through the QR code, or has joined, is never held back; a room of phones behind
one address (a hotspot's NAT) still joins by typing the code. The bound is in docs/security.md."""

from __future__ import annotations

import asyncio
import itertools

import aiohttp

from bench.load import FORM_TOKEN
from facilitator.core.ids import JOIN_CODE_LENGTH, new_join_code
from facilitator.server.requests import GUESS_BURST, GUESSES_PER_MINUTE
from tests.server.conftest import BAN_NA
from tests.support import JSON, Served, join, joined, new_phone, phones, post_answer

#: Every join code there is: four digits, the first not 0.
CODE_SPACE = 9 * 10 ** (JOIN_CODE_LENGTH - 1)
#: A long workshop day, in hours.
MEETING_HOURS = 6


def test_the_code_space_is_what_the_bound_assumes() -> None:
    codes = {new_join_code() for _ in range(20_000)}
    assert all(len(code) == JOIN_CODE_LENGTH and code.isdigit() and code[0] != "0" for code in codes)
    assert len(codes) <= CODE_SPACE == 9000


def test_guessing_a_code_from_one_address_takes_longer_than_a_meeting() -> None:
    worst_hours = (CODE_SPACE - GUESS_BURST) / GUESSES_PER_MINUTE / 60
    expected_hours = worst_hours / 2
    assert round(worst_hours, 1) == 15.0 and round(expected_hours, 1) == 7.5   # as docs/security.md says
    assert expected_hours > MEETING_HOURS


def _wrong_codes(served: Served) -> list[str]:
    return list(itertools.islice((code for code in map(str, itertools.count(1000)) if code != served.code), 20))


def _from(address: str) -> aiohttp.ClientSession:
    """A phone whose connections come from another loopback address (another device)."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True),
                                 connector=aiohttp.TCPConnector(local_addr=(address, 0)))


async def test_wrong_codes_from_one_address_are_limited_in_the_phones_language(
    served: Served, phone: aiohttp.ClientSession
) -> None:
    await served.live.goto(0)
    wrong = _wrong_codes(served)
    async with new_phone() as guesser:
        statuses = [(await guesser.get(served.base + f"/j/{code}")).status for code in wrong[:int(GUESS_BURST)]]
        assert statuses == [404] * int(GUESS_BURST)
        limited = await guesser.get(served.base + f"/j/{wrong[10]}")
        assert limited.status == 429 and "ใส่รหัสผิดหลายครั้งเกินไป" in await limited.text()
        english = await guesser.get(served.base + f"/?code={wrong[11]}&lang=en")
        assert english.status == 429 and "Too many wrong codes" in await english.text()
        probe = await guesser.get(served.base + f"/s/{wrong[12]}/state")
        assert probe.status == 429
        # The right code is refused too while the address is over its limit: else the answer tells a guesser.
        right = await guesser.get(served.url("/j/{code}"))
        assert right.status == 429
        # Through the QR code, the same address joins at once.
        scanned = await guesser.get(served.url("/j/{code}?t=") + served.scan)
        assert scanned.status == 200 and "<form id=\"join\"" in await scanned.text()
    # A phone that joined before (same address) goes on answering.
    assert (await phone.get(served.url("/s/{code}"))).status == 200
    assert (await post_answer(phone, served, {"text": "ยังตอบได้"}, "client-0001", headers=JSON)).status == 200
    # Another device is not held back by this one's guesses.
    async with _from("127.0.0.2") as other:
        assert (await other.get(served.base + f"/j/{wrong[13]}")).status == 404
        await join(other, served, organisation=BAN_NA)


async def test_a_wrong_qr_token_is_a_typed_code(served: Served) -> None:
    async with new_phone() as guesser:
        for code in _wrong_codes(served)[:int(GUESS_BURST)]:
            await guesser.get(served.base + f"/j/{code}?t=0123456789abcdef")
        assert (await guesser.get(served.url("/j/{code}?t=0123456789abcdef"))).status == 429


async def test_a_phone_from_the_qr_code_joins_while_its_address_is_limited(served: Served) -> None:
    async with new_phone() as guesser:
        for code in _wrong_codes(served)[:int(GUESS_BURST)]:
            await guesser.get(served.base + f"/j/{code}")
    async with new_phone() as scanner:
        page = await scanner.get(served.url("/j/{code}?t=") + served.scan)
        text = await page.text()
        action = f"/j/{served.code}?t={served.scan}"
        assert f'action="{action}"' in text   # the form posts it on
        token = FORM_TOKEN.search(text)
        assert token is not None
        posted = await scanner.post(served.base + action, data={"organisation": BAN_NA, "csrf": token.group(1)})
        assert posted.status == 200 and posted.url.path == f"/s/{served.code}"
        assert (await scanner.get(served.url("/s/{code}"))).status == 200   # joined: never held back again
    assert len(served.live.participants) == 1


async def test_forty_phones_behind_one_address_join_by_typing_with_a_few_typos(served: Served) -> None:
    wrong = _wrong_codes(served)
    async with phones(40) as room:
        async def typing(i: int, phone: aiohttp.ClientSession) -> None:
            if i % 8 == 0:     # five phones mistype the code once
                assert (await phone.get(served.base + f"/?code={wrong[i // 8]}")).status == 404
            entered = await phone.get(served.base + f"/?code={served.code}")
            assert entered.status == 200 and entered.url.path == f"/j/{served.code}"
            await join(phone, served, organisation=BAN_NA)

        await asyncio.gather(*(typing(i, phone) for i, phone in enumerate(room)))
    assert len(served.live.participants) == 40


async def test_a_right_code_is_never_counted(served: Served) -> None:
    async with new_phone() as phone:
        for _ in range(3 * int(GUESS_BURST)):
            assert (await phone.get(served.url("/j/{code}"))).status == 200
    async with await joined(served, organisation=BAN_NA):
        pass

"""The join page of an anonymous session over the real server: no name field, the reason in the phone's
language, and a forged name (or the phone's address) never reaching the data directory."""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape

from facilitator.core.i18n import t
from tests.server.conftest import BAN_NA, THA_KHAM, Serve
from tests.support import LOOPBACK, new_phone, post_form

FORGED = "Somchai Forged"


def stored_bytes(data_dir: Path) -> bytes:
    """Every file of the data directory, one after another."""
    return b"".join(path.read_bytes() for path in sorted(data_dir.rglob("*")) if path.is_file())


async def test_the_join_page_asks_no_name_and_says_why(serve: Serve) -> None:
    async with serve("bar", step=None, anonymous=True) as served:
        async with new_phone() as phone:
            for lang in ("th", "en"):
                page = await (await phone.get(served.url(f"/j/{{code}}?lang={lang}"))).text()
                assert 'name="name"' not in page and 'id="name"' not in page
                assert str(escape(t("anonymous_intro", lang))) in page
                assert t("join_intro", lang) not in page
                assert 'name="organisation"' in page and 'name="sector"' in page  # the role split needs them
            await post_form(phone, served, "/j/{code}", {"organisation": BAN_NA})
            edit = await (await phone.get(served.url("/j/{code}?edit=1"))).text()
            assert 'name="name"' not in edit and str(escape(t("anonymous_intro", "en"))) in edit


async def test_a_session_that_keeps_names_asks_for_one(serve: Serve) -> None:
    async with serve("bar", step=None) as served:
        async with new_phone() as phone:
            page = await (await phone.get(served.url("/j/{code}?lang=en"))).text()
            assert 'name="name"' in page and str(escape(t("anonymous_intro", "en"))) not in page


async def test_a_forged_name_and_the_phones_address_are_not_stored(serve: Serve, tmp_path: Path) -> None:
    async with serve("bar", step=None, anonymous=True) as served:
        async with new_phone() as phone:
            joined = await post_form(phone, served, "/j/{code}", {
                "name": FORGED, "organisation": THA_KHAM, "sector": "local_admin"})
            assert joined.status == 200 and joined.url.path == served.url("/s/{code}").removeprefix(served.base)
            (person,) = served.live.participants.values()
            assert (person.name, person.organisation, person.sector) == ("", THA_KHAM, "local_admin")
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert FORGED not in page and THA_KHAM in page
            assert FORGED.encode() not in stored_bytes(tmp_path)  # acknowledged: the journal is on disk
    stored = stored_bytes(tmp_path)  # and after the close's checkpoint
    assert FORGED.encode() not in stored and LOOPBACK.encode() not in stored
    assert THA_KHAM.encode() in stored or THA_KHAM.encode("unicode_escape") in stored

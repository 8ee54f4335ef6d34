"""Messages in Thai and English, and dates as the room reads them."""

from __future__ import annotations

import re

import pytest

from facilitator.core.catalog import en as en_catalog
from facilitator.core.catalog import th as th_catalog
from facilitator.core.i18n import MESSAGES, format_date, sector_label, t
from facilitator.core.vocab import SECTORS, UNKNOWN_SECTOR


def test_buddhist_era_year_in_thai_and_common_era_in_english() -> None:
    moment = "2026-11-22T03:00:00.000+00:00"
    assert format_date(moment, "th") == "22 พ.ย. 2569 10:00"
    assert format_date(moment, "en") == "22 Nov 2026 10:00"


def test_dates_without_time() -> None:
    assert format_date("2026-11-22T03:00:00+00:00", "th", with_time=False) == "22 พ.ย. 2569"
    assert format_date("2026-11-22T03:00:00+00:00", "en", with_time=False) == "22 Nov 2026"


def test_bangkok_time_crosses_midnight_and_the_year() -> None:
    # 17:30 UTC on 31 December is 00:30 on 1 January in Bangkok.
    moment = "2026-12-31T17:30:00.000+00:00"
    assert format_date(moment, "th") == "1 ม.ค. 2570 00:30"
    assert format_date(moment, "en") == "1 Jan 2027 00:30"
    assert format_date("2026-12-31T16:59:00+00:00", "en") == "31 Dec 2026 23:59"


def test_naive_timestamps_are_utc_and_other_offsets_are_converted() -> None:
    assert format_date("2026-03-01T18:00:00", "en") == "2 Mar 2026 01:00"
    assert format_date("2026-03-01T09:00:00-05:00", "en") == "1 Mar 2026 21:00"
    assert format_date("2026-03-01T18:00:00Z", "th") == "2 มี.ค. 2569 01:00"


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_thai_and_english(key: str) -> None:
    message = MESSAGES[key]
    assert message.th.strip() and message.en.strip()
    assert sorted(re.findall(r"{\w+}", message.th)) == sorted(re.findall(r"{\w+}", message.en))


def test_both_catalogs_hold_the_same_keys() -> None:
    assert set(th_catalog.MESSAGES) == set(en_catalog.MESSAGES)


def test_thai_messages_are_thai() -> None:
    untranslated = [k for k, m in MESSAGES.items() if m.th == m.en]
    assert untranslated == []


def test_placeholders_are_filled() -> None:
    assert t("step_of", "th", n=2, total=5) == "ข้อ 2 จาก 5"
    assert t("step_of", "en", n=2, total=5) == "Step 2 of 5"


def test_sectors_and_unknown_sector() -> None:
    assert all(label.th and label.en for label in SECTORS.values())
    assert sector_label("government", "en") == "Government agency"
    assert sector_label("", "th") == UNKNOWN_SECTOR.th
    assert sector_label("<script>", "en") == UNKNOWN_SECTOR.en

"""Every word the phones, the screen and the exports say, in Thai and English; Buddhist-era dates."""

from __future__ import annotations

from datetime import UTC, datetime, timezone, timedelta

from facilitator.core.activity import Bilingual
from facilitator.core.catalog import en as en_catalog
from facilitator.core.catalog import th as th_catalog
from facilitator.core.vocab import SECTORS, UNKNOWN_SECTOR

B = Bilingual


#: Every message as a Thai–English pair, built from the two catalogs (``core/catalog/th.py`` and ``en.py``).
MESSAGES: dict[str, Bilingual] = {key: B(th_catalog.MESSAGES[key], en_catalog.MESSAGES[key]) for key in th_catalog.MESSAGES}

_THAI_MONTHS = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Thailand's time zone (no daylight saving): meetings are dated as the room lived them.
BANGKOK = timezone(timedelta(hours=7), "ICT")


def t(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang`` with ``{placeholders}`` filled."""
    text = MESSAGES[key](lang)
    return text.format(**values) if values else text


def sector_label(key: str, lang: str) -> str:
    """The label of sector ``key`` (an unknown or empty key reads "not given")."""
    return SECTORS.get(key, UNKNOWN_SECTOR)(lang)


def format_date(iso: str, lang: str, *, with_time: bool = True) -> str:
    """A stored UTC timestamp as the room reads it: Thai with the Buddhist-era year, English with the CE year."""
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(BANGKOK)
    clock = f" {local:%H:%M}" if with_time else ""
    if lang == "th":
        return f"{local.day} {_THAI_MONTHS[local.month - 1]} {local.year + 543}{clock}"
    return f"{local.day} {_EN_MONTHS[local.month - 1]} {local.year}{clock}"


def read_date(raw: str, *, with_time: bool = False) -> str:
    """A date as a person types it — ``YYYY-MM-DD`` or ``D/M/YYYY``, the year in the Buddhist era (above 2400)
    or the common era — as ``YYYY-MM-DD``; "" stays "". With ``with_time``, a time of day ``HH:MM`` may follow
    (after a space or ``T``), read as the room's time: ``YYYY-MM-DDTHH:MM+07:00``. :class:`ValueError` for
    anything else."""
    raw = raw.strip()
    if not raw:
        return ""
    day_part, _, clock = raw.replace("T", " ", 1).partition(" ")
    if clock and not with_time:
        raise ValueError(f"a date without a time of day was expected: {raw!r}")
    if "/" in day_part:
        day, month, year = (int(part) for part in day_part.split("/"))
    else:
        year, month, day = (int(part) for part in day_part.split("-"))
    if year > 2400:
        year -= 543
    moment = datetime(year, month, day)
    if not clock.strip():
        return moment.date().isoformat()
    hour, minute = (int(part) for part in clock.strip().split(":"))
    return moment.replace(hour=hour, minute=minute, tzinfo=BANGKOK).isoformat(timespec="minutes")


def format_when(value: str, lang: str) -> str:
    """A stored date (``YYYY-MM-DD``) or moment as the room reads it: the day alone, or the day and time."""
    return format_day(value, lang) if len(value) == len("YYYY-MM-DD") else format_date(value, lang)


def format_day(value: str, lang: str) -> str:
    """A stored date (YYYY-MM-DD) or timestamp as the room reads it, without the time; "" stays "", and
    anything that is not a date (typed by hand, say) is shown as it is."""
    if not value:
        return ""
    try:
        return format_date(value, lang, with_time=False)
    except ValueError:
        return value

"""Words only the exports say, in Thai and English; everything else comes from :mod:`facilitator.core.i18n`."""

from __future__ import annotations

from facilitator.core.activity import Bilingual
from facilitator.core.i18n import t

B = Bilingual

#: Export-only labels (key → text); a key missing here is looked up in the app's messages.
LABELS: dict[str, Bilingual] = {
    "step": B("ข้อ", "Step"),
    "respondents": B("ผู้ตอบ", "Respondents"),
    "organisation_column": B("หน่วยงาน", "Organisation"),
}


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang``: an export-only label, else the app message of that key."""
    text = LABELS.get(key)
    return text(lang) if text is not None else t(key, lang)

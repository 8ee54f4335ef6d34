"""Cleaning of participant text: everything a phone sends passes through here before it is stored.

Participant text is hostile. This module makes it *safe to store and compare* — it never escapes for a
particular renderer (that is each renderer's job: Textual ``Content``, Jinja2 autoescape, CSV formula guard).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Longest answer a phone may store, in characters (a sticky note, not an essay).
MAX_ANSWER_CHARS = 500
#: Longest name or organisation.
MAX_NAME_CHARS = 80

# Bidi embedding/override/isolate controls can reorder what the wall shows; they are dropped. Zero-width
# joiner and non-joiner stay (emoji sequences and some scripts need them); zero-width space is kept too, since
# Thai text sometimes uses it as a word-break hint.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))
# SARA AM has only a compatibility decomposition, so NFC leaves NIKHAHIT + SARA AA (how some keyboards type
# it) apart from SARA AM; both look the same, so they are made the same.
_NIKHAHIT_SARA_AA, _SARA_AM = "\u0e4d\u0e32", "\u0e33"
_WHITESPACE_RUN = re.compile(r"[ \t\u00a0\u3000]+")
#: The control characters (Unicode category Cc) but the newline (a tab is a space first).
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
#: Categories of characters that show nothing on their own (format controls, separators, the kept newline).
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


class TextRejected(ValueError):
    """Participant text that cannot be stored. ``reason`` is a message key of :mod:`facilitator.core.i18n`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Limits:
    """Length limits for one kind of field."""

    max_chars: int
    multiline: bool


ANSWER = Limits(MAX_ANSWER_CHARS, multiline=True)
NAME = Limits(MAX_NAME_CHARS, multiline=False)


def clean(raw: str, limits: Limits = ANSWER, *, required: bool = True) -> str:
    """Return ``raw`` normalised for storage, or raise :class:`TextRejected`.

    - Unicode NFC, so decomposed and composed text compare and count the same (and Thai SARA AM typed as
      NIKHAHIT + SARA AA becomes SARA AM);
    - NUL and other control characters removed (newlines kept in multi-line fields, as ``\\n``);
    - bidi controls removed; runs of spaces collapsed; ends stripped;
    - empty or only invisible characters (when ``required``) → ``"empty"``; longer than the limit → ``"too_long"``.
    """
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace(_NIKHAHIT_SARA_AA, _SARA_AM)
    text = text.translate(_BIDI_CONTROLS)
    text = _CONTROLS.sub("", text.replace("\t", " "))
    if not limits.multiline:
        text = text.replace("\n", " ")
    lines = [_WHITESPACE_RUN.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(line for line in lines if line) if limits.multiline else lines[0]
    if all(unicodedata.category(ch) in _INVISIBLE for ch in text):
        text = ""  # only zero-width or separator characters: nothing anyone could read
    if not text and required:
        raise TextRejected("empty")
    if len(text) > limits.max_chars:
        raise TextRejected("too_long")
    return text

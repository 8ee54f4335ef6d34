"""Identifiers: session ids, join codes, participant tokens, record ids."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Container

_JOIN_DIGITS = "0123456789"
JOIN_CODE_LENGTH = 4
_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def new_id(nbytes: int = 4) -> str:
    """A random lowercase hex id (8 characters by default): sessions, partnerships, answers."""
    return secrets.token_hex(nbytes)


def new_join_code(taken: Container[str] = ()) -> str:
    """A short numeric join code (easy to type on any phone keyboard) not in ``taken``."""
    while True:
        code = "".join(secrets.choice(_JOIN_DIGITS) for _ in range(JOIN_CODE_LENGTH))
        if code not in taken and code[0] != "0":
            return code


def scan_token(secret: bytes, code: str) -> str:
    """The token the QR code of join ``code`` carries beside it (``/j/<code>?t=<token>``): 64 bits no phone
    guesses, so a phone arriving through the QR code is never held back as a code guesser might be."""
    return hmac.new(secret, b"scan:" + code.encode(), hashlib.sha256).hexdigest()[:16]


def new_token() -> str:
    """A participant's secret, kept in a cookie on the phone. Only its digest is stored."""
    return secrets.token_urlsafe(24)


def participant_id(token: str) -> str:
    """The stable, non-secret id of the participant holding ``token``."""
    return hashlib.sha256(token.encode()).hexdigest()[:16]


def valid_client_id(value: str) -> bool:
    """Whether ``value`` is an acceptable client-made answer id (idempotency key)."""
    return bool(_CLIENT_ID.match(value))

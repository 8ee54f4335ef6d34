"""Identifiers: session ids, join codes, participant tokens, record ids."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import re
import secrets
import threading
from collections.abc import Container

_JOIN_DIGITS = "0123456789"
JOIN_CODE_LENGTH = 4
_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


#: Random bytes taken from the operating system at a time for ids: one system call serves hundreds of them
#: (a call costs ~9 µs on a laptop's virtual machine, a few per cent of what storing an answer costs).
POOL_BYTES = 4096


class _RandomPool:
    """The operating system's random bytes, fetched :data:`POOL_BYTES` at a time and each handed out once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.forget()

    def forget(self) -> None:
        """Drop the bytes fetched so far (a forked process must not hand out its parent's)."""
        self._bytes, self._at = b"", 0

    def take(self, n: int) -> bytes:
        with self._lock:
            if self._at + n > len(self._bytes):
                self._bytes, self._at = os.urandom(max(POOL_BYTES, n)), 0
            start, self._at = self._at, self._at + n
            return self._bytes[start:self._at]


_pool = _RandomPool()
os.register_at_fork(after_in_child=_pool.forget)


def new_id(nbytes: int = 4) -> str:
    """A random lowercase hex id (8 characters by default): sessions, partnerships, answers."""
    return _pool.take(nbytes).hex()


def new_client_id() -> str:
    """A fresh idempotency key for the answer a page's form will send: 12 random bytes (as the phone's script
    makes its own) in 16 URL-safe characters."""
    return base64.urlsafe_b64encode(_pool.take(12)).decode()


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


@functools.lru_cache(maxsize=4096)   # a phone's every request asks it, several times: a digest each time
def participant_id(token: str) -> str:
    """The stable, non-secret id of the participant holding ``token``."""
    return hashlib.sha256(token.encode()).hexdigest()[:16]


def valid_client_id(value: str) -> bool:
    """Whether ``value`` is an acceptable client-made answer id (idempotency key)."""
    return bool(_CLIENT_ID.match(value))

"""Token buckets: one phone hammering the server is slowed down; forty phones behind one NAT are not."""

from __future__ import annotations

import time
from collections import OrderedDict


class RateLimiter:
    """Per-key token buckets: ``burst`` requests at once, refilled at ``rate`` per second.

    Keys say what a limit is per: participant tokens for answers (not IP addresses, which a whole room may
    share behind one hotspot); client addresses for join codes that match no session (only misses count). At most
    ``max_keys`` buckets are kept; the least recently used are forgotten.
    """

    def __init__(self, rate: float, burst: float, max_keys: int = 10_000) -> None:
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def _tokens(self, key: str, now: float) -> float:
        tokens, last = self._buckets.get(key, (self.burst, now))
        return min(self.burst, tokens + (now - last) * self.rate)

    def exhausted(self, key: str, now: float | None = None) -> bool:
        """Whether ``key``'s bucket is empty now (nothing taken)."""
        return self._tokens(key, time.monotonic() if now is None else now) < 1.0

    def allow(self, key: str, now: float | None = None) -> bool:
        """Take one token for ``key``; False when its bucket is empty."""
        now = time.monotonic() if now is None else now
        tokens = self._tokens(key, now)
        self._buckets.pop(key, None)
        allowed = tokens >= 1.0
        self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
        if len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return allowed

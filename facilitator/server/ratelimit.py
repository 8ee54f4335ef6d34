"""Token buckets: one phone hammering the server is slowed down; forty phones behind one NAT are not."""

from __future__ import annotations

import time
from collections import OrderedDict


class RateLimiter:
    """Per-key token buckets: ``burst`` requests at once, refilled at ``rate`` per second.

    Keys are participant tokens (not IP addresses, which a whole room may share behind one hotspot). At most
    ``max_keys`` buckets are kept; the least recently used are forgotten.
    """

    def __init__(self, rate: float, burst: float, max_keys: int = 10_000) -> None:
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, key: str, now: float | None = None) -> bool:
        """Take one token for ``key``; False when its bucket is empty."""
        now = time.monotonic() if now is None else now
        tokens, last = self._buckets.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        allowed = tokens >= 1.0
        self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
        if len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return allowed

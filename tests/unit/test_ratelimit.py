"""Per-participant token buckets."""

from __future__ import annotations

from facilitator.server.ratelimit import RateLimiter


def test_a_burst_is_allowed_then_refused() -> None:
    limiter = RateLimiter(rate=1.0, burst=3)
    assert [limiter.allow("a", now=100.0) for _ in range(5)] == [True, True, True, False, False]


def test_tokens_come_back_at_the_rate() -> None:
    limiter = RateLimiter(rate=2.0, burst=2)
    assert limiter.allow("a", now=0.0) and limiter.allow("a", now=0.0)
    assert not limiter.allow("a", now=0.0)
    assert not limiter.allow("a", now=0.25)  # half a token
    assert limiter.allow("a", now=0.5)
    assert not limiter.allow("a", now=0.5)


def test_a_long_pause_refills_only_up_to_the_burst() -> None:
    limiter = RateLimiter(rate=10.0, burst=2)
    assert limiter.allow("a", now=0.0)
    assert [limiter.allow("a", now=3600.0) for _ in range(3)] == [True, True, False]


def test_refused_requests_do_not_dig_a_deeper_hole() -> None:
    limiter = RateLimiter(rate=1.0, burst=1)
    assert limiter.allow("a", now=0.0)
    for _ in range(50):
        assert not limiter.allow("a", now=0.5)
    assert limiter.allow("a", now=1.0)


def test_keys_are_independent_forty_phones_behind_one_address() -> None:
    limiter = RateLimiter(rate=1.0, burst=2)
    for i in range(40):
        assert limiter.allow(f"phone-{i}", now=0.0)
        assert limiter.allow(f"phone-{i}", now=0.0)
    assert not limiter.allow("phone-0", now=0.0)
    assert limiter.allow("phone-40", now=0.0)


def test_least_recently_used_keys_are_forgotten() -> None:
    limiter = RateLimiter(rate=0.0, burst=1, max_keys=2)
    assert limiter.allow("a", now=0.0)
    assert limiter.allow("b", now=0.0)
    assert not limiter.allow("a", now=0.0)  # "a" is now the most recent
    assert limiter.allow("c", now=0.0)  # "b" is forgotten
    assert not limiter.allow("a", now=0.0)
    assert limiter.allow("b", now=0.0)  # a fresh bucket


def test_default_clock_is_monotonic() -> None:
    limiter = RateLimiter(rate=0.0, burst=1)
    assert limiter.allow("a")
    assert not limiter.allow("a")


def test_looking_whether_a_bucket_is_empty_takes_nothing() -> None:
    limiter = RateLimiter(rate=1 / 6, burst=2)   # 10 a minute
    assert not any(limiter.exhausted("10.0.0.7", now=0.0) for _ in range(5))
    assert limiter.allow("10.0.0.7", now=0.0) and limiter.allow("10.0.0.7", now=0.0)
    assert limiter.exhausted("10.0.0.7", now=0.0) and not limiter.exhausted("10.0.0.8", now=0.0)
    assert limiter.exhausted("10.0.0.7", now=5.9) and not limiter.exhausted("10.0.0.7", now=6.0)

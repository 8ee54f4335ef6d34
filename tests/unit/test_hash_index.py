"""The compact index: every value filed under a key comes back, whatever the key, after any number of growths."""

from __future__ import annotations

import random

import pytest

from facilitator.core.hash_index import HashIndex


def test_values_come_back_under_their_keys_through_growth_and_shared_keys() -> None:
    rng = random.Random(5)
    index = HashIndex(slots=4)
    filed: dict[int, list[int]] = {}
    keys = [rng.getrandbits(64) - (1 << 63) for _ in range(3_000)] + [hash("ข้อเสนอ"), -1, 0, (1 << 64) + 7]
    for value in range(5_000):
        key = rng.choice(keys)           # many keys get several values
        index.add(key, value)
        filed.setdefault(key, []).append(value)
    assert len(index) == 5_000
    for key in keys:
        assert index.get(key) == filed.get(key, [])
    missing = next(key for key in range(1, 100) if key not in filed)
    assert index.get(missing) == []


def test_a_key_beyond_64_bits_is_filed_as_its_low_64_bits() -> None:
    index = HashIndex()
    index.add((1 << 64) + 7, 1)
    assert index.get(7) == [1] and index.get((1 << 64) + 7) == [1]


def test_a_presence_index_holds_small_values_and_refuses_negative_ones() -> None:
    index = HashIndex(values="b")
    assert index.add_new(hash("a1")) and not index.add_new(hash("a1"))
    assert index.get(hash("a1")) == [0] and index.get(hash("a2")) == [] and len(index) == 1
    with pytest.raises(ValueError):
        index.add(1, -1)
    with pytest.raises(ValueError):
        HashIndex(slots=3)

"""Whole numbers filed under whole-number keys in two flat arrays: what an index over hundreds of thousands of
entries costs when a dictionary would cost a hundred bytes an entry (a key object, a value object, a slot).

A key is a hash (of an answer's id, of a phone's request id…), so two things may share one: :meth:`HashIndex.get`
gives every value filed under a key, and the caller checks which is the one it looks for.
"""

from __future__ import annotations

from array import array

#: A slot holding no value (values are never negative).
_EMPTY = -1
_TOP = 1 << 63


class HashIndex:
    """Open addressing with linear probing over an ``array('q')`` of keys and an array of values of type code
    ``values`` (``"i"``: numbers below 2**31, 12 bytes a slot; ``"b"``: below 128, for an index that only says
    whether a key is there, 9 bytes a slot). At most three quarters of the slots are full (a search looks at a
    few slots on average), so an entry costs 1⅓ to 2⅔ slots. Entries are added, never taken out."""

    def __init__(self, slots: int = 1024, values: str = "i") -> None:
        if slots < 2 or slots & (slots - 1):
            raise ValueError("slots must be a power of two")
        self._code = values
        self._keys = array("q", [0]) * slots
        self._values = array(values, [_EMPTY]) * slots
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, key: int, value: int) -> None:
        """File ``value`` (≥ 0) under ``key`` (beside any value already filed there)."""
        if value < 0:
            raise ValueError("values are never negative")
        values = self._values
        if 4 * (self._count + 1) > 3 * len(values):
            self._grow()
            values = self._values
        key, mask = _signed(key), len(values) - 1
        slot = key & mask
        while values[slot] != _EMPTY:
            slot = (slot + 1) & mask
        self._keys[slot], values[slot] = key, value
        self._count += 1

    def add_new(self, key: int, value: int = 0) -> bool:
        """File ``value`` under ``key`` unless a value is filed there already; whether it was filed."""
        signed, keys, values = _signed(key), self._keys, self._values
        mask = len(values) - 1
        slot = signed & mask
        while values[slot] != _EMPTY:
            if keys[slot] == signed:
                return False
            slot = (slot + 1) & mask
        if 4 * (self._count + 1) > 3 * len(values) or value < 0:
            self.add(key, value)   # grows first (or refuses the value)
        else:
            keys[slot], values[slot] = signed, value   # the free slot the search ended on
            self._count += 1
        return True

    def get(self, key: int) -> list[int]:
        """Every value filed under ``key``, smallest first."""
        key = _signed(key)
        keys, values = self._keys, self._values
        mask = len(values) - 1
        slot, found = key & mask, []
        while (value := values[slot]) != _EMPTY:
            if keys[slot] == key:
                found.append(value)
            slot = (slot + 1) & mask
        return sorted(found)

    def _grow(self) -> None:
        """Twice the slots, every entry filed again (read from the old arrays as it goes: no copy of them)."""
        old_keys, old_values = self._keys, self._values
        slots = 2 * len(old_values)
        keys, values = array("q", [0]) * slots, array(self._code, [_EMPTY]) * slots
        mask = slots - 1
        for at in range(len(old_values)):
            value = old_values[at]
            if value == _EMPTY:
                continue
            key = old_keys[at]
            slot = key & mask
            while values[slot] != _EMPTY:
                slot = (slot + 1) & mask
            keys[slot], values[slot] = key, value
        self._keys, self._values = keys, values


def _signed(key: int) -> int:
    """``key`` as a signed 64-bit number (what an ``array('q')`` holds; ``hash()`` gives one already)."""
    if -_TOP <= key < _TOP:
        return key
    key &= 0xFFFF_FFFF_FFFF_FFFF
    return key - (1 << 64) if key >= _TOP else key

"""Ids come from the operating system's random bytes, fetched a few kilobytes at a time: every id is new (also
across the fetches, and in a process forked from one that had bytes left), and keeps its shape."""

from __future__ import annotations

import os
import re

from facilitator.core.ids import POOL_BYTES, new_client_id, new_id, valid_client_id


def test_ids_never_repeat_across_many_fetches_of_random_bytes() -> None:
    ids = [new_id(6) for _ in range(3 * POOL_BYTES // 6)]   # the pool refilled several times
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[0-9a-f]{12}", answer_id) for answer_id in ids)
    assert re.fullmatch(r"[0-9a-f]{8}", new_id())


def test_a_page_s_client_ids_are_new_and_accepted_back() -> None:
    keys = [new_client_id() for _ in range(1000)]
    assert len(set(keys)) == 1000
    assert all(len(key) == 16 and valid_client_id(key) for key in keys)


def test_a_forked_process_does_not_hand_out_its_parent_s_ids() -> None:
    new_id()   # the parent holds bytes it has not handed out yet
    read, write = os.pipe()
    child = os.fork()
    if child == 0:   # pragma: no cover - the child reports through the pipe and leaves at once
        os.write(write, " ".join(new_id() for _ in range(8)).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        theirs = pipe.read().split()
    os.waitpid(child, 0)
    ours = [new_id() for _ in range(8)]
    assert len(theirs) == 8 and not set(theirs) & set(ours)

"""What the export tests share: golden files, and a record with one given answer."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from facilitator.core.model import Answer
from facilitator.core.record import SessionRecord
from tests.unit.records import stamp

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, actual: bytes) -> None:
    """``actual`` must equal the reviewed file ``golden/name``.

    A missing golden file is written from ``actual`` and the test fails, so every golden is created once and
    reviewed before it is trusted. To regenerate one, delete it and run the tests again.
    """
    path = GOLDEN / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
        pytest.fail(f"golden file {path} was missing and has been written: review it, then run again")
    assert actual.decode("utf-8") == path.read_bytes().decode("utf-8")


def with_answer(record: SessionRecord, text: str, participant_id: str = "p-ccc") -> SessionRecord:
    """``record`` with its answers replaced by one answer ``text`` to the second step, and no saved summary."""
    response = Answer("r-x", record.session.id, 1, participant_id, text, "c-x", stamp(30))
    return dataclasses.replace(record, answers=[response], summaries=[])

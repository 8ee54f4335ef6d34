"""A live session's shelf in a file (:class:`~facilitator.core.answer_shelf.AnswerShelf`): an unnamed scratch
file in the data folder, gone when the session lets go of it or the process ends, however it ends.

It is not the session's record (the session file is, durably): nothing here is synced, and a crash loses
nothing by losing it. An answer is appended as the tuple of its fields in :mod:`marshal`'s format (CPython's
own for plain values: a few times quicker to write and read than JSON, and the file is this process's alone —
unnamed from the start, no other program can open it to write there), :data:`WRITE_EVERY` bytes at a time
(those not yet written are read from memory); a handle is the record's place and length.
"""

from __future__ import annotations

import dataclasses
import marshal
import operator
import os
import tempfile
import weakref
from pathlib import Path

from facilitator.core.model import NO_DATA, Answer

#: Bits of a handle that hold the record's length (the rest hold where it starts).
_LENGTH_BITS = 24
_LENGTH_MASK = (1 << _LENGTH_BITS) - 1
#: Records are written to the file once this many bytes of them wait (one write for a few hundred answers).
WRITE_EVERY = 64 * 1024
_FIELDS = tuple(f.name for f in dataclasses.fields(Answer))
_DATA = _FIELDS.index("data")
_VALUES = operator.attrgetter(*_FIELDS)


class FileShelf:
    """Answers appended to an unnamed file in ``directory`` and read back by handle."""

    def __init__(self, directory: Path) -> None:
        self._fd, path = tempfile.mkstemp(dir=directory, prefix=".shelf-")
        os.unlink(path)  # unnamed from the start: nothing is left behind, whatever ends the process
        #: Closes the file once the shelf is closed or no longer referred to.
        self.close = weakref.finalize(self, os.close, self._fd)
        #: Bytes written to the file, and the records put since, not yet written.
        self._written = 0
        self._waiting = bytearray()

    def put(self, answer: Answer) -> int:
        values = list(_VALUES(answer))
        values[_DATA] = dict(values[_DATA]) if values[_DATA] else None
        try:
            data = marshal.dumps(values)
        except ValueError as err:  # data of a type marshal does not write: the answer stays where it is
            raise OSError(f"an answer's data cannot be put on the shelf: {err}") from err
        if len(data) > _LENGTH_MASK:
            raise OSError(f"a record of {len(data)} bytes does not fit a shelf handle")
        handle = (self._written + len(self._waiting)) << _LENGTH_BITS | len(data)
        self._waiting += data
        if len(self._waiting) >= WRITE_EVERY:
            self._write()
        return handle

    def _write(self) -> None:
        """Write the records waiting; if the file refuses them, they wait in memory for the next try."""
        try:
            while self._waiting:
                written = os.pwrite(self._fd, self._waiting, self._written)
                del self._waiting[:written]
                self._written += written
        except OSError:
            pass

    def get(self, handle: int) -> Answer:
        at, length = handle >> _LENGTH_BITS, handle & _LENGTH_MASK
        if at >= self._written:
            data = bytes(self._waiting[at - self._written:at - self._written + length])
        else:
            data = os.pread(self._fd, length, at)
        answer = Answer(*marshal.loads(data))
        if not answer.data:
            answer.data = NO_DATA
        return answer

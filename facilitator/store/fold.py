"""A database file and the journal entries written since, made into the next version of the file on disk.

A session's open file does not keep its answers in memory (the live session does); folding its journal reads
the file as it is on disk instead. The file is decoded :data:`CHUNK` bytes at a time and read one document at
a time (``json.JSONDecoder.raw_decode``, however the file is spaced), and the next one is written a few hundred
documents at a time (:func:`~facilitator.store.atomic.dump_json_pieces`), in a worker thread: no one call holds
the interpreter, and the event loop with it, for the whole file, and no copy of the whole file is held. A
document the entries replace keeps its place and id; the documents new to a table follow in the order the
entries first give them, numbered on from the table's last id — as the session's tables number them when the
entries are applied there.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from facilitator.store.atomic import CorruptDatabase, dump_json_pieces
from facilitator.store.journal import Head

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
#: Bytes of the file decoded at once (decoded whole, a file of 36 000 answers held the interpreter ~20 ms).
CHUNK = 256 * 1024


def folded_pieces(path: Path, head: Head) -> Iterator[bytes]:
    """The bytes of the database file at ``path`` (none: an empty database) with the journal entries of
    ``head`` applied (a later entry for a key replaces the earlier), a few hundred documents at a time.
    :class:`CorruptDatabase` if the file cannot be read."""
    try:
        handle = open(path, "rb")
    except FileNotFoundError:
        yield from dump_json_pieces(_merged(_Text(iter(["{}"])), head))
        return
    with handle:
        try:
            yield from dump_json_pieces(_merged(_Text(_decoded(handle)), head))
        except ValueError as err:  # UnicodeDecodeError too
            raise CorruptDatabase(path, f"the file is not valid JSON ({err})") from err


def _decoded(handle: BinaryIO) -> Iterator[str]:
    """The text of a UTF-8 file, :data:`CHUNK` bytes at a time."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    while chunk := handle.read(CHUNK):
        yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


def _merged(text: _Text, head: Head) -> Iterator[tuple[str, Any]]:
    """The file's tables, in its order, with the latest documents of ``head`` put in, then the tables only it
    holds. (Takes the keys out of ``head.latest`` as it puts them in.)"""
    for name in text.members():
        changes = head.latest.pop(name, {})
        if text.peek() == "{":
            docs = ((doc_id, text.value()) for doc_id in text.members())
            yield name, _with(docs, changes, head)
            for _ in docs:  # a table its reader left before its end is read past, to go on after it
                pass
        else:  # not a table TinyDB wrote: kept as it is, unless documents go into it
            value = text.value()
            yield name, _with(iter(()), changes, head) if changes else value
    for name, changes in head.latest.items():
        yield name, _with(iter(()), changes, head)


def _with(docs: Iterator[tuple[str, Any]], changes: dict[str, int], head: Head) -> Iterator[tuple[str, Any]]:
    """A table's ``docs`` (doc id, document) with the ``changes`` (key → offset of its latest line in ``head``)
    put in."""
    last = 0
    for doc_id, doc in docs:
        if doc_id.isdigit():
            last = max(last, int(doc_id))
        at = changes.pop(str(doc.get("id")), None) if isinstance(doc, dict) else None
        yield doc_id, doc if at is None else head.doc(at)
    for last, at in enumerate(changes.values(), last + 1):
        yield str(last), head.doc(at)


class _Text:
    """A JSON text read one value at a time from its pieces, holding little more than the value being read."""

    def __init__(self, pieces: Iterator[str]) -> None:
        self._pieces = pieces
        self.text, self.at = "", 0

    def _more(self) -> bool:
        """Append the next piece to what is left to read; ``False`` at the end of the text."""
        piece = next(self._pieces, None)
        if piece is None:
            return False
        self.text, self.at = self.text[self.at:] + piece, 0
        return True

    def peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]  # matches the empty string
            if self.at < len(self.text) or not self._more():
                return self.text[self.at:self.at + 1]

    def expect(self, char: str) -> None:
        """Read past ``char``, the next character that is not white space; :class:`ValueError` otherwise."""
        if self.peek() != char:
            raise ValueError(f"expected {char!r}")
        self.at += 1

    def value(self) -> Any:
        """The next JSON value, read whole (a value cut by the end of a piece is read again with the next)."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.at)
            except ValueError:
                if self._more():
                    continue
                raise
            if end < len(self.text) or not self._more():  # a number at the very end may go on in the next piece
                self.at = end
                return value

    def members(self) -> Iterator[str]:
        """The keys of the JSON object that starts here; after each, the caller reads its value."""
        self.expect("{")
        if self.peek() == "}":
            self.at += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise ValueError("expected a key")
            self.expect(":")
            yield key
            after = self.peek()
            self.at += 1
            if after == "}":
                return
            if after != ",":
                raise ValueError("expected ',' or '}'")

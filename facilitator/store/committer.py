"""Group commit: records from many phones share one durable write.

A caller awaits :meth:`GroupCommitter.commit`; it returns once the batch holding its record is on disk. While
one batch is being written, new records gather into the next, so batches grow with the load and the cost per
record stays flat. The blocking write runs in a worker thread; ``apply`` (which touches TinyDB) always runs on
the event loop's thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class StoreClosed(RuntimeError):
    """A write was attempted after the store was closed."""


class GroupCommitter(Generic[T]):
    """Batches items, writes each batch with ``write`` (blocking, in a thread), then ``apply``-s it.

    ``after_batch`` runs between batches, never during a write: the place for housekeeping such as folding
    the journal into a snapshot.
    """

    def __init__(
        self,
        write: Callable[[list[T]], None],
        apply: Callable[[list[T]], None],
        after_batch: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self._write = write
        self._apply = apply
        self._after_batch = after_batch
        self._pending: list[tuple[T, asyncio.Future[None]]] = []
        self._task: asyncio.Task[None] | None = None
        self._closed = False
        self._exclusive = asyncio.Lock()
        self.batches = 0
        self.items = 0

    async def commit(self, *items: T) -> None:
        """Return once ``items`` are durably written and applied; raise the write's error otherwise."""
        if self._closed:
            raise StoreClosed("the store is closed")
        loop = asyncio.get_running_loop()
        futures = []
        for item in items:
            future: asyncio.Future[None] = loop.create_future()
            self._pending.append((item, future))
            futures.append(future)
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._drain())
        if len(futures) == 1:   # a phone's one record (nearly always): its future itself, not a gathering of one
            await futures[0]
        else:
            await asyncio.gather(*futures)

    async def _drain(self) -> None:
        while self._pending:
            async with self._exclusive:
                await self._commit_batch()

    async def _commit_batch(self) -> None:
        batch, self._pending = self._pending, []
        items = [item for item, _ in batch]
        try:
            await asyncio.to_thread(self._write, items)
            self._apply(items)
        except Exception as err:  # noqa: BLE001 - every waiter gets the error
            for _, future in batch:
                if not future.done():
                    future.set_exception(err)
            return
        self.batches += 1
        self.items += len(items)
        for _, future in batch:
            if not future.done():
                future.set_result(None)
        if self._after_batch is not None:
            try:
                await self._after_batch()
            except Exception:  # noqa: BLE001 - housekeeping only: the batch is durable, the next one retries
                pass

    async def exclusive(self, work: Callable[[], Awaitable[None]]) -> None:
        """Run ``work`` between batches: no batch is written or applied until it finishes."""
        async with self._exclusive:
            await work()

    @property
    def busy(self) -> bool:
        """Whether records are queued or being written."""
        return bool(self._pending) or (self._task is not None and not self._task.done())

    async def flush(self) -> None:
        """Wait until everything committed so far is written."""
        while self._task is not None and not self._task.done():
            await asyncio.shield(self._task)

    async def close(self) -> None:
        """Flush, then refuse further commits."""
        await self.flush()
        self._closed = True

"""Buffers of a few megabytes go back to the system when they are freed.

glibc's ``malloc`` gives a request above its mmap threshold (128 KiB at first) a mapping of its own, unmapped
when it is freed. But each time it frees such a block it raises the threshold to that block's size (up to
32 MiB), so the next buffers of that size — a journal's first megabytes read for a fold, the pieces of a file
being written — come from the heap instead, and the heap keeps their pages once they are freed: in the
30-minute soak (``make bench``, 7e) the app's RSS rose by 3–11 MB at each fold of the journal and stayed there.
Setting the threshold once, as ``MALLOC_MMAP_THRESHOLD_`` would at start, keeps it where it began.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

#: glibc's ``mallopt`` parameter for the mmap threshold.
M_MMAP_THRESHOLD = -3
#: Requests this big or bigger get a mapping of their own (glibc's starting value, kept from then on).
THRESHOLD = 128 * 1024


def give_back_when_freed() -> bool:
    """Set glibc's mmap threshold for good (see the module). ``False`` where there is no glibc to tell (another
    C library or system: nothing is changed)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, THRESHOLD))

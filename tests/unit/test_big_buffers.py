"""A buffer of megabytes freed goes back to the system, also after a bigger one was freed before it."""

from __future__ import annotations

import subprocess
import sys

import pytest

#: In a fresh process: free 16 MiB (glibc then raises its mmap threshold to that), then print how much RSS an
#: 8 MiB buffer leaves behind once freed, with something allocated after it.
LEFT_BEHIND = """
import sys
from facilitator import big_buffers

def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

if sys.argv[1] == "set":
    assert big_buffers.give_back_when_freed()
big = bytearray(16 << 20)
del big
before = rss()
buffer = bytearray(8 << 20)
after = [bytearray(1000) for _ in range(50)]
del buffer
print(rss() - before)
"""


def left_behind(how: str) -> float:
    done = subprocess.run([sys.executable, "-c", LEFT_BEHIND, how], capture_output=True, text=True, check=True)
    return float(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc: Linux")
def test_a_freed_buffer_of_megabytes_is_given_back_once_the_threshold_is_set() -> None:
    assert left_behind("unset") >= 6       # glibc's own way: the heap keeps the pages
    assert left_behind("set") < 2          # the app's: the buffer had a mapping of its own

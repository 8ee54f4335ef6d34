"""A facilitator's laptop in a process of its own, for tests that kill it: the participants' server over a real
data directory, its sessions opened and moved through the workshop, as the app does.

``python -m tests.e2e.room_process DATA_DIR [--port PORT]`` serves on 127.0.0.1 (port 0: any free one) and
prints ``READY <port>``; then it reads commands from stdin, one a line, and answers each on stdout:

- ``open`` opens a BAR session at its first step: ``SESSION <id> <code>``;
- ``resume <id>`` serves an unfinished session of the data directory again: ``STATE <state>``;
- ``next`` / ``back`` move the session opened or resumed last: ``STATE <state>``.

It is meant to end by SIGKILL (or at the end of stdin).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from activities import load
from facilitator.core.live import LiveSession
from facilitator.core.workshop import Workshop
from facilitator.server.app import Server, make_app
from facilitator.server.requests import state_key
from facilitator.store import Store


async def serve(data_dir: Path, port: int) -> None:
    store = Store(data_dir)
    workshop = Workshop(store)
    server = Server(make_app(workshop.room), "127.0.0.1", port)
    await server.start()
    print(f"READY {server.bound_port}", flush=True)
    loop = asyncio.get_running_loop()
    current: LiveSession | None = None
    while line := (await loop.run_in_executor(None, sys.stdin.readline)).split():
        command, *args = line
        if command == "open":
            current = await workshop.open_session(load("bar"), "ประชุมภาคีตำบล")
            await current.goto(0)
            print(f"SESSION {current.session.id} {current.session.code}", flush=True)
            continue
        if command == "resume":
            current = workshop.resume_session(args[0])
        elif command == "next" and current is not None:
            await current.advance()
        elif command == "back" and current is not None:
            await current.back()
        else:
            raise SystemExit(f"unknown command: {command}")
        print(f"STATE {state_key(current)}", flush=True)
    await server.stop()
    await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.e2e.room_process")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    asyncio.run(serve(args.data_dir, args.port))


if __name__ == "__main__":
    main()

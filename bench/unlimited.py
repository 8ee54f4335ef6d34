"""``facilitator`` itself, with one change for the saturation rows of the bench: the per-phone answer limit
(2 answers/s, bursts of 10 — it stops a runaway phone, and would cap 100 back-to-back phones at 200 answers/s)
is lifted. Everything else is the command a facilitator runs: ``python -m bench.unlimited run bar …``."""

from __future__ import annotations

import sys

from facilitator.server import app as server_app

server_app.make_app.__kwdefaults__["answer_rate"] = (1e9, 1e9)

if __name__ == "__main__":
    from facilitator.__main__ import main

    sys.exit(main(sys.argv[1:]))

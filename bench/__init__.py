"""Benchmarks of Facilitator's ingest path, screen latency, start-up and crash safety (``make bench``).

Every server under test runs in its own process (:mod:`bench.serve`) on 127.0.0.1; the phones are simulated in
the bench process (:mod:`bench.load`) through the real join and answer pages. Timings are printed, never
asserted: tests in ``tests/`` check behaviour, this package reports figures against their targets.
"""

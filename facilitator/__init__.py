"""Facilitator: live BAR/AAR workshops for partnership networks.

A facilitator projects the Textual app (:mod:`facilitator.tui`); participants answer on their phones through
the web server (:mod:`facilitator.server`); records live in TinyDB (:mod:`facilitator.store`). The domain —
sessions, answers, summaries — is the pure package :mod:`facilitator.core`.
"""

__version__ = "0.1.0"

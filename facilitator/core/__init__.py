"""The pure domain of Facilitator.

Nothing in this package imports Textual, aiohttp or Rich: it can be used (and is tested) without any UI or
server. ``tests/unit/test_core_purity.py`` proves it in a fresh interpreter.
"""

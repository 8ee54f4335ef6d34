"""Hypothesis profiles for the property tests of the form parsers: a short, derandomised run in ``make test``
(it tolerates a loaded two-core machine), a long random one in ``make bench``.

``FACILITATOR_FUZZ=long`` selects the long profile (``python -m bench`` runs the fuzz tests with it; its
``--quick`` with the short one); anything else, or nothing, the short one.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SHORT, LONG = "short", "long"
#: Examples per property in each profile.
EXAMPLES = {SHORT: 200, LONG: 2000}

settings.register_profile(
    SHORT, max_examples=EXAMPLES[SHORT], deadline=2000, derandomize=True, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    LONG, max_examples=EXAMPLES[LONG], deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(LONG if os.environ.get("FACILITATOR_FUZZ") == LONG else SHORT)

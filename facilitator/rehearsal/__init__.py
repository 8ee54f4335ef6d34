"""Rehearsal mode: a demo session answered by simulated phones, so a facilitator can practise before the meeting.

:mod:`.samples` reads the sample room (``samples.toml``: the partner organisations, the people, their sample
answers in Thai); :mod:`.phones` sends the simulated phones in over HTTP, through the app's own server. The
session itself is marked as a rehearsal (``Session.demo``) by :mod:`facilitator.core.workshop`.
"""

from facilitator.rehearsal.phones import DEFAULT_PACE, DEFAULT_SEED, Pace, Rehearsal
from facilitator.rehearsal.samples import Person, SampleRoom, load_samples

__all__ = ["DEFAULT_PACE", "DEFAULT_SEED", "Pace", "Person", "Rehearsal", "SampleRoom", "load_samples"]

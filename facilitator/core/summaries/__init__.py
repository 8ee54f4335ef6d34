"""What a session (and a partnership) adds up to: plain documents, computed from records, saved and exported.

- :mod:`.overview`: answers per step, sector and organisation; who was not heard (every session);
- :mod:`.role_split`: which organisation takes which task (role-claim steps);
- :mod:`.health`: the partnership health check (traffic-light steps);
- :mod:`.pilot_scores`: candidate areas ranked by points (points steps);
- :mod:`.votes`: the items of a dot vote ranked by dots (votes steps);
- :mod:`.expectations`: a BAR's expectations beside an AAR's verdicts;
- :mod:`.progress`: a partnership's commitments, timeline, reviews and stage, across its sessions;
- :mod:`.session`: every summary of one session, by what its activity asked.

Each document carries ``kind``, ``schema_version`` and ``computed_at``. The modules that compute one step kind's
summary are given the steps (or tasks) to read; the step kinds (:mod:`facilitator.core.kinds`) call them.
"""

#: Version of every summary document's layout; a reader skips documents of another version.
SCHEMA_VERSION = 1

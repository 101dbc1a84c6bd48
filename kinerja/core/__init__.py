"""The pure core of Kinerja's arithmetic: periods, numbers, aggregation, achievement, predikat, SKM.

Plain Python over small frozen dataclasses, with exact arithmetic (``Fraction`` inside, ``Decimal`` or
``Fraction`` out, never ``float`` at a comparison). Nothing here imports the web framework, so every rule can be
tested without a database and reused by services, reports, the API and management commands alike.
See ``docs/core.md`` for the list of rules, their sources and the decisions taken.
"""

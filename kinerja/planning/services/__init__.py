"""Writes of planning data, one module per concept (nothing is re-exported here: import the module).

* :mod:`.renstra`: the Renstra period and its targets;
* :mod:`.renja`: Renja programs, their budget and its quarterly realization;
* :mod:`.agreements`: the Perjanjian Kinerja, its targets and their revisions;
* :mod:`.benchmarks`: benchmarks (pembanding) shown in the LKjIP;
* :mod:`.target_values`: a target's input and its checks, shared by the Renstra and the PK.

Every write is keyword-only, runs in one transaction, checks the permission door
(:func:`kinerja.accounts.access.can_act_in`), validates with ``full_clean`` and records who acted
in the audit history. ``actor`` None means a trusted caller (a command or the demo).
"""

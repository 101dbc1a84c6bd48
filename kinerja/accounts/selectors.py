"""Reads about accounts that are not scoped by the user: whether an organisation holds sample data.

An organisation *holds sample data* when it, one of the organisations above it (its kecamatan for a
village) or one below it (a kecamatan of a kabupaten) carries a
:class:`~kinerja.accounts.models.SampleDataMark`, set by ``kinerja demo``. Pages show the DATA
CONTOH banner for it and its generated documents carry the DATA CONTOH watermark. The mark is not
secret: the public sees the banner too. Kemendagri codes nest (``35.09.26`` lies in ``35.09``; the
organisation model checks it), so "above" and "below" are prefixes of the code.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q

from kinerja.accounts.access import memberships_of
from kinerja.accounts.models import SampleDataMark
from kinerja.organisations.models import Organisation


def sample_data_codes() -> frozenset[str]:
    """The codes of the organisations with a sample-data mark (one query)."""
    return frozenset(SampleDataMark.objects.values_list("organisation__code", flat=True).order_by())


def _related(code: str, marked: str) -> bool:
    return code == marked or code.startswith(marked + ".") or marked.startswith(code + ".")


def holds_sample_data(organisation: Organisation, *, marked: frozenset[str] | None = None) -> bool:
    """Whether ``organisation`` holds sample data (see the module docstring).

    ``marked``: the codes from :func:`sample_data_codes`, when the caller has them already."""
    codes = sample_data_codes() if marked is None else marked
    return any(_related(organisation.code, code) for code in codes)


def _parents(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def sample_data_organisation_ids(*, marked: frozenset[str] | None = None) -> frozenset[int]:
    """The ids of every organisation that holds sample data (two queries at most)."""
    codes = sample_data_codes() if marked is None else marked
    if not codes:
        return frozenset()
    query = Q(code__in=set(codes).union(*(_parents(c) for c in codes)))
    for code in codes:
        query |= Q(code__startswith=code + ".")
    return frozenset(Organisation.objects.filter(query).values_list("id", flat=True))


class RequestSampleData:
    """What one request needs to know about sample data, each part read once and only when used."""

    def __init__(self, request: Any) -> None:
        self.request = request
        self._marked: frozenset[str] | None = None
        self._ids: frozenset[int] | None = None
        self._default: bool | None = None

    @property
    def marked(self) -> frozenset[str]:
        if self._marked is None:
            self._marked = sample_data_codes()
        return self._marked

    @property
    def organisation_ids(self) -> frozenset[int]:
        """Ids of the organisations holding sample data: a page about one of them shows the mark."""
        if self._ids is None:
            self._ids = (
                sample_data_organisation_ids(marked=self.marked) if self.marked else frozenset()
            )
        return self._ids

    def holds(self, organisation: Organisation) -> bool:
        return holds_sample_data(organisation, marked=self.marked)

    @property
    def default(self) -> bool:
        """For a page about no one organisation: whether the default kecamatan
        (``KINERJA_DEFAULT_ORGANISATION``) or an organisation the user belongs to holds sample data."""
        if self._default is None:
            self._default = bool(self.marked) and self._default_holds()
        return self._default

    def _default_holds(self) -> bool:
        codes = {settings.KINERJA_DEFAULT_ORGANISATION}
        user = getattr(self.request, "user", None)
        if user is not None:
            for membership in memberships_of(user):
                codes.add(membership.organisation.code)
                if membership.village is not None:
                    codes.add(membership.village.code)
        return any(_related(code, marked) for code in codes for marked in self.marked)


def request_sample_data(request: Any) -> RequestSampleData:
    """The request's :class:`RequestSampleData`, made once per request."""
    facts = getattr(request, "_kinerja_sample_data", None)
    if facts is None:
        facts = RequestSampleData(request)
        request._kinerja_sample_data = facts
    return facts

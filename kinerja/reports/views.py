"""The documents page: which official documents the user may produce, with links to each."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.accounts.access import kecamatan_ids
from kinerja.organisations.models import Level, Organisation
from kinerja.reports.pdf import PAPERS


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    """Members of a kecamatan see its documents; others get 403."""
    ids = kecamatan_ids(request.user)
    organisations = Organisation.objects.filter(level=Level.KECAMATAN).order_by("code")
    if ids is not None:
        organisations = organisations.filter(pk__in=ids)
    if not organisations.exists():
        raise PermissionDenied
    return render(
        request,
        "reports/document_list.html",
        {"organisations": organisations, "papers": PAPERS.values()},
    )

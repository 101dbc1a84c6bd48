"""The documents page (Dokumen): which official documents the user may produce for a year, with a
download button per format; the download itself, and a "preparing" page that shows progress while a
long document is generated.

Who may download what: members of the kecamatan (every role, admin kabupaten of its regency) every
document; anybody else, anonymous included, only the published ones (the decree in force for the
year, a signed PK) [D]. The list page itself needs a login, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import (
    Action,
    can_act_in,
    kecamatan_for_user,
    organisation_for_request,
)
from kinerja.common.downloads import private_download
from kinerja.organisations.models import Level, Organisation
from kinerja.reports import documents
from kinerja.reports.pdf import PAPERS
from kinerja.reports.publication import can_publish

FORMAT_LABELS = {key: f.label for key, f in documents.FORMATS.items()}


@dataclass
class Params:
    """The query of a document request: organisation, year, quarter, paper (with input errors)."""

    organisation: Organisation | None
    year: int | None
    quarter: int | None
    paper: str
    errors: list[str]
    raw: dict[str, str]

    def query(self, **extra: Any) -> str:
        values = {
            "organisasi": self.organisation.code if self.organisation else "",
            "tahun": self.year or "",
            "kertas": self.paper,
        }
        if self.quarter:
            values["triwulan"] = self.quarter
        values.update(extra)
        return urlencode(values)


def _default_year(organisation: Organisation | None) -> int:
    """The latest year with a PK of the organisation, else this year."""
    if organisation is not None:
        latest = organisation.agreements.order_by("-year").values_list("year", flat=True).first()
        if latest:
            return int(latest)
    return timezone.localdate().year


def _params(request: HttpRequest, default_organisation: Organisation | None) -> Params:
    raw = {k: request.GET.get(k, "").strip() for k in ("organisasi", "tahun", "triwulan", "kertas")}
    errors: list[str] = []
    organisation = default_organisation
    if raw["organisasi"]:
        organisation = Organisation.objects.filter(
            code=raw["organisasi"], level=Level.KECAMATAN
        ).first()
        if organisation is None:
            errors.append(_("Unknown sub-district code: %(code)s.") % {"code": raw["organisasi"]})
    year: int | None = None
    if raw["tahun"]:
        if raw["tahun"].isdigit() and 1900 <= int(raw["tahun"]) <= 9999:
            year = int(raw["tahun"])
        else:
            errors.append(_("The year must be a number such as 2022."))
    else:
        year = _default_year(organisation)
    quarter: int | None = None
    if raw["triwulan"]:
        if raw["triwulan"] in {"1", "2", "3", "4"}:
            quarter = int(raw["triwulan"])
        else:
            errors.append(_("The quarter must be 1, 2, 3 or 4."))
    paper = raw["kertas"].upper() or "A4"
    if paper not in PAPERS:
        errors.append(_("Choose A4 or F4 paper."))
        paper = "A4"
    return Params(organisation, year, quarter, paper, errors, raw)


def _may_download(
    request: HttpRequest, kind: documents.DocumentKind, organisation: Organisation, year: int
) -> bool:
    return can_act_in(request.user, Action.VIEW, organisation) or kind.is_published(
        organisation, year
    )


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    """Members of a kecamatan see all its documents; a user naming another kecamatan
    (``?organisasi=``) sees its published documents only; a user of no kecamatan gets 403."""
    # A kecamatan named by ?organisasi= may be any (its published documents are public); without
    # one, the user's own.
    default = (
        None
        if request.GET.get("organisasi", "").strip()
        else organisation_for_request(request, refuse=PermissionDenied)
    )
    params = _params(request, default)
    organisation = params.organisation
    rows = []
    member = organisation is not None and can_act_in(request.user, Action.VIEW, organisation)
    if organisation is not None and params.year is not None:
        may_edit = member and can_act_in(request.user, Action.CHANGE, organisation)
        for kind in documents.kinds():
            published = kind.is_published(organisation, params.year)
            if not (member or published):
                continue
            needs_quarter = kind.needs_quarter and params.quarter is None
            links = []
            for fmt in kind.formats:
                query = params.query() if not needs_quarter else ""
                links.append(
                    {
                        "format": fmt,
                        "label": FORMAT_LABELS[fmt],
                        "url": (
                            reverse("reports:document-prepare", args=[kind.key, fmt]) + "?" + query
                        )
                        if query
                        else "",
                    }
                )
            rows.append(
                {
                    "kind": kind,
                    "published": published,
                    "needs_quarter": needs_quarter,
                    "links": links,
                    # the LKjIP's narrative paragraphs are edited on their own page before printing
                    "narratives_url": reverse(
                        "reports:lkjip-narratives", args=[organisation.code, params.year]
                    )
                    if kind.key == "lkjip" and member
                    else "",
                    # the Camat decides when the LKjIP is public
                    "publication_url": reverse(
                        "reports:lkjip-publication", args=[organisation.code, params.year]
                    )
                    if kind.key == "lkjip" and can_publish(request.user, organisation)
                    else "",
                    "may_edit": may_edit,
                }
            )
    return render(
        request,
        "reports/document_list.html",
        {
            "organisations": kecamatan_for_user(request.user),
            "organisation": organisation,
            "params": params,
            "member": member,
            "rows": rows,
            "papers": PAPERS.values(),
            "quarters": (1, 2, 3, 4),
        },
    )


def _resolve(request: HttpRequest, jenis: str, fmt: str) -> tuple[Any, Params] | HttpResponse:
    """The kind and the parameters of a download or prepare request, or the response refusing it."""
    kind = documents.kind_for(jenis)
    if kind is None or fmt not in kind.formats:
        raise Http404(_("No such document."))
    default = Organisation.objects.filter(code=settings.KINERJA_DEFAULT_ORGANISATION).first()
    params = _params(request, default)
    if params.organisation is None and not params.errors:
        params.errors.append(_("Choose a sub-district."))
    if kind.needs_quarter and params.quarter is None and not params.raw["triwulan"]:
        params.errors.append(_("This document is per quarter: choose the quarter."))
    if params.errors:
        return _error(request, params.errors, status=400)
    assert params.organisation is not None and params.year is not None
    if not _may_download(request, kind, params.organisation, params.year):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    return kind, params


def _error(request: HttpRequest, messages: list[str], *, status: int) -> HttpResponse:
    return render(request, "reports/document_error.html", {"messages": messages}, status=status)


def document_download(request: HttpRequest, jenis: str, fmt: str) -> HttpResponse:
    """The document as a file (``Content-Disposition: attachment``)."""
    resolved = _resolve(request, jenis, fmt)
    if isinstance(resolved, HttpResponse):
        return resolved
    kind, params = resolved
    assert params.organisation is not None and params.year is not None  # checked by _resolve
    try:
        content = documents.generate(
            kind.key,
            user=request.user,
            organisation=params.organisation,
            year=params.year,
            quarter=params.quarter,
            fmt=fmt,
            paper=params.paper,
        )
    except documents.DocumentUnavailable as exc:
        return _error(request, [str(exc)], status=404)
    filename = kind.filename(
        organisation=params.organisation, year=params.year, quarter=params.quarter, fmt=fmt
    )
    return private_download(
        content, filename=filename, content_type=documents.FORMATS[fmt].content_type
    )


def document_prepare(request: HttpRequest, jenis: str, fmt: str) -> HttpResponse:
    """A page that shows "Menyiapkan dokumen…" while its script fetches the file and hands it to the
    browser; without JavaScript the plain link on the page downloads it."""
    resolved = _resolve(request, jenis, fmt)
    if isinstance(resolved, HttpResponse):
        return resolved
    kind, params = resolved
    download_url = reverse("reports:document-download", args=[kind.key, fmt]) + "?" + params.query()
    return render(
        request,
        "reports/document_prepare.html",
        {
            "kind": kind,
            "format_label": FORMAT_LABELS[fmt],
            "params": params,
            "download_url": download_url,
            "filename": kind.filename(
                organisation=params.organisation, year=params.year, quarter=params.quarter, fmt=fmt
            ),
            "back_url": reverse("reports:document-list") + "?" + params.query(),
        },
    )

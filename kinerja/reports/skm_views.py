"""The SKM report's staff page ``/skm/laporan/?organisasi=&tahun=&triwulan=&kertas=&format=``
(URL name ``skm:report``: the root URLconf mounts it in the SKM's namespace, so the SKM pages link
to it while the SKM app imports nothing of the documents system).

Members of the kecamatan only; the download goes through :func:`kinerja.reports.documents.generate`
as every document does (the DATA CONTOH mark, the requesting user's scope).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import kecamatan_for_user, organisation_for_request
from kinerja.common.downloads import private_download
from kinerja.reports import documents
from kinerja.reports.pdf import PAPERS
from kinerja.reports.skm_document import draft_conclusions, skm_report_data
from kinerja.skm.display import (
    IKM_PLACES,
    KONVERSI_PLACES,
    NRR_PLACES,
    WEIGHTED_PLACES,
    nrr_bar_chart,
)

PAGE_FORMATS = ("pdf", "xlsx")
"""The page's download buttons (the Word file is on the Dokumen page)."""


def _int_param(request: HttpRequest, name: str, errors: list[str], label: str) -> int | None:
    raw = (request.GET.get(name) or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        errors.append(
            _("%(field)s must be a whole number, not “%(value)s”.") % {"field": label, "value": raw}
        )
        return None


@login_required
def report_page(request: HttpRequest) -> HttpResponse:
    """The staff page with the SKM report's download buttons; members of the kecamatan only."""
    # Another kecamatan, or none at all, is a 403 here; an unknown code a 404.
    organisation = organisation_for_request(request, refuse=PermissionDenied)
    choices = list(kecamatan_for_user(request.user))
    errors: list[str] = []
    today = timezone.localdate()
    year = _int_param(request, "tahun", errors, _("Year"))
    quarter = _int_param(request, "triwulan", errors, _("Quarter"))
    if year is None:
        year = today.year
    elif not 2000 <= year <= 2100:
        errors.append(_("Year must lie between 2000 and 2100."))
        year = today.year
    if quarter is not None and quarter not in (1, 2, 3, 4):
        errors.append(_("Quarter must be 1, 2, 3 or 4 (or empty for the whole year)."))
        quarter = None
    fmt = request.GET.get("format") or ""
    paper = request.GET.get("kertas") or "A4"
    if paper not in PAPERS:
        errors.append(_("Paper must be A4 or F4."))
        paper = "A4"
    if fmt and not errors:
        if fmt not in PAGE_FORMATS:
            errors.append(_("Unknown format: choose PDF or Excel."))
        else:
            # through the document registry, as every download: it adds the DATA CONTOH mark
            content = documents.generate(
                "skm",
                user=request.user,
                organisation=organisation,
                year=year,
                quarter=quarter,
                fmt=fmt,
                paper=paper,
            )
            suffix = f"{year}" + (f"-tw{quarter}" if quarter else "")
            slug = organisation.name.lower().replace(" ", "-")
            return private_download(
                content,
                filename=f"laporan-skm-{slug}-{suffix}.{fmt}",
                content_type=documents.FORMATS[fmt].content_type,
            )
    data = skm_report_data(user=request.user, organisation=organisation, year=year, quarter=quarter)
    return render(
        request,
        "reports/skm_report_page.html",
        {
            "data": data,
            "organisation": organisation,
            "choices": choices,
            "year": year,
            "quarter": quarter,
            "paper": paper,
            "papers": PAPERS.values(),
            "errors": errors,
            "raw_year": request.GET.get("tahun", ""),
            "raw_quarter": request.GET.get("triwulan", ""),
            "conclusions": draft_conclusions(data),
            "chart": nrr_bar_chart(data.result),
            "places": {
                "nrr": NRR_PLACES,
                "weighted": WEIGHTED_PLACES,
                "ikm": IKM_PLACES,
                "konversi": KONVERSI_PLACES,
            },
        },
    )

"""The LKjIP narrative page: every drafted paragraph of a year, editable and saved per section
before printing; "kembalikan ke draf otomatis" forgets the edited text.

Members of the kecamatan (any role) see the page; the Camat, the Perencana and the Admin Kabupaten
may save (the service checks).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, can_act_in, organisation_for_request
from kinerja.reports import lkjip_document, lkjip_services
from kinerja.reports.documents import DocumentUnavailable
from kinerja.reports.models import LkjipSection


@login_required
def lkjip_narratives(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    organisation = organisation_for_request(request, code=kode, refuse=PermissionDenied)
    if not 2000 <= tahun <= 2100:
        raise Http404
    if request.method == "POST":
        section = request.POST.get("section", "")
        try:
            if request.POST.get("action") == "reset":
                lkjip_services.narrative_reset(
                    actor=request.user, organisation=organisation, year=tahun, section=section
                )
                messages.success(request, _("The automatic draft is used again."))
            else:
                lkjip_services.narrative_save(
                    actor=request.user,
                    organisation=organisation,
                    year=tahun,
                    section=section,
                    text=request.POST.get("text", ""),
                )
                messages.success(request, _("The narrative was saved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        url = reverse("reports:lkjip-narratives", args=[organisation.code, tahun])
        return redirect(f"{url}#{section}")
    try:
        drafts = lkjip_document.drafts_for(user=request.user, organisation=organisation, year=tahun)
    except DocumentUnavailable as exc:
        return render(request, "reports/document_error.html", {"messages": [str(exc)]}, status=404)
    stored = lkjip_services.stored_narratives(organisation=organisation, year=tahun)
    sections = [
        {
            "key": key,
            "label": label,
            "draft": drafts[key],
            "stored": stored.get(key),
            "text": stored[key].text if key in stored else drafts[key],
        }
        for key, label in LkjipSection.choices
    ]
    return render(
        request,
        "reports/lkjip_narratives.html",
        {
            "organisation": organisation,
            "year": tahun,
            "sections": sections,
            "may_edit": can_act_in(request.user, Action.CHANGE, organisation),
            "download": reverse("reports:document-download", args=["lkjip", "pdf"])
            + f"?organisasi={organisation.code}&tahun={tahun}",
        },
    )


@login_required
def lkjip_publication(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """POST ``terbitkan=1`` publishes the year's LKjIP, ``terbitkan=0`` withdraws it (Camat)."""
    from kinerja.reports import publication

    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    organisation = organisation_for_request(request, code=kode)  # another kecamatan's: a 404
    if not 2000 <= tahun <= 2100:
        raise Http404
    if request.POST.get("terbitkan") == "1":
        publication.lkjip_publish(actor=request.user, organisation=organisation, year=tahun)
        messages.success(request, _("The LKjIP %(year)s is published.") % {"year": tahun})
    else:
        publication.lkjip_withdraw(actor=request.user, organisation=organisation, year=tahun)
        messages.success(request, _("The LKjIP %(year)s is no longer public.") % {"year": tahun})
    return redirect(
        reverse("reports:document-list") + f"?organisasi={organisation.code}&tahun={tahun}"
    )

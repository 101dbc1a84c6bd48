"""The realization upload page ("Impor realisasi", ``measurement:import``) and its template
download (``measurement:import-template``). Thin: the importer is
``kinerja.measurement.spreadsheet_import``, the writes its services.

Who: the Perencana, the Camat and the Admin Kabupaten of a kecamatan (those who change its
planning and may enter every indicator); anybody else gets 403.

Two steps. The upload checks the file (``checked_upload``: type and size), reads its cells and keeps
them in the session with a digest (never the file, never a path from the browser), then shows the
preview at ``?pratinjau=<digest>``: what would be written, or every bad row. The preview is a dry
run through the services (rolled back), so it refuses what "Simpan" would refuse. "Simpan" checks
the kept cells again and writes them in one transaction, refusing a value that somebody saved
after the preview.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from kinerja.accounts.access import (
    Action,
    UserLike,
    kecamatan_for_user,
    organisation_for_request,
)
from kinerja.common.downloads import private_download
from kinerja.core.numbers import format_id
from kinerja.measurement import spreadsheet_import as importer
from kinerja.measurement.forms import RecheckForm, SaveForm, UploadForm
from kinerja.organisations.models import Organisation

SESSION_KEY = "measurement.import"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def importable_organisations(user: UserLike) -> list[Organisation]:
    """The kecamatan whose realizations ``user`` may import: where they are Perencana, Camat or
    Admin Kabupaten (of the regency)."""
    return list(kecamatan_for_user(user, Action.CHANGE))


def _chosen(request: HttpRequest) -> Organisation:
    """``?organisasi=CODE`` among the user's, else (an unknown or foreign code too) their own; a
    403 for a user who may import into none."""
    return organisation_for_request(request, Action.CHANGE, fallback=True, refuse=PermissionDenied)


# ---------------------------------------------------------------- forms


# ---------------------------------------------------------------- the upload kept in the session


def _digest(pending: dict[str, Any]) -> str:
    body = {k: v for k, v in pending.items() if k not in ("token", "versions")}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:40]


def _keep(request: HttpRequest, pending: dict[str, Any]) -> str:
    pending["token"] = _digest(pending)
    request.session[SESSION_KEY] = pending
    return str(pending["token"])


def _pending(
    request: HttpRequest, token: str, organisations: list[Organisation]
) -> tuple[dict[str, Any], Organisation] | None:
    """The upload kept in the session when ``token`` is its digest (and still the user's
    kecamatan); None otherwise (another upload replaced it, it was saved, or it was changed)."""
    pending = request.session.get(SESSION_KEY)
    if not isinstance(pending, dict) or not token:
        return None
    if not constant_time_compare(str(pending.get("token", "")), token):
        return None
    if _digest(pending) != token:
        return None
    organisation = next((o for o in organisations if o.pk == pending.get("organisation")), None)
    if organisation is None:
        return None
    return pending, organisation


def _preview_url(token: str) -> str:
    return f"{reverse('measurement:import')}?pratinjau={token}"


# ---------------------------------------------------------------- the page


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    _chosen(request)  # a 403 for a user who may import into none
    organisations = importable_organisations(request.user)
    if request.method == "POST":
        step = request.POST.get("step")
        if step == "upload":
            return _upload(request, organisations)
        if step == "recheck":
            return _recheck(request, organisations)
        if step == "save":
            return _save(request, organisations)
        return HttpResponseBadRequest()
    token = request.GET.get("pratinjau", "")
    found = _pending(request, token, organisations) if token else None
    if token and found is None:
        messages.error(request, _("This preview is no longer available; upload the file again."))
        return redirect("measurement:import")
    if found is not None:
        return _preview(request, *found)
    organisation = _chosen(request)
    form = UploadForm(initial={"organisation": organisation}, organisations=organisations)
    return _render_upload(request, form, organisation, organisations)


def _render_upload(
    request: HttpRequest,
    form: UploadForm,
    organisation: Organisation,
    organisations: list[Organisation],
    *,
    refused: list[importer.Problem] | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "measurement/import.html",
        {
            "form": form,
            "organisation": organisation,
            "organisations": organisations,
            "has_decree": importer.decree_in_force(organisation) is not None,
            "refused": refused or [],
            "header": importer.HEADER,
        },
        status=status,
    )


def _upload(request: HttpRequest, organisations: list[Organisation]) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES, organisations=organisations)
    if not form.is_valid():
        organisation = form.cleaned_data.get("organisation") or _chosen(request)
        return _render_upload(request, form, organisation, organisations, status=400)
    organisation = form.cleaned_data["organisation"]
    checked = form.checked
    try:
        table = importer.read_table(checked.content.read(), checked.original_name)
    except importer.ImportRefused as exc:
        return _render_upload(
            request, form, organisation, organisations, refused=exc.problems, status=400
        )
    token = _keep(
        request,
        {
            "organisation": organisation.pk,
            "file_name": checked.original_name,
            "sha256": checked.sha256,
            "reason": form.cleaned_data["override_reason"].strip(),
            "table": table.to_json(),
        },
    )
    return redirect(_preview_url(token))


def _recheck(request: HttpRequest, organisations: list[Organisation]) -> HttpResponse:
    form = RecheckForm(request.POST)
    found = _pending(request, request.POST.get("token", ""), organisations)
    if found is None or not form.is_valid():
        messages.error(request, _("This preview is no longer available; upload the file again."))
        return redirect("measurement:import")
    pending, _organisation = found
    pending["reason"] = form.cleaned_data["override_reason"].strip()
    pending.pop("versions", None)
    return redirect(_preview_url(_keep(request, pending)))


def _plan(
    pending: dict[str, Any], organisation: Organisation
) -> tuple[importer.Plan | None, list[importer.Problem]]:
    """The kept cells checked again now (the stored values may have changed since the upload)."""
    try:
        plan = importer.check(
            importer.Table.from_json(pending["table"]),
            organisation=organisation,
            override_reason=pending["reason"],
        )
    except importer.ImportRefused as exc:
        return None, exc.problems
    return plan, plan.problems


def _preview(
    request: HttpRequest,
    pending: dict[str, Any],
    organisation: Organisation,
    *,
    problems: list[importer.Problem] | None = None,
    status: int = 200,
) -> HttpResponse:
    plan, found = _plan(pending, organisation)
    if problems is None:
        problems = found
        if plan is not None and not problems:
            try:  # the services' own checks, rolled back
                importer.write(plan, actor=request.user, dry_run=True)
            except importer.ImportRefused as exc:
                problems = exc.problems
            except PermissionDenied:
                problems = [importer.Problem(0, "", _("You may not import into this kecamatan."))]
            else:
                pending["versions"] = plan.versions()
                request.session[SESSION_KEY] = pending
    rows = []
    if plan is not None and not problems:
        for row in plan.rows:
            decimals = row.indicator.decimals
            rows.append(
                {
                    "row": row,
                    "target": format_id(row.target, decimals) if row.target is not None else "",
                    "numerator": _plain(row.numerator),
                    "denominator": _plain(row.denominator),
                    "value": format_id(row.value, decimals) if row.has_numbers else "",
                    "computed": (
                        f"{_plain(row.computed[0])} / {_plain(row.computed[1])}"
                        if row.computed is not None
                        else ""
                    ),
                    "current": (
                        format_id(row.current.value, decimals) if row.current is not None else ""
                    ),
                }
            )
    return render(
        request,
        "measurement/import_preview.html",
        {
            "organisation": organisation,
            "pending": pending,
            "plan": plan,
            "rows": rows,
            "problems": problems,
            "bad_rows": len({p.line for p in problems if p.line}),
            "needs_reason": any(p.code == importer.OVERRIDE_NEEDED for p in problems),
            "overrides": plan is not None and any(r.overrides for r in plan.rows),
            "save_form": SaveForm(initial={"token": pending["token"]}),
            "recheck_form": RecheckForm(
                initial={"token": pending["token"], "override_reason": pending["reason"]}
            ),
        },
        status=status,
    )


def _plain(number: Any) -> str:
    """A component as typed: Indonesian, without trailing zeros."""
    if number is None:
        return "—"
    return format_id(number, 4).rstrip("0").rstrip(",")


def _save(request: HttpRequest, organisations: list[Organisation]) -> HttpResponse:
    form = SaveForm(request.POST)
    found = (
        _pending(request, request.POST.get("token", ""), organisations) if form.is_valid() else None
    )
    if found is None:
        messages.error(
            request,
            _(
                "This preview is no longer available (saved already, or replaced by another upload)."
            ),
        )
        return redirect("measurement:import")
    pending, organisation = found
    plan, problems = _plan(pending, organisation)
    if plan is None or problems:
        return _preview(request, pending, organisation, problems=problems, status=400)
    try:
        written = importer.write(
            plan, actor=request.user, expected_versions=pending.get("versions") or {}
        )
    except importer.ImportRefused as exc:
        return _preview(request, pending, organisation, problems=exc.problems, status=400)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("%(values)s realizations and %(targets)s targets of %(org)s have been saved as drafts.")
        % {
            "values": format_id(written.values, 0),
            "targets": format_id(written.targets, 0),
            "org": organisation,
        },
    )
    return redirect(f"{reverse('measurement:import')}?organisasi={organisation.code}")


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    organisation = _chosen(request)
    return private_download(
        importer.template_xlsx(organisation),
        filename="templat-impor-realisasi.xlsx",
        content_type=XLSX_TYPE,
    )

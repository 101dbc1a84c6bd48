"""Pages for entering realizations ("Isian realisasi"), the workflow and evidence, the
approval queue ("Persetujuan") and the kecamatan's approval workflow setting ("Alur
persetujuan"). Thin: reads go through ``for_user``, writes through services.

A value of another kecamatan is a 404; an action the user may not take is a 403; anonymous users
are sent to the login page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja.accounts.access import (
    Action,
    can_act_in,
    kecamatan_for_user,
    kecamatan_ids,
    organisation_for_request,
)
from kinerja.accounts.models import Role
from kinerja.common.downloads import member_file_response
from kinerja.common.periods import period_label
from kinerja.core.numbers import format_id
from kinerja.core.periods import Period, parse_period, quarters_of
from kinerja.iku.forms import add_service_errors
from kinerja.iku.models import Decree, Indicator
from kinerja.measurement import selectors, services
from kinerja.measurement.forms import EvidenceForm, NoteForm, ValueForm, WorkflowSettingsForm
from kinerja.measurement.models import ApprovalSteps, Evidence, IndicatorValue
from kinerja.organisations.models import Organisation

WORKFLOW_ACTIONS = ("submit", "verify", "return", "approve", "unlock", "refresh")


# ---------------------------------------------------------------- lookups


def _indicator(request: HttpRequest, pk: int) -> Indicator:
    """An indicator of a kecamatan the user belongs to (404 otherwise)."""
    indicator = (
        Indicator.objects.for_user(request.user, Action.VIEW)
        .select_related("decree__organisation", "responsible_unit")
        .filter(pk=pk)
        .first()
    )
    if indicator is None or not can_act_in(
        request.user, Action.VIEW, indicator.decree.organisation
    ):
        raise Http404
    return indicator


def _period(text: str) -> Period:
    try:
        return parse_period(text)
    except ValueError:
        raise Http404 from None


def _value(request: HttpRequest, indicator: Indicator, period: Period) -> IndicatorValue | None:
    return (
        IndicatorValue.objects.for_user(request.user, Action.VIEW)
        .filter(indicator=indicator, organisation=indicator.decree.organisation, period=str(period))
        .select_related("submitted_by", "verified_by", "approved_by")
        .first()
    )


def _year_quarter(request: HttpRequest) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("tahun", today.year))
        quarter = int(request.GET.get("triwulan", (today.month - 1) // 3 + 1))
    except ValueError:
        raise Http404 from None
    if not (2000 <= year <= 2100 and 1 <= quarter <= 4):
        raise Http404
    return year, quarter


def shown(value: IndicatorValue | None, indicator: Indicator) -> str:
    """The value as people read it: Indonesian number, the grade, or "—"."""
    if value is None:
        return "—"
    if indicator.scale:
        return value.grade or "—"
    return format_id(value.value, indicator.decimals)


# ---------------------------------------------------------------- list and queue


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    year, quarter = _year_quarter(request)
    period = quarters_of(year)[quarter - 1]
    try:  # ?organisasi= among the user's, else (an unknown or foreign code too) their own
        organisation: Organisation | None = organisation_for_request(request, fallback=True)
    except Http404:
        organisation = None  # a user of no kecamatan sees an empty list
    rows: list[dict[str, Any]] = []
    if organisation is not None:
        decree = (
            Decree.objects.for_user(request.user, Action.VIEW)
            .filter(organisation=organisation)
            .in_force()
            .first()
        )
        indicators = decree.active_indicators().select_related("responsible_unit") if decree else []
        values = {
            v.indicator_id: v
            for v in IndicatorValue.objects.for_user(request.user, Action.VIEW).filter(
                organisation=organisation, period=str(period)
            )
        }
        for indicator in indicators:
            if not services.can_enter(request.user, indicator, organisation):
                continue
            value = values.get(indicator.pk)
            rows.append({"indicator": indicator, "value": value, "shown": shown(value, indicator)})
    return render(
        request,
        "measurement/entry_list.html",
        {
            "organisation": organisation,
            "year": year,
            "quarter": quarter,
            "period": period,
            "rows": rows,
            "can_queue": bool(kecamatan_ids(request.user, {Role.PERENCANA, Role.CAMAT}) != set()),
            "years": range(year - 2, year + 2),
            "quarters": [
                (q, period_label(p, with_year=False)) for q, p in enumerate(quarters_of(year), 1)
            ],
        },
    )


@login_required
def approval_queue(request: HttpRequest) -> HttpResponse:
    """Two sections with their counts: "Menunggu verifikasi" (submitted values, the Perencana's
    step) and "Siap disetujui" (verified values, and in a two-step kecamatan submitted ones too:
    the Camat's step)."""
    ids = kecamatan_ids(request.user, {Role.PERENCANA, Role.CAMAT})
    if ids is not None and not ids:
        raise PermissionDenied
    queue = selectors.approval_queue(user=request.user)

    def rows(values: list[IndicatorValue]) -> list[dict[str, Any]]:
        return [{"value": v, "shown": shown(v, v.indicator)} for v in values]

    sections = [
        {
            "id": "menunggu-verifikasi",
            "title": _("Waiting for verification"),
            "hint": _("Submitted values. The Perencana verifies them or returns them."),
            "rows": rows(queue.waiting_verification),
        },
        {
            "id": "siap-disetujui",
            "title": _("Ready for approval"),
            "hint": _(
                "Verified values (and, where the sub-district approves in two steps, submitted "
                "ones). The Camat approves them or returns them."
            ),
            "rows": rows(queue.ready_for_approval),
        },
    ]
    kecamatan = (
        Organisation.objects.filter(level="kecamatan", pk__in=ids).order_by("code")
        if ids is not None
        else Organisation.objects.none()
    )
    workflows = [
        {
            "organisation": k,
            "two_step": k.pk in queue.two_step_ids,
            "can_change": services.can_change_workflow_settings(request.user, k),
        }
        for k in kecamatan
    ]
    return render(
        request,
        "measurement/approval_queue.html",
        {
            "queue": queue,
            "sections": sections,
            "workflows": workflows,
            "waiting_for_you": selectors.values_waiting_count(user=request.user),
        },
    )


@login_required
def workflow_settings(request: HttpRequest) -> HttpResponse:
    """The kecamatan's approval workflow (three steps or two), ``?organisasi=CODE``: read by its
    members, changed by its Camat, Perencana or Admin Kabupaten, with the history of changes."""
    # Never another kecamatan than the one asked for: a 404 for a code not the user's.
    organisation = organisation_for_request(request)
    may_change = services.can_change_workflow_settings(request.user, organisation)
    current = selectors.approval_steps_for(organisation)
    form = WorkflowSettingsForm(initial={"approval_steps": current})
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        form = WorkflowSettingsForm(request.POST)
        if form.is_valid():
            try:
                services.workflow_settings_save(
                    actor=request.user,
                    organisation=organisation,
                    approval_steps=form.cleaned_data["approval_steps"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The approval workflow has been saved."))
                return redirect(
                    f"{reverse('measurement:workflow-settings')}?organisasi={organisation.code}"
                )
    choices = kecamatan_for_user(request.user)
    return render(
        request,
        "measurement/workflow_settings.html",
        {
            "organisation": organisation,
            "current": current,
            "current_label": ApprovalSteps(current).label,
            "form": form if may_change else None,
            "history": selectors.workflow_settings_history(
                user=request.user, organisation=organisation
            ),
            "kecamatan_choices": list(choices) if choices.count() > 1 else [],
            "can_queue": bool(kecamatan_ids(request.user, {Role.PERENCANA, Role.CAMAT}) != set()),
        },
    )


# ---------------------------------------------------------------- one value


def _render_entry(
    request: HttpRequest,
    indicator: Indicator,
    period: Period,
    *,
    form: ValueForm | None = None,
    evidence_form: EvidenceForm | None = None,
    note_form: NoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    value = _value(request, indicator, period)
    organisation = indicator.decree.organisation
    allowed = services.allowed_actions(request.user, value, indicator)
    if form is None:
        initial: dict[str, Any] = {"version": value.version if value else 0}
        if value is not None:
            initial.update(
                {
                    "numerator": format_id(value.numerator, 4).rstrip("0").rstrip(",")
                    if value.numerator is not None
                    else "",
                    "denominator": format_id(value.denominator, 4).rstrip("0").rstrip(",")
                    if value.denominator is not None
                    else "",
                    "value": format_id(value.value, 4).rstrip("0").rstrip(",")
                    if value.value is not None
                    else "",
                    "grade": value.grade,
                    "kendala": value.kendala,
                    "upaya": value.upaya,
                    "rencana_tindak_lanjut": value.rencana_tindak_lanjut,
                    "override_reason": value.override_reason,
                }
            )
        form = ValueForm(initial=initial, indicator=indicator)
    can_edit_evidence = (
        value is not None
        and not value.is_locked
        and services.can_enter(request.user, indicator, organisation)
    )
    # Evidence leaves a value only while it is a draft or returned (services.evidence_remove).
    can_remove_evidence = (
        can_edit_evidence and value is not None and value.status in services.EDITABLE_STATUSES
    )
    target = selectors.target_for(value=value) if value else None
    achievement = selectors.value_achievement(value=value) if value else None
    table = selectors.assessment_for(organisation).table
    context = {
        "indicator": indicator,
        "organisation": organisation,
        "period": period,
        "value": value,
        "shown": shown(value, indicator),
        "form": form,
        "editable": "save" in allowed,
        "allowed": allowed,
        "evidence_form": evidence_form or EvidenceForm(),
        "note_form": note_form or NoteForm(initial={"version": value.version if value else 0}),
        "can_edit_evidence": can_edit_evidence,
        "can_remove_evidence": can_remove_evidence,
        "evidence": value.evidence.filter(removed_at__isnull=True) if value else [],
        "events": [
            {"event": e, "label": EVENT_LABELS.get(e.action, e.action)}
            for e in (value.events.select_related("actor") if value else [])
        ],
        "target": target,
        "target_shown": format_id(target.target, indicator.decimals)
        if target is not None and target.target is not None
        else (target.target_grade if target is not None and target.target_grade else "—"),
        "achievement": format_id(achievement, 2),
        "predikat": table.label(achievement) if achievement is not None else "",
        "computed": indicator.value_source != "manual",
        "year": period.year,
        "quarter": (period.first_month - 1) // 3 + 1,
    }
    return render(request, "measurement/entry.html", context, status=status)


@login_required
def entry(request: HttpRequest, indicator_pk: int, period: str) -> HttpResponse:
    indicator = _indicator(request, indicator_pk)
    key = _period(period)
    if request.method != "POST":
        return _render_entry(request, indicator, key)
    if not services.can_enter(request.user, indicator, indicator.decree.organisation):
        raise PermissionDenied
    form = ValueForm(request.POST, indicator=indicator)
    if form.is_valid():
        try:
            services.value_save(
                actor=request.user,
                indicator=indicator,
                organisation=indicator.decree.organisation,
                period=str(key),
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The realization has been saved."))
            return redirect("measurement:entry", indicator_pk=indicator.pk, period=str(key))
    return _render_entry(request, indicator, key, form=form)


@login_required
@require_POST
def value_action(request: HttpRequest, indicator_pk: int, period: str, action: str) -> HttpResponse:
    indicator = _indicator(request, indicator_pk)
    key = _period(period)
    if action not in WORKFLOW_ACTIONS:
        raise Http404
    value = _value(request, indicator, key)
    note_form = NoteForm(request.POST)
    note_form.is_valid()
    note = note_form.cleaned_data.get("note") or ""
    version = note_form.cleaned_data.get("version")
    organisation = indicator.decree.organisation
    try:
        if action == "refresh":
            services.value_refresh_from_source(
                actor=request.user,
                indicator=indicator,
                organisation=organisation,
                period=str(key),
                expected_version=version,
            )
        else:
            if value is None:
                raise Http404
            fn = getattr(services, f"value_{action}")
            kwargs: dict[str, Any] = {"actor": request.user, "value": value}
            kwargs["expected_version"] = version
            if action in ("return", "verify", "approve"):
                kwargs["note"] = note
            elif action == "unlock":
                kwargs["reason"] = note
            fn(**kwargs)
    except ValidationError as exc:
        for field, errors in exc.message_dict.items() if hasattr(exc, "error_dict") else []:
            if field == "note":
                note_form.add_error("note", errors)
            else:
                for error in errors:
                    messages.error(request, error)
        if not hasattr(exc, "error_dict"):
            for error in exc.messages:
                messages.error(request, error)
        return _render_entry(request, indicator, key, note_form=note_form)
    messages.success(request, ACTION_DONE[action]())
    return redirect("measurement:entry", indicator_pk=indicator.pk, period=str(key))


EVENT_LABELS = {
    "submit": gettext_lazy("Submitted"),
    "verify": gettext_lazy("Verified"),
    "return": gettext_lazy("Returned"),
    "approve": gettext_lazy("Approved"),
    "unlock": gettext_lazy("Unlocked"),
    "refresh": gettext_lazy("Numbers taken from the source"),
    "override": gettext_lazy("Computed numbers overridden"),
    "evidence_add": gettext_lazy("Evidence added"),
    "evidence_remove": gettext_lazy("Evidence removed"),
}

ACTION_DONE = {
    "submit": lambda: _("The realization has been submitted for verification."),
    "verify": lambda: _("The realization has been verified."),
    "return": lambda: _("The realization has been returned with your note."),
    "approve": lambda: _("The realization has been approved and locked."),
    "unlock": lambda: _("The realization has been unlocked."),
    "refresh": lambda: _("The numbers have been taken from the source again."),
}


# ---------------------------------------------------------------- evidence


@login_required
@require_POST
def evidence_add(request: HttpRequest, indicator_pk: int, period: str) -> HttpResponse:
    indicator = _indicator(request, indicator_pk)
    key = _period(period)
    if not services.can_enter(request.user, indicator, indicator.decree.organisation):
        raise PermissionDenied
    value = _value(request, indicator, key)
    form = EvidenceForm(request.POST, request.FILES)
    if value is None:
        form.add_error(None, _("Save the realization before adding evidence."))
    elif form.is_valid():
        try:
            services.evidence_add(
                actor=request.user,
                value=value,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The evidence file has been added."))
            return redirect("measurement:entry", indicator_pk=indicator.pk, period=str(key))
    return _render_entry(request, indicator, key, evidence_form=form)


def _evidence(request: HttpRequest, pk: int) -> Evidence:
    """Evidence of a value the user may view as a member of its kecamatan (404 otherwise)."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("value__indicator", "value__organisation"),
        pk=pk,
        removed_at__isnull=True,
    )
    visible = IndicatorValue.objects.for_user(request.user, Action.VIEW).filter(
        pk=evidence.value_id
    )
    if not visible.exists() or not can_act_in(
        request.user, Action.VIEW, evidence.value.organisation
    ):
        raise Http404
    return evidence


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence(request, pk)
    value = evidence.value
    try:
        services.evidence_remove(actor=request.user, evidence=evidence)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, _("The evidence file has been removed."))
    return redirect("measurement:entry", indicator_pk=value.indicator_id, period=value.period)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """The file: a PDF or an image opens in the browser (sandboxed), ``?unduh=1`` and other
    types download (kinerja.common.downloads)."""
    evidence = _evidence(request, pk)
    return member_file_response(
        request, evidence.file, filename=evidence.original_name, content_type=evidence.content_type
    )

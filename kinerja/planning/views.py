"""Pages of planning: Perjanjian Kinerja, Renstra, Renja. Thin: selectors read (through
``for_user``), services write.

Not visible → 404; visible but not changeable → 403; anonymous on member-only pages → login.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts.access import (
    Action,
    can_act_in,
    get_for_user_or_404,
    kecamatan_for_user,
    organisation_for_request,
)
from kinerja.common.periods import period_label
from kinerja.core.achievement import SCALES
from kinerja.core.periods import quarters_of
from kinerja.iku.forms import add_service_errors
from kinerja.iku.models import Indicator
from kinerja.organisations.models import Organisation
from kinerja.planning import selectors
from kinerja.planning.forms import (
    AgreementForm,
    BenchmarkForm,
    ProgramForm,
    RenstraForm,
    RevisionForm,
    SignForm,
)
from kinerja.planning.models import (
    AgreementStatus,
    IndicatorBenchmark,
    PerformanceAgreement,
    Program,
    RenstraPeriod,
)
from kinerja.planning.services import agreements, benchmarks, renja, target_values
from kinerja.planning.services import renstra as renstra_services

# ---------------------------------------------------------------- helpers

Scoped = TypeVar("Scoped", PerformanceAgreement, RenstraPeriod)


def _visible(request: HttpRequest, found: Scoped | None, action: Action) -> Scoped:
    """``found`` as read through ``for_user``: 404 when not visible, 403 when ``action`` is a change
    its organisation does not allow to the user."""
    if found is None:
        raise Http404
    if action == Action.CHANGE and not can_act_in(request.user, Action.CHANGE, found.organisation):
        raise PermissionDenied
    return found


def _agreement(request: HttpRequest, pk: int, action: Action = Action.VIEW) -> PerformanceAgreement:
    return _visible(request, selectors.agreement_get(user=request.user, pk=pk), action)


def _renstra(request: HttpRequest, pk: int, action: Action = Action.VIEW) -> RenstraPeriod:
    return _visible(request, selectors.renstra_get(user=request.user, pk=pk), action)


def _messages_of(exc: ValidationError) -> dict[str, list[str]]:
    return exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}


# ---------------------------------------------------------------- PK


def agreement_list(request: HttpRequest) -> HttpResponse:
    can_create = selectors.organisations_for_change(user=request.user).exists()
    return render(
        request,
        "planning/agreement_list.html",
        {
            "agreements": selectors.agreement_list(user=request.user),
            "can_create": can_create,
            "section": "pk",
        },
    )


def _grid(
    agreement: PerformanceAgreement,
    blocks: list[selectors.GoalBlock],
    data: Any = None,
    errors: dict[str, list[str]] | None = None,
) -> list[dict[str, Any]]:
    """Rows of the target form: stored values, or what the user typed when the save failed."""
    errors = errors or {}
    periods = [(str(agreement.year), _("Annual"))] + [
        (str(q), period_label(q, with_year=False)) for q in quarters_of(agreement.year)
    ]
    rows = []
    for block in blocks:
        for row in block.rows:
            i = row.indicator
            stored = [row.annual, *row.quarters]
            cells = []
            for (period, label), target in zip(periods, stored, strict=True):
                names = {k: f"{k}-{i.pk}-{period}" for k in ("t", "u", "g")}
                if data is not None:
                    values = {k: data.get(n, "") for k, n in names.items()}
                else:
                    values = {
                        "t": selectors.input_text(target.target if target else None, i),
                        "u": selectors.input_text(target.target_upper if target else None, i),
                        "g": target.target_grade if target else "",
                    }
                cell_errors = [
                    m
                    for name in ("target", "target_upper", "target_grade", "period")
                    for m in errors.get(f"{i.pk}/{period}/{name}", [])
                ]
                cells.append(
                    {
                        "period": period,
                        "label": label,
                        "names": names,
                        "values": values,
                        "errors": cell_errors,
                    }
                )
            reason_name = f"r-{i.pk}"
            rows.append(
                {
                    "row": row,
                    "cells": cells,
                    "reason_name": reason_name,
                    "reason": data.get(reason_name, "")
                    if data is not None
                    else row.mismatch_reason,
                    "reason_errors": errors.get(f"{i.pk}/mismatch_reason", []),
                    "other_errors": errors.get(f"{i.pk}/indicator", []),
                }
            )
    return rows


def _targets_input(
    agreement: PerformanceAgreement, blocks: list[selectors.GoalBlock], data: Any
) -> dict[int, agreements.IndicatorTargetsInput]:
    periods = [str(agreement.year)] + [str(q) for q in quarters_of(agreement.year)]
    rows = {}
    for block in blocks:
        for row in block.rows:
            i = row.indicator
            rows[i.pk] = agreements.IndicatorTargetsInput(
                values={
                    p: target_values.TargetInput(
                        target=data.get(f"t-{i.pk}-{p}", ""),
                        target_upper=data.get(f"u-{i.pk}-{p}", ""),
                        target_grade=data.get(f"g-{i.pk}-{p}", ""),
                    )
                    for p in periods
                },
                mismatch_reason=data.get(f"r-{i.pk}", ""),
            )
    return rows


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The PK: statement, parties, lampiran; for editors the target form (POST saves it), the
    sign form, after signing the revision form; the revision history for members."""
    agreement = _agreement(request, pk)
    can_change = can_act_in(request.user, Action.CHANGE, agreement.organisation)
    is_member = can_act_in(request.user, Action.VIEW, agreement.organisation)
    blocks = selectors.agreement_rows(agreement)
    data = None
    errors: dict[str, list[str]] = {}
    form_error: list[str] = []
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        if not can_change:
            raise PermissionDenied
        try:
            saved = agreements.agreement_targets_set(
                actor=request.user,
                agreement=agreement,
                rows=_targets_input(agreement, blocks, request.POST),
            )
        except ValidationError as exc:
            data, errors = request.POST, _messages_of(exc)
            form_error = errors.get("__all__", [])
            messages.error(
                request, _("The targets were not saved; please correct the marked fields.")
            )
        else:
            messages.success(request, _("The targets have been saved."))
            for result in saved.values():
                for warning in result.warnings:
                    messages.warning(request, warning)
            return redirect("planning:agreement-detail", pk=agreement.pk)
    signed = agreement.status == AgreementStatus.SIGNED
    context = {
        "agreement": agreement,
        "organisation": agreement.organisation,
        "blocks": blocks,
        "can_change": can_change,
        "is_member": is_member,
        "section": "pk",
        "grid": _grid(agreement, blocks, data, errors) if can_change and not signed else None,
        "grid_errors": form_error,
        "sign_form": SignForm(initial={"date_signed": agreement.date_signed})
        if can_change and not signed
        else None,
        "revision_form": kwargs_revision_form(agreement, blocks) if can_change and signed else None,
        "revisions": selectors.revisions_of(agreement) if is_member else [],
    }
    return render(request, "planning/agreement_detail.html", context)


def _login_url() -> str:
    from django.conf import settings
    from django.shortcuts import resolve_url

    return resolve_url(settings.LOGIN_URL)


def _agreement_indicators(blocks: list[selectors.GoalBlock]) -> Any:
    ids = [row.indicator.pk for block in blocks for row in block.rows]
    return Indicator.objects.filter(pk__in=ids).order_by("goal__order", "order")


def kwargs_revision_form(
    agreement: PerformanceAgreement, blocks: list[selectors.GoalBlock], data: Any = None
) -> RevisionForm:
    return RevisionForm(data, agreement=agreement, indicators=_agreement_indicators(blocks))


@login_required
def agreement_create(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisations_for_change(user=request.user)
    if not organisations.exists():
        raise PermissionDenied
    if request.method == "POST":
        form = AgreementForm(request.POST, organisations=organisations)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                agreement = agreements.agreement_save(actor=request.user, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The PK has been created; now enter its targets."))
                return redirect("planning:agreement-detail", pk=agreement.pk)
    else:
        organisation = organisations.first()
        initial = agreements.agreement_defaults(organisation) if organisation else {}
        from django.utils import timezone

        initial.update({"organisation": organisation, "year": timezone.localdate().year})
        form = AgreementForm(initial=initial, organisations=organisations)
    return render(
        request, "planning/agreement_form.html", {"form": form, "agreement": None, "section": "pk"}
    )


@login_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk, Action.CHANGE)
    organisations = kecamatan_for_user(request.user, Action.CHANGE).filter(
        pk=agreement.organisation_id
    )
    if request.method == "POST":
        form = AgreementForm(request.POST, organisations=organisations, agreement=agreement)
        if form.is_valid():
            try:
                agreements.agreement_save(
                    actor=request.user,
                    organisation=agreement.organisation,
                    agreement=agreement,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The PK has been saved."))
                return redirect("planning:agreement-detail", pk=agreement.pk)
    else:
        form = AgreementForm(
            initial={
                "year": agreement.year,
                "first_party": agreement.first_party,
                "second_party_name": agreement.second_party_name,
                "second_party_position": agreement.second_party_position,
                "place": agreement.place,
                "date_signed": agreement.date_signed,
            },
            organisations=organisations,
            agreement=agreement,
        )
    return render(
        request,
        "planning/agreement_form.html",
        {"form": form, "agreement": agreement, "section": "pk"},
    )


@login_required
@require_POST
def agreement_sign(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk, Action.CHANGE)
    form = SignForm(request.POST)
    date_signed = form.cleaned_data["date_signed"] if form.is_valid() else None
    try:
        agreements.agreement_sign(actor=request.user, agreement=agreement, date_signed=date_signed)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The PK has been signed."))
    return redirect("planning:agreement-detail", pk=agreement.pk)


@login_required
@require_POST
def target_revise(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk, Action.CHANGE)
    blocks = selectors.agreement_rows(agreement)
    form = kwargs_revision_form(agreement, blocks, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            result = agreements.target_revise(
                actor=request.user,
                agreement=agreement,
                indicator=data["indicator"],
                period=data["period"],
                target=data["target"],
                target_upper=data["target_upper"],
                target_grade=data["target_grade"],
                reason=data["reason"],
                document_number=data["document_number"],
                document_date=data["document_date"],
                mismatch_reason=data["mismatch_reason"] or None,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The target has been revised."))
            for warning in result.warnings:
                messages.warning(request, warning)
            return redirect("planning:agreement-detail", pk=agreement.pk)
    context = {
        "agreement": agreement,
        "organisation": agreement.organisation,
        "blocks": blocks,
        "can_change": True,
        "is_member": True,
        "section": "pk",
        "grid": None,
        "sign_form": None,
        "revision_form": form,
        "revisions": selectors.revisions_of(agreement),
    }
    return render(request, "planning/agreement_detail.html", context, status=200)


# ---------------------------------------------------------------- Renstra


@login_required
def renstra_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "planning/renstra_list.html",
        {
            "items": selectors.renstra_list(user=request.user),
            "can_create": selectors.organisations_for_change(user=request.user).exists(),
            "section": "renstra",
        },
    )


@login_required
def renstra_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    renstra = _renstra(request, pk, Action.CHANGE) if pk is not None else None
    organisations = selectors.organisations_for_change(user=request.user)
    if renstra is None and not organisations.exists():
        raise PermissionDenied
    kwargs: dict[str, Any] = {"organisations": organisations, "editing": renstra is not None}
    if request.method == "POST":
        form = RenstraForm(request.POST, **kwargs)
        if form.is_valid():
            data = dict(form.cleaned_data)
            organisation = renstra.organisation if renstra else data.pop("organisation")
            try:
                saved = renstra_services.renstra_save(
                    actor=request.user, organisation=organisation, renstra=renstra, **data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The Renstra has been saved."))
                return redirect("planning:renstra-detail", pk=saved.pk)
    else:
        initial: dict[str, Any] = {"organisation": organisations.first()}
        if renstra is not None:
            initial = {
                "title": renstra.title,
                "start_year": renstra.start_year,
                "end_year": renstra.end_year,
                "document_number": renstra.document_number,
                "document_date": renstra.document_date,
            }
        form = RenstraForm(initial=initial, **kwargs)
    return render(
        request,
        "planning/renstra_form.html",
        {"form": form, "renstra": renstra, "section": "renstra"},
    )


@login_required
def renstra_detail(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = _renstra(request, pk)
    can_change = can_act_in(request.user, Action.CHANGE, renstra.organisation)
    years, rows = selectors.renstra_grid(renstra)
    data = None
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        cells = {}
        for row in rows:
            for year, _target in row.cells:
                key = f"{row.indicator.pk}-{year or 'end'}"
                cells[(row.indicator.pk, year)] = target_values.TargetInput(
                    request.POST.get(f"t-{key}", ""),
                    request.POST.get(f"u-{key}", ""),
                    request.POST.get(f"g-{key}", ""),
                )
        try:
            renstra_services.renstra_targets_set(actor=request.user, renstra=renstra, cells=cells)
        except ValidationError as exc:
            data, errors = request.POST, _messages_of(exc)
            messages.error(
                request, _("The targets were not saved; please correct the marked fields.")
            )
        else:
            messages.success(request, _("The Renstra targets have been saved."))
            return redirect("planning:renstra-detail", pk=renstra.pk)
    table = []
    for row in rows:
        i = row.indicator
        row_cells: list[dict[str, Any]] = []
        for year, target in row.cells:
            key = f"{i.pk}-{year or 'end'}"
            if data is not None:
                values = {k: data.get(f"{k}-{key}", "") for k in ("t", "u", "g")}
            else:
                values = {
                    "t": selectors.input_text(target.target if target else None, i),
                    "u": selectors.input_text(target.target_upper if target else None, i),
                    "g": target.target_grade if target else "",
                }
            row_cells.append(
                {
                    "year": year,
                    "key": key,
                    "values": values,
                    "text": selectors.target_text(i, target),
                    "errors": [
                        m
                        for name in ("target", "target_upper", "target_grade", "year")
                        for m in errors.get(f"{i.pk}/{year or 'end'}/{name}", [])
                    ],
                }
            )
        table.append(
            {
                "indicator": i,
                "cells": row_cells,
                "is_range": i.polarity == "range" and not i.scale,
                "grades": [g for g, _s in SCALES[i.scale].grades] if i.scale else [],
            }
        )
    return render(
        request,
        "planning/renstra_detail.html",
        {
            "renstra": renstra,
            "years": years,
            "table": table,
            "can_change": can_change,
            "section": "renstra",
        },
    )


# ---------------------------------------------------------------- Renja


@login_required
def renja_list(request: HttpRequest) -> HttpResponse:
    from django.utils import timezone

    organisations = selectors.organisations_for_change(user=request.user)
    return render(
        request,
        "planning/renja_list.html",
        {
            "pairs": selectors.renja_years(user=request.user),
            "new_organisation": organisations.first(),
            "this_year": timezone.localdate().year,
            "section": "renja",
        },
    )


@login_required
def renja_detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    organisation = organisation_for_request(request, code=code)
    can_change = can_act_in(request.user, Action.CHANGE, organisation)
    rows = selectors.renja_rows(organisation=organisation, year=year)
    quarters = [(str(q), period_label(q, with_year=False)) for q in quarters_of(year)]
    data = None
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        cells = {
            (row.program.pk, period): request.POST.get(f"b-{row.program.pk}-{period}", "")
            for row in rows
            for period, _label in quarters
        }
        try:
            saved = renja.budget_realizations_set(
                actor=request.user, organisation=organisation, year=year, cells=cells
            )
        except ValidationError as exc:
            data, errors = request.POST, _messages_of(exc)
            messages.error(
                request, _("The realizations were not saved; please correct the marked fields.")
            )
        else:
            messages.success(request, _("The budget realizations have been saved."))
            for warning in saved.warnings:
                messages.warning(request, warning)
            return redirect("planning:renja-detail", code=code, year=year)
    table = []
    for row in rows:
        row_cells: list[dict[str, Any]] = []
        for (period, _label), realization in zip(quarters, row.quarters, strict=True):
            name = f"b-{row.program.pk}-{period}"
            value = (
                data.get(name, "")
                if data is not None
                else (selectors.format_id(realization.amount, 0) if realization else "")
            )
            row_cells.append(
                {
                    "name": name,
                    "value": value,
                    "realization": realization,
                    "errors": errors.get(f"{row.program.pk}/{period}", []),
                }
            )
        table.append({"row": row, "cells": row_cells})
    total_budget = sum((r.program.budget for r in rows if r.depth == 0), 0)
    total_spent = sum((r.spent for r in rows if r.depth == 0), 0)
    return render(
        request,
        "planning/renja_detail.html",
        {
            "organisation": organisation,
            "year": year,
            "quarters": quarters,
            "table": table,
            "can_change": can_change,
            "total_budget": total_budget,
            "total_spent": total_spent,
            "total_share": (total_spent / total_budget * 100) if total_budget else None,
            "agreement": PerformanceAgreement.objects.for_user(request.user, Action.VIEW)
            .filter(organisation=organisation, year=year)
            .first(),
            "section": "renja",
        },
    )


def _program_form(
    request: HttpRequest, organisation: Organisation, year: int, program: Program | None
) -> HttpResponse:
    parents = (
        Program.objects.for_user(request.user, Action.VIEW)
        .filter(organisation=organisation, year=year)
        .exclude(level="subkegiatan")
    )
    if program is not None:
        parents = parents.exclude(pk=program.pk)
    decree = selectors.decree_for(organisation)
    indicators = decree.active_indicators() if decree else Indicator.objects.none()
    kwargs = {"parents": parents, "indicators": indicators}
    if request.method == "POST":
        form = ProgramForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                renja.program_save(
                    actor=request.user,
                    organisation=organisation,
                    program=program,
                    year=year,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The program has been saved."))
                return redirect("planning:renja-detail", code=organisation.code, year=year)
    else:
        initial: dict[str, Any] = {}
        if program is not None:
            initial = {
                "level": program.level,
                "parent": program.parent,
                "code": program.code,
                "name": program.name,
                "budget": selectors.format_id(program.budget, 0),
                "indicators": list(program.indicators.all()),
            }
        form = ProgramForm(initial=initial, **kwargs)
    return render(
        request,
        "planning/program_form.html",
        {
            "form": form,
            "program": program,
            "organisation": organisation,
            "year": year,
            "section": "renja",
        },
    )


@login_required
def program_create(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return _program_form(
        request, organisation_for_request(request, Action.CHANGE, code), year, None
    )


@login_required
def program_edit(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_for_user_or_404(Program, request.user, Action.VIEW, pk=pk)
    organisation = organisation_for_request(request, Action.CHANGE, program.organisation.code)
    return _program_form(request, organisation, program.year, program)


# ---------------------------------------------------------------- benchmarks (pembanding)


@login_required
def benchmark_index(request: HttpRequest) -> HttpResponse:
    """The benchmarks of the user's kecamatan for the latest PK year (else this year)."""
    from django.conf import settings
    from django.utils import timezone

    visible = selectors.organisations_for_view(user=request.user)
    organisation = (
        visible.filter(code=settings.KINERJA_DEFAULT_ORGANISATION).first() or visible.first()
    )
    if organisation is None:
        raise PermissionDenied
    year = (
        organisation.agreements.order_by("-year").values_list("year", flat=True).first()
        or timezone.localdate().year
    )
    return redirect("planning:benchmark-detail", code=organisation.code, year=year)


@login_required
def benchmark_detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Benchmarks (pembanding) of one year: the list, and for the editors a form to enter one
    (same indicator and source again: the value is replaced) and a button to remove one."""
    organisation = organisation_for_request(request, code=code)
    if not benchmarks.BENCHMARK_YEARS[0] <= year <= benchmarks.BENCHMARK_YEARS[1]:
        raise Http404
    can_change = can_act_in(request.user, Action.CHANGE, organisation)
    decree = selectors.decree_for(organisation)
    indicators = decree.active_indicators().filter(scale="") if decree else Indicator.objects.none()
    form = BenchmarkForm(indicators=indicators)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if "delete" in request.POST:
            benchmark = get_for_user_or_404(
                IndicatorBenchmark,
                request.user,
                Action.CHANGE,
                pk=request.POST.get("delete") if str(request.POST.get("delete")).isdigit() else 0,
                organisation=organisation,
                year=year,
            )
            benchmarks.benchmark_delete(actor=request.user, benchmark=benchmark)
            messages.success(request, _("The benchmark has been removed."))
            return redirect("planning:benchmark-detail", code=code, year=year)
        form = BenchmarkForm(request.POST, indicators=indicators)
        if form.is_valid():
            try:
                benchmarks.benchmark_save(
                    actor=request.user, organisation=organisation, year=year, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The benchmark has been saved."))
                return redirect("planning:benchmark-detail", code=code, year=year)
    return render(
        request,
        "planning/benchmark_detail.html",
        {
            "organisation": organisation,
            "year": year,
            "benchmarks": selectors.benchmark_list(
                user=request.user, organisation=organisation, year=year
            ),
            "form": form if can_change else None,
            "can_change": can_change,
            "section": "benchmark",
        },
    )

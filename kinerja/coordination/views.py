"""Pages of the coordination register (thin: selectors to read, services to write)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts.access import (
    Action,
    can_act_in,
    get_for_user_or_404,
    organisation_for_request,
)
from kinerja.common.downloads import member_file_response
from kinerja.common.periods import period_label
from kinerja.coordination import selectors, services
from kinerja.coordination.forms import (
    ActivityForm,
    FollowUpForm,
    NewResultForm,
    RecommendationForm,
    ResultForm,
)
from kinerja.coordination.models import (
    CoordinationActivity,
    CoordinationField,
    FollowUp,
    Recommendation,
    RecordStatus,
)
from kinerja.core.numbers import format_id
from kinerja.core.periods import Period, parse_period, quarters_of
from kinerja.iku.forms import add_service_errors
from kinerja.iku.models import Indicator
from kinerja.measurement.lineage import sources_changed_since_approval
from kinerja.measurement.models import IndicatorValue
from kinerja.measurement.sources import compute_from_source

RESULT_SLOTS = 3


def _field(request: HttpRequest, pk: int) -> CoordinationField:
    return get_for_user_or_404(
        CoordinationField.objects.select_related("organisation", "responsible_unit"),
        request.user,
        Action.VIEW,
        pk=pk,
    )


def _activity(request: HttpRequest, pk: int) -> CoordinationActivity:
    return get_for_user_or_404(
        CoordinationActivity.objects.select_related(
            "field__organisation", "field__responsible_unit", "entered_by"
        ).prefetch_related("results__recommendations__followups"),
        request.user,
        Action.VIEW,
        pk=pk,
    )


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("tahun") or timezone.localdate().year)
    except ValueError:
        raise Http404 from None


@login_required
def index(request: HttpRequest) -> HttpResponse:
    # ?organisasi= among the user's kecamatan, else (an unknown or foreign code too) their own.
    organisation = organisation_for_request(request, fallback=True)
    fields = list(selectors.fields_for(user=request.user, organisation=organisation))
    if not fields:
        fields = [
            f
            for f in services.fields_ensure_default(organisation=organisation)
            if CoordinationField.objects.for_user(request.user, Action.VIEW)
            .filter(pk=f.pk)
            .exists()
        ]
    indicators = {
        i.source_params.get("field"): i
        for i in Indicator.objects.for_user(request.user, Action.VIEW).filter(
            decree__organisation=organisation, decree__status="in_force", value_source="register"
        )
        if isinstance(i.source_params, dict) and i.source_params.get("register") == "coordination"
    }
    year = _year(request)
    counts = dict(
        CoordinationActivity.objects.for_user(request.user, Action.VIEW)
        .filter(field__in=fields, date__year=year)
        .order_by()
        .values_list("field")
        .annotate(n=Count("pk"))
    )
    changeable = set(
        CoordinationField.objects.for_user(request.user, Action.CHANGE)
        .filter(pk__in=[f.pk for f in fields])
        .values_list("pk", flat=True)
    )
    rows = [
        {
            "field": f,
            "indicator": indicators.get(f.code),
            "count": counts.get(f.pk, 0),
            "can_change": f.pk in changeable,
        }
        for f in fields
    ]
    overdue = selectors.overdue_recommendations(user=request.user, organisation=organisation)
    return render(
        request,
        "coordination/index.html",
        {"organisation": organisation, "rows": rows, "year": year, "overdue": overdue},
    )


def _mark_states(results: list[Any]) -> None:
    """Give each recommendation of ``results`` its current ``state`` and whether it is ``late``."""
    today = timezone.localdate()
    for result in results:
        for rec in result.recommendations.all():
            rec.state = selectors.recommendation_state(rec)
            rec.late = rec.state != "selesai" and rec.due_date < today


@login_required
def field_register(request: HttpRequest, pk: int) -> HttpResponse:
    field = _field(request, pk)
    year = _year(request)
    activities = list(selectors.activities_for(user=request.user, field=field, year=year))
    _mark_states([r for a in activities for r in a.results.all()])
    return render(
        request,
        "coordination/field_register.html",
        {
            "field": field,
            "year": year,
            "years": range(year - 2, year + 2),
            "activities": activities,
            "can_change": selectors.can_change_field(user=request.user, field=field),
        },
    )


def _result_inputs(forms: list[ResultForm]) -> list[services.ResultInput]:
    out = []
    for form in forms:
        data = form.cleaned_data
        text = (data.get("text") or "").strip()
        if not text:
            continue
        recs = [
            services.RecommendationInput(
                text=data[f"rec{n}_text"],
                responsible_party=data[f"rec{n}_party"],
                due_date=data[f"rec{n}_due"],
            )
            for n in range(1, ResultForm.REC_SLOTS + 1)
            if (data.get(f"rec{n}_text") or "").strip()
        ]
        out.append(services.ResultInput(text=text, date=data.get("date"), recommendations=recs))
    return out


@login_required
def activity_new(request: HttpRequest, pk: int) -> HttpResponse:
    field = _field(request, pk)
    if not selectors.can_change_field(user=request.user, field=field):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = ActivityForm(data, files, initial={"date": timezone.localdate()})
    result_forms = [ResultForm(data, prefix=f"hasil{n}") for n in range(1, RESULT_SLOTS + 1)]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in result_forms):
        try:
            activity = services.activity_record(
                actor=request.user,
                field=field,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                date=form.cleaned_data["date"],
                place=form.cleaned_data["place"],
                participants=form.cleaned_data["participants"],
                minutes=form.cleaned_data.get("minutes"),
                results=_result_inputs(result_forms),
                submit="submit" in request.POST,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The activity has been recorded."))
            return redirect("coordination:activity", activity.pk)
    return render(
        request,
        "coordination/activity_form.html",
        {"field": field, "form": form, "result_forms": result_forms},
    )


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    field = activity.field
    results = list(activity.results.all())
    _mark_states(results)
    can_change = selectors.can_change_field(user=request.user, field=field)
    return render(
        request,
        "coordination/activity_detail.html",
        {
            "activity": activity,
            "field": field,
            "results": results,
            "can_change": can_change
            and (
                activity.status != RecordStatus.VERIFIED or services.can_verify(request.user, field)
            ),
            "can_followup": can_change,
            "can_submit": can_change and activity.status == RecordStatus.DRAFT,
            "can_verify": activity.status == RecordStatus.SUBMITTED
            and services.can_verify(request.user, field),
            "result_form": NewResultForm(initial={"date": activity.date}),
            "rec_form": RecommendationForm(),
        },
    )


@login_required
@require_POST
def activity_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    activity = _activity(request, pk)
    fn = {"kirim": services.activity_submit, "verifikasi": services.activity_verify}.get(step)
    if fn is None:
        raise Http404
    try:
        fn(actor=request.user, activity=activity)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The activity has been submitted.")
            if step == "kirim"
            else _("The activity has been verified."),
        )
    return redirect("coordination:activity", activity.pk)


def _post_form(request: HttpRequest, form: Any, service: Any, success: str, **target: Any) -> None:
    """Call ``service`` with the valid ``form``'s data and say how it went (a message: the form
    is a small one on the activity page, which the caller redirects back to)."""
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below.") + " " + form.errors.as_text())
        return
    try:
        service(actor=request.user, **target, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)


@login_required
@require_POST
def result_new(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    _post_form(
        request,
        NewResultForm(request.POST),
        services.result_add,
        _("The result has been added."),
        activity=activity,
    )
    return redirect("coordination:activity", activity.pk)


@login_required
@require_POST
def recommendation_new(request: HttpRequest, pk: int, result_pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    result = next((r for r in activity.results.all() if r.pk == result_pk), None)
    if result is None:
        raise Http404
    _post_form(
        request,
        RecommendationForm(request.POST),
        services.recommendation_add,
        _("The recommendation has been added."),
        result=result,
    )
    return redirect(f"{activity.get_absolute_url()}#hasil-{result.pk}")


def _recommendation(request: HttpRequest, pk: int) -> Recommendation:
    rec = (
        Recommendation.objects.filter(
            result__activity__in=CoordinationActivity.objects.for_user(request.user, Action.VIEW),
            pk=pk,
        )
        .select_related("result__activity__field__organisation")
        .prefetch_related("followups")
        .first()
    )
    if rec is None:
        raise Http404
    return rec


@login_required
def followup_new(request: HttpRequest, pk: int) -> HttpResponse:
    rec = _recommendation(request, pk)
    field = rec.result.activity.field
    if not selectors.can_change_field(user=request.user, field=field):
        raise PermissionDenied
    if request.method == "POST":
        form = FollowUpForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.followup_add(actor=request.user, recommendation=rec, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The follow-up has been recorded."))
                return redirect(f"{rec.result.activity.get_absolute_url()}#rekomendasi-{rec.pk}")
    else:
        form = FollowUpForm(initial={"date": timezone.localdate(), "status": "selesai"})
    return render(
        request,
        "coordination/followup_form.html",
        {"rec": rec, "field": field, "form": form, "state": selectors.recommendation_state(rec)},
    )


def _download(request: HttpRequest, stored: Any, file_attr: str) -> FileResponse:
    """A PDF or an image opens in the browser, ``?unduh=1`` and other types download."""
    return member_file_response(
        request,
        getattr(stored, file_attr),
        filename=stored.file_name or "berkas",
        content_type=stored.file_type,
    )


@login_required
def minutes_file(request: HttpRequest, pk: int) -> FileResponse:
    return _download(request, _activity(request, pk), "minutes")


@login_required
def followup_file(request: HttpRequest, pk: int) -> FileResponse:
    followup = FollowUp.objects.filter(
        recommendation__result__activity__in=CoordinationActivity.objects.for_user(
            request.user, Action.VIEW
        ),
        pk=pk,
    ).first()
    if followup is None:
        raise Http404
    return _download(request, followup, "evidence")


@login_required
def lineage(request: HttpRequest, indicator_pk: int, period: str) -> HttpResponse:
    """The computed value of an indicator in a period and the records behind it."""
    indicator = (
        Indicator.objects.for_user(request.user, Action.VIEW)
        .select_related("decree__organisation", "responsible_unit")
        .filter(pk=indicator_pk)
        .first()
    )
    if indicator is None or not can_act_in(
        request.user, Action.VIEW, indicator.decree.organisation
    ):
        raise Http404
    try:
        key = parse_period(period)
    except ValueError:
        raise Http404 from None
    organisation = indicator.decree.organisation
    result = compute_from_source(indicator, organisation, key)
    if result is None:
        raise Http404
    stored = (
        IndicatorValue.objects.for_user(request.user, Action.VIEW)
        .filter(indicator=indicator, organisation=organisation, period=str(key))
        .first()
    )
    from kinerja.core.aggregation import compute_value

    computed = (
        result.value
        if result.value is not None
        else compute_value(result.numerator, result.denominator, indicator.factor)
    )
    return render(
        request,
        "coordination/lineage.html",
        {
            "indicator": indicator,
            "period": key,
            "periods": [
                (str(p), period_label(p, with_year=False))
                for p in [Period.year_of(key.year), *quarters_of(key.year)]
            ],
            "current": str(key),
            "result": result,
            "rows": selectors.lineage_rows(result.records),
            "computed": "—" if computed is None else format_id(computed, indicator.decimals),
            "numerator": format_id(result.numerator, 0) if result.numerator is not None else "—",
            "denominator": format_id(result.denominator, 0)
            if result.denominator is not None
            else "—",
            "stored": stored,
            "stored_shown": "—"
            if stored is None or stored.value is None
            else format_id(stored.value, indicator.decimals),
            "changed": stored is not None
            and stored.is_locked
            and sources_changed_since_approval(stored),
        },
    )

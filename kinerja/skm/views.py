"""Pages of the SKM: the public questionnaire (no login), its QR poster, and the staff pages.

Staff pages: members of the kecamatan read; the Camat, the Perencana, the Admin Kabupaten and the
head of Seksi Pelayanan Umum change (``services.can_manage_skm``). Another kecamatan's user gets a
403, anonymous users the login page.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kinerja.accounts.access import Action, can_act_in, kecamatan_ids
from kinerja.common.downloads import private_download
from kinerja.core.skm import improvement_priorities
from kinerja.organisations.models import Organisation
from kinerja.reports.documents import CONTENT_TYPES
from kinerja.skm import paper, selectors, services
from kinerja.skm.forms import (
    HONEYPOT,
    ImportForm,
    ServiceForm,
    SurveyForm,
    UnsurFormSet,
    UserCountForm,
)
from kinerja.skm.models import Channel, Instrument, Response, ServiceType

DOWNLOAD_TYPES = {"csv": "text/csv; charset=utf-8", **CONTENT_TYPES}

# --- public questionnaire -----------------------------------------------------------------------

RATE_LIMIT = getattr(settings, "SKM_RATE_LIMIT", (10, 600))  # submissions, seconds, per client
KIOSK_RATE_FACTOR = 6  # a service-desk tablet serves many respondents from one address
DUPLICATE_WINDOW = 600  # seconds
KIOSK_RESET_SECONDS = 5


def attachment(body: bytes | str, *, fmt: str, filename: str) -> HttpResponse:
    """A download of the SKM pages (response export, paper template, report): ``fmt`` csv,
    xlsx or pdf, with the document system's content types."""
    return private_download(body, filename=filename, content_type=DOWNLOAD_TYPES[fmt])


def _client_hash(request: HttpRequest, *parts: str) -> str:
    ip = request.META.get("REMOTE_ADDR", "")
    raw = "|".join((settings.SECRET_KEY, ip, *parts))
    return hashlib.sha256(raw.encode()).hexdigest()


def _rate_limited(request: HttpRequest, kiosk: bool) -> bool:
    limit, window = RATE_LIMIT
    if kiosk:
        limit *= KIOSK_RATE_FACTOR
    key = "skm-rate:" + _client_hash(request)
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit


def _structure(token: str) -> selectors.SurveyStructure:
    structure = selectors.survey_structure(token)
    if structure is None:
        raise Http404
    return structure


@never_cache
def survey(request: HttpRequest, token: str, kiosk: bool = False) -> HttpResponse:
    """The public questionnaire. A submission costs one read of the questionnaire (raw SQL), the
    duplicate check and one write transaction (response, answers, two tally upserts)."""
    kiosk = kiosk or request.GET.get("kiosk") == "1"
    structure = _structure(token)
    form = SurveyForm(request.POST if request.method == "POST" else None, structure=structure)
    refusal = ""
    status = 200
    if request.method == "POST":
        if request.POST.get(HONEYPOT):
            refusal = _("Your answers could not be accepted. Please leave the hidden field empty.")
            status = 400
        elif _rate_limited(request, kiosk):
            refusal = _(
                "Too many questionnaires were sent from this device just now. Please wait a few "
                "minutes and send again; your answers are still here."
            )
            status = 429
        elif form.is_valid():
            service = ServiceType(
                id=int(form.cleaned_data["service"]), organisation_id=structure.organisation_id
            )
            fingerprint = _client_hash(request, request.META.get("HTTP_USER_AGENT", ""))
            item = services.ResponseInput(
                service=service,
                answers=form.answers(),
                gender=form.cleaned_data["gender"],
                age=form.cleaned_data["age"],
                education=form.cleaned_data["education"],
                occupation=form.cleaned_data["occupation"],
                saran=form.cleaned_data["saran"],
                channel=Channel.KIOSK if kiosk else Channel.ONLINE,
                fingerprint=fingerprint,
            )
            if not kiosk and services.is_duplicate(item=item, within_seconds=DUPLICATE_WINDOW):
                refusal = _(
                    "These very answers were already received from this device a moment ago. "
                    "They are counted once; there is no need to send them again."
                )
                status = 409
            else:
                instrument = Instrument(
                    id=structure.instrument_id, organisation_id=structure.organisation_id
                )
                try:
                    services.response_submit(
                        instrument=instrument, item=item, unsur_ids=structure.unsur_ids
                    )
                except ValidationError as exc:
                    refusal = " ".join(exc.messages)
                    status = 400
                else:
                    url = reverse("skm:thanks", args=[token])
                    return redirect(f"{url}?kiosk=1" if kiosk else url)
        else:
            refusal = _("Some answers are missing or not valid; please check the marked questions.")
            status = 400
    return render(
        request,
        "skm/survey.html",
        {
            "form": form,
            "structure": structure,
            "kiosk": kiosk,
            "refusal": refusal,
        },
        status=status,
    )


def kiosk(request: HttpRequest, token: str) -> HttpResponse:
    return survey(request, token, kiosk=True)


def thanks(request: HttpRequest, token: str) -> HttpResponse:
    structure = _structure(token)
    kiosk_mode = request.GET.get("kiosk") == "1"
    form_url = reverse("skm:kiosk" if kiosk_mode else "skm:survey", args=[token])
    return render(
        request,
        "skm/thanks.html",
        {
            "organisation_name": structure.organisation_name,
            "kiosk": kiosk_mode,
            "form_url": form_url,
            "reset_seconds": KIOSK_RESET_SECONDS,
        },
    )


# --- staff pages --------------------------------------------------------------------------------


def _organisation(request: HttpRequest, action: Action = Action.VIEW) -> Organisation:
    """The kecamatan of the page: ``?organisasi=<code>``, else the user's own (first) one."""
    code = request.GET.get("organisasi") or request.POST.get("organisasi")
    organisation: Organisation | None
    if code:
        organisation = get_object_or_404(Organisation, code=code, level="kecamatan")
    else:
        ids = kecamatan_ids(request.user)
        qs = Organisation.objects.filter(level="kecamatan").order_by("code")
        if ids is not None:
            qs = qs.filter(pk__in=ids)
        organisation = qs.first()
        if organisation is None:
            raise PermissionDenied
    if not can_act_in(request.user, Action.VIEW, organisation):
        raise PermissionDenied
    if action == Action.CHANGE and not services.can_manage_skm(request.user, organisation):
        raise PermissionDenied
    return organisation


def _int(value: str | None, low: int, high: int) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if low <= number <= high else None


def _period(request: HttpRequest, organisation: Organisation) -> tuple[int, int | None]:
    years = selectors.skm_years(organisation)
    default = years[-1] if years else _today().year
    return _int(request.GET.get("tahun"), 2000, 2100) or default, _int(
        request.GET.get("triwulan"), 1, 4
    )


def _today() -> Any:
    from django.utils import timezone

    return timezone.localdate()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    year, quarter = _period(request, organisation)
    service_list = list(selectors.services_of(organisation))
    service_id = _int(request.GET.get("layanan"), 1, 2**31)
    service = next((s for s in service_list if s.pk == service_id), None)
    result = selectors.skm_index(
        organisation=organisation, year=year, quarter=quarter, service=service
    )
    interval = None
    priorities: list[Any] = []
    if result is not None:
        interval = selectors.skm_interval(
            organisation=organisation, year=year, quarter=quarter, service=service, index=result
        )
        priorities = improvement_priorities(result.result)[:3]
    groups = []
    if result is not None and service is None:
        labels = {
            "gender": _("Sex"),
            "age_band": _("Age"),
            "education": _("Education"),
            "occupation": _("Occupation"),
        }
        profile = selectors.skm_profile(organisation=organisation, year=year, quarter=quarter)
        for group, label in labels.items():
            by_index = {
                value: idx
                for value, _label, idx in selectors.skm_index_by_group(
                    organisation=organisation, year=year, quarter=quarter, group=group
                )
            }
            rows = [
                (lab or _("Unknown"), count, by_index.get(value))
                for value, lab, count in profile[group]
                if count
            ]
            groups.append((label, rows))
    instrument = selectors.instrument_active(organisation)
    return render(
        request,
        "skm/index.html",
        {
            "organisation": organisation,
            "year": year,
            "quarter": quarter,
            "service": service,
            "services": service_list,
            "years": sorted({*selectors.skm_years(organisation), _today().year}),
            "index": result,
            "interval": interval,
            "priorities": priorities,
            "groups": groups,
            "sample": selectors.skm_sample_check(
                organisation=organisation, year=year, quarter=quarter
            ),
            "instrument": instrument,
            "can_manage": services.can_manage_skm(request.user, organisation),
        },
    )


@login_required
def instrument_edit(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    can_manage = services.can_manage_skm(request.user, organisation)
    instrument = selectors.instrument_active(organisation)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    if instrument is None:
        if request.method == "POST":
            services.instrument_create_default(actor=request.user, organisation=organisation)
            messages.success(request, _("The default questionnaire was created."))
            return redirect(f"{reverse('skm:instrument')}?organisasi={organisation.code}")
        return render(
            request,
            "skm/instrument.html",
            {"organisation": organisation, "instrument": None, "can_manage": can_manage},
        )
    initial = [
        {
            "code": u.code,
            "name": u.name,
            "question": u.question,
            "label_1": u.label_1,
            "label_2": u.label_2,
            "label_3": u.label_3,
            "label_4": u.label_4,
            "weight": f"{u.weight_numerator}/{u.weight_denominator}",
        }
        for u in instrument.unsur.order_by("order")
    ]
    formset = UnsurFormSet(request.POST or None, initial=initial, prefix="unsur")
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        specs = [
            f.spec() for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            services.instrument_unsur_save(actor=request.user, instrument=instrument, specs=specs)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("The questionnaire was saved."))
            return redirect(f"{reverse('skm:instrument')}?organisasi={organisation.code}")
    return render(
        request,
        "skm/instrument.html",
        {
            "organisation": organisation,
            "instrument": instrument,
            "formset": formset,
            "errors": errors,
            "can_manage": can_manage,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def service_list(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    can_manage = services.can_manage_skm(request.user, organisation)
    service_items = list(selectors.services_of(organisation))
    form = ServiceForm(request.POST or None) if request.method == "POST" else ServiceForm()
    count_form = UserCountForm(services=service_items)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.service_save(
                    actor=request.user, organisation=organisation, **form.cleaned_data
                )
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                messages.success(request, _("The service was added."))
                return redirect(f"{reverse('skm:services')}?organisasi={organisation.code}")
    instrument = selectors.instrument_active(organisation)
    return render(
        request,
        "skm/services.html",
        {
            "organisation": organisation,
            "services": service_items,
            "instrument": instrument,
            "form": form,
            "count_form": count_form,
            "count_years": selectors.service_user_counts(organisation=organisation),
            "can_manage": can_manage,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def user_count(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request, Action.CHANGE)
    service_items = list(selectors.services_of(organisation))
    form = UserCountForm(
        request.POST or None, services=service_items, initial={"year": _today().year}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        service = next(s for s in service_items if str(s.pk) == d["service"])
        try:
            services.service_user_count_set(
                actor=request.user,
                service=service,
                year=d["year"],
                quarter=d["quarter"],
                users=d["users"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("The number of service users was saved."))
            return redirect(f"{reverse('skm:services')}?organisasi={organisation.code}")
    return render(
        request,
        "skm/user_count.html",
        {"organisation": organisation, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _service_of_user(request: HttpRequest, pk: int) -> ServiceType:
    service = get_object_or_404(ServiceType.objects.select_related("organisation"), pk=pk)
    if not can_act_in(request.user, Action.VIEW, service.organisation):
        raise PermissionDenied
    return service


@login_required
def poster(request: HttpRequest, pk: int, ext: str) -> HttpResponse:
    """A printable QR code of the service's questionnaire link (SVG or PNG, by segno)."""
    import segno

    service = _service_of_user(request, pk)
    url = request.build_absolute_uri(reverse("skm:survey", args=[service.token]))
    qr = segno.make(url, error="m")
    out = io.BytesIO()
    if ext == "svg":
        qr.save(out, kind="svg", scale=10, border=4, title=f"SKM {service.name}")
        content_type = "image/svg+xml"
    else:
        qr.save(out, kind="png", scale=10, border=4)
        content_type = "image/png"
    response = HttpResponse(out.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="skm-poster-{service.pk}.{ext}"'
    return response


@login_required
def poster_page(request: HttpRequest, pk: int) -> HttpResponse:
    service = _service_of_user(request, pk)
    url = request.build_absolute_uri(reverse("skm:survey", args=[service.token]))
    return render(
        request,
        "skm/poster.html",
        {"service": service, "organisation": service.organisation, "url": url},
    )


@login_required
def responses(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    year, quarter = _period(request, organisation)
    service_id = _int(request.GET.get("layanan"), 1, 2**31)
    qs = Response.objects.for_user(request.user, Action.VIEW).filter(
        organisation=organisation, year=year
    )
    if quarter:
        qs = qs.filter(quarter=quarter)
    if service_id:
        qs = qs.filter(service_id=service_id)
    qs = qs.select_related("service").prefetch_related("answers__unsur")
    instrument = selectors.instrument_active(organisation)
    codes = [u.code for u in instrument.unsur.order_by("order")] if instrument else []
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        body = paper.export_csv(qs, codes) if fmt == "csv" else paper.export_xlsx(qs, codes)
        return attachment(body, fmt=fmt, filename=f"skm-{year}.{fmt}")
    rows = list(qs[:200])
    table = [
        (r, [{a.unsur.code: a.value for a in r.answers.all()}.get(c) for c in codes]) for r in rows
    ]
    return render(
        request,
        "skm/responses.html",
        {
            "organisation": organisation,
            "year": year,
            "quarter": quarter,
            "service_id": service_id,
            "services": list(selectors.services_of(organisation)),
            "years": sorted({*selectors.skm_years(organisation), _today().year}),
            "codes": codes,
            "table": table,
            "total": qs.count(),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def paper_import(request: HttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    can_manage = services.can_manage_skm(request.user, organisation)
    instrument = selectors.instrument_active(organisation)
    codes = [u.code for u in instrument.unsur.order_by("order")] if instrument else []
    service_names = [s.name for s in selectors.services_of(organisation)]
    fmt = request.GET.get("template")
    if fmt in ("csv", "xlsx") and instrument is not None:
        if fmt == "csv":
            body = paper.template_csv(codes, service_names[0] if service_names else "")
        else:
            body = paper.template_xlsx(codes, service_names)
        return attachment(body, fmt=fmt, filename=f"template-skm.{fmt}")
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if instrument is None:
            form.add_error(None, _("Create the questionnaire first."))
        elif form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = paper.read_rows(upload.name, upload.read())
            except ValueError as exc:
                form.add_error("file", str(exc))
            else:
                report = services.responses_import(
                    actor=request.user, instrument=instrument, rows=rows
                )
                if report.ok:
                    messages.success(
                        request,
                        _("%(n)s questionnaires were stored.") % {"n": report.stored},
                    )
                    return redirect(f"{reverse('skm:paper')}?organisasi={organisation.code}")
        status = 400
    return render(
        request,
        "skm/paper.html",
        {
            "organisation": organisation,
            "form": form,
            "report": report,
            "can_manage": can_manage,
            "instrument": instrument,
        },
        status=status,
    )

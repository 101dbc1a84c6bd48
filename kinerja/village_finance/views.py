"""Pages of the village budget-document register. Thin: selectors read, services write.

A kecamatan the user may not read is a 404; a form the user may not use is a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action
from kinerja.common.downloads import member_file_response
from kinerja.core.numbers import format_id
from kinerja.core.periods import parse_period
from kinerja.organisations.models import Organisation
from kinerja.village_finance import selectors, services
from kinerja.village_finance.forms import (
    DeadlinesForm,
    EvaluateForm,
    PaperDateForm,
    SubmitForm,
    add_service_errors,
)
from kinerja.village_finance.models import APBDesDocument, DocumentKey, SPJReport


def _kecamatan(request: HttpRequest, pk: int) -> Organisation:
    kecamatan = selectors.kecamatan_get(user=request.user, pk=pk)
    if kecamatan is None:
        raise Http404
    return kecamatan


@login_required
def index(request: HttpRequest) -> HttpResponse:
    kecamatan = selectors.kecamatan_list(user=request.user)
    if not kecamatan:
        raise Http404
    return redirect("village_finance:board", kecamatan[0].pk, timezone.localdate().year)


@login_required
def board(request: HttpRequest, kecamatan_id: int, year: int) -> HttpResponse:
    kecamatan = _kecamatan(request, kecamatan_id)
    data = selectors.village_board(user=request.user, kecamatan=kecamatan, year=year)
    if data is None:
        raise Http404
    return render(
        request,
        "village_finance/board.html",
        {
            "board": data,
            "years": [year - 1, year + 1],
            "periods": [str(year), *(f"{year}Q{q}" for q in range(1, 5))],
        },
    )


@login_required
def document(
    request: HttpRequest, kecamatan_id: int, year: int, village_id: int, key: str
) -> HttpResponse:
    kecamatan = _kecamatan(request, kecamatan_id)
    village = services.villages_of(kecamatan).filter(pk=village_id).first()
    if village is None or key not in DocumentKey.values:
        raise Http404
    doc_key = DocumentKey(key)
    current = services.document_get(village, year, doc_key)
    may_submit = services.can_submit(request.user, village)
    may_evaluate = services.can_evaluate(request.user, kecamatan)
    submit_form = SubmitForm()
    evaluate_form = EvaluateForm()
    paper_form = PaperDateForm(
        initial={"paper_date": current.paper_date, "note": current.paper_note} if current else None
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "submit":
                if not may_submit:
                    raise PermissionDenied
                submit_form = SubmitForm(request.POST, request.FILES)
                if submit_form.is_valid():
                    services.document_submit(
                        actor=request.user,
                        village=village,
                        year=year,
                        document=doc_key,
                        upload=submit_form.cleaned_data["file"],
                        notes=submit_form.cleaned_data["notes"] or None,
                    )
                    messages.success(request, _("The submission has been recorded."))
                    return redirect(request.path)
            elif action == "evaluate":
                if not may_evaluate or current is None:
                    raise PermissionDenied
                evaluate_form = EvaluateForm(request.POST)
                if evaluate_form.is_valid():
                    services.document_evaluate(
                        actor=request.user,
                        document=current,
                        result=evaluate_form.cleaned_data["result"],
                        notes=evaluate_form.cleaned_data["notes"],
                    )
                    messages.success(request, _("The evaluation has been saved."))
                    return redirect(request.path)
            elif action == "confirm_paper":
                if not may_evaluate or current is None:
                    raise PermissionDenied
                paper_form = PaperDateForm(request.POST)
                if paper_form.is_valid():
                    services.document_paper_date_confirm(
                        actor=request.user,
                        document=current,
                        paper_date=paper_form.cleaned_data["paper_date"],
                        note=paper_form.cleaned_data["note"],
                    )
                    messages.success(request, _("The paper handover date has been confirmed."))
                    return redirect(request.path)
            else:
                raise PermissionDenied
        except ValidationError as exc:
            forms_by_action = {
                "submit": submit_form,
                "evaluate": evaluate_form,
                "confirm_paper": paper_form,
            }
            add_service_errors(forms_by_action[str(action)], exc)
    deadline = services.deadline_of(kecamatan, year, doc_key)
    cell = selectors.cell_for(doc_key, deadline, current, timezone.localdate())
    return render(
        request,
        "village_finance/document.html",
        {
            "kecamatan": kecamatan,
            "year": year,
            "village": village,
            "key": doc_key,
            "cell": cell,
            "document": current,
            "history": selectors.document_history(current) if current else [],
            "submit_form": submit_form if may_submit and cell.status != "benar" else None,
            "evaluate_form": evaluate_form
            if may_evaluate and current and current.submitted_on
            else None,
            # an earlier paper date is confirmed for an uploaded file, by the evaluating section
            "paper_form": paper_form if may_evaluate and current and current.file else None,
        },
    )


@login_required
def document_file(request: HttpRequest, kind: str, pk: int) -> FileResponse:
    model = {"apbdes": APBDesDocument, "spj": SPJReport}.get(kind)
    if model is None:
        raise Http404
    doc = model.objects.for_user(request.user, Action.VIEW).filter(pk=pk).first()
    if doc is None or not doc.file:
        raise Http404
    return member_file_response(
        request, doc.file, filename=doc.original_name, content_type=doc.content_type
    )


@login_required
def deadlines(request: HttpRequest, kecamatan_id: int, year: int) -> HttpResponse:
    kecamatan = _kecamatan(request, kecamatan_id)
    if not services.can_set_deadlines(request.user, kecamatan):
        raise PermissionDenied
    current = services.deadlines_for(kecamatan, year)
    form = DeadlinesForm(initial=current)
    if request.method == "POST":
        form = DeadlinesForm(request.POST)
        if form.is_valid():
            try:
                services.fiscal_year_settings_save(
                    actor=request.user, kecamatan=kecamatan, year=year, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The deadlines have been saved."))
                return redirect("village_finance:board", kecamatan.pk, year)
    return render(
        request,
        "village_finance/deadlines.html",
        {"kecamatan": kecamatan, "year": year, "form": form, "stored": current["stored"]},
    )


@login_required
def lineage(request: HttpRequest, kecamatan_id: int, period: str) -> HttpResponse:
    kecamatan = _kecamatan(request, kecamatan_id)
    try:
        key = parse_period(period)
    except ValueError:
        raise Http404 from None
    data = selectors.village_budget_lineage(user=request.user, kecamatan=kecamatan, period=key)
    if data is None:
        raise Http404
    decimals = data.indicator.decimals
    return render(
        request,
        "village_finance/lineage.html",
        {
            "kecamatan": kecamatan,
            "lineage": data,
            "year": key.year,
            "computed": format_id(data.result.value, decimals),
            "stored_value": format_id(data.stored.value, decimals) if data.stored else "—",
        },
    )

"""Pages of IKU decrees. Thin: selectors read (through ``for_user``), services write.

A decree the user may not see is a 404; one the user may see but not change is a 403 on every
page or POST that changes it; anonymous users are sent to the login page first.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts.access import Action, can_act_in
from kinerja.iku import selectors, services
from kinerja.iku.forms import DecreeForm, GoalForm, IndicatorForm, add_service_errors
from kinerja.iku.models import ClauseSection, Decree


def _decree(request: HttpRequest, pk: int, action: Action = Action.VIEW) -> Decree:
    """The decree, if the user may ``action`` it: 404 when not visible, 403 when not changeable."""
    decree = selectors.decree_get(user=request.user, pk=pk)
    if decree is None:
        raise Http404
    if action == Action.CHANGE and not can_act_in(request.user, Action.CHANGE, decree.organisation):
        raise PermissionDenied
    return decree


def decree_list(request: HttpRequest) -> HttpResponse:
    can_create = selectors.organisations_for_change(user=request.user).exists()
    return render(
        request,
        "iku/decree_list.html",
        {"decrees": selectors.decree_list(user=request.user), "can_create": can_create},
    )


def decree_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decree = _decree(request, pk)
    context = selectors.decree_document_context(decree)
    context["can_change"] = can_act_in(request.user, Action.CHANGE, decree.organisation)
    context["can_see_history"] = can_act_in(request.user, Action.VIEW, decree.organisation)
    return render(request, "iku/decree_detail.html", context)


def _save_decree(request: HttpRequest, form: DecreeForm, decree: Decree | None) -> Decree:
    data = form.cleaned_data
    with transaction.atomic():
        if decree is None:
            decree = services.decree_create(
                actor=request.user, organisation=data["organisation"], **form.decree_fields()
            )
        else:
            decree = services.decree_update(
                actor=request.user, decree=decree, **form.decree_fields()
            )
        for section in DecreeForm.LISTS:
            services.decree_set_clauses(
                actor=request.user,
                decree=decree,
                section=ClauseSection(section),
                items=data[f"{section}_items"],
            )
        services.decree_set_dicta(actor=request.user, decree=decree, dicta=data["dicta"])
    return decree


def _decree_form(request: HttpRequest, decree: Decree | None) -> HttpResponse:
    kwargs: dict[str, Any] = {
        "organisations": selectors.organisations_for_change(user=request.user),
        "officials": selectors.officials_for_change(user=request.user),
        "decree": decree,
    }
    if request.method == "POST":
        form = DecreeForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                saved = _save_decree(request, form, decree)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The decree has been saved."))
                return redirect("iku:decree-detail", pk=saved.pk)
    else:
        form = DecreeForm(**kwargs)
    return render(request, "iku/decree_form.html", {"form": form, "decree": decree})


@login_required
def decree_create(request: HttpRequest) -> HttpResponse:
    if not selectors.organisations_for_change(user=request.user).exists():
        raise PermissionDenied
    return _decree_form(request, None)


@login_required
def decree_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _decree_form(request, _decree(request, pk, Action.CHANGE))


@login_required
@require_POST
def decree_put_in_force(request: HttpRequest, pk: int) -> HttpResponse:
    decree = _decree(request, pk, Action.CHANGE)
    try:
        services.decree_put_in_force(actor=request.user, decree=decree)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The decree is now in force."))
    return redirect("iku:decree-detail", pk=decree.pk)


@login_required
@require_POST
def decree_copy(request: HttpRequest, pk: int) -> HttpResponse:
    decree = _decree(request, pk, Action.CHANGE)
    copy = services.decree_copy(actor=request.user, source=decree)
    messages.success(request, _("A new draft has been made as a copy of the decree."))
    return redirect("iku:decree-detail", pk=copy.pk)


@login_required
def decree_history(request: HttpRequest, pk: int) -> HttpResponse:
    decree = _decree(request, pk)
    # The audit trail names the staff who acted: members of the organisation only.
    if not can_act_in(request.user, Action.VIEW, decree.organisation):
        raise PermissionDenied
    return render(
        request,
        "iku/decree_history.html",
        {"decree": decree, "entries": selectors.decree_history(decree=decree)},
    )


@login_required
def goal_edit(request: HttpRequest, pk: int, goal_pk: int | None = None) -> HttpResponse:
    decree = _decree(request, pk, Action.CHANGE)
    goal = get_object_or_404(decree.goals, pk=goal_pk) if goal_pk is not None else None
    if request.method == "POST":
        form = GoalForm(request.POST)
        if form.is_valid():
            try:
                services.goal_save(
                    actor=request.user,
                    decree=decree,
                    goal=goal,
                    statement=form.cleaned_data["statement"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The kinerja utama has been saved."))
                return redirect("iku:decree-detail", pk=decree.pk)
    else:
        form = GoalForm(initial={"statement": goal.statement} if goal else None)
    return render(request, "iku/goal_form.html", {"form": form, "decree": decree, "goal": goal})


@login_required
def indicator_edit(request: HttpRequest, pk: int, indicator_pk: int | None = None) -> HttpResponse:
    decree = _decree(request, pk, Action.CHANGE)
    indicator = None
    if indicator_pk is not None:
        indicator = get_object_or_404(decree.indicators.active(), pk=indicator_pk)
    if request.method == "POST":
        form = IndicatorForm(request.POST, decree=decree, instance=indicator)
        if form.is_valid():
            try:
                if indicator is None:
                    services.indicator_create(
                        actor=request.user, decree=decree, **form.indicator_fields()
                    )
                else:
                    services.indicator_update(
                        actor=request.user, indicator=indicator, **form.indicator_fields()
                    )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The indicator has been saved."))
                return redirect("iku:decree-detail", pk=decree.pk)
    else:
        form = IndicatorForm(decree=decree, instance=indicator)
    return render(
        request,
        "iku/indicator_form.html",
        {"form": form, "decree": decree, "indicator": indicator},
    )


@login_required
def indicator_archive(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    """GET asks for confirmation, POST archives."""
    decree = _decree(request, pk, Action.CHANGE)
    indicator = get_object_or_404(decree.indicators.active(), pk=indicator_pk)
    if request.method == "POST":
        services.indicator_archive(actor=request.user, indicator=indicator)
        messages.success(request, _("The indicator has been archived."))
        return redirect("iku:decree-detail", pk=decree.pk)
    return render(request, "iku/indicator_archive.html", {"decree": decree, "indicator": indicator})

"""The performance dashboard of a kecamatan (/kinerja/). Thin: the numbers come from
``selectors.performance_table``; this module only picks the organisation and year and formats.

Anonymous visitors are sent to the login page: the dashboard shows unapproved work in progress;
the public reads approved values through the API (docs/dashboard.md).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, can_act_in, kecamatan_ids, memberships_of
from kinerja.charts import trend_chart
from kinerja.common.periods import period_label
from kinerja.core.deadlines import deadline
from kinerja.core.numbers import EM_DASH, format_id
from kinerja.core.periods import parse_period
from kinerja.measurement import selectors
from kinerja.measurement.lineage import sources_changed_since_approval
from kinerja.measurement.models import IndicatorValue, ValueStatus
from kinerja.organisations.models import Level, Organisation


def _visible_kecamatan(user: Any) -> list[Organisation]:
    ids = kecamatan_ids(user)
    kecamatan = Organisation.objects.filter(level=Level.KECAMATAN).order_by("code")
    return list(kecamatan if ids is None else kecamatan.filter(pk__in=ids))


def _organisation(request: HttpRequest, visible: list[Organisation]) -> Organisation:
    """``?organisasi=`` when the user may see it (404 otherwise), else the user's own kecamatan,
    else the default kecamatan, else the first the user may see."""
    code = request.GET.get("organisasi", "").strip()
    if code:
        for organisation in visible:
            if organisation.code == code:
                return organisation
        raise Http404
    for membership in memberships_of(request.user):
        if membership.organisation.level == Level.KECAMATAN:
            return membership.organisation
    for organisation in visible:
        if organisation.code == settings.KINERJA_DEFAULT_ORGANISATION:
            return organisation
    if not visible:
        raise Http404
    return visible[0]


def _year(request: HttpRequest, years: list[int], today_year: int) -> int:
    raw = request.GET.get("tahun", "").strip()
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    if today_year in years or not years:
        return today_year
    return years[0]


def _number(value: Any, places: int) -> str:
    return format_id(value, places) if value is not None else EM_DASH


def lineage_url(indicator: Any, organisation: Organisation, period: str) -> str:
    """The page listing the records behind a computed value: the lineage page of its register
    (coordination, village budget documents) or the SKM index; "" for manual indicators."""
    if indicator.value_source == "skm":
        return reverse("skm:index")
    if indicator.value_source != "register":
        return ""
    params = indicator.source_params if isinstance(indicator.source_params, dict) else {}
    register = params.get("register", "")
    if register == "coordination":
        return reverse("coordination:lineage", args=[indicator.pk, period])
    if register == "village_budget":
        return reverse("village_finance:lineage", args=[organisation.pk, period])
    return ""


def _cell_view(
    cell: selectors.Cell,
    indicator: Any,
    label: str,
    *,
    organisation: Organisation | None = None,
    stored: IndicatorValue | None = None,
) -> dict[str, Any]:
    places = indicator.decimals
    if indicator.scale:
        target = cell.target_grade or EM_DASH
        realization = cell.grade or EM_DASH
    else:
        target = _number(cell.target, places)
        if cell.target_upper is not None:
            target = f"{target} – {_number(cell.target_upper, places)}"
        realization = _number(cell.realization, places)
    components = ""
    if cell.numerator is not None and cell.denominator is not None:
        components = f"{format_id(cell.numerator, 0 if cell.numerator == cell.numerator.to_integral() else 2)}"
        components += f" / {format_id(cell.denominator, 0 if cell.denominator == cell.denominator.to_integral() else 2)}"
    return {
        "period": cell.period,
        "label": label,
        "target": target,
        "realization": realization,
        "components": components,
        "achievement": (format_id(cell.achievement, 2) + " %")
        if cell.achievement is not None
        else EM_DASH,
        "predikat": cell.predikat,
        "colour": cell.colour or "none",
        "status": ValueStatus(cell.status).label if cell.status else "",
        "status_key": cell.status or "",
        "derived": cell.value_id is None,
        "lineage_url": lineage_url(indicator, organisation, cell.period)
        if organisation is not None and not (stored is not None and stored.source == "override")
        else "",
        "overridden": stored is not None and stored.source == "override",
        "override_reason": stored.override_reason if stored is not None else "",
        "sources_changed": stored is not None and sources_changed_since_approval(stored),
    }


def _indicator_view(
    row: selectors.IndicatorRow,
    projection: selectors.Projection,
    year: int,
    organisation: Organisation | None = None,
    stored: dict[int, IndicatorValue] | None = None,
) -> dict[str, Any]:
    indicator = row.indicator
    stored = stored or {}

    def view(cell: selectors.Cell, label: str, own: bool = True) -> dict[str, Any]:
        return _cell_view(
            cell,
            indicator,
            label,
            organisation=organisation if own else None,
            stored=stored.get(cell.value_id) if cell.value_id else None,
        )

    lines = [view(c, c.label) for c in row.quarters]
    for cell in row.year_to_date[1:3]:
        lines.append(view(cell, _("to %(quarter)s") % {"quarter": cell.label}, own=False))
    lines.append(view(row.year, period_label(row.year.period)))
    chart = trend_chart(
        labels=[c.label for c in row.quarters],
        realizations=[c.realization for c in row.quarters],
        targets=[c.target for c in row.quarters],
        colours=[c.colour for c in row.quarters],
        title=_("Trend of IKU %(code)s in %(year)s") % {"code": indicator.code, "year": year},
        desc=_("Realization per quarter as bars coloured by predikat; target as a dashed line."),
        decimals=indicator.decimals,
        target_label=_("Target"),
        realization_label=_("Realization"),
        chart_id=f"trend-{indicator.pk}",
    )
    return {
        "indicator": indicator,
        "lines": lines,
        "year": lines[-1],
        "chart": mark_safe(chart),  # noqa: S308 - built by kinerja.charts, every text escaped
        "projection": {
            "value": _number(
                projection.projected.value if projection.projected else None, indicator.decimals
            ),
            "achievement": (format_id(projection.achievement, 2) + " %")
            if projection.achievement is not None
            else EM_DASH,
            "predikat": projection.predikat,
            "colour": projection.colour or "none",
            "risk": projection.risk.value,
            "quarters": projection.quarters_reported,
        },
    }


def _reminders(user: Any, organisation: Organisation, today: Any) -> list[dict[str, Any]]:
    """The "Pengingat" list: overdue coordination recommendations and village documents due,
    per responsible section (village documents are Seksi Pemerintahan's, who verifies them)."""
    from kinerja.coordination.selectors import overdue_recommendations
    from kinerja.village_finance.selectors import village_documents_due

    sections: dict[str, dict[str, Any]] = {}
    for unit, overdue in overdue_recommendations(user=user, organisation=organisation, today=today):
        section = sections.setdefault(
            unit.name, {"name": unit.name, "recommendations": [], "documents": []}
        )
        section["recommendations"].extend(overdue)
    documents = village_documents_due(user=user, organisation=organisation, today=today)
    if documents:
        from kinerja.village_finance.services import DEFAULT_UNIT_NAME, register_indicators

        units = [i.responsible_unit for i in register_indicators(organisation)]
        name = next((u.name for u in units if u is not None), DEFAULT_UNIT_NAME)
        sections.setdefault(name, {"name": name, "recommendations": [], "documents": []})[
            "documents"
        ].extend(documents)
    return list(sections.values())


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    visible = _visible_kecamatan(request.user)
    organisation = _organisation(request, visible)
    if not can_act_in(request.user, Action.VIEW, organisation):
        raise Http404
    today = timezone.localdate()
    years = selectors.years_with_data(user=request.user, organisation=organisation)
    year = _year(request, years, today.year)
    assessment = selectors.assessment_for(organisation)
    rows = selectors.performance_table(
        user=request.user, organisation=organisation, year=year, assessment=assessment
    )
    projections = selectors.projections(rows, assessment=assessment)
    board = selectors.completeness_board(rows, today=today, deadline_days=assessment.deadline_days)
    quarters = [parse_period(f"{year}Q{i}") for i in range(1, 5)]
    value_ids = [c.value_id for r in rows for c in [*r.quarters, r.year] if c.value_id]
    stored = {
        v.pk: v
        for v in IndicatorValue.objects.filter(pk__in=value_ids).select_related(
            "indicator", "organisation"
        )
    }
    return render(
        request,
        "measurement/dashboard.html",
        {
            "organisation": organisation,
            "organisations": visible if len(visible) > 1 else [],
            "year": year,
            "years": sorted(set(years) | {year, today.year}, reverse=True),
            "indicators": [
                _indicator_view(row, projection, year, organisation, stored)
                for row, projection in zip(rows, projections, strict=True)
            ],
            "quarters": [
                {
                    "key": str(q),
                    "label": period_label(q, with_year=False),
                    "deadline": deadline(q, assessment.deadline_days),
                }
                for q in quarters
            ],
            "board": [
                {
                    "name": section.name,
                    "cells": [section.by_quarter.get(str(q), []) for q in quarters],
                    "overdue": section.overdue_count,
                    "missing": section.missing_count,
                }
                for section in board
            ],
            "at_risk": [p for p in projections if p.risk.value == "at_risk"],
            "deadline_days": assessment.deadline_days,
            "at_risk_below": format_id(assessment.at_risk_below, 0),
            "today": today,
            "reminders": _reminders(request.user, organisation, today),
        },
    )

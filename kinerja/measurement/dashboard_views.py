"""The performance dashboard of a kecamatan (/kinerja/). Thin: the numbers come from
``selectors.performance_table``; this module only picks the organisation and year and formats.

Anonymous visitors are sent to the login page: the dashboard shows unapproved work in progress;
the public reads approved values through the API (docs/dashboard.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from kinerja.accounts.access import kecamatan_for_user, kecamatan_ids, organisation_for_request
from kinerja.accounts.models import Role
from kinerja.charts import AchievementBar, achievement_chart, trend_chart
from kinerja.common.periods import period_label
from kinerja.core.deadlines import deadline
from kinerja.core.numbers import EM_DASH, format_id, format_percent
from kinerja.core.periods import parse_period
from kinerja.measurement import selectors
from kinerja.measurement.lineage import sources_changed_since_approval
from kinerja.measurement.models import IndicatorValue, ValueStatus
from kinerja.measurement.sources import (
    ReminderItem,
    ReminderKind,
    lineage_url,
    sources,
)
from kinerja.organisations.models import Organisation

YEARS_BACK = 30
YEARS_AHEAD = 5
"""The picker's window around the current year (a PK typed for 2202 does not add 180 years)."""


@dataclass(frozen=True)
class YearChoice:
    """The year the dashboard shows, the years its picker offers (descending) and a notice when
    the shown year is not the current one or not the one asked for."""

    year: int
    choices: list[int]
    notice: str = ""


def choose_year(
    raw: str, *, data_years: Iterable[int], value_years: Iterable[int], today_year: int
) -> YearChoice:
    """The year of ``?tahun=`` (``raw``) when it is one of the picker's years, else the default.

    The picker offers every year from the earliest to the latest that has values or a PK, and the
    current year (a contiguous range, so a year without data between two with data stays
    reachable); a year of data more than ``YEARS_BACK`` before or ``YEARS_AHEAD`` after the
    current one is taken for a typing error and left out. The default is the latest year up to the current one that has values (targets
    alone are not data to look at), the current year when no year has any; a notice says so when
    that is not the current year. Anything else in ``?tahun=`` (not four ASCII digits, a year
    outside the range) falls back to the default with a notice, never an error (docs/dashboard.md).
    """

    def sensible(year: int) -> bool:
        return today_year - YEARS_BACK <= year <= today_year + YEARS_AHEAD

    values = {y for y in value_years if sensible(y)}
    known = {y for y in data_years if sensible(y)} | values | {today_year}
    choices = list(range(max(known), min(known) - 1, -1))
    past = [y for y in values if y <= today_year]
    default = max(past) if past else today_year
    raw = raw.strip()
    if raw and len(raw) == 4 and raw.isascii() and raw.isdigit() and int(raw) in choices:
        return YearChoice(int(raw), choices)
    if raw and raw.isascii() and raw.isdigit() and len(raw) <= 6:
        notice = _("%(asked)s is not available (years %(first)s–%(last)s); showing %(shown)s.") % {
            "asked": raw,
            "first": choices[-1],
            "last": choices[0],
            "shown": default,
        }
    elif raw:
        notice = _("“%(asked)s” is not a year; showing %(shown)s.") % {
            "asked": Truncator(raw).chars(12),
            "shown": default,
        }
    elif default != today_year:
        notice = _("%(current)s has no realization data yet; showing %(shown)s.") % {
            "current": today_year,
            "shown": default,
        }
    else:
        notice = ""
    return YearChoice(default, choices, notice)


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
        target = format_id(cell.target, places)
        if cell.target_upper is not None:
            target = f"{target} – {format_id(cell.target_upper, places)}"
        realization = format_id(cell.realization, places)
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
        "achievement": format_percent(cell.achievement),
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
        "year_cell": row.year,
        "chart": mark_safe(chart),  # noqa: S308 - built by kinerja.charts, every text escaped
        "projection": {
            "value": format_id(
                projection.projected.value if projection.projected else None, indicator.decimals
            ),
            "achievement": format_percent(projection.achievement),
            "predikat": projection.predikat,
            "colour": projection.colour or "none",
            "risk": projection.risk.value,
            "quarters": projection.quarters_reported,
        },
    }


def _section_of(indicator: Any) -> str:
    unit = indicator.responsible_unit
    return unit.name if unit is not None else (indicator.responsible_text or "")


def _date(day: Any) -> str:
    return formats.date_format(day, "j M Y")


def _reminders(
    *,
    user: Any,
    organisation: Organisation,
    year: int,
    today: Any,
    indicators: list[dict[str, Any]],
    board: list[selectors.SectionCompleteness],
    deadline_days: int,
) -> list[ReminderKind]:
    """The "Pengingat" of the chosen year, by kind (a kind without lines is left out):

    - values whose quarter's deadline has passed and that are not submitted (the completeness
      board's *overdue*; a returned value is listed under "returned" instead);
    - values returned for correction, verified values awaiting approval, submitted values
      awaiting verification, approved values whose sources changed since approval (the quarters
      and the year of the table);
    - then the kinds each source adds (``Source.dashboard_reminders``: the coordination
      register's overdue follow-ups, the village register's documents due), in the order the
      sources were registered.
    """

    def entry_url(item: dict[str, Any], period: str) -> str:
        return reverse("measurement:entry", args=[item["indicator"].pk, period])

    def value_item(item: dict[str, Any], line: dict[str, Any], *extra: str) -> ReminderItem:
        indicator = item["indicator"]
        period = line["period"]
        details = [d for d in (_section_of(indicator), *extra) if d]
        return ReminderItem(  # the line's label: "TW II", or "Tahun 2025" for the year
            f"{indicator.code} · {line['label']}",
            entry_url(item, period),
            details,
            title=indicator.name,
        )

    by_pk = {item["indicator"].pk: item for item in indicators}
    overdue = ReminderKind(
        "overdue",
        _("Values overdue"),
        _("The quarter's deadline has passed and the value has not been submitted."),
    )
    returned = ReminderKind(
        "returned", _("Returned for correction"), _("To be corrected and submitted again.")
    )
    to_approve = ReminderKind(
        "verified", _("Awaiting approval"), _("Verified by the Perencana; the Camat approves.")
    )
    to_verify = ReminderKind(
        "submitted", _("Awaiting verification"), _("Submitted; the Perencana verifies.")
    )
    changed = ReminderKind(
        "sources_changed",
        _("Sources changed since approval"),
        _("The records behind an approved value have changed; check it and unlock it if needed."),
    )
    for section in board:
        for missing in (m for cells in section.by_quarter.values() for m in cells):
            if not missing.overdue or missing.status == "returned":
                continue
            item = by_pk[missing.indicator.pk]
            line = next(x for x in item["lines"] if x["period"] == missing.period)
            due = deadline(parse_period(missing.period), deadline_days)
            entry = value_item(item, line, _("due %(date)s") % {"date": _date(due)})
            entry.late = True
            overdue.items.append(entry)
    for item in indicators:
        own = [*item["lines"][:4], item["lines"][-1]]  # the quarters and the year
        for line in own:
            if line["status_key"] == "returned":
                returned.items.append(value_item(item, line))
            elif line["status_key"] == "verified":
                to_approve.items.append(value_item(item, line))
            elif line["status_key"] == "submitted":
                to_verify.items.append(value_item(item, line))
            if line["sources_changed"]:
                entry = value_item(item, line)
                entry.url = line["lineage_url"] or entry.url
                changed.items.append(entry)
    queue_ids = kecamatan_ids(user, {Role.PERENCANA, Role.CAMAT})
    if queue_ids is None or organisation.pk in queue_ids:
        for kind in (to_approve, to_verify):
            kind.link_url = reverse("measurement:approval-queue")
            kind.link_label = _("Open the approval queue")

    kinds = [overdue, returned, to_approve, to_verify, changed]
    for source in sources():
        kinds += source.dashboard_reminders(
            user=user, organisation=organisation, year=year, today=today
        )
    return [kind for kind in kinds if kind.items]


def _legend(assessment: selectors.Assessment) -> list[dict[str, str]]:
    """The predikat bands in force, highest first, with their bounds ("≥ 91 %", "< 51 %")."""

    def bound(value: Fraction) -> str:
        number = Decimal(value.numerator) / Decimal(value.denominator)
        return format_id(number, 0 if number == number.to_integral() else 2) + " %"

    bands = assessment.table.bands
    legend = []
    for i, band in enumerate(bands):
        if band.lower is None:
            above = bands[i + 1] if i + 1 < len(bands) else None
            text = ""
            if above is not None and above.lower is not None:
                text = f"{'<' if above.inclusive else '≤'} {bound(above.lower)}"
        else:
            text = f"{'≥' if band.inclusive else '>'} {bound(band.lower)}"
        legend.append({"label": band.label, "colour": band.colour or "none", "bound": text})
    return legend[::-1]


def _achievement_chart(indicators: list[dict[str, Any]], year: int) -> str:
    """The year's achievement per indicator: the very numbers of the table's year column
    (``performance_table``'s year cell), nothing recomputed."""
    bars = [
        AchievementBar(
            code=item["indicator"].code,
            name=item["indicator"].name,
            achievement=item["year_cell"].achievement,
            colour=item["year_cell"].colour,
            predikat=item["year_cell"].predikat,
        )
        for item in indicators
    ]
    return achievement_chart(
        bars=bars,
        title=_("Achievement per indicator in %(year)s") % {"year": year},
        desc=_(
            "One bar per indicator, its length the year's achievement in percent, coloured by "
            "predikat; the dashed line marks an achievement of 100 percent. The summary table "
            "below gives the same values."
        ),
        chart_id="achievement",
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    # ?organisasi= when the user may see it (404 otherwise), else the user's own kecamatan.
    organisation = organisation_for_request(request)
    visible = list(kecamatan_for_user(request.user))
    today = timezone.localdate()
    value_years = selectors.years_with_values(user=request.user, organisation=organisation)
    choice = choose_year(
        request.GET.get("tahun", ""),
        data_years=selectors.years_with_data(user=request.user, organisation=organisation),
        value_years=value_years,
        today_year=today.year,
    )
    year = choice.year
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
    indicators = [
        _indicator_view(row, projection, year, organisation, stored)
        for row, projection in zip(rows, projections, strict=True)
    ]
    return render(
        request,
        "measurement/dashboard.html",
        {
            "organisation": organisation,
            "organisations": visible if len(visible) > 1 else [],
            "year": year,
            "years": [{"year": y, "empty": y not in value_years} for y in choice.choices],
            "year_notice": choice.notice,
            "legend": _legend(assessment),
            "indicators": indicators,
            "achievement_chart": mark_safe(  # noqa: S308 - built by kinerja.charts, every text escaped
                _achievement_chart(indicators, year)
            )
            if indicators
            else "",
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
            "reminders": _reminders(
                user=request.user,
                organisation=organisation,
                year=year,
                today=today,
                indicators=indicators,
                board=board,
                deadline_days=assessment.deadline_days,
            ),
        },
    )

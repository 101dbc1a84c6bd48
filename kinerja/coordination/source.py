"""The coordination register as a source of indicator components (2.1, 2.3, 2.4):
``value_source = "register"``, ``source_params["register"] == "coordination"``. Registered by
:class:`~kinerja.coordination.apps.CoordinationConfig` (kinerja.measurement.sources explains the
contract; docs/registers.md, "Koordinasi", the settings).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kinerja.measurement.sources import (
    ReminderItem,
    ReminderKind,
    Source,
    SourceRecord,
    SourceResult,
    register_source,
)

if TYPE_CHECKING:
    from kinerja.core.periods import Period
    from kinerja.iku.models import Indicator
    from kinerja.organisations.models import Organisation

REGISTER_NAME = "coordination"


# ---------------------------------------------------------------- the coordination register

#: The settings of a coordination indicator (Indicator.source_params) and their defaults [D];
#: docs/registers.md, "Koordinasi", explains each.
COORDINATION_DEFAULTS: dict[str, Any] = {
    "register": REGISTER_NAME,
    "field": "",
    # which date places a result in a period: its activity's date or the result's own date
    "period_date": "activity_date",
    # by when a follow-up must have reached a counted status: the period's last day, the
    # reporting date (period end + report_days) or any time up to now
    "followup_counts_if_completed_by": "period_end",
    "report_days": 10,
    # the follow-up statuses that count as "ditindaklanjuti"
    "followup_status": ["selesai"],
    # numerator: results whose recommendations are all followed up (numerator <= denominator),
    # or the followed-up recommendations themselves (may exceed the denominator)
    "count": "results_with_all_followed_up",
    # a result without any recommendation: left out of the denominator, or counted as
    # followed up, or counted as not followed up
    "result_without_recommendation": "excluded",
    # the activities whose results count (drafts are work in progress)
    "activity_status": ["submitted", "verified"],
}

CHOICES: dict[str, tuple[str, ...]] = {
    "period_date": ("activity_date", "result_date"),
    "followup_counts_if_completed_by": ("period_end", "report_date", "any"),
    "count": ("results_with_all_followed_up", "recommendations_followed_up"),
    "result_without_recommendation": ("excluded", "counts_followed_up", "counts_not_followed_up"),
}


def coordination_params(params: dict[str, Any] | None) -> dict[str, Any]:
    """The indicator's settings completed with the defaults; an unknown choice is an error."""
    merged = {**COORDINATION_DEFAULTS, **(params or {})}
    for key, allowed in CHOICES.items():
        if merged[key] not in allowed:
            raise ValueError(f"source_params[{key!r}] must be one of {allowed}: {merged[key]!r}")
    return merged


def followup_cutoff(params: dict[str, Any], period: Period) -> dt.date | None:
    """The last date a follow-up may carry to count for ``period`` (None: no limit)."""
    rule = params["followup_counts_if_completed_by"]
    if rule == "period_end":
        return period.end
    if rule == "report_date":
        return period.end + dt.timedelta(days=int(params["report_days"]))
    return None


def state_on(followups: list[Any], cutoff: dt.date | None) -> str | None:
    """The status of a recommendation on ``cutoff``: its latest follow-up dated on or before it
    (ordered by date, then by entry); None when there is none."""
    dated = [f for f in followups if cutoff is None or f.date <= cutoff]
    if not dated:
        return None
    return max(dated, key=lambda f: (f.date, f.created_at, f.pk)).status


def _label(result: Any) -> str:
    activity = result.activity
    return f"{activity.date:%d-%m-%Y} · {activity.title} · {result.text[:120]}"


def _url(activity_id: int, anchor: str) -> str:
    from django.urls import reverse

    return f"{reverse('coordination:activity', args=[activity_id])}#{anchor}"


def coordination_source(
    indicator: Indicator, organisation: Organisation, period: Period
) -> SourceResult:
    """Components of indicators 2.1, 2.3 and 2.4 from the coordination register."""
    from kinerja.coordination.models import CoordinationResult

    params = coordination_params(indicator.source_params)
    date_path = "activity__date" if params["period_date"] == "activity_date" else "date"
    results = (
        CoordinationResult.objects.filter(
            activity__field__organisation=organisation,
            activity__field__code=params["field"],
            activity__status__in=list(params["activity_status"]),
            **{f"{date_path}__gte": period.start, f"{date_path}__lte": period.end},
        )
        .select_related("activity")
        .prefetch_related("recommendations__followups")
        .order_by("activity__date", "activity_id", "date", "id")
    )
    cutoff = followup_cutoff(params, period)
    counted = set(params["followup_status"])
    by_results = params["count"] == "results_with_all_followed_up"
    records: list[SourceRecord] = []
    numerator = denominator = 0
    for result in results:
        recommendations = list(result.recommendations.all())
        done = [r for r in recommendations if state_on(list(r.followups.all()), cutoff) in counted]
        if not recommendations:
            rule = params["result_without_recommendation"]
            if rule == "excluded":
                continue
            all_done = rule == "counts_followed_up"
        else:
            all_done = len(done) == len(recommendations)
        denominator += 1
        in_numerator = by_results and all_done
        numerator += 1 if in_numerator else 0
        records.append(
            SourceRecord(
                kind="hasil_koordinasi",
                id=result.pk,
                label=_label(result),
                counted_in=("pembilang", "penyebut") if in_numerator else ("penyebut",),
                url=_url(result.activity_id, f"hasil-{result.pk}"),
            )
        )
        if not by_results:
            for recommendation in done:
                numerator += 1
                records.append(
                    SourceRecord(
                        kind="rekomendasi",
                        id=recommendation.pk,
                        label=recommendation.text[:160],
                        counted_in=("pembilang",),
                        url=_url(result.activity_id, f"rekomendasi-{recommendation.pk}"),
                    )
                )
    return SourceResult(Decimal(numerator), Decimal(denominator), None, records)


class CoordinationSource(Source):
    key = REGISTER_NAME

    def compute(
        self, indicator: Indicator, organisation: Organisation, period: Period
    ) -> SourceResult:
        return coordination_source(indicator, organisation, period)

    def lineage_url(self, indicator: Indicator, organisation: Organisation, period: str) -> str:
        from django.urls import reverse

        return reverse("coordination:lineage", args=[indicator.pk, period])

    def indicators(self, organisation: Organisation) -> list[Indicator]:
        """The indicators of the decrees in force computed from this register (any field)."""
        from kinerja.iku.models import DecreeStatus, Indicator

        return [
            i
            for i in Indicator.objects.filter(
                decree__organisation=organisation,
                decree__status=DecreeStatus.IN_FORCE,
                value_source="register",
            ).select_related("decree")
            if isinstance(i.source_params, dict)
            and i.source_params.get("register") == REGISTER_NAME
        ]

    def dashboard_reminders(
        self, *, user: Any, organisation: Organisation, year: int, today: dt.date
    ) -> list[ReminderKind]:
        """Recommendations past their follow-up due date without a "selesai" follow-up, of the
        year's activities."""
        from django.urls import reverse
        from django.utils.text import Truncator
        from django.utils.translation import gettext as _
        from django.utils.translation import ngettext

        from kinerja.coordination.selectors import overdue_recommendations

        followups = ReminderKind(
            "recommendations",
            _("Follow-ups overdue"),
            _("Coordination recommendations of the year past their follow-up due date."),
        )
        for _unit, rows in overdue_recommendations(
            user=user, organisation=organisation, today=today
        ):
            for row in rows:
                recommendation = row.recommendation
                if recommendation.result.activity.date.year != year:
                    continue
                followups.items.append(
                    ReminderItem(
                        Truncator(recommendation.text).chars(120),
                        reverse("coordination:activity", args=[recommendation.result.activity_id])
                        + f"#rekomendasi-{recommendation.pk}",
                        [
                            row.field.name,
                            ngettext("%(days)s day overdue", "%(days)s days overdue", row.days_late)
                            % {"days": row.days_late},
                        ],
                        late=True,
                    )
                )
        return [followups]

    def send_reminders(self, day: dt.date) -> int:
        from kinerja.coordination.reminders import coordination_reminders

        return coordination_reminders(day)


SOURCE = register_source(CoordinationSource())

"""Indicator 2.2 from the village budget-document register (``source_params["register"] ==
"village_budget"``), registered as a source by the app (kinerja.measurement.sources explains the
contract).

    villages whose APBDes and SPJ are both correct and on time
    ---------------------------------------------------------- × 100%
    all villages (desa and kelurahan) of the kecamatan

What counts is set in the indicator's ``source_params`` (documented in docs/registers.md), not
here:

- ``documents_year``: the documents a village needs for the year value (default: the APBDes of the
  fiscal year and the year-end SPJ);
- ``documents_within_year``: for a quarter, semester or month, ``"due_by_period_end"`` (default):
  the documents of that fiscal year whose deadline falls on or before the end of the period;
- ``on_time``: ``"first_submission"`` (default: judged on the date first handed in) or
  ``"final_submission"`` (the date of the last corrected version);
- ``correct``: ``"final_evaluation"`` (the only rule: the latest evaluation says "benar").

A village without one of the needed documents does not count in the numerator, nor does one
whose needed document has no file: a document counts as handed in when its file is uploaded (or on
the paper date the section confirmed for that file), so one without a file is never "benar dan
tepat waktu" (e.g. rows recorded before files were required).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from kinerja.core.aggregation import compute_value
from kinerja.core.numbers import round_half_up
from kinerja.core.periods import Period, PeriodType
from kinerja.iku.models import Indicator
from kinerja.measurement.sources import (
    ReminderItem,
    ReminderKind,
    Source,
    SourceRecord,
    SourceResult,
    register_source,
)
from kinerja.organisations.models import Organisation
from kinerja.village_finance.models import (
    APBDesDocument,
    DocumentKey,
    Result,
    SPJPeriod,
    SPJReport,
    VillageDocument,
)

REGISTER_NAME = "village_budget"
STORED_PLACES = 10
NUMERATOR = "pembilang"
DENOMINATOR = "penyebut"

DEFAULT_PARAMS: dict[str, Any] = {
    "register": REGISTER_NAME,
    "documents_year": ["apbdes", "spj_year_end"],
    "documents_within_year": "due_by_period_end",
    "on_time": "first_submission",
    "correct": "final_evaluation",
}


def params_of(indicator: Indicator) -> dict[str, Any]:
    given = indicator.source_params if isinstance(indicator.source_params, dict) else {}
    return {**DEFAULT_PARAMS, **given}


def documents_needed(
    period: Period, params: dict[str, Any], deadlines: dict[str, Any]
) -> list[DocumentKey]:
    """The documents a village must have (correct and on time) to count for ``period``."""
    if period.type == PeriodType.YEAR:
        return [DocumentKey(k) for k in params["documents_year"]]
    return [k for k in DocumentKey if deadlines[f"{k.value}_deadline"] <= period.end]


def is_on_time(document: VillageDocument, params: dict[str, Any]) -> bool:
    when = (
        document.last_submitted_on
        if params.get("on_time") == "final_submission"
        else document.submitted_on
    )
    return when is not None and when <= document.deadline


def is_correct(document: VillageDocument) -> bool:
    return document.submitted_on is not None and document.result == Result.CORRECT


def has_file(document: VillageDocument) -> bool:
    return bool(document.file)


def _date(value: Any) -> str:
    return formats.date_format(value, "j F Y") if value else "—"


def document_label(document: VillageDocument, key: DocumentKey, params: dict[str, Any]) -> str:
    """One line telling what the kecamatan found, e.g. "APBDes 2022 Mrawan: correct, on time
    (submitted 20 December 2021, deadline 31 December 2021)"."""
    if document.result == Result.CORRECT:
        result = _("correct")
    elif document.result == Result.NEEDS_CORRECTION:
        result = _("needs correction")
    else:
        result = _("awaiting evaluation")
    timing = _("on time") if is_on_time(document, params) else _("late")
    details = _("submitted %(submitted)s, deadline %(deadline)s") % {
        "submitted": _date(document.submitted_on),
        "deadline": _date(document.deadline),
    }
    if document.corrected_on:
        details += ", " + _("corrected %(date)s") % {"date": _date(document.corrected_on)}
    if document.paper_date:
        details += ", " + _("paper handover confirmed")
    if not has_file(document):
        details += ", " + _("no file")
    return f"{key.label} {document.year} {document.village.name}: {result}, {timing} ({details})"


def village_budget_source(
    indicator: Indicator, organisation: Organisation, period: Period
) -> SourceResult:
    from kinerja.village_finance.services import deadlines_for, villages_of

    params = params_of(indicator)
    year = period.year
    villages = list(villages_of(organisation))
    needed = documents_needed(period, params, deadlines_for(organisation, year))
    apbdes = {
        d.village_id: d
        for d in APBDesDocument.objects.filter(village__in=villages, year=year).select_related(
            "village"
        )
    }
    spj = {
        (d.village_id, d.period): d
        for d in SPJReport.objects.filter(village__in=villages, year=year).select_related("village")
    }
    village_records: list[SourceRecord] = []
    document_records: list[SourceRecord] = []
    numerator = 0
    for village in villages:
        missing: list[str] = []
        failing: list[str] = []
        no_file: list[str] = []
        for key in needed:
            if key == DocumentKey.APBDES:
                document: VillageDocument | None = apbdes.get(village.pk)
            else:
                spj_period = (
                    SPJPeriod.SEMESTER_1 if key == DocumentKey.SPJ_S1 else SPJPeriod.YEAR_END
                )
                document = spj.get((village.pk, spj_period))
            if document is None or document.submitted_on is None:
                missing.append(str(key.label))
                continue
            if not has_file(document):
                no_file.append(str(key.label))
            elif not (is_correct(document) and is_on_time(document, params)):
                failing.append(str(key.label))
            document_records.append(
                SourceRecord(
                    kind=key.value.split("_")[0],  # "apbdes" or "spj"
                    id=document.pk,
                    label=document_label(document, key, params),
                    counted_in=(),
                    url=reverse(
                        "village_finance:document",
                        args=[organisation.pk, year, village.pk, key.value],
                    ),
                )
            )
        counts = not missing and not failing and not no_file
        numerator += counts
        if counts:
            why = _("all documents correct and on time")
        else:
            reasons = []
            if missing:
                reasons.append(_("not submitted: %(docs)s") % {"docs": ", ".join(missing)})
            if no_file:
                reasons.append(_("no file: %(docs)s") % {"docs": ", ".join(no_file)})
            if failing:
                reasons.append(
                    _("not correct or not on time: %(docs)s") % {"docs": ", ".join(failing)}
                )
            why = "; ".join(reasons)
        village_records.append(
            SourceRecord(
                kind="desa",
                id=village.pk,
                label=f"{village.get_level_display()} {village.name} — {why}",
                counted_in=(NUMERATOR, DENOMINATOR) if counts else (DENOMINATOR,),
                url=reverse("village_finance:board", args=[organisation.pk, year])
                + f"#desa-{village.pk}",
            )
        )
    denominator = len(villages)
    num, den = Decimal(numerator), Decimal(denominator)
    value = compute_value(num, den, indicator.factor)
    return SourceResult(
        numerator=num,
        denominator=den,
        # The value store keeps 10 decimals (5/7 × 100 has infinitely many).
        value=None if value is None else round_half_up(value, STORED_PLACES),
        records=village_records + document_records,
    )


class VillageBudgetSource(Source):
    key = REGISTER_NAME
    reminder_name = "village_finance"

    def compute(
        self, indicator: Indicator, organisation: Organisation, period: Period
    ) -> SourceResult:
        return village_budget_source(indicator, organisation, period)

    def lineage_url(self, indicator: Indicator, organisation: Organisation, period: str) -> str:
        return reverse("village_finance:lineage", args=[organisation.pk, period])

    def indicators(self, organisation: Organisation) -> list[Indicator]:
        from kinerja.village_finance.services import register_indicators

        return register_indicators(organisation)

    def dashboard_reminders(
        self, *, user: Any, organisation: Organisation, year: int, today: dt.date
    ) -> list[ReminderKind]:
        """The village budget documents of the fiscal year that are due or overdue."""
        from kinerja.village_finance.selectors import village_documents_due

        documents = ReminderKind(
            "documents",
            _("Village documents due"),
            _(
                "APBDes and SPJ of the fiscal year not handed in (correctly) near or past the "
                "deadline."
            ),
        )
        for doc in village_documents_due(user=user, organisation=organisation, today=today):
            if doc.year != year:
                continue
            details = [_("due %(date)s") % {"date": formats.date_format(doc.deadline, "j M Y")}]
            if doc.overdue:
                details.append(_("overdue"))
            elif doc.status == "perbaikan":
                details.append(_("needs correction"))
            documents.items.append(
                ReminderItem(
                    f"{doc.village.name} · {doc.key.label} {doc.year}",
                    reverse("village_finance:board", args=[organisation.pk, doc.year]),
                    details,
                    late=doc.overdue,
                )
            )
        return [documents]

    def send_reminders(self, day: dt.date) -> int:
        from kinerja.village_finance.reminders import village_document_reminders

        return village_document_reminders(day)


SOURCE = register_source(VillageBudgetSource())

"""Reads of the village budget-document register, always through the permission door."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.access import Action, UserLike, can_act_in
from kinerja.accounts.models import Membership, Role
from kinerja.core.periods import Period
from kinerja.measurement.sources import SourceResult, compute_from_source
from kinerja.organisations.models import Organisation
from kinerja.village_finance.models import (
    APBDesDocument,
    DocumentKey,
    Result,
    SPJPeriod,
    SPJReport,
    VillageDocument,
)
from kinerja.village_finance.services import (
    can_evaluate,
    can_set_deadlines,
    can_submit,
    deadlines_for,
    register_indicators,
    villages_of,
)

STATUS_LABELS = {
    "belum": _("Not submitted"),
    "menunggu": _("Awaiting evaluation"),
    "perbaikan": _("Needs correction"),
    "benar": _("Correct"),
}
LATE_LABEL = _("Late")
WITHOUT_FILE_LABEL = _("No file")


def own_villages(user: UserLike) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        Membership.objects.filter(user=user, role=Role.OPERATOR_DESA).values_list(
            "village_id", flat=True
        )
    )


@dataclass
class Cell:
    key: DocumentKey
    deadline: dt.date
    document: VillageDocument | None
    status: str
    late: bool

    @property
    def status_label(self) -> Any:
        return STATUS_LABELS[self.status]

    @property
    def late_label(self) -> Any:
        return LATE_LABEL

    @property
    def without_file(self) -> bool:
        """Recorded as handed in but without its file: it never counts for IKU 2.2."""
        return self.document is not None and self.status != "belum" and not self.document.file

    @property
    def without_file_label(self) -> Any:
        return WITHOUT_FILE_LABEL


def cell_for(
    key: DocumentKey, deadline: dt.date, document: VillageDocument | None, today: dt.date
) -> Cell:
    """The board's status of one document: belum, menunggu evaluasi, perlu perbaikan, benar;
    "terlambat" (late) besides when first handed in after the deadline, or not yet handed in
    when the deadline has passed."""
    if document is None or document.submitted_on is None:
        return Cell(key, deadline, document, "belum", today > deadline)
    if document.result == Result.CORRECT:
        status = "benar"
    elif document.result == Result.NEEDS_CORRECTION:
        status = "perbaikan"
    else:
        status = "menunggu"
    return Cell(key, document.deadline, document, status, document.submitted_on > document.deadline)


@dataclass
class BoardRow:
    village: Organisation
    cells: list[Cell]
    can_submit: bool


@dataclass
class Board:
    kecamatan: Organisation
    year: int
    deadlines: dict[str, Any]
    rows: list[BoardRow] = field(default_factory=list)
    can_evaluate: bool = False
    can_set_deadlines: bool = False


def _documents(
    villages: list[Organisation], years: list[int]
) -> dict[tuple[int, int, DocumentKey], VillageDocument]:
    found: dict[tuple[int, int, DocumentKey], VillageDocument] = {}
    for a in APBDesDocument.objects.filter(village__in=villages, year__in=years):
        found[(a.village_id, a.year, DocumentKey.APBDES)] = a
    for s in SPJReport.objects.filter(village__in=villages, year__in=years):
        key = DocumentKey.SPJ_S1 if s.period == SPJPeriod.SEMESTER_1 else DocumentKey.SPJ_YEAR_END
        found[(s.village_id, s.year, key)] = s
    return found


def village_board(
    *, user: UserLike, kecamatan: Organisation, year: int, today: dt.date | None = None
) -> Board | None:
    """The villages × documents of fiscal ``year``; None when ``user`` may not read it."""
    if not can_act_in(user, Action.VIEW, kecamatan):
        return None
    today = today or timezone.localdate()
    deadlines = deadlines_for(kecamatan, year)
    villages = list(villages_of(kecamatan))
    documents = _documents(villages, [year])
    board = Board(
        kecamatan=kecamatan,
        year=year,
        deadlines=deadlines,
        can_evaluate=can_evaluate(user, kecamatan),
        can_set_deadlines=can_set_deadlines(user, kecamatan),
    )
    for village in villages:
        cells = [
            cell_for(
                key,
                deadlines[f"{key.value}_deadline"],
                documents.get((village.pk, year, key)),
                today,
            )
            for key in DocumentKey
        ]
        board.rows.append(BoardRow(village, cells, can_submit(user, village)))
    return board


def document_history(document: VillageDocument) -> list[Any]:
    return list(document.history.select_related("history_user").order_by("-history_date")[:20])  # type: ignore[attr-defined]  # history is added by HistoricalRecords on each concrete subclass of this abstract model


# ---------------------------------------------------------------- reminders


@dataclass(frozen=True)
class DueItem:
    """A village document missing near or past its deadline."""

    village: Organisation
    year: int
    key: DocumentKey
    deadline: dt.date
    days_left: int  # negative: overdue
    status: str

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def documents_due(
    kecamatan: Organisation, *, today: dt.date | None = None, villages: set[int] | None = None
) -> list[DueItem]:
    """Documents of the current cycle not (correctly) handed in while their
    deadline is at most ``reminder_days`` away or already past: not submitted, or returned for
    correction and not yet submitted again."""
    today = today or timezone.localdate()
    years = [today.year - 1, today.year, today.year + 1]
    all_villages = [v for v in villages_of(kecamatan) if villages is None or v.pk in villages]
    documents = _documents(all_villages, years)
    items: list[DueItem] = []
    # The current cycle: this fiscal year's documents, last year's year-end report and next
    # year's APBDes (older gaps stay on the board, not in the reminders) [D].
    cycle = {
        years[0]: [DocumentKey.SPJ_YEAR_END],
        years[1]: list(DocumentKey),
        years[2]: [DocumentKey.APBDES],
    }
    for year in years:
        deadlines = deadlines_for(kecamatan, year)
        warn = dt.timedelta(days=int(deadlines["reminder_days"]))
        for key in cycle[year]:
            deadline = deadlines[f"{key.value}_deadline"]
            if today < deadline - warn:
                continue
            for village in all_villages:
                cell = cell_for(key, deadline, documents.get((village.pk, year, key)), today)
                if cell.status in ("belum", "perbaikan"):
                    items.append(
                        DueItem(
                            village,
                            year,
                            key,
                            cell.deadline,
                            (cell.deadline - today).days,
                            cell.status,
                        )
                    )
    items.sort(key=lambda i: (i.deadline, i.village.code, i.key))
    return items


def village_documents_due(
    *, user: UserLike, organisation: Organisation, today: dt.date | None = None
) -> list[DueItem]:
    """For the dashboard: the documents due of ``organisation`` (a kecamatan) that ``user`` sees;
    an Operator Desa sees those of their own village only."""
    if not can_act_in(user, Action.VIEW, organisation):
        return []
    only: set[int] | None = None
    if not can_evaluate(user, organisation) and not can_set_deadlines(user, organisation):
        only = own_villages(user)
    return documents_due(organisation, today=today, villages=only)


# ---------------------------------------------------------------- lineage


@dataclass
class Lineage:
    indicator: Any
    period: Period
    result: SourceResult
    stored: Any  # IndicatorValue or None
    sources_changed: bool

    @property
    def numerator_records(self) -> list[Any]:
        return [r for r in self.result.records if "pembilang" in r.counted_in]

    @property
    def denominator_records(self) -> list[Any]:
        return [r for r in self.result.records if "penyebut" in r.counted_in]

    @property
    def document_records(self) -> list[Any]:
        return [r for r in self.result.records if not r.counted_in]


def village_budget_lineage(
    *, user: UserLike, kecamatan: Organisation, period: Period
) -> Lineage | None:
    """The records behind indicator 2.2 of ``period``, with the stored value and whether the
    register changed after the value was approved."""
    from kinerja.measurement.models import IndicatorValue

    if not can_act_in(user, Action.VIEW, kecamatan):
        return None
    indicators = register_indicators(kecamatan)
    if not indicators:
        return None
    indicator = indicators[0]
    result = compute_from_source(indicator, kecamatan, period)
    assert result is not None
    stored = IndicatorValue.objects.filter(
        indicator=indicator, organisation=kecamatan, period=str(period)
    ).first()
    return Lineage(indicator, period, result, stored, sources_changed(stored, result))


def sources_changed(value: Any, current: SourceResult | None = None) -> bool:
    """Whether an approved value's records changed since its approval (``current``: what the
    register gives now, when already computed)."""
    from kinerja.measurement.lineage import sources_changed_since_approval

    return value is not None and sources_changed_since_approval(value, current)

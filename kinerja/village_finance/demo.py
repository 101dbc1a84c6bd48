"""Sample data (DATA CONTOH) of the village budget-document register: the documents of the
kecamatan's villages for each sample year, with the cases the register has to show.

For Mayang's seven villages (in code order):
1. Mrawan, 5. Tegalrejo (year-end), 6. Sumberkejayan, 7. Sidomukti: everything correct and on time;
2. Mayang: APBDes handed in late (10 January) though correct;
3. Seputih: APBDes handed in on time, returned for correction, corrected on 8 January, then
   correct (counts: on time is judged on the first submission by default);
4. Tegalwaru: APBDes correct and on time but no SPJ at all;
5. Tegalrejo: first-semester SPJ returned for correction and not corrected yet.
Documents whose date lies in the future are not created. Idempotent: an existing document is
left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from kinerja.accounts.demo import SAMPLE_LABEL, register_sample_data_step
from kinerja.organisations.models import Organisation
from kinerja.village_finance import services
from kinerja.village_finance.models import DocumentKey, Result

NOTE = f"{SAMPLE_LABEL}"


def _plan(index: int, year: int) -> list[tuple[DocumentKey, dt.date, list[tuple[str, dt.date]]]]:
    """(document, first submission, [(evaluation result, correction date or evaluation date)])
    for the village at ``index`` (0-based, code order)."""
    on_time_apbdes = dt.date(year - 1, 12, 20)
    s1 = dt.date(year, 7, 20)
    year_end = dt.date(year + 1, 3, 15)
    ok = [("benar", dt.date.min)]
    apbdes: tuple[DocumentKey, dt.date, list[tuple[str, dt.date]]] = (
        DocumentKey.APBDES,
        on_time_apbdes,
        ok,
    )
    if index == 1:
        apbdes = (DocumentKey.APBDES, dt.date(year, 1, 10), ok)
    elif index == 2:
        apbdes = (
            DocumentKey.APBDES,
            dt.date(year - 1, 12, 15),
            [
                ("perbaikan", dt.date.min),
                ("corrected", dt.date(year, 1, 8)),
                ("benar", dt.date.min),
            ],
        )
    plan = [apbdes]
    if index == 3:
        return plan  # no SPJ at all
    if index == 4:
        plan.append((DocumentKey.SPJ_S1, s1, [("perbaikan", dt.date.min)]))
    else:
        plan.append((DocumentKey.SPJ_S1, s1, ok))
    plan.append((DocumentKey.SPJ_YEAR_END, year_end, ok))
    return plan


@transaction.atomic
def village_documents_sample(kecamatan: Organisation, years: list[int]) -> None:
    today = timezone.localdate()
    with services.refresh_deferred():
        for year in years:
            for index, village in enumerate(services.villages_of(kecamatan)):
                for key, first, steps in _plan(index, year):
                    if first > today or services.document_get(village, year, key) is not None:
                        continue
                    doc = services.document_submit(
                        actor=None,
                        village=village,
                        year=year,
                        document=key,
                        submitted_on=first,
                        notes=NOTE,
                    )
                    for step, when in steps:
                        if step == "corrected":
                            if when > today:
                                break
                            doc = services.document_submit(
                                actor=None,
                                village=village,
                                year=year,
                                document=key,
                                submitted_on=when,
                            )
                        elif step == "benar":
                            doc = services.document_evaluate(
                                actor=None, document=doc, result=Result.CORRECT, notes=NOTE
                            )
                        else:
                            doc = services.document_evaluate(
                                actor=None,
                                document=doc,
                                result=Result.NEEDS_CORRECTION,
                                notes=f"{NOTE}: lampiran rincian belanja belum lengkap",
                            )


register_sample_data_step(village_documents_sample)

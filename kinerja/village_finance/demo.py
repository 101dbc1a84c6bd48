"""Sample data (DATA CONTOH) of the village budget-document register: the documents of the
kecamatan's villages for each sample year, with the cases the register has to show.

For Mayang's seven villages (in code order):
1. Mrawan, 5. Tegalrejo (year-end), 6. Sumberkejayan, 7. Sidomukti: everything correct and on time;
2. Mayang: APBDes handed in late (10 January) though correct;
3. Seputih: APBDes handed in on time, returned for correction, corrected on 8 January, then
   correct (counts: on time is judged on the first submission by default);
4. Tegalwaru: APBDes correct and on time but no SPJ at all;
5. Tegalrejo: first-semester SPJ returned for correction and not corrected yet.
Every document is handed in with a file (a one-page PDF saying DATA CONTOH) uploaded when the demo
runs; its sample date above is a paper handover confirmed by the section (the only way an earlier
date counts, services.document_paper_date_confirm), so the numbers stay those of the cases above
(2022: 5 of 7 villages for the year). Documents whose date lies in the future are not created.
Idempotent: an existing document is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from kinerja.accounts.demo import SAMPLE_LABEL, register_sample_data_step
from kinerja.iku.models import Indicator
from kinerja.measurement.demo import register_sample_narrative
from kinerja.organisations.models import Organisation
from kinerja.village_finance import services
from kinerja.village_finance.models import DocumentKey, Result, VillageDocument
from kinerja.village_finance.source import REGISTER_NAME

NOTE = f"{SAMPLE_LABEL}"
PAPER_NOTE = (
    f"{SAMPLE_LABEL}: diserahkan dalam bentuk kertas; tanggal dikonfirmasi Seksi Pemerintahan."
)


def sample_pdf(title: str) -> bytes:
    """A valid one-page PDF showing ``title`` (ASCII) under "DATA CONTOH"."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")
    stream = (
        f"BT /F1 18 Tf 72 760 Td ({SAMPLE_LABEL}) Tj 0 -28 Td /F1 12 Tf ({text}) Tj ET"
    ).encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _hand_in(
    village: Organisation, year: int, key: DocumentKey, on: dt.date, notes: str | None
) -> VillageDocument:
    """Upload the sample file now and confirm ``on`` as the date it came on paper."""
    title = f"{key.label} {year} {village.get_level_display()} {village.name}"
    doc = services.document_submit(
        actor=None,
        village=village,
        year=year,
        document=key,
        upload=SimpleUploadedFile(
            f"{key.value}-{year}-{village.code}.pdf", sample_pdf(title), "application/pdf"
        ),
        notes=notes,
    )
    return services.document_paper_date_confirm(
        actor=None, document=doc, paper_date=on, note=PAPER_NOTE
    )


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
                    doc = _hand_in(village, year, key, first, NOTE)
                    for step, when in steps:
                        if step == "corrected":
                            if when > today:
                                break
                            doc = _hand_in(village, year, key, when, None)
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


#: Sample kendala / upaya / rencana tindak lanjut of the villages' documents indicator.
NARRATIVE: dict[str, str] = {
    "kendala": "sebagian desa menyampaikan APBDes atau SPJ melewati batas waktu, dan beberapa "
    "dokumen dikembalikan untuk diperbaiki setelah evaluasi.",
    "upaya": "Seksi Pemerintahan memberi asistensi penyusunan APBDes dan SPJ kepada operator "
    "desa dan mengingatkan batas waktu penyampaiannya.",
    "rencana_tindak_lanjut": "klinik penyusunan APBDes dan SPJ di kantor kecamatan sebelum "
    "batas waktu penyampaian berikutnya.",
}


@register_sample_narrative
def village_budget_narrative(indicator: Indicator) -> tuple[str, dict[str, str]] | None:
    params = indicator.source_params or {}
    if params.get("register") == REGISTER_NAME:
        return REGISTER_NAME, NARRATIVE
    return None

"""A small dataset for the document tests, stored through the planning services and the value model:
a PK 2022 of Mayang with targets and one program, and realizations of TW I and TW II.

Targets (annual, TW I..IV): 1.1 82 (80, 81, 81,5, 82); 2.x 90 (75, 80, 85, 90).
Realizations:
  1.1  TW I value 82,5 (approved); TW II value 80,2 (approved)
       TW II achievement = 80,2 / 81 x 100 = 99,0123.. -> "99,01"
  2.1  TW I 20/21 x 100 = 95,238.. -> "95,24", achievement 95,238 / 75 x 100 = 126,98
       TW II 15/20 x 100 = 75 -> "75,00", achievement 75 / 80 x 100 = 93,75
       s.d. TW II (ratio pooled): 35/41 x 100 = 85,3658.. -> "85,37", achievement 85,3658/80 x 100
       = 106,707.. -> "106,71"
  2.2  TW I 7/14 x 100 = 50 (draft: printed "50,00*")
Kendala / upaya are written on 2.1 TW II.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from kinerja.core.periods import parse_period
from kinerja.iku.models import Decree
from kinerja.measurement.models import IndicatorValue
from kinerja.organisations.models import Official, Organisation
from kinerja.planning.models import PerformanceAgreement
from kinerja.planning.services.agreements import agreement_save, agreement_sign, target_set
from kinerja.planning.services.renja import program_save

SECOND_PARTY = "H. HENDY SISWANTO, S.T., IPU."
KENDALA = "Sebagian desa belum menindaklanjuti rekomendasi rapat koordinasi."
UPAYA = "Camat memimpin rapat lanjutan bersama kepala desa setiap bulan."


def make_pk(
    organisation: Organisation, *, sign: bool = False, program: bool = True
) -> PerformanceAgreement:
    decree = Decree.objects.get(organisation=organisation, status="in_force")
    agreement = agreement_save(
        actor=None,
        organisation=organisation,
        year=2022,
        first_party=Official.objects.get(organisation=organisation, nip__startswith="19730725"),
        second_party_name=SECOND_PARTY,
        second_party_position="BUPATI JEMBER",
        place="Jember",
        date_signed=dt.date(2022, 1, 31),
    )
    for indicator in decree.active_indicators():
        values = (
            ["82", "80", "81", "81,5", "82"]
            if indicator.code == "1.1"
            else ["90", "75", "80", "85", "90"]
        )
        for period, value in zip(
            ["2022", "2022Q1", "2022Q2", "2022Q3", "2022Q4"], values, strict=True
        ):
            target_set(
                actor=None, agreement=agreement, indicator=indicator, period=period, target=value
            )
    if program:
        parent = program_save(
            actor=None,
            organisation=organisation,
            year=2022,
            level="program",
            code="7.01.02",
            name="Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
            budget="150.000.000",
        )
        program_save(
            actor=None,
            organisation=organisation,
            year=2022,
            level="kegiatan",
            parent=parent,
            code="7.01.02.2.01",
            name="Koordinasi Penyelenggaraan Kegiatan Pemerintahan",
            budget="98.500.000",
        )
    if sign:
        agreement_sign(actor=None, agreement=agreement)
    return agreement


def _put(decree: Decree, organisation: Organisation, code: str, period: str, **fields: Any) -> None:
    p = parse_period(period)
    IndicatorValue.objects.create(
        indicator=decree.indicators.get(code=code),
        organisation=organisation,
        period=period,
        period_start=p.start,
        period_end=p.end,
        source="manual",
        **fields,
    )


def make_values(organisation: Organisation) -> None:
    decree = Decree.objects.get(organisation=organisation, status="in_force")
    decree.indicators.exclude(value_source="manual").update(value_source="manual")
    d = Decimal
    _put(decree, organisation, "1.1", "2022Q1", value=d("82.5"), status="approved")
    _put(decree, organisation, "1.1", "2022Q2", value=d("80.2"), status="approved")
    _put(
        decree, organisation, "2.1", "2022Q1", numerator=d(20), denominator=d(21), status="approved"
    )
    _put(
        decree,
        organisation,
        "2.1",
        "2022Q2",
        numerator=d(15),
        denominator=d(20),
        status="approved",
        kendala=KENDALA,
        upaya=UPAYA,
    )
    _put(decree, organisation, "2.2", "2022Q1", numerator=d(7), denominator=d(14), status="draft")


def flat_text(pdf: bytes) -> str:
    """The PDF's text in content order (``pdftotext -raw``), whitespace collapsed and words split by
    a hyphen at a line end joined again: a table cell's text comes out whole."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True)
    text = re.sub(r"\s+", " ", out.stdout.decode("utf-8"))
    return re.sub(r"-\s", "-", text)


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_size_mm(pdf: bytes) -> tuple[int, int]:
    """The first page's size in whole millimetres (``pdfinfo``)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out.stdout)
    assert match, out.stdout
    return tuple(round(float(x) / 72 * 25.4) for x in match.groups())  # type: ignore[return-value]


def docx_text(document: Any) -> str:
    """Every paragraph of a python-docx document, tables (nested too) included."""
    parts = [p.text for p in document.paragraphs]

    def cells(tables: Any) -> None:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    parts.extend(p.text for p in cell.paragraphs)
                    cells(cell.tables)

    cells(document.tables)
    return collapse(" ".join(parts))

"""Keputusan Camat tentang Indikator Kinerja Utama (JENIS ``iku``): the signed decree and its lampiran.

Which decree: the one that applies to the year (``kinerja.measurement.selectors.decree_for_year``: the
published decree that took effect last on or before 31 December, else the one in force). Its content
comes from ``kinerja.iku.selectors.decree_document_context``, the same read as the decree page, so the
printed decree cannot differ from what the page shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from kinerja.accounts.access import UserLike
from kinerja.common.naming import lines, office_name
from kinerja.iku.selectors import decree_document_context
from kinerja.measurement.selectors import decree_for_year
from kinerja.organisations.models import Organisation
from kinerja.reports import docx as word
from kinerja.reports import xlsx
from kinerja.reports.documents import DocumentUnavailable, pdf_template, register_document
from kinerja.reports.formatting import format_date_id

if TYPE_CHECKING:
    from kinerja.iku.models import Decree, Indicator

LAMPIRAN_HEADER = (
    "NO",
    "KINERJA UTAMA",
    "INDIKATOR KINERJA UTAMA",
    "PENJELASAN / FORMULASI PERHITUNGAN",
    "SUMBER DATA",
    "PENANGGUNG JAWAB",
)


def decree_of(user: UserLike, organisation: Organisation, year: int) -> Decree | None:
    return decree_for_year(user=user, organisation=organisation, year=year)


def _published(organisation: Organisation, year: int) -> bool:
    # what the public reads: decree_for_year returns published decrees only (in force or superseded)
    return decree_of(AnonymousUser(), organisation, year) is not None


def responsible(indicator: Indicator) -> str:
    """The PENANGGUNG JAWAB cell as the decree words it (else the unit's name)."""
    if indicator.responsible_text:
        return indicator.responsible_text
    return str(indicator.responsible_unit) if indicator.responsible_unit else ""


def formula_text(indicator: Indicator) -> str:
    """``numerator / denominator × 100%`` on one line (Excel, plain text)."""
    if not (indicator.numerator_definition or indicator.denominator_definition):
        return ""
    text = f"{indicator.numerator_definition} / {indicator.denominator_definition}"
    return f"{text} {indicator.factor_text}".strip()


def context(
    *, user: UserLike, organisation: Organisation, year: int, quarter: int | None = None
) -> dict[str, Any]:
    """The decree that applies to ``year`` with its lampiran (``quarter`` is ignored)."""
    decree = decree_of(user, organisation, year)
    if decree is None:
        raise DocumentUnavailable(
            _("%(org)s has no IKU decree in force for %(year)s.")
            % {"org": organisation, "year": year}
        )
    data = decree_document_context(decree)
    data.update(
        organisation=decree.organisation,
        title_lines=lines(decree.signatory_title),
        date_text=format_date_id(decree.date_signed) if decree.date_signed else None,
        year=year,
    )
    return data


def lampiran_rows(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """One row per indicator: goal number, goal, "n. indicator", explanation + formula, source,
    responsible (the goal repeated on every row: Excel has no row spans worth keeping)."""
    rows = []
    for goal in data["goals"]:
        for n, indicator in enumerate(goal.indicators.all(), 1):
            explanation = "\n".join(x for x in (indicator.definition, formula_text(indicator)) if x)
            rows.append(
                (
                    goal.order,
                    goal.statement,
                    f"{n}. {indicator.name}",
                    explanation,
                    indicator.data_source,
                    responsible(indicator),
                )
            )
    return rows


# ------------------------------------------------------------------------------------ formats


def iku_xlsx(data: dict[str, Any]) -> bytes:
    decree: Decree = data["decree"]
    org = data["organisation"]
    workbook = xlsx.new_workbook()
    xlsx.add_table_sheet(
        workbook,
        "Lampiran IKU",
        title_lines=[
            f"INDIKATOR KINERJA UTAMA (IKU) {office_name(org)}",
            f"Lampiran Keputusan Nomor {decree.number or '…'}"
            + (f" tanggal {data['date_text']}" if data["date_text"] else ""),
        ],
        header=LAMPIRAN_HEADER,
        rows=lampiran_rows(data),
        widths=[6, 34, 40, 60, 16, 30],
        places=[0, None, None, None, None, None],
    )
    return xlsx.to_bytes(workbook)


def iku_docx(data: dict[str, Any], paper: str) -> bytes:
    decree: Decree = data["decree"]
    org = data["organisation"]
    doc = word.new_document(paper)
    word.add_kop(doc, org)
    title = data["title_lines"] or [""]
    for index, line in enumerate(title):
        text = f"KEPUTUSAN {line}" if index == 0 else line
        word.heading(doc, text.strip(), size=12).paragraph_format.space_after = 0
    word.paragraph(doc, f"NOMOR : {decree.number or '…'}", align="center", space_after=6)
    word.heading(doc, "TENTANG", size=12).paragraph_format.space_after = 0
    word.heading(doc, decree.title.upper(), size=12).paragraph_format.space_after = 8

    clauses: list[tuple[str, Any]] = []
    if data["menimbang"]:
        clauses.append(("Menimbang", [(c.label, c.text) for c in data["menimbang"]]))
    if data["mengingat"]:
        clauses.append(("Mengingat", [(c.label, c.text) for c in data["mengingat"]]))
    if clauses:
        word.clause_rows(doc, clauses)
    word.heading(doc, "MEMUTUSKAN :", size=11.5)
    dicta: list[tuple[str, Any]] = [("Menetapkan", "")]
    for diktum in data["dicta"]:
        items = [(i.label, i.text) for i in diktum.items.all()]
        dicta.append((diktum.label, [("", diktum.text), *items]))
    word.clause_rows(doc, dicta)
    signature = word.signature_lines(
        place=None, date_text=None, title_lines=data["title_lines"], official=decree.signatory
    )
    where: list[tuple[str, dict[str, bool]]] = [
        (f"Ditetapkan di : {decree.place or '…'}", {}),
        (f"Pada tanggal : {data['date_text'] or '…'}", {}),
    ]
    word.add_signatures(doc, [*where, *signature])

    word.page_break(doc)
    ref = doc.add_table(rows=0, cols=3)
    word.borderless(ref)
    for term, value in (
        ("LAMPIRAN", "KEPUTUSAN " + " ".join(data["title_lines"])),
        ("NOMOR", decree.number or "…"),
        ("TANGGAL", data["date_text"] or "…"),
    ):
        cells = ref.add_row().cells
        for cell, text in zip(cells, (term, ":", value), strict=True):
            word.set_cell(cell, text, size=10)
    word.set_widths(ref, [25, 4, 60])
    ref.alignment = 2  # right
    word.paragraph(doc, "", space_after=4)
    parent = org.parent.name.upper() if org.parent else ""
    word.heading(doc, "INDIKATOR KINERJA UTAMA (IKU)", size=12).paragraph_format.space_after = 0
    word.heading(doc, f"{office_name(org)} {parent}".strip(), size=12)
    profile: list[tuple[str, Any]] = [("Instansi", office_name(org))]
    if data["tujuan"]:
        profile.append(("Tujuan", [(c.label, c.text) for c in data["tujuan"]]))
    if decree.duty:
        profile.append(("Tugas", decree.duty))
    if data["fungsi"]:
        profile.append(("Fungsi", [(c.label, c.text) for c in data["fungsi"]]))
    word.clause_rows(doc, profile)
    word.paragraph(doc, "", space_after=2)

    widths = [9, 28, 32, 50, 18, 28]
    table = word.add_table(doc, header=LAMPIRAN_HEADER, rows=[], widths_mm=widths)
    for goal in data["goals"]:
        indicators = list(goal.indicators.all())
        first_row = None
        for n, indicator in enumerate(indicators, 1):
            cells = table.add_row().cells
            if first_row is None:
                first_row = cells
                word.set_cell(cells[0], f"{goal.order}.", align="center")
                word.set_cell(cells[1], goal.statement)
            word.set_cell(cells[2], f"{n}. {indicator.name}")
            if indicator.definition:
                word.set_cell(cells[3], indicator.definition)
            if indicator.numerator_definition or indicator.denominator_definition:
                word.fraction(
                    cells[3],
                    indicator.numerator_definition,
                    indicator.denominator_definition,
                    indicator.factor_text,
                )
            word.set_cell(cells[4], indicator.data_source)
            word.set_cell(cells[5], responsible(indicator))
        if first_row is not None and len(indicators) > 1:
            last = table.rows[-1].cells
            first_row[0].merge(last[0])
            first_row[1].merge(last[1])
    word.set_widths(table, widths)
    signature = word.signature_lines(
        place=decree.lampiran_place or decree.place,
        date_text=data["date_text"],
        title_lines=data["title_lines"],
        official=decree.signatory,
    )
    word.add_signatures(doc, signature)
    return word.to_bytes(doc)


register_document(
    "iku",
    label="Keputusan Camat tentang Indikator Kinerja Utama",
    context=context,
    renderers={"pdf": pdf_template("reports/iku.html"), "docx": iku_docx, "xlsx": iku_xlsx},
    published=_published,
    order=10,
    slug="keputusan-iku",
)

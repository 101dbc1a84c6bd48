"""Perjanjian Kinerja (JENIS ``pk``): the statement page signed by both parties and its lampiran.

The statement follows the shape of PermenPANRB 53/2014 (the Camat as first party, the Bupati as second
party); its wording here is a short neutral text of our own [D]. The lampiran lists per sasaran strategis
(kinerja utama) the indicators with unit, annual target and the TW I-IV targets
(``kinerja.planning.selectors.agreement_rows``, the read of the PK page) and, where entered, the
programs of the Renja with their budget (pagu).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from kinerja.accounts.access import UserLike
from kinerja.common.naming import office_name
from kinerja.organisations.models import Organisation
from kinerja.planning.selectors import (
    agreement_for_year,
    agreement_rows,
    agreement_signed,
    renja_rows,
)
from kinerja.reports import docx as word
from kinerja.reports import xlsx
from kinerja.reports.documents import DocumentUnavailable, pdf_template, register_document
from kinerja.reports.formatting import format_date_id, format_number_id
from kinerja.reports.signatories import head_of

if TYPE_CHECKING:
    from kinerja.planning.models import PerformanceAgreement

STATEMENT_OPENING = (
    "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta "
    "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
)
STATEMENT_PROMISE = (
    "Pihak pertama berjanji akan mewujudkan target kinerja sebagaimana tercantum dalam lampiran "
    "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah yang telah ditetapkan dalam "
    "dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi "
    "tanggung jawab pihak pertama."
)
STATEMENT_SUPERVISION = (
    "Pihak kedua akan memberikan supervisi yang diperlukan serta melakukan evaluasi atas capaian "
    "kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian "
    "penghargaan dan sanksi."
)
LAMPIRAN_HEADER = (
    "NO",
    "SASARAN STRATEGIS",
    "INDIKATOR KINERJA",
    "SATUAN",
    "TARGET",
    "TW I",
    "TW II",
    "TW III",
    "TW IV",
)
PROGRAM_HEADER = ("NO", "PROGRAM / KEGIATAN / SUB KEGIATAN", "ANGGARAN (Rp)")


def agreement_of(
    user: UserLike, organisation: Organisation, year: int
) -> PerformanceAgreement | None:
    return agreement_for_year(user=user, organisation=organisation, year=year)


def _published(organisation: Organisation, year: int) -> bool:
    # what the public reads: a signed PK
    return agreement_of(AnonymousUser(), organisation, year) is not None


def _short_name(organisation: Organisation) -> str:
    name = organisation.name
    return name[len("Kecamatan ") :] if name.lower().startswith("kecamatan ") else name


def context(
    *, user: UserLike, organisation: Organisation, year: int, quarter: int | None = None
) -> dict[str, Any]:
    """The PK of ``year`` (a draft PK is printed with a DRAF note; ``quarter`` is ignored)."""
    agreement = agreement_of(user, organisation, year)
    if agreement is None:
        raise DocumentUnavailable(
            _("%(org)s has no Perjanjian Kinerja for %(year)s.")
            % {"org": organisation, "year": year}
        )
    blocks = agreement_rows(agreement)
    programs = renja_rows(organisation=organisation, year=year)
    first = agreement.first_party
    camat = head_of(organisation)
    first_title = (first.position.upper() if first and first.position else camat.title_lines[0],)
    parent = organisation.parent
    return {
        "agreement": agreement,
        "organisation": organisation,
        "year": year,
        "year_text": str(year),
        "draft": not agreement_signed(agreement),
        "blocks": blocks,
        "programs": programs,
        "programs_total": sum((r.program.budget for r in programs if r.depth == 0), Decimal(0)),
        "first": first,
        "first_position": first.position
        if first and first.position
        else f"Camat {_short_name(organisation)}",
        "first_title": first_title,
        "second_name": agreement.second_party_name,
        "second_position": agreement.second_party_position,
        "date_text": format_date_id(agreement.date_signed) if agreement.date_signed else None,
        "place": agreement.place or camat.place,
        "office": office_name(organisation),
        "region": parent.name.upper() if parent else "",
        "opening": STATEMENT_OPENING,
        "promise": STATEMENT_PROMISE,
        "supervision": STATEMENT_SUPERVISION,
    }


def lampiran_rows(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Rows of the target table as text (PDF, Word)."""
    rows = []
    for block in data["blocks"]:
        for row in block.rows:
            rows.append(
                (
                    f"{block.goal.order}." if row.first_of_goal else "",
                    block.goal.statement if row.first_of_goal else "",
                    f"{row.indicator.code} {row.indicator.name}",
                    row.indicator.unit,
                    row.annual_text,
                    *row.quarter_texts,
                )
            )
    return rows


def program_rows(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    rows = []
    number = 0
    for r in data["programs"]:
        if r.depth == 0:
            number += 1
        indent = "    " * r.depth
        rows.append(
            (
                str(number) if r.depth == 0 else "",
                f"{indent}{r.program}",
                format_number_id(r.program.budget, 2),
            )
        )
    return rows


# ------------------------------------------------------------------------------------ formats


def pk_xlsx(data: dict[str, Any]) -> bytes:
    """Targets as numbers (a grade stays text), budgets as numbers."""
    year = data["year"]
    workbook = xlsx.new_workbook()
    title = [f"PERJANJIAN KINERJA TAHUN {year}", f"{data['office']} {data['region']}".strip()]
    rows = []
    places: list[int | None] = [0, None, None, None, None]
    for block in data["blocks"]:
        for row in block.rows:
            ind = row.indicator

            def number(target: Any, ind: Any = ind) -> Any:
                if target is None:
                    return None
                if ind.scale:
                    return target.target_grade or None
                return target.target

            rows.append(
                [
                    block.goal.order,
                    block.goal.statement,
                    ind.code,
                    ind.name,
                    ind.unit,
                    number(row.annual),
                    *[number(q) for q in row.quarters],
                ]
            )
    decimals = max((r.indicator.decimals for b in data["blocks"] for r in b.rows), default=2)
    xlsx.add_table_sheet(
        workbook,
        "Target",
        title_lines=title,
        header=[
            "NO",
            "SASARAN STRATEGIS",
            "KODE",
            "INDIKATOR KINERJA",
            "SATUAN",
            "TARGET",
            "TW I",
            "TW II",
            "TW III",
            "TW IV",
        ],
        rows=rows,
        places=[0, None, None, None, None, *[decimals] * 5],
        widths=[6, 36, 8, 44, 10, 10, 10, 10, 10, 10],
    )
    del places
    if data["programs"]:
        xlsx.add_table_sheet(
            workbook,
            "Anggaran",
            title_lines=title,
            header=["KODE", "PROGRAM / KEGIATAN / SUB KEGIATAN", "TINGKAT", "ANGGARAN (Rp)"],
            rows=[
                [r.program.code, r.program.name, r.program.get_level_display(), r.program.budget]
                for r in data["programs"]
            ],
            places=[None, None, None, 2],
            widths=[16, 56, 16, 20],
        )
    return xlsx.to_bytes(workbook)


def _party_lines(doc: Any, rows: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=0, cols=3)
    word.borderless(table)
    for term, value in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, (term, ":", value), strict=True):
            word.set_cell(cell, text, size=word.BODY_PT)
    word.set_widths(table, [30, 4, 131])


def _signature_pair(doc: Any, data: dict[str, Any], *, with_date: bool = True) -> None:
    first = data["first"]
    right = word.signature_lines(
        place=data["place"] if with_date else None,
        date_text=data["date_text"] if with_date else None,
        title_lines=["PIHAK PERTAMA", *data["first_title"]],
        official=first,
    )
    left = [
        ("", {}),
        ("PIHAK KEDUA", {"bold": True}),
        (data["second_position"], {"bold": True}),
        ("", {}),
        ("", {}),
        ("", {}),
        (data["second_name"] or "……………………………", {"bold": True, "underline": True}),
    ]
    if not with_date:
        left = left[1:]
    word.add_signatures(doc, right, left=left)


def pk_docx(data: dict[str, Any], paper: str) -> bytes:
    year = data["year"]
    doc = word.new_document(paper)
    word.add_kop(doc, data["organisation"])
    if data["draft"]:
        word.paragraph(doc, "DRAF — BELUM DITANDATANGANI", bold=True, align="center")
    word.heading(doc, f"PERJANJIAN KINERJA TAHUN {year}", size=13).paragraph_format.space_after = 0
    word.heading(doc, f"{data['office']} {data['region']}".strip(), size=13)
    word.paragraph(doc, data["opening"], space_after=6)
    first = data["first"]
    _party_lines(
        doc,
        [
            ("Nama", first.name if first else "……………………"),
            (
                "Pangkat/Gol.",
                (first.rank + (f" ({first.grade})" if first.grade else ""))
                if first and first.rank
                else "—",
            ),
            ("NIP", first.nip if first and first.nip else "—"),
            ("Jabatan", data["first_position"]),
        ],
    )
    word.paragraph(doc, "selanjutnya disebut pihak pertama.", space_after=6)
    _party_lines(
        doc,
        [("Nama", data["second_name"] or "……………………"), ("Jabatan", data["second_position"])],
    )
    word.paragraph(
        doc, "selaku atasan pihak pertama, selanjutnya disebut pihak kedua.", space_after=6
    )
    word.paragraph(doc, data["promise"], space_after=6)
    word.paragraph(doc, data["supervision"], space_after=6)
    _signature_pair(doc, data)

    word.page_break(doc)
    word.heading(
        doc, f"LAMPIRAN PERJANJIAN KINERJA TAHUN {year}", size=12
    ).paragraph_format.space_after = 0
    word.heading(doc, f"{data['office']} {data['region']}".strip(), size=12)
    widths = [8, 32, 44, 14, 15, 13, 13, 13, 13]
    word.add_table(
        doc,
        header=LAMPIRAN_HEADER,
        rows=lampiran_rows(data),
        widths_mm=widths,
        align=["center", "left", "left", "center", "right", "right", "right", "right", "right"],
    )
    if data["programs"]:
        word.paragraph(doc, "", space_after=2)
        word.add_table(
            doc,
            header=PROGRAM_HEADER,
            rows=[*program_rows(data), ("", "JUMLAH", format_number_id(data["programs_total"], 2))],
            widths_mm=[10, 120, 35],
            align=["center", "left", "right"],
        )
    _signature_pair(doc, data)
    return word.to_bytes(doc)


register_document(
    "pk",
    label="Perjanjian Kinerja",
    context=context,
    renderers={"pdf": pdf_template("reports/pk.html"), "docx": pk_docx, "xlsx": pk_xlsx},
    published=_published,
    order=20,
    slug="perjanjian-kinerja",
)

"""Paper questionnaires: the CSV/XLSX template, reading a filled file, and the raw export.

Columns: tanggal, layanan, jenis_kelamin, usia, pendidikan, pekerjaan, u1..un, saran. An empty
answer cell is a question not answered.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.skm.models import MAX_AGE, MIN_AGE, Channel, Education, Gender, Occupation, Response

PROFILE_COLUMNS = ("tanggal", "layanan", "jenis_kelamin", "usia", "pendidikan", "pekerjaan")

GENDER_WORDS = {
    "l": Gender.MALE,
    "laki-laki": Gender.MALE,
    "laki laki": Gender.MALE,
    "p": Gender.FEMALE,
    "perempuan": Gender.FEMALE,
}


def columns(codes: Sequence[str]) -> list[str]:
    return [*PROFILE_COLUMNS, *(c.lower() for c in codes), "saran"]


def template_csv(codes: Sequence[str], example_service: str = "") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns(codes))
    writer.writerow(
        ["2022-03-15", example_service, "P", "34", "SMA", "Wirausaha", *(["4"] * len(codes)), ""]
    )
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(codes: Sequence[str], services: Sequence[str]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Kuesioner"
    sheet.append(columns(codes))
    guide = book.create_sheet("Petunjuk")
    guide.append(["kolom", "isian"])
    guide.append(["tanggal", "YYYY-MM-DD atau DD/MM/YYYY"])
    guide.append(["layanan", "; ".join(services)])
    guide.append(["jenis_kelamin", "L / P"])
    guide.append(["usia", f"{MIN_AGE}–{MAX_AGE} (boleh kosong)"])
    guide.append(["pendidikan", " / ".join(Education.values)])
    guide.append(["pekerjaan", " / ".join(Occupation.values)])
    guide.append(["u1..", "1, 2, 3 atau 4; kosong = tidak dijawab"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(filename: str, data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """Rows of a CSV or XLSX file as (line number, {lower-case column: value}); the header is
    line 1. ``ValueError`` with a message for a file that cannot be read."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ValueError(_("The file is not a readable XLSX workbook.")) from exc
        raw: Iterable[Sequence[Any]] = book.worksheets[0].iter_rows(values_only=True)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValueError(_("The file is not UTF-8 text (CSV).")) from exc
        raw = csv.reader(io.StringIO(text))
    iterator = iter(raw)
    header = next(iterator, None)
    if header is None:
        raise ValueError(_("The file is empty."))
    names = [_cell(h).lower() for h in header]
    rows = []
    for line, values in enumerate(iterator, 2):
        row = {name: values[i] if i < len(values) else None for i, name in enumerate(names) if name}
        if all(_cell(v) == "" for v in row.values()):
            continue
        rows.append((line, row))
    return rows


def check_header(rows_header: Iterable[str], codes: Sequence[str]) -> list[str]:
    missing = [c for c in columns(codes) if c != "saran" and c not in set(rows_header)]
    return missing


def _parse_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _cell(value)
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a calendar date)
        except ValueError:
            continue
    return None


def parse_row(
    row: Mapping[str, Any], *, services: Mapping[str, Any], codes: Sequence[str]
) -> tuple[Any, list[str]]:
    """A ``ResponseInput`` from one template row, or the list of what is wrong with it."""
    from kinerja.skm.services import ResponseInput

    problems: list[str] = []
    missing = [c for c in (*PROFILE_COLUMNS, *(c.lower() for c in codes)) if c not in row]
    if missing:
        return None, [_("missing column(s): %(cols)s") % {"cols": ", ".join(missing)}]
    day = _parse_date(row["tanggal"])
    if day is None:
        problems.append(
            _("tanggal: %(value)r is not a date (YYYY-MM-DD or DD/MM/YYYY)")
            % {"value": _cell(row["tanggal"])}
        )
    service = services.get(_cell(row["layanan"]).casefold())
    if service is None:
        problems.append(_("layanan: unknown service %(value)r") % {"value": _cell(row["layanan"])})
    gender = GENDER_WORDS.get(_cell(row["jenis_kelamin"]).lower())
    if gender is None:
        problems.append(
            _("jenis_kelamin: %(value)r must be L or P") % {"value": _cell(row["jenis_kelamin"])}
        )
    age: int | None = None
    if _cell(row["usia"]):
        try:
            age = int(_cell(row["usia"]))
        except ValueError:
            age = -1
        if not MIN_AGE <= age <= MAX_AGE:
            problems.append(
                _("usia: %(value)r must be a whole number %(low)s–%(high)s")
                % {"value": _cell(row["usia"]), "low": MIN_AGE, "high": MAX_AGE}
            )
            age = None
    education = {v.lower(): v for v in Education.values}.get(_cell(row["pendidikan"]).lower())
    if education is None:
        problems.append(
            _("pendidikan: %(value)r must be one of %(choices)s")
            % {"value": _cell(row["pendidikan"]), "choices": "/".join(Education.values)}
        )
    occupation = {v.lower(): v for v in Occupation.values}.get(_cell(row["pekerjaan"]).lower())
    if occupation is None:
        problems.append(
            _("pekerjaan: %(value)r must be one of %(choices)s")
            % {"value": _cell(row["pekerjaan"]), "choices": "/".join(Occupation.values)}
        )
    answers: dict[str, int | None] = {}
    for code in codes:
        text = _cell(row[code.lower()])
        if text == "":
            answers[code] = None
        elif text in ("1", "2", "3", "4"):
            answers[code] = int(text)
        else:
            problems.append(
                _("%(col)s: %(value)r must be 1, 2, 3, 4 or empty")
                % {"col": code.lower(), "value": text}
            )
    if not problems and all(v is None for v in answers.values()):
        problems.append(_("no question answered"))
    if problems:
        return None, problems
    return (
        ResponseInput(
            service=service,
            answers=answers,
            gender=gender,
            education=education,
            occupation=occupation,
            age=age,
            saran=_cell(row.get("saran")),
            channel=Channel.PAPER,
            date=day,
            submitted_at=timezone.make_aware(datetime.combine(day, time(12))),
        ),
        [],
    )


def export_rows(responses: Iterable[Response], codes: Sequence[str]) -> Iterable[list[Any]]:
    """The raw responses as template rows (plus channel and submission time), header first."""
    yield [*columns(codes), "kanal", "waktu_isi"]
    for response in responses:
        given = {a.unsur.code: a.value for a in response.answers.all()}
        yield [
            response.date.isoformat(),
            response.service.name,
            response.gender,
            "" if response.age is None else response.age,
            response.education,
            response.occupation,
            *("" if given.get(c) is None else given[c] for c in codes),
            response.saran,
            response.channel,
            response.submitted_at.isoformat(timespec="seconds"),
        ]


def export_csv(responses: Iterable[Response], codes: Sequence[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in export_rows(responses, codes):
        writer.writerow(row)
    return out.getvalue().encode("utf-8-sig")


def export_xlsx(responses: Iterable[Response], codes: Sequence[str]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Responden")
    for row in export_rows(responses, codes):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

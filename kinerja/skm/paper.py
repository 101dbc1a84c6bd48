"""Paper questionnaires: the CSV/XLSX template, reading a filled file, and the raw export.

Columns: tanggal, layanan, jenis_kelamin, usia, pendidikan, pekerjaan, u1..un, saran. An empty
answer cell is a question not answered.
"""

from __future__ import annotations

import csv
import io
import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from enum import Enum
from typing import Any, Final

from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.skm.models import MAX_AGE, MIN_AGE, Channel, Education, Gender, Occupation, Response

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)

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
    width = len(names)
    unnamed = "" in names  # columns without a header are left out
    for line, values in enumerate(iterator, 2):
        if len(values) < width:  # a short row: the missing cells are empty
            values = [*values, *([None] * (width - len(values)))]
        # Cells beyond the header are left out.
        row = dict(zip(names, values, strict=False))
        if unnamed:
            row.pop("", None)
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
    if ISO_DATE.fullmatch(text):  # the common case, without strptime's locale work
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a calendar date)
        except ValueError:
            continue
    return None


class RowParser:
    """Checks template rows and turns good ones into ``ResponseInput``: every lookup (services,
    choices, answer values, dates) prepared once per import and every distinct cell text parsed
    once, so a row costs a few dictionary look-ups. The rules and messages are those of the
    template (see the module docstring); ``parse`` gives every problem of a row, in column order.
    """

    def __init__(self, *, services: Mapping[str, Any], codes: Sequence[str]) -> None:
        from kinerja.skm.services import ResponseInput

        self._input = ResponseInput
        self.services = services  # case-folded name -> ServiceType
        self.codes = list(codes)
        self.answer_columns = [(code, code.lower()) for code in self.codes]
        self.required = [*PROFILE_COLUMNS, *(column for _code, column in self.answer_columns)]
        self._required_getter = operator.itemgetter(*self.required)
        self.educations = {v.lower(): v for v in Education.values}
        self.occupations = {v.lower(): v for v in Occupation.values}
        # Per column: cell text -> parsed value, or _BAD. Only str cells are memoised (CSV), so
        # that e.g. True and 1 from a workbook can never share an entry.
        self._memo: dict[str, dict[str, Any]] = {c: {} for c in PROFILE_COLUMNS}
        self._answer_memo: dict[str, int | None | _Bad] = {"": None, "1": 1, "2": 2, "3": 3, "4": 4}
        self._noon: dict[date, datetime] = {}

    def _cached(self, column: str, value: Any, parse: Any) -> Any:
        if value.__class__ is str:
            memo = self._memo[column]
            try:
                return memo[value]
            except KeyError:
                result = memo[value] = parse(value)
                return result
        return parse(value)

    def _age(self, value: Any) -> Any:
        text = _cell(value)
        if not text:
            return None
        try:
            age = int(text)
        except ValueError:
            return _BAD
        return age if MIN_AGE <= age <= MAX_AGE else _BAD

    def _answer(self, value: Any) -> int | None | _Bad:
        text = _cell(value)
        if text == "":
            return None
        return int(text) if text in ("1", "2", "3", "4") else _BAD

    def parse(self, row: Mapping[str, Any]) -> tuple[Any, list[str]]:
        """(``ResponseInput``, []) for a good row, else (None, [problems])."""
        try:
            cells = self._required_getter(row)
        except KeyError:
            missing = [c for c in self.required if c not in row]
            return None, [_("missing column(s): %(cols)s") % {"cols": ", ".join(missing)}]
        problems: list[str] = []
        raw = cells[0]
        day = self._cached("tanggal", raw, _parse_date)
        if day is None:
            problems.append(
                _("tanggal: %(value)r is not a date (YYYY-MM-DD or DD/MM/YYYY)")
                % {"value": _cell(raw)}
            )
        raw = cells[1]
        service = self._cached("layanan", raw, lambda v: self.services.get(_cell(v).casefold()))
        if service is None:
            problems.append(_("layanan: unknown service %(value)r") % {"value": _cell(raw)})
        raw = cells[2]
        gender = self._cached("jenis_kelamin", raw, lambda v: GENDER_WORDS.get(_cell(v).lower()))
        if gender is None:
            problems.append(_("jenis_kelamin: %(value)r must be L or P") % {"value": _cell(raw)})
        raw = cells[3]
        age = self._cached("usia", raw, self._age)
        if age is _BAD:
            problems.append(
                _("usia: %(value)r must be a whole number %(low)s–%(high)s")
                % {"value": _cell(raw), "low": MIN_AGE, "high": MAX_AGE}
            )
            age = None
        raw = cells[4]
        education = self._cached("pendidikan", raw, lambda v: self.educations.get(_cell(v).lower()))
        if education is None:
            problems.append(
                _("pendidikan: %(value)r must be one of %(choices)s")
                % {"value": _cell(raw), "choices": "/".join(Education.values)}
            )
        raw = cells[5]
        occupation = self._cached(
            "pekerjaan", raw, lambda v: self.occupations.get(_cell(v).lower())
        )
        if occupation is None:
            problems.append(
                _("pekerjaan: %(value)r must be one of %(choices)s")
                % {"value": _cell(raw), "choices": "/".join(Occupation.values)}
            )
        answers: dict[str, int | None] = {}
        memo = self._answer_memo
        answered = False
        for (code, column), raw in zip(self.answer_columns, cells[6:], strict=True):
            value = memo.get(raw, _BAD) if raw.__class__ is str else _BAD
            if value is _BAD:
                value = self._answer(raw)
                if raw.__class__ is str:
                    memo[raw] = value
            if value is _BAD:
                problems.append(
                    _("%(col)s: %(value)r must be 1, 2, 3, 4 or empty")
                    % {"col": column, "value": _cell(raw)}
                )
                continue
            answers[code] = value
            if value is not None:
                answered = True
        if not problems and not answered:
            problems.append(_("no question answered"))
        if problems:
            return None, problems
        noon = self._noon.get(day)
        if noon is None:
            noon = self._noon[day] = timezone.make_aware(datetime.combine(day, time(12)))
        return (
            self._input(
                service=service,
                answers=answers,
                gender=gender,
                education=education,
                occupation=occupation,
                age=age,
                saran=_cell(row.get("saran")),
                channel=Channel.PAPER,
                date=day,
                submitted_at=noon,
            ),
            [],
        )


class _Bad(Enum):
    """A cell that does not parse (an enum member, so ``is _BAD`` narrows the type)."""

    BAD = "bad"


_BAD: Final = _Bad.BAD


def parse_row(
    row: Mapping[str, Any], *, services: Mapping[str, Any], codes: Sequence[str]
) -> tuple[Any, list[str]]:
    """A ``ResponseInput`` from one template row, or the list of what is wrong with it (one row;
    an import uses one ``RowParser`` for all its rows)."""
    return RowParser(services=services, codes=codes).parse(row)


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

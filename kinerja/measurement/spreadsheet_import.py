"""Realizations (and PK targets) from a spreadsheet: the importer behind ``kinerja realisasi
import`` and the upload page (``measurement:import``). See docs/measurement.md.

A file goes through three steps, each callable alone:

1. :func:`read_table` reads the cells of a CSV (UTF-8) or of the first sheet of an XLSX and checks
   the header ``kode_indikator,periode,target,pembilang,penyebut``. A file that cannot be read at
   all (empty, UTF-16 or Latin-1 text, a damaged or cut-off workbook, too many rows, a wrong
   header) raises :class:`ImportRefused` with one message; a bad cell (a formula, more than
   :data:`MAX_CELL_CHARS` characters) becomes a problem of its row.
2. :func:`check` checks every row against the organisation's decree in force and the value store
   and gives a :class:`Plan`: what would be written, or every problem with its row and column.
3. :func:`write` writes a plan without problems through the services (``value_save``,
   ``planning.services.agreements.agreement_targets_set``) in one transaction: a refusal of any
   row rolls back all of it. ``dry_run=True`` does the same and rolls back, so a preview sees the services' own checks.

Nothing here decides who may import: the callers check that (the page: Perencana, Camat, Admin
Kabupaten of the kecamatan; the command is trusted) and the services check again.
"""

from __future__ import annotations

import csv
import io
import math
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.access import UserLike
from kinerja.core.numbers import format_id, parse_number
from kinerja.core.periods import parse_period
from kinerja.iku.models import Decree, Indicator
from kinerja.measurement import services
from kinerja.measurement.models import IndicatorValue
from kinerja.measurement.sources import compute_from_source
from kinerja.organisations.models import Organisation

HEADER = ("kode_indikator", "periode", "target", "pembilang", "penyebut")
CODE, PERIOD, TARGET, NUMERATOR, DENOMINATOR = HEADER
MAX_LINES = 2000
"""Rows a file may have, the header included (a kecamatan has a few dozen rows a year)."""
MAX_CELL_CHARS = 100
"""The longest cell read; codes, periods and numbers are far shorter."""
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
"""The largest an XLSX may be once unpacked (a small file can unpack to gigabytes)."""
MAX_COLUMNS = 10
"""Columns read from an XLSX (A–J): the five of the header and enough to see extra ones."""
YEARS = (2000, 2100)
"""The years a period may have, as on the planning forms."""
INTEGER_DIGITS, DECIMAL_PLACES = 14, 4
"""What the database keeps of a number (as ``services.value_save`` and the PK targets)."""

Cell = str | Decimal


# ---------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: its row (1 is the header; 0 the whole file), the column of
    the header it is about ("" for the whole row) and an Indonesian message."""

    line: int
    column: str
    message: str
    code: str = ""

    def __str__(self) -> str:
        return f"{self.column}: {self.message}" if self.column else self.message


OVERRIDE_NEEDED = "override"
"""``Problem.code`` of numbers that differ from a computed source and have no reason given."""


class ImportRefused(Exception):
    """The file cannot be imported; ``problems`` says why (nothing has been written)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = sorted(problems, key=lambda p: (p.line, HEADER_ORDER.get(p.column, -1)))


HEADER_ORDER = {name: index for index, name in enumerate(HEADER)}


def _refuse(message: str, line: int = 0) -> ImportRefused:
    return ImportRefused([Problem(line, "", message)])


# ---------------------------------------------------------------- 1. reading the file


@dataclass(frozen=True)
class RawRow:
    """The five cells of one row: text, or an exact Decimal where the spreadsheet stored a number."""

    line: int
    cells: tuple[Cell, Cell, Cell, Cell, Cell]


@dataclass(frozen=True)
class Table:
    """The rows below the header (empty rows left out) and the problems of their cells."""

    rows: list[RawRow]
    problems: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON (for the session between the preview and "Simpan")."""
        return {
            "rows": [[r.line, [_cell_json(c) for c in r.cells]] for r in self.rows],
            "problems": [[p.line, p.column, p.message, p.code] for p in self.problems],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Table:
        rows = []
        for line, cells in data["rows"]:
            a, b, c, d, e = (_cell_from_json(x) for x in cells)
            rows.append(RawRow(int(line), (a, b, c, d, e)))
        problems = [Problem(int(p[0]), p[1], p[2], p[3]) for p in data["problems"]]
        return cls(rows, problems)


def _cell_json(cell: Cell) -> str:
    return f"n{cell}" if isinstance(cell, Decimal) else f"s{cell}"


def _cell_from_json(text: str) -> Cell:
    return Decimal(text[1:]) if text.startswith("n") else text[1:]


def read_table(data: bytes, filename: str) -> Table:
    """The rows of ``data``: an XLSX when ``filename`` ends in ``.xlsx``, else CSV text."""
    if not data:
        raise _refuse(_("The file is empty."))
    xlsx = PurePath(filename).suffix.lower() == ".xlsx"
    return _table(_xlsx_rows(data) if xlsx else _csv_rows(data))


def _table(raw: Iterable[tuple[int, list[Cell], dict[int, Problem]]]) -> Table:
    """Check the header, keep the first five cells of the other rows, leave empty rows out."""
    iterator = iter(raw)
    first = next(iterator, None)
    if first is None:
        raise _refuse(_("The file is empty."))
    header = [str(c).strip().lower() for c in first[1]]
    while header and header[-1] == "":
        header.pop()
    if header != list(HEADER):
        raise _refuse(
            _("The header must be %(expected)s, not %(found)s.")
            % {"expected": ",".join(HEADER), "found": _shorten(",".join(header), 200)},
            line=1,
        )
    rows: list[RawRow] = []
    problems: list[Problem] = []
    for line, cells, cell_problems in iterator:
        padded = (list(cells) + [""] * len(HEADER))[: len(HEADER)]
        if all(c == "" for c in padded) and not cell_problems:
            continue
        if line > MAX_LINES:
            raise _refuse(
                _("The file has more than %(max)d rows; split it into several files.")
                % {"max": MAX_LINES}
            )
        too_long = {
            index: Problem(
                line,
                HEADER[index],
                _("The cell has %(length)s characters; at most %(max)d are read.")
                % {"length": format_id(len(str(cell)), 0), "max": MAX_CELL_CHARS},
            )
            for index, cell in enumerate(padded)
            if len(str(cell)) > MAX_CELL_CHARS
        }
        bad = {**too_long, **{i: p for i, p in cell_problems.items() if i < len(HEADER)}}
        if bad:
            problems += [bad[i] for i in sorted(bad)]
            padded = ["" if i in bad else c for i, c in enumerate(padded)]
        a, b, c, d, e = padded
        rows.append(RawRow(line, (a, b, c, d, e)))
    return Table(rows, problems)


def _shorten(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[Cell], dict[int, Problem]]]:
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise _refuse(
            _(
                "The file is a workbook, not CSV text. Give it the .xlsx extension (an old .xls "
                "must first be saved as .xlsx) or save it as “CSV UTF-8”."
            )
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise _refuse(
            _(
                "The file is UTF-16 (“Unicode”) text. Save it as “CSV UTF-8 (comma delimited)” "
                "and upload it again."
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _refuse(
            _(
                "The text is not UTF-8 (the file was probably saved as ANSI or Latin-1). Save it "
                "as “CSV UTF-8 (comma delimited)” and upload it again."
            ),
            line=line,
        ) from None
    first = next(iter(text.splitlines()), "")
    delimiter = max((";", ",", "\t"), key=lambda d: (first.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 0
    try:
        for line, row in enumerate(reader, 1):
            yield line, [c.strip() for c in row], {}
    except csv.Error as exc:
        # The reader cannot go on past this (a cell beyond the csv module's own limit of 128 KB,
        # a stray NUL): the file is refused at that row.
        line += 1
        if "field larger than field limit" in str(exc):
            message = _("A cell is longer than %(max)d characters.") % {"max": MAX_CELL_CHARS}
        else:
            message = _("The row cannot be read as CSV (a stray quote or control character?).")
        raise _refuse(message, line) from None


def unreadable_xlsx_message() -> str:
    return _(
        "The file is not a readable XLSX workbook (it may be damaged, cut off or of another "
        "type). Open it in a spreadsheet program, save it as .xlsx and upload it again."
    )


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[Cell], dict[int, Problem]]]:
    from openpyxl import load_workbook

    unreadable = unreadable_xlsx_message()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refuse(unreadable) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise _refuse(
            _("The workbook is too large once unpacked (more than %(mb)d MB).")
            % {"mb": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )
    try:
        # Not data_only: a formula is refused rather than its cached result trusted (a file
        # written by a program has none, and a cached result may be stale).
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise _refuse(unreadable) from None
    try:
        if not workbook.worksheets:
            raise _refuse(unreadable)
        sheet = workbook.worksheets[0]
        for line, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), 1):
            cells: list[Cell] = []
            problems: dict[int, Problem] = {}
            for index, cell in enumerate(row):
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f" or (
                    value is not None and not isinstance(value, _PLAIN_CELL_TYPES)
                ):
                    cells.append("")
                    if index < len(HEADER):
                        problems[index] = Problem(
                            line,
                            HEADER[index],
                            _(
                                "The cell holds a formula (%(formula)s). Type the number itself, "
                                "or copy the cells and paste them as values only."
                            )
                            % {"formula": _shorten(str(getattr(value, "text", value)))},
                        )
                    continue
                cells.append(_cell(value))
            yield line, cells, problems
    except ImportRefused:
        raise
    except Exception:  # a damaged sheet inside a sound archive fails while it is read
        raise _refuse(unreadable) from None
    finally:
        workbook.close()


_PLAIN_CELL_TYPES = (str, int, float, Decimal, bool, datetime, date, time, timedelta)


def _cell(value: Any) -> Cell:
    """A cell as text, or as an exact Decimal when the spreadsheet stored a number."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # repr gives the shortest text of the float, so 0.1 is 0.1 (not 0.1000000000000000055…);
        # an infinite or NaN number stays text and is refused as "not a number".
        return Decimal(repr(value)) if math.isfinite(value) else repr(value)
    if isinstance(value, Decimal):
        return value
    return str(value).strip()


# ---------------------------------------------------------------- 2. checking the rows


@dataclass(frozen=True)
class PlannedRow:
    """One good row: what will be written."""

    line: int
    indicator: Indicator
    period: str
    target: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    has_numbers: bool
    computed: tuple[Decimal | None, Decimal | None] | None
    """The components computed from the indicator's source (None: entered by hand)."""
    current: IndicatorValue | None
    """The stored value this row replaces, if any."""

    @property
    def overrides(self) -> bool:
        """The numbers differ from those computed from the source."""
        return (
            self.has_numbers
            and self.computed is not None
            and self.computed != (self.numerator, self.denominator)
        )

    @property
    def key(self) -> str:
        return f"{self.indicator.code}|{self.period}"

    @property
    def label(self) -> str:
        return parse_period(self.period).label


@dataclass
class Plan:
    organisation: Organisation
    decree: Decree
    override_reason: str
    rows: list[PlannedRow]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def bad_lines(self) -> list[int]:
        return sorted({p.line for p in self.problems})

    @property
    def value_count(self) -> int:
        return sum(1 for r in self.rows if r.has_numbers)

    @property
    def target_count(self) -> int:
        return sum(1 for r in self.rows if r.target is not None)

    def versions(self) -> dict[str, int]:
        """The version of each stored value the plan replaces (0: none), to pass back to
        :func:`write` so that a value saved by somebody after the preview is not overwritten."""
        return {r.key: r.current.version if r.current else 0 for r in self.rows if r.has_numbers}


def decree_in_force(organisation: Organisation) -> Decree | None:
    return Decree.objects.filter(organisation=organisation).in_force().first()


def _amount(raw: Cell, column: str, problems: list[Problem], line: int) -> Decimal | None:
    """A number of a cell, or None when empty; a problem (and None) when it is not a number the
    database can keep, so that the services never see one they cannot handle."""
    if raw == "":
        return None
    if isinstance(raw, Decimal):
        number = raw
    else:
        try:
            number = parse_number(raw)
        except ValueError:
            problems.append(
                Problem(
                    line,
                    column,
                    _("“%(text)s” is not a number. Write e.g. 1.234,5 or 12,5.") % {"text": raw},
                )
            )
            return None
    if (
        not number.is_finite()
        or abs(number) >= Decimal(10) ** INTEGER_DIGITS
        or number != number.quantize(Decimal(1).scaleb(-DECIMAL_PLACES))
    ):
        problems.append(
            Problem(
                line,
                column,
                _("At most 14 digits before and %(places)d after the decimal mark.")
                % {"places": DECIMAL_PLACES},
            )
        )
        return None
    return number


def _period(raw: Cell, problems: list[Problem], line: int) -> str | None:
    text = str(raw).strip().removesuffix(".0")
    try:
        period = parse_period(text)
    except ValueError:
        problems.append(
            Problem(
                line,
                PERIOD,
                _("“%(text)s” is not a period (use e.g. 2022 or 2022Q1).") % {"text": text},
            )
        )
        return None
    if not YEARS[0] <= period.year <= YEARS[1]:
        problems.append(
            Problem(
                line,
                PERIOD,
                _("The year %(year)s is not between %(first)s and %(last)s.")
                % {"year": period.year, "first": YEARS[0], "last": YEARS[1]},
            )
        )
        return None
    return str(period)


COMPONENT_COLUMNS = {
    "numerator": NUMERATOR,
    "denominator": DENOMINATOR,
    "value": NUMERATOR,
    "grade": NUMERATOR,
}


def check(table: Table, *, organisation: Organisation, override_reason: str = "") -> Plan:
    """Check every row of ``table`` for ``organisation`` (its decree in force); nothing is
    written. ``override_reason`` is recorded where the numbers override a computed source; without
    it such a row is a problem (code :data:`OVERRIDE_NEEDED`)."""
    decree = decree_in_force(organisation)
    if decree is None:
        raise _refuse(_("%(org)s has no decree in force.") % {"org": organisation})
    override_reason = (override_reason or "").strip()
    indicators = {i.code: i for i in decree.active_indicators()}
    current = {
        (v.indicator_id, v.period): v
        for v in IndicatorValue.objects.filter(
            organisation=organisation, indicator__in=list(indicators.values())
        )
    }
    bad_cells = {p.line for p in table.problems}
    problems: list[Problem] = list(table.problems)
    rows: list[PlannedRow] = []
    seen: dict[tuple[str, str], int] = {}
    if not table.rows:
        problems.append(Problem(0, "", _("The file has no rows below the header.")))
    for raw in table.rows:
        line = raw.line
        code_raw, period_raw, target_raw, num_raw, den_raw = raw.cells
        row_problems: list[Problem] = []
        code = str(code_raw).strip()
        indicator = indicators.get(code)
        if indicator is None and code_raw != "":
            row_problems.append(
                Problem(line, CODE, _("unknown indicator code “%(code)s”.") % {"code": code})
            )
        elif indicator is None and line not in bad_cells:
            row_problems.append(Problem(line, CODE, _("The indicator code is missing.")))
        period = None
        if period_raw != "" or line not in bad_cells:
            period = _period(period_raw, row_problems, line)
        target = _amount(target_raw, TARGET, row_problems, line)
        numerator = _amount(num_raw, NUMERATOR, row_problems, line)
        denominator = _amount(den_raw, DENOMINATOR, row_problems, line)
        has_numbers = num_raw != "" or den_raw != ""
        if period is not None and indicator is not None:
            key = (indicator.code, period)
            if key in seen:
                row_problems.append(
                    Problem(
                        line,
                        "",
                        _("duplicate row: %(code)s %(period)s is already on line %(line)d.")
                        % {"code": indicator.code, "period": period, "line": seen[key]},
                    )
                )
            else:
                seen[key] = line
        if not has_numbers and target_raw == "" and not row_problems and line not in bad_cells:
            row_problems.append(Problem(line, "", _("neither a target nor a realization.")))
        if line in bad_cells:
            # A cell that could not be read (a formula, too long) is reported on its own; what is
            # left of the row is checked only as far as it can be.
            problems += row_problems
            continue
        value = None
        if indicator is not None and target is not None:
            row_problems += _target_problems(indicator, target, line)
        if indicator is not None and has_numbers and not row_problems:
            try:
                numerator, denominator, value, _grade = services.validate_components(
                    indicator=indicator, numerator=numerator, denominator=denominator
                )
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    column = COMPONENT_COLUMNS.get(name, "")
                    row_problems += [Problem(line, column, m) for m in messages]
        stored = None
        computed = None
        if indicator is not None and period is not None and not row_problems:
            stored = current.get((indicator.pk, period))
            if (
                has_numbers
                and stored is not None
                and stored.status not in services.EDITABLE_STATUSES
            ):
                row_problems.append(
                    Problem(
                        line,
                        "",
                        _("the realization is “%(status)s” and cannot be replaced.")
                        % {"status": stored.get_status_display()},
                    )
                )
            if has_numbers and indicator.value_source != "manual":
                result = compute_from_source(indicator, organisation, parse_period(period))
                if result is not None:
                    computed = (result.numerator, result.denominator)
                    if computed != (numerator, denominator) and not override_reason:
                        row_problems.append(
                            Problem(
                                line,
                                "",
                                _(
                                    "the numbers differ from those computed from the source "
                                    "(%(num)s / %(den)s) and no reason for overriding them was "
                                    "given."
                                )
                                % {
                                    "num": format_id(result.numerator, 4).rstrip("0").rstrip(","),
                                    "den": format_id(result.denominator, 4).rstrip("0").rstrip(","),
                                },
                                OVERRIDE_NEEDED,
                            )
                        )
        if row_problems:
            problems += row_problems
            continue
        assert indicator is not None and period is not None
        rows.append(
            PlannedRow(
                line=line,
                indicator=indicator,
                period=period,
                target=target,
                numerator=numerator if has_numbers else None,
                denominator=denominator if has_numbers else None,
                value=value,
                has_numbers=has_numbers,
                computed=computed,
                current=stored if has_numbers else None,
            )
        )
    problems.sort(key=lambda p: (p.line, HEADER_ORDER.get(p.column, -1)))
    return Plan(organisation, decree, override_reason, rows, problems)


def _target_problems(indicator: Indicator, target: Decimal, line: int) -> list[Problem]:
    """The PK page's own checks of one target (a graded indicator takes no number)."""
    from kinerja.planning.services.target_values import TargetInput, clean_target_values

    try:
        clean_target_values(indicator, TargetInput(target))
    except ValidationError as exc:
        return [Problem(line, TARGET, m) for m in exc.messages]
    return []


# ---------------------------------------------------------------- 3. writing


@dataclass(frozen=True)
class Written:
    values: int
    targets: int


def write(
    plan: Plan,
    *,
    actor: UserLike | None,
    expected_versions: Mapping[str, int] | None = None,
    dry_run: bool = False,
) -> Written:
    """Write ``plan`` (which must have no problems) through the services, in one transaction.

    ``actor`` is the user (None: a trusted command); the services record them in the history and
    check their rights. ``expected_versions`` (from :meth:`Plan.versions` at the preview) refuses a
    value somebody saved in the meantime. Any refusal raises :class:`ImportRefused` with every
    refused row, and nothing is written. ``dry_run`` rolls back even a success.
    """
    if plan.problems:
        raise ImportRefused(plan.problems)
    with transaction.atomic():
        written = _write(plan, actor, expected_versions)
        if dry_run:
            transaction.set_rollback(True)
    return written


def _write(
    plan: Plan, actor: UserLike | None, expected_versions: Mapping[str, int] | None
) -> Written:
    problems: list[Problem] = []
    values = 0
    for row in plan.rows:
        if not row.has_numbers:
            continue
        try:
            services.value_save(
                actor=actor,
                indicator=row.indicator,
                organisation=plan.organisation,
                period=row.period,
                numerator=row.numerator,
                denominator=row.denominator,
                override_reason=plan.override_reason,
                expected_version=(
                    expected_versions.get(row.key) if expected_versions is not None else None
                ),
                **_narratives(row, plan.organisation),
            )
            values += 1
        except services.VersionConflict:
            problems.append(
                Problem(
                    row.line,
                    "",
                    _(
                        "somebody saved this realization after the preview; upload the file "
                        "again to see the current numbers."
                    ),
                )
            )
        except ValidationError as exc:
            problems += [Problem(row.line, "", m) for m in exc.messages]
    targets = _write_targets(
        actor, [r for r in plan.rows if r.target is not None], plan.organisation, problems
    )
    if problems:
        raise ImportRefused(problems)
    return Written(values, targets)


def _narratives(row: PlannedRow, organisation: Organisation) -> dict[str, str]:
    """Keep what was typed on the page: the file carries numbers only."""
    current = IndicatorValue.objects.filter(
        indicator=row.indicator, organisation=organisation, period=row.period
    ).first()
    if current is None:
        return {}
    return {
        "kendala": current.kendala,
        "upaya": current.upaya,
        "rencana_tindak_lanjut": current.rencana_tindak_lanjut,
    }


def _write_targets(
    actor: UserLike | None,
    rows: list[PlannedRow],
    organisation: Organisation,
    problems: list[Problem],
) -> int:
    """Targets through the planning service, one call per PK year (all of an indicator's
    periods at once, so the quarters-vs-year check sees them together)."""
    from kinerja.planning.models import PerformanceAgreement
    from kinerja.planning.services.agreements import (
        IndicatorTargetsInput,
        agreement_save,
        agreement_targets_set,
    )
    from kinerja.planning.services.target_values import TargetInput

    by_year: dict[int, list[PlannedRow]] = {}
    for row in rows:
        by_year.setdefault(parse_period(row.period).year, []).append(row)
    count = 0
    for year, year_rows in sorted(by_year.items()):
        lines: dict[int, list[int]] = {}
        inputs: dict[int, dict[str, Any]] = {}
        for row in year_rows:
            inputs.setdefault(row.indicator.pk, {})[row.period] = TargetInput(row.target)
            lines.setdefault(row.indicator.pk, []).append(row.line)
        try:
            with transaction.atomic():
                agreement = PerformanceAgreement.objects.filter(
                    organisation=organisation, year=year
                ).first()
                if agreement is None:
                    agreement = agreement_save(
                        actor=actor, organisation=organisation, year=year, first_party=None
                    )
                agreement_targets_set(
                    actor=actor,
                    agreement=agreement,
                    rows={pk: IndicatorTargetsInput(values=v) for pk, v in inputs.items()},
                )
            count += len(year_rows)
        except ValidationError as exc:
            messages = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            for key, texts in messages.items():
                indicator_id = key.split("/", 1)[0]
                target_lines = lines.get(int(indicator_id)) if indicator_id.isdigit() else None
                for line in target_lines or [r.line for r in year_rows]:
                    problems += [Problem(line, TARGET, t) for t in texts]
    return count


# ---------------------------------------------------------------- the template


TEMPLATE_ROWS = 300
"""Rows of the template whose code and period cells are formatted as text, so that a
spreadsheet program keeps ``2.10`` and ``2022-03`` as typed."""


def template_xlsx(organisation: Organisation | None) -> bytes:
    """The template: the header on the first sheet (the one that is read), the indicators of
    ``organisation``'s decree in force and a short guide on the next sheets."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Realisasi"
    sheet.append(list(HEADER))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in range(2, TEMPLATE_ROWS + 2):
        sheet.cell(row=row, column=1).number_format = "@"
        sheet.cell(row=row, column=2).number_format = "@"
    for letter, width in zip("ABCDE", (16, 12, 12, 14, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"

    indicators = book.create_sheet("Indikator")
    indicators.append(
        [
            CODE,
            _("indicator"),
            f"{NUMERATOR} ({_('definition')})",
            f"{DENOMINATOR} ({_('definition')})",
            _("unit"),
            _("numbers"),
        ]
    )
    for cell in indicators[1]:
        cell.font = Font(bold=True)
    decree = decree_in_force(organisation) if organisation is not None else None
    for indicator in decree.active_indicators() if decree else []:
        indicators.append(
            [
                indicator.code,
                indicator.name,
                indicator.numerator_definition,
                indicator.denominator_definition,
                indicator.unit,
                _("typed by hand")
                if indicator.value_source == "manual"
                else _("computed from %(source)s: numbers that differ need a reason")
                % {"source": indicator.get_value_source_display()},
            ]
        )
    for letter, width in zip("ABCDEF", (16, 50, 50, 50, 10, 40), strict=True):
        indicators.column_dimensions[letter].width = width
    indicators.cell(row=1, column=1).number_format = "@"

    guide = book.create_sheet(_("Guide"))
    for line in (
        _("Fill in the first sheet, one row per indicator and period; do not change the header."),
        _("%(column)s: the code of an indicator of the decree in force (see the sheet Indikator).")
        % {"column": CODE},
        _("%(column)s: 2022 (the year), 2022Q1 … 2022Q4 (a quarter), 2022S1 or 2022-03.")
        % {"column": PERIOD},
        _("%(column)s: the PK target of that period (optional).") % {"column": TARGET},
        _("%(column)s, %(other)s: the realization's components; both or neither.")
        % {"column": NUMERATOR, "other": DENOMINATOR},
        _("Numbers as 1.234,5 or 12,5 or typed as numbers; no formulas (paste values only)."),
        _("Save as .xlsx, or as “CSV UTF-8 (comma delimited)”."),
    ):
        guide.append([line])
    guide.column_dimensions["A"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

"""``kinerja realisasi import FILE``: realizations (and optionally PK targets) from CSV or XLSX.

Header ``kode_indikator,periode,target,pembilang,penyebut``; one row per indicator and period.
Every row is checked first; every bad row is reported with its line and reason, and nothing is
written when any row is bad (one transaction). See docs/measurement.md.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.core.numbers import parse_number
from kinerja.core.periods import parse_period
from kinerja.iku.models import Decree, Indicator
from kinerja.measurement import services
from kinerja.measurement.models import IndicatorValue
from kinerja.measurement.sources import compute_from_source
from kinerja.organisations.models import Organisation

HEADER = ["kode_indikator", "periode", "target", "pembilang", "penyebut"]


@dataclass
class Row:
    line: int
    indicator: Indicator
    period: str
    target: Decimal | None
    numerator: Any
    denominator: Any


def _cell(value: Any) -> str | Decimal:
    """A cell as text, or as an exact Decimal when the spreadsheet stored a number."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    return str(value).strip()


def read_rows(path: Path) -> list[tuple[int, list[str | Decimal]]]:
    """(line number, cells) of every row after the header; the header is checked."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        raw = [
            (index, [_cell(c) for c in row])
            for index, row in enumerate(sheet.iter_rows(values_only=True), 1)
        ]
        workbook.close()
    else:
        text = path.read_text(encoding="utf-8-sig")
        first = text.splitlines()[0] if text else ""
        delimiter = ";" if first.count(";") > first.count(",") else ","
        raw = [
            (index, [c.strip() for c in row])
            for index, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1)
        ]
    if not raw:
        raise CommandError(_("The file is empty."))
    header = [str(c).strip().lower() for c in raw[0][1]]
    while header and header[-1] == "":
        header.pop()
    if header != HEADER:
        raise CommandError(
            _("Line 1: the header must be %(expected)s, not %(found)s.")
            % {"expected": ",".join(HEADER), "found": ",".join(header)}
        )
    rows = []
    for line, cells in raw[1:]:
        cells = (list(cells) + [""] * 5)[:5]
        if all(c == "" for c in cells):
            continue
        rows.append((line, cells))
    return rows


def _number(raw: str | Decimal) -> Decimal | None:
    if isinstance(raw, Decimal):
        return raw
    return parse_number(raw) if raw != "" else None


class Command(BaseCommand):
    help = "Import realizations (and PK targets) from a CSV or XLSX file."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import", help="header: kode_indikator,periode,target,pembilang,penyebut"
        )
        imp.add_argument("file")
        imp.add_argument(
            "--organisasi", help="Kemendagri code of the kecamatan; default: the default kecamatan"
        )
        imp.add_argument(
            "--alasan-override",
            default="",
            help="reason recorded when the file's numbers override numbers computed from a source",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        code = options["organisasi"] or settings.KINERJA_DEFAULT_ORGANISATION
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            raise CommandError(_("No organisation with code %(code)s.") % {"code": code})
        decree = Decree.objects.filter(organisation=organisation).in_force().first()
        if decree is None:
            raise CommandError(_("%(org)s has no decree in force.") % {"org": organisation})
        rows, errors = self._check(
            read_rows(path), organisation, decree, options["alasan_override"]
        )
        if errors:
            self._fail(errors)
        try:
            values, targets = self._write(rows, organisation, options["alasan_override"])
        except _WriteErrors as exc:
            self._fail(exc.errors)
        self.stdout.write(
            _(
                "%(values)d realizations and %(targets)d targets imported for %(org)s (decree %(number)s)."
            )
            % {"values": values, "targets": targets, "org": organisation, "number": decree.number}
        )

    def _fail(self, errors: list[tuple[int, str]]) -> None:
        for line, reason in sorted(errors):
            self.stderr.write(_("Line %(line)d: %(reason)s") % {"line": line, "reason": reason})
        raise CommandError(
            _("%(count)d bad rows; nothing was imported.")
            % {"count": len({line for line, _r in errors})}
        )

    def _check(
        self,
        raw: list[tuple[int, list[str | Decimal]]],
        organisation: Organisation,
        decree: Decree,
        override_reason: str,
    ) -> tuple[list[Row], list[tuple[int, str]]]:
        indicators = {i.code: i for i in decree.active_indicators()}
        seen: dict[tuple[str, str], int] = {}
        rows: list[Row] = []
        errors: list[tuple[int, str]] = []
        for line, (code, period_text, target_raw, num_raw, den_raw) in raw:
            problems: list[str] = []
            indicator = indicators.get(str(code).strip())
            if indicator is None:
                problems.append(_("unknown indicator code “%(code)s”.") % {"code": code})
            period = None
            try:
                period = str(parse_period(str(period_text).removesuffix(".0")))
            except ValueError:
                problems.append(
                    _("“%(text)s” is not a period (use e.g. 2022 or 2022Q1).")
                    % {"text": period_text}
                )
            target = None
            try:
                target = _number(target_raw)
            except ValueError:
                problems.append(_("target: “%(text)s” is not a number.") % {"text": target_raw})
            if period is not None and indicator is not None:
                key = (indicator.code, period)
                if key in seen:
                    problems.append(
                        _("duplicate row: %(code)s %(period)s is already on line %(line)d.")
                        % {"code": indicator.code, "period": period, "line": seen[key]}
                    )
                else:
                    seen[key] = line
            has_numbers = num_raw != "" or den_raw != ""
            if not has_numbers and target is None and not problems:
                problems.append(_("neither a target nor a realization."))
            if indicator is not None and has_numbers:
                try:
                    services.validate_components(
                        indicator=indicator, numerator=num_raw, denominator=den_raw
                    )
                except ValidationError as exc:
                    names = {"numerator": "pembilang", "denominator": "penyebut", "value": "nilai"}
                    for field, messages in exc.message_dict.items():
                        problems += [f"{names.get(field, field)}: {m}" for m in messages]
            if indicator is not None and period is not None and has_numbers and not problems:
                current = IndicatorValue.objects.filter(
                    indicator=indicator, organisation=organisation, period=period
                ).first()
                if current is not None and current.status not in services.EDITABLE_STATUSES:
                    problems.append(
                        _("the realization is “%(status)s” and cannot be replaced.")
                        % {"status": current.get_status_display()}
                    )
                if indicator.value_source != "manual" and not override_reason:
                    computed = compute_from_source(indicator, organisation, parse_period(period))
                    given = (_number(num_raw), _number(den_raw))
                    if computed is not None and (computed.numerator, computed.denominator) != given:
                        problems.append(
                            _(
                                "the numbers differ from those computed from the source; give "
                                "--alasan-override to override them."
                            )
                        )
            if problems:
                errors += [(line, p) for p in problems]
                continue
            assert indicator is not None and period is not None
            rows.append(
                Row(
                    line,
                    indicator,
                    period,
                    target,
                    num_raw if has_numbers else None,
                    den_raw if has_numbers else None,
                )
            )
        return rows, errors

    @transaction.atomic
    def _write(
        self, rows: list[Row], organisation: Organisation, override_reason: str
    ) -> tuple[int, int]:
        errors: list[tuple[int, str]] = []
        values = 0
        for row in rows:
            if row.numerator is None:
                continue
            try:
                services.value_save(
                    actor=None,
                    indicator=row.indicator,
                    organisation=organisation,
                    period=row.period,
                    numerator=row.numerator,
                    denominator=row.denominator,
                    override_reason=override_reason,
                    **_narratives(row, organisation),
                )
                values += 1
            except ValidationError as exc:
                errors += [(row.line, m) for m in exc.messages]
        targets = _write_targets([r for r in rows if r.target is not None], organisation, errors)
        if errors:
            raise _WriteErrors(errors)
        return values, targets


def _narratives(row: Row, organisation: Organisation) -> dict[str, str]:
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


class _WriteErrors(Exception):
    def __init__(self, errors: list[tuple[int, str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def _write_targets(
    rows: list[Row], organisation: Organisation, errors: list[tuple[int, str]]
) -> int:
    """Targets through the planning service, one call per PK year (all of an indicator's
    periods at once, so the quarters-vs-year check sees them together)."""
    from kinerja.planning import services as planning
    from kinerja.planning.models import PerformanceAgreement

    by_year: dict[int, list[Row]] = {}
    for row in rows:
        by_year.setdefault(parse_period(row.period).year, []).append(row)
    count = 0
    for year, year_rows in sorted(by_year.items()):
        agreement = PerformanceAgreement.objects.filter(
            organisation=organisation, year=year
        ).first()
        if agreement is None:
            agreement = planning.agreement_save(
                actor=None, organisation=organisation, year=year, first_party=None
            )
        lines: dict[int, list[int]] = {}
        inputs: dict[int, dict[str, Any]] = {}
        for row in year_rows:
            inputs.setdefault(row.indicator.pk, {})[row.period] = planning.TargetInput(row.target)
            lines.setdefault(row.indicator.pk, []).append(row.line)
        try:
            planning.agreement_targets_set(
                actor=None,
                agreement=agreement,
                rows={pk: planning.IndicatorTargetsInput(values=v) for pk, v in inputs.items()},
            )
            count += len(year_rows)
        except ValidationError as exc:
            messages = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            for key, texts in messages.items():
                indicator_id = key.split("/", 1)[0]
                targets = lines.get(int(indicator_id)) if indicator_id.isdigit() else None
                for line in targets or [r.line for r in year_rows]:
                    errors += [(line, "target: " + t) for t in texts]
    return count

"""``kinerja capaian --tahun YYYY [--organisasi KODE] [--format json|xlsx] [--output FILE]``.

Prints, for every indicator and each quarter and the full year, the target, components,
realization, achievement and predikat, with where each value comes from (``sumber``) and the
records behind it (``rincian``; a count in XLSX). It reads as
:class:`~kinerja.accounts.access.OrganisationReader` of the organisation asked for (what its members
read, values not yet approved included; nothing of another organisation); the rows are those of
``GET /api/capaian/`` (selectors.capaian_records).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kinerja.accounts.access import OrganisationReader
from kinerja.measurement import selectors
from kinerja.organisations.models import Organisation


def write_xlsx(records: list[dict[str, Any]], target: Any) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "capaian"
    sheet.append([*selectors.CAPAIAN_FIELDS, "sumber", "override", "rincian", "sumber_berubah"])
    for record in records:
        sheet.append(
            [
                *(record[field] for field in selectors.CAPAIAN_FIELDS),
                record["sumber"],
                bool(record.get("override")),
                len(record["rincian"]),  # the records themselves are in the JSON export
                record["sumber_berubah"],
            ]
        )
    workbook.save(target)


class Command(BaseCommand):
    help = "Achievement of every indicator per quarter and for the year (JSON or XLSX)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tahun", type=int, required=True, help="Year, e.g. 2022.")
        parser.add_argument(
            "--organisasi",
            default=None,
            help="Kemendagri code of the kecamatan (default: KINERJA_DEFAULT_ORGANISATION).",
        )
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--output", default=None, help="File to write (default: stdout).")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["organisasi"] or settings.KINERJA_DEFAULT_ORGANISATION
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            raise CommandError(_("Unknown organisation code: %(code)s") % {"code": code})
        year = options["tahun"]
        if not 1 <= year <= 9999:
            raise CommandError(_("Not a year: %(year)s") % {"year": year})
        rows = selectors.performance_table(
            user=OrganisationReader.of(organisation), organisation=organisation, year=year
        )
        records = selectors.capaian_records(rows)
        output = options["output"]
        if options["format"] == "xlsx":
            if output:
                write_xlsx(records, output)
            else:
                write_xlsx(records, sys.stdout.buffer)
            return
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")

"""``kinerja laporan JENIS --tahun YYYY [--triwulan N] [--organisasi KODE] --format pdf|docx|xlsx
[--kertas A4|F4] --output FILE``: an official document to a file.

JENIS is a registered document kind (``kinerja.reports.documents``): iku, pk, pengukuran, lkjip, skm.
It reads as :class:`~kinerja.accounts.access.OrganisationReader` of the organisation it was asked
for: what a member of that organisation reads (drafts printed with a DRAF note, unapproved values
with an asterisk), nothing of any other organisation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kinerja.accounts.access import OrganisationReader
from kinerja.organisations.models import Organisation
from kinerja.reports import documents
from kinerja.reports.pdf import PAPERS


class Command(BaseCommand):
    help = "Write an official document (decree, PK, quarterly report, LKjIP, SKM) as PDF, Word or Excel."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "jenis", help="Document: " + ", ".join(sorted(documents.KNOWN_KEYS)) + "."
        )
        parser.add_argument("--tahun", type=int, required=True, help="Year, e.g. 2022.")
        parser.add_argument("--triwulan", type=int, default=None, help="Quarter 1..4.")
        parser.add_argument(
            "--organisasi",
            default=None,
            help="Kemendagri code of the kecamatan (default: KINERJA_DEFAULT_ORGANISATION).",
        )
        parser.add_argument("--format", choices=list(documents.FORMATS), required=True)
        parser.add_argument(
            "--kertas", default="A4", help=f"Paper: {', '.join(PAPERS)} (default A4)."
        )
        parser.add_argument("--output", required=True, help="File to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        key = options["jenis"].strip().lower()
        kind = documents.kind_for(key)
        if kind is None:
            raise CommandError(
                _("Unknown document %(jenis)s; choose one of: %(kinds)s.")
                % {"jenis": key, "kinds": ", ".join(k.key for k in documents.kinds())}
            )
        code = options["organisasi"] or settings.KINERJA_DEFAULT_ORGANISATION
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            raise CommandError(_("Unknown organisation code: %(code)s") % {"code": code})
        year = options["tahun"]
        if not 1900 <= year <= 9999:
            raise CommandError(_("Not a year: %(year)s") % {"year": year})
        quarter = options["triwulan"]
        if quarter is not None and quarter not in (1, 2, 3, 4):
            raise CommandError(_("--triwulan must be 1, 2, 3 or 4."))
        if kind.needs_quarter and quarter is None:
            raise CommandError(
                _("The document %(jenis)s is per quarter: give --triwulan 1..4.") % {"jenis": key}
            )
        paper = options["kertas"].strip().upper()
        if paper not in PAPERS and paper != "FOLIO":
            raise CommandError(
                _("Unknown paper %(paper)s; choose A4 or F4.") % {"paper": options["kertas"]}
            )
        if options["format"] not in kind.formats:
            raise CommandError(
                _("The document %(jenis)s has no %(format)s format.")
                % {"jenis": key, "format": options["format"]}
            )
        try:
            content = documents.generate(
                key,
                user=OrganisationReader.of(organisation),
                organisation=organisation,
                year=year,
                quarter=quarter,
                fmt=options["format"],
                paper=paper,
            )
        except documents.DocumentUnavailable as exc:
            raise CommandError(str(exc)) from exc
        output = Path(options["output"])
        try:
            output.write_bytes(content)
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": output, "error": exc.strerror}
            ) from exc
        self.stdout.write(
            _("%(file)s written (%(size)s bytes).") % {"file": output, "size": len(content)}
        )

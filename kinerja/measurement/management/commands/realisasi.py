"""``kinerja realisasi import FILE``: realizations (and optionally PK targets) from CSV or XLSX.

Header ``kode_indikator,periode,target,pembilang,penyebut``; one row per indicator and period.
Every row is checked first; every bad row is reported with its line and reason, and nothing is
written when any row is bad (one transaction). The importer is
``kinerja.measurement.spreadsheet_import``, shared with the upload page. See docs/measurement.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kinerja.measurement import spreadsheet_import as importer
from kinerja.organisations.models import Organisation


class Command(BaseCommand):
    help = "Import realizations (and PK targets) from a CSV or XLSX file."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="header: " + ",".join(importer.HEADER))
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
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        code = options["organisasi"] or settings.KINERJA_DEFAULT_ORGANISATION
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            raise CommandError(_("No organisation with code %(code)s.") % {"code": code})
        decree = importer.decree_in_force(organisation)
        if decree is None:
            raise CommandError(_("%(org)s has no decree in force.") % {"org": organisation})
        try:
            table = importer.read_table(path.read_bytes(), path.name)
        except importer.ImportRefused as exc:
            # The file as a whole cannot be read (empty, not UTF-8, a damaged workbook, the header).
            raise CommandError(" ".join(_line(p) for p in exc.problems)) from None
        try:
            plan = importer.check(
                table, organisation=organisation, override_reason=options["alasan_override"]
            )
            written = importer.write(plan, actor=None)
        except importer.ImportRefused as exc:
            self._fail(exc.problems)
        self.stdout.write(
            _(
                "%(values)d realizations and %(targets)d targets imported for %(org)s (decree %(number)s)."
            )
            % {
                "values": written.values,
                "targets": written.targets,
                "org": organisation,
                "number": decree.number,
            }
        )

    def _fail(self, problems: list[importer.Problem]) -> NoReturn:
        if not any(p.line for p in problems):  # e.g. a file with the header only
            raise CommandError(" ".join(str(p) for p in problems))
        for problem in problems:
            self.stderr.write(_line(problem))
        message = _("%(count)d bad rows; nothing was imported.") % {
            "count": len({p.line for p in problems if p.line})
        }
        if any(p.code == importer.OVERRIDE_NEEDED for p in problems):
            message += " " + _(
                "Give --alasan-override TEXT to override numbers computed from a source."
            )
        raise CommandError(message)


def _line(problem: importer.Problem) -> str:
    if not problem.line:
        return str(problem)
    return _("Line %(line)d: %(reason)s") % {"line": problem.line, "reason": problem}

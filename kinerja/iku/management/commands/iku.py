"""``kinerja iku load-default | export | import``."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.iku import selectors, services
from kinerja.iku.portable import DocumentError, decree_to_document, dump

SUFFIX_FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


class Command(BaseCommand):
    help = "Load, export and import IKU decrees."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load-default", help="Load the Kecamatan Mayang decree (idempotent).")
        export = sub.add_parser("export", help="Write one decree with all its content.")
        export.add_argument("--organisasi", help="Kemendagri code; default: the default kecamatan")
        export.add_argument("--nomor", help="The decree's number; default: the decree in force")
        export.add_argument(
            "--format",
            choices=["json", "yaml"],
            default=None,
            help="default: from the --output file's suffix, else json",
        )
        export.add_argument("--output", help="File to write; default: standard output")
        imp = sub.add_parser("import", help="Read one decree from a JSON or YAML file.")
        imp.add_argument("file")
        imp.add_argument("--format", choices=["json", "yaml"], default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "load-default":
            decree, created = services.default_data_load()
            state = "loaded" if created else "already present"
            self.stdout.write(f"Default decree {decree.number} ({state}).")
        elif action == "export":
            self._export(options)
        else:
            self._import(options)

    def _export(self, options: dict[str, Any]) -> None:
        decree = selectors.decree_for_export(
            organisation_code=options["organisasi"], number=options["nomor"]
        )
        if decree is None:
            raise CommandError("No such decree.")
        output = options["output"]
        fmt = options["format"] or (
            SUFFIX_FORMATS.get(Path(output).suffix.lower()) if output else None
        )
        text = dump(decree_to_document(decree), fmt or "json")
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")

    def _import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        fmt = options["format"] or SUFFIX_FORMATS.get(path.suffix.lower())
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        try:
            decree = services.decree_import_text(text=text, fmt=fmt)
        except DocumentError as exc:
            for problem in exc.problems:
                self.stderr.write(f"{path}: {problem}")
            raise CommandError(f"{path}: nothing was imported.") from exc
        self.stdout.write(
            f"Imported decree {decree.number or '(no number)'} of {decree.organisation}."
        )

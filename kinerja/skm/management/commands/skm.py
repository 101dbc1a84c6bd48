"""``kinerja skm hitung FILE`` and ``kinerja skm sampel --populasi N``: no database needed."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.core.numbers import format_id
from kinerja.core.skm import krejcie_morgan
from kinerja.skm.hitung import CsvError, index_csv, index_json


class Command(BaseCommand):
    help = "SKM: compute the index of a CSV file; minimum sample size (Krejcie & Morgan)."
    # Works without a database: no system checks (some need the database), no migration check.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        hitung = sub.add_parser("hitung", help="The IKM of a CSV file with columns u1..un.")
        hitung.add_argument("file")
        hitung.add_argument("--format", choices=["json", "text"], default="text")
        sampel = sub.add_parser("sampel", help="Minimum sample for N service users.")
        sampel.add_argument("--populasi", type=int, required=True)
        sampel.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "hitung":
            self._hitung(options["file"], options["format"])
        else:
            population = options["populasi"]
            if population < 0:
                raise CommandError("--populasi harus bilangan bulat >= 0")
            n = krejcie_morgan(population)
            if options["format"] == "json":
                self.stdout.write(json.dumps({"populasi": population, "sampel": n}))
            else:
                self.stdout.write(str(n))

    def _hitung(self, file: str, fmt: str) -> None:
        try:
            text = Path(file).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{file}: bukan teks UTF-8") from exc
        try:
            result = index_csv(text)
        except CsvError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        if fmt == "json":
            self.stdout.write(json.dumps(index_json(result), ensure_ascii=False))
            return
        self.stdout.write(f"Responden: {result.respondents}")
        self.stdout.write("Unsur  Jawaban  Jumlah   NRR     NRR tertimbang")
        for row in result.rows:
            self.stdout.write(
                f"{row.unsur.code:<6} {row.jumlah_jawaban:>7}  {row.jumlah_nilai:>6}   "
                f"{format_id(row.nrr, 3):>6}  {format_id(row.nrr_tertimbang, 3):>6}"
            )
        self.stdout.write(f"IKM: {format_id(result.ikm, 3)}")
        self.stdout.write(f"IKM konversi: {format_id(result.ikm_konversi, 2)}")
        self.stdout.write(f"Mutu: {result.mutu} ({result.kinerja})")

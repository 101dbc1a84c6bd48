"""``kinerja demo [--tahun YYYY] [--force]``: demo accounts and sample data (DATA CONTOH)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kinerja.accounts.demo import (
    DEMO_PASSWORD,
    FIRST_SAMPLE_YEAR,
    SAMPLE_LABEL,
    demo_accounts_ensure,
    sample_data_prepare,
    sample_years,
)
from kinerja.iku.services import default_data_load
from kinerja.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        f"Create demo accounts (one per role, password {DEMO_PASSWORD}) and sample data, "
        f"labelled {SAMPLE_LABEL}. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--tahun",
            type=int,
            default=None,
            help="Last year of sample data (default: last full year).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even when KINERJA_ENV=production."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION and not options["force"]:
            raise CommandError(
                "This is a production installation: demo accounts with a known password "
                "would be a way in. Use --force if you really mean it."
            )
        this_year = timezone.localdate().year
        year = options["tahun"] if options["tahun"] is not None else this_year - 1
        if not FIRST_SAMPLE_YEAR <= year <= this_year:
            raise CommandError(
                f"--tahun must be between {FIRST_SAMPLE_YEAR} and {this_year}, not {year}."
            )
        default_data_load()
        kecamatan = Organisation.objects.get(code=settings.KINERJA_DEFAULT_ORGANISATION)
        accounts = demo_accounts_ensure(kecamatan=kecamatan)
        years = sample_years(year)
        sample_data_prepare(kecamatan=kecamatan, years=years)

        rows = [(a.username, str(a.role.label), a.where) for a in accounts]
        header = ("username", "role", "where")
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
        line = "  ".join("-" * w for w in widths)
        out = self.stdout
        out.write(f"{SAMPLE_LABEL} (sample data): Kecamatan {kecamatan.name}")
        out.write("")
        out.write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
        out.write(line)
        for row in rows:
            out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        out.write("")
        out.write(f"Password of every demo account: {DEMO_PASSWORD}")
        out.write(f"Sample data years: {', '.join(str(y) for y in years)}")

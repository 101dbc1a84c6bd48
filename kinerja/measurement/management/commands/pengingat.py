"""``kinerja pengingat``: send today's e-mail reminders of every source (run daily from cron);
each source that sends e-mail implements ``Source.send_reminders`` (kinerja.measurement.sources)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from kinerja.measurement.sources import reminder_senders


class Command(BaseCommand):
    help = (
        "Send the reminders of the registers by email (overdue coordination recommendations, "
        "village documents near their deadline). Safe to run more than once a day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tanggal", help="the day to remind for (YYYY-MM-DD; default today)")
        parser.add_argument("--hanya", choices=sorted(reminder_senders()), help="one register only")

    def handle(self, *args: Any, **options: Any) -> None:
        day = (
            dt.date.fromisoformat(options["tanggal"])
            if options.get("tanggal")
            else timezone.localdate()
        )
        for name, fn in sorted(reminder_senders().items()):
            if options.get("hanya") and name != options["hanya"]:
                continue
            self.stdout.write(f"{name}: {fn(day)} email")

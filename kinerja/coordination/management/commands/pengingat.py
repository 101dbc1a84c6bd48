"""``kinerja pengingat``: send today's reminders of every register (run daily from cron)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from kinerja.coordination.reminders import REMINDER_SOURCES


class Command(BaseCommand):
    help = (
        "Send the reminders of the registers by email (overdue coordination recommendations, "
        "village documents near their deadline). Safe to run more than once a day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tanggal", help="the day to remind for (YYYY-MM-DD; default today)")
        parser.add_argument("--hanya", choices=sorted(REMINDER_SOURCES), help="one register only")

    def handle(self, *args: Any, **options: Any) -> None:
        day = (
            dt.date.fromisoformat(options["tanggal"])
            if options.get("tanggal")
            else timezone.localdate()
        )
        for name, fn in sorted(REMINDER_SOURCES.items()):
            if options.get("hanya") and name != options["hanya"]:
                continue
            self.stdout.write(f"{name}: {fn(day)} email")

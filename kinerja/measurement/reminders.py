"""E-mail reminders of the sources, sent by ``kinerja pengingat`` (daily from cron; idempotent
per day). Each source that sends e-mail implements ``Source.send_reminders(day)``
(kinerja.measurement.sources) and sends each message through :func:`send_once`, which records
what it sent (:class:`~kinerja.measurement.models.SentReminder`) so that running the command
twice on one day sends nothing new."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from kinerja.measurement.models import SentReminder


def send_once(*, key: str, day: dt.date, recipient: str, subject: str, body: str) -> bool:
    """Send one email unless the same reminder (key) already went to ``recipient`` on ``day``."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(key=key, day=day, recipient=recipient)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
    except IntegrityError:
        return False
    return True

"""Reminders by email, sent by ``kinerja pengingat`` (daily from cron; idempotent per day).

Each register registers one function in :data:`REMINDER_SOURCES` with :func:`register_reminder`
(``coordination`` here; the village budget-document register adds its own). A function receives
the day and returns how many emails it sent; it records what it sent (:class:`SentReminder`) so
that running the command twice on one day sends nothing new.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _

ReminderFunction = Callable[[dt.date], int]

#: name → function(day) -> number of emails sent.
REMINDER_SOURCES: dict[str, ReminderFunction] = {}


def register_reminder(name: str) -> Callable[[ReminderFunction], ReminderFunction]:
    def wrap(fn: ReminderFunction) -> ReminderFunction:
        REMINDER_SOURCES[name] = fn
        return fn

    return wrap


def send_once(*, key: str, day: dt.date, recipient: str, subject: str, body: str) -> bool:
    """Send one email unless the same reminder (key) already went to ``recipient`` on ``day``."""
    from kinerja.coordination.models import SentReminder

    try:
        with transaction.atomic():
            SentReminder.objects.create(key=key, day=day, recipient=recipient)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
    except IntegrityError:
        return False
    return True


@register_reminder("coordination")
def coordination_reminders(day: dt.date) -> int:
    """To the Kepala Seksi of each section: the recommendations of their fields past their
    follow-up due date without a "selesai" follow-up."""
    from kinerja.accounts.models import Membership, Role
    from kinerja.coordination.selectors import overdue_by_section

    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for unit, recommendations in overdue_by_section(today=day).items():
            heads = Membership.objects.filter(
                role=Role.KEPALA_SEKSI, unit=unit, user__is_active=True
            ).exclude(user__email="")
            lines = [
                _("%(due)s (due) · %(field)s · %(text)s · responsible: %(who)s")
                % {
                    "due": formats.date_format(r.due_date, "j F Y"),
                    "field": r.result.activity.field.name,
                    "text": r.text,
                    "who": r.responsible_party,
                }
                for r in recommendations
            ]
            subject = _("%(n)s coordination recommendations are past their follow-up date") % {
                "n": len(recommendations)
            }
            body = "\n".join(
                [
                    _(
                        "Recommendations of %(unit)s past their due date without a completed "
                        "follow-up:"
                    )
                    % {"unit": unit.name},
                    "",
                    *lines,
                ]
            )
            for membership in heads.select_related("user"):
                sent += send_once(
                    key=f"coordination:unit:{unit.pk}",
                    day=day,
                    recipient=membership.user.email,
                    subject=subject,
                    body=body,
                )
    return sent

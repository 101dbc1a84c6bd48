"""The coordination register's reminders by email, sent by ``kinerja pengingat`` (daily from
cron; idempotent per day) through the register's source
(:meth:`kinerja.coordination.source.CoordinationSource.send_reminders`) and
:func:`kinerja.measurement.reminders.send_once`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from kinerja.measurement.reminders import send_once


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

"""Reminders of village documents missing near or past their deadline, by e-mail through
Django's email backend, sent by ``kinerja pengingat`` through the register's source
(``VillageBudgetSource.send_reminders``) and kinerja.measurement.reminders.send_once. One digest per recipient and day: the village's
Operator Desa gets their village's documents, the Kepala Seksi of the responsible section gets
all villages'. Running the command twice on one day sends nothing the second time.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _

from kinerja.accounts.models import Membership, Role
from kinerja.measurement.reminders import send_once
from kinerja.organisations.models import Level, Organisation
from kinerja.village_finance.selectors import DueItem, documents_due
from kinerja.village_finance.services import responsible_unit_ids

REMINDER_KEY = "village_finance"


def _line(item: DueItem) -> str:
    values = {
        "doc": item.key.label,
        "year": item.year,
        "village": item.village.name,
        "deadline": formats.date_format(item.deadline, "j F Y"),
        "days": abs(item.days_left),
    }
    if item.status == "perbaikan":
        text = _("%(doc)s %(year)s of %(village)s: returned for correction (deadline %(deadline)s)")
    elif item.overdue:
        text = _("%(doc)s %(year)s of %(village)s: %(days)s days past the deadline %(deadline)s")
    else:
        text = _("%(doc)s %(year)s of %(village)s: due on %(deadline)s (in %(days)s days)")
    return "- " + text % values


def _send(recipient: str, items: list[DueItem], day: dt.date) -> bool:
    subject = _("%(n)s village budget documents are due or overdue") % {"n": len(items)}
    body = "\n".join(
        [
            _("Village budget documents not yet handed in (or to be corrected):"),
            "",
            *(_line(i) for i in items),
        ]
    )
    return send_once(key=REMINDER_KEY, day=day, recipient=recipient, subject=subject, body=body)


def village_document_reminders(day: dt.date) -> int:
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for kecamatan in Organisation.objects.filter(level=Level.KECAMATAN).order_by("code"):
            items = documents_due(kecamatan, today=day)
            if not items:
                continue
            heads = Membership.objects.filter(
                role=Role.KEPALA_SEKSI,
                organisation=kecamatan,
                unit_id__in=responsible_unit_ids(kecamatan),
                user__is_active=True,
            ).exclude(user__email="")
            for email in sorted({m.user.email for m in heads.select_related("user")}):
                sent += _send(email, items, day)
            operators = Membership.objects.filter(
                role=Role.OPERATOR_DESA, organisation=kecamatan, user__is_active=True
            ).exclude(user__email="")
            by_email: dict[str, set[int]] = {}
            for m in operators.select_related("user"):
                by_email.setdefault(m.user.email, set()).add(m.village_id)  # type: ignore[arg-type]  # an Operator Desa membership always names its village (Membership.clean)
            for email, village_ids in sorted(by_email.items()):
                own = [i for i in items if i.village.pk in village_ids]
                if own:
                    sent += _send(email, own, day)
    return sent

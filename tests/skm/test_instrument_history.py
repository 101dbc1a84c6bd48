"""Writes that touch many rows keep the audit history of each row and who made the change
(a queryset's update() or delete() bypasses save() and left no trace)."""

import pytest

from kinerja.skm import services as skm
from kinerja.skm.models import Instrument, InstrumentUnsur

pytestmark = pytest.mark.django_db


def test_replacing_the_instrument_and_its_unsur_is_in_the_history(users, mayang):
    first = skm.instrument_create_default(actor=users.perencana, organisation=mayang)
    second = skm.instrument_create_default(actor=users.camat, organisation=mayang)
    first.refresh_from_db()
    assert not first.active and second.active
    deactivated = first.history.first()
    assert deactivated.active is False and deactivated.history_user == users.camat

    kept = list(second.unsur.order_by("order")[:2])
    specs = [
        skm.UnsurSpec(u.code, u.name, u.question, (u.label_1, u.label_2, u.label_3, u.label_4))
        for u in reversed(kept)  # keep two of nine, in the other order
    ]
    skm.instrument_unsur_save(actor=users.perencana, instrument=second, specs=specs)
    removed = InstrumentUnsur.history.filter(instrument_id=second.pk, history_type="-")
    assert removed.count() == 7
    assert {h.history_user for h in removed} == {users.perencana}
    assert Instrument.objects.filter(organisation=mayang, active=True).count() == 1

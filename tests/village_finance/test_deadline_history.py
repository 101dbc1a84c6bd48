"""Writes that touch many rows keep the audit history of each row and who made the change
(a queryset's update() or delete() bypasses save() and left no trace)."""

import datetime as dt

import pytest

from kinerja.village_finance import services as village
from kinerja.village_finance.models import APBDesDocument, DocumentKey, SPJReport
from tests.village_finance.conftest import hand_in

pytestmark = pytest.mark.django_db


def test_new_deadlines_are_in_each_documents_history_with_who_set_them(users, mayang, villages):
    for v in villages[:2]:  # two villages hand in their 2022 APBDes and first-half SPJ
        hand_in(v, DocumentKey.APBDES, dt.date(2021, 12, 20))
        hand_in(v, DocumentKey.SPJ_S1, dt.date(2022, 7, 20))
    village.fiscal_year_settings_save(
        actor=users.camat,
        kecamatan=mayang,
        year=2022,
        apbdes_deadline=dt.date(2022, 1, 15),
        spj_s1_deadline=dt.date(2022, 8, 15),
        spj_year_end_deadline=dt.date(2023, 1, 31),
    )
    documents = list(APBDesDocument.objects.filter(year=2022)) + list(
        SPJReport.objects.filter(year=2022)
    )
    assert len(documents) == 4
    for document in documents:
        last = document.history.first()
        assert last.history_user == users.camat
        assert last.deadline == document.deadline
    assert {d.deadline for d in documents} == {dt.date(2022, 1, 15), dt.date(2022, 8, 15)}

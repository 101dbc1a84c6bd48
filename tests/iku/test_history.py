"""Every write through the services leaves a history record with the acting user."""

import datetime as dt
from decimal import Decimal

from kinerja.iku import services
from kinerja.iku.models import Clause, Diktum, DiktumItem
from kinerja.iku.portable import ClauseData, DiktumData


def _changes(instance) -> dict[str, tuple[object, object]]:
    latest = instance.history.first()
    delta = latest.diff_against(latest.prev_record)
    return {c.field: (c.old, c.new) for c in delta.changes if c.field != "updated_at"}


def test_decree_update_records_who_and_what(draft_decree, users):
    services.decree_update(
        actor=users.perencana,
        decree=draft_decree,
        number="050/ 7 /35.09.26/2024",
        date_signed=dt.date(2024, 1, 8),
    )
    latest = draft_decree.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == users.perencana
    assert _changes(draft_decree) == {
        "number": ("", "050/ 7 /35.09.26/2024"),
        "date_signed": (None, dt.date(2024, 1, 8)),
    }


def test_indicator_update_records_who_and_what(default_decree, users):
    indicator = default_decree.indicators.get(code="2.2")
    services.indicator_update(
        actor=users.camat,
        indicator=indicator,
        name="Persentase Desa yang menyusun APBDes tepat waktu",
        decimals=1,
    )
    latest = indicator.history.first()
    assert latest.history_user == users.camat
    assert _changes(indicator) == {
        "name": (
            "Prosentase Desa yang sudah menyusun Dokumen Perencanaan Penganggaran dengan benar "
            "dan tepat waktu",
            "Persentase Desa yang menyusun APBDes tepat waktu",
        ),
        "decimals": (2, 1),
    }


def test_indicator_archive_and_restore_are_recorded(default_decree, users):
    indicator = default_decree.indicators.get(code="2.4")
    services.indicator_archive(actor=users.admin_kabupaten, indicator=indicator)
    archived = indicator.history.first()
    assert archived.history_user == users.admin_kabupaten
    changes = _changes(indicator)
    assert list(changes) == ["archived_at"]
    assert changes["archived_at"][0] is None
    assert changes["archived_at"][1] is not None

    services.indicator_restore(actor=users.perencana, indicator=indicator)
    restored = indicator.history.first()
    assert restored.history_user == users.perencana
    assert _changes(indicator)["archived_at"][1] is None
    assert indicator.history.count() == 3  # created, archived, restored


def test_creations_are_recorded_with_the_actor(default_decree, users):
    decree = services.decree_create(
        actor=users.camat, organisation=default_decree.organisation, title="IKU 2025"
    )
    goal = services.goal_save(actor=users.camat, decree=decree, statement="Meningkatnya uji")
    indicator = services.indicator_create(
        actor=users.camat, decree=decree, goal=goal, code="1.1", name="Uji", factor=Decimal(1)
    )
    for instance in (decree, goal, indicator):
        record = instance.history.get()
        assert (record.history_type, record.history_user) == ("+", users.camat)


def test_replacing_clauses_and_dicta_records_the_deletions(draft_decree, users):
    old_clauses = set(draft_decree.clauses.filter(section="menimbang").values_list("id", flat=True))
    old_items = set(
        DiktumItem.objects.filter(diktum__decree=draft_decree).values_list("id", flat=True)
    )
    services.decree_set_clauses(
        actor=users.perencana,
        decree=draft_decree,
        section="menimbang",
        items=[ClauseData(label="a.", text="bahwa uji")],
    )
    services.decree_set_dicta(
        actor=users.perencana,
        decree=draft_decree,
        dicta=[DiktumData(label="KESATU", text="Uji", items=[ClauseData("a.", "satu")])],
    )
    deleted_clauses = Clause.history.filter(id__in=old_clauses, history_type="-")
    assert deleted_clauses.count() == 1
    assert {r.history_user for r in deleted_clauses} == {users.perencana}
    deleted_items = DiktumItem.history.filter(id__in=old_items, history_type="-")
    assert deleted_items.count() == 7
    assert {r.history_user for r in deleted_items} == {users.perencana}
    deleted_dicta = Diktum.history.filter(decree_id=draft_decree.pk, history_type="-")
    assert deleted_dicta.count() == 6
    assert {r.history_user for r in deleted_dicta} == {users.perencana}
    assert [(d.label, d.text) for d in draft_decree.dicta.all()] == [("KESATU", "Uji")]
    assert [c.text for c in draft_decree.clauses.filter(section="menimbang")] == ["bahwa uji"]

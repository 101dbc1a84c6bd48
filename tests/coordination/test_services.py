"""Services of the coordination register: permissions, recompute on change, the locked value's
"sources changed" flag, files, reminders."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from kinerja.coordination import services
from kinerja.coordination.models import CoordinationActivity
from kinerja.coordination.reminders import coordination_reminders
from kinerja.measurement import services as measurement
from kinerja.measurement.lineage import sources_changed_since_approval
from kinerja.measurement.models import IndicatorValue
from kinerja.measurement.sources import reminder_senders

pytestmark = pytest.mark.django_db
D = dt.date
PDF = b"%PDF-1.4\n% notulen\n"


def record(actor: Any, field: Any, **extra: Any) -> CoordinationActivity:
    return services.activity_record(
        actor=actor,
        field=field,
        title="Rapat",
        date=D(2022, 2, 1),
        place="Aula",
        participants="Polsek",
        results=[
            services.ResultInput(
                "Hasil",
                recommendations=[services.RecommendationInput("Rek", "Desa", D(2022, 3, 1))],
            )
        ],
        submit=True,
        **extra,
    )


# Who may record in the Pemerintahan register (the users fixture's Kepala Seksi heads it).
RECORD_MATRIX = {
    "kepala_seksi": True,
    "perencana": True,
    "camat": False,
    "admin_kabupaten": False,
    "operator_desa": False,
    "outsider": False,
    "anonymous": False,
}


@pytest.mark.parametrize(("role", "allowed"), RECORD_MATRIX.items())
def test_who_may_record(users: Any, fields: Any, role: str, allowed: bool) -> None:
    actor = getattr(users, role)
    if allowed:
        assert record(actor, fields["pemerintahan"]).entered_by == actor
    else:
        with pytest.raises(PermissionDenied):
            record(actor, fields["pemerintahan"])


def test_a_section_cannot_touch_another_sections_register(users: Any, fields: Any) -> None:
    with pytest.raises(PermissionDenied):
        record(users.kepala_seksi, fields["pmks"])
    other = record(None, fields["pmks"])
    rec = other.results.get().recommendations.get()
    with pytest.raises(PermissionDenied):
        services.followup_add(
            actor=users.kepala_seksi,
            recommendation=rec,
            status="selesai",
            date=D(2022, 2, 5),
            actor_name="x",
        )
    with pytest.raises(PermissionDenied):
        services.result_add(actor=users.kepala_seksi, activity=other, text="x", date=D(2022, 2, 2))


def test_only_the_perencana_verifies_and_then_the_section_cannot_edit(
    users: Any, fields: Any
) -> None:
    activity = record(users.kepala_seksi, fields["pemerintahan"])
    for role in ("kepala_seksi", "camat", "outsider"):
        with pytest.raises(PermissionDenied):
            services.activity_verify(actor=getattr(users, role), activity=activity)
    services.activity_verify(actor=users.perencana, activity=activity)
    assert activity.status == "verified" and activity.verified_by == users.perencana
    with pytest.raises(PermissionDenied):
        services.result_add(
            actor=users.kepala_seksi, activity=activity, text="x", date=D(2022, 2, 2)
        )
    # follow-ups are progress: still recorded by the section on a verified activity
    rec = activity.results.get().recommendations.get()
    services.followup_add(
        actor=users.kepala_seksi,
        recommendation=rec,
        status="selesai",
        date=D(2022, 2, 10),
        actor_name="Kades",
    )
    assert activity.history.count() >= 2  # audit history kept


def test_validation_messages(fields: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services.activity_record(
            actor=None,
            field=fields["pemerintahan"],
            title="Rapat",
            date=D(2022, 2, 1),
            place="Aula",
            participants="Polsek",
            results=[services.ResultInput("Hasil", date=D(2022, 1, 1))],
        )
    assert "results[0].date" in exc.value.message_dict
    assert not CoordinationActivity.objects.filter(title="Rapat").exists()  # nothing half-saved


def test_minutes_are_checked_like_evidence(fields: Any) -> None:
    fake = SimpleUploadedFile("notulen.pdf", b"not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        record(None, fields["pemerintahan"], minutes=fake)
    assert "minutes" in exc.value.message_dict
    exe = SimpleUploadedFile("notulen.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError):
        record(None, fields["pemerintahan"], minutes=exe)
    good = record(None, fields["pemerintahan"], minutes=SimpleUploadedFile("notulen.pdf", PDF))
    assert good.file_name == "notulen.pdf" and good.file_size == len(PDF)
    assert good.file_type == "application/pdf"
    assert "notulen" not in good.minutes.name  # stored under a random name


def value(ind: Any, period: str) -> IndicatorValue:
    return IndicatorValue.objects.get(indicator=ind("2.1"), period=period)


def test_recompute_on_change_of_an_unlocked_value(scenario: Any, ind: Any) -> None:
    q1 = value(ind, "2022Q1")
    assert (q1.numerator, q1.denominator, q1.value) == (1, 2, Decimal(50))
    # c done on 25 Mar, inside Q1: R2 now has all its recommendations done -> 2/2 = 100%
    scenario["follow"]("c", "selesai", D(2022, 3, 25))
    q1.refresh_from_db()
    assert (q1.numerator, q1.denominator, q1.value) == (2, 2, Decimal(100))
    # a new result with one open recommendation in Q1 -> 2/3
    a1 = scenario["activities"][0]
    r = services.result_add(actor=None, activity=a1, text="R8", date=D(2022, 2, 10))
    services.recommendation_add(
        actor=None, result=r, text="h", responsible_party="Desa", due_date=D(2022, 3, 1)
    )
    q1.refresh_from_db()
    assert (q1.numerator, q1.denominator) == (2, 3)


def test_a_locked_value_does_not_change_but_shows_its_sources_changed(
    scenario: Any, ind: Any
) -> None:
    q2 = value(ind, "2022Q2")
    q2 = measurement.value_submit(actor=None, value=q2)
    q2 = measurement.value_verify(actor=None, value=q2)
    q2 = measurement.value_approve(actor=None, value=q2)
    assert q2.is_locked and not sources_changed_since_approval(q2)
    # e done on 10 Jun, inside Q2: the register now gives 2/2, the approved value keeps 1/2
    scenario["follow"]("e", "selesai", D(2022, 6, 10))
    q2.refresh_from_db()
    assert (q2.numerator, q2.denominator, q2.status) == (1, 2, "approved")
    assert sources_changed_since_approval(q2)
    # an unrelated change (a follow-up of Q1's c) leaves other unlocked values refreshed
    assert value(ind, "2022Q1").numerator == 1


def test_reminders_once_a_day_to_the_right_section(
    scenario: Any, users: Any, fields: Any, kasi_pmks: Any
) -> None:
    users.kepala_seksi.email = "pemerintahan@mayang.test"
    users.kepala_seksi.save()
    pmks = record(None, fields["pmks"])  # "Rek" due 1 Mar 2022, no follow-up
    assert pmks.results.get().recommendations.get().due_date == D(2022, 3, 1)
    mail.outbox.clear()
    # on 1 Jul 2022 overdue: Pemerintahan e (due 1 Jun, "belum"); PMKS "Rek" (due 1 Mar).
    # c (due 31 Mar) was done on 5 Apr; a, b, d done; f's activity is a draft; g due 2023.
    assert coordination_reminders(D(2022, 7, 1)) == 2
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {"pemerintahan@mayang.test", "pmks@mayang.test"}
    assert "· e ·" in by_to["pemerintahan@mayang.test"].body
    assert "· Rek ·" in by_to["pmks@mayang.test"].body
    assert "· Rek ·" not in by_to["pemerintahan@mayang.test"].body
    # the same day again: nothing; the next day: again, through the command
    assert coordination_reminders(D(2022, 7, 1)) == 0
    call_command("pengingat", tanggal="2022-07-01", hanya="coordination")
    assert len(mail.outbox) == 2
    call_command("pengingat", tanggal="2022-07-02", hanya="coordination")
    assert len(mail.outbox) == 4
    assert set(reminder_senders()) == {"coordination", "village_finance"}


def test_overdue_selector_per_section(scenario: Any, users: Any, mayang: Any) -> None:
    from kinerja.coordination.selectors import overdue_recommendations

    groups = overdue_recommendations(user=users.camat, organisation=mayang, today=D(2022, 7, 1))
    assert [(u.name, [r.recommendation.text for r in rows]) for u, rows in groups] == [
        ("Seksi Pemerintahan", ["e"])
    ]
    assert groups[0][1][0].days_late == 30  # 1 Jun -> 1 Jul
    assert (
        overdue_recommendations(user=users.outsider, organisation=mayang, today=D(2022, 7, 1)) == []
    )


def test_a_manual_override_survives_a_change_of_its_records(scenario: Any, ind: Any) -> None:
    """An override has a reason and is audited: a later change of the register does not undo it
    (the village register keeps its overrides the same way)."""
    q1 = value(ind, "2022Q1")
    q1 = measurement.value_save(
        actor=None,
        indicator=q1.indicator,
        organisation=q1.organisation,
        period="2022Q1",
        numerator=Decimal(3),
        denominator=Decimal(4),
        override_reason="Notulen rapat Maret belum diunggah; dihitung dari daftar hadir.",
    )
    assert (q1.source, q1.value) == (measurement.OVERRIDE_SOURCE, Decimal(75))
    # c done on 25 Mar: the register now gives 2/2, the override keeps 3/4 = 75 %
    scenario["follow"]("c", "selesai", D(2022, 3, 25))
    q1.refresh_from_db()
    assert (q1.numerator, q1.denominator, q1.value, q1.source) == (
        3,
        4,
        Decimal(75),
        measurement.OVERRIDE_SOURCE,
    )

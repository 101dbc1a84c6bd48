"""The workflow: every legal and illegal transition, who may take it, red needs a note, the
approval snapshot and lock, unlock by the Camat with a reason, events; evidence checks."""

import hashlib
import re
from decimal import Decimal
from pathlib import PurePath

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.measurement import selectors, services
from kinerja.measurement.models import IndicatorValue
from tests.helpers import JPEG, PDF, PNG, WEBP, office

pytestmark = pytest.mark.django_db


def do(action, user, value, **kw):
    fn = getattr(services, f"value_{action}")
    if action == "return":
        kw.setdefault("note", "Lampirkan notulen")
    if action == "unlock":
        kw.setdefault("reason", "Salah ketik penyebut")
    return fn(actor=user, value=value, **kw)


def to_status(users, value, status):
    path = {
        "draft": [],
        "submitted": [("submit", users.kepala_seksi)],
        "verified": [("submit", users.kepala_seksi), ("verify", users.perencana)],
        "returned": [("submit", users.kepala_seksi), ("return", users.perencana)],
        "approved": [
            ("submit", users.kepala_seksi),
            ("verify", users.perencana),
            ("approve", users.camat),
        ],
    }[status]
    for action, user in path:
        value = do(action, user, value)
    return value


ACTIONS = ("submit", "verify", "return", "approve", "unlock")
# status → {action: resulting status}; anything not listed is illegal. Three steps (the
# default): the Camat approves verified values only (two steps: test_workflow_integrity.py).
LEGAL = {
    "draft": {"submit": "submitted"},
    "returned": {"submit": "submitted"},
    "submitted": {"verify": "verified", "return": "returned"},
    "verified": {"return": "returned", "approve": "approved"},
    "approved": {"unlock": "returned"},
}
ACTOR = {
    "submit": "kepala_seksi",
    "verify": "perencana",
    "return": "perencana",
    "approve": "camat",
    "unlock": "camat",
}


@pytest.mark.parametrize("status", list(LEGAL))
@pytest.mark.parametrize("action", ACTIONS)
def test_every_transition(users, value, status, action):
    value = to_status(users, value, status)
    events_before = value.events.count()
    user = getattr(users, ACTOR[action])
    if action in LEGAL[status]:
        result = do(action, user, value)
        assert result.status == LEGAL[status][action]
        event = result.events.last()
        assert (event.action, event.from_status, event.to_status, event.actor) == (
            action,
            status,
            LEGAL[status][action],
            user,
        )
    else:
        with pytest.raises(ValidationError) as exc:
            do(action, user, value)
        assert "cannot be" in exc.value.messages[0]
        assert value.events.count() == events_before
        assert IndicatorValue.objects.get(pk=value.pk).status == status


@pytest.mark.parametrize(
    ("action", "status", "refused"),
    [
        ("submit", "draft", ("operator_desa", "outsider", "anonymous")),
        (
            "verify",
            "submitted",
            ("kepala_seksi", "camat", "operator_desa", "outsider", "admin_kabupaten", "anonymous"),
        ),
        (
            "return",
            "submitted",
            ("kepala_seksi", "operator_desa", "outsider", "admin_kabupaten", "anonymous"),
        ),
        (
            "approve",
            "verified",
            (
                "kepala_seksi",
                "perencana",
                "operator_desa",
                "outsider",
                "admin_kabupaten",
                "anonymous",
            ),
        ),
        (
            "unlock",
            "approved",
            (
                "kepala_seksi",
                "perencana",
                "operator_desa",
                "outsider",
                "admin_kabupaten",
                "anonymous",
            ),
        ),
    ],
)
def test_who_may_not(users, value, action, status, refused):
    value = to_status(users, value, status)
    for role in refused:
        with pytest.raises(PermissionDenied):
            do(action, getattr(users, role), value)
    assert IndicatorValue.objects.get(pk=value.pk).status == status


def test_return_and_unlock_need_a_note(users, value):
    value = to_status(users, value, "submitted")
    with pytest.raises(ValidationError) as exc:
        services.value_return(actor=users.perencana, value=value, note="  ")
    assert "note" in exc.value.message_dict
    value = do("approve", users.camat, do("verify", users.perencana, value))
    with pytest.raises(ValidationError) as exc:
        services.value_unlock(actor=users.camat, value=value, reason="")
    assert "note" in exc.value.message_dict
    value = services.value_unlock(actor=users.camat, value=value, reason="Penyebut salah")
    assert (value.status, value.return_note) == ("returned", "Penyebut salah")


def test_submit_needs_a_realization(users, ind):
    v = services.value_save(
        actor=users.kepala_seksi,
        indicator=ind("2.1"),
        organisation=ind("2.1").decree.organisation,
        period="2022Q2",
        kendala="Belum ada data",
    )
    with pytest.raises(ValidationError, match="Enter the realization"):
        do("submit", users.kepala_seksi, v)


def test_red_rating_needs_a_note(users, ind, pk_targets):
    # target 80; 4 / 10 × 100 = 40 → 40 / 80 × 100 = 50 → Sangat Rendah (< 51): red
    pk_targets({"2.1": {"2022Q1": "80"}})
    kw = {
        "actor": users.kepala_seksi,
        "indicator": ind("2.1"),
        "organisation": ind("2.1").decree.organisation,
        "period": "2022Q1",
    }
    v = services.value_save(numerator="4", denominator="10", **kw)
    assert selectors.value_achievement(value=v) == Decimal("50")
    with pytest.raises(ValidationError) as exc:
        do("submit", users.kepala_seksi, v)
    assert "Sangat Rendah" in exc.value.message_dict["kendala"][0]
    v = services.value_save(
        numerator="4", denominator="10", kendala="Rapat tertunda", expected_version=1, **kw
    )
    assert do("submit", users.kepala_seksi, v).status == "submitted"


def test_rendah_is_red_sedang_is_not(users, ind, pk_targets):
    # annual target 100 used for the quarter: 6/10 → 60 → Rendah (51..65): red;
    # 7/10 → 70 → Sedang (66..75): not red
    pk_targets({"2.1": {"2022": "100"}})
    kw = {
        "actor": users.kepala_seksi,
        "indicator": ind("2.1"),
        "organisation": ind("2.1").decree.organisation,
    }
    low = services.value_save(period="2022Q1", numerator="6", denominator="10", **kw)
    ok = services.value_save(period="2022Q2", numerator="7", denominator="10", **kw)
    assert selectors.is_red(value=low) and not selectors.is_red(value=ok)
    assert do("submit", users.kepala_seksi, ok).status == "submitted"


def test_approve_snapshot_and_lock(users, value):
    evidence = services.evidence_add(
        actor=users.kepala_seksi, value=value, upload=SimpleUploadedFile("notulen.pdf", PDF)
    )
    value = to_status(users, IndicatorValue.objects.get(pk=value.pk), "approved")
    snap = value.approved_snapshot
    assert (snap["numerator"], snap["denominator"]) == ("9.0000", "10.0000")
    assert Decimal(snap["value"]) == Decimal("90")
    assert snap["evidence"] == [
        {
            "id": evidence.pk,
            "name": "notulen.pdf",
            "sha256": hashlib.sha256(PDF).hexdigest(),
            "size": len(PDF),
        }
    ]
    assert value.approved_by == users.camat and value.is_locked
    with pytest.raises(ValidationError, match="locked"):
        services.evidence_add(
            actor=users.kepala_seksi, value=value, upload=SimpleUploadedFile("b.pdf", PDF)
        )
    with pytest.raises(ValidationError, match="locked"):
        services.evidence_remove(actor=users.kepala_seksi, evidence=evidence)


def test_events_record_the_whole_path(users, value):
    value = to_status(users, value, "verified")
    value = do("approve", users.camat, value)
    value = do("unlock", users.camat, value)
    assert [(e.action, e.from_status, e.to_status) for e in value.events.all()] == [
        ("submit", "draft", "submitted"),
        ("verify", "submitted", "verified"),
        ("approve", "verified", "approved"),
        ("unlock", "approved", "returned"),
    ]
    # each step raised the version: 1 (save) + 4 steps = 5
    assert value.version == 5


def test_stale_version_on_a_step(users, value):
    with pytest.raises(services.VersionConflict):
        services.value_submit(actor=users.kepala_seksi, value=value, expected_version=7)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("a.pdf", PDF, "application/pdf"),
        ("a.PNG", PNG, "image/png"),
        ("a.jpg", JPEG, "image/jpeg"),
        ("a.webp", WEBP, "image/webp"),
        (
            "a.docx",
            office("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "a.xlsx",
            office("xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("a.odt", office("odt"), "application/vnd.oasis.opendocument.text"),
        ("a.ods", office("ods"), "application/vnd.oasis.opendocument.spreadsheet"),
    ],
)
def test_evidence_accepted(users, value, name, content, content_type, settings):
    e = services.evidence_add(
        actor=users.kepala_seksi, value=value, upload=SimpleUploadedFile(name, content)
    )
    assert (e.content_type, e.size, e.sha256) == (
        content_type,
        len(content),
        hashlib.sha256(content).hexdigest(),
    )
    assert e.file.path.startswith(str(settings.MEDIA_ROOT))
    assert e.file.read() == content
    # stored under a random name; the user's file name is kept in original_name only
    assert re.fullmatch(r"[0-9a-f]{32}\.\w+", PurePath(e.file.name).name)
    assert e.original_name == name


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("a.exe", b"MZ", "not accepted"),
        ("a.html", b"<html>", "not accepted"),
        ("a.pdf", PNG, "does not match"),
        ("a.png", PDF, "does not match"),
        ("a.docx", office("xlsx"), "does not match"),
        ("a.xlsx", b"PK\x03\x04garbage", "does not match"),
        ("a.odt", office("ods"), "does not match"),
        ("a.pdf", b"", "empty"),
    ],
)
def test_evidence_refused(users, value, name, content, fragment):
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(
            actor=users.kepala_seksi, value=value, upload=SimpleUploadedFile(name, content)
        )
    assert fragment in exc.value.message_dict["file"][0]
    assert not value.evidence.exists()


def test_evidence_size_limit(users, value, settings):
    settings.KINERJA_EVIDENCE_MAX_BYTES = 100
    services.evidence_add(
        actor=users.kepala_seksi,
        value=value,
        upload=SimpleUploadedFile("ok.pdf", PDF[:8] + b" " * 92),
    )
    with pytest.raises(ValidationError, match="larger than"):
        services.evidence_add(
            actor=users.kepala_seksi,
            value=value,
            upload=SimpleUploadedFile("big.pdf", PDF[:8] + b" " * 93),
        )


def test_evidence_soft_remove_and_permissions(users, value):
    with pytest.raises(PermissionDenied):
        services.evidence_add(
            actor=users.operator_desa, value=value, upload=SimpleUploadedFile("a.pdf", PDF)
        )
    e = services.evidence_add(
        actor=users.kepala_seksi, value=value, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    with pytest.raises(PermissionDenied):
        services.evidence_remove(actor=users.outsider, evidence=e)
    services.evidence_remove(actor=users.kepala_seksi, evidence=e)
    e.refresh_from_db()
    assert e.removed_at is not None and e.file.read() == PDF
    assert services.snapshot(value)["evidence"] == []


def test_sample_realizations_through_the_workflow(mayang, default_decree):
    from kinerja.measurement.demo import realizations_sample
    from kinerja.measurement.models import WorkflowEvent

    default_decree.indicators.update(value_source="manual")
    realizations_sample(mayang, [2022])
    statuses = {(v.indicator.code, v.period): v.status for v in IndicatorValue.objects.all()}
    assert len(statuses) == 5 * 4
    assert {s for (c, p), s in statuses.items() if p != "2022Q4"} == {"approved"}
    assert {s for (c, p), s in statuses.items() if p == "2022Q4"} == {"submitted"}
    v = IndicatorValue.objects.get(indicator__code="2.2", period="2022Q1")
    # 2.2 in 2022Q1: wobble = (2022×3 + 1×7) % 5 = 6073 % 5 = 3 → 5 + min(3, 2) = 7 of 7 villages
    assert (v.numerator, v.denominator, v.value) == (7, 7, Decimal("100"))
    assert v.kendala.startswith("DATA CONTOH")
    events = WorkflowEvent.objects.count()
    realizations_sample(mayang, [2022])  # idempotent
    assert IndicatorValue.objects.count() == 20 and WorkflowEvent.objects.count() == events


@pytest.mark.parametrize("rule", [None, "2-r/t", "t/r"])
def test_red_check_rates_lower_is_better_as_the_dashboard(users, ind, pk_targets, rule):
    # Lower is better, target 50, realization 4 / 10 × 100 = 40:
    # (2 − 40/50) × 100 = 120 by default and under "2-r/t"; 50/40 × 100 = 125 under "t/r".
    from kinerja.accounts.access import OrganisationReader
    from kinerja.measurement.models import AssessmentPolicy
    from kinerja.measurement.selectors import performance_table

    indicator = ind("2.1")
    indicator.polarity = "lower"
    indicator.save()
    organisation = indicator.decree.organisation
    if rule is not None:
        AssessmentPolicy.objects.create(organisation=organisation.parent, lower_better_rule=rule)
    pk_targets({"2.1": {"2022Q1": "50"}})
    v = services.value_save(
        actor=users.kepala_seksi,
        indicator=indicator,
        organisation=organisation,
        period="2022Q1",
        numerator="4",
        denominator="10",
    )
    expected = Decimal(125) if rule == "t/r" else Decimal(120)
    assert selectors.value_achievement(value=v) == expected
    row = next(
        r
        for r in performance_table(
            user=OrganisationReader.of(organisation), organisation=organisation, year=2022
        )
        if r.indicator.pk == indicator.pk
    )
    assert row.quarters[0].achievement == expected
    assert not selectors.is_red(value=v)
    assert do("submit", users.kepala_seksi, v).status == "submitted"


def test_regency_policy_wins_over_the_kecamatan_own(users, ind, pk_targets):
    # 6 / 10 × 100 = 60 against target 100: 60 %. The kecamatan's own table rates it "Baik"
    # (its top band: not red); the regency's "Sangat Kurang" (its lowest band: red). The
    # kecamatan's row is created first, so it is not picked for being the first row.
    from kinerja.measurement.models import AssessmentPolicy

    indicator = ind("2.1")
    organisation = indicator.decree.organisation
    own = [
        {"lower": "55", "label": "Baik", "colour": "green"},
        {"lower": "30", "label": "Cukup", "colour": "yellow"},
        {"lower": "10", "label": "Kurang", "colour": "orange"},
        {"label": "Sangat Kurang", "colour": "red"},
    ]
    AssessmentPolicy.objects.create(organisation=organisation, predikat_rows=own)
    AssessmentPolicy.objects.create(
        organisation=organisation.parent,
        predikat_rows=[
            {"lower": "90", "label": "Baik", "colour": "green"},
            {"lower": "80", "label": "Cukup", "colour": "yellow"},
            {"lower": "70", "label": "Kurang", "colour": "orange"},
            {"label": "Sangat Kurang", "colour": "red"},
        ],
    )
    pk_targets({"2.1": {"2022Q1": "100"}})
    v = services.value_save(
        actor=users.kepala_seksi,
        indicator=indicator,
        organisation=organisation,
        period="2022Q1",
        numerator="6",
        denominator="10",
    )
    assert selectors.is_red(value=v)

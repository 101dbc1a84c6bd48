"""Workflow integrity (issue #10, item 4): three-step approval by default, two steps only as a
per-kecamatan setting changed by the Camat, Perencana or Admin Kabupaten (with history); the
approval queue split into "Menunggu verifikasi" and "Siap disetujui"; the count of values waiting
for a user; evidence that stays once a value is submitted."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.measurement import services
from kinerja.measurement.models import Evidence, IndicatorValue
from tests.helpers import PDF, api_client
from tests.measurement.perf_data import put_value

pytestmark = pytest.mark.django_db


def two_steps(organisation, actor=None):
    return services.workflow_settings_save(
        actor=actor,
        organisation=organisation,
        approval_steps="two",
        reason="Kantor bekerja dua tahap (SK Camat 12/2024)",
    )


def entry_url(value):
    return reverse("measurement:entry", args=[value.indicator_id, value.period])


def action_url(value, action):
    return reverse("measurement:value-action", args=[value.indicator_id, value.period, action])


# ---------------------------------------------------------------- 1. three steps by default


def test_camat_cannot_approve_a_submitted_value_by_default(users, value):
    value = services.value_submit(actor=users.kepala_seksi, value=value)
    assert "approve" not in services.allowed_actions(users.camat, value, value.indicator)
    with pytest.raises(ValidationError) as exc:
        services.value_approve(actor=users.camat, value=value)
    assert exc.value.code == "not_verified"
    assert "Perencana" in exc.value.messages[0]
    value.refresh_from_db()
    assert value.status == "submitted" and value.approved_snapshot is None
    assert not value.events.filter(action="approve").exists()
    # verified by the Perencana, it is the Camat's to approve
    value = services.value_verify(actor=users.perencana, value=value)
    assert "approve" in services.allowed_actions(users.camat, value, value.indicator)
    assert services.value_approve(actor=users.camat, value=value).status == "approved"
    assert [e.action for e in value.events.all()] == ["submit", "verify", "approve"]


def test_trusted_callers_follow_the_same_rule(users, value):
    value = services.value_submit(actor=None, value=value)
    with pytest.raises(ValidationError):
        services.value_approve(actor=None, value=value)
    assert IndicatorValue.objects.get(pk=value.pk).status == "submitted"


def test_the_api_follows_the_rule(users, value):
    value = services.value_submit(actor=users.kepala_seksi, value=value)
    camat = api_client(users.camat)
    url = f"/api/realisasi/{value.pk}/setujui/"
    refused = camat.post(url, {"version": value.version}, format="json")
    assert refused.status_code == 400 and "Perencana" in str(refused.json())
    assert IndicatorValue.objects.get(pk=value.pk).status == "submitted"
    value = services.value_verify(actor=users.perencana, value=value)
    ok = camat.post(url, {"version": value.version}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "approved"


def test_the_page_offers_no_approval_of_a_submitted_value(client_as, users, value):
    value = services.value_submit(actor=users.kepala_seksi, value=value)
    camat = client_as("camat")
    assert action_url(value, "approve") not in camat.get(entry_url(value)).content.decode()
    response = camat.post(action_url(value, "approve"), {"version": value.version})
    assert response.status_code == 200
    assert "diverifikasi" in response.content.decode()  # the Indonesian message
    assert IndicatorValue.objects.get(pk=value.pk).status == "submitted"


# ---------------------------------------------------------------- 1. two steps as a setting


def test_two_step_kecamatan_lets_the_camat_approve_submitted_values(users, value, mayang):
    two_steps(mayang, actor=users.camat)
    value = services.value_submit(actor=users.kepala_seksi, value=value)
    assert "approve" in services.allowed_actions(users.camat, value, value.indicator)
    # the Perencana may still verify; the Camat need not wait for it
    assert "verify" in services.allowed_actions(users.perencana, value, value.indicator)
    value = services.value_approve(actor=users.camat, value=value)
    assert value.status == "approved"
    assert [e.action for e in value.events.all()] == ["submit", "approve"]


def test_the_setting_belongs_to_one_kecamatan(users, mayang, other_kecamatan):
    from kinerja.measurement.selectors import approval_steps_for

    assert approval_steps_for(mayang) == approval_steps_for(other_kecamatan) == "three"
    two_steps(mayang, actor=users.perencana)
    assert (approval_steps_for(mayang), approval_steps_for(other_kecamatan)) == ("two", "three")


def test_the_change_is_kept_in_the_history_with_who_and_why(users, mayang):
    from kinerja.measurement.models import WorkflowSettings

    two_steps(mayang, actor=users.camat)
    services.workflow_settings_save(
        actor=users.admin_kabupaten,
        organisation=mayang,
        approval_steps="three",
        reason="Kembali ke tiga tahap",
    )
    row = WorkflowSettings.objects.get(organisation=mayang)
    history = list(row.history.order_by("history_date", "history_id"))
    assert [(h.approval_steps, h.history_user, h.history_change_reason) for h in history] == [
        ("two", users.camat, "Kantor bekerja dua tahap (SK Camat 12/2024)"),
        ("three", users.admin_kabupaten, "Kembali ke tiga tahap"),
    ]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("admin_kabupaten", True),
        ("camat", True),
        ("perencana", True),
        ("kepala_seksi", False),
        ("operator_desa", False),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_who_may_change_the_setting(users, mayang, role, allowed):
    from kinerja.measurement.selectors import approval_steps_for

    user = getattr(users, role)
    assert services.can_change_workflow_settings(user, mayang) is allowed
    if allowed:
        two_steps(mayang, actor=user)
        assert approval_steps_for(mayang) == "two"
    else:
        with pytest.raises(PermissionDenied):
            two_steps(mayang, actor=user)
        assert approval_steps_for(mayang) == "three"


def test_bad_setting_input_is_refused(users, mayang):
    from kinerja.measurement.models import WorkflowSettings

    kw = {"actor": users.camat, "organisation": mayang}
    with pytest.raises(ValidationError) as exc:
        services.workflow_settings_save(**kw, approval_steps="two", reason="   ")
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.workflow_settings_save(**kw, approval_steps="one", reason="x")
    assert "approval_steps" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.workflow_settings_save(
            actor=None, organisation=mayang.parent, approval_steps="two", reason="x"
        )
    assert not WorkflowSettings.objects.exists()


def test_settings_page(client_as, users, mayang, value):
    from kinerja.measurement.selectors import approval_steps_for

    url = reverse("measurement:workflow-settings")
    page = client_as("camat").get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Alur persetujuan" in html and 'name="approval_steps"' in html
    assert "Tiga tahap" in html and "Dua tahap" in html
    # a reason is required; nothing is stored without one
    refused = client_as("camat").post(url, {"approval_steps": "two", "reason": "  "})
    assert refused.status_code == 200 and "field--error" in refused.content.decode()
    assert approval_steps_for(mayang) == "three"
    done = client_as("camat").post(url, {"approval_steps": "two", "reason": "Dua tahap saja"})
    assert done.status_code == 302
    assert approval_steps_for(mayang) == "two"
    after = client_as("perencana").get(url).content.decode()
    assert "Dua tahap saja" in after and "camat.mayang" in after  # the history, with who
    # a Kepala Seksi reads the setting but gets no form, and may not post
    kasi = client_as("kepala_seksi").get(url)
    assert kasi.status_code == 200 and 'name="approval_steps"' not in kasi.content.decode()
    post = client_as("kepala_seksi").post(url, {"approval_steps": "three", "reason": "x"})
    assert post.status_code == 403 and approval_steps_for(mayang) == "two"
    # the approval queue links to the settings page
    assert url in client_as("camat").get(reverse("measurement:approval-queue")).content.decode()


def test_settings_page_of_another_kecamatan_is_not_found(client_as, mayang):
    from kinerja.measurement.selectors import approval_steps_for

    url = reverse("measurement:workflow-settings") + "?organisasi=35.09.26"
    assert client_as("outsider").get(url).status_code == 404
    response = client_as("outsider").post(url, {"approval_steps": "two", "reason": "x"})
    assert response.status_code == 404 and approval_steps_for(mayang) == "three"
    assert client_as("admin_kabupaten").get(url).status_code == 200


# ---------------------------------------------------------------- 2. the queue and the count


@pytest.fixture
def waiting(users, ind, mayang):
    """Mayang, 2.1: Q1 and Q2 submitted, Q3 verified, Q4 draft; 2.3 Q1 approved, 2.3 Q2
    returned. Another kecamatan: one verified value (of Mayang's indicator, made directly)."""

    def make(period, status, code="2.1"):
        return put_value(ind(code), mayang, period, 1, 2, status=status)

    values = {
        "q1": make("2022Q1", "submitted"),
        "q2": make("2022Q2", "submitted"),
        "q3": make("2022Q3", "verified"),
        "q4": make("2022Q4", "draft"),
        "a": make("2022Q1", "approved", "2.3"),
        "r": make("2022Q2", "returned", "2.3"),
    }
    return values


def _periods(values):
    return sorted(f"{v.indicator.code} {v.period}" for v in values)


def test_queue_separates_verification_from_approval(client_as, waiting, mayang):
    url = reverse("measurement:approval-queue")
    for role in ("perencana", "camat"):
        response = client_as(role).get(url)
        queue = response.context["queue"]
        assert _periods(queue.waiting_verification) == ["2.1 2022Q1", "2.1 2022Q2"]
        assert _periods(queue.ready_for_approval) == ["2.1 2022Q3"]
        html = response.content.decode()
        assert "Menunggu verifikasi" in html and "Siap disetujui" in html
        assert 'data-count="2"' in html and 'data-count="1"' in html
    # in two steps the Camat may approve the submitted values too
    two_steps(mayang)
    queue = client_as("camat").get(url).context["queue"]
    assert _periods(queue.waiting_verification) == ["2.1 2022Q1", "2.1 2022Q2"]
    assert _periods(queue.ready_for_approval) == ["2.1 2022Q1", "2.1 2022Q2", "2.1 2022Q3"]
    assert client_as("outsider").get(url).context["queue"].ready_for_approval == []


def test_values_waiting_count_by_hand(users, waiting, mayang, other_kecamatan, ind):
    from kinerja.measurement.selectors import values_waiting_count

    put_value(ind("2.4"), other_kecamatan, "2022Q1", 1, 2, status="verified")
    put_value(ind("2.4"), other_kecamatan, "2022Q2", 1, 2, status="submitted")
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    # Three steps. Perencana: 2 submitted to verify. Camat: 1 verified to approve. The Camat
    # of the other kecamatan: its 1 verified value. Superuser: verifies 2 + 1 submitted and
    # approves 1 + 1 verified = 5. The others neither verify nor approve.
    expected = {
        "perencana": 2,
        "camat": 1,
        "outsider": 1,
        "admin_kabupaten": 0,
        "kepala_seksi": 0,
        "operator_desa": 0,
        "anonymous": 0,
    }
    assert {r: values_waiting_count(user=getattr(users, r)) for r in expected} == expected
    assert values_waiting_count(user=superuser) == 5
    # Two steps in Mayang: its Camat also approves the 2 submitted values: 1 + 2 = 3; the
    # Perencana still has 2 to verify; the superuser counts each value once: still 5.
    two_steps(mayang)
    assert values_waiting_count(user=users.camat) == 3
    assert values_waiting_count(user=users.perencana) == 2
    assert values_waiting_count(user=users.outsider) == 1
    assert values_waiting_count(user=superuser) == 5


def test_values_waiting_count_takes_a_few_queries(users, waiting, django_assert_max_num_queries):
    from kinerja.measurement.selectors import values_waiting_count

    with django_assert_max_num_queries(4):
        assert values_waiting_count(user=users.camat) == 1


# ---------------------------------------------------------------- 3. evidence stays


def _evidence(users, value):
    return services.evidence_add(
        actor=users.kepala_seksi, value=value, upload=SimpleUploadedFile("notulen.pdf", PDF)
    )


@pytest.mark.parametrize("status", ["submitted", "verified"])
def test_evidence_cannot_be_removed_once_submitted(users, value, status):
    evidence = _evidence(users, value)
    value = services.value_submit(actor=users.kepala_seksi, value=value)
    if status == "verified":
        value = services.value_verify(actor=users.perencana, value=value)
    for actor in (users.kepala_seksi, users.perencana, users.camat, None):
        with pytest.raises(ValidationError) as exc:
            services.evidence_remove(actor=actor, evidence=evidence)
        assert exc.value.code == "not_editable"
    evidence.refresh_from_db()
    assert evidence.removed_at is None
    assert not value.events.filter(action="evidence_remove").exists()


def test_returning_the_value_reopens_its_evidence(users, value):
    evidence = _evidence(users, value)
    value = services.value_submit(actor=users.kepala_seksi, value=value)
    value = services.value_return(actor=users.perencana, value=value, note="Bukti salah")
    services.evidence_remove(actor=users.kepala_seksi, evidence=evidence)
    evidence.refresh_from_db()
    assert evidence.removed_at is not None


def test_the_page_hides_the_remove_button_once_submitted(client_as, users, value):
    evidence = _evidence(users, value)
    remove = reverse("measurement:evidence-remove", args=[evidence.pk])
    kasi = client_as("kepala_seksi")
    assert remove in kasi.get(entry_url(value)).content.decode()
    value = services.value_submit(actor=users.kepala_seksi, value=value)
    html = kasi.get(entry_url(value)).content.decode()
    assert remove not in html and "notulen.pdf" in html
    response = kasi.post(remove, follow=True)
    assert "hanya dapat dihapus" in response.content.decode()
    assert Evidence.objects.get(pk=evidence.pk).removed_at is None


def test_the_demo_fills_both_sections_of_the_queue(mayang, default_decree):
    from kinerja.measurement.demo import realizations_sample

    realizations_sample(mayang, [2022])
    status = {
        v.period: v.status
        for v in IndicatorValue.objects.filter(indicator__code="2.2", organisation=mayang)
    }
    # 2.2 is computed from the village register: the year is stored too. The last quarter waits
    # for the Perencana, the year for the Camat; the rest went through all three steps.
    assert status == {
        "2022Q1": "approved",
        "2022Q2": "approved",
        "2022Q3": "approved",
        "2022Q4": "submitted",
        "2022": "verified",
    }

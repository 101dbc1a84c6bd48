"""The realization API: values through value_save (Indonesian numbers, 409 on a stale version),
workflow actions, evidence upload and list."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.measurement import services
from kinerja.measurement.models import IndicatorValue
from tests.helpers import api_client

pytestmark = pytest.mark.django_db

R = "/api/realisasi/"


def test_create_update_and_conflict(users, ind):
    kasi = api_client(users.kepala_seksi)
    response = kasi.post(
        R,
        {
            "indicator": ind("2.1").pk,
            "period": "2022Q1",
            "numerator": "1.234,5",
            "denominator": "2.469",
            "version": 0,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    # 1234.5 / 2469 × 100 = 50
    assert (body["value"], body["numerator"], body["version"], body["status"]) == (
        50.0,
        1234.5,
        1,
        "draft",
    )
    pk = body["id"]
    perencana = api_client(users.perencana)
    ok = perencana.patch(
        f"{R}{pk}/", {"numerator": 9, "denominator": 10, "version": 1}, format="json"
    )
    # 9 / 10 × 100 = 90, version 2
    assert ok.status_code == 200 and ok.json()["value"] == 90.0 and ok.json()["version"] == 2
    stale = kasi.patch(
        f"{R}{pk}/", {"numerator": "5", "denominator": "10", "version": 1}, format="json"
    )
    assert stale.status_code == 409
    assert "perencana.mayang" in stale.json()["version"][0]
    assert IndicatorValue.objects.get().value == Decimal("90")
    # a second create of the same key is a conflict too (version 0 but the value exists)
    again = kasi.post(
        R,
        {
            "indicator": ind("2.1").pk,
            "period": "2022Q1",
            "numerator": "1",
            "denominator": "2",
            "version": 0,
        },
        format="json",
    )
    assert again.status_code == 409


def test_json_float_is_exact_and_not_a_thousands_group(users, ind):
    # a JSON number 1.234 is one point two three four, not 1234: 1.234 / 2 × 100 = 61.7
    response = api_client(users.kepala_seksi).post(
        R,
        {
            "indicator": ind("2.1").pk,
            "period": "2022Q2",
            "numerator": 1.234,
            "denominator": 2,
            "version": 0,
        },
        format="json",
    )
    assert response.status_code == 201 and response.json()["value"] == 61.7


def test_validation_errors_on_fields(users, ind):
    response = api_client(users.kepala_seksi).post(
        R,
        {
            "indicator": ind("2.1").pk,
            "period": "2022Q1",
            "numerator": "11",
            "denominator": "10",
            "version": 0,
        },
        format="json",
    )
    assert response.status_code == 400 and "numerator" in response.json()


def test_workflow_actions(users, ind):
    kasi, perencana, camat = (
        api_client(u) for u in (users.kepala_seksi, users.perencana, users.camat)
    )
    pk = kasi.post(
        R,
        {
            "indicator": ind("2.1").pk,
            "period": "2022Q1",
            "numerator": "9",
            "denominator": "10",
            "version": 0,
        },
        format="json",
    ).json()["id"]
    assert (
        kasi.post(f"{R}{pk}/ajukan/", {"version": 1}, format="json").json()["status"] == "submitted"
    )
    assert kasi.post(f"{R}{pk}/verifikasi/", {}, format="json").status_code == 403
    assert perencana.post(f"{R}{pk}/kembalikan/", {"note": ""}, format="json").status_code == 400
    assert perencana.post(f"{R}{pk}/verifikasi/", {"version": 1}, format="json").status_code == 409
    assert (
        perencana.post(f"{R}{pk}/verifikasi/", {"version": 2}, format="json").json()["status"]
        == "verified"
    )
    approved = camat.post(f"{R}{pk}/setujui/", {}, format="json").json()
    assert (
        approved["status"] == "approved" and approved["approved_snapshot"]["numerator"] == "9.0000"
    )
    assert camat.post(f"{R}{pk}/setujui/", {}, format="json").status_code == 400
    assert (
        camat.post(f"{R}{pk}/buka-kunci/", {"note": "Salah hitung"}, format="json").json()["status"]
        == "returned"
    )


def test_evidence_upload_and_list(users, ind):
    kasi = api_client(users.kepala_seksi)
    v = services.value_save(
        actor=users.kepala_seksi,
        indicator=ind("2.1"),
        organisation=ind("2.1").decree.organisation,
        period="2022Q1",
        numerator="9",
        denominator="10",
    )
    bad = kasi.post(
        f"{R}{v.pk}/bukti/", {"file": SimpleUploadedFile("a.pdf", b"not a pdf")}, format="multipart"
    )
    assert bad.status_code == 400 and "file" in bad.json()
    ok = kasi.post(
        f"{R}{v.pk}/bukti/",
        {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.7 x")},
        format="multipart",
    )
    assert ok.status_code == 201 and ok.json()["size"] == 10
    assert [
        e["original_name"] for e in api_client(users.operator_desa).get(f"{R}{v.pk}/bukti/").json()
    ] == ["a.pdf"]


def test_filters(users, ind):
    kw = {
        "actor": users.kepala_seksi,
        "organisation": ind("2.1").decree.organisation,
        "numerator": "1",
        "denominator": "2",
    }
    services.value_save(indicator=ind("2.1"), period="2022Q1", **kw)
    services.value_save(indicator=ind("2.2"), period="2022Q1", **kw)
    body = api_client(users.camat).get(R + "?indikator=2.2").json()
    assert [row["indicator_code"] for row in body["results"]] == ["2.2"]

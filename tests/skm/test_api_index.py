"""The SKM index endpoint: its values for every member, and its refusals."""

import pytest


@pytest.mark.django_db
def test_api_index_permissions_and_values(users, instrument, ktp, mayang):
    import datetime

    from rest_framework.test import APIClient

    from kinerja.skm.services import responses_store_many
    from tests.skm.conftest import respondent

    responses_store_many(
        actor=None,
        instrument=instrument,
        items=[respondent(ktp, [4] * 9, date=datetime.date(2022, 3, 1))],
    )
    url = "/api/skm/indeks/?organisasi=35.09.26&tahun=2022"
    people = users.all()
    for role in ("admin_kabupaten", "camat", "perencana", "kepala_seksi", "operator_desa"):
        client = APIClient()
        client.force_authenticate(people[role])
        body = client.get(url).json()
        assert body["indeks"]["ikm_konversi"] == 100.0, role  # all 4s: exactly 100
        assert body["indeks"]["ikm_konversi_dibulatkan"] == "100.00"
    outsider = APIClient()
    outsider.force_authenticate(users.outsider)
    assert outsider.get(url).status_code == 403
    assert APIClient().get(url).status_code in (401, 403)
    bad = APIClient()
    bad.force_authenticate(users.camat)
    assert bad.get("/api/skm/indeks/?organisasi=35.09.26&tahun=x").status_code == 400

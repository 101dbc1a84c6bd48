"""Who may open or post to which SKM page: one table, applied to every page. The public survey
page is open to everybody; staff pages to members of the kecamatan; changes to the Camat, the
Perencana, the Admin Kabupaten and the head of Seksi Pelayanan Umum."""

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from kinerja.accounts.models import Role
from kinerja.accounts.services import user_with_role
from kinerja.organisations.models import Unit
from tests.conftest import PASSWORD

ROLES = (
    "admin_kabupaten",
    "camat",
    "perencana",
    "kepala_seksi",
    "kasi_pelayanan",
    "operator_desa",
    "outsider",
    "anonymous",
)
LOGIN = "login"
MAYANG = "?organisasi=35.09.26"

# (url name, args, query, method, expected per role in ROLES order)
MATRIX: list[tuple[str, list[str], str, str, tuple[Any, ...]]] = [
    ("skm:survey", ["service_token"], "", "get", (200,) * 8),
    ("skm:kiosk", ["service_token"], "", "get", (200,) * 8),
    ("skm:survey", ["instrument_token"], "", "get", (200,) * 8),
    ("skm:index", [], MAYANG, "get", (200, 200, 200, 200, 200, 200, 403, LOGIN)),
    ("skm:instrument", [], MAYANG, "get", (200, 200, 200, 200, 200, 200, 403, LOGIN)),
    ("skm:instrument", [], MAYANG, "post", (400, 400, 400, 403, 400, 403, 403, LOGIN)),
    ("skm:services", [], MAYANG, "get", (200, 200, 200, 200, 200, 200, 403, LOGIN)),
    ("skm:services", [], MAYANG, "post", (400, 400, 400, 403, 400, 403, 403, LOGIN)),
    ("skm:user-count", [], MAYANG, "get", (200, 200, 200, 403, 200, 403, 403, LOGIN)),
    ("skm:user-count", [], MAYANG, "post", (400, 400, 400, 403, 400, 403, 403, LOGIN)),
    ("skm:responses", [], MAYANG, "get", (200, 200, 200, 200, 200, 200, 403, LOGIN)),
    ("skm:paper", [], MAYANG, "get", (200, 200, 200, 200, 200, 200, 403, LOGIN)),
    ("skm:paper", [], MAYANG, "post", (400, 400, 400, 403, 400, 403, 403, LOGIN)),
    ("skm:poster-page", ["service_pk"], "", "get", (200, 200, 200, 200, 200, 200, 403, LOGIN)),
    ("skm:poster", ["service_pk", "svg"], "", "get", (200, 200, 200, 200, 200, 200, 403, LOGIN)),
]

CASES = [
    pytest.param(name, args, query, method, expected, id=f"{method} {name} {'+'.join(args)}")
    for name, args, query, method, expected in MATRIX
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args", "query", "method", "expected"), CASES)
def test_permission_matrix(name, args, query, method, expected, users, instrument, ktp, mayang):
    cache.clear()
    kasi_pelayanan = user_with_role(
        username="kasi.pelayanan",
        password=PASSWORD,
        role=Role.KEPALA_SEKSI,
        organisation=mayang,
        unit=Unit.objects.get(organisation=mayang, name="Seksi Pelayanan Umum"),
    )
    people = {**users.all(), "kasi_pelayanan": kasi_pelayanan}
    objects = {
        "service_token": ktp.token,
        "instrument_token": instrument.token,
        "service_pk": str(ktp.pk),
        "svg": "svg",
    }
    url = reverse(name, args=[objects[a] for a in args]) + query
    for role, want in zip(ROLES, expected, strict=True):
        client = Client()
        if people[role].is_authenticated:
            client.force_login(people[role])
        # an empty (invalid) post: allowed users get the form back with errors (400)
        response = client.post(url, {}) if method == "post" else client.get(url)
        if want == LOGIN:
            assert response.status_code == 302 and "/masuk/" in response["Location"], role
        else:
            assert response.status_code == want, (role, response.status_code)


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

"""The REST API: what each role sees in lists, what writes do, tokens, schema and docs, and
validation errors that come back as 400 with field messages."""

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from kinerja.iku.models import Decree, Indicator
from tests.helpers import SEED_DECREE_FILE, row_counts
from tests.helpers import api_client as _api_client


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def api_client(user: Any) -> APIClient:
    """A client that asks for English, the language of the messages asserted here."""
    client = _api_client(user)
    client.cookies["django_language"] = "en"
    return client


def _ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


# ---------------------------------------------------------------- what each role sees


@pytest.mark.parametrize("role", ["anonymous", "outsider"])
def test_public_lists_hold_published_decrees_only(role, users, ids):
    client = api_client(users.all()[role])
    assert _ids(client.get("/api/keputusan/")) == {ids["in_force"]}
    assert client.get("/api/keputusan/?status=draft").json()["results"] == []
    indicators = client.get("/api/indikator/").json()["results"]
    assert [i["code"] for i in indicators] == ["1.1", "2.1", "2.2", "2.3", "2.4"]
    assert {i["decree"] for i in indicators} == {ids["in_force"]}
    goals = client.get("/api/kinerja-utama/").json()["results"]
    assert {g["decree"] for g in goals} == {ids["in_force"]}


@pytest.mark.parametrize(
    "role", ["operator_desa", "kepala_seksi", "perencana", "camat", "admin_kabupaten"]
)
def test_members_see_their_drafts(role, users, ids):
    client = api_client(users.all()[role])
    assert _ids(client.get("/api/keputusan/")) == {ids["in_force"], ids["draft"]}
    assert _ids(client.get("/api/keputusan/?status=draft")) == {ids["draft"]}
    assert len(client.get("/api/indikator/").json()["results"]) == 10


def test_outsider_sees_own_drafts_but_not_mayangs(users, ids, other_kecamatan):
    from kinerja.iku import services

    own = services.decree_create(actor=users.outsider, organisation=other_kecamatan, title="Uji")
    client = api_client(users.outsider)
    assert _ids(client.get("/api/keputusan/")) == {ids["in_force"], own.pk}
    assert api_client(users.camat).get(f"/api/keputusan/{own.pk}/").status_code == 404


def test_decree_filter_by_organisation(users, ids):
    client = api_client(users.anonymous)
    response = client.get("/api/keputusan/?organisation__code=35.09.26")
    assert _ids(response) == {ids["in_force"]}
    assert client.get("/api/keputusan/?organisation__code=35.09.27").json()["results"] == []


def test_decree_detail_as_json(users, ids):
    data = api_client(users.anonymous).get(f"/api/keputusan/{ids['in_force']}/").json()
    assert data["organisation"] == "35.09.26"
    assert data["number"] == "065/ 2 /26/2022"
    assert data["date_signed"] == "2022-01-03"
    assert data["status"] == "in_force"


def test_organisation_by_code(users, mayang):
    data = api_client(users.anonymous).get("/api/organisasi/35.09.26/").json()
    assert data["name"] == "Mayang"
    assert data["parent"] == "35.09"
    assert data["address"] == "Jl. Raung No. 49"
    assert data["phone"] == "(0331) 591032"
    villages = api_client(users.anonymous).get("/api/organisasi/?level=desa").json()["results"]
    assert [v["code"] for v in villages] == [f"35.09.26.200{n}" for n in range(1, 8)]


def test_document_action_returns_the_export_format(users, ids):
    response = api_client(users.anonymous).get(f"/api/keputusan/{ids['in_force']}/document/")
    assert response.status_code == 200
    assert response.json() == json.loads(SEED_DECREE_FILE.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- what writes do


def test_create_update_and_goal_and_indicator(users, mayang):
    client = api_client(users.perencana)
    response = client.post(
        "/api/keputusan/",
        {"organisation": "35.09.26", "title": "IKU 2025", "place": "Jember"},
        format="json",
    )
    assert response.status_code == 201, response.content
    decree = response.json()
    assert (decree["status"], decree["number"], decree["place"]) == ("draft", "", "Jember")
    response = client.patch(
        f"/api/keputusan/{decree['id']}/", {"number": "050/7/2025"}, format="json"
    )
    assert response.json()["number"] == "050/7/2025"
    goal = client.post(
        "/api/kinerja-utama/",
        {"decree": decree["id"], "statement": "Meningkatnya uji"},
        format="json",
    ).json()
    assert goal["order"] == 1
    response = client.post(
        "/api/indikator/",
        {
            "decree": decree["id"],
            "goal": goal["id"],
            "code": "1.1",
            "name": "Persentase uji",
            "factor": "100",
            "polarity": "lower",
            "decimals": 1,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    indicator = response.json()
    assert (indicator["order"], indicator["polarity"], indicator["decimals"]) == (1, "lower", 1)
    created = Indicator.objects.get(pk=indicator["id"])
    assert created.history.get().history_user == users.perencana


def test_copy_and_put_in_force(users, ids):
    client = api_client(users.camat)
    response = client.post(f"/api/keputusan/{ids['in_force']}/salin/")
    assert response.status_code == 201
    copy = response.json()
    assert (copy["status"], copy["replaces"], copy["number"]) == ("draft", ids["in_force"], "")
    assert Decree.objects.get(pk=copy["id"]).indicators.count() == 5
    response = client.post(f"/api/keputusan/{ids['draft']}/berlakukan/")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_force"
    assert Decree.objects.get(pk=ids["in_force"]).status == "superseded"


def test_archive_and_restore(users, ids):
    client = api_client(users.admin_kabupaten)
    response = client.post(f"/api/indikator/{ids['draft_indicator']}/arsipkan/")
    assert response.status_code == 200
    assert response.json()["archived_at"] is not None
    response = client.post(f"/api/indikator/{ids['draft_indicator']}/pulihkan/")
    assert response.json()["archived_at"] is None


def test_indicators_cannot_be_deleted(users, ids):
    before = row_counts()
    response = api_client(users.camat).delete(f"/api/indikator/{ids['draft_indicator']}/")
    assert response.status_code == 405
    assert row_counts() == before


# ---------------------------------------------------------------- tokens


def test_token_authentication(users, ids):
    token = Token.objects.create(user=users.camat)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get(f"/api/keputusan/{ids['draft']}/").status_code == 200
    response = client.patch(f"/api/keputusan/{ids['draft']}/", {"title": "Lewat token"})
    assert response.status_code == 200
    assert Decree.objects.get(pk=ids["draft"]).history.first().history_user == users.camat


def test_bad_token_is_refused(users, ids):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef")
    assert client.get(f"/api/keputusan/{ids['in_force']}/").status_code in (401, 403)
    response = client.patch(f"/api/keputusan/{ids['in_force']}/", {"title": "X"})
    assert response.status_code in (401, 403)


def test_token_of_a_reader_cannot_write(users, ids):
    token = Token.objects.create(user=users.kepala_seksi)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get(f"/api/keputusan/{ids['draft']}/").status_code == 200
    assert client.patch(f"/api/keputusan/{ids['draft']}/", {"title": "X"}).status_code == 403


# ---------------------------------------------------------------- schema and docs


def test_schema_is_an_openapi_document_with_our_paths(db):
    response = APIClient().get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Kinerja API"
    for path in [
        "/api/organisasi/",
        "/api/organisasi/{code}/",
        "/api/unit/",
        "/api/keputusan/",
        "/api/keputusan/{id}/",
        "/api/keputusan/{id}/document/",
        "/api/keputusan/{id}/salin/",
        "/api/keputusan/{id}/berlakukan/",
        "/api/kinerja-utama/",
        "/api/indikator/",
        "/api/indikator/{id}/arsipkan/",
        "/api/indikator/{id}/pulihkan/",
    ]:
        assert path in schema["paths"], path
    assert "delete" not in schema["paths"]["/api/indikator/{id}/"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_schema_validates_without_warnings(db, tmp_path):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))


def test_docs_page_uses_no_cdn(db):
    response = APIClient().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "drf_spectacular_sidecar" in html
    external = re.findall(r"""(?:src|href)=["'](https?:)?//[^"']+""", html)
    assert external == []
    assert "cdn" not in html.lower()


# ---------------------------------------------------------------- validation errors are 400


def _post(client, path, body):
    response = client.post(path, body, format="json")
    assert response.status_code == 400, (response.status_code, response.content[:300])
    return response.json()


def _indicator_body(ids, **changes):
    return {
        "decree": ids["draft"],
        "goal": ids["draft_goal"],
        "code": "2.9",
        "name": "Uji",
    } | changes


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"decimals": 9}, "decimals", "Ensure this value is less than or equal to 6."),
        ({"decimals": -1}, "decimals", "Ensure this value is greater than or equal to 0."),
        ({"factor": "0"}, "factor", "The factor must be greater than 0."),
        ({"factor": "-5"}, "factor", "The factor must be greater than 0."),
        ({"factor": "lots"}, "factor", "A valid number is required."),
        ({"polarity": "up"}, "polarity", '"up" is not a valid choice.'),
        ({"aggregation": "median"}, "aggregation", '"median" is not a valid choice.'),
        ({"code": "2.1"}, "code", "This decree already has an indicator with this code."),
        ({"name": ""}, "name", "This field may not be blank."),
        ({"goal": "{in_force_goal}"}, "goal", None),
        ({"goal": 999999}, "goal", 'Invalid pk "999999" - object does not exist.'),
    ],
)
def test_indicator_validation(users, ids, changes, field, message):
    changes = {k: ids[v[1:-1]] if isinstance(v, str) and v.startswith("{") else v
               for k, v in changes.items()}  # fmt: skip
    before = row_counts()
    errors = _post(api_client(users.camat), "/api/indikator/", _indicator_body(ids, **changes))
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert row_counts() == before


def test_indicator_responsible_unit_of_another_kecamatan(users, ids, other_kecamatan):
    unit = other_kecamatan.units.get()
    errors = _post(
        api_client(users.camat), "/api/indikator/", _indicator_body(ids, responsible_unit=unit.pk)
    )
    assert errors == {"responsible_unit": ["The unit belongs to another organisation."]}


def test_indicator_in_a_draft_the_user_cannot_see(users, ids):
    errors = _post(api_client(users.outsider), "/api/indikator/", _indicator_body(ids))
    assert errors["decree"] == [f'Invalid pk "{ids["draft"]}" - object does not exist.']


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"organisation": "35.09.26"}, "title", "This field is required."),
        (
            {"organisation": "35.09.26", "title": "X", "number": "065/ 2 /26/2022"},
            "number",
            "This organisation already has a decree with this number.",
        ),
        (
            {"organisation": "35.09.26", "title": "X", "date_signed": "3 Januari 2022"},
            "date_signed",
            None,
        ),
        (
            {"organisation": "35.09.99", "title": "X"},
            "organisation",
            "Object with code=35.09.99 does not exist.",
        ),
        ({"organisation": "35.09", "title": "X"}, "organisation", None),
        ({"organisation": "35.09.26", "title": "X" * 301}, "title", None),
    ],
)
def test_decree_validation(users, ids, body, field, message):
    before = row_counts()
    errors = _post(api_client(users.camat), "/api/keputusan/", body)
    assert field in errors, errors
    if message:
        assert errors[field] == [message]
    assert row_counts() == before


def test_decree_signatory_of_another_kecamatan(users, ids, other_kecamatan):
    from kinerja.organisations.models import Official

    official = Official.objects.create(
        organisation=other_kecamatan, name="Uji", nip="198001012005011002", position="Camat"
    )
    response = api_client(users.camat).patch(
        f"/api/keputusan/{ids['draft']}/", {"signatory": official.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"signatory": ["The signatory belongs to another organisation."]}


def test_in_force_decree_keeps_its_date(users, ids):
    response = api_client(users.camat).patch(
        f"/api/keputusan/{ids['in_force']}/", {"date_signed": None}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"date_signed": ["A decree in force needs its date of signing."]}


def test_put_in_force_errors(users, ids, mayang):
    client = api_client(users.camat)
    response = client.post(f"/api/keputusan/{ids['in_force']}/berlakukan/")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Only a draft can be put in force."]}
    empty = client.post(
        "/api/keputusan/", {"organisation": "35.09.26", "title": "Kosong"}, format="json"
    ).json()
    response = client.post(f"/api/keputusan/{empty['id']}/berlakukan/")
    assert response.status_code == 400
    assert response.json() == {"number": ["A decree in force needs its number."]}
    client.patch(
        f"/api/keputusan/{empty['id']}/",
        {"number": "9/2025", "date_signed": dt.date(2025, 1, 2).isoformat()},
        format="json",
    )
    response = client.post(f"/api/keputusan/{empty['id']}/berlakukan/")
    assert response.json() == {
        "non_field_errors": ["A decree in force needs at least one indicator."]
    }


def test_archived_indicator_cannot_be_changed(users, ids):
    client = api_client(users.camat)
    client.post(f"/api/indikator/{ids['draft_indicator']}/arsipkan/")
    response = client.patch(f"/api/indikator/{ids['draft_indicator']}/", {"name": "X"})
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["An archived indicator cannot be changed."]}


def test_goal_validation(users, ids):
    errors = _post(api_client(users.camat), "/api/kinerja-utama/", {"decree": ids["draft"]})
    assert errors == {"statement": ["This field is required."]}
    errors = _post(
        api_client(users.camat), "/api/kinerja-utama/", {"decree": ids["draft"], "statement": ""}
    )
    assert errors == {"statement": ["This field may not be blank."]}


def test_malformed_json_is_400(users, ids):
    response = api_client(users.camat).generic(
        "POST", "/api/keputusan/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400


def test_objects_do_not_move_between_decrees_or_organisations(users, ids, other_kecamatan):
    client = api_client(users.admin_kabupaten)
    response = client.patch(
        f"/api/keputusan/{ids['draft']}/", {"organisation": "35.09.27"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"organisation": ["A decree cannot move to another organisation."]}
    for path in (
        f"/api/indikator/{ids['draft_indicator']}/",
        f"/api/kinerja-utama/{ids['draft_goal']}/",
    ):
        response = client.patch(path, {"decree": ids["in_force"]}, format="json")
        assert response.status_code == 400
        assert response.json() == {"decree": ["This cannot move to another decree."]}
    # Naming the same organisation or decree again is fine.
    response = client.patch(
        f"/api/keputusan/{ids['draft']}/", {"organisation": "35.09.26"}, format="json"
    )
    assert response.status_code == 200

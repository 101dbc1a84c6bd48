"""Who may open or post to which planning page and endpoint: one table each, applied to all.

Columns: admin_kabupaten, camat, perencana, kepala_seksi, operator_desa, outsider (Camat of
another kecamatan), anonymous. LOGIN = redirect to the login page. A signed PK is public; a draft
PK, the Renstra and the Renja are for Mayang's members only.
"""

from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from kinerja.planning.models import Program
from kinerja.planning.services.agreements import agreement_save, agreement_sign, target_set
from kinerja.planning.services.benchmarks import benchmark_save
from kinerja.planning.services.renja import program_save
from kinerja.planning.services.renstra import renstra_save
from tests.helpers import api_client

ROLES = (
    "admin_kabupaten",
    "camat",
    "perencana",
    "kepala_seksi",
    "operator_desa",
    "outsider",
    "anonymous",
)
LOGIN = "login"
R_ALL = (200,) * 7
MEMBERS = (200, 200, 200, 200, 200, 404, LOGIN)
EDIT_GET = (200, 200, 200, 403, 403, 404, LOGIN)

PAGES: list[tuple[str, dict[str, str], str, tuple[Any, ...]]] = [
    ("planning:agreement-list", {}, "get", R_ALL),
    ("planning:agreement-detail", {"pk": "signed"}, "get", R_ALL),
    ("planning:agreement-detail", {"pk": "draft"}, "get", (200, 200, 200, 200, 200, 404, 404)),
    ("planning:agreement-detail", {"pk": "draft"}, "post", (302, 302, 302, 403, 403, 404, 404)),
    ("planning:agreement-create", {}, "get", (200, 200, 200, 403, 403, 200, LOGIN)),
    ("planning:agreement-edit", {"pk": "draft"}, "get", EDIT_GET),
    ("planning:agreement-edit", {"pk": "signed"}, "get", (200, 200, 200, 403, 403, 403, LOGIN)),
    ("planning:agreement-sign", {"pk": "draft"}, "post", (302, 302, 302, 403, 403, 404, LOGIN)),
    ("planning:agreement-sign", {"pk": "draft"}, "get", (405,) * 6 + (LOGIN,)),
    ("planning:target-revise", {"pk": "signed"}, "post", (200, 200, 200, 403, 403, 403, LOGIN)),
    ("planning:renstra-list", {}, "get", (200, 200, 200, 200, 200, 200, LOGIN)),
    ("planning:renstra-create", {}, "get", (200, 200, 200, 403, 403, 200, LOGIN)),
    ("planning:renstra-detail", {"pk": "renstra"}, "get", MEMBERS),
    ("planning:renstra-detail", {"pk": "renstra"}, "post", (302, 302, 302, 403, 403, 404, LOGIN)),
    ("planning:renstra-edit", {"pk": "renstra"}, "get", EDIT_GET),
    ("planning:renja-list", {}, "get", (200, 200, 200, 200, 200, 200, LOGIN)),
    ("planning:renja-detail", {"code": "code", "year": "year"}, "get", MEMBERS),
    (
        "planning:renja-detail",
        {"code": "code", "year": "year"},
        "post",
        (302, 302, 302, 403, 403, 404, LOGIN),
    ),
    ("planning:program-create", {"code": "code", "year": "year"}, "get", EDIT_GET),
    ("planning:program-edit", {"pk": "program"}, "get", EDIT_GET),
    ("planning:benchmark-index", {}, "get", (302, 302, 302, 302, 302, 302, LOGIN)),
    ("planning:benchmark-detail", {"code": "code", "year": "year"}, "get", MEMBERS),
    (
        "planning:benchmark-detail",
        {"code": "code", "year": "year"},
        "post",
        (200, 200, 200, 403, 403, 404, LOGIN),
    ),
]


@pytest.fixture
def objects(filled, mayang, camat_official):
    signed = agreement_save(
        actor=None,
        organisation=mayang,
        year=2021,
        first_party=camat_official,
        second_party_name="X",
        second_party_position="BUPATI JEMBER",
    )
    from kinerja.iku.models import Indicator
    from tests.planning.conftest import fill  # noqa: F401  (2021 gets targets below)

    for i in Indicator.objects.filter(decree__organisation=mayang, decree__status="in_force"):
        target_set(actor=None, agreement=signed, indicator=i, period="2021", target=90)
    import datetime as dt

    agreement_sign(actor=None, agreement=signed, date_signed=dt.date(2021, 2, 1))
    renstra = renstra_save(
        actor=None, organisation=mayang, title="R", start_year=2021, end_year=2026
    )
    program = program_save(
        actor=None, organisation=mayang, year=2022, level="program", name="P", budget=5
    )
    benchmark = benchmark_save(
        actor=None,
        organisation=mayang,
        indicator=program_indicator(mayang),
        year=2022,
        value="85,5",
        source="rata-rata kecamatan",
    )
    return {
        "benchmark": benchmark.pk,
        "signed": signed.pk,
        "draft": filled.pk,
        "renstra": renstra.pk,
        "program": program.pk,
        "code": mayang.code,
        "year": 2022,
    }


def program_indicator(mayang: Any) -> Any:
    from kinerja.iku.models import Indicator

    return Indicator.objects.get(decree__organisation=mayang, decree__status="in_force", code="2.1")


def _outcome(response: Any) -> Any:
    if response.status_code == 302 and response["Location"].startswith(reverse("login") + "?"):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize(
    ("name", "kwargs", "method", "expected"),
    PAGES,
    ids=[f"{m} {n} {'+'.join(k.values())}" for n, k, m, _e in PAGES],
)
def test_page_matrix(client_as, objects, name, kwargs, method, expected):
    url = reverse(name, kwargs={key: objects[obj] for key, obj in kwargs.items()})
    outcomes = {}
    for role in ROLES:
        with transaction.atomic():
            outcomes[role] = _outcome(getattr(client_as(role), method)(url))
            transaction.set_rollback(True)
    assert outcomes == dict(zip(ROLES, expected, strict=True))


def test_every_planning_page_is_in_the_matrix():
    from kinerja.planning.urls import urlpatterns

    assert {f"planning:{p.name}" for p in urlpatterns} == {name for name, *_ in PAGES}


# API: (method, path, body, expected per role). Anonymous writes are 403 before any lookup.
API = [
    ("get", "/api/perjanjian-kinerja/{signed}/", None, (200, 200, 200, 200, 200, 200, 200)),
    ("get", "/api/perjanjian-kinerja/{draft}/", None, (200, 200, 200, 200, 200, 404, 404)),
    (
        "patch",
        "/api/perjanjian-kinerja/{draft}/",
        {"place": "Mayang"},
        (200, 200, 200, 403, 403, 404, 403),
    ),
    (
        "post",
        "/api/perjanjian-kinerja/{draft}/tandatangani/",
        {},
        (200, 200, 200, 403, 403, 404, 403),
    ),
    ("get", "/api/perjanjian-kinerja/{signed}/revisi/", None, (200, 200, 200, 200, 200, 403, 403)),
    (
        "post",
        "/api/target/",
        {
            "agreement": "{draft}",
            "indicator": "{ind}",
            "period": "2022",
            "target": "91,5",
            "mismatch_reason": "x",
        },
        (201, 201, 201, 403, 403, 400, 403),
    ),
    ("get", "/api/renstra/{renstra}/", None, (200, 200, 200, 200, 200, 404, 404)),
    (
        "post",
        "/api/renstra/{renstra}/target/",
        {"indicator": "{ind}", "year": 2022, "target": "80"},
        (200, 200, 200, 403, 403, 404, 403),
    ),
    ("get", "/api/program/{program}/", None, (200, 200, 200, 200, 200, 404, 404)),
    (
        "post",
        "/api/program/{program}/realisasi/",
        {"period": "2022Q1", "amount": "4"},
        (200, 200, 200, 403, 403, 404, 403),
    ),
    ("get", "/api/pembanding/{benchmark}/", None, (200, 200, 200, 200, 200, 404, 404)),
    (
        "post",
        "/api/pembanding/",
        {"indicator": "{ind}", "year": 2022, "value": "1", "source": "x"},
        (405, 405, 405, 405, 405, 405, 403),
    ),
    ("patch", "/api/pembanding/{benchmark}/", {"value": "1"}, (405,) * 6 + (403,)),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"), API, ids=[f"{m} {p}" for m, p, _b, _e in API]
)
def test_api_matrix(users, objects, ind, method, path, body, expected):
    ids = {**objects, "ind": ind["2.1"].pk}

    def fmt(value: Any) -> Any:
        return (
            int(value.format(**ids)) if isinstance(value, str) and value.startswith("{") else value
        )

    outcomes = {}
    for role in ROLES:
        client = api_client(getattr(users, role))
        data = {k: fmt(v) for k, v in body.items()} if body is not None else None
        with transaction.atomic():
            response = getattr(client, method)(path.format(**ids), data, format="json")
            outcomes[role] = response.status_code
            transaction.set_rollback(True)
    assert outcomes == dict(zip(ROLES, expected, strict=True))


def test_api_lists_hide_drafts_from_outsiders(users, objects):
    def years(role: str) -> set[int]:
        data = api_client(getattr(users, role)).get("/api/perjanjian-kinerja/").json()
        return {row["year"] for row in data["results"]}

    assert years("kepala_seksi") == {2021, 2022}
    assert years("outsider") == {2021} and years("anonymous") == {2021}
    target_periods = api_client(users.anonymous).get("/api/target/").json()["results"]
    assert {t["period"] for t in target_periods} == {"2021"}
    assert api_client(users.anonymous).get("/api/program/").json()["results"] == []


def test_api_benchmarks_for_members_only(users, objects):
    def rows(role: str) -> list[dict[str, Any]]:
        response = api_client(getattr(users, role)).get("/api/pembanding/?year=2022")
        return response.json()["results"] if response.status_code == 200 else []

    assert [(r["indicator_code"], r["value"], r["source"]) for r in rows("kepala_seksi")] == [
        ("2.1", "85.5000", "rata-rata kecamatan")
    ]
    assert rows("outsider") == [] and rows("anonymous") == []


def test_api_patch_changes_what_is_sent_and_keeps_the_rest(users, objects, ind):
    """PATCH of a PK, a Renstra and a program goes through the service with the stored values of
    the fields not sent (the organisation is never changed by it)."""
    client = api_client(users.perencana)
    pk = client.patch(
        f"/api/perjanjian-kinerja/{objects['draft']}/", {"place": "Mayang"}, format="json"
    ).json()
    assert (pk["place"], pk["second_party_position"], pk["year"]) == (
        "Mayang",
        "BUPATI JEMBER",
        2022,
    )
    renstra = client.patch(
        f"/api/renstra/{objects['renstra']}/", {"title": "Renstra baru"}, format="json"
    ).json()
    assert (renstra["title"], renstra["start_year"], renstra["end_year"]) == (
        "Renstra baru",
        2021,
        2026,
    )
    assert renstra["organisation"] == objects["code"]
    program = Program.objects.get(pk=objects["program"])
    program.indicators.set([ind["2.1"]])
    data = client.patch(
        f"/api/program/{objects['program']}/", {"name": "Program baru"}, format="json"
    ).json()
    assert (data["name"], data["level"], data["year"], data["budget"]) == (
        "Program baru",
        "program",
        2022,
        "5.00",
    )
    assert data["indicators"] == [ind["2.1"].pk]

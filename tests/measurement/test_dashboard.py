"""The dashboard page: who sees which kecamatan, what the cells show, completeness and risk."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.measurement.perf_data import indicator, put_target, put_value

pytestmark = pytest.mark.django_db
URL = "/kinerja/"
LOGIN = "login"
ROLES = (
    "admin_kabupaten",
    "camat",
    "perencana",
    "kepala_seksi",
    "operator_desa",
    "outsider",
    "anonymous",
)

# (query string, expected per role: status code, or the organisation code shown, or LOGIN)
MATRIX: list[tuple[str, tuple[Any, ...]]] = [
    ("", ("35.09.26", "35.09.26", "35.09.26", "35.09.26", "35.09.26", "35.09.27", LOGIN)),
    (
        "?organisasi=35.09.26",
        ("35.09.26", "35.09.26", "35.09.26", "35.09.26", "35.09.26", 404, LOGIN),
    ),
    ("?organisasi=35.09.27", ("35.09.27", 404, 404, 404, 404, "35.09.27", LOGIN)),
    ("?organisasi=nope", (404, 404, 404, 404, 404, 404, LOGIN)),
]
CASES = [
    pytest.param(query, role, expected, id=f"{query or 'default'}-{role}")
    for query, row in MATRIX
    for role, expected in zip(ROLES, row, strict=True)
]


def client_for(users: Any, role: str) -> Client:
    client = Client()
    user = getattr(users, role)
    if user.is_authenticated:
        client.force_login(user)
    return client


def test_dashboard_url_is_named():
    assert reverse("measurement:dashboard") == URL


@pytest.mark.parametrize(("query", "role", "expected"), CASES)
def test_permission_matrix(users, query, role, expected):
    response = client_for(users, role).get(URL + query)
    if expected == LOGIN:
        assert response.status_code == 302 and "/masuk/" in response["Location"]
    elif isinstance(expected, int):
        assert response.status_code == expected
    else:
        assert response.status_code == 200
        assert response.context["organisation"].code == expected


def test_outsider_never_sees_mayang_drafts(users, mayang, default_decree):
    put_value(indicator(default_decree, "2.1"), mayang, "2022Q1", 3, 4, status="submitted")
    response = client_for(users, "outsider").get(URL + "?tahun=2022")
    assert response.status_code == 200
    assert "75,00" not in response.content.decode()


def test_cells_show_values_achievement_and_predikat(users, mayang, default_decree):
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", 1, 1, status="approved")
    put_value(ind, mayang, "2022Q2", 9, 10, status="submitted")
    put_value(ind, mayang, "2022Q3", 0, 0, status="draft")
    for q in ("2022Q1", "2022Q2", "2022Q3", "2022Q4", "2022"):
        put_target(ind, mayang, q, 95)
    response = client_for(users, "camat").get(URL + "?tahun=2022")
    html = response.content.decode()
    assert response.status_code == 200
    item = next(i for i in response.context["indicators"] if i["indicator"].code == "2.1")
    q1, q2, q3 = item["lines"][:3]
    # Q1 1/1 = 100 against 95: 100/95 x 100 = 105.26 -> Sangat Tinggi.
    assert (q1["realization"], q1["achievement"], q1["predikat"]) == (
        "100,00",
        "105,26 %",
        "Sangat Tinggi",
    )
    assert q1["components"] == "1 / 1" and q1["status_key"] == "approved"
    # Q2 9/10 = 90 -> 90/95 x 100 = 94.74 -> Sangat Tinggi; status submitted.
    assert (q2["realization"], q2["achievement"]) == ("90,00", "94,74 %")
    assert q2["status_key"] == "submitted"
    # Q3 0/0: no value, shown as an em dash, never 0.
    assert (q3["realization"], q3["achievement"], q3["predikat"]) == ("—", "—", None)
    # Year: (1 + 9 + 0) / (1 + 10 + 0) = 10/11 = 90.91 -> 90.909.../95 x 100 = 95.69.
    assert item["year"]["realization"] == "90,91" and item["year"]["achievement"] == "95,69 %"
    assert 'class="chart"' in html and "<title" in html
    assert "pk--dark-green" in html


def test_completeness_board_and_overdue(users, mayang, default_decree, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2022, 7, 5))
    # TW I deadline 10 April (passed), TW II ends 30 June, deadline 10 July (open on 5 July).
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", 1, 1, status="submitted")
    response = client_for(users, "perencana").get(URL + "?tahun=2022")
    board = {s["name"]: s for s in response.context["board"]}
    pemerintahan = board["Seksi Pemerintahan"]
    tw1, tw2, tw3, tw4 = pemerintahan["cells"]
    # 2.1 submitted for TW I; 2.2 not -> overdue. TW II: 2.1 and 2.2 open. TW III/IV: not due.
    assert [(m.indicator.code, m.overdue) for m in tw1] == [("2.2", True)]
    assert [(m.indicator.code, m.overdue) for m in tw2] == [("2.1", False), ("2.2", False)]
    assert tw3 == [] and tw4 == []
    assert pemerintahan["overdue"] == 1
    html = response.content.decode()
    assert "due--late" in html


def test_projection_flags_at_risk(users, mayang, default_decree):
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", 5, 10)
    put_value(ind, mayang, "2022Q2", 10, 20)
    put_target(ind, mayang, "2022", 80)
    response = client_for(users, "camat").get(URL + "?tahun=2022")
    item = next(i for i in response.context["indicators"] if i["indicator"].code == "2.1")
    # Pooled so far (5 + 10) / (10 + 20) = 50%; 50/80 x 100 = 62.5 < 76 -> at risk.
    assert item["projection"]["value"] == "50,00"
    assert item["projection"]["achievement"] == "62,50 %"
    assert item["projection"]["risk"] == "at_risk"
    assert [p.indicator.code for p in response.context["at_risk"]] == ["2.1"]


def test_default_year_is_latest_with_data(users, mayang, default_decree, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2024, 2, 1))
    put_value(indicator(default_decree, "2.1"), mayang, "2022Q1", 1, 1)
    assert client_for(users, "camat").get(URL).context["year"] == 2022
    # The current year wins once it has data.
    put_value(indicator(default_decree, "2.1"), mayang, "2024Q1", 1, 1)
    assert client_for(users, "camat").get(URL).context["year"] == 2024
    assert client_for(users, "camat").get(URL + "?tahun=2023").context["year"] == 2023

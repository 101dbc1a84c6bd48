"""The SKM staff pages as one section: the sub-navigation on every page, the section's stylesheet,
the read-only questionnaire for members who may not change it, and the user counts per year."""

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.skm import selectors
from kinerja.skm.services import service_user_count_set
from tests.web.html import parse

pytestmark = pytest.mark.django_db

MAYANG = "?organisasi=35.09.26"
NAV = ["skm:index", "skm:instrument", "skm:services", "skm:responses", "skm:paper", "skm:report"]


@pytest.fixture
def camat(users) -> Client:
    client = Client()
    client.force_login(users.camat)
    return client


@pytest.mark.parametrize(
    ("name", "args", "current"),
    [
        ("skm:index", [], "skm:index"),
        ("skm:instrument", [], "skm:instrument"),
        ("skm:services", [], "skm:services"),
        ("skm:user-count", [], "skm:services"),
        ("skm:responses", [], "skm:responses"),
        ("skm:paper", [], "skm:paper"),
        ("skm:report", [], "skm:report"),
        ("skm:poster-page", ["ktp"], "skm:services"),
    ],
)
def test_every_staff_page_has_the_section_nav(camat, instrument, ktp, name, args, current):
    url = reverse(name, args=[ktp.pk for _ in args])
    response = camat.get(url + ("" if args else MAYANG))
    assert response.status_code == 200
    root = parse(response.content)
    nav = root.find("nav", "skm-nav")
    assert nav is not None
    links = nav.find_all("a")
    assert [a.attrs["href"] for a in links] == [reverse(n) + MAYANG for n in NAV]
    assert [a.attrs["href"] for a in links if a.attrs.get("aria-current") == "page"] == [
        reverse(current) + MAYANG
    ]
    sheets = [n.attrs["href"] for n in root.find_all("link") if n.attrs.get("rel") == "stylesheet"]
    assert "/static/skm/skm.css" in sheets


def test_questionnaire_read_only_for_a_member_who_may_not_change_it(users, instrument):
    client = Client()
    client.force_login(users.kepala_seksi)  # Kepala Seksi of another unit than Pelayanan Umum
    root = parse(client.get(reverse("skm:instrument") + MAYANG).content)
    assert not [n for n in root.by_id("main").find_all() if n.tag in ("input", "textarea")]
    table = root.find("table", "skm-table--instrument")
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == 9
    assert rows[0].find("th").text() == "U1" and rows[0].find_all("td")[-1].text() == "1/9"


def test_user_counts_per_year_with_the_sample_checks_total(camat, mayang, ktp, skck):
    # 2022: KTP TW I 10 + TW II 20 = 30; SKCK has a whole-year 100 (which counts) and a TW I 5.
    #   The year's users: 30 + 100 = 130. 2021: KTP TW IV 7.
    for service, year, quarter, users in (
        (ktp, 2022, 1, 10),
        (ktp, 2022, 2, 20),
        (skck, 2022, None, 100),
        (skck, 2022, 1, 5),
        (ktp, 2021, 4, 7),
    ):
        service_user_count_set(actor=None, service=service, year=year, quarter=quarter, users=users)
    years = selectors.service_user_counts(organisation=mayang)
    assert [(y.year, y.users) for y in years] == [(2022, 130), (2021, 7)]
    assert [(r.service, r.quarters, r.whole_year) for r in years[0].rows] == [
        (ktp, (10, 20, None, None), None),
        (skck, (5, None, None, None), 100),
    ]
    assert [(r.service, r.quarters, r.whole_year) for r in years[1].rows] == [
        (ktp, (None, None, None, 7), None)
    ]
    for y in years:
        assert y.users == selectors.service_users(organisation=mayang, year=y.year)
    root = parse(camat.get(reverse("skm:services") + MAYANG).content)
    tables = root.find_all("table", "skm-table--counts")
    assert [t.find("caption").text() for t in tables] == ["2022", "2021"]
    assert tables[0].find("tfoot").find("td").text() == "130"
    assert [td.text() for td in tables[0].find("tbody").find_all("tr")[1].find_all("td")] == [
        "5",
        "—",
        "—",
        "—",
        "100",
    ]

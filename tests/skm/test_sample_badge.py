"""The sample check as a badge on the SKM index page and the report page: the numbers of the
selectors' SampleCheck (Krejcie & Morgan), the words and the colour class from whether it is enough."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.skm.services import responses_store_many, service_user_count_set
from tests.skm.conftest import respondent
from tests.web.html import parse

pytestmark = pytest.mark.django_db

DAY = datetime.date(2022, 2, 10)


def _badge(client: Client, url: str) -> tuple[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    badges = parse(response.content).find_all("p", "sample-badge")
    assert len(badges) == 1
    return badges[0].text(), badges[0].classes


def _pages(client: Client) -> list[tuple[str, list[str]]]:
    query = "?organisasi=35.09.26&tahun=2022"
    return [_badge(client, reverse(name) + query) for name in ("skm:index", "skm:report")]


@pytest.fixture
def staff(users) -> Client:
    client = Client()
    client.force_login(users.kepala_seksi)
    return client


def _store(instrument, service, n: int) -> None:
    items = [respondent(service, [3] * 9, date=DAY) for _ in range(n)]
    responses_store_many(actor=None, instrument=instrument, items=items)


def test_not_enough_1000_users_250_respondents(staff, instrument, ktp, skck):
    # N = 1000 users in 2022 (600 + 400): n = 3.841 * 1000 * 0.25 / (0.0025 * 999 + 3.841 * 0.25)
    #   = 960.25 / 3.45775 = 277.7 -> 278; 250 respondents are not enough.
    service_user_count_set(actor=None, service=ktp, year=2022, quarter=None, users=600)
    service_user_count_set(actor=None, service=skck, year=2022, quarter=None, users=400)
    _store(instrument, ktp, 250)
    for text, classes in _pages(staff):
        assert text == "! Sampel belum cukup: 250 dari minimal 278"
        assert "sample-badge--short" in classes


def test_enough_at_the_minimum_100_users_80_respondents(staff, instrument, ktp):
    # N = 100 as four quarters (20 + 30 + 25 + 25): n = 96.025 / (0.2475 + 0.96025) = 79.5 -> 80.
    for quarter, users in ((1, 20), (2, 30), (3, 25), (4, 25)):
        service_user_count_set(actor=None, service=ktp, year=2022, quarter=quarter, users=users)
    _store(instrument, ktp, 79)
    for text, classes in _pages(staff):
        assert text == "! Sampel belum cukup: 79 dari minimal 80"
        assert "sample-badge--short" in classes
    _store(instrument, ktp, 1)
    for text, classes in _pages(staff):
        assert text == "✓ Sampel cukup: 80 dari minimal 80"
        assert "sample-badge--enough" in classes


def test_thousands_are_written_the_indonesian_way(staff, instrument, ktp):
    # N = 1200 users, 1000 respondents: n = 3.841 * 1200 * 0.25 / (0.0025 * 1199 + 0.96025)
    #   = 1152.3 / 3.95775 = 291.15 -> 291; 1000 respondents are enough, written "1.000".
    service_user_count_set(actor=None, service=ktp, year=2022, quarter=None, users=1200)
    _store(instrument, ktp, 1000)
    for text, classes in _pages(staff):
        assert text == "✓ Sampel cukup: 1.000 dari minimal 291"
        assert "sample-badge--enough" in classes


def test_unknown_without_user_counts(staff, instrument, ktp):
    _store(instrument, ktp, 5)
    for text, classes in _pages(staff):
        assert text == "? Sampel belum dapat dinilai: jumlah pengguna layanan belum diisi"
        assert "sample-badge--unknown" in classes

"""The public SKM results page: anonymous, aggregates only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kinerja.skm import public_views
from tests.skm.skm_data import store_sample


@pytest.fixture
def stored(mayang, users):
    return store_sample(mayang, users.camat)


def url(code="35.09.26", year=2022):
    return reverse("skm:public-results", kwargs={"kode": code, "tahun": year})


def test_anonymous_sees_the_aggregates(client, stored):
    response = client.get(url())
    assert response.status_code == 200
    html = response.content.decode()
    # 5 respondents (tests/skm/skm_data.py): IKM konversi 26.85 x 25 / 9 = 74.58, mutu C
    assert "74,58" in html and "Kurang Baik" in html and "2,983" in html
    assert "Persyaratan" in html and "2,800" in html  # U1: 14 / 5
    assert "<svg" in html  # the chart
    assert ">5<" in html  # respondents
    # TW I alone has 4 respondents: fewer than the minimum, not published on its own
    assert "79,86" not in html


def test_no_personal_data(client, stored):
    html = client.get(url()).content.decode()
    for private in ("Rahasia pribadi", "antrean", "Wirausaha", "SMP", "Swasta"):
        assert private not in html


def test_below_the_minimum_nothing_is_published(client, stored, monkeypatch):
    monkeypatch.setattr(public_views, "PUBLIC_MIN_RESPONDENTS", 6)
    html = client.get(url()).content.decode()
    assert "74,58" not in html
    assert "No results have been published" in html or "Belum ada hasil" in html or "6" in html


def test_unknown_kecamatan_or_year(client, stored):
    assert client.get(url(code="99.99.99")).status_code == 404
    assert client.get(url(code="35.09.26.2001")).status_code == 404  # a village, not a kecamatan
    assert client.get(url(year=1999)).status_code == 404
    assert client.get(url(year=2023)).status_code == 200  # a year without answers: an empty page


def test_mobile_width_and_no_login_link_needed(client, stored):
    html = client.get(url()).content.decode()
    assert 'name="viewport"' in html
    assert 'class="table-wrap"' in html  # tables scroll inside their wrapper at 360 px

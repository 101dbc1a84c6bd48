"""The error pages (400, 403, 404, 500) in the site's layout and in Indonesian, with DEBUG off,
each with a next step: the home page, and the login page for an anonymous visitor refused."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.html import parse

pytestmark = pytest.mark.urls("tests.web.error_urls")


@pytest.fixture(autouse=True)
def _production_like(settings: Any) -> None:
    settings.DEBUG = False
    settings.LANGUAGE_CODE = "id"


def _client(user: Any = None, language: str | None = None) -> Client:
    client = Client()
    client.raise_request_exception = False
    if user is not None:
        client.force_login(user)
    if language:
        client.cookies["django_language"] = language
    return client


def _page(response: Any) -> Any:
    page = parse(response.content)
    # the site's layout: its header with the brand and the language switch, its footer
    assert page.find("header", cls="site-header") is not None
    assert page.find("a", cls="brand").text() == "Kinerja"
    assert page.find("form", cls="lang-switch") is not None
    assert page.find("footer", cls="site-footer") is not None
    return page


def _home_link(page: Any) -> Any:
    main = page.by_id("main")
    return [a for a in main.find_all("a") if a.attrs.get("href") == "/"]


def test_404_in_indonesian_in_the_layout_with_a_way_home(db):
    response = _client().get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert response["Content-Language"] == "id"
    page = _page(response)
    assert page.find("h1").text() == "Halaman tidak ditemukan"
    assert page.find("title").text() == "Halaman tidak ditemukan · Kinerja"
    assert "Halaman ini tidak ada atau sudah dipindahkan." in page.by_id("main").text()
    assert [a.text() for a in _home_link(page)] == ["Ke beranda"]


def test_404_of_an_object_that_does_not_exist(db):
    response = _client().get(reverse("iku:decree-detail", args=[999999]))
    assert response.status_code == 404
    assert _page(response).find("h1").text() == "Halaman tidak ditemukan"


def test_403_anonymous_is_offered_the_login_page_that_comes_back(db):
    response = _client().get("/uji/terlarang/?a=1")
    assert response.status_code == 403
    page = _page(response)
    assert page.find("h1").text() == "Akses ditolak"
    main = page.by_id("main")
    assert "Silakan masuk" in main.text()
    login = [a for a in main.find_all("a") if a.text() == "Masuk"]
    assert [a.attrs["href"] for a in login] == ["/masuk/?next=/uji/terlarang/%3Fa%3D1"]
    assert _home_link(page)
    # the refusal's own words (internal) are not shown
    assert "not for you" not in response.content.decode()


def test_403_of_a_real_page_for_a_member_without_the_role(users):
    """The approval queue is for the Perencana and the Camat; a village operator is refused."""
    response = _client(users.operator_desa).get(reverse("measurement:approval-queue"))
    assert response.status_code == 403
    page = _page(response)
    assert page.find("h1").text() == "Akses ditolak"
    main = page.by_id("main")
    assert "Akun Anda tidak berhak membuka halaman ini." in main.text()
    assert not [a for a in main.find_all("a") if a.text() == "Masuk"]
    assert [a.text() for a in _home_link(page)] == ["Ke beranda"]
    # logged in: the header shows the user and the log-out button
    logout = [f for f in page.find_all("form") if f.attrs.get("action") == reverse("logout")]
    assert logout[0].find("button").text() == "Keluar"


def test_400_in_indonesian(db):
    response = _client().get("/uji/buruk/")
    assert response.status_code == 400
    page = _page(response)
    assert page.find("h1").text() == "Permintaan tidak valid"
    assert _home_link(page)


def test_500_in_the_layout_with_the_user_in_the_header(users):
    response = _client(users.camat).get("/uji/gagal/")
    assert response.status_code == 500
    page = _page(response)
    assert page.find("h1").text() == "Terjadi kesalahan"
    assert "silakan coba lagi" in page.by_id("main").text()
    assert [a.text() for a in _home_link(page)] == ["Ke beranda"]
    assert "camat.mayang" in page.find("header").text()
    assert "a bug in a view" not in response.content.decode()


def test_500_for_an_anonymous_visitor(db):
    response = _client().get("/uji/gagal/")
    assert response.status_code == 500
    assert _page(response).find("h1").text() == "Terjadi kesalahan"


def test_500_still_answers_when_the_layout_itself_fails(users, monkeypatch):
    """The error may come from what the layout needs (the database, say): a plain page then."""

    def broken(user: Any) -> Any:
        raise RuntimeError("database gone")

    monkeypatch.setattr("kinerja.web.context_processors.memberships_of", broken)
    response = _client(users.camat).get("/uji/gagal/")
    assert response.status_code == 500
    page = parse(response.content)
    assert page.find("h1").text() == "Terjadi kesalahan"
    assert [a.attrs["href"] for a in page.find_all("a")] == ["/"]
    assert page.find("header", cls="site-header") is None


def test_error_pages_in_english_when_chosen(users):
    client = _client(language="en")
    assert _page(client.get("/tidak-ada/")).find("h1").text() == "Page not found"
    assert _page(client.get("/uji/terlarang/")).find("h1").text() == "Access denied"
    page = _page(_client(users.camat, language="en").get("/uji/gagal/"))
    assert page.find("h1").text() == "Something went wrong"
    assert [a.text() for a in _home_link(page)] == ["Go to the home page"]

"""Indonesian is the default whatever the browser asks for; English only when chosen."""

from django.test import Client


def test_indonesian_even_when_the_browser_prefers_english(db):
    response = Client().get("/masuk/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "id"


def test_english_after_choosing_it(db):
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/masuk/"})
    assert client.get("/masuk/")["Content-Language"] == "en"


def test_unknown_cookie_value_falls_back_to_indonesian(db):
    client = Client()
    client.cookies["django_language"] = "fr"
    assert client.get("/masuk/")["Content-Language"] == "id"

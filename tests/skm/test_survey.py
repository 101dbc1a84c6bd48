"""The public questionnaire: weight, submission, abuse controls, kiosk mode and the QR poster."""

import io
import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from kinerja.skm import selectors
from kinerja.skm.models import Response
from tests.web.html import Node, parse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _post_data(service: Any, **extra: Any) -> dict[str, Any]:
    data = {
        "service": str(service.pk),
        "gender": "L",
        "age": "41",
        "education": "S1",
        "occupation": "PNS",
        "saran": "Antrean lebih tertib",
        "website": "",
        **{f"u{i}": "3" for i in range(1, 10)},
    }
    data.update(extra)
    return data


def test_page_with_its_assets_weighs_at_most_100_kb(instrument, ktp, skck):
    response = Client().get(reverse("skm:survey", args=[instrument.token]))
    assert response.status_code == 200
    html = response.content
    assets = re.findall(rb'<(?:link|script|img)[^>]+(?:href|src)="([^"]+)"', html)
    total = len(html)
    linked = 0
    for url in assets:
        url = url.decode()
        if url.startswith("data:"):
            total += len(url)
            continue
        assert url.startswith("/static/"), url
        path = finders.find(url.removeprefix("/static/"))
        assert path, url
        with open(path, "rb") as f:
            total += len(f.read())
        linked += 1
    assert linked == 1  # the page's own stylesheet, nothing else
    assert not re.search(rb"<script", html)  # no JavaScript needed
    assert total <= 100 * 1024, total


def test_page_is_accessible_markup(instrument, ktp):
    html = Client().get(reverse("skm:survey", args=[ktp.token])).content.decode()
    # one fieldset per question (9) + profile + sex + saran; each question's own labels
    assert html.count("<legend>") >= 12
    assert "Sangat sopan dan ramah" in html and "Dikelola dengan baik" in html
    assert 'for="id_u1_0"' in html and 'id="id_u1_0"' in html
    # the honeypot is out of the tab order and hidden from screen readers
    assert 'tabindex="-1"' in html and 'aria-hidden="true"' in html


def test_submit_stores_response_and_tally_then_thanks(mayang, instrument, ktp):
    client = Client(enforce_csrf_checks=False)
    url = reverse("skm:survey", args=[ktp.token])
    response = client.post(url, _post_data(ktp))
    assert response.status_code == 302
    assert response["Location"] == reverse("skm:thanks", args=[ktp.token])
    stored = Response.objects.get()
    assert (stored.service, stored.gender, stored.age, stored.channel) == (ktp, "L", 41, "online")
    assert stored.answers.count() == 9
    index = selectors.skm_index(organisation=mayang, year=stored.year)
    # all nine answers 3: IKM 3, konversi 75 exactly, mutu C
    assert index.result.ikm_konversi == 75
    assert index.result.mutu == "C"


def test_post_without_csrf_token_is_refused(instrument, ktp):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("skm:survey", args=[ktp.token]), _post_data(ktp))
    assert response.status_code == 403
    assert Response.objects.count() == 0


def _assert_kept(html: str) -> None:
    assert 'value="41"' in html
    assert "Antrean lebih tertib" in html
    assert re.search(r'value="S1"\s+selected', html)
    assert re.search(r'name="u1" value="3"[^>]*checked', html)


def test_honeypot_refused_and_typed_values_kept(instrument, ktp):
    response = Client().post(
        reverse("skm:survey", args=[ktp.token]), _post_data(ktp, website="http://spam")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    _assert_kept(html)
    assert Response.objects.count() == 0


def test_missing_answer_refused_with_message_and_values_kept(instrument, ktp):
    data = _post_data(ktp)
    del data["u5"]
    response = Client().post(reverse("skm:survey", args=[ktp.token]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="err-u5"' in html
    _assert_kept(html)
    assert Response.objects.count() == 0


def test_duplicate_submission_refused(instrument, ktp):
    client = Client()
    url = reverse("skm:survey", args=[ktp.token])
    assert client.post(url, _post_data(ktp)).status_code == 302
    again = client.post(url, _post_data(ktp))
    assert again.status_code == 409
    _assert_kept(again.content.decode())
    assert Response.objects.count() == 1
    # different answers from the same device are a new respondent
    assert client.post(url, _post_data(ktp, u1="4")).status_code == 302
    assert Response.objects.count() == 2


def test_rate_limit_per_client(instrument, ktp, settings):
    client = Client()
    url = reverse("skm:survey", args=[ktp.token])
    # 10 accepted in the window (each with other answers so none is a duplicate) ...
    for i in range(10):
        assert client.post(url, _post_data(ktp, age=str(20 + i))).status_code == 302
    # ... the 11th is refused, keeping what was typed
    refused = client.post(url, _post_data(ktp))
    assert refused.status_code == 429
    _assert_kept(refused.content.decode())
    assert Response.objects.count() == 10
    # another client (address) is not affected
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(url, _post_data(ktp)).status_code == 302


def test_kiosk_returns_to_an_empty_form(instrument, ktp):
    client = Client()
    url = reverse("skm:kiosk", args=[ktp.token])
    response = client.post(url, _post_data(ktp))
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    html = thanks.content.decode()
    assert f'<meta http-equiv="refresh" content="5;url={url}">' in html
    form = client.get(url).content.decode()
    assert "Antrean lebih tertib" not in form and "checked" not in form
    assert Response.objects.get().channel == "kiosk"
    # the same answers again at the kiosk are the next person, not a duplicate
    assert client.post(url, _post_data(ktp)).status_code == 302
    assert Response.objects.count() == 2


def test_unknown_token_is_404():
    assert Client().get(reverse("skm:survey", args=["nope"])).status_code == 404


def test_qr_poster_png_and_svg_encode_the_form_link(users, instrument, ktp):
    import segno
    from PIL import Image

    client = Client()
    client.force_login(users.kepala_seksi)
    expected = "http://testserver" + reverse("skm:survey", args=[ktp.token])
    svg = client.get(reverse("skm:poster", args=[ktp.pk, "svg"]))
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.lstrip().startswith(b"<?xml") and b"<svg" in svg.content
    png = client.get(reverse("skm:poster", args=[ktp.pk, "png"]))
    assert png["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(png.content)).convert("1")
    # Read the PNG back module by module (scale 10, border 4) and compare with segno's matrix of
    # the expected URL: the poster encodes exactly that link.
    reference = segno.make(expected, error="m")
    size = len(reference.matrix)
    assert image.size == ((size + 8) * 10, (size + 8) * 10)
    for y in range(size):
        for x in range(size):
            dark = image.getpixel(((x + 4) * 10 + 5, (y + 4) * 10 + 5)) == 0
            assert dark == bool(reference.matrix[y][x])


def test_duplicate_check_matches_stored_digest_within_the_window(instrument, ktp):
    import datetime

    from django.utils import timezone

    from kinerja.skm import services
    from tests.skm.conftest import respondent

    def item(**extra: Any) -> services.ResponseInput:
        return respondent(ktp, [3] * 9, **{"fingerprint": "device-a", "saran": " Antre ", **extra})

    assert not services.is_duplicate(item=item())
    services.response_submit(instrument=instrument, item=item())
    stored = Response.objects.get()
    assert stored.answers_digest == item().digest
    assert services.is_duplicate(item=item())
    # the digest ignores blanks around the saran, and covers everything else that was given
    assert services.is_duplicate(item=item(saran="Antre"))
    assert not services.is_duplicate(item=item(age=31))
    assert not services.is_duplicate(item=respondent(ktp, [3] * 9, saran=" Antre "))
    # outside the window it is a new respondent
    Response.objects.update(submitted_at=timezone.now() - datetime.timedelta(seconds=601))
    assert not services.is_duplicate(item=item(), within_seconds=600)
    assert services.is_duplicate(item=item(), within_seconds=700)


def _radio_legends(node: Node, legend: Node | None, out: dict[str, list[Node | None]]) -> None:
    """For each radio input, the legend of the innermost fieldset around it."""
    for child in node.children:
        if not isinstance(child, Node):
            continue
        if child.tag == "fieldset":
            _radio_legends(child, child.find("legend"), out)
        elif child.tag == "input" and child.attrs.get("type") == "radio":
            out.setdefault(child.attrs["name"], []).append(legend)
        else:
            _radio_legends(child, legend, out)


def _has_marker(node: Node | None) -> bool:
    """The visible "*" of a required field, hidden from screen readers (they hear `required`)."""
    return node is not None and any(
        span.text() == "*" and span.attrs.get("aria-hidden") == "true"
        for span in node.find_all("span", "req")
    )


@pytest.mark.parametrize("page", ["service", "instrument", "kiosk"])
def test_required_marks_are_exactly_what_the_server_refuses_without(page, instrument, ktp, skck):
    """Each field is left out of an otherwise valid submission in turn: where the server refuses
    it (400), every input of the field carries `required` and its label or legend the red "*";
    where it accepts it (302), neither."""
    token = instrument.token if page == "instrument" else ktp.token
    url = reverse("skm:kiosk" if page == "kiosk" else "skm:survey", args=[token])
    root = parse(Client().get(url).content)
    controls: dict[str, list[Node]] = {}
    for node in root.find_all():
        if node.tag in ("input", "select", "textarea") and node.attrs.get("type") != "hidden":
            controls.setdefault(node.attrs["name"], []).append(node)
    del controls["website"]  # the honeypot: never filled by people
    legends: dict[str, list[Node | None]] = {}
    _radio_legends(root, None, legends)
    full = _post_data(ktp)
    expected_names = set(full) - {"website"} - ({"service"} if page != "instrument" else set())
    assert set(controls) == expected_names
    refused_without = set()
    for i, name in enumerate(sorted(controls)):
        data = {k: v for k, v in full.items() if k != name}
        status = Client(REMOTE_ADDR=f"10.9.0.{i + 1}").post(url, data).status_code
        assert status in (302, 400), (name, status)
        required = status == 400
        if required:
            refused_without.add(name)
        for node in controls[name]:
            assert ("required" in node.attrs) is required, name
            if node.attrs.get("type") == "radio":
                assert "aria-required" not in node.attrs  # on the group, below
            else:
                label = next(
                    lb for lb in root.find_all("label") if lb.attrs.get("for") == node.attrs["id"]
                )
                assert _has_marker(label) is required, name
        for legend in legends.get(name, []):
            assert _has_marker(legend) is required, name
    # By hand: the profile, the service (when the link does not fix it) and the nine questions
    # are required; only the suggestions are optional.
    hand = {"gender", "age", "education", "occupation", *(f"u{i}" for i in range(1, 10))}
    assert refused_without == hand | ({"service"} if page == "instrument" else set())
    assert "saran" not in refused_without
    # the legend of the marker, and radio groups announced as required
    note = root.by_id("req-note")
    assert note is not None and _has_marker(note) and "wajib diisi" in note.text()
    groups = [f for f in root.find_all("fieldset") if f.attrs.get("role") == "radiogroup"]
    assert len(groups) == 10 and all(f.attrs.get("aria-required") == "true" for f in groups)
    # the browser checks the required fields before sending (no `novalidate`)
    assert "novalidate" not in root.find("form").attrs

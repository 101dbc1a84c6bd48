"""The decree page in a real browser: login as the Camat, the lampiran table, desktop and phone."""

import shutil
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
README_SCREENSHOT = ROOT / "docs" / "screenshot-decree.png"
HEADERS = [
    "NO",
    "KINERJA UTAMA",
    "INDIKATOR KINERJA UTAMA",
    "PENJELASAN / FORMULASI PERHITUNGAN",
    "SUMBER DATA",
    "PENANGGUNG JAWAB",
]


def _login(page, live_server, username, password):
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")  # the home of the user's role


def test_decree_page_desktop_and_phone(browser, live_server, users, default_decree):
    from tests.conftest import PASSWORD

    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _login(page, live_server, users.camat.username, PASSWORD)
    assert "Camat" in page.inner_text(".site-header")

    page.goto(f"{live_server.url}/iku/{default_decree.pk}/")
    assert page.inner_text(".kop__gov") == "PEMERINTAH KABUPATEN JEMBER"
    assert page.inner_text("#lampiran caption").startswith("LAMPIRAN")
    headers = [h.strip() for h in page.locator("#lampiran thead th").all_inner_texts()]
    assert headers == HEADERS
    rows = page.locator("#lampiran tbody tr")
    assert rows.count() == 5
    assert [rows.nth(i).get_attribute("data-code") for i in range(5)] == [
        "1.1",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
    ]
    assert page.locator("#lampiran tbody td.col-goal").count() == 2
    assert page.locator("#lampiran td.col-goal").nth(1).get_attribute("rowspan") == "4"
    assert page.inner_text("#lampiran tbody tr >> nth=0 >> .fraction__num") == (
        "Total dari nilai persepsi per unsur"
    )
    # The fraction bar: numerator sits above the denominator.
    num = page.locator("#lampiran tbody tr >> nth=1 >> .fraction__num").bounding_box()
    den = page.locator("#lampiran tbody tr >> nth=1 >> .fraction__den").bounding_box()
    assert num["y"] + num["height"] <= den["y"] + 1
    desktop = ARTIFACTS / "decree-1280.png"
    page.screenshot(path=str(desktop), full_page=True)
    README_SCREENSHOT.parent.mkdir(exist_ok=True)
    shutil.copyfile(desktop, README_SCREENSHOT)

    page.set_viewport_size({"width": 360, "height": 780})
    page.reload()
    page.screenshot(path=str(ARTIFACTS / "decree-360.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("#lampiran tbody tr").count() == 5
    page.close()


def test_language_switch_in_the_browser(browser, live_server, default_decree):
    page = browser.new_page(viewport={"width": 360, "height": 780})
    page.goto(f"{live_server.url}/iku/")
    assert page.inner_text("h1") == "Keputusan IKU"
    page.click(".lang-switch__option[value=en]")
    page.wait_for_load_state()
    assert page.inner_text("h1") == "IKU decrees"
    assert "3 January 2022" in page.inner_text(".decree-list")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.close()

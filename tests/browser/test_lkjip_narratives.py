"""The LKjIP narrative page in a real browser on a phone (360 px) and a desktop (1280 px): the
text boxes as wide as their card, nothing wider than the screen, the buttons on screen; the
Camat edits the Kata Pengantar, saves it and goes back to the draft."""

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITED = "Kata pengantar yang ditulis sendiri oleh Camat."


def _login(browser, live_server, user, width):
    from tests.conftest import PASSWORD

    page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    return page


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("width", [360, 1280])
def test_narrative_page_fits_the_screen(
    browser, live_server, users, default_decree, artifacts, width
):
    page = _login(browser, live_server, users.camat, width)
    page.goto(f"{live_server.url}/laporan/lkjip-narasi/35.09.26/2022/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    card = _box(page, "#pengantar")
    textarea = _box(page, "#text-pengantar")
    # the box fills the card but its padding (at most 2 x 24 px)
    assert textarea["width"] >= card["width"] - 50
    assert textarea["x"] + textarea["width"] <= width
    save = _box(page, "#pengantar button[value=save]")
    assert save["x"] >= 0 and save["x"] + save["width"] <= width
    page.screenshot(path=str(artifacts / f"lkjip-narratives-{width}.png"), full_page=True)

    page.fill("#text-pengantar", EDITED)
    page.click("#pengantar button[value=save]")
    page.wait_for_load_state()
    assert page.input_value("#text-pengantar") == EDITED
    reset = _box(page, "#pengantar button[value=reset]")
    assert reset["x"] >= 0 and reset["x"] + reset["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts / f"lkjip-narratives-edited-{width}.png"), full_page=True)
    page.click("#pengantar button[value=reset]")
    page.wait_for_load_state()
    assert page.input_value("#text-pengantar").startswith("Puji syukur")

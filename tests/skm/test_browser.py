"""The questionnaire on a phone-sized browser (360 px): fill it with the keyboard and mouse, send,
see the thank-you page; no horizontal scroll. Screenshots go to test-artifacts/."""

import pytest

from tests.browser.conftest import ARTIFACTS, browser  # noqa: F401 (the fixture)

pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_survey_on_a_phone(browser, live_server, instrument, ktp):  # noqa: F811
    from kinerja.skm.models import Response

    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{live_server.url}/skm/isi/{ktp.token}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(ARTIFACTS / "skm-survey-360.png"), full_page=True)
    # Sent empty, the browser itself stops at the first required field (no round trip that
    # sends the respondent back): nothing posted, no server refusal, the first answer focused.
    url = page.url
    page.click("button[type=submit]")
    assert page.url == url and page.locator(".alert").count() == 0
    assert page.evaluate("document.activeElement.id") == "id_gender_0"
    assert not Response.objects.exists()
    page.check("#id_gender_1")
    page.fill("#id_age", "29")
    page.select_option("#id_education", "S1")
    page.select_option("#id_occupation", "Swasta")
    for i in range(1, 10):
        # the label is the touch target: clicking it chooses the answer
        page.click(f"label[for=id_u{i}_3]")
    page.keyboard.press("Tab")
    page.fill("#id_saran", "Terima kasih")
    page.click("button[type=submit]")
    page.wait_for_selector(".ok")
    page.screenshot(path=str(ARTIFACTS / "skm-thanks-360.png"))
    stored = Response.objects.get()
    assert (stored.gender, stored.age, stored.education, stored.saran) == (
        "P",
        29,
        "S1",
        "Terima kasih",
    )
    assert sorted(stored.answers.values_list("value", flat=True)) == [4] * 9

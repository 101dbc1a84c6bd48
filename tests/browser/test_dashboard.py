"""The dashboard at a glance in a real browser: on a phone the indicator column stays while the
other columns scroll, with a hint; on a wide screen no hint, the chart beside the reminders.
Screenshots at 360 and 1280 px."""

import pytest

from tests.browser.test_cycle import _login
from tests.measurement.perf_data import indicator, put_target, put_value

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _data(mayang, default_decree):
    for code, (num, den, target) in {
        "2.1": (9, 10, 95),
        "2.2": (6, 7, 80),
        "2.3": (3, 5, 80),
        "2.4": (4, 4, 80),
    }.items():
        ind = indicator(default_decree, code)
        put_target(ind, mayang, "2022", target)
        put_value(ind, mayang, "2022Q1", num, den, status="approved")
        put_value(ind, mayang, "2022Q2", num, den + 1, status="submitted")


def test_phone_keeps_the_indicator_column(
    browser, live_server, users, mayang, default_decree, artifacts
):
    _data(mayang, default_decree)
    phone = browser.new_page(viewport={"width": 360, "height": 780})
    _login(phone, live_server, users.camat)
    phone.goto(f"{live_server.url}/kinerja/?tahun=2022")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    hint = phone.locator("#summary-h ~ .dash-scroll-hint")
    assert hint.is_visible()
    assert hint.inner_text().endswith("Geser tabel ke samping untuk melihat semua kolom.")
    first = phone.locator("#summary tr[data-code='2.1'] th")
    projection = phone.locator("#summary tr[data-code='2.1'] td").last
    wrap = phone.locator("#summary").locator("xpath=..")
    # The table is wider than its wrapper: the projection column starts off screen.
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")
    before = first.bounding_box()["x"]
    assert projection.bounding_box()["x"] > 360
    wrap.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    # Scrolled to the end: the projection is in view, the indicator column has not moved.
    assert first.bounding_box()["x"] == before
    box = projection.bounding_box()
    assert box["x"] + box["width"] <= 360
    # The chart of the year's achievement comes before the summary table.
    chart = phone.locator("figure.chart-box--achievement svg")
    assert chart.bounding_box()["y"] < phone.locator("#summary").bounding_box()["y"]
    wrap.evaluate("e => { e.scrollLeft = 0; }")
    phone.screenshot(path=str(artifacts / "dashboard-glance-360.png"), full_page=True)


def test_wide_screen_has_no_hint(browser, live_server, users, mayang, default_decree, artifacts):
    _data(mayang, default_decree)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _login(page, live_server, users.camat)
    page.goto(f"{live_server.url}/kinerja/?tahun=2022")
    assert not page.locator(".dash-scroll-hint").first.is_visible()
    chart = page.locator("figure.chart-box--achievement").bounding_box()
    reminders = page.locator("#pengingat").bounding_box()
    assert reminders["x"] > chart["x"] + chart["width"]  # side by side
    page.screenshot(path=str(artifacts / "dashboard-glance-1280.png"), full_page=True)

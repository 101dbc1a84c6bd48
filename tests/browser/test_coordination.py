"""The coordination register in a real browser: the Kepala Seksi Pemerintahan records a meeting
with a recommendation, marks it followed up, and indicator 2.1 moves on its lineage page."""

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_record_meeting_follow_up_and_see_2_1_move(
    browser, live_server, users, default_decree, artifacts
):
    from tests.conftest import PASSWORD

    indicator = default_decree.indicators.get(code="2.1")
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", users.kepala_seksi.username)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()

    lineage = f"{live_server.url}/koordinasi/indikator/{indicator.pk}/2022Q2/"
    page.goto(lineage)
    assert page.inner_text("[data-testid=computed-value]") == "—"  # nothing recorded: 0/0

    page.goto(f"{live_server.url}/koordinasi/")
    page.get_by_role("link", name="Pemerintahan").first.wait_for()
    page.locator(".reg-item", has_text="Seksi Pemerintahan").get_by_role("link").nth(1).click()
    page.fill("#id_title", "Rapat koordinasi batas desa")
    page.fill("#id_date", "2022-05-10")
    page.fill("#id_place", "Pendopo Kecamatan Mayang")
    page.fill("#id_participants", "Polsek Mayang\nKoramil Mayang")
    page.fill("#id_hasil1-text", "Batas Mrawan–Tegalrejo disepakati")
    page.fill("#id_hasil1-rec1_text", "Pasang patok batas")
    page.fill("#id_hasil1-rec1_party", "Kepala Desa Mrawan")
    page.fill("#id_hasil1-rec1_due", "2022-06-30")
    page.screenshot(path=str(artifacts / "coordination-form-360.png"), full_page=True)
    page.click("button[name=submit]")
    page.wait_for_url("**/koordinasi/kegiatan/*/")
    assert "Pasang patok batas" in page.inner_text("main")

    page.goto(lineage)
    # one result, its recommendation not followed up: 0 / 1 × 100 = 0
    assert page.inner_text("[data-testid=numerator]") == "0"
    assert page.inner_text("[data-testid=denominator]") == "1"

    page.go_back()
    page.locator("a", has_text="Catat tindak lanjut").or_(
        page.locator("a", has_text="Record follow-up")
    ).first.click()
    page.select_option("#id_status", "selesai")
    page.fill("#id_date", "2022-06-20")
    page.fill("#id_actor_name", "Kepala Desa Mrawan")
    page.click("form.form button[type=submit]")
    page.wait_for_url("**/koordinasi/kegiatan/*/#rekomendasi-*")

    page.goto(lineage)
    # followed up on 20 June, inside Q2: 1 / 1 × 100 = 100,00
    assert page.inner_text("[data-testid=computed-value]") == "100,00 %"
    assert page.inner_text("[data-testid=numerator]") == "1"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "coordination-lineage-360.png"), full_page=True)

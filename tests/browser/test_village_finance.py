"""The village budget-document register in a real browser, on a phone-sized screen: the operator
of Mrawan hands in the 2022 APBDes by uploading its file (today, by the server's clock: late for a
deadline of 31 December 2021), the Kepala Seksi Pemerintahan confirms that it came on paper on
20 December 2021 and evaluates it as correct, and indicator 2.2 of TW I counts Mrawan on its
lineage page."""

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# the smallest file that passes the upload check (extension + magic bytes)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _login(browser, live_server, user):
    from tests.conftest import PASSWORD

    page = browser.new_context(viewport={"width": 360, "height": 800}).new_page()
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    return page


def test_operator_hands_in_section_evaluates_and_2_2_counts_the_village(
    browser, live_server, users, default_decree, mayang, artifacts, tmp_path
):
    from kinerja.organisations.models import Organisation

    mrawan = Organisation.objects.get(code="35.09.26.2001")
    assert mrawan.name == "Mrawan"
    document = f"{live_server.url}/keuangan-desa/{mayang.pk}/2022/{mrawan.pk}/apbdes/"
    lineage = f"{live_server.url}/keuangan-desa/{mayang.pk}/rincian/2022Q1/"

    operator = _login(browser, live_server, users.operator_desa)
    operator.goto(lineage)
    # nothing handed in: no village counts, 0 of Mayang's 7
    assert operator.locator(".vf-facts dd").nth(0).inner_text().startswith("0 —")
    assert operator.locator(".vf-facts dd").nth(1).inner_text().startswith("7 —")
    operator.goto(document)
    # no date to type: the upload is the handover
    assert operator.locator("#id_submitted_on").count() == 0
    upload = tmp_path / "apbdes-mrawan-2022.pdf"
    upload.write_bytes(PDF)
    operator.set_input_files("#id_file", str(upload))
    operator.screenshot(path=str(artifacts / "village-apbdes-submit-360.png"), full_page=True)
    operator.click("button[name=action][value=submit]")
    operator.wait_for_load_state()
    assert "apbdes-mrawan-2022.pdf" in operator.inner_text("main")
    assert "Menunggu evaluasi" in operator.inner_text("main")
    # the operator may neither evaluate nor confirm a paper date
    assert operator.locator("button[name=action][value=evaluate]").count() == 0
    assert operator.locator("button[name=action][value=confirm_paper]").count() == 0

    section = _login(browser, live_server, users.kepala_seksi)
    section.goto(lineage)
    # uploaded today, after the deadline: not on time, 0 of 7
    assert section.locator(".vf-facts dd").nth(0).inner_text().startswith("0 —")
    section.goto(document)
    section.fill("#id_paper_date", "2021-12-20")
    section.fill("#id_note", "Diterima dalam bentuk kertas, agenda 140/123")
    section.screenshot(path=str(artifacts / "village-apbdes-paper-date-360.png"), full_page=True)
    section.click("button[name=action][value=confirm_paper]")
    section.wait_for_load_state()
    assert "agenda 140/123" in section.inner_text("main")
    section.check("input[name=result][value=benar]")
    section.click("button[name=action][value=evaluate]")
    section.wait_for_load_state()
    assert "Benar" in section.inner_text("main")

    section.goto(lineage)
    # Q1 needs the APBDes only (deadline 31 Dec 2021, on paper 20 Dec as confirmed, correct): 1/7
    assert section.locator(".vf-facts dd").nth(0).inner_text().startswith("1 —")
    assert section.locator(".vf-facts dd").nth(1).inner_text().startswith("7 —")
    assert section.locator(".vf-facts dd").nth(2).inner_text().startswith("14,29")  # 1/7 × 100
    assert "Mrawan" in section.locator("section.card").nth(1).inner_text()
    assert section.evaluate("document.documentElement.scrollWidth") <= 360
    section.screenshot(path=str(artifacts / "village-lineage-360.png"), full_page=True)

"""The realization upload page in a real browser, on a phone and on a desktop: the Perencana
follows the link on the entry list, uploads a file with two bad rows (both listed, nothing
saved), then a good one, reads the preview and saves it."""

import io

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = ["kode_indikator", "periode", "target", "pembilang", "penyebut"]


def _xlsx(path, rows):
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())
    return str(path)


def _login(browser, live_server, user, width):
    from tests.conftest import PASSWORD

    page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    return page


@pytest.mark.parametrize("width", [360, 1280])
def test_perencana_uploads_previews_and_saves(
    browser, live_server, users, default_decree, artifacts, tmp_path, width
):
    from kinerja.measurement.models import IndicatorValue

    default_decree.indicators.update(value_source="manual")
    page = _login(browser, live_server, users.perencana, width)
    page.goto(f"{live_server.url}/kinerja/isian/?tahun=2022&triwulan=1")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts / f"import-entry-list-{width}.png"))
    page.click("text=Impor dari lembar kerja")
    page.wait_for_load_state()
    assert page.url.endswith("/kinerja/impor/?organisasi=35.09.26")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts / f"import-upload-{width}.png"), full_page=True)

    bad = [
        HEADER,
        ["2.1", "2022Q1", None, 9, 10],
        ["9.9", "2022Q1", None, 1, 2],
        ["2.4", "2022Q1", None, 11, 10],
    ]
    page.set_input_files("#id_file", _xlsx(tmp_path / "salah.xlsx", bad))
    page.click("text=Periksa berkas")
    page.wait_for_load_state()
    main = page.inner_text("main")
    assert "2 baris bermasalah; tidak ada yang disimpan." in main
    assert "9.9" in main and "tidak boleh lebih besar" in main
    assert page.locator("button:has-text('Simpan')").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts / f"import-problems-{width}.png"), full_page=True)

    good = [
        HEADER,
        ["2.1", "2022", 80, None, None],
        ["2.1", "2022Q1", None, 9, 10],
        ["2.2", "2022Q1", None, "1.234,5", "2.469"],
        ["2.3", "2022Q2", None, 7, 8],
    ]
    page.click("text=Unggah berkas lain")
    page.wait_for_load_state()
    page.set_input_files("#id_file", _xlsx(tmp_path / "realisasi-2022.xlsx", good))
    page.click("text=Periksa berkas")
    page.wait_for_load_state()
    main = page.inner_text("main")
    assert "3 realisasi · 1 target" in main
    assert "87,50" in main and "1.234,5" in main and "Hanya target." in main
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts / f"import-preview-{width}.png"), full_page=True)
    assert not IndicatorValue.objects.exists()

    page.click("button:has-text('Simpan')")
    page.wait_for_load_state()
    assert "3 realisasi dan 1 target" in page.inner_text("main")
    assert IndicatorValue.objects.count() == 3

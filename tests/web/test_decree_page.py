"""The decree page reads like the signed decree, in Indonesian first and English on request."""

from django.urls import reverse

from kinerja.iku import services
from tests.web.html import parse

# The lampiran of the seed decree: (code, kinerja utama, indicator, numerator, denominator,
# responsible as written).
GOAL_1 = "Meningkatnya Kualitas Pelayanan Publik"
GOAL_2 = (
    "Meningkatnya koordinasi pemerintahan, pembangunan dan penyelenggaraan pemerintahan "
    "wilayah kecamatan"
)
SEED_ROWS = [
    (
        "1.1",
        "Nilai SKM",
        "Total dari nilai persepsi per unsur",
        "Total unsur yang terisi",
        "Seksi Pelayanan Umum",
    ),
    (
        "2.1",
        "Proses rekomendasi hasil koordinasi bidang pemerintahan yang ditindaklanjuti",
        "Jumlah rekomendasi hasil koordinasi bidang pemerintahan yang ditindaklanjuti",
        "Jumlah Hasil Koordinasi bidang pemerintahan",
        "Seksi Pemerintahan",
    ),
    (
        "2.2",
        "Prosentase Desa yang sudah menyusun Dokumen Perencanaan Penganggaran dengan benar "
        "dan tepat waktu",
        "Jumlah Desa yang sudah menyusun APBDes dan SPJ dengan benar dan tepat waktu",
        "Jumlah Desa Se-Kecamatan Mayang",
        "Seksi Pemerintahan",
    ),
    (
        "2.3",
        "Proses rekomendasi hasil koordinasi bidang pemberdayaan masyarakat dan kesejahteraan "
        "sosial yang ditindaklanjuti",
        "Jumlah rekomendasi hasil koordinasi bidang pemberdayaan masyarakat dan kesejahteraan "
        "sosial yang ditindaklanjuti",
        "Jumlah Hasil koordinasi bidang pemberdayaan masyarakat dan kesejahteraan sosial",
        "Seksi pemberdayaan masyarakat dan kesejahteraan sosial",
    ),
    (
        "2.4",
        "Proses rekomendasi hasil koordinasi bidang ketertiban dan ketentaraman umum yang "
        "ditindaklanjuti",
        "Jumlah rekomendasi hasil koordinasi bidang ketertiban dan ketentaraman umum yang "
        "ditindaklanjuti",
        "Jumlah Hasil Koordinasi bidang ketertiban dan ketentaraman umum",
        "Seksi ketertiban dan ketentaraman umum",
    ),
]
HEADERS = [
    "NO",
    "KINERJA UTAMA",
    "INDIKATOR KINERJA UTAMA",
    "PENJELASAN / FORMULASI PERHITUNGAN",
    "SUMBER DATA",
    "PENANGGUNG JAWAB",
]


def _page(client, decree):
    response = client.get(reverse("iku:decree-detail", args=[decree.pk]))
    assert response.status_code == 200
    return parse(response.content)


def test_lampiran_table_shows_the_five_indicators_of_the_seed(client, default_decree):
    table = _page(client, default_decree).by_id("lampiran")
    assert table is not None
    assert table.find("caption").text().startswith("LAMPIRAN")
    assert [th.text() for th in table.find("thead").find_all("th")] == HEADERS
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == 5
    for row, (code, name, numerator, denominator, responsible) in zip(rows, SEED_ROWS, strict=True):
        assert row.attrs["data-code"] == code
        number_within_goal = code.split(".")[1] + "."
        assert row.find(cls="col-indicator").text() == f"{number_within_goal} {name}"
        assert row.find(cls="fraction__num").text() == numerator
        assert row.find(cls="fraction__den").text() == denominator
        assert row.find(cls="formula__factor").text() == "× 100%"
        assert row.find(cls="col-source").text() == "Kecamatan"
        assert row.find(cls="col-responsible").text() == responsible
    # The kinerja utama cell spans its indicators.
    goal_cells = table.find_all("td", cls="col-goal")
    assert [(c.text(), c.attrs["rowspan"]) for c in goal_cells] == [(GOAL_1, "1"), (GOAL_2, "4")]
    assert [c.text() for c in table.find_all("td", cls="col-no")] == ["1.", "2."]


def test_decree_reads_like_the_signed_document(client, default_decree):
    page = _page(client, default_decree)
    assert page.find(cls="kop__gov").text() == "PEMERINTAH KABUPATEN JEMBER"
    assert page.find(cls="kop__office").text() == "KECAMATAN MAYANG"
    assert page.find(cls="kop__address").text() == "JL. RAUNG NO. 49 Telp. (0331) 591032 JEMBER"
    assert page.find(cls="doc-title").text() == "KEPUTUSAN CAMAT MAYANG KABUPATEN JEMBER"
    assert page.find(cls="doc-number").text() == "Nomor : 065/ 2 /26/2022"
    assert page.find(cls="doc-subject").text() == (
        "INDIKATOR KINERJA UTAMA KECAMATAN MAYANG KABUPATEN JEMBER"
    )
    rows = page.find_all(cls="clause-row")
    terms = [r.find(cls="clause-row__term").text() for r in rows]
    assert terms == ["Menimbang", "Mengingat", "Menetapkan"] + [
        "KESATU",
        "KEDUA",
        "KETIGA",
        "KEEMPAT",
        "KELIMA",
        "KEENAM",
    ]
    mengingat = rows[1].find_all(cls="labelled__label")
    assert [label.text() for label in mengingat] == [f"{i}." for i in range(1, 10)]
    keempat_items = rows[6].find_all(cls="labelled__label")
    assert [label.text() for label in keempat_items] == ["a.", "b.", "c.", "d.", "e."]
    signature = page.find(cls="signature")
    assert signature.find(cls="signature__where").text() == (
        "Ditetapkan di : Jember Pada tanggal : 3 Januari 2022"
    )
    assert signature.find(cls="signature__name").text() == "AJIB, S.IP"
    assert signature.find(cls="signature__rank").text() == "Pembina"
    assert signature.find(cls="signature__nip").text() == "NIP. 19730725 199302 1 001"
    profile = [
        (r.find("dt").text(), r.find("dd").text()) for r in page.find_all(cls="profile__row")
    ]
    assert profile[0] == ("Instansi", "KECAMATAN MAYANG")
    assert [p[0] for p in profile] == ["Instansi", "Tujuan", "Tugas", "Fungsi"]
    lampiran_signature = page.find_all(cls="signature")[1]
    assert lampiran_signature.find(cls="signature__place").text() == "Mayang, 3 Januari 2022"


def test_indonesian_by_default_and_english_after_switching(client, default_decree):
    url = reverse("iku:decree-list")
    page = parse(client.get(url).content)
    assert page.find("h1").text() == "Keputusan IKU"
    assert page.find(cls="badge").text() == "Berlaku"
    assert "3 Januari 2022" in page.find(cls="decree-list").text()
    assert page.find("html").attrs["lang"] == "id"

    response = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302
    page = parse(client.get(url).content)
    assert page.find("h1").text() == "IKU decrees"
    assert page.find(cls="badge").text() == "In force"
    assert "3 January 2022" in page.find(cls="decree-list").text()
    assert page.find("html").attrs["lang"] == "en"
    # The decree itself is an Indonesian document and stays so.
    detail = _page(client, default_decree)
    assert "Pada tanggal : 3 Januari 2022" in detail.find(cls="signature__where").text()


def test_header_shows_user_role_and_organisation_and_a_logout_form(client_as):
    page = parse(client_as("camat").get(reverse("iku:decree-list")).content)
    header = page.find("header", cls="site-header")
    assert header.find(cls="who__name").text() == "camat.mayang"
    assert header.find(cls="who__role").text() == "Camat · Kecamatan Mayang"
    logout = [f for f in header.find_all("form") if f.attrs.get("action") == reverse("logout")]
    assert logout and logout[0].attrs["method"] == "post"
    assert page.find("a", cls="skip-link").attrs["href"] == "#main"


def test_decimals_use_a_comma(client_as, default_decree):
    indicator = default_decree.indicators.get(code="1.1")
    response = client_as("camat").get(
        reverse("iku:indicator-edit", args=[default_decree.pk, indicator.pk])
    )
    field = parse(response.content).by_id("id_factor")
    assert field.attrs["value"] == "25"


def test_new_decree_button_only_for_those_allowed(client_as, default_decree):
    def has_button(role):
        page = parse(client_as(role).get(reverse("iku:decree-list")).content)
        return any(a.attrs.get("href") == reverse("iku:decree-create") for a in page.find_all("a"))

    assert has_button("camat") and has_button("perencana") and has_button("admin_kabupaten")
    assert not has_button("kepala_seksi") and not has_button("anonymous")


def test_actions_are_shown_only_to_editors(client_as, default_decree):
    def actions(role):
        page = _page(client_as(role), default_decree)
        toolbar = page.find(cls="toolbar")
        return toolbar.text() if toolbar else ""

    assert "Ubah keputusan" in actions("camat")
    assert "Buat draf baru sebagai salinan keputusan ini" in actions("camat")
    assert "Riwayat" in actions("kepala_seksi")
    assert "Ubah keputusan" not in actions("kepala_seksi")
    assert actions("anonymous") == ""


def test_archived_indicators_are_listed_separately(client_as, default_decree):
    indicator = default_decree.indicators.get(code="2.4")
    services.indicator_archive(actor=None, indicator=indicator)
    page = _page(client_as("anonymous"), default_decree)
    codes = [r.attrs["data-code"] for r in page.by_id("lampiran").find("tbody").find_all("tr")]
    assert codes == ["1.1", "2.1", "2.2", "2.3"]
    archived = page.by_id("archived-title")
    assert archived.text() == "Diarsipkan"
    assert (
        "2.4 Proses rekomendasi hasil koordinasi bidang ketertiban"
        in page.find(cls="archived__list").text()
    )


def test_the_front_door_links_the_decree_list_and_the_decree_in_force(client, default_decree):
    response = client.get("/")
    assert response.status_code == 200  # the front door itself, no redirect
    html = response.content.decode()
    assert 'href="/iku/"' in html  # the public menu
    assert f'href="/iku/{default_decree.pk}/"' in html  # the door to the decree in force
    assert client.get("/iku/").status_code == 200

"""The realization upload page (measurement:import): who may use it, the preview of a good file
with the numbers computed by hand, "Simpan" and the history, every bad row listed with nothing
written, the override reason, a value saved after the preview, and hostile files."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kinerja.measurement import services
from kinerja.measurement import spreadsheet_import as importer
from kinerja.measurement.models import IndicatorValue, WorkflowEvent
from kinerja.planning.models import Target

pytestmark = pytest.mark.django_db

HEADER = ["kode_indikator", "periode", "target", "pembilang", "penyebut"]
GOOD = [
    HEADER,
    ["2.1", "2022", "80", "", ""],  # target only
    ["2.1", "2022Q1", "", "9", "10"],
    ["2.2", "2022Q1", "", "1.234,5", "2.469"],
    ["2.3", "2022Q2", "", "7", "8"],
]
URL = "/kinerja/impor/"


def xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows, encoding="utf-8"):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode(encoding)


def upload(client, data, name="realisasi.xlsx", reason="", organisation=None, mayang=None):
    body = {"step": "upload", "file": SimpleUploadedFile(name, data), "override_reason": reason}
    body["organisation"] = organisation.pk if organisation is not None else mayang.pk
    return client.post(URL, body)


def preview(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "?pratinjau=" in response["Location"]
    return client.get(response["Location"])


def token_of(page):
    return page.context["save_form"].initial["token"]


def nothing_written():
    return not IndicatorValue.objects.exists() and not Target.objects.exists()


def test_url_name():
    assert reverse("measurement:import") == URL
    assert reverse("measurement:import-template") == URL + "templat/"


# ---------------------------------------------------------------- who may import


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin_kabupaten", 200),
        ("camat", 200),
        ("perencana", 200),
        ("kepala_seksi", 403),
        ("operator_desa", 403),
        ("outsider", 200),  # the Camat of another kecamatan, for their own kecamatan
    ],
)
def test_who_may_open_the_page_and_the_template(client_as, role, expected):
    client = client_as(role)
    assert client.get(URL).status_code == expected
    assert client.get(URL + "templat/").status_code == expected


def test_anonymous_is_sent_to_the_login_page(client_as):
    response = client_as("anonymous").get(URL)
    assert response.status_code == 302 and "/masuk/" in response["Location"]


@pytest.mark.parametrize("role", ["kepala_seksi", "operator_desa"])
def test_roles_without_permission_cannot_post(client_as, mayang, ind, role):
    client = client_as(role)
    assert upload(client, xlsx(GOOD), mayang=mayang).status_code == 403
    assert client.post(URL, {"step": "save", "token": "x"}).status_code == 403
    assert nothing_written()


def test_the_camat_of_another_kecamatan_cannot_import_into_mayang(client_as, mayang, ind):
    response = upload(client_as("outsider"), xlsx(GOOD), mayang=mayang)
    assert response.status_code == 400
    assert response.context["form"].errors["organisation"]
    assert nothing_written()


def test_entry_list_links_to_the_page_for_those_who_may_import(client_as, ind):
    entry_list = reverse("measurement:entry-list") + "?tahun=2022&triwulan=1"
    assert 'href="/kinerja/impor/?organisasi=35.09.26"' in (
        client_as("perencana").get(entry_list).content.decode()
    )
    assert "/kinerja/impor/" not in client_as("kepala_seksi").get(entry_list).content.decode()


# ---------------------------------------------------------------- a good file


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_good_file_previews_then_saves_with_the_user_in_the_history(
    client_as, users, mayang, ind, kind
):
    client = client_as("perencana")
    data, name = (xlsx(GOOD), "r.xlsx") if kind == "xlsx" else (csv_bytes(GOOD), "r.csv")
    page = preview(client, upload(client, data, name, mayang=mayang))
    assert page.status_code == 200
    assert page.context["problems"] == []
    rows = {(r["row"].indicator.code, r["row"].period): r for r in page.context["rows"]}
    # by hand: 9/10 × 100 = 90; 1234.5/2469 × 100 = 50; 7/8 × 100 = 87.5; 2.1 2022 target 80
    assert {k: r["row"].value for k, r in rows.items()} == {
        ("2.1", "2022"): None,
        ("2.1", "2022Q1"): Decimal("90"),
        ("2.2", "2022Q1"): Decimal("50"),
        ("2.3", "2022Q2"): Decimal("87.5"),
    }
    assert rows[("2.2", "2022Q1")]["numerator"] == "1.234,5"
    assert rows[("2.2", "2022Q1")]["denominator"] == "2.469"
    assert rows[("2.3", "2022Q2")]["value"] == "87,50"
    assert rows[("2.1", "2022")]["target"] == "80,00"
    assert [r["row"].line for r in page.context["rows"]] == [2, 3, 4, 5]
    html = page.content.decode()
    assert "87,50" in html and "1.234,5" in html and 'name="step" value="save"' in html
    assert "Simpan" in html and "Belum ada yang disimpan" in html
    assert nothing_written()  # the preview's dry run left nothing behind

    response = client.post(URL, {"step": "save", "token": token_of(page)})
    assert response.status_code == 302
    values = {(v.indicator.code, v.period): v for v in IndicatorValue.objects.all()}
    assert {k: (v.numerator, v.denominator, v.value) for k, v in values.items()} == {
        ("2.1", "2022Q1"): (Decimal("9"), Decimal("10"), Decimal("90")),
        ("2.2", "2022Q1"): (Decimal("1234.5"), Decimal("2469"), Decimal("50")),
        ("2.3", "2022Q2"): (Decimal("7"), Decimal("8"), Decimal("87.5")),
    }
    for value in values.values():
        assert value.status == "draft" and value.version == 1
        [record] = value.history.all()
        assert record.history_user == users.perencana and record.history_type == "+"
    target = Target.objects.get(indicator=ind("2.1"), period="2022")
    assert target.target == Decimal("80") and target.agreement.year == 2022
    assert target.history.first().history_user == users.perencana
    message = client.get(response["Location"]).content.decode()
    assert "3 realisasi dan 1 target" in message

    # the kept upload is gone: a second "Simpan" writes nothing more
    again = client.post(URL, {"step": "save", "token": token_of(page)})
    assert again.status_code == 302
    assert IndicatorValue.objects.count() == 3
    assert all(v.history.count() == 1 for v in IndicatorValue.objects.all())


def test_narratives_typed_on_the_page_are_kept_and_the_preview_shows_the_replaced_value(
    client_as, mayang, ind, users
):
    services.value_save(
        actor=users.kepala_seksi,
        indicator=ind("2.1"),
        organisation=mayang,
        period="2022Q1",
        numerator="1",
        denominator="4",
        kendala="Hujan",
    )
    client = client_as("camat")
    page = preview(client, upload(client, xlsx(GOOD[:1] + GOOD[2:3]), mayang=mayang))
    [row] = page.context["rows"]
    assert row["current"] == "25,00"  # 1/4 × 100
    assert "Mengganti realisasi tersimpan (25,00, Draf)" in page.content.decode()
    client.post(URL, {"step": "save", "token": token_of(page)})
    value = IndicatorValue.objects.get()
    assert (value.value, value.kendala, value.version) == (Decimal("90"), "Hujan", 2)
    assert value.history.order_by("-history_id").first().history_user == users.camat


# ---------------------------------------------------------------- bad rows


def test_two_bad_rows_are_both_listed_and_nothing_is_written(client_as, mayang, ind):
    client = client_as("perencana")
    rows = [
        HEADER,
        ["2.1", "2022Q1", "", "9", "10"],  # good
        ["9.9", "2022Q1", "", "1", "2"],  # row 3: unknown indicator
        ["2.4", "2022Q1", "", "11", "10"],  # row 4: numerator above denominator on a %
    ]
    page = preview(client, upload(client, xlsx(rows), mayang=mayang))
    problems = page.context["problems"]
    assert [(p.line, p.column) for p in problems] == [(3, "kode_indikator"), (4, "pembilang")]
    assert page.context["bad_rows"] == 2
    html = page.content.decode()
    assert "2 baris bermasalah; tidak ada yang disimpan." in html
    assert "kode indikator “9.9” tidak dikenal" in html
    assert "tidak boleh lebih besar dari penyebut" in html
    assert 'value="save"' not in html  # no "Simpan" button
    # a forged "Simpan" for this upload is refused too
    token = page.context["recheck_form"].initial["token"]
    response = client.post(URL, {"step": "save", "token": token})
    assert response.status_code == 400
    assert nothing_written()


def test_a_value_saved_after_the_preview_is_not_overwritten(client_as, mayang, ind, users):
    client = client_as("perencana")
    page = preview(client, upload(client, xlsx(GOOD[:1] + GOOD[2:4]), mayang=mayang))
    services.value_save(
        actor=users.kepala_seksi,
        indicator=ind("2.1"),
        organisation=mayang,
        period="2022Q1",
        numerator="3",
        denominator="4",
    )
    response = client.post(URL, {"step": "save", "token": token_of(page)})
    assert response.status_code == 400
    assert [p.line for p in response.context["problems"]] == [2]
    assert "setelah pratinjau" in response.content.decode()
    value = IndicatorValue.objects.get()  # only the Kasi's; 2.2 of row 3 rolled back
    assert (value.indicator.code, value.value) == ("2.1", Decimal("75"))


def test_a_forged_or_stale_token_writes_nothing(client_as, mayang, ind):
    client = client_as("perencana")
    preview(client, upload(client, xlsx(GOOD), mayang=mayang))
    response = client.post(URL, {"step": "save", "token": "0" * 40})
    assert response.status_code == 302
    assert "tidak tersedia lagi" in client.get(response["Location"]).content.decode()
    assert client.get(URL + "?pratinjau=../../etc/passwd").status_code == 302
    assert nothing_written()


def test_an_upload_in_another_tab_makes_the_first_preview_stale(client_as, mayang, ind):
    client = client_as("perencana")
    first = preview(client, upload(client, xlsx(GOOD), mayang=mayang))
    preview(client, upload(client, xlsx(GOOD[:2]), mayang=mayang))
    response = client.post(URL, {"step": "save", "token": token_of(first)})
    assert response.status_code == 302
    assert nothing_written()


# ---------------------------------------------------------------- the override reason


def test_numbers_that_differ_from_the_source_need_the_reason(client_as, mayang, default_decree):
    # 2.2 counts villages from the village register: with no documents it computes 0 of 7
    client = client_as("perencana")
    rows = [HEADER, ["2.2", "2022Q1", "", "5", "7"]]
    page = preview(client, upload(client, xlsx(rows), mayang=mayang))
    [problem] = page.context["problems"]
    assert (problem.line, problem.code) == (2, importer.OVERRIDE_NEEDED)
    assert "(0 / 7)" in problem.message
    assert page.context["needs_reason"]

    recheck = client.post(
        URL,
        {
            "step": "recheck",
            "token": page.context["recheck_form"].initial["token"],
            "override_reason": "Data register belum lengkap",
        },
    )
    page = preview(client, recheck)
    [row] = page.context["rows"]
    assert row["row"].overrides and row["computed"] == "0 / 7"
    assert "Menimpa angka hasil hitung sumber (0 / 7)" in page.content.decode()
    client.post(URL, {"step": "save", "token": token_of(page)})
    value = IndicatorValue.objects.get()
    assert (value.source, value.override_reason) == ("override", "Data register belum lengkap")
    assert value.value.quantize(Decimal("0.0001")) == Decimal("71.4286")  # 5/7 × 100
    event = WorkflowEvent.objects.get(value=value, action="override")
    assert event.actor.username == "perencana.mayang"


def test_the_reason_given_with_the_upload_is_used(client_as, mayang, default_decree):
    client = client_as("perencana")
    rows = [HEADER, ["2.2", "2022Q1", "", "5", "7"]]
    page = preview(client, upload(client, xlsx(rows), reason="Koreksi", mayang=mayang))
    assert page.context["problems"] == [] and page.context["overrides"]
    client.post(URL, {"step": "save", "token": token_of(page)})
    assert IndicatorValue.objects.get().override_reason == "Koreksi"


# ---------------------------------------------------------------- hostile files


def formula_xlsx():
    return xlsx([HEADER, ["2.1", "2022Q1", None, "=SUM(1,8)", 10]])


def broken_xlsx():
    data = xlsx(GOOD)
    return data[: len(data) // 2]


HOSTILE = [
    # (name, bytes, upload refused (400) or previewed with problems, Indonesian text expected)
    (
        "latin1.csv",
        csv_bytes(GOOD[:2] + [["2.1", "2022Q1", "", "9", "10 café"]], "latin-1"),
        400,
        "bukan UTF-8",
    ),
    ("utf16.csv", csv_bytes(GOOD, "utf-16"), 400, "UTF-16"),
    ("besar.csv", csv_bytes([HEADER, ["2.1", "2022Q1", "", "9" * 140_000, "10"]]), 400, "lebih"),
    (
        "panjang.csv",
        csv_bytes([HEADER, ["2.1", "2022Q1", "", "9" * 100_000, "10"]]),
        200,
        "paling banyak 100",
    ),
    (
        "panjang.xlsx",
        xlsx([HEADER, ["2.1", "2022Q1", None, "9" * 140_000, 10]]),
        200,
        "paling banyak 100",
    ),
    ("rusak.xlsx", broken_xlsx(), 400, "mungkin rusak, terpotong"),
    ("palsu.xlsx", b"PK\x03\x04" + b"\x00" * 200, 400, "mungkin rusak, terpotong"),
    ("lembar.csv", xlsx(GOOD), 400, "tidak sesuai dengan jenisnya (.csv)"),
    ("kosong.csv", b"", 400, "Berkas kosong"),
    ("kosong.xlsx", b"", 400, "Berkas kosong"),
    ("judul.csv", csv_bytes([HEADER]), 200, "tidak ada baris di bawah judul"),
    ("rumus.xlsx", formula_xlsx(), 200, "berisi rumus (=SUM(1,8))"),
    (
        "tahun.csv",
        csv_bytes([HEADER, ["2.1", "99999", "", "1", "2"]]),
        200,
        "“99999” bukan periode",
    ),
    ("tahun2.csv", csv_bytes([HEADER, ["2.1", "1999Q1", "", "1", "2"]]), 200, "antara 2000"),
    ("negatif.csv", csv_bytes([HEADER, ["2.1", "2022Q1", "", "-1", "2"]]), 200, "negatif"),
    ("besar2.csv", csv_bytes([HEADER, ["2.1", "2022Q1", "", "9" * 30, "10"]]), 200, "14 angka"),
    ("besar3.xlsx", xlsx([HEADER, ["2.1", "2022Q1", None, 1e300, 10]]), 200, "14 angka"),
    ("besar4.xlsx", xlsx([HEADER, ["2.1", "2022Q1", 10**40, None, None]]), 200, "14 angka"),
    ("lain.pdf", b"%PDF-1.4\n%%EOF\n", 400, "tidak diterima"),
    ("header.csv", csv_bytes([["kode", "periode"], ["2.1", "2022Q1"]]), 400, "Judul kolom harus"),
]


@pytest.mark.parametrize(("name", "data", "status", "text"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_get_a_message_and_write_nothing(
    client_as, mayang, ind, name, data, status, text
):
    client = client_as("perencana")
    response = upload(client, data, name, mayang=mayang)
    if status == 400:
        assert response.status_code == 400
        page = response
    else:
        page = preview(client, response)
        assert page.status_code == 200 and page.context["problems"]
        assert 'value="save"' not in page.content.decode()
    html = page.content.decode()
    assert text in html, html[html.find("<main") :][:3000]
    assert "Traceback" not in html
    assert nothing_written()


def test_a_cell_with_a_formula_names_its_row_and_column(client_as, mayang, ind):
    client = client_as("perencana")
    page = preview(client, upload(client, formula_xlsx(), mayang=mayang))
    [problem] = page.context["problems"]
    assert (problem.line, problem.column) == (2, "pembilang")


# ---------------------------------------------------------------- the template


def test_template_has_the_columns_and_lists_the_indicators(client_as, mayang, ind):
    response = client_as("perencana").get(URL + "templat/")
    assert response["Content-Disposition"] == 'attachment; filename="templat-impor-realisasi.xlsx"'
    assert response["Cache-Control"] == "private, no-store"
    book = load_workbook(io.BytesIO(response.content))
    first = book.worksheets[0]
    assert [c.value for c in first[1]] == HEADER
    codes = [row[0] for row in book["Indikator"].iter_rows(min_row=2, values_only=True)]
    assert codes == ["1.1", "2.1", "2.2", "2.3", "2.4"]


def test_the_filled_template_imports(client_as, mayang, ind):
    client = client_as("perencana")
    book = load_workbook(io.BytesIO(client.get(URL + "templat/").content))
    book.worksheets[0].append(["2.1", "2022Q1", None, 9, 10])
    out = io.BytesIO()
    book.save(out)
    page = preview(client, upload(client, out.getvalue(), mayang=mayang))
    assert [r["row"].value for r in page.context["rows"]] == [Decimal("90")]


def test_admin_kabupaten_chooses_the_kecamatan(client_as, mayang, other_kecamatan, ind):
    client = client_as("admin_kabupaten")
    page = client.get(URL + "?organisasi=35.09.27")
    assert page.context["organisation"] == other_kecamatan
    assert [o.code for o in page.context["organisations"]] == ["35.09.26", "35.09.27"]
    assert not page.context["has_decree"]  # Kecamatan Uji has no decree: no form
    assert 'name="step" value="upload"' not in page.content.decode()
    # a post for it anyway: the preview says why, nothing is written
    preview_page = preview(client, upload(client, xlsx(GOOD), organisation=other_kecamatan))
    [problem] = preview_page.context["problems"]
    assert problem.message == f"{other_kecamatan} tidak memiliki keputusan yang berlaku."
    assert nothing_written()

"""Writing through the pages: decrees with their lists and dicta, kinerja utama, indicators,
copy as draft, put in force, archive and the history of it all."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from kinerja.iku.models import Decree, DecreeStatus, Indicator
from kinerja.organisations.models import Official, Unit
from tests.web.html import parse

DICTA = (
    "KESATU: Indikator Kinerja Utama Kecamatan Mayang\n"
    "\n"
    "KEDUA: bertujuan untuk :\n"
    "(1) Memberikan informasi kinerja\n"
    "(2) Mengukur keberhasilan\n"
    "\n"
    "KETIGA: Keputusan ini mulai berlaku pada tanggal ditetapkan"
)


def _decree_post(mayang, **overrides):
    data = {
        "organisation": str(mayang.pk),
        "number": "065/ 9 /26/2024",
        "title": "Indikator Kinerja Utama Kecamatan Mayang Tahun 2024",
        "place": "Jember",
        "lampiran_place": "Mayang",
        "date_signed": "2024-01-05",
        "effective_date": "",
        "signatory": str(Official.objects.get(nip="19730725 199302 1 001").pk),
        "signatory_title": "CAMAT MAYANG\nKABUPATEN JEMBER",
        "menimbang": "a. bahwa perlu menetapkan IKU;\nb. bahwa berdasarkan pertimbangan huruf a;",
        "mengingat": "1. Undang-Undang Nomor 23 Tahun 2014;\n2. Peraturan Presiden Nomor 29 Tahun 2014",
        "dicta": DICTA,
        "tujuan": "1. Meningkatkan tata kelola pemerintahan",
        "duty": "Koordinasi penyelenggaraan pemerintahan.",
        "fungsi": "a. Menyelenggarakan urusan pemerintahan umum\nb. Mengoordinasikan kegiatan",
    }
    data.update(overrides)
    return data


def test_camat_creates_a_decree_with_lists_and_dicta(client_as, mayang, users):
    client = client_as("camat")
    response = client.post(reverse("iku:decree-create"), _decree_post(mayang))
    decree = Decree.objects.get(number="065/ 9 /26/2024")
    assert response.status_code == 302
    assert response["Location"] == reverse("iku:decree-detail", args=[decree.pk])
    assert decree.status == DecreeStatus.DRAFT
    assert decree.organisation == mayang
    assert decree.date_signed == dt.date(2024, 1, 5)
    assert decree.signatory.name == "AJIB, S.IP"
    clauses = {
        section: [(c.label, c.text) for c in decree.clauses.filter(section=section)]
        for section in ("menimbang", "mengingat", "tujuan", "fungsi")
    }
    assert clauses == {
        "menimbang": [
            ("a.", "bahwa perlu menetapkan IKU;"),
            ("b.", "bahwa berdasarkan pertimbangan huruf a;"),
        ],
        "mengingat": [
            ("1.", "Undang-Undang Nomor 23 Tahun 2014;"),
            ("2.", "Peraturan Presiden Nomor 29 Tahun 2014"),
        ],
        "tujuan": [("1.", "Meningkatkan tata kelola pemerintahan")],
        "fungsi": [
            ("a.", "Menyelenggarakan urusan pemerintahan umum"),
            ("b.", "Mengoordinasikan kegiatan"),
        ],
    }
    dicta = list(decree.dicta.all())
    assert [(d.label, d.text) for d in dicta] == [
        ("KESATU", "Indikator Kinerja Utama Kecamatan Mayang"),
        ("KEDUA", "bertujuan untuk :"),
        ("KETIGA", "Keputusan ini mulai berlaku pada tanggal ditetapkan"),
    ]
    assert [(i.label, i.text) for i in dicta[1].items.all()] == [
        ("(1)", "Memberikan informasi kinerja"),
        ("(2)", "Mengukur keberhasilan"),
    ]
    # The audit history knows who did it.
    assert decree.history.first().history_user == users.camat

    # The page shows it as the document.
    page = parse(client.get(response["Location"]).content)
    assert page.find(cls="doc-number").text() == "Nomor : 065/ 9 /26/2024"
    assert "Pada tanggal : 5 Januari 2024" in page.find(cls="signature__where").text()


def test_edit_form_shows_the_decree_as_typed_and_saves_changes(client_as, draft):
    client = client_as("perencana")
    url = reverse("iku:decree-edit", args=[draft.pk])
    page = parse(client.get(url).content)
    mengingat = page.by_id("id_mengingat").raw_text().lstrip("\n")
    assert mengingat.startswith("1. Undang-Undang Nomor 23 Tahun 2014")
    assert mengingat.count("\n") == 8
    dicta = page.by_id("id_dicta").raw_text()
    assert "KETIGA: Indikator Kinerja Utama sebagaimana dimaksud" in dicta
    assert "\n(1) Memberikan informasi kinerja" in dicta
    assert "\n\nKEEMPAT: " in dicta
    assert page.by_id("id_date_signed").attrs["value"] == "2023-01-02"

    data = {
        "number": "065/ 4 /26/2023",
        "title": draft.title,
        "place": "Jember",
        "lampiran_place": "Mayang",
        "date_signed": "2023-01-02",
        "effective_date": "",
        "signatory": str(draft.signatory_id),
        "signatory_title": draft.signatory_title,
        "menimbang": "a. bahwa diubah;",
        "mengingat": mengingat,
        "dicta": "KESATU: Satu-satunya diktum",
        "tujuan": "",
        "duty": "Tugas baru.",
        "fungsi": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.number == "065/ 4 /26/2023"
    assert draft.duty == "Tugas baru."
    assert [(c.label, c.text) for c in draft.clauses.filter(section="menimbang")] == [
        ("a.", "bahwa diubah;")
    ]
    assert draft.clauses.filter(section="mengingat").count() == 9
    assert draft.clauses.filter(section="tujuan").count() == 0
    assert [d.label for d in draft.dicta.all()] == ["KESATU"]


def test_invalid_input_keeps_what_was_typed_and_explains_in_indonesian(client_as, mayang):
    client = client_as("camat")
    typed_menimbang = "a. bahwa ini harus tetap ada;\nb. dan ini juga"
    bad_dicta = "KESATU: benar\n\nbaris tanpa label diktum"
    response = client.post(
        reverse("iku:decree-create"),
        _decree_post(mayang, title="", dicta=bad_dicta, menimbang=typed_menimbang),
    )
    assert response.status_code == 200
    assert not Decree.objects.filter(number="065/ 9 /26/2024").exists()
    page = parse(response.content)
    assert page.find(cls="form-errors").text().startswith("Mohon perbaiki kesalahan di bawah ini.")
    assert page.by_id("id_title_errors").text() == "Bidang ini harus diisi."
    assert page.by_id("id_dicta_errors").text() == (
        'Setiap diktum diawali dengan labelnya dan titik dua, misalnya "KESATU: ...". '
        'Baris ini tidak demikian: "baris tanpa label diktum"'
    )
    assert page.by_id("id_menimbang").raw_text().lstrip("\n") == typed_menimbang
    assert page.by_id("id_dicta").raw_text().lstrip("\n") == bad_dicta
    assert page.by_id("id_number").attrs["value"] == "065/ 9 /26/2024"


def test_duplicate_number_is_refused_by_the_service_with_an_indonesian_message(
    client_as, mayang, default_decree
):
    response = client_as("camat").post(
        reverse("iku:decree-create"), _decree_post(mayang, number=default_decree.number)
    )
    assert response.status_code == 200
    assert (
        "Organisasi ini sudah memiliki keputusan dengan nomor ini."
        in parse(response.content).find(cls="form-errors").text() + parse(response.content).text()
    )
    assert Decree.objects.filter(number=default_decree.number).count() == 1


def test_organisation_choice_is_limited_to_kecamatan_the_user_may_change(client_as, mayang):
    page = parse(client_as("camat").get(reverse("iku:decree-create")).content)
    options = [
        o.text() for o in page.by_id("id_organisation").find_all("option") if o.attrs["value"]
    ]
    assert options == ["Kecamatan Mayang"]
    response = client_as("outsider").post(reverse("iku:decree-create"), _decree_post(mayang))
    assert response.status_code == 200
    assert "id_organisation_errors" in response.content.decode()
    assert not Decree.objects.filter(number="065/ 9 /26/2024").exists()


def test_copy_as_draft_then_put_in_force_supersedes_the_previous_decree(client_as, default_decree):
    client = client_as("camat")
    response = client.post(reverse("iku:decree-copy", args=[default_decree.pk]))
    copy = Decree.objects.exclude(pk=default_decree.pk).get()
    assert response["Location"] == reverse("iku:decree-detail", args=[copy.pk])
    assert copy.status == DecreeStatus.DRAFT
    assert copy.replaces == default_decree
    assert list(copy.indicators.values_list("code", flat=True)) == [
        "1.1",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
    ]

    # Without a number it cannot be put in force: the page says why.
    response = client.post(reverse("iku:decree-put-in-force", args=[copy.pk]), follow=True)
    assert "Keputusan yang berlaku harus memiliki nomor." in response.content.decode()
    copy.refresh_from_db()
    assert copy.status == DecreeStatus.DRAFT

    Decree.objects.filter(pk=copy.pk).update(number="065/ 1 /26/2025", date_signed="2025-01-02")
    response = client.post(reverse("iku:decree-put-in-force", args=[copy.pk]), follow=True)
    assert "Keputusan kini berlaku." in response.content.decode()
    copy.refresh_from_db()
    default_decree.refresh_from_db()
    assert copy.status == DecreeStatus.IN_FORCE
    assert copy.effective_date == dt.date(2025, 1, 2)
    assert default_decree.status == DecreeStatus.SUPERSEDED
    badge = parse(client.get(reverse("iku:decree-detail", args=[default_decree.pk])).content)
    assert badge.find(cls="badge").text() == "Dicabut/Diganti"


def test_add_kinerja_utama_and_indicator(client_as, draft):
    client = client_as("camat")
    response = client.post(
        reverse("iku:goal-create", args=[draft.pk]),
        {"statement": "Meningkatnya kualitas perencanaan desa"},
    )
    assert response.status_code == 302
    goal = draft.goals.get(order=3)
    assert goal.statement == "Meningkatnya kualitas perencanaan desa"

    unit = Unit.objects.get(organisation=draft.organisation, name="Seksi Pemerintahan")
    data = {
        "goal": str(goal.pk),
        "code": "3.1",
        "name": "Persentase desa dengan RKPDes tepat waktu",
        "definition": "RKPDes ditetapkan paling lambat akhir September",
        "numerator_definition": "Jumlah desa dengan RKPDes tepat waktu",
        "denominator_definition": "Jumlah desa",
        "factor": "12,5",
        "factor_text": "× 100%",
        "unit": "%",
        "polarity": "higher",
        "aggregation": "last",
        "decimals": "1",
        "data_source": "Kecamatan",
        "responsible_unit": str(unit.pk),
        "responsible_text": "Seksi Pemerintahan",
    }
    response = client.post(reverse("iku:indicator-create", args=[draft.pk]), data)
    assert response.status_code == 302
    indicator = draft.indicators.get(code="3.1")
    assert indicator.goal == goal
    assert indicator.order == 1
    assert indicator.factor == Decimal("12.5")
    assert indicator.aggregation == "last"
    assert indicator.responsible_unit == unit

    page = parse(client.get(reverse("iku:decree-detail", args=[draft.pk])).content)
    row = [r for r in page.by_id("lampiran").find_all("tr") if r.attrs.get("data-code") == "3.1"]
    assert row[0].find(cls="formula__definition").text() == (
        "RKPDes ditetapkan paling lambat akhir September"
    )
    assert row[0].find(cls="fraction__den").text() == "Jumlah desa"

    # Editing: the unit of another kecamatan is not a choice.
    foreign = Unit.objects.exclude(organisation=draft.organisation).first()
    response = client.post(
        reverse("iku:indicator-edit", args=[draft.pk, indicator.pk]),
        {**data, "responsible_unit": str(foreign.pk), "name": "Nama baru"},
    )
    assert response.status_code == 200
    assert "id_responsible_unit_errors" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.name == "Persentase desa dengan RKPDes tepat waktu"

    response = client.post(
        reverse("iku:indicator-edit", args=[draft.pk, indicator.pk]), {**data, "name": "Nama baru"}
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Nama baru"


def test_indicator_with_a_duplicate_code_is_refused_and_kept_as_typed(client_as, draft):
    goal = draft.goals.get(order=1)
    response = client_as("camat").post(
        reverse("iku:indicator-create", args=[draft.pk]),
        {
            "goal": str(goal.pk),
            "code": "1.1",
            "name": "Indikator kembar",
            "factor": "100",
            "factor_text": "× 100%",
            "unit": "%",
            "polarity": "higher",
            "aggregation": "ratio",
            "decimals": "2",
        },
    )
    assert response.status_code == 200
    page = parse(response.content)
    assert (
        "Keputusan ini sudah memiliki indikator dengan kode ini."
        in page.find(cls="form-errors").text()
        + page.by_id("id_code").attrs.get("value", "")
        + response.content.decode()
    )
    assert page.by_id("id_name").text() == "Indikator kembar"
    assert draft.indicators.filter(name="Indikator kembar").count() == 0


def test_archive_asks_for_confirmation_then_archives(client_as, draft):
    client = client_as("camat")
    indicator = draft.indicators.get(code="2.2")
    url = reverse("iku:indicator-archive", args=[draft.pk, indicator.pk])
    page = parse(client.get(url).content)
    assert "Arsipkan indikator 2.2" in page.find("main").text()
    indicator.refresh_from_db()
    assert indicator.archived_at is None

    response = client.post(url)
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.archived_at is not None
    assert Indicator.objects.filter(pk=indicator.pk).exists()  # archived, never deleted
    # An archived indicator cannot be edited or archived again through the pages.
    assert (
        client.get(reverse("iku:indicator-edit", args=[draft.pk, indicator.pk])).status_code == 404
    )
    assert client.post(url).status_code == 404


def test_history_shows_who_changed_what(client_as, draft, users):
    client = client_as("camat")
    indicator = draft.indicators.get(code="2.1")
    data = {
        "goal": str(indicator.goal_id),
        "code": "2.1",
        "name": indicator.name,
        "definition": "",
        "numerator_definition": indicator.numerator_definition,
        "denominator_definition": indicator.denominator_definition,
        "factor": "100",
        "factor_text": "× 100%",
        "unit": "%",
        "polarity": "higher",
        "aggregation": "ratio",
        "decimals": "2",
        "data_source": "Register koordinasi",
        "responsible_unit": str(indicator.responsible_unit_id),
        "responsible_text": indicator.responsible_text,
    }
    response = client.post(reverse("iku:indicator-edit", args=[draft.pk, indicator.pk]), data)
    assert response.status_code == 302

    page = parse(
        client_as("kepala_seksi").get(reverse("iku:decree-history", args=[draft.pk])).content
    )
    newest = page.find_all(cls="history__entry")[0]
    assert newest.find(cls="history__who").text() == "camat.mayang"
    assert newest.find(cls="history__what").text().startswith("Diubah indikator: 2.1 Proses")
    assert (
        newest.find(cls="history__changes").text() == "Sumber data: Kecamatan → Register koordinasi"
    )

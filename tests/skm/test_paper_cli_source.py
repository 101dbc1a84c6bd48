"""Paper import/export, the CLI without a database, and the IKU 1.1 source."""

import datetime
import json
import os
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.core.periods import Period
from kinerja.iku.models import Indicator
from kinerja.measurement.sources import compute_from_source
from kinerja.skm import paper
from kinerja.skm.models import Answer, AnswerTally, Response
from kinerja.skm.services import responses_import, responses_store_many, skm_refresh_iku
from tests.skm.conftest import respondent

REPO = Path(__file__).resolve().parents[2]
HEADER = "tanggal,layanan,jenis_kelamin,usia,pendidikan,pekerjaan,u1,u2,u3,u4,u5,u6,u7,u8,u9,saran"


def _rows(text: str):
    return paper.read_rows("isi.csv", text.encode())


@pytest.mark.django_db
def test_import_good_file_stores_every_row(mayang, instrument, ktp, skck):
    text = "\n".join(
        [
            HEADER,
            "2022-01-05,Rekomendasi KTP-el/KK,L,30,SMA,PNS,4,4,4,4,4,4,4,4,4,",
            "15/07/2022,surat pengantar skck,Perempuan,,S1,wirausaha,1,1,1,1,1,1,1,,1,Lebih cepat",
        ]
    )
    report = responses_import(actor=None, instrument=instrument, rows=_rows(text))
    assert report.ok and report.stored == 2
    second = Response.objects.get(service=skck)
    assert (second.date, second.quarter, second.gender, second.age) == (
        datetime.date(2022, 7, 15),
        3,
        "P",
        None,
    )
    assert second.channel == "paper" and second.answers.count() == 8


@pytest.mark.django_db
def test_import_bad_file_reports_every_bad_row_and_writes_nothing(mayang, instrument, ktp):
    text = "\n".join(
        [
            HEADER,
            "2022-01-05,Rekomendasi KTP-el/KK,L,30,SMA,PNS,4,4,4,4,4,4,4,4,4,",  # good
            "2022-13-40,Rekomendasi KTP-el/KK,L,30,SMA,PNS,4,4,4,4,4,4,4,4,4,",  # date
            "2022-01-05,Ojek,X,12,SMA,PNS,4,5,4,4,4,4,4,4,4,",  # service, sex, age, u2
            "2022-01-05,Rekomendasi KTP-el/KK,L,30,SMA,PNS,,,,,,,,,,",  # nothing answered
        ]
    )
    report = responses_import(actor=None, instrument=instrument, rows=_rows(text))
    assert not report.ok and report.stored == 0
    lines = [line for line, _ in report.errors]
    assert lines == [3, 4, 4, 4, 4, 5]
    reasons = " | ".join(reason for _, reason in report.errors)
    assert "tanggal" in reasons and "'Ojek'" in reasons and "u2: '5'" in reasons
    assert Response.objects.count() == 0 and Answer.objects.count() == 0
    assert AnswerTally.objects.count() == 0


@pytest.mark.django_db
def test_import_page_and_export_round_trip(mayang, instrument, ktp, users):
    client = Client()
    client.force_login(users.perencana)
    template = client.get(reverse("skm:paper") + "?template=csv")
    assert template.content.decode("utf-8-sig").splitlines()[0] == HEADER
    xlsx = client.get(reverse("skm:paper") + "?template=xlsx")
    assert xlsx.content[:2] == b"PK"
    good = (
        HEADER + "\n2022-02-01,Rekomendasi KTP-el/KK,P,44,D3,Swasta,3,3,3,3,3,3,3,3,3,ok\n"
    ).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("skm:paper"), {"file": SimpleUploadedFile("isi.csv", good, "text/csv")}
    )
    assert response.status_code == 302 and Response.objects.count() == 1
    bad = good.replace(b",3,ok", b",9,ok")
    response = client.post(
        reverse("skm:paper"), {"file": SimpleUploadedFile("isi.csv", bad, "text/csv")}
    )
    assert response.status_code == 400 and "u9" in response.content.decode()
    assert Response.objects.count() == 1
    exported = client.get(reverse("skm:responses") + "?tahun=2022&format=csv")
    lines = exported.content.decode("utf-8-sig").splitlines()
    assert lines[1].startswith(
        "2022-02-01,Rekomendasi KTP-el/KK,P,44,D3,Swasta,3,3,3,3,3,3,3,3,3,ok,paper"
    )


def _cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    data_dir = tmp_path / "data"
    data_dir.mkdir(exist_ok=True)
    env = {**os.environ, "KINERJA_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "kinerja", "skm", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert list(data_dir.iterdir()) == []  # no database file was created
    return result


def test_cli_hitung_json_exact_values(tmp_path):
    csv_file = tmp_path / "skm.csv"
    csv_file.write_text(
        "nama,u1,u2,u3,u4,u5,u6,u7,u8,u9\na,4,4,3,4,3,3,4,2,3\nb,3,3,3,4,3,4,4,,3\n",
        encoding="utf-8",
    )
    result = _cli("hitung", str(csv_file), "--format", "json", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    # sums U1..U9: 7 7 6 8 6 7 8 2(1 answer) 6; NRR 3.5 3.5 3 4 3 3.5 4 2 3; sum NRR = 29.5
    # IKM = 29.5/9 = 59/18 = 3.2777..; konversi = 59/18*25 = 1475/18 = 81.944.. -> B Baik
    assert doc["responden"] == 2
    assert [u["jumlah_nilai"] for u in doc["unsur"]] == [7, 7, 6, 8, 6, 7, 8, 2, 6]
    assert doc["unsur"][7] == {
        "kode": "U8",
        "jumlah_jawaban": 1,
        "jumlah_nilai": 2,
        "nrr": 2.0,
        "nrr_tertimbang": float(Fraction(2, 9)),
    }
    assert doc["ikm"] == float(Fraction(59, 18))
    assert doc["ikm_konversi"] == float(Fraction(1475, 18))
    assert (doc["mutu"], doc["kinerja"]) == ("B", "Baik")


def test_cli_hitung_names_line_and_column_of_a_bad_value(tmp_path):
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("u1,u2\n4,4\n3,x\n", encoding="utf-8")
    result = _cli("hitung", str(csv_file), tmp_path=tmp_path)
    assert result.returncode != 0
    assert "baris 3" in result.stderr and "kolom u2" in result.stderr and "'x'" in result.stderr


def test_cli_sampel(tmp_path):
    assert _cli("sampel", "--populasi", "100", tmp_path=tmp_path).stdout.strip() == "80"
    assert _cli("sampel", "--populasi", "1000", tmp_path=tmp_path).stdout.strip() == "278"
    out = _cli("sampel", "--populasi", "1000", "--format", "json", tmp_path=tmp_path).stdout
    assert json.loads(out) == {"populasi": 1000, "sampel": 278}


@pytest.mark.django_db
def test_source_of_iku_1_1_is_the_ikm_konversi_of_the_period(
    mayang, default_decree, instrument, ktp
):
    indicator = Indicator.objects.get(decree=default_decree, code="1.1")
    assert indicator.value_source == "skm"
    responses_store_many(
        actor=None,
        instrument=instrument,
        items=[
            respondent(ktp, [4] * 9, date=datetime.date(2022, 2, 1)),
            respondent(ktp, [3] * 9, date=datetime.date(2022, 2, 2)),
            respondent(ktp, [2] * 9, date=datetime.date(2022, 8, 2)),
        ],
    )
    # Q1: NRR 3.5 for each unsur -> IKM 3.5, konversi 87.5; numerator IKM x 9 = 31.5, denominator 9
    q1 = compute_from_source(indicator, mayang, Period.parse("2022Q1"))
    assert (q1.numerator, q1.denominator, q1.value) == (
        Decimal("31.5"),
        Decimal(9),
        Decimal("87.5"),
    )
    assert q1.records[0].url.endswith(f"tahun=2022&triwulan=1&layanan={ktp.pk}")
    # year: NRR 3 -> konversi 75; semester 2: only the 2s -> 50
    assert compute_from_source(indicator, mayang, Period.parse("2022")).value == Decimal(75)
    assert compute_from_source(indicator, mayang, Period.parse("2022S2")).value == Decimal(50)
    assert compute_from_source(indicator, mayang, Period.parse("2022-02")).value == Decimal("87.5")
    # the refresh goes through the measurement service (a draft value, source "skm")
    (value,) = skm_refresh_iku(actor=None, organisation=mayang, period="2022")
    assert (value.value, value.source, value.status) == (Decimal(75), "skm", "draft")


def test_row_parser_reads_workbook_cells_exactly(mayang, instrument, ktp):
    """Cells from a workbook are numbers, dates or booleans: each is judged by its own value
    (True is not the answer 1), whatever text cells were seen before."""
    from kinerja.skm.services import ServiceType

    services = {s.name.casefold(): s for s in ServiceType.objects.filter(organisation=mayang)}
    parser = paper.RowParser(services=services, codes=[f"U{i}" for i in range(1, 10)])
    base = {
        "tanggal": "2022-01-05",
        "layanan": "Rekomendasi KTP-el/KK",
        "jenis_kelamin": "L",
        "usia": "30",
        "pendidikan": "SMA",
        "pekerjaan": "PNS",
        **{f"u{i}": "1" for i in range(1, 10)},
    }
    item, problems = parser.parse(base)
    assert problems == [] and item.answers["U1"] == 1 and item.age == 30
    item, problems = parser.parse(
        {**base, "u1": 4.0, "usia": 31.0, "tanggal": datetime.datetime(2022, 2, 3, 9, 0)}  # noqa: DTZ001 (a cell)
    )
    assert problems == [] and item.answers["U1"] == 4 and item.age == 31
    assert item.date == datetime.date(2022, 2, 3)
    _item, problems = parser.parse({**base, "u1": True})
    assert problems == ["u1: 'True' must be 1, 2, 3, 4 or empty"]
    _item, problems = parser.parse({**base, "tanggal": "2022-02-30", "usia": "14"})
    assert [p.split(":")[0] for p in problems] == ["tanggal", "usia"]
    _item, problems = parser.parse({k: v for k, v in base.items() if k != "u9"})
    assert problems == ["missing column(s): u9"]


def test_read_rows_short_rows_unnamed_and_extra_cells():
    text = "Tanggal,,layanan\n2022-01-05,x,KTP,extra\n2022-01-06\n,,\n"
    assert paper.read_rows("a.csv", text.encode()) == [
        (2, {"tanggal": "2022-01-05", "layanan": "KTP"}),
        (3, {"tanggal": "2022-01-06", "layanan": None}),
    ]


@pytest.mark.django_db
def test_downloads_name_their_type_and_file(mayang, instrument, ktp, users):
    xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    client = Client()
    client.force_login(users.perencana)
    expected = {
        reverse("skm:paper") + "?template=csv": ("text/csv; charset=utf-8", "template-skm.csv"),
        reverse("skm:paper") + "?template=xlsx": (xlsx_type, "template-skm.xlsx"),
        reverse("skm:responses") + "?tahun=2022&format=csv": (
            "text/csv; charset=utf-8",
            "skm-2022.csv",
        ),
        reverse("skm:responses") + "?tahun=2022&format=xlsx": (xlsx_type, "skm-2022.xlsx"),
        reverse("skm:report") + "?tahun=2022&format=xlsx": (
            xlsx_type,
            "laporan-skm-mayang-2022.xlsx",
        ),
    }
    for url, (content_type, filename) in expected.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == content_type, url
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"', url
        # raw answers and sarans: kept by no shared cache, never sniffed into something else
        assert response["Cache-Control"] == "private, no-store", url
        assert response["X-Content-Type-Options"] == "nosniff", url

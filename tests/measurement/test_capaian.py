"""`kinerja capaian` (JSON and XLSX) and GET /api/capaian/: exact rows of a hand-made dataset."""

import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import load_workbook

from kinerja.iku.models import Indicator
from tests.measurement.perf_data import indicator, put_target, put_value

pytestmark = pytest.mark.django_db


CORE_KEYS = (
    "kode_indikator", "periode", "target", "pembilang", "penyebut", "realisasi", "capaian",
    "predikat",
)  # fmt: skip


def run(*args: str) -> Any:
    out = io.StringIO()
    call_command("capaian", *args, stdout=out)
    return json.loads(out.getvalue())


def core(rows: Any) -> Any:
    """The numbers of the rows without their lineage (tested in test_lineage.py)."""
    if isinstance(rows, dict):
        return {k: rows[k] for k in CORE_KEYS}
    return [core(r) for r in rows]


def empty(code: str, period: str) -> dict[str, Any]:
    return {
        "kode_indikator": code,
        "periode": period,
        "target": None,
        "pembilang": None,
        "penyebut": None,
        "realisasi": None,
        "capaian": None,
        "predikat": None,
    }


@pytest.fixture
def dataset(mayang, default_decree):
    """2.1: Q1 1/1 approved, Q2 9/10 submitted, Q3 0/0 draft; targets Q1 100, Q2 95, year 90.
    2.2 (set lower-better for the test): Q1 value 6.5 approved against 7."""
    i21 = indicator(default_decree, "2.1")
    put_value(i21, mayang, "2022Q1", 1, 1, status="approved")
    put_value(i21, mayang, "2022Q2", 9, 10, status="submitted")
    put_value(i21, mayang, "2022Q3", 0, 0, status="draft")
    put_target(i21, mayang, "2022Q1", 100)
    put_target(i21, mayang, "2022Q2", 95)
    put_target(i21, mayang, "2022", 90)
    Indicator.objects.filter(decree=default_decree, code="2.2").update(polarity="lower")
    i22 = indicator(default_decree, "2.2")
    put_value(i22, mayang, "2022Q1", value="6.5", status="approved")
    put_target(i22, mayang, "2022Q1", 7)


EXPECTED_21 = [
    # 1/1 x 100 = 100 against 100 -> 100 %, Sangat Tinggi
    {
        **empty("2.1", "2022Q1"),
        "target": 100,
        "pembilang": 1,
        "penyebut": 1,
        "realisasi": 100,
        "capaian": 100,
        "predikat": "Sangat Tinggi",
    },
    # 9/10 = 90 against 95 -> 94.736842... -> 94.7368 (4 decimals half-up), Sangat Tinggi
    {
        **empty("2.1", "2022Q2"),
        "target": 95,
        "pembilang": 9,
        "penyebut": 10,
        "realisasi": 90,
        "capaian": 94.7368,
        "predikat": "Sangat Tinggi",
    },
    # 0/0: no value, never 0
    {**empty("2.1", "2022Q3"), "pembilang": 0, "penyebut": 0},
    empty("2.1", "2022Q4"),
    # year: (1 + 9 + 0)/(1 + 10 + 0) = 90.909090... -> 90.9091; /90 x 100 = 101.0101... -> 101.0101
    {
        **empty("2.1", "2022"),
        "target": 90,
        "pembilang": 10,
        "penyebut": 11,
        "realisasi": 90.9091,
        "capaian": 101.0101,
        "predikat": "Sangat Tinggi",
    },
]
# lower-better: (2 - 6.5/7) x 100 = 107.142857... -> 107.1429
EXPECTED_22_Q1 = {**empty("2.2", "2022Q1"), "target": 7, "realisasi": 6.5,
                  "capaian": 107.1429, "predikat": "Sangat Tinggi"}  # fmt: skip


def test_json_exact_output(dataset):
    rows = run("--tahun", "2022")
    assert len(rows) == 5 * 5  # five indicators x (four quarters + the year)
    assert [r["kode_indikator"] for r in rows[::5]] == ["1.1", "2.1", "2.2", "2.3", "2.4"]
    assert core(rows[5:10]) == EXPECTED_21
    assert core(rows[10]) == EXPECTED_22_Q1
    assert core(rows[0]) == empty("1.1", "2022Q1")
    # stored by hand: the lineage says so
    assert (rows[5]["sumber"], rows[5]["rincian"]) == ("manual", [])
    # numbers are JSON numbers, not strings
    out = io.StringIO()
    call_command("capaian", "--tahun", "2022", "--organisasi", "35.09.26", stdout=out)
    assert '"capaian": 94.7368' in out.getvalue() and '"target": null' in out.getvalue()


def test_xlsx_reads_back_the_same_numbers(dataset, tmp_path):
    target = tmp_path / "capaian.xlsx"
    call_command("capaian", "--tahun", "2022", "--format", "xlsx", "--output", str(target))
    sheet = load_workbook(target).active
    values = list(sheet.iter_rows(values_only=True))
    header = list(values[0])
    assert tuple(header[: len(CORE_KEYS)]) == CORE_KEYS
    records = [dict(zip(header, row, strict=True)) for row in values[1:]]
    assert core(records) == core(run("--tahun", "2022"))
    assert records[6]["capaian"] == 94.7368 and records[9]["realisasi"] == 90.9091


def test_json_to_file_and_unknown_organisation(dataset, tmp_path):
    target = tmp_path / "capaian.json"
    call_command("capaian", "--tahun", "2022", "--output", str(target))
    assert core(json.loads(target.read_text(encoding="utf-8"))[5:10]) == EXPECTED_21
    with pytest.raises(CommandError):
        call_command("capaian", "--tahun", "2022", "--organisasi", "99.99")


def test_api_equals_command_for_members(dataset, users):
    client = Client()
    client.force_login(users.perencana)
    response = client.get("/api/capaian/", {"tahun": 2022})
    assert response.status_code == 200
    assert response.json() == run("--tahun", "2022")


def test_api_public_gets_approved_values_only(dataset, users):
    # The PK is signed (perf_data signs it), so its targets are public; Q2 (submitted) and
    # Q3 (draft) are left out, so the year is Q1 alone: 1/1 = 100 against 90 -> 111.1111.
    for client in (Client(), _logged_in(users.outsider)):
        rows = client.get("/api/capaian/", {"tahun": "2022", "organisasi": "35.09.26"}).json()
        by = {(r["kode_indikator"], r["periode"]): r for r in rows}
        assert core(by[("2.1", "2022Q1")]) == EXPECTED_21[0]
        assert core(by[("2.1", "2022Q2")]) == {**empty("2.1", "2022Q2"), "target": 95}
        assert by[("2.1", "2022Q3")]["pembilang"] is None
        assert by[("2.1", "2022")]["realisasi"] == 100
        assert by[("2.1", "2022")]["capaian"] == 111.1111


def _logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


API_MATRIX = [
    # role, status, sees the submitted Q2 of 2.1
    ("admin_kabupaten", 200, True),
    ("camat", 200, True),
    ("perencana", 200, True),
    ("kepala_seksi", 200, True),
    ("operator_desa", 200, True),
    ("outsider", 200, False),
    ("anonymous", 200, False),
]


@pytest.mark.parametrize(("role", "status", "sees_draft"), API_MATRIX)
def test_api_permission_matrix(dataset, users, role, status, sees_draft):
    user = getattr(users, role)
    client = _logged_in(user) if user.is_authenticated else Client()
    response = client.get("/api/capaian/", {"tahun": "2022"})
    assert response.status_code == status
    q2 = next(
        r for r in response.json() if (r["kode_indikator"], r["periode"]) == ("2.1", "2022Q2")
    )
    assert (q2["realisasi"] == 90) is sees_draft


def test_api_validation(users):
    client = Client()
    assert client.get("/api/capaian/").status_code == 400
    assert "tahun" in client.get("/api/capaian/", {"tahun": "dua"}).json()
    assert client.get("/api/capaian/", {"tahun": "2022", "organisasi": "99"}).status_code == 404


def test_decimal_export_rounding_is_half_up():
    from kinerja.measurement.selectors import _export_number

    assert _export_number(Decimal("90.90905"), 4) == 90.9091
    assert _export_number(Decimal("100.0000"), 4) == 100
    assert _export_number(None) is None
